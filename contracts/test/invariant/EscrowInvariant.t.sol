// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {EscrowFixture} from "../utils/EscrowFixture.sol";
import {EscrowHandler} from "../handlers/EscrowHandler.sol";
import {HashrateNFT} from "../../src/HashrateNFT.sol";
import {RevenueEscrow} from "../../src/RevenueEscrow.sol";

/// @dev The shape forge expects from `targetSelectors()` (as in forge-std's StdInvariant).
struct FuzzSelector {
    address addr;
    bytes4[] selectors;
}

/// @notice Stateful invariants of the RevenueEscrow, driven by {EscrowHandler}: two products of one miner (the
/// fixture's 540-day product starting today, and a 30-day product starting in 3 days, so terms end within a run),
/// six NFTs, three holders. Per product: withdrawn <= released; released + refundable + refunded == credited
/// while halted and released + refunded <= credited always; what is not released is exactly the sum of the
/// tokens' unreleased remainders; the escrow holds at least (here exactly) credited - withdrawn - refunded over
/// all products; release never goes backwards. After each run: past the end every product's money is
/// withdrawable or refundable and paying it all out empties the escrow (nothing stuck).
contract EscrowInvariantTest is EscrowFixture {
    EscrowHandler internal handler;
    address internal channel = address(0xC4A2);
    uint256 internal shortProduct;
    uint256[] internal productIds;
    uint256[] internal tokenIds;

    function setUp() public override {
        super.setUp();
        vm.startPrank(admin);
        HashrateNFT.ProductParams memory p = _params(miner, 3);
        p.termStart = uint64(vm.getBlockTimestamp() + 3 days);
        p.termEnd = p.termStart + 30 days;
        shortProduct = nft.createProduct(p);
        nft.mint(shortProduct, 3);
        // Sales are driven directly here, not through a marketplace: `channel` is the NFT's sale channel and its
        // first-sale transfers (miner to miner) stand for primary sales.
        nft.setSaleChannel(channel);
        vm.stopPrank();

        productIds.push(productId);
        productIds.push(shortProduct);
        for (uint256 i = 1; i <= 3; ++i) {
            tokenIds.push(_token(i));
            tokenIds.push(shortProduct * 1_000_000 + i);
        }
        address[] memory holders = new address[](3);
        holders[0] = miner;
        holders[1] = buyer;
        holders[2] = buyer2;
        handler = new EscrowHandler(nft, escrow, usdt, channel, guardian, miner, productIds, tokenIds, holders);
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function targetSelectors() public view returns (FuzzSelector[] memory targets) {
        bytes4[] memory selectors = new bytes4[](7);
        selectors[0] = EscrowHandler.credit.selector;
        selectors[1] = EscrowHandler.withdraw.selector;
        selectors[2] = EscrowHandler.halt.selector;
        selectors[3] = EscrowHandler.resume.selector;
        selectors[4] = EscrowHandler.claimRefund.selector;
        selectors[5] = EscrowHandler.transfer.selector;
        selectors[6] = EscrowHandler.warp.selector;
        targets = new FuzzSelector[](1);
        targets[0] = FuzzSelector({addr: address(handler), selectors: selectors});
    }

    function invariant_ProductBooksBalance() public view {
        uint256 owed;
        for (uint256 i; i < productIds.length; ++i) {
            uint256 pid = productIds[i];
            RevenueEscrow.ProductState memory st = escrow.productState(pid);
            vm.assertEq(st.credited, handler.ghost_credited(pid), "credited == ghost");
            vm.assertEq(st.withdrawn, handler.ghost_withdrawn(pid), "withdrawn == ghost");
            vm.assertEq(st.refunded, handler.ghost_refunded(pid), "refunded == ghost");
            vm.assertLe(st.withdrawn, st.released, "withdrawn <= released");
            vm.assertLe(st.released + st.refunded, st.credited, "released + refunded <= credited");

            uint256 unreleased;
            uint256 refundable;
            for (uint256 j; j < tokenIds.length; ++j) {
                if (tokenIds[j] / 1_000_000 != pid) continue;
                unreleased += escrow.tokenEscrow(tokenIds[j]).unreleased;
                refundable += escrow.refundable(tokenIds[j]);
            }
            vm.assertEq(st.credited - st.refunded - st.released, unreleased, "not released == sum of remainders");
            if (st.halted) {
                vm.assertEq(st.released + refundable + st.refunded, st.credited, "halted: all accounted for");
            } else {
                vm.assertEq(refundable, 0, "nothing refundable while running");
            }
            owed += st.credited - st.withdrawn - st.refunded;
        }
        vm.assertGe(usdt.balanceOf(address(escrow)), owed, "escrow holds credited - withdrawn - refunded");
        vm.assertEq(usdt.balanceOf(address(escrow)), owed, "and exactly that here (nothing else is sent to it)");
    }

    function invariant_NoUnexpectedOutcome() public view {
        vm.assertEq(handler.ghost_unexpectedOutcomes(), 0, "every refused action reverted as expected");
        vm.assertEq(handler.ghost_releaseDecreases(), 0, "release never goes backwards");
    }

    /// @dev The handler's paths, once each, in order: credit, release, halt, refund, resume, withdraw.
    function test_Handler_BooksEveryPath() public {
        handler.credit(0, 540e6); // token 1 of the long product
        handler.credit(1, 30e6); // token 1 of the short product
        handler.warp(10, 0);
        handler.withdraw(0);
        handler.transfer(0, 1); // token 1 of the long product to buyer
        handler.halt(0);
        handler.claimRefund(0);
        handler.claimRefund(0); // nothing left: rejected
        handler.resume(0);
        handler.resume(0); // not halted: rejected
        handler.warp(10, 0);
        handler.withdraw(1);
        vm.assertEq(handler.calls("claimRefund"), 1, "refund claimed");
        vm.assertEq(handler.calls("withdraw"), 2, "two withdrawals");
        vm.assertEq(handler.calls("resume"), 1, "resumed");
        vm.assertGt(usdt.balanceOf(buyer), 1_000_000e6, "the holder got the refund");
        invariant_ProductBooksBalance();
        invariant_NoUnexpectedOutcome();
    }

    /// @dev Past every end day, each product's money is all withdrawable (running) or withdrawable + refundable
    /// (halted): paying it all out empties the escrow.
    function afterInvariant() public {
        vm.warp(uint256(nft.product(productId).termEnd) + 1 days);
        for (uint256 i; i < productIds.length; ++i) {
            uint256 pid = productIds[i];
            RevenueEscrow.ProductState memory st = escrow.productState(pid);
            uint256 refundable;
            for (uint256 j; j < tokenIds.length; ++j) {
                uint256 t = tokenIds[j];
                uint256 r = escrow.refundable(t);
                if (t / 1_000_000 != pid || r == 0) continue;
                refundable += r;
                address holder = nft.ownerOf(t);
                uint256[] memory one = new uint256[](1);
                one[0] = t;
                vm.prank(holder);
                escrow.claimRefund(one);
            }
            vm.assertEq(
                st.released - st.withdrawn + refundable + st.refunded + st.withdrawn,
                st.credited,
                "after the end: withdrawable + refundable + refunded + withdrawn == credited"
            );
            if (escrow.withdrawable(pid) > 0) {
                vm.prank(miner);
                escrow.withdraw(pid);
            }
        }
        vm.assertEq(usdt.balanceOf(address(escrow)), 0, "nothing stuck");
    }
}
