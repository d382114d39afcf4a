// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @title IFIL (Interchain FIL)
/// @notice 1:1 FIL, 18 decimals like FIL: the yield token of Filecoin products. It works one of two ways, fixed
/// at deployment by the chain it is deployed on ({native}):
/// - **Native** (Filecoin's EVM, chain ids 314 and 314159, and the local chain 31337 whose coin stands in for
///   FIL): IFIL wraps the chain's own coin like WETH9. {deposit} (or a plain transfer of the coin) mints exactly
///   what was sent, {withdraw} burns and pays it back. Nobody can mint otherwise: every IFIL is backed by coin
///   held here (`address(this).balance >= totalSupply()`), and the bridge functions revert.
/// - **Bridged** (any other chain, where FIL is not the coin): the bridge (BRIDGE_ROLE) mints against a FIL
///   deposit received on Filecoin, identified by `depositRef` (each reference mints once), at most
///   {dailyMintLimit} per UTC day (set by DEFAULT_ADMIN_ROLE, the timelock); {redeem} burns for the bridge to pay
///   the FIL to a Filecoin address. {totalBridgedIn} and {totalBridgedOut} are public running totals.
///   {deposit} and {withdraw} revert.
/// @dev DEFAULT_ADMIN_ROLE (the timelock) grants BRIDGE_ROLE and sets the daily limit; on a native chain those
/// powers mint nothing. Supports EIP-2612 permits.
contract IFIL is ERC20, ERC20Permit, AccessControl, ReentrancyGuardTransient {
    bytes32 public constant BRIDGE_ROLE = keccak256("BRIDGE_ROLE");

    /// @notice Whether FIL is this chain's own coin (see the contract's notes).
    bool public immutable native;

    mapping(bytes32 depositRef => bool) private _depositMinted;
    mapping(uint256 day => uint256) private _mintedOn;
    uint256 private _dailyMintLimit;
    uint256 private _bridgedIn;
    uint256 private _bridgedOut;

    /// @notice Native mode: `account` sent `amount` of the coin and received as much IFIL.
    event Deposit(address indexed account, uint256 amount);
    /// @notice Native mode: `account` burned `amount` IFIL and was paid as much of the coin.
    event Withdrawal(address indexed account, uint256 amount);
    /// @notice Bridged mode: the bridge minted `amount` to `to` against the Filecoin deposit `depositRef`.
    event Minted(address indexed to, uint256 amount, bytes32 indexed depositRef);
    /// @notice Bridged mode: `from` burned `amount` for the bridge to pay out as FIL to `filecoinAddress`.
    event Redeemed(address indexed from, uint256 amount, string filecoinAddress);
    event DailyMintLimitUpdated(uint256 oldLimit, uint256 newLimit);

    error IFILInvalidAdmin();
    error IFILInvalidAmount();
    error IFILInvalidDepositRef();
    error IFILDepositAlreadyMinted(bytes32 depositRef);
    error IFILInvalidFilecoinAddress(string filecoinAddress);
    /// @notice FIL is this chain's coin: wrap it with {deposit}; nobody mints.
    error IFILNativeChain();
    /// @notice FIL is not this chain's coin: IFIL comes from the bridge.
    error IFILBridgedChain();
    /// @notice The bridge would mint `requested` on `day`, where `minted` was already minted of `limit`.
    error IFILDailyLimitExceeded(uint256 day, uint256 minted, uint256 requested, uint256 limit);
    /// @notice Sending the coin to `to` failed.
    error IFILPayoutFailed(address to, uint256 amount);

    /// @param dailyMintLimit_ bridged mode's most IFIL minted per UTC day (ignored where FIL is native).
    constructor(address admin, uint256 dailyMintLimit_) ERC20("Interchain FIL", "IFIL") ERC20Permit("Interchain FIL") {
        if (admin == address(0)) revert IFILInvalidAdmin();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        native = block.chainid == 314 || block.chainid == 314159 || block.chainid == 31337;
        if (!native) {
            _dailyMintLimit = dailyMintLimit_;
            emit DailyMintLimitUpdated(0, dailyMintLimit_);
        }
    }

    modifier whenNative() {
        if (!native) revert IFILBridgedChain();
        _;
    }

    modifier whenBridged() {
        if (native) revert IFILNativeChain();
        _;
    }

    // ---------------------------------------------------------------- native mode

    /// @notice Wraps the coin sent with the call: mints as much IFIL to the caller. Emits {Deposit}.
    function deposit() public payable whenNative {
        if (msg.value == 0) revert IFILInvalidAmount();
        _mint(msg.sender, msg.value);
        emit Deposit(msg.sender, msg.value);
    }

    /// @notice A plain transfer of the coin is a {deposit}.
    receive() external payable {
        deposit();
    }

    /// @notice Unwraps: burns `amount` of the caller's IFIL and pays as much of the coin to the caller.
    /// @dev Burns before paying (and is nonReentrant), so a re-entering receiver finds its balance already lower.
    /// Emits {Withdrawal}.
    function withdraw(uint256 amount) external nonReentrant whenNative {
        if (amount == 0) revert IFILInvalidAmount();
        _burn(msg.sender, amount);
        emit Withdrawal(msg.sender, amount);
        (bool ok,) = payable(msg.sender).call{value: amount}("");
        if (!ok) revert IFILPayoutFailed(msg.sender, amount);
    }

    // ---------------------------------------------------------------- bridged mode

    /// @notice Mints `amount` IFIL to `to` against the Filecoin deposit `depositRef` (its message CID's hash).
    /// @dev Only BRIDGE_ROLE, only where FIL is not native ({IFILNativeChain}). Each non-zero reference mints once
    /// ({IFILDepositAlreadyMinted}); at most {dailyMintLimit} per UTC day ({IFILDailyLimitExceeded}); `amount`
    /// non-zero. Emits {Transfer} and {Minted}.
    function mint(address to, uint256 amount, bytes32 depositRef) external onlyRole(BRIDGE_ROLE) whenBridged {
        if (amount == 0) revert IFILInvalidAmount();
        if (depositRef == bytes32(0)) revert IFILInvalidDepositRef();
        if (_depositMinted[depositRef]) revert IFILDepositAlreadyMinted(depositRef);
        uint256 day = block.timestamp / 1 days;
        uint256 minted = _mintedOn[day];
        uint256 limit = _dailyMintLimit;
        if (amount > limit || minted > limit - amount) revert IFILDailyLimitExceeded(day, minted, amount, limit);
        _mintedOn[day] = minted + amount;
        _depositMinted[depositRef] = true;
        _bridgedIn += amount;
        _mint(to, amount);
        emit Minted(to, amount, depositRef);
    }

    /// @notice Burns `amount` of the caller's IFIL to be paid out as FIL to `filecoinAddress`.
    /// @dev Only where FIL is not native ({IFILNativeChain}: use {withdraw}). Reverts {IFILInvalidFilecoinAddress}
    /// unless {isValidFilecoinAddress}, {IFILInvalidAmount} for 0, and ERC20InsufficientBalance beyond the
    /// caller's balance. Emits {Transfer} (to zero) and {Redeemed}.
    function redeem(uint256 amount, string calldata filecoinAddress) external whenBridged {
        if (amount == 0) revert IFILInvalidAmount();
        if (!isValidFilecoinAddress(filecoinAddress)) revert IFILInvalidFilecoinAddress(filecoinAddress);
        _bridgedOut += amount;
        _burn(msg.sender, amount);
        emit Redeemed(msg.sender, amount, filecoinAddress);
    }

    /// @notice Sets the most IFIL the bridge may mint per UTC day. Only DEFAULT_ADMIN_ROLE, only bridged mode.
    /// Emits {DailyMintLimitUpdated}.
    function setDailyMintLimit(uint256 limit) external onlyRole(DEFAULT_ADMIN_ROLE) whenBridged {
        emit DailyMintLimitUpdated(_dailyMintLimit, limit);
        _dailyMintLimit = limit;
    }

    // ---------------------------------------------------------------- views

    /// @notice Whether the bridge already minted against `depositRef`.
    function depositMinted(bytes32 depositRef) external view returns (bool) {
        return _depositMinted[depositRef];
    }

    /// @notice The most the bridge may mint per UTC day (0 where FIL is native: nobody mints).
    function dailyMintLimit() external view returns (uint256) {
        return _dailyMintLimit;
    }

    /// @notice What the bridge minted on UTC day `day` (timestamp / 86400).
    function mintedOn(uint256 day) external view returns (uint256) {
        return _mintedOn[day];
    }

    /// @notice Everything the bridge ever minted (FIL that came in from Filecoin).
    function totalBridgedIn() external view returns (uint256) {
        return _bridgedIn;
    }

    /// @notice Everything redeemed to Filecoin addresses (FIL the bridge owes or paid out).
    function totalBridgedOut() external view returns (uint256) {
        return _bridgedOut;
    }

    /// @notice Whether `a` has the shape of a Filecoin address: network `f` (mainnet) or `t` (testnet), then
    /// protocol 0 (ID: 1 to 20 decimal digits), 1 or 2 (secp256k1 / actor: exactly 39 base32 characters),
    /// 3 (BLS: exactly 84 base32 characters) or 4 (delegated: 1 to 20 digits of namespace actor id, `f`, then
    /// 1 to 86 base32 characters). Base32 is lower-case RFC 4648 `[a-z2-7]`.
    /// @dev The shape only: the checksum inside protocols 1 to 4 is not verified (it needs blake2b, which the EVM
    /// lacks); the bridge verifies it before paying and handles a bad one off-chain.
    function isValidFilecoinAddress(string calldata a) public pure returns (bool) {
        bytes calldata b = bytes(a);
        uint256 len = b.length;
        if (len < 3) return false;
        if (b[0] != "f" && b[0] != "t") return false;
        bytes1 protocol = b[1];
        if (protocol == "0") return len <= 22 && _allDigits(b, 2, len);
        if (protocol == "1" || protocol == "2") return len == 41 && _allBase32(b, 2, len);
        if (protocol == "3") return len == 86 && _allBase32(b, 2, len);
        if (protocol == "4") {
            uint256 i = 2;
            while (i < len && _isDigit(b[i])) ++i;
            uint256 digits = i - 2;
            if (digits == 0 || digits > 20 || i == len || b[i] != "f") return false;
            uint256 payload = len - i - 1;
            return payload != 0 && payload <= 86 && _allBase32(b, i + 1, len);
        }
        return false;
    }

    function _allDigits(bytes calldata b, uint256 from, uint256 to) private pure returns (bool) {
        for (uint256 i = from; i < to; ++i) {
            if (!_isDigit(b[i])) return false;
        }
        return true;
    }

    function _allBase32(bytes calldata b, uint256 from, uint256 to) private pure returns (bool) {
        for (uint256 i = from; i < to; ++i) {
            bytes1 c = b[i];
            if (!((c >= "a" && c <= "z") || (c >= "2" && c <= "7"))) return false;
        }
        return true;
    }

    function _isDigit(bytes1 c) private pure returns (bool) {
        return c >= "0" && c <= "9";
    }
}
