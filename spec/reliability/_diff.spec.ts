import fc from 'fast-check';
import { mergeDelta as mergeNew } from '../../src/accumulate/merge';
import { mergeDelta as mergeOld } from './_merge-orig';
const run = (f: typeof mergeNew, s: object, d: object) => { try { return { ok: f(s, d) }; } catch (e: any) { return { err: e.message, path: e.path, code: e.code }; } };
it('same as before', () => {
  const key = fc.constantFrom('content', 'text', 'value', 'index', 'type', 'annotations', 'outputs', 'logs', 'function', 'arguments', 'refusal', '', 'a', '__proto__');
  const leaf = fc.oneof(fc.string({ maxLength: 3 }), fc.integer({ min: -2, max: 1003 }), fc.constant(null), fc.double({ min: -2, max: 5 }), fc.boolean());
  const { tree } = fc.letrec((tie) => ({
    tree: fc.oneof({ depthSize: 'small' }, leaf, tie('obj'), tie('arr')),
    obj: fc.dictionary(key, tie('tree'), { maxKeys: 4 }),
    arr: fc.array(fc.oneof(tie('obj'), tie('tree')), { maxLength: 3 }),
  }));
  const obj = fc.dictionary(key, tree, { maxKeys: 4 });
  fc.assert(fc.property(obj, obj, fc.array(obj, { maxLength: 3 }), (s, d, more) => {
    let a: any = s, b: any = s;
    for (const delta of [d, ...more]) {
      const ra = run(mergeOld, a, delta), rb = run(mergeNew, b, delta);
      expect(rb).toEqual(ra);
      if (!('ok' in ra)) return;
      a = ra.ok; b = rb.ok;
    }
  }), { numRuns: 20000 });
});
