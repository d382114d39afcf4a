// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {MarketFixture} from "./utils/MarketFixture.sol";
import {Marketplace} from "../src/Marketplace.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20Errors, IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

/// @notice Unit tests of the Marketplace's English auctions: every custom error (and the NFT's own errors for
/// owner and approval), events, custody of the NFT, pull refunds, the anti-sniping extension and the fee split
/// at settlement. Hostile bidders, sellers and tokens are in MarketplaceAuctionAdversarial.t.sol.
contract MarketplaceAuctionTest is MarketFixture {
    address internal stranger = address(0x5757);
    uint256 internal t1;
    uint256 internal t2;
    uint256 internal t3;

    uint256 internal constant DURATION = 1 days;
    uint256 internal constant INCREMENT_BPS = 500; // each bid beats the last by 5%
    uint256 internal constant WINDOW = 10 minutes; // the default extension window

    function setUp() public override {
        super.setUp();
        t1 = _token(1);
        t2 = _token(2);
        t3 = _token(3);
        vm.label(stranger, "stranger");
    }

    // ================================================================ createAuction

    function test_CreateAuction_TakesNftStoresAuctionAndEmits() public {
        uint256 endTime = block.timestamp + DURATION;
        vm.expectEmit(true, true, true, true, address(market));
        emit Marketplace.AuctionCreated(t1, miner, PRICE, endTime, INCREMENT_BPS);
        vm.prank(miner);
        market.createAuction(t1, PRICE, DURATION, INCREMENT_BPS);

        vm.assertEq(nft.ownerOf(t1), address(market), "custodial: the market holds the NFT");
        Marketplace.Auction memory a = market.auction(t1);
        vm.assertEq(a.seller, miner, "seller");
        vm.assertEq(uint256(a.endTime), endTime, "end time");
        vm.assertEq(uint256(a.minIncrementBps), INCREMENT_BPS, "increment");
        vm.assertEq(a.highestBidder, address(0), "no bidder");
        vm.assertEq(uint256(a.highestBid), 0, "no bid");
        vm.assertEq(uint256(a.reservePrice), PRICE, "reserve");
        vm.assertEq(market.minNextBid(t1), PRICE, "first bid must reach the reserve");
    }

    function test_CreateAuction_AcceptsBounds() public {
        vm.startPrank(miner);
        market.createAuction(t1, 1, 1 hours, 1);
        market.createAuction(t2, type(uint96).max, 30 days, 5000);
        vm.stopPrank();
        vm.assertEq(uint256(market.auction(t1).endTime), block.timestamp + 1 hours, "shortest");
        vm.assertEq(uint256(market.auction(t1).minIncrementBps), 1, "smallest increment");
        vm.assertEq(uint256(market.auction(t1).reservePrice), 1, "smallest reserve");
        vm.assertEq(uint256(market.auction(t2).endTime), block.timestamp + 30 days, "longest");
        vm.assertEq(uint256(market.auction(t2).minIncrementBps), 5000, "largest increment");
        vm.assertEq(uint256(market.auction(t2).reservePrice), type(uint96).max, "largest reserve, not truncated");
    }

    function test_CreateAuction_DeletesFixedListingOfTheToken() public {
        _list(1, PRICE);
        vm.prank(miner);
        market.createAuction(t1, PRICE, DURATION, INCREMENT_BPS);

        vm.assertEq(market.listing(t1).seller, address(0), "listing removed");
        vm.assertEq(uint256(market.listing(t1).price), 0, "listing price removed");
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceNotListed.selector, t1));
        market.buy(t1, PRICE, 0);
    }

    /// @dev The stale listing a previous owner left is removed too (whoever its seller was).
    function test_CreateAuction_DeletesStaleListingOfPreviousOwner() public {
        _list(1, PRICE);
        _handOver(t1, buyer);
        vm.startPrank(buyer);
        nft.setApprovalForAll(address(market), true);
        market.createAuction(t1, PRICE, DURATION, INCREMENT_BPS);
        vm.stopPrank();
        vm.assertEq(market.listing(t1).seller, address(0), "stale listing removed");
        vm.assertEq(market.auction(t1).seller, buyer, "auction by the new owner");
    }

    function test_CreateAuction_LeavesOtherListings() public {
        _list(2, PRICE);
        vm.prank(miner);
        market.createAuction(t1, PRICE, DURATION, INCREMENT_BPS);
        vm.assertEq(market.listing(t2).seller, miner, "other listing kept");
    }

    /// @dev A per-token approval is enough, and it is cleared by the move into the market.
    function test_CreateAuction_WithPerTokenApproval() public {
        vm.startPrank(miner);
        nft.setApprovalForAll(address(market), false);
        nft.approve(address(market), t1);
        market.createAuction(t1, PRICE, DURATION, INCREMENT_BPS);
        vm.stopPrank();
        vm.assertEq(nft.ownerOf(t1), address(market), "taken");
        vm.assertEq(nft.getApproved(t1), address(0), "approval cleared by the transfer");
    }

    function test_RevertWhen_CreateAuctionReserveZero() public {
        vm.prank(miner);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceInvalidPrice.selector, 0));
        market.createAuction(t1, 0, DURATION, INCREMENT_BPS);
    }

    function test_RevertWhen_CreateAuctionReserveAboveUint96() public {
        uint256 tooHigh = uint256(type(uint96).max) + 1;
        vm.prank(miner);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceInvalidPrice.selector, tooHigh));
        market.createAuction(t1, tooHigh, DURATION, INCREMENT_BPS);
        _assertNoAuction(t1, miner);
    }

    function test_RevertWhen_CreateAuctionDurationTooShort() public {
        vm.prank(miner);
        vm.expectRevert(
            abi.encodeWithSelector(Marketplace.MarketplaceInvalidDuration.selector, 1 hours - 1, 1 hours, 30 days)
        );
        market.createAuction(t1, PRICE, 1 hours - 1, INCREMENT_BPS);
        vm.prank(miner);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceInvalidDuration.selector, 0, 1 hours, 30 days));
        market.createAuction(t1, PRICE, 0, INCREMENT_BPS);
        _assertNoAuction(t1, miner);
    }

    function test_RevertWhen_CreateAuctionDurationTooLong() public {
        vm.prank(miner);
        vm.expectRevert(
            abi.encodeWithSelector(Marketplace.MarketplaceInvalidDuration.selector, 30 days + 1, 1 hours, 30 days)
        );
        market.createAuction(t1, PRICE, 30 days + 1, INCREMENT_BPS);
        // Far beyond uint40 once added to now: still the duration error, no overflow or truncation.
        vm.prank(miner);
        vm.expectRevert(
            abi.encodeWithSelector(
                Marketplace.MarketplaceInvalidDuration.selector, type(uint256).max, 1 hours, 30 days
            )
        );
        market.createAuction(t1, PRICE, type(uint256).max, INCREMENT_BPS);
        _assertNoAuction(t1, miner);
    }

    function test_RevertWhen_CreateAuctionIncrementZero() public {
        vm.prank(miner);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceInvalidIncrement.selector, 0, 5000));
        market.createAuction(t1, PRICE, DURATION, 0);
        _assertNoAuction(t1, miner);
    }

    function test_RevertWhen_CreateAuctionIncrementTooHigh() public {
        vm.prank(miner);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceInvalidIncrement.selector, 5001, 5000));
        market.createAuction(t1, PRICE, DURATION, 5001);
        // 65,536 + 500 would become 500 if truncated to uint16 without the bound check.
        vm.prank(miner);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceInvalidIncrement.selector, 66_036, 5000));
        market.createAuction(t1, PRICE, DURATION, 66_036);
        _assertNoAuction(t1, miner);
    }

    /// @dev Not the owner: the NFT's own error (the market is approved by the miner, so only ownership fails).
    function test_RevertWhen_CreateAuctionCallerNotOwner() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721IncorrectOwner.selector, stranger, t1, miner));
        market.createAuction(t1, PRICE, DURATION, INCREMENT_BPS);
        _assertNoAuction(t1, miner);
    }

    /// @dev An operator of the owner is still not the owner.
    function test_RevertWhen_CreateAuctionCallerIsOperatorNotOwner() public {
        vm.prank(miner);
        nft.setApprovalForAll(stranger, true);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721IncorrectOwner.selector, stranger, t1, miner));
        market.createAuction(t1, PRICE, DURATION, INCREMENT_BPS);
        _assertNoAuction(t1, miner);
    }

    /// @dev A resale auction needs the marketplace approved; a never-sold NFT does not (the marketplace is its sale
    /// channel), but only its owner can auction it.
    function test_RevertWhen_CreateAuctionNotApproved() public {
        _handOver(t1, buyer);
        vm.startPrank(buyer);
        nft.setApprovalForAll(address(market), false);
        vm.expectRevert(
            abi.encodeWithSelector(IERC721Errors.ERC721InsufficientApproval.selector, address(market), t1)
        );
        market.createAuction(t1, PRICE, DURATION, INCREMENT_BPS);
        vm.stopPrank();
        _assertNoAuction(t1, buyer);

        vm.startPrank(miner);
        nft.setApprovalForAll(address(market), false);
        market.createAuction(t2, PRICE, DURATION, INCREMENT_BPS);
        vm.stopPrank();
        vm.assertEq(nft.ownerOf(t2), address(market), "unsold: auctioned without an approval");
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721IncorrectOwner.selector, stranger, t3, miner));
        vm.prank(stranger);
        market.createAuction(t3, PRICE, DURATION, INCREMENT_BPS);
    }

    function test_RevertWhen_CreateAuctionNonexistentToken() public {
        uint256 missing = _token(101);
        vm.prank(miner);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, missing));
        market.createAuction(missing, PRICE, DURATION, INCREMENT_BPS);
        vm.assertEq(market.auction(missing).seller, address(0), "no auction");
    }

    /// @dev The token is already under auction (the market holds it): nobody can start a second one, not even
    /// the seller, and the live auction is left as it was.
    function test_RevertWhen_CreateAuctionTwice() public {
        _auction(t1, PRICE);
        vm.prank(buyer);
        market.bid(t1, PRICE);
        vm.prank(miner);
        vm.expectRevert(
            abi.encodeWithSelector(IERC721Errors.ERC721IncorrectOwner.selector, miner, t1, address(market))
        );
        market.createAuction(t1, 1, DURATION, INCREMENT_BPS);
        Marketplace.Auction memory a = market.auction(t1);
        vm.assertEq(a.highestBidder, buyer, "live auction untouched: bidder");
        vm.assertEq(uint256(a.highestBid), PRICE, "live auction untouched: bid");
    }

    /// @dev While under auction the seller no longer owns the NFT, so it cannot be listed at a fixed price.
    function test_RevertWhen_ListTokenUnderAuction() public {
        _auction(t1, PRICE);
        vm.prank(miner);
        vm.expectRevert(
            abi.encodeWithSelector(Marketplace.MarketplaceNotTokenOwner.selector, t1, miner, address(market))
        );
        market.list(t1, PRICE);
    }

    /// @dev A fixed-price `buy` cannot take a token under auction: its listing was removed at creation.
    function test_RevertWhen_BuyTokenUnderAuction() public {
        _list(1, PRICE);
        _auction(t1, PRICE);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceNotListed.selector, t1));
        market.buy(t1, type(uint256).max, 0);
        vm.assertEq(nft.ownerOf(t1), address(market), "still held for the auction");
    }

    // ================================================================ bid

    function test_Bid_FirstBidAtReserveHoldsFundsAndEmits() public {
        uint256 endTime = _auction(t1, PRICE);
        uint256 buyerBefore = usdt.balanceOf(buyer);

        vm.expectEmit(true, true, true, true, address(market));
        emit Marketplace.BidPlaced(t1, buyer, PRICE, endTime);
        vm.prank(buyer);
        market.bid(t1, PRICE);

        vm.assertEq(buyerBefore - usdt.balanceOf(buyer), PRICE, "bidder paid the bid");
        vm.assertEq(usdt.balanceOf(address(market)), PRICE, "market holds the bid");
        Marketplace.Auction memory a = market.auction(t1);
        vm.assertEq(a.highestBidder, buyer, "highest bidder");
        vm.assertEq(uint256(a.highestBid), PRICE, "highest bid");
        vm.assertEq(uint256(a.reservePrice), 0, "reserve no longer reported once met");
        vm.assertEq(uint256(a.endTime), endTime, "bid long before the end: no extension");
        vm.assertEq(market.refundOf(buyer), 0, "nothing to refund");
        vm.assertEq(market.minNextBid(t1), PRICE + PRICE * INCREMENT_BPS / 10_000, "next: +5%");
    }

    function test_Bid_FirstBidAboveReserve() public {
        _auction(t1, PRICE);
        vm.prank(buyer);
        market.bid(t1, 3 * PRICE);
        vm.assertEq(uint256(market.auction(t1).highestBid), 3 * PRICE, "any amount above the reserve");
        vm.assertEq(usdt.balanceOf(address(market)), 3 * PRICE, "held");
    }

    function test_Bid_OutbidCreditsRefundAndEmits() public {
        uint256 endTime = _auction(t1, PRICE);
        vm.prank(buyer);
        market.bid(t1, PRICE);
        uint256 next = market.minNextBid(t1);
        uint256 buyerAfterBid = usdt.balanceOf(buyer);
        uint256 buyer2Before = usdt.balanceOf(buyer2);

        vm.expectEmit(true, true, true, true, address(market));
        emit Marketplace.RefundCredited(buyer, t1, PRICE);
        vm.expectEmit(true, true, true, true, address(market));
        emit Marketplace.BidPlaced(t1, buyer2, next, endTime);
        vm.prank(buyer2);
        market.bid(t1, next);

        vm.assertEq(market.refundOf(buyer), PRICE, "outbid bid credited, not pushed");
        vm.assertEq(usdt.balanceOf(buyer), buyerAfterBid, "nothing sent to the outbid bidder");
        vm.assertEq(buyer2Before - usdt.balanceOf(buyer2), next, "new bidder paid");
        vm.assertEq(usdt.balanceOf(address(market)), PRICE + next, "market holds bid + refund");
        vm.assertEq(market.auction(t1).highestBidder, buyer2, "new highest bidder");
        vm.assertEq(uint256(market.auction(t1).highestBid), next, "new highest bid");
    }

    /// @dev Exactly minNextBid passes; one unit less fails with the minimum in the error.
    function test_Bid_ExactlyMinNextBidPasses() public {
        _auction(t1, PRICE);
        vm.prank(buyer);
        market.bid(t1, PRICE);
        uint256 next = market.minNextBid(t1);
        vm.assertEq(next, 5_040_000, "4.80 + 5% = 5.04");
        vm.prank(buyer2);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceBidTooLow.selector, t1, next - 1, next));
        market.bid(t1, next - 1);
        vm.prank(buyer2);
        market.bid(t1, next);
        vm.assertEq(uint256(market.auction(t1).highestBid), next, "accepted at the minimum");
    }

    /// @dev The raise rounds up, and is at least one base unit even when the percentage rounds to zero.
    function test_MinNextBid_RoundsUpAndAtLeastOneUnit() public {
        vm.prank(miner);
        market.createAuction(t1, 1, DURATION, 1); // 0.01%
        vm.prank(buyer);
        market.bid(t1, 1);
        vm.assertEq(market.minNextBid(t1), 2, "1 * 0.01% rounds up to 1 unit");
        vm.prank(buyer2);
        market.bid(t1, 10_000);
        vm.assertEq(market.minNextBid(t1), 10_001, "exactly 1 unit");
        vm.prank(buyer);
        market.bid(t1, 10_001);
        vm.assertEq(market.minNextBid(t1), 10_003, "1.0001 rounds up to 2");

        vm.prank(miner);
        market.createAuction(t2, 3, DURATION, 5000); // 50%
        vm.prank(buyer);
        market.bid(t2, 3);
        vm.assertEq(market.minNextBid(t2), 5, "3 * 50% = 1.5 rounds up to 2");
    }

    /// @dev The highest bidder may raise its own bid: its previous bid is credited to it.
    function test_Bid_HighestBidderRaisesOwnBid() public {
        _auction(t1, PRICE);
        vm.startPrank(buyer);
        market.bid(t1, PRICE);
        uint256 next = market.minNextBid(t1);
        market.bid(t1, next);
        vm.stopPrank();
        vm.assertEq(market.refundOf(buyer), PRICE, "own previous bid credited");
        vm.assertEq(uint256(market.auction(t1).highestBid), next, "raised");
        vm.assertEq(usdt.balanceOf(address(market)), PRICE + next, "both held until the refund is pulled");
    }

    function test_RevertWhen_BidNoAuction() public {
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceNoAuction.selector, t1));
        market.bid(t1, PRICE);
    }

    function test_RevertWhen_BidAfterSettle() public {
        _auction(t1, PRICE);
        vm.prank(buyer);
        market.bid(t1, PRICE);
        vm.warp(block.timestamp + DURATION);
        market.settle(t1);
        vm.prank(buyer2);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceNoAuction.selector, t1));
        market.bid(t1, 2 * PRICE);
    }

    function test_RevertWhen_BidExactlyAtEndTime() public {
        uint256 endTime = _auction(t1, PRICE);
        vm.warp(endTime);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceAuctionEnded.selector, t1, endTime));
        market.bid(t1, PRICE);
    }

    function test_RevertWhen_BidAfterEndTime() public {
        uint256 endTime = _auction(t1, PRICE);
        vm.prank(buyer);
        market.bid(t1, PRICE);
        vm.warp(endTime + 1 days);
        uint256 next = market.minNextBid(t1); // the view does not check the end time
        vm.prank(buyer2);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceAuctionEnded.selector, t1, endTime));
        market.bid(t1, next);
    }

    /// @dev One second before the end is still open (and extends the auction).
    function test_Bid_OneSecondBeforeEnd() public {
        uint256 endTime = _auction(t1, PRICE);
        vm.warp(endTime - 1);
        vm.prank(buyer);
        market.bid(t1, PRICE);
        vm.assertEq(uint256(market.auction(t1).endTime), endTime - 1 + WINDOW, "extended");
    }

    function test_RevertWhen_SellerBids() public {
        _auction(t1, PRICE);
        usdt.mint(miner, 10 * PRICE);
        vm.prank(miner);
        usdt.approve(address(market), type(uint256).max);
        vm.prank(miner);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceSellerCannotBid.selector, t1));
        market.bid(t1, PRICE);
        // Not even to outbid someone else.
        vm.prank(buyer);
        market.bid(t1, PRICE);
        vm.prank(miner);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceSellerCannotBid.selector, t1));
        market.bid(t1, 2 * PRICE);
    }

    function test_RevertWhen_FirstBidBelowReserve() public {
        _auction(t1, PRICE);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceBidTooLow.selector, t1, PRICE - 1, PRICE));
        market.bid(t1, PRICE - 1);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceBidTooLow.selector, t1, 0, PRICE));
        market.bid(t1, 0);
        vm.assertEq(usdt.balanceOf(address(market)), 0, "nothing taken");
    }

    function test_RevertWhen_NextBidBelowMinNextBid() public {
        _auction(t1, PRICE);
        vm.prank(buyer);
        market.bid(t1, PRICE);
        uint256 next = market.minNextBid(t1);
        // Equal to the highest bid: too low.
        vm.prank(buyer2);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceBidTooLow.selector, t1, PRICE, next));
        market.bid(t1, PRICE);
        vm.prank(buyer2);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceBidTooLow.selector, t1, next - 1, next));
        market.bid(t1, next - 1);
        vm.assertEq(market.refundOf(buyer), 0, "leader not displaced");
    }

    function test_RevertWhen_BidAboveUint96() public {
        _auction(t1, PRICE);
        uint256 tooHigh = uint256(type(uint96).max) + 1;
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceInvalidPrice.selector, tooHigh));
        market.bid(t1, tooHigh);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceInvalidPrice.selector, type(uint256).max));
        market.bid(t1, type(uint256).max);
    }

    /// @dev A bid of type(uint96).max is accepted and can never be beaten: every higher amount is out of range.
    function test_Bid_MaxUint96CannotBeOutbid() public {
        _auction(t1, PRICE);
        uint256 max = type(uint96).max;
        usdt.mint(buyer, max);
        vm.prank(buyer);
        market.bid(t1, max);
        uint256 next = market.minNextBid(t1);
        vm.assertGt(next, max, "minimum beyond uint96");
        vm.prank(buyer2);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceInvalidPrice.selector, next));
        market.bid(t1, next);
        vm.prank(buyer2);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceBidTooLow.selector, t1, max, next));
        market.bid(t1, max);
    }

    function test_RevertWhen_BidderAllowanceTooLow() public {
        _auction(t1, PRICE);
        vm.prank(buyer);
        usdt.approve(address(market), PRICE - 1);
        vm.prank(buyer);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector, address(market), PRICE - 1, PRICE
            )
        );
        market.bid(t1, PRICE);
        vm.assertEq(market.auction(t1).highestBidder, address(0), "bid rolled back");
    }

    function test_RevertWhen_BidderBalanceTooLow() public {
        _auction(t1, PRICE);
        vm.prank(buyer);
        market.bid(t1, PRICE);
        address poor = address(0x9002);
        usdt.mint(poor, PRICE);
        vm.prank(poor);
        usdt.approve(address(market), type(uint256).max);
        uint256 next = market.minNextBid(t1);
        vm.prank(poor);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, poor, PRICE, next));
        market.bid(t1, next);
        vm.assertEq(market.auction(t1).highestBidder, buyer, "leader kept");
        vm.assertEq(market.refundOf(buyer), 0, "no refund credited by the failed bid");
    }

    function test_RevertWhen_MinNextBidNoAuction() public {
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceNoAuction.selector, t1));
        market.minNextBid(t1);
    }

    function test_Auction_IsEmptyWhenNone() public view {
        Marketplace.Auction memory a = market.auction(t1);
        vm.assertEq(a.seller, address(0), "no seller");
        vm.assertEq(uint256(a.endTime), 0, "no end");
        vm.assertEq(uint256(a.reservePrice), 0, "no reserve");
    }

    // ================================================================ anti-sniping extension

    function test_ExtensionWindow_DefaultIsTenMinutes() public view {
        vm.assertEq(market.extensionWindow(), WINDOW, "10 minutes");
        vm.assertEq(market.MAX_EXTENSION_WINDOW(), 1 days, "max a day");
    }

    function test_Bid_InsideWindowExtendsEnd() public {
        uint256 endTime = _auction(t1, PRICE);
        vm.warp(endTime - WINDOW + 1); // WINDOW - 1 seconds left
        uint256 newEnd = block.timestamp + WINDOW;
        vm.expectEmit(true, true, true, true, address(market));
        emit Marketplace.BidPlaced(t1, buyer, PRICE, newEnd);
        vm.prank(buyer);
        market.bid(t1, PRICE);
        vm.assertEq(uint256(market.auction(t1).endTime), newEnd, "end moved to now + window");
        vm.assertEq(newEnd, endTime + 1, "one second later");
    }

    /// @dev Exactly `window` seconds left is not "less than the window": no extension.
    function test_Bid_ExactlyAtWindowBoundaryDoesNotExtend() public {
        uint256 endTime = _auction(t1, PRICE);
        vm.warp(endTime - WINDOW);
        vm.expectEmit(true, true, true, true, address(market));
        emit Marketplace.BidPlaced(t1, buyer, PRICE, endTime);
        vm.prank(buyer);
        market.bid(t1, PRICE);
        vm.assertEq(uint256(market.auction(t1).endTime), endTime, "unchanged");
    }

    function test_Bid_OutsideWindowDoesNotExtend() public {
        uint256 endTime = _auction(t1, PRICE);
        vm.warp(endTime - WINDOW - 1 hours);
        vm.prank(buyer);
        market.bid(t1, PRICE);
        vm.assertEq(uint256(market.auction(t1).endTime), endTime, "unchanged");
    }

    /// @dev Snipers keep extending: each last-second bid pushes the end again, and settle waits for the last one.
    function test_Bid_RepeatedExtensions() public {
        uint256 endTime = _auction(t1, PRICE);
        address[2] memory bidders = [buyer, buyer2];
        uint256 amount = PRICE;
        for (uint256 i; i < 5; ++i) {
            vm.warp(endTime - 1);
            vm.prank(bidders[i % 2]);
            market.bid(t1, amount);
            endTime = market.auction(t1).endTime;
            vm.assertEq(endTime, block.timestamp + WINDOW, "extended again");
            amount = market.minNextBid(t1);
        }
        vm.warp(endTime - 1);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceAuctionNotEnded.selector, t1, endTime));
        market.settle(t1);
        vm.warp(endTime);
        market.settle(t1);
        vm.assertEq(nft.ownerOf(t1), bidders[0], "last bidder (the fifth) wins");
    }

    function test_Bid_WindowZeroDisablesExtension() public {
        vm.prank(admin);
        market.setExtensionWindow(0);
        uint256 endTime = _auction(t1, PRICE);
        vm.warp(endTime - 1);
        vm.prank(buyer);
        market.bid(t1, PRICE);
        vm.assertEq(uint256(market.auction(t1).endTime), endTime, "no extension at the last second");
        vm.warp(endTime);
        market.settle(t1);
        vm.assertEq(nft.ownerOf(t1), buyer, "settled at the original end");
    }

    /// @dev A new window applies to auctions already running.
    function test_SetExtensionWindow_AppliesToLiveAuctions() public {
        uint256 endTime = _auction(t1, PRICE);
        vm.prank(admin);
        market.setExtensionWindow(1 days);
        vm.warp(endTime - 1 hours);
        vm.prank(buyer);
        market.bid(t1, PRICE);
        vm.assertEq(uint256(market.auction(t1).endTime), block.timestamp + 1 days, "extended by the new window");
    }

    function test_SetExtensionWindow_UpdatesAndEmits() public {
        vm.expectEmit(true, true, true, true, address(market));
        emit Marketplace.ExtensionWindowUpdated(WINDOW, 1 days);
        vm.prank(admin);
        market.setExtensionWindow(1 days);
        vm.assertEq(market.extensionWindow(), 1 days, "max accepted");

        vm.expectEmit(true, true, true, true, address(market));
        emit Marketplace.ExtensionWindowUpdated(1 days, 0);
        vm.prank(admin);
        market.setExtensionWindow(0);
        vm.assertEq(market.extensionWindow(), 0, "zero accepted");
    }

    function test_RevertWhen_SetExtensionWindowCallerNotAdmin() public {
        bytes32 role = market.DEFAULT_ADMIN_ROLE();
        vm.prank(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, role)
        );
        market.setExtensionWindow(5 minutes);
        vm.prank(miner);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, miner, role));
        market.setExtensionWindow(5 minutes);
        vm.assertEq(market.extensionWindow(), WINDOW, "unchanged");
    }

    function test_RevertWhen_SetExtensionWindowAboveMax() public {
        vm.prank(admin);
        vm.expectRevert(
            abi.encodeWithSelector(Marketplace.MarketplaceInvalidExtensionWindow.selector, 1 days + 1, 1 days)
        );
        market.setExtensionWindow(1 days + 1);
        // 2^32 + 600 would become 600 if truncated to uint32 without the bound check.
        vm.prank(admin);
        vm.expectRevert(
            abi.encodeWithSelector(
                Marketplace.MarketplaceInvalidExtensionWindow.selector, uint256(type(uint32).max) + 601, 1 days
            )
        );
        market.setExtensionWindow(uint256(type(uint32).max) + 601);
        vm.assertEq(market.extensionWindow(), WINDOW, "unchanged");
    }

    // ================================================================ settle

    /// @dev The miner sells: a primary sale, the issuance fee (5%) is taken.
    function test_Settle_PrimaryPaysSellerMinusIssuanceFeeAndDeliversNft() public {
        uint256 endTime = _auction(t1, PRICE);
        vm.prank(buyer);
        market.bid(t1, PRICE);
        uint256 winning = market.minNextBid(t1);
        vm.prank(buyer2);
        market.bid(t1, winning);
        uint256 fee = winning * ISSUANCE_FEE_BPS / 10_000;
        vm.assertEq(fee, 252_000, "5% of 5.04");
        vm.warp(endTime);
        vm.expectEmit(true, true, true, true, address(market));
        emit Marketplace.AuctionSettled(t1, miner, buyer2, winning, fee);
        vm.prank(stranger); // anyone may settle
        market.settle(t1);

        vm.assertEq(nft.ownerOf(t1), buyer2, "winner owns the NFT");
        vm.assertEq(usdt.balanceOf(miner), 0, "the miner is not paid directly");
        vm.assertEq(usdt.balanceOf(address(escrow)), winning - fee, "escrow got the bid minus the fee");
        vm.assertEq(escrow.tokenEscrow(t1).amount, winning - fee, "credited to the token");
        vm.assertEq(market.accruedFees(), fee, "fee accrued");
        vm.assertEq(usdt.balanceOf(address(market)), fee + PRICE, "market holds the fee and the outbid refund");
        vm.assertEq(market.refundOf(buyer), PRICE, "loser's refund still owed");
        vm.assertEq(market.refundOf(miner), 0, "nothing credited to the miner");
        _assertNoAuction(t1, buyer2);

        market.withdrawFees();
        vm.assertEq(usdt.balanceOf(treasury), fee, "fee withdrawable");
        vm.prank(buyer);
        market.withdrawRefund();
        vm.assertEq(usdt.balanceOf(address(market)), 0, "market emptied");
    }

    /// @dev A holder (not the miner) sells: a resale, the trading fee (2%) is taken.
    function test_Settle_ResalePaysSellerMinusTradingFee() public {
        _primarySale(1, buyer);
        vm.prank(buyer);
        market.createAuction(t1, PRICE, DURATION, INCREMENT_BPS);
        vm.prank(buyer2);
        market.bid(t1, 2 * PRICE);
        uint256 fee = 2 * PRICE * FEE_BPS / 10_000;
        uint256 feesBefore = market.accruedFees();
        uint256 sellerBefore = usdt.balanceOf(buyer);

        vm.warp(block.timestamp + DURATION);
        vm.expectEmit(true, true, true, true, address(market));
        emit Marketplace.AuctionSettled(t1, buyer, buyer2, 2 * PRICE, fee);
        market.settle(t1);

        vm.assertEq(nft.ownerOf(t1), buyer2, "winner owns the NFT");
        vm.assertEq(usdt.balanceOf(buyer) - sellerBefore, 2 * PRICE - fee, "seller got the bid minus 2%");
        vm.assertEq(market.accruedFees() - feesBefore, fee, "trading fee accrued on top of earlier fees");
    }

    /// @dev Primary means first sale: the miner auctioning a token it bought back sells a resale (trading fee).
    function test_Settle_MinerSellingBoughtBackTokenIsAResale() public {
        _primarySale(1, buyer);
        vm.prank(buyer);
        nft.transferFrom(buyer, miner, t1);
        _auction(t1, PRICE);
        vm.prank(buyer2);
        market.bid(t1, PRICE);
        vm.warp(block.timestamp + DURATION);
        uint256 feesBefore = market.accruedFees();
        uint256 minerBefore = usdt.balanceOf(miner);
        market.settle(t1);
        vm.assertEq(market.accruedFees() - feesBefore, PRICE * FEE_BPS / 10_000, "trading fee");
        vm.assertEq(usdt.balanceOf(miner) - minerBefore, PRICE - PRICE * FEE_BPS / 10_000, "paid to the miner");
    }

    /// @dev The fee rate is the one in force at settlement, not at creation or at the bid.
    function test_Settle_UsesFeeInForceAtSettlement() public {
        _auction(t1, PRICE);
        vm.prank(buyer);
        market.bid(t1, PRICE);
        vm.prank(admin);
        market.setIssuanceFeeBps(1000);
        vm.warp(block.timestamp + DURATION);
        market.settle(t1);
        vm.assertEq(market.accruedFees(), PRICE / 10, "10% in force at settlement");
    }

    function test_Settle_ZeroFeePaysWholeBid() public {
        vm.prank(admin);
        market.setIssuanceFeeBps(0);
        _auction(t1, PRICE);
        vm.prank(buyer);
        market.bid(t1, PRICE);
        vm.warp(block.timestamp + DURATION);
        vm.expectEmit(true, true, true, true, address(market));
        emit Marketplace.AuctionSettled(t1, miner, buyer, PRICE, 0);
        market.settle(t1);
        vm.assertEq(usdt.balanceOf(address(escrow)), PRICE, "whole bid escrowed");
        vm.assertEq(market.accruedFees(), 0, "no fee");
        vm.assertEq(usdt.balanceOf(address(market)), 0, "nothing left");
    }

    function test_Settle_FeeRoundsDownToZeroForTinyBid() public {
        vm.prank(miner);
        market.createAuction(t1, 19, DURATION, INCREMENT_BPS); // 19 * 5% = 0.95 -> 0
        vm.prank(buyer);
        market.bid(t1, 19);
        vm.warp(block.timestamp + DURATION);
        market.settle(t1);
        vm.assertEq(market.accruedFees(), 0, "fee rounds down");
        vm.assertEq(usdt.balanceOf(address(market)), 0, "all to the seller");
    }

    function test_Settle_WithoutBidsReturnsNftAndEmitsZeroWinner() public {
        uint256 endTime = _auction(t1, PRICE);
        uint256 minerBefore = usdt.balanceOf(miner);
        vm.warp(endTime);
        vm.expectEmit(true, true, true, true, address(market));
        emit Marketplace.AuctionSettled(t1, miner, address(0), 0, 0);
        vm.prank(stranger);
        market.settle(t1);

        vm.assertEq(nft.ownerOf(t1), miner, "NFT back to the seller");
        vm.assertEq(usdt.balanceOf(miner), minerBefore, "no money moved");
        vm.assertEq(market.accruedFees(), 0, "no fee");
        _assertNoAuction(t1, miner);

        // The seller can start again.
        vm.prank(miner);
        market.createAuction(t1, PRICE / 2, DURATION, INCREMENT_BPS);
        vm.assertEq(uint256(market.auction(t1).reservePrice), PRICE / 2, "new auction");
    }

    function test_RevertWhen_SettleBeforeEnd() public {
        uint256 endTime = _auction(t1, PRICE);
        vm.prank(buyer);
        market.bid(t1, PRICE);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceAuctionNotEnded.selector, t1, endTime));
        market.settle(t1);
        vm.warp(endTime - 1);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceAuctionNotEnded.selector, t1, endTime));
        market.settle(t1);
        vm.warp(endTime);
        market.settle(t1); // exactly at the end: over
        vm.assertEq(nft.ownerOf(t1), buyer, "settled at endTime");
    }

    function test_RevertWhen_SettleNoAuction() public {
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceNoAuction.selector, t1));
        market.settle(t1);
    }

    function test_RevertWhen_SettleTwice() public {
        _auction(t1, PRICE);
        vm.prank(buyer);
        market.bid(t1, PRICE);
        vm.warp(block.timestamp + DURATION);
        market.settle(t1);
        uint256 minerAfter = usdt.balanceOf(miner);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceNoAuction.selector, t1));
        market.settle(t1);
        vm.assertEq(usdt.balanceOf(miner), minerAfter, "paid once");
    }

    /// @dev The winner owns the NFT outright: it can list it, or auction it again.
    function test_Settle_WinnerCanResell() public {
        _auction(t1, PRICE);
        vm.prank(buyer);
        market.bid(t1, PRICE);
        vm.warp(block.timestamp + DURATION);
        market.settle(t1);
        vm.startPrank(buyer);
        nft.setApprovalForAll(address(market), true);
        market.createAuction(t1, 2 * PRICE, DURATION, INCREMENT_BPS);
        vm.stopPrank();
        vm.assertEq(market.auction(t1).seller, buyer, "re-auctioned by the winner");
    }

    // ================================================================ cancelAuction

    function test_CancelAuction_ReturnsNftAndEmits() public {
        _auction(t1, PRICE);
        vm.expectEmit(true, true, true, true, address(market));
        emit Marketplace.AuctionCancelled(t1, miner);
        vm.prank(miner);
        market.cancelAuction(t1);
        vm.assertEq(nft.ownerOf(t1), miner, "NFT back");
        _assertNoAuction(t1, miner);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceNoAuction.selector, t1));
        market.minNextBid(t1);
    }

    /// @dev After the end, with no bid, the seller may still cancel (settle would do the same).
    function test_CancelAuction_AfterEndWithoutBids() public {
        uint256 endTime = _auction(t1, PRICE);
        vm.warp(endTime + 1);
        vm.prank(miner);
        market.cancelAuction(t1);
        vm.assertEq(nft.ownerOf(t1), miner, "NFT back");
    }

    function test_RevertWhen_CancelAuctionNotSeller() public {
        _auction(t1, PRICE);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceNotSeller.selector, t1, stranger, miner));
        market.cancelAuction(t1);
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceNotSeller.selector, t1, admin, miner));
        market.cancelAuction(t1);
        vm.assertEq(nft.ownerOf(t1), address(market), "still held");
    }

    function test_RevertWhen_CancelAuctionAfterBid() public {
        _auction(t1, PRICE);
        vm.prank(buyer);
        market.bid(t1, PRICE);
        vm.prank(miner);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceAuctionHasBids.selector, t1));
        market.cancelAuction(t1);
        // Not after the end either: only settle finishes it.
        vm.warp(block.timestamp + DURATION);
        vm.prank(miner);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceAuctionHasBids.selector, t1));
        market.cancelAuction(t1);
    }

    function test_RevertWhen_CancelAuctionNoAuction() public {
        vm.prank(miner);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceNoAuction.selector, t1));
        market.cancelAuction(t1);
    }

    /// @dev `cancel` (fixed-price) and `cancelAuction` are separate: the fixed one knows nothing of auctions.
    function test_RevertWhen_FixedCancelOnAuction() public {
        _auction(t1, PRICE);
        vm.prank(miner);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceNotListed.selector, t1));
        market.cancel(t1);
    }

    // ================================================================ withdrawRefund

    function test_RevertWhen_WithdrawRefundNothing() public {
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceNoRefund.selector, buyer));
        market.withdrawRefund();
        // The highest bidder has nothing to withdraw either: its bid is still live.
        _auction(t1, PRICE);
        vm.prank(buyer);
        market.bid(t1, PRICE);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceNoRefund.selector, buyer));
        market.withdrawRefund();
    }

    function test_WithdrawRefund_PaysAndEmitsOnce() public {
        _auction(t1, PRICE);
        vm.prank(buyer);
        market.bid(t1, PRICE);
        vm.prank(buyer2);
        market.bid(t1, 2 * PRICE);
        uint256 before = usdt.balanceOf(buyer);

        vm.expectEmit(true, true, true, true, address(market));
        emit Marketplace.RefundWithdrawn(buyer, PRICE);
        vm.prank(buyer);
        market.withdrawRefund();

        vm.assertEq(usdt.balanceOf(buyer) - before, PRICE, "refund paid");
        vm.assertEq(market.refundOf(buyer), 0, "reset");
        vm.assertEq(usdt.balanceOf(address(market)), 2 * PRICE, "only the live bid left");
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceNoRefund.selector, buyer));
        market.withdrawRefund();
    }

    /// @dev Refunds from several auctions add up and come out in one withdrawal, even mid-auction.
    function test_WithdrawRefund_AccumulatesAcrossAuctions() public {
        _auction(t1, PRICE);
        _auction(t2, PRICE);
        vm.startPrank(buyer);
        market.bid(t1, PRICE);
        market.bid(t2, 2 * PRICE);
        vm.stopPrank();
        vm.startPrank(buyer2);
        market.bid(t1, market.minNextBid(t1));
        market.bid(t2, market.minNextBid(t2));
        vm.stopPrank();
        vm.assertEq(market.refundOf(buyer), 3 * PRICE, "both refunds credited");

        uint256 before = usdt.balanceOf(buyer);
        vm.prank(buyer);
        market.withdrawRefund();
        vm.assertEq(usdt.balanceOf(buyer) - before, 3 * PRICE, "one withdrawal");
        // Withdrawing does not affect the auctions.
        vm.assertEq(market.auction(t1).highestBidder, buyer2, "t1 leader");
        vm.assertEq(market.auction(t2).highestBidder, buyer2, "t2 leader");
    }

    // ================================================================ auctions next to fixed-price sales

    /// @dev Fixed-price sales and auction bids share the market's balance; the accounting keeps them apart.
    function test_AuctionAndFixedSaleSideBySide() public {
        _list(2, PRICE);
        _auction(t1, PRICE);
        vm.prank(buyer);
        market.bid(t1, 2 * PRICE);
        vm.prank(buyer2);
        market.buy(t2, PRICE, 0);
        uint256 saleFee = PRICE * ISSUANCE_FEE_BPS / 10_000;
        vm.assertEq(usdt.balanceOf(address(market)), 2 * PRICE, "the bid (the sale's fee waits in the escrow)");
        vm.assertEq(market.escrowedFees(), saleFee, "the sale's fee");

        // Withdrawing fees cannot touch the bid.
        market.withdrawFees();
        vm.assertEq(usdt.balanceOf(address(market)), 2 * PRICE, "the bid stays");
        vm.warp(block.timestamp + DURATION);
        market.settle(t1);
        vm.assertEq(market.accruedFees(), 2 * PRICE * ISSUANCE_FEE_BPS / 10_000, "auction fee");
        vm.assertEq(usdt.balanceOf(address(market)), market.accruedFees(), "only the new fee left");
    }

    /// @dev After an unsold auction, the same token can be listed at a fixed price again.
    function test_ListAfterAuctionReturned() public {
        uint256 endTime = _auction(t1, PRICE);
        vm.warp(endTime);
        market.settle(t1);
        vm.prank(miner);
        market.list(t1, PRICE);
        vm.prank(buyer);
        market.buy(t1, PRICE, 0);
        vm.assertEq(nft.ownerOf(t1), buyer, "sold at a fixed price");
    }

    // ================================================================ helpers

    /// @dev The miner auctions `tokenId` at `reserve` for DURATION with a 5% increment; returns the end time.
    function _auction(uint256 tokenId, uint256 reserve) internal returns (uint256 endTime) {
        vm.prank(miner);
        market.createAuction(tokenId, reserve, DURATION, INCREMENT_BPS);
        endTime = market.auction(tokenId).endTime;
    }

    /// @dev The miner lists token `serial` at PRICE and `to` buys it, then approves the market for its NFTs.
    function _primarySale(uint256 serial, address to) internal {
        uint256 tokenId = _list(serial, PRICE);
        vm.prank(to);
        market.buy(tokenId, PRICE, 0);
        vm.prank(to);
        nft.setApprovalForAll(address(market), true);
    }

    function _assertNoAuction(uint256 tokenId, address owner) internal view {
        Marketplace.Auction memory a = market.auction(tokenId);
        vm.assertEq(a.seller, address(0), "no auction");
        vm.assertEq(a.highestBidder, address(0), "no bidder");
        vm.assertEq(uint256(a.highestBid), 0, "no bid");
        vm.assertEq(uint256(a.endTime), 0, "no end");
        vm.assertEq(nft.ownerOf(tokenId), owner, "NFT with its owner");
    }
}
