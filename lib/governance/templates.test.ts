import { describe, expect, it } from 'vitest';
import { decodeFunctionData, getAddress, type Address } from 'viem';
import { insuranceFundAbi, loanMarketAbi, poolGuardAbi } from '@/contracts-abi';
import { createTranslator } from '../i18n/catalogs';
import { describeAction } from './decode';
import { getTemplate, templateIssueText, templates, type GovernanceAddresses } from './templates';

const at = (n: number) => `0x${n.toString(16).padStart(40, '0')}` as Address;
const a: GovernanceAddresses & { HashrateNFT: Address } = {
  Marketplace: at(1),
  MinerRegistry: at(2),
  Council: at(3),
  CouncilGate: at(12),
  Timelock: at(4),
  DMC: at(5),
  PaymentToken: at(6),
  DefaultGuard: at(7),
  InsuranceFund: at(8),
  LoanMarket: at(9),
  DMCMining: at(13),
  JointPoolFactory: at(14),
  PoolGuard: at(15),
  HashrateNFT: at(10),
};

function build(id: string, values: Record<string, string>) {
  const tpl = getTemplate(id)!;
  const built = tpl.build(tpl.schema.parse(values), a);
  return { target: built.targets[0]!, value: built.values[0]!, calldata: built.calldatas[0]! };
}
/** The form's messages as a reader of `locale` sees them. */
const issues = (id: string, values: Record<string, string>, locale: 'en' | 'zh' = 'en') => {
  const r = getTemplate(id)!.schema.safeParse(values);
  return r.success ? [] : r.error.issues.map((i) => templateIssueText(i, createTranslator(locale)));
};

describe('the lending fee template', () => {
  it('calls LoanMarket.setFeeBps with basis points and reads back in words', () => {
    const action = build('lending-fee', { percent: '12.5' });
    expect(action.target).toBe(a.LoanMarket);
    expect(decodeFunctionData({ abi: loanMarketAbi, data: action.calldata })).toEqual({ functionName: 'setFeeBps', args: [1250n] });
    const d = describeAction(action, a, 'en');
    expect(createTranslator('en')(d.key, d.vars)).toBe('Set the lending fee to 12.5% of loan interest');
    expect(createTranslator('zh')(d.key, d.vars)).toBe('将借贷手续费设为贷款利息的 12.5%');
  });
  it('is bounded by MAX_FEE_BPS (30%) and takes at most 2 decimals', () => {
    expect(issues('lending-fee', { percent: '30' })).toEqual([]);
    expect(issues('lending-fee', { percent: '0' })).toEqual([]);
    expect(issues('lending-fee', { percent: '30.01' })).toEqual(['the lending fee must be between 0 and 30 percent, with at most 2 decimals']);
    expect(issues('lending-fee', { percent: '1.234' })).toHaveLength(1);
    expect(issues('lending-fee', { percent: '-1' })).toHaveLength(1);
  });
});

describe('the loan grace period template', () => {
  it('calls LoanMarket.setGracePeriod in seconds and reads back in hours', () => {
    const action = build('loan-grace', { hours: '36' });
    expect(action.target).toBe(a.LoanMarket);
    expect(decodeFunctionData({ abi: loanMarketAbi, data: action.calldata })).toEqual({ functionName: 'setGracePeriod', args: [129_600n] });
    const d = describeAction(action, a, 'en');
    expect(createTranslator('en')(d.key, d.vars)).toBe('Set the grace period after loan maturity to 36 hours');
  });
  it('is bounded by 1 hour and 30 days, in whole hours', () => {
    expect(issues('loan-grace', { hours: '1' })).toEqual([]);
    expect(issues('loan-grace', { hours: '720' })).toEqual([]);
    expect(issues('loan-grace', { hours: '0' })).toEqual(['the grace period is at least 1 hour']);
    expect(issues('loan-grace', { hours: '721' })).toEqual(['the grace period is at most 720 hours (30 days)']);
    expect(issues('loan-grace', { hours: '1.5' })).toEqual(['the grace period is a whole number of hours']);
  });
});

describe('the fee templates keep their bounds', () => {
  it('trading fee at most 10%, insurance share at most 100%', () => {
    expect(issues('trading-fee', { percent: '10.01' })).toEqual(['the fee must be between 0 and 10 percent, with at most 2 decimals']);
    expect(issues('insurance-share', { percent: '100' })).toEqual([]);
    expect(issues('insurance-share', { percent: '100.5' })).toEqual(['the share must be between 0 and 100 percent, with at most 2 decimals']);
  });
});

describe('the joint mining template (whitepaper vote item 7)', () => {
  it('opens the miner’s pool for its power in thousandths of a TiB and puts it into words', () => {
    const action = build('open-joint-pool', { miner: at(99), power: '4.5' });
    expect(action.target).toBe(a.JointPoolFactory);
    const d = describeAction(action, a, 'en');
    expect(d.key).toBe('gov.action.openJointPool');
    expect(createTranslator('en')(d.key, d.vars)).toBe('Open a joint mining pool for 0x0000…0063 with 4.5 TiB of power (a genesis cap of 112.5 FIL at 25 FIL per TiB)');
  });

  it('refuses a power of zero or with more than 3 decimals, in words', () => {
    expect(issues('open-joint-pool', { miner: at(99), power: '0' })).toEqual(['the power must be a number of TiB above 0, with at most 3 decimals']);
    expect(issues('open-joint-pool', { miner: at(99), power: '1.0001' })).toEqual(['the power must be a number of TiB above 0, with at most 3 decimals']);
  });
});

describe('the dToken behaviour-mining template', () => {
  it('adds the pool’s dToken as a lock pool of behaviour mining and puts it into words', () => {
    const action = build('dtoken-mining', { pool: at(77), weight: '2' });
    expect(action.target).toBe(a.DMCMining);
    const d = describeAction(action, a, 'en');
    expect(createTranslator('en')(d.key, d.vars)).toBe('Add joint pool 0x0000…004D’s dToken to behaviour mining with weight 2 (staked dToken stays with its holder, locked)');
  });

  it('refuses a weight of zero, in words', () => {
    expect(issues('dtoken-mining', { pool: at(77), weight: '0' })).toEqual(['the weight must be at least 1']);
  });
});

describe('the pool-stake-payout template (holders first in line for the miner’s stake)', () => {
  it('slashes the application, sends its DMC from the fund to the guard and opens the payout, in one vote, in words', () => {
    const tpl = getTemplate('pool-stake-payout')!;
    const built = tpl.build(tpl.schema.parse({ pool: at(77), applicationId: '4', amount: '20000' }), a);
    expect(built.targets).toEqual([a.MinerRegistry, a.InsuranceFund, a.PoolGuard]);
    const t = createTranslator('en');
    const words = built.targets.map((target, i) => {
      const d = describeAction({ target, value: 0n, calldata: built.calldatas[i]! }, a, 'en');
      return t(d.key, d.vars);
    });
    expect(words[0]).toBe('Slash application #4’s DMC stake into the insurance fund');
    expect(words[2]).toContain('20,000');
  });

  it('refuses a missing stake or application, in words', () => {
    expect(issues('pool-stake-payout', { pool: at(77), applicationId: '0', amount: '1' })).toEqual(['application id must be at least 1']);
    expect(issues('pool-stake-payout', { pool: at(77), applicationId: '4', amount: '0' })).toEqual(['the stake must be a positive number with at most 18 decimals']);
  });
});

describe('the pool-payout template', () => {
  it('sends the amount from the insurance fund to the pool guard and opens the payout, in one vote', () => {
    const tpl = getTemplate('pool-payout')!;
    const built = tpl.build(tpl.schema.parse({ pool: at(77), token: 'USDT', amount: '1250.5' }), a);
    expect(built.targets).toEqual([a.InsuranceFund, a.PoolGuard]);
    expect(decodeFunctionData({ abi: insuranceFundAbi, data: built.calldatas[0]! })).toEqual({ functionName: 'withdraw', args: [a.PaymentToken, getAddress(a.PoolGuard), 1_250_500_000n] });
    expect(decodeFunctionData({ abi: poolGuardAbi, data: built.calldatas[1]! })).toEqual({ functionName: 'openPayout', args: [getAddress(at(77)), a.PaymentToken, 1_250_500_000n] });
    const t = createTranslator('en');
    const [first, second] = built.targets.map((target, i) => describeAction({ target, value: 0n, calldata: built.calldatas[i]! }, a, 'en'));
    expect(t(first!.key, first!.vars)).toBe('Send 1,250.5 USDT from the insurance fund to PoolGuard');
    expect(t(second!.key, second!.vars)).toBe('Open an insurance payout of 1,250.5 USDT for the holders of joint pool 0x0000…004D (by their dToken × time at the default)');
  });

  it('refuses a zero amount, in words', () => {
    expect(issues('pool-payout', { pool: at(77), token: 'DMC', amount: '0' })).toEqual(['the amount must be a positive number']);
  });
});

describe('the overturn-pool-flag template', () => {
  it('builds PoolGuard.overturn(pool) and puts it into words', () => {
    const action = build('overturn-pool-flag', { pool: at(77) });
    expect(action.target).toBe(a.PoolGuard);
    expect(decodeFunctionData({ abi: poolGuardAbi, data: action.calldata })).toEqual({ functionName: 'overturn', args: [getAddress(at(77))] });
    const d = describeAction(action, a, 'en');
    expect(createTranslator('en')(d.key, d.vars)).toBe('Overturn the default flag of joint pool 0x0000…004D: it is Active again (deposits and draws reopen)');
  });

  it('refuses anything but an address, in words', () => {
    expect(issues('overturn-pool-flag', { pool: 'pool 1' })).toEqual(['must be a 0x address (40 hex characters)']);
  });
});

describe('the mining ratios template (whitepaper vote item 8)', () => {
  it('builds DMCMining.setSplit in basis points and puts it into words', () => {
    const action = build('mining-ratios', { behaviour: '25', liquidity: '62.5', staking: '12.5' });
    expect(action.target).toBe(a.DMCMining);
    const d = describeAction(action, a, 'en');
    expect(d.key).toBe('gov.action.miningRatios');
    expect(createTranslator('en')(d.key, d.vars)).toBe('Set the DMC mining ratios to behaviour 25%, liquidity 62.5%, staking 12.5%');
  });

  it('refuses ratios that do not add up to 100 percent, in words', () => {
    expect(issues('mining-ratios', { behaviour: '30', liquidity: '60', staking: '11' })).toEqual(['the three ratios must add up to 100 percent, not 101']);
    expect(issues('mining-ratios', { behaviour: '30', liquidity: '-', staking: '10' })).toEqual(['each ratio must be a percent between 0 and 100, with at most 2 decimals']);
  });
});


describe('every template message', () => {
  it('is a catalog key, read in both languages with its values filled (empty and nonsense input, as the form sends them)', () => {
    const en = createTranslator('en');
    const zh = createTranslator('zh');
    let checked = 0;
    for (const tpl of templates) {
      for (const typed of ['', 'x']) {
        const r = tpl.schema.safeParse(Object.fromEntries(tpl.fields.map((f) => [f.name, f.options?.[0] ?? typed])));
        if (r.success) continue;
        for (const issue of r.error.issues) {
          expect(en.has(issue.message), `${tpl.id}: "${issue.message}" is not a message key`).toBe(true);
          for (const t of [en, zh]) expect(templateIssueText(issue, t)).not.toMatch(/[{}]|gov\.(err|what)\./);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
  it('reads in Chinese, the quantity it is about translated too', () => {
    expect(issues('dtoken-mining', { pool: at(77), weight: '0' }, 'zh')).toEqual(['权重至少为 1']);
    expect(issues('mining-ratios', { behaviour: '30', liquidity: '60', staking: '11' }, 'zh')).toEqual(['三个比例之和必须为 100%，而不是 101%']);
    expect(issues('overturn-pool-flag', { pool: 'pool 1' }, 'zh')).toEqual(['必须是 0x 地址（40 个十六进制字符）']);
  });
});
