// The demo's keeper: what the oracle's reporters and the demo miners do every day on a real chain, done for the
// days the local chain's clock was moved past (the footer's "+1 day" / "+7 days"). Without it, moving time stopped
// the oracle and every miner, and the whole demo turned red. Each miner keeps its seeded character: miner A pays
// the expected yield in full, miner B pays 70% of the market average (short), miner C pays nothing (stopped).
// Only the seeded products are paid for; a product a user makes in the demo is the user's to pay.
// `npm run demo` runs it every few seconds; the end-to-end tests do not (`--no-keeper`): they move time to make
// miners default.
import { createPublicClient, createWalletClient, http, parseUnits, type Address } from 'viem';
import { foundry } from 'viem/chains';
import { devAccounts } from '../../lib/chain/devAccounts';
import { loadArtifact, type ContractName } from './artifacts';
import type { Deployment } from './deployment';
import { demoJointPool, demoProducts, demoYield } from './seed';

const DAY = 86_400n;
/** YieldOracle.MAX_REPORT_AGE_DAYS: reports older than this are refused, so a long jump fills only the last days. */
const MAX_REPORT_AGE_DAYS = 30n;

export type KeeperTick = {
  reportedDays: bigint[];
  deposits: { productId: bigint; day: bigint; amount: bigint }[];
  /** Miner A's payments into its joint pool. */
  poolPayments: { pool: Address; day: bigint; amount: bigint }[];
};

export function createKeeper(rpcUrl: string, d: Deployment) {
  const transport = http(rpcUrl);
  const publicClient = createPublicClient({ chain: foundry, transport, pollingInterval: 50 });
  const wallet = createWalletClient({ chain: foundry, transport });
  const abi = (name: ContractName) => loadArtifact(name).abi;
  const c = d.contracts;
  const read = <T>(address: Address, name: ContractName, functionName: string, args: unknown[] = []) =>
    publicClient.readContract({ address, abi: abi(name), functionName, args }) as Promise<T>;
  async function send(account: Address, address: Address, name: ContractName, functionName: string, args: unknown[], value?: bigint) {
    const hash = await wallet.writeContract({ account, address, abi: abi(name), functionName, args, chain: foundry, gas: 400_000n, ...(value ? { value } : {}) });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success') throw new Error(`keeper: ${name}.${functionName}(${args.join(', ')}) reverted`);
  }
  const [r1, r2] = demoYield.oracle.map((v) => parseUnits(v, 18)) as [bigint, bigint];
  const average = (r1 + r2) / 2n;

  /** Reports every missing day up to today and pays each seeded product's missing days; what it did. */
  async function tick(): Promise<KeeperTick> {
    const today = (await publicClient.getBlock()).timestamp / DAY;
    const out: KeeperTick = { reportedDays: [], deposits: [], poolPayments: [] };
    const last = await read<bigint>(c.YieldOracle, 'YieldOracle', 'lastReportedDay', [0]);
    const from = last + 1n > today - MAX_REPORT_AGE_DAYS + 1n ? last + 1n : today - MAX_REPORT_AGE_DAYS + 1n;
    for (let day = from; day <= today; day++) {
      // As the seed: the third reporter posts the exact mean, so the median is that mean.
      await send(devAccounts.reporter1, c.YieldOracle, 'YieldOracle', 'report', [0, day, r1]);
      await send(devAccounts.reporter2, c.YieldOracle, 'YieldOracle', 'report', [0, day, r2]);
      await send(devAccounts.reporter3, c.YieldOracle, 'YieldOracle', 'report', [0, day, average]);
      out.reportedDays.push(day);
    }
    const count = await read<bigint>(c.HashrateNFT, 'HashrateNFT', 'productCount');
    for (let id = 1n; id <= count && id <= BigInt(demoProducts.length); id++) {
      const k = Number(id) - 1;
      if (k === demoYield.stopped.product) continue;
      const p = await read<{ miner: Address; nftCount: number; minted: number; termStart: bigint; termEnd: bigint; hashratePerNFT: bigint; expectedDailyYieldPerUnit: bigint }>(c.HashrateNFT, 'HashrateNFT', 'product', [id]);
      if (p.minted !== p.nftCount || p.miner.toLowerCase() !== demoProducts[k]!.miner.toLowerCase()) continue;
      const units = BigInt(p.nftCount) * p.hashratePerNFT; // thousandths of a TiB
      const amount = k === demoYield.short.product ? (average * units * demoYield.short.percent) / 100n / 1000n : (p.expectedDailyYieldPerUnit * units) / 1000n;
      const lastPaid = await read<bigint>(c.YieldDistributor, 'YieldDistributor', 'lastDepositDay', [id]);
      const firstDay = p.termStart / DAY;
      const lastDay = (p.termEnd - 1n) / DAY < today ? (p.termEnd - 1n) / DAY : today;
      const start = lastPaid + 1n > firstDay ? lastPaid + 1n : firstDay;
      if (start > lastDay) continue;
      // The miner wraps more of the chain's coin into IFIL when it runs short (it stands in for FIL, as on Filecoin).
      const need = amount * (lastDay - start + 1n);
      const held = await read<bigint>(c.IFIL, 'IFIL', 'balanceOf', [p.miner]);
      if (held < need) await send(p.miner, c.IFIL, 'IFIL', 'deposit', [], need - held + parseUnits('10', 18));
      for (let day = start; day <= lastDay; day++) {
        await send(p.miner, c.YieldDistributor, 'YieldDistributor', 'deposit', [id, day, amount]);
        out.deposits.push({ productId: id, day, amount });
      }
    }
    await payPool(today, average, out);
    return out;
  }

  /** Miner A pays its joint pool in full: each day from the day after the first deposit, the oracle's average ×
   * the pool's power, so the pool's default rules (PoolGuard) stay green. A halted or defaulted pool is left. */
  async function payPool(today: bigint, average: bigint, out: KeeperTick) {
    const miner = demoJointPool.miner;
    const pool = await read<Address>(c.JointPoolFactory, 'JointPoolFactory', 'poolOf', [miner]);
    if (/^0x0+$/.test(pool)) return;
    const [first, status, termEnd, power, supply] = await Promise.all([
      read<bigint>(pool, 'JointPool', 'firstDepositAt'),
      read<number>(pool, 'JointPool', 'status'),
      read<bigint>(pool, 'JointPool', 'termEnd'),
      read<bigint>(c.JointPoolFactory, 'JointPoolFactory', 'powerOf', [miner]),
      read<bigint>(pool, 'JointPool', 'totalSupply'),
    ]);
    if (first === 0n || status !== 0 || supply === 0n) return;
    const oldest = today - MAX_REPORT_AGE_DAYS + 1n;
    const from = first / DAY + 1n > oldest ? first / DAY + 1n : oldest;
    const lastDay = termEnd === 0n || (termEnd - 1n) / DAY >= today ? today : (termEnd - 1n) / DAY;
    const amount = (average * power) / 1000n;
    const due: bigint[] = [];
    for (let day = from; day <= lastDay; day++) if ((await read<bigint>(pool, 'JointPool', 'yieldOn', [day])) === 0n) due.push(day);
    if (due.length === 0) return;
    const need = amount * BigInt(due.length);
    const held = await read<bigint>(c.IFIL, 'IFIL', 'balanceOf', [miner]);
    if (held < need) await send(miner, c.IFIL, 'IFIL', 'deposit', [], need - held + parseUnits('10', 18));
    if ((await read<bigint>(c.IFIL, 'IFIL', 'allowance', [miner, pool])) < need) await send(miner, c.IFIL, 'IFIL', 'approve', [pool, need]);
    for (const day of due) {
      await send(miner, pool, 'JointPool', 'payYield', [day, amount]);
      out.poolPayments.push({ pool, day, amount });
    }
  }

  /** Runs {@link tick} every `ms` until stopped; an error is logged and the next tick tries again. */
  function start(ms = 4_000, log: (s: string) => void = console.log): () => void {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      tick()
        .then((r) => {
          if (r.reportedDays.length || r.deposits.length || r.poolPayments.length) log(`keeper: oracle reports for ${r.reportedDays.length} day(s), ${r.deposits.length} yield deposit(s), ${r.poolPayments.length} pool payment(s)`);
        })
        .catch((e: Error) => log(`keeper: ${e.message.split('\n')[0]}`))
        .finally(() => {
          running = false;
        });
    }, ms);
    return () => clearInterval(timer);
  }

  return { tick, start };
}
