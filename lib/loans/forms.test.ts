import { describe, expect, it } from 'vitest';
import { createTranslator } from '../i18n/catalogs';
import type { MessageKey } from '../i18n/messages/en';
import { offerFormSchema, requestFormSchema } from './forms';

const DAY = 86_400n;
const usdt = (n: bigint) => n * 1_000_000n;
const ifil = (n: bigint) => n * 10n ** 18n;
const offer = offerFormSchema({ balance: usdt(100n), productIds: [1n, 2n, 3n, 4n] });
const request = requestFormSchema({ tokenIds: [2_000_001n, 2_000_002n], ifilBalance: ifil(20n) });
const base = { principal: '50', apr: '12', days: '30' };

/** The form's messages per field (i18n keys). */
function issues(r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return r.success ? {} : Object.fromEntries(r.error!.issues.map((i) => [String(i.path[0]), i.message]));
}

describe('offerFormSchema', () => {
  it('turns an offer for NFTs of a product into OfferParams', () => {
    expect(offer.parse({ ...base, collateral: 'product', productId: '2', minTermLeftDays: '60' })).toEqual({
      principal: usdt(50n),
      aprBps: 1200n,
      duration: 30n * DAY,
      kind: 1,
      collateralAmount: 0n,
      productId: 2n,
      coin: 0,
      minHashrate: 0n,
      minTermLeft: 60n * DAY,
    });
  });
  it('turns an offer for any NFT of a coin into OfferParams (hashrate in thousandths, empty term left = 0)', () => {
    expect(offer.parse({ principal: '1.5', apr: '9.75', days: '1', collateral: 'anyNft', coin: 'BTC', minHashrate: '0.125' })).toMatchObject({
      principal: 1_500_000n,
      aprBps: 975n,
      duration: DAY,
      kind: 1,
      productId: 0n,
      coin: 1,
      minHashrate: 125n,
      minTermLeft: 0n,
    });
  });
  it('turns an IFIL offer into OfferParams with the amount and no NFT criteria', () => {
    expect(offer.parse({ ...base, apr: '0', days: '365', collateral: 'ifil', ifilAmount: '20.5', productId: '2', minTermLeftDays: '90' })).toEqual({
      principal: usdt(50n),
      aprBps: 0n,
      duration: 365n * DAY,
      kind: 2,
      collateralAmount: ifil(41n) / 2n,
      productId: 0n,
      coin: 0,
      minHashrate: 0n,
      minTermLeft: 0n,
    });
  });
  it('refuses a principal of zero, with more than 6 decimals, or above the USDT held (it is escrowed)', () => {
    for (const principal of ['0', '', 'abc', '1.0000001', '-5']) {
      expect(issues(offer.safeParse({ ...base, principal, collateral: 'ifil', ifilAmount: '1' }))).toEqual({ principal: 'loans.form.principalInvalid' });
    }
    expect(issues(offer.safeParse({ ...base, principal: '100.000001', collateral: 'ifil', ifilAmount: '1' }))).toEqual({ principal: 'loans.form.principalAboveBalance' });
    expect(offer.safeParse({ ...base, principal: '100', collateral: 'ifil', ifilAmount: '1' }).success).toBe(true);
    // Without a known balance the bound is the contract's alone.
    expect(offerFormSchema({ balance: null, productIds: [] }).safeParse({ ...base, principal: '1000000', collateral: 'ifil', ifilAmount: '1' }).success).toBe(true);
  });
  it('bounds the APR (0–500%, 2 decimals), the duration (1–365 whole days) and the term left (0–1825 days)', () => {
    const ok = { ...base, collateral: 'product', productId: '1' };
    expect(issues(offer.safeParse({ ...ok, apr: '500.01' }))).toEqual({ apr: 'loans.form.aprInvalid' });
    expect(issues(offer.safeParse({ ...ok, apr: '1.234' }))).toEqual({ apr: 'loans.form.aprInvalid' });
    expect(offer.safeParse({ ...ok, apr: '500' }).success).toBe(true);
    for (const days of ['0', '366', '1.5', '']) expect(issues(offer.safeParse({ ...ok, days }))).toEqual({ days: 'loans.form.daysInvalid' });
    expect(issues(offer.safeParse({ ...ok, minTermLeftDays: '1826' }))).toEqual({ minTermLeftDays: 'loans.form.termLeftInvalid' });
    expect(offer.safeParse({ ...ok, minTermLeftDays: '1825' }).success).toBe(true);
  });
  it('needs a known product, a valid least hashrate, an IFIL amount above zero', () => {
    expect(issues(offer.safeParse({ ...base, collateral: 'product', productId: '9' }))).toEqual({ productId: 'loans.form.productInvalid' });
    expect(issues(offer.safeParse({ ...base, collateral: 'anyNft', minHashrate: '1.0005' }))).toEqual({ minHashrate: 'loans.form.hashrateInvalid' });
    expect(issues(offer.safeParse({ ...base, collateral: 'ifil', ifilAmount: '0' }))).toEqual({ ifilAmount: 'loans.form.ifilInvalid' });
  });
  it('reports every bad field at once', () => {
    expect(issues(offer.safeParse({ principal: '', apr: 'x', days: '0', collateral: 'ifil', ifilAmount: '' }))).toEqual({
      principal: 'loans.form.principalInvalid',
      apr: 'loans.form.aprInvalid',
      days: 'loans.form.daysInvalid',
      ifilAmount: 'loans.form.ifilInvalid',
    });
  });
});

describe('requestFormSchema', () => {
  it('pledges one of the account’s NFTs', () => {
    expect(request.parse({ ...base, collateral: 'nft', tokenId: '2000002' })).toEqual({ principal: usdt(50n), aprBps: 1200n, duration: 30n * DAY, kind: 1, collateral: 2_000_002n });
  });
  it('pledges IFIL up to the balance', () => {
    expect(request.parse({ ...base, collateral: 'ifil', ifilAmount: '20' })).toMatchObject({ kind: 2, collateral: ifil(20n) });
    expect(issues(request.safeParse({ ...base, collateral: 'ifil', ifilAmount: '20.000000000000000001' }))).toEqual({ ifilAmount: 'loans.form.ifilAboveBalance' });
  });
  it('refuses an NFT the account does not hold, and the principal is not bounded by a USDT balance', () => {
    expect(issues(request.safeParse({ ...base, collateral: 'nft', tokenId: '3000001' }))).toEqual({ tokenId: 'loans.form.tokenInvalid' });
    expect(issues(request.safeParse({ ...base, collateral: 'nft', tokenId: '' }))).toEqual({ tokenId: 'loans.form.tokenInvalid' });
    expect(request.safeParse({ ...base, principal: '999999', collateral: 'nft', tokenId: '2000001' }).success).toBe(true);
  });
});

describe('form messages', () => {
  it('exist in English and Chinese', () => {
    const keys: MessageKey[] = [
      'loans.form.principalInvalid',
      'loans.form.principalAboveBalance',
      'loans.form.aprInvalid',
      'loans.form.daysInvalid',
      'loans.form.termLeftInvalid',
      'loans.form.productInvalid',
      'loans.form.hashrateInvalid',
      'loans.form.ifilInvalid',
      'loans.form.ifilAboveBalance',
      'loans.form.tokenInvalid',
    ];
    for (const key of keys) {
      expect(createTranslator('en')(key)).not.toBe(key);
      expect(createTranslator('zh')(key)).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(createTranslator('en')('loans.form.aprInvalid')).toBe('Enter an APR between 0% and 500%, with at most 2 decimals.');
  });
});
