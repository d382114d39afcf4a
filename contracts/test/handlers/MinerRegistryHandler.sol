// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TestBase} from "../utils/Vm.sol";
import {HashrateNFT} from "../../src/HashrateNFT.sol";
import {MinerRegistry} from "../../src/MinerRegistry.sol";
import {MockDMC} from "../mocks/MockDMC.sol";

/// @notice Drives the registry for the invariant suite: a few miners submit, governance approves, rejects, changes
/// the stake amount and slashes (with the slasher), miners stake, mint in batches and withdraw, and time passes.
/// Every action first picks an application (preferring one in the state the action needs, but not always): when
/// the action is allowed there it must succeed; when it is not, it is tried anyway in try/catch and must revert
/// with exactly the expected error, changing nothing. So no handler call reverts (`fail_on_revert = true`), and
/// every transition from every state is exercised. Unexpected outcomes are counted in `ghost_unexpectedOutcomes`,
/// status changes off the allowed graph in `ghost_badTransitions`.
contract MinerRegistryHandler is TestBase {
    /// @notice Cap on applications per run, so the invariants' per-id loops stay cheap.
    uint256 public constant MAX_APPLICATIONS = 16;
    uint256 public constant MAX_STAKE_IN_HANDLER = 100_000e18;
    uint256 public constant MAX_NFTS = 12;
    uint256 public constant MAX_TERM_DAYS = 30;

    MinerRegistry public immutable registry;
    HashrateNFT public immutable nft;
    MockDMC public immutable dmc;
    address public immutable governance;
    address public immutable slasher;

    address[] internal _miners;

    // ------------------------------------------------------------ per-application ghosts
    mapping(uint256 id => MinerRegistry.Status) public ghost_status;
    mapping(uint256 id => uint256) public ghost_stake;
    mapping(uint256 id => uint256) public ghost_minted;
    mapping(uint256 id => bool) public ghost_everSlashed;
    mapping(uint256 id => bool) public ghost_everDefaulted;

    // ------------------------------------------------------------ value ghosts
    uint256 public ghost_activeStakeSum;
    uint256 public ghost_stakedTotal;
    uint256 public ghost_slashedTotal;
    uint256 public ghost_returnedTotal;
    uint256 public ghost_mintedTotal;
    uint256 public ghost_productsCreated;

    // ------------------------------------------------------------ counters
    uint256 public ghost_badTransitions;
    uint256 public ghost_unexpectedOutcomes;
    uint256 public ghost_slashedWithdrawalsRejected;
    /// @dev Withdrawals tried while the application was Flagged (a pending flag freezes the stake): all refused.
    uint256 public ghost_flaggedWithdrawalsRejected;
    mapping(bytes32 action => uint256) public calls;

    constructor(
        MinerRegistry registry_,
        HashrateNFT nft_,
        MockDMC dmc_,
        address governance_,
        address slasher_,
        address[] memory miners_
    ) {
        registry = registry_;
        nft = nft_;
        dmc = dmc_;
        governance = governance_;
        slasher = slasher_;
        _miners = miners_;
    }

    // ================================================================ actions

    function submit(uint256 minerSeed, uint256 countSeed, uint256 perNftSeed, uint256 termSeed, uint256 startSeed)
        external
    {
        if (registry.applicationCount() >= MAX_APPLICATIONS) {
            calls["submit (skipped: cap)"]++;
            return;
        }
        address miner = _miners[bound(minerSeed, 0, _miners.length - 1)];
        MinerRegistry.ApplicationParams memory p;
        p.name = "handler node";
        p.documentsURI = "ipfs://docs";
        p.documentsHash = keccak256(abi.encode(countSeed, perNftSeed));
        p.coin = HashrateNFT.Coin(startSeed % 2);
        // a node of its own per application (one node's hashrate cannot be sold twice)
        p.nodeId = p.coin == HashrateNFT.Coin.FIL
            ? string.concat("f0", vm.toString(registry.applicationCount() + 1))
            : string.concat("btc-pool-node-", vm.toString(registry.applicationCount() + 1));
        p.nftCount = uint32(bound(countSeed, 1, MAX_NFTS));
        p.hashratePerNFT = uint128(bound(perNftSeed, 1, 5000));
        p.effectiveHashrate = uint128(uint256(p.nftCount) * p.hashratePerNFT + countSeed % 1000);
        p.totalHashrate = p.effectiveHashrate + uint128(perNftSeed % 1000);
        p.termDays = uint32(bound(termSeed, 1, MAX_TERM_DAYS));
        p.termStart = uint64(bound(startSeed, block.timestamp - 1 days, block.timestamp + 10 days));
        p.pricePerNFT = 4_800_000;
        p.expectedDailyYieldPerUnit = 2.2e15;

        vm.prank(miner);
        uint256 id = registry.submitApplication(p);
        if (id != registry.applicationCount() || registry.application(id).miner != miner) ghost_unexpectedOutcomes++;
        ghost_status[id] = MinerRegistry.Status.Pending;
        _checkStatus(id, MinerRegistry.Status.Pending, MinerRegistry.Status.Pending);
        calls["submit"]++;
    }

    function approve(uint256 idSeed) external {
        (uint256 id, MinerRegistry.Status before) = _pick(idSeed, MinerRegistry.Status.Pending);
        if (id == 0) {
            _skip("approve (skipped: none)");
            return;
        }
        if (before != MinerRegistry.Status.Pending) {
            vm.prank(governance);
            try registry.approve(id) {
                ghost_unexpectedOutcomes++;
            } catch (bytes memory reason) {
                _expectStateError(reason, id, before, MinerRegistry.Status.Pending);
            }
            _checkStatus(id, before, before);
            _skip("approve (wrong state, rejected)");
            return;
        }
        uint256 stake = registry.stakeAmount();
        vm.prank(governance);
        registry.approve(id);
        ghost_stake[id] = stake;
        _transition(id, before, MinerRegistry.Status.Approved);
        calls["approve"]++;
    }

    function reject(uint256 idSeed) external {
        (uint256 id, MinerRegistry.Status before) = _pick(idSeed, MinerRegistry.Status.Pending);
        if (id == 0) {
            _skip("reject (skipped: none)");
            return;
        }
        if (before != MinerRegistry.Status.Pending) {
            vm.prank(governance);
            try registry.reject(id, "no") {
                ghost_unexpectedOutcomes++;
            } catch (bytes memory reason) {
                _expectStateError(reason, id, before, MinerRegistry.Status.Pending);
            }
            _checkStatus(id, before, before);
            _skip("reject (wrong state, rejected)");
            return;
        }
        vm.prank(governance);
        registry.reject(id, "no");
        _transition(id, before, MinerRegistry.Status.Rejected);
        calls["reject"]++;
    }

    function stakeAndActivate(uint256 idSeed) external {
        (uint256 id, MinerRegistry.Status before) = _pick(idSeed, MinerRegistry.Status.Approved);
        if (id == 0) {
            _skip("stake (skipped: none)");
            return;
        }
        address miner = registry.application(id).miner;
        if (before != MinerRegistry.Status.Approved) {
            vm.prank(miner);
            try registry.stakeAndActivate(id) {
                ghost_unexpectedOutcomes++;
            } catch (bytes memory reason) {
                _expectStateError(reason, id, before, MinerRegistry.Status.Approved);
            }
            _checkStatus(id, before, before);
            _skip("stake (wrong state, rejected)");
            return;
        }
        uint256 stake = ghost_stake[id];
        uint256 minerBefore = dmc.balanceOf(miner);
        vm.prank(miner);
        uint256 productId = registry.stakeAndActivate(id);
        if (minerBefore - dmc.balanceOf(miner) != stake) ghost_unexpectedOutcomes++;
        if (productId != ++ghost_productsCreated) ghost_unexpectedOutcomes++;
        ghost_activeStakeSum += stake;
        ghost_stakedTotal += stake;
        _transition(id, before, MinerRegistry.Status.Active);
        calls["stakeAndActivate"]++;
    }

    function mint(uint256 idSeed, uint256 quantity) external {
        (uint256 id, MinerRegistry.Status before) = _pick(idSeed, MinerRegistry.Status.Active);
        if (id == 0) {
            _skip("mint (skipped: none)");
            return;
        }
        MinerRegistry.Application memory a = registry.application(id);
        if (before != MinerRegistry.Status.Active) {
            vm.prank(a.miner);
            try registry.mint(id, 1) {
                ghost_unexpectedOutcomes++;
            } catch (bytes memory reason) {
                _expectStateError(reason, id, before, MinerRegistry.Status.Active);
            }
            _checkStatus(id, before, before);
            _skip("mint (wrong state, rejected)");
            return;
        }
        uint256 remaining = a.nftCount - ghost_minted[id];
        if (remaining == 0) {
            // Sold out: one more must be refused by HashrateNFT.
            vm.prank(a.miner);
            try registry.mint(id, 1) {
                ghost_unexpectedOutcomes++;
            } catch (bytes memory reason) {
                bytes memory expected =
                    abi.encodeWithSelector(HashrateNFT.HashrateNFTInvalidQuantity.selector, a.productId, 1, 0);
                if (keccak256(reason) != keccak256(expected)) ghost_unexpectedOutcomes++;
            }
            _skip("mint (sold out, rejected)");
            return;
        }
        quantity = bound(quantity, 1, remaining);
        vm.prank(a.miner);
        registry.mint(id, quantity);
        ghost_minted[id] += quantity;
        ghost_mintedTotal += quantity;
        _checkStatus(id, before, before);
        calls["mint"]++;
    }

    function slash(uint256 idSeed, bool bySlasher) external {
        (uint256 id, MinerRegistry.Status before) = _pick(idSeed, MinerRegistry.Status.Active);
        if (id == 0) {
            _skip("slash (skipped: none)");
            return;
        }
        address caller = bySlasher ? slasher : governance;
        if (before != MinerRegistry.Status.Active && before != MinerRegistry.Status.Flagged) {
            vm.prank(caller);
            try registry.slash(id) {
                ghost_unexpectedOutcomes++;
            } catch (bytes memory reason) {
                _expectStateError(reason, id, before, MinerRegistry.Status.Active);
            }
            _checkStatus(id, before, before);
            _skip("slash (wrong state, rejected)");
            return;
        }
        uint256 stake = ghost_stake[id];
        vm.prank(caller);
        registry.slash(id);
        ghost_activeStakeSum -= stake;
        ghost_slashedTotal += stake;
        ghost_everSlashed[id] = true;
        _transition(id, before, MinerRegistry.Status.Slashed);
        calls["slash"]++;
    }

    /// @notice The slasher (the DefaultGuard's role) marks an application Defaulted: the stake goes to the
    /// insurance fund like a slash. Governance may not (only the slasher).
    function markDefaulted(uint256 idSeed, bool asGovernance) external {
        (uint256 id, MinerRegistry.Status before) = _pick(idSeed, MinerRegistry.Status.Flagged);
        if (id == 0) {
            _skip("markDefaulted (skipped: none)");
            return;
        }
        if (asGovernance || before != MinerRegistry.Status.Flagged) {
            vm.prank(asGovernance ? governance : slasher);
            try registry.markDefaulted(id) {
                ghost_unexpectedOutcomes++;
            } catch (bytes memory reason) {
                if (asGovernance) {
                    bytes memory expected =
                        abi.encodeWithSelector(MinerRegistry.MinerRegistryNotSlasher.selector, governance);
                    if (keccak256(reason) != keccak256(expected)) ghost_unexpectedOutcomes++;
                } else {
                    _expectStateError(reason, id, before, MinerRegistry.Status.Flagged);
                }
            }
            _checkStatus(id, before, before);
            _skip("markDefaulted (refused)");
            return;
        }
        uint256 stake = ghost_stake[id];
        vm.prank(slasher);
        registry.markDefaulted(id);
        ghost_activeStakeSum -= stake;
        ghost_slashedTotal += stake;
        ghost_everDefaulted[id] = true;
        _transition(id, before, MinerRegistry.Status.Defaulted);
        calls["markDefaulted"]++;
    }

    /// @notice The slasher flags an Active application (its stake frozen), or the DAO's overturn clears a Flagged one.
    function flag(uint256 idSeed, bool clear) external {
        MinerRegistry.Status wanted = clear ? MinerRegistry.Status.Flagged : MinerRegistry.Status.Active;
        (uint256 id, MinerRegistry.Status before) = _pick(idSeed, wanted);
        if (id == 0 || before != wanted) {
            _skip("flag (skipped)");
            return;
        }
        vm.prank(slasher);
        if (clear) registry.clearFlag(id);
        else registry.markFlagged(id);
        _transition(id, before, clear ? MinerRegistry.Status.Active : MinerRegistry.Status.Flagged);
        calls[clear ? bytes32("clearFlag") : bytes32("markFlagged")]++;
    }

    /// @dev Prefers Active applications; a Slashed or Flagged one is tried too (it must never pay out).
    function withdrawStake(uint256 idSeed) external {
        (uint256 id, MinerRegistry.Status before) = _pick(idSeed, MinerRegistry.Status.Active);
        if (id == 0) {
            _skip("withdraw (skipped: none)");
            return;
        }
        address miner = registry.application(id).miner;
        uint256 end = registry.termEnd(id);
        bool early = block.timestamp < end;
        uint256 minerBefore = dmc.balanceOf(miner);
        if (before != MinerRegistry.Status.Active || early) {
            vm.prank(miner);
            try registry.withdrawStake(id) {
                ghost_unexpectedOutcomes++;
            } catch (bytes memory reason) {
                if (before != MinerRegistry.Status.Active) {
                    _expectStateError(reason, id, before, MinerRegistry.Status.Active);
                    if (before == MinerRegistry.Status.Slashed) ghost_slashedWithdrawalsRejected++;
                    if (before == MinerRegistry.Status.Flagged) ghost_flaggedWithdrawalsRejected++;
                } else {
                    bytes memory expected = abi.encodeWithSelector(
                        MinerRegistry.MinerRegistryTermNotEnded.selector, id, end, block.timestamp
                    );
                    if (keccak256(reason) != keccak256(expected)) ghost_unexpectedOutcomes++;
                }
            }
            if (dmc.balanceOf(miner) != minerBefore) ghost_unexpectedOutcomes++;
            _checkStatus(id, before, before);
            _skip(
                before == MinerRegistry.Status.Active ? bytes32("withdraw (early)") : bytes32("withdraw (wrong state)")
            );
            return;
        }
        uint256 stake = ghost_stake[id];
        vm.prank(miner);
        registry.withdrawStake(id);
        if (dmc.balanceOf(miner) - minerBefore != stake) ghost_unexpectedOutcomes++;
        ghost_activeStakeSum -= stake;
        ghost_returnedTotal += stake;
        _transition(id, before, MinerRegistry.Status.Completed);
        calls["withdrawStake"]++;
    }

    function setStakeAmount(uint256 amount) external {
        amount = bound(amount, 0, MAX_STAKE_IN_HANDLER);
        vm.prank(governance);
        registry.setStakeAmount(amount);
        calls["setStakeAmount"]++;
    }

    /// @notice Time passes: between an hour and 20 days, so terms (at most 30 days) end within a run.
    function warp(uint256 secondsSeed) external {
        vm.warp(block.timestamp + bound(secondsSeed, 1 hours, 20 days));
        calls["warp"]++;
    }

    // ================================================================ views for the invariant test

    function miners() external view returns (address[] memory) {
        return _miners;
    }

    // ================================================================ internal

    /// @dev Three times in four, the first application in `wanted` status from a seeded start; otherwise (or if
    /// none is) the application at the seeded start, whatever its status. Returns (0, Pending) if there are none.
    function _pick(uint256 seed, MinerRegistry.Status wanted) internal view returns (uint256, MinerRegistry.Status) {
        uint256 n = registry.applicationCount();
        if (n == 0) return (0, MinerRegistry.Status.Pending);
        uint256 start = bound(seed, 1, n);
        if (uint256(keccak256(abi.encode(seed))) % 4 != 0) {
            for (uint256 i; i < n; ++i) {
                uint256 id = (start - 1 + i) % n + 1;
                if (ghost_status[id] == wanted) return (id, wanted);
            }
        }
        return (start, ghost_status[start]);
    }

    /// @dev Records a status change the handler caused and checks it against the allowed graph and the contract.
    function _transition(uint256 id, MinerRegistry.Status from, MinerRegistry.Status to) internal {
        if (!_allowed(from, to)) ghost_badTransitions++;
        ghost_status[id] = to;
        _checkStatus(id, from, to);
    }

    /// @dev The contract's status must be `expected`; any change from `from` must be an allowed edge.
    function _checkStatus(uint256 id, MinerRegistry.Status from, MinerRegistry.Status expected) internal {
        MinerRegistry.Status actual = registry.application(id).status;
        if (actual != expected) ghost_unexpectedOutcomes++;
        if (actual != from && !_allowed(from, actual)) ghost_badTransitions++;
    }

    function _allowed(MinerRegistry.Status from, MinerRegistry.Status to) internal pure returns (bool) {
        if (from == MinerRegistry.Status.Pending) {
            return to == MinerRegistry.Status.Approved || to == MinerRegistry.Status.Rejected;
        }
        if (from == MinerRegistry.Status.Approved) return to == MinerRegistry.Status.Active;
        if (from == MinerRegistry.Status.Active) {
            return to == MinerRegistry.Status.Slashed || to == MinerRegistry.Status.Completed
                || to == MinerRegistry.Status.Flagged;
        }
        if (from == MinerRegistry.Status.Flagged) {
            // the challenge ends in a default or an overturn; the DAO may also slash
            return to == MinerRegistry.Status.Defaulted || to == MinerRegistry.Status.Active
                || to == MinerRegistry.Status.Slashed;
        }
        return false; // Rejected, Slashed, Completed and Defaulted are final
    }

    function _expectStateError(
        bytes memory reason,
        uint256 id,
        MinerRegistry.Status current,
        MinerRegistry.Status expected
    ) internal {
        bytes memory want = abi.encodeWithSelector(
            MinerRegistry.MinerRegistryInvalidState.selector, id, current, expected
        );
        if (keccak256(reason) != keccak256(want)) ghost_unexpectedOutcomes++;
    }

    function _skip(bytes32 action) internal {
        calls[action]++;
    }
}
