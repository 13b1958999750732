import { takeWhile, type MonoTypeOperatorFunction } from 'rxjs';
import { isTerminalRunEvent } from './run-status';

/**
 * Mirrors the source and completes right after the event that puts the run into a terminal status:
 * `completed`, `incomplete`, `failed`, `cancelled` or `expired`.
 *
 * The status is read from `data.status`, not only from the event name: 2024 servers sent an incomplete run as
 * `thread.run.completed`. `requires_action` is a pause, not an end. The source's own completion completes it too.
 *
 * ```
 * source:             --created--delta--run.completed--done-|
 * untilRunTerminal(): --created--delta--run.completed|
 * ```
 *
 * @example
 * ```ts
 * import { assistantEvents, untilRunTerminal, textDeltas } from 'rx-assistant-stream';
 *
 * assistantEvents(response).pipe(untilRunTerminal(), textDeltas()).subscribe((text) => process.stdout.write(text));
 * ```
 *
 * @returns An operator that mirrors the source up to and including the terminal run event.
 */
export function untilRunTerminal<T extends { event: string; data?: unknown }>(): MonoTypeOperatorFunction<T> {
  return takeWhile((event: T) => !isTerminalRunEvent(event), true);
}
