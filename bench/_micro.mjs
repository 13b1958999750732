import { generateEvents } from '../dist/testing.js';
import { applyMessageDelta, messageFromDelta } from '../dist/index.js';
const events = [...generateEvents({ targetSize: 5_000_000 })].map(e => JSON.parse(JSON.stringify(e)));
function run() {
  const snaps = new Map(); let n = 0;
  for (const e of events) {
    if (e.event === 'thread.message.created') snaps.set(e.data.id, e.data);
    else if (e.event === 'thread.message.delta') { const p = snaps.get(e.data.id); const s = p ? applyMessageDelta(p, e.data) : messageFromDelta(e.data); snaps.set(s.id, s); n++; }
  }
  return n;
}
for (let r = 0; r < 15; r++) { const c = process.cpuUsage(); const n = run(); const ms = process.cpuUsage(c).user / 1000; if (r > 9) console.log(ms.toFixed(1), 'ms', (ms * 1e6 / n).toFixed(0), 'ns/delta'); }
// spread cost alone
const msg = events.find(e => e.event === 'thread.message.created').data;
let t = performance.now(); let x; for (let i = 0; i < 21000; i++) x = { ...msg }; console.log('spread msg x21000', (performance.now() - t).toFixed(2));
t = performance.now(); for (let i = 0; i < 21000; i++) x = { ...x }; console.log('spread copy x21000', (performance.now() - t).toFixed(2));
function fast(snapshot, d) {
  const part = d.delta.content[0];
  const content = snapshot.content.slice();
  const prev = content[part.index];
  content[part.index] = prev ? { ...prev, text: { ...prev.text, value: prev.text.value + (part.text.value ?? '') } } : { type: part.type, text: { value: part.text.value, annotations: [] } };
  return { ...snapshot, content };
}
function run2() {
  const snaps = new Map(); let n = 0;
  for (const e of events) {
    if (e.event === 'thread.message.created') snaps.set(e.data.id, e.data);
    else if (e.event === 'thread.message.delta') { const p = snaps.get(e.data.id); const s = fast(p, e.data); snaps.set(s.id, s); n++; }
  }
  return n;
}
for (let r = 0; r < 15; r++) { const c = process.cpuUsage(); const n = run2(); const ms = process.cpuUsage(c).user / 1000; if (r > 9) console.log('fast', ms.toFixed(1), 'ms', (ms * 1e6 / n).toFixed(0), 'ns/delta'); }
