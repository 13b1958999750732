import { closeSync, constants, openSync, readSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Socket } from 'node:net';
import type { CliIO } from './io';

/** An input that could not be opened or read: reported as `cannot read <name>: <reason>` on one line, exit code 1. */
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

/** Why a path cannot be read, in words (the errno code in parentheses). */
export function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const words: Record<string, string> = {
    ENOENT: 'no such file',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'it is a directory',
    ENOTDIR: 'a part of the path is not a directory',
    ELOOP: 'too many symbolic links',
    EIO: 'an I/O error',
    ENXIO: 'no such device',
  };
  if (code !== undefined) return Object.prototype.hasOwnProperty.call(words, code) ? `${words[code]} (${code})` : code;
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

/**
 * Opens a file path, or standard input for `-`, as a stream of chunks (nothing is buffered whole). A directory, a
 * device that is not a file or a pipe, a FIFO with no writer, or a path that cannot be opened is an
 * {@link InputError}; read errors surface as {@link InputError}s while iterating.
 */
export async function openInput(path: string, io: CliIO): Promise<Input> {
  let source: AsyncIterable<Uint8Array | string>;
  if (path === '-') source = io.stdin;
  else {
    const info = await stat(path).catch((error: unknown) => {
      throw new InputError(`cannot read ${path}: ${reasonOf(error)}`);
    });
    if (info.isDirectory()) throw new InputError(`cannot read ${path}: it is a directory`);
    const fifo = info.isFIFO();
    if (!info.isFile() && !fifo && !info.isCharacterDevice()) throw new InputError(`cannot read ${path}: not a file or a pipe`);
    try {
      if (fifo) source = openFifo(path);
      else {
        source = (await open(path, 'r')).createReadStream();
      }
    } catch (error) {
      throw new InputError(`cannot read ${path}: ${reasonOf(error)}`);
    }
  }
  const name = path === '-' ? 'stdin' : path;
  const input = { name, bytes: 0, chunks: source };
  input.chunks = readChunks(source, name, (n) => (input.bytes += n));
  return input;
}

/**
 * A FIFO, read as a pipe. open(2) of a FIFO blocks until a writer comes (and would hold a thread of libuv's pool for
 * ever), and epoll never reports the end of one that no writer opened yet: so it is opened non-blocking and probed
 * once. A read of 0 bytes means no writer: an {@link InputError}; EAGAIN means a writer that has not written yet.
 */
function openFifo(path: string): AsyncIterable<Uint8Array> {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  const first = Buffer.alloc(64 * 1024);
  let got: number;
  try {
    got = readSync(fd, first, 0, first.length, null);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') {
      closeSync(fd);
      throw error;
    }
    got = -1;
  }
  if (got === 0) {
    closeSync(fd);
    throw new InputError(`cannot read ${path}: a FIFO with no writer (start the writer first)`);
  }
  const socket = new Socket({ fd, readable: true, writable: false });
  return (async function* () {
    try {
      if (got > 0) yield first.subarray(0, got);
      for await (const chunk of socket) yield chunk as Uint8Array;
    } finally {
      socket.destroy();
    }
  })();
}

async function* readChunks(
  source: AsyncIterable<Uint8Array | string>,
  name: string,
  add: (n: number) => void,
): AsyncGenerator<Uint8Array | string> {
  try {
    for await (const chunk of source) {
      add(typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length);
      yield chunk;
    }
  } catch (error) {
    throw error instanceof InputError ? error : new InputError(`cannot read ${name}: ${reasonOf(error)}`);
  }
}
