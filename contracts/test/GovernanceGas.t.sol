// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {GovernanceFixture} from "./utils/GovernanceFixture.sol";
import {Target} from "./mocks/Target.sol";

/// @notice Records steady-state gas of the governor's `propose`, `castVote`, `queue` and `execute` into
/// snapshots/Governance.json and holds the goal `castVote` <= 47,000 execution gas.
/// "Steady state": one proposal already went through the whole lifecycle (the target's value is non-zero), and
/// the measured vote is the *second* vote on a proposal, so its tally is already non-zero. The voter holds one
/// vote checkpoint (self-delegated once); each further checkpoint of a voter can add a cold read (2,100 gas) to the
/// binary search of `getPastVotes`, see `castVote_voterWith16Checkpoints`.
/// As in MarketplaceGas.t.sol, `_coolAll` marks every contract cold before a measured call, as at the start of a
/// real transaction; the figures are execution gas (no 21,000 intrinsic gas, no calldata).
contract GovernanceGasTest is GovernanceFixture {
    function test_Gas_ProposeVoteQueueExecute() public {
        // Warm-up: a first proposal through the whole lifecycle.
        _govern(address(target), abi.encodeCall(Target.setValue, (42)), "Set value to 42");

        Proposal memory p = _proposal(address(target), abi.encodeCall(Target.setValue, (43)), "Set value to 43");
        _coolAll();
        _propose(alice, p);
        vm.snapshotGasLastCall("Governance", "propose");

        _skip(VOTING_DELAY + 1);
        _vote(alice, p.id, 1); // first vote: the for tally becomes non-zero
        _coolAll();
        _vote(bob, p.id, 1);
        uint256 castVoteGas = vm.snapshotGasLastCall("Governance", "castVote");

        _coolAll();
        vm.prank(carol);
        governor.castVoteWithReason(p.id, 1, "Agreed, see the forum thread");
        vm.snapshotGasLastCall("Governance", "castVoteWithReason");

        _skip(VOTING_PERIOD);
        _coolAll();
        _queue(p);
        vm.snapshotGasLastCall("Governance", "queue");

        _skip(MIN_DELAY);
        _coolAll();
        _execute(p);
        vm.snapshotGasLastCall("Governance", "execute");

        vm.assertEq(target.value(), 43, "executed");
        vm.assertLe(castVoteGas, 47_000, "castVote gas goal");
    }

    /// @dev The same vote by a voter whose votes changed 16 times before the snapshot: `getPastVotes` reads more
    /// checkpoints (cold) to find the one at the snapshot. Recorded to show where castVote gas grows; not a goal.
    function test_Gas_CastVoteByAVoterWithLongHistory() public {
        address trader = address(0x7AD3);
        vm.prank(trader);
        dmc.delegate(trader);
        for (uint256 i; i < 16; ++i) {
            vm.prank(foundation);
            dmc.transfer(trader, 10_000e18);
            _skip(1 hours);
        }
        vm.assertEq(dmc.numCheckpoints(trader), 16, "sixteen checkpoints");

        Proposal memory p = _proposal(address(target), abi.encodeCall(Target.setValue, (1)), "History");
        _propose(alice, p);
        _skip(VOTING_DELAY + 1);
        _vote(alice, p.id, 1);
        _coolAll();
        _vote(trader, p.id, 1);
        vm.snapshotGasLastCall("Governance", "castVote_voterWith16Checkpoints");
    }

    function _coolAll() private {
        vm.cool(address(governor));
        vm.cool(address(dmc));
        vm.cool(address(timelock));
        vm.cool(address(target));
    }
}
