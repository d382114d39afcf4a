// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {RegistryFixture} from "./RegistryFixture.sol";
import {DefaultGuard} from "../../src/DefaultGuard.sol";
import {InsuranceFund} from "../../src/InsuranceFund.sol";
import {IYieldRecord} from "../../src/interfaces/IYieldRecord.sol";
import {IYieldOracle} from "../../src/interfaces/IYieldOracle.sol";
import {MockYieldRecord} from "../mocks/MockYieldRecord.sol";
import {MockYieldOracle} from "../mocks/MockYieldOracle.sol";

/// @notice The registry fixture wired as the deployment must wire issue 5 (governance = the timelock):
/// the InsuranceFund is the registry's and the marketplace's insurance fund; the DefaultGuard is the registry's
/// slasher and holds the escrow's HALTER_ROLE and RESUMER_ROLE; governance holds both roles too; the marketplace
/// is the escrow's depositor (RegistryFixture). Yield record and oracle are mocks. One active product of 100
/// NFTs of 1 TiB (units = 100,000 thousandths), 540 days from next week, all minted to the miner.
abstract contract DefaultFixture is RegistryFixture {
    DefaultGuard internal guard;
    InsuranceFund internal fund;
    MockYieldRecord internal record;
    MockYieldOracle internal oracle;

    uint256 internal appId;
    uint256 internal pid;
    uint256 internal firstDay;
    uint256 internal endDay;
    uint256 internal constant UNITS = 100_000; // 100 NFTs x 1 TiB, in thousandths
    uint256 internal constant MEDIAN = 2.2e15; // oracle: 0.0022 FIL per TiB per day
    uint8 internal constant FIL = 0;

    function setUp() public virtual override {
        super.setUp();
        record = new MockYieldRecord();
        oracle = new MockYieldOracle();
        fund = new InsuranceFund(governance, nft, registry, escrow);
        guard = new DefaultGuard(
            governance, nft, registry, escrow, IYieldRecord(address(record)), IYieldOracle(address(oracle))
        );
        vm.startPrank(governance);
        registry.setInsuranceFund(address(fund));
        registry.setSlasher(address(guard));
        market.setInsuranceFund(address(fund));
        escrow.grantRole(escrow.HALTER_ROLE(), address(guard));
        escrow.grantRole(escrow.RESUMER_ROLE(), address(guard));
        escrow.grantRole(escrow.HALTER_ROLE(), governance);
        escrow.grantRole(escrow.RESUMER_ROLE(), governance);
        nft.grantRole(nft.CLAIMS_ROLE(), address(fund));
        vm.stopPrank();

        (appId, pid) = _active();
        vm.prank(miner);
        registry.mint(appId, 100);
        firstDay = nft.product(pid).termStart / 1 days;
        endDay = nft.product(pid).termEnd / 1 days;
    }

    function _tok(uint256 serial) internal view returns (uint256) {
        return pid * TPP + serial;
    }

    function _warpToDay(uint256 day) internal {
        vm.warp(day * 1 days + 1 hours);
    }

    /// @dev Deposits `amount` for each day of [from, to) and sets the oracle median for them.
    function _pay(uint256 from, uint256 to, uint256 amount, uint256 median) internal {
        for (uint256 d = from; d < to; ++d) {
            record.setDeposited(pid, d, amount);
            oracle.setAverage(FIL, d, median);
        }
    }

    /// @dev Yield at `bps` of the oracle median for the whole product (median per whole unit x units / 1000).
    function _at(uint256 bps) internal pure returns (uint256) {
        return MEDIAN * UNITS / 1000 * bps / 10_000;
    }
}
