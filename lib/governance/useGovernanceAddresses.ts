import { getDeployment } from '../chain/contracts';
import type { GovernanceAddresses } from './templates';

/** The addresses templates and the action decoder need, from the deployment. */
export function governanceAddresses(): GovernanceAddresses & { HashrateNFT: `0x${string}` } {
  const d = getDeployment();
  return {
    Marketplace: d.Marketplace,
    MinerRegistry: d.MinerRegistry,
    Council: d.Council,
    CouncilGate: d.CouncilGate,
    Timelock: d.Timelock,
    DMC: d.DMC,
    PaymentToken: d.PaymentToken,
    DefaultGuard: d.DefaultGuard,
    InsuranceFund: d.InsuranceFund,
    LoanMarket: d.LoanMarket,
    DMCMining: d.DMCMining,
    JointPoolFactory: d.JointPoolFactory,
    PoolGuard: d.PoolGuard,
    HashrateNFT: d.HashrateNFT,
  };
}
