// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IYieldOracle} from "./interfaces/IYieldOracle.sol";
import {JointPool} from "./JointPool.sol";
import {JointPoolFactory} from "./JointPoolFactory.sol";

/// @notice The two numbers of the hashrate NFTs' default rules a pool is judged by (the DefaultGuard's).
interface IDefaultRules {
    function shortfallBps() external view returns (uint256);
    function challengePeriod() external view returns (uint256);
}

/// @title PoolGuard
/// @notice The hashrate NFTs' default rules, applied to the joint mining pools. A *window* is {WINDOW_DAYS} (7)
/// consecutive complete UTC days. Over a window a pool's miner *owes* `Σ value(day) × power / 1000` (its whole
/// daily mining yield: `value(day)` is the market average FIL per TiB that day, `power` the pool's power that day in
/// thousandths of a TiB, from the factory's {JointPoolFactory.powerOn}: a later project owes from the day after it
/// joined and never raises what an earlier window owed) and has *paid* `Σ pool.yieldOn(day)` (before the 20/5/75 split).
/// Anyone may {flag} a pool over a window in which it *missed* (paid nothing) or was *short* (paid less than the
/// DefaultGuard's `shortfallBps`, 80%, of what it owes), however the payments are spread; exactly 80% is not short.
///
/// **A day's value** is the oracle's median when it has one; a day without one carries forward the latest oracle
/// value of the {CARRY_DAYS} (7) days before it; failing that (the oracle silent for more than a week, which no
/// miner controls) the day owes nothing. A pool owes from the day after its first deposit (the miner can pay only
/// once the pool has holders) and, after a DAO overturn, from the day of the overturn; windows end on or before
/// the mining period's last day.
///
/// **Consequences match the certainty, as for products.** A flag halts the pool at once (no deposits, no draws;
/// every holder may redeem its liquid share with no fee). Within the DefaultGuard's `challengePeriod` the DAO may
/// {overturn} it; after it, anyone may {finalize}: the pool is Defaulted and its mining period ends (the pledge the
/// miner repays is shared by dToken × time at once).
///
/// **Payouts: a defaulted pool's holders first.** The DAO pays a Defaulted pool's holders from the insurance fund
/// in one vote (the fund sends the amount here, {openPayout} earmarks it for that pool): each account claims
/// `amount × its dToken-seconds / all dToken-seconds` — the pool's weights, frozen at the default (the balances at
/// the default, for a pool that defaulted in genesis), so a transfer after it moves no claim. Shares round down;
/// the dust stays earmarked until {closePayout}. Money arrives by plain transfers and is booked only from the
/// balance, so a fee-on-transfer token cannot make the guard promise more than it holds.
/// @dev DEFAULT_ADMIN_ROLE (the timelock) overturns, opens and closes payouts, and sends back what no open payout
/// holds ({withdraw}). The factory is fixed at deployment, and its pools obey this
/// guard (the factory passes it to each pool): {flag} refuses a contract the factory did not open.
contract PoolGuard is AccessControl, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    enum Reason {
        Missed,
        Short
    }

    enum ValueSource {
        Oracle,
        Carried,
        None
    }

    struct Day {
        uint256 day;
        uint256 paid;
        uint256 value;
        ValueSource source;
    }

    /// @notice A window, as {windowOf} returns it: `owed` rounded down to base units, `short_` the exact comparison.
    struct Window {
        uint256 start;
        uint256 length;
        uint256 paid;
        uint256 owed;
        bool missed;
        bool short_;
        Day[] days_;
    }

    /// @notice A payout, as {payout} returns it.
    struct Payout {
        JointPool pool;
        IERC20 token;
        uint256 amount;
        uint256 claimed;
        bool closed;
    }

    struct FlagState {
        uint64 flaggedAt;
        uint32 windowStart;
        uint32 clearedFrom;
    }

    uint256 public constant BPS = 10_000;
    uint256 public constant WINDOW_DAYS = 7;
    uint256 public constant CARRY_DAYS = 7;
    /// @notice HashrateNFT.Coin.FIL: the pools mine Filecoin.
    uint8 public constant COIN_FIL = 0;

    JointPoolFactory public immutable factory;
    IYieldOracle public immutable oracle;
    IDefaultRules public immutable rules;

    mapping(JointPool pool => FlagState) private _flags;
    uint256 private _payoutCount;
    mapping(uint256 payoutId => Payout) private _payouts;
    mapping(uint256 payoutId => mapping(address account => bool)) private _claimed;
    mapping(IERC20 token => uint256) private _earmarked;

    event PoolFlagged(
        JointPool indexed pool,
        uint256 windowStart,
        Reason reason,
        uint256 paid,
        uint256 owed,
        address indexed flagger,
        uint256 challengeEndsAt
    );
    event PoolDefaulted(JointPool indexed pool, address indexed by);
    event PoolFlagOverturned(JointPool indexed pool);
    event PayoutOpened(uint256 indexed payoutId, JointPool indexed pool, IERC20 indexed token, uint256 amount);
    event PayoutClaimed(uint256 indexed payoutId, address indexed account, uint256 amount);
    event PayoutClosed(uint256 indexed payoutId, uint256 unclaimed);
    event Withdrawn(IERC20 indexed token, address indexed to, uint256 amount);

    error PoolGuardInvalidAddress();
    error PoolGuardUnknownPool(address pool);
    /// @notice Nobody has deposited yet: the pool owes nothing.
    error PoolGuardNoDeposits(address pool);
    error PoolGuardTooEarly(address pool, uint256 windowStart, uint256 earliestStart);
    error PoolGuardWindowIncomplete(address pool, uint256 windowStart, uint256 windowEnd);
    error PoolGuardWindowOutsideTerm(address pool, uint256 windowStart, uint256 endDay);
    error PoolGuardNotInDefault(address pool, uint256 windowStart);
    error PoolGuardNotFlaggable(address pool, JointPool.Status status);
    error PoolGuardNotFlagged(address pool);
    error PoolGuardChallengeOpen(address pool, uint256 challengeEndsAt);
    error PoolGuardNotDefaulted(address pool);
    error PoolGuardZeroAmount();
    error PoolGuardInsufficient(IERC20 token, uint256 requested, uint256 available);
    error PoolGuardUnknownPayout(uint256 payoutId);
    error PoolGuardPayoutClosed(uint256 payoutId);
    error PoolGuardAlreadyClaimed(uint256 payoutId, address account);
    error PoolGuardNothingToClaim(uint256 payoutId, address account);

    constructor(address admin, JointPoolFactory factory_, IYieldOracle oracle_, IDefaultRules rules_) {
        if (
            admin == address(0) || address(factory_) == address(0) || address(oracle_) == address(0)
                || address(rules_) == address(0)
        ) revert PoolGuardInvalidAddress();
        factory = factory_;
        oracle = oracle_;
        rules = rules_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    // ---------------------------------------------------------------- anyone

    /// @notice Flags `pool` in default over the window starting on UTC day `windowStart`: the pool halts at once.
    /// Anyone may call. Reverts as {check} does, and {PoolGuardNotFlaggable} unless the pool is Active.
    function flag(JointPool pool, uint256 windowStart) external returns (Reason reason) {
        uint256 paid;
        uint256 owedScaled;
        (reason, paid, owedScaled) = _judge(pool, windowStart);
        JointPool.Status status = pool.status();
        if (status != JointPool.Status.Active) revert PoolGuardNotFlaggable(address(pool), status);
        FlagState storage f = _flags[pool];
        // forge-lint: disable-next-line(unsafe-typecast) -- unix seconds and day numbers fit
        (f.flaggedAt, f.windowStart) = (uint64(block.timestamp), uint32(windowStart));
        emit PoolFlagged(
            pool, windowStart, reason, paid, owedScaled / 1000, msg.sender, block.timestamp + rules.challengePeriod()
        );
        pool.halt();
    }

    /// @notice Marks a flagged pool Defaulted once its challenge period is over. Anyone may call.
    function finalize(JointPool pool) external {
        _checkKnown(pool);
        uint256 at = _flags[pool].flaggedAt;
        if (at == 0) revert PoolGuardNotFlagged(address(pool));
        uint256 endsAt = at + rules.challengePeriod();
        // forge-lint: disable-next-line(block-timestamp) -- a period of days
        if (block.timestamp < endsAt) revert PoolGuardChallengeOpen(address(pool), endsAt);
        _flags[pool].flaggedAt = 0;
        emit PoolDefaulted(pool, msg.sender);
        pool.markDefaulted();
    }

    // ---------------------------------------------------------------- governance

    /// @notice Overturns a pool's flag by DAO vote: the pool is Active again; windows must start from today on to
    /// flag it again. Only DEFAULT_ADMIN_ROLE.
    function overturn(JointPool pool) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _checkKnown(pool);
        FlagState storage f = _flags[pool];
        if (f.flaggedAt == 0) revert PoolGuardNotFlagged(address(pool));
        f.flaggedAt = 0;
        // forge-lint: disable-next-line(unsafe-typecast) -- a day number
        f.clearedFrom = uint32(block.timestamp / 1 days);
        emit PoolFlagOverturned(pool);
        pool.resume();
    }

    /// @notice Earmarks `amount` of `token` (already sent here, beyond what open payouts hold) for the holders of
    /// a Defaulted pool, by their frozen dToken-seconds. Only DEFAULT_ADMIN_ROLE. Emits {PayoutOpened}.
    function openPayout(JointPool pool, IERC20 token, uint256 amount)
        external
        onlyRole(DEFAULT_ADMIN_ROLE)
        returns (uint256 payoutId)
    {
        _checkKnown(pool);
        // The weights are final once the pool is Defaulted and its (shortened) mining period is over.
        // forge-lint: disable-next-line(block-timestamp) -- a second after the default at most
        if (pool.status() != JointPool.Status.Defaulted || block.timestamp < pool.termEnd() || pool.totalShareSeconds() == 0) {
            revert PoolGuardNotDefaulted(address(pool));
        }
        if (amount == 0) revert PoolGuardZeroAmount();
        uint256 available = token.balanceOf(address(this)) - _earmarked[token];
        if (amount > available) revert PoolGuardInsufficient(token, amount, available);
        payoutId = ++_payoutCount;
        _payouts[payoutId] = Payout(pool, token, amount, 0, false);
        _earmarked[token] += amount;
        emit PayoutOpened(payoutId, pool, token, amount);
    }

    /// @notice Pays the caller its share of payout `payoutId`: `amount × dToken-seconds / all dToken-seconds`, once.
    /// Emits {PayoutClaimed}.
    function claimPayout(uint256 payoutId) external nonReentrant returns (uint256 share) {
        Payout storage po = _payouts[payoutId];
        if (po.amount == 0) revert PoolGuardUnknownPayout(payoutId);
        if (po.closed) revert PoolGuardPayoutClosed(payoutId);
        if (_claimed[payoutId][msg.sender]) revert PoolGuardAlreadyClaimed(payoutId, msg.sender);
        share = _shareOf(po, msg.sender);
        if (share == 0) revert PoolGuardNothingToClaim(payoutId, msg.sender);
        _claimed[payoutId][msg.sender] = true;
        po.claimed += share;
        _earmarked[po.token] -= share;
        emit PayoutClaimed(payoutId, msg.sender, share);
        po.token.safeTransfer(msg.sender, share);
    }

    /// @notice Ends a payout: what was not claimed is no longer earmarked. Only DEFAULT_ADMIN_ROLE.
    function closePayout(uint256 payoutId) external onlyRole(DEFAULT_ADMIN_ROLE) {
        Payout storage po = _payouts[payoutId];
        if (po.amount == 0) revert PoolGuardUnknownPayout(payoutId);
        if (po.closed) revert PoolGuardPayoutClosed(payoutId);
        po.closed = true;
        uint256 unclaimed = po.amount - po.claimed;
        _earmarked[po.token] -= unclaimed;
        emit PayoutClosed(payoutId, unclaimed);
    }

    /// @notice Sends `amount` of `token` that no open payout holds to `to` (back to the insurance fund).
    /// Only DEFAULT_ADMIN_ROLE.
    function withdraw(IERC20 token, address to, uint256 amount) external onlyRole(DEFAULT_ADMIN_ROLE) nonReentrant {
        if (to == address(0)) revert PoolGuardInvalidAddress();
        if (amount == 0) revert PoolGuardZeroAmount();
        uint256 available = token.balanceOf(address(this)) - _earmarked[token];
        if (amount > available) revert PoolGuardInsufficient(token, amount, available);
        emit Withdrawn(token, to, amount);
        token.safeTransfer(to, amount);
    }

    // ---------------------------------------------------------------- views

    /// @notice Number of payouts; ids run from 1.
    function payoutCount() external view returns (uint256) {
        return _payoutCount;
    }

    /// @notice A payout (all zero for an unknown id).
    function payout(uint256 payoutId) external view returns (Payout memory) {
        return _payouts[payoutId];
    }

    /// @notice What `account` can claim from payout `payoutId` now (0 once claimed, or when closed or unknown).
    function claimablePayout(uint256 payoutId, address account) external view returns (uint256) {
        Payout storage po = _payouts[payoutId];
        if (po.amount == 0 || po.closed || _claimed[payoutId][account]) return 0;
        return _shareOf(po, account);
    }

    /// @notice What of `token` open payouts hold and have not paid yet.
    function earmarked(IERC20 token) external view returns (uint256) {
        return _earmarked[token];
    }

    /// @notice Why `pool` is in default over the window starting `windowStart`; reverts with the reason it is not
    /// ({PoolGuardNotInDefault}) or why the window cannot be judged.
    function check(JointPool pool, uint256 windowStart) external view returns (Reason reason) {
        (reason,,) = _judge(pool, windowStart);
    }

    /// @notice The window starting `windowStart`, day by day, with its totals. Reverts as {check} does when the
    /// window cannot be judged.
    function windowOf(JointPool pool, uint256 windowStart) external view returns (Window memory w) {
        uint256 length = _checkWindow(pool, windowStart);
        w.start = windowStart;
        w.length = length;
        w.days_ = new Day[](length);
        uint256 owedScaled;
        (w.paid, owedScaled) = _tally(pool, windowStart, w.days_);
        w.owed = owedScaled / 1000;
        w.missed = w.paid == 0 && owedScaled != 0;
        w.short_ = w.paid * 1000 * BPS < owedScaled * rules.shortfallBps();
    }

    /// @notice The start of the latest window that can be judged now (the complete days before today, or before
    /// the mining period's end). Reverts {PoolGuardTooEarly} when none is complete yet.
    function latestWindow(JointPool pool) external view returns (uint256) {
        _checkKnown(pool);
        uint256 earliest = earliestWindowStart(pool);
        uint256 endDay = _endDay(pool);
        uint256 today = block.timestamp / 1 days;
        uint256 last = today < endDay ? today : endDay;
        uint256 span = endDay - earliest < WINDOW_DAYS ? endDay - earliest : WINDOW_DAYS;
        if (endDay <= earliest || last < earliest + span) revert PoolGuardTooEarly(address(pool), last, earliest);
        return last - span;
    }

    /// @notice The first day a window may start: the day after the first deposit, or the day of the last DAO
    /// overturn when later.
    function earliestWindowStart(JointPool pool) public view returns (uint256) {
        uint256 first = pool.firstDepositAt();
        if (first == 0) revert PoolGuardNoDeposits(address(pool));
        first = first / 1 days + 1;
        uint256 cleared = _flags[pool].clearedFrom;
        return cleared > first ? cleared : first;
    }

    /// @notice When the current flag of `pool` may be finalized (0 when it is not flagged now).
    function challengeEndsAt(JointPool pool) external view returns (uint256) {
        uint256 at = _flags[pool].flaggedAt;
        return at == 0 ? 0 : at + rules.challengePeriod();
    }

    /// @notice The window the current flag named (meaningful while {challengeEndsAt} is non-zero).
    function flaggedWindow(JointPool pool) external view returns (uint256) {
        return _flags[pool].windowStart;
    }

    // ---------------------------------------------------------------- internal

    function _shareOf(Payout storage po, address account) private view returns (uint256) {
        JointPool pool = po.pool;
        return Math.mulDiv(po.amount, pool.shareSecondsOf(account), pool.totalShareSeconds());
    }

    function _checkKnown(JointPool pool) private view {
        // A contract that is not a pool of the factory reverts here or fails the comparison.
        if (address(pool).code.length == 0 || factory.poolOf(pool.miner()) != pool) {
            revert PoolGuardUnknownPool(address(pool));
        }
    }

    function _judge(JointPool pool, uint256 windowStart)
        private
        view
        returns (Reason reason, uint256 paid, uint256 owedScaled)
    {
        uint256 length = _checkWindow(pool, windowStart);
        (paid, owedScaled) = _tally(pool, windowStart, new Day[](length));
        if (owedScaled == 0) revert PoolGuardNotInDefault(address(pool), windowStart);
        if (paid == 0) return (Reason.Missed, paid, owedScaled);
        if (paid * 1000 * BPS < owedScaled * rules.shortfallBps()) return (Reason.Short, paid, owedScaled);
        revert PoolGuardNotInDefault(address(pool), windowStart);
    }

    /// @dev What the miner paid and owed (× 1000) over the `days_.length` days from `start`, day by day into `days_`;
    /// each day owes on the power the pool had that day (the factory's {JointPoolFactory.powerOn}).
    function _tally(JointPool pool, uint256 start, Day[] memory days_)
        private
        view
        returns (uint256 paid, uint256 owedScaled)
    {
        address miner = pool.miner();
        (uint256 last, uint256 lastDay) = _lastValueBefore(start);
        for (uint256 i; i < days_.length; ++i) {
            uint256 day = start + i;
            uint256 dayPaid = pool.yieldOn(day);
            (uint256 value, ValueSource source) = _value(day, last, lastDay);
            if (source == ValueSource.Oracle) (last, lastDay) = (value, day);
            days_[i] = Day(day, dayPaid, value, source);
            paid += dayPaid;
            owedScaled += value * factory.powerOn(miner, day);
        }
    }

    /// @dev The window's length (7, or the whole owing period when shorter).
    function _checkWindow(JointPool pool, uint256 start) private view returns (uint256 length) {
        _checkKnown(pool);
        uint256 earliest = earliestWindowStart(pool);
        if (start < earliest) revert PoolGuardTooEarly(address(pool), start, earliest);
        uint256 endDay = _endDay(pool);
        if (start >= endDay) revert PoolGuardWindowOutsideTerm(address(pool), start, endDay);
        length = endDay - earliest < WINDOW_DAYS ? endDay - earliest : WINDOW_DAYS;
        if (start + length > endDay) revert PoolGuardWindowOutsideTerm(address(pool), start, endDay);
        if (start + length > block.timestamp / 1 days) {
            revert PoolGuardWindowIncomplete(address(pool), start, start + length);
        }
    }

    /// @dev The mining period's last day (exclusive), or "never" while genesis lasts.
    function _endDay(JointPool pool) private view returns (uint256) {
        uint256 end = pool.termEnd();
        return end == 0 ? type(uint32).max : end / 1 days;
    }

    function _lastValueBefore(uint256 day) private view returns (uint256 value, uint256 valueDay) {
        uint256 from = day > CARRY_DAYS ? day - CARRY_DAYS : 0;
        for (uint256 d = day; d > from;) {
            --d;
            (uint256 median,) = oracle.averageOf(COIN_FIL, d);
            if (median != 0) return (median, d);
        }
    }

    function _value(uint256 day, uint256 last, uint256 lastDay) private view returns (uint256, ValueSource) {
        (uint256 median,) = oracle.averageOf(COIN_FIL, day);
        if (median != 0) return (median, ValueSource.Oracle);
        if (last != 0 && day - lastDay <= CARRY_DAYS) return (last, ValueSource.Carried);
        return (0, ValueSource.None);
    }
}
