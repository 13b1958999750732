import { lib, testing } from './lib/dist.mjs';
import { responseOf, runFloor } from './lib/contenders.mjs';
import { Observable } from 'rxjs';
const size = +(process.argv[2] ?? 5_000_000);
const chunks = [...testing.generateSSEBytes({ targetSize: size })];
const reps = Math.max(1, Math.round(2_000_000 / size));
const run = (obs) => new Promise((res, rej) => { let n = 0; obs.subscribe({ next: () => n++, error: rej, complete: () => res(n) }); });
const noValidate = (source) => new Observable((sub) => source.subscribe({ next(m) { if (m.data === '[DONE]') return sub.complete(); sub.next({ event: m.event, data: JSON.parse(m.data) }); }, error: (e) => sub.error(e), complete: () => sub.complete() }));
const customAcc = (apply) => (source) => new Observable((sub) => { const snaps = new Map(); return source.subscribe({ next({ event, data }) {
  if (event === 'thread.message.delta') { const p = snaps.get(data.id); const s = p ? apply(p, data) : lib.messageFromDelta(data); snaps.set(s.id, s); sub.next(s); }
  else if (event === 'thread.message.created') { snaps.set(data.id, data); sub.next(data); }
  else if (event === 'thread.message.completed') { snaps.delete(data.id); sub.next(data); } }, error: (e) => sub.error(e), complete: () => sub.complete() }); });
function fast(snapshot, d) {
  const part = d.delta.content[0];
  const content = snapshot.content.slice();
  const prev = content[part.index];
  content[part.index] = prev ? { ...prev, text: { ...prev.text, value: prev.text.value + (part.text.value ?? '') } } : { type: part.type, text: { value: part.text.value, annotations: [] } };
  return { ...snapshot, content };
}
const before = await import('/tmp/rxa-before/dist/index.js');
const variants = {
  floor: () => runFloor(chunks),
  'before validate': () => run(before.assistantEvents(responseOf(chunks))),
  'after validate': () => run(lib.assistantEvents(responseOf(chunks))),
  'before accumulate': () => run(before.assistantEvents(responseOf(chunks)).pipe(before.accumulateMessageDeltas())),
  'after accumulate': () => run(lib.assistantEvents(responseOf(chunks)).pipe(lib.accumulateMessageDeltas())),
};
const res = {};
for (let round = 0; round < 15; round++) for (const [k, f] of Object.entries(variants)) { const c = process.cpuUsage(); for (let i = 0; i < reps; i++) await f(); const u = process.cpuUsage(c); (res[k] ??= []).push((u.user + u.system) / 1000 / reps); }
const med = (v) => { v.sort((a, b) => a - b); return v[v.length >> 1]; };
const floor = med(res.floor);
for (const [k, v] of Object.entries(res)) console.log(k.padEnd(22), 'cpu median', med(v).toFixed(2), 'ms', (med(v) / floor).toFixed(2) + 'x floor');
console.log('load', (await import('node:os')).loadavg());
