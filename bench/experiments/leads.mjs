// The leads of issue 11, each as a micro-experiment on the events of the bench's transcripts (NOT the library's
// code: candidates written here, beside the built package's own functions, to measure what each would buy).
//
//   (a) hot-shape checks before the codec: a text delta, a function-arguments delta, a code-input delta, each checked
//       by a few exact reads (exact key sets, so anything else falls through to the codec: a sound subset by
//       construction), against `createEventValidator` (the codec's `is`);
//   (b) accumulation that trusts the snapshots it built: when the snapshot is the one this accumulator built last
//       (by literals, so its layout is known), skip re-reading its keys (copyTop's Object.keys + sameKeys, the part's
//       and text's isLayout, the own/isPlainObject checks on the snapshot side); the delta is still checked in full;
//   (c) a run-step literal fast path: a function-arguments or code-input fragment appended by object literals in
//       OpenAI's layouts (step, step_details, the tool-call array, the call, its function / code_interpreter),
//       against `applyRunStepDelta` (the general merge); (b+c) the same, trusting its own snapshot.
// Every candidate's result is checked against the package's on every event: the same JSON (key order included) and
// the same sharing (untouched tool calls and content parts are the same objects).
// Each saving is given in ns per event of the transcript and as a share of its stage. (This process keeps two parsed
// copies of the transcript and every snapshot alive, so absolute figures run higher than in the pipeline; the
// end-to-end effect of each lead is measured with patch-dist.mjs + bench/compare.mjs instead.)
//
//   node bench/experiments/leads.mjs [--transcript=tools|messages] [--reps=15]
import { lib, testing } from '../lib/dist.mjs';
import { option, transcriptOption } from '../lib/options.mjs';
import { appendTextTrusted, appendToolFragment, isTextDelta, isToolFragmentDelta, messageTrustable } from './candidates.mjs';

const reps = Number(option('reps', 15));
const transcript = transcriptOption(testing, 'tools');
const bytes = transcript.streams[0];

const frames = [];
for (const frame of new TextDecoder().decode(bytes).split('\n\n')) {
  const lines = frame.split('\n');
  const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
  const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
  if (event && data && data !== '[DONE]') frames.push([event, data]);
}
// Fresh objects (as JSON.parse makes them) for the checks and for each timed repetition.
const parseAll = () => frames.map(([event, data]) => [event, JSON.parse(data)]);

function hotValidator() {
  const validate = lib.createEventValidator();
  return (event, data) => {
    if (event === 'thread.message.delta' ? isTextDelta(data) : event === 'thread.run.step.delta' && isToolFragmentDelta(data)) {
      return { event: event === 'thread.message.delta' ? 'thread.message.delta' : 'thread.run.step.delta', data };
    }
    return validate(event, data);
  };
}

/**
 * Accumulates every message and step delta; `variant` picks the candidate. Returns the snapshots in order (for the
 * equality check) when `keep`.
 */
function accumulate(events, variant, keep) {
  const messages = new Map();
  const steps = new Map();
  const trustedStep = new Map(); // id -> the snapshot this path built last (its layout known)
  const trustedMessage = new Map();
  const out = keep ? [] : undefined;
  for (const [event, data] of events) {
    let next;
    if (event === 'thread.run.step.delta') {
      const previous = steps.get(data.id);
      if (!previous) next = lib.runStepFromDelta(data);
      else if (variant === 'c' || variant === 'bc') {
        const trusted = variant === 'bc' && trustedStep.get(data.id) === previous;
        next = data.id === previous.id ? appendToolFragment(previous, data, trusted) : undefined;
        if (next !== undefined) {
          if (variant === 'bc') trustedStep.set(data.id, next);
        } else next = lib.applyRunStepDelta(previous, data);
      } else next = lib.applyRunStepDelta(previous, data);
      steps.set(data.id, next);
    } else if (event === 'thread.message.delta') {
      const previous = messages.get(data.id);
      if (!previous) next = lib.messageFromDelta(data);
      else if (variant === 'b' || variant === 'bc') {
        next =
          trustedMessage.get(data.id) === previous && data.id === previous.id ? appendTextTrusted(previous, data) : undefined;
        if (next === undefined) {
          next = lib.applyMessageDelta(previous, data);
          if (messageTrustable(next)) trustedMessage.set(data.id, next);
        } else trustedMessage.set(data.id, next);
      } else next = lib.applyMessageDelta(previous, data);
      messages.set(data.id, next);
    } else if (event === 'thread.message.created' || event === 'thread.message.in_progress') messages.set(data.id, data);
    else if (event === 'thread.run.step.created' || event === 'thread.run.step.in_progress') steps.set(data.id, data);
    if (keep && next !== undefined) out.push(next);
  }
  return out;
}

// ---- checks ----

const problems = [];
{
  const validate = lib.createEventValidator();
  const hot = hotValidator();
  let hits = 0;
  for (const [event, data] of parseAll()) {
    const isHot =
      event === 'thread.message.delta' ? isTextDelta(data) : event === 'thread.run.step.delta' && isToolFragmentDelta(data);
    if (isHot) hits++;
    let accepted = true;
    try {
      validate(event, data);
    } catch {
      accepted = false;
    }
    if (isHot && !accepted) problems.push(`(a) accepted what the codec rejects: ${event}`);
    if (JSON.stringify(hot(event, data)) !== JSON.stringify(validate(event, data)))
      problems.push(`(a) another result for ${event}`);
  }
  var hotEvents = hits;
}
const reference = accumulate(parseAll(), 'general', true);
for (const variant of ['b', 'c', 'bc']) {
  const got = accumulate(parseAll(), variant, true);
  if (got.length !== reference.length) problems.push(`(${variant}) ${got.length} snapshots, expected ${reference.length}`);
  for (let i = 0; i < reference.length; i++) {
    if (JSON.stringify(got[i]) !== JSON.stringify(reference[i])) {
      problems.push(`(${variant}) snapshot ${i} differs`);
      break;
    }
  }
  // Sharing: every tool call / content part not touched by a delta is the previous snapshot's object.
  const last = new Map();
  for (const s of got) {
    const before = last.get(s.id);
    const list = s.object === 'thread.message' ? s.content : s.step_details?.tool_calls;
    const previous = before ? (before.object === 'thread.message' ? before.content : before.step_details?.tool_calls) : undefined;
    if (previous && list) {
      let changed = 0;
      for (let i = 0; i < previous.length; i++) if (list[i] !== previous[i]) changed++;
      if (changed > 1) problems.push(`(${variant}) ${changed} elements copied for one delta of ${s.id}`);
    }
    last.set(s.id, s);
  }
}
const counts = {
  events: frames.length,
  hotShapes: hotEvents,
  textDeltas: frames.filter(([e]) => e === 'thread.message.delta').length,
  stepDeltas: frames.filter(([e]) => e === 'thread.run.step.delta').length,
};

// ---- timing (interleaved repetitions, median) ----

const median = (v) => [...v].sort((a, b) => a - b)[v.length >> 1];
const validateBase = lib.createEventValidator();
const validateHot = hotValidator();
const TIMED = {
  'validation: createEventValidator (codec is)': (events) => {
    for (const [event, data] of events) validateBase(event, data);
  },
  '(a) validation: hot shapes first': (events) => {
    for (const [event, data] of events) validateHot(event, data);
  },
  'accumulation: package (apply*Delta)': (events) => accumulate(events, 'general', false),
  '(b) accumulation: trusted text snapshots': (events) => accumulate(events, 'b', false),
  '(c) accumulation: run-step literals': (events) => accumulate(events, 'c', false),
  '(b+c) accumulation: both, trusted': (events) => accumulate(events, 'bc', false),
};
const times = Object.fromEntries(Object.keys(TIMED).map((k) => [k, []]));
for (let rep = 0; rep < reps + 2; rep++) {
  const events = parseAll(); // one parse per repetition, shared (the candidates never mutate it)
  for (const [label, run] of Object.entries(TIMED)) {
    const start = performance.now();
    run(events);
    if (rep >= 2) times[label].push(performance.now() - start);
  }
}
const ms = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
const validation = ms['validation: createEventValidator (codec is)'];
const accumulation = ms['accumulation: package (apply*Delta)'];
const savings = {
  '(a) hot-shape checks': ms['validation: createEventValidator (codec is)'] - ms['(a) validation: hot shapes first'],
  '(b) trusted snapshots (text)': ms['accumulation: package (apply*Delta)'] - ms['(b) accumulation: trusted text snapshots'],
  '(c) run-step literals': ms['accumulation: package (apply*Delta)'] - ms['(c) accumulation: run-step literals'],
  '(b+c)': ms['accumulation: package (apply*Delta)'] - ms['(b+c) accumulation: both, trusted'],
};
const result = { transcript: transcript.label, bytes: bytes.length, counts, problems, ms, savings: {} };
for (const [lead, saved] of Object.entries(savings)) {
  const stage = lead.startsWith('(a)') ? validation : accumulation;
  result.savings[lead] = { msPerPass: saved, nsPerEvent: (saved * 1e6) / counts.events, shareOfStage: saved / stage };
}

if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
else {
  console.log(
    `${transcript.label}: ${(bytes.length / 1e6).toFixed(2)} MB, ${counts.events} events (${counts.textDeltas} text deltas, ${counts.stepDeltas} step deltas, ${counts.hotShapes} in a hot shape)`,
  );
  console.log(
    problems.length === 0
      ? "checks: every candidate gives the package's result (JSON, key order, sharing); (a) accepts nothing the codec rejects"
      : `PROBLEMS:\n  ${problems.slice(0, 10).join('\n  ')}`,
  );
  for (const [k, v] of Object.entries(ms))
    console.log(
      `  ${k.padEnd(48)} ${v.toFixed(2).padStart(8)} ms/pass ${((v * 1e6) / counts.events).toFixed(0).padStart(6)} ns/event`,
    );
  for (const [k, v] of Object.entries(result.savings)) {
    console.log(
      `  ${k.padEnd(30)} saves ${v.msPerPass.toFixed(2).padStart(7)} ms/pass (${v.nsPerEvent.toFixed(0).padStart(4)} ns/event), ${(100 * v.shareOfStage).toFixed(0)} % of its stage`,
    );
  }
}
