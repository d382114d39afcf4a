// Turns indexed events into the listing state the API serves. The same code applies new events as they are
// indexed and replays the stored events after a reorg, so both paths agree by construction. Every statement is
// written once, with Kysely, for both stores (SQLite and PostgreSQL).
import { sql, type Insertable } from 'kysely';
import { getAddress, zeroAddress, type Address } from 'viem';
import { COINS } from '../format/hashrate';
import { insertMany, type IndexDb, type IndexTables } from './store';
import type { StoredEvent } from './events';

const INT64_MAX = 2n ** 63n - 1n;
/** A price as a 64-bit integer for filters and sorts (exact up to 2^63-1 base units; larger ones are capped). */
export const priceNum = (v: string | bigint): bigint => {
  const b = BigInt(v);
  return b > INT64_MAX ? INT64_MAX : b;
};

/** A listing's text-search column: the fields the search matches, lower-cased, apart by a character nobody types. */
export const SEARCH_SEPARATOR = '\u0001';
const searchText = (nodeId: string, miner: string, minerName: string | null, seller: string) => [nodeId, miner, minerName ?? '', seller].join(SEARCH_SEPARATOR).toLowerCase();

/** LoanMarket's fee on interest and grace period at deployment (its constructor sets them and emits nothing). */
const LOAN_FEE_BPS_AT_DEPLOY = 1000;
const LOAN_GRACE_AT_DEPLOY = 3 * 86_400;
const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';

/** A token's row written again when it exists (a mint or a move): the new owner, no single-token approval. */
const TOKEN_UPSERT = 'ON CONFLICT (token_id) DO UPDATE SET owner = excluded.owner, approved = NULL';

/** Most events applied as one set (a run of mints, listings, purchases or deposits). */
const RUN_MAX = 2_000;

type OpenListing = { id: bigint | number; seller: string; status: string };

/** The time-dependent sorts' per-listing constants (see the listings table) for a price and a product. */
function sortBases(price: bigint, hashrate: bigint | number, dailyYieldNum: number) {
  const p = Number(price);
  return { unit_base: (p * 86_400_000) / Number(hashrate), return_base: (dailyYieldNum * Number(hashrate)) / (86_400_000 * Math.max(p, 1)) };
}

type ProductRow = { coin: string; miner: string; node_id: string; miner_name: string | null; hashrate: bigint | number; term_start: bigint | number; term_end: bigint | number; daily_yield_num: number };

export class Deriver {
  private readonly market: Address;
  /** IFIL: the one token whose revenue (forwarded or sold) the treasury history counts. */
  private readonly ifil: Address | null;
  /** Products read or written in the current transaction (every listing copies its product's fields). */
  private products = new Map<number, ProductRow | null>();
  /** The loan market's settings (fee, grace) read or written in the current transaction: every loan start copies them. */
  private loanSettings = new Map<string, bigint | number>();

  constructor(marketplace: Address, ifil?: Address) {
    this.market = getAddress(marketplace);
    this.ifil = ifil ? getAddress(ifil) : null;
  }

  /** Call at the start of every transaction that applies events: a rolled-back one leaves nothing cached. */
  begin(): void {
    this.products.clear();
    this.loanSettings.clear();
  }

  private async product(db: IndexDb, productId: number): Promise<ProductRow | null> {
    if (!this.products.has(productId)) {
      const p = await db
        .selectFrom('products')
        .select(['coin', 'miner', 'node_id', 'miner_name', 'hashrate', 'term_start', 'term_end', 'daily_yield_num'])
        .where('product_id', '=', productId)
        .executeTakeFirst();
      this.products.set(productId, p ?? null);
    }
    return this.products.get(productId)!;
  }

  private open(db: IndexDb, tokenId: number, saleType: 'fixed' | 'auction'): Promise<OpenListing | undefined> {
    return db
      .selectFrom('listings')
      .select(['id', 'seller', 'status'])
      .where('token_id', '=', tokenId)
      .where('sale_type', '=', saleType)
      .where('status', 'in', ['live', 'stale'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  private async close(db: IndexDb, status: string, block: number, id: bigint | number): Promise<void> {
    await db.updateTable('listings').set({ status, closed_block: block }).where('id', '=', id).execute();
  }

  /** A fixed-price listing is live while its seller owns the token and the Marketplace may move it. */
  private async refreshFixed(db: IndexDb, tokenId: number, known?: OpenListing): Promise<void> {
    const l = known ?? (await this.open(db, tokenId, 'fixed'));
    if (!l) return;
    const buyable = await db
      .selectFrom('tokens as t')
      .select('t.token_id')
      .where('t.token_id', '=', tokenId)
      .where('t.owner', '=', l.seller)
      .where((eb) => eb.or([eb('t.approved', '=', this.market), eb.exists(eb.selectFrom('operators as o').select('o.owner').whereRef('o.owner', '=', 't.owner'))]))
      .executeTakeFirst();
    const status = buyable ? 'live' : 'stale';
    if (status !== l.status) await db.updateTable('listings').set({ status }).where('id', '=', l.id).execute();
  }

  /** refreshFixed's test for many tokens in one query: whether `seller` owns the token and the Marketplace may
   * move it (approved for the token, or an operator for all the owner's tokens). */
  private async buyableBy(db: IndexDb, tokenIds: number[]): Promise<(tokenId: number, seller: string) => boolean> {
    const rows = tokenIds.length
      ? await db
          .selectFrom('tokens as t')
          .select((eb) => ['t.token_id', 't.owner', 't.approved', eb.exists(eb.selectFrom('operators as o').select('o.owner').whereRef('o.owner', '=', 't.owner')).as('operator')])
          .where('t.token_id', 'in', tokenIds)
          .execute()
      : [];
    const state = new Map(rows.map((t) => [Number(t.token_id), t]));
    return (tokenId, seller) => {
      const t = state.get(tokenId);
      return t !== undefined && t.owner === seller && (t.approved === this.market || Boolean(Number(t.operator)));
    };
  }

  /** Re-prices a listing: the price and the sort constants that depend on it. */
  private async reprice(db: IndexDb, id: bigint | number, price: string, extra: Record<string, string | number | null> = {}): Promise<void> {
    const p = await db
      .selectFrom('listings as l')
      .innerJoin('products as y', 'y.product_id', 'l.product_id')
      .select(['l.hashrate', 'y.daily_yield_num'])
      .where('l.id', '=', id)
      .executeTakeFirst();
    const bases = p ? sortBases(priceNum(price), p.hashrate, p.daily_yield_num) : {};
    await db.updateTable('listings').set({ price, price_num: priceNum(price), ...bases, ...extra }).where('id', '=', id).execute();
  }

  /**
   * Applies events in order. Runs of mints (Transfer from the zero address), of Listed events (a listBatch), of
   * purchases (Sold, FirstSale and Transfer, as `buy` emits them) and of yield deposits are applied as a few
   * set-based statements each instead of several per event: the same rows as applying them one by one (the
   * rebuild test compares both), at a fraction of the round trips — what a catch-up on PostgreSQL waits on.
   */
  async applyAll(db: IndexDb, events: { event: StoredEvent; timestamp: number }[]): Promise<void> {
    const kind = (e: StoredEvent) => {
      if (e.contract === 'nft' && e.name === 'Transfer') return (e.args as Record<string, string>).from === zeroAddress ? 'mint' : 'sale';
      if (e.contract === 'nft' && e.name === 'FirstSale') return 'sale';
      if (e.contract === 'nft' && e.name === 'ProductMinted') return 'mint'; // ends each mint's run of Transfers
      if (e.contract === 'market') return e.name === 'Listed' ? 'listed' : e.name === 'Sold' ? 'sale' : null;
      return e.contract === 'yield' && e.name === 'YieldDeposited' ? 'deposit' : null;
    };
    for (let i = 0; i < events.length; ) {
      const k = kind(events[i]!.event);
      let j = i + 1;
      if (k) while (j < events.length && j - i < RUN_MAX && kind(events[j]!.event) === k) j++;
      const run = events.slice(i, j);
      if (k === 'mint' && run.length > 1) await this.mintMany(db, run.map((r) => r.event));
      else if (k === 'deposit' && run.length > 1) await this.depositMany(db, run.map((r) => r.event));
      else if ((k === 'listed' || k === 'sale') && run.length > 1 && (await (k === 'listed' ? this.listMany(db, run) : this.saleMany(db, run)))) {
        // applied as a set
      } else for (const r of run) await this.apply(db, r.event, r.timestamp);
      i = j;
    }
  }

  private async depositMany(db: IndexDb, deposits: StoredEvent[]): Promise<void> {
    const rows = deposits.map((e) => {
      const a = e.args as Record<string, string>;
      return { product_id: Number(a.productId), day: Number(a.day), amount: a.amount!, payer: a.payer!, block_number: e.blockNumber, log_index: e.logIndex };
    });
    await insertMany(db, 'deposits', rows, { chunk: 200, suffix: 'ON CONFLICT (block_number, log_index) DO NOTHING' });
  }

  /**
   * A run of purchases — Sold, FirstSale and non-mint Transfer events — as set-based statements. Applied one by
   * one, a token's Sold closes its fixed-price listing, its FirstSale marks it sold once, its Transfer moves it
   * and re-checks its open listing; no event of the run touches another token's rows. So when every token has
   * at most one of each, in that order, the run is the same as: close the sold listings, record the sales, the
   * first sales, the new owners, then re-check the transferred tokens' open listings. False (nothing done)
   * otherwise, and the caller applies the run one by one.
   */
  private async saleMany(db: IndexDb, run: { event: StoredEvent; timestamp: number }[]): Promise<boolean> {
    const rank: Record<string, number> = { Sold: 0, FirstSale: 1, Transfer: 2 };
    const seen = new Map<number, number>();
    for (const { event } of run) {
      const token = Number(event.args.tokenId);
      const before = seen.get(token);
      if (before !== undefined && before >= rank[event.name]!) return false;
      seen.set(token, rank[event.name]!);
    }
    const of = (name: string) => run.filter((r) => r.event.name === name);
    const tokenOf = (e: StoredEvent) => Number(e.args.tokenId);
    const newest = (rows: { id: bigint | number; token_id: bigint | number }[]) => {
      const m = new Map<number, bigint | number>();
      for (const r of rows) {
        const t = Number(r.token_id);
        if (!m.has(t) || BigInt(r.id) > BigInt(m.get(t)!)) m.set(t, r.id);
      }
      return m;
    };
    const openFixed = (tokens: number[]) =>
      db.selectFrom('listings').select(['id', 'token_id', 'seller', 'status']).where('token_id', 'in', tokens).where('sale_type', '=', 'fixed').where('status', 'in', ['live', 'stale']).execute();

    const sold = of('Sold');
    if (sold.length) {
      const open = newest(await openFixed(sold.map((r) => tokenOf(r.event))));
      const closing = sold.filter((r) => open.has(tokenOf(r.event)));
      if (closing.length) {
        // Each listing closes at its own sale's block (ids and blocks are integers of our own: inlined).
        const blockOfId = sql<number>`CASE id ${sql.join(closing.map((r) => sql`WHEN ${sql.lit(Number(open.get(tokenOf(r.event))))} THEN ${sql.lit(r.event.blockNumber)}`), sql` `)} END`;
        await db.updateTable('listings').set({ status: 'sold', closed_block: blockOfId }).where('id', 'in', closing.map((r) => open.get(tokenOf(r.event))!)).execute();
      }
      const rows = sold.map(({ event: e, timestamp }) => {
        const a = e.args as Record<string, string>;
        return { listing_id: open.get(tokenOf(e)) ?? 0n, token_id: tokenOf(e), sale_type: 'fixed', seller: a.seller!, buyer: a.buyer!, price: a.price!, fee: a.fee!, block_number: e.blockNumber, log_index: e.logIndex, tx_hash: e.txHash, timestamp };
      });
      await insertMany(db, 'sales', rows, { chunk: 200 });
    }

    const firsts = of('FirstSale');
    if (firsts.length) {
      const rows = firsts.map(({ event: e }) => ({ token_id: tokenOf(e), buyer: (e.args as Record<string, string>).buyer!, block_number: e.blockNumber }));
      await insertMany(db, 'first_sales', rows, { chunk: 300, suffix: 'ON CONFLICT (token_id) DO NOTHING' });
      await db.updateTable('listings').set({ primary_sale: 0 }).where('token_id', 'in', rows.map((r) => r.token_id)).where('status', 'in', ['live', 'stale']).execute();
    }

    const transfers = of('Transfer');
    if (transfers.length) {
      const moved = transfers.map(({ event: e }) => ({ token_id: tokenOf(e), owner: (e.args as Record<string, string>).to!, approved: null }));
      // Only tokens the index knows move (as the one-by-one update does).
      const known = new Set((await db.selectFrom('tokens').select('token_id').where('token_id', 'in', moved.map((m) => m.token_id)).execute()).map((t) => Number(t.token_id)));
      const rows = moved.filter((m) => known.has(m.token_id));
      await insertMany(db, 'tokens', rows, { chunk: 300, suffix: TOKEN_UPSERT });
      // refreshFixed for every moved token with an open fixed-price listing.
      const tokens = rows.map((r) => r.token_id);
      const listings = await openFixed(tokens);
      const open = newest(listings);
      const byId = new Map(listings.map((l) => [String(l.id), l]));
      const buyable = await this.buyableBy(db, [...open.keys()]);
      const next = { live: [] as (bigint | number)[], stale: [] as (bigint | number)[] };
      for (const [token, id] of open) {
        const l = byId.get(String(id))!;
        const status = buyable(token, l.seller) ? 'live' : 'stale';
        if (status !== l.status) next[status].push(id);
      }
      for (const status of ['live', 'stale'] as const) if (next[status].length) await db.updateTable('listings').set({ status }).where('id', 'in', next[status]).execute();
    }
    return true;
  }

  /** Mints (Transfers from the zero address) and the ProductMinted of each mint call: the new tokens' rows, then each
   * product's minted count (nothing else reads it while a run is applied). */
  private async mintMany(db: IndexDb, run: StoredEvent[]): Promise<void> {
    const mints = run.filter((e) => e.name === 'Transfer');
    const rows = mints.map((e) => ({ token_id: Number(e.args.tokenId), owner: (e.args as Record<string, string>).to!, approved: null }));
    await insertMany(db, 'tokens', rows, { chunk: 300, suffix: TOKEN_UPSERT });
    for (const e of mints) await this.mintedOnPurchase(db, e);
    const minted = new Map<number, number>();
    for (const e of run) if (e.name === 'ProductMinted') minted.set(Number(e.args.productId), (minted.get(Number(e.args.productId)) ?? 0) + Number(e.args.quantity));
    for (const [productId, quantity] of minted) await db.updateTable('products').set((eb) => ({ minted: eb('minted', '+', quantity) })).where('product_id', '=', productId).execute();
  }

  /** A mint to anyone but the product's miner is a purchase of an NFT on sale unminted (Marketplace `buyProduct`: the
   * miner's own mints go to the miner, and a miner cannot buy its own): the token is sold from birth, with no
   * FirstSale event, and its product's sale moves on to the next serial. */
  private async mintedOnPurchase(db: IndexDb, e: StoredEvent): Promise<void> {
    const a = e.args as Record<string, string>;
    const tokenId = Number(a.tokenId);
    const productId = Math.floor(tokenId / 1_000_000);
    const product = await this.product(db, productId);
    if (!product || product.miner.toLowerCase() === a.to!.toLowerCase()) return;
    await db.insertInto('first_sales').values({ token_id: tokenId, buyer: a.to!, block_number: e.blockNumber }).onConflict((oc) => oc.column('token_id').doNothing()).execute();
    await db
      .updateTable('product_sales')
      .set({ next_serial: (tokenId % 1_000_000) + 1 })
      .where('product_id', '=', productId)
      .where('next_serial', '<=', tokenId % 1_000_000)
      .execute();
  }

  /** A run of Listed events of distinct tokens as set-based statements; false (nothing done) when a token repeats
   * or a product is unknown, and the caller applies them one by one. */
  private async listMany(db: IndexDb, run: { event: StoredEvent; timestamp: number }[]): Promise<boolean> {
    const items = run.map(({ event, timestamp }) => {
      const a = event.args as Record<string, string>;
      const tokenId = Number(a.tokenId);
      return { event, timestamp, tokenId, productId: Math.floor(tokenId / 1_000_000), seller: a.seller!, price: a.price! };
    });
    const tokenIds = items.map((x) => x.tokenId);
    if (new Set(tokenIds).size !== tokenIds.length) return false;
    for (const x of items) if (!(await this.product(db, x.productId))) return false;
    // A stale listing of a previous owner is replaced (as apply does for one Listed).
    const open = await db.selectFrom('listings').select(['id', 'token_id']).where('token_id', 'in', tokenIds).where('sale_type', '=', 'fixed').where('status', 'in', ['live', 'stale']).execute();
    const blockOf = new Map(items.map((x) => [x.tokenId, x.event.blockNumber]));
    const byBlock = new Map<number, (bigint | number)[]>();
    for (const o of open) {
      const b = blockOf.get(Number(o.token_id))!;
      byBlock.set(b, [...(byBlock.get(b) ?? []), o.id]);
    }
    for (const [block, ids] of byBlock) await db.updateTable('listings').set({ status: 'cancelled', closed_block: block }).where('id', 'in', ids).execute();
    const sold = new Set((await db.selectFrom('first_sales').select('token_id').where('token_id', 'in', tokenIds).execute()).map((r) => Number(r.token_id)));
    const rows = items.map((x) => {
      const p = this.products.get(x.productId)!;
      const price = priceNum(x.price);
      return {
        token_id: x.tokenId, product_id: x.productId, sale_type: 'fixed', seller: x.seller, status: 'live', price: x.price, price_num: price, primary_sale: sold.has(x.tokenId) ? 0 : 1, bid_count: 0,
        created_block: x.event.blockNumber, created_log: x.event.logIndex, created_time: x.timestamp, reserve_price: null, end_time: null, min_increment_bps: null,
        coin: p.coin, miner: p.miner, node_id: p.node_id, miner_name: p.miner_name, search: searchText(p.node_id, p.miner, p.miner_name, x.seller),
        hashrate: p.hashrate, term_start: p.term_start, term_end: p.term_end,
        ...sortBases(price, p.hashrate, p.daily_yield_num),
      };
    });
    const inserted = (await insertMany(db, 'listings', rows, { chunk: 100, returning: ['id', 'token_id'] })) as { id: bigint | number; token_id: bigint | number }[];
    // Live while the seller owns the token and the Marketplace may move it (refreshFixed, for the whole run).
    const buyable = await this.buyableBy(db, tokenIds);
    const sellerOf = new Map(items.map((x) => [x.tokenId, x.seller]));
    const stale = inserted.filter((r) => !buyable(Number(r.token_id), sellerOf.get(Number(r.token_id))!)).map((r) => r.id);
    if (stale.length) await db.updateTable('listings').set({ status: 'stale' }).where('id', 'in', stale).execute();
    return true;
  }

  async apply(db: IndexDb, e: StoredEvent, timestamp: number): Promise<void> {
    const a = e.args as Record<string, string>;
    const tokenId = a.tokenId !== undefined ? Number(a.tokenId) : NaN;
    switch (`${e.contract}.${e.name}`) {
      case 'registry.ApplicationSubmitted': {
        const params = e.args.params as { name: string };
        const row = { id: Number(a.id), miner: a.miner!, name: params.name };
        await db.insertInto('applications').values(row).onConflict((oc) => oc.column('id').doUpdateSet({ miner: row.miner, name: row.name })).execute();
        break;
      }
      case 'registry.ApplicationActivated': {
        const productId = Number(a.productId);
        const app = await db.selectFrom('applications').select('name').where('id', '=', Number(a.id)).executeTakeFirst();
        await db.updateTable('products').set({ application_id: Number(a.id), miner_name: app?.name ?? null }).where('product_id', '=', productId).execute();
        this.products.delete(productId);
        const name = app?.name ?? null;
        await db
          .updateTable('listings')
          .set({ miner_name: name, search: sql<string>`LOWER(node_id || ${SEARCH_SEPARATOR} || miner || ${SEARCH_SEPARATOR} || ${name ?? ''} || ${SEARCH_SEPARATOR} || seller)` })
          .where('product_id', '=', productId)
          .execute();
        break;
      }
      case 'nft.ProductCreated': {
        const coin = COINS[Number(a.coin)] ?? `coin${a.coin}`;
        const row = {
          product_id: Number(a.productId), miner: a.miner!, coin, node_id: a.nodeId!, hashrate: Number(a.hashratePerNFT), nft_count: Number(a.nftCount), minted: 0,
          term_start: Number(a.termStart), term_end: Number(a.termEnd), daily_yield: a.expectedDailyYieldPerUnit!, daily_yield_num: Number(a.expectedDailyYieldPerUnit),
        };
        const { product_id: _, ...update } = row;
        await db.insertInto('products').values(row).onConflict((oc) => oc.column('product_id').doUpdateSet(update)).execute();
        this.products.delete(row.product_id);
        break;
      }
      case 'nft.ProductMinted':
      case 'nft.ProductListedUnminted': // issued: each of them is minted to its buyer on purchase
        await db.updateTable('products').set((eb) => ({ minted: eb('minted', '+', Number(a.quantity)) })).where('product_id', '=', Number(a.productId)).execute();
        break;
      case 'market.ProductListed': {
        const first = Number(a.firstTokenId) % 1_000_000;
        const row = { product_id: Number(a.productId), seller: a.seller!, price: a.price!, next_serial: first, last_serial: first + Number(a.quantity) - 1, status: 'live' };
        const { product_id: _, ...update } = row;
        await db.insertInto('product_sales').values(row).onConflict((oc) => oc.column('product_id').doUpdateSet(update)).execute();
        break;
      }
      case 'market.ProductPriceUpdated':
        await db.updateTable('product_sales').set({ price: a.newPrice!, status: 'live' }).where('product_id', '=', Number(a.productId)).execute();
        break;
      case 'market.ProductListingCancelled':
        await db.updateTable('product_sales').set({ status: 'cancelled' }).where('product_id', '=', Number(a.productId)).execute();
        break;
      case 'nft.Transfer':
        if (a.from === zeroAddress) {
          // A mint: a token that did not exist has no listing to refresh.
          await db.insertInto('tokens').values({ token_id: tokenId, owner: a.to!, approved: null }).onConflict((oc) => oc.column('token_id').doUpdateSet({ owner: a.to!, approved: null })).execute();
          await this.mintedOnPurchase(db, e);
          break;
        }
        await db.updateTable('tokens').set({ owner: a.to!, approved: null }).where('token_id', '=', tokenId).execute();
        await this.refreshFixed(db, tokenId);
        break;
      case 'nft.FirstSale':
        // Emitted with the transfer of a token's first sale; the sale's own listing is already closed by then.
        await db.insertInto('first_sales').values({ token_id: tokenId, buyer: a.buyer!, block_number: e.blockNumber }).onConflict((oc) => oc.column('token_id').doNothing()).execute();
        await db.updateTable('listings').set({ primary_sale: 0 }).where('token_id', '=', tokenId).where('status', 'in', ['live', 'stale']).execute();
        break;
      case 'nft.Approval':
        await db.updateTable('tokens').set({ approved: a.approved === zeroAddress ? null : a.approved! }).where('token_id', '=', tokenId).execute();
        await this.refreshFixed(db, tokenId);
        break;
      case 'nft.ApprovalForAll': {
        if (getAddress(a.operator!) !== this.market) break;
        if ((e.args.approved as boolean) === true) await db.insertInto('operators').values({ owner: a.owner! }).onConflict((oc) => oc.column('owner').doNothing()).execute();
        else await db.deleteFrom('operators').where('owner', '=', a.owner!).execute();
        const open = await db.selectFrom('listings').select('token_id').where('seller', '=', a.owner!).where('sale_type', '=', 'fixed').where('status', 'in', ['live', 'stale']).execute();
        for (const { token_id } of open) await this.refreshFixed(db, Number(token_id));
        break;
      }
      case 'market.Listed': {
        const old = await this.open(db, tokenId, 'fixed');
        if (old) await this.close(db, 'cancelled', e.blockNumber, old.id); // a stale listing of a previous owner is replaced
        const id = await this.insertListing(db, e, timestamp, 'fixed', a.seller!, a.price!);
        if (id !== null) await this.refreshFixed(db, tokenId, { id, seller: a.seller!, status: 'live' });
        break;
      }
      case 'market.PriceUpdated': {
        const l = await this.open(db, tokenId, 'fixed');
        if (l) await this.reprice(db, l.id, a.newPrice!);
        break;
      }
      case 'market.ListingCancelled': {
        const l = await this.open(db, tokenId, 'fixed');
        if (l) await this.close(db, 'cancelled', e.blockNumber, l.id);
        break;
      }
      case 'market.Sold': {
        const l = await this.open(db, tokenId, 'fixed');
        if (l) await this.close(db, 'sold', e.blockNumber, l.id);
        await this.insertSale(db, e, timestamp, l?.id ?? 0n, 'fixed', a.seller!, a.buyer!, a.price!, a.fee!);
        break;
      }
      case 'market.AuctionCreated': {
        // The NFT moves into the Marketplace and any fixed-price listing of it is deleted, without an event.
        const fixed = await this.open(db, tokenId, 'fixed');
        if (fixed) await this.close(db, 'cancelled', e.blockNumber, fixed.id);
        await this.insertListing(db, e, timestamp, 'auction', a.seller!, a.reservePrice!, { reserve: a.reservePrice!, endTime: Number(a.endTime), bps: Number(a.minIncrementBps) });
        break;
      }
      case 'market.BidPlaced': {
        const l = await this.open(db, tokenId, 'auction');
        if (!l) break;
        await this.reprice(db, l.id, a.amount!, { highest_bid: a.amount!, highest_bidder: a.bidder!, end_time: Number(a.endTime) });
        await db.updateTable('listings').set((eb) => ({ bid_count: eb('bid_count', '+', 1) })).where('id', '=', l.id).execute();
        await db
          .insertInto('bids')
          .values({ listing_id: l.id, token_id: tokenId, bidder: a.bidder!, amount: a.amount!, end_time: Number(a.endTime), block_number: e.blockNumber, log_index: e.logIndex, tx_hash: e.txHash, timestamp })
          .execute();
        break;
      }
      case 'market.AuctionCancelled': {
        const l = await this.open(db, tokenId, 'auction');
        if (l) await this.close(db, 'cancelled', e.blockNumber, l.id);
        break;
      }
      case 'market.AuctionSettled': {
        const l = await this.open(db, tokenId, 'auction');
        const sold = a.winner !== zeroAddress;
        if (l) {
          await this.close(db, sold ? 'sold' : 'ended', e.blockNumber, l.id);
          if (sold) await db.updateTable('listings').set({ winner: a.winner! }).where('id', '=', l.id).execute();
        }
        if (sold) await this.insertSale(db, e, timestamp, l?.id ?? 0n, 'auction', a.seller!, a.winner!, a.amount!, a.fee!);
        break;
      }
      case 'governor.ProposalCreated': {
        const g = e.args as { proposalId: string; proposer: string; targets: string[]; values: string[]; calldatas: string[]; description: string; voteStart: string; voteEnd: string };
        const row = {
          id: g.proposalId, proposer: g.proposer, targets: JSON.stringify(g.targets), vals: JSON.stringify(g.values), calldatas: JSON.stringify(g.calldatas),
          description: g.description, vote_start: g.voteStart, vote_end: g.voteEnd, block_number: e.blockNumber, log_index: e.logIndex, timestamp,
        };
        const { id: _, ...update } = row;
        await db.insertInto('proposals').values(row).onConflict((oc) => oc.column('id').doUpdateSet(update)).execute();
        break;
      }
      case 'yield.YieldDeposited':
        await db
          .insertInto('deposits')
          .values({ product_id: Number(a.productId), day: Number(a.day), amount: a.amount!, payer: a.payer!, block_number: e.blockNumber, log_index: e.logIndex })
          .onConflict((oc) => oc.columns(['block_number', 'log_index']).doNothing())
          .execute();
        break;
      case 'ifil.Redeemed':
        await db
          .insertInto('redemptions')
          .values({ account: a.from!, amount: a.amount!, filecoin_address: a.filecoinAddress!, block_number: e.blockNumber, log_index: e.logIndex, tx_hash: e.txHash, timestamp })
          .onConflict((oc) => oc.columns(['block_number', 'log_index']).doNothing())
          .execute();
        break;
      case 'loans.OfferPosted':
        await this.position(db, {
          id: Number(a.id), state: 1, kind: Number(a.kind), borrower: ZERO_ADDRESS, lender: a.lender!, principal: a.principal!, apr_bps: Number(a.aprBps), duration: Number(a.duration),
          start: 0, collateral: a.collateralAmount!, product_id: a.productId!, min_term_left: Number(a.minTermLeft), grace: 0, fee_bps: 0, coin: Number(a.coin), min_hashrate: a.minHashrate!,
        });
        break;
      case 'loans.RequestPosted':
        await this.position(db, {
          id: Number(a.id), state: 2, kind: Number(a.kind), borrower: a.borrower!, lender: ZERO_ADDRESS, principal: a.principal!, apr_bps: Number(a.aprBps), duration: Number(a.duration),
          start: 0, collateral: a.collateral!, product_id: '0', min_term_left: 0, grace: 0, fee_bps: 0, coin: 0, min_hashrate: '0',
        });
        break;
      case 'loans.LoanStarted': {
        // The loan copies the market's fee and grace period as they are when it starts.
        const setting = async (key: string, fallback: number) => {
          if (!this.loanSettings.has(key)) this.loanSettings.set(key, (await db.selectFrom('loan_settings').select('value').where('key', '=', key).executeTakeFirst())?.value ?? BigInt(fallback));
          return this.loanSettings.get(key)!;
        };
        // maturity = start + duration: the event carries the maturity, the position its duration
        await db
          .updateTable('positions')
          .set({ state: 3, borrower: a.borrower!, lender: a.lender!, collateral: a.collateral!, start: timestamp, grace: await setting('grace', LOAN_GRACE_AT_DEPLOY), fee_bps: await setting('fee', LOAN_FEE_BPS_AT_DEPLOY) })
          .where('id', '=', Number(a.id))
          .execute();
        break;
      }
      case 'loans.PositionCancelled':
        await db.updateTable('positions').set({ state: 6 }).where('id', '=', Number(a.id)).execute();
        break;
      case 'loans.LoanRepaid':
        await db.updateTable('positions').set({ state: 4 }).where('id', '=', Number(a.id)).execute();
        break;
      case 'loans.LoanForeclosed':
        await db.updateTable('positions').set({ state: 5 }).where('id', '=', Number(a.id)).execute();
        break;
      case 'loans.FeeUpdated':
        await this.loanSetting(db, 'fee', Number(a.newFeeBps));
        break;
      case 'loans.GracePeriodUpdated':
        await this.loanSetting(db, 'grace', Number(a.newGracePeriod));
        break;
      case 'revenue.RevenueBooked':
        await this.addRevenue(db, a.month!, 'source', a.source!, BigInt(a.amount!));
        break;
      case 'revenue.TokenRevenueForwarded':
      case 'revenue.TokenSold':
        if (this.ifil !== null && getAddress(a.token!) === this.ifil) await this.addRevenue(db, a.month!, 'ifil', '', BigInt(a.amount!));
        break;
      case 'revenue.MonthClosed':
        for (const [key, amount] of [['toBuyback', a.toBuyback!], ['toTreasury', a.toTreasury!]] as const) {
          await db.insertInto('revenue').values({ month: a.month!, kind: 'close', key, amount }).onConflict((oc) => oc.columns(['month', 'kind', 'key']).doUpdateSet({ amount })).execute();
        }
        break;
      case 'revenue.BoughtBack':
        await db
          .insertInto('buybacks')
          .values({
            block_number: e.blockNumber, log_index: e.logIndex, tx_hash: e.txHash, timestamp, paid: a.paid!, bought: a.bought!, burned: a.burned!,
            reference_out: a.referenceOut!, supply_after: a.supplyAfter ?? '', // '': unknown (the node had no state there)
          })
          .onConflict((oc) => oc.columns(['block_number', 'log_index']).doNothing())
          .execute();
        break;
      case 'nodes.CommissionCredited': {
        const sale = { token_id: tokenId, via: a.node!, fee: a.fee!, block_number: e.blockNumber, log_index: e.logIndex, tx_hash: e.txHash };
        const rows = [{ ...sale, node: a.node!, kind: 'own', cut: a.nodeCut! }];
        if (a.mainNode !== zeroAddress) rows.push({ ...sale, node: a.mainNode!, kind: 'override', cut: a.overrideCut! });
        await db.insertInto('node_sales').values(rows).onConflict((oc) => oc.columns(['block_number', 'log_index', 'kind']).doNothing()).execute();
        break;
      }
      case 'mining.NftStaked': {
        const row = { token_id: tokenId, account: a.account!, weight: a.weight! };
        await db.insertInto('staked_nfts').values(row).onConflict((oc) => oc.column('token_id').doUpdateSet({ account: row.account, weight: row.weight })).execute();
        break;
      }
      case 'mining.NftUnstaked':
      case 'mining.NftEvicted':
        await db.deleteFrom('staked_nfts').where('token_id', '=', tokenId).execute();
        break;
      case 'market.RefundCredited':
      case 'market.RefundWithdrawn': {
        const account = (a.bidder ?? a.account ?? a.to ?? a.recipient) as string | undefined;
        if (!account) break;
        // Amounts are uint256 decimal strings: summed here in exact integers, the same on both stores.
        const amount = BigInt(a.amount ?? '0');
        const row = await db.selectFrom('refunds').select(['credited', 'withdrawn']).where('account', '=', account).executeTakeFirst();
        const credited = BigInt(row?.credited ?? '0') + (e.name === 'RefundCredited' ? amount : 0n);
        const withdrawn = BigInt(row?.withdrawn ?? '0') + (e.name === 'RefundWithdrawn' ? amount : 0n);
        const values = { credited: credited.toString(), withdrawn: withdrawn.toString() };
        await db.insertInto('refunds').values({ account, ...values }).onConflict((oc) => oc.column('account').doUpdateSet(values)).execute();
        break;
      }
    }
  }

  /** Adds to one month's revenue line (exact integers, the same on both stores). */
  private async addRevenue(db: IndexDb, month: string, kind: 'source' | 'ifil', key: string, amount: bigint): Promise<void> {
    const row = await db.selectFrom('revenue').select('amount').where('month', '=', Number(month)).where('kind', '=', kind).where('key', '=', key).executeTakeFirst();
    const total = (BigInt(row?.amount ?? '0') + amount).toString();
    await db.insertInto('revenue').values({ month, kind, key, amount: total }).onConflict((oc) => oc.columns(['month', 'kind', 'key']).doUpdateSet({ amount: total })).execute();
  }

  private async position(db: IndexDb, row: Insertable<IndexTables['positions']>): Promise<void> {
    const { id: _, ...update } = row;
    await db.insertInto('positions').values(row).onConflict((oc) => oc.column('id').doUpdateSet(update)).execute();
  }

  private async loanSetting(db: IndexDb, key: string, value: number): Promise<void> {
    this.loanSettings.set(key, value);
    await db.insertInto('loan_settings').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
  }

  private async insertSale(db: IndexDb, e: StoredEvent, timestamp: number, listingId: bigint | number, saleType: 'fixed' | 'auction', seller: string, buyer: string, price: string, fee: string) {
    await db
      .insertInto('sales')
      .values({ listing_id: listingId, token_id: Number(e.args.tokenId), sale_type: saleType, seller, buyer, price, fee, block_number: e.blockNumber, log_index: e.logIndex, tx_hash: e.txHash, timestamp })
      .execute();
  }

  /** Inserts a live listing; its id, or null for a token of no indexed product (the Marketplace refuses those). */
  private async insertListing(db: IndexDb, e: StoredEvent, time: number, saleType: 'fixed' | 'auction', seller: string, price: string, auction?: { reserve: string; endTime: number; bps: number }): Promise<bigint | number | null> {
    const tokenId = Number(e.args.tokenId);
    const productId = Math.floor(tokenId / 1_000_000);
    const p = await this.product(db, productId);
    if (!p) return null;
    // Marketplace.isPrimarySale: the token has had no first sale yet, whoever sells it.
    const sold = await db.selectFrom('first_sales').select('token_id').where('token_id', '=', tokenId).executeTakeFirst();
    const inserted = await db
      .insertInto('listings')
      .values({
        token_id: tokenId, product_id: productId, sale_type: saleType, seller, status: 'live', price, price_num: priceNum(price), primary_sale: sold ? 0 : 1, bid_count: 0,
        created_block: e.blockNumber, created_log: e.logIndex, created_time: time,
        reserve_price: auction?.reserve ?? null, end_time: auction?.endTime ?? null, min_increment_bps: auction?.bps ?? null,
        coin: p.coin, miner: p.miner, node_id: p.node_id, miner_name: p.miner_name, search: searchText(p.node_id, p.miner, p.miner_name, seller),
        hashrate: p.hashrate, term_start: p.term_start, term_end: p.term_end,
        ...sortBases(priceNum(price), p.hashrate, p.daily_yield_num),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return inserted.id;
  }
}

