// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {EscrowFixture} from "./utils/EscrowFixture.sol";
import {RevenueEscrow} from "../src/RevenueEscrow.sol";
import {HashrateNFT} from "../src/HashrateNFT.sol";
import {ReentrantToken, IMarketplaceTarget} from "./mocks/ReentrantToken.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

contract RevenueEscrowTest is EscrowFixture {
    uint256 internal t1;
    uint256 internal t2;
    uint256 internal t3;
    address internal holder = address(0x401D);

    function setUp() public override {
        super.setUp();
        t1 = _token(1);
        t2 = _token(2);
        t3 = _token(3);
    }

    // ================================================================ constructor and roles

    function test_Constructor_SetsTokenNftAndAdmin() public {
        vm.assertEq(address(escrow.nft()), address(nft), "nft");
        vm.assertEq(address(escrow.paymentToken()), address(usdt), "token");
        vm.assertTrue(escrow.hasRole(escrow.DEFAULT_ADMIN_ROLE(), admin), "admin");
        vm.assertEq(nft.TOKENS_PER_PRODUCT(), 1_000_000, "the escrow's token id space matches the NFT's");
        vm.expectRevert(abi.encodeWithSelector(RevenueEscrow.RevenueEscrowInvalidAdmin.selector));
        new RevenueEscrow(address(0), nft, usdt);
    }

    /// @dev Only the NFT credits (from a first-sale transfer, which stores the stream with the token): not a
    /// depositor, not the Marketplace itself, not anyone else.
    function test_RevertWhen_CreditNotNft() public {
        address[3] memory callers = [buyer, depositor, address(market)];
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(RevenueEscrow.RevenueEscrowNotNft.selector, callers[i]));
            vm.prank(callers[i]);
            escrow.credit(t1, 1);
        }
    }

    function test_RevertWhen_CreditZero() public {
        vm.expectRevert(abi.encodeWithSelector(RevenueEscrow.RevenueEscrowZeroAmount.selector));
        vm.prank(address(nft));
        escrow.credit(t1, 0);
    }

    function test_RevertWhen_CreditUnknownProduct() public {
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTUnknownProduct.selector, 9));
        vm.prank(address(nft));
        escrow.credit(9_000_001, 1);
    }

    /// @dev A stream's amount is stored in 78 bits with its token: a larger first sale is refused in words, and the
    /// largest one that fits streams exactly.
    function test_Credit_AmountBound() public {
        uint256 max = escrow.MAX_STREAM_AMOUNT();
        vm.assertEq(max, 2 ** 78 - 1, "78 bits");
        vm.expectRevert(abi.encodeWithSelector(RevenueEscrow.RevenueEscrowAmountTooLarge.selector, max + 1, max));
        vm.prank(address(market));
        nft.transferFromFirstSale(miner, buyer, t1, escrow, max + 1);
        _credit(t1, max);
        vm.assertEq(escrow.tokenEscrow(t1).amount, max, "the largest amount is stored whole");
        _warpToDay(endDay);
        vm.assertEq(escrow.withdrawable(productId), max, "and released whole at the end");
    }

    /// @dev A product's live sums share one slot (so a credit writes one slot): a credit that would overflow them is
    /// refused whole by SafeCast, and the product's figures stay those of the credits that fit. On the last day
    /// of the 540-day term a stream's rate is its whole amount and its start offset 539 days, so one stream of the
    /// largest amount fills `rate * offset` (88 bits) and a second one does not fit.
    function test_Credit_ProductSumsBound() public {
        uint256 max = escrow.MAX_STREAM_AMOUNT();
        _warpToDay(endDay - 1);
        _credit(t1, max);
        RevenueEscrow.ProductState memory before = escrow.productState(productId);
        usdt.mint(address(escrow), max);
        vm.expectRevert(abi.encodeWithSignature("SafeCastOverflowedUintDowncast(uint8,uint256)", 88, 2 * max * 539));
        vm.prank(address(market));
        nft.transferFromFirstSale(miner, miner, t2, escrow, max);
        vm.assertFalse(nft.isSold(t2), "the refused sale did not happen");
        vm.assertEq(escrow.productState(productId).credited, before.credited, "credited unchanged");
        vm.assertEq(escrow.productState(productId).released, before.released, "released unchanged");
        _warpToDay(endDay);
        vm.assertEq(escrow.withdrawable(productId), max, "the stream that fit is released whole at the end");
    }

    /// @dev The stream lives in the token's ownership word: the NFT returns it with the owner, and only the escrow
    /// (ESCROW_ROLE) rewrites it.
    function test_Credit_StreamStoredWithTheToken() public {
        (address owner, uint256 word) = nft.escrowDataOf(t1);
        vm.assertEq(word, 0, "no stream before the first sale");
        _warpToDay(firstDay + 3);
        _credit(t1, 777);
        (owner, word) = nft.escrowDataOf(t1);
        vm.assertEq(owner, miner, "owner in the same word");
        vm.assertEq(word, 777 | (3 << 78) | (1 << 93), "amount, start offset 3 days, epoch 0, credited bit");
        uint256[] memory data = new uint256[](1);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, miner, nft.ESCROW_ROLE())
        );
        vm.prank(miner);
        nft.recordRefunds(_ids(t1), data);
    }

    /// @dev The halt epoch is stored in 4 bits with each stream: a product can be halted at most MAX_HALTS times,
    /// so the 15th resume is refused (a halt itself is never refused: a default always stops release).
    function test_RevertWhen_ResumedTooOften() public {
        for (uint256 i = 1; i < escrow.MAX_HALTS(); ++i) {
            _halt();
            vm.prank(guardian);
            escrow.resume(productId);
        }
        _halt();
        vm.expectRevert(abi.encodeWithSelector(RevenueEscrow.RevenueEscrowTooManyHalts.selector, productId));
        vm.prank(guardian);
        escrow.resume(productId);
        vm.assertTrue(escrow.isHalted(productId), "stays halted: holders refund");
    }

    function test_RevertWhen_HaltOrResumeWithoutRole() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, buyer, escrow.HALTER_ROLE()
            )
        );
        vm.prank(buyer);
        escrow.halt(productId);
        _halt();
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, buyer, escrow.RESUMER_ROLE()
            )
        );
        vm.prank(buyer);
        escrow.resume(productId);
    }

    // ================================================================ credit and release

    function test_Credit_StoresStreamAndEmits() public {
        usdt.mint(address(escrow), 540e6);
        vm.expectEmit(true, true, true, true, address(escrow));
        emit RevenueEscrow.Credited(t1, productId, 540e6, 540e6, firstDay);
        vm.prank(address(market));
        nft.transferFromFirstSale(miner, miner, t1, escrow, 540e6);

        RevenueEscrow.TokenEscrow memory te = escrow.tokenEscrow(t1);
        vm.assertEq(te.amount, 540e6, "amount");
        vm.assertEq(te.startDay, firstDay, "starts today (= first day)");
        vm.assertEq(te.endDay, endDay, "ends with the term");
        vm.assertEq(te.released, 0, "nothing released on day one");
        vm.assertEq(te.unreleased, 540e6, "all unreleased");
        RevenueEscrow.ProductState memory st = escrow.productState(productId);
        vm.assertEq(st.credited, 540e6, "credited");
        vm.assertEq(st.released, 0, "released");
        vm.assertEq(st.firstDay, firstDay, "first day cached");
        vm.assertEq(st.endDay, endDay, "end day cached");
        vm.assertEq(endDay - firstDay, 540, "540-day term");
    }

    function test_Release_LinearInWholeDays() public {
        _credit(t1, 540e6); // 1 USDT a day
        vm.assertEq(escrow.withdrawable(productId), 0, "day 0");
        vm.warp((firstDay + 1) * 1 days - 1);
        vm.assertEq(escrow.withdrawable(productId), 0, "still day 0 (UTC): whole days only");
        vm.warp((firstDay + 1) * 1 days);
        vm.assertEq(escrow.withdrawable(productId), 1e6, "day 1");
        _warpToDay(firstDay + 100);
        vm.assertEq(escrow.withdrawable(productId), 100e6, "day 100");
        _warpToDay(endDay - 1);
        vm.assertEq(escrow.withdrawable(productId), 539e6, "last day");
        _warpToDay(endDay);
        vm.assertEq(escrow.withdrawable(productId), 540e6, "end: everything");
        _warpToDay(endDay + 400);
        vm.assertEq(escrow.withdrawable(productId), 540e6, "after: still everything, no more");
    }

    function test_Release_RemainderOnTheEndDay() public {
        _credit(t1, 1000); // 540 days: rate 1, remainder 460
        _warpToDay(endDay - 1);
        vm.assertEq(escrow.withdrawable(productId), 539, "rate rounded down");
        _warpToDay(endDay);
        vm.assertEq(escrow.withdrawable(productId), 1000, "remainder released at the end: no dust");
    }

    function test_Release_StartsTodayForALaterPurchase() public {
        _warpToDay(firstDay + 140);
        _credit(t1, 400e6); // 400 days left: 1 USDT a day
        vm.assertEq(escrow.tokenEscrow(t1).startDay, firstDay + 140, "starts on the purchase day");
        _warpToDay(firstDay + 150);
        vm.assertEq(escrow.withdrawable(productId), 10e6, "10 days");
    }

    function test_Release_BeforeTheTermStartsWaitsForTheFirstDay() public {
        vm.startPrank(admin);
        HashrateNFT.ProductParams memory p = _params(miner, 2);
        p.termStart = uint64(vm.getBlockTimestamp() + 10 days);
        p.termEnd = p.termStart + 100 days;
        uint256 later = nft.createProduct(p);
        nft.mint(later, 2);
        vm.stopPrank();
        uint256 token = later * 1_000_000 + 1;
        _credit(token, 100e6);
        uint256 first = p.termStart / 1 days;
        vm.assertEq(escrow.tokenEscrow(token).startDay, first, "starts on the first day");
        _warpToDay(first);
        vm.assertEq(escrow.withdrawable(later), 0, "nothing before the first day");
        _warpToDay(first + 5);
        vm.assertEq(escrow.withdrawable(later), 5e6, "5 days");
    }

    function test_Release_AfterTheEndIsImmediate() public {
        _warpToDay(endDay + 3);
        _credit(t1, 77e6);
        vm.assertEq(escrow.withdrawable(productId), 77e6, "released at once");
        vm.assertEq(escrow.tokenEscrow(t1).unreleased, 0, "nothing to refund");
    }

    function test_Release_ProductIsTheSumOfItsTokens() public {
        _credit(t1, 540e6);
        _warpToDay(firstDay + 40);
        _credit(t2, 1_000_003);
        _warpToDay(firstDay + 333);
        _credit(t3, 12_345_678);
        _warpToDay(firstDay + 500);
        uint256 sum =
            escrow.tokenEscrow(t1).released + escrow.tokenEscrow(t2).released + escrow.tokenEscrow(t3).released;
        vm.assertEq(escrow.productState(productId).released, sum, "aggregate == sum of tokens");
        vm.assertEq(escrow.withdrawable(productId), sum, "withdrawable");
    }

    /// @dev A token is credited once: its first sale. A second credit (even after a refund ended its stream) is
    /// refused, so no sale can restart or enlarge a stream.
    function test_RevertWhen_CreditTwice() public {
        _credit(t1, 540e6);
        _warpToDay(firstDay + 40);
        usdt.mint(address(escrow), 100e6);
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTNotFirstSale.selector, t1));
        vm.prank(address(market));
        nft.transferFromFirstSale(miner, buyer, t1, escrow, 100e6);
        _halt();
        vm.prank(miner);
        escrow.claimRefund(_ids(t1));
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTNotFirstSale.selector, t1));
        vm.prank(address(market));
        nft.transferFromFirstSale(miner, buyer, t1, escrow, 100e6);
        vm.assertEq(escrow.tokenEscrow(t1).amount, 0, "the refunded stream stays ended");
    }

    // ================================================================ withdraw

    function test_Withdraw_PaysTheMinerWhatIsReleased() public {
        _credit(t1, 540e6);
        _warpToDay(firstDay + 10);
        vm.expectEmit(true, true, true, true, address(escrow));
        emit RevenueEscrow.Withdrawn(productId, miner, 10e6);
        vm.prank(miner);
        escrow.withdraw(productId);
        vm.assertEq(usdt.balanceOf(miner), 10e6, "paid");
        vm.expectRevert(abi.encodeWithSelector(RevenueEscrow.RevenueEscrowNothingToWithdraw.selector, productId));
        vm.prank(miner);
        escrow.withdraw(productId);
        _warpToDay(endDay);
        vm.prank(miner);
        escrow.withdraw(productId);
        vm.assertEq(usdt.balanceOf(miner), 540e6, "all of it in the end");
        vm.assertEq(usdt.balanceOf(address(escrow)), 0, "escrow empty");
        vm.assertEq(escrow.productState(productId).withdrawn, 540e6, "withdrawn");
    }

    function test_RevertWhen_WithdrawNotMiner() public {
        _credit(t1, 540e6);
        _warpToDay(firstDay + 10);
        vm.expectRevert(abi.encodeWithSelector(RevenueEscrow.RevenueEscrowNotMiner.selector, productId, buyer, miner));
        vm.prank(buyer);
        escrow.withdraw(productId);
    }

    function test_RevertWhen_WithdrawUnknownProduct() public {
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTUnknownProduct.selector, 42));
        vm.prank(miner);
        escrow.withdraw(42);
    }

    // ================================================================ halt, refunds, resume

    function test_Halt_FreezesReleaseAndRefundsTheHolder() public {
        _credit(t1, 540e6);
        _credit(t2, 270e6);
        _handOver(t1, buyer);
        _handOver(t2, buyer);
        _warpToDay(firstDay + 30);
        vm.expectEmit(true, true, true, true, address(escrow));
        emit RevenueEscrow.Halted(productId, firstDay + 30, guardian);
        _halt();
        _warpToDay(firstDay + 90);
        vm.assertEq(escrow.withdrawable(productId), 30e6 + 15e6, "release stopped at the halt day");
        vm.assertEq(escrow.refundable(t1), 510e6, "t1 unreleased");
        vm.assertEq(escrow.refundable(t2), 255e6, "t2 unreleased");

        // The NFT is sold on: the current holder claims.
        vm.prank(buyer);
        nft.transferFrom(buyer, holder, t1);
        vm.expectRevert(abi.encodeWithSelector(RevenueEscrow.RevenueEscrowNotHolder.selector, t1, buyer, holder));
        vm.prank(buyer);
        escrow.claimRefund(_ids(t1));

        vm.expectEmit(true, true, true, true, address(escrow));
        emit RevenueEscrow.RefundClaimed(t1, productId, holder, 510e6);
        vm.prank(holder);
        escrow.claimRefund(_ids(t1));
        vm.assertEq(usdt.balanceOf(holder), 510e6, "holder refunded");
        vm.assertEq(escrow.refundable(t1), 0, "claimed");
        vm.expectRevert(abi.encodeWithSelector(RevenueEscrow.RevenueEscrowNothingToRefund.selector, t1));
        vm.prank(holder);
        escrow.claimRefund(_ids(t1));

        vm.prank(miner);
        escrow.withdraw(productId);
        vm.assertEq(usdt.balanceOf(miner), 45e6, "miner keeps what was released");
        vm.prank(buyer);
        escrow.claimRefund(_ids(t2));
        vm.assertEq(usdt.balanceOf(address(escrow)), 0, "everything paid out: nothing stuck");
        RevenueEscrow.ProductState memory st = escrow.productState(productId);
        vm.assertEq(st.refunded, 765e6, "refunded");
        vm.assertEq(st.credited, 810e6, "credited unchanged");
        vm.assertTrue(st.halted, "halted");
        vm.assertEq(st.haltDay, firstDay + 30, "halt day");
    }

    function test_ClaimRefund_ManyTokensInOneTransfer() public {
        _credit(t1, 540e6);
        _credit(t2, 540e6);
        _warpToDay(firstDay + 100);
        _halt();
        vm.prank(miner);
        escrow.claimRefund(_ids(t1, t2)); // the miner still holds both
        vm.assertEq(usdt.balanceOf(miner), 880e6, "two remainders");
    }

    function test_RevertWhen_ClaimRefundBadInput() public {
        vm.expectRevert(abi.encodeWithSelector(RevenueEscrow.RevenueEscrowNoTokens.selector));
        escrow.claimRefund(new uint256[](0));
        _credit(t1, 540e6);
        vm.expectRevert(abi.encodeWithSelector(RevenueEscrow.RevenueEscrowNotHalted.selector, productId));
        vm.prank(miner);
        escrow.claimRefund(_ids(t1));
        _halt();
        vm.expectRevert(abi.encodeWithSelector(RevenueEscrow.RevenueEscrowNothingToRefund.selector, t2));
        vm.prank(miner);
        escrow.claimRefund(_ids(t2)); // never credited
        vm.expectRevert(abi.encodeWithSelector(RevenueEscrow.RevenueEscrowAlreadyHalted.selector, productId, firstDay));
        _halt();
    }

    function test_RevertWhen_ResumeNotHalted() public {
        vm.expectRevert(abi.encodeWithSelector(RevenueEscrow.RevenueEscrowNotHalted.selector, productId));
        vm.prank(guardian);
        escrow.resume(productId);
    }

    function test_Resume_ReleasesTheRestAsIfNeverHalted() public {
        _credit(t1, 540e6);
        _credit(t2, 540e6);
        _warpToDay(firstDay + 100);
        _halt();
        vm.prank(miner);
        escrow.claimRefund(_ids(t1)); // 440 refunded
        _warpToDay(firstDay + 120);
        vm.expectEmit(true, true, true, true, address(escrow));
        emit RevenueEscrow.Resumed(productId, guardian);
        vm.prank(guardian);
        escrow.resume(productId);
        vm.assertEq(escrow.withdrawable(productId), 100e6 + 120e6, "t1's released part + t2 to today");
        vm.assertEq(escrow.refundable(t2), 0, "no refund while running");
        _warpToDay(endDay);
        vm.assertEq(escrow.withdrawable(productId), 100e6 + 540e6, "everything not refunded");
        vm.prank(miner);
        escrow.withdraw(productId);
        vm.assertEq(usdt.balanceOf(address(escrow)), 0, "nothing stuck");
    }

    /// @dev ATTACK (finding 7): a primary sale made during a halt used to start at the halt day, so a DAO resume
    /// paid the miner for days before the sale. It now streams from its own sale day.
    function test_Attack_CreditWhileHaltedStreamsFromItsSaleDayAfterResume() public {
        _credit(t2, 540e6);
        _warpToDay(firstDay + 10);
        _halt();
        _warpToDay(firstDay + 20);
        _credit(t1, 520e6);
        vm.assertEq(escrow.tokenEscrow(t1).startDay, firstDay + 20, "starts on its sale day");
        vm.assertEq(escrow.refundable(t1), 520e6, "all refundable while halted");
        vm.assertEq(escrow.withdrawable(productId), 10e6, "only t2's days before the halt");
        vm.assertEq(escrow.productState(productId).credited, 1060e6, "credited");
        _warpToDay(firstDay + 30);
        vm.prank(guardian);
        escrow.resume(productId);
        // t2: 30 days at 1/day; t1: 10 days (20 -> 30) at 1/day, not 20 days from the halt
        vm.assertEq(escrow.withdrawable(productId), 30e6 + 10e6, "from the sale day");
        vm.assertEq(escrow.tokenEscrow(t1).released, 10e6, "token view agrees");
        _warpToDay(endDay);
        vm.assertEq(escrow.withdrawable(productId), 1060e6, "everything by the end");
    }

    /// @dev A sale during a halt refunded before any resume leaves the product's sums exact.
    function test_Credit_WhileHaltedThenRefundedLeavesNothing() public {
        _warpToDay(firstDay + 10);
        _halt();
        _warpToDay(firstDay + 20);
        _credit(t1, 100e6);
        vm.prank(miner);
        escrow.claimRefund(_ids(t1));
        vm.assertEq(usdt.balanceOf(miner), 100e6, "refunded in full");
        vm.prank(guardian);
        escrow.resume(productId);
        _warpToDay(endDay);
        vm.assertEq(escrow.withdrawable(productId), 0, "nothing to release");
        vm.assertEq(usdt.balanceOf(address(escrow)), 0, "nothing stuck");
    }

    function test_Halt_AfterTheEndRefundsNothing() public {
        _credit(t1, 540e6);
        _warpToDay(endDay);
        _halt();
        vm.assertEq(escrow.refundable(t1), 0, "all released");
        vm.assertEq(escrow.withdrawable(productId), 540e6, "the miner keeps it");
    }

    // ================================================================ reentrancy

    /// @dev A payment token that calls back into the escrow while paying a refund: the guard stops it.
    function test_Reentrancy_ClaimRefundDuringRefundPayout() public {
        ReentrantToken rToken = new ReentrantToken();
        RevenueEscrow e = new RevenueEscrow(admin, nft, rToken);
        vm.startPrank(admin);
        e.grantRole(e.DEPOSITOR_ROLE(), depositor);
        e.grantRole(e.HALTER_ROLE(), guardian);
        nft.grantRole(nft.ESCROW_ROLE(), address(e));
        vm.stopPrank();
        rToken.mint(address(e), 200e6);
        vm.startPrank(address(market));
        nft.transferFromFirstSale(miner, miner, t1, e, 100e6);
        nft.transferFromFirstSale(miner, miner, t2, e, 100e6);
        vm.stopPrank();
        vm.prank(guardian);
        e.halt(productId);
        // The token contract holds t2 and re-enters claimRefund for it while t1's refund is paid.
        _handOver(t2, address(rToken));
        rToken.armCall(IMarketplaceTarget(address(e)), abi.encodeCall(RevenueEscrow.claimRefund, (_ids(t2))));
        vm.prank(miner);
        e.claimRefund(_ids(t1));
        vm.assertEq(
            rToken.reentryRevertData(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector),
            "stopped by the guard"
        );
        vm.assertEq(rToken.balanceOf(miner), 100e6, "t1 refunded once");
        vm.assertEq(e.refundable(t2), 100e6, "t2 untouched");
    }

    // ================================================================ fuzz

    /// @dev Random credits on random days, then a halt: what the product
    /// has not released is exactly the sum of its tokens' unreleased remainders, and released + refunds ==
    /// credited to the unit.
    function testFuzz_AggregateMatchesTokensAndHaltIsExact(
        uint256[6] memory amounts,
        uint256[6] memory days_,
        uint256 haltAt
    ) public {
        uint256 day = firstDay;
        uint256 total;
        for (uint256 i; i < 6; ++i) {
            day += bound(days_[i], 0, 120);
            _warpToDay(day);
            uint256 amount = bound(amounts[i], 1, 1e15);
            _credit(_token(1 + i), amount); // each token credited once
            total += amount;
        }
        _warpToDay(day + bound(haltAt, 0, 700));
        uint256 sum;
        for (uint256 i = 1; i <= 6; ++i) {
            sum += escrow.tokenEscrow(_token(i)).unreleased;
        }
        vm.assertEq(total - escrow.productState(productId).released, sum, "unreleased == sum of tokens'");
        _halt();
        uint256[] memory ids = new uint256[](6);
        uint256 refunds;
        for (uint256 i; i < 6; ++i) {
            ids[i] = _token(i + 1);
            refunds += escrow.refundable(ids[i]);
        }
        vm.assertEq(escrow.withdrawable(productId) + refunds, total, "released + refundable == credited");
        if (refunds > 0) {
            // Only the tokens with something to refund.
            uint256 n;
            for (uint256 i; i < 6; ++i) {
                if (escrow.refundable(ids[i]) > 0) ids[n++] = ids[i];
            }
            uint256[] memory some = new uint256[](n);
            for (uint256 i; i < n; ++i) {
                some[i] = ids[i];
            }
            vm.prank(miner);
            escrow.claimRefund(some);
        }
        if (escrow.withdrawable(productId) > 0) {
            vm.prank(miner);
            escrow.withdraw(productId);
        }
        vm.assertEq(usdt.balanceOf(address(escrow)), 0, "nothing stuck");
        vm.assertEq(usdt.balanceOf(miner), total, "all of it reached the miner, as miner or as holder");
    }
}
