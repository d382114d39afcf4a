// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IStakeGate
/// @notice What the MinerRegistry asks before it returns a stake: the DefaultGuard reverts while the product's
/// escrow is halted or its last window is in default.
interface IStakeGate {
    /// @notice Reverts unless the stake of `productId`'s miner may be released now.
    function checkStakeRelease(uint256 productId) external view;
}
