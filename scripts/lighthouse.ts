// Lighthouse performance of the market, an item page and the portfolio, as the README reports them: Lighthouse's
// default mobile profile (a mid-range phone: 4x slower CPU, slow 4G simulated), performance only, each page run
// several times in a fresh headless Chromium, and the median run reported.
//
//   npm run demo                          # in another terminal: the production build on a seeded local chain
//   npm run lighthouse                    # http://localhost:3000, 5 runs per page
//   npm run lighthouse -- --url http://localhost:3100 --runs 9 --item 1000003
//
// Run it on an idle machine: Lighthouse times the page's main thread, so other work on the machine shows up as
// blocking time. Each row also gives Lighthouse's CPU benchmark index of the runs (higher is faster): the same build
// scores lower on a slower or busier machine, so compare figures only at similar indexes.
// Chromium: CHROME_PATH, else Debian's /usr/bin/chromium.
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://localhost:3000' },
    runs: { type: 'string', default: '5' },
    item: { type: 'string' },
  },
});
const base = values.url.replace(/\/$/, '');
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number of at least 1, got ${values.runs}`);

/** The item page measured: --item, else the first live listing the index serves. */
async function itemPath(): Promise<string> {
  if (values.item) return `/nft/${values.item}`;
  const response = await fetch(`${base}/api/listings?limit=1`);
  if (!response.ok) throw new Error(`${base}/api/listings answered ${response.status}: is the app running (npm run demo)?`);
  const body = (await response.json()) as { items?: { tokenId: string }[] };
  const tokenId = body.items?.[0]?.tokenId;
  if (!tokenId) throw new Error('the index has no live listing; pass --item <tokenId>');
  return `/nft/${tokenId}`;
}

type Run = { score: number; fcp: number; lcp: number; tbt: number; cls: number; si: number; cpu: number };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

async function measure(url: string): Promise<Run> {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
  });
  try {
    const result = await lighthouse(url, { port: chrome.port, onlyCategories: ['performance'], logLevel: 'error', output: 'json' });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse could not load ${url}: ${lhr.runtimeError.message}`);
    const metric = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
    return {
      score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
      fcp: metric('first-contentful-paint'),
      lcp: metric('largest-contentful-paint'),
      tbt: metric('total-blocking-time'),
      cls: metric('cumulative-layout-shift'),
      si: metric('speed-index'),
      // Lighthouse's measure of this machine's speed during the run (a fixed JS workload; higher is faster).
      cpu: lhr.environment.benchmarkIndex,
    };
  } finally {
    chrome.kill();
  }
}

const pages: [string, string][] = [
  ['market', '/'],
  ['item', await itemPath()],
  ['portfolio', '/portfolio'],
];
console.log(`Lighthouse ${runs} run(s) per page, mobile profile, performance only, against ${base}`);
console.log('| page | path | score (median) | scores | FCP | LCP | TBT | CLS | Speed Index | CPU index (runs) |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const [name, path] of pages) {
  const results: Run[] = [];
  for (let i = 0; i < runs; i++) results.push(await measure(`${base}${path}`));
  const m = (key: keyof Run) => median(results.map((r) => r[key]));
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `| ${name} | ${path} | **${m('score')}** | ${results.map((r) => r.score).join(', ')} | ${s(m('fcp'))} | ${s(m('lcp'))} | ${Math.round(m('tbt'))} ms | ${m('cls').toFixed(3)} | ${s(m('si'))} | ${results.map((r) => Math.round(r.cpu)).join(', ')} |`,
  );
}
