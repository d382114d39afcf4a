'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { numberToHex } from 'viem';
import { useConfig } from 'wagmi';
import { getBlock } from 'wagmi/actions';
import { getReadClient } from './readClient';
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
 * Chain time that ticks every second between block reads: the last block's timestamp plus the wall-clock time
 * since it was read. Countdowns use it, so they count in the contracts' clock (which the local time control
 * moves) rather than the browser's. Undefined until the first block is read.
 */
export function useTickingChainTime(): bigint | undefined {
  const { data, dataUpdatedAt } = useChainTime();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(id);
  }, []);
  if (data === undefined) return undefined;
  return data + BigInt(Math.max(0, Math.floor((now - dataUpdatedAt) / 1_000)));
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
      const client = getReadClient(config);
      await client.request({ method: 'evm_increaseTime' as never, params: [numberToHex(seconds)] as never });
      await client.request({ method: 'evm_mine' as never, params: [] as never });
    },
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
