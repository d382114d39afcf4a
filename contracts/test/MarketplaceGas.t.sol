// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {MarketFixture} from "./utils/MarketFixture.sol";

/// @notice Records steady-state gas of `list` and `buy` into snapshots/Marketplace.json and holds the goals:
/// `list` <= 50,000 and `buy` <= 75,000 execution gas. "Steady state": the seller, buyer and fee accrual
/// already hold balances (one sale happened before), the buyer approved exactly the price.
/// A forge test is one transaction, so storage touched earlier would be warm; `_coolAll` marks every
/// contract cold again before a measured call, as it is at the start of a real transaction. The figures are
/// execution gas (without the 21,000 intrinsic gas and calldata); `forge test --isolate` gives tx gas.
contract MarketplaceGasTest is MarketFixture {
    function test_Gas_ListAndBuy() public {
        // Warm-up sale so balances and accrued fees are non-zero, as on a live market.
        uint256 first = _list(1, PRICE);
        vm.prank(buyer);
        market.buy(first, PRICE);

        uint256 tokenId = _token(2);
        _coolAll();
        vm.prank(miner);
        market.list(tokenId, PRICE);
        uint256 listGas = vm.snapshotGasLastCall("Marketplace", "list");

        vm.prank(buyer);
        usdt.approve(address(market), PRICE);
        _coolAll();
        vm.prank(buyer);
        market.buy(tokenId, PRICE);
        uint256 buyGas = vm.snapshotGasLastCall("Marketplace", "buy");

        vm.assertEq(nft.ownerOf(tokenId), buyer, "buyer owns the token");
        vm.assertLe(listGas, 50_000, "list gas goal");
        vm.assertLe(buyGas, 75_000, "buy gas goal");
    }

    function _coolAll() private {
        vm.cool(address(market));
        vm.cool(address(nft));
        vm.cool(address(usdt));
    }
}
