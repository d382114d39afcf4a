import { createTestClient, http, type Hex } from 'viem';
import { foundry } from 'viem/chains';
import { defaultGuardAbi, dmcAbi, insuranceFundAbi, revenueEscrowAbi, yieldDistributorAbi } from '../contracts-abi';
import { bpsToPercent } from '../lib/escrow/record';
import { devAccounts } from '../lib/chain/devAccounts';
import { formatAmount } from '../lib/format/amount';
import { E2E_RPC_URL } from '../playwright.config';
import { chain, connectDevWallet, contracts, expect, onChain, passProposal, test } from './fixtures';

// The seeded chain: miner C stopped paying product 3 twelve days ago; the demo buyer holds #3000001.
const TOKEN = 3_000_001n;
const PRODUCT = 3n;
const testClient = createTestClient({ chain: foundry, transport: http(E2E_RPC_URL), mode: 'anvil' });
let snapshot: Hex;

const refundable = (tokenId = TOKEN) => chain.readContract({ address: contracts.RevenueEscrow, abi: revenueEscrowAbi, functionName: 'refundable', args: [tokenId] });
/** What the buyer can claim back over all its NFTs of the product (earlier specs may have bought more of them). */
async function buyerRefundableTotal() {
  let total = 0n;
  for (let serial = 1n; serial <= 8n; serial++) {
    const id = PRODUCT * 1_000_000n + serial;
    if ((await onChain.owner(id)) === devAccounts.buyer) total += await refundable(id);
  }
  return total;
}
const dmc = (account: `0x${string}`) => chain.readContract({ address: contracts.DMC, abi: dmcAbi, functionName: 'balanceOf', args: [account] });
const usdText = (v: bigint) => `${formatAmount(v, 6, { locale: 'en', minFractionDigits: 2, maxFractionDigits: 6 })}USDT`;

// This file flags product 3 and moves chain time more than a day (a DAO vote): the specs after it expect the
// seeded state (an open vote, product 3 running), so the chain goes back to where it was when this file ends.
// The payout test needs the product the first test flagged: serial, so a failure skips it rather than running it
// in a new worker on the restored chain.
test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  snapshot = await testClient.snapshot();
});
test.afterAll(async () => {
  await testClient.revert({ id: snapshot });
});

test('a buyer sees a short-paying miner’s window: paid vs owed over its latest 7 days', async ({ page }) => {
  // Miner B pays 70% of the market average on the seed's last 10 days: its latest window is short.
  const productId = 2n;
  const guard = { address: contracts.DefaultGuard, abi: defaultGuardAbi } as const;
  const start = await chain.readContract({ ...guard, functionName: 'latestWindow', args: [productId] });
  const w = await chain.readContract({ ...guard, functionName: 'windowOf', args: [productId, start] });
  expect(w.short_).toBe(true);
  await page.goto('/nft/2000001');
  const window = page.getByTestId('miner-record').getByTestId('guard-window');
  await expect(window).toHaveAttribute('data-short', 'true');
  await expect(window.getByTestId('window-paid-owed')).toContainText(`${bpsToPercent((w.paid * 10_000n) / w.owed)}% of what was owed`);
  await expect(window.getByTestId('window-day')).toHaveCount(7);
  await expect(page.getByTestId('miner-record').getByTestId('flaggable')).toContainText('short payments');
});

test('the buyer flags a product whose miner stopped paying: halted at once, refund claimed, slashed after the challenge', async ({ page }) => {
  await page.goto(`/nft/${TOKEN}`);
  await connectDevWallet(page, 'buyer');
  expect(await onChain.owner(TOKEN)).toBe(devAccounts.buyer);

  // Before: running, with money in escrow, and flaggable for missed payments (nothing paid in the last 7 days).
  const record = page.getByTestId('miner-record');
  await expect(record.getByTestId('registry-status')).toHaveText('Active');
  await expect(record.getByTestId('record-window').getByTestId('day-missing')).toHaveCount(7);
  // The seed's last payment was 12 chain days before it ended; earlier specs move chain time by hours, which can
  // cross a UTC midnight, so the count is taken from the chain, not assumed.
  const today = (await chain.getBlock()).timestamp / 86_400n;
  const lastPaid = await chain.readContract({ address: contracts.YieldDistributor, abi: yieldDistributorAbi, functionName: 'lastDepositDay', args: [PRODUCT] });
  expect(today - lastPaid).toBeGreaterThanOrEqual(12n);
  await expect(record.getByTestId('record-last-paid')).toHaveText(`${today - lastPaid} day(s) ago`);
  await expect(record.getByTestId('flaggable')).toContainText('This product can be flagged: missed payments');
  await expect(record.getByTestId('guard-window')).toHaveAttribute('data-short', 'true');
  await expect(record.getByTestId('guard-window').getByTestId('window-paid-owed')).toContainText('0.0% of what was owed');
  await expect(page.getByTestId('escrow-if-default')).toContainText('If the product defaulted today you would get back');
  expect(await refundable()).toBe(0n);

  await record.getByTestId('flag-button').click();
  // Halted at once; the slash waits for the challenge period (the DAO may overturn the flag meanwhile).
  await expect(record.getByTestId('registry-status')).toHaveText('Flagged');
  await expect(record.getByTestId('product-flagged')).toContainText('Halted, slash pending challenge until');
  const endsAt = await chain.readContract({ address: contracts.DefaultGuard, abi: defaultGuardAbi, functionName: 'challengeEndsAt', args: [PRODUCT] });
  const flaggedAt = (await chain.getBlock()).timestamp;
  expect(endsAt - flaggedAt).toBeLessThanOrEqual(14n * 86_400n);
  expect(endsAt - flaggedAt).toBeGreaterThan(14n * 86_400n - 60n);
  await expect(record.getByTestId('finalize-button')).toHaveCount(0);
  await expect(record.getByTestId('flag-button')).toHaveCount(0);
  await expect(record.getByTestId('overturn-link')).toHaveAttribute('href', `/governance/new?template=overturn-flag&productId=${PRODUCT}`);

  // Halted: the NFT's unreleased remainder is refundable, on the item page and in the portfolio.
  const amount = await refundable();
  expect(amount).toBeGreaterThan(0n);
  const escrow = page.getByTestId('escrow-panel');
  await expect(escrow.getByTestId('escrow-halted')).toBeVisible();
  await expect(escrow.getByTestId('escrow-refundable')).toHaveText(usdText(amount));
  await expect(escrow.getByTestId('escrow-unreleased')).toHaveText(usdText(amount));

  await page.getByRole('link', { name: 'Portfolio', exact: true }).click();
  await expect(page.getByTestId(`refund-${TOKEN}`)).toContainText(usdText(amount));
  await expect(page.getByTestId('refunds-total')).toContainText(usdText(await buyerRefundableTotal()));

  await page.goto(`/nft/${TOKEN}`);
  const before = await onChain.usdt(devAccounts.buyer);
  await escrow.getByTestId('claim-refund').click();
  await expect(escrow.getByTestId('escrow-refunded')).toBeVisible();
  await expect(escrow.getByTestId('tx-status')).toContainText('Confirmed.');
  expect((await onChain.usdt(devAccounts.buyer)) - before).toBe(amount);
  expect(await refundable()).toBe(0n);

  await page.goto('/portfolio');
  await expect(page.getByTestId('halted-refunds')).toBeVisible();
  await expect(page.getByTestId(`refund-${TOKEN}`)).toHaveCount(0);
  await page.goto('/insurance');
  await expect(page.getByTestId(`defaulted-${PRODUCT}`)).toContainText('Flagged');

  // The challenge period passes without an overturn: anyone finalizes, the stake goes to the insurance fund.
  const stakeBefore = await dmc(contracts.InsuranceFund);
  await testClient.increaseTime({ seconds: 14 * 86_400 });
  await testClient.mine({ blocks: 1 });
  await page.goto(`/nft/${TOKEN}`);
  await expect(record.getByTestId('product-flagged')).toContainText('The challenge period is over');
  await record.getByTestId('finalize-button').click();
  await expect(record.getByTestId('registry-status')).toHaveText('Defaulted');
  await expect(record.getByTestId('product-defaulted')).toBeVisible();
  expect((await dmc(contracts.InsuranceFund)) - stakeBefore).toBeGreaterThan(0n);
  await page.goto('/insurance');
  await expect(page.getByTestId(`defaulted-${PRODUCT}`)).toContainText('Defaulted');
});

test('the DAO votes an insurance payout for the defaulted product; the holder claims its share in the portfolio', async ({ page }) => {
  test.setTimeout(120_000);
  const payoutId = (await chain.readContract({ address: contracts.InsuranceFund, abi: insuranceFundAbi, functionName: 'payoutCount' })) + 1n;
  await page.goto(`/governance/new?template=insurance-payout&productId=${PRODUCT}&token=DMC&amount=8000`);
  await connectDevWallet(page, 'buyer');
  await page.getByTestId('propose-button').click();
  await expect(page.getByTestId('proposal-title')).toHaveText('Insurance payout');
  await passProposal(page, 'Miner C stopped paying; pay the holders from the fund.');

  const payout = await chain.readContract({ address: contracts.InsuranceFund, abi: insuranceFundAbi, functionName: 'payout', args: [payoutId] });
  expect(payout).toMatchObject({ productId: PRODUCT, token: contracts.DMC, amount: 8000n * 10n ** 18n, claimed: 0n, closed: false });
  await page.goto('/insurance');
  await expect(page.getByTestId(`payout-row-${payoutId}`)).toContainText('8,000DMC');
  await expect(page.getByTestId('fund-dmc-earmarked')).toContainText('8,000DMC');

  // 8 NFTs of 4 TiB: each NFT's share is 8,000 × 4 / 32 = 1,000 DMC (the buyer may hold more than #3000001).
  const share = await chain.readContract({ address: contracts.InsuranceFund, abi: insuranceFundAbi, functionName: 'claimablePayout', args: [payoutId, TOKEN] });
  expect(share).toBe(1000n * 10n ** 18n);
  let held = 0n;
  for (let serial = 1n; serial <= 8n; serial++) if ((await onChain.owner(PRODUCT * 1_000_000n + serial)) === devAccounts.buyer) held++;
  const total = share * held;
  await page.getByRole('link', { name: 'Portfolio', exact: true }).click();
  const row = page.getByTestId(`payout-${payoutId}`);
  await expect(row.getByTestId('payout-claimable')).toHaveText(`${formatAmount(total, 18, { locale: 'en', minFractionDigits: 2 })}DMC`);
  const before = await dmc(devAccounts.buyer);
  await row.getByTestId('claim-payout').click();
  await expect(page.getByTestId('insurance-payouts')).toContainText('No open insurance payout for the NFTs you hold.');
  expect((await dmc(devAccounts.buyer)) - before).toBe(total);

  await page.goto('/insurance');
  await expect(page.getByTestId(`payout-row-${payoutId}`).getByTestId('payout-claimed')).toHaveText(`${formatAmount(total, 18, { locale: 'en' })}DMC`);
});
