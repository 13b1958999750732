import { concatMap, defer, from, map, timer, type Observable } from 'rxjs';
import type { AssistantStreamEvent } from '../schema';
import { runCompleted, sseFrame } from '../testing/builders';
import { codeInterpreterStepEvents, messageEvents, toolCallRunEvents, toolOutputsRunEvents } from '../testing/scenarios';
import { chunkBytes } from '../testing/chunks';
import { mcpCallRunEvents, toolApprovalsRunEvents } from '../testing/azure';

/** The recorded-style run the demo replays: ids, the question, and what the assistant streams. */
export const DEMO = {
  ids: { threadId: 'thread_demo', runId: 'run_demo', assistantId: 'asst_demo' },
  question: 'Should I bike to work in Paris tomorrow? It is 12 km and I ride at about 18 km/h.',
  intro: 'Let me work out the ride time and check tomorrow’s forecast for Paris.',
  code: 'distance_km = 12\nspeed_kmh = 18\nminutes = distance_km / speed_kmh * 60\nprint(f"{minutes:.0f} minutes")',
  logs: '40 minutes\n',
  call: { id: 'call_weather', name: 'get_weather', arguments: '{"city":"Paris","date":"tomorrow"}' },
  answer:
    'Yes, with one caveat. The ride takes about 40 minutes, and tomorrow in Paris brings light rain until 9:00, ' +
    'then clearing skies at 14°C with a light breeze. Leave after 9 and you should stay dry; ' +
    'before that, pack a rain jacket. Bonne route ! 🚲',
  usage: { prompt_tokens: 812, completion_tokens: 96, total_tokens: 908 },
} as const;

/** The local handler of `get_weather` (what an application would call a weather API for). */
export function getWeather(args: { city?: string; date?: string }): Record<string, unknown> {
  return {
    city: args.city ?? 'Paris',
    date: args.date ?? 'today',
    forecast: 'light rain until 9:00, then clearing',
    temperature_c: 14,
    wind_kmh: 9,
  };
}

/**
 * The first stream of the run (createThreadAndRun): thread, run, a short message, a code interpreter step with
 * logs, then the function call, up to `thread.run.requires_action`.
 */
export function demoStartEvents(): AssistantStreamEvent[] {
  const ids = DEMO.ids;
  const [thread, created, queued, inProgress, ...toolCallEvents] = toolCallRunEvents([DEMO.call], {
    ...ids,
    withThread: true,
    stepId: 'step_weather',
  });
  return [
    thread!,
    created!,
    queued!,
    inProgress!,
    ...messageEvents(DEMO.intro, { ...ids, messageId: 'msg_intro', stepId: 'step_intro' }),
    ...codeInterpreterStepEvents(DEMO.code, DEMO.logs, { ...ids, stepId: 'step_code', callId: 'call_code' }),
    ...toolCallEvents,
  ];
}

/** The stream that answers submit_tool_outputs: the tool step completes with the outputs, the answer, the run completes. */
export function demoContinuationEvents(outputs: readonly { tool_call_id: string; output: string }[]): AssistantStreamEvent[] {
  const ids = DEMO.ids;
  const calls = outputs.map((o) => ({ ...DEMO.call, id: o.tool_call_id, output: o.output }));
  return toolOutputsRunEvents(calls, DEMO.answer, {
    ...ids,
    toolStepId: 'step_weather',
    stepId: 'step_answer',
    messageId: 'msg_answer',
  }).map((event) =>
    event.event === 'thread.run.completed'
      ? runCompleted({ id: ids.runId, thread_id: ids.threadId, assistant_id: ids.assistantId, usage: DEMO.usage })
      : event,
  );
}

/** Milliseconds before each event at speed 1: what a live run feels like (tokens ~30/s, code takes a moment). */
function pause(event: AssistantStreamEvent): number {
  switch (event.event) {
    case 'thread.message.delta':
      return 32;
    case 'thread.run.step.delta': {
      const details = event.data.delta.step_details;
      const call = details?.type === 'tool_calls' ? details.tool_calls?.[0] : undefined;
      if (call?.type === 'code_interpreter' && call.code_interpreter?.outputs?.length) return 500; // the code runs
      return 22;
    }
    case 'thread.run.queued':
    case 'thread.run.in_progress':
      return 160;
    case 'thread.run.requires_action':
    case 'thread.run.completed':
      return 150;
    default:
      return 20;
  }
}

/**
 * The SSE bytes of `events` (and the `[DONE]` frame), paced like a live server at `speed` (`Infinity`: no pause,
 * delivered synchronously), each frame cut into uneven chunks (multi-byte characters split too), counting bytes.
 */
export function pacedSSE(
  events: readonly AssistantStreamEvent[],
  speed: number,
  countBytes: (n: number) => void,
): Observable<Uint8Array> {
  return defer(() =>
    from([...events, undefined]).pipe(
      concatMap((event) => {
        const frame = event === undefined ? 'event: done\ndata: [DONE]\n\n' : sseFrame(event);
        const chunks = from(chunkBytes(frame, [61, 17, 140]));
        const ms = event === undefined || !Number.isFinite(speed) ? 0 : pause(event) / speed;
        return ms > 0 ? timer(ms).pipe(concatMap(() => chunks)) : chunks;
      }),
      map((chunk) => (countBytes(chunk.length), chunk)),
    ),
  );
}

/** A pause before the continuation stream starts (the server accepting the outputs). */
export function afterSubmit<T>(source$: Observable<T>, speed: number): Observable<T> {
  const ms = Number.isFinite(speed) ? 300 / speed : 0;
  return ms > 0 ? timer(ms).pipe(concatMap(() => source$)) : defer(() => source$);
}

/** The Azure AI Agents run of `demo --azure`: an MCP call that waits for approval, approved by a local handler. */
export const AZURE_DEMO = {
  ids: { threadId: 'thread_azure_demo', runId: 'run_azure_demo', assistantId: 'asst_azure_demo' },
  question: 'Which api-version does the Azure AI Agent Service expect on its run endpoints?',
  call: {
    id: 'call_mcp_docs',
    name: 'search_docs',
    serverLabel: 'microsoft_docs',
    arguments: '{"query":"agent service api-version"}',
  },
  /** The MCP servers the approval handler trusts. */
  trusted: ['microsoft_docs'],
  output: 'Every request carries ?api-version=; the GA service answers api-version=v1.',
  answer: 'Send ?api-version=v1 on every URL: the GA service of Azure AI Agents expects it, and answers HTTP 400 without it. ✓',
} as const;

/** The first stream of the Azure run: the MCP server's tools listed, the call streamed, `submit_tool_approval`. */
export function azureDemoStartEvents(): AssistantStreamEvent[] {
  return mcpCallRunEvents([{ ...AZURE_DEMO.call }], { ...AZURE_DEMO.ids, withThread: true });
}

/** The continuation after the approvals: Azure's second run.created, the late MCP output, the answer. */
export function azureDemoContinuationEvents(
  approvals: readonly { tool_call_id: string; approve: boolean }[],
): AssistantStreamEvent[] {
  const approved = approvals.some((a) => a.tool_call_id === AZURE_DEMO.call.id && a.approve);
  const result = approved
    ? { ...AZURE_DEMO.call, approved: true, output: AZURE_DEMO.output }
    : { ...AZURE_DEMO.call, approved: false };
  const text = approved ? AZURE_DEMO.answer : 'I could not search the docs: the call was not approved.';
  return toolApprovalsRunEvents([result], text, { ...AZURE_DEMO.ids, toolStepId: 'step_mcp' });
}
