import { expect, test } from './fixtures';

// The seed leaves two auctions: 2000010 (miner B, a first bid of 11.00 USDT, three days) and 4000008
// (miner A, reserve 4.00 USDT, no bid, 20 hours). Earlier specs move chain time by a few hours at most.

test('the Auctions and Ending soon views show auction cards with a countdown, soonest first', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('view-auctions').click();
  await expect(page).toHaveURL(/\?type=auction$/);
  const count = page.getByTestId('listing-count');
  await expect(count).toHaveText('2 listings for sale');
  const withBid = page.getByTestId('listing-2000010');
  await expect(withBid).toContainText('Only bid');
  await expect(withBid.getByTestId('listing-price')).toContainText('11.00');
  await expect(withBid.getByTestId('countdown')).toHaveText(/^2d \d\d:\d\d:\d\d$/);
  await expect(page.getByTestId('listing-4000008')).toContainText('Reserve, no bids yet');

  await page.getByTestId('view-ending').click();
  await expect(page).toHaveURL(/\?type=auction&sort=ending_soon$/);
  const cards = page.getByTestId('listing-grid').locator('a');
  await expect(cards.first()).toHaveAttribute('data-testid', 'listing-4000008');
  await expect(cards.nth(1)).toHaveAttribute('data-testid', 'listing-2000010');
  await expect(page.getByTestId('sort')).toHaveValue('ending_soon');
});

test('sidebar filters: price range, search and term left go in the URL, and back undoes them', async ({ page }) => {
  await page.goto('/?type=auction');
  const count = page.getByTestId('listing-count');
  await expect(count).toHaveText('2 listings for sale');
  await page.getByTestId('filter-price-min').fill('5');
  await page.getByTestId('apply-filters').click();
  await expect(page).toHaveURL(/\?type=auction&minPrice=5$/);
  await expect(count).toHaveText('1 listing for sale');
  await expect(page.getByTestId('listing-2000010')).toBeVisible();
  await page.goBack();
  await expect(count).toHaveText('2 listings for sale');
  await expect(page.getByTestId('filter-price-min')).toHaveValue('');

  // A text search by node id, over every sale type.
  await page.getByTestId('view-all').click();
  await expect(page).not.toHaveURL(/type=auction/); // the view change has landed before the search starts
  await expect(count).not.toHaveText('2 listings for sale');
  await page.getByTestId('filter-search').fill('f01231');
  await page.getByTestId('filter-search').press('Enter');
  await expect(page).toHaveURL(/q=f01231/);
  const cards = page.getByTestId('listing-grid').locator('a');
  await expect(cards.first()).toContainText('f01231');
  expect(await cards.count()).toBeGreaterThan(0);
  for (const text of await cards.allTextContents()) expect(text).toContain('f01231');

  // Term left: the 180-day product only.
  await page.goto('/?maxDays=200');
  await expect(page.getByTestId('listing-grid').locator('a').first()).toContainText('f01889668');
  for (const text of await page.getByTestId('listing-grid').locator('a').allTextContents()) expect(text).toMatch(/1\d\d days/);

  // A minimum above its maximum is refused in words, and the URL is left alone.
  await page.goto('/');
  await page.getByTestId('filter-price-min').fill('9');
  await page.getByTestId('filter-price-max').fill('2');
  await page.getByTestId('apply-filters').click();
  await expect(page.getByTestId('market-filters').getByRole('alert')).toHaveText('A minimum is above its maximum.');
  await expect(page).toHaveURL(/\/$/);
});

type HealthJson = { productId: string; kind: string; paidDays: number; dueDays: number };
const PAYING = ['paying', 'upcoming'];

test('every card carries its miner’s health, "only miners paying in full" hides the others, the item page prices the earnings in USDT', async ({ page, request }) => {
  // What the chain says (the API reads the same guard, escrow and registry as the item page's record).
  const all = (await (await request.get('/api/listings?limit=100')).json()) as { total: number; items: { tokenId: string; saleType: string; product: { productId: string } }[] };
  const ids = [...new Set(all.items.map((l) => l.product.productId))];
  const health = (await (await request.get(`/api/products/health?ids=${ids.join(',')}`)).json()) as { items: HealthJson[] };
  const byProduct = new Map(health.items.map((h) => [h.productId, h]));
  // The seed has a miner that stopped paying (Chengdu Data Farm) next to miners that pay.
  expect(health.items.some((h) => h.kind === 'paying')).toBe(true);
  expect(health.items.some((h) => !PAYING.includes(h.kind))).toBe(true);

  await page.goto('/?sort=return_desc');
  const cards = page.getByTestId('listing-grid').locator('a');
  await expect(cards.first().getByTestId('health-badge')).toBeVisible();
  for (let i = 0; i < Math.min(6, await cards.count()); i++) {
    const card = cards.nth(i);
    const tokenId = (await card.getAttribute('data-testid'))!.replace('listing-', '');
    const h = byProduct.get(String(BigInt(tokenId) / 1_000_000n))!;
    await expect(card.getByTestId('health-badge')).toHaveAttribute('data-health', h.kind);
    if (h.kind !== 'upcoming') await expect(card.getByTestId('health-badge')).toContainText(`${h.paidDays}/${h.dueDays} days paid`);
    await expect(card.getByTestId('card-earns')).toContainText('USDT');
  }

  // The filter: in the URL, the count is the API's, and only paying miners are left.
  const paying = (await (await request.get('/api/listings?limit=100&health=paying')).json()) as { total: number; items: { product: { productId: string } }[] };
  expect(paying.total).toBeLessThan(all.total);
  expect(paying.items.every((l) => PAYING.includes(byProduct.get(l.product.productId)!.kind))).toBe(true);
  await page.getByTestId('filter-paying').check();
  await expect(page).toHaveURL(/paying=1/);
  await expect(page.getByTestId('listing-count')).toHaveText(paying.total === 1 ? '1 listing for sale' : `${paying.total} listings for sale`);
  for (const kind of await page.getByTestId('health-badge').evaluateAll((els) => els.map((e) => e.getAttribute('data-health')))) expect(PAYING).toContain(kind);

  // The item page of a miner that is not paying in full: the mark in the header, a warning by the buy button, and
  // the expected earnings in USDT at the buyer's own FIL price, which it remembers.
  const risky = all.items.find((l) => l.saleType === 'fixed' && !PAYING.includes(byProduct.get(l.product.productId)!.kind))!;
  const kind = byProduct.get(risky.product.productId)!.kind;
  await page.goto(`/nft/${risky.tokenId}`);
  await expect(page.getByTestId('health-badge').first()).toHaveAttribute('data-health', kind);
  await expect(page.getByTestId('buy-risk')).toHaveAttribute('data-health', kind);
  const usdt = page.getByTestId('earn-usdt');
  await expect(usdt).toHaveAttribute('data-value', /^\d+$/);
  const atFour = BigInt((await usdt.getAttribute('data-value'))!);
  await expect(page.getByTestId('earn-fil-price')).toHaveValue('4.00');
  await page.getByTestId('earn-fil-price').fill('8');
  await expect(usdt).not.toHaveAttribute('data-value', atFour.toString());
  const atEight = BigInt((await usdt.getAttribute('data-value'))!);
  expect(atEight - 2n * atFour).toBeGreaterThanOrEqual(0n); // the same yield at twice the price, rounded down once
  expect(atEight - 2n * atFour).toBeLessThanOrEqual(1n);
  await expect(page.getByTestId('earn-net')).toContainText('a year');
  await page.reload();
  await expect(page.getByTestId('earn-fil-price')).toHaveValue('8');
});

test('the market header gives the floor and the sales volumes, the activity feed the latest sales and bids, the item page a price chart with axes', async ({ page, request }) => {
  const stats = (await (await request.get('/api/market/stats')).json()) as { floor: { coin: string; pricePerUnitDay: string; tokenId: string }[]; day: { count: number; volume: string }; week: { count: number; volume: string }; live: number };
  const activity = (await (await request.get('/api/activity?limit=8')).json()) as { items: { kind: string; tokenId: string }[] };
  // (The seed's sales may be older than a week of chain time: the windows' sums are checked in the index tests.)
  await page.goto('/');
  const header = page.getByTestId('market-stats');
  await expect(header.getByTestId('stats-floor-FIL')).toHaveAttribute('data-value', stats.floor.find((f) => f.coin === 'FIL')!.pricePerUnitDay);
  await expect(header.getByTestId('stats-week')).toHaveAttribute('data-value', stats.week.volume);
  await expect(header.getByTestId('stats-day')).toHaveAttribute('data-value', stats.day.volume);
  await expect(header.getByTestId('stats-live')).toHaveText(stats.live.toLocaleString('en-US'));
  await expect(header).toContainText(`${stats.week.count} sale(s)`);
  // The floor links to the cheapest listing.
  await header.getByTestId('stats-floor-FIL').getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/nft/${stats.floor.find((f) => f.coin === 'FIL')!.tokenId}$`));

  await page.goto('/');
  const feed = page.getByTestId('market-activity');
  await expect(feed.getByTestId('activity-item')).toHaveCount(activity.items.length);
  expect(await feed.getByTestId('activity-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).toEqual(activity.items.map((a) => a.kind));

  // The item page of a sold token: one dot per sale of its product, a price axis and a time axis.
  const sale = ((await (await request.get('/api/activity?limit=1&type=sale')).json()) as { items: { tokenId: string }[] }).items[0]!;
  const product = BigInt(sale.tokenId) / 1_000_000n;
  const productSales = (await (await request.get(`/api/activity?limit=100&type=sale&product=${product}`)).json()) as { items: unknown[] };
  await page.goto(`/nft/${sale.tokenId}`);
  const chart = page.getByTestId('price-history');
  await expect(chart.locator('circle')).toHaveCount(productSales.items.length);
  await expect(chart.getByTestId('price-tick').first()).toContainText(/\d/);
  await expect(chart.getByTestId('price-axis-start')).toHaveText(/\w+ \d+/);
  await expect(chart).toContainText(`${productSales.items.length} sales`);
});
