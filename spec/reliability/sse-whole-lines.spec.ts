import fc from 'fast-check';
import { Subject } from 'rxjs';
import { AssistantStreamError } from '../../src/errors';
import type { SseMessage } from '../../src/sse/sse-message';
import { fromSSE } from '../../src/sse/from-sse';

const encoder = new TextEncoder();

/** Pushes `chunks` one by one; records how many messages had arrived after each push. */
function pushAll(chunks: (string | Uint8Array)[], maxBufferSize?: number) {
  const source = new Subject<string | Uint8Array>();
  const values: SseMessage[] = [];
  const after: number[] = [];
  let error: unknown;
  let completed = false;
  fromSSE(source, maxBufferSize === undefined ? {} : { maxBufferSize }).subscribe({
    next: (m) => values.push(m),
    error: (e: unknown) => (error = e),
    complete: () => (completed = true),
  });
  for (const chunk of chunks) {
    source.next(chunk);
    after.push(values.length);
  }
  source.complete();
  return { values, after, error, completed };
}

/** How many messages one chunk of `bytes` gives before the body ends. */
function beforeEnd(bytes: Uint8Array): number {
  const source = new Subject<Uint8Array>();
  let count = 0;
  const subscription = fromSSE(source).subscribe({ next: () => count++, error: () => undefined });
  source.next(bytes);
  subscription.unsubscribe();
  return count;
}

const body =
  'event: a\ndata: {"v":"日本語"}\n\n' +
  'event: b\r\ndata: 1\r\ndata: 2\r\n\r\n' +
  ': comment\r\revent: c\rdata: x\r\r' +
  'foo: bar\nevent: d\ndata: last\n\n';

describe('the SSE sink feeds the parser whole lines only (issue 11)', () => {
  it('emits the same events, each in the push that fed its last byte, at any cuts of bytes or text', () => {
    const whole = pushAll([body]).values;
    expect(whole.map((m) => m.event)).toEqual(['a', 'b', 'c', 'd']);
    const bytes = encoder.encode(body);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 8 }),
        fc.boolean(),
        (cuts, asText) => {
          const at = [0, ...cuts.sort((a, b) => a - b), bytes.length];
          const chunks = at.slice(1).map((end, i) => bytes.subarray(at[i], end));
          const pieces = asText ? chunks.map((c) => new TextDecoder().decode(c)) : chunks;
          if (asText && pieces.join('') !== body) return; // a cut inside a character: bytes only
          const run = pushAll(pieces);
          expect(run).toMatchObject({ values: whole, error: undefined, completed: true });
          // Every event is out by the push that fed its last byte: as many as the text so far, fed whole, gives.
          let fed = 0;
          pieces.forEach((piece, i) => {
            fed += typeof piece === 'string' ? encoder.encode(piece).length : piece.length;
            expect(run.after[i]).toBe(beforeEnd(bytes.subarray(0, fed)));
          });
        },
      ),
    );
  });

  it('errors with buffer_overflow when the unfinished line it holds outgrows maxBufferSize, after the events before it', () => {
    const run = pushAll(['event: a\ndata: 1\n\n', 'data: ', 'x'.repeat(600), 'x'.repeat(600)], 1000);
    expect(run.values).toEqual([{ event: 'a', data: '1' }]);
    expect(run.after).toEqual([1, 1, 1, 1]);
    expect(run.error).toBeInstanceOf(AssistantStreamError);
    expect((run.error as AssistantStreamError).code).toBe('buffer_overflow');
  });

  it('still sees the held line at the end of the body: a last event without its blank line, a body cut mid-line', () => {
    expect(pushAll(['event: a\nda', 'ta: 1'])).toMatchObject({ values: [{ event: 'a', data: '1' }], completed: true });
    const cut = pushAll(['event: a\ndata: 1\n\n', 'even']);
    expect(cut.values).toHaveLength(1);
    expect(cut.error).toMatchObject({ code: 'invalid_event', message: expect.stringMatching(/middle of a line/) as unknown });
  });
});
