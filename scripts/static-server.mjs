// A static file server on 127.0.0.1 for the browser tests: the files of one directory, nothing above it.
import { createServer, request } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.map': 'application/json' };

/**
 * Serves `dir` on a free loopback port (`/` is index.html). `proxy` maps a path to a URL it is forwarded to, body
 * and answer streamed both ways (a backend's `/api/runs` in front of the mock server); the client closing its
 * request closes the forwarded one. `backend` maps a path to a URL that is POSTed `body` instead of the page's own
 * (a backend that starts the run itself), its answer streamed back the same way.
 * @param {string} dir
 * @param {{ proxy?: Record<string, string>, backend?: Record<string, { url: string, body: unknown }> }} [options]
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startStaticServer(dir, { proxy = {}, backend = {} } = {}) {
  const sockets = new Set();
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (Object.hasOwn(proxy, path)) return forward(req, res, proxy[path]);
    if (Object.hasOwn(backend, path)) return startRun(req, res, backend[path]);
    const file = join(dir, normalize(path === '/' ? 'index.html' : path.slice(1)).replace(/^(\.\.[/\\])+/, ''));
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function forward(req, res, target) {
  const { host: _host, ...headers } = req.headers;
  const upstream = request(target, { method: req.method, headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => res.destroy());
  res.on('close', () => upstream.destroy());
  req.pipe(upstream);
}

function startRun(req, res, { url, body }) {
  req.resume(); // the page's own body is the backend's business: it is read and dropped
  const upstream = request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => res.destroy());
  res.on('close', () => upstream.destroy());
  upstream.end(JSON.stringify(body));
}
