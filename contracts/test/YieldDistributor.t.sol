// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {YieldFixture} from "./utils/YieldFixture.sol";
import {HashrateNFT} from "../src/HashrateNFT.sol";
import {YieldDistributor} from "../src/YieldDistributor.sol";
import {HookToken, ITokenReceiveHook} from "./mocks/HookToken.sol";
import {ReentrantToken, IMarketplaceTarget} from "./mocks/ReentrantToken.sol";
import {MockWBTC} from "../mocks/MockWBTC.sol";
import {FeeOnTransferToken} from "./mocks/FeeOnTransferToken.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20Errors, IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @notice A holder contract whose token-receive hook re-enters {YieldDistributor.claim} (or deposit) and records
/// how the inner call ended, without reverting the outer transfer.
contract ReentrantClaimer is ITokenReceiveHook {
    YieldDistributor public immutable dist;
    uint256[] public ids;
    bool public reenterDeposit;
    uint256 public depositProduct;
    bool public attempted;
    bool public reentrySucceeded;
    bytes public reentryRevertData;

    constructor(YieldDistributor dist_) {
        dist = dist_;
    }

    function setIds(uint256[] calldata ids_) external {
        ids = ids_;
    }

    function setReenterDeposit(uint256 productId) external {
        reenterDeposit = true;
        depositProduct = productId;
    }

    function claim() external {
        dist.claim(ids);
    }

    function onTokenReceived(address, uint256) external {
        if (attempted) return;
        attempted = true;
        if (reenterDeposit) {
            try dist.deposit(depositProduct, block.timestamp / 1 days, 1) {
                reentrySucceeded = true;
            } catch (bytes memory reason) {
                reentryRevertData = reason;
            }
        } else {
            try dist.claim(ids) {
                reentrySucceeded = true;
            } catch (bytes memory reason) {
                reentryRevertData = reason;
            }
        }
    }
}

/// @notice Unit tests of YieldDistributor: every custom error, deposits (day window, minting rule, remainder carried),
/// claims (ownership, batching, one transfer, skipped zeros, repeated ids), unclaimed yield following the NFT,
/// token rescue, and reentrancy through hook tokens.
contract YieldDistributorTest is YieldFixture {
    uint256 internal pid; // 100 FIL NFTs of 1 TiB, all minted
    uint256 internal t1;
    uint256 internal t2;
    uint256 internal t3;

    function setUp() public override {
        super.setUp();
        pid = _filProduct(100);
        t1 = _tokenOf(pid, 1);
        t2 = _tokenOf(pid, 2);
        t3 = _tokenOf(pid, 3);
        vm.startPrank(miner);
        nft.transferFromFirstSale(miner, alice, t1, stubEscrow, 1);
        nft.transferFromFirstSale(miner, alice, t2, stubEscrow, 1);
        nft.transferFromFirstSale(miner, bob, t3, stubEscrow, 1);
        vm.stopPrank();
    }

    // ================================================================ constructor

    function test_Constructor_SetsStateAndRoles() public view {
        vm.assertEq(address(dist.nft()), address(nft), "nft");
        vm.assertEq(address(dist.filToken()), address(ifil), "fil token");
        vm.assertEq(address(dist.btcToken()), address(wbtc), "btc token");
        vm.assertEq(address(dist.yieldToken(0)), address(ifil), "FIL -> IFIL");
        vm.assertEq(address(dist.yieldToken(1)), address(wbtc), "BTC -> WBTC");
        vm.assertEq(dist.SCALE(), 1e27, "scale");
        vm.assertTrue(dist.hasRole(dist.DEFAULT_ADMIN_ROLE(), admin), "admin");
        vm.assertFalse(dist.hasRole(dist.DEFAULT_ADMIN_ROLE(), address(this)), "deployer has no role");
    }

    function test_Constructor_RevertsOnInvalidAddresses() public {
        IERC20 f = IERC20(address(ifil));
        IERC20 b = IERC20(address(wbtc));
        bytes memory err = abi.encodeWithSelector(YieldDistributor.YieldDistributorInvalidAddress.selector);
        vm.expectRevert(err);
        new YieldDistributor(address(0), nft, f, b);
        vm.expectRevert(err);
        new YieldDistributor(admin, HashrateNFT(address(0)), f, b);
        vm.expectRevert(err);
        new YieldDistributor(admin, nft, IERC20(address(0)), b);
        vm.expectRevert(err);
        new YieldDistributor(admin, nft, f, IERC20(address(0)));
        vm.expectRevert(err);
        new YieldDistributor(admin, nft, f, f);
    }

    // ================================================================ deposit

    function test_Deposit_CreditsEveryNftProRata() public {
        _fund(miner, HashrateNFT.Coin.FIL, 1e18);
        vm.expectEmit(true, true, true, true, address(ifil));
        emit IERC20.Transfer(miner, address(dist), 1e18);
        vm.expectEmit(true, true, true, true, address(dist));
        emit YieldDistributor.YieldDeposited(pid, today, miner, 1e18);
        vm.prank(miner);
        dist.deposit(pid, today, 1e18);

        vm.assertEq(ifil.balanceOf(miner), 0, "miner paid");
        vm.assertEq(ifil.balanceOf(address(dist)), 1e18, "distributor holds");
        vm.assertEq(dist.depositedOn(pid, today), 1e18, "depositedOn");
        vm.assertEq(dist.depositedOn(pid, today - 1), 0, "other day");
        vm.assertEq(dist.lastDepositDay(pid), today, "last day");
        vm.assertEq(dist.totalDeposited(pid), 1e18, "total");
        vm.assertEq(dist.totalClaimed(pid), 0, "nothing claimed");
        // 100 NFTs x 1000 thousandths = 100,000 units: 1e18 * 1e27 / 1e5.
        vm.assertEq(dist.accPerUnit(pid), 1e40, "accumulator");
        vm.assertEq(dist.remainderOf(pid), 0, "no remainder");
        vm.assertEq(dist.claimable(t1), 1e16, "1/100 each");
        vm.assertEq(dist.claimable(_tokenOf(pid, 100)), 1e16, "the miner's unsold NFT earns too");
        vm.assertEq(dist.claimable(_tokenOf(pid, 101)), 0, "no such serial");
        vm.assertEq(dist.claimable(_tokenOf(pid, 0)), 0, "serial 0");
        (uint256 total, uint256[] memory amounts) = dist.claimableOf(_ids2(t1, t3));
        vm.assertEq(total, 2e16, "claimableOf total");
        vm.assertEq(amounts[1], 1e16, "claimableOf item");
    }

    function test_Deposit_AnyoneMayPayAndDaysAddUp() public {
        _deposit(pid, HashrateNFT.Coin.FIL, today, 3e18);
        _fund(bob, HashrateNFT.Coin.FIL, 2e18);
        vm.prank(bob);
        dist.deposit(pid, today, 2e18);
        vm.assertEq(dist.depositedOn(pid, today), 5e18, "same day adds up");
        vm.assertEq(dist.totalDeposited(pid), 5e18, "total");
        vm.assertEq(dist.claimable(t1), 5e16, "credited");
    }

    function test_Deposit_LateDayAllowedAndLastDayIsTheLatest() public {
        vm.warp(block.timestamp + 5 days);
        _deposit(pid, HashrateNFT.Coin.FIL, today + 5, 1e18);
        _deposit(pid, HashrateNFT.Coin.FIL, today + 1, 1e18); // a late payment for an earlier day
        vm.assertEq(dist.lastDepositDay(pid), today + 5, "latest day, not the last call");
        vm.assertEq(dist.depositedOn(pid, today + 1), 1e18, "late day recorded");
    }

    function test_Deposit_DayWindowBoundaries() public {
        // The term started mid-day T0: first day = today; last day = (T0 + 540 days) / 1 days - 1 = today + 539.
        _fund(miner, HashrateNFT.Coin.FIL, 10e18);
        vm.startPrank(miner);
        dist.deposit(pid, today, 1); // first day, also today
        vm.expectRevert(abi.encodeWithSelector(YieldDistributor.YieldDistributorInvalidDay.selector, pid, today - 1, today, today));
        dist.deposit(pid, today - 1, 1);
        vm.expectRevert(abi.encodeWithSelector(YieldDistributor.YieldDistributorInvalidDay.selector, pid, today + 1, today, today));
        dist.deposit(pid, today + 1, 1);

        vm.warp(block.timestamp + 600 days);
        uint256 last = today + 539;
        dist.deposit(pid, last, 1); // after the term, the last day may still be paid
        vm.expectRevert(abi.encodeWithSelector(YieldDistributor.YieldDistributorInvalidDay.selector, pid, last + 1, today, last));
        dist.deposit(pid, last + 1, 1);
        vm.stopPrank();
    }

    function test_Deposit_RevertsOnZeroOrHugeAmount() public {
        vm.expectRevert(abi.encodeWithSelector(YieldDistributor.YieldDistributorInvalidAmount.selector));
        dist.deposit(pid, today, 0);
        uint256 huge = uint256(type(uint128).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(YieldDistributor.YieldDistributorInvalidAmount.selector));
        dist.deposit(pid, today, huge);
    }

    function test_Deposit_RevertsForUnknownProduct() public {
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTUnknownProduct.selector, 99));
        dist.deposit(99, today, 1);
    }

    function test_Deposit_RevertsWhileMintingOpen() public {
        uint256 halfMinted = _product(HashrateNFT.Coin.FIL, 10, 1000, 4, 30);
        _fund(miner, HashrateNFT.Coin.FIL, 1);
        vm.expectRevert(abi.encodeWithSelector(YieldDistributor.YieldDistributorMintingOpen.selector, halfMinted, 4, 10));
        vm.prank(miner);
        dist.deposit(halfMinted, today, 1);
        uint256 none = _product(HashrateNFT.Coin.FIL, 10, 1000, 0, 30);
        vm.expectRevert(abi.encodeWithSelector(YieldDistributor.YieldDistributorMintingOpen.selector, none, 0, 10));
        vm.prank(miner);
        dist.deposit(none, today, 1);

        // Once the rest is minted, deposits are accepted and every NFT earns.
        vm.prank(admin);
        nft.mint(halfMinted, 6);
        vm.prank(miner);
        dist.deposit(halfMinted, today, 1);
        vm.assertEq(dist.totalDeposited(halfMinted), 1, "accepted");
    }

    function test_Deposit_RevertsWithoutAllowanceOrBalance() public {
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(dist), 0, 5));
        vm.prank(alice);
        dist.deposit(pid, today, 5);
        vm.prank(alice);
        ifil.approve(address(dist), 5);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 0, 5));
        vm.prank(alice);
        dist.deposit(pid, today, 5);
        vm.assertEq(dist.totalDeposited(pid), 0, "nothing recorded");
    }

    function test_Deposit_RemainderCarriedForward() public {
        uint256 p3 = _filProduct(3); // 3,000 units
        _deposit(p3, HashrateNFT.Coin.FIL, today, 10);
        // 10e27 / 3000 = 3,333,333,333,333,333,333,333,333 rest 1000.
        vm.assertEq(dist.accPerUnit(p3), 3_333_333_333_333_333_333_333_333, "acc");
        vm.assertEq(dist.remainderOf(p3), 1000, "remainder");
        vm.assertEq(dist.claimable(_tokenOf(p3, 1)), 3, "3 each, 1 wei of dust");
        _deposit(p3, HashrateNFT.Coin.FIL, today, 2);
        // (2e27 + 1000) / 3000 = 666,666,666,666,666,666,666,667 exactly.
        vm.assertEq(dist.accPerUnit(p3), 4e24, "acc");
        vm.assertEq(dist.remainderOf(p3), 0, "remainder used up");
        for (uint256 s = 1; s <= 3; ++s) {
            vm.assertEq(dist.claimable(_tokenOf(p3, s)), 4, "12 / 3: no dust left");
        }
    }

    function test_Deposit_BtcProductPaysInWbtc() public {
        uint256 btc = _product(HashrateNFT.Coin.BTC, 4, 500, 4, 90); // 4 x 0.5 TH/s
        _deposit(btc, HashrateNFT.Coin.BTC, today, 1e8);
        vm.assertEq(wbtc.balanceOf(address(dist)), 1e8, "wbtc held");
        vm.assertEq(ifil.balanceOf(address(dist)), 0, "no ifil");
        uint256 tok = _tokenOf(btc, 2);
        vm.prank(miner);
        dist.claim(_ids1(tok));
        vm.assertEq(wbtc.balanceOf(miner), 0.25e8, "a quarter");
    }

    // ================================================================ claim

    function test_Claim_PaysSumInOneTransferWithEventPerToken() public {
        _deposit(pid, HashrateNFT.Coin.FIL, today, 1e18);
        vm.expectEmit(true, true, true, true, address(dist));
        emit YieldDistributor.YieldClaimed(t1, alice, 1e16);
        vm.expectEmit(true, true, true, true, address(dist));
        emit YieldDistributor.YieldClaimed(t2, alice, 1e16);
        vm.expectEmit(true, true, true, true, address(ifil));
        emit IERC20.Transfer(address(dist), alice, 2e16);
        vm.prank(alice);
        dist.claim(_ids2(t1, t2));
        vm.assertEq(ifil.balanceOf(alice), 2e16, "alice paid");
        vm.assertEq(ifil.balanceOf(address(dist)), 1e18 - 2e16, "rest held");
        vm.assertEq(dist.totalClaimed(pid), 2e16, "total claimed");
        vm.assertEq(dist.claimedOf(t1), 1e16, "claimedOf");
        vm.assertEq(dist.claimable(t1), 0, "nothing left");

        // Later deposits are claimable again.
        vm.warp(block.timestamp + 1 days);
        _deposit(pid, HashrateNFT.Coin.FIL, today + 1, 2e18);
        vm.assertEq(dist.claimable(t1), 2e16, "new yield");
        vm.prank(alice);
        dist.claim(_ids1(t1));
        vm.assertEq(ifil.balanceOf(alice), 4e16, "paid again");
        vm.assertEq(dist.claimedOf(t1), 3e16, "claimed in total");
        // each claim took value out of t1: its claim nonce moved twice (a listing's buyer would see it)
        vm.assertEq(nft.claimNonce(t1), 2, "t1 claimed twice");
        vm.assertEq(nft.claimNonce(t2), 1, "t2 claimed once");
    }

    function test_Claim_RepeatedIdPaysOnce() public {
        _deposit(pid, HashrateNFT.Coin.FIL, today, 1e18);
        uint256[] memory ids = new uint256[](3);
        ids[0] = t1;
        ids[1] = t1;
        ids[2] = t2;
        vm.recordLogs();
        vm.prank(alice);
        dist.claim(ids);
        vm.assertEq(vm.getRecordedLogs().length, 3, "two YieldClaimed, one Transfer");
        vm.assertEq(ifil.balanceOf(alice), 2e16, "t1 once, t2 once");
    }

    function test_Claim_SkipsZeroTokensAndProductsWithoutDeposits() public {
        uint256 other = _filProduct(5); // no deposit ever
        uint256 otherToken = _tokenOf(other, 1);
        vm.prank(miner);
        nft.transferFromFirstSale(miner, alice, otherToken, stubEscrow, 1);
        _deposit(pid, HashrateNFT.Coin.FIL, today, 1e18);
        vm.prank(alice);
        dist.claim(_ids1(t1));
        vm.warp(block.timestamp + 1 days);
        _deposit(pid, HashrateNFT.Coin.FIL, today + 1, 1e18);
        vm.prank(alice);
        dist.claim(_ids2(t2, otherToken)); // t2 has 2e16; otherToken nothing
        vm.assertEq(ifil.balanceOf(alice), 3e16, "t1 1e16 + t2 2e16");
        vm.assertEq(dist.claimable(otherToken), 0, "no deposit, nothing");
    }

    function test_Claim_RevertsWhenNothingToClaim() public {
        bytes memory err = abi.encodeWithSelector(YieldDistributor.YieldDistributorNothingToClaim.selector);
        vm.expectRevert(err);
        vm.prank(alice);
        dist.claim(new uint256[](0));
        vm.expectRevert(err);
        vm.prank(alice);
        dist.claim(_ids1(t1)); // no deposit yet
        _deposit(pid, HashrateNFT.Coin.FIL, today, 1e18);
        vm.prank(alice);
        dist.claim(_ids1(t1));
        vm.expectRevert(err);
        vm.prank(alice);
        dist.claim(_ids1(t1)); // already claimed
    }

    function test_Claim_RevertsForNonOwner() public {
        _deposit(pid, HashrateNFT.Coin.FIL, today, 1e18);
        vm.expectRevert(abi.encodeWithSelector(YieldDistributor.YieldDistributorNotTokenOwner.selector, t3, alice, bob));
        vm.prank(alice);
        dist.claim(_ids2(t1, t3));
        vm.assertEq(dist.claimable(t1), 1e16, "all or nothing");
    }

    function test_Claim_RevertsForNonexistentToken() public {
        uint256 ghost = _tokenOf(pid, 101);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, ghost));
        vm.prank(alice);
        dist.claim(_ids1(ghost));
    }

    function test_Claim_RevertsOnMixedYieldTokens() public {
        uint256 btc = _product(HashrateNFT.Coin.BTC, 2, 1000, 2, 90);
        uint256 btcToken = _tokenOf(btc, 1);
        vm.prank(miner);
        nft.transferFromFirstSale(miner, alice, btcToken, stubEscrow, 1);
        _deposit(pid, HashrateNFT.Coin.FIL, today, 1e18);
        _deposit(btc, HashrateNFT.Coin.BTC, today, 1e8);
        vm.expectRevert(abi.encodeWithSelector(YieldDistributor.YieldDistributorMixedYieldTokens.selector, btcToken));
        vm.prank(alice);
        dist.claim(_ids2(t1, btcToken));
        // Two FIL products together are fine.
        uint256 fil2 = _filProduct(2);
        uint256 fil2Token = _tokenOf(fil2, 1);
        vm.prank(miner);
        nft.transferFromFirstSale(miner, alice, fil2Token, stubEscrow, 1);
        _deposit(fil2, HashrateNFT.Coin.FIL, today, 1e18);
        vm.prank(alice);
        dist.claim(_ids2(t1, fil2Token));
        vm.assertEq(ifil.balanceOf(alice), 1e16 + 5e17, "both FIL products");
        vm.assertEq(dist.totalClaimed(pid), 1e16, "first product");
        vm.assertEq(dist.totalClaimed(fil2), 5e17, "second product");
    }

    // ================================================================ unclaimed yield follows the NFT

    function test_Transfer_UnclaimedYieldGoesToTheNewHolder() public {
        _deposit(pid, HashrateNFT.Coin.FIL, today, 1e18);
        vm.prank(alice);
        nft.transferFrom(alice, bob, t1);
        vm.assertEq(dist.claimable(t1), 1e16, "still with the NFT");
        vm.expectRevert(abi.encodeWithSelector(YieldDistributor.YieldDistributorNotTokenOwner.selector, t1, alice, bob));
        vm.prank(alice);
        dist.claim(_ids1(t1));
        vm.prank(bob);
        dist.claim(_ids2(t1, t3));
        vm.assertEq(ifil.balanceOf(bob), 2e16, "bob gets t1's earlier yield too");
        vm.assertEq(ifil.balanceOf(alice), 0, "alice sold it unclaimed");
    }

    function test_Transfer_ClaimBeforeSellingKeepsIt() public {
        _deposit(pid, HashrateNFT.Coin.FIL, today, 1e18);
        vm.startPrank(alice);
        dist.claim(_ids1(t1));
        nft.transferFrom(alice, bob, t1);
        vm.stopPrank();
        vm.warp(block.timestamp + 1 days);
        _deposit(pid, HashrateNFT.Coin.FIL, today + 1, 1e18);
        vm.prank(bob);
        dist.claim(_ids1(t1));
        vm.assertEq(ifil.balanceOf(alice), 1e16, "alice kept day 1");
        vm.assertEq(ifil.balanceOf(bob), 1e16, "bob gets day 2");
    }

    // ================================================================ recoverToken

    function test_RecoverToken() public {
        MockWBTC stray = new MockWBTC();
        stray.mint(address(dist), 77);
        vm.expectEmit(true, true, true, true, address(dist));
        emit YieldDistributor.TokenRecovered(address(stray), bob, 77);
        vm.prank(admin);
        dist.recoverToken(IERC20(address(stray)), bob, 77);
        vm.assertEq(stray.balanceOf(bob), 77, "recovered");
    }

    function test_RecoverToken_Reverts() public {
        bytes32 role = dist.DEFAULT_ADMIN_ROLE();
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, role));
        vm.prank(alice);
        dist.recoverToken(IERC20(address(wbtc)), alice, 1);
        vm.startPrank(admin);
        vm.expectRevert(abi.encodeWithSelector(YieldDistributor.YieldDistributorYieldToken.selector, address(ifil)));
        dist.recoverToken(IERC20(address(ifil)), admin, 1);
        vm.expectRevert(abi.encodeWithSelector(YieldDistributor.YieldDistributorYieldToken.selector, address(wbtc)));
        dist.recoverToken(IERC20(address(wbtc)), admin, 1);
        MockWBTC stray = new MockWBTC();
        vm.expectRevert(abi.encodeWithSelector(YieldDistributor.YieldDistributorInvalidAddress.selector));
        dist.recoverToken(IERC20(address(stray)), address(0), 1);
        vm.stopPrank();
    }

    // ================================================================ reentrancy

    /// @dev The holder's receive hook re-enters claim while being paid: the guard refuses it, the outer claim
    /// pays once, and a later claim has nothing left (no double claim).
    function test_Reentrancy_HookTokenCannotDoubleClaim() public {
        (YieldDistributor hd, HookToken hook, uint256 hp) = _hookSetup();
        ReentrantClaimer attacker = new ReentrantClaimer(hd);
        uint256 tok = _tokenOf(hp, 1);
        vm.prank(miner);
        nft.transferFromFirstSale(miner, address(attacker), tok, stubEscrow, 1);
        attacker.setIds(_ids1(tok));
        hook.setHooked(address(attacker), true);
        hook.mint(miner, 1e6);
        vm.startPrank(miner);
        hook.approve(address(hd), type(uint256).max);
        hd.deposit(hp, today, 1e6);
        vm.stopPrank();

        attacker.claim();
        vm.assertTrue(attacker.attempted(), "re-entry attempted");
        vm.assertFalse(attacker.reentrySucceeded(), "re-entry refused");
        vm.assertEq(
            attacker.reentryRevertData(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector),
            "by the guard"
        );
        vm.assertEq(hook.balanceOf(address(attacker)), 5e5, "paid once: half of 2 NFTs");
        vm.assertEq(hd.totalClaimed(hp), 5e5, "claimed once");
        vm.expectRevert(abi.encodeWithSelector(YieldDistributor.YieldDistributorNothingToClaim.selector));
        attacker.claim();
    }

    /// @dev Re-entering deposit from a claim payout is refused too.
    function test_Reentrancy_HookCannotDepositDuringClaim() public {
        (YieldDistributor hd, HookToken hook, uint256 hp) = _hookSetup();
        ReentrantClaimer attacker = new ReentrantClaimer(hd);
        uint256 tok = _tokenOf(hp, 1);
        vm.prank(miner);
        nft.transferFromFirstSale(miner, address(attacker), tok, stubEscrow, 1);
        attacker.setIds(_ids1(tok));
        attacker.setReenterDeposit(hp);
        hook.setHooked(address(attacker), true);
        hook.mint(miner, 1e6);
        vm.startPrank(miner);
        hook.approve(address(hd), type(uint256).max);
        hd.deposit(hp, today, 1e6);
        vm.stopPrank();
        attacker.claim();
        vm.assertFalse(attacker.reentrySucceeded(), "refused");
        vm.assertEq(hd.totalDeposited(hp), 1e6, "no inner deposit");
    }

    /// @dev A token that re-enters claim while deposit pulls it: refused by the guard, the deposit still lands.
    function test_Reentrancy_TokenReentersClaimDuringDeposit() public {
        ReentrantToken rt = new ReentrantToken();
        YieldDistributor rd = new YieldDistributor(admin, nft, IERC20(address(rt)), IERC20(address(wbtc)));
        rt.mint(miner, 2e6);
        vm.prank(miner);
        rt.approve(address(rd), type(uint256).max);
        vm.prank(miner);
        rd.deposit(pid, today, 1e6);
        rt.armCall(IMarketplaceTarget(address(rd)), abi.encodeCall(YieldDistributor.claim, (_ids1(t1))));
        vm.prank(miner);
        rd.deposit(pid, today, 1e6);
        vm.assertTrue(rt.attempted(), "attempted");
        vm.assertFalse(rt.reentrySucceeded(), "refused");
        vm.assertEq(
            rt.reentryRevertData(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector),
            "by the guard"
        );
        vm.assertEq(rd.totalDeposited(pid), 2e6, "both deposits");
        vm.assertEq(rd.totalClaimed(pid), 0, "nothing claimed");
    }

    // ================================================================ fee-on-transfer yield token

    /// @dev Finding 9: a yield token that takes a fee would book the whole deposit for the holders while the
    /// distributor receives less, so the last claims could not be paid. deposit refuses the short pull, also when
    /// the fee is switched on after earlier deposits went through.
    function test_Deposit_RefusesFeeOnTransferToken() public {
        FeeOnTransferToken f = new FeeOnTransferToken(18, 0);
        YieldDistributor fd = new YieldDistributor(admin, nft, IERC20(address(f)), IERC20(address(wbtc)));
        f.mint(miner, 10e18);
        vm.prank(miner);
        f.approve(address(fd), type(uint256).max);
        vm.prank(miner);
        fd.deposit(pid, today, 1e18); // no fee yet: accepted

        f.setFeeBps(100);
        vm.expectRevert(
            abi.encodeWithSelector(
                YieldDistributor.YieldDistributorTransferShort.selector,
                address(f),
                2e18,
                f.received(2e18)
            )
        );
        vm.prank(miner);
        fd.deposit(pid, today, 2e18);
        vm.assertEq(fd.totalDeposited(pid), 1e18, "only the full deposit booked");
        vm.assertEq(f.balanceOf(address(fd)), 1e18, "books match the balance");
    }

    /// @dev A distributor whose FIL yield token is a {HookToken}, and a 2-NFT FIL product.
    function _hookSetup() internal returns (YieldDistributor hd, HookToken hook, uint256 hp) {
        hook = new HookToken();
        hd = new YieldDistributor(admin, nft, IERC20(address(hook)), IERC20(address(wbtc)));
        bytes32 claimsRole = nft.CLAIMS_ROLE();
        vm.prank(admin);
        nft.grantRole(claimsRole, address(hd));
        hp = _filProduct(2);
    }
}
