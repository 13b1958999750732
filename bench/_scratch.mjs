import { generateSSEBytes, emptyStats } from '../dist/testing.js';
import { runRx, runOpenAI, runFloor } from './lib/contenders.mjs';
const stats = emptyStats();
const chunks = [...generateSSEBytes({ targetSize: 5_000_000 }, stats)];
for (let round = 0; round < 4; round++) {
  for (const [name, fn] of [['rx', runRx], ['openai', runOpenAI], ['floor', runFloor]]) {
    const t = performance.now();
    const r = await fn(chunks);
    const ms = performance.now() - t;
    console.log(name, ms.toFixed(0), 'ms', (stats.size / ms / 1000).toFixed(1), 'MB/s', Array.isArray(r) ? r.length : r.events);
  }
}
