import { open } from 'node:fs/promises';
import type { CliIO } from './io';

/** An input that could not be opened: reported as `cannot read <name>: <reason>`, exit code 1. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** The chunks of a command's input, and a running count of the bytes read so far. */
export interface Input {
  /** `stdin` for `-`, else the path as given. */
  name: string;
  chunks: AsyncIterable<Uint8Array | string>;
  /** Bytes read so far (grows as `chunks` is consumed). */
  readonly bytes: number;
}

/** Opens a file path, or standard input for `-`, as a stream of chunks (nothing is buffered whole). */
export async function openInput(path: string, io: CliIO): Promise<Input> {
  let source: AsyncIterable<Uint8Array | string>;
  if (path === '-') source = io.stdin;
  else {
    try {
      const handle = await open(path, 'r');
      source = handle.createReadStream();
    } catch (error) {
      throw new InputError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  const input = { name: path === '-' ? 'stdin' : path, bytes: 0, chunks: source };
  input.chunks = countBytes(source, (n) => (input.bytes += n));
  return input;
}

/** Reads a whole input into memory (for `inspect`, which needs the whole capture). */
export async function readInput(path: string, io: CliIO): Promise<{ name: string; bytes: Uint8Array }> {
  const input = await openInput(path, io);
  const parts: Uint8Array[] = [];
  const encoder = new TextEncoder();
  for await (const chunk of input.chunks) parts.push(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return { name: input.name, bytes };
}

async function* countBytes(source: AsyncIterable<Uint8Array | string>, add: (n: number) => void): AsyncGenerator<Uint8Array | string> {
  for await (const chunk of source) {
    add(typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length);
    yield chunk;
  }
}
