import { describe, expect, it } from 'vitest';
import { formatAmount } from './amount';
import { dateTimeFormat, numberFormat, relativeTimeFormat, separators } from './intl';

describe('shared Intl formatters', () => {
  it('builds one formatter per locale and options, and formats as a fresh one would', () => {
    const a = numberFormat('en', { maximumFractionDigits: 3 });
    expect(numberFormat('en', { maximumFractionDigits: 3 })).toBe(a);
    expect(numberFormat('en', { maximumFractionDigits: 2 })).not.toBe(a);
    expect(numberFormat('de', { maximumFractionDigits: 3 })).not.toBe(a);
    expect(a.format(1234.5678)).toBe(new Intl.NumberFormat('en', { maximumFractionDigits: 3 }).format(1234.5678));

    const d = dateTimeFormat('en', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' });
    expect(dateTimeFormat('en', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' })).toBe(d);
    expect(d.format(new Date(Date.UTC(2026, 11, 6)))).toBe('Dec 6, 2026');
    // A number format and a date format with the same locale and options are different things.
    expect(dateTimeFormat('en', {})).not.toBe(numberFormat('en', {}) as unknown);

    expect(relativeTimeFormat('en', { numeric: 'auto' }).format(1, 'day')).toBe('tomorrow');
  });

  it("gives each locale's digit-group separator and decimal mark", () => {
    expect(separators('en')).toEqual({ group: ',', mark: '.' });
    expect(separators('zh-CN')).toEqual({ group: ',', mark: '.' });
    expect(separators('de')).toEqual({ group: '.', mark: ',' });
    expect(formatAmount(1_234_567_890n, 6, { locale: 'de' })).toBe('1.234,56');
  });
});
