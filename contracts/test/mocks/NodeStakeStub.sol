// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice TEST ONLY. Stands for DMC mining's `positionOf` in the marketplace referral tests: stakes are set.
contract NodeStakeStub {
    mapping(address => uint256) public staked;

    function set(address account, uint256 amount) external {
        staked[account] = amount;
    }

    function positionOf(uint256, address account) external view returns (uint256, uint256) {
        return (staked[account], 0);
    }
}
