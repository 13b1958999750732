// The mock server's routes (internal): OpenAI's paths at the root and under /v1, Azure AI Agents' under
// /api/projects/{project}, and the Azure-only checks (api-version, the shape of its error bodies).

/**
 * The endpoint a request hit.
 *
 * @example
 * ```ts
 * import type { MockEndpoint, MockServer } from 'rx-assistant-stream/node';
 *
 * // How many times each endpoint was called: after one tool round, { createRun: 1, submitToolOutputs: 1 }.
 * function callsByEndpoint(server: MockServer): Map<MockEndpoint, number> {
 *   const counts = new Map<MockEndpoint, number>();
 *   for (const { endpoint } of server.requests) counts.set(endpoint, (counts.get(endpoint) ?? 0) + 1);
 *   return counts;
 * }
 * ```
 */
export type MockEndpoint = 'createRun' | 'createThreadAndRun' | 'submitToolOutputs' | 'preflight' | 'other';

/**
 * Which API's paths a request used: `openai` (`/v1/threads/...` or `/threads/...`) or `azure`
 * (`/api/projects/{project}/threads/...`, where `api-version` is required).
 *
 * @example
 * ```ts
 * import type { MockDialect, MockServer } from 'rx-assistant-stream/node';
 *
 * const azureCalls = (server: MockServer) => server.requests.filter((r) => r.dialect === ('azure' satisfies MockDialect)).length;
 * ```
 */
export type MockDialect = 'openai' | 'azure';

/** A run endpoint, with the ids of its path. */
export interface Route {
  endpoint: 'createRun' | 'createThreadAndRun' | 'submitToolOutputs';
  dialect: MockDialect;
  threadId?: string;
  runId?: string;
  /** The project of an Azure path. */
  project?: string;
  /** The query (`api-version`...). */
  query: URLSearchParams;
}

const AZURE_PREFIX = /^\/api\/projects\/([^/]+)(?=\/)/;
const OPENAI_PREFIX = /^\/v1(?=\/)/;

/** The route of a request URL, or `undefined` for a path the mock server does not answer. */
export function routeOf(url: string): Route | undefined {
  const queryAt = url.indexOf('?');
  const rawPath = queryAt < 0 ? url : url.slice(0, queryAt);
  const query = new URLSearchParams(queryAt < 0 ? '' : url.slice(queryAt + 1));
  const azure = AZURE_PREFIX.exec(rawPath);
  const dialect: MockDialect = azure ? 'azure' : 'openai';
  const path = (azure ? rawPath.slice(azure[0].length) : rawPath.replace(OPENAI_PREFIX, '')).replace(/\/+$/, '');
  const parts = path.split('/').slice(1).map(decodeSegment);
  const base = { dialect, query, ...(azure ? { project: decodeSegment(azure[1]!) } : {}) };
  if (parts.length === 2 && parts[0] === 'threads' && parts[1] === 'runs') return { ...base, endpoint: 'createThreadAndRun' };
  if (parts.length === 3 && parts[0] === 'threads' && parts[1] && parts[2] === 'runs')
    return { ...base, endpoint: 'createRun', threadId: parts[1] };
  if (
    parts.length === 5 &&
    parts[0] === 'threads' &&
    parts[1] &&
    parts[2] === 'runs' &&
    parts[3] &&
    parts[4] === 'submit_tool_outputs'
  ) {
    return { ...base, endpoint: 'submitToolOutputs', threadId: parts[1], runId: parts[3] };
  }
  return undefined;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** An error answer: the status and the JSON body, in the dialect's shape. */
export interface ErrorAnswer {
  status: number;
  body: unknown;
}

/**
 * Azure's answer to a request without `api-version` (HTTP 400, `{ error: { code, message } }` as its services send),
 * or `undefined` when the request carries one.
 */
export function missingApiVersion(route: Route): ErrorAnswer | undefined {
  if (route.dialect !== 'azure' || (route.query.get('api-version') ?? '') !== '') return undefined;
  return {
    status: 400,
    body: {
      error: {
        code: 'MissingApiVersionParameter',
        message: 'The api-version query parameter (?api-version=) is required for all requests.',
      },
    },
  };
}

/** The answer to a request without a valid bearer token (HTTP 401), in the dialect's shape. */
export function unauthorized(dialect: MockDialect, present: boolean): ErrorAnswer {
  const message = present
    ? 'The access token is invalid or has expired.'
    : 'Missing or malformed Authorization header: expected "Bearer <token>".';
  return dialect === 'azure'
    ? { status: 401, body: { error: { code: 'Unauthorized', message } } }
    : { status: 401, body: { error: { message, type: 'invalid_request_error', param: null, code: 'invalid_api_key' } } };
}
