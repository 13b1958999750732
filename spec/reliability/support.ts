import { createHook } from 'node:async_hooks';
import { config, Observable } from 'rxjs';
import { AssistantStreamError } from '../../src/errors';
import type { AssistantStreamEvent } from '../../src/schema';
import type { SseChunk } from '../../src/sse/sse-message';
import { splitAt } from '../support/collect';

/**
 * How an Observable behaved, watched closely: what it delivered, how it ended, and whatever should never happen:
 * a notification after it stopped (RxJS `config.onStoppedNotification`), an error nobody could catch
 * (`config.onUnhandledError`, `process` 'uncaughtException' / 'unhandledRejection'), or no end at all.
 */
export interface Watched<T> {
  values: T[];
  error?: unknown;
  completed: boolean;
  /** Neither completed nor errored within the time limit. */
  hung: boolean;
  /** Notifications the producer attempted after the subscriber had stopped. */
  afterStop: string[];
  /** Errors that escaped the Observable's error channel. */
  escaped: unknown[];
}

/**
 * Subscribes, waits for the end (at most `timeoutMs`), then (unless `late` is false) a few more turns of the event
 * loop for late notifications.
 */
export async function watch<T>(source: Observable<T>, timeoutMs = 2000, late = true): Promise<Watched<T>> {
  const afterStop: string[] = [];
  const escaped: unknown[] = [];
  const restore = guard(afterStop, escaped);
  const values: T[] = [];
  let error: unknown;
  let completed = false;
  let ended!: () => void;
  const end = new Promise<void>((resolve) => (ended = resolve));
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const subscription = source.subscribe({
      next: (value) => values.push(value),
      error: (e: unknown) => {
        error = e;
        ended();
      },
      complete: () => {
        completed = true;
        ended();
      },
    });
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const hung = (await Promise.race([end, timeout])) === 'timeout';
    clearTimeout(timer);
    if (hung) subscription.unsubscribe();
    if (late) await settle(1);
    return { values, error, completed, hung, afterStop, escaped };
  } finally {
    restore();
  }
}

/** A few turns of the event loop (microtasks, immediates and a short timer), for anything that would arrive late. */
export async function settle(ms = 5): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setTimeout(resolve, ms));
}

function guard(afterStop: string[], escaped: unknown[]): () => void {
  const previousStopped = config.onStoppedNotification;
  const previousUnhandled = config.onUnhandledError;
  config.onStoppedNotification = (notification) => afterStop.push(notification.kind);
  config.onUnhandledError = (error) => escaped.push(error);
  const onProcessError = (error: unknown) => escaped.push(error);
  process.on('uncaughtException', onProcessError);
  process.on('unhandledRejection', onProcessError);
  return () => {
    config.onStoppedNotification = previousStopped;
    config.onUnhandledError = previousUnhandled;
    process.off('uncaughtException', onProcessError);
    process.off('unhandledRejection', onProcessError);
  };
}

/**
 * The invariant every input must keep: it ends (no hang), by completing or with exactly one `AssistantStreamError`,
 * nothing arrives after the end, and nothing escapes the error channel. Returns a description of what broke, or ''.
 */
export function brokenInvariant(outcome: Watched<unknown>): string {
  if (outcome.hung) return 'hung (neither completed nor errored)';
  if (outcome.escaped.length > 0) return `an error escaped the error channel: ${String(outcome.escaped[0])}`;
  if (outcome.afterStop.length > 0) return `notifications after the end: ${outcome.afterStop.join(', ')}`;
  if (!outcome.completed && !(outcome.error instanceof AssistantStreamError)) {
    return `ended with something other than an AssistantStreamError: ${String(outcome.error)}`;
  }
  return '';
}

/** The events as they come out of JSON (no `undefined` fields): what decoding a serialized transcript must give. */
export function asJson(events: Iterable<AssistantStreamEvent>): AssistantStreamEvent[] {
  return JSON.parse(JSON.stringify([...events])) as AssistantStreamEvent[];
}

/** mulberry32: a seeded PRNG, so a failing fast-check case replays exactly. */
export { prng } from '../../src/testing/generate';

/** Splits at the given fractions of the length (0..1), in order, duplicates and ends dropped. */
export function cutAt<T extends { length: number; slice(start: number, end?: number): T }>(whole: T, fractions: number[]): T[] {
  return splitAt(
    whole,
    fractions.map((f) => Math.floor(f * whole.length)),
  );
}

/** What a source adapter saw of its consumer: whether it was cancelled / returned, and how much was pulled. */
export interface SourceProbe {
  cancelled: boolean;
  pulled: number;
  /** Resolves when the source is cancelled / returned. */
  released: Promise<void>;
}

export type SourceKind = 'ReadableStream' | 'AsyncIterable' | 'Response';

/**
 * The chunks as a source of the given kind that records whether the consumer released it. Chunks are handed out
 * one read at a time, asynchronously (as a network would), and `endless` keeps the source open after the last chunk
 * (a server that stops sending without closing).
 */
export function probedSource<C extends SseChunk>(
  kind: SourceKind,
  chunks: Iterable<C>,
  endless = false,
): { source: unknown; probe: SourceProbe } {
  const iterator = chunks[Symbol.iterator]();
  let release!: () => void;
  const probe: SourceProbe = { cancelled: false, pulled: 0, released: new Promise<void>((resolve) => (release = resolve)) };
  const onRelease = () => {
    probe.cancelled = true;
    release();
  };
  const never = new Promise<never>(() => {});
  const nextChunk = async (): Promise<IteratorResult<C>> => {
    await Promise.resolve();
    const next = iterator.next();
    if (next.done && endless) return Promise.race([never, probe.released.then(() => next)]);
    if (!next.done) probe.pulled += next.value.length;
    return next;
  };
  if (kind === 'AsyncIterable') {
    const iterable: AsyncIterable<C> = {
      [Symbol.asyncIterator]: () => ({
        next: nextChunk,
        return: async () => {
          onRelease();
          return { done: true, value: undefined };
        },
      }),
    };
    return { source: iterable, probe };
  }
  const stream = new ReadableStream<C>(
    {
      async pull(controller) {
        const next = await nextChunk();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      cancel: onRelease,
    },
    { highWaterMark: 0 },
  );
  if (kind === 'ReadableStream') return { source: stream, probe };
  const response = new Response(stream as ReadableStream<Uint8Array>, {
    status: 200,
    headers: { 'content-type': 'text/event-stream' },
  });
  return { source: response, probe };
}

/**
 * Watches the timers and immediates created from now on by the library, RxJS or the fetch implementation (not by the
 * specs, jest or fast-check): `leftovers()` lists those still scheduled, with where they were created. (Counting all
 * of the process's active timers would count jest's own.)
 */
export function trackTimers(): { leftovers(): string[]; stop(): void } {
  const live = new Map<number, string>();
  const hook = createHook({
    init(id, type) {
      if (type !== 'Timeout' && type !== 'Immediate') return;
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 30;
      const frames = (new Error().stack ?? '').split('\n').slice(2); // after the message and this hook's own frame
      Error.stackTraceLimit = limit;
      // The first frame outside Node's own code is whoever asked for the timer.
      const caller = frames.find((f) => !/\(node:|at node:/.test(f)) ?? '';
      // The library, RxJS or the fetch implementation (not the specs, jest or fast-check).
      if (!/[\\/]src[\\/]|node_modules[\\/](rxjs|undici)|\(node:internal[\\/](deps[\\/]undici|webstreams)/.test(caller)) return;
      live.set(id, `${type} ${frames.slice(0, 12).join('\n')}`);
    },
    destroy(id) {
      live.delete(id);
    },
  }).enable();
  return { leftovers: () => [...live.values()], stop: () => hook.disable() };
}

/**
 * The parts as a synchronous Observable that stops as soon as its subscriber closes. (RxJS's own `from(array)`
 * calls `complete()` after its loop even when its subscriber already closed, which `config.onStoppedNotification`
 * would report against the library.)
 */
export function chunks$<T>(parts: readonly T[]): Observable<T> {
  return new Observable<T>((subscriber) => {
    for (const part of parts) {
      if (subscriber.closed) return;
      subscriber.next(part);
    }
    if (!subscriber.closed) subscriber.complete();
  });
}

/** Waits for `promise`, at most `ms` (the timer is cleared either way, so no timer is left behind). */
export async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
