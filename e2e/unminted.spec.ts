import { createWalletClient, http, keccak256, parseUnits, toBytes, type Address } from 'viem';
import { foundry } from 'viem/chains';
import { dmcAbi, marketplaceAbi, minerRegistryAbi, revenueEscrowAbi } from '../contracts-abi';
import { devAccounts } from '../lib/chain/devAccounts';
import { E2E_RPC_URL } from '../playwright.config';
import { chain, connectDevWallet, contracts, disconnectWallet, expect, onChain, serialOnRestoredChain, test, testClient } from './fixtures';

// Mint on purchase: a miner puts its whole product on sale unminted in one transaction (MinerRegistry.listForSale);
// a buyer buys the next NFT on the market, minted to it, its money in the escrow. The application's approval is the
// DAO's call (governance.spec votes one through the browser); here the timelock's call is made directly, and the
// chain goes back to where it was when this file ends.
const wallet = createWalletClient({ chain: foundry, transport: http(E2E_RPC_URL) });
serialOnRestoredChain();

async function send(account: Address, address: Address, abi: readonly unknown[], functionName: string, args: readonly unknown[]) {
  const hash = await wallet.writeContract({ account, address, abi: abi as never, functionName, args } as never);
  const receipt = await chain.waitForTransactionReceipt({ hash });
  expect(receipt.status).toBe('success');
  return receipt;
}

const registry = { address: contracts.MinerRegistry, abi: minerRegistryAbi } as const;

/** An active application of miner A (applied, approved by the timelock, staked) for 3 NFTs of 2 TiB at 5 USDT. */
async function activeApplication(): Promise<{ id: bigint; productId: bigint }> {
  const now = (await chain.getBlock()).timestamp;
  const params = {
    name: 'Hangzhou Storage Co.',
    documentsURI: 'ipfs://bafy-e2e-unminted',
    documentsHash: keccak256(toBytes('documents for f01999555')),
    coin: 0,
    nodeId: 'f01999555',
    totalHashrate: 12_000n,
    effectiveHashrate: 9_000n,
    hashratePerNFT: 2_000n,
    nftCount: 3,
    termStart: now - (now % 86_400n) + 86_400n,
    termDays: 180,
    pricePerNFT: parseUnits('5', 6),
    expectedDailyYieldPerUnit: parseUnits('0.0024', 18),
  };
  await send(devAccounts.minerA, contracts.MinerRegistry, minerRegistryAbi, 'submitApplication', [params]);
  const id = await chain.readContract({ ...registry, functionName: 'applicationCount' });
  const governance = await chain.readContract({ ...registry, functionName: 'governance' });
  await testClient.impersonateAccount({ address: governance });
  await testClient.setBalance({ address: governance, value: 10n ** 18n });
  await send(governance, contracts.MinerRegistry, minerRegistryAbi, 'approve', [id]);
  await testClient.stopImpersonatingAccount({ address: governance });
  const stake = (await chain.readContract({ ...registry, functionName: 'application', args: [id] })).requiredStake;
  await send(devAccounts.minerA, contracts.DMC, dmcAbi, 'approve', [contracts.MinerRegistry, stake]);
  await send(devAccounts.minerA, contracts.MinerRegistry, minerRegistryAbi, 'stakeAndActivate', [id]);
  const { productId } = await chain.readContract({ ...registry, functionName: 'application', args: [id] });
  return { id, productId };
}

test('a miner puts its whole product on sale unminted in one transaction; a buyer gets the next NFT, minted, its money in the escrow', async ({ page }) => {
  const { id, productId } = await activeApplication();

  await page.goto('/miner');
  await connectDevWallet(page, 'minerA');
  const card = page.getByTestId(`application-${id}`);
  await expect(card.getByTestId('application-status')).toHaveText('Active');
  await card.getByTestId('list-unminted-button').click();
  await expect(card.getByTestId('tx-status')).toContainText(/Putting the unminted NFTs on sale.*Confirmed\./);
  const sale = await chain.readContract({ address: contracts.Marketplace, abi: marketplaceAbi, functionName: 'productSale', args: [productId] });
  expect(sale).toMatchObject({ price: 5_000_000n, next: 1, last: 3 });

  await disconnectWallet(page);
  await page.goto('/');
  await connectDevWallet(page, 'buyer');
  const offer = page.getByTestId(`product-sale-${productId}`);
  await expect(offer.getByTestId('product-sale-left')).toHaveText('3 of 3 left');
  await expect(offer.getByTestId('product-sale-price')).toContainText('5.00');
  await expect(offer).toContainText('You get NFT #1 of this product.');
  const before = await onChain.usdt(devAccounts.buyer);
  await offer.getByTestId('product-sale-buy').click();
  await expect(offer.getByTestId('product-sale-bought')).toContainText(`You own NFT #${productId * 1_000_000n + 1n}`);

  const tokenId = productId * 1_000_000n + 1n;
  expect(await onChain.owner(tokenId)).toBe(devAccounts.buyer);
  expect(before - (await onChain.usdt(devAccounts.buyer))).toBe(5_000_000n);
  const escrowed = await chain.readContract({ address: contracts.RevenueEscrow, abi: revenueEscrowAbi, functionName: 'tokenEscrow', args: [tokenId] });
  expect(escrowed.amount).toBe(4_750_000n); // the price less the 5% issuance fee, released to the miner day by day
  await expect(offer.getByTestId('product-sale-left')).toHaveText('2 of 3 left');
  await expect(offer).toContainText('You get NFT #2 of this product.');

  await offer.getByTestId('product-sale-bought').getByRole('link').click();
  await expect(page.getByTestId('nft-title')).toContainText('2 TiB FIL hashrate #1');

  // The 5% issuance fee waits in the product's sale slot; the treasury's Collect fees books it with the rest.
  const productFees = async () => (await chain.readContract({ address: contracts.Marketplace, abi: marketplaceAbi, functionName: 'productSale', args: [productId] })).fees;
  expect(await productFees()).toBe(250_000n);
  await page.goto('/treasury');
  await page.getByTestId('collect-fees').click();
  await expect(page.getByTestId('this-month').getByTestId('tx-status')).toContainText(/Collecting the fees into Revenue.*Confirmed\./);
  expect(await productFees()).toBe(0n);
  expect(await chain.readContract({ address: contracts.Marketplace, abi: marketplaceAbi, functionName: 'accruedFees' })).toBe(0n);
  await expect(page.getByTestId('waiting-fees')).toHaveAttribute('data-value', '0');
});
