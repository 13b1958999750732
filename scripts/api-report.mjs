#!/usr/bin/env node
// `npm run test:api` (part of `npm test`, after the build): the public API of every entry in package.json "exports"
// against the report checked in under etc/ (api-extractor). A change to the public surface fails here until the
// report is updated with `npm run api` and committed, so it shows in review.
//
//   node scripts/api-report.mjs            check: fails when an entry's API differs from etc/<entry>.api.md
//   node scripts/api-report.mjs --update   write the reports anew (what `npm run api` runs)
import { readFileSync, mkdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const update = process.argv.includes('--update');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const reportFolder = join(root, 'etc');
mkdirSync(reportFolder, { recursive: true });

/** `.` -> index, `./schema` -> schema: the entries and their bundled ESM declarations. */
const entries = Object.entries(pkg.exports)
  .filter(([, target]) => typeof target === 'object' && target.import?.types)
  .map(([subpath, target]) => ({ name: subpath === '.' ? 'index' : subpath.slice(2), types: join(root, target.import.types) }));

let failed = 0;
for (const { name, types } of entries) {
  if (!existsSync(types)) {
    console.error(`api report: ${types} is missing; run npm run build first`);
    process.exit(1);
  }
  const config = ExtractorConfig.prepare({
    configObject: {
      projectFolder: root,
      mainEntryPointFilePath: types,
      bundledPackages: [],
      compiler: {
        overrideTsconfig: {
          compilerOptions: {
            target: 'ES2022',
            module: 'ESNext',
            moduleResolution: 'Bundler',
            lib: ['ES2022', 'DOM'],
            types: [],
            skipLibCheck: true,
            strict: true,
          },
        },
      },
      apiReport: { enabled: true, reportFileName: `${name}.api.md`, reportFolder, reportTempFolder: join(root, '.tmp', 'api') },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        compilerMessageReporting: { default: { logLevel: 'warning' } },
        extractorMessageReporting: {
          default: { logLevel: 'warning', addToApiReportFile: false },
          // Release tags (@public/@beta) are not used: every export of an entry is public.
          'ae-missing-release-tag': { logLevel: 'none' },
          // Documentation is checked by `npm run docs` (every export has an @example), not here.
          'ae-undocumented': { logLevel: 'none' },
          // Links are TypeDoc's (`npm run docs` resolves them); TSDoc wants selectors for a type and a value of one name.
          'ae-unresolved-link': { logLevel: 'none' },
          // Types reachable only through another type are part of the report, not errors.
          'ae-forgotten-export': { logLevel: 'none', addToApiReportFile: true },
        },
        tsdocMessageReporting: { default: { logLevel: 'none' } },
      },
    },
    configObjectFullPath: join(root, 'api-extractor.json'),
    packageJsonFullPath: join(root, 'package.json'),
  });
  const result = Extractor.invoke(config, {
    localBuild: update,
    showVerboseMessages: false,
    messageCallback: (message) => {
      if (message.logLevel === 'warning' || message.logLevel === 'error') {
        console.error(`  ${name}: ${message.text}`);
        message.handled = true;
      } else {
        message.handled = true;
      }
    },
  });
  if (result.errorCount === 0 && !result.apiReportChanged) console.log(`  ${name}: the API matches etc/${name}.api.md`);
  else if (update) console.log(`  ${name}: etc/${name}.api.md written`);
  else {
    failed += 1;
    console.error(
      `  ${name}: the public API differs from etc/${name}.api.md (errors: ${result.errorCount}, warnings: ${result.warningCount}).`,
    );
    console.error(
      `    If the change is meant, run \`npm run api\` and commit etc/${name}.api.md; the diff is against .tmp/api/${name}.api.md.`,
    );
  }
}
if (failed) process.exit(1);
