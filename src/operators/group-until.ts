import { Observable, Subject, takeWhile, type GroupedObservable, type OperatorFunction } from 'rxjs';

/**
 * Groups values by key into inner Observables that complete right after their last value (`isLast`), the engine of
 * the lifecycle operators. Unlike RxJS `groupBy` with a `duration` (which keeps the source subscribed while a
 * duration is pending), unsubscribing from the result releases the source at once.
 * Groups are hot: each receives the values that arrive after it is emitted. A source error or completion reaches
 * every open group, then the result. When the result is unsubscribed (say, `take(1)` on the groups), every open group
 * completes at once: the source is released, so no value can reach them any more, and a group subscriber must not
 * wait forever for one. A value for a key whose group has completed opens a new group with that key.
 *
 * ```
 * source:         --a1--b1--a2(last)--b2--|
 * result:         --A---B-----------------|
 *   A:            --a1------a2|
 *   B:                --b1----------b2----|
 * take(1) on it:  --(A|)        A: --a1|   (completed by the unsubscription)
 * ```
 *
 * @example
 * ```ts
 * // internal (src/operators/group-until.ts), the engine of messageLifecycles and friends
 * events.pipe(groupUntil((e) => e.data.id, (e) => e.event === 'thread.message.completed'));
 * ```
 */
export function groupUntil<T>(
  keyOf: (value: T) => string,
  isLast: (value: T) => boolean,
): OperatorFunction<T, GroupedObservable<string, T>> {
  return (source) =>
    new Observable<GroupedObservable<string, T>>((subscriber) => {
      const groups = new Map<string, Subject<T>>();
      // An unsubscription from inside `next` (`take(1)` on the groups) waits until the value reached its group.
      let delivering = false;
      let released = false;
      const endAll = (end: (group: Subject<T>) => void) => {
        const open = [...groups.values()];
        groups.clear();
        open.forEach(end);
      };
      // `takeWhile` links the source to this subscriber, so a synchronous source stops once the result is unsubscribed.
      const subscription = source.pipe(takeWhile(() => !subscriber.closed)).subscribe({
        next(value) {
          delivering = true;
          const key = keyOf(value);
          let group = groups.get(key);
          if (group === undefined) {
            group = new Subject<T>();
            groups.set(key, group);
            subscriber.next(Object.assign(group.asObservable(), { key }));
          }
          group.next(value);
          if (isLast(value)) {
            groups.delete(key);
            group.complete();
          }
          delivering = false;
          if (released) endAll((open) => open.complete());
        },
        error(error: unknown) {
          endAll((group) => group.error(error));
          subscriber.error(error);
        },
        complete() {
          if (subscriber.closed) return;
          endAll((group) => group.complete());
          subscriber.complete();
        },
      });
      return () => {
        subscription.unsubscribe();
        released = true;
        if (!delivering) endAll((group) => group.complete());
      };
    });
}
