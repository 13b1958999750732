import { visibleLength, type Style } from './format';
import type { CliOutput } from './io';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const CLEAR_LINE = '\r\x1b[2K';

/**
 * Line-oriented output with live blocks: text that streams in (an answer, code) is written as it comes, each line
 * under a prefix, and closed by the next full line. On a terminal (`spinner: true`) an idle status line with a
 * spinner is shown while nothing is being written; it is erased before any output, so the scrollback stays clean.
 * Prose blocks are word-wrapped to `width` under their prefix (when a width is given: on a terminal).
 */
export class Printer {
  private atLineStart = true;
  private column = 0;
  private block: string | undefined;
  private prefix = '';
  private wrap = false;
  /** The unfinished last word of a wrapped block, held until it is complete. */
  private pending = '';
  private statusText: string | undefined;
  private spinnerShown = false;
  private frame = 0;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    readonly out: CliOutput,
    readonly style: Style,
    private readonly spinner: boolean,
    readonly width?: number,
  ) {}

  /** Writes a whole line (closing any open block first). */
  line(text = ''): void {
    this.closeBlock();
    this.raw(`${text}\n`);
  }

  /**
   * Writes a whole line word-wrapped to the width (when known: on a terminal), never cut inside a word; the lines
   * after the first start with `indent`. A word longer than the width stays whole on its own line.
   */
  paragraph(text: string, indent = ''): void {
    if (this.width === undefined || visibleLength(text) <= this.width) return this.line(text);
    this.closeBlock();
    const lines: string[] = [];
    let current = '';
    let length = 0;
    for (const piece of text.split(/( +)/)) {
      if (piece === '') continue;
      const size = visibleLength(piece);
      // Spaces are kept (leading ones indent the first line); a break drops those before it.
      if (!piece.startsWith(' ') && length + size > this.width && current.trim() !== '') {
        lines.push(current.trimEnd());
        current = indent;
        length = indent.length;
      }
      current += piece;
      length += size;
    }
    lines.push(current.trimEnd());
    this.raw(`${lines.join('\n')}\n`);
  }

  /**
   * Appends streamed text to the block `key`: when another block (or none) is open, it is closed and `header`
   * (if any) is written on its own line first. Each line of the block starts with `prefix`; with `wrap`, long lines
   * are word-wrapped to the printer's width (words are written once complete).
   */
  stream(key: string, header: string | undefined, prefix: string, text: string, wrap = false): void {
    if (text === '') return;
    if (this.block !== key) {
      this.closeBlock();
      if (header !== undefined) this.raw(`${header}\n`);
      this.block = key;
      this.prefix = prefix;
      this.wrap = wrap && this.width !== undefined && this.width > prefix.length + 20;
    }
    if (!this.wrap) {
      this.write(text, false);
      return;
    }
    this.pending += text;
    const cut = Math.max(this.pending.lastIndexOf(' '), this.pending.lastIndexOf('\n'));
    if (cut < 0) return;
    const ready = this.pending.slice(0, cut + 1);
    this.pending = this.pending.slice(cut + 1);
    this.write(ready, true);
  }

  /** Ends the open block (with a line end if its last line is unfinished). */
  closeBlock(): void {
    if (this.pending !== '') {
      const rest = this.pending;
      this.pending = '';
      this.write(rest, true);
    }
    if (!this.atLineStart) this.raw('\n');
    this.block = undefined;
  }

  private write(text: string, wrap: boolean): void {
    let out = '';
    let column = this.column;
    let atLineStart = this.atLineStart;
    for (const piece of text.split(/(\n| +)/)) {
      if (piece === '') continue;
      if (piece === '\n') {
        out += '\n';
        atLineStart = true;
        column = 0;
        continue;
      }
      const length = visibleLength(piece);
      if (wrap && !atLineStart && column + length > this.width!) {
        // A soft line break: before a word that does not fit, or instead of spaces that would pass the edge.
        out += '\n';
        atLineStart = true;
        column = 0;
        if (piece.startsWith(' ')) continue;
      }
      if (atLineStart) {
        out += this.prefix;
        column = this.prefix.length;
        atLineStart = false;
      }
      out += piece;
      column += length;
    }
    this.raw(out);
  }

  /** Sets the idle status shown by the spinner (on a terminal only). */
  status(text: string): void {
    this.statusText = text;
    if (!this.spinner) return;
    if (this.timer === undefined) {
      this.timer = setInterval(() => this.tick(), 80);
      this.timer.unref?.();
    }
    this.tick();
  }

  /** Stops the spinner and erases its line. */
  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.hideSpinner();
  }

  private tick(): void {
    if (!this.atLineStart || this.statusText === undefined) return;
    this.frame = (this.frame + 1) % SPINNER.length;
    this.out.write(`${CLEAR_LINE}${this.style.cyan(SPINNER[this.frame]!)} ${this.style.dim(this.statusText)}`);
    this.spinnerShown = true;
  }

  private hideSpinner(): void {
    if (!this.spinnerShown) return;
    this.out.write(CLEAR_LINE);
    this.spinnerShown = false;
  }

  private raw(text: string): void {
    if (text === '') return;
    this.hideSpinner();
    this.out.write(text);
    this.atLineStart = text.endsWith('\n');
    const lastLine = text.lastIndexOf('\n');
    this.column = lastLine >= 0 ? visibleLength(text.slice(lastLine + 1)) : this.column + visibleLength(text);
  }
}
