'use client';

import { useQuery } from '@tanstack/react-query';
import type { Address } from 'viem';
import { useConfig } from 'wagmi';
import { getReadClient } from '../chain/readClient';
import { appChain } from '../chain/chains';
import { queryKeys } from '../queryKeys';
import { readOracle } from '../oracle/read';
import { getJson } from '../index/client';
import { healthFromJson, type ProductHealth, type ProductHealthResponse } from './health';
import {
  readInsuranceOverview,
  readPayoutClaims,
  readProductEscrow,
  readProductRecord,
  readRefundables,
  readTokenEscrow,
  type ProductRecord,
  type Reader,
} from './read';

const chainId = appChain.id;

function useReader(): Reader {
  const config = useConfig();
  return getReadClient(config);
}

/** A token's escrow stream (released / unreleased) and what its holder can claim back now. */
export function useTokenEscrow(tokenId: bigint) {
  const client = useReader();
  return useQuery({
    queryKey: queryKeys.tokenEscrow(chainId, tokenId),
    refetchInterval: 15_000,
    queryFn: () => readTokenEscrow(client, tokenId),
  });
}

/** The miner's record on a product, its registry status and stake, and whether it can be flagged now.
 * `initial`: the server's read of the same for the first paint, fresh as of `initial.readAt` (no second read at once). */
export function useProductRecord(productId: bigint, initial?: { record: ProductRecord; readAt: number }) {
  const client = useReader();
  const initialData = initial && initial.record.product.productId === productId ? initial : undefined;
  return useQuery({
    queryKey: queryKeys.productRecord(chainId, productId),
    refetchInterval: 30_000,
    initialData: initialData?.record,
    initialDataUpdatedAt: initialData?.readAt,
    queryFn: () => readProductRecord(client, productId),
  });
}

/** A product's escrow totals and the miner's withdrawable amount. */
export function useProductEscrow(productId: bigint) {
  const client = useReader();
  return useQuery({
    queryKey: queryKeys.productEscrow(chainId, productId),
    refetchInterval: 15_000,
    queryFn: () => readProductEscrow(client, productId),
  });
}

/** The account's refundable NFTs (halted products) and its claimable insurance payouts, for the tokens it holds. */
export function useEscrowPortfolio(account: Address, tokenIds: bigint[] | undefined) {
  const client = useReader();
  const ids = tokenIds ?? [];
  return useQuery({
    queryKey: [...queryKeys.escrowPortfolio(chainId, account), ids.map(String).join(',')],
    enabled: tokenIds !== undefined,
    refetchInterval: 15_000,
    queryFn: async () => {
      const [refunds, payouts] = await Promise.all([readRefundables(client, ids), readPayoutClaims(client, ids)]);
      return { refunds, refundTotal: refunds.reduce((s, x) => s + x.amount, 0n), payouts };
    },
  });
}

/** The insurance fund's balances, payouts, and every product's escrow and status. */
export function useInsuranceOverview() {
  const client = useReader();
  return useQuery({
    queryKey: queryKeys.insuranceFund(chainId),
    refetchInterval: 15_000,
    queryFn: () => readInsuranceOverview(client),
  });
}

/** The oracle's market average of one coin over the last days: every report, outliers and revoked ones marked. */
export function useOracle(coin: number) {
  const client = useReader();
  return useQuery({
    queryKey: queryKeys.oracle(chainId, coin),
    refetchInterval: 30_000,
    queryFn: () => readOracle(client, coin),
  });
}

/** Each product's health mark (GET /api/products/health), by product id; products sorted so one set shares a query. */
export function useProductHealths(productIds: bigint[], initial?: ProductHealth[], initialReadAt = 0) {
  const ids = [...new Set(productIds)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  // The server's marks for the first paint, when they cover exactly these products.
  const initialData = initial && initial.length === ids.length && initial.every((h) => ids.includes(h.productId)) ? new Map(initial.map((h) => [h.productId, h])) : undefined;
  return useQuery({
    queryKey: queryKeys.productHealth(chainId, ids),
    enabled: ids.length > 0,
    refetchInterval: 15_000,
    initialData,
    initialDataUpdatedAt: initialReadAt,
    queryFn: async ({ signal }): Promise<Map<bigint, ProductHealth>> => {
      const body = await getJson<ProductHealthResponse>(`/api/products/health?ids=${ids.join(',')}`, signal);
      return new Map(body.items.map((j) => [BigInt(j.productId), healthFromJson(j)]));
    },
  });
}
