import { map, mergeMap, Subject, take, toArray } from 'rxjs';
import { groupUntil } from '../../src/operators/group-until';
import { newScheduler } from '../support/operator-checklist';

const byLetter = groupUntil<string>(
  (value) => value[0]!,
  (value) => value.endsWith('!'),
);

describe('groupUntil', () => {
  it('groups by key and completes a group right after its last value; a later value for that key opens a new group', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const source = cold('abcde|', { a: 'a1', b: 'b1', c: 'a2!', d: 'b2', e: 'a3!' });
      const ends = source.pipe(
        byLetter,
        mergeMap((group) =>
          group.pipe(
            toArray(),
            map((all) => `${group.key}:${all.join(',')}`),
          ),
        ),
      );
      expectObservable(ends).toBe('--x-y(z|)', { x: 'a:a1,a2!', y: 'a:a3!', z: 'b:b1,b2' });
    });
  });

  it('completes every open group when the result is unsubscribed (no group hangs), and releases the source', () => {
    newScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('-a-b-c-', { a: 'a1', b: 'b1', c: 'a2' });
      const groups = source.pipe(byLetter, take(1));
      const inner = groups.pipe(mergeMap((group) => group.pipe(toArray())));
      expectObservable(inner).toBe('-(x|)', { x: ['a1'] });
      expectSubscriptions(source.subscriptions).toBe('^!');
    });
  });

  it("an open group's subscribers get complete when the result is unsubscribed, not silence", () => {
    const source = new Subject<string>();
    const completed: string[] = [];
    const values: string[] = [];
    const subscription = source
      .pipe(byLetter)
      .subscribe((group) => group.subscribe({ next: (value) => values.push(value), complete: () => completed.push(group.key) }));
    source.next('a1');
    source.next('b1');
    source.next('a2!');
    expect(completed).toEqual(['a']);
    subscription.unsubscribe();
    expect(completed).toEqual(['a', 'b']);
    expect(values).toEqual(['a1', 'b1', 'a2!']);
    expect(source.observed).toBe(false);
  });

  it('a source error reaches every open group, then the result', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const source = cold('ab#', { a: 'a1', b: 'b1' }, new Error('boom'));
      const inner = source.pipe(
        byLetter,
        mergeMap((group) => group),
      );
      expectObservable(inner).toBe('ab#', { a: 'a1', b: 'b1' }, new Error('boom'));
    });
  });
});
