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
/// (issuance fee) and the traders' are resales (trading fee): both kinds feed the same fee pot. Fixed-price sales
/// and English auctions run side by side: the marketplace holds exactly the accrued fees, the bids of unsettled
/// auctions and the refunds owed, and exactly the NFTs under auction.
contract MarketplaceInvariantTest is MarketFixture {
    uint256 internal constant ACTOR_FUNDS = 1_000_000e6;
    uint256 internal constant HANDLER_TOKENS = 12;

    MarketplaceHandler internal handler;
    address internal carol = address(0xCA201);
    uint256 internal initialSupply;
    uint256 internal nftsInProduct;
    /// @dev A product of the same miner, all 40 NFTs on sale unminted.
    uint256 internal saleProduct;

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
        vm.startPrank(admin);
        saleProduct = nft.createProduct(_params(miner, 40));
        nft.listUnminted(saleProduct, PRICE);
        vm.stopPrank();
        handler = new MarketplaceHandler(nft, market, usdt, admin, miner, actors, ids, saleProduct);
        initialSupply = usdt.totalSupply();
        nftsInProduct = nft.product(productId).nftCount;
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function targetSelectors() public view returns (FuzzSelector[] memory targets) {
        bytes4[] memory selectors = new bytes4[](21);
        selectors[0] = MarketplaceHandler.list.selector;
        selectors[1] = MarketplaceHandler.listBatch.selector;
        selectors[2] = MarketplaceHandler.updatePrice.selector;
        selectors[3] = MarketplaceHandler.cancel.selector;
        selectors[4] = MarketplaceHandler.buy.selector;
        selectors[5] = MarketplaceHandler.transferAway.selector;
        selectors[6] = MarketplaceHandler.setFee.selector;
        selectors[7] = MarketplaceHandler.withdrawFees.selector;
        selectors[8] = MarketplaceHandler.setIssuanceFee.selector;
        selectors[9] = MarketplaceHandler.createAuction.selector;
        selectors[10] = MarketplaceHandler.bid.selector;
        selectors[11] = MarketplaceHandler.settle.selector;
        selectors[12] = MarketplaceHandler.cancelAuction.selector;
        selectors[13] = MarketplaceHandler.withdrawRefund.selector;
        selectors[14] = MarketplaceHandler.warp.selector;
        selectors[15] = MarketplaceHandler.setExtensionWindow.selector;
        selectors[16] = MarketplaceHandler.setInsuranceShare.selector;
        selectors[17] = MarketplaceHandler.buyProduct.selector;
        selectors[18] = MarketplaceHandler.setProductPrice.selector;
        selectors[19] = MarketplaceHandler.cancelProduct.selector;
        selectors[20] = MarketplaceHandler.collectProductFees.selector;
        targets = new FuzzSelector[](1);
        targets[0] = FuzzSelector({addr: address(handler), selectors: selectors});
    }

    // ================================================================ (a) value

    /// @dev USDT only moves: the supply is constant and fully held by the actors, the market, the treasury, the
    /// insurance fund and the escrow (primary proceeds: buyer pays == escrow + fee, resale: seller + fee);
    /// the market holds exactly the accrued fees, the bids of unsettled auctions and the refunds owed; every unit
    /// a buyer paid reached a seller or the fee pot, every unit a bidder paid is refunded (withdrawn or owed),
    /// still bid, or was paid out at settlement (to the seller and the fee pot). Each
    /// actor's balance matches the ghosts, which charge the issuance fee on the miner's sales and the trading fee
    /// on everyone else's: a sale charged the wrong kind of fee breaks "actor balance == ghost".
    function invariant_NoValueCreatedOrLost() public view {
        vm.assertEq(usdt.totalSupply(), initialSupply, "supply constant");

        address[] memory actors = handler.actors();
        uint256 sum = usdt.balanceOf(address(market)) + usdt.balanceOf(treasury);
        sum += usdt.balanceOf(address(escrow)) + usdt.balanceOf(insuranceFund);
        for (uint256 i; i < actors.length; ++i) {
            address a = actors[i];
            uint256 bal = usdt.balanceOf(a);
            sum += bal;
            vm.assertEq(
                bal, ACTOR_FUNDS + handler.ghost_receivedBy(a) - handler.ghost_paidBy(a), "actor balance == ghost"
            );
        }
        vm.assertEq(sum, initialSupply, "all supply accounted for");

        uint256 refundsOwed;
        for (uint256 i; i < actors.length; ++i) {
            uint256 owed = market.refundOf(actors[i]);
            vm.assertEq(owed, handler.ghost_refundOwed(actors[i]), "refund owed == ghost");
            refundsOwed += owed;
        }
        uint256 liveBids;
        uint256[] memory ids = handler.tokens();
        for (uint256 i; i < ids.length; ++i) {
            liveBids += market.auction(ids[i]).highestBid;
        }
        vm.assertEq(liveBids, handler.ghost_liveBids(), "unsettled bids == ghost");
        vm.assertEq(
            usdt.balanceOf(address(market)),
            market.accruedFees() - market.escrowedFees() + liveBids + refundsOwed,
            "market holds exactly its fees + unsettled bids + refunds owed"
        );
        vm.assertEq(
            handler.ghost_paidByBuyers(),
            handler.ghost_receivedBySellers() + handler.ghost_feesAccrued() - handler.ghost_auctionFees(),
            "fixed-price: paid == received + fees"
        );
        vm.assertEq(
            handler.ghost_bidsPaidIn(),
            handler.ghost_refundsWithdrawn() + refundsOwed + liveBids + handler.ghost_auctionPaidToSellers()
                + handler.ghost_auctionFees(),
            "bids paid in == refunds withdrawn + owed + unsettled bids + paid to sellers + fees"
        );
        vm.assertEq(
            handler.ghost_refundsCredited(), handler.ghost_refundsWithdrawn() + refundsOwed, "credited == withdrawn + owed"
        );
        vm.assertEq(
            handler.ghost_settledBids(),
            handler.ghost_auctionPaidToSellers() + handler.ghost_auctionFees(),
            "every settled bid went to the seller and the fee pot"
        );
        vm.assertEq(
            handler.ghost_feesAccrued(),
            market.accruedFees() + handler.ghost_saleFeesWaiting() + handler.ghost_feesWithdrawn(),
            "fees accrued == held + waiting in the sale slot + withdrawn"
        );
        vm.assertEq(
            usdt.balanceOf(treasury) + usdt.balanceOf(insuranceFund),
            handler.ghost_feesWithdrawn(),
            "treasury + insurance fund got every withdrawal"
        );

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

    /// @dev Primary proceeds are all in the escrow (nothing is withdrawn from it here) and all credited to the
    /// product; the insurance fund received exactly its shares of the fees withdrawn.
    function invariant_EscrowAndInsuranceBooks() public view {
        vm.assertEq(usdt.balanceOf(insuranceFund), handler.ghost_feesToInsurance(), "insurance got its shares");
        vm.assertEq(
            usdt.balanceOf(address(escrow)),
            handler.ghost_escrowed() + handler.ghost_saleEscrowed() + market.escrowedFees()
                + handler.ghost_saleFeesWaiting(),
            "escrow holds every primary proceed (and the fixed-price fees waiting there)"
        );
        vm.assertEq(escrow.productState(productId).credited, handler.ghost_escrowed(), "escrow credited them all");
        vm.assertEq(
            escrow.productState(saleProduct).credited, handler.ghost_saleEscrowed(), "and each NFT minted on purchase"
        );
        vm.assertEq(market.productSale(saleProduct).fees, handler.ghost_saleFeesWaiting(), "sale fees waiting == ghost");
    }

    /// @dev Mint on purchase: the serials bought are exactly 1 .. next - 1, each minted once to its buyer, already
    /// sold, with its proceeds credited to it; the rest do not exist. The sale's slot agrees with the model.
    function invariant_MintOnPurchaseMintsEachSerialOnceToItsBuyer() public view {
        Marketplace.ProductSale memory sale = market.productSale(saleProduct);
        vm.assertEq(sale.price, handler.ghost_salePrice(), "price == ghost");
        vm.assertEq(sale.next, handler.ghost_saleNext(), "next serial == ghost");
        vm.assertEq(sale.last, 40, "last serial fixed");
        uint256 minted;
        for (uint256 serial = 1; serial <= 40; ++serial) {
            uint256 t = saleProduct * nft.TOKENS_PER_PRODUCT() + serial;
            address buyer_ = handler.ghost_saleBuyer(serial);
            if (serial < sale.next) {
                vm.assertEq(nft.ownerOf(t), buyer_, "minted to its buyer");
                vm.assertTrue(nft.isSold(t), "minted sold");
                vm.assertEq(escrow.tokenEscrow(t).amount, handler.ghost_saleProceeds(serial), "credited its proceeds");
                ++minted;
            } else {
                vm.assertEq(buyer_, address(0), "not bought");
                (address owner,) = nft.escrowDataOf(t);
                vm.assertEq(owner, address(0), "not minted");
            }
        }
        address[] memory actors = handler.actors();
        uint256 held;
        for (uint256 i; i < actors.length; ++i) {
            for (uint256 serial = 1; serial < sale.next; ++serial) {
                if (nft.ownerOf(saleProduct * nft.TOKENS_PER_PRODUCT() + serial) == actors[i]) ++held;
            }
        }
        vm.assertEq(held, minted, "every minted NFT is with an actor");
    }

    // ================================================================ (b) ownership

    /// @dev Every NFT is where the ghosts say: with the marketplace while (and only while) it is under auction,
    /// otherwise with its original seller, with the buyer of its last sale or the winner of its last auction,
    /// with the seller of an auction that returned it, or with the actor it was last transferred to; never with
    /// nobody.
    function invariant_TokensOwnedBySellerOrBuyer() public view {
        uint256[] memory ids = handler.tokens();
        for (uint256 i; i < ids.length; ++i) {
            uint256 tokenId = ids[i];
            address owner = nft.ownerOf(tokenId);
            vm.assertNotEq(owner, address(0), "never burned");
            if (handler.ghostAuction(tokenId).seller != address(0)) {
                vm.assertEq(owner, address(market), "under auction: held by the market");
                vm.assertEq(handler.ghost_owner(tokenId), address(market), "ghost agrees");
                continue;
            }
            vm.assertNotEq(owner, address(market), "custodied by the market only under auction");
            vm.assertTrue(handler.isActor(owner), "owned by an actor");
            vm.assertEq(owner, handler.ghost_owner(tokenId), "owner == ghost owner");

            if (!handler.ghost_everListed(tokenId)) continue;
            MarketplaceHandler.Move move = handler.ghost_lastMove(tokenId);
            if (move == MarketplaceHandler.Move.None) {
                vm.assertEq(owner, handler.ghost_originalOwner(tokenId), "unsold: original seller keeps it");
            } else if (move == MarketplaceHandler.Move.Sale || move == MarketplaceHandler.Move.AuctionWon) {
                vm.assertEq(owner, handler.ghost_lastBuyer(tokenId), "sold: the buyer or winner owns it");
            }
        }
        vm.assertEq(handler.ghost_unexpectedOutcomes(), 0, "must-fail actions always rejected with their error");
    }

    // ================================================================ (c) supply per product

    /// @dev Trading never mints or burns: the product's count is fixed and all its NFTs stay with the actors, but
    /// for those under auction, held by the marketplace.
    /// @dev The never-sold mark: every NFT's first sale is credited to the escrow exactly once (a stream exists
    /// iff the model saw its first sale), the NFT says sold iff the model does, and a never-sold NFT is only ever
    /// with its miner or, under auction, the marketplace.
    function invariant_FirstSaleCreditedOnceAndUnsoldStaysHome() public view {
        uint256[] memory ids = handler.tokens();
        for (uint256 i; i < ids.length; ++i) {
            uint256 t = ids[i];
            bool sold = handler.ghost_sold(t);
            vm.assertEq(nft.isSold(t), sold, "sold mark == model");
            bool credited = escrow.tokenEscrow(t).startDay != 0;
            // an NFT handed over before the run was sold elsewhere: no escrow stream, by construction
            if (handler.ghost_originalOwner(t) == miner) vm.assertEq(credited, sold, "credited iff first-sold");
            if (!sold) {
                address owner = nft.ownerOf(t);
                vm.assertTrue(owner == miner || owner == address(market), "unsold: with the miner or the market");
            }
        }
    }

    function invariant_NftSupplyPerProductConstant() public view {
        HashrateNFT.Product memory p = nft.product(productId);
        vm.assertEq(p.nftCount, nftsInProduct, "nftCount constant");
        vm.assertEq(p.minted, nftsInProduct, "minted constant");
        address[] memory actors = handler.actors();
        uint256 held;
        for (uint256 i; i < actors.length; ++i) {
            held += nft.balanceOf(actors[i]);
        }
        uint256 inMarket = nft.balanceOf(address(market));
        vm.assertEq(inMarket, handler.ghost_liveAuctions(), "market holds exactly the NFTs under auction");
        held -= market.productSale(saleProduct).next - 1; // the NFTs minted on purchase (the other product)
        vm.assertEq(held + inMarket, nftsInProduct, "every NFT of the product is held by an actor or an auction");
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
            if (handler.ghostAuction(ids[i]).seller != address(0)) {
                vm.assertEq(l.seller, address(0), "no fixed listing of a token under auction");
            }
            (address ghostSeller, uint256 ghostPrice) = handler.ghostListing(ids[i]);
            vm.assertEq(l.seller, ghostSeller, "listing seller == ghost");
            vm.assertEq(uint256(l.price), ghostPrice, "listing price == ghost");
        }
    }

    // ================================================================ (e) auctions

    /// @dev Every auction is exactly the handler's model (seller, end time after extensions, increment, highest
    /// bidder and bid or reserve); an auction exists iff the model has one.
    function invariant_AuctionsMatchModel() public view {
        uint256[] memory ids = handler.tokens();
        uint256 live;
        for (uint256 i; i < ids.length; ++i) {
            Marketplace.Auction memory a = market.auction(ids[i]);
            MarketplaceHandler.GhostAuction memory g = handler.ghostAuction(ids[i]);
            vm.assertEq(a.seller, g.seller, "seller == model");
            vm.assertEq(uint256(a.endTime), g.endTime, "end time == model");
            vm.assertEq(uint256(a.minIncrementBps), g.minIncrementBps, "increment == model");
            vm.assertEq(a.highestBidder, g.bidder, "bidder == model");
            if (g.seller == address(0)) continue;
            live++;
            vm.assertTrue(handler.isActor(a.seller), "seller is an actor");
            vm.assertNotEq(a.highestBidder, a.seller, "the seller never leads its own auction");
            if (g.bidder == address(0)) {
                vm.assertEq(uint256(a.reservePrice), g.bid, "reserve == model");
                vm.assertEq(uint256(a.highestBid), 0, "no bid");
            } else {
                vm.assertEq(uint256(a.highestBid), g.bid, "bid == model");
                vm.assertEq(uint256(a.reservePrice), 0, "reserve hidden once met");
            }
        }
        vm.assertEq(live, handler.ghost_liveAuctions(), "live auction count");
        vm.assertEq(market.extensionWindow(), handler.ghost_extensionWindow(), "window == model");
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

    /// @dev A fixed auction path through the handler: create, first bid, outbid, warp, settle, withdraw the refund;
    /// every auction action is booked and the invariants hold after it.
    function test_Handler_BooksAuctionPath() public {
        uint256 tokenId = _token(1); // handler token 0, held by the miner
        handler.createAuction(0, PRICE - 1, 0, 500); // reserve bound(PRICE - 1, 1, MAX_PRICE) == PRICE
        vm.assertEq(nft.ownerOf(tokenId), address(market), "held for the auction");
        handler.bid(1, 0, 2); // buyer bids the reserve (even seed: the exact minimum)
        handler.bid(2, 0, 4); // buyer2 outbids at the minimum
        vm.assertEq(market.refundOf(buyer), PRICE, "outbid credited");
        handler.settle(0, 0); // too early: must fail, and does
        handler.warp(2 days - 1); // bound(2 days - 1, 1, 2 days) == 2 days
        handler.settle(0, 0);
        vm.assertEq(nft.ownerOf(tokenId), buyer2, "winner owns it");
        handler.withdrawRefund(1);
        vm.assertEq(handler.calls("bid (first)"), 1, "first bid booked");
        vm.assertEq(handler.calls("bid (outbid)"), 1, "outbid booked");
        vm.assertEq(handler.calls("settle (not ended, rejected)"), 1, "early settle rejected");
        vm.assertEq(handler.calls("settle (primary)"), 1, "primary settlement booked");
        vm.assertEq(handler.calls("withdrawRefund"), 1, "refund withdrawn");
        vm.assertEq(handler.ghost_unexpectedOutcomes(), 0, "no unexpected outcome");
        invariant_NoValueCreatedOrLost();
        invariant_AuctionsMatchModel();
        invariant_TokensOwnedBySellerOrBuyer();
        invariant_NftSupplyPerProductConstant();
    }

    // ================================================================ end of each run: liveness

    /// @dev After every run: every auction can be settled once over (the winner gets the NFT, the seller the bid
    /// minus the fee, or the seller the NFT back), every refund withdrawn in full, then the accrued fees withdrawn
    /// in full, which empties the marketplace; and every live listing (the seller still owns the NFT) can be
    /// bought by a fresh buyer at its price. Then, past the product's term, the miner withdraws every primary
    /// proceed from the escrow, which empties it.
    function afterInvariant() public {
        uint256[] memory ids = handler.tokens();
        // Past every end: auctions last at most MAX_AUCTION_DURATION_IN_HANDLER from creation, extensions a day.
        vm.warp(vm.getBlockTimestamp() + handler.MAX_AUCTION_DURATION_IN_HANDLER() + 1 days);
        for (uint256 i; i < ids.length; ++i) {
            Marketplace.Auction memory a = market.auction(ids[i]);
            if (a.seller == address(0)) continue;
            bool primary = !handler.ghost_sold(ids[i]);
            address payee = primary ? address(escrow) : a.seller; // primary proceeds go to the escrow
            uint256 sellerBefore = usdt.balanceOf(payee);
            uint256 bps = primary ? market.issuanceFeeBps() : market.feeBps();
            market.settle(ids[i]);
            if (a.highestBidder == address(0)) {
                vm.assertEq(nft.ownerOf(ids[i]), a.seller, "unsold: back to the seller");
            } else {
                vm.assertEq(nft.ownerOf(ids[i]), a.highestBidder, "sold: to the winner");
                uint256 fee = uint256(a.highestBid) * bps / market.BPS();
                vm.assertEq(usdt.balanceOf(payee) - sellerBefore, a.highestBid - fee, "seller (or escrow) paid");
            }
        }
        vm.assertEq(nft.balanceOf(address(market)), 0, "no NFT left in the market");
        address[] memory actors = handler.actors();
        for (uint256 i; i < actors.length; ++i) {
            uint256 owed = market.refundOf(actors[i]);
            if (owed == 0) continue;
            uint256 before = usdt.balanceOf(actors[i]);
            vm.prank(actors[i]);
            market.withdrawRefund();
            vm.assertEq(usdt.balanceOf(actors[i]) - before, owed, "refund withdrawable in full");
        }
        vm.assertEq(
            usdt.balanceOf(address(market)), market.accruedFees() - market.escrowedFees(), "only fees left"
        );

        uint256 accrued = market.accruedFees();
        uint256 treasuryBefore = usdt.balanceOf(treasury) + usdt.balanceOf(insuranceFund);
        if (accrued > 0) {
            market.withdrawFees();
            vm.assertEq(
                usdt.balanceOf(treasury) + usdt.balanceOf(insuranceFund) - treasuryBefore,
                accrued,
                "fees withdrawable in full"
            );
        }
        vm.assertEq(usdt.balanceOf(address(market)), 0, "market emptied");

        address fresh = address(0xF2E5);
        for (uint256 i; i < ids.length; ++i) {
            Marketplace.Listing memory l = market.listing(ids[i]);
            if (l.seller == address(0) || nft.ownerOf(ids[i]) != l.seller) continue;
            usdt.mint(fresh, l.price);
            vm.prank(fresh);
            usdt.approve(address(market), l.price);
            bool primary = !handler.ghost_sold(ids[i]);
            address payee = primary ? address(escrow) : l.seller;
            uint256 sellerBefore = usdt.balanceOf(payee);
            uint256 bps = primary ? market.issuanceFeeBps() : market.feeBps();
            uint256 fee = uint256(l.price) * bps / market.BPS();
            vm.prank(fresh);
            market.buy(ids[i], l.price, 0);
            vm.assertEq(nft.ownerOf(ids[i]), fresh, "live listing buyable");
            // a fixed-price primary sale pays its whole price to the escrow, where its fee waits
            vm.assertEq(usdt.balanceOf(payee) - sellerBefore, primary ? l.price : l.price - fee, "seller (or escrow) paid");
            vm.assertEq(usdt.balanceOf(fresh), 0, "fresh buyer paid exactly the price");
        }

        // The escrow: after the term's end day every primary proceed is released and the miner withdraws it all.
        // Likewise for the NFTs minted on purchase, whose waiting fees anyone collects for the withdrawal.
        vm.warp(uint256(nft.product(productId).termEnd) + 1 days);
        uint256 saleEscrowed = handler.ghost_saleEscrowed();
        uint256 escrowed =
            usdt.balanceOf(address(escrow)) - market.escrowedFees() - saleEscrowed - handler.ghost_saleFeesWaiting();
        vm.assertEq(escrow.withdrawable(productId), escrowed, "everything released after the term");
        vm.assertEq(escrow.withdrawable(saleProduct), saleEscrowed, "everything minted on purchase released too");
        if (escrowed > 0) {
            vm.prank(miner);
            escrow.withdraw(productId);
        }
        if (saleEscrowed > 0) {
            vm.prank(miner);
            escrow.withdraw(saleProduct);
        }
        uint256[] memory sales = new uint256[](1);
        sales[0] = saleProduct;
        market.collectProductFees(sales);
        if (market.accruedFees() > 0) market.withdrawFees();
        vm.assertEq(usdt.balanceOf(address(escrow)), 0, "escrow emptied: nothing stuck");
    }
}
