import type { Message } from '../schema';
import { copyTop, hasOwn, isPlainObject, type JsonObject } from './merge';

/**
 * The delta almost every `thread.message.delta` event carries, applied without the general merge: one text fragment
 * appended to a text part the snapshot already has (`{ content: [{ index, type: 'text', text: { value } }] }`, an
 * empty `annotations: []` allowed). Returns the new snapshot, exactly what `mergeDelta` would build (same keys, same
 * order, same sharing), or `undefined` for any other delta, which then takes the general merge.
 *
 * The general merge walks the delta key by key with the path it needs for errors; this path reads the few fields it
 * needs and copies the four objects that change (the text, the part, the content array, the message).
 *
 * @example
 * ```ts
 * appendTextFragment(message, { content: [{ index: 0, type: 'text', text: { value: ' world' } }] });
 * // => a copy of `message` whose content[0].text.value ends with ' world', or undefined for another kind of delta
 * ```
 */
export function appendTextFragment(snapshot: Message, delta: unknown): Message | undefined {
  // Every field is read as an own key, as the general merge reads them (an inherited one is not part of a delta).
  if (!isPlainObject(delta) || !onlyKeys(delta, 'content')) return undefined;
  const parts = own(delta, 'content');
  if (!Array.isArray(parts) || parts.length !== 1) return undefined;
  const element: unknown = parts[0];
  if (!isPlainObject(element) || !onlyKeys(element, 'index', 'type', 'text')) return undefined;
  const index = own(element, 'index');
  const content = own(snapshot, 'content');
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) return undefined;
  if (!Array.isArray(content) || index >= content.length) return undefined;
  const part: unknown = content[index];
  if (!isPlainObject(part)) return undefined;
  const type = own(element, 'type');
  if (type !== undefined && type !== own(part, 'type')) return undefined;
  const text = own(element, 'text');
  const current = own(part, 'text');
  if (!isPlainObject(text) || !isPlainObject(current) || !onlyKeys(text, 'value', 'annotations')) return undefined;
  const fragment = own(text, 'value');
  const value = own(current, 'value');
  if (typeof fragment !== 'string' || fragment === '' || typeof value !== 'string') return undefined;
  // `annotations: []` adds nothing to annotations the snapshot already has (an empty delta array never erases).
  const annotations = own(text, 'annotations');
  if (annotations !== undefined) {
    const emptyDelta = Array.isArray(annotations) && annotations.length === 0;
    if (!emptyDelta || !Array.isArray(own(current, 'annotations'))) return undefined;
  }
  const nextContent = content.slice();
  // OpenAI's layouts by object literals: V8 copies an object that came from a copy with a spread (plus an override)
  // several times slower than it builds a literal, and this runs on nearly every event of a stream.
  const nextText = isLayout(current, 'value', 'annotations')
    ? { value: value + fragment, annotations: current['annotations'] }
    : { ...current, value: value + fragment };
  nextContent[index] = isLayout(part, 'type', 'text') ? { type: part['type'], text: nextText } : { ...part, text: nextText };
  const next = copyTop(snapshot as unknown as JsonObject);
  next['content'] = nextContent;
  return next as unknown as Message;
}

/** `o[key]` if `key` is an own key of `o`, else `undefined`. */
function own(o: object, key: string): unknown {
  return hasOwn(o, key) ? (o as JsonObject)[key] : undefined;
}

/** Whether the own keys of `o` are exactly `first` then `second`. */
function isLayout(o: object, first: string, second: string): boolean {
  const keys = Object.keys(o);
  return keys.length === 2 && keys[0] === first && keys[1] === second;
}

/** Whether every own key of `o` is `a`, `b` or `c` (an object with none passes). */
function onlyKeys(o: object, a: string, b = a, c = a): boolean {
  for (const key of Object.keys(o)) if (key !== a && key !== b && key !== c) return false;
  return true;
}
