import { createTestClient, createWalletClient, erc20Abi, formatUnits, http, parseUnits, type Hex } from 'viem';
import { foundry } from 'viem/chains';
import { ifilAbi, insuranceFundAbi, jointPoolAbi, jointPoolFactoryAbi, minerRegistryAbi, poolGuardAbi, yieldOracleAbi } from '../contracts-abi';
import { devAccounts } from '../lib/chain/devAccounts';
import { E2E_RPC_URL } from '../playwright.config';
import { chain, connectDevWallet, contracts, expect, test } from './fixtures';

// The seeded chain: the first proposal opened miner A's joint pool (4 TiB: a 100 FIL genesis cap) and the demo
// buyer deposited 40 FIL into it.
const testClient = createTestClient({ chain: foundry, transport: http(E2E_RPC_URL), mode: 'anvil' });
let snapshot: Hex;
const fil = (s: string) => parseUnits(s, 18);
const ifil = (who: `0x${string}`) => chain.readContract({ address: contracts.IFIL, abi: ifilAbi, functionName: 'balanceOf', args: [who] });

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  snapshot = await testClient.snapshot();
});
test.afterAll(async () => {
  await testClient.revert({ id: snapshot });
});

test('a buyer deposits in genesis, the miner draws, the pool fills, the miner pays yield, the buyer redeems with the fee exact', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const pool = await chain.readContract({ address: contracts.JointPoolFactory, abi: jointPoolFactoryAbi, functionName: 'poolOf', args: [devAccounts.minerA] });

  // The buyer wraps 70 FIL into IFIL.
  await page.goto('/ifil');
  await connectDevWallet(page, 'buyer');
  await page.getByTestId('wrap-amount').fill('70');
  await page.getByTestId('wrap-submit').click();
  await expect(page.getByTestId('wrap-done')).toHaveText('Done: 70 FIL became 70 IFIL.');

  // Genesis: 40 of 100 FIL. The buyer deposits 20 (approve, then deposit) and holds 60 dToken.
  await page.goto('/pools');
  const section = page.getByTestId('jpool-dFIL-1');
  await expect(section).toHaveAttribute('data-phase', 'genesis');
  await expect(section.getByTestId('jpool-cap')).toHaveAttribute('data-deposited', fil('40').toString());
  await section.getByTestId('jpool-amount').fill('20');
  await section.getByTestId('jpool-deposit').click();
  await expect(section.getByTestId('tx-status')).toContainText('Confirmed.');
  await expect(section.getByTestId('jpool-dtoken')).toHaveAttribute('data-value', fil('60').toString());
  await expect(section.getByTestId('jpool-cap')).toHaveAttribute('data-deposited', fil('60').toString());
  await expect(section.getByText('No redemption during genesis: the pool must fill first.')).toBeVisible();

  // The miner draws 50 FIL of the deposits for its sector pledge on the Miners page.
  const minerContext = await browser.newContext();
  const miner = await minerContext.newPage();
  await miner.goto('/miner');
  await connectDevWallet(miner, 'minerA');
  const panel = miner.getByTestId('miner-pool');
  await expect(panel.getByTestId('miner-pool-available')).toHaveAttribute('data-value', fil('60').toString());
  const minerBefore = await ifil(devAccounts.minerA);
  await panel.getByTestId('miner-pool-amount').fill('50');
  await panel.getByTestId('miner-pool-draw').click();
  await expect(panel.getByTestId('tx-status')).toContainText('Confirmed.');
  await expect(panel.getByTestId('miner-pool-drawn')).toHaveAttribute('data-value', fil('50').toString());
  expect(await ifil(devAccounts.minerA)).toBe(minerBefore + fil('50'));

  // The buyer deposits the last 40: the pool is full, genesis ends and the 540-day term starts.
  await section.getByTestId('jpool-amount').fill('40');
  await section.getByTestId('jpool-deposit').click();
  await expect(section.getByTestId('tx-status')).toContainText('Confirmed.');
  await expect(section).toHaveAttribute('data-phase', 'growth');

  // The miner pays 10 FIL of yield: 2 straight back, 0.5 to the platform, 7.5 to holders (the buyer holds all 100).
  const beforePay = await ifil(devAccounts.minerA);
  await panel.getByTestId('miner-pool-amount').fill('10');
  await panel.getByTestId('miner-pool-pay').click();
  await expect(panel.getByTestId('tx-status')).toContainText('Confirmed.');
  expect(await ifil(devAccounts.minerA)).toBe(beforePay - fil('8'));
  await expect(section.getByTestId('jpool-yield')).toHaveAttribute('data-value', fil('7.5').toString());

  // The buyer redeems 30 dToken: 30% of the 50 liquid + all 7.5 yield − 0.2%, as the page says before it signs.
  await section.getByTestId('jpool-amount').fill('30');
  const preview = section.getByTestId('jpool-redeem-preview');
  const gross = fil('15') + fil('7.5');
  const fee = (gross * 20n) / 10_000n;
  await expect(preview).toHaveAttribute('data-fee', fee.toString());
  await expect(preview).toHaveAttribute('data-paid', (gross - fee).toString());
  await expect(preview).toContainText('You get 15 IFIL of principal + 7.5 IFIL of yield − 0.045 IFIL fee (0.2%) = 22.455 IFIL.');
  const before = await ifil(devAccounts.buyer);
  await section.getByTestId('jpool-redeem').click();
  await expect(section.getByTestId('tx-status')).toContainText('Confirmed.');
  expect(await ifil(devAccounts.buyer)).toBe(before + gross - fee);
  const [redeemed] = await chain.getContractEvents({ address: pool, abi: jointPoolAbi, eventName: 'Redeemed', fromBlock: 0n });
  expect(redeemed!.args).toMatchObject({ shares: fil('30'), principal: fil('15'), yield: fil('7.5'), fee });
  await expect(section.getByTestId('jpool-dtoken')).toHaveAttribute('data-value', fil('70').toString());
  await expect(section.getByTestId('jpool-rate')).toContainText('Over the last 7 days holders earned');
  await minerContext.close();

  // The platform's IFIL — 5% of the 10 FIL yield and the 0.045 fee — goes to Revenue, which sells it for USDT on the
  // IFIL/USDT pair (an hour's price window first), so it joins the month's revenue and its 80% buyback.
  const platform = fil('0.5') + fee;
  await page.goto('/treasury');
  const fees = page.getByTestId('pool-fees');
  await expect(fees.getByTestId('ifil-in-pools')).toHaveAttribute('data-value', platform.toString());
  await fees.getByTestId('ifil-sweep').click();
  await expect(fees.getByTestId('tx-status')).toContainText('Confirmed.');
  await expect(fees.getByTestId('ifil-held')).toHaveAttribute('data-value', platform.toString());
  await expect(fees.getByTestId('ifil-forward')).toHaveCount(0); // IFIL has a market: it is sold, not forwarded
  await expect(fees.getByTestId('ifil-next')).toHaveAttribute('data-kind', 'window');
  await fees.getByTestId('ifil-sell').click(); // starts the price window
  await expect(fees.getByTestId('tx-status')).toContainText('Confirmed.');
  await expect(fees.getByTestId('ifil-next')).toHaveAttribute('data-kind', 'wait');
  await testClient.increaseTime({ seconds: 3_600 });
  await testClient.mine({ blocks: 1 });
  await page.reload();
  await expect(fees.getByTestId('ifil-next')).toHaveAttribute('data-kind', 'sell');
  const quote = fees.getByTestId('ifil-quote');
  await expect(quote).toHaveAttribute('data-paid', platform.toString());
  const out = BigInt((await quote.getAttribute('data-out'))!);
  expect(out).toBeGreaterThan(0n);
  const usdtBefore = await chain.readContract({ address: contracts.PaymentToken, abi: erc20Abi, functionName: 'balanceOf', args: [contracts.Revenue] });
  const soldBefore = BigInt((await fees.getByTestId('ifil-sold-usdt').getAttribute('data-value'))!);
  await fees.getByTestId('ifil-sell').click();
  await expect(fees.getByTestId('tx-status')).toContainText('Confirmed.');
  await expect(fees.getByTestId('ifil-this-month')).toHaveAttribute('data-value', platform.toString());
  await expect(fees.getByTestId('ifil-sold-usdt')).toHaveAttribute('data-value', (soldBefore + out).toString());
  await expect(fees.getByTestId('ifil-held')).toHaveAttribute('data-value', '0');
  expect(await chain.readContract({ address: contracts.PaymentToken, abi: erc20Abi, functionName: 'balanceOf', args: [contracts.Revenue] })).toBe(usdtBefore + out);
});

test('a week with one payment: anyone flags the pool on its page, it halts, and holders redeem with no fee', async ({ page }) => {
  test.setTimeout(120_000);
  // After the first test the pool is full and the miner has paid one day. A week on, with nothing more paid, the
  // pool's page shows the window in default.
  await testClient.increaseTime({ seconds: 8 * 86_400 });
  await testClient.mine({ blocks: 1 });
  // The oracle's three reporters report the week (other specs may have moved the clock further without them).
  const wallet = createWalletClient({ chain: foundry, transport: http(E2E_RPC_URL) });
  const today = (await chain.getBlock()).timestamp / 86_400n;
  for (let day = today - 7n; day < today; day++) {
    const [median] = await chain.readContract({ address: contracts.YieldOracle, abi: yieldOracleAbi, functionName: 'averageOf', args: [0, day] });
    if (median !== 0n) continue;
    for (const reporter of [devAccounts.reporter1, devAccounts.reporter2, devAccounts.reporter3]) {
      const hash = await wallet.writeContract({ account: reporter, address: contracts.YieldOracle, abi: yieldOracleAbi, functionName: 'report', args: [0, day, fil('0.00235')] });
      expect((await chain.waitForTransactionReceipt({ hash })).status).toBe('success');
    }
  }
  await page.goto('/pools');
  await connectDevWallet(page, 'buyer2');
  const section = page.getByTestId('jpool-dFIL-1');
  const rules = section.getByTestId('jpool-rules');
  await expect(rules).toHaveAttribute('data-flaggable', 'true');
  await expect(rules.getByTestId('jpool-verdict')).toHaveText(/^In default: (nothing was paid over the window|paid below 80% of what was owed)\.$/);
  const window = rules.getByTestId('jpool-window');
  expect(BigInt((await window.getAttribute('data-owed'))!)).toBeGreaterThan(BigInt((await window.getAttribute('data-paid'))!) * 10n / 8n);

  await rules.getByTestId('jpool-flag').click();
  await expect(rules.getByTestId('tx-status')).toContainText('Confirmed.');
  await expect(section).toHaveAttribute('data-status', 'halted');
  await expect(section.getByTestId('jpool-status')).toHaveText('Halted');
  // The sentence under the badges follows the halt, not the phase: no "0.2% fee" while halted.
  await expect(section.getByTestId('jpool-phase-note')).toContainText('with no fee');
  await expect(rules.getByTestId('jpool-halted')).toContainText('Holders may redeem now with no fee.');
  await expect(rules.getByTestId('jpool-overturn-link')).toHaveAttribute('href', /template=overturn-pool-flag&pool=0x/);

  // The buyer's redemption preview has no fee now.
  const buyer = await page.context().browser()!.newContext();
  const holder = await buyer.newPage();
  await holder.goto('/pools');
  await connectDevWallet(holder, 'buyer');
  const mine = holder.getByTestId('jpool-dFIL-1');
  await expect(mine.getByTestId('jpool-form-note')).toContainText('with no fee');
  await mine.getByTestId('jpool-amount').fill('10');
  await expect(mine.getByTestId('jpool-redeem-preview')).toHaveAttribute('data-fee', '0');
  const before = await ifil(devAccounts.buyer);
  const paid = BigInt((await mine.getByTestId('jpool-redeem-preview').getAttribute('data-paid'))!);
  await mine.getByTestId('jpool-redeem').click();
  await expect(mine.getByTestId('tx-status')).toContainText('Confirmed.');
  expect(await ifil(devAccounts.buyer)).toBe(before + paid);
  await buyer.close();
});

test('after the challenge period anyone finalizes the default; the DAO pays the holders first from the insurance fund and the buyer claims its share', async ({ page }) => {
  test.setTimeout(120_000);
  const pool = await chain.readContract({ address: contracts.JointPoolFactory, abi: jointPoolFactoryAbi, functionName: 'poolOf', args: [devAccounts.minerA] });
  const endsAt = await chain.readContract({ address: contracts.PoolGuard, abi: poolGuardAbi, functionName: 'challengeEndsAt', args: [pool] });
  const now = (await chain.getBlock()).timestamp;
  await testClient.increaseTime({ seconds: Number(endsAt - now) + 1 });
  await testClient.mine({ blocks: 1 });

  await page.goto('/pools');
  await connectDevWallet(page, 'buyer');
  const section = page.getByTestId('jpool-dFIL-1');
  await section.getByTestId('jpool-finalize').click();
  await expect(section).toHaveAttribute('data-status', 'defaulted');
  await expect(section.getByTestId('jpool-status')).toHaveText('Defaulted');
  // A pool that defaulted in genesis reads as ended (its mining period ended at the default), never "Mining".
  await expect(section.getByTestId('jpool-phase')).toHaveText('Term ended');
  await expect(section.getByTestId('jpool-phase-note')).toContainText('The pool defaulted');
  await expect(section.getByTestId('jpool-payouts')).toContainText('No insurance payout yet.');
  await expect(section.getByTestId('jpool-propose-payout')).toHaveAttribute('href', `/governance/new?template=pool-payout&pool=${pool}`);
  // The holders first in line for the miner's stake: a prefilled proposal per stake a vote can still slash (miner A's
  // application #1), and the form puts its three actions into words.
  const app1 = await chain.readContract({ address: contracts.MinerRegistry, abi: minerRegistryAbi, functionName: 'application', args: [1n] });
  const stakeLink = section.getByTestId('jpool-propose-stake-1');
  await expect(stakeLink).toHaveAttribute('href', `/governance/new?template=pool-stake-payout&pool=${pool}&applicationId=1&amount=${formatUnits(app1.requiredStake, 18)}`);
  await stakeLink.click();
  await expect(page.getByTestId('proposal-actions')).toContainText('Slash application #1’s DMC stake into the insurance fund');
  await page.goBack();

  // The DAO's vote, executed by the timelock (the governance specs show the voting): the fund sends 5,000 DMC to
  // the guard, which earmarks it for the pool's holders.
  await testClient.increaseTime({ seconds: 2 });
  await testClient.mine({ blocks: 1 });
  const wallet = createWalletClient({ chain: foundry, transport: http(E2E_RPC_URL) });
  await testClient.impersonateAccount({ address: contracts.Timelock });
  await testClient.setBalance({ address: contracts.Timelock, value: fil('1') });
  const amount = fil('5000');
  for (const call of [
    { address: contracts.InsuranceFund, abi: insuranceFundAbi, functionName: 'withdraw', args: [contracts.DMC, contracts.PoolGuard, amount] },
    { address: contracts.PoolGuard, abi: poolGuardAbi, functionName: 'openPayout', args: [pool, contracts.DMC, amount] },
  ] as const) {
    const hash = await wallet.writeContract({ ...(call as never as object), account: contracts.Timelock, chain: foundry } as never);
    expect((await chain.waitForTransactionReceipt({ hash })).status).toBe('success');
  }
  await testClient.stopImpersonatingAccount({ address: contracts.Timelock });

  // The buyer's share, as the guard computes it, is on the page; claiming pays exactly that.
  const share = await chain.readContract({ address: contracts.PoolGuard, abi: poolGuardAbi, functionName: 'claimablePayout', args: [1n, devAccounts.buyer] });
  expect(share).toBeGreaterThan(0n);
  await page.reload();
  const payout = section.getByTestId('jpool-payout-1');
  await expect(payout).toHaveAttribute('data-claimable', share.toString());
  await expect(payout).toContainText('Insurance payout #1: 5,000 DMC');
  const dmcBefore = await chain.readContract({ address: contracts.DMC, abi: erc20Abi, functionName: 'balanceOf', args: [devAccounts.buyer] });
  await section.getByTestId('jpool-payout-claim-1').click();
  await expect(payout).toHaveAttribute('data-claimable', '0');
  await expect(payout).toContainText('Nothing for you: claimed already');
  expect((await chain.readContract({ address: contracts.DMC, abi: erc20Abi, functionName: 'balanceOf', args: [devAccounts.buyer] })) - dmcBefore).toBe(share);
});
