import { parseUnits, type Address } from 'viem';
import { ifilAbi, marketplaceAbi, yieldDistributorAbi } from '../contracts-abi';
import { devAccounts } from '../lib/chain/devAccounts';
import { chain, connectDevWallet, contracts, expect, test } from './fixtures';

// Works with or without seeded yield history: every amount is measured on-chain before and after each step.
const PRODUCT = 4n; // miner A (the dev wallet's "Miner"): 8 NFTs × 1 TiB, fully minted in the seed
const UNITS = 8n * 1000n;
const SHARE = 1000n; // one NFT's hashrate in thousandths of a TiB
/** FIL held by the IFIL contract: every IFIL is backed by it (the local chain's coin stands in for FIL). */
const held = () => chain.getBalance({ address: contracts.IFIL });

const ifil = (account: Address) => chain.readContract({ address: contracts.IFIL, abi: ifilAbi, functionName: 'balanceOf', args: [account] });
const depositedOn = (day: bigint) =>
  chain.readContract({ address: contracts.YieldDistributor, abi: yieldDistributorAbi, functionName: 'depositedOn', args: [PRODUCT, day] });
const today = async () => (await chain.getBlock()).timestamp / 86_400n;
const iso = (day: bigint) => new Date(Number(day) * 86_400_000).toISOString().slice(0, 10);

test('a miner pays yield, the buyer sees it per day and claims all; IFIL wraps and unwraps FIL, balances exact', async ({ page, browser }) => {
  test.setTimeout(240_000);

  // 1. The buyer buys one of miner A's listed NFTs of product 4.
  let tokenId = 0n;
  for (let serial = 1n; serial <= 7n && tokenId === 0n; serial++) {
    const id = PRODUCT * 1_000_000n + serial;
    const listing = await chain.readContract({ address: contracts.Marketplace, abi: marketplaceAbi, functionName: 'listing', args: [id] });
    if (listing.seller === devAccounts.minerA) tokenId = id;
  }
  expect(tokenId, 'a listing of product 4 by miner A').not.toBe(0n);
  await page.goto(`/nft/${tokenId}`);
  await connectDevWallet(page, 'buyer');
  await page.getByTestId('buy-button').click();
  await expect(page.getByTestId('bought')).toBeVisible();
  await expect(page.getByTestId('token-yield')).toBeVisible();

  // 2. Chain time moves three days forward with the footer's day control.
  const startDay = await today();
  await page.getByTestId('advance-days-input').fill('3');
  await page.getByTestId('advance-days').click();
  await expect.poll(today).toBeGreaterThanOrEqual(startDay + 3n);
  const day = await today();

  // 3. The miner wraps 10 FIL into IFIL (no bridge, no key: the contract holds the FIL), then pays today and the
  //    day before on the Miners page.
  const minerContext = await browser.newContext();
  const miner = await minerContext.newPage();
  await miner.goto('/ifil');
  await connectDevWallet(miner, 'minerA');
  await expect(miner.getByTestId('dev-bridge')).toHaveCount(0);
  const minerIfil = await ifil(devAccounts.minerA);
  const heldBefore = await held();
  const minerCoin = await chain.getBalance({ address: devAccounts.minerA });
  await expect(miner.getByTestId('native-balance')).toHaveAttribute('data-value', String(minerCoin));
  await miner.getByTestId('wrap-amount').fill('10');
  await miner.getByTestId('wrap-submit').click();
  await expect(miner.getByTestId('wrap-done')).toHaveText('Done: 10 FIL became 10 IFIL.');
  expect(await ifil(devAccounts.minerA)).toBe(minerIfil + parseUnits('10', 18));
  expect(await held()).toBe(heldBefore + parseUnits('10', 18));
  expect(await chain.getBalance({ address: devAccounts.minerA })).toBeLessThan(minerCoin - parseUnits('10', 18) + 1n); // 10 FIL and the gas
  await expect(miner.getByTestId('ifil-balance')).toHaveAttribute('data-value', String(minerIfil + parseUnits('10', 18)));

  await miner.goto('/miner');
  const card = miner.getByTestId(`pay-yield-${PRODUCT}`);
  const perDay = parseUnits('0.0192', 18); // 0.0024 IFIL per TiB per day × 8 TiB
  await expect(card.getByTestId('pay-yield-expected')).toHaveAttribute('data-value', String(perDay));
  await expect(card.getByTestId('pay-yield-amount')).toHaveValue('0.0192');
  // The picker offers today and the earlier unpaid days, the oldest unpaid one chosen by default.
  const picker = card.getByTestId('pay-yield-day');
  const offered = await picker.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(offered[0]).toBe(String(day));
  await expect(picker).toHaveValue(offered.length > 1 ? offered[offered.length - 1]! : String(day));
  await picker.selectOption(String(day));
  const paidBefore = { today: await depositedOn(day), yesterday: await depositedOn(day - 1n) };
  await card.getByTestId('pay-yield-submit').click();
  await expect(card.getByTestId('pay-yield-done')).toContainText(`Paid 0.0192 IFIL for ${iso(day)} (UTC).`);
  expect(await depositedOn(day)).toBe(paidBefore.today + perDay);
  await expect(card.getByTestId('pay-yield-last')).toContainText('today');
  if (paidBefore.yesterday === 0n) {
    // An earlier unpaid day is offered in the picker.
    await card.getByTestId('pay-yield-day').selectOption(String(day - 1n));
    await card.getByTestId('pay-yield-submit').click();
    await expect(card.getByTestId('pay-yield-done')).toContainText(`for ${iso(day - 1n)} (UTC)`);
    expect(await depositedOn(day - 1n)).toBe(perDay);
  }
  await minerContext.close();

  // 4. The buyer sees the yield on the chart, for all NFTs and for this one.
  await page.goto('/portfolio');
  const section = page.getByTestId('yield-section');
  await expect(section.getByTestId('yield-chart')).toBeVisible();
  await section.getByTestId('yield-select').selectOption(String(tokenId));
  const share = (await depositedOn(day)) * SHARE / UNITS;
  await expect(section.locator(`[data-testid="yield-bar"][data-date="${iso(day)}"]`)).toHaveAttribute('data-value', String(share));
  await expect(section.locator(`[data-testid="yield-bar"][data-date="${iso(day - 1n)}"]`)).toHaveAttribute('data-value', String((await depositedOn(day - 1n)) * SHARE / UNITS));
  await section.getByTestId('yield-range-90').click();
  await expect(section.getByTestId('yield-bar')).toHaveCount(90);
  await expect(section.getByTestId('fil-price-note')).toContainText('assumption');

  // CSV of the daily yield, named with the date.
  const download = page.waitForEvent('download');
  await section.getByTestId('yield-csv').click();
  expect((await download).suggestedFilename()).toBe(`dmex-yield-nft-${tokenId}-90d-${iso(day)}.csv`);

  // 5. Claim all: the IFIL balance grows by exactly what was claimable.
  const claimable = section.getByTestId('yield-claimable-FIL');
  await expect(claimable).not.toHaveAttribute('data-value', '0');
  const claimed = BigInt((await claimable.getAttribute('data-value'))!);
  expect(claimed).toBeGreaterThanOrEqual(share);
  const before = await ifil(devAccounts.buyer);
  await section.getByTestId('claim-all').click();
  await expect(section.getByTestId('claim-done')).toBeVisible();
  expect(await ifil(devAccounts.buyer)).toBe(before + claimed);
  await expect(claimable).toHaveAttribute('data-value', '0');
  expect(await chain.readContract({ address: contracts.YieldDistributor, abi: yieldDistributorAbi, functionName: 'claimable', args: [tokenId] })).toBe(0n);

  await page.getByRole('link', { name: 'IFIL', exact: true }).click();
  await expect(page).toHaveURL(/\/ifil$/);
  await expect(page.getByTestId('ifil-balance')).toHaveAttribute('data-value', String(before + claimed));

  // 6. Unwrap: more than the balance is refused in words before anything is sent; 0.001 IFIL comes back as
  //    exactly 0.001 FIL out of the contract (the buyer's coin rises by it, less the gas of the transaction).
  const balance = before + claimed;
  await page.getByTestId('unwrap-amount').fill('1000000');
  await page.getByTestId('unwrap-submit').click();
  await expect(page.getByTestId('unwrap-error')).toHaveText('That is more IFIL than you hold.');
  await expect(page.getByTestId('unwrap-amount')).toHaveAccessibleDescription('That is more IFIL than you hold.');
  const heldBeforeUnwrap = await held();
  const coinBefore = await chain.getBalance({ address: devAccounts.buyer });
  await page.getByTestId('unwrap-amount').fill('0.001');
  await page.getByTestId('unwrap-submit').click();
  await expect(page.getByTestId('unwrap-done')).toHaveText('Done: 0.001 IFIL became 0.001 FIL.');
  expect(await ifil(devAccounts.buyer)).toBe(balance - parseUnits('0.001', 18));
  expect(await held()).toBe(heldBeforeUnwrap - parseUnits('0.001', 18));
  const block = await chain.getBlock({ includeTransactions: true });
  const receipt = await chain.getTransactionReceipt({ hash: (block.transactions[0] as { hash: `0x${string}` }).hash });
  expect(await chain.getBalance({ address: devAccounts.buyer })).toBe(coinBefore + parseUnits('0.001', 18) - receipt.gasUsed * receipt.effectiveGasPrice);
  await expect(page.getByTestId('ifil-balance')).toHaveAttribute('data-value', String(balance - parseUnits('0.001', 18)));
});
