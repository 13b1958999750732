import { createParser } from 'eventsource-parser';
import type { Subscriber } from 'rxjs';
import { AssistantStreamError } from '../errors';
import type { SseChunk, SseMessage } from './sse-message';

/** Where a source adapter pushes its chunks: a streaming UTF-8 decoder in front of eventsource-parser. */
export interface SseSink {
  /** Feeds one chunk; events it completes are emitted before it returns. */
  push(chunk: SseChunk): void;
  /** The body ended: delivers a last event that lacks its closing blank line, then completes. */
  end(): void;
}

/**
 * Wires a subscriber to a fresh parser and decoder (one per subscription).
 * Never throws: a buffer overflow goes to `subscriber.error`, and nothing is fed once the subscriber is closed.
 */
export function createSseSink(subscriber: Subscriber<SseMessage>, maxBufferSize: number): SseSink {
  const decoder = new TextDecoder();
  const parser = createParser({
    maxBufferSize,
    onEvent(message) {
      if (subscriber.closed) return;
      const out: SseMessage = { event: message.event, data: message.data };
      if (message.id !== undefined) out.id = message.id;
      subscriber.next(out);
    },
    onError(error) {
      // Unknown fields and bad `retry` values are ignored, as the SSE grammar says; only the bound is fatal.
      if (error.type !== 'max-buffer-size-exceeded' || subscriber.closed) return;
      subscriber.error(
        new AssistantStreamError('buffer_overflow', `An SSE event grew past maxBufferSize (${maxBufferSize} characters) without ending`, {
          cause: error,
        }),
      );
    },
  });
  const feed = (text: string) => {
    if (!subscriber.closed && text !== '') parser.feed(text);
  };
  return {
    push(chunk) {
      feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    },
    end() {
      // Two line ends close a last line and a last event that the body left open (captures are often saved so).
      feed(`${decoder.decode()}\n\n`);
      if (!subscriber.closed) subscriber.complete();
    },
  };
}
