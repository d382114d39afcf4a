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

describe('chartPoints and the price axis', () => {
  const box = { left: 64, top: 8, width: 408, height: 124 };
  it('place points inside the plot box, and the axis ticks on the same scale', async () => {
    const { chartPoints, priceY } = await import('./priceChart');
    const pts = chartPoints([{ time: 10n, price: 2n }, { time: 20n, price: 4n }], box);
    expect(pts[0]).toEqual({ x: 70, y: 126 }); // left + pad; top + height − pad
    expect(pts[1]).toEqual({ x: 466, y: 14 });
    expect(priceY(2n, 2n, 4n, box)).toBe(pts[0]!.y);
    expect(priceY(4n, 2n, 4n, box)).toBe(pts[1]!.y);
    expect(priceY(3n, 2n, 4n, box)).toBe(70);
    expect(priceY(5n, 5n, 5n, box)).toBe(70); // one price: the middle
  });
});
