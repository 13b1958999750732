import { responseOf, runFloor, runRx } from './lib/contenders.mjs';
const distDir = process.argv[2]; const which = process.argv[3]; const passes = +process.argv[4]; const size = +(process.argv[5] ?? 1_000_000);
const lib = await import(distDir + '/index.js'); const testing = await import(distDir + '/testing.js');
const chunks = [...testing.generateSSEBytes({ targetSize: size, seed: 2 })];
const f = which === 'floor' ? () => runFloor(chunks) : () => runRx(lib, chunks);
for (let i = 0; i < 3; i++) await f(); // warm
for (let i = 0; i < passes; i++) await f();
