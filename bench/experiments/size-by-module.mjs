// Which source files make the whole main entry: dist/index.js's lines (and those of the chunks it imports) attributed to their src/ file through its
// source map (each line to the file its first token comes from), largest first, before minification. The
// dependencies (io-ts, fp-ts, eventsource-parser) are measured by bench/size.mjs. For the size targets: what to make
// lazy or move behind a subpath.
//
//   node bench/experiments/size-by-module.mjs [--top=25]
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { distFile } from '../lib/dist.mjs';

const top = Number(process.argv.find((a) => a.startsWith('--top='))?.split('=')[1] ?? 25);
const bySource = new Map();
const seen = new Set();
const files = ['index.js'];
while (files.length > 0) {
  const file = files.pop();
  if (seen.has(file)) continue;
  seen.add(file);
  const code = readFileSync(distFile(file), 'utf8');
  for (const [, imported] of code.matchAll(/from '\.\/((?:chunks\/)?[^']+\.js)'/g))
    files.push(file.startsWith('chunks/') && !imported.startsWith('chunks/') ? `chunks/${imported}` : imported);
  attribute(code, new SourceMap(JSON.parse(readFileSync(distFile(`${file}.map`), 'utf8'))));
}

function attribute(code, map) {
  const lines = code.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const column = line.search(/\S/);
    if (column === -1) continue;
    const trimmed = line.trim();
    if (trimmed.startsWith('//') || trimmed.startsWith('*') || trimmed.startsWith('/*')) continue; // comments: gone once minified
    const source = map.findEntry(i, column)?.originalSource?.replace(/^.*?\/src\//, 'src/') ?? '(unmapped)';
    bySource.set(source, (bySource.get(source) ?? 0) + trimmed.length + 1);
  }
}
const total = [...bySource.values()].reduce((a, b) => a + b, 0);
console.log(
  `dist/index.js and ${seen.size - 1} chunk(s): ${(total / 1024).toFixed(1)} KiB of code (comments and indentation left out), by source file:`,
);
for (const [source, n] of [...bySource].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`  ${(n / 1024).toFixed(1).padStart(6)} KiB  ${source}`);
