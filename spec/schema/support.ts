import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as t from 'io-ts';
import { isRight } from 'fp-ts/Either';

/** The shared real captures (read in place, never copied into the project). */
export { FIXTURES_DIR } from '../support/fixtures';
import { FIXTURES_DIR } from '../support/fixtures';

/** One SSE frame of a capture, its JSON parsed (`json` undefined when the data is not valid JSON). */
export interface Frame {
  event: string;
  data: string;
  json?: unknown;
}

/** The frames of a capture: `event: X\ndata: {json}\n\n` blocks; `done` and blocks without an event are dropped. */
export function readFrames(file: string): Frame[] {
  const text = readFileSync(join(FIXTURES_DIR, file), 'utf8');
  const frames: Frame[] = [];
  for (const block of text.split('\n\n')) {
    let event: string | undefined;
    let data: string | undefined;
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data = line.slice(5).replace(/^ /, '');
    }
    if (event === undefined || data === undefined || event === 'done') continue;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      json = undefined;
    }
    frames.push({ event, data, json });
  }
  return frames;
}

/**
 * The dotted paths of a failed decode, one per mismatch (deduplicated, sorted). io-ts adds an entry for each member
 * of an intersection or union, keyed by the member's position and holding the same value as its parent: skipped.
 */
export function errorPaths(errors: t.Errors): string[] {
  const paths = errors.map((error) =>
    error.context
      .filter((entry, i, context) => i > 0 && !(/^\d+$/.test(entry.key) && entry.actual === context[i - 1]!.actual))
      .map((entry) => entry.key)
      .join('.'),
  );
  return [...new Set(paths)].sort();
}

/** Checks a value with `is` and `decode`, which must agree; returns the mismatch paths (empty when it passes). */
export function check(codec: t.Mixed, value: unknown): string[] {
  const result = codec.decode(value);
  const is = codec.is(value);
  if (is !== isRight(result)) throw new Error(`${codec.name}: is() says ${is}, decode says ${isRight(result)}`);
  return isRight(result) ? [] : errorPaths(result.left);
}
