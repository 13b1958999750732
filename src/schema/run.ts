import * as t from 'io-ts';
import type { Codec, CodecType, Schema, SchemaMode } from './combinators';
import {
  jsonObject,
  lenientCodec,
  nullable,
  nullInPractice,
  openEnum,
  partial,
  scalars,
  stringOrObject,
  struct,
  unionByType,
} from './combinators';
import { ToolResources } from './thread';
import { AssistantTool } from './tool-types';

/**
 * `thread.run.*` data: a run (`object: "thread.run"`), sent whole by each of the 10 run events.
 *
 * @example
 * ```ts
 * import { Run } from 'rx-assistant-stream/schema';
 *
 * const data: unknown = await (await fetch(`${baseURL}/threads/${threadId}/runs/${runId}`, { headers })).json();
 * if (Run.is(data)) console.log(data.status, data.usage?.total_tokens);
 * ```
 */
export interface Run extends CodecType<typeof run> {}
/** Codec of {@link Run}. */
export const Run: Codec<Run> = /*#__PURE__*/ lenientCodec(run);
export function run({ mode, use }: Schema) {
  const { int, timestamp, metadata, strings } = use(scalars);
  return struct(mode, 'Run', {
    required: {
      id: t.string,
      object: t.literal('thread.run'),
      created_at: int,
      thread_id: t.string,
      assistant_id: t.string,
      status: openEnum(mode, [
        'queued',
        'in_progress',
        'requires_action',
        'cancelling',
        'cancelled',
        'failed',
        'completed',
        'incomplete',
        'expired',
      ] as const),
      required_action: nullable(use(RequiredAction)),
      last_error: nullable(use(LastError)),
      expires_at: timestamp,
      started_at: timestamp,
      cancelled_at: timestamp,
      failed_at: timestamp,
      completed_at: timestamp,
      model: t.string,
      instructions: nullInPractice(mode, t.string),
      tools: t.array(use(AssistantTool)),
      metadata,
      usage: nullable(use(Usage)),
    },
    requiredInSpec: {
      incomplete_details: nullable(use(RunIncompleteDetails)),
      max_prompt_tokens: nullable(int),
      max_completion_tokens: nullable(int),
      truncation_strategy: nullable(use(TruncationStrategy)),
      tool_choice: nullable(use(ToolChoice)),
      parallel_tool_calls: t.boolean,
      response_format: nullable(use(ResponseFormat)),
    },
    optional: {
      temperature: nullable(t.number),
      top_p: nullable(t.number),
      // Not in the spec, sent by real servers:
      tool_resources: nullable(use(ToolResources)),
      reasoning_effort: nullable(t.string),
      file_ids: strings,
    },
  });
}

/**
 * A run's status: `queued`, `in_progress`, `requires_action`, `cancelling`, `cancelled`, `failed`, `completed`,
 * `incomplete`, `expired`; servers have added values over time.
 *
 * @example
 * ```ts
 * import type { RunStatus } from 'rx-assistant-stream';
 *
 * const label = (status: RunStatus) => (status === 'requires_action' ? 'waiting for tool outputs' : status);
 * label(run.status);
 * ```
 */
export type RunStatus = Run['status'];

/**
 * `run.required_action`, by `type`: {@link SubmitToolOutputsAction} (the calls to answer with outputs) or, from Azure,
 * {@link SubmitToolApprovalAction} (the MCP calls to approve). Lenient mode keeps any other action type as it is.
 *
 * @example
 * ```ts
 * import type { RequiredAction } from 'rx-assistant-stream';
 *
 * const action: RequiredAction | null = run.required_action; // null unless the status is `requires_action`
 * const callIds =
 *   action?.type === 'submit_tool_outputs' ? action.submit_tool_outputs.tool_calls.map((call) => call.id)
 *   : action?.type === 'submit_tool_approval' ? action.submit_tool_approval.tool_calls.map((call) => call.id)
 *   : [];
 * ```
 */
export type RequiredAction = CodecType<typeof requiredAction>;
/** Codec of {@link RequiredAction}. */
export const RequiredAction: Codec<RequiredAction> = /*#__PURE__*/ lenientCodec(requiredAction);
export function requiredAction(schema: Schema) {
  return unionByType(schema, 'RequiredAction', [SubmitToolOutputsAction], [SubmitToolApprovalAction]);
}

/**
 * `required_action` of type `submit_tool_outputs`: `{type, submit_tool_outputs: {tool_calls}}`, the function calls to
 * answer (lenient mode also keeps calls of other types, such as Azure's computer use: check `call.type`).
 *
 * @example
 * ```ts
 * import { assistantEvents, ofEventType } from 'rx-assistant-stream';
 *
 * assistantEvents(response)
 *   .pipe(ofEventType('thread.run.requires_action'))
 *   .subscribe(({ data: run }) => {
 *     if (run.required_action?.type === 'submit_tool_outputs') console.log(run.required_action.submit_tool_outputs.tool_calls);
 *   });
 * ```
 */
export interface SubmitToolOutputsAction extends CodecType<typeof submitToolOutputsAction> {}
/** Codec of {@link SubmitToolOutputsAction}. */
export const SubmitToolOutputsAction: Codec<SubmitToolOutputsAction> = /*#__PURE__*/ lenientCodec(submitToolOutputsAction);
export function submitToolOutputsAction(schema: Schema) {
  // Lenient mode keeps required calls of other types (Azure's computer use) as they are.
  const calls = unionByType(schema, 'RequiredToolCall', [RunToolCall]);
  return requiredActionOf(schema.mode, 'submit_tool_outputs', 'SubmitToolOutputs', calls);
}

/**
 * `required_action` of type `submit_tool_approval` (Azure): `{type, submit_tool_approval: {tool_calls}}`, the MCP
 * calls whose server requires an approval before they run. Answer with `client.submitToolApprovals`.
 *
 * @example
 * ```ts
 * import type { SubmitToolApprovalAction } from 'rx-assistant-stream';
 *
 * const approvals = (action: SubmitToolApprovalAction) =>
 *   action.submit_tool_approval.tool_calls.map((call) => ({ tool_call_id: call.id, approve: call.server_label === 'github' }));
 * ```
 */
export interface SubmitToolApprovalAction extends CodecType<typeof submitToolApprovalAction> {}
/** Codec of {@link SubmitToolApprovalAction}. */
export const SubmitToolApprovalAction: Codec<SubmitToolApprovalAction> = /*#__PURE__*/ lenientCodec(submitToolApprovalAction);
export function submitToolApprovalAction(schema: Schema) {
  const calls = unionByType(schema, 'RequiredApprovalCall', [RequiredMcpToolCall]);
  return requiredActionOf(schema.mode, 'submit_tool_approval', 'SubmitToolApproval', calls);
}

/** A `run.required_action` object: `{type, [type]: {tool_calls}}`, the calls it asks for under a key named as its type. */
function requiredActionOf<T extends string, C extends t.Mixed>(mode: SchemaMode, type: T, name: string, calls: C) {
  const payload = struct(mode, name, { required: { tool_calls: t.array(calls) } });
  const fields = { type: t.literal(type), ...({ [type]: payload } as { [K in T]: typeof payload }) };
  return struct(mode, `${name}Action`, { required: fields });
}

/**
 * One function call of `required_action.submit_tool_outputs.tool_calls`:
 * `{id, type: "function", function: {name, arguments}}`, `arguments` as JSON text.
 *
 * @example
 * ```ts
 * import type { RunToolCall } from 'rx-assistant-stream';
 *
 * function answer(call: RunToolCall) {
 *   const { city } = JSON.parse(call.function.arguments) as { city: string };
 *   return { tool_call_id: call.id, output: JSON.stringify({ city, celsius: 18 }) };
 * }
 * ```
 */
export interface RunToolCall extends CodecType<typeof runToolCall> {}
/** Codec of {@link RunToolCall}. */
export const RunToolCall: Codec<RunToolCall> = /*#__PURE__*/ lenientCodec(runToolCall);
export function runToolCall({ mode }: Schema) {
  const call = struct(mode, 'RunToolCallFunction', { required: { name: t.string, arguments: t.string } });
  return struct(mode, 'RunToolCall', { required: { id: t.string, type: t.literal('function'), function: call } });
}

/**
 * One MCP call of `required_action.submit_tool_approval.tool_calls` (Azure): `{id, type: "mcp", name, server_label, arguments}`,
 * `arguments` as JSON text.
 *
 * @example
 * ```ts
 * import type { RequiredMcpToolCall } from 'rx-assistant-stream';
 *
 * const approve = (call: RequiredMcpToolCall) => call.server_label === 'github' && call.name.startsWith('search_');
 * ```
 */
export interface RequiredMcpToolCall extends CodecType<typeof requiredMcpToolCall> {}
/** Codec of {@link RequiredMcpToolCall}. */
export const RequiredMcpToolCall: Codec<RequiredMcpToolCall> = /*#__PURE__*/ lenientCodec(requiredMcpToolCall);
export function requiredMcpToolCall({ mode }: Schema) {
  return struct(mode, 'RequiredMcpToolCall', {
    required: { id: t.string, type: t.literal('mcp'), name: t.string, server_label: t.string, arguments: t.string },
  });
}

/**
 * `run.last_error`: `{code, message}`, `code` one of `server_error`, `rate_limit_exceeded`, `invalid_prompt` (Azure sends others).
 *
 * @example
 * ```ts
 * import { LastError } from 'rx-assistant-stream/schema';
 *
 * LastError.is({ code: 'tool_user_error', message: 'Tool call failed.' }); // true: an Azure code, accepted in lenient mode
 * const retryable = (error: LastError) => error.code === 'rate_limit_exceeded' || error.code === 'server_error';
 * ```
 */
export interface LastError extends CodecType<typeof lastError> {}
/** Codec of {@link LastError}. */
export const LastError: Codec<LastError> = /*#__PURE__*/ lenientCodec(lastError);
export function lastError({ mode }: Schema) {
  const code = openEnum(mode, ['server_error', 'rate_limit_exceeded', 'invalid_prompt'] as const);
  return struct(mode, 'LastError', { required: { code, message: t.string } });
}

/**
 * `run.incomplete_details`: `{reason?}`, which token limit ended the run (`max_completion_tokens` or `max_prompt_tokens`).
 *
 * @example
 * ```ts
 * import type { RunIncompleteDetails } from 'rx-assistant-stream';
 *
 * const details: RunIncompleteDetails | null | undefined = run.incomplete_details;
 * if (details?.reason === 'max_completion_tokens') console.warn('answer cut at', run.max_completion_tokens, 'tokens');
 * ```
 */
export interface RunIncompleteDetails extends CodecType<typeof runIncompleteDetails> {}
/** Codec of {@link RunIncompleteDetails}. */
export const RunIncompleteDetails: Codec<RunIncompleteDetails> = /*#__PURE__*/ lenientCodec(runIncompleteDetails);
export function runIncompleteDetails({ mode }: Schema) {
  return partial({ reason: openEnum(mode, ['max_completion_tokens', 'max_prompt_tokens'] as const) }, 'RunIncompleteDetails');
}

/**
 * Token usage of a run or a step: `{prompt_tokens, completion_tokens, total_tokens}`, `null` until it ends
 * (real servers add `prompt_token_details`, `completion_tokens_details`).
 *
 * @example
 * ```ts
 * import type { Usage } from 'rx-assistant-stream';
 *
 * const usage: Usage | null = run.usage;
 * console.log(usage?.total_tokens, usage?.prompt_token_details?.cached_tokens);
 * ```
 */
export interface Usage extends CodecType<typeof usage> {}
/** Codec of {@link Usage}. */
export const Usage: Codec<Usage> = /*#__PURE__*/ lenientCodec(usage);
export function usage({ mode, use }: Schema) {
  const { int } = use(scalars);
  return struct(mode, 'Usage', {
    required: { completion_tokens: int, prompt_tokens: int, total_tokens: int },
    optional: {
      prompt_token_details: partial({ cached_tokens: int }),
      completion_tokens_details: partial({ reasoning_tokens: int }),
    },
  });
}

/**
 * `run.truncation_strategy`: `{type: "auto" | "last_messages", last_messages?}`, how the thread was cut to fit the context.
 *
 * @example
 * ```ts
 * import { TruncationStrategy } from 'rx-assistant-stream/schema';
 *
 * TruncationStrategy.is({ type: 'last_messages', last_messages: 10 }); // true
 * run.truncation_strategy?.type; // 'auto' unless the run was created with another strategy
 * ```
 */
export interface TruncationStrategy extends CodecType<typeof truncationStrategy> {}
/** Codec of {@link TruncationStrategy}. */
export const TruncationStrategy: Codec<TruncationStrategy> = /*#__PURE__*/ lenientCodec(truncationStrategy);
export function truncationStrategy({ mode, use }: Schema) {
  return struct(mode, 'TruncationStrategy', {
    required: { type: openEnum(mode, ['auto', 'last_messages'] as const) },
    optional: { last_messages: nullable(use(scalars).int) },
  });
}

/**
 * `run.tool_choice` naming one tool: `{type: "function" | "code_interpreter" | "file_search", function?: {name}}`.
 *
 * @example
 * ```ts
 * import type { NamedToolChoice } from 'rx-assistant-stream';
 *
 * const forceWeather: NamedToolChoice = { type: 'function', function: { name: 'get_weather' } };
 * client.createRun(threadId, { assistant_id: 'asst_abc123', tool_choice: forceWeather }).subscribe();
 * ```
 */
export interface NamedToolChoice extends CodecType<typeof namedToolChoice> {}
/** Codec of {@link NamedToolChoice}. */
export const NamedToolChoice: Codec<NamedToolChoice> = /*#__PURE__*/ lenientCodec(namedToolChoice);
export function namedToolChoice({ mode }: Schema) {
  return struct(mode, 'NamedToolChoice', {
    required: { type: openEnum(mode, ['function', 'code_interpreter', 'file_search'] as const) },
    optional: { function: struct(mode, 'NamedFunction', { required: { name: t.string } }) },
  });
}

/**
 * `run.tool_choice`: `"none" | "auto" | "required"`, or a {@link NamedToolChoice} object.
 *
 * @example
 * ```ts
 * import type { ToolChoice } from 'rx-assistant-stream';
 *
 * const describe = (choice: ToolChoice | null | undefined) =>
 *   typeof choice === 'object' && choice !== null ? `only ${choice.function?.name ?? choice.type}` : (choice ?? 'auto');
 * describe(run.tool_choice); // 'auto', 'required', 'only get_weather'...
 * ```
 */
export type ToolChoice = CodecType<typeof toolChoice>;
/** Codec of {@link ToolChoice}. */
export const ToolChoice: Codec<ToolChoice> = /*#__PURE__*/ lenientCodec(toolChoice);
export function toolChoice({ mode, use }: Schema) {
  const choice = openEnum(mode, ['none', 'auto', 'required'] as const);
  return stringOrObject('ToolChoice', choice, use(NamedToolChoice));
}

/**
 * `response_format: {type: "text"}`: the run answers in plain text.
 *
 * @example
 * ```ts
 * import { ResponseFormatText } from 'rx-assistant-stream/schema';
 *
 * const plainText = run.response_format === 'auto' || ResponseFormatText.is(run.response_format);
 * ```
 */
export interface ResponseFormatText extends CodecType<typeof responseFormatText> {}
/** Codec of {@link ResponseFormatText}. */
export const ResponseFormatText: Codec<ResponseFormatText> = /*#__PURE__*/ lenientCodec(responseFormatText);
export function responseFormatText({ mode }: Schema) {
  return struct(mode, 'ResponseFormatText', { required: { type: t.literal('text') } });
}

/**
 * `response_format: {type: "json_object"}`: JSON mode, the answer is a JSON object.
 *
 * @example
 * ```ts
 * import type { ResponseFormatJsonObject } from 'rx-assistant-stream';
 *
 * const jsonMode: ResponseFormatJsonObject = { type: 'json_object' }; // the instructions must ask for JSON too
 * client.createRun(threadId, { assistant_id: 'asst_abc123', response_format: jsonMode }).subscribe();
 * ```
 */
export interface ResponseFormatJsonObject extends CodecType<typeof responseFormatJsonObject> {}
/** Codec of {@link ResponseFormatJsonObject}. */
export const ResponseFormatJsonObject: Codec<ResponseFormatJsonObject> = /*#__PURE__*/ lenientCodec(responseFormatJsonObject);
export function responseFormatJsonObject({ mode }: Schema) {
  return struct(mode, 'ResponseFormatJsonObject', { required: { type: t.literal('json_object') } });
}

/**
 * `response_format: {type: "json_schema", json_schema: {name, description?, schema?, strict?}}`: structured outputs.
 *
 * @example
 * ```ts
 * import type { ResponseFormatJsonSchema } from 'rx-assistant-stream';
 *
 * const format: ResponseFormatJsonSchema = {
 *   type: 'json_schema',
 *   json_schema: { name: 'weather', strict: true, schema: { type: 'object', properties: { celsius: { type: 'number' } }, required: ['celsius'] } },
 * };
 * ```
 */
export interface ResponseFormatJsonSchema extends CodecType<typeof responseFormatJsonSchema> {}
/** Codec of {@link ResponseFormatJsonSchema}. */
export const ResponseFormatJsonSchema: Codec<ResponseFormatJsonSchema> = /*#__PURE__*/ lenientCodec(responseFormatJsonSchema);
export function responseFormatJsonSchema({ mode }: Schema) {
  const jsonSchema = struct(mode, 'JsonSchemaFormat', {
    required: { name: t.string },
    optional: { description: t.string, schema: jsonObject, strict: nullable(t.boolean) },
  });
  return struct(mode, 'ResponseFormatJsonSchema', { required: { type: t.literal('json_schema'), json_schema: jsonSchema } });
}

/**
 * `run.response_format`: `"auto"`, or a `{type: "text" | "json_object" | "json_schema"}` object.
 *
 * @example
 * ```ts
 * import type { ResponseFormat } from 'rx-assistant-stream';
 *
 * const schemaName = (format: ResponseFormat | null | undefined) =>
 *   typeof format === 'object' && format?.type === 'json_schema' ? format.json_schema.name : undefined;
 * schemaName(run.response_format); // 'weather', or undefined for 'auto'
 * ```
 */
export type ResponseFormat = CodecType<typeof responseFormat>;
/** Codec of {@link ResponseFormat}. */
export const ResponseFormat: Codec<ResponseFormat> = /*#__PURE__*/ lenientCodec(responseFormat);
export function responseFormat(schema: Schema) {
  const { mode } = schema;
  const object = unionByType(schema, 'ResponseFormatObject', [
    ResponseFormatText,
    ResponseFormatJsonObject,
    ResponseFormatJsonSchema,
  ]);
  return stringOrObject('ResponseFormat', openEnum(mode, ['auto'] as const), object);
}
