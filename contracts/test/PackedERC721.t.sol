// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TestBase, Vm} from "./utils/Vm.sol";
import {PackedERC721} from "../src/PackedERC721.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC721Holder} from "@openzeppelin/contracts/token/ERC721/utils/ERC721Holder.sol";

/// @dev PackedERC721 with a mint, nothing else (HashrateNFT adds the never-sold mark and the escrow stream).
contract PackedHarness is PackedERC721 {
    function mint(address to, uint256 first, uint256 quantity) external {
        _mintConsecutive(to, first, quantity, 0);
    }

    function name() external pure returns (string memory) {
        return "P";
    }

    function symbol() external pure returns (string memory) {
        return "P";
    }

    function tokenURI(uint256) external pure returns (string memory) {
        return "";
    }
}

/// @dev OpenZeppelin's ERC721, the reference PackedERC721 must behave like.
contract OzReference is ERC721 {
    constructor() ERC721("P", "P") {}

    function mint(address to, uint256 first, uint256 quantity) external {
        for (uint256 i; i < quantity; ++i) _mint(to, first + i);
    }
}

/// @dev A contract with no onERC721Received: safe transfers to it must fail.
contract NotAReceiver {}

/// @dev A contract that accepts NFTs.
contract Receiver is ERC721Holder {}

/// @notice PackedERC721 (HashrateNFT's ERC-721 core: one word per token) against OpenZeppelin's ERC721 on the same
/// random sequences of approvals and transfers by random callers: every call succeeds or reverts with the same
/// data, emits the same events, and leaves the same owners, balances and approvals. This is what lets HashrateNFT
/// keep OpenZeppelin's behaviour while storing the approval flag, the never-sold mark and the escrow stream with
/// the owner.
contract PackedERC721Test is TestBase {
    PackedHarness internal packed;
    OzReference internal oz;
    address[6] internal accounts;
    uint256 internal constant MINTED = 5;

    function setUp() public {
        packed = new PackedHarness();
        oz = new OzReference();
        Receiver holder = new Receiver();
        NotAReceiver refuser = new NotAReceiver();
        accounts = [address(0xA1), address(0xB2), address(0xC3), address(holder), address(refuser), address(0)];
        packed.mint(accounts[0], 1, 3);
        packed.mint(accounts[1], 4, 2);
        oz.mint(accounts[0], 1, 3);
        oz.mint(accounts[1], 4, 2);
    }

    /// @dev Each op: kind (approve, setApprovalForAll, transferFrom, safeTransferFrom, safeTransferFrom with data),
    /// a caller among the first three accounts, a `from`/`to`/operator among all six (a receiver contract, a
    /// contract that refuses NFTs, the zero address), a token id among the five minted and one that does not exist.
    function testFuzz_BehavesLikeOpenZeppelin(uint256[16] calldata ops) public {
        for (uint256 i; i < ops.length; ++i) {
            uint256 op = ops[i];
            address caller = accounts[(op >> 8) % 3];
            address from = accounts[(op >> 16) % 6];
            address to = accounts[(op >> 24) % 6];
            uint256 tokenId = 1 + (op >> 32) % (MINTED + 1);
            bytes memory call;
            uint256 kind = op % 5;
            if (kind == 0) call = abi.encodeWithSignature("approve(address,uint256)", to, tokenId);
            else if (kind == 1) call = abi.encodeWithSignature("setApprovalForAll(address,bool)", to, (op >> 40) % 2 == 0);
            else if (kind == 2) call = abi.encodeWithSignature("transferFrom(address,address,uint256)", from, to, tokenId);
            else if (kind == 3) call = abi.encodeWithSignature("safeTransferFrom(address,address,uint256)", from, to, tokenId);
            else call = abi.encodeWithSignature("safeTransferFrom(address,address,uint256,bytes)", from, to, tokenId, "x");
            _same(caller, call);
        }
        _sameState();
    }

    /// @dev The paths a fuzzer might take long to find, spelled out: a single-token approval is used and cleared by
    /// a transfer, survives nothing, and an operator moves without one.
    function test_ApprovalFlagLifecycle() public {
        _same(accounts[0], abi.encodeWithSignature("approve(address,uint256)", accounts[2], 1));
        _same(accounts[2], abi.encodeWithSignature("transferFrom(address,address,uint256)", accounts[0], accounts[1], 1));
        _same(accounts[2], abi.encodeWithSignature("transferFrom(address,address,uint256)", accounts[1], accounts[2], 1));
        _same(accounts[0], abi.encodeWithSignature("approve(address,uint256)", accounts[2], 2));
        _same(accounts[0], abi.encodeWithSignature("approve(address,uint256)", address(0), 2));
        _same(accounts[2], abi.encodeWithSignature("transferFrom(address,address,uint256)", accounts[0], accounts[2], 2));
        _same(accounts[0], abi.encodeWithSignature("setApprovalForAll(address,bool)", accounts[2], true));
        _same(accounts[2], abi.encodeWithSignature("approve(address,uint256)", accounts[1], 3));
        _same(accounts[1], abi.encodeWithSignature("safeTransferFrom(address,address,uint256)", accounts[0], accounts[3], 3));
        _same(accounts[2], abi.encodeWithSignature("safeTransferFrom(address,address,uint256)", accounts[0], accounts[4], 2));
        _same(accounts[0], abi.encodeWithSignature("balanceOf(address)", address(0)));
        _same(accounts[0], abi.encodeWithSignature("getApproved(uint256)", 99));
        _sameState();
        vm.assertEq(packed.ownerOf(3), accounts[3], "a receiver contract took it");
        vm.assertEq(packed.getApproved(1), address(0), "a transfer clears the approval");
    }

    /// @dev Calls both with the same caller: same success, same return or revert data, same events.
    function _same(address caller, bytes memory call) internal {
        vm.recordLogs();
        vm.prank(caller);
        (bool okP, bytes memory retP) = address(packed).call(call);
        Vm.Log[] memory logsP = vm.getRecordedLogs();
        vm.prank(caller);
        (bool okO, bytes memory retO) = address(oz).call(call);
        Vm.Log[] memory logsO = vm.getRecordedLogs();
        vm.assertEq(okP, okO, "same outcome");
        vm.assertEq(retP, retO, "same return or revert data");
        vm.assertEq(logsP.length, logsO.length, "same number of events");
        for (uint256 i; i < logsP.length; ++i) {
            vm.assertEq(logsP[i].data, logsO[i].data, "same event data");
            vm.assertEq(logsP[i].topics.length, logsO[i].topics.length, "same topics");
            for (uint256 j; j < logsP[i].topics.length; ++j) {
                vm.assertEq(logsP[i].topics[j], logsO[i].topics[j], "same topic");
            }
        }
    }

    function _sameState() internal view {
        for (uint256 id = 1; id <= MINTED + 1; ++id) {
            (bool okP, bytes memory ownerP) = address(packed).staticcall(abi.encodeWithSignature("ownerOf(uint256)", id));
            (bool okO, bytes memory ownerO) = address(oz).staticcall(abi.encodeWithSignature("ownerOf(uint256)", id));
            vm.assertEq(okP, okO, "ownerOf outcome");
            vm.assertEq(ownerP, ownerO, "same owner");
            (okP, ownerP) = address(packed).staticcall(abi.encodeWithSignature("getApproved(uint256)", id));
            (okO, ownerO) = address(oz).staticcall(abi.encodeWithSignature("getApproved(uint256)", id));
            vm.assertEq(ownerP, ownerO, "same approval");
        }
        for (uint256 a; a < 5; ++a) {
            vm.assertEq(packed.balanceOf(accounts[a]), oz.balanceOf(accounts[a]), "same balance");
            for (uint256 b; b < 5; ++b) {
                vm.assertEq(
                    packed.isApprovedForAll(accounts[a], accounts[b]),
                    oz.isApprovedForAll(accounts[a], accounts[b]),
                    "same operator approval"
                );
            }
        }
    }
}
