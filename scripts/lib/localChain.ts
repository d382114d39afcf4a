// Brings the local chain to a usable state: started, contracts deployed, demo data seeded.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createPublicClient, http } from 'viem';
import { LOCAL_CHAIN_ID, ROOT, startAnvil, type Anvil } from './anvil';
import { codeFingerprint } from './artifacts';
import { deployAll, localDeployOptions } from './deploy';
import { readDeploymentIfCurrent, writeDeployment, type Deployment } from './deployment';
import { seed } from './seed';

export const CHAIN_DIR = path.join(ROOT, '.chain');

async function hasCode(rpcUrl: string, d: Deployment | undefined): Promise<boolean> {
  if (!d) return false;
  const client = createPublicClient({ transport: http(rpcUrl) });
  for (const address of Object.values(d.contracts)) {
    const code = await client.getCode({ address });
    if (!code || code === '0x') return false;
  }
  return true;
}

/** Deploys to the local chain when the deployment file's addresses have no code there. */
export async function ensureDeployed(rpcUrl: string, log: (s: string) => void = console.log): Promise<Deployment> {
  const existing = readDeploymentIfCurrent(LOCAL_CHAIN_ID);
  if (await hasCode(rpcUrl, existing)) {
    log('chain: contracts already deployed');
    return existing!;
  }
  log('chain: deploying contracts…');
  const deployed = await deployAll(localDeployOptions(rpcUrl, Number(process.env.PORT ?? 3000)));
  if (JSON.stringify(deployed.contracts) !== JSON.stringify(existing?.contracts)) {
    // Only when the deploy sequence changed: the committed addresses and generated ABIs must follow.
    writeDeployment(deployed);
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(ROOT, 'scripts', 'generate-abi.ts')], { stdio: 'inherit' });
    log('chain: new addresses written to deployments/31337.json and contracts-abi/ (commit them)');
  }
  return deployed;
}

/**
 * Starts anvil and makes it ready. `persist`: keep the chain in .chain/state.json across restarts (reset
 * automatically when the contracts' code changed, since old deployments would not match the ABIs).
 */
export async function startLocalChain(opts: { port: number; persist: boolean; log?: (s: string) => void }): Promise<{ anvil: Anvil; deployment: Deployment }> {
  const log = opts.log ?? console.log;
  let stateFile: string | undefined;
  if (opts.persist) {
    mkdirSync(CHAIN_DIR, { recursive: true });
    stateFile = path.join(CHAIN_DIR, 'state.json');
    const fingerprintFile = path.join(CHAIN_DIR, 'contracts-fingerprint');
    const fingerprint = codeFingerprint();
    const previous = existsSync(fingerprintFile) ? readFileSync(fingerprintFile, 'utf8') : null;
    if (previous !== fingerprint && existsSync(stateFile)) {
      log('chain: the contracts changed since this chain was saved; starting a fresh local chain');
      rmSync(stateFile);
    }
    writeFileSync(fingerprintFile, fingerprint);
  }
  const anvil = await startAnvil({ port: opts.port, stateFile });
  log(`chain: anvil on ${anvil.rpcUrl}${stateFile ? ` (state in ${path.relative(ROOT, stateFile)})` : ' (fresh, not saved)'}`);
  try {
    const deployment = await ensureDeployed(anvil.rpcUrl, log);
    await seed(anvil.rpcUrl, deployment, log);
    return { anvil, deployment };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}
