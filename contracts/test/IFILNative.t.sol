// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TestBase} from "./utils/Vm.sol";
import {IFIL} from "../src/IFIL.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @dev A holder whose receive hook re-enters {IFIL.withdraw} (or refuses the coin).
contract ReenteringHolder {
    IFIL internal immutable ifil;
    bool public refuse;
    bytes public innerError;

    constructor(IFIL ifil_) {
        ifil = ifil_;
    }

    function wrap() external payable {
        ifil.deposit{value: msg.value}();
    }

    function unwrap(uint256 amount) external {
        ifil.withdraw(amount);
    }

    function setRefuse(bool r) external {
        refuse = r;
    }

    receive() external payable {
        if (refuse) revert("no coin");
        if (msg.sender == address(ifil) && ifil.balanceOf(address(this)) != 0) {
            try ifil.withdraw(ifil.balanceOf(address(this))) {} catch (bytes memory e) {
                innerError = e;
            }
        }
    }
}

/// @notice IFIL where FIL is the chain's own coin (forge's chain id 31337 stands in, as the local chain does):
/// a WETH9-style wrapper that nobody can mint, whose coin balance always backs its supply.
contract IFILNativeTest is TestBase {
    IFIL internal ifil;
    address internal admin = address(0xAD);
    address internal alice = address(0xA11CE);
    address internal bob = address(0xB0B);

    function setUp() public {
        ifil = new IFIL(admin, 5e18);
        vm.deal(alice, 100e18);
        vm.deal(bob, 100e18);
    }

    function test_NativeOnFilecoinAndTheLocalChain() public {
        vm.assertTrue(ifil.native(), "31337 is native");
        vm.assertEq(ifil.dailyMintLimit(), 0, "no minting on a native chain");
        for (uint256 i; i < 3; ++i) {
            uint256 id = [uint256(314), 314159, 31337][i];
            vm.chainId(id);
            vm.assertTrue(new IFIL(admin, 1).native(), "Filecoin mainnet, calibration, local");
        }
        vm.chainId(1);
        vm.assertFalse(new IFIL(admin, 1).native(), "elsewhere IFIL is bridged");
    }

    function test_DepositAndWithdraw_OneToOne() public {
        vm.expectEmit(true, false, false, true, address(ifil));
        emit IFIL.Deposit(alice, 3e18);
        vm.prank(alice);
        ifil.deposit{value: 3e18}();
        vm.assertEq(ifil.balanceOf(alice), 3e18, "minted what was sent");
        vm.assertEq(address(ifil).balance, 3e18, "coin held");
        // a plain transfer of the coin is a deposit
        vm.prank(alice);
        (bool ok,) = address(ifil).call{value: 1e18}("");
        vm.assertTrue(ok, "plain transfer accepted");
        vm.assertEq(ifil.balanceOf(alice), 4e18, "and wrapped");

        vm.expectEmit(true, false, false, true, address(ifil));
        emit IFIL.Withdrawal(alice, 2.5e18);
        vm.prank(alice);
        ifil.withdraw(2.5e18);
        vm.assertEq(ifil.balanceOf(alice), 1.5e18, "burned");
        vm.assertEq(alice.balance, 100e18 - 4e18 + 2.5e18, "paid back in the coin");
        vm.assertEq(address(ifil).balance, ifil.totalSupply(), "backed 1:1");
    }

    function test_RevertWhen_ZeroOrMoreThanHeld() public {
        vm.expectRevert(IFIL.IFILInvalidAmount.selector);
        vm.prank(alice);
        ifil.deposit{value: 0}();
        vm.prank(alice);
        ifil.deposit{value: 1e18}();
        vm.expectRevert(IFIL.IFILInvalidAmount.selector);
        vm.prank(alice);
        ifil.withdraw(0);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 1e18, 1e18 + 1));
        vm.prank(alice);
        ifil.withdraw(1e18 + 1);
        // another holder cannot take alice's coin
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, bob, 0, 1));
        vm.prank(bob);
        ifil.withdraw(1);
    }

    /// @dev The finding: one bridge key minted unlimited IFIL. On a native chain nobody mints, not even the admin
    /// after granting itself the bridge role; the bridge's functions revert.
    function test_Attack_NoKeyCanMint() public {
        bytes32 role = ifil.BRIDGE_ROLE();
        vm.prank(admin);
        ifil.grantRole(role, admin);
        vm.expectRevert(IFIL.IFILNativeChain.selector);
        vm.prank(admin);
        ifil.mint(admin, 1_000_000e18, keccak256("fake deposit"));
        vm.expectRevert(IFIL.IFILNativeChain.selector);
        vm.prank(admin);
        ifil.setDailyMintLimit(type(uint256).max);
        vm.prank(alice);
        ifil.deposit{value: 1e18}();
        vm.expectRevert(IFIL.IFILNativeChain.selector);
        vm.prank(alice);
        ifil.redeem(1e18, "f01234");
        vm.assertEq(ifil.totalSupply(), 1e18, "only what was wrapped exists");
    }

    function test_Reentrancy_WithdrawInReceiveIsRefused() public {
        ReenteringHolder h = new ReenteringHolder(ifil);
        h.wrap{value: 2e18}();
        h.unwrap(1e18);
        vm.assertEq(
            keccak256(h.innerError()),
            keccak256(abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector)),
            "the nested withdraw was refused"
        );
        vm.assertEq(ifil.balanceOf(address(h)), 1e18, "one withdrawal only");
        vm.assertEq(address(h).balance, 1e18, "paid once");
        vm.assertEq(address(ifil).balance, ifil.totalSupply(), "still backed");
    }

    function test_RevertWhen_ReceiverRefusesTheCoin_NothingBurned() public {
        ReenteringHolder h = new ReenteringHolder(ifil);
        h.wrap{value: 1e18}();
        h.setRefuse(true);
        vm.expectRevert(abi.encodeWithSelector(IFIL.IFILPayoutFailed.selector, address(h), 1e18));
        h.unwrap(1e18);
        vm.assertEq(ifil.balanceOf(address(h)), 1e18, "still wrapped");
        vm.assertEq(address(ifil).balance, 1e18, "coin still held");
    }

    /// @dev Any sequence of deposits, withdrawals and transfers between two holders keeps the coin held equal to
    /// the supply, and each holder's coin + IFIL constant.
    function testFuzz_BackedOneToOne(uint256[8] calldata amounts, uint8 ops) public {
        address[2] memory who = [alice, bob];
        for (uint256 i; i < amounts.length; ++i) {
            address a = who[i % 2];
            uint256 op = (uint256(ops) >> (i % 8)) % 3;
            if (op == 0 && a.balance != 0) {
                uint256 v = bound(amounts[i], 1, a.balance);
                vm.prank(a);
                ifil.deposit{value: v}();
            } else if (op == 1 && ifil.balanceOf(a) != 0) {
                uint256 v = bound(amounts[i], 1, ifil.balanceOf(a));
                vm.prank(a);
                ifil.withdraw(v);
            } else if (ifil.balanceOf(a) != 0) {
                uint256 v = bound(amounts[i], 0, ifil.balanceOf(a));
                vm.prank(a);
                ifil.transfer(who[(i + 1) % 2], v);
            }
            vm.assertEq(address(ifil).balance, ifil.totalSupply(), "backed 1:1");
        }
        vm.assertEq(alice.balance + bob.balance + ifil.totalSupply(), 200e18, "no value created or lost");
    }
}

/// @dev Random deposits, withdrawals and transfers among three holders for the invariant below.
contract IFILNativeHandler is TestBase {
    IFIL internal immutable ifil;
    address[3] internal holders = [address(0xA1), address(0xA2), address(0xA3)];

    constructor(IFIL ifil_) {
        ifil = ifil_;
        for (uint256 i; i < 3; ++i) {
            vm.deal(holders[i], 1_000e18);
        }
    }

    function deposit(uint256 who, uint256 amount) external {
        address a = holders[who % 3];
        if (a.balance == 0) return;
        vm.prank(a);
        ifil.deposit{value: bound(amount, 1, a.balance)}();
    }

    function withdraw(uint256 who, uint256 amount) external {
        address a = holders[who % 3];
        uint256 held = ifil.balanceOf(a);
        if (held == 0) return;
        vm.prank(a);
        ifil.withdraw(bound(amount, 1, held));
    }

    function transfer(uint256 who, uint256 to, uint256 amount) external {
        address a = holders[who % 3];
        uint256 value = bound(amount, 0, ifil.balanceOf(a));
        vm.prank(a);
        ifil.transfer(holders[to % 3], value);
    }

    function total() external view returns (uint256 t) {
        for (uint256 i; i < 3; ++i) {
            t += holders[i].balance + ifil.balanceOf(holders[i]);
        }
    }
}

contract IFILNativeInvariantTest is TestBase {
    IFIL internal ifil;
    IFILNativeHandler internal handler;

    function setUp() public {
        ifil = new IFIL(address(0xAD), 0);
        handler = new IFILNativeHandler(ifil);
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// @dev Every IFIL is backed by coin held by the contract, and no holder's value appears or disappears.
    function invariant_SupplyBackedByCoin() public view {
        vm.assertEq(address(ifil).balance, ifil.totalSupply(), "coin held == supply");
        vm.assertEq(handler.total(), 3_000e18, "holders' coin + IFIL is conserved");
    }
}
