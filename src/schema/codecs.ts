import type * as t from 'io-ts';
import type { Builder, SchemaMode, Schema } from './combinators';
import { createSchema, sharedSchema } from './combinators';
import type * as error from './error';
import { assistantStreamEvent, eventDataCodecs, type EventDataCodecs } from './events';
import type * as events from './events';
import type * as message from './message';
import type * as messageDelta from './message-delta';
import type * as run from './run';
import type * as runStep from './run-step';
import type * as runStepDelta from './run-step-delta';
import type * as thread from './thread';
import type * as toolTypes from './tool-types';
import type * as toolsOpenAI from './tools-openai';

/** The exports of the files that declare schema objects: each object `X` is a codec `X` beside its builder `x`. */
type Modules = Intersection<
  | typeof thread
  | typeof run
  | typeof toolsOpenAI
  | typeof toolTypes
  | typeof runStep
  | typeof runStepDelta
  | typeof message
  | typeof messageDelta
  | typeof error
  | typeof events
>;
type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** What the builder of object `K` builds (the builder of `X` is `x`). */
type Built<K extends string> =
  Uncapitalize<K> extends keyof Modules
    ? Modules[Uncapitalize<K>] extends Builder
      ? ReturnType<Modules[Uncapitalize<K>]>
      : never
    : never;

/** The codec of every schema object, by name: derived from the exported codecs of the files. */
type ObjectCodecs = { [K in keyof Modules as Modules[K] extends t.Mixed ? K : never]: Built<K & string> };

/**
 * Every object's codec of one schema, by name, and the data codec of each event: the event union, and every object
 * it is built from (`spec/schema/codecs.spec.ts` checks that this is every exported codec).
 */
function allCodecs(schema: Schema): Codecs {
  const eventData = schema.use(eventDataCodecs);
  schema.use(assistantStreamEvent);
  return { ...Object.fromEntries(schema.objects()), eventData } as unknown as Codecs;
}

/**
 * The codec set of one mode: the object codecs, the data codec of each event, and the event union.
 *
 * @example
 * ```ts
 * import { getCodecs, type Codecs } from 'rx-assistant-stream/schema';
 *
 * const strict: Codecs = getCodecs('strict');
 * strict.eventData['thread.run.created'].is(JSON.parse(data)); // false for a run with `instructions: null`
 * ```
 */
export interface Codecs extends ObjectCodecs {
  /** The data codec of each event name. */
  eventData: EventDataCodecs;
}

/**
 * Every codec of the wire format, for one mode (see `shared/spec/SCHEMA-NOTES.md`).
 * Strict follows the OpenAPI spec: fields it requires are required, enums are closed, timestamps, token counts and
 * indexes are integers, and Azure's types (its tool calls, `submit_tool_approval`, `url_citation`, `activities`
 * steps) are deviations. Lenient accepts what real servers sent (§11 of the notes, and Azure's dialect). Neither
 * checks numeric ranges, `maxItems` or string formats, and both keep extra keys. The static types are the same in
 * both modes. Prefer the memoised `getCodecs(mode)`; this builds a fresh set each call.
 *
 * @example
 * ```ts
 * import { buildCodecs } from 'rx-assistant-stream/schema';
 *
 * const strict = buildCodecs('strict');
 * strict.Run.is(run); // does this run follow the OpenAPI spec exactly?
 * ```
 *
 * @param mode `'lenient'` or `'strict'`.
 * @returns Every codec of the wire format for that mode.
 */
export function buildCodecs(mode: SchemaMode): Codecs {
  return allCodecs(createSchema(mode));
}

const built: Partial<Record<SchemaMode, Codecs>> = {};

/**
 * The codecs of a mode, built on first use and then shared (with the exported codec values such as `Run`).
 *
 * @example
 * ```ts
 * import { getCodecs } from 'rx-assistant-stream/schema';
 * import { PathReporter } from 'io-ts/PathReporter';
 *
 * // Check a server against the OpenAPI spec: required fields, closed enums, integer timestamps.
 * console.log(PathReporter.report(getCodecs('strict').Run.decode(json)));
 * ```
 *
 * @param mode `'lenient'` or `'strict'`.
 * @returns The codec set of that mode (the same object on every call).
 */
export function getCodecs(mode: SchemaMode): Codecs {
  return (built[mode] ??= allCodecs(sharedSchema(mode)));
}

/**
 * The codecs of lenient mode (the default): what real servers send, built on first use. The exported codecs
 * (`Run`, `Message`...) are these.
 *
 * @example
 * ```ts
 * import { getCodecs, lenientCodecs } from 'rx-assistant-stream/schema';
 *
 * const part = { type: 'audio', audio: { file_id: 'file-abc123' } }; // a part type newer than the spec
 * lenientCodecs.MessageContent.is(part); // true: passed through as it is
 * getCodecs('strict').MessageContent.is(part); // false
 * ```
 */
export const lenientCodecs: Codecs = /*#__PURE__*/ lazyCodecs('lenient');

/** A view of `getCodecs(mode)` that builds the set on first access. */
function lazyCodecs(mode: SchemaMode): Codecs {
  const target = () => getCodecs(mode) as unknown as Record<PropertyKey, unknown>;
  return new Proxy({} as Codecs, {
    get: (_, key) => target()[key],
    has: (_, key) => key in target(),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(target(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
  });
}
