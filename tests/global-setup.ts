import { execFileSync } from 'node:child_process';

/** CLI tests run the built JavaScript, exactly as `npx trapworld` does, so build it once first. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' });
}
