// npm run bench:listings — the event index at the scale of a real market, on each of its stores, against the
// chain reads the pages did before it.
//
// Starts its own anvil (port BENCH_PORT, default 8551), deploys and seeds like the demo, then builds the bench
// market (scripts/lib/benchMarket.ts): BENCH_SCALE=quick (default: 10,000 NFTs in 5 products, 500 sales, 50
// loans, 30 days of yield, 10 proposals, 10,000 empty blocks) or BENCH_SCALE=issue (100,000 NFTs in 10
// products, 50,000 listings, 20,000 sales, 2,000 loans, 540 days of yield deposits, 200 proposals, 1,000,000
// empty blocks). Then, for SQLite and (with BENCH_DATABASE_URL, an empty database of its own) PostgreSQL:
//   1. the server index's catch-up from the deployment's start block (events/s);
//   2. GET /api/listings over a fixed mix of filter and sort queries, through the route's handler in-process
//      (lib/index/handlers: zod, the freshness check against the node, SQL, JSON), and the bare query;
//   3. every other route the pages read (item page, portfolio, purchases, activity, proposals, deposits, loans);
// and once the old paths: the market read from the chain token by token, the portfolio by Transfer scan.
// Run with `node --conditions=react-server --import tsx` (the npm script does) so `server-only` imports resolve.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPublicClient, http, type Address } from 'viem';
import { foundry } from 'viem/chains';
import { sql } from 'kysely';
import { devAccounts } from '../lib/chain/devAccounts';
import { inChunks } from '../lib/chain/inChunks';
import { startAnvil } from './lib/anvil';
import { ensureContractsBuilt, loadArtifact, type ContractName } from './lib/artifacts';
import { deployAll, localDeployOptions } from './lib/deploy';
import { seed } from './lib/seed';
import { GENESIS_BLOCK, SCALES, seedBenchMarket } from './lib/benchMarket';

const PORT = Number(process.env.BENCH_PORT ?? 8551);
const SCALE_NAME = (process.env.BENCH_SCALE ?? 'quick') as keyof typeof SCALES;
if (!(SCALE_NAME in SCALES)) throw new Error(`BENCH_SCALE must be one of ${Object.keys(SCALES).join(', ')}`);
const SCALE = SCALES[SCALE_NAME];
const QUERY_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const DIRECT_ROUNDS = Number(process.env.BENCH_DIRECT_ROUNDS ?? (SCALE_NAME === 'issue' ? 1 : 3));
/** PostgreSQL for the second run (an empty database of the bench's own); unset: SQLite only. */
const PG_URL = process.env.BENCH_DATABASE_URL;
const STORES = PG_URL ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99) };
};

ensureContractsBuilt();
const anvil = await startAnvil({ port: PORT, quiet: true, genesisNumber: GENESIS_BLOCK });
const dir = mkdtempSync(path.join(tmpdir(), 'dmex-bench-index-'));
try {
  await run();
} finally {
  await anvil.stop();
  if (process.env.BENCH_KEEP_DB) console.log(`index kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

async function run() {
  const t0 = process.hrtime.bigint();
  const deployment = await deployAll(localDeployOptions(anvil.rpcUrl));
  await seed(anvil.rpcUrl, deployment, () => {});
  const c = deployment.contracts;
  const transport = http(anvil.rpcUrl);
  const pub = createPublicClient({ chain: foundry, transport, pollingInterval: 20 });
  const abi = (n: ContractName) => loadArtifact(n).abi;
  const read = <T>(address: Address, name: ContractName, functionName: string, args: unknown[] = []) =>
    pub.readContract({ address, abi: abi(name), functionName, args }) as Promise<T>;

  const market = await seedBenchMarket(anvil.rpcUrl, deployment, SCALE, console.log);
  const tokenIds = market.tokenIds;
  const head = await pub.getBlockNumber();
  const n = market.counts;
  console.log(
    `seeded (${SCALE_NAME}): ${(SCALE.products * SCALE.nftsPerProduct).toLocaleString('en-US')} NFTs in ${SCALE.products} products, ${n.listed.toLocaleString('en-US')} fixed-price listings, ` +
      `${n.auctions} auctions, ${n.sales.toLocaleString('en-US')} sales, ${n.loans.toLocaleString('en-US')} loans, ${n.deposits.toLocaleString('en-US')} yield deposits ` +
      `(${SCALE.depositDays} days), ${n.proposals} proposals (plus the demo seed) in ${(ms(t0) / 1000).toFixed(1)} s; ${head.toLocaleString('en-US')} blocks`,
  );
  for (const store of STORES) await measure(store, store === STORES[0]);

  /** One store: the server's index from scratch (catch-up), then every route, as the API serves them. */
  async function measure(store: 'sqlite' | 'postgres', withDirect: boolean) {
    console.log(`\n===== ${store} store`);
    delete (globalThis as Record<symbol, unknown>)[Symbol.for('dmex.listingIndex')];
    if (store === 'postgres') process.env.DATABASE_URL = PG_URL;
    else delete process.env.DATABASE_URL;
    process.env.RPC_URL = anvil.rpcUrl;
    process.env.INDEX_START_BLOCK = String(deployment.startBlock);
    process.env.INDEX_DIR = path.join(dir, store);
    process.env.INDEX_POLL_MS = '600000'; // the handler's freshness check does the syncing during the bench
    const { getListingIndex } = await import('../lib/index/server');
    const h = await import('../lib/index/handlers');
    const { indexListingsQuerySchema, queryIndexedListings } = await import('../lib/index/query');
    const { indexedListingToJson } = await import('../lib/index/json');
    const { storeKind } = await import('../lib/index/store');

    const tc = process.hrtime.bigint();
    const index = getListingIndex();
    await index.ready();
    const catchUp = ms(tc);
    const count = async (table: 'events' | 'listings', liveOnly = false) =>
      Number((await index.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).$if(liveOnly, (qb) => qb.where(sql.ref('status'), '=', 'live')).executeTakeFirstOrThrow()).n);
    const events = await count('events');
    const live = await count('listings', true);
    const tr = process.hrtime.bigint();
    await index.rebuild();
    const rebuild = ms(tr);
    console.log(`index store: ${storeKind(index.db)}`);
    console.log(`derivation alone (rebuild from the stored events, no chain reads): ${(rebuild / 1000).toFixed(2)} s, ${Math.round(events / (rebuild / 1000)).toLocaleString('en-US')} events/s`);
    console.log(`index catch-up: ${(catchUp / 1000).toFixed(2)} s for ${head.toLocaleString('en-US')} blocks, ${events.toLocaleString('en-US')} events (${Math.round(events / (catchUp / 1000)).toLocaleString('en-US')} events/s), ${live.toLocaleString('en-US')} live listings`);
    const tm = index.timings;
    console.log(`  of which: waiting on the node ${(tm.fetchWaitMs / 1000).toFixed(2)} s · writing ranges ${(tm.writeMs / 1000).toFixed(2)} s (deriving ${(tm.deriveMs / 1000).toFixed(2)} s) — the next range is read while one is written`);

    // The mix: what the market page and API clients ask.
    const mix = [
      'sort=unit_price_asc&limit=24',
      'sort=price_asc&limit=24',
      'sort=price_desc&limit=24&offset=240',
      'sale=primary&sort=term_left_desc&limit=24',
      'coin=FIL&sort=unit_price_desc&limit=100',
      `miner=${devAccounts.minerB}&sort=price_asc&limit=24`,
      'product=7&sort=unit_price_asc&limit=24',
      'sale=resale&limit=24',
      'type=auction&sort=ending_soon&limit=24',
      'sort=newest&limit=24',
      'sort=return_desc&limit=24',
      'minPrice=2500000&maxPrice=4000000&sort=unit_price_asc&limit=24',
      'minUnitPrice=7000&maxUnitPrice=9000&sort=price_asc&limit=24',
      'minDaysLeft=300&maxDaysLeft=1500&sort=term_left_asc&limit=24',
      'q=f090000&sort=price_asc&limit=24',
      'q=bench%20miner%203&limit=24',
      'status=all&sort=newest&limit=50',
    ];
    const handlerTimes: number[] = [];
    const queryTimes: number[] = [];
    const perQuery = new Map<string, number[]>();
    let cursorChecked = false;
    for (let round = 0; round < QUERY_ROUNDS; round++) {
      for (const qs of mix) {
        const t = process.hrtime.bigint();
        const res = await h.handleListings(new URLSearchParams(qs));
        const body = (await res.json()) as { items: unknown[]; nextCursor: string | null };
        const elapsed = ms(t);
        if (res.status !== 200) throw new Error(`${qs}: HTTP ${res.status} ${JSON.stringify(body)}`);
        handlerTimes.push(elapsed);
        if (!perQuery.has(qs)) perQuery.set(qs, []);
        perQuery.get(qs)!.push(elapsed);
        const tq = process.hrtime.bigint();
        const page = await queryIndexedListings(index.db, indexListingsQuerySchema.parse(Object.fromEntries(new URLSearchParams(qs))), index.chainTime);
        JSON.stringify(page.items.map(indexedListingToJson));
        queryTimes.push(ms(tq));
        if (!cursorChecked && body.nextCursor) {
          const next = await h.handleListings(new URLSearchParams(`${qs.replace(/&offset=\d+/, '')}&cursor=${body.nextCursor}`));
          if (next.status !== 200) throw new Error(`cursor page: HTTP ${next.status}`);
          cursorChecked = true;
        }
      }
    }
    console.log(`\nGET /api/listings at ${live.toLocaleString('en-US')} live listings, ${mix.length} queries × ${QUERY_ROUNDS} (ms)`);
    header('path');
    row('index: route handler (zod, freshness RPC, SQL, JSON)', stats(handlerTimes));
    row('index: query only (zod, SQL, JSON)', stats(queryTimes));
    console.log(`per query, route handler p50 / p95 (ms):`);
    for (const [qs, xs] of perQuery) {
      const s = stats(xs);
      console.log(`  ${qs.padEnd(66)} ${s.p50.toFixed(2).padStart(7)} ${s.p95.toFixed(2).padStart(7)}`);
    }

    // Every other route the pages read.
    const holder = market.holder;
    const held = Number(((await (await h.handlePortfolio({ address: holder }, new URLSearchParams('limit=1'))).json()) as { total: number }).total);
    const soldToken = String(tokenIds[0]![0]);
    const auctioned = String(tokenIds[tokenIds.length - 1]![0]);
    const products = tokenIds.map((ids) => String(ids[0]! / 1_000_000n)).join(',');
    const routes: [string, () => Promise<Response>][] = [
      ['item page: GET /api/listings/[id] (a sold token)', () => h.handleListing({ id: soldToken })],
      ['item page: GET /api/tokens/[id]/history (sold)', () => h.handleTokenHistory({ id: soldToken })],
      ['item page: GET /api/tokens/[id]/history (auction)', () => h.handleTokenHistory({ id: auctioned })],
      [`portfolio, first page of 1,000 (${held.toLocaleString('en-US')} held)`, () => h.handlePortfolio({ address: holder }, new URLSearchParams())],
      [`portfolio, all ${Math.ceil(held / 1000)} pages`, async () => {
        let last!: Response;
        for (let offset = 0; offset < held; offset += 1000) last = await h.handlePortfolio({ address: holder }, new URLSearchParams(`offset=${offset}`));
        return last;
      }],
      ['portfolio, a buyer (first page)', () => h.handlePortfolio({ address: devAccounts.buyer }, new URLSearchParams())],
      ['purchases of a buyer', () => h.handlePurchases({ address: devAccounts.buyer })],
      ['activity (latest 20 sales and bids)', () => h.handleActivity(new URLSearchParams('limit=20'))],
      ['my auctions (listings?type=auction&seller=)', () => h.handleListings(new URLSearchParams(`type=auction&seller=${devAccounts.minerC}`))],
      ['proposals', () => h.handleProposals()],
      [`yield deposits of the ${tokenIds.length} bench products`, () => h.handleDeposits(new URLSearchParams(`products=${products}`))],
      ['loan positions', () => h.handlePositions()],
      ['treasury history (months, buybacks)', () => h.handleTreasuryHistory()],
      ['a promotion node\'s sales (the foundation)', () => h.handleNodeSales({ address: devAccounts.foundation })],
      ['NFTs staked in mining (a buyer)', () => h.handleStakedNfts({ address: devAccounts.buyer })],
    ];
    console.log(`\nother routes, route handler (ms)`);
    header('route');
    for (const [name, call] of routes) {
      const xs: number[] = [];
      for (let round = 0; round < QUERY_ROUNDS; round++) {
        const t = process.hrtime.bigint();
        const res = await call();
        await res.json();
        xs.push(ms(t));
        if (res.status !== 200) throw new Error(`${name}: HTTP ${res.status}`);
      }
      row(name, stats(xs));
    }
    if (withDirect) await measureOldPaths(holder, held);
    await index.close();
  }

  /** The chain reads the pages did before the index, once each (they do not depend on the store). */
  async function measureOldPaths(holder: Address, held: number) {
    const { readMarket } = await import('../lib/market/read');
    const { applyListingsQuery, listingsQuerySchema } = await import('../lib/market/query');
    console.log(`\nthe old paths: chain reads as the pages did before the index, ${DIRECT_ROUNDS} round(s) (ms)`);
    header('path');
    const xs: number[] = [];
    for (let round = 0; round < DIRECT_ROUNDS; round++) {
      const t = process.hrtime.bigint();
      const m = await readMarket();
      applyListingsQuery(m.listings, listingsQuerySchema.parse({ sort: 'price_asc', limit: '24' }));
      xs.push(ms(t));
    }
    row('market page: every listing read from the chain', stats(xs));
    const ys: number[] = [];
    for (let round = 0; round < DIRECT_ROUNDS; round++) {
      const t = process.hrtime.bigint();
      try {
        const logs = await pub.getContractEvents({ address: c.HashrateNFT, abi: abi('HashrateNFT'), eventName: 'Transfer', args: { to: holder }, fromBlock: BigInt(deployment.startBlock) });
        const ids = [...new Set(logs.map((l) => (l.args as { tokenId: bigint }).tokenId))];
        const owners = await inChunks(ids, (id) => read<Address>(c.HashrateNFT, 'HashrateNFT', 'ownerOf', [id])); // as the hook did: 40 at a time
        if (owners.filter((o) => o === holder).length !== held) console.log(`  note: the chain read found ${owners.filter((o) => o === holder).length} held, the index ${held}`);
      } catch (error) {
        // At 10,000+ NFTs the Transfer scan's answer outgrows what a client accepts: the old page could not load.
        console.log(`portfolio: Transfer scan + ownerOf FAILED after ${(ms(t) / 1000).toFixed(1)} s: ${(error as Error).message.split('\n')[0]}`);
        return;
      }
      ys.push(ms(t));
    }
    row(`portfolio: Transfer scan + ownerOf (${held.toLocaleString('en-US')} held)`, stats(ys));
    // The server-side event scans three routes did before the index served them.
    const { readTreasuryHistory } = await import('../lib/treasury/read');
    const { readNodeSales } = await import('../lib/nodes/read');
    const { readStakedNfts } = await import('../lib/earn/read');
    const scans: [string, () => Promise<unknown>][] = [
      ['treasury history: Revenue event scans', () => readTreasuryHistory(pub)],
      ['node sales: CommissionCredited scans', () => readNodeSales(pub, devAccounts.foundation)],
      ['staked NFTs: NftStaked scan + stakedNft', () => readStakedNfts(pub, devAccounts.buyer)],
    ];
    for (const [name, scan] of scans) {
      const zs: number[] = [];
      for (let round = 0; round < DIRECT_ROUNDS; round++) {
        const t = process.hrtime.bigint();
        await scan();
        zs.push(ms(t));
      }
      row(name, stats(zs));
    }
  }
}

function fmt(x: number) {
  return (x < 100 ? x.toFixed(2) : x.toFixed(0)).padStart(9);
}
function header(first: string) {
  console.log(`${first.padEnd(56)}${'n'.padStart(6)}${'p50'.padStart(9)}${'p95'.padStart(9)}${'p99'.padStart(9)}`);
}
function row(name: string, s: ReturnType<typeof stats>) {
  console.log(`${name.padEnd(56)}${String(s.n).padStart(6)}${fmt(s.p50)}${fmt(s.p95)}${fmt(s.p99)}`);
}
