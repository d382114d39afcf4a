// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC721Metadata} from "@openzeppelin/contracts/token/ERC721/extensions/IERC721Metadata.sol";
import {ERC721Utils} from "@openzeppelin/contracts/token/ERC721/utils/ERC721Utils.sol";
import {IERC165, ERC165} from "@openzeppelin/contracts/utils/introspection/ERC165.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

/// @title PackedERC721
/// @notice ERC-721 with the behaviour, events and errors (ERC-6093) of OpenZeppelin's `ERC721` 5.x, storing each
/// token in one packed word: the owner (bits 0-159), whether a single-token approval is set (bit 160), and 95 bits
/// of *aux* data (bits 161-255) the inheriting contract owns and that move with the token.
/// @dev Why: a transfer then reads and writes one word for the token's ownership and its aux data, and clears a
/// single-token approval only when one was set (OpenZeppelin writes the approval slot on every transfer, ~2,200
/// gas). HashrateNFT keeps its never-sold mark in the aux bits, so selling or reselling an NFT reads one word where
/// it read two. External behaviour is OpenZeppelin's: the same checks in the same order, the same errors.
abstract contract PackedERC721 is ERC165, IERC721, IERC721Metadata, IERC721Errors {
    uint256 private constant _ADDRESS_MASK = (uint256(1) << 160) - 1;
    uint256 private constant _APPROVED_FLAG = uint256(1) << 160;
    /// @dev First bit of the aux data.
    uint256 internal constant _AUX_SHIFT = 161;

    mapping(uint256 tokenId => uint256) private _packed;
    mapping(address owner => uint256) private _balances;
    mapping(uint256 tokenId => address) private _tokenApprovals;
    mapping(address owner => mapping(address operator => bool)) private _operatorApprovals;

    /// @inheritdoc IERC165
    function supportsInterface(bytes4 interfaceId) public view virtual override(ERC165, IERC165) returns (bool) {
        return interfaceId == type(IERC721).interfaceId || interfaceId == type(IERC721Metadata).interfaceId
            || super.supportsInterface(interfaceId);
    }

    /// @inheritdoc IERC721
    function balanceOf(address owner) public view virtual returns (uint256) {
        if (owner == address(0)) revert ERC721InvalidOwner(address(0));
        return _balances[owner];
    }

    /// @inheritdoc IERC721
    function ownerOf(uint256 tokenId) public view virtual returns (address owner) {
        owner = address(uint160(_packed[tokenId]));
        if (owner == address(0)) revert ERC721NonexistentToken(tokenId);
    }

    /// @inheritdoc IERC721
    function approve(address to, uint256 tokenId) public virtual {
        uint256 packed = _packed[tokenId];
        address owner = address(uint160(packed));
        if (owner == address(0)) revert ERC721NonexistentToken(tokenId);
        if (owner != msg.sender && !_operatorApprovals[owner][msg.sender]) revert ERC721InvalidApprover(msg.sender);
        emit Approval(owner, to, tokenId);
        _tokenApprovals[tokenId] = to;
        uint256 flagged = to == address(0) ? packed & ~_APPROVED_FLAG : packed | _APPROVED_FLAG;
        if (flagged != packed) _packed[tokenId] = flagged;
    }

    /// @inheritdoc IERC721
    function getApproved(uint256 tokenId) public view virtual returns (address) {
        _requireOwned(tokenId);
        return _tokenApprovals[tokenId];
    }

    /// @inheritdoc IERC721
    function setApprovalForAll(address operator, bool approved) public virtual {
        if (operator == address(0)) revert ERC721InvalidOperator(operator);
        _operatorApprovals[msg.sender][operator] = approved;
        emit ApprovalForAll(msg.sender, operator, approved);
    }

    /// @inheritdoc IERC721
    function isApprovedForAll(address owner, address operator) public view virtual returns (bool) {
        return _operatorApprovals[owner][operator];
    }

    /// @inheritdoc IERC721
    function transferFrom(address from, address to, uint256 tokenId) public virtual {
        if (to == address(0)) revert ERC721InvalidReceiver(address(0));
        address previousOwner = _update(to, tokenId, msg.sender);
        if (previousOwner != from) revert ERC721IncorrectOwner(from, tokenId, previousOwner);
    }

    /// @inheritdoc IERC721
    function safeTransferFrom(address from, address to, uint256 tokenId) public {
        safeTransferFrom(from, to, tokenId, "");
    }

    /// @inheritdoc IERC721
    function safeTransferFrom(address from, address to, uint256 tokenId, bytes memory data) public virtual {
        transferFrom(from, to, tokenId);
        ERC721Utils.checkOnERC721Received(msg.sender, from, to, tokenId, data);
    }

    // ---------------------------------------------------------------- internal

    /// @dev The owner of `tokenId`, address(0) when it does not exist.
    function _ownerOf(uint256 tokenId) internal view returns (address) {
        return address(uint160(_packed[tokenId]));
    }

    /// @dev The owner and the aux data of `tokenId` in one read.
    function _ownerAndAux(uint256 tokenId) internal view returns (address owner, uint256 aux) {
        uint256 packed = _packed[tokenId];
        owner = address(uint160(packed));
        aux = packed >> _AUX_SHIFT;
    }

    /// @dev Replaces the aux data of an existing token (the caller checks that it exists).
    function _setAux(uint256 tokenId, uint256 aux) internal {
        _packed[tokenId] = (_packed[tokenId] & (_ADDRESS_MASK | _APPROVED_FLAG)) | (aux << _AUX_SHIFT);
    }

    function _requireOwned(uint256 tokenId) internal view returns (address owner) {
        owner = _ownerOf(tokenId);
        if (owner == address(0)) revert ERC721NonexistentToken(tokenId);
    }

    /// @dev Hook: the aux data `tokenId` carries after moving from `from` to `to` (called before the move, with the
    /// aux data it had). Reverting here refuses the transfer.
    function _updateAux(address from, address to, uint256 tokenId, uint256 aux) internal virtual returns (uint256) {
        from;
        to;
        tokenId;
        return aux;
    }

    /// @dev Hook: whether `operator` may move `tokenId` (with aux data `aux`) without the owner's approval.
    function _isTrustedOperator(address operator, uint256 tokenId, uint256 aux) internal view virtual returns (bool) {
        operator;
        tokenId;
        aux;
        return false;
    }

    /// @dev Moves `tokenId` from its owner to `to` (OpenZeppelin's `_update` for an existing token and a non-zero
    /// `to`): when `auth` is not zero it must be the owner, an operator of the owner, the approved address or a
    /// trusted operator ({_isTrustedOperator}). Clears a single-token approval. Returns the previous owner (zero
    /// when the token does not exist, which reverts {ERC721NonexistentToken} when `auth` is set).
    function _update(address to, uint256 tokenId, address auth) internal returns (address from) {
        uint256 packed = _packed[tokenId];
        from = address(uint160(packed));
        uint256 aux = packed >> _AUX_SHIFT;
        if (
            auth != address(0) && auth != from && !_isTrustedOperator(auth, tokenId, aux)
                && !_operatorApprovals[from][auth]
        ) {
            if (from == address(0)) revert ERC721NonexistentToken(tokenId);
            if (packed & _APPROVED_FLAG == 0 || _tokenApprovals[tokenId] != auth) {
                revert ERC721InsufficientApproval(auth, tokenId);
            }
        }
        if (from == address(0)) return from;
        _move(packed, from, to, tokenId, _updateAux(from, to, tokenId, aux));
    }

    /// @dev Writes the move of `tokenId` (whose word is `packed`, owned by `from`) to `to` with aux data `aux`,
    /// without any check: clears a single-token approval, moves the balance, emits {Transfer}.
    function _move(uint256 packed, address from, address to, uint256 tokenId, uint256 aux) internal {
        if (packed & _APPROVED_FLAG != 0) delete _tokenApprovals[tokenId];
        unchecked {
            --_balances[from];
            ++_balances[to];
        }
        _packed[tokenId] = uint256(uint160(to)) | (aux << _AUX_SHIFT);
        emit Transfer(from, to, tokenId);
    }

    /// @dev The raw word of `tokenId` (see the contract's notes), for {_move}.
    function _packedOf(uint256 tokenId) internal view returns (uint256) {
        return _packed[tokenId];
    }

    /// @dev Mints `quantity` consecutive tokens from `firstTokenId` to `to`, each with the aux data `aux`, with one
    /// balance write. The caller guarantees that none of the ids exists (HashrateNFT mints each id once).
    function _mintConsecutive(address to, uint256 firstTokenId, uint256 quantity, uint256 aux) internal {
        if (to == address(0)) revert ERC721InvalidReceiver(address(0));
        uint256 packed = uint256(uint160(to)) | (aux << _AUX_SHIFT);
        uint256 end = firstTokenId + quantity;
        for (uint256 id = firstTokenId; id < end; ++id) {
            _packed[id] = packed;
            emit Transfer(address(0), to, id);
        }
        unchecked {
            _balances[to] += quantity;
        }
    }

    /// @dev Mints `tokenId` to `to` with the aux data `aux`. The caller guarantees that `tokenId` does not exist and
    /// that `to` is not zero.
    function _mintOne(address to, uint256 tokenId, uint256 aux) internal {
        _packed[tokenId] = uint256(uint160(to)) | (aux << _AUX_SHIFT);
        unchecked {
            ++_balances[to];
        }
        emit Transfer(address(0), to, tokenId);
    }
}
