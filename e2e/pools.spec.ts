import { createTestClient, http, parseUnits, type Hex } from 'viem';
import { foundry } from 'viem/chains';
import { ifilAbi, jointPoolAbi, jointPoolFactoryAbi } from '../contracts-abi';
import { devAccounts } from '../lib/chain/devAccounts';
import { E2E_RPC_URL } from '../playwright.config';
import { chain, connectDevWallet, contracts, expect, test } from './fixtures';

// The seeded chain: the first proposal opened miner A's joint pool (4 TiB: a 100 FIL genesis cap) and the demo
// buyer deposited 40 FIL into it.
const testClient = createTestClient({ chain: foundry, transport: http(E2E_RPC_URL), mode: 'anvil' });
let snapshot: Hex;
const fil = (s: string) => parseUnits(s, 18);
const ifil = (who: `0x${string}`) => chain.readContract({ address: contracts.IFIL, abi: ifilAbi, functionName: 'balanceOf', args: [who] });

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  snapshot = await testClient.snapshot();
});
test.afterAll(async () => {
  await testClient.revert({ id: snapshot });
});

test('a buyer deposits in genesis, the miner draws, the pool fills, the miner pays yield, the buyer redeems with the fee exact', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const pool = await chain.readContract({ address: contracts.JointPoolFactory, abi: jointPoolFactoryAbi, functionName: 'poolOf', args: [devAccounts.minerA] });

  // The buyer wraps 70 FIL into IFIL.
  await page.goto('/ifil');
  await connectDevWallet(page, 'buyer');
  await page.getByTestId('wrap-amount').fill('70');
  await page.getByTestId('wrap-submit').click();
  await expect(page.getByTestId('wrap-done')).toHaveText('Done: 70 FIL became 70 IFIL.');

  // Genesis: 40 of 100 FIL. The buyer deposits 20 (approve, then deposit) and holds 60 dToken.
  await page.goto('/pools');
  const section = page.getByTestId('jpool-dFIL-1');
  await expect(section).toHaveAttribute('data-phase', 'genesis');
  await expect(section.getByTestId('jpool-cap')).toHaveAttribute('data-deposited', fil('40').toString());
  await section.getByTestId('jpool-amount').fill('20');
  await section.getByTestId('jpool-deposit').click();
  await expect(section.getByTestId('tx-status')).toContainText('Confirmed.');
  await expect(section.getByTestId('jpool-dtoken')).toHaveAttribute('data-value', fil('60').toString());
  await expect(section.getByTestId('jpool-cap')).toHaveAttribute('data-deposited', fil('60').toString());
  await expect(section.getByText('No redemption during genesis: the pool must fill first.')).toBeVisible();

  // The miner draws 50 FIL of the deposits for its sector pledge on the Miners page.
  const minerContext = await browser.newContext();
  const miner = await minerContext.newPage();
  await miner.goto('/miner');
  await connectDevWallet(miner, 'minerA');
  const panel = miner.getByTestId('miner-pool');
  await expect(panel.getByTestId('miner-pool-available')).toHaveAttribute('data-value', fil('60').toString());
  const minerBefore = await ifil(devAccounts.minerA);
  await panel.getByTestId('miner-pool-amount').fill('50');
  await panel.getByTestId('miner-pool-draw').click();
  await expect(panel.getByTestId('tx-status')).toContainText('Confirmed.');
  await expect(panel.getByTestId('miner-pool-drawn')).toHaveAttribute('data-value', fil('50').toString());
  expect(await ifil(devAccounts.minerA)).toBe(minerBefore + fil('50'));

  // The buyer deposits the last 40: the pool is full, genesis ends and the 540-day term starts.
  await section.getByTestId('jpool-amount').fill('40');
  await section.getByTestId('jpool-deposit').click();
  await expect(section.getByTestId('tx-status')).toContainText('Confirmed.');
  await expect(section).toHaveAttribute('data-phase', 'growth');

  // The miner pays 10 FIL of yield: 2 straight back, 0.5 to the platform, 7.5 to holders (the buyer holds all 100).
  const beforePay = await ifil(devAccounts.minerA);
  await panel.getByTestId('miner-pool-amount').fill('10');
  await panel.getByTestId('miner-pool-pay').click();
  await expect(panel.getByTestId('tx-status')).toContainText('Confirmed.');
  expect(await ifil(devAccounts.minerA)).toBe(beforePay - fil('8'));
  await expect(section.getByTestId('jpool-yield')).toHaveAttribute('data-value', fil('7.5').toString());

  // The buyer redeems 30 dToken: 30% of the 50 liquid + all 7.5 yield − 0.2%, as the page says before it signs.
  await section.getByTestId('jpool-amount').fill('30');
  const preview = section.getByTestId('jpool-redeem-preview');
  const gross = fil('15') + fil('7.5');
  const fee = (gross * 20n) / 10_000n;
  await expect(preview).toHaveAttribute('data-fee', fee.toString());
  await expect(preview).toHaveAttribute('data-paid', (gross - fee).toString());
  await expect(preview).toContainText('You get 15 IFIL of principal + 7.5 IFIL of yield − 0.045 IFIL fee (0.2%) = 22.455 IFIL.');
  const before = await ifil(devAccounts.buyer);
  await section.getByTestId('jpool-redeem').click();
  await expect(section.getByTestId('tx-status')).toContainText('Confirmed.');
  expect(await ifil(devAccounts.buyer)).toBe(before + gross - fee);
  const [redeemed] = await chain.getContractEvents({ address: pool, abi: jointPoolAbi, eventName: 'Redeemed', fromBlock: 0n });
  expect(redeemed!.args).toMatchObject({ shares: fil('30'), principal: fil('15'), yield: fil('7.5'), fee });
  await expect(section.getByTestId('jpool-dtoken')).toHaveAttribute('data-value', fil('70').toString());
  await expect(section.getByTestId('jpool-rate')).toContainText('Over the last 7 days holders earned');
  await minerContext.close();

  // The platform's IFIL — 5% of the 10 FIL yield and the 0.045 fee — goes through Revenue to the treasury.
  const platform = fil('0.5') + fee;
  await page.goto('/treasury');
  const fees = page.getByTestId('pool-fees');
  await expect(fees.getByTestId('ifil-in-pools')).toHaveAttribute('data-value', platform.toString());
  await fees.getByTestId('ifil-sweep').click();
  await expect(fees.getByTestId('tx-status')).toContainText('Confirmed.');
  await expect(fees.getByTestId('ifil-held')).toHaveAttribute('data-value', platform.toString());
  const treasuryBefore = await ifil(contracts.Timelock);
  await fees.getByTestId('ifil-forward').click();
  await expect(fees.getByTestId('tx-status')).toContainText('Confirmed.');
  await expect(fees.getByTestId('ifil-this-month')).toHaveAttribute('data-value', platform.toString());
  expect(await ifil(contracts.Timelock)).toBe(treasuryBefore + platform);
});
