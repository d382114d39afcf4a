// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IGovernor, Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {GovernorVotesQuorumFraction} from
    "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ISlashVotes} from "./interfaces/ISlashVotes.sol";
import {IVotableSupply} from "./interfaces/IVotableSupply.sol";

/// @title DMEXGovernor
/// @notice The DMEX DAO: DMC holders propose (above the proposal threshold) and vote (for, against, abstain);
/// passed proposals are queued in and executed by the {TimelockController}, which holds the protocol's admin roles.
/// @dev Stock OpenZeppelin modules, so indexers and Tally-style tools read it as a standard Governor:
/// GovernorSettings (voting delay and period in seconds, proposal threshold in DMC base units, all changeable by
/// governance), GovernorCountingSimple (for / against / abstain; quorum counts for + abstain),
/// GovernorVotesQuorumFraction (its numerator, changeable by governance), GovernorTimelockControl
/// (the timelock executes; the governor must hold its PROPOSER_ROLE and CANCELLER_ROLE). The clock is the token's
/// (timestamps, see {DMC-clock}).
///
/// **Quorum** at a snapshot is the larger of (a) the quorum numerator's percentage of the DMC that could vote then
/// (the supply minus the locked holders: treasury, insurance fund, unvested tokens, stakes; see
/// {DMC-getPastVotableSupply}) and (b) a floor in DMC, set above the largest single allocation that can vote, so
/// no one holder passes a proposal alone. Both are checkpointed: a change never moves the quorum of a vote
/// already snapshotted.
contract DMEXGovernor is
    Governor,
    GovernorSettings,
    GovernorCountingSimple,
    GovernorVotes,
    GovernorVotesQuorumFraction,
    GovernorTimelockControl,
    ISlashVotes
{
    /// @dev `slash(uint256)`: a proposal calling it on a registry freezes that registry's application stake while it
    /// runs (the registry asks with its own address, so the same call on another contract freezes nothing).
    bytes4 private constant SLASH_SELECTOR = bytes4(keccak256("slash(uint256)"));
    /// @notice How many of an application's latest slash proposals {slashVotePending} looks at.
    uint256 public constant SLASH_PROPOSALS_CHECKED = 16;

    mapping(address target => mapping(uint256 applicationId => uint256[] proposalIds)) private _slashProposals;

    using Checkpoints for Checkpoints.Trace208;

    Checkpoints.Trace208 private _quorumFloorHistory;

    /// @notice The quorum floor (DMC base units) changed; it applies to votes snapshotted from now on.
    event QuorumFloorUpdated(uint256 oldQuorumFloor, uint256 newQuorumFloor);

    /// @notice The token does not report the supply that can vote (DMC's {DMC-getPastVotableSupply}).
    error DMEXGovernorInvalidToken(address token);
    /// @notice A quorum floor above the token's whole supply would stop every vote.
    error DMEXGovernorInvalidQuorumFloor(uint256 quorumFloor, uint256 totalSupply);

    /// @param token the DMC token (ERC-5805 votes, timestamp clock).
    /// @param timelock executes passed proposals; holds the protocol's admin roles.
    /// @param votingDelay_ seconds between a proposal and the start of its vote (the snapshot).
    /// @param votingPeriod_ seconds a vote lasts.
    /// @param proposalThreshold_ votes (DMC base units) a proposer needs one second before proposing.
    /// @param quorumNumerator_ quorum in percent of the DMC that can vote at the snapshot.
    /// @param quorumFloor_ the least quorum, in DMC base units, whatever the votable supply.
    constructor(
        IVotes token,
        TimelockController timelock,
        uint48 votingDelay_,
        uint32 votingPeriod_,
        uint256 proposalThreshold_,
        uint256 quorumNumerator_,
        uint256 quorumFloor_
    )
        Governor("DMEX Governor")
        GovernorSettings(votingDelay_, votingPeriod_, proposalThreshold_)
        GovernorVotes(token)
        GovernorVotesQuorumFraction(quorumNumerator_)
        GovernorTimelockControl(timelock)
    {
        (bool ok, bytes memory ret) =
            address(token).staticcall(abi.encodeCall(IVotableSupply.votableSupply, ()));
        if (!ok || ret.length < 32) revert DMEXGovernorInvalidToken(address(token));
        _updateQuorumFloor(quorumFloor_);
    }

    // ---------------------------------------------------------------- quorum

    /// @notice The quorum at `timepoint` (a past timestamp, a vote's snapshot): the larger of the numerator's
    /// percentage of the DMC that could vote then and the floor then.
    function quorum(uint256 timepoint) public view override(Governor, GovernorVotesQuorumFraction) returns (uint256) {
        uint256 votable = IVotableSupply(address(token())).getPastVotableSupply(timepoint);
        uint256 share = (votable * quorumNumerator(timepoint)) / quorumDenominator();
        uint256 floor = quorumFloor(timepoint);
        return share > floor ? share : floor;
    }

    /// @notice The quorum floor now, in DMC base units.
    function quorumFloor() public view returns (uint256) {
        return _quorumFloorHistory.latest();
    }

    /// @notice The quorum floor at `timepoint`.
    function quorumFloor(uint256 timepoint) public view returns (uint256) {
        return _quorumFloorHistory.upperLookupRecent(SafeCast.toUint48(timepoint));
    }

    /// @notice Sets the quorum floor (DMC base units) for votes snapshotted from now on. Only by a passed proposal.
    function updateQuorumFloor(uint256 newQuorumFloor) external onlyGovernance {
        _updateQuorumFloor(newQuorumFloor);
    }

    function _updateQuorumFloor(uint256 newQuorumFloor) private {
        uint256 supply = IVotableSupply(address(token())).totalSupply();
        if (newQuorumFloor > supply) revert DMEXGovernorInvalidQuorumFloor(newQuorumFloor, supply);
        uint256 old = _quorumFloorHistory.latest();
        _quorumFloorHistory.push(clock(), SafeCast.toUint208(newQuorumFloor));
        emit QuorumFloorUpdated(old, newQuorumFloor);
    }

    // ---------------------------------------------------------------- slash votes

    /// @inheritdoc ISlashVotes
    /// @dev Looks at the application's latest {SLASH_PROPOSALS_CHECKED} slash proposals (bounded gas for the
    /// registry's `withdrawStake`); a newer proposal is always among them.
    function slashVotePending(address registry, uint256 applicationId) external view returns (bool) {
        uint256[] storage ids = _slashProposals[registry][applicationId];
        uint256 n = ids.length;
        uint256 from = n > SLASH_PROPOSALS_CHECKED ? n - SLASH_PROPOSALS_CHECKED : 0;
        for (uint256 i = n; i > from;) {
            --i;
            ProposalState s = state(ids[i]);
            if (
                s == ProposalState.Pending || s == ProposalState.Active || s == ProposalState.Succeeded
                    || s == ProposalState.Queued
            ) return true;
        }
        return false;
    }

    /// @dev Records every `slash(id)` call of a new proposal, so the registry can freeze that stake while it runs.
    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal override returns (uint256 proposalId) {
        proposalId = super._propose(targets, values, calldatas, description, proposer);
        for (uint256 i; i < calldatas.length; ++i) {
            bytes memory data = calldatas[i];
            if (data.length >= 36 && bytes4(data) == SLASH_SELECTOR) {
                uint256 applicationId;
                // forge-lint: disable-next-line(asm-keccak256) -- reads the first argument after the selector
                assembly {
                    applicationId := mload(add(data, 36))
                }
                _slashProposals[targets[i]][applicationId].push(proposalId);
            }
        }
    }

    // ---------------------------------------------------------------- overrides required by Solidity
    // Each one only resolves the diamond between the modules (calls `super`); behaviour is OpenZeppelin's.

    /// @inheritdoc GovernorSettings
    function votingDelay() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingDelay();
    }

    /// @inheritdoc GovernorSettings
    function votingPeriod() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingPeriod();
    }

    /// @inheritdoc GovernorSettings
    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    /// @inheritdoc GovernorTimelockControl
    function state(uint256 proposalId)
        public
        view
        override(Governor, GovernorTimelockControl)
        returns (ProposalState)
    {
        return super.state(proposalId);
    }

    /// @inheritdoc GovernorTimelockControl
    function proposalNeedsQueuing(uint256 proposalId)
        public
        view
        override(Governor, GovernorTimelockControl)
        returns (bool)
    {
        return super.proposalNeedsQueuing(proposalId);
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }
}
