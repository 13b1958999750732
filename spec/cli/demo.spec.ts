import { DEMO } from '../../src/cli/demo-transcript';
import { ANSI, cli } from './support';

/** The demo's output without the lines that measure time or depend on it (bytes read before the run ends). */
const stable = (stdout: string) =>
  stdout
    .split('\n')
    .filter((line) => !/^\s+(pace:|events\s|bytes\s)/.test(line))
    .join('\n');

describe('rx-assistant-stream demo', () => {
  let fast: { code: number; stdout: string; stderr: string };
  beforeAll(async () => {
    fast = await cli(['demo', '--fast']);
  });

  it('plays the run to its end, exit 0, nothing on stderr', () => {
    expect(fast.code).toBe(0);
    expect(fast.stderr).toBe('');
  });

  it('prints the streamed text of both messages, whole', () => {
    expect(fast.stdout).toContain(`◆ assistant msg_intro\n  ${DEMO.intro}\n`);
    expect(fast.stdout).toContain(`◆ assistant msg_answer\n  ${DEMO.answer}\n`);
  });

  it('prints the code interpreter input and its logs', () => {
    const code = DEMO.code
      .split('\n')
      .map((line) => `    ${line}`)
      .join('\n');
    expect(fast.stdout).toContain(`⚙ code_interpreter call_code\n${code}\n  ⤷ logs\n    40 minutes\n`);
  });

  it('prints the tool call when the run asks for it, and the output of the local handler once submitted', () => {
    const call = '\nƒ get_weather({"city":"Paris","date":"tomorrow"}) call_weather\n';
    const output =
      '\n  ⤷ get_weather → {"city":"Paris","date":"tomorrow","forecast":"light rain until 9:00, then clearing","temperature_c":14,"wind_kmh":9}\n';
    expect(fast.stdout).toContain(call);
    expect(fast.stdout).toContain(output);
    const order = ['● run requires_action', call, output, 'msg_answer', '✓ run completed', '\nsummary'].map((s) =>
      fast.stdout.indexOf(s),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('ends with a summary: status, messages, steps, tool calls, tokens, events, bytes', () => {
    const summary = fast.stdout.slice(fast.stdout.indexOf('\nsummary\n'));
    expect(summary).toMatch(/\n {2}status\s+completed \(run run_demo\)\n/);
    expect(summary).toMatch(/\n {2}messages\s+2 · 2 completed\n/);
    expect(summary).toMatch(/\n {2}steps\s+4 · 2 message_creation, 2 tool_calls · 4 completed\n/);
    expect(summary).toMatch(/\n {2}tool calls\s+1 answered\n/);
    expect(summary).toMatch(/\n {2}tokens\s+812 prompt \+ 96 completion = 908\n/);
    expect(summary).toMatch(/\n {2}events\s+126 in \d+(\.\d+)? m?s · [\d.]+k? events\/s\n/);
    expect(summary).toMatch(/\n {2}bytes\s+\d+\.\d kB\n$/);
  });

  it('writes no ANSI escape without a terminal', () => {
    expect(fast.stdout).not.toMatch(ANSI);
  });

  it('colors on a terminal, word-wraps the text to its width, and stays plain with NO_COLOR', async () => {
    const tty = await cli(['demo', '--fast'], { tty: { columns: 60 }, env: { TERM: 'xterm-256color' } });
    expect(tty.code).toBe(0);
    expect(tty.stdout).toMatch(ANSI);
    // eslint-disable-next-line no-control-regex
    const visible = tty.stdout.replace(/\x1b\[[0-9;]*m/g, '');
    const answer = visible.slice(visible.indexOf('msg_answer'), visible.indexOf('✓ run'));
    const lines = answer.split('\n').slice(1, -1);
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) {
      expect(line.length).toBeLessThanOrEqual(60);
      expect(line.startsWith('  ')).toBe(true);
    }
    expect(lines.map((line) => line.trim()).join(' ')).toBe(DEMO.answer);

    const noColor = await cli(['demo', '--fast'], { tty: { columns: 60 }, env: { NO_COLOR: '1' } });
    expect(noColor.stdout).not.toMatch(ANSI);
  });

  it('prints the same at a live pace (--speed) as with --fast', async () => {
    const started = Date.now();
    const paced = await cli(['demo', '--speed', '40']);
    expect(Date.now() - started).toBeGreaterThan(80); // about 5 s / 40
    expect(paced.code).toBe(0);
    expect(stable(paced.stdout)).toBe(stable(fast.stdout));
  });

  it.each([
    ['colors', { TERM: 'xterm-256color' }],
    ['NO_COLOR', { NO_COLOR: '1' }],
  ])('at 80 columns (%s), no line passes the width and the header and user lines are cut between words', async (_what, env) => {
    const tty = await cli(['demo', '--fast'], { tty: { columns: 80 }, env });
    // eslint-disable-next-line no-control-regex
    const visible = tty.stdout.replace(/\x1b\[[0-9;]*m/g, '');
    const lines = visible.split('\n');
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
    const header = lines.slice(0, lines.indexOf(lines.find((l) => l.includes('pace:'))!));
    expect(header.map((l) => l.trim()).join(' ')).toBe(
      'rx-assistant-stream demo · a recorded-style run, replayed through the whole pipeline SSE bytes → fromSSE → decodeAssistantEvents → runWithTools → untilRunTerminal → operators',
    );
    expect(header.length).toBe(4);
    const userAt = lines.findIndex((l) => l.startsWith('user  '));
    expect(lines.slice(userAt, userAt + 2)).toEqual([
      'user  Should I bike to work in Paris tomorrow? It is 12 km and I ride at about',
      '      18 km/h.',
    ]);
  });

  describe('--azure', () => {
    let azure: { code: number; stdout: string; stderr: string };
    beforeAll(async () => {
      azure = await cli(['demo', '--azure', '--fast']);
    });

    it('plays the Azure run: the MCP call asks for approval, the handler approves it, the output and the answer follow', () => {
      expect(azure.stderr).toBe('');
      expect(azure.code).toBe(0);
      const out = azure.stdout;
      const call = 'ƒ microsoft_docs.search_docs({"query":"agent service api-version"}) call_mcp_docs · mcp\n';
      const order = [
        '● run requires_action · 1 tool call to approve\n',
        call,
        '  ✓ approved by the handler: microsoft_docs is a trusted MCP server\n',
        '  ⤷ search_docs → Every request carries ?api-version=; the GA service answers api-version=v1.\n',
        '◆ assistant msg_answer\n  Send ?api-version=v1 on every URL',
        '✓ run completed\n',
        '\nsummary\n',
      ].map((part) => out.indexOf(part));
      expect(order.every((i) => i >= 0)).toBe(true);
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(out).toMatch(/\n {2}tool calls\s+1 answered\n/);
      expect(out).toMatch(/\n {2}status\s+completed \(run run_azure_demo\)\n/);
    });

    it('is in the usage', async () => {
      expect((await cli(['demo', '--help'])).stdout).toMatch(
        /--azure +the Azure AI Agents run \(an MCP call approved by a handler\)/,
      );
    });
  });
});
