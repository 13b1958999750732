// Chunking helpers: bodies cut the way networks cut them, for tests of byte-level decoding.

/**
 * Cuts a string into pieces of `size` characters (UTF-16 code units: a piece may end inside a surrogate pair), or
 * of the sizes given, repeated until the text is used up. The pieces join back to `text`.
 *
 * @example
 * ```ts
 * import { chunkString } from 'rx-assistant-stream/testing';
 *
 * chunkString('event: done\ndata: [DONE]\n\n', 10); // ['event: don', 'e\ndata: [D', 'ONE]\n\n']
 * chunkString('abcdef', [1, 2]); // ['a', 'bc', 'd', 'ef']
 * ```
 */
export function chunkString(text: string, size: number | readonly number[]): string[] {
  const sizes = checkSizes('chunkString', size);
  return cut(text.length, sizes, (start, end) => text.slice(start, end));
}

/**
 * Cuts bytes (a string is UTF-8 encoded first) into chunks of `size` bytes, or of the sizes given, repeated until the
 * bytes are used up: chunks split multi-byte characters and CRLF pairs wherever they fall, as a network does.
 *
 * @example
 * ```ts
 * import { chunkBytes, toSSE, textRunEvents } from 'rx-assistant-stream/testing';
 * import { assistantEvents } from 'rx-assistant-stream';
 * import { from } from 'rxjs';
 *
 * const chunks = chunkBytes(toSSE(textRunEvents('Grüße, 世界')), [1, 7, 3]);
 * assistantEvents(from(chunks)).subscribe(console.log); // the same events as from the whole body
 * ```
 */
export function chunkBytes(bytes: Uint8Array | string, size: number | readonly number[]): Uint8Array[] {
  const sizes = checkSizes('chunkBytes', size);
  const all = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  return cut(all.length, sizes, (start, end) => all.subarray(start, end));
}

/**
 * Every way to cut the bytes of `text` in two (`[head, tail]` for each offset from 1 to length - 1): for exhaustive
 * tests that a decoder survives a chunk boundary anywhere.
 *
 * @example
 * ```ts
 * import { everySplit, toSSE, eventsOf } from 'rx-assistant-stream/testing';
 *
 * for (const [head, tail] of everySplit(toSSE(eventsOf('rmaC')))) {
 *   // feed [head, tail] to your decoder and compare with the whole body
 * }
 * ```
 */
export function* everySplit(text: Uint8Array | string): Generator<[Uint8Array, Uint8Array]> {
  const all = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  for (let offset = 1; offset < all.length; offset++) yield [all.subarray(0, offset), all.subarray(offset)];
}

function checkSizes(name: string, size: number | readonly number[]): readonly number[] {
  const sizes = typeof size === 'number' ? [size] : size;
  if (!Array.isArray(sizes) || sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new TypeError(`${name}: the size must be a positive integer or a non-empty array of them, got ${JSON.stringify(size)}`);
  }
  return sizes;
}

/** The pieces `[start, end)` of a sequence of `length` items, of the `sizes` given in turn until it is used up. */
function cut<T>(length: number, sizes: readonly number[], piece: (start: number, end: number) => T): T[] {
  const out: T[] = [];
  for (let offset = 0, i = 0; offset < length; i++) {
    const n = sizes[i % sizes.length]!;
    out.push(piece(offset, offset + n));
    offset += n;
  }
  return out;
}
