// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {VestingWallet} from "@openzeppelin/contracts/finance/VestingWallet.sol";

/// @title StepVestingWallet
/// @notice A vesting wallet that releases in steps instead of linearly: `initialBps` of the allocation vests at
/// `start`, the rest in `steps` equal parts, one after each full `stepSeconds`; all of it from `start +
/// stepSeconds * steps` (`end()`). Anyone may call `release(token)`; the tokens always go to the beneficiary (the
/// owner). Examples: the team's 10% (no initial part, 36 monthly steps of 30 days) and the private sale's 20%
/// (20% at launch, then 4 quarterly steps of 90 days).
/// @dev Extends OpenZeppelin's {VestingWallet}: only the schedule changes. Tokens held by this wallet cannot vote
/// (the wallet cannot delegate); they vote once released to the beneficiary and delegated.
contract StepVestingWallet is VestingWallet {
    uint256 public constant BPS = 10_000;

    uint64 private immutable _stepSeconds;
    uint64 private immutable _steps;
    uint16 private immutable _initialBps;

    error StepVestingInvalidStepSeconds();
    error StepVestingInvalidSteps();
    error StepVestingInvalidInitialBps(uint256 initialBps, uint256 maxBps);
    error StepVestingDurationOverflow(uint256 stepSeconds, uint256 steps);
    /// @notice Renouncing would leave no beneficiary: every later release would fail and the tokens stay locked.
    error StepVestingCannotRenounce();

    /// @param beneficiary receives the vested tokens (the wallet's owner; may transfer ownership).
    /// @param startTimestamp unix time of the initial part and the start of the first step.
    /// @param stepSeconds_ length of one step (> 0).
    /// @param steps_ number of equal steps after the initial part (> 0).
    /// @param initialBps_ part vested at `startTimestamp`, in basis points (<= 10,000).
    constructor(address beneficiary, uint64 startTimestamp, uint64 stepSeconds_, uint64 steps_, uint16 initialBps_)
        VestingWallet(beneficiary, startTimestamp, _duration(stepSeconds_, steps_))
    {
        if (initialBps_ > BPS) revert StepVestingInvalidInitialBps(initialBps_, BPS);
        _stepSeconds = stepSeconds_;
        _steps = steps_;
        _initialBps = initialBps_;
    }

    /// @notice Disabled: with no owner the vested tokens could never be released. Transfer ownership instead.
    function renounceOwnership() public view override onlyOwner {
        revert StepVestingCannotRenounce();
    }

    /// @notice Length of one step, in seconds.
    function stepSeconds() external view returns (uint256) {
        return _stepSeconds;
    }

    /// @notice Number of equal steps after the initial part.
    function steps() external view returns (uint256) {
        return _steps;
    }

    /// @notice Part of the allocation vested at `start`, in basis points.
    function initialBps() external view returns (uint256) {
        return _initialBps;
    }

    /// @dev 0 before `start`; `initialBps` of the total at `start`; plus one `steps`-th of the remainder per full
    /// `stepSeconds` elapsed; the total from `end()`. Monotonic in `timestamp` and never above `totalAllocation`.
    function _vestingSchedule(uint256 totalAllocation, uint64 timestamp) internal view override returns (uint256) {
        uint256 startTime = start();
        if (timestamp < startTime) return 0;
        if (timestamp >= end()) return totalAllocation;
        uint256 initial = totalAllocation * _initialBps / BPS;
        uint256 stepsElapsed = (timestamp - startTime) / _stepSeconds; // < _steps here
        return initial + (totalAllocation - initial) * stepsElapsed / _steps;
    }

    /// @dev Validates the step arguments before the base constructor stores `stepSeconds * steps` as the duration.
    function _duration(uint64 stepSeconds_, uint64 steps_) private pure returns (uint64) {
        if (stepSeconds_ == 0) revert StepVestingInvalidStepSeconds();
        if (steps_ == 0) revert StepVestingInvalidSteps();
        uint256 duration_ = uint256(stepSeconds_) * steps_;
        if (duration_ > type(uint64).max) revert StepVestingDurationOverflow(stepSeconds_, steps_);
        // forge-lint: disable-next-line(unsafe-typecast) -- checked just above
        return uint64(duration_);
    }
}
