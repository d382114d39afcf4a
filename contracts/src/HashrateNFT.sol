// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC4906} from "@openzeppelin/contracts/interfaces/IERC4906.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {IHashrateProducts} from "./interfaces/IHashrateProducts.sol";

/// @title HashrateNFT
/// @notice ERC-721 tokens that each represent a fixed amount of a miner's real hashrate for a fixed term.
/// Tokens belong to a *product* (one miner, one node, one term); the product's attributes live on-chain.
/// @dev Token ids are `productId * TOKENS_PER_PRODUCT + serial` (serial starts at 1), so the product of a
/// token is pure arithmetic: no storage read, no loop. Products are created and minted by ISSUER_ROLE
/// (the deployer on the local chain; the MinerRegistry once governance hands the role over).
/// DEFAULT_ADMIN_ROLE manages roles and the metadata base URI and is meant to be held by the timelock.
///
/// **Never-sold mark.** Every token is minted *unsold* (one bit per token, set in bulk at mint). An unsold token can
/// move only through the {saleChannel} (the Marketplace): its miner lists it or auctions it there, and the first
/// transfer to anyone else than the channel or the miner (a purchase, an auction won) clears the mark for good.
/// Any other move of an unsold token, by its miner or anyone approved, reverts {HashrateNFTUnsoldTransfer}, so
/// hashrate cannot leave the protocol except through a sale, and the Marketplace treats the sale of an unsold
/// token as primary (its money goes to the escrow) whoever lists it. The mark costs no storage write on a resale.
contract HashrateNFT is ERC721, AccessControl, IERC4906, IHashrateProducts {
    using Strings for uint256;

    /// @notice The mined coin; it fixes the hashrate unit (FIL: TiB of effective power, BTC: TH/s).
    enum Coin {
        FIL,
        BTC
    }

    /// @notice A product: a batch of identical hashrate NFTs from one miner's node.
    /// @param miner receives the minted NFTs and is accountable for the yield.
    /// @param coin the mined coin.
    /// @param nftCount how many NFTs the product may ever have.
    /// @param minted how many have been minted so far.
    /// @param termStart unix time the hashrate starts producing for holders.
    /// @param termEnd unix time the term ends; `termEnd - termStart` is a whole number of days.
    /// @param createdAt unix time the product was created (the miner's activation).
    /// @param mintedOutAt unix time its last NFT was minted (0 until `minted == nftCount`): the yield
    /// distributor opens deposits then, so the miner can first pay from the next UTC day on.
    /// @param hashratePerNFT hashrate of one NFT in thousandths of the unit (1000 = 1 TiB for FIL).
    /// @param expectedDailyYieldPerUnit expected yield per whole unit per day, in the yield token's base units.
    /// @param nodeId the miner's node on the mined chain, e.g. Filecoin `f01234`.
    struct Product {
        address miner;
        Coin coin;
        uint32 nftCount;
        uint32 minted;
        uint64 termStart;
        uint64 termEnd;
        uint64 createdAt;
        uint64 mintedOutAt;
        uint128 hashratePerNFT;
        uint128 expectedDailyYieldPerUnit;
        string nodeId;
    }

    /// @notice Input of {createProduct}; see {Product} for the meaning of each field.
    struct ProductParams {
        address miner;
        Coin coin;
        string nodeId;
        uint128 hashratePerNFT;
        uint32 nftCount;
        uint64 termStart;
        uint64 termEnd;
        uint128 expectedDailyYieldPerUnit;
    }

    bytes32 public constant ISSUER_ROLE = keccak256("ISSUER_ROLE");
    /// @notice Held by the contracts that pay a token's value out to its holder (RevenueEscrow refunds,
    /// YieldDistributor yield, InsuranceFund payouts): each such claim calls {recordClaims}.
    bytes32 public constant CLAIMS_ROLE = keccak256("CLAIMS_ROLE");
    /// @notice Token id space of one product: ids `productId * 1e6 + 1` ... `productId * 1e6 + nftCount`.
    uint256 public constant TOKENS_PER_PRODUCT = 1_000_000;
    /// @notice Decimals of `hashratePerNFT` (thousandths of a TiB or TH/s).
    uint8 public constant HASHRATE_DECIMALS = 3;
    uint256 public constant MAX_TERM = 1825 days;
    uint256 public constant MAX_NODE_ID_LENGTH = 64;

    uint256 private _productCount;
    mapping(uint256 productId => Product) private _products;
    string private _baseTokenURI;
    /// @dev Bit `tokenId & 255` of word `tokenId >> 8` is set while the token is unsold.
    mapping(uint256 word => uint256) private _unsold;
    address private _saleChannel;
    /// @dev The claim nonce of `tokenId` is the uint32 at bits `(tokenId & 7) * 32` of word `tokenId >> 3`.
    mapping(uint256 word => uint256) private _claimNonces;

    event ProductCreated(
        uint256 indexed productId,
        address indexed miner,
        Coin coin,
        string nodeId,
        uint256 hashratePerNFT,
        uint256 nftCount,
        uint256 termStart,
        uint256 termEnd,
        uint256 expectedDailyYieldPerUnit
    );
    event ProductMinted(uint256 indexed productId, uint256 firstTokenId, uint256 quantity);
    event BaseURIUpdated(string baseURI);
    event SaleChannelUpdated(address oldChannel, address newChannel);
    /// @notice `tokenId` was sold for the first time (its primary sale) and moves freely from now on.
    event FirstSale(uint256 indexed tokenId, address indexed buyer);

    error HashrateNFTInvalidAdmin();
    error HashrateNFTInvalidMiner();
    error HashrateNFTInvalidNodeId(uint256 length, uint256 maxLength);
    error HashrateNFTInvalidHashrate();
    error HashrateNFTInvalidNftCount(uint256 count, uint256 max);
    error HashrateNFTInvalidTerm(uint256 termStart, uint256 termEnd);
    error HashrateNFTUnknownProduct(uint256 productId);
    error HashrateNFTInvalidQuantity(uint256 productId, uint256 requested, uint256 remaining);
    /// @notice An unsold token can only leave its miner through a sale on the {saleChannel}.
    error HashrateNFTUnsoldTransfer(uint256 tokenId, address operator);

    constructor(address admin, string memory baseTokenURI) ERC721("DMEX Hashrate", "DMEXH") {
        if (admin == address(0)) revert HashrateNFTInvalidAdmin();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _baseTokenURI = baseTokenURI;
    }

    // ---------------------------------------------------------------- issuer

    /// @notice Creates a product whose NFTs can then be minted with {mint}.
    /// @dev Only ISSUER_ROLE. Emits {ProductCreated}. Product ids start at 1.
    function createProduct(ProductParams calldata p) external onlyRole(ISSUER_ROLE) returns (uint256 productId) {
        if (p.miner == address(0)) revert HashrateNFTInvalidMiner();
        uint256 nodeIdLength = bytes(p.nodeId).length;
        if (nodeIdLength == 0 || nodeIdLength > MAX_NODE_ID_LENGTH) {
            revert HashrateNFTInvalidNodeId(nodeIdLength, MAX_NODE_ID_LENGTH);
        }
        if (p.hashratePerNFT == 0) revert HashrateNFTInvalidHashrate();
        if (p.nftCount == 0 || p.nftCount >= TOKENS_PER_PRODUCT) {
            revert HashrateNFTInvalidNftCount(p.nftCount, TOKENS_PER_PRODUCT - 1);
        }
        if (
            p.termEnd <= p.termStart || p.termEnd - p.termStart > MAX_TERM || (p.termEnd - p.termStart) % 1 days != 0
        ) revert HashrateNFTInvalidTerm(p.termStart, p.termEnd);

        productId = ++_productCount;
        _products[productId] = Product({
            miner: p.miner,
            coin: p.coin,
            nftCount: p.nftCount,
            minted: 0,
            termStart: p.termStart,
            termEnd: p.termEnd,
            // forge-lint: disable-next-line(unsafe-typecast) -- unix seconds fit 64 bits
            createdAt: uint64(block.timestamp),
            mintedOutAt: 0,
            hashratePerNFT: p.hashratePerNFT,
            expectedDailyYieldPerUnit: p.expectedDailyYieldPerUnit,
            nodeId: p.nodeId
        });
        emit ProductCreated(
            productId,
            p.miner,
            p.coin,
            p.nodeId,
            p.hashratePerNFT,
            p.nftCount,
            p.termStart,
            p.termEnd,
            p.expectedDailyYieldPerUnit
        );
    }

    /// @notice Mints the next `quantity` NFTs of a product to its miner (in batches: a product may have hundreds).
    /// @dev Only ISSUER_ROLE. Emits one {Transfer} per token and {ProductMinted}.
    /// @return firstTokenId the id of the first token minted; the rest follow consecutively.
    function mint(uint256 productId, uint256 quantity) external onlyRole(ISSUER_ROLE) returns (uint256 firstTokenId) {
        Product storage p = _products[productId];
        address miner = p.miner;
        if (miner == address(0)) revert HashrateNFTUnknownProduct(productId);
        uint256 minted = p.minted;
        uint256 remaining = p.nftCount - minted;
        if (quantity == 0 || quantity > remaining) revert HashrateNFTInvalidQuantity(productId, quantity, remaining);

        // forge-lint: disable-next-line(unsafe-typecast) -- at most nftCount, a uint32
        p.minted = uint32(minted + quantity);
        // forge-lint: disable-next-line(unsafe-typecast) -- unix seconds fit 64 bits
        if (quantity == remaining) p.mintedOutAt = uint64(block.timestamp);
        firstTokenId = productId * TOKENS_PER_PRODUCT + minted + 1;
        _markUnsold(firstTokenId, quantity);
        for (uint256 i; i < quantity; ++i) {
            _mint(miner, firstTokenId + i);
        }
        emit ProductMinted(productId, firstTokenId, quantity);
    }

    // ---------------------------------------------------------------- admin

    /// @notice Sets the base of every token's metadata URI (the app's `/api/nft/` route).
    /// @dev Only DEFAULT_ADMIN_ROLE. Emits {BaseURIUpdated} and ERC-4906 {BatchMetadataUpdate}.
    function setBaseURI(string calldata baseTokenURI) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _baseTokenURI = baseTokenURI;
        emit BaseURIUpdated(baseTokenURI);
        emit BatchMetadataUpdate(0, type(uint256).max);
    }

    /// @notice Records that value was paid out of each of `tokenIds` to its holder (a refund, yield or an
    /// insurance payout): bumps their {claimNonce}, so a sale the buyer committed to before the claim fails.
    /// @dev Only CLAIMS_ROLE. Eight tokens share a storage word, so a batch of consecutive ids costs one write
    /// per eight. The nonce wraps after 2**32 claims (a buyer's commitment is to the value it saw, not a count).
    function recordClaims(uint256[] calldata tokenIds) external onlyRole(CLAIMS_ROLE) {
        for (uint256 i; i < tokenIds.length; ++i) {
            uint256 tokenId = tokenIds[i];
            uint256 shift = (tokenId & 7) << 5;
            uint256 word = _claimNonces[tokenId >> 3];
            uint256 next = ((word >> shift) + 1) & 0xffffffff;
            _claimNonces[tokenId >> 3] = (word & ~(uint256(0xffffffff) << shift)) | (next << shift);
        }
    }

    /// @notice Sets the sale channel, the only operator that may move unsold tokens (the Marketplace).
    /// @dev Only DEFAULT_ADMIN_ROLE. address(0) freezes unsold tokens with their miners. Emits {SaleChannelUpdated}.
    function setSaleChannel(address channel) external onlyRole(DEFAULT_ADMIN_ROLE) {
        emit SaleChannelUpdated(_saleChannel, channel);
        _saleChannel = channel;
    }

    // ---------------------------------------------------------------- views

    /// @notice The only operator that may move unsold tokens (the Marketplace).
    function saleChannel() external view returns (address) {
        return _saleChannel;
    }

    /// @inheritdoc IHashrateProducts
    function isSold(uint256 tokenId) external view returns (bool) {
        return _ownerOf(tokenId) != address(0) && !_isUnsold(tokenId);
    }

    /// @inheritdoc IHashrateProducts
    function claimNonce(uint256 tokenId) public view returns (uint256) {
        return (_claimNonces[tokenId >> 3] >> ((tokenId & 7) << 5)) & 0xffffffff;
    }

    /// @inheritdoc IHashrateProducts
    function saleState(uint256 tokenId) external view returns (address owner, bool sold, uint256 nonce) {
        owner = _ownerOf(tokenId);
        sold = owner != address(0) && !_isUnsold(tokenId);
        nonce = claimNonce(tokenId);
    }

    /// @notice Number of products created; product ids run from 1 to this number.
    function productCount() external view returns (uint256) {
        return _productCount;
    }

    /// @notice A product's attributes. Reverts for an unknown id.
    function product(uint256 productId) external view returns (Product memory) {
        Product memory p = _products[productId];
        if (p.miner == address(0)) revert HashrateNFTUnknownProduct(productId);
        return p;
    }

    /// @notice The product a token id belongs to (pure arithmetic; does not check the token exists).
    function productIdOf(uint256 tokenId) public pure returns (uint256) {
        return tokenId / TOKENS_PER_PRODUCT;
    }

    /// @notice The miner of a token's product: the account that issued it and sells it on the primary market.
    /// @dev One storage read. Reverts with {HashrateNFTUnknownProduct} when the product does not exist; like
    /// {productIdOf} it does not check that the token itself was minted.
    function minerOf(uint256 tokenId) external view returns (address miner) {
        uint256 productId = productIdOf(tokenId);
        miner = _products[productId].miner;
        if (miner == address(0)) revert HashrateNFTUnknownProduct(productId);
    }

    /// @notice Hashrate of one existing token, in thousandths of its product's unit.
    function hashrateOf(uint256 tokenId) external view returns (uint256) {
        _requireOwned(tokenId);
        return _products[productIdOf(tokenId)].hashratePerNFT;
    }

    /// @notice The base of every token's metadata URI.
    function baseURI() external view returns (string memory) {
        return _baseTokenURI;
    }

    /// @inheritdoc ERC721
    function tokenURI(uint256 tokenId) public view override returns (string memory) {
        _requireOwned(tokenId);
        return string.concat(_baseTokenURI, tokenId.toString());
    }

    // ---------------------------------------------------------------- internal

    /// @dev Enforces the never-sold mark (see the contract's notes) before every transfer; mints pass through.
    function _update(address to, uint256 tokenId, address auth) internal override returns (address) {
        if (_isUnsold(tokenId)) {
            address from = _ownerOf(tokenId);
            if (from != address(0)) {
                address channel = _saleChannel;
                if (msg.sender != channel) revert HashrateNFTUnsoldTransfer(tokenId, msg.sender);
                // Into the channel (an auction) it stays unsold; back from the channel to its miner (an auction
                // cancelled or without bids) too; to anyone else it is the first sale.
                if (to != channel && (from != channel || to != _products[productIdOf(tokenId)].miner)) {
                    _unsold[tokenId >> 8] &= ~(uint256(1) << (tokenId & 0xff));
                    emit FirstSale(tokenId, to);
                }
            }
        }
        return super._update(to, tokenId, auth);
    }

    function _isUnsold(uint256 tokenId) private view returns (bool) {
        return (_unsold[tokenId >> 8] >> (tokenId & 0xff)) & 1 == 1;
    }

    /// @dev Sets the unsold bit of `quantity` consecutive tokens from `first`, one storage write per 256 tokens.
    function _markUnsold(uint256 first, uint256 quantity) private {
        uint256 id = first;
        uint256 end = first + quantity;
        while (id < end) {
            uint256 word = id >> 8;
            uint256 lo = id & 0xff;
            uint256 wordEnd = (word + 1) << 8;
            uint256 hi = end < wordEnd ? end - (word << 8) : 256; // exclusive bit index
            uint256 mask = hi == 256 ? type(uint256).max << lo : ((uint256(1) << hi) - 1) & (type(uint256).max << lo);
            _unsold[word] |= mask;
            id = (word << 8) + hi;
        }
    }

    /// @inheritdoc IERC165
    function supportsInterface(bytes4 interfaceId)
        public
        view
        override(ERC721, AccessControl, IERC165)
        returns (bool)
    {
        return interfaceId == bytes4(0x49064906) || super.supportsInterface(interfaceId);
    }
}
