import { EMPTY, Observable, take } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { ofEventType, type AssistantStreamEvent, type AssistantStreamEventOf } from '../../src';
import { codeDelta, ev, message, run, textDelta, thread } from './builders';

// Marble values: a small run, typed as the union so the operator sees what it sees in real use.
const values: Record<string, AssistantStreamEvent> = {
  t: ev('thread.created', thread()),
  r: ev('thread.run.created', run()),
  m: ev('thread.message.created', message()),
  d: ev('thread.message.delta', textDelta('Hi', true)),
  s: ev('thread.run.step.delta', codeDelta('print(1)')),
  c: ev('thread.run.completed', run({ status: 'completed', completed_at: 1700000009 })),
  f: ev('thread.run.failed', run({ status: 'failed', failed_at: 1700000009 })),
};

describe('ofEventType', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  it('lets through only the events with the given name', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<AssistantStreamEvent>('-t-r-m-d-s-d-c-|', values);
      expectObservable(source.pipe(ofEventType('thread.message.delta'))).toBe('-------d---d---|', values);
      expectSubscriptions(source.subscriptions).toBe('^--------------!');
    });
  });

  it('lets through the events with any of several names, in source order', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const source = cold<AssistantStreamEvent>('-t-r-d-s-c-f-|', values);
      expectObservable(source.pipe(ofEventType('thread.run.completed', 'thread.run.step.delta', 'thread.run.created'))).toBe(
        '---r---s-c---|',
        values,
      );
    });
  });

  it('passes a source error through, after the matching events before it', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const error = new Error('stream failed');
      const source = cold<AssistantStreamEvent>('-d-t-#', values, error);
      expectObservable(source.pipe(ofEventType('thread.message.delta'))).toBe('-d---#', values, error);
      expectSubscriptions(source.subscriptions).toBe('^----!');
    });
  });

  it('mirrors empty, never and error sources', () => {
    scheduler.run(({ cold, expectObservable }) => {
      expectObservable(cold<AssistantStreamEvent>('|').pipe(ofEventType('thread.created'))).toBe('|');
      expectObservable(cold<AssistantStreamEvent>('-').pipe(ofEventType('thread.created'))).toBe('-');
      expectObservable(cold<AssistantStreamEvent>('#', undefined, 'boom').pipe(ofEventType('thread.created'))).toBe(
        '#',
        undefined,
        'boom',
      );
      // A source whose events never match stays silent but still completes.
      expectObservable(cold<AssistantStreamEvent>('-t-r-|', values).pipe(ofEventType('thread.message.delta'))).toBe('-----|');
    });
  });

  it('unsubscribes from the source when the result is unsubscribed early', () => {
    scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot<AssistantStreamEvent>('-d-^-d-t-d-d-|', values);
      expectObservable(source.pipe(ofEventType('thread.message.delta')), '^--!').toBe('--d-', values);
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it('stops a synchronous source when `take` has enough', () => {
    let emitted = 0;
    const order = ['t', 'd', 'r', 'd', 'd', 'c'];
    const source = new Observable<AssistantStreamEvent>((subscriber) => {
      for (const key of order) {
        if (subscriber.closed) return;
        emitted++;
        subscriber.next(values[key]!);
      }
      subscriber.complete();
    });
    scheduler.run(({ expectObservable }) => {
      expectObservable(source.pipe(ofEventType('thread.message.delta'), take(2))).toBe('(dd|)', values);
    });
    // t, d, r, d: the source is closed right after the second delta and never emits the rest.
    expect(emitted).toBe(4);
  });

  it('rejects a call with no event name, or a name that is not a string, at call time', () => {
    expect(() => (ofEventType as (...names: unknown[]) => unknown)()).toThrow(TypeError);
    expect(() => (ofEventType as (...names: unknown[]) => unknown)('thread.created', 42)).toThrow(TypeError);
  });

  describe('types (checked by tsc)', () => {
    /** True when A and B are exactly the same type (not merely mutually assignable through `any`). */
    type Equals<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;

    const events$: Observable<AssistantStreamEvent> = EMPTY;

    it('narrows to the member of the given name, exactly', () => {
      const _deltas$ = events$.pipe(ofEventType('thread.message.delta'));
      const check: Equals<typeof _deltas$, Observable<AssistantStreamEventOf<'thread.message.delta'>>> = true;
      const _ends$ = events$.pipe(ofEventType('thread.run.completed', 'thread.run.failed'));
      const checkSeveral: Equals<
        typeof _ends$,
        Observable<AssistantStreamEventOf<'thread.run.completed' | 'thread.run.failed'>>
      > = true;
      // The helper itself tells types apart (so the lines above can fail).
      const differs: Equals<Observable<AssistantStreamEvent>, Observable<AssistantStreamEventOf<'thread.message.delta'>>> = false;
      expect([check, checkSeveral, differs]).toEqual([true, true, false]);
    });

    it('does not compile with a misspelt name', () => {
      // @ts-expect-error: 'thread.mesage.delta' is not an event name of the source.
      const misspelt = () => events$.pipe(ofEventType('thread.mesage.delta'));
      // @ts-expect-error: the names are constrained by the source type, even for a name of another union.
      const foreign = () => new Observable<{ event: 'a' } | { event: 'b' }>().pipe(ofEventType('thread.created'));
      expect([typeof misspelt, typeof foreign]).toEqual(['function', 'function']);
    });
  });
});
