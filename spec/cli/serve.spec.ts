import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { Readable } from 'node:stream';
import { lastValueFrom, toArray } from 'rxjs';
import { assistantEvents, type AssistantStreamEvent } from '../../src';
import { runCli } from '../../src/cli/cli';
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
    const { code, stdout, stderr } = await serving(['--scenario', 'tools', '--chunk-size', '5', '--delay', '0'], async (url) => {
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
    expect(missing.stderr).toBe('rx-assistant-stream serve: cannot read no/such.sse: ENOENT\n');
  });
});
