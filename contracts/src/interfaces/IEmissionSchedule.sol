// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice What DMC reads of the mining contract that holds its mining reserve: how much of the reserve the schedule
/// had released by a time, and the reserve itself. Unreleased reserve does not count toward the quorum's base.
interface IEmissionSchedule {
    /// @notice DMC released by the schedule from its start until `time` (never more than {CAP}).
    function emittedAt(uint256 time) external view returns (uint256);

    /// @notice The whole reserve.
    // solhint-disable-next-line func-name-mixedcase
    function CAP() external view returns (uint256);
}
