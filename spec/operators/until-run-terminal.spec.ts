import { untilRunTerminal } from '../../src/operators/until-run-terminal';
import type { AssistantStreamEvent } from '../../src/schema';
import { messageDelta, runCompleted, runCreated, runEvent, runInProgress, runRequiresAction } from '../../src/testing';
import { itBehavesLikeAnOperator, newScheduler } from '../support/operator-checklist';

const c = runCreated();
const p = runInProgress();
const d = messageDelta('msg_1', 'Hi');
const t = runCompleted();
const values: Record<string, AssistantStreamEvent> = { c, p, d, t };

describe('untilRunTerminal', () => {
  itBehavesLikeAnOperator(() => untilRunTerminal<AssistantStreamEvent>(), {
    source: 'cpd|',
    sourceValues: { c, p, d },
    expected: 'cpd|',
    expectedValues: { c, p, d },
  });

  it('completes right after the terminal run event, and unsubscribes from the source', () => {
    newScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('cpdtd|', values);
      expectObservable(source.pipe(untilRunTerminal())).toBe('cpd(t|)', values);
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it.each(['completed', 'incomplete', 'failed', 'cancelled', 'expired'] as const)(
    'ends on a run whose status is %s',
    (status) => {
      newScheduler().run(({ cold, expectObservable }) => {
        const end = runEvent(`thread.run.${status}`);
        expectObservable(cold('ced', { c, e: end, d }).pipe(untilRunTerminal())).toBe('c(e|)', { c, e: end });
      });
    },
  );

  it('judges by data.status: an incomplete run sent as thread.run.completed ends it, and a terminal status under any run event name too', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const incompleteAsCompleted = runEvent('thread.run.completed', {
        status: 'incomplete',
        incomplete_details: { reason: 'max_completion_tokens' },
      });
      expectObservable(cold('cid', { c, i: incompleteAsCompleted, d }).pipe(untilRunTerminal())).toBe('c(i|)', {
        c,
        i: incompleteAsCompleted,
      });
      const failedAsInProgress = runEvent('thread.run.in_progress', { status: 'failed' });
      expectObservable(cold('cfd', { c, f: failedAsInProgress, d }).pipe(untilRunTerminal())).toBe('c(f|)', {
        c,
        f: failedAsInProgress,
      });
    });
  });

  it('treats requires_action and cancelling as pauses, not ends', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const r = runRequiresAction([{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } }]);
      const x = runEvent('thread.run.cancelling');
      expectObservable(cold('crx|', { c, r, x }).pipe(untilRunTerminal())).toBe('crx|', { c, r, x });
    });
  });

  it('does not mistake a completed step for a completed run', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const s: AssistantStreamEvent = {
        event: 'thread.run.step.completed',
        data: { ...(runCompleted().data as object) } as never,
      };
      expectObservable(cold('cs|', { c, s }).pipe(untilRunTerminal())).toBe('cs|', { c, s });
    });
  });
});
