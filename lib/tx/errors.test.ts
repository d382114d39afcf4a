import { ContractFunctionRevertedError, encodeErrorResult, type Abi } from 'viem';
import { describe, expect, it } from 'vitest';
import * as abis from '@/contracts-abi';
import { defaultGuardAbi, hashrateNftAbi, marketplaceAbi, minerRegistryAbi, revenueEscrowAbi, yieldOracleAbi } from '@/contracts-abi';
import { en } from '../i18n/messages/en';
import { zh } from '../i18n/messages/zh';
import { createTranslator } from '../i18n/catalogs';
import { describeError } from './errors';

describe('every YieldOracle revert has words', () => {
  it('in English and Chinese', () => {
    const names = yieldOracleAbi.filter((x) => x.type === 'error' && x.name.startsWith('YieldOracle')).map((x) => (x as { name: string }).name);
    expect(names).toContain('YieldOracleAlreadyReported');
    for (const name of names) {
      expect(en[`errors.${name}` as keyof typeof en], name).toBeTruthy();
      expect(zh[`errors.${name}` as keyof typeof zh], name).toBeTruthy();
    }
  });

  it('a repeat report says reports are final', () => {
    const data = encodeErrorResult({
      abi: yieldOracleAbi,
      errorName: 'YieldOracleAlreadyReported',
      args: [0, 20_000n, '0xdD2FD4581271e230360230F9337D5c0430Bf44C0'],
    });
    const d = describeError(new ContractFunctionRevertedError({ abi: yieldOracleAbi, data, functionName: 'report' }), 'en-US');
    expect(d.key).toBe('errors.YieldOracleAlreadyReported');
    expect(createTranslator('en')(d.key, d.vars)).toBe('You already reported this coin for this day; a report is final and cannot be changed.');
    expect(createTranslator('zh')(d.key, d.vars)).toBe('你已提交过该币种这一天的报告；报告一经提交即为最终结果，不能修改。');
  });
});

describe('every custom error of every contract has words', () => {
  it('in English and Chinese, with a placeholder only for the error’s own arguments', () => {
    const items = (Object.values(abis) as unknown[])
      .filter((abi): abi is Abi => Array.isArray(abi))
      .flatMap((abi) => abi.filter((x) => x.type === 'error'))
      .map((x) => x as { name: string; inputs: readonly { name?: string }[] });
    expect(items.length).toBeGreaterThan(200);
    for (const item of items) {
      for (const messages of [en, zh] as Record<string, string>[]) {
        const text = messages[`errors.${item.name}`];
        expect(text, item.name).toBeTruthy();
        const allowed = new Set(['name', 'symbol', ...item.inputs.map((i) => i.name ?? '')]);
        for (const [, v] of text!.matchAll(/\{(\w+)\}/g)) expect(allowed.has(v!), `${item.name}: {${v}}`).toBe(true);
      }
    }
  });
});

describe('the risk rules’ reverts have words', () => {
  const errorNames = (abi: readonly { type: string; name?: string }[], prefix: string) =>
    abi.filter((x) => x.type === 'error' && x.name?.startsWith(prefix)).map((x) => x.name as string);

  it('every DefaultGuard and RevenueEscrow error, and the new market, NFT and registry errors, in English and Chinese', () => {
    const names = [
      ...errorNames(defaultGuardAbi, 'DefaultGuard'),
      ...errorNames(revenueEscrowAbi, 'RevenueEscrow'),
      ...errorNames(hashrateNftAbi, 'HashrateNFT').filter((n) => /Unsold|Sale|Escrow|Mismatch/.test(n)),
      'MarketplaceTransferShort',
      'MarketplaceTokenValueChanged',
      'MinerRegistryNodeOversold',
      'MinerRegistryNodeNotReleasable',
      'MinerRegistrySlashVotePending',
    ];
    expect(names).toEqual(expect.arrayContaining(['DefaultGuardChallengeOpen', 'DefaultGuardNotFlaggable', 'RevenueEscrowAmountTooLarge', 'HashrateNFTFirstSaleOutsideEscrow']));
    expect(errorNames(hashrateNftAbi, 'HashrateNFT')).toContain('HashrateNFTUnsoldTransfer');
    expect(errorNames(marketplaceAbi, 'Marketplace')).toContain('MarketplaceTransferShort');
    expect(errorNames(minerRegistryAbi, 'MinerRegistry')).toEqual(expect.arrayContaining(['MinerRegistryNodeOversold', 'MinerRegistryNodeNotReleasable']));
    for (const name of names) {
      expect(en[`errors.${name}` as keyof typeof en], name).toBeTruthy();
      expect(zh[`errors.${name}` as keyof typeof zh], name).toBeTruthy();
    }
  });

  const describeData = (abi: Abi, errorName: string, args: readonly unknown[]) =>
    describeError(
      new ContractFunctionRevertedError({ abi, data: encodeErrorResult({ abi, errorName, args } as Parameters<typeof encodeErrorResult>[0]), functionName: 'x' }),
      'en-US',
    );

  it('shows window days as dates and the end of the challenge as a UTC time', () => {
    const early = describeData(defaultGuardAbi, 'DefaultGuardTooEarly', [4n, 20_400n, 20_405n]);
    expect(early.vars).toMatchObject({ productId: '4', earliestStart: '2025-11-13' });
    const open = describeData(defaultGuardAbi, 'DefaultGuardChallengeOpen', [4n, 1_764_000_000n]);
    expect(createTranslator('en')(open.key, open.vars)).toBe(
      'The challenge period of product 4 runs until 2025-11-24 16:00 UTC: the default can be finalized only after that.',
    );
    const incomplete = describeData(defaultGuardAbi, 'DefaultGuardWindowIncomplete', [4n, 20_400n, 20_407n]);
    expect(incomplete.vars).toMatchObject({ windowStart: '2025-11-08', windowEnd: '2025-11-15' });
  });

  it('names the unsold NFT, the short payment and the oversold node', () => {
    const unsold = describeData(hashrateNftAbi, 'HashrateNFTUnsoldTransfer', [2_000_001n, '0xdD2FD4581271e230360230F9337D5c0430Bf44C0']);
    expect(createTranslator('en')(unsold.key, unsold.vars)).toMatch(/^NFT #2000001 has never been sold/);
    const short = describeData(marketplaceAbi, 'MarketplaceTransferShort', [11_900_000n, 11_800_000n]);
    expect(createTranslator('en')(short.key, short.vars)).toBe(
      'The market should have received 11.90 USDT but received 11.80 USDT (the token kept a fee): nothing was charged.',
    );
    const changed = describeData(marketplaceAbi, 'MarketplaceTokenValueChanged', [2_000_003n, 0n, 1n]);
    expect(createTranslator('en')(changed.key, changed.vars)).toMatch(/^Value was claimed out of NFT #2000003 after you looked at it .*nothing was charged/);
    const node = describeData(minerRegistryAbi, 'MinerRegistryNodeOversold', ['f01889669', 80_000n, 30_000n, 100_000n]);
    expect(node.vars).toMatchObject({ nodeId: 'f01889669', alreadySold: '80', soldHashrate: '30', effectiveHashrate: '100' });
  });
});
