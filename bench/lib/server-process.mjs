// The loopback server of the concurrency bench, in a process of its own, so that the bench process measures its
// clients alone. Its settings come as JSON in BENCH_SERVER ({ sse, pacing, lifetimeMs }); it prints { url, kind }
// then a line { open } every 50 ms (answers being sent), and stops when its stdin closes (the bench is done, or
// died), on SIGTERM, or after lifetimeMs (default 5 minutes), whichever comes first.
import { nodeEntry } from './dist.mjs';
import { startLoopbackSseServer } from './sse-server.mjs';

const { sse, pacing = 0, lifetimeMs = 300_000 } = JSON.parse(process.env.BENCH_SERVER ?? '{}');
let server;
let kind;
if (typeof nodeEntry?.startMockServer === 'function') {
  server = await nodeEntry.startMockServer({ host: '127.0.0.1', scenario: { type: 'transcript', start: { sse } }, pacing });
  kind = 'startMockServer (dist/node.js)';
} else {
  server = await startLoopbackSseServer({ sse, pacing, lifetimeMs });
  kind = 'bench/lib/sse-server.mjs (fallback: dist/node.js not built)';
}
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await server.close();
  process.exit(0);
};
setTimeout(stop, lifetimeMs).unref();
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
setInterval(() => process.stdout.write(`${JSON.stringify({ open: server.openRequests() })}\n`), 50);
process.stdout.write(`${JSON.stringify({ url: server.url, baseURL: server.baseURL, kind })}\n`);
