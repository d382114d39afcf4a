// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {MarketFixture} from "./utils/MarketFixture.sol";
import {Marketplace} from "../src/Marketplace.sol";
import {RevenueEscrow} from "../src/RevenueEscrow.sol";

/// @notice Property tests of Marketplace: price/fee split of primary sales and resales, price bounds,
/// listBatch (sizes, all-or-nothing), and the buyer's maxPrice protection.
contract MarketplaceFuzzTest is MarketFixture {
    address internal payer = address(0xFA11); // a fresh buyer funded with exactly what a test needs
    address internal miner2 = address(0x222);
    address internal holder = address(0x401D); // a trader who resells

    // ================================================================ price and fee split

    /// @dev For any price, both fee rates and either kind of sale: the buyer pays exactly the price, the seller gets
    /// price - fee, where fee = price * bps / 10000 (rounded down) and bps is the issuance fee when the seller is
    /// the miner (primary) and the trading fee otherwise (resale); the contract accrues exactly the fee.
    function testFuzz_BuySplitsPriceAndFee(uint256 price, uint256 tradingBps, uint256 issuanceBps, bool resale)
        public
    {
        // A primary sale's proceeds are stored in 78 bits with the token (the escrow refuses more).
        price = bound(price, 1, resale ? type(uint96).max : escrow.MAX_STREAM_AMOUNT());
        tradingBps = bound(tradingBps, 0, market.MAX_FEE_BPS());
        issuanceBps = bound(issuanceBps, 0, market.MAX_FEE_BPS());
        vm.startPrank(admin);
        market.setFeeBps(tradingBps);
        market.setIssuanceFeeBps(issuanceBps);
        vm.stopPrank();
        (uint256 tokenId, address seller) = resale ? _listByHolder(1, price) : (_list(1, price), miner);

        uint256 bps = resale ? tradingBps : issuanceBps;
        vm.assertEq(market.isPrimarySale(tokenId), !resale, "primary iff never sold");
        vm.assertEq(market.saleFeeBps(tokenId), bps, "quoted fee");

        usdt.mint(payer, price);
        vm.prank(payer);
        usdt.approve(address(market), price); // exactly the price: any over-charge would revert
        // A primary sale's whole price goes to the escrow (its fee waits there), a resale's proceeds to the seller.
        uint256 sellerBefore = usdt.balanceOf(resale ? seller : address(escrow));
        uint256 supply = usdt.totalSupply();

        vm.expectEmit(true, true, true, true, address(market));
        emit Marketplace.Sold(tokenId, seller, payer, price, price * bps / 10_000);
        vm.prank(payer);
        market.buy(tokenId, price, 0);

        uint256 fee = price * bps / 10_000;
        vm.assertLe(fee, price / 10, "fee never above 10%");
        vm.assertEq(usdt.balanceOf(payer), 0, "buyer paid exactly the price");
        vm.assertEq(usdt.allowance(payer, address(market)), 0, "allowance used exactly");
        if (resale) {
            vm.assertEq(usdt.balanceOf(seller) - sellerBefore, price - fee, "seller got price - fee");
            vm.assertEq(usdt.balanceOf(address(market)), fee, "market holds the fee");
        } else {
            vm.assertEq(usdt.balanceOf(address(escrow)) - sellerBefore, price, "escrow got the price");
            vm.assertEq(escrow.tokenEscrow(tokenId).amount, price - fee, "price - fee credited to the token");
            vm.assertEq(market.escrowedFees(), fee, "the fee waits in the escrow");
        }
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
        if (!resale) vm.assertEq(usdt.balanceOf(address(escrow)) - sellerBefore, price - fee, "escrow keeps the rest");
    }

    /// @dev A primary sale whose proceeds do not fit the escrow stream's 78 bits is refused in words and moves
    /// nothing; a resale at that price is fine (no stream).
    function testFuzz_RevertWhen_PrimaryProceedsTooLarge(uint256 price) public {
        uint256 max = escrow.MAX_STREAM_AMOUNT();
        price = bound(price, max * 10_000 / (10_000 - market.issuanceFeeBps()) + 1, type(uint96).max);
        uint256 tokenId = _list(1, price);
        usdt.mint(payer, price);
        vm.prank(payer);
        usdt.approve(address(market), price);
        uint256 proceeds = price - price * market.issuanceFeeBps() / 10_000;
        vm.expectRevert(abi.encodeWithSelector(RevenueEscrow.RevenueEscrowAmountTooLarge.selector, proceeds, max));
        vm.prank(payer);
        market.buy(tokenId, price, 0);
        vm.assertEq(usdt.balanceOf(payer), price, "nothing paid");
        vm.assertEq(nft.ownerOf(tokenId), miner, "nothing sold");
    }

    /// @dev Fees of many sales of both kinds accumulate exactly in one pot and are withdrawn in one go: each token
    /// is sold by the miner to buyer2 (primary) and then resold by buyer2 to buyer (resale).
    function testFuzz_FeesAccumulateAcrossSales(
        uint256[4] memory primaryPrices,
        uint256[4] memory resalePrices,
        uint256 tradingBps,
        uint256 issuanceBps
    ) public {
        tradingBps = bound(tradingBps, 0, market.MAX_FEE_BPS());
        issuanceBps = bound(issuanceBps, 0, market.MAX_FEE_BPS());
        vm.startPrank(admin);
        market.setFeeBps(tradingBps);
        market.setIssuanceFeeBps(issuanceBps);
        vm.stopPrank();
        vm.prank(buyer2);
        nft.setApprovalForAll(address(market), true);

        uint256 supply = usdt.totalSupply();
        uint256 funds = usdt.balanceOf(buyer); // buyer and buyer2 both start with it
        uint256 primaryFees;
        uint256 resaleFees;
        uint256 primaryPaid;
        uint256 resalePaid;
        for (uint256 i; i < primaryPrices.length; ++i) {
            uint256 p = bound(primaryPrices[i], 1, 2e11); // four purchases each stay within 1e12
            uint256 r = bound(resalePrices[i], 1, 2e11);
            uint256 tokenId = _list(i + 1, p);
            vm.prank(buyer2);
            market.buy(tokenId, p, 0);
            vm.prank(buyer2);
            market.list(tokenId, r);
            vm.prank(buyer);
            market.buy(tokenId, r, 0);
            primaryFees += p * issuanceBps / 10_000;
            resaleFees += r * tradingBps / 10_000;
            primaryPaid += p;
            resalePaid += r;
        }
        uint256 expected = primaryFees + resaleFees;
        vm.assertEq(market.accruedFees(), expected, "sum of fees");
        vm.assertEq(usdt.balanceOf(address(market)), resaleFees, "held here == resale fees");
        vm.assertEq(market.escrowedFees(), primaryFees, "issuance fees wait in the escrow");
        vm.assertEq(usdt.balanceOf(address(escrow)), primaryPaid, "escrow got the primary sales");
        vm.assertEq(escrow.productState(productId).credited, primaryPaid - primaryFees, "all of it credited");
        vm.assertEq(usdt.balanceOf(buyer), funds - resalePaid, "end buyer paid the resale prices");
        vm.assertEq(
            usdt.balanceOf(buyer2), funds - primaryPaid + resalePaid - resaleFees, "reseller: paid, then got minus fee"
        );
        vm.assertEq(usdt.totalSupply(), supply, "no value created");
        if (expected > 0) {
            market.withdrawFees();
            vm.assertEq(usdt.balanceOf(treasury), expected, "all withdrawn");
            vm.assertEq(usdt.balanceOf(address(escrow)), primaryPaid - primaryFees, "the escrow keeps the proceeds");
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
        price = bound(price, 1, escrow.MAX_STREAM_AMOUNT()); // primary: 78-bit proceeds
        maxPrice = bound(maxPrice, 0, price - 1);
        uint256 tokenId = _list(1, price);
        usdt.mint(payer, price);
        vm.prank(payer);
        usdt.approve(address(market), type(uint256).max);

        vm.prank(payer);
        vm.expectRevert(
            abi.encodeWithSelector(Marketplace.MarketplacePriceAboveMaximum.selector, tokenId, price, maxPrice)
        );
        market.buy(tokenId, maxPrice, 0);
        vm.assertEq(usdt.balanceOf(payer), price, "buyer charged nothing");
        vm.assertEq(nft.ownerOf(tokenId), miner, "NFT not moved");
        vm.assertEq(market.listing(tokenId).seller, miner, "still listed");
    }

    function testFuzz_BuyWhenMaxPriceAtOrAbovePrice(uint256 price, uint256 maxPrice) public {
        price = bound(price, 1, escrow.MAX_STREAM_AMOUNT()); // primary: 78-bit proceeds
        maxPrice = bound(maxPrice, price, type(uint256).max);
        uint256 tokenId = _list(1, price);
        usdt.mint(payer, price);
        vm.prank(payer);
        usdt.approve(address(market), type(uint256).max);

        vm.prank(payer);
        market.buy(tokenId, maxPrice, 0);
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
            market.buy(tokenId, oldPrice, 0);
            vm.assertEq(usdt.balanceOf(buyer), before, "nothing paid");
            vm.assertEq(nft.ownerOf(tokenId), miner, "not sold");
        } else {
            market.buy(tokenId, oldPrice, 0);
            vm.assertEq(before - usdt.balanceOf(buyer), newPrice, "paid the new price");
            vm.assertEq(nft.ownerOf(tokenId), buyer, "sold");
        }
    }

    // ================================================================ listBatch

    function testFuzz_ListBatchListsEveryTokenAtPrice(uint256 n, uint256 price) public {
        n = bound(n, 1, 100);
        price = bound(price, 1, escrow.MAX_STREAM_AMOUNT()); // primary: 78-bit proceeds
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
        price = bound(price, 1, escrow.MAX_STREAM_AMOUNT()); // primary: 78-bit proceeds
        uint256[] memory ids = _ids(n);
        _handOver(ids[bad], buyer2);

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
        price = bound(price, 1, escrow.MAX_STREAM_AMOUNT()); // primary: 78-bit proceeds
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

    /// @dev Moves token `serial` from the miner to `holder` outside the market; the holder lists it: a resale.
    function _listByHolder(uint256 serial, uint256 price) internal returns (uint256 tokenId, address seller) {
        tokenId = _token(serial);
        seller = holder;
        _handOver(tokenId, holder);
        vm.startPrank(holder);
        nft.setApprovalForAll(address(market), true);
        market.list(tokenId, price);
        vm.stopPrank();
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
