import { catchError, defer, filter, map, throwError, type Observable, type OperatorFunction } from 'rxjs';
import { assistantEvents, type AssistantEventsOptions } from '../decode/assistant-events';
import { AssistantStreamError, httpError, shrankTextError, sourceError } from '../errors';
import type { AssistantStreamEvent } from '../schema';

/**
 * The shape of an Angular `HttpEvent<string>` the library reads, typed structurally (no `@angular/common` import):
 * `type` is `HttpEventType` (`0` Sent, `1` UploadProgress, `2` ResponseHeader, `3` DownloadProgress, `4` Response,
 * `5` User). A DownloadProgress event carries the cumulative `partialText`; the Response carries the whole `body`;
 * the ResponseHeader and the Response carry `status` and `headers`.
 *
 * @example
 * ```ts
 * import { assistantEventsFromHttpEvents, type HttpEventLike } from 'rx-assistant-stream';
 * import { textRunEvents, toSSE } from 'rx-assistant-stream/testing';
 * import { of } from 'rxjs';
 *
 * // The events HttpClient emits for a streamed run, as a fixture for a test without Angular's HttpTestingController.
 * const sse = toSSE(textRunEvents('Bonjour !'));
 * const headers = new Headers({ 'Content-Type': 'text/event-stream' });
 * const events: HttpEventLike[] = [
 *   { type: 0 }, // Sent
 *   { type: 2, status: 200, headers }, // ResponseHeader
 *   { type: 3, partialText: sse.slice(0, 120) }, // DownloadProgress, cut mid-frame
 *   { type: 3, partialText: sse },
 *   { type: 4, status: 200, headers, body: sse }, // Response
 * ];
 * assistantEventsFromHttpEvents(of(...events)).subscribe((event) => console.log(event.event));
 * ```
 */
export interface HttpEventLike {
  type: number;
  /** `HttpDownloadProgressEvent.partialText`: all the text received so far. */
  partialText?: string;
  /** `HttpResponse.body`: the whole text. */
  body?: unknown;
  status?: number;
  headers?: { get(name: string): string | null };
}

const DOWNLOAD_PROGRESS = 3;
const RESPONSE = 4;

/**
 * Turns Angular `HttpClient` events (`observe: 'events', reportProgress: true, responseType: 'text'`) into the
 * incremental text chunks `fromSSE` reads: each `HttpDownloadProgressEvent` gives only the text added since the
 * previous one (its `partialText` is cumulative), and the final `HttpResponse` gives whatever its `body` holds beyond
 * that. Other events are ignored; errors and completion pass through. A `partialText` that shrinks errors with
 * `network_error`.
 *
 * ```
 * source:            --p("ev")--p("event: a")--r("event: a\n\n")--|
 * httpTextChunks():  --"ev"-----"ent: a"-------"\n\n"-------------|
 * ```
 *
 * @example
 * ```ts
 * import { fromSSE, httpTextChunks } from 'rx-assistant-stream';
 *
 * const events$ = this.http.post(url, body, { observe: 'events', reportProgress: true, responseType: 'text' });
 * fromSSE(events$.pipe(httpTextChunks())).subscribe((message) => console.log(message.event));
 * ```
 *
 * @returns An operator from `HttpEvent<string>` to the new text of each.
 */
export function httpTextChunks(): OperatorFunction<HttpEventLike, string> {
  return (source) =>
    defer(() => {
      let seen = 0;
      return source.pipe(
        map((event) => {
          const text =
            event?.type === DOWNLOAD_PROGRESS && typeof event.partialText === 'string'
              ? event.partialText
              : event?.type === RESPONSE && typeof event.body === 'string'
                ? event.body
                : undefined;
          if (text === undefined || text.length === seen) return '';
          if (text.length < seen) throw shrankTextError(seen, text.length);
          const chunk = text.slice(seen);
          seen = text.length;
          return chunk;
        }),
        filter((chunk) => chunk !== ''),
      );
    });
}

/**
 * The validated events of a run streamed through Angular's `HttpClient`: {@link httpTextChunks} +
 * {@link assistantEvents}, with the HTTP failures as {@link AssistantStreamError}s: an `HttpErrorResponse` becomes an
 * `http_error` with the status and the server's `{error}` body (status 0, Angular's network failure, a
 * `network_error`), and a 2xx answer whose `Content-Type` is not `text/event-stream` an `http_error` too.
 *
 * @example
 * ```ts
 * import { assistantEventsFromHttpEvents, textDeltas } from 'rx-assistant-stream';
 *
 * const events$ = this.http.post(`${baseURL}/threads/${threadId}/runs`, { assistant_id, stream: true }, {
 *   observe: 'events', reportProgress: true, responseType: 'text',
 *   headers: { 'OpenAI-Beta': 'assistants=v2', Accept: 'text/event-stream' },
 * });
 * this.text$ = assistantEventsFromHttpEvents(events$).pipe(textDeltas());
 * ```
 *
 * @param events$ The `HttpClient` events, requested with `observe: 'events', reportProgress: true, responseType: 'text'`.
 * @param options The options of {@link assistantEvents}: `maxBufferSize`, `mode`, `unknownEvents`, `onUnknownEvent`, `errorEvents`.
 * @returns A cold Observable of the run's events; unsubscribing unsubscribes from `events$` (which cancels the request).
 */
export function assistantEventsFromHttpEvents(
  events$: Observable<HttpEventLike>,
  options: AssistantEventsOptions = {},
): Observable<AssistantStreamEvent> {
  const chunks$ = events$.pipe(
    map((event) => {
      const error = contentTypeError(event);
      if (error) throw error;
      return event;
    }),
    httpTextChunks(),
    catchError((error: unknown) => throwError(() => fromHttpErrorResponse(error))),
  );
  return assistantEvents(chunks$, options);
}

/** A ResponseHeader or Response event whose `Content-Type` says the body is not an event stream. */
function contentTypeError(event: HttpEventLike): AssistantStreamError | undefined {
  if (event?.type !== 2 && event?.type !== RESPONSE) return undefined;
  const type = typeof event.headers?.get === 'function' ? event.headers.get('content-type') : null;
  if (type === null || type.toLowerCase().includes('text/event-stream')) return undefined;
  return httpError(`expected a text/event-stream body, got ${type}`, {
    ...(typeof event.status === 'number' ? { status: event.status } : {}),
    ...(typeof event.body === 'string' && event.body !== '' ? { body: event.body } : {}),
  });
}

/** An Angular `HttpErrorResponse` (structurally: `status` and `error`) as an `http_error` or `network_error`. */
function fromHttpErrorResponse(error: unknown): unknown {
  if (error instanceof AssistantStreamError) return error;
  const e = error as { name?: unknown; status?: unknown; statusText?: unknown; error?: unknown; message?: unknown } | null;
  if (e === null || typeof e !== 'object' || typeof e.status !== 'number' || e.name !== 'HttpErrorResponse') return error;
  if (e.status === 0) return sourceError(error, 'The request');
  const statusText = typeof e.statusText === 'string' && e.statusText ? ` ${e.statusText}` : '';
  return httpError(`HTTP ${e.status}${statusText}`, { status: e.status, body: e.error ?? undefined, cause: error });
}
