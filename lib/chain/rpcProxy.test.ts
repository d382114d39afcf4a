import { describe, expect, it } from 'vitest';
import { MAX_BATCH, RateLimiter, clientKey, disallowedMethod, rpcBodySchema } from './rpcProxy';

const call = (method: string) => ({ jsonrpc: '2.0' as const, id: 1, method, params: [] });

describe('RPC proxy policy', () => {
  it('forwards reads and signed transactions everywhere', () => {
    expect(disallowedMethod(call('eth_call'), false)).toBeNull();
    expect(disallowedMethod([call('eth_getBlockByNumber'), call('eth_sendRawTransaction')], false)).toBeNull();
  });
  it('refuses log scans on every chain: history comes from the index', () => {
    expect(disallowedMethod([call('eth_chainId'), call('eth_getLogs')], true)).toBe('eth_getLogs');
    expect(disallowedMethod(call('eth_getLogs'), false)).toBe('eth_getLogs');
  });
  it('lets anvil sign, and chain time move, only on the local chain', () => {
    for (const m of ['eth_sendTransaction', 'evm_increaseTime', 'evm_mine']) {
      expect(disallowedMethod(call(m), true)).toBeNull();
      expect(disallowedMethod(call(m), false)).toBe(m);
    }
  });
  it('never forwards node administration, even locally', () => {
    for (const m of ['anvil_setBalance', 'evm_setAccountCode', 'hardhat_impersonateAccount', 'debug_traceTransaction']) {
      expect(disallowedMethod([call('eth_chainId'), call(m)], true)).toBe(m);
    }
  });
  it('accepts JSON-RPC 2.0 calls and bounded batches only', () => {
    expect(rpcBodySchema.safeParse(call('eth_chainId')).success).toBe(true);
    expect(rpcBodySchema.safeParse({ method: 'eth_chainId' }).success).toBe(false);
    expect(rpcBodySchema.safeParse([]).success).toBe(false);
    expect(rpcBodySchema.safeParse(Array.from({ length: MAX_BATCH + 1 }, () => call('eth_chainId'))).success).toBe(false);
  });
});

describe('RPC proxy rate limit', () => {
  it('lets a client spend its burst, refuses the rest, and refills at the sustained rate', () => {
    let now = 0;
    const limiter = new RateLimiter(10, 20, () => now);
    expect(limiter.take('a', 15)).toBe(true);
    expect(limiter.take('a', 6)).toBe(false); // 5 left: a batch of 6 is refused whole
    expect(limiter.take('a', 5)).toBe(true);
    expect(limiter.take('a', 1)).toBe(false);
    expect(limiter.take('b', 20)).toBe(true); // another client has its own bucket
    now += 500; // half a second: 5 tokens back
    expect(limiter.take('a', 5)).toBe(true);
    expect(limiter.take('a', 1)).toBe(false);
    now += 60_000; // never more than the burst
    expect(limiter.take('a', 20)).toBe(true);
    expect(limiter.take('a', 1)).toBe(false);
  });
  it('keys clients by the first X-Forwarded-For address', () => {
    expect(clientKey('203.0.113.7, 10.0.0.1')).toBe('203.0.113.7');
    expect(clientKey(null)).toBe('direct');
  });
});
