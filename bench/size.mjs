// Bundle sizes as an application gets them: an entry importing from dist/index.js, with its dependencies (io-ts,
// fp-ts, eventsource-parser) resolved and tree-shaken, rxjs left out (a peer dependency), minified with terser, then
// gzipped (level 9) and brotli-compressed. Two entries: a typical import (`assistantEvents`, `untilRunTerminal`,
// `textDeltas`, what tree-shaking keeps of them) and the whole main entry; and the share of each part of the whole one
// (library code alone, with each dependency). Library code alone is also measured for the typical import: it is the
// least either bundle could weigh with every dependency made free.
// Run: node bench/size.mjs [--json]   (after `npm run build`)
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';

import { distFile } from './lib/dist.mjs';

const main = distFile('index.js');
/** The typical import, as a virtual entry module (`\0` marks it for rollup as no file). */
export const TYPICAL = ['assistantEvents', 'untilRunTerminal', 'textDeltas'];
const TYPICAL_ID = '\0typical-import';
const typicalEntry = {
  name: 'typical-import',
  resolveId: (id) => (id === TYPICAL_ID ? id : null),
  load: (id) => (id === TYPICAL_ID ? `export { ${TYPICAL.join(', ')} } from ${JSON.stringify(main)};` : null),
};

async function bundle(external, input = main) {
  const build = await rollup({
    input,
    external: (id) => external.some((name) => id === name || id.startsWith(`${name}/`)),
    plugins: [typicalEntry, nodeResolve({ browser: true }), terser({ format: { comments: false } })],
    onwarn: () => {},
  });
  const { output } = await build.generate({ format: 'es' });
  await build.close();
  const code = output
    .filter((o) => o.type === 'chunk')
    .map((o) => o.code)
    .join('\n');
  return {
    minified: Buffer.byteLength(code),
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** The two bundles an application gets (what the packaging check holds to its budget). */
export async function measureBundles() {
  return { typical: await bundle(['rxjs'], TYPICAL_ID), full: await bundle(['rxjs']) };
}

export async function measureSize() {
  const { typical, full } = await measureBundles();
  const libraryOnly = await bundle(['rxjs', 'io-ts', 'fp-ts', 'eventsource-parser']);
  const typicalLibraryOnly = await bundle(['rxjs', 'io-ts', 'fp-ts', 'eventsource-parser'], TYPICAL_ID);
  const withoutIoTs = await bundle(['rxjs', 'io-ts', 'fp-ts']);
  const withoutParser = await bundle(['rxjs', 'eventsource-parser']);
  return {
    bundles: [
      { name: `typical import (${TYPICAL.join(', ')})`, ...typical },
      { name: 'whole main entry (dist/index.js)', ...full },
    ],
    typical,
    full,
    libraryCodeAlone: { typical: typicalLibraryOnly.gzip, full: libraryOnly.gzip },
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
    for (const b of result.bundles)
      console.log(`${b.name}, rxjs external: ${kb(b.minified)} minified, ${kb(b.gzip)} gzip, ${kb(b.brotli)} brotli`);
    for (const [part, size] of Object.entries(result.parts)) console.log(`  ${part}: ~${kb(size)} gzip`);
    const alone = result.libraryCodeAlone;
    console.log(`library code alone (no dependency bundled): typical ${kb(alone.typical)}, whole ${kb(alone.full)} gzip`);
  }
}
