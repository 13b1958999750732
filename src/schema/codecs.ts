import { type SchemaMode, createSchema, sharedSchema, type Schema } from './combinators';
import { errorCodecs } from './error';
import { eventCodecs } from './events';
import { messageCodecs, messagePartCodecs, annotationCodecs } from './message';
import { annotationDeltaCodecs, messageDeltaCodecs, messageDeltaPartCodecs } from './message-delta';
import { runChoiceCodecs, runCodecs, runPartCodecs } from './run';
import { runStepCodecs, runStepPartCodecs } from './run-step';
import { runStepDeltaCodecs, runStepDeltaPartCodecs } from './run-step-delta';
import { threadCodecs } from './thread';
import { toolUnionCodecs } from './tool-types';
import { codeInterpreterOutputCodecs, openAIToolCodecs } from './tools-openai';

/** Every file's codecs of one schema, by name. */
function allCodecs(schema: Schema) {
  return {
    ...schema.use(threadCodecs),
    ...schema.use(runPartCodecs),
    ...schema.use(runChoiceCodecs),
    ...schema.use(runCodecs),
    ...schema.use(openAIToolCodecs),
    ...schema.use(codeInterpreterOutputCodecs),
    ...schema.use(toolUnionCodecs),
    ...schema.use(runStepPartCodecs),
    ...schema.use(runStepCodecs),
    ...schema.use(runStepDeltaPartCodecs),
    ...schema.use(runStepDeltaCodecs),
    ...schema.use(annotationCodecs),
    ...schema.use(messagePartCodecs),
    ...schema.use(messageCodecs),
    ...schema.use(annotationDeltaCodecs),
    ...schema.use(messageDeltaPartCodecs),
    ...schema.use(messageDeltaCodecs),
    ...schema.use(errorCodecs),
    ...schema.use(eventCodecs),
  };
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
export interface Codecs extends ReturnType<typeof allCodecs> {}

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
