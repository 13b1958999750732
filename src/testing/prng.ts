/**
 * mulberry32: a small, fast, seedable pseudo-random generator (internal to the testing helpers and the specs; not
 * exported by the package). The transcript generator draws every choice from it, in a fixed order, so a seed gives
 * the same transcript byte for byte (spec/testing/generate-pinned.spec.ts).
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
