import { RunStep, type RunStepDelta } from '../../src/schema';
import { AssistantStreamError } from '../../src/errors';
import { applyRunStepDelta, runStepFromDelta } from '../../src/accumulate';
import { clone, deepFreeze, openAIStep } from './support';

type Obj = Record<string, any>;

const created = (toolCalls: unknown[] = []): RunStep => openAIStep(toolCalls, { created_at: 1761861533, expires_at: 1761862131 });

const delta = (toolCalls: unknown[], id = 'step_1'): RunStepDelta =>
  deepFreeze({
    id,
    object: 'thread.run.step.delta',
    delta: { step_details: { type: 'tool_calls', tool_calls: toolCalls } },
  }) as unknown as RunStepDelta;

const callsOf = (step: RunStep) => ((step as unknown as Obj).step_details as Obj).tool_calls as Obj[];

const applyAll = (step: RunStep, deltas: RunStepDelta[]) => deltas.reduce(applyRunStepDelta, step);

describe('applyRunStepDelta', () => {
  it('function call: first delta with id + name + arguments "" + output null, then argument fragments', () => {
    const step = applyAll(created(), [
      delta([
        { index: 0, id: 'call_1', type: 'function', function: { name: 'get_current_weather', arguments: '', output: null } },
      ]),
      delta([{ index: 0, type: 'function', function: { arguments: '{"' } }]),
      delta([{ index: 0, type: 'function', function: { arguments: 'location' } }]),
      delta([{ index: 0, type: 'function', function: { arguments: '":"Paris"}' } }]),
    ]);
    expect(callsOf(step)).toStrictEqual([
      {
        id: 'call_1',
        type: 'function',
        function: { name: 'get_current_weather', arguments: '{"location":"Paris"}', output: null },
      },
    ]);
  });

  it('parallel function calls merge by index; a server repeating id and name does not append them', () => {
    const step = applyAll(created(), [
      delta([
        { index: 0, id: 'call_a', type: 'function', function: { name: 'a', arguments: '', output: null } },
        { index: 1, id: 'call_b', type: 'function', function: { name: 'b', arguments: '', output: null } },
      ]),
      delta([{ index: 1, id: 'call_b', type: 'function', function: { name: 'b', arguments: '{}' } }]),
      delta([{ index: 0, type: 'function', function: { arguments: '{"x":1}' } }]),
    ]);
    expect(callsOf(step).map((c) => [c.id, c.function.name, c.function.arguments])).toEqual([
      ['call_a', 'a', '{"x":1}'],
      ['call_b', 'b', '{}'],
    ]);
  });

  it('a function output is replaced (it is a whole string, never streamed in fragments)', () => {
    const step = applyAll(created(), [
      delta([{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}', output: null } }]),
      delta([{ index: 0, type: 'function', function: { output: 'warm' } }]),
      delta([{ index: 0, type: 'function', function: { output: 'warm and sunny' } }]),
    ]);
    expect(callsOf(step)[0]!.function.output).toBe('warm and sunny');
  });

  it('code interpreter: input fragments, then a logs output and an image output merged by their own index', () => {
    const step = applyAll(created(), [
      delta([{ index: 0, id: 'call_1', type: 'code_interpreter', code_interpreter: { input: '', outputs: [] } }]),
      delta([{ index: 0, type: 'code_interpreter', code_interpreter: { input: '# Read' } }]),
      delta([{ index: 0, type: 'code_interpreter', code_interpreter: { input: ' the file' } }]),
      delta([
        { index: 0, type: 'code_interpreter', code_interpreter: { outputs: [{ index: 0, type: 'logs', logs: "'y := " }] } },
      ]),
      delta([
        { index: 0, type: 'code_interpreter', code_interpreter: { outputs: [{ index: 0, type: 'logs', logs: "sin(x)'" }] } },
      ]),
      delta([
        {
          index: 0,
          type: 'code_interpreter',
          code_interpreter: { outputs: [{ index: 1, type: 'image', image: { file_id: 'file-1' } }] },
        },
      ]),
    ]);
    expect(callsOf(step)).toStrictEqual([
      {
        id: 'call_1',
        type: 'code_interpreter',
        code_interpreter: {
          input: '# Read the file',
          outputs: [
            { type: 'logs', logs: "'y := sin(x)'" },
            { type: 'image', image: { file_id: 'file-1' } },
          ],
        },
      },
    ]);
  });

  it('file_search: the payload fields are replaced (ranking options, results)', () => {
    const step = applyAll(created(), [
      delta([
        {
          index: 0,
          id: 'call_1',
          type: 'file_search',
          file_search: { ranking_options: { ranker: 'default_2024_08_21', score_threshold: 0 }, results: [] },
        },
      ]),
      delta([
        {
          index: 0,
          type: 'file_search',
          file_search: { results: [{ file_id: 'f', file_name: 'a.txt', score: 0.5, attributes: {} }] },
        },
      ]),
      delta([{ index: 0, type: 'file_search', file_search: { results: [{ file_id: 'g', file_name: 'b.txt', score: 0.7 }] } }]),
    ]);
    expect(callsOf(step)[0]).toStrictEqual({
      id: 'call_1',
      type: 'file_search',
      file_search: {
        ranking_options: { ranker: 'default_2024_08_21', score_threshold: 0 },
        results: [{ file_id: 'g', file_name: 'b.txt', score: 0.7 }],
      },
    });
  });

  it('a tool call of a type the library does not know is kept and merged by the same rules', () => {
    const step = applyAll(created(), [
      delta([{ index: 0, id: 'call_1', type: 'bing_grounding', bing_grounding: { requesturl: 'https://a' } }]),
      delta([{ index: 0, type: 'bing_grounding', bing_grounding: { response_metadata: { n: 1 } } }]),
    ]);
    expect(callsOf(step)).toStrictEqual([
      { id: 'call_1', type: 'bing_grounding', bing_grounding: { requesturl: 'https://a', response_metadata: { n: 1 } } },
    ]);
  });

  it('never mutates the frozen snapshot; untouched tool calls are shared by reference', () => {
    const snapshot = created([
      { id: 'call_a', type: 'function', function: { name: 'a', arguments: '{', output: null } },
      { id: 'call_b', type: 'function', function: { name: 'b', arguments: '{}', output: null } },
    ]);
    const before = clone(snapshot);
    const next = applyRunStepDelta(snapshot, delta([{ index: 0, type: 'function', function: { arguments: '}' } }]));
    expect(snapshot).toStrictEqual(before);
    expect(callsOf(next)[0]!.function.arguments).toBe('{}');
    expect(callsOf(next)[1]).toBe(callsOf(snapshot)[1]);
    expect(callsOf(next)[0]).not.toBe(callsOf(snapshot)[0]);
  });

  it('a delta without step_details changes nothing', () => {
    const snapshot = created();
    expect(
      applyRunStepDelta(snapshot, { id: 'step_1', object: 'thread.run.step.delta', delta: {} } as unknown as RunStepDelta),
    ).toBe(snapshot);
  });

  it('a delta cannot rewrite identity or lifecycle: keys outside step_details are ignored (issue 10, class 2)', () => {
    const snapshot = created();
    const hostile = {
      id: 'step_1',
      object: 'thread.run.step.delta',
      delta: {
        id: 'step_evil',
        object: 'thread.message',
        run_id: 'run_x',
        thread_id: 'thread_x',
        assistant_id: 'asst_x',
        status: 'completed',
        type: 'message_creation',
        created_at: 1,
        usage: { total_tokens: 1 },
        last_error: { code: 'x', message: 'y' },
        step_details: {
          type: 'tool_calls',
          tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}', output: null } }],
        },
      },
    };
    const next = applyRunStepDelta(snapshot, deepFreeze(hostile) as unknown as RunStepDelta) as unknown as Obj;
    expect(next).toEqual({
      ...snapshot,
      step_details: {
        type: 'tool_calls',
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}', output: null } }],
      },
    });
    const started = runStepFromDelta(deepFreeze(hostile) as unknown as RunStepDelta) as unknown as Obj;
    expect([started.id, started.object, started.status, started.run_id, started.usage, started.type]).toEqual([
      'step_1',
      'thread.run.step',
      'in_progress',
      '',
      null,
      'tool_calls',
    ]);
  });

  it('connected_agent: name, arguments in fragments, then the whole output and the sub-agent ids (AZURE-NOTES)', () => {
    const deltas = [
      [
        {
          index: 0,
          id: 'call_a',
          type: 'connected_agent',
          connected_agent: { name: 'helper', arguments: '', output: '', run_id: null, thread_id: null, assistant_id: null },
        },
      ],
      ...['{"', 'query', '":"', 'weather', '"}'].map((arguments_) => [
        { index: 0, type: 'connected_agent', connected_agent: { arguments: arguments_ } },
      ]),
      [
        {
          index: 0,
          type: 'connected_agent',
          connected_agent: { output: 'Sunny.', run_id: 'run_sub', thread_id: 'thread_sub', assistant_id: 'asst_sub' },
        },
      ],
    ].map((calls) => delta(calls));
    expect(callsOf(applyAll(created(), deltas))).toEqual([
      {
        id: 'call_a',
        type: 'connected_agent',
        connected_agent: {
          name: 'helper',
          arguments: '{"query":"weather"}',
          output: 'Sunny.',
          run_id: 'run_sub',
          thread_id: 'thread_sub',
          assistant_id: 'asst_sub',
        },
      },
    ]);
  });

  it('mcp (flat on the call): arguments, then a later delta with the output; a type change at the index is invalid', () => {
    const first = delta([
      { index: 0, id: 'call_m', type: 'mcp', name: 'search', server_label: 'github', arguments: '{}', output: null },
    ]);
    const later = delta([{ index: 0, type: 'mcp', output: 'found it' }]);
    expect(callsOf(applyAll(created(), [first, later]))).toEqual([
      { id: 'call_m', type: 'mcp', name: 'search', server_label: 'github', arguments: '{}', output: 'found it' },
    ]);
    expect(() => applyAll(created(), [first, delta([{ index: 0, type: 'function', function: { arguments: '{}' } }])])).toThrow(
      'delta.step_details.tool_calls[0].type',
    );
  });

  it('a delta for another step is an invalid_delta error', () => {
    expect(() => applyRunStepDelta(created(), delta([], 'step_2'))).toThrow(AssistantStreamError);
  });

  it('an index -1 is an invalid_delta error at delta.step_details.tool_calls[0].index', () => {
    try {
      applyRunStepDelta(created(), delta([{ index: -1, type: 'function' }]));
      throw new Error('not thrown');
    } catch (err) {
      expect((err as AssistantStreamError).code).toBe('invalid_delta');
      expect((err as AssistantStreamError).path).toBe('delta.step_details.tool_calls[0].index');
    }
  });
});

describe('runStepFromDelta (a delta for a step never created)', () => {
  it('starts an in_progress tool_calls step from the delta', () => {
    const step = runStepFromDelta(
      delta([{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '', output: null } }]),
    );
    expect(step).toStrictEqual({
      id: 'step_1',
      object: 'thread.run.step',
      created_at: 0,
      assistant_id: '',
      thread_id: '',
      run_id: '',
      type: 'tool_calls',
      status: 'in_progress',
      step_details: {
        type: 'tool_calls',
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '', output: null } }],
      },
      last_error: null,
      expired_at: null,
      cancelled_at: null,
      failed_at: null,
      completed_at: null,
      metadata: null,
      usage: null,
    });
    expect(RunStep.is(step)).toBe(true);
  });

  it('a message_creation delta starts a message_creation step', () => {
    const step = runStepFromDelta(
      deepFreeze({
        id: 'step_1',
        object: 'thread.run.step.delta',
        delta: { step_details: { type: 'message_creation', message_creation: { message_id: 'msg_1' } } },
      }) as unknown as RunStepDelta,
      { run_id: 'run_1' } as Partial<RunStep>,
    ) as unknown as Obj;
    expect(step.type).toBe('message_creation');
    expect(step.run_id).toBe('run_1');
    expect(step.step_details).toStrictEqual({ type: 'message_creation', message_creation: { message_id: 'msg_1' } });
  });
});
