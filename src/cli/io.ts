/**
 * What a command talks to: its streams and environment, injected so tests run commands in-process.
 * `main.ts` passes `process.stdout`, `process.stderr`, `process.stdin` and `process.env`.
 */
export interface CliOutput {
  write(chunk: string): unknown;
  /** True for a terminal: colors and the spinner line are used only then. */
  isTTY?: boolean;
  /** The terminal width, when known. */
  columns?: number;
}

/** The streams and environment of one command run. */
export interface CliIO {
  stdout: CliOutput;
  stderr: CliOutput;
  /** The bytes of `-` (standard input). */
  stdin: AsyncIterable<Uint8Array | string>;
  env: Readonly<Record<string, string | undefined>>;
  /** Called when a long-running command (`serve`) should keep going until this resolves. Tests pass their own. */
  untilInterrupted?: () => Promise<void>;
}

/** A command: argv after the command name, the streams, and an exit code. */
export type Command = (argv: string[], io: CliIO) => Promise<number>;

/** Exit codes: 0 success, 1 the input or the run failed, 2 usage error. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
