import { setFastPaths } from '../../src/accumulate/fast-paths';
import { AssistantStreamError } from '../../src/errors';
import { accumulateMessageDeltas } from '../../src/operators/accumulate-message-deltas';
import type { AssistantStreamEvent, Message } from '../../src/schema';
import {
  makeMessage,
  messageCompleted,
  messageContentDelta,
  messageCreated,
  messageDelta,
  messageInProgress,
  runCreated,
} from '../../src/testing';
import { expectFastPathsLikeGeneralPath, openAIMessage } from '../accumulate/support';
import { itBehavesLikeAnOperator, newScheduler } from '../support/operator-checklist';

const created = messageCreated();
const hel = messageDelta('msg_1', 'Hel');
const lo = messageDelta('msg_1', 'lo');
const done = messageCompleted('Hello');

/** The message after `created` and text deltas whose first one carried `annotations: []`, as real servers send. */
const withText = (value: string): Message => ({
  ...makeMessage(),
  content: [{ type: 'text', text: { value, annotations: [] } }],
});

describe('accumulateMessageDeltas', () => {
  itBehavesLikeAnOperator(() => accumulateMessageDeltas(), {
    source: 'rcab|',
    sourceValues: {
      r: runCreated(),
      c: created,
      a: {
        ...hel,
        data: { ...hel.data, delta: { content: [{ index: 0, type: 'text', text: { value: 'Hel', annotations: [] } }] } },
      },
      b: lo,
    },
    expected: '-xyz|',
    expectedValues: { x: created.data, y: withText('Hel'), z: withText('Hello') },
  });

  it('emits on created, on each delta and the server object on completed; in_progress emits nothing and resets nothing', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const inProgress = messageInProgress({ metadata: { seen: 'yes' } });
      const source = cold('cpabd|', { c: created, p: inProgress, a: hel, b: lo, d: done } as Record<
        string,
        AssistantStreamEvent
      >);
      expectObservable(source.pipe(accumulateMessageDeltas())).toBe('c-abd|', {
        c: created.data,
        a: { ...created.data, content: [{ type: 'text', text: { value: 'Hel' } }] },
        b: { ...created.data, content: [{ type: 'text', text: { value: 'Hello' } }] },
        d: done.data,
      });
      // in_progress for a message not seen yet starts its snapshot silently
      expectObservable(
        cold('pa|', { p: inProgress, a: hel } as Record<string, AssistantStreamEvent>).pipe(accumulateMessageDeltas()),
      ).toBe('-a|', {
        a: { ...inProgress.data, content: [{ type: 'text', text: { value: 'Hel' } }] },
      });
    });
  });

  describe('lifecycle irregularities (AZURE-NOTES)', () => {
    it('a repeated created for a known message neither resets its snapshot nor emits', () => {
      newScheduler().run(({ cold, expectObservable }) => {
        const source = cold('cacb|', { c: created, a: hel, b: lo } as Record<string, AssistantStreamEvent>);
        expectObservable(source.pipe(accumulateMessageDeltas())).toBe('ca-b|', {
          c: created.data,
          a: { ...created.data, content: [{ type: 'text', text: { value: 'Hel' } }] },
          b: { ...created.data, content: [{ type: 'text', text: { value: 'Hello' } }] },
        });
      });
    });

    it('a delta after completed applies on top of the completed object; a repeated created after it changes nothing', () => {
      newScheduler().run(({ cold, expectObservable }) => {
        const late = messageDelta('msg_1', '!');
        const source = cold('cadlc|', { c: created, a: hel, d: done, l: late } as Record<string, AssistantStreamEvent>);
        expectObservable(source.pipe(accumulateMessageDeltas())).toBe('cadl-|', {
          c: created.data,
          a: { ...created.data, content: [{ type: 'text', text: { value: 'Hel' } }] },
          d: done.data,
          l: { ...done.data, content: [{ type: 'text', text: { value: 'Hello!', annotations: [] } }] },
        });
      });
    });

    it('a completed for a message this stream never saw emits that object', () => {
      newScheduler().run(({ cold, expectObservable }) => {
        expectObservable(cold('d|', { d: done }).pipe(accumulateMessageDeltas())).toBe('d|', { d: done.data });
      });
    });

    it('a delta that tries to rename or close its message changes neither', () => {
      const hostile = {
        ...hel,
        data: { ...hel.data, delta: { ...hel.data.delta, id: 'msg_x', status: 'completed' } },
      } as AssistantStreamEvent;
      newScheduler().run(({ cold, expectObservable }) => {
        expectObservable(
          cold('ch|', { c: created, h: hostile } as Record<string, AssistantStreamEvent>).pipe(accumulateMessageDeltas()),
        ).toBe('ch|', {
          c: created.data,
          h: { ...created.data, content: [{ type: 'text', text: { value: 'Hel' } }] },
        });
      });
    });
  });

  it('tracks interleaved messages by id', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const other = messageCreated({ id: 'msg_2' });
      const source = cold('coab|', {
        c: created,
        o: other,
        a: messageDelta('msg_1', 'one'),
        b: messageDelta('msg_2', 'two'),
      } as Record<string, AssistantStreamEvent>);
      expectObservable(source.pipe(accumulateMessageDeltas())).toBe('coab|', {
        c: created.data,
        o: other.data,
        a: { ...created.data, content: [{ type: 'text', text: { value: 'one' } }] },
        b: { ...other.data, content: [{ type: 'text', text: { value: 'two' } }] },
      });
    });
  });

  it('starts a snapshot from a delta whose message was never created', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('a|', { a: messageDelta('msg_9', 'orphan') }).pipe(accumulateMessageDeltas())).toBe('a|', {
        a: expect.objectContaining({
          id: 'msg_9',
          object: 'thread.message',
          status: 'in_progress',
          role: 'assistant',
          content: [{ type: 'text', text: { value: 'orphan' } }],
        }),
      });
    });
  });

  it('never mutates an emitted snapshot and shares the parts a delta did not touch', () => {
    const seen: Message[] = [];
    const two = messageContentDelta('msg_1', [
      { index: 0, type: 'text', text: { value: 'a', annotations: [] } },
      { index: 1, type: 'image_file', image_file: { file_id: 'file_1' } },
    ]);
    newScheduler().run(({ cold }) => {
      cold('ctab|', { c: created, t: two, a: messageDelta('msg_1', 'b'), b: messageDelta('msg_1', 'c') })
        .pipe(accumulateMessageDeltas())
        .subscribe((m) => seen.push(m));
    });
    const frozen = JSON.stringify(seen);
    expect(seen.map((m) => (m.content[0] as { text?: { value: string } } | undefined)?.text?.value)).toEqual([
      undefined,
      'a',
      'ab',
      'abc',
    ]);
    expect(JSON.stringify(seen)).toBe(frozen);
    expect(seen[2]).not.toBe(seen[1]);
    expect(seen[2]!.content[1]).toBe(seen[1]!.content[1]);
  });

  it('keeps per-subscription state: two subscriptions never share snapshots', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const piped = cold('ca|', { c: created, a: hel } as Record<string, AssistantStreamEvent>).pipe(accumulateMessageDeltas());
      expectObservable(piped).toBe('ca|', {
        c: created.data,
        a: { ...created.data, content: [{ type: 'text', text: { value: 'Hel' } }] },
      });
      expectObservable(piped).toBe('ca|', {
        c: created.data,
        a: { ...created.data, content: [{ type: 'text', text: { value: 'Hel' } }] },
      });
    });
  });

  it('errors with invalid_delta on an absurd index, after the snapshots before it', () => {
    const absurd = messageContentDelta('msg_1', [{ index: 4294967294, type: 'text', text: { value: 'x' } }]);
    newScheduler().run(({ cold, expectObservable }) => {
      expectObservable(
        cold('cxa|', { c: created, x: absurd, a: hel } as Record<string, AssistantStreamEvent>).pipe(accumulateMessageDeltas()),
      ).toBe('c#', { c: created.data }, expect.any(AssistantStreamError));
    });
  });
});

describe('accumulateMessageDeltas with the fast paths (a memo per subscription, trusting what it built)', () => {
  afterAll(() => setFastPaths(process.env['FAST_PATHS'] !== 'off'));

  const text = (id: string, value: string, index = 0) => messageDelta(id, value, index);
  // Messages in OpenAI's key order (the layout the fast paths build and then trust), two of them interleaved.
  const events: AssistantStreamEvent[] = [
    { event: 'thread.message.created', data: openAIMessage([], { id: 'msg_1' }) },
    text('msg_1', 'Hel'), // a new part: the general merge
    text('msg_1', 'lo'),
    {
      event: 'thread.message.created',
      data: openAIMessage([{ type: 'text', text: { value: '', annotations: [] } }], { id: 'msg_2' }),
    },
    text('msg_1', ','),
    text('msg_2', 'o'),
    text('msg_2', 'ne'),
    text('msg_1', ' wor'),
    messageContentDelta('msg_1', [{ index: 1, type: 'text', text: { value: 'P.S.', annotations: [] } }]),
    text('msg_1', 'ld'),
    text('msg_1', ' me', 1),
    text('msg_2', '!'),
  ];

  it('gives the general path’s snapshots, key order and sharing included, to every subscriber; kept snapshots never change', () => {
    for (const join of [0, 2, 5]) {
      const fast = expectFastPathsLikeGeneralPath(accumulateMessageDeltas(), events, join);
      expect(fast[0]!.at(-2)!.content).toStrictEqual([
        { type: 'text', text: { value: 'Hello, world' } },
        { type: 'text', text: { value: 'P.S. me', annotations: [] } },
      ]);
    }
  });
});
