// The LoanMarket as deployed and seeded (scripts/lib/deploy.ts, scripts/lib/seed.ts) on a real anvil: the seeded
// positions are what the README says, and whole loans run against the real registry (products made Active by the
// DAO path), the real yield distributor and the mock USDT, with exact balances at every step.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseUnits, type Address } from 'viem';
import { defaultGuardAbi, hashrateNftAbi, ifilAbi, loanMarketAbi, mockUsdtAbi, yieldDistributorAbi } from '@/contracts-abi';
import { devAccounts } from '@/lib/chain/devAccounts';
import { demoLoans } from '@/scripts/lib/seed';
import { startTestChain, type TestChain } from '@/test/localChain';

let chain: TestChain;
beforeAll(async () => {
  chain = await startTestChain(8555, { seed: true });
});
afterAll(async () => chain?.anvil.stop());
beforeEach(async () => chain.snapshot());
afterEach(async () => chain.revert());

const DAY = 86_400n;
const usdt = (v: string) => parseUnits(v, 6);
const fil = (v: string) => parseUnits(v, 18);
const send: TestChain['send'] = (...a) => chain.send(...a);
const read = <T>(...a: Parameters<TestChain['read']>) => chain.read<T>(...a);

type Position = { borrower: Address; principal: bigint; lender: Address; start: number; duration: number; aprBps: number; state: number; collateral: bigint; productId: bigint; minTermLeft: number; grace: number; feeBps: number; kind: number; coin: number; minHashrate: bigint };
const State = { Offer: 1, Request: 2, Active: 3, Repaid: 4, Foreclosed: 5 } as const;

const c = () => chain.deployment.contracts;
const position = (id: bigint) => read<Position>(c().LoanMarket, loanMarketAbi, 'position', [id]);
const usdtOf = (a: Address) => read<bigint>(c().PaymentToken, mockUsdtAbi, 'balanceOf', [a]);
const ifilOf = (a: Address) => read<bigint>(c().IFIL, ifilAbi, 'balanceOf', [a]);
const ownerOf = (id: bigint) => read<Address>(c().HashrateNFT, hashrateNftAbi, 'ownerOf', [id]);
const claimable = (id: bigint) => read<bigint>(c().YieldDistributor, yieldDistributorAbi, 'claimable', [id]);
const terms = (p: Position, collateral = p.collateral) => ({ principal: p.principal, aprBps: BigInt(p.aprBps), duration: BigInt(p.duration), collateral });
const advance = async (seconds: bigint) => {
  await chain.testClient.increaseTime({ seconds: Number(seconds) });
  await chain.testClient.mine({ blocks: 1 });
};
const now = async () => (await chain.publicClient.getBlock()).timestamp;

/** The custom error's name a call reverts with. */
async function revertName(...a: Parameters<TestChain['revertOf']>) {
  const e = (await chain.revertOf(...a)) as { cause?: { data?: { errorName?: string } } };
  return e.cause?.data?.errorName;
}

/** Miner B pays a day of product 2's yield (the seeded miner holds IFIL and approved the distributor). */
async function payProduct2Yield(amount: bigint) {
  const day = (await now()) / DAY;
  await send(devAccounts.minerB, c().YieldDistributor, yieldDistributorAbi, 'deposit', [2n, day, amount]);
}

describe('the seeded loan market', () => {
  it('has the documented offers, active loan and request, and holds exactly their money and collateral', async () => {
    expect(await read<bigint>(c().LoanMarket, loanMarketAbi, 'positionCount')).toBe(5n);
    const ps = await Promise.all([1n, 2n, 3n, 4n, 5n].map(position));
    expect(ps.map((p) => p.state)).toEqual([State.Offer, State.Offer, State.Offer, State.Active, State.Request]);
    const [o1, o2, o3] = demoLoans.offers;
    expect(ps[0]).toMatchObject({ lender: devAccounts.lender, principal: usdt(o1.principal), aprBps: o1.aprBps, productId: 2n, kind: 1, minTermLeft: o1.nft.minTermLeftDays * 86_400 });
    expect(ps[1]).toMatchObject({ principal: usdt(o2.principal), productId: 0n, coin: 0, minHashrate: 1000n, kind: 1 });
    expect(ps[2]).toMatchObject({ principal: usdt(o3.principal), kind: 2, collateral: fil(o3.ifil) });
    expect(ps[3]).toMatchObject({ borrower: demoLoans.activeIfilLoan.borrower, lender: devAccounts.lender, feeBps: 1000, grace: 3 * 86_400 });
    expect(ps[4]).toMatchObject({ borrower: demoLoans.ifilRequest.borrower, collateral: fil(demoLoans.ifilRequest.ifil) });
    // Offers are escrowed at posting: the market holds the open offers' principal and the pledged IFIL, nothing else.
    expect(await usdtOf(c().LoanMarket)).toBe(usdt(o1.principal) + usdt(o2.principal) + usdt(o3.principal));
    expect(await ifilOf(c().LoanMarket)).toBe(fil(demoLoans.activeIfilLoan.ifil) + fil(demoLoans.ifilRequest.ifil));
  });
});

describe('an NFT loan on the deployed contracts', () => {
  it('accept → yield claimed through the market → repay: exact amounts to borrower, lender and protocol', async () => {
    const { buyer, lender } = devAccounts;
    const tokenId = 2_000_001n; // product 2, held by the demo buyer
    const offer = await position(1n);
    const buyerUsdt = await usdtOf(buyer);
    await send(buyer, c().HashrateNFT, hashrateNftAbi, 'approve', [c().LoanMarket, tokenId]);
    await send(buyer, c().LoanMarket, loanMarketAbi, 'acceptOffer', [1n, tokenId, terms(offer)]);
    expect(await usdtOf(buyer)).toBe(buyerUsdt + offer.principal);
    expect(await ownerOf(tokenId)).toBe(c().LoanMarket);
    const loan = await position(1n);
    expect(loan).toMatchObject({ state: State.Active, borrower: buyer, collateral: tokenId });

    // Yield keeps flowing to the borrower while the NFT is pledged.
    await advance(DAY);
    await payProduct2Yield(fil('1'));
    const owed = await claimable(tokenId);
    expect(owed).toBeGreaterThan(0n);
    const buyerIfil = await ifilOf(buyer);
    await send(buyer, c().LoanMarket, loanMarketAbi, 'claimYield', [[1n]]);
    expect(await ifilOf(buyer)).toBe(buyerIfil + owed);
    expect(await claimable(tokenId)).toBe(0n);

    // Ten days in: pro rata interest (more than the 7-day minimum), 10% of it to the protocol.
    await advance(9n * DAY);
    const [principal, interest, fee] = await read<[bigint, bigint, bigint]>(c().LoanMarket, loanMarketAbi, 'amountDue', [1n]);
    expect(principal).toBe(offer.principal);
    expect(fee).toBe((interest * 1000n) / 10_000n);
    await send(buyer, c().PaymentToken, mockUsdtAbi, 'approve', [c().LoanMarket, principal + interest * 2n]);
    const [before, lenderBefore] = await Promise.all([usdtOf(buyer), usdtOf(lender)]);
    const receipt = await send(buyer, c().LoanMarket, loanMarketAbi, 'repay', [1n]);
    // The interest the transaction paid is the one at its own block time.
    const elapsed = (await chain.publicClient.getBlock({ blockNumber: receipt.blockNumber })).timestamp - BigInt(loan.start);
    const paidInterest = await read<bigint>(c().LoanMarket, loanMarketAbi, 'interestFor', [principal, BigInt(loan.aprBps), BigInt(loan.duration), elapsed]);
    const paidFee = (paidInterest * 1000n) / 10_000n;
    expect(await usdtOf(buyer)).toBe(before - principal - paidInterest);
    expect(await usdtOf(lender)).toBe(lenderBefore + principal + paidInterest - paidFee);
    expect(await read<bigint>(c().LoanMarket, loanMarketAbi, 'accruedFees')).toBe(paidFee);
    expect(await ownerOf(tokenId)).toBe(buyer);
    expect((await position(1n)).state).toBe(State.Repaid);
  });

  it('past maturity + grace the lender forecloses: the pending yield goes to the borrower, the NFT to the lender', async () => {
    const { buyer, lender } = devAccounts;
    const tokenId = 2_000_002n;
    const offer = await position(1n);
    await send(buyer, c().HashrateNFT, hashrateNftAbi, 'approve', [c().LoanMarket, tokenId]);
    await send(buyer, c().LoanMarket, loanMarketAbi, 'acceptOffer', [1n, tokenId, terms(offer)]);
    const [maturity, foreclosableAt] = await read<[bigint, bigint]>(c().LoanMarket, loanMarketAbi, 'deadlines', [1n]);
    expect(foreclosableAt - maturity).toBe(3n * DAY);

    await advance(maturity - (await now()) + 60n);
    expect(await revertName(lender, c().LoanMarket, loanMarketAbi, 'foreclose', [1n])).toBe('LoanMarketNotForeclosable');
    await payProduct2Yield(fil('2'));
    await advance(foreclosableAt - (await now()));
    const owed = await claimable(tokenId);
    expect(owed).toBeGreaterThan(0n);
    const buyerIfil = await ifilOf(buyer);
    expect(await revertName(buyer, c().LoanMarket, loanMarketAbi, 'foreclose', [1n])).toBe('LoanMarketNotLender');
    await send(lender, c().LoanMarket, loanMarketAbi, 'foreclose', [1n]);
    expect(await ownerOf(tokenId)).toBe(lender);
    expect(await ifilOf(buyer)).toBe(buyerIfil + owed);
    expect((await position(1n)).state).toBe(State.Foreclosed);
    // The loan is over: the borrower can no longer repay.
    expect(await revertName(buyer, c().LoanMarket, loanMarketAbi, 'repay', [1n])).toBe('LoanMarketWrongState');
  });

  it('an offer for any FIL NFT refuses one whose product defaulted, and is taken only once', async () => {
    const { buyer, buyer2 } = devAccounts;
    const offer = await position(2n);
    // Product 3's miner stopped paying: anyone flags its latest window, the registry marks it Flagged (not Active).
    const windowStart = await read<bigint>(c().DefaultGuard, defaultGuardAbi, 'latestWindow', [3n]);
    await send(buyer2, c().DefaultGuard, defaultGuardAbi, 'flag', [3n, windowStart]);
    await send(buyer, c().HashrateNFT, hashrateNftAbi, 'approve', [c().LoanMarket, 3_000_001n]);
    expect(await revertName(buyer, c().LoanMarket, loanMarketAbi, 'acceptOffer', [2n, 3_000_001n, terms(offer)])).toBe('LoanMarketProductNotActive');
    // Product 1 (1 TiB, 135 days left) qualifies; the second taker finds the offer gone.
    await send(buyer2, c().HashrateNFT, hashrateNftAbi, 'approve', [c().LoanMarket, 1_000_001n]);
    await send(buyer2, c().LoanMarket, loanMarketAbi, 'acceptOffer', [2n, 1_000_001n, terms(offer)]);
    await send(buyer, c().HashrateNFT, hashrateNftAbi, 'approve', [c().LoanMarket, 2_000_001n]);
    expect(await revertName(buyer, c().LoanMarket, loanMarketAbi, 'acceptOffer', [2n, 2_000_001n, terms(offer)])).toBe('LoanMarketWrongState');
    // Terms other than the offer's are refused (here: a principal the borrower did not see).
    const ifilOffer = await position(3n);
    expect(await revertName(buyer, c().LoanMarket, loanMarketAbi, 'acceptOffer', [3n, 0n, { ...terms(ifilOffer), principal: ifilOffer.principal + 1n }])).toBe('LoanMarketTermsChanged');
  });

  it('a lender funds the seeded IFIL request: the principal goes straight to the borrower', async () => {
    const { lender } = devAccounts;
    const request = await position(5n);
    const borrowerBefore = await usdtOf(request.borrower);
    await send(lender, c().LoanMarket, loanMarketAbi, 'fundRequest', [5n, terms(request)]);
    expect(await usdtOf(request.borrower)).toBe(borrowerBefore + request.principal);
    expect(await position(5n)).toMatchObject({ state: State.Active, lender });
  });
});
