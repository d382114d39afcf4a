// Deploys DMEX's contracts with viem from the forge artifacts, then hands every admin role to the timelock:
// after `deployAll` no externally owned account holds an admin role anywhere (checked by a test).
import {
  createPublicClient,
  createWalletClient,
  encodeDeployData,
  getContractAddress,
  getAddress,
  http,
  keccak256,
  parseUnits,
  toHex,
  zeroAddress,
  type Account,
  type Address,
  type Hex,
} from 'viem';
import { foundry } from 'viem/chains';
import { filIsNative } from '../../lib/chain/filNative';
import { withGasHeadroom } from '../../lib/tx/gas';
import { devAccounts, devCouncil } from '../../lib/chain/devAccounts';
import { LOCAL_CHAIN_ID } from './anvil';
import { loadArtifact, type ContractName } from './artifacts';
import type { Deployment } from './deployment';
import { UNISWAP_ARTIFACTS, uniswapArtifact, type UniswapContract } from './uniswap';

export const role = (name: string) => keccak256(toHex(name));
export const ISSUER_ROLE = role('ISSUER_ROLE');
export const CLAIMS_ROLE = role('CLAIMS_ROLE');
export const NFT_ESCROW_ROLE = role('ESCROW_ROLE');
export const BRIDGE_ROLE = role('BRIDGE_ROLE');
export const ESCROW_ROLES = { depositor: role('DEPOSITOR_ROLE'), halter: role('HALTER_ROLE'), resumer: role('RESUMER_ROLE') };
export const REPORTER_ROLE = role('REPORTER_ROLE');
export const DEFAULT_ADMIN_ROLE = '0x0000000000000000000000000000000000000000000000000000000000000000' as Hex;
export const TIMELOCK_ROLES = { proposer: role('PROPOSER_ROLE'), executor: role('EXECUTOR_ROLE'), canceller: role('CANCELLER_ROLE') };

const DAY = 86_400n;
const DMC = (n: string) => parseUnits(n, 18);

/** Governance timing. The local demo uses short delays; the defaults are for a real chain. */
export type GovernanceParams = {
  votingDelay: bigint; // seconds between proposing and voting
  votingPeriod: bigint; // seconds of voting
  timelockDelay: bigint; // seconds a passed proposal waits before it can run
  proposalThreshold: bigint; // DMC of voting power needed to propose
  /** Quorum: the larger of this percentage of the DMC that can vote (locked holders excluded) and the floor. */
  quorumPercent: bigint;
  quorumFloor: bigint; // DMC; more than the largest single allocation that can vote (the private sale's 20M)
  minerStake: bigint; // DMC an approved miner locks
};
export const PRODUCTION_GOVERNANCE: GovernanceParams = {
  votingDelay: DAY,
  votingPeriod: 5n * DAY,
  timelockDelay: 2n * DAY,
  proposalThreshold: DMC('100000'),
  quorumPercent: 25n,
  quorumFloor: DMC('20000001'),
  minerStake: DMC('20000'),
};
export const LOCAL_GOVERNANCE: GovernanceParams = {
  votingDelay: 60n,
  votingPeriod: DAY,
  timelockDelay: 3_600n,
  proposalThreshold: DMC('10000'),
  quorumPercent: 25n,
  quorumFloor: DMC('20000001'),
  minerStake: DMC('20000'),
};

export type DeployOptions = {
  rpcUrl: string;
  chainId: number;
  /** An unlocked anvil address on the local chain, or a private-key account elsewhere. */
  deployer: Account | Address;
  /** Trading fee on resales in basis points (200 = 2%). Fees go to the timelock (the DAO treasury). */
  feeBps: bigint;
  /** Issuance channel fee on primary sales (the miner sells) in basis points (500 = 5%); same treasury. */
  issuanceFeeBps: bigint;
  /** Share of every marketplace fee that goes to the insurance fund, in basis points (2000 = 20%). */
  insuranceShareBps: bigint;
  /** Base of tokenURI: the app's metadata route, e.g. http://localhost:3000/api/nft/ */
  metadataBaseURI: string;
  /** The stablecoin sales are paid in. Omitted on the local chain: MockUSDT is deployed. */
  paymentToken?: Address;
  /** The wrapped BTC that BTC products pay yield in. Omitted on the local chain: MockWBTC is deployed. */
  btcYieldToken?: Address;
  /**
   * Only where FIL is not the chain's coin (not Filecoin 314 / 314159, not the local chain): holds IFIL's
   * BRIDGE_ROLE and mints IFIL against FIL received on Filecoin, at most `bridgeDailyLimit` a day. Where FIL is
   * native, IFIL wraps the coin and nobody is given a minting role.
   */
  bridge?: Address;
  /** The bridge's daily minting limit in IFIL base units (bridged chains only; the timelock can change it). */
  bridgeDailyLimit?: bigint;
  /** Hold the yield oracle's REPORTER_ROLE (the timelock can change the set). */
  oracleReporters: readonly Address[];
  /** The 7 council members (threshold 4). */
  council: readonly Address[];
  councilThreshold?: bigint;
  /** Receivers of the DMC allocations that are not held by contracts. */
  foundation: Address;
  teamBeneficiary: Address;
  privateBeneficiary: Address;
  /** How long ago the team and private-sale vesting started, in seconds; 0 (it starts at deployment) by default. */
  vestingStartedAgo?: bigint;
  governance: GovernanceParams;
  /**
   * The chain's Uniswap V2 factory and router (the DMC/USDT pair is created on that factory). Omitted on the local
   * chain: the real Uniswap V2 is deployed from its npm build artifacts.
   */
  uniswap?: { factory: Address; router: Address };
  /** When DMC mining starts (unix seconds); 0 leaves it to a DAO vote, a time already past starts it at once. */
  miningStart: bigint;
};

/** The whitepaper's mining ratios: behaviour 30%, liquidity 60%, staking 10% (basis points). */
export const MINING_SPLIT_BPS = [3000, 6000, 1000] as const;

/** The buyback's bounds (Revenue's `lot`, `hop` and `maxDeviationBps`; the DAO may change them within Revenue's limits). */
export const BUYBACK_LOT = 1_000_000_000n; // 1,000 USDT (6 decimals)
export const BUYBACK_HOP = 3_600n; // an hour
export const BUYBACK_MAX_DEVIATION_BPS = 200n; // 2%
/** The most IFIL one `Revenue.sellToken` sells (same hop and deviation as the buyback): 50 IFIL. */
export const IFIL_SALE_LOT = 50n * 10n ** 18n;
/** The promotion nodes' shares of a referred primary sale's issuance fee: 20% to the node, 5% to its main node. */
export const NODE_COMMISSION_BPS = 2_000n;
export const NODE_OVERRIDE_BPS = 500n;
/** A joint pool's genesis cap per TiB of the miner's power: 25 FIL (the whitepaper's initial value; governable). */
export const JOINT_POOL_PLEDGE_PER_TIB = 25n * 10n ** 18n;

export async function deployAll(opts: DeployOptions): Promise<Deployment> {
  const chain = { ...foundry, id: opts.chainId, rpcUrls: { default: { http: [opts.rpcUrl] } } };
  const transport = http(opts.rpcUrl);
  const publicClient = createPublicClient({ chain, transport });
  const wallet = createWalletClient({ chain, transport, account: opts.deployer });
  const startBlock = Number(await publicClient.getBlockNumber()) + 1;
  const deployer = typeof opts.deployer === 'string' ? opts.deployer : opts.deployer.address;
  const now = (await publicClient.getBlock()).timestamp;
  const g = opts.governance;

  // Gas with headroom: an estimate is exact only for the second it ran in (the governor's constructor reads DMC's
  // votable supply, which reads the mining schedule: a deployment landing a second after mining started costs more).
  async function deploy(name: ContractName | UniswapContract, args: unknown[]): Promise<Address> {
    const { abi, bytecode } = name in UNISWAP_ARTIFACTS ? uniswapArtifact(name as UniswapContract) : loadArtifact(name as ContractName);
    const gas = withGasHeadroom(await publicClient.estimateGas({ account: opts.deployer, data: encodeDeployData({ abi, bytecode, args }) }));
    const hash = await wallet.deployContract({ abi, bytecode, args, account: opts.deployer, chain, gas });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success' || !receipt.contractAddress) throw new Error(`deploying ${name} failed`);
    return getAddress(receipt.contractAddress);
  }
  // Same headroom for calls: DMCMining's pool changes first bring every pool up to date, which costs more when the
  // call lands a second after the estimate's block (the estimate then found nothing to accrue).
  async function send(address: Address, name: ContractName, functionName: string, args: unknown[]): Promise<void> {
    const { abi } = loadArtifact(name);
    const gas = withGasHeadroom(await publicClient.estimateContractGas({ address, abi, functionName, args, account: opts.deployer }));
    const hash = await wallet.writeContract({ address, abi, functionName, args, account: opts.deployer, chain, gas });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success') throw new Error(`${name}.${functionName} failed`);
  }

  let paymentToken = opts.paymentToken;
  const mocks: Deployment['mocks'] = {};
  if (!paymentToken) {
    if (opts.chainId !== LOCAL_CHAIN_ID) throw new Error('a payment token address is required off the local chain');
    paymentToken = mocks.MockUSDT = await deploy('MockUSDT', []);
  }

  // 1. The timelock: the deployer administers it only until the wiring below is done.
  const timelock = await deploy('TimelockController', [g.timelockDelay, [], [zeroAddress], deployer]);
  // 2. The NFT and the revenue escrow (the deployer administers the escrow only to grant its roles below).
  const nft = await deploy('HashrateNFT', [deployer, opts.metadataBaseURI]);
  const escrow = await deploy('RevenueEscrow', [deployer, nft, paymentToken]);
  // 3. Yield: IFIL (wrapped FIL), the oracle and the distributor (same: the deployer only grants roles).
  let btcYieldToken = opts.btcYieldToken;
  if (!btcYieldToken) {
    if (opts.chainId !== LOCAL_CHAIN_ID) throw new Error('a wrapped BTC address is required off the local chain');
    btcYieldToken = mocks.MockWBTC = await deploy('MockWBTC', []);
  }
  const ifil = await deploy('IFIL', [deployer, opts.bridgeDailyLimit ?? 0n]);
  const oracle = await deploy('YieldOracle', [deployer]);
  const distributor = await deploy('YieldDistributor', [timelock, nft, ifil, btcYieldToken]);
  // 4. The insurance fund and the default guard need the registry, and the registry needs them (its slasher
  //    and the fund its stakes go to): the registry's address is predicted from the deployer's nonce.
  //    Order from here: fund, guard, vesting ×2, DMC, the mining contract (DMC mints the mining reserve to it, so
  //    its address is predicted the same way; it must exist before the governor reads DMC's votable supply),
  //    governor, council, registry.
  const nonce = await publicClient.getTransactionCount({ address: deployer });
  const predictedMining = getContractAddress({ from: deployer, nonce: BigInt(nonce + 5) });
  const predictedRegistry = getContractAddress({ from: deployer, nonce: BigInt(nonce + 8) });
  const fund = await deploy('InsuranceFund', [timelock, nft, predictedRegistry, escrow]);
  const guard = await deploy('DefaultGuard', [timelock, nft, predictedRegistry, escrow, distributor, oracle]);
  // 5. DMC, minted once to its allocations (whitepaper: mining 50%, DAO risk fund 10% — the insurance fund —,
  //    foundation 10%, team 10% vesting monthly over 3 years, private 20%: 20% at launch then 20% a quarter).
  //    The treasury, the fund, the vesting wallets and the registry (stakes) are locked: their DMC never votes
  //    and is not counted in the quorum's base. The mining reserve sits in DMCMining, which pays it out on the
  //    emission schedule; DMC leaves what the schedule has not released yet out of the quorum's base.
  const vestingStart = now - (opts.vestingStartedAgo ?? 0n);
  const teamVesting = await deploy('StepVestingWallet', [opts.teamBeneficiary, vestingStart, 30n * DAY, 36n, 0]);
  const privateVesting = await deploy('StepVestingWallet', [opts.privateBeneficiary, vestingStart, 90n * DAY, 4n, 2000]);
  const dmc = await deploy('DMC', [
    [
      { recipient: predictedMining, amount: DMC('50000000') }, // mining reserve: DMCMining releases it
      { recipient: fund, amount: DMC('10000000') }, // DAO risk fund: the insurance fund
      { recipient: opts.foundation, amount: DMC('10000000') },
      { recipient: teamVesting, amount: DMC('10000000') },
      { recipient: privateVesting, amount: DMC('20000000') },
    ],
    [timelock, fund, teamVesting, privateVesting, predictedRegistry],
    predictedMining,
  ]);
  // 5b. DMC mining: the emission schedule and its staking pools (the deployer adds the pools below, then hands
  //     the admin role to the timelock). Pool 0, the hashrate-NFT pool, comes with it.
  const TOKENS_PER_PRODUCT = 1_000_000n;
  const mining = await deploy('DMCMining', [deployer, dmc, nft, escrow, distributor, ifil, btcYieldToken, TOKENS_PER_PRODUCT, opts.miningStart, MINING_SPLIT_BPS]);
  if (mining !== predictedMining) throw new Error(`DMCMining landed at ${mining}, not the predicted ${predictedMining}`);
  const governor = await deploy('DMEXGovernor', [dmc, timelock, g.votingDelay, g.votingPeriod, g.proposalThreshold, g.quorumPercent, g.quorumFloor]);
  const council = await deploy('Council', [opts.council, opts.councilThreshold ?? 4n, timelock]);
  const registry = await deploy('MinerRegistry', [timelock, nft, dmc, fund, g.minerStake, guard, governor]);
  if (registry !== predictedRegistry) throw new Error(`MinerRegistry landed at ${registry}, not the predicted ${predictedRegistry}`);
  // 6. The DMC market: the real Uniswap V2 (on the local chain from its npm artifacts) and the DMC/USDT pair.
  let uniswap = opts.uniswap;
  if (!uniswap) {
    if (opts.chainId !== LOCAL_CHAIN_ID) throw new Error('the Uniswap V2 factory and router addresses are required off the local chain');
    const weth = await deploy('WETH9', []);
    const factory = await deploy('UniswapV2Factory', [timelock]); // the DAO may switch the protocol fee on
    uniswap = { factory, router: await deploy('UniswapV2Router02', [factory, weth]) };
  }
  const factoryAbi = uniswapArtifact('UniswapV2Factory').abi;
  const pairOf = async (a: Address, b: Address): Promise<Address> => {
    const found = (await publicClient.readContract({ address: uniswap.factory, abi: factoryAbi, functionName: 'getPair', args: [a, b] })) as Address;
    if (found !== zeroAddress) return getAddress(found);
    const hash = await wallet.writeContract({ address: uniswap.factory, abi: factoryAbi, functionName: 'createPair', args: [a, b], account: opts.deployer, chain });
    if ((await publicClient.waitForTransactionReceipt({ hash })).status !== 'success') throw new Error('creating a Uniswap V2 pair failed');
    return getAddress((await publicClient.readContract({ address: uniswap.factory, abi: factoryAbi, functionName: 'getPair', args: [a, b] })) as Address);
  };
  const pair = await pairOf(dmc, paymentToken);
  // The IFIL/USDT pair: Revenue sells the joint pools' IFIL fees there for USDT (which then buys DMC back).
  const ifilPair = await pairOf(ifil, paymentToken);
  // 6b. Revenue: the treasury of the market's and the loans' fees. Each month 80% of it buys DMC on the pair and burns
  //     it (down to 21M), the rest goes to the timelock. Lots of 1,000 USDT, an hour apart, within 2% of the pair's
  //     average price over that hour.
  const revenue = await deploy('Revenue', [deployer, paymentToken, dmc, pair, timelock, now, BUYBACK_LOT, BUYBACK_HOP, BUYBACK_MAX_DEVIATION_BPS]);
  // 6c. The market, owned by the timelock; primary-sale money goes to the escrow, a share of fees to the fund, the
  //     rest of the fees to Revenue.
  //     The deployer administers it only long enough to name the promotion nodes' contract (6d), then hands over.
  const market = await deploy('Marketplace', [deployer, nft, paymentToken, revenue, opts.feeBps, opts.issuanceFeeBps, escrow, fund, opts.insuranceShareBps]);
  // 6d. Promotion nodes: main (20,000 DMC) and light (2,000 DMC) nodes hold their stake in DMC mining's DMC pool
  //     (pool 2, added below); a primary sale bought through a node's link pays it 20% of the issuance fee and its
  //     main node a 5% override.
  const DMC_POOL_ID = 2n;
  const nodes = await deploy('PromotionNodes', [deployer, paymentToken, mining, DMC_POOL_ID, NODE_COMMISSION_BPS, NODE_OVERRIDE_BPS]);
  await send(nodes, 'PromotionNodes', 'setMarketplace', [market]);
  await send(nodes, 'PromotionNodes', 'grantRole', [DEFAULT_ADMIN_ROLE, timelock]);
  await send(nodes, 'PromotionNodes', 'renounceRole', [DEFAULT_ADMIN_ROLE, deployer]);
  await send(market, 'Marketplace', 'setNodes', [nodes]);
  await send(market, 'Marketplace', 'grantRole', [DEFAULT_ADMIN_ROLE, timelock]);
  await send(market, 'Marketplace', 'renounceRole', [DEFAULT_ADMIN_ROLE, deployer]);
  // 7. Loans against NFTs and IFIL, owned by the timelock; its protocol fee on interest goes to Revenue too.
  const loans = await deploy('LoanMarket', [timelock, nft, registry, distributor, paymentToken, revenue]);
  await send(revenue, 'Revenue', 'addSource', [market]); // source 1
  await send(revenue, 'Revenue', 'addSource', [loans]); // source 2
  await send(revenue, 'Revenue', 'setTokenMarket', [ifil, ifilPair, IFIL_SALE_LOT]);
  await send(revenue, 'Revenue', 'grantRole', [DEFAULT_ADMIN_ROLE, timelock]);
  await send(revenue, 'Revenue', 'renounceRole', [DEFAULT_ADMIN_ROLE, deployer]);
  // 7a. Joint mining pools: one per miner, opened by a DAO vote; their IFIL fees go to Revenue.
  //     Their PoolGuard applies the default guard's rules (its shortfall and challenge period) to each pool's
  //     daily yield; the factory gives it to every pool, so the guard comes first with the factory's address
  //     predicted from the deployer's next nonce.
  const poolGuardNonce = await publicClient.getTransactionCount({ address: deployer });
  const predictedFactory = getContractAddress({ from: deployer, nonce: BigInt(poolGuardNonce + 1) });
  const poolGuard = await deploy('PoolGuard', [timelock, predictedFactory, oracle, guard]);
  const jointPools = await deploy('JointPoolFactory', [timelock, ifil, revenue, poolGuard, mining, JOINT_POOL_PLEDGE_PER_TIB]);
  if (jointPools.toLowerCase() !== predictedFactory.toLowerCase()) throw new Error('JointPoolFactory is not at its predicted address');
  // 7b. The council's door to the timelock: it holds the council's proposer and canceller roles and refuses what
  //     needs a token vote (the DMC reserve, the fund's DMC, minting and admin roles, DMC mining, the delay floor,
  //     the council itself), and cancelling a DAO decision about the council.
  const councilGate = await deploy('CouncilGate', [timelock, council, dmc, fund, nft, ifil, mining, poolGuard, g.timelockDelay]);

  // 7c. The mining pools: the pair's LP token (liquidity), DMC and USDT (staking).
  const LIQUIDITY = 1;
  const STAKING = 2;
  await send(mining, 'DMCMining', 'addPool', [pair, LIQUIDITY, 1]);
  await send(mining, 'DMCMining', 'addPool', [dmc, STAKING, 1]); // pool 2: the promotion nodes' stakes
  await send(mining, 'DMCMining', 'addPool', [paymentToken, STAKING, 1]);
  await send(mining, 'DMCMining', 'grantRole', [DEFAULT_ADMIN_ROLE, timelock]);
  await send(mining, 'DMCMining', 'renounceRole', [DEFAULT_ADMIN_ROLE, deployer]);

  // 8. Roles: the registry issues products; the market credits the escrow; the guard and the timelock halt and
  //    resume it; the bridge mints IFIL; reporters report; the timelock administers; the deployer keeps nothing.
  await send(escrow, 'RevenueEscrow', 'grantRole', [ESCROW_ROLES.depositor, market]);
  for (const who of [guard, timelock]) {
    await send(escrow, 'RevenueEscrow', 'grantRole', [ESCROW_ROLES.halter, who]);
    await send(escrow, 'RevenueEscrow', 'grantRole', [ESCROW_ROLES.resumer, who]);
  }
  await send(escrow, 'RevenueEscrow', 'grantRole', [DEFAULT_ADMIN_ROLE, timelock]);
  await send(escrow, 'RevenueEscrow', 'renounceRole', [DEFAULT_ADMIN_ROLE, deployer]);
  if (!filIsNative(opts.chainId)) {
    if (!opts.bridge || !opts.bridgeDailyLimit) throw new Error('FIL is not native on this chain: IFIL needs a bridge and its daily limit');
    await send(ifil, 'IFIL', 'grantRole', [BRIDGE_ROLE, opts.bridge]);
  }
  await send(ifil, 'IFIL', 'grantRole', [DEFAULT_ADMIN_ROLE, timelock]);
  await send(ifil, 'IFIL', 'renounceRole', [DEFAULT_ADMIN_ROLE, deployer]);
  for (const reporter of opts.oracleReporters) await send(oracle, 'YieldOracle', 'grantRole', [REPORTER_ROLE, reporter]);
  await send(oracle, 'YieldOracle', 'grantRole', [DEFAULT_ADMIN_ROLE, timelock]);
  await send(oracle, 'YieldOracle', 'renounceRole', [DEFAULT_ADMIN_ROLE, deployer]);
  await send(nft, 'HashrateNFT', 'grantRole', [ISSUER_ROLE, registry]);
  // Only the Marketplace may move never-sold NFTs: every first sale goes through it and pays the escrow.
  await send(nft, 'HashrateNFT', 'setSaleChannel', [market]);
  // Every payout out of an NFT (escrow refund, yield, insurance) moves its claim nonce, which purchases commit to.
  // The escrow does it as it ends a refunded stream (streams live in the NFT's ownership words): ESCROW_ROLE.
  for (const payer of [distributor, fund]) await send(nft, 'HashrateNFT', 'grantRole', [CLAIMS_ROLE, payer]);
  await send(nft, 'HashrateNFT', 'grantRole', [NFT_ESCROW_ROLE, escrow]);
  await send(nft, 'HashrateNFT', 'grantRole', [DEFAULT_ADMIN_ROLE, timelock]);
  await send(nft, 'HashrateNFT', 'renounceRole', [DEFAULT_ADMIN_ROLE, deployer]);
  for (const proposer of [governor, councilGate]) {
    await send(timelock, 'TimelockController', 'grantRole', [TIMELOCK_ROLES.proposer, proposer]);
    await send(timelock, 'TimelockController', 'grantRole', [TIMELOCK_ROLES.canceller, proposer]);
  }
  await send(timelock, 'TimelockController', 'renounceRole', [DEFAULT_ADMIN_ROLE, deployer]);

  return {
    chainId: opts.chainId,
    startBlock,
    contracts: {
      HashrateNFT: nft,
      Marketplace: market,
      PaymentToken: paymentToken,
      DMC: dmc,
      Timelock: timelock,
      Governor: governor,
      Council: council,
      CouncilGate: councilGate,
      MinerRegistry: registry,
      TeamVesting: teamVesting,
      PrivateVesting: privateVesting,
      IFIL: ifil,
      BtcYieldToken: btcYieldToken,
      YieldOracle: oracle,
      YieldDistributor: distributor,
      RevenueEscrow: escrow,
      DefaultGuard: guard,
      InsuranceFund: fund,
      LoanMarket: loans,
      DMCMining: mining,
      UniswapV2Factory: uniswap.factory,
      UniswapV2Router02: uniswap.router,
      DmcUsdtPair: pair,
      IfilUsdtPair: ifilPair,
      Revenue: revenue,
      JointPoolFactory: jointPools,
      PoolGuard: poolGuard,
      PromotionNodes: nodes,
    },
    mocks,
  };
}

/** How the local chain is deployed (the demo, the tests): anvil accounts, short governance delays. */
export function localDeployOptions(rpcUrl: string, appPort = 3000): DeployOptions {
  return {
    rpcUrl,
    chainId: LOCAL_CHAIN_ID,
    deployer: devAccounts.deployer,
    feeBps: 200n,
    issuanceFeeBps: 500n,
    insuranceShareBps: 2000n,
    metadataBaseURI: `http://localhost:${appPort}/api/nft/`,
    council: devCouncil,
    foundation: devAccounts.foundation,
    teamBeneficiary: devAccounts.team,
    privateBeneficiary: devAccounts.privateSale,
    // The demo is the market three years in: every vesting step has passed, so the team and the private sale can
    // release their DMC and vote (at launch only the foundation's 10M could, below the quorum floor).
    vestingStartedAgo: 3n * 365n * DAY,
    governance: LOCAL_GOVERNANCE,
    // Mining runs from the deployment on (a DAO vote sets the start elsewhere).
    miningStart: 1n,
    oracleReporters: [devAccounts.reporter1, devAccounts.reporter2, devAccounts.reporter3],
  };
}
