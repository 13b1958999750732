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

/** The codecs of lenient mode (the default): what real servers send. */
export const lenientCodecs: Codecs = buildCodecs('lenient');

let strictCodecs: Codecs | undefined;

/** The codecs of a mode, built on first use and then shared. */
export function getCodecs(mode: SchemaMode): Codecs {
  if (mode === 'lenient') return lenientCodecs;
  return (strictCodecs ??= buildCodecs('strict'));
}

/** A codec whose static type is `A` (decoding and `is` give an `A`). */
type Codec<A> = t.Type<A, unknown, unknown>;

// ---- thread ----

/** `thread.created` data: a thread (`object: "thread"`). */
export interface Thread extends t.TypeOf<Codecs['Thread']> {}
/** Codec of {@link Thread}. */
export const Thread: Codec<Thread> = lenientCodecs.Thread;

/** The files and vector stores a thread or run gives its tools. */
export interface ToolResources extends t.TypeOf<Codecs['ToolResources']> {}
/** Codec of {@link ToolResources}. */
export const ToolResources: Codec<ToolResources> = lenientCodecs.ToolResources;

// ---- run ----

/** `thread.run.*` data: a run (`object: "thread.run"`). */
export interface Run extends t.TypeOf<Codecs['Run']> {}
/** Codec of {@link Run}. */
export const Run: Codec<Run> = lenientCodecs.Run;

/** A run's status; servers have added values over time. */
export type RunStatus = Run['status'];

/** `run.required_action`: the function calls to answer with submit_tool_outputs. */
export interface RequiredAction extends t.TypeOf<Codecs['RequiredAction']> {}
/** Codec of {@link RequiredAction}. */
export const RequiredAction: Codec<RequiredAction> = lenientCodecs.RequiredAction;

/** One function call of `required_action.submit_tool_outputs.tool_calls`. */
export interface RunToolCall extends t.TypeOf<Codecs['RunToolCall']> {}
/** Codec of {@link RunToolCall}. */
export const RunToolCall: Codec<RunToolCall> = lenientCodecs.RunToolCall;

/** `run.last_error`: `{code, message}` (Azure sends codes outside the spec's enum). */
export interface LastError extends t.TypeOf<Codecs['LastError']> {}
/** Codec of {@link LastError}. */
export const LastError: Codec<LastError> = lenientCodecs.LastError;

/** `run.incomplete_details`: which token limit ended the run. */
export interface RunIncompleteDetails extends t.TypeOf<Codecs['RunIncompleteDetails']> {}
/** Codec of {@link RunIncompleteDetails}. */
export const RunIncompleteDetails: Codec<RunIncompleteDetails> = lenientCodecs.RunIncompleteDetails;

/** Token usage of a run or a step (real servers add `prompt_token_details`, `completion_tokens_details`). */
export interface Usage extends t.TypeOf<Codecs['Usage']> {}
/** Codec of {@link Usage}. */
export const Usage: Codec<Usage> = lenientCodecs.Usage;

/** `run.truncation_strategy`: how the thread was cut to fit the context. */
export interface TruncationStrategy extends t.TypeOf<Codecs['TruncationStrategy']> {}
/** Codec of {@link TruncationStrategy}. */
export const TruncationStrategy: Codec<TruncationStrategy> = lenientCodecs.TruncationStrategy;

/** `run.tool_choice` naming one tool: `{type, function?: {name}}`. */
export interface NamedToolChoice extends t.TypeOf<Codecs['NamedToolChoice']> {}
/** Codec of {@link NamedToolChoice}. */
export const NamedToolChoice: Codec<NamedToolChoice> = lenientCodecs.NamedToolChoice;

/** `run.tool_choice`: `"none" | "auto" | "required"` or a named tool. */
export type ToolChoice = OpenEnum<'none' | 'auto' | 'required'> | NamedToolChoice;
/** Codec of {@link ToolChoice}. */
export const ToolChoice: Codec<ToolChoice> = lenientCodecs.ToolChoice;

/** `response_format: {type: "text"}`. */
export interface ResponseFormatText extends t.TypeOf<Codecs['ResponseFormatText']> {}
/** Codec of {@link ResponseFormatText}. */
export const ResponseFormatText: Codec<ResponseFormatText> = lenientCodecs.ResponseFormatText;

/** `response_format: {type: "json_object"}`. */
export interface ResponseFormatJsonObject extends t.TypeOf<Codecs['ResponseFormatJsonObject']> {}
/** Codec of {@link ResponseFormatJsonObject}. */
export const ResponseFormatJsonObject: Codec<ResponseFormatJsonObject> = lenientCodecs.ResponseFormatJsonObject;

/** `response_format: {type: "json_schema", json_schema: {name, description?, schema?, strict?}}`. */
export interface ResponseFormatJsonSchema extends t.TypeOf<Codecs['ResponseFormatJsonSchema']> {}
/** Codec of {@link ResponseFormatJsonSchema}. */
export const ResponseFormatJsonSchema: Codec<ResponseFormatJsonSchema> = lenientCodecs.ResponseFormatJsonSchema;

/** `run.response_format`: `"auto"` or one of the object variants. */
export type ResponseFormat = OpenEnum<'auto'> | ResponseFormatText | ResponseFormatJsonObject | ResponseFormatJsonSchema;
/** Codec of {@link ResponseFormat}. */
export const ResponseFormat: Codec<ResponseFormat> = lenientCodecs.ResponseFormat;

/** A `code_interpreter` tool of `run.tools`. */
export interface CodeInterpreterTool extends t.TypeOf<Codecs['CodeInterpreterTool']> {}
/** Codec of {@link CodeInterpreterTool}. */
export const CodeInterpreterTool: Codec<CodeInterpreterTool> = lenientCodecs.CodeInterpreterTool;

/** `file_search.ranking_options` of a file_search tool: `{ranker?, score_threshold}`. */
export interface FileSearchRankingOptions extends t.TypeOf<Codecs['FileSearchRankingOptions']> {}
/** Codec of {@link FileSearchRankingOptions}. */
export const FileSearchRankingOptions: Codec<FileSearchRankingOptions> = lenientCodecs.FileSearchRankingOptions;

/** A `file_search` tool of `run.tools`. */
export interface FileSearchTool extends t.TypeOf<Codecs['FileSearchTool']> {}
/** Codec of {@link FileSearchTool}. */
export const FileSearchTool: Codec<FileSearchTool> = lenientCodecs.FileSearchTool;

/** A function tool's definition: `{name, description?, parameters?, strict?}`. */
export interface FunctionDefinition extends t.TypeOf<Codecs['FunctionDefinition']> {}
/** Codec of {@link FunctionDefinition}. */
export const FunctionDefinition: Codec<FunctionDefinition> = lenientCodecs.FunctionDefinition;

/** A `function` tool of `run.tools`. */
export interface FunctionTool extends t.TypeOf<Codecs['FunctionTool']> {}
/** Codec of {@link FunctionTool}. */
export const FunctionTool: Codec<FunctionTool> = lenientCodecs.FunctionTool;

/** An item of `run.tools`, by `type` (lenient mode also passes unknown types: `retrieval`, `bing_grounding`...). */
export type AssistantTool = CodeInterpreterTool | FileSearchTool | FunctionTool;
/** Codec of {@link AssistantTool}. */
export const AssistantTool: Codec<AssistantTool> = lenientCodecs.AssistantTool;

// ---- run step ----

/** `thread.run.step.*` data: a run step (`object: "thread.run.step"`). */
export interface RunStep extends t.TypeOf<Codecs['RunStep']> {}
/** Codec of {@link RunStep}. */
export const RunStep: Codec<RunStep> = lenientCodecs.RunStep;

/** A run step's status. */
export type RunStepStatus = RunStep['status'];

/** `step.last_error`: `{code, message}`. */
export interface RunStepLastError extends t.TypeOf<Codecs['RunStepLastError']> {}
/** Codec of {@link RunStepLastError}. */
export const RunStepLastError: Codec<RunStepLastError> = lenientCodecs.RunStepLastError;

/** `step_details` of a `message_creation` step: the id of the message it creates. */
export interface MessageCreationStepDetails extends t.TypeOf<Codecs['MessageCreationStepDetails']> {}
/** Codec of {@link MessageCreationStepDetails}. */
export const MessageCreationStepDetails: Codec<MessageCreationStepDetails> = lenientCodecs.MessageCreationStepDetails;

/** `step_details` of a `tool_calls` step: its tool calls. */
export interface ToolCallsStepDetails extends t.TypeOf<Codecs['ToolCallsStepDetails']> {}
/** Codec of {@link ToolCallsStepDetails}. */
export const ToolCallsStepDetails: Codec<ToolCallsStepDetails> = lenientCodecs.ToolCallsStepDetails;

/** `step.step_details`, by `type`. */
export type RunStepDetails = MessageCreationStepDetails | ToolCallsStepDetails;
/** Codec of {@link RunStepDetails}. */
export const RunStepDetails: Codec<RunStepDetails> = lenientCodecs.RunStepDetails;

/** A `logs` output of a code interpreter call. */
export interface CodeInterpreterLogsOutput extends t.TypeOf<Codecs['CodeInterpreterLogsOutput']> {}
/** Codec of {@link CodeInterpreterLogsOutput}. */
export const CodeInterpreterLogsOutput: Codec<CodeInterpreterLogsOutput> = lenientCodecs.CodeInterpreterLogsOutput;

/** An `image` output of a code interpreter call: `{image: {file_id}}`. */
export interface CodeInterpreterImageOutput extends t.TypeOf<Codecs['CodeInterpreterImageOutput']> {}
/** Codec of {@link CodeInterpreterImageOutput}. */
export const CodeInterpreterImageOutput: Codec<CodeInterpreterImageOutput> = lenientCodecs.CodeInterpreterImageOutput;

/** An output of a code interpreter call, by `type`. */
export type CodeInterpreterOutput = CodeInterpreterLogsOutput | CodeInterpreterImageOutput;
/** Codec of {@link CodeInterpreterOutput}. */
export const CodeInterpreterOutput: Codec<CodeInterpreterOutput> = lenientCodecs.CodeInterpreterOutput;

/** A `code_interpreter` tool call: `{id, code_interpreter: {input, outputs}}`. */
export interface CodeInterpreterToolCall extends t.TypeOf<Codecs['CodeInterpreterToolCall']> {}
/** Codec of {@link CodeInterpreterToolCall}. */
export const CodeInterpreterToolCall: Codec<CodeInterpreterToolCall> = lenientCodecs.CodeInterpreterToolCall;

/** One result of a file_search call: `{file_id, file_name, score, content?}`. */
export interface FileSearchResult extends t.TypeOf<Codecs['FileSearchResult']> {}
/** Codec of {@link FileSearchResult}. */
export const FileSearchResult: Codec<FileSearchResult> = lenientCodecs.FileSearchResult;

/** A `file_search` tool call: `{id, file_search: {ranking_options?, results?}}`. */
export interface FileSearchToolCall extends t.TypeOf<Codecs['FileSearchToolCall']> {}
/** Codec of {@link FileSearchToolCall}. */
export const FileSearchToolCall: Codec<FileSearchToolCall> = lenientCodecs.FileSearchToolCall;

/** A `function` tool call: `{id, function: {name, arguments, output}}` (`output` null until submitted). */
export interface FunctionToolCall extends t.TypeOf<Codecs['FunctionToolCall']> {}
/** Codec of {@link FunctionToolCall}. */
export const FunctionToolCall: Codec<FunctionToolCall> = lenientCodecs.FunctionToolCall;

/** A tool call of a `tool_calls` step, by `type`. */
export type ToolCall = CodeInterpreterToolCall | FileSearchToolCall | FunctionToolCall;
/** Codec of {@link ToolCall}. */
export const ToolCall: Codec<ToolCall> = lenientCodecs.ToolCall;

// ---- run step delta ----

/** `thread.run.step.delta` data: the changed parts of a step (`object: "thread.run.step.delta"`). */
export interface RunStepDelta extends t.TypeOf<Codecs['RunStepDelta']> {}
/** Codec of {@link RunStepDelta}. */
export const RunStepDelta: Codec<RunStepDelta> = lenientCodecs.RunStepDelta;

/** Delta `step_details` of a `message_creation` step. */
export interface MessageCreationStepDetailsDelta extends t.TypeOf<Codecs['MessageCreationStepDetailsDelta']> {}
/** Codec of {@link MessageCreationStepDetailsDelta}. */
export const MessageCreationStepDetailsDelta: Codec<MessageCreationStepDetailsDelta> = lenientCodecs.MessageCreationStepDetailsDelta;

/** Delta `step_details` of a `tool_calls` step: tool call fragments. */
export interface ToolCallsStepDetailsDelta extends t.TypeOf<Codecs['ToolCallsStepDetailsDelta']> {}
/** Codec of {@link ToolCallsStepDetailsDelta}. */
export const ToolCallsStepDetailsDelta: Codec<ToolCallsStepDetailsDelta> = lenientCodecs.ToolCallsStepDetailsDelta;

/** `delta.step_details` of a step delta, by `type`. */
export type RunStepDetailsDelta = MessageCreationStepDetailsDelta | ToolCallsStepDetailsDelta;
/** Codec of {@link RunStepDetailsDelta}. */
export const RunStepDetailsDelta: Codec<RunStepDetailsDelta> = lenientCodecs.RunStepDetailsDelta;

/** A fragment of a `logs` output, merged by its own `index`. */
export interface CodeInterpreterLogsOutputDelta extends t.TypeOf<Codecs['CodeInterpreterLogsOutputDelta']> {}
/** Codec of {@link CodeInterpreterLogsOutputDelta}. */
export const CodeInterpreterLogsOutputDelta: Codec<CodeInterpreterLogsOutputDelta> = lenientCodecs.CodeInterpreterLogsOutputDelta;

/** A fragment of an `image` output, merged by its own `index`. */
export interface CodeInterpreterImageOutputDelta extends t.TypeOf<Codecs['CodeInterpreterImageOutputDelta']> {}
/** Codec of {@link CodeInterpreterImageOutputDelta}. */
export const CodeInterpreterImageOutputDelta: Codec<CodeInterpreterImageOutputDelta> = lenientCodecs.CodeInterpreterImageOutputDelta;

/** A fragment of a code interpreter output, by `type`. */
export type CodeInterpreterOutputDelta = CodeInterpreterLogsOutputDelta | CodeInterpreterImageOutputDelta;
/** Codec of {@link CodeInterpreterOutputDelta}. */
export const CodeInterpreterOutputDelta: Codec<CodeInterpreterOutputDelta> = lenientCodecs.CodeInterpreterOutputDelta;

/** A fragment of a `code_interpreter` tool call: `index` and `type`, the rest partial. */
export interface CodeInterpreterToolCallDelta extends t.TypeOf<Codecs['CodeInterpreterToolCallDelta']> {}
/** Codec of {@link CodeInterpreterToolCallDelta}. */
export const CodeInterpreterToolCallDelta: Codec<CodeInterpreterToolCallDelta> = lenientCodecs.CodeInterpreterToolCallDelta;

/** A fragment of a `file_search` tool call: `file_search` is an open object. */
export interface FileSearchToolCallDelta extends t.TypeOf<Codecs['FileSearchToolCallDelta']> {}
/** Codec of {@link FileSearchToolCallDelta}. */
export const FileSearchToolCallDelta: Codec<FileSearchToolCallDelta> = lenientCodecs.FileSearchToolCallDelta;

/** A fragment of a `function` tool call: `index` and `type`, the rest partial. */
export interface FunctionToolCallDelta extends t.TypeOf<Codecs['FunctionToolCallDelta']> {}
/** Codec of {@link FunctionToolCallDelta}. */
export const FunctionToolCallDelta: Codec<FunctionToolCallDelta> = lenientCodecs.FunctionToolCallDelta;

/** A tool call fragment of a step delta, by `type`, merged by `index`. */
export type ToolCallDelta = CodeInterpreterToolCallDelta | FileSearchToolCallDelta | FunctionToolCallDelta;
/** Codec of {@link ToolCallDelta}. */
export const ToolCallDelta: Codec<ToolCallDelta> = lenientCodecs.ToolCallDelta;

// ---- message ----

/** `thread.message.*` data: a message (`object: "thread.message"`). */
export interface Message extends t.TypeOf<Codecs['Message']> {}
/** Codec of {@link Message}. */
export const Message: Codec<Message> = lenientCodecs.Message;

/** A message's status. */
export type MessageStatus = Message['status'];

/** `message.incomplete_details`: why the message ended early. */
export interface MessageIncompleteDetails extends t.TypeOf<Codecs['MessageIncompleteDetails']> {}
/** Codec of {@link MessageIncompleteDetails}. */
export const MessageIncompleteDetails: Codec<MessageIncompleteDetails> = lenientCodecs.MessageIncompleteDetails;

/** An item of `message.attachments`: a file and the tools it was added to. */
export interface Attachment extends t.TypeOf<Codecs['Attachment']> {}
/** Codec of {@link Attachment}. */
export const Attachment: Codec<Attachment> = lenientCodecs.Attachment;

/** A `file_citation` annotation of a text part. */
export interface FileCitationAnnotation extends t.TypeOf<Codecs['FileCitationAnnotation']> {}
/** Codec of {@link FileCitationAnnotation}. */
export const FileCitationAnnotation: Codec<FileCitationAnnotation> = lenientCodecs.FileCitationAnnotation;

/** A `file_path` annotation of a text part (a file code interpreter wrote). */
export interface FilePathAnnotation extends t.TypeOf<Codecs['FilePathAnnotation']> {}
/** Codec of {@link FilePathAnnotation}. */
export const FilePathAnnotation: Codec<FilePathAnnotation> = lenientCodecs.FilePathAnnotation;

/** An annotation of a text part, by `type`. */
export type Annotation = FileCitationAnnotation | FilePathAnnotation;
/** Codec of {@link Annotation}. */
export const Annotation: Codec<Annotation> = lenientCodecs.Annotation;

/** A `text` content part: `{text: {value, annotations}}`. */
export interface TextContent extends t.TypeOf<Codecs['TextContent']> {}
/** Codec of {@link TextContent}. */
export const TextContent: Codec<TextContent> = lenientCodecs.TextContent;

/** An `image_file` content part: `{image_file: {file_id, detail?}}`. */
export interface ImageFileContent extends t.TypeOf<Codecs['ImageFileContent']> {}
/** Codec of {@link ImageFileContent}. */
export const ImageFileContent: Codec<ImageFileContent> = lenientCodecs.ImageFileContent;

/** An `image_url` content part: `{image_url: {url, detail?}}`. */
export interface ImageUrlContent extends t.TypeOf<Codecs['ImageUrlContent']> {}
/** Codec of {@link ImageUrlContent}. */
export const ImageUrlContent: Codec<ImageUrlContent> = lenientCodecs.ImageUrlContent;

/** A `refusal` content part: `{refusal: string}`. */
export interface RefusalContent extends t.TypeOf<Codecs['RefusalContent']> {}
/** Codec of {@link RefusalContent}. */
export const RefusalContent: Codec<RefusalContent> = lenientCodecs.RefusalContent;

/** A content part of a message, by `type` (lenient mode also passes unknown types). */
export type MessageContent = TextContent | ImageFileContent | ImageUrlContent | RefusalContent;
/** Codec of {@link MessageContent}. */
export const MessageContent: Codec<MessageContent> = lenientCodecs.MessageContent;

// ---- message delta ----

/** `thread.message.delta` data: the changed parts of a message (`object: "thread.message.delta"`). */
export interface MessageDelta extends t.TypeOf<Codecs['MessageDelta']> {}
/** Codec of {@link MessageDelta}. */
export const MessageDelta: Codec<MessageDelta> = lenientCodecs.MessageDelta;

/** A fragment of a `file_citation` annotation, merged by its own `index` (may carry `quote`). */
export interface FileCitationAnnotationDelta extends t.TypeOf<Codecs['FileCitationAnnotationDelta']> {}
/** Codec of {@link FileCitationAnnotationDelta}. */
export const FileCitationAnnotationDelta: Codec<FileCitationAnnotationDelta> = lenientCodecs.FileCitationAnnotationDelta;

/** A fragment of a `file_path` annotation, merged by its own `index`. */
export interface FilePathAnnotationDelta extends t.TypeOf<Codecs['FilePathAnnotationDelta']> {}
/** Codec of {@link FilePathAnnotationDelta}. */
export const FilePathAnnotationDelta: Codec<FilePathAnnotationDelta> = lenientCodecs.FilePathAnnotationDelta;

/** An annotation fragment of a text part delta, by `type`. */
export type AnnotationDelta = FileCitationAnnotationDelta | FilePathAnnotationDelta;
/** Codec of {@link AnnotationDelta}. */
export const AnnotationDelta: Codec<AnnotationDelta> = lenientCodecs.AnnotationDelta;

/** A fragment of a `text` part: `{index, type, text?: {value?, annotations?}}`. */
export interface TextContentDelta extends t.TypeOf<Codecs['TextContentDelta']> {}
/** Codec of {@link TextContentDelta}. */
export const TextContentDelta: Codec<TextContentDelta> = lenientCodecs.TextContentDelta;

/** A fragment of an `image_file` part. */
export interface ImageFileContentDelta extends t.TypeOf<Codecs['ImageFileContentDelta']> {}
/** Codec of {@link ImageFileContentDelta}. */
export const ImageFileContentDelta: Codec<ImageFileContentDelta> = lenientCodecs.ImageFileContentDelta;

/** A fragment of an `image_url` part. */
export interface ImageUrlContentDelta extends t.TypeOf<Codecs['ImageUrlContentDelta']> {}
/** Codec of {@link ImageUrlContentDelta}. */
export const ImageUrlContentDelta: Codec<ImageUrlContentDelta> = lenientCodecs.ImageUrlContentDelta;

/** A fragment of a `refusal` part. */
export interface RefusalContentDelta extends t.TypeOf<Codecs['RefusalContentDelta']> {}
/** Codec of {@link RefusalContentDelta}. */
export const RefusalContentDelta: Codec<RefusalContentDelta> = lenientCodecs.RefusalContentDelta;

/** A content part fragment of a message delta, by `type`, merged by `index`. */
export type MessageContentDelta = TextContentDelta | ImageFileContentDelta | ImageUrlContentDelta | RefusalContentDelta;
/** Codec of {@link MessageContentDelta}. */
export const MessageContentDelta: Codec<MessageContentDelta> = lenientCodecs.MessageContentDelta;

// ---- error ----

/** `error` event data, once unwrapped from its `{error: ...}` envelope: `{message, type, code, param}`. */
export interface ErrorObject extends t.TypeOf<Codecs['ErrorObject']> {}
/** Codec of {@link ErrorObject}. */
export const ErrorObject: Codec<ErrorObject> = lenientCodecs.ErrorObject;

// ---- events ----

/** The `data` type of each event name. */
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

/** An event of an Assistants run stream: the SSE `event:` name and its parsed `data`, discriminated by `event`. */
export type AssistantStreamEvent = { [K in AssistantEventName]: { event: K; data: AssistantEventDataMap[K] } }[AssistantEventName];

/** The member of {@link AssistantStreamEvent} for one event name. */
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

/** The data codec of each event name (lenient mode); `getCodecs(mode).eventData` for a given mode. */
export const eventData: { readonly [K in AssistantEventName]: Codec<AssistantEventDataMap[K]> } = lenientCodecs.eventData;
