import type * as t from 'io-ts';
import { excerpt } from '../errors';
import { applyMessageDelta, applyRunStepDelta, messageFromDelta, runStepFromDelta } from '../accumulate';
import { getCodecs, type Message, type MessageDelta, type RunStep, type RunStepDelta } from '../schema';
import type { SchemaMode } from '../schema/combinators';
import { fromSSE } from '../sse/from-sse';
import type { SseMessage } from '../sse/sse-message';

/** One way an event departs from a schema: where, what was expected, what came. */
export interface Deviation {
  /** The 1-based position of the SSE event in the capture. */
  index: number;
  event: string;
  /** `invalid_json`, `invalid_event` (schema mismatch), `invalid_done`, or `invalid_sse` (the body's framing). */
  code: 'invalid_json' | 'invalid_event' | 'invalid_done' | 'invalid_sse';
  /** The path in the event: `data.delta.content[0].index` (`data` for unparsable JSON). */
  path: string;
  expected: string;
  got: string;
}

/** The validation of a capture in one mode. */
export interface ModeReport {
  valid: boolean;
  /** Every deviation of every event (all of them, not only the first event's). */
  deviations: Deviation[];
  /** How many events deviate. */
  events: number;
}

/** What the accumulated snapshot of a message or step (or the streamed function calls) came to. */
export interface AccumulationCheck {
  kind: 'message' | 'run step' | 'required_action';
  id: string;
  /** Deltas applied. */
  deltas: number;
  /**
   * - `equal`: the snapshot from `*.created` + deltas equals the server's final object (lifecycle fields aside);
   * - `differs`: it does not, see `path`, `expected` (the final object), `got` (the snapshot);
   * - `not created here`: the final object came without its creation or deltas in this capture (a continuation);
   * - `unfinished`: the capture ends before the final object.
   */
  result: 'equal' | 'differs' | 'not created here' | 'unfinished';
  path?: string;
  expected?: string;
  got?: string;
}

/** What `inspect` finds in a capture. */
export interface InspectReport {
  source: string;
  bytes: number;
  /** SSE events in the capture, `done` included. */
  sseEvents: number;
  /** Why the capture is not an SSE stream of this API at all (no events, an HTTP error body, an overflow). */
  fatal?: string;
  /** Where `[DONE]` came (1-based), and how many events follow it (decoders ignore them). */
  done: { index: number | null; after: number };
  /** Events with a name the library does not know (skipped by the decoder). */
  unknownEvents: { index: number; event: string }[];
  lenient: ModeReport;
  strict: ModeReport;
  /** Events per name, in order of first appearance. */
  counts: Record<string, number>;
  lifecycle: {
    threads: string[];
    runs: { id: string; statuses: string[]; usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null; lastError: string | null; notes: string[] }[];
    steps: { id: string; type: string; status: string; toolCalls: string[] }[];
    messages: { id: string; role: string; status: string; textLength: number; incomplete: string | null }[];
    serverErrors: { index: number; message: string }[];
  };
  accumulation: AccumulationCheck[];
  /** Valid in lenient mode, an SSE stream, and every delta accumulating to its final object. */
  valid: boolean;
}

type Obj = Record<string, unknown>;

const MESSAGE_LIFECYCLE = ['status', 'completed_at', 'incomplete_at', 'incomplete_details'];
const STEP_LIFECYCLE = ['status', 'completed_at', 'cancelled_at', 'failed_at', 'expired_at', 'last_error', 'usage'];
const FINAL_MESSAGE = new Set(['thread.message.completed', 'thread.message.incomplete']);
const FINAL_STEP = new Set(['thread.run.step.completed', 'thread.run.step.failed', 'thread.run.step.cancelled', 'thread.run.step.expired']);

/** Inspects a whole capture. Pure: the same bytes give the same report. */
export function inspectCapture(source: string, bytes: Uint8Array): InspectReport {
  const report: InspectReport = {
    source,
    bytes: bytes.length,
    sseEvents: 0,
    done: { index: null, after: 0 },
    unknownEvents: [],
    lenient: { valid: true, deviations: [], events: 0 },
    strict: { valid: true, deviations: [], events: 0 },
    counts: {},
    lifecycle: { threads: [], runs: [], steps: [], messages: [], serverErrors: [] },
    accumulation: [],
    valid: true,
  };

  const { messages, error } = readSse(bytes);
  report.sseEvents = messages.length;
  if (messages.length === 0) report.fatal = notSse(bytes, error);

  const lenient = getCodecs('lenient');
  const knows = (name: string) => Object.prototype.hasOwnProperty.call(lenient.eventData, name);
  const tracker = new Tracker(report);

  messages.forEach((message, i) => {
    const index = i + 1;
    const name = message.event ?? (message.data === '[DONE]' ? 'done' : '(no event name)');
    report.counts[name] = (report.counts[name] ?? 0) + 1;
    if (report.done.index !== null) {
      report.done.after++;
      return;
    }
    if (name === 'done') {
      report.done.index = index;
      if (message.data !== '[DONE]') {
        const deviation: Deviation = { index, event: 'done', code: 'invalid_done', path: 'data', expected: '[DONE]', got: excerpt(message.data, 60) };
        report.lenient.deviations.push(deviation);
        report.strict.deviations.push(deviation);
      }
      return;
    }
    if (!knows(name)) {
      report.unknownEvents.push({ index, event: name });
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(message.data);
    } catch (cause) {
      const deviation: Deviation = {
        index,
        event: name,
        code: 'invalid_json',
        path: 'data',
        expected: 'JSON',
        got: `${message.data.length > 40 ? '…' : ''}${message.data.slice(-40)} (${(cause as Error).message})`,
      };
      report.lenient.deviations.push(deviation);
      report.strict.deviations.push(deviation);
      return;
    }
    const data = name === 'error' && typeof json === 'object' && json !== null && 'error' in json ? (json as Obj)['error'] : json;
    const lenientFound = check('lenient', name, data, index);
    report.lenient.deviations.push(...lenientFound);
    report.strict.deviations.push(...check('strict', name, data, index));
    if (lenientFound.length === 0) tracker.add(index, name, data as Obj);
  });

  if (error !== undefined && messages.length > 0) {
    // The framing failed after some events (a body cut inside a line, an event past the buffer bound).
    const deviation: Deviation = { index: messages.length + 1, event: '(end of body)', code: 'invalid_sse', path: 'body', expected: 'whole SSE frames', got: error };
    report.lenient.deviations.push(deviation);
    report.strict.deviations.push(deviation);
  }
  tracker.finish();
  for (const mode of [report.lenient, report.strict]) {
    mode.events = new Set(mode.deviations.map((d) => d.index)).size;
    mode.valid = mode.deviations.length === 0;
  }
  report.valid = report.fatal === undefined && report.lenient.valid && !report.accumulation.some((a) => a.result === 'differs');
  return report;
}

function readSse(bytes: Uint8Array): { messages: SseMessage[]; error?: string } {
  const messages: SseMessage[] = [];
  let error: string | undefined;
  // A whole body is read synchronously.
  fromSSE(bytes).subscribe({ next: (m) => messages.push(m), error: (e: unknown) => (error = e instanceof Error ? e.message : String(e)) });
  return error === undefined ? { messages } : { messages, error };
}

function notSse(bytes: Uint8Array, parserError: string | undefined): string {
  const text = new TextDecoder().decode(bytes);
  if (text.trim() === '') return 'the capture is empty: no server-sent events';
  // The body may follow a few lines of notes (a recording's headers): try each line that opens a JSON object.
  for (const match of text.matchAll(/^\s*\{/gm)) {
    let body: Obj;
    try {
      body = JSON.parse(text.slice(match.index)) as Obj;
    } catch {
      continue;
    }
    const error = body?.['error'] as Obj | undefined;
    if (error && typeof error['message'] === 'string') {
      const kind = [error['type'], error['code']].filter((x) => typeof x === 'string').join(', ');
      return `not an SSE stream: a JSON error body, as a server answers a rejected request (HTTP 4xx/5xx)${kind ? ` (${kind})` : ''}: ${error['message']}`;
    }
    return 'not an SSE stream: a JSON body';
  }
  return `not an SSE stream: no \`event:\`/\`data:\` frames found${parserError ? ` (${parserError})` : ''}`;
}

/** Every mismatch of `data` against the event's codec in `mode`, one per path. */
function check(mode: SchemaMode, event: string, data: unknown, index: number): Deviation[] {
  const codecs = getCodecs(mode);
  const codec = (event === 'error' ? codecs.ErrorObject : (codecs.eventData as Record<string, t.Mixed>)[event]) as t.Mixed;
  if (codec.is(data)) return [];
  const result = codec.decode(data);
  if (result._tag === 'Right') return [];
  const seen = new Set<string>();
  const out: Deviation[] = [];
  for (const error of result.left) {
    const { path, expected, actual } = describe(error.context, codec);
    if (seen.has(path)) continue;
    seen.add(path);
    out.push({ index, event, code: 'invalid_event', path, expected: shorten(expected), got: actual === undefined ? 'nothing' : excerpt(JSON.stringify(actual), 60) });
  }
  return out;
}

/** The path, expected type and value of one io-ts error (the same reading as the decoder's error messages). */
function describe(entries: t.Context, codec: t.Mixed): { path: string; expected: string; actual: unknown } {
  let path = 'data';
  let expected = entries.length > 0 ? entries[0]!.type.name : codec.name;
  let actual: unknown = entries[0]?.actual;
  for (let i = 1; i < entries.length; i++) {
    const parent = entries[i - 1]!.type as t.Mixed & { _tag?: string };
    const entry = entries[i]!;
    if (parent._tag === 'UnionType') break;
    if (/^\d+$/.test(entry.key) && entry.actual === entries[i - 1]!.actual) continue;
    path += /^\d+$/.test(entry.key) ? `[${entry.key}]` : `.${entry.key}`;
    expected = entry.type.name;
    actual = entry.actual;
  }
  return { path, expected, actual };
}

function shorten(text: string): string {
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

/** Follows runs, steps and messages through the (lenient-valid) events, and checks the deltas against the finals. */
class Tracker {
  private readonly runs = new Map<string, InspectReport['lifecycle']['runs'][number]>();
  private readonly steps = new Map<string, { snapshot: Obj | undefined; deltas: number; created: boolean; final: Obj | undefined; error?: string }>();
  private readonly messages = new Map<string, { snapshot: Obj | undefined; deltas: number; created: boolean; final: Obj | undefined; error?: string }>();

  constructor(private readonly report: InspectReport) {}

  add(index: number, event: string, data: Obj): void {
    if (event === 'thread.created') this.report.lifecycle.threads.push(String(data['id']));
    else if (event === 'error') this.report.lifecycle.serverErrors.push({ index, message: String(data['message'] ?? '') });
    else if (event.startsWith('thread.run.step.')) this.step(event, data);
    else if (event.startsWith('thread.run.')) this.run(event, data);
    else if (event.startsWith('thread.message.')) this.message(event, data);
  }

  private run(event: string, data: Obj): void {
    const id = String(data['id']);
    let run = this.runs.get(id);
    if (!run) this.runs.set(id, (run = { id, statuses: [], usage: null, lastError: null, notes: [] }));
    const status = String(data['status']);
    if (run.statuses[run.statuses.length - 1] !== status) run.statuses.push(status);
    const named = event.slice('thread.run.'.length);
    if (named !== 'created' && named !== status) run.notes.push(`${event} carried status "${status}"`);
    if (data['usage']) run.usage = data['usage'] as InspectReport['lifecycle']['runs'][number]['usage'];
    const lastError = data['last_error'] as Obj | null | undefined;
    if (lastError) run.lastError = `${String(lastError['code'])}: ${String(lastError['message'])}`;
    if (event === 'thread.run.requires_action') this.requiredAction(id, data);
  }

  private step(event: string, data: Obj): void {
    const id = String(data['id']);
    let entry = this.steps.get(id);
    if (!entry) this.steps.set(id, (entry = { snapshot: undefined, deltas: 0, created: false, final: undefined }));
    if (event === 'thread.run.step.delta') {
      entry.deltas++;
      if (entry.error) return;
      try {
        entry.snapshot = (entry.snapshot
          ? applyRunStepDelta(entry.snapshot as unknown as RunStep, data as unknown as RunStepDelta)
          : runStepFromDelta(data as unknown as RunStepDelta)) as unknown as Obj;
      } catch (error) {
        entry.error = (error as Error).message;
      }
      return;
    }
    if (event === 'thread.run.step.created') entry.created = true;
    if (FINAL_STEP.has(event)) entry.final = data;
    else entry.snapshot = data;
  }

  private message(event: string, data: Obj): void {
    const id = String(data['id']);
    let entry = this.messages.get(id);
    if (!entry) this.messages.set(id, (entry = { snapshot: undefined, deltas: 0, created: false, final: undefined }));
    if (event === 'thread.message.delta') {
      entry.deltas++;
      if (entry.error) return;
      try {
        entry.snapshot = (entry.snapshot
          ? applyMessageDelta(entry.snapshot as unknown as Message, data as unknown as MessageDelta)
          : messageFromDelta(data as unknown as MessageDelta)) as unknown as Obj;
      } catch (error) {
        entry.error = (error as Error).message;
      }
      return;
    }
    if (event === 'thread.message.created') entry.created = true;
    if (FINAL_MESSAGE.has(event)) entry.final = data;
    else entry.snapshot = data;
  }

  /** The function calls streamed in this run's steps must add up to what `required_action` asks for. */
  private requiredAction(runId: string, data: Obj): void {
    const required = (((data['required_action'] as Obj | null)?.['submit_tool_outputs'] as Obj | undefined)?.['tool_calls'] ?? []) as Obj[];
    const streamed = [...this.steps.values()]
      .map((entry) => entry.snapshot)
      .filter((step): step is Obj => step !== undefined && step['run_id'] === runId)
      .flatMap(toolCallsOf)
      .filter((call) => call['type'] === 'function');
    const deltas = [...this.steps.values()].filter((entry) => entry.snapshot?.['run_id'] === runId).reduce((n, entry) => n + entry.deltas, 0);
    if (streamed.length === 0) {
      this.report.accumulation.push({ kind: 'required_action', id: runId, deltas, result: 'not created here' });
      return;
    }
    const got = streamed.map((call) => {
      const fn = call['function'] as Obj;
      return { id: call['id'], type: call['type'], function: { name: fn['name'], arguments: fn['arguments'] } };
    });
    const expected = required.map((call) => {
      const fn = call['function'] as Obj;
      return { id: call['id'], type: call['type'], function: { name: fn?.['name'], arguments: fn?.['arguments'] } };
    });
    this.report.accumulation.push({ kind: 'required_action', id: runId, deltas, ...compare(expected, got, 'tool_calls') });
  }

  finish(): void {
    const { lifecycle, accumulation } = this.report;
    lifecycle.runs.push(...this.runs.values());
    for (const [id, entry] of this.steps) {
      const last = entry.final ?? entry.snapshot ?? {};
      const calls = toolCallsOf(last).map((call) => (call['type'] === 'function' ? `function ${String((call['function'] as Obj)?.['name'])}` : String(call['type'])));
      lifecycle.steps.push({ id, type: String(last['type']), status: String(last['status']), toolCalls: calls });
      accumulation.push({ kind: 'run step', id, deltas: entry.deltas, ...this.verdict(entry, streamedPartOfStep) });
    }
    for (const [id, entry] of this.messages) {
      const last = entry.final ?? entry.snapshot ?? {};
      const content = (last['content'] ?? []) as Obj[];
      const textLength = content.reduce((n, part) => n + (part['type'] === 'text' ? String((part['text'] as Obj)?.['value'] ?? '').length : 0), 0);
      const incomplete = last['incomplete_details'] ? String((last['incomplete_details'] as Obj)['reason']) : null;
      lifecycle.messages.push({ id, role: String(last['role']), status: String(last['status']), textLength, incomplete });
      accumulation.push({ kind: 'message', id, deltas: entry.deltas, ...this.verdict(entry, (m) => without(m, MESSAGE_LIFECYCLE)) });
    }
  }

  private verdict(
    entry: { snapshot: Obj | undefined; deltas: number; created: boolean; final: Obj | undefined; error?: string },
    streamedPart: (value: Obj) => Obj,
  ): Pick<AccumulationCheck, 'result' | 'path' | 'expected' | 'got'> {
    if (entry.error) return { result: 'differs', path: '(delta)', expected: 'a delta that applies', got: entry.error };
    if (entry.final === undefined) return { result: 'unfinished' };
    if (!entry.created && entry.deltas === 0) return { result: 'not created here' };
    if (entry.snapshot === undefined) return { result: 'not created here' };
    return compare(streamedPart(entry.final), streamedPart(entry.snapshot), '');
  }
}

function toolCallsOf(step: Obj): Obj[] {
  const details = step['step_details'] as Obj | undefined;
  return details?.['type'] === 'tool_calls' && Array.isArray(details['tool_calls']) ? (details['tool_calls'] as Obj[]) : [];
}

function without(value: Obj, keys: readonly string[]): Obj {
  const out = { ...value };
  for (const key of keys) delete out[key];
  return out;
}

/**
 * The part of a step that deltas build: no lifecycle fields, and not the two tool-call fields a server fills only in
 * the final object (a function's submitted `output`, file_search `results`).
 */
function streamedPartOfStep(step: Obj): Obj {
  const out = without(step, STEP_LIFECYCLE);
  const details = step['step_details'] as Obj | undefined;
  if (details?.['type'] !== 'tool_calls') return out;
  const calls = toolCallsOf(step).map((call) => {
    if (call['type'] === 'function') return { ...call, function: without((call['function'] ?? {}) as Obj, ['output']) };
    if (call['type'] === 'file_search') return { ...call, file_search: without((call['file_search'] ?? {}) as Obj, ['results']) };
    return call;
  });
  return { ...out, step_details: { ...details, tool_calls: calls } };
}

/** `equal`, or the first path where `got` differs from `expected`. */
function compare(expected: unknown, got: unknown, root: string): Pick<AccumulationCheck, 'result' | 'path' | 'expected' | 'got'> {
  const path = firstDifference(expected, got, root);
  if (path === undefined) return { result: 'equal' };
  return { result: 'differs', path: path.path || '(root)', expected: excerpt(path.expected, 60), got: excerpt(path.got, 60) };
}

function firstDifference(expected: unknown, got: unknown, path: string): { path: string; expected: unknown; got: unknown } | undefined {
  if (Object.is(expected, got)) return undefined;
  if (Array.isArray(expected) && Array.isArray(got)) {
    for (let i = 0; i < Math.max(expected.length, got.length); i++) {
      const found = firstDifference(expected[i], got[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (isObj(expected) && isObj(got) && !Array.isArray(expected) && !Array.isArray(got)) {
    const keys = [...Object.keys(expected), ...Object.keys(got).filter((k) => !(k in expected))];
    for (const key of keys) {
      const found = firstDifference(expected[key], got[key], path ? `${path}.${key}` : key);
      if (found) return found;
    }
    return undefined;
  }
  return { path, expected, got };
}

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null;
}
