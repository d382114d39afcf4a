// Builds the Next app only when its inputs changed since the last build.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './anvil';

const INPUT_DIRS = ['app', 'components', 'lib', 'contracts-abi', 'public'];
const INPUT_FILES = ['next.config.ts', 'package-lock.json', 'tsconfig.json', 'postcss.config.mjs'];

function walk(dir: string, out: string[]): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
}

/** A hash of everything a production build depends on, public env included. */
export function buildInputsHash(): string {
  const files: string[] = [];
  for (const d of INPUT_DIRS) walk(path.join(ROOT, d), files);
  for (const f of INPUT_FILES) if (existsSync(path.join(ROOT, f))) files.push(path.join(ROOT, f));
  const hash = createHash('sha256');
  for (const f of files) hash.update(path.relative(ROOT, f)).update(readFileSync(f));
  for (const [k, v] of Object.entries(process.env).filter(([k]) => k.startsWith('NEXT_PUBLIC_')).sort()) hash.update(`${k}=${v}`);
  return hash.digest('hex');
}

export const distDir = () => path.join(ROOT, process.env.NEXT_DIST_DIR || '.next');

/** Runs `next build` unless the last build had the same inputs. Returns whether it built. */
export function buildIfNeeded(log: (s: string) => void = console.log): boolean {
  const marker = path.join(distDir(), 'dmex-build-inputs');
  const hash = buildInputsHash();
  if (existsSync(marker) && readFileSync(marker, 'utf8') === hash && existsSync(path.join(distDir(), 'BUILD_ID'))) {
    log('app: the production build is up to date');
    return false;
  }
  log('app: building for production (about a minute)…');
  execFileSync(path.join(ROOT, 'node_modules', '.bin', 'next'), ['build'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  writeFileSync(marker, hash);
  return true;
}
