// The classification of events and statuses: typed guards and sets, exported by the main entry and by the schema
// entry alike (the one list of them).

export {
  isRunEvent,
  isRunStepEvent,
  isMessageEvent,
  isTerminalRunEvent,
  isFinalRunStep,
  TERMINAL_RUN_STATUSES,
  FINAL_RUN_STEP_STATUSES,
  FINAL_MESSAGE_STATUSES,
} from './events';
