import fc from 'fast-check';
import { applyMessageDelta, mergeDelta } from '../../src/accumulate';
import { applyRunStepDelta } from '../../src/accumulate';
import {
  appendTextFragment,
  appendToolCallFragment,
  createFastPathMemo,
  fastPathsEnabled,
  setFastPaths,
  type FastPathMemo,
} from '../../src/accumulate/fast-paths';
import { applyDeltaOfKind } from '../../src/accumulate/delta-fields';
import { MESSAGE_DELTAS } from '../../src/accumulate/message';
import { RUN_STEP_DELTAS } from '../../src/accumulate/run-step';

const applyMessageDeltaWith = (snapshot: Message, delta: MessageDelta, memo: FastPathMemo) =>
  applyDeltaOfKind(MESSAGE_DELTAS, snapshot, delta, memo);
const applyRunStepDeltaWith = (snapshot: RunStep, delta: RunStepDelta, memo: FastPathMemo) =>
  applyDeltaOfKind(RUN_STEP_DELTAS, snapshot, delta, memo);
import type { Message, MessageDelta, RunStep, RunStepDelta } from '../../src/schema';
import { clone, countReads, deepFreeze, newNodes, openAIMessage, openAIStep } from './support';

type Obj = Record<string, any>;

/** A message in OpenAI's key order (the layout the top-level copy recognises). */
const message = openAIMessage;

const textPart = (value: string, annotations: unknown[] = []) => ({ type: 'text', text: { value, annotations } });
const fragment = (index: number, value: string, more: Obj = {}) => ({
  content: [{ index, type: 'text', text: { value, ...more } }],
});

/** The same value, key order included (toStrictEqual ignores key order). */
const sameLayout = (a: unknown, b: unknown) => {
  expect(a).toStrictEqual(b);
  expect(JSON.stringify(a)).toBe(JSON.stringify(b));
};

describe('appendTextFragment (the fast path of applyMessageDelta)', () => {
  // These check the fast path itself, so it is on here even in the FAST_PATHS=off run.
  beforeEach(() => setFastPaths(true));
  afterAll(() => setFastPaths(process.env['FAST_PATHS'] !== 'off'));

  it('builds exactly what mergeDelta builds: keys, key order, and the untouched parts shared', () => {
    const image = { type: 'image_file', image_file: { file_id: 'file_1' } };
    const cases: Array<[Message, Obj]> = [
      [message([textPart('Hel')]), fragment(0, 'lo')],
      [message([textPart('Hel')]), fragment(0, 'lo', { annotations: [] })],
      [message([image, textPart('The')]), fragment(1, ' graph')],
      [message([textPart('a'), textPart('b')]), { content: [{ index: 0, text: { value: 'c' } }] }], // no type
      [message([{ type: 'text', text: { value: 'a' } }]), fragment(0, 'b')], // a text without annotations
      [message([{ type: 'text', text: { annotations: [], value: 'a' } }]), fragment(0, 'b')], // another key order
      [message([{ text: { value: 'a', annotations: [] }, type: 'text', extra: 1 }]), fragment(0, 'b')], // a part with more keys
      [message([textPart('a')], { extra: { kept: true } }), fragment(0, 'b')], // a message with more keys
    ];
    for (const [snapshot, delta] of cases) {
      const fast = appendTextFragment(snapshot, delta);
      expect(fast).toBeDefined();
      const general = mergeDelta(snapshot, delta);
      sameLayout(fast, general);
      const parts = (fast as unknown as Obj).content as Obj[];
      const index = (delta.content as Obj[])[0]!.index as number;
      parts.forEach((part, i) =>
        i === index ? expect(part).not.toBe(snapshot.content[i]) : expect(part).toBe(snapshot.content[i]),
      );
      expect(parts[index]!.text.annotations).toBe((snapshot.content[index] as Obj).text.annotations);
      expect((fast as unknown as Obj).metadata).toBe(snapshot.metadata);
    }
  });

  it('leaves every other delta to the general merge (returns undefined)', () => {
    const base = message([textPart('Hel'), { type: 'image_file', image_file: { file_id: 'f' } }]);
    const others: Obj[] = [
      { content: [] },
      { role: 'assistant', content: [{ index: 0, type: 'text', text: { value: 'x' } }] }, // more than content
      {
        content: [
          { index: 0, type: 'text', text: { value: 'x' } },
          { index: 0, type: 'text', text: { value: 'y' } },
        ],
      },
      { content: [{ index: 0, type: 'text', text: { value: 'x' }, extra: 1 }] },
      { content: [{ index: 2, type: 'text', text: { value: 'x' } }] }, // a new part
      { content: [{ index: -1, type: 'text', text: { value: 'x' } }] },
      { content: [{ index: 0.5, type: 'text', text: { value: 'x' } }] },
      { content: [{ index: '0', type: 'text', text: { value: 'x' } }] },
      { content: [{ type: 'text', text: { value: 'x' } }] }, // no index
      { content: [{ index: 1, type: 'text', text: { value: 'x' } }] }, // the part is an image_file
      { content: [{ index: 0, type: 'refusal', refusal: 'no' }] },
      { content: [{ index: 0, type: 'text' }] },
      { content: [{ index: 0, type: 'text', text: null }] },
      { content: [{ index: 0, type: 'text', text: { value: '' } }] }, // changes nothing: the snapshot itself comes back
      { content: [{ index: 0, type: 'text', text: { value: 1 } }] },
      { content: [{ index: 0, type: 'text', text: { value: 'x', annotations: [{ index: 0, type: 'file_path', text: 'p' }] } }] },
      { content: [{ index: 0, type: 'text', text: { value: 'x', annotations: null } }] },
      { content: [{ index: 0, type: 'text', text: { value: 'x', other: 1 } }] },
      JSON.parse('{"content":[{"index":0,"type":"text","text":{"value":"x","__proto__":{}}}]}'), // an own "__proto__" key
      { content: 'x' },
    ];
    // Inherited fields are not part of a delta (the general merge reads own keys only).
    others.push(Object.create({ content: [{ index: 0, type: 'text', text: { value: 'x' } }] }));
    others.push({ content: [Object.assign(Object.create({ text: { value: 'x' } }), { index: 0, type: 'text' })] });
    others.push({ content: [{ index: 0, type: 'text', text: Object.create({ value: 'x' }) }] });
    // Nor are hidden (non-enumerable) own fields: the general merge lists a delta's keys with Object.keys.
    const hidden = <T extends object>(o: T, key: string, value: unknown): T =>
      Object.defineProperty(o, key, { value, enumerable: false });
    others.push(hidden({}, 'content', [{ index: 0, type: 'text', text: { value: 'x' } }]));
    others.push({ content: [hidden({ index: 0, type: 'text' }, 'text', { value: 'x' })] });
    others.push({ content: [{ index: 0, type: 'text', text: hidden({}, 'value', 'x') }] });
    // The right own keys with an enumerable inherited one as well: declined, the general merge reads the own ones.
    others.push({ content: [Object.assign(Object.create({ extra: 1 }), { index: 0, type: 'text', text: { value: 'x' } })] });
    for (const delta of others) expect(appendTextFragment(base, delta)).toBeUndefined();
    expect(appendTextFragment(base, null)).toBeUndefined();
    expect(appendTextFragment(message([{ type: 'text', text: { value: null } }]), fragment(0, 'x'))).toBeUndefined();
    expect(appendTextFragment(message([{ type: 'text', text: {} }]), fragment(0, 'x'))).toBeUndefined();
    expect(
      appendTextFragment(message([{ type: 'text', text: { value: 'a' } }]), fragment(0, 'x', { annotations: [] })),
    ).toBeUndefined();
    const hole = message(Object.assign([], { 1: textPart('b') })); // content[0] is a hole (an index skipped earlier)
    expect(appendTextFragment(hole, fragment(0, 'x'))).toBeUndefined();
  });

  it('never mutates a frozen snapshot or delta, and allocates what the general merge does (4 objects)', () => {
    const snapshot = message([textPart('Hel'), textPart('x')]);
    const delta = deepFreeze(fragment(0, 'lo'));
    const before = clone(snapshot);
    const next = appendTextFragment(snapshot, delta)!;
    expect(snapshot).toStrictEqual(before);
    expect(newNodes(next, snapshot)).toEqual(newNodes(mergeDelta(snapshot, delta), snapshot));
    expect(newNodes(next, snapshot).objects).toBe(4);
  });

  it('reads nothing of the untouched parts (counted through proxies)', () => {
    const untouched = { reads: 0 };
    const parts = [textPart('a'), countReads(textPart('b', [{ type: 'file_path' }]), untouched), textPart('c')];
    const snapshot = message(parts);
    untouched.reads = 0; // building the snapshot froze (so read) every part
    const next = appendTextFragment(snapshot, fragment(0, 'x')) as unknown as Obj;
    expect(next.content[0].text.value).toBe('ax');
    expect(next.content[1]).toBe(parts[1]);
    expect(untouched.reads).toBe(0);
  });

  it('applyMessageDelta gives what mergeDelta gives for any delta near the common shape (fast-check)', () => {
    // Mostly the common shapes (so the fast path runs often), with every field sometimes off in some way.
    const value = fc.oneof(
      { weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 4 }) },
      fc.constant(''),
      fc.constant(null),
      fc.integer(),
    );
    const annotationList = fc.oneof(
      { weight: 3, arbitrary: fc.constant([]) },
      fc.constant([{ index: 0, type: 'file_path', text: 'p' }]),
      fc.constant([{ type: 'file_path', text: 'q', file_path: { file_id: 'f' } }]),
      fc.constant(null),
    );
    const textObject = fc.oneof(
      { weight: 4, arbitrary: fc.record({ value, annotations: annotationList }) },
      fc.record({ annotations: annotationList, value }),
      fc.record({ value, annotations: annotationList, extra: fc.constant(1) }, { requiredKeys: [] }),
    );
    const part = fc.oneof(
      { weight: 4, arbitrary: fc.record({ type: fc.constant('text'), text: textObject }) },
      fc.record({ text: textObject, type: fc.constantFrom('text', 'refusal') }, { requiredKeys: ['type'] }),
      fc.record(
        { type: fc.constant('text'), text: fc.oneof(textObject, fc.constant(null)), extra: fc.constant(1) },
        { requiredKeys: ['type'] },
      ),
      fc.constant({ type: 'image_file', image_file: { file_id: 'f' } }),
    );
    const commonElement = fc.record(
      {
        index: fc.integer({ min: 0, max: 2 }),
        type: fc.constant('text'),
        text: fc.record({ value, annotations: annotationList }, { requiredKeys: ['value'] }),
      },
      { requiredKeys: ['index', 'text'] },
    );
    const anyElement = fc.record(
      {
        index: fc.oneof(fc.integer({ min: -1, max: 3 }), fc.constant(0.5), fc.constant('0')),
        type: fc.constantFrom('text', 'refusal', 'image_file'),
        text: fc.oneof(textObject, fc.constant(null)),
        refusal: fc.string({ maxLength: 3 }),
      },
      { requiredKeys: [] },
    );
    const delta = fc.oneof(
      { weight: 4, arbitrary: fc.record({ content: fc.tuple(commonElement) }) },
      fc.record(
        { content: fc.array(fc.oneof(commonElement, anyElement), { maxLength: 2 }), role: fc.constant('assistant') },
        { requiredKeys: [] },
      ),
    );
    let fastPathRuns = 0;
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 3 }), delta, (parts, d) => {
        const snapshot = message(parts.map((p) => clone(p)));
        const data = deepFreeze({ id: 'msg_1', object: 'thread.message.delta', delta: d }) as unknown as MessageDelta;
        if (appendTextFragment(snapshot, d) !== undefined) fastPathRuns++;
        const outcome = (apply: () => unknown) => {
          try {
            return { value: apply() };
          } catch (error) {
            return { error: (error as Error).message };
          }
        };
        const fast = outcome(() => applyMessageDelta(snapshot, data));
        const general = outcome(() => mergeDelta(snapshot, d));
        sameLayout(fast, general);
        expect(fast.value === snapshot).toBe(general.value === snapshot); // a delta that changes nothing gives the snapshot back
      }),
      { numRuns: 2000 },
    );
    expect(fastPathRuns).toBeGreaterThan(100); // the property did exercise the fast path
  });

  describe('appendToolCallFragment (the fast path of applyRunStepDelta)', () => {
    beforeEach(() => setFastPaths(true));
    afterAll(() => setFastPaths(process.env['FAST_PATHS'] !== 'off'));

    const fn = (args: string) => ({ id: 'call_1', type: 'function', function: { name: 'f', arguments: args, output: null } });
    const ci = (input: string) => ({ id: 'call_2', type: 'code_interpreter', code_interpreter: { input, outputs: [] } });
    const toolDelta = (element: unknown) => ({ step_details: { type: 'tool_calls', tool_calls: [element] } });

    it('builds exactly what mergeDelta builds (keys, order, sharing) for function arguments and code interpreter input', () => {
      const step = openAIStep([fn('{"a"'), ci('print('), { id: 'x', type: 'future', future: { arguments: 'a', extra: 1 } }]);
      const deltas = [
        toolDelta({ index: 0, type: 'function', function: { arguments: ':1}' } }),
        toolDelta({ index: 1, type: 'code_interpreter', code_interpreter: { input: '1)' } }),
        toolDelta({ index: 0, function: { arguments: '!' } }),
      ].map((d) => deepFreeze(d));
      for (const d of deltas) {
        const fast = appendToolCallFragment(step, d);
        expect(fast).toBeDefined();
        const general = mergeDelta(step, d);
        sameLayout(fast, general);
        expect(newNodes(fast, step)).toEqual(newNodes(general, step));
        const calls = (fast as unknown as Obj).step_details.tool_calls;
        expect(calls[2]).toBe((step as unknown as Obj).step_details.tool_calls[2]);
      }
      expect((appendToolCallFragment(step, deltas[0]) as unknown as Obj).step_details.tool_calls[0].function.arguments).toBe(
        '{"a":1}',
      );
    });

    it('leaves every other delta to the general merge (returns undefined)', () => {
      const step = openAIStep([fn(''), ci('')]);
      const others: object[] = [
        toolDelta({ index: 2, type: 'function', function: { arguments: 'x' } }), // a new call
        toolDelta({ index: 0, type: 'mcp', function: { arguments: 'x' } }), // a type change: the merge reports it
        toolDelta({ index: 0, type: 'function', function: { arguments: '' } }), // nothing to add
        toolDelta({ index: 0, type: 'function', function: { arguments: 'x', name: 'g' } }),
        toolDelta({ index: 0, id: 'call_1', type: 'function', function: { arguments: 'x' } }),
        toolDelta({ index: 1, type: 'code_interpreter', code_interpreter: { outputs: [{ index: 0, type: 'logs', logs: 'a' }] } }),
        toolDelta({ index: 0.5, type: 'function', function: { arguments: 'x' } }),
        { step_details: { type: 'message_creation', tool_calls: [{ index: 0, function: { arguments: 'x' } }] } },
        { step_details: toolDelta({ index: 0, function: { arguments: 'x' } }).step_details, status: 'completed' },
        {
          step_details: {
            type: 'tool_calls',
            tool_calls: [
              { index: 0, function: { arguments: 'x' } },
              { index: 1, code_interpreter: { input: 'y' } },
            ],
          },
        },
      ];
      const hidden = <T extends object>(o: T, key: string, value: unknown): T =>
        Object.defineProperty(o, key, { value, enumerable: false });
      others.push(hidden({}, 'step_details', toolDelta({ index: 0, function: { arguments: 'x' } }).step_details));
      others.push(toolDelta(hidden({ index: 0 }, 'function', { arguments: 'x' })));
      others.push(toolDelta({ index: 0, function: hidden({}, 'arguments', 'x') }));
      others.push(toolDelta({ index: 0, function: { arguments: 'x' }, code_interpreter: { input: 'y' } }));
      for (const d of others) expect(appendToolCallFragment(step, d)).toBeUndefined();
      expect(appendToolCallFragment(openAIStep([fn('a')]), toolDelta({ index: 0, function: { arguments: 'x' } }))).toBeDefined();
      setFastPaths(false);
      expect(
        appendToolCallFragment(openAIStep([fn('a')]), toolDelta({ index: 0, function: { arguments: 'x' } })),
      ).toBeUndefined();
    });

    it('applyRunStepDelta gives what mergeDelta gives for any delta near the common shape (fast-check)', () => {
      const fragment = fc.oneof(
        { weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 4 }) },
        fc.constant(''),
        fc.constant(null),
      );
      const call = fc.oneof(
        { weight: 3, arbitrary: fc.constant(fn('{')) },
        fc.constant(ci('x')),
        fc.record(
          { type: fc.constant('function'), function: fc.record({ arguments: fc.oneof(fc.constant('a'), fc.constant(null)) }) },
          { requiredKeys: ['type'] },
        ),
        fc.constant({ type: 'mcp', arguments: '{}', output: null }),
      );
      const element = fc.record(
        {
          index: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 2 }) }, fc.constant(-1), fc.constant(0.5)),
          type: fc.constantFrom('function', 'code_interpreter', 'mcp'),
          function: fc.record({ arguments: fragment }, { requiredKeys: [] }),
          code_interpreter: fc.record({ input: fragment }, { requiredKeys: [] }),
          id: fc.constant('call_9'),
        },
        { requiredKeys: ['index'] },
      );
      const common = fc.oneof(
        fc.record({
          index: fc.integer({ min: 0, max: 2 }),
          type: fc.constant('function'),
          function: fc.record({ arguments: fragment }),
        }),
        fc.record({
          index: fc.integer({ min: 0, max: 2 }),
          type: fc.constant('code_interpreter'),
          code_interpreter: fc.record({ input: fragment }),
        }),
      );
      const delta = fc.oneof(
        {
          weight: 3,
          arbitrary: fc.record({ step_details: fc.record({ type: fc.constant('tool_calls'), tool_calls: fc.tuple(common) }) }),
        },
        fc.record({
          step_details: fc.record(
            {
              type: fc.constantFrom('tool_calls', 'message_creation'),
              tool_calls: fc.array(fc.oneof(common, element), { minLength: 1, maxLength: 2 }),
            },
            { requiredKeys: ['tool_calls'] },
          ),
        }),
      );
      let fastPathRuns = 0;
      fc.assert(
        fc.property(fc.array(call, { minLength: 1, maxLength: 3 }), delta, (calls, d) => {
          const step = openAIStep(calls.map((c) => clone(c)));
          if (appendToolCallFragment(step, d) !== undefined) fastPathRuns++;
          const data = deepFreeze({ id: 'step_1', object: 'thread.run.step.delta', delta: d }) as unknown as RunStepDelta;
          const outcome = (apply: () => unknown) => {
            try {
              return { value: apply() };
            } catch (error) {
              return { error: (error as Error).message };
            }
          };
          const fast = outcome(() => applyRunStepDelta(step, data));
          const general = outcome(() => mergeDelta(step, d));
          sameLayout(fast, general);
          if (fast.value !== undefined) expect(newNodes(fast.value, step)).toEqual(newNodes(general.value, step));
          expect(fast.value === step).toBe(general.value === step);
        }),
        { numRuns: 2000 },
      );
      expect(fastPathRuns).toBeGreaterThan(100);
    });
  });

  describe('FastPathMemo (the snapshot a fast path built last, trusted by identity)', () => {
    beforeEach(() => setFastPaths(true));
    afterAll(() => setFastPaths(process.env['FAST_PATHS'] !== 'off'));

    const textDelta = (index: number, value: string): MessageDelta =>
      deepFreeze({ id: 'msg_1', object: 'thread.message.delta', delta: fragment(index, value) }) as unknown as MessageDelta;
    const argsDelta = (index: number, args: string): RunStepDelta =>
      deepFreeze({
        id: 'step_1',
        object: 'thread.run.step.delta',
        delta: { step_details: { type: 'tool_calls', tool_calls: [{ index, type: 'function', function: { arguments: args } }] } },
      }) as unknown as RunStepDelta;
    const fnCall = (args: string) => ({ id: 'call_1', type: 'function', function: { name: 'f', arguments: args, output: null } });

    /** `o` behind a proxy that counts how often its own keys are listed (what the trusted path skips). */
    const watchKeys = <T extends object>(o: T, counter: { keys: number }): T =>
      new Proxy(o, {
        ownKeys(target) {
          counter.keys++;
          return Reflect.ownKeys(target);
        },
      });

    it('remembers what it built, and then does not list the keys of that snapshot again', () => {
      const memo = createFastPathMemo();
      const first = applyMessageDeltaWith(message([textPart('a')]), textDelta(0, 'b'), memo);
      expect(memo).toEqual({ built: first, index: 0, key: 'text' });
      const counter = { keys: 0 };
      const watched = watchKeys(first, counter);
      memo.built = watched; // the same layout, now observable
      const trusted = appendTextFragment(watched, fragment(0, 'c'), memo)!;
      expect(counter.keys).toBe(0);
      expect(memo.built).toBe(trusted);
      appendTextFragment(watched, fragment(0, 'c'), createFastPathMemo()); // a memo that did not build it checks it
      expect(counter.keys).toBeGreaterThan(0);
      sameLayout(trusted, mergeDelta(first, fragment(0, 'c')));

      const stepMemo = createFastPathMemo();
      const step = applyRunStepDeltaWith(openAIStep([fnCall('{')]), argsDelta(0, '"a"'), stepMemo);
      expect(stepMemo).toEqual({ built: step, index: 0, key: 'function' });
      const stepCounter = { keys: 0 };
      const watchedStep = watchKeys(step, stepCounter);
      stepMemo.built = watchedStep;
      const next = appendToolCallFragment(watchedStep, argsDelta(0, ':1}').delta, stepMemo)!;
      expect(stepCounter.keys).toBe(0);
      sameLayout(next, mergeDelta(step, argsDelta(0, ':1}').delta));
    });

    it('trusts only what it built: not a layout it copied by a spread, nor another element, nor after the general merge', () => {
      const memo = createFastPathMemo();
      const odd = message([{ text: { value: 'a', annotations: [] }, type: 'text' }, textPart('x')]); // a part in another key order
      const built = applyMessageDeltaWith(odd, textDelta(0, 'b'), memo);
      expect(memo).toEqual({ built, index: -1, key: 'text' }); // the top level is known, that part is not
      const extra = message([textPart('a')], { extra: 1 }); // a message with one more key: copied by a spread
      applyMessageDeltaWith(extra, textDelta(0, 'b'), memo);
      expect(memo.built).toBeUndefined();
      const again = applyMessageDeltaWith(built, textDelta(1, 'y'), memo);
      expect(memo).toEqual({ built: again, index: 1, key: 'text' });
      applyMessageDeltaWith(again, textDelta(2, 'new part'), memo); // a new part: the general merge
      expect(memo.built).toBeUndefined();
      // A part it built keeps the annotations it found (here `null`): `annotations: []` still gives the merge's `[]`.
      const withNull = applyMessageDeltaWith(
        message([{ type: 'text', text: { value: 'a', annotations: null } }]),
        textDelta(0, 'b'),
        memo,
      );
      expect(memo).toEqual({ built: withNull, index: 0, key: 'text' });
      const empty = fragment(0, 'c', { annotations: [] });
      const data = deepFreeze({ id: 'msg_1', object: 'thread.message.delta', delta: empty }) as unknown as MessageDelta;
      sameLayout(applyMessageDeltaWith(withNull, data, memo), mergeDelta(withNull, empty));
      // The step's details in another key order: not remembered at all.
      const stepMemo = createFastPathMemo();
      const reordered = deepFreeze({ ...openAIStep(), step_details: { tool_calls: [fnCall('')], type: 'tool_calls' } });
      applyRunStepDeltaWith(reordered as unknown as RunStep, argsDelta(0, 'x'), stepMemo);
      expect(stepMemo.built).toBeUndefined();
      setFastPaths(false);
      applyMessageDeltaWith(built, textDelta(0, 'c'), memo);
      expect(memo.built).toBeUndefined();
    });

    /** Runs `ops` against per-id histories of snapshots, as a consumer would: returns every outcome, and the histories. */
    function replay<S, D>(
      bases: Record<string, S>,
      ops: ReadonlyArray<{ id: string; pick: 'current' | 'old' | 'clone'; age: number; delta: unknown }>,
      toData: (id: string, delta: unknown) => D,
      apply: (snapshot: S, data: D) => S,
      onInput: (snapshot: S) => void = () => {},
    ) {
      const histories: Record<string, S[]> = Object.fromEntries(Object.entries(bases).map(([id, base]) => [id, [base]]));
      const outcomes: Array<{ input: S; next?: S; error?: string }> = [];
      for (const op of ops) {
        const history = histories[op.id]!;
        const current = history[history.length - 1]!;
        const input =
          op.pick === 'current' ? current : op.pick === 'old' ? history[op.age % history.length]! : (clone(current) as S);
        onInput(input);
        try {
          const next = apply(input, toData(op.id, op.delta));
          outcomes.push({ input, next });
          history.push(next);
        } catch (error) {
          outcomes.push({ input, error: (error as Error).message });
        }
      }
      return { outcomes, histories };
    }

    /** Fast paths with one memo against the general path, op by op: values, key order, sharing, errors. */
    function sameAsGeneral<S, D>(
      bases: Record<string, S>,
      ops: ReadonlyArray<{ id: string; pick: 'current' | 'old' | 'clone'; age: number; delta: unknown }>,
      toData: (id: string, delta: unknown) => D,
      withMemo: (snapshot: S, data: D, memo: FastPathMemo) => S,
      general: (snapshot: S, data: D) => S,
    ): number {
      const memo = createFastPathMemo();
      let trusted = 0;
      setFastPaths(true);
      const fast = replay(
        bases,
        ops,
        toData,
        (s, d) => withMemo(s, d, memo),
        (s) => {
          if (s === memo.built) trusted++;
        },
      );
      setFastPaths(false);
      const slow = replay(bases, ops, toData, general);
      setFastPaths(true);
      fast.outcomes.forEach((f, i) => {
        const g = slow.outcomes[i]!;
        expect(f.error).toBe(g.error);
        if (f.next === undefined) return;
        sameLayout(f.next, g.next);
        expect(newNodes(f.next, f.input)).toEqual(newNodes(g.next, g.input)); // the same sharing
        expect(f.next === f.input).toBe(g.next === g.input);
      });
      // Every snapshot a consumer kept is still as it was built (nothing mutated a trusted snapshot).
      sameLayout(fast.histories, slow.histories);
      return trusted;
    }

    const pick = fc.oneof(
      { weight: 6, arbitrary: fc.constant('current' as const) },
      fc.constant('old' as const),
      fc.constant('clone' as const),
    );

    /** How often `sameAsGeneral` took the trusted path, over random deltas to two objects (mostly the first). */
    function trustedRuns<S, D>(
      [first, second]: [string, string],
      base: (id: string) => fc.Arbitrary<S>,
      delta: fc.Arbitrary<unknown>,
      toData: (id: string, delta: unknown) => D,
      withMemo: (snapshot: S, data: D, memo: FastPathMemo) => S,
      general: (snapshot: S, data: D) => S,
    ): number {
      const id = fc.oneof({ weight: 4, arbitrary: fc.constant(first) }, fc.constant(second));
      const ops = fc.array(fc.record({ id, pick, age: fc.nat(), delta }), { minLength: 5, maxLength: 30, size: 'medium' });
      let trusted = 0;
      fc.assert(
        fc.property(base(first), base(second), ops, (one, two, list) => {
          trusted += sameAsGeneral({ [first]: one, [second]: two }, list, toData, withMemo, general);
        }),
        { numRuns: 400 },
      );
      return trusted;
    }

    it('applyMessageDeltaWith with one memo gives what the general path gives, for any consumer and any ids (fast-check)', () => {
      const value = fc.oneof({ weight: 5, arbitrary: fc.string({ minLength: 1, maxLength: 3 }) }, fc.constant(''));
      const delta = fc.oneof(
        {
          weight: 8,
          arbitrary: fc.record({
            content: fc.tuple(fc.record({ index: fc.nat(2), type: fc.constant('text'), text: fc.record({ value }) })),
          }),
        },
        fc.record({
          content: fc.tuple(fc.record({ index: fc.nat(2), text: fc.record({ value, annotations: fc.constant([]) }) })),
        }),
        fc.record({
          content: fc.tuple(
            fc.record({ index: fc.nat(3), type: fc.constant('text'), text: fc.record({ value, annotations: fc.constant([]) }) }),
          ),
        }),
        fc.record({
          content: fc.tuple(
            fc.record({
              index: fc.nat(2),
              type: fc.constant('text'),
              text: fc.record({
                annotations: fc.tuple(fc.record({ index: fc.nat(1), type: fc.constant('file_path'), text: fc.constant('p') })),
              }),
            }),
          ),
        }),
        fc.record({ content: fc.tuple(fc.record({ index: fc.nat(2), type: fc.constant('refusal'), refusal: value })) }), // a type change at a text part: an error
        fc.record({ content: fc.constant('x') }),
      );
      const part = fc.oneof(
        { weight: 4, arbitrary: fc.constant(textPart('')) },
        fc.constant({ text: { annotations: [], value: 'r' }, type: 'text' }),
        fc.constant({ type: 'text', text: { value: 'v' } }),
        fc.constant({ type: 'text', text: { value: 'n', annotations: null } }),
        fc.constant({ type: 'image_file', image_file: { file_id: 'f' } }),
      );
      const base = (id: string) =>
        fc.tuple(fc.array(part, { minLength: 1, maxLength: 2 }), fc.boolean(), fc.nat(9)).map(([parts, extra, odds]) =>
          extra && odds < 2
            ? message(
                parts.map((p) => clone(p)),
                { id, extra: 1 },
              )
            : message(
                parts.map((p) => clone(p)),
                { id },
              ),
        );
      const trusted = trustedRuns(
        ['msg_1', 'msg_2'],
        base,
        delta,
        (id, d) => deepFreeze({ id, object: 'thread.message.delta', delta: d }) as unknown as MessageDelta,
        applyMessageDeltaWith,
        applyMessageDelta,
      );
      expect(trusted).toBeGreaterThan(300); // the property did take the trusted path
    });

    it('applyRunStepDeltaWith with one memo gives what the general path gives, for any consumer and any ids (fast-check)', () => {
      const text = fc.oneof({ weight: 5, arbitrary: fc.string({ minLength: 1, maxLength: 3 }) }, fc.constant(''));
      const index = fc.nat(2);
      const call = (element: fc.Arbitrary<Record<string, unknown>>) =>
        fc.record({ step_details: fc.record({ type: fc.constant('tool_calls'), tool_calls: fc.tuple(element) }) });
      const delta = fc.oneof(
        {
          weight: 6,
          arbitrary: call(fc.record({ index, type: fc.constant('function'), function: fc.record({ arguments: text }) })),
        },
        {
          weight: 3,
          arbitrary: call(
            fc.record({ index, type: fc.constant('code_interpreter'), code_interpreter: fc.record({ input: text }) }),
          ),
        },
        call(fc.record({ index, function: fc.record({ arguments: text }) })), // no type
        call(fc.record({ index, code_interpreter: fc.record({ input: text }) })), // no type: a function call has no code_interpreter
        call(
          fc.record({
            index: fc.nat(3),
            id: fc.constant('call_new'),
            type: fc.constant('function'),
            function: fc.constant({ name: 'g', arguments: '', output: null }),
          }),
        ),
        call(
          fc.record({
            index,
            type: fc.constant('code_interpreter'),
            code_interpreter: fc.constant({ outputs: [{ index: 0, type: 'logs', logs: 'l' }] }),
          }),
        ),
        call(fc.record({ index, type: fc.constant('mcp'), arguments: text })), // a type change: an error
        fc.record({
          step_details: fc.record({
            type: fc.constant('message_creation'),
            tool_calls: fc.constant([{ index: 0, function: { arguments: 'x' } }]),
          }),
        }),
        fc.record({ step_details: fc.constant(null) }),
      );
      const fn = (args: string) => ({ id: 'call_1', type: 'function', function: { name: 'f', arguments: args, output: null } });
      const ci = (input: string) => ({ id: 'call_2', type: 'code_interpreter', code_interpreter: { input, outputs: [] } });
      const callArb = fc.oneof(
        { weight: 4, arbitrary: fc.constant(fn('')) },
        { weight: 2, arbitrary: fc.constant(ci('')) },
        fc.constant({ type: 'function', id: 'call_3', function: { arguments: 'a', name: 'h', output: null } }), // another key order
        fc.constant({ id: 'call_4', type: 'function', function: { name: 'f', arguments: 'a' } }), // no output
      );
      // Mostly OpenAI's layout; sometimes one more key on the step, or its details in another order or with more keys.
      const base = (id: string) =>
        fc.tuple(fc.array(callArb, { minLength: 1, maxLength: 3 }), fc.nat(9)).map(([list, odds]) => {
          const calls = list.map((c) => clone(c));
          if (odds === 0) return openAIStep(calls, { id, extra: 1 });
          if (odds === 1) return openAIStep(calls, { id, step_details: { tool_calls: calls, type: 'tool_calls' } });
          if (odds === 2) return openAIStep(calls, { id, step_details: { type: 'tool_calls', tool_calls: calls, extra: 1 } });
          return openAIStep(calls, { id });
        });
      const trusted = trustedRuns(
        ['step_1', 'step_2'],
        base,
        delta,
        (id, d) => deepFreeze({ id, object: 'thread.run.step.delta', delta: d }) as unknown as RunStepDelta,
        applyRunStepDeltaWith,
        applyRunStepDelta,
      );
      expect(trusted).toBeGreaterThan(200);
    });
  });

  describe('the switch (setFastPaths, FAST_PATHS=off)', () => {
    afterEach(() => setFastPaths(process.env['FAST_PATHS'] !== 'off'));

    it('off: appendTextFragment declines every delta and the merge copies by spreads; on by default unless FAST_PATHS=off', () => {
      setFastPaths(process.env['FAST_PATHS'] !== 'off');
      expect(fastPathsEnabled()).toBe(process.env['FAST_PATHS'] !== 'off');
      expect(setFastPaths(false)).toBe(process.env['FAST_PATHS'] !== 'off');
      expect(appendTextFragment(message([textPart('a')]), fragment(0, 'b'))).toBeUndefined();
      expect(fastPathsEnabled()).toBe(false);
    });

    it('on and off give the same snapshots for any stream of deltas: values, key order, sharing and errors (fast-check)', () => {
      const messageDelta = fc.record({
        content: fc.array(
          fc.record(
            {
              index: fc.integer({ min: 0, max: 2 }),
              type: fc.constantFrom('text', 'refusal'),
              text: fc.record({ value: fc.string({ maxLength: 3 }) }),
              refusal: fc.string({ maxLength: 2 }),
            },
            { requiredKeys: ['index'] },
          ),
          { maxLength: 2 },
        ),
      });
      const stepDelta = fc.record({
        step_details: fc.record({
          type: fc.constant('tool_calls'),
          tool_calls: fc.array(
            fc.oneof(
              fc.record({
                index: fc.integer({ min: 0, max: 2 }),
                type: fc.constant('function'),
                function: fc.record({ arguments: fc.string({ maxLength: 3 }) }),
              }),
              fc.record({
                index: fc.integer({ min: 0, max: 2 }),
                type: fc.constant('code_interpreter'),
                code_interpreter: fc.record({ input: fc.string({ maxLength: 3 }) }),
              }),
            ),
            { maxLength: 2 },
          ),
        }),
      });
      const step = openAIStep();
      const run = (on: boolean, messageDeltas: unknown[], stepDeltas: unknown[]) => {
        setFastPaths(on);
        const out: unknown[] = [];
        try {
          let m = message([textPart('')]);
          for (const d of messageDeltas)
            out.push(
              (m = applyMessageDelta(
                m,
                deepFreeze({ id: 'msg_1', object: 'thread.message.delta', delta: d }) as unknown as MessageDelta,
              )),
            );
          let s = step;
          for (const d of stepDeltas)
            out.push(
              (s = applyRunStepDelta(
                s,
                deepFreeze({ id: 'step_1', object: 'thread.run.step.delta', delta: d }) as unknown as RunStepDelta,
              )),
            );
        } catch (error) {
          out.push((error as Error).message);
        }
        return out;
      };
      fc.assert(
        fc.property(
          fc.array(messageDelta, { maxLength: 6 }),
          fc.array(stepDelta, { maxLength: 6 }),
          (messageDeltas, stepDeltas) => {
            const fast = run(true, messageDeltas, stepDeltas);
            const general = run(false, messageDeltas, stepDeltas);
            sameLayout(fast, general);
            for (let i = 1; i < fast.length; i++) {
              expect(newNodes(fast[i], fast[i - 1])).toEqual(newNodes(general[i], general[i - 1])); // the same sharing
              expect(fast[i] === fast[i - 1]).toBe(general[i] === general[i - 1]);
            }
          },
        ),
        { numRuns: 500 },
      );
    });
  });
});
