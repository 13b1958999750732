// The three contenders of the throughput bench, each fed the same bytes as a fetch Response whose body streams
// the transcript chunk by chunk (never a whole body in memory for the huge transcript).
import { createParser } from 'eventsource-parser';
import OpenAI from 'openai';
import { connect, merge } from 'rxjs';

/** A fetch Response whose body pulls the chunks of an iterator one read at a time. */
export function responseOf(chunks) {
  const iterator = chunks[Symbol.iterator]();
  const body = new ReadableStream(
    {
      pull(controller) {
        const next = iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      cancel() {
        iterator.return?.();
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

/**
 * (a) rx-assistant-stream (`lib`: the built package): bytes -> validated events -> accumulated messages and run
 * steps, as a user would keep them (the last snapshot of each, by id): `assistantEvents(response)` then
 * `accumulateMessageDeltas()` and `accumulateRunStepDeltas()` on one subscription (`connect`). With `only:
 * 'messages'`, `accumulateMessageDeltas()` alone (the bench before round 2). Resolves with `{ messages, steps }`
 * (arrays in first-seen order).
 */
export function runRx(lib, chunks, only) {
  const { assistantEvents, accumulateMessageDeltas, accumulateRunStepDeltas } = lib;
  return new Promise((resolve, reject) => {
    const messages = new Map();
    const steps = new Map();
    const events = assistantEvents(responseOf(chunks));
    const snapshots =
      only === 'messages'
        ? events.pipe(accumulateMessageDeltas())
        : events.pipe(connect((shared) => merge(shared.pipe(accumulateMessageDeltas()), shared.pipe(accumulateRunStepDeltas()))));
    snapshots.subscribe({
      next: (snapshot) => (snapshot.object === 'thread.message' ? messages : steps).set(snapshot.id, snapshot),
      error: reject,
      complete: () => resolve({ messages: [...messages.values()], steps: [...steps.values()] }),
    });
  });
}

/**
 * (a') rx-assistant-stream to the final snapshots only, the like of openai-node's `finalMessages()` and
 * `finalRunSteps()`: `assistantEvents(response).pipe(collectRunResult())`. The same validation and the same
 * immutable snapshot per delta as (a), in one pass, without an emission per snapshot. Resolves with `{ messages,
 * steps }` (the result's arrays, in first-seen order).
 */
export function runRxResult(lib, chunks) {
  const { assistantEvents, collectRunResult } = lib;
  return new Promise((resolve, reject) => {
    assistantEvents(responseOf(chunks))
      .pipe(collectRunResult())
      .subscribe({ next: ({ messages, steps }) => resolve({ messages, steps }), error: reject });
  });
}

/**
 * (b) openai-node 7.59: `client.beta.threads.runs.stream(threadId, { assistant_id })` with a custom fetch that
 * answers with the transcript, consumed to the end; resolves with `{ messages: finalMessages(), steps:
 * finalRunSteps() }`. (Its AssistantStream accumulates every message and run step, and validates nothing.)
 */
export async function runOpenAI(chunks) {
  const client = new OpenAI({
    apiKey: 'sk-bench',
    baseURL: 'http://127.0.0.1:9/v1',
    maxRetries: 0,
    fetch: async () => responseOf(chunks),
  });
  const stream = client.beta.threads.runs.stream('thread_bench', { assistant_id: 'asst_bench' });
  const messages = await stream.finalMessages();
  return { messages, steps: await stream.finalRunSteps() };
}

/** (c) The floor: TextDecoder + eventsource-parser + JSON.parse of each event's data, nothing else. */
export async function runFloor(chunks) {
  const reader = responseOf(chunks).body.getReader();
  const decoder = new TextDecoder();
  let events = 0;
  let sink = 0;
  const parser = createParser({
    onEvent(message) {
      if (message.data === '[DONE]') return;
      const data = JSON.parse(message.data);
      sink ^= data === null ? 0 : 1;
      events++;
    },
  });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parser.feed(decoder.decode(value, { stream: true }));
  }
  parser.feed(decoder.decode());
  return { events, sink };
}
