/**
 * Gas limit for a transaction whose estimate is `estimate`. The estimate is exact only for the block it ran
 * against: a vote-checkpointing token (DMC) writes a new checkpoint, 20k+ gas more, when the transaction lands
 * in a later second than the estimate assumed. Unused gas is not charged, so the headroom is generous.
 */
export function withGasHeadroom(estimate: bigint): bigint {
  return estimate + estimate / 5n + 60_000n;
}
