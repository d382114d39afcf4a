// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TestBase} from "./utils/Vm.sol";
import {IFIL} from "../src/IFIL.sol";
import {MockWBTC} from "../mocks/MockWBTC.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice IFIL: bridge minting once per deposit reference, redeem with the Filecoin address check (every
/// protocol at its boundary lengths, both networks), permit, roles; and the WBTC mock.
contract IFILTest is TestBase {
    IFIL internal ifil;
    address internal admin = address(0xAD);
    address internal bridge = address(0xB41D);
    address internal alice = address(0xA11CE);
    bytes32 internal constant REF = keccak256("bafy2bzace-deposit-1");

    string internal constant B32 = "abcdefghijklmnopqrstuvwxyz234567";

    uint256 internal constant LIMIT = 1_000_000e18;

    function setUp() public {
        vm.chainId(1); // a chain where FIL is not the coin: IFIL is bridged
        ifil = new IFIL(admin, LIMIT);
        bytes32 role = ifil.BRIDGE_ROLE();
        vm.prank(admin);
        ifil.grantRole(role, bridge);
    }

    // ================================================================ constructor and metadata

    function test_Constructor_MetadataAndRoles() public view {
        vm.assertEq(ifil.name(), "Interchain FIL", "name");
        vm.assertEq(ifil.symbol(), "IFIL", "symbol");
        vm.assertEq(uint256(ifil.decimals()), 18, "decimals");
        vm.assertEq(ifil.totalSupply(), 0, "no supply");
        vm.assertTrue(ifil.hasRole(ifil.DEFAULT_ADMIN_ROLE(), admin), "admin");
        vm.assertFalse(ifil.hasRole(ifil.DEFAULT_ADMIN_ROLE(), address(this)), "deployer has no role");
        vm.assertTrue(ifil.hasRole(ifil.BRIDGE_ROLE(), bridge), "bridge");
    }

    function test_Constructor_RevertsOnZeroAdmin() public {
        vm.expectRevert(abi.encodeWithSelector(IFIL.IFILInvalidAdmin.selector));
        new IFIL(address(0), LIMIT);
    }

    // ================================================================ mint

    function test_Mint_MintsOncePerReference() public {
        vm.expectEmit(true, true, true, true, address(ifil));
        emit IERC20.Transfer(address(0), alice, 5e18);
        vm.expectEmit(true, true, true, true, address(ifil));
        emit IFIL.Minted(alice, 5e18, REF);
        vm.prank(bridge);
        ifil.mint(alice, 5e18, REF);
        vm.assertEq(ifil.balanceOf(alice), 5e18, "balance");
        vm.assertEq(ifil.totalSupply(), 5e18, "supply");
        vm.assertTrue(ifil.depositMinted(REF), "ref used");
        vm.assertFalse(ifil.depositMinted(keccak256("other")), "other ref unused");

        vm.expectRevert(abi.encodeWithSelector(IFIL.IFILDepositAlreadyMinted.selector, REF));
        vm.prank(bridge);
        ifil.mint(alice, 1, REF);
    }

    function test_Mint_RevertsForNonBridge() public {
        bytes32 role = ifil.BRIDGE_ROLE();
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, admin, role));
        vm.prank(admin);
        ifil.mint(alice, 1, REF);
    }

    function test_Mint_RevertsOnZeroAmountRefOrRecipient() public {
        vm.startPrank(bridge);
        vm.expectRevert(abi.encodeWithSelector(IFIL.IFILInvalidAmount.selector));
        ifil.mint(alice, 0, REF);
        vm.expectRevert(abi.encodeWithSelector(IFIL.IFILInvalidDepositRef.selector));
        ifil.mint(alice, 1, bytes32(0));
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        ifil.mint(address(0), 1, REF);
        vm.stopPrank();
        vm.assertFalse(ifil.depositMinted(REF), "failed mint leaves the ref unused");
    }

    function test_Mint_RevokedBridgeCannotMint() public {
        bytes32 role = ifil.BRIDGE_ROLE();
        vm.prank(admin);
        ifil.revokeRole(role, bridge);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, bridge, role));
        vm.prank(bridge);
        ifil.mint(alice, 1, REF);
    }

    // ================================================================ redeem

    function test_Redeem_BurnsAndEmits() public {
        vm.prank(bridge);
        ifil.mint(alice, 5e18, REF);
        string memory to = "f1abcdefghijklmnopqrstuvwxyz234567abcdefg";
        vm.expectEmit(true, true, true, true, address(ifil));
        emit IERC20.Transfer(alice, address(0), 2e18);
        vm.expectEmit(true, true, true, true, address(ifil));
        emit IFIL.Redeemed(alice, 2e18, to);
        vm.prank(alice);
        ifil.redeem(2e18, to);
        vm.assertEq(ifil.balanceOf(alice), 3e18, "balance");
        vm.assertEq(ifil.totalSupply(), 3e18, "supply burned");
    }

    function test_Redeem_RevertsOnZeroAmount() public {
        vm.expectRevert(abi.encodeWithSelector(IFIL.IFILInvalidAmount.selector));
        vm.prank(alice);
        ifil.redeem(0, "f01234");
    }

    function test_Redeem_RevertsBeyondBalance() public {
        vm.prank(bridge);
        ifil.mint(alice, 5, REF);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 5, 6));
        vm.prank(alice);
        ifil.redeem(6, "f01234");
    }

    function test_Redeem_RevertsOnInvalidAddress() public {
        vm.prank(bridge);
        ifil.mint(alice, 5, REF);
        string memory bad = "f01234x";
        vm.expectRevert(abi.encodeWithSelector(IFIL.IFILInvalidFilecoinAddress.selector, bad));
        vm.prank(alice);
        ifil.redeem(1, bad);
        vm.assertEq(ifil.balanceOf(alice), 5, "nothing burned");
    }

    // ================================================================ address format: boundaries

    function test_Address_Protocol0Lengths() public view {
        vm.assertFalse(ifil.isValidFilecoinAddress("f0"), "no digits");
        vm.assertTrue(ifil.isValidFilecoinAddress("f00"), "1 digit");
        vm.assertTrue(ifil.isValidFilecoinAddress("t01234"), "testnet");
        vm.assertTrue(ifil.isValidFilecoinAddress(string.concat("f0", _digits(20))), "20 digits");
        vm.assertFalse(ifil.isValidFilecoinAddress(string.concat("f0", _digits(21))), "21 digits");
        vm.assertFalse(ifil.isValidFilecoinAddress("f012a4"), "letter");
        vm.assertFalse(ifil.isValidFilecoinAddress("f0 123"), "space");
    }

    function test_Address_Protocol1And2Lengths() public view {
        for (uint256 p = 1; p <= 2; ++p) {
            string memory prefix = p == 1 ? "f1" : "t2";
            vm.assertTrue(ifil.isValidFilecoinAddress(string.concat(prefix, _b32(39))), "39");
            vm.assertFalse(ifil.isValidFilecoinAddress(string.concat(prefix, _b32(38))), "38");
            vm.assertFalse(ifil.isValidFilecoinAddress(string.concat(prefix, _b32(40))), "40");
            vm.assertFalse(ifil.isValidFilecoinAddress(prefix), "empty payload");
        }
        vm.assertFalse(ifil.isValidFilecoinAddress(string.concat("f1", _b32(38), "1")), "'1' is not base32");
        vm.assertFalse(ifil.isValidFilecoinAddress(string.concat("f1", _b32(38), "8")), "'8' is not base32");
        vm.assertFalse(ifil.isValidFilecoinAddress(string.concat("f1", _b32(38), "A")), "upper case");
    }

    function test_Address_Protocol3Lengths() public view {
        vm.assertTrue(ifil.isValidFilecoinAddress(string.concat("f3", _b32(84))), "84");
        vm.assertTrue(ifil.isValidFilecoinAddress(string.concat("t3", _b32(84))), "84 testnet");
        vm.assertFalse(ifil.isValidFilecoinAddress(string.concat("f3", _b32(83))), "83");
        vm.assertFalse(ifil.isValidFilecoinAddress(string.concat("f3", _b32(85))), "85");
        vm.assertFalse(ifil.isValidFilecoinAddress(string.concat("f3", _b32(39))), "a protocol 1 payload");
    }

    function test_Address_Protocol4Lengths() public view {
        vm.assertTrue(ifil.isValidFilecoinAddress("f410fa"), "shortest");
        vm.assertTrue(ifil.isValidFilecoinAddress(string.concat("f410f", _b32(86))), "86");
        vm.assertFalse(ifil.isValidFilecoinAddress(string.concat("f410f", _b32(87))), "87");
        vm.assertTrue(ifil.isValidFilecoinAddress(string.concat("t4", _digits(20), "f", _b32(38))), "20 digits");
        vm.assertFalse(ifil.isValidFilecoinAddress(string.concat("f4", _digits(21), "f", _b32(38))), "21 digits");
        vm.assertFalse(ifil.isValidFilecoinAddress("f4f"), "no digits, no payload");
        vm.assertFalse(ifil.isValidFilecoinAddress("f4fabc"), "no digits");
        vm.assertFalse(ifil.isValidFilecoinAddress("f410f"), "no payload");
        vm.assertFalse(ifil.isValidFilecoinAddress("f410"), "no separator");
        vm.assertFalse(ifil.isValidFilecoinAddress("f410gabc"), "wrong separator");
        vm.assertFalse(ifil.isValidFilecoinAddress("f410fab1"), "bad payload char");
    }

    function test_Address_NetworkAndProtocol() public view {
        vm.assertFalse(ifil.isValidFilecoinAddress(""), "empty");
        vm.assertFalse(ifil.isValidFilecoinAddress("f"), "network only");
        vm.assertFalse(ifil.isValidFilecoinAddress("x01234"), "unknown network");
        vm.assertFalse(ifil.isValidFilecoinAddress("F01234"), "upper-case network");
        vm.assertFalse(ifil.isValidFilecoinAddress("f51234"), "protocol 5");
        vm.assertFalse(ifil.isValidFilecoinAddress("fa1234"), "protocol letter");
    }

    // ================================================================ permit

    function test_Permit_SetsAllowance() public {
        uint256 pk = 0xA11CE;
        address owner = vm.addr(pk);
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                owner,
                alice,
                7e18,
                0,
                block.timestamp + 1 hours
            )
        );
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", ifil.DOMAIN_SEPARATOR(), structHash));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(pk, digest);
        ifil.permit(owner, alice, 7e18, block.timestamp + 1 hours, v, r, s);
        vm.assertEq(ifil.allowance(owner, alice), 7e18, "allowance");
        vm.assertEq(ifil.nonces(owner), 1, "nonce");
    }

    // ================================================================ WBTC mock

    function test_MockWBTC_FaucetAndDecimals() public {
        MockWBTC wbtc = new MockWBTC();
        vm.assertEq(uint256(wbtc.decimals()), 8, "decimals");
        vm.assertEq(wbtc.symbol(), "WBTC", "symbol");
        vm.expectEmit(true, true, true, true, address(wbtc));
        emit MockWBTC.FaucetUsed(alice, 1e8);
        vm.prank(alice);
        wbtc.faucet();
        wbtc.mint(alice, 5);
        vm.assertEq(wbtc.balanceOf(alice), 1e8 + 5, "faucet + mint");
    }

    // ================================================================ fuzz

    /// @dev Protocols 1, 2 and 3 accept exactly their length of base32 characters, nothing else.
    function testFuzz_Address_FixedLengthProtocols(uint256 protocol, uint256 len, uint256 seed, bool testnet)
        public
        view
    {
        protocol = bound(protocol, 1, 3);
        len = bound(len, 0, 100);
        uint256 want = protocol == 3 ? 84 : 39;
        string memory a = string.concat(testnet ? "t" : "f", _char(protocol), _b32Seeded(len, seed));
        vm.assertEq(ifil.isValidFilecoinAddress(a), len == want, "exact length only");
    }

    /// @dev Protocol 0 accepts 1 to 20 digits; protocol 4 accepts 1 to 20 digits, `f`, 1 to 86 base32 chars.
    function testFuzz_Address_VariableLengthProtocols(uint256 digits, uint256 payload, uint256 seed) public view {
        digits = bound(digits, 0, 25);
        payload = bound(payload, 0, 95);
        string memory d = _digitsSeeded(digits, seed);
        vm.assertEq(ifil.isValidFilecoinAddress(string.concat("f0", d)), digits >= 1 && digits <= 20, "f0");
        bool ok4 = digits >= 1 && digits <= 20 && payload >= 1 && payload <= 86;
        string memory a4 = string.concat("t4", d, "f", _b32Seeded(payload, seed >> 8));
        vm.assertEq(ifil.isValidFilecoinAddress(a4), ok4, "t4");
    }

    /// @dev One foreign character anywhere in a valid protocol 1 address makes it invalid; redeem refuses it and
    /// burns nothing.
    function testFuzz_Address_OneBadCharacter(uint256 pos, uint8 c) public {
        pos = bound(pos, 0, 40);
        bytes memory a = bytes(string.concat("f1", _b32(39)));
        bytes1 ch = bytes1(c);
        bool allowed = pos == 0
            ? (ch == "f" || ch == "t")
            : pos == 1 ? ch == "1" || ch == "2" : (ch >= "a" && ch <= "z") || (ch >= "2" && ch <= "7");
        a[pos] = ch;
        string memory s = string(a);
        vm.assertEq(ifil.isValidFilecoinAddress(s), allowed, "one character");
        if (!allowed) {
            vm.prank(bridge);
            ifil.mint(alice, 1, REF);
            vm.expectRevert(abi.encodeWithSelector(IFIL.IFILInvalidFilecoinAddress.selector, s));
            vm.prank(alice);
            ifil.redeem(1, s);
        }
    }

    /// @dev Mint then redeem any amounts: supply and balances track exactly.
    // ================================================================ bridged mode: the daily limit and the totals

    /// @dev The finding: one bridge key minted without bound. Where a bridge is still needed, it mints at most the
    /// DAO's daily limit; the totals bridged in and out are public.
    function test_Attack_BridgeKeyIsRateLimited() public {
        vm.assertFalse(ifil.native(), "chain 1: bridged");
        vm.assertEq(ifil.dailyMintLimit(), LIMIT, "limit from the deploy");
        uint256 day = block.timestamp / 1 days;
        vm.prank(bridge);
        ifil.mint(alice, LIMIT - 1, REF);
        vm.expectRevert(abi.encodeWithSelector(IFIL.IFILDailyLimitExceeded.selector, day, LIMIT - 1, 2, LIMIT));
        vm.prank(bridge);
        ifil.mint(alice, 2, keccak256("deposit-2"));
        vm.expectRevert(abi.encodeWithSelector(IFIL.IFILDailyLimitExceeded.selector, day, LIMIT - 1, type(uint256).max, LIMIT));
        vm.prank(bridge);
        ifil.mint(alice, type(uint256).max, keccak256("deposit-3"));
        vm.prank(bridge);
        ifil.mint(alice, 1, keccak256("deposit-2"));
        vm.assertEq(ifil.mintedOn(day), LIMIT, "the day is full");
        // the next UTC day opens a new allowance
        vm.warp((day + 1) * 1 days);
        vm.prank(bridge);
        ifil.mint(alice, 5, keccak256("deposit-4"));
        vm.assertEq(ifil.totalBridgedIn(), LIMIT + 5, "total bridged in");
        vm.prank(alice);
        ifil.redeem(7, "f01234");
        vm.assertEq(ifil.totalBridgedOut(), 7, "total bridged out");
        vm.assertEq(ifil.totalSupply(), ifil.totalBridgedIn() - ifil.totalBridgedOut(), "supply = in - out");
    }

    function test_SetDailyMintLimit_OnlyAdmin_LowerThanMintedStopsTheDay() public {
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, bridge, ifil.DEFAULT_ADMIN_ROLE())
        );
        vm.prank(bridge);
        ifil.setDailyMintLimit(type(uint256).max);
        vm.prank(bridge);
        ifil.mint(alice, 100, REF);
        vm.expectEmit(false, false, false, true, address(ifil));
        emit IFIL.DailyMintLimitUpdated(LIMIT, 50);
        vm.prank(admin);
        ifil.setDailyMintLimit(50);
        uint256 day = block.timestamp / 1 days;
        vm.expectRevert(abi.encodeWithSelector(IFIL.IFILDailyLimitExceeded.selector, day, 100, 1, 50));
        vm.prank(bridge);
        ifil.mint(alice, 1, keccak256("deposit-2"));
        // wrapping the coin is for native chains only
        vm.deal(alice, 1e18);
        vm.expectRevert(IFIL.IFILBridgedChain.selector);
        vm.prank(alice);
        ifil.deposit{value: 1e18}();
        vm.expectRevert(IFIL.IFILBridgedChain.selector);
        vm.prank(alice);
        ifil.withdraw(1);
    }

    function testFuzz_MintRedeem(uint256 minted, uint256 redeemed) public {
        minted = bound(minted, 1, LIMIT);
        redeemed = bound(redeemed, 1, minted);
        vm.prank(bridge);
        ifil.mint(alice, minted, REF);
        vm.prank(alice);
        ifil.redeem(redeemed, "f01234");
        vm.assertEq(ifil.balanceOf(alice), minted - redeemed, "balance");
        vm.assertEq(ifil.totalSupply(), minted - redeemed, "supply");
    }

    // ================================================================ helpers

    function _b32(uint256 n) internal pure returns (string memory) {
        return _b32Seeded(n, 0);
    }

    function _b32Seeded(uint256 n, uint256 seed) internal pure returns (string memory) {
        bytes memory alphabet = bytes(B32);
        bytes memory out = new bytes(n);
        for (uint256 i; i < n; ++i) {
            out[i] = alphabet[uint256(keccak256(abi.encode(seed, i))) % 32];
        }
        return string(out);
    }

    function _digits(uint256 n) internal pure returns (string memory) {
        return _digitsSeeded(n, 7);
    }

    function _digitsSeeded(uint256 n, uint256 seed) internal pure returns (string memory) {
        bytes memory out = new bytes(n);
        for (uint256 i; i < n; ++i) {
            // forge-lint: disable-next-line(unsafe-typecast) -- a digit
            out[i] = bytes1(uint8(48 + uint256(keccak256(abi.encode(seed, i, "d"))) % 10));
        }
        return string(out);
    }

    function _char(uint256 digit) internal pure returns (string memory) {
        bytes memory out = new bytes(1);
        // forge-lint: disable-next-line(unsafe-typecast) -- a digit
        out[0] = bytes1(uint8(48 + digit));
        return string(out);
    }
}
