import { NextResponse, type NextRequest } from 'next/server';
import { isLocalChain } from '@/lib/env';
import { serverEnv } from '@/lib/serverEnv';
import { MAX_BODY_BYTES, disallowedMethod, rpcBodySchema } from '@/lib/chain/rpcProxy';
import { jsonError } from '@/lib/http';

/**
 * POST /api/rpc — the browser's JSON-RPC endpoint. Forwards allowed methods to RPC_URL, so an RPC key never
 * ships to a browser and one build serves any node. Signing methods pass only on the local chain.
 */
export async function POST(request: NextRequest) {
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) return jsonError(413, `request body over ${MAX_BODY_BYTES} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return jsonError(400, 'body is not JSON');
  }
  const parsed = rpcBodySchema.safeParse(json);
  if (!parsed.success) return jsonError(400, 'body is not a JSON-RPC 2.0 request or batch (at most 100 calls)');
  const method = disallowedMethod(parsed.data, isLocalChain);
  if (method) return jsonError(403, `method ${method} is not available through this endpoint`);

  try {
    const upstream = await fetch(serverEnv().RPC_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: text,
      cache: 'no-store',
    });
    return new NextResponse(await upstream.text(), {
      status: upstream.status,
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    });
  } catch {
    return jsonError(502, 'the chain node cannot be reached');
  }
}
