import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lastValueFrom, take, toArray } from 'rxjs';
import { assistantEvents } from '../../src/decode/assistant-events';
import { createAssistantsClient, type AssistantsClientOptions } from '../../src/http/assistants-client';
import { runWithTools } from '../../src/http/run-with-tools';
import { DEFAULT_MOCK_TEXT } from '../../src/node/mock-scenarios';
import { startMockServer, type MockServer } from '../../src/node/mock-server';
import { accumulateMessageDeltas } from '../../src/operators/accumulate-message-deltas';
import { accumulateRunStepDeltas } from '../../src/operators/accumulate-run-step-deltas';
import { textDeltas } from '../../src/operators/text-deltas';
import type { AssistantStreamEvent } from '../../src/schema';
import { messageDelta } from '../../src/testing/builders';
import { fragmentsOf, textRunEvents, toolCallRunEvents, toolOutputsRunEvents } from '../../src/testing/scenarios';
import { collect } from '../support/collect';
import { FIXTURES_DIR } from '../support/fixtures';

const fixture = (name: string) => join(FIXTURES_DIR, name);
const http400 = JSON.parse(
  readFileSync(fixture('22-ruby-openai-http400-on-stream-request.NOT-SSE.txt'), 'utf8').replace(/^#.*\n/, ''),
).error;

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
});
afterAll(() => server.close());
beforeEach(() => server.configure({ scenario: 'text', chunkSize: undefined, pacing: 0, failure: undefined, cors: true }));

const clientFor = (options: Partial<AssistantsClientOptions> = {}) =>
  createAssistantsClient({ baseURL: server.baseURL, apiKey: 'test', ...options });
/** The events with the server's counters (run_7, thread_3) made comparable across requests. */
const normalized = (events: AssistantStreamEvent[]) =>
  JSON.parse(JSON.stringify(events).replace(/\b(run|thread)_\d+\b/g, '$1_N'));
const names = (events: { event: string }[]) => events.map((e) => e.event);
const lastRequest = () => server.requests[server.requests.length - 1]!;

describe('the mock server, driven by createAssistantsClient over real sockets', () => {
  it('streams the text run: the same events as the scenario, the request as the client sent it', async () => {
    const { values, completed } = await collect(clientFor().createRun('thread_a', { assistant_id: 'asst_a' }));
    expect(completed).toBe(true);
    const runId = lastRequest().endpoint === 'createRun' ? (values[0]!.data as { id: string }).id : '';
    expect(values).toEqual(textRunEvents(DEFAULT_MOCK_TEXT, { threadId: 'thread_a', runId, assistantId: 'asst_a' }));
    const request = lastRequest();
    expect(request).toMatchObject({
      method: 'POST',
      path: '/v1/threads/thread_a/runs',
      endpoint: 'createRun',
      body: { assistant_id: 'asst_a', stream: true },
    });
    expect(request.headers).toMatchObject({
      authorization: 'Bearer test',
      'openai-beta': 'assistants=v2',
      accept: 'text/event-stream',
      'content-type': 'application/json',
    });
    expect(await request.ended).toBe('finished');
  });

  it('gives the same events in chunks of 1, 7 and 64 bytes (UTF-8 characters split) as frame by frame', async () => {
    const reference = normalized((await collect(clientFor().createThreadAndRun({ assistant_id: 'asst_a' }))).values);
    expect(names(reference)[0]).toBe('thread.created');
    for (const chunkSize of [7, 64]) {
      server.configure({ chunkSize });
      const { values, completed } = await collect(clientFor().createThreadAndRun({ assistant_id: 'asst_a' }));
      expect({ chunkSize, completed, values: normalized(values) }).toEqual({ chunkSize, completed: true, values: reference });
    }
    // Single bytes, on a shorter transcript (a whole run is 8 kB: thousands of writes): text deltas full of multi-byte characters.
    const deltas = fragmentsOf(DEFAULT_MOCK_TEXT).map((fragment) => messageDelta('msg_1', fragment));
    server.configure({ scenario: { type: 'transcript', start: { events: deltas } }, chunkSize: 1 });
    const { values, completed } = await collect(clientFor().createRun('thread_a', { assistant_id: 'asst_a' }));
    expect({ completed, values }).toEqual({ completed: true, values: deltas });
    expect(lastRequest().state).toBe('finished');
  });

  it('answers at the root as well as under /v1', async () => {
    const { completed } = await collect(
      clientFor({ baseURL: `${server.url}/` }).createRun('thread_a', { assistant_id: 'asst_a' }),
    );
    expect(completed).toBe(true);
    expect(lastRequest().path).toBe('/threads/thread_a/runs');
  });

  it('plays the code interpreter run', async () => {
    server.configure({ scenario: { type: 'code', input: 'print(6 * 7)', logs: '42\n' } });
    const steps = (await collect(clientFor().createRun('thread_a', { assistant_id: 'asst_a' }).pipe(accumulateRunStepDeltas())))
      .values;
    const code = steps.filter((s) => s.step_details.type === 'tool_calls').at(-1)!;
    expect(code.status).toBe('completed');
    expect(code.step_details).toEqual({
      type: 'tool_calls',
      tool_calls: [
        {
          id: 'call_code',
          type: 'code_interpreter',
          code_interpreter: { input: 'print(6 * 7)', outputs: [{ type: 'logs', logs: '42\n' }] },
        },
      ],
    });
  });

  describe('the tool-call loop', () => {
    it('answers a function call with a handler and continues the run to completed, as one continuous stream', async () => {
      server.configure({ scenario: 'tools', chunkSize: 32 });
      const client = clientFor();
      const handled: unknown[] = [];
      const { values, completed, error } = await collect(
        runWithTools(client.createRun('thread_a', { assistant_id: 'asst_a' }), {
          client,
          handlers: {
            get_weather: async (args: { city: string }) => {
              handled.push(args);
              return { city: args.city, celsius: 18 };
            },
          },
        }),
      );
      expect(error).toBeUndefined();
      expect(completed).toBe(true);
      expect(handled).toEqual([{ city: 'Paris' }]);
      const output = '{"city":"Paris","celsius":18}';
      const calls = [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }];
      const runId = (values[0]!.data as { id: string }).id;
      const ids = { threadId: 'thread_a', runId, assistantId: 'asst_a' };
      expect(values).toEqual([
        ...toolCallRunEvents(calls, { ...ids, stepId: 'step_tools_1' }),
        ...toolOutputsRunEvents([{ ...calls[0]!, output }], `Here is what the tools said: call_1 → ${output}.`, {
          ...ids,
          toolStepId: 'step_tools_1',
        }),
      ]);
      expect(names(values).at(-1)).toBe('thread.run.completed');
      const [create, submit] = server.requests.slice(-2);
      expect(create).toMatchObject({ endpoint: 'createRun' });
      expect(submit).toMatchObject({
        endpoint: 'submitToolOutputs',
        path: `/v1/threads/thread_a/runs/${runId}/submit_tool_outputs`,
        body: { tool_outputs: [{ tool_call_id: 'call_1', output }], stream: true },
      });
    });

    it('goes through two rounds with parallel calls, in 16-byte chunks', async () => {
      server.configure({
        chunkSize: 16,
        scenario: {
          type: 'tools',
          rounds: [
            [
              { id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
              { id: 'call_2', name: 'get_time', arguments: '{"city":"Paris"}' },
            ],
            [{ id: 'call_3', name: 'get_weather', arguments: '{"city":"Köln"}' }],
          ],
          answer: (outputs) => outputs.map((o) => o.output).join(' / '),
        },
      });
      const client = clientFor();
      const text = await lastValueFrom(
        runWithTools(client.createThreadAndRun({ assistant_id: 'asst_a' }), {
          client,
          handlers: { get_weather: ({ city }) => `sunny in ${city}`, get_time: ({ city }) => Promise.resolve(`noon in ${city}`) },
        }).pipe(textDeltas(), toArray()),
      );
      expect(text.join('')).toBe('sunny in Paris / noon in Paris / sunny in Köln');
      expect(server.requests.slice(-3).map((r) => r.endpoint)).toEqual([
        'createThreadAndRun',
        'submitToolOutputs',
        'submitToolOutputs',
      ]);
    });

    it('plays real recorded transcripts (createThreadAndRun, then submit_tool_outputs) through the loop', async () => {
      const start = fixture('09-openai-dotnet-StreamingToolCall-createThreadAndRun-requires_action.sse');
      const submit = fixture('10-openai-dotnet-StreamingToolCall-submitToolOutputs.sse');
      server.configure({ scenario: { type: 'transcript', start: { file: start }, submit: { file: submit } }, chunkSize: 11 });
      const client = clientFor();
      const { values, completed } = await collect(
        runWithTools(client.createThreadAndRun({ assistant_id: 'asst_a' }), {
          client,
          handlers: { get_current_weather: () => 'warm and sunny' },
        }),
      );
      expect(completed).toBe(true);
      const expected = [
        ...(await collect(assistantEvents(readFileSync(start)))).values,
        ...(await collect(assistantEvents(readFileSync(submit)))).values,
      ];
      expect(values).toEqual(expected);
      expect(lastRequest()).toMatchObject({
        path: '/v1/threads/thread_6oUGUBxLwhyApwhYBhWjHI5f/runs/run_oyfV44CrJXYJkvb2qsd80LvJ/submit_tool_outputs',
        body: { tool_outputs: [{ tool_call_id: 'call_xyFYaEeyocjyE6jN64QTcxip', output: 'warm and sunny' }] },
      });
    });

    it('rejects outputs that do not answer the calls asked for, and submits to a run that is not waiting', async () => {
      server.configure({ scenario: 'tools' });
      const client = clientFor();
      const runId = ((await collect(client.createRun('thread_a', { assistant_id: 'asst_a' }))).values[0]!.data as { id: string })
        .id;
      const wrong = await collect(
        client.submitToolOutputs('thread_a', runId, { tool_outputs: [{ tool_call_id: 'call_9', output: 'x' }] }),
      );
      expect(wrong.error).toMatchObject({
        code: 'http_error',
        status: 400,
        serverError: { message: 'Expected tool outputs for call_ids ["call_1"], got ["call_9"].' },
      });
      const unknown = await collect(client.submitToolOutputs('thread_a', 'run_nope', { tool_outputs: [] }));
      expect(unknown.error).toMatchObject({
        code: 'http_error',
        status: 400,
        serverError: { message: 'Run run_nope is not waiting for tool outputs.' },
      });
    });
  });

  describe('failures', () => {
    it('answers an HTTP 400 with the JSON error body: http_error with the status and the server error', async () => {
      server.configure({ failure: { type: 'http', status: 400, error: http400 } });
      const { values, error } = await collect(clientFor().createRun('thread_a', { assistant_id: 'asst_a' }));
      expect(values).toEqual([]);
      expect(error).toMatchObject({ code: 'http_error', status: 400, serverError: http400 });
      expect((error as Error).message).toBe(`HTTP 400 Bad Request: ${http400.message}`);
    });

    it('answers a 503 when told, for some requests only', async () => {
      server.configure({
        failure: (request) => (request.endpoint === 'createThreadAndRun' ? { type: 'http', status: 503 } : undefined),
      });
      expect((await collect(clientFor().createThreadAndRun({ assistant_id: 'a' }))).error).toMatchObject({
        status: 503,
        serverError: { type: 'server_error' },
      });
      expect((await collect(clientFor().createRun('t', { assistant_id: 'a' }))).completed).toBe(true);
    });

    it('sends a mid-stream event: error: server_error after the events before it', async () => {
      server.configure({ failure: { type: 'event-error', afterEvents: 4 }, chunkSize: 2 });
      const { values, error } = await collect(clientFor().createRun('thread_a', { assistant_id: 'asst_a' }));
      expect(names(values)).toEqual(names(textRunEvents('x')).slice(0, 4));
      expect(error).toMatchObject({ code: 'server_error', serverError: { type: 'server_error' } });
      expect((error as Error).message).toContain('The server had an error processing your request. (mock failure)');
    });

    it('cuts the connection after N bytes: an error after the events received, never a silent completion', async () => {
      const body = (await collect(clientFor().createRun('thread_a', { assistant_id: 'asst_a' }))).values;
      const firstFrameBytes = Buffer.byteLength(`event: ${body[0]!.event}\ndata: ${JSON.stringify(body[0]!.data)}\n\n`);
      for (const afterBytes of [0, 10, firstFrameBytes, firstFrameBytes + 1, 3000]) {
        server.configure({ failure: { type: 'cut', afterBytes }, chunkSize: 7 });
        const { values, error, completed } = await collect(clientFor().createRun('thread_a', { assistant_id: 'asst_a' }));
        expect({ afterBytes, completed }).toEqual({ afterBytes, completed: false });
        expect(error).toMatchObject({ code: 'network_error' });
        expect(names(values)).toEqual(names(body).slice(0, values.length));
        expect(values.length).toBeLessThan(body.length);
        expect(await lastRequest().ended).toBe('cut');
      }
    });

    it('cuts inside a multi-byte character: an error, never a silent completion', async () => {
      const whole = (await collect(clientFor().createRun('thread_a', { assistant_id: 'asst_a' }))).values;
      const sse = whole.map((e) => `event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`).join('');
      const at = Buffer.byteLength(sse.slice(0, sse.indexOf('€'))) + 1;
      expect(sse.slice(0, sse.indexOf('€'))).toContain('thread.message.delta');
      server.configure({ failure: { type: 'cut', afterBytes: at } });
      const { error, completed } = await collect(clientFor().createRun('thread_a', { assistant_id: 'asst_a' }));
      expect(completed).toBe(false);
      expect(error).toMatchObject({ code: 'network_error' });
    });
  });

  describe('cancellation', () => {
    it('sees the client close the connection when the subscriber unsubscribes mid-stream', async () => {
      server.configure({ pacing: 20 });
      const first = await lastValueFrom(clientFor().createRun('thread_a', { assistant_id: 'asst_a' }).pipe(take(2), toArray()));
      expect(names(first)).toEqual(['thread.run.created', 'thread.run.queued']);
      const request = lastRequest();
      expect(await request.ended).toBe('client-closed');
      expect(request.state).toBe('client-closed');
      expect(server.openRequests()).toBe(0);
    });

    it('sees the client close the connection when the caller aborts', async () => {
      server.configure({ pacing: 20 });
      const controller = new AbortController();
      const events: string[] = [];
      const outcome = collect(clientFor({ signal: controller.signal }).createRun('thread_a', { assistant_id: 'asst_a' }));
      const request = await waitFor(() => server.requests.find((r) => r.state === 'open' && r.endpoint === 'createRun'));
      setTimeout(() => controller.abort(), 30);
      const { error, values } = await outcome;
      events.push(...names(values));
      expect(events.length).toBeGreaterThan(0);
      expect(error).toMatchObject({ code: 'aborted' });
      expect(await request.ended).toBe('client-closed');
    });
  });

  describe('HTTP details', () => {
    it('answers a CORS preflight from a loopback origin, and puts that origin on answers', async () => {
      const preflight = await fetch(`${server.baseURL}/threads/t/runs`, {
        method: 'OPTIONS',
        headers: {
          Origin: 'http://localhost:4200',
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization,content-type,openai-beta',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:4200');
      expect(preflight.headers.get('vary')).toBe('Origin');
      expect(preflight.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS');
      expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization,content-type,openai-beta');
      const answer = await fetch(`${server.baseURL}/threads/t/runs`, {
        method: 'POST',
        body: '{"stream":true}',
        headers: { Origin: 'http://127.0.0.1:5173' },
      });
      expect(answer.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
      await answer.text();
      server.configure({ cors: '*' });
      const any = await fetch(`${server.baseURL}/threads/t/runs`, {
        method: 'POST',
        body: '{"stream":true}',
        headers: { Origin: 'https://app.example.com' },
      });
      expect(any.headers.get('access-control-allow-origin')).toBe('*');
      await any.text();
      server.configure({ cors: false });
      const without = await fetch(`${server.baseURL}/threads/t/runs`, {
        method: 'POST',
        body: '{"stream":true}',
        headers: { Origin: 'http://localhost:4200' },
      });
      expect(without.headers.get('access-control-allow-origin')).toBeNull();
      await without.text();
      server.configure({ cors: true });
    });

    it.each([
      ['an unknown path', '/v1/assistants', 'POST', '{"stream":true}', 404],
      ['a GET', '/v1/threads/runs', 'GET', undefined, 405],
      ['a body that is not JSON', '/v1/threads/runs', 'POST', '{"stream":', 400],
      ['a request without stream: true', '/v1/threads/runs', 'POST', '{"assistant_id":"a"}', 400],
      ['a body that is not an object', '/v1/threads/runs', 'POST', '[1]', 400],
    ])('answers %s with a JSON error', async (_what, path, method, body, status) => {
      const response = await fetch(`${server.url}${path}`, { method, ...(body === undefined ? {} : { body }) });
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toBe('application/json');
      const { error } = await response.json();
      expect(Object.keys(error)).toEqual(['message', 'type', 'param', 'code']);
      expect(error).toMatchObject({ message: expect.any(String), type: 'invalid_request_error', code: null });
    });

    it('logs one line per request when asked', async () => {
      const lines: string[] = [];
      server.configure({ log: (line) => lines.push(line) });
      await collect(clientFor().createRun('thread_a', { assistant_id: 'asst_a' }));
      server.configure({ log: undefined });
      expect(lines).toEqual([expect.stringMatching(/^POST \/v1\/threads\/thread_a\/runs 200 createRun: \d+ frames$/)]);
    });
  });

  it('validates its options with a TypeError', async () => {
    await expect(startMockServer({ host: '0.0.0.0' })).rejects.toThrow(/loopback/);
    await expect(startMockServer({ port: -1 })).rejects.toThrow(/port/);
    await expect(startMockServer({ chunkSize: 0 })).rejects.toThrow(/chunkSize/);
    await expect(startMockServer({ pacing: -5 })).rejects.toThrow(/pacing/);
    await expect(startMockServer({ scenario: 'music' as never })).rejects.toThrow(/scenario/);
    await expect(startMockServer({ scenario: { type: 'transcript', start: {} as never } })).rejects.toThrow(/transcript/);
    await expect(startMockServer({ scenario: { type: 'tools', rounds: [] } })).rejects.toThrow(/rounds/);
    await expect(startMockServer({ failure: { type: 'http', status: 200 } })).rejects.toThrow(/failure/);
    await expect(startMockServer({ cors: 'yes' as never })).rejects.toThrow(/cors/);
    await expect(startMockServer({ bearerToken: 'two words' })).rejects.toThrow(/bearerToken/);
    await expect(startMockServer({ scenario: { type: 'azure-mcp', calls: [] } })).rejects.toThrow(/calls/);
    expect(() => server.configure({ failure: { type: 'cut' } as never })).toThrow(/failure/);
  });

  it('closes with streams in progress, and every server of the suite is on 127.0.0.1', async () => {
    const other = await startMockServer({ pacing: 50 });
    expect(other.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const outcome = collect(createAssistantsClient({ baseURL: other.baseURL }).createRun('t', { assistant_id: 'a' }));
    await waitFor(() => other.requests.find((r) => r.state === 'open' && r.endpoint === 'createRun'));
    await other.close();
    const { error, completed } = await outcome;
    expect(completed).toBe(false);
    expect(error).toMatchObject({ code: 'network_error' });
    expect(other.openRequests()).toBe(0);
  });
});

/** Polls (every 2 ms, up to 2 s) until `find` returns something. */
async function waitFor<T>(find: () => T | undefined): Promise<T> {
  for (let i = 0; i < 1000; i++) {
    const found = find();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error('waitFor: timed out');
}

// Keeps the message accumulation import honest: the final message of a run equals the server's completed one.
it('accumulates the streamed message into the completed one', async () => {
  const s = await startMockServer({ chunkSize: 4 });
  try {
    const messages = (
      await collect(
        createAssistantsClient({ baseURL: s.baseURL }).createRun('t', { assistant_id: 'a' }).pipe(accumulateMessageDeltas()),
      )
    ).values;
    expect(messages.at(-1)!.content).toEqual([{ type: 'text', text: { value: DEFAULT_MOCK_TEXT, annotations: [] } }]);
  } finally {
    await s.close();
  }
});
