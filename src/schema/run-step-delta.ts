import * as t from 'io-ts';
import {
  type Codec,
  type Schema,
  jsonObject,
  lenientCodec,
  lenientOnly,
  named,
  partial,
  struct,
  taggedUnion,
} from './combinators';
import { toolUnionCodecs } from './tool-types';

/** Each kind of `delta.step_details` of a run step delta, for one schema. */
export function runStepDeltaPartCodecs(schema: Schema) {
  const { mode } = schema;
  const MessageCreationStepDetailsDelta = struct(mode, 'MessageCreationStepDetailsDelta', {
    required: { type: t.literal('message_creation') },
    optional: { message_creation: partial({ message_id: t.string }) },
  });
  const ToolCallsStepDetailsDelta = struct(mode, 'ToolCallsStepDetailsDelta', {
    required: { type: t.literal('tool_calls') },
    optional: { tool_calls: t.array(schema.use(toolUnionCodecs).ToolCallDelta) },
  });
  // Azure: no recorded delta carries activities; should one come, its items are kept as they are.
  const ActivitiesStepDetailsDelta = struct(mode, 'ActivitiesStepDetailsDelta', {
    required: { type: t.literal('activities') },
    optional: { activities: t.array(jsonObject) },
  });
  return { MessageCreationStepDetailsDelta, ToolCallsStepDetailsDelta, ActivitiesStepDetailsDelta };
}

/** The codecs of a run step delta, for one schema. */
export function runStepDeltaCodecs(schema: Schema) {
  const { mode } = schema;
  const p = schema.use(runStepDeltaPartCodecs);
  const RunStepDetailsDelta = taggedUnion(mode, 'RunStepDetailsDelta', 'type', {
    message_creation: named<MessageCreationStepDetailsDelta>(p.MessageCreationStepDetailsDelta),
    tool_calls: named<ToolCallsStepDetailsDelta>(p.ToolCallsStepDetailsDelta),
    ...lenientOnly(mode, { activities: named<ActivitiesStepDetailsDelta>(p.ActivitiesStepDetailsDelta) }),
  });
  const RunStepDelta = struct(mode, 'RunStepDelta', {
    required: { id: t.string, object: t.literal('thread.run.step.delta'), delta: partial({ step_details: RunStepDetailsDelta }) },
  });
  return { RunStepDetailsDelta, RunStepDelta };
}

type Parts = ReturnType<typeof runStepDeltaPartCodecs>;
type DeltaParts = ReturnType<typeof runStepDeltaCodecs>;

/**
 * `thread.run.step.delta` data: the changed parts of a step (`object: "thread.run.step.delta"`), `{id, object, delta: {step_details?}}`.
 *
 * @example
 * ```ts
 * import { applyRunStepDelta } from 'rx-assistant-stream';
 * import { RunStepDelta } from 'rx-assistant-stream/schema';
 *
 * // json: the parsed data of a `thread.run.step.delta` frame
 * if (RunStepDelta.is(json) && json.id === step.id) console.log(applyRunStepDelta(step, json).step_details);
 * ```
 */
export interface RunStepDelta extends t.TypeOf<DeltaParts['RunStepDelta']> {}
/** Codec of {@link RunStepDelta}. */
export const RunStepDelta: Codec<RunStepDelta> = /*#__PURE__*/ lenientCodec(runStepDeltaCodecs, 'RunStepDelta');

/**
 * Delta `step_details` of a `message_creation` step: `{type: "message_creation", message_creation?: {message_id?}}`
 * (in the spec; not seen on the wire).
 *
 * @example
 * ```ts
 * import { MessageCreationStepDetailsDelta } from 'rx-assistant-stream/schema';
 *
 * MessageCreationStepDetailsDelta.is({ type: 'message_creation', message_creation: { message_id: 'msg_abc123' } }); // true
 * ```
 */
export interface MessageCreationStepDetailsDelta extends t.TypeOf<Parts['MessageCreationStepDetailsDelta']> {}
/** Codec of {@link MessageCreationStepDetailsDelta}. */
export const MessageCreationStepDetailsDelta: Codec<MessageCreationStepDetailsDelta> = /*#__PURE__*/ lenientCodec(
  runStepDeltaPartCodecs,
  'MessageCreationStepDetailsDelta',
);

/**
 * Delta `step_details` of a `tool_calls` step: `{type: "tool_calls", tool_calls?}`, tool call fragments.
 *
 * @example
 * ```ts
 * import type { ToolCallsStepDetailsDelta } from 'rx-assistant-stream';
 *
 * const argumentFragments = (details: ToolCallsStepDetailsDelta) =>
 *   (details.tool_calls ?? []).map((call) => (call.type === 'function' ? (call.function?.arguments ?? '') : ''));
 * ```
 */
export interface ToolCallsStepDetailsDelta extends t.TypeOf<Parts['ToolCallsStepDetailsDelta']> {}
/** Codec of {@link ToolCallsStepDetailsDelta}. */
export const ToolCallsStepDetailsDelta: Codec<ToolCallsStepDetailsDelta> = /*#__PURE__*/ lenientCodec(
  runStepDeltaPartCodecs,
  'ToolCallsStepDetailsDelta',
);

/**
 * Delta `step_details` of an `activities` step (Azure): `{type: "activities", activities?}`; real servers send the
 * activities only in the completed step.
 *
 * @example
 * ```ts
 * import { ActivitiesStepDetailsDelta } from 'rx-assistant-stream/schema';
 *
 * ActivitiesStepDetailsDelta.is({ type: 'activities', activities: [] }); // true
 * ```
 */
export interface ActivitiesStepDetailsDelta extends t.TypeOf<Parts['ActivitiesStepDetailsDelta']> {}
/** Codec of {@link ActivitiesStepDetailsDelta}. */
export const ActivitiesStepDetailsDelta: Codec<ActivitiesStepDetailsDelta> = /*#__PURE__*/ lenientCodec(
  runStepDeltaPartCodecs,
  'ActivitiesStepDetailsDelta',
);

/**
 * `delta.step_details` of a step delta, by `type`: `message_creation` or `tool_calls`.
 *
 * @example
 * ```ts
 * import type { RunStepDetailsDelta } from 'rx-assistant-stream';
 *
 * const details: RunStepDetailsDelta | undefined = stepDelta.delta.step_details;
 * if (details?.type === 'tool_calls') console.log(details.tool_calls?.length ?? 0, 'tool call fragments');
 * ```
 */
export type RunStepDetailsDelta = t.TypeOf<DeltaParts['RunStepDetailsDelta']>;
/** Codec of {@link RunStepDetailsDelta}. */
export const RunStepDetailsDelta: Codec<RunStepDetailsDelta> = /*#__PURE__*/ lenientCodec(
  runStepDeltaCodecs,
  'RunStepDetailsDelta',
);
