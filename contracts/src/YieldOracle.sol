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
/// REPORTER_ROLE count: revoking a rogue reporter removes its past reports from every median not yet used (a
/// DefaultGuard flag keeps the decision it made with the values of its day; the DAO overturns a flag that a
/// rogue's values caused); (4) outliers are ignored: a counting report more than {outlierBoundBps} / 10,000
/// times above or below the median of the counting reports does not enter the day's value (the bound is
/// governable from {MIN_OUTLIER_BOUND_BPS} (2x, the deploy's value) to {MAX_OUTLIER_BOUND_BPS} (10x)). A day's value is the median
/// of its counting reports that are not outliers (the mean of the two middle ones, rounded down, for an even
/// count); the quorum of {MIN_REPORTS} is counted before outliers are dropped, so a rogue cannot erase a day by
/// reporting far from the others. Default detection compares what a miner paid with this value.
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
    uint256 public constant BPS = 10_000;
    /// @notice Tightest and loosest outlier bound: 2x and 10x the median. At 2x or more the larger of an even
    /// set's two middle values is always within the bound, so a day with a quorum always has a value.
    uint256 public constant MIN_OUTLIER_BOUND_BPS = 20_000;
    uint256 public constant MAX_OUTLIER_BOUND_BPS = 100_000;

    /// @notice How one report of a day stands in {dayDetail}.
    enum ReportStatus {
        Used, // counted and within the outlier bound: it enters the day's value
        Outlier, // counted toward the quorum but more than the bound away from the median: ignored
        Revoked // its reporter no longer holds REPORTER_ROLE: it does not count at all
    }

    /// @dev The reports of one (coin, day), in arrival order; `indexOf` is position + 1 (0: not reported).
    struct DayReports {
        address[] reporters;
        uint256[] values;
        mapping(address reporter => uint256) indexOf;
    }

    mapping(uint8 coin => mapping(uint256 day => DayReports)) private _reports;
    mapping(uint8 coin => uint256) private _lastReportedDay;
    /// @dev Starts at the tightest bound.
    uint256 private _outlierBoundBps = MIN_OUTLIER_BOUND_BPS;

    /// @notice `reporter` reported `value` for `coin` on `day` (its only report for that (coin, day)).
    event YieldReported(uint8 indexed coin, uint256 indexed day, address indexed reporter, uint256 value);

    error YieldOracleInvalidAdmin();
    error YieldOracleInvalidCoin(uint8 coin);
    error YieldOracleInvalidDay(uint256 day, uint256 earliest, uint256 latest);
    error YieldOracleInvalidValue();
    error YieldOracleTooManyReports(uint8 coin, uint256 day, uint256 max);
    error YieldOracleAlreadyReported(uint8 coin, uint256 day, address reporter);
    error YieldOracleInvalidOutlierBound(uint256 boundBps, uint256 min, uint256 max);

    event OutlierBoundUpdated(uint256 oldBoundBps, uint256 newBoundBps);

    constructor(address admin) {
        if (admin == address(0)) revert YieldOracleInvalidAdmin();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        emit OutlierBoundUpdated(0, MIN_OUTLIER_BOUND_BPS);
    }

    /// @notice Sets the outlier bound: a counting report above `boundBps / 10,000` times the day's median, or below
    /// the median divided by that, is ignored. Only DEFAULT_ADMIN_ROLE (the timelock). Applies to every day's
    /// value read from now on. Emits {OutlierBoundUpdated}.
    function setOutlierBound(uint256 boundBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (boundBps < MIN_OUTLIER_BOUND_BPS || boundBps > MAX_OUTLIER_BOUND_BPS) {
            revert YieldOracleInvalidOutlierBound(boundBps, MIN_OUTLIER_BOUND_BPS, MAX_OUTLIER_BOUND_BPS);
        }
        emit OutlierBoundUpdated(_outlierBoundBps, boundBps);
        _outlierBoundBps = boundBps;
    }

    /// @notice The outlier bound in basis points of the median (20,000: reports beyond 2x or 1/2 are ignored).
    function outlierBoundBps() external view returns (uint256) {
        return _outlierBoundBps;
    }

    /// @notice Reports the market-average yield of `coin` on `day`: `yieldPerUnit` base units of the coin's yield
    /// token (IFIL: 18 decimals, WBTC: 8) per whole hashrate unit.
    /// @dev Only REPORTER_ROLE. `coin` is a HashrateNFT.Coin; `day` from today - {MAX_REPORT_AGE_DAYS} to today;
    /// `yieldPerUnit` non-zero (a median of 0 means "no value") and at most 2**128 - 1 (3.4e20 coins per unit
    /// per day: no real yield comes near; it keeps the outlier arithmetic exact). Reports are final: a reporter's second report
    /// for the same (coin, day) reverts with {YieldOracleAlreadyReported}; at most {MAX_REPORTERS_PER_DAY}
    /// reporters per (coin, day), revoked ones included. Emits {YieldReported}.
    function report(uint8 coin, uint256 day, uint256 yieldPerUnit) external onlyRole(REPORTER_ROLE) {
        if (coin > uint8(type(HashrateNFT.Coin).max)) revert YieldOracleInvalidCoin(coin);
        uint256 today = block.timestamp / 1 days;
        uint256 earliest = today > MAX_REPORT_AGE_DAYS ? today - MAX_REPORT_AGE_DAYS : 0;
        if (day > today || day < earliest) revert YieldOracleInvalidDay(day, earliest, today);
        if (yieldPerUnit == 0 || yieldPerUnit > type(uint128).max) revert YieldOracleInvalidValue();

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
    /// report, at most {MAX_REPORTERS_PER_DAY}). `reports` is how many counted (outliers included). With fewer
    /// than {MIN_REPORTS} the day has no value: (0, reports). Otherwise the median of the counting values that are
    /// within {outlierBoundBps} of their median (see the contract's notes): the middle one for an odd count, the
    /// mean of the two middle ones rounded down for an even count.
    function averageOf(uint8 coin, uint256 day) external view returns (uint256 median, uint256 reports) {
        uint256[] memory v = _countingValues(coin, day);
        reports = v.length;
        if (reports >= MIN_REPORTS) (median,,) = _value(v);
    }

    /// @notice Every report of `coin` on `day` and how it stands: used in the value, ignored as an outlier, or
    /// not counted (its reporter was revoked); and the day's value ({averageOf}). For the app's oracle page.
    function dayDetail(uint8 coin, uint256 day)
        external
        view
        returns (address[] memory reporters, uint256[] memory values, ReportStatus[] memory status, uint256 value)
    {
        DayReports storage r = _reports[coin][day];
        reporters = r.reporters;
        values = r.values;
        uint256 total = values.length;
        status = new ReportStatus[](total);
        uint256[] memory counting = new uint256[](total);
        uint256 n;
        for (uint256 i; i < total; ++i) {
            if (hasRole(REPORTER_ROLE, reporters[i])) counting[n++] = values[i];
            else status[i] = ReportStatus.Revoked;
        }
        if (n < MIN_REPORTS) return (reporters, values, status, 0);
        assembly ("memory-safe") {
            mstore(counting, n)
        }
        uint256 lo;
        uint256 hi;
        (value, lo, hi) = _value(counting);
        for (uint256 i; i < total; ++i) {
            if (status[i] == ReportStatus.Used && (values[i] < lo || values[i] > hi)) status[i] = ReportStatus.Outlier;
        }
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

    /// @dev A day's value from its counting values (at least {MIN_REPORTS}; sorted in place): the median of those
    /// within the inlier range [lo, hi] around their median. Sorted, the inliers are one contiguous run.
    function _value(uint256[] memory v) private view returns (uint256 value, uint256 lo, uint256 hi) {
        _sort(v);
        (lo, hi) = _bounds(_median(v, 0, v.length));
        uint256 from;
        while (v[from] < lo) ++from;
        uint256 to = v.length;
        while (v[to - 1] > hi) --to;
        value = _median(v, from, to);
    }

    /// @dev Insertion sort in place (at most {MAX_REPORTERS_PER_DAY} values).
    function _sort(uint256[] memory v) private pure {
        for (uint256 i = 1; i < v.length; ++i) {
            uint256 x = v[i];
            uint256 j = i;
            while (j != 0 && v[j - 1] > x) {
                v[j] = v[j - 1];
                --j;
            }
            v[j] = x;
        }
    }

    /// @dev Median of the sorted run v[from..to): the middle value, or the mean of the two middle ones rounded
    /// down, without overflow (a/2 + b/2 + 1 when both are odd).
    function _median(uint256[] memory v, uint256 from, uint256 to) private pure returns (uint256) {
        uint256 n = to - from;
        uint256 mid = from + n / 2;
        return n % 2 == 1 ? v[mid] : v[mid - 1] / 2 + v[mid] / 2 + (v[mid - 1] & v[mid] & 1);
    }

    /// @dev The inlier range around `median`: [ceil(median / bound), floor(median * bound)] (the median itself is
    /// always inside). Exact: reports are at most 2**128 - 1, so the products fit.
    function _bounds(uint256 median) private view returns (uint256 lo, uint256 hi) {
        uint256 boundBps = _outlierBoundBps;
        lo = (median * BPS + boundBps - 1) / boundBps;
        hi = median * boundBps / BPS;
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
