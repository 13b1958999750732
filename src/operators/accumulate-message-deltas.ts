import type { OperatorFunction } from 'rxjs';
import { MESSAGE_LIFECYCLE } from '../accumulate/lifecycle';
import type { AssistantStreamEvent, Message } from '../schema';
import { accumulateById } from './accumulate-by-id';

/**
 * Accumulates message events into immutable `Message` snapshots: one on `thread.message.created`, one per
 * `thread.message.delta`, and the server's own object on `thread.message.completed` / `.incomplete`
 * (authoritative: it replaces the snapshot). `thread.message.in_progress` starts a snapshot silently for a message
 * not seen yet and changes nothing otherwise.
 *
 * Several messages interleaved in one stream are tracked by id. A delta for a message never created starts a
 * snapshot from the delta (see `messageFromDelta`). Real servers' irregularities are followed: a repeated `created`
 * for a known message neither resets nor emits; a delta after `completed` applies on top of the completed object
 * and emits; a `completed` for a message this stream never saw emits that object. Nothing already emitted is ever
 * mutated; unchanged parts are shared between snapshots. A delta that cannot apply errors with `invalid_delta`
 * after the snapshots before it. Other events are ignored.
 *
 * ```
 * source: --created--delta("Hel")--delta("lo")--completed--|
 * result: --m("")---m("Hel")------m("Hello")---m(final)----|
 * ```
 *
 * @example
 * ```ts
 * import { assistantEvents, accumulateMessageDeltas } from 'rx-assistant-stream';
 *
 * assistantEvents(response)
 *   .pipe(accumulateMessageDeltas())
 *   .subscribe((message) => render(message.id, message.content));
 * ```
 *
 * @returns An operator from stream events to message snapshots.
 */
export function accumulateMessageDeltas(): OperatorFunction<AssistantStreamEvent, Message> {
  return accumulateById(MESSAGE_LIFECYCLE);
}
