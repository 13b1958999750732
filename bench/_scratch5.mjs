import { generateSSEBytes, emptyStats } from '../dist/testing.js';
const chunks = [...generateSSEBytes({ targetSize: 5_000_000 })];
for (let r = 0; r < 5; r++) {
  let t = performance.now(); const d = new TextDecoder(); let n = 0;
  for (const c of chunks) n += d.decode(c, { stream: true }).length;
  const a = performance.now() - t;
  t = performance.now(); const d2 = new TextDecoder(); let m = 0;
  for (const c of chunks) m += d2.decode(c).length;
  const b = performance.now() - t;
  t = performance.now(); let k = 0;
  for (const c of chunks) k += Buffer.from(c.buffer, c.byteOffset, c.byteLength).toString('utf8').length;
  console.log('stream', a.toFixed(1), 'whole', b.toFixed(1), 'buffer', (performance.now()-t).toFixed(1), n, m, k);
}
