import type { Page } from '@playwright/test';
import { E2E_APP_URL } from '../playwright.config';
import { connectDevWallet, expect, test } from './fixtures';

// A phone: 390 × 844 CSS pixels (an iPhone 12–15). No page may scroll sideways, the nav keeps each label on one
// line (it scrolls inside itself), the market shows listings before its folded filters, tables stack.
test.use({ viewport: { width: 390, height: 844 } });

async function expectNoSidewaysScroll(page: Page, path: string) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  expect(scroll, `${path} is ${scroll} px wide`).toBeLessThanOrEqual(width);
}

for (const lang of ['en', 'zh'] as const) {
  test(`on a phone (${lang}) every page fits the screen, the nav stays on one line, filters fold, tables stack`, async ({ page, context }) => {
    await context.addCookies([{ name: 'dmex-lang', value: lang, url: E2E_APP_URL }]);
    await page.goto('/');
    const links = page.getByTestId('main-nav').locator('a');
    await expect(links).toHaveCount(11);
    const heights = await links.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    for (const h of heights) expect(h, 'a nav label on one line').toBeLessThan(40); // one line is ~32 px; two would be ~52
    await expectNoSidewaysScroll(page, '/');

    // The listings come first; the filters open on demand.
    const firstCard = page.getByTestId('listing-grid').locator('a').first();
    await expect(firstCard).toBeVisible();
    await expect(page.getByTestId('market-filters')).toBeHidden();
    expect((await firstCard.boundingBox())!.y).toBeLessThan(844);
    await page.getByTestId('toggle-filters').click();
    await expect(page.getByTestId('market-filters')).toBeVisible();
    await expect(page.getByTestId('toggle-filters')).toHaveAttribute('aria-expanded', 'true');
    const item = (await firstCard.getAttribute('href'))!;

    await connectDevWallet(page, 'buyer');
    for (const path of [item, '/portfolio', '/loans', '/earn', '/ifil', '/governance', '/miner', '/insurance', '/treasury', '/pools', '/nodes']) {
      await page.goto(path);
      await expect(page.locator('main h1').first()).toBeVisible();
      if (path === '/portfolio') {
        // The yield table stacks: every figure of a row is on screen, none clipped or scrolled away.
        const row = page.locator('[data-testid^="yield-row-"]').first();
        await expect(row).toBeVisible();
        const claimable = row.getByTestId('row-claimable');
        const box = (await claimable.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(390);
        await expect(page.getByTestId('yield-table').locator('thead')).toBeHidden();
        // Each NFT held carries its miner's health mark.
        const owned = page.getByTestId('owned-grid').locator('a');
        await expect(owned.first().getByTestId('health-badge')).toHaveAttribute('data-health', /^(defaulted|halted|missed|short|paying|upcoming)$/);
        expect(await owned.getByTestId('health-badge').count()).toBe(await owned.count());
      }
      await expectNoSidewaysScroll(page, path);
    }
  });
}
