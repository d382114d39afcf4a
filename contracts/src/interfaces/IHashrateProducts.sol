// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IRevenueEscrow} from "./IRevenueEscrow.sol";

/// @title IHashrateProducts
/// @notice What the marketplace needs of a hashrate NFT beyond ERC-721: who issued it, whether it was ever sold (its
/// first sale is the primary sale, whoever sells it), and the first-sale transfer that books the escrow.
interface IHashrateProducts {
    /// @notice The miner of the product `tokenId` belongs to; reverts for an unknown product.
    function minerOf(uint256 tokenId) external view returns (address);

    /// @notice Whether `tokenId` has been sold at least once (false for a token never minted).
    function isSold(uint256 tokenId) external view returns (bool);

    /// @notice How many times value was paid out of `tokenId` to its holder (an escrow refund, a yield claim, an
    /// insurance payout), modulo 2**32. A buyer commits to the nonce it saw: a sale fails if it moved since.
    function claimNonce(uint256 tokenId) external view returns (uint256);

    /// @notice {IERC721-ownerOf} (address(0) for a token never minted, instead of a revert), {isSold} and
    /// {claimNonce} in one call: what a sale checks.
    function saleState(uint256 tokenId) external view returns (address owner, bool sold, uint256 nonce);
    /// @notice Sells never-sold `tokenId` for the first time, from `from` to `to`, booking `proceeds` (already
    /// transferred to `escrow`) with the escrow. Only the NFT's sale channel.
    function transferFromFirstSale(address from, address to, uint256 tokenId, IRevenueEscrow escrow, uint256 proceeds)
        external;

    /// @notice Mints `tokenId`, on sale unminted, to its buyer `to` as its first sale, booking `proceeds` (already in
    /// `escrow`) there; returns the product's miner. Only the sale channel.
    function mintFirstSale(address to, uint256 tokenId, IRevenueEscrow escrow, uint256 proceeds)
        external
        returns (address miner);
}
