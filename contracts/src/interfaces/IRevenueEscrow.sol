// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IRevenueEscrow
/// @notice What the hashrate NFT and the Marketplace need of the revenue escrow: booking a first sale's money
/// (already transferred to it), and paying out the marketplace fees it holds.
interface IRevenueEscrow {
    /// @notice Books `amount` of the payment token, already transferred to the escrow, as the purchase money of
    /// `tokenId`, to be released to the product's miner over the rest of the term. Only the NFT calls it, from its
    /// first-sale transfer, and stores the returned stream with the token.
    function credit(uint256 tokenId, uint256 amount) external returns (uint256 stream);

    /// @notice Sends `amount` of the marketplace fees held in the escrow (the fee of each primary sale, paid by the
    /// buyer straight to the escrow with the price) to `to`. Only the Marketplace.
    function payFees(address to, uint256 amount) external;
}
