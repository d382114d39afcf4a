import { connectorsForWallets, type WalletList } from '@rainbow-me/rainbowkit';
import type { Config, CreateConnectorFn } from 'wagmi';
import { injectedWallet, metaMaskWallet, walletConnectWallet } from '@rainbow-me/rainbowkit/wallets';
import { isLocalChain, publicEnv } from '../env';
import { appChain } from './chains';
import { devWalletAccounts, devWalletAddresses } from './devAccounts';
import { devWallet } from './devWallet';

/** Labels in the reader's language: one per dev wallet account, and the two group headings. */
export type WalletLabels = Record<(typeof devWalletAccounts)[number]['key'] | 'localGroup' | 'browserGroup', string>;

/**
 * The browser's wallets as wagmi connectors (RainbowKit's, so its modal lists them). The dev wallet exists only in a
 * build for the local chain. Part of the wallet stack, which no page loads for its first paint
 * (components/layout/WalletStack.tsx adds these to the config when a visitor reaches for a wallet).
 */
export function walletConnectors(labels: WalletLabels): CreateConnectorFn[] {
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
  return connectorsForWallets(wallets, {
    appName: 'DMEX',
    projectId: publicEnv.walletConnectProjectId ?? 'no-walletconnect',
  });
}

const equipped = new WeakSet<Config>();

/**
 * Adds the wallets' connectors to a config made without them (lib/chain/baseConfig), once per config. This is what
 * wagmi itself does when an EIP-6963 wallet announces itself after start-up (`_internal.connectors`), so every hook
 * sees the new connectors at once. Returns false when they were already there.
 */
export function addWalletConnectors(config: Config, connectors: CreateConnectorFn[]): boolean {
  if (equipped.has(config)) return false;
  equipped.add(config);
  const created = connectors.map((fn) => config._internal.connectors.setup(fn));
  config._internal.connectors.setState((existing) => [...existing, ...created]);
  return true;
}
