// Two (or more) builds of the package, side by side on the same bytes (interleaved rounds in one process), against
// the floor: for a before/after of a change in src/.
//
//   node bench/compare.mjs <dist-a> <dist-b> [--transcript=messages|tools|captures] [--chunking=frame|1k|64k]
//                          [--mb=2] [--rounds=25]
//
// Each dist is a directory holding a build (index.js and testing.js); the messages transcript comes from the first
// one's generator. Prints the median and the best wall-clock time per pass and the ratio to the floor, for each build.
// Caveat (measured this round): builds loaded in one process share rxjs, whose operator code then sees the closures
// of every build and slows them all, unevenly; for a small difference run bench/experiments/layers.mjs once per build
// in alternating processes instead.
// (To build a commit aside: git archive <commit> | tar -x -C /tmp/x && ln -s $PWD/node_modules /tmp/x/ &&
// (cd /tmp/x && npx rollup -c --silent).)
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runFloor, runRx } from './lib/contenders.mjs';
import { option, positionals, transcriptOption } from './lib/options.mjs';
import { chunk } from './lib/transcripts.mjs';

const dists = positionals();
if (dists.length === 0) {
  console.error(
    'usage: node bench/compare.mjs <dist-a> [<dist-b> ...] [--transcript=messages|tools|captures] [--chunking=frame|1k|64k] [--mb=2] [--rounds=25]',
  );
  process.exit(2);
}
const load = (dir, file) => import(pathToFileURL(`${resolve(dir)}/${file}`).href);
const libs = await Promise.all(dists.map((dir) => load(dir, 'index.js')));
const testing = await load(dists[0], 'testing.js');
const chunking = option('chunking', '64k');
const rounds = Number(option('rounds', 25));
const transcript = transcriptOption(testing, 'messages');
const streams = transcript.streams.map((bytes) => chunk(bytes, chunking));
const passes = Math.max(1, Math.round(3_000_000 / transcript.bytes));
const each = async (run) => {
  for (const chunks of streams) await run(chunks);
};
const contenders = [
  ['floor', () => each(runFloor)],
  ...dists.map((dir, i) => [dir, () => each((chunks) => runRx(libs[i], chunks))]),
];
const times = new Map(contenders.map(([label]) => [label, []]));
const cpu = new Map(contenders.map(([label]) => [label, []]));
for (let round = 0; round < rounds + 3; round++) {
  // A different order each round, so no build always runs right after the same one.
  for (let k = 0; k < contenders.length; k++) {
    const [label, run] = contenders[(k + round) % contenders.length];
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    for (let i = 0; i < passes; i++) await run();
    const used = process.cpuUsage(cpuStart);
    if (round >= 3) {
      // the first rounds warm up
      times.get(label).push((performance.now() - start) / passes);
      cpu.get(label).push((used.user + used.system) / 1000 / passes);
    }
  }
}
const median = (v) => [...v].sort((a, b) => a - b)[v.length >> 1];
const floor = median(times.get('floor'));
const floorCpu = median(cpu.get('floor'));
const floorBest = Math.min(...times.get('floor'));
console.log(
  `${transcript.label} @ ${chunking}: ${(transcript.bytes / 1e6).toFixed(2)} MB, ${transcript.events} events, ${rounds} rounds`,
);
for (const [label, t] of times) {
  const c = median(cpu.get(label));
  console.log(
    `${label.padEnd(40)} median ${median(t).toFixed(2)} ms, best ${Math.min(...t).toFixed(2)} ms, cpu ${c.toFixed(2)} ms; the floor's over it: ${(floor / median(t)).toFixed(3)}x median, ${(floorBest / Math.min(...t)).toFixed(3)}x best, ${(floorCpu / c).toFixed(3)}x cpu`,
  );
}
