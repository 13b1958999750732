import type { AssistantStreamEvent, Message, Run, RunStep } from '../schema';
import {
  messageCompleted,
  messageContentDelta,
  messageCreated,
  messageInProgress,
  runInProgress,
  runQueued,
  runRequiresAction,
  runStepCompleted,
  runStepCreated,
  runStepInProgress,
} from './builders';
import type { TranscriptStats } from './generate';
import { codeInterpreterStepEvents, functionCallDeltas } from './scenarios';
import { CITIES, CODE_LINES, type Draw } from './vocabulary';

// The run steps of a generated transcript (internal to the generator): each draws its choices from the shared prng,
// in a fixed order, and yields its events through `emit`, which counts and frames them.

/** One generated event and its SSE frame (the same object is reused from one yield to the next). */
export interface Frame {
  event: AssistantStreamEvent;
  frame: string;
}

/** What the step builders share with the generator. */
export interface StepContext {
  draw: Draw;
  threadId: string;
  assistantId: string;
  /** The longest message, in words. */
  maxWords: number;
  /** The next `created_at` (one second later each time). */
  tick(): number;
  stats: TranscriptStats;
  /** Frames and counts the events. */
  emit(events: Iterable<AssistantStreamEvent>): Generator<Frame>;
  onMessage: ((id: string, text: string) => void) | undefined;
}

/** The run a step belongs to. */
export type StepRun = Partial<Run> & { id: string };

/** The chance that a message cites a file. */
const CITATION_CHANCE = 0.1;
/** The chances of a message step, then a code interpreter step; the rest are function call steps. */
const STEP_CHANCES = { message: 0.7, code: 0.85 } as const;

/** A message step: its text in many short fragments, sometimes a file citation, then completed. */
export function* messageRunStep(ctx: StepContext, run: StepRun): Generator<Frame> {
  const { draw, stats } = ctx;
  const messageId = draw.id('msg_');
  const stepId = draw.id('step_');
  const common = { thread_id: ctx.threadId, assistant_id: ctx.assistantId, run_id: run.id, created_at: ctx.tick() };
  const step: Partial<RunStep> = {
    ...common,
    id: stepId,
    step_details: { type: 'message_creation', message_creation: { message_id: messageId } },
  };
  const message: Partial<Message> = { ...common, id: messageId };
  const value = draw.text(draw.between(10, ctx.maxWords));
  const cite = draw.random() < CITATION_CHANCE;
  yield* ctx.emit([runStepCreated(step), runStepInProgress(step), messageCreated(message), messageInProgress(message)]);
  const parts = draw.fragments(value);
  for (let i = 0; i < parts.length; i++) {
    yield* ctx.emit([
      messageContentDelta(messageId, [
        { index: 0, type: 'text', text: i === 0 ? { value: parts[i]!, annotations: [] } : { value: parts[i]! } },
      ]),
    ]);
  }
  const annotations: Extract<Message['content'][number], { type: 'text' }>['text']['annotations'] = [];
  let full = value;
  if (cite) {
    const marker = '【4:0†source】';
    const fileId = draw.id('file-');
    const citation = {
      type: 'file_citation',
      text: marker,
      start_index: full.length,
      end_index: full.length + marker.length,
      file_citation: { file_id: fileId },
    } as const;
    yield* ctx.emit([messageContentDelta(messageId, [{ index: 0, type: 'text', text: { value: marker } }])]);
    yield* ctx.emit([
      messageContentDelta(messageId, [{ index: 0, type: 'text', text: { annotations: [{ index: 0, ...citation }] } }]),
    ]);
    annotations.push({ ...citation });
    full += marker;
  }
  stats.messages++;
  stats.textLength += full.length;
  ctx.onMessage?.(messageId, full);
  yield* ctx.emit([
    messageCompleted(full, { ...message, content: [{ type: 'text', text: { value: full, annotations } }] }),
    runStepCompleted(step),
  ]);
  stats.steps++;
}

/** A code interpreter step: 1 to 5 lines of input in fragments, a number in the logs. */
export function* codeRunStep(ctx: StepContext, run: StepRun): Generator<Frame> {
  const { draw } = ctx;
  const stepId = draw.id('step_');
  const callId = draw.id('call_');
  const createdAt = ctx.tick();
  let input = '';
  for (let i = draw.between(1, 5); i > 0; i--) input += (input ? '\n' : '') + draw.pick(CODE_LINES);
  const logs = `${draw.between(0, 99999)}.${draw.between(0, 99)}\n`;
  const ids = {
    threadId: ctx.threadId,
    assistantId: ctx.assistantId,
    runId: run.id,
    stepId,
    callId,
    createdAt,
    fragments: draw.fragments,
  };
  yield* ctx.emit(codeInterpreterStepEvents(input, logs, ids));
  ctx.stats.steps++;
}

/** A function call step: 1 or 2 `get_weather` calls streamed in, `requires_action`, the resumed run, the step completed. */
export function* functionRunStep(ctx: StepContext, run: StepRun): Generator<Frame> {
  const { draw } = ctx;
  const stepId = draw.id('step_');
  const step: Partial<RunStep> = {
    thread_id: ctx.threadId,
    assistant_id: ctx.assistantId,
    run_id: run.id,
    created_at: ctx.tick(),
    id: stepId,
    type: 'tool_calls',
    step_details: { type: 'tool_calls', tool_calls: [] },
  };
  const calls = Array.from({ length: draw.between(1, 2) }, () => ({
    id: draw.id('call_'),
    name: 'get_weather',
    arguments: JSON.stringify({ city: draw.pick(CITIES), unit: draw.pick(['c', 'f']) }),
  }));
  yield* ctx.emit([runStepCreated(step), runStepInProgress(step)]);
  yield* ctx.emit(functionCallDeltas(stepId, calls, draw.fragments));
  // The run pauses for the outputs; the stream that answers submit_tool_outputs resumes it.
  yield* ctx.emit([
    runRequiresAction(
      calls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } })),
      run,
    ),
    runQueued(run),
    runInProgress(run),
    runStepCompleted({
      ...step,
      step_details: {
        type: 'tool_calls',
        tool_calls: calls.map((call) => ({
          id: call.id,
          type: 'function',
          function: { name: call.name, arguments: call.arguments, output: '{"temperature":18}' },
        })),
      },
    }),
  ]);
  ctx.stats.steps++;
}

/** A step of a kind drawn at random: mostly messages, some code, some function calls. */
export function* someRunStep(ctx: StepContext, run: StepRun): Generator<Frame> {
  const r = ctx.draw.random();
  if (r < STEP_CHANCES.message) yield* messageRunStep(ctx, run);
  else if (r < STEP_CHANCES.code) yield* codeRunStep(ctx, run);
  else yield* functionRunStep(ctx, run);
}
