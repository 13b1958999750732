// Builds the CLI bin the way `npm run build` does (the CLI entry of rollup.config.js: input, externals, ESM format,
// the `#!/usr/bin/env node` banner), but with a transpile-only TypeScript step instead of @rollup/plugin-typescript,
// into a temporary package directory: fast (a second or two), and independent of the state of dist/.
// Type-checking is `npm run typecheck`'s job. Usage: node spec/cli/build-bin.mjs <out-dir>  (run from the repo root)
import { copyFileSync, existsSync, mkdirSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { rollup } from 'rollup';
import ts from 'typescript';
import configs from '../../rollup.config.js';

const out = resolve(process.argv[2] ?? 'missing-out-dir');
const cli = configs.find((config) => config.input === 'src/cli/main.ts');
if (!cli) throw new Error('rollup.config.js has no src/cli/main.ts entry');

const transpile = {
  name: 'transpile-only',
  resolveId(source, importer) {
    if (!importer || !source.startsWith('.')) return null;
    const base = resolve(dirname(importer), source);
    for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    }
    return null;
  },
  transform(code, id) {
    if (!id.endsWith('.ts')) return null;
    const { outputText } = ts.transpileModule(code, {
      fileName: id,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, isolatedModules: true, sourceMap: false },
    });
    return { code: outputText, map: null };
  },
};

mkdirSync(join(out, 'dist'), { recursive: true });
const bundle = await rollup({ input: cli.input, external: cli.external, plugins: [transpile], onwarn: () => {} });
await bundle.write({ ...cli.output, file: join(out, 'dist/cli.js'), sourcemap: false });
await bundle.close();
copyFileSync('package.json', join(out, 'package.json'));
if (!existsSync(join(out, 'node_modules'))) symlinkSync(resolve('node_modules'), join(out, 'node_modules'), 'dir');
console.log(join(out, 'dist/cli.js'));
