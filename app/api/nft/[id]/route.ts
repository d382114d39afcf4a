import { NextResponse, type NextRequest } from 'next/server';
import { buildMetadata } from '@/lib/nft/metadata';
import { withToken } from '@/lib/nft/route';

/** GET /api/nft/[id] — ERC-721 metadata JSON for `tokenURI`. 400 for a malformed id, 404 for no such token. */
export function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  return withToken(params, (tokenId, token) =>
    NextResponse.json(buildMetadata(tokenId, token.product, request.nextUrl.origin, token.application), {
      headers: { 'cache-control': 'public, max-age=60' },
    }),
  );
}
