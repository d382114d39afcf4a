// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {HashrateNFT} from "./HashrateNFT.sol";
import {IYieldRecord} from "./interfaces/IYieldRecord.sol";

/// @title YieldDistributor
/// @notice Daily mining yield of hashrate NFTs. The miner (or anyone) deposits a product's yield for a UTC day in
/// the product's yield token (IFIL for FIL products, wrapped BTC for BTC products); the deposit is credited to
/// every NFT of the product pro rata to its hashrate through a per-unit accumulator, in O(1) whatever the number
/// of NFTs; holders claim many NFTs in one transaction.
///
/// Unclaimed yield stays with the NFT: it is accounted per token id, never per holder, so whoever holds an NFT
/// when {claim} is called receives everything the NFT earned and has not yet been paid, including yield credited
/// while an earlier holder held it. A buyer of an NFT therefore also buys its unclaimed yield ({claimable}, shown
/// on the listing); a seller who wants it claims before selling.
///
/// Minting rule: a product accepts deposits only once all its NFTs are minted (`minted == nftCount`); before
/// that {deposit} reverts {YieldDistributorMintingOpen}. HashrateNFT mints without a hook, so this is what
/// guarantees an NFT never earns a deposit made before it existed, and it fixes the product's hashrate units
/// for good. The miner holds (and so earns back the yield of) the NFTs it has not sold.
///
/// @dev Accounting. Units are thousandths of a hashrate unit (HashrateNFT's `hashratePerNFT` scale); a product
/// has `units = nftCount * hashratePerNFT`. A deposit of `amount` adds `(amount * SCALE + remainder) / units` to
/// the product's `accPerUnit` and carries the division's remainder to the next deposit, so nothing is lost to
/// rounding across deposits. A token's entitlement is `accPerUnit * hashratePerNFT / SCALE` (rounded down);
/// {claimable} is its entitlement minus what it has been paid. Because the entitlement is recomputed from the
/// accumulator (not accumulated per claim), a token's rounding loss is below one base unit for its whole life,
/// so the dust a product can leave behind is below `nftCount + 1` base units, however many deposits and claims.
/// The product's attributes are cached here at its first deposit (they can no longer change once all its NFTs
/// are minted), so deposits never call the NFT contract after that.
/// Yield tokens must be plain ERC-20s (no fee on transfer, no rebasing): IFIL and WBTC are. {deposit} checks that
/// its balance rose by exactly the amount booked and reverts {YieldDistributorTransferShort} otherwise.
/// DEFAULT_ADMIN_ROLE (the timelock) can only rescue tokens other than the two yield tokens sent here by mistake.
contract YieldDistributor is AccessControl, ReentrancyGuardTransient, IYieldRecord {
    using SafeERC20 for IERC20;

    /// @notice Fixed-point scale of the accumulator.
    uint256 public constant SCALE = 1e27;
    /// @dev HashrateNFT's token id space per product (token id = productId * 1e6 + serial).
    uint256 private constant TOKENS_PER_PRODUCT = 1_000_000;

    /// @dev One product's yield state, cached at its first deposit (`ready`).
    struct ProductYield {
        // slot 0: immutable once ready
        uint128 hashratePerNFT;
        uint32 nftCount;
        uint32 firstDay;
        uint32 lastDay;
        uint8 coin;
        bool ready;
        // slot 1
        uint256 accPerUnit;
        // slot 2: remainder < units < 2**160
        uint192 remainder;
        uint64 lastDepositDay;
        // slot 3
        uint128 totalDeposited;
        uint128 totalClaimed;
    }

    HashrateNFT public immutable nft;
    /// @notice The yield token of FIL products (IFIL, 18 decimals).
    IERC20 public immutable filToken;
    /// @notice The yield token of BTC products (wrapped BTC, 8 decimals).
    IERC20 public immutable btcToken;

    mapping(uint256 productId => ProductYield) private _products;
    mapping(uint256 productId => mapping(uint256 day => uint256)) private _depositedOn;
    mapping(uint256 tokenId => uint256) private _claimed;

    event YieldDeposited(uint256 indexed productId, uint256 indexed day, address indexed payer, uint256 amount);
    event YieldClaimed(uint256 indexed tokenId, address indexed owner, uint256 amount);
    event TokenRecovered(address indexed token, address indexed to, uint256 amount);

    error YieldDistributorInvalidAddress();
    error YieldDistributorInvalidAmount();
    error YieldDistributorMintingOpen(uint256 productId, uint256 minted, uint256 nftCount);
    error YieldDistributorInvalidDay(uint256 productId, uint256 day, uint256 firstDay, uint256 latestDay);
    error YieldDistributorNotTokenOwner(uint256 tokenId, address caller, address owner);
    error YieldDistributorMixedYieldTokens(uint256 tokenId);
    error YieldDistributorNothingToClaim();
    error YieldDistributorYieldToken(address token);
    error YieldDistributorTransferShort(address token, uint256 expected, uint256 received);

    constructor(address admin, HashrateNFT nft_, IERC20 filToken_, IERC20 btcToken_) {
        if (
            admin == address(0) || address(nft_) == address(0) || address(filToken_) == address(0)
                || address(btcToken_) == address(0) || filToken_ == btcToken_
        ) revert YieldDistributorInvalidAddress();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        nft = nft_;
        filToken = filToken_;
        btcToken = btcToken_;
    }

    // ---------------------------------------------------------------- deposit and claim

    /// @notice Pays `amount` of the product's yield token as its yield for UTC day `day`, credited to every NFT of
    /// the product pro rata to its hashrate. Anyone may pay (usually the miner); the caller must have approved
    /// this contract for `amount`.
    /// @dev Reverts: {YieldDistributorInvalidAmount} for 0; HashrateNFTUnknownProduct for an unknown product;
    /// {YieldDistributorMintingOpen} until every NFT of the product is minted; {YieldDistributorInvalidDay}
    /// unless `termStart / 1 days <= day <= min(today, termEnd / 1 days - 1)`; {YieldDistributorTransferShort}
    /// when the token delivered other than `amount` (a fee on transfer). Several deposits for one day add
    /// up; a late day may be paid later. O(1) in the number of NFTs. Emits {YieldDeposited}.
    function deposit(uint256 productId, uint256 day, uint256 amount) external nonReentrant {
        if (amount == 0 || amount > type(uint128).max) revert YieldDistributorInvalidAmount();
        ProductYield storage p = _products[productId];
        if (!p.ready) _cache(productId, p);
        uint256 firstDay = p.firstDay;
        uint256 today = block.timestamp / 1 days;
        uint256 latest = p.lastDay < today ? p.lastDay : today;
        if (day < firstDay || day > latest) revert YieldDistributorInvalidDay(productId, day, firstDay, latest);

        uint256 units = uint256(p.nftCount) * p.hashratePerNFT;
        uint256 scaled = amount * SCALE + p.remainder;
        p.accPerUnit += scaled / units;
        // forge-lint: disable-next-line(unsafe-typecast) -- a remainder of division by units < 2**160
        p.remainder = uint192(scaled % units);
        // forge-lint: disable-next-line(unsafe-typecast) -- a day number
        if (day > p.lastDepositDay) p.lastDepositDay = uint64(day);
        // forge-lint: disable-next-line(unsafe-typecast) -- checked: reverts above 2**128 in total
        p.totalDeposited = _toUint128(p.totalDeposited + amount);
        _depositedOn[productId][day] += amount;

        IERC20 token = _yieldToken(p.coin);
        uint256 balance = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = token.balanceOf(address(this)) - balance;
        if (received != amount) revert YieldDistributorTransferShort(address(token), amount, received);
        emit YieldDeposited(productId, day, msg.sender, amount);
    }

    /// @notice Pays the caller everything `tokenIds` have earned and not yet been paid, in one transfer.
    /// @dev The caller must own every token ({YieldDistributorNotTokenOwner}); the tokens' products must share
    /// one yield token ({YieldDistributorMixedYieldTokens}, checked for products that received a deposit);
    /// tokens with nothing to claim are skipped (a repeated id pays once); reverts
    /// {YieldDistributorNothingToClaim} when the total is 0. Emits {YieldClaimed} per token paid. This contract
    /// must hold the NFT's CLAIMS_ROLE: the claim bumps each token's `claimNonce` (see HashrateNFT).
    function claim(uint256[] calldata tokenIds) external nonReentrant {
        uint256 total;
        uint256 coin = type(uint256).max; // unset
        uint256 currentProduct; // product ids start at 1
        uint256 productClaimed;
        uint256 acc;
        uint256 hashrate;
        bool ready;
        for (uint256 i; i < tokenIds.length; ++i) {
            uint256 tokenId = tokenIds[i];
            address owner = nft.ownerOf(tokenId);
            if (owner != msg.sender) revert YieldDistributorNotTokenOwner(tokenId, msg.sender, owner);
            uint256 productId = tokenId / TOKENS_PER_PRODUCT;
            if (productId != currentProduct) {
                if (productClaimed != 0) _addClaimed(currentProduct, productClaimed);
                productClaimed = 0;
                currentProduct = productId;
                ProductYield storage p = _products[productId];
                ready = p.ready;
                if (ready) {
                    if (coin == type(uint256).max) coin = p.coin;
                    else if (coin != p.coin) revert YieldDistributorMixedYieldTokens(tokenId);
                    acc = p.accPerUnit;
                    hashrate = p.hashratePerNFT;
                }
            }
            if (!ready) continue;
            uint256 entitled = acc * hashrate / SCALE;
            uint256 paid = _claimed[tokenId];
            if (entitled == paid) continue;
            uint256 amount = entitled - paid;
            _claimed[tokenId] = entitled;
            productClaimed += amount;
            total += amount;
            emit YieldClaimed(tokenId, msg.sender, amount);
        }
        if (total == 0) revert YieldDistributorNothingToClaim();
        if (productClaimed != 0) _addClaimed(currentProduct, productClaimed);
        nft.recordClaims(tokenIds);
        // forge-lint: disable-next-line(unsafe-typecast) -- coin was set (total != 0) and is a Coin
        _yieldToken(uint8(coin)).safeTransfer(msg.sender, total);
    }

    /// @notice Sends `amount` of a token sent here by mistake to `to`. Never the yield tokens.
    /// @dev Only DEFAULT_ADMIN_ROLE. Emits {TokenRecovered}.
    function recoverToken(IERC20 token, address to, uint256 amount) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (token == filToken || token == btcToken) revert YieldDistributorYieldToken(address(token));
        if (to == address(0)) revert YieldDistributorInvalidAddress();
        token.safeTransfer(to, amount);
        emit TokenRecovered(address(token), to, amount);
    }

    // ---------------------------------------------------------------- views

    /// @notice What `tokenId` has earned and not yet been paid (goes with the NFT to its next holder).
    /// @dev 0 for a token of a product that never received a deposit or that does not exist.
    function claimable(uint256 tokenId) public view returns (uint256) {
        ProductYield storage p = _products[tokenId / TOKENS_PER_PRODUCT];
        if (!p.ready) return 0;
        uint256 serial = tokenId % TOKENS_PER_PRODUCT;
        if (serial == 0 || serial > p.nftCount) return 0;
        return p.accPerUnit * p.hashratePerNFT / SCALE - _claimed[tokenId];
    }

    /// @notice {claimable} of each token and their sum (the UI's "claimable now").
    function claimableOf(uint256[] calldata tokenIds) external view returns (uint256 total, uint256[] memory amounts) {
        amounts = new uint256[](tokenIds.length);
        for (uint256 i; i < tokenIds.length; ++i) {
            amounts[i] = claimable(tokenIds[i]);
            total += amounts[i];
        }
    }

    /// @notice Everything ever paid out for `tokenId`, to whichever holders claimed.
    function claimedOf(uint256 tokenId) external view returns (uint256) {
        return _claimed[tokenId];
    }

    /// @inheritdoc IYieldRecord
    function depositedOn(uint256 productId, uint256 day) external view returns (uint256) {
        return _depositedOn[productId][day];
    }

    /// @notice The latest UTC day anything was deposited for (0: never). Days may be paid out of order.
    function lastDepositDay(uint256 productId) external view returns (uint256) {
        return _products[productId].lastDepositDay;
    }

    /// @notice Everything deposited for the product.
    function totalDeposited(uint256 productId) external view returns (uint256) {
        return _products[productId].totalDeposited;
    }

    /// @notice Everything claimed from the product's deposits.
    function totalClaimed(uint256 productId) external view returns (uint256) {
        return _products[productId].totalClaimed;
    }

    /// @notice The accumulator: yield per thousandth of a hashrate unit, times {SCALE}, since the first deposit.
    function accPerUnit(uint256 productId) external view returns (uint256) {
        return _products[productId].accPerUnit;
    }

    /// @notice The accumulator's carried division remainder (below the product's units; the UI can ignore it).
    function remainderOf(uint256 productId) external view returns (uint256) {
        return _products[productId].remainder;
    }

    /// @notice The yield token of a coin (HashrateNFT.Coin as uint8).
    function yieldToken(uint8 coin) external view returns (IERC20) {
        return _yieldToken(coin);
    }

    // ---------------------------------------------------------------- internal

    /// @dev Caches the product's immutable attributes at its first deposit; all its NFTs must be minted.
    function _cache(uint256 productId, ProductYield storage p) private {
        HashrateNFT.Product memory prod = nft.product(productId); // reverts for an unknown product
        if (prod.minted != prod.nftCount) revert YieldDistributorMintingOpen(productId, prod.minted, prod.nftCount);
        p.hashratePerNFT = prod.hashratePerNFT;
        p.nftCount = prod.nftCount;
        // forge-lint: disable-next-line(unsafe-typecast) -- day numbers of uint64 timestamps fit 32 bits until 2^32 days
        p.firstDay = uint32(prod.termStart / 1 days);
        // forge-lint: disable-next-line(unsafe-typecast) -- as above; a term lasts at least one day
        p.lastDay = uint32(prod.termEnd / 1 days - 1);
        p.coin = uint8(prod.coin);
        p.ready = true;
    }

    function _addClaimed(uint256 productId, uint256 amount) private {
        ProductYield storage p = _products[productId];
        // Never above totalDeposited (< 2**128): the sum of entitlements is at most what was deposited.
        // forge-lint: disable-next-line(unsafe-typecast)
        p.totalClaimed = uint128(p.totalClaimed + amount);
    }

    function _yieldToken(uint8 coin) private view returns (IERC20) {
        return coin == uint8(HashrateNFT.Coin.FIL) ? filToken : btcToken;
    }

    function _toUint128(uint256 x) private pure returns (uint128) {
        if (x > type(uint128).max) revert YieldDistributorInvalidAmount();
        // forge-lint: disable-next-line(unsafe-typecast) -- checked just above
        return uint128(x);
    }
}
