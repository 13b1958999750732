// Properties that must hold for any input (fast-check): the framing never changes the events, and no byte string,
// however broken, gets past the error channel.
import fc from 'fast-check';
import { Observable, type OperatorFunction } from 'rxjs';
import {
  accumulateMessageDeltas,
  accumulateRunStepDeltas,
  assistantEvents,
  AssistantStreamError,
  decodeAssistantEvents,
  fromSSE,
  textDeltas,
  untilRunTerminal,
  type AssistantStreamEvent,
} from '../../src';
import type { AssistantEventsOptions, SseMessage } from '../../src';
import { generateEvents, sseFrame } from '../../src/testing';
import { asJson, brokenInvariant, chunks$, cutAt, prng, probedSource, watch, type SourceKind } from './support';

const encoder = new TextEncoder();

/** A generated transcript: its events (as JSON gives them back) and a seed for the framing's random choices. */
const transcripts = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  targetSize: fc.integer({ min: 300, max: 6000 }),
  singleRun: fc.boolean(),
});

type LineEnding = '\n' | '\r\n' | '\r';

interface Framing {
  lineEnding: LineEnding;
  /** `: comment` lines between events and between the lines of an event. */
  comments: boolean;
  /** `retry:` and `id:` fields (ignored by the decoder: the events stay the same). */
  fields: boolean;
  /** Data as several `data:` lines (pretty-printed JSON: the lines join with LF into the same JSON). */
  multiline: boolean;
  /** `event:x` / `data:x`, without the optional space. */
  noSpace: boolean;
  /** A UTF-8 BOM first. */
  bom: boolean;
}

const framings = fc.record({
  lineEnding: fc.constantFrom<LineEnding>('\n', '\r\n', '\r'),
  comments: fc.boolean(),
  fields: fc.boolean(),
  multiline: fc.boolean(),
  noSpace: fc.boolean(),
  bom: fc.boolean(),
});

/** Serializes events as SSE with the framing's variations, chosen frame by frame from `seed`. */
function frame(events: AssistantStreamEvent[], framing: Framing, seed: number): string {
  const random = prng(seed);
  const eol = framing.lineEnding;
  const sep = framing.noSpace ? ':' : ': ';
  const noise = () => {
    let out = '';
    if (framing.comments && random() < 0.3) out += `: keep-alive ${Math.floor(random() * 100)}${eol}`;
    if (framing.comments && random() < 0.1) out += `:${eol}`;
    if (framing.fields && random() < 0.2) out += `retry${sep}${Math.floor(random() * 5000)}${eol}`;
    if (framing.fields && random() < 0.2) out += `id${sep}${Math.floor(random() * 1e6)}${eol}`;
    return out;
  };
  let out = framing.bom ? '\uFEFF' : '';
  for (const event of events) {
    const data = event.event === 'error' ? { error: event.data } : event.data;
    const json = framing.multiline && random() < 0.5 ? JSON.stringify(data, null, 1) : JSON.stringify(data);
    out += noise();
    out += `event${sep}${event.event}${eol}`;
    out += noise();
    for (const line of json.split('\n')) out += `data${sep}${line}${eol}`;
    out += noise();
    out += eol;
  }
  return `${out}${noise()}event${sep}done${eol}data${sep}[DONE]${eol}${eol}`;
}

const sourceKinds = fc.constantFrom<SourceKind | 'Observable' | 'whole' | 'strings'>(
  'ReadableStream',
  'AsyncIterable',
  'Response',
  'Observable',
  'whole',
  'strings',
);

function sourceOf(kind: SourceKind | 'Observable' | 'whole' | 'strings', text: string, cuts: number[]) {
  const bytes = encoder.encode(text);
  switch (kind) {
    case 'whole':
      return bytes;
    case 'strings':
      return chunks$(cutAt(text, cuts));
    case 'Observable':
      return chunks$(cutAt(bytes, cuts));
    default:
      return probedSource(kind, cutAt(bytes, cuts)).source as ReadableStream<Uint8Array>;
  }
}

describe('reliability: properties (fast-check)', () => {
  it('any chunking of any transcript, with LF/CRLF/CR line ends, comments, retry/id fields, multi-line data and a BOM, gives the same events', async () => {
    await fc.assert(
      fc.asyncProperty(
        transcripts,
        framings,
        fc.integer(),
        sourceKinds,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 }),
        async (t, framing, noiseSeed, kind, cuts) => {
          const events = asJson(generateEvents(t));
          const text = frame(events, framing, noiseSeed);
          const outcome = await watch(assistantEvents(sourceOf(kind, text, cuts)));
          expect(brokenInvariant(outcome)).toBe('');
          expect(outcome.error).toBeUndefined();
          expect(outcome.values).toEqual(events);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('any chunking at every byte boundary of one transcript gives the same events (splits inside UTF-8 characters and CRLF pairs)', async () => {
    const events = asJson(generateEvents({ targetSize: 300, seed: 11 }));
    const text = frame(
      events,
      { lineEnding: '\r\n', comments: true, fields: true, multiline: false, noSpace: false, bom: false },
      5,
    );
    const bytes = encoder.encode(text);
    const expected = JSON.stringify(events);
    for (let cut = 1; cut < bytes.length; cut++) {
      // A synchronous source: the whole outcome is there when subscribe returns.
      const values: unknown[] = [];
      let end = 'none';
      assistantEvents(chunks$([bytes.subarray(0, cut), bytes.subarray(cut)])).subscribe({
        next: (e) => values.push(e),
        error: (e: unknown) => (end = `error ${String(e)}`),
        complete: () => (end = 'complete'),
      });
      if (end !== 'complete' || JSON.stringify(values) !== expected)
        expect({ cut, end, values }).toEqual({ cut, end: 'complete', values: events });
    }
  });

  // ---- no input gets past the error channel ----

  /** What a consumer may put after assistantEvents: none, or the library's own operators. */
  const chains: Record<string, OperatorFunction<AssistantStreamEvent, unknown>> = {
    none: (source) => source,
    accumulateMessageDeltas: accumulateMessageDeltas(),
    accumulateRunStepDeltas: accumulateRunStepDeltas(),
    'untilRunTerminal, textDeltas': (source) => source.pipe(untilRunTerminal(), textDeltas()),
  };
  const chainNames = fc.constantFrom(...Object.keys(chains));

  async function expectContained(bytes: Uint8Array, cuts: number[], chain: string): Promise<void> {
    const outcome = await watch(assistantEvents(chunks$(cutAt(bytes, cuts))).pipe(chains[chain]!));
    expect(brokenInvariant(outcome)).toBe('');
  }

  it('arbitrary bytes give events then completion or one AssistantStreamError: no uncaught exception, no hang, nothing after the end', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 3000 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 10 }),
        chainNames,
        expectContained,
      ),
      { numRuns: 300 },
    );
  });

  // Random bytes rarely look like SSE; a soup of SSE tokens, event names, JSON pieces and bad UTF-8 reaches deeper.
  const tokens = [
    'event: ',
    'data: ',
    'id: ',
    'retry: ',
    ': ',
    '\n',
    '\r',
    '\r\n',
    '\n\n',
    'event: done\ndata: [DONE]\n\n',
    '[DONE]',
    'thread.run.created',
    'thread.message.delta',
    'thread.run.step.delta',
    'thread.message.completed',
    'error',
    'done',
    '{',
    '}',
    '[',
    ']',
    '"',
    ':',
    ',',
    'null',
    '0',
    '-1',
    '1e309',
    '0.5',
    'true',
    '"index"',
    '"content"',
    '"delta"',
    '"id"',
    '"text"',
    '"value"',
    '"type"',
    '"__proto__"',
    '"constructor"',
    '{"id":"msg_1","object":"thread.message.delta","delta":',
    '{"content":[{"index":0,"type":"text","text":{"value":"hi"}}]}',
    '{"error":{"message":"boom","type":"server_error"}}',
    '\u00e9',
    '\ud83d\ude00',
    '\u0000',
  ].map((token) => encoder.encode(token));
  const badBytes = [
    new Uint8Array([0xff]),
    new Uint8Array([0xc3]),
    new Uint8Array([0xe2, 0x82]),
    new Uint8Array([0xef, 0xbb, 0xbf]),
  ];
  const soup = fc
    .array(fc.oneof(fc.constantFrom(...tokens), fc.constantFrom(...badBytes), fc.uint8Array({ maxLength: 4 })), {
      maxLength: 200,
    })
    .map((parts) => {
      const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let offset = 0;
      for (const part of parts) {
        out.set(part, offset);
        offset += part.length;
      }
      return out;
    });

  it('a soup of SSE tokens, JSON pieces and invalid UTF-8 keeps the same invariant', async () => {
    await fc.assert(
      fc.asyncProperty(
        soup,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 10 }),
        chainNames,
        expectContained,
      ),
      {
        numRuns: 400,
      },
    );
  });

  // `assistantEvents` decodes inside the SSE sink (no operators in between, for speed); it must stay exactly
  // `fromSSE(source).pipe(decodeAssistantEvents(options))`, whatever the bytes and options.
  const decodeOptions = fc.record(
    {
      mode: fc.constantFrom('lenient' as const, 'strict' as const),
      unknownEvents: fc.constantFrom('skip' as const, 'error' as const),
      errorEvents: fc.constantFrom('error' as const, 'emit' as const),
      maxBufferSize: fc.integer({ min: 1, max: 400 }),
      onUnknownEvent: fc.constantFrom('none', 'record', 'throw'),
    },
    { requiredKeys: [] },
  );
  const transcriptBytes = fc
    .tuple(transcripts, fc.array(fc.constantFrom(...tokens), { maxLength: 6 }), fc.double({ min: 0, max: 1, noNaN: true }))
    .map(([t, noise, at]) => {
      const text = encoder.encode(
        frame(
          asJson(generateEvents(t)),
          { lineEnding: '\n', comments: false, fields: false, multiline: false, noSpace: false, bom: false },
          1,
        ),
      );
      const cut = Math.floor(at * text.length);
      return Uint8Array.from([...text.subarray(0, cut), ...noise.flatMap((token) => [...token]), ...text.subarray(cut)]);
    });

  it('assistantEvents gives exactly what fromSSE + decodeAssistantEvents give: values, error and end, for any bytes and options', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(soup, transcriptBytes),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }),
        decodeOptions,
        async (bytes, cuts, picked) => {
          const { onUnknownEvent: unknownHandler = 'none', maxBufferSize, ...decode } = picked;
          const runOnce = async (pipeline: (options: AssistantEventsOptions) => Observable<AssistantStreamEvent>) => {
            const unknown: SseMessage[] = [];
            const options: AssistantEventsOptions = { ...decode };
            if (unknownHandler === 'record') options.onUnknownEvent = (message) => unknown.push(message);
            if (unknownHandler === 'throw')
              options.onUnknownEvent = () => {
                throw new Error('handler failed');
              };
            const outcome = await watch(pipeline(options), 2000, false);
            const error = outcome.error as { code?: string; message?: string } | undefined;
            return {
              values: outcome.values,
              completed: outcome.completed,
              hung: outcome.hung,
              error: error && [error.code, error.message],
              unknown,
            };
          };
          const withBound = (options: AssistantEventsOptions) =>
            maxBufferSize === undefined ? options : { ...options, maxBufferSize };
          const fused = await runOnce((options) => assistantEvents(chunks$(cutAt(bytes, cuts)), withBound(options)));
          const piped = await runOnce((options) =>
            fromSSE(chunks$(cutAt(bytes, cuts)), maxBufferSize === undefined ? {} : { maxBufferSize }).pipe(
              decodeAssistantEvents(options),
            ),
          );
          expect(fused).toStrictEqual(piped);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('a truncated transcript gives the events of its whole frames, then completes only if cut between frames (or after a last whole data line), else one AssistantStreamError', async () => {
    await fc.assert(
      fc.asyncProperty(
        transcripts,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 }),
        async (t, at, cuts) => {
          const events = asJson(generateEvents(t));
          // Each frame's byte offsets: start, its JSON's start and end, its end.
          const frames = [...events.map((e) => sseFrame(e)), 'event: done\ndata: [DONE]\n\n'];
          const bounds: { start: number; json: number; jsonEnd: number; end: number }[] = [];
          let offset = 0;
          for (const f of frames) {
            const bytes = encoder.encode(f).length;
            const dataLine = f.indexOf('\ndata: ') + 7;
            const json = offset + encoder.encode(f.slice(0, dataLine)).length;
            bounds.push({ start: offset, json, jsonEnd: offset + bytes - 2, end: offset + bytes });
            offset += bytes;
          }
          const bytes = encoder.encode(frames.join(''));
          const cut = Math.floor(at * bytes.length);
          const outcome = await watch(assistantEvents(chunks$(cutAt(bytes.subarray(0, cut), cuts))));
          expect(brokenInvariant(outcome)).toBe('');
          const k = bounds.findIndex((b) => cut < b.end); // the frame the cut falls in (-1: after the last one)
          const whole = k === -1 ? events.length : Math.min(k, events.length);
          if (k === -1 || cut === bounds[k]!.start) {
            expect(outcome).toMatchObject({ completed: true, values: events.slice(0, whole) });
          } else if (cut >= bounds[k]!.jsonEnd) {
            // The frame's data line is whole: delivered (the [DONE] frame completes), then the end.
            expect(outcome).toMatchObject({ completed: true, values: events.slice(0, Math.min(k + 1, events.length)) });
          } else {
            expect(outcome.values).toEqual(events.slice(0, whole));
            expect(outcome.completed).toBe(false);
            expect(['invalid_json', 'invalid_event']).toContain((outcome.error as AssistantStreamError).code);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('byte flips, insertions and deletions in a valid transcript keep the invariant, whatever operators follow', async () => {
    const mutation = fc.record({
      kind: fc.constantFrom('flip', 'insert', 'delete', 'duplicate'),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      length: fc.integer({ min: 1, max: 40 }),
      byte: fc.integer({ min: 0, max: 255 }),
    });
    await fc.assert(
      fc.asyncProperty(
        transcripts,
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 }),
        chainNames,
        async (t, mutations, cuts, chain) => {
          let bytes = encoder.encode(
            frame(
              asJson(generateEvents(t)),
              { lineEnding: '\n', comments: false, fields: false, multiline: false, noSpace: false, bom: false },
              1,
            ),
          );
          for (const m of mutations) {
            const at = Math.floor(m.at * bytes.length);
            const copy = Array.from(bytes);
            if (m.kind === 'flip') copy[at] = (copy[at] ?? 0) ^ (m.byte || 1);
            else if (m.kind === 'insert')
              copy.splice(at, 0, ...Array.from({ length: m.length }, (_, i) => (m.byte + i * 37) & 0xff));
            else if (m.kind === 'delete') copy.splice(at, m.length);
            else copy.splice(at, 0, ...copy.slice(at, at + m.length * 5));
            bytes = Uint8Array.from(copy);
          }
          await expectContained(bytes, cuts, chain);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('an Observable source that errors mid-way ends with one AssistantStreamError (network_error), after the events before it', async () => {
    await fc.assert(
      fc.asyncProperty(transcripts, fc.double({ min: 0, max: 1, noNaN: true }), async (t, at) => {
        const events = asJson(generateEvents(t));
        const bytes = encoder.encode(
          frame(events, { lineEnding: '\n', comments: false, fields: false, multiline: false, noSpace: false, bom: false }, 1),
        );
        const cut = Math.floor(at * bytes.length);
        const failing = new Observable<Uint8Array>((subscriber) => {
          subscriber.next(bytes.subarray(0, cut));
          if (!subscriber.closed) subscriber.error(new Error('connection reset'));
        });
        const outcome = await watch(assistantEvents(failing));
        expect(brokenInvariant(outcome)).toBe('');
        expect(outcome.values).toEqual(events.slice(0, outcome.values.length));
        // Unless the cut fell after [DONE] was complete, the source's failure is what ends it.
        if (!outcome.completed) expect((outcome.error as AssistantStreamError).code).toBe('network_error');
      }),
      { numRuns: 100 },
    );
  });
});
