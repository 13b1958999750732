import type { Message, MessageDelta } from '../schema';
import { appendTextFragment } from './fast-paths';
import { mergeDelta } from './merge';
import { applyDeltaOfKind, onlyDeltaFields, type DeltaKind } from './delta-fields';

/**
 * How a message takes its deltas: only the delta schema's fields merge (`content`, `role`), after the
 * fast path for the common delta.
 */
export const MESSAGE_DELTAS: DeltaKind<Message, MessageDelta['delta']> = {
  name: 'message',
  fields: ['content', 'role'],
  fast: appendTextFragment,
};

/**
 * Applies a `thread.message.delta` to a message snapshot and returns the new snapshot, leaving both untouched.
 *
 * Only the delta schema's fields merge: `content` and `role`. Any other key of `delta.delta` (`id`, `status`,
 * `thread_id`, `metadata`...) is ignored: a delta can neither rename nor close its message (the event still carries
 * such keys for whoever reads it). Text and refusal fragments concatenate, content parts and annotations merge by
 * their `index` (which the snapshot does not keep: a part's position is its index), every other field is replaced
 * (see `mergeDelta`). Unchanged parts are shared with `snapshot`; `snapshot` itself is returned when the delta
 * changes nothing.
 *
 * @example
 * ```ts
 * import { applyMessageDelta } from 'rx-assistant-stream';
 *
 * const next = applyMessageDelta(message, {
 *   id: message.id,
 *   object: 'thread.message.delta',
 *   delta: { content: [{ index: 0, type: 'text', text: { value: ' world' } }] },
 * });
 * next.content[0]; // { type: 'text', text: { value: 'Hello world', annotations: [] } }
 * ```
 *
 * @param snapshot The message accumulated so far (from `thread.message.created`, then from earlier deltas).
 * @param delta The data of a `thread.message.delta` event for the same message.
 * @returns The new message snapshot.
 * @throws {AssistantStreamError} `invalid_delta` when the delta is for another message id, carries an absurd `index`
 * or changes a part's `type`.
 */
export function applyMessageDelta(snapshot: Message, delta: MessageDelta): Message {
  return applyDeltaOfKind(MESSAGE_DELTAS, snapshot, delta, undefined);
}

/**
 * Starts a message snapshot from a delta whose message was never created (no `thread.message.created` seen, as when
 * a recording starts mid-stream).
 *
 * Policy: the snapshot gets the delta's `id`, `object: 'thread.message'`, `status: 'in_progress'`, the delta's `role`
 * or else `'assistant'` (only assistants stream), and the delta's content merged into `[]` (no other key of the
 * delta is taken). The fields a delta cannot
 * tell are `null` (`assistant_id`, `run_id`, `completed_at`, `incomplete_at`, `incomplete_details`, `metadata`,
 * `attachments`), `created_at` is `0` and `thread_id` is `''`, unless `defaults` gives them (say, from the run).
 * The server's `thread.message.completed` object later replaces the whole snapshot.
 *
 * @example
 * ```ts
 * import { messageFromDelta } from 'rx-assistant-stream';
 *
 * const message = messageFromDelta(
 *   { id: 'msg_1', object: 'thread.message.delta', delta: { content: [{ index: 0, type: 'text', text: { value: 'Hi' } }] } },
 *   { thread_id: run.thread_id, run_id: run.id },
 * );
 * message.content; // [{ type: 'text', text: { value: 'Hi' } }]
 * ```
 *
 * @param delta The data of a `thread.message.delta` event.
 * @param defaults Values for the fields the delta cannot tell (`thread_id`, `run_id`, `assistant_id`, `created_at`...).
 * @returns A new `in_progress` message snapshot.
 * @throws {AssistantStreamError} `invalid_delta` when the delta carries an absurd `index`.
 */
export function messageFromDelta(delta: MessageDelta, defaults: Partial<Message> = {}): Message {
  const empty = { ...blankMessage(delta.id), ...defaults, id: delta.id, object: 'thread.message' } as Message;
  return mergeDelta(empty, onlyDeltaFields(delta.delta, MESSAGE_DELTAS.fields));
}

/**
 * A message with nothing in it yet: `in_progress`, an assistant's, no content, and neutral values (`0`, `''`,
 * `null`) for what only the server can tell.
 *
 * @example
 * ```ts
 * // internal (src/accumulate/message.ts), for messageFromDelta and the testing builders
 * blankMessage('msg_1').content; // []
 * ```
 */
export function blankMessage(id: string): Message {
  return {
    id,
    object: 'thread.message',
    created_at: 0,
    thread_id: '',
    status: 'in_progress',
    incomplete_details: null,
    completed_at: null,
    incomplete_at: null,
    role: 'assistant',
    content: [],
    assistant_id: null,
    run_id: null,
    attachments: null,
    metadata: null,
  };
}
