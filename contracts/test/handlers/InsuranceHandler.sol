// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TestBase} from "../utils/Vm.sol";
import {sellThroughMarket} from "../utils/HandOver.sol";
import {HashrateNFT} from "../../src/HashrateNFT.sol";
import {InsuranceFund} from "../../src/InsuranceFund.sol";
import {Marketplace} from "../../src/Marketplace.sol";
import {RevenueEscrow} from "../../src/RevenueEscrow.sol";
import {MockUSDT} from "../../mocks/MockUSDT.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Drives the InsuranceFund for its invariant suite, on one Defaulted product of 100 NFTs held by three
/// holders: money arrives (fee shares), governance opens payouts of what is free, closes them and withdraws what
/// is free, holders claim batches of their NFTs, NFTs change hands, and the miner sells unsold NFTs after the
/// default (such an NFT has no share: its price is refunded whole). Nothing reverts (`fail_on_revert = true`):
/// actions that cannot succeed are skipped, and refused ones are tried in try/catch.
contract InsuranceHandler is TestBase {
    InsuranceFund public immutable fund;
    HashrateNFT public immutable nft;
    MockUSDT public immutable usdt;
    address public immutable governance;
    uint256 public immutable productId;
    Marketplace public immutable market;
    RevenueEscrow public immutable escrow;

    address[] internal _holders;
    uint256[] internal _openPayouts;

    uint256 public ghost_deposited;
    uint256 public ghost_claimed;
    uint256 public ghost_withdrawn;
    uint256 public ghost_unexpectedOutcomes;
    mapping(bytes32 action => uint256) public calls;

    constructor(
        InsuranceFund fund_,
        HashrateNFT nft_,
        MockUSDT usdt_,
        address governance_,
        uint256 productId_,
        address[] memory holders_,
        Marketplace market_,
        RevenueEscrow escrow_
    ) {
        market = market_;
        escrow = escrow_;
        fund = fund_;
        nft = nft_;
        usdt = usdt_;
        governance = governance_;
        productId = productId_;
        _holders = holders_;
    }

    function deposit(uint256 amount) external {
        amount = bound(amount, 1, 1e12);
        usdt.mint(address(fund), amount);
        ghost_deposited += amount;
        calls["deposit"]++;
    }

    function openPayout(uint256 amountSeed) external {
        uint256 free = usdt.balanceOf(address(fund)) - fund.earmarked(IERC20(address(usdt)));
        if (free == 0) {
            calls["openPayout (skipped)"]++;
            return;
        }
        uint256 amount = bound(amountSeed, 1, free);
        vm.prank(governance);
        uint256 id = fund.openPayout(productId, IERC20(address(usdt)), amount);
        _openPayouts.push(id);
        calls["openPayout"]++;
    }

    function closePayout(uint256 seed) external {
        if (_openPayouts.length == 0) {
            calls["closePayout (skipped)"]++;
            return;
        }
        uint256 i = seed % _openPayouts.length;
        vm.prank(governance);
        fund.closePayout(_openPayouts[i]);
        _openPayouts[i] = _openPayouts[_openPayouts.length - 1];
        _openPayouts.pop();
        calls["closePayout"]++;
    }

    /// @notice A holder claims a window of up to 10 serials of one open payout, only the ones it holds and has not
    /// claimed (a claimed one is tried alone first and must be refused).
    function claim(uint256 payoutSeed, uint256 holderSeed, uint256 startSeed) external {
        if (_openPayouts.length == 0) {
            calls["claim (skipped)"]++;
            return;
        }
        uint256 id = _openPayouts[payoutSeed % _openPayouts.length];
        address holder = _holders[holderSeed % _holders.length];
        uint256 start = bound(startSeed, 1, 91);
        uint256[] memory buf = new uint256[](10);
        uint256 n;
        uint256 expected;
        for (uint256 s = start; s < start + 10; ++s) {
            uint256 t = productId * 1_000_000 + s;
            if (nft.ownerOf(t) != holder) continue;
            if (!nft.isSold(t)) {
                // Its miner's unsold inventory has no share: refused, nothing paid.
                uint256[] memory unsold = new uint256[](1);
                unsold[0] = t;
                vm.prank(holder);
                try fund.claimPayout(id, unsold) {
                    ghost_unexpectedOutcomes++;
                } catch (bytes memory reason) {
                    if (bytes4(reason) != InsuranceFund.InsuranceFundNeverSold.selector) ghost_unexpectedOutcomes++;
                }
                continue;
            }
            if (escrow.creditedWhileHalted(t)) {
                // Sold after the default: no share, whoever holds it.
                uint256[] memory late = new uint256[](1);
                late[0] = t;
                vm.prank(holder);
                try fund.claimPayout(id, late) {
                    ghost_unexpectedOutcomes++;
                } catch (bytes memory reason) {
                    if (bytes4(reason) != InsuranceFund.InsuranceFundSoldAfterHalt.selector) ghost_unexpectedOutcomes++;
                }
                continue;
            }
            if (fund.claimedPayout(id, t)) {
                uint256[] memory one = new uint256[](1);
                one[0] = t;
                vm.prank(holder);
                try fund.claimPayout(id, one) {
                    ghost_unexpectedOutcomes++;
                } catch (bytes memory reason) {
                    if (bytes4(reason) != InsuranceFund.InsuranceFundAlreadyClaimed.selector) {
                        ghost_unexpectedOutcomes++;
                    }
                }
                continue;
            }
            expected += fund.claimablePayout(id, t);
            buf[n++] = t;
        }
        if (n == 0) {
            calls["claim (skipped)"]++;
            return;
        }
        uint256[] memory ids = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            ids[i] = buf[i];
        }
        uint256 before = usdt.balanceOf(holder);
        vm.prank(holder);
        fund.claimPayout(id, ids);
        if (usdt.balanceOf(holder) - before != expected) ghost_unexpectedOutcomes++;
        ghost_claimed += expected;
        calls["claim"]++;
    }

    function withdraw(uint256 amountSeed) external {
        uint256 free = usdt.balanceOf(address(fund)) - fund.earmarked(IERC20(address(usdt)));
        if (free == 0) {
            calls["withdraw (skipped)"]++;
            return;
        }
        uint256 amount = bound(amountSeed, 1, free);
        vm.prank(governance);
        fund.withdraw(IERC20(address(usdt)), governance, amount);
        ghost_withdrawn += amount;
        calls["withdraw"]++;
    }

    function transfer(uint256 serialSeed, uint256 toSeed) external {
        uint256 t = productId * 1_000_000 + bound(serialSeed, 1, 100);
        address from = nft.ownerOf(t);
        address to = _holders[toSeed % _holders.length];
        if (from == to || !nft.isSold(t)) {
            // a never-sold NFT only leaves its miner through a sale (HashrateNFT's never-sold mark)
            calls["transfer (skipped)"]++;
            return;
        }
        vm.prank(from);
        nft.transferFrom(from, to, t);
        calls["transfer"]++;
    }

    /// @dev The miner (holder 0) sells one of its unsold NFTs to another holder after the default, for 1 USDT.
    function buyAfterDefault(uint256 serialSeed, uint256 toSeed) external {
        uint256 t = productId * 1_000_000 + bound(serialSeed, 1, 100);
        address to = _holders[1 + toSeed % (_holders.length - 1)]; // not the miner, holder 0
        if (nft.isSold(t)) {
            calls["buyAfterDefault (skipped)"]++;
            return;
        }
        sellThroughMarket(market, nft, usdt, t, to, 1e6);
        if (fund.claimablePayout(_openPayouts.length == 0 ? 0 : _openPayouts[0], t) != 0) ghost_unexpectedOutcomes++;
        calls["buyAfterDefault"]++;
    }

    function openPayouts() external view returns (uint256[] memory) {
        return _openPayouts;
    }
}
