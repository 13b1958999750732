import { defer, map, reduce, type OperatorFunction } from 'rxjs';
import { RunResultBuilder, type RunResult } from '../accumulate/run-result';
import type { AssistantStreamEvent } from '../schema';

/**
 * Reduces a whole stream to its {@link RunResult} (final run, thread, messages and steps), emitted once when the
 * source completes: the shape to `await` with `lastValueFrom`. For a live result, use
 * `scan(reduceRunResult, EMPTY_RUN_RESULT)` instead (the same rules; this one builds its result without copying the
 * message and step arrays on every event, so a run of 20,000 messages costs what its events cost).
 *
 * Irregular lifecycles, as Azure sends them: a second `thread.run.created` replaces `run` (the last run event
 * wins); a repeated `created` for a known message or step changes nothing; a continuation that opens with
 * `step.completed` for a step this stream never saw adds that step; a delta after `completed` applies on top of the
 * completed object. A delta that cannot apply errors the result with `invalid_delta`.
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
  return (source) =>
    defer(() =>
      source.pipe(
        reduce((builder, event: AssistantStreamEvent) => {
          builder.add(event);
          return builder;
        }, new RunResultBuilder()),
        map((builder) => builder.result()),
      ),
    );
}
