// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

/// @title IFIL (Interchain FIL)
/// @notice 1:1 wrapped FIL, 18 decimals like FIL: the yield token of Filecoin products.
/// The bridge (BRIDGE_ROLE; locally an operator account) mints IFIL only against a FIL deposit received on
/// Filecoin, identified by `depositRef` (the hash of the deposit message's CID); each reference mints once.
/// Any holder redeems with {redeem}: the IFIL is burned and the bridge pays the FIL to the Filecoin address
/// given in the {Redeemed} event. The address format is checked on-chain (see {isValidFilecoinAddress}) so a
/// typo cannot burn IFIL for an address the bridge cannot pay.
/// @dev DEFAULT_ADMIN_ROLE grants and revokes BRIDGE_ROLE and is meant to be held by the timelock.
/// Supports EIP-2612 permits.
contract IFIL is ERC20, ERC20Permit, AccessControl {
    bytes32 public constant BRIDGE_ROLE = keccak256("BRIDGE_ROLE");

    mapping(bytes32 depositRef => bool) private _depositMinted;

    /// @notice The bridge minted `amount` to `to` against the Filecoin deposit `depositRef`.
    event Minted(address indexed to, uint256 amount, bytes32 indexed depositRef);
    /// @notice `from` burned `amount` for the bridge to pay out as FIL to `filecoinAddress`.
    event Redeemed(address indexed from, uint256 amount, string filecoinAddress);

    error IFILInvalidAdmin();
    error IFILInvalidAmount();
    error IFILInvalidDepositRef();
    error IFILDepositAlreadyMinted(bytes32 depositRef);
    error IFILInvalidFilecoinAddress(string filecoinAddress);

    constructor(address admin) ERC20("Interchain FIL", "IFIL") ERC20Permit("Interchain FIL") {
        if (admin == address(0)) revert IFILInvalidAdmin();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @notice Mints `amount` IFIL to `to` against the Filecoin deposit `depositRef` (its message CID's hash).
    /// @dev Only BRIDGE_ROLE. Each non-zero reference mints once ({IFILDepositAlreadyMinted}); `amount` must be
    /// non-zero and `to` a non-zero address. Emits {Transfer} and {Minted}.
    function mint(address to, uint256 amount, bytes32 depositRef) external onlyRole(BRIDGE_ROLE) {
        if (amount == 0) revert IFILInvalidAmount();
        if (depositRef == bytes32(0)) revert IFILInvalidDepositRef();
        if (_depositMinted[depositRef]) revert IFILDepositAlreadyMinted(depositRef);
        _depositMinted[depositRef] = true;
        _mint(to, amount);
        emit Minted(to, amount, depositRef);
    }

    /// @notice Burns `amount` of the caller's IFIL to be paid out as FIL to `filecoinAddress`.
    /// @dev Reverts {IFILInvalidFilecoinAddress} unless {isValidFilecoinAddress}, {IFILInvalidAmount} for 0, and
    /// ERC20InsufficientBalance beyond the caller's balance. Emits {Transfer} (to zero) and {Redeemed}.
    function redeem(uint256 amount, string calldata filecoinAddress) external {
        if (amount == 0) revert IFILInvalidAmount();
        if (!isValidFilecoinAddress(filecoinAddress)) revert IFILInvalidFilecoinAddress(filecoinAddress);
        _burn(msg.sender, amount);
        emit Redeemed(msg.sender, amount, filecoinAddress);
    }

    /// @notice Whether the bridge already minted against `depositRef`.
    function depositMinted(bytes32 depositRef) external view returns (bool) {
        return _depositMinted[depositRef];
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
