import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServerErrorBody } from '../errors';
import { createScenarioPlayer, isDoneFrame, type MockScenario, type ScenarioAnswer, type ScenarioPlayer, type ScenarioRequest } from './mock-scenarios';

/**
 * A failure the mock server plays on demand:
 * - `http`: answers with `status` and a JSON `{ error: { message, type, param, code } }` body instead of a stream;
 * - `event-error`: streams `afterEvents` frames (default 3), then an `event: error` frame, and ends without `done`;
 * - `cut`: streams the first `afterBytes` bytes, then destroys the connection.
 *
 * @example
 * ```ts
 * import { startMockServer, type MockFailure } from 'rx-assistant-stream/node';
 *
 * const rateLimited: MockFailure = {
 *   type: 'http',
 *   status: 429,
 *   error: { message: 'Rate limit reached for gpt-4o-mini.', type: 'requests', code: 'rate_limit_exceeded' },
 * };
 * const serverErrorMidRun: MockFailure = { type: 'event-error', afterEvents: 5 };
 * const droppedConnection: MockFailure = { type: 'cut', afterBytes: 700 };
 *
 * const server = await startMockServer({ failure: rateLimited });
 * // ... assert the 429 is an `http_error` with `status` 429, then the next failure:
 * server.configure({ failure: droppedConnection });
 * ```
 */
export type MockFailure =
  | { type: 'http'; status: number; error?: Partial<ServerErrorBody> }
  | { type: 'event-error'; afterEvents?: number; error?: Partial<ServerErrorBody> }
  | { type: 'cut'; afterBytes: number };

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
  /** CORS headers on every answer and OPTIONS preflights (so a page on another localhost port can call it). Default `true`. */
  cors?: boolean;
  /** Told one line per request (method, path, status, what was played), for a CLI. */
  log?: (line: string) => void;
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
 * The endpoint a request hit.
 *
 * @example
 * ```ts
 * import type { MockEndpoint, MockServer } from 'rx-assistant-stream/node';
 *
 * // How many times each endpoint was called: after one tool round, { createRun: 1, submitToolOutputs: 1 }.
 * function callsByEndpoint(server: MockServer): Partial<Record<MockEndpoint, number>> {
 *   const counts: Partial<Record<MockEndpoint, number>> = {};
 *   for (const { endpoint } of server.requests) counts[endpoint] = (counts[endpoint] ?? 0) + 1;
 *   return counts;
 * }
 * ```
 */
export type MockEndpoint = 'createRun' | 'createThreadAndRun' | 'submitToolOutputs' | 'preflight' | 'other';

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
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (`undefined` when there was none or it was not JSON). */
  body: unknown;
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
  /** Every request so far (the last 1000), oldest first. */
  readonly requests: readonly MockRequest[];
  /** How many answers are still being sent. */
  openRequests(): number;
  /** Changes what is played from the next request on (the scenario's state starts over when it is replaced). */
  configure(options: Omit<MockServerOptions, 'port' | 'host'>): void;
  /** Stops listening, drops every connection (streams in progress included) and resolves when closed. */
  close(): Promise<void>;
}

const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|localhost)$/;
const MAX_BODY = 1024 * 1024;
const MAX_LOG = 1000;

/**
 * Starts a local Assistants-compatible server (node:http, loopback only) that streams runs as SSE on the run
 * endpoints: `POST /threads/runs`, `POST /threads/{thread_id}/runs` and
 * `POST /threads/{thread_id}/runs/{run_id}/submit_tool_outputs`, at the root and under `/v1`. It plays a built-in run
 * (`'text'`, `'tools'` that pauses at `requires_action` and answers the submitted outputs, `'code'`) or recorded
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
 * @param options `port` (default 0), `host` (default `127.0.0.1`), `scenario`, `chunkSize`, `pacing`, `failure`, `cors`, `log`.
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
      if (!res.headersSent) sendError(res, 500, { message: `Mock server failure: ${(error as Error)?.message ?? String(error)}`, type: 'server_error' }, settings.cors);
      else res.destroy();
    });
  });

  function track(req: IncomingMessage, res: ServerResponse): MockRequest {
    let resolveEnded!: (end: MockRequestEnd) => void;
    const record: MockRequest = {
      index: count++,
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      endpoint: 'other',
      headers: req.headers,
      body: undefined,
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

  async function handle(req: IncomingMessage, res: ServerResponse, record: MockRequest): Promise<void> {
    const { cors } = settings;
    if (req.method === 'OPTIONS') {
      record.endpoint = 'preflight';
      res.writeHead(204, {
        ...corsHeaders(cors),
        ...(cors
          ? {
              'Access-Control-Allow-Methods': 'POST, OPTIONS',
              'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? 'Authorization, Content-Type, Accept, OpenAI-Beta',
              'Access-Control-Max-Age': '600',
            }
          : {}),
      });
      res.end();
      return;
    }
    const route = routeOf(req.url ?? '/');
    if (!route) {
      settings.log?.(`${req.method} ${req.url} 404`);
      return sendError(res, 404, { message: `Unknown path ${req.url}: the mock server answers the run endpoints only.`, type: 'invalid_request_error' }, cors);
    }
    record.endpoint = route.endpoint;
    if (req.method !== 'POST') return sendError(res, 405, { message: `Use POST for ${route.endpoint}.`, type: 'invalid_request_error' }, cors);

    const text = await readBody(req);
    if (text === undefined) return sendError(res, 413, { message: 'The request body is too large.', type: 'invalid_request_error' }, cors);
    let body: unknown;
    try {
      body = text === '' ? {} : JSON.parse(text);
    } catch {
      return sendError(res, 400, { message: 'We could not parse the JSON body of your request.', type: 'invalid_request_error' }, cors);
    }
    record.body = body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return sendError(res, 400, { message: 'The request body must be a JSON object.', type: 'invalid_request_error' }, cors);
    }
    if ((body as { stream?: unknown }).stream !== true) {
      return sendError(res, 400, { message: 'The mock server only streams: send `"stream": true`.', type: 'invalid_request_error', param: 'stream' }, cors);
    }

    const current = settings;
    const failure = typeof current.failure === 'function' ? current.failure(record) : current.failure;
    if (failure?.type === 'http') {
      const status = failure.status;
      current.log?.(`POST ${req.url} ${status} (failure)`);
      return sendError(res, status, { message: `Mock failure: HTTP ${status}.`, type: status >= 500 ? 'server_error' : 'invalid_request_error', ...failure.error }, cors);
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
      return sendError(res, answer.status, answer.error, cors);
    }
    let frames = answer.frames;
    if (failure?.type === 'event-error') {
      const ahead = frames.length > 0 && isDoneFrame(frames[frames.length - 1]!) ? frames.length - 1 : frames.length;
      const error = { message: 'The server had an error processing your request. (mock failure)', type: 'server_error', param: null, code: null, ...failure.error };
      frames = [...frames.slice(0, Math.min(failure.afterEvents ?? 3, ahead)), `event: error\ndata: ${JSON.stringify({ error })}\n\n`];
    }
    let chunks = chunksOf(frames, current.chunkSize);
    const cutAt = failure?.type === 'cut' ? failure.afterBytes : undefined;
    if (cutAt !== undefined) chunks = truncate(chunks, cutAt);

    current.log?.(`POST ${req.url} 200 ${route.endpoint}: ${frames.length} frames${failure ? ` (${failure.type} failure)` : ''}`);
    res.writeHead(200, {
      ...corsHeaders(cors),
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache',
    });
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
  cors: boolean;
  log: ((line: string) => void) | undefined;
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
  };
}

function checkOptions<T extends MockServerOptions>(options: T): T {
  if (typeof options !== 'object' || options === null) throw new TypeError('startMockServer: `options` must be an object');
  const { chunkSize, pacing, failure, cors, log } = options;
  if (chunkSize !== undefined && (!Number.isInteger(chunkSize) || chunkSize < 1)) {
    throw new TypeError(`startMockServer: \`chunkSize\` must be a positive integer of bytes, got ${String(chunkSize)}`);
  }
  if (pacing !== undefined && (typeof pacing !== 'number' || !(pacing >= 0) || !Number.isFinite(pacing))) {
    throw new TypeError(`startMockServer: \`pacing\` must be a number of milliseconds >= 0, got ${String(pacing)}`);
  }
  if (failure !== undefined && typeof failure !== 'function') checkFailure(failure);
  if (cors !== undefined && typeof cors !== 'boolean') throw new TypeError('startMockServer: `cors` must be a boolean');
  if (log !== undefined && typeof log !== 'function') throw new TypeError('startMockServer: `log` must be a function');
  return options;
}

function checkFailure(failure: MockFailure): void {
  const f = failure as Partial<Record<string, unknown>> | null;
  const ok =
    typeof f === 'object' &&
    f !== null &&
    ((f['type'] === 'http' && Number.isInteger(f['status']) && (f['status'] as number) >= 400 && (f['status'] as number) <= 599) ||
      (f['type'] === 'event-error' && (f['afterEvents'] === undefined || (Number.isInteger(f['afterEvents']) && (f['afterEvents'] as number) >= 0))) ||
      (f['type'] === 'cut' && Number.isInteger(f['afterBytes']) && (f['afterBytes'] as number) >= 0));
  if (!ok) {
    throw new TypeError(
      `startMockServer: \`failure\` must be { type: 'http', status: 400..599 }, { type: 'event-error', afterEvents? } or { type: 'cut', afterBytes }, got ${JSON.stringify(failure)}`,
    );
  }
}

interface Route {
  endpoint: 'createRun' | 'createThreadAndRun' | 'submitToolOutputs';
  threadId?: string;
  runId?: string;
}

function routeOf(url: string): Route | undefined {
  const path = url.split('?')[0]!.replace(/^\/v1(?=\/)/, '').replace(/\/+$/, '');
  const parts = path.split('/').slice(1).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  if (parts.length === 2 && parts[0] === 'threads' && parts[1] === 'runs') return { endpoint: 'createThreadAndRun' };
  if (parts.length === 3 && parts[0] === 'threads' && parts[1] && parts[2] === 'runs') return { endpoint: 'createRun', threadId: parts[1] };
  if (parts.length === 5 && parts[0] === 'threads' && parts[1] && parts[2] === 'runs' && parts[3] && parts[4] === 'submit_tool_outputs') {
    return { endpoint: 'submitToolOutputs', threadId: parts[1], runId: parts[3] };
  }
  return undefined;
}

function corsHeaders(cors: boolean): Record<string, string> {
  return cors ? { 'Access-Control-Allow-Origin': '*' } : {};
}

function sendError(res: ServerResponse, status: number, error: Partial<ServerErrorBody> & { message: string }, cors: boolean): void {
  const body = JSON.stringify({ error: { message: error.message, type: error.type ?? 'invalid_request_error', param: error.param ?? null, code: error.code ?? null } }, null, 2);
  res.writeHead(status, { ...corsHeaders(cors), 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** The body as text, or `undefined` past {@link MAX_BODY} bytes. */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req as AsyncIterable<Buffer>) {
    size += part.length;
    if (size > MAX_BODY) return undefined;
    parts.push(part);
  }
  return Buffer.concat(parts).toString('utf8');
}

function chunksOf(frames: string[], chunkSize: number | undefined): Buffer[] {
  if (chunkSize === undefined) return frames.map((frame) => Buffer.from(frame, 'utf8'));
  const all = Buffer.from(frames.join(''), 'utf8');
  const chunks: Buffer[] = [];
  for (let i = 0; i < all.length; i += chunkSize) chunks.push(all.subarray(i, i + chunkSize));
  return chunks;
}

function truncate(chunks: Buffer[], bytes: number): Buffer[] {
  const kept: Buffer[] = [];
  let left = bytes;
  for (const chunk of chunks) {
    if (left <= 0) break;
    kept.push(chunk.length <= left ? chunk : chunk.subarray(0, left));
    left -= chunk.length;
  }
  return kept;
}

/** Writes the chunks, paced; resolves `false` as soon as the connection closes under it. */
async function writeChunks(res: ServerResponse, chunks: Buffer[], pacing: number): Promise<boolean> {
  for (let i = 0; i < chunks.length; i++) {
    if (res.destroyed) return false;
    const flushed = res.write(chunks[i]);
    if (!flushed && !(await waitFor(res, 'drain'))) return false;
    if (i < chunks.length - 1 && !(await pause(res, pacing))) return false;
  }
  return !res.destroyed;
}

/** Waits for an event of the response, or its close (then resolves `false`). */
function waitFor(res: ServerResponse, event: 'drain'): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (ok: boolean) => () => {
      res.off(event, onEvent);
      res.off('close', onClose);
      resolve(ok);
    };
    const onEvent = done(true);
    const onClose = done(false);
    res.once(event, onEvent);
    res.once('close', onClose);
  });
}

/** `pacing` ms (or a turn of the event loop when 0), cut short by the connection's close. */
function pause(res: ServerResponse, ms: number): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onClose = () => {
      if (ms > 0) clearTimeout(timer as ReturnType<typeof setTimeout>);
      else clearImmediate(timer as ReturnType<typeof setImmediate>);
      resolve(false);
    };
    const resume = () => {
      res.off('close', onClose);
      resolve(!res.destroyed);
    };
    const timer = ms > 0 ? setTimeout(resume, ms) : setImmediate(resume);
    res.once('close', onClose);
  });
}
