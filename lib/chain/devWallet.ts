import type { Wallet } from '@rainbow-me/rainbowkit';
import { createConnector } from 'wagmi';
import { getAddress, numberToHex, type Address, type EIP1193RequestFn } from 'viem';
import { BROWSER_RPC_PATH } from './chains';

/**
 * LOCAL CHAIN ONLY. A wallet for anvil's unlocked accounts: it answers account requests itself and forwards
 * everything else (including eth_sendTransaction, which anvil signs) to the app's RPC proxy. It holds no
 * private key. It is only added to the wagmi config when the build targets the local chain (lib/chain/config).
 */
export function devWalletConnector(opts: { id: string; name: string; account: Address; chainId: number }) {
  const account = getAddress(opts.account);
  const connectedKey = `${opts.id}.connected`;

  return createConnector((config) => {
    let nextId = 1;
    const request: EIP1193RequestFn = (async ({ method, params }: { method: string; params?: unknown }) => {
      if (method === 'eth_accounts' || method === 'eth_requestAccounts') return [account];
      if (method === 'eth_chainId') return numberToHex(opts.chainId);
      if (method === 'wallet_switchEthereumChain') return null;
      const response = await fetch(new URL(BROWSER_RPC_PATH, window.location.origin), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params: params ?? [] }),
      });
      const body = await response.json();
      if (body.error) throw Object.assign(new Error(body.error.message), { code: body.error.code, data: body.error.data });
      return body.result;
    }) as EIP1193RequestFn;
    const provider = { request, on: () => {}, removeListener: () => {} };

    return {
      id: opts.id,
      name: opts.name,
      type: 'devWallet',
      async connect<withCapabilities extends boolean = false>() {
        await config.storage?.setItem(connectedKey, true);
        return { accounts: [account], chainId: opts.chainId } as unknown as {
          accounts: withCapabilities extends true ? readonly { address: Address; capabilities: Record<string, unknown> }[] : readonly Address[];
          chainId: number;
        };
      },
      async disconnect() {
        await config.storage?.removeItem(connectedKey);
      },
      async getAccounts() {
        return [account];
      },
      async getChainId() {
        return opts.chainId;
      },
      async getProvider() {
        return provider;
      },
      async isAuthorized() {
        return Boolean(await config.storage?.getItem(connectedKey));
      },
      onAccountsChanged() {},
      onChainChanged() {},
      onDisconnect() {
        config.emitter.emit('disconnect');
      },
    };
  });
}

/** The dev wallet as a RainbowKit wallet entry. */
export function devWallet(opts: { id: string; name: string; account: Address; chainId: number }): () => Wallet {
  return () => ({
    id: opts.id,
    name: opts.name,
    iconUrl: '/dev-wallet.svg',
    iconBackground: '#0f172a',
    createConnector: (details) =>
      createConnector((config) => ({ ...devWalletConnector(opts)(config), ...details })),
  });
}
