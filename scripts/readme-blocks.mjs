// The code blocks of README.md (```ts, ```typescript, ```js), for the README tests: scripts/readme-test.mjs
// type-checks every block against the built package and runs the runnable ones; scripts/browser-test.mjs mounts the
// Angular component in Chromium.
//
// What a block is, from its code:
//   - `// not run: <reason>` anywhere in it: type-checked only, and the reason is required (the harness fails on
//     an empty one);
//   - a jest test (`describe(` / `it(`): run by jest;
//   - imports from `@angular/`: compiled AOT with the other Angular blocks into one app, the last component
//     mounted in Chromium by the browser test;
//   - uses `document`: a page script, bundled and run in Chromium by the browser test (`#answer`, `#stop` in the
//     page, `/api/runs` a backend that starts a run on the mock server);
//   - anything else: a Node program, run against the package's mock server (`ASSISTANTS_BASE_URL`,
//     `AZURE_AI_PROJECT_ENDPOINT`), a recorded `run.sse` in its working directory.
// A first line `// file: <name>` names the block's file (so that Angular blocks can import each other).
import { readFileSync, writeFileSync, mkdirSync, readdirSync, symlinkSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * @typedef {{ index: number, line: number, lang: string, code: string, kind: 'jest' | 'angular' | 'node' | 'not-run', reason?: string, file: string }} ReadmeBlock
 */

/** Every TS/JS block of README.md, classified. @returns {ReadmeBlock[]} */
export function readmeBlocks(readme = readFileSync(join(root, 'README.md'), 'utf8')) {
  const blocks = [];
  const fence = /^```(ts|typescript|js|javascript)[ \t]*\n([\s\S]*?)^```[ \t]*$/gm;
  for (const match of readme.matchAll(fence)) {
    const code = match[2];
    const line = readme.slice(0, match.index).split('\n').length + 1;
    const index = blocks.length;
    const ext = match[1].startsWith('j') ? 'mjs' : 'ts';
    const named = /^\/\/ file: (\S+)\s*$/m.exec(code.split('\n')[0] ?? '');
    const notRun = /\/\/ not run:(.*)$/m.exec(code);
    const kind = notRun
      ? 'not-run'
      : /^\s*(describe|it|test)\(/m.test(code)
        ? 'jest'
        : /from '@angular\//.test(code)
          ? 'angular'
          : /\bdocument\./.test(code)
            ? 'browser'
            : 'node';
    const file = named?.[1] ?? `block-${String(index + 1).padStart(2, '0')}-line-${line}${kind === 'jest' ? '.spec' : ''}.${ext}`;
    blocks.push({ index, line, lang: match[1], code, kind, file, ...(notRun ? { reason: notRun[1].trim() } : {}) });
  }
  return blocks;
}

/** The problems a README must not have: a `not run` without its reason, a JS block, two page scripts, two blocks with one file name. */
export function blockProblems(blocks) {
  const problems = [];
  for (const block of blocks) {
    if (block.kind === 'not-run' && !block.reason) problems.push(`README.md:${block.line}: "// not run:" needs a reason`);
    if (block.file.endsWith('.mjs'))
      problems.push(
        `README.md:${block.line}: a \`\`\`${block.lang} block: write README code as \`\`\`ts, which the harness type-checks`,
      );
  }
  const pages = blocks.filter((block) => block.kind === 'browser');
  if (pages.length > 1)
    problems.push(`README.md:${pages[1].line}: the browser test runs one page script; mark the others "// not run: <reason>"`);
  const names = blocks.map((block) => block.file);
  for (const name of new Set(names))
    if (names.filter((n) => n === name).length > 1) problems.push(`two README blocks are named ${name}`);
  return problems;
}

/**
 * A consumer project in the OS temp directory (not under a node_modules: TypeScript would not emit its files): its
 * node_modules links every package of this project's node_modules and `rx-assistant-stream` itself (resolved through
 * package.json "exports" to the built dist/, as an installed package is).
 */
export function createConsumerDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), `rx-assistant-stream-${prefix}`));
  const modules = join(dir, 'node_modules');
  mkdirSync(modules);
  for (const name of readdirSync(join(root, 'node_modules'))) {
    if (name.startsWith('.') || name === 'rx-assistant-stream') continue;
    symlinkSync(join(root, 'node_modules', name), join(modules, name));
  }
  symlinkSync(root, join(modules, 'rx-assistant-stream'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'readme-consumer', private: true, type: 'module' }, null, 2));
  return dir;
}

/**
 * Writes the README's Angular blocks as an Angular project in `dir` (for scripts/angular-build.mjs): the blocks,
 * a main.ts that bootstraps every component zoneless (with `provideHttpClient(withFetch())`), index.html with their
 * selectors, and a tsconfig.json.
 * @returns {{ selector: string, component: string }[]}
 */
export function writeAngularProject(dir, blocks = readmeBlocks()) {
  const angular = blocks.filter((block) => block.kind === 'angular');
  if (angular.length === 0) throw new Error('README.md has no Angular block to mount');
  for (const block of angular) writeFileSync(join(dir, block.file), block.code);
  const components = angular
    .filter((block) => /@Component\(/.test(block.code))
    .map((block) => {
      const selector = /selector:\s*'([^']+)'/.exec(block.code)?.[1];
      const component = /export class (\w+)/.exec(block.code.slice(block.code.indexOf('@Component(')))?.[1];
      if (!selector || !component)
        throw new Error(`README.md:${block.line}: the component needs a selector and an exported class`);
      return { selector, component, module: `./${block.file.replace(/\.ts$/, '')}` };
    });
  if (components.length === 0) throw new Error('no README Angular block declares a @Component');
  writeFileSync(
    join(dir, 'main.ts'),
    `import { bootstrapApplication } from '@angular/platform-browser';\n` +
      `import { provideZonelessChangeDetection } from '@angular/core';\n` +
      `import { provideHttpClient, withFetch } from '@angular/common/http';\n` +
      components.map(({ component, module }) => `import { ${component} } from '${module}';\n`).join('') +
      `\nconst providers = [provideZonelessChangeDetection(), provideHttpClient(withFetch())];\n` +
      components
        .map(
          ({ component }) =>
            `bootstrapApplication(${component}, { providers }).catch((error: unknown) => console.error(error));\n`,
        )
        .join(''),
  );
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html>\n<html lang="en">\n  <head><meta charset="utf-8" /><title>README Angular blocks</title></head>\n  <body>\n` +
      components.map(({ selector }) => `    <${selector}></${selector}>\n`).join('') +
      `    <script type="module" src="main.js"></script>\n  </body>\n</html>\n`,
  );
  const tsconfig = JSON.parse(readFileSync(join(root, 'examples', 'angular', 'tsconfig.json'), 'utf8'));
  // Every entry, as package.json "exports" has it (import condition's types).
  const { name, exports } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  tsconfig.compilerOptions.paths = Object.fromEntries(
    Object.entries(exports)
      .filter(([, target]) => target?.import?.types)
      .map(([subpath, target]) => [subpath === '.' ? name : `${name}/${subpath.slice(2)}`, [join(root, target.import.types)]]),
  );
  delete tsconfig.compilerOptions.outDir;
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  return components.map(({ selector, component }) => ({ selector, component }));
}

/**
 * A rollup plugin resolving `rx-assistant-stream` and its subpaths to the built files that package.json "exports"
 * names (import condition), as a bundler does for an installed package.
 */
export function packagePlugin() {
  const { name, exports } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return {
    name: 'rx-assistant-stream-package',
    resolveId(id) {
      const subpath = id === name ? '.' : id.startsWith(`${name}/`) ? `.${id.slice(name.length)}` : null;
      const target = subpath && exports[subpath]?.import?.default;
      return target ? join(root, target) : null;
    },
  };
}

/**
 * Bundles the README's page script (the `browser` block) for Chromium into `outDir`: index.html (with `#answer`
 * and `#stop`) and main.js (the block, transpiled, with the package and rxjs).
 */
export async function writeBrowserPage(outDir, blocks = readmeBlocks()) {
  const block = blocks.find((b) => b.kind === 'browser');
  if (!block) throw new Error('README.md has no browser block');
  const { default: ts } = await import('typescript');
  const { rollup } = await import('rollup');
  const { nodeResolve } = await import('@rollup/plugin-node-resolve');
  const js = ts.transpileModule(block.code, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  mkdirSync(outDir, { recursive: true });
  const entry = join(outDir, 'block.js');
  writeFileSync(entry, js);
  const bundle = await rollup({
    input: entry,
    plugins: [packagePlugin(), nodeResolve({ browser: true, rootDir: root, modulePaths: [join(root, 'node_modules')] })],
    onwarn(warning, warn) {
      if (warning.code === 'UNRESOLVED_IMPORT') throw new Error(warning.message);
      if (warning.code !== 'THIS_IS_UNDEFINED' && warning.code !== 'CIRCULAR_DEPENDENCY') warn(warning);
    },
  });
  try {
    await bundle.write({ file: join(outDir, 'main.js'), format: 'es', inlineDynamicImports: true });
  } finally {
    await bundle.close();
  }
  writeFileSync(
    join(outDir, 'index.html'),
    '<!doctype html>\n<html lang="en">\n  <head><meta charset="utf-8" /><title>README browser block</title></head>\n' +
      '  <body><p id="answer"></p><button id="stop">Stop</button><script type="module" src="main.js"></script></body>\n</html>\n',
  );
  return block;
}
