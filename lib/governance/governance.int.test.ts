import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeFunctionData, getAddress, zeroAddress, type Address } from 'viem';
import { councilAbi, defaultGuardAbi, dmcAbi, dmcMiningAbi, dmexGovernorAbi, hashrateNftAbi, ifilAbi, insuranceFundAbi, loanMarketAbi, marketplaceAbi, minerRegistryAbi, revenueAbi, revenueEscrowAbi, timelockControllerAbi, yieldDistributorAbi, yieldOracleAbi } from '@/contracts-abi';
import { devAccounts, devCouncil } from '@/lib/chain/devAccounts';
import { BRIDGE_ROLE, DEFAULT_ADMIN_ROLE, ESCROW_ROLES, ISSUER_ROLE, REPORTER_ROLE, TIMELOCK_ROLES } from '@/scripts/lib/deploy';
import { demoPending, demoProducts } from '@/scripts/lib/seed';
import { startTestChain, type TestChain } from '@/test/localChain';
import { describeAction } from './decode';
import { proposalOperationId } from './timelock';
import { templates } from './templates';

let chain: TestChain;
beforeAll(async () => {
  chain = await startTestChain(8549, { seed: true });
});
afterAll(async () => chain?.anvil.stop());
beforeEach(async () => chain.snapshot());
afterEach(async () => chain.revert());

const read = <T>(...a: Parameters<TestChain['read']>) => chain.read<T>(...a);

describe('after deployment no externally owned account holds an admin role', () => {
  it('the timelock administers every contract; deployer, foundation and council members administer nothing', async () => {
    const c = chain.deployment.contracts;
    const eoas: Address[] = [devAccounts.deployer, devAccounts.foundation, devAccounts.bridge, devAccounts.reporter1, devAccounts.reporter2, devAccounts.reporter3, ...devCouncil];
    for (const eoa of eoas) {
      for (const [address, abi, name] of [[c.IFIL, ifilAbi, 'ifil'], [c.YieldOracle, yieldOracleAbi, 'oracle'], [c.YieldDistributor, yieldDistributorAbi, 'distributor'], [c.RevenueEscrow, revenueEscrowAbi, 'escrow'], [c.DefaultGuard, defaultGuardAbi, 'guard'], [c.InsuranceFund, insuranceFundAbi, 'fund'], [c.LoanMarket, loanMarketAbi, 'loans'], [c.Revenue, revenueAbi, 'revenue']] as const) {
        expect(await read<boolean>(address, abi, 'hasRole', [DEFAULT_ADMIN_ROLE, eoa]), `${name} admin ${eoa}`).toBe(false);
      }
      expect(await read<boolean>(c.HashrateNFT, hashrateNftAbi, 'hasRole', [DEFAULT_ADMIN_ROLE, eoa]), `nft admin ${eoa}`).toBe(false);
      expect(await read<boolean>(c.HashrateNFT, hashrateNftAbi, 'hasRole', [ISSUER_ROLE, eoa]), `issuer ${eoa}`).toBe(false);
      expect(await read<boolean>(c.Marketplace, marketplaceAbi, 'hasRole', [DEFAULT_ADMIN_ROLE, eoa]), `market admin ${eoa}`).toBe(false);
      for (const r of [DEFAULT_ADMIN_ROLE, TIMELOCK_ROLES.proposer, TIMELOCK_ROLES.canceller]) {
        expect(await read<boolean>(c.Timelock, timelockControllerAbi, 'hasRole', [r, eoa]), `timelock role ${r} ${eoa}`).toBe(false);
      }
    }
    expect(await read<boolean>(c.HashrateNFT, hashrateNftAbi, 'hasRole', [DEFAULT_ADMIN_ROLE, c.Timelock])).toBe(true);
    expect(await read<boolean>(c.HashrateNFT, hashrateNftAbi, 'hasRole', [ISSUER_ROLE, c.MinerRegistry])).toBe(true);
    expect(await read<boolean>(c.Marketplace, marketplaceAbi, 'hasRole', [DEFAULT_ADMIN_ROLE, c.Timelock])).toBe(true);
    expect(await read<boolean>(c.Timelock, timelockControllerAbi, 'hasRole', [DEFAULT_ADMIN_ROLE, c.Timelock])).toBe(true);
    for (const [address, abi] of [[c.IFIL, ifilAbi], [c.YieldOracle, yieldOracleAbi], [c.YieldDistributor, yieldDistributorAbi], [c.RevenueEscrow, revenueEscrowAbi], [c.DefaultGuard, defaultGuardAbi], [c.InsuranceFund, insuranceFundAbi], [c.LoanMarket, loanMarketAbi], [c.Revenue, revenueAbi]] as const) {
      expect(await read<boolean>(address, abi, 'hasRole', [DEFAULT_ADMIN_ROLE, c.Timelock])).toBe(true);
    }
    // Operational roles, not admin: three reporters post oracle values (the oracle's quorum: a day needs three
    // reports to have a value). Nobody mints IFIL: on the local chain, as on Filecoin, it wraps the native coin.
    expect(await read<boolean>(c.IFIL, ifilAbi, 'native')).toBe(true);
    expect(await read<boolean>(c.IFIL, ifilAbi, 'hasRole', [BRIDGE_ROLE, devAccounts.bridge])).toBe(false);
    for (const reporter of [devAccounts.reporter1, devAccounts.reporter2, devAccounts.reporter3]) {
      expect(await read<boolean>(c.YieldOracle, yieldOracleAbi, 'hasRole', [REPORTER_ROLE, reporter]), `reporter ${reporter}`).toBe(true);
    }
    // Contract-to-contract wiring: the market credits the escrow; the guard halts it and slashes through the
    // registry into the insurance fund, which also holds the DAO risk fund's 10% of DMC.
    expect(await read<boolean>(c.RevenueEscrow, revenueEscrowAbi, 'hasRole', [ESCROW_ROLES.depositor, c.Marketplace])).toBe(true);
    expect(await read<boolean>(c.RevenueEscrow, revenueEscrowAbi, 'hasRole', [ESCROW_ROLES.halter, c.DefaultGuard])).toBe(true);
    expect(await read<Address>(c.MinerRegistry, minerRegistryAbi, 'slasher')).toBe(c.DefaultGuard);
    expect(await read<Address>(c.MinerRegistry, minerRegistryAbi, 'insuranceFund')).toBe(c.InsuranceFund);
    expect(await read<Address>(c.Marketplace, marketplaceAbi, 'insuranceFund')).toBe(c.InsuranceFund);
    expect(await read<bigint>(c.DMC, dmcAbi, 'balanceOf', [c.InsuranceFund])).toBe(10_000_000n * 10n ** 18n);
    // Fees go to Revenue (sources 1 and 2), whose treasury share and buybacks' excess go to the timelock.
    expect(await read<Address>(c.Marketplace, marketplaceAbi, 'treasury')).toBe(c.Revenue);
    expect(await read<Address>(c.LoanMarket, loanMarketAbi, 'treasury')).toBe(c.Revenue);
    expect(await read<Address[]>(c.Revenue, revenueAbi, 'sources')).toEqual([c.Marketplace, c.LoanMarket]);
    expect(await read<Address>(c.Revenue, revenueAbi, 'treasury')).toBe(c.Timelock);
    expect(await read<Address>(c.LoanMarket, loanMarketAbi, 'registry')).toBe(c.MinerRegistry);
    expect(await read<Address>(c.LoanMarket, loanMarketAbi, 'distributor')).toBe(c.YieldDistributor);
    expect(await read<Address>(c.MinerRegistry, minerRegistryAbi, 'governance')).toBe(c.Timelock);
    // Anyone may execute a ready timelock operation; proposing is for the governor and (phase 1) the council.
    expect(await read<boolean>(c.Timelock, timelockControllerAbi, 'hasRole', [TIMELOCK_ROLES.executor, zeroAddress])).toBe(true);
    for (const proposer of [c.Governor, c.CouncilGate]) {
      expect(await read<boolean>(c.Timelock, timelockControllerAbi, 'hasRole', [TIMELOCK_ROLES.proposer, proposer])).toBe(true);
    }
    // the council reaches the timelock only through its gate, which bounds what it may do
    expect(await read<boolean>(c.Timelock, timelockControllerAbi, 'hasRole', [TIMELOCK_ROLES.proposer, c.Council])).toBe(false);
    expect(await read<boolean>(c.Timelock, timelockControllerAbi, 'hasRole', [TIMELOCK_ROLES.canceller, c.Council])).toBe(false);
  });

  it('lands at the committed local addresses', async () => {
    const { readDeployment } = await import('@/scripts/lib/deployment');
    expect(chain.deployment.contracts).toEqual(readDeployment(31337)!.contracts);
  });
});

describe('quorum on the deployed chain', () => {
  const DMC_UNIT = 10n ** 18n;
  it('is measured on the DMC that can vote, and no single holder reaches it', async () => {
    const c = chain.deployment.contracts;
    const locked = [c.Timelock, c.InsuranceFund, c.TeamVesting, c.PrivateVesting, c.MinerRegistry];
    let lockedBalance = 0n;
    for (const holder of locked) {
      expect(await read<boolean>(c.DMC, dmcAbi, 'votesLocked', [holder])).toBe(true);
      expect(getAddress(await read<Address>(c.DMC, dmcAbi, 'delegates', [holder]))).toBe(getAddress(c.DMC));
      lockedBalance += await read<bigint>(c.DMC, dmcAbi, 'balanceOf', [holder]);
    }
    const votable = await read<bigint>(c.DMC, dmcAbi, 'votableSupply');
    const now = (await chain.publicClient.getBlock()).timestamp;
    // The mining reserve counts only as DMCMining's schedule releases it.
    const emitted = await read<bigint>(c.DMCMining, dmcMiningAbi, 'emittedAt', [now]);
    expect(emitted).toBeGreaterThan(0n);
    expect(votable).toBe(100_000_000n * DMC_UNIT - lockedBalance - (50_000_000n * DMC_UNIT - emitted));
    const quorum = await read<bigint>(c.Governor, dmexGovernorAbi, 'quorum', [now - 1n]);
    expect(await read<bigint>(c.Governor, dmexGovernorAbi, 'quorumNumerator')).toBe(25n);
    expect(await read<bigint>(c.Governor, dmexGovernorAbi, 'quorumFloor')).toBe(20_000_001n * DMC_UNIT);
    expect(quorum).toBe([(votable * 25n) / 100n, 20_000_001n * DMC_UNIT].reduce((a, b) => (a > b ? a : b)));
    // Every demo account's votes, and each allocation whole, stay below it.
    for (const who of Object.values(devAccounts)) expect(await read<bigint>(c.DMC, dmcAbi, 'getVotes', [who])).toBeLessThan(quorum);
    for (const allocation of [10_000_000n, 10_000_000n, 20_000_000n]) expect(allocation * DMC_UNIT).toBeLessThan(quorum);
  });
});

describe('the seed went through the real governance path', () => {
  it('left applications in every state and the DMC allocations in place', async () => {
    const c = chain.deployment.contracts;
    const statusOf = async (id: number) => (await read<{ status: number }>(c.MinerRegistry, minerRegistryAbi, 'application', [BigInt(id)])).status;
    for (let id = 1; id <= demoProducts.length; id++) expect(await statusOf(id)).toBe(3); // Active
    expect(await statusOf(demoProducts.length + 1)).toBe(2); // Rejected
    expect(await statusOf(demoProducts.length + 2)).toBe(0); // Pending
    expect(await read<bigint>(c.DMC, dmcAbi, 'totalSupply')).toBe(100_000_000n * 10n ** 18n);
    // The demo is three years in: the team and the private sale released everything and vote.
    expect(await read<bigint>(c.DMC, dmcAbi, 'balanceOf', [c.TeamVesting])).toBe(0n);
    expect(await read<bigint>(c.DMC, dmcAbi, 'balanceOf', [devAccounts.team])).toBe(10_000_000n * 10n ** 18n);
    expect(await read<bigint>(c.DMC, dmcAbi, 'balanceOf', [devAccounts.privateSale])).toBe(20_000_000n * 10n ** 18n);
    const council = await read<readonly Address[]>(c.Council, councilAbi, 'members');
    expect(council.map(getAddress)).toEqual(devCouncil.map(getAddress));
    expect(await read<bigint>(c.Council, councilAbi, 'threshold')).toBe(4n);
    // The pending application's vote is open.
    expect((await read<{ nodeId: string }>(c.MinerRegistry, minerRegistryAbi, 'application', [BigInt(demoProducts.length + 2)])).nodeId).toBe(demoPending.nodeId);
    const logs = await chain.publicClient.getContractEvents({ address: c.Governor, abi: dmexGovernorAbi, eventName: 'ProposalCreated', fromBlock: 1n });
    expect(logs).toHaveLength(2);
    const states = await Promise.all(logs.map((l) => read<number>(c.Governor, dmexGovernorAbi, 'state', [(l.args as { proposalId: bigint }).proposalId])));
    expect(states).toEqual([7, 1]); // Executed, Active
    // The executed proposal's timelock operation id, computed locally, is the one the timelock ran.
    const first = logs[0]!.args as { targets: Address[]; values: bigint[]; calldatas: `0x${string}`[]; description: string };
    const opId = proposalOperationId(c.Governor, first);
    expect(await read<boolean>(c.Timelock, timelockControllerAbi, 'isOperationDone', [opId])).toBe(true);
    expect(await read<boolean>(c.Timelock, timelockControllerAbi, 'isOperationDone', [proposalOperationId(c.Governor, { ...first, description: `${first.description} ` })])).toBe(false);
  });

  it('puts every template’s action into words', () => {
    const c = chain.deployment.contracts;
    const a = { Marketplace: c.Marketplace, MinerRegistry: c.MinerRegistry, Council: c.Council, CouncilGate: c.CouncilGate, Timelock: c.Timelock, DMC: c.DMC, PaymentToken: c.PaymentToken, DefaultGuard: c.DefaultGuard, InsuranceFund: c.InsuranceFund, LoanMarket: c.LoanMarket, DMCMining: c.DMCMining, JointPoolFactory: c.JointPoolFactory, PoolGuard: c.PoolGuard, HashrateNFT: c.HashrateNFT };
    const sample: Record<string, Record<string, string>> = {
      'approve-application': { applicationId: '6' },
      'reject-application': { applicationId: '6', reason: 'no proof' },
      'trading-fee': { percent: '2.5' },
      'issuance-fee': { percent: '5' },
      'miner-stake': { amount: '25000' },
      'council-member': { oldMember: devCouncil[0], newMember: devAccounts.buyer },
      'phase-two': {},
      'end-council-cancel': {},
      'treasury-withdrawal': { token: 'USDT', amount: '12.5', recipient: devAccounts.buyer },
      'halt-product': { productId: '2' },
      'resume-product': { productId: '2' },
      'overturn-flag': { productId: '2' },
      'insurance-payout': { productId: '3', token: 'DMC', amount: '50000' },
      'insurance-share': { percent: '25' },
      'lending-fee': { percent: '12.5' },
      'loan-grace': { hours: '36' },
      'mining-ratios': { behaviour: '30', liquidity: '50', staking: '20' },
      'open-joint-pool': { miner: devAccounts.minerB, power: '2' },
      'dtoken-mining': { pool: devAccounts.minerB, weight: '1' },
      'pool-payout': { pool: devAccounts.minerB, token: 'USDT', amount: '100' },
      'pool-stake-payout': { pool: devAccounts.minerB, applicationId: '2', amount: '100' },
      'overturn-pool-flag': { pool: devAccounts.minerB },
      'generic-call': { target: c.Marketplace, value: '0', calldata: encodeFunctionData({ abi: marketplaceAbi, functionName: 'withdrawFees' }) },
    };
    const keys = templates.map((tpl) => {
      const built = tpl.build(tpl.schema.parse(sample[tpl.id]), a);
      return built.targets.map((target, i) => describeAction({ target, value: built.values[i]!, calldata: built.calldatas[i]! }, a).key).join(' + ');
    });
    expect(keys).toEqual([
      'gov.action.approve',
      'gov.action.reject',
      'gov.action.tradingFee',
      'gov.action.issuanceFee',
      'gov.action.stake',
      'gov.action.councilReplace',
      'gov.action.phase2',
      'gov.action.endCouncilCancel',
      'gov.action.treasury',
      'gov.action.halt',
      'gov.action.resume',
      'gov.action.overturn',
      'gov.action.payout',
      'gov.action.insuranceShare',
      'gov.action.lendingFee',
      'gov.action.loanGrace',
      'gov.action.miningRatios',
      'gov.action.openJointPool',
      'gov.action.dtokenMining',
      'gov.action.fundWithdraw + gov.action.poolPayout',
      'gov.action.slash + gov.action.fundWithdraw + gov.action.poolPayout',
      'gov.action.overturnPool',
      'gov.action.call',
    ]);
  });
});
