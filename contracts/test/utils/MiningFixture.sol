// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {YieldFixture} from "./YieldFixture.sol";
import {DMC} from "../../src/DMC.sol";
import {IEmissionSchedule} from "../../src/interfaces/IEmissionSchedule.sol";
import {DMCMining, IMiningNft, IMiningEscrow, IMiningYield} from "../../src/DMCMining.sol";
import {HashrateNFT} from "../../src/HashrateNFT.sol";
import {HaltSwitch} from "../mocks/HaltSwitch.sol";
import {PlainToken} from "../mocks/PlainToken.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice The real DMC (votes; the mining contract is its `miningReserve`) with its 50M mining reserve minted to a
/// DMCMining deployed right after it (its address predicted from this contract's nonce), on the yield fixture's
/// NFT and distributor. Pools: 0 the NFT pool (behaviour 30%), 1 LP (liquidity 60%), 2 DMC and 3 USDT (staking
/// 10%, half each). Emission starts at `START` (an hour after the clock's start).
abstract contract MiningFixture is YieldFixture {
    DMC internal dmc;
    DMCMining internal mining;
    HaltSwitch internal halts;
    PlainToken internal lp;
    PlainToken internal usdt;
    address internal foundation = address(0xF0);
    address internal carol = address(0xCA201);

    uint256 internal START;
    uint256 internal constant LP_POOL = 1;
    uint256 internal constant DMC_POOL = 2;
    uint256 internal constant USDT_POOL = 3;
    uint256 internal constant HALF_YEAR = 15_768_000;

    function setUp() public virtual override {
        super.setUp();
        START = block.timestamp + 1 hours;
        halts = new HaltSwitch();
        lp = new PlainToken("UNI-V2", 18);
        usdt = new PlainToken("USDT", 6);
        address predicted = _createAddress(address(this), vm.getNonce(address(this)) + 1);
        DMC.Allocation[] memory a = new DMC.Allocation[](2);
        a[0] = DMC.Allocation({recipient: predicted, amount: 50_000_000e18});
        a[1] = DMC.Allocation({recipient: foundation, amount: 50_000_000e18});
        // the mining contract is not a locked holder: its unreleased reserve is left out of the quorum instead
        dmc = new DMC(a, new address[](0), IEmissionSchedule(predicted));
        mining = new DMCMining(
            admin,
            IERC20(address(dmc)),
            IMiningNft(address(nft)),
            IMiningEscrow(address(halts)),
            IMiningYield(address(dist)),
            IERC20(address(ifil)),
            IERC20(address(wbtc)),
            1_000_000,
            START,
            [uint16(3000), uint16(6000), uint16(1000)]
        );
        require(address(mining) == predicted, "mining address");
        vm.startPrank(admin);
        mining.addPool(address(lp), DMCMining.Program.Liquidity, 1);
        mining.addPool(address(dmc), DMCMining.Program.Staking, 1);
        mining.addPool(address(usdt), DMCMining.Program.Staking, 1);
        vm.stopPrank();
        vm.label(address(mining), "mining");
        vm.label(carol, "carol");
    }

    /// @dev A FIL product of `count` NFTs of `milliTiB` each, all sold to `to` (first sales through the stub escrow).
    function _soldNfts(address to, uint32 count, uint128 milliTiB) internal returns (uint256[] memory ids) {
        uint256 pid = _product(HashrateNFT.Coin.FIL, count, milliTiB, count, 540);
        ids = new uint256[](count);
        vm.startPrank(miner);
        for (uint256 i; i < count; ++i) {
            ids[i] = _tokenOf(pid, i + 1);
            nft.transferFromFirstSale(miner, to, ids[i], stubEscrow, 1);
        }
        vm.stopPrank();
        vm.prank(to);
        nft.setApprovalForAll(address(mining), true);
    }

    /// @dev Gives `who` `amount` of a pool's token and approves the mining contract.
    function _fundToken(address who, uint256 poolId, uint256 amount) internal {
        if (poolId == LP_POOL) lp.mint(who, amount);
        else if (poolId == USDT_POOL) usdt.mint(who, amount);
        else {
            vm.prank(foundation);
            dmc.transfer(who, amount);
        }
        IERC20 token = IERC20(mining.pool(poolId).token);
        vm.prank(who);
        token.approve(address(mining), type(uint256).max);
    }

    function _stake(address who, uint256 poolId, uint256 amount) internal {
        _fundToken(who, poolId, amount);
        vm.prank(who);
        mining.stake(poolId, amount);
    }

    function _claim(address who, uint256 poolId) internal returns (uint256 got) {
        uint256 before = dmc.balanceOf(who);
        uint256[] memory p = new uint256[](1);
        p[0] = poolId;
        vm.prank(who);
        mining.claim(p);
        got = dmc.balanceOf(who) - before;
    }

    function _pending(address who, uint256 poolId) internal view returns (uint256 p) {
        (, p) = mining.positionOf(poolId, who);
    }

    /// @dev The reference emission: 5/3 DMC a second halving every half-year from START, capped at 50M.
    function _refEmitted(uint256 t) internal view returns (uint256 e) {
        if (t <= START) return 0;
        uint256 dt = t - START;
        uint256 k;
        while (dt >= HALF_YEAR && k < 8) {
            e += 26_280_000e18 >> k;
            dt -= HALF_YEAR;
            ++k;
        }
        if (k < 8) e += 5e18 * dt / (3 << k);
        if (e > 50_000_000e18) e = 50_000_000e18;
    }

    function _createAddress(address deployer, uint256 nonce) internal pure returns (address) {
        require(nonce > 0 && nonce < 0x80, "nonce");
        return address(uint160(uint256(keccak256(abi.encodePacked(bytes1(0xd6), bytes1(0x94), deployer, uint8(nonce))))));
    }
}
