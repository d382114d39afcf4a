import { defineChain } from 'viem';
import { foundry } from 'viem/chains';
import { isLocalChain, publicEnv } from '../env';

/** The one chain this build of the app talks to, chosen by NEXT_PUBLIC_CHAIN_ID. */
export const appChain = isLocalChain
  ? defineChain({ ...foundry, name: publicEnv.chainName })
  : defineChain({
      id: publicEnv.chainId,
      name: publicEnv.chainName,
      nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
      rpcUrls: { default: { http: ['/api/rpc'] } },
      blockExplorers: publicEnv.explorerUrl
        ? { default: { name: 'Explorer', url: publicEnv.explorerUrl } }
        : undefined,
    });

/** Browsers reach the chain through the app's own JSON-RPC proxy (no RPC key ever ships to a browser). */
export const BROWSER_RPC_PATH = '/api/rpc';
