// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IEmissionSchedule} from "../../src/interfaces/IEmissionSchedule.sol";
import {TestBase} from "./Vm.sol";
import {DMC} from "../../src/DMC.sol";
import {StepVestingWallet} from "../../src/StepVestingWallet.sol";
import {DMEXGovernor} from "../../src/DMEXGovernor.sol";
import {Council} from "../../src/Council.sol";
import {CouncilGate} from "../../src/CouncilGate.sol";
import {Target} from "../mocks/Target.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @notice Deploys the governance system as on launch day, in this order:
/// 1. TimelockController(minDelay 2 days, no proposers, executors [address(0)] = anyone, admin = this fixture)
/// 2. StepVestingWallet for the team (start LAUNCH, 36 steps of 30 days, nothing at start)
/// 3. StepVestingWallet for the private sale (start LAUNCH, 4 steps of 90 days, 20% at start)
/// 4. DMC with the allocations: mining reserve 50% -> timelock, risk fund 10% -> insuranceFund,
///    foundation 10% -> foundation, team 10% -> team vesting, private 20% -> private vesting
///    locked holders (never vote, not counted toward the quorum): timelock, insurance fund, both vesting wallets
/// 5. DMEXGovernor(dmc, timelock, votingDelay 1 day, votingPeriod 5 days, threshold 100,000 DMC, quorum 4% of
///    the votable supply with a floor of 4,000,000 DMC). The flow tests here use a 4M floor so their voters of a
///    few million DMC can pass proposals; the production floor (more than any single allocation) is tested in
///    QuorumOnVotableSupply.t.sol.
/// 6. Council(7 members, threshold 4, governance = timelock)
/// 7. timelock: PROPOSER_ROLE and CANCELLER_ROLE to the governor and to the council
/// 8. the fixture renounces DEFAULT_ADMIN_ROLE: from then on only the timelock administers itself.
/// Then, for the tests only: a timelock-owned {Target}, and voters funded from the foundation who self-delegate.
abstract contract GovernanceFixture is TestBase {
    /// @dev Stands in for DMCMining's address (the council gate refuses any call to it); not deployed here.
    address internal constant MINING = address(0xD1171);
    address internal constant POOL_GUARD = address(0x9001);
    uint256 internal constant LAUNCH = 1_750_000_000;

    uint256 internal constant MIN_DELAY = 2 days;
    uint48 internal constant VOTING_DELAY = 1 days;
    uint32 internal constant VOTING_PERIOD = 5 days;
    uint256 internal constant PROPOSAL_THRESHOLD = 100_000e18;
    uint256 internal constant QUORUM_NUMERATOR = 4; // 4% of the votable supply at the snapshot (10M at launch)
    uint256 internal constant QUORUM_FLOOR = 4_000_000e18; // so the quorum is 4,000,000 DMC
    uint256 internal constant COUNCIL_SIZE = 7;
    uint256 internal constant COUNCIL_THRESHOLD = 4;

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

    // Voting power given to the test voters (from the foundation); quorum is 4,000,000 DMC.
    uint256 internal constant ALICE_VOTES = 3_000_000e18;
    uint256 internal constant BOB_VOTES = 2_000_000e18;
    uint256 internal constant CAROL_VOTES = 1_500_000e18;
    uint256 internal constant DAVE_VOTES = 50_000e18; // below the proposal threshold

    TimelockController internal timelock;
    StepVestingWallet internal teamVesting;
    StepVestingWallet internal privateVesting;
    DMC internal dmc;
    DMEXGovernor internal governor;
    Council internal council;
    /// @dev Holds the timelock's proposer and canceller roles for the council, within its bounds.
    CouncilGate internal gate;
    /// @dev Stand-ins for the NFT and IFIL: the gate only needs their addresses.
    address internal nftAddress = address(0x4E7);
    address internal ifilAddress = address(0x1F11);
    Target internal target;

    address internal insuranceFund = address(0x1F5);
    address internal foundation = address(0xF0D);
    address internal teamBeneficiary = address(0x7EA3);
    address internal privateBeneficiary = address(0x9A1);

    address internal alice = address(0xA11CE);
    address internal bob = address(0xB0B);
    address internal carol = address(0xCA201);
    address internal dave = address(0xDA4E);

    address[] internal councilMembers;

    function setUp() public virtual {
        vm.warp(LAUNCH);

        // 1. Timelock: anyone may execute a ready operation; the fixture is admin only until step 8.
        address[] memory noProposers = new address[](0);
        address[] memory anyExecutor = new address[](1); // address(0): open executor role
        timelock = new TimelockController(MIN_DELAY, noProposers, anyExecutor, address(this));

        // 2-3. Vesting wallets.
        teamVesting =
            new StepVestingWallet(teamBeneficiary, uint64(LAUNCH), TEAM_STEP, TEAM_STEPS, TEAM_INITIAL_BPS);
        privateVesting = new StepVestingWallet(
            privateBeneficiary, uint64(LAUNCH), PRIVATE_STEP, PRIVATE_STEPS, PRIVATE_INITIAL_BPS
        );

        // 4. The token, with the whole supply allocated.
        dmc = new DMC(_allocations(), _lockedHolders(), IEmissionSchedule(address(0)));

        // 5. Governor.
        governor = new DMEXGovernor(
            dmc, timelock, VOTING_DELAY, VOTING_PERIOD, PROPOSAL_THRESHOLD, QUORUM_NUMERATOR, QUORUM_FLOOR
        );

        // 6. Council.
        for (uint256 i; i < COUNCIL_SIZE; ++i) {
            address member = address(uint160(0xC0C0 + i));
            councilMembers.push(member);
            vm.label(member, string.concat("council", _digit(i)));
        }
        council = new Council(councilMembers, COUNCIL_THRESHOLD, address(timelock));

        // 7-8. Roles, then the deployer steps out.
        timelock.grantRole(timelock.PROPOSER_ROLE(), address(governor));
        timelock.grantRole(timelock.CANCELLER_ROLE(), address(governor));
        gate = new CouncilGate(timelock, address(council), address(dmc), insuranceFund, nftAddress, ifilAddress, MINING, POOL_GUARD, timelock.getMinDelay());
        timelock.grantRole(timelock.PROPOSER_ROLE(), address(gate));
        timelock.grantRole(timelock.CANCELLER_ROLE(), address(gate));
        timelock.renounceRole(timelock.DEFAULT_ADMIN_ROLE(), address(this));

        // Test-only: a timelock-owned target, and self-delegated voters funded from the foundation.
        target = new Target(address(timelock));
        _fundVoter(alice, ALICE_VOTES);
        _fundVoter(bob, BOB_VOTES);
        _fundVoter(carol, CAROL_VOTES);
        _fundVoter(dave, DAVE_VOTES);
        _skip(1); // votes are checkpointed in the past, so a proposal can be made at once

        vm.label(address(timelock), "timelock");
        vm.label(address(governor), "governor");
        vm.label(address(council), "council");
        vm.label(address(gate), "councilGate");
        vm.label(address(dmc), "DMC");
        vm.label(address(target), "target");
        vm.label(alice, "alice");
        vm.label(bob, "bob");
        vm.label(carol, "carol");
        vm.label(dave, "dave");
    }

    // ---------------------------------------------------------------- deployment helpers

    function _allocations() internal view returns (DMC.Allocation[] memory allocations) {
        allocations = new DMC.Allocation[](5);
        allocations[0] = DMC.Allocation(address(timelock), MINING_RESERVE);
        allocations[1] = DMC.Allocation(insuranceFund, RISK_FUND);
        allocations[2] = DMC.Allocation(foundation, FOUNDATION);
        allocations[3] = DMC.Allocation(address(teamVesting), TEAM);
        allocations[4] = DMC.Allocation(address(privateVesting), PRIVATE);
    }

    /// @notice The holders whose DMC never votes: the treasury, the insurance fund and the unvested tokens.
    function _lockedHolders() internal view returns (address[] memory locked) {
        locked = new address[](4);
        locked[0] = address(timelock);
        locked[1] = insuranceFund;
        locked[2] = address(teamVesting);
        locked[3] = address(privateVesting);
    }

    function _fundVoter(address voter, uint256 amount) internal {
        vm.prank(foundation);
        dmc.transfer(voter, amount);
        vm.prank(voter);
        dmc.delegate(voter);
    }

    // ---------------------------------------------------------------- time

    function _now() internal view returns (uint256) {
        return vm.getBlockTimestamp();
    }

    function _skip(uint256 seconds_) internal {
        vm.warp(vm.getBlockTimestamp() + seconds_);
    }

    // ---------------------------------------------------------------- governor helpers

    /// @notice A one-call proposal, as the governor and the timelock see it.
    struct Proposal {
        address[] targets;
        uint256[] values;
        bytes[] calldatas;
        string description;
        bytes32 descriptionHash;
        uint256 id;
    }

    function _proposal(address to, bytes memory data, string memory description)
        internal
        view
        returns (Proposal memory p)
    {
        p.targets = new address[](1);
        p.targets[0] = to;
        p.values = new uint256[](1);
        p.calldatas = new bytes[](1);
        p.calldatas[0] = data;
        p.description = description;
        p.descriptionHash = keccak256(bytes(description));
        p.id = governor.hashProposal(p.targets, p.values, p.calldatas, p.descriptionHash);
    }

    function _propose(address proposer, Proposal memory p) internal returns (uint256 id) {
        vm.prank(proposer);
        id = governor.propose(p.targets, p.values, p.calldatas, p.description);
    }

    function _vote(address voter, uint256 id, uint8 support) internal {
        vm.prank(voter);
        governor.castVote(id, support);
    }

    function _queue(Proposal memory p) internal {
        governor.queue(p.targets, p.values, p.calldatas, p.descriptionHash);
    }

    function _execute(Proposal memory p) internal {
        governor.execute(p.targets, p.values, p.calldatas, p.descriptionHash);
    }

    /// @notice Proposes, passes (alice and bob vote for: 5M >= 4M quorum), queues and waits out the timelock
    /// delay; the proposal is then ready to execute.
    function _passAndQueue(Proposal memory p) internal {
        _propose(alice, p);
        _skip(VOTING_DELAY + 1);
        _vote(alice, p.id, 1);
        _vote(bob, p.id, 1);
        _skip(VOTING_PERIOD);
        _queue(p);
        _skip(MIN_DELAY);
    }

    /// @notice The whole path of a governance decision: propose, pass, queue, wait, execute.
    function _govern(address to, bytes memory data, string memory description) internal returns (Proposal memory p) {
        p = _proposal(to, data, description);
        _passAndQueue(p);
        _execute(p);
    }

    // ---------------------------------------------------------------- council helpers

    /// @notice Member `first` submits, the next `approvals - 1` members approve (wrapping around the list).
    function _councilSubmit(uint256 first, uint256 approvals, address to, uint256 value, bytes memory data)
        internal
        returns (uint256 id)
    {
        vm.prank(councilMembers[first]);
        id = council.submit(to, value, data, "council transaction");
        for (uint256 i = 1; i < approvals; ++i) {
            vm.prank(councilMembers[(first + i) % councilMembers.length]);
            council.approve(id);
        }
    }

    /// @notice Calldata of `timelock.schedule` for one call with no predecessor and the minimum delay.
    function _scheduleCall(address to, bytes memory data, bytes32 salt) internal pure returns (bytes memory) {
        return abi.encodeCall(TimelockController.schedule, (to, 0, data, bytes32(0), salt, MIN_DELAY));
    }

    function _digit(uint256 i) private pure returns (string memory) {
        bytes memory b = new bytes(1);
        b[0] = bytes1(uint8(48 + i));
        return string(b);
    }
}
