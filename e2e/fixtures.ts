import { test as base, expect, type Page } from '@playwright/test';
import { createPublicClient, createTestClient, createWalletClient, http, type Address, type Hex } from 'viem';
import { foundry } from 'viem/chains';
import { dmexGovernorAbi, hashrateNftAbi, marketplaceAbi, mockUsdtAbi } from '../contracts-abi';
import { deployments } from '../contracts-abi/deployments.gen';
import { devAccounts, type DevAccountKey } from '../lib/chain/devAccounts';
import { E2E_RPC_URL } from '../playwright.config';

export const contracts = deployments[31337];
export const chain = createPublicClient({ chain: foundry, transport: http(E2E_RPC_URL) });
export const testClient = createTestClient({ chain: foundry, transport: http(E2E_RPC_URL), mode: 'anvil' });

/** What the chain says, to check against what the page shows. */
export const onChain = {
  owner: (tokenId: bigint) => chain.readContract({ address: contracts.HashrateNFT, abi: hashrateNftAbi, functionName: 'ownerOf', args: [tokenId] }),
  usdt: (account: Address) => chain.readContract({ address: contracts.PaymentToken, abi: mockUsdtAbi, functionName: 'balanceOf', args: [account] }),
  allowance: (account: Address) =>
    chain.readContract({ address: contracts.PaymentToken, abi: mockUsdtAbi, functionName: 'allowance', args: [account, contracts.Marketplace] }),
  feeBps: () => chain.readContract({ address: contracts.Marketplace, abi: marketplaceAbi, functionName: 'feeBps' }),
  listing: (tokenId: bigint) => chain.readContract({ address: contracts.Marketplace, abi: marketplaceAbi, functionName: 'listing', args: [tokenId] }),
};

/** The header's connect button: a placeholder until the wallet stack loads (lib/chain/walletUi), RainbowKit's after. */
const connectButton = (page: Page) => page.getByTestId(/^(wallet-connect|rk-connect-button)$/).first();

/** What the open dialog says, on one line (for a retry's warning). */
const dialogText = async (page: Page) =>
  (await page.getByRole('dialog').innerText({ timeout: 1_000 }).catch(() => '(no dialog open)')).replace(/\s+/g, ' ').slice(0, 300);

/**
 * Connects one of the local dev wallet's accounts through the RainbowKit modal. Once in a long CI run the modal
 * swallowed the option's click and never connected (the dev wallet's connect touches no network); a second try
 * is allowed, and what the modal said then is printed, so a real connect failure still fails the test.
 */
export async function connectDevWallet(page: Page, key: DevAccountKey) {
  const account = page.getByTestId('rk-account-button');
  for (let attempt = 1; ; attempt++) {
    await connectButton(page).click();
    await page.getByTestId(`rk-wallet-option-dmex-dev-${key}`).click();
    try {
      await expect(account).toBeVisible({ timeout: attempt === 1 ? 8_000 : 15_000 });
      return;
    } catch (error) {
      if (attempt === 2) throw error;
      console.warn(`connectDevWallet(${key}): not connected after the first click; the modal showed: ${await dialogText(page)}`);
      if (await account.isVisible()) return;
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toHaveCount(0);
    }
  }
}

/**
 * Disconnects the connected wallet through RainbowKit's account modal. Like the connect option's, the modal's
 * Disconnect click was once swallowed in a long run (the modal stayed open with the button focused, still connected);
 * a second click is allowed, and what the modal showed is printed, so a real failure still fails the test.
 */
export async function disconnectWallet(page: Page) {
  const connect = connectButton(page);
  const disconnect = page.getByTestId('rk-disconnect-button');
  await page.getByTestId('rk-account-button').click();
  for (let attempt = 1; ; attempt++) {
    await disconnect.click();
    try {
      await expect(connect).toBeVisible({ timeout: attempt === 1 ? 8_000 : 15_000 });
      return;
    } catch (error) {
      if (attempt === 2 || !(await disconnect.isVisible())) throw error;
      console.warn(`disconnectWallet: still connected after the first click; the modal showed: ${await dialogText(page)}`);
    }
  }
}

/** Every test fails on a console error, an uncaught exception or a hydration warning. */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || /hydrat/i.test(m.text())) errors.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/**
 * For a file whose tests change the chain for good (a new product, a flag, moved time): its tests run in order, and
 * the chain goes back to where it was before them, so the specs after it see the seeded state.
 */
export function serialOnRestoredChain() {
  let snapshot: Hex;
  test.describe.configure({ mode: 'serial' });
  test.beforeAll(async () => {
    snapshot = await testClient.snapshot();
  });
  test.afterAll(async () => {
    await testClient.revert({ id: snapshot });
  });
}

/**
 * Another holder votes for the proposal open on the page, from outside the browser. No single demo holder reaches
 * the quorum (more than 20M DMC); the buyer's 4.5M in the browser plus the private sale's 20M do.
 */
export async function otherHolderVotesFor(page: Page, who: keyof typeof devAccounts = 'privateSale') {
  const proposalId = BigInt(new URL(page.url()).pathname.split('/').pop()!);
  const wallet = createWalletClient({ chain: foundry, transport: http(E2E_RPC_URL) });
  const hash = await wallet.writeContract({ account: devAccounts[who], address: contracts.Governor, abi: dmexGovernorAbi, functionName: 'castVote', args: [proposalId, 1] });
  const receipt = await chain.waitForTransactionReceipt({ hash });
  expect(receipt.status).toBe('success');
}

/** On a proposal page just after it was created: wait out the delay, vote for, wait out the vote, queue, wait, execute. */
export async function passProposal(page: Page, reason: string) {
  await expect(page.getByTestId('proposal-state')).toHaveText('Pending');
  await page.getByRole('button', { name: '+1 hour' }).click();
  await expect(page.getByTestId('proposal-state')).toHaveText('Voting');
  await page.getByLabel('Reason (optional, public)').fill(reason);
  await page.getByTestId('vote-1').click();
  await expect(page.getByTestId('voted')).toBeVisible();
  await otherHolderVotesFor(page);
  await page.getByRole('button', { name: '+1 day' }).click();
  await expect(page.getByTestId('proposal-state')).toHaveText('Passed');
  await page.getByTestId('queue-button').click();
  await expect(page.getByTestId('proposal-state')).toHaveText('Queued');
  await page.getByRole('button', { name: '+1 hour' }).click();
  await page.getByTestId('execute-button').click();
  await expect(page.getByTestId('proposal-state')).toHaveText('Executed');
}
