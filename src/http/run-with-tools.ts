import { catchError, concat, defer, forkJoin, from, isObservable, map, mergeMap, Observable, of, takeWhile, throwError } from 'rxjs';
import { AssistantStreamError, excerpt } from '../errors';
import { isTerminalRunEvent } from '../operators/run-status';
import type { AssistantStreamEvent, AssistantStreamEventOf, RunToolCall } from '../schema';
import type { AssistantsClient, ToolOutput } from './assistants-client';

/**
 * What a tool handler may produce: a string (sent as is) or any JSON-able value (sent as its JSON).
 *
 * @example
 * ```ts
 * import type { ToolResult } from 'rx-assistant-stream';
 *
 * const stock = new Map([['SKU-1042', 7]]);
 * // A found item is submitted as its JSON, '{"sku":"SKU-1042","inStock":7}'; a miss as the plain sentence.
 * function checkStock({ sku }: { sku: string }): ToolResult {
 *   const count = stock.get(sku);
 *   return count === undefined ? `No product with the SKU ${sku}.` : { sku, inStock: count };
 * }
 * ```
 */
export type ToolResult = unknown;

/**
 * What a handler gets besides the parsed arguments.
 *
 * @example
 * ```ts
 * import type { RunToolCall, ToolCallContext } from 'rx-assistant-stream';
 *
 * // The signal cancels the search when the run is abandoned or another tool of the round fails.
 * async function searchDocs({ query }: { query: string }, _call: RunToolCall, { signal }: ToolCallContext) {
 *   const res = await fetch(`https://search.example.com/api?q=${encodeURIComponent(query)}`, { signal });
 *   const { hits } = (await res.json()) as { hits: { title: string; url: string }[] };
 *   return hits.slice(0, 3);
 * }
 * ```
 */
export interface ToolCallContext {
  /** Aborted when the caller unsubscribes while the handler runs, or when another handler fails the round. */
  signal: AbortSignal;
}

/**
 * Answers one function call: gets the parsed JSON arguments and the call, returns the output (a string, a JSON-able
 * value, a Promise of one, or an Observable whose first value is taken).
 *
 * @example
 * ```ts
 * import type { ToolHandler } from 'rx-assistant-stream';
 * import { map, timer } from 'rxjs';
 *
 * // An Observable handler: its first value is the output; unsubscribing from the run cancels it.
 * const getWeather: ToolHandler<{ city: string; unit?: 'celsius' | 'fahrenheit' }> = ({ city, unit = 'celsius' }, call) =>
 *   timer(300).pipe(map(() => ({ city, unit, temperature: unit === 'celsius' ? 18 : 64, call_id: call.id })));
 * ```
 */
export type ToolHandler<Args = any> = (
  args: Args,
  call: RunToolCall,
  context: ToolCallContext,
) => ToolResult | PromiseLike<ToolResult> | Observable<ToolResult>;

/**
 * Handlers by function name.
 *
 * @example
 * ```ts
 * import { runWithTools, type ToolHandlers } from 'rx-assistant-stream';
 *
 * const handlers: ToolHandlers = {
 *   // Async, returning JSON: submitted as '{"orderId":"4512","status":"shipped",...}'.
 *   get_order: async ({ orderId }: { orderId: string }, _call, { signal }) => {
 *     const res = await fetch(`https://shop.example.com/api/orders/${orderId}`, { signal });
 *     if (!res.ok) throw new Error(`order ${orderId}: HTTP ${res.status}`);
 *     return res.json();
 *   },
 *   // Sync, returning a string: submitted as is.
 *   get_time: ({ timeZone }: { timeZone: string }) => new Date().toLocaleString('en-GB', { timeZone }),
 * };
 * runWithTools(client.createRun(threadId, { assistant_id: 'asst_support' }), { client, handlers }).subscribe();
 * ```
 */
export type ToolHandlers = Record<string, ToolHandler>;

/**
 * What to do when a tool call cannot be answered (a handler that throws, rejects, errors or completes without a
 * value; a function with no handler; arguments that are not JSON; an output that is not JSON-able):
 * `'error'` errors the Observable with a `tool_error`; `'submit'` submits `{"error":"<message>"}` as that call's
 * output and lets the model deal with it.
 *
 * @example
 * ```ts
 * import { runWithTools, type ToolErrorPolicy } from 'rx-assistant-stream';
 *
 * // In production the model explains a failed lookup to the user; in development a failure stops the run loudly.
 * const onToolError: ToolErrorPolicy = process.env.NODE_ENV === 'production' ? 'submit' : 'error';
 * runWithTools(client.createRun(threadId, { assistant_id: 'asst_abc' }), {
 *   client,
 *   handlers: { get_exchange_rate: async ({ from, to }: { from: string; to: string }) => ({ from, to, rate: 1.08 }) },
 *   onToolError,
 * }).subscribe({ error: (e) => console.error(e) }); // with 'error': an AssistantStreamError of code 'tool_error'
 * ```
 */
export type ToolErrorPolicy = 'error' | 'submit';

/**
 * Options of {@link runWithTools}.
 *
 * @example
 * ```ts
 * import { collectRunResult, runWithTools, type RunWithToolsOptions } from 'rx-assistant-stream';
 *
 * const options: RunWithToolsOptions = {
 *   client, // any object with submitToolOutputs: the real client, or a fake in tests
 *   handlers: {
 *     lookup_order: async ({ orderId }: { orderId: string }) => ({ orderId, status: 'shipped', eta: '2024-06-03' }),
 *     escalate: ({ reason }: { reason: string }) => `Ticket opened: ${reason}`,
 *   },
 *   onToolError: 'submit', // a failing handler becomes {"error":"..."} for the model to explain
 * };
 * runWithTools(client.createRun(threadId, { assistant_id: 'asst_support' }), options)
 *   .pipe(collectRunResult())
 *   .subscribe(({ run, steps }) => console.log(run?.status, `${steps.length} steps`));
 * ```
 */
export interface RunWithToolsOptions {
  /** Submits the outputs; only `submitToolOutputs` is used, so a fake or an adapter fits. */
  client: Pick<AssistantsClient, 'submitToolOutputs'>;
  /** The function handlers, by name. */
  handlers: ToolHandlers;
  /** The failure policy: `'error'` (default) or `'submit'`. */
  onToolError?: ToolErrorPolicy;
}

type RequiresAction = AssistantStreamEventOf<'thread.run.requires_action'>;

/**
 * The whole run, tool calls answered: mirrors `start$`, and each time the run pauses at `thread.run.requires_action`
 * calls the handlers of the requested functions in parallel, submits all their outputs with
 * `client.submitToolOutputs(thread_id, run_id, { tool_outputs })` and goes on with the stream that answers, as many
 * rounds as the run needs. It completes after the event that makes the run terminal (or when a stream ends), so the
 * result is one continuous stream of the run's events.
 *
 * A call that cannot be answered follows `onToolError`; nothing ever waits forever on a handler that completes without
 * a value. Unsubscribing cancels what is in flight: the stream being read, the handlers' Observables (and their
 * `signal`), the submit request.
 *
 * ```
 * start$:           --created--requires_action|
 * handlers:                                    --output|
 * submitToolOutputs:                                   --step.completed--delta--run.completed|
 * result:           --created--requires_action---------------step.completed--delta--run.completed|
 * ```
 *
 * @example
 * ```ts
 * import { createAssistantsClient, runWithTools, textDeltas } from 'rx-assistant-stream';
 *
 * const client = createAssistantsClient({ baseURL: 'http://127.0.0.1:4010/v1' });
 * runWithTools(client.createRun('thread_abc', { assistant_id: 'asst_abc' }), {
 *   client,
 *   handlers: {
 *     get_weather: async ({ city }: { city: string }) => ({ city, celsius: 18 }),
 *   },
 * })
 *   .pipe(textDeltas())
 *   .subscribe((text) => process.stdout.write(text));
 * ```
 *
 * @param start$ The run's first stream: `client.createRun(...)`, `client.createThreadAndRun(...)` or any events.
 * @param options `client` (its `submitToolOutputs`), `handlers`, `onToolError`.
 * @returns A cold Observable of every event of the run, across all rounds.
 */
export function runWithTools(start$: Observable<AssistantStreamEvent>, options: RunWithToolsOptions): Observable<AssistantStreamEvent> {
  if (!isObservable(start$)) throw new TypeError('runWithTools: `start$` must be an Observable of events');
  const { client, handlers, onToolError } = checkOptions(options);

  const play = (stream$: Observable<AssistantStreamEvent>): Observable<AssistantStreamEvent> =>
    stream$.pipe(
      // The stream of a round ends where the run pauses or ends: nothing is waited for after it.
      takeWhile((event) => event.event !== 'thread.run.requires_action' && !isTerminalRunEvent(event), true),
      mergeMap((event) =>
        event.event === 'thread.run.requires_action'
          ? concat(
              of(event),
              answer(event).pipe(
                mergeMap((toolOutputs) => play(client.submitToolOutputs(event.data.thread_id, event.data.id, { tool_outputs: toolOutputs }))),
              ),
            )
          : of(event),
      ),
    );

  const answer = (event: RequiresAction): Observable<ToolOutput[]> =>
    defer(() => {
      const action = event.data.required_action;
      if (!action || action.type !== 'submit_tool_outputs' || !Array.isArray(action.submit_tool_outputs?.tool_calls)) {
        return throwError(
          () =>
            new AssistantStreamError('tool_error', `Run ${event.data.id} requires an action runWithTools cannot take: ${excerpt(action, 120)}`, {
              event: event.event,
              excerpt: excerpt(action, 200),
            }),
        );
      }
      const calls = action.submit_tool_outputs.tool_calls;
      return calls.length === 0 ? of([]) : forkJoin(calls.map((call) => answerCall(call, event)));
    });

  const answerCall = (call: RunToolCall, event: RequiresAction): Observable<ToolOutput> =>
    callHandler(call, handlers).pipe(
      map((output) => ({ tool_call_id: call.id, output })),
      catchError((cause: unknown) => {
        const error = toolError(call, cause, event);
        return onToolError === 'submit' ? of({ tool_call_id: call.id, output: JSON.stringify({ error: error.message }) }) : throwError(() => error);
      }),
    );

  return defer(() => play(start$));
}

/** Runs one handler: the output string, or an error explaining why there is none. */
function callHandler(call: RunToolCall, handlers: ToolHandlers): Observable<string> {
  return new Observable<string>((subscriber) => {
    const name = call?.function?.name;
    if (call?.type !== 'function' || typeof name !== 'string') {
      subscriber.error(new Error(`a tool call of type ${String(call?.type)} cannot be answered by a handler`));
      return;
    }
    const handler = Object.prototype.hasOwnProperty.call(handlers, name) ? handlers[name] : undefined;
    if (typeof handler !== 'function') {
      subscriber.error(new Error(`no handler for function "${name}"`));
      return;
    }
    let args: unknown;
    const text = call.function.arguments;
    try {
      args = typeof text === 'string' && text.trim() === '' ? {} : JSON.parse(text);
    } catch (error) {
      subscriber.error(new Error(`its arguments are not JSON (${(error as Error).message}): ${excerpt(text, 80)}`));
      return;
    }
    const controller = new AbortController();
    let result: unknown;
    try {
      result = handler.call(handlers, args, call, { signal: controller.signal });
    } catch (error) {
      subscriber.error(error);
      return;
    }
    const result$: Observable<unknown> = isObservable(result) ? result : isPromiseLike(result) ? from(result) : of(result);
    let settled = false;
    const subscription = result$.subscribe({
      next: (value) => {
        settled = true;
        let output: string;
        try {
          output = toOutput(value);
        } catch (error) {
          subscriber.error(error);
          return;
        }
        subscriber.next(output);
        subscriber.complete();
      },
      error: (error: unknown) => {
        settled = true;
        subscriber.error(error);
      },
      complete: () => {
        settled = true;
        subscriber.error(new Error('the handler completed without a value'));
      },
    });
    return () => {
      subscription.unsubscribe();
      if (!settled) controller.abort();
    };
  });
}

function toOutput(value: unknown): string {
  if (typeof value === 'string') return value;
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new Error(`its output is not JSON-able (${(error as Error).message})`);
  }
  if (json === undefined) throw new Error(`its output is not JSON-able (${value === undefined ? 'undefined' : typeof value})`);
  return json;
}

function toolError(call: RunToolCall, cause: unknown, event: RequiresAction): AssistantStreamError {
  if (cause instanceof AssistantStreamError && cause.code === 'tool_error') return cause;
  const name = call?.function?.name ?? '(unnamed)';
  const why = cause instanceof Error ? cause.message : String(cause);
  return new AssistantStreamError('tool_error', `Tool "${name}" (call ${call?.id}) of run ${event.data.id} failed: ${why}`, {
    event: event.event,
    excerpt: excerpt(call?.function?.arguments, 200),
    cause,
  });
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';
}

function checkOptions(options: RunWithToolsOptions): Required<RunWithToolsOptions> {
  if (typeof options !== 'object' || options === null) throw new TypeError('runWithTools: `options` must be an object');
  const { client, handlers, onToolError = 'error' } = options;
  if (typeof client !== 'object' || client === null || typeof client.submitToolOutputs !== 'function') {
    throw new TypeError('runWithTools: `client` must have a `submitToolOutputs(threadId, runId, body)` method');
  }
  if (typeof handlers !== 'object' || handlers === null) throw new TypeError('runWithTools: `handlers` must be an object of functions');
  for (const [name, handler] of Object.entries(handlers)) {
    if (typeof handler !== 'function') throw new TypeError(`runWithTools: handler "${name}" must be a function`);
  }
  if (onToolError !== 'error' && onToolError !== 'submit') {
    throw new TypeError(`runWithTools: \`onToolError\` must be 'error' or 'submit', got ${String(onToolError)}`);
  }
  return { client, handlers, onToolError };
}
