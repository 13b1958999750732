import { catchError, EMPTY, NEVER, Observable, of, throwError, type OperatorFunction } from 'rxjs';
import { AssistantStreamError } from '../../src/errors';
import type { SubmitToolApprovalsBody, SubmitToolOutputsBody } from '../../src/http/assistants-client';
import {
  runWithTools,
  type RunWithToolsOptions,
  type ToolApprover,
  type ToolCallContext,
  type ToolHandlers,
} from '../../src/http/run-with-tools';
import type { AssistantStreamEvent, RequiredMcpToolCall, RunToolCall } from '../../src/schema';
import {
  messageDelta,
  runCompleted,
  runCreated,
  runEvent,
  runInProgress,
  runRequiresAction,
  stepCompleted,
} from '../../src/testing/builders';
import { collect } from '../support/collect';
import { itBehavesLikeAnOperator, newScheduler } from '../support/operator-checklist';

const call = (id: string, name: string, args: string): RunToolCall => ({
  id,
  type: 'function',
  function: { name, arguments: args },
});
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

/** An MCP call waiting for approval, as Azure sends it. */
const mcpCall = (id: string, name: string, server_label: string): RequiredMcpToolCall => ({
  id,
  type: 'mcp',
  name,
  server_label,
  arguments: '{}',
});

/** `thread.run.requires_action` with `submit_tool_approval` (Azure). */
const requiresApproval = (...calls: RequiredMcpToolCall[]) =>
  runEvent('thread.run.requires_action', {
    required_action: { type: 'submit_tool_approval', submit_tool_approval: { tool_calls: calls } } as never,
  });

/** A fake client that also answers approvals: `answers[i]` for the i-th submission of either kind. */
function fakeApprovalClient(...answers: Observable<AssistantStreamEvent>[]) {
  const { client: outputs, submitted } = fakeClient(...answers);
  const approvals: { threadId: string; runId: string; body: SubmitToolApprovalsBody }[] = [];
  const client: RunWithToolsOptions['client'] = {
    submitToolOutputs: outputs.submitToolOutputs,
    submitToolApprovals(threadId, runId, body) {
      approvals.push({ threadId, runId, body });
      return answers[submitted.length + approvals.length - 1] ?? throwError(() => new Error('unexpected submit'));
    },
  };
  return { client, submitted, approvals };
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
      expectObservable(runWithTools(start$, { client, handlers })).toBe('-a-r--s-(c|)', {
        a: created,
        r: requires(weather),
        s: stepDone,
        c: completed,
      });
      expectSubscriptions(start$.subscriptions).toBe('^--!');
      expectSubscriptions(handler$.subscriptions).toBe('---^-!');
      expectSubscriptions(submit$.subscriptions).toBe('-----^--!');
      return () => {
        expect(args).toEqual([{ city: 'Paris' }, weather]);
        expect(submitted).toEqual([
          {
            threadId: 'thread_1',
            runId: 'run_1',
            body: { tool_outputs: [{ tool_call_id: 'call_1', output: '{"celsius":18}' }] },
          },
        ]);
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
      expectObservable(runWithTools(start$, { client, handlers })).toBe('-rs-t(c|)', {
        r: requires(weather),
        s: stepDone,
        t: requires(time),
        c: completed,
      });
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
      expectObservable(runWithTools(start$, { client, handlers: { get_weather: () => slow$, get_time: () => fast$ } })).toBe(
        'r---(c|)',
        {
          r: requires(weather, time),
          c: completed,
        },
      );
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
      expectObservable(
        runWithTools(cold('r|', { r: requires(weather) }), { client, handlers: { get_weather: () => many$ } }),
      ).toBe('r(c|)', {
        r: requires(weather),
        c: completed,
      });
      expectSubscriptions(many$.subscriptions).toBe('^!');
    });
  });

  it('completes when the start stream ends without a terminal run, and stops reading after a terminal one', () => {
    newScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const { client } = fakeClient();
      expectObservable(runWithTools(cold('-a-b|', { a: created, b: delta }), { client, handlers: {} })).toBe('-a-b|', {
        a: created,
        b: delta,
      });
      const failed = runEvent('thread.run.failed');
      const start$ = cold('-f-b-', { f: failed, b: delta });
      expectObservable(runWithTools(start$, { client, handlers: {} })).toBe('-(f|)', { f: failed });
      expectSubscriptions(start$.subscriptions).toBe('^!');
    });
  });

  it('submits an empty list when the run asks for no calls', () => {
    newScheduler().run(({ cold, expectObservable, flush }) => {
      const { client, submitted } = fakeClient(cold('c|', { c: completed }));
      expectObservable(runWithTools(cold('r|', { r: requires() }), { client, handlers: {} })).toBe('(rc|)', {
        r: requires(),
        c: completed,
      });
      flush();
      expect(submitted[0]!.body).toEqual({ tool_outputs: [] });
    });
  });

  describe("failures, with onToolError: 'error' (the default)", () => {
    const cases: [string, RunToolCall, ToolHandlers, RegExp][] = [
      [
        'a handler that throws',
        weather,
        {
          get_weather: () => {
            throw new Error('no network');
          },
        },
        /failed: no network$/,
      ],
      ['an Observable handler that errors', weather, { get_weather: () => throwError(() => new Error('boom')) }, /failed: boom$/],
      [
        'an Observable handler that completes without a value',
        weather,
        { get_weather: () => EMPTY },
        /failed: the handler completed without a value$/,
      ],
      ['a function without a handler', weather, { get_time: () => 'x' }, /failed: no handler for function "get_weather"$/],
      [
        'a function named like an Object.prototype member',
        call('call_1', 'toString', '{}'),
        {},
        /failed: no handler for function "toString"$/,
      ],
      [
        'arguments that are not JSON',
        call('call_1', 'get_weather', '{"city":'),
        { get_weather: () => 'x' },
        /failed: its arguments are not JSON \(a string \(8 characters\)\)$/,
      ],
      [
        'an output that is undefined',
        weather,
        { get_weather: () => undefined },
        /failed: its output is not JSON-able \(undefined\)$/,
      ],
      [
        'an output that cannot be serialized',
        weather,
        { get_weather: () => ({ n: 1n }) },
        /failed: its output is not JSON-able \(.*BigInt.*\)$/,
      ],
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
          new AssistantStreamError('tool_error', 'Tool "get_weather" (call call_1) of run run_1 failed: boom', {
            cause: failure,
          }),
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
      const { values, error } = await collect(
        runWithTools(of(requires(weather)), {
          client,
          handlers: { get_weather: async () => Promise.reject(new Error('503 from the weather API')) },
        }),
      );
      expect(values).toEqual([requires(weather)]);
      expect(error).toMatchObject({
        code: 'tool_error',
        message: 'Tool "get_weather" (call call_1) of run run_1 failed: 503 from the weather API',
      });
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
        expect(JSON.parse(outputs[1]!.output)).toEqual({
          error: 'Tool "get_time" (call call_2) of run run_1 failed: clock broken',
        });
        expect(JSON.parse(outputs[2]!.output).error).toMatch(
          /^Tool "get_weather" \(call call_3\) of run run_1 failed: its arguments are not JSON/,
        );
        expect(JSON.parse(outputs[3]!.output)).toEqual({
          error: 'Tool "book_flight" (call call_4) of run run_1 failed: no handler for function "book_flight"',
        });
      });
    });

    it('submits an error output for a handler that completes without a value (never hangs)', async () => {
      const { client, submitted } = fakeClient(of(completed));
      const { values, completed: done } = await collect(
        runWithTools(of(requires(weather)), { client, handlers: { get_weather: () => EMPTY }, onToolError: 'submit' }),
      );
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
        expectObservable(
          runWithTools(cold('-r|', { r: requires(weather) }), { client, handlers: { get_weather: () => handler$ } }),
          '^--!',
        ).toBe('-r-', { r: requires(weather) });
        expectSubscriptions(handler$.subscriptions).toBe('-^-!');
        flush();
        expect(submitted).toEqual([]);
      });
    });

    it('unsubscribing during a submit unsubscribes its stream', () => {
      newScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const submit$ = cold('--s--c|', { s: stepDone, c: completed });
        const { client } = fakeClient(submit$);
        expectObservable(
          runWithTools(cold('r|', { r: requires(weather) }), { client, handlers: { get_weather: () => 'ok' } }),
          '^----!',
        ).toBe('r-s--', {
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

  describe('approvals (submit_tool_approval)', () => {
    const search = mcpCall('call_mcp_1', 'search_docs', 'docs');
    const drop = mcpCall('call_mcp_2', 'drop_table', 'db');
    const approval = requiresApproval(search, drop);
    const secondCreated = runCreated({ status: 'in_progress' });
    const lateDelta = messageDelta('msg_1', 'Found it.');

    it('asks approve for each call, submits the decisions together and goes on in the same stream', () => {
      newScheduler().run(({ cold, expectObservable, flush }) => {
        const start$ = cold('-a-r|', { a: created, r: approval });
        const continuation$ = cold('-x-d-c|', { x: secondCreated, d: lateDelta, c: completed });
        const { client, approvals } = fakeApprovalClient(continuation$);
        const asked: unknown[] = [];
        const approve = (c: RequiredMcpToolCall, context: ToolCallContext) => {
          asked.push(c.id, context.signal instanceof AbortSignal);
          return c.server_label === 'docs'
            ? cold('--y|', { y: { approve: true, headers: { Authorization: 'Bearer mcp' } } })
            : false;
        };
        expectObservable(runWithTools(start$, { client, approve })).toBe('-a-r--x-d-(c|)', {
          a: created,
          r: approval,
          x: secondCreated,
          d: lateDelta,
          c: completed,
        });
        flush();
        expect(asked).toEqual(['call_mcp_1', true, 'call_mcp_2', true]);
        expect(approvals).toEqual([
          {
            threadId: 'thread_1',
            runId: 'run_1',
            body: {
              tool_approvals: [
                { tool_call_id: 'call_mcp_1', approve: true, headers: { Authorization: 'Bearer mcp' } },
                { tool_call_id: 'call_mcp_2', approve: false },
              ],
            },
          },
        ]);
      });
    });

    it('takes a Promise from approve', async () => {
      const { client, approvals } = fakeApprovalClient(of(completed));
      const { values, completed: done } = await collect(
        runWithTools(of(approval), { client, approve: async (c) => c.name === 'search_docs' }),
      );
      expect(done).toBe(true);
      expect(values).toEqual([approval, completed]);
      expect(approvals[0]!.body.tool_approvals).toEqual([
        { tool_call_id: 'call_mcp_1', approve: true },
        { tool_call_id: 'call_mcp_2', approve: false },
      ]);
    });

    it('without approve, ends with a tool_error that names approval and the calls, and submits nothing', async () => {
      const { client, approvals, submitted } = fakeApprovalClient(of(completed));
      const { values, error } = await collect(
        runWithTools(of(created, approval), { client, handlers: { search_docs: () => 'x' } }),
      );
      expect(values).toEqual([created, approval]);
      expect(error).toBeInstanceOf(AssistantStreamError);
      expect(error).toMatchObject({
        code: 'tool_error',
        event: 'thread.run.requires_action',
        message:
          'Run run_1 requires approval of 2 tool calls (call_mcp_1: "search_docs" on "docs", call_mcp_2: "drop_table" on "db") and runWithTools has no `approve` option',
      });
      expect([approvals, submitted]).toEqual([[], []]);
    });

    const failures: [string, ToolApprover, RegExp][] = [
      [
        'throws',
        () => {
          throw new Error('policy service down');
        },
        /failed: policy service down$/,
      ],
      ['rejects', () => Promise.reject(new Error('nope')), /failed: nope$/],
      ['errors', () => throwError(() => new Error('boom')), /failed: boom$/],
      ['completes without a value', () => EMPTY, /failed: `approve` completed without a value$/],
      [
        'answers something else',
        () => 'yes' as never,
        /failed: `approve` answered a string \(3 characters\), expected true, false or \{ approve: boolean, headers\?: \{ \[name\]: string \} \}$/,
      ],
      [
        'answers headers that are not strings',
        () => ({ approve: true, headers: { n: 1 } }) as never,
        /answered an object, expected/,
      ],
    ];
    for (const [what, approve, message] of failures) {
      it(`an approve that ${what}: a tool_error with 'error', that call denied with 'submit'`, async () => {
        const strict = fakeApprovalClient(of(completed));
        const { values, error } = await collect(runWithTools(of(requiresApproval(search)), { client: strict.client, approve }));
        expect(values).toEqual([requiresApproval(search)]);
        expect(error).toMatchObject({ code: 'tool_error' });
        expect((error as Error).message).toMatch(/^Approval of tool "search_docs" \(call call_mcp_1\) of run run_1 failed: /);
        expect((error as Error).message).toMatch(message);
        expect(strict.approvals).toEqual([]);

        const lenient = fakeApprovalClient(of(completed));
        const approveOnlyDrops: ToolApprover = (c, context) => (c.id === 'call_mcp_1' ? approve(c, context) : true);
        const outcome = await collect(
          runWithTools(of(approval), { client: lenient.client, approve: approveOnlyDrops, onToolError: 'submit' }),
        );
        expect(outcome.completed).toBe(true);
        expect(lenient.approvals[0]!.body.tool_approvals).toEqual([
          { tool_call_id: 'call_mcp_1', approve: false },
          { tool_call_id: 'call_mcp_2', approve: true },
        ]);
      });
    }

    it('aborts the signal approve got when unsubscribed, and submits nothing', () => {
      let signal: AbortSignal | undefined;
      const { client, approvals } = fakeApprovalClient(of(completed));
      const subscription = runWithTools(of(requiresApproval(search)), {
        client,
        approve: (_c, context) => {
          signal = context.signal;
          return new Promise<boolean>(() => undefined);
        },
      }).subscribe();
      expect(signal?.aborted).toBe(false);
      subscription.unsubscribe();
      expect(signal?.aborted).toBe(true);
      expect(approvals).toEqual([]);
    });

    it('rejects a required_action it cannot take, naming its type, never its content', async () => {
      const odd = runEvent('thread.run.requires_action', {
        required_action: { type: 'submit_secret_handshake', secret: 'hunter2' } as never,
      });
      const { error } = await collect(runWithTools(of(odd), { client: fakeClient().client }));
      expect(error).toMatchObject({
        code: 'tool_error',
        message:
          'Run run_1 requires action with a required_action of type "submit_secret_handshake", which runWithTools cannot take',
      });
      expect((error as AssistantStreamError).excerpt).toContain('hunter2');
    });
  });

  describe('required calls of other types', () => {
    const computer = {
      id: 'call_cu_1',
      type: 'computer_use_preview',
      computer_use_preview: { action: { type: 'screenshot' } },
    } as unknown as RunToolCall;

    it('go to handlers[call.type] with call[call.type] as the arguments', async () => {
      const { client, submitted } = fakeClient(of(completed));
      const seen: unknown[] = [];
      const handlers: ToolHandlers = {
        computer_use_preview: (args, c) => {
          seen.push(args, c);
          return { screenshot: 'data:image/png;base64,AAAA' };
        },
        get_weather: () => 'sunny',
      };
      const { completed: done } = await collect(runWithTools(of(requires(computer, weather)), { client, handlers }));
      expect(done).toBe(true);
      expect(seen).toEqual([{ action: { type: 'screenshot' } }, computer]);
      expect(submitted[0]!.body.tool_outputs).toEqual([
        { tool_call_id: 'call_cu_1', output: '{"screenshot":"data:image/png;base64,AAAA"}' },
        { tool_call_id: 'call_1', output: 'sunny' },
      ]);
    });

    it('without a handler for their type: a tool_error (or an error output with submit)', async () => {
      const { error } = await collect(runWithTools(of(requires(computer)), { client: fakeClient().client }));
      expect(error).toMatchObject({
        code: 'tool_error',
        message:
          'Tool "computer_use_preview" (call call_cu_1) of run run_1 failed: no handler for tool calls of type "computer_use_preview"',
      });
    });
  });

  describe('maxRounds', () => {
    it('errors with tool_error when the run requires action once more than maxRounds allows', async () => {
      let n = 0;
      const client: RunWithToolsOptions['client'] = {
        submitToolOutputs: () => of(requires(call(`call_${++n}`, 'get_weather', '{}'))),
      };
      const { values, error } = await collect(
        runWithTools(of(requires(weather)), { client, handlers: { get_weather: () => 'x' }, maxRounds: 3 }),
      );
      expect(values).toHaveLength(4);
      expect(error).toMatchObject({
        code: 'tool_error',
        message: 'Run run_1 requires action again after 3 rounds of tool calls (maxRounds is 3)',
      });
      expect(n).toBe(3);
    });

    it('defaults to 100 rounds', async () => {
      let n = 0;
      const client: RunWithToolsOptions['client'] = {
        submitToolOutputs: () => (++n === 100 ? of(completed) : of(requires(weather))),
      };
      expect(
        (await collect(runWithTools(of(requires(weather)), { client, handlers: { get_weather: () => 'x' } }))).completed,
      ).toBe(true);
      n = -1;
      const { error } = await collect(runWithTools(of(requires(weather)), { client, handlers: { get_weather: () => 'x' } }));
      expect(error).toMatchObject({ code: 'tool_error', message: expect.stringContaining('(maxRounds is 100)') });
    });
  });

  describe('toolTimeout', () => {
    it("fails a handler that outlasts it (tool_error with 'error'), unsubscribing it", () => {
      newScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const slow$ = cold('-----x|', { x: 'late' });
        const { client } = fakeClient();
        const result$ = runWithTools(cold('r|', { r: requires(weather) }), {
          client,
          handlers: { get_weather: () => slow$ },
          toolTimeout: 3,
        });
        expectObservable(result$).toBe(
          'r--#',
          { r: requires(weather) },
          new AssistantStreamError(
            'tool_error',
            'Tool "get_weather" (call call_1) of run run_1 failed: the handler gave no answer within 3 ms (toolTimeout)',
          ),
        );
        expectSubscriptions(slow$.subscriptions).toBe('^--!');
      });
    });

    it("submits an error output (with 'submit') for a handler, a denial for an approve, that outlast it", () => {
      newScheduler().run(({ cold, expectObservable, flush }) => {
        const outputs = fakeClient(cold('c|', { c: completed }));
        expectObservable(
          runWithTools(cold('r|', { r: requires(weather, time) }), {
            client: outputs.client,
            handlers: { get_weather: () => NEVER, get_time: () => cold('-t|', { t: 'noon' }) },
            toolTimeout: 2,
            onToolError: 'submit',
          }),
        ).toBe('r-(c|)', { r: requires(weather, time), c: completed });
        const approvals = fakeApprovalClient(cold('c|', { c: completed }));
        const approval = requiresApproval(mcpCall('call_mcp_1', 'search_docs', 'docs'));
        expectObservable(
          runWithTools(cold('r|', { r: approval }), {
            client: approvals.client,
            approve: () => NEVER,
            toolTimeout: 5,
            onToolError: 'submit',
          }),
        ).toBe('r----(c|)', { r: approval, c: completed });
        flush();
        expect(outputs.submitted[0]!.body.tool_outputs).toEqual([
          {
            tool_call_id: 'call_1',
            output: JSON.stringify({
              error: 'Tool "get_weather" (call call_1) of run run_1 failed: the handler gave no answer within 2 ms (toolTimeout)',
            }),
          },
          { tool_call_id: 'call_2', output: 'noon' },
        ]);
        expect(approvals.approvals[0]!.body.tool_approvals).toEqual([{ tool_call_id: 'call_mcp_1', approve: false }]);
      });
    });

    it('aborts the signal of a Promise handler that times out', async () => {
      let signal: AbortSignal | undefined;
      const { client, submitted } = fakeClient(of(completed));
      const handlers: ToolHandlers = {
        get_weather: (_a, _c, context) => {
          signal = context.signal;
          return new Promise(() => undefined);
        },
      };
      const { completed: done } = await collect(
        runWithTools(of(requires(weather)), { client, handlers, toolTimeout: 10, onToolError: 'submit' }),
      );
      expect(done).toBe(true);
      expect(signal?.aborted).toBe(true);
      expect(JSON.parse(submitted[0]!.body.tool_outputs[0]!.output).error).toMatch(/no answer within 10 ms/);
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
    expect(() => runWithTools(NEVER, { client, approve: true as never })).toThrow(/`approve` must be a function/);
    expect(() => runWithTools(NEVER, { client, approve: () => true })).toThrow(/submitToolApprovals/);
    for (const maxRounds of [0, -1, 1.5, NaN, '3'])
      expect(() => runWithTools(NEVER, { client, maxRounds: maxRounds as number })).toThrow(/maxRounds/);
    for (const toolTimeout of [0, -5, NaN, 2 ** 31, '100'])
      expect(() => runWithTools(NEVER, { client, toolTimeout: toolTimeout as number })).toThrow(/toolTimeout/);
    expect(() => runWithTools(NEVER, { client, maxRounds: Infinity, toolTimeout: Infinity })).not.toThrow();
  });
});
