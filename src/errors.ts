/**
 * What went wrong, as a closed set:
 * - `invalid_json`: an event's `data` is not JSON.
 * - `invalid_event`: an event's JSON does not match its schema (see `path`, `expected`).
 * - `invalid_delta`: a delta cannot be applied (an absurd `index`, a delta that contradicts its snapshot).
 * - `unknown_event`: an event name the library does not know, when asked to fail on them.
 * - `server_error`: the server sent `event: error` (see `serverError`).
 * - `http_error`: the HTTP answer was not a 2xx `text/event-stream` (see `status`, `serverError`).
 * - `network_error`: the request or the body failed under the library (see `cause`).
 * - `buffer_overflow`: one event outgrew `maxBufferSize`.
 * - `aborted`: the request was aborted by a signal the caller passed in.
 * - `tool_error`: a tool handler failed, is missing, or got arguments that are not JSON.
 *
 * @example
 * ```ts
 * import { AssistantStreamError, type AssistantStreamErrorCode } from 'rx-assistant-stream';
 *
 * const retryable: AssistantStreamErrorCode[] = ['network_error', 'server_error'];
 * const shouldRetry = (error: unknown) => error instanceof AssistantStreamError && retryable.includes(error.code);
 * ```
 */
export type AssistantStreamErrorCode =
  | 'invalid_json'
  | 'invalid_event'
  | 'invalid_delta'
  | 'unknown_event'
  | 'server_error'
  | 'http_error'
  | 'network_error'
  | 'buffer_overflow'
  | 'aborted'
  | 'tool_error';

/**
 * The error object a server sends in `event: error` frames and in non-2xx JSON bodies.
 *
 * @example
 * ```ts
 * import { assistantEvents, AssistantStreamError } from 'rx-assistant-stream';
 *
 * // event: error
 * // data: {"error":{"message":"Rate limit reached","type":"rate_limit_error","code":"rate_limit_exceeded"}}
 * assistantEvents(response).subscribe({
 *   error: (err) => {
 *     if (err instanceof AssistantStreamError && err.serverError) console.error(err.serverError.code, err.serverError.message);
 *   },
 * });
 * ```
 */
export interface ServerErrorBody {
  message: string;
  type?: string | null;
  code?: string | null;
  param?: string | null;
}

/**
 * The context an {@link AssistantStreamError} may carry.
 *
 * @example
 * ```ts
 * import { assistantEvents, AssistantStreamError } from 'rx-assistant-stream';
 *
 * assistantEvents(response).subscribe({
 *   error: (err) => {
 *     if (!(err instanceof AssistantStreamError)) throw err;
 *     // e.g. invalid_event thread.message.delta data.delta.content[0].index number "0"
 *     console.error(err.code, err.event, err.path, err.expected, err.excerpt);
 *   },
 * });
 * ```
 */
export interface AssistantStreamErrorContext {
  /** The SSE event name of the faulty event. */
  event?: string;
  /** The path of the first mismatch, from the event: `data.delta.content[0].index`. */
  path?: string;
  /** What the schema expected at `path`. */
  expected?: string;
  /**
   * A bounded excerpt (at most 200 characters) of the faulty data. This is payload data, possibly
   * a user's text: it is kept out of `message`, and shown only when you choose to (logs you control, `inspect`).
   */
  excerpt?: string;
  /** The HTTP status, for `http_error`. */
  status?: number;
  /** The server's own error, for `server_error` and `http_error` when the body had one. */
  serverError?: ServerErrorBody;
  /** The underlying error, if any. */
  cause?: unknown;
}

/**
 * The one error class of the library. Every failure reaches the Observable's error channel as one of these,
 * after every good event before it.
 *
 * The `message` names what went wrong and where, never the payload's text, and no message, `String(error)` or
 * `JSON.stringify(error)` carries URL credentials: userinfo and query values are redacted in the message, the excerpt and the server message.
 *
 * @example
 * ```ts
 * import { assistantEvents, AssistantStreamError } from 'rx-assistant-stream';
 *
 * assistantEvents(response).subscribe({
 *   error: (err) => {
 *     if (err instanceof AssistantStreamError && err.code === 'server_error') console.error(err.serverError?.message);
 *   },
 * });
 * ```
 */
export class AssistantStreamError extends Error implements AssistantStreamErrorContext {
  override readonly name = 'AssistantStreamError';
  readonly code: AssistantStreamErrorCode;
  readonly event?: string;
  readonly path?: string;
  readonly expected?: string;
  readonly excerpt?: string;
  readonly status?: number;
  readonly serverError?: ServerErrorBody;
  override readonly cause?: unknown;

  constructor(code: AssistantStreamErrorCode, message: string, context: AssistantStreamErrorContext = {}) {
    super(redactUrls(message));
    this.code = code;
    if (context.event !== undefined) this.event = context.event;
    if (context.path !== undefined) this.path = context.path;
    if (context.expected !== undefined) this.expected = context.expected;
    if (context.excerpt !== undefined) this.excerpt = redactUrls(context.excerpt);
    if (context.status !== undefined) this.status = context.status;
    if (context.serverError !== undefined) {
      this.serverError = { ...context.serverError, message: redactUrls(context.serverError.message) };
    }
    if (context.cause !== undefined) this.cause = context.cause;
    Object.setPrototypeOf(this, new.target.prototype);
  }

  /**
   * What `JSON.stringify(error)` writes: the code, the redacted message and the context; the `cause` only as its
   * redacted message (a cause may be a request object holding headers).
   *
   * @example
   * ```ts
   * import { AssistantStreamError } from 'rx-assistant-stream';
   *
   * const error = new AssistantStreamError('network_error', 'The request to https://x.test/v1?api-key=k failed');
   * JSON.stringify(error); // {"name":"AssistantStreamError","code":"network_error","message":"The request to https://x.test/v1?api-key=*** failed"}
   * ```
   */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, code: this.code, message: this.message };
    for (const key of ['event', 'path', 'expected', 'status', 'serverError', 'excerpt'] as const) {
      if (this[key] !== undefined) out[key] = this[key];
    }
    // Only the cause's kind: its message is another library's text (a credential's, a socket's) and may hold secrets.
    if (this.cause !== undefined) out['cause'] = this.cause instanceof Error ? this.cause.name : typeof this.cause;
    return out;
  }
}

/**
 * The longest `excerpt` an error carries, in characters.
 *
 * @example
 * ```ts
 * // internal (src/errors.ts), for the library's own modules
 * console.log(`error excerpts hold at most ${EXCERPT_LENGTH} characters of payload`);
 * ```
 */
export const EXCERPT_LENGTH = 200;

/**
 * `JSON.stringify(value)` cut to `max` characters with an ellipsis. For the `excerpt` field only: it is payload text.
 *
 * @example
 * ```ts
 * // internal (src/errors.ts), for the library's own modules
 * excerpt({ text: 'a long answer…' }, 10); // '{"text":"a…'
 * ```
 */
export function excerpt(value: unknown, max = EXCERPT_LENGTH): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (value === undefined) text = 'undefined';
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      // Too deep to stringify (a RangeError), circular, a BigInt: String() may throw too (a deep array, no prototype).
      try {
        text = String(value);
      } catch {
        text = Array.isArray(value) ? '[array]' : `[${typeof value}]`;
      }
    }
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * What kind of value came, for a message: its type and size, never its text. `got ${describeValue(v)}`.
 *
 * @example
 * ```ts
 * // internal (src/errors.ts), for the library's own modules
 * describeValue('secret text'); // 'a string (11 characters)'
 * describeValue([1, 2]); // 'an array (2 items)'
 * describeValue(undefined); // 'nothing'
 * ```
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return `a string (${plural(value.length, 'character')})`;
  if (Array.isArray(value)) return `an array (${plural(value.length, 'item')})`;
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The query parameters whose value is kept in a redacted URL: they tell versions apart and carry no secret. */
const PUBLIC_QUERY_PARAMETERS = new Set(['api-version']);

/** A URL with a scheme, or any word holding a query (`/threads?api-key=...`), up to the next space or quote. */
const URL_LIKE = /[a-z][a-z\d+.-]*:\/\/[^\s"'<>`]*|[^\s"'<>`?]*\?[^\s"'<>`]*/gi;

/**
 * `text` with every URL in it redacted: userinfo (`user:password@`) becomes `***@`, every query value but
 * `api-version` becomes `***`, a fragment becomes `#***`. Scheme, host, path and parameter names stay, to debug with.
 *
 * @example
 * ```ts
 * // internal (src/errors.ts), for the library's own modules
 * redactUrls('GET https://me:pw@x.openai.azure.com/runs?api-version=2025-05-01&api-key=abc failed');
 * // 'GET https://***@x.openai.azure.com/runs?api-version=2025-05-01&api-key=*** failed'
 * ```
 */
export function redactUrls(text: string): string {
  if (text.indexOf('?') === -1 && text.indexOf('://') === -1 && text.indexOf('#') === -1) return text;
  return text.replace(URL_LIKE, redactUrl);
}

function redactUrl(url: string): string {
  let rest = url;
  let fragment = '';
  const hash = rest.indexOf('#');
  if (hash !== -1) {
    fragment = hash === rest.length - 1 ? '#' : '#***';
    rest = rest.slice(0, hash);
  }
  let query = '';
  const mark = rest.indexOf('?');
  if (mark !== -1) {
    query = `?${rest
      .slice(mark + 1)
      .split('&')
      .map((pair) => {
        const equals = pair.indexOf('=');
        if (equals === -1 || equals === pair.length - 1) return pair;
        const name = pair.slice(0, equals);
        return PUBLIC_QUERY_PARAMETERS.has(name.toLowerCase()) ? pair : `${name}=***`;
      })
      .join('&')}`;
    rest = rest.slice(0, mark);
  }
  rest = rest.replace(/^([a-z][a-z\d+.-]*:\/\/)[^/@]*@/i, '$1***@');
  return `${rest}${query}${fragment}`;
}

// ---- Construction: every AssistantStreamError of the library is made in this module ----

/** Where a value departs from its schema: `path` from the event (`data.delta.content[0].index`), what was expected, what came. */
export interface Mismatch {
  path: string;
  expected: string;
  actual: unknown;
}

/** `Invalid "e" event at data.x: expected number, got a string (1 character)`. */
export function invalidEventError(event: string, mismatch: Mismatch, data: unknown): AssistantStreamError {
  const expected = mismatch.expected.length > 120 ? `${mismatch.expected.slice(0, 120)}…` : mismatch.expected;
  return new AssistantStreamError(
    'invalid_event',
    `Invalid ${quoteName(event)} event at ${mismatch.path}: expected ${expected}, got ${describeValue(mismatch.actual)}`,
    {
      event,
      path: mismatch.path,
      expected: mismatch.expected,
      excerpt: excerpt(data),
    },
  );
}

/** An event's `data` that is not JSON: where the parser stopped, never what it read. */
export function invalidJsonError(event: string, data: string, cause: unknown): AssistantStreamError {
  const position = /position (\d+)/.exec(cause instanceof Error ? cause.message : '')?.[1];
  const where = position === undefined ? '' : ` (error at position ${position})`;
  return new AssistantStreamError(
    'invalid_json',
    `Invalid JSON in ${quoteName(event)} event: got ${describeValue(data)} that is not JSON${where}`,
    {
      event,
      path: 'data',
      expected: 'JSON',
      excerpt: excerpt(data),
      cause,
    },
  );
}

/** An event name the library does not know, with `unknownEvents: 'error'`. */
export function unknownEventError(event: string | undefined, data: unknown): AssistantStreamError {
  return new AssistantStreamError(
    'unknown_event',
    `Unknown event ${event === undefined ? '(no event name)' : quoteName(event)}`,
    {
      ...(event === undefined ? {} : { event }),
      excerpt: excerpt(data),
    },
  );
}

/** The server's `event: error` (or an openai-node `APIError` without a status). */
export function serverErrorEvent(serverError: ServerErrorBody, data: unknown, cause?: unknown): AssistantStreamError {
  const kind = serverError.type ? ` (${serverError.type}${serverError.code ? `, ${serverError.code}` : ''})` : '';
  return new AssistantStreamError('server_error', `The server sent an error${kind}: ${serverError.message}`, {
    event: 'error',
    serverError,
    ...(data === undefined ? {} : { excerpt: excerpt(data) }),
    ...(cause === undefined ? {} : { cause }),
  });
}

/** A non-2xx answer, or a 2xx whose body is not an event stream: `why` is `HTTP 429 Too Many Requests` or the like. */
export function httpError(why: string, context: { status?: number; body?: unknown; cause?: unknown }): AssistantStreamError {
  const serverError = readServerError(context.body);
  const body =
    typeof context.body === 'string'
      ? context.body
      : context.body === undefined || context.body === null
        ? ''
        : excerpt(context.body);
  return new AssistantStreamError('http_error', serverError ? `${why}: ${serverError.message}` : why, {
    ...(context.status === undefined ? {} : { status: context.status }),
    ...(serverError ? { serverError } : {}),
    ...(body ? { excerpt: excerpt(body) } : {}),
    ...(context.cause === undefined ? {} : { cause: context.cause }),
  });
}

/** One event (or one line) grew past `maxBufferSize`. */
export function bufferOverflowError(maxBufferSize: number, cause?: unknown): AssistantStreamError {
  return new AssistantStreamError(
    'buffer_overflow',
    `An SSE event grew past maxBufferSize (${maxBufferSize} characters) without ending`,
    {
      ...(cause === undefined ? {} : { cause }),
    },
  );
}

/** The body ended inside a frame that has no data yet, or inside a line that starts no event. */
export function truncatedBodyError(event: string | undefined, where: 'before its data' | 'mid-line'): AssistantStreamError {
  if (where === 'mid-line')
    return new AssistantStreamError('invalid_event', 'The SSE body ended in the middle of a line that starts no event');
  return new AssistantStreamError(
    'invalid_event',
    `The SSE body ended inside ${event === undefined ? 'an' : `the ${quoteName(event)}`} event, before its data`,
    {
      ...(event === undefined ? {} : { event }),
    },
  );
}

/** A one-shot source (a Response, a ReadableStream, an iterator) subscribed a second time. */
export function readOnceError(what: string): AssistantStreamError {
  return new AssistantStreamError(
    'network_error',
    `${what} was already read: this body can be read once; share() the events or make the source in defer()`,
  );
}

/** A partial text that shrank: two responses mixed into one. */
export function shrankTextError(before: number, after: number): AssistantStreamError {
  return new AssistantStreamError(
    'network_error',
    `The response text shrank from ${before} to ${after} characters: not one response`,
  );
}

/**
 * An `invalid_delta` error: `Invalid delta at <path>: <why>`, naming the path and what was expected, with an excerpt
 * of the offending value when there is one.
 */
export function invalidDeltaError(path: string, why: string, expected: string, value?: unknown): AssistantStreamError {
  return new AssistantStreamError('invalid_delta', `Invalid delta at ${path}: ${why}`, {
    path,
    expected,
    ...(value === undefined ? {} : { excerpt: excerpt(value) }),
  });
}

/** A delta applied to the snapshot of another object (`kind`: `message`, `run step`). */
export function wrongSnapshotError(kind: string, deltaId: string, snapshotId: string): AssistantStreamError {
  return invalidDeltaError(
    'id',
    `delta for ${kind} "${deltaId}" applied to ${kind} "${snapshotId}"`,
    JSON.stringify(snapshotId),
    deltaId,
  );
}

// ---- The HTTP clients and the tool loop ----

/** Whether a value from the wire looks like an identifier (`call_1`, `get_weather`), safe to show in a message. */
function isIdentifierLike(value: unknown): value is string {
  return typeof value === 'string' && /^[\w.:@/-]{1,80}$/.test(value);
}

/** An identifier from the wire, quoted, for a message: shown if it looks like one, else described (never payload text). */
export function label(value: unknown): string {
  return isIdentifierLike(value) ? `"${value}"` : `(${describeValue(value)})`;
}

/** As {@link label}, without the quotes: `call_1`, `run_1`. */
export function plainLabel(value: unknown): string {
  return isIdentifierLike(value) ? value : `(${describeValue(value)})`;
}

/**
 * What failed, by kind and never by message: `a TypeError`, `a rejection with a string`. The message of an error
 * thrown by a credential or a headers function may hold a secret; it stays in `cause`.
 */
export function describeError(error: unknown): string {
  if (error instanceof Error)
    return `threw ${/^[A-Za-z_$][\w$]{0,60}$/.test(error.name) ? error.name : 'an Error'}, see \`cause\``;
  return `threw ${error === null ? 'null' : `a ${typeof error}`}`;
}

/** No `fetch` given and none global. */
export function noFetchError(origin: string): AssistantStreamError {
  return new AssistantStreamError('network_error', `No fetch available: pass \`fetch\` to ${origin}`);
}

/** A request aborted by its caller (`reason`: the signal's), or the `aborted` error that came as `cause`. */
export function abortedError(reason: unknown, cause: unknown = reason): AssistantStreamError {
  if (cause instanceof AssistantStreamError && cause.code === 'aborted') return cause;
  const why = reason instanceof Error ? `: ${reason.message}` : typeof reason === 'string' ? `: ${reason}` : '';
  return new AssistantStreamError('aborted', `The request was aborted${why}`, cause === undefined ? {} : { cause });
}

/** A headers function (or a credential) that failed: its own AssistantStreamError, or a network_error naming it. */
export function headersError(origin: string, error: unknown): AssistantStreamError {
  if (error instanceof AssistantStreamError) return error;
  return new AssistantStreamError(
    'network_error',
    `The \`headers\` function of ${origin} failed (${describeError(error)}); nothing was sent`,
    { cause: error },
  );
}

/** A headers function that returned something other than headers. */
export function badHeadersError(origin: string, headers: unknown): AssistantStreamError {
  return new AssistantStreamError(
    'network_error',
    `The \`headers\` function of ${origin} returned ${describeValue(headers)}, expected an object of string (or null) values; nothing was sent`,
  );
}

/** A credential that gave no token for `scope` (`what` it did instead, by kind); its own error stays in `cause`. */
export function noTokenError(origin: string, scope: string, what: string, cause?: unknown): AssistantStreamError {
  return new AssistantStreamError(
    'network_error',
    `${origin}: no token from \`credential.getToken('${scope}')\`, which ${what}; nothing was sent`,
    cause === undefined ? {} : { cause },
  );
}

/** The `thread.run.requires_action` event a tool-loop error is about. */
interface ActionEvent {
  event: string;
  data: { id: unknown };
}

/** A tool handler (or `approve`, `what`: `Approval`) that failed for a call; the call's arguments go in the excerpt. */
export function toolCallError(
  what: string,
  call: { name: unknown; id: unknown; args: unknown },
  run: { runId: unknown; event: string },
  cause: unknown,
): AssistantStreamError {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new AssistantStreamError(
    'tool_error',
    `${what} ${label(call.name)} (call ${plainLabel(call.id)}) of run ${plainLabel(run.runId)} failed: ${why}`,
    {
      event: run.event,
      ...(call.args === undefined ? {} : { excerpt: excerpt(call.args) }),
      cause,
    },
  );
}

/** MCP calls waiting for approval, and no way to give it (`noApprove`: no `approve` option, else no client method). */
export function approvalUnavailableError(
  event: ActionEvent,
  calls: readonly { id?: unknown; name?: unknown; server_label?: unknown }[],
  noApprove: boolean,
): AssistantStreamError {
  const shown = calls.slice(0, 5).map((call) => {
    const c = call as { id?: unknown; name?: unknown; server_label?: unknown } | null;
    return `${plainLabel(c?.id)}: ${label(c?.name)}${c?.server_label === undefined ? '' : ` on ${label(c.server_label)}`}`;
  });
  const more = calls.length > shown.length ? `, and ${calls.length - shown.length} more` : '';
  const why = noApprove ? 'runWithTools has no `approve` option' : 'the client has no `submitToolApprovals` method';
  const what = `${calls.length} tool call${calls.length === 1 ? '' : 's'}${calls.length === 0 ? '' : ` (${shown.join(', ')}${more})`}`;
  return new AssistantStreamError('tool_error', `Run ${plainLabel(event.data.id)} requires approval of ${what} and ${why}`, {
    event: event.event,
    excerpt: excerpt(calls),
  });
}

/** A `required_action` the tool loop cannot take (none, or of an unknown type). */
export function unknownActionError(event: ActionEvent, action: { type?: unknown } | null | undefined): AssistantStreamError {
  const type = typeof action === 'object' && action !== null ? action.type : undefined;
  const what = action === null || action === undefined ? 'no required_action' : `a required_action of type ${label(type)}`;
  return new AssistantStreamError(
    'tool_error',
    `Run ${plainLabel(event.data.id)} requires action with ${what}, which runWithTools cannot take`,
    { event: event.event, excerpt: excerpt(action) },
  );
}

/** A run that still requires action after `maxRounds` rounds of the tool loop. */
export function tooManyRoundsError(event: ActionEvent, maxRounds: number): AssistantStreamError {
  return new AssistantStreamError(
    'tool_error',
    `Run ${plainLabel(event.data.id)} requires action again after ${maxRounds} round${maxRounds === 1 ? '' : 's'} of tool calls (maxRounds is ${maxRounds})`,
    { event: event.event },
  );
}

/**
 * Whether a failure is a cancellation: a DOM `AbortError` (fetch, streams, `AbortSignal`) or openai-node's
 * `APIUserAbortError`. The one classification of aborts for every source and client.
 */
export function isAbortError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, constructor } = error as { name?: unknown; constructor?: { name?: unknown } };
  return name === 'AbortError' || constructor?.name === 'APIUserAbortError';
}

/**
 * A failure under the library (a source, a request, a body) as an {@link AssistantStreamError}: one already is
 * stays itself, an abort is `aborted`, anything else `network_error`. `what` names what failed: `The stream's source`.
 */
export function sourceError(error: unknown, what = "The stream's source"): AssistantStreamError {
  if (error instanceof AssistantStreamError) return error;
  const given = (error as { message?: unknown } | null)?.message;
  const message = typeof given === 'string' ? given : safeString(error);
  if (isAbortError(error)) return new AssistantStreamError('aborted', `The stream was aborted: ${message}`, { cause: error });
  const inner = (error as { cause?: { message?: unknown } } | null)?.cause;
  const detail = typeof inner?.message === 'string' && inner.message !== message ? ` (${inner.message})` : '';
  return new AssistantStreamError('network_error', `${what} failed: ${message}${detail}`, { cause: error });
}

/**
 * The one reader of server error bodies: `{ error: { message, type, code, param } }` or the bare error object, as
 * JSON text or already parsed. A numeric `code` (Azure sends `429`) is read as its string. `undefined` when the body
 * holds no error with a string `message`.
 */
export function readServerError(body: unknown): ServerErrorBody | undefined {
  let json = body;
  if (typeof body === 'string') {
    try {
      json = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  if (typeof json !== 'object' || json === null) return undefined;
  const inner = (json as { error?: unknown }).error ?? json;
  if (typeof inner !== 'object' || inner === null) return undefined;
  const { message, type, code, param } = inner as Record<string, unknown>;
  if (typeof message !== 'string') return undefined;
  const error: ServerErrorBody = { message };
  if (typeof type === 'string' || type === null) error.type = type;
  if (typeof code === 'string' || code === null) error.code = code;
  else if (typeof code === 'number' && Number.isFinite(code)) error.code = String(code);
  if (typeof param === 'string' || param === null) error.param = param;
  return error;
}

/** An event name for a message: quoted, and cut if a hostile server sent a huge one. */
function quoteName(name: string): string {
  return JSON.stringify(name.length > 60 ? `${name.slice(0, 60)}…` : name);
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return `[${typeof value}]`;
  }
}
