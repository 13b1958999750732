import fc from 'fast-check';
import { Readable } from 'node:stream';
import { from, NEVER, Observable, Subject, take } from 'rxjs';
import { AssistantStreamError } from '../../src/errors';
import { fromSSE } from '../../src/sse/from-sse';
import type { SseMessage } from '../../src/sse/sse-message';
import { collect, splitAt, streamOf } from '../support/collect';

// Our own small transcript: multi-byte characters (2, 3 and 4 bytes), CRLF line ends, a comment, an id,
// multi-line data and a last event that the body leaves without its closing blank line.
const transcript =
  ': keep-alive\r\n' +
  'event: greeting\r\ndata: {"text":"héllo wörld"}\r\n\r\n' +
  'event: symbols\nid: 7\ndata: {"text":"€ 😀 漢字"}\n\n' +
  'event: lines\rdata: one\rdata: two\r\r' +
  'event: last\ndata: {"end":true}';
const expected: SseMessage[] = [
  { event: 'greeting', data: '{"text":"héllo wörld"}' },
  { event: 'symbols', data: '{"text":"€ 😀 漢字"}', id: '7' },
  { event: 'lines', data: 'one\ntwo' },
  { event: 'last', data: '{"end":true}' },
];
const bytes = new TextEncoder().encode(transcript);

describe('fromSSE', () => {
  it('parses a whole string and a whole Uint8Array synchronously', () => {
    const seen: SseMessage[] = [];
    let completed = false;
    fromSSE(transcript).subscribe({ next: (m) => seen.push(m), complete: () => (completed = true) });
    expect(seen).toEqual(expected);
    expect(completed).toBe(true);
    const fromBytes: SseMessage[] = [];
    fromSSE(bytes).subscribe((m) => fromBytes.push(m));
    expect(fromBytes).toEqual(expected);
  });

  it('gives the same events for a split at every byte boundary (inside UTF-8 characters and CRLF pairs too)', async () => {
    for (let cut = 1; cut < bytes.length; cut++) {
      const { values, completed } = await collect(fromSSE(from(splitAt(bytes, [cut]))));
      expect({ cut, values, completed }).toEqual({ cut, values: expected, completed: true });
    }
  });

  it('gives the same events for every split into single bytes and into random chunks (fast-check)', async () => {
    expect((await collect(fromSSE(from(splitAt(bytes, [...bytes.keys()]))))).values).toEqual(expected);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(bytes.length), { maxLength: 40 }), async (offsets) => {
        const outcome = await collect(fromSSE(streamOf(splitAt(bytes, offsets)).stream));
        expect(outcome).toEqual({ values: expected, completed: true });
      }),
      { numRuns: 200 },
    );
  });

  it('strips a leading BOM', () => {
    const seen: SseMessage[] = [];
    fromSSE(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('event: a\ndata: 1\n\n')])).subscribe((m) =>
      seen.push(m),
    );
    expect(seen).toEqual([{ event: 'a', data: '1' }]);
  });

  it('emits an event in the same call that fed its last byte (no timers, no batching)', () => {
    const chunks = new Subject<string>();
    const seen: string[] = [];
    fromSSE(chunks).subscribe((m) => seen.push(m.data));
    chunks.next('event: a\ndata: 1\n');
    expect(seen).toEqual([]);
    chunks.next('\n');
    expect(seen).toEqual(['1']);
  });

  it('emits in the same call with CR-only line ends too, and a CRLF split after its CR stays one line end', () => {
    const chunks = new Subject<string>();
    const seen: string[] = [];
    fromSSE(chunks).subscribe((m) => seen.push(m.data));
    chunks.next('event: a\rdata: 1\r\r'); // the last CR could be the start of a CRLF: the event is due anyway
    expect(seen).toEqual(['1']);
    chunks.next('data: 2\r');
    chunks.next('\ndata: 3\r'); // the LF completes the CRLF: no blank line, the event goes on
    chunks.next('\n');
    expect(seen).toEqual(['1']);
    chunks.next('\r');
    expect(seen).toEqual(['1', '2\n3']);
    chunks.next('\r\n'); // a blank line with no event
    chunks.next('data: 4\r\n\r');
    expect(seen).toEqual(['1', '2\n3', '4']);
  });

  it('reads a fetch Response body and cancels it on unsubscribe', async () => {
    const response = new Response(transcript, { headers: { 'content-type': 'text/event-stream; charset=utf-8' } });
    expect((await collect(fromSSE(response))).values).toEqual(expected);

    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('event: a\ndata: 1\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    const first = await new Promise<SseMessage>((resolve) => {
      const subscription = fromSSE(new Response(body, { headers: { 'content-type': 'text/event-stream' } })).subscribe((m) => {
        resolve(m);
        subscription.unsubscribe();
      });
    });
    expect(first).toEqual({ event: 'a', data: '1' });
    await new Promise((r) => setTimeout(r, 0));
    expect(cancelled).toBe(true);
  });

  it('turns a non-2xx Response into an http_error with the server error body', async () => {
    const body = JSON.stringify({
      error: { message: 'Run creation requires a thread', type: 'invalid_request_error', param: null, code: 'invalid_thread' },
    });
    const { values, error } = await collect(
      fromSSE(new Response(body, { status: 400, headers: { 'content-type': 'application/json' } })),
    );
    expect(values).toEqual([]);
    expect(error).toBeInstanceOf(AssistantStreamError);
    expect(error).toMatchObject({
      code: 'http_error',
      status: 400,
      serverError: {
        message: 'Run creation requires a thread',
        type: 'invalid_request_error',
        code: 'invalid_thread',
        param: null,
      },
    });
    expect((error as Error).message).toBe('HTTP 400: Run creation requires a thread');
  });

  it('turns a 2xx Response that is not an event stream into an http_error', async () => {
    const { error } = await collect(fromSSE(new Response('{"id":"run_1"}', { headers: { 'content-type': 'application/json' } })));
    expect(error).toMatchObject({ code: 'http_error', status: 200 });
    expect((error as Error).message).toMatch(/expected a text\/event-stream body, got application\/json/);
  });

  it('reads a Node stream (AsyncIterable of Buffers) and destroys it on unsubscribe', async () => {
    expect((await collect(fromSSE(Readable.from(splitAt(bytes, [3, 50, 51]).map((b) => Buffer.from(b)))))).values).toEqual(
      expected,
    );

    const readable = new Readable({ read() {} });
    readable.push('event: a\ndata: 1\n\n');
    await new Promise<void>((resolve) => {
      const subscription = fromSSE(readable).subscribe(() => {
        subscription.unsubscribe();
        resolve();
      });
    });
    await new Promise((r) => setTimeout(r, 0));
    expect(readable.destroyed).toBe(true);
  });

  it('reads an async generator and returns it on unsubscribe', async () => {
    let finalized = false;
    async function* chunks() {
      try {
        yield 'event: a\ndata: 1\n\n';
        yield 'event: b\ndata: 2\n\n';
        await new Promise((r) => setTimeout(r, 10));
        yield 'event: c\ndata: 3\n\n';
      } finally {
        finalized = true;
      }
    }
    const { values } = await collect(fromSSE(chunks()).pipe(take(2)));
    expect(values.map((m) => m.event)).toEqual(['a', 'b']);
    await new Promise((r) => setTimeout(r, 20));
    expect(finalized).toBe(true);
  });

  it('unsubscribes from an Observable source', () => {
    let unsubscribed = false;
    const source = new Observable<string>((subscriber) => {
      subscriber.next('event: a\ndata: 1\n\n');
      return () => (unsubscribed = true);
    });
    const subscription = fromSSE(source).subscribe();
    subscription.unsubscribe();
    expect(unsubscribed).toBe(true);
  });

  it('is cold: nothing is read before subscription, each subscription parses on its own', async () => {
    let reads = 0;
    const source = new Observable<string>((subscriber) => {
      reads++;
      subscriber.next('event: a\ndata: 1\n\nevent: b\nda');
      subscriber.next('ta: 2\n\n');
      subscriber.complete();
    });
    const events$ = fromSSE(source);
    expect(reads).toBe(0);
    const [one, two] = await Promise.all([collect(events$), collect(events$)]);
    expect(reads).toBe(2);
    expect(one.values).toEqual(two.values);
    expect(one.values).toHaveLength(2);
  });

  it('delivers a body cut in the middle of an event as a last event (the decoder then rejects its data)', async () => {
    const { values, completed } = await collect(fromSSE('event: a\ndata: 1\n\nevent: b\ndata: {"id":"x'));
    expect(values).toEqual([
      { event: 'a', data: '1' },
      { event: 'b', data: '{"id":"x' },
    ]);
    expect(completed).toBe(true);
  });

  it('errors with buffer_overflow when an event outgrows maxBufferSize, after the events before it', async () => {
    const chunks = ['event: a\ndata: 1\n\n', 'data: ', 'x'.repeat(600), 'x'.repeat(600)];
    const { values, error } = await collect(fromSSE(from(chunks), { maxBufferSize: 1000 }));
    expect(values).toEqual([{ event: 'a', data: '1' }]);
    expect(error).toBeInstanceOf(AssistantStreamError);
    expect(error).toMatchObject({ code: 'buffer_overflow' });
  });

  it('errors with buffer_overflow when the line a chunk finishes outgrows maxBufferSize, and feeds nothing after it', async () => {
    // The held line and the first line end of the last chunk are fed first; the parser stops there, and the events
    // that follow in the same chunk must not reach it (a stopped eventsource-parser throws when fed).
    const chunks = ['event: a\ndata: 1\n\n', `data: ${'x'.repeat(600)}`, `${'x'.repeat(600)}\n\nevent: b\ndata: 2\n\n`];
    const { values, error } = await collect(fromSSE(from(chunks), { maxBufferSize: 1000 }));
    expect(values).toEqual([{ event: 'a', data: '1' }]);
    expect(error).toMatchObject({ code: 'buffer_overflow' });
  });

  it('gives the same events when a chunk finishes a held line and holds more frames, with LF, CRLF and CR line ends', async () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const frames = ['a', 'b', 'c', 'd'].map((name, i) => `event: ${name}${eol}data: {"n":${i}}${eol}${eol}`).join('');
      const cut = frames.indexOf('data') + 3; // inside the first data line
      const expectedFrames = ['a', 'b', 'c', 'd'].map((name, i) => ({ event: name, data: `{"n":${i}}` }));
      const { values, completed } = await collect(fromSSE(from([frames.slice(0, cut), frames.slice(cut)])));
      expect({ eol, values, completed }).toEqual({ eol, values: expectedFrames, completed: true });
    }
  });

  it('never emits after unsubscribe when the chunk that finishes a held line holds more events', () => {
    const seen: string[] = [];
    const subscription = fromSSE(from(['event: a\nda', 'ta: 1\n\nevent: b\ndata: 2\n\n']))
      .pipe(take(1))
      .subscribe((m) => seen.push(m.data));
    expect(seen).toEqual(['1']);
    expect(subscription.closed).toBe(true);
  });

  it('keeps a long event under the default bound', async () => {
    const big = 'x'.repeat(2_000_000);
    const { values } = await collect(fromSSE(from(['event: a\ndata: ', big, '\n\n'])));
    expect(values[0]!.data).toHaveLength(2_000_000);
  });

  it('wraps a failing source in network_error, and an abort in aborted, after the events before it', async () => {
    const failing = new Observable<string>((subscriber) => {
      subscriber.next('event: a\ndata: 1\n\n');
      subscriber.error(new TypeError('socket hang up'));
    });
    const { values, error } = await collect(fromSSE(failing));
    expect(values).toHaveLength(1);
    expect(error).toMatchObject({ code: 'network_error', message: "The stream's source failed: socket hang up" });

    const abortError = new DOMException('This operation was aborted', 'AbortError');
    const aborted = await collect(fromSSE(new ReadableStream({ start: (c) => c.error(abortError) })));
    expect(aborted.error).toMatchObject({ code: 'aborted' });
  });

  it('errors with network_error when an async iterator resolves to something other than a result, after the events before it', async () => {
    for (const bad of [undefined, null]) {
      let calls = 0;
      const iterable: AsyncIterable<string> = {
        [Symbol.asyncIterator]: () => ({
          next: () =>
            Promise.resolve((calls++ === 0 ? { done: false, value: 'event: a\ndata: 1\n\n' } : bad) as IteratorResult<string>),
        }),
      };
      const { values, error } = await collect(fromSSE(iterable));
      expect({ bad, values, code: (error as AssistantStreamError).code }).toEqual({
        bad,
        values: [{ event: 'a', data: '1' }],
        code: 'network_error',
      });
    }
  });

  it('never emits after unsubscribe, even when the rest of a chunk holds events', () => {
    const seen: string[] = [];
    const subscription = fromSSE('event: a\ndata: 1\n\nevent: b\ndata: 2\n\n')
      .pipe(take(1))
      .subscribe((m) => seen.push(m.data));
    expect(seen).toEqual(['1']);
    expect(subscription.closed).toBe(true);
  });

  it('completes an empty body and never completes a silent source', () => {
    let completed = false;
    fromSSE('').subscribe({ complete: () => (completed = true) });
    expect(completed).toBe(true);
    let ended = false;
    const subscription = fromSSE(NEVER).subscribe({ complete: () => (ended = true), error: () => (ended = true) });
    expect(ended).toBe(false);
    subscription.unsubscribe();
  });

  it('rejects a bad source or bad options with a TypeError', () => {
    expect(() => fromSSE(42 as never)).toThrow(TypeError);
    expect(() => fromSSE('', { maxBufferSize: 0 })).toThrow(/maxBufferSize/);
    expect(() => fromSSE('', { maxBufferSize: Number.NaN })).toThrow(TypeError);
  });
});

describe('fromSSE over a synchronous Observable of chunks', () => {
  it('stops the source as soon as the result is cut by take', () => {
    let pushed = 0;
    const chunks = new Observable<string>((subscriber) => {
      for (let i = 0; i < 1000 && !subscriber.closed; i++) {
        pushed++;
        subscriber.next(`event: e\ndata: ${i}\n\n`);
      }
      subscriber.complete();
    });
    const seen: string[] = [];
    fromSSE(chunks)
      .pipe(take(2))
      .subscribe((m) => seen.push(m.data));
    expect(seen).toEqual(['0', '1']);
    expect(pushed).toBeLessThanOrEqual(3);
  });
});
