import { isRight } from 'fp-ts/Either';
import { getCodecs, type SchemaMode } from '../../src/schema';
import { check, readFrames } from './support';

const lenient = getCodecs('lenient');
const strict = getCodecs('strict');

// Azure AI Agents' dialect (shared/spec/AZURE-NOTES.md), as the recordings send it.
const bingCall = {
  id: 'call_b1',
  type: 'bing_grounding',
  bing_grounding: { requesturl: 'https://api.bing.microsoft.com/v7.0/search?q=euler', response_metadata: "{'market': 'en-US'}" },
};
const customSearchCall = {
  id: 'call_b2',
  type: 'bing_custom_search',
  bing_custom_search: { requesturl: '', response_metadata: null },
};
const aiSearchCall = {
  id: 'call_s1',
  type: 'azure_ai_search',
  azure_ai_search: { input: 'q=hotels', output: "{'summary': 'x'}" },
};
const connectedAgentCall = {
  id: 'call_a1',
  type: 'connected_agent',
  connected_agent: {
    name: 'stock_bot',
    arguments: '{"ticker":"MSFT"}',
    output: 'It is 500.',
    run_id: 'run_s',
    thread_id: 'thread_s',
    assistant_id: 'asst_s',
  },
};
const mcpCall = { id: 'call_m1', type: 'mcp', name: 'search_repos', server_label: 'github', arguments: '{}', output: null };
const openapiCall = {
  id: 'call_o1',
  type: 'openapi',
  function: { name: 'get_weather', arguments: '{"city":"Oslo"}', output: null },
};
const openCalls = [
  'azure_function',
  'deep_research',
  'fabric_dataagent',
  'sharepoint_grounding',
  'browser_automation',
  'computer_use_preview',
].map((type) => ({ id: `call_${type}`, type, [type]: { anything: [1, 'two'] } }));

const deltas = [
  { index: 0, id: 'call_b1', type: 'bing_grounding', bing_grounding: { requesturl: '', response_metadata: null } },
  { index: 0, type: 'bing_grounding', bing_grounding: { requesturl: 'https://api.bing.microsoft.com/v7.0/search?q=euler' } },
  { index: 0, type: 'bing_custom_search', bing_custom_search: { response_metadata: "{'market': 'en-US'}" } },
  { index: 1, id: 'call_s1', type: 'azure_ai_search', azure_ai_search: { input: null, output: null } },
  {
    index: 2,
    id: 'call_a1',
    type: 'connected_agent',
    connected_agent: { name: 'stock_bot', arguments: '', output: '', run_id: null },
  },
  { index: 2, type: 'connected_agent', connected_agent: { arguments: '{"' } },
  { index: 3, id: 'call_m1', type: 'mcp', name: 'search_repos', server_label: 'github', arguments: '{}', output: null },
  { index: 3, type: 'mcp', output: '[{"name":"rx"}]' },
  { index: 4, id: 'call_o1', type: 'openapi', function: { name: 'get_weather', arguments: '', output: null } },
  { index: 4, type: 'openapi', function: { arguments: '{"city"' } },
  { index: 5, type: 'deep_research', deep_research: { input: 'x' } },
  { index: 6, type: 'computer_use_preview' },
];

const run = (over: object) => ({
  id: 'run_r1',
  object: 'thread.run',
  created_at: 1754713536,
  thread_id: 'thread_t1',
  assistant_id: 'asst_a1',
  status: 'requires_action',
  required_action: null,
  last_error: null,
  expires_at: null,
  started_at: 1754713536,
  cancelled_at: null,
  failed_at: null,
  completed_at: null,
  model: 'gpt-4o',
  instructions: 'You are helpful agent',
  tools: [],
  metadata: {},
  usage: null,
  incomplete_details: null,
  max_prompt_tokens: null,
  max_completion_tokens: null,
  truncation_strategy: { type: 'auto', last_messages: null },
  tool_choice: 'auto',
  parallel_tool_calls: true,
  response_format: 'auto',
  ...over,
});
const approval = {
  type: 'submit_tool_approval',
  submit_tool_approval: {
    tool_calls: [{ id: 'call_m1', type: 'mcp', name: 'search_repos', server_label: 'github', arguments: '{"q":"rx"}' }],
  },
};
const step = (stepDetails: object) => ({
  id: 'step_s1',
  object: 'thread.run.step',
  created_at: 1754713537,
  assistant_id: 'asst_a1',
  thread_id: 'thread_t1',
  run_id: 'run_r1',
  type: (stepDetails as { type: string }).type,
  status: 'completed',
  step_details: stepDetails,
  last_error: null,
  cancelled_at: null,
  failed_at: null,
  completed_at: 1754713538,
  expires_at: 1754715336,
  usage: null,
});
const activities = {
  type: 'activities',
  activities: [
    {
      id: 'act_1',
      type: 'mcp_list_tools',
      server_label: 'github',
      tools: { search_repos: { description: 'Searches repositories.', parameters: { type: 'object', properties: {} } } },
    },
  ],
};
const urlCitation = {
  type: 'url_citation',
  text: '【3:0†source】',
  start_index: 10,
  end_index: 22,
  url_citation: { url: 'www.microsoft.com', title: 'Microsoft' }, // a URL without a scheme, as Azure sends some
};
const textWithCitation = { type: 'text', text: { value: 'See here 【3:0†source】.', annotations: [urlCitation] } };

describe('schema codecs: the Azure AI Agents dialect', () => {
  describe('lenient mode decodes each Azure type, keeping every field', () => {
    it.each([bingCall, customSearchCall, aiSearchCall, connectedAgentCall, mcpCall, openapiCall, ...openCalls])(
      'a $type tool call',
      (call) => {
        expect(check(lenient.ToolCall, call)).toEqual([]);
        const decoded = lenient.RunStep.decode(step({ type: 'tool_calls', tool_calls: [call] }));
        expect(isRight(decoded) && decoded.right.step_details).toEqual({ type: 'tool_calls', tool_calls: [call] });
      },
    );

    it.each(deltas.map((delta) => [`${delta.type} #${delta.index}`, delta] as const))('a %s tool call delta', (_label, delta) => {
      expect(check(lenient.ToolCallDelta, delta)).toEqual([]);
      const data = {
        id: 'step_s1',
        object: 'thread.run.step.delta',
        delta: { step_details: { type: 'tool_calls', tool_calls: [delta] } },
      };
      expect(check(lenient.RunStepDelta, data)).toEqual([]);
    });

    it('a submit_tool_approval required action with its MCP calls', () => {
      const decoded = lenient.Run.decode(run({ required_action: approval }));
      expect(isRight(decoded) && decoded.right.required_action).toEqual(approval);
    });

    it('any other required action type, and required calls other than function, kept as they are', () => {
      const other = { type: 'submit_client_action', submit_client_action: { whatever: true } };
      expect(check(lenient.Run, run({ required_action: other }))).toEqual([]);
      const computerUse = {
        type: 'submit_tool_outputs',
        submit_tool_outputs: {
          tool_calls: [
            { id: 'call_f', type: 'function', function: { name: 'now', arguments: '{}' } },
            {
              id: 'call_c',
              type: 'computer_use_preview',
              computer_use_preview: { action: { type: 'screenshot' }, safety_checks: [] },
            },
          ],
        },
      };
      const decoded = lenient.Run.decode(run({ required_action: computerUse }));
      expect(isRight(decoded) && decoded.right.required_action).toEqual(computerUse);
    });

    it('an activities step with mcp_list_tools, and its delta', () => {
      expect(check(lenient.RunStep, step(activities))).toEqual([]);
      expect(check(lenient.RunStep, step({ type: 'activities', activities: [] }))).toEqual([]);
      expect(check(lenient.RunStepActivity, { id: 'act_2', type: 'some_later_activity' })).toEqual([]);
      const delta = {
        id: 'step_s1',
        object: 'thread.run.step.delta',
        delta: { step_details: { type: 'activities', activities: [] } },
      };
      expect(check(lenient.RunStepDelta, delta)).toEqual([]);
    });

    it('url_citation annotations in messages and in deltas (a URL may lack its scheme)', () => {
      expect(check(lenient.Annotation, urlCitation)).toEqual([]);
      expect(check(lenient.MessageContent, textWithCitation)).toEqual([]);
      const delta = { index: 0, type: 'url_citation', text: '【3:0†source】', url_citation: { url: 'www.microsoft.com' } };
      expect(check(lenient.AnnotationDelta, delta)).toEqual([]);
      expect(
        check(lenient.MessageContentDelta, { index: 0, type: 'text', text: { value: '【3:0†source】', annotations: [delta] } }),
      ).toEqual([]);
    });

    it('Azure tool configs in run.tools', () => {
      const tools = [
        {
          type: 'mcp',
          server_label: 'github',
          server_url: 'https://api.githubcopilot.com/mcp/',
          allowed_tools: ['search_repos'],
        },
        { type: 'connected_agent', connected_agent: { name: 'stock_bot', description: 'Prices', id: 'asst_s' } },
        {
          type: 'bing_grounding',
          bing_grounding: { search_configurations: [{ connection_id: 'conn', market: 'en-US', set_lang: 'en', count: 5 }] },
        },
        {
          type: 'bing_custom_search',
          bing_custom_search: { search_configurations: [{ connection_id: 'conn', instance_name: 'docs' }] },
        },
        { type: 'openapi', openapi: { name: 'weather', spec: { openapi: '3.0.0' }, auth: { type: 'anonymous' } } },
        { type: 'azure_ai_search' },
        { type: 'fabric_dataagent', fabric_dataagent: { connections: [] } },
      ];
      const decoded = lenient.Run.decode(run({ tools }));
      expect(isRight(decoded) && decoded.right.tools).toEqual(tools);
    });

    it('a typed Azure member still checks its fields: a clear path, not a silent pass', () => {
      expect(check(lenient.ToolCall, { ...connectedAgentCall, connected_agent: { name: 'x', arguments: 7 } })).toEqual([
        'connected_agent.arguments',
      ]);
      expect(check(lenient.ToolCallDelta, { index: 0, type: 'mcp', arguments: {} })).toEqual(['arguments']);
      expect(check(lenient.ToolCall, { ...mcpCall, server_label: undefined })).toEqual(['server_label']);
      expect(check(lenient.Annotation, { ...urlCitation, url_citation: {} })).toEqual(['url_citation.url']);
      expect(
        check(
          lenient.Run,
          run({
            required_action: { type: 'submit_tool_approval', submit_tool_approval: { tool_calls: [{ id: 'c', type: 'mcp' }] } },
          }),
        ),
      ).toEqual([
        'required_action.submit_tool_approval.tool_calls.0.arguments',
        'required_action.submit_tool_approval.tool_calls.0.name',
        'required_action.submit_tool_approval.tool_calls.0.server_label',
      ]);
    });
  });

  describe('strict mode (OpenAI spec): the Azure types are deviations, reported at their tag', () => {
    const cases: [string, keyof typeof strict, unknown, string[]][] = [
      ['a bing_grounding call', 'ToolCall', bingCall, ['type']],
      ['an mcp call', 'ToolCall', mcpCall, ['type']],
      ['a connected_agent delta', 'ToolCallDelta', deltas[4], ['type']],
      ['a submit_tool_approval action', 'Run', run({ required_action: approval }), ['required_action.type']],
      ['an activities step', 'RunStep', step(activities), ['expired_at', 'metadata', 'step_details.type', 'type']],
      ['a url_citation annotation', 'Annotation', urlCitation, ['type']],
      ['a url_citation annotation delta', 'AnnotationDelta', { index: 0, type: 'url_citation' }, ['type']],
      ['an mcp tool config', 'Run', run({ tools: [{ type: 'mcp', server_label: 'github' }] }), ['tools.0.type']],
    ];
    it.each(cases)('%s', (_label, name, value, paths) => {
      expect(check(lenient[name] as never, value)).toEqual([]);
      expect(check(strict[name] as never, value)).toEqual(paths);
    });
  });

  describe('the Azure recordings', () => {
    const files = [
      '30-azure-agents-function-streaming-1-requires_action.sse',
      '31-azure-agents-function-streaming-2-submit_tool_outputs.sse',
      '32-azure-agents-bing_grounding-url_citation.sse',
    ];
    const deviations = (mode: SchemaMode, file: string) =>
      readFrames(file).flatMap(({ event, json }) =>
        check(getCodecs(mode).eventData[event as 'error'] as never, json).map((path) => `${event} ${path}`),
      );

    it.each(files)('every frame of %s decodes in lenient mode', (file) => {
      expect(deviations('lenient', file)).toEqual([]);
    });

    it('strict mode names the bing_grounding call, its config and the url_citation of 32 as deviations', () => {
      const paths = new Set(deviations('strict', files[2]!));
      expect(paths).toContain('thread.run.step.delta delta.step_details.tool_calls.0.type');
      expect(paths).toContain('thread.run.step.completed step_details.tool_calls.0.type');
      expect(paths).toContain('thread.run.created tools.0.type');
      expect(paths).toContain('thread.message.delta delta.content.0.text.annotations.0.type');
      expect(paths).toContain('thread.message.completed content.0.text.annotations.0.type');
    });
  });
});
