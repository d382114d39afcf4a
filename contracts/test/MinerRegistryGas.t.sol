// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {RegistryFixture} from "./utils/RegistryFixture.sol";
import {MinerRegistry} from "../src/MinerRegistry.sol";

/// @notice Records steady-state gas of `submitApplication`, `stakeAndActivate` and `mint(10)` into
/// snapshots/MinerRegistry.json. "Steady state": the registry, the miner and the NFT already have history (an
/// earlier application of the same miner is active, staked and partly minted), the miner approved exactly the
/// stake, and the measured mint is the product's second batch. As in MarketplaceGas, `_coolAll` marks every contract
/// cold before a measured call, as at the start of a real transaction; the figures are execution gas (without the
/// 21,000 intrinsic gas and calldata). The ceilings below are regression guards, not product goals.
contract MinerRegistryGasTest is RegistryFixture {
    function test_Gas_SubmitStakeMint() public {
        // History: one active, partly minted application of the same miner.
        (uint256 earlier,) = _active();
        vm.prank(miner);
        registry.mint(earlier, 10);

        MinerRegistry.ApplicationParams memory p = _params();
        p.nodeId = "f05678"; // another node (one node's hashrate cannot be sold twice)
        _coolAll();
        vm.prank(miner);
        uint256 id = registry.submitApplication(p);
        uint256 submitGas = vm.snapshotGasLastCall("MinerRegistry", "submitApplication");

        _approve(id);
        vm.prank(miner);
        dmc.approve(address(registry), STAKE);
        _coolAll();
        vm.prank(miner);
        registry.stakeAndActivate(id);
        uint256 stakeGas = vm.snapshotGasLastCall("MinerRegistry", "stakeAndActivate");

        vm.prank(miner);
        registry.mint(id, 10);
        _coolAll();
        vm.prank(miner);
        registry.mint(id, 10);
        uint256 mintGas = vm.snapshotGasLastCall("MinerRegistry", "mint(10)");

        vm.assertEq(nft.balanceOf(miner), 30, "30 NFTs minted to the miner");
        vm.assertEq(dmc.balanceOf(address(registry)), 2 * STAKE, "two stakes held");
        vm.assertLe(submitGas, 450_000, "submitApplication gas ceiling");
        vm.assertLe(stakeGas, 300_000, "stakeAndActivate gas ceiling");
        vm.assertLe(mintGas, 350_000, "mint(10) gas ceiling");
    }

    /// @notice The miner's whole cost of putting a product of 100 NFTs on sale: mint the 100, approve the
    /// marketplace, list them all at one price. Recorded as `mintAndList100` in snapshots/Marketplace.json. The
    /// issue's goal is 260,000 (ERC721A mints 100 for 251,741); this is a measurement, not a passing goal yet: each
    /// NFT still costs an ownership word at mint and a listing slot.
    function test_Gas_MintAndList100() public {
        (uint256 id,) = _active();
        uint256 first = uint256(registry.application(id).productId) * 1_000_000 + 1;
        uint256[] memory ids = new uint256[](100);
        for (uint256 i; i < 100; ++i) ids[i] = first + i;
        _coolAll();
        vm.cool(address(market));
        vm.prank(miner);
        registry.mint(id, 100);
        uint256 total = vm.snapshotGasLastCall("MinerRegistry", "mint(100)");
        vm.prank(miner);
        nft.setApprovalForAll(address(market), true);
        total += vm.snapshotGasLastCall("Marketplace", "setApprovalForAll");
        vm.prank(miner);
        market.listBatch(ids, 4_800_000);
        total += vm.snapshotGasLastCall("Marketplace", "listBatch(100)");
        vm.snapshotValue("Marketplace", "mintAndList100", total);
        vm.assertEq(market.listing(first + 99).seller, miner, "all 100 listed");
        vm.assertLe(total, 5_500_000, "mint and list 100: regression ceiling (the goal, 260,000, is far off)");
    }

    function _coolAll() private {
        vm.cool(address(registry));
        vm.cool(address(nft));
        vm.cool(address(dmc));
    }
}
