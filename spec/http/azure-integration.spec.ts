// Loopback: the mock server's Azure MCP scenario (approval, then the continuation's irregularities) through
// createAzureAgentsClient with a fake credential and runWithTools({ approve }), over real HTTP.
import { from, lastValueFrom, toArray } from 'rxjs';
import { createAzureAgentsClient } from '../../src/http/azure-agents-client';
import type { TokenCredential } from '../../src/http/bearer-token';
import { runWithTools } from '../../src/http/run-with-tools';
import { startMockServer, type MockServer } from '../../src/node/mock-server';
import { collectRunResult } from '../../src/operators/collect-run-result';
import { textDeltas } from '../../src/operators/text-deltas';
import type { RequiredMcpToolCall } from '../../src/schema';
import { collect } from '../support/collect';

const calls = [
  { id: 'call_docs', name: 'search_docs', serverLabel: 'learn', arguments: '{"query":"api-version"}' },
  { id: 'call_drop', name: 'drop_index', serverLabel: 'search_admin', arguments: '{"index":"prod"}' },
];

/** A credential that hands out `token-1`, `token-2`... valid for an hour, and counts how often it was asked. */
function fakeCredential() {
  const asked: unknown[] = [];
  const credential: TokenCredential = {
    getToken: async (scope) => {
      asked.push(scope);
      return { token: `token-${asked.length}`, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
  return { credential, asked };
}

describe('Azure MCP approval over loopback (createAzureAgentsClient + runWithTools({ approve }))', () => {
  let server: MockServer;
  const tokensSeen: string[] = [];

  beforeAll(async () => {
    server = await startMockServer({
      scenario: {
        type: 'azure-mcp',
        calls,
        output: (call, approval) => `${call.name} ran with ${approval.headers?.['Authorization'] ?? 'no auth'}`,
        answer: (results) =>
          results.map((r) => (r.approved ? `Approved ${r.name}: ${r.output}.` : `Denied ${r.name}.`)).join(' '),
      },
      chunkSize: 64, // the frames cut in pieces, as the network does
      bearerToken: (token) => {
        tokensSeen.push(token);
        return token.startsWith('token-');
      },
    });
  });
  afterAll(() => server.close());

  it('approves, continues through the irregularities, and ends with the final text', async () => {
    const { credential, asked } = fakeCredential();
    const client = createAzureAgentsClient({ endpoint: `${server.url}/api/projects/demo`, credential });
    const approved: RequiredMcpToolCall[] = [];
    const run$ = runWithTools(
      client.createThreadAndRun({
        assistant_id: 'asst_mcp',
        thread: { messages: [{ role: 'user', content: 'Look up api-version.' }] },
      }),
      {
        client,
        approve: (call) => {
          approved.push(call);
          return call.server_label === 'learn' ? { approve: true, headers: { Authorization: 'Bearer mcp-secret' } } : false;
        },
      },
    );
    const { values: events, error, completed } = await collect(run$);
    expect(error).toBeUndefined();
    expect(completed).toBe(true);

    // The approval: asked once per call, both answers in one body, on the run's submit_tool_outputs URL.
    expect(approved.map((c) => [c.id, c.type, c.name, c.server_label])).toEqual([
      ['call_docs', 'mcp', 'search_docs', 'learn'],
      ['call_drop', 'mcp', 'drop_index', 'search_admin'],
    ]);
    const requests = server.requests;
    expect(requests.map((r) => r.endpoint)).toEqual(['createThreadAndRun', 'submitToolOutputs']);
    const runId = events.find((e) => e.event === 'thread.run.requires_action')!.data as { id: string; thread_id: string };
    expect(requests[1]!.path).toBe(
      `/api/projects/demo/threads/${runId.thread_id}/runs/${runId.id}/submit_tool_outputs?api-version=v1`,
    );
    expect(requests[1]!.body).toEqual({
      stream: true,
      tool_approvals: [
        { tool_call_id: 'call_docs', approve: true, headers: { Authorization: 'Bearer mcp-secret' } },
        { tool_call_id: 'call_drop', approve: false },
      ],
    });

    // A token on every request (asked once: it is still fresh), api-version on every URL, no OpenAI-Beta.
    expect(asked).toEqual(['https://ai.azure.com/.default']);
    for (const request of requests) {
      expect(request.headers.authorization).toBe('Bearer token-1');
      expect(new URL(request.path, server.url).searchParams.get('api-version')).toBe('v1');
      expect(request.headers['openai-beta']).toBeUndefined();
    }
    expect(tokensSeen).toEqual(['token-1', 'token-1']);

    // The continuation's irregularities came through, in one stream.
    const names = events.map((e) => e.event);
    expect(names.filter((n) => n === 'thread.run.created')).toHaveLength(2);
    const pause = names.indexOf('thread.run.requires_action');
    const continuation = events.slice(pause + 1);
    const stepIdsCreatedBefore = new Set(
      events.slice(0, pause + 1).flatMap((e) => (e.event === 'thread.run.step.created' ? [(e.data as { id: string }).id] : [])),
    );
    const firstCompleted = continuation.find((e) => e.event === 'thread.run.step.completed');
    expect(firstCompleted).toBeDefined();
    const reopened = (firstCompleted!.data as { id: string }).id;
    expect(stepIdsCreatedBefore.has(reopened)).toBe(true); // completed in this stream, created in the first one
    expect(continuation.some((e) => e.event === 'thread.run.step.created' && (e.data as { id: string }).id === reopened)).toBe(
      false,
    );
    const completedAt = continuation.indexOf(firstCompleted!);
    expect(
      continuation
        .slice(completedAt + 1)
        .some((e) => e.event === 'thread.run.step.delta' && (e.data as { id: string }).id === reopened),
    ).toBe(true); // a delta after its step's completed: the MCP output
    expect(names.at(-1)).toBe('thread.run.completed');

    // The final text, live and accumulated.
    const expectedText = 'Approved search_docs: search_docs ran with Bearer mcp-secret. Denied drop_index.';
    const text = (await lastValueFrom(from(events).pipe(textDeltas(), toArray()))).join('');
    expect(text).toBe(expectedText);
    const result = await lastValueFrom(from(events).pipe(collectRunResult()));
    expect(result.run?.status).toBe('completed');
    const last = result.messages.at(-1)!;
    expect(last.content.map((part) => (part.type === 'text' ? part.text.value : '')).join('')).toBe(expectedText);
  });

  it('fails before any request when the credential has no token', async () => {
    const before = server.requests.length;
    const client = createAzureAgentsClient({
      endpoint: `${server.url}/api/projects/demo`,
      credential: { getToken: async () => null },
    });
    const { error } = await collect(
      runWithTools(client.createThreadAndRun({ assistant_id: 'asst_mcp' }), { client, approve: () => true }),
    );
    expect(error).toMatchObject({ code: 'network_error' });
    expect(server.requests.length).toBe(before);
  });
});
