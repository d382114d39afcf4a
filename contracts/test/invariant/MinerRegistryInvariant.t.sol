// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {RegistryFixture} from "../utils/RegistryFixture.sol";
import {MinerRegistryHandler} from "../handlers/MinerRegistryHandler.sol";
import {HashrateNFT} from "../../src/HashrateNFT.sol";
import {MinerRegistry} from "../../src/MinerRegistry.sol";

/// @dev The shape forge expects from `targetSelectors()` (as in forge-std's StdInvariant).
struct FuzzSelector {
    address addr;
    bytes4[] selectors;
}

/// @notice Stateful invariants of the registry, driven by {MinerRegistryHandler} across three miners, governance
/// and a slasher, with time passing.
contract MinerRegistryInvariantTest is RegistryFixture {
    uint256 internal constant EXTRA_DMC = 10_000_000e18;

    MinerRegistryHandler internal handler;
    address internal carol = address(0xCA201);
    uint256 internal initialSupply;

    function setUp() public override {
        super.setUp();
        _fundMiner(carol);
        address[] memory miners = new address[](3);
        miners[0] = miner;
        miners[1] = miner2;
        miners[2] = carol;
        for (uint256 i; i < miners.length; ++i) {
            dmc.mint(miners[i], EXTRA_DMC); // 16 applications at the handler's highest stake never run dry
        }
        vm.prank(governance);
        registry.setSlasher(slasherBot);
        handler = new MinerRegistryHandler(registry, nft, dmc, governance, slasherBot, miners);
        initialSupply = dmc.totalSupply();
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function targetSelectors() public view returns (FuzzSelector[] memory targets) {
        bytes4[] memory selectors = new bytes4[](11);
        selectors[0] = MinerRegistryHandler.submit.selector;
        selectors[1] = MinerRegistryHandler.approve.selector;
        selectors[2] = MinerRegistryHandler.reject.selector;
        selectors[3] = MinerRegistryHandler.stakeAndActivate.selector;
        selectors[4] = MinerRegistryHandler.mint.selector;
        selectors[5] = MinerRegistryHandler.slash.selector;
        selectors[6] = MinerRegistryHandler.withdrawStake.selector;
        selectors[7] = MinerRegistryHandler.setStakeAmount.selector;
        selectors[8] = MinerRegistryHandler.warp.selector;
        selectors[9] = MinerRegistryHandler.markDefaulted.selector;
        selectors[10] = MinerRegistryHandler.flag.selector;
        targets = new FuzzSelector[](1);
        targets[0] = FuzzSelector({addr: address(handler), selectors: selectors});
    }

    // ================================================================ (a) stakes

    /// @dev The registry holds exactly the stakes of Active applications: by the ghost sum and by summing the
    /// contract's own records. DMC is only moved: miners + registry + insurance fund hold the whole supply, and
    /// every staked unit is still held, slashed or returned.
    function invariant_RegistryHoldsExactlyTheActiveStakes() public view {
        uint256 held = dmc.balanceOf(address(registry));
        vm.assertEq(held, handler.ghost_activeStakeSum(), "registry balance == ghost sum of active stakes");

        uint256 activeSum;
        uint256 n = registry.applicationCount();
        for (uint256 id = 1; id <= n; ++id) {
            MinerRegistry.Application memory a = registry.application(id);
            if (a.status == MinerRegistry.Status.Active || a.status == MinerRegistry.Status.Flagged) {
                activeSum += a.requiredStake; // a flagged stake is frozen, still held
            }
        }
        vm.assertEq(held, activeSum, "registry balance == sum of Active requiredStake");

        vm.assertEq(
            handler.ghost_stakedTotal(),
            held + handler.ghost_slashedTotal() + handler.ghost_returnedTotal(),
            "staked == held + slashed + returned"
        );
        address[] memory miners = handler.miners();
        uint256 sum = held + dmc.balanceOf(insurance);
        for (uint256 i; i < miners.length; ++i) {
            sum += dmc.balanceOf(miners[i]);
        }
        vm.assertEq(dmc.totalSupply(), initialSupply, "no DMC created");
        vm.assertEq(sum, initialSupply, "all DMC accounted for");
    }

    // ================================================================ (b) slashing

    /// @dev Slashed stakes are in the insurance fund, in full, and a slashed application stays Slashed: every
    /// withdrawal attempt on it was refused and paid nothing.
    function invariant_SlashedStakeStaysInInsuranceFund() public view {
        vm.assertEq(dmc.balanceOf(insurance), handler.ghost_slashedTotal(), "insurance holds every slashed stake");
        uint256 n = registry.applicationCount();
        uint256 slashedSum;
        for (uint256 id = 1; id <= n; ++id) {
            MinerRegistry.Application memory a = registry.application(id);
            if (handler.ghost_everSlashed(id)) {
                vm.assertEq(uint256(a.status), uint256(MinerRegistry.Status.Slashed), "slashed is final");
            }
            if (handler.ghost_everDefaulted(id)) {
                vm.assertEq(uint256(a.status), uint256(MinerRegistry.Status.Defaulted), "defaulted is final");
            }
            if (a.status == MinerRegistry.Status.Slashed || a.status == MinerRegistry.Status.Defaulted) {
                slashedSum += a.requiredStake;
            }
        }
        vm.assertEq(slashedSum, handler.ghost_slashedTotal(), "sum of Slashed and Defaulted requiredStake == slashed total");
        vm.assertEq(handler.ghost_unexpectedOutcomes(), 0, "every refused action reverted as expected");
    }

    // ================================================================ (c) minting

    /// @dev Every product the registry created belongs to its application, never has more NFTs minted than its
    /// nftCount, and all minted NFTs are with the miners; applications without a product minted nothing.
    function invariant_MintedNeverExceedsNftCount() public view {
        uint256 n = registry.applicationCount();
        uint256 products;
        for (uint256 id = 1; id <= n; ++id) {
            MinerRegistry.Application memory a = registry.application(id);
            if (a.productId == 0) {
                vm.assertLe(uint256(a.status), uint256(MinerRegistry.Status.Rejected), "no product: never active");
                vm.assertEq(handler.ghost_minted(id), 0, "no product: nothing minted");
                continue;
            }
            ++products;
            HashrateNFT.Product memory prod = nft.product(a.productId);
            vm.assertLe(prod.minted, prod.nftCount, "minted <= nftCount");
            vm.assertEq(prod.nftCount, a.nftCount, "product nftCount == application");
            vm.assertEq(prod.minted, handler.ghost_minted(id), "minted == ghost");
            vm.assertEq(prod.miner, a.miner, "product miner == application miner");
            vm.assertEq(registry.productApplication(a.productId), id, "reverse lookup");
        }
        vm.assertEq(products, handler.ghost_productsCreated(), "one product per activation");
        vm.assertEq(nft.productCount(), products, "no other products");

        address[] memory miners = handler.miners();
        uint256 held;
        for (uint256 i; i < miners.length; ++i) {
            held += nft.balanceOf(miners[i]);
        }
        vm.assertEq(held, handler.ghost_mintedTotal(), "every minted NFT is with a miner");
        vm.assertEq(nft.balanceOf(address(registry)), 0, "registry holds no NFT");
    }

    // ================================================================ (d) lifecycle

    /// @dev Each application's status is the one the handler's successful actions led to, only along
    /// Pending -> Approved | Rejected, Approved -> Active, Active -> Slashed | Completed | Defaulted; its required stake is the
    /// amount in force at its approval (0 if never approved).
    function invariant_StatusOnlyFollowsTheAllowedGraph() public view {
        vm.assertEq(handler.ghost_badTransitions(), 0, "no transition off the graph");
        uint256 n = registry.applicationCount();
        for (uint256 id = 1; id <= n; ++id) {
            MinerRegistry.Application memory a = registry.application(id);
            vm.assertEq(uint256(a.status), uint256(handler.ghost_status(id)), "status == ghost");
            vm.assertEq(a.requiredStake, handler.ghost_stake(id), "requiredStake == stake at approval");
        }
    }

    // ================================================================ end of each run: liveness

    /// @dev After every run, every Flagged application is settled (its stake never left while it was flagged: the
    /// default slashes it), then every Active stake can be withdrawn in full once its term has ended, leaving the
    /// registry empty.
    function afterInvariant() public {
        uint256 n = registry.applicationCount();
        for (uint256 id = 1; id <= n; ++id) {
            MinerRegistry.Application memory a = registry.application(id);
            if (a.status != MinerRegistry.Status.Flagged) continue;
            vm.warp(registry.termEnd(id) > block.timestamp ? registry.termEnd(id) : block.timestamp);
            vm.prank(a.miner);
            try registry.withdrawStake(id) {
                revert("a flagged stake was withdrawn");
            } catch {}
            uint256 fundBefore = dmc.balanceOf(insurance);
            vm.prank(slasherBot);
            registry.markDefaulted(id);
            vm.assertEq(dmc.balanceOf(insurance) - fundBefore, a.requiredStake, "the frozen stake is slashed in full");
        }
        for (uint256 id = 1; id <= n; ++id) {
            MinerRegistry.Application memory a = registry.application(id);
            if (a.status != MinerRegistry.Status.Active) continue;
            uint256 end = registry.termEnd(id);
            if (block.timestamp < end) vm.warp(end);
            uint256 before = dmc.balanceOf(a.miner);
            vm.prank(a.miner);
            registry.withdrawStake(id);
            vm.assertEq(dmc.balanceOf(a.miner) - before, a.requiredStake, "stake returned in full");
        }
        vm.assertEq(dmc.balanceOf(address(registry)), 0, "registry empty");
    }
}
