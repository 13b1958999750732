import { AssistantStreamError, excerpt } from '../errors';

/** A JSON object as the accumulators see it. */
export type JsonObject = { [key: string]: unknown };

/**
 * The fields the wire streams as string fragments, as `key -> parent`: `parent` is the key of the object that holds
 * the field, or, for an element of an indexed array, the key of that array (`content`, `outputs`).
 * Every other scalar is replaced, never appended. (A map by key, so the hot path builds no `parent.key` string.)
 */
const FRAGMENT_FIELDS: ReadonlyMap<string, string> = new Map([
  ['value', 'text'], // message text part: { type: 'text', text: { value } }
  ['refusal', 'content'], // message refusal part: { type: 'refusal', refusal }
  ['arguments', 'function'], // function tool call: { function: { arguments } }
  ['input', 'code_interpreter'], // code interpreter tool call: { code_interpreter: { input } }
  ['logs', 'outputs'], // code interpreter output: { outputs: [{ type: 'logs', logs }] }
]);

/**
 * Keys that could reach an object's prototype if copied with assignment: never taken from a delta
 * (`__proto__`, `constructor`, `prototype`: three comparisons, cheaper than a Set lookup in the hot loop).
 */
function isForbiddenKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype';
}

/**
 * How far past the end of an indexed array a delta element may land. A larger jump is an `invalid_delta` error:
 * no server skips a thousand content parts, and an unbounded `index` would let one small delta allocate a huge array.
 *
 * @example
 * ```ts
 * import { applyMessageDelta, MAX_INDEX_GAP } from 'rx-assistant-stream';
 *
 * const index = message.content.length + MAX_INDEX_GAP + 1;
 * applyMessageDelta(message, { id: message.id, object: 'thread.message.delta', delta: { content: [{ index, type: 'text' }] } });
 * // throws AssistantStreamError, code 'invalid_delta'
 * ```
 */
export const MAX_INDEX_GAP = 1000;

/**
 * How deep a delta may nest (keys and array positions from its root). The merge recurses, and an untrusted delta
 * could nest 100,000 arrays (JSON.parse takes it): past this depth it is an `invalid_delta` error, not a stack
 * overflow. Real deltas nest fewer than ten levels.
 */
const MAX_DEPTH = 256;

export const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An array of elements addressed by `index` (content parts, annotations, tool calls, outputs): one of its elements
 * carries an `index`. Every element must then be an object with a valid `index`, or the delta is invalid.
 */
function isIndexedArray(value: readonly unknown[]): boolean {
  for (let i = 0; i < value.length; i++) {
    const element = value[i];
    if (isPlainObject(element) && hasOwn(element, 'index')) return true;
  }
  return false;
}

/**
 * Where the merge is, from the delta's root: keys and array positions, pushed and popped as the merge descends and
 * joined into `delta.content[0].text` only when an error names it (the hot path builds no path strings).
 */
type Path = (string | number)[];

function formatPath(path: Path, last?: string): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out = out === '' ? segment : `${out}.${segment}`;
  }
  if (last !== undefined) out = out === '' ? last : `${out}.${last}`;
  return out;
}

/**
 * Merges a delta object into a snapshot object, copy-on-write.
 * - `target`: the snapshot object, or `undefined` when the delta starts a new one.
 * - `parentKey`: the key holding `target` (the array's key for an array element), for {@link FRAGMENT_FIELDS}.
 * - `stripIndex`: the object is an element of an indexed array, whose `index` is its position, not a field.
 * Returns `target` itself when the delta changes nothing.
 */
function mergeObject(target: JsonObject | undefined, delta: JsonObject, parentKey: string, path: Path, stripIndex: boolean): JsonObject {
  if (path.length > MAX_DEPTH) throw tooDeep(path);
  let out: JsonObject | undefined = target === undefined ? {} : undefined;
  for (const key of Object.keys(delta)) {
    if (isForbiddenKey(key) || (stripIndex && key === 'index')) continue;
    const value = delta[key];
    if (value === undefined) continue;
    const had = target !== undefined && hasOwn(target, key);
    const previous = had ? target![key] : undefined;
    const next = mergeValue(previous, value, parentKey, key, path);
    if (had && next === previous) continue;
    // Spread copies own keys as data properties (an own "__proto__" from JSON.parse stays an own key);
    // `key` is never a forbidden key, so the assignment below cannot reach a prototype.
    if (out === undefined) out = copyOf(target!, path.length);
    out[key] = next;
  }
  return out ?? target!;
}

/**
 * A shallow copy of a snapshot object (own keys as data properties). A `{ ...o }` site is fast while it sees a few
 * object shapes; one site for every level of every snapshot sees dozens, goes megamorphic and falls to V8's slow
 * path. So the top level (the message or step itself), the next two levels, the fourth and the rest are copied at
 * separate sites: separate functions, so no minifier folds them.
 */
function copyOf(o: JsonObject, depth: number): JsonObject {
  return depth <= 1 ? copyTop(o) : depth <= 3 ? copyMiddle(o) : depth === 4 ? copyFourth(o) : copyDeep(o);
}

/**
 * The top level: the message or run step, copied on every delta. V8 (Node 20) spreads an object of more than eight
 * properties through its slow path, about ten times the cost of an object literal; a message has fourteen. So the
 * layouts OpenAI's servers send are copied by a literal in the very same key order, and anything else (another
 * server's order, extra keys) by a spread: the copy is the same either way. Symbol keys are not JSON and are not
 * looked for (`getOwnPropertySymbols` on every delta cost more than the copy): the literal does not carry them.
 */
export function copyTop(o: JsonObject): JsonObject {
  const keys = Object.keys(o);
  if (keys.length === 14 && sameKeys(keys, MESSAGE_KEYS)) return copyMessage(o);
  if (keys.length === 15 && sameKeys(keys, RUN_STEP_KEYS)) return copyRunStep(o);
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

function copyMiddle(o: JsonObject): JsonObject {
  return { ...o };
}
// Depth 4: a message's `text` (delta.content[i].text), a step's tool call (delta.step_details.tool_calls[i]).
function copyFourth(o: JsonObject): JsonObject {
  return { ...o };
}
function copyDeep(o: JsonObject): JsonObject {
  return { ...o };
}

function mergeValue(previous: unknown, value: unknown, parentKey: string, key: string, path: Path): unknown {
  if (typeof value === 'string') {
    if (typeof previous === 'string' && FRAGMENT_FIELDS.get(key) === parentKey) {
      return value === '' ? previous : previous + value;
    }
    return value;
  }
  let out: unknown;
  if (isPlainObject(value)) {
    path.push(key);
    out = mergeObject(isPlainObject(previous) ? previous : undefined, value, key, path, false);
  } else if (Array.isArray(value)) {
    path.push(key);
    out = mergeArray(previous, value, key, path);
  } else {
    return value; // number, boolean, null: replaced
  }
  path.pop();
  return out;
}

/**
 * Merges a delta array into a snapshot array.
 * - An indexed array (its elements carry an `index`) merges element-wise by `index`, into a copy; an element
 *   without a valid `index` in such an array is an `invalid_delta` error.
 * - An empty array changes nothing when the snapshot already has an array there: the wire sends `[]` as
 *   "no elements yet" (`annotations: []`, `outputs: []`), never to erase.
 * - Any other array replaces the snapshot's (its objects rebuilt without forbidden keys).
 */
function mergeArray(previous: unknown, value: readonly unknown[], key: string, path: Path): unknown[] {
  if (path.length > MAX_DEPTH) throw tooDeep(path);
  const base = Array.isArray(previous) ? (previous as unknown[]) : undefined;
  if (value.length === 0) return base ?? [];
  if (!isIndexedArray(value)) {
    return value.map((element, i) => {
      path.push(i);
      const cleaned = cleanValue(element, key, path);
      path.pop();
      return cleaned;
    });
  }
  let out = base ?? [];
  let copied = base === undefined;
  for (let i = 0; i < value.length; i++) {
    const element = value[i];
    path.push(i);
    if (!isPlainObject(element)) throw invalidElement(element, formatPath(path));
    const index = checkIndex(element.index, out.length, path);
    const current = index < out.length ? out[index] : undefined;
    const merged = mergeObject(isPlainObject(current) ? current : undefined, element, key, path, true);
    path.pop();
    if (merged === current) continue;
    if (!copied) {
      out = out.slice();
      copied = true;
    }
    out[index] = merged;
  }
  return out;
}

/** A delta value copied into a fresh snapshot value: objects rebuilt without forbidden keys, arrays element by element. */
function cleanValue(value: unknown, key: string, path: Path): unknown {
  if (isPlainObject(value)) return mergeObject(undefined, value, key, path, false);
  if (Array.isArray(value)) return mergeArray(undefined, value, key, path);
  return value;
}

function tooDeep(path: Path): AssistantStreamError {
  const where = `${formatPath(path.slice(0, 8))}…`;
  return new AssistantStreamError('invalid_delta', `Invalid delta at ${where}: nested deeper than ${MAX_DEPTH} levels`, {
    path: where,
    expected: `at most ${MAX_DEPTH} levels of nesting`,
  });
}

function invalidElement(element: unknown, path: string): AssistantStreamError {
  return new AssistantStreamError('invalid_delta', `Invalid delta at ${path}: expected an object with an index, got ${excerpt(element)}`, {
    path,
    expected: 'object with an index',
    excerpt: excerpt(element),
  });
}

function checkIndex(index: unknown, length: number, at: Path): number {
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) {
    const path = formatPath(at, 'index');
    throw new AssistantStreamError('invalid_delta', `Invalid delta at ${path}: expected a non-negative integer index, got ${excerpt(index)}`, {
      path,
      expected: 'non-negative integer',
      excerpt: excerpt(index),
    });
  }
  if (index > length + MAX_INDEX_GAP) {
    const path = formatPath(at, 'index');
    throw new AssistantStreamError(
      'invalid_delta',
      `Invalid delta at ${path}: index ${index} is more than ${MAX_INDEX_GAP} past the ${length} element(s) accumulated so far`,
      { path, expected: `index at most ${length + MAX_INDEX_GAP}`, excerpt: excerpt(index) },
    );
  }
  return index;
}

/**
 * Merges a delta into a JSON snapshot without mutating either, and returns the new snapshot.
 *
 * Rules: the fragment fields (`text.value`, `function.arguments`, `code_interpreter.input`, `logs`, `refusal`)
 * concatenate; every other scalar, `null` included, is replaced; objects merge key by key; arrays of objects that
 * carry an `index` merge element-wise by that index, and the `index` key is not kept in the merged element (the
 * element's position is its index, and the server's completed objects have no `index`); an empty array never erases
 * accumulated elements; other arrays are replaced. Keys `__proto__`, `constructor` and `prototype` in the delta are
 * skipped, and so are symbol keys (not JSON: a snapshot's own may not survive a copy). Only the path the delta
 * touches is copied: untouched objects and arrays are shared with `snapshot`, and `snapshot` itself is returned when
 * the delta changes nothing. A delta index that skips positions leaves holes (sparse slots) until an element with
 * that index arrives.
 *
 * @example
 * ```ts
 * import { mergeDelta } from 'rx-assistant-stream';
 *
 * const part = { type: 'text', text: { value: 'Hel', annotations: [] } };
 * mergeDelta({ content: [part] }, { content: [{ index: 0, type: 'text', text: { value: 'lo' } }] });
 * // => { content: [{ type: 'text', text: { value: 'Hello', annotations: [] } }] }
 * ```
 *
 * @param snapshot The accumulated object, left untouched.
 * @param delta The delta object to apply (for a message, the `delta` field of a `thread.message.delta` event's data).
 * @param path Where `delta` sits in its event, to name in errors (`delta` by default).
 * @returns The merged snapshot: a new object if anything changed, `snapshot` itself otherwise.
 * @throws {AssistantStreamError} `invalid_delta` when an `index` is not a non-negative integer or lands more than
 * {@link MAX_INDEX_GAP} past the end of its array, or when the delta nests deeper than 256 levels.
 */
export function mergeDelta<T extends object>(snapshot: T, delta: object, path = 'delta'): T {
  if (!isPlainObject(snapshot) || !isPlainObject(delta)) {
    throw new AssistantStreamError('invalid_delta', `Invalid delta at ${path}: expected an object, got ${excerpt(delta)}`, {
      path,
      expected: 'object',
      excerpt: excerpt(delta),
    });
  }
  return mergeObject(snapshot, delta, '', [path], false) as T;
}
