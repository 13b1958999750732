/**
 * The mock server's Azure AI Agents dialect over real sockets: Azure's paths (api-version required, bearer token
 * optional), its three scenarios (an MCP run that needs approval, a connected agent, Bing grounding with a
 * url_citation), and the continuation's irregularities as ../shared/spec/AZURE-NOTES.md describes them. The bytes are
 * read with fromSSE (no validation): what is checked here is what the server sends.
 */
import { lastValueFrom, toArray } from 'rxjs';
import { startMockServer, type MockServer } from '../../src/node/mock-server';
import { fromSSE } from '../../src/sse/from-sse';
import { assistantEvents } from '../../src/decode/assistant-events';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ scenario: 'azure-mcp' });
});
afterAll(() => server.close());
beforeEach(() => server.configure({ scenario: 'azure-mcp', bearerToken: undefined, chunkSize: undefined }));

const project = () => `${server.url}/api/projects/my-project`;
const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

interface Frame {
  event: string;
  data: Record<string, any>;
}
async function framesOf(response: Response): Promise<Frame[]> {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const messages = await lastValueFrom(fromSSE(response).pipe(toArray()));
  return messages.map((m) => ({ event: m.event ?? '', data: m.data === '[DONE]' ? {} : JSON.parse(m.data) }));
}
const names = (frames: Frame[]) => frames.map((f) => f.event);

describe('Azure paths', () => {
  it('answers /api/projects/{project}/threads/{thread}/runs and /threads/runs with api-version, recording the dialect', async () => {
    server.configure({ scenario: 'text' });
    const frames = await framesOf(
      await post(`${project()}/threads/thread_az/runs?api-version=v1`, { assistant_id: 'asst_az', stream: true }),
    );
    expect(names(frames).at(-1)).toBe('done');
    expect(frames[0]!.data).toMatchObject({ object: 'thread.run', thread_id: 'thread_az', assistant_id: 'asst_az' });
    expect(server.requests.at(-1)).toMatchObject({ endpoint: 'createRun', dialect: 'azure', status: 200 });
    const created = await framesOf(
      await post(`${project()}/threads/runs?api-version=2025-05-15-preview`, { assistant_id: 'asst_az', stream: true }),
    );
    expect(created[0]!.event).toBe('thread.created');
    expect(server.requests.at(-1)).toMatchObject({ endpoint: 'createThreadAndRun', dialect: 'azure' });
  });

  it.each([
    ['no query', ''],
    ['an empty api-version', '?api-version='],
    ['another parameter only', '?version=v1'],
  ])('answers a request with %s with HTTP 400 and an Azure error body, before reading the body', async (_what, query) => {
    const response = await post(`${project()}/threads/thread_az/runs${query}`, { assistant_id: 'asst_az', stream: true });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({
      error: {
        code: 'MissingApiVersionParameter',
        message: 'The api-version query parameter (?api-version=) is required for all requests.',
      },
    });
  });

  it('does not ask OpenAI paths for an api-version', async () => {
    server.configure({ scenario: 'text' });
    const frames = await framesOf(
      await post(`${server.baseURL}/threads/thread_1/runs`, { assistant_id: 'asst_1', stream: true }),
    );
    expect(names(frames).at(-1)).toBe('done');
    expect(server.requests.at(-1)).toMatchObject({ dialect: 'openai' });
  });

  it('checks a bearer token when told: 401 without one or with a wrong one, in the dialect of the path', async () => {
    server.configure({ scenario: 'text', bearerToken: 'entra-token-1' });
    const azureUrl = `${project()}/threads/thread_az/runs?api-version=v1`;
    const body = { assistant_id: 'asst_az', stream: true };
    const missing = await post(azureUrl, body);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ error: { code: 'Unauthorized', message: expect.stringMatching(/Bearer/) } });
    const wrong = await post(azureUrl, body, { Authorization: 'Bearer entra-token-0' });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error.message).toMatch(/invalid or has expired/);
    const openai = await post(`${server.baseURL}/threads/thread_1/runs`, body, { Authorization: 'Basic abc' });
    expect(openai.status).toBe(401);
    expect((await openai.json()).error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_api_key' });
    expect(names(await framesOf(await post(azureUrl, body, { Authorization: 'Bearer entra-token-1' }))).at(-1)).toBe('done');

    const seen: string[] = [];
    server.configure({ bearerToken: (token) => (seen.push(token), token.startsWith('rotating-')) });
    expect((await post(azureUrl, body, { Authorization: 'Bearer stale' })).status).toBe(401);
    expect((await post(azureUrl, body, { Authorization: 'Bearer rotating-2' })).status).toBe(200);
    expect(seen).toEqual(['stale', 'rotating-2']);
  });
});

describe("the 'azure-mcp' scenario", () => {
  const start = async () => {
    const frames = await framesOf(
      await post(`${project()}/threads/thread_mcp/runs?api-version=v1`, { assistant_id: 'asst_mcp', stream: true }),
    );
    const runId = frames[0]!.data['id'] as string;
    return { frames, runId, submitURL: `${project()}/threads/thread_mcp/runs/${runId}/submit_tool_outputs?api-version=v1` };
  };

  it('streams the tools listed in an activities step (content only in completed), a step created twice, then submit_tool_approval and done', async () => {
    const { frames } = await start();
    expect(names(frames)).toEqual([
      'thread.run.created',
      'thread.run.queued',
      'thread.run.in_progress',
      'thread.run.step.created',
      'thread.run.step.in_progress',
      'thread.run.step.completed',
      'thread.run.step.created',
      'thread.run.step.created',
      'thread.run.step.in_progress',
      'thread.run.step.delta',
      'thread.run.requires_action',
      'done',
    ]);
    expect(frames[3]!.data['step_details']).toEqual({ type: 'activities', activities: [] });
    expect(frames[5]!.data['step_details']).toEqual({
      type: 'activities',
      activities: [
        {
          id: 'step_mcp_list_0',
          type: 'mcp_list_tools',
          server_label: 'microsoft_docs',
          tools: { search_azure_docs: expect.any(Object) },
        },
      ],
    });
    expect(frames[6]!.data).toEqual(frames[7]!.data);
    expect(frames[9]!.data['delta'].step_details.tool_calls).toEqual([
      {
        index: 0,
        id: 'call_mcp_1',
        type: 'mcp',
        name: 'search_azure_docs',
        server_label: 'microsoft_docs',
        arguments: '{"query":"agent service tool approvals"}',
        output: null,
      },
    ]);
    expect(frames[10]!.data).toMatchObject({
      status: 'requires_action',
      required_action: {
        type: 'submit_tool_approval',
        submit_tool_approval: {
          tool_calls: [
            {
              id: 'call_mcp_1',
              type: 'mcp',
              name: 'search_azure_docs',
              server_label: 'microsoft_docs',
              arguments: '{"query":"agent service tool approvals"}',
            },
          ],
        },
      },
    });
    expect(frames[0]!.data['tools']).toEqual([
      { type: 'mcp', server_label: 'microsoft_docs', server_url: 'https://microsoft_docs.example.com/mcp', allowed_tools: [] },
    ]);
  });

  it('continues after an approval with a second run.created, a completed step of the first stream, and the MCP output in a delta after it', async () => {
    const { runId, submitURL } = await start();
    const approval = {
      stream: true,
      tool_approvals: [{ tool_call_id: 'call_mcp_1', approve: true, headers: { 'x-mcp-key': 'k' } }],
    };
    const frames = await framesOf(await post(submitURL, approval));
    expect(server.requests.at(-1)).toMatchObject({ endpoint: 'submitToolOutputs', dialect: 'azure', body: approval });
    expect(names(frames).slice(0, 5)).toEqual([
      'thread.run.created',
      'thread.run.queued',
      'thread.run.in_progress',
      'thread.run.step.completed',
      'thread.run.step.delta',
    ]);
    expect(names(frames).slice(-2)).toEqual(['thread.run.completed', 'done']);
    expect(frames[0]!.data).toMatchObject({ id: runId, status: 'queued' });
    expect(frames[3]!.data).toMatchObject({ id: 'step_mcp', status: 'completed' });
    expect(frames[3]!.data['step_details'].tool_calls[0]).toMatchObject({ id: 'call_mcp_1', type: 'mcp', output: null });
    expect(frames[4]!.data).toEqual({
      id: 'step_mcp',
      object: 'thread.run.step.delta',
      delta: {
        step_details: {
          type: 'tool_calls',
          tool_calls: [{ index: 0, type: 'mcp', output: expect.stringMatching(/search_azure_docs found 3 pages/) }],
        },
      },
    });
    const text = frames.filter((f) => f.event === 'thread.message.completed').map((f) => f.data['content'][0].text.value);
    expect(text).toEqual([expect.stringMatching(/^From microsoft_docs: search_azure_docs found 3 pages/)]);
    // The run is answered: a second submit is a 400.
    expect((await post(submitURL, approval)).status).toBe(400);
  });

  it('continues after a denial without an output delta, and says so', async () => {
    const { submitURL } = await start();
    const frames = await framesOf(
      await post(submitURL, { stream: true, tool_approvals: [{ tool_call_id: 'call_mcp_1', approve: false }] }),
    );
    expect(frames.filter((f) => f.event === 'thread.run.step.delta')).toEqual([]);
    expect(frames.find((f) => f.event === 'thread.message.completed')!.data['content'][0].text.value).toBe(
      'I did not run search_azure_docs: the call was not approved.',
    );
  });

  it.each([
    [
      'tool_outputs instead of approvals',
      { stream: true, tool_outputs: [{ tool_call_id: 'call_mcp_1', output: 'x' }] },
      /waiting for tool approvals/,
    ],
    ['no tool_approvals', { stream: true }, /tool_approvals/],
    [
      'an approval that is not a boolean',
      { stream: true, tool_approvals: [{ tool_call_id: 'call_mcp_1', approve: 'yes' }] },
      /approve: boolean/,
    ],
    [
      'headers that are not strings',
      { stream: true, tool_approvals: [{ tool_call_id: 'call_mcp_1', approve: true, headers: { a: 1 } }] },
      /headers/,
    ],
    [
      'the wrong call',
      { stream: true, tool_approvals: [{ tool_call_id: 'call_other', approve: true }] },
      /Expected tool approvals for call_ids \["call_mcp_1"\]/,
    ],
  ])('rejects %s with a 400, and the run still waits', async (_what, body, message) => {
    const { submitURL } = await start();
    const response = await post(submitURL, body);
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(message);
    const frames = await framesOf(
      await post(submitURL, { stream: true, tool_approvals: [{ tool_call_id: 'call_mcp_1', approve: true }] }),
    );
    expect(names(frames).at(-2)).toBe('thread.run.completed');
  });
});

describe("the 'azure-connected-agent' and 'azure-bing' scenarios", () => {
  it('streams a connected agent: arguments in fragments, the whole output and the sub-agent ids in one later delta', async () => {
    server.configure({ scenario: 'azure-connected-agent', chunkSize: 5 });
    const frames = await framesOf(
      await post(`${project()}/threads/runs?api-version=v1`, { assistant_id: 'asst_1', stream: true }),
    );
    const deltas = frames
      .filter((f) => f.event === 'thread.run.step.delta')
      .map((f) => f.data['delta'].step_details.tool_calls[0]);
    expect(deltas[0]).toEqual({
      index: 0,
      id: 'call_agent_1',
      type: 'connected_agent',
      connected_agent: { name: 'weather_agent', arguments: '', output: '', run_id: null, thread_id: null, assistant_id: null },
    });
    const fragments = deltas.slice(1, -1).map((d) => d.connected_agent.arguments);
    expect(fragments.length).toBeGreaterThan(2);
    expect(fragments.join('')).toBe('{"query":"Weather in Seattle tomorrow?"}');
    expect(deltas.at(-1)).toEqual({
      index: 0,
      type: 'connected_agent',
      connected_agent: {
        output: expect.stringMatching(/^Seattle tomorrow/),
        run_id: 'call_agent_1_run',
        thread_id: 'call_agent_1_thread',
        assistant_id: 'call_agent_1_asst',
      },
    });
    const completed = frames.find((f) => f.event === 'thread.run.step.completed')!.data;
    expect(completed['step_details'].tool_calls[0].connected_agent).toMatchObject({
      arguments: fragments.join(''),
      output: deltas.at(-1).connected_agent.output,
    });
    expect(names(frames).slice(-2)).toEqual(['thread.run.completed', 'done']);
  });

  it('streams bing grounding (each field whole after its placeholder) and an answer with a url_citation annotation delta', async () => {
    server.configure({ scenario: 'azure-bing' });
    const frames = await framesOf(
      await post(`${project()}/threads/thread_b/runs?api-version=v1`, { assistant_id: 'asst_1', stream: true }),
    );
    const calls = frames
      .filter((f) => f.event === 'thread.run.step.delta')
      .map((f) => f.data['delta'].step_details.tool_calls[0]);
    expect(calls.map((c) => c.bing_grounding)).toEqual([
      { requesturl: '', response_metadata: null },
      { requesturl: "https://api.bing.microsoft.com/v7.0/search?q=Euler's Identity site=en.wikipedia.org" },
      { response_metadata: expect.stringMatching(/^\{'market': 'en-US'/) },
    ]);
    const cited = frames.filter((f) => f.event === 'thread.message.delta').at(-1)!.data['delta'].content[0];
    const done = frames.find((f) => f.event === 'thread.message.completed')!.data['content'][0].text;
    expect(cited.text).toEqual({
      value: '【3:0†source】',
      annotations: [
        {
          index: 0,
          type: 'url_citation',
          text: '【3:0†source】',
          start_index: done.value.length - '【3:0†source】'.length,
          end_index: done.value.length,
          url_citation: { url: 'https://en.wikipedia.org/wiki/Euler%27s_identity', title: "Euler's identity - Wikipedia" },
        },
      ],
    });
    expect(done.annotations).toEqual(
      [{ ...cited.text.annotations[0], index: undefined }].map(({ index: _index, ...rest }) => rest),
    );
  });
});

describe('every Azure scenario decodes in lenient mode, in 3-byte writes', () => {
  it.each(['azure-mcp', 'azure-connected-agent', 'azure-bing'] as const)('%s', async (scenario) => {
    server.configure({ scenario, chunkSize: 3 });
    const response = await post(`${project()}/threads/runs?api-version=v1`, { assistant_id: 'asst_1', stream: true });
    const events = await lastValueFrom(assistantEvents(response).pipe(toArray()));
    expect(events[0]!.event).toBe('thread.created');
    expect(events.at(-1)!.event).toBe(scenario === 'azure-mcp' ? 'thread.run.requires_action' : 'thread.run.completed');
  });
});
