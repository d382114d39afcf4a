import { describe, expect, it } from 'vitest';
import { applicationFormSchema, type ApplicationFormInput } from './applicationForm';

const now = Date.parse('2026-11-22T12:00:00Z') / 1000;
const valid: ApplicationFormInput = {
  name: 'Hangzhou Storage Co.',
  documentsURI: 'ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi',
  documentsHash: `0x${'ab'.repeat(32)}`,
  coin: 'FIL',
  nodeId: 'f01889668',
  totalHashrate: '1200',
  effectiveHashrate: '1000.5',
  hashratePerNFT: '4',
  nftCount: '250',
  termDays: '540',
  startDate: '2026-12-01',
  pricePerNFT: '16.90',
  expectedDailyYieldPerUnit: '0.0022',
};
const errorsOf = (input: Partial<ApplicationFormInput>) => {
  const r = applicationFormSchema(now).safeParse({ ...valid, ...input });
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('miner application form', () => {
  it('converts human units into the contract’s', () => {
    const p = applicationFormSchema(now).parse(valid);
    expect(p).toMatchObject({
      coin: 'FIL',
      totalHashrate: 1_200_000n,
      effectiveHashrate: 1_000_500n,
      hashratePerNFT: 4_000n,
      nftCount: 250,
      termDays: 540,
      termStart: BigInt(Date.parse('2026-12-01T00:00:00Z') / 1000),
      pricePerNFT: 16_900_000n,
      expectedDailyYieldPerUnit: 2_200_000_000_000_000n,
    });
  });
  it('accepts Filecoin miner ids only in the f0 form', () => {
    expect(errorsOf({ nodeId: 'f01234' })).toEqual([]);
    for (const bad of ['f1abc', 'f0', 'f0x12', 't01234', `f0${'1'.repeat(21)}`]) {
      expect(errorsOf({ nodeId: bad }), bad).toEqual(['nodeId: a Filecoin miner id looks like f01234 (f0 and digits)']);
    }
  });
  it('refuses to sell more than the effective power, or more effective than total', () => {
    expect(errorsOf({ nftCount: '251' })).toEqual(['nftCount: NFT count × hashrate per NFT cannot exceed the effective hashrate']);
    expect(errorsOf({ effectiveHashrate: '1300', nftCount: '10' })).toEqual(['effectiveHashrate: effective hashrate cannot exceed total hashrate']);
  });
  it('bounds the term and the start date', () => {
    expect(errorsOf({ termDays: '0' })).toEqual(['termDays: term must be at least 1 day']);
    expect(errorsOf({ termDays: '1826' })).toEqual(['termDays: term can be at most 1,825 days']);
    expect(errorsOf({ startDate: '2026-11-20' })).toEqual(['startDate: the start date cannot be in the past']);
    expect(errorsOf({ startDate: '2027-12-01' })).toEqual(['startDate: the start date must be within a year']);
  });
  it('says what is wrong with amounts and identity fields', () => {
    expect(errorsOf({ pricePerNFT: '0' })).toEqual(['pricePerNFT: price per NFT must be more than zero']);
    expect(errorsOf({ pricePerNFT: '1.1234567' })).toEqual(['pricePerNFT: price per NFT must be a number with at most 6 decimals']);
    expect(errorsOf({ name: '' })).toEqual(['name: name is required']);
    expect(errorsOf({ documentsHash: `0x${'0'.repeat(64)}` })).toEqual(['documentsHash: the documents hash cannot be zero']);
    expect(errorsOf({ documentsHash: '0x1234' })[0]).toMatch(/^documentsHash: the documents hash must be 0x/);
  });
});
