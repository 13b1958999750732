/** Event classification: the typed sets and guards of src/schema/events.ts (runtime here, narrowing checked by tsc). */
import {
  ASSISTANT_EVENT_NAMES,
  FINAL_MESSAGE_EVENT_NAMES,
  FINAL_MESSAGE_STATUSES,
  FINAL_RUN_STEP_EVENT_NAMES,
  FINAL_RUN_STEP_STATUSES,
  MESSAGE_EVENT_NAMES,
  RUN_EVENT_NAMES,
  RUN_STEP_EVENT_NAMES,
  TERMINAL_RUN_EVENT_NAMES,
  TERMINAL_RUN_STATUSES,
  isFinalRunStep,
  isMessageEvent,
  isRunEvent,
  isRunStepEvent,
  isTerminalRunEvent,
  type AssistantMessageEvent,
  type AssistantRunEvent,
  type AssistantRunStepEvent,
  type AssistantStreamEvent,
  type FinalRunStepStatus,
  type Message,
  type MessageDelta,
  type Run,
  type RunStep,
  type RunStepDelta,
  type TerminalRunStatus,
} from '../../src/schema';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(_value: T): void => undefined;

describe('event classification', () => {
  const named = (event: string) => ({ event });

  it('each guard matches exactly its family of event names', () => {
    expect(ASSISTANT_EVENT_NAMES.filter((name) => isRunEvent(named(name)))).toEqual([...RUN_EVENT_NAMES]);
    expect(ASSISTANT_EVENT_NAMES.filter((name) => isRunStepEvent(named(name)))).toEqual([...RUN_STEP_EVENT_NAMES]);
    expect(ASSISTANT_EVENT_NAMES.filter((name) => isMessageEvent(named(name)))).toEqual([...MESSAGE_EVENT_NAMES]);
    for (const name of ['thread.run', 'thread.run.', 'thread.run.paused', 'thread.run.step', 'done', '']) {
      expect([isRunEvent(named(name)), isRunStepEvent(named(name)), isMessageEvent(named(name))]).toEqual([false, false, false]);
    }
  });

  it('terminal and final: the statuses, and the event names derived from them', () => {
    expect([...TERMINAL_RUN_STATUSES]).toEqual(['completed', 'incomplete', 'failed', 'cancelled', 'expired']);
    expect([...FINAL_RUN_STEP_STATUSES]).toEqual(['completed', 'failed', 'cancelled', 'expired']);
    expect([...FINAL_MESSAGE_STATUSES]).toEqual(['completed', 'incomplete']);
    expect([...TERMINAL_RUN_EVENT_NAMES].every((name) => (RUN_EVENT_NAMES as readonly string[]).includes(name))).toBe(true);
    expect([...FINAL_RUN_STEP_EVENT_NAMES]).toEqual([
      'thread.run.step.completed',
      'thread.run.step.failed',
      'thread.run.step.cancelled',
      'thread.run.step.expired',
    ]);
    expect([...FINAL_MESSAGE_EVENT_NAMES]).toEqual(['thread.message.completed', 'thread.message.incomplete']);
    expect(TERMINAL_RUN_STATUSES.has('requires_action')).toBe(false);
  });

  it('isTerminalRunEvent judges by data.status first, then by the name; a pause or a step is not an end', () => {
    expect(isTerminalRunEvent({ event: 'thread.run.completed', data: { status: 'incomplete' } })).toBe(true);
    expect(isTerminalRunEvent({ event: 'thread.run.in_progress', data: { status: 'failed' } })).toBe(true);
    expect(isTerminalRunEvent({ event: 'thread.run.requires_action', data: { status: 'requires_action' } })).toBe(false);
    expect(isTerminalRunEvent({ event: 'thread.run.expired' })).toBe(true);
    expect(isTerminalRunEvent({ event: 'thread.run.step.completed', data: { status: 'completed' } })).toBe(false);
    expect(isTerminalRunEvent({ event: 'thread.message.completed', data: { status: 'completed' } })).toBe(false);
  });

  it('isFinalRunStep', () => {
    const step = (status: string) => ({ status }) as RunStep;
    expect(['completed', 'failed', 'cancelled', 'expired', 'in_progress', 'paused'].map((s) => isFinalRunStep(step(s)))).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});

// Compile-time: the guards narrow `data` without a cast.
export function narrowing(event: AssistantStreamEvent, run: Run, step: RunStep): void {
  if (isRunEvent(event)) {
    expectType<Equals<typeof event, AssistantRunEvent>>(true);
    expectType<Equals<typeof event.data, Run>>(true);
  }
  if (isRunStepEvent(event)) {
    expectType<Equals<typeof event, AssistantRunStepEvent>>(true);
    expectType<Equals<typeof event.data, RunStep | RunStepDelta>>(true);
  }
  if (isMessageEvent(event)) {
    expectType<Equals<typeof event, AssistantMessageEvent>>(true);
    expectType<Equals<typeof event.data, Message | MessageDelta>>(true);
  }
  if (!isTerminalRunEvent(event)) {
    // a boolean, not a guard: a false answer keeps every member (a run event may be a pause)
    expectType<Equals<typeof event, AssistantStreamEvent>>(true);
  }
  if (TERMINAL_RUN_STATUSES.has(run.status)) expectType<Equals<typeof run.status, TerminalRunStatus>>(true);
  if (isFinalRunStep(step)) expectType<Equals<typeof step.status, FinalRunStepStatus>>(true);
  // @ts-expect-error a set of strings: a number is not a status
  TERMINAL_RUN_STATUSES.has(3);
}
