import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashrateNftAbi, marketplaceAbi, mockUsdtAbi, yieldDistributorAbi } from '@/contracts-abi';
import { devAccounts } from '@/lib/chain/devAccounts';
import { createTranslator } from '@/lib/i18n/catalogs';
import { startTestChain, type TestChain } from '@/test/localChain';
import { describeError } from './errors';

let chain: TestChain;
beforeAll(async () => {
  chain = await startTestChain(8548, { seed: true });
});
afterAll(async () => chain?.anvil.stop());

/** Simulates a call the way the app does and returns the error it throws. */
const revertOf = (functionName: string, args: unknown[], account: `0x${string}`, address = chain.deployment.contracts.Marketplace, abi: readonly unknown[] = marketplaceAbi) =>
  chain.revertOf(account, address, abi, functionName, args);

describe('describeError on real reverts from anvil', () => {
  it('decodes a stablecoin error bubbling up through the market, with amounts in USDT', async () => {
    const { PaymentToken: usdt, Marketplace: market } = chain.deployment.contracts;
    const approve = await chain.walletClient.writeContract({ account: devAccounts.buyer2, address: usdt, abi: mockUsdtAbi, functionName: 'approve', args: [market, 2n ** 255n] });
    await chain.publicClient.waitForTransactionReceipt({ hash: approve });
    const error = await revertOf('buy', [2_000_003n, 11_900_000n, 0n], devAccounts.buyer2);
    const d = describeError(error, 'en-US');
    expect(d).toEqual({ key: 'errors.ERC20InsufficientBalance', vars: expect.objectContaining({ balance: '5.00', needed: '11.90' }) });
    expect(createTranslator('en')(d.key, d.vars)).toBe('Not enough USDT: you have 5.00 USDT and need 11.90 USDT.');
    expect(createTranslator('zh')(d.key, d.vars)).toBe('USDT 不足：你有 5.00 USDT，需要 11.90 USDT。');
  });

  it('names the price a seller raised above what the buyer agreed to', async () => {
    const d = describeError(await revertOf('buy', [2_000_003n, 11_000_000n, 0n], devAccounts.buyer), 'en-US');
    expect(createTranslator('en')(d.key, d.vars)).toBe(
      'The seller raised the price to 11.90 USDT, above the 11.00 USDT you agreed to. Nothing was charged.',
    );
  });

  it('explains buying your own listing, and a token that is not for sale', async () => {
    expect(describeError(await revertOf('buy', [2_000_003n, 11_900_000n, 0n], devAccounts.minerB)).key).toBe('errors.MarketplaceBuyerIsSeller');
    const notListed = describeError(await revertOf('buy', [2_000_001n, 99_000_000n, 0n], devAccounts.buyer));
    expect(notListed).toMatchObject({ key: 'errors.MarketplaceNotListed', vars: { tokenId: '2000001' } });
  });

  it('refuses a purchase when the seller claimed value out of the NFT after the buyer looked, in words', async () => {
    // The seed's resale: the second buyer lists #1000002, which has earned yield it did not claim yet.
    const { HashrateNFT: nft, YieldDistributor: yieldDistributor, Marketplace: market } = chain.deployment.contracts;
    const token = 1_000_002n;
    const { price } = await chain.read<{ price: bigint }>(market, marketplaceAbi, 'listing', [token]);
    const seen = await chain.read<bigint>(nft, hashrateNftAbi, 'claimNonce', [token]);
    expect(await chain.read<bigint>(yieldDistributor, yieldDistributorAbi, 'claimable', [token])).toBeGreaterThan(0n);
    await chain.send(devAccounts.buyer, chain.deployment.contracts.PaymentToken, mockUsdtAbi, 'approve', [market, price]);
    // what the buyer saw would buy it
    await expect(chain.publicClient.simulateContract({ account: devAccounts.buyer, address: market, abi: marketplaceAbi, functionName: 'buy', args: [token, price, seen] })).resolves.toBeTruthy();
    // the seller claims the yield in front of the purchase
    await chain.send(devAccounts.buyer2, yieldDistributor, yieldDistributorAbi, 'claim', [[token]]);
    expect(await chain.read<bigint>(nft, hashrateNftAbi, 'claimNonce', [token])).toBe(seen + 1n);
    const d = describeError(await revertOf('buy', [token, price, seen], devAccounts.buyer), 'en-US');
    expect(d).toMatchObject({ key: 'errors.MarketplaceTokenValueChanged', vars: { tokenId: '1000002' } });
    expect(createTranslator('en')(d.key, d.vars)).toMatch(/^Value was claimed out of NFT #1000002 after you looked at it .*nothing was charged/);
  });

  it('says when the node cannot be reached', async () => {
    const { createPublicClient, http } = await import('viem');
    const dead = createPublicClient({ transport: http('http://127.0.0.1:9') });
    const error = await dead.getBlockNumber().catch((e) => e);
    expect(describeError(error).key).toBe('errors.network');
  });
});
