// The loan market's readers (lib/loans/read.ts, which the hooks call) and pure mirrors (terms.ts) on a real anvil,
// deployed and seeded like the demo (demoLoans: three open offers, an active IFIL loan, an IFIL request), through
// viem: the book after postOffer, which offers an NFT meets (and that the contract agrees), loans after accept,
// amount due against the contract's, yield forwarding, repay and foreclose. Exact amounts throughout.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseEventLogs, parseUnits, type Address } from 'viem';
import { defaultGuardAbi, hashrateNftAbi, ifilAbi, loanMarketAbi, mockUsdtAbi, yieldDistributorAbi } from '@/contracts-abi';
import { devAccounts } from '@/lib/chain/devAccounts';
import { createTranslator } from '@/lib/i18n/catalogs';
import { describeError } from '@/lib/tx/errors';
import { demoLoans } from '@/scripts/lib/seed';
import { startTestChain, type TestChain } from '@/test/localChain';
import { offerFormSchema } from './forms';
import { bestOffersFor, readAmountDue, readLoanBook, readMyLoans, readPledge, readPositions, type Reader } from './read';
import { amountDueAt, foreclosableAtOf, interestFor, maturityOf, termsOf, type LoanPosition } from './terms';

let chain: TestChain;
let reader: Reader;
const DAY = 86_400n;
const TOKEN = 2_000_001n; // product 2 (miner B): 4 TiB, 360-day term; the demo buyer holds it
const OTHER = 3_000_001n; // product 3 (miner C): 4 TiB, 540 days; the demo buyer holds it
const usdt = (v: string) => parseUnits(v, 6);
const fil = (v: string) => parseUnits(v, 18);

beforeAll(async () => {
  chain = await startTestChain(8554, { seed: true });
  reader = chain.publicClient as unknown as Reader;
});
afterAll(async () => chain?.anvil.stop());
beforeEach(async () => chain.snapshot());
afterEach(async () => chain.revert());

const c = () => chain.deployment.contracts;
const send: TestChain['send'] = (...a) => chain.send(...a);
const read = <T>(...a: Parameters<TestChain['read']>) => chain.read<T>(...a);
const usdtOf = (a: Address) => read<bigint>(c().PaymentToken, mockUsdtAbi, 'balanceOf', [a]);
const ifilOf = (a: Address) => read<bigint>(c().IFIL, ifilAbi, 'balanceOf', [a]);
const ownerOf = (id: bigint) => read<Address>(c().HashrateNFT, hashrateNftAbi, 'ownerOf', [id]);
const now = async () => (await chain.publicClient.getBlock()).timestamp;
async function travel(seconds: bigint) {
  await chain.testClient.increaseTime({ seconds: Number(seconds) });
  await chain.testClient.mine({ blocks: 1 });
}

const revertOf = (account: Address, functionName: string, args: unknown[]) => chain.revertOf(account, c().LoanMarket, loanMarketAbi, functionName, args);

/** The lender posts an offer from form input (the same schema the page uses); returns its id. */
async function postOffer(input: Record<string, string>): Promise<bigint> {
  const params = offerFormSchema({ balance: await usdtOf(devAccounts.lender), productIds: [1n, 2n, 3n, 4n] }).parse(input);
  const r = await send(devAccounts.lender, c().LoanMarket, loanMarketAbi, 'postOffer', [params]);
  return parseEventLogs({ abi: loanMarketAbi, logs: r.logs, eventName: 'OfferPosted' })[0]!.args.id!;
}

/** The buyer pledges `tokenId` to offer `offer` (approving the NFT first) and gets the principal. */
async function accept(offer: LoanPosition, tokenId: bigint) {
  await send(devAccounts.buyer, c().HashrateNFT, hashrateNftAbi, 'approve', [c().LoanMarket, tokenId]);
  return send(devAccounts.buyer, c().LoanMarket, loanMarketAbi, 'acceptOffer', [offer.id, tokenId, termsOf(offer)]);
}

const seededOffer = async (i: number) => (await readLoanBook(reader)).offers.find((o) => o.principal === usdt(demoLoans.offers[i]!.principal))!;

describe('the seeded book', () => {
  it('shows the three open offers best first, the open IFIL request, and the lender’s active IFIL loan', async () => {
    const book = await readLoanBook(reader);
    const L = demoLoans;
    expect(book.offers.map((o) => o.principal)).toEqual([usdt(L.offers[2].principal), usdt(L.offers[0].principal), usdt(L.offers[1].principal)]);
    const [ifilOffer, productOffer, anyOffer] = book.offers;
    expect(ifilOffer).toMatchObject({ state: 'Offer', kind: 'Ifil', collateral: fil(L.offers[2].ifil), aprBps: 1000n, duration: 14n * DAY, lender: devAccounts.lender, borrower: null });
    expect(productOffer).toMatchObject({ kind: 'Nft', productId: 2n, minTermLeft: 60n * DAY, collateral: 0n, aprBps: 1200n });
    expect(anyOffer).toMatchObject({ kind: 'Nft', productId: 0n, coin: 'FIL', minHashrate: 1000n, minTermLeft: 90n * DAY });
    expect(book.requests).toHaveLength(1);
    expect(book.requests[0]).toMatchObject({ state: 'Request', kind: 'Ifil', borrower: devAccounts.minerA, lender: null, principal: usdt(L.ifilRequest.principal), collateral: fil(L.ifilRequest.ifil) });
    expect(book.feeBps).toBe(1000n);
    expect(book.gracePeriod).toBe(3n * DAY);
    expect(book.products.map((p) => [p.product.productId, p.status])).toEqual([[1n, 'Active'], [2n, 'Active'], [3n, 'Active'], [4n, 'Active']]);

    const lender = await readMyLoans(reader, devAccounts.lender);
    expect(lender.offers.map((o) => o.id).sort()).toEqual(book.offers.map((o) => o.id).sort());
    expect(lender.lending).toHaveLength(1);
    expect(lender.lending[0]).toMatchObject({ state: 'Active', kind: 'Ifil', borrower: devAccounts.minerB, principal: usdt(L.activeIfilLoan.principal) });
    const minerB = await readMyLoans(reader, devAccounts.minerB);
    expect(minerB.borrowing.map((p) => p.id)).toEqual([lender.lending[0]!.id]);
    expect(minerB.due.get(lender.lending[0]!.id)).toEqual(await readAmountDue(reader, lender.lending[0]!.id));
    expect((await readMyLoans(reader, devAccounts.minerA)).requests.map((p) => p.id)).toEqual([book.requests[0]!.id]);
  });
});

describe('the offer book after postOffer', () => {
  it('holds the new offer with the terms posted, escrowed, ranked by principal then APR', async () => {
    const before = await usdtOf(devAccounts.lender);
    const id = await postOffer({ principal: '7', apr: '11', days: '20', collateral: 'product', productId: '4', minTermLeftDays: '30' });
    expect(before - (await usdtOf(devAccounts.lender))).toBe(usdt('7'));
    const book = await readLoanBook(reader);
    // Same principal as the seeded 7 USDT offer at 12%: the cheaper one comes first.
    expect(book.offers.map((o) => o.principal)).toEqual([usdt('50'), usdt('7'), usdt('7'), usdt('1')]);
    expect(book.offers[1]).toMatchObject({ id, aprBps: 1100n, duration: 20n * DAY, productId: 4n, minTermLeft: 30n * DAY, kind: 'Nft', state: 'Offer' });
    expect(book.offers[2]!.aprBps).toBe(1200n);
    // Cancelling takes it out of the book and returns the escrow.
    await send(devAccounts.lender, c().LoanMarket, loanMarketAbi, 'cancel', [id]);
    expect(await usdtOf(devAccounts.lender)).toBe(before);
    expect((await readLoanBook(reader)).offers.map((o) => o.id)).not.toContain(id);
    expect((await readPositions(reader)).find((p) => p.id === id)!.state).toBe('Cancelled');
  });
});

describe('bestOffersFor', () => {
  it('an NFT of product 2 meets the product offer and the any-FIL offer, best first; not the IFIL offer', async () => {
    const { offers, nft } = await bestOffersFor(reader, TOKEN, devAccounts.buyer);
    expect(nft).toMatchObject({ tokenId: TOKEN, status: 'Active', product: { productId: 2n, hashratePerNFT: 4000n } });
    expect(offers.map((o) => o.principal)).toEqual([usdt('7'), usdt('1')]);
    expect(offers.map((o) => o.productId)).toEqual([2n, 0n]);
    // The lender's own offers are never offered to the lender.
    expect((await bestOffersFor(reader, TOKEN, devAccounts.lender)).offers).toEqual([]);
  });

  it('no match by product: an NFT of product 3 meets only the any-FIL offer, and the contract refuses it for the product offer', async () => {
    const { offers } = await bestOffersFor(reader, OTHER, devAccounts.buyer);
    expect(offers.map((o) => o.productId)).toEqual([0n]);
    const productOffer = await seededOffer(0);
    const d = describeError(await revertOf(devAccounts.buyer, 'acceptOffer', [productOffer.id, OTHER, termsOf(productOffer)]));
    expect(d.key).toBe('errors.LoanMarketWrongProduct');
    expect(createTranslator('en')(d.key, d.vars)).toBe(`Offer #${productOffer.id} accepts only NFTs of product 2; NFT #${OTHER} is not one.`);
  });

  it('no match by hashrate: an any-FIL offer asking 4.001 TiB leaves the 4 TiB NFTs out, as the contract does', async () => {
    const id = await postOffer({ principal: '30', apr: '5', days: '30', collateral: 'anyNft', coin: 'FIL', minHashrate: '4.001' });
    expect((await bestOffersFor(reader, TOKEN, devAccounts.buyer)).offers.map((o) => o.id)).not.toContain(id);
    const offer = (await readPositions(reader)).find((p) => p.id === id)!;
    expect(describeError(await revertOf(devAccounts.buyer, 'acceptOffer', [id, TOKEN, termsOf(offer)])).key).toBe('errors.LoanMarketHashrateTooLow');
    // At exactly 4 TiB it matches and ranks first (the most money).
    const exact = await postOffer({ principal: '30', apr: '5', days: '30', collateral: 'anyNft', coin: 'FIL', minHashrate: '4' });
    expect((await bestOffersFor(reader, TOKEN, devAccounts.buyer)).offers[0]!.id).toBe(exact);
  });

  it('no match by term: a product-2 offer asking more term than is left is left out; the contract says when the term ends', async () => {
    const { nft, chainTime } = await bestOffersFor(reader, TOKEN);
    const left = (nft.product.termEnd - chainTime) / DAY; // whole days left, rounded down
    const tooLong = await postOffer({ principal: '20', apr: '10', days: '30', collateral: 'product', productId: '2', minTermLeftDays: String(left + 1n) });
    const fits = await postOffer({ principal: '19', apr: '10', days: '30', collateral: 'product', productId: '2', minTermLeftDays: String(left - 1n) });
    const ids = (await bestOffersFor(reader, TOKEN, devAccounts.buyer)).offers.map((o) => o.id);
    expect(ids).not.toContain(tooLong);
    expect(ids[0]).toBe(fits);
    const offer = (await readPositions(reader)).find((p) => p.id === tooLong)!;
    const d = describeError(await revertOf(devAccounts.buyer, 'acceptOffer', [tooLong, TOKEN, termsOf(offer)]));
    expect(d.key).toBe('errors.LoanMarketTermTooShort');
    expect(d.vars?.termEnd).toBe(`${new Date(Number(nft.product.termEnd) * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  });

  it('no match once the product is not Active (flagged in default), as the contract refuses', async () => {
    // Miner B pays short in the seed: anyone flags its latest window; the application is Flagged at once.
    const windowStart = await read<bigint>(c().DefaultGuard, defaultGuardAbi, 'latestWindow', [2n]);
    await send(devAccounts.buyer2, c().DefaultGuard, defaultGuardAbi, 'flag', [2n, windowStart]);
    const { offers, nft } = await bestOffersFor(reader, TOKEN, devAccounts.buyer);
    expect(nft.status).toBe('Flagged');
    expect(offers).toEqual([]);
    const offer = await seededOffer(0);
    expect(describeError(await revertOf(devAccounts.buyer, 'acceptOffer', [offer.id, TOKEN, termsOf(offer)])).key).toBe('errors.LoanMarketProductNotActive');
  });
});

describe('a loan against an NFT', () => {
  it('after accept: the principal arrives, the NFT is pledged, both sides see the loan with the contract’s deadlines', async () => {
    const offer = await seededOffer(0);
    const before = await usdtOf(devAccounts.buyer);
    const r = await accept(offer, TOKEN);
    expect((await usdtOf(devAccounts.buyer)) - before).toBe(offer.principal);
    expect(await ownerOf(TOKEN)).toBe(c().LoanMarket);

    const mine = await readMyLoans(reader, devAccounts.buyer);
    expect(mine.borrowing).toHaveLength(1);
    const loan = mine.borrowing[0]!;
    expect(loan).toMatchObject({ id: offer.id, state: 'Active', kind: 'Nft', collateral: TOKEN, borrower: devAccounts.buyer, lender: devAccounts.lender, feeBps: 1000n, grace: 3n * DAY });
    expect(mine.nfts.get(TOKEN)?.product.productId).toBe(2n);
    const started = parseEventLogs({ abi: loanMarketAbi, logs: r.logs, eventName: 'LoanStarted' })[0]!;
    expect(maturityOf(loan)).toBe(started.args.maturity);
    const [maturity, foreclosableAt] = await read<[bigint, bigint]>(c().LoanMarket, loanMarketAbi, 'deadlines', [loan.id]);
    expect([maturityOf(loan), foreclosableAtOf(loan)]).toEqual([maturity, foreclosableAt]);
    expect((await readMyLoans(reader, devAccounts.lender)).lending.map((p) => p.id)).toContain(loan.id);
    expect(await readPledge(reader, TOKEN)).toEqual(loan);
    expect(await readPledge(reader, OTHER)).toBeNull();
    expect((await readLoanBook(reader)).offers.map((o) => o.id)).not.toContain(offer.id);
    // Taken once: a second accept says the offer is no longer open.
    expect(describeError(await revertOf(devAccounts.buyer, 'acceptOffer', [offer.id, 2_000_002n, termsOf(offer)])).key).toBe('errors.LoanMarketWrongState');
  });

  it('amount due equals the contract’s amountDue and the local mirror, inside the 7-day minimum and after it', async () => {
    const offer = await seededOffer(0);
    await accept(offer, TOKEN);
    for (const step of [DAY, 9n * DAY + 1234n, 40n * DAY]) {
      await travel(step);
      const mine = await readMyLoans(reader, devAccounts.buyer);
      const loan = mine.borrowing[0]!;
      const [principal, interest, fee] = await read<[bigint, bigint, bigint]>(c().LoanMarket, loanMarketAbi, 'amountDue', [loan.id]);
      expect(mine.due.get(loan.id)).toEqual({ principal, interest, fee, total: principal + interest });
      expect(amountDueAt(loan, await now())).toEqual(mine.due.get(loan.id));
      const elapsed = (await now()) - loan.start;
      expect(await read<bigint>(c().LoanMarket, loanMarketAbi, 'interestFor', [loan.principal, loan.aprBps, loan.duration, elapsed])).toBe(interest);
    }
    for (const [p, apr, dur, el] of [[1n, 1n, DAY, 0n], [usdt('123.456789'), 49_999n, 365n * DAY, 400n * DAY], [usdt('1'), 0n, 2n * DAY, DAY]] as const) {
      expect(interestFor(p, apr, dur, el)).toBe(await read<bigint>(c().LoanMarket, loanMarketAbi, 'interestFor', [p, apr, dur, el]));
    }
  });

  it('claimYield forwards exactly the pledged NFT’s claimable yield to the borrower', async () => {
    await accept(await seededOffer(0), TOKEN);
    await travel(2n * DAY);
    // Miner B pays today's yield for product 2.
    await send(devAccounts.minerB, c().YieldDistributor, yieldDistributorAbi, 'deposit', [2n, (await now()) / DAY, fil('0.092')]);
    const mine = await readMyLoans(reader, devAccounts.buyer);
    const claimable = mine.claimable.get(TOKEN)!;
    expect(claimable).toBe(await read<bigint>(c().YieldDistributor, yieldDistributorAbi, 'claimable', [TOKEN]));
    expect(claimable).toBeGreaterThanOrEqual(fil('0.092') / 10n); // 4 of 40 TiB of today's deposit, at least
    const before = await ifilOf(devAccounts.buyer);
    const r = await send(devAccounts.buyer, c().LoanMarket, loanMarketAbi, 'claimYield', [[mine.borrowing[0]!.id]]);
    expect((await ifilOf(devAccounts.buyer)) - before).toBe(claimable);
    expect(parseEventLogs({ abi: loanMarketAbi, logs: r.logs, eventName: 'YieldForwarded' }).map((l) => l.args.amount)).toEqual([claimable]);
    expect((await readMyLoans(reader, devAccounts.buyer)).claimable.get(TOKEN)).toBe(0n);
  });

  it('repay pulls principal + interest, pays the lender minus the fee, and returns the NFT', async () => {
    const offer = await seededOffer(0);
    await accept(offer, TOKEN);
    await travel(10n * DAY);
    const loan = (await readMyLoans(reader, devAccounts.buyer)).borrowing[0]!;
    await send(devAccounts.buyer, c().PaymentToken, mockUsdtAbi, 'approve', [c().LoanMarket, amountDueAt(loan, (await now()) + 3_600n).total]);
    const [buyer, lender] = [await usdtOf(devAccounts.buyer), await usdtOf(devAccounts.lender)];
    const r = await send(devAccounts.buyer, c().LoanMarket, loanMarketAbi, 'repay', [loan.id]);
    const repaid = parseEventLogs({ abi: loanMarketAbi, logs: r.logs, eventName: 'LoanRepaid' })[0]!.args;
    const block = await chain.publicClient.getBlock({ blockNumber: r.blockNumber });
    expect(amountDueAt(loan, block.timestamp)).toEqual({ principal: repaid.principal, interest: repaid.interest, fee: repaid.fee, total: repaid.principal! + repaid.interest! });
    expect(buyer - (await usdtOf(devAccounts.buyer))).toBe(repaid.principal! + repaid.interest!);
    expect((await usdtOf(devAccounts.lender)) - lender).toBe(repaid.principal! + repaid.interest! - repaid.fee!);
    expect(await ownerOf(TOKEN)).toBe(devAccounts.buyer);
    const after = await readMyLoans(reader, devAccounts.buyer);
    expect(after.borrowing.map((p) => [p.id, p.state])).toEqual([[loan.id, 'Repaid']]);
    expect(after.due.size).toBe(0);
    expect(await readPledge(reader, TOKEN)).toBeNull();
  });

  it('foreclose: refused before maturity + grace (in words), then the NFT goes to the lender and the borrower keeps the unclaimed yield', async () => {
    const offer = await seededOffer(0);
    await accept(offer, TOKEN);
    const loan = (await readMyLoans(reader, devAccounts.buyer)).borrowing[0]!;
    await travel(loan.duration + 1n);
    const early = describeError(await revertOf(devAccounts.lender, 'foreclose', [loan.id]));
    expect(early.key).toBe('errors.LoanMarketNotForeclosable');
    expect(createTranslator('en')(early.key, early.vars)).toContain(new Date(Number(foreclosableAtOf(loan)) * 1000).toISOString().slice(0, 10));
    expect((await readMyLoans(reader, devAccounts.lender)).lending.find((p) => p.id === loan.id)!.state).toBe('Active');

    await travel(loan.grace);
    expect(await now()).toBeGreaterThanOrEqual(foreclosableAtOf(loan));
    const unclaimed = await read<bigint>(c().YieldDistributor, yieldDistributorAbi, 'claimable', [TOKEN]);
    const ifilBefore = await ifilOf(devAccounts.buyer);
    await send(devAccounts.lender, c().LoanMarket, loanMarketAbi, 'foreclose', [loan.id]);
    expect(await ownerOf(TOKEN)).toBe(devAccounts.lender);
    expect((await ifilOf(devAccounts.buyer)) - ifilBefore).toBe(unclaimed);
    expect((await readMyLoans(reader, devAccounts.lender)).lending.find((p) => p.id === loan.id)!.state).toBe('Foreclosed');
    expect((await readMyLoans(reader, devAccounts.buyer)).borrowing.map((p) => p.state)).toEqual(['Foreclosed']);
  });

  it('reverts a taker sees are in words: terms changed, a loan to oneself', async () => {
    const offer = await seededOffer(0);
    const changed = describeError(await revertOf(devAccounts.buyer, 'acceptOffer', [offer.id, TOKEN, { ...termsOf(offer), aprBps: 1100n }]));
    expect(createTranslator('en')(changed.key, changed.vars)).toBe(`The terms of #${offer.id} are not the ones you saw. Nothing was charged; reload and check again.`);
    const self = describeError(await revertOf(devAccounts.lender, 'acceptOffer', [offer.id, TOKEN, termsOf(offer)]));
    expect(createTranslator('zh')(self.key, self.vars)).toBe(`你不能借钱给自己（#${offer.id} 是你的）。`);
  });
});
