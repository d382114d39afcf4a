import { createTestClient, createWalletClient, http, parseUnits, type Address, type Hex } from 'viem';
import { foundry } from 'viem/chains';
import { ifilAbi, loanMarketAbi, yieldDistributorAbi } from '../contracts-abi';
import { devAccounts } from '../lib/chain/devAccounts';
import { E2E_RPC_URL } from '../playwright.config';
import { chain, connectDevWallet, contracts, expect, onChain, passProposal, test } from './fixtures';

// The demo buyer holds #2000001 and #2000002 (product 2, miner B: 4 TiB, 360-day term) in the seed; no seeded loan
// touches an NFT. This file moves chain time by weeks and pledges and forecloses those NFTs: the specs after it
// expect the seeded state, so the chain goes back to where it was when this file ends.
const TOKEN = 2_000_001n;
const SECOND = 2_000_002n;
const PRODUCT = 2n;
const DAY = 86_400n;
const transport = http(E2E_RPC_URL);
const testClient = createTestClient({ chain: foundry, transport, mode: 'anvil' });
const wallet = createWalletClient({ chain: foundry, transport });
let snapshot: Hex;

const ifil = (account: Address) => chain.readContract({ address: contracts.IFIL, abi: ifilAbi, functionName: 'balanceOf', args: [account] });
const claimable = (tokenId: bigint) => chain.readContract({ address: contracts.YieldDistributor, abi: yieldDistributorAbi, functionName: 'claimable', args: [tokenId] });
const position = (id: bigint) => chain.readContract({ address: contracts.LoanMarket, abi: loanMarketAbi, functionName: 'position', args: [id] });
const chainNow = async () => (await chain.getBlock()).timestamp;

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  snapshot = await testClient.snapshot();
});
test.afterAll(async () => {
  await testClient.revert({ id: snapshot });
});

test('an offer says why none of your NFTs meets it', async ({ page }) => {
  // The second buyer holds product-1 NFTs; seeded offer #1 accepts only product 2 (demoLoans).
  await page.goto('/loans');
  await connectDevWallet(page, 'buyer2');
  const row = page.getByTestId('offer-1');
  await row.getByTestId('offer-accept').click();
  await expect(row.getByTestId('accept-no-nft')).toBeVisible();
  const reason = row.getByTestId('accept-mismatch-1000001');
  await expect(reason).toHaveAttribute('data-reason', 'product');
  await expect(reason).toContainText('NFT #1000001: another product than the offer accepts');
  await expect(row.getByTestId('accept-confirm')).toBeDisabled();
});

test('a lender posts an offer; the buyer borrows against an NFT, claims its yield while pledged and repays', async ({ page, browser }) => {
  test.setTimeout(180_000);

  // 1. The lender posts an offer for NFTs of product 2 on /loans: 25 USDT for 30 days at 10%, 60 days of term left.
  const lenderContext = await browser.newContext();
  const lender = await lenderContext.newPage();
  await lender.goto('/loans?tab=new-offer');
  await connectDevWallet(lender, 'lender');
  const form = lender.getByTestId('offer-form');
  // An empty form names every empty field's problem at once, each under its field and as the field's description.
  await form.getByTestId('offer-submit').click();
  for (const name of ['principal', 'apr']) { // the term starts at 30 days
    const message = (await form.getByTestId(`error-${name}`).textContent())!.trim();
    expect(message.length).toBeGreaterThan(0);
    await expect(form.getByTestId(`field-${name}`)).toHaveAccessibleDescription(new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  }
  await form.getByTestId('field-principal').fill('25');
  await form.getByTestId('field-apr').fill('10');
  await form.getByTestId('field-days').fill('30');
  await form.getByTestId('offer-collateral-product').check();
  await form.getByTestId('field-productId').selectOption(String(PRODUCT));
  await form.getByTestId('field-minTermLeftDays').fill('60');
  await expect(form.getByTestId('offer-preview')).toContainText('25.');
  const lenderUsdt = await onChain.usdt(devAccounts.lender);
  await form.getByTestId('offer-submit').click();
  await expect(form.getByTestId('offer-posted')).toBeVisible();
  const id = BigInt((await form.getByTestId('offer-posted').getAttribute('data-id'))!);
  const principal = parseUnits('25', 6);
  expect(await position(id)).toMatchObject({ state: 1, lender: devAccounts.lender, principal, aprBps: 1000, duration: 30 * 86_400, productId: PRODUCT, minTermLeft: 60 * 86_400, kind: 1 });
  expect(lenderUsdt - (await onChain.usdt(devAccounts.lender))).toBe(principal); // escrowed
  await lenderContext.close();

  // 2. The buyer accepts it in the offer book with #2000001: exactly the principal arrives, the NFT is pledged.
  await page.goto('/loans');
  await connectDevWallet(page, 'buyer');
  const row = page.getByTestId(`offer-${id}`);
  await expect(row.getByTestId('offer-criteria')).toContainText('an NFT of product 2 (4 TiB, node f02097088) with at least 60 days of term left');
  await row.getByTestId('offer-accept').click();
  await row.getByTestId('accept-token').selectOption(String(TOKEN));
  const buyerUsdt = await onChain.usdt(devAccounts.buyer);
  await row.getByTestId('accept-confirm').click();
  const done = page.getByTestId('accept-done');
  await expect(done).toContainText(`Loan #${id} started. Received: 25.00USDT`);
  await expect(done).toHaveAttribute('data-value', String(principal));
  expect((await onChain.usdt(devAccounts.buyer)) - buyerUsdt).toBe(principal);
  expect(await onChain.owner(TOKEN)).toBe(contracts.LoanMarket);
  await expect(page.getByTestId(`offer-${id}`)).toHaveCount(0);

  // The item page and the portfolio say where the NFT is.
  await page.goto(`/nft/${TOKEN}`);
  await expect(page.getByTestId('pledged-in')).toHaveAttribute('data-id', String(id));
  await expect(page.getByTestId('pledged-in')).toContainText(`Pledged in loan #${id}`);
  await expect(page.getByTestId('nft-owner-pledged')).toBeVisible();
  await page.goto('/portfolio');
  await expect(page.getByTestId(`pledged-${TOKEN}`)).toContainText(`loan #${id}`);

  // 3. Two days pass (footer control); miner B pays today's yield for product 2 (unlocked on anvil).
  const start = await chainNow();
  await page.getByTestId('advance-days-input').fill('2');
  await page.getByTestId('advance-days').click();
  await expect.poll(chainNow).toBeGreaterThanOrEqual(start + 2n * DAY);
  const hash = await wallet.writeContract({
    account: devAccounts.minerB,
    address: contracts.YieldDistributor,
    abi: yieldDistributorAbi,
    functionName: 'deposit',
    args: [PRODUCT, (await chainNow()) / DAY, parseUnits('0.092', 18)],
  });
  expect((await chain.waitForTransactionReceipt({ hash })).status).toBe('success');

  // 4. The buyer claims the pledged NFT's yield under My loans: IFIL grows by exactly the claimable.
  await page.goto('/loans?tab=mine');
  const loan = page.getByTestId(`borrow-${id}`);
  const owed = await claimable(TOKEN);
  expect(owed).toBeGreaterThan(0n);
  await expect(loan.getByTestId('loan-claimable')).toHaveAttribute('data-value', String(owed));
  const ifilBefore = await ifil(devAccounts.buyer);
  await loan.getByTestId('loan-claim-yield').click();
  await expect(loan.getByTestId('loan-claimed')).toHaveAttribute('data-value', String(owed));
  expect((await ifil(devAccounts.buyer)) - ifilBefore).toBe(owed);
  expect(await claimable(TOKEN)).toBe(0n);
  await expect(loan.getByTestId('loan-claimable')).toHaveAttribute('data-value', '0');

  // 5. Repay: within the 7-day minimum the amount due does not move, so what the page shows is what is paid.
  const due = loan.getByTestId('loan-due');
  const [p, interest] = await chain.readContract({ address: contracts.LoanMarket, abi: loanMarketAbi, functionName: 'amountDue', args: [id] });
  await expect(due).toHaveAttribute('data-value', String(p + interest));
  const before = await onChain.usdt(devAccounts.buyer);
  const fromBlock = await chain.getBlockNumber();
  await loan.getByTestId('loan-repay').click();
  await expect(page.getByTestId('loans-notice')).toContainText(`Loan #${id} repaid`);
  const logs = await chain.getContractEvents({ address: contracts.LoanMarket, abi: loanMarketAbi, eventName: 'LoanRepaid', args: { id }, fromBlock });
  expect(logs).toHaveLength(1);
  expect(logs[0]!.args.principal! + logs[0]!.args.interest!).toBe(p + interest);
  expect(before - (await onChain.usdt(devAccounts.buyer))).toBe(p + interest);
  expect(await onChain.owner(TOKEN)).toBe(devAccounts.buyer);
  await expect(page.getByTestId(`history-${id}`).getByTestId('loan-state')).toHaveText('Repaid');
});

test('another loan runs past maturity and grace; the lender forecloses in the browser', async ({ page, browser }) => {
  test.setTimeout(180_000);

  // The buyer takes the best offer for #2000002 from the item page's borrow panel.
  await page.goto(`/nft/${SECOND}`);
  await connectDevWallet(page, 'buyer');
  const panel = page.getByTestId('borrow-panel');
  const best = panel.getByTestId('best-offer').first();
  await expect(best).toBeVisible();
  const id = BigInt((await best.getAttribute('data-id'))!);
  const offer = await position(id);
  expect(offer).toMatchObject({ state: 1, kind: 1, productId: PRODUCT }); // the seeded product-2 offer ranks first
  const usdtBefore = await onChain.usdt(devAccounts.buyer);
  await best.getByTestId('best-offer-accept').click();
  await best.getByTestId('accept-confirm').click();
  await expect(page.getByTestId('accept-done')).toHaveAttribute('data-value', String(offer.principal));
  await expect(page.getByTestId('pledged-in')).toHaveAttribute('data-id', String(id));
  expect((await onChain.usdt(devAccounts.buyer)) - usdtBefore).toBe(offer.principal);
  expect(await onChain.owner(SECOND)).toBe(contracts.LoanMarket);
  const [, foreclosableAt] = await chain.readContract({ address: contracts.LoanMarket, abi: loanMarketAbi, functionName: 'deadlines', args: [id] });

  // The lender cannot foreclose before maturity + grace.
  const lenderContext = await browser.newContext();
  const lender = await lenderContext.newPage();
  await lender.goto('/loans?tab=mine');
  await connectDevWallet(lender, 'lender');
  const loan = lender.getByTestId(`lend-${id}`);
  await expect(loan.getByTestId('loan-foreclose')).toBeDisabled();
  await expect(loan.getByTestId('loan-overdue')).toHaveCount(0);

  // Maturity (30 days) and the 3-day grace pass without repayment.
  const days = (foreclosableAt - (await chainNow())) / DAY + 1n;
  await lender.getByTestId('advance-days-input').fill(String(days));
  await lender.getByTestId('advance-days').click();
  await expect.poll(chainNow).toBeGreaterThanOrEqual(foreclosableAt);
  await expect(loan.getByTestId('loan-overdue')).toBeVisible();
  await expect(loan.getByTestId('loan-foreclose')).toBeEnabled();
  await loan.getByTestId('loan-foreclose').click();
  await expect(lender.getByTestId('loans-notice')).toContainText(`Loan #${id} foreclosed`);
  expect(await onChain.owner(SECOND)).toBe(devAccounts.lender);
  expect((await position(id)).state).toBe(5); // Foreclosed
  await expect(lender.getByTestId(`history-${id}`).getByTestId('loan-state')).toHaveText('Foreclosed');
  await lenderContext.close();

  // The buyer sees it closed, and the NFT is no longer its own.
  await page.goto('/loans?tab=mine');
  await expect(page.getByTestId(`history-${id}`).getByTestId('loan-state')).toHaveText('Foreclosed');
  await page.goto(`/nft/${SECOND}`);
  await expect(page.getByTestId('nft-owner')).toContainText('0xa0Ee…9720');
});

test('the DAO changes the lending fee from its governance template; new loans show it', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/loans');
  await expect(page.getByTestId('loan-settings')).toContainText('the protocol keeps 10% of the interest');
  await page.goto('/governance/new?template=lending-fee&percent=5');
  await connectDevWallet(page, 'buyer');
  await page.getByTestId('propose-button').click();
  await expect(page.getByTestId('proposal-title')).toHaveText('Change the lending fee');
  await passProposal(page, 'Cheaper loans for the first year.');
  expect(await chain.readContract({ address: contracts.LoanMarket, abi: loanMarketAbi, functionName: 'feeBps' })).toBe(500n);
  await page.goto('/loans');
  await expect(page.getByTestId('loan-settings')).toContainText('the protocol keeps 5% of the interest');
});
