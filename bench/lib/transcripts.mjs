// The bench's transcripts, as whole byte arrays, and the chunkings they are fed at.
//
// - messages: `generateSSEBytes` of the package's testing entry (spec-shaped runs, mostly text deltas);
// - tools: bench/lib/tools-transcript.mjs (>= 10k run-step deltas of function arguments and code-interpreter input);
// - captures: the real recordings in ../shared/fixtures/sse, each its own stream (the ones that decode cleanly: 02 is
//   broken by design, 22 is not SSE).
// Chunkings: `frame` (one chunk per SSE frame, as servers flush), `1k` and `64k` (fixed sizes, cutting frames and
// multi-byte characters anywhere).
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { toolsTranscript } from './tools-transcript.mjs';

export const FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/sse/', import.meta.url));
const SKIPPED_CAPTURES = /^(02|22)-/;

export const CHUNKINGS = ['frame', '1k', '64k'];

/** `bytes` cut into the chunks of a chunking (views, no copies). */
export function chunk(bytes, chunking) {
  const chunks = [];
  if (chunking === 'frame') {
    let start = 0;
    for (let i = 1; i < bytes.length; i++) {
      if (bytes[i] === 10 && bytes[i - 1] === 10) {
        chunks.push(bytes.subarray(start, i + 1));
        start = i + 1;
      }
    }
    if (start < bytes.length) chunks.push(bytes.subarray(start));
    return chunks;
  }
  const size = chunking === '1k' ? 1024 : chunking === '64k' ? 65536 : Number(chunking);
  if (!(size > 0)) throw new Error(`bench: unknown chunking ${chunking}`);
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return chunks;
}

const encoder = new TextEncoder();
const countEvents = (text) => text.split('\n').filter((line) => line.startsWith('data:') && line !== 'data: [DONE]').length;

/** The messages transcript (~`targetSize` bytes) from the package's generator, with the texts a consumer rebuilds. */
export function messagesTranscript(testing, targetSize = 2_000_000, seed = 2) {
  const stats = testing.emptyStats();
  const expectedTexts = new Map();
  const text = [...testing.generateSSE({ targetSize, seed, onMessage: (id, t) => expectedTexts.set(id, t) }, stats)].join('');
  const bytes = encoder.encode(text);
  return {
    label: 'messages',
    streams: [bytes],
    bytes: bytes.length,
    events: stats.events,
    expectedTexts,
    expectedCalls: new Map(),
  };
}

/** The tool-heavy transcript (see tools-transcript.mjs). */
export function toolsTranscriptBytes(minToolDeltas = 12_000, seed = 1) {
  const t = toolsTranscript({ minToolDeltas, seed });
  const bytes = encoder.encode(t.text);
  return {
    label: 'tools',
    streams: [bytes],
    bytes: bytes.length,
    events: t.events,
    toolDeltas: t.toolDeltas,
    expectedTexts: t.expectedTexts,
    expectedCalls: t.expectedCalls,
  };
}

/** The real captures, one stream each (what their completed objects say is what a consumer must rebuild). */
export function capturesTranscript() {
  const files = readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.sse') && !SKIPPED_CAPTURES.test(f))
    .sort();
  const streams = files.map((f) => new Uint8Array(readFileSync(FIXTURES + f)));
  const texts = files.map((f) => readFileSync(FIXTURES + f, 'utf8'));
  return {
    label: 'captures',
    files,
    streams,
    bytes: streams.reduce((n, s) => n + s.length, 0),
    events: texts.reduce((n, t) => n + countEvents(t.replace(/\r\n?/g, '\n')), 0),
  };
}
