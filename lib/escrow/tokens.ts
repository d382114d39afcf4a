import type { Address } from 'viem';
import { getDeployment, PAYMENT_DECIMALS, PAYMENT_SYMBOL } from '../chain/contracts';

/** DMC: 18 decimals. */
export const DMC_DECIMALS = 18;

/** Symbol and decimals of a token the insurance fund holds or pays out (USDT, DMC; anything else: 18, short address). */
export function fundTokenMeta(token: Address): { symbol: string; decimals: number } {
  const d = getDeployment();
  if (token.toLowerCase() === d.PaymentToken.toLowerCase()) return { symbol: PAYMENT_SYMBOL, decimals: PAYMENT_DECIMALS };
  if (token.toLowerCase() === d.DMC.toLowerCase()) return { symbol: 'DMC', decimals: DMC_DECIMALS };
  return { symbol: `${token.slice(0, 6)}…`, decimals: 18 };
}
