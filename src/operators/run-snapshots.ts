import { filter, map, pipe, type OperatorFunction } from 'rxjs';
import type { AssistantStreamEvent, Run } from '../schema';
import { isRunEvent } from './run-status';

/**
 * The run as each run event reports it: `created`, `queued`, `in_progress`, `requires_action`, ..., the terminal one.
 * The server sends the whole run every time, so each value is the authoritative state of the run.
 *
 * ```
 * source:         --run.created--delta--run.in_progress--run.completed--|
 * runSnapshots(): --run(queued)---------run(in_progress)-run(completed)--|
 * ```
 *
 * @example
 * ```ts
 * import { assistantEvents, runSnapshots } from 'rx-assistant-stream';
 * import { last } from 'rxjs';
 *
 * assistantEvents(response).pipe(runSnapshots(), last()).subscribe((run) => console.log(run.status, run.usage));
 * ```
 *
 * @returns An operator from stream events to runs.
 */
export function runSnapshots(): OperatorFunction<AssistantStreamEvent, Run> {
  return pipe(
    filter(isRunEvent),
    map((event) => event.data),
  );
}
