import { createParser } from 'eventsource-parser';
import type { Subscriber } from 'rxjs';
import { AssistantStreamError } from '../errors';
import type { SseChunk, SseMessage } from './sse-message';

/**
 * Fed after the body to flush the parser: a data line that no real event carries. When it comes back joined to
 * fields of the body (an `event:` line, earlier `data:` lines), the body ended inside a frame.
 */
const END_MARK = '\u0000rx-assistant-stream:end-of-body\u0000';

/**
 * The position of the last CR or LF in `text`, or -1. A scan back from the end that stops at the first break: a
 * chunk's last line is short, where `lastIndexOf('\r')` would read the whole chunk of an LF-only body.
 */
function lastLineBreak(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) {
    const code = text.charCodeAt(i);
    if (code === 10 || code === 13) return i;
  }
  return -1;
}

/** Where a source adapter pushes its chunks: a streaming UTF-8 decoder in front of eventsource-parser. */
export interface SseSink {
  /** Feeds one chunk; events it completes are emitted before it returns. */
  push(chunk: SseChunk): void;
  /**
   * The body ended: delivers a last event that lacks its closing blank line (its data cut short if the body was:
   * the decoder then rejects it), then completes. A body cut inside a line that no event can be made of errors.
   */
  end(): void;
}

/**
 * Wires a subscriber to a fresh parser and decoder (one per subscription). Each event goes to `deliver` (which
 * calls `subscriber.next`, and may also error or complete it).
 * Never throws: a buffer overflow goes to `subscriber.error`, and nothing is fed once the subscriber is closed.
 */
export function createSseSink(
  subscriber: Pick<Subscriber<unknown>, 'closed' | 'error' | 'complete'>,
  maxBufferSize: number,
  deliver: (message: SseMessage) => void,
): SseSink {
  const decoder = new TextDecoder();
  let ending = false; // feeding END_MARK
  let endedInsideFrame = false;
  let lineOpen = false; // the text so far ends inside a line
  let openLineIsComment = false;
  const parser = createParser({
    maxBufferSize,
    onEvent(message) {
      if (subscriber.closed) return;
      let { data } = message;
      if (ending && data.endsWith(END_MARK)) {
        if (data === END_MARK && message.event === undefined && message.id === undefined) return; // the body ended between frames
        endedInsideFrame = true;
        if (data === END_MARK) {
          // A frame with fields but no data line yet: the body was cut before its data (maybe inside its name).
          const name = message.event === undefined ? 'an' : `the "${message.event}"`;
          subscriber.error(
            new AssistantStreamError('invalid_event', `The SSE body ended inside ${name} event, before its data`, {
              ...(message.event === undefined ? {} : { event: message.event }),
            }),
          );
          return;
        }
        data = data.slice(0, -END_MARK.length - 1);
      }
      const out: SseMessage = { event: message.event, data };
      if (message.id !== undefined) out.id = message.id;
      deliver(out);
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
  // A CR that ends the text fed so far ends its line whether or not an LF follows (CR, LF and CRLF are all line
  // ends), but eventsource-parser waits for the next byte to tell: with CR-only line ends, an event would come out
  // one chunk late. So a trailing CR is fed with an LF after it (a CRLF: the same one line end), and an LF that
  // starts the next text, the rest of a CRLF split across chunks, is dropped.
  let endedWithCR = false;
  const feed = (input: string) => {
    let text = input;
    if (subscriber.closed || text === '') return;
    if (endedWithCR) {
      endedWithCR = false;
      if (text.charCodeAt(0) === 10) text = text.slice(1);
      if (text === '') return;
    }
    if (text.charCodeAt(text.length - 1) === 13) {
      text = `${text}\n`;
      endedWithCR = true;
    }
    const lastBreak = lastLineBreak(text);
    if (lastBreak !== -1) {
      lineOpen = lastBreak < text.length - 1;
      if (lineOpen) openLineIsComment = text.charCodeAt(lastBreak + 1) === 58; // ':'
    } else if (!lineOpen) {
      lineOpen = true;
      openLineIsComment = text.charCodeAt(0) === 58;
    }
    parser.feed(text);
  };
  let started = false; // some text was fed: a BOM can only come first
  return {
    push(chunk) {
      let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      if (!started && text !== '') {
        started = true;
        // The SSE grammar ignores one leading BOM; TextDecoder drops it from bytes, text sources keep it.
        if (typeof chunk === 'string' && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      feed(text);
    },
    end() {
      feed(decoder.decode());
      const cutLine = lineOpen && !openLineIsComment;
      // Close the last line, then dispatch whatever frame the body left open, marked so we can tell.
      ending = true;
      feed(`${lineOpen ? '\n' : ''}data: ${END_MARK}\n\n`);
      ending = false;
      if (subscriber.closed) return;
      if (cutLine && !endedInsideFrame) {
        subscriber.error(new AssistantStreamError('invalid_event', 'The SSE body ended in the middle of a line that starts no event'));
        return;
      }
      subscriber.complete();
    },
  };
}
