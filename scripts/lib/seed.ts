// Seeds the local chain with demo miners, products, listings and sales. Idempotent: it does nothing
// when products already exist.
import { createPublicClient, createWalletClient, http, parseUnits, type Address } from 'viem';
import { foundry } from 'viem/chains';
import { devAccounts } from '../../lib/chain/devAccounts';
import { loadArtifact } from './artifacts';
import type { Deployment } from './deployment';

const DAY = 86_400n;
const usdt = (v: string) => parseUnits(v, 6);
const fil = (v: string) => parseUnits(v, 18);

type DemoProduct = {
  miner: Address;
  nodeId: string;
  tib: number; // TiB per NFT
  days: number;
  count: number;
  startOffsetDays: number; // term start relative to today (UTC midnight); negative = already running
  price: string; // USDT per NFT
  dailyYieldPerTiB: string; // FIL
};

// Prices imply 0.0078–0.0095 USDT per TiB per day against an expected 0.0022–0.0025 FIL per TiB per day,
// i.e. a buyer breaks even at a FIL price of about 3.5–3.8 USDT.
export const demoProducts: DemoProduct[] = [
  { miner: devAccounts.minerA, nodeId: 'f01889668', tib: 1, days: 180, count: 10, startOffsetDays: -12, price: '1.55', dailyYieldPerTiB: '0.0025' },
  { miner: devAccounts.minerB, nodeId: 'f02097088', tib: 4, days: 360, count: 10, startOffsetDays: -3, price: '11.90', dailyYieldPerTiB: '0.0023' },
  { miner: devAccounts.minerC, nodeId: 'f01231', tib: 4, days: 540, count: 8, startOffsetDays: 2, price: '16.90', dailyYieldPerTiB: '0.0022' },
  { miner: devAccounts.minerA, nodeId: 'f01889668', tib: 1, days: 540, count: 8, startOffsetDays: 0, price: '4.60', dailyYieldPerTiB: '0.0024' },
];

export async function seed(rpcUrl: string, d: Deployment, log: (s: string) => void = console.log): Promise<boolean> {
  const transport = http(rpcUrl);
  const publicClient = createPublicClient({ chain: foundry, transport });
  const wallet = createWalletClient({ chain: foundry, transport });
  const nftAbi = loadArtifact('HashrateNFT').abi;
  const marketAbi = loadArtifact('Marketplace').abi;
  const usdtAbi = loadArtifact('MockUSDT').abi;
  const { HashrateNFT: nft, Marketplace: market, PaymentToken: token } = d.contracts;

  const existing = (await publicClient.readContract({ address: nft, abi: nftAbi, functionName: 'productCount' })) as bigint;
  if (existing > 0n) {
    log(`seed: ${existing} products already on chain, nothing to do`);
    return false;
  }

  async function send(account: Address, address: Address, abi: typeof nftAbi, functionName: string, args: unknown[]) {
    const hash = await wallet.writeContract({ account, address, abi, functionName, args, chain: foundry });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success') throw new Error(`seed: ${functionName} failed`);
  }

  const now = (await publicClient.getBlock()).timestamp;
  const today = now - (now % DAY);
  const tokensOf = new Map<number, bigint[]>();
  for (const [i, p] of demoProducts.entries()) {
    const productId = BigInt(i + 1);
    const termStart = today + BigInt(p.startOffsetDays) * DAY;
    await send(devAccounts.deployer, nft, nftAbi, 'createProduct', [
      {
        miner: p.miner,
        coin: 0,
        nodeId: p.nodeId,
        hashratePerNFT: BigInt(p.tib * 1000),
        nftCount: p.count,
        termStart,
        termEnd: termStart + BigInt(p.days) * DAY,
        expectedDailyYieldPerUnit: fil(p.dailyYieldPerTiB),
      },
    ]);
    await send(devAccounts.deployer, nft, nftAbi, 'mint', [productId, BigInt(p.count)]);
    const ids = Array.from({ length: p.count }, (_, k) => productId * 1_000_000n + BigInt(k + 1));
    tokensOf.set(i, ids);
    await send(p.miner, nft, nftAbi, 'setApprovalForAll', [market, true]);
    await send(p.miner, market, marketAbi, 'listBatch', [ids, usdt(p.price)]);
  }

  // Buyers: the demo buyer has plenty; the second buyer is nearly broke (shows the "not enough USDT" error).
  await send(devAccounts.buyer, token, usdtAbi, 'mint', [devAccounts.buyer, usdt('10000')]);
  await send(devAccounts.buyer2, token, usdtAbi, 'mint', [devAccounts.buyer2, usdt('8.10')]);
  for (const buyer of [devAccounts.buyer, devAccounts.buyer2]) {
    await send(buyer, token, usdtAbi, 'approve', [market, 2n ** 256n - 1n]);
  }
  // Some primary sales already happened.
  const sales: [Address, bigint][] = [
    [devAccounts.buyer, tokensOf.get(1)![0]!],
    [devAccounts.buyer, tokensOf.get(1)![1]!],
    [devAccounts.buyer, tokensOf.get(2)![0]!],
    [devAccounts.buyer2, tokensOf.get(0)![0]!],
    [devAccounts.buyer2, tokensOf.get(0)![1]!],
  ];
  for (const [buyer, tokenId] of sales) {
    const l = (await publicClient.readContract({ address: market, abi: marketAbi, functionName: 'listing', args: [tokenId] })) as { price: bigint };
    await send(buyer, market, marketAbi, 'buy', [tokenId, l.price]);
  }
  // A resale: the second buyer offers one of its NFTs a little above what it paid.
  await send(devAccounts.buyer2, nft, nftAbi, 'setApprovalForAll', [market, true]);
  await send(devAccounts.buyer2, market, marketAbi, 'list', [tokensOf.get(0)![1]!, usdt('1.70')]);
  // Back to an exact allowance of zero so the app's approve step is exercised.
  for (const buyer of [devAccounts.buyer, devAccounts.buyer2]) {
    await send(buyer, token, usdtAbi, 'approve', [market, 0n]);
  }

  const listed = demoProducts.reduce((n, p) => n + p.count, 0) - sales.length + 1;
  log(`seed: ${demoProducts.length} products, ${listed} active listings, ${sales.length} sales`);
  return true;
}
