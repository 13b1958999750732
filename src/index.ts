// The public API of rx-assistant-stream: explicit named re-exports, nothing else.

export {
  AssistantStreamError,
  type AssistantStreamErrorCode,
  type AssistantStreamErrorContext,
  type ServerErrorBody,
} from './errors';

export { fromSSE, type FromSSEOptions, type SseSource } from './sse/from-sse';
export { DEFAULT_MAX_BUFFER_SIZE, type SseMessage, type SseChunk } from './sse/sse-message';
export type { ResponseLike } from './sse/response-error';

export { decodeAssistantEvents } from './decode/decode-assistant-events';
export { assistantEvents, type AssistantEventsOptions } from './decode/assistant-events';
export {
  createEventValidator,
  checkDecodeOptions,
  type DecodeOptions,
  type CheckedDecodeOptions,
  type EventValidator,
  type EventValidatorOptions,
} from './decode/event-decoder';

export { ofEventType } from './operators/of-event-type';
export { untilRunTerminal } from './operators/until-run-terminal';
export { accumulateMessageDeltas } from './operators/accumulate-message-deltas';
export { accumulateRunStepDeltas } from './operators/accumulate-run-step-deltas';
export { textDeltas, type TextDelta, type TextDeltasOptions } from './operators/text-deltas';
export { runSnapshots } from './operators/run-snapshots';
export { requiredToolCalls, type RequiredToolCalls } from './operators/required-tool-calls';
export { collectRunResult } from './operators/collect-run-result';
export { messageLifecycles } from './operators/message-lifecycles';
export { runStepLifecycles } from './operators/run-step-lifecycles';
export { toolCallLifecycles, type ToolCallSnapshot } from './operators/tool-call-lifecycles';

export {
  applyMessageDelta,
  messageFromDelta,
  applyRunStepDelta,
  runStepFromDelta,
  mergeDelta,
  MAX_INDEX_GAP,
} from './accumulate';
export { reduceRunResult, EMPTY_RUN_RESULT, type RunResult } from './accumulate/run-result';

// The schema: the event name lists and the classification as values; every codec's type as a type (the codec values
// and their plumbing are in `rx-assistant-stream/schema`).
export { ASSISTANT_EVENT_NAMES, RUN_EVENT_NAMES, RUN_STEP_EVENT_NAMES, MESSAGE_EVENT_NAMES } from './schema';
export * from './schema/classification';
export type {
  SchemaMode,
  OpenEnum,
  Codecs,
  EventDataCodecs,
  AssistantEventName,
  RunEventName,
  RunStepEventName,
  MessageEventName,
  AssistantEventDataMap,
  AssistantStreamEvent,
  AssistantStreamEventOf,
  AssistantStreamEventMemberCodec,
  LiteralSet,
  AssistantRunEvent,
  AssistantRunStepEvent,
  AssistantMessageEvent,
  TerminalRunStatus,
  FinalRunStepStatus,
  FinalMessageStatus,
} from './schema';
export type * from './schema/objects';

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
export {
  createAzureAgentsClient,
  type AzureAgentsClientOptions,
  type AzureAgentsClientBaseOptions,
} from './http/azure-agents-client';
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
// The adapters are in `rx-assistant-stream/openai` and `rx-assistant-stream/angular`; their types are here too.
export type { OpenAIStreamLike, OpenAIStreamItem } from './interop/from-openai-stream';
export type { HttpEventLike } from './interop/angular-http';
