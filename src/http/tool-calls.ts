import { catchError, from, isObservable, map, Observable, of, take, throwError, timeout } from 'rxjs';
import { AssistantStreamError, describeValue, label, toolCallError } from '../errors';
import type { RequiredMcpToolCall, RunToolCall } from '../schema';
import type { ToolApproval, ToolOutput } from './assistants-client';

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
 * What a handler (or `approve`) gets besides the call.
 *
 * @example
 * ```ts
 * import type { RunToolCall, ToolCallContext } from 'rx-assistant-stream';
 *
 * // The signal cancels the search when the run is abandoned, another tool of the round fails, or it times out.
 * async function searchDocs({ query }: { query: string }, _call: RunToolCall, { signal }: ToolCallContext) {
 *   const res = await fetch(`https://search.example.com/api?q=${encodeURIComponent(query)}`, { signal });
 *   const { hits } = (await res.json()) as { hits: { title: string; url: string }[] };
 *   return hits.slice(0, 3);
 * }
 * ```
 */
export interface ToolCallContext {
  /** Aborted when the caller unsubscribes while the handler runs, when another call fails the round, or at `toolTimeout`. */
  signal: AbortSignal;
}

/**
 * Answers one tool call: gets the parsed JSON arguments and the call, returns the output (a string, a JSON-able
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
export type ToolHandler<
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the arguments are the model's JSON: each handler types its own
  Args = any,
> = (args: Args, call: RunToolCall, context: ToolCallContext) => ToolResult | PromiseLike<ToolResult> | Observable<ToolResult>;

/**
 * Handlers by function name; calls of other types (Azure's computer use, say) by their `type`.
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
 * What to do when a tool call cannot be answered (a handler that throws, rejects, errors, times out or completes
 * without a value; a call with no handler; arguments that are not JSON; an output that is not JSON-able), or when
 * `approve` fails the same ways: `'error'` errors the Observable with a `tool_error`; `'submit'` submits
 * `{"error":"<message>"}` as that call's output (an approval that failed is submitted as a denial) and lets the
 * model deal with it.
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
 * What `approve` decides for one call: `true` / `false`, or `{ approve, headers }` to send headers on to the tool's
 * server (its auth) with the approval.
 *
 * @example
 * ```ts
 * import type { ApprovalDecision } from 'rx-assistant-stream';
 *
 * const withAuth: ApprovalDecision = { approve: true, headers: { Authorization: `Bearer ${process.env.MCP_TOKEN}` } };
 * const deny: ApprovalDecision = false;
 * ```
 */
export type ApprovalDecision = boolean | { approve: boolean; headers?: Record<string, string> };

/**
 * Decides whether a call that waits for approval may run: sync, as a Promise, or as an Observable whose first value
 * is taken.
 *
 * @example
 * ```ts
 * import { runWithTools, type ToolApprover } from 'rx-assistant-stream';
 *
 * // Read-only tools of the docs server run; anything else asks a person.
 * const approve: ToolApprover = (call, { signal }) =>
 *   call.server_label === 'docs' && call.name.startsWith('search_') ? true : askOperator(call, signal);
 * runWithTools(client.createRun(threadId, { assistant_id: 'asst_mcp' }), { client, handlers: {}, approve }).subscribe();
 * ```
 */
export type ToolApprover = (
  call: RequiredMcpToolCall,
  context: ToolCallContext,
) => ApprovalDecision | PromiseLike<ApprovalDecision> | Observable<ApprovalDecision>;

/** What answering the calls of one round needs to know. */
export interface AnswerSettings {
  handlers: ToolHandlers;
  approve: ToolApprover | undefined;
  onToolError: ToolErrorPolicy;
  toolTimeout: number;
  runId: unknown;
  event: string;
}

/** The output of one call of `submit_tool_outputs`, or the error (policy `'error'`) that ends the run. */
export function answerToolCall(call: RunToolCall, settings: AnswerSettings): Observable<ToolOutput> {
  const id = (call as { id?: unknown } | null)?.id as string;
  return firstAnswer(
    (signal) => {
      const { handler, args } = handlerFor(call, settings.handlers);
      return handler.call(settings.handlers, args, call, { signal });
    },
    toOutput,
    'the handler',
    settings.toolTimeout,
    (output) => ({ tool_call_id: id, output }),
    (cause) => {
      const error = toolError(call, cause, settings);
      return settings.onToolError === 'submit'
        ? of({ tool_call_id: id, output: JSON.stringify({ error: error.message }) })
        : throwError(() => error);
    },
  );
}

/** The approval of one call of `submit_tool_approval`: `approve`'s decision, or a denial / error after a failure. */
export function answerApproval(
  call: RequiredMcpToolCall,
  approve: ToolApprover,
  settings: AnswerSettings,
): Observable<ToolApproval> {
  const id = (call as { id?: unknown } | null)?.id as string;
  return firstAnswer(
    (signal) => approve(call, { signal }),
    toDecision,
    '`approve`',
    settings.toolTimeout,
    (decision) => ({ tool_call_id: id, ...decision }),
    (cause) => {
      const error = toolError(call, cause, settings, 'Approval of tool');
      return settings.onToolError === 'submit' ? of({ tool_call_id: id, approve: false }) : throwError(() => error);
    },
  );
}

/**
 * Runs a user callback once and takes its first value: sync, Promise or Observable. Its signal is aborted when the
 * answer is unsubscribed before it came (the run abandoned, another call failed, the timeout). A callback that
 * throws, rejects, errors, completes without a value or outlasts `timeoutMs` goes to `onFailure`; nothing is ever
 * sent into a subscriber that has closed.
 */
function firstAnswer<T, R>(
  run: (signal: AbortSignal) => unknown,
  convert: (value: unknown) => T,
  who: string,
  timeoutMs: number,
  onAnswer: (value: T) => R,
  onFailure: (cause: unknown) => Observable<R>,
): Observable<R> {
  const answer$ = new Observable<unknown>((subscriber) => {
    const controller = new AbortController();
    let settled = false;
    const settle = () => (settled = true);
    let result: unknown;
    try {
      result = run(controller.signal);
    } catch (error) {
      settle();
      subscriber.error(error);
      return;
    }
    const result$: Observable<unknown> = isObservable(result) ? result : isPromiseLike(result) ? from(result) : of(result);
    const inner = result$.pipe(take(1)).subscribe({
      next: (value) => {
        settle();
        subscriber.next(value);
        subscriber.complete();
      },
      error: (error: unknown) => {
        settle();
        subscriber.error(error);
      },
      complete: () => {
        // After a value, `take(1)` completes too: only a completion without one is a failure.
        if (settled) return;
        settle();
        subscriber.error(new Error(`${who} completed without a value`));
      },
    });
    return () => {
      inner.unsubscribe();
      if (!settled) controller.abort();
    };
  });
  const timed$ =
    timeoutMs === Infinity
      ? answer$
      : answer$.pipe(
          timeout({
            first: timeoutMs,
            with: () => throwError(() => new Error(`${who} gave no answer within ${timeoutMs} ms (toolTimeout)`)),
          }),
        );
  return timed$.pipe(
    map((value) => onAnswer(convert(value))),
    catchError(onFailure),
  );
}

/** The handler of a call and its arguments: by function name for `function` calls, by `type` for the others. */
function handlerFor(call: RunToolCall, handlers: ToolHandlers): { handler: ToolHandler; args: unknown } {
  const type = (call as { type?: unknown } | null)?.type;
  if (type === 'function') {
    const name = call.function?.name;
    const handler = ownHandler(handlers, name);
    if (handler === undefined) throw new Error(`no handler for function ${label(name)}`);
    return { handler, args: parseArguments(call.function.arguments) };
  }
  const handler = ownHandler(handlers, type);
  if (handler === undefined) throw new Error(`no handler for tool calls of type ${label(type)}`);
  const payload = (call as unknown as Record<string, unknown>)[type as string];
  return { handler, args: typeof payload === 'object' && payload !== null ? payload : {} };
}

function ownHandler(handlers: ToolHandlers, name: unknown): ToolHandler | undefined {
  if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(handlers, name)) return undefined;
  const handler = handlers[name];
  return typeof handler === 'function' ? handler : undefined;
}

function parseArguments(text: unknown): unknown {
  if (typeof text === 'string' && text.trim() === '') return {};
  try {
    return JSON.parse(text as string);
  } catch (error) {
    // Neither the text nor JSON.parse's message (which quotes it): the arguments are in the error's `excerpt`.
    throw new Error(`its arguments are not JSON (${describeValue(text)})`, { cause: error });
  }
}

function toOutput(value: unknown): string {
  if (typeof value === 'string') return value;
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new Error(`its output is not JSON-able (${(error as Error).message})`, { cause: error });
  }
  if (json === undefined) throw new Error(`its output is not JSON-able (${value === undefined ? 'undefined' : typeof value})`);
  return json;
}

function toDecision(value: unknown): { approve: boolean; headers?: Record<string, string> } {
  if (typeof value === 'boolean') return { approve: value };
  const decision = value as { approve?: unknown; headers?: unknown } | null;
  const headersOk =
    decision?.headers === undefined ||
    (typeof decision.headers === 'object' &&
      decision.headers !== null &&
      !Array.isArray(decision.headers) &&
      Object.values(decision.headers).every((v) => typeof v === 'string'));
  if (typeof decision !== 'object' || decision === null || typeof decision.approve !== 'boolean' || !headersOk) {
    throw new Error(
      `\`approve\` answered ${describeValue(value)}, expected true, false or { approve: boolean, headers?: { [name]: string } }`,
    );
  }
  return decision.headers === undefined
    ? { approve: decision.approve }
    : { approve: decision.approve, headers: decision.headers as Record<string, string> };
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as PromiseLike<unknown>).then === 'function'
  );
}

function toolError(
  call: RunToolCall | RequiredMcpToolCall,
  cause: unknown,
  settings: AnswerSettings,
  what = 'Tool',
): AssistantStreamError {
  if (cause instanceof AssistantStreamError && cause.code === 'tool_error') return cause;
  const c = call as {
    id?: unknown;
    name?: unknown;
    function?: { name?: unknown; arguments?: unknown };
    arguments?: unknown;
  } | null;
  const name = c?.function?.name ?? c?.name ?? (call as { type?: unknown } | null)?.type;
  return toolCallError(what, { name, id: c?.id, args: c?.function?.arguments ?? c?.arguments }, settings, cause);
}
