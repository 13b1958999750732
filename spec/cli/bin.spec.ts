/**
 * The bin as a real process: bundled from the CLI entry of rollup.config.js (see build-bin.mjs: same input, externals,
 * format and banner as `npm run build`, with a transpile-only TypeScript step, into a temporary package), then spawned.
 * The in-process specs cover the behaviour; this one covers the wiring: ESM bundle, shebang, process streams, exit
 * codes, the version from package.json, SIGINT.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fixture } from './support';

const root = resolve(__dirname, '../..');
let dir: string;
let bin: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rx-assistant-stream-bin-'));
  bin = execFileSync(process.execPath, [join(__dirname, 'build-bin.mjs'), dir], { cwd: root, encoding: 'utf8' }).trim();
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const node = (args: string[], input?: string) =>
  spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    input,
    env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined },
  });

describe('the rx-assistant-stream bin', () => {
  it('starts with a shebang and runs `demo --fast` to the end, plain text through a pipe', () => {
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    const { status, stdout, stderr } = node(['demo', '--fast']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain('ƒ get_weather({"city":"Paris","date":"tomorrow"}) call_weather\n');
    expect(stdout).toContain(
      '  ⤷ get_weather → {"city":"Paris","date":"tomorrow","forecast":"light rain until 9:00, then clearing"',
    );
    expect(stdout).toContain('Bonne route ! 🚲\n✓ run completed\n');
    expect(stdout).toMatch(/\n {2}messages\s+2 · 2 completed\n {2}steps\s+4 · /);
    expect(stdout).not.toMatch(/\x1b\[/); // eslint-disable-line no-control-regex
  });

  it('prints the version of package.json, and exits 2 on a usage error', () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(node(['--version']).stdout).toBe(`${version}\n`);
    const wrong = node(['demo', '--fats']);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/^rx-assistant-stream demo: unknown option '--fats'\n/);
  });

  it('reads standard input, and exits 1 on a broken capture', () => {
    const piped = node(['replay', '-', '--text'], readFileSync(fixture('08-openai-dotnet-StreamingRunWorks.sse'), 'utf8'));
    expect(piped.status).toBe(0);
    expect(piped.stdout).toMatch(/^Hello! I'm just a program/);
    expect(node(['inspect', fixture('02-openapi-docs-createThreadAndRun-stream-functions.sse')]).status).toBe(1);
  });

  it('serves until SIGINT, then closes and exits 0', async () => {
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0'], { env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    const url = await new Promise<string>((resolveUrl, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(stdout);
        if (match) resolveUrl(match[1]!);
      });
      child.on('exit', () => reject(new Error(`serve exited early: ${stdout}`)));
    });
    const response = await fetch(`${url}/v1/threads/thread_1/runs`, {
      method: 'POST',
      body: JSON.stringify({ assistant_id: 'asst_1', stream: true }),
    });
    expect(await response.text()).toMatch(/event: thread\.run\.completed\n[\s\S]*event: done\ndata: \[DONE\]\n\n$/);
    const exit = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
    child.kill('SIGINT');
    expect(await exit).toBe(0);
    expect(stdout).toMatch(/stopped\n$/);
  });
});
