#!/usr/bin/env node
// Builds an Angular app as a real Angular project would ship it: AOT with ngc (@angular/compiler-cli), then one
// browser ESM bundle with rollup, Angular's partially compiled packages linked by its Babel linker plugin (no JIT
// compiler in the page), `rx-assistant-stream` taken from the built dist/index.js.
//
//   node scripts/angular-build.mjs <project dir with tsconfig.json and index.html> <out dir>
//
// Angular 22's compiler needs Node ^22.22.3 || ^24.15: `buildAngularApp` (for scripts on older Node) runs this file
// under the `node-22` dev dependency (node_modules/node-22/bin/node) when the current Node is older.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { packagePlugin } from './readme-blocks.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

/** A Node that runs Angular 22's tooling: this one when recent enough, else the node-22 dev dependency. */
export function angularNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  const recent = (major === 22 && minor >= 22) || (major === 24 && minor >= 15) || major >= 26;
  return recent ? process.execPath : join(root, 'node_modules', 'node-22', 'bin', 'node');
}

/**
 * Builds `projectDir` into `outDir` (index.html + main.js) in a child process on {@link angularNode}.
 * @returns {Promise<string>} the child's one-line summary
 */
export function buildAngularApp(projectDir, outDir) {
  return new Promise((resolvePromise, reject) => {
    execFile(
      angularNode(),
      [fileURLToPath(import.meta.url), projectDir, outDir],
      { maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`Angular build of ${projectDir} failed:\n${stdout}${stderr}`));
        else resolvePromise(stdout.trim());
      },
    );
  });
}

async function build(projectDir, outDir) {
  const started = performance.now();
  // ngc's output lives under node_modules/.cache so that its imports resolve from the project's node_modules.
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const compiled = mkdtempSync(join(cache, 'rx-assistant-stream-ngc-'));
  try {
    // 1. AOT: ngc with the project's own tsconfig.json (strict templates), into a temporary directory.
    const ngc = join(root, 'node_modules', '@angular', 'compiler-cli', 'bundles', 'src', 'bin', 'ngc.js');
    await new Promise((resolvePromise, reject) => {
      execFile(process.execPath, [ngc, '-p', join(projectDir, 'tsconfig.json'), '--outDir', compiled], (error, stdout, stderr) =>
        error ? reject(new Error(`ngc: ${stdout}${stderr}`)) : resolvePromise(),
      );
    });

    // 2. Bundle with rollup; link Angular's partial declarations with the Babel that @angular/compiler-cli ships.
    const { rollup } = await import('rollup');
    const { nodeResolve } = await import('@rollup/plugin-node-resolve');
    const fromCompilerCli = createRequire(require.resolve('@angular/compiler-cli/package.json'));
    const babel = await import(pathToFileURL(fromCompilerCli.resolve('@babel/core')).href);
    const { default: linkerPlugin } = await import('@angular/compiler-cli/linker/babel');
    const bundle = await rollup({
      input: join(compiled, 'main.js'),
      plugins: [
        packagePlugin(),
        nodeResolve({ browser: true, exportConditions: ['browser', 'es2015', 'import', 'default'], preferBuiltins: false }),
        {
          name: 'angular-linker',
          async transform(code, id) {
            if (!id.includes(`${join('node_modules', '@angular')}`) || !code.includes('ɵɵngDeclare')) return null;
            const result = await babel.transformAsync(code, {
              filename: id,
              plugins: [linkerPlugin],
              babelrc: false,
              configFile: false,
              compact: false,
              sourceMaps: false,
            });
            return { code: result.code, map: null };
          },
        },
      ],
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
    copyFileSync(join(projectDir, 'index.html'), join(outDir, 'index.html'));
    return `ngc (AOT, strict templates) + rollup with the Angular linker: ${Math.round(performance.now() - started)} ms on Node ${process.version}`;
  } finally {
    rmSync(compiled, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [projectDir, outDir] = process.argv.slice(2);
  if (!projectDir || !outDir) {
    console.error('usage: node scripts/angular-build.mjs <project dir> <out dir>');
    process.exit(2);
  }
  build(resolve(projectDir), resolve(outDir)).then(
    (summary) => console.log(summary),
    (error) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
