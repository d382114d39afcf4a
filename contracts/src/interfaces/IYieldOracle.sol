// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IYieldOracle
/// @notice The market-average yield per whole hashrate unit per day, per coin.
interface IYieldOracle {
    /// @notice Median of the counting reports for `coin` (HashrateNFT.Coin as uint8) on UTC day `day`, and how many
    /// reports counted. A median of 0 means the day has no value (too few counting reports).
    function averageOf(uint8 coin, uint256 day) external view returns (uint256 median, uint256 reports);
}
