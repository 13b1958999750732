import { filter, map, pipe, takeWhile, type OperatorFunction } from 'rxjs';
import type { AssistantStreamEvent } from '../schema';
import type { SseMessage } from '../sse/sse-message';
import { createEventDecoder, DONE, type DecodeOptions } from './event-decoder';

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
  const decode = createEventDecoder(options);
  // `map` routes a decoding error to the error channel; `takeWhile` completes on [DONE] and releases the source.
  return pipe(
    map(decode),
    takeWhile((decoded): decoded is AssistantStreamEvent | undefined => decoded !== DONE),
    filter((decoded): decoded is AssistantStreamEvent => decoded !== undefined),
  );
}
