import { NextResponse, type NextRequest } from 'next/server';
import { isLocalChain } from '@/lib/env';
import { serverEnv } from '@/lib/serverEnv';
import { MAX_BODY_BYTES, RateLimiter, clientKey, disallowedMethod, rpcBodySchema } from '@/lib/chain/rpcProxy';
import { jsonError } from '@/lib/http';

let limiter: RateLimiter | null = null;

/**
 * POST /api/rpc — the browser's JSON-RPC endpoint. Forwards allowed methods to RPC_URL, so an RPC key never
 * ships to a browser and one build serves any node. Signing methods pass only on the local chain; log scans
 * never (history comes from the index). Each client has a call budget (429 past it) and the node a deadline (504).
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
  const env = serverEnv();
  limiter ??= new RateLimiter(env.RPC_RATE_PER_SECOND, env.RPC_BURST);
  const calls = Array.isArray(parsed.data) ? parsed.data.length : 1;
  if (!limiter.take(clientKey(request.headers.get('x-forwarded-for')), calls)) {
    return jsonError(429, `too many requests: at most ${env.RPC_RATE_PER_SECOND} calls a second; try again shortly`);
  }

  try {
    const upstream = await fetch(env.RPC_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: text,
      cache: 'no-store',
      signal: AbortSignal.timeout(env.RPC_TIMEOUT_MS),
    });
    return new NextResponse(await upstream.text(), {
      status: upstream.status,
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    });
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') return jsonError(504, `the chain node did not answer within ${env.RPC_TIMEOUT_MS / 1000} s`);
    return jsonError(502, 'the chain node cannot be reached');
  }
}
