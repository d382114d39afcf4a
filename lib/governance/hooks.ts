'use client';

import { useQuery } from '@tanstack/react-query';
import { type Address, type Hex } from 'viem';
import { useConfig } from 'wagmi';
import { getBlock, readContract } from 'wagmi/actions';
import { councilAbi } from '../../contracts-abi/Council.gen';
import { dmcAbi } from '../../contracts-abi/DMC.gen';
import { dmexGovernorAbi } from '../../contracts-abi/DMEXGovernor.gen';
import { minerRegistryAbi } from '../../contracts-abi/MinerRegistry.gen';
import { timelockControllerAbi } from '../../contracts-abi/TimelockController.gen';
import { appChain } from '../chain/chains';
import { getDeployment } from '../chain/contracts';
import { fetchProposals } from '../index/client';
import { queryKeys } from '../queryKeys';
import { PROPOSER_ROLE } from './templates';

const chainId = appChain.id;
const ZERO = '0x0000000000000000000000000000000000000000';

/** OpenZeppelin Governor's proposal states, in enum order. */
export const PROPOSAL_STATES = ['Pending', 'Active', 'Canceled', 'Defeated', 'Succeeded', 'Queued', 'Expired', 'Executed'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

export type ProposalView = {
  id: bigint;
  proposer: Address;
  description: string;
  targets: Address[];
  values: bigint[];
  calldatas: Hex[];
  voteStart: bigint;
  voteEnd: bigint;
  state: ProposalState;
  votes: { against: bigint; for: bigint; abstain: bigint };
  quorum: bigint;
  eta: bigint;
  createdBlock: bigint;
};


/** Every proposal, newest first, with its live state, tallies and quorum. */
export function useProposals() {
  const config = useConfig();
  return useQuery({
    queryKey: queryKeys.proposals(chainId),
    refetchInterval: 10_000,
    queryFn: async ({ signal }): Promise<ProposalView[]> => {
      const d = getDeployment();
      // The proposals as created come from the index; their state, tallies, eta and quorum from the chain.
      const [{ items }, block] = await Promise.all([fetchProposals(signal), getBlock(config)]);
      const now = block.timestamp;
      // quorum(t) needs t in the past; a vote not started yet is shown today's quorum (the rule at the last second).
      const quorumNow = await readContract(config, { address: d.Governor, abi: dmexGovernorAbi, functionName: 'quorum', args: [now - 1n] });
      return Promise.all(
        items.map(async (a) => {
          const id = BigInt(a.id);
          const voteStart = BigInt(a.voteStart);
          const [state, votes, eta] = await Promise.all([
            readContract(config, { address: d.Governor, abi: dmexGovernorAbi, functionName: 'state', args: [id] }),
            readContract(config, { address: d.Governor, abi: dmexGovernorAbi, functionName: 'proposalVotes', args: [id] }),
            readContract(config, { address: d.Governor, abi: dmexGovernorAbi, functionName: 'proposalEta', args: [id] }),
          ]);
          const quorum =
            voteStart < now ? await readContract(config, { address: d.Governor, abi: dmexGovernorAbi, functionName: 'quorum', args: [voteStart] }) : quorumNow;
          return {
            id,
            proposer: a.proposer,
            description: a.description,
            targets: a.targets,
            values: a.values.map(BigInt),
            calldatas: a.calldatas,
            voteStart,
            voteEnd: BigInt(a.voteEnd),
            state: PROPOSAL_STATES[state]!,
            votes: { against: votes[0], for: votes[1], abstain: votes[2] },
            quorum,
            eta,
            createdBlock: BigInt(a.createdBlock),
          };
        }),
      );
    },
  });
}

export type QuorumRule = {
  /** The quorum a vote starting now needs, in DMC base units. */
  quorum: bigint;
  /** Its two parts: the numerator's percentage of the DMC that can vote, and the floor. */
  percent: bigint;
  votable: bigint;
  floor: bigint;
  /** DMC held by locked holders (treasury, insurance fund, unvested tokens, stakes): it never votes. */
  locked: bigint;
};

/** How a vote passes today: the quorum and what it is made of, read at one block. */
export function useQuorumRule() {
  const config = useConfig();
  return useQuery({
    queryKey: queryKeys.quorumRule(chainId),
    refetchInterval: 10_000,
    queryFn: async (): Promise<QuorumRule> => {
      const d = getDeployment();
      const block = await getBlock(config);
      const at = { blockNumber: block.number };
      const [quorum, percent, floor, votable, supply] = await Promise.all([
        readContract(config, { address: d.Governor, abi: dmexGovernorAbi, functionName: 'quorum', args: [block.timestamp - 1n], ...at }),
        readContract(config, { address: d.Governor, abi: dmexGovernorAbi, functionName: 'quorumNumerator', ...at }),
        readContract(config, { address: d.Governor, abi: dmexGovernorAbi, functionName: 'quorumFloor', ...at }),
        readContract(config, { address: d.DMC, abi: dmcAbi, functionName: 'votableSupply', ...at }),
        readContract(config, { address: d.DMC, abi: dmcAbi, functionName: 'totalSupply', ...at }),
      ]);
      return { quorum, percent, floor, votable, locked: supply - votable };
    },
  });
}

/** Governor and timelock settings, for the create form and the countdowns. */
export function useGovernorSettings() {
  const config = useConfig();
  return useQuery({
    queryKey: queryKeys.governorSettings(chainId),
    staleTime: 60_000,
    queryFn: async () => {
      const d = getDeployment();
      const [votingDelay, votingPeriod, proposalThreshold, quorumNumerator, timelockDelay] = await Promise.all([
        readContract(config, { address: d.Governor, abi: dmexGovernorAbi, functionName: 'votingDelay' }),
        readContract(config, { address: d.Governor, abi: dmexGovernorAbi, functionName: 'votingPeriod' }),
        readContract(config, { address: d.Governor, abi: dmexGovernorAbi, functionName: 'proposalThreshold' }),
        readContract(config, { address: d.Governor, abi: dmexGovernorAbi, functionName: 'quorumNumerator' }),
        readContract(config, { address: d.Timelock, abi: timelockControllerAbi, functionName: 'getMinDelay' }),
      ]);
      return { votingDelay, votingPeriod, proposalThreshold, quorumNumerator, timelockDelay };
    },
  });
}

/** An account's DMC balance, current voting power and delegate, and whether it voted on `proposalId`. */
export function useVoter(account: Address | undefined, proposal?: ProposalView) {
  const config = useConfig();
  return useQuery({
    queryKey: queryKeys.voter(chainId, account ?? ZERO, proposal?.id),
    enabled: Boolean(account),
    queryFn: async () => {
      const d = getDeployment();
      const [balance, votes, delegate] = await Promise.all([
        readContract(config, { address: d.DMC, abi: dmcAbi, functionName: 'balanceOf', args: [account!] }),
        readContract(config, { address: d.DMC, abi: dmcAbi, functionName: 'getVotes', args: [account!] }),
        readContract(config, { address: d.DMC, abi: dmcAbi, functionName: 'delegates', args: [account!] }),
      ]);
      let votesAtSnapshot: bigint | null = null;
      let voted = false;
      if (proposal) {
        const now = (await getBlock(config)).timestamp;
        if (proposal.voteStart < now) {
          votesAtSnapshot = await readContract(config, { address: d.DMC, abi: dmcAbi, functionName: 'getPastVotes', args: [account!, proposal.voteStart] });
        }
        voted = await readContract(config, { address: d.Governor, abi: dmexGovernorAbi, functionName: 'hasVoted', args: [proposal.id, account!] });
      }
      return { balance, votes, delegate: delegate === ZERO ? null : delegate, votesAtSnapshot, voted };
    },
  });
}

export type CouncilTx = {
  id: bigint;
  target: Address;
  value: bigint;
  data: Hex;
  description: string;
  submitter: Address;
  executed: boolean;
  cancelled: boolean;
  approvals: bigint;
};

/** The council: members, threshold, its transactions and whether it may still propose to the timelock. */
export function useCouncil() {
  const config = useConfig();
  return useQuery({
    queryKey: queryKeys.council(chainId),
    refetchInterval: 10_000,
    queryFn: async () => {
      const d = getDeployment();
      const [members, threshold, count, canPropose, canCancel] = await Promise.all([
        readContract(config, { address: d.Council, abi: councilAbi, functionName: 'members' }),
        readContract(config, { address: d.Council, abi: councilAbi, functionName: 'threshold' }),
        readContract(config, { address: d.Council, abi: councilAbi, functionName: 'transactionCount' }),
        // The council reaches the timelock only through its gate (CouncilGate), which holds its roles.
        readContract(config, { address: d.Timelock, abi: timelockControllerAbi, functionName: 'hasRole', args: [PROPOSER_ROLE, d.CouncilGate] }),
        readContract(config, {
          address: d.Timelock,
          abi: timelockControllerAbi,
          functionName: 'hasRole',
          args: [await readContract(config, { address: d.Timelock, abi: timelockControllerAbi, functionName: 'CANCELLER_ROLE' }), d.CouncilGate],
        }),
      ]);
      const ids = Array.from({ length: Number(count) }, (_, i) => BigInt(i)); // council ids start at 0
      const txs = await Promise.all(
        ids.map(async (id) => {
          const t = await readContract(config, { address: d.Council, abi: councilAbi, functionName: 'transaction', args: [id] });
          return { id, target: t.target, value: t.value, data: t.data, description: t.description, submitter: t.submitter, executed: t.executed, cancelled: t.cancelled, approvals: t.approvalCount };
        }),
      );
      return { members: [...members], threshold, transactions: txs.reverse(), canPropose, canCancel };
    },
  });
}

/** Miner applications, optionally only one miner's. */
export function useApplications(miner?: Address) {
  const config = useConfig();
  return useQuery({
    queryKey: queryKeys.applications(chainId, miner),
    refetchInterval: 10_000,
    queryFn: async () => {
      const d = getDeployment();
      const ids = miner
        ? [...(await readContract(config, { address: d.MinerRegistry, abi: minerRegistryAbi, functionName: 'applicationsOf', args: [miner] }))]
        : Array.from(
            { length: Number(await readContract(config, { address: d.MinerRegistry, abi: minerRegistryAbi, functionName: 'applicationCount' })) },
            (_, i) => BigInt(i + 1),
          );
      const apps = await Promise.all(
        ids.map(async (id) => ({ id, ...(await readContract(config, { address: d.MinerRegistry, abi: minerRegistryAbi, functionName: 'application', args: [id] })) })),
      );
      return apps.reverse();
    },
  });
}
