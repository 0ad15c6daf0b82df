#!/usr/bin/env node
'use strict';
// Runs the compiled CLI (dist/, built by `npm run build`, which `npm ci` runs via "prepare").
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const entry = join(__dirname, '..', 'dist', 'harness', 'cli', 'main.js');
if (!existsSync(entry)) {
  console.error(`[live-harness] Failed to start: ${entry} is missing. Run "npm run build" in the live-harness folder.`);
  process.exit(2);
}
require(entry)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
