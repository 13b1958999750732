import type { Observable } from 'rxjs';

/** Everything an Observable delivered, for async tests: its values, then how it ended. */
export interface Outcome<T> {
  values: T[];
  error?: unknown;
  completed: boolean;
}

/** Subscribes and resolves when the Observable errors or completes. */
export function collect<T>(source: Observable<T>): Promise<Outcome<T>> {
  return new Promise((resolve) => {
    const values: T[] = [];
    source.subscribe({
      next: (value) => values.push(value),
      error: (error: unknown) => resolve({ values, error, completed: false }),
      complete: () => resolve({ values, completed: true }),
    });
  });
}

/** Splits bytes (or a string) at the given offsets (sorted, deduplicated, within bounds). */
export function splitAt<T extends { length: number; slice(start: number, end?: number): T }>(whole: T, offsets: number[]): T[] {
  const cuts = [...new Set(offsets.filter((o) => o > 0 && o < whole.length))].sort((a, b) => a - b);
  const parts: T[] = [];
  let start = 0;
  for (const cut of cuts) {
    parts.push(whole.slice(start, cut));
    start = cut;
  }
  parts.push(whole.slice(start));
  return parts;
}

/** A ReadableStream of the given chunks, recording whether it was cancelled. */
export function streamOf<T>(chunks: T[]): { stream: ReadableStream<T>; cancelled: () => boolean } {
  let cancelled = false;
  let i = 0;
  const stream = new ReadableStream<T>({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++]!);
      else controller.close();
    },
    cancel() {
      cancelled = true;
    },
  });
  return { stream, cancelled: () => cancelled };
}
