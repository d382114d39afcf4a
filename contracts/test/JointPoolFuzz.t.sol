// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {JointPoolFixture} from "./utils/JointPoolFixture.sol";

/// @notice The pool against independent reference models: the 20 / 5 / 75 split of any yield among any holders,
/// and the pledge shared by dToken × time after random transfers, redemptions and repayments over the term.
contract JointPoolFuzzTest is JointPoolFixture {
    address[3] internal _who;

    function setUp() public override {
        super.setUp();
        _who = [alice, bob, carol];
    }

    function testFuzz_SplitMatchesReference(uint256 amount, uint256 a, uint256 b) public {
        amount = bound(amount, 1, 500e18);
        a = bound(a, 1, 98e18);
        b = bound(b, 1, CAP - a - 1);
        _deposit(alice, a);
        _deposit(bob, b);
        _deposit(carol, CAP - a - b);
        uint256 minerBefore = ifil.balanceOf(miner);
        _pay(amount);
        uint256 toMiner = amount * 2_000 / 10_000;
        uint256 toPlatform = amount * 500 / 10_000;
        uint256 toHolders = amount - toMiner - toPlatform;
        vm.assertEq(minerBefore - ifil.balanceOf(miner), amount - toMiner, "the miner keeps exactly 20% (rounded down)");
        vm.assertEq(pool.state().platformFees, toPlatform, "exactly 5% (rounded down)");
        uint256 sum;
        for (uint256 i; i < 3; ++i) {
            uint256 pending = pool.pendingYield(_who[i]);
            uint256 exact = toHolders * pool.balanceOf(_who[i]) / CAP;
            vm.assertLe(pending, exact, "never above its share");
            vm.assertLe(exact - pending, 1, "within a unit of its share");
            sum += pending;
        }
        vm.assertLe(sum, toHolders, "never more than the holders' 75%");
    }

    struct Ref {
        uint256[3] balance;
        uint256[3] ss;
        uint256[3] last;
    }

    function _accrue(Ref memory r, uint256 i, uint256 start, uint256 t) private pure {
        uint256 end = start + 540 days;
        uint256 from = r.last[i] > start ? r.last[i] : start;
        uint256 to = t < end ? t : end;
        if (to > from) r.ss[i] += r.balance[i] * (to - from);
        r.last[i] = t;
    }

    function testFuzz_CollateralMatchesDTokenTimesTime(uint256 seed) public {
        uint256 a = bound(uint256(keccak256(abi.encode(seed, "a"))), 1e18, 60e18);
        uint256 b = bound(uint256(keccak256(abi.encode(seed, "b"))), 1e18, 30e18);
        _deposit(alice, a);
        _deposit(bob, b);
        _deposit(carol, CAP - a - b);
        uint256 start = block.timestamp;
        Ref memory r;
        r.balance = [a, b, CAP - a - b];
        vm.prank(miner);
        pool.draw(90e18);
        uint256 returned;
        uint256 t = start;
        for (uint256 k; k < 12; ++k) {
            uint256 x = uint256(keccak256(abi.encode(seed, k)));
            t += bound(x, 0, 60 days);
            vm.warp(t);
            uint256 from = x % 3;
            uint256 to = (x >> 8) % 3;
            uint256 op = (x >> 16) % 3;
            if (op == 0 && r.balance[from] > 0) {
                uint256 amount = bound(x >> 32, 1, r.balance[from]);
                for (uint256 i; i < 3; ++i) _accrue(r, i, start, t);
                vm.prank(_who[from]);
                pool.transfer(_who[to], amount);
                r.balance[from] -= amount;
                r.balance[to] += amount;
            } else if (op == 1 && r.balance[from] > 0) {
                uint256 amount = bound(x >> 32, 1, r.balance[from]);
                for (uint256 i; i < 3; ++i) _accrue(r, i, start, t);
                vm.prank(_who[from]);
                pool.redeem(amount);
                r.balance[from] -= amount;
            } else {
                uint256 outstanding = pool.state().drawn;
                if (outstanding == 0) continue;
                uint256 amount = bound(x >> 32, 1, outstanding);
                vm.prank(miner);
                pool.repay(amount);
                returned += amount;
            }
        }
        t = start + 540 days + bound(seed, 0, 30 days);
        vm.warp(t);
        uint256 total;
        for (uint256 i; i < 3; ++i) {
            _accrue(r, i, start, t);
            vm.assertEq(pool.shareSecondsOf(_who[i]), r.ss[i], "dToken-seconds = the reference integral");
            total += r.ss[i];
        }
        vm.assertEq(pool.totalShareSeconds(), total, "total = the sum");
        uint256 paid;
        for (uint256 i; i < 3; ++i) {
            uint256 expected = total == 0 ? 0 : returned * r.ss[i] / total;
            vm.assertEq(pool.collateralOf(_who[i]), expected, "share = returned x ss / total, rounded down");
            if (expected != 0) {
                uint256 before = ifil.balanceOf(_who[i]);
                vm.prank(_who[i]);
                pool.claimCollateral();
                vm.assertEq(ifil.balanceOf(_who[i]) - before, expected, "paid exactly");
                paid += expected;
            }
        }
        vm.assertLe(returned - paid, 3, "at most a unit per claimant stays");
    }
}
