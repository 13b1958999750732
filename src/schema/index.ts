// The schema: io-ts codecs of the wire format and the TS types derived from them, one file per object. This barrel
// re-exports them; each codec value builds the shared lenient set on first use, nothing at import time.

export { buildCodecs, getCodecs, lenientCodecs, type Codecs } from './codecs';
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
export {
  AssistantStreamEvent,
  eventData,
  type AssistantEventDataMap,
  type AssistantStreamEventMemberCodec,
  type AssistantStreamEventOf,
  type EventDataCodecs,
} from './events';
export { Thread, ToolResources } from './thread';
export {
  Run,
  RequiredAction,
  SubmitToolOutputsAction,
  SubmitToolApprovalAction,
  RunToolCall,
  RequiredMcpToolCall,
  LastError,
  RunIncompleteDetails,
  Usage,
  TruncationStrategy,
  NamedToolChoice,
  ToolChoice,
  ResponseFormat,
  ResponseFormatText,
  ResponseFormatJsonObject,
  ResponseFormatJsonSchema,
  type RunStatus,
} from './run';
export { AssistantTool, ToolCall, ToolCallDelta } from './tool-types';
export {
  CodeInterpreterTool,
  FileSearchRankingOptions,
  FileSearchTool,
  FunctionDefinition,
  FunctionTool,
  CodeInterpreterLogsOutput,
  CodeInterpreterImageOutput,
  CodeInterpreterOutput,
  CodeInterpreterToolCall,
  FileSearchResult,
  FileSearchToolCall,
  FunctionToolCall,
  CodeInterpreterLogsOutputDelta,
  CodeInterpreterImageOutputDelta,
  CodeInterpreterOutputDelta,
  CodeInterpreterToolCallDelta,
  FileSearchToolCallDelta,
  FunctionToolCallDelta,
} from './tools-openai';
export type {
  AzureAISearchToolCall,
  BingCustomSearchToolCall,
  BingGroundingTool,
  BingGroundingToolCall,
  ConnectedAgentTool,
  ConnectedAgentToolCall,
  ConnectedAgentToolCallDelta,
  McpTool,
  McpToolCall,
  McpToolCallDelta,
  OpenApiToolCall,
} from './tools-azure';
export {
  RunStep,
  RunStepLastError,
  RunStepDetails,
  MessageCreationStepDetails,
  ToolCallsStepDetails,
  ActivitiesStepDetails,
  RunStepActivity,
  type RunStepStatus,
} from './run-step';
export {
  RunStepDelta,
  RunStepDetailsDelta,
  MessageCreationStepDetailsDelta,
  ToolCallsStepDetailsDelta,
  ActivitiesStepDetailsDelta,
} from './run-step-delta';
export {
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
  UrlCitationAnnotation,
  type MessageStatus,
} from './message';
export {
  MessageDelta,
  MessageContentDelta,
  TextContentDelta,
  ImageFileContentDelta,
  ImageUrlContentDelta,
  RefusalContentDelta,
  AnnotationDelta,
  FileCitationAnnotationDelta,
  FilePathAnnotationDelta,
  UrlCitationAnnotationDelta,
} from './message-delta';
export { ErrorObject } from './error';
