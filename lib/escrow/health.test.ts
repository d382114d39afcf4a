import { describe, expect, it } from 'vitest';
import { healthFromJson, healthToJson, isPayingInFull, productHealth } from './health';
import { productHealthQuerySchema } from './healthQuery';
import type { ProductRecord } from './read';
import type { ClassifiedDay } from './record';

const day = (kind: ClassifiedDay['kind'], n = 1n): ClassifiedDay => ({ day: n, paid: kind === 'missing' ? 0n : 1n, median: 1n, kind, hasOracle: true });

type Input = Parameters<typeof productHealth>[0];
function rec(over: Partial<Omit<Input, 'record'>> & { onTime?: number; days?: number } = {}): Input {
  const { onTime = 10, days = 10, ...rest } = over;
  return {
    product: { productId: 7n } as ProductRecord['product'],
    record: { days, onTime, short: 0, missing: days - onTime, noOracle: 0, avgShortfallBps: null, classified: [] },
    window: [day('paid', 1n), day('paid', 2n)],
    halted: false,
    check: { inDefault: false, errorName: 'DefaultGuardNotInDefault', args: {}, windowStart: 3n },
    application: { id: 1n, status: 'Active', stake: 1n, name: 'm' },
    challengeEndsAt: 0n,
    ...rest,
  };
}

describe('productHealth: one mark, the worst state first', () => {
  it('paying when every due day of the window was paid; days paid of days due from the record', () => {
    expect(productHealth(rec({ onTime: 9, days: 12 }))).toEqual({ productId: 7n, kind: 'paying', paidDays: 9, dueDays: 12, flaggable: false, challengeEndsAt: 0n });
  });
  it('upcoming before any day is due', () => {
    expect(productHealth(rec({ onTime: 0, days: 0, window: [] })).kind).toBe('upcoming');
  });
  it('missed beats short in the window: one day with nothing paid is enough', () => {
    expect(productHealth(rec({ window: [day('short'), day('missing'), day('paid')] })).kind).toBe('missed');
    expect(productHealth(rec({ window: [day('paid'), day('short')] })).kind).toBe('short');
  });
  it('the guard’s verdict wins over the window and says the product can be flagged', () => {
    const h = productHealth(rec({ check: { inDefault: true, reason: 'Short', windowStart: 3n }, window: [day('missing')] }));
    expect(h).toMatchObject({ kind: 'short', flaggable: true });
    expect(productHealth(rec({ check: { inDefault: true, reason: 'Missed', windowStart: 3n } })).kind).toBe('missed');
  });
  it('a halted escrow or a pending flag is halted; a finalized default is defaulted, whatever the window says', () => {
    expect(productHealth(rec({ halted: true })).kind).toBe('halted');
    expect(productHealth(rec({ application: { id: 1n, status: 'Flagged', stake: 1n, name: 'm' }, challengeEndsAt: 99n }))).toMatchObject({ kind: 'halted', challengeEndsAt: 99n });
    expect(productHealth(rec({ halted: true, application: { id: 1n, status: 'Defaulted', stake: 0n, name: 'm' } })).kind).toBe('defaulted');
    expect(productHealth(rec({ application: { id: 1n, status: 'Slashed', stake: 0n, name: 'm' } })).kind).toBe('defaulted');
  });
  it('the "paying in full" filter keeps paying and upcoming only', () => {
    expect(['defaulted', 'halted', 'missed', 'short', 'paying', 'upcoming'].filter((kind) => isPayingInFull({ kind: kind as never }))).toEqual(['paying', 'upcoming']);
  });
  it('round-trips through JSON, and the route takes 1 to 100 ids', () => {
    const h = productHealth(rec({ challengeEndsAt: 12345678901234567890n }));
    expect(healthFromJson(JSON.parse(JSON.stringify(healthToJson(h))))).toEqual(h);
    expect(productHealthQuerySchema.parse({ ids: '3,1,3' }).ids).toEqual([3n, 1n]);
    expect(productHealthQuerySchema.safeParse({ ids: '' }).success).toBe(false);
    expect(productHealthQuerySchema.safeParse({ ids: Array.from({ length: 101 }, (_, i) => i + 1).join(',') }).success).toBe(false);
    expect(productHealthQuerySchema.safeParse({ ids: '1', x: '2' }).success).toBe(false);
  });
});
