import { separators } from './intl';

/**
 * Formats a token amount held as a bigint of base units. Rounds DOWN (toward zero) to `maxFractionDigits`,
 * so a balance is never shown larger than it is. Grouping and the decimal mark follow `locale`.
 */
export function formatAmount(
  value: bigint,
  decimals: number,
  opts: { locale?: string; maxFractionDigits?: number; minFractionDigits?: number } = {},
): string {
  const { locale = 'en', maxFractionDigits = 2, minFractionDigits = 0 } = opts;
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const base = 10n ** BigInt(decimals);
  const whole = abs / base;
  const digits = Math.min(maxFractionDigits, decimals);
  const fractionScaled = digits === 0 ? 0n : (abs % base) / 10n ** BigInt(decimals - digits);
  let fraction = digits === 0 ? '' : fractionScaled.toString().padStart(digits, '0');
  while (fraction.length > minFractionDigits && fraction.endsWith('0')) fraction = fraction.slice(0, -1);

  const { group, mark } = separators(locale);
  const grouped = whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${negative ? '-' : ''}${grouped}${fraction ? mark + fraction : ''}`;
}

/** A USD stablecoin amount (6 decimals): always cents, up to 6 decimals when they matter (11.90, 0.123456). */
export function formatUsd(value: bigint, locale = 'en'): string {
  return formatAmount(value, 6, { locale, maxFractionDigits: 6, minFractionDigits: 2 });
}

/** Like {formatAmount} but keeps `significant` significant digits for small values (0.00852 not 0.00). */
export function formatSmallAmount(value: bigint, decimals: number, opts: { locale?: string; significant?: number } = {}): string {
  const { significant = 3, locale } = opts;
  const abs = value < 0n ? -value : value;
  const base = 10n ** BigInt(decimals);
  if (abs >= base || abs === 0n) return formatAmount(value, decimals, { locale, maxFractionDigits: 2 });
  const leadingZeros = decimals - abs.toString().length;
  return formatAmount(value, decimals, { locale, maxFractionDigits: Math.min(decimals, leadingZeros + significant) });
}

/** Parses a decimal string a user typed into base units; null when it is not a valid non-negative amount. */
export function parseAmount(input: string, decimals: number): bigint | null {
  const s = input.trim();
  if (!/^\d+(\.\d*)?$|^\.\d+$/.test(s)) return null;
  const [whole = '0', fraction = ''] = s.split('.');
  if (fraction.length > decimals) return null;
  return BigInt(whole || '0') * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
}
