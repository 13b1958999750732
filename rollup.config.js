// Builds ESM (.js), CommonJS (.cjs) and bundled declarations (.d.ts, .d.cts) for every entry point.
import typescript from '@rollup/plugin-typescript';
import { dts } from 'rollup-plugin-dts';
import { readFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const dependencies = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
const external = (id) => id.startsWith('node:') || dependencies.some((dep) => id === dep || id.startsWith(`${dep}/`));

// Library entries; the CLI is Node-only and ESM-only.
const candidates = {
  index: 'src/index.ts',
  schema: 'src/entries/schema.ts',
  angular: 'src/entries/angular.ts',
  openai: 'src/entries/openai.ts',
  testing: 'src/testing/index.ts',
  node: 'src/node.ts',
};
const input = Object.fromEntries(Object.entries(candidates).filter(([, file]) => existsSync(file)));
const ts = () =>
  typescript({
    tsconfig: './tsconfig.json',
    compilerOptions: { noEmit: false, declaration: false, sourceMap: true },
    include: ['src/**/*.ts'],
  });

// Files of an earlier build (chunks under an old hash, a removed entry) would otherwise stay in dist/ and ship in the
// tarball. Once every config below has written its files, pruneDist() deletes what this build did not write. (Not a
// wipe of dist/ up front: files are overwritten in place, so dist/ is never half-empty for a process reading it.)
const written = new Set();
let pending = 0;
function pruneDist() {
  pending += 1;
  return {
    name: 'prune-dist',
    generateBundle(options, bundle) {
      const dir = options.dir ?? dirname(options.file);
      for (const fileName of Object.keys(bundle)) written.add(join(dir, fileName));
    },
    closeBundle() {
      pending -= 1;
      if (pending > 0) return;
      const stale = readdirSync('dist', { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => relative('.', join(entry.parentPath ?? entry.path, entry.name)))
        .filter((file) => !written.has(file));
      for (const file of stale) rmSync(file);
    },
  };
}

// The bundled declarations re-export a codec's interface and its `declare const` under one name, so a name the entry
// exports as a type only (`Run` from the main entry: its codec is in /schema) would read as a value too, and
// `Run.is(x)` would compile and then fail at run time. The JS build records what each entry exports at run time;
// the declaration build re-exports every other name with `export type`.
const runtimeExports = new Map();
function recordRuntimeExports() {
  return {
    name: 'record-runtime-exports',
    generateBundle(options, bundle) {
      if (options.format !== 'es') return;
      for (const chunk of Object.values(bundle))
        if (chunk.type === 'chunk' && chunk.isEntry) runtimeExports.set(chunk.name, new Set(chunk.exports));
    },
  };
}
function typeOnlyExports() {
  return {
    name: 'type-only-exports',
    renderChunk(code, chunk) {
      const runtime = chunk.isEntry ? runtimeExports.get(chunk.name) : undefined;
      if (!runtime) return null;
      const rewritten = code.replace(/^export \{([^}]*)\}( from '[^']+')?;$/gm, (statement, list, from = '') => {
        const specifiers = list
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const exported = (specifier) => specifier.split(/\s+as\s+/).pop();
        const values = specifiers.filter((s) => runtime.has(exported(s)));
        const types = specifiers.filter((s) => !runtime.has(exported(s)));
        if (types.length === 0) return statement;
        const line = (keyword, names) => (names.length ? [`${keyword} { ${names.join(', ')} }${from};`] : []);
        return [...line('export', values), ...line('export type', types)].join('\n');
      });
      return { code: rewritten, map: null };
    },
  };
}

export default [
  {
    input,
    external,
    plugins: [ts(), recordRuntimeExports(), pruneDist()],
    output: [
      { dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', sourcemap: true },
      { dir: 'dist', format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs', sourcemap: true },
    ],
  },
  {
    input,
    external,
    plugins: [dts({ tsconfig: './tsconfig.json', compilerOptions: { noEmit: false } }), typeOnlyExports(), pruneDist()],
    output: [
      { dir: 'dist', format: 'es', entryFileNames: '[name].d.ts', chunkFileNames: 'chunks/[name]-[hash].d.ts' },
      { dir: 'dist', format: 'es', entryFileNames: '[name].d.cts', chunkFileNames: 'chunks/[name]-[hash].d.cts' },
    ],
  },
  ...(existsSync('src/cli/main.ts')
    ? [
        {
          input: 'src/cli/main.ts',
          external,
          plugins: [ts(), pruneDist()],
          output: { file: 'dist/cli.js', format: 'es', banner: '#!/usr/bin/env node', sourcemap: true },
        },
      ]
    : []),
];
