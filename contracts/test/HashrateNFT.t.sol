// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {MarketFixture} from "./utils/MarketFixture.sol";
import {HashrateNFT} from "../src/HashrateNFT.sol";
import {IERC4906} from "@openzeppelin/contracts/interfaces/IERC4906.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

/// @notice Unit and fuzz tests of HashrateNFT: product validation, minting, metadata, roles and ERC-165.
/// The fixture already created product 1 (100 NFTs, all minted to `miner`); `admin` holds ISSUER_ROLE.
contract HashrateNFTTest is MarketFixture {
    address internal miner2 = address(0x222);
    address internal stranger = address(0x5757);

    uint256 internal constant TPP = 1_000_000; // TOKENS_PER_PRODUCT

    // ------------------------------------------------------------ createProduct: reverts

    function test_RevertWhen_ConstructorAdminIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTInvalidAdmin.selector));
        new HashrateNFT(address(0), "http://localhost:3000/api/nft/");
    }

    function test_RevertWhen_CreateProductMinerIsZero() public {
        HashrateNFT.ProductParams memory p = _params(address(0), 10);
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTInvalidMiner.selector));
        nft.createProduct(p);
    }

    function test_RevertWhen_CreateProductNodeIdEmpty() public {
        HashrateNFT.ProductParams memory p = _params(miner2, 10);
        p.nodeId = "";
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTInvalidNodeId.selector, 0, 64));
        nft.createProduct(p);
    }

    function test_RevertWhen_CreateProductNodeIdTooLong() public {
        HashrateNFT.ProductParams memory p = _params(miner2, 10);
        p.nodeId = _repeat("f", 65);
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTInvalidNodeId.selector, 65, 64));
        nft.createProduct(p);
    }

    function test_CreateProduct_AcceptsNodeIdOfMaxLength() public {
        HashrateNFT.ProductParams memory p = _params(miner2, 10);
        p.nodeId = _repeat("f", 64);
        vm.prank(admin);
        uint256 id = nft.createProduct(p);
        vm.assertEq(nft.product(id).nodeId, p.nodeId, "64-char node id stored");
    }

    function test_RevertWhen_CreateProductHashrateIsZero() public {
        HashrateNFT.ProductParams memory p = _params(miner2, 10);
        p.hashratePerNFT = 0;
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTInvalidHashrate.selector));
        nft.createProduct(p);
    }

    function test_RevertWhen_CreateProductNftCountIsZero() public {
        HashrateNFT.ProductParams memory p = _params(miner2, 0);
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTInvalidNftCount.selector, 0, TPP - 1));
        nft.createProduct(p);
    }

    function test_RevertWhen_CreateProductNftCountReachesTokensPerProduct() public {
        HashrateNFT.ProductParams memory p = _params(miner2, uint32(TPP));
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTInvalidNftCount.selector, TPP, TPP - 1));
        nft.createProduct(p);
    }

    function test_CreateProduct_AcceptsLargestNftCount() public {
        vm.prank(admin);
        uint256 id = nft.createProduct(_params(miner2, uint32(TPP - 1)));
        vm.assertEq(nft.product(id).nftCount, TPP - 1, "999,999 NFTs allowed");
    }

    function test_RevertWhen_CreateProductTermEndBeforeStart() public {
        HashrateNFT.ProductParams memory p = _params(miner2, 10);
        p.termEnd = p.termStart - 1 days;
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTInvalidTerm.selector, p.termStart, p.termEnd));
        nft.createProduct(p);
    }

    function test_RevertWhen_CreateProductTermEndEqualsStart() public {
        HashrateNFT.ProductParams memory p = _params(miner2, 10);
        p.termEnd = p.termStart;
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTInvalidTerm.selector, p.termStart, p.termEnd));
        nft.createProduct(p);
    }

    function test_RevertWhen_CreateProductTermNotWholeDays() public {
        HashrateNFT.ProductParams memory p = _params(miner2, 10);
        p.termEnd = p.termStart + 540 days + 1;
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTInvalidTerm.selector, p.termStart, p.termEnd));
        nft.createProduct(p);
    }

    function test_RevertWhen_CreateProductTermAboveMax() public {
        HashrateNFT.ProductParams memory p = _params(miner2, 10);
        p.termEnd = uint64(p.termStart + nft.MAX_TERM() + 1 days);
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTInvalidTerm.selector, p.termStart, p.termEnd));
        nft.createProduct(p);
    }

    function test_CreateProduct_AcceptsMaxTerm() public {
        HashrateNFT.ProductParams memory p = _params(miner2, 10);
        p.termEnd = uint64(p.termStart + nft.MAX_TERM());
        vm.prank(admin);
        uint256 id = nft.createProduct(p);
        vm.assertEq(nft.product(id).termEnd - nft.product(id).termStart, 1825 days, "five-year term allowed");
    }

    function test_RevertWhen_CreateProductCallerNotIssuer() public {
        HashrateNFT.ProductParams memory p = _params(miner2, 10);
        bytes32 issuerRole = nft.ISSUER_ROLE();
        vm.prank(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, issuerRole)
        );
        nft.createProduct(p);
    }

    /// @dev DEFAULT_ADMIN_ROLE alone is not enough: creating products needs ISSUER_ROLE.
    function test_RevertWhen_CreateProductCallerIsAdminWithoutIssuerRole() public {
        HashrateNFT fresh = new HashrateNFT(admin, "ipfs://x/");
        HashrateNFT.ProductParams memory p = _params(miner2, 10);
        bytes32 issuerRole = fresh.ISSUER_ROLE();
        vm.prank(admin);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, admin, issuerRole)
        );
        fresh.createProduct(p);
    }

    // ------------------------------------------------------------ createProduct: happy path

    function test_CreateProduct_StoresEveryField() public {
        HashrateNFT.ProductParams memory p = HashrateNFT.ProductParams({
            miner: miner2,
            coin: HashrateNFT.Coin.BTC,
            nodeId: "bc1-node-7",
            hashratePerNFT: 250_000, // 250 TH/s
            nftCount: 42,
            termStart: uint64(block.timestamp + 7 days),
            termEnd: uint64(block.timestamp + 7 days + 365 days),
            expectedDailyYieldPerUnit: 123_456
        });
        vm.prank(admin);
        uint256 id = nft.createProduct(p);

        HashrateNFT.Product memory stored = nft.product(id);
        vm.assertEq(stored.miner, miner2, "miner");
        vm.assertTrue(stored.coin == HashrateNFT.Coin.BTC, "coin");
        vm.assertEq(stored.nodeId, "bc1-node-7", "nodeId");
        vm.assertEq(stored.hashratePerNFT, 250_000, "hashratePerNFT");
        vm.assertEq(stored.nftCount, 42, "nftCount");
        vm.assertEq(stored.minted, 0, "nothing minted yet");
        vm.assertEq(stored.termStart, p.termStart, "termStart");
        vm.assertEq(stored.termEnd, p.termEnd, "termEnd");
        vm.assertEq(stored.expectedDailyYieldPerUnit, 123_456, "expectedDailyYieldPerUnit");
    }

    function test_CreateProduct_IdsStartAtOneAndIncrement() public {
        vm.assertEq(productId, 1, "fixture product is id 1");
        vm.assertEq(nft.productCount(), 1, "one product so far");
        vm.startPrank(admin);
        uint256 second = nft.createProduct(_params(miner2, 5));
        uint256 third = nft.createProduct(_params(miner, 5));
        vm.stopPrank();
        vm.assertEq(second, 2, "second id");
        vm.assertEq(third, 3, "third id");
        vm.assertEq(nft.productCount(), 3, "productCount");
    }

    function test_CreateProduct_EmitsProductCreated() public {
        HashrateNFT.ProductParams memory p = _params(miner2, 7);
        vm.expectEmit(true, true, true, true, address(nft));
        emit HashrateNFT.ProductCreated(
            2, miner2, HashrateNFT.Coin.FIL, "f01234", 1000, 7, p.termStart, p.termEnd, p.expectedDailyYieldPerUnit
        );
        vm.prank(admin);
        nft.createProduct(p);
    }

    function test_RevertWhen_ProductIsUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTUnknownProduct.selector, 0));
        nft.product(0);
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTUnknownProduct.selector, 2));
        nft.product(2);
    }

    // ------------------------------------------------------------ mint: reverts

    function test_RevertWhen_MintUnknownProduct() public {
        vm.startPrank(admin);
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTUnknownProduct.selector, 0));
        nft.mint(0, 1);
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTUnknownProduct.selector, 99));
        nft.mint(99, 1);
        vm.stopPrank();
    }

    function test_RevertWhen_MintZeroQuantity() public {
        uint256 id = _createProduct(miner2, 10);
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTInvalidQuantity.selector, id, 0, 10));
        nft.mint(id, 0);
    }

    function test_RevertWhen_MintExceedsNftCount() public {
        uint256 id = _createProduct(miner2, 10);
        vm.startPrank(admin);
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTInvalidQuantity.selector, id, 11, 10));
        nft.mint(id, 11);

        nft.mint(id, 4);
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTInvalidQuantity.selector, id, 7, 6));
        nft.mint(id, 7);
        vm.stopPrank();
        vm.assertEq(nft.product(id).minted, 4, "failed mints changed nothing");
        vm.assertEq(nft.balanceOf(miner2), 4, "only the first batch exists");
    }

    function test_RevertWhen_MintFullyMintedProduct() public {
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTInvalidQuantity.selector, productId, 1, 0));
        nft.mint(productId, 1);
    }

    function test_RevertWhen_MintCallerNotIssuer() public {
        uint256 id = _createProduct(miner2, 10);
        bytes32 issuerRole = nft.ISSUER_ROLE();
        vm.prank(miner2);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, miner2, issuerRole)
        );
        nft.mint(id, 1);
        vm.assertEq(nft.balanceOf(miner2), 0, "nothing minted");
    }

    function test_Mint_IssuerRoleGrantedLaterCanMint() public {
        uint256 id = _createProduct(miner2, 10);
        bytes32 issuerRole = nft.ISSUER_ROLE();
        vm.prank(admin);
        nft.grantRole(issuerRole, stranger);
        vm.prank(stranger);
        uint256 first = nft.mint(id, 2);
        vm.assertEq(nft.ownerOf(first + 1), miner2, "new issuer minted");

        vm.prank(admin);
        nft.revokeRole(issuerRole, stranger);
        vm.prank(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, issuerRole)
        );
        nft.mint(id, 1);
    }

    // ------------------------------------------------------------ mint: happy path

    function test_Mint_IdsConsecutiveInProductRangeAndMintedToMiner() public {
        uint256 id = _createProduct(miner2, 10);
        vm.startPrank(admin);
        uint256 first = nft.mint(id, 3);
        uint256 next = nft.mint(id, 7);
        vm.stopPrank();

        vm.assertEq(first, id * TPP + 1, "first serial is 1");
        vm.assertEq(next, id * TPP + 4, "second batch continues");
        for (uint256 serial = 1; serial <= 10; ++serial) {
            uint256 tokenId = id * TPP + serial;
            vm.assertEq(nft.ownerOf(tokenId), miner2, "minted to the product's miner");
            vm.assertEq(nft.productIdOf(tokenId), id, "productIdOf");
        }
        vm.assertEq(nft.balanceOf(miner2), 10, "miner balance");
        vm.assertEq(nft.product(id).minted, 10, "minted counter");
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, id * TPP + 11));
        nft.ownerOf(id * TPP + 11);
    }

    function test_Mint_FixtureProductTokens() public view {
        vm.assertEq(nft.balanceOf(miner), 100, "fixture minted 100");
        vm.assertEq(nft.ownerOf(TPP + 1), miner, "first");
        vm.assertEq(nft.ownerOf(TPP + 100), miner, "last");
        vm.assertEq(nft.product(productId).minted, 100, "minted");
    }

    function test_Mint_EmitsTransferPerTokenAndProductMinted() public {
        uint256 id = _createProduct(miner2, 10);
        uint256 first = id * TPP + 1;
        vm.expectEmit(true, true, true, true, address(nft));
        emit IERC721.Transfer(address(0), miner2, first);
        vm.expectEmit(true, true, true, true, address(nft));
        emit IERC721.Transfer(address(0), miner2, first + 1);
        vm.expectEmit(true, true, true, true, address(nft));
        emit HashrateNFT.ProductMinted(id, first, 2);
        vm.prank(admin);
        nft.mint(id, 2);
    }

    function test_ProductIdOf_IsPureArithmetic() public view {
        vm.assertEq(nft.productIdOf(0), 0, "0");
        vm.assertEq(nft.productIdOf(999_999), 0, "below product 1");
        vm.assertEq(nft.productIdOf(1_000_001), 1, "first of product 1");
        vm.assertEq(nft.productIdOf(1_999_999), 1, "last possible of product 1");
        vm.assertEq(nft.productIdOf(2_000_000), 2, "serial 0 of product 2");
    }

    // ------------------------------------------------------------ minerOf

    function test_MinerOf_ReturnsTheProductsMiner() public {
        uint256 id = _createProduct(miner2, 3);
        vm.prank(admin);
        uint256 first = nft.mint(id, 1);
        vm.assertEq(nft.minerOf(_token(1)), miner, "product 1");
        vm.assertEq(nft.minerOf(_token(100)), miner, "last of product 1");
        vm.assertEq(nft.minerOf(first), miner2, "product 2");
        // Like productIdOf it does not check the token exists: an unminted serial of a known product answers.
        vm.assertEq(nft.minerOf(id * TPP + 3), miner2, "unminted serial of product 2");
    }

    /// @dev The miner is the product's, not the holder: it does not change when the NFT is sold or moved.
    function test_MinerOf_IgnoresTransfers() public {
        uint256 tokenId = _token(1);
        _handOver(tokenId, stranger);
        vm.assertEq(nft.minerOf(tokenId), miner, "still the product's miner");
    }

    // ================================================================ the never-sold mark

    function test_Unsold_FromMintUntilTheFirstSale() public {
        uint256 t = _token(1);
        vm.assertFalse(nft.isSold(t), "minted unsold");
        vm.assertFalse(nft.isSold(_token(100)), "the last one too");
        vm.assertFalse(nft.isSold(_token(101)), "not minted: not sold");
        _list(1, 1e6);
        usdt.mint(buyer, 1e6);
        vm.expectEmit(true, true, true, true, address(nft));
        emit HashrateNFT.FirstSale(t, buyer);
        vm.prank(buyer);
        market.buy(t, 1e6, 0);
        vm.assertTrue(nft.isSold(t), "sold");
        vm.assertFalse(nft.isSold(_token(2)), "its neighbour is not");
        vm.prank(buyer);
        nft.transferFrom(buyer, stranger, t); // a sold NFT moves freely
        vm.assertEq(nft.ownerOf(t), stranger, "moved");
    }

    /// @dev ATTACK: the sale channel itself cannot hand a never-sold NFT to a buyer without the escrow: a plain
    /// transfer that would be a first sale reverts, and `transferFromFirstSale` refuses moves that are not first
    /// sales (into the channel, back to the miner, a sold NFT) and calls from anyone but the channel.
    function test_RevertWhen_FirstSaleWithoutTheEscrow() public {
        uint256 t = _token(1);
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTFirstSaleOutsideEscrow.selector, t));
        vm.prank(address(market));
        nft.transferFrom(miner, buyer, t);
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTNotFirstSale.selector, t));
        vm.prank(address(market));
        nft.transferFromFirstSale(miner, address(market), t, escrow, 1);
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTNotSaleChannel.selector, miner));
        vm.prank(miner);
        nft.transferFromFirstSale(miner, buyer, t, escrow, 1);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721IncorrectOwner.selector, buyer, t, miner));
        vm.prank(address(market));
        nft.transferFromFirstSale(buyer, stranger, t, escrow, 1);
        vm.assertFalse(nft.isSold(t), "still unsold");
        (, uint256 word) = nft.escrowDataOf(t);
        vm.assertEq(word, 0, "no stream");
    }

    /// @dev The escrow stream stays with the NFT through resales (it lives in the ownership word), and a
    /// single-token approval does not survive a transfer.
    function test_EscrowStreamMovesWithTheToken() public {
        uint256 t = _token(1);
        _list(1, 1e6);
        usdt.mint(buyer, 1e6);
        vm.prank(buyer);
        market.buy(t, 1e6, 0);
        (, uint256 word) = nft.escrowDataOf(t);
        vm.assertTrue(word != 0, "stream stored at the first sale");
        vm.startPrank(buyer);
        nft.approve(miner2, t);
        nft.transferFrom(buyer, stranger, t);
        vm.stopPrank();
        (address owner, uint256 after_) = nft.escrowDataOf(t);
        vm.assertEq(owner, stranger, "new owner");
        vm.assertEq(after_, word, "same stream");
        vm.assertEq(nft.getApproved(t), address(0), "approval cleared");
        vm.assertEq(escrow.tokenEscrow(t).amount, 1e6 - 1e6 * 500 / 10_000, "the escrow reads it");
    }

    /// @dev Into an auction and back (cancelled, or no bid) an NFT stays unsold; won, it is sold.
    function test_Unsold_AuctionRoundTripsKeepTheMark() public {
        uint256 t = _token(1);
        vm.prank(miner);
        market.createAuction(t, 1e6, 1 days, 100);
        vm.assertEq(nft.ownerOf(t), address(market), "custodied");
        vm.assertFalse(nft.isSold(t), "still unsold under auction");
        vm.prank(miner);
        market.cancelAuction(t);
        vm.assertFalse(nft.isSold(t), "back with the miner, unsold");
        vm.prank(miner);
        market.createAuction(t, 1e6, 1 days, 100);
        vm.warp(block.timestamp + 1 days);
        market.settle(t); // no bid: back to the miner
        vm.assertFalse(nft.isSold(t), "no bid: unsold");
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTUnsoldTransfer.selector, t, miner));
        vm.prank(miner);
        nft.transferFrom(miner, stranger, t);
    }

    /// @dev Mints set the mark in bulk across storage words (serials 1..600 span three 256-bit words).
    function test_Unsold_MarkSpansWords() public {
        vm.startPrank(admin);
        uint256 big = nft.createProduct(_params(miner, 600));
        nft.mint(big, 255);
        nft.mint(big, 345);
        vm.stopPrank();
        for (uint256 s = 1; s <= 600; s += 37) {
            vm.assertFalse(nft.isSold(big * 1_000_000 + s), "unsold");
        }
        vm.assertFalse(nft.isSold(big * 1_000_000 + 600), "last");
        vm.assertFalse(nft.isSold(big * 1_000_000 + 601), "beyond: not minted");
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTUnsoldTransfer.selector, big * 1_000_000 + 600, miner));
        vm.prank(miner);
        nft.transferFrom(miner, stranger, big * 1_000_000 + 600);
    }

    function test_SaleChannel_OnlyAdminAndZeroFreezesUnsold() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, nft.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(stranger);
        nft.setSaleChannel(stranger);
        vm.expectEmit(true, true, true, true, address(nft));
        emit HashrateNFT.SaleChannelUpdated(address(market), address(0));
        vm.prank(admin);
        nft.setSaleChannel(address(0));
        vm.assertEq(nft.saleChannel(), address(0), "none");
        uint256 t = _list(1, 1e6);
        usdt.mint(buyer, 1e6);
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTNotSaleChannel.selector, address(market)));
        vm.prank(buyer);
        market.buy(t, 1e6, 0);
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTUnsoldTransfer.selector, t, address(market)));
        vm.prank(miner);
        market.createAuction(t, 1e6, 1 hours, 100);
    }

    function test_Product_RecordsCreationAndMintOut() public {
        vm.startPrank(admin);
        uint256 p = nft.createProduct(_params(miner, 3));
        vm.assertEq(nft.product(p).createdAt, block.timestamp, "created");
        nft.mint(p, 2);
        vm.assertEq(nft.product(p).mintedOutAt, 0, "not yet");
        vm.warp(block.timestamp + 5 hours);
        nft.mint(p, 1);
        vm.stopPrank();
        vm.assertEq(nft.product(p).mintedOutAt, block.timestamp, "minted out now");
    }

    function test_RevertWhen_MinerOfUnknownProduct() public {
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTUnknownProduct.selector, 0));
        nft.minerOf(0);
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTUnknownProduct.selector, 0));
        nft.minerOf(999_999);
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTUnknownProduct.selector, 2));
        nft.minerOf(2 * TPP + 1);
    }

    // ------------------------------------------------------------ metadata

    function test_TokenURI_IsBasePlusId() public view {
        vm.assertEq(nft.tokenURI(_token(1)), "http://localhost:3000/api/nft/1000001", "token 1");
        vm.assertEq(nft.tokenURI(_token(100)), "http://localhost:3000/api/nft/1000100", "token 100");
    }

    function test_RevertWhen_TokenURIOfNonexistentToken() public {
        uint256 unminted = _token(101); // compute first: the helper makes an external call
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, unminted));
        nft.tokenURI(unminted);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 0));
        nft.tokenURI(0);
    }

    function test_NameAndSymbol() public view {
        vm.assertEq(nft.name(), "DMEX Hashrate", "name");
        vm.assertEq(nft.symbol(), "DMEXH", "symbol");
    }

    function test_SetBaseURI_ChangesTokenURIAndEmits() public {
        vm.expectEmit(true, true, true, true, address(nft));
        emit HashrateNFT.BaseURIUpdated("https://dmex.example/api/nft/");
        vm.expectEmit(true, true, true, true, address(nft));
        emit IERC4906.BatchMetadataUpdate(0, type(uint256).max);
        vm.prank(admin);
        nft.setBaseURI("https://dmex.example/api/nft/");

        vm.assertEq(nft.baseURI(), "https://dmex.example/api/nft/", "baseURI");
        vm.assertEq(nft.tokenURI(_token(7)), "https://dmex.example/api/nft/1000007", "tokenURI follows");
    }

    function test_RevertWhen_SetBaseURICallerNotAdmin() public {
        bytes32 adminRole = nft.DEFAULT_ADMIN_ROLE();
        vm.prank(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, adminRole)
        );
        nft.setBaseURI("https://evil.example/");

        // ISSUER_ROLE alone is not enough either.
        bytes32 issuerRole = nft.ISSUER_ROLE();
        vm.prank(admin);
        nft.grantRole(issuerRole, stranger);
        vm.prank(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, adminRole)
        );
        nft.setBaseURI("https://evil.example/");

        vm.assertEq(nft.baseURI(), "http://localhost:3000/api/nft/", "base URI unchanged");
    }

    function test_HashrateOf_ReturnsProductHashrate() public {
        HashrateNFT.ProductParams memory p = _params(miner2, 3);
        p.hashratePerNFT = 2500; // 2.5 TiB
        vm.startPrank(admin);
        uint256 id = nft.createProduct(p);
        uint256 first = nft.mint(id, 3);
        vm.stopPrank();
        vm.assertEq(nft.hashrateOf(first), 2500, "product 2 hashrate");
        vm.assertEq(nft.hashrateOf(_token(1)), 1000, "product 1 hashrate");
    }

    function test_RevertWhen_HashrateOfNonexistentToken() public {
        _createProduct(miner2, 3); // created but not minted
        uint256 unminted = 2 * TPP + 1;
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, unminted));
        nft.hashrateOf(unminted);
    }

    // ------------------------------------------------------------ ERC-165

    function test_SupportsInterface() public view {
        vm.assertTrue(nft.supportsInterface(0x01ffc9a7), "ERC165");
        vm.assertTrue(nft.supportsInterface(0x80ac58cd), "ERC721");
        vm.assertTrue(nft.supportsInterface(0x5b5e139f), "ERC721Metadata");
        vm.assertTrue(nft.supportsInterface(0x49064906), "ERC4906");
        vm.assertTrue(nft.supportsInterface(type(IAccessControl).interfaceId), "AccessControl");
        vm.assertEq(uint32(type(IAccessControl).interfaceId), uint32(0x7965db0b), "AccessControl id");
        vm.assertFalse(nft.supportsInterface(0xffffffff), "0xffffffff must be false per ERC-165");
        vm.assertFalse(nft.supportsInterface(0x780e9d63), "not ERC721Enumerable");
    }

    // ------------------------------------------------------------ fuzz

    /// @dev Mints a product in up to five batches of fuzzed sizes: over-sized or empty batches revert and change
    /// nothing; successful ones get consecutive ids inside the product's range; `minted` never exceeds `nftCount`.
    function testFuzz_MintInBatchesNeverExceedsNftCount(uint256 count, uint256[5] memory quantities) public {
        count = bound(count, 1, 200);
        uint256 id = _createProduct(miner2, uint32(count));
        uint256 minted;
        for (uint256 b; b < quantities.length; ++b) {
            uint256 remaining = count - minted;
            uint256 q = bound(quantities[b], 0, remaining + 3);
            vm.prank(admin);
            if (q == 0 || q > remaining) {
                vm.expectRevert(
                    abi.encodeWithSelector(HashrateNFT.HashrateNFTInvalidQuantity.selector, id, q, remaining)
                );
                nft.mint(id, q);
            } else {
                uint256 first = nft.mint(id, q);
                vm.assertEq(first, id * TPP + minted + 1, "consecutive first id");
                minted += q;
                uint256 last = first + q - 1;
                vm.assertEq(nft.ownerOf(first), miner2, "first owned by miner");
                vm.assertEq(nft.ownerOf(last), miner2, "last owned by miner");
                vm.assertEq(nft.productIdOf(first), id, "first in product");
                vm.assertEq(nft.productIdOf(last), id, "last in product");
                vm.assertLe(last, id * TPP + count, "last id within nftCount");
            }
            vm.assertEq(nft.product(id).minted, minted, "minted counter");
            vm.assertLe(minted, count, "never above nftCount");
            vm.assertEq(nft.balanceOf(miner2), minted, "miner balance");
        }
        if (minted < count) {
            vm.expectRevert(
                abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, id * TPP + minted + 1)
            );
            nft.ownerOf(id * TPP + minted + 1);
            vm.prank(admin);
            nft.mint(id, count - minted);
        }
        vm.assertEq(nft.ownerOf(id * TPP + count), miner2, "last serial exists");
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTInvalidQuantity.selector, id, 1, 0));
        nft.mint(id, 1);
    }

    /// @dev A term is accepted if and only if it is a positive whole number of days up to MAX_TERM.
    function testFuzz_CreateProductTermValidation(uint64 start, uint64 length) public {
        start = uint64(bound(start, 0, type(uint64).max - 2 * 1825 days));
        length = uint64(bound(length, 0, 2 * 1825 days));
        HashrateNFT.ProductParams memory p = _params(miner2, 1);
        p.termStart = start;
        p.termEnd = start + length;
        bool valid = length > 0 && length <= 1825 days && length % 1 days == 0;
        vm.prank(admin);
        if (!valid) {
            vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTInvalidTerm.selector, start, start + length));
            nft.createProduct(p);
            vm.assertEq(nft.productCount(), 1, "no product created");
        } else {
            uint256 id = nft.createProduct(p);
            vm.assertEq(nft.product(id).termEnd, start + length, "term stored");
        }
    }

    // ------------------------------------------------------------ helpers

    function _createProduct(address miner_, uint32 count) internal returns (uint256 id) {
        vm.prank(admin);
        id = nft.createProduct(_params(miner_, count));
    }

    function _repeat(string memory s, uint256 n) internal pure returns (string memory out) {
        for (uint256 i; i < n; ++i) {
            out = string.concat(out, s);
        }
    }
}
