// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {MiningFixture} from "./utils/MiningFixture.sol";
import {DMCMining} from "../src/DMCMining.sol";
import {JointPool} from "../src/JointPool.sol";
import {JointPoolFactory} from "../src/JointPoolFactory.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice A joint pool's dToken staked in behaviour mining without leaving its holder: DMC mining locks it in place
/// (`addLockPool`), so the dToken's pool yield and its dToken-seconds (its share of the returned pledge) keep accruing
/// to the holder, not to the mining contract, while it earns DMC. And the attacks: moving or redeeming locked dToken,
/// a second wallet unstaking or unlocking another's, staking more than one holds, anyone but mining locking.
/// The pool: 4 TiB, cap 100 IFIL, filled by alice (60) and bob (40), so its mining period runs; it shares the
/// behaviour program half and half with the NFT pool.
contract DMCMiningDTokenTest is MiningFixture {
    JointPoolFactory internal factory;
    JointPool internal jpool;
    uint256 internal dpid;
    address internal poolMiner = address(0x111E);
    address internal platform = address(0x9F);
    address internal poolGuard = address(0x6A2D);

    function setUp() public override {
        super.setUp();
        factory = new JointPoolFactory(admin, IERC20(address(ifil)), platform, poolGuard, address(mining), 25e18);
        vm.prank(admin);
        jpool = factory.open(poolMiner, 4_000);
        address[3] memory who = [alice, bob, poolMiner];
        for (uint256 i; i < who.length; ++i) {
            vm.deal(who[i], 1_000e18);
            vm.startPrank(who[i]);
            ifil.deposit{value: 1_000e18}();
            ifil.approve(address(jpool), type(uint256).max);
            vm.stopPrank();
        }
        vm.prank(alice);
        jpool.deposit(60e18);
        vm.prank(bob);
        jpool.deposit(40e18); // genesis ends: the mining period starts
        vm.prank(admin);
        dpid = mining.addLockPool(address(jpool), DMCMining.Program.Behaviour, 1);
        vm.warp(START + 1);
    }

    function _stakeD(address who, uint256 amount) internal {
        vm.prank(who);
        mining.stake(dpid, amount);
    }

    function test_StakesDTokenInPlaceWithoutAnApproval() public {
        vm.assertEq(jpool.allowance(alice, address(mining)), 0, "no approval");
        _stakeD(alice, 50e18);
        vm.assertEq(jpool.balanceOf(alice), 60e18, "the dToken stays with its holder");
        vm.assertEq(jpool.lockedOf(alice), 50e18, "locked in place");
        vm.assertEq(jpool.balanceOf(address(mining)), 0, "mining holds none");
        (uint256 staked,) = mining.positionOf(dpid, alice);
        vm.assertEq(staked, 50e18, "staked");
        DMCMining.PoolView memory v = mining.pool(dpid);
        vm.assertTrue(v.locks, "a lock pool");
        vm.assertEq(uint256(v.program), uint256(DMCMining.Program.Behaviour), "behaviour mining");
    }

    /// The custodial way would have sent the dToken's yield and pledge share to the mining contract, where nobody
    /// could claim them. Locked in place, they stay the holder's.
    function test_StakedDTokenKeepsItsYieldAndItsTimeForItsHolder() public {
        _stakeD(alice, 60e18);
        vm.warp(block.timestamp + 1 days);
        vm.prank(poolMiner);
        jpool.payYield(block.timestamp / 1 days, 10e18); // 75% to holders: alice 60%
        uint256 before = ifil.balanceOf(alice);
        vm.prank(alice);
        jpool.claimYield();
        vm.assertEq(ifil.balanceOf(alice) - before, 4.5e18, "alice's yield, staked or not");
        vm.assertEq(jpool.shareSecondsOf(alice) * 2, jpool.shareSecondsOf(bob) * 3, "dToken-seconds 60:40");
        vm.assertEq(jpool.shareSecondsOf(address(mining)), 0, "none stranded with mining");
    }

    function test_EarnsDmcAndUnstakingUnlocks() public {
        _stakeD(alice, 60e18);
        vm.warp(block.timestamp + 1 days);
        uint256 pending = _pending(alice, dpid);
        vm.assertGt(pending, 0, "DMC accrues");
        vm.assertEq(_claim(alice, dpid), pending, "claims what was pending");
        vm.prank(alice);
        mining.unstake(dpid, 60e18);
        vm.assertEq(jpool.lockedOf(alice), 0, "unlocked");
        vm.prank(alice);
        jpool.redeem(60e18); // free to redeem again
        vm.assertEq(jpool.balanceOf(alice), 0, "redeemed");
    }

    function test_Attack_LockedDTokenCannotMoveOrBeRedeemed() public {
        _stakeD(alice, 50e18);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(JointPool.JointPoolLockedBalance.selector, alice, 10e18, 20e18));
        jpool.transfer(carol, 20e18);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(JointPool.JointPoolLockedBalance.selector, alice, 10e18, 20e18));
        jpool.redeem(20e18);
        vm.prank(alice);
        jpool.approve(carol, type(uint256).max);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(JointPool.JointPoolLockedBalance.selector, alice, 10e18, 11e18));
        jpool.transferFrom(alice, carol, 11e18);
        vm.prank(alice);
        jpool.transfer(carol, 10e18); // the free part moves
        vm.assertEq(jpool.balanceOf(alice), 50e18, "only the locked part is left");
    }

    function test_Attack_ASecondWalletCannotUnstakeUnlockOrLockAnothersDToken() public {
        _stakeD(alice, 50e18);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(DMCMining.DMCMiningInsufficientStake.selector, dpid, 0, 1));
        mining.unstake(dpid, 1);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(JointPool.JointPoolNotLocker.selector, carol));
        jpool.unlock(alice, 50e18);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(JointPool.JointPoolNotLocker.selector, carol));
        jpool.lock(bob, 40e18);
        vm.prank(poolMiner);
        vm.expectRevert(abi.encodeWithSelector(JointPool.JointPoolNotLocker.selector, poolMiner));
        jpool.lock(bob, 40e18);
    }

    /// One holder cannot stake the same dToken twice, nor stake it, move it and stake it again from a second wallet.
    function test_Attack_NoStakeBeyondTheFreeBalance() public {
        _stakeD(alice, 60e18);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(JointPool.JointPoolLockedBalance.selector, alice, 0, 1));
        mining.stake(dpid, 1);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(JointPool.JointPoolLockedBalance.selector, carol, 0, 1e18));
        mining.stake(dpid, 1e18);
        (, uint256 totalWeight) = (0, mining.pool(dpid).totalWeight);
        vm.assertEq(totalWeight, 60e18, "staked weight = the dToken locked");
    }

    /// A pool its default rules halted stops mining, as a halted product's NFTs do: no new stake, and anyone takes the
    /// stakes out (the dToken is unlocked in its holders' wallets, with what it earned until then). An active pool's
    /// stakes cannot be evicted.
    function test_Attack_AHaltedPoolStopsMiningAndAnyoneEvictsItsStakes() public {
        _stakeD(alice, 60e18);
        _stakeD(bob, 10e18);
        address[] memory who = new address[](3);
        (who[0], who[1], who[2]) = (alice, bob, carol);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(DMCMining.DMCMiningPoolActive.selector, dpid));
        mining.evictLocked(dpid, who);

        vm.warp(block.timestamp + 1 days);
        vm.prank(poolGuard);
        jpool.halt();
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(DMCMining.DMCMiningPoolNotActive.selector, dpid));
        mining.stake(dpid, 1e18);
        uint256 earned = _pending(alice, dpid);
        vm.assertGt(earned, 0, "alice earned before the halt");

        vm.expectEmit(address(mining));
        emit DMCMining.LockedEvicted(dpid, alice, 60e18, carol);
        vm.prank(carol);
        mining.evictLocked(dpid, who); // carol has no stake: skipped
        vm.assertEq(jpool.lockedOf(alice), 0, "alice unlocked");
        vm.assertEq(jpool.lockedOf(bob), 0, "bob unlocked");
        vm.assertEq(mining.pool(dpid).totalWeight, 0, "nothing mines");
        vm.assertEq(_pending(alice, dpid), earned, "she keeps what it earned");
        vm.prank(alice);
        jpool.redeem(60e18); // a halted pool lets holders out, with no fee
        vm.assertEq(jpool.balanceOf(alice), 0, "redeemed");
    }

    function test_EvictLockedRefusesAPoolThatDoesNotLock() public {
        address[] memory who = new address[](1);
        who[0] = alice;
        vm.expectRevert(abi.encodeWithSelector(DMCMining.DMCMiningWrongPoolKind.selector, LP_POOL));
        mining.evictLocked(LP_POOL, who);
    }

    /// Any sequence of stakes, unstakes and transfers keeps each holder's locked dToken equal to its stake and never
    /// above its balance.
    function testFuzz_LockedAlwaysEqualsStaked(uint8[12] memory ops, uint64[12] memory amounts) public {
        address[2] memory who = [alice, bob];
        for (uint256 i; i < ops.length; ++i) {
            address w = who[ops[i] % 2];
            address other = who[(uint256(ops[i]) + 1) % 2];
            uint256 bal = jpool.balanceOf(w);
            uint256 locked = jpool.lockedOf(w);
            uint256 op = (ops[i] >> 1) % 3;
            if (op == 0 && bal > locked) {
                _stakeD(w, 1 + uint256(amounts[i]) % (bal - locked));
            } else if (op == 1 && locked != 0) {
                vm.prank(w);
                mining.unstake(dpid, 1 + uint256(amounts[i]) % locked);
            } else if (op == 2 && bal > locked) {
                vm.prank(w);
                jpool.transfer(other, 1 + uint256(amounts[i]) % (bal - locked));
            }
            vm.warp(block.timestamp + 1 hours);
        }
        uint256 total;
        for (uint256 j; j < 2; ++j) {
            (uint256 staked,) = mining.positionOf(dpid, who[j]);
            vm.assertEq(jpool.lockedOf(who[j]), staked, "locked = staked");
            vm.assertLe(staked, jpool.balanceOf(who[j]), "never above the balance");
            total += staked;
        }
        vm.assertEq(mining.pool(dpid).totalWeight, total, "pool weight = the stakes");
        vm.assertEq(jpool.balanceOf(address(mining)), 0, "mining never holds dToken");
    }
}
