/**
 * Chains whose own coin is FIL (Filecoin mainnet 314, Calibration 314159) or stands in for it (the local chain
 * 31337): IFIL wraps the coin there and nobody mints it. IFIL's constructor decides `native` by the same ids.
 */
export const FIL_NATIVE_CHAINS: readonly number[] = [314, 314159, 31337];

/** Whether FIL is the chain's own coin (IFIL.native on-chain). */
export function filIsNative(chainId: number): boolean {
  return FIL_NATIVE_CHAINS.includes(chainId);
}
