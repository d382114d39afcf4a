import type { Abi } from 'viem';
import {
  councilAbi,
  councilGateAbi,
  defaultGuardAbi,
  dmcAbi,
  dmcMiningAbi,
  dmexGovernorAbi,
  hashrateNftAbi,
  ifilAbi,
  insuranceFundAbi,
  jointPoolAbi,
  jointPoolFactoryAbi,
  loanMarketAbi,
  marketplaceAbi,
  minerRegistryAbi,
  mockUsdtAbi,
  poolGuardAbi,
  promotionNodesAbi,
  revenueAbi,
  revenueEscrowAbi,
  timelockControllerAbi,
  yieldDistributorAbi,
  yieldOracleAbi,
} from '../../contracts-abi';

/**
 * Every custom error any DMEX call can bubble up, so reverts decode into names wherever they come from. It needs every
 * contract's ABI, so it lives apart from lib/chain/contracts: a page loads it only when it sends a transaction
 * (lib/tx/useTransaction imports it on demand) or decodes a revert on the server.
 */
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
export const errorsAbi: AbiErrorItem[] = (() => {
  // One entry per signature, the first met (the same OpenZeppelin error appears in many ABIs).
  const bySignature = new Map<string, AbiErrorItem>();
  for (const item of errorSources.flat()) {
    if (item.type !== 'error') continue;
    const signature = `${item.name}(${item.inputs.map((i) => i.type).join(',')})`;
    if (!bySignature.has(signature)) bySignature.set(signature, item);
  }
  return [...bySignature.values()];
})();
