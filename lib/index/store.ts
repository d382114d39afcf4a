// The index's store: raw events and block hashes are the source of truth; every other table is derived from the
// events and can be rebuilt from them (that is how a reorg rolls back). One schema and one query layer (Kysely,
// a typed SQL builder) for two stores: an embedded SQLite file per chain by default, PostgreSQL when
// DATABASE_URL is set (one indexer process, any number of app processes reading the same database).
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type ColumnType, type Generated } from 'kysely';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

/** Bump when the schema or the derivation changes: an older index is then wiped and re-indexed. */
export const SCHEMA_VERSION = '16';

/** An integer column: read as a bigint from both stores (typed `bigint | number` so filters take plain numbers),
 * written from a number, bigint or decimal string. */
type Int = ColumnType<bigint | number, number | bigint | string, number | bigint | string>;
type NullableInt = ColumnType<bigint | number | null, number | bigint | string | null, number | bigint | string | null>;

export interface IndexTables {
  meta: { key: string; value: string };
  blocks: { number: Int; hash: string; timestamp: Int };
  events: { block_number: Int; log_index: Int; tx_hash: string; contract: string; name: string; args: string };
  applications: { id: Int; miner: string; name: string };
  products: {
    product_id: Int; miner: string; coin: string; node_id: string; hashrate: Int; nft_count: Int; minted: Int;
    term_start: Int; term_end: Int; daily_yield: string; daily_yield_num: number; application_id: NullableInt; miner_name: string | null;
  };
  tokens: { token_id: Int; owner: string; approved: string | null };
  first_sales: { token_id: Int; buyer: string; block_number: Int };
  product_sales: { product_id: Int; seller: string; price: string; next_serial: Int; last_serial: Int; status: string };
  operators: { owner: string };
  listings: {
    id: Generated<bigint | number>; token_id: Int; product_id: Int; sale_type: string; seller: string; status: string; price: string; price_num: Int;
    primary_sale: Int; coin: string; miner: string; node_id: string; miner_name: string | null; search: string; hashrate: Int; term_start: Int; term_end: Int;
    unit_base: number; return_base: number; created_block: Int; created_log: Int; created_time: Int; closed_block: NullableInt;
    reserve_price: string | null; end_time: NullableInt; min_increment_bps: NullableInt; highest_bid: string | null; highest_bidder: string | null;
    bid_count: Int; winner: string | null;
  };
  bids: { id: Generated<bigint | number>; listing_id: Int; token_id: Int; bidder: string; amount: string; end_time: Int; block_number: Int; log_index: Int; tx_hash: string; timestamp: Int };
  sales: {
    id: Generated<bigint | number>; listing_id: Int; token_id: Int; sale_type: string; seller: string; buyer: string; price: string; fee: string;
    block_number: Int; log_index: Int; tx_hash: string; timestamp: Int;
  };
  refunds: { account: string; credited: string; withdrawn: string };
  proposals: {
    id: string; proposer: string; targets: string; vals: string; calldatas: string; description: string; vote_start: string; vote_end: string;
    block_number: Int; log_index: Int; timestamp: Int;
  };
  deposits: { product_id: Int; day: Int; amount: string; payer: string; block_number: Int; log_index: Int };
  redemptions: { account: string; amount: string; filecoin_address: string; block_number: Int; log_index: Int; tx_hash: string; timestamp: Int };
  positions: {
    id: Int; state: Int; kind: Int; borrower: string; lender: string; principal: string; apr_bps: Int; duration: Int; start: Int;
    collateral: string; product_id: string; min_term_left: Int; grace: Int; fee_bps: Int; coin: Int; min_hashrate: string;
  };
  loan_settings: { key: string; value: Int };
  revenue: { month: Int; kind: string; key: string; amount: string };
  buybacks: {
    block_number: Int; log_index: Int; tx_hash: string; timestamp: Int; paid: string; bought: string; burned: string; reference_out: string; supply_after: string;
  };
  node_sales: { node: string; kind: string; token_id: Int; via: string; fee: string; cut: string; block_number: Int; log_index: Int; tx_hash: string };
  staked_nfts: { token_id: Int; account: string; weight: string };
}

/** The index database (or a transaction on it: a Kysely `Transaction` is a `Kysely`). */
export type IndexDb = Kysely<IndexTables>;
export type StoreKind = 'sqlite' | 'postgres';

const kinds = new WeakMap<object, StoreKind>();
/** Which store a database (or a transaction on it) is. */
export const storeKind = (db: IndexDb): StoreKind => kinds.get(db) ?? 'sqlite';

const SOURCE_TABLES = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- Hashes of indexed blocks: every block holding an indexed event, and the end of each synced range.
CREATE TABLE IF NOT EXISTS blocks (number INTEGER PRIMARY KEY, hash TEXT NOT NULL, timestamp INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS events (
  block_number INTEGER NOT NULL, log_index INTEGER NOT NULL, tx_hash TEXT NOT NULL,
  contract TEXT NOT NULL, name TEXT NOT NULL, args TEXT NOT NULL,
  PRIMARY KEY (block_number, log_index)
);`;

const DERIVED_TABLES = `
CREATE TABLE applications (id INTEGER PRIMARY KEY, miner TEXT NOT NULL, name TEXT NOT NULL);
CREATE TABLE products (
  product_id INTEGER PRIMARY KEY, miner TEXT NOT NULL, coin TEXT NOT NULL, node_id TEXT NOT NULL,
  hashrate INTEGER NOT NULL, nft_count INTEGER NOT NULL, minted INTEGER NOT NULL DEFAULT 0,
  term_start INTEGER NOT NULL, term_end INTEGER NOT NULL,
  daily_yield TEXT NOT NULL, daily_yield_num REAL NOT NULL,
  application_id INTEGER, miner_name TEXT
);
CREATE TABLE tokens (token_id INTEGER PRIMARY KEY, owner TEXT NOT NULL, approved TEXT);
CREATE INDEX tokens_owner ON tokens (owner, token_id);
-- Tokens that had their first sale (HashrateNFT's FirstSale): a listing of any other token is a primary sale.
CREATE TABLE first_sales (token_id INTEGER PRIMARY KEY, buyer TEXT NOT NULL, block_number INTEGER NOT NULL);
-- A product's NFTs on sale unminted (Marketplace ProductListed): each buyer gets serial next_serial, minted to it.
-- status: live, or cancelled while its miner withdrew the sale.
CREATE TABLE product_sales (
  product_id INTEGER PRIMARY KEY, seller TEXT NOT NULL, price TEXT NOT NULL,
  next_serial INTEGER NOT NULL, last_serial INTEGER NOT NULL, status TEXT NOT NULL
);
-- Owners that approved the Marketplace for all their tokens.
CREATE TABLE operators (owner TEXT PRIMARY KEY);
CREATE TABLE listings (
  id AUTO_ID, token_id INTEGER NOT NULL, product_id INTEGER NOT NULL,
  sale_type TEXT NOT NULL,            -- fixed | auction
  seller TEXT NOT NULL,
  status TEXT NOT NULL,               -- fixed: live | stale | cancelled | sold; auction: live | cancelled | sold | ended (settled unsold)
  price TEXT NOT NULL,                -- fixed: the price; auction: the highest bid, or the reserve before any bid
  price_num INTEGER NOT NULL,         -- price, capped at 2^63-1 (for filters and sorts)
  primary_sale INTEGER NOT NULL,     -- 1: the token had no first sale when listed (Marketplace.isPrimarySale)
  -- The product's fields filters and sorts use, copied here so a query reads one table.
  coin TEXT NOT NULL, miner TEXT NOT NULL, node_id TEXT NOT NULL, miner_name TEXT,
  -- node id, miner, miner name and seller in lower case (the text search reads one column).
  search TEXT NOT NULL,
  hashrate INTEGER NOT NULL, term_start INTEGER NOT NULL, term_end INTEGER NOT NULL,
  -- price × 1000 × 86400 / hashrate: the unit price per day is unit_base / seconds of term left.
  unit_base REAL NOT NULL,
  -- expected yield per second of term per payment base unit: the expected return is return_base × seconds left.
  return_base REAL NOT NULL,
  created_block INTEGER NOT NULL, created_log INTEGER NOT NULL, created_time INTEGER NOT NULL,
  closed_block INTEGER,
  reserve_price TEXT, end_time INTEGER, min_increment_bps INTEGER,
  highest_bid TEXT, highest_bidder TEXT, bid_count INTEGER NOT NULL DEFAULT 0, winner TEXT
);
-- A token's listings by type and status: what every event and the portfolio's join look up (with more equal
-- terms than listings_status_type, so SQLite's planner prefers it without statistics).
CREATE INDEX listings_token ON listings (token_id, sale_type, status, id);
-- A token's latest listing (the item page): newest first.
CREATE INDEX listings_token_latest ON listings (token_id, id);
CREATE INDEX listings_status_price ON listings (status, price_num, token_id);
-- Covers the live / ended status test, so counting a page's total reads the index alone.
CREATE INDEX listings_status_type ON listings (status, sale_type, end_time);
-- The newest listings of a status, and of a status and sale (primary / resale): read in id order, not sorted.
CREATE INDEX listings_status_id ON listings (status, id);
CREATE INDEX listings_status_sale_id ON listings (status, primary_sale, id);
CREATE INDEX listings_seller ON listings (seller, status);
CREATE INDEX listings_miner ON listings (miner, status);
-- One product's listings in price order and in token order: the time-dependent sorts merge one scan of
-- each product (lib/index/query.ts mergedKeys).
CREATE INDEX listings_product_price ON listings (product_id, status, price_num, token_id, id);
CREATE INDEX listings_product_token ON listings (product_id, status, token_id, id);
-- Covers the live / ended status test per product (and a price range): a narrowed query's per-product counts
-- read the index alone.
CREATE INDEX listings_product_status ON listings (product_id, status, sale_type, end_time, price_num);
CREATE TABLE bids (
  id AUTO_ID, listing_id INTEGER NOT NULL, token_id INTEGER NOT NULL, bidder TEXT NOT NULL,
  amount TEXT NOT NULL, end_time INTEGER NOT NULL,
  block_number INTEGER NOT NULL, log_index INTEGER NOT NULL, tx_hash TEXT NOT NULL, timestamp INTEGER NOT NULL
);
CREATE INDEX bids_listing ON bids (listing_id);
CREATE INDEX bids_token ON bids (token_id, block_number, log_index);
CREATE INDEX bids_bidder ON bids (bidder, listing_id);
CREATE INDEX bids_recent ON bids (block_number, log_index);
CREATE TABLE sales (
  id AUTO_ID, listing_id INTEGER NOT NULL, token_id INTEGER NOT NULL, sale_type TEXT NOT NULL,
  seller TEXT NOT NULL, buyer TEXT NOT NULL, price TEXT NOT NULL, fee TEXT NOT NULL,
  block_number INTEGER NOT NULL, log_index INTEGER NOT NULL, tx_hash TEXT NOT NULL, timestamp INTEGER NOT NULL
);
CREATE INDEX sales_token ON sales (token_id);
CREATE INDEX sales_recent ON sales (block_number, log_index);
-- Auction refunds credited to outbid bidders (pull payments), net of withdrawals.
CREATE TABLE refunds (account TEXT PRIMARY KEY, credited TEXT NOT NULL, withdrawn TEXT NOT NULL);
-- Governor proposals as created (their live state, tallies and eta are read from the chain).
CREATE TABLE proposals (
  id TEXT PRIMARY KEY, proposer TEXT NOT NULL, targets TEXT NOT NULL, vals TEXT NOT NULL, calldatas TEXT NOT NULL,
  description TEXT NOT NULL, vote_start TEXT NOT NULL, vote_end TEXT NOT NULL,
  block_number INTEGER NOT NULL, log_index INTEGER NOT NULL, timestamp INTEGER NOT NULL
);
CREATE INDEX proposals_recent ON proposals (block_number, log_index);
-- Yield deposits (YieldDistributor.YieldDeposited), one row per product and day paid.
CREATE TABLE deposits (
  product_id INTEGER NOT NULL, day INTEGER NOT NULL, amount TEXT NOT NULL, payer TEXT NOT NULL,
  block_number INTEGER NOT NULL, log_index INTEGER NOT NULL, PRIMARY KEY (block_number, log_index)
);
CREATE INDEX deposits_product ON deposits (product_id, day);
-- IFIL redemptions to Filecoin (bridged chains only).
CREATE TABLE redemptions (
  account TEXT NOT NULL, amount TEXT NOT NULL, filecoin_address TEXT NOT NULL,
  block_number INTEGER NOT NULL, log_index INTEGER NOT NULL, tx_hash TEXT NOT NULL, timestamp INTEGER NOT NULL,
  PRIMARY KEY (block_number, log_index)
);
CREATE INDEX redemptions_account ON redemptions (account, block_number);
CREATE INDEX sales_buyer ON sales (buyer, token_id);
-- LoanMarket positions as the contract stores them (LoanMarket.position), rebuilt from its events; the market's
-- fee and grace period as of the last event (they are copied into a loan when it starts).
CREATE TABLE positions (
  id INTEGER PRIMARY KEY, state INTEGER NOT NULL, kind INTEGER NOT NULL, borrower TEXT NOT NULL, lender TEXT NOT NULL,
  principal TEXT NOT NULL, apr_bps INTEGER NOT NULL, duration INTEGER NOT NULL, start INTEGER NOT NULL,
  collateral TEXT NOT NULL, product_id TEXT NOT NULL, min_term_left INTEGER NOT NULL, grace INTEGER NOT NULL,
  fee_bps INTEGER NOT NULL, coin INTEGER NOT NULL, min_hashrate TEXT NOT NULL
);
CREATE INDEX positions_borrower ON positions (borrower);
CREATE INDEX positions_lender ON positions (lender);
CREATE TABLE loan_settings (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
-- Revenue's books by month (decimal strings, summed exactly): kind 'source' (key: the source id) for revenue
-- booked, 'ifil' (key '') for IFIL forwarded or sold, 'close' (key toBuyback / toTreasury) for the month's close.
CREATE TABLE revenue (month INTEGER NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL, amount TEXT NOT NULL, PRIMARY KEY (month, kind, key));
-- Buybacks (Revenue.BoughtBack) with the DMC supply after each (read from the chain at its block when indexed).
CREATE TABLE buybacks (
  block_number INTEGER NOT NULL, log_index INTEGER NOT NULL, tx_hash TEXT NOT NULL, timestamp INTEGER NOT NULL,
  paid TEXT NOT NULL, bought TEXT NOT NULL, burned TEXT NOT NULL, reference_out TEXT NOT NULL, supply_after TEXT NOT NULL,
  PRIMARY KEY (block_number, log_index)
);
-- A promotion node's paid sales: its own link's commission (kind own) and a recruited light node's sale's
-- override (kind override; via: the light node). One CommissionCredited makes one or two rows.
CREATE TABLE node_sales (
  node TEXT NOT NULL, kind TEXT NOT NULL, token_id INTEGER NOT NULL, via TEXT NOT NULL, fee TEXT NOT NULL, cut TEXT NOT NULL,
  block_number INTEGER NOT NULL, log_index INTEGER NOT NULL, tx_hash TEXT NOT NULL, PRIMARY KEY (block_number, log_index, kind)
);
CREATE INDEX node_sales_node ON node_sales (node, block_number);
-- NFTs staked in behaviour mining now, with their staker and weight (TiB).
CREATE TABLE staked_nfts (token_id INTEGER PRIMARY KEY, account TEXT NOT NULL, weight TEXT NOT NULL);
CREATE INDEX staked_nfts_account ON staked_nfts (account, token_id);`;

const DERIVED = ['applications', 'products', 'tokens', 'first_sales', 'product_sales', 'operators', 'listings', 'bids', 'sales', 'refunds', 'proposals', 'deposits', 'redemptions', 'positions', 'loan_settings', 'revenue', 'buybacks', 'node_sales', 'staked_nfts'] as const;

/** The schema's statements in one store's dialect: SQLite's as written; for PostgreSQL 64-bit integers and
 * doubles, and generated ids where SQLite uses its rowid. */
function statements(ddl: string, kind: StoreKind): string[] {
  let text = ddl.replace(/--[^\n]*/g, '');
  text = kind === 'sqlite'
    ? text.replace(/\bAUTO_ID\b/g, 'INTEGER PRIMARY KEY')
    : text.replace(/\bAUTO_ID\b/g, 'BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY').replace(/\bINTEGER\b/g, 'BIGINT').replace(/\bREAL\b/g, 'DOUBLE PRECISION');
  return text.split(';').map((s) => s.trim()).filter(Boolean);
}

/** Each table's columns and their PostgreSQL types, read from the schema above (for {@link insertMany}). */
const COLUMN_TYPES: Record<string, Record<string, string>> = (() => {
  const types: Record<string, Record<string, string>> = {};
  for (const s of statements(SOURCE_TABLES + ';' + DERIVED_TABLES, 'postgres')) {
    const m = /^CREATE TABLE(?: IF NOT EXISTS)? (\w+) \(([\s\S]*)\)$/.exec(s);
    if (!m) continue;
    const columns: Record<string, string> = {};
    for (const def of m[2]!.split(/,(?![^(]*\))/)) {
      const [name, type] = def.trim().split(/\s+/);
      if (name && type && name !== 'PRIMARY') columns[name] = type === 'DOUBLE' ? 'double precision' : type.toLowerCase();
    }
    types[m[1]!] = columns;
  }
  return types;
})();

/**
 * Inserts many rows of one table (every row with the same columns). On PostgreSQL each chunk of `pgChunk` rows is one
 * short statement whose columns travel as arrays (`INSERT … SELECT * FROM unnest($1::bigint[], …)`): the server
 * parses and plans a few parameters, not thousands (a catch-up inserts hundreds of thousands of rows). On SQLite,
 * rows of `chunk` per multi-row VALUES. `suffix` is the statement's fixed tail (an ON CONFLICT clause: the same
 * text on both stores, never user input); `returning` the columns to return.
 */
export async function insertMany<R extends Record<string, unknown>>(
  db: IndexDb,
  table: keyof IndexTables,
  rows: R[],
  opts: { chunk: number; pgChunk?: number; suffix?: string; returning?: string[] },
): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]!);
  const types = COLUMN_TYPES[table]!;
  const head = sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})`;
  const tail = sql`${sql.raw(opts.suffix ? ` ${opts.suffix}` : '')}${opts.returning ? sql` RETURNING ${sql.join(opts.returning.map((c) => sql.ref(c)))}` : sql``}`;
  const postgres = storeKind(db) === 'postgres';
  const size = postgres ? (opts.pgChunk ?? 10_000) : opts.chunk;
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < rows.length; i += size) {
    const part = rows.slice(i, i + size);
    const body = postgres
      ? sql`SELECT * FROM unnest(${sql.join(columns.map((c) => sql`${part.map((r) => r[c] ?? null)}::${sql.raw(types[c]!)}[]`))})`
      : sql`VALUES ${sql.join(part.map((r) => sql`(${sql.join(columns.map((c) => r[c] ?? null))})`))}`;
    out.push(...(await sql<Record<string, unknown>>`${head} ${body}${tail}`.execute(db)).rows);
  }
  return out;
}

async function run(db: IndexDb, ddl: string): Promise<void> {
  for (const s of statements(ddl, storeKind(db))) await sql.raw(s).execute(db);
}

/** Where a chain's embedded index lives: `<dir>/<chainId>/index.sqlite` (dir defaults to `.index`, git-ignored). */
export function indexDbPath(chainId: number, dir = '.index'): string {
  return path.join(dir, String(chainId), 'index.sqlite');
}

export type StoreTarget = { file: string } | { url: string };

/** Opens a store and creates its tables. `migrate: false` (an app process reading an index another process
 * writes) only opens it: the indexer owns the schema. */
export async function openIndexDb(target: StoreTarget, opts: { migrate?: boolean } = {}): Promise<IndexDb> {
  let db: IndexDb;
  if ('url' in target) {
    // 64-bit integers (COUNT(*) included) come back as bigints, as better-sqlite3's safe integers do.
    const types = { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === 20 ? (v: string) => BigInt(v) : pg.types.getTypeParser(oid, format)) };
    const pool = new pg.Pool({ connectionString: target.url, max: 8, types: types as pg.CustomTypesConfig });
    // An idle connection the server closed (a restart, a terminated session) is dropped; the next query opens
    // another. Without a listener pg would throw it at the process.
    pool.on('error', () => undefined);
    db = new Kysely<IndexTables>({ dialect: new PostgresDialect({ pool }) });
    kinds.set(db, 'postgres');
  } else {
    if (target.file !== ':memory:') mkdirSync(path.dirname(target.file), { recursive: true });
    const raw = new Database(target.file);
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.pragma('busy_timeout = 5000');
    // Kysely prepares every query it runs; keep each SQL text's statement (safe integers: bigints out).
    const cache = new Map<string, Database.Statement>();
    const database = {
      close: () => raw.close(),
      prepare: (text: string) => {
        let s = cache.get(text);
        if (!s) {
          s = raw.prepare(text);
          if (s.reader) s.safeIntegers(true);
          if (cache.size >= 1000) cache.delete(cache.keys().next().value!);
          cache.set(text, s);
        }
        return s;
      },
    };
    db = new Kysely<IndexTables>({ dialect: new SqliteDialect({ database }) });
    kinds.set(db, 'sqlite');
  }
  if (opts.migrate === false) return db;
  await run(db, SOURCE_TABLES);
  if ((await getMeta(db, 'schemaVersion')) !== SCHEMA_VERSION) await wipe(db);
  else if (!(await hasTable(db, 'listings'))) await resetDerived(db);
  return db;
}

/** Runs `body` in one transaction (in the caller's when `db` already is one). */
export async function inTransaction<T>(db: IndexDb, body: (trx: IndexDb) => Promise<T>): Promise<T> {
  if (db.isTransaction) return body(db);
  return db.transaction().execute(async (trx) => {
    kinds.set(trx, storeKind(db));
    return body(trx);
  });
}

async function hasTable(db: IndexDb, name: string): Promise<boolean> {
  const q = storeKind(db) === 'sqlite'
    ? sql<{ n: bigint }>`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ${name}`
    : sql<{ n: bigint }>`SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ${name}`;
  return BigInt((await q.execute(db)).rows[0]!.n) > 0n;
}

export async function getMeta(db: IndexDb, key: string): Promise<string | undefined> {
  return (await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

export async function setMeta(db: IndexDb, key: string, value: string | number): Promise<void> {
  await db.insertInto('meta').values({ key, value: String(value) }).onConflict((oc) => oc.column('key').doUpdateSet({ value: String(value) })).execute();
}

/** Drops and recreates the derived tables (empty). */
export async function resetDerived(db: IndexDb): Promise<void> {
  await inTransaction(db, async (trx) => {
    for (const t of DERIVED) await sql.raw(`DROP TABLE IF EXISTS ${t}`).execute(trx);
    await run(trx, DERIVED_TABLES);
  });
}

/** Forgets everything: a different chain, deployment or schema. */
export async function wipe(db: IndexDb): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom('meta').execute();
    await trx.deleteFrom('blocks').execute();
    await trx.deleteFrom('events').execute();
    await setMeta(trx, 'schemaVersion', SCHEMA_VERSION);
    await resetDerived(trx);
  });
}
