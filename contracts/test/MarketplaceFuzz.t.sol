// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {MarketFixture} from "./utils/MarketFixture.sol";
import {Marketplace} from "../src/Marketplace.sol";

/// @notice Property tests of Marketplace: price/fee split, price bounds, listBatch (sizes, all-or-nothing),
/// and the buyer's maxPrice protection.
contract MarketplaceFuzzTest is MarketFixture {
    address internal payer = address(0xFA11); // a fresh buyer funded with exactly what a test needs
    address internal miner2 = address(0x222);

    // ================================================================ price and fee split

    /// @dev For any price and fee: the buyer pays exactly the price, the seller gets price - fee,
    /// fee = price * bps / 10000 (rounded down), and the contract accrues exactly the fee.
    function testFuzz_BuySplitsPriceAndFee(uint256 price, uint256 bps) public {
        price = bound(price, 1, type(uint96).max);
        bps = bound(bps, 0, market.MAX_FEE_BPS());
        vm.prank(admin);
        market.setFeeBps(bps);
        uint256 tokenId = _list(1, price);

        usdt.mint(payer, price);
        vm.prank(payer);
        usdt.approve(address(market), price); // exactly the price: any over-charge would revert
        uint256 sellerBefore = usdt.balanceOf(miner);
        uint256 supply = usdt.totalSupply();

        vm.prank(payer);
        market.buy(tokenId, price);

        uint256 fee = price * bps / 10_000;
        vm.assertLe(fee, price / 10, "fee never above 10%");
        vm.assertEq(usdt.balanceOf(payer), 0, "buyer paid exactly the price");
        vm.assertEq(usdt.allowance(payer, address(market)), 0, "allowance used exactly");
        vm.assertEq(usdt.balanceOf(miner) - sellerBefore, price - fee, "seller got price - fee");
        vm.assertEq(usdt.balanceOf(address(market)), fee, "market holds the fee");
        vm.assertEq(market.accruedFees(), fee, "accrued exactly the fee");
        vm.assertEq(usdt.totalSupply(), supply, "no value created");
        vm.assertEq(nft.ownerOf(tokenId), payer, "NFT delivered");

        if (fee == 0) {
            vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceNoFees.selector));
            market.withdrawFees();
        } else {
            market.withdrawFees();
            vm.assertEq(usdt.balanceOf(treasury), fee, "treasury got the fee");
            vm.assertEq(usdt.balanceOf(address(market)), 0, "market emptied");
        }
    }

    /// @dev Fees of many sales accumulate exactly and are withdrawn in one go.
    function testFuzz_FeesAccumulateAcrossSales(uint256[4] memory prices, uint256 bps) public {
        bps = bound(bps, 0, market.MAX_FEE_BPS());
        vm.prank(admin);
        market.setFeeBps(bps);
        uint256 expected;
        for (uint256 i; i < prices.length; ++i) {
            uint256 p = bound(prices[i], 1, 2e11); // four sales stay within buyer2's 1e12
            uint256 tokenId = _list(i + 1, p);
            vm.prank(buyer2);
            market.buy(tokenId, p);
            expected += p * bps / 10_000;
        }
        vm.assertEq(market.accruedFees(), expected, "sum of fees");
        vm.assertEq(usdt.balanceOf(address(market)), expected, "held == accrued");
        if (expected > 0) {
            market.withdrawFees();
            vm.assertEq(usdt.balanceOf(treasury), expected, "all withdrawn");
            vm.assertEq(market.accruedFees(), 0, "reset");
        }
    }

    /// @dev A price is accepted by list and updatePrice iff 1 <= price <= type(uint96).max.
    function testFuzz_PriceBounds(uint256 price) public {
        bool valid = price >= 1 && price <= type(uint96).max;
        uint256 tokenId = _token(1);
        vm.prank(miner);
        if (!valid) vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceInvalidPrice.selector, price));
        market.list(tokenId, price);
        vm.assertEq(market.listing(tokenId).seller, valid ? miner : address(0), "listed iff valid");
        vm.assertEq(uint256(market.listing(tokenId).price), valid ? price : 0, "stored price");

        uint256 other = _list(2, PRICE);
        vm.prank(miner);
        if (!valid) vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceInvalidPrice.selector, price));
        market.updatePrice(other, price);
        vm.assertEq(uint256(market.listing(other).price), valid ? price : PRICE, "updated iff valid");
    }

    // ================================================================ maxPrice

    function testFuzz_RevertWhen_MaxPriceBelowPrice(uint256 price, uint256 maxPrice) public {
        price = bound(price, 1, type(uint96).max);
        maxPrice = bound(maxPrice, 0, price - 1);
        uint256 tokenId = _list(1, price);
        usdt.mint(payer, price);
        vm.prank(payer);
        usdt.approve(address(market), type(uint256).max);

        vm.prank(payer);
        vm.expectRevert(
            abi.encodeWithSelector(Marketplace.MarketplacePriceAboveMaximum.selector, tokenId, price, maxPrice)
        );
        market.buy(tokenId, maxPrice);
        vm.assertEq(usdt.balanceOf(payer), price, "buyer charged nothing");
        vm.assertEq(nft.ownerOf(tokenId), miner, "NFT not moved");
        vm.assertEq(market.listing(tokenId).seller, miner, "still listed");
    }

    function testFuzz_BuyWhenMaxPriceAtOrAbovePrice(uint256 price, uint256 maxPrice) public {
        price = bound(price, 1, type(uint96).max);
        maxPrice = bound(maxPrice, price, type(uint256).max);
        uint256 tokenId = _list(1, price);
        usdt.mint(payer, price);
        vm.prank(payer);
        usdt.approve(address(market), type(uint256).max);

        vm.prank(payer);
        market.buy(tokenId, maxPrice);
        vm.assertEq(usdt.balanceOf(payer), 0, "charged the price, not maxPrice");
        vm.assertEq(nft.ownerOf(tokenId), payer, "NFT delivered");
    }

    /// @dev A price raised after the buyer chose maxPrice makes the buy revert; lowered, it goes through at
    /// the new price.
    function testFuzz_MaxPriceAgainstUpdatedPrice(uint256 oldPrice, uint256 newPrice) public {
        oldPrice = bound(oldPrice, 1, 1e12); // the fixture buyer holds 1e12
        newPrice = bound(newPrice, 1, 1e12);
        uint256 tokenId = _list(1, oldPrice);
        vm.prank(miner);
        market.updatePrice(tokenId, newPrice);
        uint256 before = usdt.balanceOf(buyer);

        vm.prank(buyer);
        if (newPrice > oldPrice) {
            vm.expectRevert(
                abi.encodeWithSelector(Marketplace.MarketplacePriceAboveMaximum.selector, tokenId, newPrice, oldPrice)
            );
            market.buy(tokenId, oldPrice);
            vm.assertEq(usdt.balanceOf(buyer), before, "nothing paid");
            vm.assertEq(nft.ownerOf(tokenId), miner, "not sold");
        } else {
            market.buy(tokenId, oldPrice);
            vm.assertEq(before - usdt.balanceOf(buyer), newPrice, "paid the new price");
            vm.assertEq(nft.ownerOf(tokenId), buyer, "sold");
        }
    }

    // ================================================================ listBatch

    function testFuzz_ListBatchListsEveryTokenAtPrice(uint256 n, uint256 price) public {
        n = bound(n, 1, 100);
        price = bound(price, 1, type(uint96).max);
        uint256[] memory ids = _ids(n);
        vm.prank(miner);
        market.listBatch(ids, price);
        for (uint256 i; i < n; ++i) {
            Marketplace.Listing memory l = market.listing(ids[i]);
            vm.assertEq(l.seller, miner, "seller");
            vm.assertEq(uint256(l.price), price, "price");
            vm.assertEq(nft.ownerOf(ids[i]), miner, "non-custodial");
        }
        if (n < 100) vm.assertEq(market.listing(_token(n + 1)).seller, address(0), "next token untouched");
    }

    /// @dev One token of the batch belongs to someone else: the whole batch reverts, nothing is listed.
    function testFuzz_ListBatchAllOrNothingWhenOneTokenNotOwned(uint256 n, uint256 bad, uint256 price) public {
        n = bound(n, 1, 100);
        bad = bound(bad, 0, n - 1);
        price = bound(price, 1, type(uint96).max);
        uint256[] memory ids = _ids(n);
        vm.prank(miner);
        nft.transferFrom(miner, buyer2, ids[bad]);

        vm.prank(miner);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceNotTokenOwner.selector, ids[bad], miner, buyer2));
        market.listBatch(ids, price);
        for (uint256 i; i < n; ++i) {
            vm.assertEq(market.listing(ids[i]).seller, address(0), "nothing listed");
        }
    }

    /// @dev One token of the batch is already listed: the batch reverts and the existing listing is untouched.
    function testFuzz_ListBatchAllOrNothingWhenOneTokenAlreadyListed(uint256 n, uint256 bad, uint256 price) public {
        n = bound(n, 1, 100);
        bad = bound(bad, 0, n - 1);
        price = bound(price, 1, type(uint96).max);
        uint256[] memory ids = _ids(n);
        vm.prank(miner);
        market.list(ids[bad], PRICE);

        vm.prank(miner);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceAlreadyListed.selector, ids[bad]));
        market.listBatch(ids, price);
        for (uint256 i; i < n; ++i) {
            Marketplace.Listing memory l = market.listing(ids[i]);
            if (i == bad) {
                vm.assertEq(uint256(l.price), PRICE, "existing listing untouched");
            } else {
                vm.assertEq(l.seller, address(0), "nothing else listed");
            }
        }
    }

    function test_ListBatch_AtMaxBatch() public {
        uint256 max = market.MAX_BATCH();
        uint256[] memory ids = _mintProduct2(max);
        vm.prank(miner2);
        market.listBatch(ids, PRICE);
        vm.assertEq(market.listing(ids[0]).seller, miner2, "first listed");
        vm.assertEq(market.listing(ids[max - 1]).seller, miner2, "last listed");
        vm.assertEq(uint256(market.listing(ids[max / 2]).price), PRICE, "middle at price");
    }

    function test_RevertWhen_ListBatchAtMaxBatchPlusOne() public {
        uint256 max = market.MAX_BATCH();
        uint256[] memory ids = _mintProduct2(max + 1); // every token owned and approved: only the size is wrong
        vm.prank(miner2);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceBatchSize.selector, max + 1, max));
        market.listBatch(ids, PRICE);
        vm.assertEq(market.listing(ids[0]).seller, address(0), "nothing listed");
    }

    // ================================================================ helpers

    function _ids(uint256 n) internal view returns (uint256[] memory ids) {
        ids = new uint256[](n);
        uint256 base = productId * nft.TOKENS_PER_PRODUCT();
        for (uint256 i; i < n; ++i) {
            ids[i] = base + i + 1;
        }
    }

    function _mintProduct2(uint256 count) internal returns (uint256[] memory ids) {
        vm.startPrank(admin);
        uint256 id = nft.createProduct(_params(miner2, uint32(count)));
        uint256 first = nft.mint(id, count);
        vm.stopPrank();
        vm.prank(miner2);
        nft.setApprovalForAll(address(market), true);
        ids = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            ids[i] = first + i;
        }
    }
}
