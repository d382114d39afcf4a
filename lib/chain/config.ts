import { connectorsForWallets, type WalletList } from '@rainbow-me/rainbowkit';
import { injectedWallet, metaMaskWallet, walletConnectWallet } from '@rainbow-me/rainbowkit/wallets';
import { isLocalChain, publicEnv } from '../env';
import { appChain } from './chains';
import { createBaseConfig } from './baseConfig';
import { devAccounts, devWalletAccounts } from './devAccounts';
import { devWallet } from './devWallet';

export type DevWalletNames = Record<(typeof devWalletAccounts)[number]['key'], string>;

/**
 * Builds the browser's wagmi config with its wallets. Called once per browser session (useState in the
 * providers); never a module-level singleton. `walletNames` labels the dev wallet accounts in the reader's
 * language; the dev wallet exists only in a build for the local chain.
 */
export function getConfig(walletNames: DevWalletNames) {
  const wallets: WalletList = [];
  if (isLocalChain) {
    wallets.push({
      groupName: 'DMEX local',
      wallets: devWalletAccounts.map(({ key }) =>
        devWallet({ id: `dmex-dev-${key}`, name: walletNames[key], account: devAccounts[key], chainId: appChain.id }),
      ),
    });
  }
  wallets.push({
    groupName: 'Browser',
    wallets: publicEnv.walletConnectProjectId ? [injectedWallet, metaMaskWallet, walletConnectWallet] : [injectedWallet],
  });
  const connectors = connectorsForWallets(wallets, {
    appName: 'DMEX',
    projectId: publicEnv.walletConnectProjectId ?? 'no-walletconnect',
  });
  return createBaseConfig(connectors);
}
