// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {GovernanceFixture} from "./utils/GovernanceFixture.sol";
import {Target} from "./mocks/Target.sol";
import {ReentrantMember} from "./mocks/ReentrantMember.sol";
import {Council} from "../src/Council.sol";
import {CouncilGate} from "../src/CouncilGate.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @notice The council multisig: constructor checks, submit / approve / revoke / execute / cancel, approval
/// counting across member replacements, membership changes only through the timelock, phase 1 (the council
/// schedules on the timelock) and the phase 2 handover (the DAO revokes its proposer role; it keeps cancelling).
contract CouncilTest is GovernanceFixture {
    address internal stranger = address(0x5757);
    address internal newcomer = address(0x4E1);

    // ================================================================ constructor

    function test_Constructor_SetsMembersThresholdAndGovernance() public view {
        address[] memory m = council.members();
        vm.assertEq(m.length, COUNCIL_SIZE, "seven members");
        for (uint256 i; i < m.length; ++i) {
            vm.assertEq(m[i], councilMembers[i], "member order");
            vm.assertTrue(council.isMember(m[i]), "isMember");
        }
        vm.assertFalse(council.isMember(stranger), "stranger");
        vm.assertFalse(council.isMember(address(0)), "zero address");
        vm.assertEq(council.threshold(), COUNCIL_THRESHOLD, "threshold 4");
        vm.assertEq(council.governance(), address(timelock), "governance is the timelock");
        vm.assertEq(council.transactionCount(), 0, "no transaction");
    }

    function test_Constructor_EmitsMembersAndThreshold() public {
        address[] memory m = _addresses(2);
        vm.expectEmit(true, false, false, true);
        emit Council.MemberAdded(m[0]);
        vm.expectEmit(true, false, false, true);
        emit Council.MemberAdded(m[1]);
        vm.expectEmit(false, false, false, true);
        emit Council.ThresholdChanged(0, 2);
        new Council(m, 2, address(timelock));
    }

    function test_Constructor_AcceptsTwentyMembers() public {
        Council c = new Council(_addresses(20), 20, address(timelock));
        vm.assertEq(c.members().length, 20, "twenty");
    }

    function test_RevertWhen_ConstructorTooManyMembers() public {
        vm.expectRevert(abi.encodeWithSelector(Council.CouncilTooManyMembers.selector, 21, 20));
        new Council(_addresses(21), 4, address(timelock));
    }

    function test_RevertWhen_ConstructorGovernanceIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(Council.CouncilInvalidGovernance.selector));
        new Council(councilMembers, 4, address(0));
    }

    function test_RevertWhen_ConstructorMemberIsZero() public {
        address[] memory m = _addresses(3);
        m[1] = address(0);
        vm.expectRevert(abi.encodeWithSelector(Council.CouncilInvalidMember.selector, address(0)));
        new Council(m, 2, address(timelock));
    }

    function test_RevertWhen_ConstructorDuplicateMember() public {
        address[] memory m = _addresses(3);
        m[2] = m[0];
        vm.expectRevert(abi.encodeWithSelector(Council.CouncilDuplicateMember.selector, m[0]));
        new Council(m, 2, address(timelock));
    }

    function test_RevertWhen_ConstructorThresholdIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(Council.CouncilInvalidThreshold.selector, 0, 7));
        new Council(councilMembers, 0, address(timelock));
    }

    function test_RevertWhen_ConstructorThresholdAboveMembers() public {
        vm.expectRevert(abi.encodeWithSelector(Council.CouncilInvalidThreshold.selector, 8, 7));
        new Council(councilMembers, 8, address(timelock));
    }

    function test_RevertWhen_ConstructorHasNoMembers() public {
        vm.expectRevert(abi.encodeWithSelector(Council.CouncilInvalidThreshold.selector, 1, 0));
        new Council(new address[](0), 1, address(timelock));
    }

    // ================================================================ phase 1: the council schedules on the timelock

    /// @dev The core rule: 3 approvals of 7 cannot execute, the 4th makes it executable; the council's call
    /// schedules an operation on the timelock through its gate, which anyone executes once the delay has passed.
    function test_Phase1_ThreeApprovalsCannotExecuteFourCan() public {
        bytes memory call = abi.encodeCall(Target.setValue, (7));
        uint256 id = _councilSubmit(0, 3, address(gate), 0, _scheduleCall(address(target), call, "op-1"));
        vm.assertEq(council.transaction(id).approvalCount, 3, "three approvals");

        vm.expectRevert(abi.encodeWithSelector(Council.CouncilInsufficientApprovals.selector, id, 3, 4));
        vm.prank(councilMembers[0]);
        council.execute(id);

        vm.prank(councilMembers[3]);
        council.approve(id);
        vm.expectEmit(true, true, false, true, address(council));
        emit Council.Executed(id, councilMembers[6]);
        vm.prank(councilMembers[6]); // any member executes, approver or not
        council.execute(id);

        bytes32 opId = timelock.hashOperation(address(target), 0, call, bytes32(0), "op-1");
        vm.assertTrue(timelock.isOperationPending(opId), "scheduled on the timelock");
        vm.assertTrue(council.transaction(id).executed, "marked executed");

        _skip(MIN_DELAY - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                TimelockController.TimelockUnexpectedOperationState.selector,
                opId,
                bytes32(1 << uint8(TimelockController.OperationState.Ready))
            )
        );
        timelock.execute(address(target), 0, call, bytes32(0), "op-1");

        _skip(1);
        vm.prank(stranger); // executors = [address(0)]: anyone
        timelock.execute(address(target), 0, call, bytes32(0), "op-1");
        vm.assertEq(target.value(), 7, "executed by the timelock");
    }

    function test_RevertWhen_ExecutedTwice() public {
        uint256 id = _councilSubmit(0, 4, address(target), 0, abi.encodeCall(Target.ping, ()));
        vm.prank(councilMembers[0]);
        council.execute(id);
        vm.expectRevert(abi.encodeWithSelector(Council.CouncilTransactionExecuted.selector, id));
        vm.prank(councilMembers[1]);
        council.execute(id);
        vm.assertEq(target.pings(), 1, "ran once");
    }

    /// @dev Phase 1 veto: the council (CANCELLER_ROLE) cancels a governor proposal queued on the timelock.
    function test_Phase1_CouncilCancelsAQueuedGovernorProposal() public {
        Proposal memory p = _proposal(address(target), abi.encodeCall(Target.setValue, (9)), "Risky change");
        _passAndQueue(p);
        bytes32 opId = _governorOpId(p);
        uint256 id = _councilSubmit(0, 4, address(gate), 0, _cancelProposalCall(p));
        vm.prank(councilMembers[0]);
        council.execute(id);

        vm.assertFalse(timelock.isOperation(opId), "operation removed");
        vm.assertEq(uint256(governor.state(p.id)), uint256(IGovernor.ProposalState.Canceled), "proposal canceled");
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                p.id,
                IGovernor.ProposalState.Canceled,
                bytes32(1 << uint8(IGovernor.ProposalState.Queued))
            )
        );
        _execute(p);
        vm.assertEq(target.value(), 0, "never ran");
    }

    // ================================================================ access

    function test_RevertWhen_NonMemberSubmits() public {
        vm.expectRevert(abi.encodeWithSelector(Council.CouncilNotMember.selector, stranger));
        vm.prank(stranger);
        council.submit(address(target), 0, "", "");
    }

    function test_RevertWhen_NonMemberApprovesRevokesExecutesOrCancels() public {
        uint256 id = _councilSubmit(0, 4, address(target), 0, abi.encodeCall(Target.ping, ()));
        bytes memory notMember = abi.encodeWithSelector(Council.CouncilNotMember.selector, stranger);
        vm.startPrank(stranger);
        vm.expectRevert(notMember);
        council.approve(id);
        vm.expectRevert(notMember);
        council.revokeApproval(id);
        vm.expectRevert(notMember);
        council.execute(id);
        vm.expectRevert(notMember);
        council.cancel(id);
        vm.stopPrank();
    }

    function test_RevertWhen_SubmitToZeroTarget() public {
        vm.expectRevert(abi.encodeWithSelector(Council.CouncilInvalidTarget.selector));
        vm.prank(councilMembers[0]);
        council.submit(address(0), 0, "", "");
    }

    function test_RevertWhen_UnknownTransaction() public {
        bytes memory unknown = abi.encodeWithSelector(Council.CouncilUnknownTransaction.selector, 0);
        vm.startPrank(councilMembers[0]);
        vm.expectRevert(unknown);
        council.approve(0);
        vm.expectRevert(unknown);
        council.execute(0);
        vm.expectRevert(unknown);
        council.transaction(0);
        vm.expectRevert(unknown);
        council.hasApproved(0, councilMembers[0]);
        vm.stopPrank();
    }

    // ================================================================ submit, approve, revoke

    function test_Submit_StoresTheTransactionAndCountsTheSubmitter() public {
        bytes memory data = abi.encodeCall(Target.ping, ());
        vm.expectEmit(true, true, true, true, address(council));
        emit Council.Submitted(0, councilMembers[2], address(target), 5, data, "Ping the target");
        vm.expectEmit(true, true, false, true, address(council));
        emit Council.Approved(0, councilMembers[2]);
        vm.prank(councilMembers[2]);
        uint256 id = council.submit(address(target), 5, data, "Ping the target");

        vm.assertEq(id, 0, "first id");
        vm.assertEq(council.transactionCount(), 1, "count");
        Council.TransactionInfo memory t = council.transaction(id);
        vm.assertEq(t.target, address(target), "target");
        vm.assertEq(t.value, 5, "value");
        vm.assertEq(t.data, data, "data");
        vm.assertEq(t.description, "Ping the target", "description");
        vm.assertEq(t.submitter, councilMembers[2], "submitter");
        vm.assertFalse(t.executed, "not executed");
        vm.assertFalse(t.cancelled, "not cancelled");
        vm.assertEq(t.approvalCount, 1, "the submitter's approval counts");
        vm.assertTrue(council.hasApproved(id, councilMembers[2]), "submitter approved");
        vm.assertFalse(council.hasApproved(id, councilMembers[0]), "others not yet");

        vm.prank(councilMembers[0]);
        vm.assertEq(council.submit(address(target), 0, "", ""), 1, "ids increase");
    }

    function test_RevertWhen_ApprovingTwice() public {
        uint256 id = _councilSubmit(0, 2, address(target), 0, "");
        vm.expectRevert(abi.encodeWithSelector(Council.CouncilAlreadyApproved.selector, id, councilMembers[0]));
        vm.prank(councilMembers[0]); // the submitter already approved
        council.approve(id);
        vm.expectRevert(abi.encodeWithSelector(Council.CouncilAlreadyApproved.selector, id, councilMembers[1]));
        vm.prank(councilMembers[1]);
        council.approve(id);
    }

    function test_Revoke_DropsTheApproval() public {
        uint256 id = _councilSubmit(0, 4, address(target), 0, abi.encodeCall(Target.ping, ()));
        vm.expectEmit(true, true, false, true, address(council));
        emit Council.ApprovalRevoked(id, councilMembers[1]);
        vm.prank(councilMembers[1]);
        council.revokeApproval(id);
        vm.assertFalse(council.hasApproved(id, councilMembers[1]), "revoked");
        vm.assertEq(council.transaction(id).approvalCount, 3, "three left");

        vm.expectRevert(abi.encodeWithSelector(Council.CouncilInsufficientApprovals.selector, id, 3, 4));
        vm.prank(councilMembers[0]);
        council.execute(id);

        vm.prank(councilMembers[1]); // changes their mind again
        council.approve(id);
        vm.prank(councilMembers[0]);
        council.execute(id);
        vm.assertEq(target.pings(), 1, "executed");
    }

    function test_RevertWhen_RevokingWithoutApproval() public {
        uint256 id = _councilSubmit(0, 1, address(target), 0, "");
        vm.expectRevert(abi.encodeWithSelector(Council.CouncilNotApproved.selector, id, councilMembers[5]));
        vm.prank(councilMembers[5]);
        council.revokeApproval(id);
    }

    function test_RevertWhen_ApprovingOrRevokingAnExecutedTransaction() public {
        uint256 id = _councilSubmit(0, 4, address(target), 0, abi.encodeCall(Target.ping, ()));
        vm.prank(councilMembers[0]);
        council.execute(id);
        bytes memory executed = abi.encodeWithSelector(Council.CouncilTransactionExecuted.selector, id);
        vm.expectRevert(executed);
        vm.prank(councilMembers[5]);
        council.approve(id);
        vm.expectRevert(executed);
        vm.prank(councilMembers[0]);
        council.revokeApproval(id);
    }

    // ================================================================ execute

    function test_Execute_BubblesTheCallsRevertData() public {
        uint256 id = _councilSubmit(0, 4, address(target), 0, abi.encodeCall(Target.fail, (7)));
        vm.expectRevert(abi.encodeWithSelector(Target.TargetAlwaysFails.selector, 7));
        vm.prank(councilMembers[0]);
        council.execute(id);
        vm.assertFalse(council.transaction(id).executed, "still pending after a failed call");
    }

    function test_Execute_CustomErrorWhenTheCallRevertsWithoutData() public {
        uint256 id = _councilSubmit(0, 4, address(target), 0, abi.encodeCall(Target.failWithoutData, ()));
        vm.expectRevert(abi.encodeWithSelector(Council.CouncilCallFailed.selector, id));
        vm.prank(councilMembers[0]);
        council.execute(id);
    }

    function test_Execute_SendsEtherHeldByTheCouncil() public {
        vm.deal(stranger, 2 ether);
        vm.expectEmit(true, false, false, true, address(council));
        emit Council.Received(stranger, 2 ether);
        vm.prank(stranger);
        (bool ok,) = address(council).call{value: 2 ether}("");
        vm.assertTrue(ok, "council receives ETH");

        uint256 id = _councilSubmit(0, 4, address(target), 1.5 ether, abi.encodeCall(Target.ping, ()));
        vm.prank(councilMembers[0]);
        council.execute(id);
        vm.assertEq(address(target).balance, 1.5 ether, "value sent");
        vm.assertEq(address(council).balance, 0.5 ether, "rest kept");
    }

    function test_Execute_ReturnsTheCallsResult() public {
        uint256 id = _councilSubmit(0, 4, address(target), 0, abi.encodeWithSignature("pings()"));
        target.ping();
        vm.prank(councilMembers[0]);
        bytes memory result = council.execute(id);
        vm.assertEq(abi.decode(result, (uint256)), 1, "return data");
    }

    /// @dev The executed call re-enters `execute` for the same transaction: stopped by the guard (and, behind it,
    /// by the executed flag that is set before the call).
    function test_RevertWhen_ExecuteReenters() public {
        ReentrantMember attacker = new ReentrantMember(council);
        vm.prank(address(timelock));
        council.addMember(address(attacker));
        uint256 id = council.transactionCount();
        vm.prank(councilMembers[0]);
        council.submit(address(attacker), 0, abi.encodeCall(ReentrantMember.attack, (id)), "re-enter");
        for (uint256 i = 1; i < 4; ++i) {
            vm.prank(councilMembers[i]);
            council.approve(id);
        }
        vm.expectRevert(abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector));
        vm.prank(councilMembers[0]);
        council.execute(id);
        vm.assertFalse(council.transaction(id).executed, "rolled back");
    }

    /// @dev A threshold change applies to pending transactions.
    function test_Execute_UsesTheThresholdAtExecutionTime() public {
        uint256 id = _councilSubmit(0, 4, address(target), 0, abi.encodeCall(Target.ping, ()));
        vm.prank(address(timelock));
        council.setThreshold(5);
        vm.expectRevert(abi.encodeWithSelector(Council.CouncilInsufficientApprovals.selector, id, 4, 5));
        vm.prank(councilMembers[0]);
        council.execute(id);
    }

    // ================================================================ cancel

    function test_Cancel_BySubmitter() public {
        uint256 id = _councilSubmit(0, 4, address(target), 0, abi.encodeCall(Target.ping, ()));
        vm.expectRevert(
            abi.encodeWithSelector(Council.CouncilNotSubmitter.selector, id, councilMembers[1], councilMembers[0])
        );
        vm.prank(councilMembers[1]);
        council.cancel(id);

        vm.expectEmit(true, true, false, true, address(council));
        emit Council.Cancelled(id, councilMembers[0]);
        vm.prank(councilMembers[0]);
        council.cancel(id);
        vm.assertTrue(council.transaction(id).cancelled, "cancelled");

        bytes memory cancelled = abi.encodeWithSelector(Council.CouncilTransactionCancelled.selector, id);
        vm.expectRevert(cancelled);
        vm.prank(councilMembers[1]);
        council.execute(id);
        vm.expectRevert(cancelled);
        vm.prank(councilMembers[5]);
        council.approve(id);
        vm.expectRevert(cancelled);
        vm.prank(councilMembers[0]);
        council.cancel(id);
    }

    function test_RevertWhen_CancelAfterExecution() public {
        uint256 id = _councilSubmit(0, 4, address(target), 0, abi.encodeCall(Target.ping, ()));
        vm.prank(councilMembers[0]);
        council.execute(id);
        vm.expectRevert(abi.encodeWithSelector(Council.CouncilTransactionExecuted.selector, id));
        vm.prank(councilMembers[0]);
        council.cancel(id);
    }

    function test_RevertWhen_RemovedSubmitterCancels() public {
        uint256 id = _councilSubmit(0, 1, address(target), 0, "");
        vm.prank(address(timelock));
        council.replaceMember(councilMembers[0], newcomer);
        vm.expectRevert(abi.encodeWithSelector(Council.CouncilNotMember.selector, councilMembers[0]));
        vm.prank(councilMembers[0]);
        council.cancel(id);
    }

    // ================================================================ membership (governance only)

    function test_RevertWhen_MembershipChangedByAnyoneButGovernance() public {
        address[2] memory callers = [councilMembers[0], stranger];
        for (uint256 i; i < callers.length; ++i) {
            bytes memory notGov = abi.encodeWithSelector(Council.CouncilNotGovernance.selector, callers[i]);
            vm.startPrank(callers[i]);
            vm.expectRevert(notGov);
            council.replaceMember(councilMembers[1], newcomer);
            vm.expectRevert(notGov);
            council.addMember(newcomer);
            vm.expectRevert(notGov);
            council.removeMember(councilMembers[1]);
            vm.expectRevert(notGov);
            council.setThreshold(3);
            vm.stopPrank();
        }
    }

    /// @dev A replaced member's approval stops counting at once; the newcomer's approval counts; re-electing the
    /// old member later does not revive the old approval.
    function test_ReplacedMembersApprovalNoLongerCounts() public {
        uint256 id = _councilSubmit(0, 4, address(target), 0, abi.encodeCall(Target.ping, ()));
        address replaced = councilMembers[2];

        vm.expectEmit(true, false, false, true, address(council));
        emit Council.MemberRemoved(replaced);
        vm.expectEmit(true, false, false, true, address(council));
        emit Council.MemberAdded(newcomer);
        vm.prank(address(timelock));
        council.replaceMember(replaced, newcomer);

        vm.assertFalse(council.isMember(replaced), "replaced");
        vm.assertTrue(council.isMember(newcomer), "elected");
        vm.assertFalse(council.hasApproved(id, replaced), "ex-member's approval does not count");
        vm.assertEq(council.transaction(id).approvalCount, 3, "three current approvals");
        vm.expectRevert(abi.encodeWithSelector(Council.CouncilInsufficientApprovals.selector, id, 3, 4));
        vm.prank(councilMembers[0]);
        council.execute(id);

        // Re-elected: still not counted, a fresh approval is needed.
        vm.prank(address(timelock));
        council.replaceMember(councilMembers[3], replaced);
        vm.assertFalse(council.hasApproved(id, replaced), "old approval not revived");
        vm.assertEq(council.transaction(id).approvalCount, 2, "members 0 and 1 only");

        vm.prank(newcomer);
        council.approve(id);
        vm.prank(replaced);
        council.approve(id);
        vm.assertEq(council.transaction(id).approvalCount, 4, "four current approvals");
        vm.prank(newcomer);
        council.execute(id);
        vm.assertEq(target.pings(), 1, "executed");
    }

    /// @dev The way the DAO re-elects the council: a governor proposal that calls `council.replaceMember`.
    function test_ReplaceMember_ThroughAGovernorProposal() public {
        _govern(
            address(council),
            abi.encodeCall(Council.replaceMember, (councilMembers[6], newcomer)),
            "Council election: seat 7"
        );
        vm.assertFalse(council.isMember(councilMembers[6]), "old seat holder out");
        vm.assertTrue(council.isMember(newcomer), "newcomer in");
        vm.assertEq(council.members().length, COUNCIL_SIZE, "still seven");
    }

    function test_AddAndRemoveMembers() public {
        vm.startPrank(address(timelock));
        council.addMember(newcomer);
        vm.assertEq(council.members().length, 8, "eight");
        council.removeMember(councilMembers[0]);
        council.removeMember(councilMembers[1]);
        council.removeMember(councilMembers[2]);
        council.removeMember(councilMembers[3]);
        vm.assertEq(council.members().length, 4, "four left == threshold");
        vm.expectRevert(abi.encodeWithSelector(Council.CouncilInvalidThreshold.selector, 4, 3));
        council.removeMember(councilMembers[4]);
        council.setThreshold(3);
        council.removeMember(councilMembers[4]);
        vm.stopPrank();
        vm.assertEq(council.members().length, 3, "three");
        vm.assertFalse(council.isMember(councilMembers[4]), "removed");
    }

    function test_RevertWhen_AddingBeyondTwentyMembers() public {
        vm.startPrank(address(timelock));
        for (uint256 i; i < 13; ++i) {
            council.addMember(address(uint160(0xE000 + i)));
        }
        vm.assertEq(council.members().length, 20, "twenty");
        vm.expectRevert(abi.encodeWithSelector(Council.CouncilTooManyMembers.selector, 21, 20));
        council.addMember(newcomer);
        vm.stopPrank();
    }

    function test_RevertWhen_MembershipChangesAreInvalid() public {
        vm.startPrank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(Council.CouncilInvalidMember.selector, address(0)));
        council.addMember(address(0));
        vm.expectRevert(abi.encodeWithSelector(Council.CouncilDuplicateMember.selector, councilMembers[1]));
        council.addMember(councilMembers[1]);
        vm.expectRevert(abi.encodeWithSelector(Council.CouncilNotMember.selector, stranger));
        council.removeMember(stranger);
        vm.expectRevert(abi.encodeWithSelector(Council.CouncilNotMember.selector, stranger));
        council.replaceMember(stranger, newcomer);
        vm.expectRevert(abi.encodeWithSelector(Council.CouncilDuplicateMember.selector, councilMembers[2]));
        council.replaceMember(councilMembers[1], councilMembers[2]);
        vm.expectRevert(abi.encodeWithSelector(Council.CouncilInvalidMember.selector, address(0)));
        council.replaceMember(councilMembers[1], address(0));
        vm.expectRevert(abi.encodeWithSelector(Council.CouncilInvalidThreshold.selector, 0, 7));
        council.setThreshold(0);
        vm.expectRevert(abi.encodeWithSelector(Council.CouncilInvalidThreshold.selector, 8, 7));
        council.setThreshold(8);
        vm.stopPrank();
    }

    function test_SetThreshold_EmitsOldAndNew() public {
        vm.expectEmit(false, false, false, true, address(council));
        emit Council.ThresholdChanged(4, 7);
        vm.prank(address(timelock));
        council.setThreshold(7);
        vm.assertEq(council.threshold(), 7, "threshold");
    }

    // ================================================================ phase 2: handover

    /// @dev The DAO revokes the council gate's PROPOSER_ROLE by a governor proposal. The council can no longer
    /// schedule, but the gate keeps CANCELLER_ROLE and the council can still cancel a queued operation.
    function test_Phase2_HandoverKeepsOnlyTheCancellerRole() public {
        bytes32 proposerRole = timelock.PROPOSER_ROLE();
        _govern(
            address(timelock),
            abi.encodeCall(IAccessControl.revokeRole, (proposerRole, address(gate))),
            "Phase 2: the council stops proposing"
        );
        vm.assertFalse(timelock.hasRole(proposerRole, address(gate)), "proposer role revoked");
        vm.assertTrue(timelock.hasRole(timelock.CANCELLER_ROLE(), address(gate)), "canceller role kept");
        vm.assertTrue(timelock.hasRole(proposerRole, address(governor)), "governor still proposes");

        // Scheduling now fails inside the timelock; the council bubbles the timelock's error.
        bytes memory call = abi.encodeCall(Target.setValue, (5));
        uint256 id = _councilSubmit(0, 4, address(gate), 0, _scheduleCall(address(target), call, "after"));
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, address(gate), proposerRole)
        );
        vm.prank(councilMembers[0]);
        council.execute(id);

        // Cancelling a queued governor proposal still works.
        Proposal memory p = _proposal(address(target), abi.encodeCall(Target.setValue, (6)), "Vetoed later");
        _passAndQueue(p);
        uint256 cancelId = _councilSubmit(1, 4, address(gate), 0, _cancelProposalCall(p));
        vm.prank(councilMembers[1]);
        council.execute(cancelId);
        vm.assertEq(uint256(governor.state(p.id)), uint256(IGovernor.ProposalState.Canceled), "vetoed");
    }

    // ================================================================ properties

    /// @dev For any threshold and number of approvals: executable iff approvals >= threshold.
    function testFuzz_ExecutesIffApprovalsReachThreshold(uint256 threshold_, uint256 approvals) public {
        threshold_ = bound(threshold_, 1, COUNCIL_SIZE);
        approvals = bound(approvals, 1, COUNCIL_SIZE);
        vm.prank(address(timelock));
        council.setThreshold(threshold_);
        uint256 id = _councilSubmit(approvals % COUNCIL_SIZE, approvals, address(target), 0, abi.encodeCall(Target.ping, ()));
        vm.assertEq(council.transaction(id).approvalCount, approvals, "approvals counted");

        vm.prank(councilMembers[0]);
        if (approvals < threshold_) {
            vm.expectRevert(
                abi.encodeWithSelector(Council.CouncilInsufficientApprovals.selector, id, approvals, threshold_)
            );
            council.execute(id);
            vm.assertEq(target.pings(), 0, "not executed");
        } else {
            council.execute(id);
            vm.assertEq(target.pings(), 1, "executed");
        }
    }

    /// @dev Members in `approvedMask` approve, then members in `replacedMask` are replaced by newcomers: exactly
    /// the approvals of members still seated count, and execution follows that count.
    function testFuzz_OnlyApprovalsOfCurrentMembersCount(uint8 approvedMask, uint8 replacedMask) public {
        approvedMask = uint8(bound(approvedMask, 1, 127)); // at least one approver (the submitter)
        replacedMask &= 127;
        uint256 submitter;
        while ((approvedMask >> submitter) & 1 == 0) ++submitter;
        vm.prank(councilMembers[submitter]);
        uint256 id = council.submit(address(target), 0, abi.encodeCall(Target.ping, ()), "");
        for (uint256 i = submitter + 1; i < COUNCIL_SIZE; ++i) {
            if ((approvedMask >> i) & 1 == 1) {
                vm.prank(councilMembers[i]);
                council.approve(id);
            }
        }
        for (uint256 i; i < COUNCIL_SIZE; ++i) {
            if ((replacedMask >> i) & 1 == 1) {
                vm.prank(address(timelock));
                council.replaceMember(councilMembers[i], address(uint160(0xE000 + i)));
            }
        }

        uint256 expected = _popcount(approvedMask & ~replacedMask & 127);
        vm.assertEq(council.transaction(id).approvalCount, expected, "only seated approvers count");
        for (uint256 i; i < COUNCIL_SIZE; ++i) {
            bool counts = (approvedMask >> i) & 1 == 1 && (replacedMask >> i) & 1 == 0;
            vm.assertEq(council.hasApproved(id, councilMembers[i]), counts, "hasApproved");
        }

        // Seat 0 executes: its original holder, or the newcomer who replaced them.
        address executor = council.isMember(councilMembers[0]) ? councilMembers[0] : address(uint160(0xE000));
        vm.prank(executor);
        if (expected < COUNCIL_THRESHOLD) {
            vm.expectRevert(
                abi.encodeWithSelector(Council.CouncilInsufficientApprovals.selector, id, expected, COUNCIL_THRESHOLD)
            );
            council.execute(id);
        } else {
            council.execute(id);
            vm.assertEq(target.pings(), 1, "executed");
        }
    }

    // ================================================================ helpers

    function _addresses(uint256 n) internal pure returns (address[] memory a) {
        a = new address[](n);
        for (uint256 i; i < n; ++i) {
            a[i] = address(uint160(0xA000 + i));
        }
    }

    /// @dev The council's call that cancels a queued governor proposal: the whole operation, through the gate.
    function _cancelProposalCall(Proposal memory p) internal view returns (bytes memory) {
        bytes32 salt = bytes20(address(governor)) ^ p.descriptionHash;
        return abi.encodeCall(CouncilGate.cancelBatch, (p.targets, p.values, p.calldatas, bytes32(0), salt));
    }

    function _governorOpId(Proposal memory p) internal view returns (bytes32) {
        bytes32 salt = bytes20(address(governor)) ^ p.descriptionHash;
        return timelock.hashOperationBatch(p.targets, p.values, p.calldatas, 0, salt);
    }

    function _popcount(uint256 x) internal pure returns (uint256 n) {
        for (; x != 0; x >>= 1) {
            n += x & 1;
        }
    }
}
