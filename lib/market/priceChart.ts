/** Geometry of the item page's price-history chart (components/ui/PriceChart.tsx). */
export type PricePoint = { time: bigint; price: bigint };

export const CHART_W = 320;
export const CHART_H = 96;
const PAD = 6;

/** The plot area inside the SVG: room on the left for the price axis and below for the time axis. */
export type PlotBox = { left: number; top: number; width: number; height: number };
export const PLOT: PlotBox = { left: 0, top: 0, width: CHART_W, height: CHART_H };

/** Points of a step-less line chart scaled into the plot box (the whole SVG by default); exported for tests. */
export function chartPath(points: PricePoint[], box: PlotBox = PLOT): string {
  if (points.length === 0) return '';
  return chartPoints(points, box)
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`)
    .join(' ');
}

/** Each point's position in the plot box: time left to right (oldest first), higher prices higher up. */
export function chartPoints(points: PricePoint[], box: PlotBox = PLOT): { x: number; y: number }[] {
  if (points.length === 0) return [];
  const t0 = Number(points[0]!.time);
  const t1 = Number(points[points.length - 1]!.time);
  const lo = points.reduce((m, p) => (p.price < m ? p.price : m), points[0]!.price);
  const hi = points.reduce((m, p) => (p.price > m ? p.price : m), points[0]!.price);
  const x = (t: number) => box.left + (t1 === t0 ? box.width / 2 : PAD + ((t - t0) / (t1 - t0)) * (box.width - 2 * PAD));
  return points.map((p) => ({ x: x(Number(p.time)), y: priceY(p.price, lo, hi, box) }));
}

/** The y of a price on the axis (the same scale as {@link chartPoints}). */
export function priceY(price: bigint, lo: bigint, hi: bigint, box: PlotBox): number {
  if (hi === lo) return box.top + box.height / 2;
  return box.top + box.height - PAD - (Number(price - lo) / Number(hi - lo)) * (box.height - 2 * PAD);
}
