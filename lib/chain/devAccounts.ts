import type { Address } from 'viem';

/**
 * Anvil's well-known unlocked accounts used by the local demo. Addresses only: anvil signs for them,
 * so no private key is ever in the app. Used by the seed script and by the local-only dev wallet.
 */
export const devAccounts = {
  deployer: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
  minerA: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  minerB: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
  minerC: '0x90F79bf6EB2c4f870365E785982E1f101E93b906',
  buyer: '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65',
  buyer2: '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc',
  treasury: '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720',
} as const satisfies Record<string, Address>;

export type DevAccountKey = keyof typeof devAccounts;

/** The accounts offered by the dev wallet, in the order shown. `label` is an i18n key. */
export const devWalletAccounts = [
  { key: 'buyer', label: 'devWallet.buyer' },
  { key: 'buyer2', label: 'devWallet.buyer2' },
  { key: 'minerA', label: 'devWallet.miner' },
] as const satisfies readonly { key: DevAccountKey; label: string }[];
