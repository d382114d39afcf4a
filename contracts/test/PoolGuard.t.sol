// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {JointPoolFixture} from "./utils/JointPoolFixture.sol";
import {JointPool} from "../src/JointPool.sol";
import {JointPoolFactory} from "../src/JointPoolFactory.sol";
import {PoolGuard} from "../src/PoolGuard.sol";

/// @notice The hashrate NFTs' default rules applied to a joint pool, tried as an attacker would: a miner that
/// spreads its payments, pays dust on days without an oracle value, or waits for the first day; a rogue flagger; a
/// fake pool; and what halting and defaulting do to the holders' money.
/// The pool: 4 TiB (4,000 thousandths), cap 100 IFIL. The oracle says 0.5 FIL per TiB per day, so the miner owes
/// 2 IFIL a day, 14 IFIL a window; 80% of it is 11.2 IFIL.
contract PoolGuardTest is JointPoolFixture {
    uint256 internal constant VALUE = 0.5e18;
    uint256 internal constant OWED_PER_DAY = 2e18;
    uint256 internal day0; // the first deposit's day

    function setUp() public override {
        super.setUp();
        day0 = block.timestamp / 1 days;
        _deposit(alice, 30e18); // genesis: 30 of 100
        for (uint256 d = day0 - 10; d < day0 + 60; ++d) oracle.setAverage(0, d, VALUE);
    }

    function _payOn(uint256 day, uint256 amount) internal {
        vm.prank(miner);
        pool.payYield(day, amount);
    }

    function _toDay(uint256 day) internal {
        vm.warp(day * 1 days + 1 hours);
    }

    // ---------------------------------------------------------------- the rule

    function test_Attack_PayingOneDayAWeekIsFlaggedHoweverSpread() public {
        // 80% of a day's average on one day of each week, nothing on the other six: about 11% of what is owed.
        uint256 start = day0 + 1;
        _toDay(start + 7);
        _payOn(start + 3, OWED_PER_DAY * 8 / 10);
        vm.expectEmit(address(guard));
        emit PoolGuard.PoolFlagged(pool, start, PoolGuard.Reason.Short, OWED_PER_DAY * 8 / 10, 7 * OWED_PER_DAY, bob, block.timestamp + 14 days);
        vm.prank(bob);
        vm.assertEq(uint256(guard.flag(pool, start)), uint256(PoolGuard.Reason.Short));
        vm.assertEq(uint256(pool.status()), uint256(JointPool.Status.Halted));
    }

    function test_Attack_FrontLoadingOneWeekLeavesTheNextWindowShort() public {
        // The whole week's due paid on its first day: that window is paid, the one starting a day later is not.
        uint256 start = day0 + 1;
        _toDay(start + 8);
        _payOn(start, 7 * OWED_PER_DAY);
        vm.expectRevert(abi.encodeWithSelector(PoolGuard.PoolGuardNotInDefault.selector, address(pool), start));
        guard.check(pool, start);
        vm.assertEq(uint256(guard.check(pool, start + 1)), uint256(PoolGuard.Reason.Missed));
    }

    function test_Attack_DustOnDaysWithoutAnOracleValueDoesNotHide() public {
        // The oracle has no value on 3 days of the window: they carry the last value, they still owe.
        uint256 start = day0 + 1;
        for (uint256 d = start + 2; d < start + 5; ++d) oracle.setAverage(0, d, 0);
        _toDay(start + 7);
        for (uint256 d = start; d < start + 7; ++d) _payOn(d, 1);
        PoolGuard.Window memory w = guard.windowOf(pool, start);
        vm.assertEq(w.owed, 7 * OWED_PER_DAY, "gaps owe the carried value");
        vm.assertEq(uint256(w.days_[3].source), uint256(PoolGuard.ValueSource.Carried));
        vm.assertTrue(w.short_);
        vm.assertEq(uint256(guard.check(pool, start)), uint256(PoolGuard.Reason.Short));
    }

    function test_ExactlyEightyPercentIsNotShortOneWeiLessIs() public {
        uint256 start = day0 + 1;
        _toDay(start + 7);
        uint256 eighty = 7 * OWED_PER_DAY * 8 / 10;
        _payOn(start, eighty - 1);
        vm.assertEq(uint256(guard.check(pool, start)), uint256(PoolGuard.Reason.Short));
        _payOn(start + 6, 1);
        vm.expectRevert(abi.encodeWithSelector(PoolGuard.PoolGuardNotInDefault.selector, address(pool), start));
        guard.check(pool, start);
    }

    function test_Attack_RogueFlaggerCannotFlagAPayingPool() public {
        uint256 start = day0 + 1;
        _toDay(start + 7);
        for (uint256 d = start; d < start + 7; ++d) _payOn(d, OWED_PER_DAY);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(PoolGuard.PoolGuardNotInDefault.selector, address(pool), start));
        guard.flag(pool, start);
        vm.assertEq(uint256(pool.status()), uint256(JointPool.Status.Active));
    }

    function test_NoWindowBeforeTheDayAfterTheFirstDepositNorBeforeItIsComplete() public {
        _toDay(day0 + 8);
        vm.expectRevert(abi.encodeWithSelector(PoolGuard.PoolGuardTooEarly.selector, address(pool), day0, day0 + 1));
        guard.flag(pool, day0);
        vm.expectRevert(abi.encodeWithSelector(PoolGuard.PoolGuardWindowIncomplete.selector, address(pool), day0 + 2, day0 + 9));
        guard.flag(pool, day0 + 2);
        vm.assertEq(guard.latestWindow(pool), day0 + 1);
    }

    function test_APoolWithoutDepositsOwesNothing() public {
        vm.prank(admin);
        JointPool empty = factory.open(bob, 1_000);
        vm.expectRevert(abi.encodeWithSelector(PoolGuard.PoolGuardNoDeposits.selector, address(empty)));
        guard.check(empty, day0 + 1);
    }

    function test_AWeekWithoutAnyOracleValueOwesNothing() public {
        // Stated rule: with no oracle value in the window nor the week before it, nothing can be judged.
        uint256 start = day0 + 20;
        for (uint256 d = start - 7; d < start + 7; ++d) oracle.setAverage(0, d, 0);
        _toDay(start + 7);
        vm.expectRevert(abi.encodeWithSelector(PoolGuard.PoolGuardNotInDefault.selector, address(pool), start));
        guard.check(pool, start);
    }

    function test_WindowsEndWithTheMiningPeriod() public {
        _deposit(bob, 70e18); // genesis ends: the period ends 540 days from now
        uint256 endDay = pool.termEnd() / 1 days;
        for (uint256 d = endDay - 10; d < endDay + 10; ++d) oracle.setAverage(0, d, VALUE);
        _toDay(endDay + 5);
        vm.assertEq(guard.latestWindow(pool), endDay - 7, "the last window ends on the period's last day");
        vm.expectRevert(abi.encodeWithSelector(PoolGuard.PoolGuardWindowOutsideTerm.selector, address(pool), endDay - 6, endDay));
        guard.check(pool, endDay - 6);
        vm.assertEq(uint256(guard.check(pool, endDay - 7)), uint256(PoolGuard.Reason.Missed));
    }

    function testFuzz_FlaggableExactlyWhenPaidBelowEightyPercent(uint256[7] memory paid, uint256 gapMask) public {
        uint256 start = day0 + 1;
        uint256 owedScaled;
        uint256 total;
        for (uint256 i; i < 7; ++i) {
            if ((gapMask >> i) & 1 == 1 && i != 0) oracle.setAverage(0, start + i, 0); // carried: still VALUE
            owedScaled += VALUE * 4_000;
            paid[i] = bound(paid[i], 0, 4e18);
            total += paid[i];
        }
        _toDay(start + 7);
        for (uint256 i; i < 7; ++i) if (paid[i] != 0) _payOn(start + i, paid[i]);
        bool short_ = total * 1000 * 10_000 < owedScaled * 8_000;
        if (short_) {
            PoolGuard.Reason r = guard.flag(pool, start);
            vm.assertEq(uint256(r), uint256(total == 0 ? PoolGuard.Reason.Missed : PoolGuard.Reason.Short));
            vm.assertEq(uint256(pool.status()), uint256(JointPool.Status.Halted));
        } else {
            vm.expectRevert(abi.encodeWithSelector(PoolGuard.PoolGuardNotInDefault.selector, address(pool), start));
            guard.flag(pool, start);
        }
    }

    // ---------------------------------------------------------------- what a flag does

    function _flagFirstWindow() internal returns (uint256 start) {
        start = day0 + 1;
        _toDay(start + 7);
        guard.flag(pool, start);
    }

    function test_AFlagHaltsDepositsAndDrawsAndLetsHoldersOutWithNoFee() public {
        vm.prank(miner);
        pool.draw(10e18); // 20 of alice's 30 stay liquid
        _flagFirstWindow();
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(JointPool.JointPoolNotActive.selector, JointPool.Status.Halted));
        pool.deposit(1e18);
        vm.prank(miner);
        vm.expectRevert(abi.encodeWithSelector(JointPool.JointPoolNotActive.selector, JointPool.Status.Halted));
        pool.draw(1e18);
        // In genesis, yet alice redeems at once: the whole liquid principal, no 0.2% fee.
        uint256 before = ifil.balanceOf(alice);
        vm.prank(alice);
        vm.assertEq(pool.redeem(30e18), 20e18);
        vm.assertEq(ifil.balanceOf(alice) - before, 20e18);
        vm.assertEq(pool.state().platformFees, 0);
    }

    function test_AFlaggedPoolCannotBeFlaggedAgain() public {
        uint256 start = _flagFirstWindow();
        vm.expectRevert(abi.encodeWithSelector(PoolGuard.PoolGuardNotFlaggable.selector, address(pool), JointPool.Status.Halted));
        guard.flag(pool, start);
    }

    function test_Attack_OnlyTheDaoOverturnsAndTheOldWindowsStayClosed() public {
        uint256 start = _flagFirstWindow();
        vm.prank(miner);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, miner, bytes32(0)));
        guard.overturn(pool);
        vm.prank(admin);
        guard.overturn(pool);
        vm.assertEq(uint256(pool.status()), uint256(JointPool.Status.Active));
        uint256 today = block.timestamp / 1 days;
        vm.expectRevert(abi.encodeWithSelector(PoolGuard.PoolGuardTooEarly.selector, address(pool), start, today));
        guard.flag(pool, start);
        // A week after the overturn with nothing paid: flaggable again.
        _toDay(today + 7);
        vm.assertEq(uint256(guard.flag(pool, today)), uint256(PoolGuard.Reason.Missed));
    }

    function test_Attack_OnlyTheGuardHaltsResumesOrDefaultsAPool() public {
        vm.startPrank(miner);
        vm.expectRevert(abi.encodeWithSelector(JointPool.JointPoolNotGuard.selector, miner));
        pool.halt();
        vm.expectRevert(abi.encodeWithSelector(JointPool.JointPoolNotGuard.selector, miner));
        pool.resume();
        vm.expectRevert(abi.encodeWithSelector(JointPool.JointPoolNotGuard.selector, miner));
        pool.markDefaulted();
        vm.stopPrank();
    }

    function test_Attack_AFakePoolIsRefused() public {
        // A pool the factory did not open (here a second factory's, obeying the same guard) is not judged.
        JointPoolFactory other = new JointPoolFactory(admin, ifil, platform, address(guard), 25e18);
        vm.prank(admin);
        JointPool stray = other.open(miner, 4_000);
        vm.expectRevert(abi.encodeWithSelector(PoolGuard.PoolGuardUnknownPool.selector, address(stray)));
        guard.flag(stray, day0 + 1);
        vm.expectRevert(abi.encodeWithSelector(PoolGuard.PoolGuardUnknownPool.selector, address(0xBEEF)));
        guard.flag(JointPool(address(0xBEEF)), day0 + 1);
    }

    function test_FinalizeOnlyAfterTheChallengePeriodThenTheMiningPeriodEnds() public {
        _deposit(bob, 70e18); // genesis ends; the 540-day period starts
        vm.prank(miner);
        pool.draw(40e18);
        uint256 start = day0 + 1;
        _toDay(start + 7);
        guard.flag(pool, start);
        uint256 endsAt = guard.challengeEndsAt(pool);
        vm.expectRevert(abi.encodeWithSelector(PoolGuard.PoolGuardChallengeOpen.selector, address(pool), endsAt));
        guard.finalize(pool);
        vm.warp(endsAt);
        guard.finalize(pool);
        vm.assertEq(uint256(pool.status()), uint256(JointPool.Status.Defaulted));
        vm.assertEq(pool.termEnd(), endsAt, "the period ends at the default");
        vm.expectRevert(abi.encodeWithSelector(PoolGuard.PoolGuardNotFlagged.selector, address(pool)));
        guard.finalize(pool);
        // dToken-seconds stop counting; the pledge repaid later is shared by them at once (alice 30, bob 70).
        uint256 total = pool.totalShareSeconds();
        vm.warp(block.timestamp + 30 days);
        vm.assertEq(pool.totalShareSeconds(), total);
        vm.prank(miner);
        pool.repay(40e18);
        vm.assertEq(pool.collateralOf(alice), 12e18);
        vm.assertEq(pool.collateralOf(bob), 28e18);
        vm.prank(bob);
        vm.assertEq(pool.claimCollateral(), 28e18);
    }

    function test_APoolDefaultedInGenesisSharesTheRepaidPledgeAsPrincipal() public {
        _deposit(bob, 10e18); // alice 30, bob 10
        vm.prank(miner);
        pool.draw(40e18);
        _flagFirstWindow();
        vm.warp(guard.challengeEndsAt(pool));
        guard.finalize(pool);
        vm.assertEq(pool.termEnd(), 0, "no mining period");
        vm.prank(miner);
        pool.repay(40e18);
        vm.assertEq(pool.state().liquid, 40e18);
        vm.prank(alice);
        vm.assertEq(pool.redeem(30e18), 30e18);
        vm.prank(bob);
        vm.assertEq(pool.redeem(10e18), 10e18);
        vm.assertEq(IERC20(address(ifil)).balanceOf(address(pool)), 0, "nothing left behind");
    }
}
