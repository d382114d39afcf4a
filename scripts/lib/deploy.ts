// Deploys DMEX's contracts with viem from the forge artifacts.
import {
  createPublicClient,
  createWalletClient,
  getAddress,
  http,
  keccak256,
  toHex,
  type Account,
  type Address,
  type Hex,
} from 'viem';
import { foundry } from 'viem/chains';
import { LOCAL_CHAIN_ID } from './anvil';
import { loadArtifact, type ContractName } from './artifacts';
import type { Deployment } from './deployment';

export type DeployOptions = {
  rpcUrl: string;
  chainId: number;
  /** An unlocked anvil address on the local chain, or a private-key account elsewhere. */
  deployer: Account | Address;
  /** Who receives trading fees. */
  treasury: Address;
  /** Trading fee in basis points (200 = 2%). */
  feeBps: bigint;
  /** Base of tokenURI: the app's metadata route, e.g. http://localhost:3000/api/nft/ */
  metadataBaseURI: string;
  /** The stablecoin sales are paid in. Omitted on the local chain: MockUSDT is deployed. */
  paymentToken?: Address;
};

export const ISSUER_ROLE = keccak256(toHex('ISSUER_ROLE'));

export async function deployAll(opts: DeployOptions): Promise<Deployment> {
  const chain = { ...foundry, id: opts.chainId, rpcUrls: { default: { http: [opts.rpcUrl] } } };
  const transport = http(opts.rpcUrl);
  const publicClient = createPublicClient({ chain, transport });
  const wallet = createWalletClient({ chain, transport, account: opts.deployer });
  const startBlock = Number(await publicClient.getBlockNumber()) + 1;

  async function deploy(name: ContractName, args: unknown[]): Promise<Address> {
    const { abi, bytecode } = loadArtifact(name);
    const hash = await wallet.deployContract({ abi, bytecode, args, account: opts.deployer, chain });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success' || !receipt.contractAddress) throw new Error(`deploying ${name} failed`);
    return getAddress(receipt.contractAddress);
  }
  async function send(address: Address, name: ContractName, functionName: string, args: unknown[]): Promise<void> {
    const { abi } = loadArtifact(name);
    const hash: Hex = await wallet.writeContract({ address, abi, functionName, args, account: opts.deployer, chain });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success') throw new Error(`${name}.${functionName} failed`);
  }

  const admin = typeof opts.deployer === 'string' ? opts.deployer : opts.deployer.address;
  let paymentToken = opts.paymentToken;
  const mocks: Deployment['mocks'] = {};
  if (!paymentToken) {
    if (opts.chainId !== LOCAL_CHAIN_ID) throw new Error('a payment token address is required off the local chain');
    paymentToken = mocks.MockUSDT = await deploy('MockUSDT', []);
  }
  const nft = await deploy('HashrateNFT', [admin, opts.metadataBaseURI]);
  const market = await deploy('Marketplace', [admin, nft, paymentToken, opts.treasury, opts.feeBps]);
  // The deployer issues products until the MinerRegistry (approved by DAO vote) takes the role over.
  await send(nft, 'HashrateNFT', 'grantRole', [ISSUER_ROLE, admin]);

  return {
    chainId: opts.chainId,
    startBlock,
    contracts: { HashrateNFT: nft, Marketplace: market, PaymentToken: paymentToken },
    mocks,
  };
}
