import { Observable, type OperatorFunction } from 'rxjs';

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
    new Observable<S>((subscriber) => {
      const snapshots = new Map<string, S>();
      return source.subscribe({
        next({ event, data }) {
          let snapshot: S;
          if (event === kind.delta) {
            const delta = data as D;
            const previous = snapshots.get(delta.id);
            try {
              snapshot = previous ? kind.apply(previous, delta) : kind.fromDelta(delta);
            } catch (error) {
              subscriber.error(error);
              return;
            }
          } else if (event === kind.created) {
            snapshot = data as S;
          } else if (event === kind.inProgress) {
            snapshots.set((data as S).id, data as S);
            return;
          } else if (kind.final.has(event)) {
            snapshots.delete((data as S).id);
            subscriber.next(data as S);
            return;
          } else {
            return;
          }
          snapshots.set(snapshot.id, snapshot);
          subscriber.next(snapshot);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
    });
}
