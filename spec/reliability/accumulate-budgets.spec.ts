// Issue 10, class 1: accumulation cost bounded by what was received. Each budget is a generous time bound (5 s on
// the project's 2-core machine) that the round-1 quadratic code missed by far, plus a count of work where one can be
// counted. Before (same machine, loaded): 40,000 annotation deltas ~62 s, 20,000 tool calls ~14 s, collectRunResult
// over 20,000 messages ~35 s. An indexed array holds at most 16,384 elements (merge.ts, MAX_INDEX): past that, V8 keeps
// the array in large-object space, where each per-delta copy of an immutable snapshot is a fresh mapped allocation
// (about 1 ms here), so the two larger streams now fail with invalid_delta at the 16,385th element instead of
// freezing the thread (~29 s and ~9 s before the bound).
import { lastValueFrom, from } from 'rxjs';
import { applyMessageDelta, applyRunStepDelta } from '../../src/accumulate';
import { AssistantStreamError } from '../../src/errors';
import { collectRunResult } from '../../src/operators/collect-run-result';
import type { AssistantStreamEvent, Message, MessageDelta, RunStep, RunStepDelta } from '../../src/schema';
import { makeMessage, makeRunStep, messageCompleted, messageCreated, messageDelta } from '../../src/testing';

const BUDGET_MS = 5000;

function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

const LIMIT = 16_384; // elements an indexed array may hold

function toolCallsStep(): RunStep {
  return makeRunStep({ type: 'tool_calls', step_details: { type: 'tool_calls', tool_calls: [] } } as Partial<RunStep>);
}

function toolCallsDelta(step: RunStep, calls: Array<Record<string, unknown>>): RunStepDelta {
  return {
    id: step.id,
    object: 'thread.run.step.delta',
    delta: { step_details: { type: 'tool_calls', tool_calls: calls } },
  } as unknown as RunStepDelta;
}

const toolCall = (i: number) => ({
  index: i,
  id: `call_${i}`,
  type: 'function',
  function: { name: 'f', arguments: '{}', output: null },
});
const callsOf = (step: RunStep) => (step.step_details as { tool_calls: Array<Record<string, unknown>> }).tool_calls;

function textMessage(): Message {
  return { ...makeMessage(), content: [{ type: 'text', text: { value: '', annotations: [] } }] } as unknown as Message;
}

function annotationsDelta(message: Message, annotations: Array<Record<string, unknown>>, value?: string): MessageDelta {
  const text = value === undefined ? { annotations } : { value, annotations };
  return {
    id: message.id,
    object: 'thread.message.delta',
    delta: { content: [{ index: 0, type: 'text', text }] },
  } as unknown as MessageDelta;
}

const annotation = (i: number) => ({
  index: i,
  type: 'file_path',
  text: 'p',
  start_index: i,
  end_index: i + 1,
  file_path: { file_id: 'f' },
});
const annotationsOf = (m: Message) =>
  (m.content[0] as unknown as { text: { annotations: Array<Record<string, unknown>> } }).text.annotations;

/** `make(0)`, ..., `make(count - 1)`: the elements of one delta. */
const batch = <T>(count: number, make: (i: number) => T): T[] => Array.from({ length: count }, (_, i) => make(i));

/** What `run` throws (a test failure when it throws nothing). */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

/** Applies `apply(i)` for i = 0, 1, ... until it throws: the index it threw at and the error. */
function applyUntilError(count: number, apply: (i: number) => void): { failedAt: number; error: unknown } {
  for (let i = 0; i < count; i++) {
    try {
      apply(i);
    } catch (error) {
      return { failedAt: i, error };
    }
  }
  return { failedAt: -1, error: undefined };
}

function expectIndexLimitError(error: unknown, path: string): void {
  expect(error).toBeInstanceOf(AssistantStreamError);
  const e = error as AssistantStreamError;
  expect(e.code).toBe('invalid_delta');
  expect(e.path).toBe(path);
  expect(e.message).toMatch(/index below 16384, got 16384/);
}

describe('accumulation budgets (issue 10, class 1)', () => {
  it('20,000 tool calls in one step, one delta each: 16,384 merge, sharing every untouched call, then invalid_delta; under 5 s', () => {
    let step = toolCallsStep();
    let previous = step;
    const { value: outcome, ms } = timed(() =>
      applyUntilError(20_000, (i) => {
        previous = step;
        step = applyRunStepDelta(step, toolCallsDelta(step, [toolCall(i)]));
      }),
    );
    expect(outcome.failedAt).toBe(LIMIT);
    expectIndexLimitError(outcome.error, 'delta.step_details.tool_calls[0].index');
    expect(callsOf(step)).toHaveLength(LIMIT);
    expect(
      callsOf(step)
        .slice(0, -1)
        .every((call, i) => call === callsOf(previous)[i]),
    ).toBe(true);
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it('collectRunResult over a run with 20,000 messages (created, delta, completed each): under 5 s', async () => {
    const events: AssistantStreamEvent[] = [];
    for (let i = 0; i < 20_000; i++) {
      const id = `msg_${i}`;
      events.push(messageCreated({ id }), messageDelta(id, 'hi'), messageCompleted('hi', { id }));
    }
    const start = performance.now();
    const result = await lastValueFrom(from(events).pipe(collectRunResult()));
    const ms = performance.now() - start;
    expect(result.messages).toHaveLength(20_000);
    expect(result.messages[19_999]!.id).toBe('msg_19999');
    expect(result.eventCount).toBe(60_000);
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it('40,000 annotation deltas on one text part: each copies the annotations once, shares the rest; invalid_delta at 16,384; under 5 s', () => {
    let message = textMessage();
    const { value: outcome, ms } = timed(() =>
      applyUntilError(40_000, (i) => {
        const before = annotationsOf(message);
        message = applyMessageDelta(message, annotationsDelta(message, [annotation(i)], 'x'));
        const after = annotationsOf(message);
        if (after.length !== i + 1 || (i > 0 && (after[i - 1] !== before[i - 1] || after[0] !== before[0])))
          throw new Error(`delta ${i} did not share`);
      }),
    );
    expect(outcome.failedAt).toBe(LIMIT);
    expectIndexLimitError(outcome.error, 'delta.content[0].text.annotations[0].index');
    expect(annotationsOf(message)).toHaveLength(LIMIT);
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  // In one delta, merging N elements into an array costs O(N), not a copy per element: 16,384 of each in one delta
  // merge at once, and one more element is the same invalid_delta.
  it('16,384 annotations in one message delta, and 16,384 tool calls in one step delta: under 5 s each; one more fails', () => {
    const message = textMessage();
    const annotated = timed(() => applyMessageDelta(message, annotationsDelta(message, batch(LIMIT, annotation))));
    const merged = annotationsOf(annotated.value);
    expect(merged).toHaveLength(LIMIT);
    expect(merged[LIMIT - 1]).toEqual({
      type: 'file_path',
      text: 'p',
      start_index: LIMIT - 1,
      end_index: LIMIT,
      file_path: { file_id: 'f' },
    });
    expect(annotated.ms).toBeLessThan(BUDGET_MS);
    const tooMany = thrown(() => applyMessageDelta(message, annotationsDelta(message, batch(40_000, annotation))));
    expectIndexLimitError(tooMany, `delta.content[0].text.annotations[${LIMIT}].index`);

    const step = toolCallsStep();
    const stepped = timed(() => applyRunStepDelta(step, toolCallsDelta(step, batch(LIMIT, toolCall))));
    expect(callsOf(stepped.value)).toHaveLength(LIMIT);
    expect(callsOf(stepped.value)[LIMIT - 1]).toEqual({
      id: `call_${LIMIT - 1}`,
      type: 'function',
      function: { name: 'f', arguments: '{}', output: null },
    });
    expect(stepped.ms).toBeLessThan(BUDGET_MS);
    const tooManyCalls = thrown(() => applyRunStepDelta(step, toolCallsDelta(step, batch(20_000, toolCall))));
    expectIndexLimitError(tooManyCalls, `delta.step_details.tool_calls[${LIMIT}].index`);
  });
});
