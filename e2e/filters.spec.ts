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
