'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Address } from 'viem';
import { useConfig } from 'wagmi';
import { getReadClient } from '../chain/readClient';
import { appChain } from '../chain/chains';
import { getJson } from '../index/client';
import { queryKeys } from '../queryKeys';
import { readNodes } from './read';
import { decodeNodeSales } from './sales';

/** The programme's terms, the account's node and the recruiter a link names, re-read every 5 s. */
export function useNodes(account: Address | undefined, recruiter: Address | undefined) {
  const config = useConfig();
  return useQuery({
    queryKey: queryKeys.nodes(appChain.id, account, recruiter),
    queryFn: () => readNodes(getReadClient(config), account, recruiter),
    refetchInterval: 5_000,
    placeholderData: keepPreviousData,
  });
}

/** The sales that paid the node (GET /api/nodes/[address]/sales). */
export function useNodeSales(node: Address | undefined) {
  return useQuery({
    queryKey: queryKeys.nodeSales(appChain.id, node),
    enabled: Boolean(node),
    refetchInterval: 10_000,
    queryFn: async ({ signal }) => decodeNodeSales(await getJson<unknown>(`/api/nodes/${node}/sales`, signal)),
  });
}
