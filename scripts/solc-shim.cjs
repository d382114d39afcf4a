#!/usr/bin/env node
// forge cannot download solc on these machines, so it calls this shim instead
// (FOUNDRY_SOLC, set by scripts/forge.mjs). It speaks the two parts of solc's
// CLI that forge uses: `--version` and `--standard-json` on stdin.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const solc = require('solc');

const args = process.argv.slice(2);
if (args.includes('--version')) {
  process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${solc.version()}\n`);
  process.exit(0);
}

const roots = [];
for (let i = 0; i < args.length; i++) {
  if ((args[i] === '--base-path' || args[i] === '--include-path') && args[i + 1]) roots.push(args[++i]);
}
roots.push(path.resolve(__dirname, '..', 'node_modules'), process.cwd());

function findImports(importPath) {
  for (const root of roots) {
    const candidate = path.resolve(root, importPath);
    if (fs.existsSync(candidate)) return { contents: fs.readFileSync(candidate, 'utf8') };
  }
  return { error: `File not found: ${importPath}` };
}

const input = fs.readFileSync(0, 'utf8');
process.stdout.write(solc.compile(input, { import: findImports }));
