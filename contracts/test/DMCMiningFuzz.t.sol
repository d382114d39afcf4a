// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {MiningFixture} from "./utils/MiningFixture.sol";

/// @notice The accrual against a reference model, to the base unit: random stakes, unstakes and claims of three
/// stakers in one pool, random waits (across halvings and past the cap) and split changes. The model books each
/// interval's pool reward — the pool's share of the emission between two actions, as the contract defines it — to
/// every staker in proportion to its stake, with 1e24 extra precision; each staker's claimed + pending DMC must equal
/// the model's to within one base unit per action.
contract DMCMiningFuzzTest is MiningFixture {
    uint256 internal constant REF = 1e24;
    address[3] internal _who;
    uint256[3] internal _w;
    uint256[3] internal _refOwed; // scaled by REF
    uint256[3] internal _claimed;
    uint256 internal _last;
    uint256 internal _share;

    function testFuzz_AccrualMatchesReference(uint256[20] calldata ops) public {
        _who = [alice, bob, carol];
        for (uint256 i; i < 3; ++i) {
            _fundToken(_who[i], LP_POOL, 1e30);
        }
        vm.warp(START);
        _last = block.timestamp;
        _share = mining.pool(LP_POOL).share;
        for (uint256 i; i < ops.length; ++i) {
            uint256 op = ops[i];
            uint256 u = op % 3;
            uint256 kind = (op >> 8) % 5;
            uint256 x = op >> 16;
            if (kind == 0) {
                // stake: from 1 base unit to 1e27
                uint256 amount = bound(x, 1, 1e27);
                _book();
                vm.prank(_who[u]);
                mining.stake(LP_POOL, amount);
                _w[u] += amount;
            } else if (kind == 1) {
                if (_w[u] == 0) continue;
                uint256 amount = bound(x, 1, _w[u]);
                _book();
                vm.prank(_who[u]);
                mining.unstake(LP_POOL, amount);
                _w[u] -= amount;
            } else if (kind == 2) {
                (, uint256 p) = mining.positionOf(LP_POOL, _who[u]);
                if (p == 0) continue;
                _book();
                _claimed[u] += _claim(_who[u], LP_POOL);
            } else if (kind == 3) {
                vm.warp(block.timestamp + bound(x, 1, 300 days));
            } else {
                uint16 liquidity = uint16(bound(x, 0, 9000));
                _book();
                vm.prank(admin);
                mining.setSplit([uint16(9000 - liquidity), liquidity, uint16(1000)]);
                _share = mining.pool(LP_POOL).share;
            }
            _check(i + 1);
        }
        _book();
        _check(ops.length + 1);
    }

    /// @dev Books the interval since the last action at the share it ran under.
    function _book() internal {
        uint256 t = block.timestamp;
        if (t == _last) return;
        uint256 reward = (mining.emittedAt(t) - mining.emittedAt(_last)) * _share / 1e6;
        uint256 total = _w[0] + _w[1] + _w[2];
        if (total != 0) {
            for (uint256 i; i < 3; ++i) {
                _refOwed[i] += reward * REF * _w[i] / total;
            }
        }
        _last = t;
    }

    function _check(uint256 actions) internal {
        uint256 saved = _last;
        uint256[3] memory savedOwed = _refOwed;
        _book(); // the model up to now, as positionOf sees it
        for (uint256 i; i < 3; ++i) {
            (, uint256 p) = mining.positionOf(LP_POOL, _who[i]);
            uint256 got = _claimed[i] + p;
            uint256 ref = _refOwed[i] / REF;
            uint256 diff = got > ref ? got - ref : ref - got;
            vm.assertLe(diff, actions + 1, "staker's DMC = the model's, to a unit per action");
        }
        _last = saved;
        _refOwed = savedOwed;
    }
}
