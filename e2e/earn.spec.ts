import { createTestClient, erc20Abi, http, type Hex } from 'viem';
import { foundry } from 'viem/chains';
import { dmcMiningAbi, jointPoolAbi, jointPoolFactoryAbi } from '../contracts-abi';
import { devAccounts } from '../lib/chain/devAccounts';
import { emittedAt } from '../lib/earn/schedule';
import { E2E_RPC_URL } from '../playwright.config';
import { chain, connectDevWallet, contracts, expect, onChain, passProposal, test } from './fixtures';

// The seeded chain: mining started at deployment; the foundation provides the Uniswap DMC/USDT liquidity and stakes
// LP and DMC; nobody stakes NFTs. The demo buyer holds #2000001 (product 2, 4 TiB).
const TOKEN = 2_000_001n;
const testClient = createTestClient({ chain: foundry, transport: http(E2E_RPC_URL), mode: 'anvil' });
let snapshot: Hex;

const dmc = (account: `0x${string}`) => chain.readContract({ address: contracts.DMC, abi: erc20Abi, functionName: 'balanceOf', args: [account] });
const lp = (account: `0x${string}`) => chain.readContract({ address: contracts.DmcUsdtPair, abi: erc20Abi, functionName: 'balanceOf', args: [account] });
const start = () => chain.readContract({ address: contracts.DMCMining, abi: dmcMiningAbi, functionName: 'start' });
const blockTime = async (blockNumber: bigint) => (await chain.getBlock({ blockNumber })).timestamp;
/** The buyer's latest stake of an NFT and latest claim. */
async function lastStake() {
  const logs = await chain.getContractEvents({ address: contracts.DMCMining, abi: dmcMiningAbi, eventName: 'NftStaked', args: { account: devAccounts.buyer }, fromBlock: 0n });
  return logs.at(-1)!;
}
async function lastClaim() {
  const logs = await chain.getContractEvents({ address: contracts.DMCMining, abi: dmcMiningAbi, eventName: 'Claimed', args: { account: devAccounts.buyer }, fromBlock: 0n });
  return logs.at(-1)!;
}

// This file moves chain time and changes the mining split by a DAO vote: the chain goes back to where it was when
// it ends (the specs after it expect the seeded state).
test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  snapshot = await testClient.snapshot();
});
test.afterAll(async () => {
  await testClient.revert({ id: snapshot });
});

test('a buyer stakes a hashrate NFT, moves time, claims exactly the DMC it earned, and takes the NFT back', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/earn');
  await expect(page.getByTestId('emission-chart')).toBeVisible();
  await expect(page.getByTestId('dmc-price')).toContainText('0.1 USDT per DMC');
  await connectDevWallet(page, 'buyer');
  const card = page.getByTestId('pool-nft');
  await card.getByTestId(`nft-choose-${TOKEN}`).check();
  await card.getByTestId('nft-stake').click(); // approve the mining contract, then stake
  await expect(card.getByTestId('pool-staked-0')).toHaveAttribute('data-value', '4000');
  await expect(card.getByTestId('tx-status')).toContainText('Confirmed.');
  expect(await onChain.owner(TOKEN)).toBe(contracts.DMCMining);
  const staked = await lastStake();

  // The item page and the portfolio say it is staked.
  await page.goto(`/nft/${TOKEN}`);
  await expect(page.getByTestId('nft-owner-staked')).toContainText('Staked in DMC mining by');
  await page.goto('/portfolio');
  await expect(page.getByTestId(`staked-${TOKEN}`)).toBeVisible();

  // A day later: the pending DMC grew; claiming pays exactly the NFT pool's share of the emission since the stake
  // (behaviour's 30%, half of it: the seeded joint pool's dToken pool has the other half; the buyer is the only NFT
  // staker), to the base unit.
  await page.goto('/earn');
  await page.getByRole('button', { name: '+1 day' }).click();
  await expect(card.getByTestId('pool-pending-0')).not.toHaveAttribute('data-value', '0');
  const before = await dmc(devAccounts.buyer);
  await card.getByTestId('pool-claim-0').click();
  await expect(card.getByTestId('tx-status')).toContainText('Confirmed.');
  const claimed = (await dmc(devAccounts.buyer)) - before;
  const event = await lastClaim();
  expect(event.args.amount).toBe(claimed);
  const s = await start();
  const { share } = await chain.readContract({ address: contracts.DMCMining, abi: dmcMiningAbi, functionName: 'pool', args: [0n] });
  expect(share).toBe(150_000);
  const due = ((emittedAt(s, await blockTime(event.blockNumber)) - emittedAt(s, await blockTime(staked.blockNumber))) * BigInt(share)) / 1_000_000n;
  expect(due - claimed).toBeLessThanOrEqual(1n);
  expect(claimed).toBeLessThanOrEqual(due);
  await expect(page.getByTestId('dmc-balance')).toHaveAttribute('data-value', (await dmc(devAccounts.buyer)).toString());

  // Unstaking returns the NFT.
  await card.getByTestId(`nft-unchoose-${TOKEN}`).check();
  await card.getByTestId('nft-unstake').click();
  await expect(card.getByTestId('nft-staked-none')).toBeVisible();
  expect(await onChain.owner(TOKEN)).toBe(devAccounts.buyer);
});

test('a buyer adds DMC/USDT liquidity through the Uniswap router, stakes the LP tokens and claims DMC', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/earn');
  await connectDevWallet(page, 'buyer');
  const liq = page.getByTestId('liquidity');
  await liq.getByTestId('liq-amount').fill('1000');
  await expect(liq.getByTestId('liq-usdt')).toHaveText('100 USDT');
  const quoted = BigInt((await liq.getByTestId('liq-lp-out').getAttribute('data-value'))!);
  const lpBefore = await lp(devAccounts.buyer);
  await liq.getByTestId('liq-submit').click(); // approve DMC, approve USDT, add
  await expect.poll(() => lp(devAccounts.buyer), { timeout: 20_000 }).toBeGreaterThan(lpBefore);
  await expect(liq.getByTestId('tx-status')).toContainText('Confirmed.');
  const got = (await lp(devAccounts.buyer)) - lpBefore;
  expect(got).toBe(quoted);

  const pool = page.getByTestId('pool-lp');
  await expect(pool.getByTestId('pool-balance-1')).toHaveAttribute('data-value', got.toString());
  await pool.getByTestId('pool-max-1').click();
  await pool.getByTestId('pool-stake-1').click(); // approve the LP token, then stake
  await expect(pool.getByTestId('pool-staked-1')).toHaveAttribute('data-value', got.toString());
  await expect(pool.getByTestId('tx-status')).toContainText('Confirmed.');
  await page.getByRole('button', { name: '+1 hour' }).click();
  await expect(pool.getByTestId('pool-pending-1')).not.toHaveAttribute('data-value', '0');
  const before = await dmc(devAccounts.buyer);
  await pool.getByTestId('pool-claim-1').click();
  await expect(pool.getByTestId('tx-status')).toContainText('Confirmed.');
  const claimed = (await dmc(devAccounts.buyer)) - before;
  expect(claimed).toBeGreaterThan(0n);
  expect((await lastClaim()).args.amount).toBe(claimed);
});

test('a DAO vote changes the mining ratios and the Earn page shows the new split', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/earn');
  await expect(page.getByTestId('split-behaviour')).toHaveAttribute('data-value', '3000');
  await page.goto('/governance/new?template=mining-ratios&behaviour=20&liquidity=60&staking=20');
  await connectDevWallet(page, 'buyer');
  await page.getByTestId('propose-button').click();
  await expect(page.getByTestId('proposal-title')).toHaveText('Change the DMC mining ratios');
  await expect(page.getByTestId('proposal-actions')).toContainText('Set the DMC mining ratios to behaviour 20%, liquidity 60%, staking 20%');
  await passProposal(page, 'More for stakers');
  expect(await chain.readContract({ address: contracts.DMCMining, abi: dmcMiningAbi, functionName: 'split' })).toEqual([2000, 6000, 2000]);
  await page.goto('/earn');
  await expect(page.getByTestId('split-behaviour')).toHaveAttribute('data-value', '2000');
  await expect(page.getByTestId('split-staking')).toHaveAttribute('data-value', '2000');
  await expect(page.getByTestId('pool-share-0')).toHaveText('10%'); // behaviour 20%, half to the NFTs
  await expect(page.getByTestId('pool-share-4')).toHaveText('10%'); // and half to the joint pool's dToken
  await expect(page.getByTestId('pool-share-2')).toHaveText('10%');
});

test('a holder stakes its joint pool dToken on the Earn page without an approval: it stays in the wallet, locked, and mines DMC', async ({ page }) => {
  test.setTimeout(120_000);
  const pool = await chain.readContract({ address: contracts.JointPoolFactory, abi: jointPoolFactoryAbi, functionName: 'poolOf', args: [devAccounts.minerA] });
  const held = await chain.readContract({ address: pool, abi: erc20Abi, functionName: 'balanceOf', args: [devAccounts.buyer] });
  // The lock pool the seed's vote added for it (after the NFT, LP, DMC and USDT pools).
  const count = await chain.readContract({ address: contracts.DMCMining, abi: dmcMiningAbi, functionName: 'poolCount' });
  let pid = -1;
  for (let i = 0n; i < count; i++) {
    const p = await chain.readContract({ address: contracts.DMCMining, abi: dmcMiningAbi, functionName: 'pool', args: [i] });
    if (p.locks && p.token === pool) pid = Number(i);
  }
  expect(pid).toBeGreaterThan(0);
  await page.goto('/earn');
  await connectDevWallet(page, 'buyer');
  const card = page.getByTestId('pool-dtoken');
  await expect(card).toContainText('Joint pool dToken (dFIL-1)');
  await expect(card.getByTestId(`pool-apr-${pid}`)).toContainText('DMC a day per 1 dFIL-1 staked');
  await expect(card.getByTestId(`pool-balance-${pid}`)).toHaveAttribute('data-value', held.toString());
  await card.getByTestId(`pool-amount-${pid}`).fill('15');
  await card.getByTestId(`pool-stake-${pid}`).click();
  await expect(card.getByTestId('tx-status')).toContainText('Confirmed.');
  await expect(card.getByTestId(`pool-staked-${pid}`)).toHaveAttribute('data-value', (15n * 10n ** 18n).toString());
  await expect(card.getByTestId(`pool-balance-${pid}`)).toHaveAttribute('data-value', (held - 15n * 10n ** 18n).toString());
  // No approval was asked: the dToken never left the wallet.
  expect(await chain.readContract({ address: pool, abi: erc20Abi, functionName: 'allowance', args: [devAccounts.buyer, contracts.DMCMining] })).toBe(0n);
  expect(await chain.readContract({ address: pool, abi: erc20Abi, functionName: 'balanceOf', args: [devAccounts.buyer] })).toBe(held);
  expect(await chain.readContract({ address: pool, abi: jointPoolAbi, functionName: 'lockedOf', args: [devAccounts.buyer] })).toBe(15n * 10n ** 18n);
  // The Pools page says what is locked and where to unstake it.
  await page.goto('/pools');
  await expect(page.getByTestId('jpool-locked')).toHaveAttribute('data-value', (15n * 10n ** 18n).toString());
  await expect(page.getByTestId('jpool-locked')).toContainText('staked in DMC mining');
  await page.goto('/earn');
  await page.getByRole('button', { name: '+1 day' }).click();
  await expect(card.getByTestId(`pool-pending-${pid}`)).not.toHaveAttribute('data-value', '0');
  await card.getByTestId(`pool-amount-${pid}`).fill('15');
  await card.getByTestId(`pool-unstake-${pid}`).click();
  await expect(card.getByTestId('tx-status')).toContainText('Confirmed.');
  expect(await chain.readContract({ address: pool, abi: jointPoolAbi, functionName: 'lockedOf', args: [devAccounts.buyer] })).toBe(0n);
});
