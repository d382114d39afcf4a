// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TestBase} from "../utils/Vm.sol";
import {HashrateNFT} from "../../src/HashrateNFT.sol";
import {RevenueEscrow} from "../../src/RevenueEscrow.sol";
import {MockUSDT} from "../../mocks/MockUSDT.sol";

/// @notice Drives the RevenueEscrow for the invariant suite over two products of one miner: the NFT's sale channel
/// sells random tokens for the first time, which credits them (once each: a repeat first sale is refused), time passes in whole days and seconds, the miner withdraws, the guardian
/// halts and resumes, holders claim refunds, NFTs change hands. Every action bounds its inputs and skips what
/// cannot succeed, so no call reverts (`fail_on_revert = true`); refused actions are tried in try/catch and an
/// unexpected outcome is counted in `ghost_unexpectedOutcomes`.
contract EscrowHandler is TestBase {
    HashrateNFT public immutable nft;
    RevenueEscrow public immutable escrow;
    MockUSDT public immutable usdt;
    address public immutable channel;
    address public immutable guardian;
    address public immutable miner;

    uint256[] internal _products;
    uint256[] internal _tokens;
    address[] internal _holders;

    mapping(uint256 productId => uint256) public ghost_credited;
    mapping(uint256 productId => uint256) public ghost_withdrawn;
    mapping(uint256 productId => uint256) public ghost_refunded;
    /// @notice Release seen after the last action per product: it never goes backwards (a halt freezes it, a
    /// refund or a merge moves nothing released). Each decrease is counted in `ghost_releaseDecreases`.
    mapping(uint256 productId => uint256) public ghost_lastReleased;
    uint256 public ghost_releaseDecreases;
    uint256 public ghost_unexpectedOutcomes;
    mapping(bytes32 action => uint256) public calls;

    constructor(
        HashrateNFT nft_,
        RevenueEscrow escrow_,
        MockUSDT usdt_,
        address channel_,
        address guardian_,
        address miner_,
        uint256[] memory products_,
        uint256[] memory tokens_,
        address[] memory holders_
    ) {
        nft = nft_;
        escrow = escrow_;
        usdt = usdt_;
        channel = channel_;
        guardian = guardian_;
        miner = miner_;
        _products = products_;
        _tokens = tokens_;
        _holders = holders_;
    }

    modifier checksRelease() {
        _;
        for (uint256 i; i < _products.length; ++i) {
            uint256 released = escrow.productState(_products[i]).released;
            if (released < ghost_lastReleased[_products[i]]) ghost_releaseDecreases++;
            ghost_lastReleased[_products[i]] = released;
        }
    }

    // ================================================================ actions

    function credit(uint256 tokenSeed, uint256 amount) external checksRelease {
        uint256 tokenId = _tokens[tokenSeed % _tokens.length];
        amount = bound(amount, 1, 1e12);
        uint256 productId = tokenId / 1_000_000;
        address owner = nft.ownerOf(tokenId);
        if (nft.isSold(tokenId)) {
            // credited once (its first sale): a second first sale must be refused
            vm.prank(channel);
            try nft.transferFromFirstSale(owner, owner, tokenId, escrow, amount) {
                ghost_unexpectedOutcomes++;
            } catch (bytes memory reason) {
                if (bytes4(reason) != HashrateNFT.HashrateNFTNotFirstSale.selector) ghost_unexpectedOutcomes++;
            }
            calls["credit (repeat refused)"]++;
            return;
        }
        usdt.mint(address(escrow), amount);
        vm.prank(channel);
        nft.transferFromFirstSale(owner, owner, tokenId, escrow, amount);
        ghost_credited[productId] += amount;
        calls["credit"]++;
    }

    function withdraw(uint256 productSeed) external checksRelease {
        uint256 productId = _products[productSeed % _products.length];
        uint256 amount = escrow.withdrawable(productId);
        if (amount == 0) {
            vm.prank(miner);
            try escrow.withdraw(productId) {
                ghost_unexpectedOutcomes++;
            } catch (bytes memory reason) {
                if (bytes4(reason) != RevenueEscrow.RevenueEscrowNothingToWithdraw.selector) {
                    ghost_unexpectedOutcomes++;
                }
            }
            calls["withdraw (nothing, rejected)"]++;
            return;
        }
        uint256 before = usdt.balanceOf(miner);
        vm.prank(miner);
        escrow.withdraw(productId);
        if (usdt.balanceOf(miner) - before != amount) ghost_unexpectedOutcomes++;
        ghost_withdrawn[productId] += amount;
        calls["withdraw"]++;
    }

    function halt(uint256 productSeed) external checksRelease {
        uint256 productId = _products[productSeed % _products.length];
        if (escrow.productState(productId).halted) {
            calls["halt (skipped: halted)"]++;
            return;
        }
        vm.prank(guardian);
        escrow.halt(productId);
        calls["halt"]++;
    }

    function resume(uint256 productSeed) external checksRelease {
        uint256 productId = _products[productSeed % _products.length];
        if (!escrow.productState(productId).halted) {
            vm.prank(guardian);
            try escrow.resume(productId) {
                ghost_unexpectedOutcomes++;
            } catch (bytes memory reason) {
                if (bytes4(reason) != RevenueEscrow.RevenueEscrowNotHalted.selector) ghost_unexpectedOutcomes++;
            }
            calls["resume (not halted, rejected)"]++;
            return;
        }
        vm.prank(guardian);
        escrow.resume(productId);
        calls["resume"]++;
    }

    /// @notice The holder of a token claims its refund (with a second token of the same holder when it has one).
    function claimRefund(uint256 tokenSeed) external checksRelease {
        uint256 tokenId = _tokens[tokenSeed % _tokens.length];
        address holder = nft.ownerOf(tokenId);
        uint256 amount = escrow.refundable(tokenId);
        if (amount == 0) {
            vm.prank(holder);
            try escrow.claimRefund(_one(tokenId)) {
                ghost_unexpectedOutcomes++;
            } catch (bytes memory reason) {
                bytes4 sel = bytes4(reason);
                if (
                    sel != RevenueEscrow.RevenueEscrowNothingToRefund.selector
                        && sel != RevenueEscrow.RevenueEscrowNotHalted.selector
                ) ghost_unexpectedOutcomes++;
            }
            calls["claimRefund (nothing, rejected)"]++;
            return;
        }
        uint256 before = usdt.balanceOf(holder);
        vm.prank(holder);
        escrow.claimRefund(_one(tokenId));
        if (usdt.balanceOf(holder) - before != amount) ghost_unexpectedOutcomes++;
        if (escrow.refundable(tokenId) != 0) ghost_unexpectedOutcomes++;
        ghost_refunded[tokenId / 1_000_000] += amount;
        calls["claimRefund"]++;
    }

    function transfer(uint256 tokenSeed, uint256 toSeed) external checksRelease {
        uint256 tokenId = _tokens[tokenSeed % _tokens.length];
        address from = nft.ownerOf(tokenId);
        address to = _holders[toSeed % _holders.length];
        if (!nft.isSold(tokenId)) {
            // never sold: it leaves its miner only through a first sale, and that must pay the escrow
            vm.prank(from);
            try nft.transferFrom(from, to, tokenId) {
                ghost_unexpectedOutcomes++;
            } catch {}
            calls["transfer (unsold, refused)"]++;
            return;
        }
        if (to == from) {
            calls["transfer (skipped)"]++;
            return;
        }
        vm.prank(from);
        nft.transferFrom(from, to, tokenId);
        calls["transfer"]++;
    }

    /// @notice Time passes: 0..10 whole days plus 0..1 day of seconds.
    function warp(uint256 daysSeed, uint256 secondsSeed) external checksRelease {
        vm.warp(vm.getBlockTimestamp() + bound(daysSeed, 0, 10) * 1 days + bound(secondsSeed, 0, 1 days));
        calls["warp"]++;
    }

    // ================================================================ views for the invariants

    function products() external view returns (uint256[] memory) {
        return _products;
    }

    function tokens() external view returns (uint256[] memory) {
        return _tokens;
    }

    function _one(uint256 tokenId) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](1);
        ids[0] = tokenId;
    }
}
