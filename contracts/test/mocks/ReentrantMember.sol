// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Council} from "../../src/Council.sol";

/// @notice A council member contract whose {attack} calls back into {Council-execute} for the same transaction,
/// from inside that transaction's execution. Used to show `execute` is non-reentrant.
contract ReentrantMember {
    Council public immutable council;

    constructor(Council council_) {
        council = council_;
    }

    function attack(uint256 id) external {
        council.execute(id);
    }

    function approve(uint256 id) external {
        council.approve(id);
    }
}
