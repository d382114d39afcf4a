'use client';

import Link from 'next/link';
import { appChain } from '@/lib/chain/chains';
import { getDeployment, PAYMENT_DECIMALS, PAYMENT_SYMBOL } from '@/lib/chain/contracts';
import { defaultGuardAbi } from '@/contracts-abi/DefaultGuard.gen';
import { revenueEscrowAbi } from '@/contracts-abi/RevenueEscrow.gen';
import { useConnectedAccount } from '@/lib/chain/useConnectedAccount';
import { dateTimeFormat } from '@/lib/format/intl';
import { useProductRecord, useTokenEscrow } from '@/lib/escrow/hooks';
import type { DefaultCheck, GuardWindow, ProductRecord } from '@/lib/escrow/read';
import { bpsToPercent, daysOfCover, daysSinceLastPayment } from '@/lib/escrow/record';
import { DMC_DECIMALS } from '@/lib/escrow/tokens';
import { yieldTokenOf } from '@/lib/yield/token';
import { useI18n } from '@/lib/i18n/client';
import type { MessageKey } from '@/lib/i18n/messages/en';
import type { TokenState } from '@/lib/market/hooks';
import { queryKeys } from '@/lib/queryKeys';
import { useTransaction } from '@/lib/tx/useTransaction';
import { DayStrip } from '../escrow/DayStrip';
import { Amount } from '../ui/Amount';
import { Button } from '../ui/Button';
import { ErrorBox } from '../ui/ErrorBox';
import { TxStatus } from '../ui/TxStatus';
import { UtcDay } from '../ui/UtcDay';

const chainId = appChain.id;
const usd = { decimals: PAYMENT_DECIMALS, symbol: PAYMENT_SYMBOL, minFractionDigits: 2, maxFractionDigits: 6 } as const;

/** Item page: this NFT's sale money in escrow (released, unreleased, refund), and the miner's record with the flag. */
export function EscrowPanel({ token, initialRecord }: { token: TokenState; initialRecord?: { record: ProductRecord; readAt: number } }) {
  return (
    <div className="space-y-6">
      <TokenEscrowSection token={token} />
      <MinerRecordSection token={token} initialRecord={initialRecord} />
    </div>
  );
}

function TokenEscrowSection({ token }: { token: TokenState }) {
  const { t } = useI18n();
  const { account } = useConnectedAccount();
  const escrow = useTokenEscrow(token.tokenId);
  const tx = useTransaction();
  const isOwner = Boolean(account && account.toLowerCase() === token.owner.toLowerCase());

  const claim = () =>
    tx.run({
      address: getDeployment().RevenueEscrow,
      abi: revenueEscrowAbi,
      functionName: 'claimRefund',
      args: [[token.tokenId]],
      account: account!,
      label: t('escrow.claiming'),
      invalidate: [queryKeys.escrowAll(chainId), queryKeys.paymentAll(chainId, account!)],
    });

  return (
    <section className="rounded-xl border border-slate-200 bg-white p-5" data-testid="escrow-panel">
      <h2 className="text-lg font-semibold">{t('escrow.title')}</h2>
      <p className="mb-3 text-xs text-slate-500">{t('escrow.explain')}</p>
      {escrow.isPending ? (
        <div className="h-20 animate-pulse rounded bg-slate-100" aria-busy="true" />
      ) : escrow.error ? (
        <ErrorBox message={t('escrow.error', { reason: escrow.error.message.split('\n')[0] ?? '' })} onRetry={() => escrow.refetch()} />
      ) : (
        <div className="space-y-3 text-sm">
          {escrow.data.amount === 0n ? (
            <p className="text-slate-600" data-testid="escrow-none">{t('escrow.none')}</p>
          ) : (
            <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1">
              <dt className="text-slate-500">{t('escrow.released')}</dt>
              <dd data-testid="escrow-released"><Amount value={escrow.data.released} {...usd} /></dd>
              <dt className="text-slate-500">{t('escrow.unreleased')}</dt>
              <dd data-testid="escrow-unreleased"><Amount value={escrow.data.unreleased} {...usd} /></dd>
              {!escrow.data.halted ? (
                <>
                  <dt className="text-slate-500">{t('escrow.cover')}</dt>
                  <dd data-testid="escrow-cover">{t('common.days', { count: (daysOfCover(escrow.data) ?? 0n).toString() })}</dd>
                </>
              ) : null}
            </dl>
          )}
          {escrow.data.halted ? (
            <div className="space-y-2 rounded-lg border border-red-200 bg-red-50 p-3 text-red-900" data-testid="escrow-halted">
              <p className="font-medium">
                {t('escrow.halted')} <UtcDay day={escrow.data.haltDay} />
              </p>
              {escrow.data.refundable > 0n ? (
                <p>
                  {t('escrow.refundable')}{' '}
                  <strong data-testid="escrow-refundable"><Amount value={escrow.data.refundable} {...usd} /></strong>
                </p>
              ) : (
                <p data-testid="escrow-refunded">{t('escrow.nothingToRefund')}</p>
              )}
              {isOwner && escrow.data.refundable > 0n ? (
                <Button data-testid="claim-refund" disabled={tx.busy} onClick={claim}>
                  {t('escrow.claim')}
                </Button>
              ) : null}
            </div>
          ) : escrow.data.amount > 0n ? (
            <p className="rounded-lg bg-slate-50 p-3 text-slate-700" data-testid="escrow-if-default">
              {t('escrow.ifDefault')} <strong><Amount value={escrow.data.unreleased} {...usd} /></strong>
            </p>
          ) : null}
          <TxStatus state={tx.state} />
        </div>
      )}
    </section>
  );
}

function CheckText({ check, shortfallBps }: { check: DefaultCheck; shortfallBps: bigint }) {
  const { t } = useI18n();
  if (check.inDefault) return null;
  const { errorName, args } = check;
  if (errorName === 'DefaultGuardNotInDefault') return <>{t('flag.notInDefault', { percent: bpsToPercent(shortfallBps) })}</>;
  if (errorName === 'DefaultGuardTooEarly') {
    return (
      <>
        {t('flag.tooEarly')} <UtcDay day={args.earliestStart ?? 0n} />
      </>
    );
  }
  if (errorName === 'DefaultGuardNothingMinted') return <>{t('flag.nothingMinted')}</>;
  const key = `errors.${errorName}`;
  const vars = Object.fromEntries(Object.entries(args).map(([k, v]) => [k, v.toString()]));
  return <>{t.has(key) ? t(key as MessageKey, vars) : t('errors.revert', { name: errorName })}</>;
}

function MinerRecordSection({ token, initialRecord }: { token: TokenState; initialRecord?: { record: ProductRecord; readAt: number } }) {
  const { t, tag } = useI18n();
  const { account, connect } = useConnectedAccount();
  const productId = token.product.productId;
  const rec = useProductRecord(productId, initialRecord);
  const tx = useTransaction();

  const invalidate = [queryKeys.escrowAll(chainId), queryKeys.token(chainId, token.tokenId), queryKeys.applicationsAll(chainId)];
  const flag = (windowStart: bigint) =>
    tx.run({
      address: getDeployment().DefaultGuard,
      abi: defaultGuardAbi,
      functionName: 'flag',
      args: [productId, windowStart],
      account: account!,
      label: t('flag.flagging'),
      invalidate,
    });
  const finalize = () =>
    tx.run({
      address: getDeployment().DefaultGuard,
      abi: defaultGuardAbi,
      functionName: 'finalize',
      args: [productId],
      account: account!,
      label: t('flag.finalizing'),
      invalidate,
    });

  if (rec.isPending) {
    return <section className="h-48 animate-pulse rounded-xl border border-slate-200 bg-white" aria-busy="true" />;
  }
  if (rec.error) {
    return <ErrorBox message={t('record.error', { reason: rec.error.message.split('\n')[0] ?? '' })} onRetry={() => rec.refetch()} />;
  }
  const r = rec.data;
  const since = daysSinceLastPayment(r.lastDepositDay, r.today);
  const status = r.application?.status ?? null;
  const oracleStale = r.lastReportedDay === 0n || r.lastReportedDay < r.today - 1n;
  const statusColor =
    status === 'Defaulted' || status === 'Flagged'
      ? 'bg-red-100 text-red-800'
      : status === 'Active'
        ? 'bg-emerald-100 text-emerald-800'
        : 'bg-slate-100 text-slate-700';
  const challengeOver = r.challengeEndsAt !== 0n && r.now >= r.challengeEndsAt;

  return (
    <section id="miner-record" className="scroll-mt-4 space-y-3 rounded-xl border border-slate-200 bg-white p-5 text-sm" data-testid="miner-record">
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-lg font-semibold">{t('record.title')}</h2>
        {status ? (
          <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${statusColor}`} data-testid="registry-status" data-status={status}>
            {t(`record.status.${status}`)}
          </span>
        ) : null}
      </div>
      <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1">
        <dt className="text-slate-500">{t('record.onTime')}</dt>
        <dd data-testid="record-on-time">{t('record.onTimeValue', { onTime: r.record.onTime, days: r.record.days })}</dd>
        <dt className="text-slate-500">{t('record.avgShortfall')}</dt>
        <dd data-testid="record-shortfall">{r.record.avgShortfallBps === null ? '—' : `${bpsToPercent(r.record.avgShortfallBps)}%`}</dd>
        <dt className="text-slate-500">{t('record.lastPaid')}</dt>
        <dd data-testid="record-last-paid">{since === null ? t('record.neverPaid') : t('record.daysAgo', { count: since.toString() })}</dd>
        <dt className="text-slate-500">{t('record.stake')}</dt>
        <dd data-testid="record-stake">
          {r.application ? <Amount value={r.application.stake} decimals={DMC_DECIMALS} symbol="DMC" /> : '—'}
        </dd>
      </dl>
      <p className="text-xs text-slate-500">{t('record.onTimeExplain', { percent: bpsToPercent(r.shortfallBps) })}</p>
      {r.guardWindow ? <WindowSummary w={r.guardWindow} coin={token.product.coin} shortfallBps={r.shortfallBps} /> : null}
      <div>
        <p className="mb-1 text-xs font-medium text-slate-600">{t('record.window')}</p>
        <DayStrip days={r.window} />
        {oracleStale ? (
          <p className="mt-1 text-xs text-amber-800" data-testid="oracle-stale">
            {r.lastReportedDay === 0n ? t('record.oracleNever') : (<>{t('record.oracleStale')} <UtcDay day={r.lastReportedDay} /></>)}
          </p>
        ) : null}
      </div>

      {status === 'Flagged' ? (
        <div className="space-y-2 rounded-lg border border-red-200 bg-red-50 p-3 text-red-900" data-testid="product-flagged">
          <p className="font-medium" data-testid="challenge-ends">
            {t('flag.flagged', { date: dateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(Number(r.challengeEndsAt) * 1000)) })}
          </p>
          {!challengeOver ? (
            <Link href={`/governance/new?template=overturn-flag&productId=${productId}`} className="text-xs font-medium text-sky-700 hover:underline" data-testid="overturn-link">
              {t('flag.proposeOverturn')}
            </Link>
          ) : null}
          {challengeOver ? (
            <>
              <p className="text-xs">{t('flag.finalizeReady')}</p>
              {account ? (
                <Button data-testid="finalize-button" disabled={tx.busy} onClick={finalize}>
                  {t('flag.finalize')}
                </Button>
              ) : (
                <Button variant="secondary" onClick={connect}>{t('common.connectToContinue')}</Button>
              )}
            </>
          ) : null}
        </div>
      ) : status === 'Defaulted' ? (
        <p className="rounded-lg border border-red-200 bg-red-50 p-3 font-medium text-red-900" data-testid="product-defaulted">
          {t('flag.defaulted')}
        </p>
      ) : r.check.inDefault && status === 'Active' ? (
        <div className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-amber-950" data-testid="flaggable">
          <p>
            {t('flag.canBeFlagged')} <strong>{t(`flag.reason.${r.check.reason}`, { percent: bpsToPercent(r.shortfallBps) })}</strong>
          </p>
          <p className="text-xs">{t('flag.explain')}</p>
          {account ? (
            <Button data-testid="flag-button" disabled={tx.busy} onClick={() => flag(r.check.windowStart!)}>
              {t('flag.button')}
            </Button>
          ) : (
            <Button variant="secondary" onClick={connect}>{t('common.connectToContinue')}</Button>
          )}
        </div>
      ) : (
        <p className="text-xs text-slate-600" data-testid="not-flaggable">
          <CheckText check={r.check} shortfallBps={r.shortfallBps} />
          {r.halted ? ` ${t('flag.haltedByDao')}` : ''}
        </p>
      )}
      <TxStatus state={tx.state} />
    </section>
  );
}

/** The latest window the guard can judge: what the miner paid against what the market average says it owed. */
function WindowSummary({ w, coin, shortfallBps }: { w: GuardWindow; coin: 'FIL' | 'BTC'; shortfallBps: bigint }) {
  const { t } = useI18n();
  const token = yieldTokenOf(coin);
  const amount = { decimals: token.decimals, symbol: token.symbol, maxFractionDigits: 6 } as const;
  const share = w.owed === 0n ? null : (w.paid * 10_000n) / w.owed;
  const tone = w.short ? 'border-amber-300 bg-amber-50 text-amber-950' : 'border-slate-200 bg-slate-50 text-slate-800';
  return (
    <div className={`space-y-1 rounded-lg border p-3 ${tone}`} data-testid="guard-window" data-short={w.short ? 'true' : 'false'}>
      <p className="text-xs font-medium">
        {t('window.title')} <UtcDay day={w.start} /> – <UtcDay day={w.start + w.length - 1n} />
      </p>
      <p data-testid="window-paid-owed">
        {w.owed === 0n ? (
          t('window.nothingOwed')
        ) : (
          <>
            <Amount value={w.paid} {...amount} /> / <Amount value={w.owed} {...amount} />
            {share !== null ? <span className="ml-2 text-xs">({t('window.paidShare', { percent: bpsToPercent(share) })})</span> : null}
          </>
        )}
      </p>
      <ul className="flex flex-wrap gap-1 text-[11px]" aria-label={t('record.window')}>
        {w.days.map((d) => (
          <li key={d.day.toString()} className="rounded bg-white/70 px-1" data-testid="window-day" data-source={d.source}>
            <UtcDay day={d.day} />: <Amount value={d.paid} {...amount} /> · {t(`window.source.${d.source}`)}
          </li>
        ))}
      </ul>
      <p className="text-xs text-slate-600">{t('window.explain', { percent: bpsToPercent(shortfallBps) })}</p>
    </div>
  );
}
