'use client';

import { useState } from 'react';
import type { Address } from 'viem';
import { useConfig } from 'wagmi';
import { getBlock } from 'wagmi/actions';
import { uniswapV2Router02Abi } from '@/contracts-abi/UniswapV2Router02.gen';
import { appChain } from '@/lib/chain/chains';
import { getDeployment } from '@/lib/chain/contracts';
import { lpMinted, poolShareAfterAdd, quoteAdd, quoteRemove, withSlippage } from '@/lib/earn/pricing';
import type { EarnState } from '@/lib/earn/read';
import { formatAmount, parseAmount } from '@/lib/format/amount';
import { useI18n } from '@/lib/i18n/client';
import { queryKeys } from '@/lib/queryKeys';
import { useTransaction } from '@/lib/tx/useTransaction';
import { Button } from '../ui/Button';
import { TxStatus } from '../ui/TxStatus';

/** Slippage the minimums allow: 0.5%. */
const SLIPPAGE_BPS = 50n;
const ZERO = '0x0000000000000000000000000000000000000000' as const;

/**
 * Add and remove DMC/USDT liquidity through the Uniswap V2 router: amounts at the pool's price, the LP tokens you get
 * or the tokens you get back, the minimums the router enforces (0.5% slippage), approve-then-act.
 */
export function LiquidityPanel({ state, account }: { state: EarnState; account: Address }) {
  const { t, tag } = useI18n();
  const config = useConfig();
  const tx = useTransaction();
  const d = getDeployment();
  const [mode, setMode] = useState<'add' | 'remove'>('add');
  const [input, setInput] = useState('');
  const [error, setError] = useState<string | null>(null);
  // The wallet's DMC, USDT and LP come with the Earn state (the USDT and LP pools read their tokens' balances);
  // undefined while that state is still the one read without this account.
  const balanceOf = (token: Address) => state.pools.find((p) => p.token.toLowerCase() === token.toLowerCase())?.balance ?? 0n;
  const held = state.account?.toLowerCase() === account.toLowerCase() ? { dmc: state.dmcBalance, usdt: balanceOf(d.PaymentToken), lp: balanceOf(d.DmcUsdtPair) } : undefined;
  const r = state.reserves;
  const invalidate = [queryKeys.earnAll(appChain.id), queryKeys.paymentAll(appChain.id, account ?? ZERO)];
  const dmcFmt = (v: bigint) => formatAmount(v, 18, { locale: tag, maxFractionDigits: 4 });
  const usdtFmt = (v: bigint) => formatAmount(v, 6, { locale: tag, maxFractionDigits: 4 });
  const amount = parseAmount(input.trim(), 18);
  const add = mode === 'add' && amount ? quoteAdd(amount, r) : null;
  const minted = add && amount ? lpMinted(amount, add.usdt, r) : 0n;
  const removed = mode === 'remove' && amount ? quoteRemove(amount, r) : null;

  async function deadline() {
    return (await getBlock(config)).timestamp + 20n * 60n;
  }

  async function submit() {
    tx.reset();
    if (!amount || amount === 0n) return setError(t('mining.form.amountInvalid', { symbol: mode === 'add' ? 'DMC' : 'LP' }));
    if (mode === 'add') {
      if (!add) return setError(t('mining.liq.empty'));
      if (held && (amount > held.dmc || add.usdt > held.usdt)) return setError(t('mining.liq.short'));
      setError(null);
      const okDmc = await tx.ensureAllowance({ token: d.DMC, owner: account, spender: d.UniswapV2Router02, amount, label: t('mining.form.approving', { amount: dmcFmt(amount), symbol: 'DMC' }), errorToken: { symbol: 'DMC', decimals: 18 } });
      if (!okDmc) return;
      const okUsdt = await tx.ensureAllowance({ token: d.PaymentToken, owner: account, spender: d.UniswapV2Router02, amount: add.usdt, label: t('mining.form.approving', { amount: usdtFmt(add.usdt), symbol: 'USDT' }) });
      if (!okUsdt) return;
      const receipt = await tx.run({
        address: d.UniswapV2Router02,
        abi: uniswapV2Router02Abi,
        functionName: 'addLiquidity',
        args: [d.DMC, d.PaymentToken, amount, add.usdt, withSlippage(amount, SLIPPAGE_BPS), withSlippage(add.usdt, SLIPPAGE_BPS), account, await deadline()],
        account,
        label: t('mining.liq.adding', { dmc: dmcFmt(amount), usdt: usdtFmt(add.usdt) }),
        invalidate,
      });
      if (receipt) setInput('');
    } else {
      if (held && amount > held.lp) return setError(t('mining.form.aboveMax', { symbol: 'LP', max: dmcFmt(held.lp) }));
      setError(null);
      const out = quoteRemove(amount, r);
      const ok = await tx.ensureAllowance({ token: d.DmcUsdtPair, owner: account, spender: d.UniswapV2Router02, amount, label: t('mining.form.approving', { amount: dmcFmt(amount), symbol: 'LP' }), errorToken: { symbol: 'LP', decimals: 18 } });
      if (!ok) return;
      const receipt = await tx.run({
        address: d.UniswapV2Router02,
        abi: uniswapV2Router02Abi,
        functionName: 'removeLiquidity',
        args: [d.DMC, d.PaymentToken, amount, withSlippage(out.dmc, SLIPPAGE_BPS), withSlippage(out.usdt, SLIPPAGE_BPS), account, await deadline()],
        account,
        label: t('mining.liq.removing', { lp: dmcFmt(amount) }),
        invalidate,
      });
      if (receipt) setInput('');
    }
  }

  return (
    <section className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-5" data-testid="liquidity">
      <div>
        <h3 className="text-lg font-semibold">{t('mining.liq.title')}</h3>
        <p className="text-sm text-slate-600">{t('mining.liq.note')}</p>
      </div>
      <div className="flex gap-2" role="tablist">
        {(['add', 'remove'] as const).map((m) => (
          <Button key={m} variant={mode === m ? 'primary' : 'secondary'} className="px-3 py-1" role="tab" aria-selected={mode === m} onClick={() => { setMode(m); setInput(''); setError(null); tx.reset(); }} data-testid={`liq-mode-${m}`}>
            {t(m === 'add' ? 'mining.liq.add' : 'mining.liq.remove')}
          </Button>
        ))}
      </div>
      <p className="text-xs text-slate-500" data-testid="liq-wallet">
        {held ? t('mining.liq.wallet', { dmc: dmcFmt(held.dmc), usdt: usdtFmt(held.usdt), lp: dmcFmt(held.lp) }) : t('common.loading')}
      </p>
      <label className="block text-sm">
        {t(mode === 'add' ? 'mining.liq.dmcAmount' : 'mining.liq.lpAmount')}
        <input
          className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm aria-[invalid=true]:border-red-500"
          inputMode="decimal"
          placeholder="0.0"
          value={input}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? 'liq-error' : undefined}
          onChange={(e) => setInput(e.target.value)}
          data-testid="liq-amount"
        />
      </label>
      {add && amount ? (
        <dl className="grid grid-cols-2 gap-x-4 gap-y-1 rounded-lg bg-slate-50 p-3 text-sm" data-testid="liq-quote">
          <dt className="text-slate-500">{t('mining.liq.usdtNeeded')}</dt>
          <dd data-testid="liq-usdt">{usdtFmt(add.usdt)} USDT</dd>
          <dt className="text-slate-500">{t('mining.liq.lpOut')}</dt>
          <dd data-testid="liq-lp-out" data-value={minted.toString()}>
            {dmcFmt(minted)} LP
          </dd>
          <dt className="text-slate-500">{t('mining.liq.minimums')}</dt>
          <dd>
            {dmcFmt(withSlippage(amount, SLIPPAGE_BPS))} DMC · {usdtFmt(withSlippage(add.usdt, SLIPPAGE_BPS))} USDT
          </dd>
          <dt className="text-slate-500">{t('mining.liq.impact')}</dt>
          <dd>{t('mining.liq.noImpact', { share: poolShareAfterAdd(minted, r).toLocaleString(tag, { maximumFractionDigits: 4 }) })}</dd>
        </dl>
      ) : null}
      {removed && amount ? (
        <dl className="grid grid-cols-2 gap-x-4 gap-y-1 rounded-lg bg-slate-50 p-3 text-sm" data-testid="liq-quote">
          <dt className="text-slate-500">{t('mining.liq.youGet')}</dt>
          <dd data-testid="liq-out">
            {dmcFmt(removed.dmc)} DMC · {usdtFmt(removed.usdt)} USDT
          </dd>
          <dt className="text-slate-500">{t('mining.liq.minReceived')}</dt>
          <dd>
            {dmcFmt(withSlippage(removed.dmc, SLIPPAGE_BPS))} DMC · {usdtFmt(withSlippage(removed.usdt, SLIPPAGE_BPS))} USDT
          </dd>
        </dl>
      ) : null}
      {error ? (
        <p id="liq-error" role="alert" className="text-xs text-red-700" data-testid="liq-error">
          {error}
        </p>
      ) : null}
      <Button disabled={tx.busy} onClick={() => void submit()} data-testid="liq-submit">
        {t(mode === 'add' ? 'mining.liq.addButton' : 'mining.liq.removeButton')}
      </Button>
      <TxStatus state={tx.state} />
    </section>
  );
}
