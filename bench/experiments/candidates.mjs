// The candidates of bench/experiments/leads.mjs (issue 11's leads), in one module: measured in isolation by
// leads.mjs and end to end by patch-dist.mjs, which wires them into a copy of a build. Experiments, not the library:
// the library's own fast paths belong in src/ (helpers D and E), with their property tests.

// ---- (a) hot-shape checks ----

const keysAre = (o, a, b, c) => {
  const k = Object.keys(o);
  return c === undefined ? k.length === 2 && k[0] === a && k[1] === b : k.length === 3 && k[0] === a && k[1] === b && k[2] === c;
};
const isObject = (u) => typeof u === 'object' && u !== null && !Array.isArray(u);
const isIndex = (u) => typeof u === 'number' && Number.isInteger(u);

/** `{ id, object, delta: { content: [{ index, type: 'text', text: { value } }] } }`, exactly. */
export function isTextDelta(d) {
  if (!isObject(d) || !keysAre(d, 'id', 'object', 'delta') || typeof d.id !== 'string' || d.object !== 'thread.message.delta')
    return false;
  const delta = d.delta;
  if (!isObject(delta) || Object.keys(delta).length !== 1 || !Array.isArray(delta.content) || delta.content.length !== 1)
    return false;
  const part = delta.content[0];
  if (!isObject(part) || !keysAre(part, 'index', 'type', 'text') || !isIndex(part.index) || part.type !== 'text') return false;
  const text = part.text;
  return isObject(text) && Object.keys(text).length === 1 && typeof text.value === 'string';
}

/** `{ id, object, delta: { step_details: { type: 'tool_calls', tool_calls: [{ index, type, function: { arguments } | code_interpreter: { input } }] } } }`, exactly. */
export function isToolFragmentDelta(d) {
  if (!isObject(d) || !keysAre(d, 'id', 'object', 'delta') || typeof d.id !== 'string' || d.object !== 'thread.run.step.delta')
    return false;
  const delta = d.delta;
  if (!isObject(delta) || Object.keys(delta).length !== 1) return false;
  const details = delta.step_details;
  if (!isObject(details) || !keysAre(details, 'type', 'tool_calls') || details.type !== 'tool_calls') return false;
  const calls = details.tool_calls;
  if (!Array.isArray(calls) || calls.length !== 1) return false;
  const call = calls[0];
  if (!isObject(call) || !isIndex(call.index)) return false;
  if (call.type === 'function') {
    if (!keysAre(call, 'index', 'type', 'function')) return false;
    const f = call.function;
    return isObject(f) && Object.keys(f).length === 1 && typeof f.arguments === 'string';
  }
  if (call.type === 'code_interpreter') {
    if (!keysAre(call, 'index', 'type', 'code_interpreter')) return false;
    const ci = call.code_interpreter;
    return isObject(ci) && Object.keys(ci).length === 1 && typeof ci.input === 'string';
  }
  return false;
}

// ---- (b), (c): accumulation ----

// prettier-ignore
const RUN_STEP_KEYS = ['id', 'object', 'created_at', 'run_id', 'assistant_id', 'thread_id', 'type', 'status', 'cancelled_at', 'completed_at', 'expires_at', 'failed_at', 'last_error', 'step_details', 'usage'];
// prettier-ignore
const MESSAGE_KEYS = ['id', 'object', 'created_at', 'assistant_id', 'thread_id', 'run_id', 'status', 'incomplete_details', 'incomplete_at', 'completed_at', 'role', 'content', 'attachments', 'metadata'];
const sameKeys = (o, expected) => {
  const k = Object.keys(o);
  if (k.length !== expected.length) return false;
  for (let i = 0; i < expected.length; i++) if (k[i] !== expected[i]) return false;
  return true;
};
const stepLiteral = (o, step_details) => ({
  id: o.id,
  object: o.object,
  created_at: o.created_at,
  run_id: o.run_id,
  assistant_id: o.assistant_id,
  thread_id: o.thread_id,
  type: o.type,
  status: o.status,
  cancelled_at: o.cancelled_at,
  completed_at: o.completed_at,
  expires_at: o.expires_at,
  failed_at: o.failed_at,
  last_error: o.last_error,
  step_details,
  usage: o.usage,
});
const messageLiteral = (o, content) => ({
  id: o.id,
  object: o.object,
  created_at: o.created_at,
  assistant_id: o.assistant_id,
  thread_id: o.thread_id,
  run_id: o.run_id,
  status: o.status,
  incomplete_details: o.incomplete_details,
  incomplete_at: o.incomplete_at,
  completed_at: o.completed_at,
  role: o.role,
  content,
  attachments: o.attachments,
  metadata: o.metadata,
});

/**
 * (c) A function-arguments / code-input fragment appended by literals, or `undefined` (general merge). With
 * `trusted`, the snapshot's layout is taken as known (it is the one this path built last) and not re-read.
 */
export function appendToolFragment(step, delta, trusted) {
  // The delta side (checked in full, whatever the snapshot).
  const d = delta.delta;
  if (!isObject(d) || Object.keys(d).length !== 1) return undefined;
  const details = d.step_details;
  if (!isObject(details) || !keysAre(details, 'type', 'tool_calls') || details.type !== 'tool_calls') return undefined;
  const calls = details.tool_calls;
  if (!Array.isArray(calls) || calls.length !== 1) return undefined;
  const element = calls[0];
  if (!isObject(element)) return undefined;
  const index = element.index;
  const isFunction = element.type === 'function';
  if (!isFunction && element.type !== 'code_interpreter') return undefined;
  const field = isFunction ? 'function' : 'code_interpreter';
  if (!keysAre(element, 'index', 'type', field)) return undefined;
  const inner = element[field];
  const fragmentKey = isFunction ? 'arguments' : 'input';
  if (!isObject(inner) || Object.keys(inner).length !== 1 || typeof inner[fragmentKey] !== 'string' || inner[fragmentKey] === '')
    return undefined;
  const fragment = inner[fragmentKey];
  // The snapshot side.
  const current = step.step_details;
  if (!trusted) {
    if (
      !sameKeys(step, RUN_STEP_KEYS) ||
      !isObject(current) ||
      !keysAre(current, 'type', 'tool_calls') ||
      current.type !== 'tool_calls'
    )
      return undefined;
  }
  const list = current.tool_calls;
  if (!Array.isArray(list) || typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= list.length)
    return undefined;
  const call = list[index];
  if (!isObject(call) || call.type !== element.type) return undefined;
  if (!trusted && !keysAre(call, 'id', 'type', field)) return undefined;
  const target = call[field];
  if (!isObject(target) || typeof target[fragmentKey] !== 'string') return undefined;
  let next;
  if (isFunction) {
    if (!trusted && !keysAre(target, 'name', 'arguments', 'output')) return undefined;
    next = {
      id: call.id,
      type: call.type,
      function: { name: target.name, arguments: target.arguments + fragment, output: target.output },
    };
  } else {
    if (!trusted && !keysAre(target, 'input', 'outputs')) return undefined;
    next = { id: call.id, type: call.type, code_interpreter: { input: target.input + fragment, outputs: target.outputs } };
  }
  const nextList = list.slice();
  nextList[index] = next;
  return stepLiteral(step, { type: current.type, tool_calls: nextList });
}

/** (b) for messages: the package's text-fragment path, without re-reading a snapshot it built itself. */
export function appendTextTrusted(message, delta) {
  const d = delta.delta;
  if (!isObject(d) || Object.keys(d).length !== 1 || !Array.isArray(d.content) || d.content.length !== 1) return undefined;
  const element = d.content[0];
  if (!isObject(element) || !keysAre(element, 'index', 'type', 'text')) return undefined;
  const index = element.index;
  const content = message.content;
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= content.length) return undefined;
  const part = content[index];
  if (element.type !== part.type) return undefined;
  const text = element.text;
  if (!isObject(text) || Object.keys(text).length !== 1 || typeof text.value !== 'string' || text.value === '') return undefined;
  const nextContent = content.slice();
  nextContent[index] = { type: part.type, text: { value: part.text.value + text.value, annotations: part.text.annotations } };
  return messageLiteral(message, nextContent);
}

/** Whether a literal-built message part is in the layout the trusted path assumes (checked once, when built). */
export const messageTrustable = (m) =>
  sameKeys(m, MESSAGE_KEYS) &&
  m.content.every(
    (p) => isObject(p) && keysAre(p, 'type', 'text') && isObject(p.text) && keysAre(p.text, 'value', 'annotations'),
  );

/** (a) as one call for the validator: a hot shape of the event's data (a sound subset of its codec). */
export function isHotShape(event, data) {
  return event === 'thread.message.delta' ? isTextDelta(data) : event === 'thread.run.step.delta' && isToolFragmentDelta(data);
}

/** (b) The snapshots built by the literal paths (their layout known): a WeakSet, so trust costs a lookup. */
export const BUILT = new WeakSet();

/** (c), or (b+c) with `trust`: the run-step fast path as applyRunStepDelta would call it. */
export function stepFastPath(snapshot, delta, trust) {
  const next = appendToolFragment(snapshot, delta, trust && BUILT.has(snapshot));
  if (next !== undefined && trust) BUILT.add(next);
  return next;
}

/** (b) The trusted text path as applyMessageDelta would call it; `general` is the package's own path. */
export function messageFastPath(snapshot, delta, general) {
  if (BUILT.has(snapshot)) {
    const next = appendTextTrusted(snapshot, delta);
    if (next !== undefined) {
      BUILT.add(next);
      return next;
    }
  }
  const next = general();
  if (next !== snapshot && messageTrustable(next)) BUILT.add(next);
  return next;
}

// (b) trust by identity instead: the one snapshot each path built last (a pointer comparison; with several streams
// interleaved, a snapshot built by another stream in between is checked as usual: still correct, only slower).
let lastStep;
let lastMessage;

/** (b+c) with trust by identity. */
export function stepFastPathLast(snapshot, delta) {
  const next = appendToolFragment(snapshot, delta, snapshot === lastStep);
  if (next !== undefined) lastStep = next;
  return next;
}

/** (b) for messages, with trust by identity. */
export function messageFastPathLast(snapshot, delta, general) {
  if (snapshot === lastMessage) {
    const next = appendTextTrusted(snapshot, delta);
    if (next !== undefined) return (lastMessage = next);
  }
  const next = general();
  if (next !== snapshot && messageTrustable(next)) lastMessage = next;
  return next;
}
