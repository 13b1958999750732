import { Observable, Subject, takeWhile, type GroupedObservable, type OperatorFunction } from 'rxjs';

/**
 * Groups values by key into inner Observables that complete right after their last value (`isLast`), the engine of
 * the lifecycle operators. Unlike RxJS `groupBy` with a `duration` (which keeps the source subscribed while a
 * duration is pending), unsubscribing from the result releases the source at once.
 * Groups are hot: each receives the values that arrive after it is emitted. A source error or completion reaches
 * every open group, then the result.
 */
export function groupUntil<T>(keyOf: (value: T) => string, isLast: (value: T) => boolean): OperatorFunction<T, GroupedObservable<string, T>> {
  return (source) =>
    new Observable<GroupedObservable<string, T>>((subscriber) => {
      const groups = new Map<string, Subject<T>>();
      const endAll = (end: (group: Subject<T>) => void) => {
        const open = [...groups.values()];
        groups.clear();
        open.forEach(end);
      };
      // `takeWhile` links the source to this subscriber, so a synchronous source stops once the result is unsubscribed.
      return source.pipe(takeWhile(() => !subscriber.closed)).subscribe({
        next(value) {
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
    });
}
