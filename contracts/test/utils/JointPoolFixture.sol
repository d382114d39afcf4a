// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TestBase} from "./Vm.sol";
import {IFIL} from "../../src/IFIL.sol";
import {JointPool} from "../../src/JointPool.sol";
import {JointPoolFactory} from "../../src/JointPoolFactory.sol";
import {PoolGuard, IDefaultRules} from "../../src/PoolGuard.sol";
import {MockYieldOracle} from "../mocks/MockYieldOracle.sol";

/// @notice TEST ONLY. The default guard's two numbers, settable.
contract RulesStub is IDefaultRules {
    uint256 public shortfallBps = 8_000;
    uint256 public challengePeriod = 14 days;

    function set(uint256 bps, uint256 period) external {
        (shortfallBps, challengePeriod) = (bps, period);
    }
}

/// @notice The real IFIL (native: it wraps the test chain's coin), the factory (admin: `admin`, platform fees to
/// `platform`, 25 FIL per TiB), and `miner`'s pool opened for 4 TiB: a cap of 100 IFIL. alice, bob and carol hold
/// 1,000 IFIL each and approved the pool; the miner holds 1,000 IFIL for yield and repayments. The pools obey a
/// real PoolGuard (admin: `admin`) over a mock oracle and the default rules' numbers (80%, 14 days).
abstract contract JointPoolFixture is TestBase {
    IFIL internal ifil;
    JointPoolFactory internal factory;
    JointPool internal pool;
    PoolGuard internal guard;
    MockYieldOracle internal oracle;
    RulesStub internal rules;

    address internal admin = address(0xAD);
    address internal platform = address(0x9F);
    address internal miner = address(0x111E);
    address internal alice = address(0xA11CE);
    address internal bob = address(0xB0B);
    address internal carol = address(0xCA201);
    /// @dev The factory's locker (DMC mining in the deployment): the only caller of `lock` / `unlock`.
    address internal locker = address(0x10C4);

    uint256 internal constant CAP = 100e18;
    uint256 internal constant TERM = 540 days;

    function setUp() public virtual {
        vm.warp(1_750_000_000);
        ifil = new IFIL(admin, 0);
        oracle = new MockYieldOracle();
        rules = new RulesStub();
        address predicted = vm.computeCreateAddress(address(this), vm.getNonce(address(this)) + 1);
        guard = new PoolGuard(admin, JointPoolFactory(predicted), oracle, rules);
        factory = new JointPoolFactory(admin, ifil, platform, address(guard), locker, 25e18);
        require(address(factory) == predicted, "factory address");
        vm.prank(admin);
        pool = factory.open(miner, 4_000);
        address[4] memory who = [alice, bob, carol, miner];
        for (uint256 i; i < who.length; ++i) {
            vm.deal(who[i], 1_000e18);
            vm.startPrank(who[i]);
            ifil.deposit{value: 1_000e18}();
            ifil.approve(address(pool), type(uint256).max);
            vm.stopPrank();
        }
    }

    function _deposit(address who, uint256 amount) internal {
        vm.prank(who);
        pool.deposit(amount);
    }

    /// @dev alice 60, bob 40: genesis ends now.
    function _fill() internal {
        _deposit(alice, 60e18);
        _deposit(bob, 40e18);
    }

    function _pay(uint256 amount) internal {
        vm.prank(miner);
        pool.payYield(block.timestamp / 1 days, amount);
    }
}
