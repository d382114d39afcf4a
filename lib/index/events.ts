// The contract events the listing index reads, and their decoding into plain JSON-able records.
import { decodeEventLog, parseAbi, toEventSelector, type Abi, type AbiEvent, type Address, type Hex, type Log } from 'viem';
import { dmcMiningAbi } from '../../contracts-abi/DMCMining.gen';
import { dmexGovernorAbi } from '../../contracts-abi/DMEXGovernor.gen';
import { hashrateNftAbi } from '../../contracts-abi/HashrateNFT.gen';
import { ifilAbi } from '../../contracts-abi/IFIL.gen';
import { loanMarketAbi } from '../../contracts-abi/LoanMarket.gen';
import { marketplaceAbi } from '../../contracts-abi/Marketplace.gen';
import { minerRegistryAbi } from '../../contracts-abi/MinerRegistry.gen';
import { promotionNodesAbi } from '../../contracts-abi/PromotionNodes.gen';
import { revenueAbi } from '../../contracts-abi/Revenue.gen';
import { yieldDistributorAbi } from '../../contracts-abi/YieldDistributor.gen';

/**
 * The English-auction events of the Marketplace. The generated ABI carries them once the contract has them;
 * until then (and for older deployments) these declarations decode them. Same signatures either way.
 */
const auctionEvents = parseAbi([
  'event AuctionCreated(uint256 indexed tokenId, address indexed seller, uint256 reservePrice, uint256 endTime, uint256 minIncrementBps)',
  'event BidPlaced(uint256 indexed tokenId, address indexed bidder, uint256 amount, uint256 endTime)',
  'event AuctionCancelled(uint256 indexed tokenId, address indexed seller)',
  'event AuctionSettled(uint256 indexed tokenId, address indexed seller, address indexed winner, uint256 amount, uint256 fee)',
]);

const eventsOf = (abi: Abi) => abi.filter((x) => x.type === 'event');
const generatedMarketEvents = eventsOf(marketplaceAbi as Abi);
export const marketEventsAbi: Abi = [
  ...generatedMarketEvents,
  ...auctionEvents.filter((e) => !generatedMarketEvents.some((g) => g.type === 'event' && g.name === e.name)),
];
export const nftEventsAbi: Abi = eventsOf(hashrateNftAbi as Abi);
export const registryEventsAbi: Abi = eventsOf(minerRegistryAbi as Abi);
const abiOf: Record<ContractKey, Abi> = {
  market: marketEventsAbi,
  nft: nftEventsAbi,
  registry: registryEventsAbi,
  governor: eventsOf(dmexGovernorAbi as Abi),
  yield: eventsOf(yieldDistributorAbi as Abi),
  ifil: eventsOf(ifilAbi as Abi),
  loans: eventsOf(loanMarketAbi as Abi),
  revenue: eventsOf(revenueAbi as Abi),
  nodes: eventsOf(promotionNodesAbi as Abi),
  mining: eventsOf(dmcMiningAbi as Abi),
};

/** Events that change what the index serves; every other event of these contracts is skipped. */
export const INDEXED_EVENTS = {
  market: ['Listed', 'PriceUpdated', 'ListingCancelled', 'Sold', 'AuctionCreated', 'BidPlaced', 'AuctionCancelled', 'AuctionSettled', 'RefundCredited', 'RefundWithdrawn', 'ProductListed', 'ProductPriceUpdated', 'ProductListingCancelled'],
  nft: ['ProductCreated', 'ProductMinted', 'ProductListedUnminted', 'Transfer', 'Approval', 'ApprovalForAll', 'FirstSale'],
  registry: ['ApplicationSubmitted', 'ApplicationActivated'],
  governor: ['ProposalCreated'],
  yield: ['YieldDeposited'],
  ifil: ['Redeemed'],
  loans: ['OfferPosted', 'RequestPosted', 'PositionCancelled', 'LoanStarted', 'LoanRepaid', 'LoanForeclosed', 'FeeUpdated', 'GracePeriodUpdated'],
  // The treasury page's history: revenue booked by month and source, each month's close, buybacks, IFIL sold.
  revenue: ['RevenueBooked', 'MonthClosed', 'BoughtBack', 'TokenRevenueForwarded', 'TokenSold'],
  // A promotion node's sales (its own link's commission, a recruited light node's override).
  nodes: ['CommissionCredited'],
  // Which NFTs each account has staked in behaviour mining.
  mining: ['NftStaked', 'NftUnstaked', 'NftEvicted'],
} as const;

export type ContractKey = keyof typeof INDEXED_EVENTS;

/** A decoded event as the index stores it: bigints as decimal strings, so it survives JSON. */
export type StoredEvent = {
  blockNumber: number;
  logIndex: number;
  txHash: Hex;
  contract: ContractKey;
  name: string;
  args: Record<string, unknown>;
};

export function toJsonValue(v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return v.map(toJsonValue);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toJsonValue(x)]));
  return v;
}

/** Each contract's indexed events by topic 0: decoding a log looks its one ABI item up instead of hashing every
 * event signature of the contract per log (viem's search), which dominated a catch-up. */
const bySelector = Object.fromEntries(
  (Object.keys(abiOf) as ContractKey[]).map((k) => [
    k,
    new Map(
      abiOf[k]
        .filter((x): x is AbiEvent => x.type === 'event' && (INDEXED_EVENTS[k] as readonly string[]).includes(x.name))
        .map((x) => [toEventSelector(x), [x] as Abi] as const),
    ),
  ]),
) as Record<ContractKey, Map<Hex, Abi>>;

/** Topic 0 of every event the index reads from the given contracts: eth_getLogs asks the node for these alone, so
 * the contracts' other events (escrow credits, mining claims, …) are neither sent nor parsed. */
export function indexedTopics(contracts: Partial<Record<ContractKey, Address>>): Hex[] {
  return [...new Set((Object.keys(contracts) as ContractKey[]).flatMap((k) => [...bySelector[k].keys()]))];
}

/** Decodes one raw log of an indexed contract, or returns null for an event the index does not use. */
export function decodeIndexedLog(log: Log, contracts: Partial<Record<ContractKey, Address>>): StoredEvent | null {
  const address = log.address.toLowerCase();
  const contract = (Object.keys(contracts) as ContractKey[]).find((k) => contracts[k]?.toLowerCase() === address);
  if (!contract) return null;
  const abi = log.topics[0] ? bySelector[contract].get(log.topics[0]) : undefined;
  if (!abi) return null; // an event the index does not use
  let decoded: { eventName: string; args: unknown };
  try {
    decoded = decodeEventLog({ abi, data: log.data, topics: log.topics, strict: true }) as { eventName: string; args: unknown };
  } catch {
    return null;
  }
  return {
    blockNumber: Number(log.blockNumber),
    logIndex: Number(log.logIndex),
    txHash: log.transactionHash as Hex,
    contract,
    name: decoded.eventName,
    args: toJsonValue(decoded.args) as Record<string, unknown>,
  };
}
