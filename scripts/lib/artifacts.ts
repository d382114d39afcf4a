// Reads compiled contracts from the forge build (contracts/out).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Abi, Hex } from 'viem';
import { ROOT } from './anvil';

export const DEPLOYED_CONTRACTS = [
  { name: 'MockUSDT', file: 'MockUSDT.sol', localOnly: true },
  { name: 'HashrateNFT', file: 'HashrateNFT.sol', localOnly: false },
  { name: 'Marketplace', file: 'Marketplace.sol', localOnly: false },
  { name: 'TimelockController', file: 'TimelockController.sol', localOnly: false },
  { name: 'StepVestingWallet', file: 'StepVestingWallet.sol', localOnly: false },
  { name: 'DMC', file: 'DMC.sol', localOnly: false },
  { name: 'DMEXGovernor', file: 'DMEXGovernor.sol', localOnly: false },
  { name: 'Council', file: 'Council.sol', localOnly: false },
  { name: 'CouncilGate', file: 'CouncilGate.sol', localOnly: false },
  { name: 'MinerRegistry', file: 'MinerRegistry.sol', localOnly: false },
  { name: 'MockWBTC', file: 'MockWBTC.sol', localOnly: true },
  { name: 'IFIL', file: 'IFIL.sol', localOnly: false },
  { name: 'YieldOracle', file: 'YieldOracle.sol', localOnly: false },
  { name: 'YieldDistributor', file: 'YieldDistributor.sol', localOnly: false },
  { name: 'RevenueEscrow', file: 'RevenueEscrow.sol', localOnly: false },
  { name: 'DefaultGuard', file: 'DefaultGuard.sol', localOnly: false },
  { name: 'InsuranceFund', file: 'InsuranceFund.sol', localOnly: false },
  { name: 'LoanMarket', file: 'LoanMarket.sol', localOnly: false },
  { name: 'DMCMining', file: 'DMCMining.sol', localOnly: false },
  { name: 'Revenue', file: 'Revenue.sol', localOnly: false },
  { name: 'JointPoolFactory', file: 'JointPoolFactory.sol', localOnly: false },
  { name: 'PoolGuard', file: 'PoolGuard.sol', localOnly: false },
  { name: 'PromotionNodes', file: 'PromotionNodes.sol', localOnly: false },
  // deployed by the factory, one per miner (its ABI is read here for the seed)
  { name: 'JointPool', file: 'JointPool.sol', localOnly: false },
] as const;
export type ContractName = (typeof DEPLOYED_CONTRACTS)[number]['name'];

export type Artifact = { abi: Abi; bytecode: Hex };

export function loadArtifact(name: ContractName): Artifact {
  const entry = DEPLOYED_CONTRACTS.find((c) => c.name === name)!;
  const file = path.join(ROOT, 'contracts', 'out', entry.file, `${name}.json`);
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run contracts:build`);
  const json = JSON.parse(readFileSync(file, 'utf8'));
  const bytecode = json.bytecode?.object;
  if (!bytecode || bytecode === '0x') throw new Error(`${file} has no bytecode: run npm run contracts:build`);
  return { abi: json.abi, bytecode };
}

function hasBytecode(name: ContractName): boolean {
  try {
    loadArtifact(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * Builds the contracts and makes sure every deployed one has bytecode. A filtered `forge test --match-*`
 * leaves "sparse" artifacts (ABI only) that a plain `forge build` considers up to date, hence the forced
 * rebuild when one is missing.
 */
export function ensureContractsBuilt(): void {
  const forge = (...args: string[]) =>
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'forge.mjs'), 'build', ...args], { stdio: 'inherit' });
  forge();
  if (DEPLOYED_CONTRACTS.every((c) => hasBytecode(c.name))) return;
  forge('--force');
  for (const c of DEPLOYED_CONTRACTS) loadArtifact(c.name);
}

/** A hash of every deployed contract's creation code: when it changes, the local chain must be redeployed. */
export function codeFingerprint(): string {
  const hash = createHash('sha256');
  for (const c of DEPLOYED_CONTRACTS) hash.update(loadArtifact(c.name).bytecode);
  return hash.digest('hex').slice(0, 16);
}
