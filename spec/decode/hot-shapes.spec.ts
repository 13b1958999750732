import fc from 'fast-check';
import type * as t from 'io-ts';
import { setFastPaths } from '../../src/accumulate/fast-paths';
import { checkDecodeOptions, createEventDecoder, createEventValidator } from '../../src/decode/event-decoder';
import { createHotDeltaReader, isHotShape, isTextDelta, isToolFragmentDelta } from '../../src/decode/hot-shapes';
import { getCodecs } from '../../src/schema';

type Json = Record<string, unknown>;

const text = (index: unknown, value: unknown): Json => ({
  id: 'msg_1',
  object: 'thread.message.delta',
  delta: { content: [{ index, type: 'text', text: { value } }] },
});
const tool = (call: Json): Json => ({
  id: 'step_1',
  object: 'thread.run.step.delta',
  delta: { step_details: { type: 'tool_calls', tool_calls: [call] } },
});
const fn = (index: unknown, args: unknown) => tool({ index, type: 'function', function: { arguments: args } });
const ci = (index: unknown, input: unknown) => tool({ index, type: 'code_interpreter', code_interpreter: { input } });

/** Every object path in `value` (arrays by index), the root included. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [at];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [at, ...keys.flatMap((k) => paths((value as Record<string | number, unknown>)[k], [...at, k]))];
}

/** A copy of `value` with `change` applied to the container at `path`. */
function edit(value: unknown, path: (string | number)[], change: (node: unknown) => unknown): unknown {
  const copy: unknown = structuredClone(value);
  if (path.length === 0) return change(copy);
  let node = copy as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  node[last] = change(node[last]);
  return copy;
}

const bases = fc.oneof(
  fc.tuple(fc.nat(5), fc.string()).map(([i, v]) => ['thread.message.delta', text(i, v)] as const),
  fc.tuple(fc.nat(5), fc.string()).map(([i, v]) => ['thread.run.step.delta', fn(i, v)] as const),
  fc.tuple(fc.nat(5), fc.string()).map(([i, v]) => ['thread.run.step.delta', ci(i, v)] as const),
);
const oddValue = fc.oneof(
  fc.constantFrom(null, undefined, -1, 0.5, 1.5, -0, Number.NaN, Infinity, '', 'text', 'function', true, [], {}, [{}]),
  fc.anything(),
);

/** A near miss of a hot shape: a key replaced, removed or added, or a container replaced, somewhere in it. */
const nearMisses = bases.chain(([event, data]) =>
  fc.tuple(fc.constantFrom(...paths(data)), fc.nat(2), oddValue, fc.string({ maxLength: 8 })).map(([path, how, odd, key]) => {
    const changed =
      how === 0
        ? edit(data, path, () => odd)
        : how === 1 && path.length > 0
          ? edit(data, path.slice(0, -1), (node) => {
              if (Array.isArray(node)) return node.filter((_, i) => i !== path[path.length - 1]);
              const { [path[path.length - 1]!]: _dropped, ...rest } = node as Json;
              return rest;
            })
          : edit(data, path, (node) =>
              typeof node === 'object' && node !== null ? Object.assign(node, { [`x${key}`]: odd }) : odd,
            );
    return [event, changed] as const;
  }),
);

const codecOf = (mode: 'lenient' | 'strict', event: string) => (getCodecs(mode).eventData as Record<string, t.Mixed>)[event]!;

describe('hot shapes before the codec (issue 11)', () => {
  it('accept the hot shapes themselves', () => {
    fc.assert(fc.property(bases, ([event, data]) => expect(isHotShape(event, data)).toBe(true)));
    expect(isTextDelta(text(0, 'Hi'))).toBe(true);
    expect(isToolFragmentDelta(fn(1, '{"a'))).toBe(true);
    expect(isToolFragmentDelta(ci(0, 'print('))).toBe(true);
  });

  it('reject near misses: fractional or negative index, extra or missing keys, wrong types, null, other events', () => {
    expect(isTextDelta(text(0.5, 'x'))).toBe(false);
    expect(isTextDelta(text(-1, 'x'))).toBe(false);
    expect(isTextDelta(text(0, null))).toBe(false);
    expect(isTextDelta({ ...text(0, 'x'), extra: 1 })).toBe(false);
    expect(isToolFragmentDelta(fn('0', 'x'))).toBe(false);
    expect(isToolFragmentDelta(tool({ index: 0, type: 'function', function: { arguments: 'x', name: 'f' } }))).toBe(false);
    expect(isHotShape('thread.message.delta', fn(0, 'x'))).toBe(false);
    expect(isHotShape('thread.run.step.created', fn(0, 'x'))).toBe(false);
    expect(isHotShape('thread.message.delta', null)).toBe(false);
    // The right own keys, plus an enumerable inherited one: declined (the codec decides).
    const withInherited = (own: Json) => Object.assign(Object.create({ inherited: 1 }) as Json, own);
    expect(isTextDelta(withInherited(text(0, 'x')))).toBe(false);
    expect(isToolFragmentDelta(tool(withInherited({ index: 0, type: 'function', function: { arguments: 'x' } })))).toBe(false);
  });

  it.each(['lenient', 'strict'] as const)('are a sound subset of the codec in %s mode: what they accept, it accepts', (mode) => {
    fc.assert(
      fc.property(fc.oneof(bases, nearMisses), ([event, data]) => {
        if (isHotShape(event, data)) expect(codecOf(mode, event).is(data)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it.each(['lenient', 'strict'] as const)('leave every result and error of the validator unchanged in %s mode', (mode) => {
    const outcome = (on: boolean, event: string, data: unknown) => {
      const previous = setFastPaths(on);
      try {
        return { value: createEventValidator({ mode })(event, data) };
      } catch (error) {
        return { error: String(error), code: (error as { code?: unknown }).code };
      } finally {
        setFastPaths(previous);
      }
    };
    fc.assert(
      fc.property(fc.oneof(bases, nearMisses), ([event, data]) => {
        expect(outcome(true, event, data)).toEqual(outcome(false, event, data));
      }),
      { numRuns: 1000 },
    );
  });
});

/** Fragments as they come: JSON's escapes, quotes, backslashes, control and non-ASCII characters, lone surrogates. */
const fragment = fc.oneof(
  fc.string({ maxLength: 16 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '',
    '"',
    '\\',
    '{"a":',
    '\n',
    '\u0000',
    '\u2028',
    'ão Pau',
    '\ud800',
    'x'.repeat(12),
    'y'.repeat(13),
    '😀'.repeat(7),
  ),
);
const hotIndex = fc.oneof(fc.nat(3), fc.integer({ min: 0, max: 999_999 }));
/** A hot delta (event name and data) of a given id. */
const hotOf = (id: string) =>
  fc.oneof(
    fc.tuple(hotIndex, fragment).map(([i, v]) => ['thread.message.delta', { ...text(i, v), id }] as const),
    fc.tuple(hotIndex, fragment).map(([i, v]) => ['thread.run.step.delta', { ...fn(i, v), id }] as const),
    fc.tuple(hotIndex, fragment).map(([i, v]) => ['thread.run.step.delta', { ...ci(i, v), id }] as const),
  );
/** `text` with one character inserted, removed or replaced: a near miss of the layout, valid JSON or not. */
const editedText = (json: string) =>
  fc
    .tuple(fc.nat(json.length), fc.nat(2), fc.constantFrom(...'"\\{}[],: 0129-.eE\nau'.split(''), '\u0001'))
    .map(([at, how, c]) =>
      how === 0 ? json.slice(0, at) + c + json.slice(at) : json.slice(0, at) + (how === 1 ? '' : c) + json.slice(at + 1),
    );

/** A reader that has seen a general-path delta of each kind for `id`. */
const readerFor = (id: string) => {
  const hot = createHotDeltaReader();
  hot.remember('thread.message.delta', { id });
  hot.remember('thread.run.step.delta', { id });
  return hot;
};

describe('hot deltas read from their JSON text (issue 11)', () => {
  it('build what JSON.parse builds from what JSON.stringify writes: values, keys and key order', () => {
    fc.assert(
      fc.property(hotOf('msg_abc123'), ([event, data]) => {
        const json = JSON.stringify(data);
        const read = readerFor('msg_abc123').read(event, json);
        expect(read).toStrictEqual(JSON.parse(json));
        expect(JSON.stringify(read)).toBe(json); // the same key order, at every level
      }),
      { numRuns: 3000 },
    );
  });

  it('read only deltas of the id the general path decoded last, of the same kind', () => {
    const json = JSON.stringify(text(0, 'Hi'));
    const hot = createHotDeltaReader();
    expect(hot.read('thread.message.delta', json)).toBeUndefined(); // nothing remembered yet
    hot.remember('thread.run.step.delta', { id: 'msg_1' });
    expect(hot.read('thread.message.delta', json)).toBeUndefined(); // a run step's id
    hot.remember('thread.message.delta', { id: 'msg_2' });
    expect(hot.read('thread.message.delta', json)).toBeUndefined(); // another message
    hot.remember('thread.message.delta', { id: 'msg_1' });
    expect(hot.read('thread.message.delta', json)).toStrictEqual(text(0, 'Hi'));
    expect(hot.read('thread.run.step.delta', json)).toBeUndefined();
    expect(hot.read('thread.message.completed', json)).toBeUndefined();
    // An id whose JSON text is not itself (a quote, a backslash, a control character) is never compared in place.
    for (const id of ['msg"1', 'msg\\1', 'msg\n1']) {
      const odd = createHotDeltaReader();
      odd.remember('thread.message.delta', { id });
      expect(odd.read('thread.message.delta', JSON.stringify({ ...text(0, 'Hi'), id }))).toBeUndefined();
    }
  });

  it('decline every other layout: whitespace, other key orders, extra keys, odd indexes, a bad string', () => {
    const hot = readerFor('msg_1');
    const head = '{"id":"msg_1","object":"thread.message.delta","delta":{"content":[{"index":';
    const declined = [
      JSON.stringify(text(0, 'Hi'), null, 1),
      JSON.stringify({ ...text(0, 'Hi'), extra: 1 }),
      JSON.stringify({ object: 'thread.message.delta', id: 'msg_1', delta: text(0, 'x')['delta'] }),
      `${head}0,"type":"text","text":{"value":"Hi","annotations":[]}}]}}`,
      `${head}01,"type":"text","text":{"value":"Hi"}}]}}`, // a leading zero: not JSON
      `${head}-1,"type":"text","text":{"value":"Hi"}}]}}`,
      `${head}1.5,"type":"text","text":{"value":"Hi"}}]}}`,
      `${head}1e2,"type":"text","text":{"value":"Hi"}}]}}`,
      `${head}1234567,"type":"text","text":{"value":"Hi"}}]}}`, // more digits than an index has
      `${head}0,"type":"text","text":{"value":"a"b"}}]}}`, // a quote inside
      `${head}0,"type":"text","text":{"value":"a\\"}}]}}`, // the closing quote escaped
      `${head}0,"type":"text","text":{"value":"\u0001"}}]}}`, // a raw control character
      `${head}0,"type":"text","text":{"value":"\\x"}}]}}`, // an invalid escape
      `${head}0,"type":"text","text":{"value":"Hi"}}]}} `,
      `${head}0,"type":"text","text":{"value":"Hi"}}]}`,
      `${head}0,"type":"text","text":{"value":"Hi`,
      head,
      '',
    ];
    for (const json of declined) expect(hot.read('thread.message.delta', json)).toBeUndefined();
    expect(hot.read('thread.message.delta', `${head}123456,"type":"text","text":{"value":"Hi"}}]}}`)).toStrictEqual(
      text(123456, 'Hi'),
    );
  });

  it.each(['lenient', 'strict'] as const)(
    'accept a near miss of the layout only as JSON.parse reads it, and only when it is valid (%s mode)',
    (mode) => {
      fc.assert(
        fc.property(
          hotOf('msg_1').chain(([event, data]) => fc.tuple(fc.constant(event), editedText(JSON.stringify(data)))),
          ([event, json]) => {
            const read = readerFor('msg_1').read(event, json);
            if (read === undefined) return;
            expect(read).toStrictEqual(JSON.parse(json));
            expect(JSON.stringify(read)).toBe(JSON.stringify(JSON.parse(json)));
            expect(isHotShape(event, read)).toBe(true);
            expect(codecOf(mode, event).is(read)).toBe(true);
          },
        ),
        { numRuns: 4000 },
      );
    },
  );

  it.each(['lenient', 'strict'] as const)('leave every event and error of the decoder unchanged in %s mode', (mode) => {
    const decodeAll = (on: boolean, texts: readonly (readonly [string, string])[]) => {
      const previous = setFastPaths(on);
      try {
        const decode = createEventDecoder(checkDecodeOptions({ mode }));
        return texts.map(([event, data]) => {
          try {
            return { value: decode({ event, data }) };
          } catch (error) {
            return { error: String(error), code: (error as { code?: unknown }).code };
          }
        });
      } finally {
        setFastPaths(previous);
      }
    };
    const frame = fc.oneof(
      hotOf('msg_1').map(([event, data]) => [event, JSON.stringify(data)] as const),
      hotOf('step_1').map(([event, data]) => [event, JSON.stringify(data)] as const),
      hotOf('msg_1').chain(([event, data]) => fc.tuple(fc.constant(event), editedText(JSON.stringify(data)))),
      fc.constant(['thread.message.delta', JSON.stringify({ ...text(0, 'Hi'), id: 'msg_2' })] as const),
    );
    fc.assert(
      fc.property(fc.array(frame, { maxLength: 12 }), (texts) => {
        expect(decodeAll(true, texts)).toEqual(decodeAll(false, texts));
      }),
      { numRuns: 500 },
    );
  });
});
