import { EMPTY, NEVER, Observable, take, throwError, type OperatorFunction } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';

/** A TestScheduler asserting with jest's deep equality. */
export const newScheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

/** One sample run of an operator: source marbles and values, and what the operator must emit for them. */
export interface OperatorSample<T, R> {
  source: string;
  sourceValues: Record<string, T>;
  expected: string;
  expectedValues: Record<string, R>;
}

/**
 * The uniform checklist every operator of the library passes (the RxJS spec files' habit): values, source error
 * after values, empty / never / error sources, early unsubscribe reaching the source, and a synchronous source
 * cut by `take` that stops reading it.
 */
export function itBehavesLikeAnOperator<T, R>(
  makeOperator: () => OperatorFunction<T, R>,
  sample: OperatorSample<T, R>,
  /** For reducers: they emit once, on completion, and what they emit for an empty source. */
  reducer?: { empty: R },
): void {
  const emitsOnlyOnCompletion = reducer !== undefined;
  it('emits the expected values and mirrors completion', () => {
    newScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold(sample.source, sample.sourceValues);
      expectObservable(source.pipe(makeOperator())).toBe(sample.expected, sample.expectedValues);
      expectSubscriptions(source.subscriptions).toBe(
        `^${' '.repeat(Math.max(0, sample.source.indexOf('|') - 1))}!`.replace(/ /g, '-'),
      );
    });
  });

  it('passes a source error through after the values before it', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const erroring = sample.source.replace('|', '#');
      const expected = emitsOnlyOnCompletion ? `${'-'.repeat(sample.source.indexOf('|'))}#` : sample.expected.replace('|', '#');
      expectObservable(cold(erroring, sample.sourceValues, new Error('boom')).pipe(makeOperator())).toBe(
        expected,
        sample.expectedValues,
        new Error('boom'),
      );
    });
  });

  it('completes on an empty source, never ends on a silent one, errors on an erroring one', () => {
    newScheduler().run(({ expectObservable }) => {
      if (reducer) expectObservable((EMPTY as Observable<T>).pipe(makeOperator())).toBe('(x|)', { x: reducer.empty });
      else expectObservable((EMPTY as Observable<T>).pipe(makeOperator())).toBe('|');
      expectObservable((NEVER as Observable<T>).pipe(makeOperator())).toBe('-');
      expectObservable(throwError(() => new Error('x')).pipe(makeOperator())).toBe('#', undefined, new Error('x'));
    });
  });

  it('unsubscribes from the source when unsubscribed early', () => {
    newScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot(`---${sample.source.replace('|', '-')}`, sample.sourceValues);
      expectObservable(source.pipe(makeOperator()), '^-!').toBe('-');
      expectSubscriptions(source.subscriptions).toBe('^-!');
    });
  });

  it('stops reading a synchronous source cut by take(1)', () => {
    const values = Object.values(sample.sourceValues);
    const firstExpected = Object.values(sample.expectedValues)[0];
    let emitted = 0;
    const source = new Observable<T>((subscriber) => {
      for (let round = 0; round < 1000 && !subscriber.closed; round++) {
        for (const value of values) {
          if (subscriber.closed) break;
          emitted++;
          subscriber.next(value);
        }
      }
      subscriber.complete();
    });
    const seen: R[] = [];
    source.pipe(makeOperator(), take(1)).subscribe((value) => seen.push(value));
    if (emitsOnlyOnCompletion) {
      expect(seen).toHaveLength(1);
      return;
    }
    expect(seen).toEqual(firstExpected === undefined ? [] : [firstExpected]);
    expect(emitted).toBeLessThan(values.length * 1000);
  });
}
