// The benchmark's market on a fresh seeded anvil: products, listings, auctions, sales, loans, yield deposits,
// proposals and empty blocks, at a size the caller picks (scripts/bench-listings.ts: the default quick size, or
// BENCH_SCALE=issue for 100,000 NFTs on 1,000,000+ blocks).
//
// Speed matters here (tens of thousands of transactions), so the transactions go to anvil as JSON-RPC batches of
// eth_sendTransaction from its unlocked accounts with automine off, one block per batch, and every receipt is
// checked: a reverted transaction stops the bench with its contract and function.
import { encodeFunctionData, keccak256, numberToHex, parseEther, parseUnits, toBytes, type Abi, type Address, type Hex } from 'viem';
import { devAccounts } from '../../lib/chain/devAccounts';
import { loadArtifact, type ContractName } from './artifacts';
import type { Deployment } from './deployment';

export type BenchScale = {
  products: number;
  nftsPerProduct: number;
  /** Fixed-price listings per product (the rest stay with the miner); the last product also auctions some.
   * At the issue's scale 70,000 are listed and 20,000 of them sold: 50,000 stay live. */
  listedPerProduct: number;
  auctions: number;
  sales: number;
  loans: number;
  depositDays: number;
  proposals: number;
  /** Empty blocks mined after the market (BENCH_EMPTY_BLOCKS). The chain itself starts at block GENESIS_BLOCK
   * (1,000,000: block numbers at a real chain's height); a million mined blocks are out of reach, since anvil
   * mines empty blocks ever slower as its chain grows (2,000 took 83 s here, 10,000 over two minutes). */
  emptyBlocks: number;
};

/** The bench chain's first block number (anvil --number). */
export const GENESIS_BLOCK = 1_000_000;

export const SCALES: Record<'quick' | 'issue', BenchScale> = {
  quick: { products: 5, nftsPerProduct: 2000, listedPerProduct: 1950, auctions: 50, sales: 500, loans: 50, depositDays: 30, proposals: 10, emptyBlocks: 0 },
  issue: { products: 10, nftsPerProduct: 10_000, listedPerProduct: 7_000, auctions: 50, sales: 20_000, loans: 2_000, depositDays: 540, proposals: 200, emptyBlocks: 0 },
};

type Tx = { from: Address; to: Address; data: Hex; gas: bigint; value?: bigint; what: string };
const BLOCK_GAS = 29_000_000n;
const usdt = (v: string) => parseUnits(v, 6);
const DAY = 86_400n;

export type BenchMarket = {
  /** Token ids of the bench products, per product. */
  tokenIds: bigint[][];
  /** The account holding the most bench NFTs (the portfolio case) and how many it holds. */
  holder: Address;
  counts: { listed: number; auctions: number; sales: number; loans: number; deposits: number; proposals: number; blocks: bigint };
};

export async function seedBenchMarket(rpcUrl: string, deployment: Deployment, scale: BenchScale, log: (s: string) => void): Promise<BenchMarket> {
  scale = { ...scale, emptyBlocks: Number(process.env.BENCH_EMPTY_BLOCKS ?? scale.emptyBlocks) };
  const c = deployment.contracts;
  let id = 1;
  async function rpc<T>(calls: { method: string; params: unknown[] }[]): Promise<T[]> {
    const res = await fetch(rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(calls.map((x) => ({ jsonrpc: '2.0', id: id++, ...x }))) });
    const body = (await res.json()) as { id: number; result?: T; error?: { message: string } }[];
    body.sort((a, b) => a.id - b.id);
    for (const r of body) if (r.error) throw new Error(r.error.message);
    return body.map((r) => r.result as T);
  }
  const one = async <T>(method: string, params: unknown[] = []) => (await rpc<T>([{ method, params }]))[0]!;
  const abiOf = (n: ContractName) => loadArtifact(n).abi as Abi;
  const call = (from: Address, to: Address, name: ContractName, functionName: string, args: unknown[], gas: bigint, value?: bigint): Tx => ({
    from, to, gas, value, what: `${name}.${functionName}`,
    data: encodeFunctionData({ abi: abiOf(name), functionName, args }),
  });
  const read = async <T>(to: Address, name: ContractName, functionName: string, args: unknown[] = []): Promise<T> => {
    const { decodeFunctionResult } = await import('viem');
    const data = await one<Hex>('eth_call', [{ to, data: encodeFunctionData({ abi: abiOf(name), functionName, args }) }, 'latest']);
    return decodeFunctionResult({ abi: abiOf(name), functionName, data }) as T;
  };

  /** Sends the transactions in blocks of at most BLOCK_GAS (by gas limit), one batch and one evm_mine each. */
  async function sendAll(txs: Tx[]): Promise<void> {
    await one('evm_setAutomine', [false]);
    try {
      for (let i = 0; i < txs.length; ) {
        const block: Tx[] = [];
        let gas = 0n;
        while (i < txs.length && gas + txs[i]!.gas <= BLOCK_GAS) {
          gas += txs[i]!.gas;
          block.push(txs[i++]!);
        }
        // With automine off anvil does not count pending transactions in a sender's nonce: number them here.
        const senders = [...new Set(block.map((t) => t.from))];
        const counts = await rpc<Hex>(senders.map((a) => ({ method: 'eth_getTransactionCount', params: [a, 'latest'] })));
        const nonce = new Map(senders.map((a, k) => [a, BigInt(counts[k]!)]));
        const hashes = await rpc<Hex>(
          block.map((t) => {
            const n = nonce.get(t.from)!;
            nonce.set(t.from, n + 1n);
            return { method: 'eth_sendTransaction', params: [{ from: t.from, to: t.to, data: t.data, gas: numberToHex(t.gas), nonce: numberToHex(n), ...(t.value ? { value: numberToHex(t.value) } : {}) }] };
          }),
        );
        await one('evm_mine');
        const receipts = await rpc<{ status: Hex } | null>(hashes.map((h) => ({ method: 'eth_getTransactionReceipt', params: [h] })));
        receipts.forEach((r, k) => {
          if (!r || r.status !== '0x1') throw new Error(`bench seed: ${block[k]!.what} ${r ? 'reverted' : 'was not mined'}`);
        });
      }
    } finally {
      await one('evm_setAutomine', [true]);
    }
  }

  const t0 = Date.now();
  const step = (s: string) => log(`  ${s} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  const now = BigInt((await one<{ timestamp: Hex }>('eth_getBlockByNumber', ['latest', false])).timestamp);
  const today = now - (now % DAY);
  const miners = [devAccounts.minerA, devAccounts.minerB, devAccounts.minerC];
  // Miner A issues the first two products, so it holds the most unsold NFTs (the portfolio case).
  const minerOf = (i: number) => (i < 2 ? devAccounts.minerA : miners[1 + (i % 2)]!);

  // Every miner gets the DMC to stake its bench products (from the demo buyer's 4.5M) and coin to wrap into IFIL.
  const stake = await read<bigint>(c.MinerRegistry, 'MinerRegistry', 'stakeAmount');
  const productsOf = (m: Address) => Array.from({ length: scale.products }, (_, i) => minerOf(i)).filter((x) => x === m).length;
  await one('anvil_impersonateAccount', [c.Timelock]);
  await one('anvil_setBalance', [c.Timelock, numberToHex(parseEther('10'))]);
  const setup: Tx[] = [];
  for (const m of miners) {
    await one('anvil_setBalance', [m, numberToHex(parseEther('1000000'))]);
    setup.push(call(devAccounts.buyer, c.DMC, 'DMC', 'transfer', [m, stake * BigInt(productsOf(m))], 150_000n));
    setup.push(call(m, c.DMC, 'DMC', 'approve', [c.MinerRegistry, 2n ** 256n - 1n], 100_000n));
  }
  await sendAll(setup);

  // Products: apply, approve (as the timelock: the vote is not what is measured), stake and activate, mint.
  const firstApp = Number(await read<bigint>(c.MinerRegistry, 'MinerRegistry', 'applicationCount')) + 1;
  const apps: Tx[] = [];
  for (let i = 0; i < scale.products; i++) {
    const tib = [1, 2, 4, 8][i % 4]!;
    apps.push(
      call(minerOf(i), c.MinerRegistry, 'MinerRegistry', 'submitApplication', [
        {
          name: `Bench miner ${i + 1}`,
          documentsURI: `ipfs://bench-${i}`,
          documentsHash: keccak256(toBytes(`bench ${i}`)),
          coin: 0,
          nodeId: `f0900${String(i + 1).padStart(4, '0')}`,
          totalHashrate: BigInt(tib * scale.nftsPerProduct * 1000 * 2),
          effectiveHashrate: BigInt(tib * scale.nftsPerProduct * 1000),
          hashratePerNFT: BigInt(tib * 1000),
          nftCount: scale.nftsPerProduct,
          termStart: today,
          termDays: 1800 - i * 30,
          pricePerNFT: usdt('10'),
          expectedDailyYieldPerUnit: parseUnits((0.0025 - i * 0.0001).toFixed(4), 18),
        },
      ], 1_000_000n),
    );
  }
  await sendAll(apps);
  const appIds = Array.from({ length: scale.products }, (_, i) => BigInt(firstApp + i));
  await sendAll(appIds.map((a) => call(c.Timelock, c.MinerRegistry, 'MinerRegistry', 'approve', [a], 500_000n)));
  await sendAll(appIds.map((a, i) => call(minerOf(i), c.MinerRegistry, 'MinerRegistry', 'stakeAndActivate', [a], 1_500_000n)));
  await one('anvil_stopImpersonatingAccount', [c.Timelock]);
  const MINT = 250n;
  const mints: Tx[] = [];
  appIds.forEach((a, i) => {
    for (let m = 0; m < scale.nftsPerProduct; m += Number(MINT)) mints.push(call(minerOf(i), c.MinerRegistry, 'MinerRegistry', 'mint', [a, MINT], 7_200_000n));
  });
  await sendAll(mints);
  const tokenIds: bigint[][] = [];
  for (const a of appIds) {
    const productId = (await read<{ productId: bigint }>(c.MinerRegistry, 'MinerRegistry', 'application', [a])).productId;
    tokenIds.push(Array.from({ length: scale.nftsPerProduct }, (_, k) => productId * 1_000_000n + BigInt(k + 1)));
  }
  step(`${scale.products} products of ${scale.nftsPerProduct} NFTs minted`);

  // Listings: a spread of prices per batch of 250; the last product auctions its first tokens instead.
  const lists: Tx[] = [];
  const auctions: Tx[] = [];
  const listed: { tokenId: bigint; price: bigint; product: number }[] = [];
  for (const m of miners) lists.push(call(m, c.HashrateNFT, 'HashrateNFT', 'setApprovalForAll', [c.Marketplace, true], 100_000n));
  tokenIds.forEach((ids, i) => {
    const auctioned = i === tokenIds.length - 1 ? scale.auctions : 0;
    const end = Math.min(ids.length, auctioned + scale.listedPerProduct);
    for (let k = auctioned; k < end; k += 250) {
      const batch = ids.slice(k, Math.min(end, k + 250));
      const price = usdt((2 + ((k / 250) % 8) * 0.25 + i * 0.5).toFixed(2));
      lists.push(call(minerOf(i), c.Marketplace, 'Marketplace', 'listBatch', [batch, price], 7_500_000n));
      for (const tokenId of batch) listed.push({ tokenId, price, product: i });
    }
    for (let k = 0; k < auctioned; k++) auctions.push(call(minerOf(i), c.Marketplace, 'Marketplace', 'createAuction', [ids[k]!, usdt('30'), BigInt(3600 * (k + 2)), 500n], 300_000n));
  });
  await sendAll([...lists, ...auctions]);
  step(`${listed.length} fixed-price listings and ${auctions.length} auctions`);

  // Sales: two buyers take listings round-robin over the products (primary sales: the money goes to the escrow).
  const buyers = [devAccounts.buyer, devAccounts.buyer2];
  const pay: Tx[] = [];
  for (const b of buyers) {
    pay.push(call(b, c.PaymentToken, 'MockUSDT', 'mint', [b, usdt('100000000')], 100_000n));
    pay.push(call(b, c.PaymentToken, 'MockUSDT', 'approve', [c.Marketplace, 2n ** 256n - 1n], 100_000n));
  }
  await sendAll(pay);
  const perProduct = Array.from({ length: scale.products }, (_, i) => listed.filter((l) => l.product === i));
  const sold: { tokenId: bigint; buyer: Address; product: number }[] = [];
  for (let n = 0; sold.length < scale.sales; n++) {
    const pool = perProduct[n % scale.products]!;
    const l = pool[Math.floor(n / scale.products)];
    if (!l) break;
    sold.push({ tokenId: l.tokenId, buyer: buyers[sold.length % buyers.length]!, product: l.product });
  }
  const priceOf = new Map(listed.map((l) => [l.tokenId, l.price]));
  await sendAll(sold.map((s) => call(s.buyer, c.Marketplace, 'Marketplace', 'buy', [s.tokenId, priceOf.get(s.tokenId)!, 0n], 250_000n)));
  step(`${sold.length} sales`);

  // Loans: the lender offers per product; buyer2 borrows against NFTs it bought.
  const lender = devAccounts.lender;
  const borrower = devAccounts.buyer2;
  const pledge = sold.filter((s) => s.buyer === borrower).slice(0, scale.loans);
  const productIdOf = (tokenId: bigint) => tokenId / 1_000_000n;
  const loanSetup: Tx[] = [
    call(lender, c.PaymentToken, 'MockUSDT', 'mint', [lender, usdt('100000000')], 100_000n),
    call(lender, c.PaymentToken, 'MockUSDT', 'approve', [c.LoanMarket, 2n ** 256n - 1n], 100_000n),
    call(borrower, c.HashrateNFT, 'HashrateNFT', 'setApprovalForAll', [c.LoanMarket, true], 100_000n),
  ];
  await sendAll(loanSetup);
  const firstPosition = (await read<bigint>(c.LoanMarket, 'LoanMarket', 'positionCount')) + 1n;
  const offer = { principal: usdt('1'), aprBps: 1200n, duration: 30n * DAY };
  await sendAll(
    pledge.map((p) =>
      call(lender, c.LoanMarket, 'LoanMarket', 'postOffer', [
        { principal: offer.principal, aprBps: offer.aprBps, duration: offer.duration, kind: 1, collateralAmount: 0n, productId: productIdOf(p.tokenId), coin: 0, minHashrate: 0n, minTermLeft: 0n },
      ], 400_000n),
    ),
  );
  await sendAll(
    pledge.map((p, k) =>
      call(borrower, c.LoanMarket, 'LoanMarket', 'acceptOffer', [firstPosition + BigInt(k), p.tokenId, { principal: offer.principal, aprBps: offer.aprBps, duration: offer.duration, collateral: 0n }], 400_000n),
    ),
  );
  step(`${pledge.length} loans`);

  // Proposals: the buyer (4.5M DMC, delegated) proposes a fee change, 200 times with its own description.
  const setFee = encodeFunctionData({ abi: abiOf('Marketplace'), functionName: 'setFeeBps', args: [250n] });
  await sendAll(
    Array.from({ length: scale.proposals }, (_, k) =>
      call(devAccounts.buyer, c.Governor, 'DMEXGovernor', 'propose', [[c.Marketplace], [0n], [setFee], `Bench proposal ${k + 1}: trading fee 2.5%`], 600_000n),
    ),
  );
  step(`${scale.proposals} proposals`);

  // Yield: time moves depositDays + 2 days on; each product's miner pays every one of those days (late days may
  // be paid later), in IFIL wrapped from the chain's coin.
  await one('evm_increaseTime', [Number(BigInt(scale.depositDays + 2) * DAY)]);
  await one('evm_mine');
  const wrap: Tx[] = [];
  for (const m of miners) {
    wrap.push(call(m, c.IFIL, 'IFIL', 'deposit', [], 100_000n, parseEther('10000')));
    wrap.push(call(m, c.IFIL, 'IFIL', 'approve', [c.YieldDistributor, 2n ** 256n - 1n], 100_000n));
  }
  await sendAll(wrap);
  const nowAfter = BigInt((await one<{ timestamp: Hex }>('eth_getBlockByNumber', ['latest', false])).timestamp);
  const lastDay = nowAfter / DAY - 1n;
  const deposits: Tx[] = [];
  tokenIds.forEach((ids, i) => {
    const productId = productIdOf(ids[0]!);
    for (let d = 0; d < scale.depositDays; d++) {
      deposits.push(call(minerOf(i), c.YieldDistributor, 'YieldDistributor', 'deposit', [productId, lastDay - BigInt(d), parseEther((0.5 + (d % 7) * 0.01).toFixed(2))], 200_000n));
    }
  });
  await sendAll(deposits);
  step(`${deposits.length} yield deposits`);

  // Empty blocks: a chain as long as a real one's history.
  if (scale.emptyBlocks > 0) await one('anvil_mine', [numberToHex(scale.emptyBlocks), '0x0']);
  const blocks = BigInt(await one<Hex>('eth_blockNumber'));
  step(`${scale.emptyBlocks.toLocaleString('en-US')} empty blocks; the chain is ${blocks.toLocaleString('en-US')} blocks long`);

  return {
    tokenIds,
    holder: devAccounts.minerA,
    counts: { listed: listed.length, auctions: auctions.length, sales: sold.length, loans: pledge.length, deposits: deposits.length, proposals: scale.proposals, blocks },
  };
}
