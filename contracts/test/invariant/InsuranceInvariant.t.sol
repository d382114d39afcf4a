// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DefaultFixture} from "../utils/DefaultFixture.sol";
import {InsuranceHandler} from "../handlers/InsuranceHandler.sol";
import {InsuranceFund} from "../../src/InsuranceFund.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @dev The shape forge expects from `targetSelectors()` (as in forge-std's StdInvariant).
struct FuzzSelector {
    address addr;
    bytes4[] selectors;
}

/// @notice Stateful invariants of the InsuranceFund, driven by {InsuranceHandler} on a product the DefaultGuard
/// flagged (Defaulted), whose miner keeps selling unsold NFTs: the fund's balance always covers what is earmarked and unclaimed; the earmark is exactly
/// the unclaimed rest of the open payouts; no payout pays more than its amount; money is only moved.
contract InsuranceInvariantTest is DefaultFixture {
    InsuranceHandler internal handler;

    function setUp() public override {
        super.setUp();
        address[] memory holders = new address[](3);
        holders[0] = miner;
        holders[1] = buyer;
        holders[2] = stranger;
        for (uint256 i = 1; i <= 30; ++i) {
            _handOver(_tok(i), i % 2 == 0 ? buyer : stranger);
        }
        _warpToDay(firstDay + 7);
        guard.flag(pid, firstDay);
        vm.warp(guard.challengeEndsAt(pid));
        guard.finalize(pid);
        handler = new InsuranceHandler(fund, nft, usdt, governance, pid, holders, market, escrow);
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function targetSelectors() public view returns (FuzzSelector[] memory targets) {
        bytes4[] memory selectors = new bytes4[](7);
        selectors[0] = InsuranceHandler.deposit.selector;
        selectors[1] = InsuranceHandler.openPayout.selector;
        selectors[2] = InsuranceHandler.closePayout.selector;
        selectors[3] = InsuranceHandler.claim.selector;
        selectors[4] = InsuranceHandler.withdraw.selector;
        selectors[5] = InsuranceHandler.transfer.selector;
        selectors[6] = InsuranceHandler.buyAfterDefault.selector;
        targets = new FuzzSelector[](1);
        targets[0] = FuzzSelector({addr: address(handler), selectors: selectors});
    }

    function invariant_BalanceCoversEarmarked() public view {
        IERC20 token = IERC20(address(usdt));
        uint256 earmarked = fund.earmarked(token);
        vm.assertGe(usdt.balanceOf(address(fund)), earmarked, "balance >= earmarked unclaimed");

        uint256 open;
        uint256 n = fund.payoutCount();
        for (uint256 id = 1; id <= n; ++id) {
            InsuranceFund.Payout memory po = fund.payout(id);
            vm.assertLe(po.claimed, po.amount, "a payout never pays more than its amount");
            if (!po.closed) open += po.amount - po.claimed;
        }
        vm.assertEq(earmarked, open, "earmarked == unclaimed rest of open payouts");
        vm.assertEq(
            usdt.balanceOf(address(fund)),
            handler.ghost_deposited() - handler.ghost_claimed() - handler.ghost_withdrawn(),
            "balance == in - claimed - withdrawn"
        );
        vm.assertEq(handler.ghost_unexpectedOutcomes(), 0, "no unexpected outcome");
    }
}
