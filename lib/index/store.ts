// The index's embedded store: one SQLite file per chain. Raw events and block hashes are the source of truth;
// every other table is derived from the events and can be rebuilt from them (that is how a reorg rolls back).
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export type IndexDb = Database.Database;

/** Bump when the schema or the derivation changes: an older file is then wiped and re-indexed. */
export const SCHEMA_VERSION = '7';

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
-- Owners that approved the Marketplace for all their tokens.
CREATE TABLE operators (owner TEXT PRIMARY KEY);
CREATE TABLE listings (
  id INTEGER PRIMARY KEY, token_id INTEGER NOT NULL, product_id INTEGER NOT NULL,
  sale_type TEXT NOT NULL,            -- fixed | auction
  seller TEXT NOT NULL,
  status TEXT NOT NULL,               -- fixed: live | stale | cancelled | sold; auction: live | cancelled | sold | ended (settled unsold)
  price TEXT NOT NULL,                -- fixed: the price; auction: the highest bid, or the reserve before any bid
  price_num INTEGER NOT NULL,         -- price, capped at 2^63-1 (for filters and sorts)
  primary_sale INTEGER NOT NULL,     -- 1: the token had no first sale when listed (Marketplace.isPrimarySale)
  -- The product's fields filters and sorts use, copied here so a query reads one table.
  coin TEXT NOT NULL, miner TEXT NOT NULL, node_id TEXT NOT NULL, miner_name TEXT,
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
CREATE INDEX listings_token ON listings (token_id, id);
CREATE INDEX listings_status_price ON listings (status, price_num, token_id);
CREATE INDEX listings_seller ON listings (seller, status);
CREATE INDEX listings_miner ON listings (miner, status);
CREATE INDEX listings_product ON listings (product_id, status);
CREATE TABLE bids (
  id INTEGER PRIMARY KEY, listing_id INTEGER NOT NULL, token_id INTEGER NOT NULL, bidder TEXT NOT NULL,
  amount TEXT NOT NULL, end_time INTEGER NOT NULL,
  block_number INTEGER NOT NULL, log_index INTEGER NOT NULL, tx_hash TEXT NOT NULL, timestamp INTEGER NOT NULL
);
CREATE INDEX bids_listing ON bids (listing_id);
CREATE INDEX bids_token ON bids (token_id, block_number, log_index);
CREATE INDEX bids_bidder ON bids (bidder, listing_id);
CREATE INDEX bids_recent ON bids (block_number, log_index);
CREATE TABLE sales (
  id INTEGER PRIMARY KEY, listing_id INTEGER NOT NULL, token_id INTEGER NOT NULL, sale_type TEXT NOT NULL,
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
CREATE TABLE loan_settings (key TEXT PRIMARY KEY, value INTEGER NOT NULL);`;

const DERIVED = ['applications', 'products', 'tokens', 'first_sales', 'operators', 'listings', 'bids', 'sales', 'refunds', 'proposals', 'deposits', 'redemptions', 'positions', 'loan_settings'];

/** Where a chain's index lives: `<dir>/<chainId>/index.sqlite` (dir defaults to `.index`, git-ignored). */
export function indexDbPath(chainId: number, dir = '.index'): string {
  return path.join(dir, String(chainId), 'index.sqlite');
}

export function openIndexDb(file: string): IndexDb {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(SOURCE_TABLES);
  if (getMeta(db, 'schemaVersion') !== SCHEMA_VERSION) wipe(db);
  else if (!db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'listings'`).get()) resetDerived(db);
  return db;
}

export function getMeta(db: IndexDb, key: string): string | undefined {
  return (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

export function setMeta(db: IndexDb, key: string, value: string | number): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, String(value));
}

/** Drops and recreates the derived tables (empty). */
export function resetDerived(db: IndexDb): void {
  db.transaction(() => {
    for (const t of DERIVED) db.exec(`DROP TABLE IF EXISTS ${t}`);
    db.exec(DERIVED_TABLES);
  })();
}

/** Forgets everything: a different chain, deployment or schema. */
export function wipe(db: IndexDb): void {
  db.transaction(() => {
    db.exec('DELETE FROM meta; DELETE FROM blocks; DELETE FROM events;');
    setMeta(db, 'schemaVersion', SCHEMA_VERSION);
  })();
  resetDerived(db);
}
