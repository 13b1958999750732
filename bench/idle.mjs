// Live heap per idle open stream: many streams open at once in one process, each an in-process fetch Response whose
// body delivered its first chunk and then waits (as a run stream does while the model thinks). Measured after a full
// gc, against the heap before they opened, divided by their number; for rx-assistant-stream (`assistantEvents` ->
// `untilRunTerminal` -> `textDeltas`, subscribed), for the floor (reader + TextDecoder + eventsource-parser, waiting
// on its read) and for the Response and its reader alone (what any consumer pays). No sockets here: the loopback
// figure, undici and socket included, is the concurrency bench's.
// Two first chunks: the first frame alone (a server flushing one event at a time), and the first ~24 KB of frames in
// one chunk (a proxy that buffers). Each stream gets its own copy of the bytes, so what a stream keeps is its own.
// Run: node --expose-gc bench/idle.mjs [--json] [--streams=1000]
import { fileURLToPath } from 'node:url';
import { createParser } from 'eventsource-parser';
import { lib, testing } from './lib/dist.mjs';
import { chunk } from './lib/transcripts.mjs';

const { assistantEvents, untilRunTerminal, textDeltas } = lib;
const arg = (name, fallback) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
};
const tick = () => new Promise((resolve) => setImmediate(resolve));

/** A body that delivers `first` (a fresh copy), then waits forever; `idle` resolves when it is asked for more. */
function idleResponse(first) {
  let pulls = 0;
  let idle;
  const waiting = new Promise((resolve) => (idle = resolve));
  const body = new ReadableStream(
    {
      pull(controller) {
        if (pulls++ === 0) controller.enqueue(first.slice());
        else {
          idle();
          return new Promise(() => {});
        }
      },
    },
    { highWaterMark: 0 },
  );
  return { response: new Response(body, { headers: { 'content-type': 'text/event-stream' } }), waiting };
}

const CONSUMERS = {
  transport(response) {
    const reader = response.body.getReader();
    reader.read().then(() => reader.read().catch(() => {}));
    return () => reader.cancel().catch(() => {});
  },
  floor(response) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const parser = createParser({ onEvent: (message) => JSON.parse(message.data) });
    (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.feed(decoder.decode(value, { stream: true }));
      }
    })().catch(() => {});
    return () => reader.cancel().catch(() => {});
  },
  rx(response) {
    const subscription = assistantEvents(response)
      .pipe(untilRunTerminal(), textDeltas())
      .subscribe({ error: () => {} });
    return () => subscription.unsubscribe();
  },
};

async function perStream(first, consumer, streams) {
  for (let i = 0; i < 3; i++) globalThis.gc();
  const before = process.memoryUsage().heapUsed;
  const open = [];
  const idle = [];
  for (let i = 0; i < streams; i++) {
    const { response, waiting } = idleResponse(first);
    open.push(CONSUMERS[consumer](response));
    idle.push(waiting);
  }
  await Promise.all(idle);
  for (let i = 0; i < 5; i++) await tick();
  for (let i = 0; i < 3; i++) globalThis.gc();
  const after = process.memoryUsage().heapUsed;
  for (const close of open) close();
  for (let i = 0; i < 5; i++) await tick();
  return (after - before) / streams;
}

export async function measureIdle(streams = 1000) {
  if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
  // One long run, so no run ends inside the first chunk (untilRunTerminal would then complete and let go).
  const bytes = new TextEncoder().encode([...testing.generateSSE({ targetSize: 200_000, seed: 5, singleRun: true })].join(''));
  const frames = chunk(bytes, 'frame');
  let end = 0;
  let n = 0;
  while (end < 24_000) end += frames[n++].length;
  const firsts = [
    [`the first frame (${frames[0].length} B, thread.run.created)`, frames[0]],
    [`the first ${n} frames in one chunk (${(end / 1000).toFixed(1)} KB)`, bytes.subarray(0, end)],
  ];
  const variants = [];
  for (const [firstChunk, first] of firsts) {
    const v = { firstChunk, firstChunkBytes: first.length };
    for (const consumer of ['transport', 'floor', 'rx']) {
      await perStream(first, consumer, Math.min(100, streams)); // warm up
      v[consumer] = await perStream(first, consumer, streams);
    }
    variants.push(v);
  }
  return { streams, variants };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await measureIdle(arg('streams', 1000));
  if (process.argv.includes('--json')) console.log(JSON.stringify(result));
  else console.dir(result, { depth: 3 });
}
