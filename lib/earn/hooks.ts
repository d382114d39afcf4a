'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Address } from 'viem';
import { useConfig, useReadContract } from 'wagmi';
import { getReadClient } from '../chain/readClient';
import { appChain } from '../chain/chains';
import { getDeployment } from '../chain/contracts';
import { dmcMiningAbi } from '../../contracts-abi/DMCMining.gen';
import { getJson } from '../index/client';
import { queryKeys } from '../queryKeys';
import { readEarn, type EarnState, type StakedNft } from './read';

const chainId = appChain.id;

/** Everything the Earn page shows (pools, the account's positions, the pair's price), re-read every 5 s.
 * `initial`: the server's read without an account (the first paint); kept on screen while an account's loads. */
export function useEarn(account: Address | undefined, initial?: EarnState) {
  const config = useConfig();
  return useQuery({
    queryKey: queryKeys.earn(chainId, account),
    queryFn: () => readEarn(getReadClient(config), account),
    refetchInterval: 5_000,
    initialData: account ? undefined : initial,
    initialDataUpdatedAt: 0,
    placeholderData: keepPreviousData,
  });
}

/** The NFTs the account has staked in mining (GET /api/earn/staked/[address]). */
export function useStakedNfts(account: Address | undefined) {
  return useQuery({
    queryKey: queryKeys.stakedNfts(chainId, account),
    enabled: Boolean(account),
    refetchInterval: 10_000,
    queryFn: async ({ signal }): Promise<StakedNft[]> => {
      const page = await getJson<{ items: { tokenId: string; weight: string }[] }>(`/api/earn/staked/${account}`, signal);
      return page.items.map((i) => ({ tokenId: BigInt(i.tokenId), weight: BigInt(i.weight) }));
    },
  });
}

/** Who staked `tokenId` in mining (the zero address when it is not staked). */
export function useNftStaker(tokenId: bigint) {
  return useReadContract({ address: getDeployment().DMCMining, abi: dmcMiningAbi, functionName: 'stakedNft', args: [tokenId], query: { select: (r) => r[0] } });
}
