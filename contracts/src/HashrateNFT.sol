// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {PackedERC721} from "./PackedERC721.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC4906} from "@openzeppelin/contracts/interfaces/IERC4906.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {IHashrateProducts} from "./interfaces/IHashrateProducts.sol";
import {IRevenueEscrow} from "./interfaces/IRevenueEscrow.sol";
import {IUnmintedSaleChannel} from "./interfaces/IUnmintedSaleChannel.sol";

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
/// token as primary (its money goes to the escrow) whoever lists it. The channel moves unsold tokens without an
/// approval (the miner's consent is its listing or auction there). The mark is a bit of the token's ownership word
/// (PackedERC721), so it costs no storage of its own.
///
/// **Escrow stream in the token's word.** A first sale happens only through {transferFromFirstSale}: the channel
/// names the escrow and the sale's proceeds, this contract books them with the escrow (`credit`, which only this
/// contract may call) and stores the stream the escrow returns (94 bits: its amount, start day, halt epoch) in the
/// same word as the new owner, so the first sale writes the token's word once. Only ESCROW_ROLE (the RevenueEscrow)
/// rewrites a stream afterwards ({recordRefunds}). A plain transfer that would be a first sale reverts
/// {HashrateNFTFirstSaleOutsideEscrow}: no NFT is ever sold without its money in the escrow.
///
/// **Mint on purchase.** {listUnminted} (the issuer, for an active miner) puts every NFT of a product not yet minted
/// on sale on the channel at one price: each exists only once bought, when the channel mints it to its buyer
/// ({mintFirstSale}), already sold, with its escrow stream. Issuing a product is then one call whatever its size;
/// the buyer pays the first write of the token's word, as a buyer of a minted NFT pays its move.
contract HashrateNFT is PackedERC721, AccessControl, IERC4906, IHashrateProducts {
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
    /// @param minted how many have been issued so far: minted, or put on sale to be minted on purchase ({listUnminted}).
    /// @param termStart unix time the hashrate starts producing for holders.
    /// @param termEnd unix time the term ends; `termEnd - termStart` is a whole number of days.
    /// @param createdAt unix time the product was created (the miner's activation).
    /// @param saleFrom the serial of the first NFT put on sale unminted ({listUnminted}; 0: none): serials
    /// `saleFrom` ... `nftCount` exist only once bought (the {saleChannel} mints each to its buyer).
    /// @param mintedOutAt unix time its last NFT was issued (0 until `minted == nftCount`): the yield
    /// distributor opens deposits then, so the miner can first pay from the next UTC day on.
    /// @param hashratePerNFT hashrate of one NFT in thousandths of the unit (1000 = 1 TiB for FIL).
    /// @param expectedDailyYieldPerUnit expected yield per whole unit per day, in the yield token's base units.
    /// @param nodeId the miner's node on the mined chain, e.g. Filecoin `f01234`.
    struct Product {
        address miner;
        Coin coin;
        uint32 nftCount;
        uint32 minted;
        uint24 saleFrom;
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
    /// @notice Held by the RevenueEscrow alone: it rewrites a token's escrow stream when a holder claims a refund
    /// ({recordRefunds}, which bumps the claim nonce too).
    bytes32 public constant ESCROW_ROLE = keccak256("ESCROW_ROLE");
    /// @dev Width of the escrow stream stored with each token (see the contract's notes).
    uint256 private constant ESCROW_DATA_BITS = 94;
    /// @notice Token id space of one product: ids `productId * 1e6 + 1` ... `productId * 1e6 + nftCount`.
    uint256 public constant TOKENS_PER_PRODUCT = 1_000_000;
    /// @notice Decimals of `hashratePerNFT` (thousandths of a TiB or TH/s).
    uint8 public constant HASHRATE_DECIMALS = 3;
    uint256 public constant MAX_TERM = 1825 days;
    uint256 public constant MAX_NODE_ID_LENGTH = 64;

    uint256 private _productCount;
    mapping(uint256 productId => Product) private _products;
    string private _baseTokenURI;
    /// @dev Aux bit (PackedERC721) set while a token is unsold: it lives in the token's ownership word.
    uint256 private constant _UNSOLD = 1;
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
    /// @notice The product's NFTs `firstTokenId` ... `firstTokenId + quantity - 1` were put on sale unminted: each is
    /// minted to its buyer by the {saleChannel} ({mintFirstSale}).
    event ProductListedUnminted(uint256 indexed productId, uint256 firstTokenId, uint256 quantity);
    event BaseURIUpdated(string baseURI);
    event SaleChannelUpdated(address oldChannel, address newChannel);
    /// @notice `tokenId`, minted unsold, was sold for the first time (its primary sale) and moves freely from now on.
    /// A token minted on purchase ({mintFirstSale}) is sold from birth and has no such event.
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
    /// @notice Only the {saleChannel} sells a token for the first time.
    error HashrateNFTNotSaleChannel(address caller);
    /// @notice {transferFromFirstSale} was called for a move that is not a token's first sale.
    error HashrateNFTNotFirstSale(uint256 tokenId);
    /// @notice A first sale must go through {transferFromFirstSale}, which books its money with the escrow.
    error HashrateNFTFirstSaleOutsideEscrow(uint256 tokenId);
    /// @notice The escrow returned a stream that is empty or wider than {ESCROW_DATA_BITS}.
    error HashrateNFTInvalidEscrowData(uint256 tokenId, uint256 data);
    /// @notice {mintFirstSale} was asked for a token that is not on sale unminted (outside its product's range).
    error HashrateNFTNotForSale(uint256 tokenId);
    /// @notice {recordRefunds} got a different number of streams than tokens.
    error HashrateNFTLengthMismatch(uint256 tokens, uint256 data);

    constructor(address admin, string memory baseTokenURI) {
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
            saleFrom: 0,
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
        _mintConsecutive(miner, firstTokenId, quantity, _UNSOLD);
        emit ProductMinted(productId, firstTokenId, quantity);
    }

    /// @notice Puts every NFT of a product not yet minted on sale on the {saleChannel} at `price` each, minted on
    /// purchase: the miner's whole cost of issuing the product is this call, whatever its size. The product counts as
    /// fully issued from now on (`minted == nftCount`, `mintedOutAt` set: the miner owes yield for every NFT, as
    /// after {mint}); {mint} has nothing left to mint.
    /// @dev Only ISSUER_ROLE. Calls the channel's `listProduct` (which records the sale). Emits
    /// {ProductListedUnminted}.
    /// @return firstTokenId the id of the first NFT put on sale; the rest follow consecutively.
    /// @return quantity how many were put on sale.
    function listUnminted(uint256 productId, uint256 price)
        external
        onlyRole(ISSUER_ROLE)
        returns (uint256 firstTokenId, uint256 quantity)
    {
        Product storage p = _products[productId];
        address miner = p.miner;
        if (miner == address(0)) revert HashrateNFTUnknownProduct(productId);
        uint256 minted = p.minted;
        uint256 count = p.nftCount;
        quantity = count - minted;
        if (quantity == 0) revert HashrateNFTInvalidQuantity(productId, 0, 0);
        // forge-lint: disable-next-line(unsafe-typecast) -- below TOKENS_PER_PRODUCT < 2**24
        p.saleFrom = uint24(minted + 1);
        // forge-lint: disable-next-line(unsafe-typecast) -- nftCount is a uint32
        p.minted = uint32(count);
        // forge-lint: disable-next-line(unsafe-typecast) -- unix seconds fit 64 bits
        p.mintedOutAt = uint64(block.timestamp);
        firstTokenId = productId * TOKENS_PER_PRODUCT + minted + 1;
        emit ProductListedUnminted(productId, firstTokenId, quantity);
        IUnmintedSaleChannel(_saleChannel).listProduct(productId, miner, firstTokenId, quantity, price);
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
            _bumpNonce(tokenIds[i]);
        }
    }

    /// @notice Rewrites the escrow stream of each of `tokenIds` (a refund ended it) and bumps its {claimNonce}, as
    /// {recordClaims} does: value was paid out of the token to its holder.
    /// @dev Only ESCROW_ROLE (the RevenueEscrow). `data[i]` must fit {ESCROW_DATA_BITS}; tokens must exist.
    function recordRefunds(uint256[] calldata tokenIds, uint256[] calldata data) external onlyRole(ESCROW_ROLE) {
        if (tokenIds.length != data.length) revert HashrateNFTLengthMismatch(tokenIds.length, data.length);
        for (uint256 i; i < tokenIds.length; ++i) {
            uint256 tokenId = tokenIds[i];
            (address owner, uint256 aux) = _ownerAndAux(tokenId);
            if (owner == address(0)) revert ERC721NonexistentToken(tokenId);
            if (data[i] >> ESCROW_DATA_BITS != 0) revert HashrateNFTInvalidEscrowData(tokenId, data[i]);
            _setAux(tokenId, (aux & _UNSOLD) | (data[i] << 1));
            _bumpNonce(tokenId);
        }
    }

    /// @notice Sells `tokenId` for the first time: moves it from `from` to `to` and books `proceeds` (already
    /// transferred to `escrow`) as its purchase money there; the stream the escrow returns is stored with the token.
    /// @dev Only the {saleChannel}. The token must be unsold, owned by `from`, and the move must be a first sale
    /// (not into the channel, not from the channel back to the miner). Needs no approval. Emits {FirstSale} and
    /// {Transfer}; the escrow emits its `Credited`.
    function transferFromFirstSale(address from, address to, uint256 tokenId, IRevenueEscrow escrow, uint256 proceeds)
        external
    {
        address channel = _saleChannel;
        if (msg.sender != channel) revert HashrateNFTNotSaleChannel(msg.sender);
        if (to == address(0)) revert ERC721InvalidReceiver(address(0));
        uint256 packed = _packedOf(tokenId);
        address owner = address(uint160(packed));
        if (owner == address(0)) revert ERC721NonexistentToken(tokenId);
        if (owner != from) revert ERC721IncorrectOwner(from, tokenId, owner);
        if (((packed >> _AUX_SHIFT) & _UNSOLD) == 0 || !_isFirstSale(from, to, tokenId, channel)) {
            revert HashrateNFTNotFirstSale(tokenId);
        }
        uint256 data = escrow.credit(tokenId, proceeds);
        if (data == 0 || data >> ESCROW_DATA_BITS != 0) revert HashrateNFTInvalidEscrowData(tokenId, data);
        emit FirstSale(tokenId, to);
        _move(packed, from, to, tokenId, data << 1);
    }

    /// @notice Sells `tokenId`, put on sale unminted ({listUnminted}), to `to`: mints it there, already sold, and books
    /// `proceeds` (already transferred to `escrow`) as its purchase money, as {transferFromFirstSale} does.
    /// @dev Only the {saleChannel}. Reverts {HashrateNFTNotForSale} for a token outside its product's unminted range
    /// and {ERC721InvalidSender} for one already minted. Emits {Transfer} from address(0) only: a token minted by the
    /// channel outside {mint} is sold from birth, so no {FirstSale} is needed (it would cost the buyer 1,600 gas).
    /// @return miner the product's miner, the seller of this first sale.
    function mintFirstSale(address to, uint256 tokenId, IRevenueEscrow escrow, uint256 proceeds)
        external
        returns (address miner)
    {
        if (msg.sender != _saleChannel) revert HashrateNFTNotSaleChannel(msg.sender);
        if (to == address(0)) revert ERC721InvalidReceiver(address(0));
        Product storage p = _products[tokenId / TOKENS_PER_PRODUCT];
        miner = p.miner;
        uint256 serial = tokenId % TOKENS_PER_PRODUCT;
        uint256 from = p.saleFrom;
        if (from == 0 || serial < from || serial > p.nftCount) revert HashrateNFTNotForSale(tokenId);
        if (_ownerOf(tokenId) != address(0)) revert ERC721InvalidSender(address(0));
        uint256 data = escrow.credit(tokenId, proceeds);
        if (data == 0 || data >> ESCROW_DATA_BITS != 0) revert HashrateNFTInvalidEscrowData(tokenId, data);
        _mintOne(to, tokenId, data << 1);
    }

    /// @notice Sets the sale channel, the only operator that may move unsold tokens and sell them for the first time
    /// (the Marketplace).
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
        (address owner, uint256 aux) = _ownerAndAux(tokenId);
        return owner != address(0) && aux & _UNSOLD == 0;
    }

    /// @inheritdoc IHashrateProducts
    function claimNonce(uint256 tokenId) public view returns (uint256) {
        return (_claimNonces[tokenId >> 3] >> ((tokenId & 7) << 5)) & 0xffffffff;
    }

    /// @notice The owner of `tokenId` (address(0) when it does not exist) and the escrow stream stored with it (0 for a
    /// token never sold; its layout is the RevenueEscrow's).
    function escrowDataOf(uint256 tokenId) external view returns (address owner, uint256 data) {
        uint256 aux;
        (owner, aux) = _ownerAndAux(tokenId);
        data = aux >> 1;
    }

    /// @inheritdoc IHashrateProducts
    function saleState(uint256 tokenId) external view returns (address owner, bool sold, uint256 nonce) {
        uint256 aux;
        (owner, aux) = _ownerAndAux(tokenId);
        sold = owner != address(0) && aux & _UNSOLD == 0;
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

    /// @notice Hashrate of one existing token (thousandths of its product's unit) and the coin that fixes the unit
    /// (TiB for FIL, TH/s for BTC): what DMC mining weighs a staked NFT by.
    function hashrateAndCoinOf(uint256 tokenId) external view returns (uint256 hashrate, Coin coin) {
        _requireOwned(tokenId);
        Product storage p = _products[productIdOf(tokenId)];
        return (p.hashratePerNFT, p.coin);
    }

    /// @notice The base of every token's metadata URI.
    function baseURI() external view returns (string memory) {
        return _baseTokenURI;
    }

    /// @notice "DMEX Hashrate".
    function name() external pure returns (string memory) {
        return "DMEX Hashrate";
    }

    /// @notice "DMEXH".
    function symbol() external pure returns (string memory) {
        return "DMEXH";
    }

    /// @notice The token's metadata URI: the base URI followed by the token id.
    function tokenURI(uint256 tokenId) external view returns (string memory) {
        _requireOwned(tokenId);
        return string.concat(_baseTokenURI, tokenId.toString());
    }

    // ---------------------------------------------------------------- internal

    /// @dev Enforces the never-sold mark (see the contract's notes) on every plain transfer: an unsold token moves only
    /// by the channel, into the channel (an auction) or back from it to its miner (an auction cancelled or without
    /// bids); its first sale must go through {transferFromFirstSale}.
    function _updateAux(address from, address to, uint256 tokenId, uint256 aux) internal view override returns (uint256) {
        if (aux & _UNSOLD != 0) {
            address channel = _saleChannel;
            if (msg.sender != channel) revert HashrateNFTUnsoldTransfer(tokenId, msg.sender);
            if (_isFirstSale(from, to, tokenId, channel)) revert HashrateNFTFirstSaleOutsideEscrow(tokenId);
        }
        return aux;
    }

    /// @dev The channel moves unsold tokens without an approval (see the contract's notes).
    function _isTrustedOperator(address operator, uint256, uint256 aux) internal view override returns (bool) {
        return aux & _UNSOLD != 0 && operator == _saleChannel;
    }

    /// @dev Moves the claim nonce of `tokenId` (see {claimNonce}): eight tokens share a storage word.
    function _bumpNonce(uint256 tokenId) private {
        uint256 shift = (tokenId & 7) << 5;
        uint256 word = _claimNonces[tokenId >> 3];
        uint256 next = ((word >> shift) + 1) & 0xffffffff;
        _claimNonces[tokenId >> 3] = (word & ~(uint256(0xffffffff) << shift)) | (next << shift);
    }

    /// @dev Whether moving an unsold token from `from` to `to` is its first sale: not into the channel, and not from
    /// the channel back to the product's miner.
    function _isFirstSale(address from, address to, uint256 tokenId, address channel) private view returns (bool) {
        return to != channel && (from != channel || to != _products[productIdOf(tokenId)].miner);
    }

    /// @inheritdoc IERC165
    function supportsInterface(bytes4 interfaceId)
        public
        view
        override(PackedERC721, AccessControl, IERC165)
        returns (bool)
    {
        return interfaceId == bytes4(0x49064906) || super.supportsInterface(interfaceId);
    }
}
