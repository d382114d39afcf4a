'use client';

import { useQuery } from '@tanstack/react-query';
import type { Address } from 'viem';
import { useConfig } from 'wagmi';
import { getReadClient } from '../chain/readClient';
import { appChain } from '../chain/chains';
import { getDeployment } from '../chain/contracts';
import { ifilAbi } from '../../contracts-abi/IFIL.gen';
import type { Coin } from '../format/hashrate';
import type { OwnedToken } from '../market/hooks';
import { queryKeys } from '../queryKeys';
import { fetchDeposits, fetchPurchasePrices, fetchRedemptions } from '../index/client';
import {
  readProductYieldState,
  readTokenYieldDetail,
  readTokenYields,
  readYieldTokenAllowance,
  readYieldTokenBalance,
  type Reader,
} from './read';
import { productIdOf } from '../nft/metadata';

const chainId = appChain.id;
const ZERO = '0x0000000000000000000000000000000000000000';

function useReader(): Reader {
  const config = useConfig();
  return getReadClient(config);
}

/** The account's balance of a coin's yield token (IFIL for FIL). */
export function useYieldTokenBalance(coin: Coin, account: Address | undefined) {
  const client = useReader();
  return useQuery({
    queryKey: queryKeys.yieldTokenBalance(chainId, account ?? ZERO, coin),
    enabled: Boolean(account),
    queryFn: () => readYieldTokenBalance(client, coin, account!),
  });
}

/** How much of a coin's yield token the distributor may take from the account (for deposits). */
export function useYieldTokenAllowance(coin: Coin, account: Address | undefined) {
  const client = useReader();
  return useQuery({
    queryKey: queryKeys.yieldTokenAllowance(chainId, account ?? ZERO, coin),
    enabled: Boolean(account),
    queryFn: () => readYieldTokenAllowance(client, coin, account!),
  });
}

/** The account's IFIL redemptions, newest first. */
export function useRedemptions(account: Address | undefined) {
  return useQuery({
    queryKey: queryKeys.redemptions(chainId, account ?? ZERO),
    enabled: Boolean(account),
    queryFn: ({ signal }) => fetchRedemptions(account!, signal),
  });
}

/**
 * The portfolio's yield: claimable now and claimed so far per held NFT, every deposit of their products, what
 * the account paid for each, and chain time. Waits for the held tokens.
 */
export function usePortfolioYield(account: Address | undefined, owned: OwnedToken[] | undefined) {
  const client = useReader();
  const ids = (owned ?? []).map((o) => o.tokenId);
  return useQuery({
    queryKey: [...queryKeys.yieldPortfolio(chainId, account ?? ZERO), ids.map(String).join(',')],
    enabled: Boolean(account) && owned !== undefined,
    refetchInterval: 15_000,
    queryFn: async ({ signal }) => {
      const productIds = [...new Set(ids.map(productIdOf))];
      const [yields, deposits, prices, block] = await Promise.all([
        readTokenYields(client, ids),
        fetchDeposits(productIds, signal),
        fetchPurchasePrices(account!, signal),
        client.getBlock(),
      ]);
      return { ...yields, deposits, prices, chainTime: block.timestamp };
    },
  });
}

/** A product's deposits, last paid day and product attributes (the miner's "Pay yield" card). */
export function useProductYield(productId: bigint) {
  const client = useReader();
  return useQuery({
    queryKey: queryKeys.productYield(chainId, productId),
    refetchInterval: 15_000,
    queryFn: async ({ signal }) => {
      const [state, deposits] = await Promise.all([readProductYieldState(client, productId), fetchDeposits([productId], signal)]);
      return { ...state, deposits, paidDays: new Set(deposits.map((x) => x.day)) };
    },
  });
}

/** One NFT's unclaimed and claimed yield and its product's deposits of the last `days` days. */
export function useTokenYield(tokenId: bigint, days = 7) {
  const client = useReader();
  return useQuery({
    queryKey: [...queryKeys.tokenYield(chainId, tokenId), days],
    refetchInterval: 15_000,
    queryFn: () => readTokenYieldDetail(client, tokenId, days),
  });
}

/** Whether IFIL wraps this chain's own coin (IFIL.native: Filecoin and the local chain) or comes from a bridge. */
export function useIfilNative() {
  const client = useReader();
  return useQuery({
    queryKey: queryKeys.ifilNative(chainId),
    staleTime: Infinity,
    queryFn: () => client.readContract({ address: getDeployment().IFIL, abi: ifilAbi, functionName: 'native' }),
  });
}
