// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice The sale channel's side of HashrateNFT `listUnminted`: records a product's NFTs put on sale unminted.
interface IUnmintedSaleChannel {
    /// @notice `quantity` NFTs of `productId`, ids from `firstTokenId` on, are on sale at `price` each, sold by
    /// `miner` and minted to each buyer on purchase. Only the NFT calls it.
    function listProduct(uint256 productId, address miner, uint256 firstTokenId, uint256 quantity, uint256 price)
        external;
}
