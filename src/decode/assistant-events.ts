import type { Observable } from 'rxjs';
import type { AssistantStreamEvent } from '../schema';
import { sseObservable, type FromSSEOptions, type SseSource } from '../sse/from-sse';
import { decodingSink } from './decoding-sink';
import { checkDecodeOptions, createEventDecoder, type DecodeOptions } from './event-decoder';

/**
 * Options of {@link assistantEvents}: those of {@link fromSSE} and of {@link decodeAssistantEvents}.
 *
 * @example
 * ```ts
 * import { assistantEvents } from 'rx-assistant-stream';
 *
 * assistantEvents(response, {
 *   maxBufferSize: 1024 * 1024,
 *   mode: 'strict',
 *   onUnknownEvent: (message) => console.warn('skipped', message.event),
 * });
 * ```
 */
export interface AssistantEventsOptions extends FromSSEOptions, DecodeOptions {}

/**
 * The validated events of an Assistants run stream, straight from its bytes: the same events as `fromSSE` +
 * `decodeAssistantEvents`, decoded without operators in between.
 *
 * @example
 * ```ts
 * import { assistantEvents, ofEventType } from 'rx-assistant-stream';
 *
 * const response = await fetch(`${baseURL}/threads/${threadId}/runs`, { method: 'POST', headers, body });
 * assistantEvents(response)
 *   .pipe(ofEventType('thread.message.delta'))
 *   .subscribe((e) => process.stdout.write(e.data.delta.content?.[0]?.type === 'text' ? e.data.delta.content[0].text?.value ?? '' : ''));
 * ```
 *
 * @param source Any {@link SseSource}: a fetch `Response`, a `ReadableStream`, an `AsyncIterable`, an `Observable`, a string.
 * @param options `maxBufferSize`, `mode`, `unknownEvents`, `onUnknownEvent`, `errorEvents`.
 * @returns A cold Observable: nothing is read before subscription, unsubscribing cancels the read.
 */
export function assistantEvents(source: SseSource, options: AssistantEventsOptions = {}): Observable<AssistantStreamEvent> {
  if (typeof options !== 'object' || options === null) throw new TypeError('assistantEvents: `options` must be an object');
  const { maxBufferSize, ...decodeOptions } = options;
  const checked = checkDecodeOptions(decodeOptions, 'assistantEvents');
  // What `fromSSE(source).pipe(decodeAssistantEvents(options))` does, with the decoding sink behind the SSE parser:
  // one event, one call to the subscriber, instead of operators' worth of calls on the hottest path of the library.
  return sseObservable<AssistantStreamEvent>(source, maxBufferSize === undefined ? {} : { maxBufferSize }, (subscriber) =>
    decodingSink(subscriber, createEventDecoder(checked)),
  );
}
