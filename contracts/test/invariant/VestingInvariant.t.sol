// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IEmissionSchedule} from "../../src/interfaces/IEmissionSchedule.sol";
import {TestBase} from "../utils/Vm.sol";
import {VestingHandler} from "../handlers/VestingHandler.sol";
import {DMC} from "../../src/DMC.sol";
import {StepVestingWallet} from "../../src/StepVestingWallet.sol";

/// @dev The shape forge expects from `targetSelectors()` (as in forge-std's StdInvariant).
struct FuzzSelector {
    address addr;
    bytes4[] selectors;
}

/// @notice Stateful invariants of the DMC allocations and the two vesting wallets, driven by {VestingHandler}:
/// time passes across every step boundary and beyond both ends while anyone releases, the beneficiaries pass on
/// or burn what they received, the foundation donates to the wallets and holders delegate.
/// Deployed as scripts/lib/deploy.ts does on launch day (start = the deployment's timestamp): the team wallet
/// (36 steps of 30 days, nothing at start), the private wallet (4 steps of 90 days, 20% at start), and DMC minted
/// to mining 50M + risk fund 10M (both to the timelock), foundation 10M, team wallet 10M, private wallet 20M.
/// The timelock is a plain address here: it only holds its 60M, which never move and never vote.
/// 16 runs of depth 128 per invariant (instead of 128 x 64): each invariant is a campaign of its own, so this is
/// 7 x 2,048 handler calls and the suite stays within a few seconds. Depth 128 gives about 32 time moves per run,
/// so most runs pass the team wallet's end (1,080 days) on their own, and {afterInvariant} takes every run past
/// both ends.
contract VestingInvariantTest is TestBase {
    uint256 internal constant LAUNCH = 1_750_000_000;

    uint256 internal constant TOTAL_SUPPLY = 100_000_000e18;
    uint256 internal constant MINING_RESERVE = 50_000_000e18;
    uint256 internal constant RISK_FUND = 10_000_000e18;
    uint256 internal constant FOUNDATION = 10_000_000e18;
    uint256 internal constant TEAM = 10_000_000e18;
    uint256 internal constant PRIVATE = 20_000_000e18;

    uint64 internal constant TEAM_STEP = 30 days;
    uint64 internal constant TEAM_STEPS = 36;
    uint16 internal constant TEAM_INITIAL_BPS = 0;
    uint64 internal constant PRIVATE_STEP = 90 days;
    uint64 internal constant PRIVATE_STEPS = 4;
    uint16 internal constant PRIVATE_INITIAL_BPS = 2_000;

    /// @dev Wallet indexes in the handler.
    uint256 internal constant TEAM_WALLET = 0;
    uint256 internal constant PRIVATE_WALLET = 1;

    address internal timelock = address(0x7113E10C);
    address internal foundation = address(0xF0D);
    address internal teamBeneficiary = address(0x7EA3);
    address internal privateBeneficiary = address(0x9A1);
    address internal alice = address(0xA11CE);
    address internal bob = address(0xB0B);
    address internal carol = address(0xCA201);
    address internal dave = address(0xDA4E); // only ever a delegatee

    DMC internal dmc;
    StepVestingWallet internal teamVesting;
    StepVestingWallet internal privateVesting;
    VestingHandler internal handler;

    function setUp() public {
        vm.warp(LAUNCH);
        teamVesting = new StepVestingWallet(teamBeneficiary, uint64(LAUNCH), TEAM_STEP, TEAM_STEPS, TEAM_INITIAL_BPS);
        privateVesting =
            new StepVestingWallet(privateBeneficiary, uint64(LAUNCH), PRIVATE_STEP, PRIVATE_STEPS, PRIVATE_INITIAL_BPS);
        DMC.Allocation[] memory allocations = new DMC.Allocation[](5);
        allocations[0] = DMC.Allocation(timelock, MINING_RESERVE);
        allocations[1] = DMC.Allocation(timelock, RISK_FUND);
        allocations[2] = DMC.Allocation(foundation, FOUNDATION);
        allocations[3] = DMC.Allocation(address(teamVesting), TEAM);
        allocations[4] = DMC.Allocation(address(privateVesting), PRIVATE);
        address[] memory locked = new address[](3);
        locked[0] = timelock;
        locked[1] = address(teamVesting);
        locked[2] = address(privateVesting);
        dmc = new DMC(allocations, locked, IEmissionSchedule(address(0)));

        VestingHandler.Schedule[] memory schedules = new VestingHandler.Schedule[](2);
        schedules[TEAM_WALLET] = VestingHandler.Schedule({
            wallet: teamVesting,
            beneficiary: teamBeneficiary,
            allocation: TEAM,
            start: LAUNCH,
            stepSeconds: TEAM_STEP,
            steps: TEAM_STEPS,
            initialBps: TEAM_INITIAL_BPS
        });
        schedules[PRIVATE_WALLET] = VestingHandler.Schedule({
            wallet: privateVesting,
            beneficiary: privateBeneficiary,
            allocation: PRIVATE,
            start: LAUNCH,
            stepSeconds: PRIVATE_STEP,
            steps: PRIVATE_STEPS,
            initialBps: PRIVATE_INITIAL_BPS
        });
        address[] memory recipients = new address[](4);
        recipients[0] = foundation;
        recipients[1] = alice;
        recipients[2] = bob;
        recipients[3] = carol;
        handler = new VestingHandler(dmc, foundation, schedules, recipients, dave);

        vm.label(address(dmc), "DMC");
        vm.label(address(teamVesting), "teamVesting");
        vm.label(address(privateVesting), "privateVesting");
        vm.label(timelock, "timelock");
        vm.label(foundation, "foundation");
        vm.label(teamBeneficiary, "teamBeneficiary");
        vm.label(privateBeneficiary, "privateBeneficiary");
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function targetSelectors() public view returns (FuzzSelector[] memory targets) {
        bytes4[] memory selectors = new bytes4[](8);
        selectors[0] = VestingHandler.warp.selector;
        selectors[1] = VestingHandler.warpToBoundary.selector;
        selectors[2] = VestingHandler.release.selector;
        selectors[3] = VestingHandler.donate.selector;
        selectors[4] = VestingHandler.beneficiaryTransfer.selector;
        selectors[5] = VestingHandler.beneficiaryBurn.selector;
        selectors[6] = VestingHandler.holderTransfer.selector;
        selectors[7] = VestingHandler.delegate.selector;
        targets = new FuzzSelector[](1);
        targets[0] = FuzzSelector({addr: address(handler), selectors: selectors});
    }

    // ================================================================ (a) supply

    /// @dev The supply is the 100M minted at launch minus what was burned, and it is all held by the tracked accounts.
    /// forge-config: default.invariant.runs = 16
    /// forge-config: default.invariant.depth = 128
    function invariant_SupplyIsAllocationsMinusBurns() public view {
        vm.assertEq(dmc.TOTAL_SUPPLY(), TOTAL_SUPPLY, "TOTAL_SUPPLY constant");
        vm.assertEq(dmc.totalSupply(), TOTAL_SUPPLY - handler.ghost_burned(), "supply == 100M - burned");
        vm.assertEq(dmc.balanceOf(timelock), MINING_RESERVE + RISK_FUND, "timelock keeps mining + risk fund");
        uint256 held = dmc.balanceOf(timelock);
        for (uint256 w; w < handler.walletCount(); ++w) {
            held += dmc.balanceOf(address(handler.schedule(w).wallet));
        }
        address[] memory holders = handler.holders();
        for (uint256 i; i < holders.length; ++i) {
            held += dmc.balanceOf(holders[i]);
        }
        vm.assertEq(held, dmc.totalSupply(), "sum of tracked balances == supply");
        vm.assertEq(dmc.balanceOf(dave), 0, "the outsider never holds DMC");
    }

    // ================================================================ (b) wallets

    /// @dev Each wallet creates and loses nothing: released + balance == allocation + donations.
    /// forge-config: default.invariant.runs = 16
    /// forge-config: default.invariant.depth = 128
    function invariant_WalletConservesItsTokens() public view {
        for (uint256 w; w < handler.walletCount(); ++w) {
            VestingHandler.Schedule memory s = handler.schedule(w);
            uint256 released = s.wallet.released(address(dmc));
            vm.assertEq(released, handler.ghost_released(w), "released == ghost");
            vm.assertEq(
                released + dmc.balanceOf(address(s.wallet)),
                s.allocation + handler.ghost_donated(w),
                "released + balance == allocation + donations"
            );
        }
        vm.assertEq(handler.ghost_unexpectedOutcomes(), 0, "every release paid as the model predicts");
    }

    /// @dev Each wallet: released <= vestedAmount(now) <= allocation + donations.
    /// forge-config: default.invariant.runs = 16
    /// forge-config: default.invariant.depth = 128
    function invariant_ReleasedWithinVestedWithinTotal() public view {
        uint64 now_ = uint64(vm.getBlockTimestamp());
        for (uint256 w; w < handler.walletCount(); ++w) {
            VestingHandler.Schedule memory s = handler.schedule(w);
            uint256 vested = s.wallet.vestedAmount(address(dmc), now_);
            vm.assertLe(s.wallet.released(address(dmc)), vested, "released <= vested");
            vm.assertLe(vested, s.allocation + handler.ghost_donated(w), "vested <= allocation + donations");
        }
    }

    /// @dev Each wallet's vestedAmount(now) and releasable() equal the step schedule computed by the model.
    /// forge-config: default.invariant.runs = 16
    /// forge-config: default.invariant.depth = 128
    function invariant_VestedFollowsTheStepSchedule() public view {
        uint256 now_ = vm.getBlockTimestamp();
        for (uint256 w; w < handler.walletCount(); ++w) {
            VestingHandler.Schedule memory s = handler.schedule(w);
            uint256 expected = handler.modelVested(w, now_);
            vm.assertEq(s.wallet.vestedAmount(address(dmc), uint64(now_)), expected, "vested == model");
            vm.assertEq(s.wallet.releasable(address(dmc)), expected - handler.ghost_released(w), "releasable == model");
            // The schedule as deployed is the schedule as specified.
            vm.assertEq(s.wallet.start(), s.start, "start");
            vm.assertEq(s.wallet.end(), s.start + s.stepSeconds * s.steps, "end");
            vm.assertEq(s.wallet.owner(), s.beneficiary, "beneficiary");
        }
    }

    /// @dev Vested amounts never decrease: not across any action, and not since the previous action.
    /// forge-config: default.invariant.runs = 16
    /// forge-config: default.invariant.depth = 128
    function invariant_VestedNeverDecreases() public view {
        uint64 now_ = uint64(vm.getBlockTimestamp());
        for (uint256 w; w < handler.walletCount(); ++w) {
            VestingHandler.Schedule memory s = handler.schedule(w);
            vm.assertGe(s.wallet.vestedAmount(address(dmc), now_), handler.ghost_lastVested(w), "vested >= last seen");
        }
        vm.assertEq(handler.ghost_vestedDecreases(), 0, "never decreased between actions");
    }

    // ================================================================ (c) beneficiaries

    /// @dev Each beneficiary holds what was released to it minus what it burned or sent away.
    /// forge-config: default.invariant.runs = 16
    /// forge-config: default.invariant.depth = 128
    function invariant_BeneficiaryHoldsWhatWasReleased() public view {
        for (uint256 w; w < handler.walletCount(); ++w) {
            VestingHandler.Schedule memory s = handler.schedule(w);
            vm.assertEq(
                dmc.balanceOf(s.beneficiary) + handler.ghost_burnedByBeneficiary(w)
                    + handler.ghost_sentByBeneficiary(w),
                s.wallet.released(address(dmc)),
                "balance + burned + sent == released"
            );
        }
    }

    // ================================================================ (d) votes

    /// @dev Each delegatee's votes are the balances of the holders delegating to it, so the votes add up to the
    /// delegated balances; the vesting wallets and the timelock are locked: their balances sit, as votes nobody can
    /// cast, with the token itself, so the votable supply is exactly what the others hold.
    /// forge-config: default.invariant.runs = 16
    /// forge-config: default.invariant.depth = 128
    function invariant_VotesMatchDelegatedBalances() public view {
        address[] memory holders = handler.holders();
        address[] memory delegatees = handler.delegatees();
        address[] memory delegateOf = new address[](holders.length);
        uint256[] memory balances = new uint256[](holders.length);
        uint256 delegated;
        for (uint256 i; i < holders.length; ++i) {
            delegateOf[i] = handler.ghost_delegate(holders[i]);
            balances[i] = dmc.balanceOf(holders[i]);
            vm.assertEq(dmc.delegates(holders[i]), delegateOf[i], "delegate == model");
            if (delegateOf[i] != address(0)) delegated += balances[i];
        }
        uint256 votes;
        for (uint256 d; d < delegatees.length; ++d) {
            uint256 expected;
            for (uint256 i; i < holders.length; ++i) {
                if (delegateOf[i] == delegatees[d]) expected += balances[i];
            }
            uint256 got = dmc.getVotes(delegatees[d]);
            vm.assertEq(got, expected, "votes == balances delegated to it");
            votes += got;
        }
        vm.assertEq(votes, delegated, "sum of votes == sum of delegated balances");
        uint256 locked = dmc.balanceOf(timelock);
        for (uint256 w; w < handler.walletCount(); ++w) {
            address wallet = address(handler.schedule(w).wallet);
            vm.assertEq(dmc.getVotes(wallet), 0, "a vesting wallet has no votes");
            vm.assertEq(dmc.delegates(wallet), address(dmc), "a vesting wallet stays locked");
            locked += dmc.balanceOf(wallet);
        }
        vm.assertEq(dmc.getVotes(timelock), 0, "the timelock's reserve does not vote");
        vm.assertEq(dmc.getVotes(address(dmc)), locked, "locked votes == what the locked holders hold");
        vm.assertEq(dmc.votableSupply(), dmc.totalSupply() - locked, "votable supply == supply - locked");
    }

    // ================================================================ the handler itself

    /// @dev A fixed path through the handler: releasing both wallets 1 s before and at each of the team's 36
    /// monthly boundaries (every third one is also a private quarterly boundary) pays exactly the schedule.
    function test_Handler_EveryBoundaryOfBothSchedules() public {
        uint256[5] memory privatePaid =
            [uint256(4_000_000e18), 8_000_000e18, 12_000_000e18, 16_000_000e18, 20_000_000e18];

        // Launch: nothing a second before; at launch the private initial 20% and nothing for the team.
        vm.assertEq(privateVesting.vestedAmount(address(dmc), uint64(LAUNCH - 1)), 0, "private: nothing before");
        vm.assertEq(teamVesting.vestedAmount(address(dmc), uint64(LAUNCH - 1)), 0, "team: nothing before");
        _releaseBoth();
        _assertPaid(0, privatePaid[0]);

        for (uint256 k = 1; k <= TEAM_STEPS; ++k) {
            handler.warp(TEAM_STEP - 1); // LAUNCH + 30 days * k - 1
            vm.assertEq(vm.getBlockTimestamp(), LAUNCH + k * TEAM_STEP - 1, "1 s before the boundary");
            _releaseBoth();
            _assertPaid(TEAM * (k - 1) / TEAM_STEPS, privatePaid[_min((k - 1) / 3, PRIVATE_STEPS)]);

            handler.warp(1); // LAUNCH + 30 days * k
            _releaseBoth();
            _assertPaid(TEAM * k / TEAM_STEPS, privatePaid[_min(k / 3, PRIVATE_STEPS)]);
            invariant_VestedFollowsTheStepSchedule();
        }
        vm.assertEq(dmc.balanceOf(teamBeneficiary), TEAM, "team: everything after 36 months");
        vm.assertEq(dmc.balanceOf(privateBeneficiary), PRIVATE, "private: everything after 4 quarters");

        // Long after the end there is nothing more, and the wallets are empty.
        handler.warp(handler.MAX_WARP());
        _releaseBoth();
        _assertPaid(TEAM, PRIVATE);
        vm.assertEq(dmc.balanceOf(address(teamVesting)), 0, "team wallet empty");
        vm.assertEq(dmc.balanceOf(address(privateVesting)), 0, "private wallet empty");
        _assertAllInvariants();
    }

    /// @dev The team's monthly amounts are rounded down, never lost: month 1 and month 35 in wei, all at month 36.
    function test_Handler_TeamRoundingIsCarriedToTheEnd() public {
        handler.warp(TEAM_STEP);
        handler.release(TEAM_WALLET, uint160(alice));
        vm.assertEq(dmc.balanceOf(teamBeneficiary), 277_777_777777777777777777, "month 1: floor(10M / 36)");
        for (uint256 k = 2; k <= 35; ++k) {
            handler.warp(TEAM_STEP);
        }
        handler.release(TEAM_WALLET, uint160(bob));
        vm.assertEq(dmc.balanceOf(teamBeneficiary), 9_722_222_222222222222222222, "month 35: floor(10M * 35 / 36)");
        handler.warp(TEAM_STEP);
        handler.release(TEAM_WALLET, uint160(carol));
        vm.assertEq(dmc.balanceOf(teamBeneficiary), TEAM, "month 36: exactly 10M");
        _assertAllInvariants();
    }

    /// @dev A donation vests on the wallet's schedule, as OpenZeppelin's VestingWallet does: the vested share of it
    /// at once, the rest with the remaining steps, all of it after the end.
    function test_Handler_DonationVestsOnTheSameSchedule() public {
        // Private, after its first quarter (40% vested): a 1,000,000 DMC donation adds 400,000 at once.
        handler.warp(PRIVATE_STEP);
        handler.donate(PRIVATE_WALLET, 1_000_000e18 - 1); // bound(seed, 1, MAX_DONATION) = seed + 1
        handler.release(PRIVATE_WALLET, uint160(dave));
        vm.assertEq(dmc.balanceOf(privateBeneficiary), 8_000_000e18 + 400_000e18, "40% of allocation + donation");

        // Team, after 3 months (3/36 vested): a 360,000 DMC donation adds 30,000 at once.
        handler.donate(TEAM_WALLET, 360_000e18 - 1);
        handler.release(TEAM_WALLET, uint160(dave));
        vm.assertEq(dmc.balanceOf(teamBeneficiary), TEAM * 3 / 36 + 30_000e18, "3/36 of allocation + donation");

        for (uint256 k; k < 12; ++k) {
            handler.warp(handler.MAX_WARP()); // 4 years on: past both ends
        }
        handler.release(PRIVATE_WALLET, uint160(dave));
        handler.release(TEAM_WALLET, uint160(dave));
        vm.assertEq(dmc.balanceOf(privateBeneficiary), PRIVATE + 1_000_000e18, "private: allocation + donation");
        vm.assertEq(dmc.balanceOf(teamBeneficiary), TEAM + 360_000e18, "team: allocation + donation");
        vm.assertEq(dmc.balanceOf(foundation), FOUNDATION - 1_360_000e18, "donations came from the foundation");
        _assertAllInvariants();
    }

    // ================================================================ end of each run: liveness

    /// @dev After every run: once both ends have passed, one release per wallet pays out everything left (the
    /// allocation and every donation), whoever calls it, and the model agrees.
    function afterInvariant() public {
        for (uint256 w; w < handler.walletCount(); ++w) {
            while (vm.getBlockTimestamp() < handler.schedule(w).wallet.end()) {
                handler.warp(handler.MAX_WARP());
            }
        }
        for (uint256 w; w < handler.walletCount(); ++w) {
            VestingHandler.Schedule memory s = handler.schedule(w);
            handler.release(w, uint160(dave));
            vm.assertEq(dmc.balanceOf(address(s.wallet)), 0, "wallet emptied");
            vm.assertEq(s.wallet.released(address(dmc)), s.allocation + handler.ghost_donated(w), "all of it released");
        }
        _assertAllInvariants();
    }

    // ================================================================ helpers

    function _releaseBoth() internal {
        handler.release(TEAM_WALLET, uint160(alice));
        handler.release(PRIVATE_WALLET, uint160(privateBeneficiary));
    }

    function _assertPaid(uint256 team, uint256 private_) internal view {
        vm.assertEq(dmc.balanceOf(teamBeneficiary), team, "team paid");
        vm.assertEq(teamVesting.released(address(dmc)), team, "team released");
        vm.assertEq(teamVesting.releasable(address(dmc)), 0, "team: nothing left to release");
        vm.assertEq(dmc.balanceOf(privateBeneficiary), private_, "private paid");
        vm.assertEq(privateVesting.released(address(dmc)), private_, "private released");
        vm.assertEq(privateVesting.releasable(address(dmc)), 0, "private: nothing left to release");
    }

    function _assertAllInvariants() internal view {
        invariant_SupplyIsAllocationsMinusBurns();
        invariant_WalletConservesItsTokens();
        invariant_ReleasedWithinVestedWithinTotal();
        invariant_VestedFollowsTheStepSchedule();
        invariant_VestedNeverDecreases();
        invariant_BeneficiaryHoldsWhatWasReleased();
        invariant_VotesMatchDelegatedBalances();
    }

    function _min(uint256 a, uint256 b) internal pure returns (uint256) {
        return a < b ? a : b;
    }
}
