import type { OperatorFunction } from 'rxjs';
import { RUN_STEP_LIFECYCLE } from '../accumulate/lifecycle';
import type { AssistantStreamEvent, RunStep } from '../schema';
import { accumulateById } from './accumulate-by-id';

/**
 * Accumulates run step events into immutable `RunStep` snapshots, tool calls included: one on
 * `thread.run.step.created`, one per `thread.run.step.delta` (tool calls of every type merged by `index` under the
 * fragment rules of `mergeDelta`: arguments, input and logs concatenate, everything else is replaced), and the
 * server's own object on `completed` / `failed` / `cancelled` / `expired` (authoritative: it replaces the
 * snapshot). `thread.run.step.in_progress` starts a snapshot silently for a step not seen yet and changes nothing
 * otherwise.
 *
 * Steps are tracked by id; a delta for a step never created starts a snapshot from the delta (see
 * `runStepFromDelta`). Azure's irregularities are followed: a repeated `created` for a known step (MCP) neither
 * resets nor emits; a continuation that opens with `completed` for a step this stream never saw emits that object;
 * a delta after `completed` (Azure's MCP output) applies on top of the completed object and emits. A delta that
 * cannot apply errors with `invalid_delta` after the snapshots before it. Other events are ignored.
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
  return accumulateById(RUN_STEP_LIFECYCLE);
}
