// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @notice A contract whose accrued fees anyone may send to its treasury (Marketplace, LoanMarket).
interface IFeeSource {
    function withdrawFees() external;
}

/// @notice What Revenue uses of a Uniswap V2 pair.
interface IUniswapV2PairLike {
    function token0() external view returns (address);
    function token1() external view returns (address);
    function getReserves() external view returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast);
    function price0CumulativeLast() external view returns (uint256);
    function price1CumulativeLast() external view returns (uint256);
    function swap(uint256 amount0Out, uint256 amount1Out, address to, bytes calldata data) external;
    function factory() external view returns (address);
}

/// @notice What Revenue uses of a Uniswap V2 factory: the one pair of two tokens.
interface IUniswapV2FactoryLike {
    function getPair(address tokenA, address tokenB) external view returns (address);
}

/// @notice DMC's burn (OpenZeppelin ERC20Burnable).
interface IBurnable is IERC20 {
    function burn(uint256 value) external;
}

/// @title Revenue
/// @notice The protocol's revenue, in USDT, in one place with per-source accounting, and the whitepaper's buyback:
/// **each month, 80% of that month's revenue buys DMC on the Uniswap V2 DMC/USDT pair and burns it, until the DMC
/// supply is down to {SUPPLY_FLOOR} (21,000,000)**; the other 20%, and everything once the floor is reached, goes to
/// the {treasury} (the DAO's timelock).
/// - **Revenue.** The Marketplace's and LoanMarket's fees name this contract their treasury. {collect} (anyone)
///   has a source send its accrued fees here and books what arrived to that source and the current month
///   (30-day months from {start}). USDT sent here any other way is booked to source 0 ("other") by `collect(0)`.
/// - **Months close** at the first action after they end ({closeMonths}): 80% of the month's revenue joins the
///   buyback {budget}, the rest is sent to the treasury.
/// - **Buybacks** are protected the way Maker's `FlapperUniV2SwapOnly` protects its own: anyone may call
///   {buyback}, which spends at most {lot} of the budget, at most once per {hop}, and only if the pair pays at least
///   `(1 - maxDeviation)` of what the reference price says. The reference is the pair's own time-weighted average
///   price since the last buyback (at least one {hop} long), which a trade in the buyback's block cannot move: a
///   sandwich can only make the buyback revert, never make it overpay by more than the deviation. When the last
///   price observation is older than `hop + 1 day` the call only starts a fresh window ({PriceWindowStarted}).
///   The DMC bought is burned, except what would take the supply below the floor, which goes to the treasury.
/// - **Revenue in other tokens** (the joint pools' 5% and 0.2% in IFIL) is sold for USDT **on that token's Uniswap V2
///   pair with the USDT** ({sellToken}, anyone, once per {hop}, at most the token's own lot, with the same
///   time-weighted reference and the same maximum deviation as the buyback), and the USDT is booked as revenue
///   (source {TOKEN_SALES}): 80% of it buys DMC back with the rest. The pair must be the DMC pair's factory's own pair
///   of the token and USDT ({setTokenMarket}), so no vote can name a pair of its own making. A token without a
///   market is booked and forwarded to the treasury ({forwardToken}).
/// @dev DEFAULT_ADMIN_ROLE (the timelock) adds sources and sets {lot}, {hop} and {maxDeviationBps} within
/// constant bounds; it cannot move the money, whose only exits are the pair (a bounded swap) and the {treasury}
/// (immutable). USDT must be a plain ERC-20: revenue is booked as the balance actually received.
contract Revenue is AccessControl, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice A month is 30 days from {start}.
    uint256 public constant MONTH = 30 days;
    uint256 public constant BPS = 10_000;
    /// @notice The share of each month's revenue that buys DMC back: 80%.
    uint256 public constant BUYBACK_BPS = 8_000;
    /// @notice Buybacks stop when the DMC supply is down to this: 21,000,000 DMC.
    uint256 public constant SUPPLY_FLOOR = 21_000_000e18;
    /// @notice The largest allowed shortfall against the reference price: 5%.
    uint256 public constant MAX_DEVIATION_BPS = 500;
    /// @notice Bounds of {hop}, the minimum time between buybacks and the reference price's minimum window.
    uint256 public constant MIN_HOP = 15 minutes;
    uint256 public constant MAX_HOP = 1 days;
    /// @notice A price observation older than `hop + PRICE_WINDOW_SLACK` is stale: the next call restarts it.
    uint256 public constant PRICE_WINDOW_SLACK = 1 days;
    /// @notice At most this many fee sources.
    uint256 public constant MAX_SOURCES = 8;
    /// @notice Source id of USDT that arrived without {collect} (a direct transfer, a source's own withdrawal).
    uint256 public constant OTHER = 0;
    /// @notice Source id of the USDT that selling other tokens brought in ({sellToken}): never a fee source's id.
    uint256 public constant TOKEN_SALES = MAX_SOURCES + 1;

    /// @notice Where {sellToken} sells a token: its Uniswap V2 pair with USDT, the most one sale sells ({lot} in the
    /// token's units) and the reference price's window (as the buyback's).
    struct TokenMarket {
        IUniswapV2PairLike pair;
        bool tokenIsToken0;
        uint256 lot;
        uint256 observedCumulative;
        uint256 observedAt;
    }

    /// @notice What the next {buyback} would do now.
    /// @param paid USDT it would spend (0 when it has nothing to spend or only starts a price window).
    /// @param out DMC the pair would give for it now.
    /// @param referenceOut DMC the reference (time-weighted average) price gives for it.
    /// @param minOut the least DMC it accepts: `referenceOut * (1 - maxDeviation)`.
    /// @param windowStart when the reference price's window began (0: none yet).
    /// @param readyAt the earliest time it can buy (the window's start + {hop}).
    /// @param staleAt from this time the window is stale and the call restarts it instead.
    struct Quote {
        uint256 paid;
        uint256 out;
        uint256 referenceOut;
        uint256 minOut;
        uint256 windowStart;
        uint256 readyAt;
        uint256 staleAt;
    }

    IERC20 public immutable usdt;
    IBurnable public immutable dmc;
    IUniswapV2PairLike public immutable pair;
    /// @notice Where 20% of each month's revenue goes, and all of it once the floor is reached (the timelock).
    address public immutable treasury;
    /// @notice The start of month 0.
    uint256 public immutable start;
    bool private immutable _dmcIsToken0;

    address[] private _sources;
    mapping(address source => uint256 id) private _sourceId;

    /// @notice USDT booked to `source` in `month`.
    mapping(uint256 month => mapping(uint256 source => uint256)) public revenueOf;
    /// @notice USDT booked in `month`, every source.
    mapping(uint256 month => uint256) public monthRevenue;

    /// @notice USDT of closed months waiting to buy DMC.
    uint256 public budget;
    /// @notice USDT booked in months not yet closed.
    uint256 public open;
    /// @notice Months before this one are closed.
    uint256 public closedMonths;

    /// @notice The most USDT one buyback spends.
    uint256 public lot;
    /// @notice The minimum time between buybacks (and the reference window's minimum length).
    uint256 public hop;
    /// @notice The largest accepted shortfall against the reference price, in basis points.
    uint256 public maxDeviationBps;

    uint256 private _observedCumulative;
    uint256 private _observedAt;

    /// @notice Revenue in other tokens (the joint pools' IFIL fees), in the token's units, booked by token and month:
    /// sold for USDT ({sellToken}) or, for a token without a market, forwarded to the treasury ({forwardToken}).
    mapping(address token => mapping(uint256 month => uint256)) public tokenRevenueOf;

    mapping(address token => TokenMarket) private _markets;

    /// @notice Totals over all buybacks.
    uint256 public totalPaid;
    uint256 public totalBought;
    uint256 public totalBurned;

    /// @notice `amount` USDT arrived from `source` (0: other) and was booked to `month`.
    event RevenueBooked(uint256 indexed month, uint256 indexed source, uint256 amount);
    /// @notice `month` closed: `toBuyback` joined the budget and `toTreasury` was sent to the treasury.
    event MonthClosed(uint256 indexed month, uint256 revenue, uint256 toBuyback, uint256 toTreasury);
    /// @notice A buyback paid `paid` USDT for `bought` DMC, of which `burned` were burned (the rest, past the
    /// floor, went to the treasury); the reference price would have given `referenceOut` DMC.
    event BoughtBack(uint256 paid, uint256 bought, uint256 burned, uint256 referenceOut);
    /// @notice A new reference price window starts now (the last one was missing or stale).
    event PriceWindowStarted(uint256 cumulative, uint256 time);
    /// @notice `amount` of `token` (not USDT) arrived, was booked to `month` and sent to the treasury.
    event TokenRevenueForwarded(uint256 indexed month, address indexed token, uint256 amount);
    /// @notice {sellToken} sold `amount` of `token` for `received` USDT, booked to `month` (source {TOKEN_SALES});
    /// `referenceOut` is what the reference price gave for it.
    event TokenSold(uint256 indexed month, address indexed token, uint256 amount, uint256 received, uint256 referenceOut);
    /// @notice The next {sellToken} of `token` only started its price window.
    event TokenPriceWindowStarted(address indexed token, uint256 cumulative, uint256 time);
    /// @notice `token` is sold on `pair` at most `lot` at a time (pair zero: not sold, forwarded instead).
    event TokenMarketUpdated(address indexed token, address pair, uint256 lot);
    /// @notice The supply is at the floor: the budget left, `amount`, went to the treasury.
    event BudgetReleased(uint256 amount);
    event SourceAdded(uint256 indexed id, address indexed source);
    event LotUpdated(uint256 oldLot, uint256 newLot);
    event HopUpdated(uint256 oldHop, uint256 newHop);
    event MaxDeviationUpdated(uint256 oldBps, uint256 newBps);

    error RevenueInvalidAddress();
    /// @notice The pair does not trade DMC against USDT.
    error RevenueWrongPair(address pair);
    error RevenueUnknownSource(uint256 id);
    error RevenueSourceExists(address source);
    error RevenueTooManySources(uint256 max);
    /// @notice Nothing arrived to book.
    error RevenueNothingToCollect(uint256 id);
    /// @notice There is no budget to spend.
    error RevenueNothingToBuy();
    /// @notice The last buyback (or price window) was less than a {hop} ago; the next can run at `readyAt`.
    error RevenueTooSoon(uint256 readyAt);
    /// @notice The pair would give `out` DMC, below the `minOut` the reference price allows: its price moved.
    error RevenuePriceOutOfBounds(uint256 out, uint256 minOut);
    /// @notice The pair has no price (no liquidity over the window).
    error RevenueNoPrice();
    /// @notice USDT and DMC are not "other tokens": USDT is booked by {collect}, DMC is only ever burned.
    error RevenueNotOtherToken(address token);
    error RevenueInvalidLot();
    error RevenueInvalidHop(uint256 hop, uint256 min, uint256 max);
    error RevenueDeviationTooHigh(uint256 bps, uint256 max);
    /// @notice `token` has a market: it is sold for USDT ({sellToken}), not forwarded.
    error RevenueTokenHasMarket(address token);
    /// @notice `token` has no market to be sold on ({setTokenMarket}).
    error RevenueNoTokenMarket(address token);
    /// @notice Nothing of `token` is held to sell.
    error RevenueNothingToSell(address token);

    /// @param admin DEFAULT_ADMIN_ROLE (the timelock).
    /// @param start_ the start of month 0 (not in the future).
    /// @param lot_ / hop_ / maxDeviationBps_ see {lot}, {hop}, {maxDeviationBps}.
    constructor(
        address admin,
        IERC20 usdt_,
        IBurnable dmc_,
        IUniswapV2PairLike pair_,
        address treasury_,
        uint256 start_,
        uint256 lot_,
        uint256 hop_,
        uint256 maxDeviationBps_
    ) {
        if (
            admin == address(0) || address(usdt_) == address(0) || address(dmc_) == address(0)
                || address(pair_) == address(0) || treasury_ == address(0) || start_ > block.timestamp
        ) revert RevenueInvalidAddress();
        address t0 = pair_.token0();
        address t1 = pair_.token1();
        bool dmcFirst = t0 == address(dmc_) && t1 == address(usdt_);
        if (!dmcFirst && !(t1 == address(dmc_) && t0 == address(usdt_))) revert RevenueWrongPair(address(pair_));
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        usdt = usdt_;
        dmc = dmc_;
        pair = pair_;
        treasury = treasury_;
        start = start_;
        _dmcIsToken0 = dmcFirst;
        _setLot(lot_);
        _setHop(hop_);
        _setMaxDeviation(maxDeviationBps_);
    }

    // ---------------------------------------------------------------- revenue

    /// @notice Books revenue: source `id` (1…) is asked to send its accrued fees here and what arrives is booked
    /// to it; `id` 0 books USDT that arrived any other way. Closes ended months first. Anyone may call.
    /// @dev Reverts {RevenueNothingToCollect} when nothing arrived (the source's own "no fees" error bubbles).
    function collect(uint256 id) external nonReentrant {
        _closeDue();
        uint256 amount = id == OTHER ? _unbooked() : _pull(id);
        if (amount == 0) revert RevenueNothingToCollect(id);
        _book(id, amount);
    }

    /// @notice {collect} from every source that has fees, then books any other USDT. Anyone may call.
    /// @return amount what was booked in all.
    function collectAll() external nonReentrant returns (uint256 amount) {
        _closeDue();
        uint256 n = _sources.length;
        for (uint256 id = 1; id <= n; ++id) {
            uint256 before = usdt.balanceOf(address(this));
            try IFeeSource(_sources[id - 1]).withdrawFees() {
                uint256 got = usdt.balanceOf(address(this)) - before;
                if (got != 0) {
                    _book(id, got);
                    amount += got;
                }
            } catch {}
        }
        uint256 other = _unbooked();
        if (other != 0) {
            _book(OTHER, other);
            amount += other;
        }
    }

    /// @notice Books the `token` this contract holds (revenue in a token other than USDT and DMC) to the current month
    /// and sends it to the treasury. Anyone may call. Refused for a token with a market ({sellToken} sells it).
    function forwardToken(IERC20 token) external nonReentrant returns (uint256 amount) {
        if (address(token) == address(usdt) || address(token) == address(dmc)) revert RevenueNotOtherToken(address(token));
        if (address(_markets[address(token)].pair) != address(0)) revert RevenueTokenHasMarket(address(token));
        amount = token.balanceOf(address(this));
        if (amount == 0) revert RevenueNothingToCollect(OTHER);
        uint256 month = currentMonth();
        tokenRevenueOf[address(token)][month] += amount;
        emit TokenRevenueForwarded(month, address(token), amount);
        token.safeTransfer(treasury, amount);
    }

    /// @notice Sells at most the token's lot of the `token` this contract holds (the joint pools' IFIL fees) for USDT on
    /// its pair, if the pair pays at least `(1 - maxDeviation)` of what the pair's time-weighted average price since
    /// the last sale says, and books the USDT received as this month's revenue (source {TOKEN_SALES}). Anyone may
    /// call, once per {hop} per token. When the token's reference window is missing or stale it only starts one
    /// (returns 0, 0), as {buyback} does.
    /// @return sold the token sold. @return received the USDT it brought.
    function sellToken(IERC20 token) external nonReentrant returns (uint256 sold, uint256 received) {
        TokenMarket storage m = _markets[address(token)];
        IUniswapV2PairLike p = m.pair;
        if (address(p) == address(0)) revert RevenueNoTokenMarket(address(token));
        _closeDue();
        uint256 held = token.balanceOf(address(this));
        sold = held < m.lot ? held : m.lot;
        if (sold == 0) revert RevenueNothingToSell(address(token));
        bool tokenFirst = m.tokenIsToken0;
        uint256 cumulative = _cumulativeOf(p, tokenFirst);
        uint256 observedAt = m.observedAt;
        if (_windowStale(observedAt)) {
            m.observedCumulative = cumulative;
            m.observedAt = block.timestamp;
            emit TokenPriceWindowStarted(address(token), cumulative, block.timestamp);
            return (0, 0);
        }
        uint256 referenceOut = _saleReference(sold, cumulative, m.observedCumulative, observedAt);
        uint256 minOut = referenceOut * (BPS - maxDeviationBps) / BPS;
        uint256 out = _amountOutOf(p, tokenFirst, sold);
        if (out < minOut) revert RevenuePriceOutOfBounds(out, minOut);
        m.observedCumulative = cumulative;
        m.observedAt = block.timestamp;
        received = _swapAndBook(token, p, tokenFirst, sold, out, referenceOut);
    }

    /// @dev Pays `sold` of `token` to `p` for `out` USDT and books the USDT that arrived (the rest of {sellToken}).
    function _swapAndBook(IERC20 token, IUniswapV2PairLike p, bool tokenFirst, uint256 sold, uint256 out, uint256 referenceOut)
        private
        returns (uint256 received)
    {
        uint256 before = usdt.balanceOf(address(this));
        token.safeTransfer(address(p), sold);
        if (tokenFirst) p.swap(0, out, address(this), "");
        else p.swap(out, 0, address(this), "");
        received = usdt.balanceOf(address(this)) - before;
        uint256 month = currentMonth();
        tokenRevenueOf[address(token)][month] += sold;
        emit TokenSold(month, address(token), sold, received, referenceOut);
        _book(TOKEN_SALES, received);
    }

    /// @notice Closes every month that has ended (80% of its revenue to the budget, the rest to the treasury).
    /// Anyone may call; {collect} and {buyback} do it first.
    function closeMonths() external nonReentrant {
        _closeDue();
    }

    // ---------------------------------------------------------------- buyback

    /// @notice Buys DMC with at most {lot} of the budget on the Uniswap V2 pair and burns it, if the pair's price
    /// is within {maxDeviationBps} of the reference price. Anyone may call, once per {hop}.
    /// When the reference window is missing or stale it only starts a new one (returns 0, 0). Once the supply is
    /// at {SUPPLY_FLOOR} it sends the budget to the treasury instead.
    /// @return paid USDT spent. @return bought DMC received.
    function buyback() external nonReentrant returns (uint256 paid, uint256 bought) {
        _closeDue();
        uint256 supply = dmc.totalSupply();
        if (supply <= SUPPLY_FLOOR) {
            uint256 left = budget;
            if (left == 0) revert RevenueNothingToBuy();
            budget = 0;
            emit BudgetReleased(left);
            usdt.safeTransfer(treasury, left);
            return (0, 0);
        }
        paid = budget < lot ? budget : lot;
        if (paid == 0) revert RevenueNothingToBuy();

        uint256 cumulative = _currentCumulative();
        uint256 observedAt = _observedAt;
        if (_windowStale(observedAt)) {
            _observe(cumulative);
            return (0, 0);
        }
        uint256 referenceOut = _referenceOut(paid, cumulative, observedAt);
        uint256 minOut = referenceOut * (BPS - maxDeviationBps) / BPS;
        bought = _amountOut(paid);
        if (bought < minOut) revert RevenuePriceOutOfBounds(bought, minOut);

        budget -= paid;
        _observedCumulative = cumulative;
        _observedAt = block.timestamp;
        uint256 burned = supply - SUPPLY_FLOOR;
        if (burned > bought) burned = bought;
        totalPaid += paid;
        totalBought += bought;
        totalBurned += burned;
        emit BoughtBack(paid, bought, burned, referenceOut);

        usdt.safeTransfer(address(pair), paid);
        if (_dmcIsToken0) pair.swap(bought, 0, address(this), "");
        else pair.swap(0, bought, address(this), "");
        dmc.burn(burned);
        if (bought != burned) IERC20(address(dmc)).safeTransfer(treasury, bought - burned);
    }

    // ---------------------------------------------------------------- views

    /// @notice The current month (0 from {start}).
    function currentMonth() public view returns (uint256) {
        return (block.timestamp - start) / MONTH;
    }

    /// @notice The fee sources, source id `i + 1` at index `i`.
    function sources() external view returns (address[] memory) {
        return _sources;
    }

    /// @notice The id of a source (0 if it is not one).
    function sourceId(address source) external view returns (uint256) {
        return _sourceId[source];
    }

    /// @notice What {buyback} would do now (after closing ended months is not simulated: the budget as stored).
    function quote() external view returns (Quote memory q) {
        _windowTimes(q, _observedAt);
        uint256 paid = budget < lot ? budget : lot;
        if (paid == 0 || q.windowStart == 0 || block.timestamp > q.staleAt) return q;
        q.paid = paid;
        q.out = _amountOut(paid);
        if (block.timestamp > q.windowStart) {
            q.referenceOut = _referenceOut(paid, _currentCumulative(), q.windowStart);
            q.minOut = q.referenceOut * (BPS - maxDeviationBps) / BPS;
        }
    }

    /// @notice Where `token` is sold ({sellToken}): its pair (zero: none, it is forwarded), the most one sale sells,
    /// and its reference window's start (0: none yet).
    function tokenMarket(address token) external view returns (address pair_, uint256 lot_, uint256 windowStart) {
        TokenMarket storage m = _markets[token];
        return (address(m.pair), m.lot, m.observedAt);
    }

    /// @notice What {sellToken} would do now: `paid` is the token it would sell, `out` / `referenceOut` / `minOut`
    /// are USDT. Zeros (but the window's times) when it has nothing to sell or would only start a window.
    function tokenQuote(address token) external view returns (Quote memory q) {
        TokenMarket storage m = _markets[token];
        if (address(m.pair) == address(0)) return q;
        _windowTimes(q, m.observedAt);
        uint256 held = IERC20(token).balanceOf(address(this));
        uint256 sold = held < m.lot ? held : m.lot;
        if (sold == 0 || q.windowStart == 0 || block.timestamp > q.staleAt) return q;
        q.paid = sold;
        q.out = _amountOutOf(m.pair, m.tokenIsToken0, sold);
        if (block.timestamp > q.windowStart) {
            q.referenceOut =
                _saleReference(sold, _cumulativeOf(m.pair, m.tokenIsToken0), m.observedCumulative, q.windowStart);
            q.minOut = q.referenceOut * (BPS - maxDeviationBps) / BPS;
        }
    }

    // ---------------------------------------------------------------- admin

    /// @notice Sells `token` (not USDT, not DMC) on `pair_`, at most `lot_` a sale; `pair_` zero stops selling it
    /// (it is forwarded to the treasury again). The pair must be the DMC pair's factory's pair of `token` and USDT.
    /// Restarts the token's reference window. Only DEFAULT_ADMIN_ROLE. Emits {TokenMarketUpdated}.
    function setTokenMarket(address token, IUniswapV2PairLike pair_, uint256 lot_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (token == address(usdt) || token == address(dmc) || token == address(0)) revert RevenueNotOtherToken(token);
        if (address(pair_) == address(0)) {
            delete _markets[token];
            emit TokenMarketUpdated(token, address(0), 0);
            return;
        }
        if (IUniswapV2FactoryLike(pair.factory()).getPair(token, address(usdt)) != address(pair_)) {
            revert RevenueWrongPair(address(pair_));
        }
        if (lot_ == 0 || lot_ > type(uint112).max) revert RevenueInvalidLot();
        _markets[token] = TokenMarket(pair_, pair_.token0() == token, lot_, 0, 0);
        emit TokenMarketUpdated(token, address(pair_), lot_);
    }

    /// @notice Adds a fee source (a contract with `withdrawFees()` that names this contract its treasury).
    function addSource(address source) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (source == address(0)) revert RevenueInvalidAddress();
        if (_sourceId[source] != 0) revert RevenueSourceExists(source);
        if (_sources.length >= MAX_SOURCES) revert RevenueTooManySources(MAX_SOURCES);
        _sources.push(source);
        _sourceId[source] = _sources.length;
        emit SourceAdded(_sources.length, source);
    }

    function setLot(uint256 newLot) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setLot(newLot);
    }

    function setHop(uint256 newHop) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setHop(newHop);
    }

    function setMaxDeviationBps(uint256 newBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setMaxDeviation(newBps);
    }

    // ---------------------------------------------------------------- internals

    function _pull(uint256 id) private returns (uint256) {
        if (id > _sources.length) revert RevenueUnknownSource(id);
        uint256 before = usdt.balanceOf(address(this));
        IFeeSource(_sources[id - 1]).withdrawFees();
        return usdt.balanceOf(address(this)) - before;
    }

    /// @dev USDT held beyond what is booked (open months) or budgeted.
    function _unbooked() private view returns (uint256) {
        return usdt.balanceOf(address(this)) - open - budget;
    }

    function _book(uint256 id, uint256 amount) private {
        uint256 month = currentMonth();
        revenueOf[month][id] += amount;
        monthRevenue[month] += amount;
        open += amount;
        emit RevenueBooked(month, id, amount);
    }

    function _closeDue() private {
        uint256 month = closedMonths;
        uint256 current = currentMonth();
        if (month >= current) return;
        bool buying = dmc.totalSupply() > SUPPLY_FLOOR;
        uint256 toTreasury;
        for (; month < current; ++month) {
            uint256 revenue = monthRevenue[month];
            if (revenue == 0) continue;
            uint256 toBuyback = buying ? revenue * BUYBACK_BPS / BPS : 0;
            open -= revenue;
            budget += toBuyback;
            toTreasury += revenue - toBuyback;
            emit MonthClosed(month, revenue, toBuyback, revenue - toBuyback);
        }
        closedMonths = current;
        if (toTreasury != 0) usdt.safeTransfer(treasury, toTreasury);
    }

    /// @dev Whether a price window observed at `observedAt` is missing or stale (the call only starts a new one);
    /// reverts {RevenueTooSoon} while it is younger than a hop. Shared by {buyback} and {sellToken}.
    function _windowStale(uint256 observedAt) private view returns (bool) {
        if (observedAt == 0 || block.timestamp > observedAt + hop + PRICE_WINDOW_SLACK) return true;
        if (block.timestamp < observedAt + hop) revert RevenueTooSoon(observedAt + hop);
        return false;
    }

    /// @dev A quote's window times for a window observed at `observedAt` (none when 0).
    function _windowTimes(Quote memory q, uint256 observedAt) private view {
        q.windowStart = observedAt;
        if (observedAt != 0) {
            q.readyAt = observedAt + hop;
            q.staleAt = q.readyAt + PRICE_WINDOW_SLACK;
        }
    }

    function _observe(uint256 cumulative) private {
        _observedCumulative = cumulative;
        _observedAt = block.timestamp;
        emit PriceWindowStarted(cumulative, block.timestamp);
    }

    /// @dev DMC for `paid` USDT at the DMC pair's average price since `observedAt` ({_average}).
    function _referenceOut(uint256 paid, uint256 cumulative, uint256 observedAt) private view returns (uint256) {
        return (paid << 112) / _average(cumulative, _observedCumulative, observedAt);
    }

    /// @dev The DMC pair's cumulative price of DMC in USDT as of now ({_cumulativeOf}).
    function _currentCumulative() private view returns (uint256) {
        return _cumulativeOf(pair, _dmcIsToken0);
    }

    /// @dev The cumulative price of `p`'s non-USDT token in USDT (USDT per token, UQ112x112 × seconds) as of now,
    /// counting the time since its last update at its current reserves
    /// (UniswapV2OracleLibrary.currentCumulativePrices). `baseIsToken0`: that token is the pair's token0.
    function _cumulativeOf(IUniswapV2PairLike p, bool baseIsToken0) private view returns (uint256 cumulative) {
        (uint112 r0, uint112 r1, uint32 last) = p.getReserves();
        cumulative = baseIsToken0 ? p.price0CumulativeLast() : p.price1CumulativeLast();
        uint32 now32 = uint32(block.timestamp);
        if (last != now32 && r0 != 0 && r1 != 0) {
            (uint256 rUsdt, uint256 rBase) = baseIsToken0 ? (uint256(r1), uint256(r0)) : (uint256(r0), uint256(r1));
            unchecked {
                cumulative += ((rUsdt << 112) / rBase) * (now32 - last);
            }
        }
    }

    /// @dev USDT for `sold` of a token at its pair's average price since `observedAt` ({_average}).
    function _saleReference(uint256 sold, uint256 cumulative, uint256 observedCumulative, uint256 observedAt)
        private
        view
        returns (uint256)
    {
        return (sold * _average(cumulative, observedCumulative, observedAt)) >> 112;
    }

    /// @dev The average price (USDT per base token, UQ112x112) between an observation and now. Uniswap's cumulative
    /// prices are UQ112x112 sums that may wrap: the difference is taken modulo 2^256 (as its oracle library does).
    function _average(uint256 cumulative, uint256 observedCumulative, uint256 observedAt)
        private
        view
        returns (uint256 average)
    {
        unchecked {
            average = (cumulative - observedCumulative) / (block.timestamp - observedAt);
        }
        if (average == 0) revert RevenueNoPrice();
    }

    /// @dev UniswapV2Library.getAmountOut: DMC out for `amountIn` USDT at the DMC pair's reserves (0.3% fee).
    function _amountOut(uint256 amountIn) private view returns (uint256) {
        return _amountOutOf(pair, !_dmcIsToken0, amountIn);
    }

    /// @dev UniswapV2Library.getAmountOut on `p`: what paying `amountIn` of its token0 (`inIsToken0`) or token1 gives.
    function _amountOutOf(IUniswapV2PairLike p, bool inIsToken0, uint256 amountIn) private view returns (uint256) {
        (uint112 r0, uint112 r1,) = p.getReserves();
        (uint256 rIn, uint256 rOut) = inIsToken0 ? (uint256(r0), uint256(r1)) : (uint256(r1), uint256(r0));
        if (rIn == 0 || rOut == 0) revert RevenueNoPrice();
        uint256 inWithFee = amountIn * 997;
        return inWithFee * rOut / (rIn * 1000 + inWithFee);
    }

    function _setLot(uint256 newLot) private {
        if (newLot == 0 || newLot > type(uint112).max) revert RevenueInvalidLot();
        emit LotUpdated(lot, newLot);
        lot = newLot;
    }

    function _setHop(uint256 newHop) private {
        if (newHop < MIN_HOP || newHop > MAX_HOP) revert RevenueInvalidHop(newHop, MIN_HOP, MAX_HOP);
        emit HopUpdated(hop, newHop);
        hop = newHop;
    }

    function _setMaxDeviation(uint256 newBps) private {
        if (newBps > MAX_DEVIATION_BPS) revert RevenueDeviationTooHigh(newBps, MAX_DEVIATION_BPS);
        emit MaxDeviationUpdated(maxDeviationBps, newBps);
        maxDeviationBps = newBps;
    }
}
