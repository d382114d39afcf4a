import { describe, expect, it } from 'vitest';
import { encodeFunctionData, keccak256, toBytes, type Address } from 'viem';
import { councilAbi, marketplaceAbi, timelockControllerAbi } from '@/contracts-abi';
import { councilMayCancel } from './timelock';

const at = (n: number) => `0x${n.toString(16).padStart(40, '0')}` as Address;
const a = { Council: at(1), CouncilGate: at(2), Timelock: at(3) };
const market = at(4);
const fee = encodeFunctionData({ abi: marketplaceAbi, functionName: 'setFeeBps', args: [300n] });

describe('councilMayCancel (CouncilGate.cancellable, locally)', () => {
  it('lets the council cancel an ordinary decision', () => {
    expect(councilMayCancel({ targets: [market], calldatas: [fee] }, a)).toBe(true);
  });

  it('refuses decisions about the council: its members, its gate, any timelock role', () => {
    const replace = encodeFunctionData({ abi: councilAbi, functionName: 'replaceMember', args: [at(9), at(10)] });
    const revoke = encodeFunctionData({ abi: timelockControllerAbi, functionName: 'revokeRole', args: [keccak256(toBytes('CANCELLER_ROLE')), a.CouncilGate] });
    expect(councilMayCancel({ targets: [a.Council], calldatas: [replace] }, a)).toBe(false);
    expect(councilMayCancel({ targets: [a.Timelock], calldatas: [revoke] }, a)).toBe(false);
    expect(councilMayCancel({ targets: [a.CouncilGate], calldatas: ['0x'] }, a)).toBe(false);
    // one such call in a batch is enough
    expect(councilMayCancel({ targets: [market, a.Council], calldatas: [fee, replace] }, a)).toBe(false);
    // a timelock call that is not about roles (the delay) stays cancellable
    const delay = encodeFunctionData({ abi: timelockControllerAbi, functionName: 'updateDelay', args: [7200n] });
    expect(councilMayCancel({ targets: [a.Timelock], calldatas: [delay] }, a)).toBe(true);
  });
});
