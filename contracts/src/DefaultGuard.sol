// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {HashrateNFT} from "./HashrateNFT.sol";
import {MinerRegistry} from "./MinerRegistry.sol";
import {RevenueEscrow} from "./RevenueEscrow.sol";
import {IYieldRecord} from "./interfaces/IYieldRecord.sol";
import {IYieldOracle} from "./interfaces/IYieldOracle.sol";

/// @title DefaultGuard
/// @notice Permissionless default detection, about money owed rather than runs of days. A *window* is
/// {WINDOW_DAYS} (7) consecutive complete UTC days of a product's payable period. Over a window the miner *owes*
/// `Σ value(day) × units / 1000`, `value(day)` being the market average per whole hashrate unit that day and
/// `units` the product's minted hashrate in thousandths, and has *paid* `Σ depositedOn(day)`. Anyone may {flag} a
/// product over a window in which it
/// (a) *missed*: paid nothing, or
/// (b) *short*: paid less than {shortfallBps} (80%) of what it owes, however the payments are spread.
///
/// **A day's value** is the oracle's median when it has one (the oracle needs a quorum of reports); a day without
/// one carries forward the latest oracle value of the {CARRY_DAYS} (7) days before it; failing that, the product's
/// declared expected daily yield (voted on by the DAO at approval). So a day without oracle data owes what the
/// market last said, never nothing: it cannot be used to hide.
///
/// **The payable period** runs from {firstPayableDay} — the later of the term's first day and the day the last NFT
/// was minted (the yield distributor opens deposits then; late days may still be paid until a window over them
/// completes) — to the term's last day. A product whose minting is not complete {MINT_GRACE_DAYS} days after its
/// activation owes from then on all the same (it cannot pay, so it misses). Windows start on or after the payable
/// period's first day (and after the last DAO overturn or resume: {clearedFrom}), and must be complete and inside
/// the term; a payable period shorter than 7 days has one window, the whole period. A window may end on the term's
/// last day, and the miner's stake stays locked until that last window is checked: the registry's `withdrawStake`
/// asks {checkStakeRelease}.
///
/// **Consequences match the certainty.** A flag halts the product's escrow at once (holders can claim their
/// unreleased money back) and marks the application Flagged, which freezes the stake. The slash comes only after
/// {challengePeriod}: then anyone may {finalize} (Flagged -> Defaulted, stake to the insurance fund). Within it the
/// DAO may {overturn} the flag (Flagged -> Active, escrow resumed). A product the DAO resumed can be flagged again
/// over a window that starts after the resume.
/// @dev Comparisons are exact: a window is short when `paid * 1000 * BPS < owedScaled * shortfallBps`, with
/// `owedScaled = Σ value × units`; exactly 80% is not short. Needs: the escrow's HALTER_ROLE and RESUMER_ROLE, and
/// to be the registry's slasher.
contract DefaultGuard is AccessControl {
    /// @notice Why a product was flagged.
    enum Reason {
        Missed,
        Short
    }

    /// @notice Where a day's value came from (see the contract's notes).
    enum ValueSource {
        Oracle,
        Carried,
        Declared
    }

    /// @notice One day of a window, as {windowOf} returns it.
    struct Day {
        uint256 day;
        uint256 paid;
        uint256 value;
        ValueSource source;
    }

    /// @notice A window, as {windowOf} returns it. `owed` is rounded down to base units; `short` uses the exact
    /// comparison. `missed` implies `short` when anything is owed.
    struct Window {
        uint256 start;
        uint256 length;
        uint256 paid;
        uint256 owed;
        bool missed;
        bool short_;
        Day[] days_;
    }

    /// @dev Per product: when it was flagged (0: not flagged now) and the first day a window may start after a DAO
    /// overturn or resume (0: none).
    struct FlagState {
        uint64 flaggedAt;
        uint32 windowStart;
        uint32 clearedFrom;
    }

    uint256 public constant BPS = 10_000;
    /// @notice Days in a window.
    uint256 public constant WINDOW_DAYS = 7;
    /// @notice How many days back a missing oracle value is carried from.
    uint256 public constant CARRY_DAYS = 7;
    /// @notice Days after activation a product must be minted out by; it owes from then on regardless.
    uint256 public constant MINT_GRACE_DAYS = 7;
    /// @notice Lowest and highest {shortfallBps} governance may set.
    uint256 public constant MIN_SHORTFALL_BPS = 1_000;
    uint256 public constant MAX_SHORTFALL_BPS = BPS;
    /// @notice Bounds of {challengePeriod}.
    uint256 public constant MIN_CHALLENGE_PERIOD = 1 days;
    uint256 public constant MAX_CHALLENGE_PERIOD = 60 days;

    HashrateNFT public immutable nft;
    MinerRegistry public immutable registry;
    RevenueEscrow public immutable escrow;
    IYieldRecord public immutable yieldRecord;
    IYieldOracle public immutable oracle;

    /// @notice A window is short when it paid below this share of what it owes (8000: 80%).
    uint256 public shortfallBps = 8_000;
    /// @notice How long after a flag the DAO may overturn it before anyone may {finalize} the slash.
    uint256 public challengePeriod = 14 days;

    mapping(uint256 productId => FlagState) private _flags;

    /// @notice `productId` was flagged over the window starting `windowStart`: its escrow is halted; its stake is
    /// slashed at {finalize} from `challengeEndsAt` unless the DAO overturns the flag first.
    event ProductFlagged(
        uint256 indexed productId,
        uint256 windowStart,
        Reason reason,
        address indexed flagger,
        uint256 challengeEndsAt
    );
    /// @notice A product the DAO had resumed was halted again by a new flag (its application was already flagged
    /// or defaulted, so no new challenge starts).
    event ProductHaltedAgain(uint256 indexed productId, uint256 windowStart, Reason reason, address indexed flagger);
    /// @notice The challenge period ended without an overturn: the application is Defaulted, its stake slashed.
    event ProductDefaulted(uint256 indexed productId, address indexed by);
    /// @notice The DAO overturned the flag: the application is Active and its escrow runs again.
    event FlagOverturned(uint256 indexed productId);
    event HaltedByGovernance(uint256 indexed productId);
    event ResumedByGovernance(uint256 indexed productId);
    event ShortfallBpsUpdated(uint256 oldBps, uint256 newBps);
    event ChallengePeriodUpdated(uint256 oldPeriod, uint256 newPeriod);

    error DefaultGuardInvalidAdmin();
    error DefaultGuardTooEarly(uint256 productId, uint256 windowStart, uint256 earliestStart);
    error DefaultGuardWindowIncomplete(uint256 productId, uint256 windowStart, uint256 windowEnd);
    error DefaultGuardWindowOutsideTerm(uint256 productId, uint256 windowStart, uint256 endDay);
    error DefaultGuardNothingMinted(uint256 productId);
    error DefaultGuardUnknownProduct(uint256 productId);
    error DefaultGuardNotInDefault(uint256 productId, uint256 windowStart);
    error DefaultGuardInDefault(uint256 productId, uint256 windowStart);
    error DefaultGuardInvalidShortfall(uint256 bps);
    error DefaultGuardInvalidChallengePeriod(uint256 period);
    error DefaultGuardNotFlaggable(uint256 productId, MinerRegistry.Status status);
    error DefaultGuardNotFlagged(uint256 productId);
    error DefaultGuardChallengeOpen(uint256 productId, uint256 challengeEndsAt);
    error DefaultGuardHalted(uint256 productId);

    constructor(
        address admin,
        HashrateNFT nft_,
        MinerRegistry registry_,
        RevenueEscrow escrow_,
        IYieldRecord yieldRecord_,
        IYieldOracle oracle_
    ) {
        if (admin == address(0)) revert DefaultGuardInvalidAdmin();
        nft = nft_;
        registry = registry_;
        escrow = escrow_;
        yieldRecord = yieldRecord_;
        oracle = oracle_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        emit ShortfallBpsUpdated(0, shortfallBps);
        emit ChallengePeriodUpdated(0, challengePeriod);
    }

    // ---------------------------------------------------------------- anyone

    /// @notice Flags a product in default over the window starting on UTC day `windowStart` (see the contract's
    /// rules). An Active application becomes Flagged and its escrow halts; its stake is slashed by {finalize} after
    /// the challenge period. A product already Flagged or Defaulted whose escrow the DAO resumed is halted again.
    /// Anyone may call.
    /// @dev Reverts as {check} does, {DefaultGuardUnknownProduct} for a product the registry did not create, and
    /// {DefaultGuardNotFlaggable} when there is nothing to do (already halted, Completed, Slashed). Emits
    /// {ProductFlagged} or {ProductHaltedAgain}.
    function flag(uint256 productId, uint256 windowStart) external returns (Reason reason) {
        reason = check(productId, windowStart);
        uint256 applicationId = registry.productApplication(productId);
        if (applicationId == 0) revert DefaultGuardUnknownProduct(productId);
        MinerRegistry.Status status = registry.statusOf(applicationId);
        bool halted = escrow.isHalted(productId);
        if (status == MinerRegistry.Status.Active) {
            FlagState storage f = _flags[productId];
            // forge-lint: disable-next-line(unsafe-typecast) -- unix seconds and day numbers fit
            (f.flaggedAt, f.windowStart) = (uint64(block.timestamp), uint32(windowStart));
            emit ProductFlagged(productId, windowStart, reason, msg.sender, block.timestamp + challengePeriod);
            // A product the DAO already halted is flagged all the same; its halt day stays the DAO's.
            if (!halted) escrow.halt(productId);
            registry.markFlagged(applicationId);
        } else if (
            !halted && (status == MinerRegistry.Status.Flagged || status == MinerRegistry.Status.Defaulted)
        ) {
            emit ProductHaltedAgain(productId, windowStart, reason, msg.sender);
            escrow.halt(productId);
        } else {
            revert DefaultGuardNotFlaggable(productId, status);
        }
    }

    /// @notice Slashes a flagged product's stake once its challenge period is over: the application becomes
    /// Defaulted (its stake goes to the insurance fund, holders may claim insurance). Anyone may call.
    /// @dev Reverts {DefaultGuardNotFlagged} unless the application is Flagged, {DefaultGuardChallengeOpen} before
    /// `flaggedAt + challengePeriod`. Emits {ProductDefaulted}.
    function finalize(uint256 productId) external {
        uint256 applicationId = registry.productApplication(productId);
        if (applicationId == 0) revert DefaultGuardUnknownProduct(productId);
        if (registry.statusOf(applicationId) != MinerRegistry.Status.Flagged) revert DefaultGuardNotFlagged(productId);
        uint256 endsAt = _flags[productId].flaggedAt + challengePeriod;
        // forge-lint: disable-next-line(block-timestamp) -- a period of days
        if (block.timestamp < endsAt) revert DefaultGuardChallengeOpen(productId, endsAt);
        _flags[productId].flaggedAt = 0;
        emit ProductDefaulted(productId, msg.sender);
        registry.markDefaulted(applicationId);
    }

    // ---------------------------------------------------------------- views

    /// @notice Why `productId` is in default over the window starting `windowStart`; reverts with the reason it is
    /// not ({DefaultGuardNotInDefault}) or why the window cannot be judged ({DefaultGuardTooEarly},
    /// {DefaultGuardWindowIncomplete}, {DefaultGuardWindowOutsideTerm}, {DefaultGuardNothingMinted}).
    function check(uint256 productId, uint256 windowStart) public view returns (Reason) {
        HashrateNFT.Product memory p = nft.product(productId);
        uint256 length = _checkWindow(productId, p, windowStart);
        (uint256 paid, uint256 owedScaled) = _sums(productId, p, windowStart, length);
        if (paid == 0 && owedScaled != 0) return Reason.Missed;
        if (paid * 1000 * BPS < owedScaled * shortfallBps) return Reason.Short;
        revert DefaultGuardNotInDefault(productId, windowStart);
    }

    /// @notice The window starting `windowStart`, day by day (paid, value and its source), with its totals. Reverts
    /// as {check} does when the window cannot be judged.
    function windowOf(uint256 productId, uint256 windowStart) external view returns (Window memory w) {
        HashrateNFT.Product memory p = nft.product(productId);
        uint256 length = _checkWindow(productId, p, windowStart);
        uint256 units = uint256(p.minted) * p.hashratePerNFT;
        w.start = windowStart;
        w.length = length;
        w.days_ = new Day[](length);
        (uint256 last, uint256 lastDay) = _lastValueBefore(p, windowStart);
        uint256 owedScaled;
        for (uint256 i; i < length; ++i) {
            uint256 day = windowStart + i;
            uint256 paid = yieldRecord.depositedOn(productId, day);
            (uint256 value, ValueSource source, uint256 median) = _value(p, day, last, lastDay);
            if (median != 0) (last, lastDay) = (median, day);
            w.days_[i] = Day(day, paid, value, source);
            w.paid += paid;
            owedScaled += value * units;
        }
        w.owed = owedScaled / 1000;
        w.missed = w.paid == 0 && owedScaled != 0;
        w.short_ = w.paid * 1000 * BPS < owedScaled * shortfallBps;
    }

    /// @notice The start of the latest window that can be judged now: the 7 complete days before today (or before
    /// the term's end, once it ended). Reverts {DefaultGuardTooEarly} when no window is complete yet.
    function latestWindow(uint256 productId) public view returns (uint256) {
        HashrateNFT.Product memory p = nft.product(productId);
        uint256 earliest = earliestWindowStart(productId);
        uint256 endDay = p.termEnd / 1 days;
        uint256 today = block.timestamp / 1 days;
        uint256 last = today < endDay ? today : endDay;
        uint256 span = endDay - earliest < WINDOW_DAYS ? endDay - earliest : WINDOW_DAYS;
        if (endDay <= earliest || last < earliest + span) revert DefaultGuardTooEarly(productId, last, earliest);
        return last - span;
    }

    /// @notice The first day the miner can pay for: the later of the term's first day and the day minting
    /// completed (or {MINT_GRACE_DAYS} after activation while minting is not complete).
    function firstPayableDay(uint256 productId) public view returns (uint256) {
        HashrateNFT.Product memory p = nft.product(productId);
        return _firstPayableDay(p);
    }

    /// @notice The first day a window may start: {firstPayableDay}, or the day of the last DAO overturn or resume
    /// when later.
    function earliestWindowStart(uint256 productId) public view returns (uint256) {
        uint256 first = firstPayableDay(productId);
        uint256 cleared = _flags[productId].clearedFrom;
        return cleared > first ? cleared : first;
    }

    /// @notice When the current flag of `productId` may be finalized (0 when it is not flagged now).
    function challengeEndsAt(uint256 productId) external view returns (uint256) {
        uint256 at = _flags[productId].flaggedAt;
        return at == 0 ? 0 : at + challengePeriod;
    }

    /// @notice The window the current flag named (meaningful while {challengeEndsAt} is non-zero).
    function flaggedWindow(uint256 productId) external view returns (uint256) {
        return _flags[productId].windowStart;
    }

    /// @notice The first day a window may start after the last DAO overturn or resume (0: none).
    function clearedFrom(uint256 productId) external view returns (uint256) {
        return _flags[productId].clearedFrom;
    }

    /// @notice Reverts unless the stake of `productId`'s miner may be released: its escrow is not halted
    /// ({DefaultGuardHalted}) and its last window, ending on the term's last day, is not in default
    /// ({DefaultGuardInDefault}). The registry calls it from `withdrawStake` (after the term ended).
    function checkStakeRelease(uint256 productId) external view {
        if (escrow.isHalted(productId)) revert DefaultGuardHalted(productId);
        HashrateNFT.Product memory p = nft.product(productId);
        uint256 earliest = earliestWindowStart(productId);
        uint256 endDay = p.termEnd / 1 days;
        if (endDay <= earliest || p.minted == 0) return; // nothing payable was left to check
        uint256 span = endDay - earliest < WINDOW_DAYS ? endDay - earliest : WINDOW_DAYS;
        uint256 start = endDay - span;
        (uint256 paid, uint256 owedScaled) = _sums(productId, p, start, span);
        if (paid * 1000 * BPS < owedScaled * shortfallBps) revert DefaultGuardInDefault(productId, start);
    }

    // ---------------------------------------------------------------- governance

    /// @notice Overturns the flag of a Flagged product by DAO vote: its application is Active again and its escrow
    /// resumes; windows must start from today on to flag it again. Only DEFAULT_ADMIN_ROLE. Emits {FlagOverturned}.
    function overturn(uint256 productId) external onlyRole(DEFAULT_ADMIN_ROLE) {
        uint256 applicationId = registry.productApplication(productId);
        if (registry.statusOf(applicationId) != MinerRegistry.Status.Flagged) revert DefaultGuardNotFlagged(productId);
        FlagState storage f = _flags[productId];
        f.flaggedAt = 0;
        // forge-lint: disable-next-line(unsafe-typecast) -- a day number
        f.clearedFrom = uint32(block.timestamp / 1 days);
        emit FlagOverturned(productId);
        registry.clearFlag(applicationId);
        if (escrow.isHalted(productId)) escrow.resume(productId);
    }

    /// @notice Halts a product's escrow by DAO vote (no slashing). Only DEFAULT_ADMIN_ROLE. Emits
    /// {HaltedByGovernance} (and the escrow's Halted).
    function haltByGovernance(uint256 productId) external onlyRole(DEFAULT_ADMIN_ROLE) {
        emit HaltedByGovernance(productId);
        escrow.halt(productId);
    }

    /// @notice Resumes a halted product's escrow by DAO vote; windows must start from today on to flag it again.
    /// Only DEFAULT_ADMIN_ROLE. The registry status is unchanged. Emits {ResumedByGovernance} (and the escrow's
    /// Resumed).
    function resumeByGovernance(uint256 productId) external onlyRole(DEFAULT_ADMIN_ROLE) {
        // forge-lint: disable-next-line(unsafe-typecast) -- a day number
        _flags[productId].clearedFrom = uint32(block.timestamp / 1 days);
        emit ResumedByGovernance(productId);
        escrow.resume(productId);
    }

    /// @notice Sets the shortfall threshold in basis points of what is owed, within
    /// [{MIN_SHORTFALL_BPS}, {MAX_SHORTFALL_BPS}]. Only DEFAULT_ADMIN_ROLE. Emits {ShortfallBpsUpdated}.
    function setShortfallBps(uint256 newBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newBps < MIN_SHORTFALL_BPS || newBps > MAX_SHORTFALL_BPS) revert DefaultGuardInvalidShortfall(newBps);
        emit ShortfallBpsUpdated(shortfallBps, newBps);
        shortfallBps = newBps;
    }

    /// @notice Sets the challenge period, within [{MIN_CHALLENGE_PERIOD}, {MAX_CHALLENGE_PERIOD}]; it should exceed
    /// the time a DAO vote takes. Applies to pending flags too. Only DEFAULT_ADMIN_ROLE. Emits
    /// {ChallengePeriodUpdated}.
    function setChallengePeriod(uint256 newPeriod) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newPeriod < MIN_CHALLENGE_PERIOD || newPeriod > MAX_CHALLENGE_PERIOD) {
            revert DefaultGuardInvalidChallengePeriod(newPeriod);
        }
        emit ChallengePeriodUpdated(challengePeriod, newPeriod);
        challengePeriod = newPeriod;
    }

    // ---------------------------------------------------------------- internal

    function _firstPayableDay(HashrateNFT.Product memory p) private pure returns (uint256) {
        uint256 termDay = p.termStart / 1 days;
        uint256 ready = p.mintedOutAt != 0 ? p.mintedOutAt / 1 days : p.createdAt / 1 days + MINT_GRACE_DAYS;
        return ready > termDay ? ready : termDay;
    }

    /// @dev Checks that the window starting `start` can be judged now and returns its length (7, or the whole
    /// payable period when that is shorter).
    function _checkWindow(uint256 productId, HashrateNFT.Product memory p, uint256 start)
        private
        view
        returns (uint256 length)
    {
        if (p.minted == 0) revert DefaultGuardNothingMinted(productId);
        uint256 first = _firstPayableDay(p);
        uint256 cleared = _flags[productId].clearedFrom;
        uint256 earliest = cleared > first ? cleared : first;
        if (start < earliest) revert DefaultGuardTooEarly(productId, start, earliest);
        uint256 endDay = p.termEnd / 1 days;
        if (start >= endDay) revert DefaultGuardWindowOutsideTerm(productId, start, endDay);
        length = endDay - earliest < WINDOW_DAYS ? endDay - earliest : WINDOW_DAYS;
        if (start + length > endDay) revert DefaultGuardWindowOutsideTerm(productId, start, endDay);
        if (start + length > block.timestamp / 1 days) {
            revert DefaultGuardWindowIncomplete(productId, start, start + length);
        }
    }

    /// @dev What was paid over `length` days from `start`, and `Σ value × units`.
    function _sums(uint256 productId, HashrateNFT.Product memory p, uint256 start, uint256 length)
        private
        view
        returns (uint256 paid, uint256 owedScaled)
    {
        uint256 units = uint256(p.minted) * p.hashratePerNFT;
        (uint256 last, uint256 lastDay) = _lastValueBefore(p, start);
        for (uint256 day = start; day < start + length; ++day) {
            paid += yieldRecord.depositedOn(productId, day);
            (uint256 value,, uint256 median) = _value(p, day, last, lastDay);
            if (median != 0) (last, lastDay) = (median, day);
            owedScaled += value * units;
        }
    }

    /// @dev The latest oracle value in the {CARRY_DAYS} days before `day`, and its day (0, 0 when none).
    function _lastValueBefore(HashrateNFT.Product memory p, uint256 day)
        private
        view
        returns (uint256 value, uint256 valueDay)
    {
        // forge-lint: disable-next-line(unsafe-typecast) -- an enum of two members
        uint8 coin = uint8(p.coin);
        uint256 from = day > CARRY_DAYS ? day - CARRY_DAYS : 0;
        for (uint256 d = day; d > from;) {
            --d;
            (uint256 median,) = oracle.averageOf(coin, d);
            if (median != 0) return (median, d);
        }
    }

    /// @dev The value of `day` given the latest oracle value before it (`last` on `lastDay`, 0 when none).
    function _value(HashrateNFT.Product memory p, uint256 day, uint256 last, uint256 lastDay)
        private
        view
        returns (uint256 value, ValueSource source, uint256 median)
    {
        // forge-lint: disable-next-line(unsafe-typecast) -- an enum of two members
        (median,) = oracle.averageOf(uint8(p.coin), day);
        if (median != 0) return (median, ValueSource.Oracle, median);
        if (last != 0 && day - lastDay <= CARRY_DAYS) return (last, ValueSource.Carried, 0);
        return (p.expectedDailyYieldPerUnit, ValueSource.Declared, 0);
    }
}
