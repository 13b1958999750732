// The public API of rx-assistant-stream: explicit named re-exports, nothing else.

export { AssistantStreamError, type AssistantStreamErrorCode, type AssistantStreamErrorContext, type ServerErrorBody } from './errors';

export { fromSSE, type FromSSEOptions, type SseSource } from './sse/from-sse';
export { DEFAULT_MAX_BUFFER_SIZE, type SseMessage, type SseChunk } from './sse/sse-message';
export type { ResponseLike } from './sse/response-error';

export { decodeAssistantEvents } from './decode/decode-assistant-events';
export { assistantEvents, type AssistantEventsOptions } from './decode/assistant-events';
export { createEventValidator, checkDecodeOptions, type DecodeOptions, type CheckedDecodeOptions, type EventValidator, type EventValidatorOptions } from './decode/event-decoder';

export { ofEventType } from './operators/of-event-type';
export { untilRunTerminal } from './operators/until-run-terminal';
export { isRunEvent, isTerminalRunEvent, TERMINAL_RUN_STATUSES } from './operators/run-status';
export { accumulateMessageDeltas } from './operators/accumulate-message-deltas';
export { accumulateRunStepDeltas } from './operators/accumulate-run-step-deltas';
export { textDeltas, type TextDelta, type TextDeltasOptions } from './operators/text-deltas';
export { runSnapshots } from './operators/run-snapshots';
export { requiredToolCalls, type RequiredToolCalls } from './operators/required-tool-calls';
export { collectRunResult } from './operators/collect-run-result';
export { messageLifecycles } from './operators/message-lifecycles';
export { runStepLifecycles, isFinalRunStep } from './operators/run-step-lifecycles';
export { toolCallLifecycles, type ToolCallSnapshot } from './operators/tool-call-lifecycles';

export { applyMessageDelta, messageFromDelta, applyRunStepDelta, runStepFromDelta, mergeDelta, MAX_INDEX_GAP } from './accumulate';
export { reduceRunResult, EMPTY_RUN_RESULT, type RunResult } from './accumulate/run-result';

export {
  buildCodecs,
  getCodecs,
  lenientCodecs,
  eventData,
  ASSISTANT_EVENT_NAMES,
  RUN_EVENT_NAMES,
  RUN_STEP_EVENT_NAMES,
  MESSAGE_EVENT_NAMES,
  AssistantStreamEvent,
  Thread,
  ToolResources,
  Run,
  RequiredAction,
  RunToolCall,
  LastError,
  RunIncompleteDetails,
  Usage,
  TruncationStrategy,
  ToolChoice,
  NamedToolChoice,
  ResponseFormat,
  ResponseFormatText,
  ResponseFormatJsonObject,
  ResponseFormatJsonSchema,
  AssistantTool,
  CodeInterpreterTool,
  FileSearchTool,
  FileSearchRankingOptions,
  FunctionTool,
  FunctionDefinition,
  RunStep,
  RunStepLastError,
  RunStepDetails,
  MessageCreationStepDetails,
  ToolCallsStepDetails,
  ToolCall,
  CodeInterpreterToolCall,
  FileSearchToolCall,
  FileSearchResult,
  FunctionToolCall,
  CodeInterpreterOutput,
  CodeInterpreterLogsOutput,
  CodeInterpreterImageOutput,
  RunStepDelta,
  RunStepDetailsDelta,
  MessageCreationStepDetailsDelta,
  ToolCallsStepDetailsDelta,
  ToolCallDelta,
  CodeInterpreterToolCallDelta,
  FileSearchToolCallDelta,
  FunctionToolCallDelta,
  CodeInterpreterOutputDelta,
  CodeInterpreterLogsOutputDelta,
  CodeInterpreterImageOutputDelta,
  Message,
  MessageIncompleteDetails,
  Attachment,
  MessageContent,
  TextContent,
  ImageFileContent,
  ImageUrlContent,
  RefusalContent,
  Annotation,
  FileCitationAnnotation,
  FilePathAnnotation,
  MessageDelta,
  MessageContentDelta,
  TextContentDelta,
  ImageFileContentDelta,
  ImageUrlContentDelta,
  RefusalContentDelta,
  AnnotationDelta,
  FileCitationAnnotationDelta,
  FilePathAnnotationDelta,
  ErrorObject,
  type Codecs,
  type SchemaMode,
  type OpenEnum,
  type AssistantEventName,
  type RunEventName,
  type RunStepEventName,
  type MessageEventName,
  type AssistantEventDataMap,
  type AssistantStreamEventOf,
  type RunStatus,
  type RunStepStatus,
  type MessageStatus,
} from './schema';

// ---- HTTP, the tool-call loop and interop ----
export {
  createAssistantsClient,
  type AssistantsClient,
  type AssistantsClientOptions,
  type RequestOptions,
  type FetchLike,
  type FetchInit,
  type HeadersOption,
  type HeadersRequest,
  type HeadersSource,
  type CreateRunBody,
  type CreateThreadAndRunBody,
  type SubmitToolOutputsBody,
  type SubmitToolApprovalsBody,
  type ToolApproval,
  type ToolOutput,
} from './http/assistants-client';
export { createAzureAgentsClient, type AzureAgentsClientOptions, type AzureAgentsClientBaseOptions } from './http/azure-agents-client';
export type { TokenCredential, AccessToken } from './http/bearer-token';
export {
  runWithTools,
  type RunWithToolsOptions,
  type ToolHandler,
  type ToolHandlers,
  type ToolResult,
  type ToolCallContext,
  type ToolErrorPolicy,
  type ToolApprover,
  type ApprovalDecision,
} from './http/run-with-tools';
export { fromOpenAIStream, type OpenAIStreamLike, type OpenAIStreamItem } from './interop/from-openai-stream';
export { httpTextChunks, assistantEventsFromHttpEvents, type HttpEventLike } from './interop/angular-http';
