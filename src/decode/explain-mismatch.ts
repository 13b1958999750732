import type * as t from 'io-ts';
import type { Mismatch } from '../errors';

/**
 * A codec that hands a value whole to one of its members (a nullable, a tagged union, a string-or-object) can say
 * which one, so a mismatch inside it is found by walking that member instead of by io-ts's `validate` of the whole
 * value. `dispatch(u)` returns the member whose `validate` the codec runs on `u` with the same context, or
 * `undefined` when the codec rejects `u` by itself (a wrong tag, not an object).
 *
 * @example
 * ```ts
 * // internal (src/decode/explain-mismatch.ts): how a schema combinator opts in
 * const codec = Object.assign(new t.Type(name, is, validate, t.identity), { dispatch: (u: unknown) => (u === null ? undefined : inner) });
 * ```
 */
export interface DispatchingCodec extends t.Mixed {
  dispatch(u: unknown): t.Mixed | undefined;
}

/**
 * The first place where `data` departs from `codec`, as io-ts's first `decode` error would name it, found by walking
 * the codec along the value and stopping there: no error list, no decoded copy, so explaining a 16 MB value costs
 * what checking it did. The io-ts classes (`type`, `partial`, `intersection`, `array`, `record`, `refinement`,
 * `exact`, `readonly`) are walked; a union is reported as a whole; any other codec is asked with its `is` and, when it
 * fails, with `dispatch` (see {@link DispatchingCodec}) or, last, io-ts's `validate` of that one sub-value.
 *
 * @example
 * ```ts
 * // internal (src/decode/explain-mismatch.ts): the decoder's errors and `inspect`'s deviations
 * firstMismatch(codecs.eventData['thread.message.delta'], data);
 * // { path: 'data.delta.content[0].index', expected: 'number', actual: '0' }
 * ```
 */
export function firstMismatch(codec: t.Mixed, data: unknown): Mismatch {
  return findMismatches(codec, data, 1)[0] ?? { path: 'data', expected: codec.name, actual: data };
}

/**
 * Every place (at most `limit`, one per path) where `data` departs from `codec`, in io-ts's error order: what
 * `inspect` lists. `firstMismatch` is `findMismatches(codec, data, 1)[0]`. An empty list: the value matches.
 *
 * @example
 * ```ts
 * // internal (src/decode/explain-mismatch.ts)
 * findMismatches(codecs.eventData['thread.run.created'], data, 50).map((m) => m.path);
 * ```
 */
export function findMismatches(codec: t.Mixed, data: unknown, limit = Infinity): Mismatch[] {
  const found: Mismatch[] = [];
  walk(codec, data, 'data', codec.name, { found, limit, seen: new Set() });
  return found;
}

/**
 * `path` extended by one step, as a JS accessor: `[0]` into an array, `.name` for an identifier, `["a-b"]` for any
 * other key. The one path format of the decoder, its errors and `inspect`.
 *
 * @example
 * ```ts
 * // internal (src/decode/explain-mismatch.ts)
 * appendPath('data.metadata', 'a-b', false); // 'data.metadata["a-b"]'
 * appendPath('data.content', '0', true); // 'data.content[0]'
 * ```
 */
export function appendPath(path: string, key: string, intoArray: boolean): string {
  if (intoArray) return `${path}[${key}]`;
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

interface Walk {
  found: Mismatch[];
  limit: number;
  seen: Set<string>;
}

/**
 * Walks `u` against `codec` at `path`; `outer` is the name io-ts would report for a failure at this node (the codec
 * the parent put in the context: a refinement, an intersection or a nullable at the same level keep the outer name).
 * Returns whether the walk may go on (fewer than `limit` found).
 */
function walk(codec: t.Mixed, u: unknown, path: string, outer: string, w: Walk): boolean {
  const c = codec as t.Mixed & { _tag?: string } & Record<string, unknown>;
  switch (c._tag) {
    case 'InterfaceType':
    case 'PartialType': {
      if (!isRecord(u)) return report(w, path, outer, u);
      const props = c['props'] as t.Props;
      const partial = c._tag === 'PartialType';
      for (const key of Object.keys(props)) {
        const value = u[key];
        if (partial && value === undefined) continue;
        const prop = props[key]!;
        if (!walk(prop, value, appendPath(path, key, false), prop.name, w)) return false;
      }
      return true;
    }
    case 'IntersectionType':
      for (const member of c['types'] as t.Mixed[]) if (!walk(member, u, path, outer, w)) return false;
      return true;
    case 'ArrayType':
    case 'ReadonlyArrayType': {
      if (!Array.isArray(u)) return report(w, path, outer, u);
      const item = c['type'] as t.Mixed;
      for (let i = 0; i < u.length; i++) if (!walk(item, u[i], appendPath(path, String(i), true), item.name, w)) return false;
      return true;
    }
    case 'DictionaryType': {
      const domain = c['domain'] as t.Mixed & { _tag?: string };
      if (domain._tag !== 'StringType') break; // enumerable domains: io-ts's own validate below
      if (!isRecord(u)) return report(w, path, outer, u);
      const codomain = c['codomain'] as t.Mixed;
      for (const key of Object.keys(u)) if (!walk(codomain, u[key], appendPath(path, key, false), codomain.name, w)) return false;
      return true;
    }
    case 'RefinementType': {
      const before = w.found.length;
      if (!walk(c['type'] as t.Mixed, u, path, outer, w)) return false;
      if (w.found.length === before && !(c['predicate'] as (value: unknown) => boolean)(u)) return report(w, path, outer, u);
      return true;
    }
    case 'ExactType':
    case 'StrictType':
      if (!isRecord(u)) return report(w, path, outer, u);
      return walk(c['type'] as t.Mixed, u, path, outer, w);
    case 'ReadonlyType':
    case 'RecursiveType':
      return walk(c['type'] as t.Mixed, u, path, outer, w);
    case 'UnionType':
      return codec.is(u) || report(w, path, outer, u);
    default:
      if (codec.is(u)) return true;
      if (typeof c['dispatch'] === 'function') {
        const member = (c as unknown as DispatchingCodec).dispatch(u);
        if (member !== undefined) return walk(member, u, path, outer, w);
      } else if (c._tag !== undefined && LEAVES.has(c._tag)) {
        return report(w, path, outer, u);
      }
  }
  return explainByValidate(codec, u, path, outer, w);
}

/** io-ts classes without children: a failed `is` is a failure here. */
const LEAVES = new Set([
  'NullType',
  'UndefinedType',
  'VoidType',
  'UnknownType',
  'StringType',
  'NumberType',
  'BigIntType',
  'BooleanType',
  'LiteralType',
  'KeyofType',
  'AnyArrayType',
  'AnyDictionaryType',
  'NeverType',
  'AnyType',
  'ObjectType',
  'FunctionType',
]);

/**
 * The fallback for a codec the walk cannot see into: io-ts's `validate` of this one sub-value, its errors read as
 * paths (an intersection's members are the same value, not a step down; a union is reported as a whole).
 */
function explainByValidate(codec: t.Mixed, u: unknown, path: string, outer: string, w: Walk): boolean {
  const result = codec.validate(u, [{ key: '', type: codec, actual: u }]);
  if (result._tag === 'Right') return true;
  for (const error of result.left) {
    const entries = error.context;
    let at = path;
    let expected = outer;
    let actual: unknown = u;
    for (let i = 1; i < entries.length; i++) {
      const parent = entries[i - 1]!;
      const entry = entries[i]!;
      if ((parent.type as { _tag?: string })._tag === 'UnionType') break;
      if (/^\d+$/.test(entry.key) && entry.actual === parent.actual) continue;
      at = appendPath(at, entry.key, Array.isArray(parent.actual));
      expected = entry.type.name;
      actual = entry.actual;
    }
    if (!report(w, at, expected, actual)) return false;
  }
  return true;
}

/** Records a mismatch (one per path); returns whether the walk may go on. */
function report(w: Walk, path: string, expected: string, actual: unknown): boolean {
  if (!w.seen.has(path)) {
    w.seen.add(path);
    w.found.push({ path, expected, actual });
  }
  return w.found.length < w.limit;
}

function isRecord(u: unknown): u is Record<string, unknown> {
  return Object.prototype.toString.call(u) === '[object Object]';
}
