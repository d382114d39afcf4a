// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DefaultFixture} from "./utils/DefaultFixture.sol";
import {Marketplace} from "../src/Marketplace.sol";
import {RevenueEscrow} from "../src/RevenueEscrow.sol";
import {HashrateNFT} from "../src/HashrateNFT.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

/// @notice Issue 12, finding 5: "a seller can empty an NFT in front of a nextBuyer". A fixed-price listing leaves the
/// NFT with its seller, who could claim its escrow refund (or insurance payout, or yield) between the nextBuyer's
/// look and the nextBuyer's purchase. The nextBuyer commits to the token's claim nonce; any claim moves it and the purchase
/// fails. Auctions hold the NFT, so nothing can be claimed out of it until settlement.
contract WhatTheBuyerSeesTest is DefaultFixture {
    address internal holder = address(0x401D);
    address internal nextBuyer = address(0xB0B2);
    uint256 internal t;

    function setUp() public override {
        super.setUp();
        t = _tok(1);
        usdt.mint(holder, 100e6);
        usdt.mint(nextBuyer, 100e6);
        vm.prank(holder);
        usdt.approve(address(market), type(uint256).max);
        vm.prank(nextBuyer);
        usdt.approve(address(market), type(uint256).max);
        vm.prank(holder);
        nft.setApprovalForAll(address(market), true);
        // the holder bought token 1 on its primary sale: 9.50 USDT of the 10 sits in the escrow for it
        vm.startPrank(miner);
        nft.setApprovalForAll(address(market), true);
        market.list(t, 10e6);
        vm.stopPrank();
        vm.prank(holder);
        market.buy(t, 10e6, 0);
    }

    function _ids(uint256 id) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](1);
        ids[0] = id;
    }

    function _haltOnDay5() internal {
        _warpToDay(firstDay + 5);
        vm.prank(governance);
        guard.haltByGovernance(pid);
    }

    function test_RefundClaimedInFrontOfThePurchase_PurchaseFails() public {
        _haltOnDay5();
        vm.prank(holder);
        market.list(t, 8e6);
        // what the nextBuyer sees: a refund of about 8 USDT and the token's claim nonce
        uint256 seenNonce = nft.claimNonce(t);
        uint256 seenRefund = escrow.refundable(t);
        vm.assertGt(seenRefund, 8e6, "a refund worth the price");

        // the attack: the holder claims the refund first
        vm.prank(holder);
        escrow.claimRefund(_ids(t));
        vm.assertEq(nft.claimNonce(t), seenNonce + 1, "the claim moved the nonce");

        uint256 before = usdt.balanceOf(nextBuyer);
        vm.expectRevert(
            abi.encodeWithSelector(Marketplace.MarketplaceTokenValueChanged.selector, t, seenNonce, seenNonce + 1)
        );
        vm.prank(nextBuyer);
        market.buy(t, 8e6, seenNonce);
        vm.assertEq(usdt.balanceOf(nextBuyer), before, "the nextBuyer paid nothing");
        vm.assertEq(nft.ownerOf(t), holder, "and got nothing");

        // a nextBuyer who looks again sees the empty NFT and may still buy it, knowingly
        uint256 lookedAgain = nft.claimNonce(t);
        vm.prank(nextBuyer);
        market.buy(t, 8e6, lookedAgain);
        vm.assertEq(nft.ownerOf(t), nextBuyer, "bought at the nonce it saw");
    }

    function test_UnclaimedToken_BuysAtTheNonceSeen() public {
        _haltOnDay5();
        vm.prank(holder);
        market.list(t, 8e6);
        uint256 refund = escrow.refundable(t);
        uint256 seen = nft.claimNonce(t);
        vm.prank(nextBuyer);
        market.buy(t, 8e6, seen);
        vm.prank(nextBuyer);
        escrow.claimRefund(_ids(t));
        vm.assertEq(usdt.balanceOf(nextBuyer), 100e6 - 8e6 + refund, "the nextBuyer got the refund it saw");
    }

    function test_InsurancePayoutClaimedInFrontOfThePurchase_PurchaseFails() public {
        _warpToDay(firstDay + 7);
        guard.flag(pid, firstDay);
        vm.warp(guard.challengeEndsAt(pid));
        guard.finalize(pid);
        usdt.mint(address(fund), 100e6);
        vm.prank(governance);
        uint256 payout = fund.openPayout(pid, IERC20(address(usdt)), 100e6);
        vm.prank(holder);
        market.list(t, 1e6);
        uint256 seenNonce = nft.claimNonce(t);

        vm.prank(holder);
        fund.claimPayout(payout, _ids(t));
        vm.expectRevert(
            abi.encodeWithSelector(Marketplace.MarketplaceTokenValueChanged.selector, t, seenNonce, seenNonce + 1)
        );
        vm.prank(nextBuyer);
        market.buy(t, 1e6, seenNonce);
    }

    /// @dev An auctioned NFT is held by the market: its seller is no longer its holder and cannot claim out of it;
    /// the winner gets the whole refund the bidders saw.
    function test_AuctionedNft_CannotBeEmptiedBeforeSettlement() public {
        _haltOnDay5();
        uint256 refund = escrow.refundable(t);
        vm.prank(holder);
        market.createAuction(t, 1e6, 1 hours, 100);
        vm.prank(nextBuyer);
        market.bid(t, 2e6);
        vm.expectRevert(
            abi.encodeWithSelector(RevenueEscrow.RevenueEscrowNotHolder.selector, t, holder, address(market))
        );
        vm.prank(holder);
        escrow.claimRefund(_ids(t));
        vm.warp(block.timestamp + 1 hours);
        market.settle(t);
        vm.prank(nextBuyer);
        escrow.claimRefund(_ids(t));
        vm.assertEq(usdt.balanceOf(nextBuyer), 100e6 - 2e6 + refund, "the winner got the whole refund");
    }

    function test_RecordClaims_OnlyTheClaimContracts() public {
        bytes32 role = nft.CLAIMS_ROLE();
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, holder, role));
        vm.prank(holder);
        nft.recordClaims(_ids(t)); // a griefer cannot invalidate every pending purchase
        vm.assertTrue(nft.hasRole(nft.ESCROW_ROLE(), address(escrow)), "escrow records refunds");
        vm.assertFalse(nft.hasRole(role, address(escrow)), "through recordRefunds only");
        uint256[] memory data = new uint256[](1);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, holder, nft.ESCROW_ROLE())
        );
        vm.prank(holder);
        nft.recordRefunds(_ids(t), data); // nor end a stream
        vm.assertTrue(nft.hasRole(role, address(fund)), "insurance records payouts");
    }

    /// @dev Eight nonces share a word: bumping some tokens moves exactly their nonces, each by its count.
    function testFuzz_RecordClaims_MovesOnlyTheClaimedTokens(uint256 base, uint8[16] calldata picks) public {
        base = bound(base, 1, type(uint64).max) << 3;
        uint256[] memory ids = new uint256[](picks.length);
        uint256[16] memory expected;
        for (uint256 i; i < picks.length; ++i) {
            uint256 k = picks[i] % 16;
            ids[i] = base + k;
            ++expected[k];
        }
        bytes32 role = nft.CLAIMS_ROLE();
        vm.prank(governance);
        nft.grantRole(role, address(this));
        nft.recordClaims(ids);
        for (uint256 k; k < 16; ++k) {
            vm.assertEq(nft.claimNonce(base + k), expected[k], "nonce of each token");
        }
        vm.assertEq(nft.claimNonce(base - 1), 0, "neighbour below untouched");
        vm.assertEq(nft.claimNonce(base + 16), 0, "neighbour above untouched");
        (address owner, bool sold, uint256 nonce) = nft.saleState(base);
        vm.assertEq(owner, address(0), "never minted");
        vm.assertFalse(sold, "never minted is not sold");
        vm.assertEq(nonce, expected[0], "saleState carries the nonce");
    }

    function test_SaleState_OfAMintedToken() public view {
        (address owner, bool sold, uint256 nonce) = nft.saleState(t);
        vm.assertEq(owner, holder, "owner");
        vm.assertTrue(sold, "sold once");
        vm.assertEq(nonce, 0, "never claimed");
        (, bool sold2,) = nft.saleState(_tok(2));
        vm.assertFalse(sold2, "token 2 unsold");
    }
}
