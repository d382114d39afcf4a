import { encodeAbiParameters, keccak256, toBytes, toHex, zeroHash, type Address, type Hex } from 'viem';

/** The salt OpenZeppelin's GovernorTimelockControl queues a proposal with: bytes20(governor) ^ descriptionHash. */
export function governorTimelockSalt(governor: Address, description: string): Hex {
  const descriptionHash = BigInt(keccak256(toBytes(description)));
  return toHex((BigInt(governor) << 96n) ^ descriptionHash, { size: 32 });
}

/** TimelockController.hashOperationBatch, computed locally. */
export function timelockOperationId(targets: readonly Address[], values: readonly bigint[], payloads: readonly Hex[], predecessor: Hex, salt: Hex): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: 'address[]' }, { type: 'uint256[]' }, { type: 'bytes[]' }, { type: 'bytes32' }, { type: 'bytes32' }],
      [targets, values, payloads, predecessor, salt],
    ),
  );
}

/** The timelock operation a queued governor proposal waits in. */
export function proposalOperationId(governor: Address, p: { targets: readonly Address[]; values: readonly bigint[]; calldatas: readonly Hex[]; description: string }): Hex {
  return timelockOperationId(p.targets, p.values, p.calldatas, zeroHash, governorTimelockSalt(governor, p.description));
}

const ROLE_SELECTORS = new Set(['0x2f2ff15d', '0xd547741f', '0x36568abe']); // grantRole, revokeRole, renounceRole

/**
 * Whether the council may cancel a queued decision: CouncilGate.cancellable, computed locally. A decision that
 * calls the council or its gate, or grants, revokes or renounces a timelock role, is the DAO deciding about the
 * council, and the gate refuses to cancel it.
 */
export function councilMayCancel(actions: { targets: readonly Address[]; calldatas: readonly Hex[] }, a: { Council: Address; CouncilGate: Address; Timelock: Address }): boolean {
  return actions.targets.every((target, i) => {
    const t = target.toLowerCase();
    if (t === a.Council.toLowerCase() || t === a.CouncilGate.toLowerCase()) return false;
    return !(t === a.Timelock.toLowerCase() && ROLE_SELECTORS.has((actions.calldatas[i] ?? '0x').slice(0, 10).toLowerCase()));
  });
}
