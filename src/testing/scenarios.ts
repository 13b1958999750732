import type { AssistantStreamEvent, Run, RunStep, ToolCall, ToolCallDelta } from '../schema';
import {
  DEFAULT_IDS,
  messageCompleted,
  messageContentDelta,
  messageCreated,
  messageInProgress,
  runCompleted,
  runCreated,
  runInProgress,
  runQueued,
  runRequiresAction,
  runStepCompleted,
  runStepCreated,
  runStepDelta,
  runStepInProgress,
  threadCreated,
} from './builders';

/**
 * The ids a scenario uses; each defaults to {@link DEFAULT_IDS}.
 *
 * @example
 * ```ts
 * import { textRunEvents, type ScenarioIds } from 'rx-assistant-stream/testing';
 * const ids: ScenarioIds = { threadId: 'thread_abc123', runId: 'run_abc123', assistantId: 'asst_abc123' };
 * textRunEvents('Hello', ids);
 * ```
 */
export interface ScenarioIds {
  threadId?: string;
  runId?: string;
  assistantId?: string;
}

/**
 * Splits a text into the fragments a model streams: words with their leading space, some cut in two.
 *
 * @example
 * ```ts
 * import { fragmentsOf } from 'rx-assistant-stream/testing';
 * fragmentsOf('Hello there, streaming world'); // ['Hello', ' there,', ' stream', 'ing', ' world']
 * ```
 */
export function fragmentsOf(text: string): string[] {
  return text.match(/\s*\S{1,6}|\s+$/g) ?? [];
}

/** The ids of a scenario, as the builders' data fields (internal: also used by the Azure scenarios). */
export function scenarioIds(options: ScenarioIds) {
  return {
    thread_id: options.threadId ?? DEFAULT_IDS.thread,
    run_id: options.runId ?? DEFAULT_IDS.run,
    assistant_id: options.assistantId ?? DEFAULT_IDS.assistant,
  };
}

/** A scenario's run identity fields (internal: also used by the Azure scenarios). */
export function scenarioRun(options: ScenarioIds): Partial<Run> {
  const { thread_id, run_id, assistant_id } = scenarioIds(options);
  return { id: run_id, thread_id, assistant_id };
}

/**
 * Options of {@link messageEvents}.
 *
 * @example
 * ```ts
 * import { messageEvents, type MessageEventsOptions } from 'rx-assistant-stream/testing';
 * const second: MessageEventsOptions = { messageId: 'msg_2', stepId: 'step_2' };
 * const events = [...messageEvents('First answer.'), ...messageEvents('Second answer.', second)];
 * ```
 */
export interface MessageEventsOptions extends ScenarioIds {
  messageId?: string;
  stepId?: string;
}

/**
 * The events of one message step: step created, message created, one delta per fragment, message and step completed.
 * The first delta carries `annotations: []`, as real servers send it.
 *
 * @example
 * ```ts
 * import { messageEvents, toSSE } from 'rx-assistant-stream/testing';
 * toSSE(messageEvents('Hello there', { messageId: 'msg_2' }), { done: false });
 * ```
 */
export function messageEvents(text: string, options: MessageEventsOptions = {}): AssistantStreamEvent[] {
  const common = scenarioIds(options);
  const messageId = options.messageId ?? DEFAULT_IDS.message;
  const stepId = options.stepId ?? DEFAULT_IDS.step;
  const step: Partial<RunStep> = {
    ...common,
    id: stepId,
    step_details: { type: 'message_creation', message_creation: { message_id: messageId } },
  };
  const message = { id: messageId, thread_id: common.thread_id, run_id: common.run_id, assistant_id: common.assistant_id };
  const deltas = fragmentsOf(text).map((value, i) =>
    messageContentDelta(messageId, [{ index: 0, type: 'text', text: i === 0 ? { value, annotations: [] } : { value } }]),
  );
  return [
    runStepCreated(step),
    runStepInProgress(step),
    messageCreated(message),
    messageInProgress(message),
    ...deltas,
    messageCompleted(text, message),
    runStepCompleted(step),
  ];
}

/**
 * Options of {@link textRunEvents}.
 *
 * @example
 * ```ts
 * import { textRunEvents } from 'rx-assistant-stream/testing';
 * textRunEvents('Hi!', { withThread: true, threadId: 'thread_new', messageId: 'msg_hi' })[0].event; // 'thread.created'
 * ```
 */
export interface TextRunOptions extends MessageEventsOptions {
  /** Start with `thread.created`, as createThreadAndRun does. */
  withThread?: boolean;
}

/**
 * A whole run that answers with a text: run created, queued, in progress, a message step, run completed.
 *
 * @example
 * ```ts
 * import { textRunEvents, toSSE } from 'rx-assistant-stream/testing';
 * import { assistantEvents, textDeltas } from 'rx-assistant-stream';
 *
 * assistantEvents(toSSE(textRunEvents('Hello world'))).pipe(textDeltas()).subscribe(console.log);
 * ```
 */
export function textRunEvents(text: string, options: TextRunOptions = {}): AssistantStreamEvent[] {
  const run = scenarioRun(options);
  return [
    ...(options.withThread ? [threadCreated({ id: scenarioIds(options).thread_id })] : []),
    runCreated(run),
    runQueued(run),
    runInProgress(run),
    ...messageEvents(text, options),
    runCompleted(run),
  ];
}

/**
 * A function call to stream: its id, name and JSON arguments.
 *
 * @example
 * ```ts
 * import { toolCallRunEvents, type FunctionCallSpec } from 'rx-assistant-stream/testing';
 * const calls: FunctionCallSpec[] = [
 *   { id: 'call_paris', name: 'get_weather', arguments: '{"city":"Paris"}' },
 *   { id: 'call_tokyo', name: 'get_weather', arguments: '{"city":"Tokyo"}' },
 * ];
 * toolCallRunEvents(calls);
 * ```
 */
export interface FunctionCallSpec {
  id: string;
  name: string;
  arguments: string;
}

/**
 * Options of {@link toolCallRunEvents}.
 *
 * @example
 * ```ts
 * import { toolCallRunEvents } from 'rx-assistant-stream/testing';
 * toolCallRunEvents([{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }], { withThread: true, stepId: 'step_weather' });
 * ```
 */
export interface ToolCallRunOptions extends ScenarioIds {
  stepId?: string;
  withThread?: boolean;
}

/**
 * A run that pauses for function calls: a tool_calls step whose calls stream in (first delta with id, name,
 * `arguments: ""`, `output: null`, then argument fragments), then `thread.run.requires_action`. The step stays
 * `in_progress` until the outputs are submitted (see {@link toolOutputsRunEvents}).
 *
 * @example
 * ```ts
 * import { toolCallRunEvents } from 'rx-assistant-stream/testing';
 * toolCallRunEvents([{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }]);
 * ```
 */
export function toolCallRunEvents(calls: FunctionCallSpec[], options: ToolCallRunOptions = {}): AssistantStreamEvent[] {
  const run = scenarioRun(options);
  const stepId = options.stepId ?? 'step_tools';
  const step: Partial<RunStep> = {
    ...scenarioIds(options),
    id: stepId,
    type: 'tool_calls',
    step_details: { type: 'tool_calls', tool_calls: [] },
  };
  return [
    ...(options.withThread ? [threadCreated({ id: scenarioIds(options).thread_id })] : []),
    runCreated(run),
    runQueued(run),
    runInProgress(run),
    runStepCreated(step),
    runStepInProgress(step),
    ...functionCallDeltas(stepId, calls),
    runRequiresAction(
      calls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } })),
      run,
    ),
  ];
}

/**
 * The step deltas of streamed function calls (internal: the scenarios and the transcript generator): per call, a
 * first delta with id, name, `arguments: ""` and `output: null`, then one per argument fragment.
 */
export function functionCallDeltas(
  stepId: string,
  calls: FunctionCallSpec[],
  fragments: (text: string) => string[] = fragmentsOf,
): AssistantStreamEvent[] {
  return calls.flatMap((call, index) => [
    runStepDelta(stepId, [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '', output: null } }]),
    ...fragments(call.arguments).map((fragment) =>
      runStepDelta(stepId, [{ index, type: 'function', function: { arguments: fragment } }] as ToolCallDelta[]),
    ),
  ]);
}

/**
 * Options of {@link toolOutputsRunEvents}.
 *
 * @example
 * ```ts
 * import { toolOutputsRunEvents } from 'rx-assistant-stream/testing';
 * const call = { id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}', output: '18°C' };
 * // `toolStepId`: the `stepId` given to toolCallRunEvents for the same calls.
 * toolOutputsRunEvents([call], 'It is 18°C in Paris.', { toolStepId: 'step_weather', messageId: 'msg_answer_2' });
 * ```
 */
export interface ToolOutputsRunOptions extends MessageEventsOptions {
  /** The id of the tool_calls step being completed. */
  toolStepId?: string;
}

/**
 * The stream that answers `submit_tool_outputs`: the tool_calls step completes with the submitted outputs, the run
 * resumes, answers with a text and completes.
 *
 * @example
 * ```ts
 * import { toolOutputsRunEvents } from 'rx-assistant-stream/testing';
 * toolOutputsRunEvents([{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}', output: '18°C' }], 'It is 18°C in Paris.');
 * ```
 */
export function toolOutputsRunEvents(
  calls: (FunctionCallSpec & { output: string })[],
  text: string,
  options: ToolOutputsRunOptions = {},
): AssistantStreamEvent[] {
  const run = scenarioRun(options);
  const toolCalls: ToolCall[] = calls.map((call) => ({
    id: call.id,
    type: 'function',
    function: { name: call.name, arguments: call.arguments, output: call.output },
  }));
  return [
    runQueued(run),
    runInProgress(run),
    runStepCompleted({
      ...scenarioIds(options),
      id: options.toolStepId ?? 'step_tools',
      type: 'tool_calls',
      step_details: { type: 'tool_calls', tool_calls: toolCalls },
    }),
    ...messageEvents(text, { stepId: 'step_answer', messageId: 'msg_answer', ...options }),
    runCompleted(run),
  ];
}

/**
 * Options of {@link codeInterpreterStepEvents}.
 *
 * @example
 * ```ts
 * import { codeInterpreterStepEvents } from 'rx-assistant-stream/testing';
 * codeInterpreterStepEvents('print(6 * 7)', '42\n', { stepId: 'step_code_2', callId: 'call_abc123' });
 * ```
 */
export interface CodeInterpreterStepOptions extends ScenarioIds {
  stepId?: string;
  callId?: string;
  /** The step's `created_at` (the builders' default otherwise). */
  createdAt?: number;
  /** How the input is cut into deltas. Default {@link fragmentsOf}. */
  fragments?: (text: string) => string[];
}

/**
 * A code interpreter step: the call's `input` streams in fragments, then a `logs` output arrives in its own delta.
 *
 * @example
 * ```ts
 * import { codeInterpreterStepEvents } from 'rx-assistant-stream/testing';
 * codeInterpreterStepEvents('print(6 * 7)', '42\n');
 * ```
 */
export function codeInterpreterStepEvents(
  input: string,
  logs: string,
  options: CodeInterpreterStepOptions = {},
): AssistantStreamEvent[] {
  const stepId = options.stepId ?? 'step_code';
  const callId = options.callId ?? 'call_code';
  const { fragments = fragmentsOf } = options;
  const step: Partial<RunStep> = {
    ...scenarioIds(options),
    ...(options.createdAt === undefined ? {} : { created_at: options.createdAt }),
    id: stepId,
    type: 'tool_calls',
    step_details: { type: 'tool_calls', tool_calls: [] },
  };
  const finalCall: ToolCall = {
    id: callId,
    type: 'code_interpreter',
    code_interpreter: { input, outputs: [{ type: 'logs', logs }] },
  };
  return [
    runStepCreated(step),
    runStepInProgress(step),
    runStepDelta(stepId, [{ index: 0, id: callId, type: 'code_interpreter', code_interpreter: { input: '', outputs: [] } }]),
    ...fragments(input).map((fragment) =>
      runStepDelta(stepId, [{ index: 0, type: 'code_interpreter', code_interpreter: { input: fragment } }]),
    ),
    runStepDelta(stepId, [
      { index: 0, type: 'code_interpreter', code_interpreter: { outputs: [{ index: 0, type: 'logs', logs }] } },
    ]),
    runStepCompleted({ ...step, step_details: { type: 'tool_calls', tool_calls: [finalCall] } }),
  ];
}
