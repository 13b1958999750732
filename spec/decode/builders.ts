import type { Observable } from 'rxjs';
import type { AssistantStreamEvent, AssistantStreamEventOf, Message, MessageDelta, Run, RunStepDelta, Thread } from '../../src';
import { makeMessage, makeRun, makeThread } from '../../src/testing';

// Small event payloads that satisfy the spec exactly (so they pass strict mode too), on top of the testing
// builders with the few values these tests rely on. Tests derive variants from them with spread.

export const thread = (): Thread => makeThread({ tool_resources: null });

export const run = (over: Partial<Run> = {}): Run => {
  const {
    temperature: _temperature,
    top_p: _topP,
    ...base
  } = makeRun({
    instructions: 'Be brief.',
    truncation_strategy: null,
    tool_choice: null,
    response_format: null,
  });
  return { ...base, ...over };
};

export const message = (over: Partial<Message> = {}): Message =>
  makeMessage({ created_at: 1700000001, attachments: null, ...over });

/** A text delta for content part 0 (`annotations: []` on the first one, as servers send it). */
export const textDelta = (value: string, first = false): MessageDelta => ({
  id: 'msg_1',
  object: 'thread.message.delta',
  delta: { content: [{ index: 0, type: 'text', text: first ? { value, annotations: [] } : { value } }] },
});

export const codeDelta = (input: string): RunStepDelta => ({
  id: 'step_1',
  object: 'thread.run.step.delta',
  delta: {
    step_details: { type: 'tool_calls', tool_calls: [{ index: 0, type: 'code_interpreter', code_interpreter: { input } }] },
  },
});

/** An event of the union, typed. */
export const ev = <K extends AssistantStreamEvent['event']>(
  event: K,
  data: AssistantStreamEventOf<K>['data'],
): AssistantStreamEventOf<K> => ({ event, data }) as AssistantStreamEventOf<K>;

/** One SSE frame: `event:` line (when given), one `data:` line, blank line. `data` objects are JSON-encoded. */
export const frame = (event: string | undefined, data: unknown): string =>
  `${event === undefined ? '' : `event: ${event}\n`}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;

/** An SSE body made of the frames of some events. */
export const sse = (...events: Array<{ event: string; data: unknown }>): string =>
  events.map((e) => frame(e.event, e.data)).join('');

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
