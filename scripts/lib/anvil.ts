// Starts and stops a local anvil node (the binary from the npm platform package).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const LOCAL_CHAIN_ID = 31337;

function anvilBinary(): string {
  const platform = `${process.platform}-${process.arch === 'x64' ? 'amd64' : process.arch}`;
  const bin = path.join(ROOT, 'node_modules', '@foundry-rs', `anvil-${platform}`, 'bin', 'anvil');
  if (!existsSync(bin)) throw new Error(`anvil binary not found at ${bin}: run npm install`);
  return bin;
}

export type Anvil = { rpcUrl: string; port: number; stop: () => Promise<void> };

/** Starts anvil on 127.0.0.1:port; with `stateFile` the chain is loaded from and saved to it; `genesisNumber`
 * starts the chain at that block number (the benchmark's long chain). */
export async function startAnvil(opts: { port: number; stateFile?: string; quiet?: boolean; genesisNumber?: number }): Promise<Anvil> {
  const rpcUrl = `http://127.0.0.1:${opts.port}`;
  // A node already answering there (say, an anvil left over from a crashed run) would be mistaken for ours.
  const occupied = await fetch(rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' }).then(
    () => true,
    () => false,
  );
  if (occupied) throw new Error(`port ${opts.port} is already taken by another node; stop it (e.g. pkill -f "anvil.*--port ${opts.port}") and retry`);
  const args = ['--host', '127.0.0.1', '--port', String(opts.port), '--chain-id', String(LOCAL_CHAIN_ID), '--accounts', '21'];
  if (opts.stateFile) args.push('--state', opts.stateFile, '--state-interval', '5');
  if (opts.genesisNumber) args.push('--number', String(opts.genesisNumber));
  // anvil writes the states of older blocks to a cache directory (by default a new one under ~/.foundry/anvil/tmp
  // per run: gigabytes for the benchmark's chain) and leaves it behind when it exits, even on a clean shutdown. Each
  // node gets a directory of its own here, removed when the node exits (left at the default, a day of test and
  // benchmark runs filled 75 GB of this machine's disk).
  const cachePath = mkdtempSync(path.join(tmpdir(), 'dmex-anvil-cache-'));
  args.push('--cache-path', cachePath);
  const removeCache = () => rmSync(cachePath, { recursive: true, force: true });
  const child: ChildProcess = spawn(anvilBinary(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.once('exit', removeCache);
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
    if (!opts.quiet && output.length < 100_000) process.stdout.write('');
  });
  child.stderr?.on('data', (d) => (output += d));

  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`anvil exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      });
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`anvil did not start on port ${opts.port}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    rpcUrl,
    port: opts.port,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM'); // anvil writes --state on a clean shutdown
      await exited;
    },
  };
}
