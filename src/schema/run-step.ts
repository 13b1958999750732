import * as t from 'io-ts';
import {
  type Codec,
  type Schema,
  jsonObject,
  lenientCodec,
  lenientOnly,
  named,
  nullable,
  openEnum,
  partial,
  scalars,
  struct,
  taggedUnion,
} from './combinators';
import { runPartCodecs } from './run';
import { toolUnionCodecs } from './tool-types';

/** The parts of a run step: its error and each kind of `step_details`, for one schema. */
export function runStepPartCodecs(schema: Schema) {
  const { mode } = schema;
  const RunStepLastError = struct(mode, 'RunStepLastError', {
    required: { code: openEnum(mode, ['server_error', 'rate_limit_exceeded'] as const), message: t.string },
  });
  const MessageCreationStepDetails = struct(mode, 'MessageCreationStepDetails', {
    required: {
      type: t.literal('message_creation'),
      message_creation: struct(mode, 'MessageCreation', { required: { message_id: t.string } }),
    },
  });
  const ToolCallsStepDetails = struct(mode, 'ToolCallsStepDetails', {
    required: { type: t.literal('tool_calls'), tool_calls: t.array(schema.use(toolUnionCodecs).ToolCall) },
  });
  // Azure: what a step did before its calls, e.g. listing an MCP server's tools (sent whole in `step.completed`).
  const RunStepActivity = taggedUnion(mode, 'RunStepActivity', 'type', {
    mcp_list_tools: struct(mode, 'McpListToolsActivity', {
      required: {
        id: t.string,
        type: t.literal('mcp_list_tools'),
        server_label: t.string,
        tools: t.record(t.string, partial({ description: nullable(t.string), parameters: jsonObject })),
      },
    }),
  });
  const ActivitiesStepDetails = struct(mode, 'ActivitiesStepDetails', {
    required: { type: t.literal('activities'), activities: t.array(RunStepActivity) },
  });
  return { RunStepLastError, MessageCreationStepDetails, ToolCallsStepDetails, RunStepActivity, ActivitiesStepDetails };
}

/** The codecs of a run step, for one schema. */
export function runStepCodecs(schema: Schema) {
  const { mode } = schema;
  const { int, timestamp, metadata } = schema.use(scalars);
  const p = schema.use(runStepPartCodecs);
  const RunStepDetails = taggedUnion(mode, 'RunStepDetails', 'type', {
    message_creation: named<MessageCreationStepDetails>(p.MessageCreationStepDetails),
    tool_calls: named<ToolCallsStepDetails>(p.ToolCallsStepDetails),
    ...lenientOnly(mode, { activities: named<ActivitiesStepDetails>(p.ActivitiesStepDetails) }),
  });
  const RunStep = struct(mode, 'RunStep', {
    required: {
      id: t.string,
      object: t.literal('thread.run.step'),
      created_at: int,
      assistant_id: t.string,
      thread_id: t.string,
      run_id: t.string,
      type: openEnum(mode, ['message_creation', 'tool_calls'] as const),
      status: openEnum(mode, ['in_progress', 'cancelled', 'failed', 'completed', 'expired'] as const),
      step_details: RunStepDetails,
      last_error: nullable(p.RunStepLastError),
      cancelled_at: timestamp,
      failed_at: timestamp,
      completed_at: timestamp,
      usage: nullable(schema.use(runPartCodecs).Usage),
    },
    requiredInSpec: { expired_at: timestamp, metadata },
    // Not in the spec: what real servers send instead of `expired_at`.
    optional: { expires_at: timestamp },
  });
  return { RunStepDetails, RunStep };
}

type Parts = ReturnType<typeof runStepPartCodecs>;
type StepParts = ReturnType<typeof runStepCodecs>;

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
export interface RunStep extends t.TypeOf<StepParts['RunStep']> {}
/** Codec of {@link RunStep}. */
export const RunStep: Codec<RunStep> = /*#__PURE__*/ lenientCodec(runStepCodecs, 'RunStep');

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
export interface RunStepLastError extends t.TypeOf<Parts['RunStepLastError']> {}
/** Codec of {@link RunStepLastError}. */
export const RunStepLastError: Codec<RunStepLastError> = /*#__PURE__*/ lenientCodec(runStepPartCodecs, 'RunStepLastError');

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
export interface MessageCreationStepDetails extends t.TypeOf<Parts['MessageCreationStepDetails']> {}
/** Codec of {@link MessageCreationStepDetails}. */
export const MessageCreationStepDetails: Codec<MessageCreationStepDetails> = /*#__PURE__*/ lenientCodec(
  runStepPartCodecs,
  'MessageCreationStepDetails',
);

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
export interface ToolCallsStepDetails extends t.TypeOf<Parts['ToolCallsStepDetails']> {}
/** Codec of {@link ToolCallsStepDetails}. */
export const ToolCallsStepDetails: Codec<ToolCallsStepDetails> = /*#__PURE__*/ lenientCodec(
  runStepPartCodecs,
  'ToolCallsStepDetails',
);

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
export interface ActivitiesStepDetails extends t.TypeOf<Parts['ActivitiesStepDetails']> {}
/** Codec of {@link ActivitiesStepDetails}. */
export const ActivitiesStepDetails: Codec<ActivitiesStepDetails> = /*#__PURE__*/ lenientCodec(
  runStepPartCodecs,
  'ActivitiesStepDetails',
);

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
export type RunStepActivity = t.TypeOf<Parts['RunStepActivity']>;
/** Codec of {@link RunStepActivity}. */
export const RunStepActivity: Codec<RunStepActivity> = /*#__PURE__*/ lenientCodec(runStepPartCodecs, 'RunStepActivity');

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
export type RunStepDetails = t.TypeOf<StepParts['RunStepDetails']>;
/** Codec of {@link RunStepDetails}. */
export const RunStepDetails: Codec<RunStepDetails> = /*#__PURE__*/ lenientCodec(runStepCodecs, 'RunStepDetails');
