'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { numberToHex } from 'viem';
import { useConfig } from 'wagmi';
import { getBlock, getPublicClient } from 'wagmi/actions';
import { queryKeys } from '../queryKeys';

/** The latest block's timestamp: the clock every contract uses (votes, timelock, terms). */
export function useChainTime() {
  const config = useConfig();
  return useQuery({
    queryKey: queryKeys.chainTime,
    queryFn: async () => (await getBlock(config)).timestamp,
    refetchInterval: 15_000,
  });
}

/**
 * LOCAL CHAIN ONLY: moves anvil's clock forward by `seconds` and mines a block, then refreshes every query
 * (everything time-dependent may have changed).
 */
export function useAdvanceChainTime() {
  const config = useConfig();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (seconds: number) => {
      const client = getPublicClient(config)!;
      await client.request({ method: 'evm_increaseTime' as never, params: [numberToHex(seconds)] as never });
      await client.request({ method: 'evm_mine' as never, params: [] as never });
    },
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
