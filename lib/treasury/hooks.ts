'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useConfig } from 'wagmi';
import { getReadClient } from '../chain/readClient';
import { appChain } from '../chain/chains';
import { getJson } from '../index/client';
import { queryKeys } from '../queryKeys';
import { decodeTreasuryHistory } from './history';
import { readTreasury, type TreasuryHistory, type TreasuryState } from './read';

const chainId = appChain.id;

/** Revenue's live state and the next buyback, re-read every 5 s (`initial`: the server's read for the first paint). */
export function useTreasury(initial?: TreasuryState) {
  const config = useConfig();
  return useQuery({
    queryKey: queryKeys.treasury(chainId),
    queryFn: () => readTreasury(getReadClient(config)),
    refetchInterval: 5_000,
    initialData: initial,
    initialDataUpdatedAt: 0,
    placeholderData: keepPreviousData,
  });
}

/** Revenue by month and every buyback (GET /api/treasury/history). */
export function useTreasuryHistory(initial?: TreasuryHistory) {
  return useQuery({
    queryKey: queryKeys.treasuryHistory(chainId),
    queryFn: async ({ signal }) => decodeTreasuryHistory(await getJson<unknown>('/api/treasury/history', signal)),
    refetchInterval: 15_000,
    initialData: initial,
    initialDataUpdatedAt: 0,
    placeholderData: keepPreviousData,
  });
}
