import { Message, type MessageDelta } from '../../src/schema';
import { AssistantStreamError } from '../../src/errors';
import { applyMessageDelta, messageFromDelta } from '../../src/accumulate';
import { clone, deepFreeze, openAIMessage } from './support';

type Obj = Record<string, any>;

const created = (content: unknown[] = []): Message => openAIMessage(content);

const delta = (content: unknown[], id = 'msg_1'): MessageDelta =>
  deepFreeze({ id, object: 'thread.message.delta', delta: { content } }) as unknown as MessageDelta;

const contentOf = (message: Message) => (message as unknown as Obj).content as Obj[];

describe('applyMessageDelta', () => {
  it('accumulates text fragments: the first delta brings "annotations": [], later ones only a value', () => {
    let message = created();
    message = applyMessageDelta(message, delta([{ index: 0, type: 'text', text: { value: 'The', annotations: [] } }]));
    message = applyMessageDelta(message, delta([{ index: 0, type: 'text', text: { value: ' content' } }]));
    message = applyMessageDelta(message, delta([{ index: 0, type: 'text', text: { value: ' of' } }]));
    expect(contentOf(message)).toStrictEqual([{ type: 'text', text: { value: 'The content of', annotations: [] } }]);
  });

  it('an image_file part and an empty text part in one delta (real pattern), then text into part 1', () => {
    let message = created();
    message = applyMessageDelta(
      message,
      delta([
        { index: 0, type: 'image_file', image_file: { file_id: 'file-65i28iJRCx4hvJnk6NcavwRX' } },
        { index: 1, type: 'text', text: { value: '', annotations: [] } },
      ]),
    );
    const afterImage = message;
    message = applyMessageDelta(message, delta([{ index: 1, type: 'text', text: { value: 'The' } }]));
    message = applyMessageDelta(message, delta([{ index: 1, type: 'text', text: { value: ' graph' } }]));
    expect(contentOf(message)).toStrictEqual([
      { type: 'image_file', image_file: { file_id: 'file-65i28iJRCx4hvJnk6NcavwRX' } },
      { type: 'text', text: { value: 'The graph', annotations: [] } },
    ]);
    expect(contentOf(message)[0]).toBe(contentOf(afterImage)[0]);
  });

  it('a citation arrives as its own delta: marker text as value plus an annotation with quote ""', () => {
    let message = created([{ type: 'text', text: { value: 'Your favorite food is pizza', annotations: [] } }]);
    const annotation = {
      index: 0,
      type: 'file_citation',
      text: '【4:0†favorite_foods.txt】',
      start_index: 29,
      end_index: 53,
      file_citation: { file_id: 'file-abc', quote: '' },
    };
    message = applyMessageDelta(
      message,
      delta([{ index: 0, type: 'text', text: { value: '【4:0†favorite_foods.txt】', annotations: [annotation] } }]),
    );
    message = applyMessageDelta(message, delta([{ index: 0, type: 'text', text: { value: '.' } }]));
    const { index: _index, ...withoutIndex } = annotation;
    expect(contentOf(message)).toStrictEqual([
      { type: 'text', text: { value: 'Your favorite food is pizza【4:0†favorite_foods.txt】.', annotations: [withoutIndex] } },
    ]);
    // quote is an ordinary field: a later "" or value replaces it, never appends
    message = applyMessageDelta(
      message,
      delta([
        {
          index: 0,
          type: 'text',
          text: { annotations: [{ index: 0, type: 'file_citation', file_citation: { quote: 'pizza' } }] },
        },
      ]),
    );
    expect(contentOf(message)[0]!.text.annotations[0].file_citation).toEqual({ file_id: 'file-abc', quote: 'pizza' });
  });

  it('refusal fragments concatenate', () => {
    let message = created();
    message = applyMessageDelta(message, delta([{ index: 0, type: 'refusal', refusal: "I'm sorry" }]));
    message = applyMessageDelta(message, delta([{ index: 0, type: 'refusal', refusal: ', no.' }]));
    expect(contentOf(message)).toStrictEqual([{ type: 'refusal', refusal: "I'm sorry, no." }]);
  });

  it('never mutates the frozen snapshot or delta; keeps every other field by reference', () => {
    const snapshot = created([{ type: 'text', text: { value: 'a', annotations: [] } }]);
    const before = clone(snapshot);
    const next = applyMessageDelta(snapshot, delta([{ index: 0, type: 'text', text: { value: 'b' } }]));
    expect(snapshot).toStrictEqual(before);
    expect(next).not.toBe(snapshot);
    expect((next as unknown as Obj).metadata).toBe((snapshot as unknown as Obj).metadata);
    expect((next as unknown as Obj).attachments).toBe((snapshot as unknown as Obj).attachments);
    expect({ ...next, content: null }).toStrictEqual({ ...snapshot, content: null });
  });

  it('a role in a delta is applied (servers do not send it, the spec allows it)', () => {
    const next = applyMessageDelta(
      created(),
      deepFreeze({ id: 'msg_1', object: 'thread.message.delta', delta: { role: 'user' } }) as unknown as MessageDelta,
    );
    expect((next as unknown as Obj).role).toBe('user');
  });

  it('a delta cannot rewrite identity or lifecycle: keys outside content and role are ignored (issue 10, class 2)', () => {
    const snapshot = created([{ type: 'text', text: { value: 'a', annotations: [] } }]);
    const hostile = {
      id: 'msg_1',
      object: 'thread.message.delta',
      delta: {
        id: 'msg_evil',
        object: 'thread.run',
        thread_id: 'thread_x',
        run_id: 'run_x',
        assistant_id: 'asst_x',
        status: 'completed',
        created_at: 1,
        completed_at: 2,
        metadata: { a: 'b' },
        attachments: [{ file_id: 'f' }],
        content: [{ index: 0, type: 'text', text: { value: 'b' } }],
      },
    };
    const next = applyMessageDelta(snapshot, deepFreeze(hostile) as unknown as MessageDelta) as unknown as Obj;
    expect(next).toEqual({ ...snapshot, content: [{ type: 'text', text: { value: 'ab', annotations: [] } }] });
    // only the ignored keys: the snapshot itself comes back, unchanged
    const only = { id: 'msg_1', object: 'thread.message.delta', delta: { status: 'completed', id: 'msg_evil' } };
    expect(applyMessageDelta(snapshot, deepFreeze(only) as unknown as MessageDelta)).toBe(snapshot);
    const started = messageFromDelta(deepFreeze(hostile) as unknown as MessageDelta) as unknown as Obj;
    expect([started.id, started.object, started.status, started.thread_id, started.metadata]).toEqual([
      'msg_1',
      'thread.message',
      'in_progress',
      '',
      null,
    ]);
  });

  it('a delta for another message is an invalid_delta error', () => {
    expect(() => applyMessageDelta(created(), delta([], 'msg_2'))).toThrow(AssistantStreamError);
    expect(() => applyMessageDelta(created(), delta([], 'msg_2'))).toThrow(
      'delta for message "msg_2" applied to message "msg_1"',
    );
  });

  it('an absurd index is an invalid_delta error at delta.content[i].index', () => {
    try {
      applyMessageDelta(created(), delta([{ index: 4294967294, type: 'text', text: { value: 'x' } }]));
      throw new Error('not thrown');
    } catch (err) {
      expect(err).toBeInstanceOf(AssistantStreamError);
      expect((err as AssistantStreamError).code).toBe('invalid_delta');
      expect((err as AssistantStreamError).path).toBe('delta.content[0].index');
    }
  });
});

describe('messageFromDelta (a delta for a message never created)', () => {
  it('starts an in_progress assistant message from the delta, with neutral values for what it cannot tell', () => {
    const message = messageFromDelta(delta([{ index: 0, type: 'text', text: { value: 'Hi', annotations: [] } }]));
    expect(message).toStrictEqual({
      id: 'msg_1',
      object: 'thread.message',
      created_at: 0,
      thread_id: '',
      status: 'in_progress',
      incomplete_details: null,
      completed_at: null,
      incomplete_at: null,
      role: 'assistant',
      content: [{ type: 'text', text: { value: 'Hi', annotations: [] } }],
      assistant_id: null,
      run_id: null,
      attachments: null,
      metadata: null,
    });
    expect(Message.is(message)).toBe(true);
  });

  it('takes defaults for the fields a delta cannot tell, but never the id or object', () => {
    const message = messageFromDelta(delta([]), {
      thread_id: 'thread_1',
      run_id: 'run_1',
      created_at: 5,
      id: 'other',
    } as Partial<Message>);
    expect(message).toMatchObject({
      id: 'msg_1',
      object: 'thread.message',
      thread_id: 'thread_1',
      run_id: 'run_1',
      created_at: 5,
      content: [],
    });
  });

  it('uses the delta role when it has one, and keeps accumulating with applyMessageDelta', () => {
    const first = messageFromDelta(
      deepFreeze({
        id: 'msg_1',
        object: 'thread.message.delta',
        delta: { role: 'user', content: [{ index: 0, type: 'text', text: { value: 'a' } }] },
      }) as unknown as MessageDelta,
    );
    const next = applyMessageDelta(first, delta([{ index: 0, type: 'text', text: { value: 'b' } }]));
    expect((next as unknown as Obj).role).toBe('user');
    expect(contentOf(next)).toStrictEqual([{ type: 'text', text: { value: 'ab' } }]);
  });

  it('never lets __proto__ in the delta reach a prototype', () => {
    const evil = JSON.parse(
      '{"id":"msg_1","object":"thread.message.delta","delta":{"__proto__":{"polluted":1},"content":[{"index":0,"type":"text","__proto__":{"polluted":1}}]}}',
    );
    const message = messageFromDelta(evil as MessageDelta) as unknown as Obj;
    expect(message.polluted).toBeUndefined();
    expect(message.content[0].polluted).toBeUndefined();
    expect(({} as Obj).polluted).toBeUndefined();
  });
});
