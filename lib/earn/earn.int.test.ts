// DMC mining on a real anvil (the seeded chain: the foundation added 1,000,000 DMC + 100,000 USDT to the Uniswap V2
// pair through the router and staked half its LP tokens and 100,000 DMC), through viem and the app's readers
// (lib/earn/read.ts, which the hooks call): the real pair prices the liquidity, the app's APR equals the one worked
// out from raw contract reads, the schedule mirror equals the contract, and stake → time → claim pays exactly.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { erc20Abi, parseUnits, type Address } from 'viem';
import { dmcMiningAbi, hashrateNftAbi, jointPoolAbi, jointPoolFactoryAbi, uniswapV2PairAbi, uniswapV2Router02Abi, yieldDistributorAbi } from '@/contracts-abi';
import { devAccounts } from '@/lib/chain/devAccounts';
import { describeError } from '@/lib/tx/errors';
import { startTestChain, type TestChain } from '@/test/localChain';
import { lpMinted, quoteAdd, quoteRemove } from './pricing';
import { readEarn, readStakedNfts } from './read';
import { capReachedAt, emittedAt, HALVING_PERIOD, nextHalving, rateAt } from './schedule';

let chain: TestChain;
const TOKEN = 2_000_001n; // product 2 (miner B): 4 TiB; the demo buyer holds it
const NFT_POOL = 0n;
const LP_POOL = 1n;

beforeAll(async () => {
  chain = await startTestChain(8561, { seed: true });
});
afterAll(async () => chain?.anvil.stop());
beforeEach(async () => chain.snapshot());
afterEach(async () => chain.revert());

const c = () => chain.deployment.contracts;
const read = <T>(...a: Parameters<TestChain['read']>) => chain.read<T>(...a);
const now = async () => (await chain.publicClient.getBlock()).timestamp;
async function advance(seconds: bigint) {
  await chain.testClient.increaseTime({ seconds: Number(seconds) });
  await chain.testClient.mine({ blocks: 1 });
}

describe('the Uniswap V2 DMC/USDT pair', () => {
  it('is the real pair of the deployed factory and prices the seeded liquidity at 0.10 USDT per DMC', async () => {
    const pair = await read<Address>(c().UniswapV2Factory, [...uniswapV2PairAbi, { type: 'function', name: 'getPair', stateMutability: 'view', inputs: [{ type: 'address' }, { type: 'address' }], outputs: [{ type: 'address' }] }], 'getPair', [c().DMC, c().PaymentToken]);
    expect(pair).toBe(c().DmcUsdtPair);
    const state = await readEarn(chain.publicClient);
    expect(state.reserves.dmc).toBe(parseUnits('1000000', 18));
    expect(state.reserves.usdt).toBe(parseUnits('100000', 6));
    expect(state.price).toBe(parseUnits('0.1', 6));
    // the first liquidity mints sqrt(x·y) LP, 1,000 of which stay locked in the pair forever
    expect(state.reserves.lpSupply).toBe(lpMinted(parseUnits('1000000', 18), parseUnits('100000', 6), { dmc: 0n, usdt: 0n, lpSupply: 0n }) + 1000n);
  });

  it('adds liquidity through the router for the LP tokens the app quotes, and removes it for the quoted amounts', async () => {
    const buyer = devAccounts.buyer;
    const before = await readEarn(chain.publicClient, buyer);
    const dmc = parseUnits('5000', 18);
    const usdt = quoteAdd(dmc, before.reserves)!.usdt;
    expect(usdt).toBe(parseUnits('500', 6));
    const expectedLp = lpMinted(dmc, usdt, before.reserves);
    await chain.send(buyer, c().DMC, erc20Abi, 'approve', [c().UniswapV2Router02, dmc]);
    await chain.send(buyer, c().PaymentToken, erc20Abi, 'approve', [c().UniswapV2Router02, usdt]);
    const deadline = (await now()) + 600n;
    await chain.send(buyer, c().UniswapV2Router02, uniswapV2Router02Abi, 'addLiquidity', [c().DMC, c().PaymentToken, dmc, usdt, dmc, usdt, buyer, deadline]);
    const lp = await read<bigint>(c().DmcUsdtPair, erc20Abi, 'balanceOf', [buyer]);
    expect(lp).toBe(expectedLp);
    const mid = await readEarn(chain.publicClient, buyer);
    expect(mid.price).toBe(before.price); // adding at the pool's ratio does not move the price
    const out = quoteRemove(lp, mid.reserves);
    await chain.send(buyer, c().DmcUsdtPair, erc20Abi, 'approve', [c().UniswapV2Router02, lp]);
    const dmcBefore = await read<bigint>(c().DMC, erc20Abi, 'balanceOf', [buyer]);
    await chain.send(buyer, c().UniswapV2Router02, uniswapV2Router02Abi, 'removeLiquidity', [c().DMC, c().PaymentToken, lp, out.dmc, out.usdt, buyer, deadline]);
    expect((await read<bigint>(c().DMC, erc20Abi, 'balanceOf', [buyer])) - dmcBefore).toBe(out.dmc);
  });
});

describe('the Earn page’s numbers', () => {
  it('the LP pool’s APR is the one worked out from raw contract reads', async () => {
    const state = await readEarn(chain.publicClient);
    const lpPool = state.pools.find((p) => p.kind === 'lp')!;
    const raw = await read<{ ratePerSecond: bigint; totalWeight: bigint }>(c().DMCMining, dmcMiningAbi, 'pool', [LP_POOL]);
    const [r0, r1] = await read<readonly [bigint, bigint, number]>(c().DmcUsdtPair, uniswapV2PairAbi, 'getReserves');
    const token0 = await read<Address>(c().DmcUsdtPair, uniswapV2PairAbi, 'token0');
    const supply = await read<bigint>(c().DmcUsdtPair, uniswapV2PairAbi, 'totalSupply');
    const [dmcR, usdtR] = token0.toLowerCase() === c().DMC.toLowerCase() ? [r0, r1] : [r1, r0];
    // yearly DMC × (USDT per DMC) ÷ (staked LP × 2 × USDT reserve ÷ LP supply), in basis points
    const yearlyUsdt = (raw.ratePerSecond * 31_536_000n * ((usdtR * 10n ** 18n) / dmcR)) / 10n ** 18n;
    const stakedUsdt = (2n * usdtR * raw.totalWeight) / supply;
    expect(raw.totalWeight).toBeGreaterThan(0n);
    expect(lpPool.aprBps).toBe((yearlyUsdt * 10_000n) / stakedUsdt);
    expect(lpPool.ratePerSecond).toBe(raw.ratePerSecond);
    // 60% of 5/3 DMC a second in the first half-year
    expect(raw.ratePerSecond).toBe(((5n * 10n ** 18n) / 3n * 600_000n) / 1_000_000n);
  });

  it('the schedule mirror equals the contract at any time, the halving and the cap', async () => {
    const start = await read<bigint>(c().DMCMining, dmcMiningAbi, 'start');
    const t = await now();
    expect(start).toBeGreaterThan(0n);
    for (const at of [t, start + 1n, start + HALVING_PERIOD, start + HALVING_PERIOD + 7n, start + 3n * HALVING_PERIOD + 99n, start + 20n * HALVING_PERIOD]) {
      expect(await read<bigint>(c().DMCMining, dmcMiningAbi, 'emittedAt', [at])).toBe(emittedAt(start, at));
      expect(await read<bigint>(c().DMCMining, dmcMiningAbi, 'rateAt', [at])).toBe(rateAt(start, at));
    }
    expect(await read<bigint>(c().DMCMining, dmcMiningAbi, 'capReachedAt')).toBe(capReachedAt(start));
    expect(await read<bigint>(c().DMCMining, dmcMiningAbi, 'nextHalving')).toBe(nextHalving(start, t));
  });
});

describe('mining with an NFT', () => {
  it('stakes a hashrate NFT by its TiB, claims exactly the pending DMC after time passes, forwards its yield, and takes it back', async () => {
    const buyer = devAccounts.buyer;
    await chain.send(buyer, c().HashrateNFT, hashrateNftAbi, 'setApprovalForAll', [c().DMCMining, true]);
    const staking = await chain.send(buyer, c().DMCMining, dmcMiningAbi, 'stakeNft', [[TOKEN]]);
    const stakedAt = (await chain.publicClient.getBlock({ blockNumber: staking.blockNumber })).timestamp;
    expect(await read<Address>(c().HashrateNFT, hashrateNftAbi, 'ownerOf', [TOKEN])).toBe(c().DMCMining);
    expect(await readStakedNfts(chain.publicClient, buyer)).toEqual([{ tokenId: TOKEN, weight: 4000n }]);
    const [staked] = await read<readonly [bigint, bigint]>(c().DMCMining, dmcMiningAbi, 'positionOf', [NFT_POOL, buyer]);
    expect(staked).toBe(4000n); // 4 TiB in thousandths
    await advance(86_400n);
    const pool = (await readEarn(chain.publicClient, buyer)).pools[0]!;
    expect(pool.pending).toBeGreaterThan(0n);
    const start = await read<bigint>(c().DMCMining, dmcMiningAbi, 'start');
    const before = await read<bigint>(c().DMC, erc20Abi, 'balanceOf', [buyer]);
    const claiming = await chain.send(buyer, c().DMCMining, dmcMiningAbi, 'claim', [[NFT_POOL]]);
    const claimedAt = (await chain.publicClient.getBlock({ blockNumber: claiming.blockNumber })).timestamp;
    const claimed = (await read<bigint>(c().DMC, erc20Abi, 'balanceOf', [buyer])) - before;
    // the buyer is the only NFT staker: exactly the NFT pool's share of what was emitted from its stake to its claim
    // (behaviour's 30%, shared by weight with the joint pool's dToken pool the seed's vote added: 15%)
    expect(pool.share).toBe(150_000n);
    const due = ((emittedAt(start, claimedAt) - emittedAt(start, stakedAt)) * pool.share) / 1_000_000n;
    expect(due - claimed).toBeLessThanOrEqual(1n);
    expect(claimed).toBeLessThanOrEqual(due);
    expect(claimed).toBeGreaterThanOrEqual(pool.pending); // at least what the page showed a second earlier

    // the miner's yield deposit for the staked NFT goes to the buyer through the mining contract
    const claimable = await read<bigint>(c().YieldDistributor, yieldDistributorAbi, 'claimable', [TOKEN]);
    expect(claimable).toBeGreaterThan(0n); // miner B paid it daily through the seeded history
    const ifilBefore = await read<bigint>(c().IFIL, erc20Abi, 'balanceOf', [buyer]);
    await chain.send(buyer, c().DMCMining, dmcMiningAbi, 'claimNftYield', [[TOKEN]]);
    expect((await read<bigint>(c().IFIL, erc20Abi, 'balanceOf', [buyer])) - ifilBefore).toBe(claimable);

    // someone else cannot take it out: the revert is decoded into words
    const err = await chain.revertOf(devAccounts.buyer2, c().DMCMining, dmcMiningAbi, 'unstakeNft', [[TOKEN]]);
    expect(describeError(err, 'en').key).toBe('errors.DMCMiningNotStaker');
    await chain.send(buyer, c().DMCMining, dmcMiningAbi, 'unstakeNft', [[TOKEN]]);
    expect(await read<Address>(c().HashrateNFT, hashrateNftAbi, 'ownerOf', [TOKEN])).toBe(buyer);
    expect(await readStakedNfts(chain.publicClient, buyer)).toEqual([]);
  });

  it('a product that stopped paying cannot mine: staking its NFT reverts in words', async () => {
    // product 3's miner stopped paying 12 days ago: anyone flags it, which halts its escrow
    const guard = c().DefaultGuard;
    const { defaultGuardAbi } = await import('@/contracts-abi');
    const window = await read<bigint>(guard, defaultGuardAbi, 'latestWindow', [3n]);
    await chain.send(devAccounts.buyer2, guard, defaultGuardAbi, 'flag', [3n, window]);
    await chain.send(devAccounts.buyer, c().HashrateNFT, hashrateNftAbi, 'setApprovalForAll', [c().DMCMining, true]);
    const err = await chain.revertOf(devAccounts.buyer, c().DMCMining, dmcMiningAbi, 'stakeNft', [[3_000_001n]]);
    expect(describeError(err, 'en').key).toBe('errors.DMCMiningProductHalted');
  });
});

describe('mining with a joint pool’s dToken', () => {
  it('the seeded pool’s dToken is a behaviour lock pool: staked without an approval, it stays in the wallet, locked, earns exactly its pending DMC and unstakes', async () => {
    const pool = await read<Address>(c().JointPoolFactory, jointPoolFactoryAbi, 'poolOf', [devAccounts.minerA]);
    const s = await readEarn(chain.publicClient, devAccounts.buyer);
    const p = s.pools.find((x) => x.kind === 'dtoken')!;
    expect(p).toBeDefined();
    expect(p.token).toBe(pool);
    expect(p.program).toBe('behaviour');
    expect(p.symbol).toBe(await read<string>(pool, erc20Abi, 'symbol'));
    const held = await read<bigint>(pool, erc20Abi, 'balanceOf', [devAccounts.buyer]);
    expect(held).toBeGreaterThan(0n); // the seed's deposit
    expect(p.balance).toBe(held);
    expect(await read<bigint>(pool, erc20Abi, 'allowance', [devAccounts.buyer, c().DMCMining])).toBe(0n);

    const amount = parseUnits('10', 18);
    await chain.send(devAccounts.buyer, c().DMCMining, dmcMiningAbi, 'stake', [BigInt(p.pid), amount]);
    expect(await read<bigint>(pool, erc20Abi, 'balanceOf', [devAccounts.buyer])).toBe(held);
    expect(await read<bigint>(pool, jointPoolAbi, 'lockedOf', [devAccounts.buyer])).toBe(amount);
    const staked = (await readEarn(chain.publicClient, devAccounts.buyer)).pools.find((x) => x.pid === p.pid)!;
    expect(staked.staked).toBe(amount);
    expect(staked.balance).toBe(held - amount);
    // Its APR at today's prices, from raw reads of both pairs: the yearly DMC at the DMC/USDT price over the staked
    // dToken at the IFIL/USDT price (5 USDT per IFIL as seeded).
    const [r0, r1] = await read<readonly [bigint, bigint, number]>(c().IfilUsdtPair, uniswapV2PairAbi, 'getReserves');
    const ifilFirst = (await read<Address>(c().IfilUsdtPair, uniswapV2PairAbi, 'token0')).toLowerCase() === c().IFIL.toLowerCase();
    const [rIfil, rUsdt] = ifilFirst ? [r0, r1] : [r1, r0];
    const ifilUsdt = (rUsdt * 10n ** 18n) / rIfil;
    expect(ifilUsdt).toBe(5_000_000n);
    const s2 = await readEarn(chain.publicClient, devAccounts.buyer);
    expect(s2.ifilPrice).toBe(ifilUsdt);
    const yearly = (staked.ratePerSecond * 31_536_000n * s2.price!) / 10n ** 18n;
    expect(staked.aprBps).toBe((yearly * 10_000n) / ((staked.totalWeight * ifilUsdt) / 10n ** 18n));
    // the locked part cannot move, in words
    const moved = describeError(await chain.revertOf(devAccounts.buyer, pool, jointPoolAbi, 'transfer', [devAccounts.buyer2, held]), 'en', undefined, { symbol: p.symbol, decimals: 18 });
    expect(moved.key).toBe('errors.JointPoolLockedBalance');

    await advance(86_400n);
    const later = (await readEarn(chain.publicClient, devAccounts.buyer)).pools.find((x) => x.pid === p.pid)!;
    expect(later.pending).toBeGreaterThan(0n);
    const before = await read<bigint>(c().DMC, erc20Abi, 'balanceOf', [devAccounts.buyer]);
    await chain.send(devAccounts.buyer, c().DMCMining, dmcMiningAbi, 'unstake', [BigInt(p.pid), amount]);
    await chain.send(devAccounts.buyer, c().DMCMining, dmcMiningAbi, 'claim', [[BigInt(p.pid)]]);
    const [, pendingAfter] = await read<readonly [bigint, bigint]>(c().DMCMining, dmcMiningAbi, 'positionOf', [BigInt(p.pid), devAccounts.buyer]);
    expect(pendingAfter).toBe(0n);
    expect(await read<bigint>(c().DMC, erc20Abi, 'balanceOf', [devAccounts.buyer])).toBeGreaterThan(before + later.pending - 1n);
    expect(await read<bigint>(pool, jointPoolAbi, 'lockedOf', [devAccounts.buyer])).toBe(0n);
  });
});
