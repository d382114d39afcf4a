// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {RevenueFixture} from "./utils/RevenueFixture.sol";
import {Revenue, IBurnable, IUniswapV2PairLike} from "../src/Revenue.sol";
import {FeeSourceMock} from "./mocks/FeeSourceMock.sol";
import {PlainToken} from "./mocks/PlainToken.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

/// @notice Revenue: per-source booking, the monthly 80/20 close, bounded buybacks on the real Uniswap V2 pair,
/// the 21M floor, and the attacks on them.
contract RevenueTest is RevenueFixture {
    // ------------------------------------------------------------ booking

    function test_CollectBooksWhatArrivedToItsSourceAndMonth() public {
        market.accrue(120e6);
        loans.accrue(30e6);
        vm.prank(keeper);
        revenue.collect(1);
        vm.prank(keeper);
        revenue.collect(2);
        vm.assertEq(revenue.revenueOf(0, 1), 120e6, "market, month 0");
        vm.assertEq(revenue.revenueOf(0, 2), 30e6, "loans, month 0");
        vm.assertEq(revenue.monthRevenue(0), 150e6, "month 0");
        vm.assertEq(revenue.open(), 150e6, "open");
        vm.assertEq(usdt.balanceOf(address(revenue)), 150e6, "held");

        vm.warp(START + MONTH + 5 days);
        _earn(7e6);
        vm.assertEq(revenue.revenueOf(1, 1), 7e6, "market, month 1");
        vm.assertEq(revenue.monthRevenue(1), 7e6, "month 1");
    }

    function test_CollectAllTakesEverySourceAndDirectTransfers() public {
        market.accrue(10e6);
        loans.accrue(20e6);
        usdt.mint(address(revenue), 3e6); // a source's own withdrawFees, or a gift: arrives without collect
        uint256 got = revenue.collectAll();
        vm.assertEq(got, 33e6, "all of it");
        vm.assertEq(revenue.revenueOf(0, 1), 10e6, "market");
        vm.assertEq(revenue.revenueOf(0, 2), 20e6, "loans");
        vm.assertEq(revenue.revenueOf(0, 0), 3e6, "other");
        // a source with nothing is skipped, not a revert
        loans.accrue(1e6);
        vm.assertEq(revenue.collectAll(), 1e6, "only loans");
    }

    function test_CollectRefusesNothingAndUnknownSources() public {
        vm.expectRevert(FeeSourceMock.FeeSourceMockNoFees.selector);
        revenue.collect(1);
        vm.expectRevert(abi.encodeWithSelector(Revenue.RevenueNothingToCollect.selector, 0));
        revenue.collect(0);
        vm.expectRevert(abi.encodeWithSelector(Revenue.RevenueUnknownSource.selector, 3));
        revenue.collect(3);
    }

    function test_DirectWithdrawalIsBookedAsOtherNotLost() public {
        market.accrue(50e6);
        market.withdrawFees(); // anyone may call the source itself: the money still lands here
        revenue.collect(0);
        vm.assertEq(revenue.revenueOf(0, 0), 50e6, "booked as other");
    }

    function test_OtherTokensAreBookedAndForwardedToTheTreasury() public {
        PlainToken ifilLike = new PlainToken("IFIL", 18);
        ifilLike.mint(address(revenue), 7e18); // a joint pool's swept fees
        vm.warp(START + MONTH + 1);
        vm.expectEmit(true, true, false, true, address(revenue));
        emit Revenue.TokenRevenueForwarded(1, address(ifilLike), 7e18);
        vm.prank(keeper);
        revenue.forwardToken(IERC20(address(ifilLike)));
        vm.assertEq(ifilLike.balanceOf(treasury), 7e18, "to the treasury");
        vm.assertEq(revenue.tokenRevenueOf(address(ifilLike), 1), 7e18, "booked to month 1");
        vm.expectRevert(abi.encodeWithSelector(Revenue.RevenueNotOtherToken.selector, address(usdt)));
        revenue.forwardToken(IERC20(address(usdt)));
        vm.expectRevert(abi.encodeWithSelector(Revenue.RevenueNotOtherToken.selector, address(dmc)));
        revenue.forwardToken(IERC20(address(dmc)));
        vm.expectRevert(abi.encodeWithSelector(Revenue.RevenueNothingToCollect.selector, 0));
        revenue.forwardToken(IERC20(address(ifilLike)));
    }

    // ------------------------------------------------------------ months

    function test_MonthClosesEightyTwenty() public {
        _earn(1_000e6 + 3); // odd units: the treasury gets the rounding
        vm.warp(START + MONTH - 1);
        revenue.closeMonths();
        vm.assertEq(revenue.budget(), 0, "month 0 still open");
        vm.warp(START + MONTH);
        vm.expectEmit(true, false, false, true, address(revenue));
        emit Revenue.MonthClosed(0, 1_000e6 + 3, 800e6 + 2, 200e6 + 1);
        revenue.closeMonths();
        vm.assertEq(revenue.budget(), 800e6 + 2, "80% (rounded down) to the budget");
        vm.assertEq(usdt.balanceOf(treasury), 200e6 + 1, "the rest to the treasury");
        vm.assertEq(revenue.open(), 0, "nothing open");
        vm.assertEq(revenue.closedMonths(), 1, "closed through month 0");
    }

    function test_SeveralMonthsCloseAtOnceEachByItsOwnRevenue() public {
        _earn(100e6);
        vm.warp(START + MONTH + 1);
        _earn(50e6);
        vm.warp(START + 3 * MONTH + 1); // month 2 had nothing
        revenue.closeMonths();
        vm.assertEq(revenue.budget(), 120e6, "80% of 150");
        vm.assertEq(usdt.balanceOf(treasury), 30e6, "20% of 150");
        vm.assertEq(revenue.closedMonths(), 3, "months 0-2");
    }

    // ------------------------------------------------------------ buyback

    function test_BuybackStartsAWindowThenBuysAtMostALotAndBurns() public {
        _earn(2_000e6);
        vm.warp(START + MONTH);
        vm.expectEmit(false, false, false, false, address(revenue));
        emit Revenue.PriceWindowStarted(0, 0);
        (uint256 paid, uint256 bought) = revenue.buyback();
        vm.assertEq(paid + bought, 0, "the first call only starts the window");
        vm.assertEq(revenue.budget(), 1_600e6, "budget");

        vm.warp(block.timestamp + HOP - 1);
        vm.expectRevert(abi.encodeWithSelector(Revenue.RevenueTooSoon.selector, START + MONTH + HOP));
        revenue.buyback();

        vm.warp(block.timestamp + 1);
        (uint256 rUsdt, uint256 rDmc) = _reserves();
        uint256 expected = _getAmountOut(LOT, rUsdt, rDmc);
        uint256 supply = dmc.totalSupply();
        vm.prank(keeper);
        (paid, bought) = revenue.buyback();
        vm.assertEq(paid, LOT, "one lot");
        vm.assertEq(bought, expected, "the pair's amount out");
        vm.assertEq(dmc.totalSupply(), supply - bought, "all of it burned");
        vm.assertEq(dmc.balanceOf(address(revenue)), 0, "nothing kept");
        vm.assertEq(revenue.budget(), 600e6, "budget left");
        vm.assertEq(revenue.totalBurned(), bought, "total burned");

        // the next one waits a hop, and spends what is left
        vm.expectRevert(abi.encodeWithSelector(Revenue.RevenueTooSoon.selector, block.timestamp + HOP));
        revenue.buyback();
        vm.warp(block.timestamp + HOP);
        (paid,) = revenue.buyback();
        vm.assertEq(paid, 600e6, "the rest");
        vm.warp(block.timestamp + HOP);
        vm.expectRevert(Revenue.RevenueNothingToBuy.selector);
        revenue.buyback();
        vm.assertEq(usdt.balanceOf(address(revenue)), 0, "every USDT accounted for");
        vm.assertEq(revenue.totalPaid(), 1_600e6, "paid");
    }

    function test_StaleWindowRestartsInsteadOfUsingAnOldAverage() public {
        _budgetReady(1_000e6);
        vm.warp(block.timestamp + 1 days + 1); // hop + slack passed
        (uint256 paid,) = revenue.buyback();
        vm.assertEq(paid, 0, "restarted");
        vm.assertEq(revenue.quote().windowStart, block.timestamp, "window from now");
        vm.warp(block.timestamp + HOP);
        (paid,) = revenue.buyback();
        vm.assertEq(paid, 800e6, "then buys (the whole budget: less than a lot)");
    }

    function test_QuoteMatchesTheBuyback() public {
        _budgetReady(5_000e6);
        Revenue.Quote memory q = revenue.quote();
        (uint256 paid, uint256 bought) = revenue.buyback();
        vm.assertEq(q.paid, paid, "paid");
        vm.assertEq(q.out, bought, "out");
        vm.assertGe(q.out, q.minOut, "within bounds");
        vm.assertEq(q.minOut, q.referenceOut * (10_000 - DEV) / 10_000, "min out");
        // no trade happened during the window: the reference is the pair's price before the buyback
        (uint256 rUsdt, uint256 rDmc) = _reserves();
        rUsdt -= paid;
        rDmc += bought;
        vm.assertEq(q.referenceOut, (paid << 112) / ((rUsdt << 112) / rDmc), "reference = spot before");
    }

    // ------------------------------------------------------------ the 21M floor

    function test_BurnStopsAtTheFloorAndTheRestGoesToTheTreasury() public {
        // the supply is 5 DMC above the floor
        uint256 excess = dmc.totalSupply() - 21_000_000e18 - 5e18;
        vm.prank(foundation);
        dmc.burn(excess);
        _budgetReady(2_000e6); // 1,600 USDT of budget: one lot now, 600 left
        (, uint256 bought) = revenue.buyback();
        vm.assertGt(bought, 5e18, "bought more than the room left");
        vm.assertEq(dmc.totalSupply(), 21_000_000e18, "exactly at the floor");
        vm.assertEq(dmc.balanceOf(treasury), bought - 5e18, "the excess DMC to the treasury");

        // from now on the budget left goes to the treasury
        uint256 before = usdt.balanceOf(treasury);
        vm.warp(block.timestamp + HOP);
        vm.expectEmit(false, false, false, true, address(revenue));
        emit Revenue.BudgetReleased(600e6);
        revenue.buyback();
        vm.assertEq(usdt.balanceOf(treasury) - before, 600e6, "the budget left");
        vm.assertEq(revenue.budget(), 0, "no budget");
    }

    function test_AtTheFloorMonthsCloseWholeToTheTreasury() public {
        uint256 excess = dmc.totalSupply() - 21_000_000e18;
        vm.prank(foundation);
        dmc.burn(excess);
        _earn(100e6);
        vm.warp(START + MONTH);
        revenue.closeMonths();
        vm.assertEq(revenue.budget(), 0, "no buyback budget");
        vm.assertEq(usdt.balanceOf(treasury), 100e6, "all to the treasury");
    }

    // ------------------------------------------------------------ attacks

    /// An attacker pumps DMC in the buyback's block (the front half of a sandwich): the buyback refuses to pay the
    /// pumped price, and the attacker, unwinding, only pays the pair's fees.
    function test_Attack_SandwichInOneBlockRevertsAndLoses() public {
        _budgetReady(10_000e6);
        uint256 refBefore = revenue.quote().referenceOut;
        usdt.mint(attacker, 20_000e6);
        uint256 got = _buyDmc(attacker, 20_000e6); // +40% on the price
        vm.assertEq(revenue.quote().referenceOut, refBefore, "a trade in this block does not move the reference");
        Revenue.Quote memory q = revenue.quote();
        vm.expectRevert(abi.encodeWithSelector(Revenue.RevenuePriceOutOfBounds.selector, q.out, q.minOut));
        revenue.buyback();
        _sellDmc(attacker, got);
        vm.assertLt(usdt.balanceOf(attacker), 20_000e6, "the attacker ends with less than it started");
        vm.assertEq(revenue.budget(), 8_000e6, "the budget is untouched");
    }

    /// Whatever an attacker trades in the buyback's block, the buyback either reverts or gets at least
    /// `(1 - 2%)` of the DMC the pre-block average price gives.
    function testFuzz_Attack_NeverBuysBelowTheBound(uint256 pump, bool dump) public {
        _budgetReady(10_000e6);
        uint256 minOut = revenue.quote().minOut;
        if (dump) {
            pump = bound(pump, 1e18, 5_000_000e18);
            vm.prank(foundation);
            dmc.transfer(attacker, pump);
            _sellDmc(attacker, pump);
        } else {
            pump = bound(pump, 1e6, 1_000_000e6);
            usdt.mint(attacker, pump);
            _buyDmc(attacker, pump);
        }
        uint256 supply = dmc.totalSupply();
        try revenue.buyback() returns (uint256 paid, uint256 bought) {
            vm.assertEq(paid, LOT, "a lot");
            vm.assertGe(bought, minOut, "never below the bound");
            vm.assertEq(dmc.totalSupply(), supply - bought, "burned");
        } catch (bytes memory reason) {
            vm.assertEq(bytes4(reason), Revenue.RevenuePriceOutOfBounds.selector, "only the price bound refuses");
        }
    }

    /// A price held high for the whole window moves the reference with it (that costs the attacker the pair's
    /// arbitrage for an hour), but the buyback still pays no more than the pair's price at the time.
    function test_Attack_AHeldPumpOnlyMovesTheReferenceWithThePrice() public {
        _earn(10_000e6);
        vm.warp(START + MONTH);
        revenue.buyback();
        usdt.mint(attacker, 10_000e6);
        _buyDmc(attacker, 10_000e6);
        vm.warp(block.timestamp + HOP);
        Revenue.Quote memory q = revenue.quote();
        (uint256 rUsdt, uint256 rDmc) = _reserves();
        vm.assertEq(q.referenceOut, (LOT << 112) / ((rUsdt << 112) / rDmc), "the average of the held price");
    }

    function test_Attack_ReentrantSourceCannotBookTwice() public {
        ReenteringSource evil = new ReenteringSource(revenue, usdt);
        vm.prank(admin);
        revenue.addSource(address(evil));
        usdt.mint(address(evil), 10e6);
        vm.expectRevert(); // the nested collect hits the guard
        revenue.collect(3);
        vm.assertEq(revenue.open(), 0, "nothing booked");
    }

    // ------------------------------------------------------------ admin

    function test_OnlyTheAdminSetsBoundedParameters() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, attacker, revenue.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(attacker);
        revenue.setLot(1);
        vm.startPrank(admin);
        vm.expectRevert(abi.encodeWithSelector(Revenue.RevenueDeviationTooHigh.selector, 501, 500));
        revenue.setMaxDeviationBps(501);
        vm.expectRevert(abi.encodeWithSelector(Revenue.RevenueInvalidHop.selector, 14 minutes, 15 minutes, 1 days));
        revenue.setHop(14 minutes);
        vm.expectRevert(Revenue.RevenueInvalidLot.selector);
        revenue.setLot(0);
        vm.expectRevert(abi.encodeWithSelector(Revenue.RevenueSourceExists.selector, address(market)));
        revenue.addSource(address(market));
        revenue.setLot(5e6);
        revenue.setHop(2 hours);
        revenue.setMaxDeviationBps(100);
        vm.stopPrank();
        vm.assertEq(revenue.lot(), 5e6, "lot");
        vm.assertEq(revenue.hop(), 2 hours, "hop");
        vm.assertEq(revenue.maxDeviationBps(), 100, "deviation");
    }

    function test_ConstructorRefusesAPairThatIsNotDmcUsdt() public {
        vm.expectRevert(abi.encodeWithSelector(Revenue.RevenueWrongPair.selector, address(pair)));
        new Revenue(
            admin,
            IERC20(address(0x1234)),
            IBurnable(address(dmc)),
            IUniswapV2PairLike(address(pair)),
            treasury,
            START,
            LOT,
            HOP,
            DEV
        );
    }
}

/// @notice A source whose withdrawFees re-enters collect before paying.
contract ReenteringSource {
    Revenue internal immutable revenue;
    IERC20 internal immutable usdt;

    constructor(Revenue revenue_, IERC20 usdt_) {
        revenue = revenue_;
        usdt = usdt_;
    }

    function withdrawFees() external {
        revenue.collect(3);
        usdt.transfer(address(revenue), usdt.balanceOf(address(this)));
    }
}
