// The listing index: reads the Marketplace, HashrateNFT and MinerRegistry events from the deployment's start
// block in ranges, waits for confirmations, keeps block hashes to detect reorgs and rolls back to the fork
// point, and keeps everything in one SQLite file so a restart resumes where it stopped.
import { createPublicClient, http, type Address, type Hex, type Log, type PublicClient } from 'viem';
import { decodeIndexedLog, type ContractKey, type StoredEvent } from './events';
import { Deriver } from './derive';
import { getMeta, openIndexDb, resetDerived, setMeta, wipe, type IndexDb } from './store';

/** The market's contracts; the governor, the yield distributor and IFIL are optional (older tests index only the market). */
export type IndexedContracts = {
  Marketplace: Address;
  HashrateNFT: Address;
  MinerRegistry: Address;
  Governor?: Address;
  YieldDistributor?: Address;
  IFIL?: Address;
  LoanMarket?: Address;
};

export type ListingIndexerOptions = {
  chainId: number;
  /** A JSON-RPC URL, or a ready viem client. */
  rpcUrl?: string;
  client?: PublicClient;
  contracts: IndexedContracts;
  /** The deployment's first block: nothing before it is read. */
  startBlock: number;
  /** The SQLite file (':memory:' for a throwaway index). */
  dbPath: string;
  /** Blocks a block must be buried under before it is indexed (0 on the local chain, 12 elsewhere). */
  confirmations?: number;
  /** Blocks per eth_getLogs range (halved automatically when a node refuses a range). */
  batchBlocks?: number;
  pollMs?: number;
  /** Block hashes kept for reorg detection, besides those of blocks that hold indexed events. */
  keepHashes?: number;
  log?: (line: string) => void;
};

export type SyncResult = { indexedBlock: number; head: number; events: number; rolledBackTo: number | null; wiped: boolean };

/** Default confirmations: none on the local anvil chain (it never reorgs by itself), 12 elsewhere. */
export function defaultConfirmations(chainId: number): number {
  return chainId === 31337 ? 0 : 12;
}

export class ListingIndexer {
  readonly db: IndexDb;
  private readonly client: PublicClient;
  private readonly opts: Required<Omit<ListingIndexerOptions, 'client' | 'rpcUrl' | 'log'>> & { log: (s: string) => void };
  private deriver: Deriver;
  private readonly contractsByKey: Partial<Record<ContractKey, Address>>;
  private inFlight: Promise<SyncResult> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private identityChecked = false;
  private firstSync: Promise<void> | null = null;
  /** The last sync error (polling keeps going), for health reporting. */
  lastError: Error | null = null;
  lastSyncAt = 0;
  private lastHeadCheck = 0;

  constructor(options: ListingIndexerOptions) {
    if (!options.client && !options.rpcUrl) throw new Error('ListingIndexer needs rpcUrl or client');
    this.client =
      options.client ?? (createPublicClient({ transport: http(options.rpcUrl, { batch: { batchSize: 200 }, retryCount: 1 }) }) as PublicClient);
    this.opts = {
      chainId: options.chainId,
      contracts: options.contracts,
      startBlock: options.startBlock,
      dbPath: options.dbPath,
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
    this.db = openIndexDb(options.dbPath);
    this.checkDeploymentMeta();
    this.deriver = new Deriver(this.db, options.contracts.Marketplace);
  }

  /** The last indexed block (startBlock - 1 before anything is indexed). */
  get indexedBlock(): number {
    const v = getMeta(this.db, 'lastBlock');
    return v === undefined ? this.opts.startBlock - 1 : Number(v);
  }

  /** Timestamp of the last indexed block: the index's notion of chain time. */
  get chainTime(): bigint {
    return BigInt(getMeta(this.db, 'lastBlockTime') ?? '0');
  }

  /** A different chain id, contract set or start block than the file was made for: start over. */
  private checkDeploymentMeta(): void {
    const identity = JSON.stringify({ chainId: this.opts.chainId, startBlock: this.opts.startBlock, contracts: this.contractsByKey });
    if (getMeta(this.db, 'deployment') !== identity) {
      wipe(this.db);
      setMeta(this.db, 'deployment', identity);
    }
  }

  /** One sync: reorg check, then index up to head - confirmations. Concurrent calls share one run. */
  syncOnce(): Promise<SyncResult> {
    if (!this.inFlight) {
      this.inFlight = this.doSync().then(
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
   * eth_blockNumber, and a sync only when the chain moved (the poller catches same-height reorgs). Checks
   * at most every 100 ms under load and waits at most `timeoutMs`; after that it serves what it has.
   */
  async fresh(timeoutMs = 2000): Promise<void> {
    await this.ready();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)));
    const work = async () => {
      if (this.inFlight) return void (await this.inFlight.catch(() => undefined));
      if (Date.now() - this.lastHeadCheck < 100) return;
      this.lastHeadCheck = Date.now();
      const head = Number(await this.client.getBlockNumber({ cacheTime: 0 }));
      if (head - this.opts.confirmations !== this.indexedBlock) await this.syncOnce().catch(() => undefined);
    };
    await Promise.race([work().catch(() => undefined), timeout]);
    clearTimeout(timer);
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

  close(): void {
    this.db.close();
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
      if (getMeta(this.db, 'startBlockHash')) {
        this.wipeAll();
        result.wiped = true;
      }
      result.indexedBlock = this.indexedBlock;
      return result;
    }

    // The start block's hash identifies the chain: a brand-new anvil at the same addresses has another one.
    if (!this.identityChecked) {
      const stored = getMeta(this.db, 'startBlockHash');
      const actual = await this.blockHash(startBlock);
      if (stored && stored !== actual) {
        this.opts.log(`index: block ${startBlock} changed hash: a different chain, starting over`);
        this.wipeAll();
        result.wiped = true;
      }
      if (actual) setMeta(this.db, 'startBlockHash', actual);
      this.identityChecked = true;
    }

    // Reorg check at the tip: does the chain still have the block we indexed last?
    const last = this.indexedBlock;
    if (last >= startBlock) {
      const stored = this.storedHash(last);
      const actual = last <= head ? await this.blockHash(last) : null;
      if (stored !== actual) {
        const fork = await this.findForkPoint(head);
        if (fork === null) {
          this.opts.log('index: no indexed block is still on the chain: starting over');
          this.wipeAll();
          result.wiped = true;
        } else {
          this.opts.log(`index: reorg: rolling back from block ${last} to ${fork}`);
          this.rollbackTo(fork);
          result.rolledBackTo = fork;
        }
      }
    }

    const target = head - this.opts.confirmations;
    let from = this.indexedBlock + 1;
    let size = this.opts.batchBlocks;
    while (from <= target) {
      const to = Math.min(target, from + size - 1);
      let logs: Log[];
      try {
        logs = await this.client.getLogs({ address: Object.values(this.contractsByKey) as Address[], fromBlock: BigInt(from), toBlock: BigInt(to) });
      } catch (error) {
        if (size > 1 && /range|limit|too many|exceed|size/i.test(String((error as Error).message))) {
          size = Math.max(1, Math.floor(size / 2));
          continue;
        }
        throw error;
      }
      const applied = await this.indexRange(from, to, logs);
      if (applied === null) break; // the chain moved under us; the next sync sees the reorg
      result.events += applied;
      from = to + 1;
    }
    result.indexedBlock = this.indexedBlock;
    return result;
  }

  /** Stores and applies one range's events atomically. Null when the chain changed while reading it. */
  private async indexRange(from: number, to: number, logs: Log[]): Promise<number | null> {
    const numbers = new Set<number>(logs.map((l) => Number(l.blockNumber)));
    numbers.add(to);
    numbers.add(from);
    const headers = new Map<number, { hash: Hex; parentHash: Hex; timestamp: number }>();
    const list = [...numbers];
    for (let i = 0; i < list.length; i += 200) {
      const chunk = await Promise.all(list.slice(i, i + 200).map((n) => this.client.getBlock({ blockNumber: BigInt(n) })));
      for (const b of chunk) headers.set(Number(b.number), { hash: b.hash, parentHash: b.parentHash, timestamp: Number(b.timestamp) });
    }
    // Consistency: the logs come from the blocks we fetched, and the range continues the chain we indexed.
    if (logs.some((l) => headers.get(Number(l.blockNumber))?.hash !== l.blockHash)) return null;
    const prev = this.storedHash(from - 1);
    if (prev && headers.get(from)!.parentHash !== prev) return null;

    const events = logs
      .filter((l) => !l.removed)
      .map((l) => decodeIndexedLog(l, this.contractsByKey))
      .filter((e): e is StoredEvent => e !== null)
      .sort((a, b) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex);

    const insertEvent = this.db.prepare('INSERT OR REPLACE INTO events (block_number, log_index, tx_hash, contract, name, args) VALUES (?, ?, ?, ?, ?, ?)');
    const insertBlock = this.db.prepare('INSERT OR REPLACE INTO blocks (number, hash, timestamp) VALUES (?, ?, ?)');
    this.db.transaction(() => {
      const withEvents = new Set(events.map((e) => e.blockNumber));
      for (const [n, h] of headers) if (withEvents.has(n) || n === to || n === this.opts.startBlock) insertBlock.run(n, h.hash, h.timestamp);
      for (const e of events) {
        insertEvent.run(e.blockNumber, e.logIndex, e.txHash, e.contract, e.name, JSON.stringify(e.args));
        this.deriver.apply(e, headers.get(e.blockNumber)!.timestamp);
      }
      setMeta(this.db, 'lastBlock', to);
      setMeta(this.db, 'lastBlockTime', headers.get(to)!.timestamp);
      // Keep the last keepHashes range ends; blocks holding events keep their hash for the fork search.
      this.db
        .prepare('DELETE FROM blocks WHERE number < ? AND number <> ? AND NOT EXISTS (SELECT 1 FROM events WHERE block_number = blocks.number)')
        .run(to - this.opts.keepHashes, this.opts.startBlock);
    })();
    return events.length;
  }

  private storedHash(n: number): Hex | null {
    return ((this.db.prepare('SELECT hash FROM blocks WHERE number = ?').get(n) as { hash: Hex } | undefined)?.hash ?? null);
  }

  /** The newest stored block whose hash the chain still has, or null when none is left. */
  private async findForkPoint(head: number): Promise<number | null> {
    const rows = this.db.prepare('SELECT number, hash FROM blocks WHERE number <= ? ORDER BY number DESC').iterate(head) as Iterable<{ number: number; hash: Hex }>;
    let chunk: { number: number; hash: Hex }[] = [];
    const check = async () => {
      const actual = await Promise.all(chunk.map((r) => this.blockHash(r.number)));
      const i = chunk.findIndex((r, k) => actual[k] === r.hash);
      return i === -1 ? null : chunk[i]!.number;
    };
    const all = [...rows];
    for (const r of all) {
      chunk.push(r);
      if (chunk.length === 32) {
        const found = await check();
        if (found !== null) return found;
        chunk = [];
      }
    }
    return chunk.length ? check() : null;
  }

  /** Forgets blocks after `fork` and rebuilds the derived state from the events that remain. */
  /** Forgets the events after `fork` and rebuilds the derived tables, in one transaction: an error or a crash in
   * the middle leaves the index as it was before the rollback. */
  private rollbackTo(fork: number): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM events WHERE block_number > ?').run(fork);
      this.db.prepare('DELETE FROM blocks WHERE number > ?').run(fork);
      setMeta(this.db, 'lastBlock', fork);
      const t = this.db.prepare('SELECT timestamp FROM blocks WHERE number = ?').get(fork) as { timestamp: number } | undefined;
      setMeta(this.db, 'lastBlockTime', t?.timestamp ?? 0);
      this.rebuild();
    })();
  }

  /** Replays every stored event into fresh derived tables, in one transaction (nested in the rollback's). */
  rebuild(): void {
    let deriver: Deriver | undefined;
    this.db.transaction(() => {
      resetDerived(this.db);
      deriver = new Deriver(this.db, this.opts.contracts.Marketplace);
      const rows = this.db
        .prepare('SELECT e.block_number, e.log_index, e.tx_hash, e.contract, e.name, e.args, b.timestamp FROM events e JOIN blocks b ON b.number = e.block_number ORDER BY e.block_number, e.log_index')
        .all() as { block_number: number; log_index: number; tx_hash: Hex; contract: ContractKey; name: string; args: string; timestamp: number }[];
      for (const r of rows) {
        deriver.apply({ blockNumber: r.block_number, logIndex: r.log_index, txHash: r.tx_hash, contract: r.contract, name: r.name, args: JSON.parse(r.args) }, r.timestamp);
      }
    })();
    this.deriver = deriver!; // statements prepared against the recreated tables
  }

  private wipeAll(): void {
    const deployment = getMeta(this.db, 'deployment');
    wipe(this.db);
    if (deployment) setMeta(this.db, 'deployment', deployment);
    this.deriver = new Deriver(this.db, this.opts.contracts.Marketplace);
    this.identityChecked = false; // record the new chain's start block hash on the next sync
  }
}
