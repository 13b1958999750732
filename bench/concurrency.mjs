// 1,000 simultaneous run streams in one Node process, over loopback HTTP, through the package as users get it:
// createAssistantsClient(...).createRun(...) -> untilRunTerminal() -> textDeltas(), each stream's text checked.
// Two passes: `paced` (the server writes one frame every few ms, so every stream is open at once: peak concurrency
// and memory per stream) and `unpaced` (frames as fast as they go: total throughput).
// Run: node --expose-gc bench/concurrency.mjs [--json] [--streams=1000]
import { fileURLToPath } from 'node:url';
import { lastValueFrom, reduce } from 'rxjs';
import { lib, testing, nodeEntry } from './lib/dist.mjs';
import { startLoopbackSseServer } from './lib/sse-server.mjs';

const { createAssistantsClient, untilRunTerminal, textDeltas } = lib;
const { generateSSE, emptyStats } = testing;

const arg = (name, fallback) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
};
const STREAMS = arg('streams', 1000);
const DEADLINE_MS = 180_000;
const deadline = setTimeout(() => {
  console.error(`concurrency bench: still running after ${DEADLINE_MS / 1000}s, giving up`);
  process.exit(2);
}, DEADLINE_MS);
deadline.unref();

const gc = globalThis.gc ?? (() => {});

// One spec-shaped run of ~20 KB, played to every stream; what each stream must rebuild is its texts, in order.
const expectedTexts = [];
const stats = emptyStats();
const sse = [...generateSSE({ targetSize: 20_000, singleRun: true, seed: 42, onMessage: (_id, text) => expectedTexts.push(text) }, stats)].join('');
const expected = expectedTexts.join('');
const frames = sse.split(/(?<=\n\n)/).length;

async function startServer(pacing) {
  if (typeof nodeEntry?.startMockServer === 'function') {
    const server = await nodeEntry.startMockServer({ host: '127.0.0.1', scenario: { type: 'transcript', start: { sse } }, pacing });
    return { server, kind: 'startMockServer (dist/node.js)' };
  }
  return { server: await startLoopbackSseServer({ sse, pacing }), kind: 'bench/lib/sse-server.mjs (fallback)' };
}

async function pass(pacing) {
  const { server, kind } = await startServer(pacing);
  const client = createAssistantsClient({ baseURL: server.baseURL, apiKey: 'sk-bench' });
  gc();
  const baseHeap = process.memoryUsage().heapUsed;
  const baseRss = process.memoryUsage().rss;
  let peakHeap = baseHeap;
  let peakRss = baseRss;
  let open = 0;
  let peakOpen = 0;
  let peakServerOpen = 0;
  let liveHeapPerOpenStream;
  const sampler = setInterval(() => {
    const { heapUsed, rss } = process.memoryUsage();
    if (heapUsed > peakHeap) peakHeap = heapUsed;
    if (rss > peakRss) peakRss = rss;
    const serverOpen = server.openRequests();
    if (serverOpen > peakServerOpen) peakServerOpen = serverOpen;
    // Once (nearly) every stream is open at the server: the live heap (after a full gc) per open stream, which
    // counts the client's and the server's side of each connection, both being in this process.
    if (liveHeapPerOpenStream === undefined && serverOpen >= 0.9 * STREAMS && pacing > 0) {
      gc();
      liveHeapPerOpenStream = (process.memoryUsage().heapUsed - baseHeap) / serverOpen;
    }
  }, 20);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const results = await Promise.allSettled(
    Array.from({ length: STREAMS }, (_, i) => {
      open++;
      if (open > peakOpen) peakOpen = open;
      return lastValueFrom(
        client.createRun(`thread_${i}`, { assistant_id: 'asst_bench' }).pipe(
          untilRunTerminal(),
          textDeltas(),
          reduce((text, fragment) => text + fragment, ''),
        ),
      ).finally(() => open--);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuUsage = process.cpuUsage(cpu);
  clearInterval(sampler);
  await server.close();
  const ok = results.filter((r) => r.status === 'fulfilled' && r.value === expected).length;
  const failed = results.filter((r) => r.status === 'rejected');
  const wrong = results.length - ok - failed.length;
  return {
    pacingMs: pacing,
    server: kind,
    streams: STREAMS,
    completedWithCorrectText: ok,
    wrongText: wrong,
    errors: failed.length,
    firstError: failed[0] ? String(failed[0].reason?.message ?? failed[0].reason) : undefined,
    peakOpenSubscriptions: peakOpen,
    peakServerOpen,
    liveHeapPerOpenStream,
    seconds,
    cpuSeconds: (cpuUsage.user + cpuUsage.system) / 1e6,
    bytesPerSecond: (stats.size * ok) / seconds,
    eventsPerSecond: (stats.events * ok) / seconds,
    peakHeapGrowth: peakHeap - baseHeap,
    heapPerStream: (peakHeap - baseHeap) / STREAMS,
    peakRssGrowth: peakRss - baseRss,
  };
}

export async function measureConcurrency() {
  const transcript = { bytes: Buffer.byteLength(sse), events: stats.events, frames, messages: expectedTexts.length, textLength: expected.length };
  // ~1 frame / 10 ms: a stream lasts (frames x 10 ms), so all of them are open at once.
  const paced = await pass(10);
  const unpaced = await pass(0);
  return { transcript, paced, unpaced };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await measureConcurrency();
  if (process.argv.includes('--json')) console.log(JSON.stringify(result));
  else console.dir(result, { depth: 4 });
}
