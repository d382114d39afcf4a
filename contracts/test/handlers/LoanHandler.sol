// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TestBase} from "../utils/Vm.sol";
import {HashrateNFT} from "../../src/HashrateNFT.sol";
import {MinerRegistry} from "../../src/MinerRegistry.sol";
import {IFIL} from "../../src/IFIL.sol";
import {YieldDistributor} from "../../src/YieldDistributor.sol";
import {LoanMarket} from "../../src/LoanMarket.sol";
import {MockWBTC} from "../../mocks/MockWBTC.sol";
import {HookToken} from "../mocks/HookToken.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Drives a LoanMarket for the invariant suite. Four actors are lenders and borrowers at once: they post
/// offers (one product, any product of a coin with a hashrate minimum and a term left, IFIL), post requests (an
/// NFT or IFIL), take offers with a matching NFT (or IFIL), fund requests, cancel, repay (sometimes while the
/// payment token blocks the lender, so the repayment is credited), withdraw credits, foreclose once allowed,
/// claim the yield of their pledged NFTs; the miner pays yield, time moves on, the admin changes the fee and the
/// grace period, anyone withdraws fees, and once a product is marked Defaulted through the registry.
/// The payment token is a {HookToken} (a plain 6-decimal ERC-20 with a blocklist); it is never minted after setup.
/// Every action bounds its inputs and skips what cannot succeed, so no handler call reverts
/// (`fail_on_revert = true`). Actions that *must* fail (an NFT that does not meet the criteria, other terms, a
/// self loan, foreclosing early, a third party acting on a position, withdrawing nothing) are tried in try/catch
/// and any other outcome is counted in `ghost_unexpectedOutcomes`.
/// The handler keeps its own model of every position (terms, parties, start, the fee and grace in force at the
/// start) and computes interest, fees and deadlines itself; what moves is checked against the model at once
/// (counted as unexpected when it differs) and summed in ghosts the invariant test compares with the contracts.
/// After every action it reads every position's state and counts any move that is not forward
/// (`ghost_illegalTransitions`).
contract LoanHandler is TestBase {
    /// @notice The handler's model of a position.
    struct Ghost {
        LoanMarket.State state;
        LoanMarket.Collateral kind;
        address lender;
        address borrower;
        uint256 principal;
        uint256 aprBps;
        uint256 duration;
        uint256 collateral; // token id, or IFIL amount (offers: the amount required)
        uint256 start;
        uint256 grace;
        uint256 feeBps;
        // offer criteria (NFT offers)
        uint256 productId;
        uint8 coin;
        uint256 minHashrate;
        uint256 minTermLeft;
    }

    struct Deps {
        LoanMarket loans;
        HookToken usdt;
        IFIL ifil;
        MockWBTC wbtc;
        YieldDistributor dist;
        HashrateNFT nft;
        MinerRegistry registry;
        address admin;
        address bridge;
        address miner;
        address slasher;
        uint256 defaultableApp;
    }

    uint256 public constant BPS = 10_000;
    /// @notice Largest principal the handler uses: 10,000 USDT, so 64 actions never exhaust an actor.
    uint256 public constant MAX_PRINCIPAL = 10_000e6;
    uint256 public constant MAX_DURATION_IN_HANDLER = 10 days;
    uint256 public constant MAX_GRACE_IN_HANDLER = 5 days;
    uint256 public constant MAX_IFIL = 100e18;

    LoanMarket public immutable loans;
    HookToken public immutable usdt;
    IFIL public immutable ifil;
    MockWBTC public immutable wbtc;
    YieldDistributor public immutable dist;
    HashrateNFT public immutable nft;
    MinerRegistry public immutable registry;
    address public immutable admin;
    address public immutable bridge;
    address public immutable miner;
    address public immutable slasher;
    uint256 public immutable defaultableApp;

    address[] internal _actors;
    uint256[] internal _tokens;
    uint256[] internal _products;
    uint256 internal _refNonce;

    mapping(uint256 id => Ghost) internal _ghost;
    mapping(uint256 id => LoanMarket.State) internal _lastSeen;
    uint256 public ghost_positions;
    /// @notice The position that pledged a token last (0: never pledged).
    mapping(uint256 tokenId => uint256 id) public ghost_lastPledge;

    // ------------------------------------------------------------ value ghosts
    uint256 public ghost_openOfferPrincipal;
    uint256 public ghost_ifilPledged;
    uint256 public ghost_feesAccrued;
    uint256 public ghost_feesWithdrawn;
    uint256 public ghost_creditsTotal;
    mapping(address actor => uint256) public ghost_credit;
    mapping(address actor => uint256) public ghost_paidBy;
    mapping(address actor => uint256) public ghost_receivedBy;
    uint256 public ghost_yieldForwarded; // in either yield token, base units summed
    uint256 public ghost_feeBps;
    uint256 public ghost_grace;

    // ------------------------------------------------------------ counters
    uint256 public ghost_illegalTransitions;
    uint256 public ghost_unexpectedOutcomes;
    uint256 public ghost_expectedRejections;
    mapping(bytes32 action => uint256) public calls;

    constructor(Deps memory d, address[] memory actors_, uint256[] memory tokens_, uint256[] memory products_) {
        loans = d.loans;
        usdt = d.usdt;
        ifil = d.ifil;
        wbtc = d.wbtc;
        dist = d.dist;
        nft = d.nft;
        registry = d.registry;
        admin = d.admin;
        bridge = d.bridge;
        miner = d.miner;
        slasher = d.slasher;
        defaultableApp = d.defaultableApp;
        _actors = actors_;
        _tokens = tokens_;
        _products = products_;
        ghost_feeBps = d.loans.feeBps();
        ghost_grace = d.loans.gracePeriod();
    }

    // ================================================================ offers and requests

    /// @notice An actor posts an offer: `kindSeed % 3` picks a one-product offer, an any-product offer or an IFIL
    /// offer; the criteria are drawn so that some NFTs meet them and some do not.
    function postOffer(
        uint256 actorSeed,
        uint256 kindSeed,
        uint256 principal,
        uint256 aprBps,
        uint256 duration,
        uint256 critSeed
    ) external {
        address lender = _pickActor(actorSeed);
        principal = bound(principal, 1, MAX_PRINCIPAL);
        if (usdt.balanceOf(lender) < principal) {
            _skip("postOffer (skipped)");
            return;
        }
        LoanMarket.OfferParams memory p;
        p.principal = principal;
        p.aprBps = bound(aprBps, 0, loans.MAX_APR_BPS());
        p.duration = bound(duration, loans.MIN_DURATION(), MAX_DURATION_IN_HANDLER);
        uint256 k = kindSeed % 3;
        if (k == 2) {
            p.kind = LoanMarket.Collateral.Ifil;
            p.collateralAmount = bound(critSeed, 1, MAX_IFIL);
        } else {
            p.kind = LoanMarket.Collateral.Nft;
            p.minTermLeft = [uint256(0), 0, 30 days, 400 days][critSeed % 4];
            if (k == 0) {
                p.productId = _products[(critSeed / 4) % _products.length];
            } else {
                p.coin = uint8((critSeed / 4) % 2);
                p.minHashrate = [uint256(0), 1000, 2000, 2001][(critSeed / 8) % 4];
            }
        }

        vm.prank(lender);
        uint256 id = loans.postOffer(p);
        Ghost storage g = _newGhost(id);
        g.state = LoanMarket.State.Offer;
        g.kind = p.kind;
        g.lender = lender;
        g.principal = p.principal;
        g.aprBps = p.aprBps;
        g.duration = p.duration;
        g.collateral = p.collateralAmount;
        g.productId = p.productId;
        g.coin = p.coin;
        g.minHashrate = p.minHashrate;
        g.minTermLeft = p.minTermLeft;
        ghost_openOfferPrincipal += principal;
        ghost_paidBy[lender] += principal;
        calls[
            k == 0 ? bytes32("postOffer (product)") : k == 1 ? bytes32("postOffer (any)") : bytes32("postOffer (ifil)")
        ]++;
        _syncStates();
    }

    /// @notice An actor pledges one of its NFTs (or IFIL) in a request.
    function postRequest(
        uint256 actorSeed,
        bool ifilKind,
        uint256 principal,
        uint256 aprBps,
        uint256 duration,
        uint256 collateralSeed
    ) external {
        address borrower = _pickActor(actorSeed);
        principal = bound(principal, 1, MAX_PRINCIPAL);
        aprBps = bound(aprBps, 0, loans.MAX_APR_BPS());
        duration = bound(duration, loans.MIN_DURATION(), MAX_DURATION_IN_HANDLER);
        uint256 collateral;
        LoanMarket.Collateral kind;
        if (ifilKind) {
            kind = LoanMarket.Collateral.Ifil;
            collateral = bound(collateralSeed, 1, MAX_IFIL);
            if (ifil.balanceOf(borrower) < collateral) {
                _skip("postRequest (skipped)");
                return;
            }
        } else {
            kind = LoanMarket.Collateral.Nft;
            collateral = _ownedToken(borrower, collateralSeed);
            if (collateral == 0) {
                _skip("postRequest (skipped)");
                return;
            }
        }

        vm.prank(borrower);
        uint256 id = loans.postRequest(principal, aprBps, duration, kind, collateral);
        Ghost storage g = _newGhost(id);
        g.state = LoanMarket.State.Request;
        g.kind = kind;
        g.borrower = borrower;
        g.principal = principal;
        g.aprBps = aprBps;
        g.duration = duration;
        g.collateral = collateral;
        if (ifilKind) ghost_ifilPledged += collateral;
        else ghost_lastPledge[collateral] = id;
        calls[ifilKind ? bytes32("postRequest (ifil)") : bytes32("postRequest (nft)")]++;
        _syncStates();
    }

    // ================================================================ taking

    /// @notice An actor takes an open offer with the first of its NFTs that meets the criteria (or the IFIL). When
    /// none of its NFTs meets them, one that does not is tried and must fail with the criterion it breaks; now and
    /// then the taker passes other terms (must fail TermsChanged) or is the lender itself (must fail SelfLoan).
    function acceptOffer(uint256 actorSeed, uint256 idSeed, uint256 tokenSeed, uint256 twist) external {
        uint256 id = _pickIn(idSeed, LoanMarket.State.Offer);
        if (id == 0) {
            _skip("acceptOffer (skipped)");
            return;
        }
        Ghost storage g = _ghost[id];
        address borrower = _pickActor(actorSeed);
        if (borrower == g.lender) borrower = _nextActor(borrower);
        LoanMarket.Terms memory t = LoanMarket.Terms(g.principal, g.aprBps, g.duration, g.collateral);

        if (twist % 20 == 0) {
            t.duration += 1;
            _expectFailure(
                borrower,
                abi.encodeCall(LoanMarket.acceptOffer, (id, 0, t)),
                _err1(LoanMarket.LoanMarketTermsChanged.selector, id)
            );
            {
                _rejected("acceptOffer (terms, rejected)");
                return;
            }
        }
        if (twist % 20 == 1) {
            _expectFailure(
                g.lender,
                abi.encodeCall(LoanMarket.acceptOffer, (id, 0, t)),
                _err1(LoanMarket.LoanMarketSelfLoan.selector, id)
            );
            {
                _rejected("acceptOffer (self, rejected)");
                return;
            }
        }

        uint256 tokenId;
        if (g.kind == LoanMarket.Collateral.Ifil) {
            if (ifil.balanceOf(borrower) < g.collateral) {
                _skip("acceptOffer (skipped)");
                return;
            }
        } else {
            uint256 misfit;
            bytes memory misfitErr;
            uint256 n = _tokens.length;
            uint256 s = bound(tokenSeed, 0, n - 1);
            for (uint256 i; i < n; ++i) {
                uint256 cand = _tokens[(s + i) % n];
                if (nft.ownerOf(cand) != borrower) continue;
                bytes memory err = _criteriaError(id, cand);
                if (err.length == 0) {
                    tokenId = cand;
                    break;
                }
                if (misfit == 0) (misfit, misfitErr) = (cand, err);
            }
            if (tokenId == 0) {
                if (misfit == 0) {
                    _skip("acceptOffer (skipped)");
                    return;
                }
                _expectFailure(borrower, abi.encodeCall(LoanMarket.acceptOffer, (id, misfit, t)), misfitErr);
                {
                    _rejected("acceptOffer (misfit, rejected)");
                    return;
                }
            }
        }

        vm.prank(borrower);
        loans.acceptOffer(id, tokenId, t);
        g.state = LoanMarket.State.Active;
        g.borrower = borrower;
        g.start = _now();
        g.grace = ghost_grace;
        g.feeBps = ghost_feeBps;
        if (g.kind == LoanMarket.Collateral.Nft) {
            g.collateral = tokenId;
            ghost_lastPledge[tokenId] = id;
        } else {
            ghost_ifilPledged += g.collateral;
        }
        ghost_openOfferPrincipal -= g.principal;
        ghost_receivedBy[borrower] += g.principal;
        calls[g.kind == LoanMarket.Collateral.Nft ? bytes32("acceptOffer (nft)") : bytes32("acceptOffer (ifil)")]++;
        _syncStates();
    }

    /// @notice An actor funds an open request (now and then with other terms or as the borrower: must fail).
    function fundRequest(uint256 actorSeed, uint256 idSeed, uint256 twist) external {
        uint256 id = _pickIn(idSeed, LoanMarket.State.Request);
        if (id == 0) {
            _skip("fundRequest (skipped)");
            return;
        }
        Ghost storage g = _ghost[id];
        address lender = _pickActor(actorSeed);
        if (lender == g.borrower) lender = _nextActor(lender);
        LoanMarket.Terms memory t = LoanMarket.Terms(g.principal, g.aprBps, g.duration, g.collateral);
        if (twist % 20 == 0) {
            t.principal += 1;
            _expectFailure(
                lender,
                abi.encodeCall(LoanMarket.fundRequest, (id, t)),
                _err1(LoanMarket.LoanMarketTermsChanged.selector, id)
            );
            {
                _rejected("fundRequest (terms, rejected)");
                return;
            }
        }
        if (twist % 20 == 1) {
            _expectFailure(
                g.borrower,
                abi.encodeCall(LoanMarket.fundRequest, (id, t)),
                _err1(LoanMarket.LoanMarketSelfLoan.selector, id)
            );
            {
                _rejected("fundRequest (self, rejected)");
                return;
            }
        }
        if (g.kind == LoanMarket.Collateral.Nft) {
            // An NFT whose product is no longer Active (marked Defaulted meanwhile) is refused, as by acceptOffer.
            MinerRegistry.Status status = registry.statusOf(registry.productApplication(nft.productIdOf(g.collateral)));
            if (status != MinerRegistry.Status.Active) {
                _expectFailure(
                    lender,
                    abi.encodeCall(LoanMarket.fundRequest, (id, t)),
                    abi.encodeWithSelector(LoanMarket.LoanMarketProductNotActive.selector, id, g.collateral, status)
                );
                {
                    _rejected("fundRequest (inactive, rejected)");
                    return;
                }
            }
        }
        if (usdt.balanceOf(lender) < g.principal) {
            _skip("fundRequest (skipped)");
            return;
        }

        vm.prank(lender);
        loans.fundRequest(id, t);
        g.state = LoanMarket.State.Active;
        g.lender = lender;
        g.start = _now();
        g.grace = ghost_grace;
        g.feeBps = ghost_feeBps;
        ghost_paidBy[lender] += g.principal;
        ghost_receivedBy[g.borrower] += g.principal;
        calls["fundRequest"]++;
        _syncStates();
    }

    /// @notice The owner of an open offer or request cancels it.
    function cancel(uint256 idSeed, bool request) external {
        uint256 id = _pickIn(idSeed, request ? LoanMarket.State.Request : LoanMarket.State.Offer);
        if (id == 0) {
            _skip("cancel (skipped)");
            return;
        }
        Ghost storage g = _ghost[id];
        address owner = request ? g.borrower : g.lender;
        vm.prank(owner);
        loans.cancel(id);
        g.state = LoanMarket.State.Cancelled;
        if (!request) {
            ghost_openOfferPrincipal -= g.principal;
            ghost_receivedBy[owner] += g.principal;
        } else if (g.kind == LoanMarket.Collateral.Ifil) {
            ghost_ifilPledged -= g.collateral;
        }
        calls[request ? bytes32("cancel (request)") : bytes32("cancel (offer)")]++;
        _syncStates();
    }

    // ================================================================ loans

    /// @notice The borrower repays an active loan; with `blockSeed % 4 == 0` the token blocks the lender during the
    /// repayment, so the lender is credited instead of paid.
    function repay(uint256 idSeed, uint256 blockSeed) external {
        uint256 id = _pickIn(idSeed, LoanMarket.State.Active);
        if (id == 0) {
            _skip("repay (skipped)");
            return;
        }
        Ghost storage g = _ghost[id];
        uint256 interest = interestOf(g.principal, g.aprBps, g.duration, _now() - g.start);
        uint256 fee = interest * g.feeBps / BPS;
        if (usdt.balanceOf(g.borrower) < g.principal + interest) {
            _skip("repay (skipped)");
            return;
        }
        bool blocked = blockSeed % 4 == 0;
        uint256 lenderBefore = usdt.balanceOf(g.lender);
        uint256 borrowerBefore = usdt.balanceOf(g.borrower);

        if (blocked) usdt.setBlocked(g.lender, true);
        vm.prank(g.borrower);
        loans.repay(id);
        if (blocked) usdt.setBlocked(g.lender, false);

        uint256 toLender = g.principal + interest - fee;
        if (borrowerBefore - usdt.balanceOf(g.borrower) != g.principal + interest) ghost_unexpectedOutcomes++;
        if (usdt.balanceOf(g.lender) - lenderBefore != (blocked ? 0 : toLender)) ghost_unexpectedOutcomes++;
        g.state = LoanMarket.State.Repaid;
        ghost_paidBy[g.borrower] += g.principal + interest;
        ghost_feesAccrued += fee;
        if (blocked) {
            ghost_credit[g.lender] += toLender;
            ghost_creditsTotal += toLender;
        } else {
            ghost_receivedBy[g.lender] += toLender;
        }
        if (g.kind == LoanMarket.Collateral.Ifil) ghost_ifilPledged -= g.collateral;
        calls[blocked ? bytes32("repay (lender blocked, credited)") : bytes32("repay")]++;
        _syncStates();
    }

    /// @notice The lender forecloses an active loan; before its deadline this must fail NotForeclosable, unless
    /// the lender waits for the deadline first (`waitSeed % 3 != 0`: time moves to exactly the deadline). An
    /// NFT's unclaimed yield must reach the borrower.
    function foreclose(uint256 idSeed, uint256 waitSeed) external {
        uint256 id = _pickIn(idSeed, LoanMarket.State.Active);
        if (id == 0) {
            _skip("foreclose (skipped)");
            return;
        }
        Ghost storage g = _ghost[id];
        uint256 at = g.start + g.duration + g.grace;
        if (_now() < at && waitSeed % 3 != 0) {
            vm.warp(at);
            calls["foreclose (waited)"]++;
        }
        if (_now() < at) {
            _expectFailure(
                g.lender,
                abi.encodeCall(LoanMarket.foreclose, (id)),
                abi.encodeWithSelector(LoanMarket.LoanMarketNotForeclosable.selector, id, at)
            );
            {
                _rejected("foreclose (early, rejected)");
                return;
            }
        }
        bool isNft = g.kind == LoanMarket.Collateral.Nft;
        uint256 pending = isNft ? dist.claimable(g.collateral) : 0;
        IERC20 yieldToken = isNft ? _yieldToken(g.collateral) : IERC20(address(ifil));
        uint256 before = yieldToken.balanceOf(g.borrower);

        vm.prank(g.lender);
        loans.foreclose(id);

        if (yieldToken.balanceOf(g.borrower) - before != pending) ghost_unexpectedOutcomes++;
        ghost_yieldForwarded += pending;
        g.state = LoanMarket.State.Foreclosed;
        if (!isNft) ghost_ifilPledged -= g.collateral;
        calls[pending != 0 ? bytes32("foreclose (yield forwarded)") : bytes32("foreclose")]++;
        _syncStates();
    }

    /// @notice The borrower claims the yield of an NFT pledged in its request or loan: exactly what is claimable,
    /// or NothingToClaim when nothing is.
    function claimYield(uint256 idSeed, bool request) external {
        uint256 id = _pickIn(idSeed, request ? LoanMarket.State.Request : LoanMarket.State.Active);
        if (id == 0) {
            _skip("claimYield (skipped)");
            return;
        }
        Ghost storage g = _ghost[id];
        uint256[] memory ids = new uint256[](1);
        ids[0] = id;
        if (g.kind != LoanMarket.Collateral.Nft) {
            _expectFailure(
                g.borrower,
                abi.encodeCall(LoanMarket.claimYield, (ids)),
                _err1(LoanMarket.LoanMarketNotNftLoan.selector, id)
            );
            {
                _rejected("claimYield (ifil, rejected)");
                return;
            }
        }
        uint256 pending = dist.claimable(g.collateral);
        if (pending == 0) {
            _expectFailure(
                g.borrower,
                abi.encodeCall(LoanMarket.claimYield, (ids)),
                abi.encodeWithSelector(YieldDistributor.YieldDistributorNothingToClaim.selector)
            );
            {
                _rejected("claimYield (nothing, rejected)");
                return;
            }
        }
        IERC20 token = _yieldToken(g.collateral);
        uint256 before = token.balanceOf(g.borrower);
        vm.prank(g.borrower);
        loans.claimYield(ids);
        if (token.balanceOf(g.borrower) - before != pending) ghost_unexpectedOutcomes++;
        ghost_yieldForwarded += pending;
        calls["claimYield"]++;
        _syncStates();
    }

    /// @notice An actor that is not the party tries to act on a position: cancel someone's offer or request,
    /// repay or foreclose someone's loan, claim someone's yield. Each must fail with NotLender / NotBorrower.
    function intrude(uint256 actorSeed, uint256 idSeed, uint256 what) external {
        uint256 n = ghost_positions;
        if (n == 0) {
            _skip("intrude (skipped)");
            return;
        }
        uint256 id = bound(idSeed, 1, n);
        Ghost storage g = _ghost[id];
        address x = _pickActor(actorSeed);
        if (g.state == LoanMarket.State.Offer) {
            if (x == g.lender) x = _nextActor(x);
            _expectFailure(x, abi.encodeCall(LoanMarket.cancel, (id)), _notLender(id, x, g.lender));
        } else if (g.state == LoanMarket.State.Request) {
            if (x == g.borrower) x = _nextActor(x);
            _expectFailure(x, abi.encodeCall(LoanMarket.cancel, (id)), _notBorrower(id, x, g.borrower));
        } else if (g.state == LoanMarket.State.Active) {
            if (what % 3 == 0) {
                if (x == g.borrower) x = _nextActor(x);
                _expectFailure(x, abi.encodeCall(LoanMarket.repay, (id)), _notBorrower(id, x, g.borrower));
            } else if (what % 3 == 1) {
                if (x == g.lender) x = _nextActor(x);
                _expectFailure(x, abi.encodeCall(LoanMarket.foreclose, (id)), _notLender(id, x, g.lender));
            } else {
                if (x == g.borrower) x = _nextActor(x);
                uint256[] memory ids = new uint256[](1);
                ids[0] = id;
                _expectFailure(x, abi.encodeCall(LoanMarket.claimYield, (ids)), _notBorrower(id, x, g.borrower));
            }
        } else {
            // A finished position: nothing can be done with it, by anyone.
            LoanMarket.State s = g.state;
            _expectFailure(
                x,
                abi.encodeCall(LoanMarket.repay, (id)),
                abi.encodeWithSelector(LoanMarket.LoanMarketWrongState.selector, id, s, LoanMarket.State.Active)
            );
        }
        _rejected("intrude (rejected)");
    }

    /// @notice An actor withdraws its credit (NoCredit when it has none).
    function withdrawCredit(uint256 actorSeed) external {
        address a = _pickActor(actorSeed);
        uint256 owed = ghost_credit[a];
        if (owed == 0) {
            _expectFailure(
                a,
                abi.encodeCall(LoanMarket.withdrawCredit, ()),
                abi.encodeWithSelector(LoanMarket.LoanMarketNoCredit.selector, a)
            );
            {
                _rejected("withdrawCredit (none, rejected)");
                return;
            }
        }
        uint256 before = usdt.balanceOf(a);
        vm.prank(a);
        loans.withdrawCredit();
        if (usdt.balanceOf(a) - before != owed) ghost_unexpectedOutcomes++;
        ghost_credit[a] = 0;
        ghost_creditsTotal -= owed;
        ghost_receivedBy[a] += owed;
        calls["withdrawCredit"]++;
    }

    // ================================================================ the world around

    /// @notice The miner pays today's yield of a product (while its term lasts).
    function payYield(uint256 productSeed, uint256 amount) external {
        uint256 pid = _products[bound(productSeed, 0, _products.length - 1)];
        HashrateNFT.Product memory p = nft.product(pid);
        uint256 day = _now() / 1 days;
        if (day > p.termEnd / 1 days - 1) {
            _skip("payYield (skipped)");
            return;
        }
        bool isFil = p.coin == HashrateNFT.Coin.FIL;
        amount = bound(amount, 1, isFil ? 10e18 : 1e8);
        IERC20 token = isFil ? IERC20(address(ifil)) : IERC20(address(wbtc));
        if (isFil) {
            vm.deal(miner, miner.balance + amount);
            vm.prank(miner);
            ifil.deposit{value: amount}();
        } else {
            wbtc.mint(miner, amount);
        }
        vm.startPrank(miner);
        token.approve(address(dist), amount);
        dist.deposit(pid, day, amount);
        vm.stopPrank();
        calls["payYield"]++;
    }

    function warp(uint256 secondsForward) external {
        secondsForward = bound(secondsForward, 1, 5 days);
        vm.warp(_now() + secondsForward);
        calls["warp"]++;
    }

    function setFee(uint256 feeBps) external {
        feeBps = bound(feeBps, 0, loans.MAX_FEE_BPS());
        vm.prank(admin);
        loans.setFeeBps(feeBps);
        ghost_feeBps = feeBps;
        calls["setFee"]++;
    }

    function setGrace(uint256 grace) external {
        grace = bound(grace, loans.MIN_GRACE_PERIOD(), MAX_GRACE_IN_HANDLER);
        vm.prank(admin);
        loans.setGracePeriod(grace);
        ghost_grace = grace;
        calls["setGrace"]++;
    }

    function withdrawFees(uint256 callerSeed) external {
        address caller = _pickActor(callerSeed);
        uint256 amount = loans.accruedFees();
        if (amount == 0) {
            _expectFailure(
                caller,
                abi.encodeCall(LoanMarket.withdrawFees, ()),
                abi.encodeWithSelector(LoanMarket.LoanMarketNoFees.selector)
            );
            {
                _rejected("withdrawFees (none, rejected)");
                return;
            }
        }
        vm.prank(caller);
        loans.withdrawFees();
        ghost_feesWithdrawn += amount;
        calls["withdrawFees"]++;
    }

    /// @notice Once, and only in some runs (`seed % 4 == 0`): the registry marks the defaultable product's
    /// application Defaulted (its NFTs are no longer accepted by offers nor funded in requests; running loans go
    /// on, and its requests can still be cancelled).
    function markDefaulted(uint256 seed) external {
        if (seed % 4 != 0 || registry.statusOf(defaultableApp) != MinerRegistry.Status.Active) {
            _skip("markDefaulted (skipped)");
            return;
        }
        vm.prank(slasher);
        registry.markFlagged(defaultableApp);
        vm.prank(slasher);
        registry.markDefaulted(defaultableApp);
        calls["markDefaulted"]++;
    }

    // ================================================================ views for the invariant test

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function tokens() external view returns (uint256[] memory) {
        return _tokens;
    }

    function ghost(uint256 id) external view returns (Ghost memory) {
        return _ghost[id];
    }

    function isActor(address a) public view returns (bool) {
        for (uint256 i; i < _actors.length; ++i) {
            if (_actors[i] == a) return true;
        }
        return false;
    }

    /// @notice The handler's own interest model: ceil(p * apr * max(t, min(duration, 7 days)) / (BPS * 365 days)).
    function interestOf(uint256 principal, uint256 aprBps, uint256 duration, uint256 elapsed)
        public
        pure
        returns (uint256)
    {
        uint256 minPeriod = duration < 7 days ? duration : 7 days;
        uint256 t = elapsed > minPeriod ? elapsed : minPeriod;
        uint256 num = principal * aprBps * t;
        uint256 den = BPS * 365 days;
        return num / den + (num % den == 0 ? 0 : 1);
    }

    // ================================================================ internal

    function _newGhost(uint256 id) internal returns (Ghost storage g) {
        if (id != ghost_positions + 1) ghost_unexpectedOutcomes++; // ids are consecutive
        ghost_positions = id;
        g = _ghost[id];
    }

    /// @dev Reads every position's state: it must equal the model's, and differ from the last one read only by a
    /// forward move (Offer/Request -> Active or Cancelled, Active -> Repaid or Foreclosed).
    function _syncStates() internal {
        uint256 n = loans.positionCount();
        if (n != ghost_positions) ghost_unexpectedOutcomes++;
        for (uint256 id = 1; id <= n; ++id) {
            LoanMarket.State s = loans.position(id).state;
            LoanMarket.State last = _lastSeen[id];
            if (s != last && !_forward(last, s)) ghost_illegalTransitions++;
            if (s != _ghost[id].state) ghost_unexpectedOutcomes++;
            _lastSeen[id] = s;
        }
    }

    function _forward(LoanMarket.State from, LoanMarket.State to) internal pure returns (bool) {
        if (from == LoanMarket.State.None) return to == LoanMarket.State.Offer || to == LoanMarket.State.Request;
        if (from == LoanMarket.State.Offer || from == LoanMarket.State.Request) {
            return to == LoanMarket.State.Active || to == LoanMarket.State.Cancelled;
        }
        if (from == LoanMarket.State.Active) return to == LoanMarket.State.Repaid || to == LoanMarket.State.Foreclosed;
        return false; // Repaid, Foreclosed and Cancelled are final
    }

    /// @dev The error an NFT offer's criteria raise for `tokenId`, in the contract's order; empty when it meets them.
    function _criteriaError(uint256 id, uint256 tokenId) internal view returns (bytes memory) {
        Ghost storage g = _ghost[id];
        uint256 pid = tokenId / 1_000_000;
        if (g.productId != 0 && pid != g.productId) {
            return abi.encodeWithSelector(LoanMarket.LoanMarketWrongProduct.selector, id, tokenId, g.productId);
        }
        HashrateNFT.Product memory p = nft.product(pid);
        if (g.productId == 0) {
            if (uint8(p.coin) != g.coin) {
                return abi.encodeWithSelector(LoanMarket.LoanMarketWrongCoin.selector, id, tokenId);
            }
            if (p.hashratePerNFT < g.minHashrate) {
                return abi.encodeWithSelector(
                    LoanMarket.LoanMarketHashrateTooLow.selector, id, tokenId, p.hashratePerNFT, g.minHashrate
                );
            }
        }
        uint256 requiredEnd = _now() + g.minTermLeft;
        if (p.termEnd < requiredEnd) {
            return
                abi.encodeWithSelector(LoanMarket.LoanMarketTermTooShort.selector, id, tokenId, p.termEnd, requiredEnd);
        }
        MinerRegistry.Status status = registry.statusOf(registry.productApplication(pid));
        if (status != MinerRegistry.Status.Active) {
            return abi.encodeWithSelector(LoanMarket.LoanMarketProductNotActive.selector, id, tokenId, status);
        }
        return "";
    }

    /// @dev `who` calls the market with `data`; it must revert with exactly `expected`.
    function _expectFailure(address who, bytes memory data, bytes memory expected) internal {
        vm.prank(who);
        (bool ok, bytes memory ret) = address(loans).call(data);
        if (ok || keccak256(ret) != keccak256(expected)) ghost_unexpectedOutcomes++;
        else ghost_expectedRejections++;
    }

    function _err1(bytes4 selector, uint256 id) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(selector, id);
    }

    function _notLender(uint256 id, address caller, address lender) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(LoanMarket.LoanMarketNotLender.selector, id, caller, lender);
    }

    function _notBorrower(uint256 id, address caller, address borrower) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(LoanMarket.LoanMarketNotBorrower.selector, id, caller, borrower);
    }

    function _yieldToken(uint256 tokenId) internal view returns (IERC20) {
        return
            nft.product(tokenId / 1_000_000).coin == HashrateNFT.Coin.FIL
                ? IERC20(address(ifil))
                : IERC20(address(wbtc));
    }

    /// @dev The first position in state `s` from a seeded start (0 when none).
    function _pickIn(uint256 seed, LoanMarket.State s) internal view returns (uint256) {
        uint256 n = ghost_positions;
        if (n == 0) return 0;
        uint256 start = bound(seed, 0, n - 1);
        for (uint256 i; i < n; ++i) {
            uint256 id = (start + i) % n + 1;
            if (_ghost[id].state == s) return id;
        }
        return 0;
    }

    /// @dev One of the NFTs `who` holds, from a seeded start (0 when none).
    function _ownedToken(address who, uint256 seed) internal view returns (uint256) {
        uint256 n = _tokens.length;
        uint256 start = bound(seed, 0, n - 1);
        for (uint256 i; i < n; ++i) {
            uint256 t = _tokens[(start + i) % n];
            if (nft.ownerOf(t) == who) return t;
        }
        return 0;
    }

    function _pickActor(uint256 seed) internal view returns (address) {
        return _actors[bound(seed, 0, _actors.length - 1)];
    }

    function _nextActor(address a) internal view returns (address) {
        for (uint256 i; i < _actors.length; ++i) {
            if (_actors[i] == a) return _actors[(i + 1) % _actors.length];
        }
        return _actors[0];
    }

    function _now() internal view returns (uint256) {
        return vm.getBlockTimestamp();
    }

    function _skip(bytes32 action) internal {
        calls[action]++;
    }

    function _rejected(bytes32 action) internal {
        calls[action]++;
        _syncStates();
    }
}
