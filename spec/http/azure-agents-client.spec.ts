import { AssistantStreamError } from '../../src/errors';
import type { FetchInit, FetchLike } from '../../src/http/assistants-client';
import { createAzureAgentsClient, type AzureAgentsClientOptions } from '../../src/http/azure-agents-client';
import type { AccessToken, TokenCredential } from '../../src/http/bearer-token';
import { toSSE } from '../../src/testing/builders';
import { textRunEvents } from '../../src/testing/scenarios';
import { collect } from '../support/collect';

const ENDPOINT = 'https://my-resource.services.ai.azure.com/api/projects/my-project';
const SCOPE = 'https://ai.azure.com/.default';
const MINUTE = 60_000;

interface Call {
  url: string;
  init: FetchInit;
}

function fakeFetch() {
  const calls: Call[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    return new Response(toSSE(textRunEvents('Hi')), { headers: { 'Content-Type': 'text/event-stream' } });
  };
  return { fetch, calls };
}

/** A credential handing out `token-1`, `token-2`... each valid for `lifetime` ms from the (fake) clock's now. */
function fakeCredential(lifetime = 60 * MINUTE, extra: Partial<AccessToken> = {}) {
  const scopes: unknown[] = [];
  const credential: TokenCredential = {
    getToken: async (scope) => {
      scopes.push(scope);
      return { token: `token-${scopes.length}`, expiresOnTimestamp: Date.now() + lifetime, ...extra };
    },
  };
  return { credential, scopes };
}

/** A fake clock: Date.now() returns what the test sets. */
function fakeClock(start = Date.UTC(2026, 11, 1, 12)) {
  let now = start;
  const spy = jest.spyOn(Date, 'now').mockImplementation(() => now);
  return { advance: (ms: number) => (now += ms), restore: () => spy.mockRestore() };
}

const run = { assistant_id: 'asst_1' };

describe('createAzureAgentsClient', () => {
  describe('URLs and headers', () => {
    it('puts every endpoint under the project endpoint with api-version (default v1) on every URL', async () => {
      const { fetch, calls } = fakeFetch();
      const client = createAzureAgentsClient({ endpoint: `${ENDPOINT}/`, apiKey: 'azure-key', fetch });
      await collect(client.createRun('thread_1', run));
      await collect(client.createThreadAndRun({ ...run, thread: { messages: [] } }));
      await collect(client.submitToolOutputs('thread_1', 'run_1', { tool_outputs: [{ tool_call_id: 'call_1', output: '18' }] }));
      await collect(
        client.submitToolApprovals('thread_1', 'run_1', { tool_approvals: [{ tool_call_id: 'call_2', approve: true }] }),
      );
      expect(calls.map((c) => c.url)).toEqual([
        `${ENDPOINT}/threads/thread_1/runs?api-version=v1`,
        `${ENDPOINT}/threads/runs?api-version=v1`,
        `${ENDPOINT}/threads/thread_1/runs/run_1/submit_tool_outputs?api-version=v1`,
        `${ENDPOINT}/threads/thread_1/runs/run_1/submit_tool_outputs?api-version=v1`,
      ]);
      for (const { init } of calls) {
        expect(init.method).toBe('POST');
        expect(init.headers).toEqual({ 'Content-Type': 'application/json', Accept: 'text/event-stream', 'api-key': 'azure-key' });
      }
    });

    it('takes another apiVersion, encoded', async () => {
      const { fetch, calls } = fakeFetch();
      await collect(
        createAzureAgentsClient({ endpoint: ENDPOINT, apiVersion: '2025-05-15-preview', apiKey: 'k', fetch }).createRun('t', run),
      );
      await collect(createAzureAgentsClient({ endpoint: ENDPOINT, apiVersion: 'a&b=c', apiKey: 'k', fetch }).createRun('t', run));
      expect(calls.map((c) => c.url)).toEqual([
        `${ENDPOINT}/threads/t/runs?api-version=2025-05-15-preview`,
        `${ENDPOINT}/threads/t/runs?api-version=a%26b%3Dc`,
      ]);
    });

    it('sends the approvals body with stream: true to the run’s submit_tool_outputs URL', async () => {
      const { fetch, calls } = fakeFetch();
      const client = createAzureAgentsClient({ endpoint: ENDPOINT, apiKey: 'k', fetch });
      const tool_approvals = [
        { tool_call_id: 'call_a', approve: true, headers: { Authorization: 'Bearer mcp-token' } },
        { tool_call_id: 'call_b', approve: false },
      ];
      const { completed } = await collect(client.submitToolApprovals('thread_1', 'run_1', { tool_approvals }));
      expect(completed).toBe(true);
      expect(calls[0]!.url).toBe(`${ENDPOINT}/threads/thread_1/runs/run_1/submit_tool_outputs?api-version=v1`);
      expect(JSON.parse(calls[0]!.init.body)).toEqual({ tool_approvals, stream: true });
    });

    it('lets headers (an object or a function per request) add to and override the defaults, never adding OpenAI-Beta', async () => {
      const { fetch, calls } = fakeFetch();
      let n = 0;
      const client = createAzureAgentsClient({
        endpoint: ENDPOINT,
        apiKey: 'k',
        fetch,
        headers: async () => ({ 'x-ms-client-request-id': `req-${++n}`, Accept: null }),
      });
      await collect(client.createRun('t', run, { headers: { 'X-Extra': '1' } }));
      await collect(client.createRun('t', run));
      expect(calls.map((c) => c.init.headers)).toEqual([
        { 'Content-Type': 'application/json', 'api-key': 'k', 'x-ms-client-request-id': 'req-1', 'X-Extra': '1' },
        { 'Content-Type': 'application/json', 'api-key': 'k', 'x-ms-client-request-id': 'req-2' },
      ]);
    });

    it('passes the decoding options through', async () => {
      const calls: string[] = [];
      const fetch: FetchLike = async (url) => {
        calls.push(url);
        return new Response('event: thread.run.future\ndata: {}\n\n', { headers: { 'Content-Type': 'text/event-stream' } });
      };
      const { error } = await collect(
        createAzureAgentsClient({ endpoint: ENDPOINT, apiKey: 'k', fetch, unknownEvents: 'error' }).createRun('t', run),
      );
      expect(error).toMatchObject({ code: 'unknown_event' });
    });
  });

  describe('Microsoft Entra ID tokens', () => {
    let clock: ReturnType<typeof fakeClock>;
    beforeEach(() => (clock = fakeClock()));
    afterEach(() => clock.restore());

    it('sends Authorization: Bearer with a token of scope https://ai.azure.com/.default on every request', async () => {
      const { fetch, calls } = fakeFetch();
      const { credential, scopes } = fakeCredential();
      const client = createAzureAgentsClient({ endpoint: ENDPOINT, credential, fetch });
      expect(scopes).toEqual([]); // nothing is asked before a request
      await collect(client.createRun('t', run));
      await collect(client.submitToolApprovals('t', 'r', { tool_approvals: [] }));
      expect(scopes).toEqual([SCOPE]);
      expect(calls.map((c) => c.init.headers)).toEqual([
        { 'Content-Type': 'application/json', Accept: 'text/event-stream', Authorization: 'Bearer token-1' },
        { 'Content-Type': 'application/json', Accept: 'text/event-stream', Authorization: 'Bearer token-1' },
      ]);
    });

    it('reuses a token until less than 2 minutes remain before it expires, then asks again', async () => {
      const { fetch, calls } = fakeFetch();
      const { credential, scopes } = fakeCredential(60 * MINUTE);
      const client = createAzureAgentsClient({ endpoint: ENDPOINT, credential, fetch });
      const tokenSent = async () => {
        await collect(client.createRun('t', run));
        return calls.at(-1)!.init.headers['Authorization'];
      };
      expect(await tokenSent()).toBe('Bearer token-1');
      clock.advance(58 * MINUTE - 1); // 2 minutes and 1 ms left
      expect(await tokenSent()).toBe('Bearer token-1');
      clock.advance(1); // exactly 2 minutes left: inside the window
      expect(await tokenSent()).toBe('Bearer token-2');
      clock.advance(30 * MINUTE);
      expect(await tokenSent()).toBe('Bearer token-2');
      clock.advance(30 * MINUTE); // past the expiry of token-2 altogether
      expect(await tokenSent()).toBe('Bearer token-3');
      expect(scopes).toHaveLength(3);
    });

    it('asks again at once for a token that comes with less than 2 minutes left, or without an expiry', async () => {
      const { fetch, calls } = fakeFetch();
      for (const extra of [{ expiresOnTimestamp: Date.now() + MINUTE }, { expiresOnTimestamp: undefined as never }]) {
        const { credential, scopes } = fakeCredential(60 * MINUTE, extra);
        const client = createAzureAgentsClient({ endpoint: ENDPOINT, credential, fetch });
        await collect(client.createRun('t', run));
        await collect(client.createRun('t', run));
        expect(scopes).toHaveLength(2);
        expect(calls.slice(-2).map((c) => c.init.headers['Authorization'])).toEqual(['Bearer token-1', 'Bearer token-2']);
      }
    });

    it('asks again once refreshAfterTimestamp has passed', async () => {
      const { fetch } = fakeFetch();
      const { credential, scopes } = fakeCredential(60 * MINUTE, { refreshAfterTimestamp: Date.now() + 30 * MINUTE });
      const client = createAzureAgentsClient({ endpoint: ENDPOINT, credential, fetch });
      await collect(client.createRun('t', run));
      clock.advance(30 * MINUTE - 1);
      await collect(client.createRun('t', run));
      expect(scopes).toHaveLength(1);
      clock.advance(1);
      await collect(client.createRun('t', run));
      expect(scopes).toHaveLength(2);
    });

    it('asks once for concurrent requests', async () => {
      const { fetch, calls } = fakeFetch();
      const { credential, scopes } = fakeCredential();
      const client = createAzureAgentsClient({ endpoint: ENDPOINT, credential, fetch });
      await Promise.all([
        collect(client.createRun('t', run)),
        collect(client.createRun('t', run)),
        collect(client.createThreadAndRun(run)),
      ]);
      expect(scopes).toHaveLength(1);
      expect(calls.map((c) => c.init.headers['Authorization'])).toEqual(['Bearer token-1', 'Bearer token-1', 'Bearer token-1']);
    });

    const failing: [string, TokenCredential['getToken'], RegExp][] = [
      [
        'throws',
        () => {
          throw new Error('secret-client-secret');
        },
        /which threw Error, see `cause`; nothing was sent$/,
      ],
      [
        'rejects',
        () =>
          Promise.reject(Object.assign(new Error('AADSTS7000215 secret-client-secret'), { name: 'CredentialUnavailableError' })),
        /which threw CredentialUnavailableError, see `cause`; nothing was sent$/,
      ],
      ['rejects with a string', () => Promise.reject('secret-client-secret'), /which threw a string; nothing was sent$/],
      ['returns null', async () => null, /which returned null; nothing was sent$/],
      [
        'returns no token',
        async () => ({ token: '', expiresOnTimestamp: Date.now() + 60 * MINUTE }),
        /which returned an object without a token .*; nothing was sent$/,
      ],
    ];
    for (const [what, getToken, message] of failing) {
      it(`fails the stream with network_error before any request when the credential ${what}`, async () => {
        const { fetch, calls } = fakeFetch();
        const client = createAzureAgentsClient({ endpoint: ENDPOINT, credential: { getToken }, fetch });
        const { values, error } = await collect(client.createRun('t', run));
        expect(values).toEqual([]);
        expect(error).toBeInstanceOf(AssistantStreamError);
        expect(error).toMatchObject({ code: 'network_error' });
        const text = (error as Error).message;
        expect(text).toMatch(
          /^createAzureAgentsClient: no token from `credential\.getToken\('https:\/\/ai\.azure\.com\/\.default'\)`, /,
        );
        expect(text).toMatch(message);
        // The credential's own error stays in `cause`, out of the message.
        for (const shown of [text, String(error)]) expect(shown).not.toContain('secret-client-secret');
        expect(calls).toHaveLength(0);
      });
    }

    it('asks again after a failure (a credential that recovers)', async () => {
      const { fetch, calls } = fakeFetch();
      let attempts = 0;
      const credential: TokenCredential = {
        getToken: async () => (++attempts === 1 ? null : { token: 'recovered', expiresOnTimestamp: Date.now() + 60 * MINUTE }),
      };
      const client = createAzureAgentsClient({ endpoint: ENDPOINT, credential, fetch });
      expect((await collect(client.createRun('t', run))).error).toMatchObject({ code: 'network_error' });
      expect((await collect(client.createRun('t', run))).completed).toBe(true);
      expect(calls.map((c) => c.init.headers['Authorization'])).toEqual(['Bearer recovered']);
    });

    it('sends nothing when unsubscribed, or aborted, while the token is asked for', async () => {
      const { fetch, calls } = fakeFetch();
      let give!: (token: AccessToken) => void;
      const credential: TokenCredential = { getToken: () => new Promise<AccessToken>((resolve) => (give = resolve)) };
      const controller = new AbortController();
      const client = createAzureAgentsClient({ endpoint: ENDPOINT, credential, fetch, signal: controller.signal });
      const gone = client.createRun('t', run).subscribe({ error: () => fail('no error after unsubscribe') });
      const aborted = collect(client.createRun('t', run));
      gone.unsubscribe();
      controller.abort('leaving');
      give({ token: 'late', expiresOnTimestamp: Date.now() + 60 * MINUTE });
      expect((await aborted).error).toMatchObject({ code: 'aborted', message: 'The request was aborted: leaving' });
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(calls).toHaveLength(0);
    });
  });

  it('validates its options with a TypeError', () => {
    const credential = fakeCredential().credential;
    const make = (options: unknown) => () => createAzureAgentsClient(options as AzureAgentsClientOptions);
    expect(make(undefined)).toThrow(/options/);
    expect(make({ apiKey: 'k' })).toThrow(/`endpoint` must be an http\(s\) URL/);
    expect(make({ endpoint: 'my-resource.services.ai.azure.com', apiKey: 'k' })).toThrow(/endpoint/);
    expect(make({ endpoint: `${ENDPOINT}?api-version=v1`, apiKey: 'k' })).toThrow(/without a query/);
    expect(make({ endpoint: 'https://user:hunter2@x.test/api', apiKey: 'k', apiVersion: '' })).toThrow(/apiVersion/);
    expect(make({ endpoint: ENDPOINT })).toThrow(
      'createAzureAgentsClient: pass either `credential` (a TokenCredential such as DefaultAzureCredential) or `apiKey`',
    );
    expect(make({ endpoint: ENDPOINT, apiKey: 'k', credential })).toThrow(/, not both$/);
    expect(make({ endpoint: ENDPOINT, apiKey: 42 })).toThrow(/apiKey/);
    expect(make({ endpoint: ENDPOINT, credential: { token: 'x' } })).toThrow(/getToken/);
    expect(make({ endpoint: ENDPOINT, apiKey: 'k', headers: 5 })).toThrow(/headers/);
    expect(make({ endpoint: ENDPOINT, apiKey: 'k', fetch: 'x' })).toThrow(/fetch/);
    expect(make({ endpoint: ENDPOINT, apiKey: 'k', mode: 'loose' })).toThrow(/mode/);
    // The message shows the URL without its credentials.
    expect(make({ endpoint: 'https://user:hunter2@x.test/api?key=hunter2', apiKey: 'k' })).toThrow(
      /, got "https:\/\/\*\*\*@x\.test\/api\?key=\*\*\*"$/,
    );
  });

  it('types: a credential or an apiKey, not both, not neither', () => {
    const { credential } = fakeCredential();
    const ok: AzureAgentsClientOptions[] = [
      { endpoint: ENDPOINT, credential },
      { endpoint: ENDPOINT, apiKey: 'k', apiVersion: '2025-05-15-preview' },
    ];
    // @ts-expect-error neither a credential nor an apiKey
    const neither: AzureAgentsClientOptions = { endpoint: ENDPOINT };
    // @ts-expect-error both
    const both: AzureAgentsClientOptions = { endpoint: ENDPOINT, credential, apiKey: 'k' };
    // @ts-expect-error a credential must have getToken
    const wrong: AzureAgentsClientOptions = { endpoint: ENDPOINT, credential: { token: 'x' } };
    expect([ok, neither, both, wrong]).toHaveLength(4);
  });
});
