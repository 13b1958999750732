import type {
  AssistantStreamEvent,
  AssistantStreamEventOf,
  ErrorObject,
  Message,
  MessageContentDelta,
  MessageDelta,
  Run,
  RunEventName,
  RunStep,
  RunStepDelta,
  RunToolCall,
  Thread,
  ToolCallDelta,
} from '../schema';
import { blankMessage } from '../accumulate/message';

/**
 * The ids and clock the builders use unless told otherwise.
 *
 * @example
 * ```ts
 * import { DEFAULT_IDS, messageDelta, runCreated } from 'rx-assistant-stream/testing';
 *
 * expect(runCreated().data.thread_id).toBe(DEFAULT_IDS.thread); // 'thread_1'
 * messageDelta(DEFAULT_IDS.message, 'Hi'); // a delta for the message of messageCreated()
 * ```
 */
export const DEFAULT_IDS = {
  thread: 'thread_1',
  run: 'run_1',
  assistant: 'asst_1',
  message: 'msg_1',
  step: 'step_1',
  createdAt: 1_700_000_000,
} as const;

/**
 * A thread with valid defaults (strict-mode valid), overridden field by field.
 *
 * @example
 * ```ts
 * import { makeThread } from 'rx-assistant-stream/testing';
 * makeThread({ id: 'thread_abc' });
 * ```
 */
export function makeThread(overrides: Partial<Thread> = {}): Thread {
  return {
    id: DEFAULT_IDS.thread,
    object: 'thread',
    created_at: DEFAULT_IDS.createdAt,
    metadata: {},
    tool_resources: {},
    ...overrides,
  };
}

/**
 * A run with valid defaults (status `queued`, every field the spec requires), overridden field by field.
 *
 * @example
 * ```ts
 * import { makeRun } from 'rx-assistant-stream/testing';
 * makeRun({ status: 'completed', usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } });
 * ```
 */
export function makeRun(overrides: Partial<Run> = {}): Run {
  return {
    id: DEFAULT_IDS.run,
    object: 'thread.run',
    created_at: DEFAULT_IDS.createdAt,
    thread_id: DEFAULT_IDS.thread,
    assistant_id: DEFAULT_IDS.assistant,
    status: 'queued',
    required_action: null,
    last_error: null,
    expires_at: DEFAULT_IDS.createdAt + 600,
    started_at: null,
    cancelled_at: null,
    failed_at: null,
    completed_at: null,
    model: 'gpt-4o',
    instructions: 'You are a helpful assistant.',
    tools: [],
    metadata: {},
    usage: null,
    temperature: 1,
    top_p: 1,
    incomplete_details: null,
    max_prompt_tokens: null,
    max_completion_tokens: null,
    truncation_strategy: { type: 'auto', last_messages: null },
    tool_choice: 'auto',
    parallel_tool_calls: true,
    response_format: 'auto',
    ...overrides,
  };
}

/**
 * A run step with valid defaults (a `message_creation` step for {@link DEFAULT_IDS}.message), overridden field by field.
 *
 * @example
 * ```ts
 * import { makeRunStep } from 'rx-assistant-stream/testing';
 * makeRunStep({ id: 'step_2', type: 'tool_calls', step_details: { type: 'tool_calls', tool_calls: [] } });
 * ```
 */
export function makeRunStep(overrides: Partial<RunStep> = {}): RunStep {
  return {
    id: DEFAULT_IDS.step,
    object: 'thread.run.step',
    created_at: DEFAULT_IDS.createdAt,
    assistant_id: DEFAULT_IDS.assistant,
    thread_id: DEFAULT_IDS.thread,
    run_id: DEFAULT_IDS.run,
    type: 'message_creation',
    status: 'in_progress',
    step_details: { type: 'message_creation', message_creation: { message_id: DEFAULT_IDS.message } },
    last_error: null,
    expired_at: null,
    cancelled_at: null,
    failed_at: null,
    completed_at: null,
    metadata: {},
    usage: null,
    ...overrides,
  };
}

/**
 * An assistant message with valid defaults (status `in_progress`, no content yet), overridden field by field.
 *
 * @example
 * ```ts
 * import { makeMessage } from 'rx-assistant-stream/testing';
 * makeMessage({ status: 'completed', content: [{ type: 'text', text: { value: 'Hi', annotations: [] } }] });
 * ```
 */
export function makeMessage(overrides: Partial<Message> = {}): Message {
  return {
    ...blankMessage(DEFAULT_IDS.message),
    created_at: DEFAULT_IDS.createdAt,
    thread_id: DEFAULT_IDS.thread,
    assistant_id: DEFAULT_IDS.assistant,
    run_id: DEFAULT_IDS.run,
    attachments: [],
    metadata: {},
    ...overrides,
  };
}

/**
 * `thread.created` with {@link makeThread} data.
 *
 * @example
 * ```ts
 * import { threadCreated } from 'rx-assistant-stream/testing';
 * threadCreated({ id: 'thread_abc123', metadata: { user: 'John Doe' } });
 * ```
 */
export function threadCreated(overrides: Partial<Thread> = {}): AssistantStreamEventOf<'thread.created'> {
  return { event: 'thread.created', data: makeThread(overrides) };
}

const STATUS_OF_RUN_EVENT: Record<RunEventName, Run['status']> = {
  'thread.run.created': 'queued',
  'thread.run.queued': 'queued',
  'thread.run.in_progress': 'in_progress',
  'thread.run.requires_action': 'requires_action',
  'thread.run.completed': 'completed',
  'thread.run.incomplete': 'incomplete',
  'thread.run.failed': 'failed',
  'thread.run.cancelling': 'cancelling',
  'thread.run.cancelled': 'cancelled',
  'thread.run.expired': 'expired',
};

/**
 * A run event whose run has the status the event name implies, and the timestamps that go with it.
 *
 * @example
 * ```ts
 * import { runEvent } from 'rx-assistant-stream/testing';
 * runEvent('thread.run.completed', { usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 } });
 * ```
 */
export function runEvent<K extends RunEventName>(event: K, overrides: Partial<Run> = {}): AssistantStreamEventOf<K> {
  const status = STATUS_OF_RUN_EVENT[event];
  const t = DEFAULT_IDS.createdAt;
  const started = status === 'queued' ? {} : { started_at: t + 1 };
  const ended: Partial<Run> =
    status === 'completed' || status === 'incomplete'
      ? { completed_at: t + 2, expires_at: null }
      : status === 'failed'
        ? { failed_at: t + 2, expires_at: null }
        : status === 'cancelled'
          ? { cancelled_at: t + 2, expires_at: null }
          : status === 'expired'
            ? { expires_at: t + 2 }
            : {};
  return { event, data: makeRun({ status, ...started, ...ended, ...overrides }) } as AssistantStreamEventOf<K>;
}

/**
 * `thread.run.created` (status `queued`).
 *
 * @example
 * ```ts
 * import { runCreated } from 'rx-assistant-stream/testing';
 * runCreated({ id: 'run_abc123', model: 'gpt-4o-mini' }).data.status; // 'queued'
 * ```
 */
export const runCreated = (overrides?: Partial<Run>) => runEvent('thread.run.created', overrides);
/**
 * `thread.run.queued`.
 *
 * @example
 * ```ts
 * import { runQueued, runInProgress } from 'rx-assistant-stream/testing';
 * const resumed = [runQueued(), runInProgress()]; // how a run resumes after submit_tool_outputs
 * ```
 */
export const runQueued = (overrides?: Partial<Run>) => runEvent('thread.run.queued', overrides);
/**
 * `thread.run.in_progress`.
 *
 * @example
 * ```ts
 * import { runInProgress } from 'rx-assistant-stream/testing';
 * runInProgress({ id: 'run_abc123' }).data.started_at; // 1_700_000_001
 * ```
 */
export const runInProgress = (overrides?: Partial<Run>) => runEvent('thread.run.in_progress', overrides);
/**
 * `thread.run.completed`, with token usage.
 *
 * @example
 * ```ts
 * import { runCompleted } from 'rx-assistant-stream/testing';
 * runCompleted().data.usage; // { prompt_tokens: 20, completion_tokens: 10, total_tokens: 30 }
 * runCompleted({ status: 'incomplete', incomplete_details: { reason: 'max_completion_tokens' } }); // as 2024 servers sent it
 * ```
 */
export const runCompleted = (overrides?: Partial<Run>) =>
  runEvent('thread.run.completed', { usage: { prompt_tokens: 20, completion_tokens: 10, total_tokens: 30 }, ...overrides });
/**
 * `thread.run.failed` with a `last_error` (`server_error` and the given message).
 *
 * @example
 * ```ts
 * import { runFailed } from 'rx-assistant-stream/testing';
 * runFailed().data.last_error; // { code: 'server_error', message: 'Something went wrong.' }
 * runFailed('Rate limit reached for gpt-4o.', { last_error: { code: 'rate_limit_exceeded', message: 'Rate limit reached for gpt-4o.' } });
 * ```
 */
export const runFailed = (message = 'Something went wrong.', overrides?: Partial<Run>) =>
  runEvent('thread.run.failed', { last_error: { code: 'server_error', message }, ...overrides });

/**
 * `thread.run.requires_action` asking for the given function calls.
 *
 * @example
 * ```ts
 * import { runRequiresAction } from 'rx-assistant-stream/testing';
 * runRequiresAction([{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }]);
 * ```
 */
export function runRequiresAction(
  toolCalls: RunToolCall[],
  overrides: Partial<Run> = {},
): AssistantStreamEventOf<'thread.run.requires_action'> {
  return runEvent('thread.run.requires_action', {
    required_action: { type: 'submit_tool_outputs', submit_tool_outputs: { tool_calls: toolCalls } },
    ...overrides,
  });
}

/**
 * `thread.message.created` with {@link makeMessage} data.
 *
 * @example
 * ```ts
 * import { messageCreated, messageDelta, messageCompleted } from 'rx-assistant-stream/testing';
 * const events = [messageCreated(), messageDelta('msg_1', 'Hel'), messageDelta('msg_1', 'lo'), messageCompleted('Hello')];
 * ```
 */
export const messageCreated = (overrides?: Partial<Message>): AssistantStreamEventOf<'thread.message.created'> => ({
  event: 'thread.message.created',
  data: makeMessage(overrides),
});
/**
 * `thread.message.in_progress`.
 *
 * @example
 * ```ts
 * import { messageInProgress } from 'rx-assistant-stream/testing';
 * messageInProgress({ id: 'msg_2', run_id: 'run_2' });
 * ```
 */
export const messageInProgress = (overrides?: Partial<Message>): AssistantStreamEventOf<'thread.message.in_progress'> => ({
  event: 'thread.message.in_progress',
  data: makeMessage(overrides),
});

/**
 * `thread.message.completed` whose message holds the given text (as the server's authoritative object).
 *
 * @example
 * ```ts
 * import { messageCompleted } from 'rx-assistant-stream/testing';
 * messageCompleted('Hello world');
 * ```
 */
export function messageCompleted(
  text = '',
  overrides: Partial<Message> = {},
): AssistantStreamEventOf<'thread.message.completed'> {
  return {
    event: 'thread.message.completed',
    data: makeMessage({
      status: 'completed',
      completed_at: DEFAULT_IDS.createdAt + 2,
      content: [{ type: 'text', text: { value: text, annotations: [] } }],
      ...overrides,
    }),
  };
}

/**
 * `thread.message.delta` carrying a text fragment for part `index` of message `id`.
 *
 * @example
 * ```ts
 * import { messageDelta } from 'rx-assistant-stream/testing';
 * messageDelta('msg_1', 'Hel'); // { event: 'thread.message.delta', data: { id: 'msg_1', ..., delta: { content: [{ index: 0, type: 'text', text: { value: 'Hel' } }] } } }
 * ```
 */
export function messageDelta(id: string, text: string, index = 0): AssistantStreamEventOf<'thread.message.delta'> {
  return messageContentDelta(id, [{ index, type: 'text', text: { value: text } }]);
}

/**
 * `thread.message.delta` with any content parts.
 *
 * @example
 * ```ts
 * import { messageContentDelta } from 'rx-assistant-stream/testing';
 * // An image part and the start of the next text part in one delta, as real servers send them.
 * messageContentDelta('msg_1', [
 *   { index: 0, type: 'image_file', image_file: { file_id: 'file-abc123' } },
 *   { index: 1, type: 'text', text: { value: '', annotations: [] } },
 * ]);
 * ```
 */
export function messageContentDelta(id: string, content: MessageContentDelta[]): AssistantStreamEventOf<'thread.message.delta'> {
  const data: MessageDelta = { id, object: 'thread.message.delta', delta: { content } };
  return { event: 'thread.message.delta', data };
}

/**
 * `thread.run.step.created` with {@link makeRunStep} data.
 *
 * @example
 * ```ts
 * import { runStepCreated } from 'rx-assistant-stream/testing';
 * runStepCreated({ id: 'step_tools', type: 'tool_calls', step_details: { type: 'tool_calls', tool_calls: [] } });
 * ```
 */
export const runStepCreated = (overrides?: Partial<RunStep>): AssistantStreamEventOf<'thread.run.step.created'> => ({
  event: 'thread.run.step.created',
  data: makeRunStep(overrides),
});
/**
 * `thread.run.step.in_progress`.
 *
 * @example
 * ```ts
 * import { runStepInProgress } from 'rx-assistant-stream/testing';
 * runStepInProgress().data.step_details; // { type: 'message_creation', message_creation: { message_id: 'msg_1' } }
 * ```
 */
export const runStepInProgress = (overrides?: Partial<RunStep>): AssistantStreamEventOf<'thread.run.step.in_progress'> => ({
  event: 'thread.run.step.in_progress',
  data: makeRunStep(overrides),
});
/**
 * `thread.run.step.completed` (status `completed`, with usage).
 *
 * @example
 * ```ts
 * import { runStepCompleted } from 'rx-assistant-stream/testing';
 * const call = { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}', output: '18°C' } } as const;
 * runStepCompleted({ id: 'step_tools', type: 'tool_calls', step_details: { type: 'tool_calls', tool_calls: [call] } });
 * ```
 */
export const runStepCompleted = (overrides?: Partial<RunStep>): AssistantStreamEventOf<'thread.run.step.completed'> => ({
  event: 'thread.run.step.completed',
  data: makeRunStep({
    status: 'completed',
    completed_at: DEFAULT_IDS.createdAt + 2,
    usage: { prompt_tokens: 20, completion_tokens: 10, total_tokens: 30 },
    ...overrides,
  }),
});

/**
 * `thread.run.step.delta` with tool call deltas for step `id`.
 *
 * @example
 * ```ts
 * import { runStepDelta } from 'rx-assistant-stream/testing';
 * runStepDelta('step_1', [{ index: 0, type: 'function', function: { arguments: '{"ci' } }]);
 * ```
 */
export function runStepDelta(id: string, toolCalls: ToolCallDelta[]): AssistantStreamEventOf<'thread.run.step.delta'> {
  const data: RunStepDelta = {
    id,
    object: 'thread.run.step.delta',
    delta: { step_details: { type: 'tool_calls', tool_calls: toolCalls } },
  };
  return { event: 'thread.run.step.delta', data };
}

/**
 * An `error` event (as emitted with `errorEvents: 'emit'`).
 *
 * @example
 * ```ts
 * import { errorEvent } from 'rx-assistant-stream/testing';
 * errorEvent('The server had an error processing your request.');
 * ```
 */
export function errorEvent(message: string, overrides: Partial<ErrorObject> = {}): AssistantStreamEventOf<'error'> {
  return { event: 'error', data: { message, type: 'server_error', code: null, param: null, ...overrides } };
}

/**
 * Options of {@link toSSE}.
 *
 * @example
 * ```ts
 * import { textRunEvents, toSSE, type ToSSEOptions } from 'rx-assistant-stream/testing';
 * const options: ToSSEOptions = { lineEnding: '\r\n', done: false };
 * toSSE(textRunEvents('Hi'), options); // 'event: thread.run.created\r\ndata: {...}\r\n\r\n...', no [DONE]
 * ```
 */
export interface ToSSEOptions {
  /** End with `event: done` / `data: [DONE]`. Default `true`. */
  done?: boolean;
  /** The line end: `'\n'` (default), `'\r\n'` or `'\r'`. */
  lineEnding?: '\n' | '\r\n' | '\r';
}

/**
 * Serializes events to an SSE transcript, as a server sends it: `event: <name>` / `data: <json>` / blank line.
 * An `error` event is written with the `{ "error": {...} }` envelope real servers use.
 *
 * @example
 * ```ts
 * import { toSSE, runCreated, messageDelta } from 'rx-assistant-stream/testing';
 * import { assistantEvents } from 'rx-assistant-stream';
 *
 * assistantEvents(toSSE([runCreated(), messageDelta('msg_1', 'Hi')])).subscribe(console.log);
 * ```
 */
export function toSSE(events: Iterable<AssistantStreamEvent>, options: ToSSEOptions = {}): string {
  const { done = true, lineEnding = '\n' } = options;
  let out = '';
  for (const event of events) out += sseFrame(event, lineEnding);
  if (done) out += `event: done${lineEnding}data: [DONE]${lineEnding}${lineEnding}`;
  return out;
}

/**
 * One event as an SSE frame (an `error` event in its `{ "error": {...} }` envelope).
 *
 * @example
 * ```ts
 * import { errorEvent, sseFrame } from 'rx-assistant-stream/testing';
 * sseFrame(errorEvent('The server had an error processing your request.'));
 * // 'event: error\ndata: {"error":{"message":"The server had an error processing your request.","type":"server_error","code":null,"param":null}}\n\n'
 * ```
 */
export function sseFrame(event: AssistantStreamEvent, lineEnding: '\n' | '\r\n' | '\r' = '\n'): string {
  const data = event.event === 'error' ? { error: event.data } : event.data;
  return `event: ${event.event}${lineEnding}data: ${JSON.stringify(data)}${lineEnding}${lineEnding}`;
}

/**
 * @deprecated Renamed {@link runStepCreated} (the `runStep*` names of the schema); this alias goes in the next minor.
 *
 * @example
 * ```ts
 * import { runStepCreated } from 'rx-assistant-stream/testing';
 * runStepCreated({ id: 'step_2' }); // instead of stepCreated({ id: 'step_2' })
 * ```
 */
export const stepCreated = runStepCreated;
/**
 * @deprecated Renamed {@link runStepInProgress}; this alias goes in the next minor.
 *
 * @example
 * ```ts
 * import { runStepInProgress } from 'rx-assistant-stream/testing';
 * runStepInProgress({ id: 'step_2' }); // instead of stepInProgress({ id: 'step_2' })
 * ```
 */
export const stepInProgress = runStepInProgress;
/**
 * @deprecated Renamed {@link runStepCompleted}; this alias goes in the next minor.
 *
 * @example
 * ```ts
 * import { runStepCompleted } from 'rx-assistant-stream/testing';
 * runStepCompleted({ id: 'step_2' }); // instead of stepCompleted({ id: 'step_2' })
 * ```
 */
export const stepCompleted = runStepCompleted;
/**
 * @deprecated Renamed {@link runStepDelta}; this alias goes in the next minor.
 *
 * @example
 * ```ts
 * import { runStepDelta } from 'rx-assistant-stream/testing';
 * runStepDelta('step_1', [{ index: 0, type: 'function', function: { arguments: '{"ci' } }]); // instead of stepDelta(...)
 * ```
 */
export const stepDelta = runStepDelta;
