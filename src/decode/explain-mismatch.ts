import type * as t from 'io-ts';
import { AssistantStreamError, excerpt } from '../errors';

/**
 * Runs `codec.decode` (only on data that already failed the cheap `is` check) and turns its first error into an
 * `invalid_event` error: `Invalid "thread.message.delta" event at data.delta.content[0].index: expected number, got "0"`.
 */
export function explainMismatch(event: string, codec: t.Mixed, data: unknown): AssistantStreamError {
  const result = codec.decode(data);
  const first = result._tag === 'Left' ? result.left[0] : undefined;
  let path = 'data';
  let expected = codec.name;
  let actual: unknown = data;
  if (first) {
    const entries = first.context;
    for (let i = 1; i < entries.length; i++) {
      const parent = entries[i - 1]!.type as t.Mixed & { _tag?: string };
      const entry = entries[i]!;
      // An intersection's members (wherever the intersection sits) are the same value, not a step down;
      // a union is reported as a whole.
      if (parent._tag === 'UnionType') break;
      const parentActual = entries[i - 1]!.actual;
      if (/^\d+$/.test(entry.key) && entry.actual === parentActual) continue;
      path += step(entry.key, Array.isArray(parentActual));
      expected = entry.type.name;
      actual = entry.actual;
    }
    if (entries.length === 1) expected = entries[0]!.type.name;
  }
  // `excerpt` stringifies (and survives what JSON.stringify throws on: a 100k-deep array); a string is shown quoted.
  const got = actual === undefined ? 'nothing' : excerpt(typeof actual === 'string' ? JSON.stringify(actual) : actual, 60);
  return new AssistantStreamError('invalid_event', `Invalid "${event}" event at ${path}: expected ${shorten(expected)}, got ${got}`, {
    event,
    path,
    expected,
    excerpt: excerpt(data, 200),
  });
}

/** One step of a path, as a JS accessor: `[0]` into an array, `.name` into an object, `["0"]` for any other key. */
function step(key: string, intoArray: boolean): string {
  if (intoArray) return `[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

function shorten(name: string): string {
  return name.length > 120 ? `${name.slice(0, 120)}…` : name;
}
