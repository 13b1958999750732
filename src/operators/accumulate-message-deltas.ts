import type { OperatorFunction } from 'rxjs';
import { applyMessageDelta, messageFromDelta } from '../accumulate';
import type { AssistantStreamEvent, Message, MessageDelta } from '../schema';
import { accumulateById } from './accumulate-by-id';

const FINAL_MESSAGE_EVENTS: ReadonlySet<string> = new Set(['thread.message.completed', 'thread.message.incomplete']);

/**
 * Accumulates message events into immutable `Message` snapshots: one on `thread.message.created`, one per
 * `thread.message.delta`, and the server's own object on `thread.message.completed` / `.incomplete`
 * (authoritative: it replaces the snapshot). `thread.message.in_progress` updates the snapshot without emitting.
 *
 * Several messages interleaved in one stream are tracked by id. A delta for a message never created starts a
 * snapshot from the delta (see `messageFromDelta`). Nothing already emitted is ever mutated; unchanged parts are
 * shared between snapshots. An absurd delta errors with `invalid_delta`. Other events are ignored.
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
  return accumulateById<Message, MessageDelta>({
    created: 'thread.message.created',
    inProgress: 'thread.message.in_progress',
    delta: 'thread.message.delta',
    final: FINAL_MESSAGE_EVENTS,
    apply: applyMessageDelta,
    fromDelta: (delta) => messageFromDelta(delta),
  });
}
