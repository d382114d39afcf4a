import { encodeFunctionData, erc20Abi, getAddress, keccak256, toBytes, type Address, type Hex } from 'viem';
import { z } from 'zod';
import { councilAbi } from '../../contracts-abi/Council.gen';
import { dmcMiningAbi } from '../../contracts-abi/DMCMining.gen';
import { defaultGuardAbi } from '../../contracts-abi/DefaultGuard.gen';
import { insuranceFundAbi } from '../../contracts-abi/InsuranceFund.gen';
import { jointPoolFactoryAbi } from '../../contracts-abi/JointPoolFactory.gen';
import { loanMarketAbi } from '../../contracts-abi/LoanMarket.gen';
import { marketplaceAbi } from '../../contracts-abi/Marketplace.gen';
import { minerRegistryAbi } from '../../contracts-abi/MinerRegistry.gen';
import { poolGuardAbi } from '../../contracts-abi/PoolGuard.gen';
import { timelockControllerAbi } from '../../contracts-abi/TimelockController.gen';
import { parseAmount } from '../format/amount';
import type { MessageKey } from '../i18n/messages/en';
import type { Translate, TranslateVars } from '../i18n/translate';

/** Addresses a template may target, from the deployment. */
export type GovernanceAddresses = {
  Marketplace: Address;
  MinerRegistry: Address;
  Council: Address;
  /** Holds the council's timelock roles (CouncilGate). */
  CouncilGate: Address;
  Timelock: Address;
  DMC: Address;
  PaymentToken: Address;
  DefaultGuard: Address;
  InsuranceFund: Address;
  LoanMarket: Address;
  DMCMining: Address;
  JointPoolFactory: Address;
  PoolGuard: Address;
};

export type ProposalActions = { targets: Address[]; values: bigint[]; calldatas: Hex[] };
export type FieldKind = 'text' | 'textarea' | 'address' | 'number' | 'decimal' | 'select' | 'hex';
export type TemplateField = { name: string; label: MessageKey; kind: FieldKind; options?: readonly string[]; placeholder?: string };

export type Template = {
  id: string;
  title: MessageKey;
  summary: MessageKey;
  fields: TemplateField[];
  schema: z.ZodType<Record<string, unknown>>;
  build: (values: Record<string, unknown>, a: GovernanceAddresses) => ProposalActions;
};

/**
 * A validation issue. Every message of these schemas is a catalog key (`gov.err.*`) and its `params` the sentence's
 * values, so the forms show it in the reader's language ({@link templateIssueText}); a value that is itself a key
 * (which quantity: `gov.what.*`) is translated too.
 */
function fail(ctx: z.RefinementCtx, message: MessageKey, params?: Record<string, string | number>, path?: string[]): never {
  ctx.addIssue({ code: 'custom', message, ...(params ? { params } : {}), ...(path ? { path } : {}) });
  return z.NEVER;
}

/** A template issue in the reader's words (an issue that is not one of ours reads as zod wrote it). */
export function templateIssueText(issue: z.core.$ZodIssue, t: Translate): string {
  if (!t.has(issue.message)) return issue.message;
  const vars: TranslateVars = {};
  const params = 'params' in issue ? (issue.params as Record<string, unknown> | undefined) : undefined;
  for (const [name, value] of Object.entries(params ?? {})) vars[name] = typeof value === 'string' && t.has(value) ? t(value) : String(value);
  return t(issue.message, vars);
}

// Built-in checks take their message as a plain string: these keep it a checked catalog key.
const ADDRESS_MESSAGE: MessageKey = 'gov.err.address';
const REASON_REQUIRED: MessageKey = 'gov.err.reasonRequired';
const REASON_TOO_LONG: MessageKey = 'gov.err.reasonTooLong';
const SAME_MEMBER: MessageKey = 'gov.err.sameMember';
const CALLDATA_MESSAGE: MessageKey = 'gov.err.calldata';
const address = z
  .string()
  .trim()
  .regex(/^0x[0-9a-fA-F]{40}$/, ADDRESS_MESSAGE)
  .transform((s) => getAddress(s));
/** A whole number from 1 (to `max`), typed as text. */
const positiveInt = (what: MessageKey, max?: number) =>
  z.union([z.string(), z.number()]).transform((raw, ctx) => {
    const text = String(raw).trim();
    const n = text === '' ? 0 : Number(text);
    if (!Number.isInteger(n)) return fail(ctx, 'gov.err.whole', { what });
    if (n < 1) return fail(ctx, 'gov.err.atLeastOne', { what });
    if (max !== undefined && n > max) return fail(ctx, 'gov.err.atMost', { what, max: max.toLocaleString('en-US') });
    return n;
  });
const amount = (decimals: number, what: MessageKey) =>
  z
    .string()
    .trim()
    .transform((s, ctx) => {
      const v = parseAmount(s, decimals);
      if (v === null || v === 0n) return fail(ctx, 'gov.err.positiveDecimals', { what, decimals });
      return v;
    });

/** An insurance payout's amount, in its token's units (USDT 6 decimals, DMC 18). */
function tokenAmount<V extends { token: 'USDT' | 'DMC'; amount: string }>(v: V, ctx: z.RefinementCtx) {
  const parsed = parseAmount(v.amount.trim(), v.token === 'USDT' ? 6 : 18);
  if (parsed === null || parsed === 0n) return fail(ctx, 'gov.err.amountPositive', undefined, ['amount']);
  return { ...v, amount: parsed };
}

/** A percent with at most 2 decimals, from 0 up to `maxBps`, as basis points. */
const percentUpTo = (maxBps: bigint, what: MessageKey) =>
  z.object({
    percent: z
      .string()
      .trim()
      .transform((s, ctx) => {
        const bps = parseAmount(s, 2);
        if (bps === null || bps > maxBps) return fail(ctx, 'gov.err.percentRange', { what, max: (maxBps / 100n).toString() });
        return bps;
      }),
  });
/** A fee in percent with at most 2 decimals, up to the marketplace's 10% bound, as basis points. */
const feePercent = percentUpTo(1000n, 'gov.what.fee');
/** LoanMarket.MAX_FEE_BPS: the protocol may keep at most 30% of a loan's interest. */
export const MAX_LENDING_FEE_BPS = 3000n;
/** LoanMarket's grace period bounds, in hours (MIN_GRACE_PERIOD 1 hour, MAX_GRACE_PERIOD 30 days). */
export const GRACE_HOURS = { min: 1, max: 30 * 24 } as const;

export const PROPOSER_ROLE = keccak256(toBytes('PROPOSER_ROLE'));
export const CANCELLER_ROLE = keccak256(toBytes('CANCELLER_ROLE'));
const formatPercent = (bps: bigint) => `${bps / 100n}${bps % 100n ? `.${(bps % 100n).toString().padStart(2, '0')}` : ''}`;
const call = (target: Address, data: Hex, value = 0n): ProposalActions => ({ targets: [target], values: [value], calldatas: [data] });
/** A defaulted joint pool's payout: the fund sends `amount` of `token` to the pool guard, which earmarks it for the
 * pool's holders (both actions of one vote). */
const poolPayoutActions = (pool: Address, token: Address, amount: bigint, a: GovernanceAddresses): ProposalActions => ({
  targets: [a.InsuranceFund, a.PoolGuard],
  values: [0n, 0n],
  calldatas: [
    encodeFunctionData({ abi: insuranceFundAbi, functionName: 'withdraw', args: [token, a.PoolGuard, amount] }),
    encodeFunctionData({ abi: poolGuardAbi, functionName: 'openPayout', args: [pool, token, amount] }),
  ],
});

/** The votable items of the whitepaper that exist so far, as forms. */
export const templates: Template[] = [
  {
    id: 'approve-application',
    title: 'gov.tpl.approve.title',
    summary: 'gov.tpl.approve.summary',
    fields: [{ name: 'applicationId', label: 'gov.field.applicationId', kind: 'number' }],
    schema: z.object({ applicationId: positiveInt('gov.what.applicationId') }),
    build: (v, a) =>
      call(a.MinerRegistry, encodeFunctionData({ abi: minerRegistryAbi, functionName: 'approve', args: [BigInt(v.applicationId as number)] })),
  },
  {
    id: 'reject-application',
    title: 'gov.tpl.reject.title',
    summary: 'gov.tpl.reject.summary',
    fields: [
      { name: 'applicationId', label: 'gov.field.applicationId', kind: 'number' },
      { name: 'reason', label: 'gov.field.reason', kind: 'text' },
    ],
    schema: z.object({ applicationId: positiveInt('gov.what.applicationId'), reason: z.string().trim().min(1, REASON_REQUIRED).max(200, REASON_TOO_LONG) }),
    build: (v, a) =>
      call(a.MinerRegistry, encodeFunctionData({ abi: minerRegistryAbi, functionName: 'reject', args: [BigInt(v.applicationId as number), v.reason as string] })),
  },
  {
    id: 'trading-fee',
    title: 'gov.tpl.tradingFee.title',
    summary: 'gov.tpl.tradingFee.summary',
    fields: [{ name: 'percent', label: 'gov.field.feePercent', kind: 'decimal', placeholder: '2' }],
    schema: feePercent,
    build: (v, a) => call(a.Marketplace, encodeFunctionData({ abi: marketplaceAbi, functionName: 'setFeeBps', args: [v.percent as bigint] })),
  },
  {
    id: 'issuance-fee',
    title: 'gov.tpl.issuanceFee.title',
    summary: 'gov.tpl.issuanceFee.summary',
    fields: [{ name: 'percent', label: 'gov.field.issuanceFeePercent', kind: 'decimal', placeholder: '5' }],
    schema: feePercent,
    build: (v, a) => call(a.Marketplace, encodeFunctionData({ abi: marketplaceAbi, functionName: 'setIssuanceFeeBps', args: [v.percent as bigint] })),
  },
  {
    id: 'miner-stake',
    title: 'gov.tpl.stake.title',
    summary: 'gov.tpl.stake.summary',
    fields: [{ name: 'amount', label: 'gov.field.dmcAmount', kind: 'decimal', placeholder: '20000' }],
    schema: z.object({ amount: amount(18, 'gov.what.stake') }),
    build: (v, a) => call(a.MinerRegistry, encodeFunctionData({ abi: minerRegistryAbi, functionName: 'setStakeAmount', args: [v.amount as bigint] })),
  },
  {
    id: 'council-member',
    title: 'gov.tpl.council.title',
    summary: 'gov.tpl.council.summary',
    fields: [
      { name: 'oldMember', label: 'gov.field.oldMember', kind: 'address' },
      { name: 'newMember', label: 'gov.field.newMember', kind: 'address' },
    ],
    schema: z
      .object({ oldMember: address, newMember: address })
      .refine((v) => v.oldMember !== v.newMember, { message: SAME_MEMBER, path: ['newMember'] }),
    build: (v, a) =>
      call(a.Council, encodeFunctionData({ abi: councilAbi, functionName: 'replaceMember', args: [v.oldMember as Address, v.newMember as Address] })),
  },
  {
    id: 'phase-two',
    title: 'gov.tpl.phase2.title',
    summary: 'gov.tpl.phase2.summary',
    fields: [],
    schema: z.object({}),
    build: (_v, a) =>
      call(a.Timelock, encodeFunctionData({ abi: timelockControllerAbi, functionName: 'revokeRole', args: [PROPOSER_ROLE, a.CouncilGate] })),
  },
  {
    id: 'end-council-cancel',
    title: 'gov.tpl.endCancel.title',
    summary: 'gov.tpl.endCancel.summary',
    fields: [],
    schema: z.object({}),
    build: (_v, a) =>
      call(a.Timelock, encodeFunctionData({ abi: timelockControllerAbi, functionName: 'revokeRole', args: [CANCELLER_ROLE, a.CouncilGate] })),
  },
  {
    id: 'treasury-withdrawal',
    title: 'gov.tpl.treasury.title',
    summary: 'gov.tpl.treasury.summary',
    fields: [
      { name: 'token', label: 'gov.field.token', kind: 'select', options: ['USDT', 'DMC'] },
      { name: 'amount', label: 'gov.field.amount', kind: 'decimal' },
      { name: 'recipient', label: 'gov.field.recipient', kind: 'address' },
    ],
    schema: z.object({ token: z.enum(['USDT', 'DMC']), amount: z.string(), recipient: address }).transform((v, ctx) => {
      const parsed = parseAmount(v.amount.trim(), v.token === 'USDT' ? 6 : 18);
      if (parsed === null || parsed === 0n) return fail(ctx, 'gov.err.amountPositive', undefined, ['amount']);
      return { ...v, amount: parsed };
    }),
    build: (v, a) =>
      call(v.token === 'USDT' ? a.PaymentToken : a.DMC, encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [v.recipient as Address, v.amount as bigint] })),
  },
  {
    id: 'halt-product',
    title: 'gov.tpl.halt.title',
    summary: 'gov.tpl.halt.summary',
    fields: [{ name: 'productId', label: 'gov.field.productId', kind: 'number' }],
    schema: z.object({ productId: positiveInt('gov.what.productId') }),
    build: (v, a) => call(a.DefaultGuard, encodeFunctionData({ abi: defaultGuardAbi, functionName: 'haltByGovernance', args: [BigInt(v.productId as number)] })),
  },
  {
    id: 'resume-product',
    title: 'gov.tpl.resume.title',
    summary: 'gov.tpl.resume.summary',
    fields: [{ name: 'productId', label: 'gov.field.productId', kind: 'number' }],
    schema: z.object({ productId: positiveInt('gov.what.productId') }),
    build: (v, a) => call(a.DefaultGuard, encodeFunctionData({ abi: defaultGuardAbi, functionName: 'resumeByGovernance', args: [BigInt(v.productId as number)] })),
  },
  {
    id: 'overturn-flag',
    title: 'gov.tpl.overturn.title',
    summary: 'gov.tpl.overturn.summary',
    fields: [{ name: 'productId', label: 'gov.field.productId', kind: 'number' }],
    schema: z.object({ productId: positiveInt('gov.what.productId') }),
    build: (v, a) => call(a.DefaultGuard, encodeFunctionData({ abi: defaultGuardAbi, functionName: 'overturn', args: [BigInt(v.productId as number)] })),
  },
  {
    id: 'insurance-payout',
    title: 'gov.tpl.payout.title',
    summary: 'gov.tpl.payout.summary',
    fields: [
      { name: 'productId', label: 'gov.field.productId', kind: 'number' },
      { name: 'token', label: 'gov.field.token', kind: 'select', options: ['USDT', 'DMC'] },
      { name: 'amount', label: 'gov.field.amount', kind: 'decimal' },
    ],
    schema: z.object({ productId: positiveInt('gov.what.productId'), token: z.enum(['USDT', 'DMC']), amount: z.string() }).transform(tokenAmount),
    build: (v, a) =>
      call(
        a.InsuranceFund,
        encodeFunctionData({
          abi: insuranceFundAbi,
          functionName: 'openPayout',
          args: [BigInt(v.productId as number), v.token === 'USDT' ? a.PaymentToken : a.DMC, v.amount as bigint],
        }),
      ),
  },
  {
    id: 'insurance-share',
    title: 'gov.tpl.insuranceShare.title',
    summary: 'gov.tpl.insuranceShare.summary',
    fields: [{ name: 'percent', label: 'gov.field.sharePercent', kind: 'decimal', placeholder: '20' }],
    schema: percentUpTo(10_000n, 'gov.what.share'),
    build: (v, a) => call(a.Marketplace, encodeFunctionData({ abi: marketplaceAbi, functionName: 'setInsuranceShareBps', args: [v.percent as bigint] })),
  },
  {
    id: 'lending-fee',
    title: 'gov.tpl.lendingFee.title',
    summary: 'gov.tpl.lendingFee.summary',
    fields: [{ name: 'percent', label: 'gov.field.lendingFeePercent', kind: 'decimal', placeholder: '10' }],
    schema: percentUpTo(MAX_LENDING_FEE_BPS, 'gov.what.lendingFee'),
    build: (v, a) => call(a.LoanMarket, encodeFunctionData({ abi: loanMarketAbi, functionName: 'setFeeBps', args: [v.percent as bigint] })),
  },
  {
    id: 'loan-grace',
    title: 'gov.tpl.loanGrace.title',
    summary: 'gov.tpl.loanGrace.summary',
    fields: [{ name: 'hours', label: 'gov.field.graceHours', kind: 'number', placeholder: '72' }],
    schema: z.object({
      hours: z.union([z.string(), z.number()]).transform((raw, ctx) => {
        const text = String(raw).trim();
        const n = text === '' ? 0 : Number(text);
        if (!Number.isInteger(n)) return fail(ctx, 'gov.err.graceWhole');
        if (n < GRACE_HOURS.min) return fail(ctx, 'gov.err.graceMin', { min: GRACE_HOURS.min });
        if (n > GRACE_HOURS.max) return fail(ctx, 'gov.err.graceMax', { max: GRACE_HOURS.max });
        return n;
      }),
    }),
    build: (v, a) =>
      call(a.LoanMarket, encodeFunctionData({ abi: loanMarketAbi, functionName: 'setGracePeriod', args: [BigInt(v.hours as number) * 3600n] })),
  },
  {
    // The whitepaper's vote item 8: the behaviour / liquidity / staking shares of DMC mining.
    id: 'mining-ratios',
    title: 'gov.tpl.miningRatios.title',
    summary: 'gov.tpl.miningRatios.summary',
    fields: [
      { name: 'behaviour', label: 'gov.field.behaviourPercent', kind: 'decimal', placeholder: '30' },
      { name: 'liquidity', label: 'gov.field.liquidityPercent', kind: 'decimal', placeholder: '60' },
      { name: 'staking', label: 'gov.field.stakingPercent', kind: 'decimal', placeholder: '10' },
    ],
    schema: z
      .object({ behaviour: z.string(), liquidity: z.string(), staking: z.string() })
      .transform((v, ctx) => {
        const bps = [v.behaviour, v.liquidity, v.staking].map((s) => parseAmount(s.trim(), 2));
        if (bps.some((b) => b === null || b > 10_000n)) return fail(ctx, 'gov.err.ratioEach');
        const sum = bps.reduce((a, b) => a! + b!, 0n)!;
        if (sum !== 10_000n) return fail(ctx, 'gov.err.ratioSum', { sum: formatPercent(sum) });
        return { bps: bps as bigint[] };
      }),
    build: (v, a) => {
      const [b, l, s] = (v.bps as bigint[]).map(Number) as [number, number, number];
      return call(a.DMCMining, encodeFunctionData({ abi: dmcMiningAbi, functionName: 'setSplit', args: [[b, l, s]] }));
    },
  },
  {
    id: 'open-joint-pool',
    title: 'gov.tpl.openJointPool.title',
    summary: 'gov.tpl.openJointPool.summary',
    fields: [
      { name: 'miner', label: 'gov.field.minerAddress', kind: 'address' },
      { name: 'power', label: 'gov.field.powerTiB', kind: 'decimal', placeholder: '4' },
    ],
    schema: z.object({ miner: address, power: z.string() }).transform((v, ctx) => {
      const milliTiB = parseAmount(v.power.trim(), 3);
      if (milliTiB === null || milliTiB <= 0n) return fail(ctx, 'gov.err.power', undefined, ['power']);
      return { miner: v.miner, milliTiB };
    }),
    build: (v, a) =>
      call(a.JointPoolFactory, encodeFunctionData({ abi: jointPoolFactoryAbi, functionName: 'open', args: [v.miner as Address, v.milliTiB as bigint] })),
  },
  {
    // Behaviour mining of a joint pool's dToken: a lock pool, so a staked dToken stays with its holder (its pool
    // yield and its share of the returned pledge keep accruing to it), locked in place until unstaked.
    id: 'dtoken-mining',
    title: 'gov.tpl.dtokenMining.title',
    summary: 'gov.tpl.dtokenMining.summary',
    fields: [
      { name: 'pool', label: 'gov.field.poolAddress', kind: 'address' },
      { name: 'weight', label: 'gov.field.allocPoints', kind: 'number', placeholder: '1' },
    ],
    schema: z.object({ pool: address, weight: positiveInt('gov.what.weight', 1_000_000) }),
    build: (v, a) =>
      call(a.DMCMining, encodeFunctionData({ abi: dmcMiningAbi, functionName: 'addLockPool', args: [v.pool as Address, 0, v.weight as number] })),
  },
  {
    // A defaulted joint pool's holders paid first: the fund sends the amount to the pool guard, which earmarks it
    // for the pool's holders by their frozen dToken-seconds (one vote, both actions or neither).
    id: 'pool-payout',
    title: 'gov.tpl.poolPayout.title',
    summary: 'gov.tpl.poolPayout.summary',
    fields: [
      { name: 'pool', label: 'gov.field.poolAddress', kind: 'address' },
      { name: 'token', label: 'gov.field.token', kind: 'select', options: ['USDT', 'DMC'] },
      { name: 'amount', label: 'gov.field.amount', kind: 'decimal' },
    ],
    schema: z.object({ pool: address, token: z.enum(['USDT', 'DMC']), amount: z.string() }).transform(tokenAmount),
    build: (v, a) => poolPayoutActions(v.pool as Address, v.token === 'USDT' ? a.PaymentToken : a.DMC, v.amount as bigint, a),
  },
  {
    // A defaulted joint pool's holders first in line for its miner's stake: one vote slashes the miner's application
    // stake into the insurance fund, sends that DMC on to the pool guard and earmarks it for the pool's holders by
    // their frozen dToken-seconds (all three actions or none).
    id: 'pool-stake-payout',
    title: 'gov.tpl.poolStakePayout.title',
    summary: 'gov.tpl.poolStakePayout.summary',
    fields: [
      { name: 'pool', label: 'gov.field.poolAddress', kind: 'address' },
      { name: 'applicationId', label: 'gov.field.applicationId', kind: 'number' },
      { name: 'amount', label: 'gov.field.stakeDmc', kind: 'decimal' },
    ],
    schema: z.object({ pool: address, applicationId: positiveInt('gov.what.applicationId'), amount: amount(18, 'gov.what.stake') }),
    build: (v, a) => {
      const payout = poolPayoutActions(v.pool as Address, a.DMC, v.amount as bigint, a);
      return {
        targets: [a.MinerRegistry, ...payout.targets],
        values: [0n, ...payout.values],
        calldatas: [encodeFunctionData({ abi: minerRegistryAbi, functionName: 'slash', args: [BigInt(v.applicationId as number)] }), ...payout.calldatas],
      };
    },
  },
  {
    id: 'overturn-pool-flag',
    title: 'gov.tpl.overturnPool.title',
    summary: 'gov.tpl.overturnPool.summary',
    fields: [{ name: 'pool', label: 'gov.field.poolAddress', kind: 'address' }],
    schema: z.object({ pool: address }),
    build: (v, a) => call(a.PoolGuard, encodeFunctionData({ abi: poolGuardAbi, functionName: 'overturn', args: [v.pool as Address] })),
  },
  {
    id: 'generic-call',
    title: 'gov.tpl.generic.title',
    summary: 'gov.tpl.generic.summary',
    fields: [
      { name: 'target', label: 'gov.field.target', kind: 'address' },
      { name: 'value', label: 'gov.field.valueWei', kind: 'number', placeholder: '0' },
      { name: 'calldata', label: 'gov.field.calldata', kind: 'hex', placeholder: '0x…' },
    ],
    schema: z.object({
      target: address,
      value: z
        .union([z.string(), z.number()])
        .default('0')
        .transform((raw, ctx) => {
          const text = String(raw).trim();
          if (text === '') return 0n;
          if (/^-\d+$/.test(text)) return fail(ctx, 'gov.err.valueNegative');
          if (!/^\d+$/.test(text)) return fail(ctx, 'gov.err.valueWei');
          return BigInt(text);
        }),
      calldata: z.string().trim().regex(/^0x([0-9a-fA-F]{2})*$/, CALLDATA_MESSAGE),
    }),
    build: (v) => call(v.target as Address, v.calldata as Hex, v.value as bigint),
  },
];

export function getTemplate(id: string): Template | undefined {
  return templates.find((t) => t.id === id);
}

/** The proposal description: a title line and the proposer's explanation, as Governor UIs expect. */
export function proposalDescription(title: string, body: string): string {
  return `# ${title.trim()}\n\n${body.trim()}`;
}

/** Title and body of a description written by {proposalDescription} (or any markdown-ish text). */
export function splitDescription(description: string): { title: string; body: string } {
  const [first = '', ...rest] = description.split('\n');
  return { title: first.replace(/^#\s*/, '').trim() || description.slice(0, 80), body: rest.join('\n').trim() };
}
