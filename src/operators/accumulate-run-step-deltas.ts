import type { OperatorFunction } from 'rxjs';
import { applyRunStepDelta, runStepFromDelta } from '../accumulate';
import type { AssistantStreamEvent, RunStep, RunStepDelta } from '../schema';
import { accumulateById } from './accumulate-by-id';

const FINAL_STEP_EVENTS: ReadonlySet<string> = new Set([
  'thread.run.step.completed',
  'thread.run.step.failed',
  'thread.run.step.cancelled',
  'thread.run.step.expired',
]);

/**
 * Accumulates run step events into immutable `RunStep` snapshots, tool calls included: one on
 * `thread.run.step.created`, one per `thread.run.step.delta` (tool calls merged by `index`: function name,
 * arguments and output; code interpreter input and its outputs; file search payloads), and the server's own
 * object on `completed` / `failed` / `cancelled` / `expired` (authoritative: it replaces the snapshot).
 * `thread.run.step.in_progress` updates the snapshot without emitting.
 *
 * Steps are tracked by id; a delta for a step never created starts a snapshot from the delta (see
 * `runStepFromDelta`). An absurd delta errors with `invalid_delta`. Other events are ignored.
 *
 * ```
 * source: --step.created--delta('{"ci')--delta('ty"}')--step.completed--|
 * result: --s(args "")----s('{"ci')------s('{"city"}')--s(final)--------|
 * ```
 *
 * @example
 * ```ts
 * import { assistantEvents, accumulateRunStepDeltas } from 'rx-assistant-stream';
 *
 * assistantEvents(response)
 *   .pipe(accumulateRunStepDeltas())
 *   .subscribe((step) => {
 *     if (step.step_details.type === 'tool_calls') console.log(step.step_details.tool_calls);
 *   });
 * ```
 *
 * @returns An operator from stream events to run step snapshots.
 */
export function accumulateRunStepDeltas(): OperatorFunction<AssistantStreamEvent, RunStep> {
  return accumulateById<RunStep, RunStepDelta>({
    created: 'thread.run.step.created',
    inProgress: 'thread.run.step.in_progress',
    delta: 'thread.run.step.delta',
    final: FINAL_STEP_EVENTS,
    apply: applyRunStepDelta,
    fromDelta: (delta) => runStepFromDelta(delta),
  });
}
