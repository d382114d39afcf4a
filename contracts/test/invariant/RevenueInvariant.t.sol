// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {RevenueFixture} from "../utils/RevenueFixture.sol";
import {RevenueHandler} from "../handlers/RevenueHandler.sol";
import {IUniswapV2FactoryT, IUniswapV2PairT} from "../utils/UniswapV2.sol";
import {IUniswapV2PairLike} from "../../src/Revenue.sol";
import {PlainToken} from "../mocks/PlainToken.sol";

/// @notice Stateful invariants of Revenue, driven by {RevenueHandler}, starting 15,000 DMC above the 21M floor so
/// runs reach it:
/// - every USDT that reached Revenue is still held, was sent to the treasury or paid to the pair, to the unit;
///   and what is held is exactly the open months, the budget and what arrived unbooked;
/// - the DMC supply never goes below 21,000,000, Revenue never keeps DMC, and what it burned is what the supply lost;
/// - no buyback got less DMC than its bound allowed, no IFIL sale less USDT than its bound allowed;
/// - every IFIL that reached Revenue is still held or was sold, and what was sold is what is booked;
/// - each month's revenue is the sum of its sources' (the IFIL sales' included).
contract RevenueInvariantTest is RevenueFixture {
    RevenueHandler internal handler;
    uint256 internal supplyAtStart;
    PlainToken internal ifil;

    function setUp() public override {
        super.setUp();
        address trader = address(0x7AD3);
        vm.startPrank(foundation);
        dmc.transfer(trader, 1_000_000e18);
        dmc.burn(dmc.balanceOf(foundation) - (21_000_000e18 + 15_000e18 - (dmc.totalSupply() - dmc.balanceOf(foundation))));
        vm.stopPrank();
        supplyAtStart = dmc.totalSupply();
        handler = new RevenueHandler(revenue, dmc, usdt, pair, market, loans, trader);
        // The IFIL market: 10,000 IFIL against 50,000 USDT on the factory's IFIL/USDT pair, lots of 50 IFIL.
        ifil = new PlainToken("IFIL", 18);
        IUniswapV2FactoryT factory = IUniswapV2FactoryT(IUniswapV2PairLike(address(pair)).factory());
        IUniswapV2PairT ifilPair = IUniswapV2PairT(factory.createPair(address(ifil), address(usdt)));
        ifil.mint(address(ifilPair), 10_000e18);
        usdt.mint(address(ifilPair), 50_000e6);
        ifilPair.mint(lpHolder);
        vm.prank(admin);
        revenue.setTokenMarket(address(ifil), IUniswapV2PairLike(address(ifilPair)), 50e18);
        handler.withIfil(ifil, ifilPair);
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function invariant_EveryUsdtIsAccountedFor() public view {
        uint256 held = usdt.balanceOf(address(revenue));
        vm.assertEq(
            handler.ghostIn(), held + usdt.balanceOf(treasury) + revenue.totalPaid(), "in = held + treasury + paid"
        );
        vm.assertGe(held, revenue.open() + revenue.budget(), "held covers open months and the budget");
    }

    function invariant_SupplyNeverBelowTheFloor() public view {
        vm.assertGe(dmc.totalSupply(), 21_000_000e18, "floor");
        vm.assertEq(dmc.balanceOf(address(revenue)), 0, "Revenue keeps no DMC");
        vm.assertEq(supplyAtStart - dmc.totalSupply(), revenue.totalBurned(), "burned = supply lost");
        vm.assertEq(revenue.totalBurned(), handler.ghostBurnedSeen(), "burned as seen per buyback");
        vm.assertEq(
            revenue.totalBought() - revenue.totalBurned(), dmc.balanceOf(treasury), "bought past the floor: treasury"
        );
    }

    function invariant_NoBuybackBelowItsBound() public view {
        vm.assertEq(handler.ghostBelowBound(), 0, "a buyback or an IFIL sale below its bound");
    }

    function invariant_EveryIfilIsHeldOrSold() public view {
        vm.assertEq(handler.ghostIfilIn(), ifil.balanceOf(address(revenue)) + handler.ghostIfilSold(), "in = held + sold");
        uint256 booked;
        uint256 last = revenue.currentMonth();
        for (uint256 m; m <= last && m < 48; ++m) {
            booked += revenue.tokenRevenueOf(address(ifil), m);
        }
        vm.assertEq(booked, handler.ghostIfilSold(), "sold = booked");
    }

    function invariant_MonthIsTheSumOfItsSources() public view {
        uint256 last = revenue.currentMonth();
        for (uint256 m; m <= last && m < 48; ++m) {
            uint256 sum = revenue.revenueOf(m, 0) + revenue.revenueOf(m, 1) + revenue.revenueOf(m, 2)
                + revenue.revenueOf(m, revenue.TOKEN_SALES());
            vm.assertEq(sum, revenue.monthRevenue(m), "month = its sources");
        }
    }
}
