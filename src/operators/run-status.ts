import type { AssistantStreamEvent, Run } from '../schema';

/**
 * The run statuses after which a run does nothing more: `completed`, `incomplete`, `failed`, `cancelled`, `expired`.
 *
 * @example
 * ```ts
 * import { TERMINAL_RUN_STATUSES } from 'rx-assistant-stream';
 *
 * if (TERMINAL_RUN_STATUSES.has(run.status)) console.log('run ended:', run.status); // `requires_action` is a pause
 * ```
 */
export const TERMINAL_RUN_STATUSES: ReadonlySet<string> = new Set(['completed', 'incomplete', 'failed', 'cancelled', 'expired']);

const TERMINAL_RUN_EVENTS: ReadonlySet<string> = new Set([
  'thread.run.completed',
  'thread.run.incomplete',
  'thread.run.failed',
  'thread.run.cancelled',
  'thread.run.expired',
]);

/**
 * Whether an event is a run event (`thread.run.*`, not a step event), narrowing its `data` to a `Run`.
 *
 * @example
 * ```ts
 * import { assistantEvents, isRunEvent } from 'rx-assistant-stream';
 * import { filter } from 'rxjs';
 *
 * assistantEvents(response)
 *   .pipe(filter(isRunEvent))
 *   .subscribe(({ event, data: run }) => console.log(event, run.status));
 * ```
 *
 * @param event Any event with an `event` name.
 * @returns `true` for the 10 `thread.run.*` events.
 */
export function isRunEvent(event: { event: string }): event is Extract<AssistantStreamEvent, { data: Run }> {
  return event.event.startsWith('thread.run.') && !event.event.startsWith('thread.run.step.');
}

/**
 * Whether an event ends its run: a run event whose `data.status` (or, failing that, whose name) is terminal.
 *
 * @example
 * ```ts
 * import { isTerminalRunEvent } from 'rx-assistant-stream';
 * import { runCompleted, runRequiresAction } from 'rx-assistant-stream/testing';
 *
 * isTerminalRunEvent(runRequiresAction([])); // false: a pause
 * isTerminalRunEvent(runCompleted({ status: 'incomplete' })); // true, as 2024 servers sent an incomplete run
 * ```
 *
 * @param event Any event with an `event` name and, for run events, a run as `data`.
 * @returns `true` when the run has reached a status of {@link TERMINAL_RUN_STATUSES}.
 */
export function isTerminalRunEvent(event: { event: string; data?: unknown }): boolean {
  if (!isRunEvent(event)) return false;
  const status = (event.data as { status?: unknown } | undefined)?.status;
  return (typeof status === 'string' && TERMINAL_RUN_STATUSES.has(status)) || TERMINAL_RUN_EVENTS.has(event.event);
}
