import 'server-only';
import path from 'node:path';
import { getDeployment } from '../chain/contracts';
import { publicEnv } from '../env';
import { serverEnv } from '../serverEnv';
import { ListingIndexer } from './indexer';
import { indexDbPath } from './store';

const KEY = Symbol.for('dmex.listingIndex');
type Holder = { [KEY]?: ListingIndexer };

/**
 * The server process's listing index, created and started on first use. Kept on globalThis so route
 * handlers and pages bundled apart (and dev-mode reloads) share one indexer and one store connection.
 */
export function getListingIndex(): ListingIndexer {
  const holder = globalThis as Holder;
  if (!holder[KEY]) {
    const env = serverEnv();
    const chainId = publicEnv.chainId;
    const d = getDeployment(chainId);
    const indexer = new ListingIndexer({
      chainId,
      rpcUrl: env.RPC_URL,
      contracts: { Marketplace: d.Marketplace, HashrateNFT: d.HashrateNFT, MinerRegistry: d.MinerRegistry, Governor: d.Governor, YieldDistributor: d.YieldDistributor, IFIL: d.IFIL, LoanMarket: d.LoanMarket,
        Revenue: d.Revenue, DMC: d.DMC, PromotionNodes: d.PromotionNodes, DMCMining: d.DMCMining },
      startBlock: env.INDEX_START_BLOCK ?? d.startBlock,
      ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dbPath: path.resolve(indexDbPath(chainId, env.INDEX_DIR)) }),
      role: env.INDEX_ROLE,
      confirmations: env.INDEX_CONFIRMATIONS,
      pollMs: env.INDEX_POLL_MS,
      batchBlocks: env.INDEX_BATCH_BLOCKS,
      log: (line) => console.log(line),
    });
    indexer.start();
    holder[KEY] = indexer;
  }
  return holder[KEY];
}
