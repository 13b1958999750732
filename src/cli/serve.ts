import { resolve } from 'node:path';
import { access } from 'node:fs/promises';
import { startMockServer, type MockScenario, type MockServer } from '../node';
import { numberOption, command, UsageError } from './args';
import { createStyle, useColor } from './format';
import { InputError, reasonOf } from './input';
import { EXIT_FAILURE, EXIT_OK } from './io';

export const SERVE_USAGE = `Usage: rx-assistant-stream serve [options]

Starts a local mock Assistants server (loopback only) that streams runs as SSE on
  POST /threads/runs, POST /threads/{thread_id}/runs,
  POST /threads/{thread_id}/runs/{run_id}/submit_tool_outputs
at the root and under /v1, and under /api/projects/{project} as Azure AI Agents does (there
?api-version= is required); logs one line per request; stops on Ctrl-C.

Options:
  --port <n>                 the port (default 0: any free port, printed at start)
  --host <addr>              127.0.0.1 (default), ::1 or localhost
  --scenario <name>          text (default), tools (pauses at requires_action for get_weather
                             and answers the submitted outputs), code (code interpreter),
                             azure-mcp (an MCP call that needs approval: submit_tool_approval),
                             azure-connected-agent or azure-bing (Bing grounding, url_citation)
  --transcript <file>        play a recorded SSE capture on the create endpoints instead
  --submit-transcript <file> with --transcript: the capture that answers submit_tool_outputs
  --chunk-size <bytes>       bytes per write, cut anywhere (default: one write per frame)
  --pacing <ms>              milliseconds between writes (default 0; the API's \`pacing\`)
  --bearer-token <token>     require Authorization: Bearer <token> on the run endpoints
  -h, --help                 this help

Example:
  rx-assistant-stream serve --port 4010 --scenario tools --chunk-size 7 --pacing 20
  curl -sN http://127.0.0.1:4010/v1/threads/thread_1/runs -d '{"assistant_id":"asst_1","stream":true}' \\
    | rx-assistant-stream replay -
`;

const SCENARIOS = ['text', 'tools', 'code', 'azure-mcp', 'azure-connected-agent', 'azure-bing'] as const;

/** `rx-assistant-stream serve`: runs until `io.untilInterrupted()` resolves (Ctrl-C), then closes the server. */
export const serve = command(
  {
    name: 'serve',
    usage: SERVE_USAGE,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      scenario: { type: 'string', conflicts: 'transcript' },
      transcript: { type: 'string' },
      'submit-transcript': { type: 'string' },
      'chunk-size': { type: 'string' },
      pacing: { type: 'string' },
      // The flag's name before `--pacing` (the API option's name): accepted, not shown.
      delay: { type: 'string' },
      'bearer-token': { type: 'string' },
    },
  },
  async ({ values }, io) => {
    const port = numberOption('port', values['port'], { min: 0, max: 65535, integer: true }) ?? 0;
    const host = (values['host'] as string | undefined) ?? '127.0.0.1';
    if (!/^(127(\.\d{1,3}){3}|::1|localhost)$/.test(host))
      throw new UsageError(`--host must be a loopback address (127.0.0.1, ::1, localhost), got '${host}'`);
    const chunkSize = numberOption('chunk-size', values['chunk-size'], { min: 1, integer: true });
    if (values['pacing'] !== undefined && values['delay'] !== undefined)
      throw new UsageError('--pacing and --delay (its old name) cannot be used together');
    const pacing =
      numberOption('pacing', values['pacing'], { min: 0, max: 60_000 }) ??
      numberOption('delay', values['delay'], { min: 0, max: 60_000 });
    const bearerToken = values['bearer-token'] as string | undefined;
    if (bearerToken !== undefined && (bearerToken === '' || /\s/.test(bearerToken)))
      throw new UsageError('--bearer-token must be a token without spaces');
    const scenario = await scenarioOf(values);

    const style = createStyle(useColor(io.stdout, io.env));
    let server: MockServer;
    try {
      server = await startMockServer({
        port,
        host,
        scenario,
        ...(chunkSize === undefined ? {} : { chunkSize }),
        ...(pacing === undefined ? {} : { pacing }),
        ...(bearerToken === undefined ? {} : { bearerToken }),
        log: (line) => io.stdout.write(`${style.dim(new Date().toISOString().slice(11, 23))} ${line}\n`),
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
        io.stderr.write(
          `rx-assistant-stream serve: cannot listen on ${host}:${port}: ${code === 'EADDRINUSE' ? 'the port is in use' : code}\n`,
        );
        return EXIT_FAILURE;
      }
      throw error;
    }
    const what = typeof scenario === 'string' ? `scenario ${scenario}` : `transcript ${values['transcript']}`;
    io.stdout.write(
      `${style.bold('mock Assistants server')} listening on ${style.cyan(server.url)} ${style.dim(`(${what})`)}\n` +
        `${style.dim(`  baseURL for createAssistantsClient / new OpenAI(): ${server.baseURL}`)}\n` +
        `${style.dim(`  endpoint for createAzureAgentsClient: ${server.url}/api/projects/local`)}\n` +
        `${style.dim(`  try: curl -sN ${server.baseURL}/threads/thread_1/runs -d '{"assistant_id":"asst_1","stream":true}'`)}\n` +
        `${style.dim('  Ctrl-C to stop')}\n`,
    );
    await (io.untilInterrupted?.() ?? Promise.resolve());
    await server.close();
    io.stdout.write('stopped\n');
    return EXIT_OK;
  },
);

async function scenarioOf(values: Record<string, string | boolean | undefined>): Promise<MockScenario> {
  const name = values['scenario'] as string | undefined;
  const transcript = values['transcript'] as string | undefined;
  const submit = values['submit-transcript'] as string | undefined;
  if (submit !== undefined && transcript === undefined) throw new UsageError('--submit-transcript needs --transcript');
  if (transcript !== undefined) {
    const start = await readable(transcript);
    return {
      type: 'transcript',
      start: { file: start },
      ...(submit === undefined ? {} : { submit: { file: await readable(submit) } }),
    };
  }
  if (name !== undefined && !(SCENARIOS as readonly string[]).includes(name)) {
    throw new UsageError(`--scenario must be one of ${SCENARIOS.join(', ')}, got '${name}'`);
  }
  return (name ?? 'text') as MockScenario;
}

async function readable(path: string): Promise<string> {
  const full = resolve(path);
  try {
    await access(full);
  } catch (error) {
    throw new InputError(`cannot read ${path}: ${reasonOf(error)}`);
  }
  return full;
}
