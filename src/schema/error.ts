import * as t from 'io-ts';
import type { Codec, CodecType, Schema } from './combinators';
import { lenientCodec, nullable, struct } from './combinators';

/**
 * `error` event data, once unwrapped from its `{error: ...}` envelope: `{message, type, code, param}`.
 *
 * @example
 * ```ts
 * import { assistantEvents, ofEventType } from 'rx-assistant-stream';
 *
 * assistantEvents(response, { errorEvents: 'emit' })
 *   .pipe(ofEventType('error'))
 *   .subscribe(({ data }) => console.error(data.type, data.message)); // 'server_error', 'The server had an error processing your request.'
 * ```
 */
export interface ErrorObject extends CodecType<typeof errorObject> {}
/** Codec of {@link ErrorObject}. */
export const ErrorObject: Codec<ErrorObject> = /*#__PURE__*/ lenientCodec(errorObject);
export function errorObject({ mode }: Schema) {
  return struct(mode, 'ErrorObject', {
    required: { message: t.string },
    requiredInSpec: { type: t.string, code: nullable(t.string), param: nullable(t.string) },
  });
}
