// The run-event guards and the terminal statuses live with the other event classification, in src/schema/events.ts.
export { isRunEvent, isTerminalRunEvent, TERMINAL_RUN_STATUSES } from '../schema/events';
