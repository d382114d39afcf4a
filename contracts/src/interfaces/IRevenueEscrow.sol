// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IRevenueEscrow
/// @notice What the Marketplace needs of the revenue escrow: booking primary-sale money it has just transferred.
interface IRevenueEscrow {
    /// @notice Books `amount` of the payment token, already transferred to the escrow, as the purchase money of
    /// `tokenId`, to be released to the product's miner over the rest of the term.
    function credit(uint256 tokenId, uint256 amount) external;
}
