import type { AssistantStreamEvent, Run } from '../schema';

/** The run statuses after which a run does nothing more. */
export const TERMINAL_RUN_STATUSES: ReadonlySet<string> = new Set(['completed', 'incomplete', 'failed', 'cancelled', 'expired']);

const TERMINAL_RUN_EVENTS: ReadonlySet<string> = new Set([
  'thread.run.completed',
  'thread.run.incomplete',
  'thread.run.failed',
  'thread.run.cancelled',
  'thread.run.expired',
]);

/** Whether an event is a run event (`thread.run.*`, not a step event). */
export function isRunEvent(event: { event: string }): event is Extract<AssistantStreamEvent, { data: Run }> {
  return event.event.startsWith('thread.run.') && !event.event.startsWith('thread.run.step.');
}

/** Whether an event ends its run: a run event whose `data.status` (or, failing that, whose name) is terminal. */
export function isTerminalRunEvent(event: { event: string; data?: unknown }): boolean {
  if (!isRunEvent(event)) return false;
  const status = (event.data as { status?: unknown } | undefined)?.status;
  return (typeof status === 'string' && TERMINAL_RUN_STATUSES.has(status)) || TERMINAL_RUN_EVENTS.has(event.event);
}
