/**
 * Makes every spec fail on an unhandled rejection or an uncaught exception, so the class of issue 10 (misuse that
 * crashes the process) stays closed: the error is recorded where Node reports it and rethrown by the next
 * `afterEach` (or `afterAll`), naming the test that was running.
 *
 * A spec that provokes one on purpose and handles it must remove it from `process` itself (as `watch` in
 * spec/reliability/support.ts does with its own listeners): the listeners below only record.
 */
const escaped: { kind: string; error: unknown; test: string | undefined }[] = [];

const currentTest = (): string | undefined => {
  try {
    return expect.getState().currentTestName;
  } catch {
    return undefined;
  }
};

const onRejection = (reason: unknown) => escaped.push({ kind: 'unhandled rejection', error: reason, test: currentTest() });
const onException = (error: unknown) => escaped.push({ kind: 'uncaught exception', error, test: currentTest() });
process.on('unhandledRejection', onRejection);
process.on('uncaughtException', onException);

function rethrow(): void {
  if (escaped.length === 0) return;
  const found = escaped.splice(0);
  const lines = found.map(
    ({ kind, error, test }) =>
      `${kind}${test ? ` during "${test}"` : ''}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  throw new Error(`An error escaped the Observable's error channel:\n${lines.join('\n')}`);
}

afterEach(async () => {
  // A rejection is reported after the microtasks of its turn: give it a macrotask to arrive.
  await new Promise((resolve) => setImmediate(resolve));
  rethrow();
});

afterAll(async () => {
  await new Promise((resolve) => setImmediate(resolve));
  process.off('unhandledRejection', onRejection);
  process.off('uncaughtException', onException);
  rethrow();
});
