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
    if (keys.length === 14 && sameKeys(keys, MESSAGE_KEYS)) return copyMessage(o);
    if (keys.length === 15 && sameKeys(keys, RUN_STEP_KEYS)) return copyRunStep(o);
  }
  return { ...o };
}

// prettier-ignore
const MESSAGE_KEYS: readonly string[] = ['id', 'object', 'created_at', 'assistant_id', 'thread_id', 'run_id', 'status', 'incomplete_details', 'incomplete_at', 'completed_at', 'role', 'content', 'attachments', 'metadata'];
// prettier-ignore
const RUN_STEP_KEYS: readonly string[] = ['id', 'object', 'created_at', 'run_id', 'assistant_id', 'thread_id', 'type', 'status', 'cancelled_at', 'completed_at', 'expires_at', 'failed_at', 'last_error', 'step_details', 'usage'];

function sameKeys(keys: readonly string[], expected: readonly string[]): boolean {
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
 * One text fragment appended to a text part the snapshot already has
 * (`{ content: [{ index, type: 'text', text: { value } }] }`, an empty `annotations: []` allowed), without the
 * general merge. Returns the new snapshot, exactly what the general merge would build, or `undefined` for any other
 * delta (or when the fast paths are off), which then takes the general merge.
 *
 * @example
 * ```ts
 * // internal (src/accumulate/fast-paths.ts)
 * appendTextFragment(message, { content: [{ index: 0, type: 'text', text: { value: ' world' } }] });
 * // => a copy of `message` whose content[0].text.value ends with ' world', or undefined for another kind of delta
 * ```
 */
export function appendTextFragment(snapshot: Message, delta: unknown): Message | undefined {
  if (!enabled) return undefined;
  // Every field is read as an own key, as the general merge reads them (an inherited one is not part of a delta).
  if (!isPlainObject(delta) || !onlyKeys(delta, 'content')) return undefined;
  const parts = own(delta, 'content');
  if (!Array.isArray(parts) || parts.length !== 1) return undefined;
  const element: unknown = parts[0];
  if (!isPlainObject(element) || !onlyKeys(element, 'index', 'type', 'text')) return undefined;
  const index = own(element, 'index');
  const content = own(snapshot, 'content');
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) return undefined;
  if (!Array.isArray(content) || index >= content.length) return undefined;
  const part: unknown = content[index];
  if (!isPlainObject(part)) return undefined;
  const type = own(element, 'type');
  if (type !== undefined && type !== own(part, 'type')) return undefined;
  const text = own(element, 'text');
  const current = own(part, 'text');
  if (!isPlainObject(text) || !isPlainObject(current) || !onlyKeys(text, 'value', 'annotations')) return undefined;
  const fragment = own(text, 'value');
  const value = own(current, 'value');
  if (typeof fragment !== 'string' || fragment === '' || typeof value !== 'string') return undefined;
  // `annotations: []` adds nothing to annotations the snapshot already has (an empty delta array never erases).
  const annotations = own(text, 'annotations');
  if (annotations !== undefined) {
    const emptyDelta = Array.isArray(annotations) && annotations.length === 0;
    if (!emptyDelta || !Array.isArray(own(current, 'annotations'))) return undefined;
  }
  const nextContent = content.slice();
  // OpenAI's layouts by object literals: V8 copies an object that came from a copy with a spread (plus an override)
  // several times slower than it builds a literal, and this runs on nearly every event of a stream.
  const nextText = isLayout(current, 'value', 'annotations')
    ? { value: value + fragment, annotations: current['annotations'] }
    : { ...current, value: value + fragment };
  nextContent[index] = isLayout(part, 'type', 'text') ? { type: part['type'], text: nextText } : { ...part, text: nextText };
  const next = copyTop(snapshot as unknown as JsonObject);
  next['content'] = nextContent;
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

/** Whether every own key of `o` is `a`, `b` or `c` (an object with none passes). */
function onlyKeys(o: object, a: string, b = a, c = a): boolean {
  for (const key of Object.keys(o)) if (key !== a && key !== b && key !== c) return false;
  return true;
}

/**
 * One `function.arguments` or `code_interpreter.input` fragment appended to a tool call the step already has
 * (`{ step_details: { type: 'tool_calls', tool_calls: [{ index, type, function: { arguments } }] } }`, or
 * `code_interpreter: { input }` in place of `function`), without the general merge. Returns the new step, exactly
 * what the general merge would build (same keys, same order, same sharing), or `undefined` for any other delta (or
 * when the fast paths are off), which then takes the general merge.
 *
 * @example
 * ```ts
 * // internal (src/accumulate/fast-paths.ts)
 * appendToolCallFragment(step, { step_details: { type: 'tool_calls', tool_calls: [{ index: 0, type: 'function', function: { arguments: '"}' } }] } });
 * // => a copy of `step` whose call 0 has '"}' appended to its arguments, or undefined for another kind of delta
 * ```
 */
export function appendToolCallFragment(snapshot: RunStep, delta: unknown): RunStep | undefined {
  if (!enabled || !isPlainObject(delta) || !onlyKeys(delta, 'step_details')) return undefined;
  const details = own(delta, 'step_details');
  const currentDetails = own(snapshot, 'step_details');
  if (!isPlainObject(details) || !isPlainObject(currentDetails) || !onlyKeys(details, 'type', 'tool_calls')) return undefined;
  const detailsType = own(details, 'type');
  if (detailsType !== undefined && detailsType !== own(currentDetails, 'type')) return undefined;
  const calls = own(details, 'tool_calls');
  const currentCalls = own(currentDetails, 'tool_calls');
  if (!Array.isArray(calls) || calls.length !== 1 || !Array.isArray(currentCalls)) return undefined;
  const element: unknown = calls[0];
  if (!isPlainObject(element)) return undefined;
  const index = own(element, 'index');
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= currentCalls.length) return undefined;
  const call: unknown = currentCalls[index];
  if (!isPlainObject(call)) return undefined;
  const type = own(element, 'type');
  if (type !== undefined && type !== own(call, 'type')) return undefined;
  // The payload key and its fragment key: `function.arguments` or `code_interpreter.input`, nothing else.
  const payloadKey = hasOwn(element, 'function') ? 'function' : 'code_interpreter';
  const fragmentKey = payloadKey === 'function' ? 'arguments' : 'input';
  if (!onlyKeys(element, 'index', 'type', payloadKey)) return undefined;
  const payload = own(element, payloadKey);
  const current = own(call, payloadKey);
  if (!isPlainObject(payload) || !isPlainObject(current) || !onlyKeys(payload, fragmentKey)) return undefined;
  const fragment = own(payload, fragmentKey);
  const value = own(current, fragmentKey);
  if (typeof fragment !== 'string' || fragment === '' || typeof value !== 'string') return undefined;
  const joined = value + fragment;
  let nextPayload: JsonObject;
  if (payloadKey === 'function' && isLayout3(current, 'name', 'arguments', 'output')) {
    nextPayload = { name: current['name'], arguments: joined, output: current['output'] };
  } else if (payloadKey === 'code_interpreter' && isLayout(current, 'input', 'outputs')) {
    nextPayload = { input: joined, outputs: current['outputs'] };
  } else {
    nextPayload = { ...current, [fragmentKey]: joined };
  }
  let nextCall: JsonObject;
  if (!isLayout3(call, 'id', 'type', payloadKey)) nextCall = { ...call, [payloadKey]: nextPayload };
  else if (payloadKey === 'function') nextCall = { id: call['id'], type: call['type'], function: nextPayload };
  else nextCall = { id: call['id'], type: call['type'], code_interpreter: nextPayload };
  const nextCalls = currentCalls.slice();
  nextCalls[index] = nextCall;
  const nextDetails: JsonObject = isLayout(currentDetails, 'type', 'tool_calls')
    ? { type: currentDetails['type'], tool_calls: nextCalls }
    : { ...currentDetails, tool_calls: nextCalls };
  const next = copyTop(snapshot as unknown as JsonObject);
  next['step_details'] = nextDetails;
  return next as unknown as RunStep;
}

/** Whether the own keys of `o` are exactly `a`, `b`, `c`, in that order. */
function isLayout3(o: object, a: string, b: string, c: string): boolean {
  const keys = Object.keys(o);
  return keys.length === 3 && keys[0] === a && keys[1] === b && keys[2] === c;
}
