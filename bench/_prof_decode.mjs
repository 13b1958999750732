import { generateSSEBytes } from '/tmp/rxa-after/dist/testing.js';
import * as lib from '/tmp/rxa-after/dist/index.js';
import { responseOf } from './lib/contenders.mjs';
const chunks = [...generateSSEBytes({ targetSize: 5_000_000 })];
const run = (obs) => new Promise((res, rej) => { let n = 0; obs.subscribe({ next: () => n++, error: rej, complete: () => res(n) }); });
const acc = process.argv[2] === 'acc';
for (let round = 0; round < 40; round++) await run(acc ? lib.assistantEvents(responseOf(chunks)).pipe(lib.accumulateMessageDeltas()) : lib.assistantEvents(responseOf(chunks)));
