// Seeds the local chain through the same paths a person uses: DMC handed out and delegated, miners apply,
// a DAO proposal approves and rejects applications (votes, time advanced on anvil, queue, execute), approved
// miners stake, mint and list, buyers buy. Idempotent: it does nothing when applications already exist.
import { withGasHeadroom } from '../../lib/tx/gas';
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  encodeFunctionData,
  getContractAddress,
  http,
  keccak256,
  parseEventLogs,
  parseUnits,
  toBytes,
  type Abi,
  type Address,
  type Hex,
} from 'viem';
import { foundry } from 'viem/chains';
import { devAccounts } from '../../lib/chain/devAccounts';
import { loadArtifact, type ContractName } from './artifacts';
import type { Deployment } from './deployment';
import { uniswapArtifact } from './uniswap';

const DAY = 86_400n;
const usdt = (v: string) => parseUnits(v, 6);
const fil = (v: string) => parseUnits(v, 18);
const dmc = (v: string) => parseUnits(v, 18);

type DemoProduct = {
  miner: Address;
  name: string;
  nodeId: string;
  tib: number; // TiB per NFT
  days: number;
  count: number;
  startOffsetDays: number; // term start relative to today (UTC midnight)
  price: string; // USDT per NFT
  dailyYieldPerTiB: string; // FIL
};

// Prices imply 0.0078–0.0092 USDT per TiB per day against an expected 0.0022–0.0025 FIL per TiB per day,
// i.e. a buyer breaks even at a FIL price of about 3.5–3.8 USDT.
export const demoProducts: DemoProduct[] = [
  { miner: devAccounts.minerA, name: 'Hangzhou Storage Co.', nodeId: 'f01889668', tib: 1, days: 180, count: 10, startOffsetDays: 0, price: '1.55', dailyYieldPerTiB: '0.0025' },
  { miner: devAccounts.minerB, name: 'Shenzhen Filecoin Mining Ltd.', nodeId: 'f02097088', tib: 4, days: 360, count: 10, startOffsetDays: 0, price: '11.90', dailyYieldPerTiB: '0.0023' },
  { miner: devAccounts.minerC, name: 'Chengdu Data Farm', nodeId: 'f01231', tib: 4, days: 540, count: 8, startOffsetDays: 2, price: '16.90', dailyYieldPerTiB: '0.0022' },
  // Miner A's second node: one node's hashrate can only be sold once (MinerRegistry's node uniqueness).
  { miner: devAccounts.minerA, name: 'Hangzhou Storage Co.', nodeId: 'f01889669', tib: 1, days: 540, count: 8, startOffsetDays: 0, price: '4.60', dailyYieldPerTiB: '0.0024' },
];
/**
 * The seeded yield history, one chain day at a time (the seed ends `days - 1` days after the products start):
 * three reporters post the FIL market average (0.0024, 0.0023 and their mean: median 0.00235 FIL per TiB per
 * day; a day needs three reports to have a value); miner A pays the expected yield every day; miner B pays 70%
 * of the market average over the last 10 days (short: below the 80% line, so product 2 can be flagged); miner C
 * stops paying for the last 12 days (product 3 can be flagged).
 */
export const demoYield = {
  days: 45,
  oracle: ['0.0024', '0.0023'] as const,
  short: { product: 1, lastDays: 10n, percent: 70n },
  stopped: { product: 2, lastDays: 12n },
};

/** Seeded auctions of each product's last NFT (taken off its fixed-price listing), 5% minimum raise:
 * miner B's with a first bid and three days to run, miner A's still at its reserve and ending sooner. */
export const demoAuctions: { product: number; reserve: string; hours: bigint; bid?: [Address, string] }[] = [
  { product: 1, reserve: '11.00', hours: 72n, bid: [devAccounts.buyer, '11.00'] },
  { product: 3, reserve: '4.00', hours: 20n },
];
/**
 * Seeded loan market (no seeded loan touches an NFT, so the NFTs other demos and tests use stay with their
 * holders): the demo lender posts three offers (positions 1–3: NFTs of product 2; any FIL NFT of at least 1 TiB
 * with 90 days left; IFIL) and a fourth IFIL offer that miner B takes (position 4, an active loan); miner A
 * pledges IFIL in a request nobody has funded yet (position 5). Product indices are 0-based into demoProducts.
 */
export const demoLoans = {
  lenderUsdt: '100000',
  offers: [
    { principal: '7.00', aprBps: 1200, days: 30, nft: { product: 1, minTermLeftDays: 60 } },
    { principal: '1.00', aprBps: 1500, days: 60, nft: { anyFil: true, minHashrateTiB: 1, minTermLeftDays: 90 } },
    { principal: '50.00', aprBps: 1000, days: 14, ifil: '20' },
  ],
  activeIfilLoan: { borrower: devAccounts.minerB, principal: '40.00', aprBps: 900, days: 30, ifil: '15' },
  ifilRequest: { borrower: devAccounts.minerA, principal: '60.00', aprBps: 1100, days: 30, ifil: '20' },
} as const;
/**
 * The DMC market: the foundation adds liquidity to the Uniswap V2 DMC/USDT pair through the router (0.10 USDT per
 * DMC) and mines with half of its LP tokens and some DMC. No NFT is staked: the demos and tests use every sold NFT.
 */
export const demoLiquidity = { dmc: '1000000', usdt: '100000', stakeDmc: '100000' } as const;
/** The IFIL market the foundation opens: 5,000 IFIL (wrapped FIL) against 25,000 USDT on the IFIL/USDT pair, 5 USDT per
 * IFIL. Revenue sells the joint pools' IFIL fees there (lots of 50 IFIL move its price about 1%). */
export const demoIfilLiquidity = { ifil: '5000', usdt: '25000' } as const;

/** The joint mining pool the first proposal opens (Hangzhou Storage Co., 4 TiB of power: a genesis cap of 4 × 25 =
 * 100 FIL), and the demo buyer's deposit into it: the pool is in genesis, 40 of 100 FIL. */
export const demoJointPool = { miner: devAccounts.minerA, powerMilliTiB: 4_000n, deposit: '40' } as const;

/** Seeded applications that end Rejected and Pending (with its vote open). */
export const demoRejected = { miner: devAccounts.minerC, name: 'Unverified Node Co.', nodeId: 'f09999999', reason: 'Node power could not be verified on-chain' };
export const demoPending = { miner: devAccounts.minerB, name: 'Shenzhen Filecoin Mining Ltd.', nodeId: 'f02210034' };

/**
 * DMC handed out by the foundation so demo accounts can vote. The quorum is the larger of 25% of the DMC that can
 * vote and 20,000,001 DMC (more than any single allocation): no demo holder passes a vote alone; the private sale
 * (20M, released) and the buyer or the foundation together do.
 */
const demoDmc: [Address, string][] = [
  [devAccounts.buyer, '4500000'],
  [devAccounts.buyer2, '500000'],
  [devAccounts.minerA, '200000'],
  [devAccounts.minerB, '200000'],
  [devAccounts.minerC, '200000'],
];

export async function seed(rpcUrl: string, d: Deployment, log: (s: string) => void = console.log): Promise<boolean> {
  const transport = http(rpcUrl);
  // Anvil mines each transaction as it arrives: poll for receipts every 50 ms, not viem's default 4 s.
  const publicClient = createPublicClient({ chain: foundry, transport, pollingInterval: 50 });
  const wallet = createWalletClient({ chain: foundry, transport });
  const testClient = createTestClient({ chain: foundry, transport, mode: 'anvil' });
  const abi = (name: ContractName) => loadArtifact(name).abi;
  const c = d.contracts;

  const read = <T>(address: Address, name: ContractName, functionName: string, args: unknown[] = []) =>
    publicClient.readContract({ address, abi: abi(name), functionName, args }) as Promise<T>;
  async function send(account: Address, address: Address, name: ContractName, functionName: string, args: unknown[] = [], value?: bigint) {
    const withValue = value ? { value } : {};
    const gas = withGasHeadroom(await publicClient.estimateContractGas({ account, address, abi: abi(name), functionName, args, ...withValue }));
    const hash = await wallet.writeContract({ account, address, abi: abi(name), functionName, args, chain: foundry, gas, ...withValue });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success') {
      // Replay it as a call to get the revert reason in words.
      const why = await publicClient
        .simulateContract({ account, address, abi: abi(name), functionName, args, blockNumber: receipt.blockNumber - 1n, ...withValue })
        .then(() => 'no reason given', (e: Error) => e.message.split('\n').slice(0, 3).join(' '));
      throw new Error(`seed: ${name}.${functionName} failed: ${why}`);
    }
    return receipt;
  }
  /** For the many small history transactions: a fixed gas limit instead of an estimate; a revert is replayed
   * through {send} for its reason. */
  async function sendNow(account: Address, address: Address, name: ContractName, functionName: string, args: unknown[]) {
    const hash = await wallet.writeContract({ account, address, abi: abi(name), functionName, args, chain: foundry, gas: 300_000n });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success') return send(account, address, name, functionName, args); // replays it for the reason
    return receipt;
  }
  async function advance(seconds: bigint) {
    await testClient.increaseTime({ seconds: Number(seconds) });
    await testClient.mine({ blocks: 1 });
  }

  if ((await read<bigint>(c.MinerRegistry, 'MinerRegistry', 'applicationCount')) > 0n) {
    log('seed: demo data already on chain, nothing to do');
    return false;
  }

  // The team and the private sale release what has vested (all of it: the local chain is three years in).
  await send(devAccounts.team, c.TeamVesting, 'StepVestingWallet', 'release', [c.DMC]);
  await send(devAccounts.privateSale, c.PrivateVesting, 'StepVestingWallet', 'release', [c.DMC]);
  // DMC to demo holders; everyone who votes delegates to themselves.
  for (const [to, amount] of demoDmc) await send(devAccounts.foundation, c.DMC, 'DMC', 'transfer', [to, dmc(amount)]);
  const voters = [devAccounts.foundation, devAccounts.team, devAccounts.privateSale, ...demoDmc.map(([a]) => a)];
  for (const who of voters) await send(who, c.DMC, 'DMC', 'delegate', [who]);
  await advance(1n); // voting power counts from the second after delegation (the governor reads clock() - 1)

  // Applications.
  const now = (await publicClient.getBlock()).timestamp;
  const today = now - (now % DAY);
  const params = (p: Omit<DemoProduct, 'miner'> & { miner?: Address }) => ({
    name: p.name,
    documentsURI: `ipfs://bafy-dmex-demo-${p.nodeId}`,
    documentsHash: keccak256(toBytes(`documents of ${p.name} for ${p.nodeId}`)),
    coin: 0,
    nodeId: p.nodeId,
    totalHashrate: BigInt(p.tib * p.count * 1000 * 2),
    effectiveHashrate: BigInt(p.tib * p.count * 1000 * 3) / 2n,
    hashratePerNFT: BigInt(p.tib * 1000),
    nftCount: p.count,
    termStart: today + BigInt(p.startOffsetDays) * DAY,
    termDays: p.days,
    pricePerNFT: usdt(p.price),
    expectedDailyYieldPerUnit: fil(p.dailyYieldPerTiB),
  });
  for (const p of demoProducts) await send(p.miner, c.MinerRegistry, 'MinerRegistry', 'submitApplication', [params(p)]);
  const other = { tib: 4, days: 360, count: 20, startOffsetDays: 7, price: '12.50', dailyYieldPerTiB: '0.0023' };
  await send(demoRejected.miner, c.MinerRegistry, 'MinerRegistry', 'submitApplication', [params({ ...other, ...demoRejected })]);
  await send(demoPending.miner, c.MinerRegistry, 'MinerRegistry', 'submitApplication', [params({ ...other, ...demoPending })]);
  const rejectedId = BigInt(demoProducts.length + 1);
  const pendingId = rejectedId + 1n;

  // One DAO proposal approves the first four and rejects the fifth: vote, wait, queue, wait, execute.
  const registryAbi = abi('MinerRegistry') as Abi;
  // The factory's first pool lands at its first CREATE address: the same vote adds its dToken to behaviour mining
  // (staked dToken stays with its holder, locked in place).
  const firstPool = getContractAddress({ from: c.JointPoolFactory, nonce: 1n });
  const targets = [...demoProducts.map(() => c.MinerRegistry), c.MinerRegistry, c.JointPoolFactory, c.DMCMining];
  const calldatas: Hex[] = [
    ...demoProducts.map((_, i) => encodeFunctionData({ abi: registryAbi, functionName: 'approve', args: [BigInt(i + 1)] })),
    encodeFunctionData({ abi: registryAbi, functionName: 'reject', args: [rejectedId, demoRejected.reason] }),
    encodeFunctionData({ abi: abi('JointPoolFactory') as Abi, functionName: 'open', args: [demoJointPool.miner, demoJointPool.powerMilliTiB] }),
    encodeFunctionData({ abi: abi('DMCMining') as Abi, functionName: 'addLockPool', args: [firstPool, 0, 1] }),
  ];
  const values = targets.map(() => 0n);
  const description = '# Onboard the first Filecoin miners\n\nApprove applications #1–#4 (verified nodes f01889668, f01889669, f02097088, f01231), reject #5, whose node power could not be verified, and qualify Hangzhou Storage Co. for joint mining (a pool for its first 4 TiB, whose dToken earns behaviour mining).';
  const [votingDelay, votingPeriod, timelockDelay] = await Promise.all([
    read<bigint>(c.Governor, 'DMEXGovernor', 'votingDelay'),
    read<bigint>(c.Governor, 'DMEXGovernor', 'votingPeriod'),
    read<bigint>(c.Timelock, 'TimelockController', 'getMinDelay'),
  ]);
  const proposed = await send(devAccounts.buyer, c.Governor, 'DMEXGovernor', 'propose', [targets, values, calldatas, description]);
  const [created] = parseEventLogs({ abi: abi('DMEXGovernor') as Abi, logs: proposed.logs, eventName: 'ProposalCreated' }) as unknown as { args: { proposalId: bigint } }[];
  const proposalId = created!.args.proposalId;
  await advance(votingDelay + 1n);
  await send(devAccounts.buyer, c.Governor, 'DMEXGovernor', 'castVoteWithReason', [proposalId, 1, 'All four nodes are visible on Filfox with matching power.']);
  await send(devAccounts.foundation, c.Governor, 'DMEXGovernor', 'castVote', [proposalId, 1]);
  await send(devAccounts.privateSale, c.Governor, 'DMEXGovernor', 'castVoteWithReason', [proposalId, 1, 'Verified nodes; onboard them.']);
  await send(devAccounts.buyer2, c.Governor, 'DMEXGovernor', 'castVoteWithReason', [proposalId, 2, 'No opinion on #5.']);
  await advance(votingPeriod + 1n);
  const descriptionHash = keccak256(toBytes(description));
  await send(devAccounts.buyer, c.Governor, 'DMEXGovernor', 'queue', [targets, values, calldatas, descriptionHash]);
  await advance(timelockDelay + 1n);
  await send(devAccounts.buyer, c.Governor, 'DMEXGovernor', 'execute', [targets, values, calldatas, descriptionHash]);

  // The demo buyer wraps 40 FIL and deposits it into the joint pool the proposal opened (genesis: 40 of 100).

  // Approved miners stake, activate, mint and list.
  const tokensOf = new Map<number, bigint[]>();
  const productIds = new Map<number, bigint>();
  for (const [i, p] of demoProducts.entries()) {
    const id = BigInt(i + 1);
    const app = await read<{ requiredStake: bigint }>(c.MinerRegistry, 'MinerRegistry', 'application', [id]);
    await send(p.miner, c.DMC, 'DMC', 'approve', [c.MinerRegistry, app.requiredStake]);
    await send(p.miner, c.MinerRegistry, 'MinerRegistry', 'stakeAndActivate', [id]);
    await send(p.miner, c.MinerRegistry, 'MinerRegistry', 'mint', [id, BigInt(p.count)]);
    const productId = (await read<{ productId: bigint }>(c.MinerRegistry, 'MinerRegistry', 'application', [id])).productId;
    const ids = Array.from({ length: p.count }, (_, k) => productId * 1_000_000n + BigInt(k + 1));
    tokensOf.set(i, ids);
    productIds.set(i, productId);
    await send(p.miner, c.HashrateNFT, 'HashrateNFT', 'setApprovalForAll', [c.Marketplace, true]);
    await send(p.miner, c.Marketplace, 'Marketplace', 'listBatch', [ids, usdt(p.price)]);
  }

  // Buyers: the demo buyer has plenty; the second buyer is nearly broke (shows the "not enough USDT" error).
  await send(devAccounts.buyer, c.PaymentToken, 'MockUSDT', 'mint', [devAccounts.buyer, usdt('10000')]);
  await send(devAccounts.buyer2, c.PaymentToken, 'MockUSDT', 'mint', [devAccounts.buyer2, usdt('8.10')]);
  for (const buyer of [devAccounts.buyer, devAccounts.buyer2]) await send(buyer, c.PaymentToken, 'MockUSDT', 'approve', [c.Marketplace, 2n ** 256n - 1n]);
  const sales: [Address, bigint][] = [
    [devAccounts.buyer, tokensOf.get(1)![0]!],
    [devAccounts.buyer, tokensOf.get(1)![1]!],
    [devAccounts.buyer, tokensOf.get(2)![0]!],
    [devAccounts.buyer2, tokensOf.get(0)![0]!],
    [devAccounts.buyer2, tokensOf.get(0)![1]!],
  ];
  for (const [buyer, tokenId] of sales) {
    const l = await read<{ price: bigint }>(c.Marketplace, 'Marketplace', 'listing', [tokenId]);
    const nonce = await read<bigint>(c.HashrateNFT, 'HashrateNFT', 'claimNonce', [tokenId]);
    await send(buyer, c.Marketplace, 'Marketplace', 'buy', [tokenId, l.price, nonce]);
  }
  // The sales' fees go to Revenue, booked to the market in month 0 (anyone may collect them).
  await send(devAccounts.buyer, c.Revenue, 'Revenue', 'collectAll', []);
  // A resale: the second buyer offers one of its NFTs a little above what it paid.
  await send(devAccounts.buyer2, c.HashrateNFT, 'HashrateNFT', 'setApprovalForAll', [c.Marketplace, true]);
  await send(devAccounts.buyer2, c.Marketplace, 'Marketplace', 'list', [tokensOf.get(0)![1]!, usdt('1.70')]);
  // Yield history: `demoYield.days` days of oracle reports and yield deposits, one chain day at a time. The
  // miners wrap 100 of the local chain's coin (it stands in for FIL, as on Filecoin's EVM) into IFIL.
  const wrapped = fil('100');
  for (const miner of [devAccounts.minerA, devAccounts.minerB, devAccounts.minerC]) {
    await send(miner, c.IFIL, 'IFIL', 'deposit', [], wrapped);
    await send(miner, c.IFIL, 'IFIL', 'approve', [c.YieldDistributor, 2n ** 256n - 1n]);
  }
  for (let i = 0; i < demoYield.days; i++) {
    if (i > 0) await advance(DAY);
    const day = (await publicClient.getBlock()).timestamp / DAY;
    const [r1, r2] = demoYield.oracle.map(fil);
    // The third reporter posts the exact mean, so the median of the three is that mean.
    const average = (r1! + r2!) / 2n;
    await sendNow(devAccounts.reporter1, c.YieldOracle, 'YieldOracle', 'report', [0, day, r1]);
    await sendNow(devAccounts.reporter2, c.YieldOracle, 'YieldOracle', 'report', [0, day, r2]);
    await sendNow(devAccounts.reporter3, c.YieldOracle, 'YieldOracle', 'report', [0, day, average]);
    for (const [k, p] of demoProducts.entries()) {
      const units = BigInt(p.tib * p.count);
      const firstDay = (today + BigInt(p.startOffsetDays) * DAY) / DAY;
      if (day < firstDay) continue;
      const daysLeft = BigInt(demoYield.days - 1 - i);
      let amount = fil(p.dailyYieldPerTiB) * units;
      if (k === demoYield.short.product && daysLeft < demoYield.short.lastDays) amount = (average * units * demoYield.short.percent) / 100n;
      if (k === demoYield.stopped.product && daysLeft < demoYield.stopped.lastDays) continue;
      await sendNow(p.miner, c.YieldDistributor, 'YieldDistributor', 'deposit', [productIds.get(k)!, day, amount]);
    }
  }

  // The buyer's deposit into miner A's joint pool, on the last seeded day: the pool owes yield from tomorrow on
  // (the keeper pays it in miner A's character), so it starts healthy.
  const jointPool = await read<Address>(c.JointPoolFactory, 'JointPoolFactory', 'poolOf', [demoJointPool.miner]);
  if (jointPool.toLowerCase() !== firstPool.toLowerCase()) throw new Error(`seed: the joint pool landed at ${jointPool}, not ${firstPool}`);
  const poolDeposit = fil(demoJointPool.deposit);
  await send(devAccounts.buyer, c.IFIL, 'IFIL', 'deposit', [], poolDeposit);
  await send(devAccounts.buyer, c.IFIL, 'IFIL', 'approve', [jointPool, poolDeposit]);
  await send(devAccounts.buyer, jointPool, 'JointPool', 'deposit', [poolDeposit]);

  for (const a of demoAuctions) {
    const p = demoProducts[a.product]!;
    const tokenId = tokensOf.get(a.product)!.at(-1)!;
    await send(p.miner, c.Marketplace, 'Marketplace', 'createAuction', [tokenId, usdt(a.reserve), a.hours * 3600n, 500n]);
    if (a.bid) await send(a.bid[0], c.Marketplace, 'Marketplace', 'bid', [tokenId, usdt(a.bid[1])]);
  }
  for (const buyer of [devAccounts.buyer, devAccounts.buyer2]) await send(buyer, c.PaymentToken, 'MockUSDT', 'approve', [c.Marketplace, 0n]);

  // The loan market: three open offers, an active IFIL loan, an open IFIL request (see demoLoans).
  const L = demoLoans;
  await send(devAccounts.lender, c.PaymentToken, 'MockUSDT', 'mint', [devAccounts.lender, usdt(L.lenderUsdt)]);
  await send(devAccounts.lender, c.PaymentToken, 'MockUSDT', 'approve', [c.LoanMarket, 2n ** 256n - 1n]);
  const offer = (o: { principal: string; aprBps: number; days: number; kind: number; amount?: string; productId?: bigint; minHashrate?: bigint; minTermLeftDays?: number; coin?: number }) =>
    send(devAccounts.lender, c.LoanMarket, 'LoanMarket', 'postOffer', [
      {
        principal: usdt(o.principal),
        aprBps: BigInt(o.aprBps),
        duration: BigInt(o.days) * DAY,
        kind: o.kind,
        collateralAmount: o.amount ? fil(o.amount) : 0n,
        productId: o.productId ?? 0n,
        coin: o.coin ?? 0,
        minHashrate: o.minHashrate ?? 0n,
        minTermLeft: BigInt(o.minTermLeftDays ?? 0) * DAY,
      },
    ]);
  const [o1, o2, o3] = L.offers;
  await offer({ ...o1, kind: 1, productId: productIds.get(o1.nft.product)!, minTermLeftDays: o1.nft.minTermLeftDays });
  await offer({ ...o2, kind: 1, coin: 0, minHashrate: BigInt(o2.nft.minHashrateTiB * 1000), minTermLeftDays: o2.nft.minTermLeftDays });
  await offer({ ...o3, kind: 2, amount: o3.ifil });
  const a = L.activeIfilLoan;
  await offer({ ...a, kind: 2, amount: a.ifil });
  await send(a.borrower, c.IFIL, 'IFIL', 'approve', [c.LoanMarket, fil(a.ifil)]);
  await send(a.borrower, c.LoanMarket, 'LoanMarket', 'acceptOffer', [
    4n,
    0n,
    { principal: usdt(a.principal), aprBps: BigInt(a.aprBps), duration: BigInt(a.days) * DAY, collateral: fil(a.ifil) },
  ]);
  const r = L.ifilRequest;
  await send(r.borrower, c.IFIL, 'IFIL', 'approve', [c.LoanMarket, fil(r.ifil)]);
  await send(r.borrower, c.LoanMarket, 'LoanMarket', 'postRequest', [usdt(r.principal), BigInt(r.aprBps), BigInt(r.days) * DAY, 2, fil(r.ifil)]);

  // The DMC market and mining (see demoLiquidity).
  const routerAbi = uniswapArtifact('UniswapV2Router02').abi;
  const pairAbi = uniswapArtifact('UniswapV2Pair').abi;
  const F = devAccounts.foundation;
  /** The foundation mints `usdtAmount` of the mock USDT and adds it with `amount` of `token` (which it holds) to the
   * token's Uniswap V2 pair with USDT, through the router, at exactly those amounts. */
  async function addUsdtLiquidity(token: Address, name: ContractName, amount: bigint, usdtAmount: bigint) {
    await send(F, c.PaymentToken, 'MockUSDT', 'mint', [F, usdtAmount]);
    await send(F, token, name, 'approve', [c.UniswapV2Router02, amount]);
    await send(F, c.PaymentToken, 'MockUSDT', 'approve', [c.UniswapV2Router02, usdtAmount]);
    const hash = await wallet.writeContract({
      account: F,
      address: c.UniswapV2Router02,
      abi: routerAbi,
      functionName: 'addLiquidity',
      args: [token, c.PaymentToken, amount, usdtAmount, amount, usdtAmount, F, (await publicClient.getBlock()).timestamp + 600n],
      chain: foundry,
      gas: 3_000_000n,
    });
    if ((await publicClient.waitForTransactionReceipt({ hash })).status !== 'success') throw new Error(`seed: addLiquidity of ${name}/USDT failed`);
  }
  await addUsdtLiquidity(c.DMC, 'DMC', dmc(demoLiquidity.dmc), usdt(demoLiquidity.usdt));
  const lp = (await publicClient.readContract({ address: c.DmcUsdtPair, abi: pairAbi, functionName: 'balanceOf', args: [F] })) as bigint;
  const approveLp = await wallet.writeContract({ account: F, address: c.DmcUsdtPair, abi: pairAbi, functionName: 'approve', args: [c.DMCMining, lp], chain: foundry });
  await publicClient.waitForTransactionReceipt({ hash: approveLp });
  await send(F, c.DMCMining, 'DMCMining', 'stake', [1n, lp / 2n]);
  await send(F, c.DMC, 'DMC', 'approve', [c.DMCMining, dmc(demoLiquidity.stakeDmc)]);
  await send(F, c.DMCMining, 'DMCMining', 'stake', [2n, dmc(demoLiquidity.stakeDmc)]);
  // With 100,000 DMC staked in the DMC pool the foundation runs a main promotion node: sales through its link
  // (/?ref=<foundation>) pay it a commission.
  await send(F, c.PromotionNodes, 'PromotionNodes', 'join', ['0x0000000000000000000000000000000000000000']);
  // The IFIL market (see demoIfilLiquidity): the foundation wraps FIL and adds it with USDT to the IFIL/USDT pair.
  await send(F, c.IFIL, 'IFIL', 'deposit', [], fil(demoIfilLiquidity.ifil));
  await addUsdtLiquidity(c.IFIL, 'IFIL', fil(demoIfilLiquidity.ifil), usdt(demoIfilLiquidity.usdt));
  // Month 0 has ended: the first buyback call closes it (80% of its revenue to the buyback budget, 20% to the
  // timelock) and starts the price window on the pair; the Treasury page can buy back an hour later.
  await send(devAccounts.buyer, c.Revenue, 'Revenue', 'buyback', []);

  // A pending application whose approval vote is open now.
  const pendingDescription = `# Approve a miner application #${pendingId}: ${demoPending.name}\n\nSecond node ${demoPending.nodeId} of an active miner.`;
  await send(demoPending.miner, c.Governor, 'DMEXGovernor', 'propose', [
    [c.MinerRegistry],
    [0n],
    [encodeFunctionData({ abi: registryAbi, functionName: 'approve', args: [pendingId] })],
    pendingDescription,
  ]);
  await advance(votingDelay + 1n);

  const listed = demoProducts.reduce((n, p) => n + p.count, 0) - sales.length + 1 - demoAuctions.length;
  log(`seed: ${demoProducts.length + 2} applications (4 active, 1 rejected, 1 pending with an open vote), 2 proposals, ${listed} fixed-price listings, ${demoAuctions.length} auctions, ${sales.length} sales, ${L.offers.length} open loan offers, 1 active loan, 1 loan request`);
  return true;
}
