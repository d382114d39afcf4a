// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {GovernanceFixture} from "../utils/GovernanceFixture.sol";
import {TestBase} from "../utils/Vm.sol";
import {Target} from "../mocks/Target.sol";
import {Council} from "../../src/Council.sol";
import {CouncilGate} from "../../src/CouncilGate.sol";
import {DMC} from "../../src/DMC.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @dev A council of four colluding members (the threshold) trying, in any order, to give an account (one of them
/// or an outsider) a timelock role or an admin role, to move or delegate the mining reserve, to lower the delay —
/// mixed with legitimate operations it schedules and executes after the delay.
contract CouncilGateHandler is TestBase {
    Council internal immutable council;
    CouncilGate internal immutable gate;
    TimelockController internal immutable timelock;
    DMC internal immutable dmc;
    Target internal immutable target;
    address[] internal members;
    address[] public accounts;
    uint256 public ghost_forbiddenAccepted;
    uint256 public ghost_legitimateRun;
    /// @dev Legitimate operations the gate refused: must stay 0 (the harness can succeed, so refusals are real).
    uint256 public ghost_legitimateRefused;
    uint256 internal nonce;
    bytes32[] internal pendingSalts;
    uint256 internal constant DELAY = 2 days;

    constructor(Council c, CouncilGate g, TimelockController t, DMC d, Target tgt, address[] memory m) {
        council = c;
        gate = g;
        timelock = t;
        dmc = d;
        target = tgt;
        members = m;
        accounts = m;
        accounts.push(address(0xBAD));
    }

    function _councilRun(address to, bytes memory data, bytes32 salt) internal returns (bool ok) {
        bytes memory call = abi.encodeCall(CouncilGate.schedule, (to, 0, data, bytes32(0), salt, DELAY));
        vm.prank(members[0]);
        uint256 id = council.submit(address(gate), 0, call, "handler");
        for (uint256 i = 1; i < 4; ++i) {
            vm.prank(members[i]);
            council.approve(id);
        }
        vm.prank(members[0]);
        try council.execute(id) {
            ok = true;
        } catch {
            ok = false;
        }
    }

    /// @dev A forbidden grab: must be refused by the gate.
    function grab(uint256 kind, uint256 who, uint256 amount) external {
        address account = accounts[who % accounts.length];
        bytes32 salt = bytes32(++nonce);
        bytes32[4] memory roles = [timelock.PROPOSER_ROLE(), timelock.CANCELLER_ROLE(), timelock.DEFAULT_ADMIN_ROLE(), timelock.EXECUTOR_ROLE()];
        address to;
        bytes memory data;
        uint256 k = kind % 6;
        if (k == 0) (to, data) = (address(timelock), abi.encodeCall(IAccessControl.grantRole, (roles[amount % 4], account)));
        else if (k == 1) (to, data) = (address(target), abi.encodeCall(IAccessControl.grantRole, (bytes32(0), account)));
        else if (k == 2) (to, data) = (address(dmc), abi.encodeCall(IERC20.transfer, (account, bound(amount, 1, 50_000_000e18))));
        else if (k == 3) (to, data) = (address(dmc), abi.encodeCall(IVotes.delegate, (account)));
        else if (k == 4) (to, data) = (address(timelock), abi.encodeCall(TimelockController.updateDelay, (bound(amount, 0, DELAY - 1))));
        else (to, data) = (address(council), abi.encodeCall(Council.addMember, (account)));
        if (_councilRun(to, data, salt)) ghost_forbiddenAccepted++;
    }

    /// @dev A legitimate operation: scheduled now, executed by anyone once the delay has passed.
    function legitimate(uint256 value) external {
        bytes32 salt = bytes32(++nonce);
        if (_councilRun(address(target), abi.encodeCall(Target.setValue, (value)), salt)) pendingSalts.push(salt);
        else ghost_legitimateRefused++;
    }

    function executeReady(uint256 value) external {
        vm.warp(block.timestamp + DELAY);
        for (uint256 i; i < pendingSalts.length; ++i) {
            bytes memory data = abi.encodeCall(Target.setValue, (value));
            bytes32 id = timelock.hashOperation(address(target), 0, data, bytes32(0), pendingSalts[i]);
            if (timelock.isOperationReady(id)) {
                timelock.execute(address(target), 0, data, bytes32(0), pendingSalts[i]);
                ghost_legitimateRun++;
            }
        }
        delete pendingSalts;
    }

    function accountCount() external view returns (uint256) {
        return accounts.length;
    }
}

/// @notice Whatever four council members try through the gate, no account (member or outsider) ever holds a
/// timelock role or an admin role it was not given by the table, the mining reserve stays whole and undelegated,
/// and the timelock delay never drops below its floor.
contract CouncilGateInvariantTest is GovernanceFixture {
    CouncilGateHandler internal handler;

    function setUp() public override {
        super.setUp();
        handler = new CouncilGateHandler(council, gate, timelock, dmc, target, councilMembers);
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function invariant_NoAccountGainsARoleOrTheReserve() public view {
        bytes32[3] memory roles = [timelock.PROPOSER_ROLE(), timelock.CANCELLER_ROLE(), timelock.DEFAULT_ADMIN_ROLE()];
        for (uint256 i; i < handler.accountCount(); ++i) {
            address account = handler.accounts(i);
            for (uint256 r; r < 3; ++r) {
                vm.assertFalse(timelock.hasRole(roles[r], account), "an account got a timelock role");
            }
            vm.assertFalse(timelock.hasRole(timelock.EXECUTOR_ROLE(), account) && account != address(0), "no private executor");
            vm.assertEq(dmc.balanceOf(account) >= MINING_RESERVE, false, "the reserve moved");
        }
        vm.assertEq(handler.ghost_forbiddenAccepted(), 0, "the gate let a grab through");
        vm.assertEq(handler.ghost_legitimateRefused(), 0, "a legitimate operation was refused");
        vm.assertEq(dmc.balanceOf(address(timelock)), MINING_RESERVE, "the reserve is whole");
        vm.assertEq(dmc.delegates(address(timelock)), address(dmc), "the reserve stays locked out of the vote");
        vm.assertGe(timelock.getMinDelay(), MIN_DELAY, "the delay is not below its floor");
        vm.assertTrue(timelock.hasRole(timelock.PROPOSER_ROLE(), address(governor)), "the governor still proposes");
    }
}
