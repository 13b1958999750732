import { isRight } from 'fp-ts/Either';
import * as t from 'io-ts';
import * as schema from '../../src/schema';
import {
  ASSISTANT_EVENT_NAMES,
  AssistantStreamEvent,
  MESSAGE_EVENT_NAMES,
  RUN_EVENT_NAMES,
  RUN_STEP_EVENT_NAMES,
  buildCodecs,
  eventData,
  getCodecs,
  lenientCodecs,
  type SchemaMode,
} from '../../src/schema';
import { check } from './support';

const lenient = getCodecs('lenient');
const strict = getCodecs('strict');
const modes: SchemaMode[] = ['lenient', 'strict'];

// Spec-complete objects (they pass strict mode); each test changes what it is about.
const thread = (over: object = {}) => ({
  id: 'thread_t1',
  object: 'thread',
  created_at: 1731000000,
  tool_resources: { code_interpreter: { file_ids: ['file-c1'] }, file_search: { vector_store_ids: ['vs_1'] } },
  metadata: { project: 'demo' },
  ...over,
});

const run = (over: object = {}) => ({
  id: 'run_r1',
  object: 'thread.run',
  created_at: 1731000001,
  thread_id: 'thread_t1',
  assistant_id: 'asst_a1',
  status: 'in_progress',
  required_action: null,
  last_error: null,
  expires_at: 1731000601,
  started_at: 1731000002,
  cancelled_at: null,
  failed_at: null,
  completed_at: null,
  model: 'gpt-4o-mini',
  instructions: 'Answer in one sentence.',
  tools: [],
  metadata: null,
  usage: null,
  incomplete_details: null,
  max_prompt_tokens: 2000,
  max_completion_tokens: null,
  truncation_strategy: { type: 'last_messages', last_messages: 4 },
  tool_choice: 'required',
  parallel_tool_calls: false,
  response_format: { type: 'json_object' },
  ...over,
});

const step = (stepDetails: object, over: object = {}) => ({
  id: 'step_s1',
  object: 'thread.run.step',
  created_at: 1731000003,
  assistant_id: 'asst_a1',
  thread_id: 'thread_t1',
  run_id: 'run_r1',
  type: (stepDetails as { type: string }).type,
  status: 'completed',
  step_details: stepDetails,
  last_error: null,
  expired_at: null,
  cancelled_at: null,
  failed_at: null,
  completed_at: 1731000009,
  metadata: {},
  usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 },
  ...over,
});

const message = (content: unknown[], over: object = {}) => ({
  id: 'msg_m1',
  object: 'thread.message',
  created_at: 1731000004,
  thread_id: 'thread_t1',
  status: 'completed',
  incomplete_details: null,
  completed_at: 1731000008,
  incomplete_at: null,
  role: 'assistant',
  content,
  assistant_id: 'asst_a1',
  run_id: 'run_r1',
  attachments: [{ file_id: 'file-a1', tools: [{ type: 'code_interpreter' }, { type: 'file_search' }] }],
  metadata: {},
  ...over,
});

const messageDelta = (content: unknown[]) => ({ id: 'msg_m1', object: 'thread.message.delta', delta: { content } });
const toolCallsDelta = (toolCalls: unknown[]) => ({
  id: 'step_s1',
  object: 'thread.run.step.delta',
  delta: { step_details: { type: 'tool_calls', tool_calls: toolCalls } },
});

const textPart = {
  type: 'text',
  text: {
    value: 'See the table [1] and the chart.',
    annotations: [
      { type: 'file_citation', text: '[1]', file_citation: { file_id: 'file-doc' }, start_index: 14, end_index: 17 },
      {
        type: 'file_path',
        text: 'sandbox:/mnt/data/chart.png',
        file_path: { file_id: 'file-png' },
        start_index: 26,
        end_index: 31,
      },
    ],
  },
};
const imageFilePart = { type: 'image_file', image_file: { file_id: 'file-img', detail: 'low' } };
const imageUrlPart = { type: 'image_url', image_url: { url: 'https://example.test/cat.png', detail: 'high' } };
const refusalPart = { type: 'refusal', refusal: 'I cannot help with that.' };

const codeCall = {
  id: 'call_c1',
  type: 'code_interpreter',
  code_interpreter: {
    input: 'print(6 * 7)',
    outputs: [
      { type: 'logs', logs: '42\n' },
      { type: 'image', image: { file_id: 'file-plot' } },
    ],
  },
};
const fileSearchCall = {
  id: 'call_f1',
  type: 'file_search',
  file_search: {
    ranking_options: { ranker: 'default_2024_08_21', score_threshold: 0.2 },
    results: [{ file_id: 'file-doc', file_name: 'notes.md', score: 0.87, content: [{ type: 'text', text: 'chunk' }] }],
  },
};
const functionCall = { id: 'call_fn1', type: 'function', function: { name: 'lookup', arguments: '{"q":"x"}', output: null } };

describe('schema codecs: hand-written payloads', () => {
  describe.each(modes)('%s mode: spec-complete objects pass', (mode) => {
    const c = getCodecs(mode);

    it('thread, run, step, message, deltas, error', () => {
      expect(check(c.Thread, thread())).toEqual([]);
      expect(check(c.Run, run())).toEqual([]);
      expect(check(c.RunStep, step({ type: 'message_creation', message_creation: { message_id: 'msg_m1' } }))).toEqual([]);
      expect(check(c.Message, message([]))).toEqual([]);
      expect(check(c.MessageDelta, messageDelta([]))).toEqual([]);
      expect(check(c.RunStepDelta, { id: 'step_s1', object: 'thread.run.step.delta', delta: {} })).toEqual([]);
      expect(check(c.ErrorObject, { message: 'boom', type: 'server_error', code: null, param: null })).toEqual([]);
    });

    it('each content part and annotation', () => {
      for (const part of [textPart, imageFilePart, imageUrlPart, refusalPart]) expect(check(c.MessageContent, part)).toEqual([]);
      for (const annotation of textPart.text.annotations) expect(check(c.Annotation, annotation)).toEqual([]);
      expect(check(c.Message, message([imageFilePart, textPart, imageUrlPart, refusalPart]))).toEqual([]);
      expect(check(c.TextContent, { type: 'text', text: { value: '', annotations: [] } })).toEqual([]);
    });

    it('each delta part and annotation delta', () => {
      const parts = [
        { index: 0, type: 'image_file', image_file: { file_id: 'file-img' } },
        { index: 1, type: 'text', text: { value: '', annotations: [] } },
        {
          index: 1,
          type: 'text',
          text: {
            value: '【4:0†notes.md】',
            annotations: [
              {
                index: 0,
                type: 'file_citation',
                text: '【4:0†notes.md】',
                start_index: 3,
                end_index: 18,
                file_citation: { file_id: 'file-doc', quote: '' },
              },
              { index: 1, type: 'file_path', file_path: { file_id: 'file-csv' } },
            ],
          },
        },
        { index: 1, type: 'text', text: { value: ' more' } },
        { index: 2, type: 'image_url', image_url: { url: 'https://example.test/a.png' } },
        { index: 3, type: 'refusal', refusal: 'No' },
        { index: 4, type: 'refusal' },
      ];
      for (const part of parts) expect(check(c.MessageContentDelta, part)).toEqual([]);
      expect(check(c.MessageDelta, messageDelta(parts))).toEqual([]);
      expect(check(c.MessageDelta, { id: 'msg_m1', object: 'thread.message.delta', delta: { role: 'assistant' } })).toEqual([]);
    });

    it('each tool call type, and a function output once submitted', () => {
      for (const call of [codeCall, fileSearchCall, functionCall]) expect(check(c.ToolCall, call)).toEqual([]);
      const submitted = { ...functionCall, function: { ...functionCall.function, output: 'sunny' } };
      expect(check(c.RunStep, step({ type: 'tool_calls', tool_calls: [codeCall, fileSearchCall, submitted] }))).toEqual([]);
      expect(check(c.RunStep, step({ type: 'tool_calls', tool_calls: [] }, { status: 'in_progress', usage: null }))).toEqual([]);
      expect(check(c.ToolCall, { id: 'call_f2', type: 'file_search', file_search: {} })).toEqual([]);
    });

    it('each tool call delta type, with outputs merged by their own index', () => {
      const calls = [
        { index: 0, id: 'call_c1', type: 'code_interpreter', code_interpreter: { input: '', outputs: [] } },
        { index: 0, type: 'code_interpreter', code_interpreter: { input: 'print(' } },
        {
          index: 0,
          type: 'code_interpreter',
          code_interpreter: {
            outputs: [
              { index: 0, type: 'logs', logs: '42' },
              { index: 1, type: 'image', image: { file_id: 'file-plot' } },
            ],
          },
        },
        {
          index: 1,
          id: 'call_f1',
          type: 'file_search',
          file_search: { ranking_options: { ranker: 'auto', score_threshold: 0 }, results: [] },
        },
        { index: 2, id: 'call_fn1', type: 'function', function: { name: 'lookup', arguments: '', output: null } },
        { index: 2, type: 'function', function: { arguments: '{"q":' } },
        { index: 3, type: 'function' },
      ];
      for (const call of calls) expect(check(c.ToolCallDelta, call)).toEqual([]);
      expect(check(c.RunStepDelta, toolCallsDelta(calls))).toEqual([]);
      const creation = { id: 'step_s2', object: 'thread.run.step.delta', delta: { step_details: { type: 'message_creation' } } };
      expect(check(c.RunStepDelta, creation)).toEqual([]);
    });

    it('run tools, tool_choice, response_format, required_action, last_error, usage', () => {
      const full = run({
        status: 'requires_action',
        tools: [
          { type: 'code_interpreter' },
          { type: 'file_search', file_search: { max_num_results: 5, ranking_options: { ranker: 'auto', score_threshold: 0.5 } } },
          { type: 'function', function: { name: 'lookup', description: 'Finds', parameters: { type: 'object' }, strict: null } },
        ],
        required_action: {
          type: 'submit_tool_outputs',
          submit_tool_outputs: {
            tool_calls: [{ id: 'call_fn1', type: 'function', function: { name: 'lookup', arguments: '{}' } }],
          },
        },
        tool_choice: { type: 'function', function: { name: 'lookup' } },
        response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object' }, strict: true } },
        usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 },
      });
      expect(check(c.Run, full)).toEqual([]);
      expect(check(c.Run, run({ status: 'failed', last_error: { code: 'rate_limit_exceeded', message: 'Slow down' } }))).toEqual(
        [],
      );
      expect(check(c.Run, run({ tool_choice: { type: 'file_search' }, response_format: { type: 'text' } }))).toEqual([]);
      expect(check(c.Run, run({ tool_choice: null, response_format: null, truncation_strategy: null }))).toEqual([]);
      expect(check(c.Run, run({ status: 'incomplete', incomplete_details: { reason: 'max_completion_tokens' } }))).toEqual([]);
      expect(check(c.Run, run({ incomplete_details: {} }))).toEqual([]); // `reason` is optional in the spec
    });
  });

  describe('what only lenient mode accepts (SCHEMA-NOTES §11), with the path strict mode reports', () => {
    const runWithout = (...keys: string[]) => {
      const value: Record<string, unknown> = run();
      for (const key of keys) delete value[key];
      return value;
    };
    const stepWithout = (...keys: string[]) => {
      const value: Record<string, unknown> = step({ type: 'tool_calls', tool_calls: [] });
      for (const key of keys) delete value[key];
      return value;
    };
    const cases: [string, keyof typeof lenient, unknown, string[]][] = [
      ['null instructions', 'Run', run({ instructions: null }), ['instructions']],
      [
        'a 2024-03 run without the later fields',
        'Run',
        runWithout(
          'incomplete_details',
          'max_prompt_tokens',
          'max_completion_tokens',
          'truncation_strategy',
          'tool_choice',
          'parallel_tool_calls',
          'response_format',
        ),
        [
          'incomplete_details',
          'max_completion_tokens',
          'max_prompt_tokens',
          'parallel_tool_calls',
          'response_format',
          'tool_choice',
          'truncation_strategy',
        ],
      ],
      ['a retrieval tool (v1)', 'Run', run({ tools: [{ type: 'retrieval' }] }), ['tools.0.type']],
      ['an Azure bing_grounding tool', 'Run', run({ tools: [{ type: 'bing_grounding', bing_grounding: {} }] }), ['tools.0.type']],
      [
        'last_error.code tool_user_error',
        'Run',
        run({ last_error: { code: 'tool_user_error', message: 'x' } }),
        ['last_error.code'],
      ],
      ['a grown run status', 'Run', run({ status: 'paused' }), ['status']],
      ['a grown incomplete reason', 'Run', run({ incomplete_details: { reason: 'tool_budget' } }), ['incomplete_details.reason']],
      ['a grown tool_choice', 'Run', run({ tool_choice: 'any' }), ['tool_choice']],
      [
        'a ranker with hyphens',
        'Run',
        run({
          tools: [
            { type: 'file_search', file_search: { ranking_options: { ranker: 'default-2024-08-21', score_threshold: 0 } } },
          ],
        }),
        ['tools.0.file_search.ranking_options.ranker'],
      ],
      ['a non-integer timestamp', 'Run', run({ created_at: 1731000001.5 }), ['created_at']],
      ['a step without expired_at and metadata', 'RunStep', stepWithout('expired_at', 'metadata'), ['expired_at', 'metadata']],
      [
        'a file_search call echoing a hyphenated ranker',
        'ToolCall',
        { ...fileSearchCall, file_search: { ranking_options: { ranker: 'default-2024-08-21', score_threshold: 0 } } },
        ['file_search.ranking_options.ranker'],
      ],
      [
        'a v1 message (file_ids, no attachments)',
        'Message',
        { ...message([]), attachments: undefined, file_ids: [] },
        ['attachments'],
      ],
      [
        'a grown message incomplete reason',
        'Message',
        message([], { incomplete_details: { reason: 'other' } }),
        ['incomplete_details.reason'],
      ],
      ['a thread without tool_resources', 'Thread', { ...thread(), tool_resources: undefined }, ['tool_resources']],
      ['an error without type, code, param', 'ErrorObject', { message: 'boom' }, ['code', 'param', 'type']],
      ['an unknown content part type', 'Message', message([{ type: 'audio', audio: { id: 'a1' } }]), ['content.0.type']],
      [
        'an unknown annotation type',
        'MessageContent',
        { type: 'text', text: { value: '', annotations: [{ type: 'container_file_citation' }] } },
        ['text.annotations.0.type'],
      ],
      [
        'an unknown tool call type',
        'RunStep',
        step({ type: 'tool_calls', tool_calls: [{ id: 'c', type: 'retrieval', retrieval: {} }] }),
        ['step_details.tool_calls.0.type'],
      ],
      [
        'an unknown code interpreter output',
        'ToolCall',
        { ...codeCall, code_interpreter: { input: '', outputs: [{ type: 'html' }] } },
        ['code_interpreter.outputs.0.type'],
      ],
      ['an unknown step details type', 'RunStep', step({ type: 'reasoning' }), ['step_details.type', 'type']],
      ['an unknown delta part type', 'MessageDelta', messageDelta([{ index: 0, type: 'audio' }]), ['delta.content.0.type']],
      [
        'an unknown delta tool call type',
        'RunStepDelta',
        toolCallsDelta([{ index: 0, type: 'bing_grounding' }]),
        ['delta.step_details.tool_calls.0.type'],
      ],
      [
        'an unknown attachment tool',
        'Message',
        message([], { attachments: [{ file_id: 'f', tools: [{ type: 'retrieval' }] }] }),
        ['attachments.0.tools.0.type'],
      ],
    ];

    it.each(cases)('%s', (_label, name, value, strictPaths) => {
      expect(check(lenient[name] as never, value)).toEqual([]);
      expect(check(strict[name] as never, value)).toEqual(strictPaths);
    });
  });

  describe('what both modes reject', () => {
    const cases: [string, keyof typeof lenient, unknown, string[]][] = [
      [
        'content[0].index as a string',
        'MessageDelta',
        messageDelta([{ index: '0', type: 'text', text: { value: 'a' } }]),
        ['delta.content.0.index'],
      ],
      [
        'a null text value',
        'MessageDelta',
        messageDelta([{ index: 0, type: 'text', text: { value: null } }]),
        ['delta.content.0.text.value'],
      ],
      [
        'a delta part without index',
        'MessageDelta',
        messageDelta([{ type: 'text', text: { value: 'a' } }]),
        ['delta.content.0.index'],
      ],
      ['a non-string tag', 'MessageDelta', messageDelta([{ index: 0, type: 7 }]), ['delta.content.0.type']],
      ['content that is not an array', 'Message', message({} as never), ['content']],
      ['a wrong object', 'Run', run({ object: 'thread.message' }), ['object']],
      ['a missing id', 'Run', { ...run(), id: undefined }, ['id']],
      [
        'arguments as an object',
        'RunStepDelta',
        toolCallsDelta([{ index: 0, type: 'function', function: { arguments: {} } }]),
        ['delta.step_details.tool_calls.0.function.arguments'],
      ],
      [
        'an output index as a string',
        'RunStepDelta',
        toolCallsDelta([{ index: 0, type: 'code_interpreter', code_interpreter: { outputs: [{ index: '1', type: 'logs' }] } }]),
        ['delta.step_details.tool_calls.0.code_interpreter.outputs.0.index'],
      ],
      ['a file_search delta without file_search', 'ToolCallDelta', { index: 0, type: 'file_search' }, ['file_search']],
      ['an annotation delta index as a string', 'AnnotationDelta', { index: '0', type: 'file_path' }, ['index']],
      ['a known part missing its payload', 'MessageContent', { type: 'refusal' }, ['refusal']],
      [
        'a timestamp as a string',
        'RunStep',
        step({ type: 'tool_calls', tool_calls: [] }, { completed_at: '1731000009' }),
        ['completed_at'],
      ],
      ['metadata with a number value', 'Thread', thread({ metadata: { n: 1 } }), ['metadata.n']],
      ['an error without a message', 'ErrorObject', { type: 'server_error', code: null, param: null }, ['message']],
      ['a null data', 'Run', null, ['']],
    ];

    it.each(cases)('%s', (_label, name, value, paths) => {
      expect(check(lenient[name] as never, value)).toEqual(paths);
      expect(check(strict[name] as never, value)).toEqual(paths);
    });
  });

  describe('decode keeps extra keys (they are the user data)', () => {
    it.each(modes)('%s mode', (mode) => {
      const value = run({
        reasoning_effort: null,
        tool_resources: { code_interpreter: { file_ids: [] } },
        file_ids: ['file-v1'],
        some_future_field: { nested: [1, 2] },
        usage: {
          prompt_tokens: 5,
          completion_tokens: 1,
          total_tokens: 6,
          prompt_token_details: { cached_tokens: 0 },
          extra_usage: 1,
        },
        tools: [
          { type: 'file_search', file_search: { ranking_options: { ranker: 'auto', score_threshold: 0, hybrid_search: null } } },
        ],
      });
      const decoded = getCodecs(mode).Run.decode(value);
      expect(isRight(decoded)).toBe(true);
      if (!isRight(decoded)) return;
      expect(decoded.right).toEqual(value);
      const out = decoded.right as Record<string, unknown>;
      expect(out['some_future_field']).toEqual({ nested: [1, 2] });
      expect(out['reasoning_effort']).toBeNull();
      expect((out['usage'] as Record<string, unknown>)['extra_usage']).toBe(1);

      const delta = messageDelta([{ index: 0, type: 'text', text: { value: 'a', future: true }, part_extra: 'x' }]);
      const decodedDelta = getCodecs(mode).MessageDelta.decode(delta);
      expect(isRight(decodedDelta) && decodedDelta.right).toEqual(delta);

      const withEnabled = { event: 'thread.created', enabled: true, data: thread({ enabled: false }) };
      const decodedEvent = getCodecs(mode).AssistantStreamEvent.decode(withEnabled);
      expect(isRight(decodedEvent) && decodedEvent.right).toEqual(withEnabled);
    });

    it('keeps an unknown part as it is in lenient mode', () => {
      const part = { index: 2, type: 'audio', audio: { data: 'AAAA' } };
      const decoded = lenient.MessageDelta.decode(messageDelta([part]));
      expect(isRight(decoded) && decoded.right.delta.content?.[0]).toBe(part);
    });
  });

  describe('AssistantStreamEvent and the event tables', () => {
    it('has 24 names split into run (10), step (7) and message (5) events, with thread.created and error', () => {
      expect(ASSISTANT_EVENT_NAMES).toHaveLength(24);
      expect(new Set(ASSISTANT_EVENT_NAMES).size).toBe(24);
      expect(RUN_EVENT_NAMES).toHaveLength(10);
      expect(RUN_STEP_EVENT_NAMES).toHaveLength(7);
      expect(MESSAGE_EVENT_NAMES).toHaveLength(5);
      expect([...ASSISTANT_EVENT_NAMES].sort()).toEqual(
        ['thread.created', ...RUN_EVENT_NAMES, ...RUN_STEP_EVENT_NAMES, ...MESSAGE_EVENT_NAMES, 'error'].sort(),
      );
      for (const mode of modes) expect(Object.keys(getCodecs(mode).eventData).sort()).toEqual([...ASSISTANT_EVENT_NAMES].sort());
    });

    it('maps each event name to its data codec', () => {
      for (const name of RUN_EVENT_NAMES) expect(eventData[name]).toBe(lenient.Run);
      for (const name of RUN_STEP_EVENT_NAMES)
        expect(eventData[name]).toBe(name === 'thread.run.step.delta' ? lenient.RunStepDelta : lenient.RunStep);
      for (const name of MESSAGE_EVENT_NAMES)
        expect(eventData[name]).toBe(name === 'thread.message.delta' ? lenient.MessageDelta : lenient.Message);
      expect(eventData['thread.created']).toBe(lenient.Thread);
      expect(eventData.error).toBe(lenient.ErrorObject);
    });

    it('validates {event, data} by the event name', () => {
      expect(check(AssistantStreamEvent, { event: 'thread.message.delta', data: messageDelta([]) })).toEqual([]);
      expect(check(AssistantStreamEvent, { event: 'thread.run.queued', data: run() })).toEqual([]);
      expect(
        check(AssistantStreamEvent, { event: 'error', data: { message: 'boom', type: 'server_error', code: null, param: null } }),
      ).toEqual([]);
      expect(check(AssistantStreamEvent, { event: 'thread.run.queued', data: messageDelta([]) }).length).toBeGreaterThan(0);
      expect(
        check(AssistantStreamEvent, { event: 'thread.message.delta', data: messageDelta([{ index: '0', type: 'text' }]) }),
      ).toEqual(['data.delta.content.0.index']);
      expect(AssistantStreamEvent.is({ event: 'thread.run.step.paused', data: {} })).toBe(false);
      expect(AssistantStreamEvent.is({ event: 'done', data: '[DONE]' })).toBe(false);
      const union = lenient.AssistantStreamEvent;
      expect(union.types).toHaveLength(24);
      // Every member is tagged by a plain t.literal, so io-ts dispatches on `event` instead of trying 24 codecs.
      expect((union as unknown as { tag?: string }).tag).toBe('event');
    });

    it('builds each mode once, and the exported codecs and lenientCodecs are views of the lenient set', () => {
      expect(getCodecs('lenient')).toBe(lenient);
      expect(lenientCodecs.Run).toBe(lenient.Run);
      expect(Object.keys(lenientCodecs).sort()).toEqual(Object.keys(lenient).sort());
      expect(getCodecs('strict')).toBe(strict);
      expect(strict).not.toBe(lenient);
    });

    it.each(modes)('holds every exported codec, under its name, in %s mode (and nothing else)', (mode) => {
      const exported = Object.entries(schema).filter(([, value]) => value instanceof t.Type);
      const codecs = getCodecs(mode) as unknown as Record<string, t.Mixed>;
      expect(Object.keys(codecs).sort()).toEqual([...exported.map(([name]) => name), 'eventData'].sort());
      for (const [name, codec] of exported) expect([name, codecs[name]!.name]).toEqual([name, (codec as t.Mixed).name]);
      expect(buildCodecs(mode)).not.toBe(codecs);
      expect(Object.keys(buildCodecs(mode)).sort()).toEqual(Object.keys(codecs).sort());
    });
  });
});
