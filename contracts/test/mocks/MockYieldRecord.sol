// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IYieldRecord} from "../../src/interfaces/IYieldRecord.sol";

/// @notice TEST ONLY. The yield deposited per product and day, set directly.
contract MockYieldRecord is IYieldRecord {
    mapping(uint256 productId => mapping(uint256 day => uint256)) public deposited;

    function setDeposited(uint256 productId, uint256 day, uint256 amount) external {
        deposited[productId][day] = amount;
    }

    function depositedOn(uint256 productId, uint256 day) external view returns (uint256) {
        return deposited[productId][day];
    }
}
