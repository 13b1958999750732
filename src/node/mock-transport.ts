import type { IncomingMessage, ServerResponse } from 'node:http';

// The mock server's HTTP plumbing (internal): CORS, JSON error answers, bounded bodies, paced chunked writes.

/**
 * Who may call the server from a browser page: `true` (the default) answers CORS for loopback origins only
 * (`http://localhost:*`, `http://127.x.x.x:*`, `http://[::1]:*`, `*.localhost`); `'*'` answers any origin; `false`
 * sends no CORS headers.
 *
 * @example
 * ```ts
 * import { startMockServer, type CorsPolicy } from 'rx-assistant-stream/node';
 *
 * // A front end served from a tunnel (not loopback) calls the mock server: open it to every origin, on purpose.
 * const cors: CorsPolicy = process.env.MOCK_PUBLIC_UI ? '*' : true;
 * const server = await startMockServer({ cors });
 * ```
 */
export type CorsPolicy = boolean | '*';

const LOOPBACK_HOST = /^(localhost|[a-z0-9-]+\.localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** Whether an `Origin` header names a page served from this machine. */
export function isLoopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOST.test(url.hostname);
  } catch {
    return false;
  }
}

/** The CORS headers of an answer to a request from `origin` (none when the policy does not allow it). */
export function corsHeaders(policy: CorsPolicy, origin: string | undefined): Record<string, string> {
  if (policy === '*') return { 'Access-Control-Allow-Origin': '*' };
  if (policy === true && origin !== undefined && isLoopbackOrigin(origin))
    return { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' };
  return {};
}

/** Answers an OPTIONS preflight: 204, with the allow headers when the origin is allowed. */
export function sendPreflight(req: IncomingMessage, res: ServerResponse, policy: CorsPolicy): void {
  const allowed = corsHeaders(policy, req.headers.origin);
  const requested = req.headers['access-control-request-headers'];
  res.writeHead(204, {
    ...allowed,
    ...('Access-Control-Allow-Origin' in allowed
      ? {
          'Access-Control-Allow-Methods': 'POST, OPTIONS',
          'Access-Control-Allow-Headers': requested ?? 'Authorization, Content-Type, Accept, OpenAI-Beta, api-key',
          'Access-Control-Max-Age': '600',
        }
      : {}),
  });
  res.end();
}

/** Answers with a JSON body (an error body, in either dialect). */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  const text = JSON.stringify(body, null, 2);
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) });
  res.end(text);
}

/** A body read with a bound: its text, or `undefined` when it passed `max` bytes (then drained, not kept). */
export interface BodyRead {
  text: string | undefined;
  bytes: number;
}

/** How much of an oversized body is read (and discarded) so the keep-alive socket can answer it; past that, it is closed. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

/**
 * Reads a request body, keeping at most `max` bytes. A larger body is read to its end and dropped (so the 413 can be
 * answered on the same keep-alive connection), up to {@link DRAIN_LIMIT}, past which the connection is closed.
 */
export function readBody(req: IncomingMessage, max: number): Promise<BodyRead> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let bytes = 0;
    req.on('data', (part: Buffer) => {
      bytes += part.length;
      if (bytes <= max) parts.push(part);
      else parts.length = 0;
      if (bytes > DRAIN_LIMIT) req.destroy();
    });
    req.on('end', () => resolve({ text: bytes <= max ? Buffer.concat(parts).toString('utf8') : undefined, bytes }));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('the request was closed before its body ended'));
    });
  });
}

/** Frames as buffers: one per frame, or cut every `chunkSize` bytes (inside UTF-8 characters too). */
export function chunksOf(frames: string[], chunkSize: number | undefined): Buffer[] {
  if (chunkSize === undefined) return frames.map((frame) => Buffer.from(frame, 'utf8'));
  const all = Buffer.from(frames.join(''), 'utf8');
  const chunks: Buffer[] = [];
  for (let i = 0; i < all.length; i += chunkSize) chunks.push(all.subarray(i, i + chunkSize));
  return chunks;
}

/** Writes the chunks, paced; resolves `false` as soon as the connection closes under it. */
export async function writeChunks(res: ServerResponse, chunks: Buffer[], pacing: number): Promise<boolean> {
  for (let i = 0; i < chunks.length; i++) {
    if (res.destroyed) return false;
    const flushed = res.write(chunks[i]);
    if (!flushed && !(await waitForDrain(res))) return false;
    if (i < chunks.length - 1 && !(await pause(res, pacing))) return false;
  }
  return !res.destroyed;
}

/** Waits for `drain`, or the response's close (then resolves `false`). */
function waitForDrain(res: ServerResponse): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (ok: boolean) => () => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = done(true);
    const onClose = done(false);
    res.once('drain', onDrain);
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
