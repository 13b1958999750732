import { readFileSync } from 'node:fs';
import { getCodecs } from '../../src/schema';
import type { InspectReport } from '../../src/cli/inspect-report';
import {
  mcpCallRunEvents,
  messageCompleted,
  messageCreated,
  messageDelta,
  runCompleted,
  runCreated,
  toSSE,
  toolApprovalsRunEvents,
} from '../../src/testing';
import { ANSI, cli, fixture } from './support';
import { VALID_CAPTURES } from '../support/fixtures';

const inspectJson = async (argv: string[], stdin?: string) => {
  const result = await cli(['inspect', ...argv, '--json'], stdin === undefined ? {} : { stdin });
  return { ...result, report: JSON.parse(result.stdout) as InspectReport };
};

/** The frames of a capture, straight from its text: [event name, data]. */
function frames(file: string): [string, string][] {
  return readFileSync(fixture(file), 'utf8')
    .split('\n\n')
    .map((block) => [/^event: (.*)$/m.exec(block)?.[1], /^data: (.*)$/m.exec(block)?.[1]] as const)
    .filter((f): f is [string, string] => f[0] !== undefined && f[1] !== undefined);
}

describe('rx-assistant-stream inspect', () => {
  describe.each(VALID_CAPTURES)('%s', (file) => {
    it('is valid in lenient mode (exit 0) and every delta adds up to its completed object', async () => {
      const { code, report } = await inspectJson([fixture(file)]);
      expect(code).toBe(0);
      expect(report.valid).toBe(true);
      expect(report.lenient).toEqual({ valid: true, deviations: [], events: 0 });
      expect(report.accumulation.filter((a) => a.result === 'differs')).toEqual([]);
      expect(report.done.index).toBe(report.sseEvents);
    });

    it('lists every event the strict codecs reject, not only the first', async () => {
      const { report } = await inspectJson([fixture(file)]);
      const strict = getCodecs('strict').eventData as Record<string, { is(u: unknown): boolean }>;
      const rejected = frames(file)
        .map(([event, data], i) => [i + 1, event, data] as const)
        .filter(([, event, data]) => event !== 'done' && !strict[event]!.is(JSON.parse(data)))
        .map(([index, event]) => `#${index} ${event}`);
      expect(rejected.length).toBeGreaterThan(0);
      expect([...new Set(report.strict.deviations.map((d) => `#${d.index} ${d.event}`))]).toEqual(rejected);
      expect(report.strict.events).toBe(rejected.length);
    });

    it('counts the events per name as the capture has them', async () => {
      const { report } = await inspectJson([fixture(file)]);
      const counts: Record<string, number> = {};
      for (const [event] of frames(file)) counts[event] = (counts[event] ?? 0) + 1;
      expect(report.counts).toEqual(counts);
    });

    it('exits 1 with --strict (every capture deviates from the spec somewhere)', async () => {
      expect((await cli(['inspect', fixture(file), '--strict'])).code).toBe(1);
    });
  });

  it('reports 21 with the two strict deviations of its failed run: path, expected, got', async () => {
    const { report } = await inspectJson([fixture(VALID_CAPTURES[5]!)]);
    expect(report.strict.deviations).toEqual([
      {
        index: 1,
        event: 'thread.run.failed',
        code: 'invalid_event',
        path: 'data.last_error.code',
        expected: '"server_error" | "rate_limit_exceeded" | "invalid_prompt"',
        got: '"tool_user_error"',
      },
      {
        index: 1,
        event: 'thread.run.failed',
        code: 'invalid_event',
        path: 'data.tools[0].type',
        expected: '"code_interpreter" | "file_search" | "function"',
        got: '"bing_grounding"',
      },
    ]);
    expect(report.lifecycle.runs).toEqual([
      expect.objectContaining({
        id: '{{{FakeRunId}}}',
        statuses: ['failed'],
        lastError: expect.stringMatching(/^tool_user_error: Error: invalid_tool_input/),
      }),
    ]);
  });

  it('exits 1 on 02 (invalid JSON by design), listing each broken event', async () => {
    const { code, report } = await inspectJson([fixture('02-openapi-docs-createThreadAndRun-stream-functions.sse')]);
    expect(code).toBe(1);
    expect(report.valid).toBe(false);
    expect(report.lenient.deviations.map((d) => [d.index, d.event, d.code, d.path])).toEqual([
      [2, 'thread.run.created', 'invalid_json', 'data'],
      [3, 'thread.run.queued', 'invalid_json', 'data'],
      [4, 'thread.run.in_progress', 'invalid_json', 'data'],
      [12, 'thread.run.requires_action', 'invalid_json', 'data'],
    ]);
    expect(report.lenient.deviations[0]!.got).toMatch(/"parallel_tool_calls":true\}\} \(/);
  });

  it('exits 1 on 22, which is an HTTP error body and not SSE, saying so', async () => {
    const { code, stdout } = await cli(['inspect', fixture('22-ruby-openai-http400-on-stream-request.NOT-SSE.txt')]);
    expect(code).toBe(1);
    expect(stdout).toContain(
      '✗ not an SSE stream: a JSON error body, as a server answers a rejected request (HTTP 4xx/5xx) (invalid_request_error, invalid_thread): Run creation requires a Thread with a user message or an assistant with instructions.',
    );
  });

  it('follows the lifecycle: run statuses, steps, messages', async () => {
    const resumed = (await inspectJson([fixture(VALID_CAPTURES[2]!)])).report;
    expect(resumed.lifecycle.runs.map((r) => [r.id, r.statuses])).toEqual([
      ['run_oyfV44CrJXYJkvb2qsd80LvJ', ['queued', 'in_progress', 'completed']],
    ]);
    expect(resumed.lifecycle.steps.map((s) => [s.type, s.status, s.toolCalls])).toEqual([
      ['tool_calls', 'completed', ['function get_current_weather']],
      ['message_creation', 'completed', []],
    ]);
    expect(resumed.lifecycle.messages).toEqual([
      { id: 'msg_kSkj4ryQchn1MSwL3I2N0uWV', role: 'assistant', status: 'completed', textLength: 212, incomplete: null },
    ]);
    expect(resumed.accumulation.map((a) => [a.kind, a.result, a.deltas])).toEqual([
      ['run step', 'not created here', 0],
      ['run step', 'equal', 0],
      ['message', 'equal', 40],
    ]);
    const incomplete = (await inspectJson([fixture(VALID_CAPTURES[3]!)])).report;
    expect(incomplete.lifecycle.messages[0]).toMatchObject({ status: 'incomplete', incomplete: 'max_tokens' });
  });

  it('checks the streamed function calls against required_action (09) and code interpreter steps (14)', async () => {
    const paused = (await inspectJson([fixture(VALID_CAPTURES[1]!)])).report;
    expect(paused.accumulation.map((a) => [a.kind, a.result])).toEqual([
      ['required_action', 'equal'],
      ['run step', 'unfinished'],
    ]);
    const code = (await inspectJson([fixture(VALID_CAPTURES[4]!)])).report;
    expect(code.accumulation.map((a) => [a.kind, a.result, a.deltas])).toEqual([
      ['run step', 'equal', 57],
      ['run step', 'equal', 0],
      ['run step', 'equal', 129],
      ['run step', 'equal', 0],
      ['message', 'equal', 44],
      ['message', 'equal', 39],
    ]);
  });

  it('exits 1 when deltas do not add up to the completed object, naming the first differing path', async () => {
    const capture = toSSE([
      runCreated(),
      messageCreated(),
      messageDelta('msg_1', 'Hel'),
      messageDelta('msg_1', 'lo'),
      messageCompleted('Help'),
      runCompleted(),
    ]);
    const { code, report } = await inspectJson(['-'], capture);
    expect(code).toBe(1);
    expect(report.lenient.valid).toBe(true);
    expect(report.accumulation).toEqual([
      {
        kind: 'message',
        id: 'msg_1',
        deltas: 2,
        result: 'differs',
        path: 'content[0].text.value',
        expected: 'Help',
        got: 'Hello',
      },
    ]);
    const text = await cli(['inspect', '-'], { stdin: capture });
    expect(text.stdout).toContain('✗ differs at content[0].text.value: expected Help, got Hello');
  });

  it('notes unknown events, events after [DONE], a missing [DONE] and a terminal status under another name', async () => {
    const run = runCompleted({ status: 'incomplete', incomplete_details: { reason: 'max_prompt_tokens' } });
    const capture = `event: thread.run.future\ndata: {}\n\n${toSSE([runCreated(), run])}event: thread.run.created\ndata: {}\n\n`;
    const { code, report } = await inspectJson(['-'], capture);
    expect(code).toBe(0);
    expect(report.unknownEvents).toEqual([{ index: 1, event: 'thread.run.future' }]);
    expect(report.done).toEqual({ index: 4, after: 1 });
    expect(report.lifecycle.runs[0]!.notes).toEqual(['thread.run.completed carried status "incomplete"']);
    const undone = await inspectJson(['-'], toSSE([runCreated()], { done: false }));
    expect(undone.report.done).toEqual({ index: null, after: 0 });
    expect(undone.code).toBe(0);
  });

  it('reports a body cut in the middle of an event as invalid', async () => {
    const whole = toSSE([runCreated(), messageCreated()], { done: false });
    const { code, report } = await inspectJson(['-'], whole.slice(0, whole.length - 40));
    expect(code).toBe(1);
    expect(report.lenient.deviations).toHaveLength(1);
    expect(report.lenient.deviations[0]).toMatchObject({ index: 2, event: 'thread.message.created' });
  });

  it('says an empty input is not a capture', async () => {
    const { code, stdout } = await cli(['inspect', '-'], { stdin: '' });
    expect(code).toBe(1);
    expect(stdout).toContain('✗ the capture is empty: no server-sent events');
  });

  it('prints a readable report, plain without a terminal', async () => {
    const { stdout } = await cli(['inspect', fixture(VALID_CAPTURES[0]!)]);
    expect(stdout).not.toMatch(ANSI);
    expect(stdout).toMatch(/\nvalidation\n {2}lenient {2}✓ valid\n {2}strict {3}! 10 deviations in 7 events\n/);
    expect(stdout).toContain(
      '    data.instructions: expected string, got null\n      in #1 thread.run.created, #2 thread.run.queued, #3 thread.run.in_progress, #43 thread.run.completed\n',
    );
    expect(stdout).toMatch(
      /\n {2}run {5}run_Uy45lNz2P7BpJcqWzQkXl1Bu {2}queued → in_progress → completed · tokens 38 \+ 35 = 73\n/,
    );
    expect(stdout).toMatch(/\n {2}message msg_Tn5DNmiQEPZ80biW5AukKrvH +✓ equal {2}33 deltas\n/);
    expect(stdout).toMatch(/\nresult {2}valid \(lenient\) · 10 strict deviations\n$/);
  });
});

describe('rx-assistant-stream inspect on Azure runs (AZURE-NOTES irregularities)', () => {
  const call = { id: 'call_mcp_1', name: 'search_docs', serverLabel: 'learn', arguments: '{"query":"api-version"}' };

  it('reports the activities step as completed-only content, the repeated created, and the approvals against the streamed calls', async () => {
    const { code, report } = await inspectJson(['-'], toSSE(mcpCallRunEvents([call])));
    expect(code).toBe(0);
    expect(report.valid).toBe(true);
    expect(report.accumulation).toEqual([
      { kind: 'required_action', id: 'run_1', deltas: 1, result: 'equal' },
      { kind: 'run step', id: 'step_mcp_list', deltas: 0, result: 'completed only' },
      { kind: 'run step', id: 'step_mcp', deltas: 1, result: 'unfinished', repeatedCreated: 1 },
    ]);
    expect(report.lifecycle.steps.map((s) => [s.id, s.type, s.toolCalls])).toEqual([
      ['step_mcp_list', 'activities', []],
      ['step_mcp', 'tool_calls', ['mcp search_docs']],
    ]);
    const text = await cli(['inspect', '-'], { stdin: toSSE(mcpCallRunEvents([call])) });
    expect(text.stdout).toMatch(/run step step_mcp_list +✓ completed only +content sent only in the completed object/);
    expect(text.stdout).toMatch(/run step step_mcp +unfinished +1 delta · created 2 times/);
  });

  it('applies a delta after step.completed on top of it (the MCP output), not calling it a mismatch', async () => {
    const capture = toSSE([
      ...mcpCallRunEvents([call]).slice(0, -1),
      ...toolApprovalsRunEvents([{ ...call, approved: true, output: '3 pages' }], 'Found 3 pages.'),
    ]);
    const { code, report } = await inspectJson(['-'], capture);
    expect(code).toBe(0);
    expect(report.accumulation.find((a) => a.id === 'step_mcp')).toEqual({
      kind: 'run step',
      id: 'step_mcp',
      deltas: 1,
      result: 'equal',
      lateDeltas: 1,
      repeatedCreated: 1,
    });
    expect(report.lifecycle.runs[0]!.statuses).toEqual(['queued', 'in_progress', 'queued', 'in_progress', 'completed']);
  });

  it('a continuation alone: the completed step of the first stream is "not created here", its late delta applied', async () => {
    const { code, report } = await inspectJson(
      ['-'],
      toSSE(toolApprovalsRunEvents([{ ...call, approved: true, output: '3 pages' }], 'Found.')),
    );
    expect(code).toBe(0);
    expect(report.accumulation.find((a) => a.id === 'step_mcp')).toMatchObject({ result: 'not created here', lateDeltas: 1 });
  });

  it('--strict leads with strict mode: its validation first, its verdict in the result', async () => {
    const capture = toSSE([...mcpCallRunEvents([call])]);
    const strict = await cli(['inspect', '-', '--strict'], { stdin: capture });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(
      /\nvalidation \(strict: the OpenAPI spec exactly\)\n {2}strict {3}✗ \d+ deviations in \d+ events\n[\s\S]*\n {2}lenient {2}✓ valid\n/,
    );
    expect(strict.stdout).toMatch(/\nresult {2}invalid \(strict\) · \d+ strict deviations · valid in lenient mode\n$/);
    const lenient = await cli(['inspect', '-'], { stdin: capture });
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toMatch(/\nvalidation\n {2}lenient {2}✓ valid\n/);
    expect(lenient.stdout).toMatch(/\nresult {2}valid \(lenient\) · \d+ strict deviations\n$/);
  });
});
