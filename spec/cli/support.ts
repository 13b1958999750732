import { Readable } from 'node:stream';
import { join } from 'node:path';
import { runCli } from '../../src/cli/cli';
import type { CliIO } from '../../src/cli/io';

/** The shared real captures (read in place, never copied). */
export { FIXTURES_DIR as FIXTURES } from '../support/fixtures';
import { FIXTURES_DIR as FIXTURES } from '../support/fixtures';
export const fixture = (name: string) => join(FIXTURES, name);

export interface RunOptions {
  /** Bytes or text for `-`, or any async source of chunks (an endless one, say). */
  stdin?: string | Uint8Array | AsyncIterable<Uint8Array | string>;
  /** Pretend stdout is a terminal of this width. */
  tty?: { columns: number };
  env?: Record<string, string | undefined>;
  /** For `serve`: resolves when the command should stop (default: at once). */
  untilInterrupted?: () => Promise<void>;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process on captured streams. */
export async function cli(argv: string[], options: RunOptions = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: {
      write: (chunk: string) => (stdout += chunk),
      ...(options.tty ? { isTTY: true, columns: options.tty.columns } : {}),
    },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    stdin:
      typeof options.stdin === 'object' && Symbol.asyncIterator in options.stdin
        ? options.stdin
        : Readable.from(
            options.stdin === undefined ? [] : [typeof options.stdin === 'string' ? Buffer.from(options.stdin) : options.stdin],
          ),
    env: options.env ?? {},
    untilInterrupted: options.untilInterrupted ?? (() => Promise.resolve()),
  };
  const code = await runCli(argv, io, '9.9.9-test');
  return { code, stdout, stderr };
}

/** ANSI escape sequences (colors, line clearing). */
// eslint-disable-next-line no-control-regex
export const ANSI = /\x1b\[/;
