// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IEmissionSchedule} from "../src/interfaces/IEmissionSchedule.sol";
import {GovernanceFixture} from "./utils/GovernanceFixture.sol";
import {DMC} from "../src/DMC.sol";
import {DMEXGovernor} from "../src/DMEXGovernor.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @notice Issue 13, finding 3: "the foundation alone passes any proposal". Quorum was 4% of the whole 100M
/// supply while 90% of it (treasury, insurance fund, vesting wallets) never votes. Now the locked holders'
/// DMC is kept out of the vote and out of the quorum's base, and the quorum has a floor above the largest single
/// allocation that can vote. These tests run the production numbers (scripts/lib/deploy.ts PRODUCTION_GOVERNANCE):
/// quorum = max(25% of the votable supply, 20,000,001 DMC).
contract QuorumOnVotableSupplyTest is GovernanceFixture {
    uint256 internal constant PROD_NUMERATOR = 25;
    uint256 internal constant PROD_FLOOR = 20_000_001e18; // more than the private sale's 20M, the largest allocation

    DMEXGovernor internal prod;

    function setUp() public override {
        super.setUp();
        prod = new DMEXGovernor(
            dmc, timelock, VOTING_DELAY, VOTING_PERIOD, PROPOSAL_THRESHOLD, PROD_NUMERATOR, PROD_FLOOR
        );
        // The production governor proposes on the timelock (test shortcut for a DAO vote granting it).
        vm.startPrank(address(timelock));
        timelock.grantRole(timelock.PROPOSER_ROLE(), address(prod));
        timelock.grantRole(timelock.CANCELLER_ROLE(), address(prod));
        vm.stopPrank();
        // The test voters hand their DMC back: the foundation holds its whole 10M allocation, as on launch day.
        address[4] memory voters = [alice, bob, carol, dave];
        for (uint256 i; i < voters.length; ++i) {
            uint256 b = dmc.balanceOf(voters[i]);
            vm.prank(voters[i]);
            dmc.transfer(foundation, b);
        }
        vm.prank(foundation);
        dmc.delegate(foundation);
        _skip(1);
    }

    // ================================================================ the attack

    /// @dev The finding, replayed: the foundation proposes to take the 50M mining reserve and votes for it alone.
    /// Before: 10M for ≥ 4M quorum → Succeeded. Now: the quorum is the floor (the votable supply is 10M) → Defeated.
    function test_Finding3_FoundationAloneCannotTakeTheReserve() public {
        vm.assertEq(dmc.votableSupply(), FOUNDATION, "at launch only the foundation's 10M can vote");
        uint256 id = _proposeAndVoteAlone(foundation, "Move the mining reserve to the foundation");
        vm.assertLt(dmc.getVotes(foundation), prod.quorum(prod.proposalSnapshot(id)), "10M is below the quorum");
        vm.assertEq(uint8(prod.state(id)), uint8(IGovernor.ProposalState.Defeated), "defeated");
        vm.assertEq(dmc.balanceOf(address(timelock)), MINING_RESERVE, "the reserve stays");
    }

    /// @dev The largest allocation, the private sale, fully vested and released (20M), cannot pass alone either.
    function test_PrivateSaleFullyVestedAloneCannotPass() public {
        _skip(uint256(PRIVATE_STEP) * PRIVATE_STEPS);
        privateVesting.release(address(dmc));
        vm.assertEq(dmc.balanceOf(privateBeneficiary), PRIVATE, "all 20M released");
        vm.prank(privateBeneficiary);
        dmc.delegate(privateBeneficiary);
        _skip(1);
        uint256 id = _proposeAndVoteAlone(privateBeneficiary, "Private sale alone");
        vm.assertEq(uint8(prod.state(id)), uint8(IGovernor.ProposalState.Defeated), "20M < 20,000,001 floor");
    }

    /// @dev Two allocations together reach the quorum: the DAO still works once tokens are in several hands.
    function test_TwoAllocationsTogetherPassAndMoveTheReserve() public {
        _skip(uint256(PRIVATE_STEP) * 2); // two private-sale quarters: 4M + 2 x 4M = 12M released
        privateVesting.release(address(dmc));
        vm.prank(privateBeneficiary);
        dmc.delegate(privateBeneficiary);
        _skip(1);
        address miner = address(0x3131);
        bytes memory pay = abi.encodeCall(IERC20.transfer, (miner, 1_000_000e18));
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _one(address(dmc), pay);
        vm.prank(foundation);
        uint256 id = prod.propose(t, v, c, "Pay a miner from the reserve");
        _skip(VOTING_DELAY + 1);
        vm.prank(foundation);
        prod.castVote(id, 1);
        vm.prank(privateBeneficiary);
        prod.castVote(id, 1);
        _skip(VOTING_PERIOD);
        vm.assertEq(uint8(prod.state(id)), uint8(IGovernor.ProposalState.Succeeded), "10M + 12M >= floor");
        prod.queue(t, v, c, keccak256("Pay a miner from the reserve"));
        _skip(MIN_DELAY);
        prod.execute(t, v, c, keccak256("Pay a miner from the reserve"));
        vm.assertEq(dmc.balanceOf(miner), 1_000_000e18, "paid");
        vm.assertEq(dmc.votableSupply(), FOUNDATION + 12_000_000e18 + 1_000_000e18, "the payout can vote now");
    }

    // ================================================================ locked holders

    function test_LockedHoldersNeverVote() public {
        address[4] memory locked = [address(timelock), insuranceFund, address(teamVesting), address(privateVesting)];
        for (uint256 i; i < locked.length; ++i) {
            vm.assertTrue(dmc.votesLocked(locked[i]), "locked");
            vm.assertEq(dmc.delegates(locked[i]), address(dmc), "delegated to the token: votes nobody casts");
            vm.prank(locked[i]);
            vm.expectRevert(abi.encodeWithSelector(DMC.DMCVotesLocked.selector, locked[i]));
            dmc.delegate(locked[i]);
        }
        vm.assertEq(dmc.getVotes(address(dmc)), MINING_RESERVE + RISK_FUND + TEAM + PRIVATE, "all held there");
    }

    /// @dev A DAO vote cannot unlock the treasury either: the timelock's own `delegate` call reverts.
    function test_TheTreasuryCannotBeUnlockedByAVote() public {
        vm.prank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(DMC.DMCVotesLocked.selector, address(timelock)));
        dmc.delegate(alice);
    }

    function test_NobodyDelegatesToTheToken() public {
        vm.prank(foundation);
        vm.expectRevert(abi.encodeWithSelector(DMC.DMCInvalidDelegate.selector, address(dmc)));
        dmc.delegate(address(dmc));
    }

    function test_LockVotes_IsForGood() public {
        address pool = address(0x9001);
        vm.prank(foundation);
        dmc.transfer(pool, 1_000_000e18);
        vm.prank(pool);
        dmc.delegate(pool);
        vm.assertEq(dmc.getVotes(pool), 1_000_000e18, "votes before");
        uint256 votableBefore = dmc.votableSupply();
        vm.expectEmit(true, false, false, false, address(dmc));
        emit DMC.VotesLocked(pool);
        vm.prank(pool);
        dmc.lockVotes();
        vm.assertEq(dmc.getVotes(pool), 0, "no votes after");
        vm.assertEq(dmc.votableSupply(), votableBefore - 1_000_000e18, "out of the votable supply");
        vm.prank(pool);
        vm.expectRevert(abi.encodeWithSelector(DMC.DMCVotesLocked.selector, pool));
        dmc.delegate(pool);
        vm.prank(pool);
        dmc.lockVotes(); // a second lock changes nothing
        vm.assertEq(dmc.votableSupply(), votableBefore - 1_000_000e18, "unchanged");
    }

    function test_RevertWhen_LockedHolderIsZeroOrTheToken() public {
        DMC.Allocation[] memory a = _allocations();
        address[] memory bad = new address[](1);
        vm.expectRevert(abi.encodeWithSelector(DMC.DMCInvalidLockedHolder.selector, address(0)));
        new DMC(a, bad, IEmissionSchedule(address(0)));
    }

    // ================================================================ the quorum's base and floor

    /// @dev With no floor the quorum is a share of the votable supply, not of the whole supply: 4% of 10M, not 4M.
    function test_QuorumIsAShareOfTheVotableSupply() public {
        DMEXGovernor g = new DMEXGovernor(dmc, timelock, VOTING_DELAY, VOTING_PERIOD, PROPOSAL_THRESHOLD, 4, 0);
        _skip(1);
        vm.assertEq(g.quorum(_now() - 1), FOUNDATION * 4 / 100, "4% of the 10M that can vote");
        vm.assertEq(prod.quorum(_now() - 1), PROD_FLOOR, "production: the floor");
    }

    /// @dev Reference model: for any payouts out of the reserve and releases of the vesting wallets, the quorum at
    /// a snapshot is max(numerator% of (supply - locked balances then), floor).
    function testFuzz_QuorumMatchesTheModel(uint256 payout, uint256 months, uint256 numerator, uint256 floor_)
        public
    {
        payout = bound(payout, 0, MINING_RESERVE);
        months = bound(months, 0, 40);
        numerator = bound(numerator, 1, 100);
        floor_ = bound(floor_, 0, dmc.totalSupply());
        DMEXGovernor g =
            new DMEXGovernor(dmc, timelock, VOTING_DELAY, VOTING_PERIOD, PROPOSAL_THRESHOLD, numerator, floor_);
        vm.prank(address(timelock));
        dmc.transfer(address(0xBEEF), payout);
        _skip(months * 30 days);
        teamVesting.release(address(dmc));
        privateVesting.release(address(dmc));
        uint256 locked = dmc.balanceOf(address(timelock)) + dmc.balanceOf(insuranceFund)
            + dmc.balanceOf(address(teamVesting)) + dmc.balanceOf(address(privateVesting));
        uint256 snapshot = _now();
        _skip(1);
        // Later moves do not change a past snapshot's quorum.
        vm.prank(address(0xBEEF));
        dmc.transfer(address(timelock), payout / 2);
        uint256 share = (dmc.totalSupply() - locked) * numerator / 100;
        vm.assertEq(g.quorum(snapshot), share > floor_ ? share : floor_, "quorum == model");
        vm.assertEq(dmc.getPastVotableSupply(snapshot), dmc.totalSupply() - locked, "votable == model");
    }

    function test_Floor_OnlyByGovernance() public {
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, address(this)));
        prod.updateQuorumFloor(1);
    }

    function test_RevertWhen_TokenHasNoVotableSupply() public {
        vm.expectRevert(abi.encodeWithSelector(DMEXGovernor.DMEXGovernorInvalidToken.selector, address(target)));
        new DMEXGovernor(
            DMC(address(target)), timelock, VOTING_DELAY, VOTING_PERIOD, PROPOSAL_THRESHOLD, 4, 0
        );
    }

    // ================================================================ helpers

    function _one(address to, bytes memory data)
        internal
        pure
        returns (address[] memory t, uint256[] memory v, bytes[] memory c)
    {
        t = new address[](1);
        t[0] = to;
        v = new uint256[](1);
        c = new bytes[](1);
        c[0] = data;
    }

    function _proposeAndVoteAlone(address voter, string memory description) internal returns (uint256 id) {
        bytes memory take = abi.encodeCall(IERC20.transfer, (voter, MINING_RESERVE));
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _one(address(dmc), take);
        vm.prank(voter);
        id = prod.propose(t, v, c, description);
        _skip(VOTING_DELAY + 1);
        vm.prank(voter);
        prod.castVote(id, 1);
        _skip(VOTING_PERIOD);
    }
}
