import { defineChain, type Chain } from 'viem';
import { filecoin, filecoinCalibration, foundry } from 'viem/chains';
import { isLocalChain, publicEnv } from '../env';

/** The local chain's coin stands in for FIL (IFIL wraps it there exactly as on Filecoin). */
const localChain: Chain = { ...foundry, nativeCurrency: { name: 'Filecoin (local stand-in)', symbol: 'FIL', decimals: 18 } };

/**
 * The chains this app knows by id, next to whatever NEXT_PUBLIC_CHAIN_ID names: the local chain and Filecoin's
 * EVM (mainnet 314 with its explorer Filfox, and the Calibration testnet 314159). On these FIL is the chain's
 * own coin, so IFIL is a trustless wrapper of it (see `filIsNative`).
 */
export const KNOWN_CHAINS: Record<number, Chain> = {
  [foundry.id]: localChain,
  [filecoin.id]: filecoin,
  [filecoinCalibration.id]: filecoinCalibration,
};

const known = KNOWN_CHAINS[publicEnv.chainId];

/** The one chain this build of the app talks to, chosen by NEXT_PUBLIC_CHAIN_ID. */
export const appChain = isLocalChain
  ? defineChain({ ...localChain, name: publicEnv.chainName })
  : defineChain({
      id: publicEnv.chainId,
      // A Filecoin chain keeps its own name unless NEXT_PUBLIC_CHAIN_NAME says otherwise.
      name: (process.env.NEXT_PUBLIC_CHAIN_NAME ? publicEnv.chainName : known?.name) ?? publicEnv.chainName,
      nativeCurrency: known?.nativeCurrency ?? { name: 'Ether', symbol: 'ETH', decimals: 18 },
      rpcUrls: { default: { http: ['/api/rpc'] } },
      blockExplorers: publicEnv.explorerUrl
        ? { default: { name: 'Explorer', url: publicEnv.explorerUrl } }
        : known?.blockExplorers,
    });

export { filIsNative } from './filNative';

/** Browsers reach the chain through the app's own JSON-RPC proxy (no RPC key ever ships to a browser). */
export const BROWSER_RPC_PATH = '/api/rpc';
