import type { RunStep, RunStepDelta } from '../schema';
import { applyDeltaOfKind, onlyDeltaFields, type DeltaKind } from './delta-fields';
import { appendToolCallFragment } from './fast-paths';
import { mergeDelta } from './merge';

/**
 * How a run step takes its deltas: only the delta schema's fields merge (`step_details`), after the
 * fast path for the common delta.
 */
export const RUN_STEP_DELTAS: DeltaKind<RunStep, RunStepDelta['delta']> = {
  name: 'run step',
  fields: ['step_details'],
  fast: appendToolCallFragment,
};

/**
 * Applies a `thread.run.step.delta` to a run step snapshot and returns the new snapshot, leaving both untouched.
 *
 * Only the delta schema's field merges: `step_details`. Any other key of `delta.delta` (`id`, `status`, `run_id`,
 * `usage`...) is ignored: a delta can neither rename nor close its step. `step_details.tool_calls` merge by their
 * `index` (not kept in the snapshot: a tool call's position is its index), for every tool type, known or not:
 * `arguments`, `input` and `logs` concatenate wherever they stand (`function.arguments`,
 * `connected_agent.arguments`, a flat `mcp` call's `arguments`, `code_interpreter.input`); outputs merge by their
 * own `index`; every other field (ids, names, `output`, bing's `requesturl`, ...) is replaced (see `mergeDelta`).
 * Unchanged tool calls are shared with `snapshot`; `snapshot` itself is returned when the delta changes nothing.
 *
 * @example
 * ```ts
 * import { applyRunStepDelta } from 'rx-assistant-stream';
 *
 * const next = applyRunStepDelta(step, {
 *   id: step.id,
 *   object: 'thread.run.step.delta',
 *   delta: { step_details: { type: 'tool_calls', tool_calls: [{ index: 0, type: 'function', function: { arguments: '"}' } }] } },
 * });
 * ```
 *
 * @param snapshot The run step accumulated so far (from `thread.run.step.created`, then from earlier deltas).
 * @param delta The data of a `thread.run.step.delta` event for the same step.
 * @returns The new run step snapshot.
 * @throws {AssistantStreamError} `invalid_delta` when the delta is for another step id, carries an absurd `index` or
 * changes a tool call's `type`.
 */
export function applyRunStepDelta(snapshot: RunStep, delta: RunStepDelta): RunStep {
  return applyDeltaOfKind(RUN_STEP_DELTAS, snapshot, delta, undefined);
}

/**
 * Starts a run step snapshot from a delta whose step was never created (no `thread.run.step.created` seen, as when
 * a recording starts mid-stream).
 *
 * Policy: the snapshot gets the delta's `id`, `object: 'thread.run.step'`, `status: 'in_progress'`, `type` from
 * `step_details.type` (`'tool_calls'` when the delta has no `step_details`), and the delta's `step_details` merged
 * into `{ type, tool_calls: [] }` (no other key of the delta is taken). The fields a delta cannot tell are `null` (`last_error`, `cancelled_at`,
 * `failed_at`, `completed_at`, `expired_at`, `metadata`, `usage`), `created_at` is `0` and `assistant_id`,
 * `thread_id`, `run_id` are `''`, unless `defaults` gives them (say, from the run).
 * The server's `thread.run.step.completed` object later replaces the whole snapshot.
 *
 * @example
 * ```ts
 * import { runStepFromDelta } from 'rx-assistant-stream';
 *
 * const step = runStepFromDelta(stepDelta, { run_id: run.id, thread_id: run.thread_id, assistant_id: run.assistant_id });
 * step.step_details; // { type: 'tool_calls', tool_calls: [{ id: 'call_1', type: 'function', function: { ... } }] }
 * ```
 *
 * @param delta The data of a `thread.run.step.delta` event.
 * @param defaults Values for the fields the delta cannot tell (`run_id`, `thread_id`, `assistant_id`, `created_at`...).
 * @returns A new `in_progress` run step snapshot.
 * @throws {AssistantStreamError} `invalid_delta` when the delta carries an absurd `index`.
 */
export function runStepFromDelta(delta: RunStepDelta, defaults: Partial<RunStep> = {}): RunStep {
  const type = delta.delta.step_details?.type ?? 'tool_calls';
  const empty = {
    created_at: 0,
    assistant_id: '',
    thread_id: '',
    run_id: '',
    type,
    status: 'in_progress',
    step_details: type === 'message_creation' ? { type, message_creation: {} } : { type, tool_calls: [] },
    last_error: null,
    expired_at: null,
    cancelled_at: null,
    failed_at: null,
    completed_at: null,
    metadata: null,
    usage: null,
    ...defaults,
    id: delta.id,
    object: 'thread.run.step',
  } as RunStep;
  return mergeDelta(empty, onlyDeltaFields(delta.delta, RUN_STEP_DELTAS.fields));
}
