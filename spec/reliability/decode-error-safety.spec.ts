import fc from 'fast-check';
import { AssistantStreamError, describeValue, redactUrls } from '../../src/errors';

describe('AssistantStreamError keeps secrets out (issue 10, class 5)', () => {
  it('redacts userinfo, query values but api-version, and fragments of every URL in a text', () => {
    expect(redactUrls('GET https://me:pw@x.openai.azure.com/runs?api-version=2025-05-01&api-key=abc failed')).toBe(
      'GET https://***@x.openai.azure.com/runs?api-version=2025-05-01&api-key=*** failed',
    );
    expect(redactUrls('request to /threads/t/runs?key=1&flag failed')).toBe('request to /threads/t/runs?key=***&flag failed');
    expect(redactUrls('see https://h.test/a#access_token=x.')).toBe('see https://h.test/a#***');
    expect(redactUrls('http://u@h.test/p and http://h.test/q?sig=s&se=2')).toBe('http://***@h.test/p and http://h.test/q?sig=***&se=***');
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
    for (const text of [error.message, String(error), error.stack ?? '', JSON.stringify(error), error.excerpt ?? '', error.serverError!.message]) {
      expect(text).not.toContain(secret);
    }
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'AssistantStreamError',
      code: 'network_error',
      message: 'The request to https://***@example.test/openai/threads/runs?api-version=v1&api-key=***#*** failed',
      excerpt: '{"url":"https://***@example.test/openai/threads/runs?api-version=v1&api-key=***#***"}',
      serverError: { message: 'bad key for https://***@example.test/openai/threads/runs?api-version=v1&api-key=***#***', code: '401' },
      cause: 'TypeError: fetch failed: https://***@example.test/openai/threads/runs?api-version=v1&api-key=***#***',
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
