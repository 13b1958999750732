import type { AssistantStreamEvent, Message, Run, RunStep, Thread } from '../schema';
import { applyMessageDelta, messageFromDelta } from './message';
import { applyRunStepDelta, runStepFromDelta } from './run-step';

/**
 * What a run stream amounts to: the last run, the thread if one was created, and every message and step.
 *
 * @example
 * ```ts
 * import { assistantEvents, collectRunResult, type RunResult } from 'rx-assistant-stream';
 * import { lastValueFrom } from 'rxjs';
 *
 * const result: RunResult = await lastValueFrom(assistantEvents(response).pipe(collectRunResult()));
 * console.log(result.run?.status, result.messages.length, result.steps.length, result.eventCount);
 * ```
 */
export interface RunResult {
  /** The run as the last run event reported it (`undefined` before any run event). */
  run: Run | undefined;
  /** The thread, when the stream created one (`createThreadAndRun`). */
  thread: Thread | undefined;
  /** Every message, in order of first appearance, as accumulated (the server's final object once it came). */
  messages: readonly Message[];
  /** Every run step, in order of first appearance, tool calls included. */
  steps: readonly RunStep[];
  /** How many events were reduced. */
  eventCount: number;
}

/**
 * The {@link RunResult} of an empty stream: the seed of {@link reduceRunResult}.
 *
 * @example
 * ```ts
 * import { assistantEvents, reduceRunResult, EMPTY_RUN_RESULT } from 'rx-assistant-stream';
 * import { scan } from 'rxjs';
 *
 * assistantEvents(response)
 *   .pipe(scan(reduceRunResult, EMPTY_RUN_RESULT))
 *   .subscribe((result) => console.log(result.run?.status, result.messages.at(-1)?.content));
 * ```
 */
export const EMPTY_RUN_RESULT: RunResult = Object.freeze({
  run: undefined,
  thread: undefined,
  messages: Object.freeze([]) as readonly Message[],
  steps: Object.freeze([]) as readonly RunStep[],
  eventCount: 0,
});

/**
 * Folds one event into a {@link RunResult}, returning a new result (the previous one is never mutated; unchanged
 * messages and steps are shared). Usable with RxJS `reduce`/`scan`, an NgRx reducer or a signal store.
 *
 * @example
 * ```ts
 * import { reduceRunResult, EMPTY_RUN_RESULT } from 'rx-assistant-stream';
 *
 * const result = events.reduce(reduceRunResult, EMPTY_RUN_RESULT);
 * console.log(result.run?.status, result.messages.length);
 * ```
 *
 * @param result The result so far.
 * @param event The next event.
 * @returns The new result.
 * @throws {AssistantStreamError} `invalid_delta` for a delta that cannot be applied (see `applyMessageDelta`).
 */
export function reduceRunResult(result: RunResult, event: AssistantStreamEvent): RunResult {
  const eventCount = result.eventCount + 1;
  const name = event.event;
  if (name === 'thread.created') return { ...result, thread: event.data, eventCount };
  if (name === 'thread.message.delta') {
    const messages = upsert(result.messages, event.data.id, (previous) =>
      previous ? applyMessageDelta(previous, event.data) : messageFromDelta(event.data),
    );
    return { ...result, messages, eventCount };
  }
  if (name === 'thread.run.step.delta') {
    const steps = upsert(result.steps, event.data.id, (previous) =>
      previous ? applyRunStepDelta(previous, event.data) : runStepFromDelta(event.data),
    );
    return { ...result, steps, eventCount };
  }
  if (name.startsWith('thread.message.')) {
    const message = event.data as Message;
    return { ...result, messages: upsert(result.messages, message.id, () => message), eventCount };
  }
  if (name.startsWith('thread.run.step.')) {
    const step = event.data as RunStep;
    return { ...result, steps: upsert(result.steps, step.id, () => step), eventCount };
  }
  if (name.startsWith('thread.run.')) return { ...result, run: event.data as Run, eventCount };
  return { ...result, eventCount };
}

/** A copy of `items` with the item of `id` replaced by `update(item)`, or `update(undefined)` appended. */
function upsert<T extends { id: string }>(items: readonly T[], id: string, update: (previous: T | undefined) => T): readonly T[] {
  const at = items.findIndex((item) => item.id === id);
  if (at === -1) return [...items, update(undefined)];
  const next = update(items[at]);
  if (next === items[at]) return items;
  const copy = items.slice();
  copy[at] = next;
  return copy;
}
