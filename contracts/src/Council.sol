// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @title Council
/// @notice A small on-chain multisig of elected members (at most 20). A member submits a transaction (their
/// approval counts), other members approve it, and any member executes it once approvals from *current* members
/// reach the threshold. Phase 1: the council holds the timelock's PROPOSER_ROLE and CANCELLER_ROLE, so it
/// schedules operations on the timelock through this contract. Phase 2: the DAO revokes PROPOSER_ROLE and the
/// council keeps only the power to cancel.
/// @dev Membership and threshold change only through `governance` (the timelock, i.e. a passed DAO proposal).
/// Approvals are recorded per (transaction, member) with the member's *membership epoch*: a fresh number given
/// each time an address joins. An approval counts only while its author is a member with the same epoch, so the
/// approval of a removed or replaced member never counts again, even if the address is later re-elected.
/// Counting loops over the current members (at most 20) at execution time.
contract Council is ReentrancyGuardTransient {
    /// @notice A submitted transaction as stored.
    struct Transaction {
        address target;
        address submitter;
        bool executed;
        bool cancelled;
        uint256 value;
        bytes data;
        string description;
    }

    /// @notice A transaction as returned by {transaction}: the stored fields and the number of approvals that
    /// count now (approvals of current members).
    struct TransactionInfo {
        address target;
        uint256 value;
        bytes data;
        string description;
        address submitter;
        bool executed;
        bool cancelled;
        uint256 approvalCount;
    }

    uint256 public constant MAX_MEMBERS = 20;

    /// @notice The only address that may change members and threshold: the DAO's timelock.
    address public immutable governance;

    address[] private _members;
    /// @dev Membership epoch of each current member; 0 for a non-member. Unique across all joins.
    mapping(address account => uint256) private _memberEpoch;
    uint256 private _lastEpoch;
    uint256 private _threshold;

    Transaction[] private _transactions;
    /// @dev The approver's membership epoch at approval time; 0 when not approved.
    mapping(uint256 id => mapping(address member => uint256 epoch)) private _approvals;

    event Submitted(
        uint256 indexed id, address indexed submitter, address indexed target, uint256 value, bytes data, string description
    );
    event Approved(uint256 indexed id, address indexed member);
    event ApprovalRevoked(uint256 indexed id, address indexed member);
    event Executed(uint256 indexed id, address indexed executor);
    event Cancelled(uint256 indexed id, address indexed submitter);
    event MemberAdded(address indexed member);
    event MemberRemoved(address indexed member);
    event ThresholdChanged(uint256 oldThreshold, uint256 newThreshold);
    event Received(address indexed sender, uint256 amount);

    error CouncilInvalidGovernance();
    error CouncilInvalidMember(address account);
    error CouncilDuplicateMember(address account);
    error CouncilTooManyMembers(uint256 count, uint256 max);
    error CouncilInvalidThreshold(uint256 threshold, uint256 memberCount);
    error CouncilNotMember(address account);
    error CouncilNotGovernance(address caller);
    error CouncilInvalidTarget();
    error CouncilUnknownTransaction(uint256 id);
    error CouncilTransactionExecuted(uint256 id);
    error CouncilTransactionCancelled(uint256 id);
    error CouncilAlreadyApproved(uint256 id, address member);
    error CouncilNotApproved(uint256 id, address member);
    error CouncilInsufficientApprovals(uint256 id, uint256 approvals, uint256 threshold);
    error CouncilNotSubmitter(uint256 id, address caller, address submitter);
    error CouncilCallFailed(uint256 id);

    modifier onlyMember() {
        if (_memberEpoch[msg.sender] == 0) revert CouncilNotMember(msg.sender);
        _;
    }

    modifier onlyGovernance() {
        if (msg.sender != governance) revert CouncilNotGovernance(msg.sender);
        _;
    }

    /// @param members_ the initial members: non-zero, no duplicates, at most {MAX_MEMBERS}.
    /// @param threshold_ approvals needed to execute: 1 <= threshold <= members.
    /// @param governance_ the DAO's timelock: the only address that may change members and threshold.
    /// @dev Emits {MemberAdded} per member and {ThresholdChanged}.
    constructor(address[] memory members_, uint256 threshold_, address governance_) {
        if (governance_ == address(0)) revert CouncilInvalidGovernance();
        if (members_.length > MAX_MEMBERS) revert CouncilTooManyMembers(members_.length, MAX_MEMBERS);
        for (uint256 i; i < members_.length; ++i) {
            _addMember(members_[i]);
        }
        _setThreshold(threshold_);
        governance = governance_;
    }

    /// @notice Accepts ETH, for transactions that send value. Emits {Received}.
    receive() external payable {
        emit Received(msg.sender, msg.value);
    }

    // ---------------------------------------------------------------- members

    /// @notice Proposes a call to the council; the caller's approval counts. Only members.
    /// @param target the contract to call (not the zero address); `value` wei are sent from this contract.
    /// @param description a human-readable note shown to the other members.
    /// @return id the transaction id (ids start at 0).
    /// @dev Emits {Submitted} and {Approved}.
    function submit(address target, uint256 value, bytes calldata data, string calldata description)
        external
        onlyMember
        returns (uint256 id)
    {
        if (target == address(0)) revert CouncilInvalidTarget();
        id = _transactions.length;
        _transactions.push(
            Transaction({
                target: target,
                submitter: msg.sender,
                executed: false,
                cancelled: false,
                value: value,
                data: data,
                description: description
            })
        );
        _approvals[id][msg.sender] = _memberEpoch[msg.sender];
        emit Submitted(id, msg.sender, target, value, data, description);
        emit Approved(id, msg.sender);
    }

    /// @notice Approves a pending transaction. Only members; once per member. Emits {Approved}.
    function approve(uint256 id) external onlyMember {
        _pending(id);
        uint256 epoch = _memberEpoch[msg.sender];
        if (_approvals[id][msg.sender] == epoch) revert CouncilAlreadyApproved(id, msg.sender);
        _approvals[id][msg.sender] = epoch;
        emit Approved(id, msg.sender);
    }

    /// @notice Withdraws your approval of a pending transaction. Only members who approved it.
    /// @dev Emits {ApprovalRevoked}.
    function revokeApproval(uint256 id) external onlyMember {
        _pending(id);
        if (_approvals[id][msg.sender] != _memberEpoch[msg.sender]) revert CouncilNotApproved(id, msg.sender);
        delete _approvals[id][msg.sender];
        emit ApprovalRevoked(id, msg.sender);
    }

    /// @notice Executes a pending transaction that current members approved at least {threshold} times.
    /// Any member may call. The transaction is marked executed before the call, so it runs at most once.
    /// @return result the call's return data.
    /// @dev Emits {Executed}. If the call reverts, this reverts with the call's revert data (or
    /// {CouncilCallFailed} when there is none) and the transaction stays pending.
    function execute(uint256 id) external onlyMember nonReentrant returns (bytes memory result) {
        Transaction storage txn = _pending(id);
        uint256 approvals = _countApprovals(id);
        uint256 threshold_ = _threshold;
        if (approvals < threshold_) revert CouncilInsufficientApprovals(id, approvals, threshold_);

        txn.executed = true;
        emit Executed(id, msg.sender);

        bool success;
        (success, result) = txn.target.call{value: txn.value}(txn.data);
        if (!success) {
            if (result.length == 0) revert CouncilCallFailed(id);
            assembly ("memory-safe") {
                revert(add(result, 0x20), mload(result))
            }
        }
    }

    /// @notice Cancels a pending transaction. Only its submitter, while still a member. Emits {Cancelled}.
    function cancel(uint256 id) external onlyMember {
        Transaction storage txn = _pending(id);
        if (txn.submitter != msg.sender) revert CouncilNotSubmitter(id, msg.sender, txn.submitter);
        txn.cancelled = true;
        emit Cancelled(id, msg.sender);
    }

    // ---------------------------------------------------------------- governance

    /// @notice Replaces a member by a new one (a re-election); the old member's approvals stop counting.
    /// Only {governance}. Emits {MemberRemoved} and {MemberAdded}.
    function replaceMember(address oldMember, address newMember) external onlyGovernance {
        _removeMember(oldMember);
        _addMember(newMember);
    }

    /// @notice Adds a member (at most {MAX_MEMBERS}). Only {governance}. Emits {MemberAdded}.
    function addMember(address member) external onlyGovernance {
        if (_members.length == MAX_MEMBERS) revert CouncilTooManyMembers(MAX_MEMBERS + 1, MAX_MEMBERS);
        _addMember(member);
    }

    /// @notice Removes a member; their approvals stop counting. The remaining members must still be at least
    /// {threshold} (lower the threshold first otherwise). Only {governance}. Emits {MemberRemoved}.
    function removeMember(address member) external onlyGovernance {
        _removeMember(member);
        uint256 remaining = _members.length;
        if (remaining < _threshold) revert CouncilInvalidThreshold(_threshold, remaining);
    }

    /// @notice Sets the approvals needed to execute: 1 <= n <= members. Only {governance}.
    /// @dev Emits {ThresholdChanged}. Applies to pending transactions too.
    function setThreshold(uint256 newThreshold) external onlyGovernance {
        _setThreshold(newThreshold);
    }

    // ---------------------------------------------------------------- views

    /// @notice The current members, in no particular order.
    function members() external view returns (address[] memory) {
        return _members;
    }

    /// @notice Approvals from current members needed to execute a transaction.
    function threshold() external view returns (uint256) {
        return _threshold;
    }

    /// @notice Whether `account` currently sits on the council.
    function isMember(address account) external view returns (bool) {
        return _memberEpoch[account] != 0;
    }

    /// @notice Number of transactions ever submitted; ids run from 0 to this number - 1.
    function transactionCount() external view returns (uint256) {
        return _transactions.length;
    }

    /// @notice A transaction and its current approval count (approvals of current members only).
    function transaction(uint256 id) external view returns (TransactionInfo memory) {
        Transaction storage txn = _transaction(id);
        return TransactionInfo({
            target: txn.target,
            value: txn.value,
            data: txn.data,
            description: txn.description,
            submitter: txn.submitter,
            executed: txn.executed,
            cancelled: txn.cancelled,
            approvalCount: _countApprovals(id)
        });
    }

    /// @notice Whether `member` has an approval of transaction `id` that counts (false for ex-members).
    function hasApproved(uint256 id, address member) external view returns (bool) {
        _transaction(id);
        return _hasApproved(id, member);
    }

    // ---------------------------------------------------------------- internal

    function _transaction(uint256 id) private view returns (Transaction storage) {
        if (id >= _transactions.length) revert CouncilUnknownTransaction(id);
        return _transactions[id];
    }

    function _pending(uint256 id) private view returns (Transaction storage txn) {
        txn = _transaction(id);
        if (txn.executed) revert CouncilTransactionExecuted(id);
        if (txn.cancelled) revert CouncilTransactionCancelled(id);
    }

    function _hasApproved(uint256 id, address member) private view returns (bool) {
        uint256 epoch = _memberEpoch[member];
        return epoch != 0 && _approvals[id][member] == epoch;
    }

    function _countApprovals(uint256 id) private view returns (uint256 count) {
        uint256 n = _members.length;
        for (uint256 i; i < n; ++i) {
            if (_hasApproved(id, _members[i])) ++count;
        }
    }

    function _addMember(address member) private {
        if (member == address(0)) revert CouncilInvalidMember(member);
        if (_memberEpoch[member] != 0) revert CouncilDuplicateMember(member);
        _members.push(member);
        _memberEpoch[member] = ++_lastEpoch;
        emit MemberAdded(member);
    }

    function _removeMember(address member) private {
        if (_memberEpoch[member] == 0) revert CouncilNotMember(member);
        delete _memberEpoch[member];
        uint256 last = _members.length - 1;
        for (uint256 i; i <= last; ++i) {
            if (_members[i] == member) {
                _members[i] = _members[last];
                break;
            }
        }
        _members.pop();
        emit MemberRemoved(member);
    }

    function _setThreshold(uint256 newThreshold) private {
        uint256 count = _members.length;
        if (newThreshold == 0 || newThreshold > count) revert CouncilInvalidThreshold(newThreshold, count);
        uint256 oldThreshold = _threshold;
        _threshold = newThreshold;
        emit ThresholdChanged(oldThreshold, newThreshold);
    }
}
