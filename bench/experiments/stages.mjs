// Where the time goes, stage by stage, measured in isolation on the same events (ns per event, median of interleaved
// repetitions): the Response reader alone, TextDecoder, eventsource-parser's feed, JSON.parse, the package's
// validation (`createEventValidator`: the codec's `is`), accumulation (`applyMessageDelta` / `applyRunStepDelta`, the
// pure functions the operators call), then the whole pipeline (`runRx`) and the floor (`runFloor`) for the sum.
// What the whole pipeline costs beyond the sum of its stages is glue: the SSE sink, the decoder closure, rxjs.
//
//   node bench/experiments/stages.mjs [--transcript=tools|messages] [--chunking=frame|1k|64k] [--reps=9]
import { createParser } from 'eventsource-parser';
import { lib, testing } from '../lib/dist.mjs';
import { responseOf, runFloor, runRx } from '../lib/contenders.mjs';
import { option, transcriptOption } from '../lib/options.mjs';
import { chunk } from '../lib/transcripts.mjs';

const chunking = option('chunking', 'frame');
const reps = Number(option('reps', 9));
const transcript = transcriptOption(testing, 'tools');
const bytes = transcript.streams[0];
const chunks = chunk(bytes, chunking);
const decoder = new TextDecoder();
const texts = chunks.map((c) => decoder.decode(c, { stream: true }));

/** The events of the transcript: [name, data string]. */
export function framesOf(text) {
  const out = [];
  for (const frame of text.split('\n\n')) {
    const lines = frame.split('\n');
    const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
    const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
    if (event && data && data !== '[DONE]') out.push([event, data]);
  }
  return out;
}
const frames = framesOf(new TextDecoder().decode(bytes));
const parsed = frames.map(([event, data]) => [event, JSON.parse(data)]);
const validate = lib.createEventValidator();

/** Accumulates messages and run steps by id, as the two operators do. */
function accumulate(events) {
  const messages = new Map();
  const steps = new Map();
  let n = 0;
  for (const [event, data] of events) {
    if (event === 'thread.message.delta') {
      const previous = messages.get(data.id);
      const next = previous ? lib.applyMessageDelta(previous, data) : lib.messageFromDelta(data);
      messages.set(data.id, next);
      n++;
    } else if (event === 'thread.run.step.delta') {
      const previous = steps.get(data.id);
      const next = previous ? lib.applyRunStepDelta(previous, data) : lib.runStepFromDelta(data);
      steps.set(data.id, next);
      n++;
    } else if (event === 'thread.message.created' || event === 'thread.message.in_progress') messages.set(data.id, data);
    else if (event === 'thread.run.step.created' || event === 'thread.run.step.in_progress') steps.set(data.id, data);
  }
  return n;
}

const STAGES = {
  'Response reader alone (read every chunk)': async () => {
    const reader = responseOf(chunks).body.getReader();
    for (;;) if ((await reader.read()).done) break;
  },
  'TextDecoder.decode (stream: true)': () => {
    const d = new TextDecoder();
    for (const c of chunks) d.decode(c, { stream: true });
  },
  'eventsource-parser feed (decoded text)': () => {
    let n = 0;
    const parser = createParser({ onEvent: () => n++ });
    for (const t of texts) parser.feed(t);
  },
  'JSON.parse of every data': () => {
    for (const [, data] of frames) JSON.parse(data);
  },
  'validation (createEventValidator: is)': () => {
    for (const [event, data] of parsed) validate(event, data);
  },
  'accumulation (apply*Delta, pure)': () => accumulate(parsed),
  'whole: floor (runFloor)': () => runFloor(chunks),
  'whole: rx (runRx: assistantEvents -> both accumulators)': () => runRx(lib, chunks),
};

const times = Object.fromEntries(Object.keys(STAGES).map((k) => [k, []]));
for (let rep = 0; rep < reps + 2; rep++) {
  for (const [stage, run] of Object.entries(STAGES)) {
    const start = performance.now();
    await run();
    if (rep >= 2) times[stage].push(performance.now() - start);
  }
}
const median = (v) => [...v].sort((a, b) => a - b)[v.length >> 1];
const events = frames.length;
console.log(
  `${transcript.label} @ ${chunking}: ${(bytes.length / 1e6).toFixed(2)} MB, ${events} events, ${chunks.length} chunks; ns per event (median of ${reps})`,
);
const floor = median(times['whole: floor (runFloor)']);
for (const [stage, t] of Object.entries(times)) {
  const ms = median(t);
  console.log(
    `  ${stage.padEnd(58)} ${((ms * 1e6) / events).toFixed(0).padStart(6)} ns  ${(ms / floor).toFixed(2).padStart(5)} of the floor`,
  );
}
