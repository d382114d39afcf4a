// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IEmissionSchedule} from "../src/interfaces/IEmissionSchedule.sol";
import {GovernanceFixture} from "./utils/GovernanceFixture.sol";
import {DMC} from "../src/DMC.sol";
import {Votes} from "@openzeppelin/contracts/governance/utils/Votes.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

/// @notice Unit and property tests of the DMC token: allocations, constructor checks, the timestamp clock,
/// delegation and historical votes, EIP-2612 permits and burning.
contract DMCTest is GovernanceFixture {
    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    uint256 internal constant HOLDER_KEY = 0xD3C0;
    address internal spender = address(0x5BE7D);

    // ================================================================ constructor

    function test_Constructor_MintsEachAllocation() public view {
        vm.assertEq(dmc.totalSupply(), dmc.TOTAL_SUPPLY(), "total supply");
        vm.assertEq(dmc.TOTAL_SUPPLY(), 100_000_000e18, "100M DMC");
        vm.assertEq(dmc.balanceOf(address(timelock)), MINING_RESERVE, "mining reserve 50% -> timelock");
        vm.assertEq(dmc.balanceOf(insuranceFund), RISK_FUND, "risk fund 10%");
        vm.assertEq(dmc.balanceOf(address(teamVesting)), TEAM, "team 10% -> vesting");
        vm.assertEq(dmc.balanceOf(address(privateVesting)), PRIVATE, "private 20% -> vesting");
        uint256 givenToVoters = ALICE_VOTES + BOB_VOTES + CAROL_VOTES + DAVE_VOTES;
        vm.assertEq(dmc.balanceOf(foundation), FOUNDATION - givenToVoters, "foundation 10% minus test voters");
        vm.assertEq(MINING_RESERVE + RISK_FUND + FOUNDATION + TEAM + PRIVATE, dmc.TOTAL_SUPPLY(), "shares add up");
    }

    function test_Constructor_Metadata() public view {
        vm.assertEq(dmc.name(), "DMEX Coin", "name");
        vm.assertEq(dmc.symbol(), "DMC", "symbol");
        vm.assertEq(uint256(dmc.decimals()), 18, "decimals");
    }

    function test_Constructor_EmitsOneTransferPerAllocation() public {
        DMC.Allocation[] memory a = _allocations();
        for (uint256 i; i < a.length; ++i) {
            vm.expectEmit(true, true, false, true);
            emit Transfer(address(0), a[i].recipient, a[i].amount);
        }
        new DMC(a, new address[](0), IEmissionSchedule(address(0)));
    }

    function test_RevertWhen_ConstructorRecipientIsZero() public {
        DMC.Allocation[] memory a = _allocations();
        a[3].recipient = address(0);
        vm.expectRevert(abi.encodeWithSelector(DMC.DMCInvalidRecipient.selector, 3));
        new DMC(a, new address[](0), IEmissionSchedule(address(0)));
    }

    function test_RevertWhen_ConstructorSumTooLow() public {
        DMC.Allocation[] memory a = _allocations();
        a[1].amount -= 1;
        vm.expectRevert(
            abi.encodeWithSelector(DMC.DMCInvalidTotalSupply.selector, dmc.TOTAL_SUPPLY() - 1, dmc.TOTAL_SUPPLY())
        );
        new DMC(a, new address[](0), IEmissionSchedule(address(0)));
    }

    function test_RevertWhen_ConstructorSumTooHigh() public {
        DMC.Allocation[] memory a = _allocations();
        a[0].amount += 1;
        vm.expectRevert(
            abi.encodeWithSelector(DMC.DMCInvalidTotalSupply.selector, dmc.TOTAL_SUPPLY() + 1, dmc.TOTAL_SUPPLY())
        );
        new DMC(a, new address[](0), IEmissionSchedule(address(0)));
    }

    function test_RevertWhen_ConstructorHasNoAllocation() public {
        vm.expectRevert(abi.encodeWithSelector(DMC.DMCInvalidTotalSupply.selector, 0, dmc.TOTAL_SUPPLY()));
        new DMC(new DMC.Allocation[](0), new address[](0), IEmissionSchedule(address(0)));
    }

    /// @dev Any two-way split of the supply deploys and mints exactly that split.
    function testFuzz_Constructor_AnySplitOfTheSupply(uint256 first, address r1, address r2) public {
        vm.assume(r1 != address(0) && r2 != address(0) && r1 != r2);
        first = bound(first, 0, 100_000_000e18);
        DMC.Allocation[] memory a = new DMC.Allocation[](2);
        a[0] = DMC.Allocation(r1, first);
        a[1] = DMC.Allocation(r2, 100_000_000e18 - first);
        DMC token = new DMC(a, new address[](0), IEmissionSchedule(address(0)));
        vm.assertEq(token.balanceOf(r1), first, "first share");
        vm.assertEq(token.balanceOf(r2), 100_000_000e18 - first, "second share");
        vm.assertEq(token.totalSupply(), 100_000_000e18, "supply");
    }

    function test_HasNoMintFunction() public {
        (bool ok,) = address(dmc).call(abi.encodeWithSignature("mint(address,uint256)", alice, 1));
        vm.assertFalse(ok, "no mint(address,uint256)");
        (ok,) = address(dmc).call(abi.encodeWithSignature("owner()"));
        vm.assertFalse(ok, "no owner()");
    }

    // ================================================================ clock

    function test_Clock_IsTheBlockTimestamp() public {
        vm.assertEq(uint256(dmc.clock()), _now(), "clock == timestamp");
        _skip(12345);
        vm.assertEq(uint256(dmc.clock()), _now(), "clock follows warp");
        vm.assertEq(dmc.CLOCK_MODE(), "mode=timestamp", "ERC-6372 mode");
    }

    function test_Clock_GovernorUsesTheTokenClock() public view {
        vm.assertEq(uint256(governor.clock()), _now(), "governor clock == timestamp");
        vm.assertEq(governor.CLOCK_MODE(), "mode=timestamp", "governor clock mode");
    }

    // ================================================================ delegation and votes

    function test_Votes_UndelegatedTokensDoNotVote() public view {
        vm.assertEq(dmc.getVotes(address(timelock)), 0, "timelock reserve does not vote");
        vm.assertEq(dmc.getVotes(foundation), 0, "foundation not delegated");
        vm.assertEq(dmc.getVotes(address(teamVesting)), 0, "vesting wallet cannot vote");
        vm.assertEq(dmc.delegates(foundation), address(0), "no delegate by default");
        vm.assertEq(dmc.getVotes(alice), ALICE_VOTES, "self-delegated voter");
    }

    function test_Votes_GetPastVotesAtTimestamps() public {
        uint256 t0 = _now();
        _skip(100);
        uint256 t1 = _now();
        vm.prank(alice);
        dmc.transfer(bob, 1_000_000e18);
        _skip(100);
        uint256 t2 = _now();
        vm.prank(alice);
        dmc.delegate(carol);
        _skip(1);

        vm.assertEq(dmc.getPastVotes(alice, t0), ALICE_VOTES, "alice before transfer");
        vm.assertEq(dmc.getPastVotes(alice, t1 - 1), ALICE_VOTES, "alice 1s before transfer");
        vm.assertEq(dmc.getPastVotes(alice, t1), ALICE_VOTES - 1_000_000e18, "alice at transfer");
        vm.assertEq(dmc.getPastVotes(bob, t1), BOB_VOTES + 1_000_000e18, "bob at transfer");
        vm.assertEq(dmc.getPastVotes(alice, t2), 0, "alice delegated away");
        vm.assertEq(dmc.getPastVotes(carol, t2), CAROL_VOTES + ALICE_VOTES - 1_000_000e18, "carol got alice's votes");
        vm.assertEq(dmc.getPastVotes(carol, t2 - 1), CAROL_VOTES, "carol before");
        vm.assertEq(dmc.getPastTotalSupply(t2), dmc.TOTAL_SUPPLY(), "past total supply");
        vm.assertEq(dmc.delegates(alice), carol, "delegate recorded");
    }

    function test_RevertWhen_GetPastVotesAtNowOrLater() public {
        uint256 t = _now();
        vm.expectRevert(abi.encodeWithSelector(Votes.ERC5805FutureLookup.selector, t, uint48(t)));
        dmc.getPastVotes(alice, t);
        vm.expectRevert(abi.encodeWithSelector(Votes.ERC5805FutureLookup.selector, t + 1, uint48(t)));
        dmc.getPastTotalSupply(t + 1);
    }

    /// @dev Transfers between delegated holders move exactly the amount of votes; total votes are conserved.
    function testFuzz_Votes_TransferMovesVotes(uint256 amount) public {
        amount = bound(amount, 0, ALICE_VOTES);
        vm.prank(alice);
        dmc.transfer(bob, amount);
        vm.assertEq(dmc.getVotes(alice), ALICE_VOTES - amount, "alice votes");
        vm.assertEq(dmc.getVotes(bob), BOB_VOTES + amount, "bob votes");
        vm.assertEq(dmc.getVotes(alice) + dmc.getVotes(bob), ALICE_VOTES + BOB_VOTES, "conserved");
    }

    // ================================================================ permit

    function test_Permit_SetsAllowanceFromASignature() public {
        address holder = vm.addr(HOLDER_KEY);
        vm.prank(foundation);
        dmc.transfer(holder, 1_000e18);
        uint256 deadline = _now() + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(HOLDER_KEY, holder, spender, 600e18, 0, deadline);

        vm.expectEmit(true, true, false, true, address(dmc));
        emit Approval(holder, spender, 600e18);
        dmc.permit(holder, spender, 600e18, deadline, v, r, s); // anyone may relay it
        vm.assertEq(dmc.allowance(holder, spender), 600e18, "allowance");
        vm.assertEq(dmc.nonces(holder), 1, "nonce used");

        vm.prank(spender);
        dmc.transferFrom(holder, spender, 600e18);
        vm.assertEq(dmc.balanceOf(spender), 600e18, "spent");
    }

    function test_RevertWhen_PermitReplayed() public {
        address holder = vm.addr(HOLDER_KEY);
        uint256 deadline = _now() + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(HOLDER_KEY, holder, spender, 1e18, 0, deadline);
        dmc.permit(holder, spender, 1e18, deadline, v, r, s);
        // The digest now uses nonce 1, so the same signature recovers some other address.
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, holder, spender, 1e18, 1, deadline));
        address recovered =
            ecrecover(keccak256(abi.encodePacked("\x19\x01", dmc.DOMAIN_SEPARATOR(), structHash)), v, r, s);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, recovered, holder));
        dmc.permit(holder, spender, 1e18, deadline, v, r, s);
    }

    function test_RevertWhen_PermitExpired() public {
        address holder = vm.addr(HOLDER_KEY);
        uint256 deadline = _now() - 1;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(HOLDER_KEY, holder, spender, 1e18, 0, deadline);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612ExpiredSignature.selector, deadline));
        dmc.permit(holder, spender, 1e18, deadline, v, r, s);
    }

    function test_RevertWhen_PermitSignedBySomeoneElse() public {
        address holder = vm.addr(HOLDER_KEY);
        uint256 otherKey = 0xBAD;
        uint256 deadline = _now() + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(otherKey, holder, spender, 1e18, 0, deadline);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, vm.addr(otherKey), holder));
        dmc.permit(holder, spender, 1e18, deadline, v, r, s);
    }

    // ================================================================ burn

    function test_Burn_ReducesSupplyAndVotes() public {
        uint256 t = _now();
        vm.prank(alice);
        dmc.burn(1_000_000e18);
        vm.assertEq(dmc.totalSupply(), dmc.TOTAL_SUPPLY() - 1_000_000e18, "supply burnt");
        vm.assertEq(dmc.balanceOf(alice), ALICE_VOTES - 1_000_000e18, "balance burnt");
        vm.assertEq(dmc.getVotes(alice), ALICE_VOTES - 1_000_000e18, "votes follow");
        _skip(1);
        vm.assertEq(dmc.getPastTotalSupply(t - 1), dmc.TOTAL_SUPPLY(), "past supply unchanged");
        vm.assertEq(dmc.getPastTotalSupply(t), dmc.TOTAL_SUPPLY() - 1_000_000e18, "supply checkpointed");
    }

    function test_BurnFrom_UsesAllowance() public {
        vm.prank(alice);
        dmc.approve(spender, 10e18);
        vm.prank(spender);
        dmc.burnFrom(alice, 10e18);
        vm.assertEq(dmc.balanceOf(alice), ALICE_VOTES - 10e18, "burnt from alice");
        vm.assertEq(dmc.allowance(alice, spender), 0, "allowance used");
    }

    function test_RevertWhen_BurnFromWithoutAllowance() public {
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, spender, 0, 1e18)
        );
        vm.prank(spender);
        dmc.burnFrom(alice, 1e18);
    }

    function test_RevertWhen_BurnMoreThanBalance() public {
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, dave, DAVE_VOTES, DAVE_VOTES + 1)
        );
        vm.prank(dave);
        dmc.burn(DAVE_VOTES + 1);
    }

    // ================================================================ helpers

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    function _signPermit(
        uint256 key,
        address owner,
        address spender_,
        uint256 value,
        uint256 nonce,
        uint256 deadline
    ) internal view returns (uint8 v, bytes32 r, bytes32 s) {
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender_, value, nonce, deadline));
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", dmc.DOMAIN_SEPARATOR(), structHash));
        return vm.sign(key, digest);
    }
}
