// Copies a build (a dist directory) and wires the candidates of candidates.mjs into the copy, so a lead can be
// measured end to end with bench/compare.mjs (interleaved against the unpatched build, in one process). Patches are
// exact string replacements in index.js; a patch whose anchor is missing fails loudly (the build changed).
//
//   node bench/experiments/patch-dist.mjs <dist> <dir>/dist <patch,...>   (then: ln -s $PWD/node_modules <dir>/, so the copy
//   resolves rxjs, io-ts and eventsource-parser)
//   patches: hot (a: hot shapes before the codec), steplit (c: run-step literals), trust (b+c: both literal paths,
//            trusting the snapshots they built, by a WeakSet), last (the same, trusting by identity the one snapshot
//            each built last), name (the validator's last-name cache keeps the library's name, not the
//            body's slice), feed (the SSE sink feeds eventsource-parser whole lines only)
//   node bench/compare.mjs <dist> <out-dir> --transcript=tools --chunking=frame
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dist, out, list = ''] = process.argv.slice(2);
if (!dist || !out) {
  console.error('usage: node bench/experiments/patch-dist.mjs <dist> <out-dir> <hot,steplit,trust,last,name,feed>');
  process.exit(2);
}
const candidates = new URL('./candidates.mjs', import.meta.url).href;
const PATCHES = {
  hot: [['        if (!entry.codec.is(data))\n', '        if (!(isHotShape(entry.name, data) || entry.codec.is(data)))\n']],
  steplit: [
    [
      '    return mergeDelta(snapshot, delta.delta);\n}',
      '    return stepFastPath(snapshot, delta, false) ?? mergeDelta(snapshot, delta.delta);\n}',
    ],
  ],
  trust: [
    [
      '    return mergeDelta(snapshot, delta.delta);\n}',
      '    return stepFastPath(snapshot, delta, true) ?? mergeDelta(snapshot, delta.delta);\n}',
    ],
    [
      '    return appendTextFragment(snapshot, delta.delta) ?? mergeDelta(snapshot, delta.delta);',
      '    return messageFastPath(snapshot, delta, () => appendTextFragment(snapshot, delta.delta) ?? mergeDelta(snapshot, delta.delta));',
    ],
  ],
  last: [
    [
      '    return mergeDelta(snapshot, delta.delta);\n}',
      '    return stepFastPathLast(snapshot, delta) ?? mergeDelta(snapshot, delta.delta);\n}',
    ],
    [
      '    return appendTextFragment(snapshot, delta.delta) ?? mergeDelta(snapshot, delta.delta);',
      '    return messageFastPathLast(snapshot, delta, () => appendTextFragment(snapshot, delta.delta) ?? mergeDelta(snapshot, delta.delta));',
    ],
  ],
  name: [
    [
      '            lastEntry = byName.get(event);\n            lastName = event;\n',
      '            lastEntry = byName.get(event);\n            lastName = lastEntry === undefined ? undefined : lastEntry.name;\n',
    ],
  ],
  feed: [
    [
      '    let endedWithCR = false;\n',
      `    let endedWithCR = false;
    // Experiment: whole lines only, so eventsource-parser never joins a carried fragment with a whole chunk.
    let carry = '';
    const feedLines = (text, lastBreak) => {
        if (lastBreak === -1) {
            carry += text;
            return;
        }
        if (carry !== '') {
            const lf = text.indexOf('\\n');
            const cr = text.indexOf('\\r');
            let first = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
            if (text.charCodeAt(first) === 13 && text.charCodeAt(first + 1) === 10) first++;
            parser.feed(carry + text.slice(0, first + 1));
            carry = '';
            if (first < lastBreak) parser.feed(text.slice(first + 1, lastBreak + 1));
        }
        else parser.feed(lastBreak === text.length - 1 ? text : text.slice(0, lastBreak + 1));
        carry = lastBreak === text.length - 1 ? '' : text.slice(lastBreak + 1);
    };
`,
    ],
    ['        parser.feed(text);\n    };', '        feedLines(text, lastBreak);\n    };'],
  ],
};
cpSync(dist, out, { recursive: true, dereference: true });
const file = join(out, 'index.js');
let code = readFileSync(file, 'utf8');
const names = list.split(',').filter(Boolean);
for (const name of names) {
  if (!PATCHES[name]) throw new Error(`unknown patch ${name}`);
  for (const [from, to] of PATCHES[name]) {
    if (code.split(from).length !== 2)
      throw new Error(`patch ${name}: anchor not found exactly once: ${JSON.stringify(from.slice(0, 60))}`);
    code = code.replace(from, to);
  }
}
code = `import { isHotShape, stepFastPath, messageFastPath, stepFastPathLast, messageFastPathLast } from ${JSON.stringify(candidates)};\n${code}`;
writeFileSync(file, code);
console.log(`${out}: ${names.join(', ') || '(no patch)'}`);
