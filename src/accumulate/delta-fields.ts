import { isPlainObject, type JsonObject } from './json';

/**
 * `delta` with only the keys of its schema (`fields`): itself when it has no other key (the common case, no
 * allocation), else a copy holding those keys alone. A delta merges only its schema's fields, so its other keys
 * (`id`, `object`, `status`, `thread_id`, `run_id`, `created_at`...) can neither rename nor close a snapshot.
 * A value that is not an object is returned as it is, for the merge to report.
 *
 * @example
 * ```ts
 * // internal (src/accumulate/delta-fields.ts)
 * onlyDeltaFields({ content: [], status: 'completed' }, ['content', 'role']); // { content: [] }
 * ```
 */
export function onlyDeltaFields<T>(delta: T, fields: readonly string[]): T {
  if (!isPlainObject(delta)) return delta;
  const keys = Object.keys(delta);
  if (keys.every((key) => fields.includes(key))) return delta;
  const out: JsonObject = {};
  for (const key of keys) if (fields.includes(key)) out[key] = delta[key];
  return out as T;
}
