import type { AssistantEventsOptions } from '../decode/assistant-events';
import { checkDecodeOptions } from '../decode/event-decoder';
import { describeValue, redactUrls } from '../errors';
import type { HeadersSource } from './request';

/** The options every client takes besides its own: where to fetch, what to send along, when to stop. */
export interface ClientCommonOptions extends AssistantEventsOptions {
  headers?: HeadersSource;
  fetch?: unknown;
  signal?: AbortSignal;
}

/**
 * Checks the options a client shares with every other client (`headers`, `fetch`, `signal`, the decoding
 * options) and returns them, or throws a `TypeError` that names the client and the option.
 *
 * @param where The function whose options these are, for the message: `createAssistantsClient`.
 * @param options What the caller passed (anything).
 */
export function checkClientOptions(where: string, options: unknown): asserts options is ClientCommonOptions {
  if (typeof options !== 'object' || options === null) throw new TypeError(`${where}: \`options\` must be an object`);
  const { headers, fetch, signal, ...rest } = options as ClientCommonOptions & Record<string, unknown>;
  checkHeadersSource(where, headers);
  if (fetch !== undefined && typeof fetch !== 'function') throw new TypeError(`${where}: \`fetch\` must be a function`);
  checkSignal(where, signal);
  const { maxBufferSize, mode, unknownEvents, onUnknownEvent, errorEvents } = rest as AssistantEventsOptions;
  // The decoding options are checked now, where they are passed (a TypeError on misuse), not at the first request.
  checkDecodeOptions({ mode, unknownEvents, onUnknownEvent, errorEvents }, where);
  if (
    maxBufferSize !== undefined &&
    !(typeof maxBufferSize === 'number' && maxBufferSize > 0 && Number.isFinite(maxBufferSize))
  ) {
    throw new TypeError(
      `${where}: \`maxBufferSize\` must be a positive number of characters, got ${describeValue(maxBufferSize)}`,
    );
  }
}

/**
 * Checks an http(s) URL option (`baseURL`, `endpoint`): a string, http or https, no query or fragment (those go
 * in `query`). The message shows the URL without its credentials.
 */
export function checkRootURL(where: string, name: string, value: unknown, example: string): string {
  if (typeof value !== 'string' || !/^https?:\/\/[^/?#]/i.test(value) || /[?#]/.test(value)) {
    const shown =
      typeof value === 'string'
        ? JSON.stringify(redactUrls(value.length > 200 ? `${value.slice(0, 200)}…` : value))
        : describeValue(value);
    const why =
      typeof value === 'string' && /[?#]/.test(value) ? ' without a query or fragment (query parameters go in `query`)' : '';
    throw new TypeError(`${where}: \`${name}\` must be an http(s) URL such as '${example}'${why}, got ${shown}`);
  }
  return value;
}

/** Checks per-request options (`signal`, `headers`). */
export function checkRequestOptions(where: string, options: unknown): void {
  if (typeof options !== 'object' || options === null) throw new TypeError(`${where}: \`options\` must be an object`);
  const { headers, signal } = options as { headers?: unknown; signal?: unknown };
  checkHeaders(where, headers);
  checkSignal(where, signal);
}

/** Checks a request body: a plain object. */
export function checkBody<T>(where: string, body: T): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new TypeError(`${where}: \`body\` must be an object`);
  return body;
}

/** Checks that `body[name]` is an array (`tool_outputs`, `tool_approvals`). */
export function checkBodyArray(where: string, body: object, name: string): void {
  if (!Array.isArray((body as Record<string, unknown>)[name])) throw new TypeError(`${where}: \`body.${name}\` must be an array`);
}

/**
 * An id that goes in a URL path (`threadId`, `runId`), encoded. An id that is not a non-empty string, that is `.`
 * or `..`, or that holds a `/` or `\` is a `TypeError`: it could address another resource than the one meant
 * (`../../files`), so nothing is sent.
 */
export function pathId(where: string, name: string, value: unknown): string {
  let why: string | undefined;
  if (typeof value !== 'string') why = `got ${describeValue(value)}`;
  else if (value === '') why = 'got an empty string';
  else if (value === '.' || value === '..') why = `got "${value}"`;
  else if (/[/\\]/.test(value)) why = `got a string with a "${value.includes('/') ? '/' : '\\'}" in it`;
  let encoded = '';
  try {
    if (why === undefined) encoded = encodeURIComponent(value as string);
  } catch {
    why = 'got a string that is not well-formed Unicode (a lone surrogate)'; // encodeURIComponent's URIError
  }
  if (why !== undefined)
    throw new TypeError(`${where}: \`${name}\` must be an id (a non-empty string, not "." or "..", without "/"), ${why}`);
  return encoded;
}

/** Checks `headers` given as an object of string (or null/undefined) values. */
export function checkHeaders(where: string, headers: unknown): void {
  if (headers === undefined) return;
  if (!isHeaders(headers)) throw new TypeError(`${where}: \`headers\` must be an object of string (or null) values`);
}

/** Checks `headers` given as an object or as a function returning one. */
export function checkHeadersSource(where: string, headers: unknown): void {
  if (headers === undefined || typeof headers === 'function') return;
  if (!isHeaders(headers))
    throw new TypeError(`${where}: \`headers\` must be an object of string (or null) values, or a function returning one`);
}

/** Whether a value is a headers object: a plain object whose values are strings, `null` or `undefined`. */
export function isHeaders(headers: unknown): headers is Record<string, string | null | undefined> {
  return (
    typeof headers === 'object' &&
    headers !== null &&
    !Array.isArray(headers) &&
    Object.values(headers).every((v) => typeof v === 'string' || v === null || v === undefined)
  );
}

/** Checks a `signal` option: an AbortSignal (structurally). */
export function checkSignal(where: string, signal: unknown): void {
  const ok =
    signal === undefined ||
    (typeof signal === 'object' &&
      signal !== null &&
      typeof (signal as AbortSignal).addEventListener === 'function' &&
      'aborted' in signal);
  if (!ok) throw new TypeError(`${where}: \`signal\` must be an AbortSignal`);
}
