#!/usr/bin/env node
// `npm run docs` (with --require-examples, so `npm test` fails on an export without an example): the TypeDoc API
// reference (typedoc.json: every public entry point, out docs/api, warnings are errors), then the list of exports
// whose doc comment has no `@example`.
//
//   node scripts/docs.mjs                     build docs/api, list exports without an example (informational)
//   node scripts/docs.mjs --require-examples  ... and fail when the list is not empty
//   node scripts/docs.mjs --out /tmp/api      any TypeDoc option overrides typedoc.json
//
// It runs TypeDoc through its API (the same steps and exit rules as the `typedoc` CLI) so that the example check
// reads the converted project in the same process instead of converting the sources twice.
import { Application, ReflectionKind } from 'typedoc';
import { fileURLToPath } from 'node:url';

const requireExamples = process.argv.includes('--require-examples');
const typedocArgs = process.argv.slice(2).filter((arg) => arg !== '--require-examples');
process.chdir(fileURLToPath(new URL('..', import.meta.url)));

const started = performance.now();
// Patch argv so TypeDoc's ArgumentsReader sees only its own options.
process.argv = [process.argv[0], process.argv[1], ...typedocArgs];
const app = await Application.bootstrapWithPlugins();
const strict = app.options.getValue('treatWarningsAsErrors');
const failIfWarned = (stage) => {
  if (app.logger.hasErrors() || (strict && app.logger.hasWarnings())) {
    console.error(
      `docs: failed at ${stage} (${app.logger.errorCount} errors, ${app.logger.warningCount} warnings; warnings are errors)`,
    );
    process.exit(1);
  }
};

failIfWarned('options');
const project = await app.convert();
if (!project) {
  console.error('docs: TypeDoc could not convert the sources');
  process.exit(1);
}
failIfWarned('conversion');
app.validate(project);
failIfWarned('validation');
await app.generateOutputs(project);
failIfWarned('output');
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`docs: ${app.options.getValue('out')} generated without warnings in ${seconds} s`);

// ---- exports without an @example ----
const hasExample = (comment) => Boolean(comment?.blockTags.some((tag) => tag.tag === '@example'));
const documented = (reflection) =>
  hasExample(reflection.comment) ||
  (reflection.signatures ?? []).some((signature) => hasExample(signature.comment)) ||
  hasExample(reflection.getSignature?.comment) ||
  hasExample(reflection.setSignature?.comment);

const modules = project.children?.some((child) => child.kindOf(ReflectionKind.Module)) ? project.children : [project];
const missing = [];
let total = 0;
for (const module of modules) {
  // A value and a type under one name (the io-ts codecs) are one export: an example on either counts.
  const byName = new Map();
  for (const child of module.children ?? []) {
    if (child.kindOf(ReflectionKind.Reference)) continue; // re-exported from another entry point, checked there
    const entry = byName.get(child.name) ?? { kinds: new Set(), ok: false };
    entry.kinds.add(ReflectionKind.singularString(child.kind));
    entry.ok ||= documented(child);
    byName.set(child.name, entry);
  }
  for (const [name, { kinds, ok }] of byName) {
    total += 1;
    if (!ok) missing.push({ module: module === project ? project.name : module.name, name, kinds: [...kinds].join(' + ') });
  }
}

if (missing.length === 0) {
  console.log(`docs: all ${total} exports have an @example`);
} else {
  console.log(`docs: ${missing.length} of ${total} exports have no @example in their doc comment:`);
  for (const { module, name, kinds } of missing) console.log(`  ${module}: ${name} (${kinds})`);
  if (requireExamples) process.exit(1);
}
