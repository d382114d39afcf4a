// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DefaultFixture} from "./utils/DefaultFixture.sol";
import {InsuranceFund} from "../src/InsuranceFund.sol";
import {MinerRegistry} from "../src/MinerRegistry.sol";
import {HashrateNFT} from "../src/HashrateNFT.sol";
import {ReentrantToken, IMarketplaceTarget} from "./mocks/ReentrantToken.sol";
import {FeeOnTransferToken} from "./mocks/FeeOnTransferToken.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

contract InsuranceFundTest is DefaultFixture {
    address internal holder = address(0x401D);
    address internal buyer2 = address(0xB0B2);

    /// @dev The product defaults (7 days unpaid): its stake lands in the fund. Holders: buyer has tokens 1..10,
    /// holder token 11, the miner the rest.
    function _defaulted() internal {
        for (uint256 i = 1; i <= 10; ++i) {
            _sell(_tok(i), buyer);
        }
        _sell(_tok(11), holder);
        _warpToDay(firstDay + 7);
        guard.flag(pid, firstDay);
        vm.warp(guard.challengeEndsAt(pid));
        guard.finalize(pid);
    }

    function _open(IERC20 token, uint256 amount) internal returns (uint256 id) {
        vm.prank(governance);
        id = fund.openPayout(pid, token, amount);
    }

    function _range(uint256 from, uint256 to) internal view returns (uint256[] memory ids) {
        ids = new uint256[](to - from + 1);
        for (uint256 i; i < ids.length; ++i) {
            ids[i] = _tok(from + i);
        }
    }

    // ================================================================ open

    function test_OpenPayout_EarmarksForADefaultedProduct() public {
        _defaulted();
        vm.expectEmit(true, true, true, true, address(fund));
        emit InsuranceFund.PayoutOpened(1, pid, IERC20(address(dmc)), STAKE);
        uint256 id = _open(IERC20(address(dmc)), STAKE);
        vm.assertEq(id, 1, "first payout");
        InsuranceFund.Payout memory po = fund.payout(id);
        vm.assertEq(po.productId, pid, "product");
        vm.assertEq(po.amount, STAKE, "amount");
        vm.assertEq(po.units, UNITS, "units snapshot");
        vm.assertEq(fund.earmarked(IERC20(address(dmc))), STAKE, "earmarked");
        (uint256 bal, uint256 ear) = fund.balances(IERC20(address(dmc)));
        vm.assertEq(bal, STAKE, "balance");
        vm.assertEq(ear, STAKE, "earmarked (balances)");
        vm.assertEq(fund.payoutCount(), 1, "count");
    }

    function test_RevertWhen_OpenPayoutNotDefaulted() public {
        dmc.mint(address(fund), 1e18);
        vm.expectRevert(abi.encodeWithSelector(InsuranceFund.InsuranceFundNotDefaulted.selector, pid));
        _open(IERC20(address(dmc)), 1e18);
        vm.expectRevert(abi.encodeWithSelector(InsuranceFund.InsuranceFundNotDefaulted.selector, 999));
        vm.prank(governance);
        fund.openPayout(999, IERC20(address(dmc)), 1e18);
    }

    function test_RevertWhen_OpenPayoutBadAmountOrNotAdmin() public {
        _defaulted();
        vm.expectRevert(abi.encodeWithSelector(InsuranceFund.InsuranceFundZeroAmount.selector));
        _open(IERC20(address(dmc)), 0);
        vm.expectRevert(
            abi.encodeWithSelector(InsuranceFund.InsuranceFundInsufficient.selector, address(dmc), STAKE + 1, STAKE)
        );
        _open(IERC20(address(dmc)), STAKE + 1);
        _open(IERC20(address(dmc)), STAKE - 5);
        vm.expectRevert(abi.encodeWithSelector(InsuranceFund.InsuranceFundInsufficient.selector, address(dmc), 6, 5));
        _open(IERC20(address(dmc)), 6); // earmarked money is not available twice
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, fund.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(stranger);
        fund.openPayout(pid, IERC20(address(dmc)), 1);
    }

    // ================================================================ claim

    function test_ClaimPayout_ProRataPerHashrateUnit() public {
        _defaulted();
        usdt.mint(address(fund), 1000e6);
        uint256 id = _open(IERC20(address(usdt)), 1000e6);
        vm.assertEq(fund.claimablePayout(id, _tok(1)), 10e6, "1 of 100 TiB");
        vm.assertEq(fund.claimablePayout(id, _tok(101)), 0, "never minted");
        vm.assertEq(fund.claimablePayout(id, pid * TPP), 0, "serial 0");
        vm.assertEq(fund.claimablePayout(id, (pid + 1) * TPP + 1), 0, "another product");
        vm.assertEq(fund.claimablePayout(id + 1, _tok(1)), 0, "unknown payout");
        vm.expectEmit(true, true, true, true, address(fund));
        emit InsuranceFund.PayoutClaimed(id, _tok(1), buyer, 10e6);
        vm.prank(buyer);
        fund.claimPayout(id, _range(1, 10));
        vm.assertEq(usdt.balanceOf(buyer), 100e6, "10 NFTs: 10%");
        vm.assertEq(fund.earmarked(IERC20(address(usdt))), 900e6, "earmark reduced");
        vm.assertEq(fund.claimablePayout(id, _tok(1)), 0, "claimed");
        vm.assertTrue(fund.claimedPayout(id, _tok(1)), "claimed flag");

        vm.expectRevert(abi.encodeWithSelector(InsuranceFund.InsuranceFundAlreadyClaimed.selector, id, _tok(3)));
        vm.prank(buyer);
        fund.claimPayout(id, _range(3, 3));
        vm.expectRevert(abi.encodeWithSelector(InsuranceFund.InsuranceFundNotHolder.selector, _tok(11), buyer, holder));
        vm.prank(buyer);
        fund.claimPayout(id, _range(11, 11));

        // Sold on: the new holder claims (once per token per payout, whoever holds it).
        vm.prank(holder);
        nft.transferFrom(holder, buyer2, _tok(11));
        vm.prank(buyer2);
        fund.claimPayout(id, _range(11, 11));
        vm.assertEq(usdt.balanceOf(buyer2), 10e6, "new holder paid");
        vm.assertEq(fund.earmarked(IERC20(address(usdt))), 890e6, "the unsold NFTs' share stays earmarked");
        vm.prank(governance);
        fund.closePayout(id);
        vm.assertEq(fund.earmarked(IERC20(address(usdt))), 0, "released at the close");
        vm.assertEq(usdt.balanceOf(address(fund)), 890e6, "and stays in the fund");
    }

    /// @dev Attack: a miner defaults on purpose, then claims the payout's share of the NFTs it never sold. Its
    /// unsold inventory has no share: refused in words, nothing paid.
    function test_Attack_DefaultingMinerCannotClaimItsUnsoldInventory() public {
        _defaulted();
        usdt.mint(address(fund), 1000e6);
        uint256 id = _open(IERC20(address(usdt)), 1000e6);
        vm.assertEq(fund.claimablePayout(id, _tok(12)), 0, "an unsold NFT shows nothing to claim");
        vm.expectRevert(abi.encodeWithSelector(InsuranceFund.InsuranceFundNeverSold.selector, _tok(12)));
        vm.prank(miner);
        fund.claimPayout(id, _range(12, 100));
        vm.assertEq(usdt.balanceOf(miner), 0, "nothing paid");
        vm.assertEq(fund.earmarked(IERC20(address(usdt))), 1000e6, "all still earmarked for the holders");
    }

    /// @dev Attack with a second wallet: after the default, the miner sells its own unsold NFT to another wallet of
    /// its own. The price waits apart in the halted escrow and is refunded whole, so the wallet pays nothing, and on
    /// the old rule it then claimed that NFT's share of the payout (10 USDT of 1,000). An NFT sold during the halt
    /// has no share; one sold before it keeps its share whoever holds it.
    function test_Attack_SecondWalletBuysAfterTheDefaultForAPayoutShare() public {
        _defaulted();
        usdt.mint(address(fund), 1000e6);
        uint256 id = _open(IERC20(address(usdt)), 1000e6);
        address second = address(0x5EC0);
        _sell(_tok(12), second);
        vm.assertTrue(nft.isSold(_tok(12)), "sold, through the marketplace");
        vm.assertTrue(escrow.creditedWhileHalted(_tok(12)), "its price waits apart");
        vm.assertFalse(escrow.creditedWhileHalted(_tok(1)), "sold before the halt");
        vm.assertEq(fund.claimablePayout(id, _tok(12)), 0, "sold during the halt: nothing to claim");
        vm.expectRevert(abi.encodeWithSelector(InsuranceFund.InsuranceFundSoldAfterHalt.selector, _tok(12)));
        vm.prank(second);
        fund.claimPayout(id, _range(12, 12));

        uint256[] memory refund = _range(12, 12);
        uint256 price = escrow.refundable(_tok(12));
        vm.assertGt(price, 0, "refundable");
        vm.prank(second);
        escrow.claimRefund(refund);
        vm.assertEq(usdt.balanceOf(second), price, "the refund is all the second wallet gets");

        // A token sold before the halt keeps its share when it changes hands during the halt.
        vm.prank(buyer);
        nft.transferFrom(buyer, second, _tok(1));
        vm.prank(second);
        fund.claimPayout(id, _range(1, 1));
        vm.assertEq(usdt.balanceOf(second), price + 10e6, "1 of 100 TiB");
        vm.assertEq(fund.earmarked(IERC20(address(usdt))), 990e6, "the rest stays earmarked for the holders");
    }

    function test_RevertWhen_ClaimPayoutBadInput() public {
        _defaulted();
        vm.expectRevert(abi.encodeWithSelector(InsuranceFund.InsuranceFundUnknownPayout.selector, 1));
        fund.claimPayout(1, _range(1, 1));
        uint256 id = _open(IERC20(address(dmc)), STAKE);
        vm.expectRevert(abi.encodeWithSelector(InsuranceFund.InsuranceFundNoTokens.selector));
        fund.claimPayout(id, new uint256[](0));
        uint256[] memory other = new uint256[](1);
        other[0] = (pid + 1) * TPP + 1;
        vm.expectRevert(abi.encodeWithSelector(InsuranceFund.InsuranceFundWrongProduct.selector, id, other[0]));
        fund.claimPayout(id, other);
        vm.prank(governance);
        fund.closePayout(id);
        vm.expectRevert(abi.encodeWithSelector(InsuranceFund.InsuranceFundPayoutClosed.selector, id));
        vm.prank(buyer);
        fund.claimPayout(id, _range(1, 1));
        vm.expectRevert(abi.encodeWithSelector(InsuranceFund.InsuranceFundPayoutClosed.selector, id));
        vm.prank(governance);
        fund.closePayout(id);
        vm.expectRevert(abi.encodeWithSelector(InsuranceFund.InsuranceFundUnknownPayout.selector, 9));
        vm.prank(governance);
        fund.closePayout(9);
    }

    /// @dev Uneven shares round down; the dust stays earmarked until the payout is closed.
    function test_ClosePayout_ReleasesUnclaimedAndDust() public {
        _defaulted();
        usdt.mint(address(fund), 1001);
        uint256 id = _open(IERC20(address(usdt)), 1001);
        vm.prank(buyer);
        fund.claimPayout(id, _range(1, 10));
        vm.assertEq(usdt.balanceOf(buyer), 100, "10 x floor(1001 / 100)");
        vm.expectEmit(true, true, true, true, address(fund));
        emit InsuranceFund.PayoutClosed(id, 901);
        vm.prank(governance);
        fund.closePayout(id);
        vm.assertEq(fund.earmarked(IERC20(address(usdt))), 0, "nothing earmarked");
        vm.prank(governance);
        fund.withdraw(IERC20(address(usdt)), treasury, 901);
        vm.assertEq(usdt.balanceOf(treasury), 901, "free again");
    }

    // ================================================================ withdraw

    function test_Withdraw_OnlyWhatIsNotEarmarked() public {
        _defaulted();
        dmc.mint(address(fund), 1000e18);
        _open(IERC20(address(dmc)), STAKE);
        vm.expectRevert(
            abi.encodeWithSelector(InsuranceFund.InsuranceFundInsufficient.selector, address(dmc), 1000e18 + 1, 1000e18)
        );
        vm.prank(governance);
        fund.withdraw(IERC20(address(dmc)), treasury, 1000e18 + 1);
        vm.expectEmit(true, true, true, true, address(fund));
        emit InsuranceFund.Withdrawn(IERC20(address(dmc)), treasury, 1000e18);
        vm.prank(governance);
        fund.withdraw(IERC20(address(dmc)), treasury, 1000e18);
        vm.assertEq(dmc.balanceOf(address(fund)), STAKE, "the earmark stays");
    }

    function test_RevertWhen_WithdrawBadInput() public {
        vm.startPrank(governance);
        vm.expectRevert(abi.encodeWithSelector(InsuranceFund.InsuranceFundInvalidRecipient.selector));
        fund.withdraw(IERC20(address(dmc)), address(0), 1);
        vm.expectRevert(abi.encodeWithSelector(InsuranceFund.InsuranceFundZeroAmount.selector));
        fund.withdraw(IERC20(address(dmc)), treasury, 0);
        vm.stopPrank();
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, fund.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(stranger);
        fund.withdraw(IERC20(address(dmc)), stranger, 1);
        vm.expectRevert(abi.encodeWithSelector(InsuranceFund.InsuranceFundInvalidAdmin.selector));
        new InsuranceFund(address(0), nft, registry, escrow);
    }

    // ================================================================ fees and reentrancy

    /// @dev The marketplace's insurance share of fees arrives here and can pay a defaulted product's holders.
    function test_FeeShareFundsAPayout() public {
        vm.prank(governance);
        market.setInsuranceShareBps(2500);
        uint256 t = _tok(50);
        vm.startPrank(miner);
        nft.setApprovalForAll(address(market), true);
        market.list(t, 100e6);
        vm.stopPrank();
        usdt.mint(buyer2, 100e6);
        vm.startPrank(buyer2);
        usdt.approve(address(market), 100e6);
        market.buy(t, 100e6, 0); // 5 USDT fee
        vm.stopPrank();
        market.withdrawFees();
        vm.assertEq(usdt.balanceOf(address(fund)), 1.25e6, "25% of the fee");
        vm.assertEq(usdt.balanceOf(treasury), 3.75e6, "the rest to the treasury");
        _defaulted();
        uint256 id = _open(IERC20(address(usdt)), 1.25e6);
        vm.prank(buyer2);
        fund.claimPayout(id, _range(50, 50));
        vm.assertEq(usdt.balanceOf(buyer2), 12_500, "1% of the payout");
    }

    /// @dev Finding 9: the fund never pulls tokens (money arrives by plain transfers), and it books only what it
    /// holds: a payout is opened against its balance, so a fee-on-transfer token cannot make it promise more than
    /// it received, and every claim is paid in full from that balance (the fee comes out of what a holder gets).
    function test_FeeOnTransferToken_FundStaysSolvent() public {
        _defaulted();
        FeeOnTransferToken f = new FeeOnTransferToken(6, 100); // 1%
        f.mint(buyer2, 100e6);
        vm.prank(buyer2);
        f.transfer(address(fund), 100e6); // 99 arrive
        vm.assertEq(f.balanceOf(address(fund)), 99e6, "the fee was taken on the way in");
        vm.expectRevert(
            abi.encodeWithSelector(InsuranceFund.InsuranceFundInsufficient.selector, address(f), 100e6, 99e6)
        );
        _open(IERC20(address(f)), 100e6);
        uint256 id = _open(IERC20(address(f)), 99e6);

        vm.prank(buyer);
        fund.claimPayout(id, _range(1, 10));
        vm.prank(holder);
        fund.claimPayout(id, _range(11, 11));
        vm.assertEq(f.balanceOf(buyer), f.received(9.9e6), "10% of the payout, less the token's fee");
        (uint256 balance, uint256 earmarked_) = fund.balances(IERC20(address(f)));
        vm.assertGe(balance, earmarked_, "solvent");
        vm.assertEq(fund.payout(id).claimed, 10.89e6, "the 11 sold NFTs claimed (the unsold ones have no share)");
        vm.assertEq(balance, 99e6 - 10.89e6, "paid out exactly what was claimed");
        vm.assertEq(earmarked_, 99e6 - 10.89e6, "the rest earmarked until the close");
    }

    function test_Reentrancy_ClaimPayoutDuringPayout() public {
        _defaulted();
        ReentrantToken rToken = new ReentrantToken();
        rToken.mint(address(fund), 100e6);
        uint256 id = _open(IERC20(address(rToken)), 100e6);
        // The token contract holds token 12 and re-enters claimPayout while buyer's claim is paid.
        _handOver(_tok(12), address(rToken));
        rToken.armCall(
            IMarketplaceTarget(address(fund)), abi.encodeCall(InsuranceFund.claimPayout, (id, _range(12, 12)))
        );
        vm.prank(buyer);
        fund.claimPayout(id, _range(1, 1));
        vm.assertEq(
            rToken.reentryRevertData(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector),
            "stopped by the guard"
        );
        vm.assertEq(rToken.balanceOf(buyer), 1e6, "paid once");
        vm.assertFalse(fund.claimedPayout(id, _tok(12)), "inner claim undone");
    }
}
