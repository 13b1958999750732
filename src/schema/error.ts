import * as t from 'io-ts';
import { type Codec, type Schema, lenientCodec, nullable, struct } from './combinators';

/** The codec of an `error` event's data, for one schema. */
export function errorCodecs(schema: Schema) {
  const ErrorObject = struct(schema.mode, 'ErrorObject', {
    required: { message: t.string },
    requiredInSpec: { type: t.string, code: nullable(t.string), param: nullable(t.string) },
  });
  return { ErrorObject };
}

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
export interface ErrorObject extends t.TypeOf<ReturnType<typeof errorCodecs>['ErrorObject']> {}
/** Codec of {@link ErrorObject}. */
export const ErrorObject: Codec<ErrorObject> = /*#__PURE__*/ lenientCodec(errorCodecs, 'ErrorObject');
