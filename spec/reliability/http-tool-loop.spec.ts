// Issue 10, class 3: a tool loop that ends. Rounds run in a loop (no stack growth), every failure reaches the
// subscriber, nothing is sent into a closed subscriber, unsubscribing stops everything.
import { asapScheduler, config, defer, EMPTY, from, Observable, observeOn, of, take, throwError } from 'rxjs';
import { AssistantStreamError } from '../../src/errors';
import { runWithTools, type RunWithToolsOptions, type ToolHandlers } from '../../src/http/run-with-tools';
import type { AssistantStreamEvent, RunToolCall } from '../../src/schema';
import { messageDelta, runCompleted, runCreated, runEvent, runRequiresAction } from '../../src/testing/builders';
import { collect } from '../support/collect';

const weather: RunToolCall = { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } };
const requires = runRequiresAction([weather]);
const completed = runCompleted();

/** A client whose run requires action `rounds` times, then completes; each submit answers with `wrap(events)`. */
function loopingClient(
  rounds: number,
  wrap: (events: AssistantStreamEvent[]) => Observable<AssistantStreamEvent> = (e) => from(e),
) {
  let submits = 0;
  const client: RunWithToolsOptions['client'] = {
    submitToolOutputs: () => {
      submits += 1;
      return wrap(submits < rounds ? [messageDelta('msg_1', '.'), requires] : [messageDelta('msg_1', '!'), completed]);
    },
  };
  return { client, submits: () => submits };
}

/** The depth of the current stack, in frames. */
function stackDepth(): number {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = Infinity;
  try {
    return (new Error().stack ?? '').split('\n').length;
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * Errors RxJS would send into closed subscribers, recorded instead of dropped. (Completions are left out: RxJS's own
 * `of(x).pipe(take(1))` sends one into the closed `take`.)
 */
function recordStrayErrors() {
  const stray: unknown[] = [];
  const previous = config.onStoppedNotification;
  config.onStoppedNotification = (notification) => {
    if (notification.kind === 'E') stray.push(notification.error);
  };
  return { stray, restore: () => (config.onStoppedNotification = previous) };
}

describe('runWithTools: a loop that ends (issue 10, class 3)', () => {
  it('runs 5,000 rounds with a synchronous client and handler, synchronously, without the stack growing', () => {
    const rounds = 5000;
    const { client, submits } = loopingClient(rounds);
    const depths: number[] = [];
    let round = 0;
    const handlers: ToolHandlers = {
      get_weather: () => {
        round += 1;
        if (round === 2 || round === 100 || round === rounds) depths.push(stackDepth());
        return 'sunny';
      },
    };
    let count = 0;
    let done = false;
    let failure: unknown;
    runWithTools(of(requires), { client, handlers, maxRounds: Infinity }).subscribe({
      next: () => (count += 1),
      error: (e: unknown) => (failure = e),
      complete: () => (done = true),
    });
    expect(failure).toBeUndefined();
    expect(done).toBe(true); // synchronously: no scheduling in between
    expect(submits()).toBe(rounds);
    expect(count).toBe(1 + 2 * rounds);
    expect(depths).toHaveLength(3);
    expect(new Set(depths).size).toBe(1); // the same depth in rounds 2, 100 and 5,000
  });

  it('runs 3,000 rounds with an asynchronous client and Promise handlers', async () => {
    const rounds = 3000;
    const { client, submits } = loopingClient(rounds, (events) => from(events).pipe(observeOn(asapScheduler)));
    const {
      values,
      completed: done,
      error,
    } = await collect(
      runWithTools(of(requires), { client, handlers: { get_weather: async () => 'sunny' }, maxRounds: Infinity }),
    );
    expect(error).toBeUndefined();
    expect(done).toBe(true);
    expect(submits()).toBe(rounds);
    expect(values).toHaveLength(1 + 2 * rounds);
    expect(values.at(-1)).toEqual(completed);
  });

  it('sends nothing into closed subscribers, whatever the handlers do (the stray "completed without a value")', async () => {
    const { stray, restore } = recordStrayErrors();
    try {
      const kinds: ToolHandlers['x'][] = [
        () => 'sync',
        () => Promise.resolve('promise'),
        () => of('a', 'b', 'c'),
        () => from(['x']).pipe(observeOn(asapScheduler)),
        () => defer(() => Promise.resolve('deferred')),
        () => EMPTY,
        () => throwError(() => new Error('boom')),
      ];
      for (const handler of kinds) {
        for (const onToolError of ['submit', 'error'] as const) {
          const { client } = loopingClient(3);
          await collect(runWithTools(of(requires), { client, handlers: { get_weather: handler }, onToolError }));
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(stray).toEqual([]);
    } finally {
      restore();
    }
  });

  describe('every failure reaches the subscriber, after the events before it', () => {
    const cases: [string, RunWithToolsOptions['client'], RegExp | string][] = [
      [
        'a client that throws',
        {
          submitToolOutputs: () => {
            throw new TypeError('submitToolOutputs: `runId` must be an id');
          },
        },
        /`runId` must be an id/,
      ],
      [
        'a client that returns no Observable',
        { submitToolOutputs: () => undefined as never },
        'runWithTools: `client.submitToolOutputs` returned nothing, expected an Observable of events',
      ],
      [
        'a client that returns a Promise',
        { submitToolOutputs: () => Promise.resolve([completed]) as never },
        /returned an object, expected an Observable/,
      ],
      [
        'a submit stream that errors',
        { submitToolOutputs: () => throwError(() => new AssistantStreamError('network_error', 'reset')) },
        'reset',
      ],
    ];
    for (const [what, client, message] of cases) {
      it(`for ${what}`, async () => {
        const {
          values,
          error,
          completed: done,
        } = await collect(runWithTools(of(runCreated(), requires), { client, handlers: { get_weather: () => 'x' } }));
        expect(done).toBe(false);
        expect(values).toEqual([runCreated(), requires]);
        expect((error as Error).message).toEqual(typeof message === 'string' ? message : expect.stringMatching(message));
      });
    }

    it('for a start stream that errors, and a run id that cannot go in a URL', async () => {
      const failing = await collect(
        runWithTools(
          throwError(() => new Error('down')),
          { client: loopingClient(1).client },
        ),
      );
      expect((failing.error as Error).message).toBe('down');
      const hostile = runRequiresAction([weather], { id: '../../files' });
      const submitted: string[] = [];
      const client: RunWithToolsOptions['client'] = {
        submitToolOutputs: (_threadId, runId) => {
          submitted.push(runId);
          if (runId.includes('/')) throw new TypeError('submitToolOutputs: `runId` must be an id');
          return of(completed);
        },
      };
      const { error } = await collect(runWithTools(of(hostile), { client, handlers: { get_weather: () => 'x' } }));
      expect(error).toBeInstanceOf(TypeError);
    });
  });

  it('stops everything on unsubscribe: no handler of a later round runs, no submit is sent', async () => {
    let handled = 0;
    const { client, submits } = loopingClient(1000, (events) => from(events).pipe(observeOn(asapScheduler)));
    const subscription = runWithTools(of(requires), {
      client,
      handlers: { get_weather: () => (handled += 1) },
      maxRounds: Infinity,
    }).subscribe();
    await new Promise((resolve) => setTimeout(resolve, 0));
    subscription.unsubscribe();
    const [h, s] = [handled, submits()];
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect([handled, submits()]).toEqual([h, s]);
  });

  it('take(n) downstream stops a synchronous loop at once', () => {
    const { client, submits } = loopingClient(1_000_000);
    const seen: AssistantStreamEvent[] = [];
    runWithTools(of(requires), { client, handlers: { get_weather: () => 'x' }, maxRounds: Infinity })
      .pipe(take(7))
      .subscribe((e) => seen.push(e));
    expect(seen).toHaveLength(7);
    expect(submits()).toBe(3);
  });

  it('an unknown action, an action with malformed calls: a tool_error, never a hang', async () => {
    const malformed = runEvent('thread.run.requires_action', {
      required_action: { type: 'submit_tool_outputs', submit_tool_outputs: { tool_calls: 'x' } } as never,
    });
    for (const event of [malformed, runEvent('thread.run.requires_action', { required_action: undefined as never })]) {
      const { error } = await collect(runWithTools(of(event), { client: loopingClient(1).client }));
      expect(error).toMatchObject({ code: 'tool_error' });
    }
  });
});
