import { filter, map, pipe, type OperatorFunction } from 'rxjs';
import type { AssistantStreamEvent, Run, RunToolCall } from '../schema';
import { isRunEvent } from './run-status';

/**
 * What a paused run asks for: the run, and the function calls whose outputs it waits for.
 *
 * @example
 * ```ts
 * import { assistantEvents, requiredToolCalls, type RequiredToolCalls } from 'rx-assistant-stream';
 * import { mergeMap } from 'rxjs';
 *
 * const answer = ({ run, toolCalls }: RequiredToolCalls) => {
 *   const tool_outputs = toolCalls.map((call) => ({ tool_call_id: call.id, output: '{"celsius":18}' }));
 *   return client.submitToolOutputs(run.thread_id, run.id, { tool_outputs });
 * };
 * assistantEvents(response).pipe(requiredToolCalls(), mergeMap(answer)).subscribe();
 * ```
 */
export interface RequiredToolCalls {
  run: Run;
  toolCalls: RunToolCall[];
}

/**
 * The function calls a run asks its caller to answer, each time it pauses at `requires_action`
 * (`run.required_action.submit_tool_outputs.tool_calls`). Answer them with `client.submitToolOutputs`, or let
 * `runWithTools` do the whole loop.
 *
 * ```
 * source:              --created--step.delta--run.requires_action--|
 * requiredToolCalls(): -----------------------{ run, toolCalls }---|
 * ```
 *
 * @example
 * ```ts
 * import { assistantEvents, requiredToolCalls } from 'rx-assistant-stream';
 *
 * assistantEvents(response)
 *   .pipe(requiredToolCalls())
 *   .subscribe(({ run, toolCalls }) => toolCalls.forEach((call) => console.log(run.id, call.function.name, call.function.arguments)));
 * ```
 *
 * @returns An operator from stream events to the tool calls each pause requires.
 */
export function requiredToolCalls(): OperatorFunction<AssistantStreamEvent, RequiredToolCalls> {
  return pipe(
    filter(isRunEvent),
    filter((event) => event.data.status === 'requires_action'),
    map(({ data: run }) => {
      const action = run.required_action;
      return { run, toolCalls: action?.type === 'submit_tool_outputs' ? action.submit_tool_outputs.tool_calls : [] };
    }),
  );
}
