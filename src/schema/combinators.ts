import * as t from 'io-ts';

/**
 * How closely the codecs follow the spec.
 * - `lenient` (default): accepts everything real servers sent (see SCHEMA-NOTES.md): nulls and missing fields
 *   the spec requires, grown enums, unknown tool, part and annotation types.
 * - `strict`: the OpenAPI spec exactly, for people who validate a server.
 * Both keep extra keys: they are the user's data.
 *
 * @example
 * ```ts
 * import { assistantEvents, type SchemaMode } from 'rx-assistant-stream';
 *
 * const mode: SchemaMode = process.env.VALIDATE_SPEC ? 'strict' : 'lenient';
 * assistantEvents(response, { mode }).subscribe({ error: (error) => console.error(error.message) });
 * ```
 */
export type SchemaMode = 'lenient' | 'strict';

/**
 * A string enum that real servers grew: the known values for autocompletion, any string at run time in lenient mode.
 *
 * @example
 * ```ts
 * import type { OpenEnum } from 'rx-assistant-stream';
 *
 * type Ranker = OpenEnum<'auto' | 'default_2024_08_21'>;
 * const echoed: Ranker = 'default-2024-08-21'; // compiles: servers echo the ranker a user sent
 * ```
 */
export type OpenEnum<K extends string> = K | (string & {});

/** `A | null`, with the mismatch path of the non-null branch (a plain `t.union` would report the union). */
export function nullable<C extends t.Mixed>(codec: C): t.Type<t.TypeOf<C> | null, unknown, unknown> {
  return new t.Type<t.TypeOf<C> | null, unknown, unknown>(
    `${codec.name} | null`,
    (u): u is t.TypeOf<C> | null => u === null || codec.is(u),
    (u, c) => (u === null ? t.success(null) : codec.validate(u, c)),
    t.identity,
  );
}

/** A string enum: exact in strict mode, any string in lenient mode (servers add values). */
export function openEnum<K extends string>(mode: SchemaMode, values: readonly K[], name?: string): t.Type<OpenEnum<K>, unknown, unknown> {
  if (mode === 'lenient') return t.string as t.Type<OpenEnum<K>, unknown, unknown>;
  return closedEnum(values, name) as t.Type<OpenEnum<K>, unknown, unknown>;
}

/** A string enum, exact in both modes. */
export function closedEnum<K extends string>(values: readonly K[], name?: string): t.Type<K, unknown, unknown> {
  const keys = Object.fromEntries(values.map((v) => [v, null])) as Record<K, null>;
  return t.keyof(keys, name ?? values.map((v) => JSON.stringify(v)).join(' | ')) as t.Type<K, unknown, unknown>;
}

/** A field the spec declares non-null that real servers send as null (`instructions`): nullable in lenient mode. */
export function nullInPractice<C extends t.Mixed>(mode: SchemaMode, codec: C): t.Type<t.TypeOf<C> | null, unknown, unknown> {
  return mode === 'lenient' ? nullable(codec) : (codec as t.Type<t.TypeOf<C> | null, unknown, unknown>);
}

/**
 * An object codec in three groups of fields:
 * - `required`: present in the spec and in all real data;
 * - `requiredInSpec`: the spec requires them, real servers omit them at times: optional in lenient mode;
 * - `optional`: optional in the spec.
 * Extra keys are kept (never `t.strict`). The static type treats `requiredInSpec` as optional.
 */
export function struct<R extends t.Props, S extends t.Props = {}, O extends t.Props = {}>(
  mode: SchemaMode,
  name: string,
  required: R,
  requiredInSpec?: S,
  optional?: O,
): t.Type<t.TypeOfProps<R> & t.TypeOfPartialProps<S & O>, unknown, unknown> {
  const strictRequired = mode === 'strict' ? { ...required, ...requiredInSpec } : required;
  const partial = mode === 'strict' ? { ...optional } : { ...requiredInSpec, ...optional };
  const is = fastStructIs(strictRequired, partial as t.Props);
  let codec: t.Mixed;
  if (Object.keys(partial).length === 0) {
    const inner = t.type(strictRequired, name);
    codec = new t.InterfaceType(inner.name, is, inner.validate, inner.encode, inner.props);
  } else {
    const inner = t.intersection([t.type(strictRequired), t.partial(partial as t.Props)], name);
    codec = new t.IntersectionType(inner.name, is, inner.validate, inner.encode, inner.types);
  }
  return codec as unknown as t.Type<t.TypeOfProps<R> & t.TypeOfPartialProps<S & O>, unknown, unknown>;
}

/**
 * How the hot `is` loops check one field: the leaf codecs (`t.string`, `t.number`, `t.boolean`, `t.literal`) inline,
 * every other codec through its own `is`. A call per leaf through `codec.is` is a megamorphic call (every codec
 * class has its own `is`), and leaves are most of an event's fields.
 */
const CALL = 0;
const STRING = 1;
const NUMBER = 2;
const BOOLEAN = 3;
const LITERAL = 4;

interface FieldChecks {
  keys: string[];
  kinds: number[];
  literals: unknown[];
  checks: ((u: unknown) => boolean)[];
}

function fieldChecks(props: t.Props): FieldChecks {
  const keys = Object.keys(props);
  const codecs = keys.map((key) => props[key]!);
  return {
    keys,
    kinds: codecs.map((c) =>
      c === t.string ? STRING : c === t.number ? NUMBER : c === t.boolean ? BOOLEAN : c instanceof t.LiteralType ? LITERAL : CALL,
    ),
    literals: codecs.map((c) => (c instanceof t.LiteralType ? (c.value as unknown) : undefined)),
    // io-ts's `is` functions never read `this` (io-ts itself passes them around unbound: `u.every(item.is)`).
    checks: codecs.map((c) => c.is),
  };
}

/** `codec.is(value)` for one field, with the leaf codecs inlined (the same answers as their `is`). */
function checkField(kind: number, literal: unknown, check: (u: unknown) => boolean, value: unknown): boolean {
  switch (kind) {
    case STRING:
      return typeof value === 'string';
    case NUMBER:
      return typeof value === 'number';
    case BOOLEAN:
      return typeof value === 'boolean';
    case LITERAL:
      return value === literal;
    default:
      return check(value);
  }
}

/**
 * The `is` of `intersection([type(required), partial(optional)])`, in one flat loop over arrays. io-ts's own `is`
 * for that shape allocates a closure per call (`every`), looks each partial field's codec up by key and makes a
 * megamorphic call per field; `is` runs on every event, `validate` only to explain a failure (and stays io-ts's, so
 * errors and their paths are unchanged). The answer is the same: an object (not null, not an array) whose required
 * keys are present and valid and whose optional keys are absent, `undefined` or valid.
 */
function fastStructIs(required: t.Props, optional: t.Props): (u: unknown) => u is any {
  const r = fieldChecks(required);
  const o = fieldChecks(optional);
  return (u: unknown): u is any => {
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return false;
    const record = u as Record<string, unknown>;
    for (let i = 0; i < r.keys.length; i++) {
      const key = r.keys[i]!;
      const value = record[key];
      if (value === undefined && !Object.prototype.hasOwnProperty.call(record, key)) return false;
      if (!checkField(r.kinds[i]!, r.literals[i], r.checks[i]!, value)) return false;
    }
    for (let i = 0; i < o.keys.length; i++) {
      const value = record[o.keys[i]!];
      if (value !== undefined && !checkField(o.kinds[i]!, o.literals[i], o.checks[i]!, value)) return false;
    }
    return true;
  };
}

/**
 * `t.partial(props, name)` with the fast `is` of {@link struct} (io-ts's `validate`, so the same errors): an object
 * whose keys are absent, `undefined` or valid.
 */
export function partial<P extends t.Props>(props: P, name?: string): t.PartialC<P> {
  const inner = t.partial(props, name);
  return new t.PartialType(inner.name, fastStructIs({}, props), inner.validate, inner.encode, props) as t.PartialC<P>;
}

type MemberTypes<M extends Record<string, t.Mixed>> = { [K in keyof M]: t.TypeOf<M[K]> }[keyof M];

/**
 * A union discriminated by a string field (`type` in the wire format), dispatched by a lookup instead of trying
 * every member, so it is fast and its errors point into the right member.
 * In lenient mode an object whose tag is an unknown string is accepted as it is (servers add part and tool types);
 * its static type stays the known members, so `switch (part.type)` narrows: keep a `default` branch.
 */
export function taggedUnion<M extends Record<string, t.Mixed>>(
  mode: SchemaMode,
  name: string,
  tag: string,
  members: M,
): t.Type<MemberTypes<M>, unknown, unknown> {
  const known = Object.keys(members);
  const expectedTag = known.map((k) => JSON.stringify(k)).join(' | ');
  const lookup = new Map<string, t.Mixed>(Object.entries(members));
  const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u);
  return new t.Type<MemberTypes<M>, unknown, unknown>(
    name,
    (u): u is MemberTypes<M> => {
      if (!isRecord(u)) return false;
      const member = lookup.get(u[tag] as string);
      if (member) return member.is(u);
      return mode === 'lenient' && typeof u[tag] === 'string';
    },
    (u, c) => {
      if (!isRecord(u)) return t.failure(u, c, `${name} (an object)`);
      const member = lookup.get(u[tag] as string);
      if (member) return member.validate(u, c);
      if (mode === 'lenient' && typeof u[tag] === 'string') return t.success(u as MemberTypes<M>);
      const tagContext = [...c, { key: tag, type: new t.Type(expectedTag, t.string.is, t.string.validate, t.identity), actual: u[tag] }];
      return t.failure(u[tag], tagContext, expectedTag);
    },
    t.identity,
  );
}

/** An integer (unix seconds, token counts, indexes): a number with no fractional part. */
export const integer = t.refinement(t.number, (n) => Number.isInteger(n), 'integer') as unknown as t.Type<number, unknown, unknown>;

/** Metadata: string keys to string values. */
export const metadataCodec = t.record(t.string, t.string, 'Metadata') as unknown as t.Type<Record<string, string>, unknown, unknown>;

/** Any JSON object (JSON Schema parameters, open payloads). */
export const jsonObject = t.UnknownRecord as unknown as t.Type<Record<string, unknown>, unknown, unknown>;

/**
 * A string or an object (`tool_choice`, `response_format`), dispatched on `typeof` instead of trying both, so a
 * mismatch is reported inside the branch the value belongs to.
 */
export function stringOrObject<S extends t.Mixed, O extends t.Mixed>(
  name: string,
  str: S,
  obj: O,
): t.Type<t.TypeOf<S> | t.TypeOf<O>, unknown, unknown> {
  return new t.Type<t.TypeOf<S> | t.TypeOf<O>, unknown, unknown>(
    name,
    (u): u is t.TypeOf<S> | t.TypeOf<O> => (typeof u === 'string' ? str.is(u) : obj.is(u)),
    (u, c) => (typeof u === 'string' ? str.validate(u, c) : obj.validate(u, c)),
    t.identity,
  );
}
