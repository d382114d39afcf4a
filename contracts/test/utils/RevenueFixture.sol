// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {UniswapV2, IUniswapV2FactoryT, IUniswapV2PairT} from "./UniswapV2.sol";
import {DMC} from "../../src/DMC.sol";
import {IEmissionSchedule} from "../../src/interfaces/IEmissionSchedule.sol";
import {Revenue, IBurnable, IUniswapV2PairLike} from "../../src/Revenue.sol";
import {PlainToken} from "../mocks/PlainToken.sol";
import {FeeSourceMock} from "../mocks/FeeSourceMock.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice The real DMC, a USDT stand-in, the real Uniswap V2 pair between them holding 1,000,000 DMC and
/// 100,000 USDT (0.10 USDT per DMC, as the demo seeds it), and Revenue with two fee sources (1: "market",
/// 2: "loans"), a 1,000 USDT lot, a 1-hour hop and a 2% maximum deviation. Month 0 starts at setUp.
abstract contract RevenueFixture is UniswapV2 {
    DMC internal dmc;
    PlainToken internal usdt;
    IUniswapV2PairT internal pair;
    Revenue internal revenue;
    FeeSourceMock internal market;
    FeeSourceMock internal loans;
    bool internal dmcIsToken0;

    address internal admin = address(0xAD);
    address internal treasury = address(0x7EA5);
    address internal foundation = address(0xF0);
    address internal lpHolder = address(0x1B);
    address internal keeper = address(0x6EE9);
    address internal attacker = address(0xBAD);

    uint256 internal constant LOT = 1_000e6;
    uint256 internal constant HOP = 1 hours;
    uint256 internal constant DEV = 200;
    uint256 internal constant MONTH = 30 days;
    uint256 internal START;

    function setUp() public virtual {
        vm.warp(1_750_000_000);
        START = block.timestamp;
        DMC.Allocation[] memory a = new DMC.Allocation[](1);
        a[0] = DMC.Allocation({recipient: foundation, amount: 100_000_000e18});
        dmc = new DMC(a, new address[](0), IEmissionSchedule(address(0)));
        usdt = new PlainToken("USDT", 6);
        IUniswapV2FactoryT factory = _deployUniswapFactory(admin);
        pair = IUniswapV2PairT(factory.createPair(address(dmc), address(usdt)));
        dmcIsToken0 = pair.token0() == address(dmc);
        vm.prank(foundation);
        dmc.transfer(address(pair), 1_000_000e18);
        usdt.mint(address(pair), 100_000e6);
        pair.mint(lpHolder);

        revenue = new Revenue(
            admin,
            IERC20(address(usdt)),
            IBurnable(address(dmc)),
            IUniswapV2PairLike(address(pair)),
            treasury,
            START,
            LOT,
            HOP,
            DEV
        );
        market = new FeeSourceMock(usdt, address(revenue));
        loans = new FeeSourceMock(usdt, address(revenue));
        vm.startPrank(admin);
        revenue.addSource(address(market));
        revenue.addSource(address(loans));
        vm.stopPrank();
    }

    function _reserves() internal view returns (uint256 rUsdt, uint256 rDmc) {
        (uint112 r0, uint112 r1,) = pair.getReserves();
        (rUsdt, rDmc) = dmcIsToken0 ? (uint256(r1), uint256(r0)) : (uint256(r0), uint256(r1));
    }

    /// @dev `who` buys DMC with `usdtIn` of its USDT straight on the pair; returns the DMC received.
    function _buyDmc(address who, uint256 usdtIn) internal returns (uint256 out) {
        (uint256 rUsdt, uint256 rDmc) = _reserves();
        out = _getAmountOut(usdtIn, rUsdt, rDmc);
        vm.prank(who);
        usdt.transfer(address(pair), usdtIn);
        if (dmcIsToken0) pair.swap(out, 0, who, "");
        else pair.swap(0, out, who, "");
    }

    /// @dev `who` sells `dmcIn` of its DMC straight on the pair; returns the USDT received.
    function _sellDmc(address who, uint256 dmcIn) internal returns (uint256 out) {
        (uint256 rUsdt, uint256 rDmc) = _reserves();
        out = _getAmountOut(dmcIn, rDmc, rUsdt);
        vm.prank(who);
        dmc.transfer(address(pair), dmcIn);
        if (dmcIsToken0) pair.swap(0, out, who, "");
        else pair.swap(out, 0, who, "");
    }

    /// @dev Books `amount` of market fees in the current month.
    function _earn(uint256 amount) internal {
        market.accrue(amount);
        revenue.collect(1);
    }

    /// @dev Closes month 0 with `amount` of revenue and opens a price window: a buyback can run one hop later.
    function _budgetReady(uint256 amount) internal {
        _earn(amount);
        vm.warp(START + MONTH);
        revenue.buyback(); // closes month 0, starts the window
        vm.warp(block.timestamp + HOP);
    }
}
