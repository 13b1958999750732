import { parseArgs } from 'node:util';
import { EXIT_OK, EXIT_USAGE, type CliIO } from './io';

/** A mistake in the command line: reported with the command's usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * The option table of `node:util` `parseArgs`, plus `conflicts`: the name of an option that may not be given with this
 * one (as yargs calls it).
 */
export type OptionSpecs = Record<string, { type: 'string' | 'boolean'; short?: string; conflicts?: string }>;

/** A command's argv grammar: its options, and how many positionals it takes (none when left out). */
export interface CommandGrammar {
  options: OptionSpecs;
  positionals?: { min: number; max: number };
}

/** What {@link parseCommand} returns: the option values by name and the positionals. */
export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/**
 * Parses a command's argv strictly (unknown flags, missing values, extra positionals and conflicting options are
 * {@link UsageError}s), with `-h/--help` added to every command.
 */
export function parseCommand(argv: string[], { options, positionals = { min: 0, max: 0 } }: CommandGrammar): Parsed {
  let parsed: Parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...parseArgsOptions(options), help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    }) as Parsed;
  } catch (error) {
    throw new UsageError(cleanParseError(error));
  }
  if (parsed.values['help']) return parsed;
  if (parsed.positionals.length < positionals.min) throw new UsageError('missing argument');
  if (parsed.positionals.length > positionals.max)
    throw new UsageError(`unexpected argument '${parsed.positionals[positionals.max]}'`);
  for (const [name, { conflicts }] of Object.entries(options))
    if (conflicts !== undefined && parsed.values[name] !== undefined && parsed.values[conflicts] !== undefined)
      throw new UsageError(`--${name} and --${conflicts} cannot be used together`);
  return parsed;
}

function parseArgsOptions(options: OptionSpecs): Record<string, { type: 'string' | 'boolean'; short?: string }> {
  const table: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [name, { conflicts: _, ...option }] of Object.entries(options)) table[name] = option;
  return table;
}

function cleanParseError(error: unknown): string {
  const raw = (error as { message?: unknown } | null)?.message;
  const message = typeof raw === 'string' ? raw : String(error);
  // node's messages end with advice for programs ("To specify a positional argument starting with a '-'...").
  const first = message.split('. To ')[0]!.replace(/\.$/, '');
  return first.charAt(0).toLowerCase() + first.slice(1);
}

/** A numeric option: a finite number within bounds, or a {@link UsageError} naming the flag. */
export function numberOption(
  name: string,
  value: string | boolean | undefined,
  bounds: { min?: number; max?: number; integer?: boolean } = {},
): number | undefined {
  if (value === undefined || typeof value === 'boolean') return undefined;
  const n = Number(value);
  const { min = -Infinity, max = Infinity, integer = false } = bounds;
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    const range = [min > -Infinity ? `>= ${min}` : '', max < Infinity ? `<= ${max}` : ''].filter(Boolean).join(' and ');
    throw new UsageError(`--${name} must be ${integer ? 'an integer' : 'a number'}${range ? ` ${range}` : ''}, got '${value}'`);
  }
  return n;
}

/**
 * A command with the shared conventions: argv parsed by {@link parseCommand}; `--help` prints the usage to stdout
 * (exit 0); a {@link UsageError}, from parsing or from the body, prints `rx-assistant-stream <command>: <message>` and
 * the usage to stderr (exit 2).
 *
 * @example
 * ```ts
 * const hello = command(
 *   { name: 'hello', usage: 'Usage: hello [--loud]\n', options: { loud: { type: 'boolean' } } },
 *   async ({ values }, io) => {
 *     io.stdout.write(values['loud'] ? 'HELLO\n' : 'hello\n');
 *     return EXIT_OK;
 *   },
 * );
 * await hello(['--loud'], io); // prints HELLO, resolves 0
 * ```
 */
export function command(
  spec: CommandGrammar & { name: string; usage: string },
  body: (parsed: Parsed, io: CliIO) => Promise<number>,
): (argv: string[], io: CliIO) => Promise<number> {
  return async (argv, io) => {
    try {
      const parsed = parseCommand(argv, spec);
      if (parsed.values['help']) {
        io.stdout.write(spec.usage);
        return EXIT_OK;
      }
      return await body(parsed, io);
    } catch (error) {
      if (error instanceof UsageError) {
        io.stderr.write(`rx-assistant-stream ${spec.name}: ${error.message}\n\n${spec.usage}`);
        return EXIT_USAGE;
      }
      throw error;
    }
  };
}
