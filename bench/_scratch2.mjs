import { generateSSEBytes, emptyStats } from '../dist/testing.js';
import { runRx, runFloor } from './lib/contenders.mjs';
const stats = emptyStats();
const chunks = [...generateSSEBytes({ targetSize: 5_000_000 }, stats)];
const which = process.argv[2] ?? 'both';
const res = { rx: [], floor: [] };
for (let round = 0; round < 15; round++) {
  for (const [name, fn] of [['rx', runRx], ['floor', runFloor]]) {
    if (which !== 'both' && which !== name) continue;
    const t = performance.now();
    await fn(chunks);
    res[name].push(performance.now() - t);
  }
}
for (const [k, v] of Object.entries(res)) if (v.length) { v.sort((a,b)=>a-b); console.log(k, 'median', v[7].toFixed(1), 'ms', (stats.size / v[7] / 1000).toFixed(1), 'MB/s'); }
