// Promotion nodes: the programme's terms and an account's node (level, recruiter, stake in DMC mining, what it is
// owed and has earned), read at one block. Its sales are served from the index (GET /api/nodes/[address]/sales);
// readNodeSales, from the contract's events, is the chain's reference answer the index is tested against.
import { getAddress, type Address, type PublicClient } from 'viem';
import { getDeployment } from '../chain/contracts';
import { promotionNodesAbi } from '../../contracts-abi/PromotionNodes.gen';

export type Reader = Pick<PublicClient, 'readContract' | 'getBlock'>;
export type EventReader = Pick<PublicClient, 'getContractEvents'>;

export const LEVELS = ['none', 'main', 'light'] as const;
export type NodeLevel = (typeof LEVELS)[number];

export type NodeAccount = {
  address: Address;
  level: NodeLevel;
  recruiter: Address | null;
  recruits: number;
  active: boolean;
  staked: bigint;
  owed: bigint;
  earned: bigint;
};

export type NodesState = {
  commissionBps: bigint;
  overrideBps: bigint;
  mainStake: bigint;
  lightStake: bigint;
  me: NodeAccount | null;
  /** The node a recruiter link names, if any: whether it can recruit. */
  recruiter: NodeAccount | null;
};

async function readNode(client: Reader, address: Address, blockNumber: bigint): Promise<NodeAccount> {
  const nodes = { address: getDeployment().PromotionNodes, abi: promotionNodesAbi, blockNumber } as const;
  const [[level, recruiter, recruits, active], staked, owed, earned] = await Promise.all([
    client.readContract({ ...nodes, functionName: 'nodeOf', args: [address] }),
    client.readContract({ ...nodes, functionName: 'stakeOf', args: [address] }),
    client.readContract({ ...nodes, functionName: 'owed', args: [address] }),
    client.readContract({ ...nodes, functionName: 'earned', args: [address] }),
  ]);
  return {
    address,
    level: LEVELS[level] ?? 'none',
    recruiter: /^0x0+$/.test(recruiter) ? null : recruiter,
    recruits: Number(recruits),
    active,
    staked,
    owed,
    earned,
  };
}

export async function readNodes(client: Reader, account?: Address, recruiter?: Address): Promise<NodesState> {
  const nodes = { address: getDeployment().PromotionNodes, abi: promotionNodesAbi } as const;
  const { number: blockNumber } = await client.getBlock();
  const at = { blockNumber } as const;
  const [commissionBps, overrideBps, mainStake, lightStake, me, rec] = await Promise.all([
    client.readContract({ ...nodes, functionName: 'commissionBps', ...at }),
    client.readContract({ ...nodes, functionName: 'overrideBps', ...at }),
    client.readContract({ ...nodes, functionName: 'MAIN_STAKE', ...at }),
    client.readContract({ ...nodes, functionName: 'LIGHT_STAKE', ...at }),
    account ? readNode(client, account, blockNumber) : Promise.resolve(null),
    recruiter ? readNode(client, recruiter, blockNumber) : Promise.resolve(null),
  ]);
  return { commissionBps, overrideBps, mainStake, lightStake, me, recruiter: rec };
}

export type NodeSale = { tokenId: bigint; blockNumber: bigint; txHash: `0x${string}`; fee: bigint; cut: bigint; kind: 'own' | 'override'; node: Address };

/** The sales that paid `node` a commission (its own link) or an override (a light node's link), newest first, from
 * the chain's events: the reference answer for the index (no route scans them). */
export async function readNodeSales(client: EventReader, node: Address): Promise<NodeSale[]> {
  const d = getDeployment();
  const range = { address: d.PromotionNodes, abi: promotionNodesAbi, eventName: 'CommissionCredited', fromBlock: BigInt(d.startBlock), toBlock: 'latest' } as const;
  const [own, overrides] = await Promise.all([
    client.getContractEvents({ ...range, args: { node } }),
    client.getContractEvents({ ...range, args: { mainNode: node } }),
  ]);
  const rows: NodeSale[] = [
    ...own.map((e) => ({ tokenId: e.args.tokenId!, blockNumber: e.blockNumber, txHash: e.transactionHash, fee: e.args.fee!, cut: e.args.nodeCut!, kind: 'own' as const, node: getAddress(e.args.node!) })),
    ...overrides.map((e) => ({ tokenId: e.args.tokenId!, blockNumber: e.blockNumber, txHash: e.transactionHash, fee: e.args.fee!, cut: e.args.overrideCut!, kind: 'override' as const, node: getAddress(e.args.node!) })),
  ];
  return rows.sort((a, b) => Number(b.blockNumber - a.blockNumber));
}
