// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {RevenueFixture} from "./utils/RevenueFixture.sol";
import {IUniswapV2FactoryT, IUniswapV2PairT} from "./utils/UniswapV2.sol";
import {Revenue, IUniswapV2PairLike} from "../src/Revenue.sol";
import {PlainToken} from "./mocks/PlainToken.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

/// @notice Revenue in IFIL (the joint pools' fees) is sold for USDT on the factory's IFIL/USDT pair and joins the
/// month's revenue (so 80% of it buys DMC back), under the buyback's protections: a lot, a hop, the pair's
/// time-weighted average as the reference and a maximum deviation from it. And the attacks on it: a sandwich in the
/// sale's block, a pair of the attacker's making, a non-admin setting the market.
abstract contract IfilMarketFixture is RevenueFixture {
    PlainToken internal ifil;
    IUniswapV2PairT internal ifilPair;
    bool internal ifilIsToken0;
    uint256 internal constant IFIL_LOT = 100e18;

    function setUp() public override {
        super.setUp();
        ifil = new PlainToken("IFIL", 18);
        IUniswapV2FactoryT factory = IUniswapV2FactoryT(IUniswapV2PairLike(address(pair)).factory());
        ifilPair = IUniswapV2PairT(factory.createPair(address(ifil), address(usdt)));
        ifilIsToken0 = ifilPair.token0() == address(ifil);
        // 10,000 IFIL against 50,000 USDT: 5 USDT per IFIL.
        ifil.mint(address(ifilPair), 10_000e18);
        usdt.mint(address(ifilPair), 50_000e6);
        ifilPair.mint(lpHolder);
        vm.prank(admin);
        revenue.setTokenMarket(address(ifil), IUniswapV2PairLike(address(ifilPair)), IFIL_LOT);
    }

    function _ifilReserves() internal view returns (uint256 rIfil, uint256 rUsdt) {
        (uint112 r0, uint112 r1,) = ifilPair.getReserves();
        (rIfil, rUsdt) = ifilIsToken0 ? (uint256(r0), uint256(r1)) : (uint256(r1), uint256(r0));
    }

    /// @dev `who` sells `amount` of its IFIL straight on the pair (dumps the price); returns the USDT received.
    function _dumpIfil(address who, uint256 amount) internal returns (uint256 out) {
        (uint256 rIfil, uint256 rUsdt) = _ifilReserves();
        out = _getAmountOut(amount, rIfil, rUsdt);
        vm.prank(who);
        ifil.transfer(address(ifilPair), amount);
        if (ifilIsToken0) ifilPair.swap(0, out, who, "");
        else ifilPair.swap(out, 0, who, "");
    }

    /// @dev `who` buys IFIL with `usdtIn` of its USDT straight on the pair; returns the IFIL received.
    function _buyIfil(address who, uint256 usdtIn) internal returns (uint256 out) {
        (uint256 rIfil, uint256 rUsdt) = _ifilReserves();
        out = _getAmountOut(usdtIn, rUsdt, rIfil);
        vm.prank(who);
        usdt.transfer(address(ifilPair), usdtIn);
        if (ifilIsToken0) ifilPair.swap(out, 0, who, "");
        else ifilPair.swap(0, out, who, "");
    }

    /// @dev Revenue holds `amount` IFIL (a pool's swept fees) and its price window is open one hop later.
    function _ready(uint256 amount) internal {
        ifil.mint(address(revenue), amount);
        (uint256 sold, uint256 received) = revenue.sellToken(IERC20(address(ifil)));
        vm.assertEq(sold + received, 0, "the first call only opens the window");
        vm.warp(block.timestamp + HOP);
    }

}

contract RevenueTokenSaleTest is IfilMarketFixture {
    function test_SellsALotAtThePairsPriceAndBooksTheUsdtAsRevenue() public {
        _ready(150e18);
        (uint256 rIfil, uint256 rUsdt) = _ifilReserves();
        uint256 expected = _getAmountOut(IFIL_LOT, rIfil, rUsdt);
        Revenue.Quote memory q = revenue.tokenQuote(address(ifil));
        vm.assertEq(q.paid, IFIL_LOT, "quotes a lot");
        vm.assertEq(q.out, expected, "quote = the pair's amount out");
        uint256 refOut = (IFIL_LOT * ((rUsdt << 112) / rIfil)) >> 112; // the UQ112x112 average, rounded down
        vm.assertEq(q.referenceOut, refOut, "reference: 100 IFIL at the average price");
        vm.assertGe(refOut, 500e6 - 1, "5 USDT per IFIL");
        vm.assertLe(refOut, 500e6, "5 USDT per IFIL");
        vm.assertEq(q.minOut, refOut * 9_800 / 10_000, "2% below the reference");

        vm.expectEmit(true, true, false, true, address(revenue));
        emit Revenue.TokenSold(0, address(ifil), IFIL_LOT, expected, refOut);
        vm.prank(keeper);
        (uint256 sold, uint256 received) = revenue.sellToken(IERC20(address(ifil)));
        vm.assertEq(sold, IFIL_LOT, "at most a lot");
        vm.assertEq(received, expected, "the pair's price");
        vm.assertEq(ifil.balanceOf(address(revenue)), 50e18, "the rest waits for the next hop");
        vm.assertEq(usdt.balanceOf(address(revenue)), expected, "USDT held");
        vm.assertEq(revenue.revenueOf(0, revenue.TOKEN_SALES()), expected, "booked to the token sales, month 0");
        vm.assertEq(revenue.monthRevenue(0), expected, "in the month's revenue");
        vm.assertEq(revenue.open(), expected, "open");
        vm.assertEq(revenue.tokenRevenueOf(address(ifil), 0), IFIL_LOT, "IFIL booked too");

        // Once per hop.
        vm.expectRevert(abi.encodeWithSelector(Revenue.RevenueTooSoon.selector, block.timestamp + HOP));
        revenue.sellToken(IERC20(address(ifil)));
        vm.warp(block.timestamp + HOP);
        (sold,) = revenue.sellToken(IERC20(address(ifil)));
        vm.assertEq(sold, 50e18, "what is left");
        vm.expectRevert(abi.encodeWithSelector(Revenue.RevenueNothingToSell.selector, address(ifil)));
        revenue.sellToken(IERC20(address(ifil)));
    }

    /// The IFIL's USDT is revenue like any other: at the month's close 80% of it joins the buyback budget.
    function test_SoldIfilBuysDmcBackWithTheMonth() public {
        _ready(IFIL_LOT);
        (, uint256 received) = revenue.sellToken(IERC20(address(ifil)));
        vm.warp(START + MONTH);
        revenue.closeMonths();
        vm.assertEq(revenue.budget(), received * 8_000 / 10_000, "80% to the buyback");
        vm.assertEq(usdt.balanceOf(treasury), received - received * 8_000 / 10_000, "20% to the treasury");
    }

    function test_StaleWindowRestarts() public {
        _ready(IFIL_LOT);
        vm.warp(block.timestamp + 1 days + 1); // past hop + slack since the window opened
        (uint256 sold,) = revenue.sellToken(IERC20(address(ifil)));
        vm.assertEq(sold, 0, "only restarts the window");
        (,, uint256 windowStart) = revenue.tokenMarket(address(ifil));
        vm.assertEq(windowStart, block.timestamp, "a fresh window");
    }

    function test_ATokenWithAMarketIsSoldNotForwarded() public {
        ifil.mint(address(revenue), 1e18);
        vm.expectRevert(abi.encodeWithSelector(Revenue.RevenueTokenHasMarket.selector, address(ifil)));
        revenue.forwardToken(IERC20(address(ifil)));
        // The DAO may stop selling it: it is forwarded again.
        vm.prank(admin);
        revenue.setTokenMarket(address(ifil), IUniswapV2PairLike(address(0)), 0);
        revenue.forwardToken(IERC20(address(ifil)));
        vm.assertEq(ifil.balanceOf(treasury), 1e18, "forwarded");
        vm.expectRevert(abi.encodeWithSelector(Revenue.RevenueNoTokenMarket.selector, address(ifil)));
        revenue.sellToken(IERC20(address(ifil)));
    }

    // ------------------------------------------------------------ attacks

    /// An attacker dumps IFIL in the sale's block to buy the protocol's IFIL cheap: the sale refuses the dumped
    /// price, and the attacker, unwinding, only pays the pair's fees.
    function test_Attack_SandwichInOneBlockRevertsAndLoses() public {
        _ready(IFIL_LOT);
        uint256 refBefore = revenue.tokenQuote(address(ifil)).referenceOut;
        ifil.mint(attacker, 2_000e18);
        uint256 got = _dumpIfil(attacker, 2_000e18); // about -30% on the price
        vm.assertEq(revenue.tokenQuote(address(ifil)).referenceOut, refBefore, "a trade in this block does not move the reference");
        Revenue.Quote memory q = revenue.tokenQuote(address(ifil));
        vm.expectRevert(abi.encodeWithSelector(Revenue.RevenuePriceOutOfBounds.selector, q.out, q.minOut));
        revenue.sellToken(IERC20(address(ifil)));
        uint256 back = _buyIfil(attacker, got);
        vm.assertLt(back, 2_000e18, "the attacker ends with less IFIL than it started");
        vm.assertEq(ifil.balanceOf(address(revenue)), IFIL_LOT, "the protocol's IFIL is untouched");
    }

    /// Whatever an attacker trades in the sale's block, the sale either reverts or gets at least `(1 - 2%)` of the
    /// USDT the pre-block average price gives.
    function testFuzz_Attack_NeverSellsBelowTheBound(uint256 amount, bool dump) public {
        _ready(IFIL_LOT);
        uint256 minOut = revenue.tokenQuote(address(ifil)).minOut;
        if (dump) {
            amount = bound(amount, 1e15, 100_000e18);
            ifil.mint(attacker, amount);
            _dumpIfil(attacker, amount);
        } else {
            amount = bound(amount, 1e3, 1_000_000e6);
            usdt.mint(attacker, amount);
            _buyIfil(attacker, amount);
        }
        try revenue.sellToken(IERC20(address(ifil))) returns (uint256 sold, uint256 received) {
            vm.assertEq(sold, IFIL_LOT, "a lot");
            vm.assertGe(received, minOut, "never below the bound");
            vm.assertEq(revenue.revenueOf(0, revenue.TOKEN_SALES()), received, "booked exactly what arrived");
        } catch (bytes memory reason) {
            vm.assertEq(bytes4(reason), Revenue.RevenuePriceOutOfBounds.selector, "only the price bound refuses");
        }
    }

    /// A vote (or a council) cannot point the sale at a pair of its own making, where it alone provides the
    /// liquidity at a price of its choosing: only the factory's own IFIL/USDT pair is accepted.
    function test_Attack_APairOfTheAttackersMakingIsRefused() public {
        IUniswapV2FactoryT otherFactory = _deployUniswapFactory(attacker);
        address rogue = otherFactory.createPair(address(ifil), address(usdt));
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(Revenue.RevenueWrongPair.selector, rogue));
        revenue.setTokenMarket(address(ifil), IUniswapV2PairLike(rogue), IFIL_LOT);
        // The DMC pair is not the IFIL pair either.
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(Revenue.RevenueWrongPair.selector, address(pair)));
        revenue.setTokenMarket(address(ifil), IUniswapV2PairLike(address(pair)), IFIL_LOT);
    }

    function test_OnlyTheAdminSetsAMarketAndNeverForUsdtOrDmc() public {
        vm.prank(attacker);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, attacker, bytes32(0))
        );
        revenue.setTokenMarket(address(ifil), IUniswapV2PairLike(address(0)), 0);
        vm.startPrank(admin);
        vm.expectRevert(abi.encodeWithSelector(Revenue.RevenueNotOtherToken.selector, address(usdt)));
        revenue.setTokenMarket(address(usdt), IUniswapV2PairLike(address(ifilPair)), IFIL_LOT);
        vm.expectRevert(abi.encodeWithSelector(Revenue.RevenueNotOtherToken.selector, address(dmc)));
        revenue.setTokenMarket(address(dmc), IUniswapV2PairLike(address(pair)), IFIL_LOT);
        vm.expectRevert(Revenue.RevenueInvalidLot.selector);
        revenue.setTokenMarket(address(ifil), IUniswapV2PairLike(address(ifilPair)), 0);
        vm.stopPrank();
    }

    /// The IFIL sale never touches the DMC buyback's budget or window.
    function test_ASaleLeavesTheBuybackAlone() public {
        _budgetReady(10_000e6);
        Revenue.Quote memory before = revenue.quote();
        _ready(IFIL_LOT);
        revenue.sellToken(IERC20(address(ifil)));
        vm.assertEq(revenue.budget(), 8_000e6, "budget untouched");
        vm.assertEq(revenue.quote().windowStart, before.windowStart, "the buyback's window untouched");
    }
}

/// @notice `sellToken`'s gas (snapshots/Pool.json).
contract RevenueTokenSaleGasTest is IfilMarketFixture {
    /// @notice Records `sellToken`'s gas into snapshots/Pool.json (execution gas, every contract cooled first). Steady
    /// state: an earlier sale ran, the window is one hop old, Revenue holds more than a lot. Held to the buyback's goal.
    function test_Gas_SellToken() public {
        _ready(3 * IFIL_LOT);
        revenue.sellToken(IERC20(address(ifil)));
        vm.warp(block.timestamp + HOP);
        vm.cool(address(revenue));
        vm.cool(address(ifilPair));
        vm.cool(address(ifil));
        vm.cool(address(usdt));
        vm.cool(address(dmc));
        vm.prank(keeper);
        (uint256 sold,) = revenue.sellToken(IERC20(address(ifil)));
        uint256 gas = vm.snapshotGasLastCall("Pool", "sellToken");
        vm.assertEq(sold, IFIL_LOT, "a lot was sold");
        vm.assertLe(gas, 200_000, "a sale costs no more than the buyback's goal");
    }
}
