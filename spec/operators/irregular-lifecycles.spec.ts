// Azure's lifecycle irregularities (../shared/spec/AZURE-NOTES.md), followed by every operator they reach:
// a repeated created, a second thread.run.created, a continuation opening with step.completed for a step the stream
// never saw, a delta after completed. Nothing hangs, nothing is dropped.
import { map, mergeMap, toArray, type GroupedObservable, type Observable } from 'rxjs';
import { EMPTY_RUN_RESULT, reduceRunResult } from '../../src/accumulate/run-result';
import { collectRunResult } from '../../src/operators/collect-run-result';
import { messageLifecycles } from '../../src/operators/message-lifecycles';
import { runSnapshots } from '../../src/operators/run-snapshots';
import { runStepLifecycles } from '../../src/operators/run-step-lifecycles';
import { toolCallLifecycles } from '../../src/operators/tool-call-lifecycles';
import { untilRunTerminal } from '../../src/operators/until-run-terminal';
import type { AssistantStreamEvent, RunStep } from '../../src/schema';
import {
  makeRunStep,
  messageCompleted,
  messageCreated,
  messageDelta,
  runCompleted,
  runCreated,
  runInProgress,
  runStepCompleted,
  runStepCreated,
  runStepDelta,
} from '../../src/testing';
import { newScheduler } from '../support/operator-checklist';

const toolStep = { id: 'step_m', type: 'tool_calls' as const, step_details: { type: 'tool_calls' as const, tool_calls: [] } };
const mcp = (output: string | null) => ({
  id: 'call_m',
  type: 'mcp',
  name: 'search',
  server_label: 'github',
  arguments: '{}',
  output,
});
const stepWith = (output: string | null, status: RunStep['status'] = 'in_progress'): RunStep =>
  makeRunStep({ ...toolStep, status, step_details: { type: 'tool_calls', tool_calls: [mcp(output)] } } as Partial<RunStep>);

const events: Record<string, AssistantStreamEvent> = {
  r: runCreated(),
  R: runCreated({ status: 'in_progress' }), // the continuation's second thread.run.created for the same run
  i: runInProgress(),
  c: runStepCreated(toolStep),
  m: runStepDelta('step_m', [{ index: 0, ...mcp(null) }] as never),
  d: runStepCompleted(stepWith(null, 'completed')),
  o: runStepDelta('step_m', [{ index: 0, type: 'mcp', output: 'found it' }] as never), // after completed
  M: messageCreated(),
  a: messageDelta('msg_1', 'Hi'),
  F: messageCompleted('Hi'),
  t: runCompleted(),
};

const tagged =
  <T>(describe: (value: T) => string) =>
  (groups: Observable<GroupedObservable<string, T>>) =>
    groups.pipe(mergeMap((group) => group.pipe(map((value) => `${group.key}:${describe(value)}`))));
const ends =
  <T>(describe: (value: T) => string) =>
  (groups: Observable<GroupedObservable<string, T>>) =>
    groups.pipe(
      mergeMap((group) =>
        group.pipe(
          toArray(),
          map((all) => `${group.key}:${all.map(describe).join('/')}`),
        ),
      ),
    );

const outputOf = (step: RunStep) =>
  step.step_details.type === 'tool_calls'
    ? String((step.step_details.tool_calls[0] as { output?: unknown } | undefined)?.output)
    : '-';

describe('runStepLifecycles', () => {
  it('a repeated created adds nothing to the open group; a delta after completed opens a new group of one final snapshot', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const source = cold('cmcdo|', events);
      const describe = (s: RunStep) => `${s.status}:${outputOf(s)}`;
      expectObservable(source.pipe(runStepLifecycles(), ends(describe))).toBe('---xy|', {
        x: 'step_m:in_progress:undefined/in_progress:null/completed:null',
        y: 'step_m:completed:found it',
      });
    });
  });

  it('a continuation opening with completed for a step never seen gives a group of that one snapshot, complete at once', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('d|', events).pipe(runStepLifecycles(), ends(outputOf))).toBe('x|', { x: 'step_m:null' });
    });
  });
});

describe('toolCallLifecycles', () => {
  const describe = (s: { phase: string; toolCall: unknown }) => `${s.phase}:${(s.toolCall as { output?: unknown }).output}`;

  it('a late delta after completed emits the changed call once more as done, in a new group that completes', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const source = cold('cmcdo|', events);
      expectObservable(source.pipe(toolCallLifecycles(), tagged(describe))).toBe('-x-yz|', {
        x: 'call_m:created:null',
        y: 'call_m:done:null',
        z: 'call_m:done:found it',
      });
      expectObservable(source.pipe(toolCallLifecycles(), ends(describe))).toBe('---yz|', {
        y: 'call_m:created:null/done:null',
        z: 'call_m:done:found it',
      });
    });
  });

  it('a step completed that this stream never saw gives each call a done group', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('d|', events).pipe(toolCallLifecycles(), ends(describe))).toBe('x|', { x: 'call_m:done:null' });
    });
  });

  it('a step completed again unchanged emits nothing more', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('dd|', events).pipe(toolCallLifecycles(), tagged(describe))).toBe('x-|', { x: 'call_m:done:null' });
    });
  });
});

describe('messageLifecycles', () => {
  it('a repeated created adds nothing; a late delta after completed opens a group of one snapshot on top of the completed one', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const source = cold('MaMFa|', events);
      const text = (m: { status: string; content: unknown[] }) =>
        `${m.status}:${(m.content[0] as { text?: { value: string } } | undefined)?.text?.value ?? ''}`;
      expectObservable(source.pipe(messageLifecycles(), ends(text))).toBe('---xy|', {
        x: 'msg_1:in_progress:/in_progress:Hi/completed:Hi',
        y: 'msg_1:completed:HiHi',
      });
    });
  });
});

describe('runSnapshots and untilRunTerminal', () => {
  it('a second thread.run.created is one more run snapshot, and does not end the run', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const source = cold('riRat|', events);
      expectObservable(
        source.pipe(
          runSnapshots(),
          map((run) => run.status),
        ),
      ).toBe('riR-t|', {
        r: 'queued',
        i: 'in_progress',
        R: 'in_progress',
        t: 'completed',
      });
      expectObservable(source.pipe(untilRunTerminal())).toBe('riRa(t|)', events);
    });
  });
});

describe('collectRunResult and reduceRunResult', () => {
  const expected = {
    run: runCompleted().data,
    thread: undefined,
    messages: [{ ...messageCompleted('Hi').data }],
    steps: [{ ...stepWith('found it', 'completed'), completed_at: (events['d']!.data as RunStep).completed_at }],
    eventCount: 9,
  };

  it('follows a continuation: second run.created, step.completed never created, a late delta, a repeated created', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const source = cold('Rd(oc)MaMFt|', events);
      expectObservable(source.pipe(collectRunResult())).toBe('-----------(x|)', {
        x: { ...expected, steps: [{ ...(events['d']!.data as RunStep), step_details: stepWith('found it').step_details }] },
      });
    });
  });

  it('reduceRunResult gives the same result, step by step', () => {
    const sequence = ['R', 'd', 'o', 'c', 'M', 'a', 'M', 'F', 't'].map((key) => events[key]!);
    const result = sequence.reduce(reduceRunResult, EMPTY_RUN_RESULT);
    expect(result).toEqual({
      ...expected,
      steps: [{ ...(events['d']!.data as RunStep), step_details: stepWith('found it').step_details }],
    });
  });
});
