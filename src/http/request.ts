import { Observable, type Subscription } from 'rxjs';
import { assistantEvents, type AssistantEventsOptions } from '../decode/assistant-events';
import { abortedError, headersError, isAbortError, noFetchError, sourceError } from '../errors';
import type { AssistantStreamEvent } from '../schema';
import type { ResponseLike } from '../sse/response-error';

/**
 * The `fetch` the client calls: the global one, a polyfill, Angular's or a test double (structural).
 *
 * @example
 * ```ts
 * import { createAssistantsClient, type FetchLike } from 'rx-assistant-stream';
 *
 * // Logs how long each request takes to answer (the headers, not the whole stream), then hands the response over.
 * const timedFetch: FetchLike = async (url, init) => {
 *   const started = performance.now();
 *   const response = await fetch(url, init);
 *   console.debug(`POST ${url}: ${response.status} in ${Math.round(performance.now() - started)} ms`);
 *   return response;
 * };
 * const client = createAssistantsClient({ baseURL: 'https://api.openai.com/v1', apiKey: process.env.OPENAI_API_KEY, fetch: timedFetch });
 * ```
 */
export type FetchLike = (url: string, init: FetchInit) => Promise<ResponseLike>;

/**
 * The request init the client passes to {@link FetchLike}: always a POST with a JSON body and a signal.
 *
 * @example
 * ```ts
 * import { createAssistantsClient, type FetchInit } from 'rx-assistant-stream';
 * import { textRunEvents, toSSE } from 'rx-assistant-stream/testing';
 *
 * // A test double that records what the client sends and answers with a recorded run.
 * const sent: FetchInit[] = [];
 * const client = createAssistantsClient({
 *   baseURL: 'https://api.example.test/v1',
 *   fetch: async (_url, init) => {
 *     sent.push(init);
 *     return new Response(toSSE(textRunEvents('Hi!')), { headers: { 'Content-Type': 'text/event-stream' } });
 *   },
 * });
 * client.createRun('thread_abc', { assistant_id: 'asst_abc' }).subscribe({
 *   complete: () => console.log(sent[0]?.headers['OpenAI-Beta'], sent[0]?.body), // assistants=v2 {"assistant_id":"asst_abc","stream":true}
 * });
 * ```
 */
export interface FetchInit {
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
}

/**
 * Header values: `null` removes a header the client would send by default (`OpenAI-Beta`, say); `undefined` is ignored.
 *
 * @example
 * ```ts
 * import { createAssistantsClient, type HeadersOption } from 'rx-assistant-stream';
 *
 * const headers: HeadersOption = {
 *   'OpenAI-Organization': 'org_a1b2c3',
 *   'OpenAI-Project': process.env.OPENAI_PROJECT, // sent only when the variable is set
 *   'OpenAI-Beta': null, // a gateway that rejects the beta header: not sent at all
 * };
 * const client = createAssistantsClient({ baseURL: 'https://llm-gateway.internal.example/v1', apiKey: process.env.GATEWAY_KEY, headers });
 * ```
 */
export type HeadersOption = Record<string, string | null | undefined>;

/**
 * What a headers function is told about the request it is called for.
 *
 * @example
 * ```ts
 * import { createAssistantsClient, type HeadersRequest } from 'rx-assistant-stream';
 *
 * // A gateway that wants each request signed over its URL and body.
 * const sign = async ({ url, body }: HeadersRequest) => ({ 'X-Signature': await hmac(process.env.GATEWAY_SECRET!, `${url}\n${body}`) });
 * const client = createAssistantsClient({ baseURL: 'https://gateway.example.com/v1', headers: sign });
 * ```
 */
export interface HeadersRequest {
  /** The URL about to be fetched (query included). */
  url: string;
  /** The JSON body about to be sent. */
  body: string;
}

/**
 * The client's `headers`: an object, or a function (sync or async) called once per request, just before it is sent,
 * for tokens that expire or requests that must be signed.
 *
 * @example
 * ```ts
 * import { createAssistantsClient, type HeadersSource } from 'rx-assistant-stream';
 *
 * // A fresh token from the app's own auth service for every request.
 * const headers: HeadersSource = async () => ({ Authorization: `Bearer ${await auth.currentAccessToken()}` });
 * const client = createAssistantsClient({ baseURL: 'https://assistants.internal.example/v1', headers });
 * ```
 */
export type HeadersSource = HeadersOption | ((request: HeadersRequest) => HeadersOption | PromiseLike<HeadersOption>);

/** One streaming POST, as {@link streamRequest} sends it. */
export interface StreamRequest {
  /** The full URL (query included). */
  url: string;
  /** The JSON body. */
  body: string;
  /**
   * The headers of this request, resolved at subscription (a function the client built: defaults, credentials,
   * the client's and the request's headers). A rejection fails the stream before anything is fetched.
   */
  headers: (request: HeadersRequest) => Record<string, string> | PromiseLike<Record<string, string>>;
  /** The caller's signals (the client's, the request's). */
  signals: AbortSignal[];
  /** The fetch to call; default `globalThis.fetch`, looked up at subscription. */
  fetch: FetchLike | undefined;
  /** The decoding options of the response body. */
  decodeOptions: AssistantEventsOptions;
  /** Who sends the request, for messages: `createAssistantsClient`. */
  origin: string;
}

/**
 * One streaming POST as a cold Observable: its own AbortController per subscription, aborted on teardown. The
 * headers are resolved first (a headers function, a token), then the request is fetched and its body decoded.
 */
export function streamRequest(request: StreamRequest): Observable<AssistantStreamEvent> {
  const { url, body, signals, decodeOptions, origin } = request;
  return new Observable<AssistantStreamEvent>((subscriber) => {
    const alreadyAborted = signals.find((s) => s.aborted);
    if (alreadyAborted) {
      subscriber.error(abortedError(alreadyAborted.reason));
      return;
    }
    const fetchImpl = request.fetch ?? (globalThis.fetch as unknown as FetchLike | undefined);
    if (typeof fetchImpl !== 'function') {
      subscriber.error(noFetchError(origin));
      return;
    }
    const controller = new AbortController();
    let abortedByCaller = false;
    const listeners = signals.map((s) => {
      const listener = () => {
        abortedByCaller = true;
        controller.abort(s.reason);
      };
      s.addEventListener('abort', listener, { once: true });
      return () => s.removeEventListener('abort', listener);
    });
    let events: Subscription | undefined;

    const fail = (error: unknown) => {
      if (!subscriber.closed) subscriber.error(error);
    };
    const read = (response: ResponseLike) => {
      if (subscriber.closed) return;
      events = assistantEvents(response, decodeOptions).subscribe({
        next: (event) => subscriber.next(event),
        // A body cut by the caller's signal reads as an abort, whatever the fetch implementation calls it.
        error: (error: unknown) => fail(abortedByCaller ? abortedError(controller.signal.reason, error) : error),
        complete: () => subscriber.complete(),
      });
    };
    const send = (headers: Record<string, string>) => {
      if (subscriber.closed) return;
      if (controller.signal.aborted) return fail(abortedError(controller.signal.reason));
      settle(
        () => fetchImpl(url, { method: 'POST', headers, body, signal: controller.signal }),
        read,
        (error) =>
          fail(
            abortedByCaller || isAbortError(error)
              ? abortedError(controller.signal.reason, error)
              : sourceError(error, `The request to ${url}`),
          ),
      );
    };
    settle(
      () => request.headers({ url, body }),
      send,
      (error) => fail(headersError(origin, error)),
    );

    return () => {
      for (const remove of listeners) remove();
      events?.unsubscribe();
      controller.abort();
    };
  });
}

/**
 * Calls `produce`, then `onValue` with its value: synchronously for a plain value, after the Promise for a
 * PromiseLike. A throw or a rejection goes to `onError`; nothing escapes.
 */
function settle<T>(produce: () => T | PromiseLike<T>, onValue: (value: T) => void, onError: (error: unknown) => void): void {
  let result: T | PromiseLike<T>;
  try {
    result = produce();
  } catch (error) {
    onError(error);
    return;
  }
  if (isPromiseLike(result)) Promise.resolve(result).then(onValue, onError);
  else onValue(result);
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as PromiseLike<T>).then === 'function'
  );
}

/** The URL of an endpoint: the root without trailing slashes, the path, the query. */
export function endpointURL(root: string, path: string, query: Record<string, string> | undefined): string {
  const search = query && Object.keys(query).length > 0 ? `?${new URLSearchParams(query).toString()}` : '';
  return `${root.replace(/\/+$/, '')}${path}${search}`;
}

/**
 * Headers merged case-insensitively: a later name replaces an earlier one whatever its casing, `null` removes it,
 * `undefined` is ignored.
 */
export function mergeHeaders(base: Record<string, string>, ...layers: (HeadersOption | undefined)[]): Record<string, string> {
  const merged: Record<string, string> = { ...base };
  const names = new Map<string, string>();
  for (const name of Object.keys(base)) names.set(name.toLowerCase(), name);
  for (const extra of layers) {
    if (!extra) continue;
    for (const [name, value] of Object.entries(extra)) {
      if (value === undefined) continue;
      const key = name.toLowerCase();
      const existing = names.get(key);
      if (existing !== undefined) delete merged[existing];
      if (value === null) {
        names.delete(key);
        continue;
      }
      merged[name] = value;
      names.set(key, name);
    }
  }
  return merged;
}
