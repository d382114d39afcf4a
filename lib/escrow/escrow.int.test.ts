// Flag → halt → refund → (challenge period) → finalize → insurance payout on a real anvil (the seeded chain:
// product 3's miner stopped paying 12 days ago, product 2's pays 70% of the oracle average), through viem and the
// app's readers (lib/escrow/read.ts, which the hooks call), checking exact amounts. A flag names the latest window
// the guard can judge (DefaultGuard.latestWindow); it halts the escrow at once and marks the application Flagged;
// finalize, after the challenge period, makes it Defaulted and moves the stake to the insurance fund. The payout is opened by impersonating the timelock (the DAO's
// executor), as a DAO vote would.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseUnits, type Address } from 'viem';
import { defaultGuardAbi, dmcAbi, insuranceFundAbi, minerRegistryAbi, mockUsdtAbi, revenueEscrowAbi, yieldOracleAbi } from '@/contracts-abi';
import { devAccounts } from '@/lib/chain/devAccounts';
import { createTranslator } from '@/lib/i18n/catalogs';
import { describeError } from '@/lib/tx/errors';
import { startTestChain, type TestChain } from '@/test/localChain';
import { windowSums } from './window';
import { readInsuranceOverview, readPayoutClaims, readProductEscrow, readProductRecord, readRefundables, readTokenEscrow, type Reader } from './read';

let chain: TestChain;
let reader: Reader;
const MISSED = 3n; // miner C, 8 NFTs × 4 TiB; the demo buyer holds 3000001
const SHORT = 2n; // miner B; the demo buyer holds 2000001 and 2000002
const ON_TIME = 1n;
const TOKEN = 3_000_001n;
const BUYER_TOKENS = [1_000_001n, 2_000_001n, 2_000_002n, 3_000_001n];

beforeAll(async () => {
  chain = await startTestChain(8553, { seed: true });
  reader = chain.publicClient as unknown as Reader;
});
afterAll(async () => chain?.anvil.stop());
beforeEach(async () => chain.snapshot());
afterEach(async () => chain.revert());

const send: TestChain['send'] = (...a) => chain.send(...a);
const read = <T>(...a: Parameters<TestChain['read']>) => chain.read<T>(...a);

const revertOf: TestChain['revertOf'] = (...a) => chain.revertOf(...a);

/** The start (UTC day) of the latest window the guard can judge for `productId`. */
const latestWindow = (productId: bigint) => read<bigint>(chain.deployment.contracts.DefaultGuard, defaultGuardAbi, 'latestWindow', [productId]);

/** Flags `productId` over its latest window, as anyone may. */
async function flag(account: Address, productId: bigint) {
  return send(account, chain.deployment.contracts.DefaultGuard, defaultGuardAbi, 'flag', [productId, await latestWindow(productId)]);
}

/** Moves anvil's time past the challenge period of `productId`'s flag and finalizes it (anyone may): Defaulted. */
async function finalizeAfterChallenge(productId: bigint) {
  const guard = chain.deployment.contracts.DefaultGuard;
  const endsAt = await read<bigint>(guard, defaultGuardAbi, 'challengeEndsAt', [productId]);
  const now = (await chain.publicClient.getBlock()).timestamp;
  if (endsAt > now) await chain.testClient.increaseTime({ seconds: Number(endsAt - now) });
  await chain.testClient.mine({ blocks: 1 });
  return send(devAccounts.buyer2, guard, defaultGuardAbi, 'finalize', [productId]);
}

/** Sends as the timelock (the DAO's executor), impersonated on anvil. */
async function asTimelock(address: Address, abi: readonly unknown[], functionName: string, args: unknown[]) {
  const timelock = chain.deployment.contracts.Timelock;
  await chain.testClient.impersonateAccount({ address: timelock });
  await chain.testClient.setBalance({ address: timelock, value: parseUnits('10', 18) });
  try {
    return await send(timelock, address, abi, functionName, args);
  } finally {
    await chain.testClient.stopImpersonatingAccount({ address: timelock });
  }
}

describe('the seeded miners’ records', () => {
  it('product 3 can be flagged for missed payments, product 2 for short ones, product 1 not', async () => {
    const missed = await readProductRecord(reader, MISSED);
    expect(missed.check).toMatchObject({ inDefault: true, reason: 'Missed' });
    expect(missed.application?.status).toBe('Active');
    expect(missed.window).toHaveLength(7);
    expect(missed.window.every((d) => d.kind === 'missing' && d.hasOracle)).toBe(true);
    expect(missed.today - missed.lastDepositDay).toBe(12n);
    expect(missed.record.missing).toBeGreaterThanOrEqual(11);

    const short = await readProductRecord(reader, SHORT);
    expect(short.check).toMatchObject({ inDefault: true, reason: 'Short' });
    // The guard's latest window, recomputed from its own days with the mirrored rule: the same sums and verdict.
    for (const r of [missed, short]) {
      const w = r.guardWindow!;
      const mirror = windowSums(w.days, r.units, r.shortfallBps);
      expect({ paid: mirror.paid, owed: mirror.owed, short: mirror.short }).toEqual({ paid: w.paid, owed: w.owed, short: w.short });
      expect(w.days.every((d) => d.source === 'oracle')).toBe(true);
    }
    expect(short.guardWindow!.paid * 10_000n / short.guardWindow!.owed).toBeLessThan(8_000n);
    expect(short.window.every((d) => d.kind === 'short')).toBe(true);
    expect(short.record.short).toBe(9); // the last 10 days were short; today's is not complete
    // Before: the expected 0.0023 FIL per TiB against the 0.00235 median (2.13% short, above the 80% line);
    // the last 9 complete days 70% of it (30% short).
    const before = short.record.classified.filter((d) => d.hasOracle && d.kind === 'paid').length;
    expect(short.record.avgShortfallBps).toBe((213n * BigInt(before) + 3000n * 9n) / BigInt(before + 9));

    const onTime = await readProductRecord(reader, ON_TIME);
    expect(onTime.check).toMatchObject({ inDefault: false, errorName: 'DefaultGuardNotInDefault' });
    // Every day the oracle reported was paid on time; the term's first day (before the seeded history) was not.
    expect(onTime.record.classified.filter((d) => d.hasOracle).every((d) => d.kind === 'paid')).toBe(true);
    expect(onTime.record.onTime).toBe(onTime.record.days - onTime.record.noOracle);
    expect(onTime.record.days).toBeGreaterThan(40);
    expect(onTime.record.avgShortfallBps).toBe(0n);
  });

  it('flagging an on-time product reverts with the reason in words', async () => {
    const windowStart = await latestWindow(ON_TIME);
    const error = await revertOf(devAccounts.buyer, chain.deployment.contracts.DefaultGuard, defaultGuardAbi, 'flag', [ON_TIME, windowStart]);
    const d = describeError(error);
    expect(d.key).toBe('errors.DefaultGuardNotInDefault');
    const date = new Date(Number(windowStart) * 86_400_000).toISOString().slice(0, 10);
    expect(createTranslator('en')(d.key, d.vars)).toBe(
      `Product 1 is not in default over the window from ${date} (UTC): its miner paid at least the share of what it owed that the rule asks.`,
    );
    // A window that has not ended yet cannot be judged.
    const early = describeError(await revertOf(devAccounts.buyer, chain.deployment.contracts.DefaultGuard, defaultGuardAbi, 'flag', [MISSED, windowStart + 1n]));
    expect(early.key).toBe('errors.DefaultGuardWindowIncomplete');
  });
});

describe('flag → halt → refund', () => {
  it('anyone flags product 3: halted and Flagged at once, refundable = each token’s unreleased remainder, claimRefund pays exactly; finalize after the challenge: Defaulted, stake to the fund', async () => {
    const c = chain.deployment.contracts;
    const before = await readTokenEscrow(reader, TOKEN);
    expect(before.amount).toBeGreaterThan(0n);
    expect(before.halted).toBe(false);
    expect(before.refundable).toBe(0n);
    const stake = (await readProductRecord(reader, MISSED)).application!.stake;
    const fundBefore = await readInsuranceOverview(reader);

    await flag(devAccounts.buyer2, MISSED);

    // Flagged: halted at once, the stake frozen (still the registry's) until the challenge period ends.
    const after = await readProductRecord(reader, MISSED);
    expect(after.halted).toBe(true);
    expect(after.application?.status).toBe('Flagged');
    expect((await readInsuranceOverview(reader)).dmc.balance).toBe(fundBefore.dmc.balance);
    const challengeEndsAt = await read<bigint>(c.DefaultGuard, defaultGuardAbi, 'challengeEndsAt', [MISSED]);
    const period = await read<bigint>(c.DefaultGuard, defaultGuardAbi, 'challengePeriod');
    expect(period).toBe(14n * 86_400n);
    expect(challengeEndsAt).toBe((await chain.publicClient.getBlock()).timestamp + period);

    // Halted today: the token's release stops where it was, and its remainder is what is refundable.
    const t = await readTokenEscrow(reader, TOKEN);
    expect(t.halted).toBe(true);
    expect(t.released).toBe(before.released);
    expect(t.refundable).toBe(t.unreleased);
    expect(t.refundable).toBe(t.amount - t.released);
    expect(await read<bigint>(c.RevenueEscrow, revenueEscrowAbi, 'refundable', [TOKEN])).toBe(t.unreleased);

    // The portfolio reader lists only the halted product's token, with that amount.
    const refunds = await readRefundables(reader, BUYER_TOKENS);
    expect(refunds).toEqual([{ tokenId: TOKEN, amount: t.unreleased }]);

    // Time passing does not change it: release is frozen at the halt day.
    await chain.testClient.increaseTime({ seconds: 3 * 86_400 });
    await chain.testClient.mine({ blocks: 1 });
    expect((await readTokenEscrow(reader, TOKEN)).refundable).toBe(t.unreleased);

    const usdtBefore = await read<bigint>(c.PaymentToken, mockUsdtAbi, 'balanceOf', [devAccounts.buyer]);
    await send(devAccounts.buyer, c.RevenueEscrow, revenueEscrowAbi, 'claimRefund', [refunds.map((r) => r.tokenId)]);
    const usdtAfter = await read<bigint>(c.PaymentToken, mockUsdtAbi, 'balanceOf', [devAccounts.buyer]);
    expect(usdtAfter - usdtBefore).toBe(t.unreleased);
    expect(await readRefundables(reader, BUYER_TOKENS)).toEqual([]);
    expect((await readProductEscrow(reader, MISSED)).refunded).toBe(t.unreleased);

    const again = describeError(await revertOf(devAccounts.buyer, c.RevenueEscrow, revenueEscrowAbi, 'claimRefund', [[TOKEN]]));
    expect(createTranslator('en')(again.key, again.vars)).toBe('NFT #3000001 has nothing left to claim back.');
    // A second flag is refused: the product is already flagged and halted.
    const window = await latestWindow(MISSED);
    expect(describeError(await revertOf(devAccounts.buyer, c.DefaultGuard, defaultGuardAbi, 'flag', [MISSED, window])).key).toBe('errors.DefaultGuardNotFlaggable');
    // Finalizing waits for the challenge period, then slashes the stake to the insurance fund.
    const open = describeError(await revertOf(devAccounts.buyer, c.DefaultGuard, defaultGuardAbi, 'finalize', [MISSED]));
    expect(open).toMatchObject({ key: 'errors.DefaultGuardChallengeOpen', vars: { productId: '3' } });
    await finalizeAfterChallenge(MISSED);
    const defaulted = await readProductRecord(reader, MISSED);
    expect(defaulted.application?.status).toBe('Defaulted');
    const fundAfter = await readInsuranceOverview(reader);
    expect(fundAfter.dmc.balance - fundBefore.dmc.balance).toBe(stake);
    expect(fundAfter.products.find((p) => p.productId === MISSED)).toMatchObject({ halted: true, status: 'Defaulted' });
    expect(describeError(await revertOf(devAccounts.buyer, c.DefaultGuard, defaultGuardAbi, 'finalize', [MISSED])).key).toBe('errors.DefaultGuardNotFlagged');
  });

  it('the miner withdraws only what was released before the halt', async () => {
    const c = chain.deployment.contracts;
    await flag(devAccounts.buyer, MISSED);
    const e = await readProductEscrow(reader, MISSED);
    expect(e.halted).toBe(true);
    expect(e.withdrawable).toBe(e.released - e.withdrawn);
    const before = await read<bigint>(c.PaymentToken, mockUsdtAbi, 'balanceOf', [devAccounts.minerC]);
    if (e.withdrawable > 0n) await send(devAccounts.minerC, c.RevenueEscrow, revenueEscrowAbi, 'withdraw', [MISSED]);
    expect((await read<bigint>(c.PaymentToken, mockUsdtAbi, 'balanceOf', [devAccounts.minerC])) - before).toBe(e.withdrawable);
    expect((await readProductEscrow(reader, MISSED)).withdrawable).toBe(0n);
  });
});

describe('insurance payout', () => {
  it('the DAO opens a DMC payout for the defaulted (flagged, then finalized) product; the holder claims exactly its share per hashrate', async () => {
    const c = chain.deployment.contracts;
    const notYet = describeError(
      await revertOf(c.Timelock, c.InsuranceFund, insuranceFundAbi, 'openPayout', [MISSED, c.DMC, parseUnits('1000', 18)]),
    );
    expect(notYet.key).toBe('errors.InsuranceFundNotDefaulted');

    await flag(devAccounts.buyer, MISSED);
    // Flagged is not Defaulted yet: the payout waits for the challenge period to end and the flag to be finalized.
    expect(describeError(await revertOf(c.Timelock, c.InsuranceFund, insuranceFundAbi, 'openPayout', [MISSED, c.DMC, parseUnits('1000', 18)])).key).toBe(
      'errors.InsuranceFundNotDefaulted',
    );
    await finalizeAfterChallenge(MISSED);
    const amount = parseUnits('8000', 18);
    await asTimelock(c.InsuranceFund, insuranceFundAbi, 'openPayout', [MISSED, c.DMC, amount]);

    const fund = await readInsuranceOverview(reader);
    expect(fund.dmc.earmarked).toBe(amount);
    expect(fund.payouts[0]).toMatchObject({ payoutId: 1n, productId: MISSED, token: c.DMC, amount, claimed: 0n, closed: false });

    // 8 NFTs of 4 TiB: each NFT's share is amount × 4000 / 32000 = 1000 DMC.
    const claims = await readPayoutClaims(reader, BUYER_TOKENS);
    expect(claims).toHaveLength(1);
    expect(claims[0]!.tokens).toEqual([{ tokenId: TOKEN, amount: parseUnits('1000', 18) }]);

    const before = await read<bigint>(c.DMC, dmcAbi, 'balanceOf', [devAccounts.buyer]);
    await send(devAccounts.buyer, c.InsuranceFund, insuranceFundAbi, 'claimPayout', [1n, [TOKEN]]);
    expect((await read<bigint>(c.DMC, dmcAbi, 'balanceOf', [devAccounts.buyer])) - before).toBe(parseUnits('1000', 18));
    expect(await readPayoutClaims(reader, BUYER_TOKENS)).toEqual([]);
    expect((await readInsuranceOverview(reader)).payouts[0]!.claimed).toBe(parseUnits('1000', 18));

    const twice = describeError(await revertOf(devAccounts.buyer, c.InsuranceFund, insuranceFundAbi, 'claimPayout', [1n, [TOKEN]]));
    expect(createTranslator('en')(twice.key, twice.vars)).toBe('NFT #3000001 has already claimed its share of payout #1.');
    expect(await read<number>(c.MinerRegistry, minerRegistryAbi, 'statusOf', [(await readProductRecord(reader, MISSED)).application!.id])).toBe(7);
  });
});

describe('the demo keeper (scripts/lib/keeper.ts): moving the demo chain a week on no longer stops the oracle and every miner', () => {
  it('reports each skipped day and pays them in each seeded miner’s character; a second tick has nothing to do', async () => {
    const { createKeeper } = await import('@/scripts/lib/keeper');
    const { productHealth } = await import('./health');
    const health = async (id: bigint) => productHealth(await readProductRecord(reader, id));
    const keeper = createKeeper(chain.anvil.rpcUrl, chain.deployment);
    await keeper.tick(); // the seed left today reported and paid: nothing or almost nothing to do
    expect((await health(ON_TIME)).kind).toBe('paying');

    await chain.testClient.increaseTime({ seconds: 7 * 86_400 });
    await chain.testClient.mine({ blocks: 1 });
    // Without the keeper: no oracle value and no payment for a week, and even the paying miner is marked.
    expect((await health(ON_TIME)).kind).not.toBe('paying');

    const today = (await chain.publicClient.getBlock()).timestamp / 86_400n;
    const r = await keeper.tick();
    expect(r.reportedDays).toEqual([today - 6n, today - 5n, today - 4n, today - 3n, today - 2n, today - 1n, today]);
    const paidProducts = [...new Set(r.deposits.map((x) => x.productId))].sort();
    expect(paidProducts).toEqual([1n, 2n, 4n]); // miner C (product 3) stays stopped
    for (const id of paidProducts) expect(r.deposits.filter((x) => x.productId === id).map((x) => x.day)).toEqual(r.reportedDays);
    const c = chain.deployment.contracts;
    expect(await read<bigint>(c.YieldOracle, yieldOracleAbi, 'lastReportedDay', [0])).toBe(today);

    expect((await health(ON_TIME)).kind).toBe('paying');
    expect((await health(4n)).kind).toBe('paying');
    expect((await health(SHORT)).kind).toBe('short');
    expect((await health(MISSED)).kind).toBe('missed');
    // Miner A's joint pool (its buyer deposited on the seed's last day) is paid in full from the next day on.
    expect(r.poolPayments.map((x) => x.day)).toEqual(r.reportedDays);
    expect(await keeper.tick()).toEqual({ reportedDays: [], deposits: [], poolPayments: [] });
  });
});
