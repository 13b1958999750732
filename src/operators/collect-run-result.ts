import { reduce, type OperatorFunction } from 'rxjs';
import { EMPTY_RUN_RESULT, reduceRunResult, type RunResult } from '../accumulate/run-result';
import type { AssistantStreamEvent } from '../schema';

/**
 * Reduces a whole stream to its {@link RunResult} (final run, thread, messages and steps), emitted once when the
 * source completes: the shape to `await` with `lastValueFrom`. For a live result, use
 * `scan(reduceRunResult, EMPTY_RUN_RESULT)` instead.
 *
 * ```
 * source:             --run.created--delta--delta--run.completed--|
 * collectRunResult(): -------------------------------------------(r|)
 * ```
 *
 * @example
 * ```ts
 * import { assistantEvents, untilRunTerminal, collectRunResult } from 'rx-assistant-stream';
 * import { lastValueFrom } from 'rxjs';
 *
 * const { run, messages } = await lastValueFrom(assistantEvents(response).pipe(untilRunTerminal(), collectRunResult()));
 * console.log(run?.status, messages.at(-1)?.content);
 * ```
 *
 * @returns An operator that emits the {@link RunResult} of the source on completion.
 */
export function collectRunResult(): OperatorFunction<AssistantStreamEvent, RunResult> {
  return reduce(reduceRunResult, EMPTY_RUN_RESULT);
}
