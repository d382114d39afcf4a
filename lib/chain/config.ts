import { connectorsForWallets, type WalletList } from '@rainbow-me/rainbowkit';
import { injectedWallet, metaMaskWallet, walletConnectWallet } from '@rainbow-me/rainbowkit/wallets';
import { isLocalChain, publicEnv } from '../env';
import { appChain } from './chains';
import { createBaseConfig } from './baseConfig';
import { devWalletAccounts, devWalletAddresses } from './devAccounts';
import { devWallet } from './devWallet';

/** Labels in the reader's language: one per dev wallet account, and the two group headings. */
export type WalletLabels = Record<(typeof devWalletAccounts)[number]['key'] | 'localGroup' | 'browserGroup', string>;

/**
 * Builds the browser's wagmi config with its wallets. Called once per browser session (useState in the
 * providers); never a module-level singleton. The dev wallet exists only in a build for the local chain.
 */
export function getConfig(labels: WalletLabels) {
  const wallets: WalletList = [];
  if (isLocalChain) {
    wallets.push({
      groupName: labels.localGroup,
      wallets: devWalletAccounts.map(({ key }) =>
        devWallet({ id: `dmex-dev-${key}`, name: labels[key], account: devWalletAddresses[key], chainId: appChain.id }),
      ),
    });
  }
  wallets.push({
    groupName: labels.browserGroup,
    wallets: publicEnv.walletConnectProjectId ? [injectedWallet, metaMaskWallet, walletConnectWallet] : [injectedWallet],
  });
  const connectors = connectorsForWallets(wallets, {
    appName: 'DMEX',
    projectId: publicEnv.walletConnectProjectId ?? 'no-walletconnect',
  });
  return createBaseConfig(connectors);
}
