// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {HashrateNFT} from "./HashrateNFT.sol";
import {MinerRegistry} from "./MinerRegistry.sol";
import {YieldDistributor} from "./YieldDistributor.sol";

/// @title LoanMarket
/// @notice Peer-to-peer USDT loans against one hashrate NFT or an amount of IFIL.
///
/// Two ways to meet:
/// - A **lender offer** names the principal, the APR, the duration and the collateral it accepts: NFTs of one
///   product, or any active NFT of a coin with at least a hashrate and a term left, or an amount of IFIL. The
///   principal is **escrowed at posting**: the offer book only ever shows money that is really there, a borrower
///   who accepts cannot be let down by a lender who spent or un-approved the funds meanwhile, and cancelling
///   gives it back at once. A borrower accepts with a matching NFT (or the IFIL amount) and receives the
///   principal in the same transaction.
/// - A **borrower request** deposits the collateral with the wanted principal, APR and duration; any lender funds
///   it (the principal goes from the lender to the borrower in the same transaction). The borrower can cancel
///   an unfunded request and take the collateral back.
/// Every position (offer, request, loan) has one id: an offer or request becomes the loan in place.
/// Offers and requests cannot be edited, and taking one requires the terms the taker saw ({Terms}), so an offer
/// is taken once and only on the terms shown.
///
/// Interest is simple and pro rata to the second: `principal * aprBps * t / (10_000 * 365 days)`, rounded up,
/// where `t` is the time since the start but at least {MIN_INTEREST_PERIOD} (or the whole duration when shorter).
/// It keeps accruing after maturity until the loan is repaid or foreclosed. The borrower may repay at any time
/// while the loan is active, also after maturity, as long as the lender has not foreclosed. From
/// `maturity + grace period` the lender may foreclose: the collateral goes to the lender and the loan ends.
/// A protocol fee ({feeBps}, governable, at most {MAX_FEE_BPS}) is taken from the interest only; it accrues here
/// and {withdrawFees} sends it to the treasury. The fee rate and the grace period are fixed in each loan at its
/// start, so a later vote cannot change a running loan; the lender of a loan never changes and repayment does
/// not depend on the lender accepting the money (if the transfer to the lender fails it is credited and pulled
/// with {withdrawCredit}), so no third party can make a loan unrepayable.
///
/// While an NFT is pledged (in a request or a loan) its daily yield still belongs to the borrower: {claimYield}
/// claims it through this contract and forwards it, and {foreclose} forwards what is left unclaimed before the
/// NFT goes to the lender. Escrow refunds and insurance payouts of a pledged NFT stay with the NFT (those
/// contracts pay the NFT's holder): whoever gets the NFT back claims them. So what a lender sees is what it gets:
/// from the moment an NFT is pledged (a request's NFT while the lender decides, an accepted offer's NFT), nothing
/// that would go to the lender at foreclosure (the NFT, its refund and insurance rights) can be taken out of it,
/// and the unclaimed yield, the borrower's either way, is never part of what the lender is owed.
///
/// @dev NFTs move with `transferFrom` (no receiver hook, so neither party can block a transfer by reverting in
/// one). Every external function that moves value is `nonReentrant` and changes state before any transfer.
/// USDT and IFIL must be plain ERC-20s (no fee on transfer): every pull into this contract checks that its balance
/// rose by exactly the amount and reverts {LoanMarketTransferShort} otherwise, so a fee-taking token (or a fee
/// switched on later) is refused instead of leaving positions backed by less than they book. DEFAULT_ADMIN_ROLE (the
/// timelock) sets the fee, the grace period and the treasury; it cannot touch positions or their collateral.
contract LoanMarket is AccessControl, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice What a position pledges.
    enum Collateral {
        None,
        Nft,
        Ifil
    }

    /// @notice Where a position is in its life.
    enum State {
        None,
        Offer,
        Request,
        Active,
        Repaid,
        Foreclosed,
        Cancelled
    }

    /// @notice One position. Offer fields (criteria) and loan fields share slots; read it with {position}.
    /// @param borrower 0 on an offer until it is accepted.
    /// @param principal USDT base units lent.
    /// @param lender 0 on a request until it is funded.
    /// @param start loan start (unix seconds); 0 before.
    /// @param duration seconds from start to maturity.
    /// @param aprBps yearly interest in basis points.
    /// @param collateral NFT collateral: the pledged token id (0 on an offer). IFIL: the amount (on an offer, the
    /// amount required).
    /// @param productId offers with NFT collateral: the only accepted product, or 0 for any product.
    /// @param minTermLeft offers with NFT collateral: seconds the NFT's term must still run at acceptance.
    /// @param grace loans: the grace period after maturity, fixed at the start.
    /// @param feeBps loans: the protocol's share of the interest, fixed at the start.
    /// @param kind NFT or IFIL.
    /// @param coin offers for any product: the accepted coin (HashrateNFT.Coin).
    /// @param minHashrate offers for any product: the least hashrate per NFT (thousandths of the coin's unit).
    struct Position {
        // slot 0
        address borrower;
        uint96 principal;
        // slot 1
        address lender;
        uint40 start;
        uint32 duration;
        uint16 aprBps;
        State state;
        // slot 2
        uint96 collateral;
        uint64 productId;
        uint32 minTermLeft;
        uint32 grace;
        uint16 feeBps;
        Collateral kind;
        uint8 coin;
        // slot 3 (written only by offers that accept any product with a hashrate minimum)
        uint128 minHashrate;
    }

    /// @notice Input of {postOffer}.
    /// @param collateralAmount IFIL offers: the IFIL a borrower must pledge; 0 for NFT offers.
    /// @param productId NFT offers: the accepted product, or 0 for any product of `coin`.
    /// @param coin NFT offers for any product: the accepted coin (0 FIL, 1 BTC); 0 otherwise.
    /// @param minHashrate NFT offers for any product: the least hashrate per NFT (0 for none); 0 otherwise.
    /// @param minTermLeft NFT offers: seconds the NFT's product term must still run when the offer is accepted.
    struct OfferParams {
        uint256 principal;
        uint256 aprBps;
        uint256 duration;
        Collateral kind;
        uint256 collateralAmount;
        uint256 productId;
        uint8 coin;
        uint256 minHashrate;
        uint256 minTermLeft;
    }

    /// @notice The terms a taker saw; {acceptOffer} and {fundRequest} revert unless the position still has them.
    /// @param collateral offers: the IFIL amount required (0 for NFT offers); requests: the pledged token id or
    /// IFIL amount.
    struct Terms {
        uint256 principal;
        uint256 aprBps;
        uint256 duration;
        uint256 collateral;
    }

    uint256 public constant BPS = 10_000;
    uint256 public constant YEAR = 365 days;
    /// @notice Interest is charged for at least this long (or the whole duration when shorter).
    uint256 public constant MIN_INTEREST_PERIOD = 7 days;
    uint256 public constant MIN_DURATION = 1 days;
    uint256 public constant MAX_DURATION = 365 days;
    /// @notice Highest APR a position may have: 500%.
    uint256 public constant MAX_APR_BPS = 50_000;
    /// @notice Highest protocol fee: 30% of the interest.
    uint256 public constant MAX_FEE_BPS = 3_000;
    uint256 public constant MIN_GRACE_PERIOD = 1 hours;
    uint256 public constant MAX_GRACE_PERIOD = 30 days;
    /// @notice Longest term-left requirement an offer may set (HashrateNFT's longest term).
    uint256 public constant MAX_MIN_TERM_LEFT = 1825 days;

    HashrateNFT public immutable nft;
    MinerRegistry public immutable registry;
    YieldDistributor public immutable distributor;
    IERC20 public immutable usdt;
    IERC20 public immutable ifil;
    /// @dev The distributor's BTC yield token, forwarded by {claimYield} like IFIL.
    IERC20 private immutable _btcYield;

    uint256 private _positionCount;
    mapping(uint256 id => Position) private _positions;
    mapping(address account => uint256) private _credits;
    // One slot: read together when a loan starts.
    uint16 private _feeBps = 1_000;
    uint32 private _gracePeriod = 3 days;
    uint128 private _accruedFees;
    address private _treasury;

    event OfferPosted(
        uint256 indexed id,
        address indexed lender,
        uint256 principal,
        uint256 aprBps,
        uint256 duration,
        Collateral kind,
        uint256 collateralAmount,
        uint256 indexed productId,
        uint8 coin,
        uint256 minHashrate,
        uint256 minTermLeft
    );
    event RequestPosted(
        uint256 indexed id,
        address indexed borrower,
        uint256 principal,
        uint256 aprBps,
        uint256 duration,
        Collateral kind,
        uint256 collateral
    );
    event PositionCancelled(uint256 indexed id, address indexed by);
    event LoanStarted(
        uint256 indexed id,
        address indexed borrower,
        address indexed lender,
        uint256 principal,
        Collateral kind,
        uint256 collateral,
        uint256 maturity
    );
    event LoanRepaid(
        uint256 indexed id, address indexed borrower, address indexed lender, uint256 principal, uint256 interest, uint256 fee
    );
    event LoanForeclosed(uint256 indexed id, address indexed borrower, address indexed lender);
    event YieldForwarded(address indexed borrower, address indexed token, uint256 amount);
    event LenderCredited(address indexed lender, uint256 indexed id, uint256 amount);
    event CreditWithdrawn(address indexed account, uint256 amount);
    event FeeUpdated(uint256 oldFeeBps, uint256 newFeeBps);
    event GracePeriodUpdated(uint256 oldGracePeriod, uint256 newGracePeriod);
    event TreasuryUpdated(address oldTreasury, address newTreasury);
    event FeesWithdrawn(address indexed treasury, uint256 amount);

    error LoanMarketInvalidAddress();
    error LoanMarketInvalidPrincipal(uint256 principal);
    error LoanMarketInvalidApr(uint256 aprBps, uint256 maxAprBps);
    error LoanMarketInvalidDuration(uint256 duration, uint256 minDuration, uint256 maxDuration);
    error LoanMarketInvalidCollateral();
    error LoanMarketInvalidCriteria();
    error LoanMarketUnknownPosition(uint256 id);
    error LoanMarketWrongState(uint256 id, State current, State expected);
    error LoanMarketNotLender(uint256 id, address caller, address lender);
    error LoanMarketNotBorrower(uint256 id, address caller, address borrower);
    error LoanMarketSelfLoan(uint256 id);
    error LoanMarketTermsChanged(uint256 id);
    error LoanMarketWrongProduct(uint256 id, uint256 tokenId, uint256 productId);
    error LoanMarketWrongCoin(uint256 id, uint256 tokenId);
    error LoanMarketHashrateTooLow(uint256 id, uint256 tokenId, uint256 hashrate, uint256 minHashrate);
    error LoanMarketTermTooShort(uint256 id, uint256 tokenId, uint256 termEnd, uint256 requiredEnd);
    error LoanMarketProductNotActive(uint256 id, uint256 tokenId, MinerRegistry.Status status);
    error LoanMarketNotForeclosable(uint256 id, uint256 foreclosableAt);
    error LoanMarketNotNftLoan(uint256 id);
    error LoanMarketNoCredit(address account);
    error LoanMarketNoFees();
    error LoanMarketFeeTooHigh(uint256 feeBps, uint256 maxFeeBps);
    error LoanMarketInvalidGracePeriod(uint256 gracePeriod, uint256 min, uint256 max);
    error LoanMarketTransferShort(address token, uint256 expected, uint256 received);

    constructor(
        address admin,
        HashrateNFT nft_,
        MinerRegistry registry_,
        YieldDistributor distributor_,
        IERC20 usdt_,
        address treasury_
    ) {
        if (
            admin == address(0) || address(nft_) == address(0) || address(registry_) == address(0)
                || address(distributor_) == address(0) || address(usdt_) == address(0) || treasury_ == address(0)
        ) revert LoanMarketInvalidAddress();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        nft = nft_;
        registry = registry_;
        distributor = distributor_;
        usdt = usdt_;
        ifil = distributor_.filToken();
        _btcYield = distributor_.btcToken();
        _treasury = treasury_;
    }

    // ---------------------------------------------------------------- lender offers

    /// @notice Posts a loan offer and escrows its principal here (approve this contract for it first).
    /// @dev Reverts on a zero or too large principal, an APR above {MAX_APR_BPS}, a duration outside
    /// [{MIN_DURATION}, {MAX_DURATION}], and with {LoanMarketInvalidCriteria} for criteria that do not fit the
    /// collateral kind (IFIL offers need an amount and no NFT criteria; NFT offers no amount, a known product or a
    /// coin, a term left up to {MAX_MIN_TERM_LEFT}). Emits {OfferPosted}.
    function postOffer(OfferParams calldata p) external nonReentrant returns (uint256 id) {
        _checkTerms(p.principal, p.aprBps, p.duration);
        if (p.kind == Collateral.Ifil) {
            if (
                p.collateralAmount == 0 || p.collateralAmount > type(uint96).max || p.productId != 0 || p.coin != 0
                    || p.minHashrate != 0 || p.minTermLeft != 0
            ) revert LoanMarketInvalidCriteria();
        } else if (p.kind == Collateral.Nft) {
            if (p.collateralAmount != 0 || p.minTermLeft > MAX_MIN_TERM_LEFT || p.productId > type(uint64).max) {
                revert LoanMarketInvalidCriteria();
            }
            if (p.productId != 0) {
                if (p.coin != 0 || p.minHashrate != 0) revert LoanMarketInvalidCriteria();
                nft.product(p.productId); // reverts for an unknown product
            } else if (p.coin > uint8(HashrateNFT.Coin.BTC) || p.minHashrate > type(uint128).max) {
                revert LoanMarketInvalidCriteria();
            }
        } else {
            revert LoanMarketInvalidCollateral();
        }

        id = ++_positionCount;
        Position storage pos = _positions[id];
        // forge-lint: disable-start(unsafe-typecast) -- each value was range-checked above
        pos.principal = uint96(p.principal);
        pos.lender = msg.sender;
        pos.duration = uint32(p.duration);
        pos.aprBps = uint16(p.aprBps);
        pos.state = State.Offer;
        pos.collateral = uint96(p.collateralAmount);
        pos.productId = uint64(p.productId);
        pos.minTermLeft = uint32(p.minTermLeft);
        pos.kind = p.kind;
        pos.coin = p.coin;
        if (p.minHashrate != 0) pos.minHashrate = uint128(p.minHashrate);
        // forge-lint: disable-end(unsafe-typecast)
        emit OfferPosted(
            id,
            msg.sender,
            p.principal,
            p.aprBps,
            p.duration,
            p.kind,
            p.collateralAmount,
            p.productId,
            p.coin,
            p.minHashrate,
            p.minTermLeft
        );
        _pull(usdt, msg.sender, p.principal);
    }

    /// @notice Takes offer `id`: pledges NFT `tokenId` (NFT offers; approve this contract for it) or the offer's
    /// IFIL amount (IFIL offers; approve it; `tokenId` is ignored) and pays you the principal.
    /// @param expected the offer's terms as you saw them; the call reverts {LoanMarketTermsChanged} otherwise.
    /// @dev Reverts {LoanMarketWrongState} unless the offer is open (so it is taken once), {LoanMarketSelfLoan}
    /// for the lender, and for an NFT that does not meet the criteria: another product, another coin, less
    /// hashrate, less term left, or a product that is not Active in the registry (defaulted, completed, ...).
    /// Emits {LoanStarted}.
    function acceptOffer(uint256 id, uint256 tokenId, Terms calldata expected) external nonReentrant {
        Position storage pos = _positions[id];
        uint256 principal = pos.principal;
        address lender = pos.lender;
        uint256 duration = pos.duration;
        _checkState(id, pos.state, State.Offer);
        if (lender == msg.sender) revert LoanMarketSelfLoan(id);
        Collateral kind = pos.kind;
        uint256 collateral = pos.collateral;
        if (
            expected.principal != principal || expected.aprBps != pos.aprBps || expected.duration != duration
                || expected.collateral != collateral
        ) revert LoanMarketTermsChanged(id);
        if (kind == Collateral.Nft) {
            _checkNft(id, pos, tokenId);
            collateral = tokenId;
        }

        (uint16 fee, uint32 grace) = (_feeBps, _gracePeriod);
        pos.borrower = msg.sender;
        // forge-lint: disable-next-line(unsafe-typecast) -- a timestamp
        pos.start = uint40(block.timestamp);
        pos.state = State.Active;
        // forge-lint: disable-next-line(unsafe-typecast) -- a HashrateNFT token id (< 2**96) or the stored amount
        pos.collateral = uint96(collateral);
        pos.grace = grace;
        pos.feeBps = fee;
        emit LoanStarted(id, msg.sender, lender, principal, kind, collateral, block.timestamp + duration);

        _pullCollateral(kind, msg.sender, collateral);
        usdt.safeTransfer(msg.sender, principal);
    }

    // ---------------------------------------------------------------- borrower requests

    /// @notice Posts a loan request: pledges NFT `collateral` (a token id) or `collateral` IFIL here now (approve
    /// this contract first) and asks for `principal` USDT at `aprBps` for `duration` seconds.
    /// @dev Same term checks as {postOffer}. Emits {RequestPosted}.
    function postRequest(uint256 principal, uint256 aprBps, uint256 duration, Collateral kind, uint256 collateral)
        external
        nonReentrant
        returns (uint256 id)
    {
        _checkTerms(principal, aprBps, duration);
        if ((kind != Collateral.Nft && kind != Collateral.Ifil) || collateral == 0 || collateral > type(uint96).max) {
            revert LoanMarketInvalidCollateral();
        }
        id = ++_positionCount;
        Position storage pos = _positions[id];
        // forge-lint: disable-start(unsafe-typecast) -- each value was range-checked above
        pos.borrower = msg.sender;
        pos.principal = uint96(principal);
        pos.duration = uint32(duration);
        pos.aprBps = uint16(aprBps);
        pos.state = State.Request;
        pos.collateral = uint96(collateral);
        pos.kind = kind;
        // forge-lint: disable-end(unsafe-typecast)
        emit RequestPosted(id, msg.sender, principal, aprBps, duration, kind, collateral);
        _pullCollateral(kind, msg.sender, collateral);
    }

    /// @notice Funds request `id`: `principal` USDT goes from you to the borrower now (approve this contract).
    /// @param expected the request's terms as you saw them, its collateral included.
    /// @dev Reverts {LoanMarketWrongState} unless the request is open, {LoanMarketSelfLoan} for the borrower,
    /// {LoanMarketTermsChanged} on other terms, and {LoanMarketProductNotActive} when the pledged NFT's product is
    /// no longer Active in the registry (it defaulted, was slashed or completed after the request was posted), as
    /// {acceptOffer} does. Emits {LoanStarted}.
    function fundRequest(uint256 id, Terms calldata expected) external nonReentrant {
        Position storage pos = _positions[id];
        address borrower = pos.borrower;
        uint256 principal = pos.principal;
        uint256 duration = pos.duration;
        uint256 collateral = pos.collateral;
        _checkState(id, pos.state, State.Request);
        if (borrower == msg.sender) revert LoanMarketSelfLoan(id);
        if (
            expected.principal != principal || expected.aprBps != pos.aprBps || expected.duration != duration
                || expected.collateral != collateral
        ) revert LoanMarketTermsChanged(id);
        Collateral kind = pos.kind;
        if (kind == Collateral.Nft) _checkActive(id, collateral, nft.productIdOf(collateral));

        pos.lender = msg.sender;
        // forge-lint: disable-next-line(unsafe-typecast) -- a timestamp
        pos.start = uint40(block.timestamp);
        pos.state = State.Active;
        pos.grace = _gracePeriod;
        pos.feeBps = _feeBps;
        emit LoanStarted(id, borrower, msg.sender, principal, kind, collateral, block.timestamp + duration);
        usdt.safeTransferFrom(msg.sender, borrower, principal);
    }

    /// @notice Cancels your open offer (its principal comes back) or your open request (its collateral comes
    /// back). Emits {PositionCancelled}.
    function cancel(uint256 id) external nonReentrant {
        Position storage pos = _positions[id];
        State state = pos.state;
        if (state == State.Offer) {
            address lender = pos.lender;
            if (lender != msg.sender) revert LoanMarketNotLender(id, msg.sender, lender);
            pos.state = State.Cancelled;
            emit PositionCancelled(id, msg.sender);
            usdt.safeTransfer(msg.sender, pos.principal);
        } else if (state == State.Request) {
            address borrower = pos.borrower;
            if (borrower != msg.sender) revert LoanMarketNotBorrower(id, msg.sender, borrower);
            pos.state = State.Cancelled;
            emit PositionCancelled(id, msg.sender);
            _pushCollateral(pos.kind, msg.sender, pos.collateral);
        } else {
            if (state == State.None) revert LoanMarketUnknownPosition(id);
            revert LoanMarketWrongState(id, state, State.Offer);
        }
    }

    // ---------------------------------------------------------------- loans

    /// @notice Repays your loan `id`: {amountDue} USDT (approve this contract for it) goes to the lender, minus the
    /// protocol's fee on the interest, and the collateral comes back to you. Any time while the loan is active,
    /// after maturity too until the lender forecloses.
    /// @dev Reverts {LoanMarketWrongState} unless active, {LoanMarketNotBorrower} for anyone else. If the lender
    /// cannot receive the money, it is credited to the lender instead ({withdrawCredit}); the repayment goes
    /// through either way. Emits {LoanRepaid}.
    function repay(uint256 id) external nonReentrant {
        Position storage pos = _positions[id];
        address borrower = pos.borrower;
        uint256 principal = pos.principal;
        _checkState(id, pos.state, State.Active);
        if (borrower != msg.sender) revert LoanMarketNotBorrower(id, msg.sender, borrower);
        address lender = pos.lender;
        uint256 interest = _interest(principal, pos.aprBps, pos.start, pos.duration);
        uint256 fee = interest * pos.feeBps / BPS;
        pos.state = State.Repaid;
        // forge-lint: disable-next-line(unsafe-typecast) -- fee <= interest; the sum of all fees fits: USDT supply
        if (fee != 0) _accruedFees += uint128(fee);
        emit LoanRepaid(id, borrower, lender, principal, interest, fee);

        uint256 toLender = principal + interest - fee;
        _pull(usdt, msg.sender, principal + interest);
        if (!usdt.trySafeTransfer(lender, toLender)) {
            _credits[lender] += toLender;
            emit LenderCredited(lender, id, toLender);
        }
        _pushCollateral(pos.kind, borrower, pos.collateral);
    }

    /// @notice Takes the collateral of your loan `id` once it is not repaid by maturity plus its grace period.
    /// For an NFT, the yield it earned and the borrower did not claim is sent to the borrower first.
    /// @dev Reverts {LoanMarketNotLender}, {LoanMarketWrongState} unless active, {LoanMarketNotForeclosable}
    /// before `start + duration + grace`. Emits {LoanForeclosed}.
    function foreclose(uint256 id) external nonReentrant {
        Position storage pos = _positions[id];
        address lender = pos.lender;
        uint256 foreclosableAt = uint256(pos.start) + pos.duration + pos.grace;
        _checkState(id, pos.state, State.Active);
        if (lender != msg.sender) revert LoanMarketNotLender(id, msg.sender, lender);
        if (block.timestamp < foreclosableAt) revert LoanMarketNotForeclosable(id, foreclosableAt);
        address borrower = pos.borrower;
        Collateral kind = pos.kind;
        uint256 collateral = pos.collateral;
        pos.state = State.Foreclosed;
        emit LoanForeclosed(id, borrower, lender);
        // The claim is made only when there is something to claim, and then it cannot fail (this contract owns
        // the NFT): no try/catch, so a lender cannot make it fail by sending too little gas and keep the yield.
        if (kind == Collateral.Nft && distributor.claimable(collateral) != 0) {
            uint256[] memory ids = new uint256[](1);
            ids[0] = collateral;
            _forwardYield(ids, borrower);
        }
        _pushCollateral(kind, lender, collateral);
    }

    /// @notice Claims the yield of the NFTs pledged in your requests and loans `ids` and sends it to you.
    /// @dev Each id must be your open request or active loan with NFT collateral ({LoanMarketNotBorrower},
    /// {LoanMarketWrongState}, {LoanMarketNotNftLoan}); the NFTs must share one yield token (the distributor
    /// reverts otherwise, and with YieldDistributorNothingToClaim when nothing was earned). Emits {YieldForwarded}.
    function claimYield(uint256[] calldata ids) external nonReentrant {
        uint256[] memory tokenIds = new uint256[](ids.length);
        for (uint256 i; i < ids.length; ++i) {
            uint256 id = ids[i];
            Position storage pos = _positions[id];
            State state = pos.state;
            if (state != State.Active && state != State.Request) _checkState(id, state, State.Active);
            if (pos.borrower != msg.sender) revert LoanMarketNotBorrower(id, msg.sender, pos.borrower);
            if (pos.kind != Collateral.Nft) revert LoanMarketNotNftLoan(id);
            tokenIds[i] = pos.collateral;
        }
        _forwardYield(tokenIds, msg.sender);
    }

    /// @notice Sends you the repayments credited to you because a transfer to you failed.
    /// @dev Emits {CreditWithdrawn}.
    function withdrawCredit() external nonReentrant {
        uint256 amount = _credits[msg.sender];
        if (amount == 0) revert LoanMarketNoCredit(msg.sender);
        _credits[msg.sender] = 0;
        emit CreditWithdrawn(msg.sender, amount);
        usdt.safeTransfer(msg.sender, amount);
    }

    // ---------------------------------------------------------------- treasury and admin

    /// @notice Sends the accrued protocol fees to the treasury. Anyone may call. Emits {FeesWithdrawn}.
    function withdrawFees() external nonReentrant {
        uint256 amount = _accruedFees;
        if (amount == 0) revert LoanMarketNoFees();
        _accruedFees = 0;
        address treasury_ = _treasury;
        emit FeesWithdrawn(treasury_, amount);
        usdt.safeTransfer(treasury_, amount);
    }

    /// @notice Sets the protocol's share of the interest for loans that start from now on (running loans keep
    /// theirs). Only DEFAULT_ADMIN_ROLE. Emits {FeeUpdated}.
    function setFeeBps(uint256 newFeeBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newFeeBps > MAX_FEE_BPS) revert LoanMarketFeeTooHigh(newFeeBps, MAX_FEE_BPS);
        emit FeeUpdated(_feeBps, newFeeBps);
        // forge-lint: disable-next-line(unsafe-typecast) -- at most MAX_FEE_BPS
        _feeBps = uint16(newFeeBps);
    }

    /// @notice Sets the grace period after maturity for loans that start from now on. Only DEFAULT_ADMIN_ROLE.
    /// Emits {GracePeriodUpdated}.
    function setGracePeriod(uint256 newGracePeriod) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newGracePeriod < MIN_GRACE_PERIOD || newGracePeriod > MAX_GRACE_PERIOD) {
            revert LoanMarketInvalidGracePeriod(newGracePeriod, MIN_GRACE_PERIOD, MAX_GRACE_PERIOD);
        }
        emit GracePeriodUpdated(_gracePeriod, newGracePeriod);
        // forge-lint: disable-next-line(unsafe-typecast) -- at most MAX_GRACE_PERIOD
        _gracePeriod = uint32(newGracePeriod);
    }

    /// @notice Sets where {withdrawFees} sends the fees. Only DEFAULT_ADMIN_ROLE. Emits {TreasuryUpdated}.
    function setTreasury(address newTreasury) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newTreasury == address(0)) revert LoanMarketInvalidAddress();
        emit TreasuryUpdated(_treasury, newTreasury);
        _treasury = newTreasury;
    }

    // ---------------------------------------------------------------- views

    /// @notice A position with all its fields. Reverts for an unknown id.
    function position(uint256 id) external view returns (Position memory pos) {
        pos = _positions[id];
        if (pos.state == State.None) revert LoanMarketUnknownPosition(id);
    }

    /// @notice Number of positions; ids run from 1 to this number.
    function positionCount() external view returns (uint256) {
        return _positionCount;
    }

    /// @notice What repaying active loan `id` costs now: principal + interest (the fee comes out of the interest).
    function amountDue(uint256 id) external view returns (uint256 principal, uint256 interest, uint256 fee) {
        Position storage pos = _positions[id];
        _checkState(id, pos.state, State.Active);
        principal = pos.principal;
        interest = _interest(principal, pos.aprBps, pos.start, pos.duration);
        fee = interest * pos.feeBps / BPS;
    }

    /// @notice Interest owed on `principal` at `aprBps` for a loan of `duration` seconds repaid `elapsed` seconds
    /// after its start (the model of {repay}).
    function interestFor(uint256 principal, uint256 aprBps, uint256 duration, uint256 elapsed)
        public
        pure
        returns (uint256)
    {
        uint256 minPeriod = duration < MIN_INTEREST_PERIOD ? duration : MIN_INTEREST_PERIOD;
        uint256 t = elapsed < minPeriod ? minPeriod : elapsed;
        uint256 num = principal * aprBps * t;
        uint256 den = BPS * YEAR;
        return (num + den - 1) / den;
    }

    /// @notice Maturity and the time from which the lender may foreclose, of a loan.
    function deadlines(uint256 id) external view returns (uint256 maturity, uint256 foreclosableAt) {
        Position storage pos = _positions[id];
        _checkState(id, pos.state, State.Active);
        maturity = uint256(pos.start) + pos.duration;
        foreclosableAt = maturity + pos.grace;
    }

    /// @notice USDT credited to `account` (repayments a transfer could not deliver).
    function creditOf(address account) external view returns (uint256) {
        return _credits[account];
    }

    /// @notice The protocol's share of the interest for loans starting now, in basis points.
    function feeBps() external view returns (uint256) {
        return _feeBps;
    }

    /// @notice The grace period after maturity for loans starting now, in seconds.
    function gracePeriod() external view returns (uint256) {
        return _gracePeriod;
    }

    /// @notice Where {withdrawFees} sends the fees.
    function treasury() external view returns (address) {
        return _treasury;
    }

    /// @notice Protocol fees accrued and not yet withdrawn.
    function accruedFees() external view returns (uint256) {
        return _accruedFees;
    }

    // ---------------------------------------------------------------- internal

    function _checkTerms(uint256 principal, uint256 aprBps, uint256 duration) private pure {
        if (principal == 0 || principal > type(uint96).max) revert LoanMarketInvalidPrincipal(principal);
        if (aprBps > MAX_APR_BPS) revert LoanMarketInvalidApr(aprBps, MAX_APR_BPS);
        if (duration < MIN_DURATION || duration > MAX_DURATION) {
            revert LoanMarketInvalidDuration(duration, MIN_DURATION, MAX_DURATION);
        }
    }

    function _checkState(uint256 id, State current, State expected) private pure {
        if (current == expected) return;
        if (current == State.None) revert LoanMarketUnknownPosition(id);
        revert LoanMarketWrongState(id, current, expected);
    }

    /// @dev The NFT offer criteria: product (or coin and hashrate), term left, and an Active registry status.
    function _checkNft(uint256 id, Position storage pos, uint256 tokenId) private view {
        uint256 productId = nft.productIdOf(tokenId);
        uint256 wanted = pos.productId;
        if (wanted != 0 && productId != wanted) revert LoanMarketWrongProduct(id, tokenId, wanted);
        HashrateNFT.Product memory p = nft.product(productId);
        if (wanted == 0) {
            if (uint8(p.coin) != pos.coin) revert LoanMarketWrongCoin(id, tokenId);
            uint256 minHashrate = pos.minHashrate;
            if (p.hashratePerNFT < minHashrate) {
                revert LoanMarketHashrateTooLow(id, tokenId, p.hashratePerNFT, minHashrate);
            }
        }
        uint256 requiredEnd = block.timestamp + pos.minTermLeft;
        if (p.termEnd < requiredEnd) revert LoanMarketTermTooShort(id, tokenId, p.termEnd, requiredEnd);
        _checkActive(id, tokenId, productId);
    }

    /// @dev An NFT is lent against only while its product is Active in the registry (not defaulted, slashed or
    /// completed): checked by {acceptOffer} and {fundRequest} when the loan starts.
    function _checkActive(uint256 id, uint256 tokenId, uint256 productId) private view {
        MinerRegistry.Status status = registry.statusOf(registry.productApplication(productId));
        if (status != MinerRegistry.Status.Active) revert LoanMarketProductNotActive(id, tokenId, status);
    }

    function _interest(uint256 principal, uint256 aprBps, uint256 start, uint256 duration)
        private
        view
        returns (uint256)
    {
        return interestFor(principal, aprBps, duration, block.timestamp - start);
    }

    function _pullCollateral(Collateral kind, address from, uint256 collateral) private {
        if (kind == Collateral.Nft) nft.transferFrom(from, address(this), collateral);
        else _pull(ifil, from, collateral);
    }

    /// @dev Pulls exactly `amount` of `token` from `from` into this contract: reverts {LoanMarketTransferShort}
    /// when the balance rose by anything else (a fee-on-transfer token).
    function _pull(IERC20 token, address from, uint256 amount) private {
        uint256 balance = token.balanceOf(address(this));
        token.safeTransferFrom(from, address(this), amount);
        uint256 received = token.balanceOf(address(this)) - balance;
        if (received != amount) revert LoanMarketTransferShort(address(token), amount, received);
    }

    function _pushCollateral(Collateral kind, address to, uint256 collateral) private {
        if (kind == Collateral.Nft) nft.transferFrom(address(this), to, collateral);
        else ifil.safeTransfer(to, collateral);
    }

    /// @dev Claims `tokenIds`' yield (this contract holds them; the distributor reverts when there is nothing to
    /// claim) and forwards what arrived, in either yield token, to `to`.
    function _forwardYield(uint256[] memory tokenIds, address to) private {
        IERC20 fil = ifil;
        IERC20 btc = _btcYield;
        uint256 filBefore = fil.balanceOf(address(this));
        uint256 btcBefore = btc.balanceOf(address(this));
        distributor.claim(tokenIds);
        uint256 filGot = fil.balanceOf(address(this)) - filBefore;
        uint256 btcGot = btc.balanceOf(address(this)) - btcBefore;
        if (filGot != 0) {
            emit YieldForwarded(to, address(fil), filGot);
            fil.safeTransfer(to, filGot);
        }
        if (btcGot != 0) {
            emit YieldForwarded(to, address(btc), btcGot);
            btc.safeTransfer(to, btcGot);
        }
    }
}
