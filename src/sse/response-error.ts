import { AssistantStreamError, excerpt, type ServerErrorBody } from '../errors';

/**
 * The parts of a fetch `Response` the library reads (structural, so any fetch implementation fits).
 *
 * @example
 * ```ts
 * import { assistantEvents, type ResponseLike } from 'rx-assistant-stream';
 *
 * const response: ResponseLike = await fetch(url, init); // the global fetch, undici, node-fetch v3, a polyfill...
 * assistantEvents(response).subscribe(console.log);
 * ```
 */
export interface ResponseLike {
  ok: boolean;
  status: number;
  statusText?: string;
  headers: { get(name: string): string | null };
  body: ReadableStream<Uint8Array> | null;
  text(): Promise<string>;
}

/** Reads `{ error: { message, type, code, param } }` (or a bare error object) out of a JSON body, if it is one. */
export function parseServerError(body: string): ServerErrorBody | undefined {
  try {
    const json: unknown = JSON.parse(body);
    if (typeof json !== 'object' || json === null) return undefined;
    const inner = (json as { error?: unknown }).error ?? json;
    if (typeof inner !== 'object' || inner === null) return undefined;
    const { message, type, code, param } = inner as Record<string, unknown>;
    if (typeof message !== 'string') return undefined;
    const error: ServerErrorBody = { message };
    if (typeof type === 'string' || type === null) error.type = type;
    if (typeof code === 'string' || code === null) error.code = code;
    else if (typeof code === 'number') error.code = String(code);
    if (typeof param === 'string' || param === null) error.param = param;
    return error;
  } catch {
    return undefined;
  }
}

/**
 * Checks that a response is a 2xx `text/event-stream`; otherwise resolves to the `http_error` to report,
 * with the status and the server's error body when it has one.
 */
export async function responseError(response: ResponseLike): Promise<AssistantStreamError | undefined> {
  const type = response.headers.get('content-type');
  const isEventStream = type === null || type.toLowerCase().includes('text/event-stream');
  if (response.ok && isEventStream) return undefined;
  let body = '';
  try {
    body = await response.text();
  } catch {
    // The body is only read to explain the error; a failure to read it leaves the status to speak.
  }
  const serverError = parseServerError(body);
  const why = response.ok
    ? `expected a text/event-stream body, got ${type}`
    : `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  const message = serverError ? `${why}: ${serverError.message}` : why;
  return new AssistantStreamError('http_error', message, {
    status: response.status,
    ...(serverError ? { serverError } : {}),
    ...(body ? { excerpt: excerpt(body, 200) } : {}),
  });
}
