// Every object of the wire format, its codec and its type under one name: the one list of them, re-exported by the
// schema entry (codecs and types) and by the main entry (types only).

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
