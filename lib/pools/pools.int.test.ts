// Joint mining on a real anvil (the seeded chain: the first proposal opened Hangzhou Storage Co.'s pool for 4 TiB, a
// 100 FIL genesis cap, and the demo buyer deposited 40 FIL), through the app's reader (lib/pools/read.ts, which the
// hooks call) against raw contract reads, and the redeem preview the page shows against what the contract pays.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { erc20Abi, formatEther, parseEther, parseEventLogs, type Address } from 'viem';
import { dmcMiningAbi, ifilAbi, insuranceFundAbi, jointPoolAbi, jointPoolFactoryAbi, minerRegistryAbi, poolGuardAbi, yieldOracleAbi } from '@/contracts-abi';
import { templates } from '@/lib/governance/templates';
import { foundry } from 'viem/chains';
import { readEarn } from '@/lib/earn/read';
import { devAccounts } from '@/lib/chain/devAccounts';
import { describeError } from '@/lib/tx/errors';
import { createTranslator } from '@/lib/i18n/catalogs';
import { demoJointPool } from '@/scripts/lib/seed';
import { startTestChain, type TestChain } from '@/test/localChain';
import { annualRateBps, readPools, redeemPreview } from './read';

let chain: TestChain;
let pool: Address;

beforeAll(async () => {
  chain = await startTestChain(8558, { seed: true });
  pool = await chain.read<Address>(chain.deployment.contracts.JointPoolFactory, jointPoolFactoryAbi, 'poolOf', [demoJointPool.miner]);
});
afterAll(async () => chain?.anvil.stop());
beforeEach(async () => chain.snapshot());
afterEach(async () => chain.revert());

const c = () => chain.deployment.contracts;
const read = <T>(...a: Parameters<TestChain['read']>) => chain.read<T>(...a);

async function wrapAndApprove(who: Address, amount: bigint) {
  await chain.send(who, c().IFIL, ifilAbi, 'deposit', [], amount);
  await chain.send(who, c().IFIL, ifilAbi, 'approve', [pool, amount]);
}

describe('the seeded pool', () => {
  it('is in genesis with the buyer’s 40 FIL of a 100 FIL cap, as the contract says', async () => {
    const s = await readPools(chain.publicClient, devAccounts.buyer);
    expect(s.pools).toHaveLength(1);
    const p = s.pools[0]!;
    expect(p.address).toBe(pool);
    expect(p.miner).toBe(demoJointPool.miner);
    expect(p.phase).toBe('genesis');
    expect(p.cap).toBe(parseEther('100'));
    expect(p.deposited).toBe(parseEther(demoJointPool.deposit));
    expect(p.position?.dToken).toBe(await read<bigint>(pool, jointPoolAbi, 'balanceOf', [devAccounts.buyer]));
    expect(p.position?.dToken).toBe(parseEther(demoJointPool.deposit));
    expect(p.days).toHaveLength(30);
    expect(p.days.at(-1)!.day).toBe(s.today);
  });
});

describe('a pool’s life through the app’s reads', () => {
  it('fills, the miner draws and pays, the preview equals what redeem pays, and the rate is the last week’s', async () => {
    const miner = demoJointPool.miner;
    await wrapAndApprove(devAccounts.buyer2, parseEther('60'));
    // the deposit that fills the pool ends genesis
    const filled = await chain.send(devAccounts.buyer2, pool, jointPoolAbi, 'deposit', [parseEther('60')]);
    expect(parseEventLogs({ abi: jointPoolAbi, logs: filled.logs, eventName: 'GenesisEnded' })).toHaveLength(1);
    await chain.send(miner, pool, jointPoolAbi, 'draw', [parseEther('70')]);
    await wrapAndApprove(miner, parseEther('10'));
    const today = (await chain.publicClient.getBlock()).timestamp / 86_400n;
    await chain.send(miner, pool, jointPoolAbi, 'payYield', [today, parseEther('10')]);

    const s = await readPools(chain.publicClient, devAccounts.buyer);
    const p = s.pools[0]!;
    expect(p.phase).toBe('growth');
    expect(p.liquid).toBe(parseEther('30'));
    expect(p.drawn).toBe(parseEther('70'));
    expect(p.days.at(-1)!.amount).toBe(parseEther('10'));
    // 75% of 10 over 7 days (one paid) on 100 deposited
    const rate = annualRateBps(p)!;
    expect(rate.perDay).toBe((parseEther('10') * 7_500n) / 10_000n / 7n);
    expect(rate.bps).toBe((rate.perDay * 365n * 10_000n) / parseEther('100'));
    expect(p.position!.pendingYield).toBe(parseEther('3')); // 40% of 7.5

    const preview = redeemPreview(p, parseEther('10'), p.position!.pendingYield);
    const before = await read<bigint>(c().IFIL, ifilAbi, 'balanceOf', [devAccounts.buyer]);
    const receipt = await chain.send(devAccounts.buyer, pool, jointPoolAbi, 'redeem', [parseEther('10')]);
    const [event] = parseEventLogs({ abi: jointPoolAbi, logs: receipt.logs, eventName: 'Redeemed' });
    expect(event!.args.principal).toBe(preview.principal);
    expect(event!.args.yield).toBe(preview.yield);
    expect(event!.args.fee).toBe(preview.fee);
    expect((await read<bigint>(c().IFIL, ifilAbi, 'balanceOf', [devAccounts.buyer])) - before).toBe(preview.paid);
    expect(preview.principal).toBe(parseEther('3')); // 10 of 100 dToken: 10% of the 30 liquid
  });

  it('refusals decode into words with amounts in IFIL', async () => {
    await wrapAndApprove(devAccounts.buyer2, parseEther('61'));
    const over = describeError(await chain.revertOf(devAccounts.buyer2, pool, jointPoolAbi, 'deposit', [parseEther('61')]), 'en', undefined, { symbol: 'IFIL', decimals: 18 });
    expect(over.key).toBe('errors.JointPoolCapExceeded');
    expect(over.vars).toMatchObject({ room: '60.00', amount: '61.00', symbol: 'IFIL' });
    const early = describeError(await chain.revertOf(devAccounts.buyer, pool, jointPoolAbi, 'redeem', [1n]), 'zh');
    expect(early.key).toBe('errors.JointPoolInGenesis');
    const notMiner = describeError(await chain.revertOf(devAccounts.buyer, pool, jointPoolAbi, 'draw', [1n]), 'en');
    expect(notMiner.key).toBe('errors.JointPoolNotMiner');
  });
});

describe('the pool’s default rules (PoolGuard) through the app’s reads', () => {
  const DAY = 86_400;
  const today = async () => (await chain.publicClient.getBlock()).timestamp / 86_400n;
  const warp = async (seconds: number) => {
    await chain.testClient.increaseTime({ seconds });
    await chain.testClient.mine({ blocks: 1 });
  };

  it('the seeded pool starts healthy: deposited on the seed’s last day, no complete window yet', async () => {
    const p = (await readPools(chain.publicClient)).pools[0]!;
    expect(p.status).toBe('active');
    expect(p.guard).not.toBeNull();
    expect(p.guard!.earliestStart).toBe((await today()) + 1n);
    expect(p.guard!.window).toBeNull();
    expect(p.guard!.flaggable).toBe(false);
  });

  it('a miner that pays one day of seven is flaggable; the flag halts the pool (fee-free redemption in genesis), the DAO’s window closes, anyone finalizes', async () => {
    const miner = demoJointPool.miner;
    const depositDay = await today();
    await warp(8 * DAY); // no oracle reports since the seed: each day uses the last value (carried, at most 7 days)
    // One day of the seven paid in full (the oracle's last value × 4 TiB).
    const value = await read<readonly [bigint, bigint]>(c().YieldOracle, yieldOracleAbi, 'averageOf', [0, depositDay]);
    const perDay = (value[0] * 4_000n) / 1_000n;
    await wrapAndApprove(miner, perDay);
    await chain.send(miner, pool, jointPoolAbi, 'payYield', [depositDay + 1n, perDay]);

    let p = (await readPools(chain.publicClient)).pools[0]!;
    const w = p.guard!.window!;
    expect(p.guard!.flaggable).toBe(true);
    expect(w.start).toBe(depositDay + 1n);
    expect(w.days.map((d) => d.source)).toEqual(Array(7).fill('carried'));
    expect(w.owed).toBe(perDay * 7n);
    expect(w.paid).toBe(perDay);
    expect(w).toMatchObject({ missed: false, short: true });
    // What the page reads is what the guard judges.
    expect(await read<number>(c().PoolGuard, poolGuardAbi, 'check', [pool, w.start])).toBe(1); // Reason.Short

    const flagged = await chain.send(devAccounts.buyer2, c().PoolGuard, poolGuardAbi, 'flag', [pool, w.start]);
    const [event] = parseEventLogs({ abi: poolGuardAbi, logs: flagged.logs, eventName: 'PoolFlagged' });
    p = (await readPools(chain.publicClient, devAccounts.buyer)).pools[0]!;
    expect(p.status).toBe('halted');
    expect(p.guard!.challengeEndsAt).toBe(event!.args.challengeEndsAt);
    expect(p.guard!.window!.start).toBe(w.start);
    expect(p.phase).toBe('genesis');

    // Halted in genesis: deposits are refused in words, the buyer redeems 10 dToken at once with no fee.
    await wrapAndApprove(devAccounts.buyer2, parseEther('1'));
    const refused = describeError(await chain.revertOf(devAccounts.buyer2, pool, jointPoolAbi, 'deposit', [parseEther('1')]), 'en');
    expect(refused.key).toBe('errors.JointPoolNotActive');
    const preview = redeemPreview(p, parseEther('10'), p.position!.pendingYield);
    expect(preview.fee).toBe(0n);
    const receipt = await chain.send(devAccounts.buyer, pool, jointPoolAbi, 'redeem', [parseEther('10')]);
    const [redeemed] = parseEventLogs({ abi: jointPoolAbi, logs: receipt.logs, eventName: 'Redeemed' });
    expect(redeemed!.args).toMatchObject({ principal: preview.principal, yield: preview.yield, fee: 0n });

    const t = createTranslator('en');
    const again = describeError(await chain.revertOf(devAccounts.buyer2, c().PoolGuard, poolGuardAbi, 'flag', [pool, w.start]), 'en');
    expect(t(again.key, again.vars)).toBe(`Pool ${pool} cannot be flagged now: it is already halted or defaulted.`);
    const early = describeError(await chain.revertOf(devAccounts.buyer2, c().PoolGuard, poolGuardAbi, 'finalize', [pool]), 'en');
    expect(early.key).toBe('errors.PoolGuardChallengeOpen');
    expect(t(early.key, early.vars)).toContain(new Date(Number(event!.args.challengeEndsAt) * 1000).toISOString().slice(0, 16).replace('T', ' '));

    await warp(Number(event!.args.challengeEndsAt - (await chain.publicClient.getBlock()).timestamp) + 1);
    await chain.send(devAccounts.buyer2, c().PoolGuard, poolGuardAbi, 'finalize', [pool]);
    const finalizedAt = (await chain.publicClient.getBlock()).timestamp;
    p = (await readPools(chain.publicClient)).pools[0]!;
    expect(p.status).toBe('defaulted');
    expect(p.guard).toBeNull();
    expect(p.termEnd).toBe(finalizedAt + 1n); // defaulted in genesis: a mining period of one second, weights = balances
    expect(p.payouts).toEqual([]);

    // The DAO pays the holders first: the insurance fund sends 1,000 DMC to the guard, which earmarks it for the
    // pool (the template's two actions, sent here by the timelock itself).
    await warp(1);
    const timelock = c().Timelock;
    await chain.testClient.impersonateAccount({ address: timelock });
    await chain.testClient.setBalance({ address: timelock, value: parseEther('1') });
    const amount = parseEther('1000');
    await chain.send(timelock, c().InsuranceFund, insuranceFundAbi, 'withdraw', [c().DMC, c().PoolGuard, amount]);
    await chain.send(timelock, c().PoolGuard, poolGuardAbi, 'openPayout', [pool, c().DMC, amount]);
    p = (await readPools(chain.publicClient, devAccounts.buyer)).pools[0]!;
    expect(p.payouts).toHaveLength(1);
    // The buyer held every dToken at the default (30 after its fee-free redemption): the whole payout is its.
    expect(p.payouts[0]).toMatchObject({ id: 1n, symbol: 'DMC', decimals: 18, amount, claimed: 0n, closed: false, claimable: amount });
    expect((await readPools(chain.publicClient, devAccounts.buyer2)).pools[0]!.payouts[0]!.claimable).toBe(0n);
    const dmcBefore = await read<bigint>(c().DMC, erc20Abi, 'balanceOf', [devAccounts.buyer]);
    await chain.send(devAccounts.buyer, c().PoolGuard, poolGuardAbi, 'claimPayout', [1n]);
    expect((await read<bigint>(c().DMC, erc20Abi, 'balanceOf', [devAccounts.buyer])) - dmcBefore).toBe(amount);
    const twice = describeError(await chain.revertOf(devAccounts.buyer, c().PoolGuard, poolGuardAbi, 'claimPayout', [1n]), 'en');
    expect(createTranslator('en')(twice.key, twice.vars)).toBe('You have already claimed your share of pool payout #1.');

    // The holders first in line for the miner's stake: the page lists miner A's slashable application stakes, and
    // the template's three actions (slash → fund → guard → payout), sent by the timelock, pay exactly that stake.
    const stakes = (await readPools(chain.publicClient)).pools[0]!.minerStakes;
    const apps = await read<bigint[]>(c().MinerRegistry, minerRegistryAbi, 'applicationsOf', [miner]);
    expect(stakes.map((x) => x.id)).toEqual(apps);
    const first = stakes[0]!;
    expect(first.stake).toBe((await read<{ requiredStake: bigint }>(c().MinerRegistry, minerRegistryAbi, 'application', [first.id])).requiredStake);
    const tpl = templates.find((x) => x.id === 'pool-stake-payout')!;
    const actions = tpl.build(tpl.schema.parse({ pool, applicationId: String(first.id), amount: formatEther(first.stake) }), chain.deployment.contracts as never);
    const fundBefore = await read<bigint>(c().DMC, erc20Abi, 'balanceOf', [c().InsuranceFund]);
    for (let i = 0; i < actions.targets.length; i++) {
      const hash = await chain.walletClient.sendTransaction({ account: timelock, to: actions.targets[i]!, data: actions.calldatas[i]!, chain: foundry, gas: 1_000_000n });
      expect((await chain.publicClient.waitForTransactionReceipt({ hash })).status).toBe('success');
    }
    expect(await read<bigint>(c().DMC, erc20Abi, 'balanceOf', [c().InsuranceFund])).toBe(fundBefore); // in and out again
    const after = (await readPools(chain.publicClient, devAccounts.buyer)).pools[0]!;
    expect(after.minerStakes.map((x) => x.id)).not.toContain(first.id);
    expect(after.payouts[1]).toMatchObject({ id: 2n, symbol: 'DMC', amount: first.stake, claimable: first.stake });
  });

  it('a pool paid in full is not flaggable, and a flag says why in words', async () => {
    const miner = demoJointPool.miner;
    const depositDay = await today();
    await warp(8 * DAY);
    const value = await read<readonly [bigint, bigint]>(c().YieldOracle, yieldOracleAbi, 'averageOf', [0, depositDay]);
    const perDay = (value[0] * 4_000n) / 1_000n;
    await wrapAndApprove(miner, perDay * 7n);
    for (let d = 1n; d <= 7n; d++) await chain.send(miner, pool, jointPoolAbi, 'payYield', [depositDay + d, perDay]);
    const p = (await readPools(chain.publicClient)).pools[0]!;
    expect(p.guard!.flaggable).toBe(false);
    expect(p.guard!.window).toMatchObject({ start: depositDay + 1n, paid: perDay * 7n, owed: perDay * 7n, missed: false, short: false });
    const no = describeError(await chain.revertOf(devAccounts.buyer2, c().PoolGuard, poolGuardAbi, 'flag', [pool, depositDay + 1n]), 'en');
    const start = new Date(Number(depositDay + 1n) * 86_400_000).toISOString().slice(0, 10);
    expect(createTranslator('en')(no.key, no.vars)).toBe(`Pool ${pool} is not in default over the window from ${start} (UTC): its miner paid at least 80% of what the oracle’s values say it owed.`);
  });

  it('a halted pool’s dToken stops mining: the Earn page says so, staking is refused in words, and anyone takes the stakes out', async () => {
    const miner = demoJointPool.miner;
    const depositDay = await today();
    const lockPool = (await readEarn(chain.publicClient, devAccounts.buyer)).pools.find((x) => x.kind === 'dtoken' && x.token === pool)!;
    expect(lockPool.halted).toBe(false);
    const pid = BigInt(lockPool.pid);
    await chain.send(devAccounts.buyer, c().DMCMining, dmcMiningAbi, 'stake', [pid, parseEther('20')]);
    await warp(8 * DAY);
    const value = await read<readonly [bigint, bigint]>(c().YieldOracle, yieldOracleAbi, 'averageOf', [0, depositDay]);
    const perDay = (value[0] * 4_000n) / 1_000n;
    await wrapAndApprove(miner, perDay);
    await chain.send(miner, pool, jointPoolAbi, 'payYield', [depositDay + 1n, perDay]);
    await chain.send(devAccounts.buyer2, c().PoolGuard, poolGuardAbi, 'flag', [pool, depositDay + 1n]);

    const halted = (await readEarn(chain.publicClient, devAccounts.buyer)).pools.find((x) => x.pid === lockPool.pid)!;
    expect(halted.halted).toBe(true);
    const refused = describeError(await chain.revertOf(devAccounts.buyer, c().DMCMining, dmcMiningAbi, 'stake', [pid, parseEther('1')]), 'en');
    expect(refused.key).toBe('errors.DMCMiningPoolNotActive');
    // The locked part cannot be redeemed until it leaves mining; anyone takes it out.
    const locked = describeError(await chain.revertOf(devAccounts.buyer, pool, jointPoolAbi, 'redeem', [parseEther('40')]), 'en', undefined, { symbol: 'dFIL-1', decimals: 18 });
    expect(createTranslator('en')(locked.key, locked.vars)).toContain('Only 20.00 of this dToken is free');
    await chain.send(devAccounts.buyer2, c().DMCMining, dmcMiningAbi, 'evictLocked', [pid, [devAccounts.buyer]]);
    expect(await read<bigint>(pool, jointPoolAbi, 'lockedOf', [devAccounts.buyer])).toBe(0n);
    const p = (await readPools(chain.publicClient, devAccounts.buyer)).pools[0]!;
    expect(p.position!.locked).toBe(0n);
    await chain.send(devAccounts.buyer, pool, jointPoolAbi, 'redeem', [parseEther('40')]);
    expect(await read<bigint>(pool, jointPoolAbi, 'balanceOf', [devAccounts.buyer])).toBe(0n);
  });
});
