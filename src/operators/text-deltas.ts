import { Observable, type OperatorFunction } from 'rxjs';
import type { AnnotationDelta, AssistantStreamEvent } from '../schema';

/** One text fragment with where it belongs, from `textDeltas({ withContext: true })`. */
export interface TextDelta {
  /** The id of the message the fragment extends. */
  messageId: string;
  /** The index of the text part inside that message's content. */
  index: number;
  /** The fragment. */
  value: string;
  /** Annotations that arrived with the fragment (citation markers), if any. */
  annotations?: AnnotationDelta[];
}

/** Options of {@link textDeltas}. */
export interface TextDeltasOptions {
  /** Emit {@link TextDelta} objects (message id, part index, fragment) instead of bare strings. */
  withContext: true;
}

/**
 * The text fragments of `thread.message.delta` events, in order: what a UI appends as the answer streams in.
 * Empty fragments are skipped; non-text parts (images, refusals) are ignored.
 *
 * ```
 * source:       --created--delta("Hel")--delta("lo")--completed--|
 * textDeltas(): -----------"Hel"---------"lo"--------------------|
 * ```
 *
 * @example
 * ```ts
 * import { assistantEvents, textDeltas } from 'rx-assistant-stream';
 *
 * assistantEvents(response).pipe(textDeltas()).subscribe((text) => process.stdout.write(text));
 * // With the message id and part index, for UIs that render several messages or parts:
 * assistantEvents(response).pipe(textDeltas({ withContext: true })).subscribe(({ messageId, index, value }) => append(messageId, index, value));
 * ```
 *
 * @param options `{ withContext: true }` for {@link TextDelta} objects.
 * @returns An operator from stream events to text fragments.
 */
export function textDeltas(): OperatorFunction<AssistantStreamEvent, string>;
export function textDeltas(options: TextDeltasOptions): OperatorFunction<AssistantStreamEvent, TextDelta>;
export function textDeltas(options?: TextDeltasOptions): OperatorFunction<AssistantStreamEvent, string | TextDelta> {
  const withContext = options?.withContext === true;
  return (source) =>
    new Observable<string | TextDelta>((subscriber) =>
      source.subscribe({
        next(event) {
          if (event.event !== 'thread.message.delta') return;
          const content = event.data.delta.content;
          if (content === undefined) return;
          for (const part of content) {
            if (subscriber.closed) return;
            if (part.type !== 'text' || part.text === undefined) continue;
            const { value, annotations } = part.text;
            if (value === undefined || value === '') continue;
            if (!withContext) subscriber.next(value);
            else if (annotations && annotations.length > 0) subscriber.next({ messageId: event.data.id, index: part.index, value, annotations });
            else subscriber.next({ messageId: event.data.id, index: part.index, value });
          }
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      }),
    );
}
