// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {LoanFixture} from "./utils/LoanFixture.sol";
import {LoanMarket} from "../src/LoanMarket.sol";

/// @notice Records steady-state gas of the loan market into snapshots/Loans.json and holds the goals:
/// `start` (acceptOffer with an NFT) <= 200,000, `repay` <= 95,000 and `foreclose` <= 135,000 execution gas.
/// "Steady state" as in MarketplaceGas.t.sol: a loan was already repaid (fees accrued, the lender and the
/// borrower hold USDT), another loan is running (the market already holds an NFT) and another offer is open (the
/// market keeps a USDT balance after the measured call); every contract is cooled before a measured call.
/// - `start` is the costliest acceptance: an offer for any FIL product with a hashrate minimum and a term-left
///   requirement, so every criterion is read and checked (a one-product offer skips the coin, the hashrate and
///   its slot).
/// - `repay` is of an NFT loan; the borrower approved exactly the amount due (its allowance goes to zero).
/// - `foreclose` is the worst case: the NFT has yield pending that was never claimed (the distributor writes a
///   fresh claimed slot for it) and is forwarded to the borrower before the NFT goes to the lender. The borrower
///   already holds IFIL and the lender already holds an NFT from an earlier foreclosure.
contract LoanGasTest is LoanFixture {
    function test_Gas_StartAndRepay() public {
        // Warm-up: one loan repaid (fees accrue), one running (the market holds an NFT), one offer open.
        uint256 warm = _nftLoan(_tok(filPid, 1));
        vm.warp(block.timestamp + 10 days);
        _repay(borrower, warm);
        _nftLoan(_tok(filPid, 3));
        _productOffer(lender2, filPid);

        uint256 id = _anyOffer(lender, 0, 1000, 30 days);
        uint256 tokenId = _tok(filPid, 2);
        LoanMarket.Terms memory t = _terms(id);
        _coolAll();
        vm.prank(borrower);
        loans.acceptOffer(id, tokenId, t);
        uint256 startGas = vm.snapshotGasLastCall("Loans", "start");
        vm.assertEq(nft.ownerOf(tokenId), address(loans), "pledged");

        vm.warp(block.timestamp + 20 days);
        (uint256 principal, uint256 interest,) = loans.amountDue(id);
        vm.prank(borrower);
        usdt.approve(address(loans), principal + interest);
        _coolAll();
        vm.prank(borrower);
        loans.repay(id);
        uint256 repayGas = vm.snapshotGasLastCall("Loans", "repay");
        vm.assertEq(nft.ownerOf(tokenId), borrower, "repaid");

        vm.assertLe(startGas, 200_000, "start gas goal");
        vm.assertLe(repayGas, 95_000, "repay gas goal");
    }

    function test_Gas_ForecloseWithYieldPending() public {
        // Warm-up: a foreclosure already gave the lender an NFT; fees accrued; another loan is running.
        uint256 warm = _nftLoan(_tok(filPid, 1));
        uint256 repaid = _nftLoan(_tok(filPid, 4));
        _nftLoan(_tok(filPid, 3));
        uint256 id = _nftLoan(_tok(filPid, 2));
        _payYield(filPid, 1e18);
        vm.warp(block.timestamp + 1 days);
        _payYield(filPid, 1e18);
        _repay(borrower, repaid);
        (, uint256 at) = loans.deadlines(warm);
        vm.warp(at);
        vm.prank(lender);
        loans.foreclose(warm);

        uint256 tokenId = _tok(filPid, 2);
        uint256 pending = dist.claimable(tokenId);
        vm.assertGt(pending, 0, "yield pending");
        vm.assertEq(dist.claimedOf(tokenId), 0, "never claimed: the worst case");
        uint256 before = ifil.balanceOf(borrower);
        _coolAll();
        vm.prank(lender);
        loans.foreclose(id);
        uint256 forecloseGas = vm.snapshotGasLastCall("Loans", "foreclose");

        vm.assertEq(ifil.balanceOf(borrower) - before, pending, "yield forwarded");
        vm.assertEq(nft.ownerOf(tokenId), lender, "NFT to the lender");
        vm.assertLe(forecloseGas, 135_000, "foreclose gas goal");
    }

    function _coolAll() private {
        vm.cool(address(loans));
        vm.cool(address(nft));
        vm.cool(address(usdt));
        vm.cool(address(ifil));
        vm.cool(address(wbtc));
        vm.cool(address(dist));
        vm.cool(address(registry));
    }
}
