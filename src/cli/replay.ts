import { tap, type Observable } from 'rxjs';
import { assistantEvents } from '../decode/assistant-events';
import { textDeltas } from '../operators/text-deltas';
import { command } from './args';
import { escapeControls, safeJson } from './escape';
import { createStyle, useColor } from './format';
import { openInput } from './input';
import { EXIT_FAILURE, EXIT_OK } from './io';
import { Printer } from './printer';
import { errorMessage, summaryLines, watchRun } from './view';

export const REPLAY_USAGE = `Usage: rx-assistant-stream replay <file|-> [--json | --text] [--strict]

Decodes an SSE capture of an Assistants run (a file, or standard input with -) through
fromSSE -> decodeAssistantEvents and shows it as the demo does: run statuses, the text as it
streams, code interpreter input and logs, tool calls with arguments and outputs, a summary.
A stream error (invalid JSON, an event that does not match its schema, an error event)
is printed after everything before it, and the exit code is 1.

Text from the capture is printed with control characters escaped (\x1b, \u202e), in every mode.

Options:
  --json       the decoded events, one JSON object per line (NDJSON)
  --text       only the text of the messages
  --strict     validate against the OpenAPI spec exactly (default: lenient, as real servers send)
  -h, --help   this help

Examples:
  rx-assistant-stream replay run.sse
  curl -sN "$BASE/threads/$THREAD/runs" -H "Authorization: Bearer $KEY" -H 'OpenAI-Beta: assistants=v2' \\
    -H 'Content-Type: application/json' -d '{"assistant_id":"asst_...","stream":true}' | rx-assistant-stream replay -
  rx-assistant-stream replay run.sse --json | jq -c 'select(.event == "thread.run.completed")'
`;

/** `rx-assistant-stream replay <file|->`. */
export const replay = command(
  {
    name: 'replay',
    usage: REPLAY_USAGE,
    options: { json: { type: 'boolean', conflicts: 'text' }, text: { type: 'boolean' }, strict: { type: 'boolean' } },
    positionals: { min: 1, max: 1 },
  },
  async ({ values, positionals }, io) => {
    const input = await openInput(positionals[0]!, io);
    let decoded = 0;
    const events$ = assistantEvents(input.chunks, { mode: values['strict'] ? 'strict' : 'lenient' }).pipe(tap(() => decoded++));
    let error: unknown;
    if (values['json']) {
      error = await drain(events$, (event) => io.stdout.write(`${safeJson(event)}\n`));
    } else if (values['text']) {
      let last: string | undefined;
      error = await drain(events$.pipe(textDeltas({ withContext: true })), ({ messageId, value }) => {
        if (last !== undefined && last !== messageId) io.stdout.write('\n\n');
        last = messageId;
        io.stdout.write(escapeControls(value));
      });
      if (last !== undefined) io.stdout.write('\n');
    } else {
      const color = useColor(io.stdout, io.env);
      const style = createStyle(color);
      const live = color && io.stdout.isTTY === true;
      const printer = new Printer(io.stdout, style, live, io.stdout.isTTY === true ? io.stdout.columns : undefined);
      printer.line(`${style.bold('replay')} ${input.name}${values['strict'] ? style.dim(' (strict)') : ''}`);
      printer.line();
      const stats = await watchRun(events$, printer, () => input.bytes);
      printer.line();
      for (const line of summaryLines(stats, printer)) printer.line(line);
      error = stats.error;
    }
    if (error !== undefined) {
      io.stderr.write(`rx-assistant-stream replay: ${errorMessage(error)}\n`);
      return EXIT_FAILURE;
    }
    if (decoded === 0) {
      io.stderr.write(
        `rx-assistant-stream replay: no Assistants events in ${input.name} (not an SSE stream? \`rx-assistant-stream inspect\` tells more)\n`,
      );
      return EXIT_FAILURE;
    }
    return EXIT_OK;
  },
);

/** Subscribes, calling `next` for each value; resolves with the error, or `undefined` on completion. */
export function drain<T>(source: Observable<T>, next: (value: T) => void): Promise<unknown> {
  return new Promise((resolve) => {
    source.subscribe({
      next,
      error: (error: unknown) => resolve(error ?? new Error('unknown error')),
      complete: () => resolve(undefined),
    });
  });
}
