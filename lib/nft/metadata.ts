import { formatAmount } from '../format/amount';
import { formatHashrate, hashrateUnit, yieldToken } from '../format/hashrate';
import { termDays } from '../format/time';
import type { ProductView } from '../market/types';

const TOKENS_PER_PRODUCT = 1_000_000n;

/** ERC-721 metadata in the OpenSea convention. */
export type NftMetadata = {
  name: string;
  description: string;
  image: string;
  external_url: string;
  attributes: { trait_type: string; value: string | number; display_type?: 'number' | 'date' }[];
};

/** A token's serial within its product (HashrateNFT ids are `productId × 1,000,000 + serial`). */
export function serialOf(tokenId: bigint): bigint {
  return tokenId % TOKENS_PER_PRODUCT;
}

/** The product a token belongs to (HashrateNFT.productIdOf: pure arithmetic, no chain read). */
export function productIdOf(tokenId: bigint): bigint {
  return tokenId / TOKENS_PER_PRODUCT;
}

/** The id of a product's NFT number `serial` (serials start at 1). */
export function tokenIdOf(productId: bigint, serial: bigint): bigint {
  return productId * TOKENS_PER_PRODUCT + serial;
}

/** A link to inspect a miner's node on a public explorer (FIL: Filfox). */
export function nodeExplorerUrl(coin: ProductView['coin'], nodeId: string): string | null {
  return coin === 'FIL' ? `https://filfox.info/en/address/${encodeURIComponent(nodeId)}` : null;
}

/** The miner application the product was approved under (DAO vote), as far as the metadata needs it. */
export type MetadataApplication = { id: bigint; name: string; documentsURI: string; documentsHash: string };

export function buildMetadata(tokenId: bigint, p: ProductView, origin: string, application: MetadataApplication | null = null): NftMetadata {
  const hashrate = formatHashrate(p.hashratePerNFT, p.coin);
  const token = yieldToken(p.coin);
  const days = termDays(p.termStart, p.termEnd);
  const explorer = nodeExplorerUrl(p.coin, p.nodeId);
  return {
    name: `${hashrate} ${p.coin} hashrate · ${p.nodeId} #${serialOf(tokenId)}`,
    description:
      `${hashrate} of effective ${p.coin} mining power from node ${p.nodeId}, operated by ` +
      (application ? `${application.name} (${p.miner}), approved by DAO vote on miner application #${application.id}, ` : `miner ${p.miner}, `) +
      `for ${days} days (DMEX product ${p.productId}). The holder is entitled to the yield of this hashrate over the term.` +
      (explorer ? ` Verify the node: ${explorer}` : ''),
    image: `${origin}/api/nft/${tokenId}/image`,
    external_url: `${origin}/nft/${tokenId}`,
    attributes: [
      { trait_type: 'Coin', value: p.coin },
      { trait_type: 'Node ID', value: p.nodeId },
      { trait_type: `Hashrate (${hashrateUnit(p.coin)})`, value: Number(p.hashratePerNFT) / 1000, display_type: 'number' },
      { trait_type: 'Term (days)', value: Number(days), display_type: 'number' },
      { trait_type: 'Term start', value: Number(p.termStart), display_type: 'date' },
      { trait_type: 'Term end', value: Number(p.termEnd), display_type: 'date' },
      {
        trait_type: `Expected daily yield per ${hashrateUnit(p.coin)} (${token.symbol})`,
        value: formatAmount(p.expectedDailyYieldPerUnit, token.decimals, { maxFractionDigits: 8 }),
      },
      { trait_type: 'Miner', value: p.miner },
      { trait_type: 'Product', value: Number(p.productId) },
      ...(application
        ? [
            { trait_type: 'Miner name', value: application.name },
            { trait_type: 'Application', value: Number(application.id) },
            { trait_type: 'Miner documents', value: application.documentsURI },
            { trait_type: 'Documents hash', value: application.documentsHash },
          ]
        : []),
      ...(explorer ? [{ trait_type: 'Verify node', value: explorer }] : []),
    ],
  };
}

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The token's image: an SVG card with the coin, hashrate, node and term. */
export function buildImageSvg(tokenId: bigint, p: ProductView): string {
  const hashrate = escapeXml(formatHashrate(p.hashratePerNFT, p.coin));
  const color = p.coin === 'FIL' ? '#0090ff' : '#f7931a';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#0f172a"/><stop offset="1" stop-color="${color}"/></linearGradient></defs>
<rect width="512" height="512" rx="32" fill="url(#g)"/>
<text x="40" y="80" font-family="system-ui,sans-serif" font-size="28" fill="#cbd5e1">DMEX · ${p.coin} hashrate</text>
<text x="40" y="250" font-family="system-ui,sans-serif" font-size="96" font-weight="700" fill="#fff">${hashrate}</text>
<text x="40" y="320" font-family="ui-monospace,monospace" font-size="32" fill="#e2e8f0">${escapeXml(p.nodeId)}</text>
<text x="40" y="380" font-family="system-ui,sans-serif" font-size="26" fill="#cbd5e1">${termDays(p.termStart, p.termEnd)} days · product ${p.productId}</text>
<text x="40" y="460" font-family="ui-monospace,monospace" font-size="28" fill="#fff">#${serialOf(tokenId)}</text>
</svg>`;
}
