import { cookieStorage, createConfig, createStorage, http, type CreateConnectorFn } from 'wagmi';
import { appChain, BROWSER_RPC_PATH } from './chains';

/** Absolute URL of the RPC proxy in the browser; on the server (no requests are made there) a placeholder. */
function browserRpcUrl(): string {
  return typeof window === 'undefined' ? `http://localhost${BROWSER_RPC_PATH}` : new URL(BROWSER_RPC_PATH, window.location.origin).href;
}

/**
 * The wagmi config without wallets: chain, transport and cookie storage. The server uses it as is to read
 * the connection cookie (cookieToInitialState); the browser adds the RainbowKit connectors (./config).
 */
export function createBaseConfig(connectors: CreateConnectorFn[] = []) {
  return createConfig({
    chains: [appChain],
    connectors,
    // batchSize: the RPC proxy refuses a JSON-RPC batch of more than MAX_BATCH (100) calls (lib/chain/rpcProxy.ts).
    transports: { [appChain.id]: http(browserRpcUrl(), { batch: { wait: 10, batchSize: 100 } }) },
    ssr: true,
    storage: createStorage({ storage: cookieStorage }),
  });
}
