#!/usr/bin/env node
'use strict';
// A stand-in for the WeChat DevTools CLI: `automator.launch({ cliPath: <this file>, projectPath })`
// runs `auto --project P --auto-port N`, and this serves the automation protocol on that port.
// As bin/live-harness.js: a clone runs the TypeScript sources through tsx; the package runs dist/.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const source = join(root, 'harness', 'automator-sim', 'launch-cli.ts');
const built = join(root, 'dist', 'harness', 'automator-sim', 'launch-cli.js');

function tsxApi() {
  try {
    return require('tsx/cjs/api');
  } catch {
    return undefined;
  }
}

function load() {
  const tsx = existsSync(source) ? tsxApi() : undefined;
  if (tsx) {
    tsx.register();
    return require(source);
  }
  if (existsSync(built)) return require(built);
  console.error(
    `[live-harness] Failed to start automator-sim: ${built} is missing, and so is tsx to run the sources. Run "npm ci" in ${root} (it installs tsx), or "npm run build".`,
  );
  process.exit(2);
}

load()
  .main(process.argv.slice(2))
  .then((code) => {
    // The server, the rig and their timers are closed; exit now rather than wait for stray handles of page code.
    process.exit(code);
  });
