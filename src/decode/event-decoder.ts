import type * as t from 'io-ts';
import {
  type Mismatch,
  invalidEventError,
  invalidJsonError,
  readServerError,
  serverErrorEvent,
  unknownEventError,
} from '../errors';
import { sharedSchema, type SchemaMode } from '../schema/combinators';
import { ErrorObject } from '../schema/error';
import { eventDataCodecs } from '../schema/events';
import type { AssistantStreamEvent } from '../schema';
import type { SseMessage } from '../sse/sse-message';
import { fastPathsEnabled } from '../accumulate/fast-paths';
import { findMismatches, firstMismatch } from './explain-mismatch';
import { createHotDeltaReader, isHotShape } from './hot-shapes';

/**
 * The decoding core: the one place that knows `[DONE]`, unknown event names, `event: error` payloads and how a
 * mismatch is explained. The SSE decoder (`decodeAssistantEvents`, `assistantEvents`), `fromOpenAIStream` and the
 * CLI's `inspect` all decode through it.
 */

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

/**
 * {@link DecodeOptions} with their defaults filled in, as {@link checkDecodeOptions} returns them.
 *
 * @example
 * ```ts
 * import { checkDecodeOptions, type CheckedDecodeOptions } from 'rx-assistant-stream';
 *
 * const options: CheckedDecodeOptions = checkDecodeOptions({ errorEvents: 'emit' }); // mode 'lenient', unknownEvents 'skip'
 * ```
 */
export interface CheckedDecodeOptions {
  mode: SchemaMode;
  unknownEvents: 'skip' | 'error';
  onUnknownEvent: ((message: SseMessage) => void) | undefined;
  errorEvents: 'error' | 'emit';
}

/**
 * Checks decoding options and fills in their defaults, with a helpful `TypeError` on misuse; `caller` names the
 * function in the message. Every public function that takes {@link DecodeOptions} calls it once, at call time.
 *
 * @example
 * ```ts
 * import { checkDecodeOptions } from 'rx-assistant-stream';
 *
 * checkDecodeOptions({ mode: 'strict' }); // { mode: 'strict', unknownEvents: 'skip', onUnknownEvent: undefined, errorEvents: 'error' }
 * checkDecodeOptions({ mode: 'exact' } as never, 'myAdapter'); // TypeError: myAdapter: `mode` must be 'lenient' or 'strict', got exact
 * ```
 *
 * @param options The options to check.
 * @param caller The public function's name, for the message (default `decodeAssistantEvents`).
 * @returns The options with their defaults.
 */
export function checkDecodeOptions(options: DecodeOptions = {}, caller = 'decodeAssistantEvents'): CheckedDecodeOptions {
  if (typeof options !== 'object' || options === null) throw new TypeError(`${caller}: \`options\` must be an object`);
  const { mode = 'lenient', unknownEvents = 'skip', onUnknownEvent, errorEvents = 'error' } = options;
  if (mode !== 'lenient' && mode !== 'strict')
    throw new TypeError(`${caller}: \`mode\` must be 'lenient' or 'strict', got ${String(mode)}`);
  if (unknownEvents !== 'skip' && unknownEvents !== 'error') {
    throw new TypeError(`${caller}: \`unknownEvents\` must be 'skip' or 'error', got ${String(unknownEvents)}`);
  }
  if (onUnknownEvent !== undefined && typeof onUnknownEvent !== 'function')
    throw new TypeError(`${caller}: \`onUnknownEvent\` must be a function`);
  if (errorEvents !== 'error' && errorEvents !== 'emit') {
    throw new TypeError(`${caller}: \`errorEvents\` must be 'error' or 'emit', got ${String(errorEvents)}`);
  }
  return { mode, unknownEvents, onUnknownEvent, errorEvents };
}

/** What one message decodes to: an event, the end of the stream, or nothing (a skipped event). */
export type DecodedMessage = AssistantStreamEvent | typeof DONE | undefined;

/** The `[DONE]` sentinel: the stream is over. */
export const DONE: unique symbol = Symbol('[DONE]');

/** The pure decoding step: one message in, its decoding out; throws an {@link AssistantStreamError} for bad input. */
export type DecodeStep<M> = (message: M) => DecodedMessage;

/**
 * The decoding step of SSE messages (`event` + `data` text) for checked options: `[DONE]`, unknown names, JSON,
 * validation. Per subscription: it holds the validator's one-name cache and the ids the hot-delta reader compares.
 */
export function createEventDecoder(options: CheckedDecodeOptions): DecodeStep<SseMessage> {
  const { unknownEvents, onUnknownEvent } = options;
  const known = knownEvents(options);
  const hot = createHotDeltaReader();
  return (message) => {
    const { event, data } = message;
    if (event === 'done' || (event === undefined && data === '[DONE]')) {
      if (data !== '[DONE]') throw invalidEventError('done', { path: 'data', expected: '[DONE]', actual: data }, data);
      return DONE;
    }
    const entry = event === undefined ? undefined : known.find(event);
    if (entry === undefined) {
      if (unknownEvents === 'error') throw unknownEventError(event, data);
      onUnknownEvent?.(message);
      return undefined;
    }
    if (fastPathsEnabled()) {
      const read = hot.read(entry.name, data);
      if (read !== undefined) return { event: entry.name, data: read } as AssistantStreamEvent;
    }
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch (cause) {
      throw invalidJsonError(entry.name, data, cause);
    }
    const decoded = known.check(entry, json);
    hot.remember(entry.name, json);
    return decoded;
  };
}

/**
 * One item of an already parsed stream (openai-node's `{ event, data }`), or bare data for an event without a name.
 */
export interface ParsedItem {
  event?: unknown;
  data?: unknown;
}

/**
 * The decoding step of already parsed items (openai-node streams): the same rules as {@link createEventDecoder},
 * with `data` already JSON. An item without a string `event` is an unknown event whose data is the item itself;
 * `onUnknownEvent` gets the data serialized as JSON.
 */
export function createItemDecoder(options: CheckedDecodeOptions): DecodeStep<ParsedItem> {
  const { unknownEvents, onUnknownEvent } = options;
  const known = knownEvents(options);
  return (item) => {
    if (typeof item !== 'object' || item === null) {
      throw invalidEventError('(stream item)', { path: 'item', expected: '{ event, data }', actual: item }, item);
    }
    const named = typeof item.event === 'string';
    const event = named ? (item.event as string) : undefined;
    const data = named ? item.data : item;
    if (event === 'done') return DONE;
    const entry = event === undefined ? undefined : known.find(event);
    if (entry === undefined) {
      if (unknownEvents === 'error') throw unknownEventError(event, data);
      if (onUnknownEvent) {
        const text = typeof data === 'string' ? data : (safeJson(data) ?? '');
        onUnknownEvent(event === undefined ? { data: text } : { event, data: text });
      }
      return undefined;
    }
    return known.check(entry, data);
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
 * const validate: EventValidator = createEventValidator({ mode: 'strict' });
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
 * Options of {@link createEventValidator}.
 *
 * @example
 * ```ts
 * import { createEventValidator, type EventValidatorOptions } from 'rx-assistant-stream';
 *
 * const options: EventValidatorOptions = { mode: 'strict', errorEvents: 'emit' };
 * const validate = createEventValidator(options);
 * ```
 */
export interface EventValidatorOptions {
  /** `'lenient'` (default) or `'strict'`. */
  mode?: SchemaMode;
  /** `'error'` (default): an `error` event throws a `server_error`; `'emit'`: it is returned. */
  errorEvents?: 'error' | 'emit';
}

/**
 * Builds an {@link EventValidator}: `is` on the hot path, a walk to the first mismatch only to explain a failure.
 * The older positional form `createEventValidator(mode, errorEvents)` still works.
 *
 * @example
 * ```ts
 * import { createEventValidator } from 'rx-assistant-stream';
 *
 * // Events that arrive already parsed (a WebSocket, a queue, a log): validate them as the SSE decoder does.
 * const validate = createEventValidator({ mode: 'lenient', errorEvents: 'emit' });
 * for (const { event, data } of records) {
 *   const typed = validate(event, data); // undefined for an unknown event name
 *   if (typed) handle(typed);
 * }
 * ```
 *
 * @param options `mode` and `errorEvents` (or, in the older form, the mode).
 * @param errorEvents In the older positional form only.
 * @returns The validator.
 */
export function createEventValidator(
  options?: EventValidatorOptions | SchemaMode,
  errorEvents?: 'error' | 'emit',
): EventValidator {
  const given = typeof options === 'string' ? { mode: options, errorEvents } : (options ?? {});
  const checked = checkDecodeOptions(
    {
      ...(given.mode === undefined ? {} : { mode: given.mode }),
      ...(given.errorEvents === undefined ? {} : { errorEvents: given.errorEvents }),
    },
    'createEventValidator',
  );
  const known = knownEvents(checked);
  const validate = (event: string, data: unknown): AssistantStreamEvent | undefined => {
    const entry = known.find(event);
    return entry === undefined ? undefined : known.check(entry, data);
  };
  return Object.assign(validate, { knows: (event: string) => known.find(event) !== undefined });
}

/** The known events of each mode by name, `error` included: built once per mode, shared by every stream. */
const tables: Partial<Record<SchemaMode, ReadonlyMap<string, KnownEvent>>> = {};

function knownEventsOf(mode: SchemaMode): ReadonlyMap<string, KnownEvent> {
  const table = tables[mode];
  if (table !== undefined) return table;
  // The data codecs and `ErrorObject` of the shared set (the same codecs `getCodecs(mode)` holds), without building
  // the rest of it: the `AssistantStreamEvent` union (and io-ts's `union` with it) stays out of a decoder's bundle.
  const schema = sharedSchema(mode);
  const byName = new Map<string, KnownEvent>(
    Object.entries(schema.use(eventDataCodecs)).map(([name, codec]) => [name, { name, codec: codec as t.Mixed }]),
  );
  byName.set('error', { name: 'error', codec: schema.use(ErrorObject) });
  return (tables[mode] = byName);
}

/** A known event name as the library spells it, with the codec of its data. */
interface KnownEvent {
  readonly name: string;
  readonly codec: t.Mixed;
}

/**
 * The known events of a mode, found by name (`find`, once per event), and the check of an event's data (`check`):
 * the core of {@link createEventValidator} and of the decoders. `find` knows `error` too; `check` follows
 * `errorEvents` for it.
 */
function knownEvents(options: CheckedDecodeOptions) {
  const byName = knownEventsOf(options.mode);
  // A stream repeats one name hundreds of times in a row (`thread.message.delta`): the last name looked up is kept,
  // so a repeat costs a string comparison instead of hashing a fresh string for the map. What is kept is the
  // library's own spelling of a known name, never the wire's string: a name sliced out of a chunk would keep the
  // whole chunk alive while the stream idles (24 KB per stream measured, issue 11).
  let last: KnownEvent | undefined;
  const find = (event: string): KnownEvent | undefined => {
    if (event === last?.name) return last;
    const entry = byName.get(event);
    if (entry !== undefined) last = entry;
    return entry;
  };
  const check = ({ name, codec }: KnownEvent, data: unknown): AssistantStreamEvent => {
    if (name === 'error') return errorEvent(data, options.errorEvents, codec);
    // The hot shapes are sound subsets of their codecs: a yes is valid, a no goes to the codec (which gives the error).
    const hot = fastPathsEnabled() && isHotShape(name, data);
    if (!hot && !codec.is(data)) throw invalidEventError(name, firstMismatch(codec, data), data);
    // The name as the library spells it (an interned constant), not the slice of the body it was read from: the
    // operators downstream compare it by pointer, and an event the application keeps does not keep a chunk alive.
    return { event: name, data } as AssistantStreamEvent;
  };
  return { find, check };
}

/**
 * The data of an `event: error` as the server sent it: `{ "error": {...} }` or the bare error object. The one place
 * that unwraps it (the decoder and `inspect`).
 *
 * @example
 * ```ts
 * // internal (src/decode/event-decoder.ts)
 * errorEventBody({ error: { message: 'overloaded' } }); // { message: 'overloaded' }
 * ```
 */
export function errorEventBody(data: unknown): unknown {
  return typeof data === 'object' && data !== null && 'error' in data ? (data as { error: unknown }).error : data;
}

/**
 * Every mismatch (at most `limit`, one per path) of one parsed event against the codecs of `mode`, as the decoder
 * would explain the first: the same codec choice, the same `{error}` unwrapping, the same paths. `undefined` for an
 * event name the library does not know. For the CLI's `inspect`, which lists them all.
 *
 * @example
 * ```ts
 * // internal (src/decode/event-decoder.ts)
 * eventMismatches('strict', 'thread.run.created', JSON.parse(data), 50); // [{ path: 'data.instructions', expected: 'string', actual: null }]
 * ```
 */
export function eventMismatches(mode: SchemaMode, event: string, data: unknown, limit = Infinity): Mismatch[] | undefined {
  // The decoder's own table, so the codec chosen for a name is the one the decoder checks with.
  const entry = knownEventsOf(mode).get(event);
  if (entry === undefined) return undefined;
  return findMismatches(entry.codec, event === 'error' ? errorEventBody(data) : data, limit);
}

function errorEvent(data: unknown, errorEvents: 'error' | 'emit', codec: t.Mixed): AssistantStreamEvent {
  const inner = errorEventBody(data);
  if (errorEvents === 'emit') {
    if (!codec.is(inner)) throw invalidEventError('error', firstMismatch(codec, inner), inner);
    return { event: 'error', data: inner } as AssistantStreamEvent;
  }
  const body = typeof inner === 'object' && inner !== null ? (inner as Record<string, unknown>) : {};
  const withMessage = typeof body['message'] === 'string' ? body : { ...body, message: 'no message' };
  throw serverErrorEvent(readServerError({ error: withMessage }) ?? { message: 'no message' }, data);
}

function safeJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}
