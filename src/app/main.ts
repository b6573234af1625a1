/**
 * The web app's entry point (index.html loads it): starts the app controller (app.ts) and exposes its
 * debugging hooks.
 */
import './styles.css';
import { App } from './app.ts';
import { installDebugHooks } from './debug-hooks.ts';

const app = new App();
installDebugHooks(app);

app.boot().catch((e: unknown) => {
  const box = document.getElementById('errors');
  if (box) box.textContent = `The app failed to start: ${e instanceof Error ? e.message : String(e)}`;
  console.error(e);
});
