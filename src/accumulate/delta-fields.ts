import { wrongSnapshotError } from '../errors';
import type { FastPathMemo } from './fast-paths';
import { isPlainObject, type JsonObject } from './json';
import { mergeDelta } from './merge';

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

/** How one kind of object takes its deltas: its name in errors, its delta schema's fields, its fast path. */
export interface DeltaKind<S, D> {
  /** `message`, `run step`: named in the error for a delta applied to another object. */
  readonly name: string;
  /** The keys of the delta schema, the only ones that merge. */
  readonly fields: readonly string[];
  /** The fast path: the new snapshot, or `undefined` when the delta is not a shape it takes. */
  readonly fast: (snapshot: S, delta: D, memo: FastPathMemo | undefined) => S | undefined;
}

/**
 * Applies a delta event's data to the snapshot of the same object: the kind's fast path when it takes the delta,
 * else the general merge of the delta schema's fields alone.
 *
 * @example
 * ```ts
 * // internal (src/accumulate/delta-fields.ts)
 * const next = applyDeltaOfKind(MESSAGE_DELTAS, message, delta, memo);
 * ```
 */
export function applyDeltaOfKind<S extends { id: string }, D extends object>(
  kind: DeltaKind<S, D>,
  snapshot: S,
  delta: { id: string; delta: D },
  memo: FastPathMemo | undefined,
): S {
  if (delta.id !== snapshot.id) throw wrongSnapshotError(kind.name, delta.id, snapshot.id);
  const fast = kind.fast(snapshot, delta.delta, memo);
  if (fast !== undefined) return fast;
  if (memo !== undefined) memo.built = undefined; // keep no older snapshot alive
  return mergeDelta(snapshot, onlyDeltaFields(delta.delta, kind.fields));
}
