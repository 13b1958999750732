// Summarises a V8 CPU profile (`node --cpu-prof`) of the bench workload: self time by function (top N), and by stage
// of the pipeline. Functions of the built package are placed in their source file through dist's source maps, so the
// stages follow src/: sse (the sink around eventsource-parser), decode, schema (the codecs' own `is`), accumulate,
// operators; then the dependencies (io-ts, fp-ts, eventsource-parser, rxjs), V8's JSON.parse, TextDecoder, the web
// streams machinery (reader, promises), GC.
//
//   node bench/experiments/profile-summary.mjs <file.cpuprofile> [--top=25] [--json]
import { readFileSync, existsSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const top = Number(args.find((a) => a.startsWith('--top='))?.split('=')[1] ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));

const maps = new Map();
function sourceOf(url, line, column) {
  if (!url.startsWith('file://') || !url.includes('/dist/') || url.includes('/node_modules/')) return undefined;
  if (!maps.has(url)) {
    const path = `${fileURLToPath(url)}.map`;
    maps.set(url, existsSync(path) ? new SourceMap(JSON.parse(readFileSync(path, 'utf8'))) : null);
  }
  const map = maps.get(url);
  const entry = map?.findEntry(line, column);
  if (!entry?.originalSource) return undefined;
  return `${entry.originalSource.replace(/^.*?\/src\//, 'src/')}:${entry.originalLine + 1}`;
}

function stageOf(frame) {
  const { url, functionName } = frame;
  const source = sourceOf(url, frame.lineNumber, frame.columnNumber);
  if (source) {
    if (source.startsWith('src/accumulate/')) return 'accumulate (src/accumulate)';
    if (source.startsWith('src/schema/')) return "validation: the package's codecs (src/schema)";
    if (source.startsWith('src/decode/')) return 'decode glue (src/decode)';
    if (source.startsWith('src/sse/')) return 'sse glue (src/sse)';
    if (source.startsWith('src/operators/')) return 'operators (src/operators)';
    return `package: ${source}`;
  }
  if (url.includes('/io-ts/') || url.includes('/fp-ts/')) return 'validation: io-ts / fp-ts';
  if (url.includes('eventsource-parser')) return 'eventsource-parser (feed, lines, fields)';
  if (url.includes('/rxjs/')) return 'rxjs';
  if (url.includes('/bench/')) return 'bench harness';
  if (url.includes('/openai/')) return 'openai-node';
  // JSON.parse is a builtin: V8 counts its time as the self time of the function that calls it (the decoder's closure,
  // the floor's onEvent), so it shows under that function's stage.
  if (functionName === 'parse' && url === '') return 'JSON.parse';
  if (functionName === 'decode' || url.includes('encoding')) return 'TextDecoder';
  if (
    url.includes('webstreams') ||
    url.includes('internal/fetch') ||
    url.includes('undici') ||
    url.includes('node:internal/deps')
  )
    return 'web streams / Response (reader, promises)';
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(program)' || functionName === '(idle)') return functionName;
  if (url === '') return `native: ${functionName || '(anonymous)'}`;
  return `other: ${url.replace(/^.*node_modules\//, '')}`;
}

// Self time: samples per node, times the sampling interval.
const counts = new Map();
for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
const interval = (profile.endTime - profile.startTime) / profile.samples.length; // µs per sample
const byFunction = new Map();
const byStage = new Map();
let total = 0;
for (const node of profile.nodes) {
  const n = counts.get(node.id) ?? 0;
  if (n === 0) continue;
  const f = node.callFrame;
  const stage = stageOf(f);
  const source = sourceOf(f.url, f.lineNumber, f.columnNumber);
  const where = source ?? f.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/bench\//, 'bench/');
  const key = `${f.functionName || '(anonymous)'}  ${where}${where && !source ? `:${f.lineNumber + 1}` : ''}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + n);
  byStage.set(stage, (byStage.get(stage) ?? 0) + n);
  total += n;
}
const busy = total - (byStage.get('(idle)') ?? 0);
const rows = (map) =>
  [...map].sort((a, b) => b[1] - a[1]).map(([k, n]) => ({ name: k, ms: (n * interval) / 1000, share: n / busy }));
const result = {
  file,
  sampleIntervalUs: interval,
  busyMs: (busy * interval) / 1000,
  stages: rows(byStage),
  functions: rows(byFunction).slice(0, top),
};
if (args.includes('--json')) console.log(JSON.stringify(result, null, 2));
else {
  console.log(`${file}: ${result.busyMs.toFixed(0)} ms busy (sample every ${interval.toFixed(0)} µs); self time`);
  console.log('\nby stage:');
  for (const r of result.stages)
    if (r.name !== '(idle)' && r.share >= 0.002) console.log(`  ${(100 * r.share).toFixed(1).padStart(5)} %  ${r.name}`);
  console.log(`\ntop ${top} functions:`);
  for (const r of result.functions) console.log(`  ${(100 * r.share).toFixed(1).padStart(5)} %  ${r.name}`);
}
