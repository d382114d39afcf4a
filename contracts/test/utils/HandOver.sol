// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Vm} from "./Vm.sol";
import {HashrateNFT} from "../../src/HashrateNFT.sol";
import {Marketplace} from "../../src/Marketplace.sol";
import {IRevenueEscrow} from "../../src/interfaces/IRevenueEscrow.sol";
import {MockUSDT} from "../../mocks/MockUSDT.sol";

Vm constant CHEATS = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

/// @dev Moves an NFT from its holder to `to` outside a listing. A sold NFT moves by a plain transfer; a never-sold
/// one as if sold elsewhere: the sale channel (the latest marketplace a test deployed) sells it for 1 base unit of
/// the payment token, minted to the escrow, which books it, as every first sale must pay the escrow.
function handOver(HashrateNFT nft, MockUSDT usdt, uint256 tokenId, address to) {
    address from = nft.ownerOf(tokenId);
    if (nft.isSold(tokenId)) {
        CHEATS.prank(from);
        nft.transferFrom(from, to, tokenId);
        return;
    }
    address channel = nft.saleChannel();
    IRevenueEscrow e = Marketplace(channel).escrow();
    usdt.mint(address(e), 1);
    CHEATS.prank(channel);
    nft.transferFromFirstSale(from, to, tokenId, e, 1);
}

/// @dev Sells `tokenId` to `to` through `market` at `price`, as a holder and a buyer would: the holder lists it, `to`
/// is given the price and buys it (a never-sold NFT's first sale pays the escrow, as every first sale must).
function sellThroughMarket(Marketplace market, HashrateNFT nft, MockUSDT usdt, uint256 tokenId, address to, uint256 price) {
    address seller = nft.ownerOf(tokenId);
    CHEATS.startPrank(seller);
    nft.approve(address(market), tokenId);
    market.list(tokenId, price);
    CHEATS.stopPrank();
    usdt.mint(to, price);
    CHEATS.startPrank(to);
    usdt.approve(address(market), price);
    market.buy(tokenId, price, 0);
    CHEATS.stopPrank();
}
