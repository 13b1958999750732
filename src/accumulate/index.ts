export { mergeDelta, MAX_INDEX_GAP, type JsonObject } from './merge';
export { applyMessageDelta, messageFromDelta } from './message';
export { applyRunStepDelta, runStepFromDelta } from './run-step';
