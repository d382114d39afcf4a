#!/usr/bin/env node
// npm test — every test layer in order, stopping at the first failure:
//   forge (unit, fuzz, invariant, gas snapshot check) → generated ABIs up to date → typecheck → lint (ESLint)
//   → vitest (units + integration on anvil) → Playwright (production build on anvil, Chromium).
// Ends with one line of counts across the layers.
// The index's integration tests run on both of its stores: SQLite, and PostgreSQL on a throwaway server that
// scripts/pg-server.sh starts (installing Debian's postgresql if it is missing) unless INDEX_TEST_DATABASE_URL
// already names one. DMEX_SKIP_POSTGRES=1 runs them on SQLite only (say so when you report results).
import { execFileSync, spawn } from 'node:child_process';

const layers = [
  { name: 'forge', cmd: ['node', 'scripts/forge.mjs', 'test', '--check-snapshots'], count: (o) => match(o, /(\d+) tests passed, (\d+) failed/g) },
  { name: 'abi', cmd: ['node', 'node_modules/tsx/dist/cli.mjs', 'scripts/generate-abi.ts', '--check'] },
  { name: 'typecheck', cmd: ['node', 'node_modules/typescript/bin/tsc', '--noEmit'] },
  { name: 'lint', cmd: ['node', 'node_modules/eslint/bin/eslint.js', '--max-warnings', '0', '.'] },
  { name: 'vitest', cmd: ['node', 'node_modules/vitest/vitest.mjs', 'run'], count: (o) => vitestCounts(o) },
  { name: 'playwright', cmd: ['node', 'node_modules/@playwright/test/cli.js', 'test'], count: (o) => playwrightCounts(o) },
];

const strip = (s) => s.replace(/\x1b\[[0-9;]*m/g, '');
function match(out, re) {
  let passed = 0, failed = 0;
  for (const m of strip(out).matchAll(re)) { passed += Number(m[1]); failed += Number(m[2]); }
  return { passed, failed };
}
function vitestCounts(out) {
  const line = strip(out).split('\n').find((l) => /^\s*Tests\s/.test(l)) ?? '';
  return { passed: Number(/(\d+) passed/.exec(line)?.[1] ?? 0), failed: Number(/(\d+) failed/.exec(line)?.[1] ?? 0) };
}
function playwrightCounts(out) {
  const text = strip(out);
  return { passed: Number(/^\s*(\d+) passed/m.exec(text)?.[1] ?? 0), failed: Number(/^\s*(\d+) failed/m.exec(text)?.[1] ?? 0) };
}

function run(cmd) {
  return new Promise((resolve) => {
    const child = spawn(cmd[0], cmd.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    let out = '';
    child.stdout.on('data', (d) => { out += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => { out += d; process.stderr.write(d); });
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

let startedPostgres = false;
if (!process.env.INDEX_TEST_DATABASE_URL && process.env.DMEX_SKIP_POSTGRES !== '1') {
  console.log('\n=== postgres: bash scripts/pg-server.sh start');
  try {
    process.env.INDEX_TEST_DATABASE_URL = execFileSync('bash', ['scripts/pg-server.sh', 'start'], { stdio: ['ignore', 'pipe', 'inherit'] }).toString().trim();
    startedPostgres = true;
    console.log(`index tests also run on PostgreSQL: ${process.env.INDEX_TEST_DATABASE_URL}`);
  } catch {
    console.error('\nno PostgreSQL server could be started for the index tests; DMEX_SKIP_POSTGRES=1 runs them on SQLite only');
    process.exit(1);
  }
}
process.on('exit', () => {
  if (startedPostgres) {
    try {
      execFileSync('bash', ['scripts/pg-server.sh', 'stop'], { stdio: 'ignore' });
    } catch {
      // best effort: a throwaway server in a temporary folder
    }
  }
});

const totals = { passed: 0, failed: 0 };
const summary = [];
for (const layer of layers) {
  console.log(`\n=== ${layer.name}: ${layer.cmd.join(' ')}`);
  let { code, out } = await run(layer.cmd);
  // `forge lint` can leave ABI-only artifacts that forge then calls up to date, finding no tests: rebuild once.
  if (layer.name === 'forge' && code === 0 && /No tests found/.test(out)) {
    console.log('forge found no tests in stale artifacts; rebuilding with --force');
    ({ code, out } = await run([...layer.cmd, '--force']));
  }
  if (layer.count) {
    const c = layer.count(out);
    totals.passed += c.passed;
    totals.failed += c.failed;
    summary.push(`${layer.name} ${c.passed} passed${c.failed ? `, ${c.failed} failed` : ''}`);
    if (code === 0 && c.passed === 0) {
      console.error(`\n${layer.name} ran no test`);
      process.exit(1);
    }
  } else {
    summary.push(`${layer.name} ${code === 0 ? 'ok' : 'FAILED'}`);
  }
  if (code !== 0) {
    console.error(`\n${layer.name} failed (exit ${code}); layers so far: ${summary.join(' · ')}`);
    process.exit(code);
  }
}
console.log(`\nlayers: ${summary.join(' · ')}`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed`);
