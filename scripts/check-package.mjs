#!/usr/bin/env node
// `npm run test:package` (part of `npm test`, after the build): the checks a published package has to pass, run on
// the packed tarball rather than on the working tree.
//
//   1. the main entry is browser-safe: dist/index.js and dist/index.cjs import only rxjs, io-ts, fp-ts,
//      eventsource-parser and their own chunks (no `node:` or other Node built-in)
//   2. publint (strict: warnings fail) and @arethetypeswrong/cli (profile node16: node16 CJS, node16 ESM, bundler)
//      on the tarball, every subpath export included
//   3. a throwaway consumer project installs the tarball and rxjs, then
//      - imports every subpath from ESM and requires it from CJS, with the same named exports both ways
//      - runs a pipeline on a `toSSE` transcript from ESM and from CJS and checks the text
//      - runs examples/node/stream-run.mjs against the installed package
//      - type-checks a consumer (and examples/angular) with the project's tsc, moduleResolution node16 (.mts and
//        .cts) and bundler, without @types/node; the bundler run also checks the package's own declarations
//        (skipLibCheck off), so a public type that needs Node's types fails there
//
// Nothing is written to the repository: everything happens in a temporary directory that is removed at the end.
// Needs `npm run build` first. Set KEEP_TMP=1 to keep the temporary directory for a look.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, mkdirSync, cpSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinModules } from 'node:module';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const attw = join(root, 'node_modules', '@arethetypeswrong', 'cli', 'dist', 'index.js');
const tmp = mkdtempSync(join(tmpdir(), 'rx-assistant-stream-package-'));
const consumer = join(tmp, 'consumer');
const failures = [];

/** Environment for a nested npm: without the variables `npm run` sets for this project (its prefix above all). */
const npmEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) => !/^npm_(package_|lifecycle_|config_(local_prefix|prefix|global_prefix|workspace))/i.test(key) && key !== 'INIT_CWD',
  ),
);

function run(command, args, options = {}) {
  return new Promise((resolvePromise) => {
    execFile(command, args, { maxBuffer: 64 * 1024 * 1024, env: npmEnv, ...options }, (error, stdout, stderr) => {
      resolvePromise({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr, error });
    });
  });
}

async function step(name, fn) {
  const started = performance.now();
  try {
    const detail = await fn();
    console.log(`  ok   ${name} (${ms(started)})${detail ? `: ${detail}` : ''}`);
  } catch (error) {
    failures.push(name);
    console.log(`  FAIL ${name} (${ms(started)})\n${indent(error instanceof Error ? error.message : String(error))}`);
  }
}

const ms = (since) => `${Math.round(performance.now() - since)} ms`;
const indent = (text) => text.trim().replace(/^/gm, '       ');
const entrySubpaths = Object.keys(pkg.exports).filter((key) => key !== './package.json');
const specifierOf = (subpath) => (subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`);

// ---- 1. the main entry is browser-safe ----

const allowedBare = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})]);
const nodeBuiltins = new Set(builtinModules);

/** Every module specifier of a built file (imports, re-exports, dynamic imports, require calls; not comments). */
function specifiersOf(code) {
  return new Set(ts.preProcessFile(code, true, true).importedFiles.map((file) => file.fileName));
}

function checkBrowserSafe(file, seen = new Set()) {
  if (seen.has(file)) return [];
  seen.add(file);
  const problems = [];
  for (const specifier of specifiersOf(readFileSync(file, 'utf8'))) {
    if (specifier.startsWith('.')) {
      problems.push(...checkBrowserSafe(resolve(dirname(file), specifier), seen));
      continue;
    }
    const bare = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
    if (specifier.startsWith('node:') || nodeBuiltins.has(bare)) problems.push(`${file}: imports the Node built-in "${specifier}"`);
    else if (!allowedBare.has(bare)) problems.push(`${file}: imports "${specifier}", which is not a dependency`);
  }
  return problems;
}

console.log(`Packaging checks for ${pkg.name}@${pkg.version} (entries: ${entrySubpaths.join(', ')})`);
const started = performance.now();
try {
  await step('main entry is browser-safe (dist/index.js, dist/index.cjs: no node: imports)', () => {
    const problems = ['index.js', 'index.cjs'].flatMap((file) => {
      const path = join(root, 'dist', file);
      if (!existsSync(path)) return [`${path} is missing: run \`npm run build\` first`];
      return checkBrowserSafe(path);
    });
    if (problems.length > 0) throw new Error(problems.join('\n'));
  });

  let tarball;
  await step('npm pack', async () => {
    const result = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { cwd: root });
    if (result.code !== 0) throw new Error(result.stderr || result.stdout);
    const [info] = JSON.parse(result.stdout.slice(result.stdout.indexOf('[')));
    tarball = join(tmp, info.filename);
    const unexpected = info.files.map((f) => f.path).filter((path) => !/^(dist\/|README\.md$|LICENSE|package\.json$)/.test(path));
    if (unexpected.length > 0) throw new Error(`unexpected files in the tarball: ${unexpected.join(', ')}`);
    return `${info.files.length} files, ${(info.size / 1024).toFixed(1)} kB packed, ${(info.unpackedSize / 1024).toFixed(1)} kB unpacked`;
  });
  if (!tarball) throw new Error('no tarball, nothing more to check');

  // ---- 2 and 3, in parallel: the linters run while the consumer project installs ----
  await Promise.all([
    step('publint --strict', async () => {
      const { messages } = await publint({ pack: { tarball: readFileSync(tarball).buffer }, strict: true, level: 'suggestion' });
      const lines = messages.map((m) => `${m.type}: ${formatMessage(m, pkg, { color: false }) ?? m.code}`);
      if (messages.some((m) => m.type !== 'suggestion')) throw new Error(lines.join('\n'));
      return lines.length === 0 ? 'no messages' : `suggestions only:\n${indent(lines.join('\n'))}`;
    }),
    step('attw (node16 CJS, node16 ESM, bundler)', async () => {
      const args = [attw, tarball, '--profile', 'node16', '--no-definitely-typed', '--format', 'table', '--no-color', '--no-emoji'];
      const result = await run(process.execPath, args, { cwd: tmp, env: { ...npmEnv, FORCE_COLOR: '0' } });
      if (result.code !== 0) throw new Error(result.stdout + result.stderr);
      const checked = entrySubpaths.map(specifierOf).filter((specifier) => result.stdout.includes(`"${specifier}"`));
      if (checked.length !== entrySubpaths.length) throw new Error(`attw did not check every entry:\n${result.stdout}`);
      return `no problems in ${checked.join(', ')}`;
    }),
    (async () => {
      await step('install the tarball and rxjs into a temporary consumer project', () => installConsumer(tarball));
      await Promise.all([
        step('ESM: import every entry, run a pipeline', () => runNode('esm.mjs')),
        step('CJS: require every entry, run a pipeline', () => runNode('cjs.cjs')),
        step('examples/node/stream-run.mjs against the installed package', () => runNode('stream-run.mjs')),
        step('TypeScript consumer, moduleResolution node16 (.mts + .cts)', () => typecheck('tsconfig.node16.json')),
        step('TypeScript consumer, moduleResolution bundler (+ examples/angular)', () => typecheck('tsconfig.bundler.json')),
      ]);
    })(),
  ]);
} catch (error) {
  failures.push(error instanceof Error ? error.message : String(error));
} finally {
  if (process.env.KEEP_TMP) console.log(`  (kept ${tmp})`);
  else rmSync(tmp, { recursive: true, force: true });
}

console.log(failures.length === 0 ? `Packaging checks passed in ${ms(started)}` : `Packaging checks FAILED: ${failures.join('; ')}`);
process.exitCode = failures.length === 0 ? 0 : 1;

// ---- the consumer project ----

async function installConsumer(tarball) {
  mkdirSync(join(consumer, 'types'), { recursive: true });
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', version: '0.0.0', private: true }, null, 2));
  // The rxjs the project itself tests against. npm takes it, and the tarball's dependencies, from its cache (filled
  // by `npm ci`): --offline first, and --prefer-offline (the registry for what the cache lacks) if that fails.
  const rxjsVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'rxjs', 'package.json'), 'utf8')).version;
  const args = ['install', tarball, `rxjs@${rxjsVersion}`, '--no-audit', '--no-fund', '--no-package-lock', '--ignore-scripts', '--loglevel=error'];
  let result = await run('npm', [...args, '--offline'], { cwd: consumer });
  if (result.code !== 0) result = await run('npm', [...args, '--prefer-offline'], { cwd: consumer });
  if (result.code !== 0) throw new Error(result.stderr || result.stdout);
  writeConsumerFiles();
  const installed = JSON.parse(readFileSync(join(consumer, 'node_modules', pkg.name, 'package.json'), 'utf8'));
  return `${installed.name}@${installed.version} + rxjs@${rxjsVersion}`;
}

async function runNode(file) {
  const result = await run(process.execPath, [file], { cwd: consumer });
  if (result.code !== 0) throw new Error(result.stderr || result.stdout);
  return result.stdout.trim().split('\n').at(-1);
}

async function typecheck(tsconfig) {
  const result = await run(process.execPath, [tsc, '-p', tsconfig], { cwd: consumer });
  if (result.code !== 0) throw new Error(result.stdout + result.stderr);
}

function writeConsumerFiles() {
  const write = (file, text) => writeFileSync(join(consumer, file), text.replace(/^\n/, ''));
  const answer = 'Bonjour ! Ça marche — über-fast ✓ 🚀';
  const entries = JSON.stringify(entrySubpaths.map(specifierOf));

  write('esm.mjs', `
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { lastValueFrom, toArray } from 'rxjs';
import { assistantEvents, untilRunTerminal, textDeltas, AssistantStreamError } from 'rx-assistant-stream';
import { toSSE, textRunEvents } from 'rx-assistant-stream/testing';

const answer = ${JSON.stringify(answer)};
const parts = await lastValueFrom(assistantEvents(toSSE(textRunEvents(answer))).pipe(untilRunTerminal(), textDeltas(), toArray()));
assert.ok(parts.length > 1, 'the answer streams in several fragments');
assert.equal(parts.join(''), answer);
assert.ok(new AssistantStreamError('invalid_json', 'x') instanceof Error);

// Every entry loads from ESM and from CJS, with the same named exports.
const require = createRequire(import.meta.url);
for (const specifier of ${entries}) {
  const esm = Object.keys(await import(specifier)).filter((k) => k !== 'default').sort();
  const cjs = Object.keys(require(specifier)).filter((k) => k !== 'default' && k !== '__esModule').sort();
  assert.ok(esm.length > 0, specifier + ' has exports');
  assert.deepEqual(esm, cjs, specifier + ': the ESM and CJS builds export the same names');
}
console.log('ESM ok: ' + parts.length + ' fragments, exports match CJS for ' + ${JSON.stringify(entrySubpaths.join(', '))});
`);

  write('cjs.cjs', `
const assert = require('node:assert/strict');
const { lastValueFrom, toArray } = require('rxjs');
const { assistantEvents, untilRunTerminal, textDeltas, accumulateMessageDeltas, AssistantStreamError } = require('rx-assistant-stream');
const { toSSE, textRunEvents } = require('rx-assistant-stream/testing');

(async () => {
  const answer = ${JSON.stringify(answer)};
  const transcript = toSSE(textRunEvents(answer));
  const text = (await lastValueFrom(assistantEvents(transcript).pipe(untilRunTerminal(), textDeltas(), toArray()))).join('');
  assert.equal(text, answer);
  const messages = await lastValueFrom(assistantEvents(Buffer.from(transcript)).pipe(accumulateMessageDeltas(), toArray()));
  assert.equal(messages.at(-1).content[0].text.value, answer);
  const error = await lastValueFrom(assistantEvents('event: thread.run.created\\ndata: {oops\\n\\n')).catch((e) => e);
  assert.ok(error instanceof AssistantStreamError, 'errors are AssistantStreamError instances');
  assert.equal(error.code, 'invalid_json');
  console.log('CJS ok: ' + messages.length + ' message snapshots, errors are AssistantStreamError');
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
`);

  cpSync(join(root, 'examples', 'node', 'stream-run.mjs'), join(consumer, 'stream-run.mjs'));

  const typeTests = `
import { lastValueFrom, toArray, map } from 'rxjs';
import {
  assistantEvents, ofEventType, untilRunTerminal, textDeltas, accumulateMessageDeltas,
  AssistantStreamError, type AssistantStreamEvent, type Message, type Run, type SseMessage,
} from 'rx-assistant-stream';
import { toSSE, textRunEvents, messageDelta } from 'rx-assistant-stream/testing';

const transcript: string = toSSE(textRunEvents('Hi there'));
const events = assistantEvents(transcript);
export const text: Promise<string> = lastValueFrom(events.pipe(untilRunTerminal(), textDeltas(), toArray(), map((parts) => parts.join(''))));
export const messages: Promise<Message[]> = lastValueFrom(events.pipe(accumulateMessageDeltas(), toArray()));
export const finalRun = events.pipe(ofEventType('thread.run.completed', 'thread.run.failed'), map((event) => event.data satisfies Run));
export const deltaText = messageDelta('msg_1', 'x').data.delta.content?.[0];
export const all: AssistantStreamEvent[] = [];
export const message: SseMessage = { event: 'thread.run.created', data: '{}' };
export const code: string = new AssistantStreamError('aborted', 'stopped').code;
// @ts-expect-error a misspelt event name does not compile
export const typo = events.pipe(ofEventType('thread.run.complete'));
`;
  write('types/esm.mts', typeTests);
  write('types/cjs.cts', typeTests);
  write('types/bundler.ts', typeTests);

  const common = { strict: true, noEmit: true, types: [], lib: ['ES2022', 'DOM', 'DOM.Iterable'], target: 'ES2022' };
  // node16 checks how both flavours of declarations resolve and type the consumer's code. The bundler run also
  // checks the package's declarations themselves (skipLibCheck off: a type that needs @types/node fails there);
  // once is enough, and checking rxjs, io-ts and fp-ts twice would double the time.
  write('tsconfig.node16.json', JSON.stringify({
    compilerOptions: { ...common, module: 'node16', moduleResolution: 'node16', skipLibCheck: true },
    files: ['types/esm.mts', 'types/cjs.cts'],
  }, null, 2));
  // examples/angular is type-checked here, against the installed package; Angular itself is replaced by the small
  // structural stand-in in examples/angular/angular-shim.d.ts (Angular is not a dependency of this project).
  cpSync(join(root, 'examples', 'angular'), join(consumer, 'angular'), { recursive: true });
  write('tsconfig.bundler.json', JSON.stringify({
    compilerOptions: { ...common, module: 'esnext', moduleResolution: 'bundler', skipLibCheck: false, skipDefaultLibCheck: true, experimentalDecorators: true },
    include: ['types/bundler.ts', 'angular/**/*.ts'],
  }, null, 2));
}
