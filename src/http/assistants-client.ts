import type { Observable } from 'rxjs';
import type { AssistantEventsOptions } from '../decode/assistant-events';
import { badHeadersError } from '../errors';
import type { AssistantStreamEvent } from '../schema';
import {
  endpointURL,
  mergeHeaders,
  streamRequest,
  type FetchLike,
  type HeadersOption,
  type HeadersRequest,
  type HeadersSource,
} from './request';
import {
  checkBody,
  checkBodyArray,
  checkClientOptions,
  checkRequestOptions,
  checkRootURL,
  isHeaders,
  pathId,
} from './validation';

export type { FetchInit, FetchLike, HeadersOption, HeadersRequest, HeadersSource } from './request';

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
  /**
   * Extra headers, or overrides of the defaults (`OpenAI-Beta: assistants=v2`, `Accept`, `Content-Type`); `null`
   * removes one. A function (sync or async) is called once per request, just before it is sent: for tokens that
   * expire. If it throws or rejects, the stream fails with `network_error` and nothing is sent.
   */
  headers?: HeadersSource;
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
 * One answer to an approval request (Azure's `submit_tool_approval`): the call it answers, whether it may run, and
 * the headers to send on to the tool's server (its auth, say) when it may.
 *
 * @example
 * ```ts
 * import type { ToolApproval } from 'rx-assistant-stream';
 *
 * const approval: ToolApproval = { tool_call_id: 'call_mcp_1', approve: true, headers: { Authorization: `Bearer ${process.env.GITHUB_TOKEN}` } };
 * ```
 */
export interface ToolApproval {
  tool_call_id: string;
  approve: boolean;
  headers?: Record<string, string>;
}

/**
 * The body of an approval answer, `POST /threads/{thread_id}/runs/{run_id}/submit_tool_outputs` (the endpoint of the
 * tool outputs); `stream: true` is added by the client.
 *
 * @example
 * ```ts
 * import { textDeltas, type SubmitToolApprovalsBody } from 'rx-assistant-stream';
 *
 * // The run paused on `submit_tool_approval` for two MCP calls: run the search, refuse the deletion.
 * const body: SubmitToolApprovalsBody = {
 *   tool_approvals: [
 *     { tool_call_id: 'call_search', approve: true },
 *     { tool_call_id: 'call_delete', approve: false },
 *   ],
 * };
 * client.submitToolApprovals('thread_abc', 'run_abc', body).pipe(textDeltas()).subscribe((text) => process.stdout.write(text));
 * ```
 */
export interface SubmitToolApprovalsBody {
  tool_approvals: ToolApproval[];
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
 *   submitToolApprovals: (threadId, runId) => from(textRunEvents('Approved, done.', { threadId, runId })),
 * };
 * ```
 */
export interface AssistantsClient {
  /** `POST /threads/{threadId}/runs` with `stream: true`. */
  createRun(threadId: string, body: CreateRunBody, options?: RequestOptions): Observable<AssistantStreamEvent>;
  /** `POST /threads/runs` with `stream: true`. */
  createThreadAndRun(body: CreateThreadAndRunBody, options?: RequestOptions): Observable<AssistantStreamEvent>;
  /** `POST /threads/{threadId}/runs/{runId}/submit_tool_outputs` with `stream: true`. */
  submitToolOutputs(
    threadId: string,
    runId: string,
    body: SubmitToolOutputsBody,
    options?: RequestOptions,
  ): Observable<AssistantStreamEvent>;
  /** `POST /threads/{threadId}/runs/{runId}/submit_tool_outputs` with `stream: true` and `tool_approvals` (Azure's MCP approvals). */
  submitToolApprovals(
    threadId: string,
    runId: string,
    body: SubmitToolApprovalsBody,
    options?: RequestOptions,
  ): Observable<AssistantStreamEvent>;
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
 * @param options `baseURL` (required), `apiKey`, `headers` (an object, or a function called per request), `query`, `fetch`, `signal`, and the decoding options
 *   of {@link assistantEvents} (`mode`, `unknownEvents`, `onUnknownEvent`, `errorEvents`, `maxBufferSize`).
 * @returns The client: `createRun`, `createThreadAndRun`, `submitToolOutputs`, `submitToolApprovals`.
 */
export function createAssistantsClient(options: AssistantsClientOptions): AssistantsClient {
  const where = 'createAssistantsClient';
  checkClientOptions(where, options);
  const { baseURL, apiKey, headers, query, fetch, signal, ...decodeOptions } = options;
  checkRootURL(where, 'baseURL', baseURL, 'https://api.openai.com/v1');
  if (apiKey !== undefined && typeof apiKey !== 'string') throw new TypeError(`${where}: \`apiKey\` must be a string`);
  if (
    query !== undefined &&
    (typeof query !== 'object' || query === null || Object.values(query).some((v) => typeof v !== 'string'))
  ) {
    throw new TypeError(`${where}: \`query\` must be an object of string values`);
  }
  const defaults: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'text/event-stream',
    'OpenAI-Beta': 'assistants=v2',
    ...(apiKey === undefined ? {} : { Authorization: `Bearer ${apiKey}` }),
  };
  return clientOver({
    origin: where,
    url: (path) => endpointURL(baseURL, path, query),
    headers: (requestHeaders) => withClientHeaders(where, () => defaults, headers, requestHeaders),
    fetch,
    signal,
    decodeOptions,
  });
}

/** What a client is made of: how it builds URLs and headers, and what it fetches with. */
export interface ClientTransport {
  /** The factory's name, for messages. */
  origin: string;
  /** The URL of an endpoint path (`/threads/runs`), query included. */
  url: (path: string) => string;
  /** The headers of one request, given its own `headers` option: resolved per request (sync or async). */
  headers: (
    requestHeaders: HeadersOption | undefined,
  ) => (request: HeadersRequest) => Record<string, string> | PromiseLike<Record<string, string>>;
  fetch: FetchLike | undefined;
  signal: AbortSignal | undefined;
  decodeOptions: AssistantEventsOptions;
}

/** The four run endpoints over a transport: the arguments checked when called, each request sent on subscription. */
export function clientOver(transport: ClientTransport): AssistantsClient {
  const { origin, fetch, signal, decodeOptions } = transport;
  const post = (
    method: string,
    path: string,
    body: object,
    requestOptions: RequestOptions = {},
  ): Observable<AssistantStreamEvent> => {
    checkRequestOptions(method, requestOptions);
    return streamRequest({
      url: transport.url(path),
      body: JSON.stringify({ ...body, stream: true }),
      headers: transport.headers(requestOptions.headers),
      signals: [signal, requestOptions.signal].filter((s): s is AbortSignal => s !== undefined),
      fetch,
      decodeOptions,
      origin,
    });
  };
  const runPath = (method: string, threadId: unknown, runId: unknown) =>
    `/threads/${pathId(method, 'threadId', threadId)}/runs/${pathId(method, 'runId', runId)}/submit_tool_outputs`;

  return {
    createRun: (threadId, body, requestOptions) =>
      post(
        'createRun',
        `/threads/${pathId('createRun', 'threadId', threadId)}/runs`,
        checkBody('createRun', body),
        requestOptions,
      ),
    createThreadAndRun: (body, requestOptions) =>
      post('createThreadAndRun', '/threads/runs', checkBody('createThreadAndRun', body), requestOptions),
    submitToolOutputs: (threadId, runId, body, requestOptions) => {
      const path = runPath('submitToolOutputs', threadId, runId);
      checkBodyArray('submitToolOutputs', checkBody('submitToolOutputs', body), 'tool_outputs');
      return post('submitToolOutputs', path, body, requestOptions);
    },
    submitToolApprovals: (threadId, runId, body, requestOptions) => {
      const path = runPath('submitToolApprovals', threadId, runId);
      checkBodyArray('submitToolApprovals', checkBody('submitToolApprovals', body), 'tool_approvals');
      return post('submitToolApprovals', path, body, requestOptions);
    },
  };
}

/**
 * The headers of one request: the defaults, then the client's `headers` (a function is called now, once per
 * request), then the request's own. Synchronous when both the defaults and the client's headers are.
 */
export function withClientHeaders(
  origin: string,
  defaults: () => Record<string, string> | PromiseLike<Record<string, string>>,
  clientHeaders: HeadersSource | undefined,
  requestHeaders: HeadersOption | undefined,
): (request: HeadersRequest) => Record<string, string> | PromiseLike<Record<string, string>> {
  return (request) => {
    const merge = (base: Record<string, string>, client: unknown): Record<string, string> => {
      checkHeaderResult(origin, client);
      return mergeHeaders(base, client, requestHeaders);
    };
    // The client's function first: if it throws, no token is asked for.
    const client = typeof clientHeaders === 'function' ? clientHeaders(request) : clientHeaders;
    const base = defaults();
    if (isThenable(base) || isThenable(client)) return Promise.all([base, client]).then(([b, c]) => merge(b, c));
    return merge(base, client);
  };
}

function checkHeaderResult(origin: string, headers: unknown): asserts headers is HeadersOption | undefined {
  if (headers !== undefined && !isHeaders(headers)) {
    throw badHeadersError(origin, headers);
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as PromiseLike<unknown>).then === 'function'
  );
}
