// npm run bench:listings — the listing index against the direct chain read it replaced, at 10,000 listings,
// and the other history routes (portfolio of an account holding 10,000+ NFTs against the Transfer scan +
// ownerOf the browser did before; token history, proposals, deposits, loan positions).
//
// Starts its own anvil (port BENCH_PORT, default 8551), deploys and seeds like the demo, then adds five
// products of 2,000 NFTs (the miners apply and stake as usual; the DAO's approval is done by impersonating
// the timelock on anvil, since the vote itself is not what is measured), mints them and lists them with
// listBatch (a spread of prices; 50 of them go to auction instead). Then it measures:
//   1. the index's catch-up from the deployment's start block (the server's singleton, as the API starts it);
//   2. GET /api/listings latency over a fixed mix of filter and sort queries, calling the route's handler
//      in-process (lib/index/handlers: zod, the freshness check against the node, SQL, JSON), and the bare
//      query (zod + SQL + JSON, no node round trip);
//   3. the same pages read directly from the chain the way the app did before the index (lib/market/read:
//      every token's listing, owner and approval in batched JSON-RPC calls, then filter/sort/page).
// Run with `node --conditions=react-server --import tsx` (the npm script does) so `server-only` imports resolve.
// With DATABASE_URL set (an empty database of its own) the index under test is the PostgreSQL store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPublicClient, createTestClient, createWalletClient, http, keccak256, parseEther, parseUnits, toBytes, type Address } from 'viem';
import { foundry } from 'viem/chains';
import { sql } from 'kysely';
import { devAccounts } from '../lib/chain/devAccounts';
import { inChunks } from '../lib/chain/inChunks';
import { startAnvil } from './lib/anvil';
import { ensureContractsBuilt, loadArtifact, type ContractName } from './lib/artifacts';
import { deployAll, localDeployOptions } from './lib/deploy';
import { seed } from './lib/seed';

const PORT = Number(process.env.BENCH_PORT ?? 8551);
const NFTS_PER_PRODUCT = 2000;
const MINT_CHUNK = 250;
const LIST_CHUNK = 250;
const AUCTIONS = 50;
const QUERY_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const DIRECT_ROUNDS = Number(process.env.BENCH_DIRECT_ROUNDS ?? 3);

const usdt = (v: string) => parseUnits(v, 6);
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99) };
};

ensureContractsBuilt();
const anvil = await startAnvil({ port: PORT, quiet: true });
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
  const wallet = createWalletClient({ chain: foundry, transport });
  const test = createTestClient({ chain: foundry, transport, mode: 'anvil' });
  const abi = (n: ContractName) => loadArtifact(n).abi;
  const read = <T>(address: Address, name: ContractName, functionName: string, args: unknown[] = []) =>
    pub.readContract({ address, abi: abi(name), functionName, args }) as Promise<T>;
  async function send(account: Address, address: Address, name: ContractName, functionName: string, args: unknown[] = []) {
    const hash = await wallet.writeContract({ account, address, abi: abi(name), functionName, args, chain: foundry, gas: 29_000_000n });
    const r = await pub.waitForTransactionReceipt({ hash });
    if (r.status !== 'success') throw new Error(`bench seed: ${name}.${functionName} reverted`);
    return r;
  }

  // Five more products, 2,000 NFTs each.
  const now = (await pub.getBlock()).timestamp;
  const today = now - (now % 86_400n);
  // All five by miner A (it holds 200,000 DMC to stake), so one account holds 10,000+ NFTs: the portfolio case.
  // Nodes of their own: a node registered by one miner cannot be sold by another (MinerRegistry).
  const products = [
    { miner: devAccounts.minerA, nodeId: 'f09000001', tib: 1, days: 180, yield: '0.0025' },
    { miner: devAccounts.minerA, nodeId: 'f09000002', tib: 2, days: 360, yield: '0.0024' },
    { miner: devAccounts.minerA, nodeId: 'f09000003', tib: 4, days: 540, yield: '0.0023' },
    { miner: devAccounts.minerA, nodeId: 'f09000004', tib: 8, days: 720, yield: '0.0022' },
    { miner: devAccounts.minerA, nodeId: 'f09000005', tib: 4, days: 1080, yield: '0.0021' },
  ];
  await test.impersonateAccount({ address: c.Timelock });
  await test.setBalance({ address: c.Timelock, value: parseEther('10') });
  let firstApp = Number(await read<bigint>(c.MinerRegistry, 'MinerRegistry', 'applicationCount')) + 1;
  const tokenIds: bigint[][] = [];
  for (const [i, p] of products.entries()) {
    const id = BigInt(firstApp + i);
    await send(p.miner, c.MinerRegistry, 'MinerRegistry', 'submitApplication', [
      {
        name: `Bench miner ${i + 1}`,
        documentsURI: `ipfs://bench-${p.nodeId}`,
        documentsHash: keccak256(toBytes(`bench ${i}`)),
        coin: 0,
        nodeId: p.nodeId,
        totalHashrate: BigInt(p.tib * NFTS_PER_PRODUCT * 1000 * 2),
        effectiveHashrate: BigInt(p.tib * NFTS_PER_PRODUCT * 1000),
        hashratePerNFT: BigInt(p.tib * 1000),
        nftCount: NFTS_PER_PRODUCT,
        termStart: today,
        termDays: p.days,
        pricePerNFT: usdt('10'),
        expectedDailyYieldPerUnit: parseUnits(p.yield, 18),
      },
    ]);
    await send(c.Timelock, c.MinerRegistry, 'MinerRegistry', 'approve', [id]);
    const app = await read<{ requiredStake: bigint }>(c.MinerRegistry, 'MinerRegistry', 'application', [id]);
    await send(p.miner, c.DMC, 'DMC', 'approve', [c.MinerRegistry, app.requiredStake]);
    await send(p.miner, c.MinerRegistry, 'MinerRegistry', 'stakeAndActivate', [id]);
    for (let m = 0; m < NFTS_PER_PRODUCT; m += MINT_CHUNK) await send(p.miner, c.MinerRegistry, 'MinerRegistry', 'mint', [id, BigInt(MINT_CHUNK)]);
    const productId = (await read<{ productId: bigint }>(c.MinerRegistry, 'MinerRegistry', 'application', [id])).productId;
    tokenIds.push(Array.from({ length: NFTS_PER_PRODUCT }, (_, k) => productId * 1_000_000n + BigInt(k + 1)));
  }
  await test.stopImpersonatingAccount({ address: c.Timelock });
  firstApp = 0;

  // List: a spread of prices per batch; the last product's first 50 tokens go to auction instead.
  let listed = 0;
  for (const [i, ids] of tokenIds.entries()) {
    const p = products[i]!;
    const auctioned = i === products.length - 1 ? AUCTIONS : 0;
    for (let k = auctioned; k < ids.length; k += LIST_CHUNK) {
      const batch = ids.slice(k, k + LIST_CHUNK);
      const price = usdt((p.tib * p.days * 0.008 * (0.9 + ((k / LIST_CHUNK) % 8) * 0.03)).toFixed(2));
      await send(p.miner, c.Marketplace, 'Marketplace', 'listBatch', [batch, price]);
      listed += batch.length;
    }
    for (let k = 0; k < auctioned; k++) {
      await send(p.miner, c.Marketplace, 'Marketplace', 'createAuction', [ids[k]!, usdt('30'), BigInt(3600 * (k + 2)), 500n]);
    }
  }
  const head = await pub.getBlockNumber();
  console.log(`seeded: ${listed} fixed-price listings and ${AUCTIONS} auctions (plus the demo seed) in ${(ms(t0) / 1000).toFixed(1)} s, ${head} blocks`);

  // The server's index, as the API starts it.
  process.env.RPC_URL = anvil.rpcUrl;
  process.env.INDEX_DIR = dir;
  process.env.INDEX_POLL_MS = '60000'; // the handler's freshness check does the syncing during the bench
  const { getListingIndex } = await import('../lib/index/server');
  const { handleListings } = await import('../lib/index/handlers');
  const { indexListingsQuerySchema, queryIndexedListings } = await import('../lib/index/query');
  const { indexedListingToJson } = await import('../lib/index/json');
  const { readMarket } = await import('../lib/market/read');
  const { applyListingsQuery, listingsQuerySchema } = await import('../lib/market/query');

  const tc = process.hrtime.bigint();
  const index = getListingIndex();
  await index.ready();
  const catchUp = ms(tc);
  const count = async (table: 'events' | 'listings', liveOnly = false) =>
    Number((await index.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).$if(liveOnly, (qb) => qb.where(sql.ref('status'), '=', 'live')).executeTakeFirstOrThrow()).n);
  const events = await count('events');
  const live = await count('listings', true);
  const { storeKind } = await import('../lib/index/store');
  console.log(`index store: ${storeKind(index.db)}${process.env.DATABASE_URL ? ` (${process.env.DATABASE_URL})` : ''}`);
  console.log(`index catch-up: ${(catchUp / 1000).toFixed(2)} s for ${head} blocks, ${events} events, ${live} live listings (${Math.round(events / (catchUp / 1000))} events/s)`);

  // The mix: what the market page and API clients ask. The direct read only knows the old parameters, so the
  // comparison uses the queries both can answer; the index-only ones are measured on the index alone.
  const common = [
    'sort=unit_price_asc&limit=24',
    'sort=price_asc&limit=24',
    'sort=price_desc&limit=24&offset=240',
    'sale=primary&sort=term_left_desc&limit=24',
    'coin=FIL&sort=unit_price_desc&limit=100',
    `miner=${devAccounts.minerB}&sort=price_asc&limit=24`,
    'product=7&sort=unit_price_asc&limit=24',
    'sale=resale&limit=24',
  ];
  const indexOnly = [
    'type=auction&sort=ending_soon&limit=24',
    'sort=newest&limit=24',
    'sort=return_desc&limit=24',
    'minPrice=5000000&maxPrice=20000000&sort=unit_price_asc&limit=24',
    'minUnitPrice=7000&maxUnitPrice=9000&sort=price_asc&limit=24',
    'minDaysLeft=300&maxDaysLeft=800&sort=term_left_asc&limit=24',
    'q=f090000&sort=price_asc&limit=24',
    'q=bench%20miner%203&limit=24',
    'status=all&sort=newest&limit=50',
  ];
  const mix = [...common, ...indexOnly];

  const handlerTimes: number[] = [];
  const queryTimes: number[] = [];
  const perQuery = new Map<string, number[]>();
  let cursorChecked = false;
  for (let round = 0; round < QUERY_ROUNDS; round++) {
    for (const qs of mix) {
      const t = process.hrtime.bigint();
      const res = await handleListings(new URLSearchParams(qs));
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
        const next = await handleListings(new URLSearchParams(`${qs.replace(/&offset=\d+/, '')}&cursor=${body.nextCursor}`));
        if (next.status !== 200) throw new Error(`cursor page: HTTP ${next.status}`);
        cursorChecked = true;
      }
    }
  }

  // The direct read, as /api/listings did it before (no cache): read the market, then filter/sort/page.
  const directTimes: number[] = [];
  let agree = 0;
  for (let round = 0; round < DIRECT_ROUNDS; round++) {
    for (const qs of common) {
      const t = process.hrtime.bigint();
      const market = await readMarket();
      const q = listingsQuerySchema.parse(Object.fromEntries(new URLSearchParams(qs)));
      const { items } = applyListingsQuery(market.listings, q);
      directTimes.push(ms(t));
      if (round === 0) {
        // The direct read knows fixed-price listings only; the index also serves live auctions.
        const fromIndex = (await (await handleListings(new URLSearchParams(`${qs}&type=fixed`))).json()) as { items: { tokenId: string }[] };
        const a = items.map((l) => l.tokenId.toString()).sort();
        const b = fromIndex.items.map((l) => l.tokenId).sort();
        if (JSON.stringify(a) === JSON.stringify(b)) agree++;
        else console.log(`  note: ${qs}: the direct read and the index return different token sets (${a.length} vs ${b.length})`);
      }
    }
  }

  const h = stats(handlerTimes);
  const qy = stats(queryTimes);
  const d = stats(directTimes);
  const fmt = (x: number) => (x < 100 ? x.toFixed(2) : x.toFixed(0)).padStart(9);
  console.log(`\nGET /api/listings at ${live} live listings (ms)`);
  console.log(`${'path'.padEnd(52)}${'n'.padStart(6)}${'p50'.padStart(9)}${'p95'.padStart(9)}${'p99'.padStart(9)}`);
  const row = (name: string, s: ReturnType<typeof stats>) => console.log(`${name.padEnd(52)}${String(s.n).padStart(6)}${fmt(s.p50)}${fmt(s.p95)}${fmt(s.p99)}`);
  row('index: route handler (zod, freshness RPC, SQL, JSON)', h);
  row('index: query only (zod, SQL, JSON)', qy);
  row('direct chain read (batched eth_call, as before)', d);
  console.log(`speed-up (direct / index handler): p50 ${(d.p50 / h.p50).toFixed(0)}×, p95 ${(d.p95 / h.p95).toFixed(0)}×`);
  console.log(`the index (type=fixed) and the direct read return the same listings on ${agree}/${common.length} pages`);
  console.log(`\nper query, index handler p50 / p95 (ms):`);
  for (const [qs, xs] of perQuery) {
    const s = stats(xs);
    console.log(`  ${qs.padEnd(66)} ${s.p50.toFixed(2).padStart(7)} ${s.p95.toFixed(2).padStart(7)}`);
  }
  await measureOtherRoutes();
  await index.stop();
  index.close();

  /** The other history routes the pages read, and the chain read the portfolio did before the index. */
  async function measureOtherRoutes() {
    const h = await import('../lib/index/handlers');
    const holder = devAccounts.minerA;
    const held = Number(((await (await h.handlePortfolio({ address: holder }, new URLSearchParams('limit=1'))).json()) as { total: number }).total);
    const routes: [string, () => Promise<Response>][] = [
      [`portfolio, first page of 1,000 (${held.toLocaleString('en-US')} held)`, () => h.handlePortfolio({ address: holder }, new URLSearchParams())],
      [`portfolio, all ${Math.ceil(held / 1000)} pages`, async () => {
        let last!: Response;
        for (let offset = 0; offset < held; offset += 1000) last = await h.handlePortfolio({ address: holder }, new URLSearchParams(`offset=${offset}`));
        return last;
      }],
      ['portfolio, a buyer (a few NFTs)', () => h.handlePortfolio({ address: devAccounts.buyer }, new URLSearchParams())],
      ['purchases of a buyer', () => h.handlePurchases({ address: devAccounts.buyer })],
      ['token history (an auctioned token)', () => h.handleTokenHistory({ id: String(tokenIds[tokenIds.length - 1]![0]) })],
      ['my auctions (listings?type=auction&seller=)', () => h.handleListings(new URLSearchParams(`type=auction&seller=${devAccounts.minerA}`))],
      ['proposals', () => h.handleProposals()],
      ['yield deposits of 9 products', () => h.handleDeposits(new URLSearchParams('products=1,2,3,4,5,6,7,8,9'))],
      ['loan positions', () => h.handlePositions()],
    ];
    console.log(`\nother routes, route handler (ms)`);
    console.log(`${'route'.padEnd(52)}${'n'.padStart(6)}${'p50'.padStart(9)}${'p95'.padStart(9)}${'p99'.padStart(9)}`);
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
    // The portfolio as the browser read it before: every Transfer to the account, then ownerOf per token.
    const xs: number[] = [];
    for (let round = 0; round < DIRECT_ROUNDS; round++) {
      const t = process.hrtime.bigint();
      const logs = await pub.getContractEvents({ address: c.HashrateNFT, abi: abi('HashrateNFT'), eventName: 'Transfer', args: { to: holder }, fromBlock: BigInt(deployment.startBlock) });
      const ids = [...new Set(logs.map((l) => (l.args as { tokenId: bigint }).tokenId))];
      const owners = await inChunks(ids, (id) => read<Address>(c.HashrateNFT, 'HashrateNFT', 'ownerOf', [id])); // as the hook did: 40 at a time
      if (owners.filter((o) => o === holder).length !== held) console.log(`  note: the chain read found ${owners.filter((o) => o === holder).length} held, the index ${held}`);
      xs.push(ms(t));
    }
    row(`portfolio, chain read as before (${held.toLocaleString('en-US')} held)`, stats(xs));
  }
}
