/**
 * Issue 10, class 6 (the CLI under bad input): the input is streamed, never buffered whole (`inspect /dev/zero` and an
 * endless stdin end with a bounded error); a directory, a FIFO without a writer or an unreadable file is one line on
 * stderr, never a stack trace; control characters from a capture are escaped in every output mode; per-event counts
 * live in a Map, so `toString` and `__proto__` count.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  messageCompleted,
  messageCreated,
  messageDelta,
  runCompleted,
  runCreated,
  runFailed,
  sseFrame,
  textRunEvents,
  toSSE,
} from '../../src/testing';
import { cli } from '../cli/support';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rx-cli-hostile-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A one-line message on stderr, the command's name first, no stack frame. */
const oneLine = (stderr: string, command: string) => {
  expect(stderr).toMatch(new RegExp(`^rx-assistant-stream ${command}: [^\\n]+\\n$`));
  expect(stderr).not.toMatch(/\n\s+at /);
};

describe('an input without end', () => {
  it('inspect /dev/zero ends with a bounded error: no SSE frame before the line bound', async () => {
    const started = Date.now();
    const { code, stdout } = await cli(['inspect', '/dev/zero']);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /✗ not an SSE stream: no `event:`\/`data:` frames found \(An SSE event grew past maxBufferSize \(16777216 characters\)/,
    );
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('an endless stdin of valid events ends at --max-bytes with a deviation, after counting what came', async () => {
    const frame = sseFrame(messageDelta('msg_1', 'again and again '));
    async function* endless() {
      yield toSSE([runCreated(), messageCreated()], { done: false });
      for (;;) yield frame.repeat(50);
    }
    const { code, report } = await cli(['inspect', '-', '--json', '--max-bytes', '2000000'], { stdin: endless() }).then((r) => ({
      ...r,
      report: JSON.parse(r.stdout),
    }));
    expect(code).toBe(1);
    expect(report.bytes).toBe(2_000_000);
    expect(report.counts['thread.message.delta']).toBeGreaterThan(10_000);
    expect(report.lenient.deviations.at(-1)).toMatchObject({
      code: 'invalid_sse',
      path: 'body',
      got: expect.stringMatching(/larger than 2\.0 MB: inspect stopped reading there/),
    });
  });

  it('replay of /dev/zero ends with a one-line buffer overflow', async () => {
    const { code, stderr } = await cli(['replay', '/dev/zero', '--text']);
    expect(code).toBe(1);
    oneLine(stderr, 'replay');
    expect(stderr).toMatch(/buffer_overflow/);
  });
});

describe('inputs that cannot be read', () => {
  it.each(['inspect', 'replay'])('%s of a directory: one line', async (command) => {
    const { code, stdout, stderr } = await cli([command, dir]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`rx-assistant-stream ${command}: cannot read ${dir}: it is a directory\n`);
  });

  it.each(['inspect', 'replay'])('%s of a FIFO without a writer: one line, at once', async (command) => {
    const fifo = join(dir, `${command}.fifo`);
    execFileSync('mkfifo', [fifo]);
    const { code, stderr } = await cli([command, fifo]);
    expect(code).toBe(1);
    oneLine(stderr, command);
    expect(stderr).toContain(`cannot read ${fifo}: a FIFO with no writer`);
  });

  it('inspect of a FIFO with a writer reads the capture', async () => {
    const fifo = join(dir, 'written.fifo');
    execFileSync('mkfifo', [fifo]);
    const events = textRunEvents('Hello through a FIFO');
    const capture = toSSE(events);
    const writer = spawn('sh', ['-c', `printf '%s' "$CAPTURE" > "$FIFO"`], {
      env: { ...process.env, CAPTURE: capture, FIFO: fifo },
    });
    // The writer blocks in open(2) until a reader comes: give it the time to get there.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { code, stdout } = await cli(['inspect', fifo, '--json']);
    await new Promise((resolve) => writer.on('exit', resolve));
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ valid: true, sseEvents: events.length + 1 });
  });

  it.each(['inspect', 'replay'])('%s of a file whose reading fails (EIO): one line', async (command) => {
    const { code, stderr } = await cli([command, '/proc/self/mem']);
    expect(code).toBe(1);
    oneLine(stderr, command);
    expect(stderr).toMatch(/an I\/O error \(EIO\)/);
  });

  it('a missing file: one line naming the reason', async () => {
    const { code, stderr } = await cli(['inspect', join(dir, 'missing.sse')]);
    expect(code).toBe(1);
    expect(stderr).toBe(`rx-assistant-stream inspect: cannot read ${join(dir, 'missing.sse')}: no such file (ENOENT)\n`);
  });
});

describe('control characters from a capture', () => {
  const OSC52 = '\x1b]52;c;cm0gLXJmIH4=\x07';
  const CLEAR = '\x1b[2J\x1b[3J\x1bc';
  const BIDI = '\u202e';
  const C1 = '\x9b31m';
  const hostile = `${OSC52}${CLEAR}${BIDI}${C1}`;
  const capture =
    `event: thread.${hostile}\ndata: {}\n\n` +
    toSSE(
      [
        runCreated({ id: `run_${hostile}`, model: hostile }),
        messageCreated({ id: `msg_${hostile}` }),
        messageDelta(`msg_${hostile}`, `Text ${hostile} end`),
        messageCompleted(`Text ${hostile} end`, { id: `msg_${hostile}` }),
        runFailed(`failed ${hostile}`, { id: `run_${hostile}` }),
      ],
      { done: false },
    ) +
    `event: error\ndata: {"error":{"message":${JSON.stringify(`boom ${hostile}`)},"type":"server_error"}}\n\n`;
  // eslint-disable-next-line no-control-regex
  const RAW = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

  it.each([
    ['inspect', ['inspect', '-']],
    ['inspect --json', ['inspect', '-', '--json']],
    ['inspect --strict', ['inspect', '-', '--strict']],
    ['replay', ['replay', '-']],
    ['replay --text', ['replay', '-', '--text']],
    ['replay --json', ['replay', '-', '--json']],
  ])('%s never writes them raw, and shows them escaped', async (_mode, argv) => {
    const { stdout, stderr } = await cli(argv, { stdin: capture });
    expect(stdout).not.toMatch(RAW);
    expect(stderr).not.toMatch(RAW);
    expect(stdout + stderr).toMatch(/\\(x1b|u001b)\]52;c;cm0gLXJmIH4=\\(x07|u0007)/);
  });

  it('--json stays the same JSON value (the escapes are JSON escapes)', async () => {
    const { stdout } = await cli(['replay', '-', '--json'], { stdin: capture });
    const events = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events.find((e) => e.event === 'thread.message.completed').data.content[0].text.value).toBe(`Text ${hostile} end`);
  });
});

describe('event counts', () => {
  it('count event names that are Object.prototype keys', async () => {
    const names = ['__proto__', 'toString', 'constructor', 'hasOwnProperty', '__proto__'];
    const capture = names.map((name) => `event: ${name}\ndata: {}\n\n`).join('') + toSSE([runCreated(), runCompleted()]);
    const { stdout } = await cli(['inspect', '-', '--json'], { stdin: capture });
    const report = JSON.parse(stdout);
    expect(Object.prototype.hasOwnProperty.call(report.counts, '__proto__')).toBe(true);
    expect(Object.entries(report.counts)).toEqual([
      ['__proto__', 2],
      ['toString', 1],
      ['constructor', 1],
      ['hasOwnProperty', 1],
      ['thread.run.created', 1],
      ['thread.run.completed', 1],
      ['done', 1],
    ]);
    expect(report.unknownEvents.map((u: { event: string }) => u.event)).toEqual(names);
    const text = await cli(['inspect', '-'], { stdin: capture });
    expect(text.stdout).toMatch(/\n {2}__proto__ +2\n {2}toString +1\n {2}constructor +1\n/);
  });
});
