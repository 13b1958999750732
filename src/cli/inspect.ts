import { numberOption, command } from './args';
import { escapeDeep, safeJson } from './escape';
import { columns, createStyle, formatBytes, plural, useColor, type Style } from './format';
import { openInput } from './input';
import { DEFAULT_INSPECT_MAX_BYTES, inspectStream, type Deviation, type InspectReport } from './inspect-report';
import { EXIT_FAILURE, EXIT_OK } from './io';

export const INSPECT_USAGE = `Usage: rx-assistant-stream inspect <file|-> [--json] [--strict]

Checks an SSE capture of an Assistants run (a file, or standard input with -), for people who
build or test an Assistants-compatible server:
  - validation in lenient mode (what real servers send) and in strict mode (the OpenAPI spec),
    listing every deviation of every event: event index, event name, path, expected, got;
  - the events per name, and where [DONE] came;
  - the lifecycle: run statuses in order, steps (type, status, tool calls), messages (status,
    text length);
  - whether the deltas accumulate to the completed objects (for each message and step: equal,
    or the first differing path), and the streamed function calls to required_action.

Exit code 1 when the capture is not valid in lenient mode (or not SSE at all, or a delta does
not add up); strict deviations alone are reported with exit code 0, unless --strict.
The input is read as a stream: it may be a pipe or a FIFO, and is never held whole in memory.
Text from the capture is printed with control characters escaped (\x1b, \u202e).

Options:
  --json             the report as one JSON object
  --strict           strict mode's report first, and exit code 1 on strict deviations too
  --max-bytes <n>    stop reading after n bytes (default 268435456: 256 MiB)
  -h, --help         this help
`;

/** `rx-assistant-stream inspect <file|->`. */
export const inspect = command(
  {
    name: 'inspect',
    usage: INSPECT_USAGE,
    options: { json: { type: 'boolean' }, strict: { type: 'boolean' }, 'max-bytes': { type: 'string' } },
    positionals: { min: 1, max: 1 },
  },
  async ({ values, positionals }, io) => {
    const maxBytes = numberOption('max-bytes', values['max-bytes'], { min: 1, integer: true }) ?? DEFAULT_INSPECT_MAX_BYTES;
    const input = await openInput(positionals[0]!, io);
    const report = await inspectStream(input.name, input.chunks, { maxBytes });
    const strict = values['strict'] === true;
    const failed = !report.valid || (strict && !report.strict.valid);
    if (values['json']) io.stdout.write(`${safeJson(report, 2)}\n`);
    else {
      const style = createStyle(useColor(io.stdout, io.env));
      io.stdout.write(formatReport(escapeDeep(report), style, strict).join('\n') + '\n');
    }
    return failed ? EXIT_FAILURE : EXIT_OK;
  },
);

/**
 * The report as lines of text (its strings already escaped: see `escapeDeep`). With `strict`, strict mode's
 * validation comes first and decides the verdict; lenient mode's follows.
 */
export function formatReport(report: InspectReport, s: Style, strict = false): string[] {
  const ok = (text: string) => `${s.green('✓')} ${text}`;
  const bad = (text: string) => `${s.red('✗')} ${text}`;
  const warn = (text: string) => `${s.yellow('!')} ${text}`;
  const lines: string[] = [];
  const doneText =
    report.done.index === null
      ? 'no [DONE]'
      : `[DONE] at #${report.done.index}${report.done.after > 0 ? `, ${plural(report.done.after, 'event')} after it (ignored by decoders)` : ''}`;
  lines.push(`${s.bold('inspect')} ${report.source}`);
  lines.push(s.dim(`  ${formatBytes(report.bytes)} · ${plural(report.sseEvents, 'SSE event')} · ${doneText}`));
  if (report.fatal !== undefined) {
    lines.push('', bad(report.fatal), '', `${s.bold('result')}  ${s.red('invalid')}`);
    return lines;
  }

  lines.push('', s.bold('validation') + (strict ? s.dim(' (strict: the OpenAPI spec exactly)') : ''));
  const lenientLines = [
    `  ${s.dim('lenient')}  ${modeLine(report.lenient, ok, bad)}`,
    ...deviationLines(report.lenient.deviations, s),
  ];
  const strictLines = [
    `  ${s.dim('strict ')}  ${modeLine(report.strict, ok, strict ? bad : warn)}`,
    ...deviationLines(report.strict.deviations, s),
  ];
  lines.push(...(strict ? [...strictLines, ...lenientLines] : [...lenientLines, ...strictLines]));
  for (const unknown of report.unknownEvents)
    lines.push(`  ${warn(`#${unknown.index} unknown event "${unknown.event}" (skipped by the decoder)`)}`);

  lines.push('', s.bold('events'));
  lines.push(...columns([...report.counts].map(([name, n]) => [`  ${name}`, String(n)])));

  const { runs, steps, messages, threads, serverErrors } = report.lifecycle;
  lines.push('', s.bold('lifecycle'));
  for (const thread of threads) lines.push(`  thread  ${thread}`);
  for (const run of runs) {
    const usage = run.usage
      ? s.dim(` · tokens ${run.usage.prompt_tokens} + ${run.usage.completion_tokens} = ${run.usage.total_tokens}`)
      : '';
    lines.push(`  run     ${run.id}  ${run.statuses.join(' → ')}${usage}`);
    if (run.lastError) lines.push(`          ${s.red(`last_error ${run.lastError}`)}`);
    for (const note of run.notes) lines.push(`          ${warn(note)}`);
  }
  lines.push(
    ...columns(
      steps.map((step) => [
        `  step    ${step.id}`,
        step.type,
        step.status,
        step.toolCalls.length > 0 ? s.dim(step.toolCalls.join(', ')) : '',
      ]),
    ),
  );
  lines.push(
    ...columns(
      messages.map((m) => [
        `  message ${m.id}`,
        m.role,
        m.status + (m.incomplete ? ` (${m.incomplete})` : ''),
        s.dim(`text ${plural(m.textLength, 'char')}`),
      ]),
    ),
  );
  for (const error of serverErrors) lines.push(`  ${bad(`#${error.index} error event: ${error.message}`)}`);
  if (runs.length + steps.length + messages.length + threads.length === 0)
    lines.push(s.dim('  (no thread, run, step or message)'));

  lines.push('', s.bold('accumulation') + s.dim(' (created + deltas = completed, lifecycle fields aside)'));
  if (report.accumulation.length === 0) lines.push(s.dim('  (nothing to accumulate)'));
  lines.push(
    ...columns(
      report.accumulation.map((a) => {
        const what = `  ${a.kind} ${a.id}`;
        const deltas = s.dim(plural(a.deltas, 'delta'));
        const notes = [
          ...(a.lateDeltas ? [`${plural(a.lateDeltas, 'delta')} after completed, applied on top`] : []),
          ...(a.repeatedCreated ? [`created ${a.repeatedCreated + 1} times`] : []),
        ];
        const extra = notes.length > 0 ? s.dim(` · ${notes.join(' · ')}`) : '';
        if (a.result === 'equal') return [what, ok('equal'), deltas + extra];
        if (a.result === 'differs')
          return [what, bad(`differs at ${a.path}: expected ${a.expected}, got ${a.got}`), deltas + extra];
        if (a.result === 'completed only')
          return [what, ok('completed only'), s.dim('content sent only in the completed object (no delta streams it)') + extra];
        return [what, s.dim(a.result), deltas + extra];
      }),
    ),
  );

  const strictNote = report.strict.valid ? 'strict valid' : `${plural(report.strict.deviations.length, 'strict deviation')}`;
  const verdict = report.valid ? s.green('valid') : s.red('invalid');
  if (strict) {
    const strictVerdict = report.valid && report.strict.valid ? s.green('valid') : s.red('invalid');
    lines.push(
      '',
      `${s.bold('result')}  ${strictVerdict} (strict) · ${report.strict.valid ? 'no strict deviation' : strictNote} · ${report.valid ? 'valid' : 'invalid'} in lenient mode`,
    );
    return lines;
  }
  lines.push('', `${s.bold('result')}  ${verdict} (lenient) · ${strictNote}`);
  return lines;
}

function modeLine(mode: InspectReport['lenient'], ok: (t: string) => string, bad: (t: string) => string): string {
  return mode.valid ? ok('valid') : bad(`${plural(mode.deviations.length, 'deviation')} in ${plural(mode.events, 'event')}`);
}

/**
 * Deviations grouped by what they are (path, expected, got), each group listing the events it occurs in: a server
 * that omits a field omits it in every event of a kind, and one entry per field reads better than forty lines.
 * Long lists are cut after 8 events (`--json` has them all).
 */
function deviationLines(deviations: Deviation[], s: Style): string[] {
  const groups = new Map<string, Deviation[]>();
  for (const d of deviations) {
    // Unparsable JSON differs in every event (the parser's position): one group per path.
    const key = d.code === 'invalid_json' ? `${d.code}\u0000${d.path}` : `${d.path}\u0000${d.expected}\u0000${d.got}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const lines: string[] = [];
  for (const group of groups.values()) {
    const d = group[0]!;
    const where = group.slice(0, 8).map((g) => `#${g.index} ${g.event}`);
    if (group.length > 8) where.push(`and ${group.length - 8} more`);
    lines.push(`    ${s.bold(d.path)}: expected ${d.expected}, got ${d.got}`);
    lines.push(`      ${s.dim(`in ${where.join(', ')}`)}`);
  }
  return lines;
}
