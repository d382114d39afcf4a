import { createTestClient, createWalletClient, formatUnits, http, parseUnits, type Hex } from 'viem';
import { foundry } from 'viem/chains';
import { hashrateNftAbi, marketplaceAbi, mockUsdtAbi, promotionNodesAbi } from '../contracts-abi';
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

test('a bid placed through a node’s link wins a first sale at auction: settling credits the node its commission', async ({ page }) => {
  test.setTimeout(120_000);
  const node = devAccounts.foundation;
  // A miner puts a never-sold NFT it has listed up for auction for a day (the seeded auctions may have ended by
  // now: other specs move the clock): a primary sale.
  const wallet = createWalletClient({ chain: foundry, transport: http(E2E_RPC_URL) });
  const listed = await chain.getContractEvents({ address: contracts.Marketplace, abi: marketplaceAbi, eventName: 'Listed', fromBlock: 0n });
  let tokenId = 0n;
  for (const l of listed.reverse()) {
    const id = l.args.tokenId!;
    const current = await chain.readContract({ address: contracts.Marketplace, abi: marketplaceAbi, functionName: 'listing', args: [id] });
    if (current.price === 0n) continue;
    const [owner, sold] = await chain.readContract({ address: contracts.HashrateNFT, abi: hashrateNftAbi, functionName: 'saleState', args: [id] });
    if (sold || owner !== current.seller) continue;
    const auction = { account: owner, address: contracts.Marketplace, abi: marketplaceAbi, functionName: 'createAuction', args: [id, parseUnits('1', 6), 86_400n, 500n] } as const;
    const ok = await chain.simulateContract(auction).then(() => true, () => false); // a halted product cannot be auctioned
    if (!ok) continue;
    const hash = await wallet.writeContract({ ...auction, chain: foundry });
    expect((await chain.waitForTransactionReceipt({ hash })).status).toBe('success');
    tokenId = id;
    break;
  }
  expect(tokenId).not.toBe(0n);
  // The node's link to the auction itself (any page keeps it).
  await page.goto(`/nft/${tokenId}?ref=${node}`);
  await connectDevWallet(page, 'buyer2');
  const panel = page.getByTestId('auction-panel');
  await expect(panel.getByTestId('bid-referral')).toHaveAttribute('data-node', node);
  const bid = await chain.readContract({ address: contracts.Marketplace, abi: marketplaceAbi, functionName: 'minNextBid', args: [tokenId] });
  await panel.getByRole('textbox').fill(formatUnits(bid, 6));
  await panel.getByTestId('bid-button').click();
  await expect(panel.getByTestId('tx-status')).toContainText('Confirmed.');

  const { endTime } = await chain.readContract({ address: contracts.Marketplace, abi: marketplaceAbi, functionName: 'auction', args: [tokenId] });
  const now = (await chain.getBlock()).timestamp;
  await testClient.increaseTime({ seconds: Number(BigInt(endTime) - now) + 60 });
  await testClient.mine({ blocks: 1 });
  const owedBefore = await chain.readContract({ address: contracts.PromotionNodes, abi: promotionNodesAbi, functionName: 'owed', args: [node] });
  await page.reload();
  await panel.getByTestId('settle-button').click();
  // Settled, the NFT is the winner's (the auction panel gives way to the sale's record); the node earned 20% of
  // the 5% issuance fee.
  const commission = (((bid * 500n) / 10_000n) * 2_000n) / 10_000n;
  const owed = () => chain.readContract({ address: contracts.PromotionNodes, abi: promotionNodesAbi, functionName: 'owed', args: [node] });
  await expect.poll(async () => (await owed()) - owedBefore).toBe(commission);
  await expect(page.getByText(/Auction won by/).first()).toBeVisible();
});
