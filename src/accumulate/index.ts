export { mergeDelta, MAX_INDEX_GAP } from './merge';
export type { JsonObject } from './json';
export { applyMessageDelta, messageFromDelta } from './message';
export { applyRunStepDelta, runStepFromDelta } from './run-step';
