// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TestBase} from "./utils/Vm.sol";
import {YieldOracle} from "../src/YieldOracle.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

/// @notice YieldOracle: reporter role, day window, one report per reporter per (coin, day) with replacement,
/// the per-day cap, and the median (odd and even counts) against a reference sort.
contract YieldOracleTest is TestBase {
    YieldOracle internal oracle;
    address internal admin = address(0xAD);
    uint256 internal today;
    uint8 internal constant FIL = 0;
    uint8 internal constant BTC = 1;

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
        vm.assertEq(median, 2.2e15, "median of one");
        vm.assertEq(n, 1, "one report");
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

    function test_Report_SecondReportReplacesOwn() public {
        address r = _reporter(0);
        vm.startPrank(r);
        oracle.report(FIL, today, 100);
        oracle.report(FIL, today, 300);
        vm.stopPrank();
        (uint256 median, uint256 n) = oracle.averageOf(FIL, today);
        vm.assertEq(median, 300, "replaced");
        vm.assertEq(n, 1, "still one report");
        (address[] memory reporters, uint256[] memory values) = oracle.reportsOf(FIL, today);
        vm.assertEq(reporters.length, 1, "one reporter");
        vm.assertEq(reporters[0], r, "reporter");
        vm.assertEq(values[0], 300, "value");
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
        oracle.report(BTC, today, 1); // BTC is a valid coin
        vm.stopPrank();
    }

    function test_Report_CapsReportersPerDay() public {
        for (uint256 i; i < 15; ++i) {
            vm.prank(_reporter(i));
            oracle.report(FIL, today, i + 1);
        }
        vm.expectRevert(abi.encodeWithSelector(YieldOracle.YieldOracleTooManyReports.selector, FIL, today, 15));
        vm.prank(_reporter(15));
        oracle.report(FIL, today, 99);
        // A reporter already counted can still replace its own report; another day is open.
        vm.prank(_reporter(3));
        oracle.report(FIL, today, 1000);
        vm.prank(_reporter(15));
        oracle.report(FIL, today - 1, 99);
        (uint256 median, uint256 n) = oracle.averageOf(FIL, today);
        vm.assertEq(n, 15, "fifteen");
        vm.assertEq(median, 9, "median of 1,2,3,5..15,1000 is the 8th: 9");
    }

    function test_Report_RevokedReporterKeepsPastReports() public {
        address r = _reporter(0);
        vm.prank(r);
        oracle.report(FIL, today, 42);
        bytes32 role = oracle.REPORTER_ROLE();
        vm.prank(admin);
        oracle.revokeRole(role, r);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, r, role));
        vm.prank(r);
        oracle.report(FIL, today, 43);
        (uint256 median,) = oracle.averageOf(FIL, today);
        vm.assertEq(median, 42, "past report counts");
    }

    function test_AverageOf_OddAndEvenCounts() public {
        uint256[4] memory vals = [uint256(50), 10, 40, 20];
        for (uint256 i; i < 3; ++i) {
            vm.prank(_reporter(i));
            oracle.report(FIL, today, vals[i]);
        }
        (uint256 median, uint256 n) = oracle.averageOf(FIL, today);
        vm.assertEq(n, 3, "three");
        vm.assertEq(median, 40, "odd: middle of 10,40,50");
        vm.prank(_reporter(3));
        oracle.report(FIL, today, vals[3]);
        (median, n) = oracle.averageOf(FIL, today);
        vm.assertEq(median, 30, "even: mean of 20 and 40");
        vm.prank(_reporter(0));
        oracle.report(FIL, today, 41); // 10,20,40,41: mean of 20 and 40 = 30
        vm.prank(_reporter(2));
        oracle.report(FIL, today, 25); // 10,20,25,41: mean 22.5 -> 22
        (median,) = oracle.averageOf(FIL, today);
        vm.assertEq(median, 22, "mean rounded down");
    }

    function test_AverageOf_EvenMeanDoesNotOverflow() public {
        uint256 max = type(uint256).max;
        vm.prank(_reporter(0));
        oracle.report(FIL, today, max);
        vm.prank(_reporter(1));
        oracle.report(FIL, today, max);
        (uint256 median,) = oracle.averageOf(FIL, today);
        vm.assertEq(median, max, "mean of two max values");
        vm.prank(_reporter(1));
        oracle.report(FIL, today, max - 1);
        (median,) = oracle.averageOf(FIL, today);
        vm.assertEq(median, max - 1, "floor((max + max - 1) / 2)");
    }

    // ================================================================ fuzz

    /// @dev For any 1..15 reports (with replacements), the median equals a reference: full sort, middle or
    /// floor of the mean of the two middle values (computed in 512 bits via halves).
    function testFuzz_Median_MatchesReferenceSort(uint256[15] memory raw, uint256 count, uint256 replaceSeed)
        public
    {
        count = bound(count, 1, 15);
        uint256[] memory expected = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            uint256 v = bound(raw[i], 1, type(uint256).max);
            if (i % 3 == 0) v = bound(raw[i], 1, 20); // force ties
            vm.prank(_reporter(i));
            oracle.report(FIL, today, v);
            expected[i] = v;
        }
        // One reporter replaces its report.
        uint256 who = replaceSeed % count;
        uint256 nv = bound(uint256(keccak256(abi.encode(replaceSeed))), 1, 1e30);
        vm.prank(_reporter(who));
        oracle.report(FIL, today, nv);
        expected[who] = nv;

        (uint256 median, uint256 n) = oracle.averageOf(FIL, today);
        vm.assertEq(n, count, "count");
        vm.assertEq(median, referenceMedian(expected), "median");
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

    function _grant(address r) internal {
        bytes32 role = oracle.REPORTER_ROLE();
        vm.prank(admin);
        oracle.grantRole(role, r);
    }
}
