// The deployment file of a chain: deployments/<chainId>.json (addresses and the block to index from).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Address } from 'viem';
import { z } from 'zod';
import { ROOT } from './anvil';

const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/)
  .transform((a) => a as Address);
export const deploymentSchema = z.object({
  chainId: z.number().int().positive(),
  startBlock: z.number().int().nonnegative(),
  contracts: z.object({
    HashrateNFT: address,
    Marketplace: address,
    PaymentToken: address,
    DMC: address,
    Timelock: address,
    Governor: address,
    Council: address,
    CouncilGate: address,
    MinerRegistry: address,
    TeamVesting: address,
    PrivateVesting: address,
    IFIL: address,
    BtcYieldToken: address,
    YieldOracle: address,
    YieldDistributor: address,
    RevenueEscrow: address,
    DefaultGuard: address,
    InsuranceFund: address,
    LoanMarket: address,
    DMCMining: address,
    UniswapV2Factory: address,
    UniswapV2Router02: address,
    /** The Uniswap V2 DMC/USDT pair: its LP token is staked in liquidity mining. */
    DmcUsdtPair: address,
    /** The Uniswap V2 IFIL/USDT pair: Revenue sells the joint pools' IFIL fees there for USDT. */
    IfilUsdtPair: address,
    /** Platform revenue (the market's and loans' fee treasury) and the monthly DMC buyback and burn. */
    Revenue: address,
    /** Opens one joint mining pool (dToken) per miner, by a DAO vote. */
    JointPoolFactory: address,
    PoolGuard: address,
    /** Promotion nodes: commissions on primary sales bought through a node's link. */
    PromotionNodes: address,
  }),
  mocks: z.object({ MockUSDT: address, MockWBTC: address }).partial().default({}),
});
export type Deployment = z.infer<typeof deploymentSchema>;

export const deploymentsDir = path.join(ROOT, 'deployments');
export const deploymentFile = (chainId: number) => path.join(deploymentsDir, `${chainId}.json`);

export function readDeployment(chainId: number): Deployment | undefined {
  const file = deploymentFile(chainId);
  if (!existsSync(file)) return undefined;
  return deploymentSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** The deployment file, or undefined when it is missing or written for an older set of contracts. */
export function readDeploymentIfCurrent(chainId: number): Deployment | undefined {
  try {
    return readDeployment(chainId);
  } catch {
    return undefined;
  }
}

export function writeDeployment(d: Deployment): void {
  mkdirSync(deploymentsDir, { recursive: true });
  writeFileSync(deploymentFile(d.chainId), `${JSON.stringify(d, null, 2)}\n`);
}
