import { Observable } from 'rxjs';
import { createEventDecoder, createEventValidator, type DecodeOptions } from '../decode/event-decoder';
import { AssistantStreamError, excerpt, type ServerErrorBody } from '../errors';
import type { AssistantStreamEvent } from '../schema';
import { toSourceError } from '../sse/from-sse';
import { parseServerError } from '../sse/response-error';

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
 * @param options `mode`, `unknownEvents`, `onUnknownEvent`, `errorEvents`, as for {@link decodeAssistantEvents}.
 * @returns A cold Observable of the validated events.
 */
export function fromOpenAIStream(stream: OpenAIStreamLike | AsyncIterable<OpenAIStreamItem>, options: DecodeOptions = {}): Observable<AssistantStreamEvent> {
  if (typeof (stream as AsyncIterable<unknown> | null)?.[Symbol.asyncIterator] !== 'function') {
    throw new TypeError('fromOpenAIStream: `stream` must be an AsyncIterable of { event, data } (an openai-node Stream or AssistantStream)');
  }
  createEventDecoder(options); // validates the options, with a TypeError on misuse
  const { mode = 'lenient', errorEvents = 'error', unknownEvents = 'skip', onUnknownEvent } = options;
  const validate = createEventValidator(mode, errorEvents);

  return new Observable<AssistantStreamEvent>((subscriber) => {
    let finished = false;
    let iterator: AsyncIterator<OpenAIStreamItem>;
    try {
      iterator = stream[Symbol.asyncIterator]();
    } catch (error) {
      subscriber.error(toOpenAIError(error));
      return;
    }
    (async () => {
      for (;;) {
        const result = await iterator.next();
        if (subscriber.closed) return;
        if (result.done) {
          finished = true;
          return subscriber.complete();
        }
        const decoded = decodeItem(result.value);
        if (decoded === 'done') {
          finished = true;
          return subscriber.complete();
        }
        if (decoded !== undefined) subscriber.next(decoded);
      }
    })().catch((error: unknown) => {
      finished = true;
      if (!subscriber.closed) subscriber.error(toOpenAIError(error));
    });

    return () => {
      if (finished) return;
      Promise.resolve(iterator.return?.()).catch(ignore);
      const s = stream as OpenAIStreamLike;
      try {
        if (typeof s.controller?.abort === 'function') s.controller.abort();
        else if (typeof s.abort === 'function') s.abort();
      } catch {
        // Cancelling is best effort: the subscriber is already gone.
      }
    };
  });

  function decodeItem(item: OpenAIStreamItem): AssistantStreamEvent | 'done' | undefined {
    if (typeof item !== 'object' || item === null) {
      throw new AssistantStreamError('invalid_event', `Invalid stream item: expected { event, data }, got ${excerpt(item, 60)}`, {
        expected: '{ event, data }',
        excerpt: excerpt(item, 200),
      });
    }
    // openai-node yields bare data (no name) for events outside `thread.*` unless asked otherwise: an unknown event.
    const named = typeof item.event === 'string';
    const event = named ? item.event : undefined;
    const data = named ? item.data : item;
    if (event === 'done') return 'done';
    if (event === undefined || (event !== 'error' && !validate.knows(event))) {
      if (unknownEvents === 'error') {
        throw new AssistantStreamError('unknown_event', `Unknown event "${event ?? '(no event name)'}"`, {
          ...(event === undefined ? {} : { event }),
          excerpt: excerpt(data, 200),
        });
      }
      const text = typeof data === 'string' ? data : (JSON.stringify(data) ?? '');
      onUnknownEvent?.(event === undefined ? { data: text } : { event, data: text });
      return undefined;
    }
    return validate(event, data);
  }
}

/** The errors openai-node throws, as the library's: HTTP errors keep their status, `event: error` frames their body. */
function toOpenAIError(error: unknown): AssistantStreamError {
  if (error instanceof AssistantStreamError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as { status?: unknown; error?: unknown; constructor?: { name?: string } };
  const kind = e.constructor?.name;
  const message = error instanceof Error ? error.message : String(error);
  if (kind === 'APIUserAbortError' || (error as { name?: unknown } | null)?.name === 'AbortError') {
    return new AssistantStreamError('aborted', `The stream was aborted: ${message}`, { cause: error });
  }
  const serverError = toServerError(e.error);
  if (typeof e.status === 'number') {
    return new AssistantStreamError('http_error', `HTTP ${e.status}${serverError ? `: ${serverError.message}` : ''}`, {
      status: e.status,
      ...(serverError ? { serverError } : {}),
      cause: error,
    });
  }
  if (serverError && kind !== 'APIConnectionError' && kind !== 'APIConnectionTimeoutError') {
    const detail = serverError.type ? ` (${serverError.type}${serverError.code ? `, ${serverError.code}` : ''})` : '';
    return new AssistantStreamError('server_error', `The server sent an error${detail}: ${serverError.message}`, {
      event: 'error',
      serverError,
      cause: error,
    });
  }
  return toSourceError(error);
}

function toServerError(body: unknown): ServerErrorBody | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  try {
    return parseServerError(JSON.stringify(body));
  } catch {
    return undefined;
  }
}

function ignore(): void {
  // A cancel that fails has nothing left to release.
}
