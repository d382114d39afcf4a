// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {HashrateNFT} from "./HashrateNFT.sol";
import {IStakeGate} from "./interfaces/IStakeGate.sol";
import {ISlashVotes} from "./interfaces/ISlashVotes.sol";

/// @title MinerRegistry
/// @notice Miners apply here to list real hashrate. The DAO (its timelock, `governance`) approves or rejects each
/// application by vote; an approved miner stakes DMC, which governance (or the slasher) can slash to the insurance
/// fund, and the registry, holding HashrateNFT's ISSUER_ROLE, creates the product and mints its NFTs to the miner.
/// Listing the NFTs on the Marketplace is the miner's own business.
/// Lifecycle: Pending -> Approved | Rejected; Approved -> Active; Active -> Slashed (governance) | Flagged (the
/// slasher, i.e. the DefaultGuard, flagged a default: the stake is frozen) | Completed (the term ran, its last window
/// was checked, and the miner took the stake back); Flagged -> Defaulted (the challenge period passed: stake
/// slashed) | Active (the DAO overturned the flag).
/// Node uniqueness: the hashrate sold on one node (coin + node id) across the applications activated on it and not
/// yet released never exceeds the effective hashrate the activating application declares ({nodeSold}); it is
/// checked at submission and again at activation, and released when the stake is withdrawn or, for a slashed or
/// defaulted application, by {releaseNode} once its term ended.
/// @dev Not upgradeable. `Status` and `Application` are append-only (see each): the app and the index decode stored
/// and emitted statuses by position. `Withdrawn` is kept for its position only: no application reaches it any more
/// ({withdrawStake} now ends in `Completed`); readers should treat a stored `Withdrawn` as `Completed`.
contract MinerRegistry is ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Where an application is in its lifecycle.
    /// @dev APPEND-ONLY: never reorder, rename the meaning of, or insert before an existing member; new statuses
    /// (`Completed`, `Defaulted`) go after `Withdrawn`. Stored values and the index rely on the positions.
    enum Status {
        Pending,
        Approved,
        Rejected,
        Active,
        Slashed,
        Withdrawn,
        Completed,
        Defaulted,
        Flagged
    }

    /// @notice What a miner submits (and the DAO votes on).
    /// @param name display name of the offer, 1..100 bytes.
    /// @param documentsURI where the due-diligence documents are (e.g. `ipfs://...`), 1..200 bytes.
    /// @param documentsHash hash of those documents, so voters can check what they read; non-zero.
    /// @param coin the mined coin; it fixes the hashrate unit (FIL: TiB of effective power, BTC: TH/s).
    /// @param nodeId the miner's node: for FIL its miner actor id `f0` + 1..20 digits, for BTC 1..64 bytes.
    /// @param totalHashrate the node's raw power, in thousandths of the unit (1000 = 1 TiB or 1 TH/s).
    /// @param effectiveHashrate the node's effective power, same unit; 0 < effective <= total.
    /// @param hashratePerNFT hashrate of one NFT, same unit; nftCount * hashratePerNFT <= effectiveHashrate.
    /// @param nftCount how many NFTs the product will have, 1..999,999.
    /// @param termStart unix time the hashrate starts producing for holders; at most 1 day in the past and less
    /// than 365 days ahead when submitted. Kept as submitted even if it has passed by activation.
    /// @param termDays length of the term in days, 1..1825.
    /// @param pricePerNFT the intended sale price of one NFT in the stablecoin's 6-decimal base units; informational
    /// (shown to voters; the miner sets the actual price on the Marketplace); non-zero.
    /// @param expectedDailyYieldPerUnit expected yield per whole unit per day, in the yield token's base units.
    struct ApplicationParams {
        string name;
        string documentsURI;
        bytes32 documentsHash;
        HashrateNFT.Coin coin;
        string nodeId;
        uint128 totalHashrate;
        uint128 effectiveHashrate;
        uint128 hashratePerNFT;
        uint32 nftCount;
        uint64 termStart;
        uint32 termDays;
        uint96 pricePerNFT;
        uint128 expectedDailyYieldPerUnit;
    }

    /// @notice A stored application: the submitted {ApplicationParams} plus the registry's own fields.
    /// @param miner the account that submitted it; it stakes, mints and withdraws.
    /// @param status where it is in the lifecycle.
    /// @param requiredStake the DMC stake snapshotted at approval (0 before); what is pulled, slashed or returned.
    /// @param productId the HashrateNFT product created at activation (0 before).
    /// @dev Field order packs the fixed-size fields into five slots. APPEND-ONLY: new fields go at the end.
    struct Application {
        address miner;
        Status status;
        HashrateNFT.Coin coin;
        uint32 nftCount;
        uint32 termDays;
        uint64 termStart;
        uint96 pricePerNFT;
        uint96 requiredStake;
        uint128 totalHashrate;
        uint128 effectiveHashrate;
        uint128 hashratePerNFT;
        uint128 expectedDailyYieldPerUnit;
        bytes32 documentsHash;
        uint256 productId;
        string name;
        string documentsURI;
        string nodeId;
    }

    uint256 public constant MAX_NAME_LENGTH = 100;
    uint256 public constant MAX_DOCUMENTS_URI_LENGTH = 200;
    /// @notice Most digits after `f0` in a Filecoin miner actor id (a uint64 has at most 20).
    uint256 public constant MAX_FIL_NODE_DIGITS = 20;
    /// @notice Longest BTC node id (and HashrateNFT's own limit).
    uint256 public constant MAX_NODE_ID_LENGTH = 64;
    /// @notice Most NFTs in one product (HashrateNFT allows ids below 1,000,000 per product).
    uint256 public constant MAX_NFT_COUNT = 999_999;
    /// @notice Longest term: 1825 days, HashrateNFT's MAX_TERM.
    uint256 public constant MAX_TERM_DAYS = 1825;
    /// @notice How far in the past `termStart` may be when submitted.
    uint256 public constant MAX_TERM_START_AGE = 1 days;
    /// @notice `termStart` must be less than this far in the future when submitted.
    uint256 public constant MAX_TERM_START_DELAY = 365 days;
    /// @notice Upper bound of {stakeAmount}: 10,000,000 DMC (18 decimals). Fits the stored uint96.
    uint256 public constant MAX_STAKE_AMOUNT = 10_000_000e18;

    /// @notice The DAO's timelock: the only caller of approve, reject and the setters; may also slash.
    address public immutable governance;
    /// @notice The NFT contract whose ISSUER_ROLE this registry holds.
    HashrateNFT public immutable nft;
    /// @notice The staking token (DMC, 18 decimals).
    IERC20 public immutable dmc;
    /// @notice The DAO's governor, asked by {withdrawStake} whether a vote to slash the application is under way
    /// (address(0): none asked).
    ISlashVotes public immutable slashVotes;

    uint256 private _stakeAmount;
    address private _insuranceFund;
    address private _slasher;
    uint256 private _applicationCount;
    mapping(uint256 id => Application) private _applications;
    mapping(address miner => uint256[] ids) private _applicationsOf;
    mapping(uint256 productId => uint256 id) private _productApplication;
    /// @dev Hashrate sold on a node by activated applications not yet released, in thousandths of the unit.
    mapping(bytes32 node => uint256) private _nodeSold;
    mapping(uint256 id => bool) private _nodeReleased;

    /// @notice A new application; `params` is exactly what the miner submitted (the index needs nothing else).
    event ApplicationSubmitted(
        uint256 indexed id, address indexed miner, HashrateNFT.Coin indexed coin, ApplicationParams params
    );
    event ApplicationApproved(uint256 indexed id, uint256 requiredStake);
    event ApplicationRejected(uint256 indexed id, string reason);
    event MinerStaked(uint256 indexed id, address indexed miner, uint256 amount);
    event ApplicationActivated(uint256 indexed id, uint256 indexed productId);
    event StakeSlashed(uint256 indexed id, uint256 amount, address indexed insuranceFund);
    /// @notice The slasher flagged the application's product as in default; its stake went to the insurance fund
    /// (see the {StakeSlashed} emitted with it).
    event ApplicationDefaulted(uint256 indexed id);
    /// @notice The slasher flagged the application's product: the stake is frozen until the flag is finalized
    /// (Defaulted) or overturned (Active again).
    event ApplicationFlagged(uint256 indexed id);
    event FlagCleared(uint256 indexed id);
    /// @notice The application's sold hashrate no longer counts against its node.
    event NodeReleased(uint256 indexed id, string nodeId, uint256 hashrate);
    event StakeWithdrawn(uint256 indexed id, address indexed miner, uint256 amount);
    event StakeAmountUpdated(uint256 oldAmount, uint256 newAmount);
    event InsuranceFundUpdated(address oldFund, address newFund);
    event SlasherUpdated(address oldSlasher, address newSlasher);

    // Constructor and setters.
    error MinerRegistryInvalidGovernance();
    error MinerRegistryInvalidNft();
    error MinerRegistryInvalidToken();
    error MinerRegistryInvalidInsuranceFund(address fund);
    error MinerRegistryStakeAmountTooHigh(uint256 amount, uint256 max);
    // Access and lifecycle.
    error MinerRegistryNotGovernance(address caller);
    error MinerRegistryNotSlasher(address caller);
    error MinerRegistryNotMiner(uint256 id, address caller, address miner);
    error MinerRegistryUnknownApplication(uint256 id);
    error MinerRegistryInvalidState(uint256 id, Status current, Status expected);
    error MinerRegistryTermNotEnded(uint256 id, uint256 termEnd, uint256 timestamp);
    // Application validation: one error per rule.
    error MinerRegistryInvalidName(uint256 length, uint256 maxLength);
    error MinerRegistryInvalidDocumentsURI(uint256 length, uint256 maxLength);
    error MinerRegistryInvalidDocumentsHash();
    error MinerRegistryInvalidNodeId(HashrateNFT.Coin coin, string nodeId);
    error MinerRegistryInvalidEffectiveHashrate(uint256 effectiveHashrate, uint256 totalHashrate);
    error MinerRegistryInvalidHashratePerNFT();
    error MinerRegistryInvalidNftCount(uint256 nftCount, uint256 max);
    error MinerRegistryHashrateOversold(uint256 soldHashrate, uint256 effectiveHashrate);
    /// @notice Other active products already sell `alreadySold` of this node: with this one it would exceed its
    /// effective hashrate.
    error MinerRegistryNodeOversold(string nodeId, uint256 alreadySold, uint256 soldHashrate, uint256 effectiveHashrate);
    error MinerRegistryNodeNotReleasable(uint256 id);
    /// @notice A DAO vote to slash the application is pending, active, passed or queued: its stake is frozen.
    error MinerRegistrySlashVotePending(uint256 id);
    error MinerRegistryInvalidTermDays(uint256 termDays, uint256 max);
    /// @dev Valid iff `earliest <= termStart <= latest` (both inclusive).
    error MinerRegistryInvalidTermStart(uint256 termStart, uint256 earliest, uint256 latest);
    error MinerRegistryInvalidPricePerNFT();

    modifier onlyGovernance() {
        if (msg.sender != governance) revert MinerRegistryNotGovernance(msg.sender);
        _;
    }

    /// @param governance_ the DAO's timelock.
    /// @param nft_ the HashrateNFT; governance must grant this registry its ISSUER_ROLE before anyone activates.
    /// @param dmc_ the staking token.
    /// @param insuranceFund_ receives slashed stakes.
    /// @param stakeAmount_ the DMC stake required of applications approved from now on, at most {MAX_STAKE_AMOUNT}.
    /// @param slasher_ the account that may slash and mark defaults besides governance (the DefaultGuard: pass its
    /// precomputed address, so the deployment needs no governance operation); `address(0)` for none yet.
    /// @param slashVotes_ the DAO's governor (ISlashVotes), so a stake cannot leave while a vote to slash it runs;
    /// address(0) for none.
    /// @dev Emits {StakeAmountUpdated}, {InsuranceFundUpdated} and {SlasherUpdated} from zero, so an index sees
    /// the initial values.
    constructor(
        address governance_,
        HashrateNFT nft_,
        IERC20 dmc_,
        address insuranceFund_,
        uint256 stakeAmount_,
        address slasher_,
        address slashVotes_
    ) {
        slashVotes = ISlashVotes(slashVotes_);
        if (governance_ == address(0)) revert MinerRegistryInvalidGovernance();
        if (address(nft_) == address(0)) revert MinerRegistryInvalidNft();
        if (address(dmc_) == address(0)) revert MinerRegistryInvalidToken();
        _checkInsuranceFund(insuranceFund_);
        _checkStakeAmount(stakeAmount_);
        governance = governance_;
        nft = nft_;
        dmc = dmc_;
        _insuranceFund = insuranceFund_;
        _stakeAmount = stakeAmount_;
        emit StakeAmountUpdated(0, stakeAmount_);
        emit InsuranceFundUpdated(address(0), insuranceFund_);
        _slasher = slasher_;
        emit SlasherUpdated(address(0), slasher_);
    }

    // ---------------------------------------------------------------- miners

    /// @notice Submits an application to list hashrate; the caller is the miner. Ids start at 1.
    /// @dev Anyone may call. Every rule of {ApplicationParams} is checked, each with its own error.
    /// Emits {ApplicationSubmitted}. The application is Pending until governance approves or rejects it.
    function submitApplication(ApplicationParams calldata p) external returns (uint256 id) {
        _validate(p);
        uint256 alreadySold = _nodeSold[_nodeKey(p.coin, p.nodeId)];
        uint256 sold = uint256(p.nftCount) * p.hashratePerNFT;
        if (alreadySold + sold > p.effectiveHashrate) {
            revert MinerRegistryNodeOversold(p.nodeId, alreadySold, sold, p.effectiveHashrate);
        }

        id = ++_applicationCount;
        Application storage a = _applications[id];
        a.miner = msg.sender;
        // a.status = Status.Pending (zero)
        a.coin = p.coin;
        a.nftCount = p.nftCount;
        a.termDays = p.termDays;
        a.termStart = p.termStart;
        a.pricePerNFT = p.pricePerNFT;
        a.totalHashrate = p.totalHashrate;
        a.effectiveHashrate = p.effectiveHashrate;
        a.hashratePerNFT = p.hashratePerNFT;
        a.expectedDailyYieldPerUnit = p.expectedDailyYieldPerUnit;
        a.documentsHash = p.documentsHash;
        a.name = p.name;
        a.documentsURI = p.documentsURI;
        a.nodeId = p.nodeId;
        _applicationsOf[msg.sender].push(id);
        emit ApplicationSubmitted(id, msg.sender, p.coin, p);
    }

    /// @notice Stakes the required DMC for an approved application and activates it: the registry creates the
    /// HashrateNFT product with the approved attributes (termEnd = termStart + termDays days; a termStart already
    /// in the past is kept as approved).
    /// @dev Only the application's miner, only when Approved. Pulls exactly `requiredStake` DMC from the caller,
    /// who must have approved it to this contract. Emits {MinerStaked}, HashrateNFT's {ProductCreated} and
    /// {ApplicationActivated}.
    function stakeAndActivate(uint256 id) external nonReentrant returns (uint256 productId) {
        Application storage a = _applications[id];
        _checkMiner(id, a.miner);
        _checkStatus(id, a.status, Status.Approved);

        a.status = Status.Active;
        bytes32 node = _nodeKey(a.coin, a.nodeId);
        uint256 alreadySold = _nodeSold[node];
        uint256 sold = uint256(a.nftCount) * a.hashratePerNFT;
        if (alreadySold + sold > a.effectiveHashrate) {
            revert MinerRegistryNodeOversold(a.nodeId, alreadySold, sold, a.effectiveHashrate);
        }
        _nodeSold[node] = alreadySold + sold;
        uint256 stake = a.requiredStake;
        emit MinerStaked(id, msg.sender, stake);
        dmc.safeTransferFrom(msg.sender, address(this), stake);

        uint64 termStart = a.termStart;
        productId = nft.createProduct(
            HashrateNFT.ProductParams({
                miner: msg.sender,
                coin: a.coin,
                nodeId: a.nodeId,
                hashratePerNFT: a.hashratePerNFT,
                nftCount: a.nftCount,
                termStart: termStart,
                termEnd: termStart + uint64(a.termDays) * 1 days,
                expectedDailyYieldPerUnit: a.expectedDailyYieldPerUnit
            })
        );
        a.productId = productId;
        _productApplication[productId] = id;
        emit ApplicationActivated(id, productId);
    }

    /// @notice Mints the next `quantity` NFTs of an active application's product to its miner. Call it in batches
    /// until the product's nftCount is reached; HashrateNFT rejects a quantity of 0 or above what remains.
    /// @dev Only the application's miner, only when Active. Emits HashrateNFT's {Transfer} per token and
    /// {ProductMinted}; the registry emits nothing of its own (its state does not change).
    /// @return firstTokenId the first token minted; the rest follow consecutively.
    function mint(uint256 id, uint256 quantity) external returns (uint256 firstTokenId) {
        Application storage a = _applications[id];
        _checkMiner(id, a.miner);
        _checkStatus(id, a.status, Status.Active);
        return nft.mint(a.productId, quantity);
    }

    /// @notice Puts every NFT of an active application's product not yet minted on sale on the Marketplace at `price`
    /// each (payment-token base units), minted on purchase: one transaction issues the whole product, whatever its
    /// size (mint + list of 100 NFTs would cost each NFT its own storage twice). The product counts as fully issued.
    /// @dev Only the application's miner, only when Active. HashrateNFT emits {ProductListedUnminted}, the
    /// Marketplace `ProductListed`.
    /// @return firstTokenId the first NFT put on sale; the rest follow consecutively.
    /// @return quantity how many were put on sale.
    function listForSale(uint256 id, uint256 price) external returns (uint256 firstTokenId, uint256 quantity) {
        Application storage a = _applications[id];
        _checkMiner(id, a.miner);
        _checkStatus(id, a.status, Status.Active);
        return nft.listUnminted(a.productId, price);
    }

    /// @notice Returns the stake to the miner once the term has ended and its last days were checked.
    /// @dev Only the application's miner, only when Active (a Flagged application's stake is frozen) and
    /// `block.timestamp >= termEnd`; the slasher (the DefaultGuard), when it is a contract, must let it go
    /// (IStakeGate: reverts while the escrow is halted or the last window is in default), and no DAO vote to slash
    /// it may be under way ({MinerRegistrySlashVotePending}). Active -> Completed;
    /// releases the node's hashrate. Emits {StakeWithdrawn} and {NodeReleased}.
    function withdrawStake(uint256 id) external nonReentrant {
        Application storage a = _applications[id];
        _checkMiner(id, a.miner);
        _checkStatus(id, a.status, Status.Active);
        uint256 end = _termEnd(a);
        // forge-lint: disable-next-line(block-timestamp) -- day-granular terms; seconds of drift do not matter
        if (block.timestamp < end) revert MinerRegistryTermNotEnded(id, end, block.timestamp);
        address gate = _slasher;
        if (gate.code.length != 0) IStakeGate(gate).checkStakeRelease(a.productId);
        if (address(slashVotes) != address(0) && slashVotes.slashVotePending(address(this), id)) {
            revert MinerRegistrySlashVotePending(id);
        }

        a.status = Status.Completed;
        _releaseNode(id, a);
        uint256 stake = a.requiredStake;
        emit StakeWithdrawn(id, msg.sender, stake);
        dmc.safeTransfer(msg.sender, stake);
    }

    // ---------------------------------------------------------------- governance

    /// @notice Approves a pending application and snapshots the current {stakeAmount} as its required stake.
    /// @dev Only governance. Pending -> Approved. Emits {ApplicationApproved}.
    function approve(uint256 id) external onlyGovernance {
        Application storage a = _applications[id];
        _checkExists(id, a.miner);
        _checkStatus(id, a.status, Status.Pending);
        uint256 stake = _stakeAmount;
        a.status = Status.Approved;
        // forge-lint: disable-next-line(unsafe-typecast) -- at most MAX_STAKE_AMOUNT, below 2^96
        a.requiredStake = uint96(stake);
        emit ApplicationApproved(id, stake);
    }

    /// @notice Rejects a pending application, with the reason shown to the miner.
    /// @dev Only governance. Pending -> Rejected (final). Emits {ApplicationRejected}.
    function reject(uint256 id, string calldata reason) external onlyGovernance {
        Application storage a = _applications[id];
        _checkExists(id, a.miner);
        _checkStatus(id, a.status, Status.Pending);
        a.status = Status.Rejected;
        emit ApplicationRejected(id, reason);
    }

    /// @notice Slashes an active (or flagged) application: its whole stake goes to the insurance fund.
    /// @dev Only governance or the slasher. Active | Flagged -> Slashed (final: the stake can never be withdrawn, no
    /// more NFTs can be minted). Emits {StakeSlashed}.
    function slash(uint256 id) external nonReentrant {
        if (msg.sender != governance && msg.sender != _slasher) revert MinerRegistryNotSlasher(msg.sender);
        Application storage a = _applications[id];
        _checkExists(id, a.miner);
        if (a.status != Status.Flagged) _checkStatus(id, a.status, Status.Active);

        a.status = Status.Slashed;
        uint256 stake = a.requiredStake;
        address fund = _insuranceFund;
        emit StakeSlashed(id, stake, fund);
        dmc.safeTransfer(fund, stake);
    }

    /// @notice Marks an active application's product as flagged in default: its stake is frozen (no withdrawal,
    /// no minting) until the flag is finalized ({markDefaulted}) or overturned ({clearFlag}).
    /// @dev Only the slasher (the DefaultGuard, after it halted the product's escrow). Active -> Flagged.
    /// Emits {ApplicationFlagged}.
    function markFlagged(uint256 id) external {
        if (msg.sender != _slasher) revert MinerRegistryNotSlasher(msg.sender);
        Application storage a = _applications[id];
        _checkExists(id, a.miner);
        _checkStatus(id, a.status, Status.Active);
        a.status = Status.Flagged;
        emit ApplicationFlagged(id);
    }

    /// @notice Clears a flag the DAO overturned: the application is Active again.
    /// @dev Only the slasher (the DefaultGuard's timelock-only `overturn`). Flagged -> Active. Emits {FlagCleared}.
    function clearFlag(uint256 id) external {
        if (msg.sender != _slasher) revert MinerRegistryNotSlasher(msg.sender);
        Application storage a = _applications[id];
        _checkExists(id, a.miner);
        _checkStatus(id, a.status, Status.Flagged);
        a.status = Status.Active;
        emit FlagCleared(id);
    }

    /// @notice Finalizes a flag: the product is in default and its whole stake goes to the insurance fund.
    /// @dev Only the slasher (the DefaultGuard, once the challenge period passed). Flagged -> Defaulted (final,
    /// like Slashed: no withdrawal, no more minting). Emits {StakeSlashed} and {ApplicationDefaulted}.
    function markDefaulted(uint256 id) external nonReentrant {
        if (msg.sender != _slasher) revert MinerRegistryNotSlasher(msg.sender);
        Application storage a = _applications[id];
        _checkExists(id, a.miner);
        _checkStatus(id, a.status, Status.Flagged);

        a.status = Status.Defaulted;
        uint256 stake = a.requiredStake;
        address fund = _insuranceFund;
        emit StakeSlashed(id, stake, fund);
        emit ApplicationDefaulted(id);
        dmc.safeTransfer(fund, stake);
    }

    /// @notice Sets the DMC stake required of applications approved from now on (already approved ones keep
    /// theirs), at most {MAX_STAKE_AMOUNT}; 0 requires no stake.
    /// @dev Only governance. Emits {StakeAmountUpdated}.
    function setStakeAmount(uint256 newAmount) external onlyGovernance {
        _checkStakeAmount(newAmount);
        emit StakeAmountUpdated(_stakeAmount, newAmount);
        _stakeAmount = newAmount;
    }

    /// @notice Sets where slashed stakes go; neither zero nor this registry.
    /// @dev Only governance. Emits {InsuranceFundUpdated}.
    function setInsuranceFund(address newFund) external onlyGovernance {
        _checkInsuranceFund(newFund);
        emit InsuranceFundUpdated(_insuranceFund, newFund);
        _insuranceFund = newFund;
    }

    /// @notice Sets the slasher, the account that may slash besides governance (the automatic default path);
    /// `address(0)` leaves governance as the only one.
    /// @dev Only governance. Emits {SlasherUpdated}.
    function setSlasher(address newSlasher) external onlyGovernance {
        emit SlasherUpdated(_slasher, newSlasher);
        _slasher = newSlasher;
    }

    /// @notice Releases the node hashrate of a slashed or defaulted application once its term ended, so the node can
    /// be sold again. Anyone may call. Emits {NodeReleased}.
    function releaseNode(uint256 id) external {
        Application storage a = _applications[id];
        _checkExists(id, a.miner);
        if (
            (a.status != Status.Slashed && a.status != Status.Defaulted) || block.timestamp < _termEnd(a)
                || _nodeReleased[id]
        ) revert MinerRegistryNodeNotReleasable(id);
        _releaseNode(id, a);
    }

    // ---------------------------------------------------------------- views

    /// @notice The hashrate (thousandths of the unit) sold on a node by activated applications not yet released.
    function nodeSold(HashrateNFT.Coin coin, string calldata nodeId) external view returns (uint256) {
        return _nodeSold[_nodeKey(coin, nodeId)];
    }

    /// @notice An application with all its fields. Reverts for an unknown id.
    function application(uint256 id) external view returns (Application memory) {
        Application memory a = _applications[id];
        _checkExists(id, a.miner);
        return a;
    }

    /// @notice An application's status (one storage read: for contracts such as the DefaultGuard and the
    /// InsuranceFund). Reverts for an unknown id.
    function statusOf(uint256 id) external view returns (Status) {
        Application storage a = _applications[id];
        _checkExists(id, a.miner);
        return a.status;
    }

    /// @notice Number of applications; ids run from 1 to this number.
    function applicationCount() external view returns (uint256) {
        return _applicationCount;
    }

    /// @notice Every application id a miner submitted, oldest first.
    function applicationsOf(address miner) external view returns (uint256[] memory) {
        return _applicationsOf[miner];
    }

    /// @notice The application a HashrateNFT product was created for; 0 if none (not created by this registry).
    function productApplication(uint256 productId) external view returns (uint256) {
        return _productApplication[productId];
    }

    /// @notice The end of an application's term: termStart + termDays days. Reverts for an unknown id.
    function termEnd(uint256 id) external view returns (uint256) {
        Application storage a = _applications[id];
        _checkExists(id, a.miner);
        return _termEnd(a);
    }

    /// @notice The DMC stake the next approval will require.
    function stakeAmount() external view returns (uint256) {
        return _stakeAmount;
    }

    /// @notice Where slashed stakes go.
    function insuranceFund() external view returns (address) {
        return _insuranceFund;
    }

    /// @notice The account that may slash besides governance; `address(0)` when none.
    function slasher() external view returns (address) {
        return _slasher;
    }

    // ---------------------------------------------------------------- internal

    function _nodeKey(HashrateNFT.Coin coin, string memory nodeId) private pure returns (bytes32) {
        return keccak256(abi.encode(coin, nodeId));
    }

    function _releaseNode(uint256 id, Application storage a) private {
        _nodeReleased[id] = true;
        uint256 sold = uint256(a.nftCount) * a.hashratePerNFT;
        _nodeSold[_nodeKey(a.coin, a.nodeId)] -= sold;
        emit NodeReleased(id, a.nodeId, sold);
    }

    function _validate(ApplicationParams calldata p) private view {
        uint256 length = bytes(p.name).length;
        if (length == 0 || length > MAX_NAME_LENGTH) revert MinerRegistryInvalidName(length, MAX_NAME_LENGTH);
        length = bytes(p.documentsURI).length;
        if (length == 0 || length > MAX_DOCUMENTS_URI_LENGTH) {
            revert MinerRegistryInvalidDocumentsURI(length, MAX_DOCUMENTS_URI_LENGTH);
        }
        if (p.documentsHash == bytes32(0)) revert MinerRegistryInvalidDocumentsHash();
        if (!_isValidNodeId(p.coin, p.nodeId)) revert MinerRegistryInvalidNodeId(p.coin, p.nodeId);
        if (p.effectiveHashrate == 0 || p.effectiveHashrate > p.totalHashrate) {
            revert MinerRegistryInvalidEffectiveHashrate(p.effectiveHashrate, p.totalHashrate);
        }
        if (p.hashratePerNFT == 0) revert MinerRegistryInvalidHashratePerNFT();
        if (p.nftCount == 0 || p.nftCount > MAX_NFT_COUNT) {
            revert MinerRegistryInvalidNftCount(p.nftCount, MAX_NFT_COUNT);
        }
        uint256 sold = uint256(p.nftCount) * p.hashratePerNFT; // < 2^160: cannot overflow
        if (sold > p.effectiveHashrate) revert MinerRegistryHashrateOversold(sold, p.effectiveHashrate);
        if (p.termDays == 0 || p.termDays > MAX_TERM_DAYS) {
            revert MinerRegistryInvalidTermDays(p.termDays, MAX_TERM_DAYS);
        }
        // forge-lint: disable-next-line(block-timestamp) -- day-granular window; seconds of drift do not matter
        uint256 earliest = block.timestamp > MAX_TERM_START_AGE ? block.timestamp - MAX_TERM_START_AGE : 0;
        uint256 latest = block.timestamp + MAX_TERM_START_DELAY - 1;
        if (p.termStart < earliest || p.termStart > latest) {
            revert MinerRegistryInvalidTermStart(p.termStart, earliest, latest);
        }
        if (p.pricePerNFT == 0) revert MinerRegistryInvalidPricePerNFT();
    }

    /// @dev FIL: `f0` followed by 1..20 ASCII digits (a Filecoin miner actor id, e.g. `f01234`). BTC: 1..64 bytes.
    function _isValidNodeId(HashrateNFT.Coin coin, string calldata nodeId) private pure returns (bool) {
        bytes calldata b = bytes(nodeId);
        uint256 length = b.length;
        if (coin == HashrateNFT.Coin.BTC) return length != 0 && length <= MAX_NODE_ID_LENGTH;
        if (length < 3 || length > 2 + MAX_FIL_NODE_DIGITS || b[0] != "f" || b[1] != "0") return false;
        for (uint256 i = 2; i < length; ++i) {
            if (b[i] < "0" || b[i] > "9") return false;
        }
        return true;
    }

    function _termEnd(Application storage a) private view returns (uint256) {
        return uint256(a.termStart) + uint256(a.termDays) * 1 days;
    }

    function _checkExists(uint256 id, address miner) private pure {
        if (miner == address(0)) revert MinerRegistryUnknownApplication(id);
    }

    function _checkMiner(uint256 id, address miner) private view {
        _checkExists(id, miner);
        if (msg.sender != miner) revert MinerRegistryNotMiner(id, msg.sender, miner);
    }

    function _checkStatus(uint256 id, Status current, Status expected) private pure {
        if (current != expected) revert MinerRegistryInvalidState(id, current, expected);
    }

    function _checkInsuranceFund(address fund) private view {
        if (fund == address(0) || fund == address(this)) revert MinerRegistryInvalidInsuranceFund(fund);
    }

    function _checkStakeAmount(uint256 amount) private pure {
        if (amount > MAX_STAKE_AMOUNT) revert MinerRegistryStakeAmountTooHigh(amount, MAX_STAKE_AMOUNT);
    }
}
