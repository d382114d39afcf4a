// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {GovernanceFixture} from "./utils/GovernanceFixture.sol";
import {Target} from "./mocks/Target.sol";
import {DMEXGovernor} from "../src/DMEXGovernor.sol";
import {HashrateNFT} from "../src/HashrateNFT.sol";
import {Marketplace} from "../src/Marketplace.sol";
import {RevenueEscrow} from "../src/RevenueEscrow.sol";
import {MockUSDT} from "../mocks/MockUSDT.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @notice The governor end to end through the timelock: the full lifecycle and its state at every step,
/// counting (for / against / abstain, quorum), thresholds, timing errors, cancellation, snapshots, and that the
/// timelock (not the deployer) administers the system.
contract DMEXGovernorTest is GovernanceFixture {
    uint256 internal constant QUORUM = 4_000_000e18; // 4% of 100M

    // ================================================================ deployment

    function test_Constructor_Settings() public view {
        vm.assertEq(governor.name(), "DMEX Governor", "name");
        vm.assertEq(governor.version(), "1", "version");
        vm.assertEq(address(governor.token()), address(dmc), "token");
        vm.assertEq(governor.timelock(), address(timelock), "timelock");
        vm.assertEq(governor.votingDelay(), 1 days, "voting delay");
        vm.assertEq(governor.votingPeriod(), 5 days, "voting period");
        vm.assertEq(governor.proposalThreshold(), 100_000e18, "threshold");
        vm.assertEq(governor.quorumNumerator(), 4, "quorum numerator");
        vm.assertEq(governor.quorumDenominator(), 100, "quorum denominator");
        vm.assertEq(governor.quorum(_now() - 1), QUORUM, "quorum in tokens");
        vm.assertEq(governor.COUNTING_MODE(), "support=bravo&quorum=for,abstain", "counting mode");
        vm.assertEq(governor.CLOCK_MODE(), "mode=timestamp", "clock mode");
        vm.assertTrue(governor.supportsInterface(type(IGovernor).interfaceId), "IGovernor");
    }

    /// @dev The quorum floor moves only by a passed proposal, is bounded by the supply, and is checkpointed: a
    /// vote already snapshotted keeps its quorum. The numerator changes the same way (OpenZeppelin's module).
    function test_QuorumFloorAndNumerator_ChangedByAVote() public {
        vm.assertEq(governor.quorumFloor(), QUORUM, "the fixture's floor");
        uint256 before = _now() - 1;
        _govern(address(governor), abi.encodeCall(DMEXGovernor.updateQuorumFloor, (5_000_000e18)), "Raise the floor");
        _govern(address(governor), abi.encodeWithSignature("updateQuorumNumerator(uint256)", 60), "60% of votable");
        _skip(1);
        vm.assertEq(governor.quorumFloor(), 5_000_000e18, "new floor");
        vm.assertEq(governor.quorum(before), QUORUM, "a past snapshot keeps its quorum");
        vm.assertEq(governor.quorum(_now() - 1), dmc.votableSupply() * 60 / 100, "60% of the 10M that can vote");
        // A floor above the supply would stop every vote: refused, nothing changed.
        Proposal memory p = _proposal(
            address(governor), abi.encodeCall(DMEXGovernor.updateQuorumFloor, (100_000_001e18)), "Too high"
        );
        _propose(alice, p);
        _skip(VOTING_DELAY + 1);
        _vote(alice, p.id, 1);
        _vote(bob, p.id, 1);
        _vote(carol, p.id, 1);
        _skip(VOTING_PERIOD);
        _queue(p);
        _skip(MIN_DELAY);
        vm.expectRevert(
            abi.encodeWithSelector(DMEXGovernor.DMEXGovernorInvalidQuorumFloor.selector, 100_000_001e18, 100_000_000e18)
        );
        _execute(p);
        vm.assertEq(governor.quorumFloor(), 5_000_000e18, "unchanged");
    }

    function test_Deployment_TimelockRoles() public view {
        bytes32 proposer = timelock.PROPOSER_ROLE();
        bytes32 canceller = timelock.CANCELLER_ROLE();
        bytes32 executor = timelock.EXECUTOR_ROLE();
        bytes32 admin = timelock.DEFAULT_ADMIN_ROLE();
        vm.assertTrue(timelock.hasRole(proposer, address(governor)), "governor proposes");
        vm.assertTrue(timelock.hasRole(canceller, address(governor)), "governor cancels");
        vm.assertTrue(timelock.hasRole(proposer, address(gate)), "council proposes through its gate (phase 1)");
        vm.assertTrue(timelock.hasRole(canceller, address(gate)), "council cancels through its gate");
        vm.assertFalse(timelock.hasRole(proposer, address(council)), "the council itself holds no timelock role");
        vm.assertFalse(timelock.hasRole(canceller, address(council)), "no canceller role either");
        vm.assertTrue(timelock.hasRole(executor, address(0)), "anyone executes");
        vm.assertTrue(timelock.hasRole(admin, address(timelock)), "timelock administers itself");
        vm.assertEq(timelock.getMinDelay(), MIN_DELAY, "min delay");
    }

    function test_Deployment_DeployerHoldsNoRole() public view {
        bytes32[4] memory roles = [
            timelock.DEFAULT_ADMIN_ROLE(),
            timelock.PROPOSER_ROLE(),
            timelock.CANCELLER_ROLE(),
            timelock.EXECUTOR_ROLE()
        ];
        for (uint256 i; i < roles.length; ++i) {
            vm.assertFalse(timelock.hasRole(roles[i], address(this)), "deployer holds no timelock role");
        }
    }

    function test_RevertWhen_StrangerSchedulesOnTimelock() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, alice, timelock.PROPOSER_ROLE()
            )
        );
        vm.prank(alice);
        timelock.schedule(address(target), 0, abi.encodeCall(Target.setValue, (1)), 0, 0, MIN_DELAY);
    }

    // ================================================================ lifecycle

    function test_Lifecycle_ProposeVoteQueueExecute() public {
        Proposal memory p = _proposal(address(target), abi.encodeCall(Target.setValue, (42)), "Set value to 42");
        uint256 proposedAt = _now();

        vm.expectEmit(false, false, false, true, address(governor));
        emit IGovernor.ProposalCreated(
            p.id,
            alice,
            p.targets,
            p.values,
            new string[](1),
            p.calldatas,
            proposedAt + VOTING_DELAY,
            proposedAt + VOTING_DELAY + VOTING_PERIOD,
            p.description
        );
        uint256 id = _propose(alice, p);
        vm.assertEq(id, p.id, "id == hashProposal");
        vm.assertEq(governor.proposalProposer(id), alice, "proposer");
        vm.assertEq(governor.proposalSnapshot(id), proposedAt + VOTING_DELAY, "snapshot");
        vm.assertEq(governor.proposalDeadline(id), proposedAt + VOTING_DELAY + VOTING_PERIOD, "deadline");
        vm.assertTrue(governor.proposalNeedsQueuing(id), "needs queuing");
        _assertState(id, IGovernor.ProposalState.Pending, "pending after propose");

        vm.warp(proposedAt + VOTING_DELAY);
        _assertState(id, IGovernor.ProposalState.Pending, "pending at the snapshot");
        _skip(1);
        _assertState(id, IGovernor.ProposalState.Active, "active after the snapshot");

        vm.expectEmit(true, false, false, true, address(governor));
        emit IGovernor.VoteCast(alice, id, 1, ALICE_VOTES, "");
        _vote(alice, id, 1); // for
        vm.expectEmit(true, false, false, true, address(governor));
        emit IGovernor.VoteCast(bob, id, 0, BOB_VOTES, "too early");
        vm.prank(bob);
        governor.castVoteWithReason(id, 0, "too early"); // against
        vm.prank(carol);
        governor.castVoteWithReason(id, 2, "no opinion"); // abstain

        (uint256 against, uint256 forVotes, uint256 abstain) = governor.proposalVotes(id);
        vm.assertEq(against, BOB_VOTES, "against");
        vm.assertEq(forVotes, ALICE_VOTES, "for");
        vm.assertEq(abstain, CAROL_VOTES, "abstain");
        vm.assertTrue(governor.hasVoted(id, alice) && governor.hasVoted(id, bob), "voted");
        vm.assertFalse(governor.hasVoted(id, dave), "dave did not vote");

        vm.warp(governor.proposalDeadline(id));
        _assertState(id, IGovernor.ProposalState.Active, "active at the deadline");
        _skip(1);
        _assertState(id, IGovernor.ProposalState.Succeeded, "succeeded: quorum 4.5M, for 3M > against 2M");

        vm.expectEmit(false, false, false, true, address(governor));
        emit IGovernor.ProposalQueued(id, _now() + MIN_DELAY);
        _queue(p);
        _assertState(id, IGovernor.ProposalState.Queued, "queued");
        vm.assertEq(governor.proposalEta(id), _now() + MIN_DELAY, "eta");
        bytes32 opId = _timelockId(p);
        vm.assertTrue(timelock.isOperationPending(opId), "operation pending on the timelock");

        vm.warp(governor.proposalEta(id));
        vm.expectEmit(false, false, false, true, address(governor));
        emit IGovernor.ProposalExecuted(id);
        vm.prank(dave); // anyone may execute
        _execute(p);
        _assertState(id, IGovernor.ProposalState.Executed, "executed");
        vm.assertEq(target.value(), 42, "the timelock made the call");
        vm.assertTrue(timelock.isOperationDone(opId), "operation done");
    }

    /// @dev A real protocol parameter: the Marketplace fee, when the Marketplace admin is the timelock.
    function test_Lifecycle_ChangesMarketplaceFee() public {
        MockUSDT usdt = new MockUSDT();
        HashrateNFT nft = new HashrateNFT(address(timelock), "ipfs://");
        RevenueEscrow escrow = new RevenueEscrow(address(timelock), nft, usdt);
        Marketplace market =
            new Marketplace(address(timelock), nft, usdt, address(0x7EA), 200, 500, escrow, address(0x1F5), 0);

        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, alice, market.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(alice);
        market.setFeeBps(300);

        _govern(address(market), abi.encodeCall(Marketplace.setFeeBps, (300)), "Raise the trading fee to 3%");
        vm.assertEq(market.feeBps(), 300, "fee changed by governance");
    }

    /// @dev The mining reserve held by the timelock moves only by a passed proposal.
    function test_Lifecycle_SpendsFromTheMiningReserve() public {
        address grantee = address(0x6EA7);
        _govern(address(dmc), abi.encodeCall(dmc.transfer, (grantee, 250_000e18)), "Mining grant");
        vm.assertEq(dmc.balanceOf(grantee), 250_000e18, "grant paid");
        vm.assertEq(dmc.balanceOf(address(timelock)), MINING_RESERVE - 250_000e18, "reserve reduced");
    }

    /// @dev Governor settings are `onlyGovernance`: only a proposal executed by the timelock changes them.
    function test_Lifecycle_ChangesGovernorSettings() public {
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, alice));
        vm.prank(alice);
        governor.setVotingPeriod(7 days);

        _govern(address(governor), abi.encodeCall(governor.setVotingPeriod, (7 days)), "Longer votes");
        vm.assertEq(governor.votingPeriod(), 7 days, "voting period changed");
    }

    // ================================================================ outcomes

    function test_Defeated_WhenQuorumNotReached() public {
        Proposal memory p = _proposal(address(target), abi.encodeCall(Target.setValue, (1)), "Low turnout");
        _propose(alice, p);
        _skip(VOTING_DELAY + 1);
        _vote(bob, p.id, 1); // 2M for
        _vote(carol, p.id, 2); // 1.5M abstain: for + abstain = 3.5M < 4M
        _skip(VOTING_PERIOD);
        _assertState(p.id, IGovernor.ProposalState.Defeated, "quorum not reached");

        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                p.id,
                IGovernor.ProposalState.Defeated,
                _bitmap(IGovernor.ProposalState.Succeeded)
            )
        );
        _queue(p);
    }

    function test_Defeated_WhenAgainstWins() public {
        Proposal memory p = _proposal(address(target), abi.encodeCall(Target.setValue, (1)), "Contested");
        _propose(alice, p);
        _skip(VOTING_DELAY + 1);
        _vote(carol, p.id, 1); // 1.5M for
        _vote(bob, p.id, 0); // 2M against
        _vote(alice, p.id, 2); // 3M abstain: quorum (for + abstain = 4.5M) is reached
        _skip(VOTING_PERIOD);
        (uint256 against, uint256 forVotes, uint256 abstain) = governor.proposalVotes(p.id);
        vm.assertGe(forVotes + abstain, governor.quorum(governor.proposalSnapshot(p.id)), "quorum reached");
        vm.assertGt(against, forVotes, "against wins");
        _assertState(p.id, IGovernor.ProposalState.Defeated, "against > for");
    }

    function test_Defeated_WhenNobodyVotes() public {
        Proposal memory p = _proposal(address(target), abi.encodeCall(Target.setValue, (1)), "Silence");
        _propose(alice, p);
        _skip(VOTING_DELAY + VOTING_PERIOD + 1);
        _assertState(p.id, IGovernor.ProposalState.Defeated, "no votes");
    }

    /// @dev For any for/against/abstain weights: Succeeded iff for + abstain >= quorum and for > against.
    /// forge-config: default.fuzz.runs = 256
    function testFuzz_OutcomeFollowsQuorumAndMajority(uint256 forVotes, uint256 againstVotes, uint256 abstainVotes)
        public
    {
        forVotes = bound(forVotes, 0, 3_000_000e18);
        againstVotes = bound(againstVotes, 0, 3_000_000e18);
        abstainVotes = bound(abstainVotes, 0, 3_000_000e18);
        address[3] memory voters = [address(0xF1), address(0xF2), address(0xF3)];
        uint256[3] memory weights = [againstVotes, forVotes, abstainVotes]; // index == support
        for (uint256 i; i < 3; ++i) {
            vm.prank(insuranceFund);
            dmc.transfer(voters[i], weights[i]);
            vm.prank(voters[i]);
            dmc.delegate(voters[i]);
        }
        _skip(1);

        Proposal memory p = _proposal(address(target), abi.encodeCall(Target.setValue, (1)), "Fuzzed vote");
        _propose(alice, p);
        _skip(VOTING_DELAY + 1);
        for (uint256 i; i < 3; ++i) {
            vm.prank(voters[i]);
            uint256 weight = governor.castVote(p.id, uint8(i));
            vm.assertEq(weight, weights[i], "weight at snapshot");
        }
        _skip(VOTING_PERIOD);

        bool passes = forVotes + abstainVotes >= QUORUM && forVotes > againstVotes;
        _assertState(
            p.id, passes ? IGovernor.ProposalState.Succeeded : IGovernor.ProposalState.Defeated, "outcome"
        );
    }

    // ================================================================ thresholds and timing

    function test_RevertWhen_ProposerBelowThreshold() public {
        Proposal memory p = _proposal(address(target), abi.encodeCall(Target.setValue, (1)), "Too small");
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorInsufficientProposerVotes.selector, dave, DAVE_VOTES, PROPOSAL_THRESHOLD
            )
        );
        _propose(dave, p);
    }

    function test_Propose_AtExactlyTheThreshold() public {
        vm.prank(foundation);
        dmc.transfer(dave, PROPOSAL_THRESHOLD - DAVE_VOTES);
        _skip(1); // the threshold is checked one second in the past
        Proposal memory p = _proposal(address(target), abi.encodeCall(Target.setValue, (1)), "Just enough");
        _propose(dave, p);
        _assertState(p.id, IGovernor.ProposalState.Pending, "proposed");
    }

    function test_RevertWhen_ProposerVotesAreFromThisSecond() public {
        address fresh = address(0xF4E5);
        vm.prank(foundation);
        dmc.transfer(fresh, PROPOSAL_THRESHOLD);
        vm.prank(fresh);
        dmc.delegate(fresh);
        Proposal memory p = _proposal(address(target), abi.encodeCall(Target.setValue, (1)), "Flash");
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorInsufficientProposerVotes.selector, fresh, 0, PROPOSAL_THRESHOLD
            )
        );
        _propose(fresh, p);
    }

    function test_RevertWhen_SameProposalTwice() public {
        Proposal memory p = _proposal(address(target), abi.encodeCall(Target.setValue, (1)), "Once");
        _propose(alice, p);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector, p.id, IGovernor.ProposalState.Pending, bytes32(0)
            )
        );
        _propose(bob, p);
    }

    function test_RevertWhen_VotingWhilePending() public {
        Proposal memory p = _proposal(address(target), abi.encodeCall(Target.setValue, (1)), "Early");
        _propose(alice, p);
        _skip(VOTING_DELAY); // at the snapshot: still pending
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                p.id,
                IGovernor.ProposalState.Pending,
                _bitmap(IGovernor.ProposalState.Active)
            )
        );
        _vote(alice, p.id, 1);
    }

    function test_RevertWhen_VotingAfterDeadline() public {
        Proposal memory p = _proposal(address(target), abi.encodeCall(Target.setValue, (1)), "Late");
        _propose(alice, p);
        _skip(VOTING_DELAY + 1);
        _vote(alice, p.id, 1);
        _vote(bob, p.id, 1);
        _skip(VOTING_PERIOD);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                p.id,
                IGovernor.ProposalState.Succeeded,
                _bitmap(IGovernor.ProposalState.Active)
            )
        );
        _vote(carol, p.id, 0);
    }

    function test_RevertWhen_VotingTwice() public {
        Proposal memory p = _proposal(address(target), abi.encodeCall(Target.setValue, (1)), "Twice");
        _propose(alice, p);
        _skip(VOTING_DELAY + 1);
        _vote(alice, p.id, 1);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorAlreadyCastVote.selector, alice));
        _vote(alice, p.id, 0);
    }

    function test_RevertWhen_InvalidVoteType() public {
        Proposal memory p = _proposal(address(target), abi.encodeCall(Target.setValue, (1)), "Bad support");
        _propose(alice, p);
        _skip(VOTING_DELAY + 1);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidVoteType.selector));
        _vote(alice, p.id, 3);
    }

    function test_RevertWhen_QueueWhileActive() public {
        Proposal memory p = _proposal(address(target), abi.encodeCall(Target.setValue, (1)), "Hurry");
        _propose(alice, p);
        _skip(VOTING_DELAY + 1);
        _vote(alice, p.id, 1);
        _vote(bob, p.id, 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                p.id,
                IGovernor.ProposalState.Active,
                _bitmap(IGovernor.ProposalState.Succeeded)
            )
        );
        _queue(p);
    }

    function test_RevertWhen_ExecuteWithoutQueue() public {
        Proposal memory p = _proposal(address(target), abi.encodeCall(Target.setValue, (1)), "Skip the queue");
        _propose(alice, p);
        _skip(VOTING_DELAY + 1);
        _vote(alice, p.id, 1);
        _vote(bob, p.id, 1);
        _skip(VOTING_PERIOD);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                p.id,
                IGovernor.ProposalState.Succeeded,
                _bitmap(IGovernor.ProposalState.Queued)
            )
        );
        _execute(p);
    }

    function test_RevertWhen_ExecuteBeforeTimelockDelay() public {
        Proposal memory p = _proposal(address(target), abi.encodeCall(Target.setValue, (1)), "Patience");
        _propose(alice, p);
        _skip(VOTING_DELAY + 1);
        _vote(alice, p.id, 1);
        _vote(bob, p.id, 1);
        _skip(VOTING_PERIOD);
        _queue(p);
        _skip(MIN_DELAY - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                TimelockController.TimelockUnexpectedOperationState.selector,
                _timelockId(p),
                bytes32(1 << uint8(TimelockController.OperationState.Ready))
            )
        );
        _execute(p);
        _assertState(p.id, IGovernor.ProposalState.Queued, "still queued");
        _skip(1);
        _execute(p);
        vm.assertEq(target.value(), 1, "executed at the eta");
    }

    function test_RevertWhen_ExecuteTwice() public {
        Proposal memory p = _govern(address(target), abi.encodeCall(Target.setValue, (1)), "Once only");
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                p.id,
                IGovernor.ProposalState.Executed,
                _bitmap(IGovernor.ProposalState.Queued)
            )
        );
        _execute(p);
    }

    function test_RevertWhen_TimelockTargetCalledDirectly() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        target.setValue(1);
    }

    // ================================================================ snapshots and cancellation

    /// @dev Votes are weighed at the snapshot: tokens moved after it neither add nor remove weight.
    function test_VotesAreWeighedAtTheSnapshot() public {
        Proposal memory p = _proposal(address(target), abi.encodeCall(Target.setValue, (1)), "Snapshot");
        _propose(alice, p);
        _skip(VOTING_DELAY + 1);
        vm.prank(alice);
        dmc.transfer(dave, ALICE_VOTES); // after the snapshot
        _vote(alice, p.id, 1);
        _vote(dave, p.id, 1);
        (, uint256 forVotes,) = governor.proposalVotes(p.id);
        vm.assertEq(forVotes, ALICE_VOTES + DAVE_VOTES, "weights at the snapshot");
    }

    function test_Cancel_ByProposerWhilePending() public {
        Proposal memory p = _proposal(address(target), abi.encodeCall(Target.setValue, (1)), "Oops");
        _propose(alice, p);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, p.id, bob));
        vm.prank(bob);
        governor.cancel(p.targets, p.values, p.calldatas, p.descriptionHash);

        vm.prank(alice);
        governor.cancel(p.targets, p.values, p.calldatas, p.descriptionHash);
        _assertState(p.id, IGovernor.ProposalState.Canceled, "canceled");
    }

    function test_RevertWhen_ProposerCancelsOnceActive() public {
        Proposal memory p = _proposal(address(target), abi.encodeCall(Target.setValue, (1)), "Too late");
        _propose(alice, p);
        _skip(VOTING_DELAY + 1);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, p.id, alice));
        vm.prank(alice);
        governor.cancel(p.targets, p.values, p.calldatas, p.descriptionHash);
    }

    function test_RevertWhen_GovernorReceivesEther() public {
        vm.deal(alice, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorDisabledDeposit.selector));
        vm.prank(alice);
        (bool ok,) = address(governor).call{value: 1 ether}("");
        vm.assertTrue(ok, "forge reports the expected revert as a successful call");
        vm.assertEq(address(governor).balance, 0, "no ETH kept");
    }

    // ================================================================ helpers

    function _assertState(uint256 id, IGovernor.ProposalState expected, string memory message) internal view {
        vm.assertEq(uint256(governor.state(id)), uint256(expected), message);
    }

    function _bitmap(IGovernor.ProposalState s) internal pure returns (bytes32) {
        return bytes32(1 << uint8(s));
    }

    function _timelockId(Proposal memory p) internal view returns (bytes32) {
        bytes32 salt = bytes20(address(governor)) ^ p.descriptionHash;
        return timelock.hashOperationBatch(p.targets, p.values, p.calldatas, 0, salt);
    }
}
