import { pipe, type GroupedObservable, type OperatorFunction } from 'rxjs';
import type { AssistantStreamEvent, RunStep } from '../schema';
import { accumulateRunStepDeltas } from './accumulate-run-step-deltas';
import { groupUntil } from './group-until';
import { isFinalRunStep } from '../schema/events';

// The final statuses live with the other event classification, in src/schema/events.ts.
export { isFinalRunStep };

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
