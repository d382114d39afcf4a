export const LOCAL_CHAIN_ID = 31337;

export type PublicEnv = { chainId: number; chainName: string; explorerUrl?: string; walletConnectProjectId?: string };

/**
 * Checks the public configuration (NEXT_PUBLIC_*): a positive integer chain id (the local chain by default), a
 * chain name, an explorer URL that parses. Throws in words on a bad value. Hand-written rather than a zod schema:
 * this module is in every page's first script, and zod is not needed there.
 */
export function parsePublicEnv(raw: { chainId?: string; chainName?: string; explorerUrl?: string; walletConnectProjectId?: string }): PublicEnv {
  const chainId = raw.chainId === undefined ? LOCAL_CHAIN_ID : Number(raw.chainId);
  if (!Number.isSafeInteger(chainId) || chainId <= 0) {
    throw new Error(`NEXT_PUBLIC_CHAIN_ID must be a positive integer, got "${raw.chainId}"`);
  }
  if (raw.explorerUrl !== undefined && !URL.canParse(raw.explorerUrl)) {
    throw new Error(`NEXT_PUBLIC_EXPLORER_URL must be a URL, got "${raw.explorerUrl}"`);
  }
  return {
    chainId,
    chainName: raw.chainName ?? 'Anvil (local)',
    ...(raw.explorerUrl !== undefined && { explorerUrl: raw.explorerUrl }),
    ...(raw.walletConnectProjectId !== undefined && { walletConnectProjectId: raw.walletConnectProjectId }),
  };
}

/**
 * Public configuration, baked into the client bundle at build time (NEXT_PUBLIC_*). Each variable is read
 * by its full name so Next can inline it; an empty value counts as unset.
 */
export const publicEnv = parsePublicEnv({
  chainId: process.env.NEXT_PUBLIC_CHAIN_ID || undefined,
  chainName: process.env.NEXT_PUBLIC_CHAIN_NAME || undefined,
  explorerUrl: process.env.NEXT_PUBLIC_EXPLORER_URL || undefined,
  walletConnectProjectId: process.env.NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID || undefined,
});

/** True only in a build for the local anvil chain: gates the dev wallet, the faucet and chain controls. */
export const isLocalChain = publicEnv.chainId === LOCAL_CHAIN_ID;
