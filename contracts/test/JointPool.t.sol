// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {JointPoolFixture} from "./utils/JointPoolFixture.sol";
import {JointPool} from "../src/JointPool.sol";
import {JointPoolFactory} from "../src/JointPoolFactory.sol";
import {FeeOnTransferToken} from "./mocks/FeeOnTransferToken.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice The joint mining pool: genesis up to power × 25 FIL, the miner's draw and repayment, the 20/5/75 yield
/// split, redemption with its 0.2% fee, the pledge shared by dToken × time after 540 days, and the attacks on them.
contract JointPoolTest is JointPoolFixture {
    // ------------------------------------------------------------ genesis

    function test_GenesisMintsOneForOneUpToTheCapAndEndsThere() public {
        vm.assertEq(pool.cap(), CAP, "4 TiB x 25 FIL");
        _deposit(alice, 60e18);
        vm.assertEq(pool.balanceOf(alice), 60e18, "1 dToken per IFIL");
        vm.assertEq(pool.termEnd(), 0, "still genesis");
        vm.expectRevert(abi.encodeWithSelector(JointPool.JointPoolCapExceeded.selector, 41e18, 40e18));
        _deposit(bob, 41e18);
        vm.expectEmit(false, false, false, true, address(pool));
        emit JointPool.GenesisEnded(CAP, block.timestamp + TERM);
        _deposit(bob, 40e18);
        vm.assertEq(pool.termEnd(), block.timestamp + TERM, "the 540-day mining period starts");
        vm.expectRevert(JointPool.JointPoolGenesisOver.selector);
        _deposit(carol, 1);
        vm.assertEq(ifil.balanceOf(address(pool)), CAP, "held");
    }

    function test_NoRedemptionInGenesis() public {
        _deposit(alice, 10e18);
        vm.expectRevert(JointPool.JointPoolInGenesis.selector);
        vm.prank(alice);
        pool.redeem(1e18);
    }

    function test_LaterProjectsRaiseTheCapDuringGenesisOnly() public {
        _deposit(alice, 50e18);
        vm.prank(admin);
        factory.addPower(miner, 2_000); // +2 TiB
        vm.assertEq(pool.cap(), 150e18, "6 TiB x 25");
        _deposit(bob, 100e18);
        vm.expectRevert(JointPool.JointPoolGenesisOver.selector);
        vm.prank(admin);
        factory.addPower(miner, 1_000);
    }

    function test_OnePoolPerMinerOpenedByTheAdminOnly() public {
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(JointPoolFactory.JointPoolFactoryPoolExists.selector, miner, address(pool)));
        factory.open(miner, 1_000);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, factory.DEFAULT_ADMIN_ROLE())
        );
        vm.prank(alice);
        factory.open(alice, 1_000);
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(JointPoolFactory.JointPoolFactoryInvalidPledge.selector, 1_001e18, 1_000e18));
        factory.setPledgePerTiB(1_001e18);
    }

    // ------------------------------------------------------------ the miner's draw and repayment

    function test_MinerDrawsUpToTheLiquidPrincipalAndTheCap() public {
        _deposit(alice, 30e18);
        vm.expectRevert(abi.encodeWithSelector(JointPool.JointPoolDrawTooLarge.selector, 31e18, 30e18));
        vm.prank(miner);
        pool.draw(31e18);
        uint256 before = ifil.balanceOf(miner);
        vm.prank(miner);
        pool.draw(30e18);
        vm.assertEq(ifil.balanceOf(miner) - before, 30e18, "drawn to the miner");
        JointPool.State memory s = pool.state();
        vm.assertEq(s.drawn, 30e18, "outstanding");
        vm.assertEq(s.liquid, 0, "nothing liquid");
        vm.prank(miner);
        pool.repay(10e18);
        vm.assertEq(pool.state().drawn, 20e18, "repaid part");
        vm.assertEq(pool.state().returned, 10e18, "returned, for the end of the term");
        vm.expectRevert(abi.encodeWithSelector(JointPool.JointPoolRepayTooLarge.selector, 21e18, 20e18));
        vm.prank(miner);
        pool.repay(21e18);
    }

    function test_NoDrawAfterTheTerm() public {
        _fill();
        vm.warp(block.timestamp + TERM);
        vm.expectRevert(abi.encodeWithSelector(JointPool.JointPoolTermOver.selector, block.timestamp));
        vm.prank(miner);
        pool.draw(1e18);
    }

    // ------------------------------------------------------------ yield

    function test_YieldSplitsTwentyFiveSeventyFiveAndSharesPerDToken() public {
        _fill();
        uint256 minerBefore = ifil.balanceOf(miner);
        vm.expectEmit(true, false, false, true, address(pool));
        emit JointPool.YieldPaid(block.timestamp / 1 days, 10e18, 2e18, 0.5e18, 7.5e18);
        _pay(10e18);
        vm.assertEq(minerBefore - ifil.balanceOf(miner), 8e18, "the miner keeps its 20%");
        vm.assertEq(pool.state().platformFees, 0.5e18, "5% to the platform");
        vm.assertEq(pool.pendingYield(alice), 4.5e18, "60% of 7.5");
        vm.assertEq(pool.pendingYield(bob), 3e18, "40% of 7.5");
        uint256 before = ifil.balanceOf(alice);
        vm.prank(alice);
        pool.claimYield();
        vm.assertEq(ifil.balanceOf(alice) - before, 4.5e18, "claimed");
        vm.prank(platform);
        pool.sweepFees();
        vm.assertEq(ifil.balanceOf(platform), 0.5e18, "swept");
    }

    function test_GenesisYieldGoesToTheDepositorsSoFar() public {
        _deposit(alice, 10e18);
        _pay(4e18);
        vm.assertEq(pool.pendingYield(alice), 3e18, "75% of it, to the only depositor");
        _deposit(bob, 10e18);
        vm.assertEq(pool.pendingYield(bob), 0, "a later depositor earns from its deposit on");
    }

    function test_YieldRefusesAFutureDayAnEmptyPoolAndOthers() public {
        vm.expectRevert(JointPool.JointPoolNoHolders.selector);
        _pay(1e18);
        _deposit(alice, 1e18);
        uint256 today = block.timestamp / 1 days;
        vm.expectRevert(abi.encodeWithSelector(JointPool.JointPoolFutureDay.selector, today + 1, today));
        vm.prank(miner);
        pool.payYield(today + 1, 1e18);
        vm.expectRevert(abi.encodeWithSelector(JointPool.JointPoolNotMiner.selector, alice));
        vm.prank(alice);
        pool.payYield(today, 1e18);
    }

    // ------------------------------------------------------------ redeem

    function test_RedeemPaysLiquidShareAndYieldLessTheFee() public {
        _fill();
        vm.prank(miner);
        pool.draw(80e18); // 20 liquid
        _pay(10e18); // alice is owed 4.5
        uint256 before = ifil.balanceOf(alice);
        vm.prank(alice);
        uint256 paid = pool.redeem(30e18); // half her dToken: 30% of the 20 liquid
        uint256 gross = 6e18 + 4.5e18;
        uint256 fee = gross * 20 / 10_000;
        vm.assertEq(paid, gross - fee, "principal share + all her yield - 0.2%");
        vm.assertEq(ifil.balanceOf(alice) - before, paid, "paid");
        vm.assertEq(pool.state().platformFees, 0.5e18 + fee, "the fee");
        vm.assertEq(pool.balanceOf(alice), 30e18, "the rest stays");
        vm.assertEq(pool.state().liquid, 14e18, "liquid left");
    }

    function test_LastHolderTakesAllLiquid() public {
        _deposit(alice, 100e18);
        vm.prank(miner);
        pool.draw(33e18);
        vm.prank(alice);
        pool.redeem(100e18);
        vm.assertEq(pool.state().liquid, 0, "nothing left behind");
    }

    // ------------------------------------------------------------ collateral by dToken x time

    function test_CollateralIsSharedByDTokenTimesTime() public {
        _fill(); // alice 60, bob 40, genesis ends now
        uint256 start = block.timestamp;
        vm.prank(miner);
        pool.draw(80e18);
        vm.warp(start + TERM / 2);
        vm.prank(alice);
        pool.redeem(60e18); // she leaves at half-term with her share of the 20 liquid
        vm.warp(start + TERM);
        vm.prank(miner);
        pool.repay(80e18);
        uint256 aliceSs = 60e18 * (TERM / 2);
        uint256 bobSs = 40e18 * TERM;
        vm.assertEq(pool.shareSecondsOf(alice), aliceSs, "alice's dToken-seconds");
        vm.assertEq(pool.shareSecondsOf(bob), bobSs, "bob's");
        vm.assertEq(pool.totalShareSeconds(), aliceSs + bobSs, "total = sum");
        uint256 a = pool.collateralOf(alice);
        uint256 b = pool.collateralOf(bob);
        vm.assertEq(a, 80e18 * aliceSs / (aliceSs + bobSs), "alice 3/7 of 80");
        vm.assertEq(b, 80e18 * bobSs / (aliceSs + bobSs), "bob 4/7 of 80");
        vm.assertLe(80e18 - a - b, 1, "at most a unit per claimant left");
        vm.prank(alice);
        pool.claimCollateral();
        vm.prank(bob);
        pool.claimCollateral();
        vm.assertEq(pool.collateralOf(bob), 0, "claimed once");
        vm.expectRevert(JointPool.JointPoolNothingToClaim.selector);
        vm.prank(bob);
        pool.claimCollateral();
    }

    function test_AHolderToTheEndGetsExactlyItsPrincipalBack() public {
        _deposit(alice, 100e18);
        vm.prank(miner);
        pool.draw(100e18);
        vm.warp(block.timestamp + TERM);
        vm.prank(miner);
        pool.repay(100e18);
        uint256 before = ifil.balanceOf(alice);
        vm.prank(alice);
        pool.claimCollateral();
        vm.assertEq(ifil.balanceOf(alice) - before, 100e18, "the whole pledge");
    }

    function test_NoCollateralBeforeTheEnd() public {
        _fill();
        vm.prank(miner);
        pool.draw(50e18);
        vm.prank(miner);
        pool.repay(50e18);
        vm.warp(block.timestamp + TERM - 1);
        vm.assertEq(pool.collateralOf(alice), 0, "not yet");
        vm.expectRevert(JointPool.JointPoolNothingToClaim.selector);
        vm.prank(alice);
        pool.claimCollateral();
    }

    // ------------------------------------------------------------ attacks

    /// Yield follows the holder: sending dToken to a second wallet cannot claim the same yield twice.
    function test_Attack_SecondWalletCannotClaimTheSameYieldTwice() public {
        _fill();
        _pay(10e18);
        vm.prank(alice);
        pool.transfer(carol, 60e18);
        vm.assertEq(pool.pendingYield(carol), 0, "the yield stayed with alice");
        vm.assertEq(pool.pendingYield(alice), 4.5e18, "alice still owed");
        vm.prank(alice);
        pool.claimYield();
        vm.expectRevert(JointPool.JointPoolNothingToClaim.selector);
        vm.prank(carol);
        pool.claimYield();
    }

    /// Buying dToken at the end of the term does not buy the time: a transfer after the end moves no weight.
    function test_Attack_DTokenBoughtAtTheEndGetsNoCollateral() public {
        _fill();
        vm.prank(miner);
        pool.draw(100e18);
        vm.warp(block.timestamp + TERM);
        vm.prank(miner);
        pool.repay(100e18);
        uint256 aliceBefore = pool.collateralOf(alice);
        vm.prank(alice);
        pool.transfer(carol, 60e18);
        vm.assertEq(pool.collateralOf(carol), 0, "no dToken-seconds, no collateral");
        vm.assertEq(pool.collateralOf(alice), aliceBefore, "alice keeps hers");
    }

    /// A transfer one second before the end moves one second of weight, not the whole term.
    function test_Attack_LastSecondTransferMovesOneSecondOfWeight() public {
        _fill();
        vm.warp(block.timestamp + TERM - 1);
        vm.prank(alice);
        pool.transfer(carol, 60e18);
        vm.warp(block.timestamp + 1);
        vm.assertEq(pool.shareSecondsOf(carol), 60e18, "one second of 60 dToken");
        vm.assertEq(pool.shareSecondsOf(alice), 60e18 * (TERM - 1), "alice earned the rest");
    }

    function test_Attack_OnlyTheMinerDrawsAndOnlyTheFactorySetsTheCap() public {
        _fill();
        vm.expectRevert(abi.encodeWithSelector(JointPool.JointPoolNotMiner.selector, alice));
        vm.prank(alice);
        pool.draw(1e18);
        vm.expectRevert(abi.encodeWithSelector(JointPool.JointPoolNotFactory.selector, admin));
        vm.prank(admin);
        pool.setCap(1_000e18);
    }

    function test_Attack_FeeOnTransferTokenIsRefused() public {
        FeeOnTransferToken fot = new FeeOnTransferToken(18, 100);
        vm.prank(admin);
        JointPoolFactory f2 = new JointPoolFactory(admin, IERC20(address(fot)), platform, address(guard), locker, 25e18);
        vm.prank(admin);
        JointPool p2 = f2.open(miner, 1_000);
        fot.mint(alice, 10e18);
        vm.startPrank(alice);
        fot.approve(address(p2), type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(JointPool.JointPoolTransferShort.selector, 10e18, 9.9e18));
        p2.deposit(10e18);
        vm.stopPrank();
    }
}
