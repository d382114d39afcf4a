'use client';

import Link from 'next/link';
import { getAddress, isAddress, zeroAddress, type Address } from 'viem';
import { appChain } from '@/lib/chain/chains';
import { getDeployment } from '@/lib/chain/contracts';
import { promotionNodesAbi } from '@/contracts-abi/PromotionNodes.gen';
import { useConnectedAccount } from '@/lib/chain/useConnectedAccount';
import { formatAmount } from '@/lib/format/amount';
import { useI18n } from '@/lib/i18n/client';
import { useNodeSales, useNodes } from '@/lib/nodes/hooks';
import type { NodeAccount, NodesState } from '@/lib/nodes/read';
import { queryKeys } from '@/lib/queryKeys';
import { useTransaction } from '@/lib/tx/useTransaction';
import { useMounted } from '@/lib/useMounted';
import { AddressLabel } from '../ui/AddressLabel';
import { Amount } from '../ui/Amount';
import { Button } from '../ui/Button';
import { ErrorBox } from '../ui/ErrorBox';
import { TxStatus } from '../ui/TxStatus';

const invalidate = [queryKeys.nodesAll(appChain.id)];

/**
 * Promotion nodes: the terms (20,000 / 2,000 DMC staked in DMC mining, the commission and override shares), the
 * account's node with its links (sales: `/?ref=`, recruiting: `/nodes?recruiter=`), what it is owed and has earned
 * with a claim, and the sales that paid it; or how to become one (main, or light under the recruiter a link names).
 */
export function NodesView() {
  const { t } = useI18n();
  const { account, connect } = useConnectedAccount();
  const mounted = useMounted();
  const linked = mounted ? new URLSearchParams(window.location.search).get('recruiter') : null;
  const recruiter = linked && isAddress(linked) ? getAddress(linked) : undefined;
  const q = useNodes(account, recruiter);
  const state = q.data;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">{t('nodes.title')}</h1>
        <p className="mt-2 max-w-3xl text-slate-600">{t('nodes.explain')}</p>
      </div>
      {q.error ? (
        <ErrorBox message={t('nodes.error', { reason: q.error.message.split('\n')[0] ?? '' })} onRetry={() => q.refetch()} />
      ) : !state ? (
        <div className="h-40 animate-pulse rounded-xl bg-white" aria-busy="true" />
      ) : (
        <>
          <Terms state={state} />
          {mounted && !account ? (
            <div className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center">
              <p className="text-slate-600">{t('nodes.connect')}</p>
              <Button className="mt-3" onClick={connect}>
                {t('portfolio.connectButton')}
              </Button>
            </div>
          ) : account && state.me ? (
            state.me.level === 'none' ? (
              <Join state={state} me={state.me} recruiter={state.recruiter} account={account} />
            ) : (
              <YourNode state={state} me={state.me} account={account} />
            )
          ) : null}
        </>
      )}
    </div>
  );
}

function Terms({ state }: { state: NodesState }) {
  const { t, tag } = useI18n();
  const dmc = (v: bigint) => formatAmount(v, 18, { locale: tag, maxFractionDigits: 0 });
  return (
    <section className="grid gap-3 rounded-xl border border-slate-200 bg-white p-5 text-sm sm:grid-cols-2" data-testid="node-terms">
      <p>{t('nodes.terms.main', { amount: dmc(state.mainStake) })}</p>
      <p>{t('nodes.terms.light', { amount: dmc(state.lightStake) })}</p>
      <p data-testid="node-commission" data-value={state.commissionBps.toString()}>
        {t('nodes.terms.commission', { pct: Number(state.commissionBps) / 100 })}
      </p>
      <p>{t('nodes.terms.override', { pct: Number(state.overrideBps) / 100 })}</p>
    </section>
  );
}

function Join({ state, me, recruiter, account }: { state: NodesState; me: NodeAccount; recruiter: NodeAccount | null; account: Address }) {
  const { t, tag } = useI18n();
  const tx = useTransaction();
  const dmc = (v: bigint) => formatAmount(v, 18, { locale: tag, maxFractionDigits: 2 });
  const asLight = recruiter && recruiter.level === 'main' && recruiter.active && recruiter.address.toLowerCase() !== account.toLowerCase();
  const required = asLight ? state.lightStake : state.mainStake;
  const enough = me.staked >= required;
  const join = () => {
    tx.reset();
    return tx.run({ address: getDeployment().PromotionNodes, abi: promotionNodesAbi, functionName: 'join', args: [asLight ? recruiter.address : zeroAddress], account, label: t(asLight ? 'nodes.join.joiningLight' : 'nodes.join.joiningMain'), invalidate });
  };
  return (
    <section className="space-y-3 rounded-xl border border-slate-200 bg-white p-5" data-testid="node-join">
      <h2 className="text-xl font-semibold">{t('nodes.join.title')}</h2>
      {asLight ? (
        <p className="text-sm">
          {t('nodes.join.underRecruiter')} <AddressLabel address={recruiter.address} />
        </p>
      ) : recruiter ? (
        <p className="text-sm text-amber-700">{t('nodes.join.badRecruiter')}</p>
      ) : null}
      <p className="text-sm" data-testid="node-staked" data-value={me.staked.toString()}>
        {t('nodes.join.staked', { staked: dmc(me.staked), required: dmc(required) })}
      </p>
      {!enough ? (
        <p className="text-sm text-slate-600">
          {t('nodes.join.stakeFirst', { more: dmc(required - me.staked) })}{' '}
          <Link href="/earn" className="text-sky-700 underline">
            {t('nodes.join.toEarn')}
          </Link>
        </p>
      ) : null}
      <Button disabled={tx.busy || !enough} onClick={() => void join()} data-testid="node-join-button">
        {t(asLight ? 'nodes.join.light' : 'nodes.join.main')}
      </Button>
      <TxStatus state={tx.state} />
    </section>
  );
}

function YourNode({ state, me, account }: { state: NodesState; me: NodeAccount; account: Address }) {
  const { t, tag } = useI18n();
  const tx = useTransaction();
  const sales = useNodeSales(account);
  const mounted = useMounted();
  const origin = mounted ? window.location.origin : '';
  const usdt = (v: bigint) => formatAmount(v, 6, { locale: tag, maxFractionDigits: 6 });
  const saleLink = `${origin}/?ref=${account}`;
  const recruitLink = `${origin}/nodes?recruiter=${account}`;
  const claim = () => {
    tx.reset();
    return tx.run({ address: getDeployment().PromotionNodes, abi: promotionNodesAbi, functionName: 'claim', args: [], account, label: t('nodes.you.claiming'), invalidate: [...invalidate, queryKeys.paymentAll(appChain.id, account)] });
  };
  return (
    <>
      <section className="space-y-3 rounded-xl border border-slate-200 bg-white p-5" data-testid="node-you" data-level={me.level}>
        <h2 className="text-xl font-semibold">
          {t(me.level === 'main' ? 'nodes.you.main' : 'nodes.you.light')}{' '}
          <span className={`rounded-full px-2 py-0.5 text-xs ${me.active ? 'bg-emerald-100 text-emerald-800' : 'bg-amber-100 text-amber-800'}`} data-testid="node-active" data-value={String(me.active)}>
            {t(me.active ? 'nodes.you.active' : 'nodes.you.inactive')}
          </span>
        </h2>
        {!me.active ? <p className="text-sm text-amber-700">{t('nodes.you.inactiveNote', { required: formatAmount(me.level === 'main' ? state.mainStake : state.lightStake, 18, { locale: tag, maxFractionDigits: 0 }) })}</p> : null}
        <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-xs text-slate-500">{t('nodes.you.staked')}</dt>
            <dd>
              <Amount value={me.staked} decimals={18} symbol="DMC" maxFractionDigits={0} />
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">{me.level === 'main' ? t('nodes.you.recruits') : t('nodes.you.recruiter')}</dt>
            <dd>{me.level === 'main' ? me.recruits : me.recruiter ? <AddressLabel address={me.recruiter} /> : '—'}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">{t('nodes.you.owed')}</dt>
            <dd data-testid="node-owed" data-value={me.owed.toString()}>
              <Amount value={me.owed} decimals={6} symbol="USDT" maxFractionDigits={6} />
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">{t('nodes.you.earned')}</dt>
            <dd data-testid="node-earned" data-value={me.earned.toString()}>
              <Amount value={me.earned} decimals={6} symbol="USDT" maxFractionDigits={6} />
            </dd>
          </div>
        </dl>
        <div className="space-y-1 text-sm">
          <p>{t('nodes.you.saleLink')}</p>
          <code className="block break-all rounded bg-slate-100 px-2 py-1 text-xs" data-testid="node-link">
            {saleLink}
          </code>
          {me.level === 'main' ? (
            <>
              <p>{t('nodes.you.recruitLink')}</p>
              <code className="block break-all rounded bg-slate-100 px-2 py-1 text-xs" data-testid="node-recruit-link">
                {recruitLink}
              </code>
            </>
          ) : null}
        </div>
        <Button disabled={tx.busy || me.owed === 0n} onClick={() => void claim()} data-testid="node-claim">
          {t('nodes.you.claim', { amount: usdt(me.owed) })}
        </Button>
        <TxStatus state={tx.state} />
      </section>
      <section className="space-y-3" data-testid="node-sales">
        <h2 className="text-xl font-semibold">{t('nodes.sales.title')}</h2>
        {sales.error ? (
          <ErrorBox message={t('nodes.error', { reason: sales.error.message.split('\n')[0] ?? '' })} onRetry={() => sales.refetch()} />
        ) : !sales.data ? (
          <div className="h-20 animate-pulse rounded-xl bg-white" aria-busy="true" />
        ) : sales.data.length === 0 ? (
          <p className="rounded-xl border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-500">{t('nodes.sales.none')}</p>
        ) : (
          <ul className="space-y-2">
            {sales.data.map((s) => (
              <li key={`${s.txHash}-${s.kind}`} className="flex flex-wrap items-center justify-between gap-2 rounded-xl border border-slate-200 bg-white p-3 text-sm" data-testid="node-sale" data-cut={s.cut.toString()}>
                <Link href={`/nft/${s.tokenId}`} className="text-sky-700 underline">
                  NFT #{s.tokenId.toString()}
                </Link>
                <span className="text-slate-500">{t(s.kind === 'own' ? 'nodes.sales.own' : 'nodes.sales.override', { fee: usdt(s.fee) })}</span>
                <span className="font-semibold text-emerald-700">+{usdt(s.cut)} USDT</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
