import { generateSSEBytes, emptyStats } from '../dist/testing.js';
import * as after from '../dist/index.js';
import { responseOf, runFloor } from './lib/contenders.mjs';
const before = await import('/tmp/rxa-before/dist/index.js');
const stats = emptyStats();
const chunks = [...generateSSEBytes({ targetSize: 5_000_000 }, stats)];
const run = (obs) => new Promise((res, rej) => { let n = 0; obs.subscribe({ next: () => n++, error: rej, complete: () => res(n) }); });
const variants = {
  floor: () => runFloor(chunks),
  'before decode': () => run(before.assistantEvents(responseOf(chunks))),
  'after decode': () => run(after.assistantEvents(responseOf(chunks))),
  'before accumulate': () => run(before.assistantEvents(responseOf(chunks)).pipe(before.accumulateMessageDeltas())),
  'after accumulate': () => run(after.assistantEvents(responseOf(chunks)).pipe(after.accumulateMessageDeltas())),
};
const res = {};
const rounds = +(process.argv[2] ?? 21);
for (let round = 0; round < rounds; round++) for (const [k, f] of Object.entries(variants)) { const c = process.cpuUsage(); await f(); const u = process.cpuUsage(c); (res[k] ??= []).push((u.user + u.system) / 1000); }
for (const [k, v] of Object.entries(res)) { v.sort((a, b) => a - b); console.log(k.padEnd(20), 'median', v[v.length >> 1].toFixed(1), 'min', v[0].toFixed(1), 'ms'); }
console.log('load', (await import('node:os')).loadavg());
