/**
 * Quick checks of the few event shapes that make up most of a stream (issue 11): a text fragment of a message, a
 * function-arguments or code-interpreter-input fragment of a run step. Each accepts its shape with exactly these keys
 * in this order and nothing else, a sound subset of the event's codec in either mode (a spec holds them to it with
 * fast-check); anything else, valid or not, goes to the codec, which gives every error.
 *
 * The same shapes are also read straight from their JSON text (`createHotDeltaReader`), when a server writes them in
 * its usual compact layout: a handful of `startsWith` compares and one or two slices instead of `JSON.parse` and the
 * check. Measured when it came in (bench/experiments/layers.mjs, CPU, alternating processes): decoding alone went
 * from ~240 ns per event over the floor to ~260 ns under it on messages @ 1 KiB, and from ~350 over to ~90 under on
 * tools @ frame; the bench's live pipeline from 0.70–0.72 to 0.88–0.90 of the floor (messages) and 0.69 to 0.84
 * (tools). Both are behind the one switch of `accumulate/fast-paths.ts`.
 */

type Rec = Record<string, unknown>;

const isObject = (u: unknown): u is Rec => typeof u === 'object' && u !== null && !Array.isArray(u);
const isIndex = (u: unknown): boolean => typeof u === 'number' && Number.isInteger(u) && u >= 0;

/**
 * Whether the own enumerable keys of `o` are exactly those given, in that order. A `for...in` walk builds no key
 * array (measured: 56 against 75 ns per text delta with `Object.keys`); an inherited key declines.
 */
function keysAre(o: Rec, a: string, b?: string, c?: string): boolean {
  let i = 0;
  for (const key in o) {
    if (!Object.prototype.hasOwnProperty.call(o, key) || key !== (i === 0 ? a : i === 1 ? b : i === 2 ? c : undefined))
      return false;
    i++;
  }
  return i === (c !== undefined ? 3 : b !== undefined ? 2 : 1);
}

/** `{ id, object, delta }` of the given `object` literal: the delta, or undefined. */
function deltaOf(d: unknown, object: string): Rec | undefined {
  if (!isObject(d) || !keysAre(d, 'id', 'object', 'delta') || typeof d['id'] !== 'string' || d['object'] !== object)
    return undefined;
  const delta = d['delta'];
  return isObject(delta) ? delta : undefined;
}

/**
 * `{ id, object: 'thread.message.delta', delta: { content: [{ index, type: 'text', text: { value } }] } }`, exactly.
 *
 * @example
 * ```ts
 * // internal (src/decode/hot-shapes.ts)
 * isTextDelta({ id: 'msg_1', object: 'thread.message.delta', delta: { content: [{ index: 0, type: 'text', text: { value: 'Hi' } }] } }); // true
 * ```
 */
export function isTextDelta(d: unknown): boolean {
  const delta = deltaOf(d, 'thread.message.delta');
  if (delta === undefined || !keysAre(delta, 'content')) return false;
  const content = delta['content'];
  if (!Array.isArray(content) || content.length !== 1) return false;
  const part: unknown = content[0];
  if (!isObject(part) || !keysAre(part, 'index', 'type', 'text') || !isIndex(part['index']) || part['type'] !== 'text')
    return false;
  const text = part['text'];
  return isObject(text) && keysAre(text, 'value') && typeof text['value'] === 'string';
}

/**
 * `{ id, object: 'thread.run.step.delta', delta: { step_details: { type: 'tool_calls', tool_calls: [call] } } }`
 * exactly, the call `{ index, type: 'function', function: { arguments } }` or
 * `{ index, type: 'code_interpreter', code_interpreter: { input } }`.
 *
 * @example
 * ```ts
 * // internal (src/decode/hot-shapes.ts)
 * const call = { index: 0, type: 'function', function: { arguments: '{"a' } };
 * isToolFragmentDelta({ id: 'step_1', object: 'thread.run.step.delta', delta: { step_details: { type: 'tool_calls', tool_calls: [call] } } }); // true
 * ```
 */
export function isToolFragmentDelta(d: unknown): boolean {
  const delta = deltaOf(d, 'thread.run.step.delta');
  if (delta === undefined || !keysAre(delta, 'step_details')) return false;
  const details = delta['step_details'];
  if (!isObject(details) || !keysAre(details, 'type', 'tool_calls') || details['type'] !== 'tool_calls') return false;
  const calls = details['tool_calls'];
  if (!Array.isArray(calls) || calls.length !== 1) return false;
  const call: unknown = calls[0];
  if (!isObject(call) || !isIndex(call['index'])) return false;
  const type = call['type'];
  if (type === 'function') {
    const f = call['function'];
    return (
      keysAre(call, 'index', 'type', 'function') && isObject(f) && keysAre(f, 'arguments') && typeof f['arguments'] === 'string'
    );
  }
  if (type !== 'code_interpreter' || !keysAre(call, 'index', 'type', 'code_interpreter')) return false;
  const ci = call['code_interpreter'];
  return isObject(ci) && keysAre(ci, 'input') && typeof ci['input'] === 'string';
}

/**
 * Whether `data` is a hot shape of `event` (then it is valid in either mode, without the codec).
 *
 * @example
 * ```ts
 * // internal (src/decode/hot-shapes.ts)
 * if (!isHotShape(event, data) && !codec.is(data)) throw invalidEventError(event, firstMismatch(codec, data), data);
 * ```
 */
export function isHotShape(event: string, data: unknown): boolean {
  if (event === 'thread.message.delta') return isTextDelta(data);
  return event === 'thread.run.step.delta' && isToolFragmentDelta(data);
}

// ---- Reading a hot delta straight from its JSON text ----

// The JSON text of the hot shapes as servers write it (compact, keys in this order), around the fields that vary:
// `{"id":"<id>` HEAD `<index>` MIDDLE `"<fragment>` END.
const ID_OPEN = '{"id":"';
const MESSAGE_HEAD = '","object":"thread.message.delta","delta":{"content":[{"index":';
const TEXT_MIDDLE = ',"type":"text","text":{"value":"';
const MESSAGE_END = '"}}]}}';
const STEP_HEAD = '","object":"thread.run.step.delta","delta":{"step_details":{"type":"tool_calls","tool_calls":[{"index":';
const ARGUMENTS_MIDDLE = ',"type":"function","function":{"arguments":"';
const INPUT_MIDDLE = ',"type":"code_interpreter","code_interpreter":{"input":"';
const STEP_END = '"}}]}}}';

/**
 * The longest fragment taken as a slice of the text. V8 copies a slice shorter than 13 characters; a longer one is a
 * view that would keep the whole chunk it was cut from alive for as long as the event or a snapshot holds it.
 * Longer fragments, and any with an escape, are read by `JSON.parse` of the string alone, which copies.
 */
const LONGEST_SLICE = 12;

/** Whether `text` from `start` to `stop` holds no `"`, `\` or control character (its JSON is itself). */
function isPlainJson(text: string, start: number, stop: number): boolean {
  for (let i = start; i < stop; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x5c || c < 0x20) return false;
  }
  return true;
}

/**
 * Whether `data` holds `text` at `at`. V8's `startsWith(text, at)` compares one character at a time (a run-step
 * head: 266 ns on Node 20, 133 ns on Node 24); `===` on a slice compares them as memory (about 40 ns on Node 20).
 */
function holdsAt(data: string, text: string, at: number): boolean {
  return data.length >= at + text.length && data.slice(at, at + text.length) === text;
}

/** Where `HEAD` ends, when `data` opens with `{"id":"<id>` then `head`; -1 otherwise. */
function headEnd(data: string, id: string, head: string): number {
  const at = ID_OPEN.length + id.length;
  return data.startsWith(ID_OPEN) && holdsAt(data, id, ID_OPEN.length) && holdsAt(data, head, at) ? at + head.length : -1;
}

/** Where a JSON non-negative integer of at most six digits (no leading zero) that starts at `at` ends; -1 if none. */
function indexEnd(data: string, at: number): number {
  const first = data.charCodeAt(at);
  if (first === 0x30) return at + 1;
  if (!(first > 0x30 && first <= 0x39)) return -1;
  let end = at + 1;
  while (end - at <= 6 && data.charCodeAt(end) >= 0x30 && data.charCodeAt(end) <= 0x39) end++;
  return end - at > 6 ? -1 : end;
}

/** The JSON string whose text runs from `start` (after its opening quote) to `end`, the last characters of `data`. */
function fragmentBefore(data: string, start: number, end: string): string | undefined {
  const stop = data.length - end.length;
  if (stop < start || !data.endsWith(end)) return undefined;
  if (stop - start <= LONGEST_SLICE && isPlainJson(data, start, stop)) return data.slice(start, stop);
  try {
    const fragment: unknown = JSON.parse(data.slice(start - 1, stop + 1));
    return typeof fragment === 'string' ? fragment : undefined;
  } catch {
    return undefined; // not one JSON string: the general path gives the error
  }
}

/** The number the digits from `start` to `end` spell (checked by `indexEnd`). */
const indexOf = (data: string, start: number, end: number): number =>
  end === start + 1 ? data.charCodeAt(start) - 0x30 : Number(data.slice(start, end));

/**
 * The data of a text delta of message `id`, read from its JSON text without `JSON.parse`, when the text is exactly
 * what `JSON.stringify` writes for an {@link isTextDelta} shape; `undefined` for anything else.
 */
function readTextDelta(data: string, id: string): object | undefined {
  const head = headEnd(data, id, MESSAGE_HEAD);
  const end = head === -1 ? -1 : indexEnd(data, head);
  if (end === -1 || !holdsAt(data, TEXT_MIDDLE, end)) return undefined;
  const value = fragmentBefore(data, end + TEXT_MIDDLE.length, MESSAGE_END);
  if (value === undefined) return undefined;
  const index = indexOf(data, head, end);
  return { id, object: 'thread.message.delta', delta: { content: [{ index, type: 'text', text: { value } }] } };
}

/** The same for a function-arguments or code-interpreter-input fragment of run step `id` ({@link isToolFragmentDelta}). */
function readToolFragmentDelta(data: string, id: string): object | undefined {
  const head = headEnd(data, id, STEP_HEAD);
  const end = head === -1 ? -1 : indexEnd(data, head);
  if (end === -1) return undefined;
  const isFunction = holdsAt(data, ARGUMENTS_MIDDLE, end);
  if (!isFunction && !holdsAt(data, INPUT_MIDDLE, end)) return undefined;
  const fragment = fragmentBefore(data, end + (isFunction ? ARGUMENTS_MIDDLE : INPUT_MIDDLE).length, STEP_END);
  if (fragment === undefined) return undefined;
  const index = indexOf(data, head, end);
  const call = isFunction
    ? { index, type: 'function', function: { arguments: fragment } }
    : { index, type: 'code_interpreter', code_interpreter: { input: fragment } };
  return { id, object: 'thread.run.step.delta', delta: { step_details: { type: 'tool_calls', tool_calls: [call] } } };
}

/**
 * Reads the hot deltas of one stream straight from their JSON text (issue 11): a delta of the message or run step
 * whose delta came last, in the compact layout servers write, becomes the object `JSON.parse` would build (same keys,
 * same order, same values), already known to be valid. Anything else (another layout, another id, whitespace, an
 * invalid text) is `undefined` and goes to `JSON.parse` and the codec, which give every error. The ids compared are
 * ones `JSON.parse` built (`remember`), so an event read here holds no view of its chunk.
 *
 * @example
 * ```ts
 * // internal (src/decode/hot-shapes.ts), one reader per decoding subscription
 * const hot = createHotDeltaReader();
 * hot.remember('thread.message.delta', JSON.parse(first)); // a delta of msg_1, decoded the general way
 * hot.read('thread.message.delta', '{"id":"msg_1","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text","text":{"value":"Hi"}}]}}');
 * // { id: 'msg_1', object: 'thread.message.delta', delta: { content: [{ index: 0, type: 'text', text: { value: 'Hi' } }] } }
 * ```
 */
export function createHotDeltaReader() {
  let messageId: string | undefined;
  let stepId: string | undefined;
  return {
    /** The data of a hot delta of `event`, or `undefined` (then parse and check it). */
    read(event: string, data: string): object | undefined {
      if (event === 'thread.message.delta') return messageId === undefined ? undefined : readTextDelta(data, messageId);
      if (event === 'thread.run.step.delta') return stepId === undefined ? undefined : readToolFragmentDelta(data, stepId);
      return undefined;
    },
    /** Notes the id of a delta the general path decoded and validated. */
    remember(event: string, data: unknown): void {
      if (event !== 'thread.message.delta' && event !== 'thread.run.step.delta') return;
      const id = (data as { id?: unknown }).id; // a valid delta: an object with a string id
      if (typeof id !== 'string' || !isPlainJson(id, 0, id.length)) return;
      if (event === 'thread.message.delta') messageId = id;
      else stepId = id;
    },
  };
}
