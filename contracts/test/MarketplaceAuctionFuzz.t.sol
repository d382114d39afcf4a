// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {MarketFixture} from "./utils/MarketFixture.sol";
import {Marketplace} from "../src/Marketplace.sol";

/// @notice Property tests of the auctions: the minimum next bid (rounded up, at least one unit) over random bid
/// sequences, the bid/fee split at settlement for random amounts and fees of both kinds of sale, the extension
/// window at random times, and the bounds of createAuction.
contract MarketplaceAuctionFuzzTest is MarketFixture {
    address internal holder = address(0x401D);

    /// @dev The reference: highest + ceil(highest * bps / 10000), and at least highest + 1.
    function _expectedMin(uint256 highest, uint256 bps) internal pure returns (uint256) {
        uint256 raise = highest * bps / 10_000;
        if (raise * 10_000 < highest * bps) ++raise; // round up
        if (raise == 0) raise = 1;
        return highest + raise;
    }

    function _spent(address bidder) internal view returns (uint256) {
        return 1_000_000e6 + 1e18 - usdt.balanceOf(bidder);
    }

    // ================================================================ minNextBid over bid sequences

    /// @dev Bids alternate between two bidders with random amounts at or above the minimum; each time the minimum
    /// matches the reference formula, one unit less is rejected with it, and every outbid amount is credited.
    function testFuzz_BidSequenceRespectsMinNextBid(uint256 reserve, uint256 bps, uint256[6] memory raises) public {
        reserve = bound(reserve, 1, 1e12);
        bps = bound(bps, 1, market.MAX_MIN_INCREMENT_BPS());
        uint256 tokenId = _token(1);
        vm.prank(miner);
        market.createAuction(tokenId, reserve, 1 days, bps);
        vm.assertEq(market.minNextBid(tokenId), reserve, "first minimum is the reserve");

        address[2] memory bidders = [buyer, buyer2];
        usdt.mint(buyer, 1e18); // bids may double six times from 1e12
        usdt.mint(buyer2, 1e18);
        uint256 highest;
        uint256 credited;
        uint256 paid;
        for (uint256 i; i < raises.length; ++i) {
            uint256 min = i == 0 ? reserve : _expectedMin(highest, bps);
            vm.assertEq(market.minNextBid(tokenId), min, "minNextBid == reference");
            address bidder = bidders[i % 2];
            if (min > 1) {
                vm.prank(bidder);
                vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceBidTooLow.selector, tokenId, min - 1, min));
                market.bid(tokenId, min - 1);
            }
            // Mostly the exact minimum (the rounding edge), sometimes more.
            uint256 amount = raises[i] % 3 == 0 ? min : min + bound(raises[i], 0, min);
            vm.prank(bidder);
            market.bid(tokenId, amount);
            if (i > 0) credited += highest;
            paid += amount;
            highest = amount;
            vm.assertEq(uint256(market.auction(tokenId).highestBid), amount, "highest bid");
            vm.assertEq(market.auction(tokenId).highestBidder, bidder, "highest bidder");
        }
        vm.assertEq(market.refundOf(buyer) + market.refundOf(buyer2), credited, "every outbid bid credited");
        vm.assertEq(usdt.balanceOf(address(market)), paid, "market holds every bid paid in");
        vm.assertEq(_spent(buyer) + _spent(buyer2), paid, "bidders paid exactly their bids");
        vm.assertEq(paid, credited + highest, "paid == credited + live");
    }

    /// @dev The minimum increment is monotonic and bounded: strictly above the highest bid, at most
    /// highest * (1 + bps/10000) + 1.
    function testFuzz_MinNextBidBounds(uint256 first, uint256 bps) public {
        first = bound(first, 1, type(uint96).max);
        bps = bound(bps, 1, market.MAX_MIN_INCREMENT_BPS());
        uint256 tokenId = _token(1);
        vm.prank(miner);
        market.createAuction(tokenId, 1, 1 days, bps);
        usdt.mint(buyer, first);
        vm.prank(buyer);
        market.bid(tokenId, first);
        uint256 min = market.minNextBid(tokenId);
        vm.assertEq(min, _expectedMin(first, bps), "reference");
        vm.assertGt(min, first, "strictly above");
        vm.assertLe(min, first + first * bps / 10_000 + 1, "at most one unit above the exact raise");
        vm.assertGe(min * 10_000, first * (10_000 + bps), "never below the exact raise");
    }

    // ================================================================ settlement split

    /// @dev For any winning bid, both fee rates and either kind of sale: the seller gets bid - fee with
    /// fee = bid * bps / 10000 (rounded down), bps the issuance fee when the miner sells and the trading fee
    /// otherwise; the market keeps exactly the fee.
    function testFuzz_SettleSplitsBidAndFee(uint256 amount, uint256 tradingBps, uint256 issuanceBps, bool resale)
        public
    {
        // A primary sale's proceeds are stored in 78 bits with the token (the escrow refuses more).
        amount = bound(amount, 1, resale ? type(uint96).max : escrow.MAX_STREAM_AMOUNT());
        tradingBps = bound(tradingBps, 0, market.MAX_FEE_BPS());
        issuanceBps = bound(issuanceBps, 0, market.MAX_FEE_BPS());
        vm.startPrank(admin);
        market.setFeeBps(tradingBps);
        market.setIssuanceFeeBps(issuanceBps);
        vm.stopPrank();
        uint256 tokenId = _token(1);
        address seller = miner;
        if (resale) {
            seller = holder;
            _handOver(tokenId, holder);
            vm.prank(holder);
            nft.setApprovalForAll(address(market), true);
        }
        vm.prank(seller);
        market.createAuction(tokenId, amount, 1 hours, 1);

        address payer = address(0xFA11);
        usdt.mint(payer, amount);
        vm.prank(payer);
        usdt.approve(address(market), amount);
        vm.prank(payer);
        market.bid(tokenId, amount);
        vm.assertEq(usdt.balanceOf(payer), 0, "bidder paid exactly the bid");

        uint256 fee = amount * (resale ? tradingBps : issuanceBps) / 10_000;
        // A primary sale's proceeds go to the escrow, a resale's to the seller.
        uint256 sellerBefore = usdt.balanceOf(resale ? seller : address(escrow));
        vm.warp(block.timestamp + 1 hours);
        vm.expectEmit(true, true, true, true, address(market));
        emit Marketplace.AuctionSettled(tokenId, seller, payer, amount, fee);
        market.settle(tokenId);

        vm.assertLe(fee, amount / 10, "fee never above 10%");
        vm.assertEq(usdt.balanceOf(resale ? seller : address(escrow)) - sellerBefore, amount - fee, "seller (or escrow) got bid - fee");
        vm.assertEq(usdt.balanceOf(address(market)), fee, "market holds the fee");
        vm.assertEq(market.accruedFees(), fee, "accrued the fee");
        vm.assertEq(nft.ownerOf(tokenId), payer, "NFT delivered");
    }

    // ================================================================ extension window

    /// @dev A bid at a random time before the end: the end moves to now + window iff less than `window` seconds
    /// were left; afterwards settle waits exactly until the (possibly new) end.
    function testFuzz_ExtensionBoundary(uint256 window, uint256 duration, uint256 elapsed) public {
        window = bound(window, 0, market.MAX_EXTENSION_WINDOW());
        duration = bound(duration, market.MIN_AUCTION_DURATION(), market.MAX_AUCTION_DURATION());
        elapsed = bound(elapsed, 0, duration - 1);
        vm.prank(admin);
        market.setExtensionWindow(window);
        uint256 tokenId = _token(1);
        vm.prank(miner);
        market.createAuction(tokenId, PRICE, duration, 500);
        uint256 endTime = block.timestamp + duration;

        vm.warp(block.timestamp + elapsed);
        uint256 left = endTime - block.timestamp;
        uint256 expectedEnd = left < window ? block.timestamp + window : endTime;
        vm.expectEmit(true, true, true, true, address(market));
        emit Marketplace.BidPlaced(tokenId, buyer, PRICE, expectedEnd);
        vm.prank(buyer);
        market.bid(tokenId, PRICE);
        vm.assertEq(uint256(market.auction(tokenId).endTime), expectedEnd, "end time");
        vm.assertGe(expectedEnd, endTime, "never shortened");

        vm.warp(expectedEnd - 1);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceAuctionNotEnded.selector, tokenId, expectedEnd));
        market.settle(tokenId);
        uint256 next = market.minNextBid(tokenId);
        vm.prank(buyer2);
        market.bid(tokenId, next); // one second before the end: still open
        uint256 finalEnd = market.auction(tokenId).endTime;
        vm.warp(finalEnd);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceAuctionEnded.selector, tokenId, finalEnd));
        market.bid(tokenId, 2 * next);
        market.settle(tokenId);
        vm.assertEq(nft.ownerOf(tokenId), buyer2, "last bidder wins");
    }

    /// @dev Any time at or after the end, bids are rejected and settle succeeds.
    function testFuzz_BidAfterEndRejected(uint256 late) public {
        late = bound(late, 0, 3650 days);
        uint256 tokenId = _token(1);
        vm.prank(miner);
        market.createAuction(tokenId, PRICE, 1 hours, 500);
        uint256 endTime = block.timestamp + 1 hours;
        vm.warp(endTime + late);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceAuctionEnded.selector, tokenId, endTime));
        market.bid(tokenId, PRICE);
        market.settle(tokenId);
        vm.assertEq(nft.ownerOf(tokenId), miner, "unsold: back to the seller");
    }

    // ================================================================ createAuction bounds

    /// @dev createAuction succeeds iff 1 <= reserve <= uint96 max, 1 hour <= duration <= 30 days and
    /// 1 <= bps <= 5000; a rejected call leaves the NFT with its owner.
    function testFuzz_CreateAuctionBounds(uint256 reserve, uint256 duration, uint256 bps) public {
        reserve = bound(reserve, 0, uint256(type(uint96).max) + 10);
        duration = bound(duration, 0, 31 days);
        bps = bound(bps, 0, 5010);
        bool reserveOk = reserve >= 1 && reserve <= type(uint96).max;
        bool durationOk = duration >= 1 hours && duration <= 30 days;
        bool bpsOk = bps >= 1 && bps <= 5000;
        uint256 tokenId = _token(1);
        vm.prank(miner);
        if (!reserveOk) {
            vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceInvalidPrice.selector, reserve));
        } else if (!durationOk) {
            vm.expectRevert(
                abi.encodeWithSelector(Marketplace.MarketplaceInvalidDuration.selector, duration, 1 hours, 30 days)
            );
        } else if (!bpsOk) {
            vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceInvalidIncrement.selector, bps, 5000));
        }
        market.createAuction(tokenId, reserve, duration, bps);
        bool ok = reserveOk && durationOk && bpsOk;
        vm.assertEq(nft.ownerOf(tokenId), ok ? address(market) : miner, "custody iff created");
        vm.assertEq(market.auction(tokenId).seller, ok ? miner : address(0), "auction iff created");
        if (ok) {
            vm.assertEq(uint256(market.auction(tokenId).endTime), block.timestamp + duration, "end");
            vm.assertEq(uint256(market.auction(tokenId).reservePrice), reserve, "reserve");
            vm.assertEq(uint256(market.auction(tokenId).minIncrementBps), bps, "increment");
        }
    }
}
