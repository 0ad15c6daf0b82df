#!/usr/bin/env node
'use strict';
// The command line. The published package ships the built dist/ and runs it.
// A clone of the repository has the TypeScript sources and tsx (a
// devDependency): it runs the sources through tsx, so `npx live-harness run`
// works right after `npm ci` with no build step, and always runs the code as
// it is now, never a dist/ left over from an earlier build.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const source = join(root, 'harness', 'cli', 'main.ts');
const built = join(root, 'dist', 'harness', 'cli', 'main.js');

function tsxApi() {
  try {
    return require('tsx/cjs/api');
  } catch {
    return undefined; // a clone installed without devDependencies: dist/ if it was built
  }
}

function loadCli() {
  const tsx = existsSync(source) ? tsxApi() : undefined;
  if (tsx) {
    tsx.register();
    return require(source);
  }
  if (existsSync(built)) return require(built);
  console.error(
    `[live-harness] Failed to start: ${built} is missing, and so is tsx to run the sources. Run "npm ci" in ${root} (it installs tsx), or "npm run build".`,
  );
  process.exit(2);
}

loadCli()
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
