'use client';

import Link from 'next/link';
import { formatUnits, type Address } from 'viem';
import { appChain } from '@/lib/chain/chains';
import { getDeployment } from '@/lib/chain/contracts';
import { poolGuardAbi } from '@/contracts-abi/PoolGuard.gen';
import { useConnectedAccount } from '@/lib/chain/useConnectedAccount';
import { formatAmount } from '@/lib/format/amount';
import { useI18n } from '@/lib/i18n/client';
import { WINDOW_DAYS, type JointPoolView } from '@/lib/pools/read';
import { queryKeys } from '@/lib/queryKeys';
import { useTransaction } from '@/lib/tx/useTransaction';
import { Button } from '../ui/Button';
import { LocalDate } from '../ui/LocalDate';
import { TxStatus } from '../ui/TxStatus';

const DAY = 86_400n;
const utcDay = (day: bigint) => new Date(Number(day * DAY) * 1000).toISOString().slice(0, 10);

/**
 * The hashrate NFTs' default rules applied to a joint pool: the window checked (paid against owed, day by day),
 * a Flag button when it is in default (anyone), the challenge period and Finalize while halted, and what a
 * default means for holders.
 */
export function PoolRules({ pool, now }: { pool: JointPoolView; now: bigint }) {
  const { t, tag } = useI18n();
  const { account, connect } = useConnectedAccount();
  const tx = useTransaction();
  const invalidate = [queryKeys.poolsAll(appChain.id)];
  const fil = (v: bigint) => formatAmount(v, 18, { locale: tag, maxFractionDigits: 6 });
  const g = pool.guard;
  const w = g?.window ?? null;
  const pct = w && w.owed > 0n ? Number((w.paid * 10_000n) / w.owed) / 100 : null;
  const guard = getDeployment().PoolGuard;

  const flag = (start: bigint) => {
    tx.reset();
    return tx.run({ address: guard, abi: poolGuardAbi, functionName: 'flag', args: [pool.address as Address, start], account: account!, label: t('pools.rules.flagging'), invalidate, token: { symbol: 'IFIL', decimals: 18 } });
  };
  const finalize = () => {
    tx.reset();
    return tx.run({ address: guard, abi: poolGuardAbi, functionName: 'finalize', args: [pool.address as Address], account: account!, label: t('pools.rules.finalizing'), invalidate });
  };

  return (
    <div className={`space-y-2 rounded-lg border p-4 text-sm ${pool.status === 'active' ? (g?.flaggable ? 'border-red-300 bg-red-50' : 'border-slate-200') : 'border-red-300 bg-red-50'}`} data-testid="jpool-rules" data-status={pool.status} data-flaggable={g?.flaggable ? 'true' : 'false'}>
      <h3 className="font-semibold">{t('pools.rules.title')}</h3>
      {pool.status === 'defaulted' ? (
        <div className="space-y-2">
          <p className="font-medium text-red-800" data-testid="jpool-defaulted">
            {t('pools.rules.defaulted')} <LocalDate seconds={pool.termEnd} withTime />
          </p>
          <Payouts pool={pool} />
        </div>
      ) : !g ? (
        <p className="text-slate-600">{t('pools.rules.noDeposits')}</p>
      ) : (
        <>
          {w ? (
            <>
              <p data-testid="jpool-window" data-start={w.start.toString()} data-paid={w.paid.toString()} data-owed={w.owed.toString()}>
                {t('pools.rules.window', { from: utcDay(w.start), to: utcDay(w.start + w.length - 1n), paid: fil(w.paid), owed: fil(w.owed) })}{' '}
                {pct !== null ? <span className="font-medium">({t('pools.rules.share', { pct: pct.toLocaleString(tag, { maximumFractionDigits: 2 }) })})</span> : null}
              </p>
              <p className={w.missed || w.short ? 'font-medium text-red-800' : 'text-emerald-800'} data-testid="jpool-verdict">
                {w.missed ? t('pools.rules.missed') : w.short ? t('pools.rules.short') : t('pools.rules.ok')}
              </p>
              <details className="text-xs text-slate-600">
                <summary className="cursor-pointer">{t('pools.rules.daysTitle')}</summary>
                <table className="mt-1 w-full text-left">
                  <thead>
                    <tr>
                      <th className="font-medium">{t('pools.rules.day')}</th>
                      <th className="font-medium">{t('pools.rules.paid')}</th>
                      <th className="font-medium">{t('pools.rules.value')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {w.days.map((d) => (
                      <tr key={d.day.toString()} className="align-top">
                        <td className="whitespace-nowrap pr-2">{utcDay(d.day)}</td>
                        <td className="whitespace-nowrap pr-2">{fil(d.paid)} IFIL</td>
                        <td>
                          <span className="whitespace-nowrap">{fil(d.value)} IFIL/TiB</span> <span className="text-slate-500">· {t(`pools.rules.source.${d.source}`)}</span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            </>
          ) : (
            <p className="text-slate-600">
              {t('pools.rules.tooEarly', { date: utcDay(g.earliestStart + WINDOW_DAYS) })}
            </p>
          )}
          {pool.status === 'halted' ? (
            <div className="space-y-2" data-testid="jpool-halted">
              <p className="font-medium text-red-800">
                {t('pools.rules.halted')} <LocalDate seconds={g.challengeEndsAt} withTime />
              </p>
              {now < g.challengeEndsAt ? (
                <Link href={`/governance/new?template=overturn-pool-flag&pool=${pool.address}`} className="text-xs font-medium text-sky-700 hover:underline" data-testid="jpool-overturn-link">
                  {t('pools.rules.proposeOverturn')}
                </Link>
              ) : account ? (
                <Button data-testid="jpool-finalize" disabled={tx.busy} onClick={() => void finalize()}>
                  {t('pools.rules.finalize')}
                </Button>
              ) : (
                <Button variant="secondary" onClick={connect}>
                  {t('common.connectToContinue')}
                </Button>
              )}
            </div>
          ) : g.flaggable && w ? (
            <div className="space-y-2">
              <p className="text-xs">{t('pools.rules.flagExplain')}</p>
              {account ? (
                <Button data-testid="jpool-flag" disabled={tx.busy} onClick={() => void flag(w.start)}>
                  {t('pools.rules.flag')}
                </Button>
              ) : (
                <Button variant="secondary" onClick={connect}>
                  {t('common.connectToContinue')}
                </Button>
              )}
            </div>
          ) : null}
        </>
      )}
      <p className="text-xs text-slate-500">{t('pools.rules.explain')}</p>
      <TxStatus state={tx.state} />
    </div>
  );
}

/** A defaulted pool's insurance payouts: each with the account's share and Claim, or a link to propose one. */
function Payouts({ pool }: { pool: JointPoolView }) {
  const { t, tag } = useI18n();
  const { account, connect } = useConnectedAccount();
  const tx = useTransaction();
  const open = pool.payouts.filter((po) => !po.closed);
  const claim = (id: bigint, symbol: string, decimals: number) => {
    tx.reset();
    return tx.run({ address: getDeployment().PoolGuard, abi: poolGuardAbi, functionName: 'claimPayout', args: [id], account: account!, label: t('pools.payout.claiming', { id: id.toString() }), invalidate: [queryKeys.poolsAll(appChain.id)], token: { symbol, decimals } });
  };
  return (
    <div className="space-y-2" data-testid="jpool-payouts">
      {pool.payouts.length === 0 ? <p className="text-slate-600">{t('pools.payout.none')}</p> : null}
      {pool.payouts.map((po) => {
        const amount = (v: bigint) => formatAmount(v, po.decimals, { locale: tag, maxFractionDigits: po.decimals === 6 ? 2 : 4 });
        return (
          <div key={po.id.toString()} className="flex flex-wrap items-center gap-2" data-testid={`jpool-payout-${po.id}`} data-claimable={po.claimable?.toString() ?? ''}>
            <span>
              {t('pools.payout.line', { id: po.id.toString(), amount: amount(po.amount), claimed: amount(po.claimed), symbol: po.symbol })}
              {po.closed ? ` · ${t('pools.payout.closed')}` : null}
            </span>
            {!po.closed && po.claimable !== null ? (
              po.claimable > 0n ? (
                <Button data-testid={`jpool-payout-claim-${po.id}`} disabled={tx.busy} onClick={() => void claim(po.id, po.symbol, po.decimals)}>
                  {t('pools.payout.claim', { amount: amount(po.claimable), symbol: po.symbol })}
                </Button>
              ) : (
                <span className="text-xs text-slate-500">{t('pools.payout.nothing')}</span>
              )
            ) : null}
          </div>
        );
      })}
      {open.length > 0 && !account ? (
        <Button variant="secondary" onClick={connect}>
          {t('common.connectToContinue')}
        </Button>
      ) : null}
      {pool.minerStakes.map((st) => (
        <Link
          key={st.id.toString()}
          href={`/governance/new?template=pool-stake-payout&pool=${pool.address}&applicationId=${st.id}&amount=${formatUnits(st.stake, 18)}`}
          className="block text-xs font-medium text-sky-700 hover:underline"
          data-testid={`jpool-propose-stake-${st.id}`}
        >
          {t('pools.payout.proposeStake', { id: st.id.toString(), amount: formatAmount(st.stake, 18, { locale: tag, maxFractionDigits: 2 }) })}
        </Link>
      ))}
      <Link href={`/governance/new?template=pool-payout&pool=${pool.address}`} className="block text-xs font-medium text-sky-700 hover:underline" data-testid="jpool-propose-payout">
        {t('pools.payout.propose')}
      </Link>
      <TxStatus state={tx.state} />
    </div>
  );
}
