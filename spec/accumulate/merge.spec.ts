import fc from 'fast-check';
import { AssistantStreamError } from '../../src/errors';
import { MAX_INDEX_GAP, mergeDelta } from '../../src/accumulate';
import { FIELD_RULES, isFragmentKey } from '../../src/accumulate/field-rules';
import { clone, countReads, deepFreeze, newNodes } from './support';

type Obj = Record<string, any>;

const text = (value: string, annotations: unknown[] = []) => ({ type: 'text', text: { value, annotations } });
const textDelta = (index: number, value: string) => ({ index, type: 'text', text: { value } });

function thrown(fn: () => unknown): AssistantStreamError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AssistantStreamError);
    return err as AssistantStreamError;
  }
  throw new Error('expected an AssistantStreamError, nothing was thrown');
}

describe('mergeDelta', () => {
  describe('fragment fields concatenate', () => {
    it('text.value', () => {
      const out = mergeDelta({ content: [text('Hel')] }, { content: [textDelta(0, 'lo')] });
      expect(out).toEqual({ content: [text('Hello')] });
    });

    it('function.arguments', () => {
      const snapshot = { tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{"a"', output: null } }] };
      const out = mergeDelta(snapshot, { tool_calls: [{ index: 0, type: 'function', function: { arguments: ':1}' } }] });
      expect(out.tool_calls[0]!.function).toEqual({ name: 'f', arguments: '{"a":1}', output: null });
    });

    it('code_interpreter.input and outputs[].logs', () => {
      const snapshot = {
        tool_calls: [
          { id: 'c', type: 'code_interpreter', code_interpreter: { input: 'print(', outputs: [{ type: 'logs', logs: 'a' }] } },
        ],
      };
      const out = mergeDelta(snapshot, {
        tool_calls: [
          {
            index: 0,
            type: 'code_interpreter',
            code_interpreter: { input: '1)', outputs: [{ index: 0, type: 'logs', logs: 'b' }] },
          },
        ],
      });
      expect(out.tool_calls[0]!.code_interpreter).toEqual({ input: 'print(1)', outputs: [{ type: 'logs', logs: 'ab' }] });
    });

    it('refusal (a content part)', () => {
      const out = mergeDelta(
        { content: [{ type: 'refusal', refusal: 'I can' }] },
        { content: [{ index: 0, type: 'refusal', refusal: "'t" }] },
      );
      expect(out.content[0]).toEqual({ type: 'refusal', refusal: "I can't" });
    });

    it('starts a fragment field from the delta when the snapshot has none (or null)', () => {
      expect(mergeDelta({ text: {} } as Obj, { text: { value: 'a' } })).toEqual({ text: { value: 'a' } });
      expect(mergeDelta({ text: { value: null } } as Obj, { text: { value: 'a' } })).toEqual({ text: { value: 'a' } });
    });

    it('wherever they stand, in any tool type (connected_agent.arguments, a flat mcp arguments, azure_ai_search.input)', () => {
      expect(mergeDelta({ other: { value: 'a' } }, { other: { value: 'b' } })).toEqual({ other: { value: 'ab' } });
      expect(mergeDelta({ arguments: 'a' }, { arguments: 'b' })).toEqual({ arguments: 'ab' });
      const agent = { connected_agent: { name: 'helper', arguments: '', output: '' } };
      let call: Obj = agent;
      for (const fragment of ['{"', 'query', '":"', 'x', '"}'])
        call = mergeDelta(call, { connected_agent: { arguments: fragment } });
      expect(call.connected_agent.arguments).toBe('{"query":"x"}');
      const mcp = mergeDelta(
        { id: 'c', type: 'mcp', name: 'f', server_label: 's', arguments: '{"a"', output: null },
        { arguments: ':1}' },
      );
      expect(mcp.arguments).toBe('{"a":1}');
      expect(mergeDelta({ future_tool: { logs: 'a', refusal: 'b' } }, { future_tool: { logs: 'c', refusal: 'd' } })).toEqual({
        future_tool: { logs: 'ac', refusal: 'bd' },
      });
    });

    it('an annotation\'s "text" (not a fragment key) is replaced', () => {
      const part = text('x', [
        { type: 'file_path', text: 'sandbox:/a', start_index: 0, end_index: 1, file_path: { file_id: 'f' } },
      ]);
      const out = mergeDelta(
        { content: [part] },
        { content: [{ index: 0, type: 'text', text: { annotations: [{ index: 0, type: 'file_path', text: 'sandbox:/b' }] } }] },
      );
      expect((out.content[0] as Obj).text.annotations[0].text).toBe('sandbox:/b');
    });

    it('a field sent whole after a "" or null placeholder ends as that value, under either rule', () => {
      // bing_grounding (replaced fields), from 32-azure-agents-bing_grounding-url_citation.sse
      let bing: Obj = mergeDelta({}, { bing_grounding: { requesturl: '', response_metadata: null } });
      bing = mergeDelta(bing, { bing_grounding: { requesturl: 'https://api.bing.test/search?q=x' } });
      bing = mergeDelta(bing, { bing_grounding: { response_metadata: "{'market': 'en-US'}" } });
      expect(bing).toEqual({
        bing_grounding: { requesturl: 'https://api.bing.test/search?q=x', response_metadata: "{'market': 'en-US'}" },
      });
      // azure_ai_search.input (a fragment key) after null; connected_agent.output (replaced) after ""
      const search = mergeDelta({ azure_ai_search: { input: null, output: null } } as Obj, { azure_ai_search: { input: 'q' } });
      expect(search.azure_ai_search).toEqual({ input: 'q', output: null });
      const agent = mergeDelta({ connected_agent: { arguments: '{}', output: '' } } as Obj, {
        connected_agent: { output: 'the whole answer' },
      });
      expect(agent.connected_agent.output).toBe('the whole answer');
      expect(mergeDelta(agent, { connected_agent: { output: 'another' } }).connected_agent.output).toBe('another');
    });

    it('the table and the hot-loop check agree (FIELD_RULES, isFragmentKey)', () => {
      expect(Object.keys(FIELD_RULES).sort()).toEqual(['arguments', 'input', 'logs', 'refusal', 'value']);
      for (const key of Object.keys(FIELD_RULES)) expect(isFragmentKey(key)).toBe(true);
      for (const key of [
        'output',
        'requesturl',
        'response_metadata',
        'name',
        'id',
        'type',
        'file_id',
        'url',
        'text',
        'server_label',
      ]) {
        expect(isFragmentKey(key)).toBe(false);
      }
    });
  });

  describe('every other scalar is replaced', () => {
    it('identities repeated by the server are never appended', () => {
      const snapshot = {
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get', arguments: '', output: null } }],
      };
      const out = mergeDelta(snapshot, {
        tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get', arguments: '{}' } }],
      });
      expect(out.tool_calls[0]).toEqual({
        id: 'call_1',
        type: 'function',
        function: { name: 'get', arguments: '{}', output: null },
      });
    });

    it('file_id, numbers, booleans', () => {
      const out = mergeDelta(
        { image_file: { file_id: 'a', detail: 'low' }, n: 1, b: true },
        { image_file: { file_id: 'b' }, n: 2, b: false },
      );
      expect(out).toEqual({ image_file: { file_id: 'b', detail: 'low' }, n: 2, b: false });
    });

    it('null replaces, also a fragment field and an object', () => {
      expect(mergeDelta({ function: { arguments: 'x', output: 'y' } }, { function: { arguments: null, output: null } })).toEqual({
        function: { arguments: null, output: null },
      });
      expect(mergeDelta({ last_error: { code: 'x' } }, { last_error: null })).toEqual({ last_error: null });
    });

    it('a function output is replaced, not appended', () => {
      const out = mergeDelta({ function: { name: 'f', arguments: '{}', output: 'a' } }, { function: { output: 'b' } });
      expect(out.function.output).toBe('b');
    });

    it('an undefined value in a delta is an absent key', () => {
      const snapshot = { a: 1 };
      expect(mergeDelta(snapshot, { a: undefined })).toBe(snapshot);
    });
  });

  describe('indexed arrays merge by index', () => {
    it('merges into the element with the same index, appends a new index, strips `index`', () => {
      const out = mergeDelta(
        { content: [text('a')] },
        { content: [textDelta(0, 'b'), { index: 1, type: 'image_file', image_file: { file_id: 'f' } }] },
      );
      expect(out.content).toStrictEqual([text('ab'), { type: 'image_file', image_file: { file_id: 'f' } }]);
    });

    it('addresses by index, not by position in the delta (out of order)', () => {
      const out = mergeDelta({ content: [text('a'), text('b')] }, { content: [textDelta(1, '2'), textDelta(0, '1')] });
      expect(out.content).toEqual([text('a1'), text('b2')]);
    });

    it('two elements with the same index in one delta merge in order', () => {
      const out = mergeDelta({ content: [] as unknown[] }, { content: [textDelta(0, 'a'), textDelta(0, 'b')] });
      expect(out.content).toEqual([{ type: 'text', text: { value: 'ab' } }]);
    });

    it('annotations and code interpreter outputs merge by their own index inside their parent element', () => {
      const snapshot = { content: [text('x', [{ type: 'file_citation', text: 'm', file_citation: { file_id: 'f' } }])] };
      const out = mergeDelta(snapshot, {
        content: [
          {
            index: 0,
            type: 'text',
            text: {
              annotations: [
                { index: 0, type: 'file_citation', start_index: 1 },
                { index: 1, type: 'file_path', text: 'p' },
              ],
            },
          },
        ],
      });
      expect(out.content[0]!.text.annotations).toStrictEqual([
        { type: 'file_citation', text: 'm', file_citation: { file_id: 'f' }, start_index: 1 },
        { type: 'file_path', text: 'p' },
      ]);
    });

    it('a part of a type the library does not know is kept and merged by the same rules', () => {
      const first = mergeDelta(
        { content: [] as unknown[] },
        { content: [{ index: 0, type: 'audio', audio: { id: 'a1', transcript: 'he' } }] },
      );
      const out = mergeDelta(first, { content: [{ index: 0, type: 'audio', audio: { transcript: 'llo', tags: ['x'] } }] });
      expect(out.content).toStrictEqual([{ type: 'audio', audio: { id: 'a1', transcript: 'llo', tags: ['x'] } }]);
    });

    it('creates the array when the snapshot has none', () => {
      expect(mergeDelta({} as Obj, { content: [textDelta(0, 'a')] })).toStrictEqual({
        content: [{ type: 'text', text: { value: 'a' } }],
      });
    });

    it('an empty array never erases accumulated elements ("annotations": [] in a later delta)', () => {
      const snapshot = { content: [text('x', [{ type: 'file_path', text: 'p' }])] };
      const out = mergeDelta(snapshot, { content: [{ index: 0, type: 'text', text: { value: '', annotations: [] } }] });
      expect(out).toBe(snapshot);
      expect(mergeDelta({} as Obj, { annotations: [] })).toEqual({ annotations: [] });
    });

    it('an index that skips positions leaves holes until they arrive (within MAX_INDEX_GAP)', () => {
      const out = mergeDelta({ content: [] as unknown[] }, { content: [textDelta(2, 'c')] });
      expect(out.content.length).toBe(3);
      expect(0 in out.content).toBe(false);
      const filled = mergeDelta(out, { content: [textDelta(0, 'a')] });
      expect(filled.content[0]).toEqual({ type: 'text', text: { value: 'a' } });
      expect(mergeDelta({ content: [] as unknown[] }, { content: [textDelta(MAX_INDEX_GAP, 'x')] }).content.length).toBe(
        MAX_INDEX_GAP + 1,
      );
    });
  });

  describe('other arrays are replaced', () => {
    it('arrays of scalars and arrays of objects without index', () => {
      expect(mergeDelta({ file_ids: ['a'] }, { file_ids: ['b', 'c'] })).toEqual({ file_ids: ['b', 'c'] });
      const out = mergeDelta({ file_search: { results: [{ file_id: 'a' }] } }, { file_search: { results: [{ file_id: 'b' }] } });
      expect(out.file_search.results).toEqual([{ file_id: 'b' }]);
    });

    it("the snapshot never aliases the delta's arrays or objects", () => {
      const delta = { results: [{ file_id: 'b', attributes: {} }], ranking_options: { ranker: 'auto' } };
      const out = mergeDelta({} as Obj, delta);
      expect(out.results).not.toBe(delta.results);
      expect(out.results[0]).not.toBe(delta.results[0]);
      expect(out.ranking_options).not.toBe(delta.ranking_options);
    });
  });

  describe('immutability and structural sharing', () => {
    const build = () =>
      deepFreeze({
        id: 'msg_1',
        metadata: { k: 'v' },
        content: [text('a', [{ type: 'file_path', text: 'p' }]), text('b'), { type: 'image_file', image_file: { file_id: 'f' } }],
      });

    it('never mutates a deep-frozen snapshot or delta, and copies only the touched path', () => {
      const snapshot = build();
      const delta = deepFreeze({ content: [textDelta(1, '!')] });
      const before = clone(snapshot);
      const out = mergeDelta(snapshot, delta);
      expect(snapshot).toStrictEqual(before);
      expect(out).not.toBe(snapshot);
      expect(out.content).not.toBe(snapshot.content);
      expect(out.content[1]).not.toBe(snapshot.content[1]);
      expect((out.content[1] as Obj).text).not.toBe((snapshot.content[1] as Obj).text);
      expect(out.content[0]).toBe(snapshot.content[0]);
      expect(out.content[2]).toBe(snapshot.content[2]);
      expect(out.metadata).toBe(snapshot.metadata);
      expect((out.content[1] as Obj).text.annotations).toBe((snapshot.content[1] as Obj).text.annotations);
      expect(newNodes(out, snapshot).objects).toBe(4); // root, content, part 1, its text
    });

    it('returns the snapshot itself when the delta changes nothing', () => {
      const snapshot = build();
      expect(mergeDelta(snapshot, deepFreeze({ content: [textDelta(0, '')] }))).toBe(snapshot);
      expect(
        mergeDelta(
          snapshot,
          deepFreeze({ id: 'msg_1', content: [{ index: 2, type: 'image_file', image_file: { file_id: 'f' } }] }),
        ),
      ).toBe(snapshot);
      expect(mergeDelta(snapshot, {})).toBe(snapshot);
    });

    it('its output can be frozen and merged again (outputs are ordinary objects)', () => {
      let snapshot: Obj = build();
      for (const piece of ['x', 'y', 'z'])
        snapshot = deepFreeze(mergeDelta(snapshot, deepFreeze({ content: [textDelta(0, piece), textDelta(3, piece)] })));
      expect(snapshot.content[0].text.value).toBe('axyz');
      expect(snapshot.content[3]).toEqual({ type: 'text', text: { value: 'xyz' } });
    });
  });

  describe('hostile input', () => {
    afterEach(() => {
      expect(({} as Obj).polluted).toBeUndefined();
      expect((Object.prototype as Obj).polluted).toBeUndefined();
      expect((Array.prototype as Obj).polluted).toBeUndefined();
    });

    const payloads = [
      '{"__proto__":{"polluted":1}}',
      '{"constructor":{"prototype":{"polluted":1}}}',
      '{"prototype":{"polluted":1}}',
    ];

    it.each(payloads)(
      'skips %s at the top level, in a part, in a text, in an annotation, in a tool call, in a replaced array',
      (payload) => {
        const evil = () => JSON.parse(payload) as Obj;
        const deltas: Obj[] = [
          evil(),
          { content: [{ index: 0, type: 'text', ...evil() }] },
          { content: [{ index: 0, type: 'text', text: { value: 'x', ...evil() } }] },
          {
            content: [
              { index: 0, type: 'text', text: { annotations: [{ index: 0, type: 'file_path', ...evil(), file_path: evil() }] } },
            ],
          },
          { tool_calls: [{ index: 0, type: 'function', function: { arguments: '{}', ...evil() } }] },
          { results: [evil(), [evil()]], nested: { deeper: evil() } },
        ];
        for (const delta of deltas) {
          for (const snapshot of [{} as Obj, { content: [text('a')] }, { tool_calls: [] }]) {
            const out = mergeDelta(snapshot, delta);
            const json = JSON.stringify(out);
            expect(json).not.toContain('polluted');
            expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
          }
        }
      },
    );

    it('an own "__proto__" already in a snapshot (from JSON.parse) stays an own data key when copied', () => {
      const snapshot = JSON.parse('{"__proto__":{"polluted":1},"content":[]}') as Obj;
      const out = mergeDelta(snapshot, { content: [textDelta(0, 'a')] });
      expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
      expect(out.polluted).toBeUndefined();
      expect(Object.prototype.hasOwnProperty.call(out, '__proto__')).toBe(true);
    });

    it.each([
      ['-1', -1],
      ['1.5', 1.5],
      ['"0"', '0'],
      ['null', null],
      ['NaN', NaN],
      ['Infinity', Infinity],
    ])('index %s is an invalid_delta error naming the path', (_label, index) => {
      const err = thrown(() => mergeDelta({ content: [] }, { content: [{ index, type: 'text', text: { value: 'x' } }] }));
      expect(err.code).toBe('invalid_delta');
      expect(err.path).toBe('delta.content[0].index');
      expect(err.message).toContain('delta.content[0].index');
      expect(err.message).toContain('non-negative integer');
    });

    it('index 4294967294 is an invalid_delta error, not a 4-billion-slot array', () => {
      const err = thrown(() => mergeDelta({ content: [text('a')] }, { content: [textDelta(4294967294, 'x')] }));
      expect(err.code).toBe('invalid_delta');
      expect(err.path).toBe('delta.content[0].index');
      expect(err.message).toMatch(/expected a non-negative integer index below 16384, got 4294967294/);
    });

    it('an indexed array holds at most 16,384 elements: index 16,383 merges, 16,384 is an invalid_delta error', () => {
      const full = { content: Array.from({ length: 16_383 }, () => text('a')) };
      const merged = mergeDelta(full, { content: [textDelta(16_383, 'x')] });
      expect(merged.content).toHaveLength(16_384);
      const err = thrown(() => mergeDelta(merged, { content: [textDelta(16_384, 'x')] }));
      expect(err.code).toBe('invalid_delta');
      expect(err.path).toBe('delta.content[0].index');
      expect(err.message).toMatch(/index below 16384, got 16384/);
    });

    it(`a hole of more than ${MAX_INDEX_GAP} past the current length is an invalid_delta error`, () => {
      expect(() => mergeDelta({ content: [text('a')] }, { content: [textDelta(1 + MAX_INDEX_GAP, 'x')] })).not.toThrow();
      const err = thrown(() => mergeDelta({ content: [text('a')] }, { content: [textDelta(2 + MAX_INDEX_GAP, 'x')] }));
      expect(err.code).toBe('invalid_delta');
      expect(err.message).toContain(`more than ${MAX_INDEX_GAP} positions of this array unfilled in total`);
    });

    it('holes are bounded in total over many deltas, not per delta; a filled hole is no longer counted', () => {
      let snapshot: Obj = { content: [] };
      snapshot = mergeDelta(snapshot, { content: [textDelta(600, 'a')] }); // 600 holes
      const err = thrown(() => mergeDelta(snapshot, { content: [textDelta(1100, 'b')] })); // +499 => 1099
      expect(err.code).toBe('invalid_delta');
      expect(err.path).toBe('delta.content[0].index');
      for (let i = 0; i < 200; i++) snapshot = mergeDelta(snapshot, { content: [textDelta(i, 'f')] }); // 400 left
      expect(mergeDelta(snapshot, { content: [textDelta(1100, 'b')] }).content.length).toBe(1101); // 400 + 499
      // within one delta too, and for a snapshot array the merge did not build (holes counted once)
      const outside = { content: Object.assign(new Array(900), { 899: text('z') }) as unknown[] };
      expect(thrown(() => mergeDelta(outside, { content: [textDelta(1002, 'y')] })).code).toBe('invalid_delta');
      expect(thrown(() => mergeDelta({ content: [] }, { content: [textDelta(500, 'y'), textDelta(1002, 'y')] })).code).toBe(
        'invalid_delta',
      );
    });

    it('a part or tool call whose type changes at its index is an invalid_delta error, never a mixed object', () => {
      const err = thrown(() =>
        mergeDelta({ content: [text('a')] }, { content: [{ index: 0, type: 'image_file', image_file: { file_id: 'f' } }] }),
      );
      expect(err.code).toBe('invalid_delta');
      expect(err.path).toBe('delta.content[0].type');
      expect(err.expected).toBe('"text"');
      expect(err.message).toBe(
        'Invalid delta at delta.content[0].type: expected the type of the element already at this index ("text"), got a string (10 characters) that differs',
      );
      const calls = { step_details: { tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '' } }] } };
      const call = thrown(() =>
        mergeDelta(calls, { step_details: { tool_calls: [{ index: 0, type: 'mcp', arguments: '{}' }] } }),
      );
      expect(call.path).toBe('delta.step_details.tool_calls[0].type');
      // the same type, or none, merges
      expect(
        mergeDelta(calls, { step_details: { tool_calls: [{ index: 0, type: 'function', function: { arguments: '{' } }] } })
          .step_details.tool_calls[0]!.function.arguments,
      ).toBe('{');
      expect(
        mergeDelta(calls, { step_details: { tool_calls: [{ index: 0, function: { arguments: '{' } }] } }).step_details
          .tool_calls[0]!.type,
      ).toBe('function');
    });

    it('names the nested path: an annotation index, a code interpreter output index', () => {
      const annotation = thrown(() =>
        mergeDelta(
          { content: [text('a')] },
          { content: [{ index: 0, type: 'text', text: { annotations: [{ index: -1, type: 'file_path' }] } }] },
        ),
      );
      expect(annotation.path).toBe('delta.content[0].text.annotations[0].index');
      const output = thrown(() =>
        mergeDelta(
          { step_details: { type: 'tool_calls', tool_calls: [] } },
          {
            step_details: {
              tool_calls: [
                {
                  index: 0,
                  type: 'code_interpreter',
                  code_interpreter: { outputs: [{ type: 'logs' }, { index: 0.5, type: 'logs' }] },
                },
              ],
            },
          },
        ),
      );
      expect(output.path).toBe('delta.step_details.tool_calls[0].code_interpreter.outputs[0].index');
      expect(output.message).toContain('got nothing');
    });

    it('an indexed array with an element that is not an object is an invalid_delta error', () => {
      const err = thrown(() => mergeDelta({ content: [] }, { content: [textDelta(0, 'a'), 'junk'] }));
      expect(err.path).toBe('delta.content[1]');
    });

    it('a snapshot or delta that is not an object is an invalid_delta error', () => {
      expect(thrown(() => mergeDelta({}, null as unknown as object)).code).toBe('invalid_delta');
      expect(thrown(() => mergeDelta({}, [] as unknown as object)).code).toBe('invalid_delta');
    });
  });

  describe('properties', () => {
    it('a text split into arbitrary fragments, applied as deltas, gives the whole text', () => {
      fc.assert(
        fc.property(fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 30 }), (fragments) => {
          let snapshot: Obj = { content: [] };
          for (const fragment of fragments) snapshot = mergeDelta(snapshot, { content: [textDelta(0, fragment)] });
          const whole = fragments.join('');
          if (fragments.length === 0) expect(snapshot.content).toEqual([]);
          else expect(snapshot.content).toStrictEqual([{ type: 'text', text: { value: whole } }]);
        }),
      );
    });

    it('fragments of several parts, interleaved in any order, give each part its whole text; earlier snapshots never change', () => {
      const piece = fc.record({ part: fc.integer({ min: 0, max: 3 }), text: fc.string() });
      fc.assert(
        fc.property(fc.array(piece, { minLength: 1, maxLength: 40 }), (pieces) => {
          const history: Array<[Obj, string]> = [];
          let snapshot: Obj = { content: [] };
          for (const { part, text: fragment } of pieces) {
            history.push([snapshot, JSON.stringify(snapshot)]);
            snapshot = mergeDelta(snapshot, { content: [textDelta(part, fragment)] });
          }
          for (const [old, json] of history) expect(JSON.stringify(old)).toBe(json);
          for (let part = 0; part <= 3; part++) {
            const mine = pieces.filter((p) => p.part === part);
            if (mine.length > 0) expect(snapshot.content[part].text.value).toBe(mine.map((p) => p.text).join(''));
          }
        }),
      );
    });
  });

  describe('cost per delta: O(delta), never O(message)', () => {
    const PARTS = 50;
    const DELTAS = 100_000;

    const message = () => ({
      id: 'msg_1',
      object: 'thread.message',
      metadata: { a: '1' },
      content: Array.from({ length: PARTS }, (_, i) =>
        text(
          `part ${i} `,
          Array.from({ length: 20 }, (__, j) => ({ type: 'file_path', text: `p${j}`, file_path: { file_id: `f${j}` } })),
        ),
      ),
    });

    it(`${DELTAS} text deltas allocate the same few objects each (root, content array, part, text), whatever the length so far`, () => {
      let snapshot: Obj = message();
      const first = newNodes(mergeDelta(snapshot, { content: [textDelta(7, 'x')] }), snapshot);
      let maxObjects = 0;
      let maxSlots = 0;
      let expected = 'part 7 ';
      for (let i = 0; i < DELTAS; i++) {
        const fragment = `w${i} `;
        const next = mergeDelta(snapshot, { content: [textDelta(7, fragment)] });
        const cost = newNodes(next, snapshot);
        maxObjects = Math.max(maxObjects, cost.objects);
        maxSlots = Math.max(maxSlots, cost.slots);
        snapshot = next;
        expected += fragment;
      }
      expect(first).toEqual({ objects: 4, slots: 4 + PARTS + 2 + 2 });
      expect(maxObjects).toBe(first.objects);
      expect(maxSlots).toBe(first.slots); // keys and array slots copied per delta do not grow with the text
      expect(snapshot.content[7].text.value).toBe(expected);
    });

    it('never reads an untouched part (counted through proxies) and keeps it by reference', () => {
      const untouched = { reads: 0 };
      const original = message();
      const content = original.content.map((part, i) => (i === 7 ? part : countReads(part, untouched)));
      let snapshot: Obj = { ...original, content };
      for (let i = 0; i < 20_000; i++) snapshot = mergeDelta(snapshot, { content: [textDelta(7, 'x')] });
      expect(untouched.reads).toBe(0);
      for (let i = 0; i < PARTS; i++) if (i !== 7) expect(snapshot.content[i]).toBe(content[i]);
      expect(snapshot.content[7].text.value).toBe('part 7 ' + 'x'.repeat(20_000));
    });

    it('reads on the touched path do not grow with the accumulated text or with the size of untouched parts', () => {
      const readsFor = (snapshot: Obj) => {
        const counter = { reads: 0 };
        mergeDelta(countReads(snapshot, counter), { content: [textDelta(0, 'x')] });
        return counter.reads;
      };
      const small = { content: [text('a'), text('b')] };
      const big = {
        content: [
          text('a'.repeat(1_000_000)),
          text(
            'b'.repeat(1_000_000),
            Array.from({ length: 5000 }, (_, j) => ({ type: 'file_path', text: `p${j}`, file_path: { file_id: `f${j}` } })),
          ),
        ],
      };
      expect(readsFor(big)).toBe(readsFor(small));
    });
  });
});
