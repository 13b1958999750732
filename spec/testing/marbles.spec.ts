import { map, scan, type Observable } from 'rxjs';
import {
  accumulateMessageDeltas,
  assistantEvents,
  ofEventType,
  textDeltas,
  untilRunTerminal,
  type AssistantStreamEvent,
} from '../../src';
import { getCodecs } from '../../src/schema';
import {
  EVENT_MARBLES,
  chunkBytes,
  chunkString,
  coldEvents,
  coldSSE,
  createTestScheduler,
  eventMarbles,
  eventsOf,
  everySplit,
  hotEvents,
  messageDelta,
  toSSE,
} from '../../src/testing';

// ---- The README's example: a marble test of a small pipeline of your own ----
// (In the README the imports are 'rx-assistant-stream' and 'rx-assistant-stream/testing'; here, the sources.)

/** The code under test: the answer so far, growing with each text fragment, until the run ends. */
function answerSoFar(events$: Observable<AssistantStreamEvent>): Observable<string> {
  return events$.pipe(
    untilRunTerminal(),
    textDeltas(),
    scan((answer, fragment) => answer + fragment, ''),
  );
}

describe('answerSoFar (a user-side pipeline, marble-tested with rx-assistant-stream/testing)', () => {
  let scheduler: ReturnType<typeof createTestScheduler>;
  beforeEach(() => {
    scheduler = createTestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  it('grows the answer with each text delta and completes with the run', () => {
    scheduler.run(({ expectObservable }) => {
      const events$ = coldEvents(scheduler, 'r-p-m-a-b-c-M-C-|');
      expectObservable(answerSoFar(events$)).toBe('------x-y-z---|', { x: 'a', y: 'ab', z: 'abc' });
    });
  });

  it('ignores what comes after the run ended, and unsubscribes from the source', () => {
    scheduler.run(({ expectObservable, expectSubscriptions }) => {
      const events$ = coldEvents(scheduler, 'r-a-F-b-|');
      expectObservable(answerSoFar(events$)).toBe('--x-|', { x: 'a' });
      expectSubscriptions(events$.subscriptions).toBe('^---!');
    });
  });

  it('passes a stream error through, after the answer so far', () => {
    scheduler.run(({ expectObservable }) => {
      const error = new Error('connection reset');
      const events$ = coldEvents(scheduler, 'r-a-b-#', {}, error);
      expectObservable(answerSoFar(events$)).toBe('--x-y-#', { x: 'a', y: 'ab' }, error);
    });
  });

  it('takes your own letters next to the alphabet', () => {
    scheduler.run(({ expectObservable }) => {
      const events$ = coldEvents(scheduler, 'm-a-w-C', { w: messageDelta('msg_1', ' world') });
      expectObservable(answerSoFar(events$)).toBe('--x-y-|', { x: 'a', y: 'a world' });
    });
  });
});

// ---- The helpers themselves ----

describe('EVENT_MARBLES', () => {
  const strict = getCodecs('strict');

  it.each(Object.entries(EVENT_MARBLES))('%s is a strictly valid event', (_letter, event) => {
    expect(strict.eventData[event.event].is(event.data)).toBe(true);
  });

  it('maps each text delta letter to its own text, so textDeltas marbles read like their source', () => {
    const scheduler = createTestScheduler((actual, expected) => expect(actual).toEqual(expected));
    scheduler.run(({ expectObservable }) => {
      expectObservable(coldEvents(scheduler, 'm-a-b-c-d-e-M|').pipe(textDeltas())).toBe('--a-b-c-d-e--|');
    });
  });

  it('tells the message text and the tool call that the alphabet spells', () => {
    const scheduler = createTestScheduler((actual, expected) => expect(actual).toEqual(expected));
    scheduler.run(({ expectObservable }) => {
      const messages$ = coldEvents(scheduler, 'm-a-b-c-M|').pipe(
        accumulateMessageDeltas(),
        map((message) => (message.content[0]?.type === 'text' ? message.content[0].text.value : '')),
      );
      expectObservable(messages$).toBe('0-1-2-3-4|', { 0: '', 1: 'a', 2: 'ab', 3: 'abc', 4: 'abc' });
    });
    const args = eventsOf('kfgh')
      .flatMap((e) =>
        e.event === 'thread.run.step.delta' && e.data.delta.step_details?.type === 'tool_calls'
          ? (e.data.delta.step_details.tool_calls ?? [])
          : [],
      )
      .map((call) => (call.type === 'function' ? (call.function?.arguments ?? '') : ''))
      .join('');
    const action = EVENT_MARBLES.R.data.required_action;
    const required = action?.type === 'submit_tool_outputs' ? action.submit_tool_outputs.tool_calls[0] : undefined;
    expect(args).toBe(required?.function.arguments);
  });

  it('gives the expected values of a filtered marble', () => {
    const scheduler = createTestScheduler((actual, expected) => expect(actual).toEqual(expected));
    scheduler.run(({ expectObservable }) => {
      const events$ = coldEvents(scheduler, 'r-p-m-a-b-M-C|');
      expectObservable(events$.pipe(ofEventType('thread.run.completed'))).toBe('------------C|', EVENT_MARBLES);
    });
  });

  it('rejects a letter without an event, naming it', () => {
    const scheduler = createTestScheduler((actual, expected) => expect(actual).toEqual(expected));
    expect(() => scheduler.run(() => coldEvents(scheduler, 'r-z|'))).toThrow(/Marble "z"/);
    expect(eventMarbles({ z: EVENT_MARBLES.a }).z).toBe(EVENT_MARBLES.a);
  });
});

describe('coldEvents / hotEvents', () => {
  it('work with the scheduler and with the run helpers, time progressions included', () => {
    const scheduler = createTestScheduler((actual, expected) => expect(actual).toEqual(expected));
    scheduler.run((helpers) => {
      const { expectObservable } = helpers;
      expectObservable(coldEvents(helpers, 'a 9ms b|').pipe(textDeltas())).toBe('a 9ms b|');
      const hot$ = hotEvents(scheduler, 'r-p-^-a-b-C|');
      expectObservable(hot$.pipe(textDeltas())).toBe('--a-b--|');
    });
  });
});

describe('coldSSE', () => {
  it('feeds SSE frames, even half frames, to the real decoder', () => {
    const scheduler = createTestScheduler((actual, expected) => expect(actual).toEqual(expected));
    const frame = toSSE([EVENT_MARBLES.b], { done: false });
    const [x, y] = chunkString(frame, Math.ceil(frame.length / 2));
    scheduler.run(({ expectObservable }) => {
      const body$ = coldSSE(scheduler, 'r-a-x-y-C-D-a|', { x: x!, y: y! });
      expectObservable(assistantEvents(body$)).toBe('r-a---b-C-|', EVENT_MARBLES);
    });
  });
});

describe('eventsOf', () => {
  it('lists the events of a diagram, timing dropped', () => {
    expect(eventsOf('r-(pm)-a 5ms |')).toEqual([EVENT_MARBLES.r, EVENT_MARBLES.p, EVENT_MARBLES.m, EVENT_MARBLES.a]);
  });
});

describe('chunkString / chunkBytes / everySplit', () => {
  it('cut into fixed or cycling sizes that join back to the input', () => {
    expect(chunkString('abcdefg', 3)).toEqual(['abc', 'def', 'g']);
    expect(chunkString('abcdef', [1, 2])).toEqual(['a', 'bc', 'd', 'ef']);
    expect(chunkString('', 2)).toEqual([]);
    const bytes = chunkBytes('é€', [1, 2]);
    expect(bytes.map((b) => [...b])).toEqual([[0xc3], [0xa9, 0xe2], [0x82], [0xac]]);
  });

  it('reject sizes that would never end', () => {
    expect(() => chunkString('abc', 0)).toThrow(TypeError);
    expect(() => chunkBytes('abc', [])).toThrow(TypeError);
    expect(() => chunkBytes('abc', [2, 1.5])).toThrow(TypeError);
  });

  it('split anywhere and still decode to the same events', async () => {
    const values = { é: messageDelta('msg_1', 'é€\r\n') };
    const expected = eventsOf('aé', values);
    const body = toSSE(expected, { lineEnding: '\r\n' });
    const { lastValueFrom, from, toArray } = await import('rxjs');
    let splits = 0;
    for (const [head, tail] of everySplit(body)) {
      splits++;
      await expect(lastValueFrom(assistantEvents(from([head, tail])).pipe(toArray()))).resolves.toEqual(expected);
    }
    expect(splits).toBe(new TextEncoder().encode(body).length - 1);
    await expect(lastValueFrom(assistantEvents(from(chunkBytes(body, [1, 7, 3]))).pipe(toArray()))).resolves.toEqual(expected);
  });
});
