import * as t from 'io-ts';
import type { Codec, CodecType, Schema } from './combinators';
import { jsonObject, lenientCodec, nullable, openEnum, partial, scalars, stringRecord, struct, unionByType } from './combinators';
import { Usage } from './run';
import { ToolCall } from './tool-types';

/**
 * `thread.run.step.*` data: a run step (`object: "thread.run.step"`), a `message_creation` or a `tool_calls` step.
 *
 * @example
 * ```ts
 * import { assistantEvents, ofEventType } from 'rx-assistant-stream';
 *
 * assistantEvents(response)
 *   .pipe(ofEventType('thread.run.step.completed'))
 *   .subscribe(({ data: step }) => console.log(step.type, step.usage?.total_tokens));
 * ```
 */
export interface RunStep extends CodecType<typeof runStep> {}
/** Codec of {@link RunStep}. */
export const RunStep: Codec<RunStep> = /*#__PURE__*/ lenientCodec(runStep);
export function runStep({ mode, use }: Schema) {
  const { int, timestamp, metadata } = use(scalars);
  return struct(mode, 'RunStep', {
    required: {
      id: t.string,
      object: t.literal('thread.run.step'),
      created_at: int,
      assistant_id: t.string,
      thread_id: t.string,
      run_id: t.string,
      type: openEnum(mode, ['message_creation', 'tool_calls'] as const),
      status: openEnum(mode, ['in_progress', 'cancelled', 'failed', 'completed', 'expired'] as const),
      step_details: use(RunStepDetails),
      last_error: nullable(use(RunStepLastError)),
      cancelled_at: timestamp,
      failed_at: timestamp,
      completed_at: timestamp,
      usage: nullable(use(Usage)),
    },
    requiredInSpec: { expired_at: timestamp, metadata },
    // Not in the spec: what real servers send instead of `expired_at`.
    optional: { expires_at: timestamp },
  });
}

/**
 * A run step's status: `in_progress`, `cancelled`, `failed`, `completed` or `expired`.
 *
 * @example
 * ```ts
 * import type { RunStepStatus } from 'rx-assistant-stream';
 *
 * const unsuccessful: RunStepStatus[] = ['failed', 'cancelled', 'expired'];
 * if (unsuccessful.includes(step.status)) console.warn(step.id, step.status, step.last_error?.message);
 * ```
 */
export type RunStepStatus = RunStep['status'];

/**
 * `step.last_error`: `{code, message}`, `code` one of `server_error`, `rate_limit_exceeded`.
 *
 * @example
 * ```ts
 * import { assistantEvents, ofEventType } from 'rx-assistant-stream';
 *
 * assistantEvents(response)
 *   .pipe(ofEventType('thread.run.step.failed'))
 *   .subscribe(({ data: step }) => console.error(step.id, step.last_error?.code, step.last_error?.message));
 * ```
 */
export interface RunStepLastError extends CodecType<typeof runStepLastError> {}
/** Codec of {@link RunStepLastError}. */
export const RunStepLastError: Codec<RunStepLastError> = /*#__PURE__*/ lenientCodec(runStepLastError);
export function runStepLastError({ mode }: Schema) {
  const code = openEnum(mode, ['server_error', 'rate_limit_exceeded'] as const);
  return struct(mode, 'RunStepLastError', { required: { code, message: t.string } });
}

/**
 * `step_details` of a `message_creation` step: `{type: "message_creation", message_creation: {message_id}}`.
 *
 * @example
 * ```ts
 * import type { MessageCreationStepDetails } from 'rx-assistant-stream';
 *
 * const messageIdOf = (details: MessageCreationStepDetails) => details.message_creation.message_id;
 * if (step.step_details.type === 'message_creation') console.log('step writes', messageIdOf(step.step_details));
 * ```
 */
export interface MessageCreationStepDetails extends CodecType<typeof messageCreationStepDetails> {}
/** Codec of {@link MessageCreationStepDetails}. */
export const MessageCreationStepDetails: Codec<MessageCreationStepDetails> =
  /*#__PURE__*/ lenientCodec(messageCreationStepDetails);
export function messageCreationStepDetails({ mode }: Schema) {
  const messageCreation = struct(mode, 'MessageCreation', { required: { message_id: t.string } });
  return struct(mode, 'MessageCreationStepDetails', {
    required: { type: t.literal('message_creation'), message_creation: messageCreation },
  });
}

/**
 * `step_details` of a `tool_calls` step: `{type: "tool_calls", tool_calls}`, `[]` until the calls stream in.
 *
 * @example
 * ```ts
 * import { ToolCallsStepDetails } from 'rx-assistant-stream/schema';
 *
 * if (ToolCallsStepDetails.is(step.step_details)) console.log(step.step_details.tool_calls.length, 'tool calls');
 * ```
 */
export interface ToolCallsStepDetails extends CodecType<typeof toolCallsStepDetails> {}
/** Codec of {@link ToolCallsStepDetails}. */
export const ToolCallsStepDetails: Codec<ToolCallsStepDetails> = /*#__PURE__*/ lenientCodec(toolCallsStepDetails);
export function toolCallsStepDetails({ mode, use }: Schema) {
  return struct(mode, 'ToolCallsStepDetails', {
    required: { type: t.literal('tool_calls'), tool_calls: t.array(use(ToolCall)) },
  });
}

/**
 * `step_details` of an `activities` step (Azure): `{type: "activities", activities}`, what the step did before any
 * call, such as listing an MCP server's tools. `[]` in `created`; the content comes whole in `thread.run.step.completed`.
 *
 * @example
 * ```ts
 * import type { ActivitiesStepDetails } from 'rx-assistant-stream';
 *
 * const listedTools = (details: ActivitiesStepDetails) =>
 *   details.activities.flatMap((a) => (a.type === 'mcp_list_tools' ? Object.keys(a.tools).map((name) => `${a.server_label}/${name}`) : []));
 * ```
 */
export interface ActivitiesStepDetails extends CodecType<typeof activitiesStepDetails> {}
/** Codec of {@link ActivitiesStepDetails}. */
export const ActivitiesStepDetails: Codec<ActivitiesStepDetails> = /*#__PURE__*/ lenientCodec(activitiesStepDetails);
export function activitiesStepDetails({ mode, use }: Schema) {
  const activities = t.array(use(RunStepActivity));
  return struct(mode, 'ActivitiesStepDetails', { required: { type: t.literal('activities'), activities } });
}

/**
 * An activity of an `activities` step, by `type`: `mcp_list_tools` (`{id, type, server_label, tools: {<name>: {description?, parameters?}}}`);
 * lenient mode keeps other activity types as they are.
 *
 * @example
 * ```ts
 * import type { RunStepActivity } from 'rx-assistant-stream';
 *
 * const describe = (activity: RunStepActivity) =>
 *   activity.type === 'mcp_list_tools' ? `${activity.server_label}: ${Object.keys(activity.tools).join(', ')}` : activity.type;
 * ```
 */
export type RunStepActivity = CodecType<typeof runStepActivity>;
/** Codec of {@link RunStepActivity}. */
export const RunStepActivity: Codec<RunStepActivity> = /*#__PURE__*/ lenientCodec(runStepActivity);
export function runStepActivity(schema: Schema) {
  const { mode } = schema;
  // Azure: what a step did before its calls, e.g. listing an MCP server's tools (sent whole in `step.completed`).
  const mcpListTools = struct(mode, 'McpListToolsActivity', {
    required: {
      id: t.string,
      type: t.literal('mcp_list_tools'),
      server_label: t.string,
      tools: stringRecord(partial({ description: nullable(t.string), parameters: jsonObject })),
    },
  });
  return unionByType(schema, 'RunStepActivity', [mcpListTools]);
}

/**
 * `step.step_details`, by `type`: {@link MessageCreationStepDetails}, {@link ToolCallsStepDetails} or, from Azure,
 * {@link ActivitiesStepDetails}.
 *
 * @example
 * ```ts
 * import type { RunStepDetails } from 'rx-assistant-stream';
 *
 * function summary(details: RunStepDetails): string {
 *   switch (details.type) {
 *     case 'message_creation': return `writes ${details.message_creation.message_id}`;
 *     case 'tool_calls': return `calls ${details.tool_calls.map((call) => call.type).join(', ')}`;
 *     default: return `${details.activities.length} activities`; // Azure's activities step
 *   }
 * }
 * ```
 */
export type RunStepDetails = CodecType<typeof runStepDetails>;
/** Codec of {@link RunStepDetails}. */
export const RunStepDetails: Codec<RunStepDetails> = /*#__PURE__*/ lenientCodec(runStepDetails);
export function runStepDetails(schema: Schema) {
  return unionByType(schema, 'RunStepDetails', [MessageCreationStepDetails, ToolCallsStepDetails], [ActivitiesStepDetails]);
}
