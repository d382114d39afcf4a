// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TestBase} from "../utils/Vm.sol";
import {HashrateNFT} from "../../src/HashrateNFT.sol";
import {Marketplace} from "../../src/Marketplace.sol";
import {MockUSDT} from "../../mocks/MockUSDT.sol";

/// @notice Drives the marketplace for the invariant suite: a few actors list, batch-list, reprice, cancel, buy,
/// move NFTs away (making listings stale), the admin changes either fee or the insurance share, anyone withdraws
/// fees. The miner's sales (primary) pay their proceeds into the escrow, not to the miner.
/// The miner is one of the actors, so sales are of both kinds: an NFT's first sale is primary (issuance fee,
/// proceeds to the escrow), every later one a resale (trading fee); the handler tells them apart on its own
/// (`ghost_sold`, from each NFT's state at the start and the sales it drove), not by asking the marketplace.
/// Every action bounds its inputs and skips what cannot succeed, so no handler call reverts
/// (`fail_on_revert = true`). Actions that *must* fail (buying a stale listing, withdrawing nothing) are tried
/// in try/catch and any unexpected outcome is counted in `ghost_unexpectedOutcomes`.
/// The ghosts mirror what the contracts should hold; the invariant test compares the two.
/// Auctions run alongside: any actor auctions an NFT it holds (it moves into the marketplace), the others bid and
/// outbid (outbid amounts are credited, pulled later with withdrawRefund), time moves forward (warp), anyone
/// settles an ended auction, the seller cancels one nobody bid on, the admin changes the extension window.
/// Fixed-price actions skip the NFTs the marketplace holds for an auction.
/// A second product of the same miner is on sale unminted: actors buy its next NFT (`buyProduct`, minted to them,
/// the whole price into the escrow, the fee waiting in the product's sale slot), the miner reprices, withdraws and
/// restores the sale, anyone collects the waiting fees. A purchase of a withdrawn or sold-out sale, or by the miner
/// itself, must fail.
contract MarketplaceHandler is TestBase {
    enum Move {
        None,
        Sale,
        Transfer,
        AuctionWon,
        AuctionReturned
    }

    /// @notice The handler's own model of an auction (what the marketplace should report).
    struct GhostAuction {
        address seller;
        uint256 endTime;
        uint256 minIncrementBps;
        address bidder;
        uint256 bid; // the reserve price until the first bid
    }

    /// @notice Highest price the handler lists at: 10,000 USDT, so 64 purchases never exhaust an actor.
    uint256 public constant MAX_PRICE = 10_000e6;
    uint256 public constant MAX_BATCH_IN_HANDLER = 8;
    /// @notice Longest auction the handler creates (warps move up to two days at a time).
    uint256 public constant MAX_AUCTION_DURATION_IN_HANDLER = 3 days;

    HashrateNFT public immutable nft;
    Marketplace public immutable market;
    MockUSDT public immutable usdt;
    address public immutable admin;
    /// @notice The miner of the product every handled token belongs to: its sales are primary.
    address public immutable primaryMiner;
    /// @notice A product of the same miner on sale unminted (mint on purchase).
    uint256 public immutable saleProduct;

    address[] internal _actors;
    uint256[] internal _tokens;

    // ------------------------------------------------------------ value ghosts
    uint256 public ghost_paidByBuyers;
    uint256 public ghost_receivedBySellers;
    uint256 public ghost_feesAccrued;
    uint256 public ghost_issuanceFeesAccrued;
    uint256 public ghost_tradingFeesAccrued;
    uint256 public ghost_feesWithdrawn;
    /// @notice Of the fees withdrawn, what went to the insurance fund (the rest went to the treasury).
    uint256 public ghost_feesToInsurance;
    /// @notice Primary-sale proceeds (fixed price and auction) sent to the escrow instead of the miner.
    uint256 public ghost_escrowed;
    mapping(address actor => uint256) public ghost_paidBy;
    mapping(address actor => uint256) public ghost_receivedBy;

    // ------------------------------------------------------------ auction value ghosts
    /// @notice Everything bidders paid into the marketplace with `bid`.
    uint256 public ghost_bidsPaidIn;
    /// @notice Outbid amounts credited (the token never refuses the seller here, so only outbids are credited).
    uint256 public ghost_refundsCredited;
    uint256 public ghost_refundsWithdrawn;
    /// @notice Sum of the highest bids of the auctions not yet settled (live or ended).
    uint256 public ghost_liveBids;
    /// @notice Sum of the winning bids of settled auctions, and how they were split.
    uint256 public ghost_settledBids;
    uint256 public ghost_auctionPaidToSellers;
    uint256 public ghost_auctionFees;
    mapping(address actor => uint256) public ghost_refundOwed;

    // ------------------------------------------------------------ auction model
    mapping(uint256 tokenId => GhostAuction) internal _ghostAuction;
    uint256 public ghost_liveAuctions;
    uint256 public ghost_extensionWindow;

    // ------------------------------------------------------------ ownership ghosts
    mapping(uint256 tokenId => address) public ghost_originalOwner;
    mapping(uint256 tokenId => address) public ghost_owner;
    mapping(uint256 tokenId => bool) public ghost_everListed;
    mapping(uint256 tokenId => Move) public ghost_lastMove;
    mapping(uint256 tokenId => address) public ghost_lastBuyer;
    /// @dev Whether the NFT has had its first sale (primary) already.
    mapping(uint256 tokenId => bool) public ghost_sold;
    mapping(uint256 tokenId => Marketplace.Listing) internal _ghostListing;

    // ------------------------------------------------------------ mint on purchase ghosts
    /// @notice The sale's price (0 while withdrawn), and the next serial a purchase mints.
    uint256 public ghost_salePrice;
    uint256 public ghost_saleNext;
    uint256 public ghost_saleLast;
    /// @notice Proceeds credited to the sale product's NFTs, and its issuance fees not yet collected.
    uint256 public ghost_saleEscrowed;
    uint256 public ghost_saleFeesWaiting;
    mapping(uint256 serial => address) public ghost_saleBuyer;
    mapping(uint256 serial => uint256) public ghost_saleProceeds;

    // ------------------------------------------------------------ counters
    uint256 public ghost_sales;
    uint256 public ghost_primarySales;
    uint256 public ghost_resales;
    uint256 public ghost_staleBuysRejected;
    uint256 public ghost_unexpectedOutcomes;
    mapping(bytes32 action => uint256) public calls;

    constructor(
        HashrateNFT nft_,
        Marketplace market_,
        MockUSDT usdt_,
        address admin_,
        address primaryMiner_,
        address[] memory actors_,
        uint256[] memory tokens_,
        uint256 saleProduct_
    ) {
        saleProduct = saleProduct_;
        Marketplace.ProductSale memory sale = market_.productSale(saleProduct_);
        (ghost_salePrice, ghost_saleNext, ghost_saleLast) = (sale.price, sale.next, sale.last);
        nft = nft_;
        market = market_;
        usdt = usdt_;
        admin = admin_;
        primaryMiner = primaryMiner_;
        _actors = actors_;
        _tokens = tokens_;
        ghost_extensionWindow = market_.extensionWindow();
        for (uint256 i; i < tokens_.length; ++i) {
            address owner = nft_.ownerOf(tokens_[i]);
            ghost_originalOwner[tokens_[i]] = owner;
            ghost_owner[tokens_[i]] = owner;
            ghost_sold[tokens_[i]] = nft_.isSold(tokens_[i]); // handed to an actor before the run: sold elsewhere
        }
    }

    // ================================================================ actions

    function list(uint256 tokenSeed, uint256 price) external {
        uint256 tokenId = _pickToken(tokenSeed);
        address owner = nft.ownerOf(tokenId);
        if (_ghostListing[tokenId].seller == owner || owner == address(market)) {
            _skip("list (skipped)");
            return;
        }
        price = bound(price, 1, MAX_PRICE);

        vm.prank(owner);
        market.list(tokenId, price);
        _recordListing(tokenId, owner, price);
        calls["list"]++;
    }

    function listBatch(uint256 tokenSeed, uint256 size, uint256 price) external {
        size = bound(size, 1, MAX_BATCH_IN_HANDLER);
        price = bound(price, 1, MAX_PRICE);
        uint256 n = _tokens.length;
        uint256 start = bound(tokenSeed, 0, n - 1);
        address owner = nft.ownerOf(_tokens[start]);
        if (owner == address(market)) {
            _skip("listBatch (skipped)");
            return;
        }

        uint256[] memory batch = new uint256[](size);
        uint256 k;
        for (uint256 i; i < n && k < size; ++i) {
            uint256 tokenId = _tokens[(start + i) % n];
            if (nft.ownerOf(tokenId) == owner && _ghostListing[tokenId].seller != owner) batch[k++] = tokenId;
        }
        if (k == 0) {
            _skip("listBatch (skipped)");
            return;
        }
        assembly ("memory-safe") {
            mstore(batch, k) // shrink to the tokens found
        }

        vm.prank(owner);
        market.listBatch(batch, price);
        for (uint256 i; i < k; ++i) {
            _recordListing(batch[i], owner, price);
        }
        calls["listBatch"]++;
    }

    function updatePrice(uint256 tokenSeed, uint256 newPrice) external {
        uint256 tokenId = _pickListed(tokenSeed);
        address seller = _ghostListing[tokenId].seller;
        if (seller == address(0)) {
            _skip("updatePrice (skipped)");
            return;
        }
        newPrice = bound(newPrice, 1, MAX_PRICE);

        vm.prank(seller);
        market.updatePrice(tokenId, newPrice);
        _ghostListing[tokenId].price = uint96(newPrice);
        calls["updatePrice"]++;
    }

    function cancel(uint256 tokenSeed) external {
        uint256 tokenId = _pickListed(tokenSeed);
        address seller = _ghostListing[tokenId].seller;
        if (seller == address(0)) {
            _skip("cancel (skipped)");
            return;
        }

        vm.prank(seller);
        market.cancel(tokenId);
        delete _ghostListing[tokenId];
        calls["cancel"]++;
    }

    function buy(uint256 actorSeed, uint256 tokenSeed, uint256 slack) external {
        uint256 tokenId = _pickListed(tokenSeed);
        Marketplace.Listing memory l = _ghostListing[tokenId];
        if (l.seller == address(0)) {
            _skip("buy (skipped)");
            return;
        }
        address buyer = _pickActor(actorSeed);
        if (buyer == l.seller) buyer = _nextActor(buyer);

        address owner = nft.ownerOf(tokenId);
        if (owner != l.seller) {
            // Stale: the purchase must fail with ListingStale and move nothing.
            vm.prank(buyer);
            try market.buy(tokenId, l.price, 0) {
                ghost_unexpectedOutcomes++;
            } catch (bytes memory reason) {
                if (bytes4(reason) == Marketplace.MarketplaceListingStale.selector) ghost_staleBuysRejected++;
                else ghost_unexpectedOutcomes++;
            }
            calls["buy (stale, rejected)"]++;
            return;
        }
        if (usdt.balanceOf(buyer) < l.price) {
            _skip("buy (skipped)");
            return;
        }

        bool primary = !ghost_sold[tokenId];
        uint256 fee = uint256(l.price) * (primary ? market.issuanceFeeBps() : market.feeBps()) / market.BPS();
        vm.prank(buyer);
        market.buy(tokenId, uint256(l.price) + bound(slack, 0, 1e6), 0);
        ghost_sold[tokenId] = true;

        ghost_paidByBuyers += l.price;
        ghost_receivedBySellers += l.price - fee;
        ghost_feesAccrued += fee;
        if (primary) {
            ghost_issuanceFeesAccrued += fee;
            ghost_primarySales++;
        } else {
            ghost_tradingFeesAccrued += fee;
            ghost_resales++;
        }
        ghost_paidBy[buyer] += l.price;
        if (primary) ghost_escrowed += l.price - fee;
        else ghost_receivedBy[l.seller] += l.price - fee;
        delete _ghostListing[tokenId];
        ghost_owner[tokenId] = buyer;
        ghost_lastMove[tokenId] = Move.Sale;
        ghost_lastBuyer[tokenId] = buyer;
        ghost_sales++;
        calls[primary ? bytes32("buy (primary)") : bytes32("buy (resale)")]++;
    }

    /// @notice An actor buys the next NFT of the product on sale unminted. Refused, moving nothing, when the sale is
    /// withdrawn or sold out, or when the buyer is its miner.
    function buyProduct(uint256 actorSeed, uint256 slack) external {
        address buyer = _pickActor(actorSeed);
        uint256 price = ghost_salePrice;
        bytes4 expected;
        if (price == 0) expected = Marketplace.MarketplaceProductNotListed.selector;
        else if (ghost_saleNext > ghost_saleLast) expected = Marketplace.MarketplaceProductSoldOut.selector;
        else if (buyer == primaryMiner) expected = Marketplace.MarketplaceBuyerIsSeller.selector;
        if (expected != bytes4(0)) {
            vm.prank(buyer);
            try market.buyProduct(saleProduct, type(uint256).max) {
                ghost_unexpectedOutcomes++;
            } catch (bytes memory reason) {
                if (bytes4(reason) != expected) ghost_unexpectedOutcomes++;
            }
            calls["buyProduct (refused)"]++;
            return;
        }
        if (usdt.balanceOf(buyer) < price) {
            _skip("buyProduct (skipped)");
            return;
        }
        uint256 fee = price * market.issuanceFeeBps() / market.BPS();
        uint256 serial = ghost_saleNext;
        vm.prank(buyer);
        uint256 tokenId = market.buyProduct(saleProduct, price + bound(slack, 0, 1e6));
        if (tokenId != saleProduct * nft.TOKENS_PER_PRODUCT() + serial) ghost_unexpectedOutcomes++;
        ghost_saleNext = serial + 1;
        ghost_saleBuyer[serial] = buyer;
        ghost_saleProceeds[serial] = price - fee;
        ghost_saleEscrowed += price - fee;
        ghost_saleFeesWaiting += fee;

        ghost_paidByBuyers += price;
        ghost_receivedBySellers += price - fee;
        ghost_feesAccrued += fee;
        ghost_issuanceFeesAccrued += fee;
        ghost_paidBy[buyer] += price;
        ghost_primarySales++;
        ghost_sales++;
        calls["buyProduct"]++;
    }

    /// @notice The miner reprices the sale (which also restores a withdrawn one).
    function setProductPrice(uint256 priceSeed) external {
        uint256 price = bound(priceSeed, 1, MAX_PRICE);
        vm.prank(primaryMiner);
        market.setProductPrice(saleProduct, price);
        ghost_salePrice = price;
        calls["setProductPrice"]++;
    }

    /// @notice The miner withdraws the sale.
    function cancelProduct() external {
        if (ghost_salePrice == 0) {
            _skip("cancelProduct (skipped)");
            return;
        }
        vm.prank(primaryMiner);
        market.cancelProduct(saleProduct);
        ghost_salePrice = 0;
        calls["cancelProduct"]++;
    }

    /// @notice Anyone books the sale's waiting issuance fees for withdrawFees.
    function collectProductFees(uint256 callerSeed) external {
        uint256[] memory ids = new uint256[](1);
        ids[0] = saleProduct;
        vm.prank(_pickActor(callerSeed));
        market.collectProductFees(ids);
        ghost_saleFeesWaiting = 0;
        calls["collectProductFees"]++;
    }

    /// @notice The owner moves the NFT to another actor outside the marketplace; any listing of the old owner
    /// becomes stale (and the listing mapping is deliberately left as it is).
    function transferAway(uint256 tokenSeed, uint256 toSeed) external {
        uint256 tokenId = _pickToken(tokenSeed);
        address owner = nft.ownerOf(tokenId);
        if (owner == address(market) || !nft.isSold(tokenId)) {
            // in an auction, or never sold (it only leaves its miner through a sale)
            _skip("transferAway (skipped)");
            return;
        }
        address to = _pickActor(toSeed);
        if (to == owner) to = _nextActor(owner);

        vm.prank(owner);
        nft.transferFrom(owner, to, tokenId);
        ghost_owner[tokenId] = to;
        ghost_lastMove[tokenId] = Move.Transfer;
        calls["transferAway"]++;
    }

    function setFee(uint256 newFeeBps) external {
        newFeeBps = bound(newFeeBps, 0, market.MAX_FEE_BPS());
        vm.prank(admin);
        market.setFeeBps(newFeeBps);
        calls["setFee"]++;
    }

    function setIssuanceFee(uint256 newFeeBps) external {
        newFeeBps = bound(newFeeBps, 0, market.MAX_FEE_BPS());
        vm.prank(admin);
        market.setIssuanceFeeBps(newFeeBps);
        calls["setIssuanceFee"]++;
    }

    function withdrawFees(uint256 callerSeed) external {
        address caller = _pickActor(callerSeed);
        uint256 amount = market.accruedFees();
        if (amount == 0) {
            vm.prank(caller);
            try market.withdrawFees() {
                ghost_unexpectedOutcomes++;
            } catch (bytes memory reason) {
                if (bytes4(reason) != Marketplace.MarketplaceNoFees.selector) ghost_unexpectedOutcomes++;
            }
            calls["withdrawFees (none, rejected)"]++;
            return;
        }
        uint256 share = amount * market.insuranceShareBps() / market.BPS();
        vm.prank(caller);
        market.withdrawFees();
        ghost_feesWithdrawn += amount;
        ghost_feesToInsurance += share;
        calls["withdrawFees"]++;
    }

    /// @notice The admin changes the insurance fund's share of the fees (0..100%).
    function setInsuranceShare(uint256 newShareBps) external {
        newShareBps = bound(newShareBps, 0, market.MAX_INSURANCE_SHARE_BPS());
        vm.prank(admin);
        market.setInsuranceShareBps(newShareBps);
        calls["setInsuranceShare"]++;
    }

    // ================================================================ auction actions

    /// @notice The holder of an NFT auctions it: the NFT moves into the marketplace and any listing of it goes.
    function createAuction(uint256 tokenSeed, uint256 reserve, uint256 duration, uint256 bps) external {
        uint256 tokenId = _pickToken(tokenSeed);
        address owner = nft.ownerOf(tokenId);
        if (owner == address(market)) {
            _skip("createAuction (skipped)");
            return;
        }
        reserve = bound(reserve, 1, MAX_PRICE);
        duration = bound(duration, market.MIN_AUCTION_DURATION(), MAX_AUCTION_DURATION_IN_HANDLER);
        bps = bound(bps, 1, market.MAX_MIN_INCREMENT_BPS());

        vm.prank(owner);
        market.createAuction(tokenId, reserve, duration, bps);
        _ghostAuction[tokenId] = GhostAuction(owner, _now() + duration, bps, address(0), reserve);
        delete _ghostListing[tokenId];
        ghost_liveAuctions++;
        ghost_owner[tokenId] = address(market);
        calls["createAuction"]++;
    }

    /// @notice An actor other than the seller bids at least the minimum (mostly exactly it); after the end the
    /// bid must fail with AuctionEnded, and now and then a bid one unit short must fail with BidTooLow.
    function bid(uint256 actorSeed, uint256 tokenSeed, uint256 amountSeed) external {
        uint256 tokenId = _pickAuctioned(tokenSeed);
        GhostAuction memory g = _ghostAuction[tokenId];
        if (g.seller == address(0)) {
            _skip("bid (skipped)");
            return;
        }
        address bidder = _pickActor(actorSeed);
        if (bidder == g.seller) bidder = _nextActor(bidder);
        uint256 min = g.bidder == address(0) ? g.bid : _raise(g.bid, g.minIncrementBps);
        if (market.minNextBid(tokenId) != min) ghost_unexpectedOutcomes++;

        if (_now() >= g.endTime) {
            vm.prank(bidder);
            try market.bid(tokenId, min) {
                ghost_unexpectedOutcomes++;
            } catch (bytes memory reason) {
                if (bytes4(reason) != Marketplace.MarketplaceAuctionEnded.selector) ghost_unexpectedOutcomes++;
            }
            calls["bid (ended, rejected)"]++;
            return;
        }
        if (amountSeed % 7 == 0 && min > 1) {
            vm.prank(bidder);
            try market.bid(tokenId, min - 1) {
                ghost_unexpectedOutcomes++;
            } catch (bytes memory reason) {
                if (bytes4(reason) != Marketplace.MarketplaceBidTooLow.selector) ghost_unexpectedOutcomes++;
            }
            calls["bid (too low, rejected)"]++;
            return;
        }
        uint256 amount = amountSeed % 2 == 0 ? min : min + bound(amountSeed, 0, min / 4);
        if (amount > type(uint96).max || usdt.balanceOf(bidder) < amount) {
            _skip("bid (skipped)");
            return;
        }

        vm.prank(bidder);
        market.bid(tokenId, amount);

        GhostAuction storage a = _ghostAuction[tokenId];
        if (a.endTime - _now() < ghost_extensionWindow) a.endTime = _now() + ghost_extensionWindow;
        if (a.bidder != address(0)) {
            ghost_refundOwed[a.bidder] += a.bid;
            ghost_refundsCredited += a.bid;
            ghost_liveBids -= a.bid;
            calls["bid (outbid)"]++;
        } else {
            calls["bid (first)"]++;
        }
        a.bidder = bidder;
        a.bid = amount;
        ghost_liveBids += amount;
        ghost_bidsPaidIn += amount;
        ghost_paidBy[bidder] += amount;
    }

    /// @notice Anyone settles an ended auction (before the end it must fail with AuctionNotEnded).
    function settle(uint256 callerSeed, uint256 tokenSeed) external {
        uint256 tokenId = _pickAuctioned(tokenSeed);
        GhostAuction memory g = _ghostAuction[tokenId];
        if (g.seller == address(0)) {
            _skip("settle (skipped)");
            return;
        }
        address caller = _pickActor(callerSeed);
        if (_now() < g.endTime) {
            vm.prank(caller);
            try market.settle(tokenId) {
                ghost_unexpectedOutcomes++;
            } catch (bytes memory reason) {
                if (bytes4(reason) != Marketplace.MarketplaceAuctionNotEnded.selector) ghost_unexpectedOutcomes++;
            }
            calls["settle (not ended, rejected)"]++;
            return;
        }

        bool primary = !ghost_sold[tokenId];
        if (g.bidder != address(0)) ghost_sold[tokenId] = true;
        uint256 fee =
            g.bidder == address(0) ? 0 : g.bid * (primary ? market.issuanceFeeBps() : market.feeBps()) / market.BPS();
        vm.prank(caller);
        market.settle(tokenId);

        delete _ghostAuction[tokenId];
        ghost_liveAuctions--;
        if (g.bidder == address(0)) {
            ghost_owner[tokenId] = g.seller;
            ghost_lastMove[tokenId] = Move.AuctionReturned;
            calls["settle (no bid)"]++;
            return;
        }
        ghost_liveBids -= g.bid;
        ghost_settledBids += g.bid;
        ghost_auctionPaidToSellers += g.bid - fee;
        ghost_auctionFees += fee;
        ghost_feesAccrued += fee;
        if (primary) ghost_escrowed += g.bid - fee;
        else ghost_receivedBy[g.seller] += g.bid - fee;
        if (primary) {
            ghost_issuanceFeesAccrued += fee;
            ghost_primarySales++;
        } else {
            ghost_tradingFeesAccrued += fee;
            ghost_resales++;
        }
        ghost_sales++;
        ghost_owner[tokenId] = g.bidder;
        ghost_lastMove[tokenId] = Move.AuctionWon;
        ghost_lastBuyer[tokenId] = g.bidder;
        calls[primary ? bytes32("settle (primary)") : bytes32("settle (resale)")]++;
    }

    /// @notice The seller cancels an auction nobody bid on; with a bid it must fail with AuctionHasBids.
    function cancelAuction(uint256 tokenSeed) external {
        uint256 tokenId = _pickAuctioned(tokenSeed);
        GhostAuction memory g = _ghostAuction[tokenId];
        if (g.seller == address(0)) {
            _skip("cancelAuction (skipped)");
            return;
        }
        if (g.bidder != address(0)) {
            vm.prank(g.seller);
            try market.cancelAuction(tokenId) {
                ghost_unexpectedOutcomes++;
            } catch (bytes memory reason) {
                if (bytes4(reason) != Marketplace.MarketplaceAuctionHasBids.selector) ghost_unexpectedOutcomes++;
            }
            calls["cancelAuction (bids, rejected)"]++;
            return;
        }
        vm.prank(g.seller);
        market.cancelAuction(tokenId);
        delete _ghostAuction[tokenId];
        ghost_liveAuctions--;
        ghost_owner[tokenId] = g.seller;
        ghost_lastMove[tokenId] = Move.AuctionReturned;
        calls["cancelAuction"]++;
    }

    /// @notice An actor pulls its refunds; with nothing owed it must fail with NoRefund.
    function withdrawRefund(uint256 actorSeed) external {
        address actor = _pickActor(actorSeed);
        uint256 owed = ghost_refundOwed[actor];
        if (owed == 0) {
            vm.prank(actor);
            try market.withdrawRefund() {
                ghost_unexpectedOutcomes++;
            } catch (bytes memory reason) {
                if (bytes4(reason) != Marketplace.MarketplaceNoRefund.selector) ghost_unexpectedOutcomes++;
            }
            calls["withdrawRefund (none, rejected)"]++;
            return;
        }
        vm.prank(actor);
        market.withdrawRefund();
        ghost_refundOwed[actor] = 0;
        ghost_refundsWithdrawn += owed;
        ghost_receivedBy[actor] += owed;
        calls["withdrawRefund"]++;
    }

    function warp(uint256 secondsForward) external {
        secondsForward = bound(secondsForward, 1, 2 days);
        vm.warp(_now() + secondsForward);
        calls["warp"]++;
    }

    function setExtensionWindow(uint256 window) external {
        window = bound(window, 0, market.MAX_EXTENSION_WINDOW());
        vm.prank(admin);
        market.setExtensionWindow(window);
        ghost_extensionWindow = window;
        calls["setExtensionWindow"]++;
    }

    // ================================================================ views for the invariant test

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function tokens() external view returns (uint256[] memory) {
        return _tokens;
    }

    function ghostListing(uint256 tokenId) external view returns (address seller, uint256 price) {
        Marketplace.Listing memory l = _ghostListing[tokenId];
        return (l.seller, l.price);
    }

    function ghostAuction(uint256 tokenId) external view returns (GhostAuction memory) {
        return _ghostAuction[tokenId];
    }

    function isActor(address a) public view returns (bool) {
        for (uint256 i; i < _actors.length; ++i) {
            if (_actors[i] == a) return true;
        }
        return false;
    }

    // ================================================================ internal

    function _recordListing(uint256 tokenId, address seller, uint256 price) internal {
        _ghostListing[tokenId] = Marketplace.Listing(seller, uint96(price));
        ghost_everListed[tokenId] = true;
    }

    function _pickToken(uint256 seed) internal view returns (uint256) {
        return _tokens[bound(seed, 0, _tokens.length - 1)];
    }

    /// @dev Prefers a token with a listing (starting from the seed), so buy/cancel/updatePrice rarely skip.
    function _pickListed(uint256 seed) internal view returns (uint256) {
        uint256 n = _tokens.length;
        uint256 start = bound(seed, 0, n - 1);
        for (uint256 i; i < n; ++i) {
            uint256 tokenId = _tokens[(start + i) % n];
            if (_ghostListing[tokenId].seller != address(0)) return tokenId;
        }
        return _tokens[start];
    }

    /// @dev Prefers a token under auction (starting from the seed), so auction actions rarely skip.
    function _pickAuctioned(uint256 seed) internal view returns (uint256) {
        uint256 n = _tokens.length;
        uint256 start = bound(seed, 0, n - 1);
        for (uint256 i; i < n; ++i) {
            uint256 tokenId = _tokens[(start + i) % n];
            if (_ghostAuction[tokenId].seller != address(0)) return tokenId;
        }
        return _tokens[start];
    }

    /// @dev The reference minimum raise: rounded up, at least one unit.
    function _raise(uint256 amount, uint256 bps) internal pure returns (uint256) {
        uint256 raise = amount * bps / 10_000;
        if (raise * 10_000 < amount * bps) ++raise;
        return amount + (raise == 0 ? 1 : raise);
    }

    function _now() internal view returns (uint256) {
        return vm.getBlockTimestamp();
    }

    function _pickActor(uint256 seed) internal view returns (address) {
        return _actors[bound(seed, 0, _actors.length - 1)];
    }

    function _nextActor(address a) internal view returns (address) {
        for (uint256 i; i < _actors.length; ++i) {
            if (_actors[i] == a) return _actors[(i + 1) % _actors.length];
        }
        return _actors[0];
    }

    function _skip(bytes32 action) internal {
        calls[action]++;
    }
}
