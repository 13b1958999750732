import { createAssistantsClient, untilRunTerminal, textDeltas } from '../dist/index.js';
import { generateSSE } from '../dist/testing.js';
import { startLoopbackSseServer } from './lib/sse-server.mjs';
import { startMockServer } from '../dist/node.js';
import { lastValueFrom, reduce } from 'rxjs';
const sse = [...generateSSE({ targetSize: 20_000, singleRun: true, seed: 42 })].join('');
for (const kind of ['mock']) for (const n of [300, 300]) {
  const server = kind === 'mock' ? await startMockServer({ scenario: { type: 'transcript', start: { sse } } }) : await startLoopbackSseServer({ sse });
  const client = createAssistantsClient({ baseURL: server.baseURL, apiKey: 'x' });
  const t = performance.now();
  await Promise.all(Array.from({ length: n }, (_, i) => lastValueFrom(client.createRun('t' + i, { assistant_id: 'a' }).pipe(untilRunTerminal(), textDeltas(), reduce((a, b) => a + b, '')))));
  console.log(kind, n, (performance.now() - t).toFixed(0), 'ms');
  await server.close();
}
