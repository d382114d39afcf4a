import { createWalletClient, http } from 'viem';
import { foundry } from 'viem/chains';
import { hashrateNftAbi, revenueEscrowAbi, yieldDistributorAbi, yieldOracleAbi } from '../contracts-abi';
import { devAccounts } from '../lib/chain/devAccounts';
import { E2E_RPC_URL } from '../playwright.config';
import { chain, connectDevWallet, contracts, expect, onChain, serialOnRestoredChain, test, testClient } from './fixtures';

// Miner A's NFT #4000007 was minted and listed in the seed and never sold. The second test buys it, so the chain
// goes back to the seeded state when this file ends (the specs after it expect the seeded listings).
const TOKEN = 4_000_007n;
const wallet = createWalletClient({ chain: foundry, transport: http(E2E_RPC_URL) });
const stream = () => chain.readContract({ address: contracts.RevenueEscrow, abi: revenueEscrowAbi, functionName: 'tokenEscrow', args: [TOKEN] });

serialOnRestoredChain();

test('a miner cannot move never-sold hashrate to a second wallet: the send is refused in words', async ({ page }) => {
  expect(await onChain.owner(TOKEN)).toBe(devAccounts.minerA);
  await page.goto(`/nft/${TOKEN}`);
  await connectDevWallet(page, 'minerA');
  const send = page.getByTestId('send-panel');
  await expect(send.getByTestId('send-unsold')).toContainText('never been sold: it can only leave its miner through a sale on DMEX');
  await send.getByTestId('send-to').fill(devAccounts.buyer2);
  await send.getByTestId('send-button').click();
  await expect(send.getByTestId('tx-error')).toContainText('never been sold');
  expect(await onChain.owner(TOKEN)).toBe(devAccounts.minerA);
});

test('its first sale pays the escrow; sold, it moves freely and its escrow stream goes with it', async ({ page }) => {
  await page.goto(`/nft/${TOKEN}`);
  await connectDevWallet(page, 'buyer');
  const { price } = await onChain.listing(TOKEN);
  const escrowBefore = await onChain.usdt(contracts.RevenueEscrow);
  await page.getByTestId('buy-button').click();
  await expect(page.getByTestId('bought')).toBeVisible();
  // The whole price lands in the escrow (its 5% fee waits there for the fee withdrawal); price minus fee streams.
  expect(await onChain.usdt(contracts.RevenueEscrow)).toBe(escrowBefore + price);
  const credited = (await stream()).amount;
  expect(credited).toBe(price - (price * 500n) / 10_000n);

  const send = page.getByTestId('send-panel');
  await expect(send.getByTestId('send-unsold')).toHaveCount(0);
  await send.getByTestId('send-to').fill('0x1234');
  await send.getByTestId('send-button').click();
  await expect(send.getByTestId('send-to-error')).toHaveText('Enter a 0x address of 40 hexadecimal characters.');
  await expect(send.getByTestId('send-to')).toHaveAccessibleDescription('Enter a 0x address of 40 hexadecimal characters.');
  await send.getByTestId('send-to').fill(devAccounts.buyer2);
  await send.getByTestId('send-button').click();
  // Sent: the page now shows the new owner (and no send panel: the buyer no longer holds it).
  await expect(page.getByTestId('nft-owner')).toContainText(devAccounts.buyer2.slice(0, 6));
  await expect(page.getByTestId('send-panel')).toHaveCount(0);
  expect(await onChain.owner(TOKEN)).toBe(devAccounts.buyer2);
  expect((await stream()).amount).toBe(credited);
});

test('what a buyer sees is what a buyer gets: yield claimed out of a listed NFT stops the purchase until the buyer looks again', async ({ page }) => {
  // Seeded: the second buyer resells #1000002, which has earned yield it has not claimed.
  const token = 1_000_002n;
  const claimable = () => chain.readContract({ address: contracts.YieldDistributor, abi: yieldDistributorAbi, functionName: 'claimable', args: [token] });
  const nonce = () => chain.readContract({ address: contracts.HashrateNFT, abi: hashrateNftAbi, functionName: 'claimNonce', args: [token] });
  expect(await claimable()).toBeGreaterThan(0n);
  await page.goto(`/nft/${token}`);
  await connectDevWallet(page, 'buyer');
  await expect(page.getByTestId('token-yield-claimable')).not.toHaveAttribute('data-value', '0');
  // the buy box shows what comes with the NFT, read in the same block as the claim nonce the purchase commits to
  await expect(page.getByTestId('buy-includes-yield')).toHaveAttribute('data-value', String(await claimable()));
  await expect(page.getByTestId('buy-button')).toBeEnabled();

  // The seller takes the yield out while the buyer is looking.
  const before = await nonce();
  const hash = await wallet.writeContract({ account: devAccounts.buyer2, address: contracts.YieldDistributor, abi: yieldDistributorAbi, functionName: 'claim', args: [[token]] });
  expect((await chain.waitForTransactionReceipt({ hash })).status).toBe('success');
  expect(await nonce()).toBe(before + 1n);

  // The page notices, refreshes the figures and holds the purchase until the buyer has seen them.
  const notice = page.getByTestId('value-changed');
  await expect(notice).toContainText('Value was claimed out of NFT #1000002 since you opened this page', { timeout: 15_000 });
  await expect(page.getByTestId('buy-button')).toHaveCount(0);
  await expect(page.getByTestId('token-yield-claimable')).toHaveAttribute('data-value', '0');
  await expect(page.getByTestId('buy-includes-yield')).toHaveAttribute('data-value', '0');
  await notice.getByTestId('value-changed-ack').click();
  await page.getByTestId('buy-button').click();
  await expect(page.getByTestId('bought')).toBeVisible();
  expect(await onChain.owner(token)).toBe(devAccounts.buyer);
});

test('the oracle section shows each day’s market average, its reporters and their spread; a far-off report is ignored', async ({ page }) => {
  // A new UTC day: two reporters post close values, the third a value 100 times higher.
  await testClient.increaseTime({ seconds: 86_400 });
  await testClient.mine({ blocks: 1 });
  const day = (await chain.getBlock()).timestamp / 86_400n;
  const values = [2_400_000_000_000_000n, 2_300_000_000_000_000n, 235_000_000_000_000_000n] as const;
  for (const [i, reporter] of [devAccounts.reporter1, devAccounts.reporter2, devAccounts.reporter3].entries()) {
    const hash = await wallet.writeContract({ account: reporter, address: contracts.YieldOracle, abi: yieldOracleAbi, functionName: 'report', args: [0, day, values[i]!] });
    expect((await chain.waitForTransactionReceipt({ hash })).status).toBe('success');
  }
  const [median] = await chain.readContract({ address: contracts.YieldOracle, abi: yieldOracleAbi, functionName: 'averageOf', args: [0, day] });
  expect(median).toBe(2_350_000_000_000_000n); // the mean of the two close reports: the far one is out

  await page.goto('/insurance');
  const oracle = page.getByTestId('oracle-section');
  await expect(oracle.getByTestId('oracle-rules')).toContainText('at least 3 reports');
  await expect(oracle.getByTestId('oracle-rules')).toContainText('more than 2× above or below');
  const row = oracle.locator(`[data-testid="oracle-day"][data-day="${day}"]`);
  await expect(row).toHaveAttribute('data-value', median.toString());
  await expect(row.getByTestId('oracle-value')).toHaveText('0.00235 FIL');
  await expect(row.getByTestId('oracle-count')).toHaveText('2 used · 3 counting · 3 in all');
  await expect(row.getByTestId('oracle-spread')).toHaveText('0.0023 FIL – 0.0024 FIL (4.2% of the value)');
  await expect(row.locator('[data-testid="oracle-report"][data-status="outlier"]')).toContainText('0.235 FIL (outlier: ignored)');
  await expect(row.locator('[data-testid="oracle-report"][data-status="used"]')).toHaveCount(2);
});

