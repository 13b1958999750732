import { demo, DEMO_USAGE } from './demo';
import { inspect, INSPECT_USAGE } from './inspect';
import { InputError } from './input';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliIO, type Command } from './io';
import { replay, REPLAY_USAGE } from './replay';
import { serve, SERVE_USAGE } from './serve';

export const USAGE = `Usage: rx-assistant-stream <command> [options]

Assistants API run streams (server-sent events) as RxJS Observables: a demo, and tools for captures.

Commands:
  demo              replay a recorded-style run (text, a tool call, code interpreter) live
  replay <file|->   the same live view for any SSE capture (--json: NDJSON events, --text: the text)
  inspect <file|->  validate a capture (lenient and strict), its lifecycle and its deltas
  serve             a local mock Assistants server that streams runs

Options:
  -h, --help        help (also: rx-assistant-stream <command> --help)
  -v, --version     the version

Exit codes: 0 ok, 1 invalid input or failed stream, 2 usage error.
`;

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  demo: { run: demo, usage: DEMO_USAGE },
  replay: { run: replay, usage: REPLAY_USAGE },
  inspect: { run: inspect, usage: INSPECT_USAGE },
  serve: { run: serve, usage: SERVE_USAGE },
};

/**
 * Runs the command line `argv` (without `node` and the script) against `io`, resolving to the exit code.
 * Nothing here touches `process`: `main.ts` wires it to the real streams, tests to captured ones.
 */
export async function runCli(argv: string[], io: CliIO, version = '0.0.0'): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help') {
    (first === undefined ? io.stderr : io.stdout).write(USAGE);
    return first === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (first === '-v' || first === '--version') {
    io.stdout.write(`${version}\n`);
    return EXIT_OK;
  }
  if (first === 'help') {
    const topic = rest[0] === undefined ? undefined : COMMANDS[rest[0]];
    if (rest[0] !== undefined && topic === undefined) return unknown(rest[0], io);
    io.stdout.write(topic?.usage ?? USAGE);
    return EXIT_OK;
  }
  const command = Object.prototype.hasOwnProperty.call(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (command === undefined) return unknown(first, io);
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr.write(`rx-assistant-stream ${first}: ${error.message}\n`);
      return EXIT_FAILURE;
    }
    throw error;
  }
}

function unknown(name: string, io: CliIO): number {
  const what = name.startsWith('-') ? `unknown option '${name}'` : `unknown command '${name}'`;
  io.stderr.write(`rx-assistant-stream: ${what}\n\n${USAGE}`);
  return EXIT_USAGE;
}
