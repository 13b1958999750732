import type { AssistantStreamEvent } from '../schema';
import { runCompleted, runCreated, runInProgress, runQueued, sseFrame } from './builders';
import { messageRunStep, someRunStep, type Frame, type StepContext, type StepRun } from './generate-steps';
import { prng } from './prng';
import { createDraw, INSTRUCTIONS, RUN_TOOLS, serverOrdered } from './vocabulary';

/** The first `created_at` of a transcript. */
const START_CLOCK = 1_730_000_000;
/** Message lengths in words: from `min` up to `targetSize / charsPerWord`, at most `max`. */
const MESSAGE_WORDS = { min: 10, max: 160, charsPerWord: 300 } as const;
/** The chance that a run (of several) ends with an answer. */
const ANSWER_CHANCE = 0.8;

/**
 * Options of {@link generateEvents}, {@link generateSSE} and {@link generateSSEBytes}.
 *
 * @example
 * ```ts
 * import { generateEvents, type GenerateOptions } from 'rx-assistant-stream/testing';
 * const expected = new Map<string, string>(); // message id -> the text a consumer should rebuild
 * const options: GenerateOptions = { targetSize: 50_000, seed: 42, singleRun: true, onMessage: (id, text) => expected.set(id, text) };
 * const events = [...generateEvents(options)];
 * ```
 */
export interface GenerateOptions {
  /**
   * Roughly how big the transcript gets, in characters of SSE text (bytes, for ASCII): the generator stops after
   * the step that crosses it, and ends the run. Small targets also get short messages. Default 100_000.
   */
  targetSize?: number;
  /** The seed of the pseudo-random choices: the same seed and options give the same transcript. Default 1. */
  seed?: number;
  /**
   * One long run (created, queued, in progress, then steps until `targetSize`, then completed), instead of runs
   * that follow one another. For pipelines that stop at the first terminal run (`untilRunTerminal`).
   */
  singleRun?: boolean;
  /** End with `event: done` / `data: [DONE]`. Default `true`. */
  done?: boolean;
  /** Called with each message's id and its whole text once the message completes: what a consumer should rebuild. */
  onMessage?: (id: string, text: string) => void;
}

/**
 * Options of {@link generateSSE} and {@link generateSSEBytes}.
 *
 * @example
 * ```ts
 * import { generateSSE } from 'rx-assistant-stream/testing';
 * const chunks = [...generateSSE({ targetSize: 20_000, seed: 5, chunkSize: 1024, lineEnding: '\r\n' })];
 * ```
 */
export interface GenerateSSEOptions extends GenerateOptions {
  /** The least characters per chunk (frames are not split: a chunk ends at a frame's end). Default 65_536. */
  chunkSize?: number;
  /** The line end: `'\n'` (default), `'\r\n'` or `'\r'`. */
  lineEnding?: '\n' | '\r\n' | '\r';
}

/**
 * What a generated transcript held, filled in as it is generated.
 *
 * @example
 * ```ts
 * import { emptyStats, generateSSE } from 'rx-assistant-stream/testing';
 * const stats = emptyStats();
 * const transcript = [...generateSSE({ targetSize: 200_000 }, stats)].join('');
 * console.log(stats.size === transcript.length, stats.events, stats.messageDeltas, stats.textLength);
 * ```
 */
export interface TranscriptStats {
  /** SSE text characters (for {@link generateSSEBytes}: UTF-8 bytes). */
  size: number;
  /** Events, `done` excluded. */
  events: number;
  runs: number;
  steps: number;
  messages: number;
  /** `thread.message.delta` events. */
  messageDeltas: number;
  /** `thread.run.step.delta` events. */
  stepDeltas: number;
  /** Characters of message text (the sum of every message's final text length). */
  textLength: number;
}

/**
 * A fresh {@link TranscriptStats}, all zero.
 *
 * @example
 * ```ts
 * import { emptyStats, generateEvents } from 'rx-assistant-stream/testing';
 * const stats = emptyStats();
 * let deltas = 0;
 * for (const event of generateEvents({ seed: 3 }, stats)) if (event.event === 'thread.message.delta') deltas++;
 * expect(deltas).toBe(stats.messageDeltas);
 * ```
 */
export function emptyStats(): TranscriptStats {
  return { size: 0, events: 0, runs: 0, steps: 0, messages: 0, messageDeltas: 0, stepDeltas: 0, textLength: 0 };
}

export { prng } from './prng';

/**
 * The events of a generated, spec-shaped transcript, lazily: runs (created, queued, in progress, completed), message
 * steps whose text streams in many short fragments, function calls whose arguments stream in (then
 * `requires_action` and the resumed run), and code interpreter steps with streamed input and a logs output.
 * Deterministic for a seed. Nothing is held but the current step, so a transcript of any size can be streamed.
 *
 * @example
 * ```ts
 * import { generateEvents, toSSE } from 'rx-assistant-stream/testing';
 * const transcript = toSSE(generateEvents({ targetSize: 10_000, seed: 7 }));
 * ```
 *
 * @param options `targetSize`, `seed`, `singleRun`, `onMessage` (`done` is ignored: events only).
 * @param stats Counters to fill in (sizes are measured on the SSE frames, with `\n` line ends).
 * @returns A generator of events.
 */
export function* generateEvents(
  options: GenerateOptions = {},
  stats: TranscriptStats = emptyStats(),
): Generator<AssistantStreamEvent> {
  for (const frame of generateFrames(options, stats, '\n')) yield frame.event;
}

function* generateFrames(options: GenerateOptions, stats: TranscriptStats, lineEnding: '\n' | '\r\n' | '\r'): Generator<Frame> {
  const { targetSize = 100_000, seed = 1, singleRun = false, onMessage } = options;
  if (!(targetSize >= 0)) throw new TypeError('generateEvents: `targetSize` must be a non-negative number');
  const draw = createDraw(prng(seed));
  let clock = START_CLOCK;
  const out: Frame = { event: undefined as unknown as AssistantStreamEvent, frame: '' };
  const emit = function* (events: Iterable<AssistantStreamEvent>): Generator<Frame> {
    for (const original of events) {
      const event = serverOrdered(original);
      out.event = event;
      out.frame = sseFrame(event, lineEnding);
      stats.events++;
      stats.size += out.frame.length;
      if (event.event === 'thread.message.delta') stats.messageDeltas++;
      else if (event.event === 'thread.run.step.delta') stats.stepDeltas++;
      yield out;
    }
  };
  const threadId = draw.id('thread_');
  const assistantId = draw.id('asst_');
  const ctx: StepContext = {
    draw,
    threadId,
    assistantId,
    // Small transcripts get short messages (a test wants several events, not one 50 KB answer).
    maxWords: Math.max(MESSAGE_WORDS.min, Math.min(MESSAGE_WORDS.max, Math.floor(targetSize / MESSAGE_WORDS.charsPerWord))),
    tick: () => clock++,
    stats,
    emit,
    onMessage,
  };

  do {
    const run: StepRun = {
      id: draw.id('run_'),
      thread_id: threadId,
      assistant_id: assistantId,
      created_at: clock++,
      instructions: INSTRUCTIONS,
      tools: RUN_TOOLS,
      tool_resources: { code_interpreter: { file_ids: [] }, file_search: { vector_store_ids: [draw.id('vs_')] } },
    };
    stats.runs++;
    yield* emit([runCreated(run), runQueued(run), runInProgress(run)]);
    if (singleRun) {
      while (stats.size < targetSize) yield* someRunStep(ctx, run);
      // The run ends with its answer.
      yield* messageRunStep(ctx, run);
    } else {
      // At least one step, then more while the transcript is under its target; most runs end with an answer.
      const steps = draw.between(1, 4);
      for (let i = 0; i < steps && (i === 0 || stats.size < targetSize); i++) yield* someRunStep(ctx, run);
      if (draw.random() < ANSWER_CHANCE && stats.size < targetSize) yield* messageRunStep(ctx, run);
    }
    yield* emit([runCompleted(run)]);
  } while (stats.size < targetSize);
}

/**
 * A generated transcript (see {@link generateEvents}) as SSE text, lazily, in chunks of at least `chunkSize`
 * characters that end at a frame's end, followed by `[DONE]` unless `done: false`.
 *
 * @example
 * ```ts
 * import { generateSSE } from 'rx-assistant-stream/testing';
 * import { assistantEvents } from 'rx-assistant-stream';
 * import { from } from 'rxjs';
 *
 * assistantEvents(from(generateSSE({ targetSize: 5_000_000 }))).subscribe();
 * ```
 */
export function* generateSSE(options: GenerateSSEOptions = {}, stats: TranscriptStats = emptyStats()): Generator<string> {
  const { chunkSize = 65_536, lineEnding = '\n', done = true } = options;
  let chunk = '';
  for (const { frame } of generateFrames(options, stats, lineEnding)) {
    chunk += frame;
    if (chunk.length >= chunkSize) {
      yield chunk;
      chunk = '';
    }
  }
  if (done) {
    const last = `event: done${lineEnding}data: [DONE]${lineEnding}${lineEnding}`;
    chunk += last;
    stats.size += last.length;
  }
  if (chunk !== '') yield chunk;
}

/**
 * {@link generateSSE} encoded as UTF-8 bytes (`stats.size` counts bytes), for byte sources such as a fetch body.
 *
 * @example
 * ```ts
 * import { emptyStats, generateSSEBytes } from 'rx-assistant-stream/testing';
 * import { assistantEvents } from 'rx-assistant-stream';
 * import { from } from 'rxjs';
 *
 * const stats = emptyStats();
 * assistantEvents(from(generateSSEBytes({ targetSize: 1_000_000, seed: 9 }, stats))).subscribe({ complete: () => console.log(stats.size, 'bytes') });
 * ```
 */
export function* generateSSEBytes(
  options: GenerateSSEOptions = {},
  stats: TranscriptStats = emptyStats(),
): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  const text = emptyStats();
  let bytes = 0;
  for (const chunk of generateSSE(options, text)) {
    const encoded = encoder.encode(chunk);
    bytes += encoded.length;
    Object.assign(stats, text, { size: bytes });
    yield encoded;
  }
  Object.assign(stats, text, { size: bytes });
}
