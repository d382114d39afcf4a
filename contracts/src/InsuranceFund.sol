// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {HashrateNFT} from "./HashrateNFT.sol";
import {MinerRegistry} from "./MinerRegistry.sol";
import {RevenueEscrow} from "./RevenueEscrow.sol";

/// @title InsuranceFund
/// @notice The DAO's mutual insurance fund. It holds DMC (its 10% allocation, plus slashed miner stakes) and the
/// insurance share of the Marketplace's fees (USDT), and pays the holders of a defaulted product by DAO vote:
/// {openPayout} earmarks an amount of one token for a Defaulted product, claimable per NFT pro rata per hashrate
/// unit (`amount * hashrateOf(token) / productUnits`) by whoever holds the NFT when claiming, once per NFT per
/// payout. Only an NFT sold before its product halted counts: its defaulting miner's unsold inventory (minted, or on
/// sale unminted) claims nothing, nor does an NFT sold during the halt (its price waits apart in the escrow and is
/// refunded whole, so nothing of it was lost; without this, a miner's second wallet could buy its inventory after
/// the default, take the refund and claim the inventory's share). Their shares stay earmarked until {closePayout}. What is earmarked for open payouts cannot be
/// withdrawn; {closePayout} releases what was not claimed.
/// @dev DEFAULT_ADMIN_ROLE (the timelock) opens and closes payouts and withdraws. `productUnits` is snapshotted
/// at opening: a Defaulted product can mint no more NFTs, so it is final. Per-NFT shares round down; the dust
/// stays earmarked until {closePayout}. The fund never pulls tokens (no `transferFrom`): money arrives by plain
/// transfers and is booked only from its balance ({openPayout} and {withdraw} check `balanceOf`), so a
/// fee-on-transfer token cannot make it promise more than it received.
contract InsuranceFund is AccessControl, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice A payout, as {payout} returns it.
    struct Payout {
        uint256 productId;
        IERC20 token;
        uint256 amount;
        uint256 units;
        uint256 claimed;
        bool closed;
    }

    HashrateNFT public immutable nft;
    MinerRegistry public immutable registry;
    RevenueEscrow public immutable escrow;

    uint256 private _payoutCount;
    mapping(uint256 payoutId => Payout) private _payouts;
    mapping(uint256 payoutId => mapping(uint256 tokenId => bool)) private _claimed;
    mapping(IERC20 token => uint256) private _earmarked;

    event PayoutOpened(uint256 indexed payoutId, uint256 indexed productId, IERC20 indexed token, uint256 amount);
    event PayoutClaimed(uint256 indexed payoutId, uint256 indexed tokenId, address indexed holder, uint256 amount);
    event PayoutClosed(uint256 indexed payoutId, uint256 unclaimed);
    event Withdrawn(IERC20 indexed token, address indexed to, uint256 amount);

    error InsuranceFundInvalidAdmin();
    error InsuranceFundNotDefaulted(uint256 productId);
    error InsuranceFundZeroAmount();
    error InsuranceFundInsufficient(IERC20 token, uint256 requested, uint256 available);
    error InsuranceFundUnknownPayout(uint256 payoutId);
    error InsuranceFundPayoutClosed(uint256 payoutId);
    error InsuranceFundNoTokens();
    error InsuranceFundWrongProduct(uint256 payoutId, uint256 tokenId);
    error InsuranceFundNotHolder(uint256 tokenId, address caller, address holder);
    error InsuranceFundAlreadyClaimed(uint256 payoutId, uint256 tokenId);
    /// @notice A never-sold NFT (its miner's inventory) has no share of a payout.
    error InsuranceFundNeverSold(uint256 tokenId);
    /// @notice An NFT sold while its product was halted (its price is refunded whole) has no share of a payout.
    error InsuranceFundSoldAfterHalt(uint256 tokenId);
    error InsuranceFundInvalidRecipient();

    constructor(address admin, HashrateNFT nft_, MinerRegistry registry_, RevenueEscrow escrow_) {
        if (admin == address(0)) revert InsuranceFundInvalidAdmin();
        nft = nft_;
        registry = registry_;
        escrow = escrow_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @notice Earmarks `amount` of `token` for the holders of a Defaulted product's NFTs, pro rata per hashrate
    /// unit. Only DEFAULT_ADMIN_ROLE. The product's application must be Defaulted in the registry and the fund must
    /// hold `amount` beyond what is already earmarked. Emits {PayoutOpened}.
    function openPayout(uint256 productId, IERC20 token, uint256 amount)
        external
        onlyRole(DEFAULT_ADMIN_ROLE)
        returns (uint256 payoutId)
    {
        if (amount == 0) revert InsuranceFundZeroAmount();
        uint256 applicationId = registry.productApplication(productId);
        if (applicationId == 0 || registry.statusOf(applicationId) != MinerRegistry.Status.Defaulted) {
            revert InsuranceFundNotDefaulted(productId);
        }
        uint256 available = token.balanceOf(address(this)) - _earmarked[token];
        if (amount > available) revert InsuranceFundInsufficient(token, amount, available);
        HashrateNFT.Product memory p = nft.product(productId);
        uint256 units = uint256(p.minted) * p.hashratePerNFT; // > 0: a product in default has minted NFTs
        payoutId = ++_payoutCount;
        _payouts[payoutId] = Payout(productId, token, amount, units, 0, false);
        _earmarked[token] += amount;
        emit PayoutOpened(payoutId, productId, token, amount);
    }

    /// @notice Pays you the share of payout `payoutId` of each NFT you hold, in one transfer.
    /// @dev The caller must own every token, each of the payout's product and not yet claimed for this payout.
    /// Emits {PayoutClaimed} per token. This contract must hold the NFT's CLAIMS_ROLE: the claim bumps each
    /// token's `claimNonce` (see HashrateNFT).
    function claimPayout(uint256 payoutId, uint256[] calldata tokenIds) external nonReentrant {
        Payout storage po = _payouts[payoutId];
        if (po.units == 0) revert InsuranceFundUnknownPayout(payoutId);
        if (po.closed) revert InsuranceFundPayoutClosed(payoutId);
        uint256 n = tokenIds.length;
        if (n == 0) revert InsuranceFundNoTokens();
        uint256 productId = po.productId;
        uint256 amount = po.amount;
        uint256 units = po.units;
        uint256 total;
        for (uint256 i; i < n; ++i) {
            uint256 tokenId = tokenIds[i];
            if (nft.productIdOf(tokenId) != productId) revert InsuranceFundWrongProduct(payoutId, tokenId);
            address holder = nft.ownerOf(tokenId);
            if (holder != msg.sender) revert InsuranceFundNotHolder(tokenId, msg.sender, holder);
            if (!nft.isSold(tokenId)) revert InsuranceFundNeverSold(tokenId);
            if (escrow.creditedWhileHalted(tokenId)) revert InsuranceFundSoldAfterHalt(tokenId);
            if (_claimed[payoutId][tokenId]) revert InsuranceFundAlreadyClaimed(payoutId, tokenId);
            _claimed[payoutId][tokenId] = true;
            uint256 share = amount * nft.hashrateOf(tokenId) / units;
            total += share;
            emit PayoutClaimed(payoutId, tokenId, msg.sender, share);
        }
        po.claimed += total;
        IERC20 token = po.token;
        _earmarked[token] -= total;
        nft.recordClaims(tokenIds);
        if (total != 0) token.safeTransfer(msg.sender, total);
    }

    /// @notice Ends a payout: what was not claimed is no longer earmarked. Only DEFAULT_ADMIN_ROLE.
    /// Emits {PayoutClosed}.
    function closePayout(uint256 payoutId) external onlyRole(DEFAULT_ADMIN_ROLE) {
        Payout storage po = _payouts[payoutId];
        if (po.units == 0) revert InsuranceFundUnknownPayout(payoutId);
        if (po.closed) revert InsuranceFundPayoutClosed(payoutId);
        po.closed = true;
        uint256 unclaimed = po.amount - po.claimed;
        _earmarked[po.token] -= unclaimed;
        emit PayoutClosed(payoutId, unclaimed);
    }

    /// @notice Sends `amount` of `token` not earmarked for open payouts to `to`. Only DEFAULT_ADMIN_ROLE.
    /// Emits {Withdrawn}.
    function withdraw(IERC20 token, address to, uint256 amount) external onlyRole(DEFAULT_ADMIN_ROLE) nonReentrant {
        if (to == address(0)) revert InsuranceFundInvalidRecipient();
        if (amount == 0) revert InsuranceFundZeroAmount();
        uint256 available = token.balanceOf(address(this)) - _earmarked[token];
        if (amount > available) revert InsuranceFundInsufficient(token, amount, available);
        emit Withdrawn(token, to, amount);
        token.safeTransfer(to, amount);
    }

    // ---------------------------------------------------------------- views

    /// @notice The fund's balance of `token` and how much of it is earmarked for open payouts (the rest is free).
    function balances(IERC20 token) external view returns (uint256 balance, uint256 earmarked_) {
        return (token.balanceOf(address(this)), _earmarked[token]);
    }

    /// @notice What of `token` is earmarked for open payouts and not yet claimed.
    function earmarked(IERC20 token) external view returns (uint256) {
        return _earmarked[token];
    }

    /// @notice Number of payouts; ids run from 1.
    function payoutCount() external view returns (uint256) {
        return _payoutCount;
    }

    /// @notice A payout (all zero for an unknown id).
    function payout(uint256 payoutId) external view returns (Payout memory) {
        return _payouts[payoutId];
    }

    /// @notice What the holder of `tokenId` can claim from payout `payoutId` now (0 when the payout is unknown or
    /// closed, the token already claimed it, belongs to another product, was never minted, never sold or sold during
    /// its product's halt).
    function claimablePayout(uint256 payoutId, uint256 tokenId) external view returns (uint256) {
        Payout storage po = _payouts[payoutId];
        if (po.units == 0 || po.closed || _claimed[payoutId][tokenId]) return 0;
        if (nft.productIdOf(tokenId) != po.productId) return 0;
        HashrateNFT.Product memory p = nft.product(po.productId);
        uint256 serial = tokenId % nft.TOKENS_PER_PRODUCT();
        if (serial == 0 || serial > p.minted || !nft.isSold(tokenId) || escrow.creditedWhileHalted(tokenId)) return 0;
        return po.amount * p.hashratePerNFT / po.units;
    }

    /// @notice Whether `tokenId` has claimed its share of payout `payoutId`.
    function claimedPayout(uint256 payoutId, uint256 tokenId) external view returns (bool) {
        return _claimed[payoutId][tokenId];
    }
}
