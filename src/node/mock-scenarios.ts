import { readFile } from 'node:fs/promises';
import {
  createAzurePlayer,
  type MockAzureBingScenario,
  type MockAzureConnectedAgentScenario,
  type MockAzureMcpScenario,
  type MockAzureScenarioName,
} from './mock-azure-scenarios';
import type { ServerErrorBody } from '../errors';
import type { AssistantStreamEvent, ToolCall } from '../schema';
import {
  runCompleted,
  runCreated,
  runInProgress,
  runQueued,
  sseFrame,
  runStepCompleted,
  threadCreated,
} from '../testing/builders';
import {
  codeInterpreterStepEvents,
  messageEvents,
  textRunEvents,
  toolCallRunEvents,
  toolOutputsRunEvents,
  type FunctionCallSpec,
} from '../testing/scenarios';

/**
 * A plain text run.
 *
 * @example
 * ```ts
 * import { startMockServer, type MockTextScenario } from 'rx-assistant-stream/node';
 *
 * const scenario: MockTextScenario = { type: 'text', text: 'Grüße aus München! Die Bestellung ist unterwegs. 📦' };
 * // 3-byte writes cut the ü, the ß and the 📦 in the middle: the client must reassemble them.
 * const server = await startMockServer({ scenario, chunkSize: 3 });
 * ```
 */
export interface MockTextScenario {
  type: 'text';
  /** The answer. Default: a short text with multi-byte characters (so byte-wise chunks split them). */
  text?: string;
}

/**
 * One submitted tool output, as the mock server received it.
 *
 * @example
 * ```ts
 * import { startMockServer, type MockToolOutput } from 'rx-assistant-stream/node';
 *
 * // The final answer of a tools scenario, built from what the client submitted.
 * const answer = (outputs: MockToolOutput[]) => {
 *   const { celsius } = JSON.parse(outputs[0]?.output ?? '{}') as { celsius?: number };
 *   return celsius === undefined ? 'I could not get the weather.' : `It is ${celsius} °C in Paris right now.`;
 * };
 * const server = await startMockServer({ scenario: { type: 'tools', answer } });
 * ```
 */
export interface MockToolOutput {
  tool_call_id: string;
  output: string;
}

/**
 * A function-calling run: it pauses at `requires_action` for the calls of the first round; each submit that answers
 * exactly the calls asked for resumes it, with the next round's calls or, after the last round, a text built from the
 * submitted outputs, and `thread.run.completed`.
 *
 * @example
 * ```ts
 * import { startMockServer, type MockToolsScenario } from 'rx-assistant-stream/node';
 *
 * // Two rounds: two parallel calls first, then one that depends on their outputs.
 * const scenario: MockToolsScenario = {
 *   type: 'tools',
 *   rounds: [
 *     [
 *       { id: 'call_paris', name: 'get_weather', arguments: '{"city":"Paris"}' },
 *       { id: 'call_tokyo', name: 'get_weather', arguments: '{"city":"Tokyo"}' },
 *     ],
 *     [{ id: 'call_compare', name: 'compare_temperatures', arguments: '{"cities":["Paris","Tokyo"]}' }],
 *   ],
 *   answer: (outputs) => `Compared ${outputs.length - 1} cities: ${outputs.at(-1)?.output}`,
 * };
 * const server = await startMockServer({ scenario });
 * ```
 */
export interface MockToolsScenario {
  type: 'tools';
  /** The function calls of each round. Default: one round, `get_weather({"city":"Paris"})` as `call_1`. */
  rounds?: FunctionCallSpec[][];
  /** The final answer, from all the outputs submitted (in order). Default: a sentence quoting them. */
  answer?: (outputs: MockToolOutput[]) => string;
}

/**
 * A run with a code interpreter step (input fragments, a `logs` output), then a text.
 *
 * @example
 * ```ts
 * import { startMockServer, type MockCodeScenario } from 'rx-assistant-stream/node';
 *
 * const scenario: MockCodeScenario = {
 *   type: 'code',
 *   input: 'import statistics\nprint(statistics.median([12, 7, 31, 9, 15]))',
 *   logs: '12\n',
 *   text: 'The median order value is 12 €.',
 * };
 * const server = await startMockServer({ scenario, pacing: 30 });
 * ```
 */
export interface MockCodeScenario {
  type: 'code';
  input?: string;
  logs?: string;
  text?: string;
}

/**
 * Where a transcript comes from: raw SSE text, an SSE file (read at each request), or events to serialize.
 *
 * @example
 * ```ts
 * import type { MockTranscriptSource } from 'rx-assistant-stream/node';
 * import { runCreated, textRunEvents } from 'rx-assistant-stream/testing';
 *
 * const recorded: MockTranscriptSource = { file: 'spec/fixtures/annotated-answer.sse' }; // captured from the real API
 * const built: MockTranscriptSource = { events: textRunEvents('Built with the test builders.') };
 * const truncated: MockTranscriptSource = { sse: `event: thread.run.created\ndata: ${JSON.stringify(runCreated().data)}\n\nevent: thread.mess` };
 * ```
 */
export type MockTranscriptSource = { sse: string } | { file: string } | { events: readonly AssistantStreamEvent[] };

/**
 * Recorded runs played as they are: `start` answers the create endpoints, `submit` (if any) submit_tool_outputs.
 * Events get a final `event: done`; raw SSE and files are sent byte for byte.
 *
 * @example
 * ```ts
 * import { startMockServer, type MockTranscriptScenario } from 'rx-assistant-stream/node';
 * import { toolCallRunEvents, toolOutputsRunEvents } from 'rx-assistant-stream/testing';
 *
 * const call = { id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' };
 * const scenario: MockTranscriptScenario = {
 *   type: 'transcript',
 *   start: { events: toolCallRunEvents([call], { stepId: 'step_weather' }) },
 *   submit: { events: toolOutputsRunEvents([{ ...call, output: '18°C' }], 'It is 18°C in Paris.', { toolStepId: 'step_weather' }) },
 * };
 * const server = await startMockServer({ scenario, chunkSize: 64 });
 * ```
 */
export interface MockTranscriptScenario {
  type: 'transcript';
  start: MockTranscriptSource;
  submit?: MockTranscriptSource;
}

/**
 * What the mock server plays: a built-in run by name, a configured one, or a transcript.
 *
 * @example
 * ```ts
 * import { startMockServer, type MockScenario } from 'rx-assistant-stream/node';
 *
 * // A dev server for a front end, the scenario chosen by an environment variable.
 * const scenarios: Record<string, MockScenario> = {
 *   chat: 'text',
 *   weather: 'tools',
 *   analysis: { type: 'code', input: 'print(sum(range(10)))', logs: '45\n', text: 'The sum is 45.' },
 *   replay: { type: 'transcript', start: { file: 'recordings/long-answer.sse' } },
 *   approval: 'azure-mcp', // Azure's MCP run: answer with client.submitToolApprovals
 * };
 * const server = await startMockServer({ port: 4010, scenario: scenarios[process.env.MOCK_SCENARIO ?? 'chat'] ?? 'text', pacing: 25 });
 * ```
 */
export type MockScenario =
  | 'text'
  | 'tools'
  | 'code'
  | MockAzureScenarioName
  | MockTextScenario
  | MockToolsScenario
  | MockCodeScenario
  | MockTranscriptScenario
  | MockAzureMcpScenario
  | MockAzureConnectedAgentScenario
  | MockAzureBingScenario;

/** The request a scenario answers. */
export interface ScenarioRequest {
  endpoint: 'createRun' | 'createThreadAndRun' | 'submitToolOutputs';
  threadId: string;
  runId: string;
  body: Record<string, unknown>;
}

/** A scenario's answer: SSE frames to stream, or an HTTP error. */
export type ScenarioAnswer = { frames: string[] } | { status: number; error: ServerErrorBody };

/** Plays a scenario; the tools scenario remembers, per run, which round it waits for. */
export interface ScenarioPlayer {
  answer(request: ScenarioRequest): Promise<ScenarioAnswer>;
}

/**
 * The default text of the built-in runs.
 *
 * @example
 * ```ts
 * import { DEFAULT_MOCK_TEXT, startMockServer } from 'rx-assistant-stream/node';
 * import { createAssistantsClient, textDeltas } from 'rx-assistant-stream';
 * import { lastValueFrom, toArray } from 'rxjs';
 * import assert from 'node:assert/strict';
 *
 * // One byte per write splits every multi-byte character of the default text: nothing may be lost.
 * const server = await startMockServer({ chunkSize: 1 });
 * const client = createAssistantsClient({ baseURL: server.baseURL });
 * const fragments = await lastValueFrom(client.createRun('thread_1', { assistant_id: 'asst_1' }).pipe(textDeltas(), toArray()));
 * assert.equal(fragments.join(''), DEFAULT_MOCK_TEXT);
 * await server.close();
 * ```
 */
export const DEFAULT_MOCK_TEXT = 'Hello from the mock Assistants server! Multi-byte text survives any split: héllo, €, 漢字, 😀.';

const DEFAULT_ROUNDS: FunctionCallSpec[][] = [[{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }]];

const DONE_FRAME = 'event: done\ndata: [DONE]\n\n';

/** Builds the player of a scenario (validating it with a `TypeError`). */
export function createScenarioPlayer(scenario: MockScenario = 'text'): ScenarioPlayer {
  const spec =
    typeof scenario === 'string' ? ({ type: scenario } as Exclude<MockScenario, string | MockTranscriptScenario>) : scenario;
  switch (spec?.type) {
    case 'azure-mcp':
    case 'azure-connected-agent':
    case 'azure-bing': {
      const player = createAzurePlayer(spec);
      return {
        async answer(request) {
          const answer = player.answer(request);
          return 'events' in answer ? { frames: framesOf(answer.events) } : answer;
        },
      };
    }
    case 'text':
      return simplePlayer((r) => textRunEvents(spec.text ?? DEFAULT_MOCK_TEXT, runIds(r)));
    case 'code':
      return simplePlayer((r) => codeRunEvents(spec, r));
    case 'tools':
      return toolsPlayer(spec);
    case 'transcript':
      checkTranscript('start', spec.start);
      if (spec.submit !== undefined) checkTranscript('submit', spec.submit);
      return {
        async answer(request) {
          const source = request.endpoint === 'submitToolOutputs' ? spec.submit : spec.start;
          if (source === undefined) return notAwaiting(request.runId);
          return { frames: await transcriptFrames(source) };
        },
      };
    default:
      throw new TypeError(
        `startMockServer: unknown \`scenario\` ${JSON.stringify(scenario)}: use 'text', 'tools', 'code', 'azure-mcp', 'azure-connected-agent', 'azure-bing' or { type: 'transcript', start }`,
      );
  }
}

function runIds(request: ScenarioRequest) {
  const assistantId = typeof request.body['assistant_id'] === 'string' ? request.body['assistant_id'] : undefined;
  return {
    threadId: request.threadId,
    runId: request.runId,
    ...(assistantId ? { assistantId } : {}),
    withThread: request.endpoint === 'createThreadAndRun',
  };
}

function simplePlayer(events: (request: ScenarioRequest) => AssistantStreamEvent[]): ScenarioPlayer {
  return {
    async answer(request) {
      if (request.endpoint === 'submitToolOutputs') return notAwaiting(request.runId);
      return { frames: framesOf(events(request)) };
    },
  };
}

function codeRunEvents(spec: MockCodeScenario, request: ScenarioRequest): AssistantStreamEvent[] {
  const ids = runIds(request);
  const run = { id: ids.runId, thread_id: ids.threadId, ...(ids.assistantId ? { assistant_id: ids.assistantId } : {}) };
  return [
    ...(ids.withThread ? [threadCreated({ id: ids.threadId })] : []),
    runCreated(run),
    runQueued(run),
    runInProgress(run),
    ...codeInterpreterStepEvents(spec.input ?? 'print(6 * 7)', spec.logs ?? '42\n', ids),
    ...messageEvents(spec.text ?? 'The result is 42.', { ...ids, stepId: 'step_answer', messageId: 'msg_answer' }),
    runCompleted(run),
  ];
}

interface PendingRun {
  round: number;
  outputs: MockToolOutput[];
  assistantId?: string;
}

function toolsPlayer(spec: MockToolsScenario): ScenarioPlayer {
  const rounds = spec.rounds ?? DEFAULT_ROUNDS;
  if (!Array.isArray(rounds) || rounds.length === 0 || !rounds.every((r) => Array.isArray(r) && r.length > 0)) {
    throw new TypeError(
      'startMockServer: a tools scenario needs `rounds`, a non-empty array of non-empty arrays of { id, name, arguments }',
    );
  }
  const answerText =
    spec.answer ??
    ((outputs: MockToolOutput[]) =>
      `Here is what the tools said: ${outputs.map((o) => `${o.tool_call_id} → ${o.output}`).join('; ')}.`);
  const pending = new Map<string, PendingRun>();
  const stepId = (round: number) => `step_tools_${round + 1}`;

  return {
    async answer(request) {
      if (request.endpoint !== 'submitToolOutputs') {
        const ids = runIds(request);
        pending.set(request.runId, { round: 0, outputs: [], ...(ids.assistantId ? { assistantId: ids.assistantId } : {}) });
        return { frames: framesOf(toolCallRunEvents(rounds[0]!, { ...ids, stepId: stepId(0) })) };
      }
      const state = pending.get(request.runId);
      if (!state) return notAwaiting(request.runId);
      const ids = { ...runIds(request), ...(state.assistantId ? { assistantId: state.assistantId } : {}) };
      const asked = rounds[state.round]!;
      const outputs = checkOutputs(request.body['tool_outputs'], asked);
      if ('status' in outputs) return outputs;
      const answered: (FunctionCallSpec & { output: string })[] = asked.map((call) => ({
        ...call,
        output: outputs.find((o) => o.tool_call_id === call.id)!.output,
      }));
      const all = [...state.outputs, ...asked.map((call) => outputs.find((o) => o.tool_call_id === call.id)!)];
      const next = state.round + 1;
      if (next >= rounds.length) {
        pending.delete(request.runId);
        const { withThread: _, ...rest } = ids;
        return {
          frames: framesOf(toolOutputsRunEvents(answered, answerText(all), { ...rest, toolStepId: stepId(state.round) })),
        };
      }
      pending.set(request.runId, { round: next, outputs: all });
      const toolCalls: ToolCall[] = answered.map((call) => ({
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: call.arguments, output: call.output },
      }));
      const resumed = toolCallRunEvents(rounds[next]!, { ...ids, withThread: false, stepId: stepId(next) }).filter(
        (e) => e.event !== 'thread.run.created',
      );
      const done = runStepCompleted({
        id: stepId(state.round),
        run_id: request.runId,
        thread_id: request.threadId,
        ...(state.assistantId ? { assistant_id: state.assistantId } : {}),
        type: 'tool_calls',
        step_details: { type: 'tool_calls', tool_calls: toolCalls },
      });
      return { frames: framesOf([...resumed.slice(0, 2), done, ...resumed.slice(2)]) };
    },
  };
}

function checkOutputs(value: unknown, asked: FunctionCallSpec[]): MockToolOutput[] | { status: number; error: ServerErrorBody } {
  const invalid = (message: string) => ({
    status: 400,
    error: { message, type: 'invalid_request_error', param: 'tool_outputs', code: null },
  });
  if (!Array.isArray(value)) return invalid("Missing required parameter: 'tool_outputs'.");
  const outputs: MockToolOutput[] = [];
  for (const item of value) {
    const { tool_call_id, output } = (item ?? {}) as Record<string, unknown>;
    if (typeof tool_call_id !== 'string' || typeof output !== 'string') {
      return invalid('Each tool output must be { tool_call_id: string, output: string }.');
    }
    outputs.push({ tool_call_id, output });
  }
  const expected = asked.map((c) => c.id).sort();
  const got = outputs.map((o) => o.tool_call_id).sort();
  if (expected.join('\u0000') !== got.join('\u0000')) {
    return invalid(`Expected tool outputs for call_ids ${JSON.stringify(expected)}, got ${JSON.stringify(got)}.`);
  }
  return outputs;
}

function notAwaiting(runId: string): ScenarioAnswer {
  return {
    status: 400,
    error: { message: `Run ${runId} is not waiting for tool outputs.`, type: 'invalid_request_error', param: null, code: null },
  };
}

/** The frames of events, `event: done` last. */
export function framesOf(events: readonly AssistantStreamEvent[]): string[] {
  return [...events.map((event) => sseFrame(event)), DONE_FRAME];
}

/** Splits SSE text into frames, each with its closing blank line (a last frame may lack it). */
export function splitFrames(text: string): string[] {
  const frames: string[] = [];
  let last = 0;
  for (const match of text.matchAll(/\r\n\r\n|\n\n|\r\r/g)) {
    const end = match.index + match[0].length;
    frames.push(text.slice(last, end));
    last = end;
  }
  if (last < text.length) frames.push(text.slice(last));
  return frames;
}

/** Whether a frame is the closing `event: done` one. */
export function isDoneFrame(frame: string): boolean {
  return /^event: ?done\s*$/m.test(frame) || /^data: ?\[DONE\]\s*$/m.test(frame);
}

async function transcriptFrames(source: MockTranscriptSource): Promise<string[]> {
  if ('events' in source) return framesOf(source.events);
  if ('sse' in source) return splitFrames(source.sse);
  return splitFrames(await readFile(source.file, 'utf8'));
}

function checkTranscript(name: string, source: unknown): void {
  const s = source as Record<string, unknown> | null;
  const ok =
    typeof s === 'object' &&
    s !== null &&
    (typeof s['sse'] === 'string' || typeof s['file'] === 'string' || Array.isArray(s['events']));
  if (!ok)
    throw new TypeError(
      `startMockServer: the transcript's \`${name}\` must be { sse: string }, { file: string } or { events: [...] }`,
    );
}
