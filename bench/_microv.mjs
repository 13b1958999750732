import { generateEvents } from '/tmp/rxa-after/dist/testing.js';
const lib = await import(process.argv[2] ?? '/tmp/rxa-after/dist/index.js');
const events = [...generateEvents({ targetSize: 5_000_000 })].map(e => ({ event: e.event, data: JSON.parse(JSON.stringify(e.data)) }));
const codecs = lib.getCodecs('lenient').eventData;
function run() { let ok = 0; for (const e of events) if (codecs[e.event].is(e.data)) ok++; return ok; }
const times = [];
for (let r = 0; r < (+process.env.R || 25); r++) { const c = process.cpuUsage(); const n = run(); times.push(process.cpuUsage(c).user / 1000); if (n !== events.length) throw new Error('invalid'); }
times.sort((a, b) => a - b); console.log('validate', times[times.length >> 1].toFixed(2), 'ms median', times[0].toFixed(2), 'min', (times[times.length >> 1] * 1e6 / events.length).toFixed(0), 'ns/event');
