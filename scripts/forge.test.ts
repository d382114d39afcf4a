import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The npm forge wrapper exits 0 even when tests fail; this proves our runner does not.
const runner = path.resolve(import.meta.dirname, 'forge.mjs');
let project: string;

beforeAll(() => {
  project = mkdtempSync(path.join(tmpdir(), 'dmex-forge-'));
  mkdirSync(path.join(project, 'test'));
  writeFileSync(path.join(project, 'foundry.toml'), '[profile.default]\nsrc = "test"\nout = "out"\noffline = true\n');
  writeFileSync(
    path.join(project, 'test', 'Exit.t.sol'),
    `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;
contract ExitTest {
    function test_Passes() public pure { require(1 + 1 == 2, "math"); }
    function test_Fails() public pure { require(1 + 1 == 3, "deliberately failing"); }
}
`,
  );
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

const forge = (...args: string[]) =>
  spawnSync(process.execPath, [runner, 'test', ...args], { env: { ...process.env, FORGE_PROJECT_ROOT: project }, encoding: 'utf8' });

describe('scripts/forge.mjs', () => {
  it('exits non-zero when a forge test fails', () => {
    const r = forge();
    expect(r.stdout).toContain('[FAIL: deliberately failing] test_Fails()');
    expect(r.status).toBe(1);
  });
  it('exits zero when the tests it runs pass', () => {
    const r = forge('--match-test', 'test_Passes');
    expect(r.stdout).toContain('[PASS] test_Passes()');
    expect(r.status).toBe(0);
  });
});
