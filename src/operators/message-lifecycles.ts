import { pipe, type GroupedObservable, type OperatorFunction } from 'rxjs';
import type { AssistantStreamEvent, Message } from '../schema';
import { accumulateMessageDeltas } from './accumulate-message-deltas';
import { groupUntil } from './group-until';

const isFinalMessage = (message: Message) => message.status === 'completed' || message.status === 'incomplete';

/**
 * One inner Observable per message, keyed by message id, carrying that message's snapshots (see
 * `accumulateMessageDeltas`) and completing right after its `completed` / `incomplete` snapshot: the shape of RxJS
 * `groupBy`, so a UI can render each message as its own stream. Like a `groupBy` group, an inner Observable is hot:
 * subscribe to it when it is emitted (`mergeMap`, or synchronously in `subscribe`).
 *
 * ```
 * source: --msg1.created--msg1.delta--msg2.created--msg1.completed--msg2.delta--msg2.completed--|
 * result: --A-------------------------B-----------------------------------------------------------|
 *   A:    --m1------------m1'-----------------------m1(final)|
 *   B:                                --m2--------------------------m2'---------m2(final)|
 * ```
 *
 * @example
 * ```ts
 * import { assistantEvents, messageLifecycles } from 'rx-assistant-stream';
 * import { last, mergeMap } from 'rxjs';
 *
 * assistantEvents(response)
 *   .pipe(messageLifecycles(), mergeMap((message$) => message$.pipe(last())))
 *   .subscribe((message) => console.log('finished', message.id));
 * ```
 *
 * @returns An operator from stream events to one grouped Observable of snapshots per message.
 */
export function messageLifecycles(): OperatorFunction<AssistantStreamEvent, GroupedObservable<string, Message>> {
  return pipe(
    accumulateMessageDeltas(),
    groupUntil((message) => message.id, isFinalMessage),
  );
}
