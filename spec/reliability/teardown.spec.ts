// Unsubscribing at any point releases everything underneath: the reader is cancelled, the iterator returned, the
// request aborted, no timer or listener is left, and nothing arrives afterwards.
import fc from 'fast-check';
import { getEventListeners } from 'node:events';
import { Observable, take, type OperatorFunction, type Subscription } from 'rxjs';
import {
  accumulateMessageDeltas,
  accumulateRunStepDeltas,
  assistantEvents,
  createAssistantsClient,
  ofEventType,
  textDeltas,
  untilRunTerminal,
  type AssistantStreamEvent,
} from '../../src';
import { generateSSEBytes } from '../../src/testing';
import { cutAt, probedSource, settle, trackTimers, within, type SourceProbe } from './support';

const chains: Record<string, OperatorFunction<AssistantStreamEvent, unknown>> = {
  none: (source) => source,
  accumulateMessageDeltas: accumulateMessageDeltas(),
  accumulateRunStepDeltas: accumulateRunStepDeltas(),
  'untilRunTerminal, textDeltas': (source) => source.pipe(untilRunTerminal(), textDeltas()),
  ofEventType: ofEventType('thread.message.delta', 'thread.run.step.delta'),
};

type Kind = 'ReadableStream' | 'AsyncIterable' | 'Response' | 'Observable';

/** Chunks delivered one per timer tick, as an Observable that records its teardown. */
function timedChunks(chunks: Uint8Array[]): { source: Observable<Uint8Array>; probe: SourceProbe } {
  let release!: () => void;
  const probe: SourceProbe = { cancelled: false, pulled: 0, released: new Promise<void>((resolve) => (release = resolve)) };
  const source = new Observable<Uint8Array>((subscriber) => {
    let i = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = () => {
      if (i < chunks.length) {
        probe.pulled += chunks[i]!.length;
        subscriber.next(chunks[i++]!);
        timer = setTimeout(tick, 0);
      } else subscriber.complete();
    };
    timer = setTimeout(tick, 0);
    return () => {
      clearTimeout(timer);
      if (i < chunks.length) {
        probe.cancelled = true;
        release();
      }
    };
  });
  return { source, probe };
}

function sourceOf(kind: Kind, chunks: Uint8Array[]) {
  return kind === 'Observable' ? timedChunks(chunks) : probedSource(kind, chunks);
}

const transcripts = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  targetSize: fc.integer({ min: 2000, max: 20_000 }),
  pieces: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 10, maxLength: 60 }),
});

function bytesOf(t: { seed: number; targetSize: number }): Uint8Array {
  return Buffer.concat([...generateSSEBytes({ targetSize: t.targetSize, seed: t.seed, chunkSize: 1 })]);
}

describe('reliability: teardown', () => {
  it('unsubscribing at any point (a random cut) cancels the source, leaves no timer and lets nothing through afterwards', async () => {
    await fc.assert(
      fc.asyncProperty(
        transcripts,
        fc.constantFrom<Kind>('ReadableStream', 'AsyncIterable', 'Response', 'Observable'),
        fc.constantFrom(...Object.keys(chains)),
        fc.nat(400),
        fc.constantFrom('in next', 'take', 'later'),
        async (t, kind, chain, cut, how) => {
          const timers = trackTimers();
          const bytes = bytesOf(t);
          const { source, probe } = sourceOf(kind, cutAt(bytes, t.pieces));
          let events = assistantEvents(source as ReadableStream<Uint8Array>).pipe(chains[chain]!);
          if (how === 'take') events = events.pipe(take(cut + 1));
          const seen: unknown[] = [];
          let ended: string | undefined;
          let afterUnsubscribe: string[] = [];
          let unsubscribed = false;
          const note = (what: string) => {
            if (unsubscribed) afterUnsubscribe.push(what);
          };
          let resolveStop!: () => void;
          const stopped = new Promise<void>((resolve) => (resolveStop = resolve));
          let subscription: Subscription | undefined = undefined;
          subscription = events.subscribe({
            next: (value) => {
              note('next');
              seen.push(value);
              if (how === 'in next' && seen.length === cut + 1) {
                unsubscribed = true;
                subscription?.unsubscribe();
                resolveStop();
              }
            },
            error: (error: unknown) => {
              note('error');
              ended = `error ${String(error)}`;
              resolveStop();
            },
            complete: () => {
              note('complete');
              ended = 'complete';
              resolveStop();
            },
          });
          if (how === 'in next' && unsubscribed) subscription.unsubscribe(); // cut within a synchronous part
          if (how === 'later') {
            // A few turns of the loop, then unsubscribe from outside, wherever the stream is by then.
            for (let i = 0; i < cut % 40; i++) await new Promise((resolve) => setImmediate(resolve));
            unsubscribed = true;
            subscription.unsubscribe();
            resolveStop();
          }
          await stopped;
          if (!unsubscribed) {
            unsubscribed = true;
            subscription.unsubscribe();
          }
          // An error is a failure of this property (the transcripts are valid).
          expect(ended?.startsWith('error')).not.toBe(true);
          await settle(10);
          timers.stop();
          expect(afterUnsubscribe).toEqual([]);
          // Unless everything was read, the source was released (cancelled, returned, unsubscribed).
          const readAll = probe.pulled === bytes.length;
          if (!readAll) {
            await within(probe.released, 500);
            expect({ kind, chain, how, cut, cancelled: probe.cancelled }).toEqual({ kind, chain, how, cut, cancelled: true });
          }
          expect(timers.leftovers()).toEqual([]);
          afterUnsubscribe = [];
        },
      ),
      { numRuns: 120 },
    );
  });

  it("the run endpoints: unsubscribing aborts the request, cancels the body, removes the listeners on the caller's signal", async () => {
    await fc.assert(
      fc.asyncProperty(transcripts, fc.nat(200), async (t, cut) => {
        const timers = trackTimers();
        const bytes = bytesOf(t);
        const { source, probe } = probedSource('ReadableStream', cutAt(bytes, t.pieces));
        let requestSignal: AbortSignal | undefined;
        const client = createAssistantsClient({
          baseURL: 'https://example.invalid/v1',
          apiKey: 'test',
          fetch: async (_url, init) => {
            requestSignal = init.signal;
            return new Response(source as ReadableStream<Uint8Array>, {
              status: 200,
              headers: { 'content-type': 'text/event-stream' },
            });
          },
        });
        const caller = new AbortController();
        const seen: unknown[] = [];
        const late: string[] = [];
        let unsubscribed = false;
        let ended = false;
        const subscription = client.createRun('thread_1', { assistant_id: 'asst_1' }, { signal: caller.signal }).subscribe({
          next: (e) => {
            if (unsubscribed) late.push('next');
            seen.push(e);
          },
          error: () => (unsubscribed ? late.push('error') : (ended = true)),
          complete: () => (unsubscribed ? late.push('complete') : (ended = true)),
        });
        while (!ended && seen.length <= cut && probe.pulled < bytes.length) await new Promise((resolve) => setImmediate(resolve));
        unsubscribed = true;
        subscription.unsubscribe();
        await settle(10);
        timers.stop();
        expect(late).toEqual([]);
        expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
        if (!ended && probe.pulled < bytes.length) {
          expect(requestSignal?.aborted).toBe(true);
          await within(probe.released, 500);
          expect(probe.cancelled).toBe(true);
        }
        expect(timers.leftovers()).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('untilRunTerminal releases the source as soon as the run ends, before the body does', async () => {
    // A body that goes on after the terminal run event (and never closes): the reader is cancelled at the terminal run.
    const bytes = Buffer.concat([...generateSSEBytes({ targetSize: 3000, seed: 5, singleRun: true, done: false })]);
    const { source, probe } = probedSource('ReadableStream', cutAt(bytes, [0.2, 0.4, 0.6, 0.8]), true);
    const values: unknown[] = [];
    let completed = false;
    assistantEvents(source as ReadableStream<Uint8Array>)
      .pipe(untilRunTerminal())
      .subscribe({ next: (e) => values.push(e), complete: () => (completed = true) });
    await within(probe.released, 2000);
    expect(completed).toBe(true);
    expect(probe.cancelled).toBe(true);
    expect((values[values.length - 1] as AssistantStreamEvent).event).toBe('thread.run.completed');
  });
});
