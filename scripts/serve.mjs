// Serves the built app (dist/app) on 127.0.0.1. `npm start` builds it first; the e2e tests import
// `startServer` to serve it on a free port. sirv serves the files found under the root when the server
// starts (and nothing else: no directory listings, no dotfiles, no path outside the root) with their
// content types, ETags and `max-age=0, must-revalidate`, on loopback only. Rebuilding the app needs a
// restart, as `npm start` does.
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

/** Starts a static server for `root`; resolves with the server and its URL. */
export function startServer({ root = 'dist/app', port = 0, host = '127.0.0.1' } = {}) {
  const files = sirv(resolve(root), {
    etag: true,
    maxAge: 0,
    setHeaders: (res) => res.setHeader('x-content-type-options', 'nosniff'),
  });
  const server = createServer((req, res) =>
    files(req, res, () => res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')),
  );
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const url = `http://${host}:${typeof address === 'object' && address ? address.port : port}/`;
      resolvePromise({ server, url });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 4173);
  const { url } = await startServer({ port }).catch(async (e) => {
    if (e.code !== 'EADDRINUSE') throw e;
    console.log(`port ${port} is busy; using a free one`);
    return startServer({ port: 0 });
  });
  console.log(`trapworld app: ${url}`);
  console.log('(Ctrl+C to stop)');
}
