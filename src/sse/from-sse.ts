import { isObservable, Observable, takeWhile, type Subscriber } from 'rxjs';
import { readOnceError, sourceError } from '../errors';
import { responseError, type ResponseLike } from './response-error';
import { claimOnce } from './one-shot';
import { createSseSink, type MessageSink, type SseSink } from './sse-sink';
import { DEFAULT_MAX_BUFFER_SIZE, type SseChunk, type SseMessage } from './sse-message';

/**
 * Anything that yields the bytes (or text) of an SSE body.
 *
 * @example
 * ```ts
 * import { fromSSE } from 'rx-assistant-stream';
 * import { createReadStream } from 'node:fs';
 *
 * fromSSE(await fetch(url, init)); // a fetch Response
 * fromSSE(createReadStream('run.sse')); // a Node stream (an AsyncIterable of Buffers)
 * fromSSE('event: thread.run.created\ndata: {...}\n\n'); // a whole transcript
 * ```
 */
export type SseSource =
  ResponseLike | ReadableStream<SseChunk> | AsyncIterable<SseChunk> | Observable<SseChunk> | string | Uint8Array;

/**
 * Options of {@link fromSSE}.
 *
 * @example
 * ```ts
 * import { fromSSE } from 'rx-assistant-stream';
 *
 * fromSSE(response, { maxBufferSize: 1024 * 1024 }); // error with buffer_overflow past 1 Mi characters per event
 * ```
 */
export interface FromSSEOptions {
  /**
   * The most characters one event (or one unterminated line) may buffer before the stream errors with
   * `buffer_overflow`. Default {@link DEFAULT_MAX_BUFFER_SIZE} (16 MiB): no real event comes near it.
   */
  maxBufferSize?: number;
}

/**
 * The server-sent events of an SSE body, as a cold Observable: nothing is read before subscription, and
 * unsubscribing cancels the reader (or iterator, or inner subscription) underneath.
 *
 * A multi-byte character split across chunks survives; CR, LF and CRLF line ends, comments, multi-line data
 * and a BOM are handled by eventsource-parser. When the body ends, a last event without its closing blank
 * line is still delivered. A fetch `Response` that is not a 2xx `text/event-stream` errors with `http_error`.
 *
 * @example
 * ```ts
 * import { fromSSE } from 'rx-assistant-stream';
 *
 * fromSSE(await fetch(url, init)).subscribe((message) => console.log(message.event, message.data));
 * ```
 *
 * @param source A fetch `Response`, a `ReadableStream`, an `AsyncIterable` (Node streams), an `Observable`
 *   of chunks, or the whole body as a string or `Uint8Array`.
 * @param options `maxBufferSize`.
 * @returns A cold `Observable<SseMessage>`.
 */
export function fromSSE(source: SseSource, options: FromSSEOptions = {}): Observable<SseMessage> {
  return sseObservable<SseMessage>(source, options, (subscriber) => subscriber);
}

// Naming: DESIGN fixes the public `fromSSE` (and so `FromSSEOptions`) and `SseMessage`; every other name spells the
// acronym `Sse` (`SseSource`, `SseChunk`, `SseSink`, `createSseSink`, `sseObservable`).

/**
 * The Observable under {@link fromSSE}, with where its messages go: `sinkFor(subscriber)` returns the
 * {@link MessageSink} the SSE parser feeds (the subscriber itself for `fromSSE`; a decoding sink for
 * `assistantEvents`, so its events reach the subscriber without an operator chain in between).
 *
 * A one-shot source (a `Response`, a `ReadableStream`, an iterator, a Node stream) is read by the first subscription
 * only: a second one errors with a clear {@link AssistantStreamError} instead of reading a locked or spent body.
 */
export function sseObservable<T>(
  source: SseSource,
  options: FromSSEOptions,
  sinkFor: (subscriber: Subscriber<T>) => MessageSink<SseMessage>,
): Observable<T> {
  const maxBufferSize = checkMaxBufferSize(options);
  const start = pickAdapter(source);
  return new Observable<T>((subscriber) => {
    const spent = spentSource(source);
    if (spent !== undefined) return subscriber.error(readOnceError(spent));
    return start(createSseSink(sinkFor(subscriber), maxBufferSize), subscriber);
  });
}

/**
 * Claims a one-shot source for this subscription; returns what it is (for the message) when it was already read,
 * by a subscription or by someone else (a `Response` whose `bodyUsed`, a locked stream).
 */
function spentSource(source: SseSource): string | undefined {
  if (typeof source !== 'object' || source === null || source instanceof Uint8Array || isObservable(source)) return undefined;
  let what: string;
  let spentElsewhere = false;
  if (isResponse(source)) {
    what = 'The Response';
    spentElsewhere = source.bodyUsed === true || source.body?.locked === true;
  } else if (isReadableStream(source)) {
    what = 'The ReadableStream';
    spentElsewhere = source.locked;
  } else if (isNodeReadable(source)) {
    what = 'The stream';
    spentElsewhere = source.readableEnded === true || source.destroyed === true;
  } else if (isIterator(source)) {
    what = 'The async iterator';
  } else {
    return undefined; // an AsyncIterable that makes a fresh iterator each time can be read again
  }
  return claimOnce(source) && !spentElsewhere ? undefined : what;
}

type Adapter = (sink: SseSink, subscriber: Subscriber<unknown>) => (() => void) | void;

function checkMaxBufferSize(options: FromSSEOptions): number {
  if (typeof options !== 'object' || options === null) throw new TypeError('fromSSE: `options` must be an object');
  const { maxBufferSize = DEFAULT_MAX_BUFFER_SIZE } = options;
  if (typeof maxBufferSize !== 'number' || !(maxBufferSize > 0) || !Number.isFinite(maxBufferSize)) {
    throw new TypeError(`fromSSE: \`maxBufferSize\` must be a positive number of characters, got ${String(maxBufferSize)}`);
  }
  return maxBufferSize;
}

function pickAdapter(source: SseSource): Adapter {
  if (typeof source === 'string' || source instanceof Uint8Array) return fromWhole(source);
  if (typeof source !== 'object' || source === null) return badSource();
  if (isResponse(source)) return fromResponse(source);
  if (isReadableStream(source)) return fromReadableStream(source);
  if (isObservable(source)) return fromObservable(source);
  if (isAsyncIterable(source)) return fromAsyncIterable(source);
  return badSource();
}

function badSource(): never {
  throw new TypeError(
    'fromSSE: `source` must be a fetch Response, a ReadableStream, an AsyncIterable, an Observable, a string or a Uint8Array',
  );
}

const fromWhole =
  (body: SseChunk): Adapter =>
  (sink) => {
    sink.push(body);
    sink.end();
  };

const fromResponse =
  (response: ResponseLike): Adapter =>
  (sink, subscriber) => {
    let cancel: (() => void) | void;
    let closed = false;
    responseError(response)
      .then((error) => {
        if (closed) return;
        if (error) subscriber.error(error);
        else if (response.body === null) sink.end();
        else cancel = fromReadableStream(response.body)(sink, subscriber);
      })
      .catch((error: unknown) => {
        if (!closed && !subscriber.closed) subscriber.error(sourceError(error));
      });
    return () => {
      closed = true;
      if (cancel) cancel();
      else if (response.body && !response.body.locked) response.body.cancel().catch(ignore);
    };
  };

const fromReadableStream =
  (stream: ReadableStream<SseChunk>): Adapter =>
  (sink, subscriber) => {
    const reader = stream.getReader();
    readEach(() => reader.read(), sink, subscriber, ignore);
    return () => {
      reader.cancel().catch(ignore);
    };
  };

const fromAsyncIterable =
  (iterable: AsyncIterable<SseChunk>): Adapter =>
  (sink, subscriber) => {
    const iterator = iterable[Symbol.asyncIterator]();
    let finished = false;
    readEach(
      () => iterator.next(),
      sink,
      subscriber,
      () => (finished = true),
    );
    return () => {
      if (!finished) Promise.resolve(iterator.return?.()).catch(ignore);
    };
  };

const fromObservable =
  (chunks: Observable<SseChunk>): Adapter =>
  (sink, subscriber) => {
    // `takeWhile` links the chunk source to this subscriber: a synchronous source stops as soon as the subscriber
    // closed (on [DONE], on an error, on unsubscribe), instead of pushing the rest of its chunks into nothing.
    const subscription = chunks.pipe(takeWhile(() => !subscriber.closed)).subscribe({
      next: (chunk) => sink.push(chunk),
      error: (error: unknown) => {
        if (!subscriber.closed) subscriber.error(sourceError(error));
      },
      complete: () => sink.end(),
    });
    return () => subscription.unsubscribe();
  };

/** What a reader's `read()` and an async iterator's `next()` resolve to. */
type ReadResult = { done?: boolean; value?: SseChunk };

/**
 * Pushes each chunk `next()` resolves to into `sink`, until done (then `sink.end()`), the subscriber closes, or a
 * failure (then a `network_error`). `ended` runs once the source is over either way. A chain of callbacks, not an
 * async loop: a suspended async function keeps its last chunk in its frame while it waits for the next one, so every
 * idle stream held a chunk of bytes alive (issue 11, idle heap).
 */
function readEach(
  next: () => PromiseLike<ReadResult> | ReadResult,
  sink: SseSink,
  subscriber: Subscriber<unknown>,
  ended: () => void,
): void {
  const failed = (error: unknown) => {
    ended();
    if (!subscriber.closed) subscriber.error(sourceError(error));
  };
  // `then(read, failed)`, not `then(read).catch(failed)`: one promise per chunk instead of two (measured on the
  // messages transcript, one chunk per frame: 683-747 -> 627-694 ns per chunk read). `read` catches what it throws
  // itself, which `.catch` used to: nothing may reject unhandled.
  const read = (result: ReadResult): void => {
    if (subscriber.closed) return;
    try {
      const { done, value } = result; // a source may resolve to anything
      if (done) {
        ended();
        return sink.end();
      }
      sink.push(value as SseChunk);
    } catch (error) {
      return failed(error);
    }
    step();
  };
  const step = (): void => {
    let result: Promise<ReadResult>;
    try {
      result = Promise.resolve(next());
    } catch (error) {
      return failed(error);
    }
    result.then(read, failed);
  };
  step();
}

function ignore(): void {
  // A cancel that fails has nothing left to release.
}

function isResponse(source: object): source is ResponseLike {
  const r = source as Partial<ResponseLike>;
  return typeof r.status === 'number' && typeof r.text === 'function' && 'body' in r && typeof r.headers?.get === 'function';
}

function isReadableStream(source: object): source is ReadableStream<SseChunk> {
  return typeof (source as ReadableStream).getReader === 'function';
}

/** A Node `Readable` (one-shot, though each `[Symbol.asyncIterator]()` call makes a new iterator). */
function isNodeReadable(source: object): source is { readableEnded?: boolean; destroyed?: boolean } {
  const s = source as { read?: unknown; pipe?: unknown; readable?: unknown };
  return typeof s.read === 'function' && typeof s.pipe === 'function' && 'readable' in s;
}

/** An iterator is its own iterable (async generators, `stream.values()`): it can be read once. */
function isIterator(source: object): boolean {
  const s = source as { next?: unknown; [Symbol.asyncIterator]?: () => unknown };
  return typeof s.next === 'function' && typeof s[Symbol.asyncIterator] === 'function';
}

function isAsyncIterable(source: object): source is AsyncIterable<SseChunk> {
  return typeof (source as AsyncIterable<SseChunk>)[Symbol.asyncIterator] === 'function';
}
