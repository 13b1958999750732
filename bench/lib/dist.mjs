// The built package the bench measures: ../../dist by default (what `npm run bench` just built), or the directory
// in BENCH_DIST (to compare two builds: BENCH_DIST=/path/to/other/dist node bench/throughput.mjs).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const distUrl = process.env.BENCH_DIST
  ? pathToFileURL(`${resolve(process.env.BENCH_DIST)}/`)
  : new URL('../../dist/', import.meta.url);
export const distFile = (name) => fileURLToPath(new URL(name, distUrl));
export const lib = await import(new URL('index.js', distUrl).href);
export const testing = await import(new URL('testing.js', distUrl).href);
/** The Node entry (`startMockServer`), when it is built. */
export const nodeEntry = existsSync(distFile('node.js')) ? await import(new URL('node.js', distUrl).href) : undefined;
