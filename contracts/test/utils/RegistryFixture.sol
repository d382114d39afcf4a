// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {handOver, sellThroughMarket} from "./HandOver.sol";

import {TestBase} from "./Vm.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {HashrateNFT} from "../../src/HashrateNFT.sol";
import {Marketplace} from "../../src/Marketplace.sol";
import {MinerRegistry} from "../../src/MinerRegistry.sol";
import {RevenueEscrow} from "../../src/RevenueEscrow.sol";
import {MockUSDT} from "../../mocks/MockUSDT.sol";
import {MockDMC} from "../mocks/MockDMC.sol";

/// @notice Deploys the registry as the real deployment will: HashrateNFT administered by `governance` (the
/// timelock), which grants the registry ISSUER_ROLE; the deployer (this test contract) keeps no role.
/// Also a Marketplace (admin `governance`) and the mock stablecoin, so minted NFTs can be listed and sold.
/// Both miners hold MINER_DMC and approve the registry for any amount.
abstract contract RegistryFixture is TestBase {
    HashrateNFT internal nft;
    MinerRegistry internal registry;
    MockDMC internal dmc;
    Marketplace internal market;
    RevenueEscrow internal escrow;
    MockUSDT internal usdt;

    address internal governance = address(0x71E);
    address internal insurance = address(0x1F5);
    address internal treasury = address(0x7EA);
    address internal slasherBot = address(0x51A5);
    address internal miner = address(0x111);
    address internal miner2 = address(0x222);
    address internal buyer = address(0xB0B);
    address internal stranger = address(0x5757);

    uint256 internal constant START = 1_750_000_000;
    uint256 internal constant STAKE = 50_000e18;
    uint256 internal constant MINER_DMC = 1_000_000e18;
    uint256 internal constant FEE_BPS = 200; // trading fee (resales)
    uint256 internal constant ISSUANCE_FEE_BPS = 500; // issuance channel fee (primary sales)
    uint256 internal constant TPP = 1_000_000; // HashrateNFT.TOKENS_PER_PRODUCT

    function setUp() public virtual {
        vm.warp(START);
        dmc = new MockDMC();
        usdt = new MockUSDT();
        nft = new HashrateNFT(governance, "http://localhost:3000/api/nft/");
        registry = new MinerRegistry(governance, nft, dmc, insurance, STAKE, address(0), address(0));
        escrow = new RevenueEscrow(governance, nft, usdt);
        market = new Marketplace(governance, nft, usdt, treasury, FEE_BPS, ISSUANCE_FEE_BPS, escrow, insurance, 0);
        bytes32 depositor = escrow.DEPOSITOR_ROLE();
        vm.prank(governance);
        escrow.grantRole(depositor, address(market));
        vm.prank(governance);
        nft.setSaleChannel(address(market));

        bytes32 issuerRole = nft.ISSUER_ROLE();
        vm.prank(governance);
        nft.grantRole(issuerRole, address(registry));
        bytes32 escrowRole = nft.ESCROW_ROLE();
        vm.prank(governance);
        nft.grantRole(escrowRole, address(escrow));

        _fundMiner(miner);
        _fundMiner(miner2);
        vm.label(address(registry), "registry");
        vm.label(governance, "governance");
        vm.label(insurance, "insurance");
        vm.label(miner, "miner");
        vm.label(miner2, "miner2");
    }

    // ---------------------------------------------------------------- helpers

    /// @dev A valid FIL application: 100 NFTs of 1 TiB out of 100 TiB effective (120 TiB raw), 540 days from
    /// next week, 4.80 USDT each, 0.0022 FIL per TiB per day.
    function _params() internal view returns (MinerRegistry.ApplicationParams memory) {
        return MinerRegistry.ApplicationParams({
            name: "Shenzhen A1",
            documentsURI: "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/due-diligence.pdf",
            documentsHash: keccak256("due diligence v1"),
            coin: HashrateNFT.Coin.FIL,
            nodeId: "f01234",
            totalHashrate: 120_000,
            effectiveHashrate: 100_000,
            hashratePerNFT: 1000,
            nftCount: 100,
            termStart: uint64(block.timestamp + 7 days),
            termDays: 540,
            pricePerNFT: 4_800_000,
            expectedDailyYieldPerUnit: 2.2e15
        });
    }

    uint256 private _nodeSeq;

    /// @dev An application of the default node `f01234` after the first moves to a node of its own (`f01235`, ...):
    /// the registry refuses to sell one node's hashrate twice. Tests of that rule pass `_exactly(p)`.
    function _submit(address who, MinerRegistry.ApplicationParams memory p) internal returns (uint256 id) {
        if (keccak256(bytes(p.nodeId)) == keccak256("f01234") && _nodeSeq++ != 0) {
            p.nodeId = string.concat("f0", Strings.toString(1234 + _nodeSeq - 1));
        }
        vm.prank(who);
        id = registry.submitApplication(p);
    }

    function _submit() internal returns (uint256 id) {
        return _submit(miner, _params());
    }

    function _approve(uint256 id) internal {
        vm.prank(governance);
        registry.approve(id);
    }

    function _activate(uint256 id) internal returns (uint256 productId) {
        vm.prank(registry.application(id).miner);
        productId = registry.stakeAndActivate(id);
    }

    /// @dev A fresh application of `miner` that is Active (staked, product created, nothing minted).
    function _active() internal returns (uint256 id, uint256 productId) {
        id = _submit();
        _approve(id);
        productId = _activate(id);
    }

    /// @dev A fresh application of `miner` in status `s`. Reaching Completed warps to the end of its term; reaching
    /// Defaulted makes `slasherBot` the slasher. Withdrawn is unreachable (kept in the enum for its position).
    function _inStatus(MinerRegistry.Status s) internal returns (uint256 id) {
        id = _submit();
        if (s == MinerRegistry.Status.Pending) return id;
        if (s == MinerRegistry.Status.Rejected) {
            vm.prank(governance);
            registry.reject(id, "no");
            return id;
        }
        _approve(id);
        if (s == MinerRegistry.Status.Approved) return id;
        _activate(id);
        if (s == MinerRegistry.Status.Active) return id;
        if (s == MinerRegistry.Status.Slashed) {
            vm.prank(governance);
            registry.slash(id);
            return id;
        }
        if (s == MinerRegistry.Status.Defaulted || s == MinerRegistry.Status.Flagged) {
            vm.prank(governance);
            registry.setSlasher(slasherBot);
            vm.prank(slasherBot);
            registry.markFlagged(id);
            if (s == MinerRegistry.Status.Flagged) return id;
            vm.prank(slasherBot);
            registry.markDefaulted(id);
            return id;
        }
        require(s == MinerRegistry.Status.Completed, "Withdrawn is unreachable");
        vm.warp(registry.termEnd(id));
        vm.prank(miner);
        registry.withdrawStake(id);
    }

    /// @dev See {handOver}: a never-sold NFT goes through a 1-unit first sale on the sale channel.
    function _handOver(uint256 tokenId, address to) internal {
        handOver(nft, usdt, tokenId, to);
    }

    /// @dev Sells `tokenId` to `to` on the marketplace for 1 USDT (a never-sold NFT can only leave its miner so).
    function _sell(uint256 tokenId, address to) internal {
        sellThroughMarket(market, nft, usdt, tokenId, to, 1e6);
    }

    function _status(uint256 id) internal view returns (MinerRegistry.Status) {
        return registry.application(id).status;
    }

    function _fundMiner(address who) internal {
        dmc.mint(who, MINER_DMC);
        vm.prank(who);
        dmc.approve(address(registry), type(uint256).max);
    }

    /// @dev `length` bytes of "a".
    function _str(uint256 length) internal pure returns (string memory s) {
        bytes memory b = new bytes(length);
        for (uint256 i; i < length; ++i) {
            b[i] = "a";
        }
        s = string(b);
    }

    /// @dev `length` decimal digits cycling 1..9,0.
    function _digits(uint256 length) internal pure returns (string memory s) {
        bytes memory b = new bytes(length);
        for (uint256 i; i < length; ++i) {
            b[i] = bytes1(uint8(48 + (i + 1) % 10));
        }
        s = string(b);
    }
}
