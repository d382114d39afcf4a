// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IEmissionSchedule} from "./interfaces/IEmissionSchedule.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @notice What DMCMining reads from the hashrate NFT: a token's hashrate and its coin (0 = FIL: TiB).
interface IMiningNft is IERC721 {
    function hashrateAndCoinOf(uint256 tokenId) external view returns (uint256 hashrate, uint8 coin);
}

/// @notice What DMCMining reads from the revenue escrow: whether a product's escrow is halted (it stopped paying).
interface IMiningEscrow {
    function isHalted(uint256 productId) external view returns (bool);
}

/// @notice The yield distributor's claim (this contract claims the yield of the NFTs it holds and forwards it).
interface IMiningYield {
    function claim(uint256[] calldata tokenIds) external;
}

/// @notice A token that locks a holder's balance in place instead of being transferred (the joint pools' dToken).
interface ILockableToken {
    function lock(address account, uint256 amount) external;
    function unlock(address account, uint256 amount) external;
    /// @notice 0 while the pool is active (not halted or defaulted by its default rules).
    function status() external view returns (uint8);
}

/// @title DMCMining
/// @notice Releases the 50,000,000 DMC mining reserve (half of all DMC, held by this contract) on the whitepaper's
/// schedule and shares it between staking programs:
/// - **Emission**: 5 DMC per 3-second block, expressed per second (5/3 DMC a second) so it holds on any chain,
///   halving every 182.5 days from a start the DAO sets once ({setStart}). The series would sum to 52.56M; emission
///   stops exactly at {CAP} (50M): {emittedAt} never exceeds it, and every DMC this contract pays is part of it.
/// - **Programs**: behaviour mining (stake hashrate NFTs, weighted by hashrate), liquidity mining (stake the
///   Uniswap V2 DMC/USDT LP token) and staking mining (stake DMC or USDT), 30% / 60% / 10% of the emission by
///   default ({setSplit}, the DAO's "mining ratios"); inside a program the pools share by allocation points.
///
/// Rewards accrue per second through one accumulator per pool, in O(1) per action whatever the number of stakers;
/// each pool carries its division remainder forward, so what a pool distributes is its share of the emission to
/// within a few wei. A pool's share of the seconds nobody staked in it is not distributed: it is counted in
/// {unallocated} and the DAO can return it ({returnUnallocated}).
///
/// A staked NFT is held here, not sold: its daily yield still belongs to its staker ({claimNftYield} claims it and
/// forwards it), and it can be taken back at any time ({unstakeNft}) to claim an escrow refund or insurance, sell
/// or pledge it. An NFT whose product's escrow is halted (the miner stopped paying) cannot be staked, and anyone
/// can take it out of mining ({evict}): it goes back to its staker with what it had earned until then.
///
/// @dev A user's position in a pool is one word: `amount` (96 bits) and `debt` (160 bits). `debt` is kept modulo
/// 2^160 so that `amount * acc / SCALE - debt` (mod 2^160) is exactly what the user is owed; changing `amount`
/// re-bases `debt` so the owed amount is unchanged (no transfer on stake or unstake). Owed amounts are far below
/// 2^160 (the whole reserve is < 2^86). The accumulator is scaled by 1e36 (products taken with a 512-bit mulDiv),
/// so what the carried remainder withholds from a staker is below one base unit. Staked tokens are pulled with `transferFrom` and pushed back with
/// `transfer`/`transferFrom` (no receiver hooks), except in a lock pool ({addLockPool}), whose token locks the stake in
/// its staker's wallet instead; every external function that moves value is `nonReentrant` and
/// changes state before any transfer. Pools take plain ERC-20s only (no fee on transfer); the DAO adds them.
contract DMCMining is AccessControl, ReentrancyGuardTransient, IEmissionSchedule {
    using SafeERC20 for IERC20;

    /// @notice The three programs of the whitepaper's token model.
    enum Program {
        Behaviour,
        Liquidity,
        Staking
    }

    /// @notice A pool's live state (one storage word besides its accumulator).
    /// @param totalWeight staked weight (token base units, or thousandths of a TiB for the NFT pool).
    /// @param remainder undistributed `reward * SCALE` left by the last division, carried to the next.
    /// @param lastUpdate the time the pool's accumulator was last brought up to date.
    /// @param share the pool's share of the whole emission, in parts per million.
    struct PoolState {
        uint96 totalWeight;
        uint96 remainder;
        uint40 lastUpdate;
        uint24 share;
    }

    /// @notice A pool's configuration.
    /// @param token what is staked: an ERC-20, or the hashrate NFT for the NFT pool.
    /// @param program which program's share it takes part of.
    /// @param isNft whether stakes are NFTs weighted by hashrate.
    /// @param alloc its allocation points inside its program.
    /// @param locks stakes stay with the staker, locked in place by the token ({addLockPool}: a joint pool's dToken).
    struct PoolConfig {
        address token;
        Program program;
        bool isNft;
        uint32 alloc;
        bool locks;
    }

    /// @notice Everything a page needs about one pool.
    struct PoolView {
        address token;
        Program program;
        bool isNft;
        uint32 alloc;
        uint24 share;
        uint96 totalWeight;
        uint96 remainder;
        uint40 lastUpdate;
        uint256 accPerWeight;
        uint256 ratePerSecond;
        bool locks;
    }

    /// @notice The reserve: 50,000,000 DMC. Emission stops there.
    uint256 public constant override CAP = 50_000_000e18;
    /// @notice Half a year (182.5 days): the emission rate halves at each multiple of it after the start.
    uint256 public constant HALVING_PERIOD = 15_768_000;
    /// @notice What one full first half-year emits: 5 DMC per 3 seconds for 182.5 days = 26,280,000 DMC.
    uint256 public constant FIRST_ERA_EMISSION = 26_280_000e18;
    /// @notice Emission per second in the first half-year is `RATE_NUMERATOR / RATE_DENOMINATOR` base units.
    uint256 public constant RATE_NUMERATOR = 5e18;
    uint256 public constant RATE_DENOMINATOR = 3;
    /// @notice The split and pool shares are in parts per million of the emission; the split in basis points.
    uint256 public constant SHARE_SCALE = 1e6;
    uint256 public constant BPS = 10_000;
    /// @notice At most this many pools (a split change brings each one up to date).
    uint256 public constant MAX_POOLS = 16;
    /// @notice The NFT pool's id: created with the contract.
    uint256 public constant NFT_POOL = 0;

    /// @dev 1e36: a staker's share of a carried remainder is below one base unit for any weight below 1e36.
    uint256 private constant SCALE = 1e36;
    uint256 private constant MAX_ERAS = 8; // the cap is reached in the fifth half-year

    /// @notice The DMC this contract releases (and the DMC pool's stake).
    IERC20 public immutable dmc;
    /// @notice The hashrate NFT (the NFT pool's stake).
    IMiningNft public immutable nft;
    /// @notice The revenue escrow: an NFT whose product's escrow is halted does not mine.
    IMiningEscrow public immutable escrow;
    /// @notice The yield distributor: the yield of staked NFTs is claimed through it and forwarded.
    IMiningYield public immutable distributor;
    /// @notice The NFTs' yield tokens (IFIL, wrapped BTC), forwarded to stakers.
    IERC20 public immutable filYield;
    IERC20 public immutable btcYield;
    /// @notice Token ids of one product are `productId * TOKENS_PER_PRODUCT + n` (as in HashrateNFT).
    uint256 public immutable tokensPerProduct;

    uint40 private _start;
    uint216 private _unallocated;
    uint16[3] private _splitBps;
    uint64[3] private _programAlloc;

    uint256 private _poolCount;
    mapping(uint256 pid => PoolConfig) private _configs;
    mapping(uint256 pid => PoolState) private _pools;
    mapping(uint256 pid => uint256) private _acc;
    mapping(uint256 pid => mapping(address account => uint256)) private _positions;
    /// @dev staker (160 bits) | weight (96 bits) of a staked NFT.
    mapping(uint256 tokenId => uint256) private _stakedNfts;

    event StartSet(uint256 start);
    event SplitUpdated(uint256 behaviourBps, uint256 liquidityBps, uint256 stakingBps);
    event PoolAdded(uint256 indexed pid, address indexed token, Program program, bool isNft, uint256 alloc);
    /// @notice Pool `pid` locks its stakes in place ({addLockPool}).
    event LockPoolAdded(uint256 indexed pid, address indexed token);
    event PoolAllocUpdated(uint256 indexed pid, uint256 oldAlloc, uint256 newAlloc);
    event Staked(uint256 indexed pid, address indexed account, uint256 amount);
    event Unstaked(uint256 indexed pid, address indexed account, uint256 amount);
    event NftStaked(address indexed account, uint256 indexed tokenId, uint256 weight);
    event NftUnstaked(address indexed account, uint256 indexed tokenId, uint256 weight);
    /// @notice `tokenId`'s product is halted: `by` took it out of mining and it went back to `account`.
    event NftEvicted(address indexed account, uint256 indexed tokenId, address indexed by);
    /// @notice `account`'s `amount` of a halted or defaulted joint pool's dToken was taken out of mining by `by`.
    event LockedEvicted(uint256 indexed pid, address indexed account, uint256 amount, address indexed by);
    event Claimed(address indexed account, uint256 indexed pid, uint256 amount);
    event YieldForwarded(address indexed account, address indexed token, uint256 amount);
    event UnallocatedReturned(address indexed to, uint256 amount);

    error DMCMiningInvalidAddress();
    error DMCMiningInvalidStart(uint256 start, uint256 now_);
    error DMCMiningAlreadyStarted(uint256 start);
    error DMCMiningInvalidSplit(uint256 sumBps);
    error DMCMiningTooManyPools(uint256 max);
    error DMCMiningUnknownPool(uint256 pid);
    error DMCMiningWrongPoolKind(uint256 pid);
    error DMCMiningInvalidAmount();
    error DMCMiningInsufficientStake(uint256 pid, uint256 staked, uint256 requested);
    error DMCMiningStakeTooLarge(uint256 pid);
    error DMCMiningNotStaker(uint256 tokenId, address caller, address staker);
    error DMCMiningProductHalted(uint256 tokenId);
    error DMCMiningNotFilecoin(uint256 tokenId);
    error DMCMiningProductNotHalted(uint256 tokenId);
    /// @notice The joint pool behind lock pool `pid` is halted or defaulted: its dToken does not mine.
    error DMCMiningPoolNotActive(uint256 pid);
    /// @notice The joint pool behind lock pool `pid` is active: its stakes cannot be evicted.
    error DMCMiningPoolActive(uint256 pid);
    error DMCMiningNothingToClaim();
    error DMCMiningNothingToReturn();
    error DMCMiningNoTokens();

    /// @param admin the timelock: sets the start, the split, pools and allocations.
    /// @param dmc_ the DMC token; this contract must hold {CAP} of it (minted to it at deployment).
    /// @param start_ the emission start, or 0 to leave it to the DAO ({setStart}); a time already past starts it
    /// at deployment.
    /// @param splitBps the behaviour / liquidity / staking split in basis points (must add up to 10,000).
    constructor(
        address admin,
        IERC20 dmc_,
        IMiningNft nft_,
        IMiningEscrow escrow_,
        IMiningYield distributor_,
        IERC20 filYield_,
        IERC20 btcYield_,
        uint256 tokensPerProduct_,
        uint256 start_,
        uint16[3] memory splitBps
    ) {
        if (
            admin == address(0) || address(dmc_) == address(0) || address(nft_) == address(0)
                || address(escrow_) == address(0) || address(distributor_) == address(0)
                || address(filYield_) == address(0) || address(btcYield_) == address(0) || tokensPerProduct_ == 0
        ) revert DMCMiningInvalidAddress();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        dmc = dmc_;
        nft = nft_;
        escrow = escrow_;
        distributor = distributor_;
        filYield = filYield_;
        btcYield = btcYield_;
        tokensPerProduct = tokensPerProduct_;
        _checkSplit(splitBps);
        _splitBps = splitBps;
        emit SplitUpdated(splitBps[0], splitBps[1], splitBps[2]);
        if (start_ != 0) _setStart(start_ < block.timestamp ? block.timestamp : start_);
        _addPool(address(nft_), Program.Behaviour, true, 1);
    }

    // ---------------------------------------------------------------- stakers

    /// @notice Stakes `amount` of pool `pid`'s token (approve it first). What you were owed stays owed.
    /// @dev Not for the NFT pool ({DMCMiningWrongPoolKind}). Emits {Staked}.
    function stake(uint256 pid, uint256 amount) external nonReentrant {
        PoolConfig memory c = _config(pid);
        if (c.isNft) revert DMCMiningWrongPoolKind(pid);
        if (amount == 0) revert DMCMiningInvalidAmount();
        if (c.locks && ILockableToken(c.token).status() != 0) revert DMCMiningPoolNotActive(pid);
        _changeStake(pid, msg.sender, amount, true);
        emit Staked(pid, msg.sender, amount);
        if (c.locks) ILockableToken(c.token).lock(msg.sender, amount);
        else IERC20(c.token).safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Takes back `amount` of your stake in pool `pid`. What you were owed stays owed ({claim}).
    /// @dev Reverts {DMCMiningInsufficientStake} beyond your stake. Emits {Unstaked}.
    function unstake(uint256 pid, uint256 amount) external nonReentrant {
        PoolConfig memory c = _config(pid);
        if (c.isNft) revert DMCMiningWrongPoolKind(pid);
        if (amount == 0) revert DMCMiningInvalidAmount();
        _changeStake(pid, msg.sender, amount, false);
        emit Unstaked(pid, msg.sender, amount);
        if (c.locks) ILockableToken(c.token).unlock(msg.sender, amount);
        else IERC20(c.token).safeTransfer(msg.sender, amount);
    }

    /// @notice Stakes hashrate NFTs you own (approve this contract for the NFT first); each mines in proportion to
    /// its hashrate. The NFTs stay yours: their yield is forwarded to you ({claimNftYield}) and {unstakeNft} returns
    /// them at any time.
    /// @dev Reverts {DMCMiningProductHalted} for an NFT whose product's escrow is halted and {DMCMiningNotFilecoin}
    /// for a BTC product's NFT (the pool weighs TiB); an NFT never sold cannot leave its miner (the NFT refuses the
    /// transfer). Emits {NftStaked} per NFT.
    function stakeNft(uint256[] calldata tokenIds) external nonReentrant {
        uint256 n = tokenIds.length;
        if (n == 0) revert DMCMiningNoTokens();
        uint256 added;
        for (uint256 i; i < n; ++i) {
            uint256 tokenId = tokenIds[i];
            if (escrow.isHalted(tokenId / tokensPerProduct)) revert DMCMiningProductHalted(tokenId);
            nft.transferFrom(msg.sender, address(this), tokenId);
            (uint256 weight, uint8 coin) = nft.hashrateAndCoinOf(tokenId);
            // weights are TiB: a BTC product's TH/s would not compare (BTC hashrate gets its own pool later)
            if (coin != 0) revert DMCMiningNotFilecoin(tokenId);
            _stakedNfts[tokenId] = uint256(uint160(msg.sender)) | (weight << 160);
            added += weight;
            emit NftStaked(msg.sender, tokenId, weight);
        }
        _changeStake(NFT_POOL, msg.sender, added, true);
    }

    /// @notice Returns your staked NFTs to you. What they earned stays owed ({claim}).
    /// @dev Reverts {DMCMiningNotStaker} for an NFT you did not stake here. Emits {NftUnstaked} per NFT.
    function unstakeNft(uint256[] calldata tokenIds) external nonReentrant {
        uint256 n = tokenIds.length;
        if (n == 0) revert DMCMiningNoTokens();
        uint256 removed;
        for (uint256 i; i < n; ++i) {
            uint256 tokenId = tokenIds[i];
            uint256 rec = _stakedNfts[tokenId];
            address staker = address(uint160(rec));
            if (staker != msg.sender) revert DMCMiningNotStaker(tokenId, msg.sender, staker);
            delete _stakedNfts[tokenId];
            removed += rec >> 160;
            emit NftUnstaked(msg.sender, tokenId, rec >> 160);
        }
        _changeStake(NFT_POOL, msg.sender, removed, false);
        for (uint256 i; i < n; ++i) {
            nft.transferFrom(address(this), msg.sender, tokenIds[i]);
        }
    }

    /// @notice Takes `accounts`' stakes in lock pool `pid` out of mining when its joint pool is halted or defaulted
    /// (its default rules flagged it), as {evict} does for NFTs of a halted product: a pool that stopped paying stops
    /// mining. Their dToken is unlocked in their wallets; they keep what it earned until now. Anyone may call;
    /// accounts without a stake are skipped.
    /// @dev Reverts {DMCMiningWrongPoolKind} for a pool that does not lock and {DMCMiningPoolActive} while the pool
    /// is active. Emits {LockedEvicted} per account evicted.
    function evictLocked(uint256 pid, address[] calldata accounts) external nonReentrant {
        PoolConfig memory c = _config(pid);
        if (!c.locks) revert DMCMiningWrongPoolKind(pid);
        if (ILockableToken(c.token).status() == 0) revert DMCMiningPoolActive(pid);
        for (uint256 i; i < accounts.length; ++i) {
            address account = accounts[i];
            uint256 amount = _positions[pid][account] >> 160;
            if (amount == 0) continue;
            _changeStake(pid, account, amount, false);
            emit LockedEvicted(pid, account, amount, msg.sender);
            ILockableToken(c.token).unlock(account, amount);
        }
    }

    /// @notice Takes staked NFTs whose product's escrow is halted out of mining and returns them to their stakers,
    /// who keep what the NFTs earned until now. Anyone may call it: a hashrate that stopped paying stops mining.
    /// @dev Reverts {DMCMiningProductNotHalted} for an NFT whose product is not halted and {DMCMiningNotStaker}
    /// for one not staked. Emits {NftEvicted} per NFT.
    function evict(uint256[] calldata tokenIds) external nonReentrant {
        uint256 n = tokenIds.length;
        if (n == 0) revert DMCMiningNoTokens();
        for (uint256 i; i < n; ++i) {
            uint256 tokenId = tokenIds[i];
            uint256 rec = _stakedNfts[tokenId];
            address staker = address(uint160(rec));
            if (staker == address(0)) revert DMCMiningNotStaker(tokenId, msg.sender, staker);
            if (!escrow.isHalted(tokenId / tokensPerProduct)) revert DMCMiningProductNotHalted(tokenId);
            delete _stakedNfts[tokenId];
            _changeStake(NFT_POOL, staker, rec >> 160, false);
            emit NftEvicted(staker, tokenId, msg.sender);
            nft.transferFrom(address(this), staker, tokenId);
        }
    }

    /// @notice Sends you the DMC you earned in pools `pids`, in one transfer.
    /// @dev Reverts {DMCMiningNothingToClaim} when the total is 0. Emits {Claimed} per pool paid.
    function claim(uint256[] calldata pids) external nonReentrant {
        uint256 total;
        for (uint256 i; i < pids.length; ++i) {
            uint256 pid = pids[i];
            uint256 acc = _updatePool(pid);
            uint256 pos = _positions[pid][msg.sender];
            uint256 amount = pos >> 160;
            uint160 accrued = _accruedOf(amount, acc);
            uint256 owed;
            unchecked {
                owed = uint160(accrued - uint160(pos));
            }
            if (owed == 0) continue;
            _positions[pid][msg.sender] = (amount << 160) | accrued;
            total += owed;
            emit Claimed(msg.sender, pid, owed);
        }
        if (total == 0) revert DMCMiningNothingToClaim();
        dmc.safeTransfer(msg.sender, total);
    }

    /// @notice Claims the daily yield of NFTs you staked here and forwards it to you (IFIL or wrapped BTC).
    /// @dev Each NFT must be yours ({DMCMiningNotStaker}); the distributor reverts when there is nothing to claim
    /// or the NFTs mix yield tokens. Emits {YieldForwarded}.
    function claimNftYield(uint256[] calldata tokenIds) external nonReentrant {
        for (uint256 i; i < tokenIds.length; ++i) {
            address staker = address(uint160(_stakedNfts[tokenIds[i]]));
            if (staker != msg.sender) revert DMCMiningNotStaker(tokenIds[i], msg.sender, staker);
        }
        IERC20 fil = filYield;
        IERC20 btc = btcYield;
        uint256 filBefore = fil.balanceOf(address(this));
        uint256 btcBefore = btc.balanceOf(address(this));
        distributor.claim(tokenIds);
        uint256 filGot = fil.balanceOf(address(this)) - filBefore;
        uint256 btcGot = btc.balanceOf(address(this)) - btcBefore;
        if (filGot != 0) {
            emit YieldForwarded(msg.sender, address(fil), filGot);
            fil.safeTransfer(msg.sender, filGot);
        }
        if (btcGot != 0) {
            emit YieldForwarded(msg.sender, address(btc), btcGot);
            btc.safeTransfer(msg.sender, btcGot);
        }
    }

    // ---------------------------------------------------------------- the DAO

    /// @notice Sets when emission starts (once, before it has started; a future time).
    /// @dev Only DEFAULT_ADMIN_ROLE. Emits {StartSet}.
    function setStart(uint256 start_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        uint256 current = _start;
        if (current != 0 && current <= block.timestamp) revert DMCMiningAlreadyStarted(current);
        _setStart(start_);
    }

    /// @notice Sets the mining ratios: the behaviour / liquidity / staking shares of the emission, in basis
    /// points adding up to 10,000. Every pool is brought up to date first, so what was earned stays earned.
    /// @dev Only DEFAULT_ADMIN_ROLE. Emits {SplitUpdated}.
    function setSplit(uint16[3] calldata splitBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _checkSplit(splitBps);
        _updateAll();
        _splitBps = splitBps;
        _reshare();
        emit SplitUpdated(splitBps[0], splitBps[1], splitBps[2]);
    }

    /// @notice Adds an ERC-20 pool (an LP token, DMC, USDT, later the joint pool's dToken) to a program.
    /// @dev Only DEFAULT_ADMIN_ROLE. At most {MAX_POOLS}. Emits {PoolAdded}.
    function addPool(address token, Program program, uint32 alloc) external onlyRole(DEFAULT_ADMIN_ROLE) returns (uint256 pid) {
        if (token == address(0) || token == address(nft)) revert DMCMiningInvalidAddress();
        _updateAll();
        pid = _addPool(token, program, false, alloc);
    }

    /// @notice Adds a pool whose stakes stay with their stakers, locked in place by the token (a joint pool's dToken,
    /// in behaviour mining: staked dToken keeps earning its pool yield and its dToken-seconds for its holder, and only
    /// cannot be moved or redeemed until unstaked). The token must lock for this contract (the pool's factory names
    /// it its locker). Stake needs no approval.
    /// @dev Only DEFAULT_ADMIN_ROLE. At most {MAX_POOLS}. Emits {PoolAdded} and {LockPoolAdded}.
    function addLockPool(address token, Program program, uint32 alloc) external onlyRole(DEFAULT_ADMIN_ROLE) returns (uint256 pid) {
        if (token == address(0) || token == address(nft)) revert DMCMiningInvalidAddress();
        _updateAll();
        pid = _addPool(token, program, false, alloc);
        _configs[pid].locks = true;
        emit LockPoolAdded(pid, token);
    }

    /// @notice Sets a pool's allocation points inside its program (0 stops it mining).
    /// @dev Only DEFAULT_ADMIN_ROLE. Emits {PoolAllocUpdated}.
    function setAlloc(uint256 pid, uint32 alloc) external onlyRole(DEFAULT_ADMIN_ROLE) {
        PoolConfig memory c = _config(pid);
        _updateAll();
        _programAlloc[uint256(c.program)] = _programAlloc[uint256(c.program)] - c.alloc + alloc;
        _configs[pid].alloc = alloc;
        _reshare();
        emit PoolAllocUpdated(pid, c.alloc, alloc);
    }

    /// @notice Sends the DMC that pools earned while nobody staked in them (or that no pool was given) to `to`.
    /// @dev Only DEFAULT_ADMIN_ROLE. Emits {UnallocatedReturned}.
    function returnUnallocated(address to) external onlyRole(DEFAULT_ADMIN_ROLE) nonReentrant {
        if (to == address(0)) revert DMCMiningInvalidAddress();
        _updateAll();
        uint256 amount = _unallocated;
        if (amount == 0) revert DMCMiningNothingToReturn();
        _unallocated = 0;
        emit UnallocatedReturned(to, amount);
        dmc.safeTransfer(to, amount);
    }

    // ---------------------------------------------------------------- views

    /// @notice DMC emitted from the start until `time` (0 before the start), never above {CAP}.
    function emittedAt(uint256 time) public view override returns (uint256) {
        return _emitted(_start, time);
    }

    /// @notice The emission rate at `time` in base units per second (of the whole emission, all programs).
    function rateAt(uint256 time) public view returns (uint256) {
        uint256 s = _start;
        if (s == 0 || time < s || _emitted(s, time) >= CAP) return 0;
        return RATE_NUMERATOR / (RATE_DENOMINATOR << ((time - s) / HALVING_PERIOD));
    }

    /// @notice When the rate next halves (0 before a start is set or once the cap is reached).
    function nextHalving() external view returns (uint256) {
        uint256 s = _start;
        if (s == 0 || _emitted(s, block.timestamp) >= CAP) return 0;
        if (block.timestamp < s) return s + HALVING_PERIOD;
        return s + ((block.timestamp - s) / HALVING_PERIOD + 1) * HALVING_PERIOD;
    }

    /// @notice The time at which emission reaches {CAP} (0 before a start is set).
    function capReachedAt() external view returns (uint256) {
        uint256 s = _start;
        if (s == 0) return 0;
        uint256 before;
        for (uint256 k; k < MAX_ERAS; ++k) {
            uint256 era = FIRST_ERA_EMISSION >> k;
            if (before + era >= CAP) {
                uint256 left = CAP - before;
                uint256 den = RATE_DENOMINATOR << k;
                // the first second at which (RATE_NUMERATOR * dt) / den >= left
                return s + k * HALVING_PERIOD + (left * den + RATE_NUMERATOR - 1) / RATE_NUMERATOR;
            }
            before += era;
        }
        return 0;
    }

    /// @notice The emission start (0 until the DAO sets one).
    function start() external view returns (uint256) {
        return _start;
    }

    /// @notice The behaviour / liquidity / staking split in basis points.
    function split() external view returns (uint16[3] memory) {
        return _splitBps;
    }

    /// @notice How many pools there are (ids 0 .. count - 1; pool 0 is the NFT pool).
    function poolCount() external view returns (uint256) {
        return _poolCount;
    }

    /// @notice Pool `pid`'s configuration and state as of now (accumulator and remainder brought up to date), with
    /// its current rate in DMC base units per second.
    function pool(uint256 pid) external view returns (PoolView memory v) {
        PoolConfig memory c = _config(pid);
        PoolState memory p = _pools[pid];
        (uint256 acc, uint256 remainder,) = _accrued(pid, p);
        v = PoolView({
            token: c.token,
            program: c.program,
            isNft: c.isNft,
            alloc: c.alloc,
            share: p.share,
            totalWeight: p.totalWeight,
            // forge-lint: disable-next-line(unsafe-typecast) -- remainder < the weight, a uint96
            remainder: uint96(remainder),
            lastUpdate: p.lastUpdate,
            accPerWeight: acc,
            ratePerSecond: rateAt(block.timestamp) * p.share / SHARE_SCALE,
            locks: c.locks
        });
    }

    /// @notice `account`'s stake (weight) in pool `pid` and the DMC it can claim there now.
    function positionOf(uint256 pid, address account) external view returns (uint256 staked, uint256 pending) {
        _config(pid);
        uint256 pos = _positions[pid][account];
        staked = pos >> 160;
        (uint256 acc,,) = _accrued(pid, _pools[pid]);
        uint160 accrued = _accruedOf(staked, acc);
        unchecked {
            pending = uint160(accrued - uint160(pos));
        }
    }

    /// @notice Who staked `tokenId` here and its weight (zero address when it is not staked).
    function stakedNft(uint256 tokenId) external view returns (address staker, uint256 weight) {
        uint256 rec = _stakedNfts[tokenId];
        return (address(uint160(rec)), rec >> 160);
    }

    /// @notice Emitted DMC no pool distributed because nobody staked in it, as of now; {returnUnallocated} sends it.
    function unallocated() external view returns (uint256 total) {
        total = _unallocated;
        uint256 n = _poolCount;
        for (uint256 pid; pid < n; ++pid) {
            (,, uint256 lost) = _accrued(pid, _pools[pid]);
            total += lost;
        }
    }

    // ---------------------------------------------------------------- internals

    function _config(uint256 pid) private view returns (PoolConfig memory) {
        PoolConfig memory c = _configs[pid];
        if (c.token == address(0)) revert DMCMiningUnknownPool(pid);
        return c;
    }

    /// @dev Brings pool `pid` up to date, adds (`add`) or removes `delta` weight of `account`, keeps what the
    /// account is owed unchanged.
    function _changeStake(uint256 pid, address account, uint256 delta, bool add) private {
        PoolState memory p = _pools[pid];
        uint256 acc = _bringUpToDate(pid, p);
        uint256 pos = _positions[pid][account];
        uint256 amount = pos >> 160;
        uint160 owed;
        unchecked {
            owed = _accruedOf(amount, acc) - uint160(pos);
        }
        uint256 total = p.totalWeight;
        if (add) {
            amount += delta;
            total += delta;
            if (total > type(uint96).max) revert DMCMiningStakeTooLarge(pid);
        } else {
            if (delta > amount) revert DMCMiningInsufficientStake(pid, amount, delta);
            amount -= delta;
            total -= delta;
        }
        uint160 debt;
        unchecked {
            debt = _accruedOf(amount, acc) - owed;
        }
        _positions[pid][account] = (amount << 160) | debt;
        // forge-lint: disable-next-line(unsafe-typecast) -- checked against uint96 above / only decreased
        p.totalWeight = uint96(total);
        _pools[pid] = p;
        _acc[pid] = acc;
    }

    /// @dev `amount * acc / SCALE` modulo 2^160: a plain product when it cannot overflow (amount < 2^96 and
    /// acc < 2^160), a 512-bit mulDiv otherwise.
    function _accruedOf(uint256 amount, uint256 acc) private pure returns (uint160) {
        if (acc >> 160 == 0) {
            unchecked {
                // forge-lint: disable-next-line(unsafe-typecast) -- kept modulo 2^160 by design (see the contract)
                return uint160(amount * acc / SCALE);
            }
        }
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint160(Math.mulDiv(amount, acc, SCALE));
    }

    /// @dev Brings pool `pid` up to date and returns its accumulator. A pool exists iff its `lastUpdate` is set.
    function _updatePool(uint256 pid) private returns (uint256 acc) {
        PoolState memory p = _pools[pid];
        if (p.lastUpdate == block.timestamp) return _acc[pid];
        if (p.lastUpdate == 0) revert DMCMiningUnknownPool(pid);
        acc = _bringUpToDate(pid, p);
        _pools[pid] = p;
        _acc[pid] = acc;
    }

    /// @dev Brings `p`, pool `pid`'s state in memory, up to now: books what the pool earned with nobody staked as
    /// unallocated, sets its remainder and time, and returns its accumulator. The caller stores both.
    function _bringUpToDate(uint256 pid, PoolState memory p) private returns (uint256 acc) {
        uint256 remainder;
        uint256 lost;
        (acc, remainder, lost) = _accrued(pid, p);
        if (lost != 0) _unallocated += uint216(lost);
        // forge-lint: disable-next-line(unsafe-typecast) -- remainder < the weight it was divided by, a uint96
        p.remainder = uint96(remainder);
        // forge-lint: disable-next-line(unsafe-typecast) -- timestamps fit 40 bits for 34,000 years
        p.lastUpdate = uint40(block.timestamp);
    }

    /// @dev Pool `pid`'s accumulator and remainder as of now, and what it earned with nobody staked (undistributed).
    function _accrued(uint256 pid, PoolState memory p)
        private
        view
        returns (uint256 acc, uint256 remainder, uint256 lost)
    {
        acc = _acc[pid];
        remainder = p.remainder;
        uint256 last = p.lastUpdate;
        if (last == block.timestamp || p.share == 0) return (acc, remainder, 0);
        uint256 s = _start;
        uint256 reward = (_emitted(s, block.timestamp) - _emitted(s, last)) * p.share / SHARE_SCALE;
        if (reward == 0) return (acc, remainder, 0);
        uint256 total = p.totalWeight;
        if (total == 0) return (acc, remainder, reward);
        uint256 num = reward * SCALE + remainder;
        acc += num / total;
        remainder = num % total;
    }

    /// @dev The emission from `s` to `time`: whole half-years of FIRST_ERA_EMISSION >> k, then the running one at
    /// RATE_NUMERATOR / (RATE_DENOMINATOR << k) per second; capped at CAP.
    function _emitted(uint256 s, uint256 time) private pure returns (uint256 total) {
        if (s == 0 || time <= s) return 0;
        uint256 dt = time - s;
        uint256 eras = dt / HALVING_PERIOD;
        if (eras >= MAX_ERAS) return CAP;
        for (uint256 k; k < eras; ++k) {
            total += FIRST_ERA_EMISSION >> k;
        }
        total += RATE_NUMERATOR * (dt - eras * HALVING_PERIOD) / (RATE_DENOMINATOR << eras);
        if (total > CAP) total = CAP;
    }

    function _updateAll() private {
        uint256 n = _poolCount;
        for (uint256 pid; pid < n; ++pid) {
            _updatePool(pid);
        }
    }

    /// @dev Recomputes every pool's share from the split and the allocation points (called after _updateAll).
    function _reshare() private {
        uint256 n = _poolCount;
        for (uint256 pid; pid < n; ++pid) {
            PoolConfig memory c = _configs[pid];
            uint256 programAlloc = _programAlloc[uint256(c.program)];
            uint256 share =
                programAlloc == 0 ? 0 : uint256(_splitBps[uint256(c.program)]) * 100 * c.alloc / programAlloc;
            // forge-lint: disable-next-line(unsafe-typecast) -- share <= 10,000 * 100 = SHARE_SCALE
            _pools[pid].share = uint24(share);
        }
    }

    function _addPool(address token, Program program, bool isNft, uint32 alloc) private returns (uint256 pid) {
        pid = _poolCount;
        if (pid >= MAX_POOLS) revert DMCMiningTooManyPools(MAX_POOLS);
        _configs[pid] = PoolConfig({token: token, program: program, isNft: isNft, alloc: alloc, locks: false});
        _poolCount = pid + 1;
        _programAlloc[uint256(program)] += alloc;
        // forge-lint: disable-next-line(unsafe-typecast)
        _pools[pid].lastUpdate = uint40(block.timestamp);
        _reshare();
        emit PoolAdded(pid, token, program, isNft, alloc);
    }

    function _setStart(uint256 start_) private {
        if (start_ < block.timestamp || start_ > type(uint40).max) revert DMCMiningInvalidStart(start_, block.timestamp);
        // forge-lint: disable-next-line(unsafe-typecast) -- checked above
        _start = uint40(start_);
        emit StartSet(start_);
    }

    function _checkSplit(uint16[3] memory splitBps) private pure {
        uint256 sum = uint256(splitBps[0]) + splitBps[1] + splitBps[2];
        if (sum != BPS) revert DMCMiningInvalidSplit(sum);
    }
}
