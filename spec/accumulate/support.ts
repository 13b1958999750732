import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Subject, type OperatorFunction } from 'rxjs';
import { setFastPaths } from '../../src/accumulate/fast-paths';
import type { AssistantStreamEvent, Message, RunStep } from '../../src/schema';

/** Freezes `value` and everything reachable from it; returns it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** A deep-frozen `in_progress` message whose keys come in the order OpenAI's servers send them. */
export function openAIMessage(content: unknown[] = [], extra: Record<string, unknown> = {}): Message {
  return deepFreeze({
    id: 'msg_1',
    object: 'thread.message',
    created_at: 1712009491,
    assistant_id: 'asst_1',
    thread_id: 'thread_1',
    run_id: 'run_1',
    status: 'in_progress',
    incomplete_details: null,
    incomplete_at: null,
    completed_at: null,
    role: 'assistant',
    content,
    attachments: [],
    metadata: {},
    ...extra,
  }) as unknown as Message;
}

/** A deep-frozen `in_progress` tool_calls run step whose keys come in the order OpenAI's servers send them. */
export function openAIStep(calls: unknown[] = [], extra: Record<string, unknown> = {}): RunStep {
  return deepFreeze({
    id: 'step_1',
    object: 'thread.run.step',
    created_at: 1,
    run_id: 'run_1',
    assistant_id: 'asst_1',
    thread_id: 'thread_1',
    type: 'tool_calls',
    status: 'in_progress',
    cancelled_at: null,
    completed_at: null,
    expires_at: null,
    failed_at: null,
    last_error: null,
    step_details: { type: 'tool_calls', tool_calls: calls },
    usage: null,
    ...extra,
  }) as unknown as RunStep;
}

/** A JSON-ish deep copy (keeps the structure, drops sharing), to check an input was left as it was. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}

/**
 * The objects and arrays of `after` that are not in `before` at the same place, and how many keys (or array slots)
 * they hold: what a merge allocated and copied. A subtree shared by reference is not walked (never mutated, so
 * shared means unchanged). Conservative: a node moved elsewhere counts as new.
 */
export function newNodes(after: unknown, before: unknown): { objects: number; slots: number } {
  const total = { objects: 0, slots: 0 };
  const walk = (a: unknown, b: unknown): void => {
    if (a === b || typeof a !== 'object' || a === null) return;
    const keys = Object.keys(a);
    total.objects += 1;
    total.slots += keys.length;
    const prev = typeof b === 'object' && b !== null ? (b as Record<string, unknown>) : undefined;
    for (const key of keys) walk((a as Record<string, unknown>)[key], prev?.[key]);
  };
  walk(after, before);
  return total;
}

/**
 * Wraps `value` and everything reachable from it in proxies that count every read (get, has, ownKeys,
 * getOwnPropertyDescriptor) into `counter.reads`. The wrapping is eager: the proxies' children are proxies.
 */
export function countReads<T>(value: T, counter: { reads: number }): T {
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = Array.isArray(value) ? ([] as unknown as Record<string, unknown>) : {};
  for (const key of Object.keys(value)) copy[key] = countReads((value as Record<string, unknown>)[key], counter);
  return new Proxy(copy, {
    get(target, key, receiver) {
      counter.reads++;
      return Reflect.get(target, key, receiver);
    },
    has(target, key) {
      counter.reads++;
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      counter.reads++;
      return Reflect.ownKeys(target);
    },
    getOwnPropertyDescriptor(target, key) {
      counter.reads++;
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
  }) as T;
}

export { FIXTURES_DIR } from '../support/fixtures';
import { FIXTURES_DIR } from '../support/fixtures';

export interface Frame {
  event: string;
  /** The parsed JSON, or `undefined` when the data is not JSON (`[DONE]`, the broken frames of 02-*). */
  data: unknown;
  raw: string;
}

/** The `event:`/`data:` frames of an SSE transcript, with their data parsed when it is JSON. */
export function readFrames(file: string): Frame[] {
  const text = readFileSync(join(FIXTURES_DIR, file), 'utf8').replace(/\r\n?/g, '\n');
  const frames: Frame[] = [];
  for (const block of text.split(/\n\n+/)) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length === 0) continue;
    const raw = data.join('\n');
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = undefined;
    }
    frames.push({ event, data: parsed, raw });
  }
  return frames;
}

export function fixtureFiles(): string[] {
  return readdirSync(FIXTURES_DIR)
    .filter((f) => f.endsWith('.sse'))
    .sort();
}

/**
 * Runs `events` through `operator` twice, fast paths on and off, with two subscriptions (the second joining at event
 * `join`), and expects the same emissions (as JSON when each came, so key order counts), nothing emitted mutated
 * later, and the same parts shared with each id's previous snapshot. Returns the fast run's snapshots, per subscriber.
 */
export function expectFastPathsLikeGeneralPath<T extends { id: string }>(
  operator: OperatorFunction<AssistantStreamEvent, T>,
  events: AssistantStreamEvent[],
  join: number,
): T[][] {
  const run = (fast: boolean) => {
    const previous = setFastPaths(fast);
    try {
      const source = new Subject<AssistantStreamEvent>();
      const piped = source.pipe(operator);
      const seen: Array<{ values: T[]; json: string[] }> = [];
      const subscribe = () => {
        const out = { values: [] as T[], json: [] as string[] };
        seen.push(out);
        piped.subscribe((value) => {
          out.values.push(value);
          out.json.push(JSON.stringify(value));
        });
      };
      subscribe();
      events.forEach((event, i) => {
        if (i === join) subscribe();
        source.next(event);
      });
      source.complete();
      return seen;
    } finally {
      setFastPaths(previous);
    }
  };
  const fast = run(true);
  const general = run(false);
  expect(fast.map((s) => s.json)).toEqual(general.map((s) => s.json));
  const previousOf = (values: T[], i: number) =>
    values
      .slice(0, i)
      .reverse()
      .find((p) => p.id === values[i]!.id);
  for (const [k, subscriber] of fast.entries()) {
    expect(subscriber.values.map((value) => JSON.stringify(value))).toEqual(subscriber.json); // nothing emitted was mutated
    const slow = general[k]!.values;
    subscriber.values.forEach((value, i) => {
      const before = previousOf(subscriber.values, i);
      if (before === undefined) return;
      expect(newNodes(value, before)).toEqual(newNodes(slow[i], previousOf(slow, i))); // the same parts shared
    });
  }
  return fast.map((s) => s.values);
}
