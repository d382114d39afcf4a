// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {MiningFixture} from "./utils/MiningFixture.sol";
import {DMCMining, IMiningNft, IMiningEscrow, IMiningYield} from "../src/DMCMining.sol";
import {HashrateNFT} from "../src/HashrateNFT.sol";
import {DMC} from "../src/DMC.sol";
import {HookToken, ITokenReceiveHook} from "./mocks/HookToken.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @notice A staker whose hook token calls back into the mining contract on every transfer it receives.
contract ReentrantStaker is ITokenReceiveHook {
    DMCMining internal immutable mining;
    uint256 internal immutable pid;
    bytes public lastError;
    uint256 public attempts;

    constructor(DMCMining mining_, uint256 pid_) {
        mining = mining_;
        pid = pid_;
    }

    function approve(IERC20 token) external {
        token.approve(address(mining), type(uint256).max);
    }

    function stake(uint256 amount) external {
        mining.stake(pid, amount);
    }

    function unstake(uint256 amount) external {
        mining.unstake(pid, amount);
    }

    /// @dev On the unstake's transfer, tries to unstake again (a second withdrawal of the same stake).
    function onTokenReceived(address, uint256 value) external {
        ++attempts;
        try mining.unstake(pid, value) {}
        catch (bytes memory err) {
            lastError = err;
        }
    }
}

/// @notice A contract staker whose ERC-721 receiver re-enters the mining contract, or refuses NFTs outright.
contract HostileNftStaker {
    DMCMining internal immutable mining;
    HashrateNFT internal immutable nft;
    bool public refuse;
    uint256 public hookCalls;

    constructor(DMCMining mining_, HashrateNFT nft_) {
        mining = mining_;
        nft = nft_;
    }

    function setRefuse(bool value) external {
        refuse = value;
    }

    function stake(uint256 tokenId) external {
        nft.setApprovalForAll(address(mining), true);
        uint256[] memory ids = new uint256[](1);
        ids[0] = tokenId;
        mining.stakeNft(ids);
    }

    function unstake(uint256 tokenId) external {
        uint256[] memory ids = new uint256[](1);
        ids[0] = tokenId;
        mining.unstakeNft(ids);
    }

    /// @dev Would take the NFT out a second time, or refuse it; the mining contract never calls it.
    function onERC721Received(address, address, uint256 tokenId, bytes calldata) external returns (bytes4) {
        ++hookCalls;
        if (refuse) revert("refused");
        uint256[] memory ids = new uint256[](1);
        ids[0] = tokenId;
        mining.unstakeNft(ids);
        return this.onERC721Received.selector;
    }
}

/// @notice The emission schedule, the split, every pool kind and every revert of DMCMining, with the attacks on its
/// rules: a second wallet unstaking someone else's NFT, a miner staking NFTs it never sold, a product that stopped
/// paying still mining, a re-entrant token, a governance change erasing what was earned.
contract DMCMiningTest is MiningFixture {
    // ---------------------------------------------------------------- emission

    function test_EmissionFollowsTheWhitepaper() public view {
        vm.assertEq(mining.emittedAt(START), 0, "nothing at the start");
        vm.assertEq(mining.emittedAt(START - 100), 0, "nothing before");
        vm.assertEq(mining.emittedAt(START + 3), 5e18, "5 DMC per 3-second block");
        vm.assertEq(mining.emittedAt(START + 1), uint256(5e18) / 3, "per second");
        vm.assertEq(mining.emittedAt(START + HALF_YEAR), 26_280_000e18, "first half-year");
        vm.assertEq(mining.emittedAt(START + HALF_YEAR + 6), 26_280_000e18 + 5e18, "halved: 2.5 DMC per block");
        vm.assertEq(mining.emittedAt(START + 2 * HALF_YEAR), 39_420_000e18, "second half-year");
        vm.assertEq(mining.emittedAt(START + 4 * HALF_YEAR), 49_275_000e18, "fourth half-year");
        vm.assertEq(mining.emittedAt(START + 5 * HALF_YEAR), 50_000_000e18, "capped: the series would be 50.9M");
        vm.assertEq(mining.emittedAt(START + 100 * HALF_YEAR), 50_000_000e18, "stays at the cap");
    }

    function test_CapIsReachedExactlyOnce() public view {
        uint256 at = mining.capReachedAt();
        vm.assertEq(mining.emittedAt(at), mining.CAP(), "cap at capReachedAt");
        vm.assertLt(mining.emittedAt(at - 1), mining.CAP(), "below the cap a second before");
        vm.assertEq(mining.rateAt(at), 0, "no rate after the cap");
        vm.assertGt(mining.rateAt(at - 1), 0, "a rate before");
        // 725,000 DMC left for the fifth half-year at 5/48 DMC a second = 6,960,000 s
        vm.assertEq(at, START + 4 * HALF_YEAR + 6_960_000, "when");
    }

    function test_RateHalvesAndNextHalving() public {
        vm.assertEq(mining.rateAt(START), uint256(5e18) / 3, "first rate");
        vm.assertEq(mining.rateAt(START + HALF_YEAR), uint256(5e18) / 6, "halved");
        vm.assertEq(mining.nextHalving(), START + HALF_YEAR, "before the start");
        vm.warp(START + HALF_YEAR + 10);
        vm.assertEq(mining.nextHalving(), START + 2 * HALF_YEAR, "second halving");
        vm.warp(START + 6 * HALF_YEAR);
        vm.assertEq(mining.nextHalving(), 0, "none after the cap");
    }

    function testFuzz_EmittedMatchesReference(uint256 t) public view {
        t = bound(t, 0, START + 12 * HALF_YEAR);
        vm.assertEq(mining.emittedAt(t), _refEmitted(t), "emitted");
        vm.assertLe(mining.emittedAt(t), mining.CAP(), "cap");
        if (t > 0) vm.assertLe(mining.emittedAt(t - 1), mining.emittedAt(t), "monotonic");
    }

    // ---------------------------------------------------------------- start

    function test_SetStartOnceBeforeItStarts() public {
        vm.prank(admin);
        mining.setStart(START + 1 days);
        vm.assertEq(mining.start(), START + 1 days, "moved before it started");
        vm.warp(START + 1 days);
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(DMCMining.DMCMiningAlreadyStarted.selector, START + 1 days));
        mining.setStart(START + 2 days);
    }

    function test_RevertWhen_StartInThePastOrNotAdmin() public {
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(DMCMining.DMCMiningInvalidStart.selector, block.timestamp - 1, block.timestamp));
        mining.setStart(block.timestamp - 1);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, bytes32(0))
        );
        mining.setStart(START + 1);
    }

    function test_NothingAccruesWithoutAStart() public {
        DMCMining unstarted = new DMCMining(
            admin,
            IERC20(address(dmc)),
            IMiningNft(address(nft)),
            IMiningEscrow(address(halts)),
            IMiningYield(address(dist)),
            IERC20(address(ifil)),
            IERC20(address(wbtc)),
            1_000_000,
            0,
            [uint16(3000), uint16(6000), uint16(1000)]
        );
        vm.assertEq(unstarted.start(), 0, "no start");
        vm.warp(block.timestamp + 400 days);
        vm.assertEq(unstarted.emittedAt(block.timestamp), 0, "nothing emitted");
        vm.assertEq(unstarted.nextHalving(), 0, "no halving");
    }

    function test_RevertWhen_ConstructorSplitOrAddressInvalid() public {
        vm.expectRevert(abi.encodeWithSelector(DMCMining.DMCMiningInvalidSplit.selector, 9999));
        new DMCMining(
            admin,
            IERC20(address(dmc)),
            IMiningNft(address(nft)),
            IMiningEscrow(address(halts)),
            IMiningYield(address(dist)),
            IERC20(address(ifil)),
            IERC20(address(wbtc)),
            1_000_000,
            0,
            [uint16(3000), uint16(6000), uint16(999)]
        );
        vm.expectRevert(DMCMining.DMCMiningInvalidAddress.selector);
        new DMCMining(
            address(0),
            IERC20(address(dmc)),
            IMiningNft(address(nft)),
            IMiningEscrow(address(halts)),
            IMiningYield(address(dist)),
            IERC20(address(ifil)),
            IERC20(address(wbtc)),
            1_000_000,
            0,
            [uint16(3000), uint16(6000), uint16(1000)]
        );
    }

    // ---------------------------------------------------------------- pools and split

    function test_DefaultSharesAreTheWhitepapersSplit() public view {
        vm.assertEq(mining.pool(0).share, 300_000, "NFT pool: behaviour 30%");
        vm.assertEq(mining.pool(LP_POOL).share, 600_000, "LP: liquidity 60%");
        vm.assertEq(mining.pool(DMC_POOL).share, 50_000, "DMC: half of staking 10%");
        vm.assertEq(mining.pool(USDT_POOL).share, 50_000, "USDT: the other half");
        vm.assertTrue(mining.pool(0).isNft, "pool 0 is the NFT pool");
        vm.assertEq(mining.poolCount(), 4, "four pools");
    }

    function test_LoneStakerEarnsThePoolsShareToTheUnit() public {
        _stake(alice, LP_POOL, 1000e18);
        vm.warp(START + 30 days);
        uint256 expected = _refEmitted(START + 30 days) * 600_000 / 1e6;
        uint256 pending = _pending(alice, LP_POOL);
        vm.assertLe(expected - pending, 1, "pending = 60% of the emission, to the unit");
        vm.assertEq(_claim(alice, LP_POOL), pending, "claimed what was pending");
        vm.assertEq(_pending(alice, LP_POOL), 0, "nothing left");
    }

    function test_StakersShareProRata() public {
        _stake(alice, DMC_POOL, 100e18);
        _stake(bob, DMC_POOL, 300e18);
        vm.warp(START + 10 days);
        uint256 poolTotal = _refEmitted(START + 10 days) * 50_000 / 1e6;
        uint256 a = _claim(alice, DMC_POOL);
        uint256 b = _claim(bob, DMC_POOL);
        vm.assertLe(poolTotal / 4 - a, 1, "alice a quarter");
        vm.assertLe(poolTotal * 3 / 4 - b, 1, "bob three quarters");
        vm.assertLe(a + b, poolTotal, "never more than the pool's share");
    }

    function test_LateStakerEarnsOnlyFromItsStake() public {
        _stake(alice, USDT_POOL, 500e6);
        vm.warp(START + 1 days);
        _stake(bob, USDT_POOL, 500e6);
        vm.warp(START + 2 days);
        uint256 day1 = _refEmitted(START + 1 days) * 50_000 / 1e6;
        uint256 day2 = (_refEmitted(START + 2 days) - _refEmitted(START + 1 days)) * 50_000 / 1e6;
        vm.assertLe(day1 + day2 / 2 - _pending(alice, USDT_POOL), 2, "alice: day 1 alone, half of day 2");
        vm.assertLe(day2 / 2 - _pending(bob, USDT_POOL), 2, "bob: half of day 2 only");
    }

    function test_SplitChangeKeepsWhatWasEarned() public {
        _stake(alice, LP_POOL, 1e18);
        _stake(bob, DMC_POOL, 1e18);
        vm.warp(START + 5 days);
        uint256 e5 = _refEmitted(START + 5 days);
        uint256 aliceBefore = _pending(alice, LP_POOL);
        vm.prank(admin);
        vm.expectEmit(false, false, false, true, address(mining));
        emit DMCMining.SplitUpdated(3000, 5000, 2000);
        mining.setSplit([uint16(3000), uint16(5000), uint16(2000)]);
        vm.assertEq(_pending(alice, LP_POOL), aliceBefore, "earned under the old split stays");
        vm.assertEq(mining.pool(LP_POOL).share, 500_000, "liquidity now 50%");
        vm.assertEq(mining.pool(DMC_POOL).share, 100_000, "DMC half of 20%");
        vm.warp(START + 6 days);
        uint256 e6 = _refEmitted(START + 6 days);
        vm.assertLe(e5 * 600_000 / 1e6 + (e6 - e5) * 500_000 / 1e6 - _pending(alice, LP_POOL), 2, "then 50%");
        vm.assertLe(e5 * 50_000 / 1e6 + (e6 - e5) * 100_000 / 1e6 - _pending(bob, DMC_POOL), 2, "then 10%");
    }

    function test_RevertWhen_SplitInvalidOrNotAdmin() public {
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(DMCMining.DMCMiningInvalidSplit.selector, 10_001));
        mining.setSplit([uint16(3001), uint16(6000), uint16(1000)]);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, bytes32(0))
        );
        mining.setSplit([uint16(3000), uint16(6000), uint16(1000)]);
    }

    function test_AllocationMovesShareInsideItsProgram() public {
        vm.prank(admin);
        mining.setAlloc(DMC_POOL, 3);
        vm.assertEq(mining.pool(DMC_POOL).share, 75_000, "3 of 4 points of 10%");
        vm.assertEq(mining.pool(USDT_POOL).share, 25_000, "1 of 4");
        vm.assertEq(mining.pool(LP_POOL).share, 600_000, "other programs unchanged");
    }

    function test_RevertWhen_PoolsInvalid() public {
        vm.startPrank(admin);
        vm.expectRevert(DMCMining.DMCMiningInvalidAddress.selector);
        mining.addPool(address(nft), DMCMining.Program.Behaviour, 1);
        vm.expectRevert(abi.encodeWithSelector(DMCMining.DMCMiningUnknownPool.selector, 9));
        mining.setAlloc(9, 1);
        for (uint256 i = 4; i < 16; ++i) {
            mining.addPool(address(lp), DMCMining.Program.Liquidity, 1);
        }
        vm.expectRevert(abi.encodeWithSelector(DMCMining.DMCMiningTooManyPools.selector, 16));
        mining.addPool(address(lp), DMCMining.Program.Liquidity, 1);
        vm.stopPrank();
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(DMCMining.DMCMiningWrongPoolKind.selector, 0));
        mining.stake(0, 1);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(DMCMining.DMCMiningUnknownPool.selector, 99));
        mining.stake(99, 1);
    }

    // ---------------------------------------------------------------- stake / unstake / claim

    function test_UnstakeKeepsOwedAndReturnsTheStake() public {
        _stake(alice, LP_POOL, 10e18);
        vm.warp(START + 1 days);
        uint256 owed = _pending(alice, LP_POOL);
        vm.prank(alice);
        mining.unstake(LP_POOL, 10e18);
        vm.assertEq(lp.balanceOf(alice), 10e18, "stake back");
        vm.assertEq(_pending(alice, LP_POOL), owed, "still owed after leaving");
        vm.warp(START + 2 days);
        vm.assertEq(_pending(alice, LP_POOL), owed, "earns nothing once out");
        vm.assertEq(_claim(alice, LP_POOL), owed, "claims it later");
    }

    function test_RevertWhen_UnstakeMoreThanStakedOrNothing() public {
        _stake(alice, LP_POOL, 10e18);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(DMCMining.DMCMiningInsufficientStake.selector, LP_POOL, 10e18, 10e18 + 1));
        mining.unstake(LP_POOL, 10e18 + 1);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(DMCMining.DMCMiningInsufficientStake.selector, LP_POOL, 0, 1));
        mining.unstake(LP_POOL, 1);
        vm.prank(alice);
        vm.expectRevert(DMCMining.DMCMiningInvalidAmount.selector);
        mining.stake(LP_POOL, 0);
    }

    function test_ClaimManyPoolsInOneTransfer() public {
        _stake(alice, LP_POOL, 1e18);
        _stake(alice, DMC_POOL, 1e18);
        _stake(alice, USDT_POOL, 1e6);
        vm.warp(START + 3 days);
        uint256 sum = _pending(alice, LP_POOL) + _pending(alice, DMC_POOL) + _pending(alice, USDT_POOL);
        uint256[] memory pids = new uint256[](3);
        (pids[0], pids[1], pids[2]) = (LP_POOL, DMC_POOL, USDT_POOL);
        uint256 before = dmc.balanceOf(alice);
        vm.prank(alice);
        mining.claim(pids);
        vm.assertEq(dmc.balanceOf(alice) - before, sum, "one claim, three pools");
        uint256 e = _refEmitted(START + 3 days);
        vm.assertLe(e * 700_000 / 1e6 - sum, 3, "70% of the emission (the NFT pool is empty)");
    }

    function test_RevertWhen_NothingToClaim() public {
        uint256[] memory pids = new uint256[](1);
        pids[0] = LP_POOL;
        vm.prank(alice);
        vm.expectRevert(DMCMining.DMCMiningNothingToClaim.selector);
        mining.claim(pids);
        _stake(alice, LP_POOL, 1e18);
        vm.warp(START + 1 hours);
        vm.prank(alice);
        mining.claim(pids);
        vm.prank(alice);
        vm.expectRevert(DMCMining.DMCMiningNothingToClaim.selector);
        mining.claim(pids); // a second claim in the same block pays nothing
    }

    function test_EmptyPoolTimeIsUnallocatedAndReturnable() public {
        vm.warp(START + 2 days);
        _stake(alice, LP_POOL, 1e18); // the LP pool was empty for two days
        uint256 lost = _refEmitted(START + 2 days);
        vm.assertLe(lost - mining.unallocated(), 4, "two days of every pool's share: all four were empty");
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, bytes32(0))
        );
        mining.returnUnallocated(alice);
        uint256 before = dmc.balanceOf(admin);
        vm.prank(admin);
        mining.returnUnallocated(admin);
        // the three other pools were empty too: all of their share since the start is unallocated
        uint256 e = _refEmitted(START + 2 days);
        vm.assertLe(e - (dmc.balanceOf(admin) - before), 4, "everything nobody mined goes back");
        vm.assertEq(_pending(alice, LP_POOL), 0, "the first staker does not get the empty time");
    }

    // ---------------------------------------------------------------- NFTs

    function test_NftsMineByHashrateNotCount() public {
        uint256[] memory small = _soldNfts(alice, 3, 1000); // 3 x 1 TiB
        uint256[] memory big = _soldNfts(bob, 1, 3000); // 1 x 3 TiB
        vm.prank(alice);
        mining.stakeNft(small);
        vm.prank(bob);
        mining.stakeNft(big);
        (address staker, uint256 weight) = mining.stakedNft(big[0]);
        vm.assertEq(staker, bob, "staker recorded");
        vm.assertEq(weight, 3000, "weight is the hashrate");
        vm.assertEq(nft.ownerOf(big[0]), address(mining), "held by the mining contract");
        vm.warp(START + 7 days);
        vm.assertLe(_pending(alice, 0) > _pending(bob, 0) ? _pending(alice, 0) - _pending(bob, 0) : _pending(bob, 0) - _pending(alice, 0), 2, "3 TiB earn as 3 x 1 TiB");
        uint256 total = _refEmitted(START + 7 days) * 300_000 / 1e6;
        vm.assertLe(total / 2 - _pending(alice, 0), 2, "half each");
    }

    function test_UnstakeNftReturnsItAndKeepsOwed() public {
        uint256[] memory ids = _soldNfts(alice, 2, 1000);
        vm.prank(alice);
        mining.stakeNft(ids);
        vm.warp(START + 1 days);
        uint256 owed = _pending(alice, 0);
        uint256[] memory one = _ids1(ids[0]);
        vm.prank(alice);
        mining.unstakeNft(one);
        vm.assertEq(nft.ownerOf(ids[0]), alice, "back with its owner");
        (uint256 staked,) = mining.positionOf(0, alice);
        vm.assertEq(staked, 1000, "one left");
        vm.assertEq(_pending(alice, 0), owed, "owed unchanged");
        vm.assertEq(_claim(alice, 0), owed, "claimed");
    }

    /// @dev The attacker: a second wallet tries to take someone else's staked NFT out.
    function test_Attack_SecondWalletCannotUnstakeAnothersNft() public {
        uint256[] memory ids = _soldNfts(alice, 1, 1000);
        vm.prank(alice);
        mining.stakeNft(ids);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(DMCMining.DMCMiningNotStaker.selector, ids[0], bob, alice));
        mining.unstakeNft(ids);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(DMCMining.DMCMiningNotStaker.selector, ids[0], bob, alice));
        mining.claimNftYield(ids);
        vm.assertEq(nft.ownerOf(ids[0]), address(mining), "still staked");
    }

    /// @dev The attacker: a miner mints hashrate it never sold and stakes it to farm DMC.
    function test_Attack_MinerCannotStakeUnsoldNfts() public {
        uint256 pid = _product(HashrateNFT.Coin.FIL, 2, 1000, 2, 540);
        vm.prank(miner);
        nft.setApprovalForAll(address(mining), true);
        vm.prank(miner);
        vm.expectRevert(); // the NFT refuses to move a never-sold token outside a sale
        mining.stakeNft(_ids1(_tokenOf(pid, 1)));
        vm.assertEq(nft.ownerOf(_tokenOf(pid, 1)), miner, "not staked");
    }

    /// @dev The attacker: a product that stopped paying keeps mining DMC. It cannot be staked, and anyone evicts it.
    function test_Attack_HaltedProductStopsMining() public {
        uint256[] memory ids = _soldNfts(alice, 1, 1000);
        uint256 productId = ids[0] / 1_000_000;
        vm.prank(alice);
        mining.stakeNft(ids);
        vm.warp(START + 1 days);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(DMCMining.DMCMiningProductNotHalted.selector, ids[0]));
        mining.evict(ids);
        halts.setHalted(productId, true);
        uint256 owed = _pending(alice, 0);
        vm.prank(bob);
        mining.evict(ids);
        vm.assertEq(nft.ownerOf(ids[0]), alice, "returned to its staker");
        (uint256 staked,) = mining.positionOf(0, alice);
        vm.assertEq(staked, 0, "no weight left");
        vm.assertEq(_pending(alice, 0), owed, "earned until the eviction stays");
        vm.warp(START + 2 days);
        vm.assertEq(_pending(alice, 0), owed, "earns nothing after");
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(DMCMining.DMCMiningProductHalted.selector, ids[0]));
        mining.stakeNft(ids);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(DMCMining.DMCMiningNotStaker.selector, ids[0], bob, address(0)));
        mining.evict(ids);
    }

    /// @dev The attacker: a contract staker's ERC-721 receiver tries to re-enter when its NFT comes back, or refuses
    /// it to block its own eviction. NFTs move with transferFrom: no receiver is ever called, so neither works.
    function test_Attack_Erc721ReceiverCannotReenterOrBlockEviction() public {
        HostileNftStaker attacker = new HostileNftStaker(mining, nft);
        uint256[] memory ids = _soldNfts(alice, 2, 1000);
        vm.prank(alice);
        nft.transferFrom(alice, address(attacker), ids[0]);
        attacker.stake(ids[0]);
        vm.warp(START + 1 days);
        attacker.unstake(ids[0]);
        vm.assertEq(nft.ownerOf(ids[0]), address(attacker), "returned once");
        vm.assertEq(attacker.hookCalls(), 0, "no receiver hook");
        (uint256 staked,) = mining.positionOf(0, address(attacker));
        vm.assertEq(staked, 0, "nothing left staked");

        // staked again, then its product halts: refusing NFTs does not block the eviction
        attacker.stake(ids[0]);
        attacker.setRefuse(true);
        halts.setHalted(ids[0] / 1_000_000, true);
        vm.prank(bob);
        mining.evict(_ids1(ids[0]));
        vm.assertEq(nft.ownerOf(ids[0]), address(attacker), "evicted to its staker");
        vm.assertEq(attacker.hookCalls(), 0, "still no hook");
    }

    /// @dev The attacker: BTC hashrate (TH/s) staked in the TiB-weighted pool would not compare; it is refused.
    function test_Attack_BtcNftCannotJoinTheTibPool() public {
        uint256 pid = _product(HashrateNFT.Coin.BTC, 1, 1_000_000, 1, 540);
        uint256 tokenId = _tokenOf(pid, 1);
        vm.prank(miner);
        nft.transferFromFirstSale(miner, alice, tokenId, stubEscrow, 1);
        vm.prank(alice);
        nft.setApprovalForAll(address(mining), true);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(DMCMining.DMCMiningNotFilecoin.selector, tokenId));
        mining.stakeNft(_ids1(tokenId));
        vm.assertEq(nft.ownerOf(tokenId), alice, "not staked");
    }

    function test_StakedNftYieldIsForwardedToItsStaker() public {
        uint256[] memory ids = _soldNfts(alice, 2, 1000);
        vm.prank(alice);
        mining.stakeNft(ids);
        _deposit(ids[0] / 1_000_000, HashrateNFT.Coin.FIL, today, 2e18);
        vm.prank(alice);
        mining.claimNftYield(ids);
        vm.assertEq(ifil.balanceOf(alice), 2e18 * 2000 / 2000, "both NFTs' yield to alice");
        vm.assertEq(ifil.balanceOf(address(mining)), 0, "nothing kept");
    }

    function test_RevertWhen_NoTokens() public {
        uint256[] memory none = new uint256[](0);
        vm.startPrank(alice);
        vm.expectRevert(DMCMining.DMCMiningNoTokens.selector);
        mining.stakeNft(none);
        vm.expectRevert(DMCMining.DMCMiningNoTokens.selector);
        mining.unstakeNft(none);
        vm.expectRevert(DMCMining.DMCMiningNoTokens.selector);
        mining.evict(none);
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- attacks on the money

    /// @dev The attacker: a staking token with receive hooks re-enters unstake from inside the unstake's transfer.
    function test_Attack_ReentrantTokenCannotUnstakeTwice() public {
        HookToken hook = new HookToken();
        vm.prank(admin);
        uint256 pid = mining.addPool(address(hook), DMCMining.Program.Staking, 1);
        ReentrantStaker attacker = new ReentrantStaker(mining, pid);
        hook.mint(address(attacker), 100e6);
        attacker.approve(IERC20(address(hook)));
        attacker.stake(100e6);
        _stake(alice, USDT_POOL, 1); // unrelated
        hook.mint(address(mining), 100e6); // someone else's 100 sitting in the contract (what a double unstake would take)
        hook.setHooked(address(attacker), true);
        attacker.unstake(100e6); // the hook re-enters unstake for the same 100 from inside the transfer
        vm.assertEq(attacker.attempts(), 1, "the hook ran");
        vm.assertEq(
            keccak256(attacker.lastError()),
            keccak256(abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector)),
            "refused by the guard"
        );
        vm.assertEq(hook.balanceOf(address(attacker)), 100e6, "its own stake once");
        vm.assertEq(hook.balanceOf(address(mining)), 100e6, "the other 100 stayed");
    }

    /// @dev Ten years on, every program claimed: paid never exceeds the cap and staked DMC is untouched.
    function test_CapHoldsAfterEverythingIsClaimed() public {
        uint256[] memory ids = _soldNfts(alice, 1, 1000);
        vm.prank(alice);
        mining.stakeNft(ids);
        _stake(alice, LP_POOL, 1e18);
        _stake(bob, DMC_POOL, 1_000_000e18);
        _stake(carol, USDT_POOL, 1e6);
        vm.warp(START + 3650 days);
        uint256[] memory all = new uint256[](4);
        (all[0], all[1], all[2], all[3]) = (0, LP_POOL, DMC_POOL, USDT_POOL);
        vm.prank(alice);
        mining.claim(all);
        vm.prank(bob);
        mining.claim(all);
        vm.prank(carol);
        mining.claim(all);
        uint256 paidOut = dmc.balanceOf(alice) + dmc.balanceOf(bob) + dmc.balanceOf(carol);
        vm.assertLe(paidOut, mining.CAP(), "paid <= cap");
        vm.assertGe(paidOut + 10, mining.CAP(), "everything but dust was paid");
        vm.assertEq(dmc.balanceOf(address(mining)), mining.CAP() - paidOut + 1_000_000e18, "bob's stake intact");
        vm.prank(bob);
        mining.unstake(DMC_POOL, 1_000_000e18);
    }

    /// @dev The reserve is outside the quorum's base until the schedule releases it, at past times as now; the
    /// mining contract itself never votes and cannot be locked (a payout writes no vote checkpoint).
    function test_UnreleasedReserveIsOutsideTheQuorumBase() public {
        vm.assertEq(dmc.votableSupply(), 50_000_000e18, "before the start: only the foundation's half");
        vm.assertEq(dmc.getVotes(address(mining)), 0, "no votes");
        vm.assertFalse(dmc.votesLocked(address(mining)), "not a locked holder");
        vm.warp(START + 10 days);
        vm.assertEq(dmc.votableSupply(), 50_000_000e18 + _refEmitted(START + 10 days), "emitted DMC counts");
        vm.warp(START + 11 days);
        vm.assertEq(dmc.getPastVotableSupply(START + 10 days), 50_000_000e18 + _refEmitted(START + 10 days), "past");
        vm.assertEq(dmc.getPastVotableSupply(START - 1), 50_000_000e18, "before the start, in the past");
        vm.prank(address(mining));
        vm.expectRevert(abi.encodeWithSelector(DMC.DMCInvalidLockedHolder.selector, address(mining)));
        dmc.lockVotes();
        vm.warp(START + 6 * HALF_YEAR);
        vm.assertEq(dmc.votableSupply(), 100_000_000e18, "everything once the cap is emitted");
    }
}
