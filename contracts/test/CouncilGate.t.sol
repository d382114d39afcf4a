// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {GovernanceFixture} from "./utils/GovernanceFixture.sol";
import {Target} from "./mocks/Target.sol";
import {Council} from "../src/Council.sol";
import {CouncilGate} from "../src/CouncilGate.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";

/// @dev The InsuranceFund's functions the gate looks at, for encoding.
interface IFundCalls {
    function withdraw(IERC20 token, address to, uint256 amount) external;
    function openPayout(uint256 productId, IERC20 token, uint256 amount) external returns (uint256);
}

/// @notice Issue 13, findings 4 and 5, written as the council would attack: four members (the threshold) try to
/// move the mining reserve, take minting or admin roles, zero the timelock delay, take the Governor's proposer role
/// and veto their own removal. The council reaches the timelock only through {CouncilGate}, which refuses each.
contract CouncilGateTest is GovernanceFixture {
    bytes32 internal constant SALT = "attack";
    address internal stranger = address(0x5757);

    /// @dev Four members submit and execute a schedule of `data` on `to` through the gate.
    function _councilSchedules(address to, bytes memory data) internal returns (uint256 id) {
        id = _councilSubmit(0, 4, address(gate), 0, _scheduleCall(to, data, SALT));
        vm.prank(councilMembers[0]);
        council.execute(id);
    }

    function _expectForbidden(address to, bytes memory data, string memory reason) internal {
        uint256 id = _councilSubmit(0, 4, address(gate), 0, _scheduleCall(to, data, SALT));
        vm.expectRevert(abi.encodeWithSelector(CouncilGate.CouncilGateForbidden.selector, to, bytes4(data), reason));
        vm.prank(councilMembers[0]);
        council.execute(id);
    }

    function test_Attack_CannotMoveTheMiningReserveOrItsVotes() public {
        address thief = councilMembers[0];
        string memory why = "the DMC reserve and its votes need a vote";
        _expectForbidden(address(dmc), abi.encodeCall(IERC20.transfer, (thief, MINING_RESERVE)), why);
        _expectForbidden(address(dmc), abi.encodeCall(IERC20.approve, (thief, MINING_RESERVE)), why);
        _expectForbidden(address(dmc), abi.encodeCall(IVotes.delegate, (thief)), why);
        vm.assertEq(dmc.balanceOf(address(timelock)), MINING_RESERVE, "reserve intact");
    }

    /// @dev The council would add a pool of a token it holds and take a share of the emission, move the ratios or
    /// send the unallocated mining DMC to itself: each needs a token vote.
    function test_Attack_CannotTouchDmcMining() public {
        string memory why = "DMC mining's reserve, pools and ratios need a vote";
        _expectForbidden(MINING, abi.encodeWithSignature("addPool(address,uint8,uint32)", councilMembers[0], uint8(2), uint32(1000)), why);
        _expectForbidden(MINING, abi.encodeWithSignature("setSplit(uint16[3])", [uint16(0), uint16(0), uint16(10_000)]), why);
        _expectForbidden(MINING, abi.encodeWithSignature("returnUnallocated(address)", councilMembers[0]), why);
        _expectForbidden(MINING, abi.encodeWithSignature("setAlloc(uint256,uint32)", uint256(3), uint32(1)), why);
    }

    function test_Attack_CannotTakeTheInsuranceFundsDmc() public {
        string memory why = "the insurance fund's DMC needs a vote";
        _expectForbidden(insuranceFund, abi.encodeCall(IFundCalls.withdraw, (IERC20(address(dmc)), councilMembers[0], 1)), why);
        _expectForbidden(insuranceFund, abi.encodeCall(IFundCalls.openPayout, (1, IERC20(address(dmc)), 1)), why);
        // the fund's other tokens stay within the council's stewardship
        _councilSchedules(insuranceFund, abi.encodeCall(IFundCalls.withdraw, (IERC20(address(0x05D7)), councilMembers[0], 1)));
    }

    /// @dev DMC the DAO sent to the pool guard for a payout is the fund's DMC: once a payout closes, what was not
    /// claimed sits unearmarked in the guard, and four members would send it to themselves or open a payout of it
    /// for a pool they hold.
    function test_Attack_CannotTakeTheFundsDmcThroughThePoolGuard() public {
        string memory why = "the insurance fund's DMC needs a vote";
        _expectForbidden(POOL_GUARD, abi.encodeWithSignature("withdraw(address,address,uint256)", address(dmc), councilMembers[0], 1), why);
        _expectForbidden(POOL_GUARD, abi.encodeWithSignature("openPayout(address,address,uint256)", address(0xB001), address(dmc), 1), why);
        // its USDT stays within the council's stewardship, as the fund's
        _councilSchedules(POOL_GUARD, abi.encodeWithSignature("withdraw(address,address,uint256)", address(0x05D7), councilMembers[0], 1));
    }

    function test_Attack_CannotTouchMintingOrAdminRoles() public {
        bytes32 anyRole = keccak256("ISSUER_ROLE");
        _expectForbidden(nftAddress, abi.encodeCall(IAccessControl.grantRole, (anyRole, address(council))), "minting roles need a vote");
        _expectForbidden(ifilAddress, abi.encodeWithSignature("setDailyMintLimit(uint256)", type(uint256).max), "minting roles need a vote");
        // DEFAULT_ADMIN_ROLE anywhere: granting it would let the council act without the gate
        _expectForbidden(address(target), abi.encodeCall(IAccessControl.grantRole, (bytes32(0), address(council))), "admin roles need a vote");
        _expectForbidden(address(target), abi.encodeCall(IAccessControl.revokeRole, (bytes32(0), address(timelock))), "admin roles need a vote");
        // no role for anyone without a vote: four members cannot add rogue oracle reporters (their own, or a
        // friend's) to decide the market average
        bytes32 reporter = keccak256("REPORTER_ROLE");
        _expectForbidden(address(target), abi.encodeCall(IAccessControl.grantRole, (reporter, councilMembers[1])), "granting a role needs a vote");
        _expectForbidden(address(target), abi.encodeCall(IAccessControl.grantRole, (reporter, address(0xBAD))), "granting a role needs a vote");
        // dropping a rogue reporter is a guardian action
        _councilSchedules(address(target), abi.encodeCall(IAccessControl.revokeRole, (reporter, address(0xBAD))));
    }

    function test_Attack_CannotTakeTheGovernorsProposerRoleOrZeroTheDelay() public {
        bytes32 proposer = timelock.PROPOSER_ROLE();
        string memory roles = "timelock roles need a vote";
        _expectForbidden(address(timelock), abi.encodeCall(IAccessControl.revokeRole, (proposer, address(governor))), roles);
        _expectForbidden(address(timelock), abi.encodeCall(IAccessControl.grantRole, (proposer, councilMembers[0])), roles);
        _expectForbidden(address(timelock), abi.encodeCall(TimelockController.updateDelay, (0)), "the timelock delay has a floor");
        _expectForbidden(address(timelock), abi.encodeCall(TimelockController.updateDelay, (MIN_DELAY - 1)), "the timelock delay has a floor");
        // raising it is fine
        _councilSchedules(address(timelock), abi.encodeCall(TimelockController.updateDelay, (MIN_DELAY * 2)));
        vm.assertTrue(timelock.hasRole(proposer, address(governor)), "the governor still proposes");
    }

    function test_Attack_CannotChangeItsOwnMembersOrBounds() public {
        string memory why = "council members, threshold and bounds need a vote";
        _expectForbidden(address(council), abi.encodeCall(Council.addMember, (stranger)), why);
        _expectForbidden(address(council), abi.encodeCall(Council.setThreshold, (1)), why);
        _expectForbidden(address(gate), abi.encodeCall(CouncilGate.cancel, (address(0), 0, "", 0, 0)), why);
    }

    function test_Attack_BatchWithOneForbiddenCallIsRefusedWhole() public {
        address[] memory targets = new address[](2);
        targets[0] = address(target);
        targets[1] = address(dmc);
        uint256[] memory values = new uint256[](2);
        bytes[] memory payloads = new bytes[](2);
        payloads[0] = abi.encodeCall(Target.setValue, (1));
        payloads[1] = abi.encodeCall(IERC20.transfer, (stranger, 1));
        uint256 id = _councilSubmit(
            0, 4, address(gate), 0, abi.encodeCall(CouncilGate.scheduleBatch, (targets, values, payloads, 0, SALT, MIN_DELAY))
        );
        vm.expectRevert(
            abi.encodeWithSelector(
                CouncilGate.CouncilGateForbidden.selector, address(dmc), IERC20.transfer.selector, "the DMC reserve and its votes need a vote"
            )
        );
        vm.prank(councilMembers[0]);
        council.execute(id);
    }

    /// @dev Finding 4: in phase 2 the council vetoed its own removal. Now the DAO removes a member and ends the
    /// guardian cancel; the council's cancels of those decisions are refused and they execute.
    function test_Attack_CannotVetoItsRemoval() public {
        address removed = councilMembers[6];
        Proposal memory p = _proposal(address(council), abi.encodeCall(Council.removeMember, (removed)), "Remove a member");
        _passAndQueue(p);
        bytes32 salt = bytes20(address(governor)) ^ p.descriptionHash;
        uint256 id = _councilSubmit(0, 4, address(gate), 0, abi.encodeCall(CouncilGate.cancelBatch, (p.targets, p.values, p.calldatas, 0, salt)));
        vm.expectRevert(abi.encodeWithSelector(CouncilGate.CouncilGateCannotCancel.selector, address(council), Council.removeMember.selector));
        vm.prank(councilMembers[0]);
        council.execute(id);
        _execute(p);
        vm.assertFalse(council.isMember(removed), "removed by the DAO");

        // the DAO ends the guardian cancel: revoking the gate's roles cannot be cancelled either
        bytes32 canceller = timelock.CANCELLER_ROLE();
        Proposal memory end = _proposal(address(timelock), abi.encodeCall(IAccessControl.revokeRole, (canceller, address(gate))), "End the council's cancel");
        _passAndQueue(end);
        salt = bytes20(address(governor)) ^ end.descriptionHash;
        id = _councilSubmit(0, 4, address(gate), 0, abi.encodeCall(CouncilGate.cancelBatch, (end.targets, end.values, end.calldatas, 0, salt)));
        vm.expectRevert(abi.encodeWithSelector(CouncilGate.CouncilGateCannotCancel.selector, address(timelock), IAccessControl.revokeRole.selector));
        vm.prank(councilMembers[0]);
        council.execute(id);
        _execute(end);
        vm.assertFalse(timelock.hasRole(canceller, address(gate)), "guardian cancel ended");
    }

    /// @dev The guardian cancel over other decisions still works (phase 1 and 2).
    function test_CancelsAnOrdinaryQueuedDecision() public {
        Proposal memory p = _proposal(address(target), abi.encodeCall(Target.setValue, (9)), "Risky change");
        _passAndQueue(p);
        bytes32 salt = bytes20(address(governor)) ^ p.descriptionHash;
        uint256 id = _councilSubmit(0, 4, address(gate), 0, abi.encodeCall(CouncilGate.cancelBatch, (p.targets, p.values, p.calldatas, 0, salt)));
        vm.prank(councilMembers[0]);
        council.execute(id);
        vm.assertEq(uint256(governor.state(p.id)), uint256(IGovernor.ProposalState.Canceled), "vetoed");
    }

    function test_RevertWhen_NotTheCouncil() public {
        vm.expectRevert(abi.encodeWithSelector(CouncilGate.CouncilGateNotCouncil.selector, councilMembers[0]));
        vm.prank(councilMembers[0]); // a member alone, not the multisig
        gate.schedule(address(target), 0, abi.encodeCall(Target.setValue, (1)), 0, SALT, MIN_DELAY);
        vm.expectRevert(abi.encodeWithSelector(CouncilGate.CouncilGateNotCouncil.selector, address(timelock)));
        vm.prank(address(timelock));
        gate.cancel(address(target), 0, "", 0, SALT);
    }

    /// @dev Whatever the call, anything aimed at the reserve token, the minting contracts, the council or the gate
    /// is refused; an ordinary call elsewhere is allowed.
    function testFuzz_ForbiddenTargetsAlwaysRefused(uint256 pick, bytes calldata data) public view {
        address[6] memory guarded = [address(dmc), nftAddress, ifilAddress, address(council), address(gate), MINING];
        vm.assertGt(bytes(gate.forbiddenReason(guarded[pick % 6], data)).length, 0, "guarded target refused");
        vm.assertFalse(gate.cancellable(address(council), data), "council calls are never cancellable");
        if (data.length >= 4 && (bytes4(data) == IAccessControl.grantRole.selector || bytes4(data) == IAccessControl.revokeRole.selector || bytes4(data) == IAccessControl.renounceRole.selector)) return;
        vm.assertEq(bytes(gate.forbiddenReason(address(target), data)).length, 0, "ordinary call allowed");
    }
}
