// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @notice What PromotionNodes reads of DMC mining: an account's stake in the DMC staking pool.
interface INodeStake {
    function positionOf(uint256 pid, address account) external view returns (uint256 staked, uint256 pending);
}

/// @notice The marketplace's fee withdrawal (it sends the nodes' commissions here).
interface INodeFeeSource {
    function withdrawFees() external;
}

/// @title PromotionNodes
/// @notice The promotion node programme (推广节点). A **main node** keeps 20,000 DMC staked in DMC mining's DMC pool,
/// a **light node** 2,000 DMC and joins under a main node that recruited it. The stake stays in DMC mining, so a
/// node earns staking-mining DMC on it; a node whose stake falls below its level earns no commission until it is
/// back (checked at each sale).
/// A primary sale bought through a node's link (`Marketplace.buyReferred`) pays the node {commissionBps} of the
/// issuance channel fee, and the main node of a light node {overrideBps} of it; the rest of the fee is the
/// platform's. The marketplace credits commissions here at the sale and sends the money with its fee withdrawal;
/// nodes {claim} what they are owed (a claim first withdraws the marketplace's fees when this contract holds too
/// little).
/// @dev DEFAULT_ADMIN_ROLE (the timelock) sets both shares (together at most {MAX_TOTAL_BPS} of the fee). The
/// marketplace is set once by the admin. USDT must be a plain ERC-20.
contract PromotionNodes is AccessControl, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    enum Level {
        None,
        Main,
        Light
    }

    struct Node {
        Level level;
        address recruiter;
        uint32 recruits;
    }

    uint256 public constant MAIN_STAKE = 20_000e18;
    uint256 public constant LIGHT_STAKE = 2_000e18;
    uint256 public constant BPS = 10_000;
    /// @notice The two shares together take at most half of the issuance fee.
    uint256 public constant MAX_TOTAL_BPS = 5_000;

    IERC20 public immutable usdt;
    INodeStake public immutable mining;
    /// @notice DMC mining's DMC staking pool id.
    uint256 public immutable dmcPool;

    address public marketplace;
    uint256 public commissionBps;
    uint256 public overrideBps;

    mapping(address => Node) private _nodes;
    mapping(address => uint256) public owed;
    mapping(address => uint256) public earned;
    uint256 public totalOwed;

    event NodeJoined(address indexed node, Level level, address indexed recruiter);
    /// @notice A sale of `tokenId` through `node`'s link: `nodeCut` to it and `overrideCut` to `mainNode`.
    event CommissionCredited(
        uint256 indexed tokenId, address indexed node, uint256 fee, uint256 nodeCut, address indexed mainNode, uint256 overrideCut
    );
    event CommissionClaimed(address indexed node, uint256 amount);
    event SharesUpdated(uint256 commissionBps, uint256 overrideBps);
    event MarketplaceSet(address marketplace);

    error PromotionNodesInvalidAddress();
    error PromotionNodesAlreadyNode(address account);
    /// @notice `account` has `staked` DMC in DMC mining's DMC pool; this level needs `required`.
    error PromotionNodesStakeTooLow(address account, uint256 staked, uint256 required);
    /// @notice A light node joins under an active main node; `recruiter` is not one.
    error PromotionNodesNotMainNode(address recruiter);
    error PromotionNodesNotMarketplace(address caller);
    error PromotionNodesMarketplaceSet();
    error PromotionNodesSharesTooHigh(uint256 totalBps, uint256 max);
    error PromotionNodesNothingToClaim();

    constructor(address admin, IERC20 usdt_, INodeStake mining_, uint256 dmcPool_, uint256 commissionBps_, uint256 overrideBps_) {
        if (admin == address(0) || address(usdt_) == address(0) || address(mining_) == address(0)) {
            revert PromotionNodesInvalidAddress();
        }
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        usdt = usdt_;
        mining = mining_;
        dmcPool = dmcPool_;
        _setShares(commissionBps_, overrideBps_);
    }

    /// @notice Becomes a main node (`recruiter` zero) or a light node under the main node `recruiter`. The caller
    /// must already have the level's DMC staked in DMC mining's DMC pool. Once per account.
    function join(address recruiter) external {
        if (_nodes[msg.sender].level != Level.None) revert PromotionNodesAlreadyNode(msg.sender);
        Level level = recruiter == address(0) ? Level.Main : Level.Light;
        if (level == Level.Light) {
            if (recruiter == msg.sender || !_isActive(recruiter, _nodes[recruiter]) || _nodes[recruiter].level != Level.Main) {
                revert PromotionNodesNotMainNode(recruiter);
            }
            ++_nodes[recruiter].recruits;
        }
        uint256 required = level == Level.Main ? MAIN_STAKE : LIGHT_STAKE;
        uint256 staked = stakeOf(msg.sender);
        if (staked < required) revert PromotionNodesStakeTooLow(msg.sender, staked, required);
        _nodes[msg.sender] = Node({level: level, recruiter: recruiter, recruits: 0});
        emit NodeJoined(msg.sender, level, recruiter);
    }

    /// @notice Credits the commission of a primary sale of `tokenId` bought through `referrer`'s link, out of its
    /// issuance `fee`. Only the marketplace; returns what it owes this contract (0 when `referrer` is not an active
    /// node).
    function credit(address referrer, uint256 fee, uint256 tokenId) external returns (uint256 total) {
        if (msg.sender != marketplace) revert PromotionNodesNotMarketplace(msg.sender);
        Node memory n = _nodes[referrer];
        if (!_isActive(referrer, n)) return 0;
        uint256 nodeCut = fee * commissionBps / BPS;
        address main;
        uint256 overrideCut;
        if (n.level == Level.Light && _isActive(n.recruiter, _nodes[n.recruiter])) {
            main = n.recruiter;
            overrideCut = fee * overrideBps / BPS;
            owed[main] += overrideCut;
            earned[main] += overrideCut;
        }
        owed[referrer] += nodeCut;
        earned[referrer] += nodeCut;
        total = nodeCut + overrideCut;
        totalOwed += total;
        emit CommissionCredited(tokenId, referrer, fee, nodeCut, main, overrideCut);
    }

    /// @notice Pays the caller the commissions it is owed, in USDT.
    function claim() external nonReentrant returns (uint256 amount) {
        amount = owed[msg.sender];
        if (amount == 0) revert PromotionNodesNothingToClaim();
        owed[msg.sender] = 0;
        totalOwed -= amount;
        if (usdt.balanceOf(address(this)) < amount) INodeFeeSource(marketplace).withdrawFees();
        emit CommissionClaimed(msg.sender, amount);
        usdt.safeTransfer(msg.sender, amount);
    }

    // ---------------------------------------------------------------- views

    /// @notice `account`'s DMC staked in DMC mining's DMC pool.
    function stakeOf(address account) public view returns (uint256 staked) {
        (staked,) = mining.positionOf(dmcPool, account);
    }

    /// @notice A node's level, recruiter, number of light nodes it recruited, and whether its stake holds its
    /// level now (only an active node earns commissions).
    function nodeOf(address account) external view returns (Level level, address recruiter, uint256 recruits, bool active) {
        Node memory n = _nodes[account];
        return (n.level, n.recruiter, n.recruits, _isActive(account, n));
    }

    // ---------------------------------------------------------------- admin

    function setShares(uint256 commissionBps_, uint256 overrideBps_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setShares(commissionBps_, overrideBps_);
    }

    /// @notice Sets the marketplace that credits commissions, once.
    function setMarketplace(address marketplace_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (marketplace != address(0)) revert PromotionNodesMarketplaceSet();
        if (marketplace_ == address(0)) revert PromotionNodesInvalidAddress();
        marketplace = marketplace_;
        emit MarketplaceSet(marketplace_);
    }

    function _isActive(address account, Node memory n) private view returns (bool) {
        if (n.level == Level.None) return false;
        return stakeOf(account) >= (n.level == Level.Main ? MAIN_STAKE : LIGHT_STAKE);
    }

    function _setShares(uint256 c, uint256 o) private {
        if (c + o > MAX_TOTAL_BPS) revert PromotionNodesSharesTooHigh(c + o, MAX_TOTAL_BPS);
        commissionBps = c;
        overrideBps = o;
        emit SharesUpdated(c, o);
    }
}
