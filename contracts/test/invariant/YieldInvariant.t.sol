// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {YieldFixture} from "../utils/YieldFixture.sol";
import {YieldHandler} from "../handlers/YieldHandler.sol";
import {HashrateNFT} from "../../src/HashrateNFT.sol";

/// @dev The shape forge expects from `targetSelectors()` (as in forge-std's StdInvariant).
struct FuzzSelector {
    address addr;
    bytes4[] selectors;
}

/// @notice Stateful invariants of the yield distributor and the oracle, driven by {YieldHandler}: three products
/// (FIL 7 x 1 TiB, FIL 13 x 0.333 TiB: units that do not divide the scale evenly, BTC 5 x 1.5 TH/s), four
/// holders, five reporters (revoked and re-granted by the admin along the run).
/// - per product, total claimed <= total deposited, and both match the handler's ghosts;
/// - per product, claimed + sum of claimable = deposited - dust with dust <= nftCount base units (every token of
///   a product has the same entitlement, rounded down: < 1 base unit each, plus the carried remainder < 1);
/// - per token, what was paid for it equals `claimedOf`, and it never exceeds its entitlement (no double claim;
///   a second claim right after a claim always reverts);
/// - each yield token's balance in the distributor = deposited - claimed over the products it pays;
/// - `depositedOn` matches the ghost per (product, day);
/// - every oracle (coin, day) counts exactly the reports of current reporters; with at least three its median
///   equals the median of a reference sort of their values, with fewer it reads 0 (no value).
contract YieldInvariantTest is YieldFixture {
    YieldHandler internal handler;
    address internal carol = address(0xCA201);
    uint256 internal pFil;
    uint256 internal pOdd;
    uint256 internal pBtc;

    function setUp() public override {
        super.setUp();
        pFil = _product(HashrateNFT.Coin.FIL, 7, 1000, 7, 30);
        pOdd = _product(HashrateNFT.Coin.FIL, 13, 333, 13, 45);
        pBtc = _product(HashrateNFT.Coin.BTC, 5, 1500, 5, 20);
        address[] memory actors = new address[](4);
        actors[0] = miner;
        actors[1] = alice;
        actors[2] = bob;
        actors[3] = carol;
        address[] memory reporters = new address[](5);
        for (uint256 i; i < reporters.length; ++i) {
            reporters[i] = address(uint160(0x4E90 + i));
        }
        uint256[] memory products = new uint256[](3);
        products[0] = pFil;
        products[1] = pOdd;
        products[2] = pBtc;
        handler = new YieldHandler(nft, ifil, wbtc, dist, oracle, bridge, admin, actors, reporters, products);
        vm.startPrank(admin);
        for (uint256 i; i < reporters.length; ++i) {
            oracle.grantRole(oracle.REPORTER_ROLE(), reporters[i]);
        }
        vm.stopPrank();
        // Spread the NFTs: every third to alice, bob, carol; the rest stay with the miner.
        uint256[] memory ids = handler.tokens();
        vm.startPrank(miner);
        for (uint256 i; i < ids.length; ++i) {
            if (i % 4 != 0) nft.transferFromFirstSale(miner, actors[i % 4], ids[i], stubEscrow, 1);
        }
        vm.stopPrank();
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function targetSelectors() public view returns (FuzzSelector[] memory targets) {
        bytes4[] memory selectors = new bytes4[](7);
        selectors[0] = YieldHandler.deposit.selector;
        selectors[1] = YieldHandler.claim.selector;
        selectors[2] = YieldHandler.transfer.selector;
        selectors[3] = YieldHandler.warp.selector;
        selectors[4] = YieldHandler.report.selector;
        selectors[5] = YieldHandler.toggleReporter.selector;
        selectors[6] = YieldHandler.setOutlierBound.selector;
        targets = new FuzzSelector[](1);
        targets[0] = FuzzSelector({addr: address(handler), selectors: selectors});
    }

    // ================================================================ invariants

    function invariant_ClaimedNeverExceedsDeposited() public view {
        uint256[] memory ps = handler.products();
        for (uint256 i; i < ps.length; ++i) {
            vm.assertLe(dist.totalClaimed(ps[i]), dist.totalDeposited(ps[i]), "claimed <= deposited");
            vm.assertEq(dist.totalDeposited(ps[i]), handler.ghost_deposited(ps[i]), "deposited ghost");
            vm.assertEq(dist.totalClaimed(ps[i]), handler.ghost_claimed(ps[i]), "claimed ghost");
        }
    }

    function invariant_DustBounded() public view {
        uint256[] memory ps = handler.products();
        for (uint256 i; i < ps.length; ++i) {
            uint256 count = nft.product(ps[i]).nftCount;
            // dustOf reverts (underflow) if claimed + claimable ever exceeded deposited.
            vm.assertLe(handler.dustOf(ps[i]), count, "dust <= nftCount base units");
        }
        vm.assertLe(handler.ghost_maxDust(), 13, "max dust over the run <= largest nftCount");
    }

    function invariant_NoDoubleClaim() public view {
        vm.assertEq(handler.ghost_doubleClaims(), 0, "a second claim never pays");
        vm.assertEq(handler.ghost_unexpectedOutcomes(), 0, "no unexpected outcome");
        uint256[] memory ids = handler.tokens();
        for (uint256 i; i < ids.length; ++i) {
            uint256 paid = dist.claimedOf(ids[i]);
            vm.assertEq(paid, handler.ghost_paidFor(ids[i]), "paid per token = ghost");
            uint256 pid = ids[i] / 1_000_000;
            uint256 entitled = dist.accPerUnit(pid) * nft.product(pid).hashratePerNFT / dist.SCALE();
            vm.assertLe(paid, entitled, "never paid beyond entitlement");
            vm.assertEq(paid + dist.claimable(ids[i]), entitled, "paid + claimable = entitlement");
        }
    }

    function invariant_BalancesMatchBooks() public view {
        uint256 filOwed = dist.totalDeposited(pFil) - dist.totalClaimed(pFil) + dist.totalDeposited(pOdd)
            - dist.totalClaimed(pOdd);
        vm.assertEq(ifil.balanceOf(address(dist)), filOwed, "IFIL held = deposited - claimed");
        vm.assertEq(
            wbtc.balanceOf(address(dist)), dist.totalDeposited(pBtc) - dist.totalClaimed(pBtc), "WBTC held"
        );
    }

    function invariant_DepositedOnMatchesGhost() public view {
        uint256[] memory ps = handler.products();
        uint256 today = vm.getBlockTimestamp() / 1 days;
        for (uint256 i; i < ps.length; ++i) {
            for (uint256 d = T0 / 1 days; d <= today && d < T0 / 1 days + 60; ++d) {
                vm.assertEq(dist.depositedOn(ps[i], d), handler.ghost_depositedOn(ps[i], d), "depositedOn");
            }
        }
    }

    function invariant_OracleMedianMatchesReferenceSort() public view {
        YieldHandler.OracleKey[] memory keys = handler.oracleKeys();
        address[] memory rs = handler.reporters();
        for (uint256 i; i < keys.length; ++i) {
            uint256[] memory vals = new uint256[](rs.length);
            uint256 n;
            for (uint256 r; r < rs.length; ++r) {
                uint256 v = handler.ghost_report(keys[i].coin, keys[i].day, rs[r]);
                if (v != 0 && !handler.ghost_revoked(rs[r])) vals[n++] = v;
            }
            (uint256 median, uint256 reports) = oracle.averageOf(keys[i].coin, keys[i].day);
            vm.assertEq(reports, n, "report count");
            vm.assertEq(median, n < 3 ? 0 : _referenceValue(vals, n, oracle.outlierBoundBps()), "median");
        }
    }

    /// @dev After every run: every holder claims all its NFTs; what stays in the distributor is the dust alone,
    /// at most nftCount base units per product. Logs the run's largest dust (forge test -vv).
    function afterInvariant() public {
        address[] memory actors = handler.actors();
        uint256[] memory ids = handler.tokens();
        for (uint256 a; a < actors.length; ++a) {
            for (uint256 coin; coin < 2; ++coin) {
                uint256[] memory mine = new uint256[](ids.length);
                uint256 k;
                uint256 owed;
                for (uint256 i; i < ids.length; ++i) {
                    if (nft.ownerOf(ids[i]) != actors[a]) continue;
                    if (uint256(nft.product(ids[i] / 1_000_000).coin) != coin) continue;
                    mine[k++] = ids[i];
                    owed += dist.claimable(ids[i]);
                }
                if (owed == 0) continue;
                assembly {
                    mstore(mine, k)
                }
                vm.prank(actors[a]);
                dist.claim(mine);
            }
        }
        uint256[] memory ps = handler.products();
        uint256 maxCount;
        for (uint256 i; i < ps.length; ++i) {
            uint256 count = nft.product(ps[i]).nftCount;
            if (count > maxCount) maxCount = count;
            uint256 left = dist.totalDeposited(ps[i]) - dist.totalClaimed(ps[i]);
            vm.assertLe(left, count, "only dust left after everyone claimed");
            vm.assertEq(left, handler.dustOf(ps[i]), "left = dust");
        }
        vm.assertLe(ifil.balanceOf(address(dist)), 7 + 13, "IFIL dust");
        vm.assertLe(wbtc.balanceOf(address(dist)), 5, "WBTC dust");
        _log("yield max dust (base units)", handler.ghost_maxDust());
        _log("yield deposits", handler.calls("deposit"));
        _log("yield claims", handler.calls("claim"));
    }

    /// @dev A day's value by the oracle's rule, independently: the median, then the median of the reports not more
    /// than `boundBps` / 10,000 times away from it (reports are at most 2**128 - 1, so the products fit).
    function _referenceValue(uint256[] memory v, uint256 n, uint256 boundBps) internal pure returns (uint256) {
        uint256 m = _referenceMedian(v, n);
        uint256[] memory kept = new uint256[](n);
        uint256 k;
        for (uint256 i; i < n; ++i) {
            if (v[i] * 10_000 > m * boundBps || v[i] * boundBps < m * 10_000) continue;
            kept[k++] = v[i];
        }
        return _referenceMedian(kept, k);
    }

    function _referenceMedian(uint256[] memory v, uint256 n) internal pure returns (uint256) {
        if (n == 0) return 0;
        for (uint256 i; i < n; ++i) {
            for (uint256 j = i + 1; j < n; ++j) {
                if (v[j] < v[i]) (v[i], v[j]) = (v[j], v[i]);
            }
        }
        if (n % 2 == 1) return v[n / 2];
        return v[n / 2 - 1] + (v[n / 2] - v[n / 2 - 1]) / 2;
    }

    /// @dev console.log(string, uint256) without forge-std.
    function _log(string memory label, uint256 value) internal view {
        address console = address(0x000000000000000000636F6e736F6c652e6c6f67);
        (bool ok,) = console.staticcall(abi.encodeWithSignature("log(string,uint256)", label, value));
        ok;
    }
}
