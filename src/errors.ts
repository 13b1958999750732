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
  /** A short, truncated excerpt of the faulty value or data. */
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
    super(message);
    this.code = code;
    if (context.event !== undefined) this.event = context.event;
    if (context.path !== undefined) this.path = context.path;
    if (context.expected !== undefined) this.expected = context.expected;
    if (context.excerpt !== undefined) this.excerpt = context.excerpt;
    if (context.status !== undefined) this.status = context.status;
    if (context.serverError !== undefined) this.serverError = context.serverError;
    if (context.cause !== undefined) this.cause = context.cause;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/** `JSON.stringify(value)` cut to `max` characters with an ellipsis, for error messages. */
export function excerpt(value: unknown, max = 80): string {
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
