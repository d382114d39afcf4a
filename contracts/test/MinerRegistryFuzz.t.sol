// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {RegistryFixture} from "./utils/RegistryFixture.sol";
import {HashrateNFT} from "../src/HashrateNFT.sol";
import {MinerRegistry} from "../src/MinerRegistry.sol";

/// @notice Property tests of MinerRegistry: every application rule inside and outside its bounds (each rejection
/// names the rule that failed), stake amounts through a whole lifecycle, the term's end, and minting in batches.
contract MinerRegistryFuzzTest is RegistryFixture {
    uint256 internal constant MAX_U128 = type(uint128).max;

    // ================================================================ application params

    /// @dev Any combination of in-bounds values is accepted, stored exactly and activates into a HashrateNFT
    /// product with the same attributes.
    function testFuzz_SubmitAcceptsParamsWithinBounds(uint256[13] memory s) public {
        MinerRegistry.ApplicationParams memory p;
        p.name = _str(bound(s[0], 1, 100));
        p.documentsURI = _str(bound(s[1], 1, 200));
        p.documentsHash = bytes32(bound(s[2], 1, type(uint256).max));
        p.coin = HashrateNFT.Coin(s[3] % 2);
        p.nodeId = p.coin == HashrateNFT.Coin.FIL
            ? string.concat("f0", _digits(bound(s[4], 1, 20)))
            : _str(bound(s[4], 1, 64));
        p.nftCount = uint32(bound(s[5], 1, 999_999));
        p.hashratePerNFT = uint128(bound(s[6], 1, MAX_U128 / p.nftCount));
        p.effectiveHashrate = uint128(bound(s[7], uint256(p.nftCount) * p.hashratePerNFT, MAX_U128));
        p.totalHashrate = uint128(bound(s[8], p.effectiveHashrate, MAX_U128));
        p.termDays = uint32(bound(s[9], 1, 1825));
        p.termStart = uint64(bound(s[10], block.timestamp - 1 days, block.timestamp + 365 days - 1));
        p.pricePerNFT = uint96(bound(s[11], 1, type(uint96).max));
        p.expectedDailyYieldPerUnit = uint128(s[12]);

        uint256 id = _submit(miner, p);
        MinerRegistry.Application memory a = registry.application(id);
        vm.assertEq(keccak256(abi.encode(_paramsOf(a))), keccak256(abi.encode(p)), "stored exactly");

        _approve(id);
        uint256 productId = _activate(id);
        HashrateNFT.Product memory prod = nft.product(productId);
        vm.assertEq(prod.miner, miner, "miner");
        vm.assertEq(uint256(prod.coin), uint256(p.coin), "coin");
        vm.assertEq(prod.nodeId, p.nodeId, "nodeId");
        vm.assertEq(prod.hashratePerNFT, p.hashratePerNFT, "hashratePerNFT");
        vm.assertEq(prod.nftCount, p.nftCount, "nftCount");
        vm.assertEq(prod.termStart, p.termStart, "termStart");
        vm.assertEq(prod.termEnd, uint256(p.termStart) + uint256(p.termDays) * 1 days, "termEnd");
        vm.assertEq(prod.expectedDailyYieldPerUnit, p.expectedDailyYieldPerUnit, "yield");
    }

    function testFuzz_NameLength(uint256 length) public {
        length = bound(length, 0, 300);
        MinerRegistry.ApplicationParams memory p = _params();
        p.name = _str(length);
        bool valid = length >= 1 && length <= 100;
        _submitExpecting(p, valid, abi.encodeWithSelector(MinerRegistry.MinerRegistryInvalidName.selector, length, 100));
    }

    function testFuzz_DocumentsURILength(uint256 length) public {
        length = bound(length, 0, 400);
        MinerRegistry.ApplicationParams memory p = _params();
        p.documentsURI = _str(length);
        bool valid = length >= 1 && length <= 200;
        _submitExpecting(
            p, valid, abi.encodeWithSelector(MinerRegistry.MinerRegistryInvalidDocumentsURI.selector, length, 200)
        );
    }

    function testFuzz_DocumentsHash(bytes32 hash) public {
        MinerRegistry.ApplicationParams memory p = _params();
        p.documentsHash = hash;
        _submitExpecting(
            p, hash != bytes32(0), abi.encodeWithSelector(MinerRegistry.MinerRegistryInvalidDocumentsHash.selector)
        );
    }

    /// @dev FIL: `f0` + n digits is valid iff 1 <= n <= 20.
    function testFuzz_FilNodeIdDigitCount(uint256 digits) public {
        digits = bound(digits, 0, 40);
        MinerRegistry.ApplicationParams memory p = _params();
        p.nodeId = string.concat("f0", _digits(digits));
        bool valid = digits >= 1 && digits <= 20;
        _submitExpecting(p, valid, _nodeIdError(HashrateNFT.Coin.FIL, p.nodeId));
    }

    /// @dev Overwriting any one byte of a valid FIL node id keeps it valid iff the byte is what the format
    /// allows there: `f` first, `0` second, any ASCII digit after.
    function testFuzz_FilNodeIdOneByteChanged(uint256 digits, uint256 position, bytes1 c) public {
        digits = bound(digits, 1, 20);
        bytes memory b = bytes(string.concat("f0", _digits(digits)));
        position = bound(position, 0, b.length - 1);
        b[position] = c;
        bool valid;
        if (position == 0) valid = c == "f";
        else if (position == 1) valid = c == "0";
        else valid = c >= "0" && c <= "9";

        MinerRegistry.ApplicationParams memory p = _params();
        p.nodeId = string(b);
        _submitExpecting(p, valid, _nodeIdError(HashrateNFT.Coin.FIL, p.nodeId));
    }

    /// @dev BTC: any bytes, valid iff 1 <= length <= 64.
    function testFuzz_BtcNodeId(bytes memory raw) public {
        MinerRegistry.ApplicationParams memory p = _params();
        p.coin = HashrateNFT.Coin.BTC;
        p.nodeId = string(raw);
        bool valid = raw.length >= 1 && raw.length <= 64;
        _submitExpecting(p, valid, _nodeIdError(HashrateNFT.Coin.BTC, p.nodeId));
    }

    /// @dev The hashrate rules, checked in order; raw (unbounded) values, plus a variant nudged toward the edges.
    function testFuzz_HashrateRules(uint128 total, uint128 effective, uint128 perNft, uint32 count, bool nearEdges)
        public
    {
        if (nearEdges) {
            // Land around the oversold edge: effective within +-2 of count * perNft.
            count = uint32(bound(count, 0, 1_000_001));
            perNft = uint128(bound(perNft, 0, 1e12));
            uint256 edge = uint256(count) * perNft;
            effective = uint128(bound(effective, edge > 2 ? edge - 2 : 0, edge + 2));
            total = uint128(bound(total, effective > 0 ? effective - 1 : 0, uint256(effective) + 1));
        }
        MinerRegistry.ApplicationParams memory p = _params();
        p.totalHashrate = total;
        p.effectiveHashrate = effective;
        p.hashratePerNFT = perNft;
        p.nftCount = count;

        uint256 sold = uint256(count) * perNft;
        bytes memory err;
        if (effective == 0 || effective > total) {
            err = abi.encodeWithSelector(MinerRegistry.MinerRegistryInvalidEffectiveHashrate.selector, effective, total);
        } else if (perNft == 0) {
            err = abi.encodeWithSelector(MinerRegistry.MinerRegistryInvalidHashratePerNFT.selector);
        } else if (count == 0 || count > 999_999) {
            err = abi.encodeWithSelector(MinerRegistry.MinerRegistryInvalidNftCount.selector, count, 999_999);
        } else if (sold > effective) {
            err = abi.encodeWithSelector(MinerRegistry.MinerRegistryHashrateOversold.selector, sold, effective);
        }
        _submitExpecting(p, err.length == 0, err);
    }

    function testFuzz_TermDays(uint32 termDays) public {
        MinerRegistry.ApplicationParams memory p = _params();
        p.termDays = termDays;
        bool valid = termDays >= 1 && termDays <= 1825;
        _submitExpecting(
            p, valid, abi.encodeWithSelector(MinerRegistry.MinerRegistryInvalidTermDays.selector, termDays, 1825)
        );
    }

    /// @dev termStart is valid iff now - 1 day <= termStart < now + 365 days (around the window, and anywhere).
    function testFuzz_TermStartWindow(uint256 termStart, bool anywhere) public {
        if (!anywhere) termStart = bound(termStart, START - 10 days, START + 375 days);
        else termStart = bound(termStart, 0, type(uint64).max);
        MinerRegistry.ApplicationParams memory p = _params();
        p.termStart = uint64(termStart);
        bool valid = termStart >= START - 1 days && termStart < START + 365 days;
        _submitExpecting(
            p,
            valid,
            abi.encodeWithSelector(
                MinerRegistry.MinerRegistryInvalidTermStart.selector, termStart, START - 1 days, START + 365 days - 1
            )
        );
    }

    function testFuzz_PricePerNFT(uint96 price) public {
        MinerRegistry.ApplicationParams memory p = _params();
        p.pricePerNFT = price;
        _submitExpecting(p, price != 0, abi.encodeWithSelector(MinerRegistry.MinerRegistryInvalidPricePerNFT.selector));
    }

    // ================================================================ stake amounts

    /// @dev Any amount up to the cap can be set and is then pulled exactly at activation and either returned
    /// exactly at the term's end or sent exactly to the insurance fund; above the cap it is refused.
    function testFuzz_StakeAmountLifecycle(uint256 amount, bool aboveCap, bool slashIt) public {
        uint256 max = registry.MAX_STAKE_AMOUNT();
        amount = aboveCap ? bound(amount, max + 1, type(uint256).max) : bound(amount, 0, max);
        if (aboveCap) {
            vm.prank(governance);
            vm.expectRevert(abi.encodeWithSelector(MinerRegistry.MinerRegistryStakeAmountTooHigh.selector, amount, max));
            registry.setStakeAmount(amount);
            return;
        }
        vm.prank(governance);
        registry.setStakeAmount(amount);
        dmc.mint(miner, amount);
        uint256 minerBefore = dmc.balanceOf(miner);

        (uint256 id,) = _active();
        vm.assertEq(registry.application(id).requiredStake, amount, "snapshotted");
        vm.assertEq(minerBefore - dmc.balanceOf(miner), amount, "pulled exactly");
        vm.assertEq(dmc.balanceOf(address(registry)), amount, "held exactly");

        if (slashIt) {
            vm.prank(governance);
            registry.slash(id);
            vm.assertEq(dmc.balanceOf(insurance), amount, "slashed exactly");
            vm.assertEq(dmc.balanceOf(miner), minerBefore - amount, "miner lost it");
        } else {
            vm.warp(registry.termEnd(id));
            vm.prank(miner);
            registry.withdrawStake(id);
            vm.assertEq(dmc.balanceOf(miner), minerBefore, "returned exactly");
            vm.assertEq(dmc.balanceOf(insurance), 0, "insurance untouched");
        }
        vm.assertEq(dmc.balanceOf(address(registry)), 0, "registry emptied");
    }

    /// @dev Each application's stake is the amount in force when it was approved, whatever changed later.
    function testFuzz_StakeAmountChangeOnlyAffectsLaterApprovals(uint256 first, uint256 second, uint256 third) public {
        uint256 max = registry.MAX_STAKE_AMOUNT();
        first = bound(first, 0, max);
        second = bound(second, 0, max);
        third = bound(third, 0, max);
        dmc.mint(miner, first + second);

        vm.prank(governance);
        registry.setStakeAmount(first);
        uint256 a = _submit();
        uint256 b = _submit();
        _approve(a);
        vm.prank(governance);
        registry.setStakeAmount(second);
        _approve(b);
        vm.prank(governance);
        registry.setStakeAmount(third);

        vm.assertEq(registry.application(a).requiredStake, first, "a: amount at its approval");
        vm.assertEq(registry.application(b).requiredStake, second, "b: amount at its approval");
        _activate(a);
        _activate(b);
        vm.assertEq(dmc.balanceOf(address(registry)), first + second, "held the approved amounts");
    }

    // ================================================================ term end and minting

    /// @dev withdrawStake works iff block.timestamp >= termStart + termDays days, whenever that is reached.
    function testFuzz_WithdrawOnlyFromTermEnd(uint256 termDays, uint256 startOffset, uint256 elapsed) public {
        MinerRegistry.ApplicationParams memory p = _params();
        p.termDays = uint32(bound(termDays, 1, 1825));
        p.termStart = uint64(bound(startOffset, START - 1 days, START + 365 days - 1));
        uint256 id = _submit(miner, p);
        _approve(id);
        _activate(id);
        uint256 end = uint256(p.termStart) + uint256(p.termDays) * 1 days;
        vm.assertEq(registry.termEnd(id), end, "termEnd");

        uint256 t = bound(elapsed, START, end + 30 days);
        vm.warp(t);
        vm.prank(miner);
        if (t < end) {
            vm.expectRevert(abi.encodeWithSelector(MinerRegistry.MinerRegistryTermNotEnded.selector, id, end, t));
            registry.withdrawStake(id);
            vm.assertEq(dmc.balanceOf(address(registry)), STAKE, "still staked");
        } else {
            registry.withdrawStake(id);
            vm.assertEq(dmc.balanceOf(miner), MINER_DMC, "stake back");
        }
    }

    /// @dev Two batches mint consecutive token ids to the miner and never more than nftCount in total.
    function testFuzz_MintBatches(uint256 count, uint256 q1, uint256 q2) public {
        MinerRegistry.ApplicationParams memory p = _params();
        p.nftCount = uint32(bound(count, 1, 40));
        uint256 id = _submit(miner, p);
        _approve(id);
        uint256 productId = _activate(id);

        q1 = bound(q1, 0, p.nftCount + 2);
        q2 = bound(q2, 0, p.nftCount + 2);
        uint256 minted = _tryMint(id, productId, q1, p.nftCount, 0);
        minted = _tryMint(id, productId, q2, p.nftCount, minted);

        vm.assertLe(minted, p.nftCount, "never above nftCount");
        vm.assertEq(nft.product(productId).minted, minted, "product minted");
        vm.assertEq(nft.balanceOf(miner), minted, "all to the miner");
        if (minted > 0) vm.assertEq(nft.ownerOf(productId * TPP + minted), miner, "last token");
    }

    // ================================================================ helpers

    function _tryMint(uint256 id, uint256 productId, uint256 quantity, uint256 nftCount, uint256 minted)
        internal
        returns (uint256)
    {
        uint256 remaining = nftCount - minted;
        vm.prank(miner);
        if (quantity == 0 || quantity > remaining) {
            vm.expectRevert(
                abi.encodeWithSelector(HashrateNFT.HashrateNFTInvalidQuantity.selector, productId, quantity, remaining)
            );
            registry.mint(id, quantity);
            return minted;
        }
        uint256 first = registry.mint(id, quantity);
        vm.assertEq(first, productId * TPP + minted + 1, "consecutive ids");
        return minted + quantity;
    }

    /// @dev Submits `p`; if `valid` it must be stored, otherwise it must revert with exactly `err`.
    function _submitExpecting(MinerRegistry.ApplicationParams memory p, bool valid, bytes memory err) internal {
        vm.prank(miner);
        if (!valid) {
            vm.expectRevert(err);
            registry.submitApplication(p);
            vm.assertEq(registry.applicationCount(), 0, "nothing stored");
            return;
        }
        uint256 id = registry.submitApplication(p);
        vm.assertEq(keccak256(abi.encode(_paramsOf(registry.application(id)))), keccak256(abi.encode(p)), "stored");
    }

    function _nodeIdError(HashrateNFT.Coin coin, string memory nodeId) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(MinerRegistry.MinerRegistryInvalidNodeId.selector, coin, nodeId);
    }

    function _paramsOf(MinerRegistry.Application memory a)
        internal
        pure
        returns (MinerRegistry.ApplicationParams memory)
    {
        return MinerRegistry.ApplicationParams({
            name: a.name,
            documentsURI: a.documentsURI,
            documentsHash: a.documentsHash,
            coin: a.coin,
            nodeId: a.nodeId,
            totalHashrate: a.totalHashrate,
            effectiveHashrate: a.effectiveHashrate,
            hashratePerNFT: a.hashratePerNFT,
            nftCount: a.nftCount,
            termStart: a.termStart,
            termDays: a.termDays,
            pricePerNFT: a.pricePerNFT,
            expectedDailyYieldPerUnit: a.expectedDailyYieldPerUnit
        });
    }
}
