import { assistantEvents } from '../../src/decode/assistant-events';
import { AssistantStreamError } from '../../src/errors';
import { fromSSE } from '../../src/sse/from-sse';
import { messageDelta, runCreated, toSSE } from '../../src/testing';
import { collect } from '../support/collect';

// A body cut anywhere is never a silent completion: it completes only where a whole frame ended (with or without
// its closing blank line), and errors everywhere else, after the events before the cut.
describe('a truncated body', () => {
  const events = [runCreated(), messageDelta('msg_1', 'Hello'), messageDelta('msg_1', ' world')];
  const body = toSSE(events, { done: false });
  const frameEnds = [...body.matchAll(/\n\n/g)].map((m) => m.index! + 2); // where each frame ends
  // Right after a frame's whole data line (before or after its line end): the last event is whole.
  const dataEnds = frameEnds.flatMap((end) => [end - 2, end - 1]);

  it.each([...Array(body.length).keys()].map((cut) => [cut]))('cut after %i characters', async (cut) => {
    const prefix = body.slice(0, cut);
    const whole = frameEnds.filter((end) => end <= cut).length;
    const { values, error, completed } = await collect(assistantEvents(prefix));
    if (cut === 0 || frameEnds.includes(cut)) {
      expect({ completed, count: values.length }).toEqual({ completed: true, count: whole });
    } else if (dataEnds.includes(cut)) {
      expect({ completed, count: values.length }).toEqual({ completed: true, count: whole + 1 });
    } else {
      expect(values).toEqual(events.slice(0, whole));
      expect(error).toBeInstanceOf(AssistantStreamError);
      expect(['invalid_json', 'invalid_event']).toContain((error as AssistantStreamError).code);
    }
  });

  it('names the event whose frame was cut after its event line', async () => {
    const { error } = await collect(assistantEvents('event: thread.run.created\n'));
    expect(error).toMatchObject({
      code: 'invalid_event',
      event: 'thread.run.created',
      message: 'The SSE body ended inside the "thread.run.created" event, before its data',
    });
  });

  it('errors when the body stops inside the first line of a frame', async () => {
    const { error } = await collect(fromSSE('event: a\ndata: 1\n\neve'));
    expect(error).toMatchObject({
      code: 'invalid_event',
      message: 'The SSE body ended in the middle of a line that starts no event',
    });
  });

  it('completes when the body stops inside a comment, or right after a last data line, or at a lone CR', async () => {
    expect(await collect(fromSSE('event: a\ndata: 1\n\n: keep-al'))).toEqual({
      values: [{ event: 'a', data: '1' }],
      completed: true,
    });
    expect(await collect(fromSSE('event: a\ndata: 1'))).toEqual({ values: [{ event: 'a', data: '1' }], completed: true });
    expect(await collect(fromSSE('event: a\rdata: 1\r\r'))).toEqual({ values: [{ event: 'a', data: '1' }], completed: true });
    expect(await collect(fromSSE('event: done\ndata: [DONE]'))).toEqual({
      values: [{ event: 'done', data: '[DONE]' }],
      completed: true,
    });
  });
});
