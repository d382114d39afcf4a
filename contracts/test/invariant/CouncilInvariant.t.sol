// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {GovernanceFixture} from "../utils/GovernanceFixture.sol";
import {CouncilHandler} from "../handlers/CouncilHandler.sol";
import {CallRecorder} from "../mocks/CallRecorder.sol";
import {Council} from "../../src/Council.sol";

/// @dev The shape forge expects from `targetSelectors()` (as in forge-std's StdInvariant).
struct FuzzSelector {
    address addr;
    bytes4[] selectors;
}

/// @notice Stateful invariants of the council, driven by {CouncilHandler}: random members submit, approve,
/// revoke, execute and cancel while governance replaces, adds and removes members and changes the threshold.
/// Pool: the fixture's 7 members and 5 candidates. 64 runs of depth 64 per invariant (instead of the default 128):
/// every check makes dozens of view calls after each of the 4,096 handler calls, and the suite must stay fast.
contract CouncilInvariantTest is GovernanceFixture {
    uint256 internal constant CANDIDATES = 5;

    CouncilHandler internal handler;
    CallRecorder internal recorder;

    function setUp() public override {
        super.setUp();
        recorder = new CallRecorder(council);
        address[] memory pool = new address[](COUNCIL_SIZE + CANDIDATES);
        for (uint256 i; i < COUNCIL_SIZE; ++i) {
            pool[i] = councilMembers[i];
        }
        for (uint256 i; i < CANDIDATES; ++i) {
            pool[COUNCIL_SIZE + i] = address(uint160(0xCA4D + i));
        }
        handler = new CouncilHandler(council, recorder, address(timelock), pool);
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function targetSelectors() public view returns (FuzzSelector[] memory targets) {
        bytes4[] memory selectors = new bytes4[](9);
        selectors[0] = CouncilHandler.submit.selector;
        selectors[1] = CouncilHandler.approve.selector;
        selectors[2] = CouncilHandler.revoke.selector;
        selectors[3] = CouncilHandler.execute.selector;
        selectors[4] = CouncilHandler.cancel.selector;
        selectors[5] = CouncilHandler.replaceMember.selector;
        selectors[6] = CouncilHandler.addMember.selector;
        selectors[7] = CouncilHandler.removeMember.selector;
        selectors[8] = CouncilHandler.setThreshold.selector;
        targets = new FuzzSelector[](1);
        targets[0] = FuzzSelector({addr: address(handler), selectors: selectors});
    }

    /// @dev Every transaction's call ran at most once, and exactly when the council and the model say it executed.
    /// forge-config: default.invariant.runs = 64
    function invariant_ExecutedAtMostOnce() public view {
        uint256 n = council.transactionCount();
        vm.assertEq(n, handler.ghost_transactions(), "transaction count");
        uint256 executed;
        for (uint256 id; id < n; ++id) {
            uint256 hits = recorder.hits(id);
            vm.assertLe(hits, 1, "a call never runs twice");
            bool ghostExecuted = handler.ghost_executed(id);
            vm.assertEq(hits == 1, ghostExecuted, "ran iff executed (model)");
            Council.TransactionInfo memory t = council.transaction(id);
            vm.assertEq(t.executed, ghostExecuted, "executed flag == model");
            vm.assertEq(t.cancelled, handler.ghost_cancelled(id), "cancelled flag == model");
            vm.assertFalse(t.executed && t.cancelled, "never both executed and cancelled");
            if (ghostExecuted) executed++;
        }
        vm.assertEq(executed, handler.ghost_executions(), "executions counted once each");
    }

    /// @dev An execution only ever happened with at least `threshold` approvals of members seated at that time:
    /// per the handler's model, and per the council itself as observed from inside the executed call.
    /// forge-config: default.invariant.runs = 64
    function invariant_ExecutedOnlyWithThresholdCurrentApprovals() public view {
        uint256 n = council.transactionCount();
        for (uint256 id; id < n; ++id) {
            if (!handler.ghost_executed(id)) continue;
            uint256 approvals = handler.ghost_approvalsAtExecution(id);
            uint256 threshold_ = handler.ghost_thresholdAtExecution(id);
            vm.assertGe(threshold_, 1, "threshold >= 1");
            vm.assertGe(approvals, threshold_, "model: approvals >= threshold at execution");
            vm.assertEq(recorder.approvalsSeen(id), approvals, "council's count at execution == model");
            vm.assertEq(recorder.thresholdSeen(id), threshold_, "council's threshold at execution == model");
        }
    }

    /// @dev Pending transactions: the council counts exactly the model's approvals of seated members, and
    /// `hasApproved` is false for anyone not seated.
    /// forge-config: default.invariant.runs = 64
    function invariant_ApprovalsMatchTheModel() public view {
        uint256 n = council.transactionCount();
        address[] memory pool = handler.pool();
        for (uint256 id; id < n; ++id) {
            if (handler.ghost_executed(id) || handler.ghost_cancelled(id)) continue;
            vm.assertEq(council.transaction(id).approvalCount, handler.ghostApprovals(id), "approval count");
            bool[] memory counts = handler.ghostCountingApprovals(id);
            for (uint256 i; i < pool.length; ++i) {
                vm.assertEq(council.hasApproved(id, pool[i]), counts[i], "hasApproved == model");
            }
        }
    }

    /// @dev Membership stays valid: 1 <= threshold <= members <= 20, no duplicates, and exactly the model's seats.
    /// forge-config: default.invariant.runs = 64
    function invariant_MembershipWellFormed() public view {
        address[] memory m = council.members();
        uint256 threshold_ = council.threshold();
        vm.assertGe(threshold_, 1, "threshold >= 1");
        vm.assertLe(threshold_, m.length, "threshold <= members");
        vm.assertLe(m.length, council.MAX_MEMBERS(), "members <= 20");
        vm.assertEq(m.length, handler.ghost_memberCount(), "member count == model");
        vm.assertEq(threshold_, handler.ghost_threshold(), "threshold == model");
        for (uint256 i; i < m.length; ++i) {
            vm.assertTrue(handler.ghost_seated(m[i]), "seated per model");
            vm.assertTrue(council.isMember(m[i]), "isMember");
            for (uint256 j = i + 1; j < m.length; ++j) {
                vm.assertNotEq(m[i], m[j], "no duplicates");
            }
        }
        address[] memory pool = handler.pool();
        for (uint256 i; i < pool.length; ++i) {
            vm.assertEq(council.isMember(pool[i]), handler.ghost_seated(pool[i]), "isMember == model");
        }
        vm.assertEq(handler.ghost_unexpectedOutcomes(), 0, "every outcome as predicted");
    }
}
