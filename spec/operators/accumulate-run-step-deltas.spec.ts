import { setFastPaths } from '../../src/accumulate/fast-paths';
import { accumulateRunStepDeltas } from '../../src/operators/accumulate-run-step-deltas';
import type { AssistantStreamEvent, RunStep } from '../../src/schema';
import { makeRunStep, messageDelta, runStepCompleted, runStepCreated, runStepDelta, runStepInProgress } from '../../src/testing';
import { expectFastPathsLikeGeneralPath, openAIStep } from '../accumulate/support';
import { itBehavesLikeAnOperator, newScheduler } from '../support/operator-checklist';

const toolStep = { id: 'step_t', type: 'tool_calls' as const, step_details: { type: 'tool_calls' as const, tool_calls: [] } };
const created = runStepCreated(toolStep);
const first = runStepDelta('step_t', [
  { index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '', output: null } },
]);
const frag1 = runStepDelta('step_t', [{ index: 0, type: 'function', function: { arguments: '{"city":' } }]);
const frag2 = runStepDelta('step_t', [{ index: 0, type: 'function', function: { arguments: '"Paris"}' } }]);
const withCall = (args: string): RunStep =>
  makeRunStep({
    ...toolStep,
    step_details: {
      type: 'tool_calls',
      tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: args, output: null } }],
    },
  });
const completed = runStepCompleted({ ...toolStep, step_details: withCall('{"city":"Paris"}').step_details });

describe('accumulateRunStepDeltas', () => {
  itBehavesLikeAnOperator(() => accumulateRunStepDeltas(), {
    source: 'mcfab|',
    sourceValues: { m: messageDelta('msg_1', 'x'), c: created, f: first, a: frag1, b: frag2 },
    expected: '-wxyz|',
    expectedValues: { w: created.data, x: withCall(''), y: withCall('{"city":'), z: withCall('{"city":"Paris"}') },
  });

  it('emits the server object on completed, failed, cancelled and expired; in_progress emits nothing', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const values: Record<string, AssistantStreamEvent> = { c: created, p: runStepInProgress(toolStep), f: first, d: completed };
      expectObservable(cold('cpfd|', values).pipe(accumulateRunStepDeltas())).toBe('c-fd|', {
        c: created.data,
        f: withCall(''),
        d: completed.data,
      });
      for (const name of ['thread.run.step.failed', 'thread.run.step.cancelled', 'thread.run.step.expired'] as const) {
        const end = {
          event: name,
          data: makeRunStep({ ...toolStep, status: name.split('.').pop() as RunStep['status'] }),
        } as AssistantStreamEvent;
        expectObservable(cold('ce|', { c: created, e: end }).pipe(accumulateRunStepDeltas())).toBe('ce|', {
          c: created.data,
          e: end.data,
        });
      }
    });
  });

  describe('lifecycle irregularities (AZURE-NOTES)', () => {
    const mcpCall = {
      index: 0,
      id: 'call_m',
      type: 'mcp',
      name: 'search',
      server_label: 'github',
      arguments: '{}',
      output: null,
    };
    const mcpStep = (output: string | null): RunStep =>
      makeRunStep({
        ...toolStep,
        step_details: {
          type: 'tool_calls',
          tool_calls: [{ id: 'call_m', type: 'mcp', name: 'search', server_label: 'github', arguments: '{}', output }],
        },
      } as Partial<RunStep>);
    const values = {
      c: created,
      m: runStepDelta('step_t', [mcpCall] as never),
      d: runStepCompleted({ ...mcpStep(null), status: 'completed' }),
      o: runStepDelta('step_t', [{ index: 0, type: 'mcp', output: 'found it' }] as never),
    } as Record<string, AssistantStreamEvent>;

    it('a repeated created (MCP) neither resets the step nor emits', () => {
      newScheduler().run(({ cold, expectObservable }) => {
        expectObservable(cold('cmc|', values).pipe(accumulateRunStepDeltas())).toBe('cm-|', {
          c: created.data,
          m: mcpStep(null),
        });
      });
    });

    it('a delta after completed applies on top of the completed object (the MCP output)', () => {
      newScheduler().run(({ cold, expectObservable }) => {
        expectObservable(cold('cmdo|', values).pipe(accumulateRunStepDeltas())).toBe('cmdo|', {
          c: created.data,
          m: mcpStep(null),
          d: values['d']!.data,
          o: { ...(values['d']!.data as RunStep), step_details: mcpStep('found it').step_details },
        });
      });
    });

    it('a continuation opening with completed for a step this stream never saw emits that step', () => {
      newScheduler().run(({ cold, expectObservable }) => {
        expectObservable(cold('do|', values).pipe(accumulateRunStepDeltas())).toBe('do|', {
          d: values['d']!.data,
          o: { ...(values['d']!.data as RunStep), step_details: mcpStep('found it').step_details },
        });
      });
    });

    it('a tool call whose type changes at its index errors with invalid_delta after the snapshots before it', () => {
      const other = runStepDelta('step_t', [{ index: 0, type: 'function', function: { arguments: '{' } }]);
      newScheduler().run(({ cold, expectObservable }) => {
        expectObservable(cold('cmx|', { ...values, x: other }).pipe(accumulateRunStepDeltas())).toBe(
          'cm#',
          { c: created.data, m: mcpStep(null) },
          expect.objectContaining({ code: 'invalid_delta', path: 'delta.step_details.tool_calls[0].type' }),
        );
      });
    });
  });

  it('merges code interpreter input fragments and outputs by their own index', () => {
    const ci = { id: 'step_c', type: 'tool_calls' as const, step_details: { type: 'tool_calls' as const, tool_calls: [] } };
    const events: Record<string, AssistantStreamEvent> = {
      c: runStepCreated(ci),
      a: runStepDelta('step_c', [
        { index: 0, id: 'call_c', type: 'code_interpreter', code_interpreter: { input: '', outputs: [] } },
      ]),
      b: runStepDelta('step_c', [{ index: 0, type: 'code_interpreter', code_interpreter: { input: 'print(1)' } }]),
      l: runStepDelta('step_c', [
        { index: 0, type: 'code_interpreter', code_interpreter: { outputs: [{ index: 0, type: 'logs', logs: '1' }] } },
      ]),
      m: runStepDelta('step_c', [
        { index: 0, type: 'code_interpreter', code_interpreter: { outputs: [{ index: 0, type: 'logs', logs: '\n' }] } },
      ]),
    };
    const seen: RunStep[] = [];
    newScheduler().run(({ cold }) =>
      cold('cablm|', events)
        .pipe(accumulateRunStepDeltas())
        .subscribe((s) => seen.push(s)),
    );
    expect(seen[seen.length - 1]!.step_details).toEqual({
      type: 'tool_calls',
      tool_calls: [
        {
          id: 'call_c',
          type: 'code_interpreter',
          code_interpreter: { input: 'print(1)', outputs: [{ type: 'logs', logs: '1\n' }] },
        },
      ],
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
    const bad = runStepDelta('step_t', [{ index: -1, type: 'function', function: { arguments: 'x' } }]);
    newScheduler().run(({ cold, expectObservable }) => {
      expectObservable(
        cold('cxf|', { c: created, x: bad, f: first } as Record<string, AssistantStreamEvent>).pipe(accumulateRunStepDeltas()),
      ).toBe('c#', { c: created.data }, expect.objectContaining({ code: 'invalid_delta' }));
    });
  });
});

describe('accumulateRunStepDeltas with the fast paths (a memo per subscription, trusting what it built)', () => {
  afterAll(() => setFastPaths(process.env['FAST_PATHS'] !== 'off'));

  const args = (id: string, index: number, fragment: string) =>
    runStepDelta(id, [{ index, type: 'function', function: { arguments: fragment } }]);
  const input = (id: string, index: number, fragment: string) =>
    runStepDelta(id, [{ index, type: 'code_interpreter', code_interpreter: { input: fragment } }]);
  const head = (id: string, index: number, callId: string) =>
    runStepDelta(id, [{ index, id: callId, type: 'function', function: { name: 'f', arguments: '', output: null } }]);
  // Steps in OpenAI's key order (the layout the fast paths build and then trust), two of them interleaved.
  const events: AssistantStreamEvent[] = [
    { event: 'thread.run.step.created', data: openAIStep([], { id: 'step_a' }) },
    head('step_a', 0, 'call_1'), // a new call: the general merge
    args('step_a', 0, '{"a"'),
    args('step_a', 0, ':1'),
    {
      event: 'thread.run.step.created',
      data: openAIStep([{ id: 'call_9', type: 'code_interpreter', code_interpreter: { input: '', outputs: [] } }], {
        id: 'step_b',
      }),
    },
    input('step_b', 0, 'print('),
    args('step_a', 0, '}'),
    input('step_b', 0, '1)'),
    head('step_a', 1, 'call_2'),
    args('step_a', 1, '{}'),
    args('step_a', 0, ' '),
    runStepDelta('step_b', [
      { index: 0, type: 'code_interpreter', code_interpreter: { outputs: [{ index: 0, type: 'logs', logs: '1' }] } },
    ]),
    input('step_b', 0, '\n'),
  ];

  it('gives the general path’s snapshots, key order and sharing included, to every subscriber; kept snapshots never change', () => {
    for (const join of [0, 3, 6]) {
      const fast = expectFastPathsLikeGeneralPath(accumulateRunStepDeltas(), events, join);
      const last = (id: string) => fast[0]!.filter((step) => step.id === id).at(-1)!;
      expect(last('step_a').step_details).toStrictEqual({
        type: 'tool_calls',
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":1} ', output: null } },
          { id: 'call_2', type: 'function', function: { name: 'f', arguments: '{}', output: null } },
        ],
      });
      expect(last('step_b').step_details).toStrictEqual({
        type: 'tool_calls',
        tool_calls: [
          {
            id: 'call_9',
            type: 'code_interpreter',
            code_interpreter: { input: 'print(1)\n', outputs: [{ type: 'logs', logs: '1' }] },
          },
        ],
      });
    }
  });
});
