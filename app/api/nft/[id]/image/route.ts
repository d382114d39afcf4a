import { connection, type NextRequest } from 'next/server';
import { buildImageSvg } from '@/lib/nft/metadata';
import { readToken } from '@/lib/nft/read';
import { tokenIdSchema } from '@/lib/nft/tokenId';
import { isUnreachable, jsonError } from '@/lib/http';

/** GET /api/nft/[id]/image — the token's SVG image. */
export async function GET(_request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  await connection();
  const parsed = tokenIdSchema.safeParse((await params).id);
  if (!parsed.success) return jsonError(400, parsed.error.issues[0]!.message);
  try {
    const token = await readToken(parsed.data);
    if (!token) return jsonError(404, `token ${parsed.data} does not exist`);
    return new Response(buildImageSvg(parsed.data, token.product), {
      headers: { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=3600' },
    });
  } catch (error) {
    if (isUnreachable(error)) return jsonError(503, 'the chain node cannot be reached; try again shortly');
    throw error;
  }
}
