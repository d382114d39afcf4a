// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {HashrateNFT} from "./HashrateNFT.sol";
import {IRevenueEscrow} from "./interfaces/IRevenueEscrow.sol";

/// @title RevenueEscrow
/// @notice Holds the primary-sale money of hashrate NFTs and releases it to the product's miner linearly, in whole
/// UTC days, over the rest of the product's term. The Marketplace (DEPOSITOR_ROLE) transfers `price - fee` here and
/// calls {credit}. The miner withdraws what is released at any time with {withdraw}, in O(1) whatever the number of
/// NFTs. A halt ({halt}: the DefaultGuard on a default, or the DAO) freezes release at the halt day; each NFT's
/// unreleased remainder then belongs to its current holder, who claims it with {claimRefund}. The DAO can
/// {resume}: the NFTs not refunded release again as if never halted (the halted days are released at once).
/// @dev Days are UTC days (`timestamp / 1 days`). A product's release runs from its first day
/// (`termStart / 1 days`) to its end day (`termEnd / 1 days`, exclusive).
/// Each credited token holds one *stream*: `amount` from `startDay = max(today, firstDay)` to the end day. Its
/// daily rate is `amount / (endDay - startDay)` rounded down; the rounding remainder (less than one base unit per
/// remaining day) is released on the end day, so after the end everything credited and not refunded is released
/// and nothing is left as dust. A stream releases `rate * (day - startDay)` before the end day and `amount` from
/// it. Because every stream of a product ends on the same day, the product's release is
/// `rateSum * (day - firstDay) - startWeighted` (sums over the live streams of `rate` and
/// `rate * (startDay - firstDay)`, kept in one slot with their amounts, so a credit writes one slot) plus what was
/// settled out of streams that ended early (merged or refunded): exactly the sum of the per-token figures, in O(1).
/// A token is credited once, at its first sale: only the NFT calls {credit}, from its first-sale transfer
/// (HashrateNFT `transferFromFirstSale`, which the never-sold mark allows once per token), and it stores the returned
/// stream in the token's own ownership word (94 bits: amount, start day, halt epoch; see {_encode}), so a first
/// sale writes no storage slot of its own here. Only this contract rewrites a stream afterwards (HashrateNFT
/// `recordRefunds`, ESCROW_ROLE). A stream's amount is below 2**78 base units ({RevenueEscrowAmountTooLarge}) and a
/// product can be resumed at most {MAX_HALTS} - 1 times ({RevenueEscrowTooManyHalts}): the epoch has 4 bits. A credit while halted starts on its own
/// sale day like any other, so none of it is released while halted (all of it is refundable); such streams wait in
/// a *pending* book, outside the release sums, until a resume merges them in: after a resume they release from
/// their sale day, never from the halt day. A stream records the halt it was credited in (`pendingEpoch`), so a
/// refund knows which book holds it.
/// The Marketplace has the buyer pay a primary sale's whole price here; the fee part stays here until the
/// Marketplace's `withdrawFees` takes it out with {payFees}.
/// Roles: DEFAULT_ADMIN_ROLE (the timelock) manages roles; DEPOSITOR_ROLE (the Marketplace) takes its fees out
/// ({payFees}); the NFT alone credits; HALTER_ROLE
/// (the DefaultGuard and the timelock) halts; RESUMER_ROLE (the timelock, and the DefaultGuard for its
/// timelock-only `resumeByGovernance`) resumes. The escrow trusts the NFT's sale channel (the Marketplace) to have
/// transferred what it credits, and the Marketplace to take out only the fees it left here.
contract RevenueEscrow is AccessControl, ReentrancyGuardTransient, IRevenueEscrow {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    bytes32 public constant DEPOSITOR_ROLE = keccak256("DEPOSITOR_ROLE");
    bytes32 public constant HALTER_ROLE = keccak256("HALTER_ROLE");
    bytes32 public constant RESUMER_ROLE = keccak256("RESUMER_ROLE");

    /// @notice A product's escrow, as {productState} returns it.
    /// @param credited everything ever credited for the product.
    /// @param released what is released to the miner now (withdrawn or not).
    /// @param withdrawn what the miner has withdrawn.
    /// @param refunded what holders have claimed back after a halt.
    /// @param halted whether release is halted; `haltDay` is the day it stopped (0 when not halted).
    struct ProductState {
        uint256 credited;
        uint256 released;
        uint256 withdrawn;
        uint256 refunded;
        bool halted;
        uint256 haltDay;
        uint256 firstDay;
        uint256 endDay;
    }

    /// @notice A token's stream, as {tokenEscrow} returns it. `amount == 0` when the token has none.
    /// @param released what of `amount` is released now (or at the halt day).
    /// @param unreleased `amount - released`: what its holder would get back if the product were halted today
    /// (or can claim now, when it is halted).
    struct TokenEscrow {
        uint256 amount;
        uint256 startDay;
        uint256 endDay;
        uint256 released;
        uint256 unreleased;
    }

    /// @dev Product days (cached from the NFT at the first touch; `endDay == 0` means not cached yet) and halt day
    /// (0 when running: a real halt day is never 0). Written at the first touch, a halt and a resume only.
    struct ProductSlot {
        uint32 firstDay;
        uint32 endDay;
        uint32 haltDay;
    }

    /// @dev The live streams' sums in one slot, so a credit writes one slot: their amounts, their rates and
    /// `rate * (startDay - firstDay)`. Their widths bound a product's escrow: below 2**88 base units in all and
    /// 2**80 released per day (SafeCast reverts a credit beyond them).
    struct ProductBook {
        uint88 live;
        uint80 rateSum;
        uint88 startWeighted;
    }

    struct ProductPaid {
        uint128 withdrawn;
        uint128 refunded;
    }

    /// @dev A token's stream, decoded from the word stored with the token (see {_encode}). `pendingEpoch`: the halt
    /// (see {PendingBook}) during which the stream was credited, 0 for a stream credited while running. It is in
    /// the pending book while that halt lasts.
    struct Stream {
        uint128 amount;
        uint32 startDay;
        uint32 pendingEpoch;
    }

    /// @dev The sums (`startWeighted` relative to the first day, as in {ProductBook}) of the streams credited during the current halt (see the contract's notes); `epoch` counts the
    /// product's halts, so a stream knows whether the halt it was credited in is still the current one.
    struct PendingBook {
        uint160 rateSum;
        uint32 epoch;
        uint128 live;
        uint128 startWeighted;
    }

    /// @dev HashrateNFT.TOKENS_PER_PRODUCT (a test asserts they match): token id = productId * this + serial.
    uint256 private constant TOKENS_PER_PRODUCT = 1_000_000;
    /// @notice Most halts a product can have: its halt epoch is stored in 4 bits with each stream.
    uint256 public constant MAX_HALTS = 15;
    /// @notice A stream's amount is stored in 78 bits: a first sale's proceeds must be below this.
    uint256 public constant MAX_STREAM_AMOUNT = (uint256(1) << 78) - 1;
    uint256 private constant _START_SHIFT = 78; // 11 bits: start day - first day (a term is at most 1825 days)
    uint256 private constant _EPOCH_SHIFT = 89; // 4 bits
    uint256 private constant _CREDITED = uint256(1) << 93; // set in every stream, so a credited word is never 0

    HashrateNFT public immutable nft;
    IERC20 public immutable paymentToken;

    mapping(uint256 productId => ProductSlot) private _products;
    mapping(uint256 productId => ProductBook) private _books;
    mapping(uint256 productId => ProductPaid) private _paid;
    /// @dev Released amounts of streams that ended early (merged into a new stream, or refunded).
    mapping(uint256 productId => uint256) private _settled;
    /// @dev Streams credited while halted that start after the halt day: merged into the product's sums on resume.
    mapping(uint256 productId => PendingBook) private _pending;

    /// @param amount credited now; `streamAmount` is the token's whole stream after merging, from `startDay`.
    event Credited(
        uint256 indexed tokenId, uint256 indexed productId, uint256 amount, uint256 streamAmount, uint256 startDay
    );
    event Withdrawn(uint256 indexed productId, address indexed miner, uint256 amount);
    event Halted(uint256 indexed productId, uint256 day, address indexed by);
    event Resumed(uint256 indexed productId, address indexed by);
    event RefundClaimed(uint256 indexed tokenId, uint256 indexed productId, address indexed holder, uint256 amount);

    error RevenueEscrowInvalidAdmin();
    error RevenueEscrowZeroAmount();
    error RevenueEscrowNotMiner(uint256 productId, address caller, address miner);
    error RevenueEscrowNothingToWithdraw(uint256 productId);
    error RevenueEscrowAlreadyHalted(uint256 productId, uint256 haltDay);
    error RevenueEscrowNotHalted(uint256 productId);
    error RevenueEscrowNoTokens();
    error RevenueEscrowNotHolder(uint256 tokenId, address caller, address holder);
    error RevenueEscrowNothingToRefund(uint256 tokenId);
    /// @notice Only the NFT credits (from its first-sale transfer).
    error RevenueEscrowNotNft(address caller);
    /// @notice A first sale's proceeds do not fit the stream's 78 bits.
    error RevenueEscrowAmountTooLarge(uint256 amount, uint256 max);
    /// @notice The product was halted {MAX_HALTS} times: it cannot be resumed again.
    error RevenueEscrowTooManyHalts(uint256 productId);

    constructor(address admin, HashrateNFT nft_, IERC20 paymentToken_) {
        if (admin == address(0)) revert RevenueEscrowInvalidAdmin();
        nft = nft_;
        paymentToken = paymentToken_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    // ---------------------------------------------------------------- depositor

    /// @notice Books `amount` of the payment token, already transferred here by the Marketplace, as the purchase
    /// money of `tokenId`'s first sale: it streams to the product's miner from `max(today, firstDay)` to the
    /// product's end day (while halted it waits in the pending book and releases nothing; see the contract's notes).
    /// @dev Only the NFT, from its first-sale transfer, which stores the returned stream with the token (so each
    /// token is credited once). Reverts with HashrateNFT's unknown-product error for a token of no product.
    /// Emits {Credited}.
    function credit(uint256 tokenId, uint256 amount) external returns (uint256 stream) {
        if (msg.sender != address(nft)) revert RevenueEscrowNotNft(msg.sender);
        if (amount == 0) revert RevenueEscrowZeroAmount();
        if (amount > MAX_STREAM_AMOUNT) revert RevenueEscrowAmountTooLarge(amount, MAX_STREAM_AMOUNT);
        uint256 productId = tokenId / TOKENS_PER_PRODUCT;
        (ProductSlot memory p, bool cached) = _loadProduct(productId);
        uint256 today = block.timestamp / 1 days;
        // After the end day a stream releases everything at once, whatever its start: it starts on the end day.
        uint256 start = today < p.firstDay ? p.firstDay : today > p.endDay ? p.endDay : today;
        uint256 rate = _rate(amount, start, p.endDay);
        uint256 weighted;
        unchecked {
            // start >= firstDay, and rate * 2047 fits 256 bits
            weighted = rate * (start - p.firstDay);
        }
        uint256 epoch;
        if (p.haltDay != 0) {
            PendingBook storage q = _pending[productId];
            q.rateSum = (q.rateSum + rate).toUint160();
            q.startWeighted = (q.startWeighted + weighted).toUint128();
            q.live = (uint256(q.live) + amount).toUint128();
            epoch = q.epoch;
        } else {
            ProductBook memory b = _books[productId];
            b.rateSum = (b.rateSum + rate).toUint80();
            b.startWeighted = (b.startWeighted + weighted).toUint88();
            b.live = (uint256(b.live) + amount).toUint88();
            _books[productId] = b;
        }
        if (cached) _products[productId] = p;
        stream = _encode(amount, start - p.firstDay, epoch);
        emit Credited(tokenId, productId, amount, amount, start);
    }

    /// @inheritdoc IRevenueEscrow
    /// @dev Only DEPOSITOR_ROLE (the Marketplace, for the fees of primary sales its buyers paid here).
    function payFees(address to, uint256 amount) external onlyRole(DEPOSITOR_ROLE) nonReentrant {
        paymentToken.safeTransfer(to, amount);
    }

    // ---------------------------------------------------------------- miner

    /// @notice Pays the product's miner everything released and not yet withdrawn.
    /// @dev Only the product's miner (HashrateNFT's `minerOf`). O(1) whatever the number of NFTs.
    /// Emits {Withdrawn}.
    function withdraw(uint256 productId) external nonReentrant {
        address miner = nft.minerOf(productId * TOKENS_PER_PRODUCT);
        if (msg.sender != miner) revert RevenueEscrowNotMiner(productId, msg.sender, miner);
        ProductPaid storage paid = _paid[productId];
        uint256 amount = _released(productId) - paid.withdrawn;
        if (amount == 0) revert RevenueEscrowNothingToWithdraw(productId);
        paid.withdrawn = (paid.withdrawn + amount).toUint128();
        emit Withdrawn(productId, miner, amount);
        paymentToken.safeTransfer(miner, amount);
    }

    // ---------------------------------------------------------------- holders

    /// @notice Pays you the unreleased remainder of each NFT of a halted product you hold, in one transfer.
    /// @dev The caller must own every token; each token's product must be halted and the token must have an
    /// unreleased remainder. A refunded token's stream ends (a later resume does not release it). This contract
    /// must hold the NFT's ESCROW_ROLE: the claim ends each token's stream and bumps its `claimNonce`, so a buyer who
    /// saw the refund cannot be sold the emptied NFT.
    /// Emits {RefundClaimed} per token.
    function claimRefund(uint256[] calldata tokenIds) external nonReentrant {
        uint256 n = tokenIds.length;
        if (n == 0) revert RevenueEscrowNoTokens();
        uint256 total;
        uint256 perProduct = TOKENS_PER_PRODUCT;
        uint256[] memory ended = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            uint256 tokenId = tokenIds[i];
            (address holder, uint256 word) = nft.escrowDataOf(tokenId);
            if (holder != msg.sender) revert RevenueEscrowNotHolder(tokenId, msg.sender, holder);
            uint256 productId = tokenId / perProduct;
            ProductSlot memory p = _products[productId];
            if (p.haltDay == 0) revert RevenueEscrowNotHalted(productId);
            Stream memory s = _decode(word, p.firstDay);
            PendingBook storage q = _pending[productId];
            bool pending = s.pendingEpoch != 0 && s.pendingEpoch == q.epoch;
            uint256 rel = s.amount == 0 || pending ? 0 : _streamReleased(s, p.haltDay, p.firstDay, p.endDay);
            uint256 refund = s.amount - rel;
            if (refund == 0) revert RevenueEscrowNothingToRefund(tokenId);

            if (pending) {
                // credited during this halt: it sits in the pending book and released nothing
                uint256 rate = _rate(s.amount, s.startDay, p.endDay);
                // forge-lint: disable-next-line(unsafe-typecast) -- the stream's own terms were added: they fit
                q.rateSum -= uint160(rate);
                // forge-lint: disable-next-line(unsafe-typecast)
                q.startWeighted -= uint128(rate * (s.startDay - p.firstDay));
                q.live -= s.amount;
            } else {
                ProductBook memory b = _books[productId];
                _removeStream(p, b, s);
                _books[productId] = b;
                _settled[productId] += rel;
            }
            // forge-lint: disable-next-line(unsafe-typecast) -- refund <= the stream's amount, a uint128
            _paid[productId].refunded += uint128(refund);
            // amount 0 ends the stream; the rest of the word stays
            ended[i] = word & ~MAX_STREAM_AMOUNT;
            total += refund;
            emit RefundClaimed(tokenId, productId, msg.sender, refund);
        }
        nft.recordRefunds(tokenIds, ended);
        paymentToken.safeTransfer(msg.sender, total);
    }

    // ---------------------------------------------------------------- halters

    /// @notice Stops release of a product at today: from now on each of its NFTs' unreleased remainder is
    /// refundable to its holder ({claimRefund}).
    /// @dev Only HALTER_ROLE (the DefaultGuard, the timelock). Reverts when already halted or for an unknown
    /// product. Emits {Halted}.
    function halt(uint256 productId) external onlyRole(HALTER_ROLE) {
        (ProductSlot memory p,) = _loadProduct(productId);
        if (p.haltDay != 0) revert RevenueEscrowAlreadyHalted(productId, p.haltDay);
        uint256 today = block.timestamp / 1 days;
        // forge-lint: disable-next-line(unsafe-typecast) -- day numbers fit 32 bits for 11 million years
        p.haltDay = uint32(today);
        _products[productId] = p;
        ++_pending[productId].epoch; // the pending book is empty: a resume merged it
        emit Halted(productId, today, msg.sender);
    }

    /// @notice Lets a halted product release again: its streams not refunded release as if never halted (the
    /// halted days at once).
    /// @dev Only RESUMER_ROLE (the timelock; the DefaultGuard on the timelock's behalf). Emits {Resumed}.
    function resume(uint256 productId) external onlyRole(RESUMER_ROLE) {
        ProductSlot memory p = _products[productId];
        if (p.haltDay == 0) revert RevenueEscrowNotHalted(productId);
        p.haltDay = 0;
        PendingBook memory q = _pending[productId];
        if (q.epoch >= MAX_HALTS) revert RevenueEscrowTooManyHalts(productId);
        if (q.live != 0) {
            ProductBook memory b = _books[productId];
            b.rateSum = (uint256(b.rateSum) + q.rateSum).toUint80();
            b.startWeighted = (uint256(b.startWeighted) + q.startWeighted).toUint88();
            b.live = (uint256(b.live) + q.live).toUint88();
            _books[productId] = b;
            _pending[productId] = PendingBook(0, q.epoch, 0, 0); // the epoch stays: it numbers the halts
        }
        _products[productId] = p;
        emit Resumed(productId, msg.sender);
    }

    // ---------------------------------------------------------------- views

    /// @notice Whether a product's release is halted.
    function isHalted(uint256 productId) external view returns (bool) {
        return _products[productId].haltDay != 0;
    }

    /// @notice What the product's miner can withdraw now.
    function withdrawable(uint256 productId) external view returns (uint256) {
        return _released(productId) - _paid[productId].withdrawn;
    }

    /// @notice What the holder of `tokenId` can claim back now: its unreleased remainder while its product is
    /// halted, 0 otherwise.
    function refundable(uint256 tokenId) external view returns (uint256) {
        ProductSlot memory p = _products[tokenId / TOKENS_PER_PRODUCT];
        Stream memory s = _streamOf(tokenId, p.firstDay);
        if (p.haltDay == 0 || s.amount == 0) return 0;
        if (_isPending(tokenId / TOKENS_PER_PRODUCT, s, p)) return s.amount;
        return s.amount - _streamReleased(s, p.haltDay, p.firstDay, p.endDay);
    }

    /// @notice Whether `tokenId` was sold during its product's current halt: its purchase money waits apart, is
    /// refundable whole and was never at risk (the InsuranceFund gives such a token no share of a payout).
    function creditedWhileHalted(uint256 tokenId) external view returns (bool) {
        uint256 productId = tokenId / TOKENS_PER_PRODUCT;
        ProductSlot memory p = _products[productId];
        Stream memory s = _streamOf(tokenId, p.firstDay);
        return s.amount != 0 && _isPending(productId, s, p);
    }

    /// @notice A product's escrow totals now (see {ProductState}).
    function productState(uint256 productId) external view returns (ProductState memory st) {
        ProductSlot memory p = _products[productId];
        ProductPaid memory paid = _paid[productId];
        st.released = _released(productId);
        st.withdrawn = paid.withdrawn;
        st.refunded = paid.refunded;
        st.credited =
            uint256(_books[productId].live) + _pending[productId].live + _settled[productId] + paid.refunded;
        st.halted = p.haltDay != 0;
        st.haltDay = p.haltDay;
        st.firstDay = p.firstDay;
        st.endDay = p.endDay;
    }

    /// @notice A token's stream now (see {TokenEscrow}).
    function tokenEscrow(uint256 tokenId) external view returns (TokenEscrow memory t) {
        ProductSlot memory p = _products[tokenId / TOKENS_PER_PRODUCT];
        Stream memory s = _streamOf(tokenId, p.firstDay);
        t.amount = s.amount;
        t.startDay = s.startDay;
        t.endDay = p.endDay;
        if (s.amount != 0) {
            if (!_isPending(tokenId / TOKENS_PER_PRODUCT, s, p)) {
                t.released = _streamReleased(s, _effectiveDay(p), p.firstDay, p.endDay);
            }
            t.unreleased = s.amount - t.released;
        }
    }

    /// @dev Whether a stream waits in the pending book: credited during the product's current halt.
    function _isPending(uint256 productId, Stream memory s, ProductSlot memory p) private view returns (bool) {
        return p.haltDay != 0 && s.pendingEpoch != 0 && s.pendingEpoch == _pending[productId].epoch;
    }

    // ---------------------------------------------------------------- internal

    /// @dev A stream's word, as stored with its token: bits 0-77 the amount, 78-88 the start day minus the product's
    /// first day, 89-92 the halt epoch it was credited in, bit 93 set (a credited word is never 0).
    function _encode(uint256 amount, uint256 startOffset, uint256 epoch) private pure returns (uint256) {
        return amount | (startOffset << _START_SHIFT) | (epoch << _EPOCH_SHIFT) | _CREDITED;
    }

    function _decode(uint256 word, uint256 firstDay) private pure returns (Stream memory s) {
        if (word == 0) return s;
        // forge-lint: disable-next-line(unsafe-typecast) -- 78 bits
        s.amount = uint128(word & MAX_STREAM_AMOUNT);
        // forge-lint: disable-next-line(unsafe-typecast) -- a day number plus at most 2047
        s.startDay = uint32(firstDay + ((word >> _START_SHIFT) & 0x7ff));
        // forge-lint: disable-next-line(unsafe-typecast) -- 4 bits
        s.pendingEpoch = uint32((word >> _EPOCH_SHIFT) & 0xf);
    }

    function _streamOf(uint256 tokenId, uint256 firstDay) private view returns (Stream memory) {
        (, uint256 word) = nft.escrowDataOf(tokenId);
        return _decode(word, firstDay);
    }

    /// @dev The product's slot, with its first and end day read from the NFT on the first touch (`cached`: the
    /// caller writes the slot, so they are cached from then on).
    function _loadProduct(uint256 productId) private view returns (ProductSlot memory p, bool cached) {
        p = _products[productId];
        if (p.endDay == 0) {
            cached = true;
            HashrateNFT.Product memory pr = nft.product(productId);
            p.firstDay = (uint256(pr.termStart) / 1 days).toUint32();
            p.endDay = (uint256(pr.termEnd) / 1 days).toUint32();
        }
    }

    /// @dev The day release is computed at: the halt day while halted, today otherwise.
    function _effectiveDay(ProductSlot memory p) private view returns (uint256) {
        return p.haltDay != 0 ? p.haltDay : block.timestamp / 1 days;
    }

    function _released(uint256 productId) private view returns (uint256) {
        ProductSlot memory p = _products[productId];
        ProductBook memory b = _books[productId];
        uint256 day = _effectiveDay(p);
        uint256 settled = _settled[productId];
        if (day >= p.endDay) return settled + b.live;
        if (day < p.firstDay) day = p.firstDay;
        unchecked {
            // day >= firstDay: no underflow
            day -= p.firstDay;
        }
        return settled + uint256(b.rateSum) * day - b.startWeighted;
    }

    function _rate(uint256 amount, uint256 start, uint256 endDay) private pure returns (uint256) {
        return start >= endDay ? 0 : amount / (endDay - start);
    }

    function _streamReleased(Stream memory s, uint256 day, uint256 firstDay, uint256 endDay)
        private
        pure
        returns (uint256)
    {
        if (day >= endDay) return s.amount;
        if (day < firstDay) day = firstDay;
        if (day <= s.startDay) return 0;
        return _rate(s.amount, s.startDay, endDay) * (day - s.startDay);
    }

    function _removeStream(ProductSlot memory p, ProductBook memory b, Stream memory s) private pure {
        uint256 rate = _rate(s.amount, s.startDay, p.endDay);
        // The stream's own terms were added to both sums (checked by SafeCast then): they fit.
        // forge-lint: disable-next-line(unsafe-typecast)
        b.rateSum -= uint80(rate);
        // forge-lint: disable-next-line(unsafe-typecast)
        b.startWeighted -= uint88(rate * (s.startDay - p.firstDay));
        // forge-lint: disable-next-line(unsafe-typecast)
        b.live -= uint88(s.amount);
    }
}
