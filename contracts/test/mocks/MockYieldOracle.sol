// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IYieldOracle} from "../../src/interfaces/IYieldOracle.sol";

/// @notice TEST ONLY. The oracle's median per coin and day, set directly (reports = 1 when set).
contract MockYieldOracle is IYieldOracle {
    mapping(uint8 coin => mapping(uint256 day => uint256)) public median;

    function setAverage(uint8 coin, uint256 day, uint256 value) external {
        median[coin][day] = value;
    }

    function averageOf(uint8 coin, uint256 day) external view returns (uint256, uint256) {
        uint256 m = median[coin][day];
        return (m, m == 0 ? 0 : 1);
    }
}
