import { Readable } from 'node:stream';
import { defer, share } from 'rxjs';
import { assistantEvents } from '../../src/decode/assistant-events';
import { AssistantStreamError } from '../../src/errors';
import { fromSSE } from '../../src/sse/from-sse';
import { fromOpenAIStream } from '../../src/interop/from-openai-stream';
import { runCreated, toSSE } from '../../src/testing';
import { brokenInvariant, watch } from './support';

const body = toSSE([runCreated()]);
const bytes = new TextEncoder().encode(body);
const response = () => new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
const stream = () =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
async function* generator() {
  yield bytes;
}

const READ_ONCE = /can be read once; share\(\) the events or make the source in defer\(\)/;

describe('a one-shot source subscribed twice (issue 10, class 4)', () => {
  it.each([
    ['a fetch Response', response, 'The Response'],
    ['a ReadableStream', stream, 'The ReadableStream'],
    ['an async generator', generator, 'The async iterator'],
    ['a Node stream', () => Readable.from([Buffer.from(body)]), 'The stream'],
  ])('%s: the first subscription reads it, the second errors clearly, nothing escapes or hangs', async (_name, make, what) => {
    const events$ = assistantEvents(make());
    const first = await watch(events$);
    expect(brokenInvariant(first)).toBe('');
    expect(first).toMatchObject({ completed: true, escaped: [] });
    expect(first.values.map((e) => e.event)).toEqual(['thread.run.created']);
    const second = await watch(events$);
    expect(brokenInvariant(second)).toBe('');
    expect(second).toMatchObject({ completed: false, hung: false, escaped: [], values: [] });
    expect(second.error).toBeInstanceOf(AssistantStreamError);
    expect((second.error as AssistantStreamError).message).toMatch(READ_ONCE);
    expect((second.error as AssistantStreamError).message.startsWith(what)).toBe(true);
  });

  it('the same for two subscriptions at once, and for fromSSE', async () => {
    const events$ = fromSSE(response());
    const [a, b] = await Promise.all([watch(events$), watch(events$)]);
    expect(a).toMatchObject({ completed: true, escaped: [] });
    expect(b).toMatchObject({ completed: false, hung: false, escaped: [] });
    expect((b.error as Error).message).toMatch(READ_ONCE);
  });

  it('a body read by someone else first errors the same way, before any read', async () => {
    const used = response();
    await used.text();
    const outcome = await watch(assistantEvents(used));
    expect(outcome).toMatchObject({ completed: false, hung: false, escaped: [] });
    expect((outcome.error as Error).message).toMatch(READ_ONCE);
    const locked = stream();
    locked.getReader();
    expect(((await watch(fromSSE(locked))).error as Error).message).toMatch(READ_ONCE);
  });

  it('what the message advises works: share() the events, or make the source in defer()', async () => {
    const shared$ = assistantEvents(response()).pipe(share());
    const [a, b] = await Promise.all([watch(shared$), watch(shared$)]);
    expect([a.values.length, b.values.length, a.completed, b.completed]).toEqual([1, 1, true, true]);
    const deferred$ = defer(() => assistantEvents(response()));
    expect((await watch(deferred$)).values).toHaveLength(1);
    expect((await watch(deferred$)).values).toHaveLength(1);
  });

  it('a string, bytes, an Observable or a re-iterable AsyncIterable can be read again', async () => {
    const iterable = { [Symbol.asyncIterator]: generator };
    for (const source of [body, bytes, iterable]) {
      const events$ = assistantEvents(source);
      expect((await watch(events$)).values).toHaveLength(1);
      expect((await watch(events$)).values).toHaveLength(1);
    }
  });

  it('an openai-node stream (or any iterator of items) subscribed twice errors the same way', async () => {
    async function* items() {
      yield { event: 'thread.run.created', data: runCreated().data };
    }
    const openaiLike = Object.assign(items(), { controller: new AbortController() });
    const events$ = fromOpenAIStream(openaiLike);
    expect((await watch(events$)).values).toHaveLength(1);
    const second = await watch(events$);
    expect(second).toMatchObject({ completed: false, hung: false, escaped: [] });
    expect((second.error as Error).message).toMatch(READ_ONCE);
    // A plain re-iterable AsyncIterable of items is not one-shot.
    const iterable = { [Symbol.asyncIterator]: items };
    expect((await watch(fromOpenAIStream(iterable))).values).toHaveLength(1);
    expect((await watch(fromOpenAIStream(iterable))).values).toHaveLength(1);
  });
});
