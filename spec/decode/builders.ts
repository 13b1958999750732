import type { Observable } from 'rxjs';
import type { AssistantStreamEvent, AssistantStreamEventOf, Message, MessageDelta, Run, RunStepDelta, Thread } from '../../src';

// Small, hand-written event payloads that satisfy the spec exactly (so they pass strict mode too), built from
// src/schema/codecs.ts and SCHEMA-NOTES.md. Tests derive variants from them with spread.

export const thread = (): Thread => ({ id: 'thread_1', object: 'thread', created_at: 1700000000, metadata: {}, tool_resources: null });

export const run = (over: Partial<Run> = {}): Run => ({
  id: 'run_1',
  object: 'thread.run',
  created_at: 1700000000,
  thread_id: 'thread_1',
  assistant_id: 'asst_1',
  status: 'queued',
  required_action: null,
  last_error: null,
  expires_at: 1700000600,
  started_at: null,
  cancelled_at: null,
  failed_at: null,
  completed_at: null,
  model: 'gpt-4o',
  instructions: 'Be brief.',
  tools: [],
  metadata: {},
  usage: null,
  incomplete_details: null,
  max_prompt_tokens: null,
  max_completion_tokens: null,
  truncation_strategy: null,
  tool_choice: null,
  parallel_tool_calls: true,
  response_format: null,
  ...over,
});

export const message = (over: Partial<Message> = {}): Message => ({
  id: 'msg_1',
  object: 'thread.message',
  created_at: 1700000001,
  thread_id: 'thread_1',
  status: 'in_progress',
  incomplete_details: null,
  completed_at: null,
  incomplete_at: null,
  role: 'assistant',
  content: [],
  assistant_id: 'asst_1',
  run_id: 'run_1',
  attachments: null,
  metadata: {},
  ...over,
});

/** A text delta for content part 0 (`annotations: []` on the first one, as servers send it). */
export const textDelta = (value: string, first = false): MessageDelta => ({
  id: 'msg_1',
  object: 'thread.message.delta',
  delta: { content: [{ index: 0, type: 'text', text: first ? { value, annotations: [] } : { value } }] },
});

export const codeDelta = (input: string): RunStepDelta => ({
  id: 'step_1',
  object: 'thread.run.step.delta',
  delta: { step_details: { type: 'tool_calls', tool_calls: [{ index: 0, type: 'code_interpreter', code_interpreter: { input } }] } },
});

/** An event of the union, typed. */
export const ev = <K extends AssistantStreamEvent['event']>(event: K, data: AssistantStreamEventOf<K>['data']): AssistantStreamEventOf<K> =>
  ({ event, data }) as AssistantStreamEventOf<K>;

/** One SSE frame: `event:` line (when given), one `data:` line, blank line. `data` objects are JSON-encoded. */
export const frame = (event: string | undefined, data: unknown): string =>
  `${event === undefined ? '' : `event: ${event}\n`}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;

/** An SSE body made of the frames of some events. */
export const sse = (...events: Array<{ event: string; data: unknown }>): string => events.map((e) => frame(e.event, e.data)).join('');

export const DONE_FRAME = 'event: done\ndata: [DONE]\n\n';

import type { Outcome } from '../support/collect';
export { collect, type Outcome } from '../support/collect';

/** Subscribes to a synchronous Observable and returns what it delivered during `subscribe` (fails if it did not end). */
export function collectSync<T>(source: Observable<T>): Outcome<T> {
  const values: T[] = [];
  let outcome: Outcome<T> | undefined;
  source.subscribe({
    next: (value) => values.push(value),
    error: (error: unknown) => (outcome = { values, error, completed: false }),
    complete: () => (outcome = { values, completed: true }),
  });
  if (!outcome) throw new Error('collectSync: the source did not end synchronously');
  return outcome;
}
