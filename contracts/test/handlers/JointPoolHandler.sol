// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TestBase} from "../utils/Vm.sol";
import {JointPool} from "../../src/JointPool.sol";
import {IFIL} from "../../src/IFIL.sol";

/// @notice Drives one joint pool through its life: deposits until genesis ends, the miner's draws, repayments and
/// daily yield, holders' transfers, claims and redemptions, time across the 540-day term, collateral claims and fee
/// sweeps, and the guard halting, resuming and defaulting it at any point (in genesis too). Ghosts: every IFIL
/// that went in and out, by kind.
contract JointPoolHandler is TestBase {
    JointPool internal immutable pool;
    IFIL internal immutable ifil;
    address internal immutable miner;
    address[3] internal holders;

    uint256 public ghostDeposited;
    uint256 public ghostDrawn;
    uint256 public ghostRepaid;
    uint256 public ghostYieldKept; // what yield left in the pool: the payment less the miner's 20%
    uint256 public ghostRedeemed;
    uint256 public ghostYieldClaimed;
    uint256 public ghostCollateralClaimed;
    uint256 public ghostFeesSwept;

    constructor(JointPool pool_, IFIL ifil_, address miner_, address[3] memory holders_) {
        pool = pool_;
        ifil = ifil_;
        miner = miner_;
        holders = holders_;
    }

    function _holder(uint256 i) private view returns (address) {
        return holders[i % 3];
    }

    function _active() private view returns (bool) {
        return pool.status() == JointPool.Status.Active;
    }

    /// @dev The PoolGuard's three calls, made as the guard: halt (Active), then resume or default (Halted).
    function guardAct(uint256 action) external {
        JointPool.Status s = pool.status();
        address guard = pool.guard();
        if (s == JointPool.Status.Defaulted) return;
        vm.prank(guard);
        if (s == JointPool.Status.Active) pool.halt();
        else if (action % 2 == 0) pool.resume();
        else pool.markDefaulted();
    }

    function deposit(uint256 who, uint256 amount) external {
        if (pool.termEnd() != 0 || !_active()) return;
        uint256 room = pool.cap() - pool.state().deposited;
        amount = bound(amount, 1, room);
        vm.prank(_holder(who));
        pool.deposit(amount);
        ghostDeposited += amount;
    }

    function payYield(uint256 amount) external {
        if (pool.totalSupply() == 0) return;
        amount = bound(amount, 1, 5e18);
        uint256 before = ifil.balanceOf(miner);
        vm.prank(miner);
        pool.payYield(block.timestamp / 1 days, amount);
        ghostYieldKept += before - ifil.balanceOf(miner);
    }

    function draw(uint256 amount) external {
        if (!_active()) return;
        JointPool.State memory s = pool.state();
        if (s.termEnd != 0 && block.timestamp >= s.termEnd) return;
        uint256 available = s.liquid < s.cap - s.drawn ? s.liquid : s.cap - s.drawn;
        if (available == 0) return;
        amount = bound(amount, 1, available);
        vm.prank(miner);
        pool.draw(amount);
        ghostDrawn += amount;
    }

    function repay(uint256 amount) external {
        uint256 outstanding = pool.state().drawn;
        if (outstanding == 0) return;
        amount = bound(amount, 1, outstanding);
        vm.prank(miner);
        pool.repay(amount);
        ghostRepaid += amount;
    }

    function transfer(uint256 from, uint256 to, uint256 amount) external {
        uint256 balance = pool.balanceOf(_holder(from));
        if (balance == 0) return;
        amount = bound(amount, 1, balance);
        vm.prank(_holder(from));
        pool.transfer(_holder(to), amount);
    }

    function redeem(uint256 who, uint256 amount) external {
        if (pool.termEnd() == 0 && _active()) return;
        uint256 balance = pool.balanceOf(_holder(who));
        if (balance == 0) return;
        amount = bound(amount, 1, balance);
        vm.prank(_holder(who));
        ghostRedeemed += pool.redeem(amount);
    }

    function claimYield(uint256 who) external {
        if (pool.pendingYield(_holder(who)) == 0) return;
        vm.prank(_holder(who));
        ghostYieldClaimed += pool.claimYield();
    }

    function claimCollateral(uint256 who) external {
        if (pool.collateralOf(_holder(who)) == 0) return;
        vm.prank(_holder(who));
        ghostCollateralClaimed += pool.claimCollateral();
    }

    function sweepFees() external {
        uint256 fees = pool.state().platformFees;
        if (fees == 0) return;
        pool.sweepFees();
        ghostFeesSwept += fees;
    }

    function wait(uint256 secs) external {
        vm.warp(block.timestamp + bound(secs, 1, 90 days));
    }
}
