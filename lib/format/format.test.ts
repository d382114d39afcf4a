import { describe, expect, it } from 'vitest';
import { formatAmount, formatSmallAmount, formatUsd, parseAmount } from './amount';
import { coinFromIndex, formatHashrate, hashrateUnit } from './hashrate';
import { termDays, termDaysLeft } from './time';

describe('formatAmount', () => {
  it('rounds down, never up', () => {
    expect(formatAmount(1_999_999n, 6, { maxFractionDigits: 2 })).toBe('1.99');
    expect(formatAmount(999n, 6, { maxFractionDigits: 2 })).toBe('0');
  });
  it('groups thousands per locale', () => {
    expect(formatAmount(1_234_567_890_000n, 6)).toBe('1,234,567.89');
    expect(formatAmount(1_234_567_890_000n, 6, { locale: 'de-DE' })).toBe('1.234.567,89');
    expect(formatAmount(1_234_567_890_000n, 6, { locale: 'zh-CN' })).toBe('1,234,567.89');
  });
  it('trims trailing zeros down to minFractionDigits', () => {
    expect(formatAmount(11_900_000n, 6, { maxFractionDigits: 6 })).toBe('11.9');
    expect(formatAmount(11_900_000n, 6, { maxFractionDigits: 6, minFractionDigits: 2 })).toBe('11.90');
    expect(formatAmount(10n ** 18n, 18)).toBe('1');
  });
  it('handles values far beyond Number precision', () => {
    expect(formatAmount(2n ** 200n, 18, { maxFractionDigits: 0 })).toBe(
      (2n ** 200n / 10n ** 18n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ','),
    );
  });
  it('formats negatives', () => {
    expect(formatAmount(-1_500_000n, 6)).toBe('-1.5');
  });
});

describe('formatUsd and formatSmallAmount', () => {
  it('always shows cents for USD amounts', () => {
    expect(formatUsd(16_900_000n)).toBe('16.90');
    expect(formatUsd(1_234_567n)).toBe('1.234567');
    expect(formatUsd(0n)).toBe('0.00');
  });
  it('keeps significant digits below one', () => {
    expect(formatSmallAmount(8_263n, 6)).toBe('0.00826');
    expect(formatSmallAmount(8_263n, 6, { significant: 2 })).toBe('0.0082');
    expect(formatSmallAmount(12_500_000n, 6)).toBe('12.5');
  });
});

describe('parseAmount', () => {
  it('parses user input into base units', () => {
    expect(parseAmount('11.90', 6)).toBe(11_900_000n);
    expect(parseAmount(' 0.5 ', 6)).toBe(500_000n);
    expect(parseAmount('.25', 6)).toBe(250_000n);
    expect(parseAmount('7', 0)).toBe(7n);
  });
  it('rejects what is not an amount', () => {
    for (const bad of ['', 'abc', '-1', '1.2.3', '1e6', '0.1234567']) expect(parseAmount(bad, 6)).toBeNull();
  });
});

describe('hashrate', () => {
  it('formats thousandths of the coin unit', () => {
    expect(formatHashrate(4000n, 'FIL')).toBe('4 TiB');
    expect(formatHashrate(1500n, 'FIL')).toBe('1.5 TiB');
    expect(formatHashrate(125n, 'BTC')).toBe('0.125 TH/s');
    expect(formatHashrate(1_234_000n, 'FIL', 'en')).toBe('1,234 TiB');
  });
  it('maps coin indexes and units', () => {
    expect(coinFromIndex(0)).toBe('FIL');
    expect(coinFromIndex(1)).toBe('BTC');
    expect(() => coinFromIndex(2)).toThrow('unknown coin index 2');
    expect(hashrateUnit('BTC')).toBe('TH/s');
  });
});

describe('term', () => {
  const day = 86_400n;
  const start = 1_000n * day;
  const end = start + 180n * day;
  it('counts the whole term before it starts', () => {
    expect(termDaysLeft(start, end, start - 5n * day)).toBe(180n);
  });
  it('rounds a started day up and reaches zero at the end', () => {
    expect(termDaysLeft(start, end, start + 1n)).toBe(180n);
    expect(termDaysLeft(start, end, start + day)).toBe(179n);
    expect(termDaysLeft(start, end, end - 1n)).toBe(1n);
    expect(termDaysLeft(start, end, end)).toBe(0n);
    expect(termDaysLeft(start, end, end + day)).toBe(0n);
  });
  it('measures the term in days', () => {
    expect(termDays(start, end)).toBe(180n);
  });
});

describe('formatRelative', () => {
  it('names the largest whole unit, in the reader’s language', async () => {
    const { formatRelative } = await import('./relative');
    expect(formatRelative(130n, 100n, 'en')).toBe('in 30 seconds');
    expect(formatRelative(100n + 3n * 3_600n, 100n, 'en')).toBe('in 3 hours');
    expect(formatRelative(100n, 100n + 2n * 86_400n, 'en')).toBe('2 days ago');
    expect(formatRelative(100n + 5n * 86_400n, 100n, 'zh-CN')).toBe('5天后');
  });
});

describe('formatCountdown', () => {
  it('counts down in days, hours, minutes and seconds and stops at zero', async () => {
    const { formatCountdown } = await import('./relative');
    expect(formatCountdown(1_000n + 9n, 1_000n)).toBe('00:00:09');
    expect(formatCountdown(1_000n + 3_600n * 3n + 60n * 14n + 7n, 1_000n)).toBe('03:14:07');
    expect(formatCountdown(1_000n + 86_400n * 2n + 3_600n * 3n, 1_000n)).toBe('2d 03:00:00');
    expect(formatCountdown(1_000n, 1_000n)).toBe('00:00:00');
    expect(formatCountdown(1_000n, 5_000n)).toBe('00:00:00');
  });
});
