// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {FullDeployment} from "../utils/FullDeployment.sol";
import {TestBase} from "../utils/Vm.sol";
import {Council} from "../../src/Council.sol";
import {CouncilGate} from "../../src/CouncilGate.sol";
import {DMEXGovernor} from "../../src/DMEXGovernor.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @dev Every account outside the contracts — the reporters, the seven council members, the three token
/// allocations and an outsider — tries to give itself or another account a role on any contract of the
/// deployment: directly, through four colluding council members and the gate, or by a token vote one holder
/// carries alone; it also renounces roles. Whatever passes is executed after the timelock delay.
contract RolesHandler is TestBase {
    Council internal immutable council;
    CouncilGate internal immutable gate;
    TimelockController internal immutable timelock;
    DMEXGovernor internal immutable governor;
    address[] internal members;
    address[] public accounts;
    address[] public holders;
    address[] public contracts;
    bytes32[] public roles;
    uint256 internal nonce;
    uint256 public ghost_directGrants;
    uint256 public ghost_councilGrants;
    uint256 public ghost_loneVotesPassed;

    constructor(
        Council c,
        CouncilGate g,
        TimelockController t,
        DMEXGovernor gov,
        address[] memory m,
        address[] memory accounts_,
        address[] memory holders_,
        address[] memory contracts_,
        bytes32[] memory roles_
    ) {
        (council, gate, timelock, governor) = (c, g, t, gov);
        members = m;
        accounts = accounts_;
        holders = holders_;
        contracts = contracts_;
        roles = roles_;
    }

    function _pick(uint256 c, uint256 r, uint256 w) internal view returns (address to, bytes32 role, address who) {
        return (contracts[c % contracts.length], roles[r % roles.length], accounts[w % accounts.length]);
    }

    /// @dev An account calls grantRole itself.
    function direct(uint256 actor, uint256 c, uint256 r, uint256 w) external {
        (address to, bytes32 role, address who) = _pick(c, r, w);
        vm.prank(accounts[actor % accounts.length]);
        try IAccessControl(to).grantRole(role, who) {
            ghost_directGrants++;
        } catch {}
    }

    /// @dev Four council members schedule a grant through the gate; if accepted it runs after the delay.
    function throughCouncil(uint256 c, uint256 r, uint256 w) external {
        (address to, bytes32 role, address who) = _pick(c, r, w);
        bytes memory data = abi.encodeCall(IAccessControl.grantRole, (role, who));
        bytes32 salt = bytes32(++nonce);
        uint256 delay = timelock.getMinDelay();
        bytes memory call = abi.encodeCall(CouncilGate.schedule, (to, 0, data, bytes32(0), salt, delay));
        vm.prank(members[0]);
        uint256 id = council.submit(address(gate), 0, call, "grant");
        for (uint256 i = 1; i < 4; ++i) {
            vm.prank(members[i]);
            council.approve(id);
        }
        vm.prank(members[0]);
        try council.execute(id) {
            vm.warp(block.timestamp + delay);
            try timelock.execute(to, 0, data, bytes32(0), salt) {
                ghost_councilGrants++;
            } catch {}
        } catch {}
    }

    /// @dev One holder (foundation 10M, team 10M or private sale 20M) proposes a grant and votes for it alone.
    function loneVote(uint256 holder, uint256 c, uint256 r, uint256 w) external {
        (address to, bytes32 role, address who) = _pick(c, r, w);
        address h = holders[holder % holders.length];
        address[] memory t = new address[](1);
        t[0] = to;
        uint256[] memory v = new uint256[](1);
        bytes[] memory d = new bytes[](1);
        d[0] = abi.encodeCall(IAccessControl.grantRole, (role, who));
        string memory description = string.concat("grant #", vm.toString(++nonce));
        vm.prank(h);
        try governor.propose(t, v, d, description) returns (uint256 id) {
            vm.warp(block.timestamp + governor.votingDelay() + 1);
            vm.prank(h);
            governor.castVote(id, 1);
            vm.warp(block.timestamp + governor.votingPeriod());
            bytes32 dh = keccak256(bytes(description));
            try governor.queue(t, v, d, dh) {
                ghost_loneVotesPassed++;
                vm.warp(block.timestamp + timelock.getMinDelay());
                try governor.execute(t, v, d, dh) {} catch {}
            } catch {}
        } catch {}
    }

    /// @dev An account drops a role it may hold (a reporter stepping down): allowed, and never adds one.
    function renounce(uint256 actor, uint256 c, uint256 r) external {
        address a = accounts[actor % accounts.length];
        (address to, bytes32 role,) = _pick(c, r, 0);
        vm.prank(a);
        try IAccessControl(to).renounceRole(role, a) {} catch {}
    }

    function accountCount() external view returns (uint256) {
        return accounts.length;
    }

    function contractCount() external view returns (uint256) {
        return contracts.length;
    }

    function roleCount() external view returns (uint256) {
        return roles.length;
    }
}

/// @notice Issue 13: on the whole deployment, no account outside the contracts ever holds a role the README's
/// roles table does not give it — the three oracle reporters' REPORTER_ROLE is the only one — whatever those
/// accounts try: direct grants, four council members through the gate, or one allocation voting alone.
contract RolesInvariantTest is FullDeployment {
    RolesHandler internal handler;
    address internal constant OUTSIDER = address(0xBAD);

    function setUp() public override {
        super.setUp();
        address[] memory accounts = new address[](reporters.length + councilMembers.length + 5);
        uint256 n;
        for (uint256 i; i < reporters.length; ++i) accounts[n++] = reporters[i];
        for (uint256 i; i < councilMembers.length; ++i) accounts[n++] = councilMembers[i];
        (accounts[n++], accounts[n++], accounts[n++], accounts[n++]) = (foundation, team, privateSale, OUTSIDER);
        accounts[n++] = address(this); // the deployer
        address[] memory holders = new address[](3);
        (holders[0], holders[1], holders[2]) = (foundation, team, privateSale);
        bytes32[] memory roleList = new bytes32[](11);
        roleList[0] = bytes32(0);
        roleList[1] = timelock.PROPOSER_ROLE();
        roleList[2] = timelock.CANCELLER_ROLE();
        roleList[3] = timelock.EXECUTOR_ROLE();
        roleList[4] = nft.ISSUER_ROLE();
        roleList[5] = nft.CLAIMS_ROLE();
        roleList[6] = escrow.DEPOSITOR_ROLE();
        roleList[7] = escrow.HALTER_ROLE();
        roleList[8] = ifil.BRIDGE_ROLE();
        roleList[9] = oracle.REPORTER_ROLE();
        roleList[10] = nft.ESCROW_ROLE();
        handler = new RolesHandler(
            council, gate, timelock, governor, councilMembers, accounts, holders, _accessControlled(), roleList
        );
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function _accessControlled() internal view returns (address[] memory c) {
        c = new address[](10);
        (c[0], c[1], c[2], c[3], c[4]) =
            (address(timelock), address(nft), address(escrow), address(ifil), address(oracle));
        (c[5], c[6], c[7], c[8], c[9]) =
            (address(distributor), address(fund), address(guard), address(market), address(loans));
    }

    /// @dev The README's table, for accounts outside the contracts: a reporter may hold REPORTER_ROLE on the
    /// oracle; nothing else.
    function _allowed(address account, address target, bytes32 role) internal view returns (bool) {
        if (target != address(oracle) || role != oracle.REPORTER_ROLE()) return false;
        for (uint256 i; i < reporters.length; ++i) if (reporters[i] == account) return true;
        return false;
    }

    /// forge-config: default.invariant.runs = 24
    /// forge-config: default.invariant.depth = 24
    function invariant_NoAccountHoldsARoleOutsideTheTable() public view {
        address[] memory c = _accessControlled();
        for (uint256 a; a < handler.accountCount(); ++a) {
            address account = handler.accounts(a);
            for (uint256 t; t < c.length; ++t) {
                for (uint256 r; r < handler.roleCount(); ++r) {
                    bytes32 role = handler.roles(r);
                    if (IAccessControl(c[t]).hasRole(role, account)) {
                        vm.assertTrue(_allowed(account, c[t], role), "an account holds a role the table does not give it");
                    }
                }
            }
        }
        vm.assertEq(handler.ghost_loneVotesPassed(), 0, "one allocation passed a vote alone");
        vm.assertEq(handler.ghost_councilGrants(), 0, "the council granted a role without a vote");
        vm.assertEq(handler.ghost_directGrants(), 0, "an account granted a role directly");
    }

    /// @dev The table as deployed: each reporter holds its role; the deployer holds nothing.
    function test_Deployment_MatchesTheTable() public view {
        for (uint256 i; i < reporters.length; ++i) {
            vm.assertTrue(oracle.hasRole(oracle.REPORTER_ROLE(), reporters[i]), "reporter");
        }
        invariant_NoAccountHoldsARoleOutsideTheTable();
    }

    /// @dev The harness can grant: two allocations voting together pass a grant, so a refusal above is real.
    function test_TwoAllocationsCanGrantAReporter() public {
        address[] memory t = new address[](1);
        t[0] = address(oracle);
        uint256[] memory v = new uint256[](1);
        bytes[] memory d = new bytes[](1);
        d[0] = abi.encodeCall(IAccessControl.grantRole, (oracle.REPORTER_ROLE(), OUTSIDER));
        vm.prank(privateSale);
        uint256 id = governor.propose(t, v, d, "fourth reporter");
        vm.warp(block.timestamp + VOTING_DELAY + 1);
        vm.prank(privateSale);
        governor.castVote(id, 1);
        vm.prank(foundation);
        governor.castVote(id, 1);
        vm.warp(block.timestamp + VOTING_PERIOD);
        governor.queue(t, v, d, keccak256("fourth reporter"));
        vm.warp(block.timestamp + DELAY);
        governor.execute(t, v, d, keccak256("fourth reporter"));
        vm.assertTrue(oracle.hasRole(oracle.REPORTER_ROLE(), OUTSIDER), "granted by a real vote");
    }
}
