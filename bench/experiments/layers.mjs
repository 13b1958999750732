// The bench's rx pipeline layer by layer, against the floor on the same chunks (process CPU time, interleaved rounds in
// one process): `assistantEvents` alone, then with `accumulateMessageDeltas`, with `accumulateRunStepDeltas`, both
// on one subscription through `connect` (the bench's live rx contender), and `collectRunResult` (its other one). The
// difference between two rows is what a layer costs: on the messages transcript `steps - decode` is an accumulator
// passing events of the other kind through, `both - msgs - steps + decode` the `connect` + `merge` of the harness.
//
//   BENCH_DIST=<dist> node bench/experiments/layers.mjs [--transcript=messages|tools] [--chunking=frame|1k|64k] [--rounds=40]
//
// To compare two builds, run this once per build, alternating processes (for d in a b a b a b; do BENCH_DIST=$d ...;
// done), and compare the `min` columns: two builds loaded in one process share rxjs, whose operator code then sees
// the closures of both and slows (the same build measured 179 ns per event alone and 286 next to another build).
import { connect, merge } from 'rxjs';
import { lib, testing } from '../lib/dist.mjs';
import { responseOf, runFloor } from '../lib/contenders.mjs';
import { option, transcriptOption } from '../lib/options.mjs';
import { chunk } from '../lib/transcripts.mjs';

const chunking = option('chunking', '1k');
const rounds = Number(option('rounds', 40));
const transcript = transcriptOption(testing, 'messages');
const streams = transcript.streams.map((bytes) => chunk(bytes, chunking));

const { assistantEvents, accumulateMessageDeltas, accumulateRunStepDeltas, collectRunResult } = lib;
const count = (observable) =>
  new Promise((resolve, reject) => {
    let n = 0;
    observable.subscribe({ next: () => n++, error: reject, complete: () => resolve(n) });
  });
const LAYERS = {
  floor: (chunks) => runFloor(chunks),
  decode: (chunks) => count(assistantEvents(responseOf(chunks))),
  msgs: (chunks) => count(assistantEvents(responseOf(chunks)).pipe(accumulateMessageDeltas())),
  steps: (chunks) => count(assistantEvents(responseOf(chunks)).pipe(accumulateRunStepDeltas())),
  both: (chunks) =>
    count(
      assistantEvents(responseOf(chunks)).pipe(
        connect((shared) => merge(shared.pipe(accumulateMessageDeltas()), shared.pipe(accumulateRunStepDeltas()))),
      ),
    ),
  result: (chunks) => count(assistantEvents(responseOf(chunks)).pipe(collectRunResult())),
};

const layers = Object.entries(LAYERS);
const cpu = Object.fromEntries(layers.map(([layer]) => [layer, []]));
for (let round = 0; round < rounds + 5; round++) {
  for (let k = 0; k < layers.length; k++) {
    const [layer, run] = layers[(k + round) % layers.length]; // a different order each round
    const start = process.cpuUsage();
    for (const chunks of streams) await run(chunks);
    const used = process.cpuUsage(start);
    if (round >= 5) cpu[layer].push((used.user + used.system) / 1000); // the first rounds warm up
  }
}
const median = (v) => [...v].sort((a, b) => a - b)[v.length >> 1];
const events = transcript.events;
console.log(
  `${transcript.label} @ ${chunking}: ${events} events, ${rounds} rounds; CPU ms per pass, ns per event over the floor`,
);
const floor = { median: median(cpu.floor), min: Math.min(...cpu.floor) };
for (const [layer, samples] of Object.entries(cpu)) {
  const m = median(samples);
  const min = Math.min(...samples);
  console.log(
    `  ${layer.padEnd(6)} median ${m.toFixed(2).padStart(6)} ms (${(((m - floor.median) * 1e6) / events).toFixed(0).padStart(5)} ns, ` +
      `${(floor.median / m).toFixed(3)} of the floor's speed)  min ${min.toFixed(2).padStart(6)} ms (${(floor.min / min).toFixed(3)})`,
  );
}
