// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IHashrateProducts} from "./interfaces/IHashrateProducts.sol";
import {IRevenueEscrow} from "./interfaces/IRevenueEscrow.sol";
import {IUnmintedSaleChannel} from "./interfaces/IUnmintedSaleChannel.sol";

/// @notice The promotion nodes' commission on a primary sale bought through a node's link (PromotionNodes).
interface IPromotionNodes {
    function credit(address referrer, uint256 fee, uint256 tokenId) external returns (uint256 total);
}

/// @title Marketplace
/// @notice Fixed-price sales and English auctions of hashrate NFTs for one accepted ERC-20 (a USD stablecoin).
/// Fixed-price listings are non-custodial: the NFT stays with the seller, who approves this contract, until it
/// sells. Auctions are custodial: the NFT moves here when the auction is created and leaves at settlement (to the
/// winner, or back to the seller when nobody bid) or cancellation; bids are held here too.
/// Outbid bidders are never pushed their money: it is credited to them ({refundOf}) and they pull it with
/// {withdrawRefund}, so no bidder (a contract that reverts or burns gas) can block later bids or settlement.
/// Each sale pays one fee in basis points, taken from the seller's proceeds and accrued here: a *primary sale* (the
/// token's first sale, whoever sells it: HashrateNFT's never-sold mark) pays the issuance channel fee, any other
/// sale (a resale) pays the trading fee. See {isPrimarySale}. {withdrawFees} sends {insuranceShareBps} of the accrued fees to the insurance fund and the rest
/// to the treasury.
/// The proceeds of a primary sale (fixed price or auction) never go to the miner directly: they are transferred to
/// the {escrow} (RevenueEscrow) and credited to the token there (by the NFT's `transferFromFirstSale`, which this
/// contract calls as the NFT's sale channel), which releases them to the miner day by day over the product's term.
/// A fixed-price primary buyer pays the whole price to the escrow in one transfer; its fee waits there
/// ({escrowedFees}) until {withdrawFees}. Resale proceeds go to the seller.
/// @dev DEFAULT_ADMIN_ROLE sets both fees, the treasury, the insurance fund and its share; it is meant to be held
/// by the timelock. This contract must hold the escrow's DEPOSITOR_ROLE, or {withdrawFees} cannot take the fees
/// waiting in the escrow out. `nft` must also implement {IHashrateProducts} (HashrateNFT does): {buy} asks it
/// whether the token was ever sold, and must name this contract its sale channel (the only operator that may move
/// unsold tokens, without an approval, and sell them for the first time).
/// The payment token must be a plain ERC-20: every pull into this contract checks that the balance rose by exactly
/// the amount ({MarketplaceTransferShort} otherwise), so a fee-on-transfer token cannot leave the escrow or bidders
/// short.
/// What a buyer sees is what a buyer gets: a fixed-price listing is non-custodial, so its seller could take the
/// NFT's value out (claim its escrow refund, yield or insurance payout) in front of a purchase. {buy} therefore
/// takes the token's claim nonce (HashrateNFT `claimNonce`, bumped by each of those claims) as the buyer saw it and
/// fails when it moved. Auctions need no such check: the NFT is held here from creation to settlement, and every
/// claim pays only the token's holder, which this contract never is as a claimant.
/// Known limitation of non-custodial listings: a listing whose NFT left the seller cannot be bought (it is
/// "stale"), but it becomes live again if the same NFT returns to the same seller while the approval stands.
/// The app shows every listing of a connected seller, stale ones included, with a cancel button.
contract Marketplace is AccessControl, ReentrancyGuardTransient, IUnmintedSaleChannel {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @notice One slot per listing.
    struct Listing {
        address seller;
        uint96 price;
    }

    /// @notice A product's NFTs on sale unminted (HashrateNFT `listUnminted`), one slot per product: the price of
    /// each (0 while its miner has withdrawn the sale), the serial of the next NFT a buyer gets and of the last, and
    /// the issuance fees of its purchases not yet collected ({collectProductFees}; they wait in the escrow).
    struct ProductSale {
        uint96 price;
        uint32 next;
        uint32 last;
        uint96 fees;
    }

    /// @notice A live auction, as {auction} returns it. `highestBidder == address(0)` while nobody has bid.
    struct Auction {
        address seller;
        uint40 endTime;
        uint16 minIncrementBps;
        address highestBidder;
        uint96 highestBid;
        uint96 reservePrice;
    }

    /// @dev Stored in two slots: while nobody has bid, `bid` holds the reserve price (the first bid must reach
    /// it); afterwards the reserve no longer matters and `bid` is the highest bid.
    struct AuctionSlot {
        address seller;
        uint40 endTime;
        uint16 minIncrementBps;
        address bidder;
        uint96 bid;
    }

    uint256 public constant BPS = 10_000;
    /// @notice Upper bound of each fee (trading and issuance): 10%.
    uint256 public constant MAX_FEE_BPS = 1_000;
    /// @notice Most tokens one {listBatch} call takes (keeps a batch well inside a block).
    uint256 public constant MAX_BATCH = 500;
    /// @notice Shortest and longest auction.
    uint256 public constant MIN_AUCTION_DURATION = 1 hours;
    uint256 public constant MAX_AUCTION_DURATION = 30 days;
    /// @notice Largest minimum raise between bids: 50%.
    uint256 public constant MAX_MIN_INCREMENT_BPS = 5_000;
    /// @notice Longest anti-sniping window {setExtensionWindow} accepts.
    uint256 public constant MAX_EXTENSION_WINDOW = 1 days;

    /// @notice Largest {insuranceShareBps}: all of the fees.
    uint256 public constant MAX_INSURANCE_SHARE_BPS = BPS;

    IERC721 public immutable nft;
    IERC20 public immutable paymentToken;
    /// @notice Where primary-sale proceeds go (the RevenueEscrow).
    IRevenueEscrow public immutable escrow;

    // Read and written together on every sale: one slot. `_accruedFees` are held here (resales, auctions);
    // `_escrowedFees` in the escrow (a fixed-price primary sale's buyer pays its whole price there).
    uint16 private _feeBps;
    uint16 private _issuanceFeeBps;
    uint112 private _accruedFees;
    uint112 private _escrowedFees;
    address private _treasury;
    /// @dev A bid placed less than this before the end moves the end to `block.timestamp + window`.
    uint32 private _extensionWindow = 10 minutes;
    uint16 private _insuranceShareBps;
    address private _insuranceFund;
    mapping(uint256 tokenId => Listing) private _listings;
    mapping(uint256 tokenId => AuctionSlot) private _auctions;
    mapping(address bidder => uint256) private _refunds;
    /// @dev The promotion nodes' commissions, part of the accrued fees, sent to {nodes} at {withdrawFees}.
    IPromotionNodes private _nodes;
    uint256 private _commissions;
    /// @dev The promotion node whose link brought the auction's highest bid (zero: none).
    mapping(uint256 tokenId => address referrer) private _bidReferrers;
    mapping(uint256 productId => ProductSale) private _productSales;
    uint256 private constant TOKENS_PER_PRODUCT = 1_000_000;

    event Listed(uint256 indexed tokenId, address indexed seller, uint256 price);
    event PriceUpdated(uint256 indexed tokenId, address indexed seller, uint256 oldPrice, uint256 newPrice);
    event ListingCancelled(uint256 indexed tokenId, address indexed seller);
    event Sold(uint256 indexed tokenId, address indexed seller, address indexed buyer, uint256 price, uint256 fee);
    /// @notice The NFTs `firstTokenId` ... `firstTokenId + quantity - 1` of `productId` are on sale unminted at
    /// `price` each: each buyer of {buyProduct} gets the next one, minted to it.
    event ProductListed(
        uint256 indexed productId, address indexed seller, uint256 firstTokenId, uint256 quantity, uint256 price
    );
    /// @notice The price of a product's unminted NFTs changed (from 0: the sale was withdrawn and is back).
    event ProductPriceUpdated(uint256 indexed productId, address indexed seller, uint256 oldPrice, uint256 newPrice);
    /// @notice `amount` of issuance fees waiting in the product's unminted sale were booked for {withdrawFees}.
    event ProductFeesCollected(uint256 indexed productId, uint256 amount);
    /// @notice The product's miner withdrew the sale of its unminted NFTs ({setProductPrice} puts it back).
    event ProductListingCancelled(uint256 indexed productId, address indexed seller);
    event FeeUpdated(uint256 oldFeeBps, uint256 newFeeBps);
    event IssuanceFeeUpdated(uint256 oldFeeBps, uint256 newFeeBps);
    event TreasuryUpdated(address oldTreasury, address newTreasury);
    /// @param amount what went to the treasury (the accrued fees minus the insurance share).
    event FeesWithdrawn(address indexed treasury, uint256 amount);
    /// @notice {withdrawFees} sent `amount`, the insurance share of the accrued fees, to the insurance fund.
    event InsuranceShareWithdrawn(address indexed insuranceFund, uint256 amount);
    event InsuranceFundUpdated(address oldFund, address newFund);
    /// @notice {withdrawFees} sent `amount`, the promotion nodes' commissions, to the nodes' contract.
    event CommissionsWithdrawn(address indexed nodes, uint256 amount);
    event NodesUpdated(address oldNodes, address newNodes);
    event InsuranceShareUpdated(uint256 oldShareBps, uint256 newShareBps);

    event AuctionCreated(
        uint256 indexed tokenId, address indexed seller, uint256 reservePrice, uint256 endTime, uint256 minIncrementBps
    );
    /// @param endTime the auction's end after this bid (later than before when the bid extended it).
    event BidPlaced(uint256 indexed tokenId, address indexed bidder, uint256 amount, uint256 endTime);
    event AuctionCancelled(uint256 indexed tokenId, address indexed seller);
    /// @param winner address(0) when nobody bid and the NFT went back to the seller (then amount and fee are 0).
    event AuctionSettled(
        uint256 indexed tokenId, address indexed seller, address indexed winner, uint256 amount, uint256 fee
    );
    /// @notice `amount` was credited to `account` for withdrawal: an outbid bid, or a seller's proceeds the token
    /// refused to transfer.
    event RefundCredited(address indexed account, uint256 indexed tokenId, uint256 amount);
    event RefundWithdrawn(address indexed account, uint256 amount);
    event ExtensionWindowUpdated(uint256 oldWindow, uint256 newWindow);

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
    /// @notice The nodes' contract asked for more than the sale's fee: refused.
    error MarketplaceCommissionTooHigh(uint256 commission, uint256 fee);
    error MarketplaceInvalidDuration(uint256 duration, uint256 min, uint256 max);
    error MarketplaceInvalidIncrement(uint256 minIncrementBps, uint256 max);
    error MarketplaceInvalidExtensionWindow(uint256 window, uint256 max);
    error MarketplaceNoAuction(uint256 tokenId);
    error MarketplaceAuctionEnded(uint256 tokenId, uint256 endTime);
    error MarketplaceAuctionNotEnded(uint256 tokenId, uint256 endTime);
    error MarketplaceBidTooLow(uint256 tokenId, uint256 amount, uint256 minBid);
    error MarketplaceSellerCannotBid(uint256 tokenId);
    error MarketplaceAuctionHasBids(uint256 tokenId);
    error MarketplaceNoRefund(address account);
    error MarketplaceInvalidEscrow();
    error MarketplaceInvalidInsuranceFund();
    error MarketplaceInsuranceShareTooHigh(uint256 shareBps, uint256 maxShareBps);
    /// @notice The payment token delivered less than it was asked to (a fee-on-transfer token): refused.
    error MarketplaceTransferShort(uint256 expected, uint256 received);
    /// @notice Only the NFT records a product's NFTs on sale unminted.
    error MarketplaceNotNft(address caller);
    /// @notice The product has no NFTs on sale unminted, or its miner withdrew the sale.
    error MarketplaceProductNotListed(uint256 productId);
    /// @notice Every NFT of the product on sale unminted has been bought.
    error MarketplaceProductSoldOut(uint256 productId);
    /// @notice Only the product's miner changes or withdraws the sale of its unminted NFTs.
    error MarketplaceNotProductMiner(uint256 productId, address caller, address miner);
    /// @notice Value was paid out of the NFT (refund, yield, insurance) after the buyer looked at it: its claim
    /// nonce is `actual`, the buyer committed to `expected`.
    error MarketplaceTokenValueChanged(uint256 tokenId, uint256 expected, uint256 actual);

    /// @param feeBps_ the trading fee charged on resales.
    /// @param issuanceFeeBps_ the issuance channel fee charged on primary sales (the whitepaper's 5%: 500).
    /// @param escrow_ the RevenueEscrow receiving primary-sale proceeds (its payment token must be `paymentToken_`).
    /// @param insuranceFund_ receives {insuranceShareBps} of the fees at {withdrawFees}.
    /// @param insuranceShareBps_ that share, at most {MAX_INSURANCE_SHARE_BPS}.
    constructor(
        address admin,
        IERC721 nft_,
        IERC20 paymentToken_,
        address treasury_,
        uint256 feeBps_,
        uint256 issuanceFeeBps_,
        IRevenueEscrow escrow_,
        address insuranceFund_,
        uint256 insuranceShareBps_
    ) {
        if (admin == address(0)) revert MarketplaceInvalidAdmin();
        if (treasury_ == address(0)) revert MarketplaceInvalidTreasury();
        if (feeBps_ > MAX_FEE_BPS) revert MarketplaceFeeTooHigh(feeBps_, MAX_FEE_BPS);
        if (issuanceFeeBps_ > MAX_FEE_BPS) revert MarketplaceFeeTooHigh(issuanceFeeBps_, MAX_FEE_BPS);
        if (address(escrow_) == address(0)) revert MarketplaceInvalidEscrow();
        if (insuranceFund_ == address(0)) revert MarketplaceInvalidInsuranceFund();
        if (insuranceShareBps_ > MAX_INSURANCE_SHARE_BPS) {
            revert MarketplaceInsuranceShareTooHigh(insuranceShareBps_, MAX_INSURANCE_SHARE_BPS);
        }
        nft = nft_;
        paymentToken = paymentToken_;
        escrow = escrow_;
        _insuranceFund = insuranceFund_;
        // forge-lint: disable-next-line(unsafe-typecast) -- at most BPS
        _insuranceShareBps = uint16(insuranceShareBps_);
        emit InsuranceFundUpdated(address(0), insuranceFund_);
        emit InsuranceShareUpdated(0, insuranceShareBps_);
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

    /// @inheritdoc IUnmintedSaleChannel
    /// @dev Only the NFT (its `listUnminted`, which only its issuer, the MinerRegistry, calls for an active miner).
    function listProduct(uint256 productId, address miner, uint256 firstTokenId, uint256 quantity, uint256 price)
        external
    {
        if (msg.sender != address(nft)) revert MarketplaceNotNft(msg.sender);
        _checkPrice(price);
        uint256 first = firstTokenId % TOKENS_PER_PRODUCT;
        // forge-lint: disable-next-line(unsafe-typecast) -- _checkPrice bounds it to uint96; serials < 1e6
        _productSales[productId] = ProductSale(uint96(price), uint32(first), uint32(first + quantity - 1), 0);
        emit ProductListed(productId, miner, firstTokenId, quantity, price);
    }

    /// @notice Sets the price of your product's unminted NFTs, or puts their sale back after {cancelProduct}.
    /// @dev Only the product's miner. Emits {ProductPriceUpdated}.
    function setProductPrice(uint256 productId, uint256 newPrice) external {
        _checkPrice(newPrice);
        ProductSale storage sale = _productSales[productId];
        if (sale.last == 0) revert MarketplaceProductNotListed(productId);
        address miner = _checkProductMiner(productId);
        uint256 oldPrice = sale.price;
        // forge-lint: disable-next-line(unsafe-typecast) -- _checkPrice bounds it to uint96
        sale.price = uint96(newPrice);
        emit ProductPriceUpdated(productId, miner, oldPrice, newPrice);
    }

    /// @notice Withdraws the sale of your product's unminted NFTs (they stay unminted; {setProductPrice} puts them
    /// back on sale). Emits {ProductListingCancelled}.
    function cancelProduct(uint256 productId) external {
        ProductSale storage sale = _productSales[productId];
        if (sale.price == 0) revert MarketplaceProductNotListed(productId);
        address miner = _checkProductMiner(productId);
        sale.price = 0;
        emit ProductListingCancelled(productId, miner);
    }

    // ---------------------------------------------------------------- buyers

    /// @notice Buys the next unminted NFT of a product on sale ({productSale}): it is minted to you, its first sale.
    /// The whole price goes to the {escrow}, credited to the new token (the issuance fee waits there, as for
    /// {buy} of a primary sale). The NFT is new, so nothing was taken out of it: no claim nonce is needed.
    /// @param maxPrice the most the buyer accepts to pay: protects against a price raised before inclusion.
    /// @return tokenId the NFT minted to the buyer.
    /// @dev Emits {Sold} (seller: the product's miner) after the NFT's {Transfer} from address(0) (no `FirstSale`:
    /// a token minted to its buyer is sold from birth).
    function buyProduct(uint256 productId, uint256 maxPrice) external nonReentrant returns (uint256 tokenId) {
        (tokenId,) = _buyProduct(productId, maxPrice, false);
    }

    /// @notice {buyProduct} through a promotion node's link, as {buyReferred}.
    function buyProductReferred(uint256 productId, uint256 maxPrice, address referrer)
        external
        nonReentrant
        returns (uint256 tokenId)
    {
        uint256 fee;
        (tokenId, fee) = _buyProduct(productId, maxPrice, true);
        _payCommission(fee, referrer, tokenId);
    }

    /// @dev A `referred` purchase books its fee with the collected fees at once (its commission is part of them);
    /// any other keeps it in the product's sale slot, which the purchase writes anyway.
    function _buyProduct(uint256 productId, uint256 maxPrice, bool referred)
        private
        returns (uint256 tokenId, uint256 fee)
    {
        ProductSale memory sale = _productSales[productId];
        uint256 price = sale.price;
        if (price == 0) revert MarketplaceProductNotListed(productId);
        if (sale.next > sale.last) revert MarketplaceProductSoldOut(productId);
        tokenId = productId * TOKENS_PER_PRODUCT + sale.next;
        if (price > maxPrice) revert MarketplacePriceAboveMaximum(tokenId, price, maxPrice);
        fee = price * _issuanceFeeBps / BPS;
        unchecked {
            sale.next += 1; // at most last + 1, a uint32
        }
        // forge-lint: disable-next-line(unsafe-typecast) -- fee <= price, a uint96
        if (!referred) sale.fees += uint96(fee);
        // forge-lint: disable-next-line(unsafe-typecast) -- fee <= price, a uint96
        else if (fee != 0) _escrowedFees += uint112(fee);
        _productSales[productId] = sale;
        _pullToEscrow(price);
        address miner = IHashrateProducts(address(nft)).mintFirstSale(msg.sender, tokenId, escrow, price - fee);
        if (miner == msg.sender) revert MarketplaceBuyerIsSeller(tokenId);
        emit Sold(tokenId, miner, msg.sender, price, fee);
    }

    /// @notice Buys a listed NFT. The buyer pays `price` (approved to this contract); `price - fee` goes to the
    /// seller on a resale and to the {escrow}, credited to the token, on a primary sale (the escrow emits its
    /// `Credited`); the fee accrues here. The fee is the issuance fee on a primary sale and
    /// the trading fee on a resale ({saleFeeBps}), at the rate in force when the purchase executes.
    /// @param maxPrice the most the buyer accepts to pay: protects against a price raised before inclusion.
    /// @param claimNonce the token's `claimNonce` as the buyer saw it (HashrateNFT): if the seller took value out
    /// of the NFT since (an escrow refund, yield, an insurance payout), the purchase fails
    /// {MarketplaceTokenValueChanged} instead of buying an NFT emptied in front of the buyer.
    /// @dev Anyone may call. Emits {Sold} with the fee actually charged. Reverts if the listing is missing or
    /// stale, or the buyer is the seller.
    function buy(uint256 tokenId, uint256 maxPrice, uint256 claimNonce) external nonReentrant {
        _buy(tokenId, maxPrice, claimNonce);
    }

    /// @notice {buy} through a promotion node's link: on a primary sale the node (and the main node of a light
    /// node) is credited its commission out of the issuance fee ({nodes}); the buyer pays the same price. A
    /// referrer that is not an active node, or the buyer itself, earns nothing.
    function buyReferred(uint256 tokenId, uint256 maxPrice, uint256 claimNonce, address referrer) external nonReentrant {
        (bool primary, uint256 fee) = _buy(tokenId, maxPrice, claimNonce);
        if (primary) _payCommission(fee, referrer, tokenId);
    }

    /// @dev Credits the promotion node `referrer` its commission out of a primary sale's `fee` (see {buyReferred}).
    function _payCommission(uint256 fee, address referrer, uint256 tokenId) private {
        IPromotionNodes nodes_ = _nodes;
        if (fee != 0 && referrer != address(0) && referrer != msg.sender && address(nodes_) != address(0)) {
            uint256 commission = nodes_.credit(referrer, fee, tokenId);
            if (commission > fee) revert MarketplaceCommissionTooHigh(commission, fee);
            _commissions += commission;
        }
    }

    function _buy(uint256 tokenId, uint256 maxPrice, uint256 claimNonce) private returns (bool primary, uint256 fee) {
        Listing memory sale = _listings[tokenId];
        if (sale.seller == address(0)) revert MarketplaceNotListed(tokenId);
        if (sale.price > maxPrice) revert MarketplacePriceAboveMaximum(tokenId, sale.price, maxPrice);
        if (sale.seller == msg.sender) revert MarketplaceBuyerIsSeller(tokenId);
        (address owner, bool sold, uint256 nonce) = IHashrateProducts(address(nft)).saleState(tokenId);
        if (owner != sale.seller) revert MarketplaceListingStale(tokenId, sale.seller, owner);
        if (nonce != claimNonce) revert MarketplaceTokenValueChanged(tokenId, claimNonce, nonce);
        primary = !sold;

        delete _listings[tokenId];
        fee = uint256(sale.price) * (primary ? _issuanceFeeBps : _feeBps) / BPS;
        emit Sold(tokenId, sale.seller, msg.sender, sale.price, fee);

        // One pull of exactly the price, so a short buyer's error names the price, not the seller's share.
        if (primary) {
            // The whole price goes to the escrow in one transfer; the fee part waits there for {withdrawFees}.
            // forge-lint: disable-next-line(unsafe-typecast) -- fee <= price, a uint96
            if (fee != 0) _escrowedFees += uint112(fee);
            _pullToEscrow(sale.price);
            IHashrateProducts(address(nft)).transferFromFirstSale(sale.seller, msg.sender, tokenId, escrow, sale.price - fee);
            return (primary, fee);
        }
        // forge-lint: disable-next-line(unsafe-typecast) -- fee <= price, a uint96
        if (fee != 0) _accruedFees += uint112(fee);
        if (fee == 0) {
            paymentToken.safeTransferFrom(msg.sender, sale.seller, sale.price);
        } else {
            _pullHere(sale.price);
            paymentToken.safeTransfer(sale.seller, sale.price - fee);
        }
        nft.transferFrom(sale.seller, msg.sender, tokenId);
    }

    // ---------------------------------------------------------------- auctions

    /// @notice Puts an NFT you own up for an English auction: it moves into this contract until the auction is
    /// settled or cancelled. Bids are in the payment token; the first must reach `reservePrice`, each later one
    /// must beat the highest by at least `minIncrementBps` (at least one base unit). A bid less than
    /// {extensionWindow} before the end extends the end to that long after the bid.
    /// @dev The caller must own `tokenId` and have approved this contract. A fixed-price listing of the token is
    /// removed (the NFT is no longer with its seller). Emits {AuctionCreated}.
    function createAuction(uint256 tokenId, uint256 reservePrice, uint256 duration, uint256 minIncrementBps)
        external
        nonReentrant
    {
        _checkPrice(reservePrice);
        if (duration < MIN_AUCTION_DURATION || duration > MAX_AUCTION_DURATION) {
            revert MarketplaceInvalidDuration(duration, MIN_AUCTION_DURATION, MAX_AUCTION_DURATION);
        }
        if (minIncrementBps == 0 || minIncrementBps > MAX_MIN_INCREMENT_BPS) {
            revert MarketplaceInvalidIncrement(minIncrementBps, MAX_MIN_INCREMENT_BPS);
        }
        uint256 endTime = block.timestamp + duration;
        // forge-lint: disable-next-line(unsafe-typecast) -- bounded above; uint40 lasts 34,000 years
        _auctions[tokenId] = AuctionSlot(msg.sender, uint40(endTime), uint16(minIncrementBps), address(0), uint96(reservePrice));
        if (_listings[tokenId].seller != address(0)) delete _listings[tokenId];
        emit AuctionCreated(tokenId, msg.sender, reservePrice, endTime, minIncrementBps);
        // Reverts with the NFT's own error when the caller is not the owner or has not approved this contract.
        nft.transferFrom(msg.sender, address(this), tokenId);
    }

    /// @notice Bids `amount` of the payment token (approved to this contract) on a live auction. The amount is
    /// held here; when you are outbid it is credited to you ({refundOf}) to withdraw.
    /// @dev Emits {BidPlaced} and, for the previous highest bidder, {RefundCredited}.
    function bid(uint256 tokenId, uint256 amount) external nonReentrant {
        _bid(tokenId, amount);
        // The previous highest bid's node brought a bid that is no longer the winner's.
        if (_bidReferrers[tokenId] != address(0)) delete _bidReferrers[tokenId];
    }

    /// @notice {bid} through a promotion node's link: if this bid wins a primary sale, the node (and the main node
    /// of a light node) is credited its commission out of the issuance fee at {settle}; the bidder pays the same.
    /// A referrer that is not an active node, or the bidder itself, earns nothing.
    function bidReferred(uint256 tokenId, uint256 amount, address referrer) external nonReentrant {
        _bid(tokenId, amount);
        _bidReferrers[tokenId] = referrer == msg.sender ? address(0) : referrer;
    }

    function _bid(uint256 tokenId, uint256 amount) private {
        AuctionSlot storage a = _auctions[tokenId];
        address seller = a.seller;
        if (seller == address(0)) revert MarketplaceNoAuction(tokenId);
        uint256 endTime = a.endTime;
        if (block.timestamp >= endTime) revert MarketplaceAuctionEnded(tokenId, endTime);
        if (msg.sender == seller) revert MarketplaceSellerCannotBid(tokenId);
        address previous = a.bidder;
        uint256 previousBid = a.bid;
        uint256 minBid = previous == address(0) ? previousBid : _raise(previousBid, a.minIncrementBps);
        if (amount < minBid) revert MarketplaceBidTooLow(tokenId, amount, minBid);
        if (amount > type(uint96).max) revert MarketplaceInvalidPrice(amount);

        uint256 window = _extensionWindow;
        if (endTime - block.timestamp < window) {
            endTime = block.timestamp + window;
            // forge-lint: disable-next-line(unsafe-typecast) -- now + at most a day
            a.endTime = uint40(endTime);
        }
        a.bidder = msg.sender;
        // forge-lint: disable-next-line(unsafe-typecast) -- checked above
        a.bid = uint96(amount);
        if (previous != address(0)) {
            _refunds[previous] += previousBid;
            emit RefundCredited(previous, tokenId, previousBid);
        }
        emit BidPlaced(tokenId, msg.sender, amount, endTime);
        _pullHere(amount);
    }

    /// @notice Ends an auction after its end time. Anyone may call. With a bid: the NFT goes to the highest
    /// bidder and the bid minus the fee to the seller on a resale, to the {escrow} (credited to the token) on a
    /// primary sale ({isPrimarySale} decides, as for {buy}). Without one (the reserve was never met): the NFT goes
    /// back to the seller.
    /// @dev The NFT moves with `transferFrom`, so a winner contract cannot refuse it and block settlement. If the
    /// token refuses to pay the seller, the proceeds are credited to the seller to withdraw instead.
    /// Emits {AuctionSettled}.
    function settle(uint256 tokenId) external nonReentrant {
        AuctionSlot memory a = _auctions[tokenId];
        if (a.seller == address(0)) revert MarketplaceNoAuction(tokenId);
        if (block.timestamp < a.endTime) revert MarketplaceAuctionNotEnded(tokenId, a.endTime);
        delete _auctions[tokenId];
        address referrer = _bidReferrers[tokenId];
        if (referrer != address(0)) delete _bidReferrers[tokenId];

        if (a.bidder == address(0)) {
            emit AuctionSettled(tokenId, a.seller, address(0), 0, 0);
            nft.transferFrom(address(this), a.seller, tokenId);
            return;
        }
        bool primary = isPrimarySale(tokenId);
        uint256 fee = uint256(a.bid) * (primary ? _issuanceFeeBps : _feeBps) / BPS;
        // forge-lint: disable-next-line(unsafe-typecast) -- fee <= bid, a uint96
        if (fee != 0) _accruedFees += uint112(fee);
        emit AuctionSettled(tokenId, a.seller, a.bidder, a.bid, fee);
        uint256 proceeds = a.bid - fee;
        if (referrer != address(0) && primary && fee != 0 && address(_nodes) != address(0)) {
            uint256 commission = _nodes.credit(referrer, fee, tokenId);
            if (commission > fee) revert MarketplaceCommissionTooHigh(commission, fee);
            _commissions += commission;
        }
        if (primary) {
            // The escrow is protocol infrastructure, not a party: it cannot refuse, so no fallback credit here.
            paymentToken.safeTransfer(address(escrow), proceeds);
            IHashrateProducts(address(nft)).transferFromFirstSale(address(this), a.bidder, tokenId, escrow, proceeds);
            return;
        }
        if (!paymentToken.trySafeTransfer(a.seller, proceeds)) {
            _refunds[a.seller] += proceeds;
            emit RefundCredited(a.seller, tokenId, proceeds);
        }
        nft.transferFrom(address(this), a.bidder, tokenId);
    }

    /// @notice Cancels your auction before anyone bid; the NFT comes back to you. Emits {AuctionCancelled}.
    function cancelAuction(uint256 tokenId) external nonReentrant {
        AuctionSlot storage a = _auctions[tokenId];
        address seller = a.seller;
        if (seller == address(0)) revert MarketplaceNoAuction(tokenId);
        if (seller != msg.sender) revert MarketplaceNotSeller(tokenId, msg.sender, seller);
        if (a.bidder != address(0)) revert MarketplaceAuctionHasBids(tokenId);
        delete _auctions[tokenId];
        emit AuctionCancelled(tokenId, msg.sender);
        nft.transferFrom(address(this), msg.sender, tokenId);
    }

    /// @notice Sends you everything credited to you: outbid bids (and proceeds the token refused to pay out).
    /// @dev Emits {RefundWithdrawn}.
    function withdrawRefund() external nonReentrant {
        uint256 amount = _refunds[msg.sender];
        if (amount == 0) revert MarketplaceNoRefund(msg.sender);
        _refunds[msg.sender] = 0;
        emit RefundWithdrawn(msg.sender, amount);
        paymentToken.safeTransfer(msg.sender, amount);
    }

    // ---------------------------------------------------------------- treasury and admin

    /// @notice Books the issuance fees waiting in each product's unminted sale ({productSale}) with the fees
    /// {withdrawFees} sends; anyone may call it. Products without such fees are skipped. Emits {ProductFeesCollected}
    /// per product with fees.
    function collectProductFees(uint256[] calldata productIds) external {
        uint256 total;
        for (uint256 i; i < productIds.length; ++i) {
            ProductSale storage sale = _productSales[productIds[i]];
            uint256 fees = sale.fees;
            if (fees == 0) continue;
            sale.fees = 0;
            total += fees;
            emit ProductFeesCollected(productIds[i], fees);
        }
        if (total != 0) _escrowedFees = (uint256(_escrowedFees) + total).toUint112();
    }

    /// @notice Sends every accrued fee out: {insuranceShareBps} of it (rounded down) to the insurance fund, the
    /// rest to the treasury. Anyone may call; the money only goes to those two.
    /// @dev Emits {InsuranceShareWithdrawn} (when the share is non-zero) and {FeesWithdrawn}.
    function withdrawFees() external nonReentrant {
        uint256 escrowed = _escrowedFees;
        uint256 amount = _accruedFees + escrowed;
        if (amount == 0) revert MarketplaceNoFees();
        _accruedFees = 0;
        _escrowedFees = 0;
        if (escrowed != 0) escrow.payFees(address(this), escrowed);
        uint256 commissions = _commissions;
        if (commissions != 0) {
            _commissions = 0;
            amount -= commissions;
            emit CommissionsWithdrawn(address(_nodes), commissions);
            paymentToken.safeTransfer(address(_nodes), commissions);
        }
        uint256 share = amount * _insuranceShareBps / BPS;
        address treasury_ = _treasury;
        if (share != 0) {
            address fund = _insuranceFund;
            emit InsuranceShareWithdrawn(fund, share);
            paymentToken.safeTransfer(fund, share);
        }
        emit FeesWithdrawn(treasury_, amount - share);
        if (amount != share) paymentToken.safeTransfer(treasury_, amount - share);
    }

    /// @notice Sets where the insurance share of the fees goes; not zero. Only DEFAULT_ADMIN_ROLE.
    /// Emits {InsuranceFundUpdated}.
    function setInsuranceFund(address newFund) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newFund == address(0)) revert MarketplaceInvalidInsuranceFund();
        emit InsuranceFundUpdated(_insuranceFund, newFund);
        _insuranceFund = newFund;
    }

    /// @notice Sets the share of the fees {withdrawFees} sends to the insurance fund, at most
    /// {MAX_INSURANCE_SHARE_BPS}. Only DEFAULT_ADMIN_ROLE. Applies to fees accrued before too.
    /// Emits {InsuranceShareUpdated}.
    function setInsuranceShareBps(uint256 newShareBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newShareBps > MAX_INSURANCE_SHARE_BPS) {
            revert MarketplaceInsuranceShareTooHigh(newShareBps, MAX_INSURANCE_SHARE_BPS);
        }
        emit InsuranceShareUpdated(_insuranceShareBps, newShareBps);
        // forge-lint: disable-next-line(unsafe-typecast) -- at most BPS
        _insuranceShareBps = uint16(newShareBps);
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

    /// @notice Sets the anti-sniping window: a bid placed less than `newWindow` seconds before an auction's end
    /// moves the end to `newWindow` after the bid. At most {MAX_EXTENSION_WINDOW}; 0 turns extensions off.
    /// Only DEFAULT_ADMIN_ROLE. Applies to live auctions too. Emits {ExtensionWindowUpdated}.
    function setExtensionWindow(uint256 newWindow) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newWindow > MAX_EXTENSION_WINDOW) revert MarketplaceInvalidExtensionWindow(newWindow, MAX_EXTENSION_WINDOW);
        emit ExtensionWindowUpdated(_extensionWindow, newWindow);
        // forge-lint: disable-next-line(unsafe-typecast) -- at most a day
        _extensionWindow = uint32(newWindow);
    }

    /// @notice Sets the promotion nodes' contract (commissions on sales bought through a node's link). Only
    /// DEFAULT_ADMIN_ROLE. Commissions already credited are sent to the new one at the next {withdrawFees}.
    function setNodes(address nodes_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        emit NodesUpdated(address(_nodes), nodes_);
        _nodes = IPromotionNodes(nodes_);
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

    /// @notice The auction of a token; `seller == address(0)` when there is none (never created, settled or
    /// cancelled). An auction past its `endTime` is over but holds the NFT until someone calls {settle}.
    function auction(uint256 tokenId) external view returns (Auction memory) {
        AuctionSlot memory a = _auctions[tokenId];
        bool bids = a.bidder != address(0);
        return Auction(a.seller, a.endTime, a.minIncrementBps, a.bidder, bids ? a.bid : 0, bids ? 0 : a.bid);
    }

    /// @notice The smallest bid {bid} accepts now: the reserve price before the first bid, then the highest bid
    /// raised by the minimum increment (at least one base unit). Reverts with {MarketplaceNoAuction} when there
    /// is no auction. It does not check the end time.
    function minNextBid(uint256 tokenId) external view returns (uint256) {
        AuctionSlot memory a = _auctions[tokenId];
        if (a.seller == address(0)) revert MarketplaceNoAuction(tokenId);
        return a.bidder == address(0) ? a.bid : _raise(a.bid, a.minIncrementBps);
    }

    /// @notice What `account` can withdraw with {withdrawRefund}.
    function refundOf(address account) external view returns (uint256) {
        return _refunds[account];
    }

    /// @notice The sale of a product's unminted NFTs: the price of each (0: none, or withdrawn), and the serials of
    /// the next NFT a buyer gets and of the last (`next > last`: sold out; `last == 0`: never put on sale).
    function productSale(uint256 productId) external view returns (ProductSale memory) {
        return _productSales[productId];
    }

    /// @notice The anti-sniping window in seconds (see {setExtensionWindow}).
    function extensionWindow() external view returns (uint256) {
        return _extensionWindow;
    }

    /// @notice Whether selling `tokenId` now is a primary sale: the token was never sold (HashrateNFT's never-sold
    /// mark). Its first sale pays the issuance channel fee and its proceeds go to the escrow, whoever sells it; every
    /// later sale is a resale (trading fee, proceeds to the seller), even by the miner after buying it back, since
    /// the escrow already holds the first buyer's money for the token's whole term.
    function isPrimarySale(uint256 tokenId) public view returns (bool) {
        return !IHashrateProducts(address(nft)).isSold(tokenId);
    }

    /// @notice The fee, in basis points, the current listing of `tokenId` would pay if bought now: {issuanceFeeBps}
    /// when the token was never sold, {feeBps} otherwise. Reverts with {MarketplaceNotListed} when the
    /// token has no listing. The listing may be stale (see {listing}).
    function saleFeeBps(uint256 tokenId) external view returns (uint256) {
        address seller = _listings[tokenId].seller;
        if (seller == address(0)) revert MarketplaceNotListed(tokenId);
        return isPrimarySale(tokenId) ? _issuanceFeeBps : _feeBps;
    }

    /// @notice The trading fee in basis points, charged on resales.
    function feeBps() external view returns (uint256) {
        return _feeBps;
    }

    /// @notice The issuance channel fee in basis points, charged on primary sales.
    function issuanceFeeBps() external view returns (uint256) {
        return _issuanceFeeBps;
    }

    /// @notice Fees accrued and not yet withdrawn, wherever they wait (here, or in the escrow for primary sales),
    /// except those still in a product's unminted sale ({productSale}, {collectProductFees}).
    function accruedFees() external view returns (uint256) {
        return uint256(_accruedFees) + _escrowedFees;
    }

    /// @notice The part of {accruedFees} that waits in the escrow: the fees of fixed-price primary sales, whose
    /// buyers pay the whole price there. {withdrawFees} takes it out.
    function escrowedFees() external view returns (uint256) {
        return _escrowedFees;
    }

    /// @notice The promotion nodes' contract (zero: none) and the commissions credited to it, not yet sent.
    function nodes() external view returns (address) {
        return address(_nodes);
    }

    /// @notice The part of {accruedFees} that belongs to promotion nodes (sent to {nodes} at {withdrawFees}).
    function commissionsAccrued() external view returns (uint256) {
        return _commissions;
    }

    function treasury() external view returns (address) {
        return _treasury;
    }

    /// @notice Where the insurance share of the fees goes.
    function insuranceFund() external view returns (address) {
        return _insuranceFund;
    }

    /// @notice The share of the fees, in basis points, {withdrawFees} sends to the insurance fund.
    function insuranceShareBps() external view returns (uint256) {
        return _insuranceShareBps;
    }

    // ---------------------------------------------------------------- internal

    /// @dev Reverts unless the caller is the product's miner; returns it.
    function _checkProductMiner(uint256 productId) private view returns (address miner) {
        miner = IHashrateProducts(address(nft)).minerOf(productId * TOKENS_PER_PRODUCT);
        if (miner != msg.sender) revert MarketplaceNotProductMiner(productId, msg.sender, miner);
    }

    function _checkPrice(uint256 price) private pure {
        if (price == 0 || price > type(uint96).max) revert MarketplaceInvalidPrice(price);
    }

    /// @dev Pulls exactly `amount` of the payment token from the caller into this contract, or reverts
    /// {MarketplaceTransferShort} (a fee-on-transfer token).
    function _pullHere(uint256 amount) private {
        uint256 before = paymentToken.balanceOf(address(this));
        paymentToken.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = paymentToken.balanceOf(address(this)) - before;
        if (received != amount) revert MarketplaceTransferShort(amount, received);
    }

    /// @dev The same check, paying the escrow straight from the caller (a fixed-price primary sale).
    function _pullToEscrow(uint256 amount) private {
        uint256 before = paymentToken.balanceOf(address(escrow));
        paymentToken.safeTransferFrom(msg.sender, address(escrow), amount);
        uint256 received = paymentToken.balanceOf(address(escrow)) - before;
        if (received != amount) revert MarketplaceTransferShort(amount, received);
    }

    /// @dev `amount` raised by `bps`, rounded up, and by at least one base unit.
    function _raise(uint256 amount, uint256 bps) private pure returns (uint256) {
        uint256 raise = (amount * bps + BPS - 1) / BPS;
        return amount + (raise == 0 ? 1 : raise);
    }

    function _list(uint256 tokenId, uint256 price, bool approvedForAll) private {
        address owner = nft.ownerOf(tokenId);
        if (owner != msg.sender) revert MarketplaceNotTokenOwner(tokenId, msg.sender, owner);
        // An unsold token needs no approval: this contract is its sale channel (see HashrateNFT).
        if (
            !approvedForAll && nft.getApproved(tokenId) != address(this)
                && IHashrateProducts(address(nft)).isSold(tokenId)
        ) revert MarketplaceNotApproved(tokenId);
        if (_listings[tokenId].seller == msg.sender) revert MarketplaceAlreadyListed(tokenId);
        // forge-lint: disable-next-line(unsafe-typecast) -- _checkPrice bounds it to uint96
        _listings[tokenId] = Listing(msg.sender, uint96(price));
        emit Listed(tokenId, msg.sender, price);
    }
}
