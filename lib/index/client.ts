// The browser's side of the index's routes: typed fetches, bigints parsed back. No chain history is read here.
import type { Address } from 'viem';
import { toLoanPosition, type LoanPosition } from '../loans/terms';
import type { DepositsResponse, PositionJson, PositionsResponse, ProposalsResponse, PurchasesResponse, RedemptionsResponse } from './history';

export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, { signal });
  const body = await res.json();
  if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
  return body as T;
}

export const fetchProposals = (signal?: AbortSignal) => getJson<ProposalsResponse>('/api/proposals', signal);

/** Every yield deposit of the products, oldest first (none for an empty list). */
export async function fetchDeposits(productIds: bigint[], signal?: AbortSignal) {
  if (productIds.length === 0) return [];
  const out = [];
  // At most 1,000 products a request.
  for (let i = 0; i < productIds.length; i += 1000) {
    const r = await getJson<DepositsResponse>(`/api/yield/deposits?products=${productIds.slice(i, i + 1000).join(',')}`, signal);
    out.push(...r.items.map((d) => ({ productId: BigInt(d.productId), day: BigInt(d.day), amount: BigInt(d.amount), payer: d.payer, blockNumber: BigInt(d.blockNumber) })));
  }
  return out;
}

/** What the account paid for each token it bought (latest purchase). */
export async function fetchPurchasePrices(account: Address, signal?: AbortSignal): Promise<Map<bigint, bigint>> {
  const r = await getJson<PurchasesResponse>(`/api/portfolio/${account}/purchases`, signal);
  return new Map(r.items.map((p) => [BigInt(p.tokenId), BigInt(p.price)]));
}

export async function fetchRedemptions(account: Address, signal?: AbortSignal) {
  const r = await getJson<RedemptionsResponse>(`/api/ifil/redemptions/${account}`, signal);
  return r.items.map((x) => ({ amount: BigInt(x.amount), filecoinAddress: x.filecoinAddress, blockNumber: BigInt(x.blockNumber), timestamp: BigInt(x.timestamp), transactionHash: x.transactionHash }));
}

export const positionFromJson = (p: PositionJson): LoanPosition =>
  toLoanPosition(BigInt(p.id), { ...p, principal: BigInt(p.principal), collateral: BigInt(p.collateral), productId: BigInt(p.productId), minHashrate: BigInt(p.minHashrate) });

/** Every loan position (offers, requests, loans), oldest first, as the LoanMarket stores them. */
export async function fetchLoanPositions(signal?: AbortSignal): Promise<LoanPosition[]> {
  return (await getJson<PositionsResponse>('/api/loans/positions', signal)).items.map(positionFromJson);
}
