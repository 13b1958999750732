import { defer, mergeMap, type GroupedObservable, type OperatorFunction } from 'rxjs';
import { followLifecycle, RUN_STEP_LIFECYCLE } from '../accumulate/lifecycle';
import type { AssistantStreamEvent, RunStep, RunStepDelta, ToolCall } from '../schema';
import { groupUntil } from './group-until';
import { isFinalRunStep } from './run-step-lifecycles';

/**
 * One state of one tool call, from {@link toolCallLifecycles}.
 *
 * @example
 * ```ts
 * import { assistantEvents, toolCallLifecycles, type ToolCallSnapshot } from 'rx-assistant-stream';
 * import { mergeMap } from 'rxjs';
 *
 * const log = ({ toolCall, index, step, phase }: ToolCallSnapshot) => console.log(step.id, index, phase, toolCall.type);
 * assistantEvents(response).pipe(toolCallLifecycles(), mergeMap((call$) => call$)).subscribe(log);
 * ```
 */
export interface ToolCallSnapshot {
  /** The tool call as accumulated so far (function name and arguments, code interpreter input and outputs...). */
  toolCall: ToolCall;
  /** Its position in the step's `tool_calls`. */
  index: number;
  /** The run step that holds it, as of this snapshot. */
  step: RunStep;
  /** `created` the first time, `delta` for each change, `done` once its step has ended. */
  phase: 'created' | 'delta' | 'done';
}

/**
 * One inner Observable per tool call, keyed by the tool call id (or `<step id>#<index>` until a server sends one),
 * carrying its snapshots through `created`, `delta`s and `done`, and completing after `done` (when its step ends).
 * Only calls that changed are emitted (a delta costs the calls it names, not every call of its step): unchanged
 * calls keep their identity between step snapshots. The inner Observables are hot, like `groupBy` groups.
 *
 * Steps follow the rules of `accumulateRunStepDeltas`. A continuation that opens with `step.completed` for a step
 * this stream never saw gives each of its calls a group holding one `done` snapshot. A delta after `completed`
 * (Azure's MCP output) gives the calls it changed a new group with the same key, holding one `done` snapshot (their
 * first group had completed): nothing is dropped, nothing stays open. A repeated `created` emits nothing.
 *
 * ```
 * source: --step.created--delta(call_1 '{"ci')--delta(call_1 'ty"}')--step.completed--|
 * result: ----------------A-------------------------------------------------------------|
 *   A:                    --created-------------delta-----------------done|
 * ```
 *
 * @example
 * ```ts
 * import { assistantEvents, toolCallLifecycles } from 'rx-assistant-stream';
 * import { mergeMap } from 'rxjs';
 *
 * assistantEvents(response)
 *   .pipe(toolCallLifecycles(), mergeMap((call$) => call$))
 *   .subscribe(({ toolCall, phase }) => console.log(phase, toolCall.type === 'function' ? toolCall.function.arguments : toolCall.type));
 * ```
 *
 * @returns An operator from stream events to one grouped Observable of snapshots per tool call.
 */
export function toolCallLifecycles(): OperatorFunction<AssistantStreamEvent, GroupedObservable<string, ToolCallSnapshot>> {
  return (source) =>
    defer(() => {
      const steps = new Map<string, RunStep>();
      /** Per `<step id>#<index>`: the call last emitted, its key, and whether its `done` was emitted. */
      const slots = new Map<string, { toolCall: ToolCall; key: string; done: boolean }>();
      const keyOf = new WeakMap<ToolCallSnapshot, string>();
      const changes = ({ event, data }: AssistantStreamEvent): ToolCallSnapshot[] => {
        const id = (data as { id?: unknown }).id;
        if (typeof id !== 'string') return [];
        const next = followLifecycle(RUN_STEP_LIFECYCLE, steps.get(id), event, data);
        if (next === undefined) return [];
        const step = next.snapshot;
        steps.set(id, step);
        if (!next.emit || step.step_details.type !== 'tool_calls') return [];
        const calls = step.step_details.tool_calls;
        const done = isFinalRunStep(step);
        const out: ToolCallSnapshot[] = [];
        // A delta changes only the calls it names: look at those alone, not at every call of a large step.
        for (const index of event === RUN_STEP_LIFECYCLE.delta ? indexesOf(data as RunStepDelta) : calls.keys()) {
          const toolCall = calls[index];
          if (toolCall === undefined) continue;
          const slot = `${id}#${index}`;
          const seen = slots.get(slot);
          if (seen !== undefined && seen.toolCall === toolCall && (seen.done || !done)) continue;
          const key = seen?.key ?? (toolCall.id || slot);
          const snapshot: ToolCallSnapshot = {
            toolCall,
            index,
            step,
            phase: done ? 'done' : seen === undefined ? 'created' : 'delta',
          };
          keyOf.set(snapshot, key);
          slots.set(slot, { toolCall, key, done });
          out.push(snapshot);
        }
        return out;
      };
      return source.pipe(
        mergeMap(changes),
        groupUntil(
          (snapshot) => keyOf.get(snapshot)!,
          (snapshot) => snapshot.phase === 'done',
        ),
      );
    });
}

/** The tool call indexes a step delta names, in order, each once. */
function indexesOf(delta: RunStepDelta): number[] {
  // The merge has checked every index by now (an invalid one errored before this runs).
  const calls = (delta.delta.step_details as { tool_calls?: unknown } | undefined)?.tool_calls;
  if (!Array.isArray(calls)) return [];
  const indexes = new Set<number>();
  for (const call of calls as { index: number }[]) indexes.add(call.index);
  return [...indexes];
}
