// 1,000 simultaneous run streams in one Node process, over loopback HTTP, through the package as users get it:
// createAssistantsClient(...).createRun(...) -> untilRunTerminal() -> textDeltas(), each stream's text checked.
// The server (the package's startMockServer, or a minimal fallback) runs in a child process: what is measured here
// (CPU, heap per stream) is the clients'.
// Two passes: `paced` (the server writes one frame every few ms, so every stream is open at once: peak concurrency
// and memory per stream) and `unpaced` (frames as fast as they go: total throughput).
// Run: node --expose-gc bench/concurrency.mjs [--json] [--streams=1000]
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { lastValueFrom, reduce } from 'rxjs';
import { lib, testing } from './lib/dist.mjs';

const { createAssistantsClient, untilRunTerminal, textDeltas } = lib;
const { generateSSE, emptyStats } = testing;

const arg = (name, fallback) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
};
const STREAMS = arg('streams', 1000);
const DEADLINE_MS = 180_000;
const WAVE_MS = 50;
const deadline = setTimeout(() => {
  console.error(`concurrency bench: still running after ${DEADLINE_MS / 1000}s, giving up`);
  process.exit(2);
}, DEADLINE_MS);
deadline.unref();

const gc = globalThis.gc ?? (() => {});

// One spec-shaped run of ~20 KB, played to every stream; what each stream must rebuild is its texts, in order.
const expectedTexts = [];
const stats = emptyStats();
const sse = [
  ...generateSSE({ targetSize: 20_000, singleRun: true, seed: 42, onMessage: (_id, text) => expectedTexts.push(text) }, stats),
].join('');
const expected = expectedTexts.join('');
const frames = sse.split(/(?<=\n\n)/).length;

/** Starts the server in a child process (bench/lib/server-process.mjs) and follows its count of open answers. */
async function startServer(pacing) {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./lib/server-process.mjs', import.meta.url))], {
    env: { ...process.env, BENCH_SERVER: JSON.stringify({ sse, pacing, lifetimeMs: DEADLINE_MS }) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let open = 0;
  const ready = new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the server process exited (${code})`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const message = JSON.parse(line);
      if (message.url) resolve(message);
      else open = message.open;
    });
  });
  const { baseURL, kind } = await ready;
  const server = {
    baseURL,
    openRequests: () => open,
    close: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.stdin.end();
      }),
  };
  return { server, kind };
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
    // Once (nearly) every stream is open at the server: the live heap (after a full gc) per open stream.
    if (liveHeapPerOpenStream === undefined && serverOpen >= 0.9 * STREAMS && pacing > 0) {
      gc();
      liveHeapPerOpenStream = (process.memoryUsage().heapUsed - baseHeap) / serverOpen;
    }
  }, 20);
  const started = performance.now();
  const cpu = process.cpuUsage();
  // Requests start in waves of 100 (the listen backlog of node:http is 511: a thousand SYNs at once overflow it and
  // the kernel resets some); a paced stream lasts long enough that every wave is still open when the last one starts.
  const startOne = async (i) => {
    await new Promise((resolve) => setTimeout(resolve, Math.floor(i / 100) * WAVE_MS));
    open++;
    if (open > peakOpen) peakOpen = open;
    return lastValueFrom(
      client.createRun(`thread_${i}`, { assistant_id: 'asst_bench' }).pipe(
        untilRunTerminal(),
        textDeltas(),
        reduce((text, fragment) => text + fragment, ''),
      ),
    ).finally(() => open--);
  };
  const results = await Promise.allSettled(Array.from({ length: STREAMS }, (_, i) => startOne(i)));
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
  const transcript = {
    bytes: Buffer.byteLength(sse),
    events: stats.events,
    frames,
    messages: expectedTexts.length,
    textLength: expected.length,
  };
  // One frame every 50 ms, as a model streams: a stream lasts about 5 s, so all of them are open at once.
  const paced = await pass(50);
  const unpaced = await pass(0);
  return { transcript, paced, unpaced };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await measureConcurrency();
  if (process.argv.includes('--json')) console.log(JSON.stringify(result));
  else console.dir(result, { depth: 4 });
}
