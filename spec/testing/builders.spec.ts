import { lastValueFrom, toArray } from 'rxjs';
import { assistantEvents } from '../../src/decode/assistant-events';
import { accumulateMessageDeltas } from '../../src/operators/accumulate-message-deltas';
import { accumulateRunStepDeltas } from '../../src/operators/accumulate-run-step-deltas';
import { getCodecs, type AssistantStreamEvent } from '../../src/schema';
import * as testing from '../../src/testing';

const strict = getCodecs('strict');

function everyBuiltEvent(): AssistantStreamEvent[] {
  return [
    testing.threadCreated(),
    testing.runCreated(),
    testing.runQueued(),
    testing.runInProgress(),
    testing.runRequiresAction([{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } }]),
    testing.runCompleted(),
    testing.runFailed(),
    ...(['thread.run.incomplete', 'thread.run.cancelling', 'thread.run.cancelled', 'thread.run.expired'] as const).map((name) =>
      testing.runEvent(name),
    ),
    testing.messageCreated(),
    testing.messageInProgress(),
    testing.messageDelta('msg_1', 'Hi'),
    testing.messageCompleted('Hi'),
    testing.runStepCreated(),
    testing.runStepInProgress(),
    testing.runStepDelta('step_1', [
      { index: 0, type: 'function', id: 'call_1', function: { name: 'f', arguments: '', output: null } },
    ]),
    testing.runStepCompleted(),
    testing.errorEvent('boom'),
  ];
}

describe('testing builders', () => {
  it('names the run step builders runStep*, and keeps the old step* names as the same functions (deprecated)', () => {
    expect(testing.stepCreated).toBe(testing.runStepCreated);
    expect(testing.stepInProgress).toBe(testing.runStepInProgress);
    expect(testing.stepCompleted).toBe(testing.runStepCompleted);
    expect(testing.stepDelta).toBe(testing.runStepDelta);
    expect(testing.runStepCreated().event).toBe('thread.run.step.created');
    expect(testing.runStepDelta('step_9', []).data).toEqual({
      id: 'step_9',
      object: 'thread.run.step.delta',
      delta: { step_details: { type: 'tool_calls', tool_calls: [] } },
    });
  });

  it.each(everyBuiltEvent().map((e) => [e.event, e] as const))('%s passes the strict codec', (name, event) => {
    expect(strict.eventData[name].is(event.data)).toBe(true);
  });

  it('sets the status and timestamps that go with a run event', () => {
    expect(testing.runEvent('thread.run.failed').data).toMatchObject({
      status: 'failed',
      failed_at: expect.any(Number),
      expires_at: null,
    });
    expect(testing.runCreated().data.started_at).toBeNull();
    expect(testing.runCompleted({ id: 'run_9' }).data).toMatchObject({ id: 'run_9', status: 'completed' });
  });

  it('splits text into fragments that join back to it', () => {
    for (const text of ['Hello world', '  leading and trailing  ', 'a\nb\n\nsupercalifragilistic', '']) {
      expect(testing.fragmentsOf(text).join('')).toBe(text);
    }
    expect(testing.fragmentsOf('Hello world')).toEqual(['Hello', ' world']);
  });

  it('serializes to SSE that decodes back to the same events, in strict mode, with every line ending', async () => {
    const events = testing.textRunEvents('The quick brown fox.', { withThread: true });
    for (const lineEnding of ['\n', '\r\n', '\r'] as const) {
      const decoded = await lastValueFrom(
        assistantEvents(testing.toSSE(events, { lineEnding }), { mode: 'strict' }).pipe(toArray()),
      );
      expect(decoded).toEqual(events);
    }
  });

  it('writes error events with the { error } envelope servers use', () => {
    expect(testing.sseFrame(testing.errorEvent('boom'))).toBe(
      'event: error\ndata: {"error":{"message":"boom","type":"server_error","code":null,"param":null}}\n\n',
    );
  });

  it('builds scenarios whose deltas accumulate to their completed objects', async () => {
    const text = 'It is 18 degrees and sunny in Paris today.';
    const message = await lastValueFrom(
      assistantEvents(testing.toSSE(testing.textRunEvents(text))).pipe(accumulateMessageDeltas(), toArray()),
    );
    const completed = message[message.length - 1]!;
    const beforeCompleted = message[message.length - 2]!;
    expect(completed.status).toBe('completed');
    expect(beforeCompleted.content).toEqual(completed.content);

    const code = testing.codeInterpreterStepEvents('import math\nprint(math.pi)', '3.141592653589793\n');
    const steps = await lastValueFrom(
      assistantEvents(testing.toSSE(code), { mode: 'strict' }).pipe(accumulateRunStepDeltas(), toArray()),
    );
    expect(steps[steps.length - 2]!.step_details).toEqual(steps[steps.length - 1]!.step_details);

    const calls = [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' }];
    const toolRun = testing.toolCallRunEvents(calls);
    const toolSteps = await lastValueFrom(
      assistantEvents(testing.toSSE(toolRun), { mode: 'strict' }).pipe(accumulateRunStepDeltas(), toArray()),
    );
    const last = toolSteps[toolSteps.length - 1]!;
    expect(last.step_details).toEqual({
      type: 'tool_calls',
      tool_calls: [
        { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: calls[0]!.arguments, output: null } },
      ],
    });
    const answer = testing.toolOutputsRunEvents([{ ...calls[0]!, output: '18C' }], 'It is 18C.');
    const decoded = await lastValueFrom(assistantEvents(testing.toSSE(answer), { mode: 'strict' }).pipe(toArray()));
    expect(decoded[decoded.length - 1]!.event).toBe('thread.run.completed');
  });

  it('cuts a code interpreter input as told, and stamps the step with createdAt', () => {
    const events = testing.codeInterpreterStepEvents('print(42)', '42\n', {
      createdAt: 1_700_000_123,
      fragments: (input) => [...input],
    });
    const inputs = events.flatMap((e) =>
      e.event === 'thread.run.step.delta'
        ? (e.data.delta.step_details as { tool_calls: { code_interpreter?: { input?: string } }[] }).tool_calls
        : [],
    );
    expect(inputs.map((call) => call.code_interpreter?.input).filter((input) => input)).toEqual([...'print(42)']);
    const created = events.find((e) => e.event === 'thread.run.step.created')!;
    expect((created.data as { created_at: number }).created_at).toBe(1_700_000_123);
  });
});
