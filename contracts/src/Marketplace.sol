// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IHashrateProducts} from "./interfaces/IHashrateProducts.sol";

/// @title Marketplace
/// @notice Fixed-price sales of hashrate NFTs for one accepted ERC-20 (a USD stablecoin).
/// Listings are non-custodial: the NFT stays with the seller, who approves this contract, until it sells.
/// Each sale pays one fee in basis points, taken from the seller's proceeds, accrued here and withdrawn to the
/// treasury: a *primary sale* (the seller is the product's miner) pays the issuance channel fee, any other sale
/// (a resale) pays the trading fee. See {isPrimarySale}.
/// @dev DEFAULT_ADMIN_ROLE sets both fees and the treasury; it is meant to be held by the timelock.
/// `nft` must also implement {IHashrateProducts} (HashrateNFT does): {buy} asks it for the token's miner.
/// Known limitation of non-custodial listings: a listing whose NFT left the seller cannot be bought (it is
/// "stale"), but it becomes live again if the same NFT returns to the same seller while the approval stands.
/// The app shows every listing of a connected seller, stale ones included, with a cancel button.
contract Marketplace is AccessControl, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice One slot per listing.
    struct Listing {
        address seller;
        uint96 price;
    }

    uint256 public constant BPS = 10_000;
    /// @notice Upper bound of each fee (trading and issuance): 10%.
    uint256 public constant MAX_FEE_BPS = 1_000;
    /// @notice Most tokens one {listBatch} call takes (keeps a batch well inside a block).
    uint256 public constant MAX_BATCH = 500;

    IERC721 public immutable nft;
    IERC20 public immutable paymentToken;

    // Read and written together on every sale: one slot.
    uint16 private _feeBps;
    uint16 private _issuanceFeeBps;
    uint224 private _accruedFees;
    address private _treasury;
    mapping(uint256 tokenId => Listing) private _listings;

    event Listed(uint256 indexed tokenId, address indexed seller, uint256 price);
    event PriceUpdated(uint256 indexed tokenId, address indexed seller, uint256 oldPrice, uint256 newPrice);
    event ListingCancelled(uint256 indexed tokenId, address indexed seller);
    event Sold(uint256 indexed tokenId, address indexed seller, address indexed buyer, uint256 price, uint256 fee);
    event FeeUpdated(uint256 oldFeeBps, uint256 newFeeBps);
    event IssuanceFeeUpdated(uint256 oldFeeBps, uint256 newFeeBps);
    event TreasuryUpdated(address oldTreasury, address newTreasury);
    event FeesWithdrawn(address indexed treasury, uint256 amount);

    error MarketplaceInvalidPrice(uint256 price);
    error MarketplaceNotTokenOwner(uint256 tokenId, address caller, address owner);
    error MarketplaceNotApproved(uint256 tokenId);
    error MarketplaceAlreadyListed(uint256 tokenId);
    error MarketplaceNotListed(uint256 tokenId);
    error MarketplaceNotSeller(uint256 tokenId, address caller, address seller);
    error MarketplacePriceAboveMaximum(uint256 tokenId, uint256 price, uint256 maxPrice);
    error MarketplaceBuyerIsSeller(uint256 tokenId);
    error MarketplaceListingStale(uint256 tokenId, address seller, address owner);
    error MarketplaceBatchSize(uint256 size, uint256 max);
    error MarketplaceFeeTooHigh(uint256 feeBps, uint256 maxFeeBps);
    error MarketplaceInvalidAdmin();
    error MarketplaceInvalidTreasury();
    error MarketplaceNoFees();

    /// @param feeBps_ the trading fee charged on resales.
    /// @param issuanceFeeBps_ the issuance channel fee charged on primary sales (the whitepaper's 5%: 500).
    constructor(
        address admin,
        IERC721 nft_,
        IERC20 paymentToken_,
        address treasury_,
        uint256 feeBps_,
        uint256 issuanceFeeBps_
    ) {
        if (admin == address(0)) revert MarketplaceInvalidAdmin();
        if (treasury_ == address(0)) revert MarketplaceInvalidTreasury();
        if (feeBps_ > MAX_FEE_BPS) revert MarketplaceFeeTooHigh(feeBps_, MAX_FEE_BPS);
        if (issuanceFeeBps_ > MAX_FEE_BPS) revert MarketplaceFeeTooHigh(issuanceFeeBps_, MAX_FEE_BPS);
        nft = nft_;
        paymentToken = paymentToken_;
        _treasury = treasury_;
        // forge-lint: disable-next-line(unsafe-typecast) -- at most MAX_FEE_BPS
        _feeBps = uint16(feeBps_);
        // forge-lint: disable-next-line(unsafe-typecast) -- at most MAX_FEE_BPS
        _issuanceFeeBps = uint16(issuanceFeeBps_);
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        emit TreasuryUpdated(address(0), treasury_);
        emit FeeUpdated(0, feeBps_);
        emit IssuanceFeeUpdated(0, issuanceFeeBps_);
    }

    // ---------------------------------------------------------------- sellers

    /// @notice Lists an NFT you own at a fixed price in the payment token's base units.
    /// @dev The caller must own `tokenId` and have approved this contract (for the token or for all).
    /// A stale listing left by a previous owner is replaced. Emits {Listed}.
    function list(uint256 tokenId, uint256 price) external {
        _checkPrice(price);
        _list(tokenId, price, nft.isApprovedForAll(msg.sender, address(this)));
    }

    /// @notice Lists many NFTs you own at one price each, in one transaction (a miner's primary issue).
    /// @dev Same rules as {list} for every token; all or nothing. Emits {Listed} per token.
    function listBatch(uint256[] calldata tokenIds, uint256 price) external {
        uint256 n = tokenIds.length;
        if (n == 0 || n > MAX_BATCH) revert MarketplaceBatchSize(n, MAX_BATCH);
        _checkPrice(price);
        bool approvedForAll = nft.isApprovedForAll(msg.sender, address(this));
        for (uint256 i; i < n; ++i) {
            _list(tokenIds[i], price, approvedForAll);
        }
    }

    /// @notice Changes the price of your listing. Emits {PriceUpdated}.
    function updatePrice(uint256 tokenId, uint256 newPrice) external {
        _checkPrice(newPrice);
        Listing storage entry = _listings[tokenId];
        address seller = entry.seller;
        if (seller == address(0)) revert MarketplaceNotListed(tokenId);
        if (seller != msg.sender) revert MarketplaceNotSeller(tokenId, msg.sender, seller);
        uint256 oldPrice = entry.price;
        // forge-lint: disable-next-line(unsafe-typecast) -- _checkPrice bounds it to uint96
        entry.price = uint96(newPrice);
        emit PriceUpdated(tokenId, msg.sender, oldPrice, newPrice);
    }

    /// @notice Removes your listing. Emits {ListingCancelled}.
    function cancel(uint256 tokenId) external {
        address seller = _listings[tokenId].seller;
        if (seller == address(0)) revert MarketplaceNotListed(tokenId);
        if (seller != msg.sender) revert MarketplaceNotSeller(tokenId, msg.sender, seller);
        delete _listings[tokenId];
        emit ListingCancelled(tokenId, msg.sender);
    }

    // ---------------------------------------------------------------- buyers

    /// @notice Buys a listed NFT. The buyer pays `price` (approved to this contract); the seller receives
    /// `price - fee`; the fee accrues here for the treasury. The fee is the issuance fee on a primary sale and
    /// the trading fee on a resale ({saleFeeBps}), at the rate in force when the purchase executes.
    /// @param maxPrice the most the buyer accepts to pay: protects against a price raised before inclusion.
    /// @dev Anyone may call. Emits {Sold} with the fee actually charged. Reverts if the listing is missing or
    /// stale, or the buyer is the seller.
    function buy(uint256 tokenId, uint256 maxPrice) external nonReentrant {
        Listing memory sale = _listings[tokenId];
        if (sale.seller == address(0)) revert MarketplaceNotListed(tokenId);
        if (sale.price > maxPrice) revert MarketplacePriceAboveMaximum(tokenId, sale.price, maxPrice);
        if (sale.seller == msg.sender) revert MarketplaceBuyerIsSeller(tokenId);
        address owner = nft.ownerOf(tokenId);
        if (owner != sale.seller) revert MarketplaceListingStale(tokenId, sale.seller, owner);
        bool primary = isPrimarySale(tokenId, sale.seller);

        delete _listings[tokenId];
        uint256 fee = uint256(sale.price) * (primary ? _issuanceFeeBps : _feeBps) / BPS;
        // forge-lint: disable-next-line(unsafe-typecast) -- fee <= price, a uint96
        if (fee != 0) _accruedFees += uint224(fee);
        emit Sold(tokenId, sale.seller, msg.sender, sale.price, fee);

        // One pull of exactly the price, so a short buyer's error names the price, not the seller's share.
        if (fee == 0) {
            paymentToken.safeTransferFrom(msg.sender, sale.seller, sale.price);
        } else {
            paymentToken.safeTransferFrom(msg.sender, address(this), sale.price);
            paymentToken.safeTransfer(sale.seller, sale.price - fee);
        }
        nft.transferFrom(sale.seller, msg.sender, tokenId);
    }

    // ---------------------------------------------------------------- treasury and admin

    /// @notice Sends every accrued fee to the treasury. Anyone may call; the money only goes to the treasury.
    /// @dev Emits {FeesWithdrawn}.
    function withdrawFees() external nonReentrant {
        uint256 amount = _accruedFees;
        if (amount == 0) revert MarketplaceNoFees();
        _accruedFees = 0;
        address treasury_ = _treasury;
        emit FeesWithdrawn(treasury_, amount);
        paymentToken.safeTransfer(treasury_, amount);
    }

    /// @notice Sets the trading fee charged on resales, at most {MAX_FEE_BPS}. Only DEFAULT_ADMIN_ROLE.
    /// Applies to every later purchase, including of existing listings. Emits {FeeUpdated}.
    function setFeeBps(uint256 newFeeBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newFeeBps > MAX_FEE_BPS) revert MarketplaceFeeTooHigh(newFeeBps, MAX_FEE_BPS);
        emit FeeUpdated(_feeBps, newFeeBps);
        // forge-lint: disable-next-line(unsafe-typecast) -- at most MAX_FEE_BPS
        _feeBps = uint16(newFeeBps);
    }

    /// @notice Sets the issuance channel fee charged on primary sales, at most {MAX_FEE_BPS}.
    /// Only DEFAULT_ADMIN_ROLE. Applies to every later purchase, including of existing listings.
    /// Emits {IssuanceFeeUpdated}.
    function setIssuanceFeeBps(uint256 newFeeBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newFeeBps > MAX_FEE_BPS) revert MarketplaceFeeTooHigh(newFeeBps, MAX_FEE_BPS);
        emit IssuanceFeeUpdated(_issuanceFeeBps, newFeeBps);
        // forge-lint: disable-next-line(unsafe-typecast) -- at most MAX_FEE_BPS
        _issuanceFeeBps = uint16(newFeeBps);
    }

    /// @notice Sets where fees go. Only DEFAULT_ADMIN_ROLE. Emits {TreasuryUpdated}.
    function setTreasury(address newTreasury) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newTreasury == address(0)) revert MarketplaceInvalidTreasury();
        emit TreasuryUpdated(_treasury, newTreasury);
        _treasury = newTreasury;
    }

    // ---------------------------------------------------------------- views

    /// @notice The listing of a token; `seller == address(0)` when there is none.
    /// It may be stale: check that `nft.ownerOf(tokenId) == seller`.
    function listing(uint256 tokenId) external view returns (Listing memory) {
        return _listings[tokenId];
    }

    /// @notice Whether `seller` selling `tokenId` is a primary sale: `seller` is the miner of the token's product.
    /// A primary sale pays the issuance channel fee instead of the trading fee. This depends on who sells, not on
    /// the token's history: a token the miner bought back and sells again counts as primary too, because
    /// whenever the miner sells hashrate it owes, it is a primary sale.
    /// @dev Reverts with HashrateNFT's unknown-product error for a token id of no product.
    function isPrimarySale(uint256 tokenId, address seller) public view returns (bool) {
        return seller == IHashrateProducts(address(nft)).minerOf(tokenId);
    }

    /// @notice The fee, in basis points, the current listing of `tokenId` would pay if bought now: {issuanceFeeBps}
    /// when its seller is the product's miner, {feeBps} otherwise. Reverts with {MarketplaceNotListed} when the
    /// token has no listing. The listing may be stale (see {listing}).
    function saleFeeBps(uint256 tokenId) external view returns (uint256) {
        address seller = _listings[tokenId].seller;
        if (seller == address(0)) revert MarketplaceNotListed(tokenId);
        return isPrimarySale(tokenId, seller) ? _issuanceFeeBps : _feeBps;
    }

    /// @notice The trading fee in basis points, charged on resales.
    function feeBps() external view returns (uint256) {
        return _feeBps;
    }

    /// @notice The issuance channel fee in basis points, charged on primary sales.
    function issuanceFeeBps() external view returns (uint256) {
        return _issuanceFeeBps;
    }

    function accruedFees() external view returns (uint256) {
        return _accruedFees;
    }

    function treasury() external view returns (address) {
        return _treasury;
    }

    // ---------------------------------------------------------------- internal

    function _checkPrice(uint256 price) private pure {
        if (price == 0 || price > type(uint96).max) revert MarketplaceInvalidPrice(price);
    }

    function _list(uint256 tokenId, uint256 price, bool approvedForAll) private {
        address owner = nft.ownerOf(tokenId);
        if (owner != msg.sender) revert MarketplaceNotTokenOwner(tokenId, msg.sender, owner);
        if (!approvedForAll && nft.getApproved(tokenId) != address(this)) revert MarketplaceNotApproved(tokenId);
        if (_listings[tokenId].seller == msg.sender) revert MarketplaceAlreadyListed(tokenId);
        // forge-lint: disable-next-line(unsafe-typecast) -- _checkPrice bounds it to uint96
        _listings[tokenId] = Listing(msg.sender, uint96(price));
        emit Listed(tokenId, msg.sender, price);
    }
}
