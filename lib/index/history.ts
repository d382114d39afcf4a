// The index's history routes beyond listings: proposals, yield deposits, purchases, IFIL redemptions, the
// treasury's history, promotion nodes' sales and the NFTs staked in mining.
// Each answers from tables the Deriver fills from events (lib/index/derive.ts); live values stay on the chain.
import { getAddress, type Address, type Hex } from 'viem';
import { z } from 'zod';
import { sql } from 'kysely';
import { int } from './query';
import type { IndexDb } from './store';
import { noSources, sourceName, type RevenueMonth, type TreasuryHistory } from '../treasury/read';
import type { NodeSale } from '../nodes/read';

export type ProposalJson = {
  id: string;
  proposer: Address;
  targets: Address[];
  values: string[];
  calldatas: Hex[];
  description: string;
  voteStart: string;
  voteEnd: string;
  createdBlock: string;
  createdAt: string;
};
export type ProposalsResponse = { blockNumber: string; items: ProposalJson[] };

type ProposalRow = { id: string; proposer: string; targets: string; vals: string; calldatas: string; description: string; vote_start: string; vote_end: string; block_number: bigint; timestamp: bigint };

/** Every proposal as created, newest first. */
export async function proposalsList(db: IndexDb): Promise<ProposalJson[]> {
  const rows = (await sql<ProposalRow>`SELECT * FROM proposals ORDER BY block_number DESC, log_index DESC`.execute(db)).rows;
  return rows.map((r) => ({
    id: r.id,
    proposer: getAddress(r.proposer),
    targets: (JSON.parse(r.targets) as string[]).map((t) => getAddress(t)),
    values: JSON.parse(r.vals) as string[],
    calldatas: JSON.parse(r.calldatas) as Hex[],
    description: r.description,
    voteStart: r.vote_start,
    voteEnd: r.vote_end,
    createdBlock: r.block_number.toString(),
    createdAt: r.timestamp.toString(),
  }));
}

/** Query of GET /api/yield/deposits: one or more product ids, comma-separated. */
export const depositsQuerySchema = z
  .object({
    products: z
      .string()
      .regex(/^\d{1,12}(,\d{1,12}){0,999}$/, 'must be 1 to 1000 product ids, comma-separated')
      .transform((v) => [...new Set(v.split(',').map(Number))]),
  })
  .strict();

export type DepositJson = { productId: string; day: string; amount: string; payer: Address; blockNumber: string };
export type DepositsResponse = { blockNumber: string; items: DepositJson[] };

type DepositRow = { product_id: bigint; day: bigint; amount: string; payer: string; block_number: bigint };

/** Every yield deposit of the products, oldest first. */
export async function depositsOf(db: IndexDb, productIds: number[]): Promise<DepositJson[]> {
  const rows = (await sql<DepositRow>`SELECT * FROM deposits WHERE product_id IN (${sql.join(productIds.map(int))}) ORDER BY block_number, log_index`.execute(db)).rows;
  return rows.map((r) => ({ productId: r.product_id.toString(), day: r.day.toString(), amount: r.amount, payer: getAddress(r.payer), blockNumber: r.block_number.toString() }));
}

export type PurchaseJson = { tokenId: string; price: string };
export type PurchasesResponse = { blockNumber: string; items: PurchaseJson[] };

/** What the account paid for each token it bought, from its latest purchase (fixed price or auction won). */
export async function purchasesOf(db: IndexDb, buyer: Address): Promise<PurchaseJson[]> {
  const rows = (
    await sql<{ token_id: bigint; price: string }>`SELECT token_id, price FROM sales s WHERE buyer = ${buyer} AND NOT EXISTS (
       SELECT 1 FROM sales t WHERE t.token_id = s.token_id AND t.buyer = s.buyer AND (t.block_number, t.log_index) > (s.block_number, s.log_index))
     ORDER BY token_id`.execute(db)
  ).rows;
  return rows.map((r) => ({ tokenId: r.token_id.toString(), price: r.price }));
}

export type RedemptionJson = { amount: string; filecoinAddress: string; blockNumber: string; timestamp: string; transactionHash: Hex };
export type RedemptionsResponse = { blockNumber: string; items: RedemptionJson[] };

/** The account's IFIL redemptions, newest first. */
export async function redemptionsOf(db: IndexDb, account: Address): Promise<RedemptionJson[]> {
  const rows = (
    await sql<{ amount: string; filecoin_address: string; block_number: bigint; timestamp: bigint; tx_hash: Hex }>`SELECT * FROM redemptions WHERE account = ${account} ORDER BY block_number DESC, log_index DESC`.execute(db)
  ).rows;
  return rows.map((r) => ({ amount: r.amount, filecoinAddress: r.filecoin_address, blockNumber: r.block_number.toString(), timestamp: r.timestamp.toString(), transactionHash: r.tx_hash }));
}

/** A LoanMarket position as `LoanMarket.position(id)` returns it (amounts as decimal strings). */
export type PositionJson = {
  id: string;
  borrower: Address;
  principal: string;
  lender: Address;
  start: number;
  duration: number;
  aprBps: number;
  state: number;
  collateral: string;
  productId: string;
  minTermLeft: number;
  grace: number;
  feeBps: number;
  kind: number;
  coin: number;
  minHashrate: string;
};
export type PositionsResponse = { blockNumber: string; items: PositionJson[] };

type PositionRow = {
  id: bigint; state: bigint; kind: bigint; borrower: string; lender: string; principal: string; apr_bps: bigint; duration: bigint; start: bigint;
  collateral: string; product_id: string; min_term_left: bigint; grace: bigint; fee_bps: bigint; coin: bigint; min_hashrate: string;
};

/** Every loan position (offers, requests, loans), oldest first. */
export async function positionsList(db: IndexDb): Promise<PositionJson[]> {
  const rows = (await sql<PositionRow>`SELECT * FROM positions ORDER BY id`.execute(db)).rows;
  return rows.map((r) => ({
    id: r.id.toString(),
    borrower: getAddress(r.borrower),
    principal: r.principal,
    lender: getAddress(r.lender),
    start: Number(r.start),
    duration: Number(r.duration),
    aprBps: Number(r.apr_bps),
    state: Number(r.state),
    collateral: r.collateral,
    productId: r.product_id,
    minTermLeft: Number(r.min_term_left),
    grace: Number(r.grace),
    feeBps: Number(r.fee_bps),
    kind: Number(r.kind),
    coin: Number(r.coin),
    minHashrate: r.min_hashrate,
  }));
}

type RevenueRow = { month: bigint; kind: string; key: string; amount: string };
type BuybackRow = { block_number: bigint; tx_hash: string; timestamp: bigint; paid: string; bought: string; burned: string; reference_out: string; supply_after: string };

/**
 * Revenue by month and source, each month's close and the IFIL booked, and every buyback with the DMC supply
 * after it, newest first (the months' start times from Revenue's `start` and `MONTH`, which never change).
 */
export async function treasuryHistoryOf(db: IndexDb, start: bigint, monthLength: bigint): Promise<TreasuryHistory> {
  const lines = (await sql<RevenueRow>`SELECT month, kind, key, amount FROM revenue ORDER BY month DESC`.execute(db)).rows;
  const months = new Map<number, RevenueMonth>();
  for (const r of lines) {
    const m = Number(r.month);
    let row = months.get(m);
    if (!row) months.set(m, (row = { month: m, start: Number(start + BigInt(m) * monthLength), bySource: noSources(), total: 0n, ifil: 0n }));
    const amount = BigInt(r.amount);
    if (r.kind === 'source') {
      row.bySource[sourceName(BigInt(r.key))] += amount;
      row.total += amount;
    } else if (r.kind === 'ifil') row.ifil += amount;
    else if (r.key === 'toBuyback') row.toBuyback = amount;
    else if (r.key === 'toTreasury') row.toTreasury = amount;
  }
  const buybacks = (await sql<BuybackRow>`SELECT * FROM buybacks ORDER BY block_number DESC, log_index DESC`.execute(db)).rows;
  return {
    months: [...months.values()],
    buybacks: buybacks.map((b) => ({
      blockNumber: BigInt(b.block_number),
      txHash: b.tx_hash as Hex,
      time: Number(b.timestamp),
      paid: BigInt(b.paid),
      bought: BigInt(b.bought),
      burned: BigInt(b.burned),
      referenceOut: BigInt(b.reference_out),
      supplyAfter: b.supply_after === '' ? null : BigInt(b.supply_after),
    })),
  };
}

type NodeSaleRow = { kind: string; token_id: bigint; via: string; fee: string; cut: string; block_number: bigint; tx_hash: string };

/** The sales that paid `node` a commission (its own link) or an override (a light node's link), newest first. */
export async function nodeSalesOf(db: IndexDb, node: Address): Promise<NodeSale[]> {
  const rows = (await sql<NodeSaleRow>`SELECT kind, token_id, via, fee, cut, block_number, tx_hash FROM node_sales WHERE node = ${getAddress(node)} ORDER BY block_number DESC, log_index DESC, kind`.execute(db)).rows;
  return rows.map((r) => ({
    tokenId: BigInt(r.token_id),
    blockNumber: BigInt(r.block_number),
    txHash: r.tx_hash as Hex,
    fee: BigInt(r.fee),
    cut: BigInt(r.cut),
    kind: r.kind === 'override' ? 'override' : 'own',
    node: getAddress(r.via),
  }));
}

export type StakedNftJson = { tokenId: string; weight: string };
export type StakedNftsResponse = { blockNumber: string; items: StakedNftJson[] };

/** The NFTs `account` has staked in mining now, by token id, with their weights. */
export async function stakedNftsOf(db: IndexDb, account: Address): Promise<StakedNftJson[]> {
  const rows = (await sql<{ token_id: bigint; weight: string }>`SELECT token_id, weight FROM staked_nfts WHERE account = ${getAddress(account)} ORDER BY token_id`.execute(db)).rows;
  return rows.map((r) => ({ tokenId: r.token_id.toString(), weight: r.weight }));
}
