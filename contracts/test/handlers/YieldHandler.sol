// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TestBase} from "../utils/Vm.sol";
import {HashrateNFT} from "../../src/HashrateNFT.sol";
import {IFIL} from "../../src/IFIL.sol";
import {YieldDistributor} from "../../src/YieldDistributor.sol";
import {YieldOracle} from "../../src/YieldOracle.sol";
import {MockWBTC} from "../../mocks/MockWBTC.sol";
import {StubEscrow} from "../mocks/StubEscrow.sol";

/// @notice Drives the yield distributor and the oracle for the invariant suite: anyone deposits yield for a
/// product on a valid day (amounts from 1 base unit up, so the remainder and the rounding are exercised), holders
/// claim subsets of their NFTs, NFTs change hands, time moves on, reporters report the oracle (a repeat report is
/// tried and must be refused), the admin revokes and re-grants reporters.
/// Every action bounds its inputs and skips what cannot succeed, so no handler call reverts
/// (`fail_on_revert = true`). A claim with nothing to claim, and a second claim of the same tokens right after a
/// successful one, must revert {YieldDistributorNothingToClaim}; a reporter's second report for a (coin, day)
/// must revert {YieldOracleAlreadyReported}: tried in try/catch, anything else is counted in
/// `ghost_unexpectedOutcomes` (a successful second claim would be a double claim: `ghost_doubleClaims`).
/// After every action the handler measures each product's dust (deposited - claimed - sum of claimable) and keeps
/// the largest in `ghost_maxDust`.
contract YieldHandler is TestBase {
    HashrateNFT public immutable nft;
    IFIL public immutable ifil;
    MockWBTC public immutable wbtc;
    YieldDistributor public immutable dist;
    YieldOracle public immutable oracle;
    address public immutable bridge;
    address public immutable oracleAdmin;

    address[] internal _actors;
    address[] internal _reporters;
    uint256[] internal _products;
    uint256[] internal _tokens;
    uint256 internal _refNonce;

    mapping(uint256 productId => uint256) internal _count;
    mapping(uint256 productId => bool) internal _isBtc;
    mapping(uint256 productId => uint256) public ghost_deposited;
    mapping(uint256 productId => uint256) public ghost_claimed;
    mapping(uint256 tokenId => uint256) public ghost_paidFor;
    mapping(uint256 productId => mapping(uint256 day => uint256)) public ghost_depositedOn;
    uint256 public ghost_maxDust;
    uint256 public ghost_doubleClaims;
    uint256 public ghost_unexpectedOutcomes;
    mapping(bytes32 action => uint256) public calls;

    /// @notice The oracle model: every (coin, day) reported, each reporter's (only) value there, and which
    /// reporters currently hold REPORTER_ROLE.
    struct OracleKey {
        uint8 coin;
        uint256 day;
    }

    OracleKey[] internal _oracleKeys;
    mapping(uint8 coin => mapping(uint256 day => bool)) internal _keySeen;
    mapping(uint8 coin => mapping(uint256 day => mapping(address reporter => uint256))) public ghost_report;
    mapping(address reporter => bool) public ghost_revoked;

    StubEscrow internal immutable _stubEscrow = new StubEscrow();

    constructor(
        HashrateNFT nft_,
        IFIL ifil_,
        MockWBTC wbtc_,
        YieldDistributor dist_,
        YieldOracle oracle_,
        address bridge_,
        address oracleAdmin_,
        address[] memory actors_,
        address[] memory reporters_,
        uint256[] memory products_
    ) {
        nft = nft_;
        ifil = ifil_;
        wbtc = wbtc_;
        dist = dist_;
        oracle = oracle_;
        bridge = bridge_;
        oracleAdmin = oracleAdmin_;
        _actors = actors_;
        _reporters = reporters_;
        _products = products_;
        for (uint256 i; i < products_.length; ++i) {
            HashrateNFT.Product memory p = nft_.product(products_[i]);
            uint256 count = p.nftCount;
            _count[products_[i]] = count;
            _isBtc[products_[i]] = p.coin == HashrateNFT.Coin.BTC;
            for (uint256 s = 1; s <= count; ++s) {
                _tokens.push(products_[i] * 1_000_000 + s);
            }
        }
    }

    // ================================================================ actions

    /// @dev An actor pays `amount` (tiny amounts a third of the time) for a random valid day of a product.
    function deposit(uint256 actorSeed, uint256 productSeed, uint256 daySeed, uint256 amount) external {
        address payer = _actors[actorSeed % _actors.length];
        uint256 pid = _products[productSeed % _products.length];
        HashrateNFT.Product memory p = nft.product(pid);
        uint256 today = block.timestamp / 1 days;
        uint256 firstDay = p.termStart / 1 days;
        uint256 lastDay = p.termEnd / 1 days - 1;
        uint256 latest = today < lastDay ? today : lastDay;
        if (latest < firstDay) return _skip("deposit (skipped)");
        uint256 day = bound(daySeed, firstDay, latest);
        bool fil = p.coin == HashrateNFT.Coin.FIL;
        amount = amount % 3 == 0 ? bound(amount, 1, 1000) : bound(amount, 1, fil ? 1e22 : 1e9);

        if (fil) {
            vm.deal(payer, payer.balance + amount);
            vm.prank(payer);
            ifil.deposit{value: amount}();
            vm.prank(payer);
            ifil.approve(address(dist), amount);
        } else {
            wbtc.mint(payer, amount);
            vm.prank(payer);
            wbtc.approve(address(dist), amount);
        }
        vm.prank(payer);
        dist.deposit(pid, day, amount);
        ghost_deposited[pid] += amount;
        ghost_depositedOn[pid][day] += amount;
        calls["deposit"]++;
        _measureDust();
    }

    /// @dev An actor claims the subset (bitmask) of its NFTs of one coin; then tries the same claim again.
    function claim(uint256 actorSeed, uint256 mask, bool btc) external {
        address actor = _actors[actorSeed % _actors.length];
        uint256[] memory picked = new uint256[](_tokens.length);
        uint256 k;
        uint256 expected;
        for (uint256 i; i < _tokens.length; ++i) {
            uint256 tokenId = _tokens[i];
            if ((mask >> (i % 256)) & 1 == 0 || nft.ownerOf(tokenId) != actor) continue;
            if (_isBtc[tokenId / 1_000_000] != btc) continue;
            picked[k++] = tokenId;
            expected += dist.claimable(tokenId);
        }
        uint256[] memory ids = new uint256[](k);
        for (uint256 i; i < k; ++i) {
            ids[i] = picked[i];
        }

        if (expected == 0) {
            vm.prank(actor);
            try dist.claim(ids) {
                ghost_unexpectedOutcomes++;
            } catch (bytes memory reason) {
                if (keccak256(reason) != keccak256(abi.encodeWithSelector(YieldDistributor.YieldDistributorNothingToClaim.selector))) {
                    ghost_unexpectedOutcomes++;
                }
            }
            return _skip("claim (nothing, rejected)");
        }

        uint256[] memory before = new uint256[](k);
        for (uint256 i; i < k; ++i) {
            before[i] = dist.claimable(ids[i]);
        }
        uint256 balanceBefore = btc ? wbtc.balanceOf(actor) : ifil.balanceOf(actor);
        vm.prank(actor);
        dist.claim(ids);
        uint256 received = (btc ? wbtc.balanceOf(actor) : ifil.balanceOf(actor)) - balanceBefore;
        if (received != expected) ghost_unexpectedOutcomes++;
        for (uint256 i; i < k; ++i) {
            ghost_paidFor[ids[i]] += before[i];
            ghost_claimed[ids[i] / 1_000_000] += before[i];
            if (dist.claimable(ids[i]) != 0) ghost_unexpectedOutcomes++;
        }
        calls["claim"]++;

        // The same claim again, right away: nothing left, so it must revert.
        vm.prank(actor);
        try dist.claim(ids) {
            ghost_doubleClaims++;
        } catch (bytes memory reason) {
            if (keccak256(reason) != keccak256(abi.encodeWithSelector(YieldDistributor.YieldDistributorNothingToClaim.selector))) {
                ghost_unexpectedOutcomes++;
            }
        }
        _measureDust();
    }

    /// @dev A holder passes an NFT to another actor (a sale, off the distributor's books).
    function transfer(uint256 tokenSeed, uint256 toSeed) external {
        uint256 tokenId = _tokens[tokenSeed % _tokens.length];
        address from = nft.ownerOf(tokenId);
        address to = _actors[toSeed % _actors.length];
        if (to == from) return _skip("transfer (skipped)");
        uint256 claimableBefore = dist.claimable(tokenId);
        bool sold = nft.isSold(tokenId);
        vm.prank(from);
        if (sold) {
            nft.transferFrom(from, to, tokenId);
        } else {
            // a never-sold NFT leaves its miner (the sale channel here) only by a first sale
            nft.transferFromFirstSale(from, to, tokenId, _stubEscrow, 1);
        }
        if (dist.claimable(tokenId) != claimableBefore) ghost_unexpectedOutcomes++; // yield stays with the NFT
        calls["transfer"]++;
    }

    /// @dev Time moves 0 to 3 days forward.
    function warp(uint256 secondsSeed) external {
        vm.warp(block.timestamp + bound(secondsSeed, 0, 3 days));
        calls["warp"]++;
    }

    /// @dev A current reporter reports a coin on a day of the accepted window; when it already reported there,
    /// the repeat must revert {YieldOracleAlreadyReported} and leave its first value.
    function report(uint256 reporterSeed, bool btc, uint256 daySeed, uint256 value) external {
        address reporter = _reporters[reporterSeed % _reporters.length];
        if (ghost_revoked[reporter]) return _skip("report (revoked, skipped)");
        uint8 coin = btc ? 1 : 0;
        uint256 today = block.timestamp / 1 days;
        // A narrow window (3 days) so days collect several reports.
        uint256 day = today - bound(daySeed, 0, 2);
        value = value % 2 == 0 ? bound(value, 1, 10) : bound(value, 1, type(uint128).max);
        if (ghost_report[coin][day][reporter] != 0) {
            vm.prank(reporter);
            try oracle.report(coin, day, value) {
                ghost_unexpectedOutcomes++; // an overwrite
            } catch (bytes memory reason) {
                bytes memory want =
                    abi.encodeWithSelector(YieldOracle.YieldOracleAlreadyReported.selector, coin, day, reporter);
                if (keccak256(reason) != keccak256(want)) ghost_unexpectedOutcomes++;
            }
            if (oracle.reportOf(coin, day, reporter) != ghost_report[coin][day][reporter]) {
                ghost_unexpectedOutcomes++;
            }
            calls["report (repeat refused)"]++;
            return;
        }
        vm.prank(reporter);
        oracle.report(coin, day, value);
        ghost_report[coin][day][reporter] = value;
        if (!_keySeen[coin][day]) {
            _keySeen[coin][day] = true;
            _oracleKeys.push(OracleKey(coin, day));
        }
        calls["report"]++;
    }

    /// @dev The admin revokes a current reporter or re-grants a revoked one.
    function toggleReporter(uint256 reporterSeed) external {
        address reporter = _reporters[reporterSeed % _reporters.length];
        bytes32 role = oracle.REPORTER_ROLE();
        vm.prank(oracleAdmin);
        if (ghost_revoked[reporter]) {
            oracle.grantRole(role, reporter);
        } else {
            oracle.revokeRole(role, reporter);
        }
        ghost_revoked[reporter] = !ghost_revoked[reporter];
        calls["toggleReporter"]++;
    }

    /// @dev The admin moves the outlier bound anywhere in its range (2x to 10x).
    function setOutlierBound(uint256 seed) external {
        uint256 boundBps = 20_000 + seed % 80_001;
        vm.prank(oracleAdmin);
        oracle.setOutlierBound(boundBps);
        calls["setOutlierBound"]++;
    }

    // ================================================================ views for the invariants

    function products() external view returns (uint256[] memory) {
        return _products;
    }

    function tokens() external view returns (uint256[] memory) {
        return _tokens;
    }

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function reporters() external view returns (address[] memory) {
        return _reporters;
    }

    function oracleKeys() external view returns (OracleKey[] memory) {
        return _oracleKeys;
    }

    /// @notice deposited - claimed - sum of claimable, for one product.
    function dustOf(uint256 pid) public view returns (uint256) {
        uint256 owed;
        uint256 count = _count[pid];
        for (uint256 s = 1; s <= count; ++s) {
            owed += dist.claimable(pid * 1_000_000 + s);
        }
        return dist.totalDeposited(pid) - dist.totalClaimed(pid) - owed;
    }

    // ================================================================ internal

    function _measureDust() internal {
        for (uint256 i; i < _products.length; ++i) {
            uint256 d = dustOf(_products[i]);
            if (d > ghost_maxDust) ghost_maxDust = d;
        }
    }

    function _skip(bytes32 action) internal {
        calls[action]++;
    }
}
