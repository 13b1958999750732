import * as t from 'io-ts';
import {
  type Codec,
  type Schema,
  jsonObject,
  lenientCodec,
  lenientOnly,
  named,
  nullable,
  nullInPractice,
  openEnum,
  partial,
  scalars,
  stringOrObject,
  struct,
  taggedUnion,
} from './combinators';
import { threadCodecs } from './thread';
import { toolUnionCodecs } from './tool-types';

/** The parts of a run that hold no union of named parts, for one schema. */
export function runPartCodecs(schema: Schema) {
  const { mode } = schema;
  const { int } = schema.use(scalars);
  const LastError = struct(mode, 'LastError', {
    required: { code: openEnum(mode, ['server_error', 'rate_limit_exceeded', 'invalid_prompt'] as const), message: t.string },
  });
  const RunIncompleteDetails = partial(
    { reason: openEnum(mode, ['max_completion_tokens', 'max_prompt_tokens'] as const) },
    'RunIncompleteDetails',
  );
  const Usage = struct(mode, 'Usage', {
    required: { completion_tokens: int, prompt_tokens: int, total_tokens: int },
    optional: {
      prompt_token_details: partial({ cached_tokens: int }),
      completion_tokens_details: partial({ reasoning_tokens: int }),
    },
  });
  const TruncationStrategy = struct(mode, 'TruncationStrategy', {
    required: { type: openEnum(mode, ['auto', 'last_messages'] as const) },
    optional: { last_messages: nullable(int) },
  });
  const NamedToolChoice = struct(mode, 'NamedToolChoice', {
    required: { type: openEnum(mode, ['function', 'code_interpreter', 'file_search'] as const) },
    optional: { function: struct(mode, 'NamedFunction', { required: { name: t.string } }) },
  });
  const ResponseFormatText = struct(mode, 'ResponseFormatText', { required: { type: t.literal('text') } });
  const ResponseFormatJsonObject = struct(mode, 'ResponseFormatJsonObject', { required: { type: t.literal('json_object') } });
  const ResponseFormatJsonSchema = struct(mode, 'ResponseFormatJsonSchema', {
    required: {
      type: t.literal('json_schema'),
      json_schema: struct(mode, 'JsonSchemaFormat', {
        required: { name: t.string },
        optional: { description: t.string, schema: jsonObject, strict: nullable(t.boolean) },
      }),
    },
  });
  const RunToolCall = struct(mode, 'RunToolCall', {
    required: {
      id: t.string,
      type: t.literal('function'),
      function: struct(mode, 'RunToolCallFunction', { required: { name: t.string, arguments: t.string } }),
    },
  });
  const RequiredMcpToolCall = struct(mode, 'RequiredMcpToolCall', {
    required: { id: t.string, type: t.literal('mcp'), name: t.string, server_label: t.string, arguments: t.string },
  });
  return {
    LastError,
    RunIncompleteDetails,
    Usage,
    TruncationStrategy,
    NamedToolChoice,
    ResponseFormatText,
    ResponseFormatJsonObject,
    ResponseFormatJsonSchema,
    RunToolCall,
    RequiredMcpToolCall,
  };
}

/** The unions of a run's named parts, and the two actions a run can require, for one schema. */
export function runChoiceCodecs(schema: Schema) {
  const { mode } = schema;
  const p = schema.use(runPartCodecs);
  const ToolChoice = stringOrObject(
    'ToolChoice',
    openEnum(mode, ['none', 'auto', 'required'] as const),
    named<NamedToolChoice>(p.NamedToolChoice),
  );
  const ResponseFormat = stringOrObject(
    'ResponseFormat',
    openEnum(mode, ['auto'] as const),
    taggedUnion(mode, 'ResponseFormatObject', 'type', {
      text: named<ResponseFormatText>(p.ResponseFormatText),
      json_object: named<ResponseFormatJsonObject>(p.ResponseFormatJsonObject),
      json_schema: named<ResponseFormatJsonSchema>(p.ResponseFormatJsonSchema),
    }),
  );
  // Lenient mode keeps required calls of other types (Azure's computer use) as they are.
  const requiredCalls = taggedUnion(mode, 'RequiredToolCall', 'type', { function: named<RunToolCall>(p.RunToolCall) });
  const SubmitToolOutputsAction = struct(mode, 'SubmitToolOutputsAction', {
    required: {
      type: t.literal('submit_tool_outputs'),
      submit_tool_outputs: struct(mode, 'SubmitToolOutputs', { required: { tool_calls: t.array(requiredCalls) } }),
    },
  });
  const approvalCalls = taggedUnion(mode, 'RequiredApprovalCall', 'type', {
    mcp: named<RequiredMcpToolCall>(p.RequiredMcpToolCall),
  });
  const SubmitToolApprovalAction = struct(mode, 'SubmitToolApprovalAction', {
    required: {
      type: t.literal('submit_tool_approval'),
      submit_tool_approval: struct(mode, 'SubmitToolApproval', { required: { tool_calls: t.array(approvalCalls) } }),
    },
  });
  return { ToolChoice, ResponseFormat, SubmitToolOutputsAction, SubmitToolApprovalAction };
}

/** The codecs of a run, for one schema. */
export function runCodecs(schema: Schema) {
  const { mode } = schema;
  const { int, timestamp, metadata, strings } = schema.use(scalars);
  const p = schema.use(runPartCodecs);
  const c = schema.use(runChoiceCodecs);
  const RequiredAction = taggedUnion(mode, 'RequiredAction', 'type', {
    submit_tool_outputs: named<SubmitToolOutputsAction>(c.SubmitToolOutputsAction),
    ...lenientOnly(mode, { submit_tool_approval: named<SubmitToolApprovalAction>(c.SubmitToolApprovalAction) }),
  });
  const Run = struct(mode, 'Run', {
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
      required_action: nullable(RequiredAction),
      last_error: nullable(p.LastError),
      expires_at: timestamp,
      started_at: timestamp,
      cancelled_at: timestamp,
      failed_at: timestamp,
      completed_at: timestamp,
      model: t.string,
      instructions: nullInPractice(mode, t.string),
      tools: t.array(schema.use(toolUnionCodecs).AssistantTool),
      metadata,
      usage: nullable(p.Usage),
    },
    requiredInSpec: {
      incomplete_details: nullable(p.RunIncompleteDetails),
      max_prompt_tokens: nullable(int),
      max_completion_tokens: nullable(int),
      truncation_strategy: nullable(p.TruncationStrategy),
      tool_choice: nullable(c.ToolChoice),
      parallel_tool_calls: t.boolean,
      response_format: nullable(c.ResponseFormat),
    },
    optional: {
      temperature: nullable(t.number),
      top_p: nullable(t.number),
      // Not in the spec, sent by real servers:
      tool_resources: nullable(schema.use(threadCodecs).ToolResources),
      reasoning_effort: nullable(t.string),
      file_ids: strings,
    },
  });
  return { RequiredAction, Run };
}

type Parts = ReturnType<typeof runPartCodecs>;
type Choices = ReturnType<typeof runChoiceCodecs>;
type RunParts = ReturnType<typeof runCodecs>;

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
export interface Run extends t.TypeOf<RunParts['Run']> {}
/** Codec of {@link Run}. */
export const Run: Codec<Run> = /*#__PURE__*/ lenientCodec(runCodecs, 'Run');

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
export type RequiredAction = t.TypeOf<RunParts['RequiredAction']>;
/** Codec of {@link RequiredAction}. */
export const RequiredAction: Codec<RequiredAction> = /*#__PURE__*/ lenientCodec(runCodecs, 'RequiredAction');

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
export interface SubmitToolOutputsAction extends t.TypeOf<Choices['SubmitToolOutputsAction']> {}
/** Codec of {@link SubmitToolOutputsAction}. */
export const SubmitToolOutputsAction: Codec<SubmitToolOutputsAction> = /*#__PURE__*/ lenientCodec(
  runChoiceCodecs,
  'SubmitToolOutputsAction',
);

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
export interface SubmitToolApprovalAction extends t.TypeOf<Choices['SubmitToolApprovalAction']> {}
/** Codec of {@link SubmitToolApprovalAction}. */
export const SubmitToolApprovalAction: Codec<SubmitToolApprovalAction> = /*#__PURE__*/ lenientCodec(
  runChoiceCodecs,
  'SubmitToolApprovalAction',
);

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
export interface RunToolCall extends t.TypeOf<Parts['RunToolCall']> {}
/** Codec of {@link RunToolCall}. */
export const RunToolCall: Codec<RunToolCall> = /*#__PURE__*/ lenientCodec(runPartCodecs, 'RunToolCall');

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
export interface RequiredMcpToolCall extends t.TypeOf<Parts['RequiredMcpToolCall']> {}
/** Codec of {@link RequiredMcpToolCall}. */
export const RequiredMcpToolCall: Codec<RequiredMcpToolCall> = /*#__PURE__*/ lenientCodec(runPartCodecs, 'RequiredMcpToolCall');

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
export interface LastError extends t.TypeOf<Parts['LastError']> {}
/** Codec of {@link LastError}. */
export const LastError: Codec<LastError> = /*#__PURE__*/ lenientCodec(runPartCodecs, 'LastError');

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
export interface RunIncompleteDetails extends t.TypeOf<Parts['RunIncompleteDetails']> {}
/** Codec of {@link RunIncompleteDetails}. */
export const RunIncompleteDetails: Codec<RunIncompleteDetails> = /*#__PURE__*/ lenientCodec(
  runPartCodecs,
  'RunIncompleteDetails',
);

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
export interface Usage extends t.TypeOf<Parts['Usage']> {}
/** Codec of {@link Usage}. */
export const Usage: Codec<Usage> = /*#__PURE__*/ lenientCodec(runPartCodecs, 'Usage');

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
export interface TruncationStrategy extends t.TypeOf<Parts['TruncationStrategy']> {}
/** Codec of {@link TruncationStrategy}. */
export const TruncationStrategy: Codec<TruncationStrategy> = /*#__PURE__*/ lenientCodec(runPartCodecs, 'TruncationStrategy');

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
export interface NamedToolChoice extends t.TypeOf<Parts['NamedToolChoice']> {}
/** Codec of {@link NamedToolChoice}. */
export const NamedToolChoice: Codec<NamedToolChoice> = /*#__PURE__*/ lenientCodec(runPartCodecs, 'NamedToolChoice');

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
export type ToolChoice = t.TypeOf<Choices['ToolChoice']>;
/** Codec of {@link ToolChoice}. */
export const ToolChoice: Codec<ToolChoice> = /*#__PURE__*/ lenientCodec(runChoiceCodecs, 'ToolChoice');

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
export interface ResponseFormatText extends t.TypeOf<Parts['ResponseFormatText']> {}
/** Codec of {@link ResponseFormatText}. */
export const ResponseFormatText: Codec<ResponseFormatText> = /*#__PURE__*/ lenientCodec(runPartCodecs, 'ResponseFormatText');

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
export interface ResponseFormatJsonObject extends t.TypeOf<Parts['ResponseFormatJsonObject']> {}
/** Codec of {@link ResponseFormatJsonObject}. */
export const ResponseFormatJsonObject: Codec<ResponseFormatJsonObject> = /*#__PURE__*/ lenientCodec(
  runPartCodecs,
  'ResponseFormatJsonObject',
);

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
export interface ResponseFormatJsonSchema extends t.TypeOf<Parts['ResponseFormatJsonSchema']> {}
/** Codec of {@link ResponseFormatJsonSchema}. */
export const ResponseFormatJsonSchema: Codec<ResponseFormatJsonSchema> = /*#__PURE__*/ lenientCodec(
  runPartCodecs,
  'ResponseFormatJsonSchema',
);

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
export type ResponseFormat = t.TypeOf<Choices['ResponseFormat']>;
/** Codec of {@link ResponseFormat}. */
export const ResponseFormat: Codec<ResponseFormat> = /*#__PURE__*/ lenientCodec(runChoiceCodecs, 'ResponseFormat');
