/**
 * The 10 run events: their data is a Run.
 *
 * @example
 * ```ts
 * import { assistantEvents, ofEventType, RUN_EVENT_NAMES } from 'rx-assistant-stream';
 *
 * assistantEvents(response)
 *   .pipe(ofEventType(...RUN_EVENT_NAMES))
 *   .subscribe(({ event, data: run }) => console.log(event, run.status));
 * ```
 */
export const RUN_EVENT_NAMES = [
  'thread.run.created',
  'thread.run.queued',
  'thread.run.in_progress',
  'thread.run.requires_action',
  'thread.run.completed',
  'thread.run.incomplete',
  'thread.run.failed',
  'thread.run.cancelling',
  'thread.run.cancelled',
  'thread.run.expired',
] as const;

/**
 * The 7 run step events: a RunStep, or a RunStepDelta for `thread.run.step.delta`.
 *
 * @example
 * ```ts
 * import { RUN_STEP_EVENT_NAMES } from 'rx-assistant-stream';
 *
 * const stepEventNames = new Set<string>(RUN_STEP_EVENT_NAMES);
 * const stepEvents = events.filter((e) => stepEventNames.has(e.event));
 * ```
 */
export const RUN_STEP_EVENT_NAMES = [
  'thread.run.step.created',
  'thread.run.step.in_progress',
  'thread.run.step.completed',
  'thread.run.step.failed',
  'thread.run.step.cancelled',
  'thread.run.step.expired',
  'thread.run.step.delta',
] as const;

/**
 * The 5 message events: a Message, or a MessageDelta for `thread.message.delta`.
 *
 * @example
 * ```ts
 * import { MESSAGE_EVENT_NAMES, type MessageEventName } from 'rx-assistant-stream';
 *
 * const isMessageEvent = (name: string): name is MessageEventName => (MESSAGE_EVENT_NAMES as readonly string[]).includes(name);
 * isMessageEvent('thread.message.delta'); // true
 * ```
 */
export const MESSAGE_EVENT_NAMES = [
  'thread.message.created',
  'thread.message.in_progress',
  'thread.message.completed',
  'thread.message.incomplete',
  'thread.message.delta',
] as const;

/**
 * The 24 event names of an Assistants run stream (the SSE `event:` field), `done` excluded.
 *
 * @example
 * ```ts
 * import { ASSISTANT_EVENT_NAMES } from 'rx-assistant-stream';
 *
 * // Which event names a recorded transcript never shows.
 * const seen = new Set<string>(events.map((e) => e.event));
 * const missing = ASSISTANT_EVENT_NAMES.filter((name) => !seen.has(name));
 * ```
 */
export const ASSISTANT_EVENT_NAMES = [
  'thread.created',
  ...RUN_EVENT_NAMES,
  ...RUN_STEP_EVENT_NAMES,
  ...MESSAGE_EVENT_NAMES,
  'error',
] as const;

/**
 * A run event name: `thread.run.created` ... `thread.run.expired`.
 *
 * @example
 * ```ts
 * import type { RunEventName } from 'rx-assistant-stream';
 * import { runEvent } from 'rx-assistant-stream/testing';
 *
 * const endings: RunEventName[] = ['thread.run.completed', 'thread.run.incomplete', 'thread.run.failed', 'thread.run.expired'];
 * const finals = endings.map((name) => runEvent(name));
 * ```
 */
export type RunEventName = (typeof RUN_EVENT_NAMES)[number];
/**
 * A run step event name: `thread.run.step.created` ... `thread.run.step.delta`.
 *
 * @example
 * ```ts
 * import type { RunStepEventName } from 'rx-assistant-stream';
 *
 * const stepLabels: Partial<Record<RunStepEventName, string>> = {
 *   'thread.run.step.created': 'started',
 *   'thread.run.step.completed': 'done',
 *   'thread.run.step.failed': 'failed',
 * };
 * ```
 */
export type RunStepEventName = (typeof RUN_STEP_EVENT_NAMES)[number];
/**
 * A message event name: `thread.message.created`, `.in_progress`, `.delta`, `.completed`, `.incomplete`.
 *
 * @example
 * ```ts
 * import type { MessageEventName } from 'rx-assistant-stream';
 *
 * const phase: Record<MessageEventName, 'start' | 'text' | 'end'> = {
 *   'thread.message.created': 'start', 'thread.message.in_progress': 'start', 'thread.message.delta': 'text',
 *   'thread.message.completed': 'end', 'thread.message.incomplete': 'end',
 * };
 * ```
 */
export type MessageEventName = (typeof MESSAGE_EVENT_NAMES)[number];
/**
 * One of the 24 event names.
 *
 * @example
 * ```ts
 * import type { AssistantEventName } from 'rx-assistant-stream';
 *
 * const counts = new Map<AssistantEventName, number>();
 * for (const { event } of events) counts.set(event, (counts.get(event) ?? 0) + 1);
 * ```
 */
export type AssistantEventName = (typeof ASSISTANT_EVENT_NAMES)[number];
