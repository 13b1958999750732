import { generateEvents } from '/tmp/rxa-after/dist/testing.js';
const after = await import('/tmp/rxa-after/dist/index.js');
const before = await import('/tmp/rxa-before/dist/index.js');
const events = [...generateEvents({ targetSize: 5_000_000 })].map(e => ({ event: e.event, data: JSON.parse(JSON.stringify(e.data)) }));
function fast(snapshot, d) {
  const part = d.delta.content[0];
  const content = snapshot.content.slice();
  const prev = content[part.index];
  content[part.index] = prev ? { ...prev, text: { ...prev.text, value: prev.text.value + (part.text.value ?? '') } } : { type: part.type, text: { value: part.text.value, annotations: [] } };
  return { ...snapshot, content };
}
const mk = (apply) => () => {
  const snaps = new Map(); let n = 0;
  for (const e of events) {
    if (e.event === 'thread.message.created') snaps.set(e.data.id, e.data);
    else if (e.event === 'thread.message.delta') { const p = snaps.get(e.data.id); const s = apply(p, e.data); snaps.set(s.id, s); n++; }
    else if (e.event === 'thread.message.completed') snaps.delete(e.data.id);
  }
  return n;
};
const noop = (p, d) => p;
const variants = { noop: mk(noop), before: mk(before.applyMessageDelta), after: mk(after.applyMessageDelta), fast: mk(fast) };
const res = {};
for (let r = 0; r < 40; r++) for (const [k, f] of Object.entries(variants)) { const c = process.cpuUsage(); f(); const u = process.cpuUsage(c); (res[k] ??= []).push(u.user / 1000); }
for (const [k, v] of Object.entries(res)) { v.sort((a, b) => a - b); console.log(k.padEnd(8), 'median', v[v.length >> 1].toFixed(2), 'min', v[0].toFixed(2), 'ms'); }
const v2 = {
  'msg spread only': mk((s, d) => ({ ...s })),
  'content only': mk((s, d) => { const c = s.content.slice(); c[0] = { type: 'text', text: { value: 'x', annotations: [] } }; return s; }),
  'concat only': mk((s, d) => { s.content[0] ??= { type: 'text', text: { value: '', annotations: [] } }; s.content[0].text.value += d.delta.content[0].text.value ?? ''; return s; }),
  'assign msg': mk((s, d) => Object.assign({}, s)),
};
const res2 = {};
for (let r = 0; r < 40; r++) for (const [k, f] of Object.entries(v2)) { const c = process.cpuUsage(); f(); const u = process.cpuUsage(c); (res2[k] ??= []).push(u.user / 1000); }
for (const [k, v] of Object.entries(res2)) { v.sort((a, b) => a - b); console.log(k.padEnd(16), 'median', v[v.length >> 1].toFixed(2), 'min', v[0].toFixed(2), 'ms'); }
