// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {MiningFixture} from "./utils/MiningFixture.sol";
import {PromotionNodes, INodeStake} from "../src/PromotionNodes.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Promotion nodes on the real DMC mining: levels held by DMC staked in the DMC pool (so nodes earn
/// staking-mining DMC), recruiting, commissions and overrides credited by the marketplace (this test contract
/// stands in for it, with a `withdrawFees` that sends the commissions), claims, and the attacks on them.
contract PromotionNodesTest is MiningFixture {
    PromotionNodes internal nodes;
    address internal main = address(0x3A1);
    address internal light = address(0x119);
    address internal stranger = address(0x5757);
    uint256 internal pendingToSend;

    function setUp() public override {
        super.setUp();
        vm.warp(START);
        nodes = new PromotionNodes(admin, IERC20(address(usdt)), INodeStake(address(mining)), DMC_POOL, 2_000, 500);
        vm.prank(admin);
        nodes.setMarketplace(address(this));
    }

    /// @dev The marketplace's fee withdrawal: the credited commissions arrive.
    function withdrawFees() external {
        usdt.mint(address(nodes), pendingToSend);
        pendingToSend = 0;
    }

    function _credit(address referrer, uint256 fee, uint256 tokenId) internal returns (uint256 total) {
        total = nodes.credit(referrer, fee, tokenId);
        pendingToSend += total;
    }

    function _mainAndLight() internal {
        _stake(main, DMC_POOL, 20_000e18);
        vm.prank(main);
        nodes.join(address(0));
        _stake(light, DMC_POOL, 2_000e18);
        vm.prank(light);
        nodes.join(main);
    }

    function test_LevelsNeedTheirStakeInDmcMining() public {
        vm.expectRevert(abi.encodeWithSelector(PromotionNodes.PromotionNodesStakeTooLow.selector, main, 0, 20_000e18));
        vm.prank(main);
        nodes.join(address(0));
        _stake(main, DMC_POOL, 19_999e18);
        vm.expectRevert(abi.encodeWithSelector(PromotionNodes.PromotionNodesStakeTooLow.selector, main, 19_999e18, 20_000e18));
        vm.prank(main);
        nodes.join(address(0));
        _stake(main, DMC_POOL, 1e18);
        vm.prank(main);
        nodes.join(address(0));
        (PromotionNodes.Level level,, uint256 recruits, bool active) = nodes.nodeOf(main);
        vm.assertEq(uint256(level), uint256(PromotionNodes.Level.Main), "main node");
        vm.assertTrue(active, "active");
        vm.assertEq(recruits, 0, "no recruits yet");
        // the stake mines DMC like any other
        vm.warp(block.timestamp + 1 days);
        vm.assertGt(_claim(main, DMC_POOL), 0, "a node earns staking-mining DMC on its stake");
    }

    function test_LightNodesJoinUnderAnActiveMainNode() public {
        _mainAndLight();
        (PromotionNodes.Level level, address recruiter,,) = nodes.nodeOf(light);
        vm.assertEq(uint256(level), uint256(PromotionNodes.Level.Light), "light");
        vm.assertEq(recruiter, main, "recruited by main");
        (,, uint256 recruits,) = nodes.nodeOf(main);
        vm.assertEq(recruits, 1, "one recruit");
        _stake(stranger, DMC_POOL, 2_000e18);
        vm.expectRevert(abi.encodeWithSelector(PromotionNodes.PromotionNodesNotMainNode.selector, light));
        vm.prank(stranger);
        nodes.join(light); // a light node recruits nobody
        vm.expectRevert(abi.encodeWithSelector(PromotionNodes.PromotionNodesAlreadyNode.selector, main));
        vm.prank(main);
        nodes.join(address(0));
    }

    function test_CommissionAndOverrideOutOfTheFee() public {
        _mainAndLight();
        vm.assertEq(_credit(main, 1_000e6, 7), 200e6, "20% of the fee to a main node's own sale");
        vm.assertEq(_credit(light, 1_000e6, 8), 200e6 + 50e6, "20% to the light node, 5% override to its main node");
        vm.assertEq(nodes.owed(main), 250e6, "main: own commission + override");
        vm.assertEq(nodes.owed(light), 200e6, "light");
        vm.assertEq(_credit(stranger, 1_000e6, 9), 0, "not a node: nothing");
        uint256 before = usdt.balanceOf(main);
        vm.prank(main);
        nodes.claim(); // too little held: the claim withdraws the marketplace's fees first
        vm.assertEq(usdt.balanceOf(main) - before, 250e6, "paid exactly");
        vm.prank(light);
        nodes.claim();
        vm.assertEq(usdt.balanceOf(address(nodes)), 0, "every commission paid, nothing left");
        vm.expectRevert(PromotionNodes.PromotionNodesNothingToClaim.selector);
        vm.prank(light);
        nodes.claim();
    }

    /// A node that takes its stake out earns nothing on later sales (the stake is checked at each sale), and its
    /// light nodes' sales pay it no override; the commission it already earned stays claimable.
    function test_Attack_UnstakedNodeEarnsNothing() public {
        _mainAndLight();
        _credit(main, 1_000e6, 1);
        vm.prank(main);
        mining.unstake(DMC_POOL, 1e18);
        vm.assertEq(_credit(main, 1_000e6, 2), 0, "below 20,000 DMC: no commission");
        vm.assertEq(_credit(light, 1_000e6, 3), 200e6, "the light node still earns, without an override");
        vm.assertEq(nodes.owed(main), 200e6, "only what it earned while active");
    }

    function test_Attack_OnlyTheMarketplaceCredits() public {
        _mainAndLight();
        vm.expectRevert(abi.encodeWithSelector(PromotionNodes.PromotionNodesNotMarketplace.selector, main));
        vm.prank(main);
        nodes.credit(main, 1_000e6, 1);
        vm.expectRevert(PromotionNodes.PromotionNodesMarketplaceSet.selector);
        vm.prank(admin);
        nodes.setMarketplace(main);
    }

    function test_SharesAreBounded() public {
        vm.expectRevert(abi.encodeWithSelector(PromotionNodes.PromotionNodesSharesTooHigh.selector, 5_001, 5_000));
        vm.prank(admin);
        nodes.setShares(4_000, 1_001);
        vm.prank(admin);
        nodes.setShares(3_000, 1_000);
        vm.assertEq(nodes.commissionBps(), 3_000, "commission");
    }

    function testFuzz_CommissionsNeverExceedTheFeeAndAllArePaid(uint96 fee1, uint96 fee2, uint16 c, uint16 o) public {
        c = uint16(bound(c, 0, 5_000));
        o = uint16(bound(o, 0, 5_000 - c));
        vm.prank(admin);
        nodes.setShares(c, o);
        _mainAndLight();
        uint256 t1 = _credit(main, fee1, 1);
        uint256 t2 = _credit(light, fee2, 2);
        vm.assertLe(t1, fee1, "within the fee");
        vm.assertLe(t2, fee2, "within the fee");
        vm.assertEq(nodes.totalOwed(), t1 + t2, "owed = credited");
        if (nodes.owed(main) != 0) {
            vm.prank(main);
            nodes.claim();
        }
        if (nodes.owed(light) != 0) {
            vm.prank(light);
            nodes.claim();
        }
        vm.assertEq(usdt.balanceOf(main) + usdt.balanceOf(light), t1 + t2, "paid exactly what was credited");
        vm.assertEq(usdt.balanceOf(address(nodes)), 0, "nothing stuck");
    }
}
