import type { NextRequest } from 'next/server';
import { buildImageSvg } from '@/lib/nft/metadata';
import { withToken } from '@/lib/nft/route';

/** GET /api/nft/[id]/image — the token's SVG image. */
export function GET(_request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  return withToken(
    params,
    (tokenId, token) =>
      new Response(buildImageSvg(tokenId, token.product), {
        headers: { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=3600' },
      }),
  );
}
