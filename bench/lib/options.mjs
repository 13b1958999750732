// The command line of the bench scripts: `--name=value` options and the transcript they name.
import { capturesTranscript, messagesTranscript, toolsTranscriptBytes } from './transcripts.mjs';

const args = process.argv.slice(2);

/** The value of `--name=value` on the command line, or `fallback`. */
export const option = (name, fallback) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;

/** The arguments that are not options (`--...`): the builds `compare.mjs` takes. */
export const positionals = () => args.filter((a) => !a.startsWith('--'));

/** The transcript `--transcript=` names (`messages`, `tools` or `captures`; `fallback` when absent). */
export function transcriptOption(testing, fallback) {
  const name = option('transcript', fallback);
  if (name === 'tools') return toolsTranscriptBytes();
  if (name === 'captures') return capturesTranscript();
  return messagesTranscript(testing, Number(option('mb', 2)) * 1_000_000);
}
