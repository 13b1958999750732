#!/usr/bin/env node
// `npm run test:readme` (part of `npm test`, after the build): README.md's code is tested code.
//
//   1. every ```ts / ```js block is type-checked, strict, against the built package (imports of
//      `rx-assistant-stream` and its subpaths resolve through package.json "exports" to dist/), with the real rxjs,
//      @angular/*, @types/node and @types/jest; `@azure/identity`, which is not a dependency of this project, is a
//      local stand-in with the `TokenCredential` shape;
//   2. the jest blocks (the marble test) run under jest;
//   3. the Node blocks run, compiled, under Node, against the package's mock server (`startMockServer` from
//      dist/node.js, tools scenario): `ASSISTANTS_BASE_URL` is its OpenAI-style base URL, `AZURE_AI_PROJECT_ENDPOINT`
//      its Azure project endpoint, and `run.sse` in the working directory a recording of a run. Each must exit 0
//      with nothing on stderr, print something, and the ones that call a server must have called it;
//   4. Angular blocks and the page script (a block that uses `document`) run in Chromium, in the browser test
//      (scripts/browser-test.mjs); a block that cannot run at all carries `// not run: <reason>`.
import { execFile } from 'node:child_process';
import { writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { readmeBlocks, blockProblems, createConsumerDir, root } from './readme-blocks.mjs';
import { startMockServer } from '../dist/node.js';
import { toSSE, textRunEvents } from '../dist/testing.js';

const started = performance.now();
const ms = (since) => `${Math.round(performance.now() - since)} ms`;
const failures = [];
const blocks = readmeBlocks();
const where = (block) => `README.md:${block.line} (${block.kind})`;

function run(command, args, options = {}) {
  return new Promise((resolve) => {
    execFile(command, args, { maxBuffer: 16 * 1024 * 1024, timeout: 60_000, ...options }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr, signal: error?.signal }),
    );
  });
}

async function step(name, fn) {
  const t = performance.now();
  try {
    const detail = await fn();
    console.log(`  ok   ${name} (${ms(t)})${detail ? `: ${detail}` : ''}`);
  } catch (error) {
    failures.push(name);
    console.log(
      `  FAIL ${name} (${ms(t)})\n${String(error instanceof Error ? error.message : error)
        .trim()
        .replace(/^/gm, '       ')}`,
    );
  }
}

const kinds = [...new Set(blocks.map((block) => block.kind))];
console.log(
  `README blocks: ${blocks.length} (${kinds.map((kind) => `${blocks.filter((block) => block.kind === kind).length} ${kind}`).join(', ')})`,
);
const dir = createConsumerDir('readme-');
let mock;
try {
  await step('the harness itself: it classifies blocks and rejects a `not run` without a reason', () => {
    const sample = [
      '```ts\n// not run:\nx;\n```',
      '```js\nconsole.log(1);\n```',
      "```ts\nimport { Component } from '@angular/core';\n```",
      "```ts\ndescribe('x', () => {});\n```",
      '```ts\n// not run: needs a page\n```',
    ].join('\n\n');
    const sampleBlocks = readmeBlocks(sample);
    const kindsSeen = sampleBlocks.map((block) => block.kind).join(',');
    if (kindsSeen !== 'not-run,node,angular,jest,not-run') throw new Error(`kinds: ${kindsSeen}`);
    const problems = blockProblems(sampleBlocks);
    if (problems.length !== 2 || !/needs a reason/.test(problems[0]) || !/write README code as/.test(problems[1])) {
      throw new Error(`problems: ${problems.join('; ')}`);
    }
  });

  await step('every block runs, or says why not', () => {
    const problems = blockProblems(blocks);
    if (problems.length > 0) throw new Error(problems.join('\n'));
    return blocks
      .filter((block) => block.kind === 'not-run')
      .map((block) => `${block.line}: ${block.reason}`)
      .join('; ');
  });

  // jest blocks run as CommonJS (ts-jest), in a folder of their own; the rest is ESM.
  mkdirSync(join(dir, 'jest'));
  writeFileSync(join(dir, 'jest', 'package.json'), JSON.stringify({ type: 'commonjs' }));
  for (const block of blocks) {
    if (block.kind === 'jest') block.file = `jest/${block.file}`;
    writeFileSync(join(dir, block.file), block.code);
  }
  writeFileSync(join(dir, 'run.sse'), toSSE(textRunEvents('A recorded answer, read back from a file.')));
  writeAzureIdentityStandIn(dir);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify(
      {
        compilerOptions: {
          strict: true,
          target: 'ES2022',
          module: 'esnext',
          moduleResolution: 'bundler',
          lib: ['ES2022', 'DOM', 'DOM.Iterable'],
          types: ['node', 'jest'],
          skipLibCheck: true,
          outDir: 'out',
          rootDir: '.',
          noEmitOnError: false,
          declaration: false,
        },
        files: blocks.map((block) => block.file),
      },
      null,
      2,
    ),
  );

  await step('type-check every block against the built package (tsc, strict)', async () => {
    const result = await run(
      process.execPath,
      [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', '--pretty', 'false'],
      { cwd: dir },
    );
    if (result.code !== 0) throw new Error(mapToReadme(result.stdout + result.stderr));
    return `${blocks.length} blocks`;
  });

  const jestBlocks = blocks.filter((block) => block.kind === 'jest');
  if (jestBlocks.length > 0) {
    await step(`jest: ${jestBlocks.map(where).join(', ')}`, async () => {
      const config = {
        rootDir: dir,
        roots: ['<rootDir>'],
        testMatch: jestBlocks.map((block) => `<rootDir>/${block.file}`),
        testEnvironment: 'node',
        transform: {
          '^.+\\.ts$': [
            join(root, 'node_modules', 'ts-jest', 'dist', 'index.js'),
            {
              diagnostics: false, // the blocks are type-checked by tsc above
              tsconfig: { module: 'commonjs', target: 'ES2022', esModuleInterop: true, isolatedModules: true },
            },
          ],
        },
        cache: false,
      };
      writeFileSync(join(dir, 'jest.config.json'), JSON.stringify(config));
      const result = await run(
        process.execPath,
        [join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--config', join(dir, 'jest.config.json'), '--ci'],
        { cwd: dir },
      );
      const summary = /Tests:.*$/m.exec(result.stderr)?.[0] ?? '';
      if (result.code !== 0) throw new Error(result.stderr + result.stdout);
      return summary;
    });
  }

  const nodeBlocks = blocks.filter((block) => block.kind === 'node');
  mock = await startMockServer({ scenario: 'tools', chunkSize: 13 });
  const env = {
    ...process.env,
    ASSISTANTS_BASE_URL: mock.baseURL,
    AZURE_AI_PROJECT_ENDPOINT: `${mock.url}/api/projects/readme`,
    OPENAI_API_KEY: 'sk-readme-test',
  };
  for (const block of nodeBlocks) {
    await step(`run ${where(block)} against the mock server`, async () => {
      // The tools scenario (get_weather, Paris) for a block that answers tool calls, a text run for the others.
      mock.configure({ scenario: /runWithTools\(/.test(block.code) ? 'tools' : 'text' });
      const before = mock.requests.length;
      const js = join(dir, 'out', block.file.replace(/\.ts$/, '.js')); // .mjs blocks keep their name
      const result = await run(process.execPath, [js], { cwd: dir, env, timeout: 30_000 });
      const calls = mock.requests.length - before;
      if (result.signal) throw new Error(`killed by ${result.signal} (a hang?)\n${result.stdout}${result.stderr}`);
      if (result.code !== 0 || result.stderr.trim() !== '')
        throw new Error(`exit ${result.code}\n${result.stdout}${result.stderr}`);
      if (result.stdout.trim() === '') throw new Error('printed nothing: a README program shows what it did');
      const usesServer = /ASSISTANTS_BASE_URL|AZURE_AI_PROJECT_ENDPOINT/.test(block.code);
      if (usesServer && calls === 0) throw new Error('it reads a server URL but sent no request to the mock server');
      const lastLine = result.stdout.trim().split('\n').at(-1);
      return `${calls} request(s) to the mock server; last line: ${lastLine.length > 80 ? `${lastLine.slice(0, 80)}…` : lastLine}`;
    });
  }
} finally {
  await mock?.close();
  if (process.env.KEEP_TMP) console.log(`  (kept ${dir})`);
  else rmSync(dir, { recursive: true, force: true });
}

console.log(failures.length === 0 ? `README tests passed in ${ms(started)}` : `README tests FAILED: ${failures.join('; ')}`);
process.exitCode = failures.length === 0 ? 0 : 1;

/** tsc's `block-NN-line-L.ts(l,c)` locations, as README.md lines. */
function mapToReadme(output) {
  return output.replace(/^(\S+?)\((\d+),(\d+)\)/gm, (whole, file, line, column) => {
    const block = blocks.find((b) => b.file === file);
    return block ? `README.md:${block.line + Number(line) - 1}:${column}` : whole;
  });
}

/** The stand-in for `@azure/identity` (not a dependency here): a DefaultAzureCredential that hands out a token. */
function writeAzureIdentityStandIn(consumerDir) {
  const pkgDir = join(consumerDir, 'node_modules', '@azure', 'identity');
  rmSync(join(consumerDir, 'node_modules', '@azure'), { recursive: true, force: true });
  mkdirSync(pkgDir, { recursive: true });
  writeFileSync(
    join(pkgDir, 'package.json'),
    JSON.stringify({ name: '@azure/identity', version: '0.0.0-stand-in', type: 'module', main: 'index.js', types: 'index.d.ts' }),
  );
  writeFileSync(
    join(pkgDir, 'index.d.ts'),
    'export interface AccessToken { token: string; expiresOnTimestamp: number }\n' +
      'export interface TokenCredential { getToken(scopes: string | string[], options?: object): Promise<AccessToken | null> }\n' +
      'export declare class DefaultAzureCredential implements TokenCredential { constructor(options?: object); getToken(scopes: string | string[]): Promise<AccessToken> }\n',
  );
  writeFileSync(
    join(pkgDir, 'index.js'),
    'export class DefaultAzureCredential {\n  async getToken() {\n    return { token: "readme-test-token", expiresOnTimestamp: Date.now() + 3600_000 };\n  }\n}\n',
  );
}
