import { type AssistantStreamError, describeValue, invalidDeltaError } from '../errors';
import { copyTop } from './fast-paths';
import { isFragmentKey } from './field-rules';
import { hasOwn, isPlainObject, type JsonObject } from './json';

export { hasOwn, isPlainObject, type JsonObject } from './json';

/**
 * Keys that could reach an object's prototype if copied with assignment: never taken from a delta
 * (`__proto__`, `constructor`, `prototype`: three comparisons, cheaper than a Set lookup in the hot loop).
 */
function isForbiddenKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype';
}

/**
 * How many holes (positions no element has filled yet) an indexed array of a snapshot may hold in total, over the
 * whole stream: a delta whose `index` skips positions leaves holes until their elements arrive, and past this many
 * the delta is an `invalid_delta` error. Counted in total, not per delta: a thousand deltas that each skip a
 * thousand positions fail at the second one instead of growing a million-slot array whose every copy is slow.
 * (openai-node 7.59 bounds holes the same way, at 1024; no real stream leaves any.)
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
 * The largest `index` a delta element may carry, so an indexed array (parts, annotations, tool calls, outputs) holds
 * at most 16,384 elements. Real streams stay below a few hundred. The bound is where V8 moves an array to its
 * large-object space: past it, every copy of the array is a freshly mapped allocation (about 1 ms on a 2-core VM,
 * against microseconds below it), and an immutable snapshot copies the array once per delta. So 40,000 one-element
 * deltas would freeze the thread for half a minute; with the bound, such a stream fails with `invalid_delta` at the
 * 16,385th element, about half a second in. (openai-node 7.59, which mutates its snapshots, allows 65,536.)
 */
const MAX_INDEX = 16_383;

/** Holes counted in the arrays this module built (they are never mutated after, so the count stays true). */
const holeCounts = new WeakMap<readonly unknown[], number>();

/** The holes of `array`: remembered for the arrays built here, counted once (O(length)) for any other. */
function holesOf(array: readonly unknown[]): number {
  const known = holeCounts.get(array);
  if (known !== undefined) return known;
  let holes = 0;
  for (let i = 0; i < array.length; i++) if (!(i in array)) holes++;
  return holes;
}

/**
 * How deep a delta may nest (keys and array positions from its root). The merge recurses, and an untrusted delta
 * could nest 100,000 arrays (JSON.parse takes it): past this depth it is an `invalid_delta` error, not a stack
 * overflow. Real deltas nest fewer than ten levels.
 */
const MAX_DEPTH = 256;

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
 * - `stripIndex`: the object is an element of an indexed array, whose `index` is its position, not a field.
 * Returns `target` itself when the delta changes nothing.
 */
function mergeObject(target: JsonObject | undefined, delta: JsonObject, path: Path, stripIndex: boolean): JsonObject {
  if (path.length > MAX_DEPTH) throw tooDeep(path);
  let out: JsonObject | undefined = target === undefined ? {} : undefined;
  for (const key of Object.keys(delta)) {
    if (isForbiddenKey(key) || (stripIndex && key === 'index')) continue;
    const value = delta[key];
    if (value === undefined) continue;
    const had = target !== undefined && hasOwn(target, key);
    const previous = had ? target![key] : undefined;
    const next = mergeValue(previous, value, key, path);
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
 * path. So the top level (the message or step itself, see `copyTop` in fast-paths.ts), the next two levels, the
 * fourth and the rest are copied at separate sites: separate functions, so no minifier folds them.
 */
function copyOf(o: JsonObject, depth: number): JsonObject {
  return depth <= 1 ? copyTop(o) : depth <= 3 ? copyMiddle(o) : depth === 4 ? copyFourth(o) : copyDeep(o);
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

/** One field: a fragment key's string appended (see FIELD_RULES), objects and arrays merged, anything else replaced. */
function mergeValue(previous: unknown, value: unknown, key: string, path: Path): unknown {
  if (typeof value === 'string') {
    if (typeof previous === 'string' && isFragmentKey(key)) return value === '' ? previous : previous + value;
    return value;
  }
  let out: unknown;
  if (isPlainObject(value)) {
    path.push(key);
    out = mergeObject(isPlainObject(previous) ? previous : undefined, value, path, false);
  } else if (Array.isArray(value)) {
    path.push(key);
    out = mergeArray(previous, value, path);
  } else {
    return value; // number, boolean, null: replaced
  }
  path.pop();
  return out;
}

/**
 * Merges a delta array into a snapshot array.
 * - An indexed array (its elements carry an `index`) merges element-wise by `index`, into one copy of the
 *   snapshot's array (an append allocates the copy at its new length: one copy, not a copy and a growth); an
 *   element without a valid `index` in such an array is an `invalid_delta` error, and so is an element whose
 *   `type` differs from the `type` of the element already at its index (never a mixed object).
 * - An empty array changes nothing when the snapshot already has an array there: the wire sends `[]` as
 *   "no elements yet" (`annotations: []`, `outputs: []`), never to erase.
 * - Any other array replaces the snapshot's (its objects rebuilt without forbidden keys).
 */
function mergeArray(previous: unknown, value: readonly unknown[], path: Path): unknown[] {
  if (path.length > MAX_DEPTH) throw tooDeep(path);
  const base = Array.isArray(previous) ? (previous as unknown[]) : undefined;
  if (value.length === 0) return base ?? [];
  if (!isIndexedArray(value)) {
    return value.map((element, i) => {
      path.push(i);
      const cleaned = cleanValue(element, path);
      path.pop();
      return cleaned;
    });
  }
  let out = base ?? [];
  let copied = base === undefined;
  let holes = base === undefined ? 0 : -1; // -1: not counted yet (only a delta that skips or fills a position needs it)
  for (let i = 0; i < value.length; i++) {
    const element = value[i];
    path.push(i);
    if (!isPlainObject(element)) throw invalidElement(element, formatPath(path));
    const index = checkIndex(element.index, path);
    const present = index < out.length && index in out;
    const current = present ? out[index] : undefined;
    if (isPlainObject(current)) checkSameType(current, element, path);
    const merged = mergeObject(isPlainObject(current) ? current : undefined, element, path, true);
    if (!present) {
      if (holes === -1) holes = holesOf(out);
      holes += index < out.length ? -1 : index - out.length;
      if (holes > MAX_INDEX_GAP) throw tooManyHoles(index, path);
    }
    path.pop();
    if (merged === current) continue;
    if (!copied) {
      copied = true;
      if (index === out.length) {
        out = out.concat([merged]);
        continue;
      }
      out = out.slice();
    }
    out[index] = merged;
  }
  if (out !== base) {
    const known = holes !== -1 ? holes : base !== undefined ? holeCounts.get(base) : undefined;
    if (known !== undefined && known > 0) holeCounts.set(out, known);
  }
  return out;
}

/** A delta value copied into a fresh snapshot value: objects rebuilt without forbidden keys, arrays element by element. */
function cleanValue(value: unknown, path: Path): unknown {
  if (isPlainObject(value)) return mergeObject(undefined, value, path, false);
  if (Array.isArray(value)) return mergeArray(undefined, value, path);
  return value;
}

/** A part, annotation, tool call or output keeps its `type`: one that changes at an index is an invalid delta. */
function checkSameType(current: JsonObject, element: JsonObject, at: Path): void {
  if (!hasOwn(element, 'type') || !hasOwn(current, 'type')) return;
  const type = element['type'];
  const was = current['type'];
  if (type === undefined || type === was) return;
  const path = formatPath(at, 'type');
  const expected = typeof was === 'string' ? JSON.stringify(was) : describeValue(was);
  throw invalidDeltaError(
    path,
    `expected the type of the element already at this index (${expected}), got ${describeValue(type)} that differs`,
    expected,
    type,
  );
}

function tooDeep(path: Path): AssistantStreamError {
  const where = `${formatPath(path.slice(0, 8))}…`;
  return invalidDeltaError(where, `nested deeper than ${MAX_DEPTH} levels`, `at most ${MAX_DEPTH} levels of nesting`);
}

function invalidElement(element: unknown, path: string): AssistantStreamError {
  return invalidDeltaError(
    path,
    `expected an object with an index, got ${describeValue(element)}`,
    'object with an index',
    element,
  );
}

function checkIndex(index: unknown, at: Path): number {
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index > MAX_INDEX) {
    const path = formatPath(at, 'index');
    const got = typeof index === 'number' ? `${index}` : describeValue(index);
    throw invalidDeltaError(
      path,
      `expected a non-negative integer index below ${MAX_INDEX + 1}, got ${got}`,
      `non-negative integer below ${MAX_INDEX + 1}`,
      index,
    );
  }
  return index;
}

function tooManyHoles(index: number, at: Path): AssistantStreamError {
  const path = formatPath(at, 'index');
  return invalidDeltaError(
    path,
    `index ${index} would leave more than ${MAX_INDEX_GAP} positions of this array unfilled in total`,
    `at most ${MAX_INDEX_GAP} unfilled positions in the array`,
    index,
  );
}

/**
 * Merges a delta into a JSON snapshot without mutating either, and returns the new snapshot.
 *
 * Rules (the table is `FIELD_RULES`, field-rules.ts): the fragment keys `arguments`, `input`, `logs`, `value` and
 * `refusal` concatenate wherever they stand, in any tool type, known or not; every other scalar, `null` included,
 * is replaced; objects merge key by key; arrays of objects that
 * carry an `index` merge element-wise by that index, and the `index` key is not kept in the merged element (the
 * element's position is its index, and the server's completed objects have no `index`); an empty array never erases
 * accumulated elements; other arrays are replaced; an element whose `type` differs from the one already at its index
 * is an `invalid_delta` error. Keys `__proto__`, `constructor` and `prototype` in the delta are
 * skipped, and so are symbol keys (not JSON: a snapshot's own may not survive a copy). Only the path the delta
 * touches is copied: untouched objects and arrays are shared with `snapshot`, and `snapshot` itself is returned when
 * the delta changes nothing; a delta touching one element of an array costs one copy of that array. A delta index that
 * skips positions leaves holes (sparse slots) until an element with that index arrives, at most
 * {@link MAX_INDEX_GAP} in an array in total.
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
 * @throws {AssistantStreamError} `invalid_delta` when an `index` is not an integer from 0 to 16,383, would leave
 * more than {@link MAX_INDEX_GAP} holes in its array, changes an element's `type`, or when the delta nests deeper
 * than 256 levels.
 */
export function mergeDelta<T extends object>(snapshot: T, delta: object, path = 'delta'): T {
  if (!isPlainObject(snapshot) || !isPlainObject(delta)) {
    throw invalidDeltaError(path, `expected an object, got ${describeValue(delta)}`, 'object', delta);
  }
  return mergeObject(snapshot, delta, [path], false) as T;
}
