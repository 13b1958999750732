/**
 * Compile-time tests: `npm run typecheck` (tsc) checks this file. A line under `// @ts-expect-error` must not compile;
 * `expectType<Equals<A, B>>(true)` compiles only when A and B are the same type. The checks sit in functions that
 * never run: only their compilation matters.
 */
import type * as t from 'io-ts';
import {
  ASSISTANT_EVENT_NAMES,
  AssistantStreamEvent,
  MessageDelta,
  eventData,
  getCodecs,
  type AssistantEventName,
  type AssistantStreamEventOf,
  type ErrorObject,
  type Message,
  type MessageContent,
  type MessageContentDelta,
  type Run,
  type RunStatus,
  type RunStep,
  type RunStepDelta,
  type TextContentDelta,
  type Thread,
  type ToolCall,
  type ToolCallDelta,
} from '../../src/schema';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(_value: T): void => undefined;

export function narrowingOnEvent(event: AssistantStreamEvent): void {
  if (event.event === 'thread.message.delta') expectType<Equals<typeof event.data, MessageDelta>>(true);
  if (event.event === 'thread.run.step.delta') expectType<Equals<typeof event.data, RunStepDelta>>(true);
  if (event.event === 'thread.run.requires_action') expectType<Equals<typeof event.data, Run>>(true);
  if (event.event === 'thread.run.step.completed') expectType<Equals<typeof event.data, RunStep>>(true);
  if (event.event === 'thread.message.incomplete') expectType<Equals<typeof event.data, Message>>(true);
  if (event.event === 'thread.created') expectType<Equals<typeof event.data, Thread>>(true);
  if (event.event === 'error') expectType<Equals<typeof event.data, ErrorObject>>(true);
  switch (event.event) {
    case 'thread.message.delta':
      // @ts-expect-error a message delta has no status
      void event.data.status;
      break;
    case 'thread.run.completed':
      expectType<Equals<typeof event.data.status, RunStatus>>(true);
      break;
    // @ts-expect-error not an event name
    case 'thread.message.failed':
      break;
  }
}

export function eventTypes(run: Run): void {
  expectType<Equals<AssistantStreamEventOf<'thread.message.delta'>, { event: 'thread.message.delta'; data: MessageDelta }>>(true);
  expectType<Equals<AssistantStreamEventOf<'thread.run.failed'>['data'], Run>>(true);
  expectType<Equals<AssistantStreamEvent['event'], AssistantEventName>>(true);
  expectType<Equals<(typeof ASSISTANT_EVENT_NAMES)[number], AssistantEventName>>(true);
  // @ts-expect-error a misspelt event name
  type Misspelt = AssistantStreamEventOf<'thread.message.deltas'>;
  // @ts-expect-error `done` is not one of the 24 events
  const done: AssistantEventName = 'done';

  const ok: AssistantStreamEvent = { event: 'thread.run.completed', data: run };
  // @ts-expect-error a message delta event cannot carry a run
  const bad: AssistantStreamEvent = { event: 'thread.message.delta', data: run };
  void [ok, bad, done, undefined as unknown as Misspelt];
}

export function codecStaticTypes(value: unknown): void {
  expectType<Equals<t.TypeOf<typeof AssistantStreamEvent>, AssistantStreamEvent>>(true);
  expectType<Equals<t.TypeOf<typeof MessageDelta>, MessageDelta>>(true);
  expectType<Equals<t.TypeOf<(typeof eventData)['thread.run.step.delta']>, RunStepDelta>>(true);
  if (AssistantStreamEvent.is(value)) expectType<Equals<typeof value, AssistantStreamEvent>>(true);
  if (MessageDelta.is(value)) expectType<Equals<typeof value, MessageDelta>>(true);
  // The codecs of either mode have the same static types, assignable to the named ones.
  const strictRun = getCodecs('strict').Run.decode(value);
  if (strictRun._tag === 'Right') {
    const asRun: Run = strictRun.right;
    void asRun;
  }
}

export function fieldTypes(run: Run, step: RunStep, message: Message): void {
  void message;
  // Spec nullables are `| null`, fields real servers omit are optional, grown enums stay open.
  expectType<Equals<typeof run.instructions, string | null>>(true);
  expectType<Equals<typeof run.parallel_tool_calls, boolean | undefined>>(true);
  expectType<Equals<typeof run.expires_at, number | null>>(true);
  expectType<Equals<typeof step.expired_at, number | null | undefined>>(true);
  expectType<Equals<typeof step.expires_at, number | null | undefined>>(true);
  expectType<Equals<NonNullable<typeof message.attachments>[number]['file_id'], string | undefined>>(true);
  expectType<null extends typeof message.attachments ? true : false>(true);
  expectType<undefined extends typeof message.attachments ? true : false>(true);
  const status: RunStatus = 'completed';
  const grown: RunStatus = 'a_status_from_the_future';
  // @ts-expect-error a status is a string
  const numeric: RunStatus = 3;
  // @ts-expect-error instructions can be null
  const instructions: string = run.instructions;
  // @ts-expect-error `expired_at` may be absent
  const expiredAt: number | null = step.expired_at;
  void [status, grown, numeric, instructions, expiredAt];
}

export function taggedUnions(part: MessageContentDelta, content: MessageContent, call: ToolCall, delta: ToolCallDelta): void {
  if (part.type === 'text') {
    expectType<Equals<typeof part, TextContentDelta>>(true);
    expectType<Equals<typeof part.index, number>>(true);
    expectType<Equals<NonNullable<typeof part.text>['value'], string | undefined>>(true);
  }
  // @ts-expect-error a delta part's index is a number
  const index: string = part.index;
  // @ts-expect-error `text` exists only on text parts
  void content.text;
  if (content.type === 'text')
    expectType<Equals<(typeof content.text.annotations)[number]['type'], 'file_citation' | 'file_path' | 'url_citation'>>(true);
  if (call.type === 'function') expectType<Equals<typeof call.function.output, string | null>>(true);
  if (call.type === 'code_interpreter')
    expectType<Equals<(typeof call.code_interpreter.outputs)[number]['type'], 'logs' | 'image'>>(true);
  if (delta.type === 'file_search') expectType<Equals<typeof delta.file_search, Record<string, unknown>>>(true);
  if (delta.type === 'function') expectType<Equals<NonNullable<typeof delta.function>['arguments'], string | undefined>>(true);
  // @ts-expect-error `retrieval` is not a known tool call type (lenient mode passes it at run time: keep a default branch)
  const retrieval: ToolCall['type'] = 'retrieval';
  void [index, retrieval];
}

describe('schema types', () => {
  it('are checked by tsc (npm run typecheck), not at run time', () => {
    expect(typeof narrowingOnEvent).toBe('function');
  });
});
