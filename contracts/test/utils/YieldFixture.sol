// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TestBase} from "./Vm.sol";
import {HashrateNFT} from "../../src/HashrateNFT.sol";
import {IFIL} from "../../src/IFIL.sol";
import {YieldDistributor} from "../../src/YieldDistributor.sol";
import {YieldOracle} from "../../src/YieldOracle.sol";
import {MockWBTC} from "../../mocks/MockWBTC.sol";
import {StubEscrow} from "../mocks/StubEscrow.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Deploys the NFT, IFIL, the WBTC mock, the yield distributor and the oracle. Products are created by
/// the tests ({_product}); the clock starts mid-day so day boundaries are exercised deliberately.
abstract contract YieldFixture is TestBase {
    HashrateNFT internal nft;
    IFIL internal ifil;
    MockWBTC internal wbtc;
    YieldDistributor internal dist;
    YieldOracle internal oracle;
    /// @dev First sales here go through this stand-in escrow (see {_sell}).
    StubEscrow internal stubEscrow;

    address internal admin = address(0xAD);
    address internal bridge = address(0xB41D);
    address internal miner = address(0x111);
    address internal alice = address(0xA11CE);
    address internal bob = address(0xB0B);

    uint256 internal constant T0 = 1_750_000_000; // 2025-06-15 15:06:40 UTC
    uint256 internal today;

    function setUp() public virtual {
        vm.warp(T0);
        today = T0 / 1 days;
        nft = new HashrateNFT(admin, "http://localhost:3000/api/nft/");
        ifil = new IFIL(admin, 0); // the test chain (31337) stands in for Filecoin: IFIL wraps the native coin
        wbtc = new MockWBTC();
        dist = new YieldDistributor(admin, nft, IERC20(address(ifil)), IERC20(address(wbtc)));
        oracle = new YieldOracle(admin);
        vm.startPrank(admin);
        nft.grantRole(nft.ISSUER_ROLE(), admin);
        nft.grantRole(nft.CLAIMS_ROLE(), address(dist));
        // No marketplace here: the miner is the sale channel, and its first-sale transfers (through a stand-in
        // escrow) hand NFTs to holders.
        nft.setSaleChannel(miner);
        stubEscrow = new StubEscrow();
        vm.stopPrank();
        vm.label(address(dist), "distributor");
        vm.label(miner, "miner");
        vm.label(alice, "alice");
        vm.label(bob, "bob");
    }

    /// @dev Creates a product starting now (term `termDays`), mints `mintCount` of its `count` NFTs to the miner.
    function _product(HashrateNFT.Coin coin, uint32 count, uint128 hashratePerNFT, uint32 mintCount, uint256 termDays)
        internal
        returns (uint256 productId)
    {
        vm.startPrank(admin);
        productId = nft.createProduct(
            HashrateNFT.ProductParams({
                miner: miner,
                coin: coin,
                nodeId: coin == HashrateNFT.Coin.FIL ? "f01234" : "btc-node-1",
                hashratePerNFT: hashratePerNFT,
                nftCount: count,
                termStart: uint64(block.timestamp),
                termEnd: uint64(block.timestamp + termDays * 1 days),
                expectedDailyYieldPerUnit: 2.2e15
            })
        );
        if (mintCount != 0) nft.mint(productId, mintCount);
        vm.stopPrank();
    }

    function _filProduct(uint32 count) internal returns (uint256) {
        return _product(HashrateNFT.Coin.FIL, count, 1000, count, 540);
    }

    function _tokenOf(uint256 productId, uint256 serial) internal pure returns (uint256) {
        return productId * 1_000_000 + serial;
    }

    /// @dev Gives `payer` `amount` of the yield token of `coin` and approves the distributor for it.
    function _fund(address payer, HashrateNFT.Coin coin, uint256 amount) internal {
        if (coin == HashrateNFT.Coin.FIL) {
            vm.deal(payer, payer.balance + amount);
            vm.prank(payer);
            ifil.deposit{value: amount}();
            vm.prank(payer);
            ifil.approve(address(dist), type(uint256).max);
        } else {
            wbtc.mint(payer, amount);
            vm.prank(payer);
            wbtc.approve(address(dist), type(uint256).max);
        }
    }

    /// @dev Funds the miner and deposits `amount` for `productId` on `day`.
    function _deposit(uint256 productId, HashrateNFT.Coin coin, uint256 day, uint256 amount) internal {
        _fund(miner, coin, amount);
        vm.prank(miner);
        dist.deposit(productId, day, amount);
    }

    function _ids1(uint256 a) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](1);
        ids[0] = a;
    }

    function _ids2(uint256 a, uint256 b) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](2);
        ids[0] = a;
        ids[1] = b;
    }
}
