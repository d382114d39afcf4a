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
    // ================================================================ window

    function test_RevertWhen_FlagTooEarly() public {
        _warpToDay(firstDay + 6); // the window would start on day -1
        vm.expectRevert(abi.encodeWithSelector(DefaultGuard.DefaultGuardTooEarly.selector, pid, firstDay + 7));
        guard.flag(pid);
        _warpToDay(firstDay - 3);
        vm.expectRevert(abi.encodeWithSelector(DefaultGuard.DefaultGuardTooEarly.selector, pid, firstDay + 7));
        guard.flag(pid);
    }

    function test_Flag_NothingPaidFromTheFirstDay() public {
        _warpToDay(firstDay + 7); // days 0..6 complete, nothing paid
        vm.assertEq(uint256(guard.check(pid)), uint256(DefaultGuard.Reason.Missed), "missed");
        vm.expectEmit(true, true, true, true, address(guard));
        emit DefaultGuard.ProductDefaulted(pid, DefaultGuard.Reason.Missed, stranger);
        vm.prank(stranger);
        guard.flag(pid);
    }

    function test_RevertWhen_FlagAfterTheTerm() public {
        _warpToDay(endDay + 1);
        vm.expectRevert(abi.encodeWithSelector(DefaultGuard.DefaultGuardTermEnded.selector, pid, endDay));
        guard.flag(pid);
        // The end day itself still looks at the term's last 7 days.
        _warpToDay(endDay);
        guard.flag(pid);
    }

    // ================================================================ (a) missed: day 6 vs day 7

    function test_Missed_SixDaysIsNotADefault_SevenIs() public {
        _pay(firstDay, firstDay + 20, _at(10_000), MEDIAN); // paid in full days 0..19
        _warpToDay(firstDay + 26); // window 19..25: day 19 paid, 20..25 missed (6 days)
        vm.expectRevert(abi.encodeWithSelector(DefaultGuard.DefaultGuardNotInDefault.selector, pid));
        guard.flag(pid);

        _warpToDay(firstDay + 27); // window 20..26: 7 days missed
        vm.assertEq(uint256(guard.check(pid)), uint256(DefaultGuard.Reason.Missed), "7 days missed");
        guard.flag(pid);
    }

    function test_Missed_OnePaidDayBreaksTheRun() public {
        _warpToDay(firstDay + 10);
        record.setDeposited(pid, firstDay + 6, 1); // one base unit on the window's middle day
        vm.expectRevert(abi.encodeWithSelector(DefaultGuard.DefaultGuardNotInDefault.selector, pid));
        guard.flag(pid);
    }

    // ================================================================ (b) short: 79.99% vs 80%

    function test_Short_EightyPercentIsNotShort() public {
        _pay(firstDay, firstDay + 7, _at(8000), MEDIAN);
        _warpToDay(firstDay + 7);
        vm.expectRevert(abi.encodeWithSelector(DefaultGuard.DefaultGuardNotInDefault.selector, pid));
        guard.flag(pid);
    }

    function test_Short_SevenDaysAt7999IsShort() public {
        _pay(firstDay, firstDay + 7, _at(7999), MEDIAN);
        _warpToDay(firstDay + 7);
        vm.assertEq(uint256(guard.check(pid)), uint256(DefaultGuard.Reason.Short), "79.99% for 7 days");
        vm.expectEmit(true, true, true, true, address(guard));
        emit DefaultGuard.ProductDefaulted(pid, DefaultGuard.Reason.Short, address(this));
        guard.flag(pid);
    }

    /// @dev One base unit below exactly 80% on every day is short: the comparison does not round.
    function test_Short_OneUnitBelowEightyPercentIsShort() public {
        _pay(firstDay, firstDay + 7, _at(8000) - 1, MEDIAN);
        _warpToDay(firstDay + 7);
        vm.assertEq(uint256(guard.check(pid)), uint256(DefaultGuard.Reason.Short), "just below 80%");
    }

    function test_Short_SixShortDaysAndOneAtEightyIsNotADefault() public {
        _pay(firstDay, firstDay + 7, _at(7999), MEDIAN);
        record.setDeposited(pid, firstDay + 3, _at(8000));
        _warpToDay(firstDay + 7);
        vm.expectRevert(abi.encodeWithSelector(DefaultGuard.DefaultGuardNotInDefault.selector, pid));
        guard.flag(pid);
    }

    function test_Short_ADayWithoutOracleIsNotShort() public {
        _pay(firstDay, firstDay + 7, _at(5000), MEDIAN);
        oracle.setAverage(FIL, firstDay + 2, 0);
        _warpToDay(firstDay + 7);
        vm.expectRevert(abi.encodeWithSelector(DefaultGuard.DefaultGuardNotInDefault.selector, pid));
        guard.flag(pid);
    }

    /// @dev Days with nothing paid count as short when the oracle reported (0 < 80%).
    function test_Short_MixOfMissedAndShortDays() public {
        _pay(firstDay, firstDay + 7, _at(5000), MEDIAN);
        record.setDeposited(pid, firstDay + 1, 0);
        record.setDeposited(pid, firstDay + 5, 0);
        _warpToDay(firstDay + 7);
        vm.assertEq(uint256(guard.check(pid)), uint256(DefaultGuard.Reason.Short), "short");
    }

    function test_Short_ThresholdIsGovernable() public {
        _pay(firstDay, firstDay + 7, _at(8500), MEDIAN);
        _warpToDay(firstDay + 7);
        vm.expectRevert(abi.encodeWithSelector(DefaultGuard.DefaultGuardNotInDefault.selector, pid));
        guard.flag(pid);
        vm.expectEmit(true, true, true, true, address(guard));
        emit DefaultGuard.ShortfallBpsUpdated(8000, 9000);
        vm.prank(governance);
        guard.setShortfallBps(9000);
        vm.assertEq(uint256(guard.check(pid)), uint256(DefaultGuard.Reason.Short), "85% < 90%");
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

    /// @dev Fuzz: for any per-day payment, the verdict is "short" iff paid per whole unit < 80% of the median,
    /// computed here in exact rational arithmetic.
    function testFuzz_ShortIffBelowEightyPercent(uint256 paid, uint256 median) public {
        median = bound(median, 1, 1e24);
        paid = bound(paid, 1, median * UNITS / 1000 * 2);
        _pay(firstDay, firstDay + 7, paid, median);
        _warpToDay(firstDay + 7);
        bool expectShort = paid * 1000 * 10_000 < median * 8000 * UNITS;
        if (expectShort) {
            vm.assertEq(uint256(guard.check(pid)), uint256(DefaultGuard.Reason.Short), "short");
        } else {
            vm.expectRevert(abi.encodeWithSelector(DefaultGuard.DefaultGuardNotInDefault.selector, pid));
            guard.check(pid);
        }
    }

    // ================================================================ effects

    function test_Flag_HaltsEscrowSlashesStakeAndMarksDefaulted() public {
        // A buyer's primary purchase, then the miner stops paying.
        uint256 t = _tok(1);
        vm.startPrank(miner);
        nft.setApprovalForAll(address(market), true);
        market.list(t, 4_800_000);
        vm.stopPrank();
        usdt.mint(buyer, 4_800_000);
        vm.startPrank(buyer);
        usdt.approve(address(market), 4_800_000);
        market.buy(t, 4_800_000);
        vm.stopPrank();
        uint256 credited = 4_800_000 - 4_800_000 * ISSUANCE_FEE_BPS / 10_000;

        _pay(firstDay, firstDay + 10, _at(10_000), MEDIAN);
        _warpToDay(firstDay + 17);
        vm.expectEmit(true, true, true, true, address(escrow));
        emit RevenueEscrow.Halted(pid, firstDay + 17, address(guard));
        vm.expectEmit(true, true, true, true, address(registry));
        emit MinerRegistry.StakeSlashed(appId, STAKE, address(fund));
        vm.expectEmit(true, true, true, true, address(registry));
        emit MinerRegistry.ApplicationDefaulted(appId);
        guard.flag(pid);

        vm.assertTrue(escrow.isHalted(pid), "escrow halted");
        vm.assertEq(uint256(registry.statusOf(appId)), uint256(MinerRegistry.Status.Defaulted), "Defaulted");
        vm.assertEq(dmc.balanceOf(address(fund)), STAKE, "stake in the insurance fund");
        uint256 released = credited / (endDay - firstDay) * 17;
        vm.assertEq(escrow.refundable(t), credited - released, "buyer's unreleased money refundable");
        vm.prank(buyer);
        escrow.claimRefund(_one(t));
        vm.assertEq(usdt.balanceOf(buyer), credited - released, "refunded");

        vm.expectRevert(
            abi.encodeWithSelector(
                MinerRegistry.MinerRegistryInvalidState.selector,
                appId,
                MinerRegistry.Status.Defaulted,
                MinerRegistry.Status.Active
            )
        );
        guard.flag(pid); // flagged once only
    }

    function test_Flag_AfterAGovernanceHaltStillSlashes() public {
        _warpToDay(firstDay + 3);
        vm.prank(governance);
        guard.haltByGovernance(pid);
        _warpToDay(firstDay + 9);
        guard.flag(pid);
        vm.assertEq(escrow.productState(pid).haltDay, firstDay + 3, "the DAO's halt day stands");
        vm.assertEq(uint256(registry.statusOf(appId)), uint256(MinerRegistry.Status.Defaulted), "Defaulted");
    }

    function test_RevertWhen_FlagNothingMinted() public {
        (uint256 id2, uint256 pid2) = _active();
        id2;
        _warpToDay(nft.product(pid2).termStart / 1 days + 7);
        vm.expectRevert(abi.encodeWithSelector(DefaultGuard.DefaultGuardNothingMinted.selector, pid2));
        guard.flag(pid2);
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
        vm.warp(block.timestamp + 8 days);
        vm.expectRevert(abi.encodeWithSelector(DefaultGuard.DefaultGuardUnknownProduct.selector, outside));
        guard.flag(outside);
    }

    function test_RevertWhen_FlagUnknownProduct() public {
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTUnknownProduct.selector, 77));
        guard.flag(77);
    }

    function test_RevertWhen_GuardIsNotTheSlasher() public {
        vm.prank(governance);
        registry.setSlasher(address(0));
        _warpToDay(firstDay + 7);
        vm.expectRevert(abi.encodeWithSelector(MinerRegistry.MinerRegistryNotSlasher.selector, address(guard)));
        guard.flag(pid);
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
    }

    function _one(uint256 t) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](1);
        ids[0] = t;
    }
}
