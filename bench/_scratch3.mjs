import { generateSSEBytes, emptyStats } from '../dist/testing.js';
import { fromSSE, decodeAssistantEvents, accumulateMessageDeltas, assistantEvents } from '../dist/index.js';
import { responseOf, runFloor } from './lib/contenders.mjs';
const stats = emptyStats();
const chunks = [...generateSSEBytes({ targetSize: 5_000_000 }, stats)];
const run = (obs) => new Promise((res, rej) => { let n = 0; obs.subscribe({ next: () => n++, error: rej, complete: () => res(n) }); });
const variants = {
  floor: () => runFloor(chunks),
  sse: () => run(fromSSE(responseOf(chunks))),
  decode: () => run(fromSSE(responseOf(chunks)).pipe(decodeAssistantEvents())),
  accumulate: () => run(assistantEvents(responseOf(chunks)).pipe(accumulateMessageDeltas())),
};
const res = {};
for (let round = 0; round < 15; round++) for (const [k, f] of Object.entries(variants)) { const t = performance.now(); await f(); (res[k] ??= []).push(performance.now() - t); }
for (const [k, v] of Object.entries(res)) { v.sort((a, b) => a - b); console.log(k.padEnd(12), v[7].toFixed(1), 'ms'); }
