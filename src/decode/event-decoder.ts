import type * as t from 'io-ts';
import { AssistantStreamError, excerpt } from '../errors';
import type { SchemaMode } from '../schema/combinators';
import { getCodecs, type AssistantStreamEvent } from '../schema';
import type { SseMessage } from '../sse/sse-message';
import { explainMismatch } from './explain-mismatch';

/**
 * Options of {@link decodeAssistantEvents} and {@link assistantEvents}.
 *
 * @example
 * ```ts
 * import { fromSSE, decodeAssistantEvents } from 'rx-assistant-stream';
 *
 * // Validate a server against the spec, fail on unknown events, receive `event: error` as a value.
 * fromSSE(response).pipe(decodeAssistantEvents({ mode: 'strict', unknownEvents: 'error', errorEvents: 'emit' }));
 * ```
 */
export interface DecodeOptions {
  /** `'lenient'` (default) accepts what real servers send; `'strict'` follows the OpenAPI spec exactly. */
  mode?: SchemaMode;
  /**
   * What to do with an event name the library does not know (the API promised to add events):
   * `'skip'` (default) or `'error'` (an `unknown_event` error).
   */
  unknownEvents?: 'skip' | 'error';
  /** Told about each unknown event that is skipped. */
  onUnknownEvent?: (message: SseMessage) => void;
  /**
   * `event: error` frames: `'error'` (default) errors the Observable with a `server_error` carrying the
   * server's message, type and code; `'emit'` delivers them as the `error` member of the union and goes on.
   */
  errorEvents?: 'error' | 'emit';
}

/** What one SSE message decodes to: an event, the end of the stream, or nothing (a skipped event). */
export type DecodedMessage = AssistantStreamEvent | typeof DONE | undefined;

/** The `[DONE]` sentinel: the stream is over. */
export const DONE: unique symbol = Symbol('[DONE]');

/**
 * Builds the per-message decoding function for a set of options (validated here, with a `TypeError` on misuse).
 * The function throws an {@link AssistantStreamError} for bad input; the operators route it to the error channel.
 */
export function createEventDecoder(options: DecodeOptions = {}): (message: SseMessage) => DecodedMessage {
  const { mode, unknownEvents, onUnknownEvent, errorEvents } = checkOptions(options);
  const validate = createEventValidator(mode, errorEvents);
  return (message) => {
    const { event, data } = message;
    if (event === 'done' || (event === undefined && data === '[DONE]')) {
      if (data !== '[DONE]') {
        throw new AssistantStreamError('invalid_event', `Invalid "done" event: expected data [DONE], got ${excerpt(data, 60)}`, {
          event: 'done',
          path: 'data',
          expected: '[DONE]',
          excerpt: excerpt(data, 200),
        });
      }
      return DONE;
    }
    if (event === undefined || !validate.knows(event)) {
      if (unknownEvents === 'error') {
        throw new AssistantStreamError('unknown_event', `Unknown event "${event ?? '(no event name)'}"`, {
          ...(event === undefined ? {} : { event }),
          excerpt: excerpt(data, 200),
        });
      }
      onUnknownEvent?.(message);
      return undefined;
    }
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch (cause) {
      throw new AssistantStreamError('invalid_json', `Invalid JSON in "${event}" event: ${(cause as Error).message}`, {
        event,
        excerpt: excerpt(data, 200),
        cause,
      });
    }
    return validate(event, json);
  };
}

/**
 * Checks already parsed event data against the codecs of a mode: the shared core of SSE and openai-node input.
 * Returns the typed event, `undefined` for an unknown event name, and throws an {@link AssistantStreamError} when
 * the data does not match.
 *
 * @example
 * ```ts
 * import { createEventValidator, type EventValidator } from 'rx-assistant-stream';
 *
 * const validate: EventValidator = createEventValidator('strict');
 * validate.knows('thread.run.created'); // true
 * const event = validate('thread.run.created', JSON.parse(data)); // typed, or throws with the path of the mismatch
 * ```
 */
export interface EventValidator {
  (event: string, data: unknown): AssistantStreamEvent | undefined;
  /** Whether `event` is one of the 24 known event names. */
  knows(event: string): boolean;
}

/**
 * Builds an {@link EventValidator}: `is` on the hot path, `decode` only to explain a failure.
 *
 * @example
 * ```ts
 * import { createEventValidator } from 'rx-assistant-stream';
 *
 * // Events that arrive already parsed (a WebSocket, a queue, a log): validate them as the SSE decoder does.
 * const validate = createEventValidator('lenient', 'emit');
 * for (const { event, data } of records) {
 *   const typed = validate(event, data); // undefined for an unknown event name
 *   if (typed) handle(typed);
 * }
 * ```
 *
 * @param mode `'lenient'` (default) or `'strict'`.
 * @param errorEvents `'error'` (default): an `error` event throws a `server_error`; `'emit'`: it is returned.
 * @returns The validator.
 */
export function createEventValidator(mode: SchemaMode = 'lenient', errorEvents: 'error' | 'emit' = 'error'): EventValidator {
  const codecs = getCodecs(mode);
  const byName = new Map<string, { name: string; codec: t.Mixed }>(
    Object.entries(codecs.eventData).map(([name, codec]) => [name, { name, codec: codec as t.Mixed }]),
  );
  // A stream repeats one name hundreds of times in a row (`thread.message.delta`): the last name looked up is kept,
  // so a repeat costs a string comparison instead of hashing a fresh string for the map.
  let lastName: string | undefined;
  let lastEntry: { name: string; codec: t.Mixed } | undefined;
  const lookup = (event: string) => {
    if (event !== lastName) {
      lastEntry = byName.get(event);
      lastName = event;
    }
    return lastEntry;
  };
  const validate = (event: string, data: unknown): AssistantStreamEvent | undefined => {
    if (event === 'error') return serverError(data, errorEvents, codecs.ErrorObject);
    const entry = lookup(event);
    if (entry === undefined) return undefined;
    if (!entry.codec.is(data)) throw explainMismatch(entry.name, entry.codec, data);
    // The name as the library spells it (an interned constant), not the slice of the body it was read from: the
    // operators downstream compare it by pointer, and an event the application keeps does not keep a chunk alive.
    return { event: entry.name, data } as AssistantStreamEvent;
  };
  return Object.assign(validate, { knows: (event: string) => lookup(event) !== undefined });
}

function serverError(data: unknown, errorEvents: 'error' | 'emit', codec: t.Mixed): AssistantStreamEvent {
  const inner = typeof data === 'object' && data !== null && 'error' in data ? (data as { error: unknown }).error : data;
  if (errorEvents === 'emit') {
    if (!codec.is(inner)) throw explainMismatch('error', codec, inner);
    return { event: 'error', data: inner } as AssistantStreamEvent;
  }
  const body = (typeof inner === 'object' && inner !== null ? inner : {}) as Record<string, unknown>;
  const message = typeof body['message'] === 'string' ? body['message'] : 'no message';
  const serverError = {
    message,
    ...(typeof body['type'] === 'string' ? { type: body['type'] } : {}),
    ...(typeof body['code'] === 'string' || body['code'] === null ? { code: body['code'] as string | null } : {}),
    ...(typeof body['param'] === 'string' || body['param'] === null ? { param: body['param'] as string | null } : {}),
  };
  const kind = serverError.type ? ` (${serverError.type}${serverError.code ? `, ${serverError.code}` : ''})` : '';
  throw new AssistantStreamError('server_error', `The server sent an error${kind}: ${message}`, {
    event: 'error',
    serverError,
    excerpt: excerpt(data, 200),
  });
}

function checkOptions(options: DecodeOptions): Required<Omit<DecodeOptions, 'onUnknownEvent'>> & Pick<DecodeOptions, 'onUnknownEvent'> {
  if (typeof options !== 'object' || options === null) throw new TypeError('decodeAssistantEvents: `options` must be an object');
  const { mode = 'lenient', unknownEvents = 'skip', onUnknownEvent, errorEvents = 'error' } = options;
  if (mode !== 'lenient' && mode !== 'strict') throw new TypeError(`decodeAssistantEvents: \`mode\` must be 'lenient' or 'strict', got ${String(mode)}`);
  if (unknownEvents !== 'skip' && unknownEvents !== 'error') {
    throw new TypeError(`decodeAssistantEvents: \`unknownEvents\` must be 'skip' or 'error', got ${String(unknownEvents)}`);
  }
  if (onUnknownEvent !== undefined && typeof onUnknownEvent !== 'function') {
    throw new TypeError('decodeAssistantEvents: `onUnknownEvent` must be a function');
  }
  if (errorEvents !== 'error' && errorEvents !== 'emit') {
    throw new TypeError(`decodeAssistantEvents: \`errorEvents\` must be 'error' or 'emit', got ${String(errorEvents)}`);
  }
  return { mode, unknownEvents, onUnknownEvent, errorEvents };
}
