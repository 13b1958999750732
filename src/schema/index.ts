// The schema: io-ts codecs of the wire format and the TS types derived from them, one file per object. This barrel
// re-exports them; each codec value builds the shared lenient set on first use, nothing at import time.

export { buildCodecs, getCodecs, lenientCodecs, type Codecs } from './codecs';
export type { OpenEnum, SchemaMode } from './combinators';
export * from './event-names';
export {
  AssistantStreamEvent,
  eventData,
  TERMINAL_RUN_EVENT_NAMES,
  FINAL_RUN_STEP_EVENT_NAMES,
  FINAL_MESSAGE_EVENT_NAMES,
  type AssistantEventDataMap,
  type AssistantStreamEventMemberCodec,
  type AssistantStreamEventOf,
  type EventDataCodecs,
  type LiteralSet,
  type AssistantRunEvent,
  type AssistantRunStepEvent,
  type AssistantMessageEvent,
  type TerminalRunStatus,
  type FinalRunStepStatus,
  type FinalMessageStatus,
} from './events';
export * from './classification';
export * from './objects';
