import { lib, testing } from './lib/dist.mjs';
import { runRx, runFloor } from './lib/contenders.mjs';
const chunks = [...testing.generateSSEBytes({ targetSize: 100_000, seed: 1 })];
const which = process.argv[2] ?? 'rx';
for (let i = 0; i < 2000; i++) await (which === 'rx' ? runRx(lib, chunks) : runFloor(chunks));
