// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DefaultFixture} from "./utils/DefaultFixture.sol";
import {DefaultGuard} from "../src/DefaultGuard.sol";
import {MinerRegistry} from "../src/MinerRegistry.sol";
import {RevenueEscrow} from "../src/RevenueEscrow.sol";
import {HashrateNFT} from "../src/HashrateNFT.sol";
import {IYieldRecord} from "../src/interfaces/IYieldRecord.sol";
import {IYieldOracle} from "../src/interfaces/IYieldOracle.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

contract DefaultGuardTest is DefaultFixture {
    // ================================================================ windows

    function test_RevertWhen_WindowBeforeThePayablePeriodOrIncomplete() public {
        _warpToDay(firstDay + 6); // the first window (days 0..6) is not complete until day 7
        vm.expectRevert(
            abi.encodeWithSelector(DefaultGuard.DefaultGuardWindowIncomplete.selector, pid, firstDay, firstDay + 7)
        );
        guard.flag(pid, firstDay);
        vm.expectRevert(abi.encodeWithSelector(DefaultGuard.DefaultGuardTooEarly.selector, pid, firstDay - 1, firstDay));
        guard.flag(pid, firstDay - 1);
        _warpToDay(firstDay + 7);
        vm.assertEq(uint256(guard.check(pid, firstDay)), uint256(DefaultGuard.Reason.Missed), "nothing paid");
        vm.assertEq(guard.latestWindow(pid), firstDay, "latest window");
    }

    function test_Flag_NothingPaidFromTheFirstDay() public {
        _warpToDay(firstDay + 7);
        vm.expectEmit(true, true, true, true, address(guard));
        emit DefaultGuard.ProductFlagged(pid, firstDay, DefaultGuard.Reason.Missed, stranger, block.timestamp + 14 days);
        vm.prank(stranger);
        guard.flag(pid, firstDay);
        vm.assertEq(uint256(registry.statusOf(appId)), uint256(MinerRegistry.Status.Flagged), "Flagged");
    }

    function test_Missed_SixDaysIsNotADefault_SevenIs() public {
        _pay(firstDay, firstDay + 20, _at(10_000), MEDIAN);
        _warpToDay(firstDay + 27);
        // window 19..25: day 19 paid in full (1/7 of what the window owes): short, not missed
        vm.assertEq(uint256(guard.check(pid, firstDay + 19)), uint256(DefaultGuard.Reason.Short), "1 of 7 paid");
        vm.assertEq(uint256(guard.check(pid, firstDay + 20)), uint256(DefaultGuard.Reason.Missed), "7 missed");
    }

    // ================================================================ short: money owed over the window

    function test_Short_EightyPercentIsNotShort() public {
        _pay(firstDay, firstDay + 7, _at(8000), MEDIAN);
        _warpToDay(firstDay + 7);
        vm.expectRevert(abi.encodeWithSelector(DefaultGuard.DefaultGuardNotInDefault.selector, pid, firstDay));
        guard.flag(pid, firstDay);
    }

    /// @dev One base unit below exactly 80% over the window is short: the comparison does not round.
    function test_Short_OneUnitBelowEightyPercentIsShort() public {
        _pay(firstDay, firstDay + 7, _at(8000), MEDIAN);
        record.setDeposited(pid, firstDay + 3, _at(8000) - 1);
        _warpToDay(firstDay + 7);
        vm.assertEq(uint256(guard.check(pid, firstDay)), uint256(DefaultGuard.Reason.Short), "just below 80%");
    }

    /// @dev The whole window's 80% paid on one day is not short: it is the money that counts, not the days.
    function test_Short_AllOnOneDayIsNotShort() public {
        _pay(firstDay, firstDay + 7, 0, MEDIAN);
        record.setDeposited(pid, firstDay + 6, _at(8000) * 7);
        _warpToDay(firstDay + 7);
        vm.expectRevert(abi.encodeWithSelector(DefaultGuard.DefaultGuardNotInDefault.selector, pid, firstDay));
        guard.check(pid, firstDay);
    }

    /// @dev ATTACK (finding 2): 80% of the market average one day a week, nothing on the other six (~11% of what
    /// is owed). The old rule needed all 7 days short and never flagged this; over 63 days every window is short.
    function test_Attack_PayingOneDayAWeekIsFlagged() public {
        _pay(firstDay, firstDay + 63, 0, MEDIAN);
        for (uint256 d = firstDay; d < firstDay + 63; d += 7) record.setDeposited(pid, d, _at(8000));
        _warpToDay(firstDay + 63);
        for (uint256 start = firstDay; start + 7 <= firstDay + 63; ++start) {
            vm.assertEq(uint256(guard.check(pid, start)), uint256(DefaultGuard.Reason.Short), "every window short");
        }
        guard.flag(pid, firstDay + 56);
        vm.assertTrue(escrow.isHalted(pid), "halted");
    }

    /// @dev ATTACK (finding 2): one wei a day and one day a week without an oracle value. That day owes what the
    /// market last said (carried forward), so the window is still short.
    function test_Attack_OneWeiADayAndAnOracleGapIsFlagged() public {
        _pay(firstDay, firstDay + 14, 1, MEDIAN);
        oracle.setAverage(FIL, firstDay + 10, 0);
        _warpToDay(firstDay + 14);
        vm.assertEq(uint256(guard.check(pid, firstDay + 7)), uint256(DefaultGuard.Reason.Short), "short");
        DefaultGuard.Window memory w = guard.windowOf(pid, firstDay + 7);
        vm.assertEq(uint256(w.days_[3].source), uint256(DefaultGuard.ValueSource.Carried), "gap carried");
        vm.assertEq(w.days_[3].value, MEDIAN, "carried value");
        vm.assertEq(w.paid, 7, "7 wei");
        vm.assertEq(w.owed, MEDIAN * UNITS / 1000 * 7, "owed");
    }

    /// @dev No oracle value in the window nor the 7 days before: the declared expected yield is owed.
    function test_Value_DeclaredWhenTheOracleIsSilent() public {
        _warpToDay(firstDay + 7);
        DefaultGuard.Window memory w = guard.windowOf(pid, firstDay);
        for (uint256 i; i < 7; ++i) {
            vm.assertEq(uint256(w.days_[i].source), uint256(DefaultGuard.ValueSource.Declared), "declared");
            vm.assertEq(w.days_[i].value, 2.2e15, "the application's expected yield");
        }
        vm.assertTrue(w.missed && w.short_, "missed");
        // paying the declared yield in full clears it
        for (uint256 d = firstDay; d < firstDay + 7; ++d) record.setDeposited(pid, d, 2.2e15 * UNITS / 1000);
        vm.expectRevert(abi.encodeWithSelector(DefaultGuard.DefaultGuardNotInDefault.selector, pid, firstDay));
        guard.check(pid, firstDay);
    }

    function test_Short_ThresholdIsGovernable() public {
        _pay(firstDay, firstDay + 7, _at(8500), MEDIAN);
        _warpToDay(firstDay + 7);
        vm.expectRevert(abi.encodeWithSelector(DefaultGuard.DefaultGuardNotInDefault.selector, pid, firstDay));
        guard.flag(pid, firstDay);
        vm.expectEmit(true, true, true, true, address(guard));
        emit DefaultGuard.ShortfallBpsUpdated(8000, 9000);
        vm.prank(governance);
        guard.setShortfallBps(9000);
        vm.assertEq(uint256(guard.check(pid, firstDay)), uint256(DefaultGuard.Reason.Short), "85% < 90%");
    }

    /// @dev Fuzz against a reference model: random payments on each day of a random window, random oracle gaps
    /// (including before the window), random market values. The guard flags exactly when the model's deposits are
    /// below 80% of the model's owed sum.
    function testFuzz_WindowRuleMatchesTheModel(uint256 seed, uint256 offset) public {
        offset = bound(offset, 0, 40);
        uint256 start = firstDay + offset;
        uint256 lo = start > firstDay + 7 ? start - 7 : firstDay;
        uint256 last;
        uint256 lastDay;
        uint256 paid;
        uint256 owedScaled;
        for (uint256 d = lo; d < start + 7; ++d) {
            uint256 r = uint256(keccak256(abi.encode(seed, d)));
            uint256 median = r % 3 == 0 ? 0 : 1e15 + (r >> 8) % 4e15; // a third of the days without a value
            oracle.setAverage(FIL, d, median);
            if (d < start) {
                if (median != 0) (last, lastDay) = (median, d);
                continue;
            }
            uint256 amount = (r >> 64) % 5 == 0 ? 0 : (r >> 128) % (6e15 * UNITS / 1000);
            record.setDeposited(pid, d, amount);
            uint256 value = median != 0 ? median : (last != 0 && d - lastDay <= 7 ? last : 2.2e15);
            if (median != 0) (last, lastDay) = (median, d);
            paid += amount;
            owedScaled += value * UNITS;
        }
        _warpToDay(start + 7);
        if (paid == 0) {
            vm.assertEq(uint256(guard.check(pid, start)), uint256(DefaultGuard.Reason.Missed), "missed");
        } else if (paid * 1000 * 10_000 < owedScaled * 8000) {
            vm.assertEq(uint256(guard.check(pid, start)), uint256(DefaultGuard.Reason.Short), "short");
        } else {
            vm.expectRevert(abi.encodeWithSelector(DefaultGuard.DefaultGuardNotInDefault.selector, pid, start));
            guard.check(pid, start);
        }
        DefaultGuard.Window memory w = guard.windowOf(pid, start);
        vm.assertEq(w.paid, paid, "paid");
        vm.assertEq(w.owed, owedScaled / 1000, "owed");
    }

    function test_RevertWhen_SetShortfallOutOfBoundsOrNotAdmin() public {
        vm.startPrank(governance);
        vm.expectRevert(abi.encodeWithSelector(DefaultGuard.DefaultGuardInvalidShortfall.selector, 999));
        guard.setShortfallBps(999);
        vm.expectRevert(abi.encodeWithSelector(DefaultGuard.DefaultGuardInvalidShortfall.selector, 10_001));
        guard.setShortfallBps(10_001);
        vm.stopPrank();
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, guard.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(stranger);
        guard.setShortfallBps(9000);
    }


    // ================================================================ the payable period (finding 3)

    /// @dev ATTACK (finding 3): a term that started before approval. Minting completes on day 20 of the term;
    /// flagging the unpaid days before it must fail, and the first window starts on the mint day.
    function test_Attack_FlagRightAfterMintingCompletesIsRefused() public {
        (uint256 id2, uint256 pid2) = _active(); // term starts next week, nothing minted
        uint256 first2 = nft.product(pid2).termStart / 1 days;
        _warpToDay(first2 + 5); // within the mint grace (7 days after activation)
        vm.prank(miner);
        registry.mint(id2, 100);
        uint256 mintDay = first2 + 5;
        vm.assertEq(guard.firstPayableDay(pid2), mintDay, "payable from the mint day");
        _warpToDay(mintDay + 1);
        vm.expectRevert(abi.encodeWithSelector(DefaultGuard.DefaultGuardTooEarly.selector, pid2, first2, mintDay));
        guard.flag(pid2, first2);
        // the miner pays from the mint day on: no window is in default
        for (uint256 d = mintDay; d < mintDay + 7; ++d) {
            record.setDeposited(pid2, d, _at(10_000));
            oracle.setAverage(FIL, d, MEDIAN);
        }
        _warpToDay(mintDay + 7);
        vm.expectRevert(abi.encodeWithSelector(DefaultGuard.DefaultGuardNotInDefault.selector, pid2, mintDay));
        guard.flag(pid2, mintDay);
    }

    /// @dev A miner that never completes minting cannot dodge: 7 days after activation it owes all the same.
    function test_MintingLeftOpenOwesAfterTheGrace() public {
        (uint256 id2, uint256 pid2) = _active();
        vm.prank(miner);
        registry.mint(id2, 50);
        uint256 ready = block.timestamp / 1 days + 7;
        uint256 first2 = nft.product(pid2).termStart / 1 days;
        uint256 from = ready > first2 ? ready : first2;
        vm.assertEq(guard.firstPayableDay(pid2), from, "grace");
        _warpToDay(from + 7);
        vm.assertEq(uint256(guard.check(pid2, from)), uint256(DefaultGuard.Reason.Missed), "missed");
    }

    // ================================================================ the term's last days (finding 4)

    /// @dev ATTACK (finding 4): the miner skips the last 6 days of its term. The last window ends on the term's last
    /// day: it can be flagged after the term, and the stake does not come back while it is short.
    function test_Attack_SkippingTheLastDaysIsFlaggedAndLocksTheStake() public {
        _pay(firstDay, endDay - 6, _at(10_000), MEDIAN);
        _pay(endDay - 6, endDay, 0, MEDIAN);
        _warpToDay(endDay + 1);
        vm.assertEq(guard.latestWindow(pid), endDay - 7, "the last window");
        vm.expectRevert(abi.encodeWithSelector(DefaultGuard.DefaultGuardInDefault.selector, pid, endDay - 7));
        vm.prank(miner);
        registry.withdrawStake(appId);
        guard.flag(pid, endDay - 7);
        vm.assertEq(uint256(registry.statusOf(appId)), uint256(MinerRegistry.Status.Flagged), "Flagged");
        vm.expectRevert(
            abi.encodeWithSelector(
                MinerRegistry.MinerRegistryInvalidState.selector,
                appId,
                MinerRegistry.Status.Flagged,
                MinerRegistry.Status.Active
            )
        );
        vm.prank(miner);
        registry.withdrawStake(appId);
    }

    function test_WithdrawStake_AfterAFullyPaidTerm() public {
        _pay(firstDay, endDay, _at(10_000), MEDIAN);
        vm.warp(nft.product(pid).termEnd);
        vm.prank(miner);
        registry.withdrawStake(appId);
        vm.assertEq(uint256(registry.statusOf(appId)), uint256(MinerRegistry.Status.Completed), "Completed");
    }

    function test_RevertWhen_WindowOutsideTheTerm() public {
        _warpToDay(endDay + 10);
        vm.expectRevert(abi.encodeWithSelector(DefaultGuard.DefaultGuardWindowOutsideTerm.selector, pid, endDay - 6, endDay));
        guard.flag(pid, endDay - 6);
    }

    // ================================================================ challenge period

    function _buyOne() internal returns (uint256 t, uint256 credited) {
        t = _tok(1);
        vm.startPrank(miner);
        nft.setApprovalForAll(address(market), true);
        market.list(t, 4_800_000);
        vm.stopPrank();
        usdt.mint(buyer, 4_800_000);
        vm.startPrank(buyer);
        usdt.approve(address(market), 4_800_000);
        market.buy(t, 4_800_000, 0);
        vm.stopPrank();
        credited = 4_800_000 - 4_800_000 * ISSUANCE_FEE_BPS / 10_000;
    }

    function test_Flag_HaltsAtOnceAndSlashesOnlyAfterTheChallenge() public {
        (uint256 t, uint256 credited) = _buyOne();
        _pay(firstDay, firstDay + 10, _at(10_000), MEDIAN);
        _warpToDay(firstDay + 17);
        vm.expectEmit(true, true, true, true, address(escrow));
        emit RevenueEscrow.Halted(pid, firstDay + 17, address(guard));
        vm.expectEmit(true, true, true, true, address(registry));
        emit MinerRegistry.ApplicationFlagged(appId);
        guard.flag(pid, firstDay + 10);

        // the buyer is protected at once
        uint256 released = credited / (endDay - firstDay) * 17;
        vm.assertEq(escrow.refundable(t), credited - released, "refundable at once");
        vm.prank(buyer);
        escrow.claimRefund(_one(t));
        vm.assertEq(usdt.balanceOf(buyer), credited - released, "refunded");
        // the stake is not slashed yet, and frozen
        vm.assertEq(dmc.balanceOf(address(fund)), 0, "not slashed during the challenge");
        uint256 endsAt = guard.challengeEndsAt(pid);
        vm.assertEq(endsAt, block.timestamp + 14 days, "challenge ends");
        vm.expectRevert(abi.encodeWithSelector(DefaultGuard.DefaultGuardChallengeOpen.selector, pid, endsAt));
        guard.finalize(pid);
        vm.expectRevert(
            abi.encodeWithSelector(DefaultGuard.DefaultGuardNotFlaggable.selector, pid, MinerRegistry.Status.Flagged)
        );
        guard.flag(pid, firstDay + 10); // flagged once

        vm.warp(endsAt);
        vm.expectEmit(true, true, true, true, address(guard));
        emit DefaultGuard.ProductDefaulted(pid, stranger);
        vm.expectEmit(true, true, true, true, address(registry));
        emit MinerRegistry.StakeSlashed(appId, STAKE, address(fund));
        vm.prank(stranger);
        guard.finalize(pid);
        vm.assertEq(uint256(registry.statusOf(appId)), uint256(MinerRegistry.Status.Defaulted), "Defaulted");
        vm.assertEq(dmc.balanceOf(address(fund)), STAKE, "stake in the insurance fund");
        vm.expectRevert(abi.encodeWithSelector(DefaultGuard.DefaultGuardNotFlagged.selector, pid));
        guard.finalize(pid);
    }

    /// @dev The DAO overturns a wrong flag: Active again, escrow resumed, the same window cannot be flagged again;
    /// a later short window can (finding 7: a resumed product is flaggable again).
    function test_Overturn_RestoresAndAResumedProductIsFlaggableAgain() public {
        _warpToDay(firstDay + 7);
        guard.flag(pid, firstDay);
        vm.expectEmit(true, true, true, true, address(guard));
        emit DefaultGuard.FlagOverturned(pid);
        vm.prank(governance);
        guard.overturn(pid);
        vm.assertEq(uint256(registry.statusOf(appId)), uint256(MinerRegistry.Status.Active), "Active");
        vm.assertFalse(escrow.isHalted(pid), "resumed");
        vm.assertEq(guard.challengeEndsAt(pid), 0, "no challenge");
        vm.expectRevert(
            abi.encodeWithSelector(DefaultGuard.DefaultGuardTooEarly.selector, pid, firstDay, firstDay + 7)
        );
        guard.flag(pid, firstDay);

        _warpToDay(firstDay + 14); // another week without a payment
        guard.flag(pid, firstDay + 7);
        vm.assertTrue(escrow.isHalted(pid), "halted again");
        vm.assertEq(uint256(registry.statusOf(appId)), uint256(MinerRegistry.Status.Flagged), "Flagged again");
    }

    /// @dev ATTACK (finding 7): after a DAO resume of a defaulted product the guard could never flag it again.
    function test_Attack_DefaultedThenResumedIsHaltedAgain() public {
        _warpToDay(firstDay + 7);
        guard.flag(pid, firstDay);
        vm.warp(guard.challengeEndsAt(pid));
        guard.finalize(pid);
        vm.prank(governance);
        guard.resumeByGovernance(pid);
        uint256 resumed = block.timestamp / 1 days;
        _warpToDay(resumed + 7);
        vm.expectEmit(true, true, true, true, address(guard));
        emit DefaultGuard.ProductHaltedAgain(pid, resumed, DefaultGuard.Reason.Missed, address(this));
        guard.flag(pid, resumed);
        vm.assertTrue(escrow.isHalted(pid), "halted again");
    }

    function test_Flag_AfterAGovernanceHaltKeepsTheDaosHaltDay() public {
        _warpToDay(firstDay + 3);
        vm.prank(governance);
        guard.haltByGovernance(pid);
        _warpToDay(firstDay + 9);
        guard.flag(pid, firstDay);
        vm.assertEq(escrow.productState(pid).haltDay, firstDay + 3, "the DAO's halt day stands");
        vm.assertEq(uint256(registry.statusOf(appId)), uint256(MinerRegistry.Status.Flagged), "Flagged");
    }

    function test_RevertWhen_OverturnOrChallengeSettingByOthers() public {
        _warpToDay(firstDay + 7);
        guard.flag(pid, firstDay);
        bytes memory err = abi.encodeWithSelector(
            IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, guard.DEFAULT_ADMIN_ROLE()
        );
        vm.expectRevert(err);
        vm.prank(stranger);
        guard.overturn(pid);
        vm.expectRevert(err);
        vm.prank(stranger);
        guard.setChallengePeriod(3 days);
        vm.startPrank(governance);
        vm.expectRevert(abi.encodeWithSelector(DefaultGuard.DefaultGuardInvalidChallengePeriod.selector, 1 days - 1));
        guard.setChallengePeriod(1 days - 1);
        vm.expectRevert(abi.encodeWithSelector(DefaultGuard.DefaultGuardInvalidChallengePeriod.selector, 61 days));
        guard.setChallengePeriod(61 days);
        guard.setChallengePeriod(3 days);
        vm.stopPrank();
        vm.assertEq(guard.challengeEndsAt(pid), block.timestamp + 3 days, "applies to the pending flag");
    }

    function test_RevertWhen_FlagNothingMinted() public {
        (, uint256 pid2) = _active();
        uint256 first2 = nft.product(pid2).termStart / 1 days;
        _warpToDay(first2 + 14);
        vm.expectRevert(abi.encodeWithSelector(DefaultGuard.DefaultGuardNothingMinted.selector, pid2));
        guard.flag(pid2, first2 + 7);
    }

    function test_RevertWhen_FlagProductOutsideTheRegistry() public {
        vm.startPrank(governance);
        nft.grantRole(nft.ISSUER_ROLE(), governance);
        uint256 outside = nft.createProduct(
            HashrateNFT.ProductParams({
                miner: miner,
                coin: HashrateNFT.Coin.FIL,
                nodeId: "f09",
                hashratePerNFT: 1000,
                nftCount: 1,
                termStart: uint64(block.timestamp),
                termEnd: uint64(block.timestamp + 30 days),
                expectedDailyYieldPerUnit: 1
            })
        );
        nft.mint(outside, 1);
        vm.stopPrank();
        uint256 day = block.timestamp / 1 days;
        vm.warp(block.timestamp + 8 days);
        vm.expectRevert(abi.encodeWithSelector(DefaultGuard.DefaultGuardUnknownProduct.selector, outside));
        guard.flag(outside, day);
    }

    function test_RevertWhen_FlagUnknownProduct() public {
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTUnknownProduct.selector, 77));
        guard.flag(77, firstDay);
    }

    function test_RevertWhen_GuardIsNotTheSlasher() public {
        vm.prank(governance);
        registry.setSlasher(address(0));
        _warpToDay(firstDay + 7);
        vm.expectRevert(abi.encodeWithSelector(MinerRegistry.MinerRegistryNotSlasher.selector, address(guard)));
        guard.flag(pid, firstDay);
    }

    // ================================================================ governance

    function test_Governance_HaltsAndResumesWithoutSlashing() public {
        vm.expectEmit(true, true, true, true, address(guard));
        emit DefaultGuard.HaltedByGovernance(pid);
        vm.prank(governance);
        guard.haltByGovernance(pid);
        vm.assertTrue(escrow.isHalted(pid), "halted");
        vm.assertEq(uint256(registry.statusOf(appId)), uint256(MinerRegistry.Status.Active), "not slashed");
        vm.expectEmit(true, true, true, true, address(guard));
        emit DefaultGuard.ResumedByGovernance(pid);
        vm.prank(governance);
        guard.resumeByGovernance(pid);
        vm.assertFalse(escrow.isHalted(pid), "resumed");
    }

    function test_RevertWhen_GovernanceActionsByOthers() public {
        bytes memory err = abi.encodeWithSelector(
            IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, guard.DEFAULT_ADMIN_ROLE()
        );
        vm.expectRevert(err);
        vm.prank(stranger);
        guard.haltByGovernance(pid);
        vm.expectRevert(err);
        vm.prank(stranger);
        guard.resumeByGovernance(pid);
    }

    function test_Constructor_RejectsZeroAdmin() public {
        vm.expectRevert(abi.encodeWithSelector(DefaultGuard.DefaultGuardInvalidAdmin.selector));
        new DefaultGuard(
            address(0), nft, registry, escrow, IYieldRecord(address(record)), IYieldOracle(address(oracle))
        );
        vm.assertEq(guard.shortfallBps(), 8000, "80% by default");
        vm.assertEq(guard.WINDOW_DAYS(), 7, "7 days");
        vm.assertEq(guard.challengePeriod(), 14 days, "14-day challenge");
    }

    function _one(uint256 t) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](1);
        ids[0] = t;
    }
}
