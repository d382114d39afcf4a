import { numberFormat } from './intl';

/** The mined coins, in the order of HashrateNFT.Coin. */
export const COINS = ['FIL', 'BTC'] as const;
export type Coin = (typeof COINS)[number];

/** Hashrate amounts on-chain are thousandths of the coin's unit (HashrateNFT.HASHRATE_DECIMALS). */
export const HASHRATE_DECIMALS = 3;

export function coinFromIndex(index: number): Coin {
  const coin = COINS[index];
  if (!coin) throw new Error(`unknown coin index ${index}`);
  return coin;
}

/** FIL products sell effective (quality-adjusted) storage power in TiB; BTC products sell TH/s. */
export function hashrateUnit(coin: Coin): string {
  return coin === 'FIL' ? 'TiB' : 'TH/s';
}

/** The yield token of a coin and its decimals. */
export function yieldToken(coin: Coin): { symbol: string; decimals: number } {
  return coin === 'FIL' ? { symbol: 'FIL', decimals: 18 } : { symbol: 'BTC', decimals: 8 };
}

/** 4000n, 'FIL' → "4 TiB"; 1500n → "1.5 TiB". */
export function formatHashrate(milliUnits: bigint, coin: Coin, locale = 'en'): string {
  const whole = milliUnits / 1000n;
  const fraction = (milliUnits % 1000n).toString().padStart(3, '0').replace(/0+$/, '');
  const number = numberFormat(locale, { maximumFractionDigits: 3 }).format(
    Number(`${whole}${fraction ? `.${fraction}` : ''}`),
  );
  return `${number} ${hashrateUnit(coin)}`;
}
