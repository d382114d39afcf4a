// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {HashrateNFT} from "./HashrateNFT.sol";
import {MinerRegistry} from "./MinerRegistry.sol";
import {RevenueEscrow} from "./RevenueEscrow.sol";
import {IYieldRecord} from "./interfaces/IYieldRecord.sol";
import {IYieldOracle} from "./interfaces/IYieldOracle.sol";

/// @title DefaultGuard
/// @notice Permissionless default detection. Anyone may {flag} a product whose miner, over the last
/// {WINDOW_DAYS} complete UTC days (`today - 7` .. `today - 1`), either
/// (a) *missed*: deposited no yield on any of them, or
/// (b) *short*: deposited, on every one of them, less than {shortfallBps} (80%) of the oracle's market average
///     per whole hashrate unit, with an oracle median above zero that day.
/// A flag halts the product's release in the RevenueEscrow (holders can claim their unreleased money back) and has
/// the MinerRegistry mark its application Defaulted, which slashes the miner's DMC stake to the insurance fund.
/// The DAO (DEFAULT_ADMIN_ROLE, the timelock) can also halt or resume a product's escrow by vote; a governance halt
/// does not slash (the DAO calls the registry's `slash` for that).
/// @dev Comparisons are exact (no rounding): a day is short when
/// `deposited * 1000 * BPS < median * shortfallBps * units`, `units` being the product's minted hashrate in
/// thousandths (`minted * hashratePerNFT`). So exactly 80% is not short and 79.99% is.
/// The whole window must lie in the term: `today - 7 >= firstDay` ({DefaultGuardTooEarly}) and `today - 1 <=
/// lastDay` ({DefaultGuardTermEnded}). A product with nothing minted cannot be flagged (no holder, and the yield
/// distributor refuses deposits for it). Needs: the escrow's HALTER_ROLE and RESUMER_ROLE, and to be the
/// registry's slasher.
contract DefaultGuard is AccessControl {
    /// @notice Why a product defaulted.
    enum Reason {
        Missed,
        Short
    }

    uint256 public constant BPS = 10_000;
    /// @notice Consecutive complete days a default needs.
    uint256 public constant WINDOW_DAYS = 7;
    /// @notice Lowest and highest {shortfallBps} governance may set.
    uint256 public constant MIN_SHORTFALL_BPS = 1_000;
    uint256 public constant MAX_SHORTFALL_BPS = BPS;

    HashrateNFT public immutable nft;
    MinerRegistry public immutable registry;
    RevenueEscrow public immutable escrow;
    IYieldRecord public immutable yieldRecord;
    IYieldOracle public immutable oracle;

    /// @notice A day is short when the yield paid per unit is below this share of the oracle median (8000: 80%).
    uint256 public shortfallBps = 8_000;

    event ProductDefaulted(uint256 indexed productId, Reason reason, address indexed flagger);
    event HaltedByGovernance(uint256 indexed productId);
    event ResumedByGovernance(uint256 indexed productId);
    event ShortfallBpsUpdated(uint256 oldBps, uint256 newBps);

    error DefaultGuardInvalidAdmin();
    error DefaultGuardTooEarly(uint256 productId, uint256 firstFlagDay);
    error DefaultGuardTermEnded(uint256 productId, uint256 endDay);
    error DefaultGuardNothingMinted(uint256 productId);
    error DefaultGuardUnknownProduct(uint256 productId);
    error DefaultGuardNotInDefault(uint256 productId);
    error DefaultGuardInvalidShortfall(uint256 bps);

    constructor(
        address admin,
        HashrateNFT nft_,
        MinerRegistry registry_,
        RevenueEscrow escrow_,
        IYieldRecord yieldRecord_,
        IYieldOracle oracle_
    ) {
        if (admin == address(0)) revert DefaultGuardInvalidAdmin();
        nft = nft_;
        registry = registry_;
        escrow = escrow_;
        yieldRecord = yieldRecord_;
        oracle = oracle_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        emit ShortfallBpsUpdated(0, shortfallBps);
    }

    /// @notice Flags a product in default (see the contract's rules): halts its escrow and marks its application
    /// Defaulted (slashing the stake). Anyone may call.
    /// @dev Reverts {DefaultGuardNotInDefault} when neither rule holds, {DefaultGuardTooEarly} /
    /// {DefaultGuardTermEnded} when the window is not inside the term, {DefaultGuardNothingMinted},
    /// {DefaultGuardUnknownProduct} for a product the registry did not create, and with the registry's
    /// `MinerRegistryInvalidState` when its application is no longer Active (already Defaulted, Slashed or
    /// Completed). A product already halted by governance is flagged all the same. Emits {ProductDefaulted}.
    function flag(uint256 productId) external returns (Reason reason) {
        reason = check(productId);
        uint256 applicationId = registry.productApplication(productId);
        if (applicationId == 0) revert DefaultGuardUnknownProduct(productId);
        emit ProductDefaulted(productId, reason, msg.sender);
        // A product the DAO already halted is still flagged (and slashed); its halt day stays the DAO's.
        if (!escrow.isHalted(productId)) escrow.halt(productId);
        registry.markDefaulted(applicationId);
    }

    /// @notice Whether `productId` is in default now, and why; reverts with the reason it is not (as {flag}).
    function check(uint256 productId) public view returns (Reason) {
        HashrateNFT.Product memory p = nft.product(productId);
        uint256 today = block.timestamp / 1 days;
        uint256 firstDay = p.termStart / 1 days;
        uint256 endDay = p.termEnd / 1 days;
        if (today < firstDay + WINDOW_DAYS) revert DefaultGuardTooEarly(productId, firstDay + WINDOW_DAYS);
        if (today > endDay) revert DefaultGuardTermEnded(productId, endDay);
        uint256 units = uint256(p.minted) * p.hashratePerNFT;
        if (units == 0) revert DefaultGuardNothingMinted(productId);

        bool missed = true;
        bool short_ = true;
        uint256 bps = shortfallBps;
        // forge-lint: disable-next-line(unsafe-typecast) -- an enum of two members
        uint8 coin = uint8(p.coin);
        for (uint256 day = today - WINDOW_DAYS; day < today; ++day) {
            uint256 paid = yieldRecord.depositedOn(productId, day);
            if (paid != 0) missed = false;
            if (short_) {
                (uint256 median,) = oracle.averageOf(coin, day);
                // paid per whole unit (paid * 1000 / units) < median * bps / BPS, without rounding
                if (median == 0 || paid * 1000 * BPS >= median * bps * units) short_ = false;
            }
            if (!missed && !short_) revert DefaultGuardNotInDefault(productId);
        }
        return missed ? Reason.Missed : Reason.Short;
    }

    // ---------------------------------------------------------------- governance

    /// @notice Halts a product's escrow by DAO vote (no slashing). Only DEFAULT_ADMIN_ROLE. Emits
    /// {HaltedByGovernance} (and the escrow's Halted).
    function haltByGovernance(uint256 productId) external onlyRole(DEFAULT_ADMIN_ROLE) {
        emit HaltedByGovernance(productId);
        escrow.halt(productId);
    }

    /// @notice Resumes a halted product's escrow by DAO vote. Only DEFAULT_ADMIN_ROLE. The registry status is
    /// unchanged (a Defaulted application stays Defaulted). Emits {ResumedByGovernance} (and the escrow's Resumed).
    function resumeByGovernance(uint256 productId) external onlyRole(DEFAULT_ADMIN_ROLE) {
        emit ResumedByGovernance(productId);
        escrow.resume(productId);
    }

    /// @notice Sets the shortfall threshold in basis points of the oracle median, within
    /// [{MIN_SHORTFALL_BPS}, {MAX_SHORTFALL_BPS}]. Only DEFAULT_ADMIN_ROLE. Emits {ShortfallBpsUpdated}.
    function setShortfallBps(uint256 newBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newBps < MIN_SHORTFALL_BPS || newBps > MAX_SHORTFALL_BPS) revert DefaultGuardInvalidShortfall(newBps);
        emit ShortfallBpsUpdated(shortfallBps, newBps);
        shortfallBps = newBps;
    }
}
