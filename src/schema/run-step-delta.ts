import * as t from 'io-ts';
import type { Codec, CodecType, Schema } from './combinators';
import { jsonObject, lenientCodec, partial, struct, unionByType } from './combinators';
import { ToolCallDelta } from './tool-types';

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
export interface RunStepDelta extends CodecType<typeof runStepDelta> {}
/** Codec of {@link RunStepDelta}. */
export const RunStepDelta: Codec<RunStepDelta> = /*#__PURE__*/ lenientCodec(runStepDelta);
export function runStepDelta({ mode, use }: Schema) {
  const delta = partial({ step_details: use(RunStepDetailsDelta) });
  return struct(mode, 'RunStepDelta', { required: { id: t.string, object: t.literal('thread.run.step.delta'), delta } });
}

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
export interface MessageCreationStepDetailsDelta extends CodecType<typeof messageCreationStepDetailsDelta> {}
/** Codec of {@link MessageCreationStepDetailsDelta}. */
export const MessageCreationStepDetailsDelta: Codec<MessageCreationStepDetailsDelta> =
  /*#__PURE__*/ lenientCodec(messageCreationStepDetailsDelta);
export function messageCreationStepDetailsDelta({ mode }: Schema) {
  return struct(mode, 'MessageCreationStepDetailsDelta', {
    required: { type: t.literal('message_creation') },
    optional: { message_creation: partial({ message_id: t.string }) },
  });
}

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
export interface ToolCallsStepDetailsDelta extends CodecType<typeof toolCallsStepDetailsDelta> {}
/** Codec of {@link ToolCallsStepDetailsDelta}. */
export const ToolCallsStepDetailsDelta: Codec<ToolCallsStepDetailsDelta> = /*#__PURE__*/ lenientCodec(toolCallsStepDetailsDelta);
export function toolCallsStepDetailsDelta({ mode, use }: Schema) {
  const toolCalls = t.array(use(ToolCallDelta));
  return struct(mode, 'ToolCallsStepDetailsDelta', {
    required: { type: t.literal('tool_calls') },
    optional: { tool_calls: toolCalls },
  });
}

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
export interface ActivitiesStepDetailsDelta extends CodecType<typeof activitiesStepDetailsDelta> {}
/** Codec of {@link ActivitiesStepDetailsDelta}. */
export const ActivitiesStepDetailsDelta: Codec<ActivitiesStepDetailsDelta> =
  /*#__PURE__*/ lenientCodec(activitiesStepDetailsDelta);
export function activitiesStepDetailsDelta({ mode }: Schema) {
  // Azure: no recorded delta carries activities; should one come, its items are kept as they are.
  return struct(mode, 'ActivitiesStepDetailsDelta', {
    required: { type: t.literal('activities') },
    optional: { activities: t.array(jsonObject) },
  });
}

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
export type RunStepDetailsDelta = CodecType<typeof runStepDetailsDelta>;
/** Codec of {@link RunStepDetailsDelta}. */
export const RunStepDetailsDelta: Codec<RunStepDetailsDelta> = /*#__PURE__*/ lenientCodec(runStepDetailsDelta);
export function runStepDetailsDelta(schema: Schema) {
  return unionByType(
    schema,
    'RunStepDetailsDelta',
    [MessageCreationStepDetailsDelta, ToolCallsStepDetailsDelta],
    [ActivitiesStepDetailsDelta],
  );
}
