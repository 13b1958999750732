import { defer, filter, map, type OperatorFunction } from 'rxjs';
import { createFastPathMemo } from '../accumulate/fast-paths';
import { followLifecycle, isLifecycleEvent, type LifecycleKind } from '../accumulate/lifecycle';

/**
 * The shared engine of `accumulateMessageDeltas` and `accumulateRunStepDeltas`: per-subscription snapshots by id,
 * following `followLifecycle` (an emission on created, on each delta and on the final object; a repeated created
 * or an in_progress changes nothing; a delta after the final object applies on top of it). Snapshots are kept for
 * the subscription's life, so a late delta finds its object. Each subscription keeps its own fast-path memo (the
 * snapshot the fast paths built last, trusted by identity: see `FastPathMemo`).
 */
export function accumulateById<S extends { id: string }, D extends { id: string }>(
  kind: LifecycleKind<S, D>,
): OperatorFunction<{ event: string; data: unknown }, S> {
  return (source) =>
    defer(() => {
      const snapshots = new Map<string, S>();
      const memo = createFastPathMemo();
      /** The snapshot to emit for an event, or `undefined`; throws for a delta that cannot be applied. */
      const accumulate = ({ event, data }: { event: string; data: unknown }): S | undefined => {
        if (!isLifecycleEvent(kind, event)) return undefined; // another kind's event: before reading its id
        const id = (data as { id?: unknown } | undefined)?.id;
        if (typeof id !== 'string') return undefined;
        const step = followLifecycle(kind, snapshots.get(id), event, data, memo);
        if (step === undefined) return undefined;
        snapshots.set(id, step.snapshot);
        return step.emit ? step.snapshot : undefined;
      };
      return source.pipe(
        map(accumulate),
        filter((snapshot): snapshot is S => snapshot !== undefined),
      );
    });
}
