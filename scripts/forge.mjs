#!/usr/bin/env node
// Runs forge from the npm platform package, never through node_modules/.bin/forge:
// that npm wrapper always exits 0, which would turn a failing test green.
// Usage: node scripts/forge.mjs <forge args...> [--check-snapshots]   (runs with --root contracts)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const platform = `${process.platform}-${process.arch === 'x64' ? 'amd64' : process.arch}`;
const forge = path.join(root, 'node_modules', '@foundry-rs', `forge-${platform}`, 'bin', 'forge');
if (!existsSync(forge)) {
  console.error(`forge binary not found at ${forge}: run npm install`);
  process.exit(1);
}

// FORGE_PROJECT_ROOT overrides the Foundry project (the runner's own test uses a throwaway project).
const project = process.env.FORGE_PROJECT_ROOT ? path.resolve(process.env.FORGE_PROJECT_ROOT) : path.join(root, 'contracts');

// --check-snapshots: fail when a gas snapshot in contracts/snapshots differs from the committed one.
const args = process.argv.slice(2);
const checkSnapshots = args.includes('--check-snapshots');
const forgeArgs = args.filter((a) => a !== '--check-snapshots');
// cwd too: forge writes some caches (fuzz failures) relative to the working directory.
const result = spawnSync(forge, [...forgeArgs, '--root', project], {
  cwd: project,
  stdio: 'inherit',
  env: {
    ...process.env,
    FOUNDRY_SOLC: path.join(root, 'scripts', 'solc-shim.cjs'),
    FOUNDRY_OFFLINE: 'true',
    ...(checkSnapshots ? { FORGE_SNAPSHOT_CHECK: 'true' } : {}),
  },
});
if (result.error) throw result.error;
process.exit(result.status ?? 1);
