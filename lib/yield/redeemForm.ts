import { z } from 'zod';
import { parseAmount } from '../format/amount';
import type { MessageKey } from '../i18n/messages/en';
import { IFIL_DECIMALS } from '../chain/contracts';
import { isFilecoinAddress } from './filecoinAddress';

/**
 * The IFIL redeem form: an amount (at most 18 decimals, more than zero, at most the balance) and a Filecoin
 * address by the rule IFIL.redeem checks on-chain. Issue messages are i18n keys, so the form shows them in the
 * reader's language.
 */
export function redeemFormSchema(balance: bigint) {
  return z.object({
    amount: z
      .string()
      .trim()
      .transform((s, ctx) => {
        const v = parseAmount(s, IFIL_DECIMALS);
        if (v === null || v === 0n) {
          ctx.addIssue({ code: 'custom', message: 'ifil.form.amountInvalid' satisfies MessageKey });
          return z.NEVER;
        }
        if (v > balance) {
          ctx.addIssue({ code: 'custom', message: 'ifil.form.amountAboveBalance' satisfies MessageKey });
          return z.NEVER;
        }
        return v;
      }),
    filecoinAddress: z
      .string()
      .trim()
      .refine(isFilecoinAddress, { message: 'ifil.form.addressInvalid' satisfies MessageKey }),
  });
}
export type RedeemForm = z.infer<ReturnType<typeof redeemFormSchema>>;
