'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { Address } from 'viem';
import { appChain } from '@/lib/chain/chains';
import { getDeployment } from '@/lib/chain/contracts';
import { dmcMiningAbi } from '@/contracts-abi/DMCMining.gen';
import { hashrateNftAbi } from '@/contracts-abi/HashrateNFT.gen';
import { useStakedNfts } from '@/lib/earn/hooks';
import { perTibPerDay, stakeDaily } from '@/lib/earn/pricing';
import type { EarnPool, EarnState } from '@/lib/earn/read';
import { formatAmount } from '@/lib/format/amount';
import { formatHashrate } from '@/lib/format/hashrate';
import { useI18n } from '@/lib/i18n/client';
import { useOwnedTokens } from '@/lib/market/hooks';
import { queryKeys } from '@/lib/queryKeys';
import { useTransaction } from '@/lib/tx/useTransaction';
import { Amount } from '../ui/Amount';
import { Button } from '../ui/Button';
import { TxStatus } from '../ui/TxStatus';
import { PoolFigures, usePendingNow } from './PoolCard';

/**
 * Behaviour mining: stake hashrate NFTs (weighted by TiB). The account's NFTs from the index, its staked NFTs from
 * the chain; approve once, then stake the chosen ones; unstake, claim DMC, claim the staked NFTs' IFIL yield.
 */
export function NftPoolCard({ pool, state, account }: { pool: EarnPool; state: EarnState; account: Address | undefined }) {
  const { t, tag } = useI18n();
  const tx = useTransaction();
  const owned = useOwnedTokens(account);
  const staked = useStakedNfts(account);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [chosenStaked, setChosenStaked] = useState<Set<string>>(new Set());
  const pendingNow = usePendingNow(pool, state.now);
  const d = getDeployment();
  const zero = '0x0000000000000000000000000000000000000000' as const;
  const invalidate = [queryKeys.earnAll(appChain.id), queryKeys.owned(appChain.id, account ?? zero), queryKeys.yieldTokenAll(appChain.id, account ?? zero)];
  const stakeable = (owned.data ?? []).filter((o) => o.product.coin === 'FIL');
  const toggle = (set: Set<string>, id: string) => {
    const next = new Set(set);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  };
  const tib = (milli: bigint) => formatHashrate(milli, 'FIL', tag);

  async function stake() {
    if (!account || chosen.size === 0) return;
    tx.reset();
    const ids = [...chosen].map(BigInt);
    if (!state.nftApproved) {
      const ok = await tx.run({ address: d.HashrateNFT, abi: hashrateNftAbi, functionName: 'setApprovalForAll', args: [d.DMCMining, true], account, label: t('mining.nft.approving'), invalidate });
      if (!ok) return;
    }
    const r = await tx.run({ address: d.DMCMining, abi: dmcMiningAbi, functionName: 'stakeNft', args: [ids], account, label: t('mining.nft.staking', { count: ids.length }), invalidate });
    if (r) setChosen(new Set());
  }

  async function unstake() {
    if (!account || chosenStaked.size === 0) return;
    tx.reset();
    const ids = [...chosenStaked].map(BigInt);
    const r = await tx.run({ address: d.DMCMining, abi: dmcMiningAbi, functionName: 'unstakeNft', args: [ids], account, label: t('mining.nft.unstaking', { count: ids.length }), invalidate });
    if (r) setChosenStaked(new Set());
  }

  async function claimYield() {
    if (!account || !staked.data?.length) return;
    tx.reset();
    await tx.run({ address: d.DMCMining, abi: dmcMiningAbi, functionName: 'claimNftYield', args: [staked.data.map((s) => s.tokenId)], account, label: t('mining.nft.claimingYield'), invalidate, token: { symbol: 'IFIL', decimals: 18 } });
  }

  async function claim() {
    if (!account) return;
    tx.reset();
    await tx.run({ address: d.DMCMining, abi: dmcMiningAbi, functionName: 'claim', args: [[BigInt(pool.pid)]], account, label: t('mining.form.claiming'), invalidate });
  }

  return (
    <section className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-5" data-testid="pool-nft">
      <div>
        <h3 className="text-lg font-semibold">{t('mining.nft.title')}</h3>
        <p className="text-sm text-slate-600">{t('mining.nft.note')}</p>
      </div>
      <PoolFigures pool={pool} state={state} />
      <p className="text-sm text-slate-700" data-testid="nft-per-tib">
        {t('mining.nft.perTib', { amount: formatAmount(perTibPerDay(pool.ratePerSecond, pool.totalWeight), 18, { locale: tag, maxFractionDigits: 2 }) })}
      </p>
      {account ? (
        <>
          <dl className="grid grid-cols-2 gap-x-4 gap-y-1 rounded-lg bg-slate-50 p-3 text-sm">
            <dt className="text-slate-500">{t('mining.nft.yourHashrate')}</dt>
            <dd data-testid="pool-staked-0" data-value={pool.staked.toString()}>
              {tib(pool.staked)}
            </dd>
            <dt className="text-slate-500">{t('mining.pool.pending')}</dt>
            <dd data-testid="pool-pending-0" data-value={pool.pending.toString()}>
              <Amount value={pendingNow} decimals={18} symbol="DMC" maxFractionDigits={4} />
            </dd>
            <dt className="text-slate-500">{t('mining.nft.daily')}</dt>
            <dd>
              <Amount value={stakeDaily(pool.ratePerSecond, pool.staked, pool.totalWeight)} decimals={18} symbol="DMC" maxFractionDigits={2} />
            </dd>
          </dl>
          <div>
            <h4 className="text-sm font-medium">{t('mining.nft.yours')}</h4>
            {owned.isPending ? (
              <p className="text-sm text-slate-500">{t('common.loading')}</p>
            ) : stakeable.length === 0 ? (
              <p className="text-sm text-slate-500" data-testid="nft-none">
                {t('mining.nft.none')}{' '}
                <Link className="text-sky-700 underline" href="/">
                  {t('mining.nft.browse')}
                </Link>
              </p>
            ) : (
              <ul className="mt-1 max-h-48 space-y-1 overflow-y-auto text-sm">
                {stakeable.map((o) => (
                  <li key={o.tokenId.toString()}>
                    <label className="flex items-center gap-2">
                      <input type="checkbox" checked={chosen.has(o.tokenId.toString())} onChange={() => setChosen((s) => toggle(s, o.tokenId.toString()))} data-testid={`nft-choose-${o.tokenId}`} />
                      <span>
                        #{o.tokenId.toString()} · {tib(o.product.hashratePerNFT)}
                        {o.listing ? <span className="ml-1 text-amber-700">{t('mining.nft.listed')}</span> : null}
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            )}
            <Button className="mt-2" disabled={tx.busy || chosen.size === 0} onClick={() => void stake()} data-testid="nft-stake">
              {state.nftApproved ? t('mining.nft.stake', { count: chosen.size }) : t('mining.nft.approveAndStake', { count: chosen.size })}
            </Button>
          </div>
          <div>
            <h4 className="text-sm font-medium">{t('mining.nft.staked')}</h4>
            {staked.isPending ? (
              <p className="text-sm text-slate-500">{t('common.loading')}</p>
            ) : !staked.data?.length ? (
              <p className="text-sm text-slate-500" data-testid="nft-staked-none">
                {t('mining.nft.stakedNone')}
              </p>
            ) : (
              <ul className="mt-1 space-y-1 text-sm" data-testid="nft-staked-list">
                {staked.data.map((s) => (
                  <li key={s.tokenId.toString()}>
                    <label className="flex items-center gap-2">
                      <input type="checkbox" checked={chosenStaked.has(s.tokenId.toString())} onChange={() => setChosenStaked((v) => toggle(v, s.tokenId.toString()))} data-testid={`nft-unchoose-${s.tokenId}`} />
                      <Link className="text-sky-700 underline" href={`/nft/${s.tokenId}`}>
                        #{s.tokenId.toString()}
                      </Link>
                      <span>· {tib(s.weight)}</span>
                    </label>
                  </li>
                ))}
              </ul>
            )}
            <div className="mt-2 flex flex-wrap gap-2">
              <Button variant="secondary" disabled={tx.busy || chosenStaked.size === 0} onClick={() => void unstake()} data-testid="nft-unstake">
                {t('mining.nft.unstake', { count: chosenStaked.size })}
              </Button>
              <Button variant="secondary" disabled={tx.busy || pool.pending === 0n} onClick={() => void claim()} data-testid="pool-claim-0">
                {t('mining.form.claim')}
              </Button>
              <Button variant="secondary" disabled={tx.busy || !staked.data?.length} onClick={() => void claimYield()} data-testid="nft-claim-yield">
                {t('mining.nft.claimYield')}
              </Button>
            </div>
          </div>
          <TxStatus state={tx.state} />
        </>
      ) : null}
    </section>
  );
}
