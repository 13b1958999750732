import fc from 'fast-check';
import * as t from 'io-ts';
import { jsonObject, nullable, partial, stringRecord } from '../../src/schema/combinators';

/** A codec whose `validate` changes what it accepts, so a record must return a copy with the changed values. */
const upper = new t.Type<string, unknown, unknown>(
  'Upper',
  (u): u is string => typeof u === 'string',
  (u, c) => (typeof u === 'string' ? t.success(u.toUpperCase()) : t.failure(u, c)),
  t.identity,
);

const codomains: [string, t.Mixed][] = [
  ['string', t.string],
  ['a partial object (the MCP tools of an activity)', partial({ description: nullable(t.string), parameters: jsonObject })],
  ['a codec that changes values', upper],
];

/** A decode result as plain data: the value, or each error's context as keys, type names and values. */
const outcome = (result: t.Validation<unknown>) =>
  result._tag === 'Right'
    ? { right: result.right }
    : { left: result.left.map((e) => e.context.map(({ key, type, actual }) => ({ key, type: type.name, actual }))) };

/** Records of the values each codomain may or may not accept, and values that are not records at all. */
const inputs = fc.oneof(
  fc.dictionary(
    fc.oneof(fc.constantFrom('a', 'b', 'user'), fc.string()),
    fc.oneof(
      fc.string(),
      fc.integer(),
      fc.constant(null),
      fc.record(
        { description: fc.oneof(fc.string(), fc.constant(null), fc.integer()), parameters: fc.oneof(fc.object(), fc.string()) },
        { requiredKeys: [] },
      ),
    ),
  ),
  fc.anything(),
);

describe('stringRecord', () => {
  describe.each(codomains)('of %s is io-ts’s t.record(t.string, codomain)', (_, codomain) => {
    const ours = stringRecord(codomain);
    const theirs = t.record(t.string, codomain);

    it('has the same class, tag, name, domain and codomain', () => {
      expect(ours).toBeInstanceOf(t.DictionaryType);
      expect(ours._tag).toBe(theirs._tag);
      expect(ours.name).toBe(theirs.name);
      expect(ours.domain).toBe(t.string);
      expect(ours.codomain).toBe(codomain);
      expect(stringRecord(codomain, 'Metadata').name).toBe('Metadata');
    });

    it('answers `is` and `decode` as it does, errors and their contexts included', () => {
      fc.assert(
        fc.property(inputs, (u) => {
          expect(ours.is(u)).toBe(theirs.is(u));
          expect(outcome(ours.decode(u))).toEqual(outcome(theirs.decode(u)));
        }),
        { numRuns: 400 },
      );
    });
  });

  it('returns the value itself when nothing changed, and a copy with the changed values when something did', () => {
    const same = { a: 'x', b: 'y' };
    const decoded = stringRecord(t.string).decode(same);
    expect(decoded._tag === 'Right' && decoded.right).toBe(same);
    const changed = stringRecord(upper).decode(same);
    expect(changed._tag === 'Right' && changed.right).toEqual({ a: 'X', b: 'Y' });
    expect(same).toEqual({ a: 'x', b: 'y' });
  });

  it('rejects arrays and null like io-ts', () => {
    for (const u of [[], ['a'], null, 'a', 1, undefined]) expect(stringRecord(t.string).is(u)).toBe(false);
  });
});
