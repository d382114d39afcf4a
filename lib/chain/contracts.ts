import type { Abi, Address } from 'viem';
import {
  councilAbi,
  councilGateAbi,
  defaultGuardAbi,
  deployments,
  dmcMiningAbi,
  dmcAbi,
  dmexGovernorAbi,
  hashrateNftAbi,
  ifilAbi,
  insuranceFundAbi,
  loanMarketAbi,
  marketplaceAbi,
  minerRegistryAbi,
  mockUsdtAbi,
  mockWbtcAbi,
  revenueAbi,
  jointPoolAbi,
  jointPoolFactoryAbi,
  poolGuardAbi,
  promotionNodesAbi,
  revenueEscrowAbi,
  timelockControllerAbi,
  yieldDistributorAbi,
  yieldOracleAbi,
} from '../../contracts-abi';
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

/** Every custom error any DMEX call can bubble up, so reverts decode into names wherever they come from. */
type AbiErrorItem = Extract<Abi[number], { type: 'error' }>;
const errorSources: Abi[] = [
  marketplaceAbi,
  hashrateNftAbi,
  mockUsdtAbi,
  minerRegistryAbi,
  councilAbi,
  councilGateAbi,
  dmexGovernorAbi,
  dmcAbi,
  timelockControllerAbi,
  ifilAbi,
  yieldOracleAbi,
  yieldDistributorAbi,
  revenueEscrowAbi,
  defaultGuardAbi,
  insuranceFundAbi,
  loanMarketAbi,
  dmcMiningAbi,
  revenueAbi,
  jointPoolAbi,
  jointPoolFactoryAbi,
  poolGuardAbi,
  promotionNodesAbi,
];
export const errorsAbi: AbiErrorItem[] = errorSources
  .flat()
  .filter((x): x is AbiErrorItem => x.type === 'error')
  .filter((x, i, all) => all.findIndex((y) => y.name === x.name && JSON.stringify(y.inputs) === JSON.stringify(x.inputs)) === i);

/** USD stablecoin decimals (USDT). */
export const PAYMENT_DECIMALS = 6;
export const PAYMENT_SYMBOL = 'USDT';

/** IFIL (wrapped FIL) and the other yield tokens: 18 decimals for IFIL, 8 for wrapped BTC. */
export const IFIL_DECIMALS = 18;
export const WBTC_DECIMALS = 8;

export {
  dmcMiningAbi,
  revenueAbi,
  jointPoolAbi,
  jointPoolFactoryAbi,
  poolGuardAbi,
  promotionNodesAbi,
  councilAbi,
  councilGateAbi,
  defaultGuardAbi,
  insuranceFundAbi,
  loanMarketAbi,
  revenueEscrowAbi,
  dmcAbi,
  dmexGovernorAbi,
  hashrateNftAbi,
  ifilAbi,
  marketplaceAbi,
  minerRegistryAbi,
  mockUsdtAbi,
  mockWbtcAbi,
  timelockControllerAbi,
  yieldDistributorAbi,
  yieldOracleAbi,
};
