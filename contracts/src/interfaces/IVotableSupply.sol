// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice What {DMEXGovernor} reads of DMC beyond ERC-5805: the supply that can vote (the supply minus what
/// locked holders hold), now and at a past timepoint.
interface IVotableSupply {
    function votableSupply() external view returns (uint256);
    function getPastVotableSupply(uint256 timepoint) external view returns (uint256);
    function totalSupply() external view returns (uint256);
}
