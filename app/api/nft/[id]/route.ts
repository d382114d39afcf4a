import { NextResponse, connection, type NextRequest } from 'next/server';
import { buildMetadata } from '@/lib/nft/metadata';
import { readToken } from '@/lib/nft/read';
import { tokenIdSchema } from '@/lib/nft/tokenId';
import { isUnreachable, jsonError } from '@/lib/http';

/** GET /api/nft/[id] — ERC-721 metadata JSON for `tokenURI`. 400 for a malformed id, 404 for no such token. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  await connection();
  const parsed = tokenIdSchema.safeParse((await params).id);
  if (!parsed.success) return jsonError(400, parsed.error.issues[0]!.message);
  try {
    const token = await readToken(parsed.data);
    if (!token) return jsonError(404, `token ${parsed.data} does not exist`);
    return NextResponse.json(buildMetadata(parsed.data, token.product, request.nextUrl.origin), {
      headers: { 'cache-control': 'public, max-age=60' },
    });
  } catch (error) {
    if (isUnreachable(error)) return jsonError(503, 'the chain node cannot be reached; try again shortly');
    throw error;
  }
}
