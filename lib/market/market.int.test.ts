import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getAddress, parseEventLogs, zeroAddress, type Address } from 'viem';
import { hashrateNftAbi, marketplaceAbi, mockUsdtAbi, revenueEscrowAbi } from '@/contracts-abi';
import { devAccounts } from '@/lib/chain/devAccounts';
import { readDeployment } from '@/scripts/lib/deployment';
import { demoAuctions, demoProducts, seed } from '@/scripts/lib/seed';
import { startTestChain, type TestChain } from '@/test/localChain';
import { readMarket } from './read';

let chain: TestChain;
// minus 5 sales, plus 1 resale, minus the NFTs moved into auctions
const seededListings = demoProducts.reduce((n, p) => n + p.count, 0) - 5 + 1 - demoAuctions.length;

beforeAll(async () => {
  chain = await startTestChain(8547, { seed: true });
  process.env.RPC_URL = chain.anvil.rpcUrl;
});
afterAll(async () => chain?.anvil.stop());
beforeEach(async () => chain.snapshot());
afterEach(async () => chain.revert());

const send: TestChain['send'] = (...a) => chain.send(...a);
const read = <T>(...a: Parameters<TestChain['read']>) => chain.read<T>(...a);

describe('deployment', () => {
  it('lands at the committed local addresses (the generated ABIs rely on them)', () => {
    expect(chain.deployment.contracts).toEqual(readDeployment(31337)!.contracts);
    expect(chain.deployment.startBlock).toBe(1);
  });

  it('seeds once: a second run changes nothing', async () => {
    const before = await chain.publicClient.getBlockNumber();
    expect(await seed(chain.anvil.rpcUrl, chain.deployment, () => {})).toBe(false);
    expect(await chain.publicClient.getBlockNumber()).toBe(before);
    expect(await read<bigint>(chain.deployment.contracts.HashrateNFT, hashrateNftAbi, 'productCount')).toBe(BigInt(demoProducts.length));
  });
});

describe('fixed-price sale through viem', () => {
  it('moves the NFT to the buyer, the price into the revenue escrow (price minus fee credited to the NFT) and accrues the fee', async () => {
    const { HashrateNFT: nft, Marketplace: market, PaymentToken: usdt, RevenueEscrow: escrow } = chain.deployment.contracts;
    const tokenId = 3_000_005n; // product 3, listed by miner C at 16.90 USDT
    const [listing] = [await read<{ seller: Address; price: bigint }>(market, marketplaceAbi, 'listing', [tokenId])];
    expect(listing.seller).toBe(getAddress(devAccounts.minerC));
    const price = listing.price;
    const before = {
      buyer: await read<bigint>(usdt, mockUsdtAbi, 'balanceOf', [devAccounts.buyer]),
      seller: await read<bigint>(usdt, mockUsdtAbi, 'balanceOf', [devAccounts.minerC]),
      fees: await read<bigint>(market, marketplaceAbi, 'accruedFees'),
      escrow: await read<bigint>(usdt, mockUsdtAbi, 'balanceOf', [escrow]),
    };

    await send(devAccounts.buyer, usdt, mockUsdtAbi, 'approve', [market, price]);
    const receipt = await send(devAccounts.buyer, market, marketplaceAbi, 'buy', [tokenId, price, 0n]);

    const fee = (price * 500n) / 10_000n; // the miner sells: a primary sale pays the 5% issuance fee
    const [sold] = parseEventLogs({ abi: marketplaceAbi, logs: receipt.logs, eventName: 'Sold' });
    expect(sold!.args).toEqual({ tokenId, seller: getAddress(devAccounts.minerC), buyer: getAddress(devAccounts.buyer), price, fee });
    expect(await read<Address>(nft, hashrateNftAbi, 'ownerOf', [tokenId])).toBe(getAddress(devAccounts.buyer));
    expect(await read<bigint>(usdt, mockUsdtAbi, 'balanceOf', [devAccounts.buyer])).toBe(before.buyer - price);
    // A primary sale pays the miner day by day: the money waits in the escrow, credited to this NFT.
    expect(await read<bigint>(usdt, mockUsdtAbi, 'balanceOf', [devAccounts.minerC])).toBe(before.seller);
    // The buyer pays the whole price to the escrow in one transfer; the fee waits there for withdrawFees.
    expect(await read<bigint>(usdt, mockUsdtAbi, 'balanceOf', [escrow])).toBe(before.escrow + price);
    const [credited] = parseEventLogs({ abi: revenueEscrowAbi, logs: receipt.logs, eventName: 'Credited' });
    expect(credited!.args).toMatchObject({ tokenId, productId: 3n, amount: price - fee });
    expect((await read<{ amount: bigint }>(escrow, revenueEscrowAbi, 'tokenEscrow', [tokenId])).amount).toBe(price - fee);
    expect(await read<bigint>(market, marketplaceAbi, 'accruedFees')).toBe(before.fees + fee);
    expect(await read<bigint>(market, marketplaceAbi, 'escrowedFees')).toBeGreaterThanOrEqual(fee);
    expect((await read<{ seller: Address }>(market, marketplaceAbi, 'listing', [tokenId])).seller).toBe(zeroAddress);
  });
});

describe('readMarket (what /api/listings serves)', () => {
  it('returns every buyable seeded listing with its product', async () => {
    const market = await readMarket();
    expect(market.listings).toHaveLength(seededListings);
    const resale = market.listings.filter((l) => !l.primary);
    expect(resale).toHaveLength(1);
    expect(resale[0]).toMatchObject({ tokenId: 1_000_002n, seller: getAddress(devAccounts.buyer2), price: 1_700_000n });
    const l = market.listings.find((x) => x.tokenId === 2_000_003n)!;
    expect(l.product).toMatchObject({ productId: 2n, coin: 'FIL', nodeId: 'f02097088', hashratePerNFT: 4000n });
    expect(l.pricePerUnitDay).toBeGreaterThan(8_000n); // 11.90 USDT / 4 TiB / ≤ 360 days
  });

  it('drops a listing whose NFT left the seller, and one whose approval was revoked', async () => {
    const { HashrateNFT: nft } = chain.deployment.contracts;
    await send(devAccounts.buyer2, nft, hashrateNftAbi, 'transferFrom', [devAccounts.buyer2, devAccounts.buyer, 1_000_002n]);
    await send(devAccounts.minerC, nft, hashrateNftAbi, 'setApprovalForAll', [chain.deployment.contracts.Marketplace, false]);
    const market = await readMarket();
    const minerCListings = demoProducts[2]!.count - 1; // one was sold in the seed
    expect(market.listings).toHaveLength(seededListings - 1 - minerCListings);
    expect(market.listings.some((l) => l.tokenId === 1_000_002n)).toBe(false);
    expect(market.listings.some((l) => l.seller === getAddress(devAccounts.minerC))).toBe(false);
  });
});
