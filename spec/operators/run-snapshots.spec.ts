import { EMPTY_RUN_RESULT } from '../../src/accumulate/run-result';
import { collectRunResult } from '../../src/operators/collect-run-result';
import { requiredToolCalls } from '../../src/operators/required-tool-calls';
import { runSnapshots } from '../../src/operators/run-snapshots';
import type { AssistantStreamEvent, Message } from '../../src/schema';
import {
  messageCompleted,
  messageCreated,
  messageDelta,
  runCompleted,
  runCreated,
  runInProgress,
  runRequiresAction,
  runStepCreated,
  runStepDelta,
  threadCreated,
} from '../../src/testing';
import { itBehavesLikeAnOperator, newScheduler } from '../support/operator-checklist';

const c = runCreated();
const p = runInProgress();
const d = messageDelta('msg_1', 'Hi');
const t = runCompleted();
const h = threadCreated();
const call = { id: 'call_1', type: 'function' as const, function: { name: 'get_weather', arguments: '{"city":"Paris"}' } };
const r = runRequiresAction([call]);

describe('runSnapshots', () => {
  itBehavesLikeAnOperator(() => runSnapshots(), {
    source: 'cdpt|',
    sourceValues: { c, d, p, t } as Record<string, AssistantStreamEvent>,
    expected: 'c-pt|',
    expectedValues: { c: c.data, p: p.data, t: t.data },
  });

  it('ignores step events, whose names also start with thread.run.', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('s|', { s: runStepCreated() }).pipe(runSnapshots())).toBe('-|');
    });
  });
});

describe('requiredToolCalls', () => {
  itBehavesLikeAnOperator(() => requiredToolCalls(), {
    source: 'cprt|',
    sourceValues: { c, p, r, t } as Record<string, AssistantStreamEvent>,
    expected: '--x-|',
    expectedValues: { x: { run: r.data, toolCalls: [call] } },
  });

  it('emits once per pause, for every round of a multi-round run', () => {
    const second = runRequiresAction([{ ...call, id: 'call_2' }]);
    newScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('rps|', { r, p, s: second } as Record<string, AssistantStreamEvent>).pipe(requiredToolCalls())).toBe(
        'x-y|',
        {
          x: { run: r.data, toolCalls: [call] },
          y: { run: second.data, toolCalls: [{ ...call, id: 'call_2' }] },
        },
      );
    });
  });
});

describe('collectRunResult', () => {
  const events: Record<string, AssistantStreamEvent> = {
    h,
    c,
    s: runStepCreated(),
    m: messageCreated(),
    a: messageDelta('msg_1', 'Hel'),
    b: messageDelta('msg_1', 'lo'),
    t,
  };
  itBehavesLikeAnOperator(
    () => collectRunResult(),
    {
      source: 'hcsmab|',
      sourceValues: events,
      expected: '------(x|)',
      expectedValues: {
        x: {
          run: c.data,
          thread: h.data,
          // Deltas that never sent `annotations` leave none in the snapshot.
          messages: [{ ...messageCreated().data, content: [{ type: 'text', text: { value: 'Hello' } }] } as unknown as Message],
          steps: [runStepCreated().data],
          eventCount: 6,
        },
      },
    },
    { empty: EMPTY_RUN_RESULT },
  );

  it('ends with the final run, the server objects and the accumulated tool calls', () => {
    const toolStep = runStepCreated({ id: 'step_t', type: 'tool_calls', step_details: { type: 'tool_calls', tool_calls: [] } });
    const argsDelta = runStepDelta('step_t', [
      { index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}', output: null } },
    ]);
    const final = messageCompleted('Hello');
    newScheduler().run(({ cold, expectObservable }) => {
      const source = cold('cmabxyft|', { ...events, x: toolStep, y: argsDelta, f: final } as Record<
        string,
        AssistantStreamEvent
      >);
      expectObservable(source.pipe(collectRunResult())).toBe('--------(r|)', {
        r: {
          run: t.data,
          thread: undefined,
          messages: [final.data],
          steps: [
            {
              ...toolStep.data,
              step_details: {
                type: 'tool_calls',
                tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}', output: null } }],
              },
            },
          ],
          eventCount: 8,
        },
      });
    });
  });
});
