// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {RegistryFixture} from "./utils/RegistryFixture.sol";
import {HashrateNFT} from "../src/HashrateNFT.sol";
import {Marketplace} from "../src/Marketplace.sol";
import {MinerRegistry} from "../src/MinerRegistry.sol";
import {MockDMC} from "./mocks/MockDMC.sol";
import {ReentrantDMC} from "./mocks/ReentrantDMC.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @notice Unit tests of MinerRegistry: every validation rule, every access rule, every transition from every wrong
/// state, the end-to-end path to a Marketplace sale, slashing, withdrawal at the term's end, setters and reentrancy.
contract MinerRegistryTest is RegistryFixture {
    MinerRegistry.Status internal constant PENDING = MinerRegistry.Status.Pending;
    MinerRegistry.Status internal constant APPROVED = MinerRegistry.Status.Approved;
    MinerRegistry.Status internal constant REJECTED = MinerRegistry.Status.Rejected;
    MinerRegistry.Status internal constant ACTIVE = MinerRegistry.Status.Active;
    MinerRegistry.Status internal constant SLASHED = MinerRegistry.Status.Slashed;
    MinerRegistry.Status internal constant COMPLETED = MinerRegistry.Status.Completed;
    /// @dev Every status, Withdrawn included; the loops skip Withdrawn, which no application reaches any more.
    uint256 internal constant STATUS_COUNT = 9;

    // ================================================================ constructor and fixture

    function test_Constructor_SetsState() public view {
        vm.assertEq(registry.governance(), governance, "governance");
        vm.assertEq(address(registry.nft()), address(nft), "nft");
        vm.assertEq(address(registry.dmc()), address(dmc), "dmc");
        vm.assertEq(registry.insuranceFund(), insurance, "insurance fund");
        vm.assertEq(registry.stakeAmount(), STAKE, "stake amount");
        vm.assertEq(registry.slasher(), address(0), "no slasher");
        vm.assertEq(registry.applicationCount(), 0, "no applications");
    }

    function test_Constructor_EmitsStakeAmountAndInsuranceFund() public {
        vm.expectEmit(true, true, true, true);
        emit MinerRegistry.StakeAmountUpdated(0, 7e18);
        vm.expectEmit(true, true, true, true);
        emit MinerRegistry.InsuranceFundUpdated(address(0), insurance);
        new MinerRegistry(governance, nft, dmc, insurance, 7e18, address(0), address(0));
    }

    /// @dev The slasher (the DefaultGuard) can be set at construction, so the deployment needs no governance call.
    function test_Constructor_SetsSlasher() public {
        vm.expectEmit(true, true, true, true);
        emit MinerRegistry.SlasherUpdated(address(0), slasherBot);
        MinerRegistry r = new MinerRegistry(governance, nft, dmc, insurance, STAKE, slasherBot, address(0));
        vm.assertEq(r.slasher(), slasherBot, "slasher");
    }

    /// @dev The fixture hands ISSUER_ROLE to the registry the way the deployment will: the NFT's admin
    /// (governance) grants it; neither the deployer nor governance can issue themselves.
    function test_Fixture_OnlyTheRegistryIsIssuer() public view {
        bytes32 issuerRole = nft.ISSUER_ROLE();
        bytes32 adminRole = nft.DEFAULT_ADMIN_ROLE();
        vm.assertTrue(nft.hasRole(issuerRole, address(registry)), "registry is issuer");
        vm.assertFalse(nft.hasRole(issuerRole, address(this)), "deployer is not issuer");
        vm.assertFalse(nft.hasRole(adminRole, address(this)), "deployer is not admin");
        vm.assertFalse(nft.hasRole(issuerRole, governance), "governance is not issuer");
        vm.assertTrue(nft.hasRole(adminRole, governance), "governance administers the NFT");
    }

    function test_RevertWhen_ConstructorGovernanceIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(MinerRegistry.MinerRegistryInvalidGovernance.selector));
        new MinerRegistry(address(0), nft, dmc, insurance, STAKE, address(0), address(0));
    }

    function test_RevertWhen_ConstructorNftIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(MinerRegistry.MinerRegistryInvalidNft.selector));
        new MinerRegistry(governance, HashrateNFT(address(0)), dmc, insurance, STAKE, address(0), address(0));
    }

    function test_RevertWhen_ConstructorDmcIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(MinerRegistry.MinerRegistryInvalidToken.selector));
        new MinerRegistry(governance, nft, MockDMC(address(0)), insurance, STAKE, address(0), address(0));
    }

    function test_RevertWhen_ConstructorInsuranceFundIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(MinerRegistry.MinerRegistryInvalidInsuranceFund.selector, address(0)));
        new MinerRegistry(governance, nft, dmc, address(0), STAKE, address(0), address(0));
    }

    function test_RevertWhen_ConstructorStakeAmountTooHigh() public {
        uint256 max = registry.MAX_STAKE_AMOUNT();
        vm.expectRevert(abi.encodeWithSelector(MinerRegistry.MinerRegistryStakeAmountTooHigh.selector, max + 1, max));
        new MinerRegistry(governance, nft, dmc, insurance, max + 1, address(0), address(0));
    }

    function test_Constructor_AcceptsMaxAndZeroStakeAmount() public {
        uint256 max = registry.MAX_STAKE_AMOUNT();
        vm.assertEq(new MinerRegistry(governance, nft, dmc, insurance, max, address(0), address(0)).stakeAmount(), max, "max");
        vm.assertEq(new MinerRegistry(governance, nft, dmc, insurance, 0, address(0), address(0)).stakeAmount(), 0, "zero");
    }

    // ================================================================ submitApplication: happy path

    function test_Submit_StoresApplicationAndEmits() public {
        MinerRegistry.ApplicationParams memory p = _params();
        vm.expectEmit(true, true, true, true, address(registry));
        emit MinerRegistry.ApplicationSubmitted(1, miner, HashrateNFT.Coin.FIL, p);
        vm.prank(miner);
        uint256 id = registry.submitApplication(p);

        vm.assertEq(id, 1, "ids start at 1");
        vm.assertEq(registry.applicationCount(), 1, "count");
        MinerRegistry.Application memory a = registry.application(id);
        _assertParams(a, p);
        vm.assertEq(a.miner, miner, "miner");
        vm.assertEq(uint256(a.status), uint256(PENDING), "pending");
        vm.assertEq(a.requiredStake, 0, "no stake before approval");
        vm.assertEq(a.productId, 0, "no product before activation");
        uint256[] memory ids = registry.applicationsOf(miner);
        vm.assertEq(ids.length, 1, "one id for the miner");
        vm.assertEq(ids[0], 1, "the id");
    }

    function test_Submit_IdsIncrementAndAreListedPerMiner() public {
        uint256 a = _submit(miner, _params());
        uint256 b = _submit(miner2, _params());
        uint256 c = _submit(miner, _params());
        vm.assertEq(a, 1, "first");
        vm.assertEq(b, 2, "second");
        vm.assertEq(c, 3, "third");
        vm.assertEq(registry.applicationCount(), 3, "count");
        uint256[] memory ofMiner = registry.applicationsOf(miner);
        uint256[] memory ofMiner2 = registry.applicationsOf(miner2);
        vm.assertEq(ofMiner.length, 2, "miner has two");
        vm.assertEq(ofMiner[0], 1, "miner first");
        vm.assertEq(ofMiner[1], 3, "miner second");
        vm.assertEq(ofMiner2.length, 1, "miner2 has one");
        vm.assertEq(ofMiner2[0], 2, "miner2 first");
        vm.assertEq(registry.applicationsOf(stranger).length, 0, "stranger has none");
        vm.assertEq(registry.application(b).miner, miner2, "the caller is the miner");
    }

    /// @dev Every bound at its inclusive edge is accepted in one application.
    function test_Submit_AcceptsEveryBoundary() public {
        MinerRegistry.ApplicationParams memory p = _params();
        p.name = _str(100);
        p.documentsURI = _str(200);
        p.nodeId = string.concat("f0", _digits(20));
        p.nftCount = 999_999;
        p.hashratePerNFT = 3;
        p.effectiveHashrate = 999_999 * 3; // sold == effective
        p.totalHashrate = 999_999 * 3; // effective == total
        p.termDays = 1825;
        p.termStart = uint64(block.timestamp - 1 days);
        p.pricePerNFT = 1;
        p.expectedDailyYieldPerUnit = 0;
        uint256 id = _submit(miner, p);
        _assertParams(registry.application(id), p);

        p.name = "x";
        p.documentsURI = "y";
        p.nodeId = "f00";
        p.nftCount = 1;
        p.hashratePerNFT = 1;
        p.effectiveHashrate = 1;
        p.totalHashrate = type(uint128).max;
        p.termDays = 1;
        p.termStart = uint64(block.timestamp + 365 days - 1);
        p.pricePerNFT = type(uint96).max;
        p.expectedDailyYieldPerUnit = type(uint128).max;
        id = _submit(miner, p);
        _assertParams(registry.application(id), p);
    }

    /// @dev The stored application becomes a product HashrateNFT accepts at both extremes of the term.
    function test_Submit_ExtremesActivateOnHashrateNFT() public {
        MinerRegistry.ApplicationParams memory p = _params();
        p.nodeId = string.concat("f0", _digits(20));
        p.termDays = 1825;
        p.termStart = uint64(block.timestamp + 365 days - 1);
        p.nftCount = 999_999;
        p.hashratePerNFT = 1;
        p.effectiveHashrate = 999_999;
        p.totalHashrate = 999_999;
        uint256 id = _submit(miner, p);
        _approve(id);
        uint256 productId = _activate(id);
        HashrateNFT.Product memory prod = nft.product(productId);
        vm.assertEq(prod.termEnd - prod.termStart, 1825 days, "max term");
        vm.assertEq(prod.nftCount, 999_999, "max count");

        p.coin = HashrateNFT.Coin.BTC;
        p.nodeId = _str(64);
        p.termDays = 1;
        p.termStart = uint64(block.timestamp - 1 days);
        id = _submit(miner, p);
        _approve(id);
        productId = _activate(id);
        prod = nft.product(productId);
        vm.assertEq(prod.termEnd - prod.termStart, 1 days, "one-day term");
        vm.assertEq(prod.nodeId, _str(64), "64-byte BTC node id");
        vm.assertEq(uint256(prod.coin), uint256(HashrateNFT.Coin.BTC), "BTC");
    }

    // ================================================================ submitApplication: one revert per rule

    function test_RevertWhen_SubmitNameEmpty() public {
        MinerRegistry.ApplicationParams memory p = _params();
        p.name = "";
        _expectSubmitRevert(p, abi.encodeWithSelector(MinerRegistry.MinerRegistryInvalidName.selector, 0, 100));
    }

    function test_RevertWhen_SubmitNameTooLong() public {
        MinerRegistry.ApplicationParams memory p = _params();
        p.name = _str(101);
        _expectSubmitRevert(p, abi.encodeWithSelector(MinerRegistry.MinerRegistryInvalidName.selector, 101, 100));
    }

    function test_RevertWhen_SubmitDocumentsURIEmpty() public {
        MinerRegistry.ApplicationParams memory p = _params();
        p.documentsURI = "";
        _expectSubmitRevert(p, abi.encodeWithSelector(MinerRegistry.MinerRegistryInvalidDocumentsURI.selector, 0, 200));
    }

    function test_RevertWhen_SubmitDocumentsURITooLong() public {
        MinerRegistry.ApplicationParams memory p = _params();
        p.documentsURI = _str(201);
        _expectSubmitRevert(
            p, abi.encodeWithSelector(MinerRegistry.MinerRegistryInvalidDocumentsURI.selector, 201, 200)
        );
    }

    function test_RevertWhen_SubmitDocumentsHashZero() public {
        MinerRegistry.ApplicationParams memory p = _params();
        p.documentsHash = bytes32(0);
        _expectSubmitRevert(p, abi.encodeWithSelector(MinerRegistry.MinerRegistryInvalidDocumentsHash.selector));
    }

    function test_Submit_FilNodeIdFormats() public {
        string[4] memory valid = ["f01234", "f00", "f09", string.concat("f0", _digits(20))];
        for (uint256 i; i < valid.length; ++i) {
            MinerRegistry.ApplicationParams memory p = _params();
            p.nodeId = valid[i];
            uint256 id = _submit(miner, p);
            vm.assertEq(registry.application(id).nodeId, valid[i], "valid FIL node id stored");
        }
    }

    function test_RevertWhen_SubmitFilNodeIdMalformed() public {
        string[13] memory invalid = [
            "f1abc", // not an id address
            "f0", // no digits
            "f0x12", // hex
            "t01234", // testnet prefix
            string.concat("f0", _digits(21)), // 21 digits
            "", // empty
            "F01234", // upper case
            "f01234 ", // trailing space
            " f01234", // leading space
            "f012a4", // letter inside
            "f0-1", // sign
            "f", // prefix only
            "01234" // no prefix
        ];
        for (uint256 i; i < invalid.length; ++i) {
            MinerRegistry.ApplicationParams memory p = _params();
            p.nodeId = invalid[i];
            _expectSubmitRevert(
                p,
                abi.encodeWithSelector(
                    MinerRegistry.MinerRegistryInvalidNodeId.selector, HashrateNFT.Coin.FIL, invalid[i]
                )
            );
        }
    }

    /// @dev BTC node ids are free-form, 1..64 bytes; the FIL format is not required.
    function test_Submit_BtcNodeIdIsFreeForm() public {
        string[3] memory valid = ["bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "x", "f1abc"];
        for (uint256 i; i < valid.length; ++i) {
            MinerRegistry.ApplicationParams memory p = _params();
            p.coin = HashrateNFT.Coin.BTC;
            p.nodeId = valid[i];
            uint256 id = _submit(miner, p);
            vm.assertEq(registry.application(id).nodeId, valid[i], "BTC node id stored");
        }
    }

    function test_RevertWhen_SubmitBtcNodeIdEmpty() public {
        MinerRegistry.ApplicationParams memory p = _params();
        p.coin = HashrateNFT.Coin.BTC;
        p.nodeId = "";
        _expectSubmitRevert(
            p, abi.encodeWithSelector(MinerRegistry.MinerRegistryInvalidNodeId.selector, HashrateNFT.Coin.BTC, "")
        );
    }

    function test_RevertWhen_SubmitBtcNodeIdTooLong() public {
        MinerRegistry.ApplicationParams memory p = _params();
        p.coin = HashrateNFT.Coin.BTC;
        p.nodeId = _str(65);
        _expectSubmitRevert(
            p, abi.encodeWithSelector(MinerRegistry.MinerRegistryInvalidNodeId.selector, HashrateNFT.Coin.BTC, _str(65))
        );
    }

    function test_RevertWhen_SubmitEffectiveHashrateZero() public {
        MinerRegistry.ApplicationParams memory p = _params();
        p.effectiveHashrate = 0;
        _expectSubmitRevert(
            p, abi.encodeWithSelector(MinerRegistry.MinerRegistryInvalidEffectiveHashrate.selector, 0, 120_000)
        );
    }

    function test_RevertWhen_SubmitEffectiveAboveTotal() public {
        MinerRegistry.ApplicationParams memory p = _params();
        p.effectiveHashrate = 120_001;
        _expectSubmitRevert(
            p, abi.encodeWithSelector(MinerRegistry.MinerRegistryInvalidEffectiveHashrate.selector, 120_001, 120_000)
        );
    }

    function test_RevertWhen_SubmitHashratePerNftZero() public {
        MinerRegistry.ApplicationParams memory p = _params();
        p.hashratePerNFT = 0;
        _expectSubmitRevert(p, abi.encodeWithSelector(MinerRegistry.MinerRegistryInvalidHashratePerNFT.selector));
    }

    function test_RevertWhen_SubmitNftCountZero() public {
        MinerRegistry.ApplicationParams memory p = _params();
        p.nftCount = 0;
        _expectSubmitRevert(p, abi.encodeWithSelector(MinerRegistry.MinerRegistryInvalidNftCount.selector, 0, 999_999));
    }

    function test_RevertWhen_SubmitNftCountTooHigh() public {
        MinerRegistry.ApplicationParams memory p = _params();
        p.nftCount = 1_000_000;
        p.hashratePerNFT = 1;
        p.effectiveHashrate = 1_000_000;
        p.totalHashrate = 1_000_000;
        _expectSubmitRevert(
            p, abi.encodeWithSelector(MinerRegistry.MinerRegistryInvalidNftCount.selector, 1_000_000, 999_999)
        );
    }

    /// @dev 101 NFTs of 1 TiB out of 100 TiB effective: one NFT too many.
    function test_RevertWhen_SubmitSellsMoreThanEffective() public {
        MinerRegistry.ApplicationParams memory p = _params();
        p.nftCount = 101;
        _expectSubmitRevert(
            p, abi.encodeWithSelector(MinerRegistry.MinerRegistryHashrateOversold.selector, 101_000, 100_000)
        );
    }

    /// @dev The product of two large values does not overflow: it is computed in 256 bits.
    function test_RevertWhen_SubmitOversoldWithHugeValues() public {
        MinerRegistry.ApplicationParams memory p = _params();
        p.nftCount = 999_999;
        p.hashratePerNFT = type(uint128).max;
        p.effectiveHashrate = type(uint128).max;
        p.totalHashrate = type(uint128).max;
        _expectSubmitRevert(
            p,
            abi.encodeWithSelector(
                MinerRegistry.MinerRegistryHashrateOversold.selector,
                uint256(type(uint128).max) * 999_999,
                type(uint128).max
            )
        );
    }

    function test_RevertWhen_SubmitTermDaysZero() public {
        MinerRegistry.ApplicationParams memory p = _params();
        p.termDays = 0;
        _expectSubmitRevert(p, abi.encodeWithSelector(MinerRegistry.MinerRegistryInvalidTermDays.selector, 0, 1825));
    }

    function test_RevertWhen_SubmitTermDaysTooLong() public {
        MinerRegistry.ApplicationParams memory p = _params();
        p.termDays = 1826;
        _expectSubmitRevert(p, abi.encodeWithSelector(MinerRegistry.MinerRegistryInvalidTermDays.selector, 1826, 1825));
    }

    function test_RevertWhen_SubmitTermStartStale() public {
        MinerRegistry.ApplicationParams memory p = _params();
        p.termStart = uint64(START - 1 days - 1);
        _expectSubmitRevert(
            p,
            abi.encodeWithSelector(
                MinerRegistry.MinerRegistryInvalidTermStart.selector, p.termStart, START - 1 days, START + 365 days - 1
            )
        );
    }

    function test_RevertWhen_SubmitTermStartTooFar() public {
        MinerRegistry.ApplicationParams memory p = _params();
        p.termStart = uint64(START + 365 days);
        _expectSubmitRevert(
            p,
            abi.encodeWithSelector(
                MinerRegistry.MinerRegistryInvalidTermStart.selector, p.termStart, START - 1 days, START + 365 days - 1
            )
        );
    }

    function test_RevertWhen_SubmitPriceZero() public {
        MinerRegistry.ApplicationParams memory p = _params();
        p.pricePerNFT = 0;
        _expectSubmitRevert(p, abi.encodeWithSelector(MinerRegistry.MinerRegistryInvalidPricePerNFT.selector));
    }

    // ================================================================ approve / reject

    function test_Approve_SnapshotsStakeAndEmits() public {
        uint256 id = _submit();
        vm.expectEmit(true, true, true, true, address(registry));
        emit MinerRegistry.ApplicationApproved(id, STAKE);
        vm.prank(governance);
        registry.approve(id);
        MinerRegistry.Application memory a = registry.application(id);
        vm.assertEq(uint256(a.status), uint256(APPROVED), "approved");
        vm.assertEq(a.requiredStake, STAKE, "stake snapshotted");
        vm.assertEq(dmc.balanceOf(address(registry)), 0, "nothing staked yet");
    }

    function test_Reject_SetsRejectedAndEmitsReason() public {
        uint256 id = _submit();
        vm.expectEmit(true, true, true, true, address(registry));
        emit MinerRegistry.ApplicationRejected(id, "documents do not match the node");
        vm.prank(governance);
        registry.reject(id, "documents do not match the node");
        MinerRegistry.Application memory a = registry.application(id);
        vm.assertEq(uint256(a.status), uint256(REJECTED), "rejected");
        vm.assertEq(a.requiredStake, 0, "no stake");

        // Final: it can be neither approved nor staked.
        vm.prank(governance);
        vm.expectRevert(_stateError(id, REJECTED, PENDING));
        registry.approve(id);
        vm.prank(miner);
        vm.expectRevert(_stateError(id, REJECTED, APPROVED));
        registry.stakeAndActivate(id);
    }

    function test_RevertWhen_ApproveOrRejectCallerNotGovernance() public {
        uint256 id = _submit();
        vm.prank(governance);
        registry.setSlasher(slasherBot);
        address[4] memory callers = [miner, stranger, slasherBot, insurance];
        for (uint256 i; i < callers.length; ++i) {
            vm.prank(callers[i]);
            vm.expectRevert(abi.encodeWithSelector(MinerRegistry.MinerRegistryNotGovernance.selector, callers[i]));
            registry.approve(id);
            vm.prank(callers[i]);
            vm.expectRevert(abi.encodeWithSelector(MinerRegistry.MinerRegistryNotGovernance.selector, callers[i]));
            registry.reject(id, "no");
        }
        vm.assertEq(uint256(_status(id)), uint256(PENDING), "still pending");
    }

    function test_RevertWhen_ApproveOrRejectUnknownApplication() public {
        _submit();
        uint256[2] memory unknown = [uint256(0), 2];
        for (uint256 i; i < unknown.length; ++i) {
            vm.prank(governance);
            vm.expectRevert(_unknownError(unknown[i]));
            registry.approve(unknown[i]);
            vm.prank(governance);
            vm.expectRevert(_unknownError(unknown[i]));
            registry.reject(unknown[i], "no");
        }
    }

    function test_RevertWhen_ApproveNotPending() public {
        for (uint256 s = 1; s < STATUS_COUNT; ++s) {
            if (s == uint256(MinerRegistry.Status.Withdrawn)) continue;
            MinerRegistry.Status current = MinerRegistry.Status(s);
            uint256 id = _inStatus(current);
            vm.prank(governance);
            vm.expectRevert(_stateError(id, current, PENDING));
            registry.approve(id);
            vm.assertEq(uint256(_status(id)), s, "status unchanged");
        }
    }

    function test_RevertWhen_RejectNotPending() public {
        for (uint256 s = 1; s < STATUS_COUNT; ++s) {
            if (s == uint256(MinerRegistry.Status.Withdrawn)) continue;
            MinerRegistry.Status current = MinerRegistry.Status(s);
            uint256 id = _inStatus(current);
            vm.prank(governance);
            vm.expectRevert(_stateError(id, current, PENDING));
            registry.reject(id, "no");
            vm.assertEq(uint256(_status(id)), s, "status unchanged");
        }
    }

    // ================================================================ stakeAndActivate

    function test_StakeAndActivate_PullsStakeCreatesProductAndEmits() public {
        MinerRegistry.ApplicationParams memory p = _params();
        uint256 id = _submit(miner, p);
        _approve(id);
        uint256 expectedProductId = nft.productCount() + 1;

        vm.expectEmit(true, true, true, true, address(registry));
        emit MinerRegistry.MinerStaked(id, miner, STAKE);
        vm.expectEmit(true, true, true, true, address(nft));
        emit HashrateNFT.ProductCreated(
            expectedProductId,
            miner,
            p.coin,
            p.nodeId,
            p.hashratePerNFT,
            p.nftCount,
            p.termStart,
            p.termStart + 540 days,
            p.expectedDailyYieldPerUnit
        );
        vm.expectEmit(true, true, true, true, address(registry));
        emit MinerRegistry.ApplicationActivated(id, expectedProductId);
        vm.prank(miner);
        uint256 productId = registry.stakeAndActivate(id);

        vm.assertEq(productId, expectedProductId, "product id returned");
        vm.assertEq(dmc.balanceOf(miner), MINER_DMC - STAKE, "miner paid exactly the stake");
        vm.assertEq(dmc.balanceOf(address(registry)), STAKE, "registry holds the stake");
        MinerRegistry.Application memory a = registry.application(id);
        vm.assertEq(uint256(a.status), uint256(ACTIVE), "active");
        vm.assertEq(a.productId, productId, "product stored");
        vm.assertEq(registry.productApplication(productId), id, "reverse lookup");
        _assertProduct(productId, p, miner);
    }

    /// @dev The miner approved exactly the stake: one pull of exactly that amount, nothing left approved.
    function test_StakeAndActivate_WithExactAllowance() public {
        uint256 id = _submit();
        _approve(id);
        vm.prank(miner);
        dmc.approve(address(registry), STAKE);
        _activate(id);
        vm.assertEq(dmc.allowance(miner, address(registry)), 0, "allowance used exactly");
        vm.assertEq(dmc.balanceOf(address(registry)), STAKE, "stake held");
    }

    /// @dev A term that started before activation is kept as approved, not shifted to the activation time.
    function test_StakeAndActivate_KeepsPastTermStart() public {
        MinerRegistry.ApplicationParams memory p = _params();
        uint256 id = _submit(miner, p);
        _approve(id);
        vm.warp(p.termStart + 30 days);
        uint256 productId = _activate(id);
        HashrateNFT.Product memory prod = nft.product(productId);
        vm.assertEq(prod.termStart, p.termStart, "termStart as approved");
        vm.assertEq(prod.termEnd, uint256(p.termStart) + 540 days, "termEnd from the approved start");
        vm.assertEq(registry.termEnd(id), prod.termEnd, "registry agrees on termEnd");
    }

    function test_StakeAndActivate_WithZeroStake() public {
        vm.prank(governance);
        registry.setStakeAmount(0);
        uint256 id = _submit();
        _approve(id);
        vm.expectEmit(true, true, true, true, address(registry));
        emit MinerRegistry.MinerStaked(id, miner, 0);
        uint256 productId = _activate(id);
        vm.assertEq(dmc.balanceOf(miner), MINER_DMC, "nothing pulled");
        vm.assertGt(productId, 0, "product created");

        vm.prank(governance);
        registry.slash(id);
        vm.assertEq(dmc.balanceOf(insurance), 0, "nothing to slash");
        vm.assertEq(uint256(_status(id)), uint256(SLASHED), "slashed anyway");
    }

    function test_RevertWhen_StakeAndActivateCallerNotMiner() public {
        uint256 id = _submit();
        _approve(id);
        address[3] memory callers = [governance, miner2, stranger];
        for (uint256 i; i < callers.length; ++i) {
            vm.prank(callers[i]);
            vm.expectRevert(_notMinerError(id, callers[i]));
            registry.stakeAndActivate(id);
        }
        vm.assertEq(uint256(_status(id)), uint256(APPROVED), "still approved");
        vm.assertEq(dmc.balanceOf(address(registry)), 0, "nothing staked");
    }

    function test_RevertWhen_StakeAndActivateUnknownApplication() public {
        vm.prank(miner);
        vm.expectRevert(_unknownError(1));
        registry.stakeAndActivate(1);
    }

    function test_RevertWhen_StakeAndActivateNotApproved() public {
        for (uint256 s; s < STATUS_COUNT; ++s) {
            if (s == uint256(MinerRegistry.Status.Withdrawn)) continue;
            if (s == uint256(APPROVED)) continue;
            MinerRegistry.Status current = MinerRegistry.Status(s);
            uint256 id = _inStatus(current);
            vm.prank(miner);
            vm.expectRevert(_stateError(id, current, APPROVED));
            registry.stakeAndActivate(id);
            vm.assertEq(uint256(_status(id)), s, "status unchanged");
        }
    }

    function test_RevertWhen_StakeAndActivateAllowanceTooLow() public {
        uint256 id = _submit();
        _approve(id);
        vm.prank(miner);
        dmc.approve(address(registry), STAKE - 1);
        vm.prank(miner);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector, address(registry), STAKE - 1, STAKE
            )
        );
        registry.stakeAndActivate(id);
        _assertStillApproved(id, MINER_DMC);
    }

    function test_RevertWhen_StakeAndActivateBalanceTooLow() public {
        uint256 id = _submit();
        _approve(id);
        vm.prank(miner);
        vm.assertTrue(dmc.transfer(stranger, MINER_DMC - STAKE + 1), "transfer");
        vm.prank(miner);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, miner, STAKE - 1, STAKE));
        registry.stakeAndActivate(id);
        _assertStillApproved(id, STAKE - 1);
    }

    /// @dev Until governance grants the registry ISSUER_ROLE (or after it revokes it), activation reverts as a
    /// whole: no stake is kept, no product exists.
    function test_RevertWhen_StakeAndActivateRegistryNotIssuer() public {
        uint256 id = _submit();
        _approve(id);
        bytes32 issuerRole = nft.ISSUER_ROLE();
        vm.prank(governance);
        nft.revokeRole(issuerRole, address(registry));
        vm.prank(miner);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, address(registry), issuerRole
            )
        );
        registry.stakeAndActivate(id);
        _assertStillApproved(id, MINER_DMC);
        vm.assertEq(nft.productCount(), 0, "no product");
    }

    /// @dev Activated twice is impossible: the second call finds it Active.
    function test_RevertWhen_StakeAndActivateTwice() public {
        (uint256 id,) = _active();
        vm.prank(miner);
        vm.expectRevert(_stateError(id, ACTIVE, APPROVED));
        registry.stakeAndActivate(id);
        vm.assertEq(dmc.balanceOf(address(registry)), STAKE, "staked once");
        vm.assertEq(nft.productCount(), 1, "one product");
    }

    // ================================================================ mint

    function test_Mint_InTwoBatchesToTheMiner() public {
        (uint256 id, uint256 productId) = _active();
        vm.expectEmit(true, true, true, true, address(nft));
        emit HashrateNFT.ProductMinted(productId, productId * TPP + 1, 60);
        vm.prank(miner);
        uint256 first = registry.mint(id, 60);
        vm.prank(miner);
        uint256 second = registry.mint(id, 40);

        vm.assertEq(first, productId * TPP + 1, "first batch starts at serial 1");
        vm.assertEq(second, productId * TPP + 61, "second batch continues");
        vm.assertEq(nft.balanceOf(miner), 100, "miner owns all");
        vm.assertEq(nft.ownerOf(first), miner, "first token");
        vm.assertEq(nft.ownerOf(first + 99), miner, "last token");
        vm.assertEq(nft.balanceOf(address(registry)), 0, "registry holds none");
        vm.assertEq(nft.product(productId).minted, 100, "all minted");

        vm.prank(miner);
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTInvalidQuantity.selector, productId, 1, 0));
        registry.mint(id, 1);
    }

    function test_RevertWhen_MintQuantityZeroOrAboveRemaining() public {
        (uint256 id, uint256 productId) = _active();
        vm.startPrank(miner);
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTInvalidQuantity.selector, productId, 0, 100));
        registry.mint(id, 0);
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTInvalidQuantity.selector, productId, 101, 100));
        registry.mint(id, 101);
        registry.mint(id, 99);
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTInvalidQuantity.selector, productId, 2, 1));
        registry.mint(id, 2);
        vm.stopPrank();
        vm.assertEq(nft.product(productId).minted, 99, "only the valid batch minted");
    }

    function test_RevertWhen_MintCallerNotMiner() public {
        (uint256 id,) = _active();
        address[3] memory callers = [governance, miner2, stranger];
        for (uint256 i; i < callers.length; ++i) {
            vm.prank(callers[i]);
            vm.expectRevert(_notMinerError(id, callers[i]));
            registry.mint(id, 1);
        }
        vm.assertEq(nft.balanceOf(miner), 0, "nothing minted");
    }

    function test_RevertWhen_MintUnknownApplication() public {
        vm.prank(miner);
        vm.expectRevert(_unknownError(7));
        registry.mint(7, 1);
    }

    function test_RevertWhen_MintNotActive() public {
        for (uint256 s; s < STATUS_COUNT; ++s) {
            if (s == uint256(MinerRegistry.Status.Withdrawn)) continue;
            if (s == uint256(ACTIVE)) continue;
            MinerRegistry.Status current = MinerRegistry.Status(s);
            uint256 id = _inStatus(current);
            vm.prank(miner);
            vm.expectRevert(_stateError(id, current, ACTIVE));
            registry.mint(id, 1);
        }
        vm.assertEq(nft.balanceOf(miner), 0, "nothing minted");
    }

    /// @dev Mint on purchase: the miner puts the whole product on sale unminted in one call; only its miner, only
    /// while Active; after it nothing is left to mint.
    function test_ListForSale_PutsTheUnmintedProductOnSale() public {
        (uint256 id, uint256 productId) = _active();
        vm.prank(miner);
        registry.mint(id, 10);
        vm.prank(stranger);
        vm.expectRevert(_notMinerError(id, stranger));
        registry.listForSale(id, 1e6);

        vm.prank(miner);
        (uint256 first, uint256 quantity) = registry.listForSale(id, 1e6);
        vm.assertEq(first, productId * TPP + 11, "from the first unminted serial");
        vm.assertEq(quantity, 90, "the rest of the product");
        vm.assertEq(market.productSale(productId).price, 1e6, "on sale");
        vm.assertEq(nft.product(productId).minted, 100, "fully issued");
        vm.prank(miner);
        vm.expectRevert(abi.encodeWithSelector(HashrateNFT.HashrateNFTInvalidQuantity.selector, productId, 1, 0));
        registry.mint(id, 1);
    }

    function test_RevertWhen_ListForSaleNotActive() public {
        for (uint256 s; s < STATUS_COUNT; ++s) {
            if (s == uint256(MinerRegistry.Status.Withdrawn)) continue;
            if (s == uint256(ACTIVE)) continue;
            MinerRegistry.Status current = MinerRegistry.Status(s);
            uint256 id = _inStatus(current);
            vm.prank(miner);
            vm.expectRevert(_stateError(id, current, ACTIVE));
            registry.listForSale(id, 1e6);
        }
    }

    /// @dev The registry is only an issuer through its own checks: the miner cannot mint on HashrateNFT directly.
    function test_RevertWhen_MinerMintsOnHashrateNftDirectly() public {
        (, uint256 productId) = _active();
        bytes32 issuerRole = nft.ISSUER_ROLE();
        vm.prank(miner);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, miner, issuerRole)
        );
        nft.mint(productId, 1);
    }

    // ================================================================ end to end

    /// @dev apply -> approve -> stake -> product with the exact attributes -> mint in 2 batches -> the miner lists
    /// an NFT on the Marketplace and a buyer buys it.
    function test_EndToEnd_ApplyApproveStakeMintAndSellOnMarketplace() public {
        MinerRegistry.ApplicationParams memory p = _params();
        uint256 id = _submit(miner, p);
        _approve(id);
        uint256 productId = _activate(id);
        _assertProduct(productId, p, miner);

        vm.startPrank(miner);
        uint256 first = registry.mint(id, 50);
        registry.mint(id, 50);
        vm.stopPrank();
        vm.assertEq(nft.balanceOf(miner), 100, "miner owns the 100 NFTs");
        vm.assertEq(nft.hashrateOf(first), 1000, "1 TiB each");

        vm.startPrank(miner);
        nft.setApprovalForAll(address(market), true);
        market.list(first, p.pricePerNFT);
        vm.stopPrank();
        vm.assertTrue(market.isPrimarySale(first), "the registry's miner sells on the primary market");

        usdt.mint(buyer, p.pricePerNFT);
        vm.startPrank(buyer);
        usdt.approve(address(market), p.pricePerNFT);
        market.buy(first, p.pricePerNFT, 0);
        vm.stopPrank();

        uint256 fee = uint256(p.pricePerNFT) * ISSUANCE_FEE_BPS / 10_000; // the miner's own sale: primary
        vm.assertEq(nft.ownerOf(first), buyer, "buyer owns the NFT");
        vm.assertEq(escrow.tokenEscrow(first).amount, p.pricePerNFT - fee, "proceeds escrowed for the miner");
        vm.assertEq(usdt.balanceOf(address(escrow)), p.pricePerNFT, "with the fee, until the fees are withdrawn");
        vm.assertEq(escrow.tokenEscrow(first).amount, p.pricePerNFT - fee, "credited to the NFT");
        vm.assertEq(dmc.balanceOf(address(registry)), STAKE, "stake still held");
    }

    // ================================================================ slash

    function test_Slash_SendsExactlyTheStakeToInsuranceAndBlocksWithdraw() public {
        (uint256 id,) = _active();
        vm.prank(miner);
        registry.mint(id, 10);

        vm.expectEmit(true, true, true, true, address(registry));
        emit MinerRegistry.StakeSlashed(id, STAKE, insurance);
        vm.prank(governance);
        registry.slash(id);

        vm.assertEq(dmc.balanceOf(insurance), STAKE, "insurance got exactly the stake");
        vm.assertEq(dmc.balanceOf(address(registry)), 0, "registry emptied");
        vm.assertEq(dmc.balanceOf(miner), MINER_DMC - STAKE, "miner lost the stake");
        vm.assertEq(uint256(_status(id)), uint256(SLASHED), "slashed");

        // Never withdrawable, not even after the term; no more minting; no second slash.
        vm.warp(registry.termEnd(id) + 365 days);
        vm.prank(miner);
        vm.expectRevert(_stateError(id, SLASHED, ACTIVE));
        registry.withdrawStake(id);
        vm.prank(miner);
        vm.expectRevert(_stateError(id, SLASHED, ACTIVE));
        registry.mint(id, 1);
        vm.prank(governance);
        vm.expectRevert(_stateError(id, SLASHED, ACTIVE));
        registry.slash(id);
        vm.assertEq(dmc.balanceOf(insurance), STAKE, "slashed once");
        vm.assertEq(nft.balanceOf(miner), 10, "minted NFTs stay with their owner");
    }

    function test_Slash_BySlasher() public {
        (uint256 id,) = _active();
        vm.expectEmit(true, true, true, true, address(registry));
        emit MinerRegistry.SlasherUpdated(address(0), slasherBot);
        vm.prank(governance);
        registry.setSlasher(slasherBot);
        vm.assertEq(registry.slasher(), slasherBot, "slasher set");

        vm.prank(slasherBot);
        registry.slash(id);
        vm.assertEq(dmc.balanceOf(insurance), STAKE, "slashed by the slasher");
    }

    /// @dev Only the stake of the slashed application moves; another miner's stake stays.
    function test_Slash_TouchesOnlyThatApplication() public {
        (uint256 id,) = _active();
        uint256 other = _submit(miner2, _params());
        _approve(other);
        _activate(other);
        vm.prank(governance);
        registry.slash(id);
        vm.assertEq(dmc.balanceOf(address(registry)), STAKE, "other stake still held");
        vm.assertEq(uint256(_status(other)), uint256(ACTIVE), "other still active");
    }

    function test_Slash_GoesToCurrentInsuranceFund() public {
        (uint256 id,) = _active();
        address newFund = address(0x1F52);
        vm.prank(governance);
        registry.setInsuranceFund(newFund);
        vm.expectEmit(true, true, true, true, address(registry));
        emit MinerRegistry.StakeSlashed(id, STAKE, newFund);
        vm.prank(governance);
        registry.slash(id);
        vm.assertEq(dmc.balanceOf(newFund), STAKE, "new fund paid");
        vm.assertEq(dmc.balanceOf(insurance), 0, "old fund not paid");
    }

    function test_RevertWhen_SlashCallerNotGovernanceOrSlasher() public {
        (uint256 id,) = _active();
        address[3] memory callers = [miner, stranger, insurance];
        for (uint256 i; i < callers.length; ++i) {
            vm.prank(callers[i]);
            vm.expectRevert(abi.encodeWithSelector(MinerRegistry.MinerRegistryNotSlasher.selector, callers[i]));
            registry.slash(id);
        }
        vm.assertEq(uint256(_status(id)), uint256(ACTIVE), "still active");
    }

    function test_RevertWhen_SlashByRemovedSlasher() public {
        (uint256 id,) = _active();
        vm.startPrank(governance);
        registry.setSlasher(slasherBot);
        registry.setSlasher(address(0));
        vm.stopPrank();
        vm.prank(slasherBot);
        vm.expectRevert(abi.encodeWithSelector(MinerRegistry.MinerRegistryNotSlasher.selector, slasherBot));
        registry.slash(id);
    }

    function test_RevertWhen_SlashUnknownApplication() public {
        vm.prank(governance);
        vm.expectRevert(_unknownError(3));
        registry.slash(3);
    }

    // ================================================================ markDefaulted

    function test_MarkDefaulted_BySlasherSlashesAndEndsDefaulted() public {
        (uint256 id,) = _active();
        vm.prank(governance);
        registry.setSlasher(slasherBot);
        vm.expectEmit(true, true, true, true, address(registry));
        emit MinerRegistry.ApplicationFlagged(id);
        vm.prank(slasherBot);
        registry.markFlagged(id);
        vm.assertEq(dmc.balanceOf(address(registry)), STAKE, "a flag freezes the stake, it does not slash");
        vm.warp(registry.termEnd(id));
        vm.prank(miner);
        vm.expectRevert(_stateError(id, MinerRegistry.Status.Flagged, ACTIVE));
        registry.withdrawStake(id);
        vm.expectEmit(true, true, true, true, address(registry));
        emit MinerRegistry.StakeSlashed(id, STAKE, insurance);
        vm.expectEmit(true, true, true, true, address(registry));
        emit MinerRegistry.ApplicationDefaulted(id);
        vm.prank(slasherBot);
        registry.markDefaulted(id);
        vm.assertEq(uint256(_status(id)), uint256(MinerRegistry.Status.Defaulted), "Defaulted");
        vm.assertEq(uint256(registry.statusOf(id)), uint256(MinerRegistry.Status.Defaulted), "statusOf");
        vm.assertEq(dmc.balanceOf(insurance), STAKE, "stake to the insurance fund");
        vm.assertEq(dmc.balanceOf(address(registry)), 0, "registry emptied");

        vm.warp(registry.termEnd(id));
        vm.prank(miner);
        vm.expectRevert(_stateError(id, MinerRegistry.Status.Defaulted, ACTIVE));
        registry.withdrawStake(id);
        vm.prank(miner);
        vm.expectRevert(_stateError(id, MinerRegistry.Status.Defaulted, ACTIVE));
        registry.mint(id, 1);
    }

    function test_RevertWhen_MarkDefaultedNotSlasher() public {
        (uint256 id,) = _active();
        // Governance slashes with `slash`; only the slasher marks a default (and no one while there is none).
        address[3] memory callers = [governance, miner, stranger];
        for (uint256 i; i < callers.length; ++i) {
            vm.prank(callers[i]);
            vm.expectRevert(abi.encodeWithSelector(MinerRegistry.MinerRegistryNotSlasher.selector, callers[i]));
            registry.markDefaulted(id);
        }
        vm.assertEq(uint256(_status(id)), uint256(ACTIVE), "still active");
    }

    function test_RevertWhen_MarkDefaultedNotActiveOrUnknown() public {
        vm.prank(governance);
        registry.setSlasher(slasherBot);
        vm.prank(slasherBot);
        vm.expectRevert(_unknownError(99));
        registry.markDefaulted(99);
        for (uint256 s; s < STATUS_COUNT; ++s) {
            if (s == uint256(MinerRegistry.Status.Withdrawn)) continue;
            if (s == uint256(MinerRegistry.Status.Flagged)) continue;
            MinerRegistry.Status current = MinerRegistry.Status(s);
            uint256 id = _inStatus(current);
            vm.prank(slasherBot);
            vm.expectRevert(_stateError(id, current, MinerRegistry.Status.Flagged));
            registry.markDefaulted(id);
        }
    }

    function test_StatusOf_RevertsForUnknown() public {
        vm.expectRevert(_unknownError(5));
        registry.statusOf(5);
    }

    function test_RevertWhen_SlashNotActive() public {
        vm.prank(governance);
        registry.setSlasher(slasherBot);
        for (uint256 s; s < STATUS_COUNT; ++s) {
            if (s == uint256(MinerRegistry.Status.Withdrawn)) continue;
            if (s == uint256(ACTIVE) || s == uint256(MinerRegistry.Status.Flagged)) continue; // both slashable
            MinerRegistry.Status current = MinerRegistry.Status(s);
            uint256 id = _inStatus(current);
            uint256 insuranceBefore = dmc.balanceOf(insurance);
            vm.prank(s % 2 == 0 ? governance : slasherBot);
            vm.expectRevert(_stateError(id, current, ACTIVE));
            registry.slash(id);
            vm.assertEq(uint256(_status(id)), s, "status unchanged");
            vm.assertEq(dmc.balanceOf(insurance), insuranceBefore, "nothing moved");
        }
    }

    // ================================================================ withdrawStake

    /// @dev Boundary: one second before termEnd reverts; at termEnd the stake comes back.
    function test_WithdrawStake_OnlyFromTermEnd() public {
        (uint256 id, uint256 productId) = _active();
        uint256 end = registry.termEnd(id);
        vm.assertEq(end, nft.product(productId).termEnd, "termEnd is the product's");

        vm.warp(end - 1);
        vm.prank(miner);
        vm.expectRevert(abi.encodeWithSelector(MinerRegistry.MinerRegistryTermNotEnded.selector, id, end, end - 1));
        registry.withdrawStake(id);

        vm.warp(end);
        vm.expectEmit(true, true, true, true, address(registry));
        emit MinerRegistry.StakeWithdrawn(id, miner, STAKE);
        vm.prank(miner);
        registry.withdrawStake(id);

        vm.assertEq(dmc.balanceOf(miner), MINER_DMC, "stake returned in full");
        vm.assertEq(dmc.balanceOf(address(registry)), 0, "registry emptied");
        vm.assertEq(uint256(_status(id)), uint256(COMPLETED), "completed");

        vm.prank(miner);
        vm.expectRevert(_stateError(id, COMPLETED, ACTIVE));
        registry.withdrawStake(id);
        vm.prank(governance);
        vm.expectRevert(_stateError(id, COMPLETED, ACTIVE));
        registry.slash(id);
    }

    function test_RevertWhen_WithdrawStakeRightAfterActivation() public {
        (uint256 id,) = _active();
        uint256 end = registry.termEnd(id);
        vm.prank(miner);
        vm.expectRevert(
            abi.encodeWithSelector(MinerRegistry.MinerRegistryTermNotEnded.selector, id, end, block.timestamp)
        );
        registry.withdrawStake(id);
    }

    function test_RevertWhen_WithdrawStakeCallerNotMiner() public {
        (uint256 id,) = _active();
        vm.warp(registry.termEnd(id));
        address[3] memory callers = [governance, miner2, stranger];
        for (uint256 i; i < callers.length; ++i) {
            vm.prank(callers[i]);
            vm.expectRevert(_notMinerError(id, callers[i]));
            registry.withdrawStake(id);
        }
        vm.assertEq(dmc.balanceOf(address(registry)), STAKE, "stake still held");
    }

    function test_RevertWhen_WithdrawStakeUnknownApplication() public {
        vm.prank(miner);
        vm.expectRevert(_unknownError(0));
        registry.withdrawStake(0);
    }

    function test_RevertWhen_WithdrawStakeNotActive() public {
        for (uint256 s; s < STATUS_COUNT; ++s) {
            if (s == uint256(MinerRegistry.Status.Withdrawn)) continue;
            if (s == uint256(ACTIVE)) continue;
            MinerRegistry.Status current = MinerRegistry.Status(s);
            uint256 id = _inStatus(current);
            vm.warp(block.timestamp + 5000 days); // past any term: only the status stops it
            vm.prank(miner);
            vm.expectRevert(_stateError(id, current, ACTIVE));
            registry.withdrawStake(id);
            vm.assertEq(uint256(_status(id)), s, "status unchanged");
        }
    }

    // ================================================================ setters

    function test_SetStakeAmount_UpdatesAndEmits() public {
        uint256 max = registry.MAX_STAKE_AMOUNT();
        vm.expectEmit(true, true, true, true, address(registry));
        emit MinerRegistry.StakeAmountUpdated(STAKE, max);
        vm.prank(governance);
        registry.setStakeAmount(max);
        vm.assertEq(registry.stakeAmount(), max, "max set");
        vm.prank(governance);
        registry.setStakeAmount(0);
        vm.assertEq(registry.stakeAmount(), 0, "zero set");
    }

    function test_RevertWhen_SetStakeAmountTooHigh() public {
        uint256 max = registry.MAX_STAKE_AMOUNT();
        vm.prank(governance);
        vm.expectRevert(abi.encodeWithSelector(MinerRegistry.MinerRegistryStakeAmountTooHigh.selector, max + 1, max));
        registry.setStakeAmount(max + 1);
        vm.assertEq(registry.stakeAmount(), STAKE, "unchanged");
    }

    /// @dev A new stake amount applies to applications approved afterwards, whenever they were submitted.
    function test_SetStakeAmount_AppliesOnlyToLaterApprovals() public {
        uint256 early = _submit(miner, _params());
        uint256 late = _submit(miner2, _params());
        _approve(early);

        vm.prank(governance);
        registry.setStakeAmount(STAKE * 3);
        vm.assertEq(registry.application(early).requiredStake, STAKE, "approved before: old amount");

        _approve(late);
        vm.assertEq(registry.application(late).requiredStake, STAKE * 3, "approved after: new amount");

        _activate(early);
        _activate(late);
        vm.assertEq(dmc.balanceOf(miner), MINER_DMC - STAKE, "early miner pulled the old amount");
        vm.assertEq(dmc.balanceOf(miner2), MINER_DMC - STAKE * 3, "late miner pulled the new amount");
        vm.assertEq(dmc.balanceOf(address(registry)), STAKE * 4, "registry holds both");

        // Lowering it afterwards changes nothing for either: each gets back what it staked.
        vm.prank(governance);
        registry.setStakeAmount(1);
        vm.warp(registry.termEnd(late));
        vm.prank(miner);
        registry.withdrawStake(early);
        vm.prank(miner2);
        registry.withdrawStake(late);
        vm.assertEq(dmc.balanceOf(miner), MINER_DMC, "early stake returned");
        vm.assertEq(dmc.balanceOf(miner2), MINER_DMC, "late stake returned");
    }

    function test_SetInsuranceFund_UpdatesAndEmits() public {
        address newFund = address(0x1F52);
        vm.expectEmit(true, true, true, true, address(registry));
        emit MinerRegistry.InsuranceFundUpdated(insurance, newFund);
        vm.prank(governance);
        registry.setInsuranceFund(newFund);
        vm.assertEq(registry.insuranceFund(), newFund, "fund");
    }

    function test_RevertWhen_SetInsuranceFundZeroOrRegistry() public {
        vm.startPrank(governance);
        vm.expectRevert(abi.encodeWithSelector(MinerRegistry.MinerRegistryInvalidInsuranceFund.selector, address(0)));
        registry.setInsuranceFund(address(0));
        vm.expectRevert(
            abi.encodeWithSelector(MinerRegistry.MinerRegistryInvalidInsuranceFund.selector, address(registry))
        );
        registry.setInsuranceFund(address(registry));
        vm.stopPrank();
        vm.assertEq(registry.insuranceFund(), insurance, "unchanged");
    }

    function test_SetSlasher_ReplacesAndRemoves() public {
        vm.startPrank(governance);
        registry.setSlasher(slasherBot);
        vm.expectEmit(true, true, true, true, address(registry));
        emit MinerRegistry.SlasherUpdated(slasherBot, address(0));
        registry.setSlasher(address(0));
        vm.stopPrank();
        vm.assertEq(registry.slasher(), address(0), "removed");
    }

    function test_RevertWhen_SettersCallerNotGovernance() public {
        vm.prank(governance);
        registry.setSlasher(slasherBot);
        address[4] memory callers = [miner, stranger, slasherBot, insurance];
        for (uint256 i; i < callers.length; ++i) {
            bytes memory err = abi.encodeWithSelector(MinerRegistry.MinerRegistryNotGovernance.selector, callers[i]);
            vm.prank(callers[i]);
            vm.expectRevert(err);
            registry.setStakeAmount(1);
            vm.prank(callers[i]);
            vm.expectRevert(err);
            registry.setInsuranceFund(stranger);
            vm.prank(callers[i]);
            vm.expectRevert(err);
            registry.setSlasher(callers[i]);
        }
        vm.assertEq(registry.stakeAmount(), STAKE, "stake unchanged");
        vm.assertEq(registry.insuranceFund(), insurance, "fund unchanged");
        vm.assertEq(registry.slasher(), slasherBot, "slasher unchanged");
    }

    // ================================================================ views

    function test_RevertWhen_ViewingUnknownApplication() public {
        _submit();
        vm.expectRevert(_unknownError(0));
        registry.application(0);
        vm.expectRevert(_unknownError(2));
        registry.application(2);
        vm.expectRevert(_unknownError(2));
        registry.termEnd(2);
    }

    function test_ProductApplication_IsZeroForForeignProduct() public view {
        vm.assertEq(registry.productApplication(1), 0, "no product yet");
    }

    // ================================================================ reentrancy

    /// @dev The staking token re-enters `slash` of another active application while `stakeAndActivate` pulls the
    /// stake. The token is the slasher, so without the guard the inner call would succeed.
    function test_Reentrancy_SlashDuringStakeAndActivateReverts() public {
        (ReentrantDMC rDmc, MinerRegistry r, uint256 victim) = _reentrantRegistry();
        uint256 id = _submitTo(r, miner);
        vm.prank(governance);
        r.approve(id);
        rDmc.arm(address(r), abi.encodeCall(MinerRegistry.slash, (victim)));

        vm.prank(miner);
        r.stakeAndActivate(id);
        _assertGuardStopped(rDmc);
        vm.assertEq(uint256(r.application(victim).status), uint256(ACTIVE), "victim not slashed");
        vm.assertEq(uint256(r.application(id).status), uint256(ACTIVE), "outer call went through");

        // Control: outside a guarded call the same slash succeeds.
        vm.prank(address(rDmc));
        r.slash(victim);
        vm.assertEq(uint256(r.application(victim).status), uint256(SLASHED), "unguarded slash works");
    }

    function test_Reentrancy_SlashDuringWithdrawStakeReverts() public {
        (ReentrantDMC rDmc, MinerRegistry r, uint256 victim) = _reentrantRegistry();
        uint256 id = _submitTo(r, miner);
        vm.prank(governance);
        r.approve(id);
        vm.prank(miner);
        r.stakeAndActivate(id);
        vm.warp(r.termEnd(id));
        rDmc.arm(address(r), abi.encodeCall(MinerRegistry.slash, (victim)));

        vm.prank(miner);
        r.withdrawStake(id);
        _assertGuardStopped(rDmc);
        vm.assertEq(uint256(r.application(victim).status), uint256(ACTIVE), "victim not slashed");
        vm.assertEq(rDmc.balanceOf(miner), MINER_DMC, "miner got the stake back once");
    }

    function test_Reentrancy_SlashDuringSlashReverts() public {
        (ReentrantDMC rDmc, MinerRegistry r, uint256 victim) = _reentrantRegistry();
        uint256 id = _submitTo(r, miner);
        vm.prank(governance);
        r.approve(id);
        vm.prank(miner);
        r.stakeAndActivate(id);
        rDmc.arm(address(r), abi.encodeCall(MinerRegistry.slash, (victim)));

        vm.prank(governance);
        r.slash(id);
        _assertGuardStopped(rDmc);
        vm.assertEq(uint256(r.application(victim).status), uint256(ACTIVE), "victim not slashed");
        vm.assertEq(rDmc.balanceOf(insurance), STAKE, "one stake slashed");
    }

    // ================================================================ helpers

    function _expectSubmitRevert(MinerRegistry.ApplicationParams memory p, bytes memory err) internal {
        vm.prank(miner);
        vm.expectRevert(err);
        registry.submitApplication(p);
        vm.assertEq(registry.applicationCount(), 0, "nothing stored");
    }

    function _stateError(uint256 id, MinerRegistry.Status current, MinerRegistry.Status expected)
        internal
        pure
        returns (bytes memory)
    {
        return abi.encodeWithSelector(MinerRegistry.MinerRegistryInvalidState.selector, id, current, expected);
    }

    function _unknownError(uint256 id) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(MinerRegistry.MinerRegistryUnknownApplication.selector, id);
    }

    function _notMinerError(uint256 id, address caller) internal view returns (bytes memory) {
        return abi.encodeWithSelector(MinerRegistry.MinerRegistryNotMiner.selector, id, caller, miner);
    }

    function _assertStillApproved(uint256 id, uint256 minerBalance) internal view {
        MinerRegistry.Application memory a = registry.application(id);
        vm.assertEq(uint256(a.status), uint256(APPROVED), "still approved");
        vm.assertEq(a.productId, 0, "no product");
        vm.assertEq(dmc.balanceOf(address(registry)), 0, "nothing staked");
        vm.assertEq(dmc.balanceOf(miner), minerBalance, "miner kept the DMC");
    }

    function _assertParams(MinerRegistry.Application memory a, MinerRegistry.ApplicationParams memory p) internal pure {
        vm.assertEq(a.name, p.name, "name");
        vm.assertEq(a.documentsURI, p.documentsURI, "documentsURI");
        vm.assertEq(a.documentsHash, p.documentsHash, "documentsHash");
        vm.assertEq(uint256(a.coin), uint256(p.coin), "coin");
        vm.assertEq(a.nodeId, p.nodeId, "nodeId");
        vm.assertEq(a.totalHashrate, p.totalHashrate, "totalHashrate");
        vm.assertEq(a.effectiveHashrate, p.effectiveHashrate, "effectiveHashrate");
        vm.assertEq(a.hashratePerNFT, p.hashratePerNFT, "hashratePerNFT");
        vm.assertEq(a.nftCount, p.nftCount, "nftCount");
        vm.assertEq(a.termStart, p.termStart, "termStart");
        vm.assertEq(a.termDays, p.termDays, "termDays");
        vm.assertEq(a.pricePerNFT, p.pricePerNFT, "pricePerNFT");
        vm.assertEq(a.expectedDailyYieldPerUnit, p.expectedDailyYieldPerUnit, "expectedDailyYieldPerUnit");
    }

    function _assertProduct(uint256 productId, MinerRegistry.ApplicationParams memory p, address miner_) internal view {
        HashrateNFT.Product memory prod = nft.product(productId);
        vm.assertEq(prod.miner, miner_, "product miner");
        vm.assertEq(uint256(prod.coin), uint256(p.coin), "product coin");
        vm.assertEq(prod.nodeId, p.nodeId, "product nodeId");
        vm.assertEq(prod.hashratePerNFT, p.hashratePerNFT, "product hashratePerNFT");
        vm.assertEq(prod.nftCount, p.nftCount, "product nftCount");
        vm.assertEq(prod.minted, 0, "nothing minted yet");
        vm.assertEq(prod.termStart, p.termStart, "product termStart");
        vm.assertEq(prod.termEnd, uint256(p.termStart) + uint256(p.termDays) * 1 days, "product termEnd");
        vm.assertEq(prod.expectedDailyYieldPerUnit, p.expectedDailyYieldPerUnit, "product yield");
    }

    /// @dev A second registry staking the hostile token, whose contract is its slasher, with one Active application
    /// of miner2 (the `victim` a re-entrant slash would hit). `miner` holds and approves MINER_DMC of it.
    // ================================================================ node uniqueness (finding 8)

    /// @dev ATTACK (finding 8): the same Filecoin node sold twice. A second application on a node whose effective
    /// hashrate is already sold is refused at submission; two pending ones cannot both activate.
    function test_Attack_SameNodeCannotBeSoldTwice() public {
        MinerRegistry.ApplicationParams memory p = _params(); // 100 x 1 TiB of the node's 100 TiB
        vm.prank(miner);
        uint256 first = registry.submitApplication(p);
        vm.prank(miner2);
        uint256 second = registry.submitApplication(p); // allowed while nothing is activated
        _approve(first);
        _approve(second);
        _activate(first);
        vm.assertEq(registry.nodeSold(HashrateNFT.Coin.FIL, "f01234"), 100_000, "the node is sold out");
        vm.expectRevert(
            abi.encodeWithSelector(MinerRegistry.MinerRegistryNodeOversold.selector, "f01234", 100_000, 100_000, 100_000)
        );
        vm.prank(miner2);
        registry.stakeAndActivate(second);
        vm.expectRevert(
            abi.encodeWithSelector(MinerRegistry.MinerRegistryNodeOversold.selector, "f01234", 100_000, 100_000, 100_000)
        );
        vm.prank(miner2);
        registry.submitApplication(p);
        // the same node id on the other coin is another node
        p.coin = HashrateNFT.Coin.BTC;
        vm.prank(miner2);
        registry.submitApplication(p);
    }

    function test_Node_HalfAndHalfFitsAndIsReleasedWithTheStake() public {
        MinerRegistry.ApplicationParams memory p = _params();
        p.nftCount = 50;
        vm.prank(miner);
        uint256 a = registry.submitApplication(p);
        vm.prank(miner);
        uint256 b = registry.submitApplication(p);
        _approve(a);
        _approve(b);
        _activate(a);
        _activate(b);
        vm.assertEq(registry.nodeSold(HashrateNFT.Coin.FIL, "f01234"), 100_000, "two halves");
        vm.warp(registry.termEnd(a));
        vm.prank(miner);
        registry.withdrawStake(a);
        vm.assertEq(registry.nodeSold(HashrateNFT.Coin.FIL, "f01234"), 50_000, "released at completion");
    }

    function test_Node_ReleasedAfterTheTermOfASlashedApplication() public {
        (uint256 id,) = _active();
        vm.prank(governance);
        registry.slash(id);
        vm.expectRevert(abi.encodeWithSelector(MinerRegistry.MinerRegistryNodeNotReleasable.selector, id));
        registry.releaseNode(id);
        vm.warp(registry.termEnd(id));
        registry.releaseNode(id);
        vm.assertEq(registry.nodeSold(HashrateNFT.Coin.FIL, "f01234"), 0, "released");
        vm.expectRevert(abi.encodeWithSelector(MinerRegistry.MinerRegistryNodeNotReleasable.selector, id));
        registry.releaseNode(id); // once
    }

    // ================================================================ flags

    function test_ClearFlag_RestoresActive() public {
        uint256 id = _inStatus(MinerRegistry.Status.Flagged);
        vm.expectRevert(abi.encodeWithSelector(MinerRegistry.MinerRegistryNotSlasher.selector, stranger));
        vm.prank(stranger);
        registry.clearFlag(id);
        vm.expectEmit(true, true, true, true, address(registry));
        emit MinerRegistry.FlagCleared(id);
        vm.prank(slasherBot);
        registry.clearFlag(id);
        vm.assertEq(uint256(_status(id)), uint256(ACTIVE), "Active again");
        vm.prank(slasherBot);
        vm.expectRevert(_stateError(id, ACTIVE, MinerRegistry.Status.Flagged));
        registry.clearFlag(id);
    }

    function test_Slash_AFlaggedApplicationByGovernance() public {
        uint256 id = _inStatus(MinerRegistry.Status.Flagged);
        vm.prank(governance);
        registry.slash(id);
        vm.assertEq(uint256(_status(id)), uint256(MinerRegistry.Status.Slashed), "Slashed");
        vm.assertEq(dmc.balanceOf(insurance), STAKE, "stake to the fund");
    }

    function _reentrantRegistry() internal returns (ReentrantDMC rDmc, MinerRegistry r, uint256 victim) {
        rDmc = new ReentrantDMC();
        r = new MinerRegistry(governance, nft, rDmc, insurance, STAKE, address(0), address(0));
        bytes32 issuerRole = nft.ISSUER_ROLE();
        vm.startPrank(governance);
        nft.grantRole(issuerRole, address(r));
        r.setSlasher(address(rDmc));
        vm.stopPrank();
        address[2] memory miners = [miner, miner2];
        for (uint256 i; i < 2; ++i) {
            rDmc.mint(miners[i], MINER_DMC);
            vm.prank(miners[i]);
            rDmc.approve(address(r), type(uint256).max);
        }
        victim = _submitTo(r, miner2);
        vm.prank(governance);
        r.approve(victim);
        vm.prank(miner2);
        r.stakeAndActivate(victim);
    }

    function _submitTo(MinerRegistry r, address who) internal returns (uint256 id) {
        MinerRegistry.ApplicationParams memory p = _params();
        p.nodeId = string.concat("f0", vm.toString(r.applicationCount() + 777));
        vm.prank(who);
        id = r.submitApplication(p);
    }

    function _assertGuardStopped(ReentrantDMC rDmc) internal view {
        vm.assertTrue(rDmc.attempted(), "the attack fired");
        vm.assertFalse(rDmc.reentrySucceeded(), "re-entrant call must fail");
        vm.assertEq(
            rDmc.reentryRevertData(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector),
            "stopped by the guard"
        );
    }
}
