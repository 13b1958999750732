import fc from 'fast-check';
import { asapScheduler, from, Observable, scheduled, Subject, tap, type Subscription } from 'rxjs';
import {
  assistantEvents,
  AssistantStreamError,
  decodeAssistantEvents,
  fromSSE,
  type AssistantStreamEvent,
  type SseMessage,
} from '../../src';
import { collect, collectSync, DONE_FRAME, ev, frame, message, run, sse, textDelta, thread } from './builders';

const encoder = new TextEncoder();

/** The events of a small, valid run: thread, run, message, two text deltas. */
const created = ev('thread.created', thread());
const runCreated = ev('thread.run.created', run());
const msgCreated = ev('thread.message.created', message());
const delta1 = ev('thread.message.delta', textDelta('Hé', true));
const delta2 = ev('thread.message.delta', textDelta('llo 😀'));
const EVENTS: AssistantStreamEvent[] = [created, runCreated, msgCreated, delta1, delta2];
const BODY = sse(...EVENTS) + DONE_FRAME;

/** A synchronous source of SSE messages that stops when its subscriber closes, and records what it did. */
function recordingSource(messages: SseMessage[]) {
  const log = { emitted: 0, tornDown: false };
  const source = new Observable<SseMessage>((subscriber) => {
    for (const m of messages) {
      if (subscriber.closed) break;
      log.emitted++;
      subscriber.next(m);
    }
    subscriber.complete();
    return () => {
      log.tornDown = true;
    };
  });
  return { source, log };
}

const asError = (error: unknown): AssistantStreamError => {
  expect(error).toBeInstanceOf(AssistantStreamError);
  return error as AssistantStreamError;
};

describe('decodeAssistantEvents', () => {
  describe('[DONE] and the end of the stream', () => {
    it('delivers the events in order and completes on [DONE], never decoding what follows', async () => {
      const onUnknownEvent = jest.fn();
      const after =
        frame('thread.message.delta', textDelta('late')) +
        frame('thread.run.created', '{"broken"') +
        frame('thread.future', '{}');
      const outcome = await collect(assistantEvents(BODY + after, { onUnknownEvent }));
      expect(outcome).toEqual({ values: EVENTS, completed: true });
      expect(onUnknownEvent).not.toHaveBeenCalled();
    });

    it('releases a synchronous source at [DONE]: it stops emitting and its teardown runs', () => {
      const onUnknownEvent = jest.fn();
      const { source, log } = recordingSource([
        { event: 'thread.created', data: JSON.stringify(thread()) },
        { event: 'done', data: '[DONE]' },
        { event: 'thread.future', data: '{}' },
        { event: 'thread.run.created', data: 'not json' },
      ]);
      const outcome = collectSync(source.pipe(decodeAssistantEvents({ onUnknownEvent })));
      expect(outcome).toEqual({ values: [created], completed: true });
      expect(log).toEqual({ emitted: 2, tornDown: true });
      expect(onUnknownEvent).not.toHaveBeenCalled();
    });

    it('stops parsing a whole-string body at [DONE] (no late callback for what follows)', () => {
      const onUnknownEvent = jest.fn();
      const outcome = collectSync(assistantEvents(`${DONE_FRAME}${frame('thread.future', '{}')}`, { onUnknownEvent }));
      expect(outcome).toEqual({ values: [], completed: true });
      expect(onUnknownEvent).not.toHaveBeenCalled();
    });

    it('releases an async source at [DONE]: the Subject loses its observer, the ReadableStream is cancelled', async () => {
      const subject = new Subject<SseMessage>();
      const values: AssistantStreamEvent[] = [];
      let completed = false;
      subject.pipe(decodeAssistantEvents()).subscribe({ next: (e) => values.push(e), complete: () => (completed = true) });
      subject.next({ event: 'thread.created', data: JSON.stringify(thread()) });
      expect(subject.observed).toBe(true);
      subject.next({ event: 'done', data: '[DONE]' });
      expect(completed).toBe(true);
      expect(subject.observed).toBe(false);
      subject.next({ event: 'thread.created', data: JSON.stringify(thread()) });
      expect(values).toEqual([created]);

      // A body that never closes: only [DONE] can end it, and it must cancel the reader.
      let cancelled = false;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(encoder.encode(BODY));
        },
        cancel() {
          cancelled = true;
        },
      });
      expect(await collect(assistantEvents(body))).toEqual({ values: EVENTS, completed: true });
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(cancelled).toBe(true);
    });

    it('completes a stream that ends without [DONE], after all its events', async () => {
      expect(await collect(assistantEvents(sse(...EVENTS)))).toEqual({ values: EVENTS, completed: true });
      // ... also when the last frame lacks its closing blank line, as recorded captures often do.
      expect(await collect(assistantEvents(sse(...EVENTS).slice(0, -2)))).toEqual({ values: EVENTS, completed: true });
    });

    it('fails an `event: done` whose data is not [DONE] with invalid_event, after the events before it', async () => {
      const outcome = await collect(assistantEvents(sse(created) + 'event: done\ndata: {"done":true}\n\n' + DONE_FRAME));
      expect(outcome.values).toEqual([created]);
      const error = asError(outcome.error);
      expect(error).toMatchObject({
        code: 'invalid_event',
        event: 'done',
        path: 'data',
        expected: '[DONE]',
        excerpt: '{"done":true}',
      });
      expect(error.message).toBe('Invalid "done" event at data: expected [DONE], got a string (13 characters)');
    });
  });

  describe('event: error', () => {
    const serverError = {
      message: 'The server had an error processing your request.',
      type: 'server_error',
      param: null,
      code: 'overloaded',
    };

    it.each([
      ['wrapped in {error}', { error: serverError }],
      ['bare', serverError],
    ])('errors with server_error carrying message, type, code and param (%s), after the events before it', async (_, data) => {
      const outcome = await collect(
        assistantEvents(sse(created, runCreated) + frame('error', data) + sse(msgCreated) + DONE_FRAME),
      );
      expect(outcome.values).toEqual([created, runCreated]);
      const error = asError(outcome.error);
      expect(error.code).toBe('server_error');
      expect(error.event).toBe('error');
      expect(error.serverError).toEqual({
        message: 'The server had an error processing your request.',
        type: 'server_error',
        code: 'overloaded',
        param: null,
      });
      expect(error.message).toContain('The server had an error processing your request.');
    });

    it.each([
      ['wrapped in {error}', { error: serverError }],
      ['bare', serverError],
    ])("with errorEvents: 'emit', emits the unwrapped error as the `error` member and goes on (%s)", async (_, data) => {
      const outcome = await collect(
        assistantEvents(sse(created) + frame('error', data) + sse(msgCreated) + DONE_FRAME, { errorEvents: 'emit' }),
      );
      expect(outcome).toEqual({ values: [created, { event: 'error', data: serverError }, msgCreated], completed: true });
    });

    it("with errorEvents: 'emit', an error frame that is not an error object is an invalid_event", async () => {
      const outcome = await collect(
        assistantEvents(sse(created) + frame('error', { error: { type: 'x' } }), { errorEvents: 'emit' }),
      );
      expect(outcome.values).toEqual([created]);
      expect(asError(outcome.error)).toMatchObject({ code: 'invalid_event', event: 'error', path: 'data.message' });
      expect(asError(outcome.error).message).toBe('Invalid "error" event at data.message: expected string, got nothing');
    });
  });

  describe('unknown event names', () => {
    const body =
      sse(created) +
      frame('thread.run.step.future', { x: 1 }) +
      'event: thread.vibe\nid: 42\ndata: {"y":2}\n\n' +
      sse(runCreated) +
      DONE_FRAME;

    it('skips them by default', async () => {
      expect(await collect(assistantEvents(body))).toEqual({ values: [created, runCreated], completed: true });
    });

    it('tells onUnknownEvent about each one, with its SseMessage, in stream order', async () => {
      const order: string[] = [];
      const onUnknownEvent = jest.fn((m: SseMessage) => order.push(`unknown ${m.event}`));
      const outcome = await collect(
        fromSSE(body).pipe(
          decodeAssistantEvents({ onUnknownEvent }),
          tap((e) => order.push(e.event)),
        ),
      );
      expect(outcome).toEqual({ values: [created, runCreated], completed: true });
      expect(onUnknownEvent.mock.calls).toEqual([
        [{ event: 'thread.run.step.future', data: '{"x":1}' }],
        [{ event: 'thread.vibe', data: '{"y":2}', id: '42' }],
      ]);
      expect(order).toEqual(['thread.created', 'unknown thread.run.step.future', 'unknown thread.vibe', 'thread.run.created']);
    });

    it("fails with unknown_event under unknownEvents: 'error', after the events before it", async () => {
      const onUnknownEvent = jest.fn();
      const outcome = await collect(assistantEvents(body, { unknownEvents: 'error', onUnknownEvent }));
      expect(outcome.values).toEqual([created]);
      expect(asError(outcome.error)).toMatchObject({
        code: 'unknown_event',
        event: 'thread.run.step.future',
        excerpt: '{"x":1}',
      });
      expect(asError(outcome.error).message).toContain('thread.run.step.future');
      expect(onUnknownEvent).not.toHaveBeenCalled();
    });

    it('sends an error thrown by onUnknownEvent to the error channel, never out of subscribe or next', () => {
      const boom = new Error('callback failed');
      const onUnknownEvent = () => {
        throw boom;
      };
      // A synchronous body: subscribe must not throw.
      let outcome: ReturnType<typeof collectSync<AssistantStreamEvent>> | undefined;
      expect(() => (outcome = collectSync(assistantEvents(body, { onUnknownEvent })))).not.toThrow();
      expect(outcome).toEqual({ values: [created], error: boom, completed: false });

      // A pushed source: the producer's next() must not throw either.
      const subject = new Subject<SseMessage>();
      const seen: unknown[] = [];
      subject
        .pipe(decodeAssistantEvents({ onUnknownEvent }))
        .subscribe({ next: (e) => seen.push(e.event), error: (e) => seen.push(e) });
      subject.next({ event: 'thread.created', data: JSON.stringify(thread()) });
      expect(() => subject.next({ event: 'thread.future', data: '{}' })).not.toThrow();
      expect(seen).toEqual(['thread.created', boom]);
      expect(subject.observed).toBe(false);
    });
  });

  describe('invalid data', () => {
    it('fails with invalid_json naming the event, after the events before it', async () => {
      const outcome = await collect(
        assistantEvents(sse(created, runCreated) + frame('thread.message.created', '{"id":"msg_1",}') + sse(msgCreated)),
      );
      expect(outcome.values).toEqual([created, runCreated]);
      const error = asError(outcome.error);
      expect(error).toMatchObject({ code: 'invalid_json', event: 'thread.message.created', excerpt: '{"id":"msg_1",}' });
      expect(error.message).toBe(
        'Invalid JSON in "thread.message.created" event: got a string (15 characters) that is not JSON (error at position 14)',
      );
      expect(error.cause).toBeInstanceOf(SyntaxError);
    });

    const stepDelta = (toolCall: unknown) => ({
      id: 'step_1',
      object: 'thread.run.step.delta',
      delta: { step_details: { type: 'tool_calls', tool_calls: [toolCall] } },
    });
    const requiresAction = run({
      status: 'requires_action',
      required_action: {
        type: 'submit_tool_outputs',
        submit_tool_outputs: { tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather' } as never }] },
      },
    });
    const cases: Array<{
      name: string;
      mode: 'lenient' | 'strict';
      event: string;
      data: unknown;
      message: string;
      path: string;
      expected: string;
    }> = [
      {
        name: 'an intersection member inside a tagged union inside an array',
        mode: 'lenient',
        event: 'thread.message.delta',
        data: {
          id: 'msg_1',
          object: 'thread.message.delta',
          delta: { content: [{ index: '0', type: 'text', text: { value: 'Hi' } }] },
        },
        message:
          'Invalid "thread.message.delta" event at data.delta.content[0].index: expected number, got a string (1 character)',
        path: 'data.delta.content[0].index',
        expected: 'number',
      },
      {
        name: 'two levels of arrays of tagged unions of intersections',
        mode: 'strict',
        event: 'thread.run.step.delta',
        data: stepDelta({
          index: 0,
          type: 'code_interpreter',
          code_interpreter: { outputs: [{ index: 0.5, type: 'logs', logs: '4' }] },
        }),
        message:
          'Invalid "thread.run.step.delta" event at data.delta.step_details.tool_calls[0].code_interpreter.outputs[0].index: expected integer, got a number',
        path: 'data.delta.step_details.tool_calls[0].code_interpreter.outputs[0].index',
        expected: 'integer',
      },
      {
        name: 'a missing required field',
        mode: 'lenient',
        event: 'thread.run.requires_action',
        data: requiresAction,
        message:
          'Invalid "thread.run.requires_action" event at data.required_action.submit_tool_outputs.tool_calls[0].function.arguments: expected string, got nothing',
        path: 'data.required_action.submit_tool_outputs.tool_calls[0].function.arguments',
        expected: 'string',
      },
      {
        name: 'an unknown content part type in strict mode',
        mode: 'strict',
        event: 'thread.message.delta',
        data: { id: 'msg_1', object: 'thread.message.delta', delta: { content: [{ index: 0, type: 'audio', audio: {} }] } },
        message:
          'Invalid "thread.message.delta" event at data.delta.content[0].type: expected "image_file" | "image_url" | "text" | "refusal", got a string (5 characters)',
        path: 'data.delta.content[0].type',
        expected: '"image_file" | "image_url" | "text" | "refusal"',
      },
      {
        name: 'a null where a string is required',
        mode: 'lenient',
        event: 'thread.run.step.delta',
        data: stepDelta({ index: 0, type: 'function', id: 'call_1', function: { name: 'f', arguments: null } }),
        message:
          'Invalid "thread.run.step.delta" event at data.delta.step_details.tool_calls[0].function.arguments: expected string, got null',
        path: 'data.delta.step_details.tool_calls[0].function.arguments',
        expected: 'string',
      },
      {
        name: 'a numeric object key (a metadata key, not an array index)',
        mode: 'lenient',
        event: 'thread.created',
        data: { ...thread(), metadata: { '0': 5 } },
        message: 'Invalid "thread.created" event at data.metadata["0"]: expected string, got a number',
        path: 'data.metadata["0"]',
        expected: 'string',
      },
      {
        name: 'an object key that is not an identifier',
        mode: 'lenient',
        event: 'thread.created',
        data: { ...thread(), metadata: { ok: 'yes', 'user name': null } },
        message: 'Invalid "thread.created" event at data.metadata["user name"]: expected string, got null',
        path: 'data.metadata["user name"]',
        expected: 'string',
      },
      {
        name: 'data that is not an object',
        mode: 'lenient',
        event: 'thread.created',
        data: [42],
        message: 'Invalid "thread.created" event at data: expected Thread, got an array (1 item)',
        path: 'data',
        expected: 'Thread',
      },
    ];

    it.each(cases)('explains a schema mismatch: $name', async ({ mode, event, data, message, path, expected }) => {
      const outcome = await collect(assistantEvents(sse(created) + frame(event, data) + DONE_FRAME, { mode }));
      expect(outcome.values).toEqual([created]);
      const error = asError(outcome.error);
      expect(error.message).toBe(message);
      expect(error).toMatchObject({ code: 'invalid_event', event, path, expected });
      expect(error.excerpt).toBe(JSON.stringify(data).slice(0, 200) + (JSON.stringify(data).length > 200 ? '…' : ''));
    });

    it('keeps an unknown content part type in lenient mode (same payload as the strict case)', async () => {
      const data = { id: 'msg_1', object: 'thread.message.delta', delta: { content: [{ index: 0, type: 'audio', audio: {} }] } };
      expect(await collect(assistantEvents(frame('thread.message.delta', data)))).toEqual({
        values: [{ event: 'thread.message.delta', data }],
        completed: true,
      });
    });

    it('accepts null instructions in lenient mode only; a spec-exact run passes both modes', async () => {
      const nullInstructions = run({ instructions: null });
      const body = sse(created, ev('thread.run.created', nullInstructions)) + DONE_FRAME;
      expect(await collect(assistantEvents(body))).toEqual({
        values: [created, { event: 'thread.run.created', data: nullInstructions }],
        completed: true,
      });
      const strict = await collect(assistantEvents(body, { mode: 'strict' }));
      expect(strict.values).toEqual([created]);
      expect(asError(strict.error).message).toBe(
        'Invalid "thread.run.created" event at data.instructions: expected string, got null',
      );
      expect(asError(strict.error)).toMatchObject({ code: 'invalid_event', path: 'data.instructions', expected: 'string' });
      // The baseline: the same transcript with a string passes strict mode, so `instructions` is the only difference.
      expect(await collect(assistantEvents(BODY, { mode: 'strict' }))).toEqual({ values: EVENTS, completed: true });
    });
  });

  describe('options', () => {
    it.each([
      ['mode', { mode: 'loose' }],
      ['unknownEvents', { unknownEvents: 'warn' }],
      ['onUnknownEvent', { onUnknownEvent: 'log' }],
      ['errorEvents', { errorEvents: 'throw' }],
      ['options', null],
      ['options', 'strict'],
    ])('throws a TypeError naming `%s` at call time, before any subscription', (name, options) => {
      expect(() => decodeAssistantEvents(options as never)).toThrow(TypeError);
      expect(() => decodeAssistantEvents(options as never)).toThrow(name);
      let read = false;
      const source = new Observable<string>(() => {
        read = true;
      });
      expect(() => assistantEvents(source, options as never)).toThrow(TypeError);
      expect(() => assistantEvents(source, options as never)).toThrow(name);
      expect(read).toBe(false);
    });

    it('throws a TypeError for a bad source or maxBufferSize at call time', () => {
      expect(() => assistantEvents(BODY, { maxBufferSize: 0 })).toThrow(TypeError);
      expect(() => assistantEvents(BODY, { maxBufferSize: 0 })).toThrow('maxBufferSize');
      expect(() => assistantEvents(42 as never)).toThrow(TypeError);
      expect(() => assistantEvents(null as never)).toThrow(/`source` must be/);
    });
  });

  describe('truncated bodies', () => {
    it('errors (never completes silently) when the body is cut anywhere inside the data of an event', () => {
      const head = sse(created, runCreated);
      const last = frame('thread.message.created', message());
      const dataStart = head.length + last.indexOf('data:') + 'data:'.length;
      const dataEnd = head.length + last.lastIndexOf('}'); // a cut here drops the last `}`
      const body = head + last;
      const failures: string[] = [];
      for (let cut = dataStart; cut <= dataEnd; cut++) {
        const outcome = collectSync(assistantEvents(from([body.slice(0, cut)])));
        const error = outcome.error as AssistantStreamError | undefined;
        const ok = outcome.values.length === 2 && error?.code === 'invalid_json' && error.event === 'thread.message.created';
        if (!ok)
          failures.push(
            `cut ${cut}: ${outcome.values.length} events, ${String(error?.code ?? (outcome.completed ? 'completed' : 'pending'))}`,
          );
      }
      expect(failures).toEqual([]);
      // Cut right after the closing `}`: the last event is whole, only its line end is missing: delivered.
      expect(collectSync(assistantEvents(body.slice(0, dataEnd + 1)))).toEqual({
        values: [created, runCreated, ev('thread.message.created', message())],
        completed: true,
      });
    });

    it('errors when the body is cut inside `[DONE]`', () => {
      const outcome = collectSync(assistantEvents(sse(created) + 'event: done\ndata: [DON'));
      expect(outcome.values).toEqual([created]);
      expect(asError(outcome.error)).toMatchObject({ code: 'invalid_event', event: 'done' });
    });
  });

  describe('chunking', () => {
    // Multi-byte characters (é: 2 bytes, 😀: 4 bytes) sit in the text deltas; CRLF line ends in a second variant.
    const variants = [
      ['LF', BODY],
      ['CRLF', BODY.replace(/\n/g, '\r\n')],
      ['CR', BODY.replace(/\n/g, '\r')],
    ] as const;

    it.each(variants)('gives the same events for a split at every byte boundary (%s)', (_, text) => {
      const bytes = encoder.encode(text);
      const failures: number[] = [];
      const expected = JSON.stringify(EVENTS);
      for (let cut = 1; cut < bytes.length; cut++) {
        const outcome = collectSync(assistantEvents(from([bytes.subarray(0, cut), bytes.subarray(cut)])));
        if (!outcome.completed || JSON.stringify(outcome.values) !== expected) failures.push(cut);
      }
      expect(failures).toEqual([]);
    });

    it('gives the same events for random splits into byte chunks (fast-check)', () => {
      const bytes = encoder.encode(BODY);
      fc.assert(
        fc.property(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 30 }), (offsets) => {
          const cuts = [0, ...offsets.sort((a, b) => a - b), bytes.length];
          const chunks = cuts.slice(1).map((end, i) => bytes.subarray(cuts[i]!, end));
          expect(collectSync(assistantEvents(from(chunks)))).toEqual({ values: EVENTS, completed: true });
        }),
        { numRuns: 100 },
      );
    });
  });

  describe('subscriptions', () => {
    it('gives two subscriptions to the same piped Observable the same, independent results', async () => {
      const onUnknownEvent = jest.fn();
      const bytes = encoder.encode(
        sse(created) + frame('thread.future', '{}') + sse(runCreated, msgCreated, delta1, delta2) + DONE_FRAME,
      );
      const events$ = fromSSE(from([bytes.subarray(0, 100), bytes.subarray(100)])).pipe(
        decodeAssistantEvents({ onUnknownEvent }),
      );
      const first = await collect(events$);
      const second = await collect(events$);
      expect(first).toEqual({ values: EVENTS, completed: true });
      expect(second).toEqual(first);
      expect(onUnknownEvent).toHaveBeenCalledTimes(2);
      // Separate objects: mutating what one subscriber got leaves the other's untouched.
      expect(second.values[1]).not.toBe(first.values[1]);
      (first.values[1]!.data as { model: string }).model = 'changed';
      expect((second.values[1]!.data as { model: string }).model).toBe('gpt-4o');
    });

    it('keeps interleaved subscriptions apart: one unsubscribing leaves the other running', async () => {
      const chunks = [sse(created), sse(runCreated), sse(msgCreated), sse(delta1), sse(delta2), DONE_FRAME];
      const events$ = assistantEvents(scheduled(chunks, asapScheduler));
      const early: string[] = [];
      let sub: Subscription | undefined = undefined;
      sub = events$.subscribe((e) => {
        early.push(e.event);
        if (early.length === 2) sub!.unsubscribe();
      });
      const full = collect(events$);
      expect(await full).toEqual({ values: EVENTS, completed: true });
      expect(early).toEqual(['thread.created', 'thread.run.created']);
      expect(sub.closed).toBe(true);
    });
  });
});
