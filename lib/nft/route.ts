import 'server-only';
import { connection } from 'next/server';
import { isUnreachable, jsonError } from '../http';
import type { ProductView } from '../market/types';
import { readToken, type TokenApplication } from './read';
import { tokenIdSchema } from './tokenId';

/**
 * Shared by the token routes: validates the id (400), reads the token (404 when missing, 503 when the node
 * is unreachable) and hands it to `respond`. Never prerendered: it reads chain state.
 */
export async function withToken(
  params: Promise<{ id: string }>,
  respond: (tokenId: bigint, token: { product: ProductView; application: TokenApplication | null }) => Response,
): Promise<Response> {
  await connection();
  const parsed = tokenIdSchema.safeParse((await params).id);
  if (!parsed.success) return jsonError(400, parsed.error.issues[0]!.message);
  try {
    const token = await readToken(parsed.data);
    if (!token) return jsonError(404, `token ${parsed.data} does not exist`);
    return respond(parsed.data, token);
  } catch (error) {
    if (isUnreachable(error)) return jsonError(503, 'the chain node cannot be reached; try again shortly');
    throw error;
  }
}
