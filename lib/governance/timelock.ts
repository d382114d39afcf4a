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
