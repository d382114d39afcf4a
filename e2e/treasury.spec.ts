import { createTestClient, http, type Hex } from 'viem';
import { foundry } from 'viem/chains';
import { dmcAbi, revenueAbi } from '../contracts-abi';
import { E2E_RPC_URL } from '../playwright.config';
import { chain, connectDevWallet, contracts, expect, onChain, test } from './fixtures';

// The seeded chain: the five seeded sales' fees were collected into Revenue in month 0, and after month 0 ended the
// seed's first buyback call closed it (80% to the budget) and started the price window on the Uniswap pair.
const testClient = createTestClient({ chain: foundry, transport: http(E2E_RPC_URL), mode: 'anvil' });
let snapshot: Hex;

const supply = () => chain.readContract({ address: contracts.DMC, abi: dmcAbi, functionName: 'totalSupply' });
const rev = { address: contracts.Revenue, abi: revenueAbi } as const;
const budget = () => chain.readContract({ ...rev, functionName: 'budget' });
const booked = (month: bigint) => chain.readContract({ ...rev, functionName: 'revenueOf', args: [month, 1n] });

// This file moves chain time by a month: the chain goes back to where it was when it ends.
test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  snapshot = await testClient.snapshot();
});
test.afterAll(async () => {
  await testClient.revert({ id: snapshot });
});

test('a sale’s fee is collected, a month passes, anyone runs the buyback, and the Treasury page shows the burn', async ({ page }) => {
  test.setTimeout(120_000);
  // Fees other journeys left at the market (the specs share one chain).
  await page.goto('/treasury');
  const waitingBefore = BigInt((await page.getByTestId('waiting-fees').getAttribute('data-value'))!);
  // A primary purchase: its 5% issuance fee waits at the market (in the escrow) until someone collects it.
  await page.goto('/');
  const card = page.getByTestId('listing-grid').locator('a[data-testid^="listing-3"]').first();
  const tokenId = BigInt((await card.getAttribute('data-testid'))!.replace('listing-', ''));
  const { price } = await onChain.listing(tokenId);
  await card.click();
  await connectDevWallet(page, 'buyer');
  await page.getByTestId('buy-button').click();
  await expect(page.getByTestId('bought')).toBeVisible();

  // The Treasury page shows it waiting, net of the insurance fund's 20%; anyone collects it into this month.
  const fee = (price * 500n) / 10_000n;
  const net = fee - (fee * 2_000n) / 10_000n;
  await page.goto('/treasury');
  await expect(page.getByTestId('waiting-fees')).toHaveAttribute('data-value', (waitingBefore + net).toString());
  const month = await chain.readContract({ ...rev, functionName: 'currentMonth' });
  const bookedBefore = await booked(month);
  await page.getByTestId('collect-fees').click();
  await expect(page.getByTestId('this-month').getByTestId('tx-status')).toContainText('Confirmed.');
  expect(await booked(month)).toBe(bookedBefore + waitingBefore + net);
  await expect(page.getByTestId('month-market')).toHaveAttribute('data-value', (bookedBefore + waitingBefore + net).toString());
  await expect(page.getByTestId('waiting-fees')).toHaveAttribute('data-value', '0');

  // A month passes. The next call closes the month (80% of its revenue joins the budget) and starts a price window.
  await testClient.increaseTime({ seconds: 31 * 86_400 });
  await testClient.mine({ blocks: 1 });
  await page.reload();
  const next = page.getByTestId('next-buyback');
  await expect(next).toHaveAttribute('data-kind', 'window');
  const budgetBefore = await budget();
  await page.getByTestId('run-buyback').click();
  await expect(next.getByTestId('tx-status')).toContainText('Confirmed.');
  await expect(next).toHaveAttribute('data-kind', 'wait');
  const monthRevenue = await chain.readContract({ ...rev, functionName: 'monthRevenue', args: [month] });
  expect(await budget()).toBe(budgetBefore + (monthRevenue * 8_000n) / 10_000n);

  // An hour later it buys: the page quotes what the pair gives, and that is exactly what is bought and burned.
  await page.getByRole('button', { name: '+1 hour' }).click();
  await expect(next).toHaveAttribute('data-kind', 'buy');
  const quote = next.getByTestId('quote');
  const out = BigInt((await quote.getAttribute('data-out'))!);
  const paid = BigInt((await quote.getAttribute('data-paid'))!);
  const supplyBefore = await supply();
  await page.getByTestId('run-buyback').click();
  await expect(next.getByTestId('tx-status')).toContainText('Confirmed.');
  const [event] = await chain.getContractEvents({ address: contracts.Revenue, abi: revenueAbi, eventName: 'BoughtBack', fromBlock: 0n });
  expect(event!.args.paid).toBe(paid);
  expect(event!.args.bought).toBe(out);
  expect(event!.args.burned).toBe(out);
  expect(await supply()).toBe(supplyBefore - out);

  // The page shows the burn: the buyback in the list, the total burned, the supply, without a reload.
  const row = page.getByTestId('buyback-row').first();
  await expect(row).toHaveAttribute('data-burned', out.toString());
  await expect(row).toHaveAttribute('data-paid', paid.toString());
  await expect(page.getByTestId('total-burned')).toHaveAttribute('data-value', out.toString());
  await expect(page.getByTestId('dmc-supply')).toHaveAttribute('data-value', (supplyBefore - out).toString());
  await expect(page.getByTestId('supply-chart').locator('circle')).toHaveCount(1);
});
