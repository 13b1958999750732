import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServerErrorBody } from '../errors';
import { checkFailure, httpFailureBody, truncate, withEventError, type MockFailure } from './mock-failures';
import {
  missingApiVersion,
  routeOf,
  unauthorized,
  type ErrorAnswer,
  type MockDialect,
  type MockEndpoint,
  type Route,
} from './mock-router';
import {
  createScenarioPlayer,
  type MockScenario,
  type ScenarioAnswer,
  type ScenarioPlayer,
  type ScenarioRequest,
} from './mock-scenarios';
import { chunksOf, corsHeaders, readBody, sendJson, sendPreflight, writeChunks, type CorsPolicy } from './mock-transport';

export type { MockFailure } from './mock-failures';
export type { MockDialect, MockEndpoint } from './mock-router';
export type { CorsPolicy } from './mock-transport';

/**
 * Options of {@link startMockServer}; all but `port` and `host` can be changed later with `configure`.
 *
 * @example
 * ```ts
 * import { startMockServer, type MockServerOptions } from 'rx-assistant-stream/node';
 *
 * // A flaky server: every first attempt at a new thread gets a 503, a retry gets a slow, finely chunked stream.
 * const attempted = new Set<string>();
 * const options: MockServerOptions = {
 *   port: 4010,
 *   scenario: { type: 'text', text: 'Answered after a retry.' },
 *   chunkSize: 16,
 *   pacing: 20,
 *   failure: (request) => {
 *     if (request.endpoint !== 'createRun' || attempted.has(request.path)) return undefined;
 *     attempted.add(request.path);
 *     return { type: 'http', status: 503, error: { message: 'The engine is currently overloaded.' } };
 *   },
 *   log: (line) => console.log(`[mock] ${line}`),
 * };
 * const server = await startMockServer(options); // baseURL http://127.0.0.1:4010/v1
 * ```
 */
export interface MockServerOptions {
  /** The port; default `0` (any free port, see `url`). */
  port?: number;
  /** The interface: loopback only (`127.0.0.1`, the default, `::1` or `localhost`). */
  host?: string;
  /** What to play: `'text'` (default), `'tools'`, `'code'`, a configured scenario or a transcript. */
  scenario?: MockScenario;
  /** Bytes per write, cut anywhere (inside UTF-8 characters too). Default: one write per SSE frame. */
  chunkSize?: number;
  /** Milliseconds between writes. Default `0`. */
  pacing?: number;
  /** A failure to play, for every run request or as chosen per request by a function. */
  failure?: MockFailure | ((request: MockRequest) => MockFailure | undefined);
  /**
   * CORS answers (so a page on another localhost port can call it): `true` (the default) for loopback origins only
   * (`http://localhost:4200`, `http://127.0.0.1:5173`, `http://[::1]:8080`), `'*'` for any origin, `false` for none.
   */
  cors?: CorsPolicy;
  /** Told one line per request (method, path, status, what was played), for a CLI. */
  log?: (line: string) => void;
  /**
   * Require `Authorization: Bearer <token>` on the run endpoints: the token itself, or a check of each token (a token
   * credential's rotation, say). Without it (the default), any or no authorization is accepted.
   */
  bearerToken?: string | ((token: string) => boolean);
}

/**
 * How a request's answer ended: sent whole, closed by the client first, or cut on purpose (a `cut` failure).
 *
 * @example
 * ```ts
 * import { startMockServer, type MockRequestEnd } from 'rx-assistant-stream/node';
 * import { createAssistantsClient } from 'rx-assistant-stream';
 * import assert from 'node:assert/strict';
 *
 * // Unsubscribing mid-stream must drop the connection, not leave the server writing to nobody.
 * const server = await startMockServer({ chunkSize: 8, pacing: 20 });
 * const client = createAssistantsClient({ baseURL: server.baseURL });
 * const subscription = client.createRun('thread_1', { assistant_id: 'asst_1' }).subscribe();
 * await new Promise((resolve) => setTimeout(resolve, 200));
 * subscription.unsubscribe();
 * const end: MockRequestEnd = await server.requests[0]!.ended;
 * assert.equal(end, 'client-closed');
 * await server.close();
 * ```
 */
export type MockRequestEnd = 'finished' | 'client-closed' | 'cut';

/**
 * One request the mock server received.
 *
 * @example
 * ```ts
 * import { startMockServer, type MockRequest } from 'rx-assistant-stream/node';
 * import { createAssistantsClient } from 'rx-assistant-stream';
 * import { lastValueFrom } from 'rxjs';
 * import assert from 'node:assert/strict';
 *
 * // What did the client actually send?
 * const server = await startMockServer();
 * const client = createAssistantsClient({ baseURL: server.baseURL, apiKey: 'sk-test', query: { 'api-version': '2024-05-01-preview' } });
 * await lastValueFrom(client.createRun('thread_1', { assistant_id: 'asst_1', temperature: 0.2 }));
 * const request: MockRequest | undefined = server.requests.find((r) => r.endpoint === 'createRun');
 * assert.equal(request?.path, '/v1/threads/thread_1/runs?api-version=2024-05-01-preview');
 * assert.equal(request?.headers.authorization, 'Bearer sk-test');
 * assert.deepEqual(request?.body, { assistant_id: 'asst_1', temperature: 0.2, stream: true });
 * await server.close();
 * ```
 */
export interface MockRequest {
  /** Its rank, from 0. */
  index: number;
  method: string;
  /** The path, query included, as requested. */
  path: string;
  endpoint: MockEndpoint;
  /** Whose paths it used: OpenAI's (`/v1/threads/...`) or Azure's (`/api/projects/{project}/threads/...`). */
  dialect: MockDialect;
  headers: IncomingHttpHeaders;
  /**
   * The parsed JSON body: `undefined` when there was none, it was not JSON, or it was over 16 KiB (the log keeps
   * summaries, not whole bodies: see `bodyBytes`).
   */
  body: unknown;
  /** The size of the body in bytes. */
  bodyBytes: number;
  /** The HTTP status of the answer, once sent (`undefined` before). */
  status: number | undefined;
  /** `'open'` while the answer is being sent, then how it ended. */
  state: 'open' | MockRequestEnd;
  /** Resolves when the answer is over (the connection's `close` for a stream the client drops). */
  ended: Promise<MockRequestEnd>;
}

/**
 * A running mock server.
 *
 * @example
 * ```ts
 * import { after, before, test } from 'node:test';
 * import assert from 'node:assert/strict';
 * import { lastValueFrom, toArray } from 'rxjs';
 * import { startMockServer, type MockServer } from 'rx-assistant-stream/node';
 * import { createAssistantsClient, textDeltas } from 'rx-assistant-stream';
 *
 * let server: MockServer;
 * before(async () => {
 *   server = await startMockServer({ scenario: { type: 'text', text: 'Hello!' } });
 * });
 * after(() => server.close());
 *
 * test('streams the answer', async () => {
 *   const client = createAssistantsClient({ baseURL: server.baseURL });
 *   const fragments = await lastValueFrom(client.createRun('thread_1', { assistant_id: 'asst_1' }).pipe(textDeltas(), toArray()));
 *   assert.equal(fragments.join(''), 'Hello!');
 * });
 *
 * test('surfaces a 500', async () => {
 *   server.configure({ failure: { type: 'http', status: 500 } });
 *   const client = createAssistantsClient({ baseURL: server.baseURL });
 *   await assert.rejects(lastValueFrom(client.createRun('thread_1', { assistant_id: 'asst_1' })), { code: 'http_error', status: 500 });
 * });
 * ```
 */
export interface MockServer {
  /** The root URL: `http://127.0.0.1:PORT`. The endpoints answer at the root and under `/v1`. */
  readonly url: string;
  /** `url` + `/v1`: the `baseURL` for `createAssistantsClient` or `new OpenAI(...)`. */
  readonly baseURL: string;
  readonly port: number;
  /** The last 500 requests, oldest first (summaries: a body over 16 KiB is not kept). */
  readonly requests: readonly MockRequest[];
  /** How many answers are still being sent. */
  openRequests(): number;
  /** Changes what is played from the next request on (the scenario's state starts over when it is replaced). */
  configure(options: Omit<MockServerOptions, 'port' | 'host'>): void;
  /** Stops listening, drops every connection (streams in progress included) and resolves when closed. */
  close(): Promise<void>;
}

const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|localhost)$/;
/** The largest request body answered (larger: 413, on the same keep-alive connection). */
const MAX_BODY = 1024 * 1024;
/** Requests kept in `requests`. */
const MAX_LOG = 500;
/** The largest body kept in the request log. */
const MAX_LOGGED_BODY = 16 * 1024;

/**
 * Starts a local Assistants-compatible server (node:http, loopback only) that streams runs as SSE on the run
 * endpoints: `POST /threads/runs`, `POST /threads/{thread_id}/runs` and
 * `POST /threads/{thread_id}/runs/{run_id}/submit_tool_outputs`, at the root and under `/v1`, and as Azure AI Agents
 * does under `/api/projects/{project}` (there `?api-version=` is required, as Azure answers: HTTP 400 without it). It
 * plays a built-in run (`'text'`, `'tools'` that pauses at `requires_action` and answers the submitted outputs,
 * `'code'`, and Azure's `'azure-mcp'` that asks for an approval, `'azure-connected-agent'`, `'azure-bing'`) or recorded
 * transcripts, in chunks of any size and pace, with failures on demand (an HTTP error, a mid-stream `event: error`,
 * a cut connection). It is what integration tests use and what a front end can call while developing.
 *
 * @example
 * ```ts
 * import { startMockServer } from 'rx-assistant-stream/node';
 * import { createAssistantsClient, runWithTools } from 'rx-assistant-stream';
 *
 * const server = await startMockServer({ scenario: 'tools', chunkSize: 7, pacing: 5 });
 * const client = createAssistantsClient({ baseURL: server.baseURL, apiKey: 'test' });
 * runWithTools(client.createRun('thread_1', { assistant_id: 'asst_1' }), { client, handlers: { get_weather: () => ({ celsius: 18 }) } })
 *   .subscribe({ next: (e) => console.log(e.event), complete: () => server.close() });
 * ```
 *
 * @param options `port` (default 0), `host` (default `127.0.0.1`), `scenario`, `chunkSize`, `pacing`, `failure`, `cors`, `log`, `bearerToken`.
 * @returns The running server: `url`, `baseURL`, `requests`, `openRequests()`, `configure()`, `close()`.
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const { port = 0, host = '127.0.0.1' } = checkOptions(options);
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new TypeError(`startMockServer: \`port\` must be an integer from 0 to 65535, got ${String(port)}`);
  }
  if (typeof host !== 'string' || !LOOPBACK.test(host)) {
    throw new TypeError(`startMockServer: \`host\` must be a loopback address (127.0.0.1, ::1, localhost), got ${String(host)}`);
  }

  let settings = settingsOf(options);
  const requests: MockRequest[] = [];
  let count = 0;
  let ids = 0;
  const open = new Set<MockRequest>();

  const server: Server = createServer((req, res) => {
    const record = track(req, res);
    handle(req, res, record).catch((error: unknown) => {
      if (res.headersSent || res.destroyed) res.destroy();
      else
        errorAnswer(res, record, 500, {
          message: `Mock server failure: ${(error as Error)?.message ?? String(error)}`,
          type: 'server_error',
        });
    });
  });

  function track(req: IncomingMessage, res: ServerResponse): MockRequest {
    let resolveEnded!: (end: MockRequestEnd) => void;
    const record: MockRequest = {
      index: count++,
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      endpoint: 'other',
      dialect: 'openai',
      headers: req.headers,
      body: undefined,
      bodyBytes: 0,
      status: undefined,
      state: 'open',
      ended: new Promise((resolve) => (resolveEnded = resolve)),
    };
    requests.push(record);
    if (requests.length > MAX_LOG) requests.shift();
    open.add(record);
    // A response's `close` before it finished is the client (or a cut) dropping the connection.
    res.on('close', () => {
      open.delete(record);
      if (record.state === 'open') record.state = res.writableFinished ? 'finished' : 'client-closed';
      resolveEnded(record.state as MockRequestEnd);
    });
    return record;
  }

  /** The CORS headers for this request's origin under the current policy. */
  const cors = (record: MockRequest) => corsHeaders(settings.cors, record.headers.origin);

  function errorAnswer(
    res: ServerResponse,
    record: MockRequest,
    status: number,
    error: Partial<ServerErrorBody> & { message: string },
  ): void {
    send(res, record, {
      status,
      body: {
        error: {
          message: error.message,
          type: error.type ?? 'invalid_request_error',
          param: error.param ?? null,
          code: error.code ?? null,
        },
      },
    });
  }

  function send(res: ServerResponse, record: MockRequest, answer: ErrorAnswer): void {
    record.status = answer.status;
    sendJson(res, answer.status, answer.body, cors(record));
  }

  async function handle(req: IncomingMessage, res: ServerResponse, record: MockRequest): Promise<void> {
    if (req.method === 'OPTIONS') {
      record.endpoint = 'preflight';
      record.status = 204;
      sendPreflight(req, res, settings.cors);
      return;
    }
    const route = routeOf(req.url ?? '/');
    if (!route) {
      settings.log?.(`${req.method} ${req.url} 404`);
      return errorAnswer(res, record, 404, {
        message: `Unknown path ${req.url}: the mock server answers the run endpoints only.`,
      });
    }
    record.endpoint = route.endpoint;
    record.dialect = route.dialect;
    if (req.method !== 'POST') return errorAnswer(res, record, 405, { message: `Use POST for ${route.endpoint}.` });
    const refused = missingApiVersion(route) ?? checkToken(route, record);
    if (refused) {
      settings.log?.(`POST ${req.url} ${refused.status}`);
      return send(res, record, refused);
    }

    const { text, bytes } = await readBody(req, MAX_BODY);
    record.bodyBytes = bytes;
    if (text === undefined) return errorAnswer(res, record, 413, { message: 'The request body is too large.' });
    let body: unknown;
    try {
      body = text === '' ? {} : JSON.parse(text);
    } catch {
      return errorAnswer(res, record, 400, { message: 'We could not parse the JSON body of your request.' });
    }
    if (bytes <= MAX_LOGGED_BODY) record.body = body;
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return errorAnswer(res, record, 400, { message: 'The request body must be a JSON object.' });
    if ((body as { stream?: unknown }).stream !== true) {
      return errorAnswer(res, record, 400, { message: 'The mock server only streams: send `"stream": true`.', param: 'stream' });
    }

    const current = settings;
    const failure = typeof current.failure === 'function' ? current.failure(record) : current.failure;
    if (failure?.type === 'http') {
      current.log?.(`POST ${req.url} ${failure.status} (failure)`);
      return errorAnswer(res, record, failure.status, httpFailureBody(failure));
    }

    ids++;
    const request: ScenarioRequest = {
      endpoint: route.endpoint,
      threadId: route.threadId ?? `thread_${ids}`,
      runId: route.runId ?? `run_${ids}`,
      body: body as Record<string, unknown>,
    };
    const answer: ScenarioAnswer = await current.player.answer(request);
    if ('status' in answer) {
      current.log?.(`POST ${req.url} ${answer.status}: ${answer.error.message}`);
      return errorAnswer(res, record, answer.status, answer.error);
    }
    const frames = failure?.type === 'event-error' ? withEventError(answer.frames, failure) : answer.frames;
    let chunks = chunksOf(frames, current.chunkSize);
    const cutAt = failure?.type === 'cut' ? failure.afterBytes : undefined;
    if (cutAt !== undefined) chunks = truncate(chunks, cutAt);

    current.log?.(`POST ${req.url} 200 ${route.endpoint}: ${frames.length} frames${failure ? ` (${failure.type} failure)` : ''}`);
    record.status = 200;
    res.writeHead(200, { ...cors(record), 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache' });
    res.flushHeaders();
    const sent = await writeChunks(res, chunks, current.pacing);
    if (!sent) return;
    if (cutAt !== undefined) {
      record.state = 'cut';
      res.destroy();
    } else {
      res.end();
    }
  }

  function checkToken(route: Route, record: MockRequest): ErrorAnswer | undefined {
    const expected = settings.bearerToken;
    if (expected === undefined) return undefined;
    const header = record.headers.authorization;
    const token = typeof header === 'string' && /^Bearer [^\s]+$/.test(header) ? header.slice('Bearer '.length) : undefined;
    const valid = token !== undefined && (typeof expected === 'function' ? expected(token) === true : token === expected);
    return valid ? undefined : unauthorized(route.dialect, header !== undefined);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    baseURL: `${url}/v1`,
    port: address.port,
    requests,
    openRequests: () => open.size,
    configure(patch) {
      settings = settingsOf({ ...settings.options, ...checkOptions(patch) });
    },
    close() {
      const pending = [...open].map((record) => record.ended);
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(async () => {
        await Promise.all(pending);
      });
      return closing;
    },
  };
}

interface Settings {
  options: Omit<MockServerOptions, 'port' | 'host'>;
  player: ScenarioPlayer;
  chunkSize: number | undefined;
  pacing: number;
  failure: MockServerOptions['failure'];
  cors: CorsPolicy;
  log: ((line: string) => void) | undefined;
  bearerToken: MockServerOptions['bearerToken'];
}

function settingsOf(options: MockServerOptions): Settings {
  const { port: _port, host: _host, ...rest } = options;
  return {
    options: rest,
    player: createScenarioPlayer(options.scenario),
    chunkSize: options.chunkSize,
    pacing: options.pacing ?? 0,
    failure: options.failure,
    cors: options.cors ?? true,
    log: options.log,
    bearerToken: options.bearerToken,
  };
}

function checkOptions<T extends MockServerOptions>(options: T): T {
  if (typeof options !== 'object' || options === null) throw new TypeError('startMockServer: `options` must be an object');
  const { chunkSize, pacing, failure, cors, log, bearerToken } = options;
  if (chunkSize !== undefined && (!Number.isInteger(chunkSize) || chunkSize < 1)) {
    throw new TypeError(`startMockServer: \`chunkSize\` must be a positive integer of bytes, got ${String(chunkSize)}`);
  }
  if (pacing !== undefined && (typeof pacing !== 'number' || !(pacing >= 0) || !Number.isFinite(pacing))) {
    throw new TypeError(`startMockServer: \`pacing\` must be a number of milliseconds >= 0, got ${String(pacing)}`);
  }
  if (failure !== undefined && typeof failure !== 'function') checkFailure(failure);
  if (cors !== undefined && typeof cors !== 'boolean' && cors !== '*')
    throw new TypeError("startMockServer: `cors` must be true (loopback origins), '*' or false");
  if (log !== undefined && typeof log !== 'function') throw new TypeError('startMockServer: `log` must be a function');
  if (
    bearerToken !== undefined &&
    typeof bearerToken !== 'function' &&
    (typeof bearerToken !== 'string' || bearerToken === '' || /\s/.test(bearerToken))
  ) {
    throw new TypeError('startMockServer: `bearerToken` must be a non-empty token without spaces, or a function that checks one');
  }
  return options;
}
