import { ContractFunctionRevertedError, encodeErrorResult } from 'viem';
import { describe, expect, it } from 'vitest';
import { yieldOracleAbi } from '@/contracts-abi';
import { en } from '../i18n/messages/en';
import { zh } from '../i18n/messages/zh';
import { createTranslator } from '../i18n/translate';
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
