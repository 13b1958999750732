import { Observable } from 'rxjs';
import { decodingSink } from '../decode/decoding-sink';
import { checkDecodeOptions, createItemDecoder, type DecodeOptions } from '../decode/event-decoder';
import {
  AssistantStreamError,
  httpError,
  isAbortError,
  readOnceError,
  readServerError,
  serverErrorEvent,
  sourceError,
} from '../errors';
import type { AssistantStreamEvent } from '../schema';
import { claimOnce } from '../sse/one-shot';

/**
 * One item of an openai-node stream: the SSE event name and its already parsed `data`.
 *
 * @example
 * ```ts
 * import { fromOpenAIStream, type OpenAIStreamItem } from 'rx-assistant-stream';
 * import { readFile } from 'node:fs/promises';
 *
 * // Replays a run recorded as JSON lines of openai-node items ({"event":"thread.run.created","data":{...}}).
 * async function* replay(path: string): AsyncGenerator<OpenAIStreamItem> {
 *   for (const line of (await readFile(path, 'utf8')).split('\n')) {
 *     if (line.trim() !== '') yield JSON.parse(line) as OpenAIStreamItem;
 *   }
 * }
 * fromOpenAIStream(replay('fixtures/weather-run.jsonl'), { mode: 'strict' }).subscribe((event) => console.log(event.event));
 * ```
 */
export interface OpenAIStreamItem {
  event: string;
  data: unknown;
}

/**
 * What {@link fromOpenAIStream} reads (structural, so the `openai` package is not a dependency): an
 * `AsyncIterable<{ event, data }>` such as openai-node's `Stream` or `AssistantStream`, with the `controller` (or
 * `abort()`) they carry to cancel the request.
 *
 * @example
 * ```ts
 * import OpenAI from 'openai';
 * import { fromOpenAIStream, untilRunTerminal, type OpenAIStreamLike } from 'rx-assistant-stream';
 *
 * const openai = new OpenAI();
 * // `runs.create({ stream: true })` resolves to a Stream: an AsyncIterable of { event, data } with a `controller`.
 * const stream: OpenAIStreamLike = await openai.beta.threads.runs.create('thread_abc', { assistant_id: 'asst_abc', stream: true });
 * const subscription = fromOpenAIStream(stream).pipe(untilRunTerminal()).subscribe((event) => console.log(event.event));
 * setTimeout(() => subscription.unsubscribe(), 30_000); // gives up after 30 s: `stream.controller.abort()` cancels the request
 * ```
 */
export interface OpenAIStreamLike extends AsyncIterable<OpenAIStreamItem> {
  controller?: { abort(reason?: unknown): void };
  abort?(): void;
}

/**
 * The events of an openai-node stream as the library's validated `Observable<AssistantStreamEvent>`, so openai-node
 * users get the same checks and operators: each `{ event, data }` is checked by the same codecs as decoded SSE
 * (`mode`), unknown event names are skipped or reported (`unknownEvents`, `onUnknownEvent`, which gets the data
 * re-serialized as JSON), and the errors openai-node throws become {@link AssistantStreamError}s (`http_error` with the
 * status, `server_error` for an `event: error` frame, `aborted`, `network_error`).
 *
 * The Observable reads the stream's iterator on subscription; unsubscribing returns the iterator and aborts the request
 * (`controller.abort()`). An openai-node stream can be iterated only once, so subscribe once (or `share()`).
 *
 * ```
 * stream:             --{thread.run.created}--{thread.message.delta}--{thread.run.completed}--(end)
 * fromOpenAIStream(): --thread.run.created----thread.message.delta----thread.run.completed----|
 * ```
 *
 * @example
 * ```ts
 * import OpenAI from 'openai';
 * import { fromOpenAIStream, textDeltas } from 'rx-assistant-stream';
 *
 * const openai = new OpenAI();
 * const stream = openai.beta.threads.runs.stream('thread_abc', { assistant_id: 'asst_abc' });
 * fromOpenAIStream(stream).pipe(textDeltas()).subscribe((text) => process.stdout.write(text));
 * ```
 *
 * @param stream An openai-node `Stream<AssistantStreamEvent>` (from `runs.create({ stream: true })`) or
 *   `AssistantStream` (from `runs.stream()`, `threads.createAndRunStream()`, `runs.submitToolOutputsStream()`), or any
 *   `AsyncIterable<{ event, data }>`.
 * @param options `mode`, `unknownEvents`, `onUnknownEvent`, `errorEvents`, as for `decodeAssistantEvents`.
 * @returns A cold Observable of the validated events.
 */
export function fromOpenAIStream(
  stream: OpenAIStreamLike | AsyncIterable<OpenAIStreamItem>,
  options: DecodeOptions = {},
): Observable<AssistantStreamEvent> {
  if (typeof (stream as AsyncIterable<unknown> | null)?.[Symbol.asyncIterator] !== 'function') {
    throw new TypeError(
      'fromOpenAIStream: `stream` must be an AsyncIterable of { event, data } (an openai-node Stream or AssistantStream)',
    );
  }
  const checked = checkDecodeOptions(options, 'fromOpenAIStream');
  // openai-node's Stream and AssistantStream (a `controller` or `abort()`), and any iterator, can be read once.
  const s = stream as OpenAIStreamLike & { next?: unknown };
  const oneShot = typeof s.controller?.abort === 'function' || typeof s.abort === 'function' || typeof s.next === 'function';

  return new Observable<AssistantStreamEvent>((subscriber) => {
    if (oneShot && !claimOnce(stream)) return subscriber.error(readOnceError('The openai-node stream'));
    const sink = decodingSink(subscriber, createItemDecoder(checked));
    let finished = false;
    let iterator: AsyncIterator<OpenAIStreamItem>;
    try {
      iterator = stream[Symbol.asyncIterator]();
    } catch (error) {
      return subscriber.error(toOpenAIError(error));
    }
    (async () => {
      for (;;) {
        const result = await iterator.next();
        if (subscriber.closed) return;
        if (result.done) {
          finished = true;
          return sink.complete();
        }
        sink.next(result.value); // [DONE] or a decoding error closes the subscriber: the teardown releases the stream
      }
    })().catch((error: unknown) => {
      finished = true;
      if (!subscriber.closed) subscriber.error(toOpenAIError(error));
    });

    return () => {
      if (finished) return; // the stream ended by itself
      Promise.resolve(iterator.return?.()).catch(ignore);
      try {
        if (typeof s.controller?.abort === 'function') s.controller.abort();
        else if (typeof s.abort === 'function') s.abort();
      } catch {
        // Cancelling is best effort: the subscriber is already gone.
      }
    };
  });
}

/** The errors openai-node throws, as the library's: HTTP errors keep their status, `event: error` frames their body. */
function toOpenAIError(error: unknown): AssistantStreamError {
  if (error instanceof AssistantStreamError || isAbortError(error)) return sourceError(error);
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    status?: unknown;
    error?: unknown;
    constructor?: { name?: string };
  };
  const kind = e.constructor?.name;
  if (typeof e.status === 'number') return httpError(`HTTP ${e.status}`, { status: e.status, body: e.error, cause: error });
  const serverError = readServerError(e.error);
  if (serverError && kind !== 'APIConnectionError' && kind !== 'APIConnectionTimeoutError')
    return serverErrorEvent(serverError, undefined, error);
  return sourceError(error);
}

function ignore(): void {
  // A cancel that fails has nothing left to release.
}
