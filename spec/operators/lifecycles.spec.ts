import { map, mergeMap, toArray, type GroupedObservable, type Observable } from 'rxjs';
import { messageLifecycles } from '../../src/operators/message-lifecycles';
import { runStepLifecycles } from '../../src/operators/run-step-lifecycles';
import { toolCallLifecycles } from '../../src/operators/tool-call-lifecycles';
import type { AssistantStreamEvent, RunStep } from '../../src/schema';
import {
  messageCompleted,
  messageCreated,
  messageDelta,
  runCreated,
  runStepCompleted,
  runStepCreated,
  runStepDelta,
} from '../../src/testing';
import { itBehavesLikeAnOperator, newScheduler } from '../support/operator-checklist';

/** Flattens groups into `key:value` strings, in emission order, so a marble can show which group said what. */
const tagged =
  <T>(describe: (value: T) => string) =>
  (groups: Observable<GroupedObservable<string, T>>) =>
    groups.pipe(mergeMap((group) => group.pipe(map((value) => `${group.key}:${describe(value)}`))));
const textOf = (m: { content: unknown[] }) => (m.content[0] as { text?: { value: string } } | undefined)?.text?.value ?? '';

const m1 = messageCreated();
const m2 = messageCreated({ id: 'msg_2' });
const events: Record<string, AssistantStreamEvent> = {
  r: runCreated(),
  a: m1,
  b: m2,
  x: messageDelta('msg_1', 'one'),
  y: messageDelta('msg_2', 'two'),
  X: messageCompleted('one'),
  Y: messageCompleted('two', { id: 'msg_2' }),
};

describe('messageLifecycles', () => {
  itBehavesLikeAnOperator(
    () => (s: Observable<AssistantStreamEvent>) =>
      s.pipe(
        messageLifecycles(),
        tagged((m) => `${m.status}:${textOf(m)}`),
      ),
    {
      source: 'rax|',
      sourceValues: events,
      expected: '-ab|',
      expectedValues: { a: 'msg_1:in_progress:', b: 'msg_1:in_progress:one' },
    },
  );

  it('gives each message its own stream, which completes right after its final snapshot', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const groups = cold('abxyXY|', events).pipe(messageLifecycles());
      const ends = groups.pipe(
        mergeMap((group) =>
          group.pipe(
            toArray(),
            map((all) => `${group.key}:${all.map(textOf).join('/')}`),
          ),
        ),
      );
      expectObservable(ends).toBe('----XY|', { X: 'msg_1:/one/one', Y: 'msg_2:/two/two' });
      expectObservable(groups.pipe(map((g) => g.key))).toBe('ab----|', { a: 'msg_1', b: 'msg_2' });
    });
  });
});

describe('runStepLifecycles', () => {
  const s1 = runStepCreated({ id: 'step_1' });
  const s2 = runStepCreated({ id: 'step_2' });
  itBehavesLikeAnOperator(
    () => (s: Observable<AssistantStreamEvent>) =>
      s.pipe(
        runStepLifecycles(),
        tagged((step: RunStep) => step.status),
      ),
    {
      source: 'ab|',
      sourceValues: { a: s1, b: s2 },
      expected: 'ab|',
      expectedValues: { a: 'step_1:in_progress', b: 'step_2:in_progress' },
    },
  );

  it('completes a step stream right after its final snapshot', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const groups = cold('acb|', { a: s1, c: runStepCompleted({ id: 'step_1' }), b: s2 }).pipe(runStepLifecycles());
      // step_2 never ends: the source's completion completes its stream.
      expectObservable(
        groups.pipe(
          mergeMap((g) =>
            g.pipe(
              toArray(),
              map((all) => `${g.key}:${all.map((s) => s.status).join('/')}`),
            ),
          ),
        ),
      ).toBe('-x-(y|)', {
        x: 'step_1:in_progress/completed',
        y: 'step_2:in_progress',
      });
    });
  });
});

describe('toolCallLifecycles', () => {
  const toolStep = { id: 'step_t', type: 'tool_calls' as const, step_details: { type: 'tool_calls' as const, tool_calls: [] } };
  const describeCall = (s: { phase: string; index: number; toolCall: { type: string; function?: { arguments: string } } }) =>
    `${s.phase}:${s.index}:${s.toolCall.function?.arguments ?? s.toolCall.type}`;
  const values: Record<string, AssistantStreamEvent> = {
    c: runStepCreated(toolStep),
    f: runStepDelta('step_t', [
      { index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '', output: null } },
    ]),
    g: runStepDelta('step_t', [
      { index: 1, id: 'call_2', type: 'function', function: { name: 'g', arguments: '', output: null } },
    ]),
    a: runStepDelta('step_t', [{ index: 0, type: 'function', function: { arguments: '{}' } }]),
    d: runStepCompleted({
      ...toolStep,
      step_details: {
        type: 'tool_calls',
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}', output: 'one' } },
          { id: 'call_2', type: 'function', function: { name: 'g', arguments: '', output: 'two' } },
        ],
      },
    }),
  };

  itBehavesLikeAnOperator(() => (s: Observable<AssistantStreamEvent>) => s.pipe(toolCallLifecycles(), tagged(describeCall)), {
    source: 'cfa|',
    sourceValues: values,
    expected: '-xy|',
    expectedValues: { x: 'call_1:created:0:', y: 'call_1:delta:0:{}' },
  });

  it('emits only the calls that changed, then done for each call when the step ends', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const source = cold('cfga(d|)', values);
      expectObservable(source.pipe(toolCallLifecycles(), tagged(describeCall))).toBe('-xyz(uv|)', {
        x: 'call_1:created:0:',
        y: 'call_2:created:1:',
        z: 'call_1:delta:0:{}',
        u: 'call_1:done:0:{}',
        v: 'call_2:done:1:',
      });
      const completions = source.pipe(
        toolCallLifecycles(),
        mergeMap((g) =>
          g.pipe(
            toArray(),
            map((all) => `${g.key}:${all.length}`),
          ),
        ),
      );
      expectObservable(completions).toBe('----(uv|)', { u: 'call_1:3', v: 'call_2:2' });
    });
  });
});
