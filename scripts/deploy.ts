// Deploys the contracts to any EVM chain and writes deployments/<chainId>.json. After it, the timelock holds
// every admin role and the deployer none.
//   RPC_URL=https://... DEPLOYER_PRIVATE_KEY=0x... PAYMENT_TOKEN=0x... \
//   COUNCIL=0xa,0xb,0xc,0xd,0xe,0xf,0xg FOUNDATION=0x... TEAM_BENEFICIARY=0x... PRIVATE_BENEFICIARY=0x... \
//   UNISWAP_FACTORY=0x... UNISWAP_ROUTER=0x... [MINING_START=unix-seconds] \
//   METADATA_BASE_URI=https://your.app/api/nft/ npm run deploy
// Then `npm run abi` and build the app with NEXT_PUBLIC_CHAIN_ID set (see README).
import { createPublicClient, http, type Address, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { z } from 'zod';
import { LOCAL_CHAIN_ID } from './lib/anvil';
import { filIsNative } from '../lib/chain/filNative';
import { PRODUCTION_GOVERNANCE, deployAll, localDeployOptions } from './lib/deploy';
import { writeDeployment } from './lib/deployment';

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/).transform((a) => a as Address);
const env = z
  .object({
    RPC_URL: z.string().url().default('http://127.0.0.1:8545'),
    DEPLOYER_PRIVATE_KEY: z.string().regex(/^0x[0-9a-fA-F]{64}$/).optional(),
    PAYMENT_TOKEN: address.optional(),
    COUNCIL: z.string().transform((s) => s.split(',').map((a) => a.trim())).pipe(z.array(address).length(7)).optional(),
    FOUNDATION: address.optional(),
    TEAM_BENEFICIARY: address.optional(),
    PRIVATE_BENEFICIARY: address.optional(),
    FEE_BPS: z.coerce.bigint().default(200n),
    ISSUANCE_FEE_BPS: z.coerce.bigint().default(500n),
    INSURANCE_SHARE_BPS: z.coerce.bigint().default(2000n),
    METADATA_BASE_URI: z.string().url().default('http://localhost:3000/api/nft/'),
    BTC_YIELD_TOKEN: address.optional(),
    // Only where FIL is not the chain's coin (not Filecoin 314 / 314159): the IFIL bridge and its daily limit.
    BRIDGE: address.optional(),
    BRIDGE_DAILY_LIMIT: z.coerce.bigint().positive().optional(),
    // At least 3: the oracle gives a day a value only with 3 reports from current reporters.
    // The chain's Uniswap V2 (the DMC/USDT pair is created there); the local chain deploys its own.
    UNISWAP_FACTORY: address.optional(),
    UNISWAP_ROUTER: address.optional(),
    // When DMC mining starts (unix seconds); 0 (the default) leaves it to a DAO vote.
    MINING_START: z.coerce.bigint().nonnegative().default(0n),
    ORACLE_REPORTERS: z.string().transform((s) => s.split(',').map((a) => a.trim())).pipe(z.array(address).min(3, 'the yield oracle needs at least 3 reporters')).optional(),
  })
  .parse(process.env);

const chainId = await createPublicClient({ transport: http(env.RPC_URL) }).getChainId();
let options;
if (chainId === LOCAL_CHAIN_ID) {
  options = {
    ...localDeployOptions(env.RPC_URL),
    feeBps: env.FEE_BPS,
    issuanceFeeBps: env.ISSUANCE_FEE_BPS,
    insuranceShareBps: env.INSURANCE_SHARE_BPS,
    metadataBaseURI: env.METADATA_BASE_URI,
  };
} else {
  const bridged = !filIsNative(chainId);
  const missing = (['DEPLOYER_PRIVATE_KEY', 'PAYMENT_TOKEN', 'BTC_YIELD_TOKEN', 'ORACLE_REPORTERS', 'COUNCIL', 'FOUNDATION', 'TEAM_BENEFICIARY', 'PRIVATE_BENEFICIARY', 'UNISWAP_FACTORY', 'UNISWAP_ROUTER', ...(bridged ? (['BRIDGE', 'BRIDGE_DAILY_LIMIT'] as const) : [])] as const).filter((k) => !env[k]);
  if (missing.length) throw new Error(`off the local chain these are required: ${missing.join(', ')}`);
  options = {
    rpcUrl: env.RPC_URL,
    chainId,
    deployer: privateKeyToAccount(env.DEPLOYER_PRIVATE_KEY as Hex),
    feeBps: env.FEE_BPS,
    issuanceFeeBps: env.ISSUANCE_FEE_BPS,
    insuranceShareBps: env.INSURANCE_SHARE_BPS,
    metadataBaseURI: env.METADATA_BASE_URI,
    paymentToken: env.PAYMENT_TOKEN,
    btcYieldToken: env.BTC_YIELD_TOKEN,
    bridge: env.BRIDGE,
    bridgeDailyLimit: env.BRIDGE_DAILY_LIMIT,
    oracleReporters: env.ORACLE_REPORTERS!,
    council: env.COUNCIL!,
    foundation: env.FOUNDATION!,
    teamBeneficiary: env.TEAM_BENEFICIARY!,
    privateBeneficiary: env.PRIVATE_BENEFICIARY!,
    governance: PRODUCTION_GOVERNANCE,
    uniswap: { factory: env.UNISWAP_FACTORY!, router: env.UNISWAP_ROUTER! },
    miningStart: env.MINING_START,
  };
}
const deployment = await deployAll(options);
writeDeployment(deployment);
console.log(`deployed to chain ${chainId}:`, deployment.contracts);
