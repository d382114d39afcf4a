import type { Address } from 'viem';

/**
 * Anvil's well-known unlocked accounts used by the local demo (anvil runs with 21 accounts). Addresses only:
 * anvil signs for them, so no private key is ever in the app. Used by the seed script and by the local-only
 * dev wallet.
 */
export const devAccounts = {
  deployer: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
  minerA: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  minerB: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
  minerC: '0x90F79bf6EB2c4f870365E785982E1f101E93b906',
  buyer: '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65',
  buyer2: '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc',
  privateSale: '0x976EA74026E726554dB657fA54763abd0C3a0aa9',
  team: '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955',
  foundation: '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f',
  /** A USDT lender on the loan market (anvil account 9). */
  lender: '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720',
  /** Anvil account 17: would operate the IFIL bridge on a chain where FIL is not native; locally (as on Filecoin) IFIL wraps the coin and this account holds no role. */
  bridge: '0xbDA5747bFD65F08deb54cb465eB87D40e51B197E',
  /** Yield oracle reporters (anvil accounts 18, 19 and 20): a day needs three reports to have a value. */
  reporter1: '0xdD2FD4581271e230360230F9337D5c0430Bf44C0',
  reporter2: '0x8626f6940E2eb28930eFb4CeF49B2d1F2C9C1199',
  reporter3: '0x09DB0a93B389bEF724429898f539AEB7ac2Dd55f',
} as const satisfies Record<string, Address>;

/** The 7 council members of the local demo (anvil accounts 10–16); the dev wallet offers the first four (a quorum). */
export const devCouncil = [
  '0xBcd4042DE499D14e55001CcbB24a551F3b954096',
  '0x71bE63f3384f5fb98995898A86B02Fb2426c5788',
  '0xFABB0ac9d68B0B445fB7357272Ff202C5651694a',
  '0x1CBd3b2770909D4e10f157cABC84C7264073C9Ec',
  '0xdF3e18d64BC6A983f673Ab319CCaE4f1a57C7097',
  '0xcd3B766CCDd6AE721141F452C550Ca635964ce71',
  '0x2546BcD3c84621e976D8185a91A922aE77ECEc30',
] as const satisfies readonly Address[];

export const devWalletAddresses = {
  ...devAccounts,
  council1: devCouncil[0],
  council2: devCouncil[1],
  council3: devCouncil[2],
  council4: devCouncil[3],
} as const;
export type DevAccountKey = keyof typeof devWalletAddresses;

/** The accounts offered by the dev wallet, in the order shown. `label` is an i18n key. */
export const devWalletAccounts = [
  { key: 'buyer', label: 'devWallet.buyer' },
  { key: 'buyer2', label: 'devWallet.buyer2' },
  { key: 'minerA', label: 'devWallet.miner' },
  { key: 'lender', label: 'devWallet.lender' },
  { key: 'foundation', label: 'devWallet.foundation' },
  { key: 'council1', label: 'devWallet.council' },
  { key: 'council2', label: 'devWallet.council' },
  { key: 'council3', label: 'devWallet.council' },
  { key: 'council4', label: 'devWallet.council' },
] as const satisfies readonly { key: DevAccountKey; label: string }[];
