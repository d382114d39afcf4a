// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IYieldRecord
/// @notice What default detection reads of the yield paid: the amount deposited for a product on a UTC day.
interface IYieldRecord {
    /// @notice Yield-token base units deposited for `productId` for UTC day `day` (timestamp / 1 days).
    function depositedOn(uint256 productId, uint256 day) external view returns (uint256);
}
