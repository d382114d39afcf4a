// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

/// @title CouncilGate
/// @notice The council's only door to the timelock, and the bounds of its powers. The timelock gives its
/// PROPOSER_ROLE and CANCELLER_ROLE to this contract, not to the council; only the {council} calls it, and it
/// forwards what the council may do and refuses the rest:
/// - **Phase 1 (scheduling without a vote) is bounded.** An operation the council schedules may not: call the DMC
///   token at all (the timelock's 50M mining reserve, its transfers, approvals and delegation of its votes); take
///   DMC out of the insurance fund (`withdraw` or `openPayout` in DMC, at the fund or at the pool guard it pays
///   defaulted joint pools through); call the HashrateNFT or IFIL (their minting
///   roles, issuers, sale channel, bridge limit); grant any role anywhere (so no oracle reporter, no halter, no
///   account of its choosing gains a power without a token vote); revoke or renounce any role on the timelock (so
///   not the Governor's proposer role) or DEFAULT_ADMIN_ROLE on any contract (revoking an operational role
///   elsewhere, such as a rogue reporter's, stays a guardian action); lower the timelock's delay below
///   {minDelay}; call the council or this gate (members, threshold, these bounds). Those need a token vote.
/// - **The council cannot veto its own removal.** {cancel} takes the whole operation (not just its id) and refuses
///   one that calls the council or this gate, or grants, revokes or renounces a role on the timelock: the DAO's
///   changes to the council's members, threshold and roles always go through.
/// - **Phase 2** is the DAO revoking this gate's PROPOSER_ROLE: the council keeps a guardian cancel over other
///   operations, which the DAO ends by revoking CANCELLER_ROLE (a call the council cannot cancel).
/// @dev Immutable and ownerless: the bounds cannot be changed, only the roles the timelock gives this gate. The
/// function signatures of scheduling match TimelockController's, so a council transaction encodes the same
/// calldata and only targets this gate instead of the timelock.
contract CouncilGate {
    TimelockController public immutable timelock;
    /// @notice The only caller: the council multisig.
    address public immutable council;
    address public immutable dmc;
    address public immutable insuranceFund;
    address public immutable nft;
    address public immutable ifil;
    /// @notice DMC mining: its reserve, pools and ratios need a token vote.
    address public immutable mining;
    /// @notice The joint pools' guard: the DMC the insurance fund sends it for a pool payout is the fund's DMC.
    address public immutable poolGuard;
    /// @notice The council cannot schedule a timelock delay below this.
    uint256 public immutable minDelay;

    error CouncilGateNotCouncil(address caller);
    error CouncilGateInvalidAddress();
    error CouncilGateLengthMismatch();
    /// @notice The council may not schedule this call without a token vote; `reason` says which bound.
    error CouncilGateForbidden(address target, bytes4 selector, string reason);
    /// @notice The council may not cancel this operation: it changes the council's members, threshold or roles.
    error CouncilGateCannotCancel(address target, bytes4 selector);

    bytes4 private constant GRANT_ROLE = IAccessControl.grantRole.selector;
    bytes4 private constant REVOKE_ROLE = IAccessControl.revokeRole.selector;
    bytes4 private constant RENOUNCE_ROLE = IAccessControl.renounceRole.selector;
    bytes4 private constant UPDATE_DELAY = TimelockController.updateDelay.selector;
    /// @dev InsuranceFund.withdraw(IERC20,address,uint256) and openPayout(uint256,IERC20,uint256).
    bytes4 private constant FUND_WITHDRAW = bytes4(keccak256("withdraw(address,address,uint256)"));
    bytes4 private constant FUND_OPEN_PAYOUT = bytes4(keccak256("openPayout(uint256,address,uint256)"));
    /// @dev PoolGuard.withdraw(IERC20,address,uint256) is FUND_WITHDRAW; openPayout(JointPool,IERC20,uint256).
    bytes4 private constant POOL_OPEN_PAYOUT = bytes4(keccak256("openPayout(address,address,uint256)"));

    constructor(
        TimelockController timelock_,
        address council_,
        address dmc_,
        address insuranceFund_,
        address nft_,
        address ifil_,
        address mining_,
        address poolGuard_,
        uint256 minDelay_
    ) {
        if (
            address(timelock_) == address(0) || council_ == address(0) || dmc_ == address(0)
                || insuranceFund_ == address(0) || nft_ == address(0) || ifil_ == address(0) || mining_ == address(0)
                || poolGuard_ == address(0)
        ) revert CouncilGateInvalidAddress();
        mining = mining_;
        poolGuard = poolGuard_;
        timelock = timelock_;
        council = council_;
        dmc = dmc_;
        insuranceFund = insuranceFund_;
        nft = nft_;
        ifil = ifil_;
        minDelay = minDelay_;
    }

    modifier onlyCouncil() {
        if (msg.sender != council) revert CouncilGateNotCouncil(msg.sender);
        _;
    }

    /// @notice Schedules one call on the timelock, within the council's bounds (see the contract's notes).
    function schedule(address target, uint256 value, bytes calldata data, bytes32 predecessor, bytes32 salt, uint256 delay)
        external
        onlyCouncil
    {
        _checkSchedulable(target, data);
        timelock.schedule(target, value, data, predecessor, salt, delay);
    }

    /// @notice Schedules a batch on the timelock; every call must be within the council's bounds.
    function scheduleBatch(
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata payloads,
        bytes32 predecessor,
        bytes32 salt,
        uint256 delay
    ) external onlyCouncil {
        if (targets.length != values.length || targets.length != payloads.length) revert CouncilGateLengthMismatch();
        for (uint256 i; i < targets.length; ++i) {
            _checkSchedulable(targets[i], payloads[i]);
        }
        timelock.scheduleBatch(targets, values, payloads, predecessor, salt, delay);
    }

    /// @notice Cancels a queued operation given in full (a DAO decision or the council's own), unless it changes
    /// the council's members, threshold or roles.
    function cancel(address target, uint256 value, bytes calldata data, bytes32 predecessor, bytes32 salt)
        external
        onlyCouncil
    {
        _checkCancellable(target, data);
        timelock.cancel(timelock.hashOperation(target, value, data, predecessor, salt));
    }

    /// @notice Cancels a queued batch given in full (a passed proposal is one), unless any of its calls changes the
    /// council's members, threshold or roles.
    function cancelBatch(
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata payloads,
        bytes32 predecessor,
        bytes32 salt
    ) external onlyCouncil {
        if (targets.length != values.length || targets.length != payloads.length) revert CouncilGateLengthMismatch();
        for (uint256 i; i < targets.length; ++i) {
            _checkCancellable(targets[i], payloads[i]);
        }
        timelock.cancel(timelock.hashOperationBatch(targets, values, payloads, predecessor, salt));
    }

    /// @notice Whether the council could schedule `data` on `target` ("" when it could, else the bound it breaks).
    function forbiddenReason(address target, bytes calldata data) public view returns (string memory) {
        bytes4 selector = _selector(data);
        if (target == council || target == address(this)) return "council members, threshold and bounds need a vote";
        if (target == dmc) return "the DMC reserve and its votes need a vote";
        if (target == nft || target == ifil) return "minting roles need a vote";
        if (target == mining) return "DMC mining's reserve, pools and ratios need a vote";
        if (selector == GRANT_ROLE || selector == REVOKE_ROLE || selector == RENOUNCE_ROLE) {
            if (target == address(timelock)) return "timelock roles need a vote";
            if (data.length >= 36 && bytes32(data[4:36]) == bytes32(0)) return "admin roles need a vote";
            if (selector == GRANT_ROLE) return "granting a role needs a vote";
        }
        if (target == address(timelock) && selector == UPDATE_DELAY) {
            if (data.length < 36 || uint256(bytes32(data[4:36])) < minDelay) return "the timelock delay has a floor";
        }
        if (target == insuranceFund && data.length >= 36) {
            // withdraw(token, ...): token first; openPayout(productId, token, ...): token second
            if (selector == FUND_WITHDRAW && address(uint160(uint256(bytes32(data[4:36])))) == dmc) {
                return "the insurance fund's DMC needs a vote";
            }
            if (selector == FUND_OPEN_PAYOUT && data.length >= 68 && address(uint160(uint256(bytes32(data[36:68])))) == dmc) {
                return "the insurance fund's DMC needs a vote";
            }
        }
        if (target == poolGuard && data.length >= 68) {
            // withdraw(token, ...): token first; openPayout(pool, token, ...): token second
            if (selector == FUND_WITHDRAW && address(uint160(uint256(bytes32(data[4:36])))) == dmc) {
                return "the insurance fund's DMC needs a vote";
            }
            if (selector == POOL_OPEN_PAYOUT && address(uint160(uint256(bytes32(data[36:68])))) == dmc) {
                return "the insurance fund's DMC needs a vote";
            }
        }
        return "";
    }

    /// @notice Whether the council may cancel an operation with this call in it.
    function cancellable(address target, bytes calldata data) public view returns (bool) {
        if (target == council || target == address(this)) return false;
        bytes4 selector = _selector(data);
        return !(target == address(timelock)
                && (selector == GRANT_ROLE || selector == REVOKE_ROLE || selector == RENOUNCE_ROLE));
    }

    function _checkSchedulable(address target, bytes calldata data) private view {
        string memory reason = forbiddenReason(target, data);
        if (bytes(reason).length != 0) revert CouncilGateForbidden(target, _selector(data), reason);
    }

    function _checkCancellable(address target, bytes calldata data) private view {
        if (!cancellable(target, data)) revert CouncilGateCannotCancel(target, _selector(data));
    }

    function _selector(bytes calldata data) private pure returns (bytes4) {
        return data.length >= 4 ? bytes4(data[:4]) : bytes4(0);
    }
}
