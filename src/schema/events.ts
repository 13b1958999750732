import * as t from 'io-ts';
import type { Codec, Schema } from './combinators';
import { lenientCodec, sharedSchema } from './combinators';
import { ErrorObject } from './error';
import {
  ASSISTANT_EVENT_NAMES,
  MESSAGE_EVENT_NAMES,
  RUN_EVENT_NAMES,
  RUN_STEP_EVENT_NAMES,
  type AssistantEventName,
  type MessageEventName,
  type RunEventName,
  type RunStepEventName,
} from './event-names';
import { Message } from './message';
import { MessageDelta } from './message-delta';
import { Run } from './run';
import { RunStep } from './run-step';
import { RunStepDelta } from './run-step-delta';
import { Thread } from './thread';

/** The object each event's data is, by the name of its codec. */
interface EventDataTypes {
  Thread: Thread;
  Run: Run;
  RunStep: RunStep;
  RunStepDelta: RunStepDelta;
  Message: Message;
  MessageDelta: MessageDelta;
  ErrorObject: ErrorObject;
}

const each = <N extends string, V extends keyof EventDataTypes>(names: readonly N[], value: V) =>
  Object.fromEntries(names.map((name) => [name, value])) as Record<N, V>;

/** The one table of events to data: which object each event name carries (a delta event carries a delta). */
function eventDataKeys() {
  return {
    'thread.created': 'Thread',
    ...each(RUN_EVENT_NAMES, 'Run'),
    ...each(RUN_STEP_EVENT_NAMES, 'RunStep'),
    'thread.run.step.delta': 'RunStepDelta',
    ...each(MESSAGE_EVENT_NAMES, 'Message'),
    'thread.message.delta': 'MessageDelta',
    error: 'ErrorObject',
  } as const satisfies Record<AssistantEventName, keyof EventDataTypes>;
}

type EventDataKeys = ReturnType<typeof eventDataKeys>;

/**
 * The `data` type of each of the 24 event names: `Run` for the run events, `RunStepDelta` for `thread.run.step.delta`...
 *
 * @example
 * ```ts
 * import type { AssistantEventDataMap } from 'rx-assistant-stream';
 *
 * const handlers: { [K in keyof AssistantEventDataMap]?: (data: AssistantEventDataMap[K]) => void } = {
 *   'thread.run.completed': (run) => console.log(run.usage?.total_tokens),
 *   'thread.message.delta': (delta) => console.log(delta.delta.content),
 * };
 * ```
 */
export type AssistantEventDataMap = { [K in AssistantEventName]: EventDataTypes[EventDataKeys[K]] };

/**
 * An event of an Assistants run stream: the SSE `event:` name and its parsed `data`, discriminated by `event`.
 *
 * @example
 * ```ts
 * import { AssistantStreamEvent } from 'rx-assistant-stream/schema';
 *
 * function handle(event: AssistantStreamEvent) {
 *   if (event.event === 'thread.run.requires_action') console.log(event.data.required_action?.type);
 *   else if (event.event === 'thread.message.completed') console.log(event.data.content);
 * }
 * AssistantStreamEvent.is({ event: 'error', data: { message: 'The server had an error processing your request.' } }); // true
 * ```
 */
export type AssistantStreamEvent = {
  [K in AssistantEventName]: { event: K; data: AssistantEventDataMap[K] };
}[AssistantEventName];
/** Codec of {@link AssistantStreamEvent}: a `t.union` of the 24 members, dispatched on the literal `event` (built on first use). */
export const AssistantStreamEvent: Codec<AssistantStreamEvent> = /*#__PURE__*/ lenientCodec(assistantStreamEvent);
/** `{event, data}`: a `t.union` of 24 `t.type`s tagged by a plain `t.literal`, so io-ts dispatches on `event`. */
export function assistantStreamEvent({ use }: Schema) {
  const eventData = use(eventDataCodecs);
  const members = ASSISTANT_EVENT_NAMES.map((name) => t.type({ event: t.literal(name), data: eventData[name] as t.Mixed }, name));
  return t.union(members as unknown as [AnyMemberCodec, AnyMemberCodec, ...AnyMemberCodec[]], 'AssistantStreamEvent');
}

/**
 * The member of {@link AssistantStreamEvent} for one event name.
 *
 * @example
 * ```ts
 * import type { AssistantStreamEventOf } from 'rx-assistant-stream';
 *
 * const toolCallsOf = ({ data: { required_action: action } }: AssistantStreamEventOf<'thread.run.requires_action'>) =>
 *   action?.type === 'submit_tool_outputs' ? action.submit_tool_outputs.tool_calls : [];
 * ```
 */
export type AssistantStreamEventOf<K extends AssistantEventName> = Extract<AssistantStreamEvent, { event: K }>;

/**
 * The codec of one member of the event union: `t.type({ event: t.literal(K), data })`.
 *
 * @example
 * ```ts
 * import { getCodecs } from 'rx-assistant-stream/schema';
 * import type { AssistantStreamEventMemberCodec } from 'rx-assistant-stream';
 *
 * const member = getCodecs('lenient').AssistantStreamEvent.types.find((c) => c.name === 'thread.run.created');
 * const runCreated = member as AssistantStreamEventMemberCodec<'thread.run.created'> | undefined;
 * ```
 */
export type AssistantStreamEventMemberCodec<K extends AssistantEventName> = t.TypeC<{
  event: t.LiteralC<K>;
  data: Codec<AssistantEventDataMap[K]>;
}>;

type AnyMemberCodec = { [K in AssistantEventName]: AssistantStreamEventMemberCodec<K> }[AssistantEventName];

/**
 * The data codec of each event name: the type of `eventData` and of `getCodecs(mode).eventData`.
 *
 * @example
 * ```ts
 * import { getCodecs } from 'rx-assistant-stream/schema';
 * import type { EventDataCodecs } from 'rx-assistant-stream';
 *
 * const strictData: EventDataCodecs = getCodecs('strict').eventData;
 * strictData['thread.message.delta'].is(JSON.parse(data));
 * ```
 */
export type EventDataCodecs = { readonly [K in AssistantEventName]: Codec<AssistantEventDataMap[K]> };

/** The data codec of each event name, for one schema: the codec of the object the one table names. */
export function eventDataCodecs({ use }: Schema): EventDataCodecs {
  const data: { [K in keyof EventDataTypes]: t.Mixed } = {
    Thread: use(Thread),
    Run: use(Run),
    RunStep: use(RunStep),
    RunStepDelta: use(RunStepDelta),
    Message: use(Message),
    MessageDelta: use(MessageDelta),
    ErrorObject: use(ErrorObject),
  };
  const keys = eventDataKeys();
  return Object.fromEntries(ASSISTANT_EVENT_NAMES.map((name) => [name, data[keys[name]]])) as unknown as EventDataCodecs;
}

/**
 * The data codec of each event name (lenient mode); `getCodecs(mode).eventData` for a given mode.
 *
 * @example
 * ```ts
 * import { eventData } from 'rx-assistant-stream/schema';
 *
 * const data: unknown = JSON.parse('{"id":"step_abc123","object":"thread.run.step.delta","delta":{}}');
 * eventData['thread.run.step.delta'].is(data); // true
 * ```
 */
export const eventData: EventDataCodecs = /*#__PURE__*/ lazyEventData();

function lazyEventData(): EventDataCodecs {
  const lazy = {};
  for (const name of ASSISTANT_EVENT_NAMES) {
    Object.defineProperty(lazy, name, { enumerable: true, get: () => sharedSchema('lenient').use(eventDataCodecs)[name] });
  }
  return lazy as EventDataCodecs;
}

// ---- event classification: the one typed place for "which events", "terminal" (a run's end) and "final" (a step's
// or a message's last authoritative state) ----

/**
 * A set of string literals whose `has` narrows its argument, so `TERMINAL_RUN_STATUSES.has(run.status)` types the
 * status without a cast. It accepts any string (servers grow enums).
 *
 * @example
 * ```ts
 * import { TERMINAL_RUN_STATUSES, type LiteralSet, type TerminalRunStatus } from 'rx-assistant-stream';
 *
 * const ends: LiteralSet<TerminalRunStatus> = TERMINAL_RUN_STATUSES;
 * if (ends.has(run.status)) console.log(run.status); // typed 'completed' | 'incomplete' | 'failed' | 'cancelled' | 'expired'
 * ```
 */
export interface LiteralSet<T extends string> extends ReadonlySet<string> {
  has(value: string): value is T;
}

function literalSet<T extends string>(values: readonly T[]): LiteralSet<T> {
  return new Set<string>(values) as unknown as LiteralSet<T>;
}

function prefixed<P extends string, T extends string>(prefix: P, values: readonly T[]): `${P}${T}`[] {
  return values.map((value) => `${prefix}${value}` as `${P}${T}`);
}

const TERMINAL_RUN = ['completed', 'incomplete', 'failed', 'cancelled', 'expired'] as const;
const FINAL_RUN_STEP = ['completed', 'failed', 'cancelled', 'expired'] as const;
const FINAL_MESSAGE = ['completed', 'incomplete'] as const;

/**
 * A run status after which the run does nothing more. `requires_action` is a pause, not an end.
 *
 * @example
 * ```ts
 * import type { TerminalRunStatus } from 'rx-assistant-stream';
 *
 * const outcome: Record<TerminalRunStatus, string> = {
 *   completed: 'done', incomplete: 'cut short', failed: 'failed', cancelled: 'cancelled', expired: 'timed out',
 * };
 * ```
 */
export type TerminalRunStatus = (typeof TERMINAL_RUN)[number];

/**
 * A run step status that is the step's last: `completed`, `failed`, `cancelled`, `expired`.
 *
 * @example
 * ```ts
 * import { FINAL_RUN_STEP_STATUSES, type FinalRunStepStatus } from 'rx-assistant-stream';
 *
 * const done: FinalRunStepStatus | undefined = FINAL_RUN_STEP_STATUSES.has(step.status) ? step.status : undefined;
 * ```
 */
export type FinalRunStepStatus = (typeof FINAL_RUN_STEP)[number];

/**
 * A message status that is the message's last: `completed`, `incomplete`.
 *
 * @example
 * ```ts
 * import { FINAL_MESSAGE_STATUSES, type FinalMessageStatus } from 'rx-assistant-stream';
 *
 * const ended: FinalMessageStatus | undefined = FINAL_MESSAGE_STATUSES.has(message.status) ? message.status : undefined;
 * ```
 */
export type FinalMessageStatus = (typeof FINAL_MESSAGE)[number];

/**
 * The run statuses after which a run does nothing more: `completed`, `incomplete`, `failed`, `cancelled`, `expired`.
 *
 * @example
 * ```ts
 * import { TERMINAL_RUN_STATUSES } from 'rx-assistant-stream';
 *
 * if (TERMINAL_RUN_STATUSES.has(run.status)) console.log('run ended:', run.status); // `requires_action` is a pause
 * ```
 */
export const TERMINAL_RUN_STATUSES: LiteralSet<TerminalRunStatus> = /*#__PURE__*/ literalSet(TERMINAL_RUN);

/**
 * The statuses a run step ends in: `completed`, `failed`, `cancelled`, `expired`.
 *
 * @example
 * ```ts
 * import { FINAL_RUN_STEP_STATUSES } from 'rx-assistant-stream';
 *
 * const finished = steps.filter((step) => FINAL_RUN_STEP_STATUSES.has(step.status));
 * ```
 */
export const FINAL_RUN_STEP_STATUSES: LiteralSet<FinalRunStepStatus> = /*#__PURE__*/ literalSet(FINAL_RUN_STEP);

/**
 * The statuses a message ends in: `completed`, `incomplete`.
 *
 * @example
 * ```ts
 * import { FINAL_MESSAGE_STATUSES } from 'rx-assistant-stream';
 *
 * const streaming = !FINAL_MESSAGE_STATUSES.has(message.status);
 * ```
 */
export const FINAL_MESSAGE_STATUSES: LiteralSet<FinalMessageStatus> = /*#__PURE__*/ literalSet(FINAL_MESSAGE);

/**
 * The run events named after a terminal status: `thread.run.completed`, `.incomplete`, `.failed`, `.cancelled`, `.expired`.
 *
 * @example
 * ```ts
 * import { TERMINAL_RUN_EVENT_NAMES } from 'rx-assistant-stream/schema';
 *
 * TERMINAL_RUN_EVENT_NAMES.has('thread.run.requires_action'); // false: a pause
 * ```
 */
export const TERMINAL_RUN_EVENT_NAMES: LiteralSet<`thread.run.${TerminalRunStatus}`> = /*#__PURE__*/ literalSet(
  /*#__PURE__*/ prefixed('thread.run.', TERMINAL_RUN),
);

/**
 * The events that carry a run step's final, authoritative object: `thread.run.step.completed`, `.failed`, `.cancelled`, `.expired`.
 *
 * @example
 * ```ts
 * import { FINAL_RUN_STEP_EVENT_NAMES } from 'rx-assistant-stream/schema';
 *
 * const finals = events.filter((e) => FINAL_RUN_STEP_EVENT_NAMES.has(e.event));
 * ```
 */
export const FINAL_RUN_STEP_EVENT_NAMES: LiteralSet<`thread.run.step.${FinalRunStepStatus}`> = /*#__PURE__*/ literalSet(
  /*#__PURE__*/ prefixed('thread.run.step.', FINAL_RUN_STEP),
);

/**
 * The events that carry a message's final, authoritative object: `thread.message.completed`, `.incomplete`.
 *
 * @example
 * ```ts
 * import { FINAL_MESSAGE_EVENT_NAMES } from 'rx-assistant-stream/schema';
 *
 * const finals = events.filter((e) => FINAL_MESSAGE_EVENT_NAMES.has(e.event));
 * ```
 */
export const FINAL_MESSAGE_EVENT_NAMES: LiteralSet<`thread.message.${FinalMessageStatus}`> = /*#__PURE__*/ literalSet(
  /*#__PURE__*/ prefixed('thread.message.', FINAL_MESSAGE),
);

const RUN_EVENTS: LiteralSet<RunEventName> = /*#__PURE__*/ literalSet(RUN_EVENT_NAMES);
const RUN_STEP_EVENTS: LiteralSet<RunStepEventName> = /*#__PURE__*/ literalSet(RUN_STEP_EVENT_NAMES);
const MESSAGE_EVENTS: LiteralSet<MessageEventName> = /*#__PURE__*/ literalSet(MESSAGE_EVENT_NAMES);

/**
 * One of the 10 run events (`thread.run.*`): its `data` is a {@link Run}.
 *
 * @example
 * ```ts
 * import type { AssistantRunEvent } from 'rx-assistant-stream';
 *
 * const statusOf = (event: AssistantRunEvent) => event.data.status;
 * ```
 */
export type AssistantRunEvent = AssistantStreamEventOf<RunEventName>;

/**
 * One of the 7 run step events: its `data` is a {@link RunStep}, or a {@link RunStepDelta} for `thread.run.step.delta`.
 *
 * @example
 * ```ts
 * import type { AssistantRunStepEvent } from 'rx-assistant-stream';
 *
 * const stepId = (event: AssistantRunStepEvent) => event.data.id;
 * ```
 */
export type AssistantRunStepEvent = AssistantStreamEventOf<RunStepEventName>;

/**
 * One of the 5 message events: its `data` is a {@link Message}, or a {@link MessageDelta} for `thread.message.delta`.
 *
 * @example
 * ```ts
 * import type { AssistantMessageEvent } from 'rx-assistant-stream';
 *
 * const messageId = (event: AssistantMessageEvent) => event.data.id;
 * ```
 */
export type AssistantMessageEvent = AssistantStreamEventOf<MessageEventName>;

/**
 * Whether an event is a run event (`thread.run.*`, not a step event), narrowing its `data` to a `Run`.
 *
 * @example
 * ```ts
 * import { assistantEvents, isRunEvent } from 'rx-assistant-stream';
 * import { filter } from 'rxjs';
 *
 * assistantEvents(response)
 *   .pipe(filter(isRunEvent))
 *   .subscribe(({ event, data: run }) => console.log(event, run.status));
 * ```
 *
 * @param event Any event with an `event` name.
 * @returns `true` for the 10 `thread.run.*` events.
 */
export function isRunEvent(event: { event: string }): event is AssistantRunEvent {
  return RUN_EVENTS.has(event.event);
}

/**
 * Whether an event is a run step event, narrowing its `data` to a `RunStep` (or a `RunStepDelta` for the delta).
 *
 * @example
 * ```ts
 * import { assistantEvents, isRunStepEvent } from 'rx-assistant-stream';
 * import { filter } from 'rxjs';
 *
 * assistantEvents(response)
 *   .pipe(filter(isRunStepEvent))
 *   .subscribe(({ event, data }) => console.log(event, data.id));
 * ```
 *
 * @param event Any event with an `event` name.
 * @returns `true` for the 7 `thread.run.step.*` events.
 */
export function isRunStepEvent(event: { event: string }): event is AssistantRunStepEvent {
  return RUN_STEP_EVENTS.has(event.event);
}

/**
 * Whether an event is a message event, narrowing its `data` to a `Message` (or a `MessageDelta` for the delta).
 *
 * @example
 * ```ts
 * import { assistantEvents, isMessageEvent } from 'rx-assistant-stream';
 * import { filter } from 'rxjs';
 *
 * assistantEvents(response)
 *   .pipe(filter(isMessageEvent))
 *   .subscribe(({ event, data }) => console.log(event, data.id));
 * ```
 *
 * @param event Any event with an `event` name.
 * @returns `true` for the 5 `thread.message.*` events.
 */
export function isMessageEvent(event: { event: string }): event is AssistantMessageEvent {
  return MESSAGE_EVENTS.has(event.event);
}

/**
 * Whether an event ends its run: a run event whose `data.status` (or, failing that, whose name) is terminal.
 *
 * @example
 * ```ts
 * import { isTerminalRunEvent } from 'rx-assistant-stream';
 * import { runCompleted, runRequiresAction } from 'rx-assistant-stream/testing';
 *
 * isTerminalRunEvent(runRequiresAction([])); // false: a pause
 * isTerminalRunEvent(runCompleted({ status: 'incomplete' })); // true, as 2024 servers sent an incomplete run
 * ```
 *
 * @param event Any event with an `event` name and, for run events, a run as `data`.
 * @returns `true` when the run has reached a status of {@link TERMINAL_RUN_STATUSES}.
 */
export function isTerminalRunEvent(event: { event: string; data?: unknown }): boolean {
  if (!isRunEvent(event)) return false;
  const status: unknown = event.data?.status;
  return (typeof status === 'string' && TERMINAL_RUN_STATUSES.has(status)) || TERMINAL_RUN_EVENT_NAMES.has(event.event);
}

/**
 * Whether a run step is in a final status (`completed`, `failed`, `cancelled`, `expired`): its object is the server's last word.
 *
 * @example
 * ```ts
 * import { assistantEvents, accumulateRunStepDeltas, isFinalRunStep } from 'rx-assistant-stream';
 * import { filter } from 'rxjs';
 *
 * assistantEvents(response).pipe(accumulateRunStepDeltas(), filter(isFinalRunStep)).subscribe((step) => console.log(step.id, step.status));
 * ```
 *
 * @param step A run step.
 * @returns `true` when `step.status` is one of {@link FINAL_RUN_STEP_STATUSES}.
 */
export function isFinalRunStep(step: RunStep): step is RunStep & { status: FinalRunStepStatus } {
  return FINAL_RUN_STEP_STATUSES.has(step.status);
}
