import { describe, expect, it } from 'vitest';
import { chartPath } from './priceChart';

describe('chartPath', () => {
  it('spans the box from the oldest to the newest sale, higher prices higher up', () => {
    const d = chartPath([
      { time: 100n, price: 1_000_000n },
      { time: 200n, price: 3_000_000n },
      { time: 300n, price: 2_000_000n },
    ]);
    expect(d).toBe('M6.0,90.0 L160.0,6.0 L314.0,48.0');
  });
  it('centres a single sale and is empty without sales', () => {
    expect(chartPath([{ time: 5n, price: 7n }])).toBe('M160.0,48.0');
    expect(chartPath([])).toBe('');
  });
});
