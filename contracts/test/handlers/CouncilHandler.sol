// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TestBase} from "../utils/Vm.sol";
import {Council} from "../../src/Council.sol";
import {CallRecorder} from "../mocks/CallRecorder.sol";

/// @notice Drives the council for the invariant suite: members submit, approve, revoke, execute and cancel;
/// governance (the timelock's address) replaces, adds and removes members and changes the threshold.
/// The handler keeps its own model of the council (ghosts): who is seated, which seated member approved what,
/// and for each transaction whether it must execute. Every action predicts its outcome from the model; actions
/// that must fail are tried in try/catch and any outcome other than the predicted one (including the wrong
/// error) is counted in `ghost_unexpectedOutcomes`, so no handler call reverts (`fail_on_revert = true`).
contract CouncilHandler is TestBase {
    Council public immutable council;
    CallRecorder public immutable recorder;
    address public immutable governance;

    /// @dev Everyone who may ever sit on the council: the initial members and some candidates.
    address[] internal _pool;

    // ------------------------------------------------------------ model
    mapping(address account => bool) public ghost_seated;
    uint256 public ghost_memberCount;
    uint256 public ghost_threshold;
    /// @dev Approvals of *seated* members; cleared when a member leaves (their approvals must stop counting).
    mapping(uint256 id => mapping(address member => bool)) public ghost_approved;
    mapping(uint256 id => address) public ghost_submitter;
    mapping(uint256 id => bool) public ghost_executed;
    mapping(uint256 id => bool) public ghost_cancelled;
    mapping(uint256 id => uint256) public ghost_approvalsAtExecution;
    mapping(uint256 id => uint256) public ghost_thresholdAtExecution;
    uint256 public ghost_transactions;

    // ------------------------------------------------------------ counters
    uint256 public ghost_executions;
    uint256 public ghost_rejectedExecutions;
    uint256 public ghost_unexpectedOutcomes;
    mapping(bytes32 action => uint256) public calls;

    constructor(Council council_, CallRecorder recorder_, address governance_, address[] memory pool_) {
        council = council_;
        recorder = recorder_;
        governance = governance_;
        _pool = pool_;
        address[] memory seated = council_.members();
        for (uint256 i; i < seated.length; ++i) {
            ghost_seated[seated[i]] = true;
        }
        ghost_memberCount = seated.length;
        ghost_threshold = council_.threshold();
    }

    // ================================================================ member actions

    function submit(uint256 memberSeed) external {
        address member = _pickSeated(memberSeed);
        uint256 id = ghost_transactions;
        vm.prank(member);
        uint256 got = council.submit(address(recorder), 0, abi.encodeCall(CallRecorder.hit, (id)), "handler");
        if (got != id) ghost_unexpectedOutcomes++;
        ghost_transactions++;
        ghost_submitter[id] = member;
        ghost_approved[id][member] = true;
        calls["submit"]++;
    }

    function approve(uint256 memberSeed, uint256 idSeed) external {
        if (ghost_transactions == 0) return _skip("approve (skipped)");
        address member = _pickSeated(memberSeed);
        uint256 id = _pickId(idSeed);
        bytes4 expected = _pendingError(id);
        if (expected == 0 && ghost_approved[id][member]) expected = Council.CouncilAlreadyApproved.selector;

        vm.prank(member);
        try council.approve(id) {
            if (expected != 0) ghost_unexpectedOutcomes++;
            ghost_approved[id][member] = true;
            calls["approve"]++;
        } catch (bytes memory reason) {
            _expectError(reason, expected);
            calls["approve (rejected)"]++;
        }
    }

    function revoke(uint256 memberSeed, uint256 idSeed) external {
        if (ghost_transactions == 0) return _skip("revoke (skipped)");
        uint256 id = _pickId(idSeed);
        // Prefer a member who approved, so revocations actually happen.
        address member = _pickApprover(id, memberSeed);
        bytes4 expected = _pendingError(id);
        if (expected == 0 && !ghost_approved[id][member]) expected = Council.CouncilNotApproved.selector;

        vm.prank(member);
        try council.revokeApproval(id) {
            if (expected != 0) ghost_unexpectedOutcomes++;
            ghost_approved[id][member] = false;
            calls["revoke"]++;
        } catch (bytes memory reason) {
            _expectError(reason, expected);
            calls["revoke (rejected)"]++;
        }
    }

    function execute(uint256 memberSeed, uint256 idSeed) external {
        if (ghost_transactions == 0) return _skip("execute (skipped)");
        address member = _pickSeated(memberSeed);
        uint256 id = _pickId(idSeed);
        uint256 approvals = _ghostApprovals(id);
        bytes4 expected = _pendingError(id);
        if (expected == 0 && approvals < ghost_threshold) expected = Council.CouncilInsufficientApprovals.selector;

        vm.prank(member);
        try council.execute(id) {
            if (expected != 0) ghost_unexpectedOutcomes++;
            ghost_executed[id] = true;
            ghost_approvalsAtExecution[id] = approvals;
            ghost_thresholdAtExecution[id] = ghost_threshold;
            ghost_executions++;
            calls["execute"]++;
        } catch (bytes memory reason) {
            _expectError(reason, expected);
            ghost_rejectedExecutions++;
            calls["execute (rejected)"]++;
        }
    }

    function cancel(uint256 memberSeed, uint256 idSeed, bool bySubmitter) external {
        if (ghost_transactions == 0) return _skip("cancel (skipped)");
        uint256 id = _pickId(idSeed);
        address submitter = ghost_submitter[id];
        address member = bySubmitter && ghost_seated[submitter] ? submitter : _pickSeated(memberSeed);
        bytes4 expected = _pendingError(id);
        if (expected == 0 && member != submitter) expected = Council.CouncilNotSubmitter.selector;

        vm.prank(member);
        try council.cancel(id) {
            if (expected != 0) ghost_unexpectedOutcomes++;
            ghost_cancelled[id] = true;
            calls["cancel"]++;
        } catch (bytes memory reason) {
            _expectError(reason, expected);
            calls["cancel (rejected)"]++;
        }
    }

    // ================================================================ governance actions

    function replaceMember(uint256 oldSeed, uint256 newSeed) external {
        address newMember = _pickUnseated(newSeed);
        if (newMember == address(0)) return _skip("replaceMember (skipped)");
        address oldMember = _pickSeated(oldSeed);
        vm.prank(governance);
        council.replaceMember(oldMember, newMember);
        _unseat(oldMember);
        ghost_seated[newMember] = true;
        calls["replaceMember"]++;
    }

    function addMember(uint256 seed) external {
        address newMember = _pickUnseated(seed);
        if (newMember == address(0)) return _skip("addMember (skipped)");
        vm.prank(governance);
        council.addMember(newMember);
        ghost_seated[newMember] = true;
        ghost_memberCount++;
        calls["addMember"]++;
    }

    function removeMember(uint256 seed) external {
        if (ghost_memberCount == ghost_threshold) return _skip("removeMember (skipped)");
        address member = _pickSeated(seed);
        vm.prank(governance);
        council.removeMember(member);
        _unseat(member);
        ghost_memberCount--;
        calls["removeMember"]++;
    }

    function setThreshold(uint256 newThreshold) external {
        newThreshold = bound(newThreshold, 1, ghost_memberCount);
        vm.prank(governance);
        council.setThreshold(newThreshold);
        ghost_threshold = newThreshold;
        calls["setThreshold"]++;
    }

    // ================================================================ views for the invariant test

    function pool() external view returns (address[] memory) {
        return _pool;
    }

    /// @notice Approvals of seated members for `id`, per the model.
    function ghostApprovals(uint256 id) external view returns (uint256) {
        return _ghostApprovals(id);
    }

    /// @notice For each pool address (same order as {pool}): whether, per the model, it is seated and its
    /// approval of `id` counts. One call instead of two per address keeps the invariant checks fast.
    function ghostCountingApprovals(uint256 id) external view returns (bool[] memory counts) {
        counts = new bool[](_pool.length);
        for (uint256 i; i < _pool.length; ++i) {
            counts[i] = ghost_seated[_pool[i]] && ghost_approved[id][_pool[i]];
        }
    }

    // ================================================================ internal

    function _ghostApprovals(uint256 id) internal view returns (uint256 count) {
        for (uint256 i; i < _pool.length; ++i) {
            if (ghost_seated[_pool[i]] && ghost_approved[id][_pool[i]]) count++;
        }
    }

    /// @dev The error any state-changing call on `id` must fail with, or 0 if the transaction is pending.
    function _pendingError(uint256 id) internal view returns (bytes4) {
        if (ghost_executed[id]) return Council.CouncilTransactionExecuted.selector;
        if (ghost_cancelled[id]) return Council.CouncilTransactionCancelled.selector;
        return 0;
    }

    function _expectError(bytes memory reason, bytes4 expected) internal {
        if (expected == 0 || bytes4(reason) != expected) ghost_unexpectedOutcomes++;
    }

    /// @dev A member leaves: in the model their approvals are gone for good (even if re-elected later).
    function _unseat(address member) internal {
        ghost_seated[member] = false;
        for (uint256 id; id < ghost_transactions; ++id) {
            ghost_approved[id][member] = false;
        }
    }

    function _pickId(uint256 seed) internal view returns (uint256) {
        return bound(seed, 0, ghost_transactions - 1);
    }

    function _pickSeated(uint256 seed) internal view returns (address) {
        uint256 n = _pool.length;
        uint256 start = bound(seed, 0, n - 1);
        for (uint256 i; i < n; ++i) {
            address a = _pool[(start + i) % n];
            if (ghost_seated[a]) return a;
        }
        revert("no seated member"); // unreachable: the threshold keeps at least one member
    }

    function _pickUnseated(uint256 seed) internal view returns (address) {
        uint256 n = _pool.length;
        uint256 start = bound(seed, 0, n - 1);
        for (uint256 i; i < n; ++i) {
            address a = _pool[(start + i) % n];
            if (!ghost_seated[a]) return a;
        }
        return address(0);
    }

    function _pickApprover(uint256 id, uint256 seed) internal view returns (address) {
        uint256 n = _pool.length;
        uint256 start = bound(seed, 0, n - 1);
        for (uint256 i; i < n; ++i) {
            address a = _pool[(start + i) % n];
            if (ghost_seated[a] && ghost_approved[id][a]) return a;
        }
        return _pickSeated(seed);
    }

    function _skip(bytes32 action) internal {
        calls[action]++;
    }
}
