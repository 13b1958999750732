import type { AssistantStreamEvent, AssistantStreamEventOf, Run, RunStep } from '../schema';
import {
  messageCompleted,
  messageContentDelta,
  runCompleted,
  runCreated,
  runEvent,
  runInProgress,
  runQueued,
  runStepCompleted,
  runStepCreated,
  runStepInProgress,
  runStepDelta,
  threadCreated,
} from './builders';
import { fragmentsOf, messageEvents, scenarioIds, scenarioRun, type MessageEventsOptions, type ScenarioIds } from './scenarios';

// Builders for Azure AI Agents' dialect (../shared/spec/AZURE-NOTES.md): the approval of an MCP call, the
// tool calls that stream as Azure streams them, `url_citation`, the `activities` step and the continuation's
// lifecycle irregularities. Every event is valid in lenient mode; in strict mode (OpenAI's spec) Azure's types deviate.

/**
 * An MCP call: its id, the tool's name, the server's label and the JSON arguments.
 *
 * @example
 * ```ts
 * import { mcpCallRunEvents, type McpCallSpec } from 'rx-assistant-stream/testing';
 * const call: McpCallSpec = { id: 'call_mcp_1', name: 'search_docs', serverLabel: 'github', arguments: '{"query":"rxjs share"}' };
 * mcpCallRunEvents([call]);
 * ```
 */
export interface McpCallSpec {
  id: string;
  name: string;
  serverLabel: string;
  arguments: string;
}

/** An MCP call as Azure sends it in a required action, flat on the call (a step adds `output`, a delta `index`). */
function mcpCall(call: McpCallSpec) {
  return { id: call.id, type: 'mcp', name: call.name, server_label: call.serverLabel, arguments: call.arguments };
}

/** Events whose data the schema types as OpenAI's: Azure's members are kept whole by lenient mode. */
const azure = <E>(event: unknown): E => event as E;

/**
 * `thread.run.requires_action` asking to approve MCP calls (`required_action.type: "submit_tool_approval"`).
 *
 * @example
 * ```ts
 * import { runRequiresApproval } from 'rx-assistant-stream/testing';
 * runRequiresApproval([{ id: 'call_mcp_1', name: 'search_docs', serverLabel: 'github', arguments: '{}' }]);
 * ```
 */
export function runRequiresApproval(
  calls: McpCallSpec[],
  overrides: Partial<Run> = {},
): AssistantStreamEventOf<'thread.run.requires_action'> {
  const event = runEvent('thread.run.requires_action', overrides);
  const tool_calls = calls.map(mcpCall);
  return azure({
    ...event,
    data: {
      ...event.data,
      required_action: { type: 'submit_tool_approval', submit_tool_approval: { tool_calls } },
      ...overrides,
    },
  });
}

/**
 * Options of {@link mcpCallRunEvents}.
 *
 * @example
 * ```ts
 * import { mcpCallRunEvents, type McpCallRunOptions } from 'rx-assistant-stream/testing';
 * const options: McpCallRunOptions = { stepId: 'step_mcp', listStepId: 'step_list', withThread: true };
 * mcpCallRunEvents([{ id: 'call_1', name: 'search_docs', serverLabel: 'github', arguments: '{}' }], options);
 * ```
 */
export interface McpCallRunOptions extends ScenarioIds {
  /** The tool_calls step of the calls. Default `step_mcp`. */
  stepId?: string;
  /** The `activities` step that lists the server's tools. Default `step_mcp_list`. */
  listStepId?: string;
  withThread?: boolean;
}

/**
 * The first stream of an Azure MCP run that needs approval: the run starts, an `activities` step lists the MCP
 * server's tools (its content only in `step.completed`: `created` has `activities: []`), the tool_calls step is
 * created twice (as Azure sends it), the calls stream in (`arguments` whole, `output: null`), then
 * `thread.run.requires_action` with `submit_tool_approval`. Answer it with {@link toolApprovalsRunEvents}.
 *
 * @example
 * ```ts
 * import { mcpCallRunEvents, toSSE } from 'rx-assistant-stream/testing';
 * toSSE(mcpCallRunEvents([{ id: 'call_mcp_1', name: 'search_docs', serverLabel: 'github', arguments: '{"query":"share"}' }]));
 * ```
 */
export function mcpCallRunEvents(calls: McpCallSpec[], options: McpCallRunOptions = {}): AssistantStreamEvent[] {
  const run = scenarioRun(options);
  const ids = scenarioIds(options);
  const stepId = options.stepId ?? 'step_mcp';
  const listStepId = options.listStepId ?? 'step_mcp_list';
  const labels = [...new Set(calls.map((call) => call.serverLabel))];
  const listStep = azure<Partial<RunStep>>({
    ...ids,
    id: listStepId,
    type: 'activities',
    step_details: { type: 'activities', activities: [] },
  });
  const listed = azure<Partial<RunStep>>({
    ...listStep,
    step_details: {
      type: 'activities',
      activities: labels.map((label, i) => ({
        id: `${listStepId}_${i}`,
        type: 'mcp_list_tools',
        server_label: label,
        tools: Object.fromEntries(
          calls
            .filter((call) => call.serverLabel === label)
            .map((call) => [
              call.name,
              { description: `The ${call.name} tool of ${label}.`, parameters: { type: 'object', properties: {} } },
            ]),
        ),
      })),
    },
  });
  const step: Partial<RunStep> = { ...ids, id: stepId, type: 'tool_calls', step_details: { type: 'tool_calls', tool_calls: [] } };
  const tools = labels.map((label) => ({
    type: 'mcp',
    server_label: label,
    server_url: `https://${label}.example.com/mcp`,
    allowed_tools: [],
  }));
  const withTools = azure<Partial<Run>>({ ...run, tools });
  return [
    ...(options.withThread ? [threadCreated({ id: ids.thread_id })] : []),
    runCreated(withTools),
    runQueued(withTools),
    runInProgress(withTools),
    runStepCreated(listStep),
    runStepInProgress(listStep),
    runStepCompleted(listed),
    runStepCreated(step),
    runStepCreated(step),
    runStepInProgress(step),
    ...calls.map((call, index) => runStepDelta(stepId, [azure({ index, ...mcpCall(call), output: null })])),
    runRequiresApproval(calls, withTools),
  ];
}

/**
 * An MCP call as it ended: approved with an output, or denied.
 *
 * @example
 * ```ts
 * import type { McpCallResult } from 'rx-assistant-stream/testing';
 * const answered: McpCallResult = { id: 'call_mcp_1', name: 'search_docs', serverLabel: 'github', arguments: '{}', approved: true, output: '3 results' };
 * ```
 */
export interface McpCallResult extends McpCallSpec {
  approved: boolean;
  /** The MCP server's output (an approved call). */
  output?: string;
}

/**
 * Options of {@link toolApprovalsRunEvents}.
 *
 * @example
 * ```ts
 * import { toolApprovalsRunEvents, type ToolApprovalsRunOptions } from 'rx-assistant-stream/testing';
 * const options: ToolApprovalsRunOptions = { toolStepId: 'step_mcp', messageId: 'msg_answer' };
 * toolApprovalsRunEvents([{ id: 'call_1', name: 'search_docs', serverLabel: 'github', arguments: '{}', approved: false }], 'Not searched.', options);
 * ```
 */
export interface ToolApprovalsRunOptions extends MessageEventsOptions {
  /** The tool_calls step of the approved calls (the `stepId` given to {@link mcpCallRunEvents}). Default `step_mcp`. */
  toolStepId?: string;
}

/**
 * The continuation after `submit_tool_approval`, with Azure's irregularities: a second `thread.run.created` for the
 * same run, then `step.completed` for the MCP step created in the first stream (its calls' `output` still null), then
 * one `step.delta` per approved call after that completion, carrying the output; then the answer and
 * `thread.run.completed`.
 *
 * @example
 * ```ts
 * import { toolApprovalsRunEvents } from 'rx-assistant-stream/testing';
 * const call = { id: 'call_mcp_1', name: 'search_docs', serverLabel: 'github', arguments: '{}', approved: true, output: '3 results' };
 * toolApprovalsRunEvents([call], 'I found 3 results.');
 * ```
 */
export function toolApprovalsRunEvents(
  calls: McpCallResult[],
  text: string,
  options: ToolApprovalsRunOptions = {},
): AssistantStreamEvent[] {
  const run = scenarioRun(options);
  const stepId = options.toolStepId ?? 'step_mcp';
  const toolCalls = calls.map((call) => ({ ...mcpCall(call), output: null }));
  const completed = runStepCompleted(
    azure({
      ...scenarioIds(options),
      id: stepId,
      type: 'tool_calls',
      step_details: { type: 'tool_calls', tool_calls: toolCalls },
    }),
  );
  const outputs = calls.flatMap((call, index) =>
    call.approved && call.output !== undefined
      ? [runStepDelta(stepId, [azure({ index, type: 'mcp', output: call.output })])]
      : [],
  );
  return [
    runCreated({ ...run, status: 'queued' }),
    runQueued(run),
    runInProgress(run),
    completed,
    ...outputs,
    ...messageEvents(text, { stepId: 'step_answer', messageId: 'msg_answer', ...options }),
    runCompleted(run),
  ];
}

/**
 * A call to a connected agent: the sub-agent's name, the JSON arguments, its whole output.
 *
 * @example
 * ```ts
 * import { connectedAgentStepEvents, type ConnectedAgentCallSpec } from 'rx-assistant-stream/testing';
 * const call: ConnectedAgentCallSpec = { id: 'call_agent_1', name: 'stock_price_bot', arguments: '{"query":"MSFT"}', output: 'MSFT is at 420 USD.' };
 * connectedAgentStepEvents(call);
 * ```
 */
export interface ConnectedAgentCallSpec {
  id: string;
  name: string;
  arguments: string;
  output: string;
}

/**
 * Options of {@link connectedAgentStepEvents} and {@link bingGroundingStepEvents}.
 *
 * @example
 * ```ts
 * import { bingGroundingStepEvents, type AzureStepOptions } from 'rx-assistant-stream/testing';
 * const options: AzureStepOptions = { stepId: 'step_search', runId: 'run_2' };
 * bingGroundingStepEvents({ id: 'call_bing', query: 'rxjs share' }, options);
 * ```
 */
export interface AzureStepOptions extends ScenarioIds {
  stepId?: string;
  /** How `arguments` are cut into deltas. Default `fragmentsOf`. */
  fragments?: (text: string) => string[];
}

/**
 * A `connected_agent` tool call step as Azure streams it: a first delta with the name, `arguments: ""`, `output: ""`
 * and null sub-agent ids, then `arguments` in fragments, then one delta with the whole `output` and the sub-agent's
 * run, thread and assistant ids; then `step.completed`.
 *
 * @example
 * ```ts
 * import { connectedAgentStepEvents } from 'rx-assistant-stream/testing';
 * connectedAgentStepEvents({ id: 'call_agent_1', name: 'stock_price_bot', arguments: '{"query":"MSFT"}', output: '420 USD' });
 * ```
 */
export function connectedAgentStepEvents(call: ConnectedAgentCallSpec, options: AzureStepOptions = {}): AssistantStreamEvent[] {
  const stepId = options.stepId ?? 'step_agent';
  const { fragments = fragmentsOf } = options;
  const sub = { run_id: `${call.id}_run`, thread_id: `${call.id}_thread`, assistant_id: `${call.id}_asst` };
  const step: Partial<RunStep> = {
    ...scenarioIds(options),
    id: stepId,
    type: 'tool_calls',
    step_details: { type: 'tool_calls', tool_calls: [] },
  };
  const final = {
    id: call.id,
    type: 'connected_agent',
    connected_agent: { name: call.name, arguments: call.arguments, output: call.output, ...sub },
  };
  return [
    runStepCreated(step),
    runStepInProgress(step),
    runStepDelta(stepId, [
      azure({
        index: 0,
        id: call.id,
        type: 'connected_agent',
        connected_agent: { name: call.name, arguments: '', output: '', run_id: null, thread_id: null, assistant_id: null },
      }),
    ]),
    ...fragments(call.arguments).map((fragment) =>
      runStepDelta(stepId, [azure({ index: 0, type: 'connected_agent', connected_agent: { arguments: fragment } })]),
    ),
    runStepDelta(stepId, [azure({ index: 0, type: 'connected_agent', connected_agent: { output: call.output, ...sub } })]),
    runStepCompleted(azure({ ...step, step_details: { type: 'tool_calls', tool_calls: [final] } })),
  ];
}

/**
 * A Bing grounding search: the call's id and the query.
 *
 * @example
 * ```ts
 * import { bingGroundingStepEvents, type BingGroundingCallSpec } from 'rx-assistant-stream/testing';
 * const call: BingGroundingCallSpec = { id: 'call_bing_1', query: "Euler's identity" };
 * bingGroundingStepEvents(call);
 * ```
 */
export interface BingGroundingCallSpec {
  id: string;
  query: string;
}

/**
 * A `bing_grounding` tool call step as Azure streams it: `{ requesturl: "", response_metadata: null }`, then the
 * whole `requesturl`, then the whole `response_metadata` (a Python-repr string, as Azure sends), each once after its
 * placeholder; then `step.completed`.
 *
 * @example
 * ```ts
 * import { bingGroundingStepEvents } from 'rx-assistant-stream/testing';
 * bingGroundingStepEvents({ id: 'call_bing_1', query: "Euler's identity" });
 * ```
 */
export function bingGroundingStepEvents(call: BingGroundingCallSpec, options: AzureStepOptions = {}): AssistantStreamEvent[] {
  const stepId = options.stepId ?? 'step_bing';
  const requesturl = `https://api.bing.microsoft.com/v7.0/search?q=${call.query}`;
  const response_metadata = "{'market': 'en-US', 'num_docs_retrieved': 5, 'num_docs_actually_used': 3}";
  const step: Partial<RunStep> = {
    ...scenarioIds(options),
    id: stepId,
    type: 'tool_calls',
    step_details: { type: 'tool_calls', tool_calls: [] },
  };
  const delta = (bing_grounding: Record<string, unknown>, first = false) =>
    runStepDelta(stepId, [azure({ index: 0, ...(first ? { id: call.id } : {}), type: 'bing_grounding', bing_grounding })]);
  return [
    runStepCreated(step),
    runStepInProgress(step),
    delta({ requesturl: '', response_metadata: null }, true),
    delta({ requesturl }),
    delta({ response_metadata }),
    runStepCompleted(
      azure({
        ...step,
        step_details: {
          type: 'tool_calls',
          tool_calls: [{ id: call.id, type: 'bing_grounding', bing_grounding: { requesturl, response_metadata } }],
        },
      }),
    ),
  ];
}

/**
 * A source cited with a `url_citation` annotation.
 *
 * @example
 * ```ts
 * import { urlCitationMessageEvents, type UrlCitationSpec } from 'rx-assistant-stream/testing';
 * const source: UrlCitationSpec = { url: 'https://en.wikipedia.org/wiki/Euler%27s_identity', title: "Euler's identity - Wikipedia" };
 * urlCitationMessageEvents('It links five constants.', source);
 * ```
 */
export interface UrlCitationSpec {
  url: string;
  title: string;
  /** The marker in the text. Default `【3:0†source】`. */
  marker?: string;
}

/**
 * A message step whose text streams in fragments, then the citation marker arrives in one delta with its
 * `url_citation` annotation (at `index` 0, as Azure sends it); the completed message holds the text, the marker and
 * the annotation.
 *
 * @example
 * ```ts
 * import { urlCitationMessageEvents } from 'rx-assistant-stream/testing';
 * urlCitationMessageEvents('Euler’s identity links five constants.', { url: 'https://en.wikipedia.org/wiki/Euler%27s_identity', title: 'Wikipedia' });
 * ```
 */
export function urlCitationMessageEvents(
  text: string,
  source: UrlCitationSpec,
  options: MessageEventsOptions = {},
): AssistantStreamEvent[] {
  const events = messageEvents(text, options);
  const stepCompleted = events.pop()!;
  const { data: completed } = events.pop() as AssistantStreamEventOf<'thread.message.completed'>;
  const marker = source.marker ?? '【3:0†source】';
  const annotation = {
    type: 'url_citation',
    text: marker,
    start_index: text.length,
    end_index: text.length + marker.length,
    url_citation: { url: source.url, title: source.title },
  };
  const content = [{ type: 'text', text: { value: text + marker, annotations: [annotation] } }];
  return [
    ...events,
    messageContentDelta(completed.id, [
      azure({ index: 0, type: 'text', text: { value: marker, annotations: [{ index: 0, ...annotation }] } }),
    ]),
    messageCompleted(text + marker, azure({ ...completed, content })),
    stepCompleted,
  ];
}
