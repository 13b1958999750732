import { isRunEvent, type AssistantStreamEvent, type Message, type Run, type RunStep, type Thread } from '../schema';
import { createFastPathMemo } from './fast-paths';
import { followLifecycle, isLifecycleEvent, MESSAGE_LIFECYCLE, RUN_STEP_LIFECYCLE, type LifecycleKind } from './lifecycle';

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
  /** Every message, in order of first appearance, as accumulated (the server's final object once it came, and any delta after it). */
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
 * Messages and steps follow the same lifecycle rules as `accumulateMessageDeltas` / `accumulateRunStepDeltas`: a
 * repeated `created` or an `in_progress` for a known id changes nothing; a delta applies on top of whatever the
 * result holds, a final object included (Azure's late MCP output); a final object replaces the entry, known or not
 * (a continuation stream that opens with `step.completed`). `run` is the last run event's run (a second
 * `thread.run.created` for the same run, as Azure sends after an approval, simply replaces it). Finding an entry
 * costs O(1) (positions remembered per result), and changing one costs one copy of its array.
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
  if (isLifecycleEvent(MESSAGE_LIFECYCLE, name))
    return { ...result, messages: upsert(MESSAGE_LIFECYCLE, result.messages, name, event.data), eventCount };
  if (isLifecycleEvent(RUN_STEP_LIFECYCLE, name))
    return { ...result, steps: upsert(RUN_STEP_LIFECYCLE, result.steps, name, event.data), eventCount };
  if (isRunEvent(event)) return { ...result, run: event.data, eventCount };
  return { ...result, eventCount };
}

/**
 * The {@link RunResult} of a whole stream, built with mutable state that nobody else sees (the engine of
 * `collectRunResult`, which emits one result at the end): the same rules as {@link reduceRunResult}, without a
 * copy of the message and step arrays per event.
 *
 * @example
 * ```ts
 * // internal (src/accumulate/run-result.ts)
 * const builder = new RunResultBuilder();
 * for (const event of events) builder.add(event);
 * const result = builder.result();
 * ```
 */
export class RunResultBuilder {
  private run: Run | undefined = undefined;
  private thread: Thread | undefined = undefined;
  private readonly messages = new Entries(MESSAGE_LIFECYCLE);
  private readonly steps = new Entries(RUN_STEP_LIFECYCLE);
  private eventCount = 0;

  /** Folds one event in; throws `invalid_delta` for a delta that cannot be applied. */
  add(event: AssistantStreamEvent): void {
    this.eventCount++;
    const name = event.event;
    if (name === 'thread.created') this.thread = event.data;
    else if (isLifecycleEvent(MESSAGE_LIFECYCLE, name)) this.messages.add(name, event.data);
    else if (isLifecycleEvent(RUN_STEP_LIFECYCLE, name)) this.steps.add(name, event.data);
    else if (isRunEvent(event)) this.run = event.data;
  }

  /** The result so far, as a new object (its arrays are copies: later events do not change it). */
  result(): RunResult {
    return {
      run: this.run,
      thread: this.thread,
      messages: this.messages.items.slice(),
      steps: this.steps.items.slice(),
      eventCount: this.eventCount,
    };
  }
}

/** The messages or steps of a {@link RunResultBuilder}, in order of first appearance, with their positions by id. */
class Entries<S extends { id: string }, D extends { id: string }> {
  readonly items: S[] = [];
  private readonly at = new Map<string, number>();
  private readonly memo = createFastPathMemo();
  constructor(private readonly kind: LifecycleKind<S, D>) {}

  add(name: string, data: unknown): void {
    const id = (data as { id: string }).id;
    const at = this.at.get(id);
    const step = followLifecycle(this.kind, at === undefined ? undefined : this.items[at], name, data, this.memo);
    if (step === undefined) return;
    if (at !== undefined) this.items[at] = step.snapshot;
    else {
      this.at.set(id, this.items.length);
      this.items.push(step.snapshot);
    }
  }
}

/**
 * Where each id sits in the message and step arrays of the results built here. A result's array and the arrays
 * built from it share one map (positions never move: entries are only appended or replaced), so a lookup is O(1);
 * an entry is trusted only when the array holds that id there (two results built from one result may disagree),
 * and a linear search settles any doubt.
 */
const positions = new WeakMap<readonly { id: string }[], Map<string, number>>();

function positionsOf(items: readonly { id: string }[]): Map<string, number> {
  let map = positions.get(items);
  if (map === undefined) {
    map = new Map();
    for (let i = 0; i < items.length; i++) if (!map.has(items[i]!.id)) map.set(items[i]!.id, i);
    positions.set(items, map);
  }
  return map;
}

function positionOf(items: readonly { id: string }[], map: Map<string, number>, id: string): number {
  const at = map.get(id);
  if (at === undefined) return -1;
  if (items[at]?.id === id) return at;
  return items.findIndex((item) => item.id === id);
}

/** A copy of `items` with the event applied to the entry of its id (appended when new), or `items` when unchanged. */
function upsert<S extends { id: string }, D extends { id: string }>(
  kind: LifecycleKind<S, D>,
  items: readonly S[],
  name: string,
  data: unknown,
): readonly S[] {
  const id = (data as { id: string }).id;
  const map = positionsOf(items);
  const at = positionOf(items, map, id);
  const previous = at === -1 ? undefined : items[at];
  const step = followLifecycle(kind, previous, name, data);
  if (step === undefined || step.snapshot === previous) return items;
  let next: S[];
  if (at === -1) {
    next = items.concat([step.snapshot]);
    map.set(id, items.length);
  } else {
    next = items.slice();
    next[at] = step.snapshot;
  }
  positions.set(next, map);
  return next;
}
