// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {MarketFixture} from "./MarketFixture.sol";
import {RevenueEscrow} from "../../src/RevenueEscrow.sol";

/// @notice The market fixture plus direct access to the escrow: `depositor` holds DEPOSITOR_ROLE (tests credit
/// without a sale: they mint the USDT to the escrow first, as the Marketplace transfers before crediting) and
/// `guardian` holds HALTER_ROLE and RESUMER_ROLE. The fixture's product starts today (day `firstDay`) and runs
/// 540 days.
abstract contract EscrowFixture is MarketFixture {
    address internal depositor = address(0xDE9);
    address internal guardian = address(0x6A4D);
    uint256 internal firstDay;
    uint256 internal endDay;

    function setUp() public virtual override {
        super.setUp();
        vm.startPrank(admin);
        escrow.grantRole(escrow.DEPOSITOR_ROLE(), depositor);
        escrow.grantRole(escrow.HALTER_ROLE(), guardian);
        escrow.grantRole(escrow.RESUMER_ROLE(), guardian);
        vm.stopPrank();
        firstDay = nft.product(productId).termStart / 1 days;
        endDay = nft.product(productId).termEnd / 1 days;
    }

    /// @dev A first sale of `tokenId` to its own holder (the miner) with `amount` of proceeds: the way every credit
    /// happens (HashrateNFT `transferFromFirstSale`, called by the sale channel), without a listing.
    function _credit(uint256 tokenId, uint256 amount) internal {
        usdt.mint(address(escrow), amount);
        address holder = nft.ownerOf(tokenId);
        vm.prank(address(market));
        nft.transferFromFirstSale(holder, holder, tokenId, escrow, amount);
    }

    function _today() internal view returns (uint256) {
        return vm.getBlockTimestamp() / 1 days;
    }

    /// @dev Moves to the start of day `day` (plus an hour, so nothing sits on a boundary by accident).
    function _warpToDay(uint256 day) internal {
        vm.warp(day * 1 days + 1 hours);
    }

    function _halt() internal {
        vm.prank(guardian);
        escrow.halt(productId);
    }

    function _ids(uint256 a) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](1);
        ids[0] = a;
    }

    function _ids(uint256 a, uint256 b) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](2);
        ids[0] = a;
        ids[1] = b;
    }
}
