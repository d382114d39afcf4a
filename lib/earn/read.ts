/**
 * Chain readers of DMC mining, over any viem public client (the hooks pass wagmi's, the API and the integration
 * tests their own), so the numbers the Earn page shows are the numbers the tests check.
 */
import { erc20Abi, type Address, type PublicClient } from 'viem';
import { getDeployment } from '../chain/contracts';
import { dmcMiningAbi } from '../../contracts-abi/DMCMining.gen';
import { hashrateNftAbi } from '../../contracts-abi/HashrateNFT.gen';
import { jointPoolAbi } from '../../contracts-abi/JointPool.gen';
import { uniswapV2PairAbi } from '../../contracts-abi/UniswapV2Pair.gen';
import { aprBps, dmcPrice, dtokenAprBps, ifilPrice, sortReserves, type PairReserves, type StakeKind } from './pricing';
import { PROGRAMS, type Program } from './schedule';

export type Reader = Pick<PublicClient, 'readContract' | 'getBlock'>;
export type EventReader = Pick<PublicClient, 'readContract' | 'getContractEvents'>;

export type EarnPool = {
  pid: number;
  kind: StakeKind;
  program: Program;
  token: Address;
  decimals: number;
  symbol: string;
  /** Share of the whole emission, parts per million. */
  share: bigint;
  alloc: number;
  /** Staked weight: token base units, or thousandths of a TiB for the NFT pool. */
  totalWeight: bigint;
  /** DMC base units per second this pool distributes now. */
  ratePerSecond: bigint;
  /** APR in basis points at today's pool price (null: nothing staked, an NFT pool, or no price). */
  aprBps: bigint | null;
  /**
   * The account's stake, pending DMC, wallet balance and allowance for this pool (zero without an account). For a
   * joint pool's dToken (`kind` 'dtoken', staked in place) `balance` is the free part: the staked part stays in the
   * wallet, locked.
   */
  staked: bigint;
  pending: bigint;
  balance: bigint;
  allowance: bigint;
  /** A joint pool's dToken pool whose pool is halted or defaulted: it does not mine, stakes can be evicted. */
  halted: boolean;
};

export type EarnState = {
  now: bigint;
  start: bigint;
  emitted: bigint;
  rate: bigint;
  nextHalving: bigint;
  capReachedAt: bigint;
  splitBps: readonly [number, number, number];
  unallocated: bigint;
  reserves: PairReserves;
  /** USDT base units per DMC at the Uniswap V2 pair's reserves (null for an empty pool). */
  price: bigint | null;
  /** USDT base units per IFIL at the IFIL/USDT pair's reserves (null for an empty pool): prices a dToken. */
  ifilPrice: bigint | null;
  pools: EarnPool[];
  /** The account these positions and balances were read for (null: read without one). */
  account: Address | null;
  /** The account's DMC (claimed rewards land here) and whether its NFTs are approved for staking. */
  dmcBalance: bigint;
  nftApproved: boolean;
};

const KIND_BY_TOKEN = (token: Address): StakeKind => {
  const d = getDeployment();
  const t = token.toLowerCase();
  if (t === d.HashrateNFT.toLowerCase()) return 'nft';
  if (t === d.DmcUsdtPair.toLowerCase()) return 'lp';
  if (t === d.DMC.toLowerCase()) return 'dmc';
  return 'usdt';
};

const TOKEN_META: Record<StakeKind, { decimals: number; symbol: string }> = {
  nft: { decimals: 3, symbol: 'TiB' },
  dtoken: { decimals: 18, symbol: 'dFIL' }, // the pool's own symbol is read (dFIL-1, …)
  lp: { decimals: 18, symbol: 'DMC-USDT LP' },
  dmc: { decimals: 18, symbol: 'DMC' },
  usdt: { decimals: 6, symbol: 'USDT' },
};

/** Everything the Earn page shows, read at one block. */
export async function readEarn(client: Reader, account?: Address): Promise<EarnState> {
  const d = getDeployment();
  const mining = { address: d.DMCMining, abi: dmcMiningAbi } as const;
  const block = await client.getBlock();
  const blockNumber = block.number;
  const at = { blockNumber } as const;
  const [start, emitted, rate, nextHalving, capReachedAt, split, unallocated, poolCount, reserves, token0, lpSupply] = await Promise.all([
    client.readContract({ ...mining, functionName: 'start', ...at }),
    client.readContract({ ...mining, functionName: 'emittedAt', args: [block.timestamp], ...at }),
    client.readContract({ ...mining, functionName: 'rateAt', args: [block.timestamp], ...at }),
    client.readContract({ ...mining, functionName: 'nextHalving', ...at }),
    client.readContract({ ...mining, functionName: 'capReachedAt', ...at }),
    client.readContract({ ...mining, functionName: 'split', ...at }),
    client.readContract({ ...mining, functionName: 'unallocated', ...at }),
    client.readContract({ ...mining, functionName: 'poolCount', ...at }),
    client.readContract({ address: d.DmcUsdtPair, abi: uniswapV2PairAbi, functionName: 'getReserves', ...at }),
    client.readContract({ address: d.DmcUsdtPair, abi: uniswapV2PairAbi, functionName: 'token0', ...at }),
    client.readContract({ address: d.DmcUsdtPair, abi: uniswapV2PairAbi, functionName: 'totalSupply', ...at }),
  ]);
  const sorted = sortReserves(reserves[0], reserves[1], token0, d.DMC, lpSupply);
  const [ifilReserves, ifilToken0] = await Promise.all([
    client.readContract({ address: d.IfilUsdtPair, abi: uniswapV2PairAbi, functionName: 'getReserves', ...at }),
    client.readContract({ address: d.IfilUsdtPair, abi: uniswapV2PairAbi, functionName: 'token0', ...at }),
  ]);
  const ifilUsdt = ifilPrice(ifilReserves[0], ifilReserves[1], ifilToken0, d.IFIL);
  const pools = await Promise.all(
    Array.from({ length: Number(poolCount) }, async (_, pid): Promise<EarnPool> => {
      const p = await client.readContract({ ...mining, functionName: 'pool', args: [BigInt(pid)], ...at });
      const kind: StakeKind = p.isNft ? 'nft' : p.locks ? 'dtoken' : KIND_BY_TOKEN(p.token);
      const [symbol, status] =
        kind === 'dtoken'
          ? await Promise.all([client.readContract({ address: p.token, abi: erc20Abi, functionName: 'symbol', ...at }), client.readContract({ address: p.token, abi: jointPoolAbi, functionName: 'status', ...at })])
          : [TOKEN_META[kind].symbol, 0];
      const [position, held, allowance] = account
        ? await Promise.all([
            client.readContract({ ...mining, functionName: 'positionOf', args: [BigInt(pid), account], ...at }),
            p.isNft ? Promise.resolve(0n) : client.readContract({ address: p.token, abi: erc20Abi, functionName: 'balanceOf', args: [account], ...at }),
            p.isNft ? Promise.resolve(0n) : client.readContract({ address: p.token, abi: erc20Abi, functionName: 'allowance', args: [account, d.DMCMining], ...at }),
          ])
        : [[0n, 0n] as const, 0n, 0n];
      const balance = kind === 'dtoken' ? held - position[0] : held;
      return {
        pid,
        kind,
        program: PROGRAMS[p.program]!,
        token: p.token,
        ...TOKEN_META[kind],
        symbol,
        share: BigInt(p.share),
        alloc: p.alloc,
        totalWeight: p.totalWeight,
        ratePerSecond: p.ratePerSecond,
        aprBps: kind === 'dtoken' ? dtokenAprBps(p.ratePerSecond, p.totalWeight, dmcPrice(sorted), ifilUsdt) : aprBps(kind, p.ratePerSecond, p.totalWeight, sorted),
        staked: position[0],
        pending: position[1],
        balance,
        allowance,
        halted: status !== 0,
      };
    }),
  );
  const [dmcBalance, nftApproved] = account
    ? await Promise.all([
        client.readContract({ address: d.DMC, abi: erc20Abi, functionName: 'balanceOf', args: [account], ...at }),
        client.readContract({ address: d.HashrateNFT, abi: hashrateNftAbi, functionName: 'isApprovedForAll', args: [account, d.DMCMining], ...at }),
      ])
    : [0n, false];
  return {
    now: block.timestamp,
    start,
    emitted,
    rate,
    nextHalving,
    capReachedAt,
    splitBps: [split[0], split[1], split[2]] as const,
    unallocated,
    reserves: sorted,
    price: dmcPrice(sorted),
    ifilPrice: ifilUsdt,
    pools,
    account: account ?? null,
    dmcBalance,
    nftApproved,
  };
}

export type StakedNft = { tokenId: bigint; weight: bigint };

/**
 * The NFTs `account` has staked now: its NftStaked events (the account is an indexed topic, so the node filters
 * them), kept where the contract still names it as the staker; oldest first. The chain's reference answer: the API
 * route serves the index's (lib/index/history stakedNftsOf), which the index tests compare with this.
 */
export async function readStakedNfts(client: EventReader, account: Address): Promise<StakedNft[]> {
  const d = getDeployment();
  const logs = await client.getContractEvents({ address: d.DMCMining, abi: dmcMiningAbi, eventName: 'NftStaked', args: { account }, fromBlock: BigInt(d.startBlock), toBlock: 'latest' });
  const ids = [...new Set(logs.map((l) => l.args.tokenId!))];
  const records = await Promise.all(ids.map((id) => client.readContract({ address: d.DMCMining, abi: dmcMiningAbi, functionName: 'stakedNft', args: [id] })));
  return ids
    .map((tokenId, i) => ({ tokenId, staker: records[i]![0], weight: records[i]![1] }))
    .filter((r) => r.staker.toLowerCase() === account.toLowerCase())
    .map(({ tokenId, weight }) => ({ tokenId, weight }));
}
