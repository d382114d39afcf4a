// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TestBase} from "../utils/Vm.sol";
import {IUniswapV2PairT} from "../utils/UniswapV2.sol";
import {Revenue} from "../../src/Revenue.sol";
import {DMC} from "../../src/DMC.sol";
import {PlainToken} from "../mocks/PlainToken.sol";
import {FeeSourceMock} from "../mocks/FeeSourceMock.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Drives Revenue: fees from two sources, direct transfers, time (within months and across them),
/// month closes, buybacks, and traders moving the pair in the buyback's block or between buybacks; and the joint
/// pools' IFIL fees arriving, sold on the IFIL/USDT pair, with traders moving that pair too. Keeps ghosts of all USDT
/// that reached Revenue (the IFIL sales' included), of all IFIL, and of every buyback's and sale's bound.
contract RevenueHandler is TestBase {
    Revenue internal immutable revenue;
    DMC internal immutable dmc;
    PlainToken internal immutable usdt;
    IUniswapV2PairT internal immutable pair;
    FeeSourceMock[2] internal sources;
    address internal immutable trader;
    bool internal immutable dmcIsToken0;

    uint256 public ghostIn;
    uint256 public ghostBuybacks;
    uint256 public ghostBelowBound;
    uint256 public ghostBurnedSeen;
    uint256 public ghostIfilIn;
    uint256 public ghostIfilSold;
    uint256 public ghostSales;

    PlainToken internal ifil;
    IUniswapV2PairT internal ifilPair;
    bool internal ifilIsToken0;

    constructor(
        Revenue revenue_,
        DMC dmc_,
        PlainToken usdt_,
        IUniswapV2PairT pair_,
        FeeSourceMock market,
        FeeSourceMock loans,
        address trader_
    ) {
        revenue = revenue_;
        dmc = dmc_;
        usdt = usdt_;
        pair = pair_;
        sources[0] = market;
        sources[1] = loans;
        trader = trader_;
        dmcIsToken0 = pair_.token0() == address(dmc_);
    }

    /// @dev Adds the IFIL market (the invariant test's setUp): Revenue sells `ifil_` on `ifilPair_`. Once: the
    /// fuzzer's own calls do nothing.
    function withIfil(PlainToken ifil_, IUniswapV2PairT ifilPair_) external {
        if (address(ifil) != address(0)) return;
        ifil = ifil_;
        ifilPair = ifilPair_;
        ifilIsToken0 = ifilPair_.token0() == address(ifil_);
    }

    /// @dev A joint pool's swept fees reach Revenue in IFIL.
    function poolFees(uint256 amount) external {
        amount = bound(amount, 1e15, 200e18);
        ifil.mint(address(revenue), amount);
        ghostIfilIn += amount;
    }

    function sellIfil() external {
        Revenue.Quote memory q = revenue.tokenQuote(address(ifil));
        try revenue.sellToken(IERC20(address(ifil))) returns (uint256 sold, uint256 received) {
            if (sold != 0) {
                ++ghostSales;
                ghostIfilSold += sold;
                ghostIn += received;
                if (q.paid == sold && received < q.minOut) ++ghostBelowBound;
            }
        } catch (bytes memory reason) {
            bytes4 s = bytes4(reason);
            require(
                s == Revenue.RevenueNothingToSell.selector || s == Revenue.RevenueTooSoon.selector
                    || s == Revenue.RevenuePriceOutOfBounds.selector,
                "unexpected sellToken revert"
            );
        }
    }

    /// @dev A trader moves the IFIL/USDT price either way (tokens minted straight into the pair).
    function tradeIfil(uint256 amount, bool buyIfil) external {
        (uint112 r0, uint112 r1,) = ifilPair.getReserves();
        (uint256 rIfil, uint256 rUsdt) = ifilIsToken0 ? (uint256(r0), uint256(r1)) : (uint256(r1), uint256(r0));
        if (buyIfil) {
            amount = bound(amount, 1e6, rUsdt / 2);
            uint256 out = _out(amount, rUsdt, rIfil);
            if (out == 0) return;
            usdt.mint(address(ifilPair), amount);
            if (ifilIsToken0) ifilPair.swap(out, 0, trader, "");
            else ifilPair.swap(0, out, trader, "");
        } else {
            amount = bound(amount, 1e15, rIfil / 2);
            uint256 out = _out(amount, rIfil, rUsdt);
            if (out == 0) return;
            ifil.mint(address(ifilPair), amount);
            if (ifilIsToken0) ifilPair.swap(0, out, trader, "");
            else ifilPair.swap(out, 0, trader, "");
        }
    }

    function earn(uint256 which, uint256 amount, bool collectAll) external {
        amount = bound(amount, 1, 50_000e6);
        FeeSourceMock source = sources[which % 2];
        source.accrue(amount);
        ghostIn += amount;
        if (collectAll) revenue.collectAll();
        else revenue.collect(which % 2 + 1);
    }

    function gift(uint256 amount, bool book) external {
        amount = bound(amount, 1, 5_000e6);
        usdt.mint(address(revenue), amount);
        ghostIn += amount;
        if (book) revenue.collect(0);
    }

    function wait(uint256 secs) external {
        vm.warp(block.timestamp + bound(secs, 1, 40 days));
    }

    function closeMonths() external {
        revenue.closeMonths();
    }

    function buyback() external {
        Revenue.Quote memory q = revenue.quote();
        uint256 supplyBefore = dmc.totalSupply();
        try revenue.buyback() returns (uint256 paid, uint256 bought) {
            if (paid != 0) {
                ++ghostBuybacks;
                // the quote ignores months closing in the call; a real bound is checked when the budget was the same
                if (q.paid == paid && bought < q.minOut) ++ghostBelowBound;
                ghostBurnedSeen += supplyBefore - dmc.totalSupply();
            }
        } catch (bytes memory reason) {
            bytes4 s = bytes4(reason);
            require(
                s == Revenue.RevenueNothingToBuy.selector || s == Revenue.RevenueTooSoon.selector
                    || s == Revenue.RevenuePriceOutOfBounds.selector,
                "unexpected buyback revert"
            );
        }
    }

    /// @dev A trader moves the price (either way), in this block or with time passing after.
    function trade(uint256 amount, bool buyDmc) external {
        (uint112 r0, uint112 r1,) = pair.getReserves();
        (uint256 rUsdt, uint256 rDmc) = dmcIsToken0 ? (uint256(r1), uint256(r0)) : (uint256(r0), uint256(r1));
        if (buyDmc) {
            amount = bound(amount, 1e6, rUsdt / 2);
            uint256 out = _out(amount, rUsdt, rDmc);
            if (out == 0) return;
            usdt.mint(address(pair), amount);
            if (dmcIsToken0) pair.swap(out, 0, trader, "");
            else pair.swap(0, out, trader, "");
        } else {
            uint256 most = dmc.balanceOf(trader) < rDmc / 2 ? dmc.balanceOf(trader) : rDmc / 2;
            if (most < 1e18) return;
            amount = bound(amount, 1e18, most);
            uint256 out = _out(amount, rDmc, rUsdt);
            if (out == 0) return;
            vm.prank(trader);
            dmc.transfer(address(pair), amount);
            if (dmcIsToken0) pair.swap(0, out, trader, "");
            else pair.swap(out, 0, trader, "");
        }
    }

    function _out(uint256 amountIn, uint256 reserveIn, uint256 reserveOut) private pure returns (uint256) {
        uint256 inWithFee = amountIn * 997;
        return inWithFee * reserveOut / (reserveIn * 1000 + inWithFee);
    }
}
