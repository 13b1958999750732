// Any order of lifecycle events, the irregular ones included (repeated created, completed for an unseen object,
// deltas after completed, second run.created): every operator completes with its source, every group completes, and
// the operators agree with each other on the last state of each object. Nothing hangs, nothing is dropped.
import fc from 'fast-check';
import { from, lastValueFrom, map, mergeMap, toArray, type GroupedObservable, type Observable } from 'rxjs';
import { accumulateMessageDeltas } from '../../src/operators/accumulate-message-deltas';
import { accumulateRunStepDeltas } from '../../src/operators/accumulate-run-step-deltas';
import { collectRunResult } from '../../src/operators/collect-run-result';
import { messageLifecycles } from '../../src/operators/message-lifecycles';
import { runStepLifecycles } from '../../src/operators/run-step-lifecycles';
import { toolCallLifecycles } from '../../src/operators/tool-call-lifecycles';
import type { AssistantStreamEvent, RunStep } from '../../src/schema';
import {
  messageCompleted,
  messageCreated,
  messageDelta,
  messageInProgress,
  runCreated,
  runStepCompleted,
  runStepCreated,
  runStepDelta,
  runStepInProgress,
} from '../../src/testing';

const toolStep = (id: string, status: RunStep['status'] = 'in_progress', args = '{}') =>
  ({
    id,
    type: 'tool_calls',
    status,
    step_details: {
      type: 'tool_calls',
      tool_calls: [{ id: `${id}_call`, type: 'function', function: { name: 'f', arguments: args, output: null } }],
    },
  }) as Partial<RunStep>;

const event = fc.oneof(
  fc.constant(runCreated()),
  ...['msg_a', 'msg_b'].flatMap((id) => [
    fc.constant(messageCreated({ id })),
    fc.constant(messageInProgress({ id })),
    fc.string({ minLength: 1, maxLength: 3 }).map((text) => messageDelta(id, text)),
    fc.constant(messageCompleted('done', { id })),
  ]),
  ...['step_a', 'step_b'].flatMap((id) => [
    fc.constant(runStepCreated({ ...toolStep(id), step_details: { type: 'tool_calls', tool_calls: [] } })),
    fc.constant(runStepInProgress({ ...toolStep(id), step_details: { type: 'tool_calls', tool_calls: [] } })),
    fc
      .string({ minLength: 1, maxLength: 3 })
      .map((fragment) => runStepDelta(id, [{ index: 0, type: 'function', function: { arguments: fragment } }])),
    fc.constant(runStepCompleted(toolStep(id, 'completed'))),
  ]),
) as fc.Arbitrary<AssistantStreamEvent>;

const lastOfEachGroup = <T>(groups: Observable<GroupedObservable<string, T>>) =>
  groups.pipe(
    mergeMap((group) =>
      group.pipe(
        toArray(),
        map((all) => [group.key, all.at(-1)] as const),
      ),
    ),
  );

describe('operators under any order of lifecycle events (fast-check)', () => {
  it('complete, close every group, and agree on the last state of each object', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { maxLength: 30 }), async (events) => {
        const messages = await lastValueFrom(from(events).pipe(accumulateMessageDeltas(), toArray()));
        const steps = await lastValueFrom(from(events).pipe(accumulateRunStepDeltas(), toArray()));
        const result = await lastValueFrom(from(events).pipe(collectRunResult()));
        const lastBy = <T extends { id: string }>(all: T[]) => new Map(all.map((item) => [item.id, item]));
        // collectRunResult keeps an entry for every id an operator emitted, in the same last state
        for (const [id, message] of lastBy(messages)) expect(result.messages.find((m) => m.id === id)).toEqual(message);
        for (const [id, step] of lastBy(steps)) expect(result.steps.find((s) => s.id === id)).toEqual(step);
        // every group completes (toArray would never emit otherwise) and ends on the operator's last state for its key
        const messageGroups = await lastValueFrom(from(events).pipe(messageLifecycles(), lastOfEachGroup, toArray()));
        for (const [key, last] of messageGroups
          .slice()
          .reverse()
          .filter(([key], i, all) => all.findIndex(([k]) => k === key) === i)) {
          expect(last).toEqual(lastBy(messages).get(key));
        }
        const stepGroups = await lastValueFrom(from(events).pipe(runStepLifecycles(), lastOfEachGroup, toArray()));
        expect(new Set(stepGroups.map(([key]) => key))).toEqual(new Set(lastBy(steps).keys()));
        const callGroups = await lastValueFrom(from(events).pipe(toolCallLifecycles(), lastOfEachGroup, toArray()));
        for (const [, snapshot] of callGroups) {
          const step = lastBy(steps).get(snapshot!.step.id)!;
          if (snapshot!.phase === 'done')
            expect(['completed', 'failed', 'cancelled', 'expired']).toContain(snapshot!.step.status);
          expect(step).toBeDefined();
        }
      }),
      { numRuns: 300 },
    );
  });
});
