// Latency: one chunk per SSE frame (as servers flush), fed as a fetch Response body. For each event, the time from
// the moment the chunk holding its last byte is enqueued on the body to (a) its decoded, validated event
// (`assistantEvents`), (b) the snapshot it produces (`accumulateMessageDeltas` + `accumulateRunStepDeltas`), against
// (c) the floor's `JSON.parse` of the same event (TextDecoder + eventsource-parser + JSON.parse, same body).
// Both pay the same web-stream read (a promise per chunk). Median and p99 over every event of `passes` passes,
// after one warm-up pass; floor and rx alternate pass by pass.
//
//   node bench/latency.mjs [--json]     (or from bench/throughput.mjs)
import { createParser } from 'eventsource-parser';
import { connect, merge, tap } from 'rxjs';
import { fileURLToPath } from 'node:url';
import { chunk } from './lib/transcripts.mjs';

/** A body that enqueues one chunk per pull and notes when. */
function timedResponse(chunks, clock) {
  let i = 0;
  const body = new ReadableStream(
    {
      pull(controller) {
        if (i === chunks.length) {
          controller.close();
          return;
        }
        clock.sentAt = performance.now();
        controller.enqueue(chunks[i++]);
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

async function floorPass(chunks, out) {
  const clock = { sentAt: 0 };
  const reader = timedResponse(chunks, clock).body.getReader();
  const decoder = new TextDecoder();
  let sink = 0;
  const parser = createParser({
    onEvent(message) {
      if (message.data === '[DONE]') return;
      sink ^= JSON.parse(message.data) === null ? 0 : 1;
      out.push(performance.now() - clock.sentAt);
    },
  });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parser.feed(decoder.decode(value, { stream: true }));
  }
  parser.feed(decoder.decode());
  return sink;
}

function rxPass(lib, chunks, decodedOut, snapshotOut) {
  const { assistantEvents, accumulateMessageDeltas, accumulateRunStepDeltas } = lib;
  const clock = { sentAt: 0 };
  return new Promise((resolve, reject) =>
    assistantEvents(timedResponse(chunks, clock))
      .pipe(
        tap(() => decodedOut.push(performance.now() - clock.sentAt)),
        connect((shared) => merge(shared.pipe(accumulateMessageDeltas()), shared.pipe(accumulateRunStepDeltas()))),
      )
      .subscribe({ next: () => snapshotOut.push(performance.now() - clock.sentAt), error: reject, complete: resolve }),
  );
}

const stat = (values) => {
  const sorted = Float64Array.from(values).sort();
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p99: at(0.99), samples: sorted.length };
};

/** Latency figures (milliseconds) for each transcript (`{ label, streams: [bytes] }`). */
export async function measureLatency(lib, transcripts, passes = 3) {
  const out = [];
  for (const transcript of transcripts) {
    const chunks = chunk(transcript.streams[0], 'frame');
    const floor = [];
    const decoded = [];
    const snapshot = [];
    for (let pass = 0; pass <= passes; pass++) {
      const keep = pass > 0; // the first pass warms up
      const f = [];
      const d = [];
      const s = [];
      await floorPass(chunks, f);
      await rxPass(lib, chunks, d, s);
      if (keep) {
        floor.push(...f);
        decoded.push(...d);
        snapshot.push(...s);
      }
    }
    out.push({
      transcript: transcript.label,
      chunking: 'frame',
      stages: {
        'floor: JSON.parse done': stat(floor),
        'rx: decoded event (assistantEvents)': stat(decoded),
        'rx: snapshot (accumulate*Deltas)': stat(snapshot),
      },
    });
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { lib, testing } = await import('./lib/dist.mjs');
  const { messagesTranscript, toolsTranscriptBytes } = await import('./lib/transcripts.mjs');
  const result = await measureLatency(lib, [messagesTranscript(testing), toolsTranscriptBytes()]);
  if (process.argv.includes('--json')) console.log(JSON.stringify(result));
  else
    for (const r of result)
      for (const [stage, s] of Object.entries(r.stages))
        console.log(r.transcript, stage, `median ${(s.median * 1000).toFixed(1)} µs, p99 ${(s.p99 * 1000).toFixed(1)} µs`);
}
