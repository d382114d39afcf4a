// The listing index: reads the Marketplace, HashrateNFT and MinerRegistry events from the deployment's start
// block in ranges, waits for confirmations, keeps block hashes to detect reorgs and rolls back to the fork
// point, and keeps everything in its store (a SQLite file, or PostgreSQL) so a restart resumes where it stopped.
// Against PostgreSQL any number of processes may run one: the one holding the chain's advisory lock indexes, the
// others read what it commits (and take over when it stops). An event range is applied only on top of the block
// it continues (checked in the range's own transaction), so no event is ever applied twice.
import pg from 'pg';
import { sql } from 'kysely';
import { createPublicClient, erc20Abi, formatLog, http, numberToHex, type RpcLog, type Address, type Hex, type Log, type PublicClient } from 'viem';
import { decodeIndexedLog, indexedTopics, type ContractKey, type StoredEvent } from './events';
import { Deriver } from './derive';
import { CountCache } from './query';
import { getMeta, insertMany, inTransaction, openIndexDb, resetDerived, setMeta, storeKind, wipe, type IndexDb, type StoreTarget } from './store';

/** The market's contracts; the governor, the yield distributor and IFIL are optional (older tests index only the market). */
export type IndexedContracts = {
  Marketplace: Address;
  HashrateNFT: Address;
  MinerRegistry: Address;
  Governor?: Address;
  YieldDistributor?: Address;
  IFIL?: Address;
  LoanMarket?: Address;
  /** The treasury's history: Revenue's events, and DMC for the supply after each buyback. */
  Revenue?: Address;
  DMC?: Address;
  PromotionNodes?: Address;
  DMCMining?: Address;
};

export type ListingIndexerOptions = {
  chainId: number;
  /** A JSON-RPC URL, or a ready viem client. */
  rpcUrl?: string;
  client?: PublicClient;
  contracts: IndexedContracts;
  /** The deployment's first block: nothing before it is read. */
  startBlock: number;
  /** The SQLite file (':memory:' for a throwaway index), or the PostgreSQL URL in `databaseUrl`. */
  dbPath?: string;
  /** A PostgreSQL connection URL: the index lives there instead of in `dbPath`. */
  databaseUrl?: string;
  /** `indexer`: always writes; `reader`: never writes (another process indexes); `auto` (default): the
   * embedded store always writes, PostgreSQL writes while this process holds the chain's advisory lock. */
  role?: 'auto' | 'indexer' | 'reader';
  /** Blocks a block must be buried under before it is indexed (0 on the local chain, 12 elsewhere). */
  confirmations?: number;
  /** Blocks per eth_getLogs range at most (halved when a node refuses a range; shorter where the chain is dense:
   * see TARGET_LOGS_PER_RANGE). */
  batchBlocks?: number;
  pollMs?: number;
  /** Block hashes kept for reorg detection, besides those of blocks that hold indexed events. */
  keepHashes?: number;
  log?: (line: string) => void;
};

/** The indexer's own client reads answers up to this size (viem's default stops at 10 MiB: ~15,000 logs). */
const MAX_RESPONSE_BYTES = 128 * 1024 * 1024;
/** Logs a range aims at: the next range's length is the last one's scaled to this many logs (at most batchBlocks),
 * so a dense stretch of chain is read in ranges the node answers in one piece and a sparse one in long ranges. */
export const TARGET_LOGS_PER_RANGE = 20_000;

/** The first range's length (at most the configured one): the density of the chain ahead is unknown, and a range
 * the node cannot answer in one piece costs its whole answer (built, sent and refused) before it is halved. */
export const FIRST_RANGE_BLOCKS = 100;
/** A range is at most this many times as long as the one before it, and a range the node refused (too many logs,
 * an answer too large) is retried this many times shorter: a refusal costs far more than a short range. */
export const RANGE_GROWTH = 2;
export const RANGE_SHRINK = 4;
/** Ranges read ahead while the last one held no logs (one while it held some). */
export const READ_AHEAD_EMPTY = 4;

/** The next range's length after `blocks` blocks held `logs` logs: scaled to the target, between 1 and `max`, and at
 * most RANGE_GROWTH times `blocks` (a sparse stretch says little about the blocks after it). */
export function nextRangeSize(blocks: number, logs: number, max: number): number {
  const grown = Math.min(max, blocks * RANGE_GROWTH);
  if (logs <= 0) return grown;
  return Math.max(1, Math.min(grown, Math.floor((blocks * TARGET_LOGS_PER_RANGE) / logs)));
}

/** A sync that applied at least this many events refreshes the planner's statistics. */
const ANALYZE_AFTER_EVENTS = 5_000;

export type SyncResult = { indexedBlock: number; head: number; events: number; rolledBackTo: number | null; wiped: boolean };

/** Default confirmations: none on the local anvil chain (it never reorgs by itself), 12 elsewhere. */
export function defaultConfirmations(chainId: number): number {
  return chainId === 31337 ? 0 : 12;
}

export class ListingIndexer {
  /** The store; set once {@link ready} (or any sync) has opened it. */
  db!: IndexDb;
  private readonly client: PublicClient;
  private readonly opts: Required<Omit<ListingIndexerOptions, 'client' | 'rpcUrl' | 'log' | 'dbPath' | 'databaseUrl'>> & { log: (s: string) => void; target: StoreTarget };
  private readonly deriver: Deriver;
  private readonly contractsByKey: Partial<Record<ContractKey, Address>>;
  /** Topic 0 of the events the index reads (the logs filter). */
  private readonly topics: Hex[];
  private opening: Promise<void> | null = null;
  private inFlight: Promise<SyncResult> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private identityChecked = false;
  private firstSync: Promise<void> | null = null;
  /** The PostgreSQL session holding the chain's advisory lock while this process is the indexer. */
  private lockClient: pg.Client | null = null;
  private writer = false;
  private lastBlock: number;
  private lastBlockTime = 0n;
  private lastBlockHash: Hex | null = null;
  /** GET /api/listings' totals counted at the last indexed block (lib/index/query CountCache). */
  readonly counts = new CountCache();
  /** The last sync error (polling keeps going), for health reporting. */
  lastError: Error | null = null;
  lastSyncAt = 0;
  /** Where sync time went, summed since the process started (the benchmark prints it): waiting on the node for
   * a range's logs and headers, writing ranges (store and derive, in their transactions), deriving alone. */
  readonly timings = { fetchWaitMs: 0, writeMs: 0, deriveMs: 0 };
  /** Events applied up to the last statistics refresh, and since it (this process's count). */
  private analyzedEvents = 0;
  private sinceAnalyze = 0;
  /** Head checks started so far, and the latest (requests arriving together share it). */
  private headChecks = 0;
  private headCheck: { seq: number; head: Promise<number> } | null = null;
  private closed = false;

  constructor(options: ListingIndexerOptions) {
    if (!options.client && !options.rpcUrl) throw new Error('ListingIndexer needs rpcUrl or client');
    if (!options.dbPath && !options.databaseUrl) throw new Error('ListingIndexer needs dbPath or databaseUrl');
    this.client =
      options.client ??
      (createPublicClient({ transport: http(options.rpcUrl, { batch: { batchSize: 200 }, retryCount: 1, maxResponseBodySize: MAX_RESPONSE_BYTES }) }) as PublicClient);
    this.opts = {
      chainId: options.chainId,
      contracts: options.contracts,
      startBlock: options.startBlock,
      target: options.databaseUrl ? { url: options.databaseUrl } : { file: options.dbPath! },
      role: options.role ?? 'auto',
      confirmations: options.confirmations ?? defaultConfirmations(options.chainId),
      batchBlocks: options.batchBlocks ?? 2000,
      pollMs: options.pollMs ?? 1000,
      keepHashes: options.keepHashes ?? 256,
      log: options.log ?? (() => {}),
    };
    const c = options.contracts;
    this.contractsByKey = { market: c.Marketplace, nft: c.HashrateNFT, registry: c.MinerRegistry };
    if (c.Governor) this.contractsByKey.governor = c.Governor;
    if (c.YieldDistributor) this.contractsByKey.yield = c.YieldDistributor;
    if (c.IFIL) this.contractsByKey.ifil = c.IFIL;
    if (c.LoanMarket) this.contractsByKey.loans = c.LoanMarket;
    if (c.Revenue) this.contractsByKey.revenue = c.Revenue;
    if (c.PromotionNodes) this.contractsByKey.nodes = c.PromotionNodes;
    if (c.DMCMining) this.contractsByKey.mining = c.DMCMining;
    this.topics = indexedTopics(this.contractsByKey);
    this.deriver = new Deriver(options.contracts.Marketplace, options.contracts.IFIL);
    this.lastBlock = options.startBlock - 1;
  }

  /** The last indexed block (startBlock - 1 before anything is indexed). */
  get indexedBlock(): number {
    return this.lastBlock;
  }

  /** The last indexed block as number and hash: what the index's contents are as of. A reorg can bring the index
   * back to a height it had before with other contents; the hash tells them apart. */
  get tip(): string {
    return `${this.lastBlock}:${this.lastBlockHash ?? ''}`;
  }

  /** Timestamp of the last indexed block: the index's notion of chain time. */
  get chainTime(): bigint {
    return this.lastBlockTime;
  }

  /** Whether this process writes the index (always for the embedded store; the lock holder on PostgreSQL). */
  get isWriter(): boolean {
    return this.writer;
  }

  /** Opens the store (once). A reader of a PostgreSQL index another process writes does not touch the schema. */
  open(): Promise<void> {
    if (!this.opening) {
      this.opening = (async () => {
        const reader = this.opts.role === 'reader';
        this.db = await openIndexDb(this.opts.target, { migrate: !reader });
        if (!reader) await this.checkDeploymentMeta();
        await this.loadTip();
      })();
      this.opening.catch(() => (this.opening = null)); // the next caller retries
    }
    return this.opening;
  }

  /** Re-reads the last indexed block and its time from the store (what another process committed). */
  private async loadTip(): Promise<void> {
    try {
      // The tip's number and its stored hash in one statement (one round trip, and a pair from one snapshot).
      const [tip, time] = await Promise.all([
        sql<{ block: string; hash: string | null }>`SELECT m.value AS block, b.hash FROM meta m LEFT JOIN blocks b ON b.number = CAST(m.value AS BIGINT) WHERE m.key = 'lastBlock'`.execute(this.db),
        getMeta(this.db, 'lastBlockTime'),
      ]);
      const row = tip.rows[0];
      this.lastBlock = row === undefined ? this.opts.startBlock - 1 : Number(row.block);
      this.lastBlockTime = BigInt(time ?? '0');
      this.lastBlockHash = (row?.hash as Hex | null | undefined) ?? null;
    } catch (error) {
      if (this.opts.role !== 'reader') throw error; // a reader may start before the indexer made the schema
    }
  }

  /** A different chain id, contract set or start block than the store was made for: start over. */
  private async checkDeploymentMeta(): Promise<void> {
    const identity = JSON.stringify({ chainId: this.opts.chainId, startBlock: this.opts.startBlock, contracts: this.contractsByKey });
    if ((await getMeta(this.db, 'deployment')) !== identity) {
      await inTransaction(this.db, async (trx) => {
        await wipe(trx);
        await setMeta(trx, 'deployment', identity);
      });
    }
  }

  /**
   * Decides whether this process writes. The embedded store has one process; on PostgreSQL the writer is the
   * holder of a session-level advisory lock keyed by the chain id, held on a connection of its own, so when that
   * process dies its lock goes with it and another process takes over on its next poll.
   */
  private async claimWriter(): Promise<boolean> {
    if (this.opts.role === 'reader') return false;
    if (this.writer) return true;
    if (storeKind(this.db) === 'sqlite' || this.opts.role === 'indexer' && !('url' in this.opts.target)) return (this.writer = true);
    const target = this.opts.target as { url: string };
    const client = new pg.Client({ connectionString: target.url });
    client.on('error', () => undefined); // a dropped session loses the lock; 'end' below notices
    await client.connect();
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [indexLockKey(this.opts.chainId)]);
    if (!rows[0]?.locked) {
      await client.end().catch(() => undefined);
      if (this.opts.role === 'indexer') throw new Error('another process holds the index lock of this chain');
      return false;
    }
    client.on('end', () => {
      if (this.lockClient === client) {
        this.lockClient = null;
        this.writer = false;
      }
    });
    this.lockClient = client;
    this.opts.log(`index: this process indexes chain ${this.opts.chainId} into PostgreSQL`);
    await this.checkDeploymentMeta();
    await this.loadTip();
    return (this.writer = true);
  }

  /** One sync: reorg check, then index up to head - confirmations. Concurrent calls share one run. A process
   * that does not write (a PostgreSQL reader) re-reads the tip the indexer committed. */
  syncOnce(): Promise<SyncResult> {
    if (!this.inFlight) {
      this.inFlight = (async () => {
        await this.open();
        if (!(await this.claimWriter())) {
          await this.loadTip();
          return { indexedBlock: this.indexedBlock, head: this.indexedBlock, events: 0, rolledBackTo: null, wiped: false };
        }
        return this.doSync();
      })().then(
        (r) => {
          this.inFlight = null;
          this.lastError = null;
          this.lastSyncAt = Date.now();
          return r;
        },
        (error: Error) => {
          this.inFlight = null;
          this.lastError = error;
          throw error;
        },
      );
    }
    return this.inFlight;
  }

  /** Resolves once the index has caught up once since this process started (rejects if that sync failed). */
  ready(): Promise<void> {
    if (!this.firstSync) this.firstSync = this.syncOnce().then(() => undefined);
    const p = this.firstSync;
    p.catch(() => {
      if (this.firstSync === p) this.firstSync = null; // the next caller retries
    });
    return p;
  }

  /**
   * Brings the index up to the chain before answering a request, so a client sees its own transaction: one
   * eth_blockNumber, and a sync only when the chain moved (the poller catches same-height reorgs). Requests that
   * arrive together share one head check, but only one that started after they arrived: a check (or a sync) begun
   * before a client's transaction was mined cannot answer for it. Waits at most `timeoutMs`; after that it serves
   * what it has.
   */
  async fresh(timeoutMs = 2000): Promise<void> {
    await this.ready();
    const arrived = this.headChecks;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)));
    const work = async () => {
      // A sync already running may have read the head before this request's transaction: wait for it, then look
      // at the head again (at most three rounds, within the timeout).
      for (let round = 0; round < 3; round++) {
        if (this.inFlight) await this.inFlight.catch(() => undefined);
        const target = (await this.headAfter(arrived)) - this.opts.confirmations;
        if (target === this.indexedBlock) return;
        await this.syncOnce().catch(() => undefined);
        if (target === this.indexedBlock) return;
      }
    };
    await Promise.race([work().catch(() => undefined), timeout]);
    clearTimeout(timer);
  }

  /** The node's head from a check started after check number `after`: joins one in flight or starts one. */
  private headAfter(after: number): Promise<number> {
    if (this.headCheck && this.headCheck.seq > after) return this.headCheck.head;
    const seq = ++this.headChecks;
    const head = this.client.getBlockNumber({ cacheTime: 0 }).then(Number);
    this.headCheck = { seq, head };
    head.catch(() => {
      if (this.headCheck?.seq === seq) this.headCheck = null; // the next request asks again
    });
    return head;
  }

  /** Polls every pollMs until stop(). */
  start(): void {
    if (this.running) return;
    this.running = true;
    let lastLogged = '';
    const tick = async () => {
      if (!this.running) return;
      try {
        await this.syncOnce();
        if (lastLogged) this.opts.log('index: syncing again');
        lastLogged = '';
      } catch (error) {
        const line = `index: sync failed: ${(error as Error).message.split('\n')[0]}`;
        if (line !== lastLogged) this.opts.log(line); // once per kind of failure, not every poll
        lastLogged = line;
      }
      if (this.running) this.timer = setTimeout(tick, this.opts.pollMs);
    };
    void tick();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.inFlight?.catch(() => undefined);
  }

  /** Releases the store (and the writer's lock). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.stop();
    const lock = this.lockClient;
    this.lockClient = null;
    this.writer = false;
    await lock?.end().catch(() => undefined);
    await this.opening?.catch(() => undefined);
    if (this.db) await this.db.destroy();
  }

  // ------------------------------------------------------------------ sync

  private async blockHash(n: number): Promise<Hex | null> {
    try {
      return (await this.client.getBlock({ blockNumber: BigInt(n) })).hash;
    } catch {
      return null; // not there (a chain shorter than we thought)
    }
  }

  private async doSync(): Promise<SyncResult> {
    const result: SyncResult = { indexedBlock: this.indexedBlock, head: 0, events: 0, rolledBackTo: null, wiped: false };
    const head = Number(await this.client.getBlockNumber({ cacheTime: 0 }));
    result.head = head;
    const { startBlock } = this.opts;
    if (head < startBlock) {
      // A chain that does not reach our start block is not the one we indexed.
      if (await getMeta(this.db, 'startBlockHash')) {
        await this.wipeAll();
        result.wiped = true;
      }
      result.indexedBlock = this.indexedBlock;
      return result;
    }

    // The start block's hash identifies the chain: a brand-new anvil at the same addresses has another one.
    if (!this.identityChecked) {
      const stored = await getMeta(this.db, 'startBlockHash');
      const actual = await this.blockHash(startBlock);
      if (stored && stored !== actual) {
        this.opts.log(`index: block ${startBlock} changed hash: a different chain, starting over`);
        await this.wipeAll();
        result.wiped = true;
      }
      if (actual) await setMeta(this.db, 'startBlockHash', actual);
      this.identityChecked = true;
    }

    // Reorg check at the tip: does the chain still have the block we indexed last?
    await this.loadTip();
    const last = this.indexedBlock;
    if (last >= startBlock) {
      const stored = await this.storedHash(last);
      const actual = last <= head ? await this.blockHash(last) : null;
      if (stored !== actual) {
        const fork = await this.findForkPoint(head);
        if (fork === null) {
          this.opts.log('index: no indexed block is still on the chain: starting over');
          await this.wipeAll();
          result.wiped = true;
        } else {
          this.opts.log(`index: reorg: rolling back from block ${last} to ${fork}`);
          await this.rollbackTo(fork);
          result.rolledBackTo = fork;
        }
      }
    }

    const target = head - this.opts.confirmations;
    let size = Math.min(this.opts.batchBlocks, FIRST_RANGE_BLOCKS);
    // Ranges are read from the node ahead of their writes, so the node and the store work at the same time: one
    // range ahead where the chain has logs, READ_AHEAD_EMPTY where the last range had none (an empty range is a
    // few round trips and no write: read one at a time, a million empty blocks took about 9 s). A range the node
    // refuses drops the ranges read after it, and the loop goes on from it, shorter.
    const ahead: { from: number; to: number; range: Promise<FetchedRange> }[] = [];
    let depth = 1;
    let next = this.indexedBlock + 1;
    const readAhead = () => {
      while (ahead.length < depth && next <= target) {
        const to = Math.min(target, next + size - 1);
        const range = this.fetchRange(next, to);
        range.catch(() => undefined); // awaited (and its error handled) when the loop takes it
        ahead.push({ from: next, to, range });
        next = to + 1;
      }
    };
    readAhead();
    while (ahead.length > 0) {
      const { from, to, range: pending } = ahead.shift()!;
      let range: FetchedRange;
      const waited = process.hrtime.bigint();
      try {
        range = await pending;
      } catch (error) {
        ahead.length = 0;
        if (to > from && /range|limit|too many|exceed|size/i.test(String((error as Error).message))) {
          size = Math.max(1, Math.floor((to - from + 1) / RANGE_SHRINK));
          next = from;
          readAhead();
          continue;
        }
        throw error;
      } finally {
        this.timings.fetchWaitMs += msSince(waited);
      }
      size = nextRangeSize(to - from + 1, range.logs.length, this.opts.batchBlocks);
      depth = range.logs.length === 0 ? READ_AHEAD_EMPTY : 1;
      readAhead();
      const applied = await this.indexRange(range);
      if (applied === null) break; // the chain moved under us; the next sync sees the reorg
      result.events += applied;
      // A bulk load's later ranges look their tokens up in tables the planner has no statistics for yet (PostgreSQL
      // then scans a listing table of 70,000 rows for a batch of 600 tokens): refresh them each time the events
      // applied since the last refresh reach the number before it (a handful of times in any catch-up).
      this.sinceAnalyze += applied;
      if (this.sinceAnalyze >= ANALYZE_AFTER_EVENTS && this.sinceAnalyze >= this.analyzedEvents && to < target) await this.refreshStatistics({ vacuum: false });
    }
    result.indexedBlock = this.indexedBlock;
    // After a bulk load (a catch-up, a rebuild) the query planners' statistics are stale: refresh them, so
    // SQLite and PostgreSQL pick the per-token and per-owner indexes the pages' queries are written for. On
    // PostgreSQL a VACUUM also marks the loaded pages all-visible, so the pages' counts (live listings, an
    // owner's tokens) are index-only scans instead of a heap visit per row; autovacuum keeps that up later.
    if (result.events >= ANALYZE_AFTER_EVENTS) await this.refreshStatistics();
    return result;
  }

  /** Refreshes the planners' statistics after a bulk load, and with `vacuum` (the default) on PostgreSQL the
   * visibility map too (see doSync); a catch-up in progress refreshes the statistics alone. */
  private async refreshStatistics({ vacuum = true } = {}): Promise<void> {
    await (vacuum && storeKind(this.db) === 'postgres' ? sql`VACUUM (ANALYZE)` : sql`ANALYZE`).execute(this.db);
    this.analyzedEvents += this.sinceAnalyze;
    this.sinceAnalyze = 0;
  }

  /**
   * One range's logs, and a hash and timestamp for every block they are in and the range's ends. A node that puts
   * `blockTimestamp` on its logs (anvil, recent geth and reth) is asked for the range's last header before and
   * after the logs: the same hash both times means the logs were read from that chain, so each log's own block
   * hash and timestamp are stored and no header per block is fetched. Otherwise (or when the end moved: a reorg
   * under the read) every block with a log is fetched, as the logs are checked against.
   */
  private async fetchRange(from: number, to: number): Promise<FetchedRange> {
    const header = async (n: number) => {
      const b = await this.client.getBlock({ blockNumber: BigInt(n) });
      return { number: n, hash: b.hash, parentHash: b.parentHash, timestamp: Number(b.timestamp) };
    };
    const [first, lastBefore] = await Promise.all([header(from), from === to ? null : header(to)]);
    // Only the indexed events' topics: the node neither sends nor the index parses the contracts' other logs.
    const raw = await this.client.request({
      method: 'eth_getLogs',
      params: [{ address: Object.values(this.contractsByKey) as Address[], topics: [this.topics], fromBlock: numberToHex(from), toBlock: numberToHex(to) }],
    });
    const logs = (raw as RpcLog[]).map((l) => formatLog(l) as Log);
    const headers = new Map<number, { hash: Hex; parentHash: Hex | null; timestamp: number }>([[from, first]]);
    const last = from === to ? first : await header(to);
    headers.set(to, last);
    const stamped = logs.every((l) => typeof (l as { blockTimestamp?: bigint }).blockTimestamp === 'bigint');
    if (stamped && (lastBefore === null ? (await header(from)).hash === first.hash : lastBefore.hash === last.hash)) {
      for (const l of logs) {
        const n = Number(l.blockNumber);
        if (!headers.has(n)) headers.set(n, { hash: l.blockHash!, parentHash: null, timestamp: Number((l as { blockTimestamp?: bigint }).blockTimestamp) });
      }
      return this.decoded(from, to, logs, headers);
    }
    const list = [...new Set(logs.map((l) => Number(l.blockNumber)))].filter((n) => !headers.has(n));
    for (let i = 0; i < list.length; i += 200) {
      for (const { number, ...h } of await Promise.all(list.slice(i, i + 200).map(header))) headers.set(number, h);
    }
    return this.decoded(from, to, logs, headers);
  }

  /** A fetched range with its logs decoded into the index's events, in chain order. Done here, in the read ahead, so
   * the decoding of the next range runs while the store writes this one (the process waits on the store then). */
  private decoded(from: number, to: number, logs: Log[], headers: FetchedRange['headers']): FetchedRange {
    const events = logs
      .filter((l) => !l.removed)
      .map((l) => decodeIndexedLog(l, this.contractsByKey))
      .filter((e): e is StoredEvent => e !== null)
      .sort((a, b) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex);
    return { from, to, logs, headers, events };
  }

  /** Each buyback's DMC supply after it (the treasury page's chart shows it), read once at the buyback's block
   * and stored in the event's args, so a rebuild from the stored events needs no chain read. A node that no longer
   * has that block's state (not an archive node) leaves it unknown rather than stopping the index. */
  private async addSupplyAfter(events: StoredEvent[]): Promise<void> {
    const dmc = this.opts.contracts.DMC;
    const buybacks = events.filter((e) => e.contract === 'revenue' && e.name === 'BoughtBack');
    if (!dmc || buybacks.length === 0) return;
    const supplies = await Promise.all(
      buybacks.map((e) =>
        this.client.readContract({ address: dmc, abi: erc20Abi, functionName: 'totalSupply', blockNumber: BigInt(e.blockNumber) }).catch((error: Error) => {
          this.opts.log(`index: DMC supply at block ${e.blockNumber} unknown (${error.message.split('\n')[0]})`);
          return null;
        }),
      ),
    );
    buybacks.forEach((e, i) => {
      if (supplies[i] !== null) e.args.supplyAfter = supplies[i]!.toString();
    });
  }

  /** Stores and applies one range's events atomically. Null when the chain changed while reading it, or when
   * the store no longer ends at `from - 1` (another writer got there first: nothing is applied twice). */
  private async indexRange({ from, to, logs, headers, events }: FetchedRange): Promise<number | null> {
    const started = process.hrtime.bigint();
    // Consistency: the logs come from the blocks we fetched, and the range continues the chain we indexed.
    if (logs.some((l) => headers.get(Number(l.blockNumber))?.hash !== l.blockHash)) return null;
    const prev = await this.storedHash(from - 1);
    if (prev && headers.get(from)!.parentHash !== prev) return null;

    await this.addSupplyAfter(events);

    const applied = await inTransaction(this.db, async (trx) => {
      // The range applies only on top of the block it continues; on PostgreSQL the meta row stays locked until
      // this transaction ends, so a second writer waits here and then sees the range is done.
      const tip = storeKind(trx) === 'postgres'
        ? (await sql<{ value: string }>`SELECT value FROM meta WHERE key = 'lastBlock' FOR UPDATE`.execute(trx)).rows[0]?.value
        : await getMeta(trx, 'lastBlock');
      if ((tip === undefined ? this.opts.startBlock - 1 : Number(tip)) !== from - 1) return false;
      const withEvents = new Set(events.map((e) => e.blockNumber));
      const blocks = [...headers].filter(([n]) => withEvents.has(n) || n === to || n === this.opts.startBlock).map(([n, h]) => ({ number: n, hash: h.hash, timestamp: h.timestamp }));
      for (let i = 0; i < blocks.length; i += 500) {
        await trx.insertInto('blocks').values(blocks.slice(i, i + 500)).onConflict((oc) => oc.column('number').doUpdateSet((eb) => ({ hash: eb.ref('excluded.hash'), timestamp: eb.ref('excluded.timestamp') }))).execute();
      }
      const rows = events.map((e) => ({ block_number: e.blockNumber, log_index: e.logIndex, tx_hash: e.txHash, contract: e.contract, name: e.name, args: JSON.stringify(e.args) }));
      await insertMany(trx, 'events', rows, { chunk: 500 });
      this.deriver.begin();
      const derive = process.hrtime.bigint();
      await this.deriver.applyAll(trx, events.map((e) => ({ event: e, timestamp: headers.get(e.blockNumber)!.timestamp })));
      this.timings.deriveMs += msSince(derive);
      await setMeta(trx, 'lastBlock', to);
      await setMeta(trx, 'lastBlockTime', headers.get(to)!.timestamp);
      // Keep the last keepHashes blocks' range ends; blocks holding events keep their hash for the fork search.
      // Only the range ends this range pushed out of that window are looked at (the previous range pruned the
      // ones before), not every stored block: the pruning costs the same at block 1,000 and at block 1,000,000.
      await sql`DELETE FROM blocks WHERE number >= ${from - 1 - this.opts.keepHashes} AND number < ${to - this.opts.keepHashes} AND number <> ${this.opts.startBlock} AND NOT EXISTS (SELECT 1 FROM events WHERE block_number = blocks.number)`.execute(trx);
      return true;
    });
    await this.loadTip();
    this.timings.writeMs += msSince(started);
    return applied ? events.length : null;
  }

  private async storedHash(n: number): Promise<Hex | null> {
    return ((await this.db.selectFrom('blocks').select('hash').where('number', '=', n).executeTakeFirst())?.hash as Hex | undefined) ?? null;
  }

  /** The newest stored block whose hash the chain still has, or null when none is left. */
  private async findForkPoint(head: number): Promise<number | null> {
    const all = await this.db.selectFrom('blocks').select(['number', 'hash']).where('number', '<=', head).orderBy('number', 'desc').execute();
    for (let i = 0; i < all.length; i += 32) {
      const chunk = all.slice(i, i + 32);
      const actual = await Promise.all(chunk.map((r) => this.blockHash(Number(r.number))));
      const k = chunk.findIndex((r, j) => actual[j] === r.hash);
      if (k !== -1) return Number(chunk[k]!.number);
    }
    return null;
  }

  /** Forgets the events after `fork` and rebuilds the derived tables, in one transaction: an error or a crash in
   * the middle leaves the index as it was before the rollback. */
  private async rollbackTo(fork: number): Promise<void> {
    await inTransaction(this.db, async (trx) => {
      await trx.deleteFrom('events').where('block_number', '>', fork).execute();
      await trx.deleteFrom('blocks').where('number', '>', fork).execute();
      await setMeta(trx, 'lastBlock', fork);
      const t = await trx.selectFrom('blocks').select('timestamp').where('number', '=', fork).executeTakeFirst();
      await setMeta(trx, 'lastBlockTime', String(t?.timestamp ?? 0));
      await this.rebuild(trx);
    });
    await this.refreshStatistics(); // the rebuilt tables have none
    await this.loadTip();
  }

  /** Replays every stored event into fresh derived tables, in one transaction (the caller's, when given one, which
   * then refreshes the planners' statistics once it has committed). */
  async rebuild(db: IndexDb = this.db): Promise<void> {
    await inTransaction(db, async (trx) => {
      await resetDerived(trx);
      this.deriver.begin();
      const rows = await trx
        .selectFrom('events as e')
        .innerJoin('blocks as b', 'b.number', 'e.block_number')
        .select(['e.block_number', 'e.log_index', 'e.tx_hash', 'e.contract', 'e.name', 'e.args', 'b.timestamp'])
        .orderBy('e.block_number')
        .orderBy('e.log_index')
        .execute();
      const events = rows.map((r) => ({
        event: { blockNumber: Number(r.block_number), logIndex: Number(r.log_index), txHash: r.tx_hash as Hex, contract: r.contract as ContractKey, name: r.name, args: JSON.parse(r.args) } as StoredEvent,
        timestamp: Number(r.timestamp),
      }));
      await this.deriver.applyAll(trx, events);
    });
    if (!db.isTransaction) await this.refreshStatistics();
  }

  private async wipeAll(): Promise<void> {
    await inTransaction(this.db, async (trx) => {
      const deployment = await getMeta(trx, 'deployment');
      await wipe(trx);
      if (deployment) await setMeta(trx, 'deployment', deployment);
    });
    await this.loadTip();
    this.identityChecked = false; // record the new chain's start block hash on the next sync
  }
}

type FetchedRange = { from: number; to: number; logs: Log[]; headers: Map<number, { hash: Hex; parentHash: Hex | null; timestamp: number }>; events: StoredEvent[] };

const msSince = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;

/** The advisory lock id of a chain's indexer (one PostgreSQL database may hold the index of several chains' apps
 * only through separate databases; the key still differs per chain). */
export function indexLockKey(chainId: number): string {
  return String(0x444d4558_00000000n + BigInt(chainId)); // "DMEX" in the high bits
}
