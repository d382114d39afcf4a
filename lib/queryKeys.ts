import type { Address } from 'viem';

/** Every react-query key of the app, composed in one place so writes can invalidate exactly what they change. */
export const queryKeys = {
  chainTime: ['chainTime'] as const,
  listingsAll: ['listings'] as const,
  listings: (query: Record<string, string>) => ['listings', query] as const,
  token: (chainId: number, tokenId: bigint) => ['token', chainId, tokenId.toString()] as const,
  tokenHistory: (chainId: number, tokenId: bigint) => ['token', chainId, tokenId.toString(), 'history'] as const,
  refund: (chainId: number, account: Address) => ['payment', chainId, account.toLowerCase(), 'refund'] as const,
  myAuctions: (chainId: number, account: Address) => ['owned', chainId, account.toLowerCase(), 'auctions'] as const,
  paymentAll: (chainId: number, account: Address) => ['payment', chainId, account.toLowerCase()] as const,
  paymentBalance: (chainId: number, account: Address) => ['payment', chainId, account.toLowerCase(), 'balance'] as const,
  paymentAllowance: (chainId: number, account: Address) => ['payment', chainId, account.toLowerCase(), 'allowance'] as const,
  proposals: (chainId: number) => ['governance', chainId, 'proposals'] as const,
  governorSettings: (chainId: number) => ['governance', chainId, 'settings'] as const,
  quorumRule: (chainId: number) => ['governance', chainId, 'quorum'] as const,
  indexHealth: () => ['index', 'health'] as const,
  voter: (chainId: number, account: Address, proposalId?: bigint) =>
    ['governance', chainId, 'voter', account.toLowerCase(), proposalId?.toString() ?? ''] as const,
  governanceAll: (chainId: number) => ['governance', chainId] as const,
  council: (chainId: number) => ['governance', chainId, 'council'] as const,
  applications: (chainId: number, miner?: Address) => ['applications', chainId, miner?.toLowerCase() ?? 'all'] as const,
  applicationsAll: (chainId: number) => ['applications', chainId] as const,
  owned: (chainId: number, account: Address) => ['owned', chainId, account.toLowerCase()] as const,
  /** Everything about an account's yield-token holdings (IFIL, wrapped BTC): balances, allowances, redemptions. */
  yieldTokenAll: (chainId: number, account: Address) => ['yieldToken', chainId, account.toLowerCase()] as const,
  yieldTokenBalance: (chainId: number, account: Address, coin: string) => ['yieldToken', chainId, account.toLowerCase(), coin, 'balance'] as const,
  yieldTokenAllowance: (chainId: number, account: Address, coin: string) => ['yieldToken', chainId, account.toLowerCase(), coin, 'allowance'] as const,
  redemptions: (chainId: number, account: Address) => ['yieldToken', chainId, account.toLowerCase(), 'redemptions'] as const,
  /** Everything the distributor's deposits and claims change: claimable amounts, daily series, products' paid days. */
  yieldAll: (chainId: number) => ['yield', chainId] as const,
  yieldPortfolio: (chainId: number, account: Address) => ['yield', chainId, 'portfolio', account.toLowerCase()] as const,
  tokenYield: (chainId: number, tokenId: bigint) => ['yield', chainId, 'token', tokenId.toString()] as const,
  productYield: (chainId: number, productId: bigint) => ['yield', chainId, 'product', productId.toString()] as const,
  /** Everything a flag, a halt, a refund or a payout changes: escrow streams, miner records, refunds, the fund. */
  escrowAll: (chainId: number) => ['escrow', chainId] as const,
  tokenEscrow: (chainId: number, tokenId: bigint) => ['escrow', chainId, 'token', tokenId.toString()] as const,
  productRecord: (chainId: number, productId: bigint) => ['escrow', chainId, 'record', productId.toString()] as const,
  productHealth: (chainId: number, productIds: bigint[]) => ['escrow', chainId, 'health', productIds.map(String).join(',')] as const,
  productEscrow: (chainId: number, productId: bigint) => ['escrow', chainId, 'product', productId.toString()] as const,
  escrowPortfolio: (chainId: number, account: Address) => ['escrow', chainId, 'portfolio', account.toLowerCase()] as const,
  insuranceFund: (chainId: number) => ['escrow', chainId, 'insurance'] as const,
  oracle: (chainId: number, coin: number) => ['escrow', chainId, 'oracle', coin] as const,
  ifilNative: (chainId: number) => ['ifil', chainId, 'native'] as const,
  /** Everything a loan-market transaction changes: the offer book, requests, accounts' loans, pledges, best offers. */
  loansAll: (chainId: number) => ['loans', chainId] as const,
  loanBook: (chainId: number) => ['loans', chainId, 'book'] as const,
  myLoans: (chainId: number, account: Address) => ['loans', chainId, 'mine', account.toLowerCase()] as const,
  bestOffers: (chainId: number, tokenId: bigint, account: Address) => ['loans', chainId, 'best', tokenId.toString(), account.toLowerCase()] as const,
  pledge: (chainId: number, tokenId: bigint) => ['loans', chainId, 'pledge', tokenId.toString()] as const,
  /** Everything a mining transaction changes: pools, positions, the pair, the staked NFTs (and the account's NFTs). */
  earnAll: (chainId: number) => ['earn', chainId] as const,
  /** Revenue, the buyback budget and its history: collect and buyback change them. */
  treasury: (chainId: number) => ['treasury', chainId] as const,
  treasuryHistory: (chainId: number) => ['treasury', chainId, 'history'] as const,
  /** Joint mining pools: every pool transaction changes them (and the account's IFIL). */
  poolsAll: (chainId: number) => ['pools', chainId] as const,
  /** Promotion nodes: joining and claiming change them. */
  nodesAll: (chainId: number) => ['nodes', chainId] as const,
  nodes: (chainId: number, account: Address | undefined, recruiter: Address | undefined) => ['nodes', chainId, account?.toLowerCase() ?? '', recruiter?.toLowerCase() ?? ''] as const,
  nodeSales: (chainId: number, node: Address | undefined) => ['nodes', chainId, 'sales', node?.toLowerCase() ?? ''] as const,
  pools: (chainId: number, account: Address | undefined) => ['pools', chainId, account?.toLowerCase() ?? ''] as const,
  earn: (chainId: number, account: Address | undefined) => ['earn', chainId, 'state', account?.toLowerCase() ?? ''] as const,
  stakedNfts: (chainId: number, account: Address | undefined) => ['earn', chainId, 'staked', account?.toLowerCase() ?? ''] as const,
};
