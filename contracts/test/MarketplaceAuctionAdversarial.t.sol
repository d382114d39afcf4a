// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {MarketFixture} from "./utils/MarketFixture.sol";
import {Marketplace} from "../src/Marketplace.sol";
import {HostileBidder, IAuctionMarket} from "./mocks/HostileBidder.sol";
import {HookToken} from "./mocks/HookToken.sol";
import {ReentrantToken, IMarketplaceTarget} from "./mocks/ReentrantToken.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

interface IMintable {
    function mint(address to, uint256 amount) external;
}

/// @notice Auctions against hostile parties: bidder and seller contracts that refuse what they are sent (revert,
/// burn all gas, refuse the NFT, re-enter through a token hook), a payment token that refuses to pay the seller,
/// and a payment token that re-enters the marketplace while it is moved. None of them can block a later bid or
/// the settlement, take value twice, or get past the reentrancy guard.
contract MarketplaceAuctionAdversarialTest is MarketFixture {
    uint256 internal t1;
    uint256 internal t2;
    uint256 internal t3;
    uint256 internal t4;
    uint256 internal t5;
    uint256 internal t6;

    uint256 internal constant DURATION = 1 days;
    uint256 internal constant INCREMENT_BPS = 500;
    /// @dev Gas given to a settle that pays a seller burning all it can: a generous transaction, not a block.
    uint256 internal constant SETTLE_GAS = 10_000_000;
    uint256 internal constant HOSTILE_FUNDS = 1000 * PRICE;

    bytes internal GUARD_ERROR = abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);

    function setUp() public override {
        super.setUp();
        t1 = _token(1);
        t2 = _token(2);
        t3 = _token(3);
        t4 = _token(4);
        t5 = _token(5);
        t6 = _token(6);
    }

    // ================================================================ hostile bidders (plain USDT)

    /// @dev A bidder contract that reverts (or burns all gas) on anything it is sent, ether and NFTs included:
    /// it is outbid normally (the refund is only credited), and when it wins, settlement still delivers the NFT
    /// (transferFrom never calls onERC721Received) and pays the seller.
    function test_HostileBidder_CannotBlockOutbidOrSettlement() public {
        HostileBidder.Mode[2] memory modes = [HostileBidder.Mode.Revert, HostileBidder.Mode.BurnGas];
        for (uint256 i; i < modes.length; ++i) {
            uint256 tokenId = _token(10 + i);
            HostileBidder hostile = _hostileBidder(market, address(usdt));
            hostile.setMode(modes[i]);
            vm.prank(miner);
            market.createAuction(tokenId, PRICE, DURATION, INCREMENT_BPS);

            // Outbid: credited, nothing sent to it, nothing can fail.
            hostile.actBid(tokenId, PRICE);
            uint256 next = market.minNextBid(tokenId);
            vm.prank(buyer);
            market.bid(tokenId, next);
            vm.assertEq(market.refundOf(address(hostile)), PRICE, "hostile bidder credited");
            vm.assertEq(market.auction(tokenId).highestBidder, buyer, "outbid went through");

            // Wins with a higher bid: settlement still goes through.
            uint256 winning = market.minNextBid(tokenId);
            hostile.actBid(tokenId, winning);
            vm.warp(block.timestamp + DURATION);
            uint256 escrowBefore = usdt.balanceOf(address(escrow));
            market.settle(tokenId);
            vm.assertEq(nft.ownerOf(tokenId), address(hostile), "the hostile winner gets the NFT anyway");
            uint256 fee = winning * ISSUANCE_FEE_BPS / 10_000;
            vm.assertEq(usdt.balanceOf(address(escrow)) - escrowBefore, winning - fee, "proceeds escrowed");

            // A plain ERC-20 never calls the recipient: it can pull its refund whatever it does on receipt.
            hostile.actWithdrawRefund();
            vm.assertEq(market.refundOf(address(hostile)), 0, "refund pulled");
        }
    }

    /// @dev With a token that calls the recipient (hooks), a bidder that refuses money only blocks its own refund:
    /// the outbid and the settlement never send it anything.
    function test_HostileBidder_RefusingRefundOnlyHurtsItself() public {
        (HookToken hToken, Marketplace m) = _hookMarket();
        HostileBidder hostile = _hostileBidder(m, address(hToken));
        hToken.setHooked(address(hostile), true);
        hostile.setMode(HostileBidder.Mode.Revert);
        _auctionOn(m, t1);

        hostile.actBid(t1, PRICE);
        uint256 next = m.minNextBid(t1);
        vm.prank(buyer);
        m.bid(t1, next);
        vm.assertEq(m.refundOf(address(hostile)), PRICE, "credited");

        vm.expectRevert(abi.encodeWithSelector(HostileBidder.HostileBidderRefuses.selector));
        hostile.actWithdrawRefund();
        vm.assertEq(m.refundOf(address(hostile)), PRICE, "still owed after its own refusal");

        vm.warp(block.timestamp + DURATION);
        m.settle(t1);
        vm.assertEq(nft.ownerOf(t1), buyer, "settled to the winner");

        hostile.setMode(HostileBidder.Mode.None);
        hostile.actWithdrawRefund();
        vm.assertEq(hToken.balanceOf(address(hostile)), HOSTILE_FUNDS, "whole refund once it accepts");
    }

    /// @dev A bidder re-entering the marketplace from its token hook (while its refund is paid) is stopped by the
    /// guard, for each of bid, settle and withdrawRefund; the refund itself is paid exactly once.
    function test_HostileBidder_ReentryFromRefundHookReverts() public {
        (HookToken hToken, Marketplace m) = _hookMarket();
        HostileBidder hostile = _hostileBidder(m, address(hToken));
        hToken.setHooked(address(hostile), true);
        _auctionOn(m, t1);
        _auctionOn(m, t2);
        vm.prank(buyer);
        m.bid(t2, PRICE);
        vm.warp(block.timestamp + DURATION - 1 hours);
        _auctionOn(m, t3); // still live when t2 has ended
        vm.warp(block.timestamp + 1 hours); // t1 and t2 have ended, t3 is live

        bytes[3] memory attacks = [
            abi.encodeCall(IAuctionMarket.bid, (t3, 100 * PRICE)), // affordable and high enough
            abi.encodeCall(IAuctionMarket.settle, (t2)),
            abi.encodeCall(IAuctionMarket.withdrawRefund, ())
        ];
        for (uint256 i; i < attacks.length; ++i) {
            // Give the hostile contract a refund to withdraw: it bids on t3 and is outbid.
            uint256 amount = m.minNextBid(t3);
            hostile.actBid(t3, amount);
            uint256 next = m.minNextBid(t3);
            vm.prank(buyer2);
            m.bid(t3, next);
            uint256 owed = m.refundOf(address(hostile));
            uint256 before = hToken.balanceOf(address(hostile));

            hostile.armReentry(attacks[i]);
            hostile.actWithdrawRefund();

            vm.assertTrue(hostile.attempted(), "the re-entry fired");
            vm.assertFalse(hostile.reentrySucceeded(), "re-entry must fail");
            vm.assertEq(hostile.reentryRevertData(), GUARD_ERROR, "stopped by the guard");
            vm.assertEq(hToken.balanceOf(address(hostile)) - before, owed, "refund paid once");
            vm.assertEq(m.refundOf(address(hostile)), 0, "refund reset");
        }
        vm.assertEq(m.auction(t2).seller, miner, "t2 not settled from inside");
        vm.assertEq(m.auction(t3).highestBidder, buyer2, "no bid slipped in from inside");
    }

    // ================================================================ hostile sellers and tokens refusing payout

    /// @dev The token refuses to pay the seller (a frozen account: the transfer reverts, or returns false): the
    /// proceeds are credited to the seller instead, the winner still gets the NFT, the fee still accrues, and
    /// the seller withdraws once unfrozen.
    /// @dev A reseller (a holder, not the miner) the token refuses to pay: its proceeds are credited to withdraw.
    /// (A primary sale's proceeds go to the escrow, so a blocked miner cannot block it: see the next test.)
    function test_Settle_SellerBlockedByTokenCreditsProceeds() public {
        address holder = address(0x401D);
        _handOver(t1, holder);
        for (uint256 i; i < 2; ++i) {
            (HookToken hToken, Marketplace m) = _hookMarket();
            bool returnFalse = i == 1;
            hToken.setReturnFalse(returnFalse);
            vm.startPrank(holder);
            nft.setApprovalForAll(address(m), true);
            m.createAuction(t1, PRICE, DURATION, INCREMENT_BPS);
            vm.stopPrank();
            vm.prank(buyer);
            m.bid(t1, PRICE);
            hToken.setBlocked(holder, true);
            uint256 fee = PRICE * FEE_BPS / 10_000;

            vm.warp(block.timestamp + DURATION);
            vm.expectEmit(true, true, true, true, address(m));
            emit Marketplace.AuctionSettled(t1, holder, buyer, PRICE, fee);
            vm.expectEmit(true, true, true, true, address(m));
            emit Marketplace.RefundCredited(holder, t1, PRICE - fee);
            m.settle(t1);

            vm.assertEq(nft.ownerOf(t1), buyer, "winner got the NFT");
            vm.assertEq(m.refundOf(holder), PRICE - fee, "proceeds credited to the seller");
            vm.assertEq(hToken.balanceOf(holder), 0, "nothing reached the seller");
            vm.assertEq(m.accruedFees(), fee, "fee accrued");
            vm.assertEq(hToken.balanceOf(address(m)), PRICE, "market holds proceeds + fee");

            vm.prank(holder);
            if (returnFalse) {
                vm.expectRevert(abi.encodeWithSelector(SafeERC20.SafeERC20FailedOperation.selector, address(hToken)));
            } else {
                vm.expectRevert(abi.encodeWithSelector(HookToken.HookTokenBlocked.selector, holder));
            }
            m.withdrawRefund();
            hToken.setBlocked(holder, false);
            vm.prank(holder);
            m.withdrawRefund();
            vm.assertEq(hToken.balanceOf(holder), PRICE - fee, "seller withdrew its proceeds");
            m.withdrawFees();
            vm.assertEq(hToken.balanceOf(address(m)), 0, "market emptied");

            // Give t1 back to the holder for the next round.
            vm.prank(buyer);
            nft.transferFrom(buyer, holder, t1);
        }
    }

    /// @dev A primary auction's proceeds go to the escrow: a miner the token blocks does not matter.
    function test_Settle_PrimaryWithBlockedMinerStillEscrows() public {
        (HookToken hToken, Marketplace m) = _hookMarket();
        _auctionOn(m, t1);
        vm.prank(buyer);
        m.bid(t1, PRICE);
        hToken.setBlocked(miner, true);
        vm.warp(block.timestamp + DURATION);
        m.settle(t1);
        uint256 fee = PRICE * ISSUANCE_FEE_BPS / 10_000;
        vm.assertEq(hToken.balanceOf(address(m.escrow())), PRICE - fee, "escrowed");
        vm.assertEq(m.refundOf(miner), 0, "nothing credited to the miner here");
        vm.assertEq(nft.ownerOf(t1), buyer, "winner got the NFT");
    }

    /// @dev A seller contract that reverts, or burns all the gas it is given, when paid: settlement still goes
    /// through (with a generous gas limit: 1/64 of it is left after the burn) and credits the proceeds.
    function test_Settle_HostileSellerRefusingPayoutCreditsProceeds() public {
        HostileBidder.Mode[2] memory modes = [HostileBidder.Mode.Revert, HostileBidder.Mode.BurnGas];
        for (uint256 i; i < modes.length; ++i) {
            (HookToken hToken, Marketplace m) = _hookMarket();
            uint256 tokenId = _token(10 + i);
            HostileBidder seller = _hostileSeller(m, hToken, tokenId);
            seller.actCreateAuction(tokenId, PRICE, DURATION, INCREMENT_BPS);
            vm.prank(buyer);
            m.bid(tokenId, PRICE);
            seller.setMode(modes[i]);

            vm.warp(block.timestamp + DURATION);
            m.settle{gas: SETTLE_GAS}(tokenId);

            uint256 fee = PRICE * FEE_BPS / 10_000; // a resale: the seller is not the miner
            vm.assertEq(nft.ownerOf(tokenId), buyer, "winner got the NFT");
            vm.assertEq(m.refundOf(address(seller)), PRICE - fee, "proceeds credited");
            vm.assertEq(m.accruedFees(), fee, "fee accrued");

            seller.setMode(HostileBidder.Mode.None);
            seller.actWithdrawRefund();
            vm.assertEq(hToken.balanceOf(address(seller)), HOSTILE_FUNDS + PRICE - fee, "withdrawn once it accepts");
        }
    }

    /// @dev A seller contract re-entering from its payout hook (settle, bid or withdrawRefund) is stopped by the
    /// guard; the payout itself goes through once.
    function test_Settle_SellerReentryFromPayoutHookReverts() public {
        (HookToken hToken, Marketplace m) = _hookMarket();
        HostileBidder seller = _hostileSeller(m, hToken, t1);
        _handOver(t2, address(seller));
        _handOver(t3, address(seller));
        // The seller had been outbid somewhere, so a re-entrant withdrawRefund would otherwise pay.
        _auctionOn(m, t4);
        seller.actBid(t4, PRICE);
        vm.prank(buyer2);
        m.bid(t4, 2 * PRICE);

        uint256[3] memory sold = [t1, t2, t3];
        for (uint256 i; i < sold.length; ++i) {
            seller.actCreateAuction(sold[i], PRICE, DURATION, INCREMENT_BPS);
        }
        vm.startPrank(buyer);
        for (uint256 i; i < sold.length; ++i) {
            m.bid(sold[i], PRICE);
        }
        vm.stopPrank();
        vm.warp(block.timestamp + DURATION);
        _auctionOn(m, t6); // starts after the others ended: live during their settlement

        bytes[3] memory attacks = [
            abi.encodeCall(IAuctionMarket.settle, (sold[2])),
            abi.encodeCall(IAuctionMarket.bid, (t6, PRICE)),
            abi.encodeCall(IAuctionMarket.withdrawRefund, ())
        ];
        uint256 fee = PRICE * FEE_BPS / 10_000;
        for (uint256 i; i < attacks.length; ++i) {
            seller.armReentry(attacks[i]);
            uint256 before = hToken.balanceOf(address(seller));
            m.settle(sold[i]);
            vm.assertTrue(seller.attempted(), "the re-entry fired");
            vm.assertFalse(seller.reentrySucceeded(), "re-entry must fail");
            vm.assertEq(seller.reentryRevertData(), GUARD_ERROR, "stopped by the guard");
            vm.assertEq(hToken.balanceOf(address(seller)) - before, PRICE - fee, "paid once, directly");
            vm.assertEq(nft.ownerOf(sold[i]), buyer, "winner got the NFT");
        }
        vm.assertEq(m.refundOf(address(seller)), PRICE, "the old refund untouched by the re-entries");
        vm.assertEq(m.auction(t6).highestBidder, address(0), "no bid slipped in");
    }

    // ================================================================ a payment token re-entering the marketplace

    /// @dev While `bid` pulls the payment, the token re-enters each auction function; every one is stopped by the
    /// guard although it would succeed on its own (checked afterwards, outside the bid).
    function test_Reentrancy_AuctionCallsDuringBidPullRevert() public {
        (ReentrantToken rToken, Marketplace m) = _reentrantMarket();
        address self = address(rToken);
        // t1: the auction bid on. t2: live, the re-entrant bid's target. t3: ended with a bid (to settle).
        // t4: the token contract's own auction (to cancel). t5: owned by the token contract (to auction).
        _auctionOn(m, t3);
        vm.prank(buyer2);
        m.bid(t3, PRICE);
        vm.warp(block.timestamp + DURATION);
        _auctionOn(m, t1);
        _auctionOn(m, t2);
        _handOver(t4, self);
        _handOver(t5, self);
        vm.startPrank(self);
        nft.setApprovalForAll(address(m), true);
        m.createAuction(t4, PRICE, DURATION, INCREMENT_BPS);
        vm.stopPrank();
        // A refund for the token contract: it bids on t1 and buyer2 outbids it.
        vm.prank(self);
        m.bid(t1, PRICE);
        uint256 next = m.minNextBid(t1);
        vm.prank(buyer2);
        m.bid(t1, next);

        bytes[5] memory attacks = [
            abi.encodeCall(Marketplace.bid, (t2, PRICE)),
            abi.encodeCall(Marketplace.settle, (t3)),
            abi.encodeCall(Marketplace.withdrawRefund, ()),
            abi.encodeCall(Marketplace.cancelAuction, (t4)),
            abi.encodeCall(Marketplace.createAuction, (t5, PRICE, DURATION, INCREMENT_BPS))
        ];
        for (uint256 i; i < attacks.length; ++i) {
            rToken.armCall(IMarketplaceTarget(address(m)), attacks[i]);
            uint256 amount = m.minNextBid(t1);
            vm.prank(buyer);
            m.bid(t1, amount);
            vm.assertTrue(rToken.attempted(), "the attack fired");
            vm.assertFalse(rToken.reentrySucceeded(), "re-entry must fail");
            vm.assertEq(rToken.reentryRevertData(), GUARD_ERROR, "stopped by the guard");
            vm.assertEq(m.auction(t1).highestBidder, buyer, "outer bid went through");
            vm.assertEq(uint256(m.auction(t1).highestBid), amount, "outer bid amount");
        }
        vm.assertEq(m.auction(t2).highestBidder, address(0), "t2: no bid slipped in");
        vm.assertEq(m.auction(t3).seller, miner, "t3: not settled from inside");
        vm.assertEq(m.auction(t4).seller, self, "t4: not cancelled from inside");
        vm.assertEq(nft.ownerOf(t5), self, "t5: not auctioned from inside");
        vm.assertEq(m.refundOf(self), PRICE, "refund not withdrawn from inside");

        // Control: every one of those calls succeeds outside a bid.
        for (uint256 i; i < attacks.length; ++i) {
            vm.prank(self);
            (bool ok,) = address(m).call(attacks[i]);
            vm.assertTrue(ok, "the same call succeeds unguarded");
        }
        vm.assertEq(m.auction(t2).highestBidder, self, "t2 bid");
        vm.assertEq(nft.ownerOf(t3), buyer2, "t3 settled");
        vm.assertEq(nft.ownerOf(t4), self, "t4 cancelled");
        vm.assertEq(nft.ownerOf(t5), address(m), "t5 auctioned");
    }

    /// @dev While `settle` pays the seller and while `withdrawRefund` pays out, re-entry is stopped too; value
    /// moves exactly once.
    function test_Reentrancy_DuringSettlePayoutAndWithdrawRevert() public {
        (ReentrantToken rToken, Marketplace m) = _reentrantMarket();
        address self = address(rToken);
        _auctionOn(m, t1);
        _auctionOn(m, t2);
        vm.prank(self);
        m.bid(t1, PRICE);
        vm.prank(buyer);
        m.bid(t1, 2 * PRICE); // the token contract is owed PRICE
        vm.prank(buyer);
        m.bid(t2, PRICE);
        vm.warp(block.timestamp + DURATION);

        // During settle's payout to the seller: re-enter settle of the other ended auction.
        rToken.armCall(IMarketplaceTarget(address(m)), abi.encodeCall(Marketplace.settle, (t2)));
        address escrowAddr = address(m.escrow());
        uint256 escrowBefore = rToken.balanceOf(escrowAddr);
        m.settle(t1);
        vm.assertEq(rToken.reentryRevertData(), GUARD_ERROR, "settle re-entry stopped by the guard");
        uint256 fee = 2 * PRICE * ISSUANCE_FEE_BPS / 10_000;
        vm.assertEq(rToken.balanceOf(escrowAddr) - escrowBefore, 2 * PRICE - fee, "proceeds escrowed once");
        vm.assertEq(m.refundOf(miner), 0, "the guarded re-entry did not make the payout fail");
        vm.assertEq(m.auction(t2).seller, miner, "t2 not settled from inside");

        // During a refund payout: re-enter withdrawRefund (a double withdrawal).
        rToken.armCall(IMarketplaceTarget(address(m)), abi.encodeCall(Marketplace.withdrawRefund, ()));
        uint256 before = rToken.balanceOf(self);
        vm.prank(self);
        m.withdrawRefund();
        vm.assertEq(rToken.reentryRevertData(), GUARD_ERROR, "withdraw re-entry stopped by the guard");
        vm.assertEq(rToken.balanceOf(self) - before, PRICE, "refund paid once");
        vm.assertEq(m.refundOf(self), 0, "reset");
    }

    // ================================================================ helpers

    /// @dev A second marketplace paid in {HookToken}; buyer and buyer2 hold 1,000,000 and approve it.
    function _hookMarket() internal returns (HookToken hToken, Marketplace m) {
        hToken = new HookToken();
        (m,) = _newMarket(hToken, FEE_BPS, ISSUANCE_FEE_BPS);
        vm.prank(miner);
        nft.setApprovalForAll(address(m), true);
        _fund(hToken, m);
    }

    /// @dev A second marketplace paid in {ReentrantToken}; buyer, buyer2 and the token contract itself are funded
    /// and approve it.
    function _reentrantMarket() internal returns (ReentrantToken rToken, Marketplace m) {
        rToken = new ReentrantToken();
        (m,) = _newMarket(rToken, FEE_BPS, ISSUANCE_FEE_BPS);
        vm.prank(miner);
        nft.setApprovalForAll(address(m), true);
        address[2] memory bidders = [buyer, buyer2];
        for (uint256 i; i < bidders.length; ++i) {
            rToken.mint(bidders[i], 1_000_000e6);
            vm.prank(bidders[i]);
            rToken.approve(address(m), type(uint256).max);
        }
        rToken.mint(address(rToken), 1_000_000e6);
        rToken.approveFromSelf(address(m), type(uint256).max);
    }

    function _fund(HookToken hToken, Marketplace m) internal {
        address[2] memory bidders = [buyer, buyer2];
        for (uint256 i; i < bidders.length; ++i) {
            hToken.mint(bidders[i], 1_000_000e6);
            vm.prank(bidders[i]);
            hToken.approve(address(m), type(uint256).max);
        }
    }

    /// @dev A hostile contract holding HOSTILE_FUNDS of `token` (any of the mintable mocks) and approving `m`.
    function _hostileBidder(Marketplace m, address token) internal returns (HostileBidder hostile) {
        hostile = new HostileBidder(IAuctionMarket(address(m)));
        IMintable(token).mint(address(hostile), HOSTILE_FUNDS);
        hostile.approve(IERC20(token), type(uint256).max);
    }

    /// @dev A hostile contract that owns `tokenId` (from the miner), approves `m` for its NFTs, is hooked on
    /// `hToken` and holds HOSTILE_FUNDS of it.
    function _hostileSeller(Marketplace m, HookToken hToken, uint256 tokenId) internal returns (HostileBidder seller) {
        seller = _hostileBidder(m, address(hToken));
        hToken.setHooked(address(seller), true);
        _handOver(tokenId, address(seller));
        seller.setApprovalForAll(address(nft), address(m));
    }

    function _auctionOn(Marketplace m, uint256 tokenId) internal {
        vm.prank(miner);
        m.createAuction(tokenId, PRICE, DURATION, INCREMENT_BPS);
    }
}
