import 'server-only';
import type { Address, Hex } from 'viem';
import { getServerClient } from '../chain/serverClient';
import { getDeployment } from '../chain/contracts';
import { hashrateNftAbi } from '../../contracts-abi/HashrateNFT.gen';
import { minerRegistryAbi } from '../../contracts-abi/MinerRegistry.gen';
import { coinFromIndex } from '../format/hashrate';
import type { ProductView } from '../market/types';
import { productIdOf } from './metadata';

/** The miner application, approved by DAO vote, that a product was minted under. */
export type TokenApplication = { id: bigint; name: string; documentsURI: string; documentsHash: Hex };

/** Reads a token's owner, product and application, or null when the token does not exist. */
export async function readToken(tokenId: bigint): Promise<{ owner: Address; product: ProductView; application: TokenApplication | null } | null> {
  const client = getServerClient();
  const { HashrateNFT, MinerRegistry } = getDeployment();
  const productId = productIdOf(tokenId);
  try {
    const [owner, p, applicationId] = await Promise.all([
      client.readContract({ address: HashrateNFT, abi: hashrateNftAbi, functionName: 'ownerOf', args: [tokenId] }),
      client.readContract({ address: HashrateNFT, abi: hashrateNftAbi, functionName: 'product', args: [productId] }),
      client.readContract({ address: MinerRegistry, abi: minerRegistryAbi, functionName: 'productApplication', args: [productId] }),
    ]);
    let application: TokenApplication | null = null;
    if (applicationId !== 0n) {
      const a = await client.readContract({ address: MinerRegistry, abi: minerRegistryAbi, functionName: 'application', args: [applicationId] });
      application = { id: applicationId, name: a.name, documentsURI: a.documentsURI, documentsHash: a.documentsHash };
    }
    return { owner, product: { ...p, productId, coin: coinFromIndex(p.coin) }, application };
  } catch (error) {
    const name = (error as { cause?: { data?: { errorName?: string } } })?.cause?.data?.errorName;
    if (name === 'ERC721NonexistentToken' || name === 'HashrateNFTUnknownProduct') return null;
    throw error;
  }
}
