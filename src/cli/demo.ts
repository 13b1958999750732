import { assistantEvents } from '../decode/assistant-events';
import { runWithTools } from '../http/run-with-tools';
import { untilRunTerminal } from '../operators/until-run-terminal';
import { numberOption, command } from './args';
import {
  afterSubmit,
  AZURE_DEMO,
  azureDemoContinuationEvents,
  azureDemoStartEvents,
  DEMO,
  demoContinuationEvents,
  demoStartEvents,
  getWeather,
  pacedSSE,
} from './demo-transcript';
import { createStyle, useColor } from './format';
import { EXIT_FAILURE, EXIT_OK } from './io';
import { Printer } from './printer';
import { errorMessage, summaryLines, watchRun } from './view';

export const DEMO_USAGE = `Usage: rx-assistant-stream demo [--azure] [--fast | --speed <n>]

Replays a recorded-style Assistants run through the whole pipeline: SSE bytes (cut into uneven
chunks) -> fromSSE -> decodeAssistantEvents -> runWithTools (a get_weather call answered by a
local handler, the outputs submitted to a fake client that streams the continuation) ->
untilRunTerminal -> textDeltas / accumulateRunStepDeltas / accumulateMessageDeltas.
Prints the text as it streams, the code interpreter's input and logs, the tool call with its
output, and a summary. Colors and a spinner on a terminal; plain lines otherwise (or NO_COLOR).
With --azure: an Azure AI Agents run instead, whose MCP call waits for an approval that a local
handler gives (runWithTools({ approve })), then Azure's continuation with the MCP output.

Options:
  --azure        the Azure AI Agents run (an MCP call approved by a handler)
  --fast         no pauses: as fast as the pipeline goes
  --speed <n>    pace multiplier (default 1: about 5 seconds; 2 is twice as fast)
  -h, --help     this help
`;

/** `rx-assistant-stream demo`. */
export const demo = command(
  {
    name: 'demo',
    usage: DEMO_USAGE,
    options: { fast: { type: 'boolean', conflicts: 'speed' }, speed: { type: 'string' }, azure: { type: 'boolean' } },
  },
  async ({ values }, io) => {
    const speed = values['fast'] ? Infinity : (numberOption('speed', values['speed'], { min: 0.01, max: 1000 }) ?? 1);
    const color = useColor(io.stdout, io.env);
    const style = createStyle(color);
    const live = color && io.stdout.isTTY === true;
    // Prose is word-wrapped on any terminal (colors or not): the terminal itself would cut words.
    const printer = new Printer(
      io.stdout,
      style,
      live && Number.isFinite(speed),
      io.stdout.isTTY === true ? io.stdout.columns : undefined,
    );
    const azure = values['azure'] === true;

    printer.paragraph(
      `${style.bold('rx-assistant-stream demo')} ${style.dim(azure ? '· an Azure AI Agents run: an MCP call, approved by a handler' : '· a recorded-style run, replayed through the whole pipeline')}`,
      '  ',
    );
    printer.paragraph(
      style.dim('  SSE bytes → fromSSE → decodeAssistantEvents → runWithTools → untilRunTerminal → operators'),
      '    ',
    );
    printer.line(
      style.dim(
        `  pace: ${Number.isFinite(speed) ? `${speed}× live${speed === 1 ? ' (--fast to skip the pauses)' : ''}` : 'no pauses (--fast)'}`,
      ),
    );
    printer.line();
    printer.paragraph(`${style.bold('user')}  ${azure ? AZURE_DEMO.question : DEMO.question}`, '      ');
    printer.line();

    let bytes = 0;
    const count = (n: number) => (bytes += n);
    const events$ = (azure ? azureRun(printer, speed, count) : openAIRun(speed, count)).pipe(untilRunTerminal());
    const stats = await watchRun(events$, printer, () => bytes);
    printer.line();
    for (const line of summaryLines(stats, printer)) printer.line(line);
    if (stats.error !== undefined) {
      io.stderr.write(`rx-assistant-stream demo: ${errorMessage(stats.error)}\n`);
      return EXIT_FAILURE;
    }
    return EXIT_OK;
  },
);

/** The recorded-style run: a get_weather call answered by a local handler, the outputs submitted to a fake client. */
function openAIRun(speed: number, count: (n: number) => void) {
  const client = {
    submitToolOutputs: (_threadId: string, _runId: string, body: { tool_outputs: { tool_call_id: string; output: string }[] }) =>
      afterSubmit(assistantEvents(pacedSSE(demoContinuationEvents(body.tool_outputs), speed, count)), speed),
  };
  return runWithTools(assistantEvents(pacedSSE(demoStartEvents(), speed, count)), {
    client,
    handlers: { get_weather: (args: { city?: string; date?: string }) => getWeather(args) },
  });
}

/** Azure's run: the MCP call goes to `approve`, which trusts one server; the approvals go to a fake client. */
function azureRun(printer: Printer, speed: number, count: (n: number) => void) {
  const s = printer.style;
  const client = {
    submitToolOutputs: () => {
      throw new Error('the Azure demo run asks for approvals, not tool outputs');
    },
    submitToolApprovals: (
      _threadId: string,
      _runId: string,
      body: { tool_approvals: { tool_call_id: string; approve: boolean }[] },
    ) => afterSubmit(assistantEvents(pacedSSE(azureDemoContinuationEvents(body.tool_approvals), speed, count)), speed),
  };
  return runWithTools(assistantEvents(pacedSSE(azureDemoStartEvents(), speed, count)), {
    client,
    handlers: {},
    approve: (call) => {
      const trusted = (AZURE_DEMO.trusted as readonly string[]).includes(call.server_label);
      printer.line(
        `  ${trusted ? s.green('✓ approved') : s.red('✗ denied')} ${s.dim(`by the handler: ${call.server_label} is ${trusted ? '' : 'not '}a trusted MCP server`)}`,
      );
      return trusted;
    },
  });
}
