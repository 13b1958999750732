import type { ServerErrorBody } from '../errors';
import { isDoneFrame } from './mock-scenarios';

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

/** Frames before the `event: error` of an `event-error` failure, by default. */
const DEFAULT_EVENTS_BEFORE_ERROR = 3;

/** Checks a failure option, with a `TypeError` that shows the three shapes. */
export function checkFailure(failure: MockFailure): void {
  const f = failure as Partial<Record<string, unknown>> | null;
  const isInt = (value: unknown, min: number, max = Infinity) =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
  const ok =
    typeof f === 'object' &&
    f !== null &&
    ((f['type'] === 'http' && isInt(f['status'], 400, 599)) ||
      (f['type'] === 'event-error' && (f['afterEvents'] === undefined || isInt(f['afterEvents'], 0))) ||
      (f['type'] === 'cut' && isInt(f['afterBytes'], 0)));
  if (!ok) {
    throw new TypeError(
      `startMockServer: \`failure\` must be { type: 'http', status: 400..599 }, { type: 'event-error', afterEvents? } or { type: 'cut', afterBytes }, got ${JSON.stringify(failure)}`,
    );
  }
}

/** The error body of an `http` failure. */
export function httpFailureBody(failure: Extract<MockFailure, { type: 'http' }>): Partial<ServerErrorBody> & { message: string } {
  const { status } = failure;
  return {
    message: `Mock failure: HTTP ${status}.`,
    type: status >= 500 ? 'server_error' : 'invalid_request_error',
    ...failure.error,
  };
}

/** The frames of an `event-error` failure: the first `afterEvents` (never the `done`), then `event: error`. */
export function withEventError(frames: string[], failure: Extract<MockFailure, { type: 'event-error' }>): string[] {
  const ahead = frames.length > 0 && isDoneFrame(frames[frames.length - 1]!) ? frames.length - 1 : frames.length;
  const error = {
    message: 'The server had an error processing your request. (mock failure)',
    type: 'server_error',
    param: null,
    code: null,
    ...failure.error,
  };
  return [
    ...frames.slice(0, Math.min(failure.afterEvents ?? DEFAULT_EVENTS_BEFORE_ERROR, ahead)),
    `event: error\ndata: ${JSON.stringify({ error })}\n\n`,
  ];
}

/** The chunks cut after `bytes` bytes (a `cut` failure). */
export function truncate(chunks: Buffer[], bytes: number): Buffer[] {
  const kept: Buffer[] = [];
  let left = bytes;
  for (const chunk of chunks) {
    if (left <= 0) break;
    kept.push(chunk.length <= left ? chunk : chunk.subarray(0, left));
    left -= chunk.length;
  }
  return kept;
}
