import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/messages/en';
import { zh } from '../i18n/messages/zh';
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
      expect(errorsOf({ nodeId: bad }), bad).toEqual(['nodeId: apply.err.filNodeId']);
    }
  });
  it('refuses to sell more than the effective power, or more effective than total', () => {
    expect(errorsOf({ nftCount: '251' })).toEqual(['nftCount: apply.err.oversold']);
    expect(errorsOf({ effectiveHashrate: '1300', nftCount: '10' })).toEqual(['effectiveHashrate: apply.err.effectiveAboveTotal']);
  });
  it('bounds the term and the start date', () => {
    expect(errorsOf({ termDays: '0' })).toEqual(['termDays: apply.err.termMin']);
    expect(errorsOf({ termDays: '1826' })).toEqual(['termDays: apply.err.termMax']);
    // Empty is "required", not "at least 1"; anything but digits is not a whole number; a number input's number is fine.
    expect(errorsOf({ termDays: '' })).toEqual(['termDays: apply.err.required']);
    expect(errorsOf({ nftCount: '  ' })).toEqual(['nftCount: apply.err.required']);
    for (const bad of ['1.5', 'abc', '-3', '1e3']) expect(errorsOf({ nftCount: bad }), bad).toEqual(['nftCount: apply.err.wholeNumber']);
    expect(errorsOf({ nftCount: 0 as never })).toEqual(['nftCount: apply.err.nftMin']);
    expect(errorsOf({ termDays: 540 as never })).toEqual([]);
    expect(errorsOf({ startDate: '2026-11-20' })).toEqual(['startDate: apply.err.startPast']);
    expect(errorsOf({ startDate: '2027-12-01' })).toEqual(['startDate: apply.err.startTooFar']);
  });
  it('says what is wrong with amounts and identity fields', () => {
    expect(errorsOf({ pricePerNFT: '0' })).toEqual(['pricePerNFT: apply.err.positive']);
    expect(errorsOf({ pricePerNFT: '1.1234567' })).toEqual(['pricePerNFT: apply.err.number']);
    expect(errorsOf({ name: '' })).toEqual(['name: apply.err.required']);
    expect(errorsOf({ documentsHash: `0x${'0'.repeat(64)}` })).toEqual(['documentsHash: apply.err.hashZero']);
    expect(errorsOf({ documentsHash: '0x1234' })[0]).toBe('documentsHash: apply.err.hashFormat');
    // An empty hash is missing, not malformed: one message.
    expect(errorsOf({ documentsHash: '' })).toEqual(['documentsHash: apply.err.required']);
  });
  it('a form of empty fields says which are required and never throws (the cross-field checks wait for their fields)', () => {
    const empty = Object.fromEntries(Object.keys(valid).map((k) => [k, k === 'coin' ? 'FIL' : '']));
    const r = applicationFormSchema(now).safeParse(empty);
    expect(r.success).toBe(false);
    const issues = r.success ? [] : r.error.issues;
    expect(issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(
      expect.arrayContaining(['name: apply.err.required', 'hashratePerNFT: apply.err.required', 'nftCount: apply.err.required', 'termDays: apply.err.required', 'documentsHash: apply.err.required', 'startDate: apply.err.startDate']),
    );
    expect(issues.some((i) => i.message === 'apply.err.oversold' || i.message === 'apply.err.filNodeId')).toBe(false);
  });
  it('names every missing field at once, as "required" (not a type error), and every message has words in both languages', () => {
    const r = applicationFormSchema(now).safeParse({ coin: 'FIL' });
    expect(r.success).toBe(false);
    const issues = r.success ? [] : r.error.issues;
    const required = issues.filter((i) => i.message === 'apply.err.required').map((i) => i.path.join('.'));
    expect(required).toEqual(expect.arrayContaining(['name', 'documentsURI', 'nodeId', 'totalHashrate', 'pricePerNFT']));
    for (const i of issues) expect(i.message, i.path.join('.')).toMatch(/^apply\.err\./);
    const source = readFileSync(path.join(__dirname, 'applicationForm.ts'), 'utf8');
    const keys = [...source.matchAll(/'(apply\.err\.\w+)'/g)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(15);
    for (const key of keys) {
      expect(en[key as keyof typeof en], key).toBeTruthy();
      expect(zh[key as keyof typeof zh], key).toBeTruthy();
    }
  });
});
