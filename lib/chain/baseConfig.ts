import { cookieStorage, createConfig, createStorage, http, type CreateConnectorFn } from 'wagmi';
import { appChain, BROWSER_RPC_PATH } from './chains';

/** Absolute URL of the RPC proxy in the browser; on the server (no requests are made there) a placeholder. */
function browserRpcUrl(): string {
  return typeof window === 'undefined' ? `http://localhost${BROWSER_RPC_PATH}` : new URL(BROWSER_RPC_PATH, window.location.origin).href;
}

let holdingCookie = false;

/**
 * Keeps the connection cookie as it is while `hold` is true. A page served connected renders connected at once, but
 * its wallets' connectors arrive with the wallet stack (lib/chain/walletUi); if wagmi's reconnect on mount runs
 * before they do, it finds no wallet and would write "disconnected" into the cookie, so a page opened in that moment
 * would be served disconnected. The stack reconnects with its connectors, then releases the hold and writes the
 * outcome (components/layout/WalletStack).
 */
export function holdConnectionCookie(hold: boolean) {
  holdingCookie = hold;
}

const connectionCookie = {
  getItem: (key: string) => cookieStorage.getItem(key),
  setItem: (key: string, value: string) => (holdingCookie ? undefined : cookieStorage.setItem(key, value)),
  removeItem: (key: string) => (holdingCookie ? undefined : cookieStorage.removeItem(key)),
};

/**
 * The wagmi config without wallets: chain, transport and cookie storage. The server uses it as is to read
 * the connection cookie (cookieToInitialState); the browser adds the wallets' connectors when the wallet stack
 * loads (./config `addWalletConnectors`).
 */
export function createBaseConfig(connectors: CreateConnectorFn[] = []) {
  return createConfig({
    chains: [appChain],
    connectors,
    // batchSize: the RPC proxy refuses a JSON-RPC batch of more than MAX_BATCH (100) calls (lib/chain/rpcProxy.ts).
    transports: { [appChain.id]: http(browserRpcUrl(), { batch: { wait: 10, batchSize: 100 } }) },
    ssr: true,
    storage: createStorage({ storage: connectionCookie }),
  });
}
