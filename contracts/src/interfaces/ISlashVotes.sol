// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title ISlashVotes
/// @notice What the MinerRegistry asks the DAO's governor before it returns a stake.
interface ISlashVotes {
    /// @notice Whether a proposal to `slash(applicationId)` is Pending, Active, Succeeded or Queued.
    function slashVotePending(uint256 applicationId) external view returns (bool);
}
