// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {HashrateNFT} from "./HashrateNFT.sol";
import {IYieldOracle} from "./interfaces/IYieldOracle.sol";

/// @title YieldOracle
/// @notice The market-average mining yield per whole hashrate unit (1 TiB for FIL, 1 TH/s for BTC) per UTC day,
/// per coin, posted by a governed set of reporters. Interim rules so that no single reporter can steer a day's
/// value: (1) a day has a value only with at least {MIN_REPORTS} counting reports; with fewer it reads 0
/// ("no value"), so one or two reporters alone cannot create a value; (2) a report is final once made: a
/// reporter cannot replace it after seeing the others'; (3) only reports whose reporter still holds
/// REPORTER_ROLE count: revoking a rogue reporter removes its past reports from every median. A day's value
/// is the median of its counting reports (the mean of the two middle ones, rounded down, for an even count).
/// Default detection compares what a miner paid with this value.
/// @dev REPORTER_ROLE is granted and revoked by DEFAULT_ADMIN_ROLE (the timelock). Re-granting the role to a
/// revoked reporter makes its past reports count again. Days are `timestamp / 1 days`; a report is for a
/// complete or current day no older than {MAX_REPORT_AGE_DAYS} days. A day without a value reads median 0;
/// the UI shows it and {lastReportedDay} as stale data.
contract YieldOracle is AccessControl, IYieldOracle {
    bytes32 public constant REPORTER_ROLE = keccak256("REPORTER_ROLE");
    /// @notice Most distinct reporters one (coin, day) accepts (bounds the median's sort).
    uint256 public constant MAX_REPORTERS_PER_DAY = 15;
    /// @notice Oldest day a report may be for: today - 30.
    uint256 public constant MAX_REPORT_AGE_DAYS = 30;
    /// @notice Fewest counting reports (from current reporters) a (coin, day) needs to have a value.
    uint256 public constant MIN_REPORTS = 3;

    /// @dev The reports of one (coin, day), in arrival order; `indexOf` is position + 1 (0: not reported).
    struct DayReports {
        address[] reporters;
        uint256[] values;
        mapping(address reporter => uint256) indexOf;
    }

    mapping(uint8 coin => mapping(uint256 day => DayReports)) private _reports;
    mapping(uint8 coin => uint256) private _lastReportedDay;

    /// @notice `reporter` reported `value` for `coin` on `day` (its only report for that (coin, day)).
    event YieldReported(uint8 indexed coin, uint256 indexed day, address indexed reporter, uint256 value);

    error YieldOracleInvalidAdmin();
    error YieldOracleInvalidCoin(uint8 coin);
    error YieldOracleInvalidDay(uint256 day, uint256 earliest, uint256 latest);
    error YieldOracleInvalidValue();
    error YieldOracleTooManyReports(uint8 coin, uint256 day, uint256 max);
    error YieldOracleAlreadyReported(uint8 coin, uint256 day, address reporter);

    constructor(address admin) {
        if (admin == address(0)) revert YieldOracleInvalidAdmin();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @notice Reports the market-average yield of `coin` on `day`: `yieldPerUnit` base units of the coin's yield
    /// token (IFIL: 18 decimals, WBTC: 8) per whole hashrate unit.
    /// @dev Only REPORTER_ROLE. `coin` is a HashrateNFT.Coin; `day` from today - {MAX_REPORT_AGE_DAYS} to today;
    /// `yieldPerUnit` non-zero (a median of 0 means "no value"). Reports are final: a reporter's second report
    /// for the same (coin, day) reverts with {YieldOracleAlreadyReported}; at most {MAX_REPORTERS_PER_DAY}
    /// reporters per (coin, day), revoked ones included. Emits {YieldReported}.
    function report(uint8 coin, uint256 day, uint256 yieldPerUnit) external onlyRole(REPORTER_ROLE) {
        if (coin > uint8(type(HashrateNFT.Coin).max)) revert YieldOracleInvalidCoin(coin);
        uint256 today = block.timestamp / 1 days;
        uint256 earliest = today > MAX_REPORT_AGE_DAYS ? today - MAX_REPORT_AGE_DAYS : 0;
        if (day > today || day < earliest) revert YieldOracleInvalidDay(day, earliest, today);
        if (yieldPerUnit == 0) revert YieldOracleInvalidValue();

        DayReports storage r = _reports[coin][day];
        if (r.indexOf[msg.sender] != 0) revert YieldOracleAlreadyReported(coin, day, msg.sender);
        uint256 count = r.values.length;
        if (count >= MAX_REPORTERS_PER_DAY) revert YieldOracleTooManyReports(coin, day, MAX_REPORTERS_PER_DAY);
        r.reporters.push(msg.sender);
        r.values.push(yieldPerUnit);
        r.indexOf[msg.sender] = count + 1;
        if (day > _lastReportedDay[coin]) _lastReportedDay[coin] = day;
        emit YieldReported(coin, day, msg.sender, yieldPerUnit);
    }

    /// @inheritdoc IYieldOracle
    /// @dev Only counting reports enter: those whose reporter holds REPORTER_ROLE now (one hasRole read per
    /// report, at most {MAX_REPORTERS_PER_DAY}). `reports` is how many counted. With fewer than {MIN_REPORTS}
    /// the day has no value: (0, reports). Otherwise the median of the counting values: the middle one for an
    /// odd count, the mean of the two middle ones rounded down for an even count (insertion sort of a memory
    /// copy).
    function averageOf(uint8 coin, uint256 day) external view returns (uint256 median, uint256 reports) {
        uint256[] memory v = _countingValues(coin, day);
        reports = v.length;
        if (reports < MIN_REPORTS) return (0, reports);
        for (uint256 i = 1; i < reports; ++i) {
            uint256 x = v[i];
            uint256 j = i;
            while (j != 0 && v[j - 1] > x) {
                v[j] = v[j - 1];
                --j;
            }
            v[j] = x;
        }
        uint256 mid = reports / 2;
        // Mean of two values without overflow: a/2 + b/2 + (both odd ? 1 : 0).
        median = reports % 2 == 1 ? v[mid] : v[mid - 1] / 2 + v[mid] / 2 + (v[mid - 1] & v[mid] & 1);
    }

    /// @notice The reports of `coin` on `day` that count toward {averageOf}: those whose reporter still holds
    /// REPORTER_ROLE, in first-report order.
    function countingReportsOf(uint8 coin, uint256 day)
        external
        view
        returns (address[] memory reporters, uint256[] memory values)
    {
        DayReports storage r = _reports[coin][day];
        uint256 total = r.reporters.length;
        reporters = new address[](total);
        values = new uint256[](total);
        uint256 n;
        for (uint256 i; i < total; ++i) {
            address reporter = r.reporters[i];
            if (!hasRole(REPORTER_ROLE, reporter)) continue;
            reporters[n] = reporter;
            values[n] = r.values[i];
            ++n;
        }
        assembly ("memory-safe") {
            mstore(reporters, n)
            mstore(values, n)
        }
    }

    /// @notice Every report of `coin` on `day`, revoked reporters' included: reporters and values, in report order.
    /// {countingReportsOf} gives the ones {averageOf} uses.
    function reportsOf(uint8 coin, uint256 day)
        external
        view
        returns (address[] memory reporters, uint256[] memory values)
    {
        DayReports storage r = _reports[coin][day];
        return (r.reporters, r.values);
    }

    /// @notice `reporter`'s value for `coin` on `day` (whether it counts or not); 0 when it did not report.
    function reportOf(uint8 coin, uint256 day, address reporter) external view returns (uint256) {
        DayReports storage r = _reports[coin][day];
        uint256 index = r.indexOf[reporter];
        return index == 0 ? 0 : r.values[index - 1];
    }

    /// @notice The latest day anyone reported for `coin` (0: never), whether or not that day has a value yet; the
    /// UI flags the data stale when it lags.
    function lastReportedDay(uint8 coin) external view returns (uint256) {
        return _lastReportedDay[coin];
    }

    /// @dev The values of the (coin, day) reports whose reporter holds REPORTER_ROLE, in report order.
    function _countingValues(uint8 coin, uint256 day) private view returns (uint256[] memory v) {
        DayReports storage r = _reports[coin][day];
        uint256 total = r.values.length;
        v = new uint256[](total);
        uint256 n;
        for (uint256 i; i < total; ++i) {
            if (hasRole(REPORTER_ROLE, r.reporters[i])) v[n++] = r.values[i];
        }
        assembly ("memory-safe") {
            mstore(v, n)
        }
    }
}
