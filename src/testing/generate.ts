import type { AssistantStreamEvent, Message, Run, RunStep } from '../schema';
import {
  messageCompleted,
  messageContentDelta,
  messageCreated,
  messageInProgress,
  runCompleted,
  runCreated,
  runInProgress,
  runQueued,
  runRequiresAction,
  sseFrame,
  stepCompleted,
  stepCreated,
  stepInProgress,
} from './builders';
import { codeInterpreterStepEvents, functionCallDeltas } from './scenarios';

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

/**
 * The key order of the objects OpenAI's servers send (recorded runs, 2025), so that generated transcripts are laid
 * out like real ones: the builders' own order differs. Keys not listed keep their place after these.
 */
const SERVER_KEY_ORDER: Record<string, readonly string[]> = {
  'thread.run': [
    'id', 'object', 'created_at', 'assistant_id', 'thread_id', 'status', 'started_at', 'expires_at', 'cancelled_at', 'failed_at',
    'completed_at', 'required_action', 'last_error', 'model', 'instructions', 'tools', 'tool_resources', 'metadata', 'temperature',
    'top_p', 'reasoning_effort', 'max_completion_tokens', 'max_prompt_tokens', 'truncation_strategy', 'incomplete_details', 'usage',
    'response_format', 'tool_choice', 'parallel_tool_calls',
  ],
  'thread.run.step': [
    'id', 'object', 'created_at', 'run_id', 'assistant_id', 'thread_id', 'type', 'status', 'cancelled_at', 'completed_at', 'expires_at',
    'failed_at', 'last_error', 'step_details', 'usage',
  ],
  'thread.message': [
    'id', 'object', 'created_at', 'assistant_id', 'thread_id', 'run_id', 'status', 'incomplete_details', 'incomplete_at', 'completed_at',
    'role', 'content', 'attachments', 'metadata',
  ],
};

/**
 * An event as real servers send it: keys in their order, and a run step with `expires_at` where the spec says
 * `expired_at`, and without `metadata` (SCHEMA-NOTES: what lenient mode, the default, accepts).
 */
function serverOrdered(event: AssistantStreamEvent): AssistantStreamEvent {
  let data = event.data as unknown as Record<string, unknown>;
  const order = SERVER_KEY_ORDER[data['object'] as string];
  if (order === undefined) return event;
  if (data['object'] === 'thread.run.step') {
    const { expired_at, metadata: _metadata, ...rest } = data;
    data = { ...rest, expires_at: expired_at ?? null };
  }
  const out: Record<string, unknown> = {};
  for (const key of order) if (key in data) out[key] = data[key];
  for (const key of Object.keys(data)) if (!(key in out)) out[key] = data[key];
  return { event: event.event, data: out } as unknown as AssistantStreamEvent;
}

/** mulberry32: small, fast, seedable (internal to the testing helpers and specs; not exported by the package). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// Mostly plain words, some punctuation, a few multi-byte characters (2, 3 and 4 UTF-8 bytes), as model output has.
const WORDS = (
  'the of and to in is that for it as with was on be by this are from at or an which can you not all have ' +
  'stream event run step message delta tool call function output input value index snapshot assistant thread ' +
  'Observable operator pipeline server client request response token model answer question data result ' +
  'café naïve résumé déjà-vu 18°C €42 東京 😀 ✓ — “quoted” ' +
  'However, therefore, first, second, finally, example: note: 1. 2. 3. (see below) [1] x=42; {"json": true} \\path'
).split(' ');
const CODE_LINES = [
  'import pandas as pd',
  'df = pd.read_csv("/mnt/data/sales.csv")',
  'print(df.describe())',
  'total = df["amount"].sum()',
  'print(f"total: {total:.2f}")',
  'for i in range(3):\n    print(i * i)',
];

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
export function* generateEvents(options: GenerateOptions = {}, stats: TranscriptStats = emptyStats()): Generator<AssistantStreamEvent> {
  for (const frame of generateFrames(options, stats, '\n')) yield frame.event;
}

/** One generated event and its SSE frame (the same object is reused from one yield to the next). */
interface Frame {
  event: AssistantStreamEvent;
  frame: string;
}

function* generateFrames(options: GenerateOptions, stats: TranscriptStats, lineEnding: '\n' | '\r\n' | '\r'): Generator<Frame> {
  const { targetSize = 100_000, seed = 1, singleRun = false, onMessage } = options;
  if (!(targetSize >= 0)) throw new TypeError('generateEvents: `targetSize` must be a non-negative number');
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const id = (prefix: string) => {
    let out = prefix;
    for (let i = 0; i < 24; i++) out += ALPHABET[Math.floor(random() * ALPHABET.length)];
    return out;
  };
  let clock = 1_730_000_000;
  // Small transcripts get short messages (a test wants several events, not one 50 KB answer).
  const maxWords = Math.max(10, Math.min(160, Math.floor(targetSize / 300)));
  const out: Frame = { event: undefined as unknown as AssistantStreamEvent, frame: '' };
  const count = function* (events: Iterable<AssistantStreamEvent>): Generator<Frame> {
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
  const text = (words: number) => {
    let out = '';
    for (let i = 0; i < words; i++) out += (i === 0 ? '' : random() < 0.08 ? '\n\n' : ' ') + pick(WORDS);
    return out;
  };
  // The fragments a model streams: a word or part of one, with its leading space.
  const fragments = (value: string) => {
    const out: string[] = [];
    for (let i = 0; i < value.length; ) {
      const cut = Math.min(value.length, i + between(1, 7));
      // Never split a surrogate pair: a fragment is a valid string.
      const end = cut < value.length && /[\uD800-\uDBFF]/.test(value[cut - 1]!) ? cut + 1 : cut;
      out.push(value.slice(i, end));
      i = end;
    }
    return out;
  };

  const tools: Run['tools'] = [
    { type: 'code_interpreter' },
    { type: 'file_search', file_search: { max_num_results: 20, ranking_options: { ranker: 'auto', score_threshold: 0 } } },
    {
      type: 'function',
      function: {
        name: 'get_weather',
        description: 'Get the current weather in a given city.',
        parameters: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } }, required: ['city'] },
        strict: false,
      },
    },
  ];
  const threadId = id('thread_');
  const assistantId = id('asst_');

  function* messageStep(runIds: Partial<Run> & { id: string }): Generator<Frame> {
    const messageId = id('msg_');
    const stepId = id('step_');
    const common = { thread_id: threadId, assistant_id: assistantId, run_id: runIds.id, created_at: clock++ };
    const step: Partial<RunStep> = {
      ...common,
      id: stepId,
      step_details: { type: 'message_creation', message_creation: { message_id: messageId } },
    };
    const message: Partial<Message> = { ...common, id: messageId };
    const value = text(between(10, maxWords));
    const cite = random() < 0.1;
    yield* count([stepCreated(step), stepInProgress(step), messageCreated(message), messageInProgress(message)]);
    const parts = fragments(value);
    for (let i = 0; i < parts.length; i++) {
      yield* count([
        messageContentDelta(messageId, [{ index: 0, type: 'text', text: i === 0 ? { value: parts[i]!, annotations: [] } : { value: parts[i]! } }]),
      ]);
    }
    const annotations: Extract<Message['content'][number], { type: 'text' }>['text']['annotations'] = [];
    let full = value;
    if (cite) {
      const marker = '【4:0†source】';
      const fileId = id('file-');
      yield* count([messageContentDelta(messageId, [{ index: 0, type: 'text', text: { value: marker } }])]);
      yield* count([
        messageContentDelta(messageId, [
          {
            index: 0,
            type: 'text',
            text: {
              annotations: [
                { index: 0, type: 'file_citation', text: marker, start_index: full.length, end_index: full.length + marker.length, file_citation: { file_id: fileId } },
              ],
            },
          },
        ]),
      ]);
      annotations.push({ type: 'file_citation', text: marker, start_index: full.length, end_index: full.length + marker.length, file_citation: { file_id: fileId } });
      full += marker;
    }
    stats.messages++;
    stats.textLength += full.length;
    onMessage?.(messageId, full);
    yield* count([
      messageCompleted(full, { ...message, content: [{ type: 'text', text: { value: full, annotations } }] }),
      stepCompleted(step),
    ]);
    stats.steps++;
  }

  function* codeStep(runIds: Partial<Run> & { id: string }): Generator<Frame> {
    const stepId = id('step_');
    const callId = id('call_');
    const createdAt = clock++;
    let input = '';
    for (let i = between(1, 5); i > 0; i--) input += (input ? '\n' : '') + pick(CODE_LINES);
    const logs = `${between(0, 99999)}.${between(0, 99)}\n`;
    yield* count(codeInterpreterStepEvents(input, logs, { threadId, assistantId, runId: runIds.id, stepId, callId, createdAt, fragments }));
    stats.steps++;
  }

  function* functionStep(run: Partial<Run> & { id: string }): Generator<Frame> {
    const stepId = id('step_');
    const step: Partial<RunStep> = {
      thread_id: threadId,
      assistant_id: assistantId,
      run_id: run.id,
      created_at: clock++,
      id: stepId,
      type: 'tool_calls',
      step_details: { type: 'tool_calls', tool_calls: [] },
    };
    const calls = Array.from({ length: between(1, 2) }, () => ({
      id: id('call_'),
      name: 'get_weather',
      arguments: JSON.stringify({ city: pick(['Paris', 'Tokyo', 'São Paulo', 'Reykjavík', 'New York']), unit: pick(['c', 'f']) }),
    }));
    yield* count([stepCreated(step), stepInProgress(step)]);
    yield* count(functionCallDeltas(stepId, calls, fragments));
    // The run pauses for the outputs; the stream that answers submit_tool_outputs resumes it.
    yield* count([
      runRequiresAction(
        calls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } })),
        run,
      ),
      runQueued(run),
      runInProgress(run),
      stepCompleted({
        ...step,
        step_details: {
          type: 'tool_calls',
          tool_calls: calls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments, output: '{"temperature":18}' } })),
        },
      }),
    ]);
    stats.steps++;
  }

  function* someStep(run: Partial<Run> & { id: string }): Generator<Frame> {
    const r = random();
    if (r < 0.7) yield* messageStep(run);
    else if (r < 0.85) yield* codeStep(run);
    else yield* functionStep(run);
  }

  do {
    const run: Partial<Run> & { id: string } = {
      id: id('run_'),
      thread_id: threadId,
      assistant_id: assistantId,
      created_at: clock++,
      instructions: 'You are a helpful assistant. Answer with care, cite your sources and use the tools when they help.',
      tools,
      tool_resources: { code_interpreter: { file_ids: [] }, file_search: { vector_store_ids: [id('vs_')] } },
    };
    stats.runs++;
    yield* count([runCreated(run), runQueued(run), runInProgress(run)]);
    if (singleRun) {
      while (stats.size < targetSize) yield* someStep(run);
      // The run ends with its answer.
      yield* messageStep(run);
    } else {
      // At least one step, then more while the transcript is under its target; most runs end with an answer.
      const steps = between(1, 4);
      for (let i = 0; i < steps && (i === 0 || stats.size < targetSize); i++) yield* someStep(run);
      if (random() < 0.8 && stats.size < targetSize) yield* messageStep(run);
    }
    yield* count([runCompleted(run)]);
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
export function* generateSSEBytes(options: GenerateSSEOptions = {}, stats: TranscriptStats = emptyStats()): Generator<Uint8Array> {
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
