import type { Subscriber } from 'rxjs';
import type { AssistantStreamEvent } from '../schema';
import type { MessageSink } from '../sse/sse-sink';
import { DONE, type DecodeStep, type DecodedMessage } from './event-decoder';

/**
 * A {@link MessageSink} that decodes each message with `decode` and hands the outcome to `subscriber`: an event is
 * emitted, `[DONE]` completes, a skipped event emits nothing, a decoding error (or a throwing `onUnknownEvent`) goes
 * to the error channel. The one routing of decoded messages: `assistantEvents` puts it behind the SSE parser,
 * `decodeAssistantEvents` and `fromOpenAIStream` behind their sources.
 *
 * @example
 * ```ts
 * // internal (src/decode/decoding-sink.ts)
 * const sink = decodingSink(subscriber, createEventDecoder(checkDecodeOptions(options)));
 * sink.next({ event: 'thread.run.created', data: '{...}' }); // subscriber.next(the validated event)
 * ```
 */
export function decodingSink<M>(subscriber: Subscriber<AssistantStreamEvent>, decode: DecodeStep<M>): MessageSink<M> {
  return {
    get closed() {
      return subscriber.closed;
    },
    next(message) {
      let decoded: DecodedMessage;
      try {
        decoded = decode(message);
      } catch (error) {
        subscriber.error(error);
        return;
      }
      if (decoded === DONE) subscriber.complete();
      else if (decoded !== undefined) subscriber.next(decoded);
    },
    error: (error) => subscriber.error(error),
    complete: () => subscriber.complete(),
  };
}
