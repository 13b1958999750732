import * as t from 'io-ts';
import { type Codec, type Schema, lenientCodec, sharedSchema } from './combinators';
import { errorCodecs, type ErrorObject } from './error';
import {
  ASSISTANT_EVENT_NAMES,
  MESSAGE_EVENT_NAMES,
  RUN_EVENT_NAMES,
  RUN_STEP_EVENT_NAMES,
  type AssistantEventName,
} from './event-names';
import { messageCodecs, type Message } from './message';
import { messageDeltaCodecs, type MessageDelta } from './message-delta';
import { runCodecs, type Run } from './run';
import { runStepCodecs, type RunStep } from './run-step';
import { runStepDeltaCodecs, type RunStepDelta } from './run-step-delta';
import { threadCodecs, type Thread } from './thread';

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
export type AssistantStreamEvent = { [K in AssistantEventName]: { event: K; data: AssistantEventDataMap[K] } }[AssistantEventName];

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

/** The codec of one member: `t.type({ event: t.literal(K), data })`. */
export type AssistantStreamEventMemberCodec<K extends AssistantEventName> = t.TypeC<{
  event: t.LiteralC<K>;
  data: Codec<AssistantEventDataMap[K]>;
}>;

type AnyMemberCodec = { [K in AssistantEventName]: AssistantStreamEventMemberCodec<K> }[AssistantEventName];

/** The data codec of each event name. */
export type EventDataCodecs = { readonly [K in AssistantEventName]: Codec<AssistantEventDataMap[K]> };

/** The data codec of each event, and the event union, for one schema. */
export function eventCodecs(schema: Schema) {
  const data: { [K in keyof EventDataTypes]: t.Mixed } = {
    Thread: schema.use(threadCodecs).Thread,
    Run: schema.use(runCodecs).Run,
    RunStep: schema.use(runStepCodecs).RunStep,
    RunStepDelta: schema.use(runStepDeltaCodecs).RunStepDelta,
    Message: schema.use(messageCodecs).Message,
    MessageDelta: schema.use(messageDeltaCodecs).MessageDelta,
    ErrorObject: schema.use(errorCodecs).ErrorObject,
  };
  const keys = eventDataKeys();
  const eventData = Object.fromEntries(ASSISTANT_EVENT_NAMES.map((name) => [name, data[keys[name]]])) as unknown as EventDataCodecs;
  const members = ASSISTANT_EVENT_NAMES.map((name) => t.type({ event: t.literal(name), data: eventData[name] as t.Mixed }, name));
  /** `{event, data}`: a `t.union` of 24 `t.type`s tagged by a plain `t.literal`, so io-ts dispatches on `event`. */
  const AssistantStreamEvent = t.union(members as unknown as [AnyMemberCodec, AnyMemberCodec, ...AnyMemberCodec[]], 'AssistantStreamEvent');
  return { eventData, AssistantStreamEvent };
}

/** Codec of {@link AssistantStreamEvent}: a `t.union` of the 24 members, dispatched on the literal `event` (built on first use). */
export const AssistantStreamEvent: Codec<AssistantStreamEvent> = /*#__PURE__*/ lenientCodec(eventCodecs, 'AssistantStreamEvent');

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
    Object.defineProperty(lazy, name, { enumerable: true, get: () => sharedSchema('lenient').use(eventCodecs).eventData[name] });
  }
  return lazy as EventDataCodecs;
}
