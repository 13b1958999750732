import * as t from 'io-ts';
import {
  type SchemaMode,
  integer,
  jsonObject,
  metadataCodec,
  nullInPractice,
  nullable,
  openEnum,
  partial,
  stringOrObject,
  struct,
  taggedUnion,
} from './combinators';
import { ASSISTANT_EVENT_NAMES, type AssistantEventName } from './event-names';

/** The codecs of the objects of the wire format, for one mode (their static types do not depend on it). */
function buildParts(mode: SchemaMode) {
  const int: t.Type<number, unknown, unknown> = mode === 'strict' ? integer : t.number;
  const timestamp = nullable(int);
  const metadata = nullable(metadataCodec);
  const strings = t.array(t.string);
  const imageDetail = openEnum(mode, ['auto', 'low', 'high'] as const);
  const ranker = openEnum(mode, ['auto', 'default_2024_08_21'] as const);

  // ---- thread ----
  const ToolResources = partial(
    {
      code_interpreter: partial({ file_ids: strings }),
      file_search: partial({ vector_store_ids: strings }),
    },
    'ToolResources',
  );
  const Thread = struct(
    mode,
    'Thread',
    { id: t.string, object: t.literal('thread'), created_at: int, metadata },
    { tool_resources: nullable(ToolResources) },
  );

  // ---- run ----
  const RunToolCall = struct(mode, 'RunToolCall', {
    id: t.string,
    type: t.literal('function'),
    function: struct(mode, 'RunToolCallFunction', { name: t.string, arguments: t.string }),
  });
  const RequiredAction = struct(mode, 'RequiredAction', {
    type: t.literal('submit_tool_outputs'),
    submit_tool_outputs: struct(mode, 'SubmitToolOutputs', { tool_calls: t.array(RunToolCall) }),
  });
  const LastError = struct(mode, 'LastError', {
    code: openEnum(mode, ['server_error', 'rate_limit_exceeded', 'invalid_prompt'] as const),
    message: t.string,
  });
  const RunIncompleteDetails = partial(
    { reason: openEnum(mode, ['max_completion_tokens', 'max_prompt_tokens'] as const) },
    'RunIncompleteDetails',
  );
  const Usage = struct(
    mode,
    'Usage',
    { completion_tokens: int, prompt_tokens: int, total_tokens: int },
    {},
    {
      prompt_token_details: partial({ cached_tokens: int }),
      completion_tokens_details: partial({ reasoning_tokens: int }),
    },
  );
  const TruncationStrategy = struct(
    mode,
    'TruncationStrategy',
    { type: openEnum(mode, ['auto', 'last_messages'] as const) },
    {},
    { last_messages: nullable(int) },
  );
  const NamedToolChoice = struct(
    mode,
    'NamedToolChoice',
    { type: openEnum(mode, ['function', 'code_interpreter', 'file_search'] as const) },
    {},
    { function: struct(mode, 'NamedFunction', { name: t.string }) },
  );
  const ToolChoice = stringOrObject('ToolChoice', openEnum(mode, ['none', 'auto', 'required'] as const), NamedToolChoice);
  const ResponseFormatText = struct(mode, 'ResponseFormatText', { type: t.literal('text') });
  const ResponseFormatJsonObject = struct(mode, 'ResponseFormatJsonObject', { type: t.literal('json_object') });
  const ResponseFormatJsonSchema = struct(mode, 'ResponseFormatJsonSchema', {
    type: t.literal('json_schema'),
    json_schema: struct(
      mode,
      'JsonSchemaFormat',
      { name: t.string },
      {},
      { description: t.string, schema: jsonObject, strict: nullable(t.boolean) },
    ),
  });
  const ResponseFormat = stringOrObject(
    'ResponseFormat',
    openEnum(mode, ['auto'] as const),
    taggedUnion(mode, 'ResponseFormatObject', 'type', {
      text: ResponseFormatText,
      json_object: ResponseFormatJsonObject,
      json_schema: ResponseFormatJsonSchema,
    }),
  );
  const CodeInterpreterTool = struct(mode, 'CodeInterpreterTool', { type: t.literal('code_interpreter') });
  const FileSearchRankingOptions = struct(
    mode,
    'FileSearchRankingOptions',
    { score_threshold: t.number },
    {},
    { ranker },
  );
  const FileSearchTool = struct(
    mode,
    'FileSearchTool',
    { type: t.literal('file_search') },
    {},
    { file_search: partial({ max_num_results: int, ranking_options: FileSearchRankingOptions }) },
  );
  const FunctionDefinition = struct(
    mode,
    'FunctionDefinition',
    { name: t.string },
    {},
    { description: t.string, parameters: jsonObject, strict: nullable(t.boolean) },
  );
  const FunctionTool = struct(mode, 'FunctionTool', { type: t.literal('function'), function: FunctionDefinition });
  const AssistantTool = taggedUnion(mode, 'AssistantTool', 'type', {
    code_interpreter: CodeInterpreterTool,
    file_search: FileSearchTool,
    function: FunctionTool,
  });
  const Run = struct(
    mode,
    'Run',
    {
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
      last_error: nullable(LastError),
      expires_at: timestamp,
      started_at: timestamp,
      cancelled_at: timestamp,
      failed_at: timestamp,
      completed_at: timestamp,
      model: t.string,
      instructions: nullInPractice(mode, t.string),
      tools: t.array(AssistantTool),
      metadata,
      usage: nullable(Usage),
    },
    {
      incomplete_details: nullable(RunIncompleteDetails),
      max_prompt_tokens: nullable(int),
      max_completion_tokens: nullable(int),
      truncation_strategy: nullable(TruncationStrategy),
      tool_choice: nullable(ToolChoice),
      parallel_tool_calls: t.boolean,
      response_format: nullable(ResponseFormat),
    },
    {
      temperature: nullable(t.number),
      top_p: nullable(t.number),
      // Not in the spec, sent by real servers:
      tool_resources: nullable(ToolResources),
      reasoning_effort: nullable(t.string),
      file_ids: strings,
    },
  );

  // ---- run step ----
  const CodeInterpreterLogsOutput = struct(mode, 'CodeInterpreterLogsOutput', { type: t.literal('logs'), logs: t.string });
  const CodeInterpreterImageOutput = struct(mode, 'CodeInterpreterImageOutput', {
    type: t.literal('image'),
    image: struct(mode, 'CodeInterpreterImage', { file_id: t.string }),
  });
  const CodeInterpreterOutput = taggedUnion(mode, 'CodeInterpreterOutput', 'type', {
    logs: CodeInterpreterLogsOutput,
    image: CodeInterpreterImageOutput,
  });
  const CodeInterpreterToolCall = struct(mode, 'CodeInterpreterToolCall', {
    id: t.string,
    type: t.literal('code_interpreter'),
    code_interpreter: struct(mode, 'CodeInterpreterCall', { input: t.string, outputs: t.array(CodeInterpreterOutput) }),
  });
  const FileSearchResult = struct(
    mode,
    'FileSearchResult',
    { file_id: t.string, file_name: t.string, score: t.number },
    {},
    { content: t.array(partial({ type: openEnum(mode, ['text'] as const), text: t.string })) },
  );
  const FileSearchToolCall = struct(mode, 'FileSearchToolCall', {
    id: t.string,
    type: t.literal('file_search'),
    file_search: partial({
      ranking_options: struct(mode, 'FileSearchCallRankingOptions', { ranker, score_threshold: t.number }),
      results: t.array(FileSearchResult),
    }),
  });
  const FunctionToolCall = struct(mode, 'FunctionToolCall', {
    id: t.string,
    type: t.literal('function'),
    function: struct(mode, 'FunctionCall', { name: t.string, arguments: t.string, output: nullable(t.string) }),
  });
  const ToolCall = taggedUnion(mode, 'ToolCall', 'type', {
    code_interpreter: CodeInterpreterToolCall,
    file_search: FileSearchToolCall,
    function: FunctionToolCall,
  });
  const MessageCreationStepDetails = struct(mode, 'MessageCreationStepDetails', {
    type: t.literal('message_creation'),
    message_creation: struct(mode, 'MessageCreation', { message_id: t.string }),
  });
  const ToolCallsStepDetails = struct(mode, 'ToolCallsStepDetails', {
    type: t.literal('tool_calls'),
    tool_calls: t.array(ToolCall),
  });
  const RunStepDetails = taggedUnion(mode, 'RunStepDetails', 'type', {
    message_creation: MessageCreationStepDetails,
    tool_calls: ToolCallsStepDetails,
  });
  const RunStepLastError = struct(mode, 'RunStepLastError', {
    code: openEnum(mode, ['server_error', 'rate_limit_exceeded'] as const),
    message: t.string,
  });
  const RunStep = struct(
    mode,
    'RunStep',
    {
      id: t.string,
      object: t.literal('thread.run.step'),
      created_at: int,
      assistant_id: t.string,
      thread_id: t.string,
      run_id: t.string,
      type: openEnum(mode, ['message_creation', 'tool_calls'] as const),
      status: openEnum(mode, ['in_progress', 'cancelled', 'failed', 'completed', 'expired'] as const),
      step_details: RunStepDetails,
      last_error: nullable(RunStepLastError),
      cancelled_at: timestamp,
      failed_at: timestamp,
      completed_at: timestamp,
      usage: nullable(Usage),
    },
    { expired_at: timestamp, metadata },
    // Not in the spec: what real servers send instead of `expired_at`.
    { expires_at: timestamp },
  );

  // ---- run step delta ----
  const CodeInterpreterLogsOutputDelta = struct(
    mode,
    'CodeInterpreterLogsOutputDelta',
    { index: int, type: t.literal('logs') },
    {},
    { logs: t.string },
  );
  const CodeInterpreterImageOutputDelta = struct(
    mode,
    'CodeInterpreterImageOutputDelta',
    { index: int, type: t.literal('image') },
    {},
    { image: partial({ file_id: t.string }) },
  );
  const CodeInterpreterOutputDelta = taggedUnion(mode, 'CodeInterpreterOutputDelta', 'type', {
    logs: CodeInterpreterLogsOutputDelta,
    image: CodeInterpreterImageOutputDelta,
  });
  const CodeInterpreterToolCallDelta = struct(
    mode,
    'CodeInterpreterToolCallDelta',
    { index: int, type: t.literal('code_interpreter') },
    {},
    { id: t.string, code_interpreter: partial({ input: t.string, outputs: t.array(CodeInterpreterOutputDelta) }) },
  );
  const FileSearchToolCallDelta = struct(
    mode,
    'FileSearchToolCallDelta',
    { index: int, type: t.literal('file_search'), file_search: jsonObject },
    {},
    { id: t.string },
  );
  const FunctionToolCallDelta = struct(
    mode,
    'FunctionToolCallDelta',
    { index: int, type: t.literal('function') },
    {},
    { id: t.string, function: partial({ name: t.string, arguments: t.string, output: nullable(t.string) }) },
  );
  const ToolCallDelta = taggedUnion(mode, 'ToolCallDelta', 'type', {
    code_interpreter: CodeInterpreterToolCallDelta,
    file_search: FileSearchToolCallDelta,
    function: FunctionToolCallDelta,
  });
  const MessageCreationStepDetailsDelta = struct(
    mode,
    'MessageCreationStepDetailsDelta',
    { type: t.literal('message_creation') },
    {},
    { message_creation: partial({ message_id: t.string }) },
  );
  const ToolCallsStepDetailsDelta = struct(
    mode,
    'ToolCallsStepDetailsDelta',
    { type: t.literal('tool_calls') },
    {},
    { tool_calls: t.array(ToolCallDelta) },
  );
  const RunStepDetailsDelta = taggedUnion(mode, 'RunStepDetailsDelta', 'type', {
    message_creation: MessageCreationStepDetailsDelta,
    tool_calls: ToolCallsStepDetailsDelta,
  });
  const RunStepDelta = struct(mode, 'RunStepDelta', {
    id: t.string,
    object: t.literal('thread.run.step.delta'),
    delta: partial({ step_details: RunStepDetailsDelta }),
  });

  // ---- message ----
  const FileCitationAnnotation = struct(mode, 'FileCitationAnnotation', {
    type: t.literal('file_citation'),
    text: t.string,
    // `quote` is not in the current spec; the 2024-03 (v1) spec required it.
    file_citation: struct(mode, 'FileCitation', { file_id: t.string }, {}, { quote: t.string }),
    start_index: int,
    end_index: int,
  });
  const FilePathAnnotation = struct(mode, 'FilePathAnnotation', {
    type: t.literal('file_path'),
    text: t.string,
    file_path: struct(mode, 'FilePath', { file_id: t.string }),
    start_index: int,
    end_index: int,
  });
  const Annotation = taggedUnion(mode, 'Annotation', 'type', {
    file_citation: FileCitationAnnotation,
    file_path: FilePathAnnotation,
  });
  const TextContent = struct(mode, 'TextContent', {
    type: t.literal('text'),
    text: struct(mode, 'Text', { value: t.string, annotations: t.array(Annotation) }),
  });
  const ImageFileContent = struct(mode, 'ImageFileContent', {
    type: t.literal('image_file'),
    image_file: struct(mode, 'ImageFile', { file_id: t.string }, {}, { detail: imageDetail }),
  });
  const ImageUrlContent = struct(mode, 'ImageUrlContent', {
    type: t.literal('image_url'),
    image_url: struct(mode, 'ImageUrl', { url: t.string }, {}, { detail: imageDetail }),
  });
  const RefusalContent = struct(mode, 'RefusalContent', { type: t.literal('refusal'), refusal: t.string });
  const MessageContent = taggedUnion(mode, 'MessageContent', 'type', {
    image_file: ImageFileContent,
    image_url: ImageUrlContent,
    text: TextContent,
    refusal: RefusalContent,
  });
  const Attachment = partial(
    {
      file_id: t.string,
      tools: t.array(
        taggedUnion(mode, 'AttachmentTool', 'type', {
          code_interpreter: CodeInterpreterTool,
          file_search: struct(mode, 'FileSearchToolTypeOnly', { type: t.literal('file_search') }),
        }),
      ),
    },
    'Attachment',
  );
  const MessageIncompleteDetails = struct(mode, 'MessageIncompleteDetails', {
    reason: openEnum(mode, ['content_filter', 'max_tokens', 'run_cancelled', 'run_expired', 'run_failed'] as const),
  });
  const Message = struct(
    mode,
    'Message',
    {
      id: t.string,
      object: t.literal('thread.message'),
      created_at: int,
      thread_id: t.string,
      status: openEnum(mode, ['in_progress', 'incomplete', 'completed'] as const),
      incomplete_details: nullable(MessageIncompleteDetails),
      completed_at: timestamp,
      incomplete_at: timestamp,
      role: openEnum(mode, ['user', 'assistant'] as const),
      content: t.array(MessageContent),
      assistant_id: nullable(t.string),
      run_id: nullable(t.string),
      metadata,
    },
    { attachments: nullable(t.array(Attachment)) },
    // Not in the current spec: v1 messages carry `file_ids` instead of `attachments`.
    { file_ids: strings },
  );

  // ---- message delta ----
  const FileCitationAnnotationDelta = struct(
    mode,
    'FileCitationAnnotationDelta',
    { index: int, type: t.literal('file_citation') },
    {},
    {
      text: t.string,
      file_citation: partial({ file_id: t.string, quote: t.string }),
      start_index: int,
      end_index: int,
    },
  );
  const FilePathAnnotationDelta = struct(
    mode,
    'FilePathAnnotationDelta',
    { index: int, type: t.literal('file_path') },
    {},
    { text: t.string, file_path: partial({ file_id: t.string }), start_index: int, end_index: int },
  );
  const AnnotationDelta = taggedUnion(mode, 'AnnotationDelta', 'type', {
    file_citation: FileCitationAnnotationDelta,
    file_path: FilePathAnnotationDelta,
  });
  const TextContentDelta = struct(
    mode,
    'TextContentDelta',
    { index: int, type: t.literal('text') },
    {},
    { text: partial({ value: t.string, annotations: t.array(AnnotationDelta) }) },
  );
  const ImageFileContentDelta = struct(
    mode,
    'ImageFileContentDelta',
    { index: int, type: t.literal('image_file') },
    {},
    { image_file: partial({ file_id: t.string, detail: imageDetail }) },
  );
  const ImageUrlContentDelta = struct(
    mode,
    'ImageUrlContentDelta',
    { index: int, type: t.literal('image_url') },
    {},
    { image_url: partial({ url: t.string, detail: imageDetail }) },
  );
  const RefusalContentDelta = struct(
    mode,
    'RefusalContentDelta',
    { index: int, type: t.literal('refusal') },
    {},
    { refusal: t.string },
  );
  const MessageContentDelta = taggedUnion(mode, 'MessageContentDelta', 'type', {
    image_file: ImageFileContentDelta,
    image_url: ImageUrlContentDelta,
    text: TextContentDelta,
    refusal: RefusalContentDelta,
  });
  const MessageDelta = struct(mode, 'MessageDelta', {
    id: t.string,
    object: t.literal('thread.message.delta'),
    delta: partial({ role: openEnum(mode, ['user', 'assistant'] as const), content: t.array(MessageContentDelta) }),
  });

  // ---- error ----
  const ErrorObject = struct(
    mode,
    'ErrorObject',
    { message: t.string },
    { type: t.string, code: nullable(t.string), param: nullable(t.string) },
  );

  return {
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
  };
}

/** The object codecs of one mode, by name. */
export type PartCodecs = ReturnType<typeof buildParts>;

/** Which part codec validates the data of each event. */
const EVENT_DATA_KEYS = {
  'thread.created': 'Thread',
  'thread.run.created': 'Run',
  'thread.run.queued': 'Run',
  'thread.run.in_progress': 'Run',
  'thread.run.requires_action': 'Run',
  'thread.run.completed': 'Run',
  'thread.run.incomplete': 'Run',
  'thread.run.failed': 'Run',
  'thread.run.cancelling': 'Run',
  'thread.run.cancelled': 'Run',
  'thread.run.expired': 'Run',
  'thread.run.step.created': 'RunStep',
  'thread.run.step.in_progress': 'RunStep',
  'thread.run.step.completed': 'RunStep',
  'thread.run.step.failed': 'RunStep',
  'thread.run.step.cancelled': 'RunStep',
  'thread.run.step.expired': 'RunStep',
  'thread.run.step.delta': 'RunStepDelta',
  'thread.message.created': 'Message',
  'thread.message.in_progress': 'Message',
  'thread.message.completed': 'Message',
  'thread.message.incomplete': 'Message',
  'thread.message.delta': 'MessageDelta',
  error: 'ErrorObject',
} as const satisfies Record<AssistantEventName, keyof PartCodecs>;

/** The data codec of each event name. */
export type EventDataCodecs = { readonly [K in AssistantEventName]: PartCodecs[(typeof EVENT_DATA_KEYS)[K]] };

/** The codec of one member of the event union: `t.type({ event: t.literal(K), data })`. */
export type EventMemberCodec<K extends AssistantEventName> = t.TypeC<{ event: t.LiteralC<K>; data: EventDataCodecs[K] }>;

type AnyEventMemberCodec = { [K in AssistantEventName]: EventMemberCodec<K> }[AssistantEventName];

/**
 * The codec set of one mode: the object codecs, the data codec of each event, and the event union.
 *
 * @example
 * ```ts
 * import { getCodecs, type Codecs } from 'rx-assistant-stream';
 *
 * const strict: Codecs = getCodecs('strict');
 * strict.eventData['thread.run.created'].is(JSON.parse(data)); // false for a run with `instructions: null`
 * ```
 */
export interface Codecs extends PartCodecs {
  /** The data codec of each of the 24 event names. */
  readonly eventData: EventDataCodecs;
  /** `{event, data}`: a `t.union` of 24 `t.type`s tagged by a plain `t.literal`, so io-ts dispatches on `event`. */
  readonly AssistantStreamEvent: t.UnionC<[AnyEventMemberCodec, AnyEventMemberCodec, ...AnyEventMemberCodec[]]>;
}

/**
 * Every codec of the wire format, for one mode (see `shared/spec/SCHEMA-NOTES.md`).
 * Strict follows the OpenAPI spec: fields it requires are required, enums are closed, timestamps, token counts and
 * indexes are integers. Lenient accepts what real servers sent (§11 of the notes). Neither checks numeric ranges,
 * `maxItems` or string formats, and both keep extra keys. The static types are the same in both modes.
 * Prefer the memoised `getCodecs(mode)`; this builds a fresh set each call.
 *
 * @example
 * ```ts
 * import { buildCodecs } from 'rx-assistant-stream';
 *
 * const strict = buildCodecs('strict');
 * strict.Run.is(run); // does this run follow the OpenAPI spec exactly?
 * ```
 *
 * @param mode `'lenient'` or `'strict'`.
 * @returns Every codec of the wire format for that mode.
 */
export function buildCodecs(mode: SchemaMode): Codecs {
  const parts = buildParts(mode);
  const eventData = Object.fromEntries(
    ASSISTANT_EVENT_NAMES.map((name) => [name, parts[EVENT_DATA_KEYS[name]]]),
  ) as unknown as EventDataCodecs;
  const members = ASSISTANT_EVENT_NAMES.map((name) => t.type({ event: t.literal(name), data: eventData[name] as t.Mixed }, name));
  const AssistantStreamEvent = t.union(members as unknown as [AnyEventMemberCodec, AnyEventMemberCodec, ...AnyEventMemberCodec[]], 'AssistantStreamEvent');
  return { ...parts, eventData, AssistantStreamEvent };
}
