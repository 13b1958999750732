import { pipe, type GroupedObservable, type OperatorFunction } from 'rxjs';
import type { AssistantStreamEvent, RunStep } from '../schema';
import { accumulateRunStepDeltas } from './accumulate-run-step-deltas';
import { groupUntil } from './group-until';

const FINAL_STEP_STATUSES: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled', 'expired']);

/**
 * Whether a run step has ended (`completed`, `failed`, `cancelled` or `expired`).
 *
 * @example
 * ```ts
 * import { assistantEvents, accumulateRunStepDeltas, isFinalRunStep } from 'rx-assistant-stream';
 * import { filter } from 'rxjs';
 *
 * assistantEvents(response)
 *   .pipe(accumulateRunStepDeltas(), filter(isFinalRunStep))
 *   .subscribe((step) => console.log(step.id, step.status, step.usage?.total_tokens));
 * ```
 *
 * @param step A run step snapshot.
 * @returns `true` once the step's status is final.
 */
export const isFinalRunStep = (step: RunStep): boolean => FINAL_STEP_STATUSES.has(step.status);

/**
 * One inner Observable per run step, keyed by step id, carrying that step's snapshots (see `accumulateRunStepDeltas`)
 * and completing right after its final snapshot (`completed`, `failed`, `cancelled`, `expired`). The inner
 * Observables are hot, like any `groupBy` group: subscribe when they are emitted.
 *
 * ```
 * source: --step1.created--step1.delta--step1.completed--step2.created--step2.completed--|
 * result: --A-------------------------------------------B--------------------------------|
 *   A:    --s1-------------s1'----------s1(final)|
 *   B:                                                --s2-------------s2(final)|
 * ```
 *
 * @example
 * ```ts
 * import { assistantEvents, runStepLifecycles } from 'rx-assistant-stream';
 * import { mergeMap, toArray, map } from 'rxjs';
 *
 * assistantEvents(response)
 *   .pipe(runStepLifecycles(), mergeMap((step$) => step$.pipe(toArray(), map((snapshots) => [step$.key, snapshots.length]))))
 *   .subscribe(([id, count]) => console.log(id, count, 'snapshots'));
 * ```
 *
 * @returns An operator from stream events to one grouped Observable of snapshots per run step.
 */
export function runStepLifecycles(): OperatorFunction<AssistantStreamEvent, GroupedObservable<string, RunStep>> {
  return pipe(
    accumulateRunStepDeltas(),
    groupUntil((step) => step.id, isFinalRunStep),
  );
}
