import fc from 'fast-check';
import { throwError } from 'rxjs';
import { assistantEvents } from '../../src/decode/assistant-events';
import { AssistantStreamError, describeValue, EXCERPT_LENGTH, readServerError, redactUrls, sourceError } from '../../src/errors';
import { assistantEventsFromHttpEvents } from '../../src/interop/angular-http';
import { fromOpenAIStream } from '../../src/interop/from-openai-stream';
import { makeRun } from '../../src/testing';
import { collect } from '../support/collect';

describe('AssistantStreamError keeps secrets out (issue 10, class 5)', () => {
  it('redacts userinfo, query values but api-version, and fragments of every URL in a text', () => {
    expect(redactUrls('GET https://me:pw@x.openai.azure.com/runs?api-version=2025-05-01&api-key=abc failed')).toBe(
      'GET https://***@x.openai.azure.com/runs?api-version=2025-05-01&api-key=*** failed',
    );
    expect(redactUrls('request to /threads/t/runs?key=1&flag failed')).toBe('request to /threads/t/runs?key=***&flag failed');
    expect(redactUrls('see https://h.test/a#access_token=x.')).toBe('see https://h.test/a#***');
    expect(redactUrls('http://u@h.test/p and http://h.test/q?sig=s&se=2')).toBe(
      'http://***@h.test/p and http://h.test/q?sig=***&se=***',
    );
    expect(redactUrls('Did you mean gpt-4? No URL here.')).toBe('Did you mean gpt-4? No URL here.');
    expect(redactUrls('Invalid "x" event at data.metadata["a-b"]')).toBe('Invalid "x" event at data.metadata["a-b"]');
  });

  it('has no credential of a URL in message, String(error), stack or JSON.stringify(error)', () => {
    const secret = 'sk-SECRET123';
    const url = `https://user:${secret}@example.test/openai/threads/runs?api-version=v1&api-key=${secret}#${secret}`;
    const cause = new TypeError(`fetch failed: ${url}`);
    const error = new AssistantStreamError('network_error', `The request to ${url} failed`, {
      cause,
      excerpt: `{"url":"${url}"}`,
      serverError: { message: `bad key for ${url}`, code: '401' },
    });
    for (const text of [
      error.message,
      String(error),
      error.stack ?? '',
      JSON.stringify(error),
      error.excerpt ?? '',
      error.serverError!.message,
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'AssistantStreamError',
      code: 'network_error',
      message: 'The request to https://***@example.test/openai/threads/runs?api-version=v1&api-key=***#*** failed',
      excerpt: '{"url":"https://***@example.test/openai/threads/runs?api-version=v1&api-key=***#***"}',
      serverError: {
        message: 'bad key for https://***@example.test/openai/threads/runs?api-version=v1&api-key=***#***',
        code: '401',
      },
      // Only the cause's kind: its message is another library's text.
      cause: 'TypeError',
    });
  });

  it('redacts any query value and userinfo (fast-check)', () => {
    const token = fc.stringMatching(/^[A-Za-z0-9_-]{6,20}$/);
    fc.assert(
      fc.property(token, token, token, (user, password, key) => {
        const secretText = `https://${user}:${password}@h.test/v1?api-key=${key}`;
        const redacted = new AssistantStreamError('http_error', `HTTP 401 from ${secretText}`).message;
        expect(redacted).toBe('HTTP 401 from https://***@h.test/v1?api-key=***');
      }),
    );
  });

  it('describes a value by its type and size, never its text', () => {
    expect(describeValue('secret text')).toBe('a string (11 characters)');
    expect(describeValue('x')).toBe('a string (1 character)');
    expect(describeValue([1, 2])).toBe('an array (2 items)');
    expect(describeValue({ a: 1 })).toBe('an object');
    expect(describeValue(null)).toBe('null');
    expect(describeValue(undefined)).toBe('nothing');
    expect(describeValue(3)).toBe('a number');
    expect(describeValue(true)).toBe('a boolean');
  });
});

describe('messages of the SSE, decoding and interop layers carry no payload text and no URL secret', () => {
  const SECRET = 'SECRET-user-text-42';
  const run = makeRun();
  const frame = (event: string, data: string) => `event: ${event}\ndata: ${data}\n\n`;
  const errorOf = async (source: Parameters<typeof assistantEvents>[0], options = {}) =>
    (await collect(assistantEvents(source, options))).error as AssistantStreamError;

  it.each([
    ['invalid JSON', frame('thread.run.created', `{"instructions":"${SECRET}",`), 'invalid_json'],
    [
      'a mismatch inside the payload',
      frame('thread.run.created', JSON.stringify({ ...run, created_at: SECRET })),
      'invalid_event',
    ],
    ['a mismatch at the root', frame('thread.run.created', JSON.stringify(SECRET)), 'invalid_event'],
    ['an event: done that is not [DONE]', frame('done', SECRET), 'invalid_event'],
    ['an unknown event', frame('thread.secret', SECRET), 'unknown_event'],
  ])('%s: the message names what and where, the bounded excerpt holds the payload', async (_name, body, code) => {
    const error = await errorOf(body, { unknownEvents: 'error' });
    expect(error).toBeInstanceOf(AssistantStreamError);
    expect(error.code).toBe(code);
    for (const text of [error.message, String(error), JSON.stringify({ ...error.toJSON(), excerpt: undefined })])
      expect(text).not.toContain(SECRET);
    expect(error.excerpt).toContain(SECRET.slice(0, 10));
    expect(error.excerpt!.length).toBeLessThanOrEqual(EXCERPT_LENGTH + 1);
    if (code !== 'unknown_event') expect(error.message).toMatch(/got (a string \(\d+ characters?\)|a number|an? \w+)/);
  });

  it('bounds the excerpt of a huge payload', async () => {
    const error = await errorOf(
      frame('thread.run.created', JSON.stringify({ ...run, instructions: 7, pad: 'x'.repeat(100_000) })),
    );
    expect(error.excerpt!.length).toBe(EXCERPT_LENGTH + 1);
    expect(error.message).toBe('Invalid "thread.run.created" event at data.instructions: expected string | null, got a number');
  });

  it('redacts the URL of an Angular HttpErrorResponse and of an openai-node connection error', async () => {
    const url = 'https://me:pw@x.openai.azure.com/openai/threads/t/runs?api-version=2025-05-01&api-key=KEY123';
    const offline = {
      name: 'HttpErrorResponse',
      status: 0,
      message: `Http failure response for ${url}: 0 Unknown Error`,
      error: {},
    };
    const angular = (await collect(assistantEventsFromHttpEvents(throwError(() => offline)))).error as AssistantStreamError;
    const failing: AsyncIterable<never> = {
      [Symbol.asyncIterator]: () => ({
        next: () =>
          Promise.reject(Object.assign(new Error(`Connection error: request to ${url} failed`), { name: 'APIConnectionError' })),
      }),
    };
    const openai = (await collect(fromOpenAIStream(failing))).error as AssistantStreamError;
    for (const error of [angular, openai]) {
      expect(error.code).toBe('network_error');
      for (const text of [error.message, String(error), JSON.stringify(error)]) {
        expect(text).not.toContain('KEY123');
        expect(text).not.toContain('me:pw');
      }
      expect(error.message).toContain('x.openai.azure.com/openai/threads/t/runs?api-version=2025-05-01&api-key=***');
    }
  });

  it('reads a numeric server error code (Azure) as a string, in event: error and in an HTTP error body', async () => {
    const sse = await errorOf(frame('error', '{"error":{"message":"Rate limit","type":"rate_limit","code":429}}'));
    expect(sse.serverError).toEqual({ message: 'Rate limit', type: 'rate_limit', code: '429' });
    expect(readServerError({ message: 'x', code: 500 })).toEqual({ message: 'x', code: '500' });
    expect(readServerError('{"error":{"message":"y","code":null}}')).toEqual({ message: 'y', code: null });
    expect(readServerError('not json')).toBeUndefined();
    const response = new Response('{"error":{"message":"busy","code":503}}', {
      status: 503,
      headers: { 'content-type': 'application/json' },
    });
    expect(await errorOf(response)).toMatchObject({
      code: 'http_error',
      status: 503,
      serverError: { message: 'busy', code: '503' },
    });
  });

  it('classifies aborts once: DOM AbortError and openai-node APIUserAbortError are aborted, the rest network_error', () => {
    class APIUserAbortError extends Error {}
    expect(sourceError(new DOMException('stop', 'AbortError')).code).toBe('aborted');
    expect(sourceError(new APIUserAbortError('Request was aborted.')).code).toBe('aborted');
    expect(sourceError(new TypeError('fetch failed', { cause: new Error('ECONNRESET') }))).toMatchObject({
      code: 'network_error',
      message: "The stream's source failed: fetch failed (ECONNRESET)",
    });
    const own = new AssistantStreamError('http_error', 'HTTP 500');
    expect(sourceError(own)).toBe(own);
  });
});
