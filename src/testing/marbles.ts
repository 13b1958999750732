import type { Observable } from 'rxjs';
import { TestScheduler, type RunHelpers } from 'rxjs/testing';
import type { AssistantStreamEvent } from '../schema';
import {
  DEFAULT_IDS,
  errorEvent,
  messageCompleted,
  messageCreated,
  messageDelta,
  runCompleted,
  runCreated,
  runEvent,
  runFailed,
  runInProgress,
  runQueued,
  runRequiresAction,
  sseFrame,
  runStepCompleted,
  runStepCreated,
  runStepDelta,
  threadCreated,
} from './builders';

// ---- the alphabet ----

/**
 * The function call of the alphabet's tool step (`k f g h R K`).
 *
 * @example
 * ```ts
 * import { coldEvents, createTestScheduler, MARBLE_TOOL_CALL } from 'rx-assistant-stream/testing';
 * import { requiredToolCalls } from 'rx-assistant-stream';
 * import { map } from 'rxjs';
 *
 * const scheduler = createTestScheduler((actual, expected) => expect(actual).toEqual(expected));
 * scheduler.run(({ expectObservable }) => {
 *   const calls$ = coldEvents(scheduler, 'r-k-f-g-h-R|').pipe(
 *     requiredToolCalls(),
 *     map(({ toolCalls }) => toolCalls.map((call) => [call.id, call.function.name, call.function.arguments])),
 *   );
 *   const { id, name, arguments: args } = MARBLE_TOOL_CALL;
 *   expectObservable(calls$).toBe('----------x|', { x: [[id, name, args]] });
 * });
 * ```
 */
export const MARBLE_TOOL_CALL = {
  id: 'call_1',
  name: 'get_weather',
  arguments: '{"city":"Paris"}',
  output: '{"temperature_c":18}',
  stepId: 'step_tools',
} as const;

const toolStep = {
  id: MARBLE_TOOL_CALL.stepId,
  type: 'tool_calls' as const,
  step_details: { type: 'tool_calls' as const, tool_calls: [] },
};

/**
 * The events behind the letters of an event marble diagram: one run of {@link DEFAULT_IDS} (`thread_1`, `run_1`,
 * message `msg_1` created by step `step_1`), built with the builders, so every event passes the strict codecs.
 * Lowercase letters start or continue something, uppercase letters end it.
 *
 * | letter | event | |
 * |---|---|---|
 * | `t` | `thread.created` | thread `thread_1` |
 * | `r` | `thread.run.created` | run `run_1`, status `queued` |
 * | `q` | `thread.run.queued` | |
 * | `p` | `thread.run.in_progress` | |
 * | `s` | `thread.run.step.created` | `message_creation` step `step_1` for `msg_1` |
 * | `m` | `thread.message.created` | `msg_1`, no content yet |
 * | `a` `b` `c` `d` `e` | `thread.message.delta` | `msg_1`, text fragment `"a"` … `"e"` (the letter itself) |
 * | `M` | `thread.message.completed` | `msg_1` with the text `"abc"` |
 * | `S` | `thread.run.step.completed` | `step_1` |
 * | `k` | `thread.run.step.created` | `tool_calls` step `step_tools` |
 * | `f` | `thread.run.step.delta` | `step_tools`: function call `call_1` `get_weather` starts, `arguments: ""` |
 * | `g` `h` | `thread.run.step.delta` | `step_tools`: argument fragments `{"city":` and `"Paris"}` |
 * | `R` | `thread.run.requires_action` | asks for `call_1` `get_weather({"city":"Paris"})` |
 * | `K` | `thread.run.step.completed` | `step_tools`, the call answered with `{"temperature_c":18}` |
 * | `C` | `thread.run.completed` | usage 20 + 10 = 30 tokens |
 * | `I` | `thread.run.incomplete` | `incomplete_details.reason: "max_completion_tokens"` |
 * | `F` | `thread.run.failed` | `last_error: server_error "Something went wrong."` |
 * | `X` | `thread.run.cancelled` | |
 * | `E` | `error` | the `error` member (as `decodeAssistantEvents({ errorEvents: 'emit' })` delivers it) |
 *
 * Since a text delta's letter is its text, a marble of `textDeltas()` reads the same as its source: `--a-b-c`.
 *
 * @example
 * ```ts
 * import { coldEvents, createTestScheduler, EVENT_MARBLES } from 'rx-assistant-stream/testing';
 * import { ofEventType } from 'rx-assistant-stream';
 *
 * EVENT_MARBLES.a; // { event: 'thread.message.delta', data: { id: 'msg_1', ..., delta: { content: [{ index: 0, type: 'text', text: { value: 'a' } }] } } }
 * // As the values of an expected marble:
 * const scheduler = createTestScheduler((actual, expected) => expect(actual).toEqual(expected));
 * scheduler.run(({ expectObservable }) => {
 *   const events$ = coldEvents(scheduler, 'r-p-a-C|');
 *   expectObservable(events$.pipe(ofEventType('thread.run.completed'))).toBe('------C|', EVENT_MARBLES);
 * });
 * ```
 */
export const EVENT_MARBLES = Object.freeze({
  t: threadCreated(),
  r: runCreated(),
  q: runQueued(),
  p: runInProgress(),
  s: runStepCreated(),
  m: messageCreated(),
  a: messageDelta(DEFAULT_IDS.message, 'a'),
  b: messageDelta(DEFAULT_IDS.message, 'b'),
  c: messageDelta(DEFAULT_IDS.message, 'c'),
  d: messageDelta(DEFAULT_IDS.message, 'd'),
  e: messageDelta(DEFAULT_IDS.message, 'e'),
  M: messageCompleted('abc'),
  S: runStepCompleted(),
  k: runStepCreated(toolStep),
  f: runStepDelta(MARBLE_TOOL_CALL.stepId, [
    {
      index: 0,
      id: MARBLE_TOOL_CALL.id,
      type: 'function',
      function: { name: MARBLE_TOOL_CALL.name, arguments: '', output: null },
    },
  ]),
  g: runStepDelta(MARBLE_TOOL_CALL.stepId, [{ index: 0, type: 'function', function: { arguments: '{"city":' } }]),
  h: runStepDelta(MARBLE_TOOL_CALL.stepId, [{ index: 0, type: 'function', function: { arguments: '"Paris"}' } }]),
  R: runRequiresAction([
    {
      id: MARBLE_TOOL_CALL.id,
      type: 'function',
      function: { name: MARBLE_TOOL_CALL.name, arguments: MARBLE_TOOL_CALL.arguments },
    },
  ]),
  K: runStepCompleted({
    ...toolStep,
    step_details: {
      type: 'tool_calls',
      tool_calls: [
        {
          id: MARBLE_TOOL_CALL.id,
          type: 'function',
          function: { name: MARBLE_TOOL_CALL.name, arguments: MARBLE_TOOL_CALL.arguments, output: MARBLE_TOOL_CALL.output },
        },
      ],
    },
  }),
  C: runCompleted(),
  I: runEvent('thread.run.incomplete', { incomplete_details: { reason: 'max_completion_tokens' } }),
  F: runFailed(),
  X: runEvent('thread.run.cancelled'),
  E: errorEvent('The server had an error while processing your request.'),
} satisfies Record<string, AssistantStreamEvent>);

/**
 * A letter of {@link EVENT_MARBLES}.
 *
 * @example
 * ```ts
 * import { EVENT_MARBLES, type EventMarble } from 'rx-assistant-stream/testing';
 * import { isTerminalRunEvent } from 'rx-assistant-stream';
 *
 * // The letters that end a run, for a table-driven test of a terminal-state handler.
 * const terminal: EventMarble[] = ['C', 'I', 'F', 'X'];
 * for (const letter of terminal) {
 *   console.assert(isTerminalRunEvent(EVENT_MARBLES[letter]), `${letter} ends the run`);
 * }
 * ```
 */
export type EventMarble = keyof typeof EVENT_MARBLES;

/**
 * Marble values: letters to events.
 *
 * @example
 * ```ts
 * import { coldEvents, createTestScheduler, messageDelta, runFailed, type EventValues } from 'rx-assistant-stream/testing';
 * import { textDeltas } from 'rx-assistant-stream';
 *
 * // Letters of your own: a longer delta, and a run that fails on a rate limit.
 * const values: EventValues = {
 *   w: messageDelta('msg_1', ' world'),
 *   L: runFailed('Rate limit reached for gpt-4o.', { last_error: { code: 'rate_limit_exceeded', message: 'Rate limit reached for gpt-4o.' } }),
 * };
 * const scheduler = createTestScheduler((actual, expected) => expect(actual).toEqual(expected));
 * scheduler.run(({ expectObservable }) => {
 *   expectObservable(coldEvents(scheduler, 'r-m-a-w-L|', values).pipe(textDeltas())).toBe('----a-w--|', { a: 'a', w: ' world' });
 * });
 * ```
 */
export type EventValues = Readonly<Record<string, AssistantStreamEvent>>;

/**
 * The alphabet of {@link EVENT_MARBLES} with your own letters added or replaced.
 *
 * @example
 * ```ts
 * import { eventMarbles, messageDelta } from 'rx-assistant-stream/testing';
 *
 * const values = eventMarbles({ x: messageDelta('msg_1', ' world') });
 * values.x.data; // the delta of " world"; values.r is still the run created
 * ```
 */
export function eventMarbles(values: EventValues = {}): EventValues {
  return { ...EVENT_MARBLES, ...values };
}

// ---- observables from marbles ----

/**
 * Where marble Observables come from: a `TestScheduler`, or the helpers `scheduler.run` passes its callback.
 *
 * @example
 * ```ts
 * import { coldEvents, createTestScheduler, type MarbleFactory } from 'rx-assistant-stream/testing';
 * import { textDeltas } from 'rx-assistant-stream';
 *
 * // A shared fixture that works with the scheduler or with the helpers of `scheduler.run`.
 * const textRun = (factory: MarbleFactory) => coldEvents(factory, 'r-p-s-m-a-b-c-M-S-C|');
 *
 * const scheduler = createTestScheduler((actual, expected) => expect(actual).toEqual(expected));
 * scheduler.run((helpers) => {
 *   helpers.expectObservable(textRun(helpers).pipe(textDeltas())).toBe('--------a-b-c------|');
 * });
 * ```
 */
export type MarbleFactory =
  Pick<TestScheduler, 'createColdObservable' | 'createHotObservable'> | Pick<RunHelpers, 'cold' | 'hot'>;

/**
 * An Observable made from a marble diagram, with the subscription log `expectSubscriptions` reads.
 *
 * @example
 * ```ts
 * import { coldEvents, createTestScheduler, type MarbleObservable } from 'rx-assistant-stream/testing';
 * import { textDeltas, type AssistantStreamEvent } from 'rx-assistant-stream';
 * import { take } from 'rxjs';
 *
 * const scheduler = createTestScheduler((actual, expected) => expect(actual).toEqual(expected));
 * scheduler.run(({ expectObservable, expectSubscriptions }) => {
 *   const events$: MarbleObservable<AssistantStreamEvent> = coldEvents(scheduler, 'r-m-a-b-c-M-C|');
 *   expectObservable(events$.pipe(textDeltas(), take(2))).toBe('----a-(b|)');
 *   expectSubscriptions(events$.subscriptions).toBe('^-----!'); // take(2) unsubscribes from the source at once
 * });
 * ```
 */
export type MarbleObservable<T> = Observable<T> & Pick<ReturnType<TestScheduler['createColdObservable']>, 'subscriptions'>;

function coldOf(factory: MarbleFactory) {
  return 'cold' in factory ? factory.cold : factory.createColdObservable.bind(factory);
}

function hotOf(factory: MarbleFactory) {
  return 'hot' in factory ? factory.hot : factory.createHotObservable.bind(factory);
}

/**
 * A cold Observable of events from a marble diagram, whose letters are the {@link EVENT_MARBLES} (plus `values`).
 * Call it inside `scheduler.run(...)`, with the scheduler or with the `run` helpers.
 *
 * @example
 * ```ts
 * import { coldEvents, createTestScheduler, EVENT_MARBLES } from 'rx-assistant-stream/testing';
 * import { ofEventType } from 'rx-assistant-stream';
 *
 * const scheduler = createTestScheduler((actual, expected) => expect(actual).toEqual(expected));
 * scheduler.run(({ expectObservable }) => {
 *   const events$ = coldEvents(scheduler, 'r-p-m-a-b-M-C|');
 *   expectObservable(events$.pipe(ofEventType('thread.run.completed'))).toBe('------------C|', { C: EVENT_MARBLES.C });
 * });
 * ```
 *
 * @param factory The `TestScheduler` (or the helpers of `scheduler.run`).
 * @param marbles The diagram: `-` a frame, a letter an event, `|` complete, `#` error, `(ab)` same frame.
 * @param values Extra or replaced letters.
 * @param error The error of `#`.
 * @returns A cold Observable of events, logged by the scheduler.
 */
export function coldEvents(
  factory: MarbleFactory,
  marbles: string,
  values: EventValues = {},
  error?: unknown,
): MarbleObservable<AssistantStreamEvent> {
  return coldOf(factory)(marbles, lettersOf(marbles, eventMarbles(values)), error);
}

/**
 * A hot Observable of events from a marble diagram (`^` marks the subscription point): the parameters, letters and
 * result of {@link coldEvents}, hot.
 *
 * @example
 * ```ts
 * import { hotEvents } from 'rx-assistant-stream/testing';
 * import { textDeltas } from 'rx-assistant-stream';
 *
 * scheduler.run(({ expectObservable }) => {
 *   const events$ = hotEvents(scheduler, 'r-p-^-a-b-C|'); // a subscriber joins after the run started
 *   expectObservable(events$.pipe(textDeltas())).toBe('--a-b--|');
 * });
 * ```
 */
export const hotEvents: typeof coldEvents = (factory, marbles, values = {}, error) =>
  hotOf(factory)(marbles, lettersOf(marbles, eventMarbles(values)), error);

/**
 * A cold Observable of SSE text from a marble diagram: each event letter becomes its SSE frame (`sseFrame`), `D`
 * is the `[DONE]` frame, and `values` may map letters to raw strings (half a frame, a comment, garbage). For marble
 * tests of code that starts at the bytes: `assistantEvents(coldSSE(...))`.
 *
 * @example
 * ```ts
 * import { coldSSE, sseFrame, EVENT_MARBLES } from 'rx-assistant-stream/testing';
 * import { assistantEvents } from 'rx-assistant-stream';
 *
 * scheduler.run(({ expectObservable }) => {
 *   const frame = sseFrame(EVENT_MARBLES.b); // the frame of the delta "b", cut in two below
 *   const body$ = coldSSE(scheduler, 'r-a-x-y-C-D', { x: frame.slice(0, 20), y: frame.slice(20) });
 *   expectObservable(assistantEvents(body$)).toBe('r-a---b-C-|', EVENT_MARBLES);
 * });
 * ```
 */
export function coldSSE(
  factory: MarbleFactory,
  marbles: string,
  values: Readonly<Record<string, AssistantStreamEvent | string>> = {},
  error?: unknown,
): MarbleObservable<string> {
  const all: Record<string, AssistantStreamEvent | string> = { ...EVENT_MARBLES, D: 'event: done\ndata: [DONE]\n\n', ...values };
  const frames: Record<string, string> = {};
  for (const [letter, value] of Object.entries(lettersOf(marbles, all)))
    frames[letter] = typeof value === 'string' ? value : sseFrame(value);
  return coldOf(factory)(marbles, frames, error);
}

/**
 * The events of a marble diagram in order, timing dropped: the same alphabet for tests that are not marble tests
 * (SSE transcripts with `toSSE`, async tests of byte sources).
 *
 * @example
 * ```ts
 * import { eventsOf, toSSE } from 'rx-assistant-stream/testing';
 * import { assistantEvents } from 'rx-assistant-stream';
 *
 * const body = toSSE(eventsOf('rpsmabcMSC'));
 * assistantEvents(body).subscribe(console.log); // 10 events, then complete
 * ```
 */
export function eventsOf(marbles: string, values: EventValues = {}): AssistantStreamEvent[] {
  const messages = TestScheduler.parseMarbles(marbles, lettersOf(marbles, eventMarbles(values)), undefined, undefined, true);
  return messages.flatMap((message) =>
    message.notification.kind === 'N' ? [message.notification.value as AssistantStreamEvent] : [],
  );
}

/** The values of the letters a diagram uses, with a clear error for a letter that has none. */
function lettersOf<T>(marbles: string, values: Readonly<Record<string, T>>): Record<string, T> {
  const used: Record<string, T> = {};
  // Time progressions ("10ms", "1.5s") are not letters.
  const letters = marbles.replace(/(^|[\s(])\d+(\.\d+)?(ms|s|m)(?=\s|$|\))/g, '$1');
  for (const char of letters) {
    if ('-|#^()! '.includes(char) || /\s/.test(char)) continue;
    const value = values[char];
    if (value === undefined) throw new TypeError(`Marble "${char}" in '${marbles}' has no event: add it to the values`);
    used[char] = value;
  }
  return used;
}

// ---- the scheduler ----

/**
 * A `TestScheduler` that reports through your test runner's deep equality, whatever the runner.
 *
 * @example
 * ```ts
 * import { createTestScheduler } from 'rx-assistant-stream/testing';
 *
 * // jest, vitest:
 * const scheduler = createTestScheduler((actual, expected) => expect(actual).toEqual(expected));
 * // node:test, mocha:
 * import assert from 'node:assert/strict';
 * const scheduler2 = createTestScheduler(assert.deepEqual);
 * ```
 *
 * @param assertEqual Throws when `actual` and `expected` differ.
 * @returns A new `TestScheduler` (make one per test).
 */
export function createTestScheduler(assertEqual: (actual: unknown, expected: unknown) => void): TestScheduler {
  if (typeof assertEqual !== 'function')
    throw new TypeError('createTestScheduler: pass a function (actual, expected) => void that throws when they differ');
  return new TestScheduler((actual, expected) => assertEqual(actual, expected));
}
