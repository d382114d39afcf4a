// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {YieldFixture} from "./utils/YieldFixture.sol";
import {HashrateNFT} from "../src/HashrateNFT.sol";

/// @notice Property tests of the accumulator: conservation `accPerUnit * units + remainder = deposited * SCALE`
/// exactly after any sequence of deposits, remainder < units, every token's entitlement equal and rounded down,
/// dust <= nftCount base units; interleaved claims pay exactly the entitlement.
contract YieldDistributorFuzzTest is YieldFixture {
    function testFuzz_AccumulatorConservesValue(uint32 count, uint128 hashrate, uint256[6] memory amounts) public {
        count = uint32(bound(count, 1, 60));
        hashrate = uint128(bound(hashrate, 1, 1e12));
        uint256 pid = _product(HashrateNFT.Coin.FIL, count, hashrate, count, 30);
        uint256 units = uint256(count) * hashrate;
        uint256 deposited;
        for (uint256 i; i < amounts.length; ++i) {
            uint256 amount = i % 2 == 0 ? bound(amounts[i], 1, 1000) : bound(amounts[i], 1, 1e30);
            _deposit(pid, HashrateNFT.Coin.FIL, today, amount);
            deposited += amount;
            uint256 acc = dist.accPerUnit(pid);
            uint256 rem = dist.remainderOf(pid);
            vm.assertEq(acc * units + rem, deposited * dist.SCALE(), "conservation");
            vm.assertLt(rem, units, "remainder < units");
        }
        uint256 entitled = dist.accPerUnit(pid) * hashrate / dist.SCALE();
        uint256 sum;
        for (uint256 s = 1; s <= count; ++s) {
            uint256 c = dist.claimable(_tokenOf(pid, s));
            vm.assertEq(c, entitled, "every NFT the same");
            sum += c;
        }
        vm.assertLe(sum, deposited, "never more than deposited");
        vm.assertLe(deposited - sum, count, "dust <= nftCount");
    }

    /// @dev Claims between deposits: what a token is paid in total equals its final entitlement, whatever the
    /// timing, and the product never pays out more than it received.
    function testFuzz_InterleavedClaimsPayEntitlement(uint32 count, uint256[5] memory amounts, uint256 claimMask)
        public
    {
        count = uint32(bound(count, 2, 20));
        uint256 pid = _product(HashrateNFT.Coin.FIL, count, 333, count, 30);
        uint256 deposited;
        for (uint256 i; i < amounts.length; ++i) {
            uint256 amount = bound(amounts[i], 1, 1e21);
            _deposit(pid, HashrateNFT.Coin.FIL, today, amount);
            deposited += amount;
            for (uint256 s = 1; s <= count; ++s) {
                if ((claimMask >> (i * 20 + s)) & 1 == 0) continue;
                uint256 tok = _tokenOf(pid, s);
                if (dist.claimable(tok) == 0) continue;
                vm.prank(miner);
                dist.claim(_ids1(tok));
            }
        }
        uint256 entitled = dist.accPerUnit(pid) * 333 / dist.SCALE();
        for (uint256 s = 1; s <= count; ++s) {
            uint256 tok = _tokenOf(pid, s);
            vm.assertEq(dist.claimedOf(tok) + dist.claimable(tok), entitled, "paid + claimable = entitlement");
        }
        vm.assertEq(ifil.balanceOf(miner), dist.totalClaimed(pid), "paid out = claimed");
        vm.assertLe(dist.totalClaimed(pid), deposited, "claimed <= deposited");
    }

    /// @dev A single-NFT product gets everything deposited but the carried remainder: at most 1 base unit, and
    /// none when the remainder is 0 (the remainder is not lost: it joins the next deposit).
    function testFuzz_SingleNftGetsEverything(uint128 hashrate, uint256 a, uint256 b) public {
        hashrate = uint128(bound(hashrate, 1, 1e18));
        uint256 pid = _product(HashrateNFT.Coin.BTC, 1, hashrate, 1, 30);
        a = bound(a, 1, 1e20);
        b = bound(b, 1, 1e20);
        _deposit(pid, HashrateNFT.Coin.BTC, today, a);
        _deposit(pid, HashrateNFT.Coin.BTC, today, b);
        uint256 c = dist.claimable(_tokenOf(pid, 1));
        vm.assertEq(c, dist.remainderOf(pid) == 0 ? a + b : a + b - 1, "everything but the carried remainder");
    }

    /// @dev Deposits accepted exactly on days firstDay .. min(today, lastDay), for any clock and term.
    function testFuzz_DepositDayWindow(uint256 termDays, uint256 elapsed, uint256 day) public {
        termDays = bound(termDays, 1, 60);
        elapsed = bound(elapsed, 0, 90 days);
        uint256 pid = _product(HashrateNFT.Coin.FIL, 2, 1000, 2, termDays);
        uint256 first = T0 / 1 days;
        uint256 last = (T0 + termDays * 1 days) / 1 days - 1;
        vm.warp(T0 + elapsed);
        uint256 nowDay = (T0 + elapsed) / 1 days;
        uint256 latest = nowDay < last ? nowDay : last;
        day = bound(day, first - 3, last + 3);
        _fund(miner, HashrateNFT.Coin.FIL, 1);
        bool ok = day >= first && day <= latest;
        if (!ok) {
            vm.expectRevert(
                abi.encodeWithSignature("YieldDistributorInvalidDay(uint256,uint256,uint256,uint256)", pid, day, first, latest)
            );
        }
        vm.prank(miner);
        dist.deposit(pid, day, 1);
        vm.assertEq(dist.depositedOn(pid, day), ok ? 1 : 0, "recorded iff valid");
    }
}
