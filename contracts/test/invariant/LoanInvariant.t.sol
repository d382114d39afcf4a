// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {LoanFixture} from "../utils/LoanFixture.sol";
import {LoanHandler} from "../handlers/LoanHandler.sol";
import {LoanMarket} from "../../src/LoanMarket.sol";
import {HookToken} from "../mocks/HookToken.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @dev The shape forge expects from `targetSelectors()` (as in forge-std's StdInvariant).
struct FuzzSelector {
    address addr;
    bytes4[] selectors;
}

/// @notice Stateful invariants of the LoanMarket, driven by {LoanHandler} across four actors (each lender and
/// borrower), the 24 NFTs they hold of three registry products (FIL 1 TiB, FIL 2 TiB with a 90-day term that can be
/// marked Defaulted, BTC) and IFIL. The payment token is a {HookToken} with a blocklist, so repayments to a blocked
/// lender are credited.
/// - NFTs: every NFT is held by an actor or the market, never by anyone else; the last position that pledged an
///   NFT says exactly where it is (open request or active loan: the market; repaid or cancelled: its borrower;
///   foreclosed: its lender); the market holds exactly the NFTs of open requests and active loans. (An NFT a
///   lender won by foreclosure may be pledged again by that lender, so "owned by the borrower, the market or the
///   lender" is a property of an NFT's latest pledge: earlier positions that pledged it have other parties.)
/// - USDT: the market holds exactly the open offers' principals + the accrued fees + the credits; the total held by
///   the actors, the market and the treasury never changes; each actor's balance is exactly what the model says.
/// - IFIL: the market holds exactly the IFIL of open IFIL requests and active IFIL loans; it never keeps yield.
/// - States only move forward, every position matches the handler's model, every must-fail action failed with
///   its exact error.
contract LoanInvariantTest is LoanFixture {
    uint256 internal constant ACTOR_FUNDS = 1_000_000e6;

    HookToken internal hUsdt;
    LoanMarket internal hLoans;
    LoanHandler internal handler;
    uint256 internal initialSupply;

    function setUp() public override {
        super.setUp();
        hUsdt = new HookToken();
        hLoans = _newLoans(IERC20(address(hUsdt)));
        address[] memory actors = new address[](4);
        actors[0] = lender;
        actors[1] = lender2;
        actors[2] = borrower;
        actors[3] = borrower2;
        _mintIfil(lender, BORROWER_IFIL);
        _mintIfil(lender2, BORROWER_IFIL);
        for (uint256 i; i < actors.length; ++i) {
            hUsdt.mint(actors[i], ACTOR_FUNDS);
            vm.startPrank(actors[i]);
            hUsdt.approve(address(hLoans), type(uint256).max);
            ifil.approve(address(hLoans), type(uint256).max);
            nft.setApprovalForAll(address(hLoans), true);
            vm.stopPrank();
        }
        uint256[3] memory pids = [filPid, bigPid, btcPid];
        uint256[] memory products = new uint256[](3);
        uint256[] memory ids = new uint256[](24);
        for (uint256 p; p < 3; ++p) {
            products[p] = pids[p];
            for (uint256 s = 1; s <= 8; ++s) {
                ids[p * 8 + s - 1] = _tok(pids[p], s);
            }
        }
        vm.prank(governance);
        registry.setSlasher(slasherBot);
        handler = new LoanHandler(
            LoanHandler.Deps({
                loans: hLoans,
                usdt: hUsdt,
                ifil: ifil,
                wbtc: wbtc,
                dist: dist,
                nft: nft,
                registry: registry,
                admin: governance,
                bridge: bridge,
                miner: miner,
                slasher: slasherBot,
                defaultableApp: bigApp
            }),
            actors,
            ids,
            products
        );
        initialSupply = hUsdt.totalSupply();
        vm.label(address(hLoans), "hookLoans");
        vm.label(address(handler), "handler");
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// @dev Actions that make progress (post, take, repay, foreclose, claim, yield, time) are listed more than once:
    /// forge draws uniformly from this list, so the weights keep loans starting and ending within a 64-call run.
    function targetSelectors() public view returns (FuzzSelector[] memory targets) {
        bytes4[16] memory actions = [
            LoanHandler.postOffer.selector,
            LoanHandler.postRequest.selector,
            LoanHandler.acceptOffer.selector,
            LoanHandler.fundRequest.selector,
            LoanHandler.cancel.selector,
            LoanHandler.repay.selector,
            LoanHandler.foreclose.selector,
            LoanHandler.claimYield.selector,
            LoanHandler.intrude.selector,
            LoanHandler.withdrawCredit.selector,
            LoanHandler.payYield.selector,
            LoanHandler.warp.selector,
            LoanHandler.setFee.selector,
            LoanHandler.setGrace.selector,
            LoanHandler.withdrawFees.selector,
            LoanHandler.markDefaulted.selector
        ];
        uint8[16] memory weights = [2, 2, 3, 2, 1, 2, 2, 2, 1, 1, 2, 2, 1, 1, 1, 1];
        uint256 total;
        for (uint256 i; i < weights.length; ++i) {
            total += weights[i];
        }
        bytes4[] memory selectors = new bytes4[](total);
        uint256 k;
        for (uint256 i; i < actions.length; ++i) {
            for (uint256 w; w < weights[i]; ++w) {
                selectors[k++] = actions[i];
            }
        }
        targets = new FuzzSelector[](1);
        targets[0] = FuzzSelector({addr: address(handler), selectors: selectors});
    }

    // ================================================================ NFTs

    function invariant_PledgedNftsOnlyWithTheirParties() public view {
        uint256[] memory ids = handler.tokens();
        uint256 pledged;
        for (uint256 i; i < ids.length; ++i) {
            uint256 tokenId = ids[i];
            address owner = nft.ownerOf(tokenId);
            vm.assertTrue(owner == address(hLoans) || handler.isActor(owner), "held by an actor or the market");
            uint256 id = handler.ghost_lastPledge(tokenId);
            if (id == 0) {
                vm.assertTrue(handler.isActor(owner), "never pledged: with an actor");
                continue;
            }
            LoanMarket.Position memory pos = hLoans.position(id);
            vm.assertEq(uint256(pos.kind), uint256(LoanMarket.Collateral.Nft), "an NFT position");
            vm.assertEq(uint256(pos.collateral), tokenId, "that pledged this NFT");
            LoanMarket.State s = pos.state;
            if (s == LoanMarket.State.Request || s == LoanMarket.State.Active) {
                vm.assertEq(owner, address(hLoans), "pledged: held by the market");
                pledged++;
            } else if (s == LoanMarket.State.Foreclosed) {
                vm.assertEq(owner, pos.lender, "foreclosed: with its lender");
            } else {
                vm.assertEq(owner, pos.borrower, "repaid or cancelled: back with its borrower");
            }
        }
        vm.assertEq(nft.balanceOf(address(hLoans)), pledged, "the market holds only pledged NFTs");
    }

    // ================================================================ USDT

    function invariant_UsdtConserved() public view {
        (uint256 openOffers,) = _sums();
        uint256 credits;
        uint256 sum = hUsdt.balanceOf(address(hLoans)) + hUsdt.balanceOf(treasury);
        address[] memory actors = handler.actors();
        for (uint256 i; i < actors.length; ++i) {
            address a = actors[i];
            uint256 credit = hLoans.creditOf(a);
            vm.assertEq(credit, handler.ghost_credit(a), "credit == ghost");
            credits += credit;
            uint256 bal = hUsdt.balanceOf(a);
            sum += bal;
            vm.assertEq(
                bal, ACTOR_FUNDS + handler.ghost_receivedBy(a) - handler.ghost_paidBy(a), "actor balance == model"
            );
        }
        vm.assertEq(
            hUsdt.balanceOf(address(hLoans)),
            openOffers + hLoans.accruedFees() + credits,
            "market holds open offers + fees + credits"
        );
        vm.assertEq(openOffers, handler.ghost_openOfferPrincipal(), "open offers == ghost");
        vm.assertEq(credits, handler.ghost_creditsTotal(), "credits == ghost");
        vm.assertEq(
            hLoans.accruedFees(),
            handler.ghost_feesAccrued() - handler.ghost_feesWithdrawn(),
            "fees == accrued - withdrawn"
        );
        vm.assertEq(hUsdt.balanceOf(treasury), handler.ghost_feesWithdrawn(), "treasury got every withdrawal");
        vm.assertEq(sum, initialSupply, "actors + market + treasury hold all the USDT");
        vm.assertEq(hUsdt.totalSupply(), initialSupply, "supply constant");
    }

    // ================================================================ IFIL

    function invariant_IfilConserved() public view {
        (, uint256 ifilPledged) = _sums();
        vm.assertEq(ifil.balanceOf(address(hLoans)), ifilPledged, "market holds exactly the pledged IFIL");
        vm.assertEq(ifilPledged, handler.ghost_ifilPledged(), "pledged IFIL == ghost");
        vm.assertEq(wbtc.balanceOf(address(hLoans)), 0, "no yield kept");
        address[] memory actors = handler.actors();
        uint256 sum = ifil.balanceOf(address(hLoans)) + ifil.balanceOf(address(dist)) + ifil.balanceOf(miner);
        for (uint256 i; i < actors.length; ++i) {
            sum += ifil.balanceOf(actors[i]);
        }
        vm.assertEq(sum, ifil.totalSupply(), "all IFIL with the actors, the market, the distributor, the miner");
    }

    // ================================================================ states and the model

    function invariant_StatesForwardAndMatchTheModel() public view {
        vm.assertEq(handler.ghost_illegalTransitions(), 0, "states only move forward");
        vm.assertEq(handler.ghost_unexpectedOutcomes(), 0, "every outcome as the model says");
        uint256 n = hLoans.positionCount();
        vm.assertEq(n, handler.ghost_positions(), "position count");
        for (uint256 id = 1; id <= n; ++id) {
            LoanMarket.Position memory pos = hLoans.position(id);
            LoanHandler.Ghost memory g = handler.ghost(id);
            vm.assertEq(uint256(pos.state), uint256(g.state), "state == model");
            vm.assertEq(uint256(pos.kind), uint256(g.kind), "kind == model");
            vm.assertEq(pos.lender, g.lender, "lender == model");
            vm.assertEq(pos.borrower, g.borrower, "borrower == model");
            vm.assertEq(uint256(pos.principal), g.principal, "principal == model");
            vm.assertEq(uint256(pos.collateral), g.collateral, "collateral == model");
            if (g.start != 0) {
                vm.assertEq(uint256(pos.start), g.start, "start == model");
                vm.assertEq(uint256(pos.feeBps), g.feeBps, "fee snapshot == model");
                vm.assertEq(uint256(pos.grace), g.grace, "grace snapshot == model");
            }
        }
        vm.assertLe(hLoans.feeBps(), hLoans.MAX_FEE_BPS(), "fee within bound");
    }

    /// @dev From the contract's own positions: the principals of open offers and the IFIL of open IFIL requests
    /// and active IFIL loans.
    function _sums() internal view returns (uint256 openOffers, uint256 ifilPledged) {
        uint256 n = hLoans.positionCount();
        for (uint256 id = 1; id <= n; ++id) {
            LoanMarket.Position memory pos = hLoans.position(id);
            if (pos.state == LoanMarket.State.Offer) openOffers += pos.principal;
            bool open = pos.state == LoanMarket.State.Request || pos.state == LoanMarket.State.Active;
            if (open && pos.kind == LoanMarket.Collateral.Ifil) ifilPledged += pos.collateral;
        }
    }

    // ================================================================ the handler itself

    /// @dev A fixed path through the handler reaching every kind of action, with the invariants after it.
    function test_Handler_BooksEveryPath() public {
        handler.postOffer(0, 0, 1_000e6, 1_200, 10 days, 0); // 1: lender, product offer (filPid), no term left
        handler.acceptOffer(2, 0, 0, 2); // borrower takes it with a filPid NFT
        handler.payYield(0, 1e18);
        handler.claimYield(0, false);
        handler.repay(0, 0); // lender blocked: credited
        vm.assertGt(hLoans.creditOf(lender), 0, "credited");
        handler.withdrawCredit(0);
        handler.postRequest(3, false, 500e6, 2_000, 5 days, 0); // 2: borrower2 pledges an NFT
        handler.fundRequest(1, 1, 2); // lender2 funds it
        handler.payYield(0, 2e18);
        handler.payYield(1, 3e18);
        handler.payYield(2, 5e7);
        handler.foreclose(1, 0); // too early: rejected
        for (uint256 i; i < 4; ++i) {
            handler.warp(3 days);
        }
        handler.foreclose(1, 0); // forwards the yield, NFT to lender2
        handler.postOffer(1, 2, 2_000e6, 500, 3 days, 7e18); // 3: lender2, IFIL offer
        handler.acceptOffer(3, 2, 0, 5); // borrower2 pledges IFIL
        handler.claimYield(2, false); // IFIL loan: rejected
        handler.intrude(0, 2, 0); // id 3: lender tries to repay borrower2's loan: rejected
        handler.intrude(2, 2, 1); // id 3: borrower tries to foreclose it: rejected
        handler.postOffer(0, 1, 100e6, 100, 2 days, 8); // 4: any FIL product, hashrate >= 1000
        handler.markDefaulted(0);
        handler.postOffer(0, 0, 100e6, 100, 2 days, 4); // 5: product offer for the defaulted product
        handler.acceptOffer(2, 4, 8, 2); // from the defaulted product's NFTs: refused ProductNotActive
        handler.cancel(3, false); // an offer cancelled
        handler.setFee(3_000);
        handler.setGrace(1 hours);
        handler.withdrawFees(0);
        handler.withdrawFees(0); // none left: rejected

        vm.assertEq(handler.calls("repay (lender blocked, credited)"), 1, "credited repay booked");
        vm.assertEq(handler.calls("withdrawCredit"), 1, "credit withdrawn");
        vm.assertEq(handler.calls("fundRequest"), 1, "request funded");
        vm.assertEq(handler.calls("foreclose (yield forwarded)"), 1, "foreclosed with yield");
        vm.assertEq(handler.calls("foreclose (early, rejected)"), 1, "early foreclose rejected");
        vm.assertEq(handler.calls("acceptOffer (ifil)"), 1, "IFIL offer taken");
        vm.assertEq(handler.calls("acceptOffer (misfit, rejected)"), 1, "defaulted product refused");
        vm.assertEq(handler.calls("claimYield"), 1, "yield claimed");
        vm.assertEq(handler.calls("markDefaulted"), 1, "defaulted");
        vm.assertGt(handler.ghost_expectedRejections(), 5, "must-fail actions failed");
        invariant_PledgedNftsOnlyWithTheirParties();
        invariant_UsdtConserved();
        invariant_IfilConserved();
        invariant_StatesForwardAndMatchTheModel();
    }

    // ================================================================ end of each run: liveness

    /// @dev After every run everything can be unwound: open offers and requests are cancelled, active loans
    /// repaid by their borrowers, credits and fees withdrawn; then the market holds no USDT, no IFIL and no NFT.
    function afterInvariant() public {
        uint256 n = hLoans.positionCount();
        for (uint256 id = 1; id <= n; ++id) {
            LoanMarket.Position memory pos = hLoans.position(id);
            if (pos.state == LoanMarket.State.Offer) {
                vm.prank(pos.lender);
                hLoans.cancel(id);
            } else if (pos.state == LoanMarket.State.Request) {
                vm.prank(pos.borrower);
                hLoans.cancel(id);
            } else if (pos.state == LoanMarket.State.Active) {
                (uint256 p, uint256 i,) = hLoans.amountDue(id);
                uint256 bal = hUsdt.balanceOf(pos.borrower);
                if (bal < p + i) hUsdt.mint(pos.borrower, p + i - bal);
                vm.prank(pos.borrower);
                hLoans.repay(id);
                vm.assertEq(
                    pos.kind == LoanMarket.Collateral.Nft ? nft.ownerOf(pos.collateral) : pos.borrower,
                    pos.borrower,
                    "collateral back"
                );
            }
        }
        address[] memory actors = handler.actors();
        for (uint256 i; i < actors.length; ++i) {
            if (hLoans.creditOf(actors[i]) == 0) continue;
            vm.prank(actors[i]);
            hLoans.withdrawCredit();
        }
        if (hLoans.accruedFees() != 0) hLoans.withdrawFees();
        vm.assertEq(hUsdt.balanceOf(address(hLoans)), 0, "no USDT left");
        vm.assertEq(ifil.balanceOf(address(hLoans)), 0, "no IFIL left");
        vm.assertEq(nft.balanceOf(address(hLoans)), 0, "no NFT left");
        _log("loan positions", n);
        _log("loan nft starts", handler.calls("acceptOffer (nft)") + handler.calls("fundRequest"));
        _log("loan ifil starts", handler.calls("acceptOffer (ifil)"));
        _log("loan repaid", handler.calls("repay"));
        _log("loan repaid, lender credited", handler.calls("repay (lender blocked, credited)"));
        _log("loan foreclosed", handler.calls("foreclose") + handler.calls("foreclose (yield forwarded)"));
        _log("loan foreclosed with yield", handler.calls("foreclose (yield forwarded)"));
        _log("loan yield claims", handler.calls("claimYield"));
        _log("loan misfits rejected", handler.calls("acceptOffer (misfit, rejected)"));
        _log("loan must-fail actions rejected", handler.ghost_expectedRejections());
    }

    /// @dev console.log(string, uint256) without forge-std.
    function _log(string memory label, uint256 value) internal view {
        address console = address(0x000000000000000000636F6e736F6c652e6c6f67);
        (bool ok,) = console.staticcall(abi.encodeWithSignature("log(string,uint256)", label, value));
        ok;
    }
}
