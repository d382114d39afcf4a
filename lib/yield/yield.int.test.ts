// Deposit → claimable → claim on a real anvil, through viem, checking the exact amounts the app's readers
// (lib/yield/read.ts, which the hooks call) and pure helpers compute. Works with or without seeded yield history:
// every expectation is measured against the state before the step.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { keccak256, parseUnits, stringToHex } from 'viem';
import { hashrateNftAbi, ifilAbi, marketplaceAbi, mockUsdtAbi, yieldDistributorAbi } from '@/contracts-abi';
import { devAccounts } from '@/lib/chain/devAccounts';
import { createTranslator } from '@/lib/i18n/catalogs';
import { describeError } from '@/lib/tx/errors';
import { startTestChain, type TestChain } from '@/test/localChain';
import { readDeposits, readProductYield, readPurchasePrices, readTokenYieldDetail, readTokenYields, readYieldTokenBalance, type Reader } from './read';
import { dayWindow, expectedDayAmount, payableDays } from './schedule';
import { dailyYield } from './series';

let chain: TestChain;
let reader: Reader;
const SCALE = 10n ** 27n;
const PRODUCT = 4n; // miner A, 8 NFTs × 1 TiB, seeded and fully minted, listed at 4.60 USDT
const TOKEN = 4_000_001n;

beforeAll(async () => {
  chain = await startTestChain(8552, { seed: true });
  reader = chain.publicClient as unknown as Reader;
});
afterAll(async () => chain?.anvil.stop());
beforeEach(async () => chain.snapshot());
afterEach(async () => chain.revert());

const send: TestChain['send'] = (...a) => chain.send(...a);
const read = <T>(...a: Parameters<TestChain['read']>) => chain.read<T>(...a);

const revertOf: TestChain['revertOf'] = (...a) => chain.revertOf(...a);

/** The buyer buys TOKEN from miner A; miner A wraps 10 of the local coin (FIL's stand-in) into IFIL. */
async function buyAndFund() {
  const c = chain.deployment.contracts;
  const { price } = await read<{ price: bigint }>(c.Marketplace, marketplaceAbi, 'listing', [TOKEN]);
  await send(devAccounts.buyer, c.PaymentToken, mockUsdtAbi, 'approve', [c.Marketplace, price]);
  await send(devAccounts.buyer, c.Marketplace, marketplaceAbi, 'buy', [TOKEN, price, 0n]);
  await send(devAccounts.minerA, c.IFIL, ifilAbi, 'deposit', [], parseUnits('10', 18));
  return price;
}

describe('yield through viem and the app readers', () => {
  it('deposit → claimable (exact accumulator) → claim pays exactly the claimable, in one transfer', async () => {
    const c = chain.deployment.contracts;
    const price = await buyAndFund();
    expect((await readPurchasePrices(reader, devAccounts.buyer, [TOKEN])).get(TOKEN)).toBe(price);

    const before = await readProductYield(reader, PRODUCT);
    const p = before.product;
    expect(p.minted).toBe(p.nftCount);
    const w = dayWindow(p.termStart, p.termEnd, before.chainTime);
    const day = payableDays(w, before.paidDays)[0]!; // today: the card's default
    expect(day).toBe(w.today);
    const amount = expectedDayAmount(p.expectedDailyYieldPerUnit, p.nftCount, p.hashratePerNFT);
    expect(amount).toBe(parseUnits('0.0192', 18)); // 0.0024 IFIL/TiB × 8 × 1 TiB

    const units = BigInt(p.nftCount) * p.hashratePerNFT;
    const acc0 = await read<bigint>(c.YieldDistributor, yieldDistributorAbi, 'accPerUnit', [PRODUCT]);
    const rem0 = await read<bigint>(c.YieldDistributor, yieldDistributorAbi, 'remainderOf', [PRODUCT]);
    const y0 = (await readTokenYields(reader, [TOKEN])).tokens[0]!;

    // The miner approves exactly the amount and deposits (the Pay yield card's two transactions).
    await send(devAccounts.minerA, c.IFIL, ifilAbi, 'approve', [c.YieldDistributor, amount]);
    await send(devAccounts.minerA, c.YieldDistributor, yieldDistributorAbi, 'deposit', [PRODUCT, day, amount]);
    expect(await read<bigint>(c.IFIL, ifilAbi, 'allowance', [devAccounts.minerA, c.YieldDistributor])).toBe(0n);

    const acc1 = acc0 + (amount * SCALE + rem0) / units;
    const entitled = (acc1 * p.hashratePerNFT) / SCALE;
    const y1 = await readTokenYields(reader, [TOKEN]);
    expect(y1.tokens[0]).toEqual({ tokenId: TOKEN, claimable: entitled - y0.claimed, claimed: y0.claimed });
    expect(y1.total).toBe(entitled - y0.claimed);
    // What the chart shows for today equals the NFT's share of the deposit (here exact: 0.0192 / 8).
    const after = await readProductYield(reader, PRODUCT);
    expect(after.lastDepositDay).toBe(day > (before.lastDepositDay ?? 0n) ? day : before.lastDepositDay);
    expect(after.paidDays.has(day)).toBe(true);
    const held = [{ tokenId: TOKEN, productId: PRODUCT, hashrate: p.hashratePerNFT, productUnits: units }];
    const deposits = await readDeposits(reader, [PRODUCT]);
    const todayPoint = dailyYield(deposits, held, w.today, 30).at(-1)!;
    const depositedToday = deposits.filter((d) => d.day === day).reduce((s, d) => s + d.amount, 0n);
    expect(todayPoint.byToken.get(TOKEN)).toBe((depositedToday * p.hashratePerNFT) / units);
    expect(depositedToday - (before.deposits.filter((d) => d.day === day).reduce((s, d) => s + d.amount, 0n))).toBe(amount);
    // The item page's 7-day panel reads the same per-day amounts from depositedOn.
    const detail = await readTokenYieldDetail(reader, TOKEN, 7);
    expect(detail.claimable).toBe(y1.total);
    expect(detail.deposits.at(-1)).toEqual({ productId: PRODUCT, day, amount: depositedToday });

    // The buyer claims: the balance grows by exactly the claimable, which drops to 0 and moves to claimed.
    const balance0 = await readYieldTokenBalance(reader, 'FIL', devAccounts.buyer);
    const receipt = await send(devAccounts.buyer, c.YieldDistributor, yieldDistributorAbi, 'claim', [[TOKEN]]);
    expect(await readYieldTokenBalance(reader, 'FIL', devAccounts.buyer)).toBe(balance0 + y1.total);
    expect((await readTokenYields(reader, [TOKEN])).tokens[0]).toEqual({ tokenId: TOKEN, claimable: 0n, claimed: entitled });
    expect(receipt.logs.filter((l) => l.address.toLowerCase() === c.IFIL.toLowerCase())).toHaveLength(1); // one transfer
  });

  it('unclaimed yield goes with the NFT to its next holder', async () => {
    const c = chain.deployment.contracts;
    await buyAndFund();
    const { product: p, chainTime } = await readProductYield(reader, PRODUCT);
    const amount = expectedDayAmount(p.expectedDailyYieldPerUnit, p.nftCount, p.hashratePerNFT);
    await send(devAccounts.minerA, c.IFIL, ifilAbi, 'approve', [c.YieldDistributor, amount]);
    await send(devAccounts.minerA, c.YieldDistributor, yieldDistributorAbi, 'deposit', [PRODUCT, chainTime / 86_400n, amount]);
    const { total } = await readTokenYields(reader, [TOKEN]);
    expect(total).toBeGreaterThan(0n);
    await send(devAccounts.buyer, c.HashrateNFT, hashrateNftAbi, 'transferFrom', [devAccounts.buyer, devAccounts.buyer2, TOKEN]);
    const error = await revertOf(devAccounts.buyer, c.YieldDistributor, yieldDistributorAbi, 'claim', [[TOKEN]]);
    expect(describeError(error)).toMatchObject({ key: 'errors.YieldDistributorNotTokenOwner', vars: { tokenId: String(TOKEN) } });
    const b0 = await readYieldTokenBalance(reader, 'FIL', devAccounts.buyer2);
    await send(devAccounts.buyer2, c.YieldDistributor, yieldDistributorAbi, 'claim', [[TOKEN]]);
    expect(await readYieldTokenBalance(reader, 'FIL', devAccounts.buyer2)).toBe(b0 + total);
  });

  it('refuses a future day, with the allowed days as dates', async () => {
    const c = chain.deployment.contracts;
    await buyAndFund();
    const { product: p, chainTime } = await readProductYield(reader, PRODUCT);
    const w = dayWindow(p.termStart, p.termEnd, chainTime);
    await send(devAccounts.minerA, c.IFIL, ifilAbi, 'approve', [c.YieldDistributor, 1n]);
    const d = describeError(await revertOf(devAccounts.minerA, c.YieldDistributor, yieldDistributorAbi, 'deposit', [PRODUCT, w.today + 1n, 1n]));
    const iso = (day: bigint) => new Date(Number(day) * 86_400_000).toISOString().slice(0, 10);
    expect(createTranslator('en')(d.key, d.vars)).toBe(
      `Product 4 cannot be paid for ${iso(w.today + 1n)}: only days from ${iso(w.firstDay)} to ${iso(w.latest!)} (UTC) can.`,
    );
  });

  it('wraps the local coin into IFIL and back 1:1; nobody can mint, and the bridge path is refused in words', async () => {
    const c = chain.deployment.contracts;
    expect(await read<boolean>(c.IFIL, ifilAbi, 'native')).toBe(true);
    const held = () => chain.publicClient.getBalance({ address: c.IFIL });
    const [supply0, held0, ifil0] = await Promise.all([read<bigint>(c.IFIL, ifilAbi, 'totalSupply'), held(), readYieldTokenBalance(reader, 'FIL', devAccounts.buyer2)]);
    expect(held0).toBe(supply0); // every IFIL is backed by coin held by the contract
    await send(devAccounts.buyer2, c.IFIL, ifilAbi, 'deposit', [], parseUnits('2', 18));
    await send(devAccounts.buyer2, c.IFIL, ifilAbi, 'withdraw', [parseUnits('0.5', 18)]);
    expect(await readYieldTokenBalance(reader, 'FIL', devAccounts.buyer2)).toBe(ifil0 + parseUnits('1.5', 18));
    expect(await held()).toBe(held0 + parseUnits('1.5', 18));
    expect(await read<bigint>(c.IFIL, ifilAbi, 'totalSupply')).toBe(await held());

    // nobody holds a minting role on a chain where FIL is native (the former bridge operator included)
    const mint = describeError(await revertOf(devAccounts.bridge, c.IFIL, ifilAbi, 'mint', [devAccounts.bridge, 1n, keccak256(stringToHex('fake'))]));
    expect(mint.key).toBe('errors.AccessControlUnauthorizedAccount');
    const redeem = describeError(await revertOf(devAccounts.minerA, c.IFIL, ifilAbi, 'redeem', [1n, 'f01234']));
    expect(createTranslator('en')(redeem.key, redeem.vars)).toBe('FIL is this chain’s own coin: wrap it into IFIL instead. Nobody can mint IFIL here.');
    const short = describeError(await revertOf(devAccounts.buyer2, c.IFIL, ifilAbi, 'withdraw', [parseUnits('1000', 18)]), 'en', undefined, { symbol: 'IFIL', decimals: 18 });
    expect(createTranslator('en')(short.key, short.vars)).toMatch(/^Not enough IFIL: you have 1\.50 IFIL and need 1,000\.00 IFIL\.$/);
  });
});
