import type * as t from 'io-ts';
import { buildCodecs, type Codecs } from './codecs';
import type { OpenEnum, SchemaMode } from './combinators';
import type { AssistantEventName } from './event-names';

export { buildCodecs, type Codecs } from './codecs';
export type { OpenEnum, SchemaMode } from './combinators';
export {
  ASSISTANT_EVENT_NAMES,
  MESSAGE_EVENT_NAMES,
  RUN_EVENT_NAMES,
  RUN_STEP_EVENT_NAMES,
  type AssistantEventName,
  type MessageEventName,
  type RunEventName,
  type RunStepEventName,
} from './event-names';

/**
 * The codecs of lenient mode (the default): what real servers send. The exported codecs (`Run`, `Message`...) are these.
 *
 * @example
 * ```ts
 * import { getCodecs, lenientCodecs } from 'rx-assistant-stream';
 *
 * const part = { type: 'audio', audio: { file_id: 'file-abc123' } }; // a part type newer than the spec
 * lenientCodecs.MessageContent.is(part); // true: passed through as it is
 * getCodecs('strict').MessageContent.is(part); // false
 * ```
 */
export const lenientCodecs: Codecs = buildCodecs('lenient');

let strictCodecs: Codecs | undefined;

/**
 * The codecs of a mode, built on first use and then shared.
 *
 * @example
 * ```ts
 * import { getCodecs } from 'rx-assistant-stream';
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
  if (mode === 'lenient') return lenientCodecs;
  return (strictCodecs ??= buildCodecs('strict'));
}

/** A codec whose static type is `A` (decoding and `is` give an `A`). */
type Codec<A> = t.Type<A, unknown, unknown>;

// ---- thread ----

/**
 * `thread.created` data: a thread (`object: "thread"`), sent first by `createThreadAndRun` streams.
 *
 * @example
 * ```ts
 * import { assistantEvents, ofEventType } from 'rx-assistant-stream';
 *
 * assistantEvents(response)
 *   .pipe(ofEventType('thread.created'))
 *   .subscribe(({ data: thread }) => console.log('new thread', thread.id, thread.metadata));
 * ```
 */
export interface Thread extends t.TypeOf<Codecs['Thread']> {}
/** Codec of {@link Thread}. */
export const Thread: Codec<Thread> = lenientCodecs.Thread;

/**
 * The files and vector stores a thread or run gives its tools: `{code_interpreter?: {file_ids?}, file_search?: {vector_store_ids?}}`.
 *
 * @example
 * ```ts
 * import type { ToolResources } from 'rx-assistant-stream';
 *
 * const vectorStores = (resources: ToolResources | null | undefined): string[] => resources?.file_search?.vector_store_ids ?? [];
 * vectorStores(run.tool_resources); // ['vs_abc123']
 * ```
 */
export interface ToolResources extends t.TypeOf<Codecs['ToolResources']> {}
/** Codec of {@link ToolResources}. */
export const ToolResources: Codec<ToolResources> = lenientCodecs.ToolResources;

// ---- run ----

/**
 * `thread.run.*` data: a run (`object: "thread.run"`), sent whole by each of the 10 run events.
 *
 * @example
 * ```ts
 * import { Run } from 'rx-assistant-stream';
 *
 * const data: unknown = await (await fetch(`${baseURL}/threads/${threadId}/runs/${runId}`, { headers })).json();
 * if (Run.is(data)) console.log(data.status, data.usage?.total_tokens);
 * ```
 */
export interface Run extends t.TypeOf<Codecs['Run']> {}
/** Codec of {@link Run}. */
export const Run: Codec<Run> = lenientCodecs.Run;

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
 * `run.required_action`: `{type: "submit_tool_outputs", submit_tool_outputs: {tool_calls}}`, the function calls to answer.
 *
 * @example
 * ```ts
 * import type { RequiredAction } from 'rx-assistant-stream';
 *
 * const action: RequiredAction | null = run.required_action; // null unless the status is `requires_action`
 * const callIds = action?.submit_tool_outputs.tool_calls.map((call) => call.id) ?? [];
 * ```
 */
export interface RequiredAction extends t.TypeOf<Codecs['RequiredAction']> {}
/** Codec of {@link RequiredAction}. */
export const RequiredAction: Codec<RequiredAction> = lenientCodecs.RequiredAction;

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
export interface RunToolCall extends t.TypeOf<Codecs['RunToolCall']> {}
/** Codec of {@link RunToolCall}. */
export const RunToolCall: Codec<RunToolCall> = lenientCodecs.RunToolCall;

/**
 * `run.last_error`: `{code, message}`, `code` one of `server_error`, `rate_limit_exceeded`, `invalid_prompt` (Azure sends others).
 *
 * @example
 * ```ts
 * import { LastError } from 'rx-assistant-stream';
 *
 * LastError.is({ code: 'tool_user_error', message: 'Tool call failed.' }); // true: an Azure code, accepted in lenient mode
 * const retryable = (error: LastError) => error.code === 'rate_limit_exceeded' || error.code === 'server_error';
 * ```
 */
export interface LastError extends t.TypeOf<Codecs['LastError']> {}
/** Codec of {@link LastError}. */
export const LastError: Codec<LastError> = lenientCodecs.LastError;

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
export interface RunIncompleteDetails extends t.TypeOf<Codecs['RunIncompleteDetails']> {}
/** Codec of {@link RunIncompleteDetails}. */
export const RunIncompleteDetails: Codec<RunIncompleteDetails> = lenientCodecs.RunIncompleteDetails;

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
export interface Usage extends t.TypeOf<Codecs['Usage']> {}
/** Codec of {@link Usage}. */
export const Usage: Codec<Usage> = lenientCodecs.Usage;

/**
 * `run.truncation_strategy`: `{type: "auto" | "last_messages", last_messages?}`, how the thread was cut to fit the context.
 *
 * @example
 * ```ts
 * import { TruncationStrategy } from 'rx-assistant-stream';
 *
 * TruncationStrategy.is({ type: 'last_messages', last_messages: 10 }); // true
 * run.truncation_strategy?.type; // 'auto' unless the run was created with another strategy
 * ```
 */
export interface TruncationStrategy extends t.TypeOf<Codecs['TruncationStrategy']> {}
/** Codec of {@link TruncationStrategy}. */
export const TruncationStrategy: Codec<TruncationStrategy> = lenientCodecs.TruncationStrategy;

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
export interface NamedToolChoice extends t.TypeOf<Codecs['NamedToolChoice']> {}
/** Codec of {@link NamedToolChoice}. */
export const NamedToolChoice: Codec<NamedToolChoice> = lenientCodecs.NamedToolChoice;

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
export type ToolChoice = OpenEnum<'none' | 'auto' | 'required'> | NamedToolChoice;
/** Codec of {@link ToolChoice}. */
export const ToolChoice: Codec<ToolChoice> = lenientCodecs.ToolChoice;

/**
 * `response_format: {type: "text"}`: the run answers in plain text.
 *
 * @example
 * ```ts
 * import { ResponseFormatText } from 'rx-assistant-stream';
 *
 * const plainText = run.response_format === 'auto' || ResponseFormatText.is(run.response_format);
 * ```
 */
export interface ResponseFormatText extends t.TypeOf<Codecs['ResponseFormatText']> {}
/** Codec of {@link ResponseFormatText}. */
export const ResponseFormatText: Codec<ResponseFormatText> = lenientCodecs.ResponseFormatText;

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
export interface ResponseFormatJsonObject extends t.TypeOf<Codecs['ResponseFormatJsonObject']> {}
/** Codec of {@link ResponseFormatJsonObject}. */
export const ResponseFormatJsonObject: Codec<ResponseFormatJsonObject> = lenientCodecs.ResponseFormatJsonObject;

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
export interface ResponseFormatJsonSchema extends t.TypeOf<Codecs['ResponseFormatJsonSchema']> {}
/** Codec of {@link ResponseFormatJsonSchema}. */
export const ResponseFormatJsonSchema: Codec<ResponseFormatJsonSchema> = lenientCodecs.ResponseFormatJsonSchema;

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
export type ResponseFormat = OpenEnum<'auto'> | ResponseFormatText | ResponseFormatJsonObject | ResponseFormatJsonSchema;
/** Codec of {@link ResponseFormat}. */
export const ResponseFormat: Codec<ResponseFormat> = lenientCodecs.ResponseFormat;

/**
 * A `code_interpreter` tool of `run.tools`: `{type: "code_interpreter"}`.
 *
 * @example
 * ```ts
 * import { CodeInterpreterTool } from 'rx-assistant-stream';
 *
 * const canRunCode = run.tools.some((tool) => CodeInterpreterTool.is(tool));
 * ```
 */
export interface CodeInterpreterTool extends t.TypeOf<Codecs['CodeInterpreterTool']> {}
/** Codec of {@link CodeInterpreterTool}. */
export const CodeInterpreterTool: Codec<CodeInterpreterTool> = lenientCodecs.CodeInterpreterTool;

/**
 * `file_search.ranking_options` of a file_search tool: `{ranker?, score_threshold}`.
 *
 * @example
 * ```ts
 * import type { FileSearchRankingOptions } from 'rx-assistant-stream';
 *
 * const ranking: FileSearchRankingOptions = { ranker: 'default_2024_08_21', score_threshold: 0.5 };
 * ```
 */
export interface FileSearchRankingOptions extends t.TypeOf<Codecs['FileSearchRankingOptions']> {}
/** Codec of {@link FileSearchRankingOptions}. */
export const FileSearchRankingOptions: Codec<FileSearchRankingOptions> = lenientCodecs.FileSearchRankingOptions;

/**
 * A `file_search` tool of `run.tools`: `{type: "file_search", file_search?: {max_num_results?, ranking_options?}}`.
 *
 * @example
 * ```ts
 * import type { FileSearchTool } from 'rx-assistant-stream';
 *
 * const fileSearch = run.tools.find((tool): tool is FileSearchTool => tool.type === 'file_search');
 * console.log(fileSearch?.file_search?.max_num_results, fileSearch?.file_search?.ranking_options?.score_threshold);
 * ```
 */
export interface FileSearchTool extends t.TypeOf<Codecs['FileSearchTool']> {}
/** Codec of {@link FileSearchTool}. */
export const FileSearchTool: Codec<FileSearchTool> = lenientCodecs.FileSearchTool;

/**
 * A function tool's definition: `{name, description?, parameters?, strict?}`, `parameters` a JSON Schema.
 *
 * @example
 * ```ts
 * import type { FunctionDefinition } from 'rx-assistant-stream';
 *
 * const getWeather: FunctionDefinition = {
 *   name: 'get_weather',
 *   description: 'Get the current weather in a given city.',
 *   parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
 * };
 * ```
 */
export interface FunctionDefinition extends t.TypeOf<Codecs['FunctionDefinition']> {}
/** Codec of {@link FunctionDefinition}. */
export const FunctionDefinition: Codec<FunctionDefinition> = lenientCodecs.FunctionDefinition;

/**
 * A `function` tool of `run.tools`: `{type: "function", function: FunctionDefinition}`.
 *
 * @example
 * ```ts
 * import type { FunctionTool } from 'rx-assistant-stream';
 *
 * const functionNames = run.tools
 *   .filter((tool): tool is FunctionTool => tool.type === 'function')
 *   .map((tool) => tool.function.name); // ['get_weather']
 * ```
 */
export interface FunctionTool extends t.TypeOf<Codecs['FunctionTool']> {}
/** Codec of {@link FunctionTool}. */
export const FunctionTool: Codec<FunctionTool> = lenientCodecs.FunctionTool;

/**
 * An item of `run.tools`, by `type` (lenient mode also passes unknown types: `retrieval`, `bing_grounding`...).
 *
 * @example
 * ```ts
 * import type { AssistantTool } from 'rx-assistant-stream';
 *
 * const label = (tool: AssistantTool) => (tool.type === 'function' ? tool.function.name : tool.type);
 * run.tools.map(label); // ['code_interpreter', 'file_search', 'get_weather']
 * ```
 */
export type AssistantTool = CodeInterpreterTool | FileSearchTool | FunctionTool;
/** Codec of {@link AssistantTool}. */
export const AssistantTool: Codec<AssistantTool> = lenientCodecs.AssistantTool;

// ---- run step ----

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
export interface RunStep extends t.TypeOf<Codecs['RunStep']> {}
/** Codec of {@link RunStep}. */
export const RunStep: Codec<RunStep> = lenientCodecs.RunStep;

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
export interface RunStepLastError extends t.TypeOf<Codecs['RunStepLastError']> {}
/** Codec of {@link RunStepLastError}. */
export const RunStepLastError: Codec<RunStepLastError> = lenientCodecs.RunStepLastError;

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
export interface MessageCreationStepDetails extends t.TypeOf<Codecs['MessageCreationStepDetails']> {}
/** Codec of {@link MessageCreationStepDetails}. */
export const MessageCreationStepDetails: Codec<MessageCreationStepDetails> = lenientCodecs.MessageCreationStepDetails;

/**
 * `step_details` of a `tool_calls` step: `{type: "tool_calls", tool_calls}`, `[]` until the calls stream in.
 *
 * @example
 * ```ts
 * import { ToolCallsStepDetails } from 'rx-assistant-stream';
 *
 * if (ToolCallsStepDetails.is(step.step_details)) console.log(step.step_details.tool_calls.length, 'tool calls');
 * ```
 */
export interface ToolCallsStepDetails extends t.TypeOf<Codecs['ToolCallsStepDetails']> {}
/** Codec of {@link ToolCallsStepDetails}. */
export const ToolCallsStepDetails: Codec<ToolCallsStepDetails> = lenientCodecs.ToolCallsStepDetails;

/**
 * `step.step_details`, by `type`: {@link MessageCreationStepDetails} or {@link ToolCallsStepDetails}.
 *
 * @example
 * ```ts
 * import type { RunStepDetails } from 'rx-assistant-stream';
 *
 * const summary = (details: RunStepDetails) =>
 *   details.type === 'message_creation'
 *     ? `writes ${details.message_creation.message_id}`
 *     : `calls ${details.tool_calls.map((call) => call.type).join(', ')}`;
 * ```
 */
export type RunStepDetails = MessageCreationStepDetails | ToolCallsStepDetails;
/** Codec of {@link RunStepDetails}. */
export const RunStepDetails: Codec<RunStepDetails> = lenientCodecs.RunStepDetails;

/**
 * A `logs` output of a code interpreter call: `{type: "logs", logs}`, what the code printed.
 *
 * @example
 * ```ts
 * import type { CodeInterpreterLogsOutput, CodeInterpreterToolCall } from 'rx-assistant-stream';
 *
 * const stdout = (call: CodeInterpreterToolCall) =>
 *   call.code_interpreter.outputs.filter((o): o is CodeInterpreterLogsOutput => o.type === 'logs').map((o) => o.logs).join('');
 * ```
 */
export interface CodeInterpreterLogsOutput extends t.TypeOf<Codecs['CodeInterpreterLogsOutput']> {}
/** Codec of {@link CodeInterpreterLogsOutput}. */
export const CodeInterpreterLogsOutput: Codec<CodeInterpreterLogsOutput> = lenientCodecs.CodeInterpreterLogsOutput;

/**
 * An `image` output of a code interpreter call: `{type: "image", image: {file_id}}`, a chart or picture it drew.
 *
 * @example
 * ```ts
 * import { CodeInterpreterImageOutput } from 'rx-assistant-stream';
 *
 * const output: unknown = { type: 'image', image: { file_id: 'file-abc123' } };
 * if (CodeInterpreterImageOutput.is(output)) console.log(`${baseURL}/files/${output.image.file_id}/content`);
 * ```
 */
export interface CodeInterpreterImageOutput extends t.TypeOf<Codecs['CodeInterpreterImageOutput']> {}
/** Codec of {@link CodeInterpreterImageOutput}. */
export const CodeInterpreterImageOutput: Codec<CodeInterpreterImageOutput> = lenientCodecs.CodeInterpreterImageOutput;

/**
 * An output of a code interpreter call, by `type`: `logs` or `image`.
 *
 * @example
 * ```ts
 * import type { CodeInterpreterOutput } from 'rx-assistant-stream';
 *
 * const show = (output: CodeInterpreterOutput) => (output.type === 'logs' ? output.logs : `[image ${output.image.file_id}]`);
 * ```
 */
export type CodeInterpreterOutput = CodeInterpreterLogsOutput | CodeInterpreterImageOutput;
/** Codec of {@link CodeInterpreterOutput}. */
export const CodeInterpreterOutput: Codec<CodeInterpreterOutput> = lenientCodecs.CodeInterpreterOutput;

/**
 * A `code_interpreter` tool call: `{id, type: "code_interpreter", code_interpreter: {input, outputs}}`.
 *
 * @example
 * ```ts
 * import type { CodeInterpreterToolCall } from 'rx-assistant-stream';
 *
 * function print(call: CodeInterpreterToolCall) {
 *   console.log(call.code_interpreter.input); // 'import pandas as pd\n...'
 *   console.log(call.code_interpreter.outputs.length, 'outputs');
 * }
 * ```
 */
export interface CodeInterpreterToolCall extends t.TypeOf<Codecs['CodeInterpreterToolCall']> {}
/** Codec of {@link CodeInterpreterToolCall}. */
export const CodeInterpreterToolCall: Codec<CodeInterpreterToolCall> = lenientCodecs.CodeInterpreterToolCall;

/**
 * One result of a file_search call: `{file_id, file_name, score, content?}`, `score` from 0 to 1.
 *
 * @example
 * ```ts
 * import type { FileSearchResult } from 'rx-assistant-stream';
 *
 * const sources = (results: FileSearchResult[]) =>
 *   results.filter((result) => result.score > 0.5).map((result) => `${result.file_name} (${result.score.toFixed(2)})`);
 * ```
 */
export interface FileSearchResult extends t.TypeOf<Codecs['FileSearchResult']> {}
/** Codec of {@link FileSearchResult}. */
export const FileSearchResult: Codec<FileSearchResult> = lenientCodecs.FileSearchResult;

/**
 * A `file_search` tool call: `{id, type: "file_search", file_search: {ranking_options?, results?}}`.
 *
 * @example
 * ```ts
 * import type { FileSearchToolCall } from 'rx-assistant-stream';
 *
 * // `results` come in `thread.run.step.completed`, and only when the request asked for them with `include[]`.
 * const fileNames = (call: FileSearchToolCall) => call.file_search.results?.map((result) => result.file_name) ?? [];
 * ```
 */
export interface FileSearchToolCall extends t.TypeOf<Codecs['FileSearchToolCall']> {}
/** Codec of {@link FileSearchToolCall}. */
export const FileSearchToolCall: Codec<FileSearchToolCall> = lenientCodecs.FileSearchToolCall;

/**
 * A `function` tool call: `{id, type: "function", function: {name, arguments, output}}`, `output` null until submitted.
 *
 * @example
 * ```ts
 * import type { FunctionToolCall } from 'rx-assistant-stream';
 *
 * const answered = (call: FunctionToolCall) => call.function.output !== null;
 * const args = (call: FunctionToolCall) => JSON.parse(call.function.arguments) as Record<string, unknown>;
 * ```
 */
export interface FunctionToolCall extends t.TypeOf<Codecs['FunctionToolCall']> {}
/** Codec of {@link FunctionToolCall}. */
export const FunctionToolCall: Codec<FunctionToolCall> = lenientCodecs.FunctionToolCall;

/**
 * A tool call of a `tool_calls` step, by `type`: `code_interpreter`, `file_search` or `function`.
 *
 * @example
 * ```ts
 * import type { ToolCall } from 'rx-assistant-stream';
 *
 * function describe(call: ToolCall): string {
 *   if (call.type === 'function') return `${call.function.name}(${call.function.arguments})`;
 *   if (call.type === 'code_interpreter') return call.code_interpreter.input;
 *   return `file_search: ${call.file_search.results?.length ?? 0} results`;
 * }
 * ```
 */
export type ToolCall = CodeInterpreterToolCall | FileSearchToolCall | FunctionToolCall;
/** Codec of {@link ToolCall}. */
export const ToolCall: Codec<ToolCall> = lenientCodecs.ToolCall;

// ---- run step delta ----

/**
 * `thread.run.step.delta` data: the changed parts of a step (`object: "thread.run.step.delta"`), `{id, object, delta: {step_details?}}`.
 *
 * @example
 * ```ts
 * import { applyRunStepDelta, RunStepDelta } from 'rx-assistant-stream';
 *
 * // json: the parsed data of a `thread.run.step.delta` frame
 * if (RunStepDelta.is(json) && json.id === step.id) console.log(applyRunStepDelta(step, json).step_details);
 * ```
 */
export interface RunStepDelta extends t.TypeOf<Codecs['RunStepDelta']> {}
/** Codec of {@link RunStepDelta}. */
export const RunStepDelta: Codec<RunStepDelta> = lenientCodecs.RunStepDelta;

/**
 * Delta `step_details` of a `message_creation` step: `{type: "message_creation", message_creation?: {message_id?}}`
 * (in the spec; not seen on the wire).
 *
 * @example
 * ```ts
 * import { MessageCreationStepDetailsDelta } from 'rx-assistant-stream';
 *
 * MessageCreationStepDetailsDelta.is({ type: 'message_creation', message_creation: { message_id: 'msg_abc123' } }); // true
 * ```
 */
export interface MessageCreationStepDetailsDelta extends t.TypeOf<Codecs['MessageCreationStepDetailsDelta']> {}
/** Codec of {@link MessageCreationStepDetailsDelta}. */
export const MessageCreationStepDetailsDelta: Codec<MessageCreationStepDetailsDelta> = lenientCodecs.MessageCreationStepDetailsDelta;

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
export interface ToolCallsStepDetailsDelta extends t.TypeOf<Codecs['ToolCallsStepDetailsDelta']> {}
/** Codec of {@link ToolCallsStepDetailsDelta}. */
export const ToolCallsStepDetailsDelta: Codec<ToolCallsStepDetailsDelta> = lenientCodecs.ToolCallsStepDetailsDelta;

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
export type RunStepDetailsDelta = MessageCreationStepDetailsDelta | ToolCallsStepDetailsDelta;
/** Codec of {@link RunStepDetailsDelta}. */
export const RunStepDetailsDelta: Codec<RunStepDetailsDelta> = lenientCodecs.RunStepDetailsDelta;

/**
 * A fragment of a `logs` output: `{index, type: "logs", logs?}`, merged by its own `index`.
 *
 * @example
 * ```ts
 * import type { CodeInterpreterLogsOutputDelta } from 'rx-assistant-stream';
 *
 * // Outputs arrive in a delta of their own, after the input: { index: 0, type: 'logs', logs: '42\n' }
 * const logsOf = (outputs: CodeInterpreterLogsOutputDelta[]) => outputs.map((output) => output.logs ?? '').join('');
 * ```
 */
export interface CodeInterpreterLogsOutputDelta extends t.TypeOf<Codecs['CodeInterpreterLogsOutputDelta']> {}
/** Codec of {@link CodeInterpreterLogsOutputDelta}. */
export const CodeInterpreterLogsOutputDelta: Codec<CodeInterpreterLogsOutputDelta> = lenientCodecs.CodeInterpreterLogsOutputDelta;

/**
 * A fragment of an `image` output: `{index, type: "image", image?: {file_id?}}`, merged by its own `index`.
 *
 * @example
 * ```ts
 * import { CodeInterpreterImageOutputDelta } from 'rx-assistant-stream';
 *
 * CodeInterpreterImageOutputDelta.is({ index: 1, type: 'image', image: { file_id: 'file-abc123' } }); // true
 * ```
 */
export interface CodeInterpreterImageOutputDelta extends t.TypeOf<Codecs['CodeInterpreterImageOutputDelta']> {}
/** Codec of {@link CodeInterpreterImageOutputDelta}. */
export const CodeInterpreterImageOutputDelta: Codec<CodeInterpreterImageOutputDelta> = lenientCodecs.CodeInterpreterImageOutputDelta;

/**
 * A fragment of a code interpreter output, by `type`: `logs` or `image`.
 *
 * @example
 * ```ts
 * import type { CodeInterpreterOutputDelta } from 'rx-assistant-stream';
 *
 * const imageIds = (outputs: CodeInterpreterOutputDelta[]) =>
 *   outputs.flatMap((output) => (output.type === 'image' && output.image?.file_id ? [output.image.file_id] : []));
 * ```
 */
export type CodeInterpreterOutputDelta = CodeInterpreterLogsOutputDelta | CodeInterpreterImageOutputDelta;
/** Codec of {@link CodeInterpreterOutputDelta}. */
export const CodeInterpreterOutputDelta: Codec<CodeInterpreterOutputDelta> = lenientCodecs.CodeInterpreterOutputDelta;

/**
 * A fragment of a `code_interpreter` tool call: `{index, type, id?, code_interpreter?: {input?, outputs?}}`.
 *
 * @example
 * ```ts
 * import type { CodeInterpreterToolCallDelta } from 'rx-assistant-stream';
 *
 * // First { index: 0, id: 'call_abc123', type: 'code_interpreter', code_interpreter: { input: '', outputs: [] } },
 * // then { index: 0, type: 'code_interpreter', code_interpreter: { input: 'print(' } }...
 * const inputFragment = (call: CodeInterpreterToolCallDelta) => call.code_interpreter?.input ?? '';
 * ```
 */
export interface CodeInterpreterToolCallDelta extends t.TypeOf<Codecs['CodeInterpreterToolCallDelta']> {}
/** Codec of {@link CodeInterpreterToolCallDelta}. */
export const CodeInterpreterToolCallDelta: Codec<CodeInterpreterToolCallDelta> = lenientCodecs.CodeInterpreterToolCallDelta;

/**
 * A fragment of a `file_search` tool call: `{index, type, id?, file_search}`, `file_search` an open object.
 *
 * @example
 * ```ts
 * import { FileSearchToolCallDelta } from 'rx-assistant-stream';
 *
 * // Sent once, with the ranking options and no results yet.
 * FileSearchToolCallDelta.is({
 *   index: 0, id: 'call_abc123', type: 'file_search',
 *   file_search: { ranking_options: { ranker: 'default_2024_08_21', score_threshold: 0 }, results: [] },
 * }); // true
 * ```
 */
export interface FileSearchToolCallDelta extends t.TypeOf<Codecs['FileSearchToolCallDelta']> {}
/** Codec of {@link FileSearchToolCallDelta}. */
export const FileSearchToolCallDelta: Codec<FileSearchToolCallDelta> = lenientCodecs.FileSearchToolCallDelta;

/**
 * A fragment of a `function` tool call: `{index, type, id?, function?: {name?, arguments?, output?}}`.
 *
 * @example
 * ```ts
 * import type { FunctionToolCallDelta } from 'rx-assistant-stream';
 *
 * // First { index: 0, id: 'call_abc123', type: 'function', function: { name: 'get_weather', arguments: '', output: null } },
 * // then { index: 0, type: 'function', function: { arguments: '{"city"' } }...
 * const argumentsFragment = (call: FunctionToolCallDelta) => call.function?.arguments ?? '';
 * ```
 */
export interface FunctionToolCallDelta extends t.TypeOf<Codecs['FunctionToolCallDelta']> {}
/** Codec of {@link FunctionToolCallDelta}. */
export const FunctionToolCallDelta: Codec<FunctionToolCallDelta> = lenientCodecs.FunctionToolCallDelta;

/**
 * A tool call fragment of a step delta, by `type`, merged into its call by `index`.
 *
 * @example
 * ```ts
 * import type { ToolCallDelta } from 'rx-assistant-stream';
 *
 * function fragmentOf(call: ToolCallDelta): string {
 *   if (call.type === 'function') return call.function?.arguments ?? '';
 *   if (call.type === 'code_interpreter') return call.code_interpreter?.input ?? '';
 *   return ''; // file_search deltas carry no text
 * }
 * ```
 */
export type ToolCallDelta = CodeInterpreterToolCallDelta | FileSearchToolCallDelta | FunctionToolCallDelta;
/** Codec of {@link ToolCallDelta}. */
export const ToolCallDelta: Codec<ToolCallDelta> = lenientCodecs.ToolCallDelta;

// ---- message ----

/**
 * `thread.message.*` data: a message (`object: "thread.message"`); `content` is `[]` in `created` and `in_progress`,
 * the text streams in `thread.message.delta`.
 *
 * @example
 * ```ts
 * import { Message } from 'rx-assistant-stream';
 * import { isRight } from 'fp-ts/Either';
 *
 * const decoded = Message.decode(json); // e.g. the body of GET /threads/{thread_id}/messages/{message_id}
 * if (isRight(decoded)) console.log(decoded.right.role, decoded.right.status, decoded.right.content.length);
 * ```
 */
export interface Message extends t.TypeOf<Codecs['Message']> {}
/** Codec of {@link Message}. */
export const Message: Codec<Message> = lenientCodecs.Message;

/**
 * A message's status: `in_progress`, `incomplete` or `completed`.
 *
 * @example
 * ```ts
 * import type { MessageStatus } from 'rx-assistant-stream';
 *
 * const streaming = (status: MessageStatus) => status === 'in_progress';
 * streaming(message.status);
 * ```
 */
export type MessageStatus = Message['status'];

/**
 * `message.incomplete_details`: `{reason}`, why the message ended early (`max_tokens`, `run_cancelled`, `content_filter`...).
 *
 * @example
 * ```ts
 * import { assistantEvents, ofEventType } from 'rx-assistant-stream';
 *
 * assistantEvents(response)
 *   .pipe(ofEventType('thread.message.incomplete'))
 *   .subscribe(({ data: message }) => console.warn(message.id, message.incomplete_details?.reason)); // 'max_tokens'
 * ```
 */
export interface MessageIncompleteDetails extends t.TypeOf<Codecs['MessageIncompleteDetails']> {}
/** Codec of {@link MessageIncompleteDetails}. */
export const MessageIncompleteDetails: Codec<MessageIncompleteDetails> = lenientCodecs.MessageIncompleteDetails;

/**
 * An item of `message.attachments`: `{file_id?, tools?}`, a file and the tools it was added to.
 *
 * @example
 * ```ts
 * import type { Attachment } from 'rx-assistant-stream';
 *
 * const attachment: Attachment = { file_id: 'file-abc123', tools: [{ type: 'file_search' }] };
 * const fileIds = (message.attachments ?? []).map((a) => a.file_id); // v1 messages have `file_ids` instead
 * ```
 */
export interface Attachment extends t.TypeOf<Codecs['Attachment']> {}
/** Codec of {@link Attachment}. */
export const Attachment: Codec<Attachment> = lenientCodecs.Attachment;

/**
 * A `file_citation` annotation of a text part: `{type, text, file_citation: {file_id}, start_index, end_index}`.
 *
 * @example
 * ```ts
 * import type { FileCitationAnnotation } from 'rx-assistant-stream';
 *
 * // { type: 'file_citation', text: '【4:0†favorite_foods.txt】', start_index: 29, end_index: 53, file_citation: { file_id: 'file-abc123' } }
 * const footnote = (a: FileCitationAnnotation, n: number) => ({ marker: a.text, label: `[${n}]`, fileId: a.file_citation.file_id });
 * ```
 */
export interface FileCitationAnnotation extends t.TypeOf<Codecs['FileCitationAnnotation']> {}
/** Codec of {@link FileCitationAnnotation}. */
export const FileCitationAnnotation: Codec<FileCitationAnnotation> = lenientCodecs.FileCitationAnnotation;

/**
 * A `file_path` annotation of a text part: `{type, text, file_path: {file_id}, start_index, end_index}`, a file code interpreter wrote.
 *
 * @example
 * ```ts
 * import type { FilePathAnnotation } from 'rx-assistant-stream';
 *
 * // `text` is the link in the answer ('sandbox:/mnt/data/chart.png'), `file_id` the file to download.
 * const downloadUrl = (a: FilePathAnnotation) => `${baseURL}/files/${a.file_path.file_id}/content`;
 * ```
 */
export interface FilePathAnnotation extends t.TypeOf<Codecs['FilePathAnnotation']> {}
/** Codec of {@link FilePathAnnotation}. */
export const FilePathAnnotation: Codec<FilePathAnnotation> = lenientCodecs.FilePathAnnotation;

/**
 * An annotation of a text part, by `type`: `file_citation` or `file_path`.
 *
 * @example
 * ```ts
 * import type { Annotation } from 'rx-assistant-stream';
 *
 * const numbered = (value: string, annotations: Annotation[]) =>
 *   annotations.reduceRight((text, a, i) => `${text.slice(0, a.start_index)}[${i + 1}]${text.slice(a.end_index)}`, value);
 * ```
 */
export type Annotation = FileCitationAnnotation | FilePathAnnotation;
/** Codec of {@link Annotation}. */
export const Annotation: Codec<Annotation> = lenientCodecs.Annotation;

/**
 * A `text` content part: `{type: "text", text: {value, annotations}}`.
 *
 * @example
 * ```ts
 * import type { TextContent } from 'rx-assistant-stream';
 *
 * const text = message.content
 *   .filter((part): part is TextContent => part.type === 'text')
 *   .map((part) => part.text.value)
 *   .join('\n');
 * ```
 */
export interface TextContent extends t.TypeOf<Codecs['TextContent']> {}
/** Codec of {@link TextContent}. */
export const TextContent: Codec<TextContent> = lenientCodecs.TextContent;

/**
 * An `image_file` content part: `{type: "image_file", image_file: {file_id, detail?}}`.
 *
 * @example
 * ```ts
 * import { ImageFileContent } from 'rx-assistant-stream';
 *
 * for (const part of message.content) {
 *   if (ImageFileContent.is(part)) console.log(`${baseURL}/files/${part.image_file.file_id}/content`);
 * }
 * ```
 */
export interface ImageFileContent extends t.TypeOf<Codecs['ImageFileContent']> {}
/** Codec of {@link ImageFileContent}. */
export const ImageFileContent: Codec<ImageFileContent> = lenientCodecs.ImageFileContent;

/**
 * An `image_url` content part: `{type: "image_url", image_url: {url, detail?}}`.
 *
 * @example
 * ```ts
 * import type { ImageUrlContent } from 'rx-assistant-stream';
 *
 * const chart: ImageUrlContent = { type: 'image_url', image_url: { url: 'https://example.com/chart.png', detail: 'low' } };
 * ```
 */
export interface ImageUrlContent extends t.TypeOf<Codecs['ImageUrlContent']> {}
/** Codec of {@link ImageUrlContent}. */
export const ImageUrlContent: Codec<ImageUrlContent> = lenientCodecs.ImageUrlContent;

/**
 * A `refusal` content part: `{type: "refusal", refusal}`, the model's reason for not answering.
 *
 * @example
 * ```ts
 * import type { RefusalContent } from 'rx-assistant-stream';
 *
 * const refusal = message.content.find((part): part is RefusalContent => part.type === 'refusal');
 * if (refusal) console.warn('The model refused:', refusal.refusal);
 * ```
 */
export interface RefusalContent extends t.TypeOf<Codecs['RefusalContent']> {}
/** Codec of {@link RefusalContent}. */
export const RefusalContent: Codec<RefusalContent> = lenientCodecs.RefusalContent;

/**
 * A content part of a message, by `type` (lenient mode also passes unknown types: keep a `default` branch).
 *
 * @example
 * ```ts
 * import type { MessageContent } from 'rx-assistant-stream';
 *
 * function toMarkdown(part: MessageContent): string {
 *   switch (part.type) {
 *     case 'text': return part.text.value;
 *     case 'image_url': return `![image](${part.image_url.url})`;
 *     case 'refusal': return `> ${part.refusal}`;
 *     default: return ''; // image_file, or a part type newer than this library
 *   }
 * }
 * ```
 */
export type MessageContent = TextContent | ImageFileContent | ImageUrlContent | RefusalContent;
/** Codec of {@link MessageContent}. */
export const MessageContent: Codec<MessageContent> = lenientCodecs.MessageContent;

// ---- message delta ----

/**
 * `thread.message.delta` data: the changed parts of a message (`object: "thread.message.delta"`), `{id, object, delta: {role?, content?}}`.
 *
 * @example
 * ```ts
 * import { applyMessageDelta, type MessageDelta } from 'rx-assistant-stream';
 *
 * const delta: MessageDelta = {
 *   id: message.id,
 *   object: 'thread.message.delta',
 *   delta: { content: [{ index: 0, type: 'text', text: { value: 'Hel' } }] },
 * };
 * const next = applyMessageDelta(message, delta);
 * ```
 */
export interface MessageDelta extends t.TypeOf<Codecs['MessageDelta']> {}
/** Codec of {@link MessageDelta}. */
export const MessageDelta: Codec<MessageDelta> = lenientCodecs.MessageDelta;

/**
 * A fragment of a `file_citation` annotation: `{index, type, text?, file_citation?: {file_id?, quote?}, start_index?, end_index?}`.
 *
 * @example
 * ```ts
 * import type { FileCitationAnnotationDelta } from 'rx-assistant-stream';
 *
 * // As servers send a citation: its marker is the text fragment, then this annotation (note the empty `quote`).
 * const citation: FileCitationAnnotationDelta = {
 *   index: 0, type: 'file_citation', text: '【4:0†favorite_foods.txt】', start_index: 29, end_index: 53,
 *   file_citation: { file_id: 'file-abc123', quote: '' },
 * };
 * ```
 */
export interface FileCitationAnnotationDelta extends t.TypeOf<Codecs['FileCitationAnnotationDelta']> {}
/** Codec of {@link FileCitationAnnotationDelta}. */
export const FileCitationAnnotationDelta: Codec<FileCitationAnnotationDelta> = lenientCodecs.FileCitationAnnotationDelta;

/**
 * A fragment of a `file_path` annotation: `{index, type, text?, file_path?: {file_id?}, start_index?, end_index?}`.
 *
 * @example
 * ```ts
 * import { assistantEvents, textDeltas, type FilePathAnnotationDelta } from 'rx-assistant-stream';
 *
 * assistantEvents(response).pipe(textDeltas({ withContext: true })).subscribe(({ annotations = [] }) => {
 *   const files = annotations.filter((a): a is FilePathAnnotationDelta => a.type === 'file_path');
 *   files.forEach((a) => console.log(a.text, '->', a.file_path?.file_id)); // 'sandbox:/mnt/data/chart.png' -> 'file-abc123'
 * });
 * ```
 */
export interface FilePathAnnotationDelta extends t.TypeOf<Codecs['FilePathAnnotationDelta']> {}
/** Codec of {@link FilePathAnnotationDelta}. */
export const FilePathAnnotationDelta: Codec<FilePathAnnotationDelta> = lenientCodecs.FilePathAnnotationDelta;

/**
 * An annotation fragment of a text part delta, by `type`, merged by its own `index`.
 *
 * @example
 * ```ts
 * import type { AnnotationDelta } from 'rx-assistant-stream';
 *
 * const citedFiles = (annotations: AnnotationDelta[]) =>
 *   annotations.flatMap((a) => (a.type === 'file_citation' && a.file_citation?.file_id ? [a.file_citation.file_id] : []));
 * ```
 */
export type AnnotationDelta = FileCitationAnnotationDelta | FilePathAnnotationDelta;
/** Codec of {@link AnnotationDelta}. */
export const AnnotationDelta: Codec<AnnotationDelta> = lenientCodecs.AnnotationDelta;

/**
 * A fragment of a `text` part: `{index, type: "text", text?: {value?, annotations?}}`.
 *
 * @example
 * ```ts
 * import type { TextContentDelta } from 'rx-assistant-stream';
 *
 * // The first fragment of a part carries `annotations: []`, the next ones only a `value`.
 * const first: TextContentDelta = { index: 0, type: 'text', text: { value: 'Hel', annotations: [] } };
 * const next: TextContentDelta = { index: 0, type: 'text', text: { value: 'lo' } };
 * ```
 */
export interface TextContentDelta extends t.TypeOf<Codecs['TextContentDelta']> {}
/** Codec of {@link TextContentDelta}. */
export const TextContentDelta: Codec<TextContentDelta> = lenientCodecs.TextContentDelta;

/**
 * A fragment of an `image_file` part: `{index, type: "image_file", image_file?: {file_id?, detail?}}`.
 *
 * @example
 * ```ts
 * import { ImageFileContentDelta } from 'rx-assistant-stream';
 *
 * ImageFileContentDelta.is({ index: 0, type: 'image_file', image_file: { file_id: 'file-abc123' } }); // true
 * ```
 */
export interface ImageFileContentDelta extends t.TypeOf<Codecs['ImageFileContentDelta']> {}
/** Codec of {@link ImageFileContentDelta}. */
export const ImageFileContentDelta: Codec<ImageFileContentDelta> = lenientCodecs.ImageFileContentDelta;

/**
 * A fragment of an `image_url` part: `{index, type: "image_url", image_url?: {url?, detail?}}`.
 *
 * @example
 * ```ts
 * import type { ImageUrlContentDelta } from 'rx-assistant-stream';
 *
 * const part: ImageUrlContentDelta = { index: 1, type: 'image_url', image_url: { url: 'https://example.com/cat.png', detail: 'auto' } };
 * ```
 */
export interface ImageUrlContentDelta extends t.TypeOf<Codecs['ImageUrlContentDelta']> {}
/** Codec of {@link ImageUrlContentDelta}. */
export const ImageUrlContentDelta: Codec<ImageUrlContentDelta> = lenientCodecs.ImageUrlContentDelta;

/**
 * A fragment of a `refusal` part: `{index, type: "refusal", refusal?}`.
 *
 * @example
 * ```ts
 * import type { MessageDelta, RefusalContentDelta } from 'rx-assistant-stream';
 *
 * const refusalText = (data: MessageDelta) =>
 *   (data.delta.content ?? [])
 *     .filter((part): part is RefusalContentDelta => part.type === 'refusal')
 *     .map((part) => part.refusal ?? '')
 *     .join('');
 * ```
 */
export interface RefusalContentDelta extends t.TypeOf<Codecs['RefusalContentDelta']> {}
/** Codec of {@link RefusalContentDelta}. */
export const RefusalContentDelta: Codec<RefusalContentDelta> = lenientCodecs.RefusalContentDelta;

/**
 * A content part fragment of a message delta, by `type`, merged into its part by `index`.
 *
 * @example
 * ```ts
 * import type { MessageContentDelta } from 'rx-assistant-stream';
 *
 * const fragmentOf = (part: MessageContentDelta): string =>
 *   part.type === 'text' ? (part.text?.value ?? '') : part.type === 'refusal' ? (part.refusal ?? '') : '';
 * ```
 */
export type MessageContentDelta = TextContentDelta | ImageFileContentDelta | ImageUrlContentDelta | RefusalContentDelta;
/** Codec of {@link MessageContentDelta}. */
export const MessageContentDelta: Codec<MessageContentDelta> = lenientCodecs.MessageContentDelta;

// ---- error ----

/**
 * `error` event data, once unwrapped from its `{error: ...}` envelope: `{message, type, code, param}`.
 *
 * @example
 * ```ts
 * import { assistantEvents, ofEventType } from 'rx-assistant-stream';
 *
 * assistantEvents(response, { errorEvents: 'emit' })
 *   .pipe(ofEventType('error'))
 *   .subscribe(({ data }) => console.error(data.type, data.message)); // 'server_error', 'The server had an error processing your request.'
 * ```
 */
export interface ErrorObject extends t.TypeOf<Codecs['ErrorObject']> {}
/** Codec of {@link ErrorObject}. */
export const ErrorObject: Codec<ErrorObject> = lenientCodecs.ErrorObject;

// ---- events ----

/**
 * The `data` type of each of the 24 event names: `Run` for the run events, `RunStepDelta` for `thread.run.step.delta`...
 *
 * @example
 * ```ts
 * import type { AssistantEventDataMap } from 'rx-assistant-stream';
 *
 * const handlers: { [K in keyof AssistantEventDataMap]?: (data: AssistantEventDataMap[K]) => void } = {
 *   'thread.run.completed': (run) => console.log(run.usage?.total_tokens),
 *   'thread.message.delta': (delta) => console.log(delta.delta.content),
 * };
 * ```
 */
export interface AssistantEventDataMap {
  'thread.created': Thread;
  'thread.run.created': Run;
  'thread.run.queued': Run;
  'thread.run.in_progress': Run;
  'thread.run.requires_action': Run;
  'thread.run.completed': Run;
  'thread.run.incomplete': Run;
  'thread.run.failed': Run;
  'thread.run.cancelling': Run;
  'thread.run.cancelled': Run;
  'thread.run.expired': Run;
  'thread.run.step.created': RunStep;
  'thread.run.step.in_progress': RunStep;
  'thread.run.step.completed': RunStep;
  'thread.run.step.failed': RunStep;
  'thread.run.step.cancelled': RunStep;
  'thread.run.step.expired': RunStep;
  'thread.run.step.delta': RunStepDelta;
  'thread.message.created': Message;
  'thread.message.in_progress': Message;
  'thread.message.completed': Message;
  'thread.message.incomplete': Message;
  'thread.message.delta': MessageDelta;
  error: ErrorObject;
}

/**
 * An event of an Assistants run stream: the SSE `event:` name and its parsed `data`, discriminated by `event`.
 *
 * @example
 * ```ts
 * import { AssistantStreamEvent } from 'rx-assistant-stream';
 *
 * function handle(event: AssistantStreamEvent) {
 *   if (event.event === 'thread.run.requires_action') console.log(event.data.required_action?.submit_tool_outputs.tool_calls);
 *   else if (event.event === 'thread.message.completed') console.log(event.data.content);
 * }
 * AssistantStreamEvent.is({ event: 'error', data: { message: 'The server had an error processing your request.' } }); // true
 * ```
 */
export type AssistantStreamEvent = { [K in AssistantEventName]: { event: K; data: AssistantEventDataMap[K] } }[AssistantEventName];

/**
 * The member of {@link AssistantStreamEvent} for one event name.
 *
 * @example
 * ```ts
 * import type { AssistantStreamEventOf } from 'rx-assistant-stream';
 *
 * const toolCallsOf = (event: AssistantStreamEventOf<'thread.run.requires_action'>) =>
 *   event.data.required_action?.submit_tool_outputs.tool_calls ?? [];
 * ```
 */
export type AssistantStreamEventOf<K extends AssistantEventName> = Extract<AssistantStreamEvent, { event: K }>;

/** The codec of one member: `t.type({ event: t.literal(K), data })`. */
export type AssistantStreamEventMemberCodec<K extends AssistantEventName> = t.TypeC<{
  event: t.LiteralC<K>;
  data: Codec<AssistantEventDataMap[K]>;
}>;

type AnyMemberCodec = { [K in AssistantEventName]: AssistantStreamEventMemberCodec<K> }[AssistantEventName];

/** Codec of {@link AssistantStreamEvent}: a `t.union` of the 24 members, dispatched on the literal `event`. */
export const AssistantStreamEvent: t.UnionC<[AnyMemberCodec, AnyMemberCodec, ...AnyMemberCodec[]]> =
  lenientCodecs.AssistantStreamEvent;

/**
 * The data codec of each event name (lenient mode); `getCodecs(mode).eventData` for a given mode.
 *
 * @example
 * ```ts
 * import { eventData } from 'rx-assistant-stream';
 *
 * const data: unknown = JSON.parse('{"id":"step_abc123","object":"thread.run.step.delta","delta":{}}');
 * eventData['thread.run.step.delta'].is(data); // true
 * ```
 */
export const eventData: { readonly [K in AssistantEventName]: Codec<AssistantEventDataMap[K]> } = lenientCodecs.eventData;
