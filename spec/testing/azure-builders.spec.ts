/**
 * The Azure testing builders: every event they build is valid in lenient mode (Azure's types are deviations in strict
 * mode, OpenAI's spec), decodes at any chunking, and the accumulated snapshots follow Azure's irregularities.
 */
import { from, lastValueFrom, toArray } from 'rxjs';
import { assistantEvents } from '../../src/decode/assistant-events';
import { accumulateRunStepDeltas } from '../../src/operators/accumulate-run-step-deltas';
import { accumulateMessageDeltas } from '../../src/operators/accumulate-message-deltas';
import { getCodecs, type AssistantStreamEvent } from '../../src/schema';
import {
  bingGroundingStepEvents,
  chunkString,
  connectedAgentStepEvents,
  mcpCallRunEvents,
  runRequiresApproval,
  toolApprovalsRunEvents,
  toSSE,
  urlCitationMessageEvents,
} from '../../src/testing';

const call = { id: 'call_mcp_1', name: 'search_docs', serverLabel: 'learn', arguments: '{"query":"api-version"}' };
const agent = { id: 'call_agent_1', name: 'stock_bot', arguments: '{"ticker":"MSFT"}', output: 'MSFT: 420 USD.' };
const BUILT: [string, AssistantStreamEvent[]][] = [
  ['runRequiresApproval', [runRequiresApproval([call])]],
  ['mcpCallRunEvents', mcpCallRunEvents([call], { withThread: true })],
  [
    'toolApprovalsRunEvents',
    toolApprovalsRunEvents(
      [
        { ...call, approved: true, output: '3 pages' },
        { ...call, id: 'call_mcp_2', approved: false },
      ],
      'Done.',
    ),
  ],
  ['connectedAgentStepEvents', connectedAgentStepEvents(agent)],
  ['bingGroundingStepEvents', bingGroundingStepEvents({ id: 'call_bing', query: "Euler's identity" })],
  ['urlCitationMessageEvents', urlCitationMessageEvents('Five constants.', { url: 'www.example.com/euler', title: 'Euler' })],
];

describe.each(BUILT)('%s', (_name, events) => {
  it('builds events the lenient codecs accept', () => {
    const lenient = getCodecs('lenient').eventData as Record<string, { is(u: unknown): boolean }>;
    for (const event of events)
      expect({ event: event.event, valid: lenient[event.event]!.is(event.data) }).toEqual({ event: event.event, valid: true });
  });

  it('decodes the same at every chunking', async () => {
    const sse = toSSE(events);
    const whole = await lastValueFrom(assistantEvents(sse).pipe(toArray()));
    expect(whole).toEqual(events);
    for (const size of [1, 7, 64])
      expect(await lastValueFrom(assistantEvents(from(chunkString(sse, size))).pipe(toArray()))).toEqual(events);
  });
});

it('deviates from strict mode (OpenAI spec) where Azure does', () => {
  const strict = getCodecs('strict').eventData as Record<string, { is(u: unknown): boolean }>;
  const approval = runRequiresApproval([call]);
  expect(strict[approval.event]!.is(approval.data)).toBe(false);
});

it('accumulates the MCP step through the continuation: the late delta puts the output on the completed step', async () => {
  const events = [
    ...mcpCallRunEvents([call]),
    ...toolApprovalsRunEvents([{ ...call, approved: true, output: '3 pages' }], 'Done.'),
  ];
  const steps = await lastValueFrom(assistantEvents(toSSE(events)).pipe(accumulateRunStepDeltas(), toArray()));
  const last = steps.filter((s) => s.id === 'step_mcp').at(-1)!;
  expect(last.status).toBe('completed');
  expect(last.step_details).toEqual({
    type: 'tool_calls',
    tool_calls: [
      {
        id: 'call_mcp_1',
        type: 'mcp',
        name: 'search_docs',
        server_label: 'learn',
        arguments: '{"query":"api-version"}',
        output: '3 pages',
      },
    ],
  });
  const list = steps.filter((s) => s.id === 'step_mcp_list').at(-1)!;
  expect(list.step_details).toMatchObject({
    type: 'activities',
    activities: [{ type: 'mcp_list_tools', server_label: 'learn' }],
  });
});

it('accumulates the connected agent and the url_citation to their completed objects', async () => {
  const agentSteps = await lastValueFrom(
    assistantEvents(toSSE(connectedAgentStepEvents(agent))).pipe(accumulateRunStepDeltas(), toArray()),
  );
  const beforeCompleted = agentSteps.at(-2)!;
  const completed = agentSteps.at(-1)!;
  expect(beforeCompleted.step_details).toEqual(completed.step_details);
  const messages = await lastValueFrom(
    assistantEvents(toSSE(urlCitationMessageEvents('Five constants.', { url: 'www.example.com/euler', title: 'Euler' }))).pipe(
      accumulateMessageDeltas(),
      toArray(),
    ),
  );
  expect(messages.at(-2)!.content).toEqual(messages.at(-1)!.content);
  expect(messages.at(-1)!.content[0]).toMatchObject({
    text: { annotations: [{ type: 'url_citation', url_citation: { url: 'www.example.com/euler' } }] },
  });
});
