import OpenAI from 'openai';
import { defer, lastValueFrom, switchMap, take, toArray } from 'rxjs';
import { assistantEvents } from '../../src/decode/assistant-events';
import { AssistantStreamError } from '../../src/errors';
import { createAssistantsClient } from '../../src/http/assistants-client';
import { runWithTools } from '../../src/http/run-with-tools';
import { fromOpenAIStream, type OpenAIStreamItem } from '../../src/interop/from-openai-stream';
import { startMockServer, type MockServer } from '../../src/node/mock-server';
import { textDeltas } from '../../src/operators/text-deltas';
import type { AssistantStreamEvent } from '../../src/schema';
import { messageDelta, runCompleted, runCreated, runInProgress } from '../../src/testing/builders';
import { collect } from '../support/collect';

/** An AsyncIterable of items that records whether its iterator was returned. */
function iterableOf(items: unknown[], { failWith, hang = false }: { failWith?: unknown; hang?: boolean } = {}) {
  let returned = false;
  const aborts: unknown[] = [];
  const stream = {
    controller: { abort: (reason?: unknown) => aborts.push(reason ?? 'abort') },
    [Symbol.asyncIterator](): AsyncIterator<OpenAIStreamItem> {
      let i = 0;
      return {
        next: async () => {
          if (i < items.length) return { value: items[i++] as OpenAIStreamItem, done: false };
          if (failWith !== undefined) throw failWith;
          if (hang) return new Promise<never>(() => undefined);
          return { value: undefined, done: true };
        },
        return: async () => {
          returned = true;
          return { value: undefined, done: true };
        },
      };
    },
  };
  return { stream, returned: () => returned, aborts };
}

const events: AssistantStreamEvent[] = [runCreated(), runInProgress(), messageDelta('msg_1', 'Hi'), runCompleted()];

describe('fromOpenAIStream', () => {
  describe('with any AsyncIterable of { event, data }', () => {
    it('emits the validated events and completes when the iterable ends', async () => {
      expect(await collect(fromOpenAIStream(iterableOf(events).stream))).toEqual({ values: events, completed: true });
    });

    it('is cold: the iterator is asked for on subscription', async () => {
      const { stream } = iterableOf(events);
      const spy = jest.spyOn(stream, Symbol.asyncIterator);
      const events$ = fromOpenAIStream(stream);
      expect(spy).not.toHaveBeenCalled();
      await collect(events$);
      expect(spy).toHaveBeenCalledTimes(1);
    });

    it('errors with invalid_event naming the event and the path, after the good events', async () => {
      const bad = {
        event: 'thread.message.delta',
        data: { id: 'msg_1', object: 'thread.message.delta', delta: { content: [{ index: '0', type: 'text' }] } },
      };
      const { values, error } = await collect(fromOpenAIStream(iterableOf([events[0], bad, events[1]]).stream));
      expect(values).toEqual([events[0]]);
      expect(error).toMatchObject({ code: 'invalid_event', event: 'thread.message.delta', path: 'data.delta.content[0].index' });
    });

    it('skips unknown events (and items without a name) by default, reports them, or fails on them', async () => {
      const items = [events[0], { event: 'thread.run.future', data: { x: 1 } }, { some: 'bare data' }, events[3]];
      const seen: unknown[] = [];
      const skipped = await collect(fromOpenAIStream(iterableOf(items).stream, { onUnknownEvent: (m) => seen.push(m) }));
      expect(skipped).toEqual({ values: [events[0], events[3]], completed: true });
      expect(seen).toEqual([{ event: 'thread.run.future', data: '{"x":1}' }, { data: '{"some":"bare data"}' }]);
      const failed = await collect(fromOpenAIStream(iterableOf(items).stream, { unknownEvents: 'error' }));
      expect(failed.error).toMatchObject({ code: 'unknown_event', event: 'thread.run.future' });
    });

    it('follows the strict mode and errorEvents options', async () => {
      const lenientOnly = { event: 'thread.run.created', data: { ...runCreated().data, instructions: null } };
      expect((await collect(fromOpenAIStream(iterableOf([lenientOnly]).stream))).completed).toBe(true);
      expect((await collect(fromOpenAIStream(iterableOf([lenientOnly]).stream, { mode: 'strict' }))).error).toMatchObject({
        code: 'invalid_event',
      });
      const errorItem = {
        event: 'error',
        data: { error: { message: 'overloaded', type: 'server_error', code: null, param: null } },
      };
      expect((await collect(fromOpenAIStream(iterableOf([errorItem]).stream))).error).toMatchObject({
        code: 'server_error',
        serverError: { message: 'overloaded' },
      });
      const emitted = await collect(fromOpenAIStream(iterableOf([errorItem]).stream, { errorEvents: 'emit' }));
      expect(emitted.values).toEqual([
        { event: 'error', data: { message: 'overloaded', type: 'server_error', code: null, param: null } },
      ]);
    });

    it('completes on a done item and errors with invalid_event on an item that is not an object', async () => {
      expect(
        await collect(fromOpenAIStream(iterableOf([events[0], { event: 'done', data: '[DONE]' }, events[1]]).stream)),
      ).toEqual({
        values: [events[0]],
        completed: true,
      });
      expect((await collect(fromOpenAIStream(iterableOf([42]).stream))).error).toMatchObject({ code: 'invalid_event' });
    });

    it.each([
      [
        'an HTTP error (openai APIError with a status)',
        Object.assign(new Error('400 bad'), { status: 400, error: { message: 'bad', type: 'invalid_request_error' } }),
        { code: 'http_error', status: 400, serverError: { message: 'bad' } },
      ],
      [
        'an event: error frame (APIError without a status)',
        Object.assign(new Error('overloaded'), { status: undefined, error: { message: 'overloaded', type: 'server_error' } }),
        { code: 'server_error', serverError: { message: 'overloaded', type: 'server_error' } },
      ],
      [
        'an abort (APIUserAbortError)',
        new (class APIUserAbortError extends Error {})('Request was aborted.'),
        { code: 'aborted' },
      ],
      ['a DOM AbortError', new DOMException('aborted', 'AbortError'), { code: 'aborted' }],
      ['a connection error', new (class APIConnectionError extends Error {})('Connection error.'), { code: 'network_error' }],
    ])('turns %s into an AssistantStreamError', async (_what, thrown, expected) => {
      const { values, error } = await collect(fromOpenAIStream(iterableOf([events[0]], { failWith: thrown }).stream));
      expect(values).toEqual([events[0]]);
      expect(error).toBeInstanceOf(AssistantStreamError);
      expect(error).toMatchObject(expected);
    });

    it('returns the iterator and aborts the controller when unsubscribed', async () => {
      const { stream, returned, aborts } = iterableOf(events.slice(0, 1), { hang: true });
      const first = await lastValueFrom(fromOpenAIStream(stream).pipe(take(1), toArray()));
      expect(first).toEqual(events.slice(0, 1));
      expect(returned()).toBe(true);
      expect(aborts).toHaveLength(1);
    });

    it('does not abort a stream that already ended', async () => {
      const { stream, returned, aborts } = iterableOf(events);
      await collect(fromOpenAIStream(stream));
      expect(returned()).toBe(false);
      expect(aborts).toEqual([]);
    });

    it('validates its arguments with a TypeError', () => {
      expect(() => fromOpenAIStream({} as never)).toThrow(/AsyncIterable/);
      expect(() => fromOpenAIStream(iterableOf([]).stream, { mode: 'x' as never })).toThrow(/mode/);
    });
  });

  describe('with the real openai package, fed by the mock server', () => {
    let server: MockServer;
    let openai: OpenAI;
    beforeAll(async () => {
      server = await startMockServer();
      openai = new OpenAI({ baseURL: server.baseURL, apiKey: 'test', maxRetries: 0 });
    });
    afterAll(() => server.close());
    beforeEach(() => server.configure({ scenario: 'text', chunkSize: 13, failure: undefined, pacing: 0 }));

    /** The same run through the library's own client, for comparison. */
    const direct = (threadId: string) =>
      createAssistantsClient({ baseURL: server.baseURL }).createRun(threadId, { assistant_id: 'asst_1' });
    const normalized = (events: AssistantStreamEvent[]) => JSON.parse(JSON.stringify(events).replace(/\brun_\d+\b/g, 'run_N'));

    it('gives the same events for runs.stream() (AssistantStream) as the library over the same bytes', async () => {
      const viaOpenAI = await collect(fromOpenAIStream(openai.beta.threads.runs.stream('thread_o', { assistant_id: 'asst_1' })));
      const viaLibrary = await collect(direct('thread_o'));
      expect(viaOpenAI.completed).toBe(true);
      expect(normalized(viaOpenAI.values)).toEqual(normalized(viaLibrary.values));
      expect(server.requests.at(-2)).toMatchObject({
        path: '/v1/threads/thread_o/runs',
        body: { stream: true, assistant_id: 'asst_1' },
      });
    });

    it('gives the same events for runs.create({ stream: true }) (Stream) and threads.createAndRunStream()', async () => {
      const stream = await openai.beta.threads.runs.create('thread_o', { assistant_id: 'asst_1', stream: true });
      const viaStream = await collect(fromOpenAIStream(stream));
      expect(normalized(viaStream.values)).toEqual(normalized((await collect(direct('thread_o'))).values));
      const created = await collect(fromOpenAIStream(openai.beta.threads.createAndRunStream({ assistant_id: 'asst_1' })));
      expect(created.completed).toBe(true);
      expect(created.values[0]!.event).toBe('thread.created');
      expect(created.values.at(-1)!.event).toBe('thread.run.completed');
    });

    it('turns the HTTP 400 openai-node reports into http_error', async () => {
      server.configure({ failure: { type: 'http', status: 400, error: { message: 'No thread found.', code: 'not_found' } } });
      const { error } = await collect(fromOpenAIStream(openai.beta.threads.runs.stream('thread_o', { assistant_id: 'asst_1' })));
      expect(error).toMatchObject({
        code: 'http_error',
        status: 400,
        serverError: { message: 'No thread found.', code: 'not_found' },
      });
    });

    it('turns a mid-stream event: error into server_error after the events before it', async () => {
      server.configure({ failure: { type: 'event-error', afterEvents: 2 } });
      const stream = await openai.beta.threads.runs.create('thread_o', { assistant_id: 'asst_1', stream: true });
      const { values, error } = await collect(fromOpenAIStream(stream));
      expect(values.map((e) => e.event)).toEqual(['thread.run.created', 'thread.run.queued']);
      expect(error).toMatchObject({ code: 'server_error', serverError: { type: 'server_error' } });
    });

    it('aborts the request when unsubscribed (the server sees the client close)', async () => {
      server.configure({ pacing: 20 });
      const first = await lastValueFrom(
        fromOpenAIStream(openai.beta.threads.runs.stream('thread_o', { assistant_id: 'asst_1' })).pipe(take(1), toArray()),
      );
      expect(first.map((e) => e.event)).toEqual(['thread.run.created']);
      expect(await server.requests.at(-1)!.ended).toBe('client-closed');
    });

    it('drives runWithTools through an openai-node client adapter', async () => {
      server.configure({ scenario: 'tools' });
      const client = {
        submitToolOutputs: (
          threadId: string,
          runId: string,
          body: { tool_outputs: { tool_call_id: string; output: string }[] },
        ) =>
          defer(() => openai.beta.threads.runs.submitToolOutputs(runId, { thread_id: threadId, ...body, stream: true })).pipe(
            switchMap((s) => fromOpenAIStream(s)),
          ),
      };
      const text = await lastValueFrom(
        runWithTools(fromOpenAIStream(openai.beta.threads.runs.stream('thread_o', { assistant_id: 'asst_1' })), {
          client,
          handlers: { get_weather: ({ city }) => `rainy in ${city}` },
        }).pipe(textDeltas(), toArray()),
      );
      expect(text.join('')).toBe('Here is what the tools said: call_1 → rainy in Paris.');
    });

    it('matches assistantEvents on a recorded transcript', async () => {
      const sse =
        'event: thread.run.created\ndata: ' +
        JSON.stringify(runCreated().data) +
        '\n\nevent: thread.run.completed\ndata: ' +
        JSON.stringify(runCompleted().data) +
        '\n\nevent: done\ndata: [DONE]\n\n';
      server.configure({ scenario: { type: 'transcript', start: { sse } } });
      const viaOpenAI = await collect(fromOpenAIStream(openai.beta.threads.runs.stream('thread_1', { assistant_id: 'asst_1' })));
      expect(viaOpenAI).toEqual(await collect(assistantEvents(sse)));
    });
  });
});
