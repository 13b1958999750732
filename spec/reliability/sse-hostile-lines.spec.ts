import fc from 'fast-check';
import { from } from 'rxjs';
import { AssistantStreamError } from '../../src/errors';
import { DEFAULT_MAX_BUFFER_SIZE, type SseMessage } from '../../src/sse/sse-message';
import { fromSSE } from '../../src/sse/from-sse';
import { collect, splitAt } from '../support/collect';

const encoder = new TextEncoder();

/** What fromSSE delivers for a body given as chunks, synchronously (an Observable of chunks). */
function messagesOf(chunks: (string | Uint8Array)[], maxBufferSize?: number) {
  const values: SseMessage[] = [];
  let error: unknown;
  let completed = false;
  fromSSE(from(chunks), maxBufferSize === undefined ? {} : { maxBufferSize }).subscribe({
    next: (m) => values.push(m),
    error: (e: unknown) => (error = e),
    complete: () => (completed = true),
  });
  return { values, error, completed };
}

const body =
  'event: a\ndata: 1\n\n' +
  'event: b\r\ndata: {"x":"é"}\r\nid: 7\r\n\r\n' +
  'event: c\rdata: one\rdata: two\r\r' +
  'event: d\ndata: last';
const expected = messagesOf([body]).values;

describe('SSE lines that cost without meaning (issue 10, class 1)', () => {
  it('ignores unknown field lines and retry lines wherever they stand, at every split', () => {
    expect(expected).toHaveLength(4);
    const noisy = body.replace(/(\r\n|\r|\n)/g, (eol, offset: number) =>
      offset % 3 === 0 ? `${eol}foo: bar${eol}` : offset % 3 === 1 ? `${eol}retry: x${eol}` : `${eol}dat${eol}`,
    );
    // `dat` (no colon) is an unknown field too; `data` without a colon would be a data line.
    for (let cut = 0; cut <= noisy.length; cut++) {
      expect({ cut, ...messagesOf(splitAt(noisy, [cut])) }).toEqual({ cut, values: expected, error: undefined, completed: true });
    }
  });

  it('keeps data, event and id lines, even when a chunk ends inside their name (fast-check)', () => {
    const lines = [
      'foo: 1',
      'data: d',
      'event: e',
      'id: 3',
      'retry: 10',
      'retry: no',
      ': comment',
      'd',
      'da',
      'data',
      'event',
      'eventx: 1',
      'i',
      'idx',
      '',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...lines), { maxLength: 30 }),
        fc.array(fc.nat(400), { maxLength: 8 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        (picked, cuts, eol) => {
          // An unknown line first switches the sink to commenting out other fields: the rest must read the same.
          const text = ['zzz: start', ...picked, ''].join(eol) + eol;
          const reference = messagesOf([text]);
          expect(messagesOf(splitAt(text, cuts))).toEqual(reference);
          // ... and the same as eventsource-parser reads it without the unknown line that switched the sink.
          expect(reference).toEqual(messagesOf([[...picked, ''].join(eol) + eol]));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('costs about what comment lines cost for 100k unknown field lines (not an Error with a stack each)', () => {
    const time = (line: string) => {
      const text = `event: a\ndata: 1\n\n${`${line}\n`.repeat(100_000)}event: b\ndata: 2\n\n`;
      const chunks = splitAt(
        text,
        Array.from({ length: 200 }, (_, i) => Math.floor((text.length * i) / 200)),
      );
      let best = Infinity;
      for (let round = 0; round < 3; round++) {
        const started = performance.now();
        expect(messagesOf(chunks).values).toHaveLength(2);
        best = Math.min(best, performance.now() - started);
      }
      return best;
    };
    const comments = time(': keep-alive');
    const unknown = time('foo: bar');
    expect(unknown).toBeLessThan(8 * comments + 40); // measured: 4x after, 330x before (an Error with a stack per line)
  });

  it('drops a leading BOM the same at every split: U+FEFF in text, EF BB BF in bytes, and its three Latin-1 characters', () => {
    const frames = 'event: a\ndata: 1\n\nevent: b\ndata: 2\n\n';
    const want = messagesOf([frames]);
    const bodies: (string | Uint8Array)[] = [
      `\ufeff${frames}`,
      `\u00ef\u00bb\u00bf${frames}`,
      `\ufeff\u00ef\u00bb\u00bf${frames}`,
      new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode(frames)]),
      encoder.encode(`\u00ef\u00bb\u00bf${frames}`),
    ];
    for (const whole of bodies) {
      for (let cut = 0; cut <= 8; cut++) {
        for (let second = cut; second <= 9; second++) {
          const parts = (splitAt as (w: string | Uint8Array, o: number[]) => (string | Uint8Array)[])(whole, [cut, second]);
          expect({ whole: String(whole).slice(0, 4), cut, second, ...messagesOf(parts) }).toEqual({
            whole: String(whole).slice(0, 4),
            cut,
            second,
            ...want,
          });
        }
      }
    }
    // Only one: a second Latin-1 BOM is text (eventsource-parser would drop it only when it came first in a chunk).
    const twice = `\u00ef\u00bb\u00bf\u00ef\u00bb\u00bf${frames}`;
    const reference = messagesOf([twice]);
    for (let cut = 0; cut <= 7; cut++) expect(messagesOf(splitAt(twice, [cut]))).toEqual(reference);
  });
});

describe('many tiny data lines in one frame (issue 10, class 1)', () => {
  it('error with buffer_overflow at the default bound while the heap stays within a few times maxBufferSize', async () => {
    const line = 'data:\n';
    const chunk = encoder.encode(line.repeat(Math.ceil(65536 / line.length)));
    const total = 2 * DEFAULT_MAX_BUFFER_SIZE;
    let pulled = 0;
    async function* body() {
      yield encoder.encode('event: a\ndata: 1\n\n');
      for (; pulled < total; pulled += chunk.length) yield chunk;
    }
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 2);
    const outcome = await collect(fromSSE(body()));
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    expect(outcome.values).toEqual([{ event: 'a', data: '1' }]);
    expect(outcome.error).toBeInstanceOf(AssistantStreamError);
    expect((outcome.error as AssistantStreamError).code).toBe('buffer_overflow');
    expect(pulled).toBeLessThan(DEFAULT_MAX_BUFFER_SIZE + 2 * chunk.length);
    // Measured: 92 MB of heap at the 16 MiB bound, 16.7 MB read (before: 539 MB, 100 MB read, 9.6 s).
    expect(peak - before).toBeLessThan(8 * DEFAULT_MAX_BUFFER_SIZE);
  });

  it('counts the characters since the last event, comments aside: keep-alives between events never overflow', () => {
    const keepAlives = ': keep-alive\n\n'.repeat(2000);
    const outcome = messagesOf(splitAt(`event: a\ndata: 1\n\n${keepAlives}event: b\ndata: 2\n\n`, [100, 5000, 20000]), 1024);
    expect(outcome).toEqual({
      values: [
        { event: 'a', data: '1' },
        { event: 'b', data: '2' },
      ],
      error: undefined,
      completed: true,
    });
    // But data lines do count, however they are split.
    const tiny = messagesOf(['event: a\n', ...Array.from({ length: 300 }, () => 'data:\n'), '\n'], 1024);
    expect((tiny.error as AssistantStreamError | undefined)?.code).toBe('buffer_overflow');
  });
});
