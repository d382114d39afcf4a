// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TestBase} from "../utils/Vm.sol";
import {HashrateNFT} from "../../src/HashrateNFT.sol";
import {Marketplace} from "../../src/Marketplace.sol";
import {MockUSDT} from "../../mocks/MockUSDT.sol";

/// @notice Drives the marketplace for the invariant suite: a few actors list, batch-list, reprice, cancel, buy,
/// move NFTs away (making listings stale), the admin changes either fee, anyone withdraws fees.
/// The miner is one of the actors, so sales are of both kinds: the miner's are primary (issuance fee), everyone
/// else's are resales (trading fee); the handler tells them apart on its own (`primaryMiner`), not by asking
/// the marketplace.
/// Every action bounds its inputs and skips what cannot succeed, so no handler call reverts
/// (`fail_on_revert = true`). Actions that *must* fail (buying a stale listing, withdrawing nothing) are tried
/// in try/catch and any unexpected outcome is counted in `ghost_unexpectedOutcomes`.
/// The ghosts mirror what the contracts should hold; the invariant test compares the two.
contract MarketplaceHandler is TestBase {
    enum Move {
        None,
        Sale,
        Transfer
    }

    /// @notice Highest price the handler lists at: 10,000 USDT, so 64 purchases never exhaust an actor.
    uint256 public constant MAX_PRICE = 10_000e6;
    uint256 public constant MAX_BATCH_IN_HANDLER = 8;

    HashrateNFT public immutable nft;
    Marketplace public immutable market;
    MockUSDT public immutable usdt;
    address public immutable admin;
    /// @notice The miner of the product every handled token belongs to: its sales are primary.
    address public immutable primaryMiner;

    address[] internal _actors;
    uint256[] internal _tokens;

    // ------------------------------------------------------------ value ghosts
    uint256 public ghost_paidByBuyers;
    uint256 public ghost_receivedBySellers;
    uint256 public ghost_feesAccrued;
    uint256 public ghost_issuanceFeesAccrued;
    uint256 public ghost_tradingFeesAccrued;
    uint256 public ghost_feesWithdrawn;
    mapping(address actor => uint256) public ghost_paidBy;
    mapping(address actor => uint256) public ghost_receivedBy;

    // ------------------------------------------------------------ ownership ghosts
    mapping(uint256 tokenId => address) public ghost_originalOwner;
    mapping(uint256 tokenId => address) public ghost_owner;
    mapping(uint256 tokenId => bool) public ghost_everListed;
    mapping(uint256 tokenId => Move) public ghost_lastMove;
    mapping(uint256 tokenId => address) public ghost_lastBuyer;
    mapping(uint256 tokenId => Marketplace.Listing) internal _ghostListing;

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
        uint256[] memory tokens_
    ) {
        nft = nft_;
        market = market_;
        usdt = usdt_;
        admin = admin_;
        primaryMiner = primaryMiner_;
        _actors = actors_;
        _tokens = tokens_;
        for (uint256 i; i < tokens_.length; ++i) {
            address owner = nft_.ownerOf(tokens_[i]);
            ghost_originalOwner[tokens_[i]] = owner;
            ghost_owner[tokens_[i]] = owner;
        }
    }

    // ================================================================ actions

    function list(uint256 tokenSeed, uint256 price) external {
        uint256 tokenId = _pickToken(tokenSeed);
        address owner = nft.ownerOf(tokenId);
        if (_ghostListing[tokenId].seller == owner) {
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
            try market.buy(tokenId, l.price) {
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

        bool primary = l.seller == primaryMiner;
        uint256 fee = uint256(l.price) * (primary ? market.issuanceFeeBps() : market.feeBps()) / market.BPS();
        vm.prank(buyer);
        market.buy(tokenId, uint256(l.price) + bound(slack, 0, 1e6));

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
        ghost_receivedBy[l.seller] += l.price - fee;
        delete _ghostListing[tokenId];
        ghost_owner[tokenId] = buyer;
        ghost_lastMove[tokenId] = Move.Sale;
        ghost_lastBuyer[tokenId] = buyer;
        ghost_sales++;
        calls[primary ? bytes32("buy (primary)") : bytes32("buy (resale)")]++;
    }

    /// @notice The owner moves the NFT to another actor outside the marketplace; any listing of the old owner
    /// becomes stale (and the listing mapping is deliberately left as it is).
    function transferAway(uint256 tokenSeed, uint256 toSeed) external {
        uint256 tokenId = _pickToken(tokenSeed);
        address owner = nft.ownerOf(tokenId);
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
        vm.prank(caller);
        market.withdrawFees();
        ghost_feesWithdrawn += amount;
        calls["withdrawFees"]++;
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
