// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {RegistryFixture} from "./RegistryFixture.sol";
import {HashrateNFT} from "../../src/HashrateNFT.sol";
import {MinerRegistry} from "../../src/MinerRegistry.sol";
import {IFIL} from "../../src/IFIL.sol";
import {YieldDistributor} from "../../src/YieldDistributor.sol";
import {LoanMarket} from "../../src/LoanMarket.sol";
import {MockWBTC} from "../../mocks/MockWBTC.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice The registry fixture plus IFIL, the WBTC mock, the yield distributor and a LoanMarket paid in the mock
/// USDT (admin `governance`, the timelock; fees to `treasury`). Three products, each created through the registry
/// (so each has an application whose status the market checks), starting now, all NFTs minted to the miner:
/// - `filPid`: FIL, 10 NFTs of 1 TiB (hashrate 1000), 540 days;
/// - `bigPid`: FIL, 10 NFTs of 2 TiB (hashrate 2000), 90 days;
/// - `btcPid`: BTC, 10 NFTs of 1 TH/s (hashrate 1000), 365 days.
/// Serials 1-5 of each product go to `borrower`, 6-8 to `borrower2`; 9-10 stay with the miner. Borrowers hold
/// USDT (for interest) and IFIL, and approve the market for USDT, IFIL and all their NFTs; lenders hold USDT and
/// approve the market. Yield is paid for the current day with {_payYield}.
abstract contract LoanFixture is RegistryFixture {
    IFIL internal ifil;
    MockWBTC internal wbtc;
    YieldDistributor internal dist;
    LoanMarket internal loans;

    address internal bridge = address(0xB41D);
    address internal lender = address(0x1E4D);
    address internal lender2 = address(0x1E4D2);
    address internal borrower = address(0xB055);
    address internal borrower2 = address(0xB0552);

    uint256 internal filApp;
    uint256 internal filPid;
    uint256 internal bigApp;
    uint256 internal bigPid;
    uint256 internal btcApp;
    uint256 internal btcPid;

    uint256 internal constant PRINCIPAL = 1_000e6; // 1,000 USDT
    uint256 internal constant APR = 1_200; // 12%
    uint256 internal constant DURATION = 30 days;
    uint256 internal constant IFIL_AMOUNT = 500e18;
    uint256 internal constant LENDER_FUNDS = 1_000_000e6;
    uint256 internal constant BORROWER_FUNDS = 100_000e6;
    uint256 internal constant BORROWER_IFIL = 10_000e18;
    uint256 internal constant DEFAULT_FEE_BPS = 1_000;
    uint256 internal constant DEFAULT_GRACE = 3 days;

    uint256 private _mintNonce;

    function setUp() public virtual override {
        super.setUp();
        ifil = new IFIL(governance, 0); // native: the test chain's coin stands in for FIL
        wbtc = new MockWBTC();
        dist = new YieldDistributor(governance, nft, IERC20(address(ifil)), IERC20(address(wbtc)));
        bytes32 claimsRole = nft.CLAIMS_ROLE();
        vm.prank(governance);
        nft.grantRole(claimsRole, address(dist));
        loans = _newLoans(IERC20(address(usdt)));

        (filApp, filPid) = _registryProduct(HashrateNFT.Coin.FIL, 1000, 10, 540);
        (bigApp, bigPid) = _registryProduct(HashrateNFT.Coin.FIL, 2000, 10, 90);
        (btcApp, btcPid) = _registryProduct(HashrateNFT.Coin.BTC, 1000, 10, 365);
        uint256[3] memory pids = [filPid, bigPid, btcPid];
        for (uint256 p; p < 3; ++p) {
            for (uint256 s = 1; s <= 8; ++s) {
                _handOver(_tok(pids[p], s), s <= 5 ? borrower : borrower2);
            }
        }

        _setUpParty(lender, LENDER_FUNDS, 0);
        _setUpParty(lender2, LENDER_FUNDS, 0);
        _setUpParty(borrower, BORROWER_FUNDS, BORROWER_IFIL);
        _setUpParty(borrower2, BORROWER_FUNDS, BORROWER_IFIL);

        vm.label(address(loans), "loans");
        vm.label(address(dist), "distributor");
        vm.label(lender, "lender");
        vm.label(lender2, "lender2");
        vm.label(borrower, "borrower");
        vm.label(borrower2, "borrower2");
    }

    // ---------------------------------------------------------------- deployment

    /// @dev A LoanMarket paid in `token`, wired to this fixture's NFT, registry and distributor.
    function _newLoans(IERC20 token) internal returns (LoanMarket) {
        return new LoanMarket(governance, nft, registry, dist, token, treasury);
    }

    /// @dev An Active registry application of `miner` with its product created and every NFT minted to the miner.
    function _registryProduct(HashrateNFT.Coin coin, uint128 hashrate, uint32 count, uint32 termDays)
        internal
        returns (uint256 app, uint256 pid)
    {
        MinerRegistry.ApplicationParams memory p = _params();
        p.coin = coin;
        p.nodeId = coin == HashrateNFT.Coin.FIL ? (hashrate == 1000 ? "f01234" : "f05678") : "btc-node-1";
        p.totalHashrate = hashrate * count;
        p.effectiveHashrate = hashrate * count;
        p.hashratePerNFT = hashrate;
        p.nftCount = count;
        p.termStart = uint64(block.timestamp);
        p.termDays = termDays;
        app = _submit(miner, p);
        _approve(app);
        pid = _activate(app);
        vm.prank(miner);
        registry.mint(app, count);
    }

    /// @dev Gives `who` USDT and IFIL and approves the market for them and for all its NFTs.
    function _setUpParty(address who, uint256 usdtAmount, uint256 ifilAmount) internal {
        if (usdtAmount != 0) usdt.mint(who, usdtAmount);
        if (ifilAmount != 0) _mintIfil(who, ifilAmount);
        vm.startPrank(who);
        usdt.approve(address(loans), type(uint256).max);
        ifil.approve(address(loans), type(uint256).max);
        nft.setApprovalForAll(address(loans), true);
        vm.stopPrank();
    }

    function _mintIfil(address to, uint256 amount) internal {
        vm.deal(to, to.balance + amount);
        vm.prank(to);
        ifil.deposit{value: amount}();
    }

    // ---------------------------------------------------------------- registry status

    /// @dev Marks an Active application Defaulted through the registry (governance makes `slasherBot` the slasher).
    function _markDefaulted(uint256 app) internal {
        vm.prank(governance);
        registry.setSlasher(slasherBot);
        vm.prank(slasherBot);
        registry.markFlagged(app);
        vm.prank(slasherBot);
        registry.markDefaulted(app);
    }

    // ---------------------------------------------------------------- yield

    /// @dev The miner pays `amount` of the product's yield token as its yield for today.
    function _payYield(uint256 pid, uint256 amount) internal {
        bool isFil = nft.product(pid).coin == HashrateNFT.Coin.FIL;
        IERC20 token = isFil ? IERC20(address(ifil)) : IERC20(address(wbtc));
        if (isFil) _mintIfil(miner, amount);
        else wbtc.mint(miner, amount);
        vm.startPrank(miner);
        token.approve(address(dist), amount);
        dist.deposit(pid, block.timestamp / 1 days, amount);
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- positions

    function _tok(uint256 pid, uint256 serial) internal pure returns (uint256) {
        return pid * TPP + serial;
    }

    function _offerParams(uint256 principal, uint256 aprBps, uint256 duration)
        internal
        pure
        returns (LoanMarket.OfferParams memory p)
    {
        p.principal = principal;
        p.aprBps = aprBps;
        p.duration = duration;
        p.kind = LoanMarket.Collateral.Nft;
    }

    function _postOffer(address who, LoanMarket.OfferParams memory p) internal returns (uint256 id) {
        vm.prank(who);
        id = loans.postOffer(p);
    }

    /// @dev An offer for NFTs of product `pid` (no term-left requirement).
    function _productOffer(address who, uint256 pid) internal returns (uint256) {
        LoanMarket.OfferParams memory p = _offerParams(PRINCIPAL, APR, DURATION);
        p.productId = pid;
        return _postOffer(who, p);
    }

    /// @dev An offer for any product of `coin` with at least `minHashrate` and `minTermLeft`.
    function _anyOffer(address who, uint8 coin, uint256 minHashrate, uint256 minTermLeft) internal returns (uint256) {
        LoanMarket.OfferParams memory p = _offerParams(PRINCIPAL, APR, DURATION);
        p.coin = coin;
        p.minHashrate = minHashrate;
        p.minTermLeft = minTermLeft;
        return _postOffer(who, p);
    }

    function _ifilOffer(address who, uint256 amount) internal returns (uint256) {
        LoanMarket.OfferParams memory p = _offerParams(PRINCIPAL, APR, DURATION);
        p.kind = LoanMarket.Collateral.Ifil;
        p.collateralAmount = amount;
        return _postOffer(who, p);
    }

    /// @dev The terms a taker sees on position `id` (an open offer or request).
    function _terms(uint256 id) internal view returns (LoanMarket.Terms memory) {
        LoanMarket.Position memory pos = loans.position(id);
        return LoanMarket.Terms(pos.principal, pos.aprBps, pos.duration, pos.collateral);
    }

    function _accept(address who, uint256 id, uint256 tokenId) internal {
        LoanMarket.Terms memory t = _terms(id);
        vm.prank(who);
        loans.acceptOffer(id, tokenId, t);
    }

    function _request(address who, LoanMarket.Collateral kind, uint256 collateral) internal returns (uint256 id) {
        vm.prank(who);
        id = loans.postRequest(PRINCIPAL, APR, DURATION, kind, collateral);
    }

    function _fund(address who, uint256 id) internal {
        LoanMarket.Terms memory t = _terms(id);
        vm.prank(who);
        loans.fundRequest(id, t);
    }

    /// @dev `lender` offers for product `filPid` and `borrower` accepts with `tokenId`: an active NFT loan.
    function _nftLoan(uint256 tokenId) internal returns (uint256 id) {
        id = _productOffer(lender, nft.productIdOf(tokenId));
        _accept(borrower, id, tokenId);
    }

    /// @dev `lender` offers against IFIL_AMOUNT IFIL and `borrower` accepts: an active IFIL loan.
    function _ifilLoan() internal returns (uint256 id) {
        id = _ifilOffer(lender, IFIL_AMOUNT);
        _accept(borrower, id, 0);
    }

    function _repay(address who, uint256 id) internal {
        vm.prank(who);
        loans.repay(id);
    }

    function _state(uint256 id) internal view returns (LoanMarket.State) {
        return loans.position(id).state;
    }

    /// @dev The interest model written independently of the contract: ceil(p * apr * max(t, min) / (BPS * YEAR)).
    function _expectedInterest(uint256 principal, uint256 aprBps, uint256 duration, uint256 elapsed)
        internal
        pure
        returns (uint256)
    {
        uint256 minPeriod = duration < 7 days ? duration : 7 days;
        uint256 t = elapsed > minPeriod ? elapsed : minPeriod;
        uint256 num = principal * aprBps * t;
        uint256 den = 10_000 * 365 days;
        uint256 q = num / den;
        return num % den == 0 ? q : q + 1;
    }

    function _ids1(uint256 a) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](1);
        ids[0] = a;
    }

    function _ids2(uint256 a, uint256 b) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](2);
        ids[0] = a;
        ids[1] = b;
    }
}
