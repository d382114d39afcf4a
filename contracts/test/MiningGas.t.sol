// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {MiningFixture} from "./utils/MiningFixture.sol";
import {HashrateNFT} from "../src/HashrateNFT.sol";

/// @notice Records the mining contract's gas into snapshots/Earn.json (execution gas of the call, every contract
/// cooled first) and holds the issue's goals. "Steady state": the staker already holds a position in the pool,
/// the mining contract already holds that kind of stake, the claimer already holds DMC; a staked NFT's record is a
/// fresh slot (every NFT is staked for the first time at some point). `stakeNft_after10000` is measured with 10,000
/// other stakers in the pool: accrual is O(1), so it must be within 5% of `stakeNft`.
contract MiningGasTest is MiningFixture {
    uint256[] internal _ids;

    function setUp() public virtual override {
        super.setUp();
        _ids = _soldNfts(alice, 4, 1000);
        _stake(bob, LP_POOL, 1e18); // the contract already holds LP
        uint256[] memory first = _ids1(_ids[0]);
        vm.prank(alice);
        mining.stakeNft(first);
        vm.warp(START + 1 days);
        // the pool has been accruing for a while: its accumulator is no longer zero
        uint256[] memory nftPool = new uint256[](1);
        vm.prank(alice);
        mining.claim(nftPool);
        vm.warp(START + 2 days);
    }

    function test_Gas_StakeUnstakeClaim() public virtual {
        _cool();
        vm.prank(alice);
        mining.stakeNft(_ids1(_ids[1]));
        uint256 stakeNft = vm.snapshotGasLastCall("Earn", "stakeNft");

        vm.warp(block.timestamp + 1 hours);
        _cool();
        vm.prank(alice);
        mining.unstakeNft(_ids1(_ids[1]));
        uint256 unstakeNft = vm.snapshotGasLastCall("Earn", "unstakeNft");

        // the first LP stake of a new staker (its position is a fresh slot)
        _fundToken(carol, LP_POOL, 5e18);
        vm.warp(block.timestamp + 1 hours);
        _cool();
        vm.prank(carol);
        mining.stake(LP_POOL, 5e18);
        uint256 stakeLp = vm.snapshotGasLastCall("Earn", "stakeLp");

        vm.warp(block.timestamp + 1 hours);
        _cool();
        vm.prank(carol);
        mining.unstake(LP_POOL, 1e18);
        vm.snapshotGasLastCall("Earn", "unstakeLp");

        // claim: alice holds DMC already (she claimed in setUp)
        uint256[] memory nftPool = new uint256[](1);
        vm.warp(block.timestamp + 1 days);
        uint256 pending = _pending(alice, 0);
        uint256 before = dmc.balanceOf(alice);
        _cool();
        vm.prank(alice);
        mining.claim(nftPool);
        uint256 claim = vm.snapshotGasLastCall("Earn", "claim");
        vm.assertEq(dmc.balanceOf(alice) - before, pending, "claimed the pending DMC");

        uint256[] memory three = new uint256[](3);
        (three[0], three[1], three[2]) = (0, LP_POOL, DMC_POOL);
        _stake(alice, LP_POOL, 1e18);
        _stake(alice, DMC_POOL, 1e18);
        vm.warp(block.timestamp + 1 days);
        _cool();
        vm.prank(alice);
        mining.claim(three);
        vm.snapshotGasLastCall("Earn", "claim_3pools");

        vm.assertLe(stakeNft, 100_000, "stakeNft gas goal");
        vm.assertLe(unstakeNft, 80_000, "unstakeNft gas goal");
        vm.assertLe(stakeLp, 80_000, "stakeLp gas goal");
        vm.assertLe(claim, 46_000, "claim gas goal");
    }

    function _cool() internal {
        vm.cool(address(mining));
        vm.cool(address(nft));
        vm.cool(address(dmc));
        vm.cool(address(lp));
        vm.cool(address(halts));
        vm.cool(address(dist));
    }
}

/// @notice `stakeNft` with 10,000 other stakers in the NFT pool (created in setUp, so the measured call starts from
/// clean storage as a real transaction does). Accrual is O(1): the key must be within 5% of `stakeNft`
/// (`lib/contracts/gasSnapshots.test.ts` checks the two committed keys).
contract MiningGasManyStakersTest is MiningGasTest {
    function setUp() public override {
        super.setUp();
        uint256 pid = _product(HashrateNFT.Coin.FIL, 10_000, 1000, 10_000, 540);
        vm.startPrank(miner);
        for (uint256 i; i < 10_000; ++i) {
            nft.transferFromFirstSale(miner, address(uint160(0x100000 + i)), _tokenOf(pid, i + 1), stubEscrow, 1);
        }
        vm.stopPrank();
        for (uint256 i; i < 10_000; ++i) {
            address staker = address(uint160(0x100000 + i));
            vm.startPrank(staker);
            nft.setApprovalForAll(address(mining), true);
            mining.stakeNft(_ids1(_tokenOf(pid, i + 1)));
            vm.stopPrank();
        }
        vm.warp(block.timestamp + 1 hours);
    }

    function test_Gas_StakeUnstakeClaim() public pure override {}

    function test_Gas_StakeNftAfter10000Stakers() public {
        _cool();
        vm.prank(alice);
        mining.stakeNft(_ids1(_ids[1]));
        uint256 gasUsed = vm.snapshotGasLastCall("Earn", "stakeNft_after10000");
        (uint256 staked,) = mining.positionOf(0, alice);
        vm.assertEq(staked, 2000, "two NFTs staked");
        (, uint256 weight) = mining.stakedNft(_ids[1]);
        vm.assertEq(weight, 1000, "recorded");
        vm.assertEq(mining.pool(0).totalWeight, 10_002_000, "10,000 others + alice's two");
        vm.assertLe(gasUsed, 100_000, "stakeNft gas goal with 10,000 stakers");
    }
}

