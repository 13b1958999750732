import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { Readable } from 'node:stream';
import { lastValueFrom, toArray } from 'rxjs';
import { assistantEvents, type AssistantStreamEvent } from '../../src';
import { runCli } from '../../src/cli/cli';
import { SERVE_USAGE } from '../../src/cli/serve';
import type { CliIO } from '../../src/cli/io';
import { fixture } from './support';

/** Runs `serve` in-process; `whileServing(url)` runs once it listens, then the command is interrupted. */
async function serving(argv: string[], whileServing: (url: string) => Promise<void>) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    stdin: Readable.from([]),
    env: {},
    untilInterrupted: () => whileServing(/listening on (http:\/\/\S+)/.exec(stdout)![1]!),
  };
  const code = await runCli(['serve', ...argv], io);
  return { code, stdout, stderr };
}

async function run(url: string, path = '/v1/threads/thread_1/runs'): Promise<AssistantStreamEvent[]> {
  const response = await fetch(url + path, { method: 'POST', body: JSON.stringify({ assistant_id: 'asst_1', stream: true }) });
  return lastValueFrom(assistantEvents(response).pipe(toArray()));
}

describe('rx-assistant-stream serve', () => {
  it('serves the tools scenario in small chunks, logs each request, and stops when interrupted', async () => {
    let events: AssistantStreamEvent[] = [];
    const { code, stdout, stderr } = await serving(['--scenario', 'tools', '--chunk-size', '5', '--pacing', '0'], async (url) => {
      events = await run(url);
    });
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(events.map((e) => e.event).slice(-1)).toEqual(['thread.run.requires_action']);
    expect(stdout).toMatch(/^mock Assistants server listening on http:\/\/127\.0\.0\.1:\d+ \(scenario tools\)\n/);
    expect(stdout).toMatch(/ POST \/v1\/threads\/thread_1\/runs 200 createRun: \d+ frames\n/);
    expect(stdout).toMatch(/stopped\n$/);
  });

  it('plays a recorded capture with --transcript', async () => {
    const file = fixture('08-openai-dotnet-StreamingRunWorks.sse');
    let events: AssistantStreamEvent[] = [];
    const { code } = await serving(['--transcript', file], async (url) => {
      events = await run(url);
    });
    expect(code).toBe(0);
    expect(events).toEqual(await lastValueFrom(assistantEvents(readFileSync(file)).pipe(toArray())));
  });

  it('says so when the port is taken (exit 1) or the transcript cannot be read', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const { code, stderr } = await serving(['--port', String(port)], async () => undefined);
      expect(code).toBe(1);
      expect(stderr).toBe(`rx-assistant-stream serve: cannot listen on 127.0.0.1:${port}: the port is in use\n`);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
    const missing = await serving(['--transcript', 'no/such.sse'], async () => undefined);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('rx-assistant-stream serve: cannot read no/such.sse: no such file (ENOENT)\n');
  });

  it('serves the Azure scenarios on Azure paths, with a bearer token when asked', async () => {
    let unauthorized = 0;
    let events: AssistantStreamEvent[] = [];
    const { code, stdout } = await serving(['--scenario', 'azure-mcp', '--bearer-token', 'entra-1'], async (url) => {
      const path = `${url}/api/projects/local/threads/thread_1/runs?api-version=v1`;
      unauthorized = (await fetch(path, { method: 'POST', body: JSON.stringify({ stream: true }) })).status;
      const response = await fetch(path, {
        method: 'POST',
        headers: { Authorization: 'Bearer entra-1' },
        body: JSON.stringify({ assistant_id: 'asst_1', stream: true }),
      });
      events = await lastValueFrom(assistantEvents(response).pipe(toArray()));
    });
    expect(code).toBe(0);
    expect(unauthorized).toBe(401);
    expect(events.at(-1)).toMatchObject({
      event: 'thread.run.requires_action',
      data: { required_action: { type: 'submit_tool_approval' } },
    });
    expect(stdout).toMatch(/endpoint for createAzureAgentsClient: http:\/\/127\.0\.0\.1:\d+\/api\/projects\/local\n/);
  });

  it('calls the pacing flag --pacing, as the API option; --delay, its old name, is a hidden alias', async () => {
    expect(SERVE_USAGE).toContain('--pacing <ms>');
    expect(SERVE_USAGE).not.toContain('--delay');
    let events: AssistantStreamEvent[] = [];
    const started = Date.now();
    const { code } = await serving(['--delay', '5'], async (url) => {
      events = await run(url);
    });
    expect(code).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(events.length * 4);
    const both = await serving(['--pacing', '1', '--delay', '1'], async () => undefined);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/^rx-assistant-stream serve: --pacing and --delay \(its old name\) cannot be used together\n/);
    const wrong = await serving(['--pacing=-1'], async () => undefined);
    expect(wrong.stderr).toMatch(/^rx-assistant-stream serve: --pacing must be a number >= 0 and <= 60000, got '-1'\n/);
  });
});
