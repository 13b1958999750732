import { Observable, type Subscription } from 'rxjs';
import { assistantEvents, type AssistantEventsOptions } from '../decode/assistant-events';
import { AssistantStreamError } from '../errors';
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
 * Options of {@link createAssistantsClient}; the decoding options (`mode`, `unknownEvents`, ...) apply to every stream.
 *
 * @example
 * ```ts
 * import { createAssistantsClient, type AssistantsClientOptions } from 'rx-assistant-stream';
 *
 * // Azure OpenAI: the key in an `api-key` header, the API version in the query of every URL.
 * const shutdown = new AbortController();
 * const azure: AssistantsClientOptions = {
 *   baseURL: 'https://my-resource.openai.azure.com/openai',
 *   headers: { 'api-key': process.env.AZURE_OPENAI_API_KEY ?? '' },
 *   query: { 'api-version': '2024-05-01-preview' },
 *   signal: shutdown.signal, // aborts every stream of this client on shutdown
 *   unknownEvents: 'skip',
 * };
 * const client = createAssistantsClient(azure);
 * process.once('SIGTERM', () => shutdown.abort('shutting down'));
 * ```
 */
export interface AssistantsClientOptions extends AssistantEventsOptions {
  /** The API root the endpoint paths are appended to: `https://api.openai.com/v1`, `http://127.0.0.1:4010/v1`. Required. */
  baseURL: string;
  /** Sent as `Authorization: Bearer <apiKey>` when given. Azure-style keys go in `headers` (`{ 'api-key': key }`). */
  apiKey?: string;
  /** Extra headers, or overrides of the defaults (`OpenAI-Beta: assistants=v2`, `Accept`, `Content-Type`); `null` removes one. */
  headers?: HeadersOption;
  /** Query parameters added to every URL, such as Azure's `{ 'api-version': '2024-05-01-preview' }`. */
  query?: Record<string, string>;
  /** The fetch to call. Default: `globalThis.fetch`, looked up when a request starts. */
  fetch?: FetchLike;
  /** Aborts every request of this client (an already aborted signal fails them before fetching, with `aborted`). */
  signal?: AbortSignal;
}

/**
 * Per-request options of the client's methods.
 *
 * @example
 * ```ts
 * import { AssistantStreamError, textDeltas, type RequestOptions } from 'rx-assistant-stream';
 *
 * // In a page: a Stop button for one answer, and a request id to find it in the server's logs.
 * const answer = document.querySelector('#answer')!;
 * const stop = new AbortController();
 * const options: RequestOptions = { signal: stop.signal, headers: { 'X-Request-Id': crypto.randomUUID() } };
 * client
 *   .createRun(threadId, { assistant_id: 'asst_abc' }, options)
 *   .pipe(textDeltas())
 *   .subscribe({
 *     next: (text) => answer.append(text),
 *     error: (e) => (e instanceof AssistantStreamError && e.code === 'aborted' ? answer.append(' [stopped]') : console.error(e)),
 *   });
 * document.querySelector('#stop')?.addEventListener('click', () => stop.abort('stopped by the user'));
 * ```
 */
export interface RequestOptions {
  /** Aborts this request: the Observable errors with `aborted` (before fetching, if the signal is already aborted). */
  signal?: AbortSignal;
  /** Headers for this request only, over the client's; `null` removes one. */
  headers?: HeadersOption;
}

/**
 * The body of `POST /threads/{thread_id}/runs`; `stream: true` is added by the client.
 *
 * @example
 * ```ts
 * import { collectRunResult, type CreateRunBody } from 'rx-assistant-stream';
 *
 * const body: CreateRunBody = {
 *   assistant_id: 'asst_abc',
 *   model: 'gpt-4o-mini',
 *   additional_instructions: 'Answer in French, in two sentences at most.',
 *   additional_messages: [{ role: 'user', content: 'What is the weather like in Lyon?' }],
 *   max_completion_tokens: 400,
 * };
 * client.createRun(threadId, body).pipe(collectRunResult()).subscribe(({ run }) => console.log(run?.status, run?.usage));
 * ```
 */
export interface CreateRunBody {
  assistant_id: string;
  [field: string]: unknown;
}

/**
 * The body of `POST /threads/runs`; `stream: true` is added by the client.
 *
 * @example
 * ```ts
 * import { ofEventType, type CreateThreadAndRunBody } from 'rx-assistant-stream';
 *
 * const body: CreateThreadAndRunBody = {
 *   assistant_id: 'asst_support',
 *   thread: {
 *     messages: [{ role: 'user', content: 'My order #4512 has not arrived.' }],
 *     metadata: { customer_id: 'cus_981' },
 *   },
 *   tool_choice: 'auto',
 * };
 * client
 *   .createThreadAndRun(body)
 *   .pipe(ofEventType('thread.created'))
 *   .subscribe(({ data: thread }) => console.log('new thread', thread.id)); // keep it for the next runs
 * ```
 */
export interface CreateThreadAndRunBody {
  assistant_id: string;
  thread?: Record<string, unknown>;
  [field: string]: unknown;
}

/**
 * One tool output to submit: the call it answers and the output text.
 *
 * @example
 * ```ts
 * import { requiredToolCalls, type ToolOutput } from 'rx-assistant-stream';
 * import { mergeMap } from 'rxjs';
 *
 * client
 *   .createRun(threadId, { assistant_id: 'asst_weather' })
 *   .pipe(
 *     requiredToolCalls(),
 *     mergeMap(({ run, toolCalls }) => {
 *       const outputs: ToolOutput[] = toolCalls.map((call) => ({ tool_call_id: call.id, output: JSON.stringify({ celsius: 18 }) }));
 *       return client.submitToolOutputs(run.thread_id, run.id, { tool_outputs: outputs });
 *     }),
 *   )
 *   .subscribe((event) => console.log(event.event));
 * ```
 */
export interface ToolOutput {
  tool_call_id: string;
  output: string;
}

/**
 * The body of `POST /threads/{thread_id}/runs/{run_id}/submit_tool_outputs`; `stream: true` is added by the client.
 *
 * @example
 * ```ts
 * import { textDeltas, type SubmitToolOutputsBody } from 'rx-assistant-stream';
 *
 * // Answering the two parallel calls of a paused run (its ids from the `thread.run.requires_action` event).
 * const body: SubmitToolOutputsBody = {
 *   tool_outputs: [
 *     { tool_call_id: 'call_paris', output: '{"city":"Paris","celsius":18}' },
 *     { tool_call_id: 'call_tokyo', output: '{"city":"Tokyo","celsius":24}' },
 *   ],
 * };
 * client.submitToolOutputs('thread_abc', 'run_abc', body).pipe(textDeltas()).subscribe((text) => process.stdout.write(text));
 * ```
 */
export interface SubmitToolOutputsBody {
  tool_outputs: ToolOutput[];
  [field: string]: unknown;
}

/**
 * The run endpoints, each a cold Observable of the validated events of its stream.
 *
 * @example
 * ```ts
 * import type { AssistantsClient } from 'rx-assistant-stream';
 * import { textRunEvents, toolOutputsRunEvents } from 'rx-assistant-stream/testing';
 * import { from } from 'rxjs';
 *
 * // A fake for the tests of code that takes an AssistantsClient: canned runs, no network.
 * const fakeClient: AssistantsClient = {
 *   createRun: (threadId) => from(textRunEvents('Hello from the fake', { threadId })),
 *   createThreadAndRun: () => from(textRunEvents('Hello from the fake', { withThread: true })),
 *   submitToolOutputs: (threadId, runId, { tool_outputs }) =>
 *     from(toolOutputsRunEvents(tool_outputs.map((o) => ({ id: o.tool_call_id, name: 'get_weather', arguments: '{}', output: o.output })), 'Done.', { threadId, runId })),
 * };
 * ```
 */
export interface AssistantsClient {
  /** `POST /threads/{threadId}/runs` with `stream: true`. */
  createRun(threadId: string, body: CreateRunBody, options?: RequestOptions): Observable<AssistantStreamEvent>;
  /** `POST /threads/runs` with `stream: true`. */
  createThreadAndRun(body: CreateThreadAndRunBody, options?: RequestOptions): Observable<AssistantStreamEvent>;
  /** `POST /threads/{threadId}/runs/{runId}/submit_tool_outputs` with `stream: true`. */
  submitToolOutputs(threadId: string, runId: string, body: SubmitToolOutputsBody, options?: RequestOptions): Observable<AssistantStreamEvent>;
}

/**
 * A client for the streaming run endpoints of any Assistants-compatible server, each call a cold
 * `Observable<AssistantStreamEvent>`: the POST is sent on subscription (one per subscription), unsubscribing aborts
 * it (in the middle of the body too), and every failure arrives in the error channel as an {@link AssistantStreamError}:
 * `http_error` for a non-2xx or non-`text/event-stream` answer (with the status and the server's `{error}` body),
 * `network_error` when the request or the body fails, `aborted` when a signal passed in aborts it.
 *
 * Nothing is retried: a second POST that creates a run starts a second run and spends tokens again. Retrying is the
 * caller's choice, for the failures that prove no run was created, such as a 429 or a 5xx answer:
 *
 * ```ts
 * import { timer, throwError, retry } from 'rxjs';
 * import { AssistantStreamError } from 'rx-assistant-stream';
 *
 * const rejected = (e: unknown) => e instanceof AssistantStreamError && e.code === 'http_error' && (e.status === 429 || (e.status ?? 0) >= 500);
 * client.createRun(threadId, { assistant_id }).pipe(
 *   retry({ count: 3, delay: (e, attempt) => (rejected(e) ? timer(500 * 2 ** attempt) : throwError(() => e)) }),
 * );
 * ```
 *
 * @example
 * ```ts
 * import { createAssistantsClient, untilRunTerminal, textDeltas } from 'rx-assistant-stream';
 *
 * const client = createAssistantsClient({ baseURL: 'http://127.0.0.1:4010/v1', apiKey: process.env.API_KEY });
 * client
 *   .createRun('thread_abc', { assistant_id: 'asst_abc' })
 *   .pipe(untilRunTerminal(), textDeltas())
 *   .subscribe((text) => process.stdout.write(text));
 * ```
 *
 * @param options `baseURL` (required), `apiKey`, `headers`, `query`, `fetch`, `signal`, and the decoding options
 *   of {@link assistantEvents} (`mode`, `unknownEvents`, `onUnknownEvent`, `errorEvents`, `maxBufferSize`).
 * @returns The client: `createRun`, `createThreadAndRun`, `submitToolOutputs`.
 */
export function createAssistantsClient(options: AssistantsClientOptions): AssistantsClient {
  const { baseURL, apiKey, headers, query, fetch, signal, ...decodeOptions } = checkOptions(options);
  // Validates the decoding options now (a TypeError on misuse); nothing runs before subscription.
  assistantEvents('', decodeOptions);
  const root = baseURL.replace(/\/+$/, '');
  const search = query && Object.keys(query).length > 0 ? `?${new URLSearchParams(query).toString()}` : '';
  const baseHeaders = mergeHeaders(
    {
      'Content-Type': 'application/json',
      Accept: 'text/event-stream',
      'OpenAI-Beta': 'assistants=v2',
      ...(apiKey === undefined ? {} : { Authorization: `Bearer ${apiKey}` }),
    },
    headers,
  );

  const post = (method: string, path: string, body: object, requestOptions: RequestOptions = {}): Observable<AssistantStreamEvent> => {
    checkRequestOptions(method, requestOptions);
    const init = {
      headers: mergeHeaders(baseHeaders, requestOptions.headers),
      body: JSON.stringify({ ...body, stream: true }),
    };
    const signals = [signal, requestOptions.signal].filter((s): s is AbortSignal => s !== undefined);
    return streamRequest(`${root}${path}${search}`, init, signals, fetch, decodeOptions);
  };

  return {
    createRun: (threadId, body, requestOptions) =>
      post('createRun', `/threads/${segment('createRun', 'threadId', threadId)}/runs`, checkBody('createRun', body), requestOptions),
    createThreadAndRun: (body, requestOptions) => post('createThreadAndRun', '/threads/runs', checkBody('createThreadAndRun', body), requestOptions),
    submitToolOutputs: (threadId, runId, body, requestOptions) => {
      const path = `/threads/${segment('submitToolOutputs', 'threadId', threadId)}/runs/${segment('submitToolOutputs', 'runId', runId)}/submit_tool_outputs`;
      checkBody('submitToolOutputs', body);
      if (!Array.isArray(body.tool_outputs)) throw new TypeError('submitToolOutputs: `body.tool_outputs` must be an array');
      return post('submitToolOutputs', path, body, requestOptions);
    },
  };
}

/** One streaming POST as a cold Observable: its own AbortController per subscription, aborted on teardown. */
function streamRequest(
  url: string,
  init: { headers: Record<string, string>; body: string },
  signals: AbortSignal[],
  customFetch: FetchLike | undefined,
  decodeOptions: AssistantEventsOptions,
): Observable<AssistantStreamEvent> {
  return new Observable<AssistantStreamEvent>((subscriber) => {
    const alreadyAborted = signals.find((s) => s.aborted);
    if (alreadyAborted) {
      subscriber.error(abortedError(alreadyAborted.reason));
      return;
    }
    const fetchImpl = customFetch ?? (globalThis.fetch as unknown as FetchLike | undefined);
    if (typeof fetchImpl !== 'function') {
      subscriber.error(new AssistantStreamError('network_error', 'No fetch available: pass `fetch` to createAssistantsClient'));
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

    let body: Subscription | undefined;
    let pending: Promise<ResponseLike>;
    try {
      pending = Promise.resolve(fetchImpl(url, { method: 'POST', ...init, signal: controller.signal }));
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (response) => {
        if (subscriber.closed) return;
        body = assistantEvents(response, decodeOptions).subscribe({
          next: (event) => subscriber.next(event),
          // A body cut by the caller's signal reads as an abort, whatever the fetch implementation calls it.
          error: (error: unknown) => subscriber.error(abortedByCaller ? abortedError(controller.signal.reason, error) : error),
          complete: () => subscriber.complete(),
        });
      },
      (error: unknown) => {
        if (subscriber.closed) return;
        subscriber.error(abortedByCaller || isAbortError(error) ? abortedError(controller.signal.reason, error) : networkError(url, error));
      },
    );

    return () => {
      for (const remove of listeners) remove();
      body?.unsubscribe();
      controller.abort();
    };
  });
}

function abortedError(reason: unknown, cause: unknown = reason): AssistantStreamError {
  if (cause instanceof AssistantStreamError && cause.code === 'aborted') return cause;
  const why = reason instanceof Error ? `: ${reason.message}` : typeof reason === 'string' ? `: ${reason}` : '';
  return new AssistantStreamError('aborted', `The request was aborted${why}`, cause === undefined ? {} : { cause });
}

function networkError(url: string, error: unknown): AssistantStreamError {
  if (error instanceof AssistantStreamError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const cause = (error as { cause?: { message?: unknown } } | null)?.cause;
  const detail = typeof cause?.message === 'string' && cause.message !== message ? ` (${cause.message})` : '';
  return new AssistantStreamError('network_error', `The request to ${url} failed: ${message}${detail}`, { cause: error });
}

function isAbortError(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'AbortError';
}

function mergeHeaders(base: Record<string, string>, extra: HeadersOption | undefined): Record<string, string> {
  if (!extra) return base;
  const merged: Record<string, string> = {};
  const names = new Map<string, string>();
  for (const [name, value] of Object.entries(base)) {
    merged[name] = value;
    names.set(name.toLowerCase(), name);
  }
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) continue;
    const existing = names.get(name.toLowerCase());
    if (existing !== undefined) delete merged[existing];
    if (value === null) {
      names.delete(name.toLowerCase());
      continue;
    }
    merged[name] = value;
    names.set(name.toLowerCase(), name);
  }
  return merged;
}

function checkOptions(options: AssistantsClientOptions): AssistantsClientOptions {
  if (typeof options !== 'object' || options === null) throw new TypeError('createAssistantsClient: `options` must be an object');
  const { baseURL, apiKey, headers, query, fetch, signal } = options;
  if (typeof baseURL !== 'string' || !/^https?:\/\/[^/]/i.test(baseURL)) {
    throw new TypeError(`createAssistantsClient: \`baseURL\` must be an http(s) URL such as 'https://api.openai.com/v1', got ${String(baseURL)}`);
  }
  if (apiKey !== undefined && typeof apiKey !== 'string') throw new TypeError('createAssistantsClient: `apiKey` must be a string');
  checkHeaders('createAssistantsClient', headers);
  if (query !== undefined && (typeof query !== 'object' || query === null || Object.values(query).some((v) => typeof v !== 'string'))) {
    throw new TypeError('createAssistantsClient: `query` must be an object of string values');
  }
  if (fetch !== undefined && typeof fetch !== 'function') throw new TypeError('createAssistantsClient: `fetch` must be a function');
  checkSignal('createAssistantsClient', signal);
  return options;
}

function checkRequestOptions(method: string, options: RequestOptions): void {
  if (typeof options !== 'object' || options === null) throw new TypeError(`${method}: \`options\` must be an object`);
  checkHeaders(method, options.headers);
  checkSignal(method, options.signal);
}

function checkHeaders(where: string, headers: unknown): void {
  if (headers === undefined) return;
  const ok =
    typeof headers === 'object' &&
    headers !== null &&
    !Array.isArray(headers) &&
    Object.values(headers).every((v) => typeof v === 'string' || v === null || v === undefined);
  if (!ok) throw new TypeError(`${where}: \`headers\` must be an object of string (or null) values`);
}

function checkSignal(where: string, signal: unknown): void {
  const ok = signal === undefined || (typeof signal === 'object' && signal !== null && typeof (signal as AbortSignal).addEventListener === 'function' && 'aborted' in signal);
  if (!ok) throw new TypeError(`${where}: \`signal\` must be an AbortSignal`);
}

function checkBody<T>(method: string, body: T): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new TypeError(`${method}: \`body\` must be an object`);
  return body;
}

function segment(method: string, name: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new TypeError(`${method}: \`${name}\` must be a non-empty string, got ${String(value)}`);
  return encodeURIComponent(value);
}
