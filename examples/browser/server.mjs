#!/usr/bin/env node
// Serves the browser example: the page, the library as a browser ESM bundle, and a stand-in Assistants server that
// streams a run slowly (in small byte chunks, split inside characters and events, as networks do).
//
//   npm run build && node examples/browser/server.mjs     then open the printed URL
//
// scripts/browser-test.mjs drives the same page in headless Chromium.
import { createServer } from 'node:http';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, extname, normalize } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { EventEmitter } from 'node:events';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { toSSE, textRunEvents } from '../../dist/testing.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');

export const DEFAULT_ANSWER =
  'Streams arrive in pieces: « déjà vu » ✓, 日本語, emoji 🚀🌍. ' +
  'Each fragment is validated, accumulated and rendered as soon as its last byte lands. ' +
  'Unsubscribing cancels the read, and the browser closes the request.';

/**
 * Bundles dist/index.js with its dependencies (io-ts, fp-ts, eventsource-parser) and rxjs into browser ESM files:
 * `rx-assistant-stream.js` and `rxjs.js`, sharing one copy of rxjs.
 */
export async function buildBrowserBundle(outDir) {
  const bundle = await rollup({
    input: { 'rx-assistant-stream': join(root, 'dist', 'index.js'), rxjs: 'rxjs' },
    plugins: [
      nodeResolve({ browser: true, exportConditions: ['browser', 'es2015', 'import', 'default'], preferBuiltins: false }),
    ],
    onwarn(warning, warn) {
      if (warning.code !== 'THIS_IS_UNDEFINED' && warning.code !== 'CIRCULAR_DEPENDENCY') warn(warning);
    },
  });
  try {
    const { output } = await bundle.write({
      dir: outDir,
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
    });
    return output.filter((file) => file.type === 'chunk').map((file) => file.fileName);
  } finally {
    await bundle.close();
  }
}

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.map': 'application/json' };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts the example server on 127.0.0.1 (port 0: any free one).
 * `server.streams` emits `'stream'` with `{ id, closed, totalBytes, terminalOffset }` for each run stream request,
 * where `closed` resolves to `{ aborted, bytesSent }` once the response is over (aborted: the client went away before
 * the end) and `terminalOffset` is where the frame of the run's terminal event ends.
 */
export async function startExampleServer({ bundleDir, answer = DEFAULT_ANSWER, port = 0 } = {}) {
  const streams = new EventEmitter();
  const sockets = new Set();
  let nextId = 1;

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (url.pathname === '/run-stream') return streamRun(url, req, res);
      const file =
        url.pathname === '/'
          ? join(here, 'index.html')
          : url.pathname === '/app.js'
            ? join(here, 'app.js')
            : url.pathname.startsWith('/lib/')
              ? join(bundleDir, normalize(url.pathname.slice('/lib/'.length)).replace(/^(\.\.[/\\])+/, ''))
              : null;
      if (file === null) return send(res, 404, 'text/plain', 'not found');
      send(res, 200, types[extname(file)] ?? 'application/octet-stream', await readFile(file));
    } catch (error) {
      send(res, error?.code === 'ENOENT' ? 404 : 500, 'text/plain', String(error?.message ?? error));
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  // ?delay=<ms between chunks>&chunk=<bytes per chunk>&stall=1 (stall: write half the stream, then wait for the
  // client to leave, as a server that is slow to answer; a test of Stop then never depends on how fast the page is)
  async function streamRun(url, req, res) {
    const delay = Math.max(0, Number(url.searchParams.get('delay') ?? 15));
    const chunkSize = Math.max(1, Number(url.searchParams.get('chunk') ?? 61));
    const stall = url.searchParams.get('stall') === '1';
    const events = textRunEvents(answer);
    const bytes = Buffer.from(toSSE(events), 'utf8');
    // Where the frame of the terminal event (thread.run.completed) ends, before the closing `done` frame.
    const terminalOffset = Buffer.byteLength(toSSE(events, { done: false }), 'utf8');
    const id = nextId++;
    let bytesSent = 0;
    // Aborted: the client went away before the server had written the whole stream. A client that closes right after
    // the last byte (untilRunTerminal releasing the body) saw a finished run.
    const closed = new Promise((resolve) => res.on('close', () => resolve({ aborted: !res.writableEnded, bytesSent })));
    streams.emit('stream', { id, closed, totalBytes: bytes.length, terminalOffset });
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.flushHeaders();
    const stallAt = stall ? Math.floor(bytes.length / 2) : Infinity;
    for (let offset = 0; offset < bytes.length; offset += chunkSize) {
      if (res.destroyed || req.destroyed) return;
      if (offset >= stallAt) return; // the response stays open until the client closes it
      const chunk = bytes.subarray(offset, Math.min(offset + chunkSize, stallAt));
      bytesSent += chunk.length;
      if (bytesSent === bytes.length) return void res.end(chunk);
      res.write(chunk);
      await sleep(delay);
    }
    res.end();
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: actualPort } = server.address();
  return {
    url: `http://127.0.0.1:${actualPort}/`,
    answer,
    streams,
    /** Stops listening and ends every open connection. */
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function send(res, status, type, body) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

// Standalone: `node examples/browser/server.mjs [port]`.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const bundleDir = await mkdtemp(join(tmpdir(), 'rx-assistant-stream-bundle-'));
  await buildBrowserBundle(bundleDir);
  const server = await startExampleServer({ bundleDir, port: Number(process.argv[2] ?? 8080) });
  console.log(`Open ${server.url} (add ?delay=60 for a slower stream). Ctrl-C to stop.`);
  server.streams.on('stream', ({ id, closed }) => {
    console.log(`stream ${id}: started`);
    closed.then(({ aborted, bytesSent }) =>
      console.log(`stream ${id}: ${aborted ? 'aborted by the client' : 'finished'} after ${bytesSent} bytes`),
    );
  });
  process.once('SIGINT', async () => {
    await server.close();
    await rm(bundleDir, { recursive: true, force: true });
    process.exit(0);
  });
}
