import type { Address } from 'viem';
import { deployments } from '../../contracts-abi/deployments.gen';
import { publicEnv } from '../env';

type Deployment = {
  startBlock: number;
  HashrateNFT: Address;
  Marketplace: Address;
  PaymentToken: Address;
  DMC: Address;
  Timelock: Address;
  Governor: Address;
  CouncilGate: Address;
  Council: Address;
  MinerRegistry: Address;
  TeamVesting: Address;
  PrivateVesting: Address;
  IFIL: Address;
  BtcYieldToken: Address;
  YieldOracle: Address;
  YieldDistributor: Address;
  RevenueEscrow: Address;
  DefaultGuard: Address;
  InsuranceFund: Address;
  LoanMarket: Address;
  DMCMining: Address;
  UniswapV2Factory: Address;
  UniswapV2Router02: Address;
  DmcUsdtPair: Address;
  IfilUsdtPair: Address;
  Revenue: Address;
  JointPoolFactory: Address;
  PoolGuard: Address;
  PromotionNodes: Address;
  MockUSDT?: Address;
  MockWBTC?: Address;
};

const all: Record<number, Deployment> = deployments;

/** Addresses of DMEX on the configured chain, or an explanation of why there are none. */
export function getDeployment(chainId: number = publicEnv.chainId): Deployment {
  const d = all[chainId];
  if (!d) throw new Error(`DMEX is not deployed on chain ${chainId}: add deployments/${chainId}.json and run npm run abi`);
  return d;
}

/** USD stablecoin decimals (USDT). */
export const PAYMENT_DECIMALS = 6;
export const PAYMENT_SYMBOL = 'USDT';

/** IFIL (wrapped FIL) and the other yield tokens: 18 decimals for IFIL, 8 for wrapped BTC. */
export const IFIL_DECIMALS = 18;
export const WBTC_DECIMALS = 8;

