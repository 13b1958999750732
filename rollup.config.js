// Builds ESM (.js), CommonJS (.cjs) and bundled declarations (.d.ts, .d.cts) for every entry point.
import typescript from '@rollup/plugin-typescript';
import { dts } from 'rollup-plugin-dts';
import { readFileSync, existsSync, rmSync } from 'node:fs';

// Start from an empty dist/: files of an earlier build (old hashed chunks, a removed entry) would otherwise ship in the tarball.
rmSync(new URL('./dist/', import.meta.url), { recursive: true, force: true });

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const dependencies = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
const external = (id) => id.startsWith('node:') || dependencies.some((dep) => id === dep || id.startsWith(`${dep}/`));

// Library entries; the CLI is Node-only and ESM-only.
const candidates = { index: 'src/index.ts', testing: 'src/testing/index.ts', node: 'src/node.ts' };
const input = Object.fromEntries(Object.entries(candidates).filter(([, file]) => existsSync(file)));
const ts = () => typescript({ tsconfig: './tsconfig.json', compilerOptions: { noEmit: false, declaration: false, sourceMap: true }, include: ['src/**/*.ts'] });

export default [
  {
    input,
    external,
    plugins: [ts()],
    output: [
      { dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', sourcemap: true },
      { dir: 'dist', format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs', sourcemap: true },
    ],
  },
  {
    input,
    external,
    plugins: [dts({ tsconfig: './tsconfig.json', compilerOptions: { noEmit: false } })],
    output: [
      { dir: 'dist', format: 'es', entryFileNames: '[name].d.ts', chunkFileNames: 'chunks/[name]-[hash].d.ts' },
      { dir: 'dist', format: 'es', entryFileNames: '[name].d.cts', chunkFileNames: 'chunks/[name]-[hash].d.cts' },
    ],
  },
  ...(existsSync('src/cli/main.ts')
    ? [{ input: 'src/cli/main.ts', external, plugins: [ts()], output: { file: 'dist/cli.js', format: 'es', banner: '#!/usr/bin/env node', sourcemap: true } }]
    : []),
];
