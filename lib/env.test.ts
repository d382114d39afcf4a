import { describe, expect, it } from 'vitest';
import { LOCAL_CHAIN_ID, parsePublicEnv } from './env';

describe('parsePublicEnv', () => {
  it('defaults to the local chain', () => {
    expect(parsePublicEnv({})).toEqual({ chainId: LOCAL_CHAIN_ID, chainName: 'Anvil (local)' });
  });

  it('reads every variable', () => {
    expect(parsePublicEnv({ chainId: '314', chainName: 'Filecoin', explorerUrl: 'https://filfox.info', walletConnectProjectId: 'abc' })).toEqual({
      chainId: 314,
      chainName: 'Filecoin',
      explorerUrl: 'https://filfox.info',
      walletConnectProjectId: 'abc',
    });
  });

  it.each(['0', '-1', '1.5', 'abc', ''])('refuses the chain id "%s" in words', (chainId) => {
    expect(() => parsePublicEnv({ chainId })).toThrow(/NEXT_PUBLIC_CHAIN_ID must be a positive integer/);
  });

  it('refuses an explorer URL that does not parse', () => {
    expect(() => parsePublicEnv({ explorerUrl: 'not a url' })).toThrow(/NEXT_PUBLIC_EXPLORER_URL must be a URL/);
  });
});
