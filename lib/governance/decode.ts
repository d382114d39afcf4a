import { decodeFunctionData, erc20Abi, getAddress, type Abi, type Address, type Hex } from 'viem';
import { councilAbi } from '../../contracts-abi/Council.gen';
import { councilGateAbi } from '../../contracts-abi/CouncilGate.gen';
import { dmcMiningAbi } from '../../contracts-abi/DMCMining.gen';
import { defaultGuardAbi } from '../../contracts-abi/DefaultGuard.gen';
import { hashrateNftAbi } from '../../contracts-abi/HashrateNFT.gen';
import { insuranceFundAbi } from '../../contracts-abi/InsuranceFund.gen';
import { jointPoolFactoryAbi } from '../../contracts-abi/JointPoolFactory.gen';
import { loanMarketAbi } from '../../contracts-abi/LoanMarket.gen';
import { marketplaceAbi } from '../../contracts-abi/Marketplace.gen';
import { minerRegistryAbi } from '../../contracts-abi/MinerRegistry.gen';
import { poolGuardAbi } from '../../contracts-abi/PoolGuard.gen';
import { timelockControllerAbi } from '../../contracts-abi/TimelockController.gen';
import { formatAmount } from '../format/amount';
import type { MessageKey } from '../i18n/messages/en';
import type { TranslateVars } from '../i18n/translate';
import { CANCELLER_ROLE, PROPOSER_ROLE, type GovernanceAddresses } from './templates';
import { timelockOperationId } from './timelock';

export type Action = { target: Address; value: bigint; calldata: Hex };
export type DescribedAction = { key: MessageKey; vars: TranslateVars; raw: string };

const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;

/**
 * Puts a proposal's action into words, so voters see what a vote does before they cast it. Known calls of
 * DMEX contracts get a sentence; anything else shows the decoded call or the raw data.
 */
export function describeAction(action: Action, a: GovernanceAddresses & { HashrateNFT: Address }, locale = 'en'): DescribedAction {
  const target = getAddress(action.target);
  const known: { address: Address; name: string; abi: Abi }[] = [
    { address: a.MinerRegistry, name: 'MinerRegistry', abi: minerRegistryAbi },
    { address: a.Marketplace, name: 'Marketplace', abi: marketplaceAbi },
    { address: a.Council, name: 'Council', abi: councilAbi },
    { address: a.CouncilGate, name: 'CouncilGate', abi: councilGateAbi },
    { address: a.Timelock, name: 'Timelock', abi: timelockControllerAbi },
    { address: a.HashrateNFT, name: 'HashrateNFT', abi: hashrateNftAbi },
    { address: a.DefaultGuard, name: 'DefaultGuard', abi: defaultGuardAbi },
    { address: a.InsuranceFund, name: 'InsuranceFund', abi: insuranceFundAbi },
    { address: a.LoanMarket, name: 'LoanMarket', abi: loanMarketAbi },
    { address: a.DMCMining, name: 'DMCMining', abi: dmcMiningAbi },
    { address: a.JointPoolFactory, name: 'JointPoolFactory', abi: jointPoolFactoryAbi },
    { address: a.PoolGuard, name: 'PoolGuard', abi: poolGuardAbi },
    { address: a.PaymentToken, name: 'USDT', abi: erc20Abi },
    { address: a.DMC, name: 'DMC', abi: erc20Abi },
  ];
  const contract = known.find((k) => getAddress(k.address) === target);
  let decoded: { functionName: string; args?: readonly unknown[] } | null = null;
  if (contract) {
    try {
      decoded = decodeFunctionData({ abi: contract.abi, data: action.calldata });
    } catch {
      decoded = null;
    }
  }
  const raw = decoded && contract
    ? `${contract.name}.${decoded.functionName}(${(decoded.args ?? []).map(String).join(', ')})`
    : `${target} ← ${action.calldata.slice(0, 74)}${action.calldata.length > 74 ? '…' : ''}`;
  const args = decoded?.args ?? [];
  const n = (i: number) => args[i] as bigint;
  const s = (i: number) => String(args[i]);

  if (decoded && contract) {
    switch (`${contract.name}.${decoded.functionName}`) {
      case 'MinerRegistry.approve':
        return { key: 'gov.action.approve', vars: { id: s(0) }, raw };
      case 'MinerRegistry.reject':
        return { key: 'gov.action.reject', vars: { id: s(0), reason: s(1) }, raw };
      case 'MinerRegistry.setStakeAmount':
        return { key: 'gov.action.stake', vars: { amount: formatAmount(n(0), 18, { locale }) }, raw };
      case 'Marketplace.setIssuanceFeeBps':
        return { key: 'gov.action.issuanceFee', vars: { percent: formatAmount(n(0), 2, { locale }) }, raw };
      case 'Marketplace.setFeeBps':
        return { key: 'gov.action.tradingFee', vars: { percent: formatAmount(n(0), 2, { locale }) }, raw };
      case 'Council.replaceMember':
        return { key: 'gov.action.councilReplace', vars: { old: short(s(0)), new: short(s(1)) }, raw };
      case 'DefaultGuard.haltByGovernance':
        return { key: 'gov.action.halt', vars: { id: s(0) }, raw };
      case 'DefaultGuard.resumeByGovernance':
        return { key: 'gov.action.resume', vars: { id: s(0) }, raw };
      case 'DefaultGuard.overturn':
        return { key: 'gov.action.overturn', vars: { id: s(0) }, raw };
      case 'InsuranceFund.openPayout': {
        const usdt = getAddress(s(1)) === getAddress(a.PaymentToken);
        return { key: 'gov.action.payout', vars: { id: s(0), amount: formatAmount(n(2), usdt ? 6 : 18, { locale }), symbol: usdt ? 'USDT' : 'DMC' }, raw };
      }
      case 'Marketplace.setInsuranceShareBps':
        return { key: 'gov.action.insuranceShare', vars: { percent: formatAmount(n(0), 2, { locale }) }, raw };
      case 'LoanMarket.setFeeBps':
        return { key: 'gov.action.lendingFee', vars: { percent: formatAmount(n(0), 2, { locale }) }, raw };
      case 'LoanMarket.setGracePeriod':
        return { key: 'gov.action.loanGrace', vars: { hours: new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(Number(n(0)) / 3600) }, raw };
      case 'DMCMining.setSplit': {
        const [b, l, st] = args[0] as readonly [number, number, number];
        const pct = (x: number) => formatAmount(BigInt(x), 2, { locale });
        return { key: 'gov.action.miningRatios', vars: { behaviour: pct(b), liquidity: pct(l), staking: pct(st) }, raw };
      }
      case 'JointPoolFactory.open':
        return { key: 'gov.action.openJointPool', vars: { miner: short(s(0)), power: formatAmount(n(1), 3, { locale }), cap: formatAmount(n(1) * 25n, 3, { locale }) }, raw };
      case 'DMCMining.addLockPool':
        return { key: 'gov.action.dtokenMining', vars: { pool: short(s(0)), weight: String(n(2)) }, raw };
      case 'MinerRegistry.slash':
        return { key: 'gov.action.slash', vars: { id: n(0).toString() }, raw };
      case 'PoolGuard.openPayout': {
        const usdt = getAddress(s(1)) === getAddress(a.PaymentToken);
        return { key: 'gov.action.poolPayout', vars: { pool: short(s(0)), amount: formatAmount(n(2), usdt ? 6 : 18, { locale }), symbol: usdt ? 'USDT' : 'DMC' }, raw };
      }
      case 'InsuranceFund.withdraw': {
        const usdt = getAddress(s(0)) === getAddress(a.PaymentToken);
        const to = getAddress(s(1)) === getAddress(a.PoolGuard) ? 'PoolGuard' : short(s(1));
        return { key: 'gov.action.fundWithdraw', vars: { to, amount: formatAmount(n(2), usdt ? 6 : 18, { locale }), symbol: usdt ? 'USDT' : 'DMC' }, raw };
      }
      case 'PoolGuard.overturn':
        return { key: 'gov.action.overturnPool', vars: { pool: short(s(0)) }, raw };
      case 'Timelock.cancel':
        return { key: 'gov.action.cancelOperation', vars: { id: short(s(0)) }, raw };
      case 'CouncilGate.cancelBatch': {
        const [targets, values, payloads, predecessor, salt] = args as [Address[], bigint[], Hex[], Hex, Hex];
        return { key: 'gov.action.cancelOperation', vars: { id: short(timelockOperationId(targets, values, payloads, predecessor, salt)) }, raw };
      }
      case 'Timelock.revokeRole':
        if (args[0] === PROPOSER_ROLE && getAddress(s(1)) === getAddress(a.CouncilGate)) return { key: 'gov.action.phase2', vars: {}, raw };
        if (args[0] === CANCELLER_ROLE && getAddress(s(1)) === getAddress(a.CouncilGate)) return { key: 'gov.action.endCouncilCancel', vars: {}, raw };
        break;
      case 'USDT.transfer':
      case 'DMC.transfer':
        return {
          key: 'gov.action.treasury',
          vars: { amount: formatAmount(n(1), contract.name === 'USDT' ? 6 : 18, { locale }), symbol: contract.name, to: short(s(0)) },
          raw,
        };
    }
    return { key: 'gov.action.call', vars: { call: raw }, raw };
  }
  return { key: 'gov.action.unknown', vars: { target: short(target), value: action.value.toString() }, raw };
}
