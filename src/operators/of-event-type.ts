import { filter, type OperatorFunction } from 'rxjs';

/**
 * Lets through only the events with one of the given names, narrowing their type.
 *
 * The names are checked against the source's own event names: a misspelt name does not compile.
 *
 * ```
 * source:               --created--delta--delta--completed--|
 * ofEventType('delta'): ----------delta--delta--------------|
 * ```
 *
 * @example
 * ```ts
 * import { assistantEvents, ofEventType } from 'rx-assistant-stream';
 *
 * assistantEvents(response)
 *   .pipe(ofEventType('thread.run.completed', 'thread.run.failed'))
 *   .subscribe((e) => console.log(e.data.status)); // e.data is a Run
 * ```
 *
 * @param names One or more event names of the source.
 * @returns An operator that filters and narrows to `Extract<T, { event: K }>`.
 */
export function ofEventType<T extends { event: string }, K extends T['event']>(
  ...names: [K, ...K[]]
): OperatorFunction<T, Extract<T, { event: K }>> {
  if (names.length === 0 || names.some((name) => typeof name !== 'string')) {
    throw new TypeError('ofEventType: pass one or more event names');
  }
  if (names.length === 1) {
    const only = names[0];
    return filter((e: T): e is Extract<T, { event: K }> => e.event === only);
  }
  const wanted = new Set<string>(names);
  return filter((e: T): e is Extract<T, { event: K }> => wanted.has(e.event));
}
