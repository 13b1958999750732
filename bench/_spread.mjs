import { lib, testing } from './lib/dist.mjs';
const events = [...testing.generateEvents({ targetSize: 5_000_000 })].map(e => ({ event: e.event, data: JSON.parse(JSON.stringify(e.data)) }));
const copyA = (o) => ({ ...o });
const copyB = (o) => Object.assign({}, o);
const copyC = (o) => { const out = {}; for (const k of Object.keys(o)) out[k] = o[k]; return out; };
const mk = (copy) => () => {
  const snaps = new Map();
  for (const e of events) {
    if (e.event === 'thread.message.created' || e.event === 'thread.run.step.created') snaps.set(e.data.id, e.data);
    else if (e.event === 'thread.message.delta' || e.event === 'thread.run.step.delta') { const p = snaps.get(e.data.id); const s = copy(p); s.x = 1; snaps.set(s.id, s); }
  }
};
const variants = { spread: mk(copyA), assign: mk(copyB), keys: mk(copyC) };
const res = {};
for (let r = 0; r < 30; r++) for (const [k, f] of Object.entries(variants)) { const c = process.cpuUsage(); f(); const u = process.cpuUsage(c); (res[k] ??= []).push(u.user / 1000); }
for (const [k, v] of Object.entries(res)) { v.sort((a, b) => a - b); console.log(k.padEnd(8), 'median', v[v.length >> 1].toFixed(2), 'min', v[0].toFixed(2), 'ms'); }
