// Two builds of the package, side by side on the same bytes (interleaved rounds in one process), against the floor:
// for a before/after of a change in src/.
//
//   node bench/compare.mjs <dist-a> <dist-b> [--mb=5] [--rounds=25]
//
// Each dist is a directory holding a build (index.js and testing.js); the transcript comes from the first one's
// generator. Prints the median and the best wall-clock time per pass and the ratio to the floor, for each build.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runFloor, runRx } from './lib/contenders.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const dists = args.filter((a) => !a.startsWith('--'));
if (dists.length === 0) {
  console.error('usage: node bench/compare.mjs <dist-a> [<dist-b> ...] [--mb=5] [--rounds=25]');
  process.exit(2);
}
const load = (dir, file) => import(pathToFileURL(`${resolve(dir)}/${file}`).href);
const libs = await Promise.all(dists.map((dir) => load(dir, 'index.js')));
const testing = await load(dists[0], 'testing.js');
const size = option('mb', 5) * 1_000_000;
const rounds = option('rounds', 25);
const chunks = [...testing.generateSSEBytes({ targetSize: size, seed: 2 })];
const passes = Math.max(1, Math.round(3_000_000 / size));
const contenders = [['floor', () => runFloor(chunks)], ...dists.map((dir, i) => [dir, () => runRx(libs[i], chunks)])];
const times = new Map(contenders.map(([name]) => [name, []]));
for (let round = 0; round < rounds + 3; round++) {
  for (const [name, run] of contenders) {
    const start = performance.now();
    for (let i = 0; i < passes; i++) await run();
    if (round >= 3) times.get(name).push((performance.now() - start) / passes); // the first rounds warm up
  }
}
const median = (v) => [...v].sort((a, b) => a - b)[v.length >> 1];
const floor = median(times.get('floor'));
console.log(`${(chunks.reduce((n, c) => n + c.length, 0) / 1e6).toFixed(2)} MB transcript, ${rounds} rounds`);
for (const [name, t] of times) {
  console.log(`${name.padEnd(40)} median ${median(t).toFixed(2)} ms, best ${Math.min(...t).toFixed(2)} ms, ${(floor / median(t)).toFixed(3)}x the floor`);
}
