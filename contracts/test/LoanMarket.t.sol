// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {LoanFixture} from "./utils/LoanFixture.sol";
import {LoanMarket} from "../src/LoanMarket.sol";
import {HashrateNFT} from "../src/HashrateNFT.sol";
import {MinerRegistry} from "../src/MinerRegistry.sol";
import {YieldDistributor} from "../src/YieldDistributor.sol";
import {HookToken} from "./mocks/HookToken.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20Errors, IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

/// @notice Unit tests of LoanMarket: every external function and every custom error. Offers (one product, any
/// product of a coin with a hashrate minimum, IFIL), requests, acceptance criteria against the registry status,
/// the interest model, repayment to the unit, the fee and grace snapshot, foreclosure with the yield forward,
/// claimYield, and the admin. Adversarial parties are in LoanMarketAdversarial.t.sol.
contract LoanMarketTest is LoanFixture {
    uint256 internal b1; // filPid serial 1, held by borrower
    uint256 internal b2; // filPid serial 2, held by borrower
    uint256 internal big1; // bigPid serial 1 (2 TiB, 90 days), held by borrower
    uint256 internal btc1; // btcPid serial 1, held by borrower
    uint256 internal btc2; // btcPid serial 2, held by borrower

    uint8 internal constant COIN_FIL = 0;
    uint8 internal constant COIN_BTC = 1;

    function setUp() public override {
        super.setUp();
        b1 = _tok(filPid, 1);
        b2 = _tok(filPid, 2);
        big1 = _tok(bigPid, 1);
        btc1 = _tok(btcPid, 1);
        btc2 = _tok(btcPid, 2);
    }

    // ================================================================ constructor

    function test_Constructor_Wiring() public view {
        vm.assertEq(address(loans.nft()), address(nft), "nft");
        vm.assertEq(address(loans.registry()), address(registry), "registry");
        vm.assertEq(address(loans.distributor()), address(dist), "distributor");
        vm.assertEq(address(loans.usdt()), address(usdt), "usdt");
        vm.assertEq(address(loans.ifil()), address(ifil), "ifil = the distributor's FIL yield token");
        vm.assertEq(loans.treasury(), treasury, "treasury");
        vm.assertEq(loans.feeBps(), DEFAULT_FEE_BPS, "fee 10%");
        vm.assertEq(loans.gracePeriod(), DEFAULT_GRACE, "grace 3 days");
        vm.assertEq(loans.accruedFees(), 0, "no fees");
        vm.assertEq(loans.positionCount(), 0, "no positions");
        vm.assertTrue(loans.hasRole(loans.DEFAULT_ADMIN_ROLE(), governance), "timelock is admin");
        vm.assertFalse(loans.hasRole(loans.DEFAULT_ADMIN_ROLE(), address(this)), "deployer keeps no role");
    }

    function test_Constructor_RevertsOnZeroAddress() public {
        bytes memory err = abi.encodeWithSelector(LoanMarket.LoanMarketInvalidAddress.selector);
        IERC20 u = IERC20(address(usdt));
        vm.expectRevert(err);
        new LoanMarket(address(0), nft, registry, dist, u, treasury);
        vm.expectRevert(err);
        new LoanMarket(governance, HashrateNFT(address(0)), registry, dist, u, treasury);
        vm.expectRevert(err);
        new LoanMarket(governance, nft, MinerRegistry(address(0)), dist, u, treasury);
        vm.expectRevert(err);
        new LoanMarket(governance, nft, registry, YieldDistributor(address(0)), u, treasury);
        vm.expectRevert(err);
        new LoanMarket(governance, nft, registry, dist, IERC20(address(0)), treasury);
        vm.expectRevert(err);
        new LoanMarket(governance, nft, registry, dist, u, address(0));
    }

    // ================================================================ postOffer

    function test_PostOffer_Product_EscrowsPrincipalAndStores() public {
        LoanMarket.OfferParams memory p = _offerParams(PRINCIPAL, APR, DURATION);
        p.productId = filPid;
        p.minTermLeft = 100 days;
        uint256 before = usdt.balanceOf(lender);
        vm.expectEmit(true, true, true, true, address(loans));
        emit LoanMarket.OfferPosted(
            1, lender, PRINCIPAL, APR, DURATION, LoanMarket.Collateral.Nft, 0, filPid, 0, 0, 100 days
        );
        uint256 id = _postOffer(lender, p);

        vm.assertEq(id, 1, "ids start at 1");
        vm.assertEq(loans.positionCount(), 1, "count");
        vm.assertEq(before - usdt.balanceOf(lender), PRINCIPAL, "principal left the lender");
        vm.assertEq(usdt.balanceOf(address(loans)), PRINCIPAL, "escrowed here");
        LoanMarket.Position memory pos = loans.position(id);
        vm.assertEq(pos.lender, lender, "lender");
        vm.assertEq(pos.borrower, address(0), "no borrower yet");
        vm.assertEq(uint256(pos.principal), PRINCIPAL, "principal");
        vm.assertEq(uint256(pos.aprBps), APR, "apr");
        vm.assertEq(uint256(pos.duration), DURATION, "duration");
        vm.assertEq(uint256(pos.state), uint256(LoanMarket.State.Offer), "state");
        vm.assertEq(uint256(pos.kind), uint256(LoanMarket.Collateral.Nft), "kind");
        vm.assertEq(uint256(pos.collateral), 0, "no token yet");
        vm.assertEq(uint256(pos.productId), filPid, "product");
        vm.assertEq(uint256(pos.minTermLeft), 100 days, "term left");
        vm.assertEq(uint256(pos.coin), 0, "coin unused");
        vm.assertEq(uint256(pos.minHashrate), 0, "hashrate unused");
        vm.assertEq(uint256(pos.start), 0, "not started");
    }

    function test_PostOffer_AnyProduct_StoresCoinAndHashrate() public {
        vm.expectEmit(true, true, true, true, address(loans));
        emit LoanMarket.OfferPosted(
            1, lender, PRINCIPAL, APR, DURATION, LoanMarket.Collateral.Nft, 0, 0, COIN_BTC, 1500, 30 days
        );
        uint256 id = _anyOffer(lender, COIN_BTC, 1500, 30 days);
        LoanMarket.Position memory pos = loans.position(id);
        vm.assertEq(uint256(pos.productId), 0, "any product");
        vm.assertEq(uint256(pos.coin), COIN_BTC, "coin");
        vm.assertEq(uint256(pos.minHashrate), 1500, "min hashrate");
        vm.assertEq(uint256(pos.minTermLeft), 30 days, "term left");
        vm.assertEq(usdt.balanceOf(address(loans)), PRINCIPAL, "escrowed");
    }

    function test_PostOffer_Ifil_StoresAmount() public {
        vm.expectEmit(true, true, true, true, address(loans));
        emit LoanMarket.OfferPosted(
            1, lender, PRINCIPAL, APR, DURATION, LoanMarket.Collateral.Ifil, IFIL_AMOUNT, 0, 0, 0, 0
        );
        uint256 id = _ifilOffer(lender, IFIL_AMOUNT);
        LoanMarket.Position memory pos = loans.position(id);
        vm.assertEq(uint256(pos.kind), uint256(LoanMarket.Collateral.Ifil), "kind");
        vm.assertEq(uint256(pos.collateral), IFIL_AMOUNT, "amount required");
        vm.assertEq(usdt.balanceOf(address(loans)), PRINCIPAL, "escrowed");
    }

    function test_PostOffer_TermBoundsAccepted() public {
        uint256 maxApr = loans.MAX_APR_BPS();
        usdt.mint(lender, type(uint96).max);
        _postOffer(lender, _withProduct(_offerParams(1, 0, loans.MIN_DURATION())));
        _postOffer(lender, _withProduct(_offerParams(type(uint96).max, maxApr, loans.MAX_DURATION())));
        vm.assertEq(uint256(loans.position(2).principal), type(uint96).max, "largest principal");
        vm.assertEq(uint256(loans.position(2).aprBps), maxApr, "highest apr");
    }

    function test_PostOffer_RevertsInvalidPrincipal() public {
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketInvalidPrincipal.selector, 0));
        _postOffer(lender, _withProduct(_offerParams(0, APR, DURATION)));
        uint256 tooMuch = uint256(type(uint96).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketInvalidPrincipal.selector, tooMuch));
        _postOffer(lender, _withProduct(_offerParams(tooMuch, APR, DURATION)));
    }

    function test_PostOffer_RevertsInvalidApr() public {
        uint256 maxApr = loans.MAX_APR_BPS();
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketInvalidApr.selector, maxApr + 1, maxApr));
        _postOffer(lender, _withProduct(_offerParams(PRINCIPAL, maxApr + 1, DURATION)));
    }

    function test_PostOffer_RevertsInvalidDuration() public {
        uint256 lo = loans.MIN_DURATION();
        uint256 hi = loans.MAX_DURATION();
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketInvalidDuration.selector, lo - 1, lo, hi));
        _postOffer(lender, _withProduct(_offerParams(PRINCIPAL, APR, lo - 1)));
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketInvalidDuration.selector, hi + 1, lo, hi));
        _postOffer(lender, _withProduct(_offerParams(PRINCIPAL, APR, hi + 1)));
    }

    function test_PostOffer_RevertsInvalidCollateralKind() public {
        LoanMarket.OfferParams memory p = _offerParams(PRINCIPAL, APR, DURATION);
        p.kind = LoanMarket.Collateral.None;
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketInvalidCollateral.selector));
        _postOffer(lender, p);
    }

    function test_PostOffer_Ifil_RevertsInvalidCriteria() public {
        bytes memory err = abi.encodeWithSelector(LoanMarket.LoanMarketInvalidCriteria.selector);
        for (uint256 i; i < 6; ++i) {
            LoanMarket.OfferParams memory p = _offerParams(PRINCIPAL, APR, DURATION);
            p.kind = LoanMarket.Collateral.Ifil;
            p.collateralAmount = IFIL_AMOUNT;
            if (i == 0) p.collateralAmount = 0;
            if (i == 1) p.collateralAmount = uint256(type(uint96).max) + 1;
            if (i == 2) p.productId = filPid;
            if (i == 3) p.coin = 1;
            if (i == 4) p.minHashrate = 1;
            if (i == 5) p.minTermLeft = 1;
            vm.expectRevert(err);
            _postOffer(lender, p);
        }
        vm.assertEq(loans.positionCount(), 0, "nothing posted");
    }

    function test_PostOffer_Nft_RevertsInvalidCriteria() public {
        bytes memory err = abi.encodeWithSelector(LoanMarket.LoanMarketInvalidCriteria.selector);
        uint256 maxTermLeft = loans.MAX_MIN_TERM_LEFT();
        for (uint256 i; i < 7; ++i) {
            LoanMarket.OfferParams memory p = _offerParams(PRINCIPAL, APR, DURATION);
            if (i == 0) p.collateralAmount = 1; // an amount on an NFT offer
            if (i == 1) p.minTermLeft = maxTermLeft + 1;
            if (i == 2) p.productId = uint256(type(uint64).max) + 1;
            if (i == 3) (p.productId, p.coin) = (filPid, 1); // a product and a coin
            if (i == 4) (p.productId, p.minHashrate) = (filPid, 1); // a product and a hashrate minimum
            if (i == 5) p.coin = 2; // no such coin
            if (i == 6) p.minHashrate = uint256(type(uint128).max) + 1;
            vm.expectRevert(err);
            _postOffer(lender, p);
        }
        // The largest term-left requirement is accepted.
        LoanMarket.OfferParams memory ok = _offerParams(PRINCIPAL, APR, DURATION);
        ok.minTermLeft = maxTermLeft;
        _postOffer(lender, ok);
        vm.assertEq(loans.positionCount(), 1, "only the valid offer");
    }

    function test_PostOffer_RevertsUnknownProduct() public {
        LoanMarket.OfferParams memory p = _offerParams(PRINCIPAL, APR, DURATION);
        p.productId = 99;
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTUnknownProduct.selector, 99));
        _postOffer(lender, p);
    }

    function test_PostOffer_RevertsWithoutAllowance() public {
        vm.prank(lender);
        usdt.approve(address(loans), PRINCIPAL - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector, address(loans), PRINCIPAL - 1, PRINCIPAL
            )
        );
        _productOffer(lender, filPid);
    }

    // ================================================================ acceptOffer

    function test_AcceptOffer_Product_StartsLoan() public {
        vm.warp(block.timestamp + 5 hours);
        uint256 id = _productOffer(lender, filPid);
        uint256 borrowerBefore = usdt.balanceOf(borrower);
        LoanMarket.Terms memory t = _terms(id);
        vm.expectEmit(true, true, true, true, address(loans));
        emit LoanMarket.LoanStarted(
            id, borrower, lender, PRINCIPAL, LoanMarket.Collateral.Nft, b1, block.timestamp + DURATION
        );
        vm.prank(borrower);
        loans.acceptOffer(id, b1, t);

        vm.assertEq(usdt.balanceOf(borrower) - borrowerBefore, PRINCIPAL, "borrower got the principal");
        vm.assertEq(usdt.balanceOf(address(loans)), 0, "escrow released");
        vm.assertEq(nft.ownerOf(b1), address(loans), "NFT pledged");
        LoanMarket.Position memory pos = loans.position(id);
        vm.assertEq(uint256(pos.state), uint256(LoanMarket.State.Active), "active");
        vm.assertEq(pos.borrower, borrower, "borrower");
        vm.assertEq(pos.lender, lender, "lender unchanged");
        vm.assertEq(uint256(pos.start), block.timestamp, "start");
        vm.assertEq(uint256(pos.collateral), b1, "token id");
        vm.assertEq(uint256(pos.grace), DEFAULT_GRACE, "grace snapshot");
        vm.assertEq(uint256(pos.feeBps), DEFAULT_FEE_BPS, "fee snapshot");
        (uint256 maturity, uint256 foreclosableAt) = loans.deadlines(id);
        vm.assertEq(maturity, block.timestamp + DURATION, "maturity");
        vm.assertEq(foreclosableAt, block.timestamp + DURATION + DEFAULT_GRACE, "foreclosable at");
    }

    function test_AcceptOffer_AnyProduct_MatchingCoinHashrateAndTerm() public {
        // At least 2 TiB and 60 days left: the 2 TiB / 90-day product qualifies.
        uint256 id = _anyOffer(lender, COIN_FIL, 2000, 60 days);
        _accept(borrower, id, big1);
        vm.assertEq(nft.ownerOf(big1), address(loans), "pledged");
        // No hashrate minimum: any FIL product qualifies.
        uint256 id2 = _anyOffer(lender, COIN_FIL, 0, 0);
        _accept(borrower, id2, b1);
        // BTC offers take BTC products.
        uint256 id3 = _anyOffer(lender, COIN_BTC, 1000, 0);
        _accept(borrower, id3, btc1);
        vm.assertEq(uint256(_state(id)), uint256(LoanMarket.State.Active), "1 active");
        vm.assertEq(uint256(_state(id2)), uint256(LoanMarket.State.Active), "2 active");
        vm.assertEq(uint256(_state(id3)), uint256(LoanMarket.State.Active), "3 active");
    }

    function test_AcceptOffer_Ifil_PullsAmountAndIgnoresTokenId() public {
        uint256 id = _ifilOffer(lender, IFIL_AMOUNT);
        uint256 ifilBefore = ifil.balanceOf(borrower);
        LoanMarket.Terms memory t = _terms(id);
        vm.expectEmit(true, true, true, true, address(loans));
        emit LoanMarket.LoanStarted(
            id, borrower, lender, PRINCIPAL, LoanMarket.Collateral.Ifil, IFIL_AMOUNT, block.timestamp + DURATION
        );
        vm.prank(borrower);
        loans.acceptOffer(id, b1, t); // a token id is ignored
        vm.assertEq(ifilBefore - ifil.balanceOf(borrower), IFIL_AMOUNT, "IFIL pledged");
        vm.assertEq(ifil.balanceOf(address(loans)), IFIL_AMOUNT, "held here");
        vm.assertEq(nft.ownerOf(b1), borrower, "the NFT did not move");
        vm.assertEq(uint256(loans.position(id).collateral), IFIL_AMOUNT, "collateral = amount");
    }

    function test_AcceptOffer_RevertsWrongProduct() public {
        uint256 id = _productOffer(lender, filPid);
        LoanMarket.Terms memory t = _terms(id);
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketWrongProduct.selector, id, big1, filPid));
        vm.prank(borrower);
        loans.acceptOffer(id, big1, t);
    }

    function test_AcceptOffer_RevertsWrongCoin() public {
        uint256 filOffer = _anyOffer(lender, COIN_FIL, 0, 0);
        LoanMarket.Terms memory t = _terms(filOffer);
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketWrongCoin.selector, filOffer, btc1));
        vm.prank(borrower);
        loans.acceptOffer(filOffer, btc1, t);

        uint256 btcOffer = _anyOffer(lender, COIN_BTC, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketWrongCoin.selector, btcOffer, b1));
        vm.prank(borrower);
        loans.acceptOffer(btcOffer, b1, t);
    }

    function test_AcceptOffer_RevertsHashrateTooLow() public {
        uint256 id = _anyOffer(lender, COIN_FIL, 1001, 0);
        LoanMarket.Terms memory t = _terms(id);
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketHashrateTooLow.selector, id, b1, 1000, 1001));
        vm.prank(borrower);
        loans.acceptOffer(id, b1, t);
        // Exactly the minimum is enough.
        uint256 exact = _anyOffer(lender, COIN_FIL, 1000, 0);
        _accept(borrower, exact, b1);
    }

    function test_AcceptOffer_RevertsTermTooShort() public {
        uint256 termEnd = nft.product(bigPid).termEnd; // 90 days from now
        uint256 id = _anyOffer(lender, COIN_FIL, 0, 60 days);
        uint256 id2 = _anyOffer(lender, COIN_FIL, 0, 60 days);
        LoanMarket.Terms memory t = _terms(id);
        // Exactly the term left required is enough.
        vm.warp(termEnd - 60 days);
        vm.prank(borrower);
        loans.acceptOffer(id, big1, t);
        vm.assertEq(nft.ownerOf(big1), address(loans), "pledged at the boundary");
        // One second later it is not.
        vm.warp(termEnd - 60 days + 1);
        uint256 big2 = _tok(bigPid, 2);
        vm.expectRevert(
            abi.encodeWithSelector(
                LoanMarket.LoanMarketTermTooShort.selector, id2, big2, termEnd, block.timestamp + 60 days
            )
        );
        vm.prank(borrower);
        loans.acceptOffer(id2, big2, t);
    }

    function test_AcceptOffer_ProductOffer_ChecksTermLeft() public {
        LoanMarket.OfferParams memory p = _offerParams(PRINCIPAL, APR, DURATION);
        p.productId = bigPid;
        p.minTermLeft = 91 days;
        uint256 id = _postOffer(lender, p);
        LoanMarket.Terms memory t = _terms(id);
        uint256 termEnd = nft.product(bigPid).termEnd;
        vm.expectRevert(
            abi.encodeWithSelector(
                LoanMarket.LoanMarketTermTooShort.selector, id, big1, termEnd, block.timestamp + 91 days
            )
        );
        vm.prank(borrower);
        loans.acceptOffer(id, big1, t);
    }

    function test_AcceptOffer_RevertsProductDefaulted() public {
        uint256 productOffer = _productOffer(lender, filPid);
        uint256 anyOffer = _anyOffer(lender, COIN_FIL, 0, 0);
        _markDefaulted(filApp);
        _acceptReverts(
            borrower,
            productOffer,
            b1,
            abi.encodeWithSelector(
                LoanMarket.LoanMarketProductNotActive.selector, productOffer, b1, MinerRegistry.Status.Defaulted
            )
        );
        _acceptReverts(
            borrower,
            anyOffer,
            b1,
            abi.encodeWithSelector(
                LoanMarket.LoanMarketProductNotActive.selector, anyOffer, b1, MinerRegistry.Status.Defaulted
            )
        );
        // Another product of the same coin is still accepted by the any-product offer.
        _accept(borrower, anyOffer, big1);
    }

    function test_AcceptOffer_RevertsProductSlashed() public {
        uint256 id = _productOffer(lender, filPid);
        vm.prank(governance);
        registry.slash(filApp);
        _acceptReverts(
            borrower,
            id,
            b1,
            abi.encodeWithSelector(LoanMarket.LoanMarketProductNotActive.selector, id, b1, MinerRegistry.Status.Slashed)
        );
    }

    function test_AcceptOffer_RevertsProductCompleted() public {
        uint256 id = _productOffer(lender, bigPid);
        uint256 end = registry.termEnd(bigApp);
        vm.warp(end);
        vm.prank(miner);
        registry.withdrawStake(bigApp);
        // No term-left requirement: termEnd == now passes that check; the status does not.
        _acceptReverts(
            borrower,
            id,
            big1,
            abi.encodeWithSelector(
                LoanMarket.LoanMarketProductNotActive.selector, id, big1, MinerRegistry.Status.Completed
            )
        );
    }

    /// @dev A product the registry did not create has no application: the registry's own error surfaces.
    function test_AcceptOffer_RevertsProductNotFromRegistry() public {
        bytes32 issuer = nft.ISSUER_ROLE();
        vm.prank(governance);
        nft.grantRole(issuer, governance);
        vm.startPrank(governance);
        uint256 pid = nft.createProduct(
            HashrateNFT.ProductParams({
                miner: borrower,
                coin: HashrateNFT.Coin.FIL,
                nodeId: "f09999",
                hashratePerNFT: 1000,
                nftCount: 1,
                termStart: uint64(block.timestamp),
                termEnd: uint64(block.timestamp + 100 days),
                expectedDailyYieldPerUnit: 1
            })
        );
        nft.mint(pid, 1);
        vm.stopPrank();
        uint256 id = _anyOffer(lender, COIN_FIL, 0, 0);
        _acceptReverts(
            borrower,
            id,
            _tok(pid, 1),
            abi.encodeWithSelector(MinerRegistry.MinerRegistryUnknownApplication.selector, 0)
        );
    }

    function test_AcceptOffer_RevertsSelfLoan() public {
        uint256 id = _productOffer(borrower, filPid); // the borrower posts an offer
        LoanMarket.Terms memory t = _terms(id);
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketSelfLoan.selector, id));
        vm.prank(borrower);
        loans.acceptOffer(id, b1, t);
    }

    function test_AcceptOffer_RevertsTakenTwice() public {
        uint256 id = _productOffer(lender, filPid);
        LoanMarket.Terms memory t = _terms(id);
        vm.prank(borrower);
        loans.acceptOffer(id, b1, t);
        vm.expectRevert(_wrongState(id, LoanMarket.State.Active, LoanMarket.State.Offer));
        vm.prank(borrower2);
        loans.acceptOffer(id, _tok(filPid, 6), t);
        vm.expectRevert(_wrongState(id, LoanMarket.State.Active, LoanMarket.State.Offer));
        vm.prank(borrower);
        loans.acceptOffer(id, b2, t);
    }

    function test_AcceptOffer_RevertsCancelledUnknownOrRequest() public {
        uint256 id = _productOffer(lender, filPid);
        LoanMarket.Terms memory t = _terms(id);
        vm.prank(lender);
        loans.cancel(id);
        vm.expectRevert(_wrongState(id, LoanMarket.State.Cancelled, LoanMarket.State.Offer));
        vm.prank(borrower);
        loans.acceptOffer(id, b1, t);

        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketUnknownPosition.selector, 7));
        vm.prank(borrower);
        loans.acceptOffer(7, b1, t);

        uint256 req = _request(borrower2, LoanMarket.Collateral.Nft, _tok(filPid, 6));
        vm.expectRevert(_wrongState(req, LoanMarket.State.Request, LoanMarket.State.Offer));
        vm.prank(borrower);
        loans.acceptOffer(req, b1, t);
    }

    function test_AcceptOffer_RevertsTermsChanged_EachField() public {
        uint256 nftOffer = _productOffer(lender, filPid);
        uint256 ifilOffer = _ifilOffer(lender, IFIL_AMOUNT);
        uint256[2] memory ids = [nftOffer, ifilOffer];
        for (uint256 k; k < 2; ++k) {
            uint256 id = ids[k];
            for (uint256 f; f < 4; ++f) {
                LoanMarket.Terms memory t = _terms(id);
                if (f == 0) t.principal += 1;
                if (f == 1) t.aprBps -= 1;
                if (f == 2) t.duration += 1;
                if (f == 3) t.collateral += 1;
                vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketTermsChanged.selector, id));
                vm.prank(borrower);
                loans.acceptOffer(id, b1, t);
            }
            _accept(borrower, id, b1); // the true terms work
        }
    }

    function test_AcceptOffer_RevertsNftNotOwned() public {
        uint256 id = _productOffer(lender, filPid);
        uint256 theirs = _tok(filPid, 6); // borrower2's
        LoanMarket.Terms memory t = _terms(id);
        vm.expectRevert(
            abi.encodeWithSelector(IERC721Errors.ERC721IncorrectOwner.selector, borrower, theirs, borrower2)
        );
        vm.prank(borrower);
        loans.acceptOffer(id, theirs, t);
    }

    // ================================================================ cancel

    function test_Cancel_Offer_ReturnsPrincipal() public {
        uint256 id = _productOffer(lender, filPid);
        uint256 before = usdt.balanceOf(lender);
        vm.expectEmit(true, true, true, true, address(loans));
        emit LoanMarket.PositionCancelled(id, lender);
        vm.prank(lender);
        loans.cancel(id);
        vm.assertEq(usdt.balanceOf(lender) - before, PRINCIPAL, "principal back");
        vm.assertEq(usdt.balanceOf(address(loans)), 0, "nothing left");
        vm.assertEq(uint256(_state(id)), uint256(LoanMarket.State.Cancelled), "cancelled");
    }

    function test_Cancel_NftRequest_ReturnsNft() public {
        uint256 id = _request(borrower, LoanMarket.Collateral.Nft, b1);
        vm.expectEmit(true, true, true, true, address(loans));
        emit LoanMarket.PositionCancelled(id, borrower);
        vm.prank(borrower);
        loans.cancel(id);
        vm.assertEq(nft.ownerOf(b1), borrower, "NFT back");
        vm.assertEq(uint256(_state(id)), uint256(LoanMarket.State.Cancelled), "cancelled");
    }

    function test_Cancel_IfilRequest_ReturnsIfil() public {
        uint256 before = ifil.balanceOf(borrower);
        uint256 id = _request(borrower, LoanMarket.Collateral.Ifil, IFIL_AMOUNT);
        vm.prank(borrower);
        loans.cancel(id);
        vm.assertEq(ifil.balanceOf(borrower), before, "IFIL back");
        vm.assertEq(ifil.balanceOf(address(loans)), 0, "nothing left");
    }

    function test_Cancel_RevertsNotOwner() public {
        uint256 offer = _productOffer(lender, filPid);
        uint256 req = _request(borrower, LoanMarket.Collateral.Nft, b1);
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketNotLender.selector, offer, stranger, lender));
        vm.prank(stranger);
        loans.cancel(offer);
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketNotLender.selector, offer, borrower, lender));
        vm.prank(borrower);
        loans.cancel(offer);
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketNotBorrower.selector, req, stranger, borrower));
        vm.prank(stranger);
        loans.cancel(req);
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketNotBorrower.selector, req, lender, borrower));
        vm.prank(lender);
        loans.cancel(req);
    }

    function test_Cancel_RevertsWrongStateOrUnknown() public {
        uint256 id = _nftLoan(b1);
        vm.expectRevert(_wrongState(id, LoanMarket.State.Active, LoanMarket.State.Offer));
        vm.prank(lender);
        loans.cancel(id);
        vm.expectRevert(_wrongState(id, LoanMarket.State.Active, LoanMarket.State.Offer));
        vm.prank(borrower);
        loans.cancel(id);
        _repay(borrower, id);
        vm.expectRevert(_wrongState(id, LoanMarket.State.Repaid, LoanMarket.State.Offer));
        vm.prank(borrower);
        loans.cancel(id);

        uint256 offer = _productOffer(lender, filPid);
        vm.prank(lender);
        loans.cancel(offer);
        vm.expectRevert(_wrongState(offer, LoanMarket.State.Cancelled, LoanMarket.State.Offer));
        vm.prank(lender);
        loans.cancel(offer);

        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketUnknownPosition.selector, 99));
        loans.cancel(99);
    }

    // ================================================================ postRequest

    function test_PostRequest_Nft_PledgesAndStores() public {
        vm.expectEmit(true, true, true, true, address(loans));
        emit LoanMarket.RequestPosted(1, borrower, PRINCIPAL, APR, DURATION, LoanMarket.Collateral.Nft, b1);
        uint256 id = _request(borrower, LoanMarket.Collateral.Nft, b1);
        vm.assertEq(nft.ownerOf(b1), address(loans), "pledged now");
        LoanMarket.Position memory pos = loans.position(id);
        vm.assertEq(pos.borrower, borrower, "borrower");
        vm.assertEq(pos.lender, address(0), "no lender yet");
        vm.assertEq(uint256(pos.principal), PRINCIPAL, "principal");
        vm.assertEq(uint256(pos.aprBps), APR, "apr");
        vm.assertEq(uint256(pos.duration), DURATION, "duration");
        vm.assertEq(uint256(pos.state), uint256(LoanMarket.State.Request), "state");
        vm.assertEq(uint256(pos.kind), uint256(LoanMarket.Collateral.Nft), "kind");
        vm.assertEq(uint256(pos.collateral), b1, "token");
        vm.assertEq(uint256(pos.start), 0, "not started");
        vm.assertEq(usdt.balanceOf(address(loans)), 0, "no USDT involved");
    }

    function test_PostRequest_Ifil_PledgesAmount() public {
        uint256 before = ifil.balanceOf(borrower);
        vm.expectEmit(true, true, true, true, address(loans));
        emit LoanMarket.RequestPosted(1, borrower, PRINCIPAL, APR, DURATION, LoanMarket.Collateral.Ifil, IFIL_AMOUNT);
        uint256 id = _request(borrower, LoanMarket.Collateral.Ifil, IFIL_AMOUNT);
        vm.assertEq(before - ifil.balanceOf(borrower), IFIL_AMOUNT, "pledged");
        vm.assertEq(ifil.balanceOf(address(loans)), IFIL_AMOUNT, "held");
        vm.assertEq(uint256(loans.position(id).collateral), IFIL_AMOUNT, "amount");
    }

    function test_PostRequest_RevertsInvalidTerms() public {
        LoanMarket.Collateral nftKind = LoanMarket.Collateral.Nft;
        vm.startPrank(borrower);
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketInvalidPrincipal.selector, 0));
        loans.postRequest(0, APR, DURATION, nftKind, b1);
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketInvalidApr.selector, 50_001, 50_000));
        loans.postRequest(PRINCIPAL, 50_001, DURATION, nftKind, b1);
        vm.expectRevert(
            abi.encodeWithSelector(LoanMarket.LoanMarketInvalidDuration.selector, 1 days - 1, 1 days, 365 days)
        );
        loans.postRequest(PRINCIPAL, APR, 1 days - 1, nftKind, b1);
        vm.expectRevert(
            abi.encodeWithSelector(LoanMarket.LoanMarketInvalidDuration.selector, 365 days + 1, 1 days, 365 days)
        );
        loans.postRequest(PRINCIPAL, APR, 365 days + 1, nftKind, b1);
        vm.stopPrank();
    }

    function test_PostRequest_RevertsInvalidCollateral() public {
        bytes memory err = abi.encodeWithSelector(LoanMarket.LoanMarketInvalidCollateral.selector);
        vm.startPrank(borrower);
        vm.expectRevert(err);
        loans.postRequest(PRINCIPAL, APR, DURATION, LoanMarket.Collateral.None, b1);
        vm.expectRevert(err);
        loans.postRequest(PRINCIPAL, APR, DURATION, LoanMarket.Collateral.Nft, 0);
        vm.expectRevert(err);
        loans.postRequest(PRINCIPAL, APR, DURATION, LoanMarket.Collateral.Ifil, 0);
        vm.expectRevert(err);
        loans.postRequest(PRINCIPAL, APR, DURATION, LoanMarket.Collateral.Ifil, uint256(type(uint96).max) + 1);
        vm.stopPrank();
    }

    function test_PostRequest_RevertsNftNotOwned() public {
        uint256 theirs = _tok(filPid, 6);
        vm.expectRevert(
            abi.encodeWithSelector(IERC721Errors.ERC721IncorrectOwner.selector, borrower, theirs, borrower2)
        );
        _request(borrower, LoanMarket.Collateral.Nft, theirs);
    }

    // ================================================================ fundRequest

    function test_FundRequest_StartsLoan() public {
        uint256 id = _request(borrower, LoanMarket.Collateral.Nft, b1);
        vm.warp(block.timestamp + 2 hours);
        uint256 borrowerBefore = usdt.balanceOf(borrower);
        uint256 lenderBefore = usdt.balanceOf(lender);
        LoanMarket.Terms memory t = _terms(id);
        vm.assertEq(t.collateral, b1, "terms name the token");
        vm.expectEmit(true, true, true, true, address(loans));
        emit LoanMarket.LoanStarted(
            id, borrower, lender, PRINCIPAL, LoanMarket.Collateral.Nft, b1, block.timestamp + DURATION
        );
        vm.prank(lender);
        loans.fundRequest(id, t);
        vm.assertEq(usdt.balanceOf(borrower) - borrowerBefore, PRINCIPAL, "borrower paid");
        vm.assertEq(lenderBefore - usdt.balanceOf(lender), PRINCIPAL, "lender paid directly");
        vm.assertEq(usdt.balanceOf(address(loans)), 0, "nothing passes through");
        LoanMarket.Position memory pos = loans.position(id);
        vm.assertEq(uint256(pos.state), uint256(LoanMarket.State.Active), "active");
        vm.assertEq(pos.lender, lender, "lender");
        vm.assertEq(uint256(pos.start), block.timestamp, "start");
        vm.assertEq(uint256(pos.grace), DEFAULT_GRACE, "grace snapshot");
        vm.assertEq(uint256(pos.feeBps), DEFAULT_FEE_BPS, "fee snapshot");
        vm.assertEq(nft.ownerOf(b1), address(loans), "still pledged");
    }

    function test_FundRequest_Ifil() public {
        uint256 id = _request(borrower, LoanMarket.Collateral.Ifil, IFIL_AMOUNT);
        _fund(lender, id);
        vm.assertEq(uint256(_state(id)), uint256(LoanMarket.State.Active), "active");
        vm.assertEq(ifil.balanceOf(address(loans)), IFIL_AMOUNT, "IFIL held");
    }

    function test_FundRequest_RevertsSelfLoan() public {
        uint256 id = _request(borrower, LoanMarket.Collateral.Nft, b1);
        LoanMarket.Terms memory t = _terms(id);
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketSelfLoan.selector, id));
        vm.prank(borrower);
        loans.fundRequest(id, t);
    }

    function test_FundRequest_RevertsWrongStateOrUnknown() public {
        uint256 id = _request(borrower, LoanMarket.Collateral.Nft, b1);
        LoanMarket.Terms memory t = _terms(id);
        _fund(lender, id);
        vm.expectRevert(_wrongState(id, LoanMarket.State.Active, LoanMarket.State.Request));
        vm.prank(lender2);
        loans.fundRequest(id, t);

        uint256 cancelled = _request(borrower, LoanMarket.Collateral.Nft, b2);
        LoanMarket.Terms memory ct = _terms(cancelled);
        vm.prank(borrower);
        loans.cancel(cancelled);
        vm.expectRevert(_wrongState(cancelled, LoanMarket.State.Cancelled, LoanMarket.State.Request));
        vm.prank(lender);
        loans.fundRequest(cancelled, ct);

        uint256 offer = _productOffer(lender2, filPid);
        vm.expectRevert(_wrongState(offer, LoanMarket.State.Offer, LoanMarket.State.Request));
        vm.prank(lender);
        loans.fundRequest(offer, ct);

        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketUnknownPosition.selector, 42));
        vm.prank(lender);
        loans.fundRequest(42, ct);
    }

    function test_FundRequest_RevertsTermsChanged_EachField() public {
        uint256 id = _request(borrower, LoanMarket.Collateral.Nft, b1);
        for (uint256 f; f < 4; ++f) {
            LoanMarket.Terms memory t = _terms(id);
            if (f == 0) t.principal -= 1;
            if (f == 1) t.aprBps += 1;
            if (f == 2) t.duration -= 1;
            if (f == 3) t.collateral = b2; // another token
            vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketTermsChanged.selector, id));
            vm.prank(lender);
            loans.fundRequest(id, t);
        }
        _fund(lender, id);
    }

    /// @dev A request cancelled and posted again with another token gets a new id: funding the old id with the
    /// old terms fails, funding the new one with the old token's terms fails.
    function test_FundRequest_RepostedRequestNeedsItsOwnTerms() public {
        uint256 old = _request(borrower, LoanMarket.Collateral.Nft, b1);
        LoanMarket.Terms memory oldTerms = _terms(old);
        vm.prank(borrower);
        loans.cancel(old);
        uint256 fresh = _request(borrower, LoanMarket.Collateral.Nft, b2);
        vm.assertTrue(fresh != old, "new id");
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketTermsChanged.selector, fresh));
        vm.prank(lender);
        loans.fundRequest(fresh, oldTerms);
    }

    // ================================================================ interest model

    function test_Interest_ProRata() public view {
        // 1,000 USDT at 12% for 30 days: 1e9 * 0.12 * 30 / 365 = 9,863,013.69... -> rounded up.
        vm.assertEq(loans.interestFor(PRINCIPAL, APR, DURATION, 30 days), 9_863_014, "30 days");
        // 1 USDT at 100% for a year: exact, no rounding.
        vm.assertEq(loans.interestFor(1e6, 10_000, 365 days, 365 days), 1e6, "exact year");
        vm.assertEq(loans.interestFor(1e6, 10_000, 365 days, 73 days), 2e5, "exact fifth");
    }

    function test_Interest_MinimumPeriod() public view {
        uint256 week = loans.interestFor(PRINCIPAL, APR, DURATION, 7 days);
        vm.assertEq(week, 2_301_370, "7 days: 2,301,369.86 rounded up");
        vm.assertEq(loans.interestFor(PRINCIPAL, APR, DURATION, 0), week, "at start: 7 days");
        vm.assertEq(loans.interestFor(PRINCIPAL, APR, DURATION, 1 days), week, "after a day: 7 days");
        vm.assertEq(loans.interestFor(PRINCIPAL, APR, DURATION, 7 days - 1), week, "just before: 7 days");
        vm.assertGt(loans.interestFor(PRINCIPAL, APR, DURATION, 7 days + 60), week, "after: pro rata");
    }

    function test_Interest_MinimumIsDurationWhenShorter() public view {
        uint256 two = loans.interestFor(PRINCIPAL, APR, 2 days, 2 days);
        vm.assertEq(loans.interestFor(PRINCIPAL, APR, 2 days, 1 hours), two, "2-day loan: at least 2 days");
        vm.assertEq(loans.interestFor(PRINCIPAL, APR, 2 days, 0), two, "at start");
        vm.assertLt(two, loans.interestFor(PRINCIPAL, APR, 2 days, 7 days), "not the 7-day minimum");
        vm.assertEq(loans.MIN_INTEREST_PERIOD(), 7 days, "constant");
    }

    function test_Interest_RoundsUp() public view {
        vm.assertEq(loans.interestFor(1, 1, 1 days, 1 days), 1, "a dust fraction is one unit");
        vm.assertEq(loans.interestFor(PRINCIPAL, 0, DURATION, 10 days), 0, "0% is free");
        // One second more than an exact amount rounds up to the next unit.
        vm.assertEq(loans.interestFor(1e6, 10_000, 365 days, 365 days + 1), 1e6 + 1, "just past exact");
    }

    function test_Interest_KeepsAccruingAfterMaturity() public {
        uint256 id = _nftLoan(b1);
        vm.warp(block.timestamp + DURATION);
        (, uint256 atMaturity,) = loans.amountDue(id);
        vm.warp(block.timestamp + 40 days);
        (uint256 p, uint256 later, uint256 fee) = loans.amountDue(id);
        vm.assertEq(p, PRINCIPAL, "principal");
        vm.assertEq(later, loans.interestFor(PRINCIPAL, APR, DURATION, DURATION + 40 days), "70 days of interest");
        vm.assertGt(later, atMaturity, "more after maturity");
        vm.assertEq(fee, later * DEFAULT_FEE_BPS / 10_000, "fee on the interest");
    }

    function test_AmountDue_MatchesInterestForAndTheIndependentModel() public {
        uint256 id = _nftLoan(b1);
        uint256[4] memory offsets = [uint256(0), 3 days, 12 days + 7 hours + 13, 400 days];
        uint256 start = block.timestamp;
        for (uint256 i; i < offsets.length; ++i) {
            vm.warp(start + offsets[i]);
            (, uint256 interest,) = loans.amountDue(id);
            vm.assertEq(interest, loans.interestFor(PRINCIPAL, APR, DURATION, offsets[i]), "== interestFor");
            vm.assertEq(interest, _expectedInterest(PRINCIPAL, APR, DURATION, offsets[i]), "== model");
        }
    }

    function test_AmountDueAndDeadlines_RevertUnlessActive() public {
        uint256 offer = _productOffer(lender, filPid);
        vm.expectRevert(_wrongState(offer, LoanMarket.State.Offer, LoanMarket.State.Active));
        loans.amountDue(offer);
        vm.expectRevert(_wrongState(offer, LoanMarket.State.Offer, LoanMarket.State.Active));
        loans.deadlines(offer);
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketUnknownPosition.selector, 5));
        loans.amountDue(5);
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketUnknownPosition.selector, 5));
        loans.deadlines(5);
    }

    // ================================================================ repay

    function test_Repay_Nft_ExactBalances() public {
        uint256 id = _nftLoan(b1);
        vm.warp(block.timestamp + 20 days + 3 hours);
        uint256 interest = _expectedInterest(PRINCIPAL, APR, DURATION, 20 days + 3 hours);
        uint256 fee = interest * DEFAULT_FEE_BPS / 10_000;
        uint256 bBefore = usdt.balanceOf(borrower);
        uint256 lBefore = usdt.balanceOf(lender);
        uint256 mBefore = usdt.balanceOf(address(loans));
        vm.expectEmit(true, true, true, true, address(loans));
        emit LoanMarket.LoanRepaid(id, borrower, lender, PRINCIPAL, interest, fee);
        _repay(borrower, id);

        vm.assertEq(bBefore - usdt.balanceOf(borrower), PRINCIPAL + interest, "borrower paid principal + interest");
        vm.assertEq(usdt.balanceOf(lender) - lBefore, PRINCIPAL + interest - fee, "lender got all but the fee");
        vm.assertEq(usdt.balanceOf(address(loans)) - mBefore, fee, "fee held here");
        vm.assertEq(loans.accruedFees(), fee, "fee accrued");
        vm.assertEq(loans.creditOf(lender), 0, "no credit");
        vm.assertEq(nft.ownerOf(b1), borrower, "NFT back");
        vm.assertEq(uint256(_state(id)), uint256(LoanMarket.State.Repaid), "repaid");

        // The treasury gets exactly the fee.
        loans.withdrawFees();
        vm.assertEq(usdt.balanceOf(treasury), fee, "treasury got the fee");
    }

    function test_Repay_Ifil_ReturnsCollateral() public {
        uint256 before = ifil.balanceOf(borrower);
        uint256 id = _ifilLoan();
        vm.warp(block.timestamp + 10 days);
        _repay(borrower, id);
        vm.assertEq(ifil.balanceOf(borrower), before, "IFIL back");
        vm.assertEq(ifil.balanceOf(address(loans)), 0, "none left");
    }

    function test_Repay_EarlyPaysTheMinimumPeriod() public {
        uint256 id = _nftLoan(b1);
        vm.warp(block.timestamp + 1 hours);
        uint256 bBefore = usdt.balanceOf(borrower);
        _repay(borrower, id);
        vm.assertEq(bBefore - usdt.balanceOf(borrower), PRINCIPAL + 2_301_370, "7 days of interest");
    }

    function test_Repay_AfterMaturityAndGraceUntilForeclosed() public {
        uint256 id = _nftLoan(b1);
        (, uint256 foreclosableAt) = loans.deadlines(id);
        vm.warp(foreclosableAt + 10 days);
        uint256 bBefore = usdt.balanceOf(borrower);
        _repay(borrower, id);
        uint256 elapsed = DURATION + DEFAULT_GRACE + 10 days;
        vm.assertEq(
            bBefore - usdt.balanceOf(borrower),
            PRINCIPAL + _expectedInterest(PRINCIPAL, APR, DURATION, elapsed),
            "late interest"
        );
        vm.assertEq(nft.ownerOf(b1), borrower, "repaid late, NFT back");
    }

    function test_Repay_RequestLoan() public {
        uint256 id = _request(borrower, LoanMarket.Collateral.Nft, b1);
        _fund(lender2, id);
        vm.warp(block.timestamp + 15 days);
        uint256 interest = _expectedInterest(PRINCIPAL, APR, DURATION, 15 days);
        uint256 fee = interest / 10;
        uint256 lBefore = usdt.balanceOf(lender2);
        _repay(borrower, id);
        vm.assertEq(usdt.balanceOf(lender2) - lBefore, PRINCIPAL + interest - fee, "funder repaid");
        vm.assertEq(nft.ownerOf(b1), borrower, "NFT back");
    }

    function test_Repay_ZeroFee() public {
        vm.prank(governance);
        loans.setFeeBps(0);
        uint256 id = _nftLoan(b1);
        vm.warp(block.timestamp + 10 days);
        uint256 interest = _expectedInterest(PRINCIPAL, APR, DURATION, 10 days);
        uint256 lBefore = usdt.balanceOf(lender);
        _repay(borrower, id);
        vm.assertEq(usdt.balanceOf(lender) - lBefore, PRINCIPAL + interest, "all interest to the lender");
        vm.assertEq(loans.accruedFees(), 0, "no fee");
    }

    function test_Repay_RevertsNotBorrower() public {
        uint256 id = _nftLoan(b1);
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketNotBorrower.selector, id, lender, borrower));
        _repay(lender, id);
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketNotBorrower.selector, id, stranger, borrower));
        _repay(stranger, id);
    }

    function test_Repay_RevertsWrongStateOrUnknown() public {
        uint256 offer = _productOffer(lender, filPid);
        vm.expectRevert(_wrongState(offer, LoanMarket.State.Offer, LoanMarket.State.Active));
        _repay(borrower, offer);
        uint256 req = _request(borrower, LoanMarket.Collateral.Nft, b1);
        vm.expectRevert(_wrongState(req, LoanMarket.State.Request, LoanMarket.State.Active));
        _repay(borrower, req);
        uint256 id = _nftLoan(b2);
        _repay(borrower, id);
        vm.expectRevert(_wrongState(id, LoanMarket.State.Repaid, LoanMarket.State.Active));
        _repay(borrower, id);
        uint256 fc = _nftLoan(_tok(filPid, 3));
        (, uint256 at) = loans.deadlines(fc);
        vm.warp(at);
        vm.prank(lender);
        loans.foreclose(fc);
        vm.expectRevert(_wrongState(fc, LoanMarket.State.Foreclosed, LoanMarket.State.Active));
        _repay(borrower, fc);
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketUnknownPosition.selector, 77));
        _repay(borrower, 77);
    }

    function test_Repay_RevertsWithoutAllowance() public {
        uint256 id = _nftLoan(b1);
        (uint256 p, uint256 i,) = loans.amountDue(id);
        vm.prank(borrower);
        usdt.approve(address(loans), p + i - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(loans), p + i - 1, p + i)
        );
        _repay(borrower, id);
    }

    // ================================================================ fee and grace snapshot

    function test_FeeAndGrace_SnapshottedAtStart() public {
        uint256 id = _nftLoan(b1);
        uint256 req = _request(borrower, LoanMarket.Collateral.Nft, b2);
        _fund(lender2, req);
        vm.startPrank(governance);
        loans.setFeeBps(3_000);
        loans.setGracePeriod(30 days);
        vm.stopPrank();

        (uint256 maturity, uint256 foreclosableAt) = loans.deadlines(id);
        vm.assertEq(foreclosableAt, maturity + DEFAULT_GRACE, "old grace kept");
        (,, uint256 fee) = loans.amountDue(id);
        (, uint256 interest,) = loans.amountDue(id);
        vm.assertEq(fee, interest * DEFAULT_FEE_BPS / 10_000, "old fee kept");

        // The lender may still foreclose at the old deadline.
        vm.warp(foreclosableAt);
        vm.prank(lender);
        loans.foreclose(id);
        vm.assertEq(nft.ownerOf(b1), lender, "foreclosed with the old grace");

        // The request loan repays with the old fee.
        (, uint256 reqInterest,) = loans.amountDue(req);
        _repay(borrower, req);
        vm.assertEq(loans.accruedFees(), reqInterest * DEFAULT_FEE_BPS / 10_000, "old fee charged");

        // A loan started now takes the new values.
        uint256 fresh = _nftLoan(_tok(filPid, 3));
        LoanMarket.Position memory pos = loans.position(fresh);
        vm.assertEq(uint256(pos.feeBps), 3_000, "new fee");
        vm.assertEq(uint256(pos.grace), 30 days, "new grace");
    }

    // ================================================================ foreclose

    function test_Foreclose_BoundaryAndOnlyLender() public {
        uint256 id = _nftLoan(b1);
        uint256 start = block.timestamp;
        uint256 at = start + DURATION + DEFAULT_GRACE;
        bytes memory early = abi.encodeWithSelector(LoanMarket.LoanMarketNotForeclosable.selector, id, at);
        vm.expectRevert(early);
        vm.prank(lender);
        loans.foreclose(id);
        vm.warp(start + DURATION); // maturity: still within grace
        vm.expectRevert(early);
        vm.prank(lender);
        loans.foreclose(id);
        vm.warp(at - 1);
        vm.expectRevert(early);
        vm.prank(lender);
        loans.foreclose(id);

        vm.warp(at);
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketNotLender.selector, id, borrower, lender));
        vm.prank(borrower);
        loans.foreclose(id);
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketNotLender.selector, id, stranger, lender));
        vm.prank(stranger);
        loans.foreclose(id);

        vm.expectEmit(true, true, true, true, address(loans));
        emit LoanMarket.LoanForeclosed(id, borrower, lender);
        vm.prank(lender);
        loans.foreclose(id);
        vm.assertEq(nft.ownerOf(b1), lender, "NFT to the lender");
        vm.assertEq(uint256(_state(id)), uint256(LoanMarket.State.Foreclosed), "foreclosed");
    }

    function test_Foreclose_ForwardsUnclaimedYieldThenNft() public {
        uint256 id = _nftLoan(b1);
        _payYield(filPid, 3e18);
        vm.warp(block.timestamp + 1 days);
        _payYield(filPid, 2e18);
        uint256 pending = dist.claimable(b1);
        vm.assertEq(pending, 5e17, "1/10 of 5 IFIL");
        (, uint256 at) = loans.deadlines(id);
        vm.warp(at);
        uint256 bBefore = ifil.balanceOf(borrower);
        uint256 lBefore = ifil.balanceOf(lender);

        vm.expectEmit(true, true, true, true, address(loans));
        emit LoanMarket.LoanForeclosed(id, borrower, lender);
        vm.expectEmit(true, true, true, true, address(loans));
        emit LoanMarket.YieldForwarded(borrower, address(ifil), pending);
        vm.prank(lender);
        loans.foreclose(id);

        vm.assertEq(ifil.balanceOf(borrower) - bBefore, pending, "borrower got the unclaimed yield");
        vm.assertEq(ifil.balanceOf(lender), lBefore, "lender got none of it");
        vm.assertEq(dist.claimable(b1), 0, "nothing left on the NFT");
        vm.assertEq(ifil.balanceOf(address(loans)), 0, "nothing stuck here");
        vm.assertEq(nft.ownerOf(b1), lender, "then the NFT to the lender");
    }

    function test_Foreclose_ForwardsBtcYield() public {
        uint256 id = _nftLoan(btc1);
        _payYield(btcPid, 1e8);
        uint256 pending = dist.claimable(btc1);
        vm.assertEq(pending, 1e7, "1/10 WBTC");
        (, uint256 at) = loans.deadlines(id);
        vm.warp(at);
        vm.expectEmit(true, true, true, true, address(loans));
        emit LoanMarket.YieldForwarded(borrower, address(wbtc), pending);
        vm.prank(lender);
        loans.foreclose(id);
        vm.assertEq(wbtc.balanceOf(borrower), pending, "WBTC forwarded");
        vm.assertEq(nft.ownerOf(btc1), lender, "NFT to the lender");
    }

    function test_Foreclose_NoYieldPending() public {
        // Never any deposit: the product is not even known to the distributor.
        uint256 id = _nftLoan(b1);
        (, uint256 at) = loans.deadlines(id);
        vm.warp(at);
        vm.prank(lender);
        loans.foreclose(id);
        vm.assertEq(nft.ownerOf(b1), lender, "foreclosed");

        // Yield was paid but the borrower claimed it all already.
        uint256 id2 = _nftLoan(b2);
        _payYield(filPid, 1e18);
        vm.prank(borrower);
        loans.claimYield(_ids1(id2));
        vm.assertEq(dist.claimable(b2), 0, "claimed");
        (, at) = loans.deadlines(id2);
        vm.warp(at);
        uint256 bBefore = ifil.balanceOf(borrower);
        vm.prank(lender);
        loans.foreclose(id2);
        vm.assertEq(ifil.balanceOf(borrower), bBefore, "nothing more to forward");
        vm.assertEq(nft.ownerOf(b2), lender, "foreclosed");
    }

    function test_Foreclose_IfilGoesToLender() public {
        uint256 id = _ifilLoan();
        (, uint256 at) = loans.deadlines(id);
        vm.warp(at);
        vm.prank(lender);
        loans.foreclose(id);
        vm.assertEq(ifil.balanceOf(lender), IFIL_AMOUNT, "IFIL to the lender");
        vm.assertEq(ifil.balanceOf(address(loans)), 0, "none left");
    }

    function test_Foreclose_RevertsWrongStateOrUnknown() public {
        uint256 offer = _productOffer(lender, filPid);
        vm.expectRevert(_wrongState(offer, LoanMarket.State.Offer, LoanMarket.State.Active));
        vm.prank(lender);
        loans.foreclose(offer);
        uint256 id = _nftLoan(b1);
        _repay(borrower, id);
        vm.warp(block.timestamp + 365 days);
        vm.expectRevert(_wrongState(id, LoanMarket.State.Repaid, LoanMarket.State.Active));
        vm.prank(lender);
        loans.foreclose(id);
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketUnknownPosition.selector, 9));
        vm.prank(lender);
        loans.foreclose(9);
    }

    function test_Foreclose_Twice_Reverts() public {
        uint256 id = _nftLoan(b1);
        (, uint256 at) = loans.deadlines(id);
        vm.warp(at);
        vm.prank(lender);
        loans.foreclose(id);
        vm.expectRevert(_wrongState(id, LoanMarket.State.Foreclosed, LoanMarket.State.Active));
        vm.prank(lender);
        loans.foreclose(id);
    }

    // ================================================================ claimYield

    function test_ClaimYield_DuringLoan() public {
        uint256 id = _nftLoan(b1);
        _payYield(filPid, 4e18);
        uint256 pending = dist.claimable(b1);
        vm.assertEq(pending, 4e17, "a tenth");
        vm.expectEmit(true, true, true, true, address(loans));
        emit LoanMarket.YieldForwarded(borrower, address(ifil), pending);
        uint256 before = ifil.balanceOf(borrower);
        vm.prank(borrower);
        loans.claimYield(_ids1(id));
        vm.assertEq(ifil.balanceOf(borrower) - before, pending, "exactly claimable");
        vm.assertEq(dist.claimable(b1), 0, "claimed");
        vm.assertEq(ifil.balanceOf(address(loans)), 0, "nothing kept");
        vm.assertEq(nft.ownerOf(b1), address(loans), "still pledged");
    }

    function test_ClaimYield_DuringRequest() public {
        uint256 id = _request(borrower, LoanMarket.Collateral.Nft, b1);
        _payYield(filPid, 1e18);
        uint256 pending = dist.claimable(b1);
        uint256 before = ifil.balanceOf(borrower);
        vm.prank(borrower);
        loans.claimYield(_ids1(id));
        vm.assertEq(ifil.balanceOf(borrower) - before, pending, "exactly claimable");
    }

    function test_ClaimYield_SeveralPositionsAndIfilCollateralUntouched() public {
        uint256 ifilLoan = _ifilLoan(); // IFIL held here must not be forwarded
        uint256 loan = _nftLoan(b1);
        uint256 req = _request(borrower, LoanMarket.Collateral.Nft, b2);
        _payYield(filPid, 2e18);
        uint256 pending = dist.claimable(b1) + dist.claimable(b2);
        uint256 before = ifil.balanceOf(borrower);
        vm.prank(borrower);
        loans.claimYield(_ids2(loan, req));
        vm.assertEq(ifil.balanceOf(borrower) - before, pending, "both NFTs' yield");
        vm.assertEq(ifil.balanceOf(address(loans)), IFIL_AMOUNT, "the IFIL collateral stays");
        vm.assertEq(uint256(_state(ifilLoan)), uint256(LoanMarket.State.Active), "untouched");
    }

    function test_ClaimYield_Btc() public {
        uint256 id = _nftLoan(btc1);
        _payYield(btcPid, 5e7);
        vm.prank(borrower);
        loans.claimYield(_ids1(id));
        vm.assertEq(wbtc.balanceOf(borrower), 5e6, "WBTC forwarded");
    }

    function test_ClaimYield_RevertsNotBorrower() public {
        uint256 id = _nftLoan(b1);
        _payYield(filPid, 1e18);
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketNotBorrower.selector, id, lender, borrower));
        vm.prank(lender);
        loans.claimYield(_ids1(id));
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketNotBorrower.selector, id, stranger, borrower));
        vm.prank(stranger);
        loans.claimYield(_ids1(id));
        // One foreign id among the caller's own fails the whole call.
        uint256 other = _request(borrower2, LoanMarket.Collateral.Nft, _tok(filPid, 6));
        uint256 mine = _request(borrower, LoanMarket.Collateral.Nft, b2);
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketNotBorrower.selector, other, borrower, borrower2));
        vm.prank(borrower);
        loans.claimYield(_ids2(mine, other));
    }

    function test_ClaimYield_RevertsNotNftLoan() public {
        uint256 id = _ifilLoan();
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketNotNftLoan.selector, id));
        vm.prank(borrower);
        loans.claimYield(_ids1(id));
        uint256 req = _request(borrower, LoanMarket.Collateral.Ifil, IFIL_AMOUNT);
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketNotNftLoan.selector, req));
        vm.prank(borrower);
        loans.claimYield(_ids1(req));
    }

    function test_ClaimYield_RevertsWrongStateOrUnknown() public {
        uint256 offer = _productOffer(lender, filPid);
        vm.expectRevert(_wrongState(offer, LoanMarket.State.Offer, LoanMarket.State.Active));
        vm.prank(borrower);
        loans.claimYield(_ids1(offer));
        uint256 id = _nftLoan(b1);
        _payYield(filPid, 1e18);
        _repay(borrower, id);
        vm.expectRevert(_wrongState(id, LoanMarket.State.Repaid, LoanMarket.State.Active));
        vm.prank(borrower);
        loans.claimYield(_ids1(id));
        uint256 req = _request(borrower, LoanMarket.Collateral.Nft, b2);
        vm.prank(borrower);
        loans.cancel(req);
        vm.expectRevert(_wrongState(req, LoanMarket.State.Cancelled, LoanMarket.State.Active));
        vm.prank(borrower);
        loans.claimYield(_ids1(req));
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketUnknownPosition.selector, 99));
        vm.prank(borrower);
        loans.claimYield(_ids1(99));
    }

    function test_ClaimYield_RevertsNothingOrMixed() public {
        uint256 id = _nftLoan(b1);
        vm.expectRevert(abi.encodeWithSelector(YieldDistributor.YieldDistributorNothingToClaim.selector));
        vm.prank(borrower);
        loans.claimYield(_ids1(id));
        vm.expectRevert(abi.encodeWithSelector(YieldDistributor.YieldDistributorNothingToClaim.selector));
        vm.prank(borrower);
        loans.claimYield(new uint256[](0));

        uint256 btcLoan = _nftLoan(btc1);
        _payYield(filPid, 1e18);
        _payYield(btcPid, 1e8);
        vm.expectRevert(abi.encodeWithSelector(YieldDistributor.YieldDistributorMixedYieldTokens.selector, btc1));
        vm.prank(borrower);
        loans.claimYield(_ids2(id, btcLoan));
    }

    // ================================================================ admin

    function test_SetFeeBps() public {
        vm.expectEmit(true, true, true, true, address(loans));
        emit LoanMarket.FeeUpdated(DEFAULT_FEE_BPS, 3_000);
        vm.prank(governance);
        loans.setFeeBps(3_000);
        vm.assertEq(loans.feeBps(), 3_000, "max fee");
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketFeeTooHigh.selector, 3_001, 3_000));
        vm.prank(governance);
        loans.setFeeBps(3_001);
        vm.prank(governance);
        loans.setFeeBps(0);
        vm.assertEq(loans.feeBps(), 0, "zero fee");
        vm.expectRevert(_unauthorized(lender));
        vm.prank(lender);
        loans.setFeeBps(100);
    }

    function test_SetGracePeriod() public {
        vm.expectEmit(true, true, true, true, address(loans));
        emit LoanMarket.GracePeriodUpdated(DEFAULT_GRACE, 1 hours);
        vm.prank(governance);
        loans.setGracePeriod(1 hours);
        vm.assertEq(loans.gracePeriod(), 1 hours, "min");
        vm.prank(governance);
        loans.setGracePeriod(30 days);
        vm.assertEq(loans.gracePeriod(), 30 days, "max");
        vm.expectRevert(
            abi.encodeWithSelector(LoanMarket.LoanMarketInvalidGracePeriod.selector, 1 hours - 1, 1 hours, 30 days)
        );
        vm.prank(governance);
        loans.setGracePeriod(1 hours - 1);
        vm.expectRevert(
            abi.encodeWithSelector(LoanMarket.LoanMarketInvalidGracePeriod.selector, 30 days + 1, 1 hours, 30 days)
        );
        vm.prank(governance);
        loans.setGracePeriod(30 days + 1);
        vm.expectRevert(_unauthorized(stranger));
        vm.prank(stranger);
        loans.setGracePeriod(1 days);
    }

    function test_SetTreasury() public {
        address newTreasury = address(0x7EA5);
        vm.expectEmit(true, true, true, true, address(loans));
        emit LoanMarket.TreasuryUpdated(treasury, newTreasury);
        vm.prank(governance);
        loans.setTreasury(newTreasury);
        vm.assertEq(loans.treasury(), newTreasury, "set");
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketInvalidAddress.selector));
        vm.prank(governance);
        loans.setTreasury(address(0));
        vm.expectRevert(_unauthorized(borrower));
        vm.prank(borrower);
        loans.setTreasury(borrower);
    }

    function test_WithdrawFees_ToCurrentTreasuryByAnyone() public {
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketNoFees.selector));
        loans.withdrawFees();

        uint256 id = _nftLoan(b1);
        vm.warp(block.timestamp + 30 days);
        (,, uint256 fee) = loans.amountDue(id);
        _repay(borrower, id);
        address newTreasury = address(0x7EA5);
        vm.prank(governance);
        loans.setTreasury(newTreasury);

        vm.expectEmit(true, true, true, true, address(loans));
        emit LoanMarket.FeesWithdrawn(newTreasury, fee);
        vm.prank(stranger);
        loans.withdrawFees();
        vm.assertEq(usdt.balanceOf(newTreasury), fee, "treasury paid");
        vm.assertEq(loans.accruedFees(), 0, "reset");
        vm.assertEq(usdt.balanceOf(address(loans)), 0, "emptied");
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketNoFees.selector));
        loans.withdrawFees();
    }

    function test_WithdrawFees_LeavesEscrowedOffers() public {
        uint256 open = _productOffer(lender2, filPid);
        uint256 id = _nftLoan(b1);
        vm.warp(block.timestamp + 9 days);
        _repay(borrower, id);
        uint256 fee = loans.accruedFees();
        loans.withdrawFees();
        vm.assertEq(usdt.balanceOf(address(loans)), PRINCIPAL, "the open offer's principal stays");
        vm.assertEq(usdt.balanceOf(treasury), fee, "fee paid");
        vm.prank(lender2);
        loans.cancel(open);
        vm.assertEq(usdt.balanceOf(address(loans)), 0, "and goes back on cancel");
    }

    // ================================================================ withdrawCredit

    function test_WithdrawCredit_RevertsWithoutCredit() public {
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketNoCredit.selector, lender));
        vm.prank(lender);
        loans.withdrawCredit();
    }

    /// @dev With a payment token that refuses transfers to the lender, the repayment is credited; the lender
    /// withdraws it once the token lets it receive again. (More hostile cases: LoanMarketAdversarial.t.sol.)
    function test_WithdrawCredit_PaysTheCreditOnce() public {
        HookToken h = new HookToken();
        LoanMarket m = _newLoans(IERC20(address(h)));
        _fundParties(h, m);
        vm.prank(lender);
        uint256 id = m.postOffer(_withProduct(_offerParams(PRINCIPAL, APR, DURATION)));
        LoanMarket.Terms memory t = LoanMarket.Terms(PRINCIPAL, APR, DURATION, 0);
        vm.prank(borrower);
        m.acceptOffer(id, b1, t);
        vm.warp(block.timestamp + 10 days);
        (uint256 p, uint256 i, uint256 fee) = m.amountDue(id);

        h.setBlocked(lender, true);
        vm.expectEmit(true, true, true, true, address(m));
        emit LoanMarket.LenderCredited(lender, id, p + i - fee);
        vm.prank(borrower);
        m.repay(id);
        vm.assertEq(m.creditOf(lender), p + i - fee, "credited");
        vm.assertEq(h.balanceOf(address(m)), p + i, "held: credit + fee");

        h.setBlocked(lender, false);
        uint256 before = h.balanceOf(lender);
        vm.expectEmit(true, true, true, true, address(m));
        emit LoanMarket.CreditWithdrawn(lender, p + i - fee);
        vm.prank(lender);
        m.withdrawCredit();
        vm.assertEq(h.balanceOf(lender) - before, p + i - fee, "paid");
        vm.assertEq(m.creditOf(lender), 0, "cleared");
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketNoCredit.selector, lender));
        vm.prank(lender);
        m.withdrawCredit();
    }

    // ================================================================ views

    function test_Position_RevertsUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketUnknownPosition.selector, 0));
        loans.position(0);
        _productOffer(lender, filPid);
        loans.position(1);
        vm.expectRevert(abi.encodeWithSelector(LoanMarket.LoanMarketUnknownPosition.selector, 2));
        loans.position(2);
    }

    function test_PositionCount_OneIdPerPosition() public {
        uint256 a = _productOffer(lender, filPid);
        uint256 b = _request(borrower, LoanMarket.Collateral.Nft, b1);
        _accept(borrower, a, b2);
        _fund(lender, b);
        vm.assertEq(loans.positionCount(), 2, "offer and request became loans in place");
        vm.assertEq(loans.position(a).borrower, borrower, "offer a is a loan");
        vm.assertEq(loans.position(b).lender, lender, "request b is a loan");
    }

    // ================================================================ helpers

    /// @dev `who` accepts offer `id` with `tokenId` on its true terms and the call reverts with `err`.
    function _acceptReverts(address who, uint256 id, uint256 tokenId, bytes memory err) internal {
        LoanMarket.Terms memory t = _terms(id);
        vm.expectRevert(err);
        vm.prank(who);
        loans.acceptOffer(id, tokenId, t);
    }

    function _withProduct(LoanMarket.OfferParams memory p) internal view returns (LoanMarket.OfferParams memory) {
        p.productId = filPid;
        return p;
    }

    function _wrongState(uint256 id, LoanMarket.State current, LoanMarket.State expected)
        internal
        pure
        returns (bytes memory)
    {
        return abi.encodeWithSelector(LoanMarket.LoanMarketWrongState.selector, id, current, expected);
    }

    function _unauthorized(address who) internal view returns (bytes memory) {
        return abi.encodeWithSelector(
            IAccessControl.AccessControlUnauthorizedAccount.selector, who, loans.DEFAULT_ADMIN_ROLE()
        );
    }

    /// @dev Gives the fixture's parties `h` and approves market `m` for it, their IFIL and their NFTs.
    function _fundParties(HookToken h, LoanMarket m) internal {
        address[4] memory parties = [lender, lender2, borrower, borrower2];
        for (uint256 k; k < parties.length; ++k) {
            h.mint(parties[k], LENDER_FUNDS);
            vm.startPrank(parties[k]);
            h.approve(address(m), type(uint256).max);
            ifil.approve(address(m), type(uint256).max);
            nft.setApprovalForAll(address(m), true);
            vm.stopPrank();
        }
    }
}
