// A corpus of hostile inputs, each with the outcome it must have. Every case also keeps the general invariant:
// it ends (completion or exactly one AssistantStreamError), nothing arrives after the end, nothing escapes.
import { type Observable, type OperatorFunction } from 'rxjs';
import {
  accumulateMessageDeltas,
  accumulateRunStepDeltas,
  assistantEvents,
  AssistantStreamError,
  DEFAULT_MAX_BUFFER_SIZE,
  textDeltas,
  type AssistantEventsOptions,
  type AssistantStreamEvent,
} from '../../src';
import {
  makeMessage,
  makeRunStep,
  messageCompleted,
  messageCreated,
  messageDelta,
  runCreated,
  runQueued,
  sseFrame,
  stepCreated,
  toSSE,
} from '../../src/testing';
import { brokenInvariant, probedSource, settle, watch, type Watched } from './support';

const encoder = new TextEncoder();
const raw = (event: string, data: string) => `event: ${event}\ndata: ${data}\n\n`;
const DONE = 'event: done\ndata: [DONE]\n\n';
const created = toSSE([runCreated(), messageCreated()], { done: false });
const deltaJson = (content: string, id = 'msg_1') =>
  `{"id":"${id}","object":"thread.message.delta","delta":{"content":${content}}}`;
const stepDeltaJson = (toolCalls: string, id = 'step_1') =>
  `{"id":"${id}","object":"thread.run.step.delta","delta":{"step_details":{"type":"tool_calls","tool_calls":${toolCalls}}}}`;
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const nestedObjects = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

type Pipeline = 'events' | 'messages' | 'steps' | 'text';
const pipelines: Record<Pipeline, OperatorFunction<AssistantStreamEvent, unknown>> = {
  events: (source) => source,
  messages: accumulateMessageDeltas(),
  steps: accumulateRunStepDeltas(),
  text: textDeltas(),
};

interface HostileCase {
  name: string;
  body: string;
  options?: AssistantEventsOptions;
  pipeline?: Pipeline;
  /** How many values come out before the end. */
  values: number;
  /** `'complete'` or the error code. */
  end: 'complete' | AssistantStreamError['code'];
  /** More checks on the outcome. */
  check?: (outcome: Watched<unknown>) => void;
}

const cases: HostileCase[] = [
  // ---- broken JSON and wrong shapes ----
  {
    name: 'truncated JSON',
    body: created + 'event: thread.run.queued\ndata: {"id":"run_1","obj\n\n',
    values: 2,
    end: 'invalid_json',
  },
  {
    name: 'truncated JSON at the end of the body',
    body: created + 'event: thread.run.queued\ndata: {"id":"run_1","obj',
    values: 2,
    end: 'invalid_json',
  },
  {
    name: 'JSON with a raw NUL in a string',
    body: created + raw('thread.message.delta', deltaJson('[{"index":0,"type":"text","text":{"value":"a\u0000b"}}]')),
    values: 2,
    end: 'invalid_json',
  },
  { name: 'data that is a number', body: created + raw('thread.message.delta', '42'), values: 2, end: 'invalid_event' },
  { name: 'data that is null', body: created + raw('thread.run.queued', 'null'), values: 2, end: 'invalid_event' },
  { name: 'data that is an array', body: created + raw('thread.message.completed', '[]'), values: 2, end: 'invalid_event' },
  {
    name: 'an index that is a string',
    body: created + raw('thread.message.delta', deltaJson('[{"index":"0","type":"text","text":{"value":"x"}}]')),
    values: 2,
    end: 'invalid_event',
    check: (o) => expect((o.error as AssistantStreamError).path).toBe('data.delta.content[0].index'),
  },
  {
    name: '`event: done` with other data',
    body: created + 'event: done\ndata: {"done":true}\n\n',
    values: 2,
    end: 'invalid_event',
  },
  { name: 'a body cut inside an event name', body: created + 'event: thread.run.que', values: 2, end: 'invalid_event' },
  { name: 'invalid UTF-8 inside a JSON string (becomes U+FFFD)', body: '', values: 3, end: 'complete' }, // body set below, as bytes

  // ---- deep nesting: never a RangeError ----
  {
    name: "100k nested arrays in an extra key of a delta: kept by the decoder (the user's data)",
    body:
      created +
      raw('thread.message.delta', deltaJson(`[{"index":0,"type":"text","text":{"value":"x"},"extra":${nested(100_000)}}]`)) +
      DONE,
    values: 3,
    end: 'complete',
  },
  {
    name: '100k nested arrays in an extra key of a delta, accumulated',
    pipeline: 'messages',
    body:
      created +
      raw('thread.message.delta', deltaJson(`[{"index":0,"type":"text","text":{"value":"x"},"extra":${nested(100_000)}}]`)) +
      DONE,
    values: 1,
    end: 'invalid_delta',
  },
  {
    name: '100k nested objects in an extra key of a step delta, accumulated',
    pipeline: 'steps',
    body:
      toSSE([stepCreated({ type: 'tool_calls', step_details: { type: 'tool_calls', tool_calls: [] } })], { done: false }) +
      raw(
        'thread.run.step.delta',
        stepDeltaJson(`[{"index":0,"type":"function","function":{"arguments":"{"},"x":${nestedObjects(100_000)}}]`),
      ) +
      DONE,
    values: 1,
    end: 'invalid_delta',
  },
  {
    name: '100k nested arrays where a string is expected',
    body: created + raw('thread.message.delta', deltaJson(`[{"index":0,"type":"text","text":{"value":${nested(100_000)}}}]`)),
    values: 2,
    end: 'invalid_event',
  },
  {
    name: '100k nested arrays as the whole data',
    body: created + raw('thread.run.queued', nested(100_000)),
    values: 2,
    end: 'invalid_event',
  },
  {
    name: '100k nested arrays in metadata',
    body:
      created +
      raw('thread.run.queued', JSON.stringify(runQueued().data).replace('"metadata":{}', `"metadata":{"a":${nested(100_000)}}`)),
    values: 2,
    end: 'invalid_event',
  },
  {
    name: 'an `error` event whose error is 100k nested arrays',
    body: created + raw('error', `{"error":${nested(100_000)}}`),
    values: 2,
    end: 'server_error',
  },

  // ---- absurd indexes ----
  ...(
    [
      ['4294967294', 'invalid_delta'],
      ['-1', 'invalid_delta'],
      ['0.5', 'invalid_delta'],
      ['1e308', 'invalid_delta'],
      ['1001', 'invalid_delta'],
    ] as const
  ).flatMap(([index, end]) => [
    {
      name: `message content index ${index}`,
      pipeline: 'messages' as const,
      body: created + raw('thread.message.delta', deltaJson(`[{"index":${index},"type":"text","text":{"value":"x"}}]`)),
      values: 1,
      end,
    },
    {
      name: `annotation index ${index}`,
      pipeline: 'messages' as const,
      body:
        created +
        raw(
          'thread.message.delta',
          deltaJson(
            `[{"index":0,"type":"text","text":{"value":"x","annotations":[{"index":${index},"type":"file_path","text":"x"}]}}]`,
          ),
        ),
      values: 1,
      end,
    },
    {
      name: `tool call index ${index}`,
      pipeline: 'steps' as const,
      body:
        toSSE([stepCreated()], { done: false }) +
        raw('thread.run.step.delta', stepDeltaJson(`[{"index":${index},"type":"function","function":{"arguments":"{"}}]`)),
      values: 1,
      end,
    },
    {
      name: `code interpreter output index ${index}`,
      pipeline: 'steps' as const,
      body:
        toSSE([stepCreated()], { done: false }) +
        raw(
          'thread.run.step.delta',
          stepDeltaJson(
            `[{"index":0,"type":"code_interpreter","code_interpreter":{"outputs":[{"index":${index},"type":"logs","logs":"x"}]}}]`,
          ),
        ),
      values: 1,
      end,
    },
  ]),
  {
    name: 'a fractional index in strict mode is a schema error',
    options: { mode: 'strict' },
    body: created + raw('thread.message.delta', deltaJson('[{"index":0.5,"type":"text","text":{"value":"x"}}]')),
    values: 2,
    end: 'invalid_event',
  },

  // ---- unknown ids: a snapshot starts from the delta ----
  {
    name: 'a message delta for a message never created',
    pipeline: 'messages',
    body: raw('thread.message.delta', deltaJson('[{"index":0,"type":"text","text":{"value":"Hi"}}]', 'msg_unknown')) + DONE,
    values: 1,
    end: 'complete',
    check: (o) =>
      expect(o.values[0]).toMatchObject({
        id: 'msg_unknown',
        object: 'thread.message',
        status: 'in_progress',
        role: 'assistant',
        content: [{ type: 'text', text: { value: 'Hi' } }],
      }),
  },
  {
    name: 'a step delta for a step never created',
    pipeline: 'steps',
    body:
      raw(
        'thread.run.step.delta',
        stepDeltaJson('[{"index":0,"id":"call_1","type":"function","function":{"name":"f","arguments":"{}"}}]', 'step_unknown'),
      ) + DONE,
    values: 1,
    end: 'complete',
    check: (o) =>
      expect(o.values[0]).toMatchObject({
        id: 'step_unknown',
        object: 'thread.run.step',
        status: 'in_progress',
        step_details: {
          type: 'tool_calls',
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } }],
        },
      }),
  },

  // ---- the end of the stream ----
  {
    name: 'events after [DONE] are never delivered',
    body: created + DONE + sseFrame(runQueued()) + raw('thread.message.delta', '{oops'),
    values: 2,
    end: 'complete',
  },
  {
    name: 'a bare `data: [DONE]` completes',
    body: created + 'data: [DONE]\n\n' + sseFrame(runQueued()),
    values: 2,
    end: 'complete',
  },
  { name: 'a stream without [DONE] completes', body: created, values: 2, end: 'complete' },
  {
    name: 'an `error` event mid-message: server_error after the good events',
    body:
      created +
      sseFrame(messageDelta('msg_1', 'Hel')) +
      raw('error', '{"error":{"message":"The server had an error","type":"server_error","code":null}}') +
      sseFrame(messageDelta('msg_1', 'lo')),
    values: 3,
    end: 'server_error',
    check: (o) =>
      expect((o.error as AssistantStreamError).serverError).toMatchObject({
        message: 'The server had an error',
        type: 'server_error',
      }),
  },
  {
    name: 'an `error` event mid-message, accumulated: the snapshots before it',
    pipeline: 'messages',
    body:
      created +
      sseFrame(messageDelta('msg_1', 'Hel')) +
      raw('error', '{"message":"bare error","type":"server_error"}') +
      sseFrame(messageDelta('msg_1', 'lo')),
    values: 2,
    end: 'server_error',
    check: (o) => {
      expect((o.values[1] as { content: unknown }).content).toEqual([{ type: 'text', text: { value: 'Hel' } }]);
      expect((o.error as AssistantStreamError).serverError?.message).toBe('bare error');
    },
  },
  { name: 'an `error` event whose data is not an object', body: created + raw('error', '42'), values: 2, end: 'server_error' },
  {
    name: 'an `error` event whose data is not JSON',
    body: created + raw('error', 'Internal Server Error'),
    values: 2,
    end: 'invalid_json',
  },

  // ---- names and fields ----
  {
    name: 'unknown event names are skipped',
    body: raw('thread.brand_new', '{}') + raw('ping', '') + created + DONE,
    values: 2,
    end: 'complete',
  },
  {
    name: 'unknown event names, when asked to fail',
    options: { unknownEvents: 'error' },
    body: created + raw('thread.brand_new', '{}'),
    values: 2,
    end: 'unknown_event',
  },
  {
    name: 'an event without a name (a bare data line) is skipped',
    body: 'data: {"x":1}\n\n' + created + DONE,
    values: 2,
    end: 'complete',
  },
  {
    name: 'unknown fields, bad retry values and comments are ignored',
    body: 'foo: bar\nretry: soon\n: hi\n\n' + created + 'retry: 10\n\n' + DONE,
    values: 2,
    end: 'complete',
  },
  {
    name: 'a 5 MB text fragment (big, but under maxBufferSize) is delivered',
    pipeline: 'text',
    body: created + sseFrame(messageDelta('msg_1', 'x'.repeat(5_000_000))) + DONE,
    values: 1,
    end: 'complete',
  },
];

// Bytes that are not UTF-8 inside a JSON string: the decoder replaces them, the event is still valid.
const invalidUtf8Case = cases.find((c) => c.name.startsWith('invalid UTF-8'))!;
const invalidUtf8Body = (() => {
  const before = encoder.encode(
    `${created}event: thread.message.delta\ndata: {"id":"msg_1","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text","text":{"value":"a`,
  );
  const after = encoder.encode(`b"}}]}}\n\n${DONE}`);
  const bytes = new Uint8Array(before.length + 3 + after.length);
  bytes.set(before);
  bytes.set([0xff, 0xc3, 0x28], before.length);
  bytes.set(after, before.length + 3);
  return bytes;
})();
invalidUtf8Case.check = (o) => expect(JSON.stringify(o.values[2])).toContain('a\ufffd\ufffd(b');

describe('reliability: hostile inputs', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const body: string | Uint8Array = c === invalidUtf8Case ? invalidUtf8Body : c.body;
    // Fed in small pieces, as a network would: every boundary lands somewhere inside the hostile part.
    const bytes = typeof body === 'string' ? encoder.encode(body) : body;
    const pieces: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 4093) pieces.push(bytes.subarray(i, i + 4093));
    const { source } = probedSource('ReadableStream', pieces);
    const events = assistantEvents(source as ReadableStream<Uint8Array>, c.options ?? {});
    const outcome = await watch((events as Observable<AssistantStreamEvent>).pipe(pipelines[c.pipeline ?? 'events']), 5000);
    expect(brokenInvariant(outcome)).toBe('');
    if (c.end === 'complete') expect(outcome.error).toBeUndefined();
    else expect((outcome.error as AssistantStreamError | undefined)?.code).toBe(c.end);
    expect(outcome.values).toHaveLength(c.values);
    c.check?.(outcome);
  });

  // ---- bounded buffers: a line that never ends ----

  /** A lazily generated body: `prefix`, then `total` bytes of `fill`, in 1 MB chunks, with the pulled bytes counted. */
  function endlessLine(prefix: string, fill: string, total: number) {
    const chunk = encoder.encode(fill.repeat(Math.ceil(1_000_000 / fill.length)).slice(0, 1_000_000));
    let sent = -1;
    function* chunks() {
      yield encoder.encode(prefix);
      for (sent = 0; sent < total; sent += chunk.length) yield chunk;
    }
    const { source, probe } = probedSource('ReadableStream', chunks());
    return { source: source as ReadableStream<Uint8Array>, probe };
  }

  // The bound is on the characters buffered: a line buffers all it reads, an event of `data: x` lines a quarter of it.
  // (That one runs with a 1 MiB bound: eventsource-parser joins data lines one string concatenation at a time, about
  // 32 bytes of heap per buffered character; at the 16 MiB default that is half a gigabyte before the bound trips.)
  it.each([
    ['a 100 MB line without a newline', created + 'event: thread.message.delta\ndata: ', 'x', 1, DEFAULT_MAX_BUFFER_SIZE, 4],
    ['a 100 MB comment line', created + ': ', 'x', 1, DEFAULT_MAX_BUFFER_SIZE, 4],
    [
      'a 100 MB event of endless data lines (no blank line)',
      created + 'event: thread.message.delta\n',
      'data: x\n',
      4,
      1024 * 1024,
      64,
    ],
  ])(
    '%s errors with buffer_overflow at maxBufferSize, having read only what fills it',
    async (_name, prefix, fill, bytesPerChar, bound, heapPerChar) => {
      const { source, probe } = endlessLine(prefix, fill, 100_000_000);
      global.gc?.();
      const heapBefore = process.memoryUsage().heapUsed;
      let peakHeap = heapBefore;
      const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 5);
      const outcome = await watch(assistantEvents(source, { maxBufferSize: bound }), 20_000);
      clearInterval(sampler);
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      expect(brokenInvariant(outcome)).toBe('');
      expect(outcome.values).toHaveLength(2);
      expect((outcome.error as AssistantStreamError).code).toBe('buffer_overflow');
      // The reader was cancelled once the bound was crossed: what fills 16 MiB of buffer was read, never the rest.
      await probe.released;
      expect(probe.pulled).toBeLessThan(bytesPerChar * bound + 3_000_000);
      // What it held stays in proportion to the bound, not to the line.
      expect(peakHeap - heapBefore).toBeLessThan(heapPerChar * bound);
    },
  );

  it('a tighter maxBufferSize bounds it tighter', async () => {
    const { source, probe } = endlessLine(created + 'event: thread.message.delta\ndata: ', 'x', 100_000_000);
    const outcome = await watch(assistantEvents(source, { maxBufferSize: 1024 * 1024 }), 10_000);
    expect((outcome.error as AssistantStreamError).code).toBe('buffer_overflow');
    await probe.released;
    expect(probe.pulled).toBeLessThan(3_000_000);
  });

  // ---- prototype pollution ----

  /** JSON text of `value` with `key: payload` added first in the `target`-th object (in document order). */
  function withKeyAt(value: unknown, target: number, key: string, payload: string): { json: string; found: boolean } {
    let n = 0;
    let found = false;
    const write = (v: unknown): string => {
      if (Array.isArray(v)) return `[${v.map(write).join(',')}]`;
      if (typeof v === 'object' && v !== null) {
        const here = n++ === target;
        if (here) found = true;
        const entries = Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${write(x)}`);
        return `{${[...(here ? [`${JSON.stringify(key)}:${payload}`] : []), ...entries].join(',')}}`;
      }
      return JSON.stringify(v);
    };
    return { json: write(value), found };
  }

  const payloads: Record<string, string> = {
    __proto__: '{"polluted":"yes","toString":"no"}',
    constructor: '{"prototype":{"polluted":"yes"},"polluted":"yes"}',
    prototype: '{"polluted":"yes"}',
  };

  /** Every kind of delta, as the wire sends them. */
  const message = makeMessage({ id: 'msg_p' });
  const step = makeRunStep({ id: 'step_p', type: 'tool_calls', step_details: { type: 'tool_calls', tool_calls: [] } });
  const deltaKinds: AssistantStreamEvent[] = [
    {
      event: 'thread.message.delta',
      data: {
        id: 'msg_p',
        object: 'thread.message.delta',
        delta: { role: 'assistant', content: [{ index: 0, type: 'text', text: { value: 'Hi', annotations: [] } }] },
      },
    },
    {
      event: 'thread.message.delta',
      data: {
        id: 'msg_p',
        object: 'thread.message.delta',
        delta: {
          content: [
            {
              index: 0,
              type: 'text',
              text: {
                value: ' there',
                annotations: [
                  {
                    index: 0,
                    type: 'file_citation',
                    text: '[1]',
                    start_index: 0,
                    end_index: 3,
                    file_citation: { file_id: 'file_1', quote: 'q' },
                  },
                  { index: 1, type: 'file_path', text: '[2]', start_index: 3, end_index: 6, file_path: { file_id: 'file_2' } },
                ],
              },
            },
          ],
        },
      },
    },
    {
      event: 'thread.message.delta',
      data: {
        id: 'msg_p',
        object: 'thread.message.delta',
        delta: { content: [{ index: 1, type: 'image_file', image_file: { file_id: 'file_3', detail: 'auto' } }] },
      },
    },
    {
      event: 'thread.message.delta',
      data: {
        id: 'msg_p',
        object: 'thread.message.delta',
        delta: { content: [{ index: 2, type: 'image_url', image_url: { url: 'https://x/y.png' } }] },
      },
    },
    {
      event: 'thread.message.delta',
      data: { id: 'msg_p', object: 'thread.message.delta', delta: { content: [{ index: 3, type: 'refusal', refusal: 'No.' }] } },
    },
    {
      event: 'thread.run.step.delta',
      data: {
        id: 'step_p',
        object: 'thread.run.step.delta',
        delta: {
          step_details: {
            type: 'tool_calls',
            tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a"', output: null } }],
          },
        },
      },
    },
    {
      event: 'thread.run.step.delta',
      data: {
        id: 'step_p',
        object: 'thread.run.step.delta',
        delta: {
          step_details: {
            type: 'tool_calls',
            tool_calls: [
              {
                index: 1,
                id: 'call_2',
                type: 'code_interpreter',
                code_interpreter: {
                  input: 'print(1)',
                  outputs: [
                    { index: 0, type: 'logs', logs: '1\n' },
                    { index: 1, type: 'image', image: { file_id: 'file_4' } },
                  ],
                },
              },
            ],
          },
        },
      },
    },
    {
      event: 'thread.run.step.delta',
      data: {
        id: 'step_p',
        object: 'thread.run.step.delta',
        delta: {
          step_details: {
            type: 'tool_calls',
            tool_calls: [
              {
                index: 2,
                id: 'call_3',
                type: 'file_search',
                file_search: {
                  ranking_options: { ranker: 'auto', score_threshold: 0 },
                  results: [{ file_id: 'f', file_name: 'n', score: 1 }],
                },
              },
            ],
          },
        },
      },
    },
    {
      event: 'thread.run.step.delta',
      data: {
        id: 'step_p',
        object: 'thread.run.step.delta',
        delta: { step_details: { type: 'message_creation', message_creation: { message_id: 'msg_p' } } },
      },
    },
  ];

  const pollutionCases = deltaKinds.flatMap((event, kind) =>
    Object.keys(payloads).flatMap((key) => {
      const out: [string, AssistantStreamEvent, string][] = [];
      for (let target = 0; ; target++) {
        const { json, found } = withKeyAt(event.data, target, key, payloads[key]!);
        if (!found) break;
        out.push([`${event.event} #${kind}, "${key}" in object #${target}`, event, json]);
      }
      return out;
    }),
  );

  function expectNoPollution(value: unknown, seen = new Set<unknown>()): void {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    const proto = Object.getPrototypeOf(value);
    expect(proto === Object.prototype || proto === Array.prototype).toBe(true);
    for (const key of ['__proto__', 'constructor', 'prototype'])
      expect(Object.prototype.hasOwnProperty.call(value, key)).toBe(false);
    for (const child of Object.values(value)) expectNoPollution(child, seen);
  }

  it(`__proto__, constructor and prototype keys at every level of every delta kind never reach a prototype (${pollutionCases.length} cases)`, async () => {
    for (const [name, event, json] of pollutionCases) {
      const body = toSSE([messageCreated(message), stepCreated(step)], { done: false }) + raw(event.event, json) + DONE;
      for (const pipeline of ['messages', 'steps'] as const) {
        const outcome = await watch(assistantEvents(body).pipe(pipelines[pipeline]), 2000, false);
        const label = `${name} through ${pipeline}`;
        expect({ label, broken: brokenInvariant(outcome), completed: outcome.completed }).toEqual({
          label,
          broken: '',
          completed: true,
        });
        expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
        expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
        // The delta reached the snapshot (the poisoned object was merged, not rejected), its keys did not.
        const last = outcome.values[outcome.values.length - 1];
        expect(last).toBeDefined();
        expectNoPollution(last);
      }
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(([] as unknown as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  // ---- a server that stops sending without closing ----

  it.each(['ReadableStream', 'AsyncIterable', 'Response'] as const)(
    'a %s that stops sending without closing: no hang of the consumer, unsubscribing cancels the reader',
    async (kind) => {
      const { source, probe } = probedSource(
        kind,
        [encoder.encode(created), encoder.encode(sseFrame(messageDelta('msg_1', 'Hi')))],
        true,
      );
      const seen: unknown[] = [];
      let ended = false;
      const subscription = assistantEvents(source as ReadableStream<Uint8Array>).subscribe({
        next: (e) => seen.push(e),
        error: () => (ended = true),
        complete: () => (ended = true),
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(seen).toHaveLength(3);
      expect(ended).toBe(false); // still waiting: the server said nothing more
      subscription.unsubscribe();
      await probe.released;
      expect(probe.cancelled).toBe(true);
      await settle();
      expect(seen).toHaveLength(3);
      expect(ended).toBe(false);
    },
  );

  it("an HTTP error answer is an http_error with the server's message, not a stream", async () => {
    const response = new Response('{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}', {
      status: 429,
      headers: { 'content-type': 'application/json' },
    });
    const outcome = await watch(assistantEvents(response));
    expect(brokenInvariant(outcome)).toBe('');
    expect(outcome.error).toMatchObject({ code: 'http_error', status: 429, serverError: { message: 'Rate limit reached' } });
  });

  it('a 200 answer that is not text/event-stream is an http_error', async () => {
    const outcome = await watch(
      assistantEvents(new Response('<html>oops</html>', { status: 200, headers: { 'content-type': 'text/html' } })),
    );
    expect(brokenInvariant(outcome)).toBe('');
    expect((outcome.error as AssistantStreamError).code).toBe('http_error');
  });

  it('a completed message is authoritative even after hostile deltas were rejected by another subscriber', async () => {
    // Two subscriptions of one cold Observable do not share state: a bad delta in one leaves the other intact.
    const good = toSSE([messageCreated(), messageDelta('msg_1', 'Hi'), messageCompleted('Hi')]);
    const results = await Promise.all([
      watch(assistantEvents(good).pipe(accumulateMessageDeltas())),
      watch(assistantEvents(good).pipe(accumulateMessageDeltas())),
    ]);
    for (const r of results) expect(r.values).toHaveLength(3);
  });
});
