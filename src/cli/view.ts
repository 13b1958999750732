import { connect, map, merge, tap, type Observable } from 'rxjs';
import { RUN_EVENT_NAMES, type AssistantStreamEvent, type Message, type Run, type RunStep, type ToolCall } from '../schema';
import { AssistantStreamError } from '../errors';
import { ofEventType } from '../operators/of-event-type';
import { textDeltas, type TextDelta } from '../operators/text-deltas';
import { accumulateMessageDeltas } from '../operators/accumulate-message-deltas';
import { accumulateRunStepDeltas } from '../operators/accumulate-run-step-deltas';
import { escapeControls, escapeDeep } from './escape';
import { columns, formatBytes, formatDuration, formatRate, plural, short } from './format';
import type { Printer } from './printer';

/** What the live view counted, for the summary. */
export interface RunStats {
  /** Decoded events. */
  events: number;
  /** Events per name, in order of first appearance. */
  byName: Map<string, number>;
  /** The last run object seen. */
  run: Run | undefined;
  /** The last snapshot of every message and step, by id, in order of first appearance. */
  messages: Map<string, Message>;
  steps: Map<string, RunStep>;
  /** Function calls whose output was seen (submitted tool outputs). */
  answeredCalls: number;
  durationMs: number;
  /** Bytes of SSE read, when the caller counts them. */
  bytes: number | undefined;
  /** How the stream ended. */
  error: unknown;
}

type Item =
  | { kind: 'event'; event: AssistantStreamEvent }
  | { kind: 'text'; delta: TextDelta }
  | { kind: 'step'; step: RunStep }
  | { kind: 'message'; message: Message };

const LIFECYCLE_EVENTS = ['thread.created', ...RUN_EVENT_NAMES, 'thread.run.step.created'] as const;

/**
 * The live view of a run stream shared by `demo` and `replay`: run statuses as they change, the answer's text as
 * it streams, code interpreter input and logs, function calls with their arguments and outputs, then a summary.
 *
 * The events go through the library's operators (`ofEventType`, `textDeltas`, `accumulateRunStepDeltas`,
 * `accumulateMessageDeltas`) on one subscription (`connect`). Resolves when the stream ends, with its stats; an
 * error of the stream ends up in `stats.error`, never as a rejection.
 */
export function watchRun(events$: Observable<AssistantStreamEvent>, printer: Printer, bytes?: () => number): Promise<RunStats> {
  const stats: RunStats = {
    events: 0,
    byName: new Map(),
    run: undefined,
    messages: new Map(),
    steps: new Map(),
    answeredCalls: 0,
    durationMs: 0,
    bytes: undefined,
    error: undefined,
  };
  const view = new RunView(printer, stats);
  const started = performance.now();
  const items$ = events$.pipe(
    // Text from the stream never reaches the terminal raw: OSC 52, screen clears and bidi overrides are shown escaped.
    map(escapeDeep),
    tap((event) => {
      stats.events++;
      stats.byName.set(event.event, (stats.byName.get(event.event) ?? 0) + 1);
    }),
    connect((events) =>
      merge(
        events.pipe(
          ofEventType(...LIFECYCLE_EVENTS),
          map((event): Item => ({ kind: 'event', event })),
        ),
        events.pipe(
          textDeltas({ withContext: true }),
          map((delta): Item => ({ kind: 'text', delta })),
        ),
        events.pipe(
          accumulateRunStepDeltas(),
          map((step): Item => ({ kind: 'step', step })),
        ),
        events.pipe(
          accumulateMessageDeltas(),
          map((message): Item => ({ kind: 'message', message })),
        ),
      ),
    ),
  );
  printer.status('waiting for the stream');
  return new Promise((resolve) => {
    const done = (error?: unknown) => {
      printer.stop();
      printer.closeBlock();
      stats.durationMs = performance.now() - started;
      stats.bytes = bytes?.();
      stats.error = error;
      resolve(stats);
    };
    items$.subscribe({ next: (item) => view.render(item), error: done, complete: () => done() });
  });
}

/** Turns view items into lines: one instance per stream. */
class RunView {
  private readonly headed = new Set<string>();
  private readonly printedCalls = new Set<string>();
  private readonly answered = new Set<string>();
  private readonly streamed = new Map<string, number>();
  private lastStatus: string | undefined;

  constructor(
    private readonly p: Printer,
    private readonly stats: RunStats,
  ) {}

  render(item: Item): void {
    if (item.kind === 'event') this.lifecycle(item.event);
    else if (item.kind === 'text') this.text(item.delta);
    else if (item.kind === 'step') this.step(item.step);
    else this.message(item.message);
  }

  private lifecycle(event: AssistantStreamEvent): void {
    const s = this.p.style;
    if (event.event === 'thread.created') {
      this.p.line(`${s.dim('●')} thread ${s.bold(event.data.id)} created`);
      return;
    }
    if (event.event === 'thread.run.step.created') {
      this.p.status(`step ${event.data.type.replace('_', ' ')}`);
      return;
    }
    const run = event.data as Run;
    const first = this.stats.run === undefined || this.stats.run.id !== run.id;
    this.stats.run = run;
    if (!first && run.status === this.lastStatus) return;
    this.lastStatus = run.status;
    this.p.status(`run ${run.status}`);
    const title = first ? `run ${s.bold(run.id)} ${run.status} ${s.dim(`· ${run.model}`)}` : `run ${run.status}`;
    switch (run.status) {
      case 'completed':
        this.p.line(`${s.green('✓')} ${title}`);
        break;
      case 'incomplete':
        this.p.line(
          `${s.yellow('!')} ${title}${run.incomplete_details?.reason ? s.yellow(` · ${run.incomplete_details.reason}`) : ''}`,
        );
        break;
      case 'failed':
      case 'expired':
      case 'cancelled':
        this.p.line(
          `${s.red('✗')} ${title}${run.last_error ? s.red(` · ${run.last_error.code}: ${run.last_error.message}`) : ''}`,
        );
        break;
      case 'requires_action': {
        const action = run.required_action;
        if (action?.type === 'submit_tool_approval') {
          // Azure: MCP calls wait for an approval (answered with tool_approvals).
          const calls = action.submit_tool_approval.tool_calls;
          this.p.line(`${s.yellow('●')} ${title} ${s.dim(`· ${plural(calls.length, 'tool call')} to approve`)}`);
          for (const call of calls) this.mcpCall(call.id, call.server_label, call.name, call.arguments);
          this.p.status('waiting for approvals');
          break;
        }
        const calls = action?.type === 'submit_tool_outputs' ? action.submit_tool_outputs.tool_calls : [];
        this.p.line(`${s.yellow('●')} ${title} ${s.dim(`· ${plural(calls.length, 'tool output')} to submit`)}`);
        for (const call of calls)
          if (call.type === 'function') this.functionCall(call.id, call.function.name, call.function.arguments);
        this.p.status('waiting for tool outputs');
        break;
      }
      default:
        this.p.line(`${s.dim('●')} ${title}`);
    }
  }

  private text({ messageId, index, value }: TextDelta): void {
    const s = this.p.style;
    this.headed.add(messageId);
    this.p.stream(
      `text:${messageId}:${index}`,
      `${s.magenta('◆')} ${s.bold('assistant')} ${s.dim(messageId)}`,
      '  ',
      value,
      true,
    );
  }

  private message(message: Message): void {
    this.stats.messages.set(message.id, message);
    if (message.status !== 'completed' && message.status !== 'incomplete') return;
    const s = this.p.style;
    if (!this.headed.has(message.id)) {
      // Nothing streamed for this message (a recording without deltas): show its final text.
      const texts = message.content.flatMap((part) => (part.type === 'text' ? [part.text.value] : []));
      if (texts.some((text) => text !== '')) {
        this.p.stream(
          `text:${message.id}:final`,
          `${s.magenta('◆')} ${s.bold(message.role)} ${s.dim(message.id)}`,
          '  ',
          texts.join('\n'),
          true,
        );
      }
    }
    this.p.closeBlock();
    for (const part of message.content) {
      if (part.type === 'image_file') this.p.line(`  ${s.dim(`[image ${part.image_file.file_id}]`)}`);
      else if (part.type === 'image_url') this.p.line(`  ${s.dim(`[image ${part.image_url.url}]`)}`);
      else if (part.type === 'refusal') this.p.line(`  ${s.yellow(`refusal: ${part.refusal}`)}`);
    }
    if (message.status === 'incomplete')
      this.p.line(`  ${s.yellow(`(incomplete${message.incomplete_details ? `: ${message.incomplete_details.reason}` : ''})`)}`);
  }

  private step(step: RunStep): void {
    this.stats.steps.set(step.id, step);
    const s = this.p.style;
    if (step.status === 'failed' && step.last_error)
      this.p.line(`${s.red('✗')} step ${step.id} failed · ${step.last_error.code}: ${step.last_error.message}`);
    if (step.step_details.type !== 'tool_calls') return;
    step.step_details.tool_calls.forEach((call, index) => this.toolCall(step, call, `${step.id}#${index}`));
  }

  private toolCall(step: RunStep, call: ToolCall, key: string): void {
    const s = this.p.style;
    const final = step.status !== 'in_progress';
    if (call.type === 'code_interpreter') {
      const { input, outputs } = call.code_interpreter;
      this.grow(`${key}:input`, `${s.blue('⚙')} ${s.bold('code_interpreter')} ${s.dim(call.id ?? '')}`, input ?? '', (text) =>
        s.cyan(text),
      );
      (outputs ?? []).forEach((output, i) => {
        if (output.type === 'logs') this.grow(`${key}:logs:${i}`, `  ${s.dim('⤷ logs')}`, output.logs ?? '', (text) => text);
        else if (output.type === 'image' && !this.printedCalls.has(`${key}:image:${i}`)) {
          this.printedCalls.add(`${key}:image:${i}`);
          this.p.line(`  ${s.dim(`⤷ image ${output.image?.file_id ?? ''}`)}`);
        }
      });
      if (final) this.p.closeBlock();
      return;
    }
    if (call.type === 'function') {
      const { name, arguments: args, output } = call.function;
      if (final && output !== null && output !== undefined && !this.answered.has(call.id)) {
        this.functionCall(call.id, name, args);
        this.answered.add(call.id);
        this.stats.answeredCalls++;
        const room = this.p.width === undefined ? 300 : Math.max(20, this.p.width - name.length - 7);
        this.p.line(`  ${s.green('⤷')} ${s.bold(name)} ${s.dim('→')} ${short(output, room)}`);
      }
      return;
    }
    if (call.type === 'mcp') {
      // Azure sends an MCP output in a delta after the step completed: shown when it comes.
      const { output } = call as { output?: string | null };
      if (output !== null && output !== undefined && !this.answered.has(call.id)) {
        this.mcpCall(call.id, call.server_label, call.name, call.arguments);
        this.answered.add(call.id);
        this.stats.answeredCalls++;
        this.p.line(`  ${s.green('⤷')} ${s.bold(call.name)} ${s.dim('→')} ${short(output, this.room(call.name.length + 7))}`);
      }
      return;
    }
    if (call.type === 'connected_agent' && final && !this.printedCalls.has(call.id)) {
      this.printedCalls.add(call.id);
      const { name, arguments: args, output } = call.connected_agent;
      this.p.line(`${s.blue('⇄')} ${s.bold(`agent ${name}`)}(${short(args, this.room(name.length + 10))})`);
      if (output) this.p.line(`  ${s.green('⤷')} ${s.bold(name)} ${s.dim('→')} ${short(output, this.room(name.length + 7))}`);
      return;
    }
    if (call.type === 'file_search' && final && !this.printedCalls.has(call.id)) {
      this.printedCalls.add(call.id);
      const results = (call.file_search as { results?: unknown[] }).results;
      this.p.line(`${s.blue('⌕')} ${s.bold('file_search')}${results ? s.dim(` · ${plural(results.length, 'result')}`) : ''}`);
      return;
    }
    if (final && !this.printedCalls.has(key)) {
      this.printedCalls.add(key);
      this.p.line(`${s.blue('⚙')} ${s.bold(String((call as { type: string }).type))}`);
    }
  }

  /** Streams the part of `text` not written yet under the block `key`. */
  private grow(key: string, header: string, text: string, paint: (text: string) => string): void {
    const done = this.streamed.get(key) ?? 0;
    if (text.length <= done) return;
    this.streamed.set(key, text.length);
    this.p.stream(key, header, '    ', paint(text.slice(done)));
  }

  /** Columns left on a line after `used` (a generous bound without a terminal). */
  private room(used: number): number {
    return this.p.width === undefined ? 300 : Math.max(20, this.p.width - used);
  }

  private mcpCall(id: string, server: string, name: string, args: string): void {
    if (this.printedCalls.has(id)) return;
    this.printedCalls.add(id);
    const s = this.p.style;
    this.p.line(
      `${s.blue('ƒ')} ${s.bold(`${server}.${name}`)}(${short(args, this.room(server.length + name.length + id.length + 7))}) ${s.dim(`${id} · mcp`)}`,
    );
  }

  private functionCall(id: string, name: string, args: string): void {
    if (this.printedCalls.has(id)) return;
    this.printedCalls.add(id);
    const s = this.p.style;
    const room = this.p.width === undefined ? 300 : Math.max(20, this.p.width - name.length - id.length - 6);
    this.p.line(`${s.blue('ƒ')} ${s.bold(name)}(${short(args, room)}) ${s.dim(id)}`);
  }
}

/** The summary block printed after the live view. */
export function summaryLines(stats: RunStats, printer: Printer): string[] {
  const s = printer.style;
  const run = stats.run;
  const status = stats.error !== undefined ? s.red('error') : run ? paintStatus(run.status, s) : s.dim('no run event');
  const messages = [...stats.messages.values()];
  const steps = [...stats.steps.values()];
  const rows: string[][] = [
    ['status', status + (run ? s.dim(` (run ${run.id})`) : '')],
    ['messages', `${messages.length}${countBy(messages, (m) => m.status)}`],
    ['steps', `${steps.length}${countBy(steps, (step) => step.type)}${countBy(steps, (step) => step.status)}`],
  ];
  if (stats.answeredCalls > 0) rows.push(['tool calls', `${stats.answeredCalls} answered`]);
  const usage = run?.usage;
  rows.push([
    'tokens',
    usage
      ? `${usage.prompt_tokens} prompt + ${usage.completion_tokens} completion = ${usage.total_tokens}`
      : s.dim('not reported'),
  ]);
  rows.push([
    'events',
    `${stats.events} in ${formatDuration(stats.durationMs)} · ${formatRate(stats.events, stats.durationMs)} events/s`,
  ]);
  if (stats.bytes !== undefined) rows.push(['bytes', formatBytes(stats.bytes)]);
  return [s.bold('summary'), ...columns(rows.map(([k, v]) => [`  ${s.dim(k!)}`, v!]))];
}

function paintStatus(status: string, s: Printer['style']): string {
  if (status === 'completed') return s.green(status);
  if (status === 'failed' || status === 'expired' || status === 'cancelled') return s.red(status);
  return s.yellow(status);
}

function countBy<T>(items: T[], key: (item: T) => string): string {
  if (items.length === 0) return '';
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return ` · ${[...counts].map(([k, n]) => `${n} ${k}`).join(', ')}`;
}

/** The message of a stream error: an AssistantStreamError's own, or the error's. */
export function errorMessage(error: unknown): string {
  if (error instanceof AssistantStreamError) return escapeControls(`${error.message}${error.code ? ` [${error.code}]` : ''}`);
  return escapeControls(error instanceof Error ? error.message : String(error));
}
