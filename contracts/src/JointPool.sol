// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @notice The pool's factory names the one contract that may lock dToken in place (DMC mining).
interface IJointPoolLocker {
    function locker() external view returns (address);
}

/// @title JointPool
/// @notice One miner's joint mining pool (the whitepaper's 去中心化联合挖矿). Users deposit FIL (IFIL) and get the
/// pool's dToken (this contract is the ERC-20), 1 dToken per IFIL deposited.
/// - **Genesis.** Deposits mint dToken until the pool holds its {cap}: the miner's total power × the pledge per
///   TiB (25 FIL by default, governable). The miner may {draw} deposits for its sector pledge, at most {cap}
///   outstanding. Nobody redeems during genesis. Genesis ends when the deposits reach the cap; then the 540-day
///   mining period ({TERM}) starts.
/// - **Yield.** The miner pays each day's mining yield with {payYield}: 20% goes back to the miner, 5% to the
///   platform, 75% to dToken holders, shared per dToken (in genesis too: it is released on the whole power while
///   the pool fills). A holder claims its yield at any time ({claimYield}); it follows the holder, not the token
///   (a transfer leaves what was earned with the sender).
/// - **Redeem** (after genesis): burning dToken pays its share of the undrawn principal (`liquid × shares /
///   supply`) plus all the holder's unclaimed yield, less a 0.2% fee to the platform.
/// - **Collateral.** The miner returns the pledge it drew with {repay}. Everything returned is distributed, from
///   the end of the mining period, by **dToken × time**: each account's dToken-seconds over the mining period
///   (from genesis end to {termEnd}) against everyone's ({claimCollateral}). A holder who redeemed early keeps the
///   dToken-seconds it earned while it held; one who held to the end earns the most. Shares are rounded down:
///   at most one base unit per claimant stays in the pool.
/// So a holder who holds to the end gets back exactly its principal (its share of the liquid principal plus its
/// dToken-seconds' share of the returned pledge) and its yield.
/// - **Default** (the {guard}, a PoolGuard, applies the hashrate NFTs' default rules to the pool's daily yield).
///   A flag *halts* the pool: no deposits, no draws, and every holder may redeem at once, in genesis too, with no
///   fee. The DAO may overturn the flag (the pool is Active again); otherwise the guard marks it *Defaulted* after
///   the challenge period: the mining period ends then (dToken-seconds stop counting and collateral claims open at
///   once). A pool that defaults in genesis gets a mining period of one second from the default, so the weights
///   are the balances at the default (a transfer after it moves none).
/// - **Locks.** The factory's {IJointPoolLocker.locker} (DMC mining) may {lock} a holder's dToken where it is,
///   when the holder stakes it in behaviour mining: the dToken stays the holder's (its yield and its dToken-seconds
///   keep accruing to it), it only cannot be transferred or redeemed until the locker {unlock}s it (unstaking).
/// @dev Money held is always exactly `liquid + holders' yield not paid out + (returned - collateral claimed) +
/// platform fees` (the invariant tests check it); a yield payout is capped at the holders' yield held, so the
/// rounding of yield debts can never take principal or collateral. An account is two words: its balance and a
/// yield debt kept modulo 2^160 (as DMCMining's positions), and its dToken-seconds with their last update. IFIL
/// must be a plain ERC-20: every pull checks the balance rose by the amount.
contract JointPool is IERC20, IERC20Metadata, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice The mining period after genesis: 540 days.
    uint256 public constant TERM = 540 days;
    uint256 public constant BPS = 10_000;
    /// @notice The split of each day's yield: miner 20%, platform 5%, holders the rest (75%).
    uint256 public constant MINER_BPS = 2_000;
    uint256 public constant PLATFORM_BPS = 500;
    /// @notice The redemption fee: 0.2% (千分之二).
    uint256 public constant REDEEM_FEE_BPS = 20;
    uint256 private constant SCALE = 1e36;

    struct Account {
        uint96 balance;
        uint160 yieldDebt;
    }

    /// @notice Active; Halted (flagged by the guard, awaiting the challenge period); Defaulted.
    enum Status {
        Active,
        Halted,
        Defaulted
    }

    struct TimeWeight {
        uint192 seconds_;
        uint64 last;
    }

    /// @notice Everything a page needs about the pool.
    struct State {
        address miner;
        uint256 cap;
        uint256 deposited;
        uint256 liquid;
        uint256 drawn;
        uint256 returned;
        uint256 collateralClaimed;
        uint256 supply;
        uint256 growthStart;
        uint256 termEnd;
        uint256 yieldPaid;
        uint256 yieldUnpaid;
        uint256 platformFees;
        Status status;
        uint256 firstDepositAt;
        uint256 defaultedAt;
    }

    IERC20 public immutable ifil;
    address public immutable miner;
    /// @notice Receives the platform's 5% and the 0.2% fees ({sweepFees}).
    address public immutable platform;
    /// @notice The factory: it sets the cap (power × pledge per TiB) while genesis lasts.
    address public immutable factory;
    /// @notice The PoolGuard: it halts the pool on a default, resumes it on a DAO overturn, marks it Defaulted.
    address public immutable guard;

    string private _name;
    string private _symbol;

    mapping(address => Account) private _accounts;
    mapping(address => TimeWeight) private _time;
    mapping(address => mapping(address => uint256)) private _allowances;
    mapping(address => uint256) private _collateralClaimed;
    mapping(uint256 day => uint256) private _yieldOn;
    mapping(address account => uint256) private _locked;

    uint256 private _supply;
    uint256 private _cap;
    uint256 private _deposited;
    uint256 private _liquid;
    uint256 private _drawn;
    uint256 private _returned;
    uint256 private _collateralClaimedTotal;
    uint256 private _growthStart;
    uint256 private _accYield;
    uint256 private _yieldRemainder;
    uint256 private _yieldPaid;
    /// @dev The holders' 75% of every payment not yet paid out. A payout never exceeds it: re-basing a yield debt
    /// on a balance change rounds, which can make the accounts' computed yield sum to a few base units more than
    /// was paid in; that phantom dust is never paid out of principal or collateral.
    uint256 private _yieldUnpaid;
    uint256 private _platformFees;
    TimeWeight private _totalTime;
    Status private _status;
    uint64 private _firstDepositAt;
    uint64 private _defaultedAt;

    event Deposited(address indexed account, uint256 amount);
    event GenesisEnded(uint256 deposited, uint256 termEnd);
    event Drawn(uint256 amount, uint256 outstanding);
    event Repaid(address indexed payer, uint256 amount, uint256 outstanding);
    /// @param toMiner / toPlatform / toHolders the 20 / 5 / 75 split of `amount`.
    event YieldPaid(uint256 indexed day, uint256 amount, uint256 toMiner, uint256 toPlatform, uint256 toHolders);
    event YieldClaimed(address indexed account, uint256 amount);
    /// @param principal the liquid principal paid for `shares`; `yield` the holder's unclaimed yield; `fee` the 0.2%.
    event Redeemed(address indexed account, uint256 shares, uint256 principal, uint256 yield, uint256 fee);
    event CollateralClaimed(address indexed account, uint256 amount);
    event CapUpdated(uint256 oldCap, uint256 newCap);
    event FeesSwept(address indexed platform, uint256 amount);
    event PoolHalted();
    event PoolResumed();
    /// @param termEnd the end of the mining period now (0 when the pool defaulted in genesis).
    event PoolDefaulted(uint256 termEnd);
    /// @notice `amount` of `account`'s dToken was locked in place (staked in DMC mining); `locked` is its total now.
    event Locked(address indexed account, uint256 amount, uint256 locked);
    event Unlocked(address indexed account, uint256 amount, uint256 locked);

    error JointPoolInvalidAddress();
    error JointPoolNotMiner(address caller);
    error JointPoolNotFactory(address caller);
    error JointPoolNotGuard(address caller);
    /// @notice The pool is halted or defaulted (`status`): no deposits and no draws.
    error JointPoolNotActive(Status status);
    /// @notice The guard's call does not fit the pool's status.
    error JointPoolBadStatus(Status status);
    error JointPoolInvalidAmount();
    /// @notice Genesis is over: the pool is full and no longer takes deposits (or its cap cannot change).
    error JointPoolGenesisOver();
    /// @notice Genesis is still on: nobody redeems until the pool is full.
    error JointPoolInGenesis();
    /// @notice A deposit of `amount` would pass the cap: only `room` is left.
    error JointPoolCapExceeded(uint256 amount, uint256 room);
    /// @notice The cap cannot go below what was deposited.
    error JointPoolCapBelowDeposits(uint256 cap, uint256 deposited);
    /// @notice The miner may draw at most `available` now (the liquid principal, and at most the cap outstanding).
    error JointPoolDrawTooLarge(uint256 amount, uint256 available);
    error JointPoolRepayTooLarge(uint256 amount, uint256 outstanding);
    /// @notice The mining period ended at `termEnd`: no more draws.
    error JointPoolTermOver(uint256 termEnd);
    error JointPoolNoHolders();
    error JointPoolFutureDay(uint256 day, uint256 today);
    error JointPoolNothingToClaim();
    error JointPoolInsufficientBalance(address account, uint256 balance, uint256 needed);
    /// @notice Only `free` of the account's dToken is not locked (staked in DMC mining): unstake it there first.
    error JointPoolLockedBalance(address account, uint256 free, uint256 needed);
    /// @notice Only the factory's locker (DMC mining) locks and unlocks dToken.
    error JointPoolNotLocker(address caller);
    error JointPoolInsufficientAllowance(address spender, uint256 allowance, uint256 needed);
    /// @notice The token delivered less than it was asked to (a fee-on-transfer token): refused.
    error JointPoolTransferShort(uint256 expected, uint256 received);

    modifier onlyMiner() {
        if (msg.sender != miner) revert JointPoolNotMiner(msg.sender);
        _;
    }

    modifier onlyGuard() {
        if (msg.sender != guard) revert JointPoolNotGuard(msg.sender);
        _;
    }

    modifier whenActive() {
        if (_status != Status.Active) revert JointPoolNotActive(_status);
        _;
    }

    /// @param cap_ power × pledge per TiB, in IFIL base units (the factory computes it).
    constructor(
        IERC20 ifil_,
        address miner_,
        address platform_,
        address guard_,
        uint256 cap_,
        string memory name_,
        string memory symbol_
    ) {
        if (address(ifil_) == address(0) || miner_ == address(0) || platform_ == address(0) || guard_ == address(0)) {
            revert JointPoolInvalidAddress();
        }
        if (cap_ == 0 || cap_ > type(uint96).max) revert JointPoolInvalidAmount();
        ifil = ifil_;
        miner = miner_;
        platform = platform_;
        guard = guard_;
        factory = msg.sender;
        _cap = cap_;
        _name = name_;
        _symbol = symbol_;
        emit CapUpdated(0, cap_);
    }

    // ---------------------------------------------------------------- users

    /// @notice Deposits `amount` IFIL (approved to this contract) for as many dToken. Genesis only, up to the cap;
    /// the deposit that fills the pool ends genesis and starts the mining period.
    function deposit(uint256 amount) external nonReentrant whenActive {
        if (_growthStart != 0) revert JointPoolGenesisOver();
        if (amount == 0) revert JointPoolInvalidAmount();
        // forge-lint: disable-next-line(unsafe-typecast) -- unix seconds
        if (_firstDepositAt == 0) _firstDepositAt = uint64(block.timestamp);
        uint256 deposited = _deposited;
        uint256 limit = _cap;
        if (amount > limit - deposited) revert JointPoolCapExceeded(amount, limit - deposited);
        _pull(msg.sender, amount);
        deposited += amount;
        _deposited = deposited;
        _liquid += amount;
        _mint(msg.sender, amount);
        emit Deposited(msg.sender, amount);
        if (deposited == limit) {
            _growthStart = block.timestamp;
            _totalTime.last = uint64(block.timestamp);
            emit GenesisEnded(deposited, block.timestamp + TERM);
        }
    }

    /// @notice Pays the caller's unclaimed yield.
    function claimYield() external nonReentrant returns (uint256 amount) {
        amount = _takeYield(msg.sender);
        if (amount == 0) revert JointPoolNothingToClaim();
        emit YieldClaimed(msg.sender, amount);
        ifil.safeTransfer(msg.sender, amount);
    }

    /// @notice Burns `shares` dToken for their share of the liquid principal plus all the caller's unclaimed yield,
    /// less the 0.2% fee. After genesis only, or at any time (and with no fee) once the pool is halted or defaulted.
    /// The caller keeps the dToken-seconds it earned (see {claimCollateral}).
    function redeem(uint256 shares) external nonReentrant returns (uint256 paid) {
        bool active = _status == Status.Active;
        if (_growthStart == 0 && active) revert JointPoolInGenesis();
        if (shares == 0) revert JointPoolInvalidAmount();
        uint256 supply = _supply;
        uint256 liquid = _liquid;
        uint256 principal = shares == supply ? liquid : Math.mulDiv(liquid, shares, supply);
        _burn(msg.sender, shares);
        uint256 yield_ = _takeYield(msg.sender);
        _liquid = liquid - principal;
        uint256 gross = principal + yield_;
        uint256 fee = active ? gross * REDEEM_FEE_BPS / BPS : 0;
        _platformFees += fee;
        paid = gross - fee;
        emit Redeemed(msg.sender, shares, principal, yield_, fee);
        if (paid != 0) ifil.safeTransfer(msg.sender, paid);
    }

    /// @notice After the mining period: pays the caller its dToken × time share of the pledge the miner returned
    /// (what it returned since the last claim too: late repayments are shared the same way).
    function claimCollateral() external nonReentrant returns (uint256 amount) {
        amount = collateralOf(msg.sender);
        if (amount == 0) revert JointPoolNothingToClaim();
        _collateralClaimed[msg.sender] += amount;
        _collateralClaimedTotal += amount;
        emit CollateralClaimed(msg.sender, amount);
        ifil.safeTransfer(msg.sender, amount);
    }

    /// @notice Sends the accrued platform fees (the 5% and the 0.2%) to the platform. Anyone may call.
    function sweepFees() external nonReentrant {
        uint256 amount = _platformFees;
        if (amount == 0) revert JointPoolNothingToClaim();
        _platformFees = 0;
        emit FeesSwept(platform, amount);
        ifil.safeTransfer(platform, amount);
    }

    // ---------------------------------------------------------------- the miner

    /// @notice Pays day `day`'s mining yield (UTC day number, not in the future): 20% back to the miner, 5% to the
    /// platform, 75% shared per dToken.
    function payYield(uint256 day, uint256 amount) external onlyMiner nonReentrant {
        if (amount == 0) revert JointPoolInvalidAmount();
        if (day > block.timestamp / 1 days) revert JointPoolFutureDay(day, block.timestamp / 1 days);
        uint256 supply = _supply;
        if (supply == 0) revert JointPoolNoHolders();
        _pull(msg.sender, amount);
        uint256 toMiner = amount * MINER_BPS / BPS;
        uint256 toPlatform = amount * PLATFORM_BPS / BPS;
        uint256 toHolders = amount - toMiner - toPlatform;
        uint256 scaled = toHolders * SCALE + _yieldRemainder;
        _accYield += scaled / supply;
        _yieldRemainder = scaled % supply;
        _yieldPaid += amount;
        _yieldUnpaid += toHolders;
        _yieldOn[day] += amount;
        _platformFees += toPlatform;
        emit YieldPaid(day, amount, toMiner, toPlatform, toHolders);
        ifil.safeTransfer(msg.sender, toMiner);
    }

    /// @notice Takes `amount` of the liquid principal for the sector pledge: at most the cap outstanding, before
    /// the end of the mining period.
    function draw(uint256 amount) external onlyMiner nonReentrant whenActive {
        uint256 end = termEnd();
        if (end != 0 && block.timestamp >= end) revert JointPoolTermOver(end);
        if (amount == 0) revert JointPoolInvalidAmount();
        uint256 available = Math.min(_liquid, _cap - _drawn);
        if (amount > available) revert JointPoolDrawTooLarge(amount, available);
        _liquid -= amount;
        _drawn += amount;
        emit Drawn(amount, _drawn);
        ifil.safeTransfer(msg.sender, amount);
    }

    /// @notice Returns `amount` of the drawn pledge (anyone may pay it for the miner). It is distributed by
    /// dToken × time from the end of the mining period (in a pool that defaulted in genesis: by the balances at the
    /// default).
    function repay(uint256 amount) external nonReentrant {
        if (amount == 0) revert JointPoolInvalidAmount();
        if (amount > _drawn) revert JointPoolRepayTooLarge(amount, _drawn);
        _pull(msg.sender, amount);
        _drawn -= amount;
        _returned += amount;
        emit Repaid(msg.sender, amount, _drawn);
    }

    /// @notice Sets the cap (power × pledge per TiB). The factory only, while genesis lasts; not below deposits.
    function setCap(uint256 newCap) external {
        if (msg.sender != factory) revert JointPoolNotFactory(msg.sender);
        if (_growthStart != 0) revert JointPoolGenesisOver();
        if (newCap < _deposited || newCap == 0) revert JointPoolCapBelowDeposits(newCap, _deposited);
        if (newCap > type(uint96).max) revert JointPoolInvalidAmount();
        emit CapUpdated(_cap, newCap);
        _cap = newCap;
    }

    // ---------------------------------------------------------------- the guard

    /// @notice A default was flagged: deposits and draws stop, holders may redeem at once with no fee.
    function halt() external onlyGuard {
        if (_status != Status.Active) revert JointPoolBadStatus(_status);
        _status = Status.Halted;
        emit PoolHalted();
    }

    /// @notice The DAO overturned the flag: the pool is Active again.
    function resume() external onlyGuard {
        if (_status != Status.Halted) revert JointPoolBadStatus(_status);
        _status = Status.Active;
        emit PoolResumed();
    }

    /// @notice The flag stood through the challenge period: the pool is Defaulted and its mining period ends now.
    /// In genesis there is no mining period yet: one of one second is made (it ends a second after this call), so
    /// every holder's dToken-seconds are its balance at the default, the weights later repayments and insurance
    /// payouts are shared by.
    function markDefaulted() external onlyGuard {
        if (_status != Status.Halted) revert JointPoolBadStatus(_status);
        _status = Status.Defaulted;
        if (_growthStart == 0) {
            _growthStart = block.timestamp;
            // forge-lint: disable-next-line(unsafe-typecast) -- unix seconds
            _defaultedAt = uint64(block.timestamp + 1);
        } else if (block.timestamp < termEnd()) {
            // forge-lint: disable-next-line(unsafe-typecast) -- unix seconds
            _defaultedAt = uint64(block.timestamp);
        }
        emit PoolDefaulted(termEnd());
    }

    // ---------------------------------------------------------------- views

    function status() external view returns (Status) {
        return _status;
    }

    /// @notice When the first deposit was made (0: none yet): the pool owes yield from the next day on.
    function firstDepositAt() external view returns (uint256) {
        return _firstDepositAt;
    }

    /// @notice The end of the mining period (0 while genesis lasts): 540 days after genesis, or the moment the pool
    /// defaulted when earlier (a second after it, for a pool that defaulted in genesis).
    function termEnd() public view returns (uint256) {
        uint256 g = _growthStart;
        if (g == 0) return 0;
        uint256 d = _defaultedAt;
        return d != 0 && d < g + TERM ? d : g + TERM;
    }

    function cap() external view returns (uint256) {
        return _cap;
    }

    function state() external view returns (State memory s) {
        s = State({
            miner: miner,
            cap: _cap,
            deposited: _deposited,
            liquid: _liquid,
            drawn: _drawn,
            returned: _returned,
            collateralClaimed: _collateralClaimedTotal,
            supply: _supply,
            growthStart: _growthStart,
            termEnd: termEnd(),
            yieldPaid: _yieldPaid,
            yieldUnpaid: _yieldUnpaid,
            platformFees: _platformFees,
            status: _status,
            firstDepositAt: _firstDepositAt,
            defaultedAt: _defaultedAt
        });
    }

    /// @notice Yield paid for day `day` (the default rules read it).
    function yieldOn(uint256 day) external view returns (uint256) {
        return _yieldOn[day];
    }

    /// @notice `account`'s unclaimed yield: what a claim pays now (never more than the holders' yield held, see
    /// `_yieldUnpaid`).
    function pendingYield(address account) public view returns (uint256 amount) {
        Account memory a = _accounts[account];
        unchecked {
            amount = uint160(Math.mulDiv(a.balance, _accYield, SCALE)) - a.yieldDebt;
        }
        if (amount > _yieldUnpaid) amount = _yieldUnpaid;
    }

    /// @notice `account`'s dToken-seconds over the mining period, as of now.
    function shareSecondsOf(address account) public view returns (uint256) {
        return _weightNow(_time[account], _accounts[account].balance);
    }

    /// @notice Everyone's dToken-seconds over the mining period, as of now.
    function totalShareSeconds() public view returns (uint256) {
        return _weightNow(_totalTime, _supply);
    }

    /// @notice What {claimCollateral} would pay `account` now (0 before the end of the mining period).
    function collateralOf(address account) public view returns (uint256) {
        uint256 end = termEnd();
        if (end == 0 || block.timestamp < end) return 0;
        uint256 total = totalShareSeconds();
        if (total == 0) return 0;
        return Math.mulDiv(_returned, shareSecondsOf(account), total) - _collateralClaimed[account];
    }

    // ---------------------------------------------------------------- ERC-20

    function name() external view returns (string memory) {
        return _name;
    }

    function symbol() external view returns (string memory) {
        return _symbol;
    }

    function decimals() external pure returns (uint8) {
        return 18;
    }

    function totalSupply() external view returns (uint256) {
        return _supply;
    }

    function balanceOf(address account) external view returns (uint256) {
        return _accounts[account].balance;
    }

    function allowance(address owner, address spender) external view returns (uint256) {
        return _allowances[owner][spender];
    }

    function approve(address spender, uint256 value) external returns (bool) {
        _allowances[msg.sender][spender] = value;
        emit Approval(msg.sender, spender, value);
        return true;
    }

    /// @notice Locks `amount` of `account`'s dToken in place: it stays the account's, only it cannot move or be
    /// redeemed until {unlock}ed. Only the factory's locker (DMC mining, when the account stakes it there).
    /// @dev Reverts {JointPoolLockedBalance} beyond the account's unlocked balance. Emits {Locked}.
    function lock(address account, uint256 amount) external {
        if (msg.sender != IJointPoolLocker(factory).locker()) revert JointPoolNotLocker(msg.sender);
        uint256 locked = _locked[account];
        uint256 free = _accounts[account].balance - locked;
        if (amount == 0 || amount > free) revert JointPoolLockedBalance(account, free, amount);
        _locked[account] = locked + amount;
        emit Locked(account, amount, locked + amount);
    }

    /// @notice Unlocks `amount` of `account`'s locked dToken. Only the factory's locker (on unstaking).
    /// @dev Emits {Unlocked}.
    function unlock(address account, uint256 amount) external {
        if (msg.sender != IJointPoolLocker(factory).locker()) revert JointPoolNotLocker(msg.sender);
        uint256 locked = _locked[account];
        if (amount == 0 || amount > locked) revert JointPoolLockedBalance(account, locked, amount);
        _locked[account] = locked - amount;
        emit Unlocked(account, amount, locked - amount);
    }

    /// @notice The part of `account`'s dToken that is locked in place (staked in DMC mining).
    function lockedOf(address account) external view returns (uint256) {
        return _locked[account];
    }

    function transfer(address to, uint256 value) external returns (bool) {
        _transfer(msg.sender, to, value);
        return true;
    }

    function transferFrom(address from, address to, uint256 value) external returns (bool) {
        uint256 allowed = _allowances[from][msg.sender];
        if (allowed != type(uint256).max) {
            if (allowed < value) revert JointPoolInsufficientAllowance(msg.sender, allowed, value);
            unchecked {
                _allowances[from][msg.sender] = allowed - value;
            }
        }
        _transfer(from, to, value);
        return true;
    }

    // ---------------------------------------------------------------- internals

    function _pull(address from, uint256 amount) private {
        uint256 before = ifil.balanceOf(address(this));
        ifil.safeTransferFrom(from, address(this), amount);
        uint256 received = ifil.balanceOf(address(this)) - before;
        if (received != amount) revert JointPoolTransferShort(amount, received);
    }

    /// @dev dToken-seconds of a stored weight brought to now: the balance times the seconds of the mining period
    /// since its last update.
    function _weightNow(TimeWeight memory w, uint256 balance) private view returns (uint256) {
        uint256 g = _growthStart;
        if (g == 0) return w.seconds_;
        uint256 end = termEnd();
        uint256 from = w.last > g ? w.last : g;
        uint256 to = block.timestamp < end ? block.timestamp : end;
        return to > from ? w.seconds_ + balance * (to - from) : w.seconds_;
    }

    /// @dev Brings an account's (or the total's) dToken-seconds up to now before its balance changes. Nothing to do
    /// in genesis: time counts from its end.
    function _touch(TimeWeight storage w, uint256 balance) private {
        if (_growthStart == 0) return;
        TimeWeight memory m = w;
        // forge-lint: disable-next-line(unsafe-typecast) -- at most 2^96 dToken x 540 days
        w.seconds_ = uint192(_weightNow(m, balance));
        w.last = uint64(block.timestamp);
    }

    /// @dev Sets a balance, re-basing the yield debt so what the account is owed does not change.
    function _setBalance(address account, Account memory a, uint256 newBalance) private {
        uint256 acc = _accYield;
        unchecked {
            uint160 before = uint160(Math.mulDiv(a.balance, acc, SCALE));
            uint160 after_ = uint160(Math.mulDiv(newBalance, acc, SCALE));
            a.yieldDebt = a.yieldDebt + after_ - before;
        }
        // forge-lint: disable-next-line(unsafe-typecast) -- the supply is below the cap, itself below 2^96
        a.balance = uint96(newBalance);
        _accounts[account] = a;
    }

    function _mint(address to, uint256 amount) private {
        if (to == address(0)) revert JointPoolInvalidAddress();
        _touch(_totalTime, _supply);
        _touch(_time[to], _accounts[to].balance);
        _supply += amount;
        Account memory a = _accounts[to];
        _setBalance(to, a, a.balance + amount);
        emit Transfer(address(0), to, amount);
    }

    function _burn(address from, uint256 amount) private {
        Account memory a = _accounts[from];
        if (a.balance < amount) revert JointPoolInsufficientBalance(from, a.balance, amount);
        _checkUnlocked(from, a.balance, amount);
        _touch(_totalTime, _supply);
        _touch(_time[from], a.balance);
        _supply -= amount;
        _setBalance(from, a, a.balance - amount);
        emit Transfer(from, address(0), amount);
    }

    function _transfer(address from, address to, uint256 amount) private {
        if (to == address(0) || from == address(0)) revert JointPoolInvalidAddress();
        Account memory a = _accounts[from];
        if (a.balance < amount) revert JointPoolInsufficientBalance(from, a.balance, amount);
        _checkUnlocked(from, a.balance, amount);
        _touch(_time[from], a.balance);
        _setBalance(from, a, a.balance - amount);
        Account memory b = _accounts[to];
        _touch(_time[to], b.balance);
        _setBalance(to, b, b.balance + amount);
        emit Transfer(from, to, amount);
    }

    /// @dev Reverts {JointPoolLockedBalance} when moving `amount` of a `balance` would touch its locked part.
    function _checkUnlocked(address account, uint256 balance, uint256 amount) private view {
        uint256 locked = _locked[account];
        if (locked != 0 && balance - locked < amount) revert JointPoolLockedBalance(account, balance - locked, amount);
    }

    /// @dev Zeroes an account's unclaimed yield (its debt catches up with its balance) and returns it, never more
    /// than the holders' yield still held (see `_yieldUnpaid`).
    function _takeYield(address account) private returns (uint256 amount) {
        Account memory a = _accounts[account];
        uint160 earned = uint160(Math.mulDiv(a.balance, _accYield, SCALE));
        unchecked {
            amount = earned - a.yieldDebt;
        }
        if (amount != 0) {
            a.yieldDebt = earned;
            _accounts[account] = a;
            uint256 unpaid = _yieldUnpaid;
            if (amount > unpaid) amount = unpaid;
            _yieldUnpaid = unpaid - amount;
        }
    }
}
