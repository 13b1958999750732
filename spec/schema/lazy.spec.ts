/** Codecs are built on first use: importing the schema (or the main entry) builds none, and strict mode only when asked. */
const BUILDERS = ['type', 'partial', 'intersection', 'union', 'array', 'record', 'refinement', 'keyof', 'literal'] as const;

/** Runs `run` on a fresh module registry where each io-ts constructor call is counted into `counts`. */
function countBuilds(run: (load: <T>(path: string) => T) => void, counts: Record<string, number> = {}): Record<string, number> {
  jest.isolateModules(() => {
    const t = require('io-ts') as Record<string, (...args: unknown[]) => unknown>;
    for (const name of BUILDERS) {
      const original = t[name]!;
      jest.spyOn(t, name as never).mockImplementation(((...args: unknown[]) => {
        counts[name] = (counts[name] ?? 0) + 1;
        return original(...args);
      }) as never);
    }
    run((path) => require(path));
  });
  jest.restoreAllMocks();
  return counts;
}

type Schema = typeof import('../../src/schema');

describe('schema codecs are lazy', () => {
  it('importing the schema and the main entry builds no codec', () => {
    const counts = countBuilds((load) => {
      load('../../src/schema');
      load('../../src/index');
    });
    expect(counts).toEqual({});
  });

  it('an exported codec builds what it needs on first use, once; strict mode is built only when asked', () => {
    const counts: Record<string, number> = {};
    const steps: Record<string, number>[] = [];
    const snapshot = () => steps.push({ ...counts });
    countBuilds((load) => {
      const schema = load<Schema>('../../src/schema');
      expect(schema.Run.is({})).toBe(false);
      snapshot();
      expect(schema.Run.is({})).toBe(false);
      snapshot();
      expect(schema.Message.is({})).toBe(false);
      snapshot();
      expect(schema.eventData['thread.run.created']).toBe(schema.getCodecs('lenient').Run);
      snapshot();
      expect(schema.getCodecs('lenient').Run).toBe(schema.eventData['thread.run.created']);
      snapshot();
      expect(schema.getCodecs('strict').Run).not.toBe(schema.getCodecs('lenient').Run);
      snapshot();
    }, counts);
    const types = steps.map((step) => step['type'] ?? 0);
    expect(types[0]).toBeGreaterThan(10); // the run's codecs
    expect(types[1]).toBe(types[0]); // built once
    expect(types[2]).toBeGreaterThan(types[1]!); // the message's codecs, on their first use
    expect(types[3]).toBeGreaterThan(types[2]!); // the rest of the set and the 24 event members
    expect(types[4]).toBe(types[3]); // the same set again
    expect(types[5]).toBeGreaterThan(types[4]!); // strict, on request
    expect(steps[4]!['refinement'] ?? 0).toBe(0); // the integer refinement is strict mode's
  });
});
