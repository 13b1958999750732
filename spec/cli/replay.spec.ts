import { readFileSync } from 'node:fs';
import { lastValueFrom, toArray } from 'rxjs';
import { assistantEvents, type AssistantStreamEvent } from '../../src';
import { connectedAgentStepEvents, mcpCallRunEvents, toolApprovalsRunEvents, toSSE } from '../../src/testing';
import { ANSI, cli, fixture } from './support';
import { VALID_CAPTURES, BROKEN_CAPTURE, NOT_SSE_CAPTURE } from '../support/fixtures';

const BROKEN = BROKEN_CAPTURE;
const NOT_SSE = NOT_SSE_CAPTURE;

const decode = (file: string): Promise<AssistantStreamEvent[]> =>
  lastValueFrom(assistantEvents(readFileSync(fixture(file))).pipe(toArray()));

function finalTexts(events: AssistantStreamEvent[]): string[] {
  return events.flatMap((e) =>
    e.event === 'thread.message.completed' || e.event === 'thread.message.incomplete'
      ? [e.data.content.flatMap((part) => (part.type === 'text' ? [part.text.value] : [])).join('')]
      : [],
  );
}

describe('rx-assistant-stream replay', () => {
  describe.each(VALID_CAPTURES)('%s', (file) => {
    it('shows the run and a summary, exit 0, without ANSI escapes off a terminal', async () => {
      const { code, stdout, stderr } = await cli(['replay', fixture(file)]);
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(stdout).toMatch(/\nsummary\n {2}status\s+\S+/);
      expect(stdout).not.toMatch(ANSI);
      const events = await decode(file);
      expect(stdout).toMatch(new RegExp(`\\n {2}events\\s+${events.length} in `));
    });

    it('--json writes one line per decoded event, each the event itself', async () => {
      const { code, stdout } = await cli(['replay', fixture(file), '--json']);
      expect(code).toBe(0);
      const lines = stdout.split('\n');
      expect(lines.pop()).toBe('');
      const events = await decode(file);
      expect(lines).toHaveLength(events.length);
      expect(lines.map((line) => JSON.parse(line))).toEqual(events);
    });

    it('--text writes only the text, which is what the completed messages hold', async () => {
      const { code, stdout } = await cli(['replay', fixture(file), '--text']);
      expect(code).toBe(0);
      const texts = finalTexts(await decode(file)).filter((t) => t !== '');
      expect(stdout).toBe(texts.length === 0 ? '' : `${texts.join('\n\n')}\n`);
    });
  });

  it('streams the text of 08 and reports its usage', async () => {
    const { stdout } = await cli(['replay', fixture(VALID_CAPTURES[0]!)]);
    const [text] = finalTexts(await decode(VALID_CAPTURES[0]!));
    expect(stdout).toContain(`◆ assistant msg_Tn5DNmiQEPZ80biW5AukKrvH\n  ${text}\n✓ run completed\n`);
    expect(stdout).toMatch(/\n {2}tokens\s+38 prompt \+ 35 completion = 73\n/);
  });

  it('shows the function call of 09 and, in 10, its submitted output', async () => {
    const paused = await cli(['replay', fixture(VALID_CAPTURES[1]!)]);
    expect(paused.stdout).toContain(
      '● run requires_action · 1 tool output to submit\nƒ get_current_weather({}) call_xyFYaEeyocjyE6jN64QTcxip\n',
    );
    expect(paused.stdout).toMatch(/\n {2}status\s+requires_action/);
    const resumed = await cli(['replay', fixture(VALID_CAPTURES[2]!)]);
    expect(resumed.stdout).toContain('  ⤷ get_current_weather → warm and sunny\n');
  });

  it('marks the incomplete message of 12, the code and image of 14, the failure of 21', async () => {
    expect((await cli(['replay', fixture(VALID_CAPTURES[3]!)])).stdout).toContain('  (incomplete: max_tokens)\n');
    const code = (await cli(['replay', fixture(VALID_CAPTURES[4]!)])).stdout;
    expect(code).toContain('⚙ code_interpreter');
    expect(code).toContain("    plt.plot(x_values, y_values, label='$y = \\sin(x)$')\n");
    expect(code).toContain('  ⤷ image file-65i28iJRCx4hvJnk6NcavwRX\n');
    expect((await cli(['replay', fixture(VALID_CAPTURES[5]!)])).stdout).toMatch(
      /✗ run \{\{\{FakeRunId\}\}\} failed · gpt-4o · tool_user_error: Error: invalid_tool_input/,
    );
  });

  it('reads standard input with -', async () => {
    const fromFile = await cli(['replay', fixture(VALID_CAPTURES[0]!), '--json']);
    const fromStdin = await cli(['replay', '-', '--json'], { stdin: readFileSync(fixture(VALID_CAPTURES[0]!)) });
    expect(fromStdin).toEqual(fromFile);
  });

  it('prints the events before a broken one, then its AssistantStreamError message, exit 1 (02: invalid JSON)', async () => {
    const view = await cli(['replay', fixture(BROKEN)]);
    expect(view.code).toBe(1);
    expect(view.stdout).toContain('● thread thread_123 created\n');
    expect(view.stdout).toMatch(/\n {2}status\s+error\n/);
    expect(view.stderr).toMatch(
      /^rx-assistant-stream replay: Invalid JSON in "thread\.run\.created" event\b.+ \[invalid_json\]\n$/,
    );

    const json = await cli(['replay', fixture(BROKEN), '--json']);
    expect(json.code).toBe(1);
    expect(
      json.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line).event),
    ).toEqual(['thread.created']);
  });

  it('--strict fails on the first deviation from the spec, naming event and path', async () => {
    const { code, stderr } = await cli(['replay', fixture(VALID_CAPTURES[0]!), '--strict']);
    expect(code).toBe(1);
    expect(stderr).toBe(
      'rx-assistant-stream replay: Invalid "thread.run.created" event at data.instructions: expected string, got null [invalid_event]\n',
    );
  });

  it('fails on something that is not SSE (22: an HTTP error body)', async () => {
    const { code, stdout, stderr } = await cli(['replay', fixture(NOT_SSE)]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/\n {2}events\s+0 in /);
    // Either the SSE layer rejects the body, or it finds no event in it: both are failures with a reason.
    expect(stderr).toMatch(/^rx-assistant-stream replay: (no Assistants events in .*22-ruby.*not an SSE stream\?|.+\[\w+\])\n$/);
  });

  it("shows Azure's runs: the approval asked, the MCP output after the step completed, a connected agent", async () => {
    const call = { id: 'call_mcp_1', name: 'search_docs', serverLabel: 'learn', arguments: '{"q":"x"}' };
    const first = await cli(['replay', '-'], { stdin: toSSE(mcpCallRunEvents([call])) });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      '● run requires_action · 1 tool call to approve\nƒ learn.search_docs({"q":"x"}) call_mcp_1 · mcp\n',
    );
    const next = await cli(['replay', '-'], {
      stdin: toSSE(toolApprovalsRunEvents([{ ...call, approved: true, output: '3 pages' }], 'Found them.')),
    });
    expect(next.code).toBe(0);
    expect(next.stdout).toContain('ƒ learn.search_docs({"q":"x"}) call_mcp_1 · mcp\n  ⤷ search_docs → 3 pages\n');
    const agent = await cli(['replay', '-'], {
      stdin: toSSE(
        connectedAgentStepEvents({ id: 'call_a', name: 'weather_agent', arguments: '{"city":"Oslo"}', output: 'Snow.' }),
      ),
    });
    expect(agent.stdout).toContain('⇄ agent weather_agent({"city":"Oslo"})\n  ⤷ weather_agent → Snow.\n');
  });
});
