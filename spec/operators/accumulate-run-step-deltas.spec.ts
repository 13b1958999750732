import { accumulateRunStepDeltas } from '../../src/operators/accumulate-run-step-deltas';
import type { AssistantStreamEvent, RunStep } from '../../src/schema';
import { makeRunStep, messageDelta, stepCompleted, stepCreated, stepDelta, stepInProgress } from '../../src/testing';
import { itBehavesLikeAnOperator, newScheduler } from '../support/operator-checklist';

const toolStep = { id: 'step_t', type: 'tool_calls' as const, step_details: { type: 'tool_calls' as const, tool_calls: [] } };
const created = stepCreated(toolStep);
const first = stepDelta('step_t', [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '', output: null } }]);
const frag1 = stepDelta('step_t', [{ index: 0, type: 'function', function: { arguments: '{"city":' } }]);
const frag2 = stepDelta('step_t', [{ index: 0, type: 'function', function: { arguments: '"Paris"}' } }]);
const withCall = (args: string): RunStep =>
  makeRunStep({ ...toolStep, step_details: { type: 'tool_calls', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: args, output: null } }] } });
const completed = stepCompleted({ ...toolStep, step_details: withCall('{"city":"Paris"}').step_details });

describe('accumulateRunStepDeltas', () => {
  itBehavesLikeAnOperator(() => accumulateRunStepDeltas(), {
    source: 'mcfab|',
    sourceValues: { m: messageDelta('msg_1', 'x'), c: created, f: first, a: frag1, b: frag2 },
    expected: '-wxyz|',
    expectedValues: { w: created.data, x: withCall(''), y: withCall('{"city":'), z: withCall('{"city":"Paris"}') },
  });

  it('emits the server object on completed, failed, cancelled and expired; in_progress replaces silently', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const values: Record<string, AssistantStreamEvent> = { c: created, p: stepInProgress(toolStep), f: first, d: completed };
      expectObservable(cold('cpfd|', values).pipe(accumulateRunStepDeltas())).toBe('c-fd|', { c: created.data, f: withCall(''), d: completed.data });
      for (const name of ['thread.run.step.failed', 'thread.run.step.cancelled', 'thread.run.step.expired'] as const) {
        const end = { event: name, data: makeRunStep({ ...toolStep, status: name.split('.').pop() as RunStep['status'] }) } as AssistantStreamEvent;
        expectObservable(cold('ce|', { c: created, e: end }).pipe(accumulateRunStepDeltas())).toBe('ce|', { c: created.data, e: end.data });
      }
    });
  });

  it('merges code interpreter input fragments and outputs by their own index', () => {
    const ci = { id: 'step_c', type: 'tool_calls' as const, step_details: { type: 'tool_calls' as const, tool_calls: [] } };
    const events: Record<string, AssistantStreamEvent> = {
      c: stepCreated(ci),
      a: stepDelta('step_c', [{ index: 0, id: 'call_c', type: 'code_interpreter', code_interpreter: { input: '', outputs: [] } }]),
      b: stepDelta('step_c', [{ index: 0, type: 'code_interpreter', code_interpreter: { input: 'print(1)' } }]),
      l: stepDelta('step_c', [{ index: 0, type: 'code_interpreter', code_interpreter: { outputs: [{ index: 0, type: 'logs', logs: '1' }] } }]),
      m: stepDelta('step_c', [{ index: 0, type: 'code_interpreter', code_interpreter: { outputs: [{ index: 0, type: 'logs', logs: '\n' }] } }]),
    };
    const seen: RunStep[] = [];
    newScheduler().run(({ cold }) => cold('cablm|', events).pipe(accumulateRunStepDeltas()).subscribe((s) => seen.push(s)));
    expect(seen[seen.length - 1]!.step_details).toEqual({
      type: 'tool_calls',
      tool_calls: [{ id: 'call_c', type: 'code_interpreter', code_interpreter: { input: 'print(1)', outputs: [{ type: 'logs', logs: '1\n' }] } }],
    });
  });

  it('starts a snapshot from a delta whose step was never created', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('f|', { f: first }).pipe(accumulateRunStepDeltas())).toBe('f|', {
        f: expect.objectContaining({ id: 'step_t', object: 'thread.run.step', type: 'tool_calls', status: 'in_progress' }),
      });
    });
  });

  it('errors with invalid_delta on a negative index, after the snapshots before it', () => {
    const bad = stepDelta('step_t', [{ index: -1, type: 'function', function: { arguments: 'x' } }]);
    newScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('cxf|', { c: created, x: bad, f: first } as Record<string, AssistantStreamEvent>).pipe(accumulateRunStepDeltas())).toBe(
        'c#',
        { c: created.data },
        expect.objectContaining({ code: 'invalid_delta' }),
      );
    });
  });
});
