import type { Browser, Page } from '@playwright/test';
import { createTestClient, http, numberToHex } from 'viem';
import { foundry } from 'viem/chains';
import { devAccounts } from '../lib/chain/devAccounts';
import { E2E_RPC_URL } from '../playwright.config';
import { chain, connectDevWallet, contracts, expect, onChain, test } from './fixtures';
import { marketplaceAbi } from '../contracts-abi';

const TOKEN = 1000005n; // seeded: listed at a fixed price by its miner
const testClient = createTestClient({ chain: foundry, mode: 'anvil', transport: http(E2E_RPC_URL) });
const auctionOf = () => chain.readContract({ address: contracts.Marketplace, abi: marketplaceAbi, functionName: 'auction', args: [TOKEN] });

async function openAs(browser: Browser, who: Parameters<typeof connectDevWallet>[1], path: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(path);
  await connectDevWallet(page, who);
  return page;
}

test('two buyers bid against each other; a late bid extends the auction; the winner gets the NFT and the loser withdraws', async ({ page, browser }) => {
  test.setTimeout(180_000);
  // The miner turns its fixed-price listing into a one-hour auction with a 2.00 USDT reserve and 5% steps.
  await page.goto(`/nft/${TOKEN}`);
  await connectDevWallet(page, 'minerA');
  const sell = page.getByTestId('sell-panel');
  await sell.getByRole('button', { name: 'Auction' }).click();
  await sell.getByRole('textbox', { name: 'Reserve price (USDT)' }).fill('2');
  await sell.getByLabel('Duration').selectOption('1');
  await sell.getByRole('textbox', { name: 'Minimum raise (%)' }).fill('5');
  await sell.getByTestId('auction-button').click();
  const panel = page.getByTestId('auction-panel');
  await expect(panel.getByTestId('current-bid')).toContainText('2.00');
  await expect(panel.getByTestId('auction-status')).toHaveText('You are selling this NFT by auction.');
  expect(await onChain.owner(TOKEN)).toBe(contracts.Marketplace);

  // Two buyers in two browser contexts.
  const alice = await openAs(browser, 'buyer', `/nft/${TOKEN}`);
  // The second bidder is the foundation account topped up by the faucet (buyer2's low balance is another test's).
  const bob = await openAs(browser, 'foundation', '/portfolio');
  await bob.getByTestId('faucet-button').click();
  await expect(bob.getByText(/USDT added/)).toBeVisible();
  await bob.goto(`/nft/${TOKEN}`);

  const aliceBefore = await onChain.usdt(devAccounts.buyer);
  await alice.getByTestId('bid-button').click(); // the minimum: the reserve
  await expect(alice.getByTestId('auction-status')).toHaveText('You are the highest bidder.');
  await expect(bob.getByTestId('min-next-bid')).toContainText('2.10', { timeout: 20_000 });
  await bob.getByRole('textbox', { name: 'Your bid (USDT)' }).fill('2.05');
  await bob.getByTestId('bid-button').click();
  await expect(bob.getByTestId('tx-error')).toContainText('Bid at least 2.10 USDT.');
  await bob.getByRole('textbox', { name: 'Your bid (USDT)' }).fill('2.10');
  await bob.getByTestId('bid-button').click();
  await expect(bob.getByTestId('auction-status')).toHaveText('You are the highest bidder.');
  await alice.reload();
  await expect(alice.getByTestId('auction-status')).toContainText('You were outbid.');
  await expect(alice.getByTestId('bid-history')).toContainText('2.10');

  // A bid in the last minutes pushes the end out to 10 minutes from that bid.
  const { endTime } = await auctionOf();
  const now = (await chain.getBlock()).timestamp;
  await testClient.request({ method: 'evm_increaseTime', params: [numberToHex(BigInt(endTime) - now - 60n)] } as never);
  await testClient.mine({ blocks: 1 });
  await alice.reload();
  await alice.getByRole('textbox', { name: 'Your bid (USDT)' }).fill('2.50');
  await alice.getByTestId('bid-button').click();
  await expect(alice.getByTestId('auction-status')).toHaveText('You are the highest bidder.');
  const extended = await auctionOf();
  expect(BigInt(extended.endTime)).toBeGreaterThan(BigInt(endTime));
  await expect(alice.getByTestId('countdown')).toHaveText(/^00:(09|10):\d\d$/);

  // Bob wins it back; time runs out; anyone settles.
  await bob.reload();
  await bob.getByRole('textbox', { name: 'Your bid (USDT)' }).fill('3');
  await bob.getByTestId('bid-button').click();
  await expect(bob.getByTestId('auction-status')).toHaveText('You are the highest bidder.');
  await page.reload();
  await page.getByRole('button', { name: '+1 hour' }).click();
  await expect(page.getByTestId('settle-button')).toBeVisible();

  // The ended auction stays in the winner's portfolio, marked ended, with a Settle of its own; the seller's shows
  // the seller's Settle; the loser's none.
  await bob.goto('/portfolio');
  const row = bob.getByTestId(`my-auction-${TOKEN}`);
  await expect(row.getByTestId('countdown')).toHaveText('Ended');
  await expect(row.getByTestId('my-auction-settle')).toHaveText('Settle: receive the NFT');
  await alice.goto('/portfolio');
  await expect(alice.getByTestId(`my-auction-${TOKEN}`).getByTestId('countdown')).toHaveText('Ended');
  await expect(alice.getByTestId(`my-auction-${TOKEN}`).getByTestId('my-auction-settle')).toHaveCount(0);
  await row.getByTestId('my-auction-settle').click();
  // Once confirmed, the winner sees the NFT at once and the settled auction leaves the list.
  await expect(bob.getByTestId(`owned-${TOKEN}`)).toBeVisible();
  await expect(row).toHaveCount(0);
  expect(await onChain.owner(TOKEN)).toBe(devAccounts.foundation);
  // A primary sale: the item page shows the new owner and the winning bid's stream in the escrow.
  await page.reload();
  await expect(page.getByTestId('nft-owner')).toContainText(devAccounts.foundation.slice(0, 6));
  await expect(page.getByTestId('escrow-unreleased')).toBeVisible();
  await expect(page.getByTestId('escrow-none')).toHaveCount(0);

  // The loser withdraws both outbid bids and is whole again.
  await alice.goto('/portfolio');
  await expect(alice.getByTestId('refund-amount')).toContainText('4.50');
  await alice.getByTestId('withdraw-refund').click();
  await expect(alice.getByTestId('refund')).toContainText('Confirmed.');
  expect(await onChain.usdt(devAccounts.buyer)).toBe(aliceBefore);
});
