/** The 10 run events: their data is a Run. */
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

/** The 7 run step events: a RunStep, or a RunStepDelta for `thread.run.step.delta`. */
export const RUN_STEP_EVENT_NAMES = [
  'thread.run.step.created',
  'thread.run.step.in_progress',
  'thread.run.step.completed',
  'thread.run.step.failed',
  'thread.run.step.cancelled',
  'thread.run.step.expired',
  'thread.run.step.delta',
] as const;

/** The 5 message events: a Message, or a MessageDelta for `thread.message.delta`. */
export const MESSAGE_EVENT_NAMES = [
  'thread.message.created',
  'thread.message.in_progress',
  'thread.message.completed',
  'thread.message.incomplete',
  'thread.message.delta',
] as const;

/** The 24 event names of an Assistants run stream (the SSE `event:` field), `done` excluded. */
export const ASSISTANT_EVENT_NAMES = [
  'thread.created',
  ...RUN_EVENT_NAMES,
  ...RUN_STEP_EVENT_NAMES,
  ...MESSAGE_EVENT_NAMES,
  'error',
] as const;

/** A run event name. */
export type RunEventName = (typeof RUN_EVENT_NAMES)[number];
/** A run step event name. */
export type RunStepEventName = (typeof RUN_STEP_EVENT_NAMES)[number];
/** A message event name. */
export type MessageEventName = (typeof MESSAGE_EVENT_NAMES)[number];
/** One of the 24 event names. */
export type AssistantEventName = (typeof ASSISTANT_EVENT_NAMES)[number];
