// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {LoanFixture} from "./utils/LoanFixture.sol";
import {LoanMarket} from "../src/LoanMarket.sol";

/// @notice Property tests of LoanMarket: the interest model (monotone in time, the exact rational value rounded
/// up: never below it, less than one unit above it, the minimum period), repayment at any time paying the lender
/// exactly principal + interest - fee and the protocol exactly the fee, foreclosure exactly from the deadline, the
/// fee and grace snapshot, term bounds and the exact-terms rule.
contract LoanMarketFuzzTest is LoanFixture {
    address internal funder = address(0xF0D); // a fresh lender funded with exactly the principal

    uint256 internal constant BPS = 10_000;
    uint256 internal constant YEAR = 365 days;

    // ================================================================ interestFor

    /// @dev More time never costs less, for any terms and any two times.
    function testFuzz_InterestFor_MonotoneInTime(
        uint256 principal,
        uint256 aprBps,
        uint256 duration,
        uint256 t1,
        uint256 t2
    ) public view {
        (principal, aprBps, duration) = _boundTerms(principal, aprBps, duration);
        t1 = bound(t1, 0, 10 * YEAR);
        t2 = bound(t2, 0, 10 * YEAR);
        (uint256 lo, uint256 hi) = t1 <= t2 ? (t1, t2) : (t2, t1);
        vm.assertLe(
            loans.interestFor(principal, aprBps, duration, lo),
            loans.interestFor(principal, aprBps, duration, hi),
            "monotone"
        );
    }

    /// @dev The interest is the exact value p * apr * t / (BPS * YEAR), with t = max(elapsed, min(duration,
    /// 7 days)), rounded up: r >= exact and r < exact + 1 (in integers: r * den >= num and (r - 1) * den < num).
    function testFuzz_InterestFor_CeilOfTheExactValue(
        uint256 principal,
        uint256 aprBps,
        uint256 duration,
        uint256 elapsed
    ) public view {
        (principal, aprBps, duration) = _boundTerms(principal, aprBps, duration);
        elapsed = bound(elapsed, 0, 10 * YEAR);
        uint256 r = loans.interestFor(principal, aprBps, duration, elapsed);
        uint256 minPeriod = duration < 7 days ? duration : 7 days;
        uint256 t = elapsed < minPeriod ? minPeriod : elapsed;
        uint256 num = principal * aprBps * t;
        uint256 den = BPS * YEAR;
        vm.assertGe(r * den, num, "never below the exact value");
        if (r == 0) vm.assertEq(num, 0, "zero only when the exact value is zero");
        else vm.assertLt((r - 1) * den, num, "less than one unit above the exact value");
        if (elapsed < minPeriod) {
            vm.assertEq(r, loans.interestFor(principal, aprBps, duration, minPeriod), "minimum period charged");
        }
    }

    /// @dev Interest is linear up to rounding: charging two stretches separately never costs less than at once,
    /// and at most one unit more (the ceilings of two parts).
    function testFuzz_InterestFor_SplitCostsAtMostOneUnitMore(uint256 principal, uint256 aprBps, uint256 a, uint256 b)
        public
        view
    {
        principal = bound(principal, 1, type(uint96).max);
        aprBps = bound(aprBps, 0, loans.MAX_APR_BPS());
        // duration 1 day and stretches of at least 1 day: no minimum period in play
        a = bound(a, 1 days, 5 * YEAR);
        b = bound(b, 1 days, 5 * YEAR);
        uint256 whole = loans.interestFor(principal, aprBps, 1 days, a + b);
        uint256 parts =
            loans.interestFor(principal, aprBps, 1 days, a) + loans.interestFor(principal, aprBps, 1 days, b);
        vm.assertGe(parts, whole, "parts >= whole");
        vm.assertLe(parts, whole + 1, "parts <= whole + 1");
    }

    // ================================================================ repay

    /// @dev Whatever the terms, fee rate, collateral, way of meeting and time of repayment: the borrower pays
    /// exactly principal + interest (interest per the model), the lender receives exactly principal + interest
    /// - fee with fee = interest * feeBps / BPS rounded down, the market keeps exactly the fee and the treasury
    /// gets exactly it on withdrawal; the collateral comes back; no USDT is created.
    function testFuzz_Repay_PaysLenderAndProtocolExactly(
        uint256 principal,
        uint256 aprBps,
        uint256 duration,
        uint256 feeBps,
        uint256 elapsed,
        bool viaRequest,
        bool ifilCollateral
    ) public {
        RepayCase memory c;
        (c.principal, c.aprBps, c.duration) = _boundTerms(principal, aprBps, duration);
        c.feeBps = bound(feeBps, 0, loans.MAX_FEE_BPS());
        elapsed = bound(elapsed, 0, 2 * YEAR);
        c.ifil = ifilCollateral;
        c.tokenId = _tok(filPid, 1);
        vm.prank(governance);
        loans.setFeeBps(c.feeBps);

        c.id = _startLoan(c.principal, c.aprBps, c.duration, viaRequest, c.ifil, c.tokenId);
        vm.warp(block.timestamp + elapsed);
        c.interest = _expectedInterest(c.principal, c.aprBps, c.duration, elapsed);
        c.fee = c.interest * c.feeBps / BPS;
        _checkAmountDue(c);
        _repayAndCheck(c);
    }

    struct RepayCase {
        uint256 id;
        uint256 principal;
        uint256 aprBps;
        uint256 duration;
        uint256 feeBps;
        uint256 tokenId;
        bool ifil;
        uint256 interest;
        uint256 fee;
    }

    function _checkAmountDue(RepayCase memory c) internal view {
        (uint256 p, uint256 i, uint256 f) = loans.amountDue(c.id);
        vm.assertEq(p, c.principal, "amountDue principal");
        vm.assertEq(i, c.interest, "amountDue interest == model");
        vm.assertEq(f, c.fee, "amountDue fee");
    }

    function _repayAndCheck(RepayCase memory c) internal {
        usdt.mint(borrower, c.interest); // the borrower holds the principal it received plus the interest
        uint256 bBefore = usdt.balanceOf(borrower);
        uint256 lBefore = usdt.balanceOf(funder);
        uint256 mBefore = usdt.balanceOf(address(loans));
        uint256 supply = usdt.totalSupply();
        vm.expectEmit(true, true, true, true, address(loans));
        emit LoanMarket.LoanRepaid(c.id, borrower, funder, c.principal, c.interest, c.fee);
        _repay(borrower, c.id);

        vm.assertEq(bBefore - usdt.balanceOf(borrower), c.principal + c.interest, "borrower paid p + i");
        vm.assertEq(usdt.balanceOf(funder) - lBefore, c.principal + c.interest - c.fee, "lender got p + i - fee");
        vm.assertEq(usdt.balanceOf(address(loans)) - mBefore, c.fee, "market kept the fee");
        vm.assertEq(loans.accruedFees(), c.fee, "accrued the fee");
        vm.assertEq(loans.creditOf(funder), 0, "nothing credited");
        vm.assertEq(usdt.totalSupply(), supply, "no USDT created");
        if (c.ifil) vm.assertEq(ifil.balanceOf(address(loans)), 0, "IFIL returned");
        else vm.assertEq(nft.ownerOf(c.tokenId), borrower, "NFT returned");

        if (c.fee != 0) {
            loans.withdrawFees();
            vm.assertEq(usdt.balanceOf(treasury), c.fee, "treasury got exactly the fee");
        }
        vm.assertEq(usdt.balanceOf(address(loans)), 0, "market empty");
    }

    // ================================================================ foreclose and the snapshot

    /// @dev Foreclosure is possible exactly from start + duration + grace (the grace in force at the start),
    /// whatever the grace period is changed to afterwards.
    function testFuzz_Foreclose_ExactlyFromTheDeadline(uint256 duration, uint256 grace, uint256 laterGrace, uint256 dt)
        public
    {
        duration = bound(duration, loans.MIN_DURATION(), loans.MAX_DURATION());
        grace = bound(grace, loans.MIN_GRACE_PERIOD(), loans.MAX_GRACE_PERIOD());
        laterGrace = bound(laterGrace, loans.MIN_GRACE_PERIOD(), loans.MAX_GRACE_PERIOD());
        dt = bound(dt, 0, duration + grace + 2 days);
        vm.prank(governance);
        loans.setGracePeriod(grace);
        uint256 tokenId = _tok(filPid, 1);
        uint256 id = _startLoan(PRINCIPAL, APR, duration, false, false, tokenId);
        uint256 start = block.timestamp;
        vm.prank(governance);
        loans.setGracePeriod(laterGrace);
        vm.warp(start + dt);

        if (dt < duration + grace) {
            vm.expectRevert(
                abi.encodeWithSelector(LoanMarket.LoanMarketNotForeclosable.selector, id, start + duration + grace)
            );
            vm.prank(funder);
            loans.foreclose(id);
            vm.assertEq(nft.ownerOf(tokenId), address(loans), "still pledged");
        } else {
            vm.prank(funder);
            loans.foreclose(id);
            vm.assertEq(nft.ownerOf(tokenId), funder, "foreclosed");
        }
    }

    /// @dev A fee change after the start never changes what a running loan pays the lender and the protocol.
    function testFuzz_FeeChangeDoesNotAffectARunningLoan(uint256 feeAtStart, uint256 feeLater, uint256 elapsed) public {
        feeAtStart = bound(feeAtStart, 0, loans.MAX_FEE_BPS());
        feeLater = bound(feeLater, 0, loans.MAX_FEE_BPS());
        elapsed = bound(elapsed, 0, YEAR);
        vm.prank(governance);
        loans.setFeeBps(feeAtStart);
        uint256 id = _nftLoan(_tok(filPid, 1));
        vm.prank(governance);
        loans.setFeeBps(feeLater);
        vm.warp(block.timestamp + elapsed);
        uint256 interest = _expectedInterest(PRINCIPAL, APR, DURATION, elapsed);
        uint256 lBefore = usdt.balanceOf(lender);
        _repay(borrower, id);
        vm.assertEq(loans.accruedFees(), interest * feeAtStart / BPS, "fee at the start");
        vm.assertEq(usdt.balanceOf(lender) - lBefore, PRINCIPAL + interest - interest * feeAtStart / BPS, "lender");
    }

    // ================================================================ term bounds and exact terms

    /// @dev Random principal, APR and duration: an offer and a request are accepted iff each is within its bounds,
    /// and otherwise revert with the error of the first bound broken (principal, then APR, then duration).
    function testFuzz_TermBounds(uint256 principal, uint256 aprBps, uint256 duration, bool request) public {
        principal = bound(principal, 0, uint256(type(uint96).max) + 10);
        aprBps = bound(aprBps, 0, loans.MAX_APR_BPS() + 10);
        duration = bound(duration, 0, loans.MAX_DURATION() + 10);
        bytes memory err;
        if (principal == 0 || principal > type(uint96).max) {
            err = abi.encodeWithSelector(LoanMarket.LoanMarketInvalidPrincipal.selector, principal);
        } else if (aprBps > loans.MAX_APR_BPS()) {
            err = abi.encodeWithSelector(LoanMarket.LoanMarketInvalidApr.selector, aprBps, loans.MAX_APR_BPS());
        } else if (duration < loans.MIN_DURATION() || duration > loans.MAX_DURATION()) {
            err = abi.encodeWithSelector(
                LoanMarket.LoanMarketInvalidDuration.selector, duration, loans.MIN_DURATION(), loans.MAX_DURATION()
            );
        }
        usdt.mint(lender, principal);
        if (err.length != 0) vm.expectRevert(err);
        uint256 id;
        if (request) {
            vm.prank(borrower);
            id = loans.postRequest(principal, aprBps, duration, LoanMarket.Collateral.Ifil, IFIL_AMOUNT);
        } else {
            LoanMarket.OfferParams memory p = _offerParams(principal, aprBps, duration);
            p.productId = filPid;
            id = _postOffer(lender, p);
        }
        if (err.length == 0) {
            LoanMarket.Position memory pos = loans.position(id);
            vm.assertEq(uint256(pos.principal), principal, "principal stored");
            vm.assertEq(uint256(pos.aprBps), aprBps, "apr stored");
            vm.assertEq(uint256(pos.duration), duration, "duration stored");
        }
    }

    /// @dev An offer is taken only with exactly its terms: any difference in any field reverts TermsChanged.
    function testFuzz_AcceptOffer_OnlyOnExactTerms(uint256 dp, uint256 da, uint256 dd, uint256 dc) public {
        uint256 id = _ifilOffer(lender, IFIL_AMOUNT);
        dp = bound(dp, 0, 2);
        da = bound(da, 0, 2);
        dd = bound(dd, 0, 2);
        dc = bound(dc, 0, 2);
        LoanMarket.Terms memory t = _terms(id);
        t.principal = t.principal + dp - 1; // -1, 0 or +1
        t.aprBps = t.aprBps + da - 1;
        t.duration = t.duration + dd - 1;
        t.collateral = t.collateral + dc - 1;
        bool exact = dp == 1 && da == 1 && dd == 1 && dc == 1;
        if (!exact) vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketTermsChanged.selector, id));
        vm.prank(borrower);
        loans.acceptOffer(id, 0, t);
        vm.assertEq(
            uint256(_state(id)), uint256(exact ? LoanMarket.State.Active : LoanMarket.State.Offer), "taken iff exact"
        );
    }

    // ================================================================ helpers

    function _boundTerms(uint256 principal, uint256 aprBps, uint256 duration)
        internal
        view
        returns (uint256, uint256, uint256)
    {
        return (
            bound(principal, 1, type(uint96).max),
            bound(aprBps, 0, loans.MAX_APR_BPS()),
            bound(duration, loans.MIN_DURATION(), loans.MAX_DURATION())
        );
    }

    /// @dev Starts a loan of `funder` (funded with exactly the principal) to `borrower`: through an offer the
    /// borrower accepts or a request the funder funds, against `tokenId` or IFIL_AMOUNT IFIL.
    function _startLoan(
        uint256 principal,
        uint256 aprBps,
        uint256 duration,
        bool viaRequest,
        bool ifilCollateral,
        uint256 tokenId
    ) internal returns (uint256 id) {
        usdt.mint(funder, principal);
        vm.prank(funder);
        usdt.approve(address(loans), type(uint256).max);
        LoanMarket.Collateral kind = ifilCollateral ? LoanMarket.Collateral.Ifil : LoanMarket.Collateral.Nft;
        if (viaRequest) {
            vm.prank(borrower);
            id = loans.postRequest(principal, aprBps, duration, kind, ifilCollateral ? IFIL_AMOUNT : tokenId);
            _fund(funder, id);
        } else {
            LoanMarket.OfferParams memory p = _offerParams(principal, aprBps, duration);
            p.kind = kind;
            if (ifilCollateral) p.collateralAmount = IFIL_AMOUNT;
            else p.productId = filPid;
            id = _postOffer(funder, p);
            _accept(borrower, id, tokenId);
        }
        vm.assertEq(usdt.balanceOf(funder), 0, "the lender paid exactly the principal");
    }
}
