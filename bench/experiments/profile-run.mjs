// The workload to profile: rx-assistant-stream on one transcript at one chunking, many passes (no peers).
//
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/experiments/profile-run.mjs [--transcript=tools] [--chunking=frame]
//        [--seconds=20] [--floor]
//   node bench/experiments/profile-summary.mjs /tmp/prof/<file>.cpuprofile
//
// `--floor` profiles the floor instead (to see what it pays for the same bytes).
import { lib, testing } from '../lib/dist.mjs';
import { runFloor, runRx } from '../lib/contenders.mjs';
import { option, transcriptOption } from '../lib/options.mjs';
import { chunk } from '../lib/transcripts.mjs';

const transcript = transcriptOption(testing, 'tools');
const streams = transcript.streams.map((bytes) => chunk(bytes, option('chunking', 'frame')));
const run = process.argv.includes('--floor') ? runFloor : (chunks) => runRx(lib, chunks);
const until = performance.now() + 1000 * Number(option('seconds', 20));
let passes = 0;
while (performance.now() < until) {
  for (const chunks of streams) await run(chunks);
  passes++;
}
console.error(`${passes} passes of ${transcript.label}`);
