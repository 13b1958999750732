import OpenAI from 'openai';
import { filter, lastValueFrom, toArray } from 'rxjs';
import { assistantEvents } from '../../src/decode/assistant-events';
import { accumulateMessageDeltas } from '../../src/operators/accumulate-message-deltas';
import { accumulateRunStepDeltas } from '../../src/operators/accumulate-run-step-deltas';
import { collectRunResult } from '../../src/operators/collect-run-result';
import { requiredToolCalls } from '../../src/operators/required-tool-calls';
import type { AssistantStreamEvent, Message, RunStep } from '../../src/schema';
import { readCapture, VALID_CAPTURES } from '../support/fixtures';

// Conformance of the operators on the real captures: with the server's final objects held back, what the
// operators accumulate from deltas must equal those final objects; and the final messages must match what
// openai-node's AssistantStream builds from the same bytes.

/** How many messages, steps and required tool calls each capture lets us compare (so no check passes vacuously). */
const COMPARED: Record<string, { messages: number; steps: number; requiredCalls: number }> = {
  '08': { messages: 1, steps: 1, requiredCalls: 0 },
  '09': { messages: 0, steps: 0, requiredCalls: 1 },
  '10': { messages: 1, steps: 1, requiredCalls: 0 },
  '12': { messages: 1, steps: 1, requiredCalls: 0 },
  '14': { messages: 2, steps: 4, requiredCalls: 0 },
  '21': { messages: 0, steps: 0, requiredCalls: 0 },
  // Azure: 30 streams a function call to requires_action; 31 completes that step (created in 30, so not compared
  // here) and streams the answer; 32 has a bing_grounding step and a message step with a url_citation.
  '30': { messages: 0, steps: 0, requiredCalls: 1 },
  '31': { messages: 1, steps: 1, requiredCalls: 0 },
  '32': { messages: 1, steps: 2, requiredCalls: 0 },
};
const FINAL_EVENTS = new Set([
  'thread.message.completed',
  'thread.message.incomplete',
  'thread.run.step.completed',
  'thread.run.step.failed',
  'thread.run.step.cancelled',
  'thread.run.step.expired',
]);
/** Fields only the server's final object can know: deltas never carry them. */
const MESSAGE_LIFECYCLE = ['status', 'completed_at', 'incomplete_at', 'incomplete_details'] as const;
const STEP_LIFECYCLE = [
  'status',
  'completed_at',
  'cancelled_at',
  'failed_at',
  'expired_at',
  'expires_at',
  'last_error',
  'usage',
] as const;

const bytes = readCapture;
const decode = (file: string) => lastValueFrom(assistantEvents(bytes(file)).pipe(toArray()));
const without = <T extends object>(value: T, keys: readonly string[]) =>
  Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));
const lastById = <T extends { id: string }>(items: T[]) => new Map(items.map((item) => [item.id, item]));

describe.each(VALID_CAPTURES)('operators on %s', (file) => {
  let events: AssistantStreamEvent[];
  beforeAll(async () => {
    events = await decode(file);
  });

  it('accumulates every message from its deltas to the server final object (lifecycle fields aside)', async () => {
    const finals = events
      .filter((e) => e.event === 'thread.message.completed' || e.event === 'thread.message.incomplete')
      .map((e) => e.data as Message);
    const accumulated = lastById(
      await lastValueFrom(
        assistantEvents(bytes(file)).pipe(
          filter((e) => !FINAL_EVENTS.has(e.event)),
          accumulateMessageDeltas(),
          toArray(),
        ),
      ),
    );
    expect(finals).toHaveLength(COMPARED[file.slice(0, 2)]!.messages);
    for (const final of finals) {
      const snapshot = accumulated.get(final.id);
      expect(snapshot).toBeDefined();
      expect(without(snapshot!, MESSAGE_LIFECYCLE)).toEqual(without(final, MESSAGE_LIFECYCLE));
    }
  });

  it('accumulates every tool call of every step it saw created to the server final step', async () => {
    const created = new Set(events.filter((e) => e.event === 'thread.run.step.created').map((e) => (e.data as RunStep).id));
    const finals = events
      .filter((e) => e.event === 'thread.run.step.completed')
      .map((e) => e.data as RunStep)
      .filter((s) => created.has(s.id));
    const steps = await lastValueFrom(
      assistantEvents(bytes(file)).pipe(
        filter((e) => !FINAL_EVENTS.has(e.event)),
        accumulateRunStepDeltas(),
        toArray(),
      ),
    );
    const accumulated = lastById(steps);
    expect(finals).toHaveLength(COMPARED[file.slice(0, 2)]!.steps);
    for (const final of finals) {
      expect(without(accumulated.get(final.id)!, STEP_LIFECYCLE)).toEqual(without(final, STEP_LIFECYCLE));
    }
  });

  it("gives requires_action's tool calls exactly as the accumulated function calls", async () => {
    const asked = await lastValueFrom(assistantEvents(bytes(file)).pipe(requiredToolCalls(), toArray()));
    expect(asked.flatMap((a) => a.toolCalls)).toHaveLength(COMPARED[file.slice(0, 2)]!.requiredCalls);
    if (asked.length === 0) return;
    const { steps } = await lastValueFrom(assistantEvents(bytes(file)).pipe(collectRunResult()));
    const functionCalls = steps
      .flatMap((step) => (step.step_details.type === 'tool_calls' ? step.step_details.tool_calls : []))
      .flatMap((call) =>
        call.type === 'function'
          ? [{ id: call.id, type: 'function', function: { name: call.function.name, arguments: call.function.arguments } }]
          : [],
      );
    expect(asked.flatMap((a) => a.toolCalls)).toEqual(functionCalls);
  });

  it("ends with the same final messages as openai-node's AssistantStream on the same bytes", async () => {
    const body = bytes(file);
    const client = new OpenAI({
      apiKey: 'test',
      baseURL: 'http://127.0.0.1:9/v1',
      fetch: async () => new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
    });
    const theirs = await client.beta.threads.runs.stream('thread_x', { assistant_id: 'asst_x' }).finalMessages();
    const { messages: ours } = await lastValueFrom(assistantEvents(body).pipe(collectRunResult()));
    expect(ours).toHaveLength(COMPARED[file.slice(0, 2)]!.messages);
    // openai-node keeps each content part's `index` in its snapshots; the server's objects (and ours) have none.
    const normalize = (messages: readonly unknown[]) =>
      (messages as Message[]).map((m) => ({ id: m.id, content: m.content.map((part) => without(part, ['index'])) }));
    expect(normalize(ours)).toEqual(normalize(theirs));
  });
});
