import { defer, forkJoin, isObservable, map, Observable, of, Subscription, takeWhile, throwError } from 'rxjs';
import { approvalUnavailableError, describeValue, label, tooManyRoundsError, unknownActionError } from '../errors';
import { isTerminalRunEvent } from '../operators/run-status';
import type { AssistantStreamEvent, AssistantStreamEventOf, RequiredMcpToolCall, RunToolCall } from '../schema';
import type { AssistantsClient } from './assistants-client';
import {
  answerApproval,
  answerToolCall,
  type AnswerSettings,
  type ToolApprover,
  type ToolErrorPolicy,
  type ToolHandlers,
} from './tool-calls';

export type {
  ApprovalDecision,
  ToolApprover,
  ToolCallContext,
  ToolErrorPolicy,
  ToolHandler,
  ToolHandlers,
  ToolResult,
} from './tool-calls';

/** The default of `maxRounds`: more tool rounds than a run needs, few enough to stop a run that loops. */
const DEFAULT_MAX_ROUNDS = 100;

/** The longest `toolTimeout` timers can wait (about 24.8 days); a longer one would fire at once. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Options of {@link runWithTools}.
 *
 * @example
 * ```ts
 * import { collectRunResult, runWithTools, type RunWithToolsOptions } from 'rx-assistant-stream';
 *
 * const options: RunWithToolsOptions = {
 *   client, // any object with submitToolOutputs (and submitToolApprovals, to approve): the real client, or a fake in tests
 *   handlers: {
 *     lookup_order: async ({ orderId }: { orderId: string }) => ({ orderId, status: 'shipped', eta: '2024-06-03' }),
 *     escalate: ({ reason }: { reason: string }) => `Ticket opened: ${reason}`,
 *   },
 *   approve: (call) => call.server_label === 'docs', // MCP calls waiting for approval (Azure)
 *   onToolError: 'submit', // a failing handler becomes {"error":"..."} for the model to explain
 *   maxRounds: 20,
 *   toolTimeout: 30_000,
 * };
 * runWithTools(client.createRun(threadId, { assistant_id: 'asst_support' }), options)
 *   .pipe(collectRunResult())
 *   .subscribe(({ run, steps }) => console.log(run?.status, `${steps.length} steps`));
 * ```
 */
export interface RunWithToolsOptions {
  /** Submits the answers: `submitToolOutputs`, and `submitToolApprovals` when `approve` is given; a fake or an adapter fits. */
  client: Pick<AssistantsClient, 'submitToolOutputs'> & Partial<Pick<AssistantsClient, 'submitToolApprovals'>>;
  /** The handlers: by function name for `function` calls, by `type` for calls of other types. Default `{}`. */
  handlers?: ToolHandlers;
  /**
   * Decides each call of a `submit_tool_approval` action (Azure's MCP calls). Without it, such a run ends with a
   * `tool_error` that names the calls waiting for approval.
   */
  approve?: ToolApprover;
  /** The failure policy of handlers and `approve`: `'error'` (default) or `'submit'`. */
  onToolError?: ToolErrorPolicy;
  /** How many times the run may require action; one more is a `tool_error`. Default 100. */
  maxRounds?: number;
  /** How long each handler and each `approve` call may take, in ms; past it, it fails (see `onToolError`). Default: no limit. */
  toolTimeout?: number;
}

type RequiresAction = AssistantStreamEventOf<'thread.run.requires_action'>;

/** `required_action` as runWithTools reads it, whatever the schema made of an action it does not know. */
interface ActionLike {
  type?: unknown;
  submit_tool_outputs?: { tool_calls?: unknown };
  submit_tool_approval?: { tool_calls?: unknown };
}

/**
 * The whole run, tool calls answered: mirrors `start$`, and each time the run pauses at `thread.run.requires_action`
 * answers what it asks, submits the answers together, and goes on with the stream that answers, as many rounds as
 * the run needs (up to `maxRounds`). It completes after the event that makes the run terminal (or when a stream
 * ends), so the result is one continuous stream of the run's events.
 *
 * - `submit_tool_outputs`: each call goes to its handler (`handlers[call.function.name]` for a function call, with
 *   the parsed JSON arguments; `handlers[call.type]` for a call of another type, with `call[call.type]`), all of a
 *   round in parallel; the outputs go to `client.submitToolOutputs(thread_id, run_id, { tool_outputs })`.
 * - `submit_tool_approval` (Azure's MCP calls): each call goes to `approve(call, context)`, all in parallel; the
 *   decisions go to `client.submitToolApprovals(thread_id, run_id, { tool_approvals })`. Without `approve`, the
 *   stream ends with a `tool_error` that names the calls.
 * - Any other action: a `tool_error`.
 *
 * A call that cannot be answered follows `onToolError` (with `'submit'`, a failed approval is a denial); nothing
 * ever waits forever on a handler that completes without a value, and `toolTimeout` bounds one that never answers.
 * Rounds run one after the other in a loop, not by recursion: thousands of rounds use no more stack than one.
 * Unsubscribing cancels what is in flight: the stream being read, the handlers (their Observables and their
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
 * @param options `client`, `handlers`, `approve`, `onToolError`, `maxRounds`, `toolTimeout`.
 * @returns A cold Observable of every event of the run, across all rounds.
 */
export function runWithTools(
  start$: Observable<AssistantStreamEvent>,
  options: RunWithToolsOptions,
): Observable<AssistantStreamEvent> {
  if (!isObservable(start$)) throw new TypeError('runWithTools: `start$` must be an Observable of events');
  const { client, handlers, approve, onToolError, maxRounds, toolTimeout } = checkOptions(options);

  /** The Observable of the stream that goes on after this pause: the answers, then their submission. */
  const answer = (event: RequiresAction): Observable<Observable<AssistantStreamEvent>> =>
    defer(() => {
      const run = event.data;
      const action = run.required_action as ActionLike | null | undefined;
      const settings: AnswerSettings = { handlers, approve, onToolError, toolTimeout, runId: run.id, event: event.event };
      if (action?.type === 'submit_tool_outputs' && Array.isArray(action.submit_tool_outputs?.tool_calls)) {
        const calls = action.submit_tool_outputs.tool_calls as RunToolCall[];
        return all(calls.map((call) => answerToolCall(call, settings))).pipe(
          map((tool_outputs) => events('submitToolOutputs', client.submitToolOutputs(run.thread_id, run.id, { tool_outputs }))),
        );
      }
      if (action?.type === 'submit_tool_approval' && Array.isArray(action.submit_tool_approval?.tool_calls)) {
        const calls = action.submit_tool_approval.tool_calls as RequiredMcpToolCall[];
        if (approve === undefined || typeof client.submitToolApprovals !== 'function')
          return throwError(() => approvalUnavailableError(event, calls, approve === undefined));
        const submit = client.submitToolApprovals.bind(client);
        return all(calls.map((call) => answerApproval(call, approve, settings))).pipe(
          map((tool_approvals) => events('submitToolApprovals', submit(run.thread_id, run.id, { tool_approvals }))),
        );
      }
      return throwError(() => unknownActionError(event, action));
    });

  return new Observable<AssistantStreamEvent>((subscriber) => {
    // Everything in flight (the stream of the round, its answers) lives in here: children leave it when they end.
    const inFlight = new Subscription();
    let rounds = 0;
    let queued: Observable<AssistantStreamEvent> | undefined = start$;
    let driving = false;
    const fail = (error: unknown) => {
      if (!subscriber.closed) subscriber.error(error);
    };

    /** Reads one stream up to the pause or the end of the run. */
    const read = (stream$: Observable<AssistantStreamEvent>) => {
      let last: AssistantStreamEvent | undefined;
      const stream = stream$
        .pipe(
          takeWhile(
            (event) => !subscriber.closed && event.event !== 'thread.run.requires_action' && !isTerminalRunEvent(event),
            true,
          ),
        )
        .subscribe({
          next: (event) => {
            last = event;
            subscriber.next(event);
          },
          error: fail,
          complete: () => {
            if (subscriber.closed) return;
            if (last?.event === 'thread.run.requires_action') pause(last);
            else subscriber.complete();
          },
        });
      inFlight.add(stream);
    };

    /** Answers a pause; the stream that answers is queued for the loop. */
    const pause = (event: RequiresAction) => {
      if (rounds >= maxRounds) return fail(tooManyRoundsError(event, maxRounds));
      rounds += 1;
      const answering = answer(event).subscribe({
        next: (next$) => {
          queued = next$;
          drive();
        },
        error: fail,
      });
      inFlight.add(answering);
    };

    /**
     * The loop: reads the queued stream, and the next one if answering it was synchronous, without growing the
     * stack. An answer that comes later starts the loop again from its own callback.
     */
    const drive = () => {
      if (driving) return;
      driving = true;
      try {
        while (queued !== undefined && !subscriber.closed) {
          const stream$ = queued;
          queued = undefined;
          read(stream$);
        }
      } finally {
        driving = false;
      }
    };

    drive();
    return () => inFlight.unsubscribe();
  });
}

/** What a client's submit method returned, checked: a client that returns anything but an Observable fails the run. */
function events(method: string, result: unknown): Observable<AssistantStreamEvent> {
  if (!isObservable(result))
    throw new TypeError(`runWithTools: \`client.${method}\` returned ${describeValue(result)}, expected an Observable of events`);
  return result as Observable<AssistantStreamEvent>;
}

/** Every answer of a round, in the order of the calls, once the last one came (none: an empty list at once). */
function all<T>(answers: Observable<T>[]): Observable<T[]> {
  return answers.length === 0 ? of([]) : forkJoin(answers);
}

interface CheckedOptions {
  client: RunWithToolsOptions['client'];
  handlers: ToolHandlers;
  approve: ToolApprover | undefined;
  onToolError: ToolErrorPolicy;
  maxRounds: number;
  toolTimeout: number;
}

/** Checks the options of {@link runWithTools}: a `TypeError` that names the option, or the options with defaults. */
export function checkOptions(options: RunWithToolsOptions): CheckedOptions {
  const where = 'runWithTools';
  if (typeof options !== 'object' || options === null) throw new TypeError(`${where}: \`options\` must be an object`);
  const {
    client,
    handlers = {},
    approve,
    onToolError = 'error',
    maxRounds = DEFAULT_MAX_ROUNDS,
    toolTimeout = Infinity,
  } = options;
  if (typeof client !== 'object' || client === null || typeof client.submitToolOutputs !== 'function') {
    throw new TypeError(`${where}: \`client\` must have a \`submitToolOutputs(threadId, runId, body)\` method`);
  }
  if (typeof handlers !== 'object' || handlers === null)
    throw new TypeError(`${where}: \`handlers\` must be an object of functions`);
  for (const [name, handler] of Object.entries(handlers)) {
    if (typeof handler !== 'function') throw new TypeError(`${where}: handler ${label(name)} must be a function`);
  }
  if (approve !== undefined && typeof approve !== 'function') throw new TypeError(`${where}: \`approve\` must be a function`);
  if (approve !== undefined && typeof client.submitToolApprovals !== 'function') {
    throw new TypeError(
      `${where}: with \`approve\`, \`client\` must have a \`submitToolApprovals(threadId, runId, body)\` method`,
    );
  }
  if (onToolError !== 'error' && onToolError !== 'submit') {
    throw new TypeError(`${where}: \`onToolError\` must be 'error' or 'submit', got ${label(onToolError)}`);
  }
  if (!(maxRounds === Infinity || (Number.isInteger(maxRounds) && maxRounds >= 1))) {
    throw new TypeError(`${where}: \`maxRounds\` must be a whole number of at least 1 (or Infinity)`);
  }
  if (!(toolTimeout === Infinity || (typeof toolTimeout === 'number' && toolTimeout > 0 && toolTimeout <= MAX_TIMEOUT_MS))) {
    throw new TypeError(
      `${where}: \`toolTimeout\` must be a number of milliseconds above 0 and at most ${MAX_TIMEOUT_MS} (or Infinity)`,
    );
  }
  return { client, handlers, approve, onToolError, maxRounds, toolTimeout };
}
