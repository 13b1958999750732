import type { Message, RunStep } from '../schema';
import { hasOwn, isPlainObject, type JsonObject } from './json';

/**
 * The V8 fast paths of the accumulation, in one module behind one switch. Each builds exactly what the general merge
 * builds (same keys, same key order, same sharing, same errors): a spec holds the two to the same result with
 * fast-check, once with the switch on and once off. Nothing here changes behaviour; it only changes speed.
 *
 * - `copyTop`: the message or run step copied by an object literal in the key order OpenAI's servers send. V8
 *   (Node 20) spreads an object of more than eight properties through its slow path, about ten times the cost of a
 *   literal; a message has fourteen keys, a run step fifteen.
 * - `appendTextFragment`: the delta almost every `thread.message.delta` carries (one text fragment for a text part
 *   the snapshot has) applied without the general merge's walk: it reads the few fields it needs and copies the four
 *   objects that change, by literals for OpenAI's layouts. Measured when it came in: about 3x the general merge on
 *   text deltas (README, bench numbers after the hot-path work).
 * - `appendToolCallFragment`: the delta almost every `thread.run.step.delta` of a tool-heavy stream carries (one
 *   `function.arguments` or `code_interpreter.input` fragment for a call the snapshot has), by literals for
 *   OpenAI's layouts: issue 11 measured the general merge at ~600 ns per such delta against ~120 ns for literal
 *   copies.
 * - `FastPathMemo`: what one accumulator remembers between deltas, the snapshot these paths built last. Snapshots
 *   are immutable, so a snapshot that is that very object still has the layout the literals gave it: its keys are
 *   not read again (issue 11's lead 2). With it, and a delta's fields read once through its own keys (`keyBits`),
 *   accumulation alone went from 661 to 466 ns per event of the bench's tools transcript (527 to 377 on messages),
 *   end to end from 0.62 to 0.65 of the floor on tools at one chunk per frame and 0.63 to 0.68 on messages (CPU).
 */

let enabled = readSwitch();

/** `FAST_PATHS=off` in the environment (Node) turns the fast paths off from the start, for a whole test run. */
function readSwitch(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.['FAST_PATHS'] !== 'off';
}

/**
 * Turns the fast paths on or off (internal: for the specs that run the general path alone). Returns the previous
 * setting, to restore it.
 *
 * @example
 * ```ts
 * // internal (src/accumulate/fast-paths.ts)
 * const previous = setFastPaths(false);
 * try { runTheSuite(); } finally { setFastPaths(previous); }
 * ```
 */
export function setFastPaths(on: boolean): boolean {
  const previous = enabled;
  enabled = on;
  return previous;
}

/**
 * Whether the fast paths are on (the default; `FAST_PATHS=off` or `setFastPaths(false)` turns them off).
 *
 * @example
 * ```ts
 * // internal (src/accumulate/fast-paths.ts)
 * if (fastPathsEnabled()) console.log('literal copies and the text-fragment path are in use');
 * ```
 */
export function fastPathsEnabled(): boolean {
  return enabled;
}

/**
 * A shallow copy of the message or run step itself (own keys as data properties), by a literal for OpenAI's
 * layouts when the fast paths are on, by a spread otherwise: the copy is the same either way. Symbol keys are not
 * JSON and are not looked for (`getOwnPropertySymbols` on every delta cost more than the copy).
 *
 * @example
 * ```ts
 * // internal (src/accumulate/fast-paths.ts)
 * const copy = copyTop(message); // equal to { ...message }, keys in the same order
 * ```
 */
export function copyTop(o: JsonObject): JsonObject {
  if (enabled) {
    const keys = Object.keys(o);
    if (sameKeys(keys, MESSAGE_KEYS)) return copyMessage(o);
    if (sameKeys(keys, RUN_STEP_KEYS)) return copyRunStep(o);
  }
  return { ...o };
}

// prettier-ignore
const MESSAGE_KEYS: readonly string[] = ['id', 'object', 'created_at', 'assistant_id', 'thread_id', 'run_id', 'status', 'incomplete_details', 'incomplete_at', 'completed_at', 'role', 'content', 'attachments', 'metadata'];
// prettier-ignore
const RUN_STEP_KEYS: readonly string[] = ['id', 'object', 'created_at', 'run_id', 'assistant_id', 'thread_id', 'type', 'status', 'cancelled_at', 'completed_at', 'expires_at', 'failed_at', 'last_error', 'step_details', 'usage'];

/** Whether `keys` are `expected`, in that order. */
function sameKeys(keys: readonly string[], expected: readonly string[]): boolean {
  if (keys.length !== expected.length) return false;
  for (let i = 0; i < expected.length; i++) if (keys[i] !== expected[i]) return false;
  return true;
}

function copyMessage(o: JsonObject): JsonObject {
  return {
    id: o['id'],
    object: o['object'],
    created_at: o['created_at'],
    assistant_id: o['assistant_id'],
    thread_id: o['thread_id'],
    run_id: o['run_id'],
    status: o['status'],
    incomplete_details: o['incomplete_details'],
    incomplete_at: o['incomplete_at'],
    completed_at: o['completed_at'],
    role: o['role'],
    content: o['content'],
    attachments: o['attachments'],
    metadata: o['metadata'],
  };
}

function copyRunStep(o: JsonObject): JsonObject {
  return {
    id: o['id'],
    object: o['object'],
    created_at: o['created_at'],
    run_id: o['run_id'],
    assistant_id: o['assistant_id'],
    thread_id: o['thread_id'],
    type: o['type'],
    status: o['status'],
    cancelled_at: o['cancelled_at'],
    completed_at: o['completed_at'],
    expires_at: o['expires_at'],
    failed_at: o['failed_at'],
    last_error: o['last_error'],
    step_details: o['step_details'],
    usage: o['usage'],
  };
}

/**
 * What one accumulator (one subscription, one run result) remembers between deltas for the fast paths: the snapshot
 * a fast path built last by literals, and which element of it. Snapshots are immutable, so when the next delta comes
 * for that very object (`===`), its layout is the one the literals gave it and is not read again; any other snapshot
 * (an older one a consumer kept, one built by the general merge or elsewhere, another id's) is checked in full as
 * without a memo. A memo only skips checks: with or without one the result is the same. Never shared between
 * accumulators that run at once (each holds one object, so sharing would only cost checks, never change a result).
 *
 * @example
 * ```ts
 * // internal (src/accumulate/fast-paths.ts)
 * const memo = createFastPathMemo();
 * let message = created;
 * for (const delta of deltas) message = applyDeltaOfKind(MESSAGE_DELTAS, message, delta, memo);
 * ```
 */
export interface FastPathMemo {
  /**
   * The snapshot a fast path built last, whose top level (a message; a run step and its `step_details`) it built in
   * OpenAI's layout, or `undefined`.
   */
  built: object | undefined;
  /** The position of the content part or tool call the fast path built there by literals, down to its string, or -1. */
  index: number;
  /** That element's payload key: `text` for a part, `function` or `code_interpreter` for a call. */
  key: string;
}

/**
 * A new, empty {@link FastPathMemo}: one per accumulator.
 *
 * @example
 * ```ts
 * // internal (src/accumulate/fast-paths.ts)
 * const memo = createFastPathMemo(); // { built: undefined, index: -1, key: '' }
 * ```
 */
export function createFastPathMemo(): FastPathMemo {
  return { built: undefined, index: -1, key: '' };
}

/** Records `next` as what the fast path built last (its top level in OpenAI's layout: `top`), or forgets. */
function remember(memo: FastPathMemo | undefined, next: object, top: boolean, index: number, key: string): void {
  if (memo === undefined) return;
  memo.built = top ? next : undefined;
  memo.index = index;
  memo.key = key;
}

/**
 * One text fragment appended to a text part the snapshot already has
 * (`{ content: [{ index, type: 'text', text: { value } }] }`, an empty `annotations: []` allowed), without the
 * general merge. Returns the new snapshot, exactly what the general merge would build, or `undefined` for any other
 * delta (or when the fast paths are off), which then takes the general merge. With a `memo` whose last snapshot is
 * `snapshot`, the layout it built is not read again (the result is the same).
 *
 * @example
 * ```ts
 * // internal (src/accumulate/fast-paths.ts)
 * appendTextFragment(message, { content: [{ index: 0, type: 'text', text: { value: ' world' } }] });
 * // => a copy of `message` whose content[0].text.value ends with ' world', or undefined for another kind of delta
 * ```
 */
export function appendTextFragment(snapshot: Message, delta: unknown, memo?: FastPathMemo): Message | undefined {
  if (!enabled) return undefined;
  // The delta, always checked in full. Its fields are its own enumerable keys, as the general merge reads them (an
  // inherited or hidden one is not part of a delta): `keyBits` lists them, then they are read directly.
  if (!isPlainObject(delta) || keyBits(delta, 'content') !== 1) return undefined;
  const parts = delta['content'];
  if (!Array.isArray(parts) || parts.length !== 1) return undefined;
  const element: unknown = parts[0];
  if (!isPlainObject(element)) return undefined;
  const elementKeys = keyBits(element, 'index', 'text', 'type');
  if ((elementKeys & 3) !== 3) return undefined; // index and text
  const index = element['index'];
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) return undefined;
  const text = element['text'];
  if (!isPlainObject(text)) return undefined;
  const textKeys = keyBits(text, 'value', 'annotations');
  if ((textKeys & 1) === 0) return undefined;
  const fragment = text['value'];
  if (typeof fragment !== 'string' || fragment === '') return undefined;
  const type = elementKeys & 4 ? element['type'] : undefined;
  // `annotations: []` adds nothing to annotations the snapshot already has (an empty delta array never erases).
  const annotations = textKeys & 2 ? text['annotations'] : undefined;
  if (annotations !== undefined && !(Array.isArray(annotations) && annotations.length === 0)) return undefined;
  // The snapshot: read in full unless this path built it (then its top level and one part are known).
  const trusted = memo !== undefined && memo.built === snapshot;
  const content = trusted ? (snapshot as unknown as JsonObject)['content'] : own(snapshot, 'content');
  if (!Array.isArray(content) || index >= content.length) return undefined;
  const part: unknown = content[index];
  let nextPart: JsonObject;
  let literal: boolean;
  if (trusted && memo.index === index) {
    // Built here by the literals below: `{ type, text: { value: string, annotations } }`.
    const known = part as { type: unknown; text: { value: string; annotations: unknown } };
    if (type !== undefined && type !== known.type) return undefined;
    if (annotations !== undefined && !Array.isArray(known.text.annotations)) return undefined;
    const nextText = { value: known.text.value + fragment, annotations: known.text.annotations };
    nextPart = { type: known.type, text: nextText };
    literal = true;
  } else {
    if (!isPlainObject(part)) return undefined;
    if (type !== undefined && type !== own(part, 'type')) return undefined;
    const current = own(part, 'text');
    if (!isPlainObject(current)) return undefined;
    const value = own(current, 'value');
    if (typeof value !== 'string') return undefined;
    if (annotations !== undefined && !Array.isArray(own(current, 'annotations'))) return undefined;
    // OpenAI's layouts by object literals: V8 copies an object that came from a copy with a spread (plus an
    // override) several times slower than it builds a literal, and this runs on nearly every event of a stream.
    const textLiteral = isLayout(current, 'value', 'annotations');
    const nextText = textLiteral
      ? { value: value + fragment, annotations: current['annotations'] }
      : { ...current, value: value + fragment };
    literal = textLiteral && isLayout(part, 'type', 'text');
    nextPart = literal ? { type: part['type'], text: nextText } : { ...part, text: nextText };
  }
  const nextContent = content.slice();
  nextContent[index] = nextPart;
  const top = trusted || sameKeys(Object.keys(snapshot), MESSAGE_KEYS);
  const next = top ? copyMessage(snapshot as unknown as JsonObject) : { ...(snapshot as unknown as JsonObject) };
  next['content'] = nextContent;
  remember(memo, next, top, literal ? index : -1, 'text');
  return next as unknown as Message;
}

/** `o[key]` if `key` is an own key of `o`, else `undefined`. */
function own(o: object, key: string): unknown {
  return hasOwn(o, key) ? (o as JsonObject)[key] : undefined;
}

/** Whether the own keys of `o` are exactly `first` then `second`. */
function isLayout(o: object, first: string, second: string): boolean {
  const keys = Object.keys(o);
  return keys.length === 2 && keys[0] === first && keys[1] === second;
}

/**
 * Which of `a`, `b`, `c`, `d` are own enumerable keys of `o` (the keys a delta merges), as the bits 1, 2, 4, 8; 0
 * when `o` has any other key (every caller needs one of them at least, so 0 declines). One `for...in` walk, which
 * builds no key array (an inherited key declines too), then the fields it found are read directly.
 */
function keyBits(o: object, a: string, b = a, c = a, d = a): number {
  let bits = 0;
  for (const key in o) {
    if (!hasOwn(o, key)) return 0;
    if (key === a) bits |= 1;
    else if (key === b) bits |= 2;
    else if (key === c) bits |= 4;
    else if (key === d) bits |= 8;
    else return 0;
  }
  return bits;
}

/**
 * One `function.arguments` or `code_interpreter.input` fragment appended to a tool call the step already has
 * (`{ step_details: { type: 'tool_calls', tool_calls: [{ index, type, function: { arguments } }] } }`, or
 * `code_interpreter: { input }` in place of `function`), without the general merge. Returns the new step, exactly
 * what the general merge would build (same keys, same order, same sharing), or `undefined` for any other delta (or
 * when the fast paths are off), which then takes the general merge. With a `memo` whose last snapshot is
 * `snapshot`, the layout it built is not read again (the result is the same).
 *
 * @example
 * ```ts
 * // internal (src/accumulate/fast-paths.ts)
 * appendToolCallFragment(step, { step_details: { type: 'tool_calls', tool_calls: [{ index: 0, type: 'function', function: { arguments: '"}' } }] } });
 * // => a copy of `step` whose call 0 has '"}' appended to its arguments, or undefined for another kind of delta
 * ```
 */
export function appendToolCallFragment(snapshot: RunStep, delta: unknown, memo?: FastPathMemo): RunStep | undefined {
  // The delta, always checked in full.
  // (Its fields are its own enumerable keys, listed by `keyBits`, then read directly: see appendTextFragment.)
  if (!enabled || !isPlainObject(delta) || keyBits(delta, 'step_details') !== 1) return undefined;
  const details = delta['step_details'];
  if (!isPlainObject(details)) return undefined;
  const detailsKeys = keyBits(details, 'tool_calls', 'type');
  if ((detailsKeys & 1) === 0) return undefined;
  const calls = details['tool_calls'];
  if (!Array.isArray(calls) || calls.length !== 1) return undefined;
  const element: unknown = calls[0];
  if (!isPlainObject(element)) return undefined;
  // The payload key and its fragment key: `function.arguments` or `code_interpreter.input` (one of them), nothing else.
  const elementKeys = keyBits(element, 'index', 'type', 'function', 'code_interpreter');
  if ((elementKeys & 1) === 0 || (elementKeys & 12) === 0 || (elementKeys & 12) === 12) return undefined;
  const index = element['index'];
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) return undefined;
  const payloadKey = elementKeys & 4 ? 'function' : 'code_interpreter';
  const fragmentKey = payloadKey === 'function' ? 'arguments' : 'input';
  const payload = element[payloadKey];
  if (!isPlainObject(payload) || keyBits(payload, fragmentKey) !== 1) return undefined;
  const fragment = payload[fragmentKey];
  if (typeof fragment !== 'string' || fragment === '') return undefined;
  const detailsType = detailsKeys & 2 ? details['type'] : undefined;
  const type = elementKeys & 2 ? element['type'] : undefined;
  // The snapshot: read in full unless this path built it (then its top level, its details and one call are known).
  const trusted = memo !== undefined && memo.built === snapshot;
  const currentDetails = trusted ? (snapshot as unknown as JsonObject)['step_details'] : own(snapshot, 'step_details');
  if (!isPlainObject(currentDetails)) return undefined;
  if (detailsType !== undefined && detailsType !== own(currentDetails, 'type')) return undefined;
  const currentCalls = own(currentDetails, 'tool_calls');
  if (!Array.isArray(currentCalls) || index >= currentCalls.length) return undefined;
  const call: unknown = currentCalls[index];
  let nextCall: JsonObject;
  let literal: boolean;
  if (trusted && memo.index === index && memo.key === payloadKey) {
    // Built here by the literals below: `{ id, type, function: { name, arguments: string, output } }` or
    // `{ id, type, code_interpreter: { input: string, outputs } }`.
    const known = call as JsonObject;
    if (type !== undefined && type !== known['type']) return undefined;
    const current = known[payloadKey] as JsonObject;
    nextCall = callLiteral(known, payloadKey, payloadLiteral(current, payloadKey, (current[fragmentKey] as string) + fragment));
    literal = true;
  } else {
    if (!isPlainObject(call)) return undefined;
    if (type !== undefined && type !== own(call, 'type')) return undefined;
    const current = own(call, payloadKey);
    if (!isPlainObject(current)) return undefined;
    const value = own(current, fragmentKey);
    if (typeof value !== 'string') return undefined;
    const joined = value + fragment;
    const payloadIsLiteral =
      payloadKey === 'function' ? isLayout3(current, 'name', 'arguments', 'output') : isLayout(current, 'input', 'outputs');
    const nextPayload = payloadIsLiteral ? payloadLiteral(current, payloadKey, joined) : { ...current, [fragmentKey]: joined };
    const callIsLiteral = isLayout3(call, 'id', 'type', payloadKey);
    nextCall = callIsLiteral ? callLiteral(call, payloadKey, nextPayload) : { ...call, [payloadKey]: nextPayload };
    literal = payloadIsLiteral && callIsLiteral;
  }
  const nextCalls = currentCalls.slice();
  nextCalls[index] = nextCall;
  const detailsLiteral = trusted || isLayout(currentDetails, 'type', 'tool_calls');
  const nextDetails: JsonObject = detailsLiteral
    ? { type: currentDetails['type'], tool_calls: nextCalls }
    : { ...currentDetails, tool_calls: nextCalls };
  const top = trusted || sameKeys(Object.keys(snapshot), RUN_STEP_KEYS);
  const next = top ? copyRunStep(snapshot as unknown as JsonObject) : { ...(snapshot as unknown as JsonObject) };
  next['step_details'] = nextDetails;
  remember(memo, next, top && detailsLiteral, literal ? index : -1, payloadKey);
  return next as unknown as RunStep;
}

/** A call's payload in OpenAI's layout with its fragment field set to `joined`. */
function payloadLiteral(current: JsonObject, payloadKey: 'function' | 'code_interpreter', joined: string): JsonObject {
  return payloadKey === 'function'
    ? { name: current['name'], arguments: joined, output: current['output'] }
    : { input: joined, outputs: current['outputs'] };
}

/** A tool call in OpenAI's layout (`id`, `type`, then its payload). */
function callLiteral(call: JsonObject, payloadKey: 'function' | 'code_interpreter', payload: JsonObject): JsonObject {
  return payloadKey === 'function'
    ? { id: call['id'], type: call['type'], function: payload }
    : { id: call['id'], type: call['type'], code_interpreter: payload };
}

/** Whether the own keys of `o` are exactly `a`, `b`, `c`, in that order. */
function isLayout3(o: object, a: string, b: string, c: string): boolean {
  const keys = Object.keys(o);
  return keys.length === 3 && keys[0] === a && keys[1] === b && keys[2] === c;
}
