// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {MarketFixture} from "./utils/MarketFixture.sol";
import {HashrateNFT} from "../src/HashrateNFT.sol";
import {Marketplace} from "../src/Marketplace.sol";
import {RevenueEscrow} from "../src/RevenueEscrow.sol";
import {FeeOnTransferToken} from "./mocks/FeeOnTransferToken.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

/// @notice Mint on purchase: the issuer puts a product's unminted NFTs on sale on the Marketplace in one call
/// (HashrateNFT `listUnminted`), and each buyer of `buyProduct` gets the next one minted to it, already sold, with
/// the whole price in the escrow (the proceeds credited to the new token, the issuance fee waiting there).
contract MarketplaceUnmintedTest is MarketFixture {
    uint256 internal sale; // a product of 5 NFTs, all on sale unminted
    uint256 internal constant FEE = PRICE * ISSUANCE_FEE_BPS / 10_000;

    function setUp() public override {
        super.setUp();
        sale = _newProductOnSale(5, PRICE);
    }

    function _newProductOnSale(uint32 count, uint256 price) internal returns (uint256 id) {
        vm.startPrank(admin);
        id = nft.createProduct(_params(miner, count));
        nft.listUnminted(id, price);
        vm.stopPrank();
    }

    function _id(uint256 product, uint256 serial) internal pure returns (uint256) {
        return product * 1_000_000 + serial;
    }

    // ================================================================ listing

    function test_ListUnminted_IssuesTheWholeProductAndListsIt() public {
        vm.startPrank(admin);
        uint256 id = nft.createProduct(_params(miner, 100));
        nft.mint(id, 3); // a product may be partly minted first: the rest goes on sale unminted
        vm.expectEmit(address(nft));
        emit HashrateNFT.ProductListedUnminted(id, _id(id, 4), 97);
        vm.expectEmit(address(market));
        emit Marketplace.ProductListed(id, miner, _id(id, 4), 97, PRICE);
        (uint256 first, uint256 quantity) = nft.listUnminted(id, PRICE);
        vm.stopPrank();
        vm.assertEq(first, _id(id, 4), "first id on sale");
        vm.assertEq(quantity, 97, "the rest of the product");
        HashrateNFT.Product memory p = nft.product(id);
        vm.assertEq(p.minted, 100, "the product counts as fully issued");
        vm.assertEq(p.saleFrom, 4, "serials from 4 exist once bought");
        vm.assertEq(p.mintedOutAt, block.timestamp, "issued now: yield deposits and the default window start");
        vm.assertEq(nft.balanceOf(miner), 100 + 3, "nothing minted to the miner");
        Marketplace.ProductSale memory s = market.productSale(id);
        vm.assertEq(s.price, PRICE, "price");
        vm.assertEq(s.next, 4, "next serial");
        vm.assertEq(s.last, 100, "last serial");
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, _id(id, 4)));
        nft.ownerOf(_id(id, 4));
    }

    function test_RevertWhen_ListUnmintedNothingLeftOrNotIssuer() public {
        // the fixture's product is fully minted
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTInvalidQuantity.selector, productId, 0, 0));
        vm.prank(admin);
        nft.listUnminted(productId, PRICE);
        // a product already on sale unminted has nothing left either: minting it is refused too
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTInvalidQuantity.selector, sale, 0, 0));
        vm.prank(admin);
        nft.listUnminted(sale, PRICE);
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTInvalidQuantity.selector, sale, 1, 0));
        vm.prank(admin);
        nft.mint(sale, 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, miner, nft.ISSUER_ROLE()
            )
        );
        vm.prank(miner);
        nft.listUnminted(sale, PRICE);
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTUnknownProduct.selector, 99));
        vm.prank(admin);
        nft.listUnminted(99, PRICE);
    }

    function test_RevertWhen_ListProductNotNftOrBadPrice() public {
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceNotNft.selector, miner));
        vm.prank(miner);
        market.listProduct(sale, miner, _id(sale, 1), 5, 1);
        vm.startPrank(admin);
        uint256 id = nft.createProduct(_params(miner, 2));
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceInvalidPrice.selector, 0));
        nft.listUnminted(id, 0); // nothing is half-applied: the product stays unissued
        vm.stopPrank();
        vm.assertEq(nft.product(id).minted, 0, "still unissued");
    }

    // ================================================================ buying

    function test_BuyProduct_MintsTheNextNftSoldWithItsMoneyInTheEscrow() public {
        uint256 buyerBefore = usdt.balanceOf(buyer);
        vm.expectEmit(address(nft));
        emit IERC721.Transfer(address(0), buyer, _id(sale, 1));
        vm.expectEmit(address(market));
        emit Marketplace.Sold(_id(sale, 1), miner, buyer, PRICE, FEE);
        vm.prank(buyer);
        uint256 a = market.buyProduct(sale, PRICE);
        vm.prank(buyer2);
        uint256 b = market.buyProduct(sale, PRICE);

        vm.assertEq(a, _id(sale, 1), "first buyer gets serial 1");
        vm.assertEq(b, _id(sale, 2), "the next buyer serial 2");
        vm.assertEq(nft.ownerOf(a), buyer, "minted to its buyer");
        vm.assertEq(nft.ownerOf(b), buyer2, "minted to its buyer");
        vm.assertTrue(nft.isSold(a) && nft.isSold(b), "sold from birth");
        vm.assertEq(buyerBefore - usdt.balanceOf(buyer), PRICE, "the buyer paid the price");
        vm.assertEq(usdt.balanceOf(address(escrow)), 2 * PRICE, "all of it in the escrow");
        vm.assertEq(escrow.tokenEscrow(a).amount, PRICE - FEE, "the proceeds credited to the new token");
        vm.assertEq(escrow.productState(sale).credited, 2 * (PRICE - FEE), "and to its product");
        vm.assertEq(market.productSale(sale).fees, 2 * FEE, "the fees wait with the product's sale");
        vm.assertEq(market.productSale(sale).next, 3, "next serial");
        vm.assertEq(nft.claimNonce(a), 0, "a new NFT: nothing was taken out of it");
        // a sold NFT moves freely, like any other sold one
        vm.prank(buyer);
        nft.transferFrom(buyer, buyer2, a);
        vm.assertEq(nft.ownerOf(a), buyer2, "moved");
    }

    function test_BuyProduct_SoldOutAfterTheLast() public {
        for (uint256 i; i < 5; ++i) {
            vm.prank(buyer);
            market.buyProduct(sale, PRICE);
        }
        vm.assertEq(nft.balanceOf(buyer), 5, "all five");
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceProductSoldOut.selector, sale));
        vm.prank(buyer);
        market.buyProduct(sale, PRICE);
    }

    function test_RevertWhen_BuyProductAboveMaxOrNotListedOrByItsMiner() public {
        vm.expectRevert(
            abi.encodeWithSelector(Marketplace.MarketplacePriceAboveMaximum.selector, _id(sale, 1), PRICE, PRICE - 1)
        );
        vm.prank(buyer);
        market.buyProduct(sale, PRICE - 1);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceProductNotListed.selector, productId));
        vm.prank(buyer);
        market.buyProduct(productId, PRICE);

        usdt.mint(miner, PRICE);
        vm.prank(miner);
        usdt.approve(address(market), PRICE);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceBuyerIsSeller.selector, _id(sale, 1)));
        vm.prank(miner);
        market.buyProduct(sale, PRICE);
        vm.assertEq(usdt.balanceOf(miner), PRICE, "nothing charged");
        vm.assertEq(market.productSale(sale).next, 1, "nothing sold");
    }

    function test_SetPriceAndCancel_OnlyTheMiner() public {
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceNotProductMiner.selector, sale, buyer, miner));
        vm.prank(buyer);
        market.setProductPrice(sale, 1);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceNotProductMiner.selector, sale, buyer, miner));
        vm.prank(buyer);
        market.cancelProduct(sale);

        vm.expectEmit(address(market));
        emit Marketplace.ProductPriceUpdated(sale, miner, PRICE, 2 * PRICE);
        vm.prank(miner);
        market.setProductPrice(sale, 2 * PRICE);
        vm.expectRevert(
            abi.encodeWithSelector(
                Marketplace.MarketplacePriceAboveMaximum.selector, _id(sale, 1), 2 * PRICE, PRICE
            )
        );
        vm.prank(buyer);
        market.buyProduct(sale, PRICE); // a buyer's maximum protects it from a raise in front of it

        vm.prank(miner);
        market.cancelProduct(sale);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceProductNotListed.selector, sale));
        vm.prank(buyer);
        market.buyProduct(sale, 2 * PRICE);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceProductNotListed.selector, sale));
        vm.prank(miner);
        market.cancelProduct(sale);

        vm.prank(miner);
        market.setProductPrice(sale, PRICE); // back on sale
        vm.prank(buyer);
        vm.assertEq(market.buyProduct(sale, PRICE), _id(sale, 1), "sells again from where it stopped");
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceProductNotListed.selector, productId));
        vm.prank(miner);
        market.setProductPrice(productId, PRICE); // never put on sale unminted
    }

    // ================================================================ the NFT's own guard

    function test_RevertWhen_MintFirstSaleNotChannelOrOutsideTheRange() public {
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTNotSaleChannel.selector, miner));
        vm.prank(miner);
        nft.mintFirstSale(buyer, _id(sale, 1), escrow, 1);

        vm.startPrank(address(market));
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTNotForSale.selector, _id(sale, 6)));
        nft.mintFirstSale(buyer, _id(sale, 6), escrow, 1); // beyond the product
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTNotForSale.selector, _id(sale, 0)));
        nft.mintFirstSale(buyer, _id(sale, 0), escrow, 1); // serial 0 does not exist
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTNotForSale.selector, _id(productId, 1)));
        nft.mintFirstSale(buyer, _id(productId, 1), escrow, 1); // a product minted the usual way
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InvalidReceiver.selector, address(0)));
        nft.mintFirstSale(address(0), _id(sale, 1), escrow, 1);
        vm.stopPrank();

        vm.prank(buyer);
        uint256 a = market.buyProduct(sale, PRICE);
        usdt.mint(address(escrow), 1);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InvalidSender.selector, address(0)));
        vm.prank(address(market));
        nft.mintFirstSale(buyer2, a, escrow, 1); // minted once: its first sale cannot happen twice
    }

    // ================================================================ fees

    function test_CollectProductFees_ThenWithdrawPaysTheTreasury() public {
        vm.prank(buyer);
        market.buyProduct(sale, PRICE);
        vm.prank(buyer2);
        market.buyProduct(sale, PRICE);
        vm.assertEq(market.accruedFees(), 0, "not booked yet");
        uint256[] memory ids = new uint256[](2);
        ids[0] = sale;
        ids[1] = productId; // no fees there: skipped
        vm.expectEmit(address(market));
        emit Marketplace.ProductFeesCollected(sale, 2 * FEE);
        market.collectProductFees(ids);
        vm.assertEq(market.productSale(sale).fees, 0, "moved out of the sale");
        vm.assertEq(market.escrowedFees(), 2 * FEE, "booked with the escrowed fees");
        market.collectProductFees(ids); // a second call finds nothing
        vm.assertEq(market.escrowedFees(), 2 * FEE, "booked once");

        market.withdrawFees();
        vm.assertEq(usdt.balanceOf(treasury), 2 * FEE, "the treasury got the fees");
        vm.assertEq(usdt.balanceOf(address(escrow)), 2 * (PRICE - FEE), "the escrow keeps exactly the proceeds");
    }

    // ================================================================ payment token

    /// @dev A fee-on-transfer payment token would leave the escrow short of what it credits: refused.
    function test_Attack_FeeOnTransferTokenRefused() public {
        FeeOnTransferToken f = new FeeOnTransferToken(6, 100); // 1%
        (Marketplace m, RevenueEscrow e) = _newMarket(IERC20(address(f)), FEE_BPS, ISSUANCE_FEE_BPS);
        vm.startPrank(admin);
        uint256 id = nft.createProduct(_params(miner, 2));
        nft.listUnminted(id, PRICE);
        vm.stopPrank();
        f.mint(buyer, PRICE);
        vm.prank(buyer);
        f.approve(address(m), PRICE);
        vm.expectRevert(
            abi.encodeWithSelector(Marketplace.MarketplaceTransferShort.selector, PRICE, PRICE - PRICE / 100)
        );
        vm.prank(buyer);
        m.buyProduct(id, PRICE);
        vm.assertEq(f.balanceOf(address(e)), 0, "nothing credited");
    }

    // ================================================================ fuzz

    /// @dev Any number of purchases at any price: each NFT is minted once, to its buyer, its proceeds credited
    /// once, and the escrow holds exactly every price paid (proceeds plus the fees waiting in the sale).
    function testFuzz_BuyProduct_MoneyConserved(uint8 count, uint8 bought, uint96 price) public {
        count = uint8(bound(count, 1, 40));
        bought = uint8(bound(bought, 0, count));
        price = uint96(bound(price, 1, 1_000e6));
        uint256 id = _newProductOnSale(count, price);
        uint256 before = usdt.balanceOf(address(escrow));
        uint256 fee = uint256(price) * ISSUANCE_FEE_BPS / 10_000;
        for (uint256 i; i < bought; ++i) {
            address who = i % 2 == 0 ? buyer : buyer2;
            vm.prank(who);
            uint256 tokenId = market.buyProduct(id, price);
            vm.assertEq(tokenId, _id(id, i + 1), "sequential ids");
            vm.assertEq(nft.ownerOf(tokenId), who, "to its buyer");
            vm.assertEq(escrow.tokenEscrow(tokenId).amount, price - fee, "credited once, with the proceeds");
        }
        vm.assertEq(usdt.balanceOf(address(escrow)) - before, uint256(bought) * price, "every price in the escrow");
        vm.assertEq(
            escrow.productState(id).credited + market.productSale(id).fees,
            uint256(bought) * price,
            "proceeds credited plus fees waiting = paid"
        );
        if (bought < count) {
            vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, _id(id, bought + 1)));
            nft.ownerOf(_id(id, bought + 1));
        }
    }
}
