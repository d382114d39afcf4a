// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IEmissionSchedule} from "../../src/interfaces/IEmissionSchedule.sol";
import {TestBase} from "./Vm.sol";
import {HashrateNFT} from "../../src/HashrateNFT.sol";
import {RevenueEscrow} from "../../src/RevenueEscrow.sol";
import {IFIL} from "../../src/IFIL.sol";
import {YieldOracle} from "../../src/YieldOracle.sol";
import {YieldDistributor} from "../../src/YieldDistributor.sol";
import {InsuranceFund} from "../../src/InsuranceFund.sol";
import {DefaultGuard} from "../../src/DefaultGuard.sol";
import {StepVestingWallet} from "../../src/StepVestingWallet.sol";
import {DMC} from "../../src/DMC.sol";
import {DMEXGovernor} from "../../src/DMEXGovernor.sol";
import {Council} from "../../src/Council.sol";
import {CouncilGate} from "../../src/CouncilGate.sol";
import {MinerRegistry} from "../../src/MinerRegistry.sol";
import {Marketplace} from "../../src/Marketplace.sol";
import {LoanMarket} from "../../src/LoanMarket.sol";
import {IYieldRecord} from "../../src/interfaces/IYieldRecord.sol";
import {IYieldOracle} from "../../src/interfaces/IYieldOracle.sol";
import {MockUSDT} from "../../mocks/MockUSDT.sol";
import {MockWBTC} from "../../mocks/MockWBTC.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @notice The whole protocol deployed and wired exactly as `scripts/lib/deploy.ts` does on the local chain
/// (same order, same constructor arguments, same role grants, the deployer — this contract — renouncing every
/// role), with the production governance numbers (1-day delay, 5-day vote, 2-day timelock, quorum the larger of
/// 25% of the votable DMC and 20,000,001 DMC). Vesting started three years before, as in the demo, so the team
/// and the private sale hold and vote their DMC; the foundation keeps its 10M. Every holder self-delegates.
abstract contract FullDeployment is TestBase {
    /// @dev Stands in for DMCMining's address (the council gate refuses any call to it); not deployed here.
    address internal constant MINING = address(0xD1171);
    address internal constant POOL_GUARD = address(0x9001);
    uint256 internal constant LAUNCH = 1_850_000_000;
    uint256 internal constant DELAY = 2 days;
    uint48 internal constant VOTING_DELAY = 1 days;
    uint32 internal constant VOTING_PERIOD = 5 days;

    TimelockController internal timelock;
    HashrateNFT internal nft;
    RevenueEscrow internal escrow;
    IFIL internal ifil;
    YieldOracle internal oracle;
    YieldDistributor internal distributor;
    InsuranceFund internal fund;
    DefaultGuard internal guard;
    StepVestingWallet internal teamVesting;
    StepVestingWallet internal privateVesting;
    DMC internal dmc;
    DMEXGovernor internal governor;
    Council internal council;
    CouncilGate internal gate;
    MinerRegistry internal registry;
    Marketplace internal market;
    LoanMarket internal loans;
    MockUSDT internal usdt;

    address internal foundation = address(0xF0D);
    address internal team = address(0x7EA3);
    address internal privateSale = address(0x9A1);
    address[] internal reporters;
    address[] internal councilMembers;

    function setUp() public virtual {
        vm.warp(LAUNCH);
        for (uint256 i; i < 3; ++i) reporters.push(address(uint160(0x5E90 + i)));
        for (uint256 i; i < 7; ++i) councilMembers.push(address(uint160(0xC0C0 + i)));
        address deployer = address(this);

        usdt = new MockUSDT();
        MockWBTC wbtc = new MockWBTC();
        address[] memory none = new address[](0);
        address[] memory anyone = new address[](1);
        timelock = new TimelockController(DELAY, none, anyone, deployer);
        nft = new HashrateNFT(deployer, "http://localhost:3000/api/nft/");
        escrow = new RevenueEscrow(deployer, nft, usdt);
        ifil = new IFIL(deployer, 0);
        oracle = new YieldOracle(deployer);
        distributor = new YieldDistributor(address(timelock), nft, ifil, wbtc);
        // Fund, guard, vesting x2, DMC, governor, council, then the registry: predicted 7 creations ahead.
        MinerRegistry predicted = MinerRegistry(_createAddress(deployer, vm.getNonce(deployer) + 7));
        fund = new InsuranceFund(address(timelock), nft, predicted, escrow);
        guard = new DefaultGuard(
            address(timelock), nft, predicted, escrow, IYieldRecord(address(distributor)), IYieldOracle(address(oracle))
        );
        uint64 start = uint64(LAUNCH - 3 * 365 days);
        teamVesting = new StepVestingWallet(team, start, 30 days, 36, 0);
        privateVesting = new StepVestingWallet(privateSale, start, 90 days, 4, 2000);
        DMC.Allocation[] memory a = new DMC.Allocation[](5);
        a[0] = DMC.Allocation(address(timelock), 50_000_000e18);
        a[1] = DMC.Allocation(address(fund), 10_000_000e18);
        a[2] = DMC.Allocation(foundation, 10_000_000e18);
        a[3] = DMC.Allocation(address(teamVesting), 10_000_000e18);
        a[4] = DMC.Allocation(address(privateVesting), 20_000_000e18);
        address[] memory locked = new address[](5);
        (locked[0], locked[1], locked[2], locked[3], locked[4]) =
            (address(timelock), address(fund), address(teamVesting), address(privateVesting), address(predicted));
        dmc = new DMC(a, locked, IEmissionSchedule(address(0)));
        governor = new DMEXGovernor(dmc, timelock, VOTING_DELAY, VOTING_PERIOD, 100_000e18, 25, 20_000_001e18);
        council = new Council(councilMembers, 4, address(timelock));
        registry = new MinerRegistry(address(timelock), nft, dmc, address(fund), 20_000e18, address(guard), address(governor));
        require(registry == predicted, "registry address");
        market = new Marketplace(address(timelock), nft, usdt, address(timelock), 200, 500, escrow, address(fund), 2000);
        loans = new LoanMarket(address(timelock), nft, registry, distributor, usdt, address(timelock));
        gate = new CouncilGate(timelock, address(council), address(dmc), address(fund), address(nft), address(ifil), MINING, POOL_GUARD, DELAY);

        // Roles, as deploy.ts grants them; then the deployer renounces.
        bytes32 admin = 0x00;
        escrow.grantRole(escrow.DEPOSITOR_ROLE(), address(market));
        escrow.grantRole(escrow.HALTER_ROLE(), address(guard));
        escrow.grantRole(escrow.RESUMER_ROLE(), address(guard));
        escrow.grantRole(escrow.HALTER_ROLE(), address(timelock));
        escrow.grantRole(escrow.RESUMER_ROLE(), address(timelock));
        escrow.grantRole(admin, address(timelock));
        escrow.renounceRole(admin, deployer);
        ifil.grantRole(admin, address(timelock)); // FIL is native here (chain 31337): no bridge role
        ifil.renounceRole(admin, deployer);
        for (uint256 i; i < reporters.length; ++i) oracle.grantRole(oracle.REPORTER_ROLE(), reporters[i]);
        oracle.grantRole(admin, address(timelock));
        oracle.renounceRole(admin, deployer);
        nft.grantRole(nft.ISSUER_ROLE(), address(registry));
        nft.setSaleChannel(address(market));
        nft.grantRole(nft.ESCROW_ROLE(), address(escrow));
        nft.grantRole(nft.CLAIMS_ROLE(), address(distributor));
        nft.grantRole(nft.CLAIMS_ROLE(), address(fund));
        nft.grantRole(admin, address(timelock));
        nft.renounceRole(admin, deployer);
        timelock.grantRole(timelock.PROPOSER_ROLE(), address(governor));
        timelock.grantRole(timelock.CANCELLER_ROLE(), address(governor));
        timelock.grantRole(timelock.PROPOSER_ROLE(), address(gate));
        timelock.grantRole(timelock.CANCELLER_ROLE(), address(gate));
        timelock.renounceRole(admin, deployer);

        // The holders: vested DMC released, everyone self-delegated.
        teamVesting.release(address(dmc));
        privateVesting.release(address(dmc));
        address[3] memory holders = [foundation, team, privateSale];
        for (uint256 i; i < holders.length; ++i) {
            vm.prank(holders[i]);
            dmc.delegate(holders[i]);
        }
        vm.warp(block.timestamp + 1);
    }

    /// @dev The CREATE address of `deployer`'s contract with `nonce` (nonces 1..127, ample for this fixture).
    function _createAddress(address deployer, uint256 nonce) internal pure returns (address) {
        require(nonce > 0 && nonce < 0x80, "nonce range");
        return address(uint160(uint256(keccak256(abi.encodePacked(bytes1(0xd6), bytes1(0x94), deployer, uint8(nonce))))));
    }
}
