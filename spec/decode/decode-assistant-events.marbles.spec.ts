import { decodeAssistantEvents } from '../../src/decode/decode-assistant-events';
import { AssistantStreamError } from '../../src/errors';
import type { SseMessage } from '../../src/sse/sse-message';
import { itBehavesLikeAnOperator, newScheduler } from '../support/operator-checklist';
import { ev, run, textDelta, thread } from './builders';

const created = ev('thread.created', thread());
const runCreated = ev('thread.run.created', run());
const delta = ev('thread.message.delta', textDelta('Hi', true));
const m = (e: { event: string; data: unknown }): SseMessage => ({ event: e.event, data: JSON.stringify(e.data) });
const messages = {
  a: m(created),
  b: m(runCreated),
  c: m(delta),
  d: { event: 'done', data: '[DONE]' } as SseMessage,
  u: { event: 'thread.future', data: '{}' } as SseMessage,
  j: { event: 'thread.run.created', data: '{"id":' } as SseMessage,
  e: { event: 'error', data: '{"error":{"message":"overloaded","type":"server_error","code":503}}' } as SseMessage,
};
const events = { a: created, b: runCreated, c: delta };

describe('decodeAssistantEvents (marbles)', () => {
  itBehavesLikeAnOperator(() => decodeAssistantEvents(), {
    source: '-a-b-c-|',
    sourceValues: { a: messages.a, b: messages.b, c: messages.c },
    expected: '-a-b-c-|',
    expectedValues: events,
  });

  it('completes on [DONE] and unsubscribes from the source right there', () => {
    newScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-d-c-|', messages);
      expectObservable(source.pipe(decodeAssistantEvents())).toBe('-a-|', events);
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it('skips unknown events (telling onUnknownEvent), and fails on them with unknownEvents: error', () => {
    const seen: SseMessage[] = [];
    newScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-a-u-b-|', messages).pipe(decodeAssistantEvents({ onUnknownEvent: (x) => seen.push(x) }))).toBe(
        '-a---b-|',
        events,
      );
      expectObservable(cold('-a-u-b-|', messages).pipe(decodeAssistantEvents({ unknownEvents: 'error' }))).toBe(
        '-a-#',
        events,
        new AssistantStreamError('unknown_event', 'Unknown event "thread.future"'),
      );
    });
    expect(seen).toEqual([messages.u]);
  });

  it('errors on invalid JSON, event: error (numeric code read as a string) and a throwing callback, after the values before', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-a-j-b-|', messages).pipe(decodeAssistantEvents())).toBe(
        '-a-#',
        events,
        expect.objectContaining({ code: 'invalid_json' }),
      );
      expectObservable(cold('-a-e-b-|', messages).pipe(decodeAssistantEvents())).toBe(
        '-a-#',
        events,
        expect.objectContaining({
          code: 'server_error',
          serverError: { message: 'overloaded', type: 'server_error', code: '503' },
        }),
      );
      const boom = new Error('callback failed');
      const throwing = decodeAssistantEvents({
        onUnknownEvent: () => {
          throw boom;
        },
      });
      expectObservable(cold('-a-u-b-|', messages).pipe(throwing)).toBe('-a-#', events, boom);
    });
  });
});
