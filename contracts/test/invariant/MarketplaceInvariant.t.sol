// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {MarketFixture} from "../utils/MarketFixture.sol";
import {MarketplaceHandler} from "../handlers/MarketplaceHandler.sol";
import {HashrateNFT} from "../../src/HashrateNFT.sol";
import {Marketplace} from "../../src/Marketplace.sol";

/// @dev The shape forge expects from `targetSelectors()` (as in forge-std's StdInvariant).
struct FuzzSelector {
    address addr;
    bytes4[] selectors;
}

/// @notice Stateful invariants of the marketplace, driven by {MarketplaceHandler} across four actors
/// (the miner and three traders) and the first 12 NFTs of the fixture's product. The miner's sales are primary
/// (issuance fee) and the traders' are resales (trading fee): both kinds feed the same fee pot.
contract MarketplaceInvariantTest is MarketFixture {
    uint256 internal constant ACTOR_FUNDS = 1_000_000e6;
    uint256 internal constant HANDLER_TOKENS = 12;

    MarketplaceHandler internal handler;
    address internal carol = address(0xCA201);
    uint256 internal initialSupply;
    uint256 internal nftsInProduct;

    function setUp() public override {
        super.setUp();
        // Fixture: buyer and buyer2 hold ACTOR_FUNDS and approve the market; fund and approve the others too.
        usdt.mint(miner, ACTOR_FUNDS);
        usdt.mint(carol, ACTOR_FUNDS);
        address[] memory actors = new address[](4);
        actors[0] = miner;
        actors[1] = buyer;
        actors[2] = buyer2;
        actors[3] = carol;
        for (uint256 i; i < actors.length; ++i) {
            vm.startPrank(actors[i]);
            usdt.approve(address(market), type(uint256).max);
            nft.setApprovalForAll(address(market), true);
            vm.stopPrank();
        }
        uint256[] memory ids = new uint256[](HANDLER_TOKENS);
        for (uint256 i; i < HANDLER_TOKENS; ++i) {
            ids[i] = _token(i + 1);
        }
        handler = new MarketplaceHandler(nft, market, usdt, admin, miner, actors, ids);
        initialSupply = usdt.totalSupply();
        nftsInProduct = nft.product(productId).nftCount;
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function targetSelectors() public view returns (FuzzSelector[] memory targets) {
        bytes4[] memory selectors = new bytes4[](9);
        selectors[0] = MarketplaceHandler.list.selector;
        selectors[1] = MarketplaceHandler.listBatch.selector;
        selectors[2] = MarketplaceHandler.updatePrice.selector;
        selectors[3] = MarketplaceHandler.cancel.selector;
        selectors[4] = MarketplaceHandler.buy.selector;
        selectors[5] = MarketplaceHandler.transferAway.selector;
        selectors[6] = MarketplaceHandler.setFee.selector;
        selectors[7] = MarketplaceHandler.withdrawFees.selector;
        selectors[8] = MarketplaceHandler.setIssuanceFee.selector;
        targets = new FuzzSelector[](1);
        targets[0] = FuzzSelector({addr: address(handler), selectors: selectors});
    }

    // ================================================================ (a) value

    /// @dev USDT only moves: the supply is constant and fully held by the actors, the market and the treasury;
    /// the market holds exactly the accrued fees; every unit a buyer paid reached a seller or the fee pot. Each
    /// actor's balance matches the ghosts, which charge the issuance fee on the miner's sales and the trading fee
    /// on everyone else's: a sale charged the wrong kind of fee breaks "actor balance == ghost".
    function invariant_NoValueCreatedOrLost() public view {
        vm.assertEq(usdt.totalSupply(), initialSupply, "supply constant");

        address[] memory actors = handler.actors();
        uint256 sum = usdt.balanceOf(address(market)) + usdt.balanceOf(treasury);
        for (uint256 i; i < actors.length; ++i) {
            address a = actors[i];
            uint256 bal = usdt.balanceOf(a);
            sum += bal;
            vm.assertEq(
                bal, ACTOR_FUNDS + handler.ghost_receivedBy(a) - handler.ghost_paidBy(a), "actor balance == ghost"
            );
        }
        vm.assertEq(sum, initialSupply, "all supply accounted for");

        vm.assertEq(usdt.balanceOf(address(market)), market.accruedFees(), "market holds exactly accrued fees");
        vm.assertEq(
            handler.ghost_paidByBuyers(),
            handler.ghost_receivedBySellers() + handler.ghost_feesAccrued(),
            "paid == received + fees"
        );
        vm.assertEq(
            handler.ghost_feesAccrued(),
            market.accruedFees() + handler.ghost_feesWithdrawn(),
            "fees accrued == held + withdrawn"
        );
        vm.assertEq(usdt.balanceOf(treasury), handler.ghost_feesWithdrawn(), "treasury got every withdrawal");
        vm.assertEq(
            handler.ghost_feesAccrued(),
            handler.ghost_issuanceFeesAccrued() + handler.ghost_tradingFeesAccrued(),
            "fees accrued == issuance fees + trading fees"
        );
        vm.assertEq(
            handler.ghost_sales(), handler.ghost_primarySales() + handler.ghost_resales(), "every sale of one kind"
        );
        vm.assertLe(market.feeBps(), market.MAX_FEE_BPS(), "trading fee within bound");
        vm.assertLe(market.issuanceFeeBps(), market.MAX_FEE_BPS(), "issuance fee within bound");
    }

    // ================================================================ (b) ownership

    /// @dev Every NFT is where the ghosts say: with its original seller, with the buyer of its last sale, or with
    /// the actor it was last transferred to; never with the marketplace (non-custodial) or nobody.
    function invariant_TokensOwnedBySellerOrBuyer() public view {
        uint256[] memory ids = handler.tokens();
        for (uint256 i; i < ids.length; ++i) {
            uint256 tokenId = ids[i];
            address owner = nft.ownerOf(tokenId);
            vm.assertNotEq(owner, address(market), "never custodied by the market");
            vm.assertNotEq(owner, address(0), "never burned");
            vm.assertTrue(handler.isActor(owner), "owned by an actor");
            vm.assertEq(owner, handler.ghost_owner(tokenId), "owner == ghost owner");

            if (!handler.ghost_everListed(tokenId)) continue;
            MarketplaceHandler.Move move = handler.ghost_lastMove(tokenId);
            if (move == MarketplaceHandler.Move.None) {
                vm.assertEq(owner, handler.ghost_originalOwner(tokenId), "unsold: original seller keeps it");
            } else if (move == MarketplaceHandler.Move.Sale) {
                vm.assertEq(owner, handler.ghost_lastBuyer(tokenId), "sold: the buyer owns it");
            }
        }
        vm.assertEq(handler.ghost_unexpectedOutcomes(), 0, "stale buys and empty withdrawals always rejected");
    }

    // ================================================================ (c) supply per product

    /// @dev Trading never mints or burns: the product's count is fixed and all its NFTs stay with the actors.
    function invariant_NftSupplyPerProductConstant() public view {
        HashrateNFT.Product memory p = nft.product(productId);
        vm.assertEq(p.nftCount, nftsInProduct, "nftCount constant");
        vm.assertEq(p.minted, nftsInProduct, "minted constant");
        address[] memory actors = handler.actors();
        uint256 held;
        for (uint256 i; i < actors.length; ++i) {
            held += nft.balanceOf(actors[i]);
        }
        vm.assertEq(held, nftsInProduct, "every NFT of the product is held by an actor");
        vm.assertEq(nft.balanceOf(address(market)), 0, "market holds no NFT");
    }

    // ================================================================ (d) listings

    /// @dev A listing is either empty (no seller, no price) or has an actor as seller and a valid price,
    /// and it is exactly the listing the ghosts expect.
    function invariant_ListingsWellFormed() public view {
        uint256[] memory ids = handler.tokens();
        for (uint256 i; i < ids.length; ++i) {
            Marketplace.Listing memory l = market.listing(ids[i]);
            if (l.seller == address(0)) {
                vm.assertEq(uint256(l.price), 0, "no seller => no price");
            } else {
                vm.assertTrue(handler.isActor(l.seller), "seller is an actor");
                vm.assertGt(l.price, 0, "listed => price > 0");
                vm.assertLe(l.price, handler.MAX_PRICE(), "price as listed");
            }
            (address ghostSeller, uint256 ghostPrice) = handler.ghostListing(ids[i]);
            vm.assertEq(l.seller, ghostSeller, "listing seller == ghost");
            vm.assertEq(uint256(l.price), ghostPrice, "listing price == ghost");
        }
    }

    // ================================================================ the handler itself

    /// @dev A fixed path through the handler: the miner's sale is booked as primary with the issuance fee, the
    /// holder's resale as a resale with the trading fee, and the value invariant holds after both.
    function test_Handler_BooksPrimarySaleAndResaleWithTheirFees() public {
        uint256 tokenId = _token(1); // handler token 0, held by the miner
        handler.list(0, PRICE);
        uint256 primaryPrice = market.listing(tokenId).price;
        handler.buy(1, 0, 0); // actor 1 (buyer) buys from the miner
        vm.assertEq(nft.ownerOf(tokenId), buyer, "bought from the miner");
        handler.list(0, 2 * PRICE);
        uint256 resalePrice = market.listing(tokenId).price;
        vm.assertEq(market.listing(tokenId).seller, buyer, "relisted by the holder");
        handler.buy(2, 0, 0); // actor 2 (buyer2) buys from the holder
        vm.assertEq(nft.ownerOf(tokenId), buyer2, "bought from the holder");

        vm.assertEq(handler.ghost_primarySales(), 1, "one primary sale");
        vm.assertEq(handler.ghost_resales(), 1, "one resale");
        vm.assertEq(handler.ghost_issuanceFeesAccrued(), primaryPrice * ISSUANCE_FEE_BPS / 10_000, "issuance fee");
        vm.assertEq(handler.ghost_tradingFeesAccrued(), resalePrice * FEE_BPS / 10_000, "trading fee");
        invariant_NoValueCreatedOrLost();
    }

    // ================================================================ end of each run: liveness

    /// @dev After every run: accrued fees can always be withdrawn in full, and every live listing (the seller
    /// still owns the NFT) can be bought by a fresh buyer at its price.
    function afterInvariant() public {
        uint256 accrued = market.accruedFees();
        uint256 treasuryBefore = usdt.balanceOf(treasury);
        if (accrued > 0) {
            market.withdrawFees();
            vm.assertEq(usdt.balanceOf(treasury) - treasuryBefore, accrued, "fees withdrawable in full");
        }

        address fresh = address(0xF2E5);
        uint256[] memory ids = handler.tokens();
        for (uint256 i; i < ids.length; ++i) {
            Marketplace.Listing memory l = market.listing(ids[i]);
            if (l.seller == address(0) || nft.ownerOf(ids[i]) != l.seller) continue;
            usdt.mint(fresh, l.price);
            vm.prank(fresh);
            usdt.approve(address(market), l.price);
            uint256 sellerBefore = usdt.balanceOf(l.seller);
            uint256 bps = l.seller == miner ? market.issuanceFeeBps() : market.feeBps();
            uint256 fee = uint256(l.price) * bps / market.BPS();
            vm.prank(fresh);
            market.buy(ids[i], l.price);
            vm.assertEq(nft.ownerOf(ids[i]), fresh, "live listing buyable");
            vm.assertEq(usdt.balanceOf(l.seller) - sellerBefore, l.price - fee, "seller paid");
            vm.assertEq(usdt.balanceOf(fresh), 0, "fresh buyer paid exactly the price");
        }
    }
}
