import fc from 'fast-check';
import type * as t from 'io-ts';
import { setFastPaths } from '../../src/accumulate/fast-paths';
import { createEventValidator } from '../../src/decode/event-decoder';
import { isHotShape, isTextDelta, isToolFragmentDelta } from '../../src/decode/hot-shapes';
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
