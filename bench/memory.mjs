// Heap while streaming a huge transcript (one long run, generated chunk by chunk: never held whole) through
// assistantEvents -> untilRunTerminal -> textDeltas. Samples heapUsed as bytes are pulled (every 8 MB), and the live
// heap (after a full gc) every 32 MB: growth must stay flat, whatever the transcript's size.
// Run: node --expose-gc bench/memory.mjs [--json] [--mb=300]
import { fileURLToPath } from 'node:url';
import { lib, testing } from './lib/dist.mjs';

const { assistantEvents, untilRunTerminal, textDeltas } = lib;
const { generateSSEBytes, emptyStats } = testing;

const arg = (name, fallback) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
};

export async function measureMemory(megabytes = 300) {
  const gc = globalThis.gc;
  if (typeof gc !== 'function') throw new Error('run with node --expose-gc');
  const target = megabytes * 1_000_000;
  const stats = emptyStats();
  const chunks = generateSSEBytes({ targetSize: target, singleRun: true, seed: 7 }, stats);
  const samples = [];
  let pulled = 0;
  let nextSample = 0;
  let nextLive = 0;
  let peakHeap = 0;
  gc();
  const baseline = process.memoryUsage().heapUsed;
  const sample = (live) => {
    if (live) gc();
    const { heapUsed, rss } = process.memoryUsage();
    if (heapUsed > peakHeap) peakHeap = heapUsed;
    samples.push({ bytes: pulled, heapUsed, rss, live });
  };
  const body = new ReadableStream(
    {
      pull(controller) {
        const next = chunks.next();
        if (next.done) {
          controller.close();
          return;
        }
        pulled += next.value.length;
        if (pulled >= nextSample) {
          nextSample += 8_000_000;
          const live = pulled >= nextLive;
          if (live) nextLive += 32_000_000;
          sample(live);
        }
        controller.enqueue(next.value);
      },
    },
    { highWaterMark: 0 },
  );
  const response = new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  let text = 0;
  let fragments = 0;
  const started = performance.now();
  await new Promise((resolve, reject) =>
    assistantEvents(response)
      .pipe(untilRunTerminal(), textDeltas())
      .subscribe({
        next: (fragment) => {
          text += fragment.length;
          fragments++;
        },
        error: reject,
        complete: resolve,
      }),
  );
  const seconds = (performance.now() - started) / 1000;
  sample(true);
  const live = samples.filter((s) => s.live);
  // The first live sample after warm-up (the second one, at 32 MB) against the last ones: the growth over the stream.
  const early = live[Math.min(1, live.length - 1)];
  const late = live[live.length - 1];
  const maxLive = Math.max(...live.map((s) => s.heapUsed));
  return {
    transcriptBytes: pulled,
    events: stats.events,
    messageDeltas: stats.messageDeltas,
    textFragments: fragments,
    textCorrect: text === stats.textLength,
    seconds,
    bytesPerSecond: pulled / seconds,
    baselineHeap: baseline,
    peakHeapUsed: peakHeap,
    liveHeapEarly: early.heapUsed,
    liveHeapEnd: late.heapUsed,
    liveHeapMax: maxLive,
    liveHeapGrowth: late.heapUsed - early.heapUsed,
    peakRss: process.resourceUsage().maxRSS * 1024,
    samples: samples.map((s) => ({ mb: +(s.bytes / 1e6).toFixed(1), heapMB: +(s.heapUsed / 1e6).toFixed(2), live: s.live })),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await measureMemory(arg('mb', 300));
  if (process.argv.includes('--json')) console.log(JSON.stringify(result));
  else console.dir({ ...result, samples: result.samples.filter((s) => s.live) }, { depth: 3 });
}
