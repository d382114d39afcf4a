/** Geometry of the item page's price-history chart (components/ui/PriceChart.tsx). */
export type PricePoint = { time: bigint; price: bigint };

export const CHART_W = 320;
export const CHART_H = 96;
const PAD = 6;

/** Points of a step-less line chart scaled into the SVG box; exported for tests. */
export function chartPath(points: PricePoint[]): string {
  if (points.length === 0) return '';
  const t0 = Number(points[0]!.time);
  const t1 = Number(points[points.length - 1]!.time);
  const prices = points.map((p) => Number(p.price));
  const lo = Math.min(...prices);
  const hi = Math.max(...prices);
  const x = (t: number) => (t1 === t0 ? CHART_W / 2 : PAD + ((t - t0) / (t1 - t0)) * (CHART_W - 2 * PAD));
  const y = (p: number) => (hi === lo ? CHART_H / 2 : CHART_H - PAD - ((p - lo) / (hi - lo)) * (CHART_H - 2 * PAD));
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(Number(p.time)).toFixed(1)},${y(Number(p.price)).toFixed(1)}`).join(' ');
}

