// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice TEST ONLY. Stands in for the RevenueEscrow's `isHalted` where a test halts products by hand.
contract HaltSwitch {
    mapping(uint256 productId => bool) public isHalted;

    function setHalted(uint256 productId, bool halted) external {
        isHalted[productId] = halted;
    }
}
