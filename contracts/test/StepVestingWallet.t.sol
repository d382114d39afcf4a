// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {GovernanceFixture} from "./utils/GovernanceFixture.sol";
import {StepVestingWallet} from "../src/StepVestingWallet.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @notice The team schedule (36 monthly steps, nothing at launch) and the private schedule (20% at launch, then
/// 4 quarterly steps of 20%) at every boundary, release(), constructor checks, and properties over time.
contract StepVestingWalletTest is GovernanceFixture {
    // ================================================================ constructor and views

    function test_Constructor_TeamWallet() public view {
        vm.assertEq(teamVesting.owner(), teamBeneficiary, "beneficiary");
        vm.assertEq(teamVesting.start(), LAUNCH, "start");
        vm.assertEq(teamVesting.duration(), 1080 days, "36 x 30 days");
        vm.assertEq(teamVesting.end(), LAUNCH + 1080 days, "end");
        vm.assertEq(teamVesting.stepSeconds(), 30 days, "step");
        vm.assertEq(teamVesting.steps(), 36, "steps");
        vm.assertEq(teamVesting.initialBps(), 0, "no initial part");
    }

    function test_Constructor_PrivateWallet() public view {
        vm.assertEq(privateVesting.owner(), privateBeneficiary, "beneficiary");
        vm.assertEq(privateVesting.start(), LAUNCH, "start");
        vm.assertEq(privateVesting.duration(), 360 days, "4 x 90 days");
        vm.assertEq(privateVesting.stepSeconds(), 90 days, "step");
        vm.assertEq(privateVesting.steps(), 4, "steps");
        vm.assertEq(privateVesting.initialBps(), 2_000, "20% at launch");
    }

    function test_RevertWhen_BeneficiaryRenouncesOwnership() public {
        // Renouncing would strand the allocation: release() could never pay anyone again.
        vm.prank(teamBeneficiary);
        vm.expectRevert(abi.encodeWithSelector(StepVestingWallet.StepVestingCannotRenounce.selector));
        teamVesting.renounceOwnership();
        vm.assertEq(teamVesting.owner(), teamBeneficiary, "still owned");
    }

    function test_RevertWhen_StrangerRenouncesOwnership() public {
        vm.prank(address(0xBAD));
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(0xBAD)));
        teamVesting.renounceOwnership();
    }

    function test_TransferOwnership_MovesTheBeneficiary() public {
        vm.prank(teamBeneficiary);
        teamVesting.transferOwnership(address(0xBEEF));
        vm.assertEq(teamVesting.owner(), address(0xBEEF), "new beneficiary");
    }

    function test_RevertWhen_ConstructorStepsIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(StepVestingWallet.StepVestingInvalidSteps.selector));
        new StepVestingWallet(teamBeneficiary, uint64(LAUNCH), 30 days, 0, 0);
    }

    function test_RevertWhen_ConstructorStepSecondsIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(StepVestingWallet.StepVestingInvalidStepSeconds.selector));
        new StepVestingWallet(teamBeneficiary, uint64(LAUNCH), 0, 36, 0);
    }

    function test_RevertWhen_ConstructorInitialBpsAboveAll() public {
        vm.expectRevert(abi.encodeWithSelector(StepVestingWallet.StepVestingInvalidInitialBps.selector, 10_001, 10_000));
        new StepVestingWallet(teamBeneficiary, uint64(LAUNCH), 30 days, 36, 10_001);
    }

    function test_RevertWhen_ConstructorDurationOverflows() public {
        uint64 big = type(uint64).max / 2 + 1;
        vm.expectRevert(abi.encodeWithSelector(StepVestingWallet.StepVestingDurationOverflow.selector, big, 2));
        new StepVestingWallet(teamBeneficiary, uint64(LAUNCH), big, 2, 0);
    }

    function test_RevertWhen_ConstructorBeneficiaryIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        new StepVestingWallet(address(0), uint64(LAUNCH), 30 days, 36, 0);
    }

    function test_Constructor_AcceptsAllAtStart() public {
        StepVestingWallet w = new StepVestingWallet(teamBeneficiary, uint64(LAUNCH), 1 days, 1, 10_000);
        vm.assertEq(_vested(w, LAUNCH - 1), 0, "nothing before start");
        vm.assertEq(_vested(w, LAUNCH), 0, "wallet is empty");
    }

    // ================================================================ team: 36 monthly steps, nothing at start

    function test_TeamSchedule_BeforeAndAtStart() public view {
        vm.assertEq(_vested(teamVesting, 0), 0, "epoch");
        vm.assertEq(_vested(teamVesting, LAUNCH - 1), 0, "1s before start");
        vm.assertEq(_vested(teamVesting, LAUNCH), 0, "nothing at start");
        vm.assertEq(_vested(teamVesting, LAUNCH + 1), 0, "1s after start");
    }

    function test_TeamSchedule_EveryStepBoundary() public view {
        for (uint256 k = 1; k <= TEAM_STEPS; ++k) {
            uint256 boundary = LAUNCH + k * TEAM_STEP;
            vm.assertEq(_vested(teamVesting, boundary - 1), TEAM * (k - 1) / TEAM_STEPS, "1s before step");
            vm.assertEq(_vested(teamVesting, boundary), TEAM * k / TEAM_STEPS, "at step");
            vm.assertEq(_vested(teamVesting, boundary + 1), TEAM * k / TEAM_STEPS, "1s after step");
        }
    }

    function test_TeamSchedule_EndAndAfter() public view {
        vm.assertEq(_vested(teamVesting, LAUNCH + 1080 days - 1), TEAM * 35 / 36, "last month not yet");
        vm.assertEq(_vested(teamVesting, LAUNCH + 1080 days), TEAM, "all at end");
        vm.assertEq(_vested(teamVesting, LAUNCH + 3650 days), TEAM, "all long after");
        vm.assertEq(_vested(teamVesting, type(uint64).max), TEAM, "all at the end of time");
    }

    // ================================================================ private: 20% at start, 4 quarterly steps

    function test_PrivateSchedule_BeforeAndAtStart() public view {
        vm.assertEq(_vested(privateVesting, LAUNCH - 1), 0, "1s before start");
        vm.assertEq(_vested(privateVesting, LAUNCH), 4_000_000e18, "20% at start");
        vm.assertEq(_vested(privateVesting, LAUNCH + 1), 4_000_000e18, "1s after start");
    }

    function test_PrivateSchedule_EveryStepBoundary() public view {
        uint256[5] memory expected = [uint256(4_000_000e18), 8_000_000e18, 12_000_000e18, 16_000_000e18, 20_000_000e18];
        for (uint256 k = 1; k <= PRIVATE_STEPS; ++k) {
            uint256 boundary = LAUNCH + k * PRIVATE_STEP;
            vm.assertEq(_vested(privateVesting, boundary - 1), expected[k - 1], "1s before step");
            vm.assertEq(_vested(privateVesting, boundary), expected[k], "at step");
            vm.assertEq(_vested(privateVesting, boundary + 1), expected[k], "1s after step");
        }
        vm.assertEq(_vested(privateVesting, LAUNCH + 360 days + 1 days), PRIVATE, "all after end");
    }

    // ================================================================ release

    function test_Release_PaysExactlyVestedMinusReleased() public {
        address token = address(dmc);
        // At launch: 20% of the private allocation.
        privateVesting.release(token);
        vm.assertEq(dmc.balanceOf(privateBeneficiary), 4_000_000e18, "initial part");
        vm.assertEq(privateVesting.released(token), 4_000_000e18, "released");
        vm.assertEq(privateVesting.releasable(token), 0, "nothing more");

        // Within the first quarter nothing more is released.
        vm.warp(LAUNCH + PRIVATE_STEP - 1);
        privateVesting.release(token);
        vm.assertEq(dmc.balanceOf(privateBeneficiary), 4_000_000e18, "no step yet");

        // Two steps later (without releasing in between), one release pays both.
        vm.warp(LAUNCH + 2 * PRIVATE_STEP);
        vm.assertEq(privateVesting.releasable(token), 8_000_000e18, "two steps releasable");
        vm.prank(alice); // anyone may trigger it; the tokens go to the beneficiary
        privateVesting.release(token);
        vm.assertEq(dmc.balanceOf(privateBeneficiary), 12_000_000e18, "three fifths");
        vm.assertEq(dmc.balanceOf(alice), ALICE_VOTES, "caller gets nothing");

        vm.warp(LAUNCH + 10 * PRIVATE_STEP);
        privateVesting.release(token);
        vm.assertEq(dmc.balanceOf(privateBeneficiary), PRIVATE, "everything");
        vm.assertEq(dmc.balanceOf(address(privateVesting)), 0, "wallet emptied");
    }

    function test_Release_TeamMonthByMonth() public {
        address token = address(dmc);
        teamVesting.release(token);
        vm.assertEq(dmc.balanceOf(teamBeneficiary), 0, "nothing at launch");
        uint256 paid;
        for (uint256 k = 1; k <= TEAM_STEPS; ++k) {
            vm.warp(LAUNCH + k * TEAM_STEP);
            uint256 expected = TEAM * k / TEAM_STEPS - paid;
            vm.assertEq(teamVesting.releasable(token), expected, "releasable this month");
            teamVesting.release(token);
            paid += expected;
            vm.assertEq(dmc.balanceOf(teamBeneficiary), paid, "paid so far");
        }
        vm.assertEq(paid, TEAM, "all paid after 36 months");
    }

    /// @dev A released beneficiary can delegate and vote; tokens inside the wallet cannot.
    function test_Release_ReleasedTokensCanVote() public {
        privateVesting.release(address(dmc));
        vm.prank(privateBeneficiary);
        dmc.delegate(privateBeneficiary);
        vm.assertEq(dmc.getVotes(privateBeneficiary), 4_000_000e18, "released part votes");
        vm.assertEq(dmc.getVotes(address(privateVesting)), 0, "locked part does not");
    }

    // ================================================================ properties over time

    /// @dev For any schedule and any two instants, vested is monotonic and never above the allocation; it is 0
    /// before start and everything from the end.
    function testFuzz_VestedIsMonotonicAndBounded(
        uint64 stepSeconds_,
        uint64 steps_,
        uint16 initialBps_,
        uint256 allocation,
        uint64 t1,
        uint64 t2
    ) public {
        stepSeconds_ = uint64(bound(stepSeconds_, 1, 365 days));
        steps_ = uint64(bound(steps_, 1, 120));
        initialBps_ = uint16(bound(initialBps_, 0, 10_000));
        allocation = bound(allocation, 0, dmc.balanceOf(insuranceFund));
        StepVestingWallet w =
            new StepVestingWallet(teamBeneficiary, uint64(LAUNCH), stepSeconds_, steps_, initialBps_);
        vm.prank(insuranceFund);
        dmc.transfer(address(w), allocation);
        if (t1 > t2) (t1, t2) = (t2, t1);

        uint256 v1 = w.vestedAmount(address(dmc), t1);
        uint256 v2 = w.vestedAmount(address(dmc), t2);
        vm.assertLe(v1, v2, "monotonic");
        vm.assertLe(v2, allocation, "bounded by the allocation");
        if (t1 < LAUNCH) vm.assertEq(v1, 0, "nothing before start");
        if (t2 >= w.end()) vm.assertEq(v2, allocation, "everything from the end");
        if (t1 >= LAUNCH && t1 < w.end()) {
            uint256 initial = allocation * initialBps_ / 10_000;
            uint256 k = (t1 - LAUNCH) / stepSeconds_;
            vm.assertEq(v1, initial + (allocation - initial) * k / steps_, "step formula");
        }
    }

    /// @dev Releasing at arbitrary instants in order pays, in total, exactly what is vested at the last instant.
    function testFuzz_ReleasesAddUpToVested(uint64[4] memory offsets) public {
        address token = address(dmc);
        uint256 t = LAUNCH;
        for (uint256 i; i < offsets.length; ++i) {
            t += bound(offsets[i], 0, 200 days);
            vm.warp(t);
            privateVesting.release(token);
            vm.assertEq(dmc.balanceOf(privateBeneficiary), _vested(privateVesting, t), "paid == vested");
            vm.assertEq(privateVesting.released(token), _vested(privateVesting, t), "released == vested");
        }
        vm.assertEq(
            dmc.balanceOf(privateBeneficiary) + dmc.balanceOf(address(privateVesting)), PRIVATE, "nothing lost"
        );
    }

    // ================================================================ helpers

    function _vested(StepVestingWallet w, uint256 timestamp) internal view returns (uint256) {
        return w.vestedAmount(address(dmc), uint64(timestamp));
    }
}
