// Promotion nodes on a real anvil (the seeded chain: the foundation staked 100,000 DMC in DMC mining's DMC pool and
// joined as a main node), through the app's readers (lib/nodes/read.ts, which the hooks and the sales route call):
// a referred primary sale credits exactly 20% of its issuance fee, a light node's sale adds its main node's 5%
// override, and the claim pays it.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseEther, parseEventLogs, type Address } from 'viem';
import { dmcAbi, dmcMiningAbi, hashrateNftAbi, marketplaceAbi, mockUsdtAbi, promotionNodesAbi } from '@/contracts-abi';
import { devAccounts } from '@/lib/chain/devAccounts';
import { describeError } from '@/lib/tx/errors';
import { startTestChain, type TestChain } from '@/test/localChain';
import { decodeNodeSales, encodeNodeSales } from './sales';
import { readNodeSales, readNodes } from './read';

let chain: TestChain;
beforeAll(async () => {
  chain = await startTestChain(8559, { seed: true });
});
afterAll(async () => chain?.anvil.stop());
beforeEach(async () => chain.snapshot());
afterEach(async () => chain.revert());

const c = () => chain.deployment.contracts;
const read = <T>(...a: Parameters<TestChain['read']>) => chain.read<T>(...a);
const F = devAccounts.foundation;

/** A miner's primary listing the buyer can afford. */
async function primaryListing(): Promise<{ tokenId: bigint; price: bigint }> {
  const listed = await chain.publicClient.getContractEvents({ address: c().Marketplace, abi: marketplaceAbi, eventName: 'Listed', fromBlock: 0n });
  for (const l of listed) {
    const current = await read<{ price: bigint }>(c().Marketplace, marketplaceAbi, 'listing', [l.args.tokenId!]);
    const [, sold] = await read<readonly [Address, boolean, bigint]>(c().HashrateNFT, hashrateNftAbi, 'saleState', [l.args.tokenId!]);
    if (current.price > 0n && !sold) return { tokenId: l.args.tokenId!, price: current.price };
  }
  throw new Error('no primary listing');
}

async function buyVia(node: Address) {
  const { tokenId, price } = await primaryListing();
  const nonce = await read<bigint>(c().HashrateNFT, hashrateNftAbi, 'claimNonce', [tokenId]);
  await chain.send(devAccounts.buyer, c().PaymentToken, mockUsdtAbi, 'approve', [c().Marketplace, price]);
  const receipt = await chain.send(devAccounts.buyer, c().Marketplace, marketplaceAbi, 'buyReferred', [tokenId, price, nonce, node]);
  return { tokenId, fee: (price * 500n) / 10_000n, receipt };
}

describe('promotion nodes', () => {
  it('the foundation is a seeded main node, earning, with its stake in DMC mining', async () => {
    const s = await readNodes(chain.publicClient, F);
    expect(s.me).toMatchObject({ level: 'main', active: true, owed: 0n, recruiter: null });
    const [staked] = await read<readonly [bigint, bigint]>(c().DMCMining, dmcMiningAbi, 'positionOf', [2n, F]);
    expect(s.me!.staked).toBe(staked);
    expect(s.commissionBps).toBe(2_000n);
  });

  it('a referred primary sale credits 20% of the fee; through a light node its main node gets 5% more; claims pay it', async () => {
    const first = await buyVia(F);
    const own = (first.fee * 2_000n) / 10_000n;
    expect((await readNodes(chain.publicClient, F)).me!.owed).toBe(own);

    // a light node under the foundation (2,000 DMC staked)
    const light = devAccounts.buyer2;
    await chain.send(F, c().DMC, dmcAbi, 'transfer', [light, parseEther('2000')]);
    await chain.send(light, c().DMC, dmcAbi, 'approve', [c().DMCMining, parseEther('2000')]);
    await chain.send(light, c().DMCMining, dmcMiningAbi, 'stake', [2n, parseEther('2000')]);
    await chain.send(light, c().PromotionNodes, promotionNodesAbi, 'join', [F]);
    const second = await buyVia(light);
    const [credited] = parseEventLogs({ abi: promotionNodesAbi, logs: second.receipt.logs, eventName: 'CommissionCredited' });
    expect(credited!.args).toMatchObject({ node: light, nodeCut: (second.fee * 2_000n) / 10_000n, mainNode: F, overrideCut: (second.fee * 500n) / 10_000n });

    const sales = await readNodeSales(chain.publicClient, F);
    expect(sales.map((x) => x.kind)).toEqual(['override', 'own']);
    expect(decodeNodeSales(JSON.parse(JSON.stringify(encodeNodeSales(sales))))).toEqual(sales);

    const owed = (await readNodes(chain.publicClient, F)).me!.owed;
    expect(owed).toBe(own + credited!.args.overrideCut!);
    const before = await read<bigint>(c().PaymentToken, mockUsdtAbi, 'balanceOf', [F]);
    await chain.send(F, c().PromotionNodes, promotionNodesAbi, 'claim');
    expect((await read<bigint>(c().PaymentToken, mockUsdtAbi, 'balanceOf', [F])) - before).toBe(owed);
  });

  it('a referred winning bid on a primary auction credits the node at settlement; an outbid referral earns nothing', async () => {
    const created = await chain.publicClient.getContractEvents({ address: c().Marketplace, abi: marketplaceAbi, eventName: 'AuctionCreated', fromBlock: 0n });
    const open = [];
    for (const e of created) {
      const a = await read<{ seller: Address; endTime: number | bigint }>(c().Marketplace, marketplaceAbi, 'auction', [e.args.tokenId!]);
      if (a.seller !== '0x0000000000000000000000000000000000000000') open.push({ tokenId: e.args.tokenId!, endTime: BigInt(a.endTime) });
    }
    expect(open.length).toBeGreaterThanOrEqual(2); // the seed's two auctions, both primary
    const approve = (who: Address) => chain.send(who, c().PaymentToken, mockUsdtAbi, 'approve', [c().Marketplace, 2n ** 255n]);
    await approve(devAccounts.buyer);
    await approve(devAccounts.buyer2);
    const [won, outbid] = open;
    // won: the buyer bids through the foundation's link and wins
    const bidWon = await read<bigint>(c().Marketplace, marketplaceAbi, 'minNextBid', [won!.tokenId]);
    await chain.send(devAccounts.buyer, c().Marketplace, marketplaceAbi, 'bidReferred', [won!.tokenId, bidWon, F]);
    // outbid: the buyer bids through the link, the second buyer outbids it on its own
    const first = await read<bigint>(c().Marketplace, marketplaceAbi, 'minNextBid', [outbid!.tokenId]);
    await chain.send(devAccounts.buyer, c().Marketplace, marketplaceAbi, 'bidReferred', [outbid!.tokenId, first, F]);
    const second = await read<bigint>(c().Marketplace, marketplaceAbi, 'minNextBid', [outbid!.tokenId]);
    await chain.send(devAccounts.buyer2, c().Marketplace, marketplaceAbi, 'bid', [outbid!.tokenId, second]);

    const end = [won!, outbid!].reduce((m, x) => (x.endTime > m ? x.endTime : m), 0n);
    const now = (await chain.publicClient.getBlock()).timestamp;
    await chain.testClient.increaseTime({ seconds: Number(end - now) + 600 }); // past any extension
    await chain.testClient.mine({ blocks: 1 });
    const before = (await readNodes(chain.publicClient, F)).me!.owed;
    const settled = await chain.send(devAccounts.buyer2, c().Marketplace, marketplaceAbi, 'settle', [won!.tokenId]);
    const [credited] = parseEventLogs({ abi: promotionNodesAbi, logs: settled.logs, eventName: 'CommissionCredited' });
    expect(credited!.args).toMatchObject({ node: F, nodeCut: (((bidWon * 500n) / 10_000n) * 2_000n) / 10_000n });
    await chain.send(devAccounts.buyer2, c().Marketplace, marketplaceAbi, 'settle', [outbid!.tokenId]);
    expect((await readNodes(chain.publicClient, F)).me!.owed - before).toBe(credited!.args.nodeCut);
    expect((await readNodeSales(chain.publicClient, F)).map((x) => x.tokenId)).toEqual([won!.tokenId]);
  });

  it('refusals decode into words', async () => {
    const twice = describeError(await chain.revertOf(F, c().PromotionNodes, promotionNodesAbi, 'join', ['0x0000000000000000000000000000000000000000']), 'en');
    expect(twice.key).toBe('errors.PromotionNodesAlreadyNode');
    const low = describeError(await chain.revertOf(devAccounts.buyer, c().PromotionNodes, promotionNodesAbi, 'join', ['0x0000000000000000000000000000000000000000']), 'zh');
    expect(low.key).toBe('errors.PromotionNodesStakeTooLow');
    expect(low.vars).toMatchObject({ staked: '0', required: '20,000' });
  });
});
