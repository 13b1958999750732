// A minimal loopback SSE server for the concurrency bench, used only when the package's own mock server
// (dist/node.js `startMockServer`) is not built. 127.0.0.1 only; it answers every POST with the same transcript,
// one write per frame, `pacing` ms apart, and it closes itself after `lifetimeMs` whatever happens.
import { createServer } from 'node:http';

export async function startLoopbackSseServer({ sse, pacing = 0, lifetimeMs = 120_000 }) {
  const frames = sse.split(/(?<=\n\n)/);
  const sockets = new Set();
  let open = 0;
  const server = createServer((req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(404).end();
      return;
    }
    req.resume();
    open++;
    res.on('close', () => open--);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    let i = 0;
    const next = () => {
      if (res.destroyed) return;
      if (i >= frames.length) {
        res.end();
        return;
      }
      res.write(frames[i++]);
      if (pacing > 0) setTimeout(next, pacing);
      else setImmediate(next);
    };
    next();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  const close = () =>
    new Promise((resolve) => {
      clearTimeout(killer);
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  const killer = setTimeout(close, lifetimeMs);
  killer.unref();
  const url = `http://127.0.0.1:${port}`;
  return { url, baseURL: `${url}/v1`, openRequests: () => open, close, configure: () => {} };
}
