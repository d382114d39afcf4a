// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TestBase} from "./utils/Vm.sol";
import {YieldOracle} from "../src/YieldOracle.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

/// @notice YieldOracle: reporter role, day window, one final report per reporter per (coin, day), the per-day
/// cap, the {MIN_REPORTS} quorum, revoked reporters' reports no longer counting, and the median (odd and even
/// counts) against a reference sort. The attack tests are written from a rogue reporter's side.
contract YieldOracleTest is TestBase {
    YieldOracle internal oracle;
    address internal admin = address(0xAD);
    uint256 internal today;
    uint8 internal constant FIL = 0;
    uint8 internal constant BTC = 1;
    uint256 internal constant HONEST = 2.35e15; // 0.00235 FIL per TiB per day

    function setUp() public {
        vm.warp(1_750_000_000);
        today = block.timestamp / 1 days;
        oracle = new YieldOracle(admin);
        for (uint256 i; i < 16; ++i) {
            _grant(_reporter(i));
        }
    }

    function test_Constructor() public {
        vm.assertTrue(oracle.hasRole(oracle.DEFAULT_ADMIN_ROLE(), admin), "admin");
        vm.assertEq(oracle.MAX_REPORTERS_PER_DAY(), 15, "cap");
        vm.assertEq(oracle.MAX_REPORT_AGE_DAYS(), 30, "age");
        vm.assertEq(oracle.MIN_REPORTS(), 3, "quorum");
        vm.expectRevert(abi.encodeWithSelector(YieldOracle.YieldOracleInvalidAdmin.selector));
        new YieldOracle(address(0));
    }

    function test_Report_StoresAndEmits() public {
        address r = _reporter(0);
        vm.expectEmit(true, true, true, true, address(oracle));
        emit YieldOracle.YieldReported(FIL, today, r, 2.2e15);
        vm.prank(r);
        oracle.report(FIL, today, 2.2e15);
        (uint256 median, uint256 n) = oracle.averageOf(FIL, today);
        vm.assertEq(median, 0, "one report is no value");
        vm.assertEq(n, 1, "one counting report");
        vm.assertEq(oracle.reportOf(FIL, today, r), 2.2e15, "reportOf");
        vm.assertEq(oracle.lastReportedDay(FIL), today, "last day");
        vm.assertEq(oracle.lastReportedDay(BTC), 0, "other coin untouched");
        (uint256 btcMedian, uint256 btcN) = oracle.averageOf(BTC, today);
        vm.assertEq(btcMedian + btcN, 0, "coins are separate");
    }

    function test_AverageOf_MissingDayIsZero() public view {
        (uint256 median, uint256 n) = oracle.averageOf(FIL, today - 3);
        vm.assertEq(median, 0, "median");
        vm.assertEq(n, 0, "reports");
    }

    function test_AverageOf_ValueFromThirdReport() public {
        _report(0, FIL, today, 300);
        _report(1, FIL, today, 100);
        (uint256 median, uint256 n) = oracle.averageOf(FIL, today);
        vm.assertEq(median, 0, "two reports: no value");
        vm.assertEq(n, 2, "two counting");
        _report(2, FIL, today, 200);
        (median, n) = oracle.averageOf(FIL, today);
        vm.assertEq(median, 200, "three reports: the middle one");
        vm.assertEq(n, 3, "three counting");
    }

    function test_Report_SecondReportReverts() public {
        address r = _reporter(0);
        vm.startPrank(r);
        oracle.report(FIL, today, 100);
        vm.expectRevert(abi.encodeWithSelector(YieldOracle.YieldOracleAlreadyReported.selector, FIL, today, r));
        oracle.report(FIL, today, 300);
        vm.expectRevert(abi.encodeWithSelector(YieldOracle.YieldOracleAlreadyReported.selector, FIL, today, r));
        oracle.report(FIL, today, 100); // the same value again is refused too
        // Another day and another coin are separate reports.
        oracle.report(FIL, today - 1, 300);
        oracle.report(BTC, today, 300);
        vm.stopPrank();
        vm.assertEq(oracle.reportOf(FIL, today, r), 100, "first report stands");
        (address[] memory reporters, uint256[] memory values) = oracle.reportsOf(FIL, today);
        vm.assertEq(reporters.length, 1, "one reporter");
        vm.assertEq(reporters[0], r, "reporter");
        vm.assertEq(values[0], 100, "value");
    }

    function test_Report_DayWindowBoundaries() public {
        address r = _reporter(0);
        vm.startPrank(r);
        oracle.report(FIL, today - 30, 1); // oldest accepted
        oracle.report(FIL, today, 1); // newest accepted
        vm.expectRevert(abi.encodeWithSelector(YieldOracle.YieldOracleInvalidDay.selector, today - 31, today - 30, today));
        oracle.report(FIL, today - 31, 1);
        vm.expectRevert(abi.encodeWithSelector(YieldOracle.YieldOracleInvalidDay.selector, today + 1, today - 30, today));
        oracle.report(FIL, today + 1, 1);
        vm.stopPrank();
        vm.assertEq(oracle.lastReportedDay(FIL), today, "last day is the latest, not the last call");
    }

    function test_Report_LateReportDoesNotMoveLastDayBack() public {
        vm.startPrank(_reporter(0));
        oracle.report(FIL, today, 1);
        oracle.report(FIL, today - 5, 1);
        vm.stopPrank();
        vm.assertEq(oracle.lastReportedDay(FIL), today, "last day");
    }

    function test_Report_RevertsForNonReporter() public {
        address stranger = address(0x5757);
        bytes32 role = oracle.REPORTER_ROLE();
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, role));
        vm.prank(stranger);
        oracle.report(FIL, today, 1);
    }

    function test_Report_RevertsOnInvalidCoinAndZero() public {
        vm.startPrank(_reporter(0));
        vm.expectRevert(abi.encodeWithSelector(YieldOracle.YieldOracleInvalidCoin.selector, uint8(2)));
        oracle.report(2, today, 1);
        vm.expectRevert(abi.encodeWithSelector(YieldOracle.YieldOracleInvalidValue.selector));
        oracle.report(FIL, today, 0);
        vm.expectRevert(abi.encodeWithSelector(YieldOracle.YieldOracleInvalidValue.selector));
        oracle.report(FIL, today, uint256(type(uint128).max) + 1);
        oracle.report(BTC, today, 1); // BTC is a valid coin
        vm.stopPrank();
    }

    function test_Report_CapsReportersPerDay() public {
        _setBound(100_000); // median arithmetic over a wide spread: a 10x bound keeps every value
        for (uint256 i; i < 15; ++i) {
            _report(i, FIL, today, i + 1);
        }
        vm.expectRevert(abi.encodeWithSelector(YieldOracle.YieldOracleTooManyReports.selector, FIL, today, 15));
        vm.prank(_reporter(15));
        oracle.report(FIL, today, 99);
        // A counted reporter's second report is refused as a repeat; another day is open.
        vm.expectRevert(abi.encodeWithSelector(YieldOracle.YieldOracleAlreadyReported.selector, FIL, today, _reporter(3)));
        vm.prank(_reporter(3));
        oracle.report(FIL, today, 1000);
        _report(15, FIL, today - 1, 99);
        (uint256 median, uint256 n) = oracle.averageOf(FIL, today);
        vm.assertEq(n, 15, "fifteen");
        vm.assertEq(median, 8, "median of 1..15 is the 8th: 8");
    }

    /// @dev A revoked reporter's report keeps its slot under the cap (reportsOf still lists it).
    function test_Report_CapCountsRevokedReporters() public {
        _setBound(100_000); // median arithmetic over a wide spread: a 10x bound keeps every value
        for (uint256 i; i < 15; ++i) {
            _report(i, FIL, today, i + 1);
        }
        _revoke(_reporter(0));
        vm.expectRevert(abi.encodeWithSelector(YieldOracle.YieldOracleTooManyReports.selector, FIL, today, 15));
        vm.prank(_reporter(15));
        oracle.report(FIL, today, 99);
        (uint256 median, uint256 n) = oracle.averageOf(FIL, today);
        vm.assertEq(n, 14, "fourteen counting");
        vm.assertEq(median, 8, "2..15: mean of 8 and 9, rounded down");
        (address[] memory all,) = oracle.reportsOf(FIL, today);
        vm.assertEq(all.length, 15, "all fifteen listed");
    }

    function test_Revoke_ReportsStopCountingAndCountAgainWhenRegranted() public {
        _setBound(100_000); // median arithmetic over a wide spread: a 10x bound keeps every value
        _report(0, FIL, today, 10);
        _report(1, FIL, today, 20);
        _report(2, FIL, today, 30);
        _report(3, FIL, today, 40);
        address r = _reporter(3);
        _revoke(r);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, r, oracle.REPORTER_ROLE())
        );
        vm.prank(r);
        oracle.report(FIL, today - 1, 43);
        (uint256 median, uint256 n) = oracle.averageOf(FIL, today);
        vm.assertEq(median, 20, "10,20,30");
        vm.assertEq(n, 3, "three counting");
        (address[] memory all, uint256[] memory allValues) = oracle.reportsOf(FIL, today);
        vm.assertEq(all.length, 4, "reportsOf keeps all four");
        vm.assertEq(allValues[3], 40, "revoked report still listed");
        vm.assertEq(oracle.reportOf(FIL, today, r), 40, "reportOf still returns it");
        (address[] memory counting, uint256[] memory values) = oracle.countingReportsOf(FIL, today);
        vm.assertEq(counting.length, 3, "three counting listed");
        vm.assertEq(values.length, 3, "three values");
        for (uint256 i; i < 3; ++i) {
            vm.assertEq(counting[i], _reporter(i), "counting reporter, in order");
            vm.assertEq(values[i], (i + 1) * 10, "counting value");
        }
        _grant(r);
        (median, n) = oracle.averageOf(FIL, today);
        vm.assertEq(median, 25, "regranted: 10,20,30,40");
        vm.assertEq(n, 4, "four counting");
    }

    function test_Revoke_BelowQuorumLeavesNoValue() public {
        _setBound(100_000); // median arithmetic over a wide spread: a 10x bound keeps every value
        _report(0, FIL, today, 10);
        _report(1, FIL, today, 20);
        _report(2, FIL, today, 30);
        _revoke(_reporter(1));
        (uint256 median, uint256 n) = oracle.averageOf(FIL, today);
        vm.assertEq(median, 0, "two counting: no value");
        vm.assertEq(n, 2, "two counting");
        _report(3, FIL, today, 25);
        (median, n) = oracle.averageOf(FIL, today);
        vm.assertEq(median, 25, "10,25,30");
        vm.assertEq(n, 3, "three counting again");
    }

    function test_AverageOf_OddAndEvenCounts() public {
        _setBound(100_000); // median arithmetic over a wide spread: a 10x bound keeps every value
        uint256[4] memory vals = [uint256(50), 10, 40, 20];
        for (uint256 i; i < 3; ++i) {
            _report(i, FIL, today, vals[i]);
        }
        (uint256 median, uint256 n) = oracle.averageOf(FIL, today);
        vm.assertEq(n, 3, "three");
        vm.assertEq(median, 40, "odd: middle of 10,40,50");
        _report(3, FIL, today, vals[3]);
        (median, n) = oracle.averageOf(FIL, today);
        vm.assertEq(n, 4, "four");
        vm.assertEq(median, 30, "even: mean of 20 and 40");
        uint256[4] memory odd = [uint256(41), 20, 25, 10]; // 10,20,25,41: mean 22.5 -> 22
        for (uint256 i; i < 4; ++i) {
            _report(i, FIL, today - 1, odd[i]);
        }
        (median,) = oracle.averageOf(FIL, today - 1);
        vm.assertEq(median, 22, "mean rounded down");
    }

    function test_AverageOf_EvenMeanDoesNotOverflow() public {
        uint256 max = type(uint128).max;
        for (uint256 i; i < 4; ++i) {
            _report(i, FIL, today, max);
            _report(i, FIL, today - 1, i < 2 ? max - 1 : max);
        }
        (uint256 median,) = oracle.averageOf(FIL, today);
        vm.assertEq(median, max, "mean of two max values");
        (median,) = oracle.averageOf(FIL, today - 1);
        vm.assertEq(median, max - 1, "floor((max + max - 1) / 2)");
    }

    // ================================================================ attacks

    /// @dev A rogue reporter posts an extreme value for a day nobody else reported: no value appears, so the
    /// default check sees a missing day, not a 1000x yield. A colluding second reporter does not help.
    function test_Attack_OneOrTwoReportersCannotCreateAValue() public {
        uint256 extreme = HONEST * 1000;
        _report(0, FIL, today, extreme);
        (uint256 median, uint256 n) = oracle.averageOf(FIL, today);
        vm.assertEq(median, 0, "one rogue: no value");
        vm.assertEq(n, 1, "one report");
        _report(1, FIL, today, extreme);
        (median, n) = oracle.averageOf(FIL, today);
        vm.assertEq(median, 0, "two rogues: no value");
        vm.assertEq(n, 2, "two reports");
        vm.assertEq(oracle.lastReportedDay(FIL), today, "the day shows as reported, without a value");
    }

    /// @dev A rogue reporter reports first, reads the honest reports, and tries to replace its report with the
    /// value that would drag the median furthest. Its report is final: the median stays the honest middle.
    function test_Attack_CannotOverwriteAfterSeeingOthers() public {
        address rogue = _reporter(9);
        vm.prank(rogue);
        oracle.report(FIL, today, HONEST);
        _report(0, FIL, today, HONEST - 1e12);
        _report(1, FIL, today, HONEST + 1e12);
        _report(2, FIL, today, HONEST + 2e12);
        (, uint256[] memory seen) = oracle.reportsOf(FIL, today);
        vm.assertEq(seen.length, 4, "rogue sees every report");
        (uint256 before,) = oracle.averageOf(FIL, today);
        vm.expectRevert(abi.encodeWithSelector(YieldOracle.YieldOracleAlreadyReported.selector, FIL, today, rogue));
        vm.prank(rogue);
        oracle.report(FIL, today, type(uint128).max);
        (uint256 median, uint256 n) = oracle.averageOf(FIL, today);
        vm.assertEq(median, before, "median unchanged");
        vm.assertEq(median, HONEST + 5e11, "mean of HONEST and HONEST + 1e12");
        vm.assertEq(n, 4, "still four");
        vm.assertEq(oracle.reportOf(FIL, today, rogue), HONEST, "rogue's first value stands");
    }

    /// @dev Two rogue reporters among three honest ones post extreme values (and more days of them). The outlier
    /// bound already keeps them out of every median; once the admin revokes them their reports stop counting at
    /// all (past days included) and they cannot report again.
    function test_Attack_RevokedRogueStopsMovingTheMedian() public {
        address rogueA = _reporter(10);
        address rogueB = _reporter(11);
        for (uint256 d; d < 3; ++d) {
            _report(0, FIL, today - d, HONEST - 1e12);
            _report(1, FIL, today - d, HONEST);
            _report(2, FIL, today - d, HONEST + 1e12);
            vm.prank(rogueA);
            oracle.report(FIL, today - d, type(uint128).max);
            vm.prank(rogueB);
            oracle.report(FIL, today - d, type(uint128).max - 1);
        }
        (uint256 median, uint256 n) = oracle.averageOf(FIL, today);
        vm.assertEq(n, 5, "five counting");
        vm.assertEq(median, HONEST, "outliers ignored: the honest middle");
        _setBound(100_000);
        (median,) = oracle.averageOf(FIL, today);
        vm.assertEq(median, HONEST, "even at the loosest bound");
        _revoke(rogueA);
        _revoke(rogueB);
        for (uint256 d; d < 3; ++d) {
            (median, n) = oracle.averageOf(FIL, today - d);
            vm.assertEq(median, HONEST, "honest middle once revoked");
            vm.assertEq(n, 3, "three counting");
        }
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, rogueA, oracle.REPORTER_ROLE()
            )
        );
        vm.prank(rogueA);
        oracle.report(FIL, today - 3, type(uint128).max);
    }

    /// @dev Without the bound, one rogue among four reporters moves an even set's median by half the gap between
    /// the middle values (to 1.5x here); with it, the rogue's report is ignored and the honest median stands.
    function test_Attack_RogueInAnEvenSetIsIgnored() public {
        _report(0, FIL, today, HONEST);
        _report(1, FIL, today, HONEST);
        _report(2, FIL, today, 2 * HONEST);
        _report(3, FIL, today, 100 * HONEST); // rogue
        (uint256 median, uint256 n) = oracle.averageOf(FIL, today);
        vm.assertEq(n, 4, "all four count toward the quorum");
        vm.assertEq(median, HONEST, "median of the three within 2x of the raw median (1.5x)");
        (, uint256[] memory values, YieldOracle.ReportStatus[] memory status, uint256 value) =
            oracle.dayDetail(FIL, today);
        vm.assertEq(values.length, 4, "every report listed");
        vm.assertEq(uint256(status[3]), uint256(YieldOracle.ReportStatus.Outlier), "the rogue is an outlier");
        vm.assertEq(uint256(status[2]), uint256(YieldOracle.ReportStatus.Used), "2x is within the bound");
        vm.assertEq(value, median, "dayDetail's value is averageOf's");
    }

    /// @dev A rogue cannot erase a day by reporting far away: the quorum counts its report, the value ignores it.
    function test_Attack_OutlierCannotEraseADay() public {
        _report(0, FIL, today, HONEST);
        _report(1, FIL, today, HONEST + 2e12);
        _report(2, FIL, today, 1); // rogue, far below
        (uint256 median, uint256 n) = oracle.averageOf(FIL, today);
        vm.assertEq(n, 3, "a quorum");
        vm.assertEq(median, HONEST + 1e12, "mean of the two honest reports");
        _revoke(_reporter(1));
        (, , YieldOracle.ReportStatus[] memory status, uint256 value) = oracle.dayDetail(FIL, today);
        vm.assertEq(uint256(status[1]), uint256(YieldOracle.ReportStatus.Revoked), "revoked");
        vm.assertEq(value, 0, "below the quorum: no value");
    }

    function test_SetOutlierBound_OnlyAdminWithinLimits() public {
        vm.assertEq(oracle.outlierBoundBps(), 20_000, "2x at deploy");
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, _reporter(0), oracle.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(_reporter(0));
        oracle.setOutlierBound(30_000);
        vm.expectRevert(abi.encodeWithSelector(YieldOracle.YieldOracleInvalidOutlierBound.selector, 19_999, 20_000, 100_000));
        vm.prank(admin);
        oracle.setOutlierBound(19_999);
        vm.expectRevert(abi.encodeWithSelector(YieldOracle.YieldOracleInvalidOutlierBound.selector, 100_001, 20_000, 100_000));
        vm.prank(admin);
        oracle.setOutlierBound(100_001);
        vm.expectEmit(false, false, false, true, address(oracle));
        emit YieldOracle.OutlierBoundUpdated(20_000, 30_000);
        vm.prank(admin);
        oracle.setOutlierBound(30_000);
        vm.assertEq(oracle.outlierBoundBps(), 30_000, "set");
    }

    // ================================================================ fuzz

    /// @dev For any 3..15 reports, the median equals a reference: full sort, middle or floor of the mean of the
    /// two middle values.
    function testFuzz_Median_MatchesReferenceSort(uint256[15] memory raw, uint256 count) public {
        count = bound(count, 3, 15);
        uint256 boundBps = bound(raw[14], 20_000, 100_000);
        _setBound(boundBps);
        uint256[] memory expected = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            uint256 v = bound(raw[i], 1, type(uint128).max);
            if (i % 3 == 0) v = bound(raw[i], 1, 20); // force ties
            _report(i, FIL, today, v);
            expected[i] = v;
        }
        (uint256 median, uint256 n) = oracle.averageOf(FIL, today);
        vm.assertEq(n, count, "count");
        vm.assertEq(median, referenceValue(expected, boundBps), "median");
        vm.assertGt(median, 0, "a quorum always gives a value");
    }

    /// @dev For any 0..15 reports and any set of revoked reporters, averageOf counts the unrevoked ones and
    /// matches the reference on them, or reads 0 when fewer than three count. A repeat report always reverts.
    function testFuzz_Median_CountsOnlyCurrentReporters(uint256[15] memory raw, uint256 count, uint256 revokedMask)
        public
    {
        count = bound(count, 0, 15);
        uint256 boundBps = bound(revokedMask >> 128, 20_000, 100_000);
        _setBound(boundBps);
        uint256[] memory kept = new uint256[](count);
        uint256 k;
        for (uint256 i; i < count; ++i) {
            uint256 v = bound(raw[i], 1, type(uint128).max);
            _report(i, FIL, today, v);
            if ((revokedMask >> i) & 1 == 1) {
                _revoke(_reporter(i));
            } else {
                kept[k++] = v;
            }
        }
        assembly ("memory-safe") {
            mstore(kept, k)
        }
        if (count != 0) {
            address again = _reporter(revokedMask % count);
            _grant(again); // even a currently-authorized repeat is refused
            vm.expectRevert(abi.encodeWithSelector(YieldOracle.YieldOracleAlreadyReported.selector, FIL, today, again));
            vm.prank(again);
            oracle.report(FIL, today, 7);
            if ((revokedMask >> (revokedMask % count)) & 1 == 1) _revoke(again);
        }
        (uint256 median, uint256 n) = oracle.averageOf(FIL, today);
        vm.assertEq(n, k, "counting reports");
        vm.assertEq(median, k < 3 ? 0 : referenceValue(kept, boundBps), "median");
        (, uint256[] memory counting) = oracle.countingReportsOf(FIL, today);
        vm.assertEq(counting.length, k, "countingReportsOf length");
        (address[] memory all,) = oracle.reportsOf(FIL, today);
        vm.assertEq(all.length, count, "reportsOf keeps all");
    }

    /// @dev Reference of a day's value: the median of the values, then the median of those within `boundBps` of it
    /// (v * 10,000 >= median * 10,000 / bound, rounded up, and v * 10,000 <= median * bound, in 512-bit-free terms:
    /// compared through division so nothing overflows).
    function referenceValue(uint256[] memory values, uint256 boundBps) public pure returns (uint256) {
        uint256 m = referenceMedian(values); // sorts `values` in place
        uint256[] memory kept = new uint256[](values.length);
        uint256 k;
        for (uint256 i; i < values.length; ++i) {
            uint256 v = values[i];
            // outlier above: v > m * bound / 10,000; below: v < m * 10,000 / bound (exact rational comparisons)
            bool above = v / boundBps > m / 10_000 || (v / boundBps == m / 10_000 && _above(v, m, boundBps));
            bool below = _below(v, m, boundBps);
            if (!above && !below) kept[k++] = v;
        }
        assembly ("memory-safe") {
            mstore(kept, k)
        }
        return referenceMedian(kept);
    }

    /// @dev v * 10,000 > m * bound, for v / bound == m / 10,000: compare the remainders' scaled terms.
    function _above(uint256 v, uint256 m, uint256 boundBps) internal pure returns (bool) {
        // v = q*bound + rv, m = q*10,000 + rm  =>  v*10,000 - m*bound = rv*10,000 - rm*bound
        return (v % boundBps) * 10_000 > (m % 10_000) * boundBps;
    }

    /// @dev v * bound < m * 10,000 (v is more than `bound` below m), without overflow.
    function _below(uint256 v, uint256 m, uint256 boundBps) internal pure returns (bool) {
        if (v / 10_000 != m / boundBps) return v / 10_000 < m / boundBps;
        return (v % 10_000) * boundBps < (m % boundBps) * 10_000;
    }

    /// @dev Reference: selection-sort a copy, then the middle (odd) or the floored mean of the middles (even).
    function referenceMedian(uint256[] memory values) public pure returns (uint256) {
        uint256 n = values.length;
        for (uint256 i; i < n; ++i) {
            for (uint256 j = i + 1; j < n; ++j) {
                if (values[j] < values[i]) (values[i], values[j]) = (values[j], values[i]);
            }
        }
        if (n % 2 == 1) return values[n / 2];
        uint256 a = values[n / 2 - 1];
        uint256 b = values[n / 2];
        // floor((a + b) / 2) without overflow: a + (b - a) / 2, as b >= a.
        return a + (b - a) / 2;
    }

    function _reporter(uint256 i) internal pure returns (address) {
        return address(uint160(0x4E90 + i));
    }

    function _report(uint256 i, uint8 coin, uint256 day, uint256 value) internal {
        vm.prank(_reporter(i));
        oracle.report(coin, day, value);
    }

    function _setBound(uint256 boundBps) internal {
        vm.prank(admin);
        oracle.setOutlierBound(boundBps);
    }

    function _grant(address r) internal {
        bytes32 role = oracle.REPORTER_ROLE();
        vm.prank(admin);
        oracle.grantRole(role, r);
    }

    function _revoke(address r) internal {
        bytes32 role = oracle.REPORTER_ROLE();
        vm.prank(admin);
        oracle.revokeRole(role, r);
    }
}
