// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {GovernanceFixture} from "./utils/GovernanceFixture.sol";
import {HashrateNFT} from "../src/HashrateNFT.sol";
import {MinerRegistry} from "../src/MinerRegistry.sol";
import {MockDMC} from "./mocks/MockDMC.sol";

/// @notice Finding 8 (second half): a stake could be withdrawn while a DAO vote to slash it was queued, and the
/// slash then reverted. The registry now asks the governor: while a `slash(id)` proposal is Pending, Active,
/// Succeeded or Queued the stake is frozen; a defeated vote frees it.
contract SlashVoteFreezeTest is GovernanceFixture {
    uint256 internal constant STAKE = 50_000e18;
    MinerRegistry internal registry;
    HashrateNFT internal nft;
    MockDMC internal stakeToken;
    address internal miner = address(0x111);
    uint256 internal appId;

    function setUp() public override {
        super.setUp();
        nft = new HashrateNFT(address(this), "http://localhost/api/nft/");
        stakeToken = new MockDMC();
        registry = new MinerRegistry(
            address(timelock), nft, stakeToken, insuranceFund, STAKE, address(0), address(governor)
        );
        nft.grantRole(nft.ISSUER_ROLE(), address(registry));
        stakeToken.mint(miner, STAKE);
        vm.prank(miner);
        stakeToken.approve(address(registry), STAKE);
        MinerRegistry.ApplicationParams memory p = MinerRegistry.ApplicationParams({
            name: "Node",
            documentsURI: "ipfs://docs",
            documentsHash: keccak256("docs"),
            coin: HashrateNFT.Coin.FIL,
            nodeId: "f01234",
            totalHashrate: 2000,
            effectiveHashrate: 1000,
            hashratePerNFT: 1000,
            nftCount: 1,
            termStart: uint64(block.timestamp),
            termDays: 10,
            pricePerNFT: 1e6,
            expectedDailyYieldPerUnit: 1e15
        });
        vm.prank(miner);
        appId = registry.submitApplication(p);
        vm.prank(address(timelock));
        registry.approve(appId);
        vm.prank(miner);
        registry.stakeAndActivate(appId);
    }

    function _slashProposal() internal view returns (Proposal memory) {
        return _proposal(address(registry), abi.encodeCall(MinerRegistry.slash, (appId)), "Slash the node operator");
    }

    /// @dev ATTACK: the miner sees the slash vote and withdraws at term end before it executes. Refused; the
    /// vote then slashes.
    function test_Attack_WithdrawDuringASlashVoteIsRefused() public {
        Proposal memory p = _slashProposal();
        _skip(5 days);
        _propose(alice, p);
        vm.assertTrue(governor.slashVotePending(address(registry), appId), "pending");
        _skip(VOTING_DELAY + 1);
        _vote(alice, p.id, 1);
        _vote(bob, p.id, 1);
        vm.warp(registry.termEnd(appId)); // the term ends while the vote runs
        vm.expectRevert(abi.encodeWithSelector(MinerRegistry.MinerRegistrySlashVotePending.selector, appId));
        vm.prank(miner);
        registry.withdrawStake(appId);

        _skip(VOTING_PERIOD);
        _queue(p);
        vm.expectRevert(abi.encodeWithSelector(MinerRegistry.MinerRegistrySlashVotePending.selector, appId));
        vm.prank(miner);
        registry.withdrawStake(appId); // queued: still frozen
        _skip(MIN_DELAY);
        _execute(p);
        vm.assertEq(uint256(registry.statusOf(appId)), uint256(MinerRegistry.Status.Slashed), "slashed");
        vm.assertEq(stakeToken.balanceOf(insuranceFund), STAKE, "the stake went to the insurance fund");
        vm.assertFalse(governor.slashVotePending(address(registry), appId), "no longer pending");
    }

    function test_DefeatedSlashVoteFreesTheStake() public {
        Proposal memory p = _slashProposal();
        _propose(alice, p);
        _skip(VOTING_DELAY + 1);
        _vote(alice, p.id, 0);
        _vote(bob, p.id, 0);
        _skip(VOTING_PERIOD);
        vm.assertFalse(governor.slashVotePending(address(registry), appId), "defeated");
        vm.warp(registry.termEnd(appId));
        vm.prank(miner);
        registry.withdrawStake(appId);
        vm.assertEq(stakeToken.balanceOf(miner), STAKE, "stake back");
    }

    function test_OtherProposalsDoNotFreeze() public {
        _propose(alice, _proposal(address(registry), abi.encodeCall(MinerRegistry.slash, (appId + 1)), "Another id"));
        _propose(alice, _proposal(address(registry), abi.encodeCall(MinerRegistry.setStakeAmount, (1)), "Stake"));
        vm.assertFalse(governor.slashVotePending(address(registry), appId), "not this application");
        vm.assertTrue(governor.slashVotePending(address(registry), appId + 1), "that one");
    }

    /// @dev The griefing the selector match allowed: `slash(appId)` proposed on a contract that is not the
    /// registry froze the miner's stake for the whole vote. Now it freezes nothing and the stake comes back.
    function test_SlashOnAnotherTargetDoesNotFreeze() public {
        address decoy = address(0xDEC0);
        _propose(alice, _proposal(decoy, abi.encodeCall(MinerRegistry.slash, (appId)), "Not the registry"));
        vm.assertTrue(governor.slashVotePending(decoy, appId), "recorded for its own target");
        vm.assertFalse(governor.slashVotePending(address(registry), appId), "not for the registry");
        vm.warp(registry.termEnd(appId));
        vm.prank(miner);
        registry.withdrawStake(appId);
        vm.assertEq(stakeToken.balanceOf(miner), STAKE, "stake back");
    }
}
