// Bundle size of the main entry as an application gets it: dist/index.js with its dependencies (io-ts, fp-ts,
// eventsource-parser) resolved and tree-shaken, rxjs left out (a peer dependency), minified with terser, then
// gzipped (level 9) and brotli-compressed. Also the share of each part (library code alone, with each dependency).
// Run: node bench/size.mjs [--json]   (after `npm run build`)
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';

import { distFile } from './lib/dist.mjs';

const entry = distFile('index.js');

async function bundle(external) {
  const build = await rollup({
    input: entry,
    external: (id) => external.some((name) => id === name || id.startsWith(`${name}/`)),
    plugins: [nodeResolve({ browser: true }), terser({ format: { comments: false } })],
    onwarn: () => {},
  });
  const { output } = await build.generate({ format: 'es' });
  await build.close();
  const code = output.filter((o) => o.type === 'chunk').map((o) => o.code).join('\n');
  return {
    minified: Buffer.byteLength(code),
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

export async function measureSize() {
  const full = await bundle(['rxjs']);
  const libraryOnly = await bundle(['rxjs', 'io-ts', 'fp-ts', 'eventsource-parser']);
  const withoutIoTs = await bundle(['rxjs', 'io-ts', 'fp-ts']);
  const withoutParser = await bundle(['rxjs', 'eventsource-parser']);
  return {
    entry: 'dist/index.js (rxjs external)',
    ...full,
    parts: {
      'rx-assistant-stream code': libraryOnly.gzip,
      'io-ts + fp-ts': full.gzip - withoutIoTs.gzip,
      'eventsource-parser': full.gzip - withoutParser.gzip,
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await measureSize();
  if (process.argv.includes('--json')) console.log(JSON.stringify(result));
  else {
    const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
    console.log(`main entry, rxjs external: ${kb(result.minified)} minified, ${kb(result.gzip)} gzip, ${kb(result.brotli)} brotli`);
    for (const [part, size] of Object.entries(result.parts)) console.log(`  ${part}: ~${kb(size)} gzip`);
  }
}
