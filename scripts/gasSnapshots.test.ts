// Relations between committed gas snapshots that one forge test cannot check by itself (the measurements come from
// different fixtures, each starting from clean storage). `npm run test:contracts` fails when a snapshot moves, so
// these hold for the code as it is.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const snapshot = (name: string) => {
  const raw = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', 'contracts', 'snapshots', `${name}.json`), 'utf8')) as Record<string, string>;
  return (key: string): number => {
    if (!(key in raw)) throw new Error(`${name}.json has no key ${key}: run npm run gas`);
    return Number(raw[key]);
  };
};

describe('Earn gas snapshots', () => {
  const earn = snapshot('Earn');

  it('stakes an NFT for the same gas with 1 or 10,000 stakers (accrual is O(1))', () => {
    expect(earn('stakeNft')).toBeGreaterThan(0);
    expect(Math.abs(earn('stakeNft_after10000') - earn('stakeNft'))).toBeLessThanOrEqual(earn('stakeNft') * 0.05);
  });

  it('meets the gas goals (stakeNft <= 100k, claim <= 46k, stakeLp <= 80k, unstakeNft <= 80k)', () => {
    expect(earn('stakeNft')).toBeLessThanOrEqual(100_000);
    expect(earn('claim')).toBeLessThanOrEqual(46_000);
    expect(earn('stakeLp')).toBeLessThanOrEqual(80_000);
    expect(earn('unstakeNft')).toBeLessThanOrEqual(80_000);
  });
});
