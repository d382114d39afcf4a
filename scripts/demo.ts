// npm run demo — the whole market on http://localhost:3000: a local anvil chain (state kept in .chain/),
// contracts deployed when missing, demo data seeded once, the app built when needed and served.
//   --port N        app port (3000)          --rpc-port N   anvil port (8545)
//   --fresh         a throwaway chain (the end-to-end tests use this)
//   --chain-only    only the chain (npm run chain), e.g. for `npm run dev`
//   --no-keeper     no daily oracle reports and demo miners' payments after a time jump (scripts/lib/keeper.ts;
//                   the end-to-end tests move time to make miners default)
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { devAccounts } from '../lib/chain/devAccounts';
import { ROOT } from './lib/anvil';
import { buildIfNeeded } from './lib/build';
import { ensureContractsBuilt } from './lib/artifacts';
import { startLocalChain } from './lib/localChain';
import { createKeeper } from './lib/keeper';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '3000' },
    'rpc-port': { type: 'string', default: '8545' },
    fresh: { type: 'boolean', default: false },
    'chain-only': { type: 'boolean', default: false },
    'no-keeper': { type: 'boolean', default: false },
  },
});
const port = Number(values.port);
const rpcPort = Number(values['rpc-port']);
process.env.PORT = String(port);

ensureContractsBuilt();
const { anvil, deployment } = await startLocalChain({ port: rpcPort, persist: !values.fresh });
const stopKeeper = values['no-keeper'] ? null : createKeeper(anvil.rpcUrl, deployment).start();

// A throwaway chain gets a throwaway listing index (removed on exit), so it never clobbers the demo's (.index/).
const freshIndexDir = values.fresh && !process.env.INDEX_DIR ? path.join(os.tmpdir(), `dmex-index-${port}-${process.pid}`) : null;

let app: ReturnType<typeof spawn> | null = null;
let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  stopKeeper?.();
  app?.kill('SIGTERM');
  await anvil.stop(); // anvil saves its state on a clean shutdown
  if (freshIndexDir) rmSync(freshIndexDir, { recursive: true, force: true });
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

if (values['chain-only']) {
  console.log(`\nLocal chain ready at ${anvil.rpcUrl}. Ctrl-C stops it (its state is saved).`);
} else {
  try {
    buildIfNeeded();
  } catch {
    console.error('the app did not build; stopping the chain');
    await stop(1);
  }
  app = spawn(path.join(ROOT, 'node_modules', '.bin', 'next'), ['start', '--port', String(port), '--hostname', '127.0.0.1'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: {
      ...process.env,
      RPC_URL: anvil.rpcUrl,
      NEXT_TELEMETRY_DISABLED: '1',
      ...(freshIndexDir ? { INDEX_DIR: freshIndexDir } : {}),
    },
  });
  app.on('exit', (code) => {
    if (!stopping) {
      console.error(`the app stopped (exit ${code})`);
      void stop(code ?? 1);
    }
  });
  console.log(`
DMEX is starting on http://localhost:${port}
  Connect Wallet → "DMEX local (development chain)" → Demo buyer (${devAccounts.buyer}),
  Second buyer (low balance), or the Miner. Ctrl-C stops the app and the chain (its state is saved).
`);
}
