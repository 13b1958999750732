import { createParser, type ParseError } from 'eventsource-parser';
import { bufferOverflowError, truncatedBodyError } from '../errors';
import type { SseChunk, SseMessage } from './sse-message';

/**
 * Fed after the body to flush the parser: a data line that no real event carries. When it comes back joined to
 * fields of the body (an `event:` line, earlier `data:` lines), the body ended inside a frame.
 */
const END_MARK = '\u0000rx-assistant-stream:end-of-body\u0000';

/** The three characters a UTF-8 BOM becomes when its bytes were decoded as Latin-1 (eventsource-parser drops them). */
const LATIN1_BOM = '\u00ef\u00bb\u00bf';

/**
 * Where the messages of an SSE body go: an RxJS subscriber (`fromSSE`), or a decoding sink in front of one
 * (`assistantEvents`). The sink protocol between the SSE layer and the layers that consume its messages.
 *
 * @example
 * ```ts
 * // internal (src/sse/sse-sink.ts)
 * const sink: MessageSink<SseMessage> = subscriber; // an RxJS Subscriber is one
 * createSseSink(sink, maxBufferSize).push('event: a\ndata: 1\n\n'); // sink.next({ event: 'a', data: '1' })
 * ```
 */
export interface MessageSink<M> {
  readonly closed: boolean;
  next(message: M): void;
  error(error: unknown): void;
  complete(): void;
}

/**
 * The position of the last CR or LF in `text`, or -1. A text that ends with its line break, as a chunk of whole
 * frames does, is told by its last character (~7 ns, where the two native searches below took ~29). Otherwise the
 * last LF is found natively; a CR can only be later when the last line holds one, which one forward search of that
 * line tells (`lastIndexOf('\r')` would read the whole chunk of an LF-only body). A CR-only body, rare, pays one
 * native read of the chunk for the LF it lacks.
 */
function lastLineBreak(text: string): number {
  const end = text.length - 1;
  const last = text.charCodeAt(end);
  if (last === 10 || last === 13) return end;
  const lf = text.lastIndexOf('\n');
  if (text.indexOf('\r', lf + 1) === -1) return lf;
  for (let i = text.length - 1; ; i--) if (text.charCodeAt(i) === 13) return i;
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
 * Wires a message sink to a fresh parser and decoder (one per subscription). Never throws: a buffer overflow or a
 * truncated body goes to `sink.error`, and nothing is fed once the sink is closed.
 *
 * Memory: besides eventsource-parser's own bound (the characters of one line or of one event's data), the characters
 * fed since the last event or blank line (comments and ignored lines aside) are bounded by `maxBufferSize`: many tiny `data:` lines
 * cost the parser a string node each (about 20 bytes for a 6-character `data:` line), so an event's heap stays within
 * a few times `maxBufferSize`.
 */
export function createSseSink(sink: MessageSink<SseMessage>, maxBufferSize: number): SseSink {
  const decoder = new TextDecoder();
  let ending = false; // feeding END_MARK
  let endedInsideFrame = false;
  let lineOpen = false; // the text so far ends inside a line
  let openLineIsComment = false;
  let sinceEvent = 0; // characters fed since the last event, ignored lines aside
  let overflowed = false;
  // Unknown field lines (`foo: bar`) and bad `retry:` lines make eventsource-parser build an Error (with a stack) each,
  // which the SSE grammar says to ignore: about 2 µs a line, ten times a comment. After the first one, the lines of
  // this body that are not `data`, `event` or `id` fields are fed as comments, which the parser skips for the cost of
  // a test (measured: 100k unknown lines 212 ms before, 24 ms after; 100k comment lines 19 ms).
  let commentOutOtherFields = false;
  const overflow = (cause?: unknown) => {
    overflowed = true;
    if (!sink.closed) sink.error(bufferOverflowError(maxBufferSize, cause));
  };
  const parser = createParser({
    maxBufferSize,
    onEvent(message) {
      sinceEvent = 0;
      if (sink.closed) return;
      let { data } = message;
      if (ending && data.endsWith(END_MARK)) {
        if (data === END_MARK && message.event === undefined && message.id === undefined) return; // the body ended between frames
        endedInsideFrame = true;
        // A frame with fields but no data line yet: the body was cut before its data (maybe inside its name).
        if (data === END_MARK) return sink.error(truncatedBodyError(message.event, 'before its data'));
        data = data.slice(0, -END_MARK.length - 1);
      }
      const out: SseMessage = { event: message.event, data };
      if (message.id !== undefined) out.id = message.id;
      sink.next(out);
    },
    onComment(comment) {
      sinceEvent -= comment.length + 2; // `:` and a line end: what the comment line cost, or a little less
    },
    onError(error: ParseError) {
      // Unknown fields and bad `retry` values are ignored, as the SSE grammar says; only the bound is fatal.
      if (error.type === 'max-buffer-size-exceeded') return overflow(error);
      commentOutOtherFields = true;
      sinceEvent -= (error.line?.length ?? 0) + 1;
    },
  });
  // The parser drops a Latin-1 BOM from the first text it is fed, so whether it does depended on where the first
  // chunk was cut. This sink drops leading BOMs itself (below), at every split; the parser's first feed is this one.
  parser.feed('');

  // A CR that ends the text fed so far ends its line whether or not an LF follows (CR, LF and CRLF are all line
  // ends), but eventsource-parser waits for the next byte to tell: with CR-only line ends, an event would come out
  // one chunk late. So a trailing CR is fed with an LF after it (a CRLF: the same one line end), and an LF that
  // starts the next text, the rest of a CRLF split across chunks, is dropped.
  let endedWithCR = false;
  let held = ''; // the unfinished last line, not fed to the parser yet
  const feed = (input: string) => {
    let text = input;
    if (sink.closed || overflowed || text === '') return;
    if (endedWithCR) {
      endedWithCR = false;
      if (text.charCodeAt(0) === 10) text = text.slice(1);
      if (text === '') return;
    }
    if (text.charCodeAt(text.length - 1) === 13) {
      text = `${text}\n`;
      endedWithCR = true;
    }
    const startsLine = !lineOpen;
    const lastBreak = lastLineBreak(text);
    if (lastBreak !== -1) {
      lineOpen = lastBreak < text.length - 1;
      if (lineOpen) openLineIsComment = text.charCodeAt(lastBreak + 1) === 58; // ':'
    } else if (!lineOpen) {
      lineOpen = true;
      openLineIsComment = text.charCodeAt(0) === 58;
    }
    if (commentOutOtherFields) text = commentOutFields(text, startsLine);
    sinceEvent += text.length;
    // eventsource-parser joins an unfinished line with the whole next text it is fed (slow at 64 KiB chunks, two-byte
    // text above all: issue 11), so it is fed whole lines only and the sink holds the unfinished one, within the bound.
    // The comment marks may have moved the break: only then is it looked for again.
    const cut = lastBreak === -1 ? -1 : commentOutOtherFields ? lastLineBreak(text) + 1 : lastBreak + 1;
    if (cut === -1) held += text;
    else {
      // A CR that ends the lines fed is followed by more text here, not by an LF: fed as a CRLF, the parser need not wait.
      const lines = cut === text.length ? text : text.charCodeAt(cut - 1) === 13 ? `${text.slice(0, cut)}\n` : text.slice(0, cut);
      // The held line is joined with the first of these lines only, the rest fed as it is: one `held + lines` would be
      // a rope, whose characters and slices eventsource-parser reads slowly (parser time per pass of the tools
      // transcript in 64 KiB chunks: 14.3 ms as one rope, 2.5 ms so; messages 4.2 -> 1.3 ms; 1 KiB chunks 4.6 -> 3.9).
      // Cut right after an LF, the first text ends a line (a CRLF stays whole): the parser holds nothing in between.
      if (held === '') parser.feed(lines);
      else {
        const firstLineEnd = lines.indexOf('\n') + 1;
        if (firstLineEnd === 0 || firstLineEnd === lines.length) parser.feed(held + lines);
        else {
          parser.feed(held + lines.slice(0, firstLineEnd));
          if (!overflowed && !sink.closed) parser.feed(lines.slice(firstLineEnd));
        }
      }
      held = cut === text.length ? '' : text.slice(cut);
    }
    if (overflowed) return;
    if (held.length > maxBufferSize) return overflow();
    if (sinceEvent < 0) sinceEvent = 0;
    else if (sinceEvent > maxBufferSize && !ending) {
      // A blank line ends a frame even without an event, and the parser then holds nothing: count from the last one
      // in this text (looked for only here, past the bound, so once per maxBufferSize characters at most).
      const blank = afterLastBlankLine(text, startsLine);
      if (blank !== -1) sinceEvent = Math.min(sinceEvent, text.length - blank);
      if (sinceEvent > maxBufferSize) overflow();
    }
  };

  // The SSE grammar ignores one leading BOM. TextDecoder drops it from bytes; text sources keep it as U+FEFF, and a
  // body decoded as Latin-1 somewhere upstream starts with its three characters. Both are held back until the text
  // is long enough to tell, so every split of the first chunk decodes the same.
  let head: string | undefined = ''; // the start of the text while a BOM may still be there; undefined once decided
  const start = (text: string, isString: boolean, last: boolean): string => {
    head += text;
    let rest = head!;
    if (isString && rest.charCodeAt(0) === 0xfeff) rest = rest.slice(1);
    if (!last && rest.length < LATIN1_BOM.length && LATIN1_BOM.startsWith(rest)) return '';
    head = undefined;
    return rest.startsWith(LATIN1_BOM) ? rest.slice(LATIN1_BOM.length) : rest;
  };
  return {
    push(chunk) {
      let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      if (head !== undefined) text = start(text, typeof chunk === 'string', false);
      feed(text);
    },
    end() {
      let text = decoder.decode();
      if (head !== undefined) text = start(text, false, true);
      feed(text);
      const cutLine = lineOpen && !openLineIsComment;
      // Close the last line, then dispatch whatever frame the body left open, marked so we can tell.
      ending = true;
      feed(`${lineOpen ? '\n' : ''}data: ${END_MARK}\n\n`);
      ending = false;
      if (sink.closed || overflowed) return;
      if (cutLine && !endedInsideFrame) return sink.error(truncatedBodyError(undefined, 'mid-line'));
      sink.complete();
    },
  };
}

/**
 * The position right after the last blank line in `text` (a line break that follows another one, a CRLF pair being
 * one break), or -1. `startsLine`: the text before it ended with a line break, so a break first in `text` ends a
 * blank line too.
 */
function afterLastBlankLine(text: string, startsLine: boolean): number {
  for (let i = text.length - 1; i >= 0; i--) {
    const code = text.charCodeAt(i);
    if (code !== 10 && code !== 13) continue;
    if (i === 0) return startsLine ? 1 : -1;
    const before = text.charCodeAt(i - 1);
    if ((before === 10 || before === 13) && !(before === 13 && code === 10)) return i + 1;
  }
  return -1;
}

/** The fields the library reads; any other field line is ignored by the SSE grammar, as a comment is. */
const KEPT_FIELDS = ['data', 'event', 'id'];

/**
 * `text` with a `:` before each line that is a field other than `data`, `event` and `id` (so the parser skips it as a
 * comment instead of building an Error to ignore). `startsLine`: `text` starts a line. Lines end at CR or LF; a CRLF
 * is never split across texts here (the sink joins them). A line too short to tell is left as it is.
 */
function commentOutFields(text: string, startsLine: boolean): string {
  let out: string[] | undefined;
  let copied = 0;
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  const nextLineStart = (from: number): number => {
    if (lf !== -1 && lf < from) lf = text.indexOf('\n', from);
    if (cr !== -1 && cr < from) cr = text.indexOf('\r', from);
    const end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
    if (end === -1) return -1;
    return text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
  };
  for (let at = startsLine ? 0 : nextLineStart(0); at !== -1 && at < text.length; at = nextLineStart(at)) {
    if (!isOtherField(text, at)) continue;
    (out ??= []).push(text.slice(copied, at), ':');
    copied = at;
  }
  if (out === undefined) return text;
  out.push(text.slice(copied));
  return out.join('');
}

/** Whether the line at `at` is surely a field other than data/event/id (not a comment, not blank, not too short). */
function isOtherField(text: string, at: number): boolean {
  const first = text.charCodeAt(at);
  if (first === 58 || first === 10 || first === 13) return false;
  for (const name of KEPT_FIELDS) {
    const available = text.length - at;
    if (available <= name.length) {
      if (name.startsWith(text.slice(at))) return false; // could still become this field
      continue;
    }
    if (text.startsWith(name, at)) {
      const next = text.charCodeAt(at + name.length);
      if (next === 58 || next === 10 || next === 13) return false;
    }
  }
  return true;
}
