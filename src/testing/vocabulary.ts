import type { AssistantStreamEvent, Run } from '../schema';

// What generated transcripts are made of (internal to the generator): ids, words, code, tools, and a drawing kit that
// takes every choice from one prng, in the order the generator asks.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** The characters of an id after its prefix (OpenAI's ids have 24). */
const ID_LENGTH = 24;
// Mostly plain words, some punctuation, a few multi-byte characters (2, 3 and 4 UTF-8 bytes), as model output has.
const WORDS = (
  'the of and to in is that for it as with was on be by this are from at or an which can you not all have ' +
  'stream event run step message delta tool call function output input value index snapshot assistant thread ' +
  'Observable operator pipeline server client request response token model answer question data result ' +
  'café naïve résumé déjà-vu 18°C €42 東京 😀 ✓ — “quoted” ' +
  'However, therefore, first, second, finally, example: note: 1. 2. 3. (see below) [1] x=42; {"json": true} \\path'
).split(' ');
/** The chance that a word starts a new paragraph. */
const PARAGRAPH_BREAK = 0.08;
/** A streamed fragment holds 1 to 7 characters. */
const FRAGMENT_LENGTH = { min: 1, max: 7 } as const;

/** Lines of code interpreter input. */
export const CODE_LINES = [
  'import pandas as pd',
  'df = pd.read_csv("/mnt/data/sales.csv")',
  'print(df.describe())',
  'total = df["amount"].sum()',
  'print(f"total: {total:.2f}")',
  'for i in range(3):\n    print(i * i)',
];

/** The cities of generated `get_weather` calls. */
export const CITIES = ['Paris', 'Tokyo', 'São Paulo', 'Reykjavík', 'New York'];

/** The instructions of every generated run. */
export const INSTRUCTIONS = 'You are a helpful assistant. Answer with care, cite your sources and use the tools when they help.';

/** The tools of every generated run. */
export const RUN_TOOLS: Run['tools'] = [
  { type: 'code_interpreter' },
  { type: 'file_search', file_search: { max_num_results: 20, ranking_options: { ranker: 'auto', score_threshold: 0 } } },
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Get the current weather in a given city.',
      parameters: {
        type: 'object',
        properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } },
        required: ['city'],
      },
      strict: false,
    },
  },
];

/** Choices drawn from one prng. */
export interface Draw {
  /** The prng itself, for a plain chance. */
  random: () => number;
  pick<T>(items: readonly T[]): T;
  /** An integer from `min` to `max`, both included. */
  between(min: number, max: number): number;
  /** `prefix` and 24 characters of [A-Za-z0-9]. */
  id(prefix: string): string;
  /** `words` words of model-like text, paragraphs included. */
  text(words: number): string;
  /** The fragments a model streams: a word or part of one, with its leading space; never a lone surrogate. */
  fragments(value: string): string[];
}

/** The drawing kit of a prng. */
export function createDraw(random: () => number): Draw {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  return {
    random,
    pick,
    between,
    id(prefix) {
      let out = prefix;
      for (let i = 0; i < ID_LENGTH; i++) out += ALPHABET[Math.floor(random() * ALPHABET.length)];
      return out;
    },
    text(words) {
      let out = '';
      for (let i = 0; i < words; i++) out += (i === 0 ? '' : random() < PARAGRAPH_BREAK ? '\n\n' : ' ') + pick(WORDS);
      return out;
    },
    fragments(value) {
      const out: string[] = [];
      for (let i = 0; i < value.length;) {
        const cut = Math.min(value.length, i + between(FRAGMENT_LENGTH.min, FRAGMENT_LENGTH.max));
        const end = cut < value.length && /[\uD800-\uDBFF]/.test(value[cut - 1]!) ? cut + 1 : cut;
        out.push(value.slice(i, end));
        i = end;
      }
      return out;
    },
  };
}

/**
 * The key order of the objects OpenAI's servers send (recorded runs, 2025), so that generated transcripts are laid
 * out like real ones: the builders' own order differs. Keys not listed keep their place after these.
 */
const SERVER_KEY_ORDER: Record<string, readonly string[]> = {
  'thread.run': [
    'id',
    'object',
    'created_at',
    'assistant_id',
    'thread_id',
    'status',
    'started_at',
    'expires_at',
    'cancelled_at',
    'failed_at',
    'completed_at',
    'required_action',
    'last_error',
    'model',
    'instructions',
    'tools',
    'tool_resources',
    'metadata',
    'temperature',
    'top_p',
    'reasoning_effort',
    'max_completion_tokens',
    'max_prompt_tokens',
    'truncation_strategy',
    'incomplete_details',
    'usage',
    'response_format',
    'tool_choice',
    'parallel_tool_calls',
  ],
  'thread.run.step': [
    'id',
    'object',
    'created_at',
    'run_id',
    'assistant_id',
    'thread_id',
    'type',
    'status',
    'cancelled_at',
    'completed_at',
    'expires_at',
    'failed_at',
    'last_error',
    'step_details',
    'usage',
  ],
  'thread.message': [
    'id',
    'object',
    'created_at',
    'assistant_id',
    'thread_id',
    'run_id',
    'status',
    'incomplete_details',
    'incomplete_at',
    'completed_at',
    'role',
    'content',
    'attachments',
    'metadata',
  ],
};

/**
 * An event as real servers send it: keys in their order, and a run step with `expires_at` where the spec says
 * `expired_at`, and without `metadata` (SCHEMA-NOTES: what lenient mode, the default, accepts).
 */
export function serverOrdered(event: AssistantStreamEvent): AssistantStreamEvent {
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
