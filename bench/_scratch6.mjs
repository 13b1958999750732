import { generateSSEBytes, emptyStats } from '../dist/testing.js';
import { assistantEvents, accumulateMessageDeltas } from '../dist/index.js';
import { responseOf } from './lib/contenders.mjs';
const chunks = [...generateSSEBytes({ targetSize: 5_000_000 })];
const run = (obs) => new Promise((res, rej) => { let n = 0; obs.subscribe({ next: () => n++, error: rej, complete: () => res(n) }); });
for (let round = 0; round < 30; round++) await run(assistantEvents(responseOf(chunks)).pipe(accumulateMessageDeltas()));
