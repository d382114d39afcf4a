import { describe, expect, it } from 'vitest';
import { MAX_BATCH, disallowedMethod, rpcBodySchema } from './rpcProxy';

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
