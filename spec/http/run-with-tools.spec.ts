import { catchError, EMPTY, NEVER, Observable, of, throwError, type OperatorFunction } from 'rxjs';
import { AssistantStreamError } from '../../src/errors';
import type { SubmitToolOutputsBody } from '../../src/http/assistants-client';
import { runWithTools, type RunWithToolsOptions, type ToolHandlers } from '../../src/http/run-with-tools';
import type { AssistantStreamEvent, RunToolCall } from '../../src/schema';
import { messageDelta, runCompleted, runCreated, runEvent, runInProgress, runRequiresAction, stepCompleted } from '../../src/testing/builders';
import { collect } from '../support/collect';
import { itBehavesLikeAnOperator, newScheduler } from '../support/operator-checklist';

const call = (id: string, name: string, args: string): RunToolCall => ({ id, type: 'function', function: { name, arguments: args } });
const weather = call('call_1', 'get_weather', '{"city":"Paris"}');
const time = call('call_2', 'get_time', '{"timezone":"Europe/Paris"}');

const created = runCreated();
const requires = (...calls: RunToolCall[]) => runRequiresAction(calls);
const stepDone = stepCompleted({ id: 'step_tools' });
const delta = messageDelta('msg_1', 'Hi');
const completed = runCompleted();

/** A fake client whose `submitToolOutputs` answers call `i` with `answers[i]` and records the calls. */
function fakeClient(...answers: Observable<AssistantStreamEvent>[]) {
  const submitted: { threadId: string; runId: string; body: SubmitToolOutputsBody }[] = [];
  const client: RunWithToolsOptions['client'] = {
    submitToolOutputs(threadId, runId, body) {
      submitted.push({ threadId, runId, body });
      return answers[submitted.length - 1] ?? throwError(() => new Error(`unexpected submit #${submitted.length}`));
    },
  };
  return { client, submitted };
}

/** Errors as values, to compare code and message in marbles. */
const errorsAsValues = <T>(): OperatorFunction<T, T | { code: string; message: string }> =>
  catchError((e: unknown) => of({ code: (e as AssistantStreamError).code ?? 'plain', message: (e as Error).message }));

describe('runWithTools', () => {
  describe('the operator checklist (a run without tool calls)', () => {
    const { client } = fakeClient();
    itBehavesLikeAnOperator(() => (source$) => runWithTools(source$, { client, handlers: {} }), {
      source: '-a-b-|',
      sourceValues: { a: runInProgress(), b: delta },
      expected: '-a-b-|',
      expectedValues: { a: runInProgress(), b: delta },
    });
  });

  it('answers requires_action, submits the output and continues with the new stream to completed', () => {
    newScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const start$ = cold('-a-r|', { a: created, r: requires(weather) });
      const handler$ = cold('--w|', { w: { celsius: 18 } });
      const submit$ = cold('-s-c|', { s: stepDone, c: completed });
      const { client, submitted } = fakeClient(submit$);
      const args: unknown[] = [];
      const handlers: ToolHandlers = {
        get_weather: (a, c) => {
          args.push(a, c);
          return handler$;
        },
      };
      expectObservable(runWithTools(start$, { client, handlers })).toBe('-a-r--s-(c|)', { a: created, r: requires(weather), s: stepDone, c: completed });
      expectSubscriptions(start$.subscriptions).toBe('^--!');
      expectSubscriptions(handler$.subscriptions).toBe('---^-!');
      expectSubscriptions(submit$.subscriptions).toBe('-----^--!');
      return () => {
        expect(args).toEqual([{ city: 'Paris' }, weather]);
        expect(submitted).toEqual([{ threadId: 'thread_1', runId: 'run_1', body: { tool_outputs: [{ tool_call_id: 'call_1', output: '{"celsius":18}' }] } }]);
      };
    });
  });

  it('goes through as many rounds as the run needs', () => {
    newScheduler().run(({ cold, expectObservable, flush }) => {
      const start$ = cold('-r|', { r: requires(weather) });
      const round1$ = cold('-s-t|', { s: stepDone, t: requires(time) });
      const round2$ = cold('-c|', { c: completed });
      const { client, submitted } = fakeClient(round1$, round2$);
      const handlers: ToolHandlers = { get_weather: () => '18°C', get_time: ({ timezone }) => `12:00 in ${timezone}` };
      expectObservable(runWithTools(start$, { client, handlers })).toBe('-rs-t(c|)', { r: requires(weather), s: stepDone, t: requires(time), c: completed });
      flush();
      expect(submitted.map((s) => s.body.tool_outputs)).toEqual([
        [{ tool_call_id: 'call_1', output: '18°C' }],
        [{ tool_call_id: 'call_2', output: '12:00 in Europe/Paris' }],
      ]);
    });
  });

  it('runs the handlers of one round in parallel and submits all outputs, in the order of the calls, after the last', () => {
    newScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const slow$ = cold('---x|', { x: { celsius: 18 } });
      const fast$ = cold('-y|', { y: '12:00' });
      const submit$ = cold('-c|', { c: completed });
      const { client, submitted } = fakeClient(submit$);
      const start$ = cold('r|', { r: requires(weather, time) });
      expectObservable(runWithTools(start$, { client, handlers: { get_weather: () => slow$, get_time: () => fast$ } })).toBe('r---(c|)', {
        r: requires(weather, time),
        c: completed,
      });
      expectSubscriptions(slow$.subscriptions).toBe('^--!');
      expectSubscriptions(fast$.subscriptions).toBe('^!');
      flush();
      expect(submitted[0]!.body.tool_outputs).toEqual([
        { tool_call_id: 'call_1', output: '{"celsius":18}' },
        { tool_call_id: 'call_2', output: '12:00' },
      ]);
    });
  });

  it('takes the first value of an Observable handler and stops listening to it', () => {
    newScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const many$ = cold('-a-b-c|', { a: 'first', b: 'second', c: 'third' });
      const { client } = fakeClient(cold('c|', { c: completed }));
      expectObservable(runWithTools(cold('r|', { r: requires(weather) }), { client, handlers: { get_weather: () => many$ } })).toBe('r(c|)', {
        r: requires(weather),
        c: completed,
      });
      expectSubscriptions(many$.subscriptions).toBe('^!');
    });
  });

  it('completes when the start stream ends without a terminal run, and stops reading after a terminal one', () => {
    newScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const { client } = fakeClient();
      expectObservable(runWithTools(cold('-a-b|', { a: created, b: delta }), { client, handlers: {} })).toBe('-a-b|', { a: created, b: delta });
      const failed = runEvent('thread.run.failed');
      const start$ = cold('-f-b-', { f: failed, b: delta });
      expectObservable(runWithTools(start$, { client, handlers: {} })).toBe('-(f|)', { f: failed });
      expectSubscriptions(start$.subscriptions).toBe('^!');
    });
  });

  it('submits an empty list when the run asks for no calls', () => {
    newScheduler().run(({ cold, expectObservable, flush }) => {
      const { client, submitted } = fakeClient(cold('c|', { c: completed }));
      expectObservable(runWithTools(cold('r|', { r: requires() }), { client, handlers: {} })).toBe('(rc|)', { r: requires(), c: completed });
      flush();
      expect(submitted[0]!.body).toEqual({ tool_outputs: [] });
    });
  });

  describe("failures, with onToolError: 'error' (the default)", () => {
    const cases: [string, RunToolCall, ToolHandlers, RegExp][] = [
      ['a handler that throws', weather, { get_weather: () => { throw new Error('no network'); } }, /failed: no network$/],
      ['an Observable handler that errors', weather, { get_weather: () => throwError(() => new Error('boom')) }, /failed: boom$/],
      ['an Observable handler that completes without a value', weather, { get_weather: () => EMPTY }, /failed: the handler completed without a value$/],
      ['a function without a handler', weather, { get_time: () => 'x' }, /failed: no handler for function "get_weather"$/],
      ['a function named like an Object.prototype member', call('call_1', 'toString', '{}'), {}, /failed: no handler for function "toString"$/],
      ['arguments that are not JSON', call('call_1', 'get_weather', '{"city":'), { get_weather: () => 'x' }, /failed: its arguments are not JSON .*: \{"city":$/],
      ['an output that is undefined', weather, { get_weather: () => undefined }, /failed: its output is not JSON-able \(undefined\)$/],
      ['an output that cannot be serialized', weather, { get_weather: () => ({ n: 1n }) }, /failed: its output is not JSON-able \(.*BigInt.*\)$/],
    ];
    for (const [what, toolCall, handlers, message] of cases) {
      it(`errors with tool_error naming the tool and the call for ${what}, and submits nothing`, () => {
        newScheduler().run(({ cold, flush }) => {
          const { client, submitted } = fakeClient(cold('c|', { c: completed }));
          const seen: unknown[] = [];
          runWithTools(cold('-r|', { r: requires(toolCall) }), { client, handlers })
            .pipe(errorsAsValues())
            .subscribe((v) => seen.push(v));
          flush();
          expect(seen).toHaveLength(2);
          const error = seen[1] as { code: string; message: string };
          expect(error.code).toBe('tool_error');
          expect(error.message).toMatch(new RegExp(`^Tool "${toolCall.function.name}" \\(call call_1\\) of run run_1 failed: `));
          expect(error.message).toMatch(message);
          expect(submitted).toEqual([]);
        });
      });
    }

    it('carries the handler error as the cause and unsubscribes the other handlers of the round', () => {
      newScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const other$ = cold('----x|', { x: 'late' });
        const failure = new Error('boom');
        const { client } = fakeClient();
        const result$ = runWithTools(cold('r|', { r: requires(weather, time) }), {
          client,
          handlers: { get_weather: () => cold('-#', undefined, failure), get_time: () => other$ },
        });
        expectObservable(result$).toBe(
          'r#',
          { r: requires(weather, time) },
          new AssistantStreamError('tool_error', 'Tool "get_weather" (call call_1) of run run_1 failed: boom', { cause: failure }),
        );
        expectSubscriptions(other$.subscriptions).toBe('^!');
      });
    });

    it('errors when the run requires an action that is not submit_tool_outputs', async () => {
      const odd = runEvent('thread.run.requires_action', { required_action: null });
      const { error } = await collect(runWithTools(of(odd), { client: fakeClient().client, handlers: {} }));
      expect(error).toMatchObject({ code: 'tool_error', event: 'thread.run.requires_action' });
    });

    it('errors with tool_error for a rejected Promise', async () => {
      const { client, submitted } = fakeClient();
      const { values, error } = await collect(runWithTools(of(requires(weather)), { client, handlers: { get_weather: async () => Promise.reject(new Error('503 from the weather API')) } }));
      expect(values).toEqual([requires(weather)]);
      expect(error).toMatchObject({ code: 'tool_error', message: 'Tool "get_weather" (call call_1) of run run_1 failed: 503 from the weather API' });
      expect(submitted).toEqual([]);
    });
  });

  describe("failures, with onToolError: 'submit'", () => {
    it('submits an error output for each failed call and goes on with the run', () => {
      newScheduler().run(({ cold, expectObservable, flush }) => {
        const { client, submitted } = fakeClient(cold('-c|', { c: completed }));
        const bad = call('call_3', 'get_weather', 'not json');
        const missing = call('call_4', 'book_flight', '{}');
        const start$ = cold('r|', { r: requires(weather, time, bad, missing) });
        const handlers: ToolHandlers = {
          get_weather: ({ city }) => `sunny in ${city}`,
          get_time: () => {
            throw new Error('clock broken');
          },
        };
        expectObservable(runWithTools(start$, { client, handlers, onToolError: 'submit' })).toBe('r(c|)', {
          r: requires(weather, time, bad, missing),
          c: completed,
        });
        flush();
        const outputs = submitted[0]!.body.tool_outputs;
        expect(outputs.map((o) => o.tool_call_id)).toEqual(['call_1', 'call_2', 'call_3', 'call_4']);
        expect(outputs[0]!.output).toBe('sunny in Paris');
        expect(JSON.parse(outputs[1]!.output)).toEqual({ error: 'Tool "get_time" (call call_2) of run run_1 failed: clock broken' });
        expect(JSON.parse(outputs[2]!.output).error).toMatch(/^Tool "get_weather" \(call call_3\) of run run_1 failed: its arguments are not JSON/);
        expect(JSON.parse(outputs[3]!.output)).toEqual({ error: 'Tool "book_flight" (call call_4) of run run_1 failed: no handler for function "book_flight"' });
      });
    });

    it('submits an error output for a handler that completes without a value (never hangs)', async () => {
      const { client, submitted } = fakeClient(of(completed));
      const { values, completed: done } = await collect(runWithTools(of(requires(weather)), { client, handlers: { get_weather: () => EMPTY }, onToolError: 'submit' }));
      expect(done).toBe(true);
      expect(values).toEqual([requires(weather), completed]);
      expect(JSON.parse(submitted[0]!.body.tool_outputs[0]!.output).error).toContain('completed without a value');
    });
  });

  describe('cancellation', () => {
    it('unsubscribing during a handler unsubscribes it and submits nothing', () => {
      newScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
        const handler$ = cold('-----x|', { x: 'late' });
        const { client, submitted } = fakeClient(cold('c|', { c: completed }));
        expectObservable(runWithTools(cold('-r|', { r: requires(weather) }), { client, handlers: { get_weather: () => handler$ } }), '^--!').toBe('-r-', { r: requires(weather) });
        expectSubscriptions(handler$.subscriptions).toBe('-^-!');
        flush();
        expect(submitted).toEqual([]);
      });
    });

    it('unsubscribing during a submit unsubscribes its stream', () => {
      newScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const submit$ = cold('--s--c|', { s: stepDone, c: completed });
        const { client } = fakeClient(submit$);
        expectObservable(runWithTools(cold('r|', { r: requires(weather) }), { client, handlers: { get_weather: () => 'ok' } }), '^----!').toBe('r-s--', {
          r: requires(weather),
          s: stepDone,
        });
        expectSubscriptions(submit$.subscriptions).toBe('^----!');
      });
    });

    it('aborts the signal a Promise handler got when unsubscribed', async () => {
      let signal: AbortSignal | undefined;
      const { client, submitted } = fakeClient();
      const subscription = runWithTools(of(requires(weather)), {
        client,
        handlers: {
          get_weather: (_args, _call, context) => {
            signal = context.signal;
            return new Promise(() => undefined);
          },
        },
      }).subscribe();
      expect(signal?.aborted).toBe(false);
      subscription.unsubscribe();
      expect(signal?.aborted).toBe(true);
      expect(submitted).toEqual([]);
    });

    it('keeps each subscription to itself (per-subscription state)', async () => {
      let calls = 0;
      const client: RunWithToolsOptions['client'] = { submitToolOutputs: () => of(completed) };
      const run$ = runWithTools(of(requires(weather)), { client, handlers: { get_weather: () => ++calls } });
      const [a, b] = await Promise.all([collect(run$), collect(run$)]);
      expect(a.values).toEqual([requires(weather), completed]);
      expect(b.values).toEqual([requires(weather), completed]);
      expect(calls).toBe(2);
    });
  });

  it('validates its arguments with a TypeError', () => {
    const { client } = fakeClient();
    expect(() => runWithTools([] as never, { client, handlers: {} })).toThrow(/start\$/);
    expect(() => runWithTools(NEVER, undefined as never)).toThrow(/options/);
    expect(() => runWithTools(NEVER, { client: {} as never, handlers: {} })).toThrow(/submitToolOutputs/);
    expect(() => runWithTools(NEVER, { client, handlers: null as never })).toThrow(/handlers/);
    expect(() => runWithTools(NEVER, { client, handlers: { f: 'x' as never } })).toThrow(/handler "f"/);
    expect(() => runWithTools(NEVER, { client, handlers: {}, onToolError: 'ignore' as never })).toThrow(/onToolError/);
  });
});
