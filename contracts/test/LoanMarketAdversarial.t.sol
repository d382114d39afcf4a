// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {LoanFixture} from "./utils/LoanFixture.sol";
import {LoanMarket} from "../src/LoanMarket.sol";
import {HookToken} from "./mocks/HookToken.sol";
import {HostileLender} from "./mocks/HostileLender.sol";
import {ReentrantToken, IMarketplaceTarget} from "./mocks/ReentrantToken.sol";
import {FeeOnTransferToken} from "./mocks/FeeOnTransferToken.sol";
import {MinerRegistry} from "../src/MinerRegistry.sol";
import {YieldDistributor} from "../src/YieldDistributor.sol";
import {RevenueEscrow} from "../src/RevenueEscrow.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

/// @notice LoanMarket against hostile parties and tokens:
/// - a lender the payment token refuses to pay (a stablecoin blocklist, reverting or returning false) or that
///   refuses in a receive hook (reverts, burns all gas): the repayment still goes through and the lender is
///   credited, then withdraws the credit once it can receive;
/// - a payment token that re-enters every LoanMarket function on each transfer the market makes, and a lender
///   that re-enters from its receive hook: the guard stops every attempt and the books stay exact;
/// - a lender giving foreclose just too little gas to skip the yield forward: at no gas limit does foreclose
///   succeed without paying the borrower its unclaimed yield;
/// - third parties acting on someone else's position, and replays (taking an offer twice, funding a cancelled
///   request, cancelling twice, double pledges);
/// - a request whose NFT's product failed after it was posted (defaulted, slashed, completed): funding it is
///   refused as accepting an offer with that NFT is, and the lender pays nothing;
/// - fee-on-transfer USDT or IFIL (or a fee switched on later): every pull into the market is refused with
///   {LoanMarketTransferShort}, so the market never books more than it holds.
contract LoanMarketAdversarialTest is LoanFixture {
    bytes internal GUARD_ERROR = abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
    /// @dev Gas given to a repayment to a lender burning all it can: a generous transaction, not a block.
    uint256 internal constant REPAY_GAS = 10_000_000;
    uint256 internal constant SMALL_IFIL = 1e18;

    uint256 internal b1;
    uint256 internal b2;
    uint256 internal b3;

    function setUp() public override {
        super.setUp();
        b1 = _tok(filPid, 1);
        b2 = _tok(filPid, 2);
        b3 = _tok(filPid, 3);
    }

    // ================================================================ a lender that cannot be paid

    /// @dev The token reverts on a transfer to a blocked lender (a frozen stablecoin account): the borrower still
    /// repays, gets its NFT back, the lender is credited and withdraws once unblocked.
    function test_BlockedLender_Reverting_RepayCredits() public {
        _blockedLenderRepays(false);
    }

    /// @dev Same with a token that returns false instead of reverting.
    function test_BlockedLender_ReturningFalse_RepayCredits() public {
        _blockedLenderRepays(true);
    }

    function _blockedLenderRepays(bool returnFalse) internal {
        (HookToken h, LoanMarket m) = _hookMarket();
        h.setReturnFalse(returnFalse);
        uint256 id = _hookLoan(m, lender, b1);
        vm.warp(block.timestamp + 25 days);
        (uint256 p, uint256 i, uint256 fee) = m.amountDue(id);
        h.setBlocked(lender, true);
        uint256 lBefore = h.balanceOf(lender);
        uint256 bBefore = h.balanceOf(borrower);

        vm.expectEmit(true, true, true, true, address(m));
        emit LoanMarket.LenderCredited(lender, id, p + i - fee);
        vm.prank(borrower);
        m.repay(id);

        vm.assertEq(uint256(m.position(id).state), uint256(LoanMarket.State.Repaid), "repaid anyway");
        vm.assertEq(nft.ownerOf(b1), borrower, "NFT back");
        vm.assertEq(bBefore - h.balanceOf(borrower), p + i, "borrower paid once");
        vm.assertEq(h.balanceOf(lender), lBefore, "nothing reached the lender");
        vm.assertEq(m.creditOf(lender), p + i - fee, "credited");
        vm.assertEq(m.accruedFees(), fee, "fee accrued");
        vm.assertEq(h.balanceOf(address(m)), p + i, "held: credit + fee");

        // While still blocked, the lender cannot withdraw, and the credit stays.
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketNoCredit.selector, stranger));
        vm.prank(stranger);
        m.withdrawCredit();
        if (!returnFalse) {
            vm.expectRevert(abi.encodeWithSelector(HookToken.HookTokenBlocked.selector, lender));
            vm.prank(lender);
            m.withdrawCredit();
            vm.assertEq(m.creditOf(lender), p + i - fee, "credit kept after a failed withdrawal");
        }
        // Fees are not held hostage by the lender.
        m.withdrawFees();
        vm.assertEq(h.balanceOf(treasury), fee, "treasury paid");

        h.setBlocked(lender, false);
        vm.prank(lender);
        m.withdrawCredit();
        vm.assertEq(h.balanceOf(lender) - lBefore, p + i - fee, "lender paid in full, once");
        vm.assertEq(h.balanceOf(address(m)), 0, "market empty");
    }

    /// @dev A lender contract that reverts, or burns all its gas, when paid: repay credits it (given a generous
    /// gas limit in the burning case) and the lender pulls the credit once it accepts money again.
    function test_RefusingLenderContract_RepayCredits() public {
        HostileLender.Mode[2] memory modes = [HostileLender.Mode.Revert, HostileLender.Mode.BurnGas];
        (HookToken h, LoanMarket m) = _hookMarket();
        for (uint256 k; k < modes.length; ++k) {
            HostileLender hostile = _hostileLender(h, m);
            uint256 tokenId = _tok(filPid, 1 + k);
            uint256 id = _hostileLoan(m, hostile, tokenId);
            vm.warp(block.timestamp + 12 days);
            (uint256 p, uint256 i, uint256 fee) = m.amountDue(id);
            hostile.setMode(modes[k]);

            vm.prank(borrower);
            (bool ok,) = address(m).call{gas: REPAY_GAS}(abi.encodeCall(LoanMarket.repay, (id)));
            vm.assertTrue(ok, "repay goes through");
            vm.assertEq(nft.ownerOf(tokenId), borrower, "NFT back");
            vm.assertEq(m.creditOf(address(hostile)), p + i - fee, "credited");

            // While it refuses, its own withdrawal fails (with a bounded gas limit when it burns it all).
            bytes memory withdraw = abi.encodeCall(LoanMarket.withdrawCredit, ());
            if (modes[k] == HostileLender.Mode.Revert) {
                vm.expectRevert(abi.encodeWithSelector(HostileLender.HostileLenderRefuses.selector));
                hostile.act(withdraw);
            } else {
                vm.assertFalse(hostile.actWithGas(withdraw, REPAY_GAS), "burning its gas fails its own withdrawal");
            }
            vm.assertEq(m.creditOf(address(hostile)), p + i - fee, "credit kept");
            hostile.setMode(HostileLender.Mode.None);
            hostile.act(abi.encodeCall(LoanMarket.withdrawCredit, ()));
            vm.assertEq(m.creditOf(address(hostile)), 0, "withdrawn");
            vm.assertEq(h.balanceOf(address(hostile)), LENDER_FUNDS + i - fee, "principal + interest - fee, once");
        }
    }

    // ================================================================ re-entrancy

    /// @dev A payment token that calls back into the market on every transfer the market makes (pull or push):
    /// for each of the eight transfers (postOffer's pull, acceptOffer's payout, fundRequest's lender-to-borrower
    /// transfer, an offer's refund on cancel, repay's pull and its payout, withdrawFees), each of the ten guarded
    /// functions re-entered fails with ReentrancyGuardReentrantCall; the setters fail on the role; the outer call
    /// completes and the market's books stay exact.
    function test_ReentrantToken_EveryFunctionDuringEveryTransfer() public {
        (ReentrantToken r, LoanMarket m) = _reentrantMarket();
        // Targets the attacks name (they never reach them).
        uint256 openOffer = _rPostIfilOffer(m, lender2);
        vm.prank(borrower2);
        uint256 openRequest = m.postRequest(PRINCIPAL, APR, DURATION, LoanMarket.Collateral.Nft, _tok(filPid, 6));
        uint256 activeLoan = _rLoan(m);
        bytes[] memory attacks = _attacks(m, openOffer, openRequest, activeLoan);

        for (uint256 move; move < 7; ++move) {
            for (uint256 a; a < attacks.length; ++a) {
                _reentrantMove(r, m, move, attacks[a]);
                vm.assertTrue(r.attempted(), "attack fired");
                vm.assertFalse(r.reentrySucceeded(), "re-entry failed");
                vm.assertEq(r.reentryRevertData(), GUARD_ERROR, "stopped by the guard");
                _assertBooks(IERC20(address(r)), m, address(0));
            }
        }
        // The admin setters are not guarded but need the role the token does not have.
        bytes[3] memory setters = [
            abi.encodeCall(LoanMarket.setFeeBps, (0)),
            abi.encodeCall(LoanMarket.setGracePeriod, (1 days)),
            abi.encodeCall(LoanMarket.setTreasury, (address(r)))
        ];
        for (uint256 s; s < setters.length; ++s) {
            _reentrantMove(r, m, 0, setters[s]);
            vm.assertEq(
                r.reentryRevertData(),
                abi.encodeWithSelector(
                    IAccessControl.AccessControlUnauthorizedAccount.selector, address(r), m.DEFAULT_ADMIN_ROLE()
                ),
                "setter needs the role"
            );
        }
        vm.assertEq(m.feeBps(), DEFAULT_FEE_BPS, "fee unchanged");
        vm.assertEq(m.treasury(), treasury, "treasury unchanged");
        vm.assertEq(uint256(m.position(activeLoan).state), uint256(LoanMarket.State.Active), "target loan intact");
        vm.assertEq(uint256(m.position(openOffer).state), uint256(LoanMarket.State.Offer), "target offer intact");
        vm.assertEq(uint256(m.position(openRequest).state), uint256(LoanMarket.State.Request), "target request intact");
    }

    /// @dev A lender contract re-entering from its receive hook while it is paid (repay's payout, an offer's
    /// refund on cancel, withdrawCredit): every guarded function it tries fails with the guard error, and it is
    /// paid exactly once.
    function test_ReentrantLender_FromReceiveHook() public {
        (HookToken h, LoanMarket m) = _hookMarket();
        HostileLender hostile = _hostileLender(h, m);
        // A loan of the hostile lender that is already foreclosable, and one of its open offers: the best targets.
        uint256 foreclosable = _hostileLoan(m, hostile, b3);
        uint256 hostileOffer = _hostileOffer(hostile);
        vm.warp(block.timestamp + DURATION + DEFAULT_GRACE);
        // cancel(hostileOffer) and foreclose(foreclosable) come from their lender: allowed but for the guard.
        bytes[] memory attacks = _attacks(m, hostileOffer, 0, foreclosable);

        for (uint256 a; a < attacks.length; ++a) {
            // repay's payout
            uint256 id = _hostileLoan(m, hostile, b1);
            uint256 before = h.balanceOf(address(hostile));
            (uint256 p, uint256 i, uint256 fee) = m.amountDue(id);
            hostile.armReentry(attacks[a]);
            vm.prank(borrower);
            m.repay(id);
            _assertHookStopped(hostile);
            vm.assertEq(h.balanceOf(address(hostile)) - before, p + i - fee, "paid once");
            vm.assertEq(m.creditOf(address(hostile)), 0, "not credited: the transfer itself succeeded");

            // an offer's refund
            uint256 offer = _hostileOffer(hostile);
            hostile.armReentry(attacks[a]);
            hostile.act(abi.encodeCall(LoanMarket.cancel, (offer)));
            _assertHookStopped(hostile);
            _assertBooks(IERC20(address(h)), m, address(hostile));
        }

        // withdrawCredit: credit it first (refuse once), then re-enter while withdrawing.
        uint256 credited = _hostileLoan(m, hostile, b2);
        hostile.setMode(HostileLender.Mode.Revert);
        vm.prank(borrower);
        m.repay(credited);
        uint256 credit = m.creditOf(address(hostile));
        vm.assertGt(credit, 0, "credited");
        uint256 bal = h.balanceOf(address(hostile));
        hostile.armReentry(abi.encodeCall(LoanMarket.withdrawCredit, ()));
        hostile.act(abi.encodeCall(LoanMarket.withdrawCredit, ()));
        _assertHookStopped(hostile);
        vm.assertEq(h.balanceOf(address(hostile)) - bal, credit, "credit paid once");
        vm.assertEq(m.creditOf(address(hostile)), 0, "cleared");
        vm.assertEq(uint256(m.position(foreclosable).state), uint256(LoanMarket.State.Active), "never foreclosed");
        vm.assertEq(uint256(m.position(hostileOffer).state), uint256(LoanMarket.State.Offer), "never cancelled");
        _assertBooks(IERC20(address(h)), m, address(hostile));
    }

    // ================================================================ foreclose gas games

    /// @dev The lender calls foreclose with every gas limit from too little to enough, in small steps: each
    /// attempt either fails and changes nothing, or succeeds having paid the borrower its unclaimed yield. There
    /// is no limit at which the NFT goes to the lender and the yield does not reach the borrower.
    function test_Foreclose_GasLimitCannotSkipTheYieldForward() public {
        uint256 id = _nftLoan(b1);
        _payYield(filPid, 1e18);
        vm.warp(block.timestamp + 1 days);
        _payYield(filPid, 2e18);
        uint256 pending = dist.claimable(b1);
        vm.assertEq(pending, 3e17, "a tenth of 3 IFIL");
        (, uint256 at) = loans.deadlines(id);
        vm.warp(at);
        uint256 bBefore = ifil.balanceOf(borrower);
        bytes memory data = abi.encodeCall(LoanMarket.foreclose, (id));

        bool done;
        uint256 failures;
        for (uint256 g = 20_000; g <= 400_000 && !done; g += 250) {
            vm.prank(lender);
            (bool ok,) = address(loans).call{gas: g}(data);
            if (!ok) {
                failures++;
                vm.assertEq(nft.ownerOf(b1), address(loans), "failed: NFT still pledged");
                vm.assertEq(ifil.balanceOf(borrower), bBefore, "failed: nothing paid");
                vm.assertEq(dist.claimable(b1), pending, "failed: yield still on the NFT");
                vm.assertEq(uint256(_state(id)), uint256(LoanMarket.State.Active), "failed: still active");
                continue;
            }
            done = true;
            vm.assertEq(ifil.balanceOf(borrower) - bBefore, pending, "succeeded: yield forwarded");
            vm.assertEq(nft.ownerOf(b1), lender, "succeeded: NFT to the lender");
        }
        vm.assertTrue(done, "foreclose succeeds with enough gas");
        vm.assertGt(failures, 100, "many too-small limits were tried");
    }

    /// @dev The same through a lender contract that sets the limit of its own call into the market.
    function test_Foreclose_GasLimitedLenderContract() public {
        HostileLender hostile = new HostileLender(address(loans));
        usdt.mint(address(hostile), PRINCIPAL);
        hostile.approve(IERC20(address(usdt)), PRINCIPAL);
        LoanMarket.OfferParams memory p = _offerParams(PRINCIPAL, APR, DURATION);
        p.productId = filPid;
        uint256 id = abi.decode(hostile.act(abi.encodeCall(LoanMarket.postOffer, (p))), (uint256));
        _accept(borrower, id, b1);
        _payYield(filPid, 5e18);
        uint256 pending = dist.claimable(b1);
        (, uint256 at) = loans.deadlines(id);
        vm.warp(at);
        uint256 bBefore = ifil.balanceOf(borrower);
        bytes memory data = abi.encodeCall(LoanMarket.foreclose, (id));
        uint256 g = 30_000;
        while (!hostile.actWithGas(data, g)) {
            vm.assertEq(nft.ownerOf(b1), address(loans), "nothing moved");
            g += 500;
        }
        vm.assertEq(ifil.balanceOf(borrower) - bBefore, pending, "yield forwarded at the first limit that works");
        vm.assertEq(nft.ownerOf(b1), address(hostile), "NFT to the lender contract");
    }

    // ================================================================ third parties

    function test_ThirdParty_CannotActOnSomeoneElsesPositions() public {
        uint256 offer = _productOffer(lender, filPid);
        uint256 request = _request(borrower, LoanMarket.Collateral.Nft, b1);
        uint256 loan = _nftLoan(b2);
        _payYield(filPid, 1e18);
        vm.warp(block.timestamp + DURATION + DEFAULT_GRACE);
        address[2] memory outsiders = [stranger, borrower2];

        for (uint256 k; k < outsiders.length; ++k) {
            address x = outsiders[k];
            vm.startPrank(x);
            vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketNotLender.selector, offer, x, lender));
            loans.cancel(offer);
            vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketNotBorrower.selector, request, x, borrower));
            loans.cancel(request);
            vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketNotBorrower.selector, loan, x, borrower));
            loans.repay(loan);
            vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketNotLender.selector, loan, x, lender));
            loans.foreclose(loan);
            vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketNotBorrower.selector, loan, x, borrower));
            loans.claimYield(_ids1(loan));
            vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketNotBorrower.selector, request, x, borrower));
            loans.claimYield(_ids1(request));
            vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketNoCredit.selector, x));
            loans.withdrawCredit();
            vm.stopPrank();
        }
        // The two parties cannot act in each other's role either.
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketNotLender.selector, loan, borrower, lender));
        vm.prank(borrower);
        loans.foreclose(loan);
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketNotBorrower.selector, loan, lender, borrower));
        vm.prank(lender);
        loans.claimYield(_ids1(loan));

        vm.assertEq(uint256(_state(offer)), uint256(LoanMarket.State.Offer), "offer intact");
        vm.assertEq(uint256(_state(request)), uint256(LoanMarket.State.Request), "request intact");
        vm.assertEq(uint256(_state(loan)), uint256(LoanMarket.State.Active), "loan intact");
        vm.assertEq(dist.claimable(b2), 1e17, "yield untouched");
    }

    /// @dev An NFT already pledged (held by the market) cannot be pledged a second time by anyone.
    function test_ThirdParty_CannotPledgeAPledgedNft() public {
        _request(borrower, LoanMarket.Collateral.Nft, b1);
        uint256 offer = _productOffer(lender, filPid);
        LoanMarket.Terms memory t = _terms(offer);
        bytes memory err =
            abi.encodeWithSelector(IERC721Errors.ERC721IncorrectOwner.selector, borrower, b1, address(loans));
        vm.expectRevert(err);
        vm.prank(borrower);
        loans.acceptOffer(offer, b1, t);
        vm.expectRevert(err);
        _request(borrower, LoanMarket.Collateral.Nft, b1);
        vm.expectRevert(
            abi.encodeWithSelector(IERC721Errors.ERC721IncorrectOwner.selector, stranger, b1, address(loans))
        );
        vm.prank(stranger);
        loans.acceptOffer(offer, b1, t);
    }

    // ================================================================ replays

    function test_Replay_TakeOfferTwiceFundCancelledRequestCancelTwice() public {
        // An offer is taken once, by anyone, on the same terms.
        uint256 offer = _productOffer(lender, filPid);
        LoanMarket.Terms memory t = _terms(offer);
        vm.prank(borrower);
        loans.acceptOffer(offer, b1, t);
        uint256 escrow = usdt.balanceOf(address(loans));
        vm.expectRevert(_wrongState(offer, LoanMarket.State.Active, LoanMarket.State.Offer));
        vm.prank(borrower);
        loans.acceptOffer(offer, b2, t);
        vm.expectRevert(_wrongState(offer, LoanMarket.State.Active, LoanMarket.State.Offer));
        vm.prank(borrower2);
        loans.acceptOffer(offer, _tok(filPid, 6), t);
        vm.assertEq(usdt.balanceOf(address(loans)), escrow, "no second principal paid out");

        // A cancelled request cannot be funded; the NFT went back to the borrower.
        uint256 req = _request(borrower, LoanMarket.Collateral.Nft, b2);
        LoanMarket.Terms memory rt = _terms(req);
        vm.prank(borrower);
        loans.cancel(req);
        uint256 lenderBefore = usdt.balanceOf(lender);
        vm.expectRevert(_wrongState(req, LoanMarket.State.Cancelled, LoanMarket.State.Request));
        vm.prank(lender);
        loans.fundRequest(req, rt);
        vm.assertEq(usdt.balanceOf(lender), lenderBefore, "lender paid nothing");
        vm.assertEq(nft.ownerOf(b2), borrower, "NFT with the borrower");

        // A request is funded once.
        uint256 req2 = _request(borrower, LoanMarket.Collateral.Nft, b3);
        LoanMarket.Terms memory rt2 = _terms(req2);
        vm.prank(lender);
        loans.fundRequest(req2, rt2);
        vm.expectRevert(_wrongState(req2, LoanMarket.State.Active, LoanMarket.State.Request));
        vm.prank(lender2);
        loans.fundRequest(req2, rt2);

        // An offer is refunded once.
        uint256 offer2 = _ifilOffer(lender2, IFIL_AMOUNT);
        vm.prank(lender2);
        loans.cancel(offer2);
        uint256 l2 = usdt.balanceOf(lender2);
        vm.expectRevert(_wrongState(offer2, LoanMarket.State.Cancelled, LoanMarket.State.Offer));
        vm.prank(lender2);
        loans.cancel(offer2);
        vm.assertEq(usdt.balanceOf(lender2), l2, "no second refund");

        // A loan is repaid once: its collateral comes back once.
        _repay(borrower, offer);
        uint256 b = usdt.balanceOf(borrower);
        vm.expectRevert(_wrongState(offer, LoanMarket.State.Repaid, LoanMarket.State.Active));
        _repay(borrower, offer);
        vm.assertEq(usdt.balanceOf(borrower), b, "no second payment");
        _assertBooks(IERC20(address(usdt)), loans, address(0));
    }

    // ================================================================ funding a request whose product failed

    /// @dev Finding 6: the borrower posts a request with an NFT, then its product defaults (the DefaultGuard halts
    /// the escrow and marks the application Defaulted). A lender funding the request would lend against a
    /// defaulted NFT: fundRequest refuses it exactly as acceptOffer would, and no money moves.
    function test_FundRequest_RefusesNftOfDefaultedProduct() public {
        uint256 id = _request(borrower, LoanMarket.Collateral.Nft, b1);
        LoanMarket.Terms memory t = _terms(id);
        _markDefaulted(filApp);
        _fundRefused(id, t, b1, MinerRegistry.Status.Defaulted);
        // The borrower can still take the NFT back.
        vm.prank(borrower);
        loans.cancel(id);
        vm.assertEq(nft.ownerOf(b1), borrower, "NFT back to the borrower");
    }

    /// @dev Finding 5 for loans: what a lender sees is what it gets. From the moment an NFT is pledged in a
    /// request, its refund (like its insurance payout) cannot be claimed by anyone: the borrower is no longer its
    /// holder and the market never claims them. The lender funds the NFT it saw; its claim nonce does not move.
    function test_PledgedNft_CannotBeEmptiedWhileTheLenderDecides() public {
        uint256 id = _request(borrower, LoanMarket.Collateral.Nft, b1);
        uint256 seen = nft.claimNonce(b1);
        uint256[] memory ids = new uint256[](1);
        ids[0] = b1;
        vm.expectRevert(
            abi.encodeWithSelector(RevenueEscrow.RevenueEscrowNotHolder.selector, b1, borrower, address(loans))
        );
        vm.prank(borrower);
        escrow.claimRefund(ids);
        _fund(lender, id);
        vm.assertEq(nft.claimNonce(b1), seen, "nothing was taken out of the pledged NFT");
        vm.expectRevert(
            abi.encodeWithSelector(RevenueEscrow.RevenueEscrowNotHolder.selector, b1, borrower, address(loans))
        );
        vm.prank(borrower);
        escrow.claimRefund(ids);
    }

    /// @dev Same for a product slashed by the DAO and for one whose term ran out and completed.
    function test_FundRequest_RefusesNftOfSlashedOrCompletedProduct() public {
        uint256 big1 = _tok(bigPid, 1);
        uint256 slashed = _request(borrower, LoanMarket.Collateral.Nft, b1);
        uint256 completed = _request(borrower, LoanMarket.Collateral.Nft, big1);
        LoanMarket.Terms memory ts = _terms(slashed);
        LoanMarket.Terms memory tc = _terms(completed);
        vm.prank(governance);
        registry.slash(filApp);
        vm.warp(registry.termEnd(bigApp));
        vm.prank(miner);
        registry.withdrawStake(bigApp);
        _fundRefused(slashed, ts, b1, MinerRegistry.Status.Slashed);
        _fundRefused(completed, tc, big1, MinerRegistry.Status.Completed);
    }

    /// @dev Only NFTs of a failed product are refused: IFIL requests and NFTs of active products are funded.
    function test_FundRequest_OtherCollateralStillFunded() public {
        uint256 nftReq = _request(borrower, LoanMarket.Collateral.Nft, _tok(btcPid, 1));
        uint256 ifilReq = _request(borrower, LoanMarket.Collateral.Ifil, IFIL_AMOUNT);
        _markDefaulted(filApp);
        _fund(lender, nftReq);
        _fund(lender, ifilReq);
        vm.assertEq(uint256(_state(nftReq)), uint256(LoanMarket.State.Active), "NFT of an active product funded");
        vm.assertEq(uint256(_state(ifilReq)), uint256(LoanMarket.State.Active), "IFIL request funded");
    }

    function _fundRefused(uint256 id, LoanMarket.Terms memory t, uint256 tokenId, MinerRegistry.Status status)
        internal
    {
        uint256 lenderBefore = usdt.balanceOf(lender);
        uint256 borrowerBefore = usdt.balanceOf(borrower);
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketProductNotActive.selector, id, tokenId, status));
        vm.prank(lender);
        loans.fundRequest(id, t);
        vm.assertEq(usdt.balanceOf(lender), lenderBefore, "lender paid nothing");
        vm.assertEq(usdt.balanceOf(borrower), borrowerBefore, "borrower got nothing");
        vm.assertEq(uint256(_state(id)), uint256(LoanMarket.State.Request), "still a request");
        vm.assertEq(nft.ownerOf(tokenId), address(loans), "NFT still pledged");
    }

    // ================================================================ fee-on-transfer tokens

    /// @dev Finding 9: a USDT that takes a fee would leave an offer's escrow short of its principal, and the
    /// acceptance would pay the borrower out of other offers' escrow. postOffer refuses the short pull.
    function test_FeeOnTransferUsdt_PostOfferRefused() public {
        (FeeOnTransferToken f, LoanMarket m) = _feeMarket(100);
        LoanMarket.OfferParams memory p = _offerParams(PRINCIPAL, APR, DURATION);
        p.productId = filPid;
        vm.expectRevert(_short(address(f), PRINCIPAL, f.received(PRINCIPAL)));
        vm.prank(lender);
        m.postOffer(p);
        vm.assertEq(m.positionCount(), 0, "no offer");
        vm.assertEq(f.balanceOf(address(m)), 0, "nothing held");
    }

    /// @dev The fee switched on while a loan runs (as USDT's own fee switch could): the repayment would arrive
    /// short and the lender be paid out of another lender's escrow. repay refuses; the escrow stays whole.
    function test_FeeOnTransferUsdt_RepayRefused() public {
        (FeeOnTransferToken f, LoanMarket m) = _feeMarket(0);
        uint256 id = _hookLoan(m, lender, b1);
        LoanMarket.OfferParams memory p = _offerParams(PRINCIPAL, APR, DURATION);
        p.productId = filPid;
        vm.prank(lender2);
        m.postOffer(p); // another lender's escrow, which a short repayment would eat into
        vm.warp(block.timestamp + 10 days);
        f.setFeeBps(100);
        (uint256 principal, uint256 interest,) = m.amountDue(id);
        uint256 due = principal + interest;
        vm.expectRevert(_short(address(f), due, f.received(due)));
        vm.prank(borrower);
        m.repay(id);
        vm.assertEq(f.balanceOf(address(m)), PRINCIPAL, "the open offer's escrow is whole");
        vm.assertEq(uint256(m.position(id).state), uint256(LoanMarket.State.Active), "still active");
        vm.assertEq(nft.ownerOf(b1), address(m), "NFT still pledged");
    }

    /// @dev An IFIL that takes a fee: a pledge would arrive short and the market give back (or the lender
    /// foreclose on) more than it holds. Both IFIL pulls refuse: postRequest and acceptOffer of an IFIL offer.
    function test_FeeOnTransferIfil_PledgesRefused() public {
        FeeOnTransferToken f = new FeeOnTransferToken(18, 100);
        YieldDistributor d = new YieldDistributor(governance, nft, IERC20(address(f)), IERC20(address(wbtc)));
        LoanMarket m = new LoanMarket(governance, nft, registry, d, IERC20(address(usdt)), treasury);
        f.mint(borrower, BORROWER_IFIL);
        vm.prank(borrower);
        f.approve(address(m), type(uint256).max);
        vm.prank(lender);
        usdt.approve(address(m), type(uint256).max);

        bytes memory err = _short(address(f), IFIL_AMOUNT, f.received(IFIL_AMOUNT));
        vm.expectRevert(err);
        vm.prank(borrower);
        m.postRequest(PRINCIPAL, APR, DURATION, LoanMarket.Collateral.Ifil, IFIL_AMOUNT);

        LoanMarket.OfferParams memory p = _offerParams(PRINCIPAL, APR, DURATION);
        p.kind = LoanMarket.Collateral.Ifil;
        p.collateralAmount = IFIL_AMOUNT;
        vm.prank(lender);
        uint256 id = m.postOffer(p);
        vm.expectRevert(err);
        vm.prank(borrower);
        m.acceptOffer(id, 0, LoanMarket.Terms(PRINCIPAL, APR, DURATION, IFIL_AMOUNT));

        vm.assertEq(uint256(m.position(id).state), uint256(LoanMarket.State.Offer), "offer still open");
        vm.assertEq(usdt.balanceOf(address(m)), PRINCIPAL, "principal still escrowed");
        vm.assertEq(f.balanceOf(address(m)), 0, "no IFIL held");
    }

    function _feeMarket(uint256 feeBps) internal returns (FeeOnTransferToken f, LoanMarket m) {
        f = new FeeOnTransferToken(6, feeBps);
        m = _newLoans(IERC20(address(f)));
        _fundParties(IMintable(address(f)), m);
    }

    function _short(address token, uint256 expected, uint256 received) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(LoanMarket.LoanMarketTransferShort.selector, token, expected, received);
    }

    // ================================================================ helpers: markets on hostile tokens

    function _hookMarket() internal returns (HookToken h, LoanMarket m) {
        h = new HookToken();
        m = _newLoans(IERC20(address(h)));
        _fundParties(IMintable(address(h)), m);
    }

    function _reentrantMarket() internal returns (ReentrantToken r, LoanMarket m) {
        r = new ReentrantToken();
        m = _newLoans(IERC20(address(r)));
        _fundParties(IMintable(address(r)), m);
    }

    function _fundParties(IMintable token, LoanMarket m) internal {
        address[4] memory parties = [lender, lender2, borrower, borrower2];
        for (uint256 k; k < parties.length; ++k) {
            token.mint(parties[k], LENDER_FUNDS);
            vm.startPrank(parties[k]);
            IERC20(address(token)).approve(address(m), type(uint256).max);
            ifil.approve(address(m), type(uint256).max);
            nft.setApprovalForAll(address(m), true);
            vm.stopPrank();
        }
    }

    /// @dev `who` offers for filPid on market `m` and `borrower` accepts with `tokenId`.
    function _hookLoan(LoanMarket m, address who, uint256 tokenId) internal returns (uint256 id) {
        LoanMarket.OfferParams memory p = _offerParams(PRINCIPAL, APR, DURATION);
        p.productId = filPid;
        vm.prank(who);
        id = m.postOffer(p);
        vm.prank(borrower);
        m.acceptOffer(id, tokenId, LoanMarket.Terms(PRINCIPAL, APR, DURATION, 0));
    }

    function _hostileLender(HookToken h, LoanMarket m) internal returns (HostileLender hostile) {
        hostile = new HostileLender(address(m));
        h.mint(address(hostile), LENDER_FUNDS);
        hostile.approve(IERC20(address(h)), type(uint256).max);
        h.setHooked(address(hostile), true);
    }

    /// @dev An offer of the hostile lender on its market.
    function _hostileOffer(HostileLender hostile) internal returns (uint256) {
        LoanMarket.OfferParams memory p = _offerParams(PRINCIPAL, APR, DURATION);
        p.productId = filPid;
        return abi.decode(hostile.act(abi.encodeCall(LoanMarket.postOffer, (p))), (uint256));
    }

    /// @dev The hostile lender's offer, taken by `borrower` with `tokenId` (the hook stays quiet meanwhile).
    function _hostileLoan(LoanMarket m, HostileLender hostile, uint256 tokenId) internal returns (uint256 id) {
        HostileLender.Mode mode = hostile.mode();
        hostile.setMode(HostileLender.Mode.None);
        id = _hostileOffer(hostile);
        vm.prank(borrower);
        m.acceptOffer(id, tokenId, LoanMarket.Terms(PRINCIPAL, APR, DURATION, 0));
        hostile.setMode(mode);
    }

    function _assertHookStopped(HostileLender hostile) internal view {
        vm.assertTrue(hostile.attempted(), "hook re-entered");
        vm.assertFalse(hostile.reentrySucceeded(), "re-entry failed");
        vm.assertEq(hostile.reentryRevertData(), GUARD_ERROR, "stopped by the guard");
    }

    // ---------------------------------------------------------------- the re-entrant token's moves

    function _rPostIfilOffer(LoanMarket m, address who) internal returns (uint256 id) {
        LoanMarket.OfferParams memory p = _offerParams(PRINCIPAL, APR, DURATION);
        p.kind = LoanMarket.Collateral.Ifil;
        p.collateralAmount = SMALL_IFIL;
        vm.prank(who);
        id = m.postOffer(p);
    }

    function _rLoan(LoanMarket m) internal returns (uint256 id) {
        id = _rPostIfilOffer(m, lender);
        vm.prank(borrower);
        m.acceptOffer(id, 0, LoanMarket.Terms(PRINCIPAL, APR, DURATION, SMALL_IFIL));
    }

    /// @dev Performs one kind of market transfer of the re-entrant token with `attack` armed on exactly it.
    function _reentrantMove(ReentrantToken r, LoanMarket m, uint256 move, bytes memory attack) internal {
        IMarketplaceTarget target = IMarketplaceTarget(address(m));
        if (move == 0) {
            // postOffer: pulls the principal from the lender
            r.armCall(target, attack);
            _rPostIfilOffer(m, lender);
        } else if (move == 1) {
            // acceptOffer: pays the principal to the borrower
            uint256 id = _rPostIfilOffer(m, lender);
            r.armCall(target, attack);
            vm.prank(borrower);
            m.acceptOffer(id, 0, LoanMarket.Terms(PRINCIPAL, APR, DURATION, SMALL_IFIL));
        } else if (move == 2) {
            // fundRequest: moves the principal from the lender to the borrower
            vm.prank(borrower);
            uint256 id = m.postRequest(PRINCIPAL, APR, DURATION, LoanMarket.Collateral.Ifil, SMALL_IFIL);
            r.armCall(target, attack);
            vm.prank(lender);
            m.fundRequest(id, LoanMarket.Terms(PRINCIPAL, APR, DURATION, SMALL_IFIL));
        } else if (move == 3) {
            // cancel: refunds an offer's principal
            uint256 id = _rPostIfilOffer(m, lender);
            r.armCall(target, attack);
            vm.prank(lender);
            m.cancel(id);
        } else if (move == 4 || move == 5) {
            // repay: pulls principal + interest (4), then pays the lender (5)
            uint256 id = _rLoan(m);
            r.armCall(target, attack);
            if (move == 5) r.setMovesToSkip(1);
            vm.prank(borrower);
            m.repay(id);
        } else {
            // withdrawFees: pays the treasury (a repayment first, so there are fees)
            uint256 id = _rLoan(m);
            vm.prank(borrower);
            m.repay(id);
            r.armCall(target, attack);
            m.withdrawFees();
        }
    }

    /// @dev One call of each guarded function, with arguments that would otherwise get past most checks.
    function _attacks(LoanMarket m, uint256 offer, uint256 request, uint256 loan)
        internal
        view
        returns (bytes[] memory a)
    {
        LoanMarket.OfferParams memory p = _offerParams(PRINCIPAL, APR, DURATION);
        p.productId = filPid;
        a = new bytes[](10);
        a[0] = abi.encodeCall(LoanMarket.postOffer, (p));
        a[1] = abi.encodeCall(LoanMarket.acceptOffer, (offer, b2, _termsOn(m, offer)));
        a[2] = abi.encodeCall(LoanMarket.postRequest, (PRINCIPAL, APR, DURATION, LoanMarket.Collateral.Ifil, 1));
        a[3] = abi.encodeCall(LoanMarket.fundRequest, (request, _termsOn(m, request)));
        a[4] = abi.encodeCall(LoanMarket.repay, (loan));
        a[5] = abi.encodeCall(LoanMarket.cancel, (offer));
        a[6] = abi.encodeCall(LoanMarket.foreclose, (loan));
        a[7] = abi.encodeCall(LoanMarket.claimYield, (_ids1(loan)));
        a[8] = abi.encodeCall(LoanMarket.withdrawCredit, ());
        a[9] = abi.encodeCall(LoanMarket.withdrawFees, ());
    }

    function _termsOn(LoanMarket m, uint256 id) internal view returns (LoanMarket.Terms memory t) {
        if (id == 0) return t;
        LoanMarket.Position memory pos = m.position(id);
        t = LoanMarket.Terms(pos.principal, pos.aprBps, pos.duration, pos.collateral);
    }

    /// @dev The market holds exactly the open offers' principals, the accrued fees and the credits of the
    /// fixture's parties and `extra`, and exactly the IFIL of open IFIL requests and active IFIL loans.
    function _assertBooks(IERC20 token, LoanMarket m, address extra) internal view {
        uint256 offers;
        uint256 ifilHeld;
        uint256 n = m.positionCount();
        for (uint256 id = 1; id <= n; ++id) {
            LoanMarket.Position memory pos = m.position(id);
            if (pos.state == LoanMarket.State.Offer) offers += pos.principal;
            bool open = pos.state == LoanMarket.State.Request || pos.state == LoanMarket.State.Active;
            if (open && pos.kind == LoanMarket.Collateral.Ifil) ifilHeld += pos.collateral;
        }
        uint256 credits = m.creditOf(extra);
        address[4] memory parties = [lender, lender2, borrower, borrower2];
        for (uint256 k; k < parties.length; ++k) {
            credits += m.creditOf(parties[k]);
        }
        vm.assertEq(token.balanceOf(address(m)), offers + m.accruedFees() + credits, "USDT held == owed");
        vm.assertEq(ifil.balanceOf(address(m)), ifilHeld, "IFIL held == pledged IFIL");
    }

    function _wrongState(uint256 id, LoanMarket.State current, LoanMarket.State expected)
        internal
        pure
        returns (bytes memory)
    {
        return abi.encodeWithSelector(LoanMarket.LoanMarketWrongState.selector, id, current, expected);
    }
}

interface IMintable {
    function mint(address to, uint256 amount) external;
}
