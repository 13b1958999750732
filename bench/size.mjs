// Bundle sizes as an application gets them: an entry importing from dist/index.js, with its dependencies (io-ts,
// fp-ts, eventsource-parser) resolved and tree-shaken, rxjs left out (a peer dependency), minified with terser, then
// gzipped (level 9) and brotli-compressed. Two entries: a typical import (`assistantEvents`, `untilRunTerminal`,
// `textDeltas`, what tree-shaking keeps of them) and the whole main entry; and the share of each part of the whole one
// (library code alone, with each dependency). Library code alone is also measured for the typical import: it is the
// least either bundle could weigh with every dependency made free.
// Run: node bench/size.mjs [--json]   (after `npm run build`)
//      node bench/size.mjs --without=name,name   (the whole main entry less those exports)
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';

import { distFile } from './lib/dist.mjs';

const main = distFile('index.js');
/** The typical import: what tree-shaking keeps of these names. */
export const TYPICAL = ['assistantEvents', 'untilRunTerminal', 'textDeltas'];
const DEPENDENCIES = ['io-ts', 'fp-ts', 'eventsource-parser'];

/**
 * Bundles `names` of the main entry (all of it without `names`) through a virtual entry module (`\0` marks it for
 * rollup as no file), the packages in `external` left out.
 */
async function bundle(external, names) {
  const ENTRY_ID = '\0size-entry';
  const entry = {
    name: 'size-entry',
    resolveId: (id) => (id === ENTRY_ID ? id : null),
    load: (id) => (id === ENTRY_ID ? `export { ${names.join(', ')} } from ${JSON.stringify(main)};` : null),
  };
  const build = await rollup({
    input: names ? ENTRY_ID : main,
    external: (id) => external.some((name) => id === name || id.startsWith(`${name}/`)),
    plugins: [entry, nodeResolve({ browser: true }), terser({ format: { comments: false } })],
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
  return { typical: await bundle(['rxjs'], TYPICAL), full: await bundle(['rxjs']) };
}

export async function measureSize() {
  const { typical, full } = await measureBundles();
  const libraryOnly = await bundle(['rxjs', ...DEPENDENCIES]);
  const typicalLibraryOnly = await bundle(['rxjs', ...DEPENDENCIES], TYPICAL);
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

/** The whole main entry but `left`, min+gzip bytes, with its dependencies and without: what leaving them out buys. */
export async function measureWithout(left) {
  const all = Object.keys(await import(main));
  const unknown = left.filter((name) => !all.includes(name));
  const names = all.filter((name) => !left.includes(name));
  if (unknown.length > 0) throw new Error(`not in the main entry: ${unknown.join(', ')}`);
  return { gzip: (await bundle(['rxjs'], names)).gzip, libraryCodeAlone: (await bundle(['rxjs', ...DEPENDENCIES], names)).gzip };
}

const isMain = process.argv[1] === fileURLToPath(import.meta.url);
const without = process.argv.find((arg) => arg.startsWith('--without='));
if (isMain && without) {
  // node bench/size.mjs --without=createAssistantsClient,runWithTools
  const left = without.slice('--without='.length).split(',');
  const { gzip, libraryCodeAlone } = await measureWithout(left);
  console.log(`whole main entry without ${left.join(', ')}: ${gzip} B min+gzip, library code alone ${libraryCodeAlone} B`);
} else if (isMain) {
  const result = await measureSize();
  if (process.argv.includes('--json')) console.log(JSON.stringify(result));
  else {
    const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
    for (const b of result.bundles)
      console.log(`${b.name}, rxjs external: ${kb(b.minified)} minified, ${kb(b.gzip)} gzip, ${kb(b.brotli)} brotli`);
    for (const [part, size] of Object.entries(result.parts)) console.log(`  ${part}: ~${kb(size)} gzip`);
    console.log(`typical import, rx-assistant-stream code alone: ~${kb(result.libraryCodeAlone.typical)} gzip`);
  }
}
