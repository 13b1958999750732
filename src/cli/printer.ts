import type { Style } from './format';
import type { CliOutput } from './io';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const CLEAR_LINE = '\r\x1b[2K';

/**
 * Line-oriented output with live blocks: text that streams in (an answer, code) is written as it comes, each line
 * under a prefix, and closed by the next full line. On a terminal (`spinner: true`) an idle status line with a
 * spinner is shown while nothing is being written; it is erased before any output, so the scrollback stays clean.
 */
export class Printer {
  private atLineStart = true;
  private block: string | undefined;
  private prefix = '';
  private statusText: string | undefined;
  private spinnerShown = false;
  private frame = 0;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    readonly out: CliOutput,
    readonly style: Style,
    private readonly spinner: boolean,
  ) {}

  /** Writes a whole line (closing any open block first). */
  line(text = ''): void {
    this.closeBlock();
    this.raw(`${text}\n`);
  }

  /**
   * Appends streamed text to the block `key`: when another block (or none) is open, it is closed and `header`
   * (if any) is written on its own line first. Each line of the block starts with `prefix`.
   */
  stream(key: string, header: string | undefined, prefix: string, text: string): void {
    if (text === '') return;
    if (this.block !== key) {
      this.closeBlock();
      if (header !== undefined) this.raw(`${header}\n`);
      this.block = key;
      this.prefix = prefix;
    }
    let out = '';
    for (const piece of text.split(/(\n)/)) {
      if (piece === '') continue;
      if (piece === '\n') {
        out += '\n';
        this.atLineStart = true;
        continue;
      }
      if (this.atLineStart) out += this.prefix;
      out += piece;
      this.atLineStart = false;
    }
    this.raw(out);
  }

  /** Whether `key` is the block being written. */
  isOpen(key: string): boolean {
    return this.block === key;
  }

  /** Ends the open block (with a line end if its last line is unfinished). */
  closeBlock(): void {
    if (!this.atLineStart) this.raw('\n');
    this.block = undefined;
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
  }
}
