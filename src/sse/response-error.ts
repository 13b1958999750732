import { httpError, type AssistantStreamError } from '../errors';

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
  /** Whether the body was already read (a `Response` can be read once). */
  bodyUsed?: boolean;
  text(): Promise<string>;
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
  const why = response.ok
    ? `expected a text/event-stream body, got ${type}`
    : `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  return httpError(why, { status: response.status, body });
}
