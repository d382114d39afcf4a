import { IFIL_DECIMALS, WBTC_DECIMALS } from '../chain/contracts';
import type { Coin } from '../format/hashrate';

/** The ERC-20 a coin's yield is paid in, as shown to people: IFIL (wrapped FIL) or WBTC (wrapped BTC). */
export function yieldTokenOf(coin: Coin): { symbol: string; decimals: number } {
  return coin === 'FIL' ? { symbol: 'IFIL', decimals: IFIL_DECIMALS } : { symbol: 'WBTC', decimals: WBTC_DECIMALS };
}
