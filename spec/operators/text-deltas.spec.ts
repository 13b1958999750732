import { take } from 'rxjs';
import { textDeltas } from '../../src/operators/text-deltas';
import type { AssistantStreamEvent } from '../../src/schema';
import { messageContentDelta, messageCreated, messageDelta, runCreated, runStepDelta } from '../../src/testing';
import { itBehavesLikeAnOperator, newScheduler } from '../support/operator-checklist';

const c = messageCreated();
const a = messageDelta('msg_1', 'Hel');
const b = messageDelta('msg_1', 'lo');
const values: Record<string, AssistantStreamEvent> = { c, a, b, r: runCreated() };

describe('textDeltas', () => {
  itBehavesLikeAnOperator(() => textDeltas(), {
    source: 'rcab|',
    sourceValues: values,
    expected: '--xy|',
    expectedValues: { x: 'Hel', y: 'lo' },
  });

  it('emits every text part of a delta in order, skipping empty fragments, images, refusals and step deltas', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const mixed = messageContentDelta('msg_1', [
        { index: 0, type: 'image_file', image_file: { file_id: 'file_1' } },
        { index: 1, type: 'text', text: { value: '', annotations: [] } },
        { index: 2, type: 'text', text: { value: 'one' } },
        { index: 3, type: 'refusal', refusal: 'no' },
        { index: 4, type: 'text', text: { value: 'two' } },
      ]);
      const step = runStepDelta('step_1', [{ index: 0, type: 'function', function: { arguments: '{"a"' } }]);
      expectObservable(cold('(ms|)', { m: mixed, s: step }).pipe(textDeltas())).toBe('(xy|)', { x: 'one', y: 'two' });
    });
  });

  it('with { withContext: true } emits the message id, part index and annotations', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const cited = messageContentDelta('msg_2', [
        {
          index: 1,
          type: 'text',
          text: {
            value: '【4:0†notes.txt】',
            annotations: [
              {
                index: 0,
                type: 'file_citation',
                text: '【4:0†notes.txt】',
                start_index: 10,
                end_index: 25,
                file_citation: { file_id: 'file_9', quote: '' },
              },
            ],
          },
        },
      ]);
      expectObservable(cold('ak|', { a, k: cited }).pipe(textDeltas({ withContext: true }))).toBe('xy|', {
        x: { messageId: 'msg_1', index: 0, value: 'Hel' },
        y: {
          messageId: 'msg_2',
          index: 1,
          value: '【4:0†notes.txt】',
          annotations: [
            {
              index: 0,
              type: 'file_citation',
              text: '【4:0†notes.txt】',
              start_index: 10,
              end_index: 25,
              file_citation: { file_id: 'file_9', quote: '' },
            },
          ],
        },
      });
    });
  });

  it('stops emitting the rest of a delta once the subscriber is closed (take(1) on a multi-part delta)', () => {
    const twoParts = messageContentDelta('msg_1', [
      { index: 0, type: 'text', text: { value: 'a' } },
      { index: 1, type: 'text', text: { value: 'b' } },
    ]);
    newScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('t|', { t: twoParts }).pipe(textDeltas(), take(1))).toBe('(a|)', { a: 'a' });
    });
  });
});
