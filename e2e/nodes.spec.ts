import { createTestClient, http, type Hex } from 'viem';
import { foundry } from 'viem/chains';
import { mockUsdtAbi, promotionNodesAbi } from '../contracts-abi';
import { devAccounts } from '../lib/chain/devAccounts';
import { E2E_RPC_URL } from '../playwright.config';
import { chain, connectDevWallet, contracts, expect, onChain, test } from './fixtures';

// The seeded chain: the foundation staked 100,000 DMC in DMC mining's DMC pool and runs a main promotion node.
const testClient = createTestClient({ chain: foundry, transport: http(E2E_RPC_URL), mode: 'anvil' });
let snapshot: Hex;
const usdt = (who: `0x${string}`) => chain.readContract({ address: contracts.PaymentToken, abi: mockUsdtAbi, functionName: 'balanceOf', args: [who] });

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  snapshot = await testClient.snapshot();
});
test.afterAll(async () => {
  await testClient.revert({ id: snapshot });
});

test('a buyer arrives through a node’s link, buys a first sale, and the node claims its exact commission', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const node = devAccounts.foundation;
  // The buyer lands on the market through the node's link; the app keeps it.
  await page.goto(`/?ref=${node}`);
  const card = page.getByTestId('listing-grid').locator('a[data-testid^="listing-3"]').first();
  const tokenId = BigInt((await card.getAttribute('data-testid'))!.replace('listing-', ''));
  const { price } = await onChain.listing(tokenId);
  await card.click();
  await connectDevWallet(page, 'buyer');
  await expect(page.getByTestId('buy-referral')).toHaveAttribute('data-node', node);
  const buyerBefore = await usdt(devAccounts.buyer);
  await page.getByTestId('buy-button').click();
  await expect(page.getByTestId('bought')).toBeVisible();
  expect(await usdt(devAccounts.buyer)).toBe(buyerBefore - price); // the same price

  // 20% of the 5% issuance fee is the node's.
  const commission = (((price * 500n) / 10_000n) * 2_000n) / 10_000n;
  const [credited] = await chain.getContractEvents({ address: contracts.PromotionNodes, abi: promotionNodesAbi, eventName: 'CommissionCredited', fromBlock: 0n });
  expect(credited!.args).toMatchObject({ tokenId, node, nodeCut: commission });

  // The node sees the sale and claims exactly its commission.
  const nodeContext = await browser.newContext();
  const nodePage = await nodeContext.newPage();
  await nodePage.goto('/nodes');
  await connectDevWallet(nodePage, 'foundation');
  await expect(nodePage.getByTestId('node-you')).toHaveAttribute('data-level', 'main');
  await expect(nodePage.getByTestId('node-owed')).toHaveAttribute('data-value', commission.toString());
  await expect(nodePage.getByTestId('node-sale').first()).toHaveAttribute('data-cut', commission.toString());
  await expect(nodePage.getByTestId('node-link')).toContainText(`/?ref=${node}`);
  const before = await usdt(node);
  await nodePage.getByTestId('node-claim').click();
  await expect(nodePage.getByTestId('node-you').getByTestId('tx-status')).toContainText('Confirmed.');
  expect(await usdt(node)).toBe(before + commission);
  await expect(nodePage.getByTestId('node-owed')).toHaveAttribute('data-value', '0');
  await nodeContext.close();
});
