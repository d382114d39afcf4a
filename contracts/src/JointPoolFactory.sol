// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {JointPool} from "./JointPool.sol";

/// @title JointPoolFactory
/// @notice Opens one joint mining pool per miner, by a DAO vote (the whitepaper's vote item 7, joint-mining
/// qualification), and keeps each pool's cap at the miner's total power × the pledge per TiB while its genesis
/// lasts: the same miner's later projects join its pool ({addPower}).
/// @dev DEFAULT_ADMIN_ROLE (the timelock) opens pools, adds power and sets the pledge per TiB (25 FIL by default,
/// at most {MAX_PLEDGE_PER_TIB}). Power is in thousandths of a TiB, as the hashrate NFTs count it.
/// Each miner's power is also kept day by day ({powerOn}): the pool's default rules judge each day with the power
/// the pool had that day, so a later project never raises what an earlier window owed.
contract JointPoolFactory is AccessControl {
    using Checkpoints for Checkpoints.Trace208;

    /// @notice The largest pledge per TiB the DAO may set: 1,000 FIL.
    uint256 public constant MAX_PLEDGE_PER_TIB = 1_000e18;

    IERC20 public immutable ifil;
    /// @notice Receives every pool's platform fees.
    address public immutable platform;
    /// @notice The PoolGuard every pool obeys (it flags, resumes and defaults pools on the default rules).
    address public immutable guard;
    /// @notice The one contract that may lock a holder's dToken in place (DMC mining: staking it in behaviour mining
    /// without moving it); zero: none.
    address public immutable locker;

    uint256 public pledgePerTiB;
    mapping(address miner => JointPool) public poolOf;
    address[] private _miners;
    /// @dev Keyed by the first UTC day a power is owed on (the day after it was set).
    mapping(address miner => Checkpoints.Trace208) private _powerFrom;

    event PoolOpened(address indexed miner, address pool, uint256 powerMilliTiB, uint256 cap);
    event PowerAdded(address indexed miner, uint256 addedMilliTiB, uint256 powerMilliTiB, uint256 cap);
    event PledgePerTiBUpdated(uint256 oldAmount, uint256 newAmount);

    error JointPoolFactoryInvalidAddress();
    error JointPoolFactoryPoolExists(address miner, address pool);
    error JointPoolFactoryNoPool(address miner);
    error JointPoolFactoryInvalidPower();
    error JointPoolFactoryInvalidPledge(uint256 amount, uint256 max);

    constructor(address admin, IERC20 ifil_, address platform_, address guard_, address locker_, uint256 pledgePerTiB_) {
        if (admin == address(0) || address(ifil_) == address(0) || platform_ == address(0) || guard_ == address(0)) {
            revert JointPoolFactoryInvalidAddress();
        }
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        ifil = ifil_;
        platform = platform_;
        guard = guard_;
        locker = locker_;
        _setPledge(pledgePerTiB_);
    }

    /// @notice Opens `miner`'s pool for `powerMilliTiB` of hashrate (cap = power × pledge per TiB).
    function open(address miner, uint256 powerMilliTiB) external onlyRole(DEFAULT_ADMIN_ROLE) returns (JointPool pool) {
        if (miner == address(0)) revert JointPoolFactoryInvalidAddress();
        if (address(poolOf[miner]) != address(0)) revert JointPoolFactoryPoolExists(miner, address(poolOf[miner]));
        if (powerMilliTiB == 0) revert JointPoolFactoryInvalidPower();
        uint256 cap = capFor(powerMilliTiB);
        uint256 n = _miners.length + 1;
        pool = new JointPool(ifil, miner, platform, guard, cap, string.concat("DMEX joint mining pool #", Strings.toString(n)), string.concat("dFIL-", Strings.toString(n)));
        poolOf[miner] = pool;
        _recordPower(miner, powerMilliTiB);
        _miners.push(miner);
        emit PoolOpened(miner, address(pool), powerMilliTiB, cap);
    }

    /// @notice A later project of `miner` joins its pool: its power (and so its cap) grows. Genesis only.
    function addPower(address miner, uint256 addedMilliTiB) external onlyRole(DEFAULT_ADMIN_ROLE) {
        JointPool pool = poolOf[miner];
        if (address(pool) == address(0)) revert JointPoolFactoryNoPool(miner);
        if (addedMilliTiB == 0) revert JointPoolFactoryInvalidPower();
        uint256 power = powerOf(miner) + addedMilliTiB;
        _recordPower(miner, power);
        uint256 cap = capFor(power);
        pool.setCap(cap);
        emit PowerAdded(miner, addedMilliTiB, power, cap);
    }

    /// @notice Sets the pledge per TiB for pools opened or grown from now on.
    function setPledgePerTiB(uint256 amount) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setPledge(amount);
    }

    /// @notice The cap of a pool of `powerMilliTiB`: power × pledge per TiB.
    function capFor(uint256 powerMilliTiB) public view returns (uint256) {
        return powerMilliTiB * pledgePerTiB / 1000;
    }

    /// @notice `miner`'s pool's power now (thousandths of a TiB; what its cap is computed from), including power
    /// added today, which owes yield only from tomorrow ({powerOn}).
    function powerOf(address miner) public view returns (uint256) {
        return _powerFrom[miner].latest();
    }

    /// @notice The power (thousandths of a TiB) `miner`'s pool owes yield on for UTC day `day` (unix time / 1 day):
    /// the power set before that day began. Power opened or added on a day counts from the next day on; 0 before the
    /// pool was opened.
    function powerOn(address miner, uint256 day) external view returns (uint256) {
        return _powerFrom[miner].upperLookupRecent(SafeCast.toUint48(day));
    }

    /// @notice Every miner with a pool, in opening order.
    function miners() external view returns (address[] memory) {
        return _miners;
    }

    function _recordPower(address miner, uint256 power) private {
        _powerFrom[miner].push(SafeCast.toUint48(block.timestamp / 1 days + 1), SafeCast.toUint208(power));
    }

    function _setPledge(uint256 amount) private {
        if (amount == 0 || amount > MAX_PLEDGE_PER_TIB) revert JointPoolFactoryInvalidPledge(amount, MAX_PLEDGE_PER_TIB);
        emit PledgePerTiBUpdated(pledgePerTiB, amount);
        pledgePerTiB = amount;
    }
}
