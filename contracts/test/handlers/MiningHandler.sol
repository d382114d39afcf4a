// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TestBase} from "../utils/Vm.sol";
import {DMCMining} from "../../src/DMCMining.sol";
import {HashrateNFT} from "../../src/HashrateNFT.sol";
import {HaltSwitch} from "../mocks/HaltSwitch.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Drives DMCMining for the invariant suite: three stakers stake, unstake and claim in every pool (NFTs
/// of two products with different hashrates, LP, DMC, USDT), time moves (across halvings and past the cap), the
/// DAO changes the split and allocations and returns unallocated DMC, products halt and resume and anyone evicts a
/// halted product's NFTs. Inputs are bounded and what cannot succeed is skipped, so no call reverts.
/// Ghosts: DMC paid out (claims, returns), and what each pool was due — its share of the emission segment by segment
/// between share changes — to compare with claimed + pending + unallocated.
contract MiningHandler is TestBase {
    DMCMining public immutable mining;
    HashrateNFT public immutable nft;
    HaltSwitch public immutable halts;
    IERC20 public immutable dmc;
    address public immutable admin;

    address[] internal _actors;
    uint256[] internal _tokens;
    uint256[] internal _products;

    uint256 public ghost_claimed;
    uint256 public ghost_returned;
    uint256 public ghost_updates;
    uint256 public ghost_dueBefore; // pools' due emission up to the last share change
    uint256 public ghost_segmentStart; // time of the last share change
    uint256 public ghost_nothingClaimedReverts;

    constructor(
        DMCMining mining_,
        HashrateNFT nft_,
        HaltSwitch halts_,
        address admin_,
        address[] memory actors_,
        uint256[] memory tokens_,
        uint256[] memory products_
    ) {
        mining = mining_;
        nft = nft_;
        halts = halts_;
        dmc = mining_.dmc();
        admin = admin_;
        _actors = actors_;
        _tokens = tokens_;
        _products = products_;
        ghost_segmentStart = block.timestamp;
    }

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function tokens() external view returns (uint256[] memory) {
        return _tokens;
    }

    /// @notice The sum of the pools' shares now (parts per million).
    function totalShare() public view returns (uint256 s) {
        uint256 n = mining.poolCount();
        for (uint256 pid; pid < n; ++pid) {
            s += mining.pool(pid).share;
        }
    }

    /// @notice What all pools were due from the first action until now.
    function due() external view returns (uint256) {
        return ghost_dueBefore
            + (mining.emittedAt(block.timestamp) - mining.emittedAt(ghost_segmentStart)) * totalShare() / 1e6;
    }

    // ---------------------------------------------------------------- actions

    function stake(uint256 actorSeed, uint256 poolSeed, uint256 amount) external {
        address who = _actor(actorSeed);
        uint256 pid = bound(poolSeed, 1, 3);
        IERC20 token = IERC20(mining.pool(pid).token);
        amount = bound(amount, 1, token.balanceOf(who) / 4 + 1);
        if (token.balanceOf(who) < amount) return;
        vm.prank(who);
        mining.stake(pid, amount);
        ghost_updates += 1;
    }

    function unstake(uint256 actorSeed, uint256 poolSeed, uint256 amount) external {
        address who = _actor(actorSeed);
        uint256 pid = bound(poolSeed, 1, 3);
        (uint256 staked,) = mining.positionOf(pid, who);
        if (staked == 0) return;
        amount = bound(amount, 1, staked);
        vm.prank(who);
        mining.unstake(pid, amount);
        ghost_updates += 1;
    }

    function stakeNft(uint256 tokenSeed) external {
        uint256 tokenId = _tokens[bound(tokenSeed, 0, _tokens.length - 1)];
        address owner = nft.ownerOf(tokenId);
        if (owner == address(mining) || halts.isHalted(tokenId / 1_000_000)) return;
        uint256[] memory ids = new uint256[](1);
        ids[0] = tokenId;
        vm.prank(owner);
        mining.stakeNft(ids);
        ghost_updates += 1;
    }

    function unstakeNft(uint256 tokenSeed) external {
        uint256 tokenId = _tokens[bound(tokenSeed, 0, _tokens.length - 1)];
        (address staker,) = mining.stakedNft(tokenId);
        if (staker == address(0)) return;
        uint256[] memory ids = new uint256[](1);
        ids[0] = tokenId;
        vm.prank(staker);
        mining.unstakeNft(ids);
        ghost_updates += 1;
    }

    function claim(uint256 actorSeed, uint256 mask) external {
        address who = _actor(actorSeed);
        mask = bound(mask, 1, 15);
        uint256 count;
        for (uint256 pid; pid < 4; ++pid) {
            if (mask & (1 << pid) != 0) ++count;
        }
        uint256[] memory pids = new uint256[](count);
        uint256 expected;
        uint256 j;
        for (uint256 pid; pid < 4; ++pid) {
            if (mask & (1 << pid) == 0) continue;
            pids[j++] = pid;
            (, uint256 p) = mining.positionOf(pid, who);
            expected += p;
        }
        uint256 before = dmc.balanceOf(who);
        vm.prank(who);
        if (expected == 0) {
            try mining.claim(pids) {
                revert("claimed with nothing pending");
            } catch (bytes memory err) {
                require(bytes4(err) == DMCMining.DMCMiningNothingToClaim.selector, "unexpected claim error");
                ++ghost_nothingClaimedReverts;
            }
            return;
        }
        mining.claim(pids);
        uint256 got = dmc.balanceOf(who) - before;
        require(got == expected, "claimed exactly the pending DMC");
        ghost_claimed += got;
        ghost_updates += count;
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 40 days));
    }

    function setSplit(uint256 a, uint256 b) external {
        uint16 behaviour = uint16(bound(a, 0, 10_000));
        uint16 liquidity = uint16(bound(b, 0, 10_000 - behaviour));
        uint16 staking = 10_000 - behaviour - liquidity;
        _closeSegment();
        vm.prank(admin);
        mining.setSplit([behaviour, liquidity, staking]);
        ghost_updates += 4;
    }

    function setAlloc(uint256 poolSeed, uint256 alloc) external {
        uint256 pid = bound(poolSeed, 0, 3);
        _closeSegment();
        vm.prank(admin);
        mining.setAlloc(pid, uint32(bound(alloc, 0, 7)));
        ghost_updates += 4;
    }

    function toggleHalt(uint256 productSeed) external {
        uint256 productId = _products[bound(productSeed, 0, _products.length - 1)];
        halts.setHalted(productId, !halts.isHalted(productId));
    }

    function evict(uint256 tokenSeed) external {
        uint256 tokenId = _tokens[bound(tokenSeed, 0, _tokens.length - 1)];
        (address staker,) = mining.stakedNft(tokenId);
        if (staker == address(0) || !halts.isHalted(tokenId / 1_000_000)) return;
        uint256[] memory ids = new uint256[](1);
        ids[0] = tokenId;
        mining.evict(ids);
        require(nft.ownerOf(tokenId) == staker, "evicted to its staker");
        ghost_updates += 1;
    }

    function returnUnallocated() external {
        // bring every pool up to date the way the contract will, to know whether anything is there
        vm.prank(admin);
        try mining.returnUnallocated(admin) {
            ghost_updates += 4;
        } catch (bytes memory err) {
            require(bytes4(err) == DMCMining.DMCMiningNothingToReturn.selector, "unexpected return error");
            return;
        }
        ghost_returned = dmc.balanceOf(admin);
    }

    function _closeSegment() private {
        ghost_dueBefore +=
            (mining.emittedAt(block.timestamp) - mining.emittedAt(ghost_segmentStart)) * totalShare() / 1e6;
        ghost_segmentStart = block.timestamp;
    }

    function _actor(uint256 seed) private view returns (address) {
        return _actors[bound(seed, 0, _actors.length - 1)];
    }
}
