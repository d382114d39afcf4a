import { z } from 'zod';

/**
 * The Filecoin address rule IFIL.redeem checks on-chain, mirrored so the form refuses a bad address before a
 * transaction: network `f` (mainnet) or `t` (testnet), then the protocol —
 * 0 (id): 1–20 digits; 1 (secp256k1) and 2 (actor): 39 base32 characters; 3 (BLS): 84 base32 characters;
 * 4 (delegated): an address-manager id (1–20 digits), `f`, then 1–86 base32 characters.
 * base32 here is Filecoin's lower-case alphabet a–z and 2–7.
 */
const B32 = '[a-z2-7]';
const FILECOIN_ADDRESS = new RegExp(`^[ft](0\\d{1,20}|[12]${B32}{39}|3${B32}{84}|4\\d{1,20}f${B32}{1,86})$`);

export function isFilecoinAddress(value: string): boolean {
  return FILECOIN_ADDRESS.test(value);
}

export const filecoinAddressSchema = z
  .string()
  .trim()
  .refine(isFilecoinAddress, 'must be a Filecoin address: f0… (id), f1… / f2… (39 characters after the prefix), f3… (84) or f4…f… (delegated)');
