// Revenue, buyback and burn on a real anvil (the seeded chain: five sales whose fees were collected into Revenue in
// month 0, the Uniswap V2 DMC/USDT pair holding 1,000,000 DMC + 100,000 USDT, and a first `buyback()` call after
// month 0 ended that closed it and started the price window), through the app's readers (lib/treasury/read.ts,
// which the hooks and the /api/treasury/history route call), checked against raw contract reads and events.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { erc20Abi, parseEventLogs, parseUnits, type Address } from 'viem';
import { dmcAbi, hashrateNftAbi, ifilAbi, marketplaceAbi, mockUsdtAbi, revenueAbi, uniswapV2PairAbi } from '@/contracts-abi';
import { devAccounts } from '@/lib/chain/devAccounts';
import { describeError } from '@/lib/tx/errors';
import { startTestChain, type TestChain } from '@/test/localChain';
import { decodeTreasuryHistory, encodeTreasuryHistory } from './history';
import { readTreasury, readTreasuryHistory, SOURCE_IDS, SUPPLY_FLOOR } from './read';

let chain: TestChain;

beforeAll(async () => {
  chain = await startTestChain(8557, { seed: true });
});
afterAll(async () => chain?.anvil.stop());
beforeEach(async () => chain.snapshot());
afterEach(async () => chain.revert());

const c = () => chain.deployment.contracts;
const read = <T>(...a: Parameters<TestChain['read']>) => chain.read<T>(...a);
async function advance(seconds: number) {
  await chain.testClient.increaseTime({ seconds });
  await chain.testClient.mine({ blocks: 1 });
}

/** The market fees that reached Revenue: the Marketplace's FeesWithdrawn events naming it. */
async function feesWithdrawnToRevenue(): Promise<bigint> {
  const logs = await chain.publicClient.getContractEvents({ address: c().Marketplace, abi: marketplaceAbi, eventName: 'FeesWithdrawn', fromBlock: 0n });
  return logs.filter((l) => l.args.treasury === c().Revenue).reduce((s, l) => s + l.args.amount!, 0n);
}

describe('the seeded revenue', () => {
  it('books the market fees in month 0 and closes it 80 / 20 at the first buyback call', async () => {
    const fees = await feesWithdrawnToRevenue();
    expect(fees).toBeGreaterThan(0n);
    const history = await readTreasuryHistory(chain.publicClient);
    const month0 = history.months.find((m) => m.month === 0)!;
    expect(month0.bySource.market).toBe(fees);
    expect(month0.total).toBe(await read<bigint>(c().Revenue, revenueAbi, 'monthRevenue', [0n]));
    expect(month0.toBuyback).toBe((fees * 8_000n) / 10_000n);
    expect(month0.toTreasury).toBe(fees - month0.toBuyback!);
    // the timelock received the 20%
    expect(await read<bigint>(c().PaymentToken, erc20Abi, 'balanceOf', [c().Timelock])).toBe(month0.toTreasury);

    const s = await readTreasury(chain.publicClient);
    expect(s.budget).toBe(month0.toBuyback);
    expect(s.closedMonths).toBeGreaterThanOrEqual(1n);
    expect(s.supply).toBe(await read<bigint>(c().DMC, dmcAbi, 'totalSupply'));
    expect(s.next.kind).toBe('wait'); // the window the seed started is younger than an hour
  });

  it('the history survives its JSON round trip (the API route and the browser share one schema)', async () => {
    const history = await readTreasuryHistory(chain.publicClient);
    expect(decodeTreasuryHistory(JSON.parse(JSON.stringify(encodeTreasuryHistory(history))))).toEqual(history);
  });
});

describe('a buyback', () => {
  it('an hour after the window started, buys exactly what the pair quotes, burns it, and the history shows it', async () => {
    await advance(3_600);
    const s = await readTreasury(chain.publicClient);
    expect(s.next.kind).toBe('buy');
    if (s.next.kind !== 'buy') return;
    // the app's quote is the pair's getAmountOut at its reserves (USDT in, DMC out)
    const [r0, r1] = await read<readonly [bigint, bigint, number]>(c().DmcUsdtPair, uniswapV2PairAbi, 'getReserves');
    const dmcFirst = (await read<Address>(c().DmcUsdtPair, uniswapV2PairAbi, 'token0')).toLowerCase() === c().DMC.toLowerCase();
    const [rUsdt, rDmc] = dmcFirst ? [r1, r0] : [r0, r1];
    const paid = s.budget < s.lot ? s.budget : s.lot;
    expect(s.next.paid).toBe(paid);
    expect(s.next.out).toBe((paid * 997n * rDmc) / (rUsdt * 1000n + paid * 997n));
    expect(s.next.inBounds).toBe(true);

    const supply = s.supply;
    const receipt = await chain.send(devAccounts.buyer2, c().Revenue, revenueAbi, 'buyback');
    const [event] = parseEventLogs({ abi: revenueAbi, logs: receipt.logs, eventName: 'BoughtBack' });
    expect(event!.args.paid).toBe(paid);
    expect(event!.args.bought).toBe(s.next.out);
    expect(await read<bigint>(c().DMC, dmcAbi, 'totalSupply')).toBe(supply - s.next.out);

    const after = await readTreasury(chain.publicClient);
    expect(after.totalBurned).toBe(s.next.out);
    expect(after.budget).toBe(s.budget - paid);
    const history = await readTreasuryHistory(chain.publicClient);
    expect(history.buybacks).toHaveLength(1);
    expect(history.buybacks[0]).toMatchObject({ paid, bought: s.next.out, burned: s.next.out, supplyAfter: supply - s.next.out });
    expect(history.buybacks[0]!.supplyAfter).toBeGreaterThan(SUPPLY_FLOOR);
  });

  it('a call before the window is an hour old, and one with no budget left, decode into words', async () => {
    const early = describeError(await chain.revertOf(devAccounts.buyer2, c().Revenue, revenueAbi, 'buyback'), 'en');
    const s = await readTreasury(chain.publicClient);
    expect(early.key).toBe('errors.RevenueTooSoon');
    expect(early.vars?.readyAt).toBe(`${new Date(Number(s.quote.readyAt) * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`);
    await advance(3_600);
    await chain.send(devAccounts.buyer2, c().Revenue, revenueAbi, 'buyback'); // the seeded budget is below one lot
    await advance(3_600);
    const empty = describeError(await chain.revertOf(devAccounts.buyer2, c().Revenue, revenueAbi, 'buyback'), 'zh');
    expect(empty.key).toBe('errors.RevenueNothingToBuy');
  });
});

describe('collecting', () => {
  it('USDT sent straight in is booked as "other" in this month by collectAll, and the state shows it', async () => {
    const amount = parseUnits('12.5', 6);
    await chain.send(devAccounts.buyer, c().PaymentToken, mockUsdtAbi, 'transfer', [c().Revenue, amount]);
    await chain.send(devAccounts.buyer, c().Revenue, revenueAbi, 'collectAll');
    const s = await readTreasury(chain.publicClient);
    expect(s.thisMonth.other).toBe(amount);
    const month = await read<bigint>(c().Revenue, revenueAbi, 'currentMonth');
    expect(s.month).toBe(month);
    expect(await read<bigint>(c().Revenue, revenueAbi, 'revenueOf', [month, 0n])).toBe(amount);
  });

  it('a resale fee waits at the market and reaches Revenue net of the insurance share', async () => {
    const resale = (await chain.publicClient.getContractEvents({ address: c().Marketplace, abi: marketplaceAbi, eventName: 'Listed', fromBlock: 0n }))
      .map((l) => l.args)
      .find((a) => a.seller?.toLowerCase() === devAccounts.buyer2.toLowerCase());
    expect(resale).toBeDefined();
    const tokenId = resale!.tokenId!;
    const listing = await read<{ price: bigint }>(c().Marketplace, marketplaceAbi, 'listing', [tokenId]);
    const nonce = await read<bigint>(c().HashrateNFT, hashrateNftAbi, 'claimNonce', [tokenId]);
    await chain.send(devAccounts.buyer, c().PaymentToken, mockUsdtAbi, 'approve', [c().Marketplace, listing.price]);
    await chain.send(devAccounts.buyer, c().Marketplace, marketplaceAbi, 'buy', [tokenId, listing.price, nonce]);
    const fee = (listing.price * 200n) / 10_000n;
    const s = await readTreasury(chain.publicClient);
    expect(s.waiting.market).toBe(fee - (fee * 2_000n) / 10_000n);
    await chain.send(devAccounts.buyer, c().Revenue, revenueAbi, 'collectAll');
    const after = await readTreasury(chain.publicClient);
    expect(after.thisMonth.market - s.thisMonth.market).toBe(s.waiting.market);
    expect(after.waiting.market).toBe(0n);
  });

  it('a primary sale’s fee, which waits in the escrow, is counted once and reaches Revenue net of the insurance share', async () => {
    const listed = await chain.publicClient.getContractEvents({ address: c().Marketplace, abi: marketplaceAbi, eventName: 'Listed', fromBlock: 0n });
    let tokenId = 0n;
    let price = 0n;
    for (const l of listed) {
      const current = await read<{ seller: Address; price: bigint }>(c().Marketplace, marketplaceAbi, 'listing', [l.args.tokenId!]);
      const [, sold] = await read<readonly [Address, boolean, bigint]>(c().HashrateNFT, hashrateNftAbi, 'saleState', [l.args.tokenId!]);
      if (current.price > 0n && !sold && current.price <= parseUnits('20', 6)) {
        tokenId = l.args.tokenId!;
        price = current.price;
        break;
      }
    }
    expect(price).toBeGreaterThan(0n);
    const s = await readTreasury(chain.publicClient);
    const nonce = await read<bigint>(c().HashrateNFT, hashrateNftAbi, 'claimNonce', [tokenId]);
    await chain.send(devAccounts.buyer, c().PaymentToken, mockUsdtAbi, 'approve', [c().Marketplace, price]);
    await chain.send(devAccounts.buyer, c().Marketplace, marketplaceAbi, 'buy', [tokenId, price, nonce]);
    const fee = (price * 500n) / 10_000n;
    const net = fee - (fee * 2_000n) / 10_000n;
    const after = await readTreasury(chain.publicClient);
    expect(after.waiting.market - s.waiting.market).toBe(net);
    await chain.send(devAccounts.buyer, c().Revenue, revenueAbi, 'collectAll');
    const collected = await readTreasury(chain.publicClient);
    expect(collected.thisMonth.market - s.thisMonth.market).toBe(after.waiting.market);
  });
});

describe('the joint pools’ IFIL fees', () => {
  it('are sold on the IFIL/USDT pair for exactly what it quotes, booked as this month’s revenue, and never forwarded', async () => {
    expect(await read<bigint>(c().Revenue, revenueAbi, 'TOKEN_SALES')).toBe(SOURCE_IDS.pools);
    const amount = parseUnits('10', 18);
    // IFIL arriving at Revenue, as a pool's sweepFees sends it.
    await chain.send(devAccounts.buyer, c().IFIL, ifilAbi, 'deposit', [], amount);
    await chain.send(devAccounts.buyer, c().IFIL, erc20Abi, 'transfer', [c().Revenue, amount]);
    const forward = describeError(await chain.revertOf(devAccounts.buyer, c().Revenue, revenueAbi, 'forwardToken', [c().IFIL]), 'en');
    expect(forward.key).toBe('errors.RevenueTokenHasMarket');

    let s = await readTreasury(chain.publicClient);
    expect(s.ifil.pair).toBe(c().IfilUsdtPair);
    expect(s.ifil.lot).toBe(parseUnits('50', 18));
    expect(s.ifil.held).toBe(amount);
    expect(s.ifil.next.kind).toBe('window');
    await chain.send(devAccounts.buyer2, c().Revenue, revenueAbi, 'sellToken', [c().IFIL]);
    s = await readTreasury(chain.publicClient);
    expect(s.ifil.next).toEqual({ kind: 'wait', readyAt: s.ifil.quote.readyAt });
    const early = describeError(await chain.revertOf(devAccounts.buyer2, c().Revenue, revenueAbi, 'sellToken', [c().IFIL]), 'en');
    expect(early.key).toBe('errors.RevenueTooSoon');

    await advance(3_600);
    s = await readTreasury(chain.publicClient);
    expect(s.ifil.next.kind).toBe('sell');
    if (s.ifil.next.kind !== 'sell') return;
    const [r0, r1] = await read<readonly [bigint, bigint, number]>(c().IfilUsdtPair, uniswapV2PairAbi, 'getReserves');
    const ifilFirst = (await read<Address>(c().IfilUsdtPair, uniswapV2PairAbi, 'token0')).toLowerCase() === c().IFIL.toLowerCase();
    const [rIfil, rUsdt] = ifilFirst ? [r0, r1] : [r1, r0];
    expect(s.ifil.next.paid).toBe(amount);
    expect(s.ifil.next.out).toBe((amount * 997n * rUsdt) / (rIfil * 1000n + amount * 997n));
    expect(s.ifil.next.inBounds).toBe(true);

    const receipt = await chain.send(devAccounts.buyer2, c().Revenue, revenueAbi, 'sellToken', [c().IFIL]);
    const [event] = parseEventLogs({ abi: revenueAbi, logs: receipt.logs, eventName: 'TokenSold' });
    expect(event!.args.amount).toBe(amount);
    expect(event!.args.received).toBe(s.ifil.next.out);
    const after = await readTreasury(chain.publicClient);
    expect(after.thisMonth.pools - s.thisMonth.pools).toBe(s.ifil.next.out);
    expect(after.ifil.held).toBe(0n);
    expect(after.ifil.next.kind).toBe('empty');
    expect(after.open - s.open).toBe(s.ifil.next.out);
    const month = (await readTreasuryHistory(chain.publicClient)).months.find((m) => m.month === Number(after.month))!;
    expect(month.bySource.pools).toBe(after.thisMonth.pools);
    expect(month.ifil).toBe(after.ifil.thisMonth);
  });
});
