// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {JointPoolFixture} from "./utils/JointPoolFixture.sol";

/// @notice Records the joint pool's gas into snapshots/Pool.json (execution gas, every contract cooled first) and
/// holds the issue's goals: `deposit` ≤ 70,000 and `redeem` ≤ 90,000 (anchor: Lido's `submit`, about 80,000 with
/// the transaction base). Steady state: the depositor already holds dToken and the pool already holds IFIL;
/// `deposit_newHolder` is a first deposit (a fresh account word). `redeem` is after genesis, with yield owed.
contract JointPoolGasTest is JointPoolFixture {
    function setUp() public override {
        super.setUp();
        _deposit(alice, 10e18);
        _deposit(bob, 10e18);
    }

    function _cool() internal {
        vm.cool(address(pool));
        vm.cool(address(ifil));
    }

    function test_Gas_DepositAndRedeem() public {
        _cool();
        vm.prank(alice);
        pool.deposit(5e18);
        uint256 deposit = vm.snapshotGasLastCall("Pool", "deposit");

        _cool();
        vm.prank(carol);
        pool.deposit(5e18);
        vm.snapshotGasLastCall("Pool", "deposit_newHolder");

        _deposit(carol, 70e18); // genesis ends
        _pay(10e18);
        vm.warp(block.timestamp + 1 days);
        _cool();
        vm.prank(alice);
        uint256 paid = pool.redeem(5e18);
        uint256 redeem = vm.snapshotGasLastCall("Pool", "redeem");
        vm.assertGt(paid, 5e18, "principal and yield");

        _pay(10e18);
        _cool();
        vm.prank(miner);
        pool.payYield(block.timestamp / 1 days, 10e18);
        vm.snapshotGasLastCall("Pool", "payYield");

        vm.assertLe(deposit, 70_000, "deposit gas goal");
        vm.assertLe(redeem, 90_000, "redeem gas goal");
    }
}
