#!/usr/bin/env node
// `npm run test:browser` (part of `npm test`, after the build): the browser example (examples/browser) in headless
// Chromium, against a local server that streams a run slowly.
//
//   1. the page fetches the run stream, renders the text live and the final run status: the DOM must hold exactly
//      the expected answer and the status `completed`;
//   2. the page unsubscribes mid-stream: the server must see the request closed before its end, and the DOM must
//      not change afterwards (no late callbacks);
//   3. examples/angular, a zoneless Angular 22 app compiled AOT (scripts/angular-build.mjs), against the package's
//      mock server (startMockServer from dist/node.js): the live text and the status `completed`, then Stop mid-run
//      closes the request (the mock server sees `client-closed`) and nothing renders after;
//   4. the README's Angular blocks (the fetch service and its `async`-pipe component, the HttpClient component;
//      scripts/readme-blocks.mjs), built the same way and mounted zoneless, `/api/runs` forwarded to the mock
//      server: the whole answer in both, and `completed`;
//   5. the README's page script (the browser block), bundled: the whole answer streamed into `#answer` by a backend
//      `/api/runs` that starts the run on the mock server.
//
// Chromium: $CHROMIUM_PATH, else a system one (/usr/bin/chromium, ...), else the Linux build of the
// `@sparticuz/chromium` dev dependency (see scripts/chromium.mjs): nothing but `npm ci` is needed. It is driven by
// playwright-core with a throwaway profile; the browser exits, the server closes and the temporary files are removed
// even when a check fails.
import { mkdtemp, rm, readdir, readFile } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { buildBrowserBundle, startExampleServer } from '../examples/browser/server.mjs';
import { findChromium } from './chromium.mjs';
import { buildAngularApp } from './angular-build.mjs';
import { createConsumerDir, writeAngularProject, writeBrowserPage } from './readme-blocks.mjs';
import { startStaticServer } from './static-server.mjs';
import { startMockServer } from '../dist/node.js';

const TIMEOUT = 20_000;
// How long the server may wait to see a stopped request closed. Chromium usually closes it within milliseconds, but
// on a loaded machine it at times closes the socket of a cancelled body only about 5 s later (measured on a stalled
// stream with both cores busy: 2 of 25 stops at 5.01 s, the rest within 11 ms), so a 5 s bound raced it.
const CLOSE_TIMEOUT = 15_000;
const started = performance.now();
const root = fileURLToPath(new URL('..', import.meta.url));
const ms = (since) => `${Math.round(performance.now() - since)} ms`;
const log = (text) => console.log(`  ${text}`);

const ANGULAR_ANSWER = 'Angular, zoneless: « signaux » ✓ 日本語 🚀, rendered as each fragment lands.';
const bundleDir = await mkdtemp(join(tmpdir(), 'rx-assistant-stream-bundle-'));
const angularDir = await mkdtemp(join(tmpdir(), 'rx-assistant-stream-angular-'));
const profileDir = await mkdtemp(join(tmpdir(), 'rx-assistant-stream-chromium-'));
const tempDirs = [bundleDir, angularDir, profileDir];

// A hard stop for a browser that hangs: fail instead of blocking `npm test`, after killing the Chromium this script
// started and removing its temporary directories. Two Angular builds (AOT + bundling) take 10-60 s on a busy 2-core
// machine: the budget is 4 minutes in all.
const WATCHDOG = 240_000;
const watchdog = setTimeout(async () => {
  console.error(`browser test: no result after ${WATCHDOG / 1000} s, giving up`);
  for (const pid of await processesUsing(profileDir)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  process.exit(1);
}, WATCHDOG);
watchdog.unref();

let server;
let mock;
let angularServer;
let readmeServer;
let pageServer;
let pageErrors = [];
const cleanup = [];
/** The Angular builds in flight: awaited before their directories are removed, even when a check failed early. */
const builds = [];
let context;
let failed = false;
console.log('Browser test (headless Chromium)');

try {
  let t = performance.now();
  // The Angular build runs in a child process (Node 22) while this one bundles the plain example.
  // The README's Angular blocks next, in the same child-process chain (two cores: one Angular build at a time).
  const readmeProject = createConsumerDir('readme-angular-');
  const readmeDir = join(readmeProject, 'www');
  const angularBuild = buildAngularApp(join(root, 'examples', 'angular'), angularDir);
  const readmeBuild = angularBuild.then(() => {
    const mounted = writeAngularProject(readmeProject);
    return buildAngularApp(readmeProject, readmeDir).then((summary) => ({ components: mounted, summary }));
  });
  tempDirs.push(readmeProject);
  cleanup.push(() => rm(readmeProject, { recursive: true, force: true }));
  builds.push(angularBuild, readmeBuild);
  angularBuild.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
  readmeBuild.catch(() => {});
  const files = await buildBrowserBundle(bundleDir);
  log(`bundle dist/index.js + dependencies + rxjs for the browser: ${files.length} files (${ms(t)})`);

  server = await startExampleServer({ bundleDir });
  const streams = [];
  server.streams.on('stream', (stream) => streams.push(stream));

  t = performance.now();
  const { executablePath, args, source } = await findChromium();
  log(`Chromium: ${executablePath} (${source}) (${ms(t)})`);
  t = performance.now();
  context = await chromium.launchPersistentContext(profileDir, { executablePath, headless: true, args, timeout: TIMEOUT });
  context.setDefaultTimeout(TIMEOUT);
  const page = context.pages()[0] ?? (await context.newPage());
  pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && pageErrors.push(message.text()));
  log(`launch ${executablePath} (${context.browser()?.version() ?? 'Chromium'}) (${ms(t)})`);

  // ---- 1. the whole run ----
  t = performance.now();
  await page.goto(`${server.url}?delay=3&chunk=97`);
  await page.click('#start');
  await page.waitForSelector('body[data-state="done"], body[data-state="error"]');
  const text = await page.textContent('#answer');
  const status = await page.textContent('#status');
  assert.equal(status, 'completed', `the final run status (page state ${await page.getAttribute('body', 'data-state')})`);
  assert.equal(text, server.answer, 'the rendered text');
  assert.equal(streams.length, 1, 'one request');
  // untilRunTerminal completes on thread.run.completed and releases the body: the page may close the request
  // before the trailing `done` frame, never before the terminal event.
  const first = await streams[0].closed;
  assert.ok(
    first.bytesSent >= streams[0].terminalOffset,
    `the stream ran up to its terminal event (${first.bytesSent} of ${streams[0].terminalOffset} bytes)`,
  );
  log(
    `live text and final run rendered: ${[...text].length} characters, status "${status}", ${first.bytesSent} of ${streams[0].totalBytes} bytes streamed${first.aborted ? ', then released by untilRunTerminal' : ''} (${ms(t)})`,
  );

  // ---- 2. unsubscribe mid-stream ----
  t = performance.now();
  // The server stalls halfway (`stall=1`), so Stop lands mid-stream however slowly a loaded machine runs the page.
  await page.goto(`${server.url}?delay=30&chunk=61&stall=1`);
  await page.click('#start');
  await page.waitForFunction(() => (document.getElementById('answer')?.textContent ?? '').length >= 10);
  await page.click('#stop');
  const stopClicked = performance.now();
  assert.equal(streams.length, 2, 'a second request');
  const second = await withTimeout(
    streams[1].closed,
    CLOSE_TIMEOUT,
    `the server did not see the request close within ${CLOSE_TIMEOUT / 1000} s`,
  );
  const secondClosedAfter = Math.round(performance.now() - stopClicked);
  assert.equal(
    second.aborted,
    true,
    `the request was closed before the end of the stream (${second.bytesSent} of ${streams[1].totalBytes} bytes sent)`,
  );
  assert.ok(second.bytesSent < streams[1].terminalOffset, 'the request was closed before the run ended');
  const partial = await page.textContent('#answer');
  await page.waitForTimeout(300);
  assert.equal(await page.textContent('#answer'), partial, 'nothing rendered after unsubscribing');
  assert.equal(await page.textContent('#status'), 'stopped');
  assert.ok(partial.length < server.answer.length && server.answer.startsWith(partial), 'a prefix of the answer was rendered');
  log(
    `unsubscribe aborted the request: the server saw it closed ${secondClosedAfter} ms after Stop, after ${second.bytesSent} of ${streams[1].totalBytes} bytes; ${[...partial].length} characters rendered, none after (${ms(t)})`,
  );

  // ---- 3. the Angular example ----
  t = performance.now();
  log(`examples/angular: ${await angularBuild} (${ms(t)} more)`);
  t = performance.now();
  mock = await startMockServer({ scenario: { type: 'text', text: ANGULAR_ANSWER }, chunkSize: 29, pacing: 1 });
  angularServer = await startStaticServer(angularDir);
  const api = encodeURIComponent(`${mock.baseURL}/threads/runs`);
  await page.goto(`${angularServer.url}?api=${api}`);
  await page.waitForSelector('#ask:not([disabled])');
  assert.equal(await page.textContent('#status'), 'idle', 'the Angular app rendered');
  await page.click('#ask');
  await page.waitForFunction(
    () => document.querySelector('#stop')?.hasAttribute('disabled') && document.querySelector('#ask:not([disabled])'),
  );
  assert.equal(await page.textContent('#status'), 'completed', 'the Angular app shows the final run status');
  assert.equal(await page.textContent('#answer'), ANGULAR_ANSWER, 'the Angular app rendered the whole answer');
  const angularRun = mock.requests.filter((request) => request.endpoint === 'createThreadAndRun');
  assert.equal(angularRun.length, 1, 'one run request');
  log(`Angular live text and status rendered: ${[...ANGULAR_ANSWER].length} characters, status "completed" (${ms(t)})`);

  t = performance.now();
  // A ten times longer answer for Stop: the stream then outlasts any delay a loaded machine adds before the click.
  const STOP_ANSWER = Array.from({ length: 10 }, () => ANGULAR_ANSWER).join(' ');
  mock.configure({ scenario: { type: 'text', text: STOP_ANSWER }, pacing: 25 });
  await page.click('#ask');
  // The new run's own text: until Angular renders the click, the page still shows the last run ("completed", and an
  // answer that STOP_ANSWER starts with), and a Stop clicked then could abort the request before it reached the server.
  await page.waitForFunction(() => {
    const status = document.querySelector('#status')?.textContent ?? '';
    const answer = document.querySelector('#answer')?.textContent ?? '';
    return !['idle', 'connecting', 'completed'].includes(status) && answer.length >= 5;
  });
  await page.click('#stop');
  const stopped = mock.requests.filter((request) => request.endpoint === 'createThreadAndRun')[1];
  assert.ok(stopped, 'a second run request');
  // First the app's side (the click reached stop()), then the server's: a failure says which side it was.
  await page.waitForFunction(() => document.querySelector('#status')?.textContent === 'stopped', undefined, {
    timeout: 5000,
  });
  const stoppedAt = performance.now();
  const end = await withTimeout(
    stopped.ended,
    CLOSE_TIMEOUT,
    `the mock server did not see the request close within ${CLOSE_TIMEOUT / 1000} s`,
  ).catch(async (error) => {
    const answer = (await page.textContent('#answer')) ?? '';
    throw new Error(
      `${error.message} of the app showing "stopped" (request state ${stopped.state}, ${[...answer].length} characters rendered)`,
    );
  });
  const closedAfter = Math.round(performance.now() - stoppedAt);
  assert.equal(end, 'client-closed', 'Stop closed the request');
  const angularPartial = await page.textContent('#answer');
  await page.waitForTimeout(300);
  assert.equal(await page.textContent('#answer'), angularPartial, 'nothing rendered after Stop');
  assert.equal(await page.textContent('#status'), 'stopped');
  assert.ok(
    angularPartial.length < STOP_ANSWER.length && STOP_ANSWER.startsWith(angularPartial),
    'a prefix of the answer was rendered',
  );
  log(
    `Angular Stop closed the request (mock server: client-closed, ${closedAfter} ms after the app showed "stopped"); ${[...angularPartial].length} characters rendered, none after (${ms(t)})`,
  );

  // ---- 4. the README's Angular components ----
  t = performance.now();
  const { components, summary } = await readmeBuild;
  log(
    `README Angular blocks (${components.map(({ component, selector }) => `${component} <${selector}>`).join(', ')}): ${summary} (${ms(t)} more)`,
  );
  t = performance.now();
  mock.configure({ scenario: { type: 'text', text: ANGULAR_ANSWER }, pacing: 1 });
  readmeServer = await startStaticServer(readmeDir, { proxy: { '/api/runs': `${mock.baseURL}/threads/runs` } });
  await page.goto(readmeServer.url);
  await page.waitForFunction(() => document.querySelector('.status')?.textContent === 'completed');
  assert.equal(await page.textContent('.answer'), ANGULAR_ANSWER, 'the README fetch component rendered the whole answer');
  await page.waitForFunction((expected) => document.querySelector('.http-answer')?.textContent === expected, ANGULAR_ANSWER);
  log(
    `README components mounted: ${[...ANGULAR_ANSWER].length} characters through the async pipe, over fetch (status "completed") and over HttpClient (${ms(t)})`,
  );

  // ---- 5. the README's page script ----
  t = performance.now();
  const pageBlock = await writeBrowserPage(join(readmeProject, 'page'));
  pageServer = await startStaticServer(join(readmeProject, 'page'), {
    backend: { '/api/runs': { url: `${mock.baseURL}/threads/runs`, body: { assistant_id: 'asst_readme', stream: true } } },
  });
  await page.goto(pageServer.url);
  await page.waitForFunction((expected) => document.querySelector('#answer')?.textContent === expected, ANGULAR_ANSWER);
  log(
    `README browser block (README.md:${pageBlock.line}) ran in the page: ${[...ANGULAR_ANSWER].length} characters streamed into #answer (${ms(t)})`,
  );

  assert.deepEqual(pageErrors, [], 'errors in the page');
} catch (error) {
  failed = true;
  console.error(`  FAIL ${error instanceof Error ? error.message : String(error)}`);
  if (pageErrors.length > 0) console.error(`       errors in the page: ${pageErrors.join('\n       ')}`);
  if (error?.actual !== undefined)
    console.error(`       actual:   ${JSON.stringify(error.actual)}\n       expected: ${JSON.stringify(error.expected)}`);
} finally {
  await Promise.allSettled(builds);
  await context?.close().catch((error) => console.error(`  closing Chromium: ${error.message}`));
  await server?.close();
  await mock?.close();
  await angularServer?.close();
  await readmeServer?.close();
  await pageServer?.close();
  for (const task of cleanup) await task();
  const leftovers = await processesUsing(profileDir);
  if (leftovers.length > 0) {
    failed = true;
    console.error(`  FAIL Chromium processes left running: ${leftovers.join(', ')}`);
    for (const pid of leftovers) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  await rm(bundleDir, { recursive: true, force: true });
  await rm(angularDir, { recursive: true, force: true });
  await rm(profileDir, { recursive: true, force: true, maxRetries: 3 });
}

console.log(
  failed ? `Browser test FAILED (${ms(started)})` : `Browser test passed in ${ms(started)}: Chromium exited, server closed`,
);
process.exitCode = failed ? 1 : 0;

function withTimeout(promise, ms, message) {
  let timer;
  const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Processes whose command line mentions our throwaway profile: only the Chromium this script started. */
async function processesUsing(dir) {
  const pids = [];
  for (const entry of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(dir)) pids.push(Number(entry));
  }
  return pids;
}
