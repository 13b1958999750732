import { firstValueFrom, take, toArray } from 'rxjs';
import { AssistantStreamError } from '../../src/errors';
import {
  createAssistantsClient,
  type FetchInit,
  type FetchLike,
  type HeadersOption,
  type HeadersRequest,
  type HeadersSource,
} from '../../src/http/assistants-client';
import { messageDelta, runCompleted, runCreated, toSSE } from '../../src/testing/builders';
import { textRunEvents } from '../../src/testing/scenarios';
import { collect } from '../support/collect';
import { NOT_SSE_CAPTURE, readCapture } from '../support/fixtures';

/** The real HTTP 400 body of a rejected `stream: true` request (its first line is a comment about the capture). */
const http400Body = readCapture(NOT_SSE_CAPTURE)
  .toString('utf8')
  .replace(/^#.*\n/, '');

const SSE_HEADERS = { 'Content-Type': 'text/event-stream; charset=utf-8' };

interface Call {
  url: string;
  init: FetchInit;
}

/** A fetch double that records its calls and answers with `respond` (a Response, or a rejection). */
function fakeFetch(
  respond: (call: Call) => Promise<Response> | Response = () =>
    new Response(toSSE(textRunEvents('Hi there')), { headers: SSE_HEADERS }),
) {
  const calls: Call[] = [];
  const fetch: FetchLike = async (url, init) => {
    const call = { url, init };
    calls.push(call);
    return respond(call);
  };
  return { fetch, calls };
}

/** A Response whose body sends `first`, then waits until cancelled (recorded) or failed with `fail(reason)`. */
function hangingResponse(first: string) {
  let cancelled = false;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      c.enqueue(new TextEncoder().encode(first));
    },
    cancel() {
      cancelled = true;
    },
  });
  return {
    response: new Response(body, { headers: SSE_HEADERS }),
    cancelled: () => cancelled,
    fail: (reason: unknown) => controller.error(reason),
  };
}

describe('createAssistantsClient', () => {
  describe('requests', () => {
    it('POSTs createRun with stream: true, JSON, the default headers and Authorization', async () => {
      const { fetch, calls } = fakeFetch();
      const client = createAssistantsClient({ baseURL: 'https://api.example.com/v1', apiKey: 'sk-test', fetch });
      const { values, completed } = await collect(
        client.createRun('thread_1', { assistant_id: 'asst_1', instructions: 'Be brief.' }),
      );
      expect(completed).toBe(true);
      expect(values.map((e) => e.event)).toEqual(textRunEvents('Hi there').map((e) => e.event));
      expect(calls).toHaveLength(1);
      const [{ url, init }] = calls as [Call];
      expect(url).toBe('https://api.example.com/v1/threads/thread_1/runs');
      expect(init.method).toBe('POST');
      expect(init.headers).toEqual({
        'Content-Type': 'application/json',
        Accept: 'text/event-stream',
        'OpenAI-Beta': 'assistants=v2',
        Authorization: 'Bearer sk-test',
      });
      expect(JSON.parse(init.body)).toEqual({ assistant_id: 'asst_1', instructions: 'Be brief.', stream: true });
      expect(init.signal).toBeInstanceOf(AbortSignal);
    });

    it('builds the createThreadAndRun and submitToolOutputs URLs (trailing slashes, encoded ids, query)', async () => {
      const { fetch, calls } = fakeFetch();
      const client = createAssistantsClient({
        baseURL: 'https://example.openai.azure.com/openai//',
        fetch,
        query: { 'api-version': '2024-05-01-preview' },
      });
      await collect(
        client.createThreadAndRun({ assistant_id: 'asst_1', thread: { messages: [{ role: 'user', content: 'Hi' }] } }),
      );
      await collect(client.submitToolOutputs('thread?1', 'run 1', { tool_outputs: [{ tool_call_id: 'call_1', output: '18' }] }));
      expect(calls.map((c) => c.url)).toEqual([
        'https://example.openai.azure.com/openai/threads/runs?api-version=2024-05-01-preview',
        'https://example.openai.azure.com/openai/threads/thread%3F1/runs/run%201/submit_tool_outputs?api-version=2024-05-01-preview',
      ]);
      expect(JSON.parse(calls[1]!.init.body)).toEqual({ tool_outputs: [{ tool_call_id: 'call_1', output: '18' }], stream: true });
      expect(calls[0]!.init.headers['Authorization']).toBeUndefined();
    });

    it('lets headers override the defaults case-insensitively, remove one with null, and add per-request ones', async () => {
      const { fetch, calls } = fakeFetch();
      const client = createAssistantsClient({
        baseURL: 'http://localhost:1234',
        apiKey: 'k',
        fetch,
        headers: {
          'openai-beta': 'assistants=v1',
          authorization: null,
          'api-key': 'azure-key',
          Accept: undefined,
          'X-Unset': undefined,
        },
      });
      await collect(
        client.createRun('t', { assistant_id: 'a' }, { headers: { 'X-Request': '1', Accept: 'text/event-stream, */*' } }),
      );
      expect(calls[0]!.init.headers).toEqual({
        'Content-Type': 'application/json',
        Accept: 'text/event-stream, */*',
        'openai-beta': 'assistants=v1',
        'api-key': 'azure-key',
        'X-Request': '1',
      });
    });

    it('calls a headers function once per request, just before it is sent, with the URL and the body', async () => {
      const { fetch, calls } = fakeFetch();
      const seen: HeadersRequest[] = [];
      let n = 0;
      const client = createAssistantsClient({
        baseURL: 'http://localhost/v1',
        apiKey: 'k',
        fetch,
        headers: (request) => {
          seen.push(request);
          return { 'X-Token': `t${++n}`, 'OpenAI-Beta': null };
        },
      });
      const run$ = client.createRun('t', { assistant_id: 'a' }, { headers: { 'X-Request': '1' } });
      expect(seen).toEqual([]);
      await collect(run$);
      await collect(run$);
      expect(seen).toEqual([
        { url: 'http://localhost/v1/threads/t/runs', body: '{"assistant_id":"a","stream":true}' },
        { url: 'http://localhost/v1/threads/t/runs', body: '{"assistant_id":"a","stream":true}' },
      ]);
      expect(calls.map((c) => c.init.headers)).toEqual(
        [1, 2].map((i) => ({
          'Content-Type': 'application/json',
          Accept: 'text/event-stream',
          Authorization: 'Bearer k',
          'X-Token': `t${i}`,
          'X-Request': '1',
        })),
      );
    });

    it('waits for an async headers function, and sends nothing when unsubscribed meanwhile', async () => {
      const { fetch, calls } = fakeFetch();
      let release!: (headers: HeadersOption) => void;
      const client = createAssistantsClient({
        baseURL: 'http://localhost',
        fetch,
        headers: () => new Promise<HeadersOption>((resolve) => (release = resolve)),
      });
      const outcome = collect(client.createThreadAndRun({ assistant_id: 'a' }));
      await Promise.resolve();
      expect(calls).toHaveLength(0);
      release({ Authorization: 'Bearer fresh' });
      expect((await outcome).completed).toBe(true);
      expect(calls[0]!.init.headers['Authorization']).toBe('Bearer fresh');

      const abandoned = client
        .createThreadAndRun({ assistant_id: 'a' })
        .subscribe({ error: () => fail('no error after unsubscribe') });
      abandoned.unsubscribe();
      release({});
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(calls).toHaveLength(1);
    });

    it('fails with network_error and sends nothing when the headers function throws, rejects or returns no headers object', async () => {
      const secret = new Error('token service said: sk-very-secret');
      const cases: [HeadersSource, RegExp][] = [
        [
          () => {
            throw secret;
          },
          /^The `headers` function of createAssistantsClient failed \(threw Error, see `cause`\); nothing was sent$/,
        ],
        [
          () => Promise.reject(secret),
          /^The `headers` function of createAssistantsClient failed \(threw Error, see `cause`\); nothing was sent$/,
        ],
        [
          (() => 'Bearer x') as never,
          /^The `headers` function of createAssistantsClient returned a string \(8 characters\), expected an object/,
        ],
        [(async () => [['a', 'b']]) as never, /returned an array \(1 item\), expected an object/],
      ];
      for (const [headers, message] of cases) {
        const { fetch, calls } = fakeFetch();
        const { error, values } = await collect(
          createAssistantsClient({ baseURL: 'http://localhost', fetch, headers }).createRun('t', { assistant_id: 'a' }),
        );
        expect(values).toEqual([]);
        expect(error).toBeInstanceOf(AssistantStreamError);
        expect(error).toMatchObject({ code: 'network_error' });
        expect((error as Error).message).toMatch(message);
        expect((error as Error).message).not.toContain('sk-very-secret');
        expect(calls).toHaveLength(0);
      }
    });

    it('is cold: nothing is fetched before subscription, one request per subscription', async () => {
      const { fetch, calls } = fakeFetch();
      const run$ = createAssistantsClient({ baseURL: 'http://localhost', fetch }).createRun('t', { assistant_id: 'a' });
      await Promise.resolve();
      expect(calls).toHaveLength(0);
      await collect(run$);
      await collect(run$);
      expect(calls).toHaveLength(2);
    });

    it('uses globalThis.fetch, looked up at subscription time', async () => {
      const { fetch, calls } = fakeFetch();
      const run$ = createAssistantsClient({ baseURL: 'http://localhost' }).createRun('t', { assistant_id: 'a' });
      const spy = jest.spyOn(globalThis, 'fetch').mockImplementation(fetch as unknown as typeof globalThis.fetch);
      try {
        expect((await collect(run$)).completed).toBe(true);
        expect(calls).toHaveLength(1);
      } finally {
        spy.mockRestore();
      }
    });

    it('passes the decoding options through', async () => {
      const body = 'event: thread.run.future_event\ndata: {}\n\n' + toSSE([runCreated(), runCompleted()]);
      const { fetch } = fakeFetch(() => new Response(body, { headers: SSE_HEADERS }));
      const seen: string[] = [];
      const lenient = createAssistantsClient({
        baseURL: 'http://localhost',
        fetch,
        onUnknownEvent: (m) => seen.push(m.event ?? ''),
      });
      expect((await collect(lenient.createRun('t', { assistant_id: 'a' }))).values).toHaveLength(2);
      expect(seen).toEqual(['thread.run.future_event']);
      const strict = createAssistantsClient({ baseURL: 'http://localhost', fetch, unknownEvents: 'error' });
      const { error } = await collect(strict.createRun('t', { assistant_id: 'a' }));
      expect(error).toMatchObject({ code: 'unknown_event', event: 'thread.run.future_event' });
    });
  });

  describe('errors', () => {
    it('turns a 400 with a JSON error body into http_error with the status and the server error', async () => {
      const { fetch } = fakeFetch(
        () =>
          new Response(http400Body, { status: 400, statusText: 'Bad Request', headers: { 'Content-Type': 'application/json' } }),
      );
      const client = createAssistantsClient({ baseURL: 'http://localhost', fetch });
      const { values, error, completed } = await collect(client.createRun('t', { assistant_id: 'a' }));
      expect(values).toEqual([]);
      expect(completed).toBe(false);
      expect(error).toBeInstanceOf(AssistantStreamError);
      expect(error).toMatchObject({
        code: 'http_error',
        status: 400,
        serverError: {
          message: 'Run creation requires a Thread with a user message or an assistant with instructions.',
          type: 'invalid_request_error',
          code: 'invalid_thread',
          param: null,
        },
      });
      expect((error as Error).message).toBe(
        'HTTP 400 Bad Request: Run creation requires a Thread with a user message or an assistant with instructions.',
      );
    });

    it('turns a 2xx answer that is not text/event-stream into http_error', async () => {
      const { fetch } = fakeFetch(
        () => new Response('{"id":"run_1","object":"thread.run"}', { headers: { 'Content-Type': 'application/json' } }),
      );
      const { error } = await collect(
        createAssistantsClient({ baseURL: 'http://localhost', fetch }).createRun('t', { assistant_id: 'a' }),
      );
      expect(error).toMatchObject({ code: 'http_error', status: 200 });
      expect((error as Error).message).toContain('expected a text/event-stream body, got application/json');
    });

    it('turns a fetch rejection into network_error (with the cause), never a completion', async () => {
      const failure = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') });
      const { fetch } = fakeFetch(() => Promise.reject(failure));
      const { error, completed } = await collect(
        createAssistantsClient({ baseURL: 'http://127.0.0.1:9', fetch }).createRun('t', { assistant_id: 'a' }),
      );
      expect(completed).toBe(false);
      expect(error).toMatchObject({ code: 'network_error', cause: failure });
      expect((error as Error).message).toBe(
        'The request to http://127.0.0.1:9/threads/t/runs failed: fetch failed (connect ECONNREFUSED 127.0.0.1:9)',
      );
    });

    it('turns a fetch that throws synchronously into network_error', async () => {
      const fetch: FetchLike = () => {
        throw new Error('sync failure');
      };
      const { error } = await collect(
        createAssistantsClient({ baseURL: 'http://localhost', fetch }).createRun('t', { assistant_id: 'a' }),
      );
      expect(error).toMatchObject({ code: 'network_error' });
    });

    it('reports a missing fetch as network_error', async () => {
      const original = globalThis.fetch;
      (globalThis as { fetch?: unknown }).fetch = undefined;
      try {
        const { error } = await collect(
          createAssistantsClient({ baseURL: 'http://localhost' }).createRun('t', { assistant_id: 'a' }),
        );
        expect(error).toMatchObject({
          code: 'network_error',
          message: 'No fetch available: pass `fetch` to createAssistantsClient',
        });
      } finally {
        globalThis.fetch = original;
      }
    });

    it('turns a body that fails mid-stream into network_error after the events before it', async () => {
      const encoder = new TextEncoder();
      let pulls = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (pulls++ === 0) controller.enqueue(encoder.encode(toSSE([runCreated()], { done: false })));
          else controller.error(new TypeError('terminated'));
        },
      });
      const { fetch } = fakeFetch(() => new Response(body, { headers: SSE_HEADERS }));
      const { values, error } = await collect(
        createAssistantsClient({ baseURL: 'http://localhost', fetch }).createRun('t', { assistant_id: 'a' }),
      );
      expect(values.map((e) => e.event)).toEqual(['thread.run.created']);
      expect(error).toMatchObject({ code: 'network_error' });
    });

    it('takes the global fetch, or a wrapper of it, as `fetch` (a compile-time check too)', async () => {
      const { fetch, calls } = fakeFetch();
      const spy = jest.spyOn(globalThis, 'fetch').mockImplementation(fetch as unknown as typeof globalThis.fetch);
      try {
        await collect(
          createAssistantsClient({ baseURL: 'http://localhost', fetch: globalThis.fetch }).createRun('t', { assistant_id: 'a' }),
        );
        await collect(
          createAssistantsClient({ baseURL: 'http://localhost', fetch: (url, init) => globalThis.fetch(url, init) }).createRun(
            't',
            { assistant_id: 'a' },
          ),
        );
        expect(calls).toHaveLength(2);
      } finally {
        spy.mockRestore();
      }
    });

    it('validates its options with a TypeError', () => {
      expect(() => createAssistantsClient(undefined as never)).toThrow(TypeError);
      expect(() => createAssistantsClient({} as never)).toThrow(/baseURL/);
      expect(() => createAssistantsClient({ baseURL: 'api.openai.com/v1' })).toThrow(/baseURL/);
      expect(() => createAssistantsClient({ baseURL: 'http://x', apiKey: 42 as never })).toThrow(/apiKey/);
      expect(() => createAssistantsClient({ baseURL: 'http://x', fetch: 'fetch' as never })).toThrow(/fetch/);
      expect(() => createAssistantsClient({ baseURL: 'http://x', headers: { a: 1 } as never })).toThrow(/headers/);
      expect(() => createAssistantsClient({ baseURL: 'http://x', query: { v: 1 } as never })).toThrow(/query/);
      expect(() => createAssistantsClient({ baseURL: 'http://x', signal: {} as never })).toThrow(/signal/);
      expect(() => createAssistantsClient({ baseURL: 'http://x', mode: 'loose' as never })).toThrow(/mode/);
      expect(() => createAssistantsClient({ baseURL: 'http://x', maxBufferSize: -1 })).toThrow(/maxBufferSize/);
      const client = createAssistantsClient({ baseURL: 'http://x' });
      expect(() => client.createRun('', { assistant_id: 'a' })).toThrow(/threadId/);
      expect(() => client.createRun('t', null as never)).toThrow(/body/);
      expect(() => client.submitToolOutputs('t', 'r', {} as never)).toThrow(/tool_outputs/);
      expect(() => client.createThreadAndRun({ assistant_id: 'a' }, { signal: 'x' as never })).toThrow(/signal/);
      expect(() => client.submitToolApprovals('t', 'r', { tool_outputs: [] } as never)).toThrow(/tool_approvals/);
      expect(() => createAssistantsClient({ baseURL: 'http://x', headers: 'x' as never })).toThrow(/headers/);
      expect(() => createAssistantsClient({ baseURL: 'https://x/v1?api-key=secret' })).toThrow(
        /without a query.*"https:\/\/x\/v1\?api-key=\*\*\*"$/,
      );
    });

    it('rejects ids that would leave their path segment with a TypeError, before anything is sent', () => {
      const { fetch, calls } = fakeFetch();
      const client = createAssistantsClient({ baseURL: 'http://x', fetch });
      const body = { tool_outputs: [] };
      for (const bad of ['', '.', '..', '../files', 'a/b', 'a\\b', '/', 42, null, undefined]) {
        expect(() => client.createRun(bad as string, { assistant_id: 'a' })).toThrow(TypeError);
        expect(() => client.submitToolOutputs('thread_1', bad as string, body)).toThrow(
          /^submitToolOutputs: `runId` must be an id/,
        );
        expect(() => client.submitToolApprovals(bad as string, 'run_1', { tool_approvals: [] })).toThrow(
          /^submitToolApprovals: `threadId` must be an id/,
        );
      }
      expect(() => client.createRun('../../files', { assistant_id: 'a' })).toThrow(
        'createRun: `threadId` must be an id (a non-empty string, not "." or "..", without "/"), got a string with a "/" in it',
      );
      expect(() => client.createRun('..', { assistant_id: 'a' })).toThrow(/got "\.\."$/);
      expect(calls).toHaveLength(0);
    });
  });

  describe('cancellation', () => {
    it('aborts the request when unsubscribed before the answer', async () => {
      let signal: AbortSignal | undefined;
      const { fetch } = fakeFetch(
        (call) =>
          new Promise<Response>((_, reject) => {
            signal = call.init.signal;
            signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
          }),
      );
      const subscription = createAssistantsClient({ baseURL: 'http://localhost', fetch })
        .createRun('t', { assistant_id: 'a' })
        .subscribe({
          error: () => fail('no error after unsubscribe'),
        });
      await Promise.resolve();
      expect(signal?.aborted).toBe(false);
      subscription.unsubscribe();
      expect(signal?.aborted).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 5));
    });

    it('aborts the request and cancels the body when unsubscribed in the middle of the body', async () => {
      const { response, cancelled } = hangingResponse(toSSE([runCreated(), messageDelta('msg_1', 'Hel')], { done: false }));
      const { fetch, calls } = fakeFetch(() => response);
      const first = await firstValueFrom(
        createAssistantsClient({ baseURL: 'http://localhost', fetch })
          .createRun('t', { assistant_id: 'a' })
          .pipe(take(1), toArray()),
      );
      expect(first.map((e) => e.event)).toEqual(['thread.run.created']);
      expect(calls[0]!.init.signal.aborted).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(cancelled()).toBe(true);
    });

    it('honours an already aborted signal: aborted error, no fetch', async () => {
      const { fetch, calls } = fakeFetch();
      const controller = new AbortController();
      controller.abort(new Error('user left'));
      const client = createAssistantsClient({ baseURL: 'http://localhost', fetch });
      const { error } = await collect(client.createRun('t', { assistant_id: 'a' }, { signal: controller.signal }));
      expect(error).toMatchObject({ code: 'aborted', message: 'The request was aborted: user left' });
      const viaClient = createAssistantsClient({ baseURL: 'http://localhost', fetch, signal: controller.signal });
      expect((await collect(viaClient.createThreadAndRun({ assistant_id: 'a' }))).error).toMatchObject({ code: 'aborted' });
      expect(calls).toHaveLength(0);
    });

    it('errors with aborted when the caller aborts during the request', async () => {
      const { fetch, calls } = fakeFetch(
        (call) =>
          new Promise<Response>((_, reject) => call.init.signal.addEventListener('abort', () => reject(call.init.signal.reason))),
      );
      const controller = new AbortController();
      const outcome = collect(
        createAssistantsClient({ baseURL: 'http://localhost', fetch }).createRun(
          't',
          { assistant_id: 'a' },
          { signal: controller.signal },
        ),
      );
      await Promise.resolve();
      controller.abort('changed my mind');
      const { error } = await outcome;
      expect(error).toMatchObject({ code: 'aborted', message: 'The request was aborted: changed my mind' });
      expect(calls[0]!.init.signal.aborted).toBe(true);
    });

    it('errors with aborted when the caller aborts in the middle of the body', async () => {
      const { response, fail } = hangingResponse(toSSE([runCreated()], { done: false }));
      const controller = new AbortController();
      const { fetch } = fakeFetch((call) => {
        // As fetch does, an abort errors the body with the signal's reason.
        call.init.signal.addEventListener('abort', () => fail(call.init.signal.reason));
        return response;
      });
      const events: string[] = [];
      const error = await new Promise<unknown>((resolve) =>
        createAssistantsClient({ baseURL: 'http://localhost', fetch, signal: controller.signal })
          .createRun('t', { assistant_id: 'a' })
          .subscribe({
            next: (e) => {
              events.push(e.event);
              controller.abort(new Error('stop'));
            },
            error: resolve,
            complete: () => resolve('completed'),
          }),
      );
      expect(events).toEqual(['thread.run.created']);
      expect(error).toMatchObject({ code: 'aborted', message: 'The request was aborted: stop' });
    });
  });
});
