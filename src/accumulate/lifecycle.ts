import {
  FINAL_MESSAGE_EVENT_NAMES,
  FINAL_RUN_STEP_EVENT_NAMES,
  type Message,
  type MessageDelta,
  type RunStep,
  type RunStepDelta,
} from '../schema';
import type { FastPathMemo } from './fast-paths';
import { applyDeltaOfKind, type DeltaKind } from './delta-fields';
import { MESSAGE_DELTAS, messageFromDelta } from './message';
import { RUN_STEP_DELTAS, runStepFromDelta } from './run-step';

/**
 * The events of one kind of object (messages, run steps) and how a delta applies to it: what `followLifecycle`
 * needs. "Final" names an object's last authoritative state (a message `completed` / `incomplete`, a step
 * `completed` / `failed` / `cancelled` / `expired`); "terminal" is kept for the run's end (`TERMINAL_RUN_STATUSES`).
 */
export interface LifecycleKind<S extends { id: string }, D extends { id: string }> {
  readonly created: string;
  readonly inProgress: string;
  readonly delta: string;
  /** The events whose object is final and authoritative. */
  readonly final: ReadonlySet<string>;
  /** Applies a delta; `memo` (one per accumulator, optional) only lets the fast paths skip checks. */
  apply(snapshot: S, delta: D, memo?: FastPathMemo): S;
  fromDelta(delta: D): S;
}

/**
 * The kind of the objects whose events are `names` and the `final` ones. The names are literals, not built from the
 * object's name: the decoder emits the library's interned spelling, and two interned strings compare by pointer.
 */
function lifecycleKind<S extends { id: string }, D extends { id: string; delta: object }>(
  names: Pick<LifecycleKind<S, D>, 'created' | 'inProgress' | 'delta'>,
  final: ReadonlySet<string>,
  deltas: DeltaKind<S, D['delta']>,
  fromDelta: (delta: D) => S,
): LifecycleKind<S, D> {
  return {
    ...names,
    final,
    apply: (snapshot, delta, memo) => applyDeltaOfKind(deltas, snapshot, delta, memo),
    fromDelta: (delta) => fromDelta(delta),
  };
}

/**
 * Messages: `thread.message.created`, `.in_progress`, `.delta`, and the final `.completed` / `.incomplete`.
 *
 * @example
 * ```ts
 * // internal (src/accumulate/lifecycle.ts)
 * followLifecycle(MESSAGE_LIFECYCLE, undefined, 'thread.message.created', message); // { snapshot: message, emit: true }
 * ```
 */
export const MESSAGE_LIFECYCLE: LifecycleKind<Message, MessageDelta> = /*#__PURE__*/ lifecycleKind(
  { created: 'thread.message.created', inProgress: 'thread.message.in_progress', delta: 'thread.message.delta' },
  FINAL_MESSAGE_EVENT_NAMES,
  MESSAGE_DELTAS,
  messageFromDelta,
);

/**
 * Run steps: `thread.run.step.created`, `.in_progress`, `.delta`, and the final `.completed` / `.failed` /
 * `.cancelled` / `.expired`.
 *
 * @example
 * ```ts
 * // internal (src/accumulate/lifecycle.ts)
 * followLifecycle(RUN_STEP_LIFECYCLE, step, 'thread.run.step.completed', completedStep); // { snapshot: completedStep, emit: true }
 * ```
 */
export const RUN_STEP_LIFECYCLE: LifecycleKind<RunStep, RunStepDelta> = /*#__PURE__*/ lifecycleKind(
  { created: 'thread.run.step.created', inProgress: 'thread.run.step.in_progress', delta: 'thread.run.step.delta' },
  FINAL_RUN_STEP_EVENT_NAMES,
  RUN_STEP_DELTAS,
  runStepFromDelta,
);

/**
 * Whether `event` is one of the kind's events (created, in_progress, delta or final).
 *
 * @example
 * ```ts
 * // internal (src/accumulate/lifecycle.ts)
 * isLifecycleEvent(MESSAGE_LIFECYCLE, 'thread.message.delta'); // true
 * ```
 */
export function isLifecycleEvent(kind: LifecycleKind<{ id: string }, { id: string }>, event: string): boolean {
  return event === kind.delta || event === kind.created || event === kind.inProgress || kind.final.has(event);
}

/** What an event does to the snapshot of its object: the next snapshot, and whether it is a state to emit. */
export interface LifecycleStep<S> {
  snapshot: S;
  emit: boolean;
}

/**
 * The one set of lifecycle rules every accumulator follows (`accumulateMessageDeltas`, `accumulateRunStepDeltas`,
 * the lifecycle operators, `reduceRunResult` / `collectRunResult`), Azure's irregularities included:
 * - `created` starts the snapshot and emits it. A repeated `created` for a known id (Azure repeats a step's) keeps
 *   the snapshot as accumulated: no reset, no emission (nothing changed).
 * - `in_progress` starts the snapshot silently when the id is unknown, and leaves a known one as it is.
 * - A delta applies to the snapshot, whatever its state: after a final object too (Azure delivers an MCP output so,
 *   after `step.completed`), on top of that object. A delta for an unknown id starts a snapshot (`messageFromDelta`,
 *   `runStepFromDelta`). Each delta emits.
 * - A final event's object is authoritative and replaces the snapshot, known or not (a continuation stream opens
 *   with `step.completed` for a step created in the previous stream), and emits.
 * Returns `undefined` for an event of another kind. `memo` is the accumulator's {@link FastPathMemo}, if it keeps
 * one (one per accumulator): it changes no result.
 *
 * @example
 * ```ts
 * // internal (src/accumulate/lifecycle.ts)
 * const next = followLifecycle(MESSAGE_LIFECYCLE, previous, event.event, event.data);
 * if (next?.emit) render(next.snapshot);
 * ```
 *
 * @throws {AssistantStreamError} `invalid_delta` for a delta that cannot be applied.
 */
export function followLifecycle<S extends { id: string }, D extends { id: string }>(
  kind: LifecycleKind<S, D>,
  previous: S | undefined,
  event: string,
  data: unknown,
  memo?: FastPathMemo,
): LifecycleStep<S> | undefined {
  if (event === kind.delta) {
    const delta = data as D;
    return { snapshot: previous === undefined ? kind.fromDelta(delta) : kind.apply(previous, delta, memo), emit: true };
  }
  if (kind.final.has(event)) return { snapshot: data as S, emit: true };
  if (event === kind.created)
    return previous === undefined ? { snapshot: data as S, emit: true } : { snapshot: previous, emit: false };
  if (event === kind.inProgress) return { snapshot: previous ?? (data as S), emit: false };
  return undefined;
}
