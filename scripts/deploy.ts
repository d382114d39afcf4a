// Deploys the contracts to any EVM chain and writes deployments/<chainId>.json.
//   RPC_URL=https://... DEPLOYER_PRIVATE_KEY=0x... PAYMENT_TOKEN=0x... TREASURY=0x... \
//   METADATA_BASE_URI=https://your.app/api/nft/ npm run deploy
// Then `npm run abi` and build the app with NEXT_PUBLIC_CHAIN_ID set (see README).
import { createPublicClient, http, type Address, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { z } from 'zod';
import { devAccounts } from '../lib/chain/devAccounts';
import { LOCAL_CHAIN_ID } from './lib/anvil';
import { deployAll } from './lib/deploy';
import { writeDeployment } from './lib/deployment';

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/).transform((a) => a as Address);
const env = z
  .object({
    RPC_URL: z.string().url().default('http://127.0.0.1:8545'),
    DEPLOYER_PRIVATE_KEY: z.string().regex(/^0x[0-9a-fA-F]{64}$/).optional(),
    PAYMENT_TOKEN: address.optional(),
    TREASURY: address.optional(),
    FEE_BPS: z.coerce.bigint().default(200n),
    METADATA_BASE_URI: z.string().url().default('http://localhost:3000/api/nft/'),
  })
  .parse(process.env);

const chainId = await createPublicClient({ transport: http(env.RPC_URL) }).getChainId();
const local = chainId === LOCAL_CHAIN_ID;
if (!local && (!env.DEPLOYER_PRIVATE_KEY || !env.PAYMENT_TOKEN || !env.TREASURY)) {
  throw new Error('off the local chain DEPLOYER_PRIVATE_KEY, PAYMENT_TOKEN and TREASURY are required');
}
const deployer = env.DEPLOYER_PRIVATE_KEY ? privateKeyToAccount(env.DEPLOYER_PRIVATE_KEY as Hex) : devAccounts.deployer;
const deployment = await deployAll({
  rpcUrl: env.RPC_URL,
  chainId,
  deployer,
  treasury: env.TREASURY ?? devAccounts.treasury,
  feeBps: env.FEE_BPS,
  metadataBaseURI: env.METADATA_BASE_URI,
  paymentToken: env.PAYMENT_TOKEN,
});
writeDeployment(deployment);
console.log(`deployed to chain ${chainId}:`, deployment.contracts);
