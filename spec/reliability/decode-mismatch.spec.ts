import fc from 'fast-check';
import * as t from 'io-ts';
import { fromSSE } from '../../src/sse/from-sse';
import { findMismatches, firstMismatch } from '../../src/decode/explain-mismatch';
import { errorEventBody, eventMismatches } from '../../src/decode/event-decoder';
import { getCodecs } from '../../src/schema';
import type { SseMessage } from '../../src/sse/sse-message';
import { readCapture, VALID_CAPTURES } from '../support/fixtures';

/**
 * The reference: how mismatches were explained before the walk, by io-ts's full `decode` (every error of the value),
 * read as paths. The walk must name the same first path, expected type and value, and `findMismatches` the same set.
 */
function decodeMismatches(codec: t.Mixed, data: unknown): { path: string; expected: string; actual: unknown }[] {
  const result = codec.decode(data);
  if (result._tag === 'Right') return [];
  const out: { path: string; expected: string; actual: unknown }[] = [];
  const seen = new Set<string>();
  for (const error of result.left) {
    const entries = error.context;
    let path = 'data';
    let expected = codec.name;
    let actual: unknown = data;
    for (let i = 1; i < entries.length; i++) {
      const parent = entries[i - 1]!;
      const entry = entries[i]!;
      if ((parent.type as { _tag?: string })._tag === 'UnionType') break;
      if (/^\d+$/.test(entry.key) && entry.actual === parent.actual) continue;
      path += Array.isArray(parent.actual)
        ? `[${entry.key}]`
        : /^[A-Za-z_$][\w$]*$/.test(entry.key)
          ? `.${entry.key}`
          : `[${JSON.stringify(entry.key)}]`;
      expected = entry.type.name;
      actual = entry.actual;
    }
    if (entries.length === 1) expected = entries[0]!.type.name;
    if (seen.has(path)) continue;
    seen.add(path);
    out.push({ path, expected, actual });
  }
  return out;
}

/** Every event of the valid captures, parsed: the shapes real servers send. */
const events: { event: string; data: unknown }[] = [];
for (const name of VALID_CAPTURES) {
  fromSSE(readCapture(name)).subscribe((m: SseMessage) => {
    if (m.event === undefined || m.event === 'done' || m.data === '[DONE]') return;
    try {
      events.push({ event: m.event, data: m.event === 'error' ? errorEventBody(JSON.parse(m.data)) : JSON.parse(m.data) });
    } catch {
      // not JSON: not a shape to mutate
    }
  });
}

const codecFor = (mode: 'lenient' | 'strict', event: string): t.Mixed | undefined => {
  const codecs = getCodecs(mode);
  return (event === 'error' ? codecs.ErrorObject : (codecs.eventData as Record<string, t.Mixed>)[event]) as t.Mixed | undefined;
};

/** Every path to a value inside `value` (objects and arrays), as key lists. */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

/** `value` with the value at `path` replaced (or deleted, for `undefined`). */
function replaced(value: unknown, path: (string | number)[], by: unknown): unknown {
  if (path.length === 0) return by;
  const [head, ...rest] = path;
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  if (rest.length === 0 && by === undefined && !Array.isArray(copy)) delete copy[head!];
  else if (rest.length === 0 && by === undefined)
    copy[head!] = null; // JSON has no holes
  else copy[head!] = replaced(copy[head!], rest, by);
  return copy;
}

const WRONG = [undefined, null, 0, 0.5, -1, '', 'x', '0', true, [], [1], {}, { type: 'audio' }, { index: '0' }];

describe('explaining a mismatch by walking the codec (issue 10, class 1)', () => {
  expect(events.length).toBeGreaterThan(50);

  it('names the same first path, expected type and value as a full io-ts decode, on mutated real events (fast-check)', () => {
    let mismatches = 0;
    fc.assert(
      fc.property(
        fc.nat(events.length - 1),
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...WRONG)), { minLength: 1, maxLength: 3 }),
        fc.constantFrom('lenient' as const, 'strict' as const),
        (which, _seed, edits, mode) => {
          const { event, data: original } = events[which]!;
          const codec = codecFor(mode, event);
          if (!codec) return;
          let data = original;
          for (const [at, by] of edits) {
            const all = paths(data);
            data = replaced(data, all[at % all.length]!, by);
          }
          const reference = decodeMismatches(codec, data);
          if (codec.is(data)) {
            expect(reference).toEqual([]);
            expect(findMismatches(codec, data)).toEqual([]);
            return;
          }
          mismatches++;
          expect(firstMismatch(codec, data)).toEqual(reference[0]);
          expect(findMismatches(codec, data)).toEqual(reference);
        },
      ),
      { numRuns: 3000 },
    );
    expect(mismatches).toBeGreaterThan(1000);
  });

  it('agrees with the full decode on every real event left whole, in both modes (strict rejects some)', () => {
    for (const { event, data } of events) {
      for (const mode of ['lenient', 'strict'] as const) {
        const codec = codecFor(mode, event);
        if (!codec) continue;
        expect({ event, mode, found: findMismatches(codec, data) }).toEqual({
          event,
          mode,
          found: decodeMismatches(codec, data),
        });
      }
    }
  });

  it('stops at the first mismatch: a 16 MB value with 200k bad parts costs a walk to the first, not 200k errors', () => {
    const codec = codecFor('lenient', 'thread.message.delta')!;
    const part = { index: '0', type: 'text', text: { value: 'x'.repeat(60) } };
    const data = { id: 'msg_1', object: 'thread.message.delta', delta: { content: Array.from({ length: 200_000 }, () => part) } };
    const started = performance.now();
    expect(firstMismatch(codec, data)).toEqual({ path: 'data.delta.content[0].index', expected: 'number', actual: '0' });
    expect(performance.now() - started).toBeLessThan(500);
    expect(findMismatches(codec, data, 3).map((m) => m.path)).toEqual([
      'data.delta.content[0].index',
      'data.delta.content[1].index',
      'data.delta.content[2].index',
    ]);
  });

  it('walks into a codec that says which member it dispatches to, and falls back to validate for one that does not', () => {
    const inner = t.type({ n: t.number });
    const is = (u: unknown): u is { n: number } | null => u === null || inner.is(u);
    const dispatching = Object.assign(
      new t.Type<{ n: number } | null>(
        'N | null',
        is,
        (u, c) => (u === null ? t.success(null) : inner.validate(u, c)),
        t.identity,
      ),
      {
        dispatch: (u: unknown) => (u === null ? undefined : inner),
      },
    );
    const opaque = new t.Type<{ n: number } | null>(
      'N | null',
      is,
      (u, c) => (u === null ? t.success(null) : inner.validate(u, c)),
      t.identity,
    );
    for (const codec of [dispatching, opaque]) {
      const outer = t.type({ list: t.array(codec) });
      const data = { list: [null, { n: 1 }, { n: 'x' }, 'nope'] };
      expect(findMismatches(outer, data)).toEqual(decodeMismatches(outer, data));
      expect(firstMismatch(outer, data)).toEqual({ path: 'data.list[2].n', expected: 'number', actual: 'x' });
    }
  });

  it('writes one path format: identifiers as .key, other keys quoted, indexes in brackets', () => {
    const codec = t.type({ metadata: t.record(t.string, t.string), list: t.array(t.string) });
    expect(findMismatches(codec, { metadata: { 'a-b': 1, ok: 2, '0': 3 }, list: ['a', 5] }).map((m) => m.path)).toEqual([
      'data.metadata["0"]',
      'data.metadata["a-b"]',
      'data.metadata.ok',
      'data.list[1]',
    ]);
  });
});

describe('eventMismatches, the internal export inspect reads', () => {
  it('unwraps event: error, picks the codec by name, and knows no inherited names', () => {
    expect(eventMismatches('lenient', 'error', { error: { message: 7 } })).toEqual([
      { path: 'data.message', expected: 'string', actual: 7 },
    ]);
    expect(eventMismatches('lenient', 'error', { message: 'ok' })).toEqual([]);
    expect(eventMismatches('lenient', 'toString', {})).toBeUndefined();
    expect(eventMismatches('lenient', '__proto__', {})).toBeUndefined();
    expect(eventMismatches('strict', 'thread.created', { id: 1 }, 2)!.map((m) => m.path)).toEqual(['data.id', 'data.object']);
  });
});
