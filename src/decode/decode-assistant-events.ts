import { Observable, takeWhile, tap, type OperatorFunction } from 'rxjs';
import type { AssistantStreamEvent } from '../schema';
import type { SseMessage } from '../sse/sse-message';
import { decodingSink } from './decoding-sink';
import { checkDecodeOptions, createEventDecoder, type DecodeOptions } from './event-decoder';

/**
 * Decodes server-sent events into validated, typed Assistants stream events.
 *
 * The SSE `event:` name picks the union member; `data` is parsed and checked by its io-ts codec. `[DONE]`
 * completes (and releases the source); unknown event names are skipped (or reported, or fatal: see options);
 * `event: error`, invalid JSON and schema mismatches error with an {@link AssistantStreamError}, after every good
 * event before them.
 *
 * ```
 * source:  --m1--m2--[DONE]--m3--|
 * result:  --e1--e2--|
 * ```
 *
 * @example
 * ```ts
 * import { fromSSE, decodeAssistantEvents } from 'rx-assistant-stream';
 *
 * fromSSE(response).pipe(decodeAssistantEvents({ mode: 'strict' })).subscribe((e) => console.log(e.event));
 * ```
 *
 * @param options `mode`, `unknownEvents`, `onUnknownEvent`, `errorEvents`.
 * @returns An operator from `SseMessage` to `AssistantStreamEvent`.
 */
export function decodeAssistantEvents(options: DecodeOptions = {}): OperatorFunction<SseMessage, AssistantStreamEvent> {
  const checked = checkDecodeOptions(options);
  return (source) =>
    new Observable<AssistantStreamEvent>((subscriber) => {
      const sink = decodingSink(subscriber, createEventDecoder(checked));
      // Each message goes to the sink; `takeWhile`, asked right after about the same message, unsubscribes from the
      // source as soon as [DONE] or an error closed the subscriber, so a synchronous source stops there.
      return source
        .pipe(
          tap((message) => sink.next(message)),
          takeWhile(() => !sink.closed),
        )
        .subscribe({ error: (error: unknown) => sink.error(error), complete: () => sink.complete() });
    });
}
