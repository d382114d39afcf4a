// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {YieldFixture} from "./utils/YieldFixture.sol";
import {HashrateNFT} from "../src/HashrateNFT.sol";

/// @notice Records steady-state gas of the yield distributor into snapshots/Yield.json and holds the goals:
/// `deposit_1000nft` within 5% of `deposit_1nft` (a deposit is O(1) in the number of NFTs) and `claim_1nft`
/// <= 60,000 execution gas. "Steady state": each product already received a deposit on an earlier day, the
/// holder already claimed before (its balance and its tokens' paid amounts are non-zero), the payer keeps a
/// balance and approved the maximum; a measured deposit is for a new day (a fresh `depositedOn` slot, as every
/// real daily deposit is). Every contract is cooled before a measured call (see MarketplaceGas.t.sol).
contract YieldGasTest is YieldFixture {
    function test_Gas_DepositIsConstantInNftCount() public {
        uint256 one = _filProduct(1);
        uint256 thousand = _filProduct(1000);
        _fund(miner, HashrateNFT.Coin.FIL, 100e18);
        vm.startPrank(miner);
        dist.deposit(one, today, 1e18);
        dist.deposit(thousand, today, 1e18);
        vm.stopPrank();
        vm.warp(block.timestamp + 1 days);

        _coolAll();
        vm.prank(miner);
        dist.deposit(one, today + 1, 1.5e18);
        uint256 gasOne = vm.snapshotGasLastCall("Yield", "deposit_1nft");

        _coolAll();
        vm.prank(miner);
        dist.deposit(thousand, today + 1, 1.5e18);
        uint256 gasThousand = vm.snapshotGasLastCall("Yield", "deposit_1000nft");

        vm.assertEq(dist.totalDeposited(thousand), 2.5e18, "deposited");
        uint256 diff = gasOne > gasThousand ? gasOne - gasThousand : gasThousand - gasOne;
        vm.assertLe(diff * 100, gasOne * 5, "deposit_1000nft within 5% of deposit_1nft");
    }

    function test_Gas_Claim() public {
        uint256 pid = _filProduct(100);
        uint256[] memory ten = new uint256[](10);
        vm.startPrank(miner);
        for (uint256 i; i < 10; ++i) {
            ten[i] = _tokenOf(pid, i + 1);
            nft.transferFromFirstSale(miner, alice, ten[i], stubEscrow, 1);
        }
        uint256 single = _tokenOf(pid, 11);
        nft.transferFromFirstSale(miner, alice, single, stubEscrow, 1);
        vm.stopPrank();

        _deposit(pid, HashrateNFT.Coin.FIL, today, 1e18);
        vm.startPrank(alice);
        dist.claim(ten);
        dist.claim(_ids1(single));
        vm.stopPrank();
        vm.warp(block.timestamp + 1 days);
        _deposit(pid, HashrateNFT.Coin.FIL, today + 1, 1e18);

        _coolAll();
        vm.prank(alice);
        dist.claim(_ids1(single));
        uint256 gasOne = vm.snapshotGasLastCall("Yield", "claim_1nft");

        _coolAll();
        vm.prank(alice);
        dist.claim(ten);
        vm.snapshotGasLastCall("Yield", "claim_10nft");

        vm.assertEq(ifil.balanceOf(alice), 22e16, "11 NFTs x 2 days x 1e16");
        vm.assertLe(gasOne, 60_000, "claim_1nft gas goal");
    }

    function _coolAll() private {
        vm.cool(address(dist));
        vm.cool(address(nft));
        vm.cool(address(ifil));
    }
}
