// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title ISlashVotes
/// @notice What the MinerRegistry asks the DAO's governor before it returns a stake.
interface ISlashVotes {
    /// @notice Whether a proposal calling `registry.slash(applicationId)` is Pending, Active, Succeeded or Queued.
    /// Only proposals whose call targets `registry` count: `slash(uint256)` on any other contract freezes nothing.
    function slashVotePending(address registry, uint256 applicationId) external view returns (bool);
}
