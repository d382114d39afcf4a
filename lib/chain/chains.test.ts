import { describe, expect, it } from 'vitest';
import { filIsNative, KNOWN_CHAINS } from './chains';

describe('known chains', () => {
  it('configures Filecoin mainnet and Calibration next to the local chain, with explorers', () => {
    expect(KNOWN_CHAINS[314]).toMatchObject({ id: 314, name: 'Filecoin Mainnet', nativeCurrency: { symbol: 'FIL', decimals: 18 } });
    expect(KNOWN_CHAINS[314]!.blockExplorers?.default.url).toMatch(/^https:\/\//);
    expect(KNOWN_CHAINS[314159]).toMatchObject({ id: 314159, nativeCurrency: { symbol: 'tFIL', decimals: 18 } });
    expect(KNOWN_CHAINS[314159]!.blockExplorers?.default.url).toMatch(/^https:\/\//);
    // the local chain's coin stands in for FIL
    expect(KNOWN_CHAINS[31337]!.nativeCurrency.symbol).toBe('FIL');
  });

  it('treats FIL as native exactly where IFIL.native is true (the contract decides by the same chain ids)', () => {
    expect([314, 314159, 31337].map(filIsNative)).toEqual([true, true, true]);
    expect([1, 8453, 137].map(filIsNative)).toEqual([false, false, false]);
  });
});
