import type { CliOutput } from './io';
import { excerpt } from '../errors';

/** Text styles: ANSI SGR codes on a color terminal, identity functions otherwise. */
export interface Style {
  readonly color: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  blue(text: string): string;
  magenta(text: string): string;
  cyan(text: string): string;
}

/**
 * Whether to color `out`: never when `NO_COLOR` is set (https://no-color.org), always when `FORCE_COLOR` is set to
 * something other than `0`, otherwise only on a TTY (and not on a `dumb` terminal).
 */
export function useColor(out: CliOutput, env: Readonly<Record<string, string | undefined>>): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '') return env['FORCE_COLOR'] !== '0';
  return out.isTTY === true && env['TERM'] !== 'dumb';
}

const sgr = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;
const plain = (text: string) => text;

/** The styles for an output stream. */
export function createStyle(color: boolean): Style {
  if (!color) {
    return { color, bold: plain, dim: plain, red: plain, green: plain, yellow: plain, blue: plain, magenta: plain, cyan: plain };
  }
  return {
    color,
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    green: sgr(32, 39),
    yellow: sgr(33, 39),
    blue: sgr(34, 39),
    magenta: sgr(35, 39),
    cyan: sgr(36, 39),
  };
}

/** `1 event`, `2 events`. */
export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}

/** `812 B`, `41.2 kB`, `3.4 MB` (decimal units). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** `35 ms`, `3.41 s`. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.max(0, Math.round(ms))} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** Events per second, rounded sensibly (`24`, `1.2k`, `310k`). */
export function formatRate(count: number, ms: number): string {
  if (count === 0) return '0';
  const rate = count / (Math.max(ms, 0.001) / 1000);
  if (rate < 1000) return String(Math.round(rate));
  if (rate < 100_000) return `${(rate / 1000).toFixed(1)}k`;
  return `${Math.round(rate / 1000)}k`;
}

/** A value cut to `max` characters (JSON for non-strings), on one line. */
export function short(value: unknown, max = 60): string {
  const text = (value === undefined ? 'nothing' : excerpt(value, Infinity)).replace(/\s*\n\s*/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Pads every row's cells to the widest of their column (the last column is not padded). */
export function columns(rows: string[][], gap = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, visibleLength(cell))));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - visibleLength(cell))))
      .join(gap)
      .trimEnd(),
  );
}

/** The length of a string without its ANSI escapes. */
export function visibleLength(text: string): number {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, '').length;
}
