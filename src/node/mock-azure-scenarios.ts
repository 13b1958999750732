import type { ServerErrorBody } from '../errors';
import type { AssistantStreamEvent } from '../schema';
import type { ScenarioRequest } from './mock-scenarios';
import { runCompleted, runCreated, runInProgress, runQueued, threadCreated } from '../testing/builders';
import {
  bingGroundingStepEvents,
  connectedAgentStepEvents,
  mcpCallRunEvents,
  toolApprovalsRunEvents,
  urlCitationMessageEvents,
  type ConnectedAgentCallSpec,
  type McpCallResult,
  type McpCallSpec,
  type UrlCitationSpec,
} from '../testing/azure';
import { messageEvents } from '../testing/scenarios';

// Azure AI Agents' runs, as the mock server plays them (../shared/spec/AZURE-NOTES.md): the MCP approval round trip
// with the continuation's irregularities, a connected agent, Bing grounding with a url_citation.

/**
 * One approval the mock server received: `{ tool_call_id, approve, headers? }` of `tool_approvals`.
 *
 * @example
 * ```ts
 * import { startMockServer, type MockToolApproval } from 'rx-assistant-stream/node';
 *
 * // What the MCP server answers depends on the headers the client forwarded with its approval.
 * const output = (call: { name: string }, approval: MockToolApproval) =>
 *   approval.headers?.['Authorization'] ? `${call.name}: 3 results` : `${call.name}: 401 from the MCP server`;
 * const server = await startMockServer({ scenario: { type: 'azure-mcp', output } });
 * ```
 */
export interface MockToolApproval {
  tool_call_id: string;
  approve: boolean;
  headers?: Record<string, string>;
}

/**
 * Azure's MCP run that needs approval: the first stream lists the MCP server's tools (an `activities` step), streams
 * the calls and pauses at `required_action.type: "submit_tool_approval"`; a submit with `tool_approvals` for exactly
 * those calls resumes it with a second `thread.run.created`, `step.completed` for the step of the first stream, the
 * MCP outputs in step deltas after that completion, and the answer. A submit with `tool_outputs` instead is a 400.
 *
 * @example
 * ```ts
 * import { startMockServer, type MockAzureMcpScenario } from 'rx-assistant-stream/node';
 *
 * const scenario: MockAzureMcpScenario = {
 *   type: 'azure-mcp',
 *   calls: [{ id: 'call_docs', name: 'search_docs', serverLabel: 'learn', arguments: '{"query":"api-version"}' }],
 *   output: () => 'api-version=v1 is the GA version.',
 *   answer: ([result]) => (result?.approved ? `The docs say: ${result.output}` : 'I could not search the docs.'),
 * };
 * const server = await startMockServer({ scenario }); // Azure paths: `${server.url}/api/projects/demo?api-version=v1`
 * ```
 */
export interface MockAzureMcpScenario {
  type: 'azure-mcp';
  /** The calls to approve. Default: one `search_azure_docs` call on the `microsoft_docs` server. */
  calls?: McpCallSpec[];
  /** The MCP server's output for an approved call. Default: a short sentence naming the tool. */
  output?: (call: McpCallSpec, approval: MockToolApproval) => string;
  /** The final answer, from every call's result. Default: a sentence quoting the outputs, or saying what was denied. */
  answer?: (results: McpCallResult[]) => string;
}

/**
 * Azure's connected-agent run: the call's `arguments` stream in fragments, the sub-agent's whole `output` (and its
 * run, thread and assistant ids) come in one later delta, then the answer.
 *
 * @example
 * ```ts
 * import { startMockServer, type MockAzureConnectedAgentScenario } from 'rx-assistant-stream/node';
 *
 * const scenario: MockAzureConnectedAgentScenario = {
 *   type: 'azure-connected-agent',
 *   call: { id: 'call_stocks', name: 'stock_price_bot', arguments: '{"ticker":"MSFT"}', output: 'MSFT closed at 420.17 USD.' },
 *   text: 'Microsoft closed at 420.17 USD.',
 * };
 * const server = await startMockServer({ scenario, chunkSize: 5 });
 * ```
 */
export interface MockAzureConnectedAgentScenario {
  type: 'azure-connected-agent';
  call?: ConnectedAgentCallSpec;
  text?: string;
}

/**
 * Azure's Bing grounding run: a `bing_grounding` call whose fields come whole after their placeholders, then an
 * answer whose citation marker arrives with a `url_citation` annotation delta.
 *
 * @example
 * ```ts
 * import { startMockServer, type MockAzureBingScenario } from 'rx-assistant-stream/node';
 *
 * const scenario: MockAzureBingScenario = {
 *   type: 'azure-bing',
 *   query: 'RxJS share operator',
 *   text: 'share() multicasts one subscription to many subscribers.',
 *   citation: { url: 'https://rxjs.dev/api/operators/share', title: 'share - RxJS' },
 * };
 * const server = await startMockServer({ scenario });
 * ```
 */
export interface MockAzureBingScenario {
  type: 'azure-bing';
  query?: string;
  text?: string;
  citation?: UrlCitationSpec;
}

/**
 * Azure's scenarios by name, with their defaults.
 *
 * @example
 * ```ts
 * import { startMockServer, type MockAzureScenarioName } from 'rx-assistant-stream/node';
 *
 * const name: MockAzureScenarioName = 'azure-bing';
 * const server = await startMockServer({ scenario: name }); // POST `${server.url}/api/projects/p/threads/runs?api-version=v1`
 * ```
 */
export type MockAzureScenarioName = 'azure-mcp' | 'azure-connected-agent' | 'azure-bing';

/** Events to stream, or an HTTP error. */
export type AzureScenarioAnswer = { events: AssistantStreamEvent[] } | { status: number; error: ServerErrorBody };

const DEFAULT_MCP_CALLS: McpCallSpec[] = [
  {
    id: 'call_mcp_1',
    name: 'search_azure_docs',
    serverLabel: 'microsoft_docs',
    arguments: '{"query":"agent service tool approvals"}',
  },
];
const DEFAULT_AGENT_CALL: ConnectedAgentCallSpec = {
  id: 'call_agent_1',
  name: 'weather_agent',
  arguments: '{"query":"Weather in Seattle tomorrow?"}',
  output: 'Seattle tomorrow: showers in the morning, 12 °C, clearing in the afternoon.',
};
const DEFAULT_CITATION: UrlCitationSpec = {
  url: 'https://en.wikipedia.org/wiki/Euler%27s_identity',
  title: "Euler's identity - Wikipedia",
};

const invalid = (message: string, param: string | null = null): { status: number; error: ServerErrorBody } => ({
  status: 400,
  error: { message, type: 'invalid_request_error', param, code: null },
});

/** Answers the requests of an Azure scenario (validating it with a `TypeError`). */
export function createAzurePlayer(spec: MockAzureMcpScenario | MockAzureConnectedAgentScenario | MockAzureBingScenario): {
  answer(request: ScenarioRequest): AzureScenarioAnswer;
} {
  switch (spec.type) {
    case 'azure-mcp':
      return mcpPlayer(spec);
    case 'azure-connected-agent': {
      const call = spec.call ?? DEFAULT_AGENT_CALL;
      const text = spec.text ?? `The weather agent says: ${call.output}`;
      return singleStream((ids) => connectedAgentStepEvents(call, { ...ids, stepId: 'step_agent' }), text);
    }
    case 'azure-bing': {
      const query = spec.query ?? "Euler's Identity site=en.wikipedia.org";
      const text = spec.text ?? 'Euler’s identity, e^(iπ) + 1 = 0, links five fundamental constants of mathematics. ';
      const citation = spec.citation ?? DEFAULT_CITATION;
      return singleStream(
        (ids) => bingGroundingStepEvents({ id: 'call_bing_1', query }, { ...ids, stepId: 'step_bing' }),
        undefined,
        (ids) => urlCitationMessageEvents(text, citation, { ...ids, stepId: 'step_answer', messageId: 'msg_answer' }),
      );
    }
  }
}

interface RunIds {
  threadId: string;
  runId: string;
  assistantId?: string;
}

function idsOf(request: ScenarioRequest): RunIds {
  const assistantId = typeof request.body['assistant_id'] === 'string' ? request.body['assistant_id'] : undefined;
  return { threadId: request.threadId, runId: request.runId, ...(assistantId ? { assistantId } : {}) };
}

/** A run that needs no round trip: run created, the tool step, the answer, run completed. */
function singleStream(
  toolStep: (ids: RunIds) => AssistantStreamEvent[],
  text: string | undefined,
  answer: (ids: RunIds) => AssistantStreamEvent[] = (ids) =>
    messageEvents(text ?? '', { ...ids, stepId: 'step_answer', messageId: 'msg_answer' }),
): { answer(request: ScenarioRequest): AzureScenarioAnswer } {
  return {
    answer(request) {
      if (request.endpoint === 'submitToolOutputs') return invalid(`Run ${request.runId} is not waiting for tool outputs.`);
      const ids = idsOf(request);
      const run = { id: ids.runId, thread_id: ids.threadId, ...(ids.assistantId ? { assistant_id: ids.assistantId } : {}) };
      return {
        events: [
          ...(request.endpoint === 'createThreadAndRun' ? [threadCreated({ id: ids.threadId })] : []),
          runCreated(run),
          runQueued(run),
          runInProgress(run),
          ...toolStep(ids),
          ...answer(ids),
          runCompleted(run),
        ],
      };
    },
  };
}

function mcpPlayer(spec: MockAzureMcpScenario): { answer(request: ScenarioRequest): AzureScenarioAnswer } {
  const calls = spec.calls ?? DEFAULT_MCP_CALLS;
  if (!Array.isArray(calls) || calls.length === 0)
    throw new TypeError(
      'startMockServer: an azure-mcp scenario needs `calls`, a non-empty array of { id, name, serverLabel, arguments }',
    );
  const output =
    spec.output ??
    ((call: McpCallSpec) => `${call.name} found 3 pages: approvals are asked per call, answered with tool_approvals.`);
  const answer =
    spec.answer ??
    ((results: McpCallResult[]) =>
      results
        .map((r) => (r.approved ? `From ${r.serverLabel}: ${r.output}` : `I did not run ${r.name}: the call was not approved.`))
        .join(' '));
  const pending = new Map<string, RunIds>();
  return {
    answer(request) {
      const ids = idsOf(request);
      if (request.endpoint !== 'submitToolOutputs') {
        pending.set(request.runId, ids);
        return { events: mcpCallRunEvents(calls, { ...ids, withThread: request.endpoint === 'createThreadAndRun' }) };
      }
      const started = pending.get(request.runId);
      if (!started) return invalid(`Run ${request.runId} is not waiting for tool approvals.`);
      if (request.body['tool_approvals'] === undefined && request.body['tool_outputs'] !== undefined) {
        return invalid(
          `Run ${request.runId} is waiting for tool approvals (submit_tool_approval): send tool_approvals, not tool_outputs.`,
          'tool_approvals',
        );
      }
      const approvals = checkApprovals(request.body['tool_approvals'], calls);
      if ('status' in approvals) return approvals;
      pending.delete(request.runId);
      const results: McpCallResult[] = calls.map((call) => {
        const approval = approvals.find((a) => a.tool_call_id === call.id)!;
        return approval.approve ? { ...call, approved: true, output: output(call, approval) } : { ...call, approved: false };
      });
      return { events: toolApprovalsRunEvents(results, answer(results), { ...started, toolStepId: 'step_mcp' }) };
    },
  };
}

function checkApprovals(value: unknown, calls: McpCallSpec[]): MockToolApproval[] | { status: number; error: ServerErrorBody } {
  if (!Array.isArray(value)) return invalid("Missing required parameter: 'tool_approvals'.", 'tool_approvals');
  const approvals: MockToolApproval[] = [];
  for (const item of value) {
    const { tool_call_id, approve, headers } = (item ?? {}) as Record<string, unknown>;
    const headersOk =
      headers === undefined ||
      (typeof headers === 'object' &&
        headers !== null &&
        !Array.isArray(headers) &&
        Object.values(headers).every((v) => typeof v === 'string'));
    if (typeof tool_call_id !== 'string' || typeof approve !== 'boolean' || !headersOk) {
      return invalid(
        'Each tool approval must be { tool_call_id: string, approve: boolean, headers?: { [name]: string } }.',
        'tool_approvals',
      );
    }
    approvals.push({ tool_call_id, approve, ...(headers === undefined ? {} : { headers: headers as Record<string, string> }) });
  }
  const expected = calls.map((c) => c.id).sort();
  const got = approvals.map((a) => a.tool_call_id).sort();
  if (expected.join('\u0000') !== got.join('\u0000')) {
    return invalid(
      `Expected tool approvals for call_ids ${JSON.stringify(expected)}, got ${JSON.stringify(got)}.`,
      'tool_approvals',
    );
  }
  return approvals;
}
