import { generateSSEBytes, emptyStats } from '../dist/testing.js';
import { fromSSE, decodeAssistantEvents } from '../dist/index.js';
import { responseOf } from './lib/contenders.mjs';
const stats = emptyStats();
const chunks = [...generateSSEBytes({ targetSize: 5_000_000 }, stats)];
const run = (obs) => new Promise((res, rej) => { let n = 0; obs.subscribe({ next: () => n++, error: rej, complete: () => res(n) }); });
for (let round = 0; round < 30; round++) await run(fromSSE(responseOf(chunks)).pipe(decodeAssistantEvents()));
