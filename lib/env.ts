import { z } from 'zod';

export const LOCAL_CHAIN_ID = 31337;

/**
 * Public configuration, baked into the client bundle at build time (NEXT_PUBLIC_*). Each variable is read
 * by its full name so Next can inline it.
 */
const publicEnvSchema = z.object({
  chainId: z.coerce.number().int().positive().default(LOCAL_CHAIN_ID),
  chainName: z.string().min(1).default('Anvil (local)'),
  explorerUrl: z.string().url().optional(),
  walletConnectProjectId: z.string().min(1).optional(),
});

export const publicEnv = publicEnvSchema.parse({
  chainId: process.env.NEXT_PUBLIC_CHAIN_ID || undefined,
  chainName: process.env.NEXT_PUBLIC_CHAIN_NAME || undefined,
  explorerUrl: process.env.NEXT_PUBLIC_EXPLORER_URL || undefined,
  walletConnectProjectId: process.env.NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID || undefined,
});

/** True only in a build for the local anvil chain: gates the dev wallet, the faucet and chain controls. */
export const isLocalChain = publicEnv.chainId === LOCAL_CHAIN_ID;
