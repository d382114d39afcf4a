'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Address } from 'viem';
import { useConfig } from 'wagmi';
import { getReadClient } from '../chain/readClient';
import { appChain } from '../chain/chains';
import { queryKeys } from '../queryKeys';
import { readPools, type PoolsState } from './read';

/** Every joint pool and the account's positions, re-read every 5 s (`initial`: the server's read, no account). */
export function usePools(account: Address | undefined, initial?: PoolsState) {
  const config = useConfig();
  return useQuery({
    queryKey: queryKeys.pools(appChain.id, account),
    queryFn: () => readPools(getReadClient(config), account),
    refetchInterval: 5_000,
    initialData: account ? undefined : initial,
    initialDataUpdatedAt: 0,
    placeholderData: keepPreviousData,
  });
}
