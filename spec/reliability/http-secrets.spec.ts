// Issue 10, class 5 (HTTP side): no URL credentials in what an error shows, and ids that cannot leave their segment.
import fc from 'fast-check';
import { AssistantStreamError } from '../../src/errors';
import { createAssistantsClient, type FetchLike } from '../../src/http/assistants-client';
import { createAzureAgentsClient } from '../../src/http/azure-agents-client';
import { collect } from '../support/collect';

/** Whether a string is well-formed Unicode (no lone surrogate): what encodeURIComponent accepts. */
function isWellFormed(text: string): boolean {
  try {
    encodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/** Everything an error shows when logged: its message, String() and JSON. */
const shown = (error: unknown) => [(error as Error).message, String(error), JSON.stringify(error)];

/** A fetch that fails as undici does for a URL with credentials: its message quotes the URL. */
const quotingFetch: FetchLike = async (url) => {
  throw new TypeError(`Request cannot be constructed from a URL that includes credentials: ${url}`, {
    cause: new Error(`connect to ${url} failed`),
  });
};

/** A secret: printable, long enough not to appear by chance, no character a URL would encode or split on. */
const secret = fc.stringMatching(/^[A-Za-z0-9_~-]{12,40}$/);

describe('HTTP errors keep URL credentials out (issue 10, class 5)', () => {
  it('a network error shows no userinfo and no query values, in message, String() or JSON', async () => {
    await fc.assert(
      fc.asyncProperty(secret, secret, secret, async (user, password, key) => {
        const client = createAssistantsClient({
          baseURL: `https://${user}:${password}@gateway.example/v1`,
          query: { 'api-key': key },
          fetch: quotingFetch,
        });
        const { error } = await collect(client.createRun('thread_1', { assistant_id: 'a' }));
        expect(error).toBeInstanceOf(AssistantStreamError);
        expect(error).toMatchObject({ code: 'network_error' });
        for (const text of shown(error)) {
          for (const s of [user, password, key]) expect(text).not.toContain(s);
        }
        // What is left is enough to debug with: the host, the path, the parameter's name.
        expect((error as Error).message).toContain('gateway.example/v1/threads/thread_1/runs?api-key=***');
      }),
      { numRuns: 30 },
    );
  });

  it('an Azure client with a key in the endpoint query or userinfo: the same', async () => {
    const { error } = await collect(
      createAzureAgentsClient({
        endpoint: 'https://me:hunter2hunter2@res.services.ai.azure.com/api/projects/p',
        apiKey: 'k',
        fetch: quotingFetch,
      }).createRun('t', {
        assistant_id: 'a',
      }),
    );
    for (const text of shown(error)) expect(text).not.toContain('hunter2hunter2');
    expect((error as Error).message).toContain('api-version=v1'); // a version is no secret
  });

  it('an api-key header or a bearer token never reaches a message', async () => {
    const key = 'azure-key-0123456789abcdef';
    const failing: FetchLike = async (_url, init) => {
      throw new Error(`refused ${JSON.stringify(init.headers).length} bytes of headers`);
    };
    const viaKey = await collect(
      createAzureAgentsClient({
        endpoint: 'https://res.services.ai.azure.com/api/projects/p',
        apiKey: key,
        fetch: failing,
      }).createRun('t', { assistant_id: 'a' }),
    );
    const token = 'eyJ0eXAiOiJKV1QiLCJhbGciOi.secret';
    const viaToken = await collect(
      createAzureAgentsClient({
        endpoint: 'https://res.services.ai.azure.com/api/projects/p',
        credential: { getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 3_600_000 }) },
        fetch: failing,
      }).createRun('t', { assistant_id: 'a' }),
    );
    for (const text of [...shown(viaKey.error), ...shown(viaToken.error)]) {
      expect(text).not.toContain(key);
      expect(text).not.toContain(token);
    }
  });

  it('an options TypeError shows the URL without its credentials', () => {
    fc.assert(
      fc.property(secret, secret, (password, key) => {
        let thrown: unknown;
        try {
          createAssistantsClient({ baseURL: `https://u:${password}@x.example/v1?key=${key}` });
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(TypeError);
        for (const text of shown(thrown)) {
          expect(text).not.toContain(password);
          expect(text).not.toContain(key);
        }
      }),
      { numRuns: 30 },
    );
  });
});

describe('ids in URL paths (issue 10, class 5)', () => {
  const calls: string[] = [];
  const fetch: FetchLike = async (url) => {
    calls.push(url);
    return new Response('data: [DONE]\n\n', { headers: { 'Content-Type': 'text/event-stream' } });
  };
  const openai = createAssistantsClient({ baseURL: 'https://api.example/v1', fetch });
  const azure = createAzureAgentsClient({ endpoint: 'https://res.services.ai.azure.com/api/projects/p', apiKey: 'k', fetch });

  const sends = [
    (id: string) => openai.createRun(id, { assistant_id: 'a' }),
    (id: string) => openai.submitToolOutputs('thread_1', id, { tool_outputs: [] }),
    (id: string) => azure.submitToolApprovals(id, 'run_1', { tool_approvals: [] }),
    (id: string) => azure.submitToolOutputs('thread_1', id, { tool_outputs: [] }),
  ];

  it('rejects "", ".", "..", ids with "/" or "\\", and lone surrogates with a TypeError, sending nothing', () => {
    const hostile = fc.oneof(
      fc.constantFrom('', '.', '..', '/', '\\', '../runs', './x', '..\\..\\files', 'a\uD800b'),
      fc.tuple(fc.string(), fc.constantFrom('/', '\\'), fc.string()).map(([a, s, b]) => `${a}${s}${b}`),
    );
    fc.assert(
      fc.property(hostile, fc.integer({ min: 0, max: sends.length - 1 }), (id, which) => {
        const before = calls.length;
        expect(() => sends[which]!(id)).toThrow(TypeError);
        expect(calls.length).toBe(before);
      }),
    );
  });

  it('keeps any other id inside its one segment, whatever it holds', async () => {
    const ids = fc
      .string({ minLength: 1, unit: 'binary' })
      .filter((id) => id !== '.' && id !== '..' && !/[/\\]/.test(id) && isWellFormed(id));
    await fc.assert(
      fc.asyncProperty(ids, async (id) => {
        calls.length = 0;
        await collect(openai.createRun(id, { assistant_id: 'a' }));
        await collect(azure.submitToolOutputs('thread_1', id, { tool_outputs: [] }));
        const [openaiURL, azureURL] = calls.map((u) => new URL(u));
        expect(openaiURL!.pathname.split('/').map(decodeURIComponent)).toEqual(['', 'v1', 'threads', id, 'runs']);
        expect(azureURL!.pathname.split('/').map(decodeURIComponent)).toEqual([
          '',
          'api',
          'projects',
          'p',
          'threads',
          'thread_1',
          'runs',
          id,
          'submit_tool_outputs',
        ]);
        expect([...openaiURL!.searchParams.keys()]).toEqual([]);
        expect([...azureURL!.searchParams.entries()]).toEqual([['api-version', 'v1']]);
      }),
      { numRuns: 100 },
    );
  });
});
