import { defer, filter, map, type OperatorFunction } from 'rxjs';

/** The event names and delta functions of one kind of object (messages, run steps), for {@link accumulateById}. */
export interface AccumulatedKind<S extends { id: string }, D extends { id: string }> {
  created: string;
  inProgress: string;
  delta: string;
  /** The events whose object is final and authoritative. */
  final: ReadonlySet<string>;
  apply(snapshot: S, delta: D): S;
  fromDelta(delta: D): S;
}

/**
 * The shared engine of `accumulateMessageDeltas` and `accumulateRunStepDeltas`: per-subscription snapshots by id,
 * an emission on created, on each delta and on the final object; `in_progress` replaces silently.
 */
export function accumulateById<S extends { id: string }, D extends { id: string }>(
  kind: AccumulatedKind<S, D>,
): OperatorFunction<{ event: string; data: unknown }, S> {
  return (source) =>
    defer(() => {
      const snapshots = new Map<string, S>();
      /** The snapshot to emit for an event, or `undefined`; throws for a delta that cannot be applied. */
      const accumulate = ({ event, data }: { event: string; data: unknown }): S | undefined => {
        if (event === kind.delta) {
          const delta = data as D;
          const previous = snapshots.get(delta.id);
          const snapshot = previous ? kind.apply(previous, delta) : kind.fromDelta(delta);
          snapshots.set(snapshot.id, snapshot);
          return snapshot;
        }
        if (event === kind.created) {
          snapshots.set((data as S).id, data as S);
          return data as S;
        }
        if (event === kind.inProgress) snapshots.set((data as S).id, data as S);
        else if (kind.final.has(event)) {
          snapshots.delete((data as S).id);
          return data as S;
        }
        return undefined;
      };
      return source.pipe(
        map(accumulate),
        filter((snapshot): snapshot is S => snapshot !== undefined),
      );
    });
}
