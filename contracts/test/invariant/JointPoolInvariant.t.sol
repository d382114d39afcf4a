// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {JointPoolFixture} from "../utils/JointPoolFixture.sol";
import {JointPoolHandler} from "../handlers/JointPoolHandler.sol";

/// @notice Stateful invariants of a joint pool, driven by {JointPoolHandler}:
/// - the pool's IFIL is exactly deposits − draws + repayments + yield kept − redemptions − yield claimed −
///   collateral claimed − fees swept (the issue's "deposits − draws + repayments + yield − redemptions − fees");
/// - it is exactly the claims on it: the liquid principal, the holders' yield not paid out, the returned pledge not
///   yet claimed and the platform's fees; the accounts' computed yield passes what is held by rounding dust only;
/// - dToken is minted only 1:1 against deposits, never past the cap; draws never pass the cap;
/// - everyone's dToken-seconds are the sum of the holders'.
contract JointPoolInvariantTest is JointPoolFixture {
    JointPoolHandler internal handler;
    address[3] internal _holders;

    function setUp() public override {
        super.setUp();
        _holders = [alice, bob, carol];
        handler = new JointPoolHandler(pool, ifil, miner, _holders);
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function invariant_IfilIsExactlyWhatCameInLessWhatWentOut() public view {
        uint256 expected = handler.ghostDeposited() - handler.ghostDrawn() + handler.ghostRepaid() + handler.ghostYieldKept()
            - handler.ghostRedeemed() - handler.ghostYieldClaimed() - handler.ghostCollateralClaimed() - handler.ghostFeesSwept();
        vm.assertEq(ifil.balanceOf(address(pool)), expected, "IFIL held");
    }

    function invariant_EveryClaimIsCovered() public view {
        JointPoolView memory v = _view();
        vm.assertEq(
            ifil.balanceOf(address(pool)),
            v.liquid + v.yieldUnpaid + v.returned - v.collateralClaimed + v.platformFees,
            "held = liquid + holders' yield + returned pledge unclaimed + fees, exactly"
        );
        uint256 pending;
        for (uint256 i; i < 3; ++i) {
            uint256 p = pool.pendingYield(_holders[i]);
            vm.assertLe(p, v.yieldUnpaid, "no account is shown more than a claim can pay");
            pending += p;
        }
        // together the accounts' yield may pass what is held by rounding dust only (payouts are capped at it)
        if (pending > v.yieldUnpaid) vm.assertLe(pending - v.yieldUnpaid, 64, "yield dust");
    }

    struct JointPoolView {
        uint256 liquid;
        uint256 yieldUnpaid;
        uint256 returned;
        uint256 collateralClaimed;
        uint256 platformFees;
    }

    function _view() private view returns (JointPoolView memory v) {
        (v.liquid, v.yieldUnpaid, v.returned, v.collateralClaimed, v.platformFees) = (
            pool.state().liquid,
            pool.state().yieldUnpaid,
            pool.state().returned,
            pool.state().collateralClaimed,
            pool.state().platformFees
        );
    }

    function invariant_DTokenOnlyAgainstDepositsWithinTheCap() public view {
        vm.assertLe(pool.state().deposited, pool.cap(), "deposits within the cap");
        vm.assertLe(pool.state().drawn, pool.cap(), "draws within the cap");
        uint256 sum;
        for (uint256 i; i < 3; ++i) sum += pool.balanceOf(_holders[i]);
        vm.assertEq(sum, pool.totalSupply(), "supply = balances");
        vm.assertLe(pool.totalSupply(), pool.state().deposited, "never more dToken than deposited");
    }

    function invariant_TotalShareSecondsIsTheSum() public view {
        uint256 sum;
        for (uint256 i; i < 3; ++i) sum += pool.shareSecondsOf(_holders[i]);
        vm.assertEq(pool.totalShareSeconds(), sum, "total dToken-seconds");
    }
}
