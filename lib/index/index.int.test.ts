// The listing index against a real anvil (port 8550): catch-up, restart, reorgs, stale listings, auctions,
// and the API's filters, sorts, cursors and validation.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPublicClient, custom, getAddress, http, parseUnits, type Address, type Hex, type PublicClient } from 'viem';
import { foundry } from 'viem/chains';
import { dmcMiningAbi, dmexGovernorAbi, hashrateNftAbi, loanMarketAbi, marketplaceAbi, mockUsdtAbi, revenueAbi } from '@/contracts-abi';
import { devAccounts } from '@/lib/chain/devAccounts';
import { readMarket } from '@/lib/market/read';
import type { ListingView } from '@/lib/market/types';
import { startTestChain, type TestChain } from '@/test/localChain';
import { ListingIndexer } from './indexer';
import { getMeta, insertMany, setMeta } from './store';
import { sql } from 'kysely';
import pg from 'pg';
import type { PositionsResponse } from './history';
import { indexListingsQuerySchema, indexedListingDetail, marketStats, queryIndexedListings, recentActivity, type IndexListingsInput } from './query';

let chain: TestChain;
let dir: string;
const indexers: ListingIndexer[] = [];

beforeAll(async () => {
  chain = await startTestChain(8550, { seed: true });
  dir = mkdtempSync(path.join(tmpdir(), 'dmex-index-test-'));
  process.env.RPC_URL = chain.anvil.rpcUrl;
  process.env.INDEX_DIR = path.join(dir, 'server');
});
afterAll(async () => {
  await chain?.anvil.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => chain.snapshot());
afterEach(async () => {
  for (const i of indexers.splice(0)) {
    await i.stop();
    await i.close();
  }
  await chain.revert();
});

/** Brings the API's own (server) index up to the chain's head; a request alone waits at most 2 s for it. Syncs at
 * least once: after a test's chain revert the index may be ahead of the head, on blocks the chain dropped. */
async function serverIndexCaughtUp() {
  const index = (await import('./server')).getListingIndex();
  const head = Number(await chain.publicClient.getBlockNumber({ cacheTime: 0 }));
  do await index.syncOnce();
  while (index.indexedBlock < head);
}

/** The rows the store's planner statistics give `table` (0 when it has none: never analysed since it was created). */
async function plannerRows(index: ListingIndexer, table: string): Promise<number> {
  if (currentStore === 'postgres') {
    const r = await sql<{ n: number }>`SELECT reltuples AS n FROM pg_class WHERE relname = ${table} AND relkind = 'r'`.execute(index.db);
    return Math.max(0, Number(r.rows[0]?.n ?? 0));
  }
  const r = await sql<{ stat: string }>`SELECT stat FROM sqlite_stat1 WHERE tbl = ${table} LIMIT 1`.execute(index.db).catch(() => ({ rows: [] as { stat: string }[] }));
  return r.rows.length ? Number(r.rows[0]!.stat.split(' ')[0]) : 0;
}

// Every indexer-level test runs on each store: the embedded SQLite file, and PostgreSQL when
// INDEX_TEST_DATABASE_URL names a server (`npm test` and CI start one with scripts/pg-server.sh).
const PG_URL = process.env.INDEX_TEST_DATABASE_URL;
const STORES = PG_URL ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);
type Store = (typeof STORES)[number];
let currentStore: Store = 'sqlite';
const pgDatabases = new Map<string, string>();

/** A fresh PostgreSQL database per key (a key reused within a test is the same database: a restart). */
async function pgUrlFor(key: string): Promise<string> {
  let url = pgDatabases.get(key);
  if (!url) {
    const name = `dmex_t${process.pid}_${pgDatabases.size + 1}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(PG_URL!);
    u.pathname = `/${name}`;
    url = u.toString();
    pgDatabases.set(key, url);
  }
  return url;
}
afterAll(async () => {
  if (!PG_URL || pgDatabases.size === 0) return;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  for (const url of pgDatabases.values()) await admin.query(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
  await admin.end();
});

let fileNo = 0;
async function newIndexer(opts: { dbPath?: string; client?: PublicClient; confirmations?: number; role?: 'auto' | 'indexer' | 'reader'; withYield?: boolean; withTreasury?: boolean; batchBlocks?: number } = {}): Promise<ListingIndexer> {
  const c = chain.deployment.contracts;
  const key = opts.dbPath ?? path.join(dir, `t${++fileNo}.sqlite`);
  const i = new ListingIndexer({
    chainId: 31337,
    rpcUrl: chain.anvil.rpcUrl,
    client: opts.client,
    contracts: {
      Marketplace: c.Marketplace, HashrateNFT: c.HashrateNFT, MinerRegistry: c.MinerRegistry,
      ...(opts.withYield ? { YieldDistributor: c.YieldDistributor } : {}),
      ...(opts.withTreasury ? { Revenue: c.Revenue, DMC: c.DMC, IFIL: c.IFIL } : {}),
    },
    startBlock: chain.deployment.startBlock,
    ...(currentStore === 'postgres' ? { databaseUrl: await pgUrlFor(key) } : { dbPath: key }),
    role: opts.role,
    confirmations: opts.confirmations ?? 0,
    batchBlocks: opts.batchBlocks ?? 50, // several ranges even on the small seeded chain
  });
  indexers.push(i);
  return i;
}

const send: TestChain['send'] = (...a) => chain.send(...a);
const read = <T>(...a: Parameters<TestChain['read']>) => chain.read<T>(...a);

const q = (raw: IndexListingsInput) => indexListingsQuerySchema.parse(raw);
const live = (i: ListingIndexer, raw: IndexListingsInput = {}) => queryIndexedListings(i.db, q({ limit: '100', ...raw }), i.chainTime);
const usdt = (v: string) => parseUnits(v, 6);

describe.each(STORES)('the index on %s', (store) => {
  beforeAll(() => {
    currentStore = store;
  });
  afterAll(() => {
    currentStore = 'sqlite';
  });

  describe('catch-up', () => {
    it('indexes from the start block in ranges and serves what the chain says is for sale', async () => {
      const index = await newIndexer();
      const r = await index.syncOnce();
      const head = Number(await chain.publicClient.getBlockNumber({ cacheTime: 0 }));
      expect(r.indexedBlock).toBe(head);
      expect(r.events).toBeGreaterThan(60);
      const market = await readMarket(); // the direct chain read the index replaces
      expect(index.chainTime).toBe(market.chainTime);
      const page = (await live(index, { sort: 'price_asc', type: 'fixed' })); // the direct read knows fixed-price listings only
      expect(page.total).toBe(market.listings.length);
      // The seed's two auctions: miner B's with a bid, miner A's at its reserve.
      const auctions = (await live(index, { type: 'auction', sort: 'ending_soon' })).items;
      expect(auctions.map((a) => a.tokenId)).toEqual([4_000_008n, 2_000_010n]);
      expect(auctions[1]!.auction).toMatchObject({ bidCount: 1, highestBid: usdt('11'), highestBidder: getAddress(devAccounts.buyer), minNextBid: usdt('11.55') });
      expect(auctions[0]!.auction).toMatchObject({ bidCount: 0, highestBid: null, reservePrice: usdt('4'), minNextBid: usdt('4') });
      const key = (l: Pick<ListingView, 'tokenId' | 'seller' | 'price' | 'pricePerUnitDay' | 'daysLeft' | 'primary'>) =>
        `${l.tokenId}:${l.seller}:${l.price}:${l.pricePerUnitDay}:${l.daysLeft}:${l.primary}`;
      expect(page.items.map(key).sort()).toEqual(market.listings.map(key).sort());
      const l = page.items.find((x) => x.tokenId === 2_000_003n)!;
      expect(l.product).toEqual(market.listings.find((x) => x.tokenId === 2_000_003n)!.product);
      expect(l).toMatchObject({ saleType: 'fixed', status: 'live', minerName: 'Shenzhen Filecoin Mining Ltd.', auction: null });
      // The seed's five sales, newest first.
      const sales = (await recentActivity(index.db, { limit: 20, type: 'sale' }));
      expect(sales).toHaveLength(5);
      expect(sales[0]).toMatchObject({ kind: 'sale', tokenId: 1_000_002n, buyer: getAddress(devAccounts.buyer2), saleType: 'fixed' });
      expect((await indexedListingDetail(index.db, 1_000_002n, index.chainTime))!.sales).toHaveLength(1);
    });
  });

  describe('stored block hashes', () => {
    it('keeps blocks with events, the start block and the range ends of the last 256 blocks, in ranges read ahead of their writes', async () => {
      const index = await newIndexer({ batchBlocks: 10 });
      await index.syncOnce();
      const head = index.indexedBlock;
      const start = chain.deployment.startBlock;
      expect(head - start).toBeGreaterThan(300); // ranges pushed out of the window
      const blocks = (await index.db.selectFrom('blocks').select('number').orderBy('number').execute()).map((b) => Number(b.number));
      const withEvents = new Set((await index.db.selectFrom('events').select('block_number').distinct().execute()).map((e) => Number(e.block_number)));
      const rangeEnds = new Set<number>();
      for (let to = start + 9; to < head; to += 10) rangeEnds.add(to);
      rangeEnds.add(head);
      const expected = [...new Set([...withEvents, start, ...[...rangeEnds].filter((n) => n >= head - 256)])].sort((a, b) => a - b);
      expect(blocks).toEqual(expected);
      // Every stored hash is the chain's.
      for (const n of [start, blocks[Math.floor(blocks.length / 2)]!, head]) {
        const stored = await index.db.selectFrom('blocks').select('hash').where('number', '=', n).executeTakeFirstOrThrow();
        expect(stored.hash).toBe((await chain.publicClient.getBlock({ blockNumber: BigInt(n) })).hash);
      }
    });

    it('reads a header per block only from a node whose logs carry no timestamps, and indexes the same either way', async () => {
      const counting = (strip: boolean) => {
        const calls = { headers: 0 };
        const base = http(chain.anvil.rpcUrl)({ chain: foundry, retryCount: 0 });
        const client = createPublicClient({
          chain: foundry,
          transport: custom({
            async request({ method, params }) {
              if (method === 'eth_getBlockByNumber') calls.headers++;
              const result = await base.request({ method, params });
              // A node that leaves blockTimestamp off its logs (older geth, many providers).
              return strip && method === 'eth_getLogs' ? (result as Record<string, unknown>[]).map(({ blockTimestamp: _, ...log }) => log) : result;
            },
          }),
        }) as PublicClient;
        return { client, calls };
      };
      const stamped = counting(false);
      const plain = counting(true);
      const a = await newIndexer({ client: stamped.client, batchBlocks: 200 });
      const b = await newIndexer({ client: plain.client, batchBlocks: 200 });
      await a.syncOnce();
      await b.syncOnce();
      const dump = async (i: ListingIndexer) =>
        Promise.all(['blocks', 'events', 'listings', 'sales', 'tokens'].map(async (t) => (await sql.raw(`SELECT * FROM ${t} ORDER BY 1, 2`).execute(i.db)).rows));
      expect(await dump(a)).toEqual(await dump(b));
      const withEvents = Number((await sql<{ n: bigint }>`SELECT COUNT(DISTINCT block_number) AS n FROM events`.execute(a.db)).rows[0]!.n);
      const ranges = Math.ceil((a.indexedBlock - chain.deployment.startBlock + 1) / 200);
      expect(withEvents).toBeGreaterThan(20);
      expect(plain.calls.headers).toBeGreaterThanOrEqual(withEvents);
      expect(stamped.calls.headers).toBeLessThanOrEqual(3 * ranges + 4); // the ends of each range (and the tip checks)
    });
  });

  describe('confirmations', () => {
    it('indexes a block only once enough blocks are on top of it', async () => {
      const index = await newIndexer({ confirmations: 3 });
      const head = Number(await chain.publicClient.getBlockNumber({ cacheTime: 0 }));
      expect((await index.syncOnce()).indexedBlock).toBe(head - 3);
      await send(devAccounts.minerC, chain.deployment.contracts.Marketplace, marketplaceAbi, 'cancel', [3_000_005n]);
      await chain.testClient.mine({ blocks: 2 });
      await index.syncOnce();
      expect(index.indexedBlock).toBe(head);
      expect((await live(index)).items.some((l) => l.tokenId === 3_000_005n)).toBe(true); // the cancel has 2 confirmations
      await chain.testClient.mine({ blocks: 1 });
      await index.syncOnce();
      expect((await live(index)).items.some((l) => l.tokenId === 3_000_005n)).toBe(false);
    });
  });

  describe('restart', () => {
    it('a new indexer on the same file resumes from the stored block without re-reading', async () => {
      const file = path.join(dir, 'resume.sqlite');
      const first = await newIndexer({ dbPath: file });
      const { indexedBlock } = await first.syncOnce();
      const total = (await live(first)).total;
      await first.stop();
      await first.close();

      const ranges: { fromBlock: number; toBlock: number }[] = [];
      const client = createPublicClient({
        chain: foundry,
        transport: http(chain.anvil.rpcUrl, {
          onFetchRequest: async (request) => {
            const body = (await request.clone().json()) as { method: string; params: [{ fromBlock: Hex; toBlock: Hex }] } | { method: string; params: [{ fromBlock: Hex; toBlock: Hex }] }[];
            for (const call of Array.isArray(body) ? body : [body]) {
              if (call.method === 'eth_getLogs') ranges.push({ fromBlock: Number(call.params[0].fromBlock), toBlock: Number(call.params[0].toBlock) });
            }
          },
        }),
      }) as PublicClient;
      const second = await newIndexer({ dbPath: file, client });
      await second.open();
      expect(second.indexedBlock).toBe(indexedBlock);
      expect((await live(second)).total).toBe(total);
      await second.syncOnce();
      expect(ranges).toEqual([]); // nothing new: nothing read

      await send(devAccounts.minerC, chain.deployment.contracts.Marketplace, marketplaceAbi, 'cancel', [3_000_005n]);
      const r = await second.syncOnce();
      expect(ranges).toEqual([{ fromBlock: indexedBlock + 1, toBlock: indexedBlock + 1 }]);
      expect(r.indexedBlock).toBe(indexedBlock + 1);
      expect((await live(second)).items.some((l) => l.tokenId === 3_000_005n)).toBe(false);
      expect((await indexedListingDetail(second.db, 3_000_005n, second.chainTime))!.listing.status).toBe('cancelled');
    });

    it('starts over when the start block has another hash (a new chain at the same addresses)', async () => {
      const file = path.join(dir, 'newchain.sqlite');
      const first = await newIndexer({ dbPath: file });
      await first.syncOnce();
      const total = (await live(first)).total;
      // What a restarted anvil looks like from the stored file: block 1 is not the block we indexed.
      await setMeta(first.db, 'startBlockHash', `0x${'ab'.repeat(32)}`);
      await first.db.deleteFrom('listings').where('token_id', '=', 3_000_005).execute(); // state only the old chain had
      await first.stop();
      await first.close();
      const second = await newIndexer({ dbPath: file });
      const r = await second.syncOnce();
      expect(r.wiped).toBe(true);
      expect((await getMeta(second.db, 'startBlockHash'))).toBe((await chain.publicClient.getBlock({ blockNumber: 1n })).hash);
      expect((await live(second)).total).toBe(total);
      expect((await live(second)).items.some((l) => l.tokenId === 3_000_005n)).toBe(true);
    });
  });

  describe('several processes on one store', () => {
    const dump = async (db: ListingIndexer['db']) =>
      Promise.all(['events', 'listings', 'bids', 'sales', 'tokens', 'first_sales', 'refunds'].map(async (t) => (await sql.raw(`SELECT * FROM ${t} ORDER BY 1, 2`).execute(db)).rows));

    it('two indexers syncing the same store at once apply every event exactly once', async () => {
      const key = path.join(dir, `shared-${store}-${++fileNo}.sqlite`);
      const a = await newIndexer({ dbPath: key });
      const b = await newIndexer({ dbPath: key });
      await Promise.all([a.syncOnce().catch(() => undefined), b.syncOnce().catch(() => undefined)]);
      await a.syncOnce().catch(() => undefined);
      await b.syncOnce().catch(() => undefined);
      const alone = await newIndexer();
      await alone.syncOnce();
      expect(a.indexedBlock).toBe(alone.indexedBlock);
      const [together, single] = [await dump(a.db), await dump(alone.db)];
      expect(together[0]!.length).toBeGreaterThan(60);
      expect(together).toEqual(single);
    });

    it.runIf(store === 'postgres')('one process indexes, the others read what it commits, and one takes over when it stops', async () => {
      const key = path.join(dir, `leader-${++fileNo}`);
      const a = await newIndexer({ dbPath: key });
      await a.syncOnce();
      const b = await newIndexer({ dbPath: key });
      await b.syncOnce();
      expect([a.isWriter, b.isWriter]).toEqual([true, false]);
      expect(b.indexedBlock).toBe(a.indexedBlock);
      expect((await live(b)).total).toBe((await live(a)).total);

      await send(devAccounts.minerC, chain.deployment.contracts.Marketplace, marketplaceAbi, 'cancel', [3_000_005n]);
      await b.syncOnce(); // a reader never reads the chain's logs: nothing changes until the indexer commits
      expect(b.indexedBlock).toBe(a.indexedBlock);
      await a.syncOnce();
      await b.syncOnce();
      expect(b.indexedBlock).toBe(a.indexedBlock);
      expect((await live(b)).items.some((l) => l.tokenId === 3_000_005n)).toBe(false);

      // The indexer stops (its session, and so its lock, ends): the reader takes over on its next poll.
      await a.close();
      await send(devAccounts.minerC, chain.deployment.contracts.Marketplace, marketplaceAbi, 'cancel', [3_000_006n]);
      await b.syncOnce();
      expect(b.isWriter).toBe(true);
      expect(b.indexedBlock).toBe(Number(await chain.publicClient.getBlockNumber({ cacheTime: 0 })));
      expect((await live(b)).items.some((l) => l.tokenId === 3_000_006n)).toBe(false);
    });
  });

  describe('bulk inserts', () => {
    it('store every value as given, in chunks, with ON CONFLICT and RETURNING (PostgreSQL: as arrays through unnest)', async () => {
      const index = await newIndexer();
      await index.syncOnce();
      const texts = ['plain', 'a "quoted", {braced} \\ back\\slash', 'NULL', '', '😀 中文'];
      const rows = texts.map((t, i) => ({ account: t, amount: String(2n ** 200n + BigInt(i)), filecoin_address: `f1${t}`, block_number: 9_000_000_000 + i, log_index: i, tx_hash: `0x${i}`, timestamp: 2 ** 53 - 1 - i }));
      const back = await insertMany(index.db, 'redemptions', rows, { chunk: 2, pgChunk: 2, returning: ['log_index', 'account'] });
      expect(back.map((r) => [Number(r.log_index), r.account])).toEqual(texts.map((t, i) => [i, t]));
      await insertMany(index.db, 'redemptions', rows, { chunk: 2, pgChunk: 2, suffix: 'ON CONFLICT (block_number, log_index) DO NOTHING' });
      const stored = await index.db.selectFrom('redemptions').selectAll().where('block_number', '>=', 9_000_000_000).orderBy('log_index').execute();
      expect(stored.map((r) => ({ ...r, block_number: Number(r.block_number), log_index: Number(r.log_index), timestamp: Number(r.timestamp) }))).toEqual(rows);

      const product = { product_id: 999, miner: '0x01', coin: 'FIL', node_id: 'f0999', hashrate: 2n ** 62n, nft_count: 1, minted: 0, term_start: 0, term_end: 1, daily_yield: '1', daily_yield_num: 1.5e-7, application_id: null, miner_name: null };
      await insertMany(index.db, 'products', [product], { chunk: 10 });
      const p = await index.db.selectFrom('products').selectAll().where('product_id', '=', 999).executeTakeFirstOrThrow();
      expect(BigInt(p.hashrate)).toBe(2n ** 62n);
      expect(p.daily_yield_num).toBeCloseTo(1.5e-7, 15);
      expect([p.application_id, p.miner_name]).toEqual([null, null]);
    });
  });

  describe('set-based derivation', () => {
    it('applying runs of mints, listings, purchases and deposits as sets derives exactly what applying each event does', async () => {
      const index = await newIndexer({ withYield: true });
      await index.syncOnce();
      const dump = async () =>
        Promise.all(
          ['listings', 'tokens', 'first_sales', 'operators', 'sales', 'products', 'deposits'].map(
            async (t) => (await sql.raw(`SELECT * FROM ${t} ORDER BY ${t === 'deposits' ? 'block_number, log_index' : '1'}`).execute(index.db)).rows,
          ),
        );
      const count = async (name: string) => Number((await sql<{ n: bigint }>`SELECT COUNT(*) AS n FROM events WHERE name = ${name}`.execute(index.db)).rows[0]!.n);
      // The seed lists with listBatch, buys several NFTs in a row (Sold, FirstSale, Transfer each) and deposits
      // yield day after day: runs the set-based paths take.
      expect(await count('Listed')).toBeGreaterThan(20);
      expect(await count('Sold')).toBeGreaterThan(3);
      expect(await count('FirstSale')).toBeGreaterThan(3);
      expect(await count('YieldDeposited')).toBeGreaterThan(3);
      const asSets = await dump();
      const { Deriver } = await import('./derive');
      const applyAll = Deriver.prototype.applyAll;
      Deriver.prototype.applyAll = async function (this: InstanceType<typeof Deriver>, db, events) {
        for (const r of events) await this.apply(db, r.event, r.timestamp);
      };
      try {
        await index.rebuild();
      } finally {
        Deriver.prototype.applyAll = applyAll;
      }
      expect(await dump()).toEqual(asSets);
    });
  });

  describe('reorg', () => {
    it('rolls back to the fork point: the rolled-back listing is gone and the stored hashes match the chain', async () => {
      const { Marketplace: market, HashrateNFT: nft } = chain.deployment.contracts;
      const index = await newIndexer();
      await index.syncOnce();
      const before = (await live(index)).total;
      const fork = await chain.testClient.snapshot();

      // Branch A: the buyer lists #2000001 (bought in the seed), a few empty blocks follow.
      await send(devAccounts.buyer, nft, hashrateNftAbi, 'setApprovalForAll', [market, true]);
      await send(devAccounts.buyer, market, marketplaceAbi, 'list', [2_000_001n, usdt('20')]);
      await chain.testClient.mine({ blocks: 3 });
      await index.syncOnce();
      expect((await live(index)).items.find((l) => l.tokenId === 2_000_001n)).toMatchObject({ seller: getAddress(devAccounts.buyer), price: usdt('20') });
      const tipA = index.indexedBlock;

      // Branch B replaces it: miner C cancels #3000006 instead, and the chain grows past A's tip.
      await chain.testClient.revert({ id: fork });
      await chain.testClient.mine({ blocks: 2 });
      await send(devAccounts.minerC, market, marketplaceAbi, 'cancel', [3_000_006n]);
      await chain.testClient.mine({ blocks: 4 });
      const r = await index.syncOnce();
      expect(r.rolledBackTo).not.toBeNull();
      expect(r.rolledBackTo!).toBeLessThan(tipA - 4);
      expect(r.indexedBlock).toBe(Number(await chain.publicClient.getBlockNumber({ cacheTime: 0 })));

      const now = (await live(index));
      expect(now.items.some((l) => l.tokenId === 2_000_001n)).toBe(false);
      expect((await indexedListingDetail(index.db, 2_000_001n, index.chainTime))!.listing).toMatchObject({ status: 'sold', seller: getAddress(devAccounts.minerB) });
      expect(now.items.some((l) => l.tokenId === 3_000_006n)).toBe(false);
      expect(now.total).toBe(before - 1);
      expect((await live(index, { type: 'fixed' })).items.map((l) => l.tokenId).sort()).toEqual((await readMarket()).listings.map((l) => l.tokenId).sort());
      // Every stored hash is the chain's.
      const stored = await index.db.selectFrom('blocks').select(['number', 'hash']).execute();
      expect(stored.length).toBeGreaterThan(5);
      for (const b of stored) expect((await chain.publicClient.getBlock({ blockNumber: BigInt(b.number) })).hash).toBe(b.hash as Hex);
      const eventBlocks = await index.db.selectFrom('events').select('block_number').distinct().where('block_number', '>', r.rolledBackTo!).execute();
      expect(eventBlocks.length).toBe(1); // only branch B's cancel
      // The rebuilt tables were analysed: the planner picks the pages' indexes at once, not after autovacuum.
      expect(await plannerRows(index, 'listings')).toBeGreaterThan(0);
    });

    it('a rebuild leaves the planners\' statistics of the tables it recreated, as a catch-up does', async () => {
      const index = await newIndexer();
      await index.syncOnce();
      await index.rebuild();
      // Without them PostgreSQL scanned 50,000 listings for a portfolio page after the benchmark's rebuild (15 -> 65 ms).
      for (const table of ['listings', 'tokens', 'sales'] as const) expect(await plannerRows(index, table)).toBeGreaterThan(0);
    });

    it('a rollback whose rebuild fails leaves the index exactly as it was (one transaction), and the next sync recovers', async () => {
      const index = await newIndexer();
      await index.syncOnce();
      const count = async (table: 'events' | 'listings' | 'tokens') => Number((await index.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const snapshot = async () => ({
        lastBlock: index.indexedBlock,
        events: await count('events'),
        listings: await count('listings'),
        tokens: await count('tokens'),
        live: (await live(index)).total,
      });
      const before = await snapshot();
      expect(before.listings).toBeGreaterThan(0);
      // The rebuild dies half-way (a crash, a bug in a derivation): the rollback must not be half-applied.
      const { Deriver } = await import('./derive');
      const apply = Deriver.prototype.apply;
      let calls = 0;
      Deriver.prototype.apply = function (this: InstanceType<typeof Deriver>, ...args: Parameters<typeof apply>) {
        if (++calls === 20) throw new Error('crash in the middle of the rebuild');
        return apply.apply(this, args);
      };
      try {
        await expect((index as unknown as { rollbackTo(n: number): Promise<void> }).rollbackTo(before.lastBlock - 50)).rejects.toThrow('crash in the middle of the rebuild');
      } finally {
        Deriver.prototype.apply = apply;
      }
      expect(await snapshot()).toEqual(before);
      await index.syncOnce();
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('primary sales', () => {
    it('a listing is primary while its NFT has never been sold, whoever lists it; a sold NFT back with its miner is a resale', async () => {
      const { Marketplace: market, HashrateNFT: nft } = chain.deployment.contracts;
      const index = await newIndexer();
      await index.syncOnce();
      const detail = async (id: bigint) => (await indexedListingDetail(index.db, id, index.chainTime))!.listing;
      expect(await detail(1_000_003n)).toMatchObject({ seller: getAddress(devAccounts.minerA), primary: true });
      expect(await detail(1_000_002n)).toMatchObject({ seller: getAddress(devAccounts.buyer2), primary: false });
      expect((await index.db.selectFrom('first_sales').select('token_id').orderBy('token_id').execute()).map((r) => Number(r.token_id))).toEqual([
        1_000_001, 1_000_002, 2_000_001, 2_000_002, 3_000_001,
      ]);
      // Sold once, the NFT goes back to its miner, who lists it again: a resale (no escrow, the trading fee).
      expect(await read<boolean>(nft, hashrateNftAbi, 'isSold', [1_000_001n])).toBe(true);
      await send(devAccounts.buyer2, nft, hashrateNftAbi, 'transferFrom', [devAccounts.buyer2, devAccounts.minerA, 1_000_001n]);
      await send(devAccounts.minerA, market, marketplaceAbi, 'list', [1_000_001n, usdt('2')]);
      expect(await read<boolean>(market, marketplaceAbi, 'isPrimarySale', [1_000_001n])).toBe(false);
      await index.syncOnce();
      expect(await detail(1_000_001n)).toMatchObject({ seller: getAddress(devAccounts.minerA), primary: false, status: 'live' });
      expect((await live(index, { sale: 'resale' })).items.map((l) => l.tokenId).sort()).toEqual([1_000_001n, 1_000_002n]);
      const direct = (await readMarket()).listings.find((l) => l.tokenId === 1_000_001n);
      expect(direct).toMatchObject({ primary: false });
    });
  });

  describe('mint on purchase', () => {
    it('a product put on sale unminted counts as issued; each purchase mints a sold token to its buyer and moves the sale on', async () => {
      const { Marketplace: market, HashrateNFT: nft, MinerRegistry: registry, PaymentToken: payment } = chain.deployment.contracts;
      // The registry is the NFT's issuer (it checks an active application); the test acts as it for a product of 3.
      await chain.testClient.impersonateAccount({ address: registry });
      await chain.testClient.setBalance({ address: registry, value: 10n ** 18n });
      const now = (await chain.publicClient.getBlock()).timestamp;
      const params = { miner: devAccounts.minerA, coin: 0, nodeId: 'f0999001', hashratePerNFT: 1000n, nftCount: 3, termStart: now - (now % 86_400n), termEnd: now - (now % 86_400n) + 31n * 86_400n, expectedDailyYieldPerUnit: 10n ** 15n };
      const created = await send(registry, nft, hashrateNftAbi, 'createProduct', [params]);
      const productId = BigInt(created.logs[0]!.topics[1]!);
      await send(registry, nft, hashrateNftAbi, 'listUnminted', [productId, usdt('2')]);
      await chain.testClient.stopImpersonatingAccount({ address: registry });
      await send(devAccounts.buyer, payment, mockUsdtAbi, 'approve', [market, usdt('2')]);
      await send(devAccounts.buyer, market, marketplaceAbi, 'buyProduct', [productId, usdt('2')]);

      const index = await newIndexer();
      await index.syncOnce();
      const pid = Number(productId);
      const first = pid * 1_000_000 + 1;
      expect(Number((await index.db.selectFrom('products').select('minted').where('product_id', '=', pid).executeTakeFirstOrThrow()).minted)).toBe(3);
      const sale = await index.db.selectFrom('product_sales').selectAll().where('product_id', '=', pid).executeTakeFirstOrThrow();
      expect({ ...sale, next_serial: Number(sale.next_serial), last_serial: Number(sale.last_serial) }).toMatchObject({
        seller: getAddress(devAccounts.minerA), price: usdt('2').toString(), next_serial: 2, last_serial: 3, status: 'live',
      });
      expect(await index.db.selectFrom('tokens').select('owner').where('token_id', '=', first).executeTakeFirstOrThrow()).toMatchObject({ owner: getAddress(devAccounts.buyer) });
      expect(await index.db.selectFrom('first_sales').select('buyer').where('token_id', '=', first).executeTakeFirst()).toMatchObject({ buyer: getAddress(devAccounts.buyer) });
      expect(await index.db.selectFrom('sales').select(['seller', 'buyer', 'price']).where('token_id', '=', first).execute()).toEqual([
        { seller: getAddress(devAccounts.minerA), buyer: getAddress(devAccounts.buyer), price: usdt('2').toString() },
      ]);
      expect(await read<boolean>(nft, hashrateNftAbi, 'isSold', [BigInt(first)])).toBe(true);

      await send(devAccounts.minerA, market, marketplaceAbi, 'cancelProduct', [productId]);
      await index.syncOnce();
      expect(await index.db.selectFrom('product_sales').select('status').where('product_id', '=', pid).executeTakeFirstOrThrow()).toMatchObject({ status: 'cancelled' });
    });
  });

  describe('stale listings', () => {
    it('marks a fixed-price listing stale when the NFT leaves the seller or the approval goes, and live when it is back', async () => {
      const { Marketplace: market, HashrateNFT: nft } = chain.deployment.contracts;
      const index = await newIndexer();
      await index.syncOnce();
      await send(devAccounts.buyer2, nft, hashrateNftAbi, 'transferFrom', [devAccounts.buyer2, devAccounts.buyer, 1_000_002n]);
      await index.syncOnce();
      expect((await live(index)).items.some((l) => l.tokenId === 1_000_002n)).toBe(false);
      expect((await live(index, { status: 'stale' })).items.map((l) => l.tokenId)).toEqual([1_000_002n]);
      await send(devAccounts.buyer, nft, hashrateNftAbi, 'transferFrom', [devAccounts.buyer, devAccounts.buyer2, 1_000_002n]);
      await index.syncOnce();
      expect((await live(index)).items.some((l) => l.tokenId === 1_000_002n)).toBe(true);

      const ofC = (await live(index, { miner: devAccounts.minerC })).total;
      expect(ofC).toBe(7);
      await send(devAccounts.minerC, nft, hashrateNftAbi, 'setApprovalForAll', [market, false]);
      await index.syncOnce();
      expect((await live(index, { miner: devAccounts.minerC })).total).toBe(0);
      expect((await live(index, { miner: devAccounts.minerC, status: 'stale' })).total).toBe(ofC);
      expect((await live(index, { type: 'fixed' })).total).toBe((await readMarket()).listings.length);
      // A per-token approval makes that one listing buyable again.
      await send(devAccounts.minerC, nft, hashrateNftAbi, 'approve', [market, 3_000_002n]);
      await index.syncOnce();
      expect((await live(index, { miner: devAccounts.minerC })).items.map((l) => l.tokenId)).toEqual([3_000_002n]);
    });
  });

  describe('auctions', () => {
    it('follows an auction from creation through bids to settlement, with its bids and sale', async () => {
      const { Marketplace: market, PaymentToken: token } = chain.deployment.contracts;
      const index = await newIndexer();
      await index.syncOnce();
      // #1000002 is listed at a fixed price by buyer2; auctioning it ends that listing (no ListingCancelled).
      await send(devAccounts.buyer2, market, marketplaceAbi, 'createAuction', [1_000_002n, usdt('2'), 3600n, 500n]);
      await index.syncOnce();
      const auctionOf1000002 = async () => (await live(index, { type: 'auction' })).items.find((l) => l.tokenId === 1_000_002n);
      expect((await live(index, { type: 'auction' })).total).toBe(3); // and the seed's two
      expect((await auctionOf1000002())).toMatchObject({ tokenId: 1_000_002n, saleType: 'auction', status: 'live', price: usdt('2') });
      expect((await auctionOf1000002())!.auction).toMatchObject({ reservePrice: usdt('2'), bidCount: 0, highestBid: null, minNextBid: usdt('2') });
      expect((await live(index, { type: 'fixed' })).items.some((l) => l.tokenId === 1_000_002n)).toBe(false);
      expect((await live(index, { status: 'cancelled' })).items.map((l) => `${l.tokenId}:${l.saleType}`).sort()).toEqual(['1000002:fixed', '2000010:fixed', '4000008:fixed']);

      for (const [bidder, amount] of [[devAccounts.buyer, usdt('2')], [devAccounts.minerA, 0n]] as const) {
        await send(bidder, token, mockUsdtAbi, 'mint', [bidder, usdt('100')]);
        await send(bidder, token, mockUsdtAbi, 'approve', [market, usdt('100')]);
        const bid = amount || (await read<bigint>(market, marketplaceAbi, 'minNextBid', [1_000_002n]));
        await send(bidder, market, marketplaceAbi, 'bid', [1_000_002n, bid]);
      }
      await index.syncOnce();
      const onChain = await read<{ endTime: number; highestBid: bigint; highestBidder: Address }>(market, marketplaceAbi, 'auction', [1_000_002n]);
      expect((await auctionOf1000002())!.auction).toMatchObject({
        bidCount: 2,
        highestBid: onChain.highestBid,
        highestBidder: onChain.highestBidder,
        endTime: BigInt(onChain.endTime),
        minNextBid: await read<bigint>(market, marketplaceAbi, 'minNextBid', [1_000_002n]),
      });
      expect(onChain.highestBid).toBe(usdt('2.1'));
      expect((await recentActivity(index.db, { limit: 2 })).map((a) => a.kind)).toEqual(['bid', 'bid']);

      await chain.testClient.increaseTime({ seconds: 3601 });
      await chain.testClient.mine({ blocks: 1 });
      await index.syncOnce();
      expect((await auctionOf1000002())).toBeUndefined();
      expect((await live(index, { status: 'ended' })).items.map((l) => l.tokenId)).toEqual([1_000_002n]);
      await send(devAccounts.foundation, market, marketplaceAbi, 'settle', [1_000_002n]);
      await index.syncOnce();
      const detail = (await indexedListingDetail(index.db, 1_000_002n, index.chainTime))!;
      expect(detail.listing).toMatchObject({ saleType: 'auction', status: 'sold' });
      expect(detail.listing.auction!.winner).toBe(getAddress(devAccounts.minerA));
      expect(detail.bids.map((b) => b.amount)).toEqual([usdt('2.1'), usdt('2')]);
      expect(detail.sales[0]).toMatchObject({ saleType: 'auction', buyer: getAddress(devAccounts.minerA), price: usdt('2.1') });
      expect(detail.sales[0]!.fee).toBe((usdt('2.1') * 200n) / 10_000n); // a resale pays the trading fee
      const refunds = await index.db.selectFrom('refunds').select('credited').where('account', '=', getAddress(devAccounts.buyer)).executeTakeFirstOrThrow();
      expect(refunds.credited).toBe(usdt('2').toString());

      // Replaying the stored events (what a reorg does) derives exactly what the incremental path did.
      const derived = () =>
        Promise.all(['listings', 'bids', 'sales', 'tokens', 'operators', 'products', 'refunds'].map(async (t) => (await sql.raw(`SELECT * FROM ${t} ORDER BY 1`).execute(index.db)).rows));
      const incremental = await derived();
      await index.rebuild();
      expect(await derived()).toEqual(incremental);
    });

    it('an auction nobody bid on ends unsold; ending_soon puts auctions first', async () => {
      const { Marketplace: market } = chain.deployment.contracts;
      const index = await newIndexer();
      await send(devAccounts.minerC, market, marketplaceAbi, 'createAuction', [3_000_007n, usdt('15'), 7200n, 1000n]);
      await send(devAccounts.minerC, market, marketplaceAbi, 'createAuction', [3_000_008n, usdt('15'), 3600n, 1000n]);
      await index.syncOnce();
      expect((await live(index, { sort: 'ending_soon', limit: '4' })).items.map((l) => l.tokenId)).toEqual([3_000_008n, 3_000_007n, 4_000_008n, 2_000_010n]);
      await chain.testClient.increaseTime({ seconds: 7201 });
      await chain.testClient.mine({ blocks: 1 });
      await send(devAccounts.buyer, market, marketplaceAbi, 'settle', [3_000_007n]);
      await index.syncOnce();
      expect((await indexedListingDetail(index.db, 3_000_007n, index.chainTime))!.listing).toMatchObject({ status: 'ended', auction: { winner: null, bidCount: 0 } });
      expect((await live(index, { status: 'ended' })).items.map((l) => l.tokenId).sort()).toEqual([3_000_007n, 3_000_008n]);
      expect((await recentActivity(index.db, { limit: 5, type: 'sale' }))).toHaveLength(5); // no sale recorded for an unsold auction
    });
  });

  describe('queries', () => {
    let index: ListingIndexer;
    let all: ListingView[];
    beforeEach(async () => {
      index = await newIndexer();
      await index.syncOnce();
      all = (await readMarket()).listings;
    });

    // The direct read (`all`) knows fixed-price listings only.
    const fixed = (raw: IndexListingsInput) => live(index, { type: 'fixed', ...raw });

    async function walk(raw: IndexListingsInput) {
      const seen: bigint[] = [];
      let cursor: string | undefined;
      for (let n = 0; n < 50; n++) {
        const page = (await queryIndexedListings(index.db, q({ type: 'fixed', ...raw, limit: '7', ...(cursor ? { cursor } : {}) }), index.chainTime));
        seen.push(...page.items.map((l) => l.tokenId));
        if (!page.nextCursor) return seen;
        cursor = page.nextCursor;
      }
      throw new Error('cursor did not end');
    }

    it('cursor pages cover every listing once, in the sort order', async () => {
      const byPrice = [...all].sort((a, b) => (a.price < b.price ? -1 : a.price > b.price ? 1 : a.tokenId < b.tokenId ? -1 : 1)).map((l) => l.tokenId);
      expect((await walk({ sort: 'price_asc' }))).toEqual(byPrice);
      const unit = (await walk({ sort: 'unit_price_desc' }));
      expect([...unit].sort()).toEqual(all.map((l) => l.tokenId).sort());
      const ppud = unit.map((id) => all.find((l) => l.tokenId === id)!.pricePerUnitDay);
      for (let i = 1; i < ppud.length; i++) expect(ppud[i]! <= ppud[i - 1]!).toBe(true);
      const newest = (await walk({ sort: 'newest' }));
      expect(newest[0]).toBe(1_000_002n); // the resale was listed last
      expect(new Set(newest).size).toBe(all.length);
      // Offsets still work (the market page uses them) and agree with the cursor walk.
      expect((await fixed({ sort: 'price_asc', offset: '7', limit: '7' })).items.map((l) => l.tokenId)).toEqual(byPrice.slice(7, 14));
    });

    it('the sorts merged per product and the filters narrowed to products give exactly the pages and totals SQL gives', async () => {
      const sorts = ['unit_price_asc', 'unit_price_desc', 'return_desc', 'term_left_desc', 'term_left_asc', 'price_asc', 'price_desc', 'newest'] as const;
      const all = (await queryIndexedListings(index.db, q({ status: 'all', limit: '100' }), index.chainTime, { merge: false })).items;
      const units = all.map((l) => l.pricePerUnitDay).sort((a, b) => (a < b ? -1 : 1));
      const mid = units[Math.floor(units.length / 2)]!;
      const seller = all.find((l) => l.seller !== l.product.miner)?.seller ?? all[0]!.seller;
      const filters: IndexListingsInput[] = [
        {}, { type: 'fixed' }, { status: 'all' }, { sale: 'primary', minPrice: '3000000' }, { miner: devAccounts.minerB }, { product: '2' },
        { minDaysLeft: '100', maxUnitPrice: '9000' },
        // Exactly at a listing's unit price on both bounds: the scope's price ranges must keep it.
        { minUnitPrice: String(mid), status: 'all' }, { maxUnitPrice: String(mid), status: 'all' }, { minUnitPrice: String(mid), maxUnitPrice: String(mid) },
        { minDaysLeft: String(all[0]!.daysLeft), maxDaysLeft: String(all[0]!.daysLeft) }, { maxDaysLeft: '0', status: 'all' },
        { q: all[0]!.product.nodeId.slice(1, 5) }, { q: seller.slice(12, 20).toUpperCase(), status: 'all' }, { q: 'nobody-matches-this' }, { q: 'f0', minUnitPrice: '1' },
        { coin: 'FIL' }, { coin: 'BTC', status: 'all' }, { miner: devAccounts.minerA, q: 'f0' }, { coin: 'FIL', miner: devAccounts.minerC, minDaysLeft: '1' },
      ];
      let compared = 0;
      for (const sort of sorts) {
        for (const f of filters) {
          for (const page of [{ limit: '5' }, { limit: '7', offset: '3' }, { limit: '100' }]) {
            const query = q({ sort, ...f, ...page });
            const [merged, sorted] = [await queryIndexedListings(index.db, query, index.chainTime), await queryIndexedListings(index.db, query, index.chainTime, { merge: false })];
            expect(merged.items.map((l) => l.listingId), `${sort} ${JSON.stringify(f)} ${JSON.stringify(page)}`).toEqual(sorted.items.map((l) => l.listingId));
            expect(merged.total, `${sort} ${JSON.stringify(f)} total`).toBe(sorted.total);
            expect(merged.nextCursor).toBe(sorted.nextCursor);
            if (merged.nextCursor) {
              const next = q({ sort, ...f, limit: page.limit, cursor: merged.nextCursor });
              expect((await queryIndexedListings(index.db, next, index.chainTime)).items.map((l) => l.listingId)).toEqual((await queryIndexedListings(index.db, next, index.chainTime, { merge: false })).items.map((l) => l.listingId));
            }
            compared += sorted.items.length;
          }
        }
      }
      expect(compared).toBeGreaterThan(1000);
    });

    it('market stats: the floor is the cheapest live fixed listing per coin (by the chain\'s own listings), volumes sum the sales in each window', async () => {
      const stats = await marketStats(index.db, index.chainTime);
      const fil = all.filter((l) => l.product.coin === 'FIL');
      const floor = fil.reduce((m, l) => (l.pricePerUnitDay < m ? l.pricePerUnitDay : m), fil[0]!.pricePerUnitDay);
      expect(stats.floor).toEqual([{ coin: 'FIL', pricePerUnitDay: floor, tokenId: expect.any(BigInt) }]);
      expect(fil.find((l) => l.tokenId === stats.floor[0]!.tokenId)!.pricePerUnitDay).toBe(floor);
      const sales = (await recentActivity(index.db, { limit: 100, type: 'sale' })).filter((a) => a.kind === 'sale');
      expect(sales.length).toBeGreaterThan(0);
      const sum = (from: bigint) => sales.filter((x) => x.timestamp > from).reduce((acc, x) => ({ count: acc.count + 1, volume: acc.volume + x.price }), { count: 0, volume: 0n });
      expect(stats.week).toEqual(sum(index.chainTime - 7n * 86_400n));
      expect(stats.day).toEqual(sum(index.chainTime - 86_400n));
      expect(stats.live).toBe((await queryIndexedListings(index.db, q({ limit: '100' }), index.chainTime)).total);
      // A day later the 24-hour window is empty and the week still holds the same sales.
      const later = await marketStats(index.db, index.chainTime + 86_400n + 1n);
      expect(later.day).toEqual({ count: 0, volume: 0n });
      expect(later.week.count).toBe(stats.week.count);
      // The product filter of the activity route: only that product's tokens.
      const product = sales[0]!.tokenId / 1_000_000n;
      const mine = await recentActivity(index.db, { limit: 100, type: 'sale', product: Number(product) });
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((a) => a.tokenId / 1_000_000n === product)).toBe(true);
      expect(mine.length).toBe(sales.filter((x) => x.tokenId / 1_000_000n === product).length);
    });

    it('leaves out the listings of excluded products (the health filter) on every path, with the same pages and totals', async () => {
      const all = (await queryIndexedListings(index.db, q({ status: 'all', limit: '100' }), index.chainTime, { merge: false })).items;
      const products = [...new Set(all.map((l) => Number(l.product.productId)))];
      expect(products.length).toBeGreaterThan(1);
      const excluded = new Set([products[0]!]);
      const kept = all.filter((l) => !excluded.has(Number(l.product.productId)));
      for (const sort of ['unit_price_asc', 'return_desc', 'price_asc', 'newest'] as const) {
        for (const f of [{ status: 'all' }, { status: 'all', q: 'f0' }, { status: 'all', coin: 'FIL' }] as IndexListingsInput[]) {
          const query = q({ sort, limit: '100', ...f });
          const [merged, sorted] = [
            await queryIndexedListings(index.db, query, index.chainTime, { excludeProducts: excluded }),
            await queryIndexedListings(index.db, query, index.chainTime, { merge: false, excludeProducts: excluded }),
          ];
          expect(merged.items.map((l) => l.listingId), `${sort} ${JSON.stringify(f)}`).toEqual(sorted.items.map((l) => l.listingId));
          expect(merged.total).toBe(sorted.total);
          expect(merged.items.some((l) => excluded.has(Number(l.product.productId)))).toBe(false);
          if (!f.q) expect(merged.total).toBe(kept.length);
        }
      }
      // Excluding every product leaves nothing.
      expect((await queryIndexedListings(index.db, q({ status: 'all' }), index.chainTime, { excludeProducts: new Set(products) })).total).toBe(0);
    });

    it('filters by coin, miner, sale, price, unit price, term left and text', async () => {
      const count = (f: (l: ListingView) => boolean) => all.filter(f).length;
      expect((await fixed({ coin: 'FIL' })).total).toBe(all.length);
      expect((await fixed({ coin: 'BTC' })).total).toBe(0);
      expect((await fixed({ miner: devAccounts.minerA.toLowerCase() })).total).toBe(count((l) => l.product.miner === getAddress(devAccounts.minerA)));
      expect((await fixed({ sale: 'resale' })).items.map((l) => l.tokenId)).toEqual([1_000_002n]);
      expect((await fixed({ minPrice: '4600000', maxPrice: '11900000' })).total).toBe(count((l) => l.price >= 4_600_000n && l.price <= 11_900_000n));
      const cut = [...all].map((l) => l.pricePerUnitDay).sort((a, b) => (a < b ? -1 : 1))[10]!;
      expect((await fixed({ maxUnitPrice: cut.toString() })).total).toBe(count((l) => l.pricePerUnitDay <= cut));
      expect((await fixed({ minUnitPrice: cut.toString() })).total).toBe(count((l) => l.pricePerUnitDay >= cut));
      expect((await fixed({ minDaysLeft: '400' })).total).toBe(count((l) => l.daysLeft >= 400n));
      expect((await fixed({ maxDaysLeft: '200' })).total).toBe(count((l) => l.daysLeft <= 200n));
      expect((await fixed({ q: 'f01231' })).total).toBe(count((l) => l.product.nodeId === 'f01231'));
      expect((await fixed({ q: 'shenzhen' })).total).toBe(count((l) => l.product.nodeId === 'f02097088'));
      expect((await fixed({ q: devAccounts.buyer2.slice(0, 12).toLowerCase() })).items.map((l) => l.tokenId)).toEqual([1_000_002n]);
      expect((await fixed({ q: '100%' })).total).toBe(0); // wildcards are literal
      const ret = (await fixed({ sort: 'return_desc' })).items.map((l) => Number(l.expectedYieldLeft) / Number(l.price));
      for (let i = 1; i < ret.length; i++) expect(ret[i]!).toBeLessThanOrEqual(ret[i - 1]! * (1 + 1e-12));
      expect((await fixed({ status: 'sold' })).total).toBe(5);
      expect((await fixed({ status: 'all' })).total).toBe(all.length + 5 + 2); // + sold + the auctioned tokens' fixed listings
      expect((await live(index, { status: 'all' })).total).toBe(all.length + 5 + 2 + 2);
      expect((await live(index, { coin: 'FIL' })).total).toBe(all.length + 2);
    });

    it.runIf(store === 'sqlite')('the route handlers answer 200 with the page shape, 400 with the reason, 404 for an unknown token', async () => {
      // The handlers app/api/* delegate to after `await connection()` (which needs Next's request scope).
      const { handleListings, handleListing, handleActivity } = await import('./handlers');
      const get = async (url: string) => {
        const res = await handleListings(new URL(`http://localhost/api/listings${url}`).searchParams);
        return { status: res.status, body: await res.json() };
      };
      for (const [query, message] of [
        ['?limit=500', 'limit: Too big: expected number to be <=100'],
        ['?coin=DOGE', 'coin: Invalid option: expected one of "FIL"|"BTC"'],
        ['?sort=cheap&colour=red', 'unknown parameter(s): colour'],
        ['?status=gone', 'status: must be one or more of live, ended, sold, stale, cancelled'],
        ['?minPrice=1.5', 'minPrice: must be a whole number of payment token base units'],
        ['?minPrice=9&maxPrice=3', 'minPrice: must not exceed maxPrice'],
        ['?cursor=bm9wZQ', 'cursor: not a cursor this API returned'],
        ['?type=barter', 'type: Invalid option: expected one of "fixed"|"auction"'],
      ] as const) {
        const r = await get(query);
        expect(r.status, query).toBe(400);
        expect(r.body.error, query).toContain(message);
      }
      const first = await get('?sort=price_asc&limit=5');
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ total: all.length + 2, offset: 0, limit: 5 });
      expect(first.body.items).toHaveLength(5);
      expect(first.body.items[0]).toMatchObject({ saleType: 'fixed', status: 'live', auction: null, product: { coin: 'FIL' } });
      expect(typeof first.body.nextCursor).toBe('string');
      const second = await get(`?sort=price_asc&limit=5&cursor=${first.body.nextCursor}`);
      expect(second.body.items.map((i: { tokenId: string }) => i.tokenId)).toEqual((await get('?sort=price_asc&limit=5&offset=5')).body.items.map((i: { tokenId: string }) => i.tokenId));
      const wrongSort = await get(`?sort=price_desc&cursor=${first.body.nextCursor}`);
      expect(wrongSort.body.error).toContain('cursor: was made for sort=price_asc, not sort=price_desc');

      const detail = await handleListing({ id: '1000002' });
      expect(detail.status).toBe(200);
      expect(await detail.json()).toMatchObject({ listing: { tokenId: '1000002', primary: false }, bids: [], sales: [{ tokenId: '1000002', saleType: 'fixed' }] });
      expect((await handleListing({ id: '77000001' })).status).toBe(404);
      expect((await handleListing({ id: 'x1' })).status).toBe(400);

      const act = await handleActivity(new URLSearchParams('limit=3'));
      expect(act.status).toBe(200);
      expect((await act.json()).items).toHaveLength(3);
      const bad = await handleActivity(new URLSearchParams('limit=0'));
      expect(bad.status).toBe(400);
      expect((await bad.json()).error).toContain('limit: Too small');
    });
  });
});

describe('portfolio', () => {
  it('answers, for every holder, exactly what the chain says it holds and its own listings', async () => {
    const { handlePortfolio } = await import('./handlers');
    const c = chain.deployment.contracts;
    // The server's index catches up first (a request waits at most 2 s for it).
    await serverIndexCaughtUp();
    // The chain's answer: every minted token's owner and stored listing.
    const held = new Map<Address, { tokenId: string; listing: { seller: Address; price: string } | null }[]>();
    const count = await read<bigint>(c.HashrateNFT, hashrateNftAbi, 'productCount');
    for (let pid = 1n; pid <= count; pid++) {
      const p = await read<{ minted: number }>(c.HashrateNFT, hashrateNftAbi, 'product', [pid]);
      for (let serial = 1; serial <= p.minted; serial++) {
        const tokenId = pid * 1_000_000n + BigInt(serial);
        const owner = getAddress(await read<Address>(c.HashrateNFT, hashrateNftAbi, 'ownerOf', [tokenId]));
        const l = await read<{ seller: Address; price: bigint }>(c.Marketplace, marketplaceAbi, 'listing', [tokenId]);
        const listing = getAddress(l.seller) === owner ? { seller: owner, price: l.price.toString() } : null;
        held.set(owner, [...(held.get(owner) ?? []), { tokenId: tokenId.toString(), listing }]);
      }
    }
    expect(held.size).toBeGreaterThan(3); // miners, buyers and the market (auctions)
    for (const [owner, tokens] of held) {
      const res = await handlePortfolio({ address: owner.toLowerCase() }, new URLSearchParams());
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.total, owner).toBe(tokens.length);
      expect(body.items.map((i: { tokenId: string; listing: unknown }) => ({ tokenId: i.tokenId, listing: i.listing })), owner).toEqual(tokens);
    }
    // The second buyer's resale listing and its product, as the portfolio page shows them.
    const buyer2 = (await (await handlePortfolio({ address: devAccounts.buyer2 }, new URLSearchParams())).json()) as { items: { tokenId: string; listing: { price: string } | null; product: { productId: string; coin: string } }[] };
    expect(buyer2.items.find((i) => i.tokenId === '1000002')).toMatchObject({ listing: { price: '1700000' }, product: { productId: '1', coin: 'FIL' } });
    // Pages in token id order; an account with nothing holds nothing.
    const [minerA] = [...held.entries()].find(([, t]) => t.length > 4)!;
    const page = await (await handlePortfolio({ address: minerA }, new URLSearchParams('limit=2&offset=1'))).json();
    expect(page.items.map((i: { tokenId: string }) => i.tokenId)).toEqual(held.get(minerA)!.slice(1, 3).map((t) => t.tokenId));
    const none = await (await handlePortfolio({ address: '0x000000000000000000000000000000000000dEaD' }, new URLSearchParams())).json();
    expect(none).toMatchObject({ total: 0, items: [] });
  });

  it('refuses a bad address or query with the reason', async () => {
    const { handlePortfolio } = await import('./handlers');
    for (const [address, query, message] of [
      ['0x123', '', 'address: must be a 0x-prefixed 20-byte hex address'],
      [devAccounts.buyer, 'limit=0', 'limit: Too small'],
      [devAccounts.buyer, 'limit=1001', 'limit: Too big'],
      [devAccounts.buyer, 'colour=red', 'unknown parameter(s): colour'],
    ] as const) {
      const res = await handlePortfolio({ address }, new URLSearchParams(query));
      expect(res.status, `${address}?${query}`).toBe(400);
      expect((await res.json()).error).toContain(message);
    }
  });
});

describe('token history and my auctions', () => {
  it('a token’s bids and sales match the chain’s events; the bidder filter finds the auctions an account bid on', async () => {
    const { handleTokenHistory, handleListings } = await import('./handlers');
    await serverIndexCaughtUp();
    const c = chain.deployment.contracts;
    const events = async (eventName: 'BidPlaced' | 'Sold' | 'AuctionSettled') =>
      chain.publicClient.getContractEvents({ address: c.Marketplace, abi: marketplaceAbi, eventName, fromBlock: BigInt(chain.deployment.startBlock) });
    const [bids, sold] = await Promise.all([events('BidPlaced'), events('Sold')]);
    expect(bids.length).toBeGreaterThan(0);
    const tokens = new Set([...bids, ...sold].map((l) => (l.args as { tokenId: bigint }).tokenId));
    for (const tokenId of tokens) {
      const body = await (await handleTokenHistory({ id: tokenId.toString() })).json();
      const chainBids = bids.filter((l) => (l.args as { tokenId: bigint }).tokenId === tokenId).map((l) => ({ bidder: (l.args as { bidder: Address }).bidder, amount: String((l.args as { amount: bigint }).amount) }));
      const chainSales = sold.filter((l) => (l.args as { tokenId: bigint }).tokenId === tokenId).map((l) => ({ buyer: (l.args as { buyer: Address }).buyer, price: String((l.args as { price: bigint }).price) }));
      expect(body.bids.map((b: { bidder: Address; amount: string }) => ({ bidder: b.bidder, amount: b.amount })), String(tokenId)).toEqual(chainBids);
      expect(body.sales.map((s: { buyer: Address; price: string }) => ({ buyer: s.buyer, price: s.price })), String(tokenId)).toEqual(chainSales);
    }
    // A token never traded has an empty history; a malformed id is a 400.
    expect(await (await handleTokenHistory({ id: '99000001' })).json()).toMatchObject({ bids: [], sales: [] });
    expect((await handleTokenHistory({ id: '1e6' })).status).toBe(400);
    // Every bidder finds exactly the live auctions it bid on.
    for (const bidder of new Set(bids.map((l) => (l.args as { bidder: Address }).bidder))) {
      const res = await handleListings(new URLSearchParams(`type=auction&bidder=${bidder}`));
      const page = await res.json();
      const expected = [...new Set(bids.filter((l) => (l.args as { bidder: Address }).bidder === bidder).map((l) => String((l.args as { tokenId: bigint }).tokenId)))];
      expect(page.items.map((i: { tokenId: string }) => i.tokenId).sort()).toEqual(expected.sort());
    }
  });
});

describe('proposals, yield deposits, purchases and redemptions', () => {
  it('answer what the chain’s events say', async () => {
    const { handleProposals, handleDeposits, handlePurchases, handleRedemptions } = await import('./handlers');
    const { readDeposits, readPurchasePrices } = await import('@/lib/yield/read');
    await serverIndexCaughtUp();
    const c = chain.deployment.contracts;

    const created = await chain.publicClient.getContractEvents({ address: c.Governor, abi: dmexGovernorAbi, eventName: 'ProposalCreated', fromBlock: 1n });
    const proposals = (await (await handleProposals()).json()).items as { id: string; description: string; targets: Address[]; calldatas: string[]; voteStart: string }[];
    expect(proposals.map((p) => p.id)).toEqual(created.map((l) => l.args.proposalId!.toString()).reverse());
    for (const p of proposals) {
      const l = created.find((x) => x.args.proposalId!.toString() === p.id)!;
      expect(p).toMatchObject({ description: l.args.description, targets: [...l.args.targets!], calldatas: [...l.args.calldatas!], voteStart: l.args.voteStart!.toString() });
    }

    const reader = chain.publicClient as unknown as Parameters<typeof readDeposits>[0];
    const products = [1n, 2n, 3n, 4n];
    const chainDeposits = await readDeposits(reader, products);
    expect(chainDeposits.length).toBeGreaterThan(0);
    const deposits = (await (await handleDeposits(new URLSearchParams(`products=${products.join(',')}`))).json()).items as { productId: string; day: string; amount: string; payer: Address }[];
    expect(deposits).toEqual(chainDeposits.map((d) => ({ productId: d.productId.toString(), day: d.day.toString(), amount: d.amount.toString(), payer: d.payer, blockNumber: d.blockNumber.toString() })));
    expect((await handleDeposits(new URLSearchParams('products=1,x'))).status).toBe(400);

    for (const buyer of [devAccounts.buyer, devAccounts.buyer2]) {
      const owned = (await (await (await import('./handlers')).handlePortfolio({ address: buyer }, new URLSearchParams())).json()).items.map((i: { tokenId: string }) => BigInt(i.tokenId));
      const chainPrices = await readPurchasePrices(reader, buyer, owned);
      const items = (await (await handlePurchases({ address: buyer })).json()).items as { tokenId: string; price: string }[];
      expect(chainPrices.size).toBeGreaterThan(0);
      for (const [tokenId, price] of chainPrices) expect(items.find((i) => i.tokenId === tokenId.toString())?.price, `${buyer} ${tokenId}`).toBe(price.toString());
    }
    // The local chain's IFIL is native: nothing is redeemed to Filecoin; a bad address is a 400.
    expect((await (await handleRedemptions({ address: devAccounts.buyer })).json()).items).toEqual([]);
    expect((await handleRedemptions({ address: 'nope' })).status).toBe(400);
  });
});

describe('loan positions', () => {
  it('are what LoanMarket.position says, before and after a cancel', async () => {
    const { handlePositions } = await import('./handlers');
    const { readPositions } = await import('@/lib/loans/read');
    const { positionFromJson } = await import('./client');
    const reader = chain.publicClient as unknown as Parameters<typeof readPositions>[0];
    const compare = async () => {
      await serverIndexCaughtUp();
      const chainPositions = await readPositions(reader);
      const body = (await (await handlePositions()).json()) as PositionsResponse;
      expect(body.items.map(positionFromJson)).toEqual(chainPositions);
      return chainPositions;
    };
    const before = await compare();
    expect(new Set(before.map((p) => p.state))).toEqual(new Set(['Offer', 'Active', 'Request']));
    const offer = before.find((p) => p.state === 'Offer')!;
    await send(offer.lender!, chain.deployment.contracts.LoanMarket, loanMarketAbi, 'cancel', [offer.id]);
    const after = await compare();
    expect(after.find((p) => p.id === offer.id)!.state).toBe('Cancelled');
  });
});

describe('treasury history, promotion node sales and NFTs staked in mining', () => {
  it('answer what the chain’s events say, after a buyback, a referred sale, a stake and an unstake', async () => {
    const { handleTreasuryHistory, handleNodeSales, handleStakedNfts } = await import('./handlers');
    const { readTreasuryHistory } = await import('@/lib/treasury/read');
    const { decodeTreasuryHistory } = await import('@/lib/treasury/history');
    const { readNodeSales } = await import('@/lib/nodes/read');
    const { decodeNodeSales } = await import('@/lib/nodes/sales');
    const { readStakedNfts } = await import('@/lib/earn/read');
    const c = chain.deployment.contracts;
    const F = devAccounts.foundation;
    const buyer = devAccounts.buyer;
    const byNewest = <T extends { blockNumber: bigint; kind: string }>(xs: T[]) => [...xs].sort((a, b) => Number(b.blockNumber - a.blockNumber) || a.kind.localeCompare(b.kind));
    const compare = async () => {
      await serverIndexCaughtUp();
      const history = decodeTreasuryHistory(await (await handleTreasuryHistory()).json());
      expect(history).toEqual(await readTreasuryHistory(chain.publicClient));
      const sales = decodeNodeSales(await (await handleNodeSales({ address: F })).json());
      expect(byNewest(sales)).toEqual(byNewest(await readNodeSales(chain.publicClient, F)));
      const staked = (await (await handleStakedNfts({ address: buyer })).json()).items as { tokenId: string; weight: string }[];
      expect(staked.map((x) => ({ tokenId: BigInt(x.tokenId), weight: BigInt(x.weight) }))).toEqual(await readStakedNfts(chain.publicClient, buyer));
      return { history, sales, staked };
    };
    const seeded = await compare();
    expect(seeded.history.months.length).toBeGreaterThan(0); // the seed closed month 0
    expect(seeded.history.buybacks).toEqual([]);

    // A buyback an hour after the seed started the price window; a sale through the foundation's link; the
    // buyer stakes two NFTs and takes one back.
    await chain.testClient.increaseTime({ seconds: 3_600 });
    await chain.testClient.mine({ blocks: 1 });
    await send(devAccounts.buyer2, c.Revenue, revenueAbi, 'buyback', []);
    const listed = await chain.publicClient.getContractEvents({ address: c.Marketplace, abi: marketplaceAbi, eventName: 'Listed', fromBlock: 0n });
    let bought = false;
    for (const l of listed) {
      const tokenId = l.args.tokenId!;
      const current = await read<{ price: bigint }>(c.Marketplace, marketplaceAbi, 'listing', [tokenId]);
      const [, sold] = await read<readonly [Address, boolean, bigint]>(c.HashrateNFT, hashrateNftAbi, 'saleState', [tokenId]);
      if (current.price === 0n || sold) continue;
      const nonce = await read<bigint>(c.HashrateNFT, hashrateNftAbi, 'claimNonce', [tokenId]);
      await send(buyer, c.PaymentToken, mockUsdtAbi, 'approve', [c.Marketplace, current.price]);
      await send(buyer, c.Marketplace, marketplaceAbi, 'buyReferred', [tokenId, current.price, nonce, F]);
      bought = true;
      break;
    }
    expect(bought).toBe(true);
    const held = (await (await (await import('./handlers')).handlePortfolio({ address: buyer }, new URLSearchParams('limit=200'))).json()).items.map((i: { tokenId: string }) => BigInt(i.tokenId)) as bigint[];
    const filecoin = held.filter((t) => t / 1_000_000n === 2n).slice(0, 2); // product 2: Filecoin, paying
    expect(filecoin).toHaveLength(2);
    await send(buyer, c.HashrateNFT, hashrateNftAbi, 'setApprovalForAll', [c.DMCMining, true]);
    await send(buyer, c.DMCMining, dmcMiningAbi, 'stakeNft', [filecoin]);
    await send(buyer, c.DMCMining, dmcMiningAbi, 'unstakeNft', [[filecoin[0]!]]);

    const after = await compare();
    expect(after.history.buybacks).toHaveLength(1);
    expect(after.history.buybacks[0]!.supplyAfter).toBeGreaterThan(0n);
    expect(after.sales.length).toBe(seeded.sales.length + 1);
    expect(after.staked.map((x) => BigInt(x.tokenId))).toEqual([filecoin[1]]);
    expect((await handleNodeSales({ address: 'nope' })).status).toBe(400);
  });

  it('a node without a buyback block’s state (not an archive node) leaves that supply unknown and keeps indexing', async () => {
    const c = chain.deployment.contracts;
    await chain.testClient.increaseTime({ seconds: 3_600 });
    await chain.testClient.mine({ blocks: 1 });
    await send(devAccounts.buyer2, c.Revenue, revenueAbi, 'buyback', []);
    const base = http(chain.anvil.rpcUrl)({ chain: foundry, retryCount: 0 });
    const pruned = createPublicClient({
      chain: foundry,
      transport: custom({
        async request({ method, params }) {
          // A full node answers calls at recent blocks only; every historical read fails as geth's does.
          if (method === 'eth_call' && (params as unknown[])[1] !== 'latest') throw new Error('missing trie node');
          return base.request({ method, params });
        },
      }),
    }) as PublicClient;
    const archive = await newIndexer({ withTreasury: true });
    const index = await newIndexer({ client: pruned, withTreasury: true });
    await archive.syncOnce();
    await index.syncOnce();
    expect(index.indexedBlock).toBe(Number(await chain.publicClient.getBlockNumber({ cacheTime: 0 })));
    const { treasuryHistoryOf } = await import('./history');
    const full = await treasuryHistoryOf(archive.db, 0n, 1n);
    const partial = await treasuryHistoryOf(index.db, 0n, 1n);
    expect(full.buybacks).toHaveLength(1);
    expect(full.buybacks[0]!.supplyAfter).toBe(await read<bigint>(c.DMC, mockUsdtAbi, 'totalSupply'));
    expect(partial.buybacks).toEqual([{ ...full.buybacks[0]!, supplyAfter: null }]);
    expect(partial.months).toEqual(full.months);
  });
});

describe('GET /api/listings totals', () => {
  it('are counted once per indexed block: the same filters at the same block reuse the count, the next block (or a reorg to the same height) counts again', async () => {
    const { handleListings } = await import('./handlers');
    const { Marketplace: market, HashrateNFT: nft } = chain.deployment.contracts;
    const total = async (qs: string) => {
      await serverIndexCaughtUp();
      const res = await handleListings(new URLSearchParams(qs));
      expect(res.status).toBe(200);
      return ((await res.json()) as { total: number }).total;
    };
    const index = (await import('./server')).getListingIndex();
    const uncounted = async (qs: string) => (await queryIndexedListings(index.db, q(Object.fromEntries(new URLSearchParams(qs))), index.chainTime)).total;

    const before = await total('sale=resale');
    expect(before).toBe(await uncounted('sale=resale'));
    expect(await total('sale=resale&offset=24')).toBe(before); // the next page: the same count, not counted again
    // The buyer resells a token it bought in the seed: one more resale listing, in a new block.
    const fork = await chain.testClient.snapshot();
    await send(devAccounts.buyer, nft, hashrateNftAbi, 'setApprovalForAll', [market, true]);
    await send(devAccounts.buyer, market, marketplaceAbi, 'list', [2_000_001n, usdt('20')]);
    const height = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
    expect(await total('sale=resale')).toBe(before + 1);
    expect(await total('sale=resale')).toBe(await uncounted('sale=resale'));
    // A reorg to other blocks at the same heights with the same timestamps (so the same chain time), without the
    // listing: only the tip's hash differs, and the total is counted again, not reused.
    const forkHeight = height - 2n; // the approval's and the listing's blocks are replaced
    const dropped = await Promise.all([forkHeight + 1n, height].map((blockNumber) => chain.publicClient.getBlock({ blockNumber })));
    await chain.testClient.revert({ id: fork });
    expect(await chain.publicClient.getBlockNumber({ cacheTime: 0 })).toBe(forkHeight);
    for (const b of dropped) {
      await chain.testClient.setNextBlockTimestamp({ timestamp: b.timestamp });
      await chain.testClient.mine({ blocks: 1 });
    }
    const replaced = await chain.publicClient.getBlock({ blockNumber: height });
    expect(replaced.timestamp).toBe(dropped[1]!.timestamp);
    expect(replaced.hash).not.toBe(dropped[1]!.hash);
    expect(await total('sale=resale')).toBe(before);
  });
});

describe('a request after a transaction', () => {
  it('sees it even when a sync that read the head before it was mined is still running', async () => {
    let delay = 0;
    let logsAsked: () => void = () => undefined;
    const base = http(chain.anvil.rpcUrl)({ chain: foundry, retryCount: 0 });
    const slow = createPublicClient({
      chain: foundry,
      transport: custom({
        async request({ method, params }) {
          if (method === 'eth_getLogs' && delay) {
            logsAsked();
            await new Promise((r) => setTimeout(r, delay));
          }
          return base.request({ method, params });
        },
      }),
    }) as PublicClient;
    const index = await newIndexer({ client: slow });
    await index.ready(); // the first sync, as a server's first request does
    await chain.testClient.mine({ blocks: 1 });
    delay = 500;
    const asked = new Promise<void>((r) => (logsAsked = r));
    const running = index.syncOnce(); // reads the head, then waits on the node's logs
    await asked; // the running sync has its head: the transaction below is mined after it
    const { Marketplace: market, HashrateNFT: nft } = chain.deployment.contracts;
    await send(devAccounts.buyer, nft, hashrateNftAbi, 'setApprovalForAll', [market, true]);
    const head = Number(await chain.publicClient.getBlockNumber({ cacheTime: 0 }));
    await index.fresh(10_000);
    expect(index.indexedBlock).toBe(head);
    await running;
  });
});
