import { defer, mergeMap, type GroupedObservable, type OperatorFunction } from 'rxjs';
import type { AssistantStreamEvent, RunStep, ToolCall } from '../schema';
import { accumulateRunStepDeltas } from './accumulate-run-step-deltas';
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
 * Only calls that changed are emitted: unchanged calls keep their identity between step snapshots. The inner
 * Observables are hot, like `groupBy` groups.
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
      const lastSeen = new Map<string, ToolCall>();
      const keys = new Map<string, string>();
      const keyOf = new WeakMap<ToolCallSnapshot, string>();
      const changes = (step: RunStep): ToolCallSnapshot[] => {
        if (step.step_details.type !== 'tool_calls') return [];
        const done = isFinalRunStep(step);
        const out: ToolCallSnapshot[] = [];
        step.step_details.tool_calls.forEach((toolCall, index) => {
          const slot = `${step.id}#${index}`;
          const previous = lastSeen.get(slot);
          if (previous === toolCall && !done) return;
          let key = keys.get(slot);
          if (key === undefined) keys.set(slot, (key = toolCall.id || slot));
          const snapshot: ToolCallSnapshot = { toolCall, index, step, phase: done ? 'done' : previous === undefined ? 'created' : 'delta' };
          keyOf.set(snapshot, key);
          out.push(snapshot);
          if (done) {
            lastSeen.delete(slot);
            keys.delete(slot);
          } else lastSeen.set(slot, toolCall);
        });
        return out;
      };
      return source.pipe(
        accumulateRunStepDeltas(),
        mergeMap(changes),
        groupUntil(
          (snapshot) => keyOf.get(snapshot)!,
          (snapshot) => snapshot.phase === 'done',
        ),
      );
    });
}
