import { main } from './main.ts';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`trapworld: internal error: ${String(e)}\n`);
    process.exitCode = 1;
  },
);
