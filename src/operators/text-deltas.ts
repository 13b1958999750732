import { filter, mergeMap, pipe, type OperatorFunction } from 'rxjs';
import type { AnnotationDelta, AssistantStreamEvent, AssistantStreamEventOf, MessageDelta } from '../schema';

/**
 * One text fragment with where it belongs, from `textDeltas({ withContext: true })`.
 *
 * @example
 * ```ts
 * import { assistantEvents, textDeltas, type TextDelta } from 'rx-assistant-stream';
 *
 * const parts = new Map<string, string>();
 * const append = ({ messageId, index, value }: TextDelta) => {
 *   const key = `${messageId}#${index}`;
 *   parts.set(key, (parts.get(key) ?? '') + value);
 * };
 * assistantEvents(response).pipe(textDeltas({ withContext: true })).subscribe(append);
 * ```
 */
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

/**
 * Options of {@link textDeltas}.
 *
 * @example
 * ```ts
 * import { assistantEvents, textDeltas, type TextDeltasOptions } from 'rx-assistant-stream';
 *
 * const options: TextDeltasOptions = { withContext: true };
 * assistantEvents(response).pipe(textDeltas(options)).subscribe(({ messageId, value }) => console.log(messageId, value));
 * ```
 */
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
 * ```
 *
 * @returns An operator from stream events to text fragments.
 */
export function textDeltas(): OperatorFunction<AssistantStreamEvent, string>;
/**
 * The text fragments of `thread.message.delta` events, in order, each with the id of its message and the index
 * of its content part: for UIs that render several messages or parts.
 *
 * @example
 * ```ts
 * import { assistantEvents, textDeltas } from 'rx-assistant-stream';
 *
 * assistantEvents(response)
 *   .pipe(textDeltas({ withContext: true }))
 *   .subscribe(({ messageId, index, value }) => append(messageId, index, value));
 * ```
 *
 * @param options `{ withContext: true }` for {@link TextDelta} objects.
 * @returns An operator from stream events to {@link TextDelta} objects.
 */
export function textDeltas(options: TextDeltasOptions): OperatorFunction<AssistantStreamEvent, TextDelta>;
export function textDeltas(options?: TextDeltasOptions): OperatorFunction<AssistantStreamEvent, string | TextDelta> {
  const withContext = options?.withContext === true;
  return pipe(
    filter((event): event is AssistantStreamEventOf<'thread.message.delta'> => event.event === 'thread.message.delta'),
    mergeMap((event) => fragmentsOf(event.data, withContext)),
  );
}

function fragmentsOf(delta: MessageDelta, withContext: boolean): (string | TextDelta)[] {
  const out: (string | TextDelta)[] = [];
  for (const part of delta.delta.content ?? []) {
    if (part.type !== 'text' || part.text === undefined) continue;
    const { value, annotations } = part.text;
    if (value === undefined || value === '') continue;
    if (!withContext) out.push(value);
    else if (annotations && annotations.length > 0) out.push({ messageId: delta.id, index: part.index, value, annotations });
    else out.push({ messageId: delta.id, index: part.index, value });
  }
  return out;
}
