/** A JSON object as the accumulators see it. */
export type JsonObject = { [key: string]: unknown };

/** Whether `key` is an own key of `o` (an inherited field is not part of a delta). */
export const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/** Whether `value` is an object that is not an array (and not null). */
export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
