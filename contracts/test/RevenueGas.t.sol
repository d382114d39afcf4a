// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {RevenueFixture} from "./utils/RevenueFixture.sol";

/// @notice Records the buyback's gas into snapshots/Pool.json (execution gas, every contract cooled first) and holds
/// the issue's goal (≤ 200,000). Steady state: an earlier buyback ran, the budget holds more than a lot, the
/// window is one hop old; the real Uniswap V2 pair and the real DMC (ERC20Votes: the burn writes a supply
/// checkpoint).
contract RevenueGasTest is RevenueFixture {
    function setUp() public override {
        super.setUp();
        _budgetReady(10_000e6);
        revenue.buyback();
        vm.warp(block.timestamp + HOP);
    }

    function _cool() internal {
        vm.cool(address(revenue));
        vm.cool(address(pair));
        vm.cool(address(dmc));
        vm.cool(address(usdt));
        vm.cool(address(market));
    }

    function test_Gas_Buyback() public {
        _cool();
        vm.prank(keeper);
        (uint256 paid,) = revenue.buyback();
        uint256 gas = vm.snapshotGasLastCall("Pool", "buyback");
        vm.assertEq(paid, LOT, "a lot was spent");
        vm.assertLe(gas, 200_000, "buyback gas goal");

        market.accrue(100e6);
        _cool();
        revenue.collect(1);
        vm.snapshotGasLastCall("Pool", "collect");
    }
}
