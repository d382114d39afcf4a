// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {handOver} from "./HandOver.sol";

import {TestBase} from "./Vm.sol";
import {HashrateNFT} from "../../src/HashrateNFT.sol";
import {Marketplace} from "../../src/Marketplace.sol";
import {RevenueEscrow} from "../../src/RevenueEscrow.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {MockUSDT} from "../../mocks/MockUSDT.sol";

/// @notice Deploys the NFT, the revenue escrow, the marketplace and the mock stablecoin, with one FIL product of
/// 1 TiB NFTs. Primary-sale proceeds go to the escrow (the marketplace holds its DEPOSITOR_ROLE); the insurance
/// share of fees is 0 unless a test sets it.
abstract contract MarketFixture is TestBase {
    HashrateNFT internal nft;
    Marketplace internal market;
    RevenueEscrow internal escrow;
    MockUSDT internal usdt;

    address internal admin = address(0xAD);
    address internal treasury = address(0x7EA);
    address internal insuranceFund = address(0x1F5);
    address internal miner = address(0x111);
    address internal buyer = address(0xB0B);
    address internal buyer2 = address(0xB0B2);

    uint256 internal constant FEE_BPS = 200; // trading fee (resales): 2%
    uint256 internal constant ISSUANCE_FEE_BPS = 500; // issuance channel fee (primary sales): 5%
    uint256 internal constant PRICE = 4_800_000; // 4.80 USDT
    uint256 internal productId;

    function setUp() public virtual {
        vm.warp(1_750_000_000);
        usdt = new MockUSDT();
        nft = new HashrateNFT(admin, "http://localhost:3000/api/nft/");
        (market, escrow) = _newMarket(usdt, FEE_BPS, ISSUANCE_FEE_BPS);
        vm.startPrank(admin);
        nft.grantRole(nft.ISSUER_ROLE(), admin);
        productId = nft.createProduct(_params(miner, 100));
        nft.mint(productId, 100);
        vm.stopPrank();
        vm.prank(miner);
        nft.setApprovalForAll(address(market), true);

        usdt.mint(buyer, 1_000_000e6);
        usdt.mint(buyer2, 1_000_000e6);
        vm.prank(buyer);
        usdt.approve(address(market), type(uint256).max);
        vm.prank(buyer2);
        usdt.approve(address(market), type(uint256).max);
    }

    /// @dev A marketplace paid in `token` with its own escrow (of that token), wired as on a deployment.
    function _newMarket(IERC20 token, uint256 feeBps, uint256 issuanceFeeBps)
        internal
        returns (Marketplace m, RevenueEscrow e)
    {
        e = new RevenueEscrow(admin, nft, token);
        m = new Marketplace(admin, nft, token, treasury, feeBps, issuanceFeeBps, e, insuranceFund, 0);
        bytes32 depositor = e.DEPOSITOR_ROLE();
        vm.prank(admin);
        e.grantRole(depositor, address(m));
        // the latest marketplace is the NFT's sale channel (the only mover of never-sold NFTs)
        vm.prank(admin);
        nft.setSaleChannel(address(m));
        bytes32 escrowRole = nft.ESCROW_ROLE();
        vm.prank(admin);
        nft.grantRole(escrowRole, address(e));
    }

    function _params(address miner_, uint32 count) internal view returns (HashrateNFT.ProductParams memory) {
        return HashrateNFT.ProductParams({
            miner: miner_,
            coin: HashrateNFT.Coin.FIL,
            nodeId: "f01234",
            hashratePerNFT: 1000, // 1 TiB
            nftCount: count,
            termStart: uint64(block.timestamp),
            termEnd: uint64(block.timestamp + 540 days),
            expectedDailyYieldPerUnit: 2.2e15 // 0.0022 FIL per TiB per day
        });
    }

    /// @dev See {handOver}: a never-sold NFT goes through a 1-unit first sale on the sale channel.
    function _handOver(uint256 tokenId, address to) internal {
        handOver(nft, usdt, tokenId, to);
    }

    function _token(uint256 serial) internal view returns (uint256) {
        return productId * nft.TOKENS_PER_PRODUCT() + serial;
    }

    function _list(uint256 serial, uint256 price) internal returns (uint256 tokenId) {
        tokenId = _token(serial);
        vm.prank(miner);
        market.list(tokenId, price);
    }
}
