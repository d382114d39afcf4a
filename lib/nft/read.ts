import 'server-only';
import type { Address } from 'viem';
import { getServerClient } from '../chain/serverClient';
import { getDeployment, hashrateNftAbi } from '../chain/contracts';
import { coinFromIndex } from '../format/hashrate';
import type { ProductView } from '../market/types';

/** Reads a token's owner and product, or null when the token does not exist. */
export async function readToken(tokenId: bigint): Promise<{ owner: Address; product: ProductView } | null> {
  const client = getServerClient();
  const { HashrateNFT } = getDeployment();
  const productId = tokenId / 1_000_000n;
  try {
    const [owner, p] = await Promise.all([
      client.readContract({ address: HashrateNFT, abi: hashrateNftAbi, functionName: 'ownerOf', args: [tokenId] }),
      client.readContract({ address: HashrateNFT, abi: hashrateNftAbi, functionName: 'product', args: [productId] }),
    ]);
    return { owner, product: { ...p, productId, coin: coinFromIndex(p.coin) } };
  } catch (error) {
    const name = (error as { cause?: { data?: { errorName?: string } } })?.cause?.data?.errorName;
    if (name === 'ERC721NonexistentToken' || name === 'HashrateNFTUnknownProduct') return null;
    throw error;
  }
}
