/** The one-shot sources (bodies, iterators, openai-node streams) that a subscription has read or is reading. */
const claimed = new WeakSet<object>();

/**
 * Claims a one-shot source for the subscription that calls it: `true` the first time, `false` for every later call,
 * when the source was spent by an earlier subscription and must not be read again (a locked body, a finished
 * iterator: reading it would hang, end silently, or reject where no one listens).
 *
 * @example
 * ```ts
 * // internal (src/sse/one-shot.ts)
 * if (!claimOnce(response)) return subscriber.error(readOnceError('The Response'));
 * ```
 */
export function claimOnce(source: object): boolean {
  if (claimed.has(source)) return false;
  claimed.add(source);
  return true;
}
