import { excerpt, readServerError } from '../errors';
import { errorEventBody, eventMismatches } from '../decode/event-decoder';
import { MESSAGE_LIFECYCLE, RUN_STEP_LIFECYCLE, type LifecycleKind } from '../accumulate/lifecycle';
import { getCodecs } from '../schema';
import type { SchemaMode } from '../schema/combinators';
import { fromSSE } from '../sse/from-sse';
import type { SseMessage } from '../sse/sse-message';
import { formatBytes } from './format';

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
   * - `completed only`: content that no delta streams, sent only in the final object (Azure's `activities` step,
   *   whose `mcp_list_tools` come only in `step.completed`); the rest is equal;
   * - `unfinished`: the capture ends before the final object.
   */
  result: 'equal' | 'differs' | 'not created here' | 'completed only' | 'unfinished';
  path?: string;
  expected?: string;
  got?: string;
  /** Deltas that came after the final object and were applied on top of it (Azure sends an MCP output so). */
  lateDeltas?: number;
  /** Repeated `created` events for the same id (Azure repeats a step's), which do not reset the snapshot. */
  repeatedCreated?: number;
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
  /** Events per name, in order of first appearance (a Map: names such as `__proto__` count like any other; `--json` writes it as an object). */
  counts: Map<string, number>;
  lifecycle: {
    threads: string[];
    runs: {
      id: string;
      statuses: string[];
      usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null;
      lastError: string | null;
      notes: string[];
    }[];
    steps: { id: string; type: string; status: string; toolCalls: string[] }[];
    messages: { id: string; role: string; status: string; textLength: number; incomplete: string | null }[];
    serverErrors: { index: number; message: string }[];
  };
  accumulation: AccumulationCheck[];
  /** Valid in lenient mode, an SSE stream, and every delta accumulating to its final object. */
  valid: boolean;
}

type Obj = Record<string, unknown>;

/** The fields of a final object that tell its lifecycle, not its content: left out when comparing content. */
const MESSAGE_LIFECYCLE_FIELDS = ['status', 'completed_at', 'incomplete_at', 'incomplete_details'];
const STEP_LIFECYCLE_FIELDS = ['status', 'completed_at', 'cancelled_at', 'failed_at', 'expired_at', 'last_error', 'usage'];

/** The part of the input kept to explain what it is when it holds no events (a JSON error body, say). */
const HEAD_BYTES = 64 * 1024;

/** Inspects a whole capture in memory. Pure: the same bytes give the same report. */
export function inspectCapture(source: string, bytes: Uint8Array): InspectReport {
  const inspector = new Inspector(source);
  let error: string | undefined;
  // A whole body is read synchronously.
  fromSSE(bytes).subscribe({
    next: (m) => inspector.message(m),
    error: (e: unknown) => (error = e instanceof Error ? e.message : String(e)),
  });
  return inspector.finish(bytes.length, bytes.subarray(0, HEAD_BYTES), error);
}

/** Options of {@link inspectStream}. */
export interface InspectStreamOptions {
  /** Stop reading past this many bytes (an endless input ends with a deviation, not a hang). Default 256 MiB. */
  maxBytes?: number;
  /** The SSE parser's line bound (`fromSSE`'s `maxBufferSize`; its default otherwise). */
  maxBufferSize?: number;
}

/** The default of {@link InspectStreamOptions.maxBytes}. */
export const DEFAULT_INSPECT_MAX_BYTES = 256 * 1024 * 1024;

/** The input could not be read to its end (an I/O error, not a malformed capture). */
export class InputReadError extends Error {
  override readonly name = 'InputReadError';
}

class LimitReached extends Error {}

/**
 * Inspects a capture as it is read, event by event: memory stays bounded by the open events and the report, not by
 * the input (`inspect /dev/zero` ends at the SSE line bound, an endless stream of events at `maxBytes`). Rejects with
 * an {@link InputReadError} when reading fails.
 */
export async function inspectStream(
  source: string,
  chunks: AsyncIterable<Uint8Array | string>,
  options: InspectStreamOptions = {},
): Promise<InspectReport> {
  const { maxBytes = DEFAULT_INSPECT_MAX_BYTES, maxBufferSize } = options;
  const inspector = new Inspector(source);
  const encoder = new TextEncoder();
  const head = new Uint8Array(HEAD_BYTES);
  let headLength = 0;
  let bytes = 0;
  let readError: unknown;
  async function* counted(): AsyncGenerator<Uint8Array> {
    try {
      for await (const chunk of chunks) {
        const part = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
        if (headLength < HEAD_BYTES) {
          const taken = part.subarray(0, HEAD_BYTES - headLength);
          head.set(taken, headLength);
          headLength += taken.length;
        }
        bytes += part.length;
        if (bytes > maxBytes) throw new LimitReached();
        yield part;
      }
    } catch (error) {
      if (!(error instanceof LimitReached)) readError = error;
      throw error;
    }
  }
  const error = await new Promise<string | undefined>((resolve) => {
    fromSSE(counted(), maxBufferSize === undefined ? {} : { maxBufferSize }).subscribe({
      next: (m) => inspector.message(m),
      error: (e: unknown) => resolve(e instanceof Error ? e.message : String(e)),
      complete: () => resolve(undefined),
    });
  });
  if (readError !== undefined) throw readError instanceof Error ? readError : new InputReadError(String(readError));
  const limited =
    bytes > maxBytes
      ? `the input is larger than ${formatBytes(maxBytes)}: inspect stopped reading there (--max-bytes)`
      : undefined;
  return inspector.finish(Math.min(bytes, maxBytes), head.subarray(0, headLength), limited ?? error);
}

/** Builds a report from SSE messages fed one at a time. */
class Inspector {
  private readonly report: InspectReport;
  private readonly tracker: Tracker;
  private readonly knows: (name: string) => boolean;
  private count = 0;

  constructor(source: string) {
    this.report = {
      source,
      bytes: 0,
      sseEvents: 0,
      done: { index: null, after: 0 },
      unknownEvents: [],
      lenient: { valid: true, deviations: [], events: 0 },
      strict: { valid: true, deviations: [], events: 0 },
      counts: new Map(),
      lifecycle: { threads: [], runs: [], steps: [], messages: [], serverErrors: [] },
      accumulation: [],
      valid: true,
    };
    this.tracker = new Tracker(this.report);
    const lenient = getCodecs('lenient');
    this.knows = (name) => Object.prototype.hasOwnProperty.call(lenient.eventData, name);
  }

  message(message: SseMessage): void {
    const report = this.report;
    const index = ++this.count;
    const name = message.event ?? (message.data === '[DONE]' ? 'done' : '(no event name)');
    report.counts.set(name, (report.counts.get(name) ?? 0) + 1);
    if (report.done.index !== null) {
      report.done.after++;
      return;
    }
    if (name === 'done') {
      report.done.index = index;
      if (message.data !== '[DONE]')
        this.both({
          index,
          event: 'done',
          code: 'invalid_done',
          path: 'data',
          expected: '[DONE]',
          got: excerpt(message.data, 60),
        });
      return;
    }
    if (!this.knows(name)) {
      report.unknownEvents.push({ index, event: name });
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(message.data);
    } catch (cause) {
      const got = `${message.data.length > 40 ? '…' : ''}${message.data.slice(-40)} (${(cause as Error).message})`;
      this.both({ index, event: name, code: 'invalid_json', path: 'data', expected: 'JSON', got });
      return;
    }
    const data = name === 'error' ? errorEventBody(json) : json;
    const lenientFound = check('lenient', name, json, index);
    report.lenient.deviations.push(...lenientFound);
    report.strict.deviations.push(...check('strict', name, json, index));
    if (lenientFound.length === 0) this.tracker.add(index, name, data as Obj);
  }

  /** The report, once the input ended (`error`: why the SSE framing or the reading stopped, if it did). */
  finish(bytes: number, head: Uint8Array, error: string | undefined): InspectReport {
    const report = this.report;
    report.bytes = bytes;
    report.sseEvents = this.count;
    if (this.count === 0) report.fatal = notSse(head, error);
    else if (error !== undefined) {
      // The framing failed after some events (a body cut inside a line, an event past the buffer bound, the size limit).
      this.both({
        index: this.count + 1,
        event: '(end of body)',
        code: 'invalid_sse',
        path: 'body',
        expected: 'whole SSE frames',
        got: error,
      });
    }
    this.tracker.finish();
    for (const mode of [report.lenient, report.strict]) {
      mode.events = new Set(mode.deviations.map((d) => d.index)).size;
      mode.valid = mode.deviations.length === 0;
    }
    report.valid = report.fatal === undefined && report.lenient.valid && !report.accumulation.some((a) => a.result === 'differs');
    return report;
  }

  private both(deviation: Deviation): void {
    this.report.lenient.deviations.push(deviation);
    this.report.strict.deviations.push(deviation);
  }
}

function notSse(head: Uint8Array, parserError: string | undefined): string {
  const text = new TextDecoder().decode(head);
  if (text.trim() === '' && parserError === undefined) return 'the capture is empty: no server-sent events';
  // The body may follow a few lines of notes (a recording's headers): try each line that opens a JSON object.
  for (const match of text.matchAll(/^\s*\{/gm)) {
    let body: Obj;
    try {
      body = JSON.parse(text.slice(match.index)) as Obj;
    } catch {
      continue;
    }
    const error = readServerError(body);
    if (error) {
      const kind = [error.type, error.code].filter((x) => typeof x === 'string').join(', ');
      return `not an SSE stream: a JSON error body, as a server answers a rejected request (HTTP 4xx/5xx)${kind ? ` (${kind})` : ''}: ${error.message}`;
    }
    return 'not an SSE stream: a JSON body';
  }
  return `not an SSE stream: no \`event:\`/\`data:\` frames found${parserError ? ` (${parserError})` : ''}`;
}

/**
 * Every mismatch of an event against the codecs of `mode`, one per path, from the decoding core (`eventMismatches`:
 * the decoder's codec choice, `{ error }` unwrapping and path format, so `inspect` and the decoder's errors agree).
 */
function check(mode: SchemaMode, event: string, json: unknown, index: number): Deviation[] {
  return (eventMismatches(mode, event, json) ?? []).map(({ path, expected, actual }) => ({
    index,
    event,
    code: 'invalid_event' as const,
    path,
    expected: shorten(expected),
    got: actual === undefined ? 'nothing' : excerpt(JSON.stringify(actual) ?? String(actual), 60),
  }));
}

function shorten(text: string): string {
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

/** What the tracker knows of one step or message. */
interface Entry {
  /** `created` (and `in_progress`) plus the deltas before the final object. */
  snapshot: Obj | undefined;
  deltas: number;
  /** Deltas after the final object (applied on top of it). */
  lateDeltas: number;
  /** How many `created` events came. */
  created: number;
  final: Obj | undefined;
  error?: string;
}

/** A kind of object as the accumulation follows it, on the untyped data of a capture. */
type FollowRules = LifecycleKind<{ id: string }, { id: string }>;

/** What a required tool call asks, per type: a function's name and arguments, an MCP call's flat fields. */
function askedPart(call: Obj): Obj {
  if (call['type'] === 'function') {
    const fn = (call['function'] ?? {}) as Obj;
    return { id: call['id'], type: call['type'], function: { name: fn['name'], arguments: fn['arguments'] } };
  }
  if (call['type'] === 'mcp')
    return {
      id: call['id'],
      type: call['type'],
      name: call['name'],
      server_label: call['server_label'],
      arguments: call['arguments'],
    };
  return { id: call['id'], type: call['type'] };
}

/** Follows runs, steps and messages through the (lenient-valid) events, and checks the deltas against the finals. */
class Tracker {
  private readonly runs = new Map<string, InspectReport['lifecycle']['runs'][number]>();
  private readonly steps = new Map<string, Entry>();
  private readonly messages = new Map<string, Entry>();

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
    this.follow(this.steps, event, data, RUN_STEP_LIFECYCLE);
  }

  private message(event: string, data: Obj): void {
    this.follow(this.messages, event, data, MESSAGE_LIFECYCLE);
  }

  /**
   * One object's events, as the library's accumulation follows them (AZURE-NOTES' irregularities included): deltas
   * build the snapshot; a repeated `created` does not reset it; the final object is kept aside to compare with; a
   * delta after the final object applies on top of both.
   */
  private follow(entries: Map<string, Entry>, event: string, data: Obj, rules: FollowRules): void {
    const id = String(data['id']);
    let entry = entries.get(id);
    if (!entry) entries.set(id, (entry = { snapshot: undefined, deltas: 0, lateDeltas: 0, created: 0, final: undefined }));
    if (event === rules.delta) {
      if (entry.final !== undefined) entry.lateDeltas++;
      else entry.deltas++;
      if (entry.error) return;
      try {
        const delta = data as unknown as { id: string };
        const apply = (snapshot: Obj) => rules.apply(snapshot as unknown as { id: string }, delta) as unknown as Obj;
        entry.snapshot = entry.snapshot ? apply(entry.snapshot) : (rules.fromDelta(delta) as unknown as Obj);
        if (entry.final !== undefined) entry.final = apply(entry.final);
      } catch (error) {
        entry.error = (error as Error).message;
      }
      return;
    }
    if (event === rules.created) {
      entry.created++;
      if (entry.created > 1) return;
    }
    if (rules.final.has(event)) entry.final = data;
    else if (entry.final === undefined) entry.snapshot = data;
  }

  /** The tool calls streamed in this run's steps must add up to what `required_action` asks for (outputs or approvals). */
  private requiredAction(runId: string, data: Obj): void {
    const action = data['required_action'] as Obj | null | undefined;
    const type = typeof action?.['type'] === 'string' ? (action['type'] as string) : 'submit_tool_outputs';
    const required = ((action?.[type] as Obj | undefined)?.['tool_calls'] ?? []) as Obj[];
    const steps = [...this.steps.values()].filter((entry) => entry.snapshot?.['run_id'] === runId);
    const streamed = steps
      .flatMap((entry) => toolCallsOf(entry.snapshot!))
      .filter((call) => required.some((r) => r['type'] === call['type']));
    const deltas = steps.reduce((n, entry) => n + entry.deltas, 0);
    if (streamed.length === 0) {
      this.report.accumulation.push({ kind: 'required_action', id: runId, deltas, result: 'not created here' });
      return;
    }
    this.report.accumulation.push({
      kind: 'required_action',
      id: runId,
      deltas,
      ...compare(required.map(askedPart), streamed.map(askedPart), 'tool_calls'),
    });
  }

  finish(): void {
    const { lifecycle, accumulation } = this.report;
    lifecycle.runs.push(...this.runs.values());
    for (const [id, entry] of this.steps) {
      const last = entry.final ?? entry.snapshot ?? {};
      const calls = toolCallsOf(last).map(callLabel);
      lifecycle.steps.push({ id, type: String(last['type']), status: String(last['status']), toolCalls: calls });
      accumulation.push({
        kind: 'run step',
        id,
        deltas: entry.deltas,
        ...this.verdict(entry, streamedPartOfStep),
        ...irregular(entry),
      });
    }
    for (const [id, entry] of this.messages) {
      const last = entry.final ?? entry.snapshot ?? {};
      const content = (last['content'] ?? []) as Obj[];
      const textLength = content.reduce(
        (n, part) => n + (part['type'] === 'text' ? String((part['text'] as Obj)?.['value'] ?? '').length : 0),
        0,
      );
      const incomplete = last['incomplete_details'] ? String((last['incomplete_details'] as Obj)['reason']) : null;
      lifecycle.messages.push({ id, role: String(last['role']), status: String(last['status']), textLength, incomplete });
      accumulation.push({
        kind: 'message',
        id,
        deltas: entry.deltas,
        ...this.verdict(entry, (m) => without(m, MESSAGE_LIFECYCLE_FIELDS)),
        ...irregular(entry),
      });
    }
  }

  private verdict(
    entry: Entry,
    streamedPart: (value: Obj) => Obj,
  ): Pick<AccumulationCheck, 'result' | 'path' | 'expected' | 'got'> {
    if (entry.error) return { result: 'differs', path: '(delta)', expected: 'a delta that applies', got: entry.error };
    if (entry.final === undefined) return { result: 'unfinished' };
    if (entry.created === 0 && entry.deltas === 0) return { result: 'not created here' };
    if (entry.snapshot === undefined) return { result: 'not created here' };
    const verdict = compare(streamedPart(entry.final), streamedPart(entry.snapshot), '');
    if (verdict.result === 'differs' && entry.deltas === 0 && isCompletedOnly(entry.snapshot, entry.final))
      return { result: 'completed only' };
    return verdict;
  }
}

/** The irregularities an entry went through, for the report (nothing when there were none). */
function irregular(entry: Entry): Pick<AccumulationCheck, 'lateDeltas' | 'repeatedCreated'> {
  return {
    ...(entry.lateDeltas > 0 ? { lateDeltas: entry.lateDeltas } : {}),
    ...(entry.created > 1 ? { repeatedCreated: entry.created - 1 } : {}),
  };
}

/**
 * Whether the final object differs from the created one only by content no delta streams: an `activities` step
 * created with `activities: []` whose `mcp_list_tools` come only in `step.completed` (Azure).
 */
function isCompletedOnly(snapshot: Obj, final: Obj): boolean {
  const before = snapshot['step_details'] as Obj | undefined;
  const after = final['step_details'] as Obj | undefined;
  if (before?.['type'] !== 'activities' || after?.['type'] !== 'activities') return false;
  if (Array.isArray(before['activities']) && before['activities'].length > 0) return false;
  const rest = (step: Obj) => ({
    ...streamedPartOfStep(step),
    step_details: without(step['step_details'] as Obj, ['activities']),
  });
  return compare(rest(final), rest(snapshot), '').result === 'equal';
}

/** `function get_weather`, `mcp search_docs`, `connected_agent stock_bot`, or the type alone. */
function callLabel(call: Obj): string {
  const type = String(call['type']);
  const payload = call[type] as Obj | undefined;
  const name =
    type === 'mcp' ? call['name'] : type === 'openapi' ? (call['function'] as Obj | undefined)?.['name'] : payload?.['name'];
  return typeof name === 'string' ? `${type} ${name}` : type;
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
  const out = without(step, STEP_LIFECYCLE_FIELDS);
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

function firstDifference(
  expected: unknown,
  got: unknown,
  path: string,
): { path: string; expected: unknown; got: unknown } | undefined {
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
