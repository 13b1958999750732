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
export function openEnum<K extends string>(
  mode: SchemaMode,
  values: readonly K[],
  name?: string,
): t.Type<OpenEnum<K>, unknown, unknown> {
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

/** The fields of a {@link struct}, by how the spec and real servers treat them. */
export interface StructFields<R extends t.Props, S extends t.Props, O extends t.Props> {
  /** Present in the spec and in all real data. */
  required: R;
  /** The spec requires them, real servers omit them at times: optional in lenient mode. */
  requiredInSpec?: S;
  /** Optional in the spec (or not in it at all, but sent by real servers). */
  optional?: O;
}

/**
 * An object codec in three named groups of fields (see {@link StructFields}). Extra keys are kept (never
 * `t.strict`). The static type treats `requiredInSpec` as optional.
 */
export function struct<R extends t.Props, S extends t.Props = {}, O extends t.Props = {}>(
  mode: SchemaMode,
  name: string,
  { required, requiredInSpec, optional }: StructFields<R, S, O>,
): t.Type<t.TypeOfProps<R> & t.TypeOfPartialProps<S & O>, unknown, unknown> {
  const strictRequired = mode === 'strict' ? { ...required, ...requiredInSpec } : required;
  const partial = mode === 'strict' ? { ...optional } : { ...requiredInSpec, ...optional };
  const is = fastStructIs(strictRequired, partial);
  const codec =
    Object.keys(partial).length === 0
      ? withIs(t.type(strictRequired, name), is)
      : withIs(t.intersection([t.type(strictRequired), t.partial(partial as t.Props)], name), is);
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
function fastStructIs(required: t.Props, optional: t.Props): t.Is<unknown> {
  const r = fieldChecks(required);
  const o = fieldChecks(optional);
  return (u: unknown): u is unknown => {
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
  return withIs(t.partial(props, name), fastStructIs({}, props)) as t.PartialC<P>;
}

/** The same io-ts object codec (its class, name, `validate`, `encode` and fields) with another `is`. */
function withIs(inner: t.InterfaceType<t.Props> | t.PartialType<t.Props> | t.IntersectionType<t.Mixed[]>, is: t.Is<unknown>) {
  if (inner instanceof t.InterfaceType) return new t.InterfaceType(inner.name, is, inner.validate, inner.encode, inner.props);
  if (inner instanceof t.PartialType) return new t.PartialType(inner.name, is, inner.validate, inner.encode, inner.props);
  return new t.IntersectionType(inner.name, is, inner.validate, inner.encode, inner.types);
}

/** An object that is neither `null` nor an array: what io-ts's `UnknownRecord.is` accepts. */
const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u);

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
): t.Type<{ [K in keyof M]: t.TypeOf<M[K]> }[keyof M], unknown, unknown> {
  type MemberTypes = { [K in keyof M]: t.TypeOf<M[K]> }[keyof M];
  const known = Object.keys(members);
  const expectedTag = known.map((k) => JSON.stringify(k)).join(' | ');
  const lookup = new Map<string, t.Mixed>(Object.entries(members));
  return new t.Type<MemberTypes, unknown, unknown>(
    name,
    (u): u is MemberTypes => {
      if (!isRecord(u)) return false;
      const member = lookup.get(u[tag] as string);
      if (member) return member.is(u);
      return mode === 'lenient' && typeof u[tag] === 'string';
    },
    (u, c) => {
      if (!isRecord(u)) return t.failure(u, c, `${name} (an object)`);
      const member = lookup.get(u[tag] as string);
      if (member) return member.validate(u, c);
      if (mode === 'lenient' && typeof u[tag] === 'string') return t.success(u as MemberTypes);
      const tagContext = [
        ...c,
        { key: tag, type: new t.Type(expectedTag, t.string.is, t.string.validate, t.identity), actual: u[tag] },
      ];
      return t.failure(u[tag], tagContext, expectedTag);
    },
    t.identity,
  );
}

/**
 * The {@link taggedUnion} of some objects by their `type`, derived from the members: each one's tag is the literal of
 * its own `type` field. Exported codecs (`Annotation`...) stand for their codec in this schema. The `dialect` members
 * are in lenient mode only (see {@link lenientOnly}).
 */
export function unionByType<M extends t.Mixed, D extends t.Mixed = never>(
  { mode, use }: Schema,
  name: string,
  members: readonly M[],
  dialect: readonly D[] = [],
): t.Type<t.TypeOf<M> | t.TypeOf<D>, unknown, unknown> {
  // Dialect members are built in both modes (so every object is in a strict schema too), and joined in lenient mode.
  const [known, lenient] = [members, dialect].map((list) => list.map((member) => (builderOf(member) ? use(member) : member)));
  const all = mode === 'lenient' ? [...known!, ...lenient!] : known!;
  return taggedUnion(mode, name, 'type', Object.fromEntries(all.map((member) => [typeTag(member), member])));
}

/** The `type` literal of a {@link struct}'s required fields. */
function typeTag(codec: t.Mixed): string {
  const required = codec instanceof t.IntersectionType ? (codec.types as t.Mixed[])[0] : codec;
  const tag: unknown = required instanceof t.InterfaceType ? (required.props as t.Props)['type'] : undefined;
  if (tag instanceof t.LiteralType && typeof tag.value === 'string') return tag.value;
  throw new TypeError(`${codec.name} has no \`type\` literal to be a union member by`);
}

/**
 * `t.record(t.string, codomain, name)`, made as io-ts's own `DictionaryType` (the same class, fields, `is`, `validate`
 * and errors) without calling `t.record`, whose support for enumerable domains is most of its size in a bundle.
 *
 * @example
 * ```ts
 * // internal (src/schema/combinators.ts)
 * const metadata = stringRecord(t.string, 'Metadata');
 * metadata.is({ user: 'u_1' }); // true; `{ user: 1 }` fails at `metadata.user`: expected string
 * ```
 */
export function stringRecord<C extends t.Mixed>(
  codomain: C,
  name = `{ [K in string]: ${codomain.name} }`,
): t.RecordC<t.StringC, C> {
  type Out = Record<string, t.TypeOf<C>>;
  const is = (u: unknown): u is Out => {
    if (!isRecord(u)) return false;
    for (const key of Object.keys(u)) if (!codomain.is(u[key])) return false;
    return true;
  };
  const validate = (u: unknown, c: t.Context): t.Validation<Out> => {
    if (!isRecord(u)) return t.failure(u, c);
    const errors: t.ValidationError[] = [];
    let changed: Record<string, unknown> | undefined;
    for (const key of Object.keys(u)) {
      const value = u[key];
      const result = codomain.validate(value, [...c, { key, type: codomain, actual: value }]);
      if (result._tag === 'Left') for (const error of result.left) errors.push(error);
      else if (result.right !== value) (changed ??= { ...u })[key] = result.right;
    }
    return errors.length > 0 ? t.failures(errors) : t.success((changed ?? u) as Out);
  };
  return new t.DictionaryType(name, is, validate, t.identity, t.string, codomain) as t.RecordC<t.StringC, C>;
}

/** Any JSON object (JSON Schema parameters, open payloads): io-ts's own `UnknownRecord`, nothing built. */
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

/**
 * Members of a {@link taggedUnion} that only lenient mode knows: Azure's dialect. In strict mode (OpenAI's spec)
 * their tags are unknown, so the union reports them as deviations; their static types are there in both modes.
 */
export function lenientOnly<M extends object>(mode: SchemaMode, members: M): M {
  return mode === 'lenient' ? members : ({} as M);
}

/** A codec whose static type is `A` (decoding and `is` give an `A`). */
export type Codec<A> = t.Type<A, unknown, unknown>;

/**
 * One codec set being built: its mode, and each object's codec built once within it. Each schema object has a
 * builder `(schema) => codec`; a builder that needs another object's codec asks `schema.use(otherBuilder)`, or `schema.use(OtherObject)` for an exported codec.
 */
export interface Schema {
  readonly mode: SchemaMode;
  /**
   * What one builder builds, built on the first call and shared by every later one (free to destructure). Given an
   * exported codec (`use(Annotation)`), its builder's codec in this schema, typed under the object's name.
   */
  readonly use: {
    <A>(codec: Codec<A>): Codec<A>;
    <T>(build: (schema: Schema) => T): T;
  };
  /** Every object codec built in this schema so far, by its name: what the builders used that built a codec. */
  readonly objects: () => Map<string, t.Mixed>;
}

/** The builder of one schema object: its codec, for one schema. */
export type Builder = (schema: Schema) => t.Mixed;

/** The static type of the codec a builder builds: `interface X extends CodecType<typeof x> {}`. */
export type CodecType<B extends Builder> = t.TypeOf<ReturnType<B>>;

/** A fresh, empty codec set of one mode (nothing is built until a builder is used). */
export function createSchema(mode: SchemaMode): Schema {
  const built = new Map<unknown, unknown>();
  const use = (what: t.Mixed | ((schema: Schema) => unknown)): unknown => {
    const build = typeof what === 'function' ? what : builderOf(what);
    if (!build) throw new TypeError(`${what.name} is not an exported schema codec`);
    if (!built.has(build)) built.set(build, build(schema));
    return built.get(build);
  };
  const objects = () =>
    new Map([...built.values()].filter((value) => value instanceof t.Type).map((codec) => [codec.name, codec]));
  const schema: Schema = { mode, use: use as Schema['use'], objects };
  return schema;
}

const shared: Partial<Record<SchemaMode, Schema>> = {};

/** The codec set of a mode that `getCodecs` and the exported codec values share. */
export function sharedSchema(mode: SchemaMode): Schema {
  return (shared[mode] ??= createSchema(mode));
}

/** The leaf codecs every file uses, for one mode. */
export function scalars({ mode }: Schema) {
  const int: Codec<number> =
    mode === 'strict' ? (t.refinement(t.number, (n) => Number.isInteger(n), 'integer') as unknown as Codec<number>) : t.number;
  return {
    /** A number; an integer in strict mode (unix seconds, token counts, indexes). */
    int,
    /** A unix timestamp or `null`. */
    timestamp: nullable(int),
    /** Metadata (string keys to string values) or `null`. */
    metadata: nullable(stringRecord(t.string, 'Metadata') as unknown as Codec<Record<string, string>>),
    strings: t.array(t.string),
    /** The file_search ranker: servers echo the spelling a user sent (`default-2024-08-21`). */
    ranker: openEnum(mode, ['auto', 'default_2024_08_21'] as const),
    imageDetail: openEnum(mode, ['auto', 'low', 'high'] as const),
  };
}

const builders = new WeakMap<t.Mixed, Builder>();

/**
 * A codec that stands for `build(schema)` of the shared lenient set and builds it on first use: what the exported
 * codec values (`Run`, `Message`...) are, so importing them builds nothing and a bundler drops the unused ones (each
 * call is marked pure). Its `name` is the built codec's (reading it builds the codec).
 */
export function lenientCodec<B extends Builder>(build: B): Codec<CodecType<B>> {
  let codec: t.Mixed | undefined;
  const resolve = () => (codec ??= sharedSchema('lenient').use(build));
  const lazy = new t.Type<CodecType<B>, unknown, unknown>(
    'lenientCodec',
    (u): u is CodecType<B> => resolve().is(u),
    (u, c) => resolve().validate(u, c),
    t.identity,
  );
  Object.defineProperty(lazy, 'name', { get: () => resolve().name, enumerable: true });
  builders.set(lazy, build);
  return lazy;
}

/** The builder of a codec made by {@link lenientCodec}, or `undefined` for any other value. */
export function builderOf(value: unknown): Builder | undefined {
  return typeof value === 'object' && value !== null ? builders.get(value as t.Mixed) : undefined;
}
